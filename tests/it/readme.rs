//! The README's examples are tests: every `console` block in README.md runs
//! against the real binary and must print exactly what the README shows.
//!
//! The README is copied into a scratch folder first, so examples that write
//! files (`advice new`) leave the repository alone. To refresh the README after
//! a deliberate change in output: `TRYCMD=overwrite cargo test readme`.

use std::fs;
use std::path::Path;

/// A team's runbook, as plain markdown without front matter.
const TEAM_DOC: &str = "# Deploying the billing service\n\nDeploys go out on Tuesdays after the billing freeze lifts.\n\n- [ ] Ask in the release channel.\n- [ ] Check the billing dashboard.\n\n## Rollback\n\nNever hot-patch the database during a kraken incident in staging.\n";

#[test]
fn readme_examples_match() {
    let scratch = tempfile::tempdir().expect("temp dir");
    let readme = scratch.path().join("README.md");
    fs::copy("README.md", &readme).expect("copy README.md");
    // An `*.out` folder next to a case makes trycmd run it in a sandbox.
    fs::create_dir(scratch.path().join("README.out")).expect("out dir");
    fs::write(scratch.path().join("README.out/.keep"), "").expect("keep");
    // The folder of plain markdown the README's "Your own markdown" reads
    // (README.in is what the sandbox starts with).
    let docs = scratch.path().join("README.in/team-docs/runbooks");
    fs::create_dir_all(&docs).expect("docs dir");
    fs::write(docs.join("billing-deploys.md"), TEAM_DOC).expect("team doc");
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

/// Every `--json` example in the README shows valid JSON: no wildcards
/// (`[..]`, `...`) inside it, and nothing the test harness rewrote (trycmd
/// turns backslashes into slashes, so an escaped quote would read `/"`).
#[test]
fn readme_json_examples_are_valid_json() {
    let readme = fs::read_to_string("README.md").expect("README.md");
    let mut checked = 0;
    for block in readme.split("```console\n").skip(1) {
        let block = block.split("\n```").next().unwrap_or_default();
        let mut commands = block.split("\n$ ");
        for command in commands.by_ref() {
            let command = command.trim_start_matches("$ ");
            let (line, output) = command.split_once('\n').unwrap_or((command, ""));
            if !line.contains("--json") {
                continue;
            }
            let output = output
                .lines()
                .filter(|l| !l.starts_with("? "))
                .collect::<Vec<_>>()
                .join("\n");
            serde_json::from_str::<serde_json::Value>(output.trim())
                .unwrap_or_else(|e| panic!("`{line}` shows invalid JSON ({e}):\n{output}"));
            checked += 1;
        }
    }
    assert!(checked >= 1, "the README has a --json example");
}
