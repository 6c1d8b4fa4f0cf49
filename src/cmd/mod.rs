//! One module per subcommand, each with an `execute` that takes its arguments,
//! the library and the output, and returns the exit code.

pub mod chapter;
pub mod checklist;
pub mod completions;
pub mod edit;
pub mod interactive;
pub mod lint;
pub mod list;
pub mod man;
pub mod new;
pub mod search;
pub mod step;
pub mod tip;
pub mod topics;

use crate::cli::{Cli, Command};
use crate::output::{Output, render};
use anyhow::Result;
use std::process::ExitCode;

/// Runs the parsed command line. The library is built here, once, and only
/// for commands that read it.
pub fn dispatch(cli: Cli, bare: bool, out: &mut Output) -> Result<ExitCode> {
    let global = &cli.global;
    let mut sources = global.sources();
    // `advice new --dir D` picks an order that is free in D as well.
    if let Some(Command::New(args)) = &cli.command
        && let Some(dir) = args.dir.as_ref().filter(|d| d.is_dir())
    {
        sources.flag_dirs.push(dir.clone());
    }
    // Warnings about the reader's files go to the output layer, once.
    // The library lives until the process ends: freeing its chapters one
    // by one took 120,000 instructions of a checklist's 1.8 million
    // (callgrind), for memory the process is about to give back. (As with
    // clap's tree in `lib.rs`: `run` is called once per process.)
    let library = |out: &mut Output| -> Result<&'static crate::library::Library> {
        let library = crate::load::library(&sources)?;
        out.warn(library.notices());
        Ok(Box::leak(Box::new(library)))
    };
    let Some(command) = cli.command else {
        let library = library(out)?;
        let reading = match crate::state::State::load().last_chapter {
            Some(slug) => library.get(&slug)?,
            None => None,
        };
        out.print(&render::orientation(
            library.chapters()?.len(),
            reading,
            out.style,
            out.width,
        ))?;
        return Ok(ExitCode::SUCCESS);
    };
    match command {
        Command::Search(args) if bare => bare_search(&args, library(out)?, out),
        Command::Search(args) => search::execute(&args, library(out)?, out),
        Command::Chapter(args) => chapter::execute(&args, library(out)?, out),
        Command::Browse(args) => crate::browse::run(library(out)?, &args.query.join(" "), out),
        Command::Next(args) => step::step(&args, step::Direction::Next, library(out)?, out),
        Command::Prev(args) => step::step(&args, step::Direction::Prev, library(out)?, out),
        Command::Open(args) => step::open(&args, library(out)?, out),
        Command::Edit(args) => edit::execute(&args, library(out)?, out),
        Command::Checklist(args) => checklist::execute(&args, library(out)?, out),
        Command::List(args) => list::execute(&args, library(out)?, out),
        Command::Topics(args) => topics::execute(&args, library(out)?, out),
        Command::Tip(args) => tip::execute(&args, library(out)?, out),
        Command::Lint(args) => lint::execute(&args, global, out),
        Command::New(args) => new::execute(&args, library(out)?, out),
        Command::Completions(args) => completions::execute(&args, out),
        Command::Man => man::execute(out),
        // lib.rs re-parses bare words as a search before dispatch.
        Command::Words(_) => Err(crate::error::Failure::usage("no command given").into()),
    }
}

/// For `advice WORDS...`: a first word one edit from a command's name
/// that the built-in guide never uses is taken for a typo of the command.
/// `command` is the tree the words were parsed with (its subcommands'
/// names are the commands).
pub fn check_bare_words(words: &[String], command: &clap::Command) -> Result<()> {
    let first = words.first().map(String::as_str).unwrap_or_default();
    let Some(near) = command
        .get_subcommands()
        .map(|c| c.get_name().to_string())
        .find(|c| strsim_one_edit(first, c))
    else {
        return Ok(());
    };
    let library = crate::library::Library::builtin()?;
    let analyzer = crate::text::Analyzer::new();
    let known = library
        .with_index(|index| {
            index
                .find_term(&analyzer.term(&crate::text::fold(first)))
                .is_some()
        })
        .unwrap_or(false);
    if known {
        return Ok(());
    }
    Err(crate::error::Failure::usage(format!(
        "'{}' is not a command or a word of the guide",
        crate::sanitize::line(first)
    ))
    .hint(format!("Did you mean `advice {near}`?"))
    .into())
}

/// `advice WORDS...` (parsed as a search): the chapter the words name
/// exactly (slug, alias, title or number), else the search.
fn bare_search(
    args: &crate::cli::SearchArgs,
    library: &crate::library::Library,
    out: &mut Output,
) -> Result<ExitCode> {
    let name = args.query.join(" ");
    if name.len() <= MAX_NAME_BYTES
        && !args.json
        && let crate::library::Lookup::Found(chapter) = library.find_exact(&name)?
    {
        chapter::show(chapter, library, false, out)?;
        return Ok(ExitCode::SUCCESS);
    }
    search::execute(args, library, out)
}

/// Whether two words are one edit apart (not equal).
fn strsim_one_edit(a: &str, b: &str) -> bool {
    a != b && a.len() > 2 && crate::suggest::edit_distance(a, b) == 1
}

/// "slug  Title" lines for an error's hint, e.g. the candidates of an ambiguous name.
pub fn candidate_lines(chapters: &[&crate::chapter::Chapter]) -> Vec<String> {
    let width = chapters
        .iter()
        .map(|c| c.meta.slug.len())
        .max()
        .unwrap_or(0);
    chapters
        .iter()
        .map(|c| {
            let slug = crate::sanitize::visible(&c.meta.slug);
            format!(
                "  {slug:<width$}  {}",
                crate::sanitize::visible(&c.meta.title)
            )
        })
        .collect()
}

/// The longest chapter name, checklist topic or tag a reader may type, in
/// bytes (a title is under 100): longer ones are refused before any lookup.
pub const MAX_NAME_BYTES: usize = 256;

/// A name typed by the reader, or "no WHAT" with a short, escaped echo of
/// it if it is longer than [`MAX_NAME_BYTES`] (exit 1, in milliseconds).
pub fn bounded_name<'a>(name: &'a str, what: &str) -> Result<&'a str> {
    if name.len() <= MAX_NAME_BYTES {
        return Ok(name);
    }
    let mut cut = 40;
    while !name.is_char_boundary(cut) {
        cut -= 1;
    }
    Err(crate::error::Failure::not_found(format!(
        "no {what} '{}\u{2026}' ({} bytes; names are at most {MAX_NAME_BYTES})",
        crate::sanitize::line(&name[..cut]),
        name.len()
    ))
    .into())
}
