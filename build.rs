//! Compiles the built-in chapters into the binary's data with the core
//! crate's [`advice_core::embed::compile`]: a broken chapter stops the build
//! with `chapters/NN-slug.md:LINE:COL: problem`. Cargo reruns this when
//! `chapters/` or the core crate changes.

fn main() {
    println!("cargo::rerun-if-changed=chapters");
    let Some(out) = std::env::var_os("OUT_DIR") else {
        fail(&["OUT_DIR is not set".to_string()]);
    };
    if let Err(problems) =
        advice_core::embed::compile(std::path::Path::new("chapters"), std::path::Path::new(&out))
    {
        fail(&problems);
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
