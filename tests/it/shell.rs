//! At home in the shell: completion scripts and dynamic completions, the man
//! page, the daily tip, and help whose examples really run.

use crate::common;

use common::{Advice, json, own_chapter, run, write};

#[test]
fn completion_scripts_generate_for_every_shell() {
    for shell in ["bash", "zsh", "fish", "elvish", "powershell"] {
        let (code, out, err) = run(&["completions", shell]);
        assert_eq!(code, 0, "{shell}: {err}");
        assert!(out.contains("advice"), "{shell}:\n{out}");
        assert!(
            out.contains("COMPLETE"),
            "{shell} script should call back into advice:\n{out}"
        );
    }
    let (code, _, err) = run(&["completions", "tcsh"]);
    assert_eq!(code, 2);
    assert!(err.contains("invalid value 'tcsh'"), "{err}");
}

/// What the completion engine offers for `words` (the command line so far), as fish asks.
fn complete(env: &Advice, words: &[&str], extra_env: &[(&str, &std::path::Path)]) -> String {
    let mut cmd = env.cmd();
    cmd.env("COMPLETE", "fish")
        .arg("--")
        .arg("advice")
        .args(words);
    for (key, value) in extra_env {
        cmd.env(key, value);
    }
    let out = cmd.output().expect("run");
    assert_eq!(out.status.code(), Some(0));
    String::from_utf8_lossy(&out.stdout).into_owned()
}

#[test]
fn completions_offer_slugs_checklists_and_tags_including_your_own() {
    let env = Advice::new();
    let offered = complete(&env, &["chapter", "spot"], &[]);
    assert!(
        offered.lines().any(|l| l.starts_with("spotlight\t")),
        "{offered}"
    );
    let offered = complete(&env, &["checklist", "pri"], &[]);
    assert!(
        offered.lines().any(|l| l.starts_with("prioritize\t")),
        "{offered}"
    );
    let offered = complete(&env, &["topics", "prom"], &[]);
    assert!(
        offered.lines().any(|l| l.starts_with("promotion\t")),
        "{offered}"
    );
    let offered = complete(&env, &["search", "--tag", "sh"], &[]);
    assert!(
        offered.lines().any(|l| l.starts_with("shipping\t")),
        "{offered}"
    );

    let dir = env.home.path().join("team");
    write(
        &dir.join("oncall.md"),
        &own_chapter("on-call-notes", 700, "Our on-call notes", "pager"),
    );
    let offered = complete(&env, &["chapter", "on-"], &[("ADVICE_CHAPTERS", &dir)]);
    assert!(
        offered.lines().any(|l| l.starts_with("on-call-notes\t")),
        "{offered}"
    );
    let offered = complete(&env, &["checklist", "on-"], &[("ADVICE_CHAPTERS", &dir)]);
    assert!(
        offered.lines().any(|l| l.starts_with("on-call-notes\t")),
        "{offered}"
    );
    // `--chapters DIR` typed earlier on the same line counts too, in both spellings.
    let typed = dir.display().to_string();
    let equals = format!("--chapters={typed}");
    for words in [
        &["--chapters", typed.as_str(), "chapter", "on-"][..],
        &[equals.as_str(), "checklist", "on-"],
        &["chapter", "on-"],
    ] {
        let offered = complete(&env, words, &[]);
        assert_eq!(
            offered.lines().any(|l| l.starts_with("on-call-notes\t")),
            words.len() == 4 || words[0].starts_with("--chapters="),
            "{words:?}: {offered}"
        );
    }
}

#[test]
fn bash_completion_works_through_its_protocol() {
    let env = Advice::new();
    let out = env
        .cmd()
        .env("COMPLETE", "bash")
        .env("_CLAP_COMPLETE_INDEX", "2")
        .env("_CLAP_COMPLETE_COMP_TYPE", "9")
        .args(["--", "advice", "chapter", "lar"])
        .output()
        .expect("run");
    let offered = String::from_utf8_lossy(&out.stdout);
    assert!(
        offered
            .split('\u{b}')
            .any(|w| w.trim() == "large-codebases"),
        "{offered:?}"
    );
}

#[test]
fn the_man_page_covers_commands_environment_exit_codes_and_files() {
    let (code, page, _) = run(&["man"]);
    assert_eq!(code, 0);
    assert!(
        page.contains("\n.TH advice 1 "),
        "not a man page:\n{}",
        &page[..200.min(page.len())]
    );
    for section in [
        ".SH NAME",
        ".SH SYNOPSIS",
        ".SH OPTIONS",
        ".SH COMMANDS",
        ".SH \"EXIT STATUS\"",
        ".SH ENVIRONMENT",
        ".SH FILES",
    ] {
        assert!(page.contains(section), "missing {section}");
    }
    for text in [
        "advice search",
        "advice checklist",
        "advice completions",
        "NO_COLOR",
        "ADVICE_CHAPTERS",
        "PAGER",
        "XDG_CONFIG_HOME",
    ] {
        assert!(page.contains(text), "missing {text}");
    }
    // Rendered by man itself when it is installed.
    let dir = tempfile::tempdir().expect("temp");
    let file = dir.path().join("advice.1");
    std::fs::write(&file, &page).expect("write page");
    if let Ok(out) = std::process::Command::new("man")
        .env("MANPAGER", "cat")
        .env("MANWIDTH", "80")
        .arg("-l")
        .arg(&file)
        .output()
        && out.status.success()
    {
        let text = String::from_utf8_lossy(&out.stdout);
        assert!(
            text.contains("COMMANDS") && text.contains("EXIT STATUS"),
            "{text}"
        );
    }
}

