//! Reading one chapter file: its bytes checked (size, UTF-8), the front matter
//! read ([`crate::front_matter`]), the body parsed ([`crate::body`]), and every
//! rule of `docs/chapter-format.md` that concerns a single file checked.
//!
//! Every problem becomes a [`Diagnostic`] with the file's path, line and column.
//! Shared with `build.rs`, so it only depends on `chapter` and `contents`.

use crate::chapter::{BlockKind, Chapter, Content, Diagnostic, FrontMatter, Origin, sections};
use crate::contents;
use crate::front_matter;

/// Chapter files larger than this are refused before any parsing, so a hostile
/// file cannot make the YAML parser or the markdown parser work for long.
pub const MAX_FILE_BYTES: usize = 1024 * 1024;

/// The fewest tags a chapter may have.
pub const TAGS_MIN: usize = 3;
/// The most tags a chapter may have.
pub const TAGS_MAX: usize = 8;

/// The closest candidate to `word`, if close enough to suggest ([`crate::suggest`]).
pub fn closest<'a>(word: &str, candidates: &[&'a str]) -> Option<&'a str> {
    crate::suggest::closest(word, candidates.iter().copied(), 1)
        .first()
        .copied()
}

/// Parses and checks one chapter file. `path` is only used in diagnostics.
///
/// Returns every problem found, not just the first, as long as the front
/// matter could be read at all.
pub fn parse_chapter(path: &str, bytes: &[u8], origin: Origin) -> Result<Chapter, Vec<Diagnostic>> {
    let at = |line: usize, column: usize, message: String| Diagnostic {
        path: path.to_string(),
        line,
        column,
        message,
    };
    if bytes.len() > MAX_FILE_BYTES {
        return Err(vec![at(
            1,
            1,
            format!(
                "file is {} bytes; a chapter may be at most 1 MiB ({MAX_FILE_BYTES} bytes)",
                bytes.len()
            ),
        )]);
    }
    let text = match std::str::from_utf8(bytes) {
        Ok(text) => text,
        Err(e) => {
            let good = &bytes[..e.valid_up_to()];
            let line = good.iter().filter(|&&b| b == b'\n').count() + 1;
            let line_start = good.iter().rposition(|&b| b == b'\n').map_or(0, |i| i + 1);
            let column = String::from_utf8_lossy(&good[line_start..]).chars().count() + 1;
            return Err(vec![at(
                line,
                column,
                "file is not valid UTF-8; save it as UTF-8".to_string(),
            )]);
        }
    };
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    if text.trim().is_empty() {
        return Err(vec![at(
            1,
            1,
            "file is empty; a chapter starts with '---', YAML front matter, '---', then markdown"
                .to_string(),
        )]);
    }
    let lines = LineIndex::new(text);
    let split = front_matter::split(text).map_err(|(line, msg)| vec![at(line, 1, msg)])?;
    let yaml = &text[split.yaml_start..split.yaml_end];
    if yaml.trim().is_empty() {
        return Err(vec![at(1, 1, "front matter is empty; it needs at least slug, title, part, order, summary, tags and dangerous".to_string())]);
    }
    let meta: FrontMatter = front_matter::read(yaml).map_err(|problems| {
        let mut found: Vec<Diagnostic> = problems
            .into_iter()
            .map(|(line, column, message)| at(line + split.yaml_first_line - 1, column, message))
            .collect();
        found.sort_by_key(|d| (d.line, d.column));
        found
    })?;

    let mut problems = Vec::new();
    let key_at = |keys: &[&str]| -> (usize, usize) {
        front_matter::locate_key(yaml, keys)
            .map_or((1, 1), |(l, c)| (l + split.yaml_first_line - 1, c))
    };
    for (keys, message) in check_front_matter(&meta) {
        let (line, column) = key_at(&keys);
        problems.push(at(line, column, message));
    }

    let body_start = split.body_start;
    let (sections, body_problems) = parse_body(text, body_start, &lines);
    for (offset, message) in body_problems {
        let (line, column) = lines.position(offset);
        problems.push(at(line, column, message));
    }
    let content = Content {
        source: text.to_string(),
        body_start,
        sections,
    };
    let chapter = Chapter::new(meta, origin, path.to_string(), content);
    for (offset, message) in check_body(&chapter) {
        let (line, column) = match offset {
            Some(offset) => lines.position(offset),
            None => (lines.position(body_start).0, 1),
        };
        problems.push(at(line, column, message));
    }
    if problems.is_empty() {
        Ok(chapter)
    } else {
        problems.sort_by_key(|d| (d.line, d.column));
        Err(problems)
    }
}

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
fn check_front_matter(meta: &FrontMatter) -> Vec<(Vec<&'static str>, String)> {
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
                let hint = closest(&book.chapter, &titles)
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
    front_matter::KEYS
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

/// Rules on the body's structure. Offsets are into the chapter's source; `None`
/// means "the body as a whole".
fn check_body(chapter: &Chapter) -> Vec<(Option<usize>, String)> {
    let mut problems = Vec::new();
    let opening = chapter.sections().first();
    let title_block = opening.and_then(|s| s.blocks.first());
    match title_block {
        Some(block)
            if block.kind == BlockKind::Heading
                && chapter.body().trim_start().starts_with("# ") =>
        {
            if block.text.trim() != chapter.meta.title.trim() {
                problems.push((
                    opening.map(|s| s.start),
                    format!(
                        "the body's heading '# {}' does not match the title '{}'",
                        block.text.trim(),
                        chapter.meta.title
                    ),
                ));
            }
        }
        _ => problems.push((
            None,
            format!(
                "the body must start with the heading '# {}'",
                chapter.meta.title
            ),
        )),
    }
    if let Some(book) = &chapter.meta.book {
        problems.extend(check_guide_chapter(chapter, &book.chapter));
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
fn check_guide_chapter(chapter: &Chapter, book_chapter: &str) -> Vec<(Option<usize>, String)> {
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

use crate::body::parse_body;
pub use crate::body::{LineIndex, parse_content, squash};
