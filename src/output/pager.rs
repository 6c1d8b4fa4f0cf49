//! Paging long text on a terminal: `$PAGER`, else `less -R -F -X`.

use anyhow::Result;
use std::io::{ErrorKind, Write};
use std::process::{Command, Stdio};

/// Shows `text` in the pager and waits for it to close. Returns false if no
/// pager could be started, so the caller prints the text itself.
pub fn show(text: &str) -> Result<bool> {
    let configured = std::env::var("PAGER").ok().filter(|p| !p.trim().is_empty());
    let words: Vec<String> = match &configured {
        Some(pager) => pager.split_whitespace().map(str::to_string).collect(),
        None => ["less", "-R", "-F", "-X"].map(str::to_string).to_vec(),
    };
    let Some((program, args)) = words.split_first() else {
        return Ok(false);
    };
    let mut command = Command::new(program);
    command.args(args).stdin(Stdio::piped());
    if std::env::var_os("LESS").is_none() {
        command.env("LESS", "FRX");
    }
    let mut child = match command.spawn() {
        Ok(child) => child,
        Err(_) => return Ok(false),
    };
    if let Some(mut stdin) = child.stdin.take() {
        // The reader may quit the pager before reading everything.
        match stdin.write_all(text.as_bytes()) {
            Err(e) if e.kind() != ErrorKind::BrokenPipe => return Err(e.into()),
            _ => {}
        }
    }
    child.wait()?;
    Ok(true)
}