#[test]
fn the_daily_tip_is_stable_within_a_day_and_changes_across_days() {
    let (code, a, _) = run(&["tip", "--daily"]);
    assert_eq!(code, 0);
    let (_, b, _) = run(&["tip", "--daily"]);
    assert_eq!(a, b);
    let day = |date: &str| run(&["tip", "--date", date, "--json"]).1;
    assert_eq!(day("2026-03-01"), day("2026-03-01"));
    let week: Vec<String> = (1..=7).map(|d| day(&format!("2026-03-{d:02}"))).collect();
    assert!(
        week.windows(2).all(|w| w[0] != w[1]),
        "consecutive days differ"
    );
    let v = json(&week[0]);
    assert_eq!(v["date"], "2026-03-01");
    for key in ["text", "kind", "slug", "title", "number", "part", "page"] {
        assert!(v.get(key).is_some(), "{key}");
    }
    let (code, _, err) = run(&["tip", "--date", "March 1st"]);
    assert_eq!(code, 2);
    assert!(
        err.contains("is not a date") && err.contains("YYYY-MM-DD"),
        "{err}"
    );
}

#[test]
fn a_tip_fits_in_three_lines() {
    // The advice and its source in three lines at 80 columns; the caveat
    // ("Backfires: ...") between them adds its own.
    for date in [
        "2026-01-01",
        "2026-02-02",
        "2026-03-03",
        "2026-04-04",
        "2026-05-05",
    ] {
        let (_, out, _) = run(&["tip", "--date", date]);
        let lines: Vec<&str> = out.lines().collect();
        let caveat: Vec<&&str> = lines
            .iter()
            .skip_while(|l| !l.starts_with("  Backfires: "))
            .take_while(|l| !l.starts_with("  \u{2014} "))
            .collect();
        assert!(!caveat.is_empty(), "every tip carries a caveat:\n{out}");
        assert!((2..=3).contains(&(lines.len() - caveat.len())), "{out}");
        assert!(
            lines.last().is_some_and(|l| l.contains("advice chapter ")),
            "{out}"
        );
    }
}

/// The subcommands, in the order a newcomer needs them.
const SUBCOMMANDS: [&str; 14] = [
    "search",
    "chapter",
    "next",
    "prev",
    "open",
    "checklist",
    "list",
    "topics",
    "tip",
    "lint",
    "edit",
    "new",
    "completions",
    "man",
];

#[test]
fn help_lists_the_commands_in_the_order_a_newcomer_needs_them() {
    let (_, help, _) = run(&["--help"]);
    let order = SUBCOMMANDS;
    let positions: Vec<usize> = order
        .iter()
        .map(|c| {
            help.find(&format!("\n  {c} "))
                .unwrap_or_else(|| panic!("{c} missing:\n{help}"))
        })
        .collect();
    assert!(positions.windows(2).all(|w| w[0] < w[1]), "{help}");
}

/// The example commands in a help text: lines under "Examples:" starting with `advice `.
fn examples(help: &str) -> Vec<Vec<String>> {
    help.split("Examples:")
        .nth(1)
        .unwrap_or_default()
        .lines()
        .map(str::trim)
        .filter(|l| l.starts_with("advice "))
        .map(|l| {
            // Run the advice part of a pipeline or redirection.
            let command = l
                .split(" | ")
                .next()
                .unwrap_or(l)
                .split(" > ")
                .next()
                .unwrap_or(l);
            shell_words(command)
        })
        .collect()
}

fn shell_words(line: &str) -> Vec<String> {
    let mut words = Vec::new();
    let mut word = String::new();
    let mut quoted = false;
    for c in line.chars() {
        match c {
            '"' => quoted = !quoted,
            ' ' if !quoted => {
                if !word.is_empty() {
                    words.push(std::mem::take(&mut word));
                }
            }
            c => word.push(c),
        }
    }
    if !word.is_empty() {
        words.push(word);
    }
    words
}

