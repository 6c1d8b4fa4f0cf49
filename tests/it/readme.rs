//! The README's examples are tests: every `console` block in README.md runs
//! against the real binary and must print exactly what the README shows.
//!
//! The README is copied into a scratch folder first, so examples that write
//! files (`advice new`) leave the repository alone. To refresh the README after
//! a deliberate change in output: `TRYCMD=overwrite cargo test readme`.

use std::fs;
use std::path::Path;

#[test]
fn readme_examples_match() {
    let scratch = tempfile::tempdir().expect("temp dir");
    let readme = scratch.path().join("README.md");
    fs::copy("README.md", &readme).expect("copy README.md");
    // An `*.out` folder next to a case makes trycmd run it in a sandbox.
    fs::create_dir(scratch.path().join("README.out")).expect("out dir");
    fs::write(scratch.path().join("README.out/.keep"), "").expect("keep");
    let empty = scratch.path().join("no-such-dir");
    let cases = trycmd::TestCases::new();
    cases
        .register_bin("advice", trycmd::cargo::cargo_bin!("advice"))
        .env("NO_COLOR", "1")
        .env("COLUMNS", "80")
        .env("ADVICE_CHAPTERS", "")
        .env("XDG_CONFIG_HOME", empty.display().to_string())
        .env("XDG_CACHE_HOME", empty.display().to_string())
        .env(
            "XDG_STATE_HOME",
            scratch.path().join("state").display().to_string(),
        )
        .env(
            "XDG_DATA_HOME",
            scratch.path().join("data").display().to_string(),
        )
        .case(&readme);
    cases.run();
    if std::env::var("TRYCMD").is_ok_and(|v| v == "overwrite") {
        fs::copy(&readme, Path::new("README.md")).expect("write README.md back");
    }
}
