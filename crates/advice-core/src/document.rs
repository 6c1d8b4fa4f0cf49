//! Any markdown file as a chapter: a team's handbook page, a runbook, an
//! ADR, a note, read as it is.
//!
//! Which files are read strictly: a file is in advice's own format when its
//! front matter has both `slug` and `dangerous` (the two keys no other tool
//! uses together); it then gets every check of `docs/chapter-format.md`.
//! Every other file is read here, leniently:
//!
//! - Front matter is optional. Other tools' keys are understood: `title`;
//!   `description`, `summary` or `excerpt`; `tags`, `keywords` or
//!   `categories` (a list, or one comma-separated string); `aliases`
//!   (Obsidian, Hugo, Jekyll, Eleventy). Every other key is ignored. Only
//!   YAML that cannot be read at all makes the file broken.
//! - Title: `title`, else the first `# ` heading, else the file name.
//! - Slug: the path relative to its folder, lowercased, each run of
//!   characters other than `a-z0-9` turned into `-`, folders joined by `/`
//!   (`Engineering/On_Call.md` is `engineering/on-call`); an `index.md` or
//!   `README.md` takes its folder's slug (at the top, the folder's name).
//! - Part: the top folder's name, as written (the folder itself, for files
//!   at its top).
//! - Summary: the description, else the first paragraph (cut at a sentence
//!   near 300 characters).
//! - Task items (`- [ ]`) anywhere make a checklist named like the slug.
//! - There is no `dangerous` line: such a chapter gives no tip, and its
//!   view has no danger block.
//!
//! Its `order` is set by the loader (by path, after the guide's chapters).

use crate::chapter::{
    BlockKind, Chapter, ChecklistMeta, Content, Diagnostic, Format, FrontMatter, Origin,
};
use serde_yaml::Value;

/// Where a file lies, for deriving its names.
#[derive(Debug, Clone, Copy)]
pub struct Place<'a> {
    /// The path relative to the folder it was found in (`engineering/on-call.md`).
    pub relative: &'a str,
    /// The folder's own name (for files at its top: their part; a top
    /// `README.md`'s slug).
    pub folder: &'a str,
}

/// The keys advice understands in another tool's front matter.
#[derive(Debug, Default)]
struct Foreign {
    title: Option<String>,
    summary: Option<String>,
    tags: Vec<String>,
    aliases: Vec<String>,
}

/// Whether front matter YAML declares advice's own format (`slug` and
/// `dangerous` both present at its top level). Unreadable YAML does not.
pub fn declares_advice_format(yaml: &str) -> bool {
    let has = |key: &str| {
        yaml.lines().any(|l| {
            l.strip_prefix(key)
                .is_some_and(|rest| rest.trim_start().starts_with(':'))
        })
    };
    has("slug") && has("dangerous")
}

/// A string, or the strings of a list, or a comma-separated string split.
fn strings(value: &Value) -> Vec<String> {
    match value {
        Value::String(s) => s
            .split(',')
            .map(|t| t.trim().to_string())
            .filter(|t| !t.is_empty())
            .collect(),
        Value::Sequence(items) => items
            .iter()
            .filter_map(|v| match v {
                Value::String(s) => Some(s.trim().to_string()),
                Value::Number(n) => Some(n.to_string()),
                _ => None,
            })
            .filter(|t| !t.is_empty())
            .collect(),
        Value::Number(n) => vec![n.to_string()],
        _ => Vec::new(),
    }
}

/// Reads another tool's front matter: the keys advice knows, the rest ignored.
fn read_foreign(yaml: &str) -> Result<Foreign, crate::front_matter::Problem> {
    crate::front_matter::check_limits(yaml)?;
    let value: Value =
        serde_yaml::from_str(yaml).map_err(|e| crate::front_matter::yaml_problem(&e))?;
    let mut foreign = Foreign::default();
    let Value::Mapping(map) = value else {
        // Empty front matter (`---` twice) is null: nothing to read.
        return Ok(foreign);
    };
    let text = |key: &str| match map.get(key) {
        Some(Value::String(s)) if !s.trim().is_empty() => Some(crate::body::squash(s)),
        _ => None,
    };
    foreign.title = text("title");
    foreign.summary = text("description")
        .or_else(|| text("summary"))
        .or_else(|| text("excerpt"));
    for key in ["tags", "keywords", "categories"] {
        if let Some(value) = map.get(key) {
            foreign.tags.extend(strings(value));
        }
    }
    if let Some(value) = map.get("aliases") {
        foreign.aliases = strings(value);
    }
    Ok(foreign)
}

