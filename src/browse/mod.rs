//! `advice browse [QUERY]`: find, read and tick off in one full-screen
//! view. [`app`] holds the state and what keys do, [`view`] draws it with
//! ratatui; this module owns the terminal.
//!
//! The terminal is always given back as it was: on leaving, on an error,
//! on a panic (a hook restores it before the abort), and on SIGTERM or
//! SIGHUP (noticed within a tenth of a second; advice then exits
//! 128+signal). Ctrl-C is a key here, read in raw mode.

pub mod app;
pub mod view;

use crate::error::Failure;
use crate::library::Library;
use crate::output::Output;
use anyhow::Result;
use ratatui::Terminal;
use ratatui::backend::CrosstermBackend;
use std::io::IsTerminal;
use std::process::ExitCode;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use termimad::crossterm::{cursor, event, execute, terminal};

/// Puts the terminal back as it was (raw mode off, the main screen, the cursor shown).
fn restore() {
    let _ = terminal::disable_raw_mode();
    let _ = execute!(
        std::io::stdout(),
        terminal::LeaveAlternateScreen,
        cursor::Show
    );
}

/// Restores the terminal when dropped.
struct Screen;

impl Screen {
    fn enter() -> Result<Self> {
        terminal::enable_raw_mode()?;
        let guard = Screen;
        execute!(
            std::io::stdout(),
            terminal::EnterAlternateScreen,
            cursor::Hide
        )?;
        // With panic = "abort" no destructor runs on a panic: the hook restores.
        let previous = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            restore();
            previous(info);
        }));
        Ok(guard)
    }
}

impl Drop for Screen {
    fn drop(&mut self) {
        restore();
    }
}

/// Runs the browser until the reader leaves.
pub fn run(library: &Library, query: &str, out: &mut Output) -> Result<ExitCode> {
    if !std::io::stdin().is_terminal() || !out.is_terminal() {
        return Err(
            Failure::usage("advice browse needs a terminal to draw on and read keys from")
                .hint("Search without one: `advice search WORDS` (or `--json` for scripts).")
                .into(),
        );
    }
    let mut app = app::App::new(library, query)?;
    app.remember = true;
    app.progress = crate::state::progress_dir();
    let colour = out.style.colour;
    out.flush()?;
    // SIGTERM or SIGHUP: remember which, leave the loop, restore, exit 128+signal.
    let signal = Arc::new(AtomicUsize::new(0));
    for sig in [signal_hook::consts::SIGTERM, signal_hook::consts::SIGHUP] {
        signal_hook::flag::register_usize(sig, Arc::clone(&signal), sig as usize)?;
    }
    let _screen = Screen::enter()?;
    let mut terminal = Terminal::new(CrosstermBackend::new(std::io::stdout()))?;
    terminal.clear()?;
    loop {
        terminal.draw(|frame| view::draw(frame, &app, colour))?;
        if app.quit || signal.load(Ordering::Relaxed) != 0 {
            break;
        }
        if !event::poll(std::time::Duration::from_millis(100))? {
            continue;
        }
        if let event::Event::Key(key) = event::read()?
            && key.kind == event::KeyEventKind::Press
        {
            app.key(key);
        }
        if app.quit {
            break;
        }
    }
    drop(terminal);
    drop(_screen);
    match signal.load(Ordering::Relaxed) {
        0 => Ok(ExitCode::SUCCESS),
        sig => Err(Failure::quiet(u8::try_from(128 + sig).unwrap_or(crate::error::USAGE)).into()),
    }
}
