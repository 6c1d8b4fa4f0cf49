//! Reading one chapter file: front matter split and strictly deserialised, the
//! body parsed with pulldown-cmark into sections and blocks, and every rule of
//! `docs/chapter-format.md` that concerns a single file checked.
//!
//! Every problem becomes a [`Diagnostic`] with the file's path, line and column.
//! Shared with `build.rs`, so it only depends on `chapter` and `contents`.

use crate::chapter::{
    Block, BlockKind, Chapter, Content, Diagnostic, FrontMatter, Origin, Section, sections,
};
use crate::contents;
use pulldown_cmark::{Event, HeadingLevel, Options, Parser, Tag, TagEnd};

/// Chapter files larger than this are refused before any parsing, so a hostile
/// file cannot make the YAML parser or the markdown parser work for long.
pub const MAX_FILE_BYTES: usize = 1024 * 1024;

/// Tags per chapter, inclusive.
pub const TAGS_MIN: usize = 3;
pub const TAGS_MAX: usize = 8;

/// The top-level keys of the front matter, for "did you mean" on unknown keys.
const KEYS: [&str; 11] = [
    "slug",
    "title",
    "part",
    "order",
    "book",
    "summary",
    "tags",
    "aliases",
    "related",
    "dangerous",
    "checklist",
];

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
    let split = split_front_matter(text).map_err(|(line, msg)| vec![at(line, 1, msg)])?;
    let yaml = &text[split.yaml_start..split.yaml_end];
    if yaml.trim().is_empty() {
        return Err(vec![at(1, 1, "front matter is empty; it needs at least slug, title, part, order, summary, tags and dangerous".to_string())]);
    }
    if let Some((line, column, message)) = yaml_limits(yaml) {
        return Err(vec![at(line + split.yaml_first_line - 1, column, message)]);
    }
    let meta: FrontMatter = serde_yaml::from_str(yaml).map_err(|e| {
        let (line, column, message) = describe_yaml_error(&e, yaml);
        vec![at(line + split.yaml_first_line - 1, column, message)]
    })?;

    let mut problems = Vec::new();
    let key_at = |keys: &[&str]| -> (usize, usize) {
        locate_key(yaml, keys).map_or((1, 1), |(l, c)| (l + split.yaml_first_line - 1, c))
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

struct FrontMatterSplit {
    yaml_start: usize,
    yaml_end: usize,
    /// File line of the first YAML line.
    yaml_first_line: usize,
    body_start: usize,
}

/// Finds the YAML between a first line `---` and the next line `---`.
fn split_front_matter(text: &str) -> Result<FrontMatterSplit, (usize, String)> {
    let mut offset = 0;
    let mut yaml_start = None;
    for line in text.split_inclusive('\n') {
        let bare = line.trim_end_matches(['\n', '\r']);
        match yaml_start {
            None => {
                if bare.trim_end() != "---" {
                    return Err((
                        1,
                        "no front matter: a chapter must start with a line '---', then YAML, then '---'"
                            .to_string(),
                    ));
                }
                yaml_start = Some(offset + line.len());
            }
            Some(start) => {
                if bare.trim_end() == "---" {
                    return Ok(FrontMatterSplit {
                        yaml_start: start,
                        yaml_end: offset,
                        yaml_first_line: 2,
                        body_start: offset + line.len(),
                    });
                }
            }
        }
        offset += line.len();
    }
    Err((
        1,
        "front matter is not closed: add a line '---' after the YAML".to_string(),
    ))
}

/// Most YAML alias references a front matter may use. Chapters never need
/// them; the limit stops "billion laughs" documents before any parsing.
pub const MAX_YAML_ALIASES: usize = 16;
/// Deepest nesting of YAML brackets or indentation levels allowed.
pub const MAX_YAML_DEPTH: usize = 32;

/// Checks a front matter's YAML for alias bombs and absurd nesting before it
/// is parsed (the parser would otherwise work through all of it first).
/// Returns (line, column, message) relative to the YAML text.
fn yaml_limits(yaml: &str) -> Option<(usize, usize, String)> {
    let mut aliases = 0;
    for (i, line) in yaml.lines().enumerate() {
        let indent = line.len() - line.trim_start().len();
        if indent / 2 > MAX_YAML_DEPTH {
            return Some((
                i + 1,
                1,
                format!("the front matter is nested more than {MAX_YAML_DEPTH} levels deep"),
            ));
        }
        let mut depth = 0usize;
        let mut quote: Option<char> = None;
        let mut previous = ' ';
        for (column, c) in line.char_indices() {
            match (quote, c) {
                (Some(q), c) if c == q => quote = None,
                (Some(_), _) => {}
                (None, '#') if previous.is_whitespace() => break,
                (None, '\'' | '"') => quote = Some(c),
                (None, '[' | '{') => {
                    depth += 1;
                    if depth > MAX_YAML_DEPTH {
                        return Some((
                            i + 1,
                            column + 1,
                            format!(
                                "the front matter nests brackets more than {MAX_YAML_DEPTH} deep"
                            ),
                        ));
                    }
                }
                (None, ']' | '}') => depth = depth.saturating_sub(1),
                (None, '*') if matches!(previous, ' ' | '[' | ',' | ':' | '{') => {
                    aliases += 1;
                    if aliases > MAX_YAML_ALIASES {
                        return Some((
                            i + 1,
                            column + 1,
                            format!(
                                "the front matter uses more than {MAX_YAML_ALIASES} YAML aliases (*name); write the values out instead"
                            ),
                        ));
                    }
                }
                _ => {}
            }
            previous = c;
        }
    }
    None
}

/// Turns a YAML error into (line, column, message) relative to the YAML text,
/// in our own words: quotes instead of backticks, a hint for unknown keys.
fn describe_yaml_error(e: &serde_yaml::Error, yaml: &str) -> (usize, usize, String) {
    // Messages carry " at line L column C" (relative to the YAML, not the
    // file); the location is reported in front of the message instead.
    let message = strip_locations(&e.to_string());
    let (mut line, mut column) = e.location().map_or((1, 1), |l| (l.line(), l.column()));
    let message = message.replace('`', "'");
    let message = if let Some(rest) = message_after(&message, "unknown field '") {
        let field = rest.split('\'').next().unwrap_or_default();
        let prefix = message.split("unknown field").next().unwrap_or_default();
        let expected: Vec<&str> = message
            .split("expected")
            .nth(1)
            .map(|list| list.split('\'').skip(1).step_by(2).collect())
            .unwrap_or_default();
        let hint = closest(field, &expected)
            .map(|s| format!(" (did you mean '{s}'?)"))
            .unwrap_or_else(|| {
                if expected.is_empty() {
                    String::new()
                } else {
                    format!("; the keys are: {}", expected.join(", "))
                }
            });
        format!("{prefix}unknown field '{field}'{hint}")
    } else if let Some(rest) = message_after(&message, "missing field '") {
        let field = rest.split('\'').next().unwrap_or_default();
        let prefix = message.split("missing field").next().unwrap_or_default();
        format!("{prefix}missing field '{field}': add '{field}:' to the front matter")
    } else if let Some(rest) = message_after(&message, "duplicate field '") {
        let field = rest.split('\'').next().unwrap_or_default();
        if let Some((l, c)) = nth_key_line(yaml, field, 2) {
            (line, column) = (l, c);
        }
        format!("duplicate field '{field}': each key may appear only once")
    } else if message.contains("repetition limit exceeded")
        || message.contains("recursion limit exceeded")
    {
        format!(
            "{message}: the front matter uses too many YAML aliases or too deep nesting; write the values out plainly"
        )
    } else {
        message
    };
    (line, column, message)
}

/// `message` without its " at line L column C" fragments.
fn strip_locations(message: &str) -> String {
    let mut out = String::with_capacity(message.len());
    let mut rest = message;
    while let Some(i) = rest.find(" at line ") {
        out.push_str(&rest[..i]);
        let after = &rest[i + " at line ".len()..];
        let digits = after.bytes().take_while(u8::is_ascii_digit).count();
        let tail = &after[digits..];
        match tail.strip_prefix(" column ") {
            Some(column) => {
                let digits = column.bytes().take_while(u8::is_ascii_digit).count();
                rest = &column[digits..];
            }
            None => {
                out.push_str(" at line ");
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

fn message_after<'a>(message: &'a str, needle: &str) -> Option<&'a str> {
    message.find(needle).map(|i| &message[i + needle.len()..])
}

/// The closest candidate to `word`, if close enough to suggest ([`crate::suggest`]).
pub fn closest<'a>(word: &str, candidates: &[&'a str]) -> Option<&'a str> {
    crate::suggest::closest(word, candidates.iter().copied(), 1)
        .first()
        .copied()
}

