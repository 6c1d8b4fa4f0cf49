//! `advice checklist TOPIC --interactive`: one item at a time on a terminal
//! (y done, n not yet, s skip, q quit), then a summary with what is still open.
//!
//! Answers are saved after every key ([`crate::state::Progress`]), so a walk
//! cut short by `q`, Ctrl-C or a closed terminal can be resumed: running the
//! same checklist again offers to ask only what is still open.
//! `advice checklist NAME --reset` forgets the answers.
//!
//! The walk itself is a plain state machine ([`Session`]); only [`run`]
//! touches the terminal. Keys are read in raw mode, so Ctrl-C arrives as a
//! key: the terminal is restored before anything else happens, and a guard
//! (plus a panic hook) restores it on every other way out.

use crate::checklist::Checklist;
use crate::output::{Output, render};
pub use crate::state::Answer;
use crate::state::Progress;
use anyhow::Result;
use std::io::Write;
use std::process::ExitCode;
use termimad::crossterm::event::{self, Event, KeyCode, KeyEvent, KeyEventKind, KeyModifiers};
use termimad::crossterm::terminal;

/// What a key press means.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Key {
    Answer(Answer),
    Quit,
    Interrupt,
    Other,
}

/// The keys, as the reader is reminded of them.
pub const KEYS: &str = "y done \u{b7} n not yet \u{b7} s skip \u{b7} q quit";

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

/// Progress through a checklist: an answer per item, and the items still to ask.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Session {
    pub answers: Vec<Option<Answer>>,
    /// Indices of the items this walk asks about, in order.
    pub queue: Vec<usize>,
    /// How far through `queue` the walk is.
    pub cursor: usize,
}

impl Session {
    /// A walk through every item, nothing answered.
    pub fn new(items: usize) -> Self {
        Session {
            answers: vec![None; items],
            queue: (0..items).collect(),
            cursor: 0,
        }
    }

    /// A walk that keeps earlier answers and asks only about the items not done.
    pub fn resume(answers: Vec<Option<Answer>>) -> Self {
        let queue = (0..answers.len())
            .filter(|&i| answers[i] != Some(Answer::Done))
            .collect();
        Session {
            answers,
            queue,
            cursor: 0,
        }
    }

    /// The item being asked about, if any is left.
    pub fn current(&self) -> Option<usize> {
        self.queue.get(self.cursor).copied()
    }

    /// Records an answer for the current item; false once the walk is over.
    pub fn answer(&mut self, answer: Answer) -> bool {
        if let Some(i) = self.current() {
            self.answers[i] = Some(answer);
            self.cursor += 1;
        }
        self.current().is_some()
    }

    /// Items answered "done".
    pub fn done(&self) -> usize {
        self.answers
            .iter()
            .filter(|a| **a == Some(Answer::Done))
            .count()
    }

    /// Items with any answer.
    pub fn answered(&self) -> usize {
        self.answers.iter().filter(|a| a.is_some()).count()
    }

    /// Indices of items not done (not yet, skipped, or never reached).
    pub fn open(&self) -> Vec<usize> {
        (0..self.answers.len())
            .filter(|&i| self.answers[i] != Some(Answer::Done))
            .collect()
    }

