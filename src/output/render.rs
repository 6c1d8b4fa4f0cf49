//! Terminal text for each kind of result. Every function takes data a command
//! produced and returns the text to print; none of them decides what to show.

use super::view::{TocEntry, TopicCount};
use super::{Style, markdown};
use crate::chapter::{Chapter, Origin};
use crate::sanitize::visible;

/// Columns `text` takes on a terminal (CJK and most emoji take two).
pub fn cols(text: &str) -> usize {
    // Printable ASCII, most of what is shown, is a column a byte; the
    // tables are for the rest.
    if text.bytes().all(|b| (b' '..=b'~').contains(&b)) {
        return text.len();
    }
    unicode_width::UnicodeWidthStr::width(text)
}

/// Whether a character takes two columns (CJK, most emoji): a line may
/// break before or after one even without a space.
fn is_wide(c: char) -> bool {
    !c.is_ascii() && unicode_width::UnicodeWidthChar::width(c) == Some(2)
}

/// The pieces a line may break between, as byte ranges of `text`, each with
/// whether whitespace came before it: runs of non-whitespace, with every
/// wide character a piece of its own. A no-break space (U+00A0) joins two
/// words into one piece ("p. 18", "chapter 5"): the line never breaks
/// there, and [`wrap`] prints it as a plain space.
fn pieces(text: &str) -> Vec<(usize, usize, bool)> {
    let mut out = Vec::new();
    let mut start: Option<(usize, bool)> = None;
    let mut spaced = false;
    for (i, c) in text.char_indices() {
        if c.is_whitespace() && c != '\u{a0}' {
            if let Some((s, sp)) = start.take() {
                out.push((s, i, sp));
            }
            spaced = true;
        } else if is_wide(c) {
            if let Some((s, sp)) = start.take() {
                out.push((s, i, sp));
                spaced = false;
            }
            out.push((i, i + c.len_utf8(), spaced));
            spaced = false;
        } else if start.is_none() {
            start = Some((i, spaced));
            spaced = false;
        }
    }
    if let Some((s, sp)) = start {
        out.push((s, text.len(), sp));
    }
    out
}

/// Byte ranges of the lines `text` wraps into at `width` columns, the first
/// line starting `first_indent` columns in and the others `indent`.
/// Breaks at spaces and around wide characters; a word longer than a line
/// is kept whole, never cut.
fn line_ranges(
    text: &str,
    width: usize,
    first_indent: usize,
    indent: usize,
) -> Vec<(usize, usize)> {
    let mut lines = Vec::new();
    let mut current: Option<(usize, usize)> = None;
    let mut used = first_indent;
    for (start, end, spaced) in pieces(text) {
        let len = cols(&text[start..end]);
        match current {
            Some((s, e)) => {
                let gap = usize::from(spaced);
                if used + gap + len > width {
                    lines.push((s, e));
                    current = Some((start, end));
                    used = indent + len;
                } else {
                    current = Some((s, end));
                    used += gap + len;
                }
            }
            None => {
                current = Some((start, end));
                used += len;
            }
        }
    }
    if let Some(line) = current {
        lines.push(line);
    }
    lines
}

/// Word-wraps `text` to `width` columns (display columns, not characters),
/// indenting continuation lines by `indent` spaces. Runs of whitespace
/// become one space. Words longer than a line are kept whole, never cut.
pub fn wrap(text: &str, width: usize, first_indent: usize, indent: usize) -> Vec<String> {
    let ranges = line_ranges(text, width, first_indent, indent);
    if ranges.is_empty() {
        return vec![" ".repeat(first_indent)];
    }
    ranges
        .iter()
        .enumerate()
        .map(|(n, &(start, end))| {
            let pad = if n == 0 { first_indent } else { indent };
            let body: Vec<&str> = text[start..end].split_whitespace().collect();
            format!("{}{}", " ".repeat(pad), body.join(" "))
        })
        .collect()
}

/// "Part · chapter N · book: "Title", p. P" — where a chapter sits.
pub fn provenance(chapter: &Chapter) -> String {
    let mut parts = vec![
        visible(&chapter.meta.part).into_owned(),
        format!("chapter\u{a0}{}", chapter.meta.order),
    ];
    if let Some(book) = &chapter.meta.book {
        parts.push(format!("book: \"{}\", p.\u{a0}{}", book.chapter, book.page));
    }
    match chapter.origin {
        Origin::BuiltIn => {}
        Origin::Added => parts.push(format!(
            "from {}",
            visible(&crate::load::relative_to_cwd(&chapter.path))
        )),
        Origin::Replaced => parts.push(format!(
            "replaces the built-in chapter, from {}",
            visible(&crate::load::relative_to_cwd(&chapter.path))
        )),
    }
    parts.join(" · ")
}

