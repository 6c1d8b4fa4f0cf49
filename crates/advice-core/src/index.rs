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
//!
//! A reader's index is read from a file mapped into memory; so that a search
//! need not read and check tens of megabytes it will mostly not touch, the
//! file carries a checksum per [`BLOCK`] bytes ([`Blocks`]) and each block is
//! verified the first time a read touches it. A block that fails makes that
//! read `None` and marks the index damaged ([`Blocks::damaged`]), so the
//! caller can rebuild it and ask again.

use crate::analyze::{DocData, FIELD_COUNT};
use rustc_hash::FxHashMap as HashMap;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};

const MAGIC: &[u8; 8] = b"ADVIDX07";

/// Where each field of each record lies, in bytes from the record's start.
/// The writer ([`build`]) and the reader ([`Index`]) use these and nothing
/// else, so the layout is defined once. A string field is a `u32` offset
/// into the string table followed by a `u32` length ([`STR`] bytes).
mod layout {
    use crate::analyze::FIELD_COUNT;

    /// A string reference: offset, then length.
    pub const STR: usize = 8;

    /// The header: magic, eight counts, each field's total length (a
    /// `u64`, so an index laid over another sums lengths exactly), reserved.
    pub mod header {
        use super::FIELD_COUNT;
        /// docs, terms, postings, lines, line terms, sections, vocabulary words, string bytes.
        pub const COUNTS: usize = 8;
        pub const TOTAL_LEN: usize = COUNTS + 4 * 8;
        pub const RESERVED: usize = TOTAL_LEN + 8 * FIELD_COUNT;
        pub const SIZE: usize = RESERVED + 4;
    }

    /// A document: its names (strings), numbers, field lengths and its lines.
    pub mod doc {
        use super::{FIELD_COUNT, STR};
        pub const SLUG: usize = 0;
        pub const TITLE: usize = SLUG + STR;
        pub const PART: usize = TITLE + STR;
        pub const BOOK_CHAPTER: usize = PART + STR;
        pub const PATH: usize = BOOK_CHAPTER + STR;
        pub const CHECKLIST: usize = PATH + STR;
        pub const TAGS: usize = CHECKLIST + STR;
        pub const ORDER: usize = TAGS + STR;
        pub const PAGE: usize = ORDER + 4;
        pub const ORIGIN: usize = PAGE + 4;
        pub const FIELD_LEN: usize = ORIGIN + 4;
        pub const LINES_START: usize = FIELD_LEN + 4 * FIELD_COUNT;
        pub const LINES_END: usize = LINES_START + 4;
        pub const SIZE: usize = LINES_END + 4;
    }

    /// A term (sorted by text) and the range of its postings.
    pub mod term {
        use super::STR;
        pub const TEXT: usize = 0;
        pub const POSTINGS_START: usize = TEXT + STR;
        pub const POSTINGS_LEN: usize = POSTINGS_START + 4;
        pub const SIZE: usize = POSTINGS_LEN + 4;
    }

    /// A document containing a term, with the term's frequency in each
    /// field. Postings are most of an index, so they are packed: the
    /// document in three bytes (a library holds far fewer than 16 million),
    /// each frequency in one (saturating at 255; BM25 has long flattened out
    /// by then).
    pub mod posting {
        use super::FIELD_COUNT;
        pub const DOC: usize = 0;
        pub const DOC_BYTES: usize = 3;
        pub const TF: usize = DOC + DOC_BYTES;
        pub const SIZE: usize = TF + FIELD_COUNT;
    }

    /// A line: its section, kind, text and the range of its (sorted) term ids.
    pub mod line {
        use super::STR;
        pub const SECTION: usize = 0;
        pub const KIND: usize = SECTION + 4;
        pub const TEXT: usize = KIND + 4;
        pub const TERMS_START: usize = TEXT + STR;
        pub const TERMS_LEN: usize = TERMS_START + 4;
        pub const SIZE: usize = TERMS_LEN + 4;
    }

    /// One term id of a line.
    pub mod line_term {
        pub const SIZE: usize = 4;
    }

    /// A section name.
    pub mod section {
        pub const NAME: usize = 0;
        pub const SIZE: usize = super::STR;
    }

    /// A folded word (sorted) and its term id.
    pub mod vocab {
        use super::STR;
        pub const WORD: usize = 0;
        pub const TERM: usize = WORD + STR;
        pub const SIZE: usize = TERM + 4;
    }
}

use layout::{doc, header, line, line_term, posting, section, term, vocab};

/// One fixed-size record being written, its fields set at their offsets.
struct Record<const N: usize>([u8; N]);

impl<const N: usize> Record<N> {
    fn new() -> Self {
        Record([0; N])
    }

    fn u32(&mut self, at: usize, n: u32) -> &mut Self {
        self.0[at..at + 4].copy_from_slice(&n.to_le_bytes());
        self
    }

    fn str(&mut self, at: usize, (offset, len): (u32, u32)) -> &mut Self {
        self.u32(at, offset).u32(at + 4, len)
    }

    fn write(&self, table: &mut Vec<u8>) {
        table.extend_from_slice(&self.0);
    }
}

/// What the index keeps about each chapter besides its words.
#[derive(Debug, Clone, PartialEq)]
pub struct DocMeta {
    /// The chapter's slug.
    pub slug: String,
    /// Our title.
    pub title: String,
    /// The part it belongs to.
    pub part: String,
    /// The book chapter's title, or empty.
    pub book_chapter: String,
    /// The file it came from, as shown in messages.
    pub path: String,
    /// Its checklist's name, or empty.
    pub checklist: String,
    /// Its tags.
    pub tags: Vec<String>,
    /// Reading order.
    pub order: u32,
    /// Book page, or 0.
    pub page: u32,
    /// 0 built-in, 1 added, 2 replaced.
    pub origin: u32,
}

/// One document's words as the index builder takes them, borrowed either
/// from a fresh analysis ([`DocData::terms_ref`]) or from an older index
/// ([`Index::doc_terms`]), so unchanged chapters are never analysed twice.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct DocTerms<'a> {
    /// Number of terms in each field.
    pub field_len: [u32; FIELD_COUNT],
    /// Terms with their frequency in each field; lines refer to them by position.
    pub terms: Vec<(&'a str, [u16; FIELD_COUNT])>,
    /// Folded words with the position of their term (for typo matching).
    pub words: Vec<(&'a str, u32)>,
    /// Its lines (paragraphs, items, front-matter lines), in order.
    pub lines: Vec<LineTerms<'a>>,
    /// Its section names, which lines refer to by position.
    pub sections: Vec<&'a str>,
}

/// A line of a [`DocTerms`].
#[derive(Debug, Clone, PartialEq)]
pub struct LineTerms<'a> {
    /// Position in [`DocTerms::sections`].
    pub section: u32,
    /// What kind of line it is ([`crate::analyze::LineKind`] as a number).
    pub kind: u32,
    /// The line's text.
    pub text: &'a str,
    /// Positions in [`DocTerms::terms`].
    pub terms: Vec<u32>,
}