/// A path's slug: lowercased, runs of characters other than `a-z0-9`
/// turned into `-`, folders joined by `/`, `.md` dropped; `index.md` and
/// `README.md` take their folder's slug (the top folder's name at the top).
pub fn slug_of(place: &Place) -> String {
    let relative = place.relative.replace('\\', "/");
    let mut parts: Vec<&str> = relative.split('/').filter(|p| !p.is_empty()).collect();
    if let Some(last) = parts.last_mut() {
        let stem = last
            .strip_suffix(".md")
            .or_else(|| last.strip_suffix(".MD"))
            .or_else(|| last.strip_suffix(".markdown"))
            .unwrap_or(last);
        *last = stem;
    }
    if parts
        .last()
        .is_some_and(|p| p.eq_ignore_ascii_case("index") || p.eq_ignore_ascii_case("readme"))
    {
        parts.pop();
        if parts.is_empty() {
            parts.push(place.folder);
        }
    }
    let slugs: Vec<String> = parts
        .iter()
        .map(|p| slug_part(p))
        .filter(|p| !p.is_empty())
        .collect();
    if slugs.is_empty() {
        "page".to_string()
    } else {
        slugs.join("/")
    }
}

/// One path part as a slug: lowercase, other characters as single `-`.
fn slug_part(part: &str) -> String {
    let mut out = String::new();
    for c in part.chars().flat_map(char::to_lowercase) {
        if c.is_ascii_alphanumeric() {
            out.push(c);
        } else if !out.is_empty() && !out.ends_with('-') {
            out.push('-');
        }
    }
    while out.ends_with('-') {
        out.pop();
    }
    out
}

/// The file name without `.md`, as a title: `on_call-notes.md` is "on call notes".
fn title_from_name(relative: &str) -> String {
    let name = relative.rsplit('/').next().unwrap_or(relative);
    let stem = name.rsplit_once('.').map_or(name, |(stem, _)| stem);
    crate::body::squash(&stem.replace(['_', '-'], " "))
}

/// The first sentences of `text`, cut near `max` characters at a sentence
/// end if one comes after half of it, else at a word, with an ellipsis.
fn first_sentences(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        return text.to_string();
    }
    let cut: usize = text.char_indices().nth(max).map_or(text.len(), |(i, _)| i);
    let head = &text[..cut];
    if let Some(end) = head.rfind(". ").filter(|&e| e > cut / 2) {
        return head[..=end].to_string();
    }
    let word = head.rfind(' ').unwrap_or(cut);
    format!("{}\u{2026}", head[..word].trim_end())
}

/// The reading order of a reader's first markdown page; the others follow
/// in path order (the guide uses 1-28, a reader's own chapters 101 on).
pub const FIRST_ORDER: u32 = 1000;

/// Longest summary taken from a page's first paragraph, in characters.
pub const SUMMARY_CHARS: usize = 300;

/// A lowercase topic from another tool's tag: `Tech Debt` is `tech-debt`.
fn tag_of(tag: &str) -> String {
    slug_part(tag)
}

