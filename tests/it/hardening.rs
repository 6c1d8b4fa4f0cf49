//! Chapters as untrusted input: control characters never reach the terminal,
//! limits hold with clear messages, and every command ends quietly into a
//! closed pipe.

use crate::common;

use common::{Advice, write};
use std::path::Path;

const HOSTILE: &str = "tests/fixtures/hostile";

/// Control characters other than newline and tab, and C1 controls.
fn unsafe_chars(text: &str) -> Vec<char> {
    text.chars()
        .filter(|&c| advice::sanitize::is_unsafe(c))
        .collect()
}

/// With colour on, the only escapes are advice's own SGR colour codes.
fn only_own_colour(text: &str) -> bool {
    text.split('\u{1b}').skip(1).all(|rest| {
        let code: String = rest.chars().take_while(|c| *c != 'm').collect();
        rest.starts_with('[')
            && code[1..].chars().all(|c| c.is_ascii_digit() || c == ';')
            && rest.len() > code.len()
    })
}

#[test]
fn hostile_chapters_cannot_talk_to_the_terminal() {
    let env = Advice::new();
    let commands: &[&[&str]] = &[
        &["chapter", "evil"],
        &["chapter", "evil", "--json"],
        &["list"],
        &["list", "--json"],
        &["topics", "hostile"],
        &["search", "injection", "payload"],
        &["search", "--json", "injection"],
        &["checklist", "evil"],
        &["checklist", "evil", "--markdown"],
        &["checklist", "evil", "--json"],
        &["checklist"],
        &["tip", "--date", "2026-01-01"],
        &["lint", HOSTILE],
    ];
    for colour in ["never", "always"] {
        for args in commands {
            let mut full = vec!["--chapters", HOSTILE, "--color", colour];
            full.extend_from_slice(args);
            let (code, out, err) = env.run(&full);
            if args[0] == "lint" {
                // lint names each control character (by code, never raw).
                assert_eq!(code, 1, "{args:?}: {err}");
                assert!(out.contains("control character U+001B"), "{out}");
            } else {
                assert_eq!(code, 0, "{args:?}: {err}");
            }
            for (stream, text) in [("stdout", &out), ("stderr", &err)] {
                let found: Vec<char> = unsafe_chars(text)
                    .into_iter()
                    .filter(|c| *c != '\u{1b}' || colour == "never")
                    .collect();
                assert!(
                    found.is_empty(),
                    "{args:?} {colour}: {stream} has {found:?}:\n{text}"
                );
                if colour == "always" {
                    assert!(
                        only_own_colour(text),
                        "{args:?}: an escape that advice did not add:\n{text:?}"
                    );
                }
            }
        }
    }
    let (_, out, _) = env.run(&["--chapters", HOSTILE, "chapter", "evil"]);
    assert!(out.contains("\\x1b]0;pwned\\x07"), "shown escaped:\n{out}");
    assert!(
        // A lone carriage return ends a line in markdown: the text shows on
        // two lines, and no raw CR reaches the terminal.
        out.contains("visible")
            && out.contains("overwritten")
            && !out.contains('\r')
            && out.contains("safe\\x08\\x08\\x08\\x08evil"),
        "{out}"
    );
    assert!(
        out.contains("\\x9b31m") && out.contains("\\u{202e}gnirts"),
        "{out}"
    );
}

#[test]
fn raw_source_is_exact_when_piped_and_escaped_on_a_terminal() {
    let env = Advice::new();
    let (_, piped, _) = env.run(&["--chapters", HOSTILE, "chapter", "evil", "--raw"]);
    assert_eq!(
        piped,
        std::fs::read_to_string(Path::new(HOSTILE).join("evil.md")).expect("fixture")
    );
    let shell = format!("ADVICE --no-pager --chapters {HOSTILE} chapter evil --raw");
    let Some((_, text)) = common::in_terminal(&env, &shell, b"") else {
        return;
    };
    assert!(text.contains("\\x1b]0;pwned\\x07"), "{text}");
    let found = unsafe_chars(&text);
    assert!(found.is_empty(), "{found:?}");
}