impl DocData {
    /// This analysis as the index builder takes it.
    pub fn terms_ref(&self) -> DocTerms<'_> {
        DocTerms {
            field_len: self.field_len,
            terms: self.terms.iter().map(|(t, tf)| (t.as_str(), *tf)).collect(),
            words: self.words.iter().map(|(w, i)| (w.as_str(), *i)).collect(),
            lines: self
                .lines
                .iter()
                .map(|l| LineTerms {
                    section: l.section,
                    kind: l.kind as u32,
                    text: &l.text,
                    terms: l.terms.clone(),
                })
                .collect(),
            sections: self.sections.iter().map(String::as_str).collect(),
        }
    }
}

/// Builds the index bytes for these documents, in the order given (see
/// [`Builder`], which this feeds one document at a time).
/// `extra_words` are (folded word, term) pairs carried over from an older
/// index; those whose term is still in the library join the vocabulary.
pub fn build(docs: &[(DocMeta, DocTerms)], extra_words: &[(&str, &str)]) -> Vec<u8> {
    let mut builder = Builder::default();
    for (meta, data) in docs {
        builder.add(meta, data);
    }
    builder.finish(extra_words)
}

/// Builds an index one document at a time, so a library's analyses need
/// not all be held at once: each is written into the tables as it comes
/// (terms get ids in the order first seen, one hash lookup per document
/// term), and [`Builder::finish`] sorts the terms once and maps the lines'
/// terms to their sorted ids. This keeps a 5,000-chapter build well under a
/// second and its memory to the index itself.
#[derive(Default)]
pub struct Builder {
    ids: HashMap<String, u32>,
    texts: Vec<String>,
    /// Each term's postings: document, and frequency per field as stored (saturating at 255).
    lists: Vec<Vec<(u32, [u8; FIELD_COUNT])>>,
    vocab: HashMap<String, u32>,
    total_len: [u64; FIELD_COUNT],
    strings: Strings,
    doc_table: Vec<u8>,
    line_table: Vec<u8>,
    /// Each line's terms by first-seen id, until `finish` knows the sorted ids.
    line_terms: Vec<u32>,
    /// (start, length) of each line's run in `line_terms`.
    line_runs: Vec<(u32, u32)>,
    section_table: Vec<u8>,
    n_docs: u32,
    n_sections: u32,
}

impl Builder {
    /// Adds the next document.
    pub fn add(&mut self, meta: &DocMeta, data: &DocTerms) {
        let doc_id = self.n_docs;
        let mut local = Vec::with_capacity(data.terms.len());
        for (term, tf) in &data.terms {
            let id = match self.ids.get(*term) {
                Some(&id) => id,
                None => {
                    let id = self.texts.len() as u32;
                    self.ids.insert((*term).to_string(), id);
                    self.texts.push((*term).to_string());
                    self.lists.push(Vec::new());
                    id
                }
            };
            self.lists[id as usize].push((doc_id, tf.map(|n| u8::try_from(n).unwrap_or(u8::MAX))));
            local.push(id);
        }
        for (word, term_index) in &data.words {
            if let Some(&id) = local.get(*term_index as usize) {
                if !self.vocab.contains_key(*word) {
                    self.vocab.insert((*word).to_string(), id);
                }
            }
        }
        for (total, len) in self.total_len.iter_mut().zip(data.field_len) {
            *total += u64::from(len);
        }
        let section_base = self.n_sections;
        for name in &data.sections {
            Record::<{ section::SIZE }>::new()
                .str(section::NAME, self.strings.put(name))
                .write(&mut self.section_table);
            self.n_sections += 1;
        }
        let lines_start = self.line_runs.len() as u32;
        for l in &data.lines {
            let start = self.line_terms.len();
            self.line_terms
                .extend(l.terms.iter().filter_map(|i| local.get(*i as usize)));
            // First-seen ids map one to one onto sorted ones: unique here is unique there.
            self.line_terms[start..].sort_unstable();
            let mut kept = start;
            for i in start..self.line_terms.len() {
                if i == start || self.line_terms[i] != self.line_terms[kept - 1] {
                    self.line_terms[kept] = self.line_terms[i];
                    kept += 1;
                }
            }
            self.line_terms.truncate(kept);
            let run = (start as u32, (kept - start) as u32);
            Record::<{ line::SIZE }>::new()
                .u32(line::SECTION, section_base + l.section)
                .u32(line::KIND, l.kind)
                .str(line::TEXT, self.strings.put(l.text))
                .u32(line::TERMS_START, run.0)
                .u32(line::TERMS_LEN, run.1)
                .write(&mut self.line_table);
            self.line_runs.push(run);
        }
        let mut record = Record::<{ doc::SIZE }>::new();
        record
            .str(doc::SLUG, self.strings.put(&meta.slug))
            .str(doc::TITLE, self.strings.put(&meta.title))
            .str(doc::PART, self.strings.put(&meta.part))
            .str(doc::BOOK_CHAPTER, self.strings.put(&meta.book_chapter))
            .str(doc::PATH, self.strings.put(&meta.path))
            .str(doc::CHECKLIST, self.strings.put(&meta.checklist))
            .str(doc::TAGS, self.strings.put_owned(&meta.tags.join("\n")))
            .u32(doc::ORDER, meta.order)
            .u32(doc::PAGE, meta.page)
            .u32(doc::ORIGIN, meta.origin)
            .u32(doc::LINES_START, lines_start)
            .u32(doc::LINES_END, self.line_runs.len() as u32);
        for (f, len) in data.field_len.iter().enumerate() {
            record.u32(doc::FIELD_LEN + 4 * f, *len);
        }
        record.write(&mut self.doc_table);
        self.n_docs += 1;
    }

