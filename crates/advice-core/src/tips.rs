//! Tips: every chapter's dangerous line and key points, and how one is picked
//! (at random, or the same one all day).
//!
//! Shared with `build.rs`, which collects the built-in guide's tips at
//! compile time so `advice tip` decodes nothing else.

use crate::chapter::{Chapter, sections};
use serde::{Deserialize, Serialize};

/// One piece of the guide's advice, with where it comes from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Tip {
    /// The advice itself, trimmed.
    pub text: String,
    /// "dangerous" or "key point".
    pub kind: String,
    /// Slug of the chapter it comes from.
    pub slug: String,
    /// That chapter's title.
    pub title: String,
    /// The chapter's number (reading order).
    pub number: u32,
    /// That chapter's part.
    pub part: String,
    /// The book chapter's title, for the guide's chapters.
    pub book_chapter: Option<String>,
    /// The book page, for the guide's chapters.
    pub page: Option<u32>,
}

/// Longest tip, in characters: two lines at 80 columns, so a tip and its
/// source fit in three lines.
pub const MAX_TIP_CHARS: usize = 158;

/// The columns a tip is measured against.
const TIP_WIDTH: usize = 80;

/// Lines `text` takes when wrapped greedily at word boundaries to `width`
/// columns, the first line indented `first` and the rest `rest` (as the
/// renderer lays a tip out).
fn wrapped_lines(text: &str, width: usize, first: usize, rest: usize) -> usize {
    let mut lines = 1;
    let mut used = first;
    let mut empty = true;
    for word in text.split_whitespace() {
        let len = word.chars().count();
        if !empty && used + 1 + len > width {
            lines += 1;
            used = rest + len;
        } else {
            used += len + usize::from(!empty);
        }
        empty = false;
    }
    lines
}

/// Every tip of these chapters short enough to read at a glance, in reading order.
pub fn collect(chapters: &[Chapter]) -> Vec<Tip> {
    let mut tips = Vec::new();
    for chapter in chapters {
        let tip = |text: &str, kind: &str| Tip {
            text: text.trim().to_string(),
            kind: kind.to_string(),
            slug: chapter.meta.slug.clone(),
            title: chapter.meta.title.clone(),
            number: chapter.meta.order,
            part: chapter.meta.part.clone(),
            book_chapter: chapter.meta.book.as_ref().map(|b| b.chapter.clone()),
            page: chapter.page(),
        };
        // The source line as `advice tip` prints it, to count its lines too.
        let page = chapter
            .page()
            .map(|p| format!(", book p. {p}"))
            .unwrap_or_default();
        let source = format!(
            "\u{2014} {} (advice chapter {}{page})",
            chapter.meta.title, chapter.meta.slug
        );
        let source_lines = wrapped_lines(&source, TIP_WIDTH, 2, 4);
        let short = |text: &str| {
            let text = text.trim();
            !text.is_empty()
                && text.chars().count() <= MAX_TIP_CHARS
                && wrapped_lines(text, TIP_WIDTH, 0, 0) + source_lines <= 3
        };
        if short(&chapter.meta.dangerous) {
            tips.push(tip(&chapter.meta.dangerous, "dangerous"));
        }
        for point in chapter.bullets(sections::KEY_POINTS) {
            if short(&point.text) {
                tips.push(tip(&point.text, "key point"));
            }
        }
    }
    tips
}

/// SplitMix64: a tiny, well-mixed hash of a number, good enough to pick tips.
pub fn mix(mut x: u64) -> u64 {
    x = x.wrapping_add(0x9e37_79b9_7f4a_7c15);
    x = (x ^ (x >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    x = (x ^ (x >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    x ^ (x >> 31)
}

/// The tip for a day (days since 1970-01-01): the same all day, and never
/// the same as the day before when there is more than one tip.
pub fn daily_index(day: i64, count: usize) -> usize {
    if count == 0 {
        return 0;
    }
    let pick = |d: i64| (mix(d as u64) % count as u64) as usize;
    let today = pick(day);
    if count > 1 && today == pick(day - 1) {
        (today + 1) % count
    } else {
        today
    }
}
