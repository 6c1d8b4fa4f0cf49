//! Rendered output pinned in files: each `tests/cmd/*.toml` runs the binary
//! and compares stdout with the `.stdout` file beside it (trycmd).
//! After a deliberate change: `TRYCMD=overwrite cargo test snapshots`.

#[test]
fn rendered_output_matches_snapshots() {
    // Reading a chapter or searching remembers where the reader is: keep that
    // in a scratch folder.
    let state = tempfile::tempdir().expect("temp dir");
    trycmd::TestCases::new()
        .register_bin("advice", trycmd::cargo::cargo_bin!("advice"))
        .env("NO_COLOR", "1")
        .env("ADVICE_CHAPTERS", "")
        .env("XDG_CONFIG_HOME", "/nonexistent/advice-tests")
        .env("XDG_CACHE_HOME", "/nonexistent/advice-tests")
        .env(
            "XDG_STATE_HOME",
            state.path().join("state").display().to_string(),
        )
        .env(
            "XDG_DATA_HOME",
            state.path().join("data").display().to_string(),
        )
        .case("tests/cmd/*.toml");
}
