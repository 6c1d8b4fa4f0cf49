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
    pub text: String,
    /// "dangerous" or "key point".
    pub kind: String,
    pub slug: String,
    pub title: String,
    pub page: Option<u32>,
}

/// Longest tip, in characters: two lines at 80 columns, so a tip and its
/// source fit in three lines.
pub const MAX_TIP_CHARS: usize = 158;

/// Every tip of these chapters short enough to read at a glance, in reading order.
pub fn collect(chapters: &[Chapter]) -> Vec<Tip> {
    let mut tips = Vec::new();
    for chapter in chapters {
        let tip = |text: &str, kind: &str| Tip {
            text: text.trim().to_string(),
            kind: kind.to_string(),
            slug: chapter.meta.slug.clone(),
            title: chapter.meta.title.clone(),
            page: chapter.page(),
        };
        let short =
            |text: &str| !text.trim().is_empty() && text.trim().chars().count() <= MAX_TIP_CHARS;
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