/// Line and column (1-based, in the YAML text) of a key path such as `["book", "page"]`.
fn locate_key(yaml: &str, keys: &[&str]) -> Option<(usize, usize)> {
    let mut want = keys.iter();
    let mut key = want.next()?;
    let mut indent_above: Option<usize> = None;
    for (i, line) in yaml.lines().enumerate() {
        let trimmed = line.trim_start();
        let indent = line.len() - trimmed.len();
        if trimmed.is_empty() || trimmed.starts_with('#') {
            continue;
        }
        if let Some(above) = indent_above {
            if indent <= above {
                return None;
            }
        }
        if trimmed.starts_with(&format!("{key}:")) {
            match want.next() {
                None => return Some((i + 1, indent + 1)),
                Some(next) => {
                    key = next;
                    indent_above = Some(indent);
                }
            }
        }
    }
    None
}

/// Line and column of the `n`th top-level occurrence of `key:`.
fn nth_key_line(yaml: &str, key: &str, n: usize) -> Option<(usize, usize)> {
    yaml.lines()
        .enumerate()
        .filter(|(_, l)| l.starts_with(&format!("{key}:")))
        .nth(n - 1)
        .map(|(i, _)| (i + 1, 1))
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
    KEYS.iter().find(|k| **k == key).copied().unwrap_or("slug")
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

/// Byte offset to (line, column), both 1-based; columns count characters.
pub struct LineIndex<'a> {
    text: &'a str,
    starts: Vec<usize>,
}

