//! Compiles the built-in chapters into the binary's data with the core
//! crate's [`advice_core::embed::compile`]: a broken chapter stops the build
//! with `chapters/NN-slug.md:LINE:COL: problem`. Cargo reruns this when
//! `chapters/` or the core crate changes.
//!
//! It also links the binary with packed relative relocations where the
//! machine building it can load them (see [`pack_relocations`]).

use std::path::Path;
use std::process::{Command, Stdio};

fn main() {
    println!("cargo::rerun-if-changed=chapters");
    let Some(out) = std::env::var_os("OUT_DIR") else {
        fail(&["OUT_DIR is not set".to_string()]);
    };
    let out = Path::new(&out);
    if let Err(problems) = advice_core::embed::compile(Path::new("chapters"), out) {
        fail(&problems);
    }
    if pack_relocations(out) {
        println!("cargo::rustc-link-arg-bins={PACK_RELATIVE_RELOCS}");
    }
}

/// The linker flag for packed relative relocations (DT_RELR).
const PACK_RELATIVE_RELOCS: &str = "-Wl,-z,pack-relative-relocs";

/// Whether to link with [`PACK_RELATIVE_RELOCS`]. A position-independent
/// binary is fixed up by the dynamic loader at every start: advice's
/// dependencies' tables (HTML entities, Unicode classes, clap's and the
/// standard library's) hold some 14,500 pointers, 350 KB of relocation
/// records read and applied before `main`. Packed, the records take 4 KB
/// and a search starts about a tenth of a millisecond sooner (bench/run).
///
/// It needs a linker that knows the flag (GNU ld 2.38, lld 15) and a C
/// library that loads the result (glibc 2.36): a binary built with it
/// does not start on an older glibc. So it is taken only on Linux with
/// glibc, when building for the machine the build runs on, and only when
/// an empty program linked with it there also runs there. Anything else
/// links as before.
fn pack_relocations(out: &Path) -> bool {
    let env = |key: &str| std::env::var(key).unwrap_or_default();
    if env("CARGO_CFG_TARGET_OS") != "linux"
        || env("CARGO_CFG_TARGET_ENV") != "gnu"
        || env("HOST") != env("TARGET")
    {
        return false;
    }
    let rustc = std::env::var_os("RUSTC").unwrap_or_else(|| "rustc".into());
    let source = out.join("relr_probe.rs");
    let program = out.join("relr_probe");
    if std::fs::write(&source, "fn main() {}\n").is_err() {
        return false;
    }
    // The build's own flags (a chosen linker, say) go to the probe too.
    let flags = env("CARGO_ENCODED_RUSTFLAGS");
    let linked = Command::new(rustc)
        .args(flags.split('\x1f').filter(|flag| !flag.is_empty()))
        .args(["-C", &format!("link-arg={PACK_RELATIVE_RELOCS}"), "-o"])
        .arg(&program)
        .arg(&source)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .is_ok_and(|status| status.success());
    linked
        && Command::new(&program)
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .status()
            .is_ok_and(|status| status.success())
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
