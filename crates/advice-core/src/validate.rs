//! Every rule of `docs/chapter-format.md`, in one place.
//!
//! For one file: the front matter alone ([`front_matter`]: slug, tags,
//! lengths, the book's contents) and the body against it ([`body`]: the
//! heading, the checklist, format 2's sections for the book's chapters).
//! Across chapters ([`assemble`]): unique slugs and checklist names, shared
//! orders, `related` links that resolve, names that don't make lookups
//! ambiguous, and a reader's chapter replacing a built-in one. `build.rs`
//! rejects the built-in library on any problem.

use crate::chapter::{BlockKind, Chapter, Diagnostic, FrontMatter, Origin, sections};
use crate::contents;
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

/// Remarks on a reader's own chapter that never stop it loading, made by
/// `advice lint` only (they read every chapter's body, which an ordinary
/// run, searching an index, never needs to): text still left from `advice new`'s template, and a
/// `# heading` that differs from the title (the title is what is shown).
pub fn own_chapter_remarks(chapter: &Chapter) -> Vec<Diagnostic> {
    let mut remarks = Vec::new();
    let at_line = |line: usize, message: String| Diagnostic {
        path: chapter.path.clone(),
        line,
        column: 1,
        message,
    };
    for key in ["summary", "dangerous"] {
        let text = if key == "summary" {
            &chapter.meta.summary
        } else {
            &chapter.meta.dangerous
        };
        if crate::template::is_placeholder(text) {
            remarks.push(at_key(
                chapter,
                &[key],
                format!("{key} is still the template's; write your own (it is left out of tips)"),
            ));
        }
    }
    for (line, column, c) in control_characters(chapter) {
        remarks.push(Diagnostic {
            path: chapter.path.clone(),
            line,
            column,
            message: format!(
                "control character U+{:04X} in the text (advice shows it escaped); remove it",
                c as u32
            ),
        });
    }
    let sections = chapter.sections();
    if let Some(block) = sections.first().and_then(|s| s.blocks.first()) {
        if block.kind == BlockKind::Heading && block.text.trim() != chapter.meta.title.trim() {
            remarks.push(at_line(
                block.line,
                format!(
                    "the heading '# {}' differs from the title '{}', which is what advice shows",
                    block.text.trim(),
                    chapter.meta.title.trim()
                ),
            ));
        }
    }
    for block in sections.iter().flat_map(|s| &s.blocks) {
        if crate::template::is_placeholder(&block.text) {
            remarks.push(at_line(
                block.line,
                format!(
                    "still the template's text ('{}'); replace it with your own",
                    block.text.trim()
                ),
            ));
        }
    }
    remarks
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
                let hint =
                    crate::suggest::closest(slug, chapters.iter().map(|c| c.meta.slug.as_str()), 1)
                        .first()
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

// Rules for one file: the front matter alone, and the body against it.

/// The fewest tags a chapter may have.
pub const TAGS_MIN: usize = 3;
/// The most tags a chapter may have.
pub const TAGS_MAX: usize = 8;

/// Is `s` a valid slug: lowercase ASCII letters, digits and hyphens?
pub fn is_slug(s: &str) -> bool {
    !s.is_empty()
        && s.len() <= 64
        && s.bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
}

/// A slug-shaped suggestion for a string that is not one.
pub fn slugify(s: &str) -> String {
    let mut out = String::new();
    for c in s.chars().flat_map(char::to_lowercase) {
        if c.is_ascii_alphanumeric() {
            out.push(c);
        } else if !out.ends_with('-') && !out.is_empty() {
            out.push('-');
        }
    }
    // A slug is at most 64 characters: cut there, at a word if one ends near.
    if out.len() > 64 {
        out.truncate(64);
        if let Some(cut) = out.rfind('-').filter(|&i| i >= 32) {
            out.truncate(cut);
        }
    }
    out.trim_end_matches('-').to_string()
}

/// Rules on the front matter alone. Each problem names the key it is about.
pub fn front_matter(meta: &FrontMatter) -> Vec<(Vec<&'static str>, String)> {
    let mut problems: Vec<(Vec<&'static str>, String)> = Vec::new();
    let mut problem =
        |keys: &[&'static str], message: String| problems.push((keys.to_vec(), message));
    if !is_slug(&meta.slug) {
        problem(
            &["slug"],
            format!(
                "slug '{}' must be 1-64 lowercase letters, digits and hyphens (try '{}')",
                meta.slug,
                slugify(&meta.slug)
            ),
        );
    }
    for (key, value) in [
        ("title", &meta.title),
        ("part", &meta.part),
        ("summary", &meta.summary),
        ("dangerous", &meta.dangerous),
    ] {
        if value.trim().is_empty() {
            problem(&[key_name(key)], format!("'{key}' is empty"));
        }
    }
    if meta.title.contains('\n') {
        problem(&["title"], "title must be a single line".to_string());
    }
    if meta.order == 0 {
        problem(&["order"], "order must be 1 or more".to_string());
    }
    if let Some(book) = &meta.book {
        match contents::book_chapter(&book.chapter) {
            None => {
                let titles: Vec<&str> = contents::BOOK_CHAPTERS.iter().map(|c| c.title).collect();
                let hint = crate::suggest::closest(&book.chapter, titles.iter().copied(), 1)
                    .first()
                    .map(|t| format!(" (did you mean \"{t}\"?)"))
                    .unwrap_or_else(|| {
                        "; use the title exactly as in the book's contents".to_string()
                    });
                problem(
                    &["book", "chapter"],
                    format!(
                        "book.chapter \"{}\" is not a chapter of the book{hint}",
                        book.chapter
                    ),
                );
            }
            Some(known) => {
                if book.page != known.page {
                    problem(
                        &["book", "page"],
                        format!(
                            "book.page is {} but \"{}\" starts on page {}",
                            book.page, known.title, known.page
                        ),
                    );
                }
                if meta.part != known.part {
                    problem(
                        &["part"],
                        format!(
                            "part '{}' does not match the book, where \"{}\" is in part '{}'",
                            meta.part, known.title, known.part
                        ),
                    );
                }
            }
        }
    }
    if meta.book.is_some() && contents::part_index(&meta.part).is_none() {
        problem(
            &["part"],
            format!(
                "part '{}' is not one of the book's parts: {}",
                meta.part,
                contents::PARTS.join(", ")
            ),
        );
    }
    if !(TAGS_MIN..=TAGS_MAX).contains(&meta.tags.len()) {
        problem(
            &["tags"],
            format!(
                "a chapter has {TAGS_MIN}-{TAGS_MAX} tags; this one has {}",
                meta.tags.len()
            ),
        );
    }
    for tag in &meta.tags {
        if !is_slug(tag) {
            problem(
                &["tags"],
                format!(
                    "tag '{tag}' must be lowercase letters, digits and hyphens (try '{}')",
                    slugify(tag)
                ),
            );
        }
    }
    if let Some(dup) = first_duplicate(&meta.tags) {
        problem(&["tags"], format!("tag '{dup}' is listed twice"));
    }
    for alias in &meta.aliases {
        if alias.trim().is_empty() {
            problem(&["aliases"], "an alias is empty".to_string());
        } else if alias.chars().any(char::is_control) {
            problem(
                &["aliases"],
                format!("alias {alias:?} contains a control character"),
            );
        } else if alias.trim().eq_ignore_ascii_case(&meta.slug) {
            problem(
                &["aliases"],
                format!("alias '{alias}' repeats the slug; remove it"),
            );
        }
    }
    if let Some(dup) = first_duplicate(&meta.aliases) {
        problem(&["aliases"], format!("alias '{dup}' is listed twice"));
    }
    for slug in &meta.related {
        if !is_slug(slug) {
            problem(
                &["related"],
                format!("related '{slug}' is not a slug (lowercase letters, digits and hyphens)"),
            );
        } else if *slug == meta.slug {
            problem(
                &["related"],
                format!("related lists the chapter itself ('{slug}')"),
            );
        }
    }
    if let Some(dup) = first_duplicate(&meta.related) {
        problem(&["related"], format!("related '{dup}' is listed twice"));
    }
    if let Some(checklist) = &meta.checklist {
        if !is_slug(&checklist.name) {
            problem(
                &["checklist", "name"],
                format!(
                    "checklist name '{}' must be lowercase letters, digits and hyphens (try '{}')",
                    checklist.name,
                    slugify(&checklist.name)
                ),
            );
        }
        if checklist.title.trim().is_empty() {
            problem(
                &["checklist", "title"],
                "checklist title is empty".to_string(),
            );
        }
        for alias in &checklist.aliases {
            if alias.trim().is_empty() || alias.chars().any(char::is_control) {
                problem(
                    &["checklist", "aliases"],
                    format!("checklist alias {alias:?} is empty or contains a control character"),
                );
            }
        }
    }
    problems
}

fn key_name(key: &str) -> &'static str {
    crate::front_matter::KEYS
        .iter()
        .find(|k| **k == key)
        .copied()
        .unwrap_or("slug")
}

fn first_duplicate(items: &[String]) -> Option<&str> {
    items.iter().enumerate().find_map(|(i, item)| {
        items[..i]
            .iter()
            .any(|earlier| earlier.trim().eq_ignore_ascii_case(item.trim()))
            .then_some(item.as_str())
    })
}

/// Control characters (other than tab) in the body, one per line at most:
/// (line, column, character), 1-based. They can only be terminal escapes
/// or debris, and advice shows them escaped.
pub fn control_characters(chapter: &Chapter) -> Vec<(usize, usize, char)> {
    let source = chapter.source();
    let start = chapter.body_start().min(source.len());
    let first_line = source[..start].matches('\n').count() + 1;
    source[start..]
        .lines()
        .enumerate()
        .filter_map(|(i, line)| {
            line.chars()
                .enumerate()
                .find(|(_, c)| c.is_control() && *c != '\t')
                .map(|(col, c)| (first_line + i, col + 1, c))
        })
        .collect()
}

/// Rules on the body's structure. Offsets are into the chapter's source; `None`
/// means "the body as a whole".
pub fn body(chapter: &Chapter) -> Vec<(Option<usize>, String)> {
    let mut problems = Vec::new();
    let opening = chapter.sections().first();
    let title_block = opening.and_then(|s| s.blocks.first());
    // A reader's own chapter is shown under its front matter's title; a
    // heading that differs is only a lint remark ([`own_chapter_remarks`]).
    let guide = chapter.meta.book.is_some();
    let heading = title_block.filter(|block| {
        block.kind == BlockKind::Heading && chapter.body().trim_start().starts_with("# ")
    });
    match heading {
        Some(block) if guide && block.text.trim() != chapter.meta.title.trim() => {
            problems.push((
                opening.map(|s| s.start),
                format!(
                    "the body's heading '# {}' does not match the title '{}'",
                    block.text.trim(),
                    chapter.meta.title
                ),
            ));
        }
        None if guide => problems.push((
            None,
            format!(
                "the body must start with the heading '# {}'",
                chapter.meta.title
            ),
        )),
        _ => {}
    }
    if let Some(book) = &chapter.meta.book {
        problems.extend(guide_chapter(chapter, &book.chapter));
    }
    match (&chapter.meta.checklist, chapter.section(sections::CHECKLIST)) {
        (Some(_), None) => problems.push((None, "front matter has 'checklist:' but the body has no '## Checklist' section".to_string())),
        (None, Some(section)) => problems.push((Some(section.start), "the body has a '## Checklist' section but the front matter has no 'checklist:' (name and title)".to_string())),
        (Some(_), Some(section)) => {
            if !section.blocks.iter().any(|b| matches!(b.kind, BlockKind::Task { .. })) {
                problems.push((Some(section.start), "the '## Checklist' section has no items; write them as '- [ ] Do this'".to_string()));
            }
        }
        (None, None) => {}
    }
    let mut seen: Vec<&str> = Vec::new();
    for section in chapter.sections().iter().filter(|s| !s.heading.is_empty()) {
        if seen
            .iter()
            .any(|h| h.eq_ignore_ascii_case(&section.heading))
        {
            problems.push((
                Some(section.start),
                format!("section '## {}' appears twice", section.heading),
            ));
        }
        seen.push(&section.heading);
    }
    problems
}

/// The longest lead paragraph of a guide chapter, in words.
pub const MAX_LEAD_WORDS: usize = 60;
/// How many situations "Read this when" lists.
pub const READ_WHEN_ITEMS: std::ops::RangeInclusive<usize> = 3..=5;
/// The most key points a guide chapter has.
pub const MAX_KEY_POINTS: usize = 7;

/// Format 2's rules for one of the book's chapters (`docs/chapter-format.md`):
/// a lead of at most 60 words, then the sections in their order, "Read this
/// when" with three to five situations (the Preface and the Conclusion may
/// leave it out), at most seven key points, and "When this backfires".
/// A reader's own chapters (no `book:`) are not bound by these.
fn guide_chapter(chapter: &Chapter, book_chapter: &str) -> Vec<(Option<usize>, String)> {
    const ORDER: [&str; 6] = [
        sections::ABOUT_PART,
        sections::READ_WHEN,
        sections::IDEA,
        sections::KEY_POINTS,
        sections::CHECKLIST,
        sections::BACKFIRES,
    ];
    let mut problems = Vec::new();
    let exempt = matches!(book_chapter, "Preface" | "Conclusion");
    let mut required = vec![sections::KEY_POINTS, sections::BACKFIRES];
    if !exempt {
        required.insert(0, sections::READ_WHEN);
    }
    for name in required {
        if chapter.section(name).is_none() {
            problems.push((None, format!("a book chapter needs a '## {name}' section")));
        }
    }
    let mut last = 0;
    for section in chapter.sections().iter().filter(|s| !s.heading.is_empty()) {
        match ORDER
            .iter()
            .position(|n| n.eq_ignore_ascii_case(&section.heading))
        {
            None => problems.push((
                Some(section.start),
                format!(
                    "'## {}' is not a section of a guide chapter; use {}",
                    section.heading,
                    ORDER.map(|n| format!("'{n}'")).join(", ")
                ),
            )),
            Some(at) if at < last => problems.push((
                Some(section.start),
                format!(
                    "'## {}' must come before '## {}'",
                    ORDER[last], section.heading
                ),
            )),
            Some(at) => last = at,
        }
    }
    if let Some(opening) = chapter.sections().first().filter(|s| s.heading.is_empty()) {
        let lead: Vec<&crate::chapter::Block> = opening
            .blocks
            .iter()
            .filter(|b| b.kind != BlockKind::Heading)
            .collect();
        let words: usize = lead.iter().map(|b| b.text.split_whitespace().count()).sum();
        if lead.len() != 1 || words > MAX_LEAD_WORDS {
            problems.push((
                Some(opening.start),
                format!(
                    "the lead is one paragraph of at most {MAX_LEAD_WORDS} words under the title (found {} blocks, {words} words)",
                    lead.len()
                ),
            ));
        }
    }
    if let Some(section) = chapter.section(sections::READ_WHEN) {
        let n = chapter.bullets(sections::READ_WHEN).len();
        if !READ_WHEN_ITEMS.contains(&n) {
            problems.push((
                Some(section.start),
                format!("'## Read this when' lists 3-5 situations as bullets (found {n})"),
            ));
        }
    }
    if let Some(section) = chapter.section(sections::KEY_POINTS) {
        let n = chapter.bullets(sections::KEY_POINTS).len();
        if n == 0 || n > MAX_KEY_POINTS {
            problems.push((
                Some(section.start),
                format!(
                    "'## Key points' has 1-{MAX_KEY_POINTS} bullets (found {n}); merge the rest"
                ),
            ));
        }
    }
    problems
}
