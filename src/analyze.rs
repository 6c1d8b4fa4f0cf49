//! A chapter turned into what the search index needs: term frequencies per
//! field, field lengths, and the chapter's lines (paragraphs, bullets, title,
//! summary) with the terms each contains, for snippets.
//!
//! Shared with `build.rs`.

use crate::chapter::{BlockKind, Chapter, Origin, sections};
use crate::index::DocMeta;
use crate::text::Analyzer;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// Number of weighted fields.
pub const FIELD_COUNT: usize = 6;

/// The fields a chapter's words are counted in, weighted separately by search.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Field {
    /// Our title and the book chapter's title.
    Title = 0,
    /// Slug, aliases, checklist name and aliases: the names a reader types.
    Names = 1,
    Tags = 2,
    /// Summary and the dangerous line.
    Summary = 3,
    /// Section headings, the checklist title and checklist items.
    Outline = 4,
    /// Everything else in the body.
    Body = 5,
}

/// Section names for lines that come from the front matter or have no heading.
pub const SECTION_TITLE: &str = "Title";
pub const SECTION_SUMMARY: &str = "Summary";
pub const SECTION_DANGEROUS: &str = "Dangerous advice";
pub const SECTION_OVERVIEW: &str = "Overview";

/// What kind of text a line is (used to prefer body text over the title in snippets).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum LineKind {
    Title = 0,
    Summary = 1,
    Paragraph = 2,
    Item = 3,
    Heading = 4,
    Code = 5,
}

impl LineKind {
    pub fn from_u32(n: u32) -> LineKind {
        match n {
            0 => LineKind::Title,
            1 => LineKind::Summary,
            3 => LineKind::Item,
            4 => LineKind::Heading,
            5 => LineKind::Code,
            _ => LineKind::Paragraph,
        }
    }
}

/// One line of a chapter as search sees it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct LineData {
    /// Index into [`DocData::sections`].
    pub section: u32,
    pub kind: LineKind,
    /// Plain text (markup removed).
    pub text: String,
    /// Indices into [`DocData::terms`] of the terms in this line, sorted, unique.
    pub terms: Vec<u32>,
}

/// A chapter analysed for search.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DocData {
    /// Number of terms in each field.
    pub field_len: [u32; FIELD_COUNT],
    /// Every term with its frequency in each field, sorted by term.
    pub terms: Vec<(String, [u16; FIELD_COUNT])>,
    /// Every distinct folded word with the index of its term (for typo matching).
    pub words: Vec<(String, u32)>,
    pub lines: Vec<LineData>,
    /// Section names, referenced by lines.
    pub sections: Vec<String>,
}

