//! Drawing the browser's screens with ratatui, from [`App`] alone. Colour
//! only when the run has it (`--color`, `NO_COLOR`); without it the
//! selection is still shown, by a `>` in front. Every string from a chapter
//! goes through [`crate::sanitize::visible`] first.

use super::app::{App, Screen};
use crate::output::{Style as Ink, render};
use crate::sanitize::visible;
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span, Text};
use ratatui::widgets::{Block, Borders, Clear, Paragraph, Wrap};

/// Styles for one run: real ones with colour, plain ones without.
#[derive(Clone, Copy)]
struct Look {
    colour: bool,
}

impl Look {
    fn style(self, style: Style) -> Style {
        if self.colour { style } else { Style::default() }
    }
    fn bold(self) -> Style {
        self.style(Style::default().add_modifier(Modifier::BOLD))
    }
    fn dim(self) -> Style {
        self.style(Style::default().add_modifier(Modifier::DIM))
    }
    fn selected(self) -> Style {
        self.style(Style::default().add_modifier(Modifier::REVERSED))
    }
    fn warning(self) -> Style {
        self.style(
            Style::default()
                .fg(ratatui::style::Color::Magenta)
                .add_modifier(Modifier::BOLD),
        )
    }
}

/// Draws the current screen.
pub fn draw(frame: &mut Frame, app: &App, colour: bool) {
    let look = Look { colour };
    let area = frame.area();
    match &app.screen {
        Screen::Search => search(frame, area, app, look),
        Screen::Reading { chapter, scroll } => reading(frame, area, app, *chapter, *scroll, look),
        Screen::Checklist {
            chapter,
            cursor,
            done,
        } => checklist(frame, area, app, *chapter, *cursor, done, look),
        Screen::Topics { cursor } => topics(frame, area, app, *cursor, look),
        Screen::Help(back) => {
            match back.as_ref() {
                Screen::Reading { chapter, scroll } => {
                    reading(frame, area, app, *chapter, *scroll, look);
                }
                _ => search(frame, area, app, look),
            }
            help(frame, area, look);
        }
    }
}

/// The last row: a message, or the keys of this screen.
fn status_line(frame: &mut Frame, area: Rect, app: &App, keys: &str, look: Look) {
    let text = app.status.clone().unwrap_or_else(|| keys.to_string());
    let text = clip(&text, usize::from(area.width));
    frame.render_widget(Paragraph::new(Line::styled(text, look.dim())), area);
}

/// Splits off the first and last rows (top line, status line) of an area.
fn frame_rows(area: Rect) -> (Rect, Rect, Rect) {
    let [top, body, bottom] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Min(0),
        Constraint::Length(1),
    ])
    .areas(area);
    (top, body, bottom)
}

fn search(frame: &mut Frame, area: Rect, app: &App, look: Look) {
    let (top, body, bottom) = frame_rows(area);
    let mut query = vec![
        Span::styled("Search: ", look.bold()),
        Span::raw(visible(&app.query).into_owned()),
        Span::styled("\u{258f}", look.dim()),
    ];
    let count = match app.results.len() {
        1 => "1 chapter".to_string(),
        n => format!("{n} chapters"),
    };
    let topic = app
        .topic
        .as_ref()
        .map(|t| format!(" · topic {}", visible(t)))
        .unwrap_or_default();
    query.push(Span::styled(format!("  {count}{topic}"), look.dim()));
    frame.render_widget(Paragraph::new(Line::from(query)), top);
    // The preview beside the results where there is room for both.
    let (list_area, preview_area) = if body.width >= 80 {
        let [left, right] =
            Layout::horizontal([Constraint::Percentage(45), Constraint::Percentage(55)])
                .areas(body);
        (left, Some(right))
    } else {
        (body, None)
    };
    results(frame, list_area, app, look);
    if let Some(area) = preview_area {
        preview(frame, area, app, look);
    }
    status_line(
        frame,
        bottom,
        app,
        "\u{2191}\u{2193} move \u{b7} Enter read \u{b7} ^T topic \u{b7} Esc quit \u{b7} ? keys",
        look,
    );
}

fn results(frame: &mut Frame, area: Rect, app: &App, look: Look) {
    let width = usize::from(area.width);
    if app.results.is_empty() {
        let text = if app.query.trim().is_empty() {
            "No chapters."
        } else {
            "Nothing in the guide matches; try other words."
        };
        frame.render_widget(Paragraph::new(text).wrap(Wrap { trim: true }), area);
        return;
    }
    // Two rows a result; keep the selected one in view.
    let per_screen = (usize::from(area.height) / 2).max(1);
    let first = app.selected.saturating_sub(per_screen - 1);
    let mut lines: Vec<Line> = Vec::new();
    for (i, entry) in app.results.iter().enumerate().skip(first).take(per_screen) {
        let Some(chapter) = app.chapters().get(entry.chapter) else {
            continue;
        };
        let chosen = i == app.selected;
        let mark = if chosen { "> " } else { "  " };
        let mut title = format!("{mark}{}", visible(&chapter.meta.title));
        if entry.weak {
            title.push_str(" (weak)");
        }
        let title = clip(&title, width);
        let snippet = clip(&format!("  {}", visible(&entry.snippet)), width);
        let style = if chosen { look.selected() } else { look.bold() };
        lines.push(Line::styled(title, style));
        lines.push(Line::styled(snippet, look.dim()));
    }
    frame.render_widget(Paragraph::new(lines), area);
}

