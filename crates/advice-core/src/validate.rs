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
    /// What is wrong, and where.
    pub diagnostic: Diagnostic,
    /// True when the chapter could not join the library (a duplicate slug
    /// or checklist name); false when it joined despite the problem.
    pub dropped: bool,
    /// True for a remark only `advice lint` makes (two chapters sharing an
    /// order: both load, sorted by slug); not repeated as a warning on every run.
    pub lint_only: bool,
}

/// Assembles chapters into one library, in the order given: built-in chapters
/// first, then a reader's own. A reader's chapter whose slug is a built-in
/// chapter's replaces it; any other clash leaves the later chapter out.
/// The result is sorted by `order`. Lookups are hashed, so a library of
/// thousands of chapters assembles in milliseconds.
pub fn assemble(chapters: Vec<Chapter>) -> (Vec<Chapter>, Vec<Problem>) {
    let mut problems = Vec::new();
    let mut kept: Vec<Chapter> = Vec::with_capacity(chapters.len());
    let mut by_slug: HashMap<String, usize> = HashMap::new();
    let mut by_order: HashMap<u32, usize> = HashMap::new();
    let mut by_checklist: HashMap<String, usize> = HashMap::new();
    for mut chapter in chapters {
        let replacing = match by_slug.get(&chapter.meta.slug) {
            Some(&i) if kept[i].origin == Origin::BuiltIn && chapter.origin != Origin::BuiltIn => {
                Some(i)
            }
            Some(&i) => {
                let message = format!(
                    "duplicate slug '{}': {} already uses it",
                    chapter.meta.slug, kept[i].path
                );
                problems.push(Problem {
                    diagnostic: at_key(&chapter, &["slug"], message),
                    dropped: true,
                    lint_only: false,
                });
                continue;
            }
            None => None,
        };
        // Another chapter (not the one being replaced) with the same order or checklist name?
        let other = |found: Option<&usize>| found.copied().filter(|&i| Some(i) != replacing);
        if let Some(i) = other(by_order.get(&chapter.meta.order)) {
            let message = format!(
                "order {} is also used by {} ('{}'); both are kept, sorted by slug",
                chapter.meta.order, kept[i].path, kept[i].meta.slug
            );
            problems.push(Problem {
                diagnostic: at_key(&chapter, &["order"], message),
                dropped: false,
                lint_only: true,
            });
        }
        if let Some(name) = chapter.meta.checklist.as_ref().map(|c| c.name.clone()) {
            if let Some(i) = other(by_checklist.get(&name)) {
                let message = format!(
                    "duplicate checklist name '{name}': {} already uses it",
                    kept[i].path
                );
                problems.push(Problem {
                    diagnostic: at_key(&chapter, &["checklist", "name"], message),
                    dropped: true,
                    lint_only: false,
                });
                continue;
            }
        }
        let (slug, order) = (chapter.meta.slug.clone(), chapter.meta.order);
        let checklist = chapter.meta.checklist.as_ref().map(|c| c.name.clone());
        let index = match replacing {
            Some(i) => {
                chapter.origin = Origin::Replaced;
                if by_order.get(&kept[i].meta.order) == Some(&i) {
                    by_order.remove(&kept[i].meta.order);
                }
                if let Some(old) = &kept[i].meta.checklist {
                    by_checklist.remove(&old.name);
                }
                kept[i] = chapter;
                i
            }
            None => {
                kept.push(chapter);
                kept.len() - 1
            }
        };
        by_slug.insert(slug, index);
        by_order.entry(order).or_insert(index);
        if let Some(name) = checklist {
            by_checklist.insert(name, index);
        }
    }
    sort(&mut kept);
    problems.extend(check_links(&kept));
    (kept, problems)
}

/// The library's reading order: by `order`, ties by slug.
pub fn sort(chapters: &mut [Chapter]) {
    chapters.sort_by(|a, b| (a.meta.order, &a.meta.slug).cmp(&(b.meta.order, &b.meta.slug)));
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
    let slugs: std::collections::HashSet<&str> =
        chapters.iter().map(|c| c.meta.slug.as_str()).collect();
    for chapter in chapters {
        for slug in &chapter.meta.related {
            if !slugs.contains(slug.as_str()) {
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
                    lint_only: false,
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
                        lint_only: false,
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
                            lint_only: false,
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
    let (line, column) = crate::front_matter::key_position(chapter.source(), keys);
    Diagnostic {
        path: chapter.path.clone(),
        line,
        column,
        message,
    }
}
