//! Errors a reader can act on, their exit codes, and how they are reported.
//!
//! Exit codes: 0 success, 1 nothing found (or problems found by `lint`),
//! 2 usage error or any other failure. A closed pipe is a quiet 0.

use std::fmt;
use std::io::{self, Write};
use std::process::ExitCode;

/// Nothing matched what the reader asked for.
pub const NOT_FOUND: u8 = 1;
/// The command line, or something it names, is wrong.
pub const USAGE: u8 = 2;

/// A failure with a message, optional hints (each printed on its own line) and an exit code.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Failure {
    pub code: u8,
    pub message: String,
    pub hints: Vec<String>,
}

impl Failure {
    /// Nothing found (exit 1).
    pub fn not_found(message: impl Into<String>) -> Self {
        Failure {
            code: NOT_FOUND,
            message: message.into(),
            hints: Vec::new(),
        }
    }

    /// A usage error (exit 2).
    pub fn usage(message: impl Into<String>) -> Self {
        Failure {
            code: USAGE,
            message: message.into(),
            hints: Vec::new(),
        }
    }

    /// An exit with this code and nothing to say (advice was told to stop).
    pub fn quiet(code: u8) -> Self {
        Failure {
            code,
            message: String::new(),
            hints: Vec::new(),
        }
    }

    /// Adds a line of advice on what to do next.
    pub fn hint(mut self, hint: impl Into<String>) -> Self {
        self.hints.push(hint.into());
        self
    }
}

impl fmt::Display for Failure {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for Failure {}

/// True if writing failed only because the reader closed the pipe (`| head`).
pub fn is_broken_pipe(err: &anyhow::Error) -> bool {
    err.chain().any(|cause| {
        cause
            .downcast_ref::<io::Error>()
            .is_some_and(|e| e.kind() == io::ErrorKind::BrokenPipe)
    })
}

/// Prints an error on stderr as `advice: ...` with its hints, and returns its
/// exit code. Every line is escaped ([`crate::sanitize::line`]): messages
/// name paths, arguments and environment values. A stderr that cannot be
/// written to changes nothing: the exit code still says what failed.
pub fn report(err: &anyhow::Error) -> ExitCode {
    use crate::sanitize::line;
    let mut text = String::new();
    let code = match err.downcast_ref::<Failure>() {
        Some(failure) if failure.message.is_empty() => failure.code,
        Some(failure) => {
            text.push_str(&format!("advice: {}\n", line(&failure.message)));
            for hint in &failure.hints {
                text.push_str(&line(hint));
                text.push('\n');
            }
            failure.code
        }
        None => {
            text.push_str(&format!("advice: {}\n", line(&format!("{err:#}"))));
            USAGE
        }
    };
    let _ = io::stderr().lock().write_all(text.as_bytes());
    ExitCode::from(code)
}
