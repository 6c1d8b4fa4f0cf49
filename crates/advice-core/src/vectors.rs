//! Word vectors (`data/vectors/words.bin`: 30,000 words, 256 dimensions,
//! a static student of the sentence model all-MiniLM-L6-v2; its README
//! gives the sources and licences), and the one use search makes of them:
//! a text's meaning as the sum of its words' vectors, so a query can be
//! compared with what readers type when a chapter helps, or about subjects
//! the guide leaves out ([`crate::asks`]), even where the two share no
//! word (*sacked* and *layoffs*, *boss* and *manager*).
//!
//! Each stored vector carries its word's weight: trained, with the
//! vectors, so that the sum of a text's words points where the model's
//! embedding of the whole text points (starting from smooth inverse
//! frequency, Arora, Liang and Ma 2017, so common words say little). The
//! vectors of the reader and off-topic lines are computed once, by this
//! code, into `data/vectors/asks.bin` (checked by a test).

use crate::text::{fold_into, is_stop_word, words};

/// Dimensions of a vector.
pub const DIMS: usize = 256;

const WORDS: &[u8] = include_bytes!("../data/vectors/words.bin");
const ASKS: &[u8] = include_bytes!("../data/vectors/asks.bin");
const MAGIC: &[u8; 8] = b"ADVVEC02";
const ASKS_MAGIC: &[u8; 8] = b"ADVASK03";

/// A text's meaning: a unit vector.
pub type Meaning = [f32; DIMS];

/// The word table, read in place.
struct Table {
    count: usize,
    offsets: usize,
    blob: usize,
    records: usize,
}

const RECORD: usize = 8 + DIMS;

fn u32_at(bytes: &[u8], at: usize) -> Option<u32> {
    Some(u32::from_le_bytes(bytes.get(at..at + 4)?.try_into().ok()?))
}

fn table() -> Option<Table> {
    if WORDS.get(..8)? != MAGIC || u32_at(WORDS, 12)? as usize != DIMS {
        return None;
    }
    let count = u32_at(WORDS, 8)? as usize;
    let offsets = 16;
    let blob = offsets + 4 * (count + 1);
    let records = blob + u32_at(WORDS, offsets + 4 * count)? as usize;
    (WORDS.len() == records + count * RECORD).then_some(Table {
        count,
        offsets,
        blob,
        records,
    })
}

impl Table {
    fn word(&self, i: usize) -> Option<&'static [u8]> {
        let start = u32_at(WORDS, self.offsets + 4 * i)? as usize;
        let end = u32_at(WORDS, self.offsets + 4 * (i + 1))? as usize;
        WORDS.get(self.blob + start..self.blob + end)
    }

    fn find(&self, word: &str) -> Option<usize> {
        let (mut lo, mut hi) = (0, self.count);
        while lo < hi {
            let mid = (lo + hi) / 2;
            match self.word(mid)?.cmp(word.as_bytes()) {
                std::cmp::Ordering::Less => lo = mid + 1,
                std::cmp::Ordering::Greater => hi = mid,
                std::cmp::Ordering::Equal => return Some(mid),
            }
        }
        None
    }

    /// Adds word `i`'s vector (its weight already in it) to `sum`.
    fn add(&self, i: usize, sum: &mut [f32; DIMS]) -> Option<()> {
        let at = self.records + i * RECORD;
        let weight = f32::from_le_bytes(WORDS.get(at + 4..at + 8)?.try_into().ok()?);
        for (s, &b) in sum.iter_mut().zip(WORDS.get(at + 8..at + RECORD)?) {
            *s += weight * f32::from(b as i8);
        }
        Some(())
    }
}

/// A folded word as the table spells it (`don't` is `dont`).
fn without_apostrophes(word: &str) -> String {
    word.chars()
        .filter(|c| *c != '\'' && *c != '\u{2019}')
        .collect()
}

/// The meaning of these folded words (stop words already left out), or
/// `None` if the table knows none of them.
pub fn meaning<'w>(folded: impl IntoIterator<Item = &'w str>) -> Option<Meaning> {
    let table = table()?;
    let mut sum = [0f32; DIMS];
    let mut any = false;
    for word in folded {
        if let Some(i) = find_word(&table, word) {
            table.add(i, &mut sum)?;
            any = true;
        }
    }
    let norm = sum.iter().map(|x| x * x).sum::<f32>().sqrt();
    (any && norm > 0.0).then(|| sum.map(|x| x / norm))
}

