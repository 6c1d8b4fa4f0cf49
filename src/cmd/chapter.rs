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
        let related = related(chapter, library)?;
        let text = render::chapter_page(chapter, &related, out.style, out.width);
        out.page(&text)?;
    }
    Ok(ExitCode::SUCCESS)
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