    /// The index bytes. `extra_words` are (folded word, term) pairs carried
    /// over from an older index; those whose term is still in the library
    /// join the vocabulary.
    pub fn finish(mut self, extra_words: &[(&str, &str)]) -> Vec<u8> {
        for (word, term) in extra_words {
            if let Some(&id) = self.ids.get(*term) {
                if !self.vocab.contains_key(*word) {
                    self.vocab.insert((*word).to_string(), id);
                }
            }
        }
        // What is no longer needed is freed as soon as it is not, and the
        // postings, the largest table, are written straight into the
        // index: a 5,000-chapter build's memory peaks at the index plus
        // what is left of the builder, not at twice the index.
        drop(std::mem::take(&mut self.ids));
        // Sorted order of the terms, and each first-seen id's place in it.
        let texts = std::mem::take(&mut self.texts);
        let mut order: Vec<u32> = (0..texts.len() as u32).collect();
        order.sort_unstable_by(|a, b| texts[*a as usize].cmp(&texts[*b as usize]));
        let mut rank = vec![0u32; texts.len()];
        for (sorted, first_seen) in order.iter().enumerate() {
            rank[*first_seen as usize] = sorted as u32;
        }
        // Lines' terms by sorted id, each line's run sorted again.
        let n_line_terms = self.line_terms.len();
        let mut line_terms = Vec::with_capacity(n_line_terms * 4);
        for &(start, len) in &self.line_runs {
            let run = &mut self.line_terms[start as usize..(start + len) as usize];
            for id in run.iter_mut() {
                *id = rank[*id as usize];
            }
            run.sort_unstable();
            for id in run.iter() {
                line_terms.extend_from_slice(&id.to_le_bytes());
            }
        }
        drop(std::mem::take(&mut self.line_terms));

        let mut term_table = Vec::with_capacity(texts.len() * term::SIZE);
        let mut n_postings = 0u32;
        for first_seen in &order {
            let len = self.lists[*first_seen as usize].len() as u32;
            Record::<{ term::SIZE }>::new()
                .str(term::TEXT, self.strings.put(&texts[*first_seen as usize]))
                .u32(term::POSTINGS_START, n_postings)
                .u32(term::POSTINGS_LEN, len)
                .write(&mut term_table);
            n_postings += len;
        }
        drop(texts);
        let vocab = std::mem::take(&mut self.vocab);
        let mut words: Vec<(&str, u32)> = vocab
            .iter()
            .map(|(w, id)| (w.as_str(), rank[*id as usize]))
            .collect();
        words.sort_unstable();
        let mut vocab_table = Vec::with_capacity(words.len() * vocab::SIZE);
        for (word, id) in &words {
            Record::<{ vocab::SIZE }>::new()
                .str(vocab::WORD, self.strings.put(word))
                .u32(vocab::TERM, *id)
                .write(&mut vocab_table);
        }
        let n_words = words.len() as u32;
        drop(words);
        drop(vocab);
        drop(std::mem::take(&mut self.strings.seen));

        let mut head = Record::<{ header::SIZE }>::new();
        head.0[..MAGIC.len()].copy_from_slice(MAGIC);
        let counts = [
            self.n_docs,
            order.len() as u32,
            n_postings,
            self.line_runs.len() as u32,
            n_line_terms as u32,
            self.n_sections,
            n_words,
            self.strings.bytes.len() as u32,
        ];
        for (i, n) in counts.into_iter().enumerate() {
            head.u32(header::COUNTS + 4 * i, n);
        }
        for (f, total) in self.total_len.iter().enumerate() {
            let at = header::TOTAL_LEN + 8 * f;
            head.0[at..at + 8].copy_from_slice(&total.to_le_bytes());
        }
        let size = header::SIZE
            + self.doc_table.len()
            + term_table.len()
            + n_postings as usize * posting::SIZE
            + self.line_table.len()
            + line_terms.len()
            + self.section_table.len()
            + vocab_table.len()
            + self.strings.bytes.len();
        let mut out = Vec::with_capacity(size);
        head.write(&mut out);
        out.append(&mut self.doc_table);
        drop(std::mem::take(&mut self.doc_table));
        out.append(&mut term_table);
        drop(term_table);
        for first_seen in &order {
            for (d, tf) in std::mem::take(&mut self.lists[*first_seen as usize]) {
                let mut record = Record::<{ posting::SIZE }>::new();
                record.0[posting::DOC..posting::DOC + posting::DOC_BYTES]
                    .copy_from_slice(&d.to_le_bytes()[..posting::DOC_BYTES]);
                record.0[posting::TF..posting::TF + FIELD_COUNT].copy_from_slice(&tf);
                record.write(&mut out);
            }
        }
        drop(std::mem::take(&mut self.lists));
        for table in [
            &mut self.line_table,
            &mut line_terms,
            &mut self.section_table,
            &mut vocab_table,
            &mut self.strings.bytes,
        ] {
            out.append(table);
            drop(std::mem::take(table));
        }
        debug_assert_eq!(out.len(), size);
        out
    }
}

/// The string table, with identical short strings (terms, words, names) stored once.
#[derive(Default)]
struct Strings {
    bytes: Vec<u8>,
    seen: HashMap<String, u32>,
}

impl Strings {
    /// Stores `s` (once, if short and seen before) and returns (offset, length).
    fn put(&mut self, s: &str) -> (u32, u32) {
        let offset = if s.len() <= 32 {
            match self.seen.get(s) {
                Some(offset) => *offset,
                None => {
                    let offset = self.append(s);
                    self.seen.insert(s.to_string(), offset);
                    offset
                }
            }
        } else {
            self.append(s)
        };
        (offset, s.len() as u32)
    }

    /// A string stored, never shared.
    fn put_owned(&mut self, s: &str) -> (u32, u32) {
        (self.append(s), s.len() as u32)
    }

    fn append(&mut self, s: &str) -> u32 {
        let offset = self.bytes.len() as u32;
        self.bytes.extend_from_slice(s.as_bytes());
        offset
    }
}

/// Bytes covered by one checksum of [`Blocks`] (a power of two).
pub const BLOCK: usize = 64 * 1024;

/// The checksums of an index's blocks of [`BLOCK`] bytes, and which have
/// been verified so far (shared by every [`Index`] opened over the same
/// bytes, so each block is checked once per run).
#[derive(Debug)]
pub struct Blocks {
    sums: Vec<u64>,
    verified: Vec<AtomicU64>,
    damaged: AtomicBool,
}

impl Blocks {
    /// The checksums of `bytes`, as stored beside them ([`Blocks::from_stored`] reads them back).
    pub fn stored(bytes: &[u8]) -> Vec<u8> {
        bytes
            .chunks(BLOCK)
            .flat_map(|block| crate::hash::checksum(block).to_le_bytes())
            .collect()
    }

    /// Checksums as [`Blocks::stored`] wrote them, for an index of `len`
    /// bytes; `None` if there are not exactly enough of them.
    pub fn from_stored(stored: &[u8], len: usize) -> Option<Blocks> {
        if stored.len() != len.div_ceil(BLOCK) * 8 {
            return None;
        }
        let sums: Vec<u64> = stored
            .chunks_exact(8)
            .map(|s| u64::from_le_bytes(s.try_into().unwrap_or_default()))
            .collect();
        let verified = (0..sums.len().div_ceil(64))
            .map(|_| AtomicU64::new(0))
            .collect();
        Some(Blocks {
            sums,
            verified,
            damaged: AtomicBool::new(false),
        })
    }

    /// Whether a block read so far failed its checksum.
    pub fn damaged(&self) -> bool {
        self.damaged.load(Ordering::Relaxed)
    }

    /// Verifies the blocks `bytes[start..end]` lies in (those not verified
    /// yet); `false`, and the index marked damaged, if one fails.
    fn check(&self, bytes: &[u8], start: usize, end: usize) -> bool {
        if start >= end {
            return true;
        }
        for block in start / BLOCK..=(end - 1) / BLOCK {
            let (word, bit) = (block / 64, 1u64 << (block % 64));
            let Some(seen) = self.verified.get(word) else {
                return false;
            };
            if seen.load(Ordering::Relaxed) & bit != 0 {
                continue;
            }
            let from = block * BLOCK;
            let to = (from + BLOCK).min(bytes.len());
            let good = bytes
                .get(from..to)
                .is_some_and(|b| Some(&crate::hash::checksum(b)) == self.sums.get(block));
            if !good {
                self.damaged.store(true, Ordering::Relaxed);
                return false;
            }
            seen.fetch_or(bit, Ordering::Relaxed);
        }
        true
    }
}