/// A folded word's place in the table, in its American spelling where the
/// table knows that (the vectors learnt *programmes* and *programs*,
/// *cancelled* and *canceled* apart, and the two spellings of a query
/// must mean the same), else as written.
fn find_word(table: &Table, word: &str) -> Option<usize> {
    let word = without_apostrophes(word);
    let american = crate::spelling::american(&word);
    if american != word {
        if let Some(i) = table.find(&american) {
            return Some(i);
        }
    }
    table.find(&word)
}

/// A text's words folded, stop words left out.
fn content_words(text: &str) -> Vec<String> {
    let mut buf = String::new();
    let mut folded = Vec::new();
    for (start, end) in words(text) {
        fold_into(&text[start..end], &mut buf);
        if !buf.is_empty() && !is_stop_word(&buf) {
            folded.push(buf.clone());
        }
    }
    folded
}

/// The meaning of a text: its words folded, stop words left out.
pub fn meaning_of_text(text: &str) -> Option<Meaning> {
    meaning(content_words(text).iter().map(String::as_str))
}

/// How common `word` (folded) is in English: its rank among the table's
/// words, 0 the most frequent; `None` for a word outside them.
pub fn rank(word: &str) -> Option<u32> {
    let table = table()?;
    let i = table.find(word)?;
    u32_at(WORDS, table.records + i * RECORD)
}

/// Whether the table knows enough of these folded words (stop words left
/// out) for their meaning to tell them: at least half of them, and two or
/// more unless there is only one. A text whose meaning would rest on one
/// common word (`RIF at work`, where only *work* is known) means only
/// *work*, which every question about work would be near.
pub fn well_founded<'w>(folded: impl IntoIterator<Item = &'w str>) -> bool {
    let Some(table) = table() else {
        return false;
    };
    let (mut content, mut known) = (0usize, 0usize);
    for word in folded {
        content += 1;
        known += usize::from(find_word(&table, word).is_some());
    }
    known * 2 >= content && (known >= 2 || content == 1)
}

/// A reader line's meaning, if it is [`well_founded`].
fn line_meaning(text: &str) -> Option<Meaning> {
    let folded = content_words(text);
    if !well_founded(folded.iter().map(String::as_str)) {
        return None;
    }
    meaning(folded.iter().map(String::as_str))
}

/// Cosine of two meanings (both unit vectors).
pub fn similarity(a: &Meaning, b: &Meaning) -> f32 {
    a.iter().zip(b).map(|(x, y)| x * y).sum()
}

/// The key the off-topic lines ([`crate::asks::off_topic`]) are stored
/// under among the chapters' slugs (no slug holds a `~`).
pub const OFF_TOPIC: &str = "~off-topic";

/// How many of a chapter's reader lines nearest a query its
/// [`Nearness::lines`] averages. One line alone is noisy: a query can
/// share a few words' meaning with one stray line of a chapter it is not
/// about; the mean of the three nearest asks that several lines agree.
/// Measured with the shipped vectors on the development sets, the meaning
/// alone put the right chapter first for 664 of 1,066 queries by the
/// nearest line and 734 by the three nearest (739 by four, 715 by two).
pub const NEAREST_LINES: usize = 3;

/// How near a query one chapter's reader lines are (cosines).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Nearness {
    /// The chapter's slug, or [`OFF_TOPIC`].
    pub slug: &'static str,
    /// Its line nearest the query: how much the query reads like that
    /// line.
    pub line: f32,
    /// The mean of its [`NEAREST_LINES`] lines nearest the query (of all
    /// of them, if it has fewer): how near the query the chapter is.
    pub lines: f32,
}

/// The reader lines' meanings, stored by [`encode_reader_lines`]:
/// `b"ADVASK03"`; u32 slug count, then each slug (u8 length, bytes); u32
/// line count, then per line, in the order of `data/asks.tsv` and then
/// `data/off_topic.tsv`: u16 index of
/// its slug, f32 scale and `DIMS` i8 (scale 0: no word of the line is known).
pub struct ReaderLines {
    slugs: Vec<&'static str>,
    lines: usize,
    start: usize,
}

const LINE: usize = 2 + 4 + DIMS;

impl ReaderLines {
    /// The shipped lines (none if the file does not read).
    pub fn shipped() -> ReaderLines {
        Self::read(ASKS).unwrap_or(ReaderLines {
            slugs: Vec::new(),
            lines: 0,
            start: 0,
        })
    }

