//! A chapter turned into what the search index needs: term frequencies per
//! field, field lengths, and the chapter's lines (paragraphs, bullets, title,
//! summary) with the terms each contains, for snippets.
//!
//! Shared with `build.rs`.

use crate::chapter::{BlockKind, Chapter, Origin, sections};
use crate::index::DocMeta;
use crate::text::{Analyzer, fold_into, is_stop_word, words};
use rustc_hash::FxHashMap as HashMap;
use serde::{Deserialize, Serialize};

/// Number of weighted fields.
pub const FIELD_COUNT: usize = 8;

/// The fields a chapter's words are counted in, weighted separately by search.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Field {
    /// Our title and the book chapter's title.
    Title = 0,
    /// Slug, aliases, checklist name and aliases: the names a reader types.
    Names = 1,
    /// The chapter's tags.
    Tags = 2,
    /// Summary and the dangerous line.
    Summary = 3,
    /// Section headings, the checklist title and checklist items.
    Outline = 4,
    /// Everything else in the body.
    Body = 5,
    /// The situations of "Read this when", in a reader's own words.
    Situations = 6,
    /// What readers type when the chapter would help them ([`crate::asks`]):
    /// built-in chapters only, searched but never shown.
    Asks = 7,
}

/// Section names for lines that come from the front matter or have no heading.
pub const SECTION_TITLE: &str = "Title";
/// Section name of the summary line.
pub const SECTION_SUMMARY: &str = "Summary";
/// Section name of the dangerous-advice line.
pub const SECTION_DANGEROUS: &str = "Dangerous advice";
/// Section name of a hit found by its tags alone (the snippet is the summary).
pub const SECTION_TAGS: &str = "Tags";
/// Section name for body text before the first `##` heading.
pub const SECTION_OVERVIEW: &str = "Overview";

/// What kind of text a line is (used to prefer body text over the title in snippets).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum LineKind {
    /// The chapter's title.
    Title = 0,
    /// The summary or the dangerous line.
    Summary = 1,
    /// A paragraph of the body.
    Paragraph = 2,
    /// A bullet or task item.
    Item = 3,
    /// A sub-heading within a section.
    Heading = 4,
    /// A code block.
    Code = 5,
}

/// One line of a chapter as search sees it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct LineData {
    /// Index into [`DocData::sections`].
    pub section: u32,
    /// What kind of text the line is.
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
    /// Every term with its frequency in each field, in the order first seen.
    pub terms: Vec<(String, [u16; FIELD_COUNT])>,
    /// Every distinct folded word with the index of its term (for typo matching).
    pub words: Vec<(String, u32)>,
    /// The title, summary and dangerous lines, then every non-empty body block, in order.
    pub lines: Vec<LineData>,
    /// Section names, referenced by lines.
    pub sections: Vec<String>,
}

/// Counts a chapter's terms. Each distinct word is folded and stemmed once
/// per chapter; every other occurrence is a hash lookup.
struct Counter<'a> {
    analyzer: &'a Analyzer,
    word_ids: HashMap<String, u32>,
    term_ids: HashMap<String, u32>,
    terms: Vec<(String, [u16; FIELD_COUNT])>,
    words: Vec<(String, u32)>,
    field_len: [u32; FIELD_COUNT],
    buf: String,
}

impl Counter<'_> {
    /// Counts the words of `text` in `field`; returns their term indices.
    fn count(&mut self, text: &str, field: Field) -> Vec<u32> {
        let mut ids = Vec::new();
        for (start, end) in words(text) {
            fold_into(&text[start..end], &mut self.buf);
            if self.buf.is_empty() || is_stop_word(&self.buf) {
                continue;
            }
            let id = match self.word_ids.get(self.buf.as_str()) {
                Some(&id) => id,
                None => {
                    let term = self.analyzer.term(&self.buf);
                    let id = match self.term_ids.get(&term) {
                        Some(&id) => id,
                        None => {
                            let id = self.terms.len() as u32;
                            self.term_ids.insert(term.clone(), id);
                            self.terms.push((term, [0; FIELD_COUNT]));
                            id
                        }
                    };
                    self.word_ids.insert(self.buf.clone(), id);
                    self.words.push((self.buf.clone(), id));
                    id
                }
            };
            let slot = &mut self.terms[id as usize].1[field as usize];
            *slot = slot.saturating_add(1);
            self.field_len[field as usize] += 1;
            ids.push(id);
        }
        ids
    }
}

