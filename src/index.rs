//! The search index as one flat byte buffer, read in place.
//!
//! The built-in guide's index is built by `build.rs` and compiled in; a
//! reader's library gets the same format in the cache directory. Reading it
//! costs nothing up front: lookups binary-search the term table and touch
//! only the postings and lines they need. Every read is bounds-checked, so a
//! damaged file yields `None` (and a rebuild), never a panic.
//!
//! Layout (little-endian): a header, then the tables in this order:
//! docs, terms (sorted), postings, lines, line terms, sections, vocabulary
//! (sorted folded words), strings. Strings are (offset, length) into the
//! string table.

use crate::analyze::{DocData, FIELD_COUNT};
use std::collections::BTreeMap;

const MAGIC: &[u8; 8] = b"ADVIDX03";
const HEADER: usize = 8 + 4 * 8 + 4 * FIELD_COUNT + 4;
const DOC: usize = 8 * 6 + 4 * 3 + 4 * FIELD_COUNT + 4 * 2;
const TERM: usize = 8 + 4 + 4;
const POSTING: usize = 4 + 2 * FIELD_COUNT;
const LINE: usize = 4 + 4 + 8 + 4 + 4;
const LINE_TERM: usize = 4;
const SECTION: usize = 8;
const VOCAB: usize = 8 + 4;

/// What the index keeps about each chapter besides its words.
#[derive(Debug, Clone, PartialEq)]
pub struct DocMeta {
    pub slug: String,
    pub title: String,
    pub part: String,
    /// The book chapter's title, or empty.
    pub book_chapter: String,
    pub path: String,
    pub tags: Vec<String>,
    pub order: u32,
    /// Book page, or 0.
    pub page: u32,
    /// 0 built-in, 1 added, 2 replaced.
    pub origin: u32,
}

/// Builds the index bytes for these documents, in the order given.
pub fn build(docs: &[(DocMeta, &DocData)]) -> Vec<u8> {
    let mut strings = Strings::default();
    // Global term dictionary: term -> postings (doc, tf per field).
    let mut postings: BTreeMap<&str, Vec<(u32, [u16; FIELD_COUNT])>> = BTreeMap::new();
    let mut vocab: BTreeMap<&str, &str> = BTreeMap::new();
    let mut total_len = [0f64; FIELD_COUNT];
    for (doc_id, (_, data)) in docs.iter().enumerate() {
        for (term, tf) in &data.terms {
            postings
                .entry(term.as_str())
                .or_default()
                .push((doc_id as u32, *tf));
        }
        for (word, term_index) in &data.words {
            if let Some((term, _)) = data.terms.get(*term_index as usize) {
                vocab.entry(word.as_str()).or_insert(term.as_str());
            }
        }
        for (total, len) in total_len.iter_mut().zip(data.field_len) {
            *total += f64::from(len);
        }
    }
    let term_ids: BTreeMap<&str, u32> = postings
        .keys()
        .enumerate()
        .map(|(i, t)| (*t, i as u32))
        .collect();

    let mut doc_table = Vec::with_capacity(docs.len() * DOC);
    let mut line_table = Vec::new();
    let mut line_terms = Vec::new();
    let mut section_table = Vec::new();
    let mut n_lines = 0u32;
    let mut n_line_terms = 0u32;
    let mut n_sections = 0u32;
    for (meta, data) in docs {
        let section_base = n_sections;
        for section in &data.sections {
            strings.put(&mut section_table, section);
            n_sections += 1;
        }
        let lines_start = n_lines;
        for line in &data.lines {
            put_u32(&mut line_table, section_base + line.section);
            put_u32(&mut line_table, line.kind as u32);
            strings.put(&mut line_table, &line.text);
            put_u32(&mut line_table, n_line_terms);
            let mut ids: Vec<u32> = line
                .terms
                .iter()
                .filter_map(|i| data.terms.get(*i as usize))
                .filter_map(|(t, _)| term_ids.get(t.as_str()).copied())
                .collect();
            ids.sort_unstable();
            ids.dedup();
            put_u32(&mut line_table, ids.len() as u32);
            for id in ids {
                put_u32(&mut line_terms, id);
                n_line_terms += 1;
            }
            n_lines += 1;
        }
        for text in [
            &meta.slug,
            &meta.title,
            &meta.part,
            &meta.book_chapter,
            &meta.path,
        ] {
            strings.put(&mut doc_table, text);
        }
        strings.put(&mut doc_table, &meta.tags.join("\n"));
        put_u32(&mut doc_table, meta.order);
        put_u32(&mut doc_table, meta.page);
        put_u32(&mut doc_table, meta.origin);
        for len in data.field_len {
            put_u32(&mut doc_table, len);
        }
        put_u32(&mut doc_table, lines_start);
        put_u32(&mut doc_table, n_lines);
    }

    let mut term_table = Vec::with_capacity(postings.len() * TERM);
    let mut posting_table = Vec::new();
    let mut n_postings = 0u32;
    for (term, list) in &postings {
        strings.put(&mut term_table, term);
        put_u32(&mut term_table, n_postings);
        put_u32(&mut term_table, list.len() as u32);
        for (doc, tf) in list {
            put_u32(&mut posting_table, *doc);
            for f in tf {
                posting_table.extend_from_slice(&f.to_le_bytes());
            }
            n_postings += 1;
        }
    }
    let mut vocab_table = Vec::with_capacity(vocab.len() * VOCAB);
    for (word, term) in &vocab {
        strings.put(&mut vocab_table, word);
        put_u32(&mut vocab_table, term_ids.get(term).copied().unwrap_or(0));
    }

    let n_docs = docs.len().max(1) as f64;
    let mut out = Vec::with_capacity(
        HEADER + doc_table.len() + term_table.len() + posting_table.len() + strings.bytes.len(),
    );
    out.extend_from_slice(MAGIC);
    for n in [
        docs.len() as u32,
        postings.len() as u32,
        n_postings,
        n_lines,
        n_line_terms,
        n_sections,
        vocab.len() as u32,
        strings.bytes.len() as u32,
    ] {
        put_u32(&mut out, n);
    }
    for total in total_len {
        out.extend_from_slice(&((total / n_docs) as f32).to_le_bytes());
    }
    put_u32(&mut out, 0); // reserved
    for table in [
        &doc_table,
        &term_table,
        &posting_table,
        &line_table,
        &line_terms,
        &section_table,
        &vocab_table,
        &strings.bytes,
    ] {
        out.extend_from_slice(table);
    }
    out
}

