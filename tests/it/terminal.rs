//! advice in a real terminal: each test starts it in a detached tmux
//! session of a given size, types keys with send-keys and reads the screen
//! with capture-pane, as a reader would see it. Covers the chapter view at
//! 40 and 120 columns, the pager, the interactive checklist with saved
//! progress and resume, and `open`. Without tmux they say SKIPPED (and
//! fail under CI, whose `.ci/run` installs it).

use crate::common::{Advice, Tmux};

/// The terminal settings a program must leave as it found them.
const RESTORED: &str = "stty -a | tr ' ;' '\\n\\n' | grep -E '^-?(icanon|echo)$' | tr '\\n' ' '";

fn widest(screen: &str) -> usize {
    screen
        .lines()
        .map(advice::output::render::cols)
        .max()
        .unwrap_or(0)
}

#[test]
fn the_chapter_view_pages_and_fits_at_40_and_120_columns() {
    for (cols, limit) in [(40u16, 40usize), (120, 100)] {
        let env = Advice::new();
        let Some(term) = Tmux::start(&env, cols, 30, "ADVICE chapter spotlight") else {
            return;
        };
        // less shows the first screen and waits: the title, then the lead.
        // The first screen: the title, the lead, and the danger block after it.
        let screen = term.wait_for("Know where the spotlight is");
        let screen = if screen.contains("Backfires: ") {
            screen
        } else {
            term.wait_for("Backfires: ")
        };
        assert!(screen.contains("\nDangerous advice\n"), "{screen}");
        assert!(
            !screen.contains("[exit"),
            "a long page waits in the pager:\n{screen}"
        );
        assert!(widest(&screen) <= limit, "{cols} columns:\n{screen}");
        // The next page is a different screen, just as narrow.
        let first = screen;
        term.keys(&["Space"]);
        std::thread::sleep(std::time::Duration::from_millis(300));
        let screen = term.screen();
        assert_ne!(screen, first, "Space turns the page");
        assert!(widest(&screen) <= limit, "{cols} columns:\n{screen}");
        term.keys(&["q"]);
        let screen = term.wait_for("[exit 0]");
        assert!(widest(&screen) <= limit, "{cols} columns:\n{screen}");
    }
}

#[test]
fn long_listings_page_and_short_ones_do_not() {
    let env = Advice::new();
    let Some(term) = Tmux::start(&env, 80, 24, "ADVICE list") else {
        return;
    };
    term.wait_for("Before you start");
    let screen = term.screen();
    assert!(
        !screen.contains("[exit"),
        "list is taller than 24 rows:\n{screen}"
    );
    term.keys(&["q"]);
    term.wait_for("[exit 0]");
    drop(term);
    // A tip fits: printed straight, no pager to quit.
    let Some(term) = Tmux::start(&env, 80, 24, "ADVICE tip") else {
        return;
    };
    term.wait_for("[exit 0]");
    // PAGER that cannot start: one warning, then the text.
    let errors = env.home.path().join("errors");
    let script = format!(
        "PAGER=no-such-pager ADVICE list 2>'{}'; cat '{}'",
        errors.display(),
        errors.display()
    );
    let Some(term2) = Tmux::start(&env, 80, 24, &script) else {
        return;
    };
    let screen = term2.wait_for("[exit 0]");
    assert!(screen.contains("A good time to be an engineer"), "{screen}");
    assert!(
        screen.contains("cannot start the pager 'no-such-pager'"),
        "{screen}"
    );
    drop(term);
}

#[test]
fn interactive_checklists_wrap_save_and_resume() {
    let env = Advice::new();
    // The exit code is advice's; the terminal's modes are printed after it.
    let script = format!("ADVICE checklist glue --interactive; c=$?; {RESTORED}; (exit $c)");
    let Some(term) = Tmux::start(&env, 40, 40, &script) else {
        return;
    };
    term.wait_for("1/5 ");
    // An unknown key is answered with the keys that work.
    term.keys(&["x"]);
    term.wait_for("Press y done");
    term.keys(&["y", "n"]);
    term.wait_for("3/5 ");
    term.keys(&["q"]);
    let screen = term.wait_for("[exit 0]");
    assert!(
        screen.contains("icanon echo"),
        "the terminal is restored:\n{screen}"
    );
    assert!(screen.contains("Done 1 of 5."), "{screen}");
    assert!(screen.contains("Answers saved in"), "{screen}");
    // Words are never cut: every screen line ends at a word of the output.
    assert!(widest(&screen) <= 40, "{screen}");
    for line in screen.lines() {
        assert!(
            !line.ends_with('-') || line.ends_with(" -"),
            "{line:?}\n{screen}"
        );
    }
    drop(term);
    let saved = std::fs::read_to_string(env.data_dir().join("advice/progress/glue.txt"))
        .expect("progress saved");
    assert_eq!(
        saved
            .lines()
            .filter(|l| !l.starts_with('#'))
            .map(|l| l.split(':').next().unwrap_or_default())
            .collect::<Vec<_>>(),
        ["done", "not yet"],
        "{saved}"
    );

    // Again: it offers to resume, and asks only what is not done.
    let Some(term) = Tmux::start(&env, 80, 40, &script) else {
        return;
    };
    term.wait_for("Saved: 1 of 5 done. r resume with the 4 still open");
    term.keys(&["r"]);
    let screen = term.wait_for("2/5 ");
    assert!(
        !screen.contains("1/5 "),
        "a done item is not asked again:\n{screen}"
    );
    term.keys(&["y", "y", "y", "y"]);
    let screen = term.wait_for("[exit 0]");
    assert!(
        screen.contains("Done 5 of 5. Nothing left open."),
        "{screen}"
    );
    drop(term);

    // --reset forgets; the next walk starts at the first item.
    let Some(term) = Tmux::start(
        &env,
        80,
        40,
        &format!("ADVICE checklist glue --reset; {script}"),
    ) else {
        return;
    };
    term.wait_for("Forgot your saved answers");
    let screen = term.wait_for("1/5 ");
    assert!(!screen.contains("Saved:"), "{screen}");
    term.keys(&["C-c"]);
    let screen = term.wait_for("[exit 130]");
    assert!(
        screen.contains("icanon echo"),
        "restored after Ctrl-C:\n{screen}"
    );
}

