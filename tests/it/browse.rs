//! `advice browse` (issue 20): every screen drawn into ratatui's
//! TestBackend and compared with a snapshot in tests/it/browse/ (refresh
//! after a deliberate change with UPDATE_SNAPSHOTS=1), the keys that move
//! between them, colour manners, and the whole thing end to end in tmux.

use crate::common::{Advice, Tmux};
use advice::browse::app::{App, Screen};
use advice::browse::view::{screen_has_style, screen_text};
use advice::library::Library;
use termimad::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

fn press(app: &mut App, code: KeyCode) {
    app.key(KeyEvent::new(code, KeyModifiers::NONE));
}

fn ctrl(app: &mut App, c: char) {
    app.key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::CONTROL));
}

fn typed(app: &mut App, text: &str) {
    for c in text.chars() {
        press(app, KeyCode::Char(c));
    }
}

/// Compares a drawn screen with its snapshot file.
fn snapshot(name: &str, screen: &str) {
    let path = std::path::Path::new("tests/it/browse").join(format!("{name}.txt"));
    if std::env::var_os("UPDATE_SNAPSHOTS").is_some() {
        std::fs::create_dir_all("tests/it/browse").expect("snapshot dir");
        std::fs::write(&path, screen).expect("write snapshot");
        return;
    }
    let expected = std::fs::read_to_string(&path).unwrap_or_else(|_| {
        panic!(
            "no snapshot {}; UPDATE_SNAPSHOTS=1 writes it",
            path.display()
        )
    });
    assert_eq!(
        screen, expected,
        "{name} differs from its snapshot:\n{screen}"
    );
}

/// Every row of a screen fits its width (in display columns).
fn fits(screen: &str, width: usize) {
    for line in screen.lines() {
        assert!(advice::output::render::cols(line) <= width, "{line:?}");
    }
}

#[test]
fn every_screen_at_40x12_and_120x30() {
    let library = Library::builtin().expect("library");
    for (w, h) in [(40u16, 12u16), (120, 30), (200, 60)] {
        let size = format!("{w}x{h}");
        let mut app = App::new(&library, "").expect("app");
        let screen = screen_text(&app, w, h, false);
        fits(&screen, usize::from(w));
        assert!(screen.starts_with("Search: "), "{screen}");
        assert!(screen.contains("> Before you start"), "{screen}");
        snapshot(&format!("search-empty-{size}"), &screen);

        typed(&mut app, "missed deadline");
        let screen = screen_text(&app, w, h, false);
        fits(&screen, usize::from(w));
        assert!(screen.contains("> Shipping is the job"), "{screen}");
        // The preview, where there is room for it.
        assert_eq!(screen.contains("Dangerous advice"), w >= 80, "{screen}");
        snapshot(&format!("search-query-{size}"), &screen);

        press(&mut app, KeyCode::Enter);
        let screen = screen_text(&app, w, h, false);
        fits(&screen, usize::from(w));
        assert!(screen.starts_with("Shipping is the job\n"), "{screen}");
        snapshot(&format!("reading-{size}"), &screen);

        press(&mut app, KeyCode::Char('?'));
        let screen = screen_text(&app, w, h, false);
        assert!(screen.contains("Keys"), "{screen}");
        assert!(screen.contains("^C      leave"), "every key fits: {screen}");
        snapshot(&format!("help-{size}"), &screen);
        press(&mut app, KeyCode::Char('x'));
        assert!(
            matches!(app.screen, Screen::Reading { .. }),
            "any key closes the keys"
        );

        press(&mut app, KeyCode::Char('c'));
        let screen = screen_text(&app, w, h, false);
        assert!(
            screen.starts_with("Leading a project to launch\n"),
            "{screen}"
        );
        assert!(screen.contains("> [ ] "), "{screen}");
        snapshot(&format!("checklist-{size}"), &screen);

        press(&mut app, KeyCode::Char('q'));
        press(&mut app, KeyCode::Char('/'));
        ctrl(&mut app, 't');
        let screen = screen_text(&app, w, h, false);
        assert!(screen.contains("> (every topic)"), "{screen}");
        snapshot(&format!("topics-{size}"), &screen);
    }
}

#[test]
fn nothing_found_says_so() {
    let library = Library::builtin().expect("library");
    let mut app = App::new(&library, "").expect("app");
    typed(&mut app, "qwxzv");
    let screen = screen_text(&app, 60, 12, false);
    assert!(
        screen.contains("Nothing in the guide matches; try other words."),
        "{screen}"
    );
    assert!(screen.contains("0 chapters"), "{screen}");
    press(&mut app, KeyCode::Enter);
    assert_eq!(app.screen, Screen::Search, "nothing to open");
}

