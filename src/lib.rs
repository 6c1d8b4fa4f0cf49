//! `advice`: a command-line field guide to a software engineering career.
//!
//! The guide's chapters are markdown files with YAML front matter, compiled
//! into the binary by `build.rs`. [`run`] parses the command line, builds one
//! [`library::Library`] for the commands that need it, and hands results to
//! [`output`] to print.

// The model, parsing, validation, analysis, index and ranking live in the
// core crate (shared with build.rs); they are re-exported under their names.
pub use advice_core::{
    analyze, chapter, contents, gate, hash, index, parse, ranking, suggest, text, tips, validate,
};

pub mod browse;
pub mod cache;
pub mod checklist;
pub mod cli;
pub mod cmd;
pub mod error;
#[doc(hidden)]
pub mod fuzzing;
pub mod library;
pub mod load;
pub mod output;
pub mod parallel;
pub mod places;
pub mod sanitize;
pub mod state;

use anyhow::Result;
use std::ffi::OsString;
use std::io::Write;
use std::process::ExitCode;

/// Runs `advice` with these arguments (the first is the program name).
/// Usage errors, `--help` and `--version` are handled here; any other
/// error is returned for `main` to report. Meant to be called once per
/// process: clap's command tree and the library are left to the process's
/// end instead of being freed piece by piece.
pub fn run<I, T>(args: I) -> Result<ExitCode>
where
    I: IntoIterator<Item = T>,
    T: Into<OsString> + Clone,
{
    let args: Vec<OsString> = args.into_iter().map(Into::into).collect();
    // Shell completion: the scripts from `advice completions` call back with
    // COMPLETE set; answer and stop before anything else runs.
    let current_dir = std::env::current_dir().ok();
    if std::env::var_os(cmd::completions::COMPLETE_VAR).is_some_and(|v| !v.is_empty()) {
        // The line being completed comes after `--`: note its --chapters.
        let line: Vec<OsString> = args
            .iter()
            .skip_while(|a| a.as_os_str() != "--")
            .skip(2)
            .cloned()
            .collect();
        cmd::completions::note_typed_sources(&line);
    }
    if clap_complete::env::CompleteEnv::with_factory(<cli::Cli as clap::CommandFactory>::command)
        .var(cmd::completions::COMPLETE_VAR)
        .try_complete(args.clone(), current_dir.as_deref())?
    {
        return Ok(ExitCode::SUCCESS);
    }
    let (cli, command) = match parse(args.clone()) {
        Ok(parsed) => parsed,
        Err(err) => return Ok(clap_exit(&err)),
    };
    // Words that are not a command (`advice missed deadline`) are a search:
    // parsed again with `search` before them, so options after them still work.
    let (cli, bare) = match &cli.command {
        // `advice help [COMMAND]` is the help people expect, not a search for "help".
        // `advice help format`: the chapter format, for readers without the README.
        Some(cli::Command::Words(words))
            if words.first().is_some_and(|w| w == "help")
                && words.get(1).is_some_and(|w| w == "format") =>
        {
            let mut out = output::Output::new(&cli.global);
            out.page(cmd::man::FORMAT_HELP)?;
            out.finish()?;
            return Ok(ExitCode::SUCCESS);
        }
        Some(cli::Command::Words(words)) if words.first().is_some_and(|w| w == "help") => {
            let mut again: Vec<OsString> = vec![args[0].clone()];
            again.extend(words.iter().skip(1).take(1).map(OsString::from));
            again.push("--help".into());
            return match parse(again) {
                Ok(_) => Ok(ExitCode::SUCCESS),
                Err(err) => Ok(clap_exit(&err)),
            };
        }
        Some(cli::Command::Words(words)) => {
            cmd::check_bare_words(words, command)?;
            let first = words.first().cloned().unwrap_or_default();
            let at = args
                .iter()
                .skip(1)
                .position(|a| a.to_str() == Some(first.as_str()))
                .map_or(1, |i| i + 1);
            let mut again = args.clone();
            again.insert(at, "search".into());
            match parse(again) {
                Ok((cli, _)) => (cli, true),
                Err(err) => return Ok(clap_exit(&err)),
            }
        }
        _ => (cli, false),
    };
    let mut out = output::Output::new(&cli.global);
    let code = cmd::dispatch(cli, bare, &mut out)?;
    out.finish()?;
    Ok(code)
}

/// Parses the command line as `Cli::try_parse_from` does, but with the
/// tree [`cli::command_for`] builds, which it returns too, and leaks
/// instead of dropping. The tree is built whole on every run (every
/// subcommand), and freeing its allocations one by one took about a tenth
/// of `--version`'s instructions (callgrind: 84,000 of 820,000) for memory
/// the process is about to give back anyway. Each call leaks one tree; a
/// run parses at most twice.
fn parse(args: Vec<OsString>) -> Result<(cli::Cli, &'static clap::Command), clap::Error> {
    use clap::FromArgMatches;
    let command = Box::leak(Box::new(cli::command_for(&args)));
    let mut matches = command.try_get_matches_from_mut(args)?;
    let cli = cli::Cli::from_arg_matches_mut(&mut matches).map_err(|err| err.format(command))?;
    Ok((cli, command))
}

/// Prints clap's help, version or usage error and returns its exit code
/// (0 for help and version, 2 for usage errors), with errors prefixed `advice:`.
fn clap_exit(err: &clap::Error) -> ExitCode {
    use clap::error::ErrorKind;
    match err.kind() {
        ErrorKind::DisplayHelp
        | ErrorKind::DisplayVersion
        | ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand => {
            // clap colours help only on a terminal and honours NO_COLOR.
            // Help that could not be written (a full disk) is a failure; a
            // reader who closed the pipe after the first lines is not.
            match err.print().and_then(|()| std::io::stdout().flush()) {
                Ok(()) => ExitCode::SUCCESS,
                Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
                Err(e) => {
                    let _ = writeln!(std::io::stderr().lock(), "advice: cannot write: {e}");
                    ExitCode::from(error::USAGE)
                }
            }
        }
        _ => {
            // The reader's own arguments are echoed back; keep any control
            // characters in them from reaching the terminal.
            let text = err.render().to_string();
            let text = text.strip_prefix("error: ").unwrap_or(&text);
            let _ = write!(
                std::io::stderr().lock(),
                "advice: {}",
                sanitize::visible(text)
            );
            // (clap's message has several lines of its own: usage, a tip.)
            ExitCode::from(error::USAGE)
        }
    }
}
