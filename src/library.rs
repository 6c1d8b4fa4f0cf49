//! The `Library`: every chapter in effect for this run, built once and passed
//! by reference, and the lookups that turn what a reader types into chapters.

use crate::chapter::{Chapter, Diagnostic};
use crate::validate::normalize_name;
use anyhow::{Context, Result};
use std::cell::OnceCell;

/// The built-in chapters, parsed and validated by `build.rs` at compile time.
static BUILTIN: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/library.bin"));
/// Their search index, built by `build.rs` (see [`crate::index`]).
static BUILTIN_INDEX: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/index.bin"));
/// Their tips (see [`crate::tips`]).
static BUILTIN_TIPS: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/tips.bin"));

/// All chapters in effect, sorted by reading order.
///
/// The built-in chapters are decoded on first use, so a command that only
/// needs the compiled search index (`search`) never decodes them.
#[derive(Debug, Clone)]
pub struct Library {
    chapters: OnceCell<Vec<Chapter>>,
    warnings: Vec<Diagnostic>,
    source: Source,
}

/// Where the chapters and the index come from.
#[derive(Debug, Clone)]
enum Source {
    /// The built-in guide alone: the compiled library and index.
    Builtin,
    /// Chapters handed over ready-made; the index is built on demand.
    Parts,
    /// A reader's library from the cache: its index, and its chapters on demand.
    Cached {
        index: &'static [u8],
        path: Option<std::path::PathBuf>,
    },
}

/// What a name typed by the reader resolves to.
#[derive(Debug)]
pub enum Lookup<'a> {
    Found(&'a Chapter),
    /// Several chapters answer to the name equally well.
    Ambiguous(Vec<&'a Chapter>),
    /// Nothing does; these slugs come closest.
    Missing(Vec<&'a Chapter>),
}

impl Library {
    /// The built-in guide alone. Decoding the compiled library takes microseconds.
    pub fn builtin() -> Self {
        Library {
            chapters: OnceCell::new(),
            warnings: Vec::new(),
            source: Source::Builtin,
        }
    }

    /// A library of these chapters, already assembled and sorted.
    pub fn from_parts(chapters: Vec<Chapter>, warnings: Vec<Diagnostic>) -> Self {
        Library {
            chapters: OnceCell::from(chapters),
            warnings,
            source: Source::Parts,
        }
    }

    /// A library backed by a cache: `index` is its search index; the
    /// chapters are read from the cache file at `path` when first needed
    /// (or are given, if already at hand).
    pub fn cached(
        index: &'static [u8],
        path: Option<std::path::PathBuf>,
        chapters: Option<Vec<Chapter>>,
        warnings: Vec<Diagnostic>,
    ) -> Self {
        let cell = chapters.map(OnceCell::from).unwrap_or_default();
        Library {
            chapters: cell,
            warnings,
            source: Source::Cached { index, path },
        }
    }

    /// The search index of this library's chapters.
    pub fn index_bytes(&self) -> std::borrow::Cow<'static, [u8]> {
        match &self.source {
            Source::Builtin => std::borrow::Cow::Borrowed(BUILTIN_INDEX),
            Source::Cached { index, .. } => std::borrow::Cow::Borrowed(index),
            Source::Parts => std::borrow::Cow::Owned(crate::analyze::build_index(self.chapters())),
        }
    }

    /// Every tip of this library (dangerous lines and key points), in reading order.
    pub fn tips(&self) -> Vec<crate::tips::Tip> {
        if matches!(self.source, Source::Builtin) {
            if let Ok(tips) = postcard::from_bytes(BUILTIN_TIPS) {
                return tips;
            }
        }
        crate::tips::collect(self.chapters())
    }

    /// Every chapter, in reading order.
    pub fn chapters(&self) -> &[Chapter] {
        // The compiled library is checked by build.rs and by the test suite;
        // if it could not be decoded the guide would simply be empty.
        self.chapters.get_or_init(|| match &self.source {
            Source::Cached {
                path: Some(path), ..
            } => cached_chapters(path).unwrap_or_default(),
            _ => builtin_chapters().unwrap_or_default(),
        })
    }

    /// Problems met while loading a reader's chapters (the chapters concerned were skipped or loaded anyway).
    pub fn warnings(&self) -> &[Diagnostic] {
        &self.warnings
    }

    /// The chapter with exactly this slug.
    pub fn get(&self, slug: &str) -> Option<&Chapter> {
        self.chapters().iter().find(|c| c.meta.slug == slug)
    }

    /// Resolves a name the way `advice chapter NAME` does: slug, alias, title
    /// (ours or the book's, any case), chapter number, then a unique prefix of any of these.
    pub fn find(&self, name: &str) -> Lookup<'_> {
        let key = normalize_name(name);
        let loose: String = loose_chars(name).collect();
        if key.is_empty() {
            return Lookup::Missing(Vec::new());
        }
        let is_key = |n: &str| name_chars(n).eq(key.chars());
        if let Some(c) = self.chapters().iter().find(|c| is_key(&c.meta.slug)) {
            return Lookup::Found(c);
        }
        let by_alias: Vec<&Chapter> = self
            .chapters()
            .iter()
            .filter(|c| c.meta.aliases.iter().any(|a| is_key(a)))
            .collect();
        if let Some(found) = one_or_many(by_alias) {
            return found;
        }
        let by_title: Vec<&Chapter> = self
            .chapters()
            .iter()
            .filter(|c| titles(c).any(|t| loose_chars(t).eq(loose.chars())))
            .collect();
        if let Some(found) = one_or_many(by_title) {
            return found;
        }
        if let Ok(number) = key.parse::<u32>() {
            if let Some(c) = self.chapters().iter().find(|c| c.meta.order == number) {
                return Lookup::Found(c);
            }
        }
        let by_prefix: Vec<&Chapter> = self
            .chapters()
            .iter()
            .filter(|c| {
                names(c).any(|n| starts_with(name_chars(n), key.chars()))
                    || (!loose.is_empty()
                        && titles(c).any(|t| starts_with(loose_chars(t), loose.chars())))
            })
            .collect();
        if let Some(found) = one_or_many(by_prefix) {
            return found;
        }
        Lookup::Missing(self.closest(&key))
    }

    /// Up to three chapters whose names come closest to `key` (for "did you mean").
    pub fn closest(&self, key: &str) -> Vec<&Chapter> {
        let mut scored: Vec<(f64, &Chapter)> = self
            .chapters()
            .iter()
            .map(|c| {
                let score = names(c)
                    .chain(titles(c))
                    .flat_map(|n| {
                        let n = normalize_name(n);
                        let parts: Vec<String> = n.split(' ').map(str::to_string).collect();
                        std::iter::once(n).chain(parts)
                    })
                    .map(|n| strsim::jaro_winkler(key, &n))
                    .fold(0.0, f64::max);
                (score, c)
            })
            .filter(|(score, _)| *score >= SUGGEST_THRESHOLD)
            .collect();
        scored.sort_by(|a, b| {
            b.0.total_cmp(&a.0)
                .then(a.1.meta.order.cmp(&b.1.meta.order))
        });
        scored.into_iter().take(3).map(|(_, c)| c).collect()
    }
}