#[test]
fn colour_only_when_the_run_has_it() {
    let library = Library::builtin().expect("library");
    let mut app = App::new(&library, "shipping").expect("app");
    assert!(screen_has_style(&app, 100, 30, true));
    assert!(!screen_has_style(&app, 100, 30, false));
    press(&mut app, KeyCode::Enter);
    assert!(!screen_has_style(&app, 100, 30, false));
}

#[test]
fn reading_moves_and_ticks_are_saved_like_the_interactive_checklist() {
    let library = Library::builtin().expect("library");
    let data = tempfile::tempdir().expect("temp dir");
    let mut app = App::new(&library, "spotlight").expect("app");
    app.progress = Some(data.path().to_path_buf());
    press(&mut app, KeyCode::Enter);
    press(&mut app, KeyCode::Char('j'));
    assert!(matches!(app.screen, Screen::Reading { scroll: 1, .. }));
    press(&mut app, KeyCode::Char('p'));
    let Screen::Reading { chapter, scroll } = app.screen.clone() else {
        panic!("reading");
    };
    assert_eq!(
        (app.chapters()[chapter].meta.slug.as_str(), scroll),
        ("take-positions", 0)
    );
    press(&mut app, KeyCode::Char('n'));
    press(&mut app, KeyCode::Char('c'));
    press(&mut app, KeyCode::Char(' '));
    press(&mut app, KeyCode::Char(' '));
    let Screen::Checklist { done, cursor, .. } = app.screen.clone() else {
        panic!("checklist");
    };
    assert_eq!((done[0], done[1], cursor), (true, true, 2));
    let saved = std::fs::read_to_string(data.path().join("spotlight.txt")).expect("saved");
    assert_eq!(
        saved.lines().filter(|l| l.starts_with("done: ")).count(),
        2,
        "{saved}"
    );
    // The interactive checklist reads the same file: unticking removes a line.
    press(&mut app, KeyCode::Up);
    press(&mut app, KeyCode::Char(' '));
    let saved = std::fs::read_to_string(data.path().join("spotlight.txt")).expect("saved");
    assert_eq!(
        saved.lines().filter(|l| l.starts_with("done: ")).count(),
        1,
        "{saved}"
    );
    // Opened again, the ticks are there.
    press(&mut app, KeyCode::Char('q'));
    press(&mut app, KeyCode::Char('c'));
    let Screen::Checklist { done, .. } = app.screen.clone() else {
        panic!("checklist");
    };
    assert_eq!(done.iter().filter(|d| **d).count(), 1);
    // A chapter without a checklist says so.
    press(&mut app, KeyCode::Char('q'));
    let preface = app
        .chapters()
        .iter()
        .position(|c| c.meta.slug == "preface")
        .expect("preface");
    app.screen = Screen::Reading {
        chapter: preface,
        scroll: 0,
    };
    press(&mut app, KeyCode::Char('c'));
    assert_eq!(
        app.status.as_deref(),
        Some("This chapter has no checklist.")
    );
}

#[test]
fn a_readers_own_chapters_are_browsed_like_the_guide() {
    let env = Advice::new();
    let folder = env.home.path().join("notes");
    crate::common::write(
        &folder.join("kraken.md"),
        "# Taming the staging kraken\n\nRestart it gently.\n",
    );
    let library = advice::load::library(&advice::load::Sources {
        flag_dirs: vec![folder],
        follow_links: false,
    })
    .expect("library");
    let mut app = App::new(&library, "").expect("app");
    typed(&mut app, "kraken");
    let screen = screen_text(&app, 100, 20, false);
    assert!(screen.contains("> Taming the staging kraken"), "{screen}");
}

#[test]
fn without_a_terminal_it_refuses_and_points_to_search() {
    let (code, out, err) = crate::common::run(&["browse"]);
    assert_eq!(code, 2);
    assert!(out.is_empty());
    assert!(
        err.starts_with("advice: advice browse needs a terminal"),
        "{err}"
    );
    assert!(err.contains("`advice search WORDS`"), "{err}");
}