/// A chapter's title and where it comes from, then a blank line: how the
/// page and the card both begin.
fn chapter_header(chapter: &Chapter, style: Style, width: usize) -> String {
    let mut out = String::new();
    for line in wrap(&visible(&chapter.meta.title), width, 0, 0) {
        out.push_str(&style.heading(&line));
        out.push('\n');
    }
    for line in wrap(&provenance(chapter), width, 0, 0) {
        out.push_str(&style.dim(&line));
        out.push('\n');
    }
    out.push('\n');
    out
}

/// A whole chapter: header, body and "See also".
pub fn chapter_page(chapter: &Chapter, related: &[&Chapter], style: Style, width: usize) -> String {
    let mut out = chapter_header(chapter, style, width);
    // The lead opens the chapter; the danger follows it at once, so nobody
    // reads the advice without it.
    let sections = chapter.sections();
    let split = usize::from(sections.first().is_some_and(|s| s.heading.is_empty()));
    let lead = markdown::render(&markdown::pieces(&sections[..split]), width, style.colour);
    out.push_str(&lead);
    let danger = danger_block(chapter, style, width);
    if !lead.is_empty() && !danger.is_empty() {
        out.push('\n');
    }
    out.push_str(&danger);
    let rest = markdown::render(&markdown::pieces(&sections[split..]), width, style.colour);
    if !rest.is_empty() {
        if !lead.is_empty() || !danger.is_empty() {
            out.push('\n');
        }
        out.push_str(&rest);
    }
    if !related.is_empty() {
        out.push('\n');
        out.push_str(&style.heading("See also"));
        out.push('\n');
        let slug_width = related
            .iter()
            .map(|c| cols(&c.meta.slug))
            .max()
            .unwrap_or(0);
        for other in related {
            let slug = visible(&other.meta.slug);
            let pad = " ".repeat(slug_width.saturating_sub(cols(&slug)));
            let page = other
                .page()
                .map(|p| format!(" (p.\u{a0}{p})"))
                .unwrap_or_default();
            let left = format!("  {}{pad}  ", style.name(&slug));
            out.push_str(&row(
                &left,
                2 + slug_width + 2,
                &format!("{}{page}", visible(&other.meta.title)),
                width,
            ));
        }
    }
    out
}

/// Heading of the danger block, named as search results name the
/// dangerous line, so a hit there points at something the chapter shows.
pub const DANGER_HEADING: &str = crate::analyze::SECTION_DANGEROUS;

/// The chapter's dangerous line as its own marked block, with the first
/// caveat of "When this backfires" under it.
pub fn danger_block(chapter: &Chapter, style: Style, width: usize) -> String {
    let mut out = String::new();
    // A markdown page of a reader's folder has no dangerous line.
    if chapter.meta.dangerous.trim().is_empty() {
        return out;
    }
    out.push_str(&style.warning(DANGER_HEADING));
    out.push('\n');
    for line in wrap(&visible(&chapter.meta.dangerous), width, 2, 2) {
        out.push_str(&style.bold(&line));
        out.push('\n');
    }
    if let Some(caveat) = chapter.first_caveat() {
        let text = format!("Backfires: {}", visible(&caveat.text));
        for line in wrap(&text, width, 2, 4) {
            out.push_str(&line);
            out.push('\n');
        }
    }
    out
}