/// Analyses a chapter for the index.
pub fn analyze(chapter: &Chapter, analyzer: &Analyzer) -> DocData {
    let meta = &chapter.meta;
    let mut counter = Counter {
        analyzer,
        word_ids: HashMap::default(),
        term_ids: HashMap::default(),
        terms: Vec::new(),
        words: Vec::new(),
        field_len: [0; FIELD_COUNT],
        buf: String::new(),
    };
    let mut lines: Vec<LineData> = Vec::new();
    let mut sections: Vec<String> = Vec::new();
    let mut section_index = |name: &str| -> u32 {
        match sections.iter().position(|s| s == name) {
            Some(i) => i as u32,
            None => {
                sections.push(name.to_string());
                (sections.len() - 1) as u32
            }
        }
    };
    let mut line = |section: u32, kind: LineKind, text: &str, mut terms: Vec<u32>| {
        terms.sort_unstable();
        terms.dedup();
        lines.push(LineData {
            section,
            kind,
            text: text.to_string(),
            terms,
        });
    };

    let mut title = meta.title.clone();
    if let Some(book) = &meta.book {
        if book.chapter != meta.title {
            title.push_str(" \u{2014} ");
            title.push_str(&book.chapter);
        }
    }
    let terms = counter.count(&title, Field::Title);
    line(
        section_index(SECTION_TITLE),
        LineKind::Title,
        &meta.title,
        terms,
    );

    let mut names: Vec<&str> = vec![&meta.slug];
    names.extend(meta.aliases.iter().map(String::as_str));
    if let Some(checklist) = &meta.checklist {
        names.push(&checklist.name);
        names.extend(checklist.aliases.iter().map(String::as_str));
    }
    counter.count(&names.join(" \n "), Field::Names);
    counter.count(&meta.tags.join(" "), Field::Tags);

    let terms = counter.count(meta.summary.trim(), Field::Summary);
    line(
        section_index(SECTION_SUMMARY),
        LineKind::Summary,
        meta.summary.trim(),
        terms,
    );
    let terms = counter.count(meta.dangerous.trim(), Field::Summary);
    line(
        section_index(SECTION_DANGEROUS),
        LineKind::Summary,
        meta.dangerous.trim(),
        terms,
    );
    if let Some(checklist) = &meta.checklist {
        counter.count(&checklist.title, Field::Outline);
    }

    for section in chapter.sections() {
        let name = if section.heading.is_empty() {
            SECTION_OVERVIEW
        } else {
            section.heading.as_str()
        };
        let s = section_index(name);
        if !section.heading.is_empty() {
            counter.count(&section.heading, Field::Outline);
        }
        let is_checklist = section.heading.eq_ignore_ascii_case(sections::CHECKLIST);
        let is_situations = section.heading.eq_ignore_ascii_case(sections::READ_WHEN);
        for (i, block) in section.blocks.iter().enumerate() {
            let (field, kind) = match block.kind {
                // The `# Title` heading is already counted as the title.
                BlockKind::Heading if section.heading.is_empty() && i == 0 => continue,
                BlockKind::Heading => (Field::Outline, LineKind::Heading),
                BlockKind::Task { .. } if is_checklist => (Field::Outline, LineKind::Item),
                BlockKind::Item { .. } if is_situations => (Field::Situations, LineKind::Item),
                BlockKind::Task { .. } | BlockKind::Item { .. } | BlockKind::Numbered { .. } => {
                    (Field::Body, LineKind::Item)
                }
                BlockKind::Paragraph | BlockKind::Table => (Field::Body, LineKind::Paragraph),
                BlockKind::Code => (Field::Body, LineKind::Code),
            };
            if block.text.trim().is_empty() {
                continue;
            }
            let terms = counter.count(&block.text, field);
            line(s, kind, &block.text, terms);
        }
    }
    if chapter.origin == Origin::BuiltIn {
        for ask in crate::asks::for_chapter(&meta.slug) {
            counter.count(ask, Field::Asks);
        }
    }
    // A library's analyses are all kept until its index is built: give back
    // what the vectors grew by and never used.
    let mut terms = counter.terms;
    let mut words = counter.words;
    terms.shrink_to_fit();
    words.shrink_to_fit();
    lines.shrink_to_fit();
    for line in &mut lines {
        line.terms.shrink_to_fit();
    }
    DocData {
        field_len: counter.field_len,
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
        checklist: meta
            .checklist
            .as_ref()
            .map(|c| c.name.clone())
            .unwrap_or_default(),
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
    let docs: Vec<(DocMeta, crate::index::DocTerms)> = chapters
        .iter()
        .zip(&data)
        .map(|(c, d)| (doc_meta(c), d.terms_ref()))
        .collect();
    crate::index::build(&docs, &[])
}
