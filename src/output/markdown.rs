//! Chapter markdown rendered for the terminal with termimad, at a given width.
//!
//! termimad's default skin always emits escape codes, so colour off means
//! `MadSkin::no_style()`. It prints `- [ ]` task items literally, so they are
//! turned into box glyphs first. Control characters from the chapter are made
//! visible before termimad sees them (see [`crate::sanitize`]).

use crate::sanitize;
use termimad::crossterm::style::{Attribute, Color};
use termimad::{Alignment, MadSkin, StyledChar};

/// Renders markdown at `width` columns, coloured or plain.
///
/// Fenced code blocks are printed as they are, never wrapped. Other blocks go
/// through termimad, each at the given width, or wider when it holds a word
/// longer than a line: termimad would cut such a word, and a word is never cut.
pub fn render(markdown: &str, width: usize, colour: bool) -> String {
    let clean = sanitize::visible(markdown);
    let plain = skin(colour);
    let mut tasks = skin(colour);
    tasks.bullet = StyledChar::new(*tasks.bullet.compound_style(), '☐');
    let mut out = String::with_capacity(clean.len() * 2);
    for segment in segments(&clean) {
        match segment {
            Segment::Blank => {
                if !out.is_empty() && !out.ends_with("\n\n") {
                    out.push('\n');
                }
            }
            Segment::Code(lines) => {
                for line in lines {
                    let line = format!("    {}", line.trim_end());
                    out.push_str(&if colour {
                        format!("\x1b[32m{line}\x1b[0m")
                    } else {
                        line
                    });
                    out.push('\n');
                }
            }
            Segment::Text(text) => {
                for (is_tasks, chunk) in chunks(&text) {
                    let skin = if is_tasks { &tasks } else { &plain };
                    let (chunk, long_words) = hide_long_words(&chunk, width);
                    let mut fitted = skin.text(&chunk, Some(width)).to_string();
                    for (placeholder, word) in &long_words {
                        fitted = fitted.replacen(placeholder.as_str(), word, 1);
                    }
                    for line in fitted.lines() {
                        out.push_str(line.trim_end());
                        out.push('\n');
                    }
                }
            }
        }
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
                let tag =
                    char::from_u32(0xE100 + words.len() as u32 % 0x1000).unwrap_or('\u{E100}');
                let placeholder: String = std::iter::once(tag)
                    .chain(std::iter::repeat_n('\u{E000}', room - 1))
                    .collect();
                out.push_str(&placeholder);
                words.push((placeholder, word.to_string()));
            } else {
                out.push_str(word);
            }
            rest = &rest[end..];
        }
    }
    (out, words)
}

/// A piece of markdown, for rendering.
#[derive(Debug, PartialEq)]
enum Segment<'a> {
    /// A run of non-blank lines.
    Text(String),
    /// The lines inside a fenced code block.
    Code(Vec<&'a str>),
    Blank,
}

/// Splits markdown into text blocks, fenced code blocks and blank lines.
fn segments(markdown: &str) -> Vec<Segment<'_>> {
    let mut out = Vec::new();
    let mut text = String::new();
    let mut fence: Option<(&str, Vec<&str>)> = None;
    for line in markdown.lines() {
        let trimmed = line.trim_start();
        if let Some((marker, lines)) = fence.as_mut() {
            if trimmed.starts_with(*marker)
                && trimmed
                    .trim_start_matches(marker.chars().next().unwrap_or('`'))
                    .trim()
                    .is_empty()
            {
                out.push(Segment::Code(std::mem::take(lines)));
                fence = None;
            } else {
                lines.push(line);
            }
            continue;
        }
        let opens = ["```", "~~~"]
            .into_iter()
            .find(|m| trimmed.starts_with(m) && line.len() - trimmed.len() <= 3);
        if opens.is_some() || trimmed.is_empty() {
            if !text.is_empty() {
                out.push(Segment::Text(std::mem::take(&mut text)));
            }
            match opens {
                Some(marker) => fence = Some((marker, Vec::new())),
                None => out.push(Segment::Blank),
            }
            continue;
        }
        text.push_str(line);
        text.push('\n');
    }
    if let Some((_, lines)) = fence {
        out.push(Segment::Code(lines));
    }
    if !text.is_empty() {
        out.push(Segment::Text(text));
    }
    out
}

/// Splits markdown into runs of task-list lines and everything else, so task
/// items can be drawn with a box for a bullet (termimad prints `[ ]` literally).
/// In task runs the `[ ]` is removed; a done `[x]` item keeps a `☑` mark.
fn chunks(markdown: &str) -> Vec<(bool, String)> {
    let mut chunks: Vec<(bool, String)> = Vec::new();
    for line in markdown.lines() {
        let indent = line.len() - line.trim_start().len();
        let rest = &line[indent..];
        let task = ["- ", "* ", "+ "].iter().find_map(|bullet| {
            let after = rest.strip_prefix(bullet)?;
            if let Some(item) = after.strip_prefix("[ ] ") {
                Some(format!("{}{bullet}{item}", &line[..indent]))
            } else {
                after
                    .strip_prefix("[x] ")
                    .or_else(|| after.strip_prefix("[X] "))
                    .map(|item| format!("{}{bullet}☑ {item}", &line[..indent]))
            }
        });
        // An indented line right after a task item belongs to it.
        let in_tasks = chunks.last().is_some_and(|(t, _)| *t);
        let (is_tasks, text) = match task {
            Some(text) => (true, text),
            None if in_tasks && indent > 0 && !rest.is_empty() => (true, line.to_string()),
            None => (false, line.to_string()),
        };
        match chunks.last_mut() {
            Some((t, chunk)) if *t == is_tasks => {
                chunk.push_str(&text);
                chunk.push('\n');
            }
            _ => chunks.push((is_tasks, format!("{text}\n"))),
        }
    }
    chunks
}

fn skin(colour: bool) -> MadSkin {
    if !colour {
        return MadSkin::no_style();
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
    skin.inline_code.set_fg(Color::Green);
    skin.inline_code.set_bg(Color::Reset);
    skin.code_block.set_bg(Color::Reset);
    skin.code_block.set_fg(Color::Green);
    skin
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn code_blocks_are_kept_whole_and_long_words_are_not_cut() {
        let md = "Short words and a verylongwordthatnobodywouldeverwrapinthemiddle here.\n\n```\nlet x = \"a line of code longer than twenty columns\";\n```\n";
        let out = render(md, 20, false);
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
    fn task_items_get_boxes() {
        let out = render(
            "## Checklist\n- [ ] Do this.\n- [x] Done that.\n",
            40,
            false,
        );
        assert!(out.contains("☐ Do this."), "{out}");
        assert!(out.contains("☑ Done that."), "{out}");
    }
}