/// A chapter on one screen, like a tldr page: summary, the danger with
/// one caveat, the checklist, and how to read the rest.
pub fn chapter_card(chapter: &Chapter, style: Style, width: usize) -> String {
    let mut out = chapter_header(chapter, style, width);
    for line in wrap(&visible(&chapter.meta.summary), width, 0, 0) {
        out.push_str(&line);
        out.push('\n');
    }
    let danger = danger_block(chapter, style, width);
    if !danger.is_empty() {
        out.push('\n');
        out.push_str(&danger);
    }
    let items = chapter.checklist_items();
    let slug = visible(&chapter.meta.slug);
    // Commands are kept on one line (no-break spaces, see `pieces`).
    let mut more = vec![format!("advice\u{a0}chapter\u{a0}{slug}")];
    if !items.is_empty() {
        out.push('\n');
        let title = chapter
            .meta
            .checklist
            .as_ref()
            .map_or(crate::chapter::sections::CHECKLIST, |c| c.title.as_str());
        for line in wrap(&visible(title), width, 0, 0) {
            out.push_str(&style.heading(&line));
            out.push('\n');
        }
        let pieces: Vec<markdown::Piece> = items.into_iter().map(markdown::Piece::Block).collect();
        out.push_str(&markdown::render(&pieces, width, style.colour));
        if let Some(meta) = &chapter.meta.checklist {
            more.push(format!(
                "advice\u{a0}checklist\u{a0}{}\u{a0}-i",
                visible(&meta.name)
            ));
        }
    }
    out.push('\n');
    let line = format!("Read it all: {}", more.join(" \u{b7} "));
    for line in wrap(&line, width, 0, 2) {
        out.push_str(&style.dim(&line));
        out.push('\n');
    }
    out
}

/// The table of contents, grouped by part.
pub fn toc(entries: &[TocEntry], style: Style, width: usize) -> String {
    let mut out = String::new();
    // Columns line up within a part: a team's long page slugs never push
    // the guide's titles onto lines of their own.
    let mut rest = entries;
    while let Some(first) = rest.first() {
        let count = rest
            .iter()
            .take_while(|e| e.chapter.part == first.chapter.part)
            .count();
        let (group, after) = rest.split_at(count);
        if !out.is_empty() {
            out.push('\n');
        }
        out.push_str(&style.heading(&visible(&first.chapter.part)));
        out.push('\n');
        let (number_width, slug_width) = column_widths(group);
        for entry in group {
            out.push_str(&toc_line(entry, style, width, number_width, slug_width));
        }
        rest = after;
    }
    out
}

/// Chapters as a list without part headings (e.g. the chapters of one tag).
pub fn listing(entries: &[TocEntry], style: Style, width: usize) -> String {
    let (number_width, slug_width) = column_widths(entries);
    entries
        .iter()
        .map(|entry| toc_line(entry, style, width, number_width, slug_width))
        .collect()
}

/// Widths of the number and slug columns for these entries.
fn column_widths(entries: &[TocEntry]) -> (usize, usize) {
    let number = entries
        .iter()
        .map(|e| e.chapter.number.to_string().len())
        .max()
        .unwrap_or(1);
    let slug = entries
        .iter()
        .map(|e| cols(&e.chapter.slug))
        .max()
        .unwrap_or(0);
    (number, slug)
}

/// One chapter as a line of a listing: number, slug, page, title, origin mark.
pub fn toc_line(
    entry: &TocEntry,
    style: Style,
    width: usize,
    number_width: usize,
    slug_width: usize,
) -> String {
    let slug = visible(&entry.chapter.slug);
    let pad = " ".repeat(slug_width.saturating_sub(cols(&slug)));
    let page = entry
        .chapter
        .page
        .map(|p| format!("p. {p}"))
        .unwrap_or_default();
    let indent = 2 + number_width + 2 + slug_width + 2 + PAGE_WIDTH + 2;
    let mut tail = visible(&entry.chapter.title).into_owned();
    let path = entry.chapter.path.as_deref().unwrap_or_default();
    match entry.origin {
        // A page of a reader's folder: its slug is its path already.
        Origin::Added if entry.format == crate::chapter::Format::Markdown => {}
        Origin::Added => tail.push_str(&format!(
            "  [added from {}]",
            visible(&crate::load::relative_to_cwd(path))
        )),
        Origin::Replaced => tail.push_str(&format!(
            "  [replaced by {}]",
            visible(&crate::load::relative_to_cwd(path))
        )),
        Origin::BuiltIn => {}
    }
    if narrow(indent, width) {
        let left = format!(
            "  {}  {}  {}",
            entry.chapter.number,
            style.name(&slug),
            style.dim(&page)
        );
        return row(&left, indent, &tail, width);
    }
    let left = format!(
        "  {:>number_width$}  {}{pad}  {}  ",
        entry.chapter.number,
        style.name(&slug),
        style.dim(&format!("{page:<PAGE_WIDTH$}"))
    );
    row(&left, indent, &tail, width)
}

/// Whether a left column this wide leaves too little room for text after it
/// (then columns are not padded, and the text starts on its own line).
fn narrow(left_width: usize, width: usize) -> bool {
    width.saturating_sub(left_width) < 20
}

