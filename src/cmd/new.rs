//! `advice new SLUG`: a template chapter, valid as written, with a comment on
//! every field, in `--dir DIR` or the reader's chapters folder. Its `order`
//! is the next free one across every folder it will be read with (`--dir`
//! included), so two new chapters never share one.

use crate::cli::NewArgs;
use crate::error::Failure;
use crate::library::Library;
use crate::load::config_chapters_dir;
use crate::output::Output;
use crate::validate::{is_slug, slugify};
use advice_core::template;
use anyhow::{Context, Result};
use std::process::ExitCode;

pub fn execute(args: &NewArgs, library: &Library, out: &mut Output) -> Result<ExitCode> {
    let slug = args.slug.trim();
    if !is_slug(slug) {
        let suggestion = slugify(slug);
        let mut failure = Failure::usage(format!(
            "'{}' is not a slug: use lowercase letters, digits and hyphens",
            crate::sanitize::visible(slug)
        ));
        if !suggestion.is_empty() {
            failure = failure.hint(format!("Try `advice new {suggestion}`."));
        }
        return Err(failure.into());
    }
    let dir = match &args.dir {
        Some(dir) => dir.clone(),
        None => config_chapters_dir().ok_or_else(|| {
            Failure::usage(crate::places::NO_CONFIG_DIR)
                .hint("Say where to write it with --dir DIR.")
        })?,
    };
    let path = dir.join(format!("{slug}.md"));
    if path.exists() {
        return Err(Failure::usage(format!(
            "{} already exists; not overwriting it",
            path.display()
        ))
        .hint("Choose another slug, or edit the file you have.")
        .into());
    }
    std::fs::create_dir_all(&dir).with_context(|| format!("cannot create {}", dir.display()))?;
    let chapters = library.chapters()?;
    let order = chapters
        .iter()
        .map(|c| c.meta.order)
        .max()
        .unwrap_or(0)
        .max(100)
        + 1;
    let checklist_taken = |name: &str| {
        chapters
            .iter()
            .any(|c| c.meta.checklist.as_ref().is_some_and(|m| m.name == name))
    };
    let checklist = if checklist_taken(slug) {
        format!("{slug}-checklist")
    } else {
        slug.to_string()
    };
    let text = template(slug, order, &checklist);
    // create_new: never overwrite, even if the file appeared since the check above.
    let mut file = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(&path)
        .with_context(|| format!("cannot write {}", path.display()))?;
    let written =
        std::io::Write::write_all(&mut file, text.as_bytes()).and_then(|()| file.sync_all());
    if let Err(e) = written {
        // A half-written template (a full disk) would block the retry: remove it.
        drop(file);
        let _ = std::fs::remove_file(&path);
        return Err(anyhow::Error::new(e).context(format!("cannot write {}", path.display())));
    }
    // Paths come from the reader's arguments: escaped like every message.
    let shown = |p: &std::path::Path| crate::sanitize::line(&p.display().to_string()).into_owned();
    let mut message = format!("Wrote {}\n", shown(&path));
    if library
        .get(slug)?
        .is_some_and(|c| c.origin == crate::chapter::Origin::BuiltIn)
    {
        message.push_str(&format!(
            "It replaces the built-in chapter '{slug}' while it is in your library.\n"
        ));
    }
    message.push_str(&format!(
        "Edit it, then check it with: advice lint {}\n",
        shown(&path)
    ));
    if args.dir.is_some() {
        message.push_str(&format!(
            "Read it with: advice --chapters {} chapter {slug}\n",
            shown(&dir)
        ));
    } else {
        message.push_str(&format!("Read it with: advice chapter {slug}\n"));
    }
    out.print(&message)?;
    Ok(ExitCode::SUCCESS)
}

/// A valid chapter with a comment on every field. Its placeholder text
/// ([`mod@template`]) is flagged by `advice lint` and never becomes a tip.
pub fn template(slug: &str, order: u32, checklist: &str) -> String {
    let title = title_of(slug);
    let mut tags = vec!["notes", "team"];
    if !tags.contains(&slug) && slug.len() <= 40 {
        tags.push(slug);
    } else {
        tags.push("advice");
    }
    format!(
        r###"---
# A chapter of your own, in the same format as the built-in guide.
# Check it with `advice lint FILE`; every field is explained below.
slug: {slug}              # What you type: `advice chapter {slug}`. Lowercase letters, digits, hyphens.
title: {title}            # The chapter's heading.
part: Team notes          # Any name; `advice list` groups chapters by part.
order: {order}                # Reading order; must not clash with another chapter (the guide uses 1-28).
summary: >-               # One or two sentences: what this chapter is about.
  {summary}
tags: [{tags}]   # 3-8 lowercase topics, for `advice topics` and search.
aliases: []               # Other names a reader might type for this chapter.
related: []               # Slugs of chapters this one builds on (see `advice list`).
dangerous: >-             # The sharpest advice here, in one sentence (`advice tip` shows it).
  {dangerous}
checklist:                # Keep this while the body has a "## Checklist" section.
  name: {checklist}       # What `advice checklist NAME` takes; unique in your library.
  title: {title}, this week  # The printed checklist's heading.
  aliases: []             # Other words for this checklist.
---

# {title}

{lead}

## Read this when
- {read_when}

## The idea
{idea}

## Key points
- {key_point}

## Checklist
- [ ] {task1}
- [ ] {task2}

## When this backfires
- {caveat}
"###,
        tags = tags.join(", "),
        summary = template::summary(&title.to_lowercase()),
        dangerous = template::dangerous(&title.to_lowercase()),
        lead = template::LEAD,
        read_when = template::READ_WHEN,
        idea = template::IDEA,
        key_point = template::KEY_POINT,
        task1 = template::TASKS[0],
        task2 = template::TASKS[1],
        caveat = template::CAVEAT,
    )
}

/// "on-call" -> "On call"; "a--b" -> "A b" (as the heading will read).
fn title_of(slug: &str) -> String {
    let words = slug
        .split('-')
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join(" ");
    let mut chars = words.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}
