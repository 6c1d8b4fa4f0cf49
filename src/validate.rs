//! Rules that span chapters: unique slugs, orders and checklist names, `related`
//! links that resolve, names that don't make lookups ambiguous, and a reader's
//! chapter replacing a built-in one with the same slug.
//!
//! Shared with `build.rs`, which rejects the built-in library on any problem.

use crate::chapter::{Chapter, Diagnostic, Origin};
use std::collections::HashMap;

/// A cross-chapter problem, and whether the chapter it is about was left out.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    pub diagnostic: Diagnostic,
    /// True when the chapter could not join the library (a duplicate slug, order
    /// or checklist name); false when it joined despite the problem.
    pub dropped: bool,
}

/// Assembles chapters into one library, in the order given: built-in chapters
/// first, then a reader's own. A reader's chapter whose slug is a built-in
/// chapter's replaces it; any other clash leaves the later chapter out.
/// The result is sorted by `order`.
pub fn assemble(chapters: Vec<Chapter>) -> (Vec<Chapter>, Vec<Problem>) {
    let mut problems = Vec::new();
    let mut kept: Vec<Chapter> = Vec::new();
    for mut chapter in chapters {
        if let Some(i) = kept.iter().position(|c| c.meta.slug == chapter.meta.slug) {
            let existing = &kept[i];
            if existing.origin == Origin::BuiltIn && chapter.origin != Origin::BuiltIn {
                chapter.origin = Origin::Replaced;
                let clash = clash_with(&kept, &chapter, Some(i));
                match clash {
                    Some(problem) => problems.push(problem),
                    None => kept[i] = chapter,
                }
            } else {
                problems.push(Problem {
                    diagnostic: at_key(
                        &chapter,
                        &["slug"],
                        format!(
                            "duplicate slug '{}': {} already uses it",
                            chapter.meta.slug, existing.path
                        ),
                    ),
                    dropped: true,
                });
            }
            continue;
        }
        match clash_with(&kept, &chapter, None) {
            Some(problem) => problems.push(problem),
            None => kept.push(chapter),
        }
    }
    kept.sort_by_key(|c| c.meta.order);
    problems.extend(check_links(&kept));
    (kept, problems)
}

/// A duplicate order or checklist name between `chapter` and the kept chapters
/// (ignoring the one at `replacing`, which `chapter` is about to replace).
fn clash_with(kept: &[Chapter], chapter: &Chapter, replacing: Option<usize>) -> Option<Problem> {
    let others = || {
        kept.iter()
            .enumerate()
            .filter(move |(i, _)| Some(*i) != replacing)
            .map(|(_, c)| c)
    };
    if let Some(other) = others().find(|c| c.meta.order == chapter.meta.order) {
        return Some(Problem {
            diagnostic: at_key(
                chapter,
                &["order"],
                format!(
                    "duplicate order {}: {} ('{}') already uses it",
                    chapter.meta.order, other.path, other.meta.slug
                ),
            ),
            dropped: true,
        });
    }
    if let Some(name) = chapter.meta.checklist.as_ref().map(|c| &c.name) {
        if let Some(other) =
            others().find(|c| c.meta.checklist.as_ref().is_some_and(|o| &o.name == name))
        {
            return Some(Problem {
                diagnostic: at_key(
                    chapter,
                    &["checklist", "name"],
                    format!(
                        "duplicate checklist name '{name}': {} already uses it",
                        other.path
                    ),
                ),
                dropped: true,
            });
        }
    }
    None
}

/// `related` slugs that don't exist, and aliases that would make a lookup ambiguous.
fn check_links(chapters: &[Chapter]) -> Vec<Problem> {
    let mut problems = Vec::new();
    let mut names: HashMap<String, &Chapter> = HashMap::new();
    for chapter in chapters {
        names.insert(normalize_name(&chapter.meta.slug), chapter);
    }
    let mut checklist_names: HashMap<String, &Chapter> = HashMap::new();
    for chapter in chapters {
        if let Some(checklist) = &chapter.meta.checklist {
            checklist_names.insert(normalize_name(&checklist.name), chapter);
        }
    }
    for chapter in chapters {
        for slug in &chapter.meta.related {
            if !chapters.iter().any(|c| &c.meta.slug == slug) {
                let hint = crate::parse::closest(
                    slug,
                    &chapters
                        .iter()
                        .map(|c| c.meta.slug.as_str())
                        .collect::<Vec<_>>(),
                )
                .map(|s| format!(" (did you mean '{s}'?)"))
                .unwrap_or_default();
                problems.push(Problem {
                    diagnostic: at_key(
                        chapter,
                        &["related"],
                        format!("related chapter '{slug}' does not exist{hint}"),
                    ),
                    dropped: false,
                });
            }
        }
        for alias in &chapter.meta.aliases {
            let key = normalize_name(alias);
            match names.get(&key) {
                Some(other) if other.meta.slug != chapter.meta.slug => {
                    problems.push(Problem {
                        diagnostic: at_key(chapter, &["aliases"], format!("alias '{alias}' is already a name of '{}' ({}); 'advice chapter {alias}' would be ambiguous", other.meta.slug, other.path)),
                        dropped: false,
                    });
                }
                _ => {
                    names.insert(key, chapter);
                }
            }
        }
        if let Some(checklist) = &chapter.meta.checklist {
            for alias in &checklist.aliases {
                let key = normalize_name(alias);
                match checklist_names.get(&key) {
                    Some(other) if other.meta.slug != chapter.meta.slug => {
                        problems.push(Problem {
                            diagnostic: at_key(chapter, &["checklist", "aliases"], format!("checklist alias '{alias}' already names the checklist of '{}' ({})", other.meta.slug, other.path)),
                            dropped: false,
                        });
                    }
                    _ => {
                        checklist_names.insert(key, chapter);
                    }
                }
            }
        }
    }
    problems
}

/// How names are compared in lookups: case, spacing, hyphens and underscores ignored.
pub fn normalize_name(name: &str) -> String {
    name.split(|c: char| c.is_whitespace() || c == '-' || c == '_')
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect::<Vec<_>>()
        .join(" ")
}

/// A diagnostic pointing at a front-matter key of `chapter`.
pub fn at_key(chapter: &Chapter, keys: &[&str], message: String) -> Diagnostic {
    let (line, column) = crate::parse::key_position(chapter.source(), keys);
    Diagnostic {
        path: chapter.path.clone(),
        line,
        column,
        message,
    }
}
