//! One module per subcommand, each with an `execute` that takes its arguments,
//! the library and the output, and returns the exit code.

pub mod chapter;
pub mod checklist;
pub mod completions;
pub mod interactive;
pub mod lint;
pub mod list;
pub mod man;
pub mod new;
pub mod search;
pub mod tip;
pub mod topics;

use crate::cli::{Cli, Command};
use crate::output::{Output, render};
use anyhow::Result;
use std::process::ExitCode;

/// Runs the parsed command line. The library is built here, once, and only
/// for commands that read it.
pub fn dispatch(cli: Cli, out: &mut Output) -> Result<ExitCode> {
    let global = &cli.global;
    let library = || crate::load::library(&global.chapter_dirs);
    let Some(command) = cli.command else {
        let library = library()?;
        out.print(&render::orientation(
            library.chapters().len(),
            out.style,
            out.width,
        ))?;
        return Ok(ExitCode::SUCCESS);
    };
    match command {
        Command::Search(args) => search::execute(&args, &library()?, out),
        Command::Chapter(args) => chapter::execute(&args, &library()?, out),
        Command::Checklist(args) => checklist::execute(&args, &library()?, out),
        Command::List(args) => list::execute(&args, &library()?, out),
        Command::Topics(args) => topics::execute(&args, &library()?, out),
        Command::Tip(args) => tip::execute(&args, &library()?, out),
        Command::Lint(args) => lint::execute(&args, global, out),
        Command::New(args) => new::execute(&args, &library()?, out),
        Command::Completions(args) => completions::execute(&args, out),
        Command::Man => man::execute(out),
    }
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
