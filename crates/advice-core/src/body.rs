//! A chapter's markdown body, parsed once with pulldown-cmark into sections
//! (split at `##` headings) and their blocks (paragraphs, items, task items,
//! code), each with its plain text, its own markdown and its line. Search,
//! JSON and the renderer all work from these blocks.

use crate::chapter::{Block, BlockKind, Content, Section};
use pulldown_cmark::{Event, HeadingLevel, Options, Parser, Tag, TagEnd};

/// Byte offset to (line, column), both 1-based; columns count characters.
pub struct LineIndex<'a> {
    text: &'a str,
    starts: Vec<usize>,
}

impl<'a> LineIndex<'a> {
    /// An index of where each line of `text` starts.
    pub fn new(text: &'a str) -> Self {
        let mut starts = vec![0];
        starts.extend(text.match_indices('\n').map(|(i, _)| i + 1));
        LineIndex { text, starts }
    }

    /// (line, column) of a byte offset.
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
pub(crate) fn parse_body(
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
    // The next number of each open list (None for bullets).
    let mut numbers: Vec<Option<u64>> = Vec::new();
    let mut table: Option<(usize, String)> = None;
    // Inside an HTML block: its text is markup, never content.
    let mut in_html = false;
    for (event, range) in Parser::new_ext(body, options).into_offset_iter() {
        let start = body_start + range.start;
        let end = body_start + range.end;
        match event {
            Event::Start(Tag::HtmlBlock) => in_html = true,
            Event::End(TagEnd::HtmlBlock) => in_html = false,
            Event::Html(_) | Event::InlineHtml(_) => {}
            _ if in_html => {}
            Event::Start(Tag::Table(_)) => table = Some((start, String::new())),
            Event::End(TagEnd::Table) => {
                if let Some((at, own)) = table.take() {
                    push_block(
                        &mut sections,
                        Block {
                            kind: BlockKind::Table,
                            text: squash(&clean_text(&own)),
                            markdown: text[at..end]
                                .lines()
                                .map(table_row)
                                .collect::<Vec<_>>()
                                .join("\n"),
                            line: lines.position(at).0,
                        },
                    );
                }
            }
            Event::End(TagEnd::TableCell) => {
                if let Some((_, t)) = table.as_mut() {
                    t.push(' ');
                }
            }
            Event::Text(t) | Event::Code(t) if table.is_some() => {
                if let Some((_, own)) = table.as_mut() {
                    own.push_str(&t);
                }
            }
            Event::Start(Tag::Heading { .. }) => heading = Some((start, String::new())),
            Event::End(TagEnd::Heading(level)) => {
                let (at, own) = heading.take().unwrap_or((start, String::new()));
                let own = squash(&clean_text(&own));
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
                    let markdown =
                        display_markdown(&squash(strip_heading_marks(text[at..end].trim())));
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
            Event::Start(Tag::List(first)) => {
                if let Some(frame) = items.last_mut() {
                    frame.own_end.get_or_insert(start);
                }
                list_depth = list_depth.saturating_add(1);
                numbers.push(first);
            }
            Event::End(TagEnd::List(_)) => {
                list_depth = list_depth.saturating_sub(1);
                numbers.pop();
            }
            Event::Start(Tag::Item) => {
                let depth = list_depth.saturating_sub(1);
                let kind = match numbers.last_mut() {
                    Some(Some(number)) => {
                        let kind = BlockKind::Numbered {
                            depth,
                            number: *number,
                        };
                        *number = number.saturating_add(1);
                        kind
                    }
                    _ => BlockKind::Item { depth },
                };
                let index = push_block(
                    &mut sections,
                    Block {
                        kind,
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
                        b.text = squash(&clean_text(&frame.text));
                        b.markdown = display_markdown(&squash(strip_list_marker(
                            &text[frame.start..own_end],
                        )));
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
                    let markdown = display_markdown(&squash(&text[at..end]));
                    let own = squash(&clean_text(&own));
                    // A paragraph of nothing but template tags shows nothing.
                    if !own.is_empty() || !markdown.trim().is_empty() {
                        push_block(
                            &mut sections,
                            Block {
                                kind: BlockKind::Paragraph,
                                text: own,
                                markdown,
                                line: lines.position(at).0,
                            },
                        );
                    }
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
            Event::Text(t) | Event::Code(t) | Event::InlineMath(t) | Event::DisplayMath(t) => {
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

/// A heading's text without its `#` marks (ATX) or underline (setext).
fn strip_heading_marks(heading: &str) -> &str {
    let first = heading.lines().next().unwrap_or_default();
    if first.starts_with('#') {
        first.trim_start_matches('#').trim_end_matches('#').trim()
    } else {
        first.trim()
    }
}

/// Template syntax of static-site generators, which means nothing in a
/// terminal: Liquid tags and output (`{% ... %}`, `{{ ... }}`) and kramdown
/// attribute lists (`{: .class}`, `{#id}`, `{.class}`). Returns the ranges to drop.
fn template_spans(text: &str) -> Vec<(usize, usize)> {
    let bytes = text.as_bytes();
    let mut spans = Vec::new();
    let mut i = 0;
    while i + 1 < bytes.len() {
        if bytes[i] == b'{' {
            let close: Option<&str> = match bytes[i + 1] {
                b'%' => Some("%}"),
                b'{' => Some("}}"),
                b':' | b'#' | b'.' => Some("}"),
                _ => None,
            };
            if let Some(close) = close {
                if let Some(found) = text[i + 2..].find(close) {
                    let end = i + 2 + found + close.len();
                    // An attribute list is short and on one line; a stray `{#`
                    // in prose is left alone.
                    if close != "}" || (found < 80 && !text[i..end].contains('\n')) {
                        spans.push((i, end));
                        i = end;
                        continue;
                    }
                }
            }
        }
        i += 1;
    }
    spans
}

/// Plain text without template syntax (for search, snippets and JSON).
pub fn clean_text(text: &str) -> String {
    let spans = template_spans(text);
    if spans.is_empty() {
        return text.to_string();
    }
    let mut out = String::with_capacity(text.len());
    let mut at = 0;
    for (start, end) in spans {
        out.push_str(&text[at..start]);
        at = end;
    }
    out.push_str(&text[at..]);
    out
}

/// A block's markdown made fit for a terminal: template syntax and HTML
/// (tags and comments) dropped, an image shown as `[image: alt]`, and a
/// link as its text followed by its address in `~~...~~`, which the
/// renderer's skin shows dimmed (not struck through); a link whose address
/// was only template syntax keeps its text. Code spans are left as written.
pub fn display_markdown(markdown: &str) -> String {
    if !markdown.contains(['{', '<', '[', '!']) {
        return markdown.to_string();
    }
    let cleaned = clean_text(markdown);
    let mut out = String::with_capacity(cleaned.len());
    let mut rest = cleaned.as_str();
    while let Some(c) = rest.chars().next() {
        // Code spans pass through untouched.
        if c == '`' {
            let ticks = rest.len() - rest.trim_start_matches('`').len();
            let fence = &rest[..ticks];
            if let Some(end) = rest[ticks..].find(fence) {
                let end = ticks + end + ticks;
                out.push_str(&rest[..end]);
                rest = &rest[end..];
                continue;
            }
        }
        if rest.starts_with("<!--") {
            let end = rest.find("-->").map_or(rest.len(), |e| e + 3);
            rest = &rest[end..];
            continue;
        }
        if c == '<' {
            // An autolink keeps its address; any other tag goes.
            if let Some(end) = rest.find('>') {
                let inner = &rest[1..end];
                if inner.starts_with("http://")
                    || inner.starts_with("https://")
                    || inner.starts_with("mailto:")
                {
                    out.push_str(&format!("~~{inner}~~"));
                    rest = &rest[end + 1..];
                    continue;
                }
                let tag = inner.trim_start_matches('/');
                if tag.starts_with(|c: char| c.is_ascii_alphabetic()) && !inner.contains('\n') {
                    if tag.starts_with("br") {
                        out.push(' ');
                    }
                    rest = &rest[end + 1..];
                    continue;
                }
            }
        }
        let image = rest.starts_with("![");
        if image || c == '[' {
            if let Some((label, target, used)) = link_at(&rest[usize::from(image)..]) {
                if image {
                    out.push_str(&format!("[image: {}]", label.trim()));
                } else {
                    out.push_str(label);
                    let target = target.trim();
                    let bare = target.strip_prefix("mailto:").unwrap_or(target);
                    let redundant =
                        label.trim().trim_matches('`') == bare || label.trim() == target;
                    if !redundant
                        && (target.starts_with("http://")
                            || target.starts_with("https://")
                            || target.starts_with("mailto:"))
                    {
                        out.push_str(&format!(" ~~{target}~~"));
                    }
                }
                rest = &rest[usize::from(image) + used..];
                continue;
            }
        }
        out.push(c);
        rest = &rest[c.len_utf8()..];
    }
    squash(&out)
}

/// A table row made fit for a terminal: cells as [`display_markdown`]
/// makes them, but links keep only their text (a cell has no room for an
/// address), and a separator row written as `|:-|-:|`, the form the
/// renderer knows, whatever spaces and dashes it was written with.
fn table_row(row: &str) -> String {
    let row = row.trim();
    let cells: Vec<&str> = row.trim_matches('|').split('|').collect();
    let separator = !cells.is_empty()
        && cells.iter().all(|c| {
            let c = c.trim();
            !c.is_empty() && c.chars().all(|ch| matches!(ch, '-' | ':')) && c.contains('-')
        });
    if separator {
        let marks: Vec<String> = cells
            .iter()
            .map(|c| {
                let c = c.trim();
                match (c.starts_with(':'), c.ends_with(':')) {
                    (true, true) => ":-:".to_string(),
                    (true, false) => ":-".to_string(),
                    (false, true) => "-:".to_string(),
                    (false, false) => "-".to_string(),
                }
            })
            .collect();
        return format!("|{}|", marks.join("|"));
    }
    let shown: Vec<String> = cells
        .iter()
        .map(|c| {
            let cell = display_markdown(c.trim());
            // Drop the ~~address~~ a link left: the text is enough here.
            let mut out = String::new();
            let mut rest = cell.as_str();
            while let Some(start) = rest.find(" ~~") {
                let Some(end) = rest[start + 3..].find("~~") else {
                    break;
                };
                out.push_str(&rest[..start]);
                rest = &rest[start + 3 + end + 2..];
            }
            out.push_str(rest);
            out
        })
        .collect();
    format!("|{}|", shown.join("|"))
}

/// A link `[label](target)` or `[label][ref]` at the start of `text`:
/// (label, target, bytes used). The target of a reference link is empty.
fn link_at(text: &str) -> Option<(&str, &str, usize)> {
    let mut depth = 0usize;
    let mut close = None;
    for (i, c) in text.char_indices() {
        match c {
            '[' => depth += 1,
            ']' => {
                depth = depth.saturating_sub(1);
                if depth == 0 {
                    close = Some(i);
                    break;
                }
            }
            '\n' => return None,
            _ => {}
        }
    }
    let close = close?;
    let label = &text[1..close];
    let after = &text[close + 1..];
    if let Some(inner) = after.strip_prefix('(') {
        let end = inner.find(')')?;
        let target = inner[..end].split_whitespace().next().unwrap_or_default();
        return Some((label, target, close + 2 + end + 1));
    }
    if let Some(inner) = after.strip_prefix('[') {
        let end = inner.find(']')?;
        return Some((label, "", close + 2 + end + 1));
    }
    None
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

/// The content of a chapter already known to be valid (its front matter
/// parsed before): the body is split into sections again, nothing checked.
pub fn parse_content(source: &str) -> Content {
    // A file without front matter (any markdown) is all body.
    let body_start = crate::front_matter::split(source).map_or(0, |split| split.body_start);
    let lines = LineIndex::new(source);
    let (sections, _) = parse_body(source, body_start, &lines);
    Content {
        source: source.to_string(),
        body_start,
        sections,
    }
}
