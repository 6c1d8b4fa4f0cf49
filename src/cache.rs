//! A reader's library kept between runs in the cache directory, so a search
//! over thousands of chapters reads one index instead of parsing every file.
//!
//! The cache is keyed by the folders read (canonicalised) and checked against
//! every file's path, size, modification time, status change time and inode:
//! any change, addition or removal means a rebuild, which re-reads only the
//! files that changed (the others' parsed chapters and analysed text come
//! from the old cache). A cache that is missing, damaged, not a regular
//! file, from another build of advice, or unwritable is simply rebuilt or
//! skipped, without a word: it never costs the reader a chapter.
//!
//! The file is mapped into memory rather than read, so a warm search touches
//! only the pages it needs: the fingerprints (compared byte for byte with
//! this run's), the warnings, and the parts of the index a query reads.
//! Every section but the index carries a checksum, verified when the section
//! is read; the index carries one per block, verified as each block is first
//! read (see [`advice_core::index::Blocks`]), and a damaged block makes the
//! library re-index its files ([`crate::library::Library::with_index`]).
//! Cache files are only ever replaced whole (written aside, then renamed),
//! never changed in place, so a mapping always sees one complete file.
//!
//! Housekeeping happens when a cache is written: temporary files left by a
//! run that was killed mid-write are removed, and so are cache files for
//! folder sets not used for [`MAX_UNUSED_DAYS`] days (a cache in use is
//! touched at most once a day to say so).
//!
//! File layout: a header (magic, the built-in library's id, section lengths
//! and checksums), then five sections: the fingerprints (postcard), the
//! warnings (postcard), the index's block checksums, the search index (see
//! [`crate::index`]) and the files (postcard). A search reads only the first
//! four, and of the index only what it needs.

use crate::analyze::{self, DocData};
use crate::chapter::{Chapter, Diagnostic, FrontMatter, Origin};
use crate::index::{Blocks, DocTerms, Index};
use crate::load::ChapterFile;
use crate::text::Analyzer;
use serde::{Deserialize, Serialize};
use std::collections::HashMap;
use std::io::Write;
use std::path::{Path, PathBuf};

const MAGIC: &[u8; 8] = b"ADVCACH5";
/// Sections: fingerprints, warnings, index block checksums, index, files.
const SECTIONS: usize = 5;
const HEADER: usize = 8 + 8 + 8 * SECTIONS + 8 * SECTIONS;
const FINGERPRINTS: usize = 0;
const WARNINGS: usize = 1;
const CHECKS: usize = 2;
const INDEX: usize = 3;
const FILES: usize = 4;

/// This build's built-in library (written by build.rs).
pub fn builtin_id() -> u64 {
    u64::from_le_bytes(*include_bytes!(concat!(env!("OUT_DIR"), "/id.bin")))
}

/// What identifies a file's content without reading it.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Fingerprint {
    pub path: String,
    pub size: u64,
    pub modified: u128,
    pub changed: u128,
    pub inode: u64,
}

impl From<&ChapterFile> for Fingerprint {
    fn from(file: &ChapterFile) -> Self {
        Fingerprint {
            path: file.shown(),
            size: file.size,
            modified: file.modified,
            changed: file.changed,
            inode: file.inode,
        }
    }
}

/// The problems found when the library was last built.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Warnings {
    /// One entry per file that could not be loaded.
    pub broken: Vec<Vec<Diagnostic>>,
    /// Problems that did not stop a chapter from loading.
    pub notes: Vec<Diagnostic>,
}

/// A reader's chapter as the cache keeps it: front matter and file text
/// (the body is parsed again only when something needs it). The text is
/// borrowed from the cache file it was read from, or owned if just read.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct CachedChapter<'a> {
    pub meta: FrontMatter,
    pub path: String,
    #[serde(borrow)]
    pub source: std::borrow::Cow<'a, str>,
}

/// One file's outcome: its chapter, or its problems.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub enum Outcome<'a> {
    Parsed(#[serde(borrow)] Box<CachedChapter<'a>>),
    Broken(Vec<Diagnostic>),
}

/// The files section: each file's outcome, in walk order.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Files<'a> {
    #[serde(borrow)]
    pub outcomes: Vec<Outcome<'a>>,
    /// Which parsed files made it into the library, and as what.
    pub kept: Vec<(u32, Origin)>,
}

/// A cache file mapped into memory, or just built.
pub struct Cache {
    bytes: Bytes,
    /// Each section's place in `bytes`.
    sections: [std::ops::Range<usize>; SECTIONS],
    /// Each section's checksum, from the header.
    sums: [u64; SECTIONS],
}

