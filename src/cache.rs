//! A reader's library kept between runs in the cache directory, so a search
//! over thousands of chapters reads one index instead of parsing every file.
//!
//! The cache is keyed by the folders read (canonicalised) and checked against
//! every file's path, size, modification time, status change time and inode.
//! After a change, a library of [`DELTA_MIN_FILES`] files or more gets a
//! delta beside its cache ([`update`]): the chapters that differ from what
//! the cache indexes, indexed on their own, and the cache's documents they
//! leave out, which a search lays over the cache's index
//! ([`advice_core::index::Overlay`]). A smaller library, or a delta grown
//! too big, is rebuilt whole ([`build`]), re-reading only the files that
//! changed (the others' parsed chapters and analysed text come from the
//! old cache). A cache that is missing, damaged, not a regular
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

const MAGIC: &[u8; 8] = b"ADVCACH6";
/// A delta file's magic: the same layout, over the chapters changed since
/// the cache beside it was built (see [`update`]).
const DELTA_MAGIC: &[u8; 8] = b"ADVDELT1";
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
fn read_header(header: &[u8], magic: &[u8; 8]) -> Option<([usize; SECTIONS], [u64; SECTIONS])> {
    if header.len() < HEADER
        || &header[..8] != magic
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
    let header = file.get(..HEADER)?;
    let (lengths, _) = read_header(header, MAGIC).or_else(|| read_header(header, DELTA_MAGIC))?;
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
    crate::places::cache_dir().map(|d| d.join("advice").join(format!("library-{hash:016x}.cache")))
}

impl Cache {
    /// Maps a cache file into memory and checks its header and length
    /// (sections are checked as they are read). `None` if it is missing,
    /// not a regular file, cut short or from another build.
    pub fn read(path: &Path) -> Option<Cache> {
        Cache::read_as(path, MAGIC)
    }

    /// Maps the delta file at `path` (see [`update`]), checking all of it
    /// now: a delta is small. `None` if it is missing or damaged.
    pub fn read_delta(path: &Path) -> Option<Cache> {
        let delta = Cache::read_as(path, DELTA_MAGIC)?;
        let whole = (0..SECTIONS).all(|i| i == INDEX || delta.checked(i).is_some());
        (whole && delta.index_verified().is_some()).then_some(delta)
    }

    fn read_as(path: &Path, magic: &'static [u8; 8]) -> Option<Cache> {
        let file = crate::load::open_regular(path).ok()?;
        let len = file.metadata().ok()?.len();
        if len < HEADER as u64 {
            return None;
        }
        // SAFETY: the mapping is read-only, and cache files are never
        // changed in place: advice writes a new file aside and renames it
        // over the old one, so this mapping keeps the file it opened whole.
        // Only another program cutting the file short while advice runs
        // could make a read fault; `guard_mapping` turns that into an error.
        guard_mapping();
        let map = unsafe { memmap2::Mmap::map(&file) }.ok()?;
        Cache::new(Bytes::Mapped(map), magic)
    }

    /// A cache (or delta) just built, in memory.
    pub fn from_bytes(bytes: Vec<u8>) -> Option<Cache> {
        let magic = match bytes.get(..8) {
            Some(m) if m == DELTA_MAGIC => DELTA_MAGIC,
            _ => MAGIC,
        };
        Cache::new(Bytes::Owned(bytes), magic)
    }