fn put_u32(out: &mut Vec<u8>, n: u32) {
    out.extend_from_slice(&n.to_le_bytes());
}

/// The string table, with identical strings stored once.
#[derive(Default)]
struct Strings {
    bytes: Vec<u8>,
    seen: std::collections::HashMap<String, u32>,
}

impl Strings {
    fn put(&mut self, table: &mut Vec<u8>, s: &str) {
        let offset = match self.seen.get(s) {
            Some(offset) => *offset,
            None => {
                let offset = self.bytes.len() as u32;
                self.bytes.extend_from_slice(s.as_bytes());
                if s.len() < 64 {
                    self.seen.insert(s.to_string(), offset);
                }
                offset
            }
        };
        put_u32(table, offset);
        put_u32(table, s.len() as u32);
    }
}

/// An index read in place from bytes.
#[derive(Debug, Clone, Copy)]
pub struct Index<'a> {
    bytes: &'a [u8],
    pub n_docs: u32,
    pub n_terms: u32,
    n_postings: u32,
    n_lines: u32,
    n_line_terms: u32,
    n_sections: u32,
    n_vocab: u32,
    avg_len: [f32; FIELD_COUNT],
    docs_at: usize,
    terms_at: usize,
    postings_at: usize,
    lines_at: usize,
    line_terms_at: usize,
    sections_at: usize,
    vocab_at: usize,
    strings_at: usize,
}

/// A chapter as the index knows it.
#[derive(Debug, Clone, PartialEq)]
pub struct DocView<'a> {
    pub slug: &'a str,
    pub title: &'a str,
    pub part: &'a str,
    pub book_chapter: &'a str,
    pub path: &'a str,
    pub tags: &'a str,
    pub order: u32,
    pub page: u32,
    pub origin: u32,
    pub field_len: [u32; FIELD_COUNT],
    pub lines: std::ops::Range<u32>,
}

/// A line of a chapter as the index knows it; its text and section name are
/// read only when asked for ([`Index::line_text`], [`Index::line_section`]).
#[derive(Debug, Clone, PartialEq)]
pub struct LineView {
    at: usize,
    section: u32,
    pub kind: u32,
    terms_start: u32,
    terms_len: u32,
}