/// A cache's bytes: a file's mapping, or a build's own.
enum Bytes {
    Mapped(memmap2::Mmap),
    Owned(Vec<u8>),
}

impl std::ops::Deref for Bytes {
    type Target = [u8];
    fn deref(&self) -> &[u8] {
        match self {
            Bytes::Mapped(map) => map,
            Bytes::Owned(bytes) => bytes,
        }
    }
}

/// The checksum of a section (see [`advice_core::hash::checksum`]).
use advice_core::hash::checksum;

/// The section lengths and checksums from a header, if it is one of this build's.
fn read_header(header: &[u8]) -> Option<([usize; SECTIONS], [u64; SECTIONS])> {
    if header.len() < HEADER
        || &header[..8] != MAGIC
        || u64::from_le_bytes(header[8..16].try_into().ok()?) != builtin_id()
    {
        return None;
    }
    let word = |at: usize| -> Option<u64> {
        Some(u64::from_le_bytes(header.get(at..at + 8)?.try_into().ok()?))
    };
    let mut lengths = [0usize; SECTIONS];
    let mut sums = [0u64; SECTIONS];
    for i in 0..SECTIONS {
        lengths[i] = usize::try_from(word(16 + 8 * i)?).ok()?;
        sums[i] = word(16 + 8 * SECTIONS + 8 * i)?;
    }
    // Guard the arithmetic against absurd lengths in a damaged header.
    lengths
        .iter()
        .try_fold(HEADER, |acc, &l| acc.checked_add(l))?;
    Some((lengths, sums))
}

/// Where each part of a cache file lies: the header, then the five
/// sections (fingerprints, warnings, index block checksums, index, files),
/// as byte ranges of the whole file. `None` if the header is not one of this
/// build's. For tests and tools that need to find a section without knowing the layout.
pub fn layout(file: &[u8]) -> Option<Vec<std::ops::Range<usize>>> {
    let (lengths, _) = read_header(file.get(..HEADER)?)?;
    let mut ranges = Vec::with_capacity(SECTIONS + 1);
    ranges.push(0..HEADER);
    let mut at = HEADER;
    for len in lengths {
        ranges.push(at..at.checked_add(len)?);
        at += len;
    }
    Some(ranges)
}

/// Where the cache for this list of folders lives.
pub fn path_for(dirs: &[PathBuf]) -> Option<PathBuf> {
    let mut names = Vec::new();
    for dir in dirs {
        let real = std::fs::canonicalize(dir).unwrap_or_else(|_| dir.clone());
        names.extend(real.to_string_lossy().bytes().chain([0]));
    }
    let hash = advice_core::hash::fnv1a(names);
    dirs::cache_dir().map(|d| d.join("advice").join(format!("library-{hash:016x}.cache")))
}

impl Cache {
    /// Maps a cache file into memory and checks its header and length
    /// (sections are checked as they are read). `None` if it is missing,
    /// not a regular file, cut short or from another build.
    pub fn read(path: &Path) -> Option<Cache> {
        let file = crate::load::open_regular(path).ok()?;
        let len = file.metadata().ok()?.len();
        if len < HEADER as u64 {
            return None;
        }
        // SAFETY: the mapping is read-only, and cache files are never
        // changed in place: advice writes a new file aside and renames it
        // over the old one, so this mapping keeps the file it opened whole.
        // (Another program truncating the file while advice runs could fault
        // the process; that is the same bargain ripgrep makes for its maps.)
        let map = unsafe { memmap2::Mmap::map(&file) }.ok()?;
        Cache::new(Bytes::Mapped(map))
    }

    /// A cache just built, in memory.
    pub fn from_bytes(bytes: Vec<u8>) -> Option<Cache> {
        Cache::new(Bytes::Owned(bytes))
    }

    fn new(bytes: Bytes) -> Option<Cache> {
        let (lengths, sums) = read_header(bytes.get(..HEADER)?)?;
        let total = lengths.iter().sum::<usize>() + HEADER;
        if bytes.len() != total {
            return None;
        }
        let mut at = HEADER;
        let sections = lengths.map(|len| {
            at += len;
            at - len..at
        });
        Some(Cache {
            bytes,
            sections,
            sums,
        })
    }

    /// Section `i`, if it matches its checksum.
    fn checked(&self, i: usize) -> Option<&[u8]> {
        let section = self.bytes.get(self.sections[i].clone())?;
        (checksum(section) == self.sums[i]).then_some(section)
    }