    fn new(bytes: Bytes, magic: &'static [u8; 8]) -> Option<Cache> {
        let (lengths, sums) = read_header(bytes.get(..HEADER)?, magic)?;
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

    /// What identifies this cache's content: its header, which holds every
    /// section's checksum (a delta names the cache it applies to by this).
    pub fn id(&self) -> u64 {
        checksum(self.bytes.get(..HEADER).unwrap_or_default())
    }

    /// Whether this is a delta file's content.
    pub fn is_delta(&self) -> bool {
        self.bytes.get(..8) == Some(DELTA_MAGIC)
    }

    /// A delta's patch: the cache it applies to, the documents of that
    /// cache's index it leaves out, and the files read since.
    pub fn patch(&self) -> Option<Patch<'_>> {
        if !self.is_delta() {
            return None;
        }
        postcard::from_bytes(self.checked(FILES)?).ok()
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

    /// The files section (of a cache, not a delta).
    pub fn files(&self) -> Option<Files<'_>> {
        if self.is_delta() {
            return None;
        }
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

/// What a fault on a mapped cache prints before advice exits with status 2.
pub const CUT_SHORT: &str = "advice: error: a cache file was cut short by another program while advice read it; run the command again\n";

/// Installs, once, a handler that turns a bus error (SIGBUS: reading a
/// mapped cache file that another program cut short in the meantime) into
/// [`CUT_SHORT`] on stderr and exit status 2, instead of a crash. advice
/// maps nothing else, so no other bus error is expected.
fn guard_mapping() {
    static ONCE: std::sync::Once = std::sync::Once::new();
    ONCE.call_once(|| {
        // SAFETY: sigaction with a zeroed struct, an empty mask and a
        // handler that only calls async-signal-safe functions.
        unsafe {
            let mut action: libc::sigaction = std::mem::zeroed();
            action.sa_sigaction = on_bus_error as *const () as libc::sighandler_t;
            libc::sigemptyset(&mut action.sa_mask);
            libc::sigaction(libc::SIGBUS, &action, std::ptr::null_mut());
        }
    });
}

extern "C" fn on_bus_error(_: libc::c_int) {
    // SAFETY: write(2) and _exit(2) are async-signal-safe.
    unsafe {
        libc::write(2, CUT_SHORT.as_ptr().cast(), CUT_SHORT.len());
        libc::_exit(2);
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

/// A delta's files section: which cache it applies to, that cache's index
/// documents it leaves out (replaced by the delta's, or gone), and the
/// outcome of each file read since that cache was built.
#[derive(Debug, Serialize, Deserialize)]
pub struct Patch<'a> {
    pub base: u64,
    pub edits: BaseEdits,
    #[serde(borrow)]
    pub outcomes: Vec<(Fingerprint, Outcome<'a>)>,
}

/// What a delta changes in the index of the cache under it (see
/// [`crate::index::Overlay`]): documents left out, and documents whose
/// reading order moved (a file added or removed before them) though
/// nothing else about them did.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct BaseEdits {
    pub removed: Vec<u32>,
    pub reordered: Vec<(u32, u32)>,
}

/// A delta read (or just made), with what it changes in the cache's index.
pub struct Delta {
    pub cache: Cache,
    pub edits: BaseEdits,
}

/// [`Patch`] as written, borrowing the outcomes (the same encoding).
#[derive(Serialize)]
struct PatchOut<'x, 'a> {
    base: u64,
    edits: &'x BaseEdits,
    outcomes: Vec<(Fingerprint, &'x Outcome<'a>)>,
}

/// Each file's outcome, in walk order: reused from an earlier build where
/// its fingerprint is known (and whether that was the cache's own), else
/// read and parsed now, on a few threads.
struct Gathered<'c> {
    outcomes: Vec<Outcome<'c>>,
    from_cache: Vec<bool>,
}

fn gather<'c>(
    files: &[ChapterFile],
    mut previous: HashMap<Fingerprint, (Outcome<'c>, bool)>,
) -> Gathered<'c> {
    let kept_before: Vec<Option<(Outcome, bool)>> = files
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
    let mut outcomes = Vec::with_capacity(files.len());
    let mut from_cache = Vec::with_capacity(files.len());
    for kept in kept_before {
        match kept {
            Some((outcome, own)) => {
                outcomes.push(outcome);
                from_cache.push(own);
            }
            None => {
                outcomes.extend(fresh_reads.next());
                from_cache.push(false);
            }
        }
    }
    Gathered {
        outcomes,
        from_cache,
    }
}

/// The library these outcomes make with the built-in guide: every chapter
/// in effect (sorted), the file each reader's chapter came from (its place
/// in `outcomes`), and the warnings.
struct Settled {
    chapters: Vec<Chapter>,
    file_of: HashMap<String, u32>,
    warnings: Warnings,
}

fn settle(outcomes: &[Outcome], builtin: Vec<Chapter>) -> Settled {
    let mut user = Vec::new();
    let mut file_of = HashMap::new();
    let mut warnings = Warnings::default();
    for (i, outcome) in outcomes.iter().enumerate() {
        match outcome {
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
    Settled {
        chapters: library.chapters,
        file_of,
        warnings,
    }
}

/// A cache or delta file's bytes for these files: the header (lengths and
/// checksums filled in), then the sections in order (the index's block
/// checksums made here).
fn file_bytes(
    magic: &[u8; 8],
    files: &[ChapterFile],
    warnings: &Warnings,
    index: Vec<u8>,
    files_section: Vec<u8>,
) -> anyhow::Result<Vec<u8>> {
    let leading = [
        fingerprint_bytes(files)?,
        postcard::to_allocvec(warnings)?,
        Blocks::stored(&index),
    ];
    let lens = leading
        .iter()
        .map(Vec::len)
        .chain([index.len(), files_section.len()]);
    let sums = leading
        .iter()
        .map(|s| checksum(s))
        .chain([checksum(&index), checksum(&files_section)]);
    let mut prefix = Vec::with_capacity(HEADER + leading.iter().map(Vec::len).sum::<usize>());
    prefix.extend_from_slice(magic);
    prefix.extend_from_slice(&builtin_id().to_le_bytes());
    for len in lens {
        prefix.extend_from_slice(&(len as u64).to_le_bytes());
    }
    for sum in sums {
        prefix.extend_from_slice(&sum.to_le_bytes());
    }
    for section in leading {
        prefix.extend_from_slice(&section);
    }
    // The index, the largest section, becomes the file's buffer: grown
    // where it lies and shifted once, so a large library's cache is never
    // held twice in memory while it is made.
    let mut bytes = index;
    bytes.reserve_exact(prefix.len() + files_section.len());
    bytes.splice(0..0, prefix);
    bytes.extend_from_slice(&files_section);
    Ok(bytes)
}

/// Builds the cache for these files: unchanged files come from `old`
/// without being read again, and their chapters' entries in the old index
/// are carried over; only new and changed files are read and analysed.
pub fn build(files: &[ChapterFile], old: Option<&Cache>) -> anyhow::Result<Built> {
    // Nothing reusable (no old cache, or a damaged one) means reading every file.
    let previous = match old {
        Some(cache) => reusable(cache),
        None => HashMap::new(),
    };
    let Gathered {
        outcomes,
        from_cache,
    } = gather(files, previous);
    let unchanged: std::collections::HashSet<String> = files
        .iter()
        .zip(&from_cache)
        .filter(|(_, own)| **own)
        .map(|(file, _)| file.shown())
        .collect();
    let builtin = crate::library::builtin_chapters()?;
    let Settled {
        chapters: assembled,
        file_of,
        warnings,
    } = settle(&outcomes, builtin);
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
                if !same_words(&index.doc(d)?, &analyze::doc_meta(c)) {
                    return None;
                }
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
    let files_section = postcard::to_allocvec(&Files { outcomes, kept })?;
    let bytes = file_bytes(MAGIC, files, &warnings, index, files_section)?;
    Ok(Built { bytes, warnings })
}

/// Fewest files in a library for changes to be kept in a delta: a smaller
/// library is indexed again whole in about the time a delta takes.
pub const DELTA_MIN_FILES: usize = 200;
/// Most chapters a delta holds, and most of a library's files (a quarter):
/// each change analyses the delta's chapters again, so past this many the
/// library is indexed again whole.
pub const DELTA_MAX_CHAPTERS: usize = 256;

/// What a change to a reader's files produces: a whole new cache, or a
/// delta to lay over the cache there is.
pub enum Update {
    Whole(Built),
    Delta(Built),
}

/// The first search after a change: instead of indexing a large library
/// again, only the chapters that differ from what the cache `base` holds
/// (read since it was built, or named, ordered or placed differently now)
/// are indexed, into a delta file beside it; the base's entries for them,
/// and for files gone, are left out by number. `old_delta` is the delta
/// there was, whose files need not be read again. A library of fewer than
/// [`DELTA_MIN_FILES`] files, a delta grown past [`DELTA_MAX_CHAPTERS`] or a
/// quarter of the files, or a base that turns out damaged means a whole new
/// cache instead.
pub fn update(
    files: &[ChapterFile],
    base: &Cache,
    old_delta: Option<&Cache>,
) -> anyhow::Result<Update> {
    if files.len() < DELTA_MIN_FILES {
        return Ok(Update::Whole(build(files, Some(base))?));
    }
    let (Some(prints), Some(base_files)) = (base.fingerprints(), base.files()) else {
        return Ok(Update::Whole(build(files, None)?));
    };
    if prints.len() != base_files.outcomes.len() {
        return Ok(Update::Whole(build(files, None)?));
    }
    let mut previous: HashMap<Fingerprint, (Outcome, bool)> = prints
        .into_iter()
        .zip(base_files.outcomes.into_iter().map(|o| (o, true)))
        .collect();
    let base_id = base.id();
    if let Some(patch) = old_delta
        .and_then(Cache::patch)
        .filter(|p| p.base == base_id)
    {
        for (print, outcome) in patch.outcomes {
            previous.entry(print).or_insert((outcome, false));
        }
    }
    let Gathered {
        outcomes,
        from_cache,
    } = gather(files, previous);
    let builtin = crate::library::builtin_chapters()?;
    let Settled {
        mut chapters,
        file_of,
        warnings,
    } = settle(&outcomes, builtin);

    // Which chapters the base indexes just as they are now.
    let blocks = base.index_blocks();
    let index = match (base.index(), &blocks) {
        (Some(bytes), Some(blocks)) => Index::open_checked(bytes, blocks),
        _ => None,
    };
    let Some(index) = index else {
        return Ok(Update::Whole(build(files, None)?));
    };
    let by_path: HashMap<&str, u32> = (0..index.n_docs)
        .filter_map(|d| Some((index.doc(d)?.path, d)))
        .collect();
    let mut kept = vec![false; index.n_docs as usize];
    let mut changed = Vec::new();
    let mut reordered = Vec::new();
    for (i, c) in chapters.iter().enumerate() {
        let same_file = c.origin == Origin::BuiltIn
            || file_of
                .get(&c.path)
                .is_some_and(|&f| from_cache.get(f as usize) == Some(&true));
        let meta = analyze::doc_meta(c);
        let old = same_file
            .then(|| by_path.get(c.path.as_str()).copied())
            .flatten()
            .and_then(|d| Some((d, index.doc(d)?)));
        match old {
            Some((d, view)) if same_doc(&view, &meta) => {
                kept[d as usize] = true;
                if view.order != meta.order {
                    reordered.push((d, meta.order));
                }
            }
            _ => changed.push(i),
        }
    }
    if blocks.as_ref().is_some_and(Blocks::damaged) {
        return Ok(Update::Whole(build(files, None)?));
    }
    if changed.len() > DELTA_MAX_CHAPTERS || changed.len() * 4 > files.len() {
        return Ok(Update::Whole(build(files, Some(base))?));
    }
    let edits = BaseEdits {
        removed: (0..index.n_docs).filter(|&d| !kept[d as usize]).collect(),
        reordered,
    };

    // The changed chapters, analysed on a few threads and indexed.
    let analyzer = Analyzer::new();
    let work: Vec<&mut Chapter> = chapters
        .iter_mut()
        .enumerate()
        .filter(|(i, _)| changed.binary_search(i).is_ok())
        .map(|(_, c)| c)
        .collect();
    let analysed: Vec<(crate::index::DocMeta, DocData)> =
        crate::parallel::map_owned(work, |chapter| {
            let data = analyze::analyze(chapter, &analyzer);
            (analyze::doc_meta(chapter), data)
        });
    let docs: Vec<(crate::index::DocMeta, DocTerms)> = analysed
        .iter()
        .map(|(meta, data)| (meta.clone(), data.terms_ref()))
        .collect();
    let delta_index = crate::index::build(&docs, &[]);
    let patch = PatchOut {
        base: base_id,
        edits: &edits,
        outcomes: files
            .iter()
            .zip(&outcomes)
            .zip(&from_cache)
            .filter(|(_, own)| !**own)
            .map(|((file, outcome), _)| (Fingerprint::from(file), outcome))
            .collect(),
    };
    let patch = postcard::to_allocvec(&patch)?;
    let bytes = file_bytes(DELTA_MAGIC, files, &warnings, delta_index, patch)?;
    Ok(Update::Delta(Built { bytes, warnings }))
}

/// Whether the index's document is this chapter of the same file as it
/// would be indexed now, its reading order aside (an overlay can move that).
fn same_doc(view: &crate::index::DocView, meta: &crate::index::DocMeta) -> bool {
    same_words(view, meta)
        && view.part == meta.part
        && view.path == meta.path
        && view.page == meta.page
        && view.origin == meta.origin
}

/// Whether the index's document, of the same file, has the words this
/// chapter would have now: the names and tags a library settles are
/// analysed with the text, so a page renamed must be analysed again.
fn same_words(view: &crate::index::DocView, meta: &crate::index::DocMeta) -> bool {
    view.slug == meta.slug
        && view.title == meta.title
        && view.book_chapter == meta.book_chapter
        && view.checklist == meta.checklist
        && view
            .tags
            .split('\n')
            .filter(|t| !t.is_empty())
            .eq(meta.tags.iter().map(String::as_str))
}

/// The reader's chapters (not the built-in ones) in effect with a delta:
/// each file's outcome from the delta or the cache under it, settled and
/// assembled as a build would.
pub fn chapters_with(files: &[ChapterFile], base: &Cache, delta: &Cache) -> Option<Vec<Chapter>> {
    let patch = delta.patch().filter(|p| p.base == base.id())?;
    let mut previous = reusable(base);
    for (print, outcome) in patch.outcomes {
        previous.entry(print).or_insert((outcome, false));
    }
    let mut outcomes = Vec::with_capacity(files.len());
    for file in files {
        // Every file is known to one of the two (the delta's fingerprints are this run's).
        outcomes.push(previous.remove(&Fingerprint::from(file))?.0);
    }
    let builtin = crate::library::builtin_chapters().ok()?;
    let settled = settle(&outcomes, builtin);
    Some(
        settled
            .chapters
            .into_iter()
            .filter(|c| c.origin != Origin::BuiltIn)
            .collect(),
    )
}

/// The old cache's outcomes by fingerprint (each marked as the cache's own).
fn reusable(cache: &Cache) -> HashMap<Fingerprint, (Outcome<'_>, bool)> {
    match (cache.fingerprints(), cache.files()) {
        (Some(prints), Some(files)) if prints.len() == files.outcomes.len() => prints
            .into_iter()
            .zip(files.outcomes.into_iter().map(|o| (o, true)))
            .collect(),
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
        if path == keep || path == delta_path(keep) || !name.contains("library-") {
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
        } else if name.starts_with("library-") && name.ends_with(".delta") {
            // A delta lives as long as the cache it was made for is in use.
            let cache_age = std::fs::metadata(path.with_extension("cache"))
                .ok()
                .and_then(|m| m.modified().ok())
                .and_then(|t| t.elapsed().ok());
            cache_age.is_none_or(|age| age > unused)
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

/// The delta file beside the cache at `path` (see [`update`]).
pub fn delta_path(path: &Path) -> PathBuf {
    path.with_extension("delta")
}

/// Writes a whole new cache to `path` (see [`write()`]) and removes the
/// delta beside it, which was made for the cache replaced.
pub fn write_base(path: &Path, bytes: &[u8]) {
    write(path, bytes);
    let _ = std::fs::remove_file(delta_path(path));
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