/// One index's bytes read in place: the built-in guide's, a reader's
/// library's, or the few chapters changed since (see [`Overlay`]).
#[derive(Debug, Clone, Copy)]
pub struct Segment<'a> {
    bytes: &'a [u8],
    /// The block checksums to verify reads against, for bytes from a file.
    blocks: Option<&'a Blocks>,
    /// Number of documents (chapters).
    pub n_docs: u32,
    /// Number of distinct terms.
    pub n_terms: u32,
    n_postings: u32,
    n_lines: u32,
    n_line_terms: u32,
    n_sections: u32,
    n_vocab: u32,
    total_len: [u64; FIELD_COUNT],
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
    /// The chapter's slug.
    pub slug: &'a str,
    /// Our title.
    pub title: &'a str,
    /// The part it belongs to.
    pub part: &'a str,
    /// The book chapter's title, or empty.
    pub book_chapter: &'a str,
    /// The file it came from.
    pub path: &'a str,
    /// Its checklist's name, or empty.
    pub checklist: &'a str,
    /// Tags, newline-separated.
    pub tags: &'a str,
    /// Reading order.
    pub order: u32,
    /// Book page, or 0.
    pub page: u32,
    /// 0 built-in, 1 added, 2 replaced.
    pub origin: u32,
    /// Number of terms in each field.
    pub field_len: [u32; FIELD_COUNT],
    /// Its lines, in the global numbering of [`Index::line`].
    pub lines: std::ops::Range<u32>,
}

/// A line of a chapter as the index knows it; its text and section name are
/// read only when asked for ([`Index::line_text`], [`Index::line_section`]).
#[derive(Debug, Clone, PartialEq)]
pub struct LineView {
    /// Whether the line is the overlay's (its `at` is in the overlay's bytes).
    overlaid: bool,
    at: usize,
    section: u32,
    /// What kind of line it is ([`crate::analyze::LineKind`] as a number).
    pub kind: u32,
    terms_start: u32,
    terms_len: u32,
}

impl LineView {
    /// Whether two lines of one chapter are in the same section, without
    /// reading either section's name.
    pub fn same_section(&self, other: &LineView) -> bool {
        self.overlaid == other.overlaid && self.section == other.section
    }
}

impl<'a> Segment<'a> {
    /// Reads the header and checks that every table fits; `None` if the bytes
    /// are not a complete index of this version.
    fn open(bytes: &'a [u8], blocks: Option<&'a Blocks>) -> Option<Self> {
        if let Some(blocks) = blocks {
            if !blocks.check(bytes, 0, header::SIZE.min(bytes.len())) {
                return None;
            }
        }
        if bytes.len() < header::SIZE || &bytes[..MAGIC.len()] != MAGIC {
            return None;
        }
        let n = |i: usize| read_u32(bytes, header::COUNTS + 4 * i);
        let mut total_len = [0u64; FIELD_COUNT];
        for (f, total) in total_len.iter_mut().enumerate() {
            let at = header::TOTAL_LEN + 8 * f;
            *total = u64::from_le_bytes(bytes.get(at..at + 8)?.try_into().ok()?);
        }
        let (n_docs, n_terms, n_postings, n_lines) = (n(0)?, n(1)?, n(2)?, n(3)?);
        let (n_line_terms, n_sections, n_vocab, strings_len) = (n(4)?, n(5)?, n(6)?, n(7)?);
        let size = |count: u32, width: usize| (count as usize).checked_mul(width);
        let docs_at = header::SIZE;
        let terms_at = docs_at.checked_add(size(n_docs, doc::SIZE)?)?;
        let postings_at = terms_at.checked_add(size(n_terms, term::SIZE)?)?;
        let lines_at = postings_at.checked_add(size(n_postings, posting::SIZE)?)?;
        let line_terms_at = lines_at.checked_add(size(n_lines, line::SIZE)?)?;
        let sections_at = line_terms_at.checked_add(size(n_line_terms, line_term::SIZE)?)?;
        let vocab_at = sections_at.checked_add(size(n_sections, section::SIZE)?)?;
        let strings_at = vocab_at.checked_add(size(n_vocab, vocab::SIZE)?)?;
        if strings_at.checked_add(strings_len as usize)? != bytes.len() {
            return None;
        }
        Some(Segment {
            bytes,
            blocks,
            n_docs,
            n_terms,
            n_postings,
            n_lines,
            n_line_terms,
            n_sections,
            n_vocab,
            total_len,
            avg_len: average(total_len, n_docs),
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

    /// `len` bytes from `start`, verified against the block checksums if
    /// there are any: every read of the tables goes through here.
    fn get(&self, start: usize, len: usize) -> Option<&'a [u8]> {
        let end = start.checked_add(len)?;
        let bytes = self.bytes.get(start..end)?;
        match self.blocks {
            Some(blocks) if !blocks.check(self.bytes, start, end) => None,
            _ => Some(bytes),
        }
    }

    fn u32_at(&self, at: usize) -> Option<u32> {
        Some(u32::from_le_bytes(self.get(at, 4)?.try_into().ok()?))
    }

    fn str_at(&self, at: usize) -> Option<&'a str> {
        let offset = self.u32_at(at)? as usize;
        let len = self.u32_at(at + 4)? as usize;
        let start = self.strings_at.checked_add(offset)?;
        std::str::from_utf8(self.get(start, len)?).ok()
    }

    /// Document `i`.
    pub fn doc(&self, i: u32) -> Option<DocView<'a>> {
        if i >= self.n_docs {
            return None;
        }
        let at = self.docs_at + i as usize * doc::SIZE;
        let field_len = self.doc_field_len(i)?;
        let lines_start = self.u32_at(at + doc::LINES_START)?;
        let lines_end = self.u32_at(at + doc::LINES_END)?;
        if lines_start > lines_end || lines_end > self.n_lines {
            return None;
        }
        Some(DocView {
            slug: self.str_at(at + doc::SLUG)?,
            title: self.str_at(at + doc::TITLE)?,
            part: self.str_at(at + doc::PART)?,
            book_chapter: self.str_at(at + doc::BOOK_CHAPTER)?,
            path: self.str_at(at + doc::PATH)?,
            checklist: self.str_at(at + doc::CHECKLIST)?,
            tags: self.str_at(at + doc::TAGS)?,
            order: self.u32_at(at + doc::ORDER)?,
            page: self.u32_at(at + doc::PAGE)?,
            origin: self.u32_at(at + doc::ORIGIN)?,
            field_len,
            lines: lines_start..lines_end,
        })
    }

    /// Document `i`'s slug and origin alone, for the ranking's passes over
    /// every scored document ([`Segment::doc`] reads every string).
    pub fn doc_slug(&self, i: u32) -> Option<(&'a str, u32)> {
        if i >= self.n_docs {
            return None;
        }
        let at = self.docs_at + i as usize * doc::SIZE;
        Some((self.str_at(at + doc::SLUG)?, self.u32_at(at + doc::ORIGIN)?))
    }

