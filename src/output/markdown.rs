//! A chapter's parsed blocks rendered for the terminal, at a given width.
//!
//! The body was parsed once (`advice_core::body`) into sections and blocks;
//! this lays those blocks out (headings, paragraphs, bullets, task boxes,
//! code) and hands each block's own markdown to termimad only for inline
//! styling and wrapping. termimad's default skin always emits escape
//! codes, so colour off means `MadSkin::no_style()`. Control characters
//! from the chapter are made visible before termimad sees them (see
//! [`crate::sanitize`]).

use crate::chapter::{Block, BlockKind, Section};
use crate::sanitize;
use termimad::crossterm::style::{Attribute, Color};
use termimad::{Alignment, MadSkin, StyledChar};

/// One thing to lay out: a section heading, or a parsed block.
#[derive(Debug, Clone, Copy)]
pub enum Piece<'a> {
    Heading(&'a str),
    Block(&'a Block),
}

/// The pieces of a chapter's sections, its `# Title` left out (the page
/// header shows the title).
pub fn pieces(sections: &[Section]) -> Vec<Piece<'_>> {
    let mut out = Vec::new();
    for section in sections {
        if !section.heading.is_empty() {
            out.push(Piece::Heading(&section.heading));
        }
        for (i, block) in section.blocks.iter().enumerate() {
            let title = section.heading.is_empty() && i == 0 && block.kind == BlockKind::Heading;
            if !title {
                out.push(Piece::Block(block));
            }
        }
    }
    out
}

/// Renders pieces at `width` columns, coloured or plain. Paragraphs are
/// separated by a blank line, list items are not; a heading follows a
/// blank line. Code is printed as it is, never wrapped; any other block is
/// wrapped at the width, except a word longer than a line, which is kept
/// whole rather than cut.
pub fn render(pieces: &[Piece], width: usize, colour: bool) -> String {
    let plain = skin(colour);
    let mut tasks = skin(colour);
    tasks.bullet = StyledChar::new(*tasks.bullet.compound_style(), '\u{2610}');
    // A nested bullet gets its own glyph, so its level shows without colour.
    let mut nested = skin(colour);
    nested.bullet = StyledChar::new(*nested.bullet.compound_style(), '\u{25e6}');
    let mut out = String::new();
    let mut previous: Option<&Piece> = None;
    for piece in pieces {
        let listed = |p: Option<&Piece>| matches!(p, Some(Piece::Block(b)) if matches!(b.kind, BlockKind::Item { .. } | BlockKind::Task { .. } | BlockKind::Numbered { .. }));
        let after_heading = matches!(previous, Some(Piece::Heading(_)));
        let keep_together = after_heading || (listed(previous) && listed(Some(piece)));
        if previous.is_some() && !keep_together {
            out.push('\n');
        }
        let (skin, markdown) = match piece {
            Piece::Heading(text) => (&plain, format!("## {}", sanitize::visible(text))),
            Piece::Block(block) => {
                let text = sanitize::visible(&block.markdown);
                match block.kind {
                    BlockKind::Heading => (&plain, format!("### {text}")),
                    BlockKind::Paragraph => (&plain, text.into_owned()),
                    BlockKind::Item { depth } => (
                        if depth == 0 { &plain } else { &nested },
                        format!("{}- {text}", "  ".repeat(usize::from(depth))),
                    ),
                    BlockKind::Task { depth, done } => {
                        let mark = if done { "\u{2611} " } else { "" };
                        (
                            &tasks,
                            format!("{}- {mark}{text}", "  ".repeat(usize::from(depth))),
                        )
                    }
                    BlockKind::Numbered { depth, number } => {
                        // "12. " then the text wrapped under itself.
                        let indent = "  ".repeat(usize::from(depth));
                        let mark = format!("{indent}{number}. ");
                        let room = width.saturating_sub(mark.len()).max(10);
                        let (hidden, long_words) = hide_long_words(&text, room);
                        let mut fitted = plain.text(&hidden, Some(room)).to_string();
                        for (placeholder, word) in &long_words {
                            fitted = fitted.replacen(placeholder.as_str(), word, 1);
                        }
                        for (n, line) in fitted.lines().enumerate() {
                            if n == 0 {
                                out.push_str(&mark);
                            } else {
                                out.push_str(&" ".repeat(mark.len()));
                            }
                            out.push_str(line.trim_end());
                            out.push('\n');
                        }
                        previous = Some(piece);
                        continue;
                    }
                    BlockKind::Table => (&plain, text.into_owned()),
                    BlockKind::Code => {
                        for line in text.lines() {
                            let line = format!("    {}", line.trim_end());
                            out.push_str(&if colour {
                                format!("\x1b[32m{line}\x1b[0m")
                            } else {
                                line
                            });
                            out.push('\n');
                        }
                        previous = Some(piece);
                        continue;
                    }
                }
            }
        };
        let (hidden, long_words) = hide_long_words(&markdown, width);
        let mut fitted = skin.text(&hidden, Some(width)).to_string();
        for (placeholder, word) in &long_words {
            fitted = fitted.replacen(placeholder.as_str(), word, 1);
        }
        for line in fitted.lines() {
            out.push_str(line.trim_end());
            out.push('\n');
        }
        previous = Some(piece);
    }
    out
}

