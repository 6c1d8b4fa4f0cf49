//! Where command results go: one buffered stdout, colour decided once, the
//! text width, the pager, and JSON. Commands hand over data; the renderers in
//! [`render`] turn it into terminal text.

pub mod markdown;
pub mod pager;
pub mod render;
pub mod view;

use crate::cli::{ColorChoice, GlobalArgs};
use anyhow::Result;
use serde::Serialize;
use std::io::{self, BufWriter, IsTerminal, StdoutLock, Write};

/// Text width when nothing else says: not a terminal and no `COLUMNS`.
pub const DEFAULT_WIDTH: usize = 80;

/// The widest text gets unless `--width` asks for more.
pub const MAX_READING_WIDTH: usize = 100;

/// The run's output settings, its stdout, and its warnings on stderr.
pub struct Output {
    writer: BufWriter<StdoutLock<'static>>,
    /// A write to stderr failed for a reason other than a closed pipe
    /// (a full disk): the data still goes to stdout, and the exit code says so.
    stderr_failed: bool,
    /// Colour and emphasis, or none.
    pub style: Style,
    /// Columns to wrap text at.
    pub width: usize,
    /// Whether stdout is a terminal.
    pub terminal: bool,
    /// Rows of the terminal, when stdout is one and its size is known.
    pub terminal_rows: Option<usize>,
    /// Whether long text may go through the pager.
    pub pager: bool,
}

impl Output {
    /// Decides colour, width and paging from the options and the environment.
    pub fn new(args: &GlobalArgs) -> Self {
        let stdout = io::stdout();
        let is_terminal = stdout.is_terminal();
        let env = |name: &str| std::env::var(name).ok().filter(|v| !v.is_empty());
        let colour = match args.color {
            ColorChoice::Always => true,
            ColorChoice::Never => false,
            ColorChoice::Auto => {
                is_terminal && env("NO_COLOR").is_none() && env("TERM").as_deref() != Some("dumb")
            }
        };
        let size = if is_terminal { terminal_size() } else { None };
        // --width is obeyed; a wide terminal still gets lines a reader can
        // follow (MAX_READING_WIDTH, as man and glow cap theirs).
        let width = match args.width {
            Some(width) => usize::from(width),
            None => env("COLUMNS")
                .and_then(|c| c.trim().parse::<usize>().ok())
                .filter(|&c| c > 0)
                .or(size.map(|(cols, _)| cols))
                .unwrap_or(DEFAULT_WIDTH)
                .min(MAX_READING_WIDTH),
        }
        .clamp(20, 1000);
        Output {
            writer: BufWriter::new(stdout.lock()),
            stderr_failed: false,
            style: Style { colour },
            width,
            terminal: is_terminal,
            terminal_rows: size.map(|(_, rows)| rows),
            pager: is_terminal && !args.no_pager,
        }
    }

    /// Whether stdout is a terminal.
    pub fn is_terminal(&self) -> bool {
        self.terminal
    }

    /// Writes text as it is.
    pub fn print(&mut self, text: &str) -> Result<()> {
        self.writer.write_all(text.as_bytes())?;
        Ok(())
    }

    /// Sends what has been printed so far (before another program takes the terminal).
    pub fn flush(&mut self) -> Result<()> {
        self.writer.flush()?;
        Ok(())
    }

    /// Writes text, through the pager when it is taller than the terminal.
    pub fn page(&mut self, text: &str) -> Result<()> {
        if let (true, Some(rows)) = (self.pager, self.terminal_rows)
            && text.lines().count() >= rows
        {
            self.writer.flush()?;
            match pager::show(text)? {
                pager::Shown::Paged => return Ok(()),
                pager::Shown::NotPaged(warning) => self.warn(&Vec::from_iter(warning)),
                pager::Shown::Signalled(signal) => {
                    let code = u8::try_from(128 + signal).unwrap_or(crate::error::USAGE);
                    return Err(crate::error::Failure::quiet(code).into());
                }
            }
        }
        self.print(text)
    }

    /// Writes a value as pretty JSON with a final newline. serde_json escapes
    /// C0 controls; C1 controls and bidirectional overrides from chapter text
    /// are escaped here too (as `\u009b`), so JSON is safe on a terminal.
    pub fn json<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<()> {
        self.writer.write_all(json_text(value)?.as_bytes())?;
        Ok(())
    }

    /// Prints each line on stderr as `advice: warning: LINE`, escaped so
    /// nothing in it (a path, a file name with a newline) can reach the
    /// terminal raw. A closed stderr is ignored; any other failure to write
    /// is remembered for the exit code, and never stops the data on stdout.
    pub fn warn<S: AsRef<str>>(&mut self, lines: &[S]) {
        if lines.is_empty() {
            return;
        }
        let mut text = String::new();
        for line in lines {
            text.push_str("advice: warning: ");
            text.push_str(&crate::sanitize::line(line.as_ref()));
            text.push('\n');
        }
        if let Err(e) = io::stderr().lock().write_all(text.as_bytes())
            && e.kind() != io::ErrorKind::BrokenPipe
        {
            self.stderr_failed = true;
        }
    }

    /// Flushes stdout; errors (a closed pipe) surface here at the latest.
    /// A warning that could not be written makes this an error too (exit 2).
    pub fn finish(mut self) -> Result<()> {
        self.writer.flush()?;
        if self.stderr_failed {
            anyhow::bail!("could not write warnings to stderr");
        }
        Ok(())
    }
}

/// A value as `--json` prints it: pretty JSON with a final newline, C1
/// controls and bidirectional controls escaped as well (serde_json escapes
/// the C0 ones), so the text is safe on a terminal.
pub fn json_text<T: Serialize + ?Sized>(value: &T) -> Result<String> {
    let text = serde_json::to_string_pretty(value)?;
    let mut safe = String::with_capacity(text.len() + 1);
    for c in text.chars() {
        if crate::sanitize::is_unsafe(c) {
            safe.push_str(&format!("\\u{:04x}", c as u32));
        } else {
            safe.push(c);
        }
    }
    safe.push('\n');
    Ok(safe)
}

/// (columns, rows) of the terminal on stdout; `None` if unknown or nonsense.
fn terminal_size() -> Option<(usize, usize)> {
    termimad::crossterm::terminal::size()
        .ok()
        .filter(|&(cols, rows)| cols > 0 && rows > 0)
        .map(|(cols, rows)| (usize::from(cols), usize::from(rows)))
}

/// Emphasis `advice` itself adds; plain text when colour is off.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Style {
    pub colour: bool,
}

impl Style {
    fn paint(&self, code: &str, text: &str) -> String {
        if self.colour {
            format!("\x1b[{code}m{text}\x1b[0m")
        } else {
            text.to_string()
        }
    }

    /// Titles and headings.
    pub fn heading(&self, text: &str) -> String {
        self.paint("1;36", text)
    }

    /// Strong emphasis.
    pub fn bold(&self, text: &str) -> String {
        self.paint("1", text)
    }

    /// Secondary information: pages, paths, counts.
    pub fn dim(&self, text: &str) -> String {
        self.paint("2", text)
    }

    /// Names to type: slugs and commands.
    pub fn name(&self, text: &str) -> String {
        self.paint("33", text)
    }

    /// Search matches.
    pub fn matched(&self, text: &str) -> String {
        self.paint("1;31", text)
    }

    /// The danger line.
    pub fn warning(&self, text: &str) -> String {
        self.paint("1;35", text)
    }
}
