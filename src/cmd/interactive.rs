//! `advice checklist TOPIC --interactive`: one item at a time on a terminal
//! (y done, n not yet, s skip, q quit), then a summary with what is still open.
//!
//! The walk itself is a plain state machine ([`Session`]); only [`run`]
//! touches the terminal. Keys are read in raw mode, so Ctrl-C arrives as a
//! key: the terminal is restored before anything else happens, and a guard
//! (plus a panic hook) restores it on every other way out.

use crate::checklist::Checklist;
use crate::output::{Output, render};
use anyhow::Result;
use std::io::Write;
use std::process::ExitCode;
use termimad::crossterm::event::{self, Event, KeyCode, KeyEvent, KeyEventKind, KeyModifiers};
use termimad::crossterm::terminal;

/// An answer to one item.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Answer {
    Done,
    NotYet,
    Skipped,
}

/// What a key press means.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Key {
    Answer(Answer),
    Quit,
    Interrupt,
    Other,
}

/// Maps a key press to its meaning.
pub fn key_meaning(key: &KeyEvent) -> Key {
    if key.modifiers.contains(KeyModifiers::CONTROL)
        && matches!(key.code, KeyCode::Char('c') | KeyCode::Char('d'))
    {
        return Key::Interrupt;
    }
    match key.code {
        KeyCode::Char('y' | 'Y') => Key::Answer(Answer::Done),
        KeyCode::Char('n' | 'N') => Key::Answer(Answer::NotYet),
        KeyCode::Char('s' | 'S') | KeyCode::Char(' ') => Key::Answer(Answer::Skipped),
        KeyCode::Char('q' | 'Q') | KeyCode::Esc => Key::Quit,
        _ => Key::Other,
    }
}

/// Progress through a checklist.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Session {
    pub answers: Vec<Option<Answer>>,
    pub position: usize,
}

impl Session {
    pub fn new(items: usize) -> Self {
        Session {
            answers: vec![None; items],
            position: 0,
        }
    }

    /// Records an answer for the current item; false once every item is answered.
    pub fn answer(&mut self, answer: Answer) -> bool {
        if let Some(slot) = self.answers.get_mut(self.position) {
            *slot = Some(answer);
            self.position += 1;
        }
        self.position < self.answers.len()
    }

    /// Items answered "done".
    pub fn done(&self) -> usize {
        self.answers
            .iter()
            .filter(|a| **a == Some(Answer::Done))
            .count()
    }

    /// Indices of items not done (not yet, skipped, or never reached).
    pub fn open(&self) -> Vec<usize> {
        (0..self.answers.len())
            .filter(|&i| self.answers[i] != Some(Answer::Done))
            .collect()
    }
}

/// Restores the terminal when dropped.
struct RawMode;

impl RawMode {
    fn enable() -> Result<Self> {
        terminal::enable_raw_mode()?;
        // With panic = "abort" no destructor runs on a panic, so the hook restores the terminal.
        let previous = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            let _ = terminal::disable_raw_mode();
            previous(info);
        }));
        Ok(RawMode)
    }
}

impl Drop for RawMode {
    fn drop(&mut self) {
        let _ = terminal::disable_raw_mode();
    }
}

/// Walks the checklist on the terminal, then prints the summary.
pub fn run(checklist: &Checklist, out: &mut Output) -> Result<ExitCode> {
    let items: Vec<String> = checklist
        .items
        .iter()
        .map(|b| crate::sanitize::visible(&b.text).into_owned())
        .collect();
    let mut session = Session::new(items.len());
    let style = out.style;
    let mut screen = std::io::stdout().lock();
    let header = render::checklist_header(checklist, style, out.width);
    write!(
        screen,
        "{header}\n{}\n\n",
        style.dim("y done · n not yet · s skip · q quit")
    )?;
    screen.flush()?;
    let mut interrupted = false;
    {
        let _raw = RawMode::enable()?;
        'items: while session.position < items.len() {
            let number = format!("{}/{}", session.position + 1, items.len());
            let lines = render::wrap(&items[session.position], out.width.saturating_sub(2), 0, 2);
            let prompt = format!(
                "{} {}  {}",
                style.dim(&number),
                lines.join("\r\n"),
                style.name("[y/n/s/q] ")
            );
            write!(screen, "{prompt}")?;
            screen.flush()?;
            loop {
                let Event::Key(key) = event::read()? else {
                    continue;
                };
                if key.kind != KeyEventKind::Press {
                    continue;
                }
                match key_meaning(&key) {
                    Key::Answer(answer) => {
                        let mark = match answer {
                            Answer::Done => style.bold("done"),
                            Answer::NotYet => "not yet".to_string(),
                            Answer::Skipped => style.dim("skipped"),
                        };
                        write!(screen, "{mark}\r\n")?;
                        if !session.answer(answer) {
                            break 'items;
                        }
                        break;
                    }
                    Key::Quit => {
                        write!(screen, "{}\r\n", style.dim("quit"))?;
                        break 'items;
                    }
                    Key::Interrupt => {
                        interrupted = true;
                        write!(screen, "\r\n")?;
                        break 'items;
                    }
                    Key::Other => {}
                }
            }
        }
        screen.flush()?;
    }
    if interrupted {
        // The terminal is back to normal here; 130 is what shells report for Ctrl-C.
        return Ok(ExitCode::from(130));
    }
    drop(screen);
    let open: Vec<&str> = session
        .open()
        .into_iter()
        .map(|i| items[i].as_str())
        .collect();
    out.print(&render::interactive_summary(
        session.done(),
        items.len(),
        &open,
        style,
    ))?;
    Ok(ExitCode::SUCCESS)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn session_collects_open_items() {
        let mut s = Session::new(4);
        assert!(s.answer(Answer::Done));
        assert!(s.answer(Answer::NotYet));
        assert!(s.answer(Answer::Skipped));
        assert!(!s.answer(Answer::Done));
        assert_eq!(s.done(), 2);
        assert_eq!(s.open(), vec![1, 2]);
    }

    #[test]
    fn quitting_early_leaves_the_rest_open() {
        let mut s = Session::new(3);
        s.answer(Answer::Done);
        assert_eq!(s.open(), vec![1, 2]);
    }

    #[test]
    fn keys_map_to_answers() {
        let key = |c| KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE);
        assert_eq!(key_meaning(&key('y')), Key::Answer(Answer::Done));
        assert_eq!(key_meaning(&key('n')), Key::Answer(Answer::NotYet));
        assert_eq!(key_meaning(&key('s')), Key::Answer(Answer::Skipped));
        assert_eq!(key_meaning(&key('q')), Key::Quit);
        assert_eq!(
            key_meaning(&KeyEvent::new(KeyCode::Char('c'), KeyModifiers::CONTROL)),
            Key::Interrupt
        );
        assert_eq!(key_meaning(&key('x')), Key::Other);
    }
}