/// A row of a listing: `left` (already padded and styled, `left_width`
/// columns wide) followed by `text` wrapped under itself. When that would
/// leave the text under 20 columns, the text starts on the next line instead,
/// indented by 4, so narrow terminals get readable lines, not one word each.
pub fn row(left: &str, left_width: usize, text: &str, width: usize) -> String {
    let mut out = String::new();
    if narrow(left_width, width) {
        out.push_str(left.trim_end());
        out.push('\n');
        for line in wrap(text, width, 4, 4) {
            out.push_str(&line);
            out.push('\n');
        }
        return out;
    }
    for (i, line) in wrap(text, width, left_width, left_width).iter().enumerate() {
        if i == 0 {
            out.push_str(left);
            out.push_str(line.trim_start());
        } else {
            out.push_str(line);
        }
        out.push('\n');
    }
    out
}

/// Columns for "p. 111".
const PAGE_WIDTH: usize = 6;

/// Every tag with how many chapters carry it, in columns (most used first,
/// reading down each column).
pub fn topic_counts(counts: &[TopicCount], style: Style, width: usize) -> String {
    let cell = counts
        .iter()
        .map(|t| cols(&t.tag) + t.count.to_string().len() + 1)
        .max()
        .unwrap_or(0)
        + 4;
    let columns = (width.saturating_sub(2) / cell.max(1)).max(1);
    let rows = counts.len().div_ceil(columns);
    let mut out = String::new();
    for row in 0..rows {
        let mut line = String::from("  ");
        for column in 0..columns {
            let Some(topic) = counts.get(column * rows + row) else {
                break;
            };
            let tag = visible(&topic.tag);
            let count = topic.count.to_string();
            let used = cols(&tag) + 1 + count.len();
            line.push_str(&format!("{} {}", style.name(&tag), style.dim(&count)));
            if column + 1 < columns && (column + 1) * rows + row < counts.len() {
                line.push_str(&" ".repeat(cell.saturating_sub(used)));
            }
        }
        out.push_str(line.trim_end());
        out.push('\n');
    }
    out
}

/// What `advice` with no arguments prints.
/// `reading` is the chapter the reader last read, if any: they are shown
/// how to go on from it.
pub fn orientation(
    chapters: usize,
    reading: Option<&Chapter>,
    style: Style,
    width: usize,
) -> String {
    let mut out = String::new();
    for line in wrap(
        "advice: a field guide to a software engineering career",
        width,
        0,
        0,
    ) {
        out.push_str(&style.heading(&line));
        out.push('\n');
    }
    let intro = format!(
        "{chapters} chapters distilled from \"Dangerous Advice for Software Engineers\" (Sean Goedecke, 2025)."
    );
    for line in wrap(&intro, width, 0, 0) {
        out.push_str(&line);
        out.push('\n');
    }
    out.push('\n');
    let commands = [
        (
            "advice search <words>",
            "find the chapter for your situation",
        ),
        (
            "advice chapter <name>",
            "read a chapter, e.g. advice chapter shipping",
        ),
        (
            "advice checklist <topic>",
            "turn a chapter's advice into a checklist",
        ),
    ];
    let left_width = 2 + commands.iter().map(|(c, _)| c.len()).max().unwrap_or(0) + 3;
    for (command, what) in commands {
        let pad = if narrow(left_width, width) {
            String::new()
        } else {
            " ".repeat(left_width - 2 - command.len())
        };
        out.push_str(&row(
            &format!("  {}{pad}", style.name(command)),
            left_width,
            what,
            width,
        ));
    }
    out.push('\n');
    for line in wrap(
        "More: advice browse, advice list, advice topics, advice tip, advice --help",
        width,
        0,
        0,
    ) {
        out.push_str(&line);
        out.push('\n');
    }
    if let Some(chapter) = reading {
        let text = format!(
            "You last read \"{}\": advice\u{a0}next goes on, advice\u{a0}prev goes back.",
            visible(&chapter.meta.title)
        );
        out.push('\n');
        for line in wrap(&text, width, 0, 0) {
            out.push_str(&style.dim(&line));
            out.push('\n');
        }
    }
    out
}

/// Indent of a search hit's second and later lines.
pub const HIT_INDENT: usize = 4;

