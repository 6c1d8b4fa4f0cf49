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

/// The content of a chapter already known to be valid (its front matter
/// parsed before): the body is split into sections again, nothing checked.
pub fn parse_content(source: &str) -> Content {
    let Ok(split) = crate::front_matter::split(source) else {
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