    /// Whether the cache was built from exactly these files (their
    /// fingerprints as [`fingerprint_bytes`] encodes them): equal bytes need
    /// no checksum.
    pub fn has_fingerprints(&self, encoded: &[u8]) -> bool {
        self.bytes.get(self.sections[FINGERPRINTS].clone()) == Some(encoded)
    }

    pub fn fingerprints(&self) -> Option<Vec<Fingerprint>> {
        postcard::from_bytes(self.checked(FINGERPRINTS)?).ok()
    }

    pub fn warnings(&self) -> Option<Warnings> {
        postcard::from_bytes(self.checked(WARNINGS)?).ok()
    }

    /// The search index's bytes, unchecked (open them with
    /// [`Index::open_checked`] and [`Cache::index_blocks`]).
    pub fn index(&self) -> Option<&[u8]> {
        self.bytes.get(self.sections[INDEX].clone())
    }

    /// The block checksums to read [`Cache::index`] with.
    pub fn index_blocks(&self) -> Option<Blocks> {
        Blocks::from_stored(self.checked(CHECKS)?, self.sections[INDEX].len())
    }

    /// The search index, every block verified now (for a rebuild, which
    /// reads all of it).
    fn index_verified(&self) -> Option<&[u8]> {
        let bytes = self.index()?;
        let blocks = self.checked(CHECKS)?;
        (Blocks::stored(bytes) == blocks).then_some(bytes)
    }

    /// The files section.
    pub fn files(&self) -> Option<Files<'_>> {
        postcard::from_bytes(self.checked(FILES)?).ok()
    }

    /// The reader's chapters as assembled at the last build (not the built-in ones).
    pub fn chapters(&self) -> Option<Vec<Chapter>> {
        let files = self.files()?;
        let mut chapters = Vec::with_capacity(files.kept.len());
        for (i, origin) in files.kept {
            match files.outcomes.get(i as usize)? {
                Outcome::Parsed(chapter) => {
                    chapters.push(Chapter::from_source(
                        chapter.meta.clone(),
                        origin,
                        chapter.path.clone(),
                        chapter.source.to_string(),
                    ));
                }
                Outcome::Broken(_) => return None,
            }
        }
        Some(chapters)
    }
}

/// The fingerprints of these files as the cache stores them (compare with
/// [`Cache::has_fingerprints`]).
pub fn fingerprint_bytes(files: &[ChapterFile]) -> anyhow::Result<Vec<u8>> {
    let fingerprints: Vec<Fingerprint> = files.iter().map(Fingerprint::from).collect();
    Ok(postcard::to_allocvec(&fingerprints)?)
}

/// Chapters analysed and added to the index at a time (see [`build`]).
const BATCH: usize = 512;

/// Everything a rebuild produces, ready to write and to use.
pub struct Built {
    pub bytes: Vec<u8>,
    pub warnings: Warnings,
}