/// Ranked search results: title and slug, where the match is, and a snippet
/// with the matching words highlighted.
pub fn search_results(hits: &[&crate::ranking::Hit], style: Style, width: usize) -> String {
    let mut out = String::new();
    let pad = " ".repeat(HIT_INDENT);
    for (i, hit) in hits.iter().enumerate() {
        if i > 0 {
            out.push('\n');
        }
        // " 1. Title  slug", the title wrapped under itself, the slug after it
        // or, if it doesn't fit, on a line of its own.
        let rank = format!("{:>2}.", i + 1);
        let slug = visible(&hit.slug);
        let titles = wrap(&visible(&hit.title), width, HIT_INDENT, HIT_INDENT);
        let last = titles.len() - 1;
        for (n, line) in titles.iter().enumerate() {
            let lead = if n == 0 {
                format!("{rank} ")
            } else {
                pad.clone()
            };
            out.push_str(&lead);
            out.push_str(&style.bold(line.trim_start()));
            if n == last {
                if cols(line) + 2 + cols(&slug) <= width {
                    out.push_str(&format!("  {}", style.name(&slug)));
                } else {
                    out.push_str(&format!("\n{pad}{}", style.name(&slug)));
                }
            }
            out.push('\n');
        }
        let mut place = vec![
            visible(&hit.part).into_owned(),
            format!("chapter\u{a0}{}", hit.order),
        ];
        if let Some(page) = hit.page {
            place.push(format!("p.\u{a0}{page}"));
        }
        // Where the match is, named as the chapter view shows it: the
        // summary is on the --short card, a tag-only match names its tags.
        if !hit.tags.is_empty() {
            place.push(format!("tagged {}", visible(&hit.tags.join(", "))));
        } else if hit.section == crate::analyze::SECTION_SUMMARY {
            place.push("Summary (chapter --short)".to_string());
            if !hit.readers_words.is_empty() {
                let words = visible(&hit.readers_words.join(", ")).into_owned();
                place.push(format!("readers ask about {words}"));
            }
        } else if hit.section == crate::analyze::SECTION_OVERVIEW {
            place.push("Opening".to_string());
        } else if !hit.section.is_empty() {
            place.push(visible(&hit.section).into_owned());
        }
        if hit.is_weak() {
            // One unit: a line never breaks inside it.
            place.push("weak\u{a0}match".to_string());
        }
        for line in wrap(&place.join(" · "), width, HIT_INDENT, HIT_INDENT) {
            out.push_str(&style.dim(&line));
            out.push('\n');
        }
        // The engine gives the whole line; the terminal gets about two lines of it.
        // `window` counts characters; wide ones take two columns each.
        let chars = hit.snippet.chars().count().max(1);
        let budget = snippet_chars(width) * chars / cols(&hit.snippet).max(chars);
        let (snippet, marks) = window(&hit.snippet, &hit.highlights, budget.max(20));
        for (start, end) in wrap_ranges(&snippet, width.saturating_sub(HIT_INDENT).max(20)) {
            out.push_str(&pad);
            out.push_str(&highlight(&snippet, start, end, &marks, style));
            out.push('\n');
        }
    }
    out
}

/// Cuts `text` to about `max_chars` characters around the densest run of
/// matches, at word boundaries, marking cuts with an ellipsis.
pub fn window(
    text: &str,
    marks: &[(usize, usize)],
    max_chars: usize,
) -> (String, Vec<(usize, usize)>) {
    let total = text.chars().count();
    if total <= max_chars || max_chars == 0 {
        return (text.to_string(), marks.to_vec());
    }
    let span = max_chars.saturating_sub(2);
    // Character index of a byte offset (counting whole characters before it).
    let char_at = |byte: usize| text.char_indices().take_while(|(b, _)| *b < byte).count();
    let anchor = marks
        .iter()
        .enumerate()
        .map(|(i, (start, _))| {
            let from = char_at(*start);
            let covered = marks[i..]
                .iter()
                .take_while(|(s, _)| char_at(*s) < from + span * 4 / 5)
                .count();
            (covered, std::cmp::Reverse(i), from)
        })
        .max()
        .map_or(0, |(_, _, from)| from);
    let mut start_char = anchor.saturating_sub(span / 5);
    if start_char + span > total {
        start_char = total.saturating_sub(span);
    }
    let byte_of = |ch: usize| text.char_indices().nth(ch).map_or(text.len(), |(b, _)| b);
    let mut start = byte_of(start_char);
    let mut end = byte_of((start_char + span).min(total));
    // Snap to word boundaries.
    if start > 0 {
        // Whitespace may be wider than a byte (a no-break or ideographic space).
        if let Some((space, c)) = text[start..]
            .char_indices()
            .find(|(_, c)| c.is_whitespace())
            && space < (end - start) / 2
        {
            start += space + c.len_utf8();
        }
    }
    if end < text.len()
        && let Some(space) = text[start..end].rfind(char::is_whitespace)
    {
        end = start + space;
    }
    let prefix = if start > 0 { "\u{2026}" } else { "" };
    let suffix = if end < text.len() { "\u{2026}" } else { "" };
    let body = text[start..end].trim();
    let lead = text[start..end].len() - text[start..end].trim_start().len();
    let shift = start + lead;
    let snippet = format!("{prefix}{body}{suffix}");
    let highlights = marks
        .iter()
        .filter(|(s, e)| *s >= shift && *e <= shift + body.len())
        .map(|(s, e)| (s - shift + prefix.len(), e - shift + prefix.len()))
        .collect();
    (snippet, highlights)
}