impl<'a> Index<'a> {
    /// Reads the header and checks that every table fits; `None` if the bytes
    /// are not a complete index of this version.
    pub fn open(bytes: &'a [u8]) -> Option<Self> {
        if bytes.len() < HEADER || &bytes[..8] != MAGIC {
            return None;
        }
        let n = |i: usize| read_u32(bytes, 8 + 4 * i);
        let mut avg_len = [0f32; FIELD_COUNT];
        for (f, avg) in avg_len.iter_mut().enumerate() {
            *avg = f32::from_le_bytes(bytes.get(40 + 4 * f..44 + 4 * f)?.try_into().ok()?);
        }
        let (n_docs, n_terms, n_postings, n_lines) = (n(0)?, n(1)?, n(2)?, n(3)?);
        let (n_line_terms, n_sections, n_vocab, strings_len) = (n(4)?, n(5)?, n(6)?, n(7)?);
        let size = |count: u32, width: usize| (count as usize).checked_mul(width);
        let docs_at = HEADER;
        let terms_at = docs_at.checked_add(size(n_docs, DOC)?)?;
        let postings_at = terms_at.checked_add(size(n_terms, TERM)?)?;
        let lines_at = postings_at.checked_add(size(n_postings, POSTING)?)?;
        let line_terms_at = lines_at.checked_add(size(n_lines, LINE)?)?;
        let sections_at = line_terms_at.checked_add(size(n_line_terms, LINE_TERM)?)?;
        let vocab_at = sections_at.checked_add(size(n_sections, SECTION)?)?;
        let strings_at = vocab_at.checked_add(size(n_vocab, VOCAB)?)?;
        if strings_at.checked_add(strings_len as usize)? != bytes.len() {
            return None;
        }
        Some(Index {
            bytes,
            n_docs,
            n_terms,
            n_postings,
            n_lines,
            n_line_terms,
            n_sections,
            n_vocab,
            avg_len,
            docs_at,
            terms_at,
            postings_at,
            lines_at,
            line_terms_at,
            sections_at,
            vocab_at,
            strings_at,
        })
    }

    /// Average length of each field over all documents.
    pub fn avg_len(&self) -> [f32; FIELD_COUNT] {
        self.avg_len
    }

    fn u32_at(&self, at: usize) -> Option<u32> {
        read_u32(self.bytes, at)
    }

