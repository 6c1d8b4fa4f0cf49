//! `advice list`: the table of contents, grouped by part in reading order.

use crate::cli::ListArgs;
use crate::library::Library;
use crate::output::view::TocEntry;
use crate::output::{Output, render};
use anyhow::Result;
use std::process::ExitCode;

pub fn execute(args: &ListArgs, library: &Library, out: &mut Output) -> Result<ExitCode> {
    let entries = contents(library)?;
    if args.json {
        out.json(&entries)?;
    } else {
        out.page(&render::toc(&entries, out.style, out.width))?;
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
