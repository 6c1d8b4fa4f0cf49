//! Checklists: a chapter's `## Checklist` items with the danger attached, and
//! how a topic a reader types resolves to one.

use crate::chapter::{Block, Chapter, ChecklistMeta, sections};
use crate::index::Index;
use crate::library::Library;
use crate::ranking::{self, Options, Query, Ranking};
use crate::text::Analyzer;
use crate::validate::normalize_name;

/// A chapter's checklist, ready to print.
#[derive(Debug, Clone)]
pub struct Checklist<'a> {
    pub chapter: &'a Chapter,
    pub name: &'a str,
    pub title: &'a str,
    pub items: Vec<&'a Block>,
    /// The "When this backfires" points.
    pub caveats: Vec<&'a Block>,
}

impl<'a> Checklist<'a> {
    /// The checklist of a chapter, if it has one.
    pub fn of(chapter: &'a Chapter) -> Option<Self> {
        let meta = chapter.meta.checklist.as_ref()?;
        Some(Checklist {
            chapter,
            name: &meta.name,
            title: &meta.title,
            items: chapter.checklist_items(),
            caveats: chapter.bullets(sections::BACKFIRES),
        })
    }

    /// The chapter's sharpest advice, in one sentence.
    pub fn dangerous(&self) -> &'a str {
        self.chapter.meta.dangerous.trim()
    }
}

/// How a topic was matched (shown in `--json` as "name", "alias", ...).
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum MatchedBy {
    Name,
    Alias,
    Chapter,
    Tag,
    Spelling,
    Search,
}

/// What a topic resolves to.
#[derive(Debug)]
pub enum Resolution<'a> {
    Found(&'a Chapter, MatchedBy),
    /// The topic names this chapter exactly, and it has no checklist.
    NoChecklist(&'a Chapter),
    /// Nothing close enough; these checklists come nearest by name.
    Missing(Vec<&'a Chapter>),
}

/// Resolves a topic, in order: checklist name, checklist alias, the chapter's
/// slug or aliases, a tag, a near-miss spelling of a name, and finally a
/// search over the checklists' titles and items (the best match wins).
pub fn resolve<'a>(
    library: &'a Library,
    index: Option<&Index>,
    topic: &str,
) -> anyhow::Result<Resolution<'a>> {
    Ok(resolve_in(library.chapters()?, index, topic))
}

fn resolve_in<'a>(chapters: &'a [Chapter], index: Option<&Index>, topic: &str) -> Resolution<'a> {
    let key = normalize_name(topic);
    if key.is_empty() {
        return Resolution::Missing(Vec::new());
    }
    let lists: Vec<(&Chapter, &ChecklistMeta)> = chapters
        .iter()
        .filter_map(|c| c.meta.checklist.as_ref().map(|m| (c, m)))
        .collect();
    let is_key = |s: &String| normalize_name(s) == key;
    let first = |matches: &dyn Fn(&Chapter, &ChecklistMeta) -> bool| {
        lists.iter().find(|(c, m)| matches(c, m)).map(|(c, _)| *c)
    };
    if let Some(c) = first(&|_, m| is_key(&m.name)) {
        return Resolution::Found(c, MatchedBy::Name);
    }
    if let Some(c) = first(&|_, m| m.aliases.iter().any(is_key)) {
        return Resolution::Found(c, MatchedBy::Alias);
    }
    if let Some(c) = first(&|c, _| is_key(&c.meta.slug) || c.meta.aliases.iter().any(is_key)) {
        return Resolution::Found(c, MatchedBy::Chapter);
    }
    // A chapter named exactly that has no checklist: say so, rather than guess.
    if let Some(c) = chapters.iter().find(|c| {
        c.meta.checklist.is_none()
            && (is_key(&c.meta.slug) || is_key(&c.meta.title) || c.meta.aliases.iter().any(is_key))
    }) {
        return Resolution::NoChecklist(c);
    }
    let tagged: Vec<&Chapter> = lists
        .iter()
        .filter(|(c, _)| c.meta.tags.iter().any(is_key))
        .map(|(c, _)| *c)
        .collect();
    if let [only] = tagged.as_slice() {
        return Resolution::Found(only, MatchedBy::Tag);
    }
    // A near-miss spelling of one checklist's name or alias ("prioritze").
    let mut close: Vec<(f64, &Chapter)> = lists
        .iter()
        .map(|(c, m)| {
            let best = std::iter::once(&m.name)
                .chain(&m.aliases)
                .map(|n| crate::suggest::similarity(&key, &normalize_name(n)))
                .fold(0.0, f64::max);
            (best, *c)
        })
        .collect();
    close.sort_by(|a, b| {
        b.0.total_cmp(&a.0)
            .then(a.1.meta.order.cmp(&b.1.meta.order))
    });
    if let [(best, c), rest @ ..] = close.as_slice()
        && *best >= crate::suggest::ACCEPT
        && rest.first().is_none_or(|(second, _)| second < best)
    {
        return Resolution::Found(c, MatchedBy::Spelling);
    }
    // Search the checklists' titles and items; a tag shared by several
    // chapters narrows the search to them.
    if let Some(index) = index {
        let pool: Vec<&Chapter> = if tagged.len() > 1 {
            tagged
        } else {
            lists.iter().map(|(c, _)| *c).collect()
        };
        if let Some(c) = search_checklists(index, &pool, topic) {
            return Resolution::Found(c, MatchedBy::Search);
        }
    }
    let suggestions = close
        .iter()
        .filter(|(score, _)| *score >= crate::suggest::SUGGEST)
        .take(3)
        .map(|(_, c)| *c)
        .collect();
    Resolution::Missing(suggestions)
}

/// The best chapter in `pool` for `topic`, searching checklist titles and
/// items (the outline field) and names.
fn search_checklists<'a>(index: &Index, pool: &[&'a Chapter], topic: &str) -> Option<&'a Chapter> {
    let analyzer = Analyzer::new();
    let query = Query::parse(topic, &analyzer).ok()?;
    let options = Options {
        limit: 1,
        tag: None,
        only: Some(pool.iter().map(|c| c.meta.slug.clone()).collect()),
        ranking: Ranking {
            weights: [1.0, 3.0, 1.0, 0.0, 3.0, 0.0, 0.0, 0.0],
            meaning: 0.0,
            ..Ranking::default()
        },
    };
    let outcome = ranking::search(index, &query, &options, &analyzer);
    // A weak fit is no answer: better "no checklist" than the wrong one.
    let slug = &outcome.hits.first().filter(|h| !h.is_weak())?.slug;
    pool.iter().copied().find(|c| &c.meta.slug == slug)
}
