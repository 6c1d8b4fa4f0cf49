//! Reading one chapter file: its bytes checked (size, UTF-8), the front matter
//! read ([`crate::front_matter`]), the body parsed ([`crate::body`]), and the
//! rules of `docs/chapter-format.md` that concern a single file checked
//! ([`crate::validate::front_matter`], [`crate::validate::body`]).
//!
//! Every problem becomes a [`Diagnostic`] with the file's path, line and column.
//! Shared with `build.rs`, so it only depends on `chapter` and `contents`.

use crate::chapter::{Chapter, Content, Diagnostic, FrontMatter, Origin};
use crate::{front_matter, validate};

/// Chapter files larger than this are refused before any parsing, so a hostile
/// file cannot make the YAML parser or the markdown parser work for long.
pub const MAX_FILE_BYTES: usize = 1024 * 1024;

/// Parses and checks one chapter file in advice's format. `path` is only
/// used in diagnostics.
///
/// Returns every problem found, not just the first, as long as the front
/// matter could be read at all.
pub fn parse_chapter(path: &str, bytes: &[u8], origin: Origin) -> Result<Chapter, Vec<Diagnostic>> {
    parse_file(path, None, bytes, origin)
}

/// Parses one file of a reader's folder, found at `place`: strictly when
/// it declares advice's format (see [`crate::document`]), else as any
/// markdown. Without a place, every file is held to advice's format.
pub fn parse_file(
    path: &str,
    place: Option<&crate::document::Place>,
    bytes: &[u8],
    origin: Origin,
) -> Result<Chapter, Vec<Diagnostic>> {
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
    if let Some(place) = place {
        let front = front_matter::split(text).ok();
        let yaml = front
            .as_ref()
            .map(|s| &text[s.yaml_start..s.yaml_end])
            .filter(|yaml| crate::document::declares_advice_format(yaml));
        if yaml.is_none() {
            let front = front.as_ref().map(|s| {
                (
                    &text[s.yaml_start..s.yaml_end],
                    s.yaml_first_line,
                    s.body_start,
                )
            });
            return crate::document::parse_markdown(path, place, text, front, origin);
        }
    }
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
    for (keys, message) in validate::front_matter(&meta) {
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
    for (offset, message) in validate::body(&chapter) {
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

use crate::body::parse_body;
pub use crate::body::{LineIndex, parse_content, squash};