/// `text` cut to `width` columns, with an ellipsis where it was cut.
fn clip(text: &str, width: usize) -> String {
    if render::cols(text) <= width {
        return text.to_string();
    }
    let mut out = String::new();
    let mut used = 0;
    for c in text.chars() {
        let w = unicode_width::UnicodeWidthChar::width(c).unwrap_or(0);
        if used + w + 1 > width {
            break;
        }
        used += w;
        out.push(c);
    }
    out.push('\u{2026}');
    out
}

fn preview(frame: &mut Frame, area: Rect, app: &App, look: Look) {
    let block = Block::default()
        .borders(Borders::LEFT)
        .border_style(look.dim());
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let Some(chapter) = app.selected_chapter() else {
        return;
    };
    let mut text = Text::default();
    text.push_line(Line::styled(
        visible(&chapter.meta.title).into_owned(),
        look.bold(),
    ));
    text.push_line(Line::styled(render::provenance(chapter), look.dim()));
    text.push_line(Line::raw(""));
    // The lead: the opening paragraphs, the `# Title` left out.
    let lead: Vec<&str> = chapter
        .sections()
        .first()
        .filter(|s| s.heading.is_empty())
        .map(|s| {
            s.blocks
                .iter()
                .filter(|b| b.kind == crate::chapter::BlockKind::Paragraph)
                .map(|b| b.text.as_str())
                .collect()
        })
        .unwrap_or_default();
    let lead = if lead.is_empty() {
        chapter.meta.summary.clone()
    } else {
        lead.join(" ")
    };
    text.push_line(Line::raw(visible(&lead).into_owned()));
    if !chapter.meta.dangerous.trim().is_empty() {
        text.push_line(Line::raw(""));
        text.push_line(Line::styled(render::DANGER_HEADING, look.warning()));
        text.push_line(Line::raw(visible(&chapter.meta.dangerous).into_owned()));
    }
    let points = chapter.bullets(crate::chapter::sections::KEY_POINTS);
    if !points.is_empty() {
        text.push_line(Line::raw(""));
        text.push_line(Line::styled("Key points", look.bold()));
        for point in points.iter().take(3) {
            text.push_line(Line::raw(format!("\u{2022} {}", visible(&point.text))));
        }
    }
    frame.render_widget(Paragraph::new(text).wrap(Wrap { trim: true }), inner);
}

fn reading(frame: &mut Frame, area: Rect, app: &App, chapter: usize, scroll: u16, look: Look) {
    let (top, body, bottom) = frame_rows(area);
    let Some(c) = app.chapters().get(chapter) else {
        return;
    };
    frame.render_widget(
        Paragraph::new(Line::styled(
            clip(&visible(&c.meta.title), usize::from(top.width)),
            look.bold(),
        )),
        top,
    );
    // The same page `advice chapter` prints, at the pane's width.
    let related = crate::cmd::chapter::related(c, app.library()).unwrap_or_default();
    // (At most as wide as `advice chapter` is, however wide the terminal.)
    let width = usize::from(body.width).clamp(20, crate::output::MAX_READING_WIDTH);
    let page = render::chapter_page(c, &related, Ink { colour: false }, width);
    let lines: Vec<Line> = page
        .lines()
        .skip(1)
        .map(|l| Line::raw(visible(l).into_owned()))
        .collect();
    let total = lines.len();
    let scroll = scroll.min(u16::try_from(total.saturating_sub(1)).unwrap_or(u16::MAX));
    frame.render_widget(Paragraph::new(lines).scroll((scroll, 0)), body);
    let keys = format!(
        "n next \u{b7} p prev \u{b7} c checklist \u{b7} / search \u{b7} ? keys \u{b7} q back  {}/{}",
        usize::from(scroll) + 1,
        total.max(1)
    );
    status_line(frame, bottom, app, &keys, look);
}