    /// Text of term `id`.
    pub fn term(&self, id: u32) -> Option<&'a str> {
        if id >= self.n_terms {
            return None;
        }
        self.str_at(self.terms_at + id as usize * term::SIZE + term::TEXT)
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
    ) -> Option<impl Iterator<Item = (u32, [u16; FIELD_COUNT])> + use<'a>> {
        let at = self.terms_at + id as usize * term::SIZE;
        let start = self.u32_at(at + term::POSTINGS_START)?;
        let len = self.u32_at(at + term::POSTINGS_LEN)?;
        if start.checked_add(len)? > self.n_postings {
            return None;
        }
        let base = self.postings_at + start as usize * posting::SIZE;
        let list = self.get(base, len as usize * posting::SIZE)?;
        Some(list.chunks_exact(posting::SIZE).map(|record| {
            let mut doc = [0u8; 4];
            doc[..posting::DOC_BYTES]
                .copy_from_slice(&record[posting::DOC..posting::DOC + posting::DOC_BYTES]);
            let mut tf = [0u16; FIELD_COUNT];
            for (f, slot) in tf.iter_mut().enumerate() {
                *slot = u16::from(record[posting::TF + f]);
            }
            (u32::from_le_bytes(doc), tf)
        }))
    }

    /// Number of documents containing term `id`.
    pub fn doc_freq(&self, id: u32) -> u32 {
        self.u32_at(self.terms_at + id as usize * term::SIZE + term::POSTINGS_LEN)
            .unwrap_or(0)
    }

    /// Line `i` (global numbering; see [`DocView::lines`]).
    pub fn line(&self, i: u32) -> Option<LineView> {
        if i >= self.n_lines {
            return None;
        }
        let at = self.lines_at + i as usize * line::SIZE;
        let section = self.u32_at(at + line::SECTION)?;
        if section >= self.n_sections {
            return None;
        }
        Some(LineView {
            overlaid: false,
            at,
            section,
            kind: self.u32_at(at + line::KIND)?,
            terms_start: self.u32_at(at + line::TERMS_START)?,
            terms_len: self.u32_at(at + line::TERMS_LEN)?,
        })
    }

    /// The text of a line.
    pub fn line_text(&self, line: &LineView) -> Option<&'a str> {
        self.str_at(line.at + line::TEXT)
    }

    /// The name of the section a line is in.
    pub fn line_section(&self, line: &LineView) -> Option<&'a str> {
        self.str_at(self.sections_at + line.section as usize * section::SIZE + section::NAME)
    }

    /// Field lengths of document `i`, without reading its strings.
    pub fn doc_field_len(&self, i: u32) -> Option<[u32; FIELD_COUNT]> {
        if i >= self.n_docs {
            return None;
        }
        let at = self.docs_at + i as usize * doc::SIZE + doc::FIELD_LEN;
        let mut field_len = [0u32; FIELD_COUNT];
        for (f, len) in field_len.iter_mut().enumerate() {
            *len = self.u32_at(at + 4 * f)?;
        }
        Some(field_len)
    }

    /// Reading order of document `i`.
    pub fn doc_order(&self, i: u32) -> Option<u32> {
        (i < self.n_docs)
            .then(|| self.u32_at(self.docs_at + i as usize * doc::SIZE + doc::ORDER))
            .flatten()
    }

    /// Tags of document `i`, newline-separated.
    pub fn doc_tags(&self, i: u32) -> Option<&'a str> {
        (i < self.n_docs)
            .then(|| self.str_at(self.docs_at + i as usize * doc::SIZE + doc::TAGS))
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
            let at = self.line_terms_at + (line.terms_start + mid) as usize * line_term::SIZE;
            match self.u32_at(at) {
                Some(t) if t < id => lo = mid + 1,
                Some(t) if t > id => hi = mid,
                Some(_) => return true,
                None => return false,
            }
        }
        false
    }

    /// Each document's terms (id and frequencies), gathered in one pass over
    /// the postings; each list is sorted by term id.
    pub fn terms_by_doc(&self) -> Vec<Vec<(u32, [u16; FIELD_COUNT])>> {
        let mut by_doc: Vec<Vec<(u32, [u16; FIELD_COUNT])>> =
            vec![Vec::new(); self.n_docs as usize];
        for id in 0..self.n_terms {
            if let Some(postings) = self.postings(id) {
                for (doc, tf) in postings {
                    if let Some(list) = by_doc.get_mut(doc as usize) {
                        list.push((id, tf));
                    }
                }
            }
        }
        by_doc
    }

    /// Document `d` as the index builder takes it (its words are not
    /// included: carry the vocabulary over with [`Index::vocabulary`]).
    /// `terms` is the document's entry from [`Index::terms_by_doc`].
    pub fn doc_terms(&self, d: u32, terms: &[(u32, [u16; FIELD_COUNT])]) -> Option<DocTerms<'a>> {
        let doc = self.doc(d)?;
        let mut out = DocTerms {
            field_len: doc.field_len,
            ..DocTerms::default()
        };
        for (id, tf) in terms {
            out.terms.push((self.term(*id)?, *tf));
        }
        for l in doc.lines.clone() {
            let line = self.line(l)?;
            let name = self.line_section(&line)?;
            let section = match out.sections.iter().position(|s| *s == name) {
                Some(i) => i,
                None => {
                    out.sections.push(name);
                    out.sections.len() - 1
                }
            } as u32;
            let mut positions = Vec::with_capacity(line.terms_len as usize);
            for k in 0..line.terms_len {
                let id = self.u32_at(
                    self.line_terms_at
                        + (line.terms_start.checked_add(k)?) as usize * line_term::SIZE,
                )?;
                if let Ok(p) = terms.binary_search_by_key(&id, |(t, _)| *t) {
                    positions.push(p as u32);
                }
            }
            out.lines.push(LineTerms {
                section,
                kind: line.kind,
                text: self.line_text(&line)?,
                terms: positions,
            });
        }
        Some(out)
    }

    /// Every folded word of the library with its term id, in sorted order.
    pub fn vocabulary(&self) -> impl Iterator<Item = (&'a str, u32)> + use<'a> {
        let index = *self;
        (0..self.n_vocab).filter_map(move |i| {
            let at = index.vocab_at + i as usize * vocab::SIZE;
            Some((
                index.str_at(at + vocab::WORD)?,
                index.u32_at(at + vocab::TERM)?,
            ))
        })
    }
}

/// The search index as ranking reads it: one [`Segment`], and, for a
/// reader's library changed since it was indexed, an [`Overlay`] of the
/// chapters changed since, with the old versions of those left out.
///
/// Documents, terms and lines are numbered across both: the segment's
/// first, then the overlay's (a term the segment already has keeps the
/// segment's number). Statistics (documents, document frequencies, average
/// field lengths) count only what is in effect, so a ranking over an
/// overlaid index equals one over the whole library indexed afresh.
#[derive(Debug, Clone, Copy)]
pub struct Index<'a> {
    base: Segment<'a>,
    /// The changed chapters' segment, and how it joins the base.
    overlay: Option<(Segment<'a>, &'a Overlay)>,
    /// Number of document numbers (removed documents keep theirs, and read as `None`).
    pub n_docs: u32,
    /// Number of term numbers.
    pub n_terms: u32,
}