/// How similar (Jaro-Winkler) a typo must be to a name to be suggested.
/// Measured: real typos of slugs score 0.87 or more, unrelated words 0.69 or less.
pub const SUGGEST_THRESHOLD: f64 = 0.85;

/// Decodes the chapters compiled in by `build.rs`.
pub fn builtin_chapters() -> Result<Vec<Chapter>> {
    let stored: Vec<crate::chapter::StoredChapter<'static>> =
        postcard::from_bytes(BUILTIN).context("the built-in library is damaged; rebuild advice")?;
    Ok(stored.into_iter().map(Chapter::stored).collect())
}

/// The built-in chapters not replaced by the reader's, plus the reader's, in order.
fn cached_chapters(path: &std::path::Path) -> Option<Vec<Chapter>> {
    let own = crate::cache::Cache::read(path, true)?.chapters()?;
    Some(merge_builtin(own))
}

/// The built-in chapters not replaced by these, plus these, sorted by order.
pub fn merge_builtin(own: Vec<Chapter>) -> Vec<Chapter> {
    let replaced: std::collections::HashSet<String> =
        own.iter().map(|c| c.meta.slug.clone()).collect();
    let mut all: Vec<Chapter> = builtin_chapters()
        .unwrap_or_default()
        .into_iter()
        .filter(|c| !replaced.contains(&c.meta.slug))
        .collect();
    all.extend(own);
    all.sort_by_key(|c| c.meta.order);
    all
}

fn one_or_many(found: Vec<&Chapter>) -> Option<Lookup<'_>> {
    match found.len() {
        0 => None,
        1 => Some(Lookup::Found(found[0])),
        _ => Some(Lookup::Ambiguous(found)),
    }
}

/// A chapter's slug and aliases.
fn names(c: &Chapter) -> impl Iterator<Item = &str> {
    std::iter::once(c.meta.slug.as_str()).chain(c.meta.aliases.iter().map(String::as_str))
}

/// Our title and the book's.
fn titles(c: &Chapter) -> impl Iterator<Item = &str> {
    std::iter::once(c.meta.title.as_str()).chain(c.meta.book.iter().map(|b| b.chapter.as_str()))
}

/// Whether one character sequence begins with another.
fn starts_with(mut whole: impl Iterator<Item = char>, prefix: impl Iterator<Item = char>) -> bool {
    let mut prefix = prefix;
    prefix.all(|c| whole.next() == Some(c))
}

/// A name as lookups compare it, without allocating: lowercase words joined
/// by single spaces, hyphens and underscores counting as spaces
/// (the same as [`normalize_name`]).
fn name_chars(name: &str) -> impl Iterator<Item = char> + '_ {
    name.split(|c: char| c.is_whitespace() || c == '-' || c == '_')
        .filter(|w| !w.is_empty())
        .enumerate()
        .flat_map(|(i, w)| {
            (i > 0)
                .then_some(' ')
                .into_iter()
                .chain(w.chars().flat_map(char::to_lowercase))
        })
}

/// A title compared loosely: lowercase words, punctuation ignored, so
/// `dont be a jira ticket robot` finds "Don't be a JIRA ticket robot".
fn loose_chars(title: &str) -> impl Iterator<Item = char> + '_ {
    title
        .split(|c: char| !(c.is_alphanumeric() || c == '\'' || c == '\u{2019}'))
        .map(|w| w.trim_matches(|c| c == '\'' || c == '\u{2019}'))
        .filter(|w| !w.is_empty())
        .enumerate()
        .flat_map(|(i, w)| {
            (i > 0).then_some(' ').into_iter().chain(
                w.chars()
                    .filter(|c| *c != '\'' && *c != '\u{2019}')
                    .flat_map(char::to_lowercase),
            )
        })
}
