//! `advice checklist [TOPIC]`: every checklist, or one checklist as text,
//! markdown, JSON, or an interactive walk through its items.

use crate::checklist::{Checklist, MatchedBy, Resolution, resolve};
use crate::cli::ChecklistArgs;
use crate::error::Failure;
use crate::library::Library;
use crate::output::view::{ChecklistJson, ChecklistSummaryJson};
use crate::output::{Output, render};
use crate::sanitize::visible;
use anyhow::Result;
use std::io::IsTerminal;
use std::process::ExitCode;

pub fn execute(args: &ChecklistArgs, library: &Library, out: &mut Output) -> Result<ExitCode> {
    if args.topic.is_empty() {
        if args.reset {
            return Err(Failure::usage("--reset needs a checklist")
                .hint("Try `advice checklist prioritize --reset`.")
                .into());
        }
        if args.interactive {
            return Err(Failure::usage("--interactive needs a checklist")
                .hint("Try `advice checklist prioritize --interactive`.")
                .into());
        }
        let all: Vec<Checklist> = library
            .chapters()?
            .iter()
            .filter_map(Checklist::of)
            .collect();
        if args.json {
            out.json(
                &all.iter()
                    .map(ChecklistSummaryJson::new)
                    .collect::<Vec<_>>(),
            )?;
        } else if args.markdown {
            let text: Vec<String> = all.iter().map(render::checklist_markdown).collect();
            out.print(&text.join("\n"))?;
        } else {
            out.page(&render::checklist_index(&all, out.style, out.width))?;
        }
        return Ok(ExitCode::SUCCESS);
    }
    let topic = args.topic.join(" ");
    let topic = super::bounded_name(&topic, "checklist")?;
    if args.interactive && !std::io::stdin().is_terminal() {
        return Err(Failure::usage(
            "--interactive needs a terminal to read your answers from, and stdin is not one",
        )
        .hint(format!(
            "Print the checklist instead: `advice checklist {} --markdown`.",
            visible(topic)
        ))
        .into());
    }
    let (checklist, matched_by) = find(library, topic)?;
    if args.reset {
        let forgot = crate::state::Progress::reset(checklist.name).map_err(|e| {
            anyhow::anyhow!(
                "cannot remove the saved answers of '{}': {e}",
                checklist.name
            )
        })?;
        let name = visible(checklist.name);
        out.print(&if forgot {
            format!("Forgot your saved answers to `advice checklist {name}`.\n")
        } else {
            format!("No saved answers to `advice checklist {name}`; nothing to forget.\n")
        })?;
        return Ok(ExitCode::SUCCESS);
    }
    // A guess is said out loud: on stderr beside markdown (which is pasted),
    // as the first line of the text view.
    let guess = guessed(topic, &checklist, matched_by);
    if args.interactive {
        if let Some(guess) = &guess {
            out.warn(&[guess]);
        }
        return crate::cmd::interactive::run(&checklist, out);
    }
    if args.json {
        out.json(&ChecklistJson::new(&checklist, matched_by))?;
    } else if args.markdown {
        if let Some(guess) = &guess {
            out.warn(&[guess]);
        }
        out.print(&render::checklist_markdown(&checklist))?;
    } else {
        let mut text = String::new();
        if let Some(guess) = &guess {
            for line in render::wrap(guess, out.width, 0, 2) {
                text.push_str(&out.style.dim(&line));
                text.push('\n');
            }
            text.push('\n');
        }
        text.push_str(&render::checklist_text(&checklist, out.style, out.width));
        out.page(&text)?;
    }
    Ok(ExitCode::SUCCESS)
}

/// "Best match for 'deploy', by search: ..." when the topic was not a name
/// of the checklist or its chapter.
fn guessed(topic: &str, checklist: &Checklist, how: MatchedBy) -> Option<String> {
    let by = match how {
        MatchedBy::Name | MatchedBy::Alias | MatchedBy::Chapter => return None,
        MatchedBy::Tag => "by its tag",
        MatchedBy::Spelling => "by spelling",
        MatchedBy::Search => "by search",
    };
    Some(format!(
        "Best match for '{}', {by}: {} (advice checklist {})",
        visible(topic.trim()),
        visible(checklist.title),
        visible(checklist.name)
    ))
}

/// The checklist a topic stands for, or a failure with suggestions.
fn find<'a>(library: &'a Library, topic: &str) -> Result<(Checklist<'a>, MatchedBy)> {
    // Without an index, names alone resolve the topic.
    let resolution = match library.with_index(|index| resolve(library, Some(index), topic)) {
        Ok(resolution) => resolution?,
        Err(_) => resolve(library, None, topic)?,
    };
    match resolution {
        Resolution::Found(chapter, how) => match Checklist::of(chapter) {
            Some(checklist) => Ok((checklist, how)),
            None => Err(no_checklist(chapter)),
        },
        Resolution::NoChecklist(chapter) => Err(no_checklist(chapter)),
        Resolution::Missing(close) => {
            let mut failure = Failure::not_found(format!("no checklist for '{}'", visible(topic)));
            let names: Vec<String> = close
                .iter()
                .filter_map(|c| c.meta.checklist.as_ref())
                .map(|m| visible(&m.name).into_owned())
                .collect();
            if !names.is_empty() {
                failure = failure.hint(format!("did you mean: {}?", names.join(", ")));
            }
            Err(failure.hint("`advice checklist` lists every checklist; `advice search` finds chapters by topic.").into())
        }
    }
}

/// The failure for a chapter that has no checklist.
fn no_checklist(chapter: &crate::chapter::Chapter) -> anyhow::Error {
    let slug = visible(&chapter.meta.slug);
    Failure::not_found(format!(
        "the chapter '{slug}' ({}) has no checklist",
        visible(&chapter.meta.title)
    ))
    .hint(format!(
        "Read it with `advice chapter {slug}`; `advice checklist` lists every checklist."
    ))
    .into()
}