/// Types a query, moves, reads, ticks an item, leaves; the terminal is back
/// in canonical mode with echo, and the tick is saved.
#[test]
fn end_to_end_in_a_real_terminal() {
    let env = Advice::new();
    let script = "ADVICE browse; c=$?; stty -a | tr ' ;' '\\n\\n' | grep -E '^-?(icanon|echo)$' | tr '\\n' ' '; (exit $c)";
    let Some(term) = Tmux::start(&env, 100, 30, script) else {
        return;
    };
    term.wait_for("Search: ");
    term.keys(&["s", "p", "o", "t", "l", "i", "g", "h", "t"]);
    term.wait_for("> Know where the spotlight is");
    term.keys(&["Down", "Up", "Enter"]);
    term.wait_for("n next");
    term.keys(&["c"]);
    term.wait_for("Space tick");
    term.keys(&["Space"]);
    term.wait_for("1/");
    term.keys(&["q", "q", "Escape"]);
    let screen = term.wait_for("[exit 0]");
    assert!(
        screen.contains("icanon echo"),
        "the terminal is restored:\n{screen}"
    );
    let saved = std::fs::read_to_string(env.data_dir().join("advice/progress/spotlight.txt"))
        .expect("the tick is saved");
    assert!(saved.contains("done: "), "{saved}");
    drop(term);
    // Ctrl-C leaves from a chapter, and SIGTERM from anywhere, restoring the terminal.
    let Some(term) = Tmux::start(&env, 60, 20, script) else {
        return;
    };
    term.wait_for("Search: ");
    term.keys(&["Enter"]);
    term.wait_for("n next");
    term.keys(&["C-c"]);
    let screen = term.wait_for("[exit 0]");
    assert!(screen.contains("icanon echo"), "{screen}");
    drop(term);
    for (signal, code) in [("TERM", 143), ("HUP", 129)] {
        let killed = script.replace(
            "ADVICE browse",
            &format!("(sleep 1; pkill -{signal} -P $$ -x advice) & ADVICE browse"),
        );
        let Some(term) = Tmux::start(&env, 60, 20, &killed) else {
            return;
        };
        let screen = term.wait_for("[exit ");
        assert!(
            screen.contains(&format!("[exit {code}]")),
            "{signal}: {screen}"
        );
        assert!(
            screen.contains("icanon echo"),
            "{signal}: restored:\n{screen}"
        );
    }
}

/// The cost of a keystroke on a big library, against a plain search: run by
/// `bench/run browse` (release build, the generated 5,000-chapter library
/// in ADVICE_BENCH_LIBRARY). Each keystroke of a typed query re-ranks and
/// redraws a 120x40 screen into the TestBackend; the baseline is the same
/// query searched once, as `advice search` does, in the same process.
#[test]
#[ignore = "a benchmark: bench/run browse"]
fn keystroke_cost() {
    use std::time::{Duration, Instant};
    let Some(folder) = std::env::var_os("ADVICE_BENCH_LIBRARY") else {
        panic!("set ADVICE_BENCH_LIBRARY to a library folder (bench/run browse does)");
    };
    let library = advice::load::library(&advice::load::Sources {
        flag_dirs: vec![folder.into()],
        follow_links: false,
    })
    .expect("library");
    let chapters = library.chapters().expect("chapters").len();
    let query = "deadline manager";
    let analyzer = advice::text::Analyzer::new();
    let rounds = 20;
    let (mut keystrokes, mut searches) = (Vec::new(), Vec::new());
    for _ in 0..rounds {
        let mut app = App::new(&library, "").expect("app");
        let _ = screen_text(&app, 120, 40, true);
        for (i, c) in query.char_indices() {
            let start = Instant::now();
            press(&mut app, KeyCode::Char(c));
            let screen = screen_text(&app, 120, 40, true);
            keystrokes.push(start.elapsed());
            assert!(!screen.is_empty());
            let prefix = &query[..i + c.len_utf8()];
            let start = Instant::now();
            // As `advice search` does: through the library's (checked) index.
            if let Ok(parsed) = advice::ranking::Query::parse(prefix, &analyzer) {
                let outcome = library.with_index(|index| {
                    advice::ranking::search(
                        index,
                        &parsed,
                        &crate::common::search_options(5),
                        &analyzer,
                    )
                });
                std::hint::black_box(outcome.expect("an index"));
            }
            searches.push(start.elapsed());
        }
    }
    let mean = |v: &[Duration]| v.iter().sum::<Duration>() / v.len() as u32;
    let worst = keystrokes.iter().max().copied().unwrap_or_default();
    let (key, search) = (mean(&keystrokes), mean(&searches));
    let ratio = key.as_secs_f64() / search.as_secs_f64().max(1e-9);
    println!(
        "{chapters} chapters, {} keystrokes: a keystroke (re-rank and redraw) {:.2} ms mean, {:.2} ms worst; a plain search {:.2} ms; ratio {ratio:.2}x (target 2x); worst within a 16 ms frame: {}",
        keystrokes.len(),
        key.as_secs_f64() * 1000.0,
        worst.as_secs_f64() * 1000.0,
        search.as_secs_f64() * 1000.0,
        if worst <= Duration::from_millis(16) {
            "yes"
        } else {
            "NO"
        }
    );
}