/// Builds the cache for these files: unchanged files come from `old`
/// without being read again, and their chapters' entries in the old index
/// are carried over; only new and changed files are read and analysed.
pub fn build(files: &[ChapterFile], old: Option<&Cache>) -> anyhow::Result<Built> {
    // Nothing reusable (no old cache, or a damaged one) means reading every file.
    let mut previous = match old {
        Some(cache) => reusable(cache),
        None => HashMap::new(),
    };
    let mut outcomes: Vec<Outcome> = Vec::with_capacity(files.len());
    let mut user: Vec<Chapter> = Vec::new();
    let mut file_of: HashMap<String, u32> = HashMap::new();
    let mut unchanged: std::collections::HashSet<String> = std::collections::HashSet::new();
    let mut warnings = Warnings::default();
    // Unchanged files come from the old cache; the rest are read and
    // parsed on a few threads.
    let kept_before: Vec<Option<Outcome>> = files
        .iter()
        .map(|file| previous.remove(&Fingerprint::from(file)))
        .collect();
    let to_read: Vec<&ChapterFile> = files
        .iter()
        .zip(&kept_before)
        .filter(|(_, kept)| kept.is_none())
        .map(|(file, _)| file)
        .collect();
    let mut fresh_reads = crate::parallel::map(&to_read, |file| {
        match crate::load::read_chapter(file, Origin::Added) {
            Ok(chapter) => {
                let meta = chapter.meta.clone();
                let path = chapter.path.clone();
                Outcome::Parsed(Box::new(CachedChapter {
                    meta,
                    path,
                    source: std::borrow::Cow::Owned(chapter.into_source()),
                }))
            }
            Err(problems) => Outcome::Broken(problems),
        }
    })
    .into_iter();
    let mut read: Vec<Outcome> = Vec::with_capacity(files.len());
    for (file, kept) in files.iter().zip(kept_before) {
        match kept {
            Some(outcome) => {
                unchanged.insert(file.shown());
                read.push(outcome);
            }
            None => read.extend(fresh_reads.next()),
        }
    }
    let builtin = crate::library::builtin_chapters()?;
    for (i, outcome) in read.into_iter().enumerate() {
        match &outcome {
            Outcome::Parsed(c) => {
                file_of.insert(c.path.clone(), i as u32);
                user.push(Chapter::from_source(
                    c.meta.clone(),
                    Origin::Added,
                    c.path.clone(),
                    c.source.to_string(),
                ));
            }
            Outcome::Broken(problems) => warnings.broken.push(problems.clone()),
        }
        outcomes.push(outcome);
    }

    // Markdown pages: order by path, names that never replace a chapter.
    // (Settled again on every load from the cache, so the files section keeps
    // each page's own name; the notes on renamed pages are lint's to print.)
    crate::library::settle_chapters(&mut user, &builtin);
    let library = crate::library::assemble(builtin, user);
    warnings
        .broken
        .extend(library.dropped.into_iter().map(|d| vec![d]));
    warnings.notes.extend(library.notes);
    let assembled = library.chapters;
    let kept: Vec<(u32, Origin)> = assembled
        .iter()
        .filter(|c| c.origin != Origin::BuiltIn)
        .filter_map(|c| file_of.get(&c.path).map(|&i| (i, c.origin)))
        .collect();

    // Chapters the old index already has (built-in, or from unchanged files)
    // keep their entries; the others are analysed now.
    let old_index = old.and_then(Cache::index_verified).and_then(Index::open);
    // Without a readable old index, every chapter is analysed afresh.
    let old_terms = old_index.map_or_else(Vec::new, |index| index.terms_by_doc());
    let old_docs: HashMap<&str, u32> = old_index.map_or_else(HashMap::new, |index| {
        (0..index.n_docs)
            .filter_map(|d| Some((index.doc(d)?.path, d)))
            .collect()
    });
    let analyzer = Analyzer::new();
    let old_words: Vec<(&str, &str)> = old_index.map_or_else(Vec::new, |index| {
        index
            .vocabulary()
            .filter_map(|(w, id)| Some((w, index.term(id)?)))
            .collect()
    });
    // The index is built a batch of chapters at a time, so a big library's
    // analyses are never all held at once. An unchanged chapter's terms come
    // from the old index; if they cannot be read back from it, the chapter is
    // analysed afresh (never indexed empty). New ones are analysed on a few
    // threads, each parsed body let go as soon as it is analysed.
    let mut builder = crate::index::Builder::default();
    let mut assembled = assembled;
    for batch in assembled.chunks_mut(BATCH) {
        let reused: Vec<Option<DocTerms>> = batch
            .iter()
            .map(|c| {
                let same_file = c.origin == Origin::BuiltIn || unchanged.contains(&c.path);
                let index = old_index.filter(|_| same_file)?;
                let d = *old_docs.get(c.path.as_str())?;
                index.doc_terms(d, old_terms.get(d as usize).map_or(&[], Vec::as_slice))
            })
            .collect();
        let work: Vec<(&mut Chapter, bool)> = batch
            .iter_mut()
            .zip(&reused)
            .map(|(c, r)| (c, r.is_none()))
            .collect();
        let fresh: Vec<Option<DocData>> = crate::parallel::map_owned(work, |(chapter, needed)| {
            let data = needed.then(|| analyze::analyze(chapter, &analyzer));
            chapter.release_content();
            data
        });
        for ((chapter, reused), data) in batch.iter().zip(reused).zip(&fresh) {
            let terms = match (reused, data) {
                (_, Some(data)) => data.terms_ref(),
                (Some(terms), None) => terms,
                // Not reached: `fresh` holds an analysis wherever `reused` has none.
                (None, None) => DocTerms::default(),
            };
            builder.add(&analyze::doc_meta(chapter), &terms);
        }
    }
    let index = builder.finish(&old_words);

    let fingerprints = fingerprint_bytes(files)?;
    // Each section is appended as soon as it is made, and let go: the header's
    // lengths and checksums are filled in after.
    let mut bytes = Vec::with_capacity(HEADER + index.len() * 3 / 2);
    bytes.extend_from_slice(MAGIC);
    bytes.extend_from_slice(&builtin_id().to_le_bytes());
    bytes.resize(HEADER, 0);
    let mut lengths = Vec::with_capacity(SECTIONS);
    let mut sums = Vec::with_capacity(SECTIONS);
    let mut append = |bytes: &mut Vec<u8>, section: Vec<u8>| {
        lengths.push(section.len() as u64);
        sums.push(checksum(&section));
        bytes.extend_from_slice(&section);
    };
    append(&mut bytes, fingerprints);
    append(&mut bytes, postcard::to_allocvec(&warnings)?);
    append(&mut bytes, Blocks::stored(&index));
    append(&mut bytes, index);
    append(
        &mut bytes,
        postcard::to_allocvec(&Files { outcomes, kept })?,
    );
    for (i, (len, sum)) in lengths.iter().zip(&sums).enumerate() {
        let at = 16 + 8 * i;
        bytes[at..at + 8].copy_from_slice(&len.to_le_bytes());
        let at = 16 + 8 * SECTIONS + 8 * i;
        bytes[at..at + 8].copy_from_slice(&sum.to_le_bytes());
    }
    Ok(Built { bytes, warnings })
}

