//! `advice checklist [TOPIC]`: every checklist, or one checklist as text,
//! markdown, JSON, or an interactive walk through its items.

use crate::checklist::{Checklist, MatchedBy, Resolution, resolve};
use crate::cli::ChecklistArgs;
use crate::error::Failure;
use crate::index::Index;
use crate::library::Library;
use crate::output::{Output, render};
use crate::sanitize::visible;
use anyhow::Result;
use serde::Serialize;
use std::io::IsTerminal;
use std::process::ExitCode;

/// One checklist in `advice checklist --json` (the list of all).
#[derive(Debug, Serialize)]
pub struct SummaryJson<'a> {
    pub name: &'a str,
    pub title: &'a str,
    pub aliases: &'a [String],
    pub chapter: &'a str,
    pub chapter_title: &'a str,
    pub part: &'a str,
    pub page: Option<u32>,
    pub items: usize,
}

/// `advice checklist TOPIC --json`.
#[derive(Debug, Serialize)]
pub struct ChecklistJson<'a> {
    pub name: &'a str,
    pub title: &'a str,
    /// The source chapter's slug.
    pub chapter: &'a str,
    pub chapter_title: &'a str,
    pub chapter_number: u32,
    pub book_chapter: Option<&'a str>,
    pub page: Option<u32>,
    pub items: Vec<&'a str>,
    pub dangerous: &'a str,
    pub caveats: Vec<&'a str>,
    /// How the topic was matched: name, alias, chapter, tag, spelling or search.
    pub matched_by: &'static str,
}

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
            out.json(&all.iter().map(summary_json).collect::<Vec<_>>())?;
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
        out.json(&checklist_json(&checklist, matched_by))?;
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

fn summary_json<'a>(checklist: &Checklist<'a>) -> SummaryJson<'a> {
    let chapter = checklist.chapter;
    SummaryJson {
        name: checklist.name,
        title: checklist.title,
        aliases: chapter
            .meta
            .checklist
            .as_ref()
            .map_or(&[], |m| m.aliases.as_slice()),
        chapter: &chapter.meta.slug,
        chapter_title: &chapter.meta.title,
        part: &chapter.meta.part,
        page: chapter.page(),
        items: checklist.items.len(),
    }
}

fn checklist_json<'a>(checklist: &Checklist<'a>, matched_by: MatchedBy) -> ChecklistJson<'a> {
    let chapter = checklist.chapter;
    ChecklistJson {
        name: checklist.name,
        title: checklist.title,
        chapter: &chapter.meta.slug,
        chapter_title: &chapter.meta.title,
        chapter_number: chapter.meta.order,
        book_chapter: chapter.meta.book.as_ref().map(|b| b.chapter.as_str()),
        page: chapter.page(),
        items: checklist.items.iter().map(|b| b.text.as_str()).collect(),
        dangerous: checklist.dangerous(),
        caveats: checklist.caveats.iter().map(|b| b.text.as_str()).collect(),
        matched_by: match matched_by {
            MatchedBy::Name => "name",
            MatchedBy::Alias => "alias",
            MatchedBy::Chapter => "chapter",
            MatchedBy::Tag => "tag",
            MatchedBy::Spelling => "spelling",
            MatchedBy::Search => "search",
        },
    }
}