    fn str_at(&self, at: usize) -> Option<&'a str> {
        let offset = self.u32_at(at)? as usize;
        let len = self.u32_at(at + 4)? as usize;
        let start = self.strings_at.checked_add(offset)?;
        let bytes = self.bytes.get(start..start.checked_add(len)?)?;
        std::str::from_utf8(bytes).ok()
    }

    /// Document `i`.
    pub fn doc(&self, i: u32) -> Option<DocView<'a>> {
        if i >= self.n_docs {
            return None;
        }
        let at = self.docs_at + i as usize * DOC;
        let mut field_len = [0u32; FIELD_COUNT];
        for (f, len) in field_len.iter_mut().enumerate() {
            *len = self.u32_at(at + 60 + 4 * f)?;
        }
        let lines_start = self.u32_at(at + 60 + 4 * FIELD_COUNT)?;
        let lines_end = self.u32_at(at + 64 + 4 * FIELD_COUNT)?;
        if lines_start > lines_end || lines_end > self.n_lines {
            return None;
        }
        Some(DocView {
            slug: self.str_at(at)?,
            title: self.str_at(at + 8)?,
            part: self.str_at(at + 16)?,
            book_chapter: self.str_at(at + 24)?,
            path: self.str_at(at + 32)?,
            tags: self.str_at(at + 40)?,
            order: self.u32_at(at + 48)?,
            page: self.u32_at(at + 52)?,
            origin: self.u32_at(at + 56)?,
            field_len,
            lines: lines_start..lines_end,
        })
    }

    /// Text of term `id`.
    pub fn term(&self, id: u32) -> Option<&'a str> {
        if id >= self.n_terms {
            return None;
        }
        self.str_at(self.terms_at + id as usize * TERM)
    }

    /// The id of an exact term.
    pub fn find_term(&self, term: &str) -> Option<u32> {
        let (mut lo, mut hi) = (0u32, self.n_terms);
        while lo < hi {
            let mid = lo + (hi - lo) / 2;
            match self.term(mid)?.cmp(term) {
                std::cmp::Ordering::Less => lo = mid + 1,
                std::cmp::Ordering::Greater => hi = mid,
                std::cmp::Ordering::Equal => return Some(mid),
            }
        }
        None
    }

    /// Documents containing term `id`, with the term's frequency in each field.
    pub fn postings(
        &self,
        id: u32,
    ) -> Option<impl Iterator<Item = (u32, [u16; FIELD_COUNT])> + 'a> {
        let at = self.terms_at + id as usize * TERM;
        let start = self.u32_at(at + 8)?;
        let len = self.u32_at(at + 12)?;
        if start.checked_add(len)? > self.n_postings {
            return None;
        }
        let bytes = self.bytes;
        let base = self.postings_at + start as usize * POSTING;
        Some((0..len as usize).filter_map(move |i| {
            let at = base + i * POSTING;
            let doc = read_u32(bytes, at)?;
            let mut tf = [0u16; FIELD_COUNT];
            for (f, slot) in tf.iter_mut().enumerate() {
                *slot =
                    u16::from_le_bytes(bytes.get(at + 4 + 2 * f..at + 6 + 2 * f)?.try_into().ok()?);
            }
            Some((doc, tf))
        }))
    }

    /// Number of documents containing term `id`.
    pub fn doc_freq(&self, id: u32) -> u32 {
        self.u32_at(self.terms_at + id as usize * TERM + 12)
            .unwrap_or(0)
    }

    /// Line `i` (global numbering; see [`DocView::lines`]).
    pub fn line(&self, i: u32) -> Option<LineView> {
        if i >= self.n_lines {
            return None;
        }
        let at = self.lines_at + i as usize * LINE;
        let section = self.u32_at(at)?;
        if section >= self.n_sections {
            return None;
        }
        Some(LineView {
            at,
            section,
            kind: self.u32_at(at + 4)?,
            terms_start: self.u32_at(at + 16)?,
            terms_len: self.u32_at(at + 20)?,
        })
    }

    /// The text of a line.
    pub fn line_text(&self, line: &LineView) -> Option<&'a str> {
        self.str_at(line.at + 8)
    }

    /// The name of the section a line is in.
    pub fn line_section(&self, line: &LineView) -> Option<&'a str> {
        self.str_at(self.sections_at + line.section as usize * SECTION)
    }

    /// Field lengths of document `i`, without reading its strings.
    pub fn doc_field_len(&self, i: u32) -> Option<[u32; FIELD_COUNT]> {
        if i >= self.n_docs {
            return None;
        }
        let at = self.docs_at + i as usize * DOC;
        let mut field_len = [0u32; FIELD_COUNT];
        for (f, len) in field_len.iter_mut().enumerate() {
            *len = self.u32_at(at + 60 + 4 * f)?;
        }
        Some(field_len)
    }

    /// Reading order of document `i`.
    pub fn doc_order(&self, i: u32) -> Option<u32> {
        (i < self.n_docs)
            .then(|| self.u32_at(self.docs_at + i as usize * DOC + 48))
            .flatten()
    }

    /// Tags of document `i`, newline-separated.
    pub fn doc_tags(&self, i: u32) -> Option<&'a str> {
        (i < self.n_docs)
            .then(|| self.str_at(self.docs_at + i as usize * DOC + 40))
            .flatten()
    }

    /// Whether a line contains term `id`.
    pub fn line_has(&self, line: &LineView, id: u32) -> bool {
        let (mut lo, mut hi) = (0, line.terms_len);
        if line.terms_start.saturating_add(line.terms_len) > self.n_line_terms {
            return false;
        }
        while lo < hi {
            let mid = lo + (hi - lo) / 2;
            let at = self.line_terms_at + (line.terms_start + mid) as usize * LINE_TERM;
            match self.u32_at(at) {
                Some(t) if t < id => lo = mid + 1,
                Some(t) if t > id => hi = mid,
                Some(_) => return true,
                None => return false,
            }
        }
        false
    }

    /// Every folded word of the library with its term id, in sorted order.
    pub fn vocabulary(&self) -> impl Iterator<Item = (&'a str, u32)> + 'a {
        let index = *self;
        (0..self.n_vocab).filter_map(move |i| {
            let at = index.vocab_at + i as usize * VOCAB;
            Some((index.str_at(at)?, index.u32_at(at + 8)?))
        })
    }
}

fn read_u32(bytes: &[u8], at: usize) -> Option<u32> {
    Some(u32::from_le_bytes(
        bytes.get(at..at.checked_add(4)?)?.try_into().ok()?,
    ))
}
