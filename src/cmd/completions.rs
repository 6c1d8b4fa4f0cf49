//! `advice completions SHELL`, and the completers behind it.
//!
//! Completion is dynamic (clap_complete's `unstable-dynamic` engine): the
//! script `advice completions SHELL` prints calls back into `advice` with
//! `COMPLETE=SHELL`, so chapter slugs, checklist names and tags come from the
//! library as it is at that moment, the reader's own chapters included.

use crate::cli::{CompletionsArgs, Shell};
use crate::library::Library;
use crate::output::Output;
use anyhow::Result;
use clap_complete::engine::CompletionCandidate;
use clap_complete::env::EnvCompleter;
use std::ffi::OsStr;
use std::process::ExitCode;

/// The environment variable the completion scripts set.
pub const COMPLETE_VAR: &str = "COMPLETE";

pub fn execute(args: &CompletionsArgs, out: &mut Output) -> Result<ExitCode> {
    let shell: &dyn EnvCompleter = match args.shell {
        Shell::Bash => &clap_complete::env::Bash,
        Shell::Zsh => &clap_complete::env::Zsh,
        Shell::Fish => &clap_complete::env::Fish,
        Shell::Elvish => &clap_complete::env::Elvish,
        Shell::Powershell => &clap_complete::env::Powershell,
    };
    let path = completer_path();
    let mut script = Vec::new();
    // clap_complete quotes the path for zsh and fish, but for bash it puts a
    // shell-quoted path inside double quotes, where `$(...)` would still run:
    // bash gets a placeholder, replaced by the path in single quotes.
    let completer = match args.shell {
        Shell::Bash => PLACEHOLDER,
        _ => path.as_str(),
    };
    shell.write_registration(COMPLETE_VAR, "advice", "advice", completer, &mut script)?;
    let mut script = String::from_utf8_lossy(&script).into_owned();
    if args.shell == Shell::Bash {
        script = script.replace(&format!("\"{PLACEHOLDER}\""), &single_quoted(&path));
    }
    out.print(&script)?;
    Ok(ExitCode::SUCCESS)
}

/// Stands for the path in clap's bash script until it is quoted here.
const PLACEHOLDER: &str = "__ADVICE_COMPLETER__";

/// `text` as one POSIX shell word that expands nothing: in single quotes,
/// each `'` written as `'\''`.
fn single_quoted(text: &str) -> String {
    format!("'{}'", text.replace('\'', r"'\''"))
}

/// How the script should call advice back: by name if it was run from the
/// PATH, else by its absolute path.
fn completer_path() -> String {
    let arg0 = std::env::args_os()
        .next()
        .unwrap_or_else(|| "advice".into());
    let path = std::path::PathBuf::from(&arg0);
    if path.components().count() > 1 {
        std::env::current_dir()
            .map(|d| d.join(&path))
            .unwrap_or(path)
            .to_string_lossy()
            .into_owned()
    } else {
        path.to_string_lossy().into_owned()
    }
}

/// The `--chapters DIR` folders (and `--follow-links`) typed on the line
/// being completed: the completers only see the word under the cursor, so
/// [`crate::run`] records these from the whole line before completing.
static TYPED_SOURCES: std::sync::OnceLock<crate::load::Sources> = std::sync::OnceLock::new();

/// Records the sources named on the command line being completed (the
/// words after the program name); `--chapters` the shell has not finished
/// typing, or that names no folder, is left out.
pub fn note_typed_sources(words: &[std::ffi::OsString]) {
    let mut sources = crate::load::Sources::default();
    let mut words = words.iter().filter_map(|w| w.to_str());
    while let Some(word) = words.next() {
        if word == "--" {
            break;
        }
        let dir = match word.strip_prefix("--chapters=") {
            Some(dir) => Some(dir),
            None if word == "--chapters" => words.next(),
            None => None,
        };
        if word == "--follow-links" {
            sources.follow_links = true;
        }
        if let Some(dir) = dir.map(std::path::PathBuf::from)
            && (dir.is_dir() || dir.is_file())
        {
            sources.flag_dirs.push(dir);
        }
    }
    let _ = TYPED_SOURCES.set(sources);
}

/// The library a completion sees: built-in plus the reader's configured
/// folders and any `--chapters` typed earlier on the line (warnings are not
/// printed: completion must stay quiet). `None` only if even the built-in
/// guide cannot be decoded: no candidates then.
fn library() -> Option<Library> {
    let sources = TYPED_SOURCES.get().cloned().unwrap_or_default();
    crate::load::library(&sources)
        .or_else(|_| Library::builtin())
        .ok()
}

fn matching(
    current: &OsStr,
    names: impl Iterator<Item = (String, String)>,
) -> Vec<CompletionCandidate> {
    let prefix = current.to_string_lossy().to_lowercase();
    let mut seen = std::collections::HashSet::new();
    names
        .filter(|(name, _)| name.starts_with(&prefix) && seen.insert(name.clone()))
        .map(|(name, help)| {
            let help = crate::sanitize::visible(&help).into_owned();
            CompletionCandidate::new(crate::sanitize::visible(&name).into_owned())
                .help(Some(help.into()))
        })
        .collect()
}

/// Chapter slugs, with titles as help.
pub fn chapter_names(current: &OsStr) -> Vec<CompletionCandidate> {
    let Some(library) = library() else {
        return Vec::new();
    };
    matching(
        current,
        library
            .chapters()
            .unwrap_or(&[])
            .iter()
            .map(|c| (c.meta.slug.clone(), c.meta.title.clone())),
    )
}

/// Checklist names, with their titles as help.
pub fn checklist_names(current: &OsStr) -> Vec<CompletionCandidate> {
    let Some(library) = library() else {
        return Vec::new();
    };
    matching(
        current,
        library.chapters().unwrap_or(&[]).iter().filter_map(|c| {
            c.meta
                .checklist
                .as_ref()
                .map(|m| (m.name.clone(), m.title.clone()))
        }),
    )
}

/// Tags, with how many chapters carry each as help.
pub fn tags(current: &OsStr) -> Vec<CompletionCandidate> {
    let Some(library) = library() else {
        return Vec::new();
    };
    let counts = super::topics::topic_counts(&library).unwrap_or_default();
    matching(
        current,
        counts
            .into_iter()
            .map(|t| (t.tag, format!("{} chapters", t.count))),
    )
}