#[test]
fn open_reads_a_hit_of_the_last_search() {
    let env = Advice::new();
    // Tall enough for three hits and the second's card (its checklist too).
    let Some(term) = Tmux::start(
        &env,
        100,
        70,
        "ADVICE search missed deadline --limit 3 --no-pager && ADVICE open 2 --short",
    ) else {
        return;
    };
    let screen = term.wait_for("[exit 0]");
    let second = screen
        .lines()
        .find_map(|l| l.strip_prefix(" 2. "))
        .and_then(|l| l.split("  ").next())
        .unwrap_or_else(|| panic!("a second hit:\n{screen}"))
        .to_string();
    let after = screen.split(" 3. ").last().unwrap_or_default();
    assert!(
        after.lines().any(|l| l == second) || screen.matches(second.as_str()).count() >= 2,
        "open 2 shows '{second}':\n{screen}"
    );
    assert!(screen.contains("Read it all: advice chapter"), "{screen}");
}

#[test]
fn man_opens_the_formatted_page_on_a_terminal() {
    if std::process::Command::new("man")
        .arg("-w")
        .arg("man")
        .output()
        .is_err()
    {
        crate::common::skip(
            "man_opens_the_formatted_page_on_a_terminal",
            "man (apt-get install man-db)",
        );
        return;
    }
    let env = Advice::new();
    let Some(term) = Tmux::start(&env, 80, 24, "MANPAGER=cat PAGER=cat ADVICE man | head -5")
    else {
        return;
    };
    // Piped, it is roff.
    let screen = term.wait_for("[exit 0]");
    assert!(screen.contains(".TH advice 1"), "{screen}");
    drop(term);
    let Some(term) = Tmux::start(&env, 80, 24, "MANPAGER=cat ADVICE man") else {
        return;
    };
    let screen = term.wait_for("[exit 0]");
    assert!(
        !screen.contains(".SH") && !screen.contains(".TP"),
        "formatted, not roff:\n{screen}"
    );
    assert!(
        screen.to_lowercase().contains("advice(1)"),
        "man's footer:\n{screen}"
    );
}

#[test]
fn edit_asks_before_copying_a_built_in_chapter() {
    let env = Advice::new();
    let Some(term) = Tmux::start(&env, 100, 24, "VISUAL=true ADVICE edit spotlight") else {
        return;
    };
    term.wait_for("'spotlight' is a built-in chapter. Copy it to");
    term.keys(&["y", "Enter"]);
    let screen = term.wait_for("[exit 0]");
    assert!(
        screen.contains("Copied 'spotlight' to ~/config/advice/chapters/spotlight.md"),
        "{screen}"
    );
    assert!(env.config_chapters().join("spotlight.md").is_file());
    drop(term);
    // Saying no leaves everything as it was.
    let env = Advice::new();
    let Some(term) = Tmux::start(&env, 100, 24, "VISUAL=true ADVICE edit spotlight") else {
        return;
    };
    term.wait_for("Copy it to");
    term.keys(&["n", "Enter"]);
    let screen = term.wait_for("[exit 2]");
    assert!(screen.contains("advice edit spotlight --copy"), "{screen}");
    assert!(!env.config_chapters().join("spotlight.md").exists());
}

#[test]
fn reading_at_a_terminal_moves_the_position() {
    let env = Advice::new();
    let Some(term) = Tmux::start(
        &env,
        100,
        40,
        "ADVICE --no-pager chapter spotlight >/dev/tty && ADVICE next --short | head -1",
    ) else {
        return;
    };
    let screen = term.wait_for("[exit 0]");
    assert!(
        screen.contains("\nEarn the trust of your management chain\n"),
        "next follows the chapter read at the terminal:\n{screen}"
    );
}
