//! Compiles the built-in chapters into the binary.
//!
//! Every `chapters/*.md` is parsed and validated here with the same code the
//! binary uses for a reader's own chapters (`src/parse.rs`, `src/validate.rs`).
//! A broken chapter stops the build with `chapters/NN-slug.md:LINE:COL: problem`.
//! The parsed library is written to `$OUT_DIR/library.bin` and its search
//! index to `$OUT_DIR/index.bin` (tips to `tips.bin`), so the binary reads both at run time without
//! parsing YAML or markdown, tokenising or stemming.

#![allow(dead_code)]

#[path = "src/analyze.rs"]
mod analyze;
#[path = "src/chapter.rs"]
mod chapter;
#[path = "src/contents.rs"]
mod contents;
#[path = "src/index.rs"]
mod index;
#[path = "src/parse.rs"]
mod parse;
#[path = "src/text.rs"]
mod text;
#[path = "src/tips.rs"]
mod tips;
#[path = "src/validate.rs"]
mod validate;

use std::path::Path;

fn main() {
    // A directory here makes Cargo rerun the script when any file in it is
    // added, removed or changed.
    println!("cargo::rerun-if-changed=chapters");
    println!("cargo::rerun-if-changed=src/chapter.rs");
    println!("cargo::rerun-if-changed=src/contents.rs");
    println!("cargo::rerun-if-changed=src/parse.rs");
    println!("cargo::rerun-if-changed=src/validate.rs");
    println!("cargo::rerun-if-changed=src/text.rs");
    println!("cargo::rerun-if-changed=src/analyze.rs");
    println!("cargo::rerun-if-changed=src/index.rs");
    println!("cargo::rerun-if-changed=src/tips.rs");

    let mut files: Vec<_> = match std::fs::read_dir("chapters") {
        Ok(dir) => dir
            .filter_map(Result::ok)
            .map(|e| e.path())
            .filter(|p| p.extension().is_some_and(|e| e == "md"))
            .collect(),
        Err(e) => fail(&[format!("chapters: cannot read the folder: {e}")]),
    };
    files.sort();

    let mut chapters = Vec::new();
    let mut problems = Vec::new();
    for file in &files {
        let shown = format!(
            "chapters/{}",
            file.file_name()
                .map(|n| n.to_string_lossy())
                .unwrap_or_default()
        );
        let bytes = match std::fs::read(file) {
            Ok(bytes) => bytes,
            Err(e) => {
                problems.push(format!("{shown}: cannot read: {e}"));
                continue;
            }
        };
        match parse::parse_chapter(&shown, &bytes, chapter::Origin::BuiltIn) {
            Ok(chapter) => {
                let expected = format!("{:02}-{}.md", chapter.meta.order, chapter.meta.slug);
                if !shown.ends_with(&expected) {
                    problems.push(format!("{shown}:1:1: built-in chapter files are named NN-slug.md; rename this one to chapters/{expected}"));
                }
                chapters.push(chapter);
            }
            Err(diagnostics) => problems.extend(diagnostics.iter().map(ToString::to_string)),
        }
    }
    let (chapters, cross) = validate::assemble(chapters);
    problems.extend(cross.iter().map(|p| p.diagnostic.to_string()));
    if !problems.is_empty() {
        fail(&problems);
    }

    let out_dir =
        std::env::var("OUT_DIR").unwrap_or_else(|_| fail(&["OUT_DIR is not set".to_string()]));
    // Each chapter's content is encoded on its own, so the binary can decode
    // the front matter of all chapters and the body of just the one it shows.
    let encoded: Vec<Vec<u8>> = chapters
        .iter()
        .map(|c| {
            postcard::to_allocvec(c.content())
                .unwrap_or_else(|e| fail(&[format!("cannot serialise {}: {e}", c.path)]))
        })
        .collect();
    let stored: Vec<chapter::StoredChapter> = chapters
        .iter()
        .zip(&encoded)
        .map(|(c, content)| chapter::StoredChapter {
            meta: c.meta.clone(),
            origin: c.origin,
            path: c.path.clone(),
            content,
        })
        .collect();
    let bytes = postcard::to_allocvec(&stored)
        .unwrap_or_else(|e| fail(&[format!("cannot serialise the library: {e}")]));
    write(&Path::new(&out_dir).join("library.bin"), &bytes);
    let index = analyze::build_index(&chapters);
    write(&Path::new(&out_dir).join("index.bin"), &index);
    let tips = postcard::to_allocvec(&tips::collect(&chapters))
        .unwrap_or_else(|e| fail(&[format!("cannot serialise the tips: {e}")]));
    write(&Path::new(&out_dir).join("tips.bin"), &tips);
    // Identifies this build's library, so caches of a reader's library made
    // by another build are rebuilt rather than trusted.
    let mut id = 0xcbf2_9ce4_8422_2325u64;
    for byte in bytes
        .iter()
        .chain(&index)
        .chain(env!("CARGO_PKG_VERSION").as_bytes())
    {
        id = (id ^ u64::from(*byte)).wrapping_mul(0x0100_0000_01b3);
    }
    write(&Path::new(&out_dir).join("id.bin"), &id.to_le_bytes());
}

fn write(path: &Path, bytes: &[u8]) {
    if let Err(e) = std::fs::write(path, bytes) {
        fail(&[format!("{}: cannot write: {e}", path.display())]);
    }
}

/// Stops the build, printing each problem on its own line.
fn fail(problems: &[String]) -> ! {
    eprintln!("The built-in chapters have {} problem(s):", problems.len());
    for problem in problems {
        eprintln!("{problem}");
        println!("cargo::warning={problem}");
    }
    std::process::exit(1);
}
