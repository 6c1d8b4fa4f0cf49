//! `advice topics [TAG]`: every tag with its chapters, or the chapters of one tag.

use crate::cli::TopicsArgs;
use crate::error::Failure;
use crate::library::Library;
use crate::output::view::{ChapterRef, TocEntry, TopicCount};
use crate::output::{Output, render};
use crate::sanitize::visible;
use anyhow::Result;
use std::process::ExitCode;

pub fn execute(args: &TopicsArgs, library: &Library, out: &mut Output) -> Result<ExitCode> {
    let counts = topic_counts(library)?;
    match &args.tag {
        None => {
            if args.json {
                out.json(&counts)?;
            } else {
                out.page(&render::topic_counts(&counts, out.style, out.width))?;
            }
        }
        Some(tag) => {
            let tag = super::bounded_name(tag, "chapter is tagged")?;
            let wanted = tag.trim().to_lowercase().replace(' ', "-");
            let entries: Vec<TocEntry> = library
                .chapters()?
                .iter()
                .filter(|c| c.meta.tags.contains(&wanted))
                .map(TocEntry::new)
                .collect();
            if entries.is_empty() {
                let tags: Vec<&str> = counts.iter().map(|t| t.tag.as_str()).collect();
                let mut failure =
                    Failure::not_found(format!("no chapter is tagged '{}'", visible(tag)));
                if let Some(close) = closest_tags(&wanted, &tags) {
                    failure = failure.hint(format!("did you mean: {close}?"));
                }
                return Err(failure
                    .hint(format!(
                        "`advice topics` lists every tag; `advice search {}` searches the text.",
                        visible(tag)
                    ))
                    .into());
            }
            if args.json {
                out.json(&entries)?;
            } else {
                out.page(&render::listing(&entries, out.style, out.width))?;
            }
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// Every tag, most used first, then alphabetically.
pub fn topic_counts(library: &Library) -> Result<Vec<TopicCount>> {
    let mut counts: Vec<TopicCount> = Vec::new();
    for chapter in library.chapters()? {
        for tag in &chapter.meta.tags {
            match counts.iter_mut().find(|t| t.tag == *tag) {
                Some(topic) => {
                    topic.count += 1;
                    topic.chapters.push(ChapterRef::of(chapter));
                }
                None => counts.push(TopicCount {
                    tag: tag.clone(),
                    count: 1,
                    chapters: vec![ChapterRef::of(chapter)],
                }),
            }
        }
    }
    counts.sort_by(|a, b| b.count.cmp(&a.count).then_with(|| a.tag.cmp(&b.tag)));
    Ok(counts)
}

/// Up to three tags close to `wanted`, comma-separated.
fn closest_tags(wanted: &str, tags: &[&str]) -> Option<String> {
    let names = crate::suggest::closest(wanted, tags.iter().copied(), 3);
    (!names.is_empty()).then(|| names.join(", "))
}