/// How an index of the chapters changed since a segment was built (a
/// segment of its own, the delta) joins that segment: the base's documents
/// they replace or that are gone, and the numbering across the two (see
/// [`Index`]). Made once per run ([`Overlay::new`]), used by every
/// [`Index::with`] over the same bytes.
#[derive(Debug)]
pub struct Overlay {
    /// The delta's counts, to know it is the delta this was made for.
    delta_docs: u32,
    delta_terms: u32,
    delta_lines: u32,
    /// The base segment's documents no longer in effect.
    removed: Vec<bool>,
    /// Base documents whose reading order is new (a file added before them).
    orders: HashMap<u32, u32>,
    n_removed: u32,
    /// Each delta term's number in the joined index.
    delta_term: Vec<u32>,
    /// The delta's own numbers of the terms the base lacks, in joined order.
    extra: Vec<u32>,
    /// The delta's number of each base term it also has.
    in_delta: HashMap<u32, u32>,
    avg_len: [f32; FIELD_COUNT],
    /// Document frequencies worked out so far (they need a pass over the postings).
    doc_freq: std::sync::Mutex<HashMap<u32, u32>>,
}

impl Overlay {
    /// The overlay of `delta` (an index of the changed chapters) on `base`,
    /// leaving out the base's documents `removed` and giving those in
    /// `reordered` (document, order) a new reading order. `None` if the
    /// delta does not open or a document named is not one of the base's.
    pub fn new(
        base: &Index,
        delta: &[u8],
        removed: &[u32],
        reordered: &[(u32, u32)],
    ) -> Option<Overlay> {
        let base = base.base;
        let delta = Segment::open(delta, None)?;
        let mut flags = vec![false; base.n_docs as usize];
        let mut n_removed = 0;
        for &d in removed {
            let flag = flags.get_mut(d as usize)?;
            if !*flag {
                *flag = true;
                n_removed += 1;
            }
        }
        let mut delta_term = Vec::with_capacity(delta.n_terms as usize);
        let mut extra = Vec::new();
        let mut in_delta = HashMap::default();
        for local in 0..delta.n_terms {
            let text = delta.term(local)?;
            match base.find_term(text) {
                Some(id) => {
                    in_delta.insert(id, local);
                    delta_term.push(id);
                }
                None => {
                    delta_term.push(base.n_terms + extra.len() as u32);
                    extra.push(local);
                }
            }
        }
        // Field lengths in effect: the base's, less the removed documents', plus the delta's.
        let mut total = [0u64; FIELD_COUNT];
        for (f, sum) in total.iter_mut().enumerate() {
            *sum = base.total_len[f].saturating_add(delta.total_len[f]);
        }
        for (d, _) in flags.iter().enumerate().filter(|(_, r)| **r) {
            let lens = base.doc_field_len(d as u32)?;
            for (sum, len) in total.iter_mut().zip(lens) {
                *sum = sum.saturating_sub(u64::from(len));
            }
        }
        let avg_len = average(total, base.n_docs - n_removed + delta.n_docs);
        if reordered.iter().any(|&(d, _)| d >= base.n_docs) {
            return None;
        }
        Some(Overlay {
            orders: reordered.iter().copied().collect(),
            delta_docs: delta.n_docs,
            delta_terms: delta.n_terms,
            delta_lines: delta.n_lines,
            removed: flags,
            n_removed,
            delta_term,
            extra,
            in_delta,
            avg_len,
            doc_freq: std::sync::Mutex::new(HashMap::default()),
        })
    }

    /// The delta's number for joined term `id`, if the delta has the term.
    fn local(&self, base: &Segment, id: u32) -> Option<u32> {
        match id.checked_sub(base.n_terms) {
            Some(k) => self.extra.get(k as usize).copied(),
            None => self.in_delta.get(&id).copied(),
        }
    }

    fn is_removed(&self, d: u32) -> bool {
        self.removed.get(d as usize).copied().unwrap_or(false)
    }
}

impl<'a> Index<'a> {
    /// Reads the header and checks that every table fits; `None` if the bytes
    /// are not a complete index of this version.
    pub fn open(bytes: &'a [u8]) -> Option<Self> {
        Segment::open(bytes, None).map(Index::of)
    }

    /// Like [`Index::open`], verifying every read against `blocks`, the
    /// checksums stored with `bytes` (see [`Blocks`]); `None` also if the
    /// header's block fails.
    pub fn open_checked(bytes: &'a [u8], blocks: &'a Blocks) -> Option<Self> {
        if blocks.sums.len() != bytes.len().div_ceil(BLOCK) {
            return None;
        }
        Segment::open(bytes, Some(blocks)).map(Index::of)
    }

    fn of(base: Segment<'a>) -> Self {
        Index {
            base,
            overlay: None,
            n_docs: base.n_docs,
            n_terms: base.n_terms,
        }
    }

    /// This index with the changed chapters' index `delta` laid on top, as
    /// `overlay` (made by [`Overlay::new`] from the same two) joins them.
    /// `None` if `delta` does not open or is not the one `overlay` was made for.
    pub fn with(self, delta: &'a [u8], overlay: &'a Overlay) -> Option<Self> {
        let segment = Segment::open(delta, None)?;
        if (segment.n_docs, segment.n_terms, segment.n_lines)
            != (overlay.delta_docs, overlay.delta_terms, overlay.delta_lines)
            || overlay.removed.len() != self.base.n_docs as usize
        {
            return None;
        }
        Some(Index {
            base: self.base,
            overlay: Some((segment, overlay)),
            n_docs: self.base.n_docs + segment.n_docs,
            n_terms: self.base.n_terms + overlay.extra.len() as u32,
        })
    }

    /// Number of documents in effect (what ranking's statistics count).
    pub fn live_docs(&self) -> u32 {
        match self.overlay {
            Some((_, o)) => self.n_docs - o.n_removed,
            None => self.n_docs,
        }
    }

    /// Average length of each field over the documents in effect.
    pub fn avg_len(&self) -> [f32; FIELD_COUNT] {
        self.overlay.map_or(self.base.avg_len, |(_, o)| o.avg_len)
    }