/// About two lines of snippet at this width.
pub fn snippet_chars(width: usize) -> usize {
    (width.saturating_sub(HIT_INDENT) * 2)
        .saturating_sub(4)
        .max(40)
}

/// Byte ranges of the lines `text` wraps into at `width` columns.
pub fn wrap_ranges(text: &str, width: usize) -> Vec<(usize, usize)> {
    line_ranges(text, width, 0, 0)
}

/// `text[start..end]` with the highlighted ranges painted, control characters escaped.
fn highlight(
    text: &str,
    start: usize,
    end: usize,
    marks: &[(usize, usize)],
    style: Style,
) -> String {
    let mut out = String::new();
    let mut at = start;
    for &(s, e) in marks {
        if e <= at || s >= end {
            continue;
        }
        let (s, e) = (s.max(at), e.min(end));
        out.push_str(&visible(&text[at..s]));
        out.push_str(&style.matched(&visible(&text[s..e])));
        at = e;
    }
    out.push_str(&visible(&text[at..end]));
    out
}

/// "From chapter N, "Title" · book p. P · advice chapter SLUG": where a checklist comes from.
pub fn checklist_source(checklist: &crate::checklist::Checklist) -> String {
    let chapter = checklist.chapter;
    let mut parts = vec![format!(
        "From chapter\u{a0}{}, \"{}\"",
        chapter.meta.order,
        visible(&chapter.meta.title)
    )];
    if let Some(page) = chapter.page() {
        parts.push(format!("book p.\u{a0}{page}"));
    }
    parts.push(format!(
        "advice\u{a0}chapter\u{a0}{}",
        visible(&chapter.meta.slug)
    ));
    parts.join(" · ")
}

/// A checklist's title and source lines.
pub fn checklist_header(
    checklist: &crate::checklist::Checklist,
    style: Style,
    width: usize,
) -> String {
    let mut out = String::new();
    for line in wrap(&visible(checklist.title), width, 0, 0) {
        out.push_str(&style.heading(&line));
        out.push('\n');
    }
    for line in wrap(&checklist_source(checklist), width, 0, 0) {
        out.push_str(&style.dim(&line));
        out.push('\n');
    }
    out
}

/// A checklist for the terminal: title, source, items as boxes, then the danger.
pub fn checklist_text(
    checklist: &crate::checklist::Checklist,
    style: Style,
    width: usize,
) -> String {
    let mut out = checklist_header(checklist, style, width);
    out.push('\n');
    let items: Vec<markdown::Piece> = checklist
        .items
        .iter()
        .map(|b| markdown::Piece::Block(b))
        .collect();
    out.push_str(&markdown::render(&items, width, style.colour));
    if !checklist.dangerous().is_empty() {
        out.push('\n');
        out.push_str(&style.warning("The dangerous part"));
        out.push('\n');
        for line in wrap(&visible(checklist.dangerous()), width, 2, 2) {
            out.push_str(&line);
            out.push('\n');
        }
    }
    if !checklist.caveats.is_empty() {
        out.push('\n');
        out.push_str(&style.heading("When this backfires"));
        out.push('\n');
        let caveats: Vec<markdown::Piece> = checklist
            .caveats
            .iter()
            .map(|b| markdown::Piece::Block(b))
            .collect();
        out.push_str(&markdown::render(&caveats, width, style.colour));
    }
    out
}