#[test]
fn control_characters_in_arguments_are_not_echoed_raw() {
    for args in [
        &["chapter", "\u{1b}]0;x\u{7}"][..],
        &["search", "\u{1b}[2Jfoo"],
        &["\u{1b}[31mnope"],
        &["topics", "\u{9b}2J"],
    ] {
        let (code, out, err) = common::run(args);
        assert!(code == 1 || code == 2, "{args:?}");
        assert!(
            unsafe_chars(&out).is_empty() && unsafe_chars(&err).is_empty(),
            "{args:?}: {err:?}"
        );
    }
}

#[test]
fn a_symlink_loop_is_walked_once_with_a_warning() {
    let env = Advice::new();
    let dir = env.home.path().join("lib");
    write(
        &dir.join("a.md"),
        &common::own_chapter("alpha", 401, "Alpha", "aardvark"),
    );
    std::os::unix::fs::symlink(&dir, dir.join("loop")).expect("symlink");
    let (code, out, err) = env.run(&["--chapters", &dir.display().to_string(), "list"]);
    assert_eq!(code, 0);
    assert!(out.contains("alpha"));
    assert!(err.contains("symlink loop"), "{err}");
}

#[test]
fn a_walk_stops_at_the_file_limit() {
    let env = Advice::new();
    let dir = env.home.path().join("huge");
    std::fs::create_dir_all(&dir).expect("mkdir");
    for i in 0..advice::load::MAX_FILES + 5 {
        std::fs::File::create(dir.join(format!("{i:05}.md"))).expect("create");
    }
    let (code, _, err) = env.run(&["--chapters", &dir.display().to_string(), "list"]);
    assert_eq!(code, 0);
    let limit = format!(
        "more than {} chapter files; the rest are skipped",
        advice::load::MAX_FILES
    );
    assert_eq!(err.matches(&limit).count(), 1, "said once:\n{err}");
    assert!(
        err.lines().count() <= advice::load::MAX_WARNINGS + 2,
        "warnings are capped:\n{err}"
    );
}

#[test]
fn deep_yaml_nesting_is_refused_before_parsing() {
    let env = Advice::new();
    let dir = env.home.path().join("deep");
    let deep = format!(
        "---\nslug: deep\ntags: {}{}\n---\n# Deep\n",
        "[".repeat(100_000),
        "]".repeat(100_000)
    );
    write(&dir.join("deep.md"), &deep);
    let start = std::time::Instant::now();
    let (code, out, _) = env.run(&["lint", &dir.display().to_string()]);
    assert_eq!(code, 1);
    assert!(out.contains("nests brackets more than 32 deep"), "{out}");
    assert!(start.elapsed() < std::time::Duration::from_secs(2));
}

#[test]
fn every_command_ends_quietly_into_a_closed_pipe() {
    use std::process::Stdio;
    let commands: &[&[&str]] = &[
        &[],
        &["search", "engineer", "--limit", "28"],
        &["chapter", "shipping"],
        &["chapter", "shipping", "--raw"],
        &["chapter", "shipping", "--json"],
        &["checklist"],
        &["checklist", "ship"],
        &["checklist", "ship", "--markdown"],
        &["list"],
        &["list", "--json"],
        &["topics"],
        &["tip"],
        &["lint", "chapters"],
        &["completions", "bash"],
        &["man"],
        &["--help"],
    ];
    for args in commands {
        let mut child = Advice::new()
            .std_cmd()
            .args(*args)
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("spawn");
        drop(child.stdout.take());
        let output = child.wait_with_output().expect("wait");
        let err = String::from_utf8_lossy(&output.stderr);
        assert_eq!(output.status.code(), Some(0), "{args:?}: {err}");
        assert!(err.is_empty(), "{args:?}: {err}");
    }
}