#[test]
fn every_help_shows_examples_that_actually_run() {
    let subcommands = SUBCOMMANDS;
    let (_, main_help, _) = run(&["--help"]);
    let mut all = vec![("advice".to_string(), examples(&main_help))];
    for sub in subcommands {
        let (code, help, _) = run(&[sub, "--help"]);
        assert_eq!(code, 0);
        let found = examples(&help);
        assert!(
            (2..=3).contains(&found.len()),
            "{sub} --help should show two or three examples:\n{help}"
        );
        all.push((sub.to_string(), found));
    }
    for (sub, commands) in all {
        // A command's examples run in order in one environment, as a reader
        // would type them; the editor is `true`. A search remembers its hits
        // only at a terminal, so `open` gets what one would have left.
        let env = Advice::new();
        if sub == "open" {
            write(
                &env.state_dir().join("advice/last-search.json"),
                r#"{"query": "missed deadline", "hits": ["ship-projects", "ruthless-managers"]}"#,
            );
        }
        for words in commands {
            let args: Vec<&str> = words[1..].iter().map(String::as_str).collect();
            let mut cmd = env.cmd();
            cmd.current_dir(env.home.path())
                .args(&args)
                .env("VISUAL", "true");
            if args.contains(&"lint") && args.contains(&"chapters") {
                cmd.current_dir(env!("CARGO_MANIFEST_DIR"));
            }
            if args.first() == Some(&"lint") {
                std::fs::create_dir_all(env.config_chapters()).expect("config chapters");
                write(
                    &env.config_chapters().join("mine.md"),
                    &own_chapter("mine", 301, "Mine", "kiwi"),
                );
                let expanded: Vec<String> = args
                    .iter()
                    .map(|a| a.replace("~/.config", &env.config_dir().display().to_string()))
                    .collect();
                cmd = env.cmd();
                cmd.current_dir(env.home.path()).args(&expanded);
            }
            let out = cmd.output().expect("run example");
            assert_eq!(
                out.status.code(),
                Some(0),
                "{sub}: example {words:?} failed: {}",
                String::from_utf8_lossy(&out.stderr)
            );
        }
    }
}

/// Whether `program` can be run; if not, says SKIPPED on the real stderr
/// (not captured by the test harness), and fails outright under CI, whose
/// `.ci/run` installs every shell these tests need.
fn have(program: &str, test: &str) -> bool {
    let found = std::process::Command::new(program)
        .arg("-c")
        .arg("exit 0")
        .output()
        .is_ok_and(|o| o.status.success());
    if !found {
        assert!(
            std::env::var_os("CI").is_none(),
            "{program} is missing under CI; .ci/run should have installed it"
        );
        use std::io::Write;
        let _ = writeln!(
            std::io::stderr(),
            "SKIPPED {test} for {program}: {program} is not installed (apt-get install {program})"
        );
    }
    found
}

#[test]
fn completion_scripts_are_safe_for_any_binary_path() {
    let env = Advice::new();
    let root = tempfile::tempdir().expect("temp dir");
    let marker = root.path().join("pwned");
    // A folder name with a command substitution, a space and an apostrophe.
    let dir = root
        .path()
        .join(format!("bin $(touch {}) it's", marker.display()));
    std::fs::create_dir_all(&dir).expect("mkdir");
    let binary = dir.join("advice");
    std::fs::copy(assert_cmd::cargo::cargo_bin!("advice"), &binary).expect("copy advice");
    let checks: [(&str, &str); 3] = [
        (
            "bash",
            "source ./script\nCOMP_WORDS=(advice chapter lar); COMP_CWORD=2; COMP_TYPE=9\n\
             _clap_complete_advice advice lar advice\nprintf '%s\\n' \"${COMPREPLY[@]}\"\n",
        ),
        (
            "zsh",
            "compdef() { : }\n_describe() { local arr=$3; print -l -- ${(P)arr} }\n\
             source ./script\nwords=(advice chapter lar); CURRENT=3\n_clap_dynamic_completer_advice\n",
        ),
        (
            "fish",
            "source ./script\ncomplete -C 'advice chapter lar'\n",
        ),
    ];
    for (shell, driver) in checks {
        if !have(shell, "completion_scripts_are_safe_for_any_binary_path") {
            continue;
        }
        let out = std::process::Command::new(&binary)
            .args(["completions", shell])
            .env("XDG_CONFIG_HOME", env.config_dir())
            .env("XDG_CACHE_HOME", env.cache_dir())
            .env("XDG_STATE_HOME", env.state_dir())
            .env("XDG_DATA_HOME", env.data_dir())
            .output()
            .expect("completions");
        assert!(out.status.success(), "{shell}: {out:?}");
        std::fs::write(root.path().join("script"), &out.stdout).expect("write script");
        std::fs::write(root.path().join("driver"), driver).expect("write driver");
        let mut run = std::process::Command::new(shell);
        if shell == "zsh" {
            run.arg("-f");
        } else if shell == "fish" {
            run.arg("--no-config");
        }
        let ran = run
            .arg("driver")
            .current_dir(root.path())
            .env("XDG_CONFIG_HOME", env.config_dir())
            .env("XDG_CACHE_HOME", env.cache_dir())
            .env("XDG_STATE_HOME", env.state_dir())
            .env("XDG_DATA_HOME", env.data_dir())
            .output()
            .expect("run shell");
        let offered = String::from_utf8_lossy(&ran.stdout);
        assert!(
            offered.lines().any(|l| l.starts_with("large-codebases")),
            "{shell} did not complete through a path with $(...), a space and an apostrophe:\n{offered}\n{}",
            String::from_utf8_lossy(&ran.stderr)
        );
        assert!(
            !marker.exists(),
            "{shell} ran the $(...) in the binary's path"
        );
    }
}