/// Reads a markdown file that is not in advice's format. `yaml` is its
/// front matter, if it has one. Only unreadable YAML is an error.
pub fn parse_markdown(
    shown: &str,
    place: &Place,
    text: &str,
    front: Option<(&str, usize, usize)>,
    origin: Origin,
) -> Result<Chapter, Vec<Diagnostic>> {
    let (foreign, body_start) = match front {
        Some((yaml, first_line, body_start)) => match read_foreign(yaml) {
            Ok(foreign) => (foreign, body_start),
            Err((line, column, message)) => {
                return Err(vec![Diagnostic {
                    path: shown.to_string(),
                    line: line + first_line - 1,
                    column,
                    message: format!("{message} (in the front matter)"),
                }]);
            }
        },
        None => (Foreign::default(), 0),
    };
    let lines = crate::body::LineIndex::new(text);
    let (sections, _) = crate::body::parse_body(text, body_start, &lines);
    let first_heading = sections
        .first()
        .and_then(|s| s.blocks.first())
        .filter(|b| {
            b.kind == BlockKind::Heading && text[body_start..].trim_start().starts_with("# ")
        })
        .map(|b| b.text.clone())
        .filter(|t| !t.is_empty());
    let title = foreign
        .title
        .or(first_heading)
        .unwrap_or_else(|| title_from_name(place.relative));
    let summary = foreign.summary.unwrap_or_else(|| {
        sections
            .iter()
            .flat_map(|s| &s.blocks)
            .find(|b| b.kind == BlockKind::Paragraph && !b.text.trim().is_empty())
            .map(|b| first_sentences(&b.text, SUMMARY_CHARS))
            .unwrap_or_default()
    });
    let slug = slug_of(place);
    let part = match place.relative.replace('\\', "/").split_once('/') {
        Some((top, _)) => top.to_string(),
        None => place.folder.to_string(),
    };
    let mut tags: Vec<String> = Vec::new();
    for tag in foreign.tags.iter().map(|t| tag_of(t)) {
        if !tag.is_empty() && !tags.contains(&tag) {
            tags.push(tag);
        }
    }
    let has_tasks = sections
        .iter()
        .flat_map(|s| &s.blocks)
        .any(|b| matches!(b.kind, BlockKind::Task { .. }));
    let checklist = has_tasks.then(|| ChecklistMeta {
        name: slug.clone(),
        title: title.clone(),
        aliases: Vec::new(),
    });
    let meta = FrontMatter {
        slug,
        title,
        part,
        order: 0,
        book: None,
        summary,
        tags,
        aliases: foreign.aliases,
        related: Vec::new(),
        dangerous: String::new(),
        checklist,
        format: Format::Markdown,
    };
    let content = Content {
        source: text.to_string(),
        body_start,
        sections,
    };
    Ok(Chapter::new(meta, origin, shown.to_string(), content))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn slug(relative: &str) -> String {
        slug_of(&Place {
            relative,
            folder: "Team Handbook",
        })
    }

    #[test]
    fn slugs_come_from_paths() {
        assert_eq!(slug("Engineering/On_Call.md"), "engineering/on-call");
        assert_eq!(slug("engineering/index.md"), "engineering");
        assert_eq!(slug("Engineering/README.md"), "engineering");
        assert_eq!(slug("README.md"), "team-handbook");
        assert_eq!(slug("2024 -- Q3 plan!.md"), "2024-q3-plan");
        assert_eq!(slug("___.md"), "page");
    }

    #[test]
    fn the_advice_format_is_declared_by_slug_and_dangerous() {
        assert!(declares_advice_format(
            "slug: x\ntitle: X\ndangerous: >-\n  y\n"
        ));
        assert!(!declares_advice_format("title: X\nslug: x\n"));
        assert!(!declares_advice_format(
            "title: X\ndescription: dangerous stuff\n"
        ));
    }

    #[test]
    fn foreign_front_matter_is_understood() {
        let text = "---\ntitle: Overtime\nkeywords: overtime, Comp Time\nlayout: page\nquestions:\n  - ops\n---\n\nYou need approval first. Then more.\n\n- [ ] Ask your supervisor.\n";
        let chapter = parse_markdown(
            "hb/overtime.md",
            &Place {
                relative: "leave/overtime.md",
                folder: "hb",
            },
            text,
            Some(("title: Overtime\nkeywords: overtime, Comp Time\nlayout: page\nquestions:\n  - ops\n", 2, text.find("\nYou").unwrap_or(0))),
            Origin::Added,
        )
        .expect("read");
        assert_eq!(chapter.meta.title, "Overtime");
        assert_eq!(chapter.meta.slug, "leave/overtime");
        assert_eq!(chapter.meta.part, "leave");
        assert_eq!(chapter.meta.tags, ["overtime", "comp-time"]);
        assert_eq!(chapter.meta.summary, "You need approval first. Then more.");
        assert_eq!(chapter.checklist_items().len(), 1);
        assert!(chapter.meta.dangerous.is_empty());
    }
}
