//! `advice list`: the table of contents, grouped by part in reading order.

use crate::chapter::Chapter;
use crate::cli::ListArgs;
use crate::library::Library;
use crate::output::{Output, render};
use anyhow::Result;
use serde::Serialize;
use std::process::ExitCode;

/// One line of the table of contents (and one object of `--json`).
#[derive(Debug, Clone, Serialize)]
pub struct TocEntry {
    pub number: u32,
    pub slug: String,
    pub title: String,
    pub part: String,
    pub book_chapter: Option<String>,
    pub page: Option<u32>,
    pub summary: String,
    pub tags: Vec<String>,
    pub checklist: Option<String>,
    /// "built-in", "added" or "replaced".
    pub origin: &'static str,
    pub path: String,
}

impl TocEntry {
    pub fn new(chapter: &Chapter) -> Self {
        let meta = &chapter.meta;
        TocEntry {
            number: meta.order,
            slug: meta.slug.clone(),
            title: meta.title.clone(),
            part: meta.part.clone(),
            book_chapter: meta.book.as_ref().map(|b| b.chapter.clone()),
            page: chapter.page(),
            summary: meta.summary.trim().to_string(),
            tags: meta.tags.clone(),
            checklist: meta.checklist.as_ref().map(|c| c.name.clone()),
            origin: super::chapter::origin_name(chapter),
            path: chapter.path.clone(),
        }
    }
}

pub fn execute(args: &ListArgs, library: &Library, out: &mut Output) -> Result<ExitCode> {
    let entries = contents(library)?;
    if args.json {
        out.json(&entries)?;
    } else {
        out.print(&render::toc(&entries, out.style, out.width))?;
    }
    Ok(ExitCode::SUCCESS)
}

/// Chapters grouped by part, parts in the order their first chapter appears,
/// chapters in reading order within each part.
pub fn contents(library: &Library) -> Result<Vec<TocEntry>> {
    let chapters = library.chapters()?;
    let mut parts: Vec<&str> = Vec::new();
    for chapter in chapters {
        if !parts.contains(&chapter.meta.part.as_str()) {
            parts.push(&chapter.meta.part);
        }
    }
    Ok(parts
        .iter()
        .flat_map(|part| chapters.iter().filter(move |c| c.meta.part == *part))
        .map(TocEntry::new)
        .collect())
}