impl<'a> LineIndex<'a> {
    pub fn new(text: &'a str) -> Self {
        let mut starts = vec![0];
        starts.extend(text.match_indices('\n').map(|(i, _)| i + 1));
        LineIndex { text, starts }
    }

    pub fn position(&self, offset: usize) -> (usize, usize) {
        let line = self.starts.partition_point(|&s| s <= offset).max(1);
        let start = self.starts[line - 1];
        let column = self
            .text
            .get(start..offset.min(self.text.len()))
            .map_or(1, |s| s.chars().count() + 1);
        (line, column)
    }
}

/// One open list item while walking the markdown events.
struct ItemFrame {
    block: usize,
    depth: u8,
    /// Where the item's own content ends (a nested list starts), if it has one.
    own_end: Option<usize>,
    start: usize,
    text: String,
}

/// Splits a body into sections at `##` headings, collecting each section's
/// blocks with plain text and markdown. Returns structural problems found on the way.
fn parse_body(
    text: &str,
    body_start: usize,
    lines: &LineIndex,
) -> (Vec<Section>, Vec<(usize, String)>) {
    let body = &text[body_start..];
    let mut problems = Vec::new();
    let mut sections = vec![Section {
        heading: String::new(),
        line: lines.position(body_start).0,
        start: body_start,
        end: text.len(),
        blocks: Vec::new(),
    }];
    let options =
        Options::ENABLE_TASKLISTS | Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH;
    // Text goes to the innermost open thing: a heading, else a list item, else a block.
    let mut heading: Option<(usize, String)> = None;
    let mut items: Vec<ItemFrame> = Vec::new();
    let mut block: Option<(usize, String)> = None;
    let mut list_depth = 0u8;
    for (event, range) in Parser::new_ext(body, options).into_offset_iter() {
        let start = body_start + range.start;
        let end = body_start + range.end;
        match event {
            Event::Start(Tag::Heading { .. }) => heading = Some((start, String::new())),
            Event::End(TagEnd::Heading(level)) => {
                let (at, own) = heading.take().unwrap_or((start, String::new()));
                let own = squash(&own);
                if level == HeadingLevel::H2 {
                    if let Some(last) = sections.last_mut() {
                        last.end = at;
                    }
                    sections.push(Section {
                        heading: own,
                        line: lines.position(at).0,
                        start: at,
                        end: text.len(),
                        blocks: Vec::new(),
                    });
                } else {
                    if level == HeadingLevel::H1
                        && (sections.len() > 1 || !sections[0].blocks.is_empty())
                    {
                        problems.push((
                            at,
                            "only the first heading may be a '# Title'; use '##' for sections"
                                .to_string(),
                        ));
                    }
                    let markdown = squash(text[at..end].trim().trim_start_matches('#'));
                    push_block(
                        &mut sections,
                        Block {
                            kind: BlockKind::Heading,
                            text: own,
                            markdown,
                            line: lines.position(at).0,
                        },
                    );
                }
            }
            Event::Start(Tag::List(_)) => {
                if let Some(frame) = items.last_mut() {
                    frame.own_end.get_or_insert(start);
                }
                list_depth = list_depth.saturating_add(1);
            }
            Event::End(TagEnd::List(_)) => list_depth = list_depth.saturating_sub(1),
            Event::Start(Tag::Item) => {
                let depth = list_depth.saturating_sub(1);
                let index = push_block(
                    &mut sections,
                    Block {
                        kind: BlockKind::Item { depth },
                        text: String::new(),
                        markdown: String::new(),
                        line: lines.position(start).0,
                    },
                );
                items.push(ItemFrame {
                    block: index,
                    depth,
                    own_end: None,
                    start,
                    text: String::new(),
                });
            }
            Event::TaskListMarker(done) => {
                if let Some(frame) = items.last() {
                    if let Some(b) = sections
                        .last_mut()
                        .and_then(|s| s.blocks.get_mut(frame.block))
                    {
                        b.kind = BlockKind::Task {
                            depth: frame.depth,
                            done,
                        };
                    }
                }
            }
            Event::End(TagEnd::Item) => {
                if let Some(frame) = items.pop() {
                    let own_end = frame.own_end.unwrap_or(end).min(end);
                    if let Some(b) = sections
                        .last_mut()
                        .and_then(|s| s.blocks.get_mut(frame.block))
                    {
                        b.text = squash(&frame.text);
                        b.markdown = squash(strip_list_marker(&text[frame.start..own_end]));
                    }
                }
            }
            Event::Start(Tag::Paragraph) | Event::Start(Tag::CodeBlock(_)) => {
                if let Some(frame) = items.last_mut() {
                    if !frame.text.is_empty() {
                        frame.text.push(' ');
                    }
                } else {
                    block = Some((start, String::new()));
                }
            }
            Event::End(TagEnd::Paragraph) if items.is_empty() => {
                if let Some((at, own)) = block.take() {
                    let markdown = squash(&text[at..end]);
                    push_block(
                        &mut sections,
                        Block {
                            kind: BlockKind::Paragraph,
                            text: squash(&own),
                            markdown,
                            line: lines.position(at).0,
                        },
                    );
                }
            }
            Event::End(TagEnd::CodeBlock) if items.is_empty() => {
                if let Some((at, own)) = block.take() {
                    let markdown = text[at..end].to_string();
                    push_block(
                        &mut sections,
                        Block {
                            kind: BlockKind::Code,
                            text: own.trim_end().to_string(),
                            markdown,
                            line: lines.position(at).0,
                        },
                    );
                }
            }
            Event::Text(t)
            | Event::Code(t)
            | Event::InlineMath(t)
            | Event::DisplayMath(t)
            | Event::Html(t)
            | Event::InlineHtml(t) => {
                if let Some((_, h)) = heading.as_mut() {
                    h.push_str(&t);
                } else if let Some(frame) = items.last_mut() {
                    frame.text.push_str(&t);
                } else if let Some((_, b)) = block.as_mut() {
                    b.push_str(&t);
                }
            }
            Event::SoftBreak | Event::HardBreak => {
                if let Some((_, h)) = heading.as_mut() {
                    h.push(' ');
                } else if let Some(frame) = items.last_mut() {
                    frame.text.push(' ');
                } else if let Some((_, b)) = block.as_mut() {
                    b.push(' ');
                }
            }
            _ => {}
        }
    }
    (sections, problems)
}

