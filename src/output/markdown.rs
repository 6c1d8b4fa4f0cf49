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
pub fn render(markdown: &str, width: usize, colour: bool) -> String {
    let clean = sanitize::visible(markdown);
    let plain = skin(colour);
    let mut tasks = skin(colour);
    tasks.bullet = StyledChar::new(*tasks.bullet.compound_style(), '☐');
    let mut out = String::with_capacity(clean.len() * 2);
    for (is_tasks, chunk) in chunks(&clean) {
        let skin = if is_tasks { &tasks } else { &plain };
        let text = skin.text(&chunk, Some(width)).to_string();
        for line in text.lines() {
            out.push_str(line.trim_end());
            out.push('\n');
        }
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