    fn read(bytes: &'static [u8]) -> Option<ReaderLines> {
        if bytes.get(..8)? != ASKS_MAGIC {
            return None;
        }
        let n = u32_at(bytes, 8)? as usize;
        let mut at = 12;
        let mut slugs = Vec::with_capacity(n);
        for _ in 0..n {
            let len = usize::from(*bytes.get(at)?);
            slugs.push(std::str::from_utf8(bytes.get(at + 1..at + 1 + len)?).ok()?);
            at += 1 + len;
        }
        let lines = u32_at(bytes, at)? as usize;
        let start = at + 4;
        (bytes.len() == start + lines * LINE).then_some(ReaderLines {
            slugs,
            lines,
            start,
        })
    }

    /// For each chapter with reader lines, how near `query` its lines are
    /// ([`Nearness`]); and the same for the off-topic lines, under
    /// [`OFF_TOPIC`].
    pub fn nearest(&self, query: &Meaning) -> Vec<Nearness> {
        // The query in the lines' own form (i8 and a scale), so each line
        // is one integer dot product.
        let max = query
            .iter()
            .fold(0f32, |m, x| m.max(x.abs()))
            .max(f32::MIN_POSITIVE);
        let query_scale = max / 127.0;
        let q: [i8; DIMS] = query.map(|x| (x / query_scale).round().clamp(-127.0, 127.0) as i8);
        // Each slug's NEAREST_LINES best similarities, highest first.
        let mut best = vec![[f32::MIN; NEAREST_LINES]; self.slugs.len()];
        let records = ASKS
            .get(self.start..self.start + self.lines * LINE)
            .unwrap_or_default();
        for (record, dot) in records.chunks_exact(LINE).zip(dots(records, &q)) {
            let slug = usize::from(u16::from_le_bytes([record[0], record[1]]));
            let scale = f32::from_le_bytes([record[2], record[3], record[4], record[5]]);
            if scale == 0.0 {
                continue;
            }
            if let Some(top) = best.get_mut(slug) {
                let mut s = dot as f32 * scale * query_scale;
                for kept in top.iter_mut() {
                    if s > *kept {
                        std::mem::swap(&mut s, kept);
                    }
                }
            }
        }
        self.slugs
            .iter()
            .zip(best)
            .filter(|(_, top)| top[0] > f32::MIN)
            .map(|(slug, top)| {
                let kept: Vec<f32> = top.into_iter().filter(|s| *s > f32::MIN).collect();
                Nearness {
                    slug,
                    line: top[0],
                    lines: kept.iter().sum::<f32>() / kept.len() as f32,
                }
            })
            .collect()
    }

    /// Number of lines.
    pub fn len(&self) -> usize {
        self.lines
    }

    /// Whether there are none.
    pub fn is_empty(&self) -> bool {
        self.lines == 0
    }
}

/// `data/vectors/asks.bin` as this code computes it from `data/asks.tsv`
/// and `data/off_topic.tsv`.
pub fn encode_reader_lines() -> Vec<u8> {
    let all =
        || crate::asks::all().chain(crate::asks::off_topic().map(|(_, text)| (OFF_TOPIC, text)));
    let mut slugs: Vec<&str> = Vec::new();
    for (slug, _) in all() {
        if !slugs.contains(&slug) {
            slugs.push(slug);
        }
    }
    let mut out = ASKS_MAGIC.to_vec();
    out.extend_from_slice(&(slugs.len() as u32).to_le_bytes());
    for slug in &slugs {
        out.push(slug.len() as u8);
        out.extend_from_slice(slug.as_bytes());
    }
    out.extend_from_slice(&(all().count() as u32).to_le_bytes());
    for (slug, text) in all() {
        let index = slugs.iter().position(|s| *s == slug).unwrap_or(0) as u16;
        out.extend_from_slice(&index.to_le_bytes());
        match line_meaning(text) {
            Some(v) => {
                let max = v
                    .iter()
                    .fold(0f32, |m, x| m.max(x.abs()))
                    .max(f32::MIN_POSITIVE);
                let scale = max / 127.0;
                out.extend_from_slice(&scale.to_le_bytes());
                out.extend(
                    v.iter()
                        .map(|x| (x / scale).round().clamp(-127.0, 127.0) as i8 as u8),
                );
            }
            None => {
                out.extend_from_slice(&0f32.to_le_bytes());
                out.extend(std::iter::repeat_n(0u8, DIMS));
            }
        }
    }
    out
}