    /// Where document `i` lies: the base segment and its number there, or
    /// the delta and its number there (`None` if it was removed).
    fn place(&self, i: u32) -> Option<Place<'a>> {
        match self.overlay {
            None => Some(Place::Base(self.base, i)),
            Some((delta, o)) => match i.checked_sub(self.base.n_docs) {
                Some(local) => Some(Place::Delta(delta, local)),
                None if o.is_removed(i) => None,
                None => Some(Place::Base(self.base, i)),
            },
        }
    }

    /// Document `i` (`None` if it is not, or no longer, in the index).
    pub fn doc(&self, i: u32) -> Option<DocView<'a>> {
        match self.place(i)? {
            Place::Base(base, d) => {
                let mut view = base.doc(d)?;
                if let Some(order) = self.new_order(d) {
                    view.order = order;
                }
                Some(view)
            }
            Place::Delta(delta, d) => {
                let mut view = delta.doc(d)?;
                let shift = self.base.n_lines;
                view.lines = view.lines.start + shift..view.lines.end + shift;
                Some(view)
            }
        }
    }

    /// Document `i`'s slug and origin alone: what the ranking's passes over
    /// every scored document need, without reading its other strings.
    pub fn doc_slug(&self, i: u32) -> Option<(&'a str, u32)> {
        match self.place(i)? {
            Place::Base(base, d) => base.doc_slug(d),
            Place::Delta(delta, d) => delta.doc_slug(d),
        }
    }

    /// A base document's new reading order, if the overlay gives one.
    fn new_order(&self, i: u32) -> Option<u32> {
        self.overlay?.1.orders.get(&i).copied()
    }

    /// Text of term `id`.
    pub fn term(&self, id: u32) -> Option<&'a str> {
        match (self.overlay, id.checked_sub(self.base.n_terms)) {
            (Some((delta, o)), Some(k)) => delta.term(*o.extra.get(k as usize)?),
            _ => self.base.term(id),
        }
    }

    /// The id of an exact term.
    pub fn find_term(&self, term: &str) -> Option<u32> {
        self.base.find_term(term).or_else(|| {
            let (delta, o) = self.overlay?;
            o.delta_term.get(delta.find_term(term)? as usize).copied()
        })
    }

    /// Documents containing term `id`, with the term's frequency in each field.
    pub fn postings(
        &self,
        id: u32,
    ) -> Option<impl Iterator<Item = (u32, [u16; FIELD_COUNT])> + use<'a>> {
        let in_base = id < self.base.n_terms;
        let base = if in_base {
            Some(self.base.postings(id)?)
        } else {
            None
        };
        let overlay = self.overlay.map(|(_, o)| o);
        let delta = match self
            .overlay
            .and_then(|(delta, o)| Some((delta, o.local(&self.base, id)?)))
        {
            Some((delta, local)) => Some(delta.postings(local)?),
            None if in_base => None,
            None => return None,
        };
        let shift = self.base.n_docs;
        Some(
            base.into_iter()
                .flatten()
                .filter(move |(d, _)| overlay.is_none_or(|o| !o.is_removed(*d)))
                .chain(
                    delta
                        .into_iter()
                        .flatten()
                        .map(move |(d, tf)| (d + shift, tf)),
                ),
        )
    }

    /// Number of documents in effect containing term `id`.
    pub fn doc_freq(&self, id: u32) -> u32 {
        let Some((_, o)) = self.overlay else {
            return self.base.doc_freq(id);
        };
        if let Some(n) = o.doc_freq.lock().ok().and_then(|m| m.get(&id).copied()) {
            return n;
        }
        let n = self.postings(id).map_or(0, |p| p.count() as u32);
        if let Ok(mut known) = o.doc_freq.lock() {
            known.insert(id, n);
        }
        n
    }

    /// Line `i` (numbered across the index; see [`DocView::lines`]).
    pub fn line(&self, i: u32) -> Option<LineView> {
        match (self.overlay, i.checked_sub(self.base.n_lines)) {
            (Some((delta, _)), Some(local)) => Some(LineView {
                overlaid: true,
                ..delta.line(local)?
            }),
            _ => self.base.line(i),
        }
    }

    /// The segment a line is in.
    fn segment_of(&self, line: &LineView) -> Option<Segment<'a>> {
        match (line.overlaid, self.overlay) {
            (false, _) => Some(self.base),
            (true, Some((delta, _))) => Some(delta),
            (true, None) => None,
        }
    }

    /// The text of a line.
    pub fn line_text(&self, line: &LineView) -> Option<&'a str> {
        self.segment_of(line)?.line_text(line)
    }

    /// The name of the section a line is in.
    pub fn line_section(&self, line: &LineView) -> Option<&'a str> {
        self.segment_of(line)?.line_section(line)
    }

    /// Field lengths of document `i`, without reading its strings.
    pub fn doc_field_len(&self, i: u32) -> Option<[u32; FIELD_COUNT]> {
        let place = self.place(i)?;
        place.segment().doc_field_len(place.local())
    }

    /// Reading order of document `i`.
    pub fn doc_order(&self, i: u32) -> Option<u32> {
        match self.place(i)? {
            Place::Base(base, d) => self.new_order(d).or_else(|| base.doc_order(d)),
            Place::Delta(delta, d) => delta.doc_order(d),
        }
    }

    /// Tags of document `i`, newline-separated.
    pub fn doc_tags(&self, i: u32) -> Option<&'a str> {
        let place = self.place(i)?;
        place.segment().doc_tags(place.local())
    }

    /// Whether a line contains term `id`.
    pub fn line_has(&self, line: &LineView, id: u32) -> bool {
        match (line.overlaid, self.overlay) {
            (false, _) => id < self.base.n_terms && self.base.line_has(line, id),
            (true, Some((delta, o))) => o
                .local(&self.base, id)
                .is_some_and(|local| delta.line_has(line, local)),
            (true, None) => false,
        }
    }

    /// Each document's terms, gathered in one pass over the postings (of
    /// the base segment: what a rebuild carries over).
    pub fn terms_by_doc(&self) -> Vec<Vec<(u32, [u16; FIELD_COUNT])>> {
        self.base.terms_by_doc()
    }

    /// Document `d` of the base segment as the index builder takes it (see
    /// [`Segment::doc_terms`]).
    pub fn doc_terms(&self, d: u32, terms: &[(u32, [u16; FIELD_COUNT])]) -> Option<DocTerms<'a>> {
        self.base.doc_terms(d, terms)
    }

    /// Every folded word with its term id, in sorted order (the base's and
    /// the overlay's merged).
    pub fn vocabulary(&self) -> impl Iterator<Item = (&'a str, u32)> + use<'a> {
        let overlay = self.overlay;
        let mut base = self.base.vocabulary().peekable();
        let mut delta = overlay
            .into_iter()
            .flat_map(|(delta, o)| {
                delta
                    .vocabulary()
                    .filter_map(move |(w, local)| Some((w, *o.delta_term.get(local as usize)?)))
            })
            .peekable();
        std::iter::from_fn(move || match (base.peek(), delta.peek()) {
            (Some(a), Some(b)) if b.0 < a.0 => delta.next(),
            (Some(a), Some(b)) if b.0 == a.0 => {
                delta.next();
                base.next()
            }
            (Some(_), _) => base.next(),
            (None, _) => delta.next(),
        })
    }
}

/// Where a document of an [`Index`] lies.
enum Place<'a> {
    Base(Segment<'a>, u32),
    Delta(Segment<'a>, u32),
}

impl<'a> Place<'a> {
    fn segment(&self) -> Segment<'a> {
        match self {
            Place::Base(s, _) | Place::Delta(s, _) => *s,
        }
    }

    fn local(&self) -> u32 {
        match self {
            Place::Base(_, d) | Place::Delta(_, d) => *d,
        }
    }
}

/// Each field's average length over `docs` documents, from the totals:
/// computed one way, so an overlaid index and a fresh one agree exactly.
fn average(total: [u64; FIELD_COUNT], docs: u32) -> [f32; FIELD_COUNT] {
    let docs = f64::from(docs.max(1));
    total.map(|t| (t as f64 / docs) as f32)
}

