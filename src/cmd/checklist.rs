//! `advice checklist [TOPIC]`: every checklist, or one checklist as text,
//! markdown, JSON, or an interactive walk through its items.

use crate::checklist::{Checklist, MatchedBy, Resolution, resolve};
use crate::cli::ChecklistArgs;
use crate::error::Failure;
use crate::index::Index;
use crate::library::Library;
use crate::output::view::{ChecklistJson, ChecklistSummaryJson};
use crate::output::{Output, render};
use crate::sanitize::visible;
use anyhow::Result;
use std::io::IsTerminal;
use std::process::ExitCode;

pub fn execute(args: &ChecklistArgs, library: &Library, out: &mut Output) -> Result<ExitCode> {
    if args.topic.is_empty() {
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
            out.print(&render::checklist_index(&all, out.style, out.width))?;
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
    let checklist = find(library, topic)?;
    let (checklist, matched_by) = checklist;
    if args.interactive {
        return crate::cmd::interactive::run(&checklist, out);
    }
    if args.json {
        out.json(&ChecklistJson::new(&checklist, matched_by))?;
    } else if args.markdown {
        out.print(&render::checklist_markdown(&checklist))?;
    } else {
        out.page(&render::checklist_text(&checklist, out.style, out.width))?;
    }
    Ok(ExitCode::SUCCESS)
}

/// The checklist a topic stands for, or a failure with suggestions.
fn find<'a>(library: &'a Library, topic: &str) -> Result<(Checklist<'a>, MatchedBy)> {
    let bytes = library.index_bytes();
    let index = Index::open(&bytes);
    match resolve(library, index.as_ref(), topic)? {
        Resolution::Found(chapter, how) => match Checklist::of(chapter) {
            Some(checklist) => Ok((checklist, how)),
            None => Err(anyhow::anyhow!(
                "chapter '{}' has no checklist",
                chapter.meta.slug
            )),
        },
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