/// Each stored line's dot product with a query (`DIMS` i8 in -127..=127),
/// exact in i32, in the order of `records` ([`LINE`] bytes each: slug,
/// scale, then the line's `DIMS` i8). Every search takes one per reader
/// line (some 4,400), about a third of a millisecond written plainly; with
/// AVX2, where the processor has it, a fifth of that, the processor asked
/// once for all of them.
fn dots(records: &[u8], query: &[i8; DIMS]) -> Vec<i32> {
    #[cfg(target_arch = "x86_64")]
    if std::arch::is_x86_feature_detected!("avx2") {
        // SAFETY: the processor has just been found to support AVX2.
        return unsafe { dots_avx2(records, query) };
    }
    records
        .chunks_exact(LINE)
        .map(|record| {
            record
                .last_chunk()
                .map_or(0, |line| dot_portable(line, query))
        })
        .collect()
}

/// [`dots`] with [`dot_avx2`], which inlines here: one loop, the query
/// held in registers.
#[cfg(target_arch = "x86_64")]
#[target_feature(enable = "avx2")]
fn dots_avx2(records: &[u8], query: &[i8; DIMS]) -> Vec<i32> {
    let mut out = Vec::with_capacity(records.len() / LINE);
    for record in records.chunks_exact(LINE) {
        out.push(record.last_chunk().map_or(0, |line| dot_avx2(line, query)));
    }
    out
}

/// [`dot`] in plain Rust: eight running sums, which the compiler keeps in
/// SSE2 registers and adds with one multiply-add per eight products.
fn dot_portable(line: &[u8; DIMS], query: &[i8; DIMS]) -> i32 {
    let mut sums = [0i32; 8];
    for (line, query) in line.chunks_exact(8).zip(query.chunks_exact(8)) {
        for ((sum, &l), &q) in sums.iter_mut().zip(line).zip(query) {
            *sum += i32::from(l as i8) * i32::from(q);
        }
    }
    sums.iter().sum()
}