#[allow(clippy::too_many_arguments)]
fn checklist(
    frame: &mut Frame,
    area: Rect,
    app: &App,
    chapter: usize,
    cursor: usize,
    done: &[bool],
    look: Look,
) {
    let (top, body, bottom) = frame_rows(area);
    let Some(c) = app.chapters().get(chapter) else {
        return;
    };
    let title = c
        .meta
        .checklist
        .as_ref()
        .map_or(c.meta.title.as_str(), |m| m.title.as_str());
    frame.render_widget(
        Paragraph::new(Line::styled(
            clip(&visible(title), usize::from(top.width)),
            look.bold(),
        )),
        top,
    );
    let width = usize::from(body.width).max(10);
    let mut lines: Vec<Line> = Vec::new();
    let mut cursor_row = 0;
    for (i, item) in c.checklist_items().iter().enumerate() {
        let ticked = done.get(i).copied().unwrap_or(false);
        let mark = match (i == cursor, ticked) {
            (true, true) => "> [x] ",
            (true, false) => "> [ ] ",
            (false, true) => "  [x] ",
            (false, false) => "  [ ] ",
        };
        if i == cursor {
            cursor_row = lines.len();
        }
        let style = if i == cursor {
            look.selected()
        } else {
            Style::default()
        };
        for (n, line) in render::wrap(&visible(&item.text), width, 6, 6)
            .iter()
            .enumerate()
        {
            let line = if n == 0 {
                format!("{mark}{}", line.trim_start())
            } else {
                line.clone()
            };
            lines.push(Line::styled(line, style));
        }
    }
    let height = usize::from(body.height).max(1);
    let scroll = cursor_row.saturating_sub(height.saturating_sub(2));
    frame.render_widget(
        Paragraph::new(lines).scroll((u16::try_from(scroll).unwrap_or(0), 0)),
        body,
    );
    let ticked = done.iter().filter(|d| **d).count();
    let keys = format!(
        "Space tick \u{b7} \u{2191}\u{2193} move \u{b7} q back  {ticked}/{} done",
        done.len()
    );
    status_line(frame, bottom, app, &keys, look);
}

fn topics(frame: &mut Frame, area: Rect, app: &App, cursor: usize, look: Look) {
    let (top, body, bottom) = frame_rows(area);
    frame.render_widget(Paragraph::new(Line::styled("Topics", look.bold())), top);
    let names: Vec<String> = std::iter::once("(every topic)".to_string())
        .chain(app.topics.iter().map(|t| visible(t).into_owned()))
        .collect();
    let height = usize::from(body.height).max(1);
    let first = cursor.saturating_sub(height - 1);
    let lines: Vec<Line> = names
        .iter()
        .enumerate()
        .skip(first)
        .take(height)
        .map(|(i, name)| {
            if i == cursor {
                Line::styled(format!("> {name}"), look.selected())
            } else {
                Line::raw(format!("  {name}"))
            }
        })
        .collect();
    frame.render_widget(Paragraph::new(lines), body);
    status_line(
        frame,
        bottom,
        app,
        "Enter choose \u{b7} \u{2191}\u{2193} move \u{b7} Esc back",
        look,
    );
}

/// The keys, in a box over the screen.
/// (Ten lines, so the box fits a 40x12 terminal.)
pub const KEYS: [(&str, &str); 10] = [
    ("type", "search as you type"),
    ("\u{2191} \u{2193}", "move"),
    ("Enter", "read the chapter"),
    ("n  p", "next, previous chapter"),
    ("c", "its checklist (Space ticks)"),
    ("/", "back to the search"),
    ("^T  t", "filter by topic"),
    ("?", "these keys"),
    ("q  Esc", "back; at the search, leave"),
    ("^C", "leave"),
];

fn help(frame: &mut Frame, area: Rect, look: Look) {
    let width = area.width.min(44);
    let height = area.height.min(KEYS.len() as u16 + 2);
    let x = area.x + (area.width - width) / 2;
    let y = area.y + (area.height - height) / 2;
    let rect = Rect::new(x, y, width, height);
    frame.render_widget(Clear, rect);
    let lines: Vec<Line> = KEYS
        .iter()
        .map(|(key, what)| {
            Line::from(vec![
                Span::styled(format!("{key:<8}"), look.bold()),
                Span::raw(*what),
            ])
        })
        .collect();
    frame.render_widget(
        Paragraph::new(lines).block(Block::default().borders(Borders::ALL).title(" Keys ")),
        rect,
    );
}

/// The screen `app` shows on a `width` x `height` terminal, as text (one
/// line a row, trailing blanks trimmed): for tests and the benchmark.
pub fn screen_text(app: &App, width: u16, height: u16, colour: bool) -> String {
    let backend = ratatui::backend::TestBackend::new(width, height);
    let Ok(mut terminal) = ratatui::Terminal::new(backend);
    if terminal.draw(|frame| draw(frame, app, colour)).is_err() {
        return String::new();
    }
    let buffer = terminal.backend().buffer();
    let mut out = String::new();
    for y in 0..buffer.area.height {
        let mut line = String::new();
        for x in 0..buffer.area.width {
            line.push_str(buffer[(x, y)].symbol());
        }
        out.push_str(line.trim_end());
        out.push('\n');
    }
    out
}

/// Whether any cell of the drawn screen carries a style (colour or emphasis).
pub fn screen_has_style(app: &App, width: u16, height: u16, colour: bool) -> bool {
    let backend = ratatui::backend::TestBackend::new(width, height);
    let Ok(mut terminal) = ratatui::Terminal::new(backend);
    if terminal.draw(|frame| draw(frame, app, colour)).is_err() {
        return false;
    }
    terminal.backend().buffer().content().iter().any(|cell| {
        let style = cell.style();
        style.add_modifier != Modifier::empty()
            || style.fg.is_some_and(|c| c != ratatui::style::Color::Reset)
            || style.bg.is_some_and(|c| c != ratatui::style::Color::Reset)
    })
}
