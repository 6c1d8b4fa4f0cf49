//! `advice next`, `advice prev` and `advice open N`: moving through the
//! guide without retyping names. The reading position and the last search
//! come from [`crate::state`]; they are only ever a convenience, so a
//! missing or stale entry gives a clear message and a way on, never a crash.

use crate::chapter::Chapter;
use crate::cli::{OpenArgs, StepArgs};
use crate::error::Failure;
use crate::library::Library;
use crate::output::Output;
use crate::sanitize::visible;
use crate::state::State;
use anyhow::Result;
use std::process::ExitCode;

/// Which way to step.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Direction {
    Next,
    Prev,
}

/// `advice next` / `advice prev`: the chapter after (before) the last one
/// read, in reading order; `next` with nothing read yet starts at the first.
pub fn step(
    args: &StepArgs,
    direction: Direction,
    library: &Library,
    out: &mut Output,
) -> Result<ExitCode> {
    let chapters = library.chapters()?;
    let state = State::load();
    let here = state
        .last_chapter
        .as_deref()
        .and_then(|slug| chapters.iter().position(|c| c.meta.slug == slug));
    let target: Option<&Chapter> = match (here, direction) {
        (None, Direction::Next) => chapters.first(),
        (None, Direction::Prev) => {
            return Err(Failure::not_found("you have not read a chapter yet")
                .hint("`advice next` starts at the first chapter; `advice list` shows them all.")
                .into());
        }
        (Some(i), Direction::Next) => chapters.get(i + 1),
        (Some(i), Direction::Prev) => i.checked_sub(1).and_then(|i| chapters.get(i)),
    };
    let Some(chapter) = target else {
        let (edge, hint) = match direction {
            Direction::Next => (
                "the last",
                "`advice prev` goes back; `advice list` shows them all.",
            ),
            Direction::Prev => (
                "the first",
                "`advice next` goes on; `advice list` shows them all.",
            ),
        };
        return Err(Failure::not_found(format!(
            "'{}' is {edge} chapter",
            visible(state.last_chapter.as_deref().unwrap_or_default())
        ))
        .hint(hint)
        .into());
    };
    super::chapter::show_and_move(chapter, library, args.short, out)?;
    Ok(ExitCode::SUCCESS)
}

/// `advice open N`: hit N of the last search, opened as `advice chapter` would.
pub fn open(args: &OpenArgs, library: &Library, out: &mut Output) -> Result<ExitCode> {
    let Some(last) = State::load().last_search else {
        return Err(Failure::not_found("there is no search to open a result of")
            .hint("Search first: `advice search QUERY`, then `advice open N`.")
            .into());
    };
    let n = usize::from(args.n);
    let Some(slug) = last.hits.get(n - 1) else {
        let count = last.hits.len();
        let what = if count == 1 { "result" } else { "results" };
        return Err(Failure::not_found(format!(
            "the last search ('{}') had {count} {what}, so there is no result {n}",
            visible(&last.query)
        ))
        .hint("`advice open 1` opens the first; `advice search` with other words finds more.")
        .into());
    };
    let Some(chapter) = library.get(slug)? else {
        return Err(Failure::not_found(format!(
            "result {n} of the last search, '{}', is no longer in your library",
            visible(slug)
        ))
        .hint(format!(
            "Search again: `advice search {}`.",
            visible(&last.query)
        ))
        .into());
    };
    super::chapter::show_and_move(chapter, library, args.short, out)?;
    Ok(ExitCode::SUCCESS)
}
