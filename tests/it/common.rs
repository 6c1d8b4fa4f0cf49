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

    /// The data directory (saved checklist progress).
    pub fn data_dir(&self) -> PathBuf {
        self.home.path().join("data")
    }

    /// The state directory (reading position, last search).
    pub fn state_dir(&self) -> PathBuf {
        self.home.path().join("state")
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
            .env("XDG_CACHE_HOME", self.cache_dir())
            .env("XDG_DATA_HOME", self.data_dir())
            .env("XDG_STATE_HOME", self.state_dir());
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

/// True if `advice lint` found problems only in text the `advice new`
/// template left unedited (its remarks), and at least one of them.
pub fn only_template_remarks(lint_out: &str) -> bool {
    let problems: Vec<&str> = lint_out
        .lines()
        .filter(|l| !l.starts_with("advice: "))
        .collect();
    !problems.is_empty() && problems.iter().all(|l| l.contains("the template's"))
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
        .env("XDG_DATA_HOME", env.data_dir())
        .env("XDG_STATE_HOME", env.state_dir())
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

/// A real terminal: `advice` run inside a detached tmux session of a given
/// size, driven by send-keys and read by capture-pane. Each session has its
/// own tmux server (socket), killed on drop. `None` (and SKIPPED, or a
/// failure under CI) without tmux.
pub struct Tmux {
    socket: String,
}

impl Tmux {
    /// Starts `script` (a shell command; `ADVICE` stands for the binary) in
    /// a `cols` x `rows` terminal with the environment of `env`. When the
    /// script ends, the pane shows `[exit N]` and stays open.
    pub fn start(env: &Advice, cols: u16, rows: u16, script: &str) -> Option<Tmux> {
        use std::process::Command;
        if Command::new("tmux").arg("-V").output().is_err() {
            skip("a tmux test", "tmux (apt-get install tmux)");
            return None;
        }
        static NEXT: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);
        let socket = format!(
            "advice-test-{}-{}",
            std::process::id(),
            NEXT.fetch_add(1, std::sync::atomic::Ordering::SeqCst)
        );
        let bin = assert_cmd::cargo::cargo_bin!("advice");
        let quote = |p: &Path| format!("'{}'", p.display());
        let exports = format!(
            "export HOME={} XDG_CONFIG_HOME={} XDG_CACHE_HOME={} XDG_DATA_HOME={} XDG_STATE_HOME={} TERM=xterm-256color LESS= ; unset {} ;",
            quote(env.home.path()),
            quote(&env.config_dir()),
            quote(&env.cache_dir()),
            quote(&env.data_dir()),
            quote(&env.state_dir()),
            SCRUBBED
                .iter()
                .filter(|v| **v != "TERM" && **v != "LESS")
                .copied()
                .collect::<Vec<_>>()
                .join(" "),
        );
        let command = format!(
            "{exports} {}; echo \"[exit $?]\"; sleep 600",
            script.replace("ADVICE", &quote(bin))
        );
        let started = Command::new("tmux")
            .args(["-L", &socket, "-f", "/dev/null", "new-session", "-d"])
            .args(["-x", &cols.to_string(), "-y", &rows.to_string()])
            .args(["sh", "-c", &command])
            .status()
            .ok()?;
        assert!(started.success(), "tmux new-session failed");
        Some(Tmux { socket })
    }

    /// Types keys, as `tmux send-keys` names them ("q", "Enter", "C-c").
    pub fn keys(&self, keys: &[&str]) {
        for key in keys {
            let status = std::process::Command::new("tmux")
                .args(["-L", &self.socket, "send-keys", "-t", "0", key])
                .status()
                .expect("tmux send-keys");
            assert!(status.success());
            std::thread::sleep(std::time::Duration::from_millis(60));
        }
    }

    /// What the terminal shows now, one string per row, trailing blanks trimmed.
    pub fn screen(&self) -> String {
        let out = std::process::Command::new("tmux")
            .args(["-L", &self.socket, "capture-pane", "-p", "-t", "0"])
            .output()
            .expect("tmux capture-pane");
        String::from_utf8_lossy(&out.stdout)
            .lines()
            .map(str::trim_end)
            .collect::<Vec<_>>()
            .join("\n")
    }

    /// Waits up to ten seconds for the screen to contain `text`; the
    /// screen, or a panic showing what it was instead.
    pub fn wait_for(&self, text: &str) -> String {
        let start = std::time::Instant::now();
        loop {
            let screen = self.screen();
            if screen.contains(text) {
                return screen;
            }
            if start.elapsed() > std::time::Duration::from_secs(10) {
                panic!("waited for {text:?}; the terminal shows:\n{screen}");
            }
            std::thread::sleep(std::time::Duration::from_millis(50));
        }
    }
}

impl Drop for Tmux {
    fn drop(&mut self) {
        let _ = std::process::Command::new("tmux")
            .args(["-L", &self.socket, "kill-server"])
            .status();
    }
}