/// [`dot`] 32 bytes at a time. `maddubs` multiplies unsigned bytes by
/// signed ones, so the line's sign moves onto the query (`sign`) and its
/// magnitude (at most 128) is taken unsigned. A pair of products then sums
/// to at most 2 * 128 * 127 = 32,512, inside the i16 it saturates at,
/// which is why the query must stay within -127..=127: the result is
/// exactly [`dot_portable`]'s (a test compares them).
#[cfg(target_arch = "x86_64")]
#[target_feature(enable = "avx2")]
fn dot_avx2(line: &[u8; DIMS], query: &[i8; DIMS]) -> i32 {
    use std::arch::x86_64::{
        __m256i, _mm256_add_epi32, _mm256_loadu_si256, _mm256_madd_epi16, _mm256_maddubs_epi16,
        _mm256_set1_epi16, _mm256_setzero_si256, _mm256_sign_epi8, _mm256_storeu_si256,
    };
    let ones = _mm256_set1_epi16(1);
    let mut sums = _mm256_setzero_si256();
    for (line, query) in line.chunks_exact(32).zip(query.chunks_exact(32)) {
        // SAFETY: each chunk holds exactly 32 bytes, the width of one
        // unaligned load.
        let (l, q) = unsafe {
            (
                _mm256_loadu_si256(line.as_ptr().cast::<__m256i>()),
                _mm256_loadu_si256(query.as_ptr().cast::<__m256i>()),
            )
        };
        let pairs = _mm256_maddubs_epi16(_mm256_sign_epi8(l, l), _mm256_sign_epi8(q, l));
        sums = _mm256_add_epi32(sums, _mm256_madd_epi16(pairs, ones));
    }
    let mut lanes = [0i32; 8];
    // SAFETY: `lanes` is 32 bytes, the width of one unaligned store.
    unsafe { _mm256_storeu_si256(lanes.as_mut_ptr().cast::<__m256i>(), sums) };
    lanes.iter().sum()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_way_of_taking_a_dot_product_agrees_to_the_last_bit() {
        // The extremes (the line's -128 and 127 against the query's -127
        // and 127, where an i16 would saturate if anything could), then a
        // pseudo-random spread.
        let mut cases: Vec<([u8; DIMS], [i8; DIMS])> = vec![
            ([128u8; DIMS], [-127i8; DIMS]),
            ([128u8; DIMS], [127i8; DIMS]),
            ([127u8; DIMS], [127i8; DIMS]),
            ([127u8; DIMS], [-127i8; DIMS]),
            ([0u8; DIMS], [127i8; DIMS]),
        ];
        let mut seed: u32 = 0x2545_f491;
        let mut next = || {
            seed ^= seed << 13;
            seed ^= seed >> 17;
            seed ^= seed << 5;
            seed
        };
        for _ in 0..200 {
            let line: [u8; DIMS] = std::array::from_fn(|_| next() as u8);
            let query: [i8; DIMS] = std::array::from_fn(|_| (next() as u8 as i8).max(-127));
            cases.push((line, query));
        }
        // A stored record: slug, scale, then the line.
        let record = |line: &[u8; DIMS]| {
            let mut record = vec![0u8; LINE - DIMS];
            record.extend_from_slice(line);
            record
        };
        for (line, query) in &cases {
            let plain: i32 = line
                .iter()
                .zip(query)
                .map(|(&l, &q)| i32::from(l as i8) * i32::from(q))
                .sum();
            assert_eq!(dot_portable(line, query), plain);
            assert_eq!(dots(&record(line), query), [plain]);
            #[cfg(target_arch = "x86_64")]
            if std::arch::is_x86_feature_detected!("avx2") {
                // SAFETY: checked just above.
                assert_eq!(unsafe { dot_avx2(line, query) }, plain);
            }
        }
        assert_eq!(
            dots(&record(&[128u8; DIMS]), &[-127i8; DIMS]),
            [128 * 127 * DIMS as i32]
        );
        // Many records at once, as a search takes them.
        let all: Vec<u8> = cases.iter().flat_map(|(line, _)| record(line)).collect();
        let query = &cases[0].1;
        let each: Vec<i32> = cases
            .iter()
            .map(|(line, _)| dot_portable(line, query))
            .collect();
        assert_eq!(dots(&all, query), each);
    }

    #[test]
    fn a_line_resting_on_one_common_word_has_no_meaning() {
        // Only `work` is known: the line would mean `work` and nothing more.
        assert!(line_meaning("RIF at work").is_none());
        assert!(line_meaning("10x engineer").is_none());
        // One word alone, or enough known words, mean what they say.
        assert!(line_meaning("layoffs").is_some());
        assert!(
            line_meaning("my tech lead keeps handing the interesting work to the same two people")
                .is_some()
        );
    }

    #[test]
    fn the_table_reads_and_near_words_are_near() {
        let table = table().expect("words.bin reads");
        assert_eq!(table.count, 30_000);
        let [boss, manager, pizza] = ["boss", "manager", "pizza"].map(|w| meaning([w]).expect(w));
        assert!(similarity(&boss, &manager) > similarity(&boss, &pizza) + 0.2);
        assert!(meaning(["qwzxv"]).is_none());
    }

    #[test]
    fn a_chapter_is_as_near_as_its_three_nearest_lines() {
        let query = meaning_of_text("my manager keeps taking credit for my work").expect("known");
        let near = ReaderLines::shipped().nearest(&query);
        let mut slugs: Vec<&str> = crate::asks::all().map(|(slug, _)| slug).collect();
        slugs.sort_unstable();
        slugs.dedup();
        assert_eq!(near.len(), slugs.len() + 1, "{near:?}");
        for n in &near {
            // The mean of the three nearest is at most the nearest, and a
            // cosine.
            assert!(n.lines <= n.line + 1e-6 && n.lines > -1.0, "{n:?}");
        }
        assert!(near.iter().any(|n| n.slug == OFF_TOPIC));
    }

    #[test]
    fn a_common_word_weighs_less_than_a_rare_one() {
        // The stored vectors carry their words' weights: in a sum, *work*
        // and *people* say less than *layoffs* and *promotion*.
        let table = table().expect("words.bin reads");
        let weight = |word: &str| {
            let mut sum = [0f32; DIMS];
            table.add(table.find(word).expect(word), &mut sum);
            sum.iter().map(|x| x * x).sum::<f32>().sqrt()
        };
        for common in ["work", "people"] {
            for rare in ["layoffs", "promotion"] {
                assert!(weight(common) < weight(rare), "{common} vs {rare}");
            }
        }
    }

    #[test]
    fn reader_line_vectors_match_the_reader_lines() {
        let fresh = encode_reader_lines();
        if std::env::var_os("UPDATE_VECTORS").is_some() {
            let path = concat!(env!("CARGO_MANIFEST_DIR"), "/data/vectors/asks.bin");
            std::fs::write(path, &fresh).expect("write asks.bin");
            return;
        }
        assert!(
            fresh == ASKS,
            "data/vectors/asks.bin is out of date with data/asks.tsv or off_topic.tsv: \
             run `UPDATE_VECTORS=1 cargo test -p advice-core reader_line_vectors`"
        );
        assert_eq!(
            ReaderLines::shipped().len(),
            crate::asks::all().count() + crate::asks::off_topic().count()
        );
    }
}
