//! `advice chapter NAME`: one chapter, rendered, as markdown source, or as JSON.

use crate::chapter::{Chapter, sections};
use crate::cli::ChapterArgs;
use crate::error::Failure;
use crate::library::{Library, Lookup};
use crate::output::{Output, render};
use crate::sanitize::visible;
use anyhow::Result;
use serde::Serialize;
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
        out.json(&ChapterJson::new(chapter, library)?)?;
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

/// `advice chapter --json`: the chapter's data and its structure.
#[derive(Debug, Serialize)]
pub struct ChapterJson<'a> {
    pub number: u32,
    pub slug: &'a str,
    pub title: &'a str,
    pub part: &'a str,
    pub book_chapter: Option<&'a str>,
    pub page: Option<u32>,
    pub summary: &'a str,
    pub tags: &'a [String],
    pub aliases: &'a [String],
    pub related: Vec<&'a str>,
    pub dangerous: &'a str,
    pub key_points: Vec<&'a str>,
    pub checklist: Option<ChecklistJson<'a>>,
    pub caveats: Vec<&'a str>,
    pub sections: Vec<&'a str>,
    pub origin: &'static str,
    pub path: &'a str,
    pub markdown: &'a str,
}

/// A chapter's checklist inside [`ChapterJson`].
#[derive(Debug, Serialize)]
pub struct ChecklistJson<'a> {
    pub name: &'a str,
    pub title: &'a str,
    pub items: Vec<&'a str>,
}

impl<'a> ChapterJson<'a> {
    pub fn new(chapter: &'a Chapter, library: &'a Library) -> Result<Self> {
        let meta = &chapter.meta;
        Ok(ChapterJson {
            number: meta.order,
            slug: &meta.slug,
            title: &meta.title,
            part: &meta.part,
            book_chapter: meta.book.as_ref().map(|b| b.chapter.as_str()),
            page: chapter.page(),
            summary: meta.summary.trim(),
            tags: &meta.tags,
            aliases: &meta.aliases,
            related: related(chapter, library)?
                .iter()
                .map(|c| c.meta.slug.as_str())
                .collect(),
            dangerous: meta.dangerous.trim(),
            key_points: chapter
                .bullets(sections::KEY_POINTS)
                .iter()
                .map(|b| b.text.as_str())
                .collect(),
            checklist: meta.checklist.as_ref().map(|c| ChecklistJson {
                name: &c.name,
                title: &c.title,
                items: chapter
                    .checklist_items()
                    .iter()
                    .map(|b| b.text.as_str())
                    .collect(),
            }),
            caveats: chapter
                .bullets(sections::BACKFIRES)
                .iter()
                .map(|b| b.text.as_str())
                .collect(),
            sections: chapter
                .sections()
                .iter()
                .filter(|s| !s.heading.is_empty())
                .map(|s| s.heading.as_str())
                .collect(),
            origin: origin_name(chapter),
            path: &chapter.path,
            markdown: chapter.body(),
        })
    }
}

/// "built-in", "added" or "replaced".
pub fn origin_name(chapter: &Chapter) -> &'static str {
    match chapter.origin {
        crate::chapter::Origin::BuiltIn => "built-in",
        crate::chapter::Origin::Added => "added",
        crate::chapter::Origin::Replaced => "replaced",
    }
}
