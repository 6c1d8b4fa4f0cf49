//! `advice chapter NAME`: one chapter, rendered, as markdown source, or as JSON.

use crate::chapter::Chapter;
use crate::cli::ChapterArgs;
use crate::error::Failure;
use crate::library::{Library, Lookup};
use crate::output::view::ChapterJson;
use crate::output::{Output, render};
use crate::sanitize::visible;
use anyhow::Result;
use std::process::ExitCode;

pub fn execute(args: &ChapterArgs, library: &Library, out: &mut Output) -> Result<ExitCode> {
    if args.name.is_empty() {
        // Like `advice checklist` with no name: what there is to read.
        return super::list::execute(&crate::cli::ListArgs { json: args.json }, library, out);
    }
    let name = args.name.join(" ");
    let chapter = resolve(library, super::bounded_name(&name, "chapter")?)?;
    if args.raw {
        // Piped, the source goes out byte for byte; on a terminal its control
        // characters are escaped like everything else.
        if out.is_terminal() {
            let text = visible(chapter.source()).into_owned();
            out.page(&text)?;
        } else {
            out.print(chapter.source())?;
        }
    } else if args.json {
        let related = related(chapter, library)?;
        out.json(&ChapterJson::new(chapter, &related))?;
    } else {
        show(chapter, library, args.short, out)?;
    }
    Ok(ExitCode::SUCCESS)
}

/// Shows a chapter for reading (whole, or as the short card) and, for a
/// reader at a terminal, remembers it as the reading position for `advice
/// next`: piped output, `--json` and `--raw` are a script's, and leave the
/// reader's position alone. (`next`, `prev` and `open`, whose job is to
/// move, always do: see [`show_and_move`].)
pub fn show(chapter: &Chapter, library: &Library, short: bool, out: &mut Output) -> Result<()> {
    if out.is_terminal() {
        crate::state::State::read_chapter(&chapter.meta.slug);
    }
    display(chapter, library, short, out)
}

/// Shows a chapter and makes it the reading position, on a terminal or not.
pub fn show_and_move(
    chapter: &Chapter,
    library: &Library,
    short: bool,
    out: &mut Output,
) -> Result<()> {
    crate::state::State::read_chapter(&chapter.meta.slug);
    display(chapter, library, short, out)
}

fn display(chapter: &Chapter, library: &Library, short: bool, out: &mut Output) -> Result<()> {
    let text = if short {
        render::chapter_card(chapter, out.style, out.width)
    } else {
        let related = related(chapter, library)?;
        render::chapter_page(chapter, &related, out.style, out.width)
    };
    out.page(&text)
}

/// The chapter a name stands for, or a failure listing candidates or suggestions.
pub fn resolve<'a>(library: &'a Library, name: &str) -> Result<&'a Chapter> {
    match library.find(name)? {
        Lookup::Found(chapter) => Ok(chapter),
        Lookup::Ambiguous(candidates) => {
            let mut failure = Failure::not_found(format!(
                "'{}' matches {} chapters:",
                visible(name),
                candidates.len()
            ));
            for line in super::candidate_lines(&candidates) {
                failure = failure.hint(line);
            }
            Err(failure
                .hint("Type more of the name, or use one of the slugs above.")
                .into())
        }
        Lookup::Missing(closest) => {
            let mut failure = Failure::not_found(format!("no chapter '{}'", visible(name)));
            if !closest.is_empty() {
                let names: Vec<String> = closest
                    .iter()
                    .map(|c| visible(&c.meta.slug).into_owned())
                    .collect();
                failure = failure.hint(format!("did you mean: {}?", names.join(", ")));
            }
            // No near name: what a search puts first, if it fits well.
            let best = if closest.is_empty() {
                super::search::best_match(library, name)
            } else {
                None
            };
            if let Some(best) = best {
                failure = failure.hint(format!(
                    "The guide's best match for '{}': `advice chapter {}` ({}).",
                    visible(name),
                    visible(&best.meta.slug),
                    visible(&best.meta.title)
                ));
            }
            Err(failure
                .hint(format!(
                    "`advice list` shows every chapter; `advice search {}` searches them.",
                    visible(name)
                ))
                .into())
        }
    }
}

/// The chapters a chapter's `related` names, skipping any that don't exist.
pub fn related<'a>(chapter: &Chapter, library: &'a Library) -> Result<Vec<&'a Chapter>> {
    chapter
        .meta
        .related
        .iter()
        .filter_map(|slug| library.get(slug).transpose())
        .collect()
}
