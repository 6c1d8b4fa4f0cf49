//! Shared helpers for the integration tests: the real `advice` binary, run
//! with an environment scrubbed of the developer's settings.

#![allow(dead_code)]

use assert_cmd::Command;
use std::path::{Path, PathBuf};

/// Variables of the developer's shell that would change what advice prints.
pub const SCRUBBED: [&str; 9] = [
    "NO_COLOR",
    "PAGER",
    "COLUMNS",
    "ADVICE_CHAPTERS",
    "COMPLETE",
    "LESS",
    "CLICOLOR",
    "CLICOLOR_FORCE",
    "TERM",
];

/// `advice` with no colour, pager, width or library settings from the
/// developer's shell, and config/cache directories in a fresh temp folder.
pub struct Advice {
    pub home: tempfile::TempDir,
}

impl Advice {
    pub fn new() -> Self {
        Advice {
            home: tempfile::tempdir().expect("temp dir"),
        }
    }

    /// The config directory the binary will look in (may not exist yet).
    pub fn config_dir(&self) -> PathBuf {
        self.home.path().join("config")
    }

    /// The reader's chapters folder inside the config directory.
    pub fn config_chapters(&self) -> PathBuf {
        self.config_dir().join("advice").join("chapters")
    }

    pub fn cache_dir(&self) -> PathBuf {
        self.home.path().join("cache")
    }

    pub fn cmd(&self) -> Command {
        Command::from_std(self.std_cmd())
    }

    /// The same, as a plain `std::process::Command` (for pipes and spawning).
    pub fn std_cmd(&self) -> std::process::Command {
        let mut cmd = std::process::Command::new(assert_cmd::cargo::cargo_bin!("advice"));
        for var in SCRUBBED {
            cmd.env_remove(var);
        }
        cmd.env("HOME", self.home.path())
            .env("XDG_CONFIG_HOME", self.config_dir())
            .env("XDG_CACHE_HOME", self.cache_dir());
        cmd
    }

    /// Runs `advice ARGS...` and returns (exit code, stdout, stderr).
    pub fn run(&self, args: &[&str]) -> (i32, String, String) {
        let output = self.cmd().args(args).output().expect("run advice");
        (
            output.status.code().unwrap_or(-1),
            String::from_utf8_lossy(&output.stdout).into_owned(),
            String::from_utf8_lossy(&output.stderr).into_owned(),
        )
    }
}

/// Runs `advice ARGS...` in a fresh environment.
pub fn run(args: &[&str]) -> (i32, String, String) {
    Advice::new().run(args)
}

/// Parses stdout as JSON.
pub fn json(stdout: &str) -> serde_json::Value {
    serde_json::from_str(stdout).unwrap_or_else(|e| panic!("not JSON ({e}):\n{stdout}"))
}

/// Writes a file, creating its folder.
pub fn write(path: &Path, text: &str) {
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir).expect("create dir");
    }
    std::fs::write(path, text).expect("write file");
}

/// A valid chapter of one's own.
pub fn own_chapter(slug: &str, order: u32, title: &str, body_word: &str) -> String {
    format!(
        "---\nslug: {slug}\ntitle: {title}\npart: Team notes\norder: {order}\nsummary: >-\n  Notes about {body_word}.\ntags: [team, notes, {slug}]\ndangerous: >-\n  Always {body_word} before lunch.\nchecklist:\n  name: {slug}\n  title: {title} this week\n---\n\n# {title}\n\nThe {body_word} paragraph explains what we do about {body_word}.\n\n## Checklist\n- [ ] Check the {body_word} dashboard.\n- [ ] Write down one {body_word} lesson.\n"
    )
}

/// True if the text contains an ANSI escape sequence.
pub fn has_escapes(text: &str) -> bool {
    text.contains('\u{1b}')
}

/// Runs a shell command under `script`, which gives it a terminal, typing
/// `keys` one at a time; `ADVICE` in the command stands for the binary.
/// Returns (exit code, what the terminal showed), or None without `script`.
pub fn in_terminal(env: &Advice, shell: &str, keys: &[u8]) -> Option<(i32, String)> {
    use std::io::Write;
    use std::process::{Command, Stdio};
    if Command::new("script").arg("--version").output().is_err() {
        skip("a terminal test", "script (apt-get install bsdutils)");
        return None;
    }
    let bin = assert_cmd::cargo::cargo_bin!("advice");
    let mut command = Command::new("script");
    command
        .args([
            "-qec",
            &shell.replace("ADVICE", &bin.display().to_string()),
            "/dev/null",
        ])
        .env("HOME", env.home.path())
        .env("XDG_CONFIG_HOME", env.config_dir())
        .env("XDG_CACHE_HOME", env.cache_dir())
        .stdin(Stdio::piped())
        .stdout(Stdio::piped());
    for var in SCRUBBED {
        command.env_remove(var);
    }
    let mut child = command.env("TERM", "xterm").spawn().ok()?;
    let mut stdin = child.stdin.take()?;
    std::thread::sleep(std::time::Duration::from_millis(500));
    for key in keys {
        stdin.write_all(&[*key]).ok()?;
        stdin.flush().ok()?;
        std::thread::sleep(std::time::Duration::from_millis(100));
    }
    drop(stdin);
    let output = child.wait_with_output().ok()?;
    Some((
        output.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&output.stdout).replace('\r', ""),
    ))
}

/// Says that a test could not run because `what` is missing: on the real
/// stderr (the harness does not capture it), so a skipped test is seen,
/// and as a failure under CI, which must have every tool.
pub fn skip(test: &str, what: &str) {
    use std::io::Write;
    assert!(
        std::env::var_os("CI").is_none(),
        "{test} needs {what}, which CI must provide"
    );
    let _ = writeln!(std::io::stderr(), "SKIPPED {test}: needs {what}");
}

/// Runs `f` over the built-in guide's search index, with an analyzer: the
/// set-up every test that measures search quality shares.
pub fn with_guide_index<R>(
    f: impl FnOnce(&advice::index::Index, &advice::text::Analyzer) -> R,
) -> R {
    let library = advice::library::Library::builtin().expect("the built-in library decodes");
    let bytes = library.index_bytes();
    let index = advice::index::Index::open(&bytes).expect("the built-in index opens");
    f(&index, &advice::text::Analyzer::new())
}

/// Search options: at most `limit` hits, no filter, the default ranking.
pub fn search_options(limit: usize) -> advice::ranking::Options {
    advice::ranking::Options {
        limit,
        tag: None,
        only: None,
        ranking: Default::default(),
    }
}
