//! Paging long text on a terminal: `$PAGER` (split the way a shell would),
//! else `less -R -F -X`.
//!
//! The pager never outlives advice: while it is open, SIGTERM or SIGHUP to
//! advice is passed on to the pager as SIGTERM (which lets `less` restore the
//! terminal), advice waits for it to close and then exits 128+signal.
//! SIGINT is the pager's own (less uses Ctrl-C to stop a search), so advice
//! ignores it and keeps waiting. A pager that cannot start, or that fails
//! straight away (`PAGER=false`), costs the reader nothing: a one-line
//! warning, and the text printed as it is.

use anyhow::Result;
use signal_hook::consts::{SIGHUP, SIGINT, SIGTERM};
use std::io::{ErrorKind, Write};
use std::process::{Command, Stdio};

/// What became of the text.
#[derive(Debug, PartialEq, Eq)]
pub enum Shown {
    /// The pager showed it and was closed by the reader.
    Paged,
    /// No pager showed it: print the text, after this warning if there is one.
    NotPaged(Option<String>),
    /// advice was told to stop (SIGTERM, SIGHUP) while the pager was open;
    /// the pager has been ended. Exit 128 + this signal.
    Signalled(i32),
}

/// The pager command: `$PAGER` split into words, or less. An unusable
/// `$PAGER` (unbalanced quotes) is `Err` with the reason.
fn command_words() -> Result<Vec<String>, String> {
    match std::env::var("PAGER") {
        Ok(pager) if !pager.trim().is_empty() => match shell_words::split(&pager) {
            Ok(words) if !words.is_empty() => Ok(words),
            Ok(_) => Err("PAGER has no command".to_string()),
            Err(e) => Err(format!("cannot split PAGER into words ({e})")),
        },
        _ => Ok(["less", "-R", "-F", "-X"].map(str::to_string).to_vec()),
    }
}

/// Shows `text` in the pager and waits for it to close.
pub fn show(text: &str) -> Result<Shown> {
    let configured = std::env::var_os("PAGER").is_some_and(|p| !p.is_empty());
    let words = match command_words() {
        Ok(words) => words,
        Err(why) => return Ok(Shown::NotPaged(Some(format!("{why}; printing instead")))),
    };
    let (program, args) = words.split_first().expect("command_words is never empty");
    let mut command = Command::new(program);
    command.args(args).stdin(Stdio::piped());
    if std::env::var_os("LESS").is_none() {
        command.env("LESS", "FRX");
    }
    // Listen before the pager starts, so no signal falls between the two.
    let mut signals = signal_hook::iterator::Signals::new([SIGTERM, SIGHUP, SIGINT])?;
    let mut child = match command.spawn() {
        Ok(child) => child,
        Err(e) => {
            signals.handle().close();
            // No `less` and no PAGER: print quietly, as many tools do.
            let warning = configured
                .then(|| format!("cannot start the pager '{program}' ({e}); printing instead"));
            return Ok(Shown::NotPaged(warning));
        }
    };
    let pid = child.id();
    let handle = signals.handle();
    let relay = std::thread::spawn(move || {
        for signal in signals.forever() {
            if signal == SIGINT {
                continue;
            }
            if let Ok(pid) = libc::pid_t::try_from(pid) {
                // SAFETY: kill(2) with a pid we spawned and have not reaped yet.
                unsafe {
                    libc::kill(pid, SIGTERM);
                }
            }
            return Some(signal);
        }
        None
    });
    let written = match child.stdin.take() {
        Some(mut stdin) => match stdin.write_all(text.as_bytes()) {
            // The reader may quit the pager before reading everything.
            Err(e) if e.kind() == ErrorKind::BrokenPipe => Ok(()),
            other => other,
        },
        None => Ok(()),
    };
    let status = child.wait();
    handle.close();
    let signalled = relay.join().ok().flatten();
    if let Some(signal) = signalled {
        return Ok(Shown::Signalled(signal));
    }
    let status = status?;
    written?;
    // Killed by a signal of the reader's own: they closed it.
    match status.code() {
        Some(0) | None => Ok(Shown::Paged),
        Some(code) => Ok(Shown::NotPaged(Some(format!(
            "the pager '{program}' failed (exit {code}); printing instead"
        )))),
    }
}