/// Analyses a chapter for the index.
pub fn analyze(chapter: &Chapter, analyzer: &Analyzer) -> DocData {
    let meta = &chapter.meta;
    let mut counts: BTreeMap<String, [u16; FIELD_COUNT]> = BTreeMap::new();
    let mut words: BTreeMap<String, String> = BTreeMap::new();
    let mut field_len = [0u32; FIELD_COUNT];
    let mut raw_lines: Vec<(u32, LineKind, String, Vec<String>)> = Vec::new();
    let mut sections: Vec<String> = Vec::new();

    let mut count = |text: &str, field: Field| -> Vec<String> {
        let tokens = analyzer.tokens(text);
        let mut terms = Vec::with_capacity(tokens.len());
        for token in tokens {
            let slot =
                &mut counts.entry(token.term.clone()).or_insert([0; FIELD_COUNT])[field as usize];
            *slot = slot.saturating_add(1);
            field_len[field as usize] += 1;
            words
                .entry(token.word)
                .or_insert_with(|| token.term.clone());
            terms.push(token.term);
        }
        terms
    };
    let section_index = |name: &str, sections: &mut Vec<String>| -> u32 {
        match sections.iter().position(|s| s == name) {
            Some(i) => i as u32,
            None => {
                sections.push(name.to_string());
                (sections.len() - 1) as u32
            }
        }
    };

    let mut title = meta.title.clone();
    if let Some(book) = &meta.book {
        if book.chapter != meta.title {
            title.push_str(" \u{2014} ");
            title.push_str(&book.chapter);
        }
    }
    let terms = count(&title, Field::Title);
    let s = section_index(SECTION_TITLE, &mut sections);
    raw_lines.push((s, LineKind::Title, meta.title.clone(), terms));

    let mut names: Vec<&str> = vec![&meta.slug];
    names.extend(meta.aliases.iter().map(String::as_str));
    if let Some(checklist) = &meta.checklist {
        names.push(&checklist.name);
        names.extend(checklist.aliases.iter().map(String::as_str));
    }
    count(&names.join(" \n "), Field::Names);
    count(&meta.tags.join(" "), Field::Tags);

    let terms = count(meta.summary.trim(), Field::Summary);
    let s = section_index(SECTION_SUMMARY, &mut sections);
    raw_lines.push((s, LineKind::Summary, meta.summary.trim().to_string(), terms));
    let terms = count(meta.dangerous.trim(), Field::Summary);
    let s = section_index(SECTION_DANGEROUS, &mut sections);
    raw_lines.push((
        s,
        LineKind::Summary,
        meta.dangerous.trim().to_string(),
        terms,
    ));
    if let Some(checklist) = &meta.checklist {
        count(&checklist.title, Field::Outline);
    }

    for section in chapter.sections() {
        let name = if section.heading.is_empty() {
            SECTION_OVERVIEW
        } else {
            section.heading.as_str()
        };
        let s = section_index(name, &mut sections);
        if !section.heading.is_empty() {
            count(&section.heading, Field::Outline);
        }
        let is_checklist = section.heading.eq_ignore_ascii_case(sections::CHECKLIST);
        for (i, block) in section.blocks.iter().enumerate() {
            let (field, kind) = match block.kind {
                // The `# Title` heading is already counted as the title.
                BlockKind::Heading if section.heading.is_empty() && i == 0 => continue,
                BlockKind::Heading => (Field::Outline, LineKind::Heading),
                BlockKind::Task { .. } if is_checklist => (Field::Outline, LineKind::Item),
                BlockKind::Task { .. } | BlockKind::Item { .. } => (Field::Body, LineKind::Item),
                BlockKind::Paragraph => (Field::Body, LineKind::Paragraph),
                BlockKind::Code => (Field::Body, LineKind::Code),
            };
            if block.text.trim().is_empty() {
                continue;
            }
            let terms = count(&block.text, field);
            raw_lines.push((s, kind, block.text.clone(), terms));
        }
    }

    let terms: Vec<(String, [u16; FIELD_COUNT])> = counts.into_iter().collect();
    let index_of = |term: &str| {
        terms
            .binary_search_by(|(t, _)| t.as_str().cmp(term))
            .map_or(0, |i| i as u32)
    };
    let lines = raw_lines
        .into_iter()
        .map(|(section, kind, text, line_terms)| {
            let mut ids: Vec<u32> = line_terms.iter().map(|t| index_of(t)).collect();
            ids.sort_unstable();
            ids.dedup();
            LineData {
                section,
                kind,
                text,
                terms: ids,
            }
        })
        .collect();
    let words = words
        .into_iter()
        .map(|(word, term)| (word, index_of(&term)))
        .collect();
    DocData {
        field_len,
        terms,
        words,
        lines,
        sections,
    }
}

/// What the index keeps about a chapter besides its words.
pub fn doc_meta(chapter: &Chapter) -> DocMeta {
    let meta = &chapter.meta;
    DocMeta {
        slug: meta.slug.clone(),
        title: meta.title.clone(),
        part: meta.part.clone(),
        book_chapter: meta
            .book
            .as_ref()
            .map(|b| b.chapter.clone())
            .unwrap_or_default(),
        path: chapter.path.clone(),
        tags: meta.tags.clone(),
        order: meta.order,
        page: meta.book.as_ref().map_or(0, |b| b.page),
        origin: match chapter.origin {
            Origin::BuiltIn => 0,
            Origin::Added => 1,
            Origin::Replaced => 2,
        },
    }
}

/// Builds the search index of these chapters.
pub fn build_index(chapters: &[Chapter]) -> Vec<u8> {
    let analyzer = Analyzer::new();
    let data: Vec<DocData> = chapters.iter().map(|c| analyze(c, &analyzer)).collect();
    let docs: Vec<(DocMeta, &DocData)> = chapters
        .iter()
        .zip(&data)
        .map(|(c, d)| (doc_meta(c), d))
        .collect();
    crate::index::build(&docs)
}
