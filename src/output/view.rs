//! What commands hand to the output layer: one view type per thing shown,
//! serialised as-is for `--json` and laid out by [`super::render`] for the
//! terminal. Commands build these from the core's types; nothing here
//! imports from `cmd/`.
//!
//! Every view that names a chapter carries the same [`ChapterRef`],
//! flattened into it: `slug`, `title`, `number`, `part`, `book_chapter`,
//! `page`, and `path` for a reader's own chapters.

use crate::chapter::{Chapter, Diagnostic, Origin};
use crate::checklist::{Checklist, MatchedBy};
use crate::ranking::Hit;
use crate::tips::Tip;
use serde::Serialize;

/// Which chapter: the same fields in every `--json` view.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ChapterRef {
    pub slug: String,
    pub title: String,
    /// Reading order (the guide's chapter number).
    pub number: u32,
    pub part: String,
    /// The book chapter's title, for the guide's chapters.
    pub book_chapter: Option<String>,
    /// The book page, for the guide's chapters.
    pub page: Option<u32>,
    /// The file it was read from, for a reader's own chapters.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub path: Option<String>,
}

impl ChapterRef {
    /// The reference to a chapter of the library.
    pub fn of(chapter: &Chapter) -> Self {
        let meta = &chapter.meta;
        ChapterRef {
            slug: meta.slug.clone(),
            title: meta.title.clone(),
            number: meta.order,
            part: meta.part.clone(),
            book_chapter: meta.book.as_ref().map(|b| b.chapter.clone()),
            page: chapter.page(),
            path: (chapter.origin != Origin::BuiltIn).then(|| chapter.path.clone()),
        }
    }

    /// The reference to the chapter a search hit is in.
    pub fn of_hit(hit: &Hit) -> Self {
        ChapterRef {
            slug: hit.slug.clone(),
            title: hit.title.clone(),
            number: hit.order,
            part: hit.part.clone(),
            book_chapter: hit.book_chapter.clone(),
            page: hit.page,
            path: (hit.origin != 0).then(|| hit.path.clone()),
        }
    }

    /// The reference to the chapter a tip comes from.
    pub fn of_tip(tip: &Tip) -> Self {
        ChapterRef {
            slug: tip.slug.clone(),
            title: tip.title.clone(),
            number: tip.number,
            part: tip.part.clone(),
            book_chapter: tip.book_chapter.clone(),
            page: tip.page,
            path: None,
        }
    }
}

/// One line of the table of contents (`list`, `topics TAG`).
#[derive(Debug, Clone, Serialize)]
pub struct TocEntry {
    #[serde(flatten)]
    pub chapter: ChapterRef,
    pub summary: String,
    pub tags: Vec<String>,
    /// The checklist's name, if the chapter has one.
    pub checklist: Option<String>,
    /// "built-in", "added" or "replaced".
    pub origin: Origin,
    /// "advice" (a chapter in advice's format) or "markdown" (any other page).
    pub format: crate::chapter::Format,
}

impl TocEntry {
    pub fn new(chapter: &Chapter) -> Self {
        let meta = &chapter.meta;
        TocEntry {
            chapter: ChapterRef::of(chapter),
            summary: meta.summary.trim().to_string(),
            tags: meta.tags.clone(),
            checklist: meta.checklist.as_ref().map(|c| c.name.clone()),
            origin: chapter.origin,
            format: meta.format,
        }
    }
}

/// A tag and the chapters that carry it (`topics`).
#[derive(Debug, Clone, Serialize)]
pub struct TopicCount {
    pub tag: String,
    pub count: usize,
    pub chapters: Vec<ChapterRef>,
}

/// One result of `search --json`.
#[derive(Debug, Serialize)]
pub struct HitJson<'a> {
    pub rank: usize,
    #[serde(flatten)]
    pub chapter: ChapterRef,
    pub score: f64,
    /// The section the snippet comes from.
    pub section: &'a str,
    /// The whole matching line or paragraph, whatever the terminal's width.
    pub snippet: &'a str,
    /// The snippet's words that matched the query; for a chapter found by
    /// its tags alone (section "Tags"), the tags that matched; for one found
    /// only by what readers type when it helps, the query's words it was
    /// found by (the snippet is then the summary).
    pub matched: Vec<&'a str>,
    /// Whether the chapter fits the query only weakly (only with `--weak`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub weak: Option<bool>,
}

impl<'a> HitJson<'a> {
    /// The view of hit number `rank`; `weak` adds whether it is a weak match.
    pub fn new(rank: usize, hit: &'a Hit, weak: bool) -> Self {
        HitJson {
            weak: weak.then(|| hit.is_weak()),
            rank,
            chapter: ChapterRef::of_hit(hit),
            score: hit.score,
            section: &hit.section,
            snippet: &hit.snippet,
            matched: hit
                .highlights
                .iter()
                .filter_map(|&(s, e)| hit.snippet.get(s..e))
                .chain(hit.tags.iter().map(String::as_str))
                .chain(hit.readers_words.iter().map(String::as_str))
                .collect(),
        }
    }
}