fn read_u32(bytes: &[u8], at: usize) -> Option<u32> {
    Some(u32::from_le_bytes(
        bytes.get(at..at.checked_add(4)?)?.try_into().ok()?,
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample() -> Vec<u8> {
        // A real index several blocks long: the built-in chapters' own words, repeated.
        let meta = DocMeta {
            slug: "s".into(),
            title: "t".into(),
            part: String::new(),
            book_chapter: String::new(),
            path: String::new(),
            checklist: String::new(),
            tags: Vec::new(),
            order: 1,
            page: 0,
            origin: 1,
        };
        let text = "word ".repeat(40_000);
        let terms = DocTerms {
            field_len: [1; FIELD_COUNT],
            terms: vec![("word", [1; FIELD_COUNT])],
            words: vec![("word", 0)],
            lines: vec![LineTerms {
                section: 0,
                kind: 0,
                text: &text,
                terms: vec![0],
            }],
            sections: vec!["s"],
        };
        build(&[(meta, terms)], &[])
    }

    #[test]
    fn a_block_is_verified_when_first_read_and_damage_is_remembered() {
        let bytes = sample();
        assert!(bytes.len() > 2 * BLOCK);
        let stored = Blocks::stored(&bytes);
        let blocks = Blocks::from_stored(&stored, bytes.len()).expect("sums fit");
        let index = Index::open_checked(&bytes, &blocks).expect("opens");
        assert_eq!(index.find_term("word"), Some(0));
        assert!(!blocks.damaged());

        // Damage in the line's text, a block the term lookup never reads.
        let mut bad = bytes.clone();
        let middle = bad.len() / 2;
        bad[middle] ^= 1;
        let blocks = Blocks::from_stored(&stored, bad.len()).expect("sums fit");
        let index = Index::open_checked(&bad, &blocks).expect("the header's block is fine");
        assert_eq!(index.find_term("word"), Some(0));
        assert!(!blocks.damaged(), "an unread block is not judged");
        let doc = index.doc(0).expect("doc");
        let line = index.line(doc.lines.start).expect("line");
        assert_eq!(
            index.line_text(&line),
            None,
            "a damaged block reads as nothing"
        );
        assert!(blocks.damaged());
        // Unchecked, the same bytes read as they are.
        assert!(Index::open(&bad).and_then(|i| i.line_text(&line)).is_some());
    }

    /// A chapter in advice's format about `word`, with `extra` in its body.
    fn chapter(i: usize, word: &str, extra: &str) -> crate::chapter::Chapter {
        let text = format!(
            "---\nslug: c{i}\ntitle: Chapter {i} on {word}\npart: Notes\norder: {order}\n\
             summary: >-\n  Notes about {word}.\ntags: [notes, team, t{tag}]\ndangerous: >-\n  \
             Always {word} before lunch.\n---\n\n# Chapter {i} on {word}\n\n\
             The {word} paragraph says what we do about {word} and {extra}.\n\n\
             ## More\n\n- A deadline for the {word} work.\n- Ask the manager {extra}.\n",
            order = 400 + i,
            tag = i % 3,
        );
        crate::parse::parse_chapter(
            &format!("c{i}.md"),
            text.as_bytes(),
            crate::chapter::Origin::Added,
        )
        .expect("a valid chapter")
    }

    fn index_of(chapters: &[crate::chapter::Chapter]) -> Vec<u8> {
        let analyzer = crate::text::Analyzer::new();
        let data: Vec<_> = chapters
            .iter()
            .map(|c| {
                (
                    crate::analyze::doc_meta(c),
                    crate::analyze::analyze(c, &analyzer),
                )
            })
            .collect();
        let docs: Vec<(DocMeta, DocTerms)> = data
            .iter()
            .map(|(m, d)| (m.clone(), d.terms_ref()))
            .collect();
        build(&docs, &[])
    }

    #[test]
    fn an_overlay_ranks_as_the_library_indexed_afresh() {
        let words = [
            "deadline",
            "manager",
            "spotlight",
            "shipping",
            "review",
            "oncall",
        ];
        let old: Vec<_> = (0..40)
            .map(|i| chapter(i, words[i % words.len()], &"often ".repeat(i % 5)))
            .collect();
        // Chapter 5 rewritten, chapter 7 gone, chapter 40 new (with a word no one had).
        let changed = chapter(5, "zeppelin", "the deadline");
        let added = chapter(40, "manager", "zeppelin budgets");
        let mut new: Vec<_> = (0..40)
            .filter(|&i| i != 5 && i != 7)
            .map(|i| chapter(i, words[i % words.len()], &"often ".repeat(i % 5)))
            .collect();
        new.insert(5, changed.clone());
        new.push(added.clone());

        let base_bytes = index_of(&old);
        let delta_bytes = index_of(&[changed, added]);
        let fresh_bytes = index_of(&new);
        let base = Index::open(&base_bytes).expect("base");
        let overlay = Overlay::new(&base, &delta_bytes, &[5, 7], &[]).expect("overlay");
        let joined = base.with(&delta_bytes, &overlay).expect("joined");
        let fresh = Index::open(&fresh_bytes).expect("fresh");
        assert_eq!(joined.live_docs(), fresh.n_docs);
        assert_eq!(joined.avg_len(), fresh.avg_len());
        let analyzer = crate::text::Analyzer::new();
        let options = crate::ranking::Options {
            limit: 10,
            tag: None,
            only: None,
            ranking: Default::default(),
        };
        for text in [
            "deadline manager",
            "zeppelin",
            "spotlite",
            "\"deadline for\"",
            "often review",
            "lunch",
            "nothing matches xyzzy",
        ] {
            let query = crate::ranking::Query::parse(text, &analyzer).expect("query");
            let a = crate::ranking::search(&joined, &query, &options, &analyzer);
            let b = crate::ranking::search(&fresh, &query, &options, &analyzer);
            let view = |o: &crate::ranking::Outcome| -> Vec<_> {
                o.hits
                    .iter()
                    .map(|h| {
                        (
                            h.slug.clone(),
                            h.score,
                            h.snippet.clone(),
                            h.highlights.clone(),
                        )
                    })
                    .collect()
            };
            assert_eq!(view(&a), view(&b), "{text}");
            assert_eq!(a.corrections, b.corrections, "{text}");
            assert!(
                a.hits.iter().all(|h| h.slug != "c7"),
                "{text}: a removed chapter"
            );
        }
        // A tag filter reads tags through the overlay too.
        let query = crate::ranking::Query::parse("manager", &analyzer).expect("query");
        let tagged = crate::ranking::Options {
            tag: Some("t1".into()),
            ..options
        };
        let a = crate::ranking::search(&joined, &query, &tagged, &analyzer);
        let b = crate::ranking::search(&fresh, &query, &tagged, &analyzer);
        let slugs =
            |o: &crate::ranking::Outcome| o.hits.iter().map(|h| h.slug.clone()).collect::<Vec<_>>();
        assert_eq!(slugs(&a), slugs(&b));
        assert!(!slugs(&a).is_empty());
    }

    #[test]
    fn checksums_must_cover_the_index_exactly() {
        let bytes = sample();
        let stored = Blocks::stored(&bytes);
        assert!(Blocks::from_stored(&stored[8..], bytes.len()).is_none());
        assert!(Blocks::from_stored(&stored, bytes.len() + BLOCK).is_none());
        let mut bad_header = bytes.clone();
        bad_header[0] ^= 1;
        let blocks = Blocks::from_stored(&stored, bytes.len()).expect("sums fit");
        assert!(Index::open_checked(&bad_header, &blocks).is_none());
        assert!(blocks.damaged());
    }
}
