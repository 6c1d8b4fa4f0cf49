//! Tips: every chapter's dangerous line and key points, and how one is picked
//! (at random, or the same one all day).
//!
//! Shared with `build.rs`, which collects the built-in guide's tips at
//! compile time so `advice tip` decodes nothing else.

use crate::chapter::{Chapter, sections};
use serde::{Deserialize, Serialize};

/// A [`Tip`] read in place from its encoded form (postcard, the same
/// fields in the same order), its text borrowed: `advice tip` shows one
/// of a few hundred, and decoding every one into owned strings was a
/// quarter of its work.
#[derive(Debug, Deserialize)]
pub struct TipRef<'a> {
    text: &'a str,
    kind: &'a str,
    slug: &'a str,
    title: &'a str,
    number: u32,
    part: &'a str,
    book_chapter: Option<&'a str>,
    page: Option<u32>,
    caveat: Option<&'a str>,
}

impl TipRef<'_> {
    /// The tip, owned.
    pub fn to_tip(&self) -> Tip {
        Tip {
            text: self.text.to_string(),
            kind: self.kind.to_string(),
            slug: self.slug.to_string(),
            title: self.title.to_string(),
            number: self.number,
            part: self.part.to_string(),
            book_chapter: self.book_chapter.map(str::to_string),
            page: self.page,
            caveat: self.caveat.map(str::to_string),
        }
    }
}

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
    /// One caveat from the chapter's "When this backfires", so the advice
    /// never travels without its danger.
    pub caveat: Option<String>,
}

/// First words that lean on a sentence before them ("They multiply the
/// effort...", "Both sides..."): a tip opening with one is not served.
const LEANING_WORDS: [&str; 26] = [
    "they",
    "them",
    "their",
    "it",
    "its",
    "it's",
    "this",
    "these",
    "that",
    "those",
    "he",
    "she",
    "both",
    "either",
    "neither",
    "such",
    "so",
    "but",
    "and",
    "or",
    "also",
    "then",
    "instead",
    "however",
    "otherwise",
    "here",
];

/// Whether a line of advice reads whole on its own, as a tip must: not
/// the template's text, not a lead-in ending in a colon, and not opening
/// with a word that points back at its neighbours.
pub fn stands_alone(text: &str) -> bool {
    let text = text.trim();
    let first = text
        .split_whitespace()
        .next()
        .unwrap_or_default()
        .trim_matches(|c: char| !c.is_alphanumeric() && c != '\'' && c != '\u{2019}')
        .replace('\u{2019}', "'")
        .to_lowercase();
    !text.is_empty()
        && !text.ends_with(':')
        && !LEANING_WORDS.contains(&first.as_str())
        && !crate::template::is_placeholder(text)
}

/// The caveat a chapter's tips carry: the first of "When this backfires"
/// short enough to read at a glance, else the shortest.
fn caveat_of(chapter: &Chapter) -> Option<String> {
    let caveats = chapter.bullets(sections::BACKFIRES);
    let usable: Vec<&str> = caveats
        .iter()
        .map(|b| b.text.trim())
        .filter(|t| !t.is_empty() && !crate::template::is_placeholder(t))
        .collect();
    usable
        .iter()
        .find(|t| t.chars().count() <= MAX_TIP_CHARS)
        .or_else(|| usable.iter().min_by_key(|t| t.chars().count()))
        .map(|t| t.to_string())
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

/// Every tip of these chapters that stands alone and is short enough to
/// read at a glance, in reading order.
pub fn collect(chapters: &[Chapter]) -> Vec<Tip> {
    let mut tips = Vec::new();
    for chapter in chapters {
        let caveat = caveat_of(chapter);
        let tip = |text: &str, kind: &str| Tip {
            text: text.trim().to_string(),
            kind: kind.to_string(),
            slug: chapter.meta.slug.clone(),
            title: chapter.meta.title.clone(),
            number: chapter.meta.order,
            part: chapter.meta.part.clone(),
            book_chapter: chapter.meta.book.as_ref().map(|b| b.chapter.clone()),
            page: chapter.page(),
            caveat: caveat.clone(),
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
            stands_alone(text)
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_tip_must_stand_alone() {
        for fragment in [
            "Refactoring paid off for three reasons:",
            "They multiply the effort of everyone around them.",
            "Either strategy can work if you commit to it.",
            "Both sides in those arguments have a point.",
            "It\u{2019}s rarely worth the fight.",
            crate::template::KEY_POINT,
        ] {
            assert!(!stands_alone(fragment), "{fragment}");
        }
        for whole in [
            "Ship behind a flag and let leadership try it.",
            "Self-belief: start with the most frightening unknown.",
            "**Theory** first, then the code.",
        ] {
            assert!(stands_alone(whole), "{whole}");
        }
    }
}
