//! Compiling the built-in guide: every `chapters/*.md` parsed and validated
//! with the same code that reads a reader's own chapters, then written as the
//! binary's data (the library, its search index, its tips, its chapters'
//! names and an id).
//!
//! A broken chapter stops the build with `chapters/NN-slug.md:LINE:COL:
//! problem`; the binary then reads these files in place at run time, with no
//! YAML or markdown parsing, tokenising or stemming.

use crate::chapter::{Origin, StoredChapter, StoredNames};
use std::path::Path;

/// The files [`compile`] writes into the output folder.
pub mod files {
    /// The chapters: front matter ready to use, each body encoded on its own.
    pub const LIBRARY: &str = "library.bin";
    /// The search index of the built-in chapters ([`crate::index`]).
    pub const INDEX: &str = "index.bin";
    /// The tips ([`crate::tips`]).
    pub const TIPS: &str = "tips.bin";
    /// What each chapter answers to by name ([`crate::chapter::StoredNames`]).
    pub const NAMES: &str = "names.bin";
    /// An 8-byte id of this build's library, so caches made by another build are rebuilt.
    pub const ID: &str = "id.bin";
}

/// Parses, validates and writes the chapters in `chapters` (shown in
/// messages as `chapters/NAME`) into `out`. Every problem found is
/// returned, one line each, and nothing is written.
pub fn compile(chapters: &Path, out: &Path) -> Result<(), Vec<String>> {
    let mut files: Vec<_> = match std::fs::read_dir(chapters) {
        Ok(dir) => dir
            .filter_map(Result::ok)
            .map(|e| e.path())
            .filter(|p| p.extension().is_some_and(|e| e == "md"))
            .collect(),
        Err(e) => return Err(vec![format!("chapters: cannot read the folder: {e}")]),
    };
    files.sort();

    let mut parsed = Vec::new();
    let mut problems = Vec::new();
    for file in &files {
        let name = file
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let shown = format!("chapters/{name}");
        let bytes = match std::fs::read(file) {
            Ok(bytes) => bytes,
            Err(e) => {
                problems.push(format!("{shown}: cannot read: {e}"));
                continue;
            }
        };
        match crate::parse::parse_chapter(&shown, &bytes, Origin::BuiltIn) {
            Ok(chapter) => {
                let expected = format!("{:02}-{}.md", chapter.meta.order, chapter.meta.slug);
                if name != expected {
                    problems.push(format!("{shown}:1:1: built-in chapter files are named NN-slug.md; rename this one to chapters/{expected}"));
                }
                parsed.push(chapter);
            }
            Err(diagnostics) => problems.extend(diagnostics.iter().map(ToString::to_string)),
        }
    }
    let (chapters, cross) = crate::validate::assemble(parsed);
    // Every entry of data/asks.tsv must belong to a chapter.
    for (slug, text) in crate::asks::all() {
        if !chapters.iter().any(|c| c.meta.slug == slug) {
            problems.push(format!(
                "crates/advice-core/data/asks.tsv: {slug:?} is not a chapter's slug (in {text:?})"
            ));
        }
    }
    // Every cross-chapter remark is a problem for the built-in guide, even
    // those that would only be lint's business in a reader's library.
    problems.extend(cross.iter().map(|p| p.diagnostic.to_string()));
    if !problems.is_empty() {
        return Err(problems);
    }

    let fail = |what: &str, e: postcard::Error| vec![format!("cannot serialise {what}: {e}")];
    // Each chapter's content is encoded on its own, so the binary can decode
    // the front matter of all chapters and the body of just the one it shows.
    let mut encoded = Vec::with_capacity(chapters.len());
    for chapter in &chapters {
        encoded.push(postcard::to_allocvec(chapter.content()).map_err(|e| fail(&chapter.path, e))?);
    }
    let stored: Vec<StoredChapter> = chapters
        .iter()
        .zip(&encoded)
        .map(|(c, content)| StoredChapter {
            meta: c.meta.clone(),
            origin: c.origin,
            path: c.path.clone(),
            content,
        })
        .collect();
    let library = postcard::to_allocvec(&stored).map_err(|e| fail("the library", e))?;
    let index = crate::analyze::build_index(&chapters);
    let tips =
        postcard::to_allocvec(&crate::tips::collect(&chapters)).map_err(|e| fail("the tips", e))?;
    let names: Vec<StoredNames> = chapters
        .iter()
        .map(|c| StoredNames {
            order: c.meta.order,
            slug: &c.meta.slug,
            aliases: c.meta.aliases.iter().map(String::as_str).collect(),
            titles: std::iter::once(c.meta.title.as_str())
                .chain(c.meta.book.iter().map(|b| b.chapter.as_str()))
                .collect(),
        })
        .collect();
    let names = postcard::to_allocvec(&names).map_err(|e| fail("the names", e))?;
    // The id also covers the code that reads and judges chapters, so a
    // reader's cache (parsed chapters, problems found) is rebuilt whenever
    // the rules change, even between two builds of one version.
    let id = crate::hash::fnv1a(
        library
            .iter()
            .chain(&index)
            .chain(env!("CARGO_PKG_VERSION").as_bytes())
            .chain(RULES_SOURCE.iter().flat_map(|s| s.as_bytes()))
            .copied(),
    );
    for (name, bytes) in [
        (files::LIBRARY, library.as_slice()),
        (files::INDEX, index.as_slice()),
        (files::TIPS, tips.as_slice()),
        (files::NAMES, names.as_slice()),
        (files::ID, &id.to_le_bytes()),
    ] {
        let path = out.join(name);
        std::fs::write(&path, bytes)
            .map_err(|e| vec![format!("{}: cannot write: {e}", path.display())])?;
    }
    Ok(())
}

/// The source of every module that decides what a chapter file becomes.
const RULES_SOURCE: [&str; 13] = [
    include_str!("analyze.rs"),
    include_str!("asks.rs"),
    include_str!("body.rs"),
    include_str!("chapter.rs"),
    include_str!("front_matter.rs"),
    include_str!("index.rs"),
    include_str!("parse.rs"),
    include_str!("spelling.rs"),
    include_str!("template.rs"),
    include_str!("text.rs"),
    include_str!("thesaurus.rs"),
    include_str!("tips.rs"),
    include_str!("validate.rs"),
];