fn push_block(sections: &mut [Section], block: Block) -> usize {
    match sections.last_mut() {
        Some(section) => {
            section.blocks.push(block);
            section.blocks.len() - 1
        }
        None => 0,
    }
}

/// Removes a list item's marker (`- `, `* `, `+ `, `1. `) and task box (`[ ] `).
fn strip_list_marker(item: &str) -> &str {
    let s = item.trim_start();
    let s = if let Some(rest) = s.strip_prefix(['-', '*', '+']) {
        rest
    } else {
        let digits = s.bytes().take_while(u8::is_ascii_digit).count();
        if digits > 0 {
            s[digits..].strip_prefix(['.', ')']).unwrap_or(s)
        } else {
            s
        }
    };
    let s = s.trim_start();
    for box_ in ["[ ]", "[x]", "[X]"] {
        if let Some(rest) = s.strip_prefix(box_) {
            return rest.trim_start();
        }
    }
    s
}

/// Collapses runs of whitespace (including line breaks) into single spaces.
pub fn squash(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for word in s.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    out
}

/// Line and column in a chapter file of a front-matter key path such as
/// `["checklist", "name"]`; the opening `---` if it cannot be found.
pub fn key_position(source: &str, keys: &[&str]) -> (usize, usize) {
    match split_front_matter(source) {
        Ok(split) => locate_key(&source[split.yaml_start..split.yaml_end], keys)
            .map_or((1, 1), |(l, c)| (l + split.yaml_first_line - 1, c)),
        Err(_) => (1, 1),
    }
}

/// The content of a chapter already known to be valid (its front matter
/// parsed before): the body is split into sections again, nothing checked.
pub fn parse_content(source: &str) -> Content {
    let Ok(split) = split_front_matter(source) else {
        return Content {
            source: source.to_string(),
            body_start: source.len(),
            sections: Vec::new(),
        };
    };
    let lines = LineIndex::new(source);
    let (sections, _) = parse_body(source, split.body_start, &lines);
    Content {
        source: source.to_string(),
        body_start: split.body_start,
        sections,
    }
}