    /// The answers as a progress file keeps them.
    pub fn progress(&self, name: &str, items: &[String]) -> Progress {
        Progress {
            name: name.to_string(),
            answers: self
                .answers
                .iter()
                .zip(items)
                .filter_map(|(a, item)| a.map(|a| (a, item.clone())))
                .collect(),
        }
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

/// The next key press (presses only, not releases).
fn next_key() -> Result<KeyEvent> {
    loop {
        if let Event::Key(key) = event::read()?
            && key.kind == KeyEventKind::Press
        {
            return Ok(key);
        }
    }
}

/// Lines for raw mode, where "\n" does not return the carriage.
fn raw(text: &str) -> String {
    text.replace('\n', "\r\n")
}

/// One item's prompt: "3/7 " then the item, wrapped under itself, and the
/// keys after it (or on a line of their own when they don't fit).
pub fn prompt(number: &str, item: &str, width: usize) -> (Vec<String>, String) {
    let indent = render::cols(number) + 1;
    let mut lines = render::wrap(item, width, indent, indent);
    if let Some(first) = lines.first_mut() {
        *first = format!("{number} {}", first.trim_start());
    }
    let keys = "[y/n/s/q] ".to_string();
    let last = lines.last().map_or(0, |l| render::cols(l));
    if last + 2 + render::cols(&keys) > width {
        lines.push(" ".repeat(indent));
        (lines, keys)
    } else {
        (lines, format!("  {keys}"))
    }
}

/// How a walk starts when there are saved answers.
enum Start {
    Resume,
    Again,
    Quit,
}

/// Walks the checklist on the terminal, then prints the summary.
pub fn run(checklist: &Checklist, out: &mut Output) -> Result<ExitCode> {
    let items: Vec<String> = checklist
        .items
        .iter()
        .map(|b| crate::sanitize::visible(&b.text).into_owned())
        .collect();
    let name = checklist.name;
    let saved: Vec<Option<Answer>> = match Progress::load(name) {
        Some(progress) => items.iter().map(|i| progress.answer_for(i)).collect(),
        None => vec![None; items.len()],
    };
    let style = out.style;
    let width = out.width;
    let mut screen = std::io::stdout().lock();
    let header = render::checklist_header(checklist, style, width);
    write!(screen, "{header}\n{}\n\n", style.dim(KEYS))?;
    screen.flush()?;
    let mut interrupted = false;
    let mut save_failed: Option<String> = None;
    let mut session = Session::new(items.len());
    {
        let _raw = RawMode::enable()?;
        let resumable = Session::resume(saved.clone());
        if resumable.answered() > 0 {
            let done = resumable.done();
            let question = if resumable.queue.is_empty() {
                format!(
                    "You have ticked all {} items before. a start again \u{b7} q quit ",
                    items.len()
                )
            } else {
                format!(
                    "Saved: {done} of {} done. r resume with the {} still open \u{b7} a start again \u{b7} q quit ",
                    items.len(),
                    resumable.queue.len()
                )
            };
            let lines = render::wrap(&question, width, 0, 0);
            write!(screen, "{}", raw(&lines.join("\n")))?;
            screen.flush()?;
            let start = loop {
                let key = next_key()?;
                match key.code {
                    KeyCode::Char('r' | 'R') | KeyCode::Enter if !resumable.queue.is_empty() => {
                        break Start::Resume;
                    }
                    KeyCode::Char('a' | 'A') => break Start::Again,
                    _ if key_meaning(&key) == Key::Interrupt => {
                        interrupted = true;
                        break Start::Quit;
                    }
                    _ if key_meaning(&key) == Key::Quit => break Start::Quit,
                    _ => {}
                }
            };
            write!(screen, "\r\n\r\n")?;
            match start {
                Start::Resume => session = resumable,
                Start::Again => {}
                Start::Quit => {
                    session = resumable;
                    session.cursor = session.queue.len();
                }
            }
        }
        let total = items.len();
        while let Some(i) = session.current() {
            let number = format!("{}/{total}", i + 1);
            let (lines, keys) = prompt(&number, &items[i], width);
            let lines: Vec<String> = lines
                .iter()
                .enumerate()
                .map(|(n, l)| {
                    if n == 0 {
                        format!("{}{}", style.dim(&number), &l[number.len().min(l.len())..])
                    } else {
                        l.clone()
                    }
                })
                .collect();
            write!(screen, "{}{}", lines.join("\r\n"), style.name(&keys))?;
            screen.flush()?;
            let mut reminded = false;
            let key = loop {
                let key = next_key()?;
                match key_meaning(&key) {
                    Key::Other => {
                        // Say once which keys work, then ask again.
                        if !reminded {
                            reminded = true;
                            write!(
                                screen,
                                "\r\n{}\r\n{}{}",
                                style.dim(&format!("Press {KEYS}.")),
                                lines.join("\r\n"),
                                style.name(&keys)
                            )?;
                            screen.flush()?;
                        }
                    }
                    meaning => break meaning,
                }
            };
            match key {
                Key::Answer(answer) => {
                    let mark = match answer {
                        Answer::Done => style.bold("done"),
                        Answer::NotYet => "not yet".to_string(),
                        Answer::Skipped => style.dim("skipped"),
                    };
                    write!(screen, "{mark}\r\n")?;
                    session.answer(answer);
                    if let Err(e) = session.progress(name, &items).save()
                        && save_failed.is_none()
                    {
                        save_failed = Some(e.to_string());
                    }
                }
                Key::Quit => {
                    write!(screen, "{}\r\n", style.dim("quit"))?;
                    break;
                }
                _ => {
                    interrupted = true;
                    write!(screen, "\r\n")?;
                    break;
                }
            }
        }
        screen.flush()?;
    }
    drop(screen);
    if let Some(why) = save_failed {
        out.warn(&[format!(
            "could not save your answers ({why}); they will not be offered next time"
        )]);
    }
    if interrupted {
        // The terminal is back to normal here; 130 is what shells report for Ctrl-C.
        return Ok(ExitCode::from(130));
    }
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
        width,
    ))?;
    if session.answered() > 0 {
        let path = Progress::path(name)
            .map(|p| crate::load::shown_path(&p))
            .unwrap_or_default();
        let note =
            format!("Answers saved in {path}; `advice checklist {name} --reset` forgets them.");
        for line in render::wrap(&note, width, 0, 0) {
            out.print(&style.dim(&line))?;
            out.print("\n")?;
        }
    }
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
    fn resuming_asks_only_what_is_not_done() {
        let mut s = Session::resume(vec![Some(Answer::Done), Some(Answer::NotYet), None]);
        assert_eq!(s.current(), Some(1));
        assert!(s.answer(Answer::Done));
        assert_eq!(s.current(), Some(2));
        assert!(!s.answer(Answer::Skipped));
        assert_eq!(s.done(), 2);
        assert_eq!(s.open(), vec![2]);
    }

    #[test]
    fn the_prompt_counts_its_number_and_keeps_words_whole() {
        let item = "Write down what leadership wants from the project and who sponsors it";
        for width in [20, 30, 40, 80] {
            let (lines, keys) = prompt("10/10", item, width);
            assert!(lines[0].starts_with("10/10 Write"), "{lines:?}");
            for line in &lines {
                assert!(render::cols(line) <= width, "{width}: {line:?}");
            }
            let words: Vec<&str> = lines.iter().flat_map(|l| l.split_whitespace()).collect();
            assert_eq!(words[1..].join(" "), item, "{width}");
            let last = lines.last().unwrap();
            assert!(
                render::cols(last) + render::cols(&keys) <= width + 1,
                "{width}"
            );
        }
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