/// `chapter --json`: the chapter's data, its structure and its markdown.
#[derive(Debug, Serialize)]
pub struct ChapterJson<'a> {
    #[serde(flatten)]
    pub chapter: ChapterRef,
    pub summary: &'a str,
    pub tags: &'a [String],
    pub aliases: &'a [String],
    /// Slugs of the related chapters that exist.
    pub related: Vec<&'a str>,
    pub dangerous: &'a str,
    /// The situations of "Read this when".
    pub read_this_when: Vec<&'a str>,
    pub key_points: Vec<&'a str>,
    pub checklist: Option<ChecklistItemsJson<'a>>,
    /// The bullets of "When this backfires".
    pub caveats: Vec<&'a str>,
    /// The `##` headings, in order.
    pub sections: Vec<&'a str>,
    pub origin: Origin,
    /// The body's markdown (front matter left out).
    pub markdown: &'a str,
}

impl<'a> ChapterJson<'a> {
    /// The view of `chapter`, whose existing related chapters are `related`.
    pub fn new(chapter: &'a Chapter, related: &[&'a Chapter]) -> Self {
        use crate::chapter::sections;
        let meta = &chapter.meta;
        let texts = |heading: &str| -> Vec<&'a str> {
            chapter
                .bullets(heading)
                .iter()
                .map(|b| b.text.as_str())
                .collect()
        };
        ChapterJson {
            chapter: ChapterRef::of(chapter),
            summary: meta.summary.trim(),
            tags: &meta.tags,
            aliases: &meta.aliases,
            related: related.iter().map(|c| c.meta.slug.as_str()).collect(),
            dangerous: meta.dangerous.trim(),
            read_this_when: texts(sections::READ_WHEN),
            key_points: texts(sections::KEY_POINTS),
            checklist: meta.checklist.as_ref().map(|c| ChecklistItemsJson {
                name: &c.name,
                checklist_title: &c.title,
                items: chapter
                    .checklist_items()
                    .iter()
                    .map(|b| b.text.as_str())
                    .collect(),
            }),
            caveats: texts(sections::BACKFIRES),
            sections: chapter
                .sections()
                .iter()
                .filter(|s| !s.heading.is_empty())
                .map(|s| s.heading.as_str())
                .collect(),
            origin: chapter.origin,
            markdown: chapter.body(),
        }
    }
}

/// A chapter's checklist inside `chapter --json`.
#[derive(Debug, Serialize)]
pub struct ChecklistItemsJson<'a> {
    pub name: &'a str,
    pub checklist_title: &'a str,
    pub items: Vec<&'a str>,
}

/// One checklist in `checklist --json` (without a topic).
#[derive(Debug, Serialize)]
pub struct ChecklistSummaryJson<'a> {
    pub name: &'a str,
    pub checklist_title: &'a str,
    pub aliases: &'a [String],
    #[serde(flatten)]
    pub chapter: ChapterRef,
    /// How many items it has.
    pub items: usize,
}

impl<'a> ChecklistSummaryJson<'a> {
    pub fn new(checklist: &Checklist<'a>) -> Self {
        let chapter = checklist.chapter;
        ChecklistSummaryJson {
            name: checklist.name,
            checklist_title: checklist.title,
            aliases: chapter
                .meta
                .checklist
                .as_ref()
                .map_or(&[], |m| m.aliases.as_slice()),
            chapter: ChapterRef::of(chapter),
            items: checklist.items.len(),
        }
    }
}

/// `checklist TOPIC --json`.
#[derive(Debug, Serialize)]
pub struct ChecklistJson<'a> {
    pub name: &'a str,
    pub checklist_title: &'a str,
    #[serde(flatten)]
    pub chapter: ChapterRef,
    pub items: Vec<&'a str>,
    pub dangerous: &'a str,
    pub caveats: Vec<&'a str>,
    /// How the topic was matched: name, alias, chapter, tag, spelling or search.
    pub matched_by: MatchedBy,
}

impl<'a> ChecklistJson<'a> {
    pub fn new(checklist: &Checklist<'a>, matched_by: MatchedBy) -> Self {
        ChecklistJson {
            name: checklist.name,
            checklist_title: checklist.title,
            chapter: ChapterRef::of(checklist.chapter),
            items: checklist.items.iter().map(|b| b.text.as_str()).collect(),
            dangerous: checklist.dangerous(),
            caveats: checklist.caveats.iter().map(|b| b.text.as_str()).collect(),
            matched_by,
        }
    }
}

/// `tip --json`.
#[derive(Debug, Serialize)]
pub struct TipJson<'a> {
    pub text: &'a str,
    /// "dangerous" or "key point".
    pub kind: &'a str,
    /// When following it goes wrong: a caveat from the same chapter.
    pub caveat: Option<&'a str>,
    #[serde(flatten)]
    pub chapter: ChapterRef,
    /// The day it is the tip of, with `--daily` or `--date`.
    pub date: Option<String>,
}

impl<'a> TipJson<'a> {
    pub fn new(tip: &'a Tip, date: Option<String>) -> Self {
        TipJson {
            text: &tip.text,
            kind: &tip.kind,
            caveat: tip.caveat.as_deref(),
            chapter: ChapterRef::of_tip(tip),
            date,
        }
    }
}

/// `lint --json`.
#[derive(Debug, Serialize)]
pub struct LintJson<'a> {
    /// How many files were checked.
    pub files: usize,
    pub problems: Vec<&'a Diagnostic>,
}