/// The old cache's outcomes by fingerprint.
fn reusable(cache: &Cache) -> HashMap<Fingerprint, Outcome<'_>> {
    match (cache.fingerprints(), cache.files()) {
        (Some(prints), Some(files)) if prints.len() == files.outcomes.len() => {
            prints.into_iter().zip(files.outcomes).collect()
        }
        _ => HashMap::new(),
    }
}

/// Days a cache file may go unused before a rebuild of another one removes it.
pub const MAX_UNUSED_DAYS: u64 = 30;

/// Notes that the cache at `path` is in use, so housekeeping keeps it: its
/// modification time is set to now, at most once a day.
pub fn mark_used(path: &Path) {
    let day = std::time::Duration::from_secs(24 * 60 * 60);
    let stale = std::fs::metadata(path)
        .and_then(|m| m.modified())
        .ok()
        .and_then(|t| t.elapsed().ok())
        .is_some_and(|age| age > day);
    if stale && let Ok(file) = std::fs::OpenOptions::new().write(true).open(path) {
        let _ = file.set_modified(std::time::SystemTime::now());
    }
}

/// Removes what earlier runs left in the cache folder: temporary files of
/// rebuilds that were killed (their process is gone, or they are over an
/// hour old) and cache files unused for [`MAX_UNUSED_DAYS`] days.
pub fn tidy(dir: &Path, keep: &Path) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    let hour = std::time::Duration::from_secs(60 * 60);
    let unused = std::time::Duration::from_secs(MAX_UNUSED_DAYS * 24 * 60 * 60);
    for entry in entries.filter_map(Result::ok).take(10_000) {
        let name = entry.file_name().to_string_lossy().into_owned();
        let path = entry.path();
        if path == keep || !name.contains("library-") {
            continue;
        }
        let Ok(meta) = std::fs::symlink_metadata(&path) else {
            continue;
        };
        let age = meta
            .modified()
            .ok()
            .and_then(|t| t.elapsed().ok())
            .unwrap_or_default();
        let remove = if let Some(pid) = temp_file_pid(&name) {
            age > hour || !process_alive(pid)
        } else {
            name.starts_with("library-") && name.ends_with(".cache") && age > unused
        };
        if remove && meta.is_file() {
            let _ = std::fs::remove_file(&path);
        }
    }
}

/// The process id in a temporary file's name (`.library-H.cache.PID.tmp`).
fn temp_file_pid(name: &str) -> Option<u32> {
    let rest = name.strip_prefix(".library-")?.strip_suffix(".tmp")?;
    rest.rsplit('.').next()?.parse().ok()
}

/// Whether a process is running (where `/proc` can tell; elsewhere, assume so).
fn process_alive(pid: u32) -> bool {
    let proc = Path::new("/proc");
    !proc.join("self").exists() || proc.join(pid.to_string()).exists()
}

/// Writes `bytes` to `path` atomically (a temporary file renamed into place,
/// which also replaces a FIFO or anything else found there); any failure (a
/// read-only cache directory) is ignored: no cache, no harm.
pub fn write(path: &Path, bytes: &[u8]) {
    let Some(dir) = path.parent() else { return };
    if std::fs::create_dir_all(dir).is_err() {
        return;
    }
    tidy(dir, path);
    // A folder in the cache file's place cannot be renamed over: remove it if empty.
    if std::fs::symlink_metadata(path).is_ok_and(|m| m.is_dir()) {
        let _ = std::fs::remove_dir(path);
    }
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let temp = dir.join(format!(".{name}.{}.tmp", std::process::id()));
    let written = std::fs::File::create(&temp).and_then(|mut f| f.write_all(bytes));
    if written.is_err() || std::fs::rename(&temp, path).is_err() {
        let _ = std::fs::remove_file(&temp);
    }
}