/// A checklist as markdown: a heading and a GitHub task list, ready to paste.
pub fn checklist_markdown(checklist: &crate::checklist::Checklist) -> String {
    let chapter = checklist.chapter;
    let mut out = format!("## {}\n\n", visible(checklist.title));
    let page = chapter
        .page()
        .map(|p| format!("; book p. {p}"))
        .unwrap_or_default();
    out.push_str(&format!(
        "From *{}* (`advice chapter {}`{page}).\n\n",
        visible(&chapter.meta.title),
        visible(&chapter.meta.slug)
    ));
    for item in &checklist.items {
        out.push_str(&format!("- [ ] {}\n", visible(&item.markdown)));
    }
    if !checklist.dangerous().is_empty() {
        out.push_str(&format!(
            "\n**The dangerous part:** {}\n",
            visible(checklist.dangerous())
        ));
    }
    if !checklist.caveats.is_empty() {
        out.push_str("\n**When this backfires:**\n\n");
        for caveat in &checklist.caveats {
            out.push_str(&format!("- {}\n", visible(&caveat.markdown)));
        }
    }
    out
}

/// Every checklist, grouped by part: name, item count, title, source chapter.
pub fn checklist_index(all: &[crate::checklist::Checklist], style: Style, width: usize) -> String {
    let name_width = all.iter().map(|c| cols(c.name)).max().unwrap_or(0);
    let mut out = String::new();
    let mut part: Option<&str> = None;
    for checklist in all {
        let chapter = checklist.chapter;
        if part != Some(chapter.meta.part.as_str()) {
            if part.is_some() {
                out.push('\n');
            }
            out.push_str(&style.heading(&visible(&chapter.meta.part)));
            out.push('\n');
            part = Some(&chapter.meta.part);
        }
        let name = visible(checklist.name);
        let pad = " ".repeat(name_width.saturating_sub(cols(&name)));
        let indent = 2 + name_width + 2 + 3 + 2;
        let text = format!(
            "{}  ({})",
            visible(checklist.title),
            visible(&chapter.meta.slug)
        );
        let left = format!(
            "  {}{pad}  {:>3}  ",
            style.name(&name),
            checklist.items.len()
        );
        out.push_str(&row(&left, indent, &text, width));
    }
    out
}

/// What an interactive walk ends with: the score, then the open items as
/// task boxes wrapped at the width.
pub fn interactive_summary(
    done: usize,
    total: usize,
    open: &[&str],
    style: Style,
    width: usize,
) -> String {
    let mut out = format!("\n{}", style.bold(&format!("Done {done} of {total}.")));
    if open.is_empty() {
        out.push_str(" Nothing left open.\n");
    } else {
        out.push_str(" Still open:\n\n");
        for item in open {
            let text = format!("\u{2610} {item}");
            for line in wrap(&text, width, 0, 2) {
                out.push_str(&line);
                out.push('\n');
            }
        }
    }
    out
}

/// A tip: the advice, when it backfires, then where it comes from.
pub fn tip(tip: &crate::tips::Tip, style: Style, width: usize) -> String {
    let mut out = String::new();
    for line in wrap(&visible(&tip.text), width, 0, 0) {
        out.push_str(&style.bold(&line));
        out.push('\n');
    }
    if let Some(caveat) = &tip.caveat {
        for line in wrap(&format!("Backfires: {}", visible(caveat)), width, 2, 4) {
            out.push_str(&line);
            out.push('\n');
        }
    }
    let page = tip
        .page
        .map(|p| format!(", book p.\u{a0}{p}"))
        .unwrap_or_default();
    let source = format!(
        "\u{2014} {} (advice chapter {}{page})",
        visible(&tip.title),
        visible(&tip.slug)
    );
    for line in wrap(&source, width, 2, 4) {
        out.push_str(&style.dim(&line));
        out.push('\n');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn printable_ascii_is_a_column_a_byte_as_the_tables_say() {
        let ascii: String = (b' '..=b'~').map(char::from).collect();
        assert_eq!(
            cols(&ascii),
            unicode_width::UnicodeWidthStr::width(ascii.as_str())
        );
        assert!(ascii.chars().all(|c| !is_wide(c)));
        assert_eq!(cols("日本"), 4);
        assert_eq!(cols("naïve"), 5);
        assert!(is_wide('日'));
    }
}