/// Replaces words too long for a line with placeholders that fit, so
/// termimad wraps around them instead of cutting them; the words go back in
/// after rendering (their line runs past the width, the only way to keep a
/// word whole). Placeholders are private-use characters, which markdown ignores.
fn hide_long_words(chunk: &str, width: usize) -> (String, Vec<(String, String)>) {
    let room = width.saturating_sub(6).max(4);
    let mut words = Vec::new();
    let mut out = String::with_capacity(chunk.len());
    for line in chunk.split_inclusive('\n') {
        let mut rest = line;
        while !rest.is_empty() {
            let space = rest
                .find(|c: char| !c.is_whitespace())
                .unwrap_or(rest.len());
            out.push_str(&rest[..space]);
            rest = &rest[space..];
            let end = rest.find(char::is_whitespace).unwrap_or(rest.len());
            let word = &rest[..end];
            // A run with wide (CJK) characters may break anywhere; termimad wraps it.
            let wide = word
                .chars()
                .any(|c| unicode_width::UnicodeWidthChar::width(c) == Some(2));
            if !wide && super::render::cols(word) > room {
                // A link's address keeps its ~~ marks outside the
                // placeholder, so it is still styled as one.
                let (before, inner, after) = match word
                    .strip_prefix("~~")
                    .and_then(|rest| rest.rfind("~~").map(|j| (rest, j)))
                {
                    Some((rest, j)) if j > 0 => ("~~", &rest[..j], &rest[j..]),
                    _ => ("", word, ""),
                };
                let tag =
                    char::from_u32(0xE100 + words.len() as u32 % 0x1000).unwrap_or('\u{E100}');
                let placeholder: String = std::iter::once(tag)
                    .chain(std::iter::repeat_n(
                        '\u{E000}',
                        room.saturating_sub(1 + before.len() + after.len()).max(1),
                    ))
                    .collect();
                out.push_str(before);
                out.push_str(&placeholder);
                out.push_str(after);
                words.push((placeholder, inner.to_string()));
            } else {
                out.push_str(word);
            }
            rest = &rest[end..];
        }
    }
    (out, words)
}

fn skin(colour: bool) -> MadSkin {
    if !colour {
        let mut skin = MadSkin::no_style();
        // No style: a link's address in ~~...~~ is plain text, not struck.
        skin.strikeout = termimad::CompoundStyle::default();
        return skin;
    }
    let mut skin = MadSkin::default();
    for header in &mut skin.headers {
        header.align = Alignment::Left;
        header.set_fg(Color::Cyan);
    }
    skin.headers[0].add_attr(Attribute::Bold);
    skin.headers[1].add_attr(Attribute::Bold);
    skin.bold.set_fg(Color::White);
    skin.italic.set_fg(Color::Grey);
    skin.bullet.set_fg(Color::Yellow);
    // Link addresses come as ~~url~~ (see advice_core::body::display_markdown):
    // shown dimmed, not struck through.
    skin.strikeout = termimad::CompoundStyle::with_attr(Attribute::Dim);
    skin.inline_code.set_fg(Color::Green);
    skin.inline_code.set_bg(Color::Reset);
    skin.code_block.set_bg(Color::Reset);
    skin.code_block.set_fg(Color::Green);
    skin
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rendered(markdown: &str, width: usize) -> String {
        let content = crate::parse::parse_content(&format!("---\n---\n{markdown}"));
        render(&pieces(&content.sections), width, false)
    }

    #[test]
    fn code_blocks_are_kept_whole_and_long_words_are_not_cut() {
        let md = "Short words and a verylongwordthatnobodywouldeverwrapinthemiddle here.\n\n```\nlet x = \"a line of code longer than twenty columns\";\n```\n";
        let out = rendered(md, 20);
        assert!(
            out.contains("verylongwordthatnobodywouldeverwrapinthemiddle"),
            "{out}"
        );
        assert!(
            out.contains("    let x = \"a line of code longer than twenty columns\";"),
            "{out}"
        );
    }

    #[test]
    fn nested_bullets_get_their_own_glyph() {
        let out = rendered("## Points\n- Top.\n  - Under it.\n", 40);
        assert!(out.contains("\u{2022} Top."), "{out}");
        assert!(out.contains("\u{25e6} Under it."), "{out}");
    }

    #[test]
    fn task_items_get_boxes() {
        let out = rendered("## Checklist\n- [ ] Do this.\n- [x] Done that.\n", 40);
        assert!(out.contains("\u{2610} Do this."), "{out}");
        assert!(out.contains("\u{2611} Done that."), "{out}");
    }
}
