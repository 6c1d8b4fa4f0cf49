//! Finding and reading a reader's own chapters: the folders they come from
//! (`--chapters`, `ADVICE_CHAPTERS`, the config directory), the walk through
//! them, and the library they form together with the built-in guide.
//!
//! A broken file never takes the library down: it becomes a diagnostic, and
//! everything else loads.

use crate::cache::{self, Cache};
use crate::chapter::{Chapter, Diagnostic, Origin};
use crate::error::Failure;
use crate::library::{Library, builtin_chapters};
use crate::parse::{MAX_FILE_BYTES, parse_file};
use anyhow::{Context, Result};
use std::collections::HashSet;
use std::path::{Path, PathBuf};

/// The environment variable naming extra chapter folders (separated like `PATH`).
pub const ENV_CHAPTERS: &str = "ADVICE_CHAPTERS";
/// A walk stops after this many chapter files.
pub const MAX_FILES: usize = 20_000;
// The index packs a document number in three bytes.
const _: () = assert!(MAX_FILES < 1 << 23);
/// ... and does not descend deeper than this.
pub const MAX_DEPTH: usize = 32;

/// A folder of chapters (canonicalised).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SourceDir {
    pub path: PathBuf,
}

/// Which folders to read, and how.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Sources {
    /// Each `--chapters DIR`, in order.
    pub flag_dirs: Vec<PathBuf>,
    /// Follow folder symlinks that lead outside a chapters folder (`--follow-links`).
    pub follow_links: bool,
}

/// The folders to read, in order: each `--chapters DIR`, each folder in
/// `ADVICE_CHAPTERS`, then the config directory's `advice/chapters`, each
/// canonicalised (so `lib` and `/home/me/lib` are one folder, with one
/// cache) and each read once. A `--chapters` folder that does not exist is
/// a usage error; a missing config directory is skipped, and a missing
/// `ADVICE_CHAPTERS` folder gives a warning.
pub fn source_dirs(flag_dirs: &[PathBuf]) -> Result<(Vec<SourceDir>, Vec<String>)> {
    let mut dirs: Vec<SourceDir> = Vec::new();
    let mut warnings = Vec::new();
    let add = |dirs: &mut Vec<SourceDir>, path: &Path| {
        let path = std::fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf());
        if !dirs.iter().any(|d| d.path == path) {
            dirs.push(SourceDir { path });
        }
    };
    for dir in flag_dirs {
        // A folder, or one markdown file (`--chapters notes/on-call.md`).
        let markdown_file = dir.is_file()
            && dir
                .extension()
                .is_some_and(|e| e.eq_ignore_ascii_case("md"));
        if !dir.is_dir() && !markdown_file {
            let what = if dir.exists() {
                "is neither a folder nor a markdown file"
            } else {
                "does not exist"
            };
            return Err(Failure::usage(format!("--chapters {}: {what}", dir.display()))
                .hint("Give a folder of chapter files, or one *.md file; `advice new SLUG --dir DIR` starts one.")
                .into());
        }
        add(&mut dirs, dir);
    }
    if let Some(value) = std::env::var_os(ENV_CHAPTERS) {
        for dir in std::env::split_paths(&value).filter(|p| !p.as_os_str().is_empty()) {
            if dir.is_dir() {
                add(&mut dirs, &dir);
            } else {
                warnings.push(format!(
                    "{ENV_CHAPTERS} names {}, which is not a folder; skipped",
                    dir.display()
                ));
            }
        }
    }
    if let Some(dir) = config_chapters_dir()
        && dir.is_dir()
    {
        add(&mut dirs, &dir);
    }
    Ok((dirs, warnings))
}

/// `$XDG_CONFIG_HOME/advice/chapters` on Linux; the platform's equivalent elsewhere.
pub fn config_chapters_dir() -> Option<PathBuf> {
    crate::places::config_dir().map(|d| d.join("advice").join("chapters"))
}

/// A chapter file found by a walk, with what identifies its content
/// without reading it (see [`crate::cache::Fingerprint`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ChapterFile {
    pub path: PathBuf,
    pub size: u64,
    /// Modification time in nanoseconds since the epoch (0 if unknown).
    pub modified: u128,
    /// Status change time (ctime) in nanoseconds: it changes on every write,
    /// even when the modification time is put back.
    pub changed: u128,
    /// The inode: a file replaced by another of the same size and times differs here.
    pub inode: u64,
    /// The path relative to the folder it was found in, `/`-separated
    /// (a markdown page's slug comes from it).
    pub relative: String,
    /// That folder's name.
    pub folder: String,
}

impl ChapterFile {
    /// Where the file lies, as [`advice_core::document`] derives names from it.
    pub fn place(&self) -> advice_core::document::Place<'_> {
        advice_core::document::Place {
            relative: &self.relative,
            folder: &self.folder,
        }
    }

    /// Describes the regular file at `path`, found under `root` (a folder
    /// named `folder`), from its metadata.
    fn new(path: PathBuf, root: &Path, folder: &str, meta: &std::fs::Metadata) -> Self {
        let relative = path
            .strip_prefix(root)
            .ok()
            .filter(|r| !r.as_os_str().is_empty())
            .map(|r| shown_path(r).replace('\\', "/"))
            .unwrap_or_else(|| {
                path.file_name()
                    .map(|n| shown_path(Path::new(n)))
                    .unwrap_or_default()
            });
        let folder = folder.to_string();
        let modified = meta
            .modified()
            .ok()
            .and_then(|t| t.duration_since(std::time::UNIX_EPOCH).ok())
            .map_or(0, |d| d.as_nanos());
        #[cfg(unix)]
        let (changed, inode) = {
            use std::os::unix::fs::MetadataExt;
            let secs = u128::try_from(meta.ctime()).unwrap_or(0);
            let nanos = u128::try_from(meta.ctime_nsec()).unwrap_or(0);
            (secs * 1_000_000_000 + nanos, meta.ino())
        };
        #[cfg(not(unix))]
        let (changed, inode) = (0, 0);
        ChapterFile {
            path,
            size: meta.len(),
            modified,
            changed,
            inode,
            relative,
            folder,
        }
    }

    /// The path as shown in messages and used to tell files apart (see [`shown_path`]).
    pub fn shown(&self) -> String {
        shown_path(&self.path)
    }
}

/// A path as text, without losing anything: bytes that are not UTF-8 are
/// written `\xNN`, so two file names that differ only there stay two names.
pub fn shown_path(path: &Path) -> String {
    #[cfg(unix)]
    {
        use std::os::unix::ffi::OsStrExt;
        let bytes = path.as_os_str().as_bytes();
        if let Ok(text) = std::str::from_utf8(bytes) {
            return text.to_string();
        }
        let mut shown = String::with_capacity(bytes.len() + 8);
        for chunk in bytes.utf8_chunks() {
            shown.push_str(chunk.valid());
            for byte in chunk.invalid() {
                shown.push_str(&format!("\\x{byte:02x}"));
            }
        }
        shown
    }
    #[cfg(not(unix))]
    {
        path.display().to_string()
    }
}

/// A path as a reader is shown it: relative to the current folder when it
/// lies inside it (`team-notes/on-call.md`), else under `~/` when it lies in
/// the home folder, else whole. Chapter folders
/// are canonicalised for the cache, so this gives messages back the short
/// form a reader typed, whichever spelling they used.
pub fn relative_to_cwd(path: &str) -> std::borrow::Cow<'_, str> {
    thread_local! {
        static CWD: Option<String> = std::env::current_dir()
            .ok()
            .and_then(|d| std::fs::canonicalize(d).ok())
            .map(|d| shown_path(&d));
    }
    let rest = CWD.with(|cwd| {
        let cwd = cwd.as_deref()?;
        let rest = path.strip_prefix(cwd)?.strip_prefix('/')?;
        (!rest.is_empty()).then_some(rest.len())
    });
    if let Some(len) = rest {
        return std::borrow::Cow::Borrowed(&path[path.len() - len..]);
    }
    // Under the home folder: `~/notes/x.md`, as a shell would say it.
    let home = crate::places::home_dir()
        .map(|h| shown_path(&h))
        .filter(|h| h.len() > 1);
    match home.and_then(|h| {
        path.strip_prefix(h.as_str())?
            .strip_prefix('/')
            .map(str::len)
    }) {
        Some(len) if len > 0 => std::borrow::Cow::Owned(format!("~/{}", &path[path.len() - len..])),
        _ => std::borrow::Cow::Borrowed(path),
    }
}

/// A walk looks at no more than this many folder entries in all.
pub const MAX_ENTRIES: usize = 200_000;

/// What a walk found, and what it skipped.
#[derive(Debug, Default)]
pub struct Walk {
    /// The chapter files, sorted by path.
    pub files: Vec<ChapterFile>,
    /// Files and folders that could not be read or were refused, one each.
    pub problems: Vec<Diagnostic>,
    /// Folder symlinks not followed because they lead out of the root:
    /// (the link, where it leads).
    pub links_out: Vec<(PathBuf, PathBuf)>,
}

/// Every `*.md` file under `root` (or `root` itself if it is a file), sorted
/// by path. The walk is ripgrep's (the `ignore` crate): hidden files and
/// folders are skipped, and `.gitignore` and `.adviceignore` files are
/// honoured, in git repositories or not. On top of it, advice's own rules:
/// only regular files are taken (after resolving symlinks), so a FIFO,
/// device or socket named `*.md` is reported and skipped, never opened;
/// folder symlinks are followed only while they stay inside `root`, unless
/// `follow_links`; a folder already visited (a symlink loop) is not entered
/// twice. At most [`MAX_FILES`] files, [`MAX_DEPTH`] levels and
/// [`MAX_ENTRIES`] entries.
pub fn walk(root: &Path, follow_links: bool) -> Walk {
    let real_root = std::fs::canonicalize(root).unwrap_or_else(|_| root.to_path_buf());
    // A file named on its own belongs to its parent folder.
    let folder_path = if real_root.is_dir() {
        real_root.as_path()
    } else {
        real_root.parent().unwrap_or(&real_root)
    };
    let folder = folder_path
        .file_name()
        .map(|n| shown_path(Path::new(n)))
        .unwrap_or_default();
    let mut walker = Walker {
        root: root.to_path_buf(),
        folder,
        pending: Vec::new(),
        real_root,
        follow_links,
        visited: HashSet::new(),
        entries: 0,
        over_files: false,
        out: Walk::default(),
    };
    walker.visit(root, 0);
    walker.stat_pending();
    walker.out.files.sort_by(|a, b| a.path.cmp(&b.path));
    walker.out
}

struct Walker {
    /// The root as given (files' relative paths are taken from it).
    root: PathBuf,
    /// The root folder's name.
    folder: String,
    /// Markdown files found, not yet looked at.
    pending: Vec<PathBuf>,
    real_root: PathBuf,
    follow_links: bool,
    visited: HashSet<PathBuf>,
    entries: usize,
    /// The file limit was reached (and said once).
    over_files: bool,
    out: Walk,
}

/// Whether a path names a chapter file (`*.md`, any case).
fn is_md(path: &Path) -> bool {
    path.extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("md"))
}

impl Walker {
    fn problem(&mut self, path: &Path, message: String) {
        self.out.problems.push(Diagnostic {
            path: shown_path(path),
            line: 1,
            column: 1,
            message,
        });
    }

    /// Takes a file found by the walk, if it is a regular one.
    fn take(&mut self, path: &Path, meta: &std::fs::Metadata) {
        if !meta.is_file() {
            return self.problem(
                path,
                format!("not a regular file ({}); skipped", kind(meta)),
            );
        }
        if self.out.files.len() >= MAX_FILES {
            if !self.over_files {
                self.over_files = true;
                self.problem(
                    path,
                    format!("more than {MAX_FILES} chapter files; the rest are skipped"),
                );
            }
            return;
        }
        self.out.files.push(ChapterFile::new(
            path.to_path_buf(),
            &self.root,
            &self.folder,
            meta,
        ));
    }

    /// Walks `path`, `depth` levels below the root.
    fn visit(&mut self, path: &Path, depth: usize) {
        let meta = match std::fs::metadata(path) {
            Ok(meta) => meta,
            Err(e) => return self.problem(path, format!("cannot read: {e}")),
        };
        if !meta.is_dir() {
            // The root itself, named on the command line: taken whatever its name.
            return self.take(path, &meta);
        }
        let real = std::fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf());
        if !self.visited.insert(real) {
            return self.problem(
                path,
                "symlink loop: this folder was already read; skipped".to_string(),
            );
        }
        let room = MAX_DEPTH.saturating_sub(depth);
        let walk = ignore::WalkBuilder::new(path)
            .hidden(true)
            .ignore(false)
            .git_ignore(true)
            .git_global(false)
            .git_exclude(false)
            .require_git(false)
            .add_custom_ignore_filename(".adviceignore")
            .follow_links(false)
            .max_depth(Some(room))
            .sort_by_file_name(std::cmp::Ord::cmp)
            // Installed dependencies are never a team's own writing.
            .filter_entry(|e| e.file_name() != "node_modules")
            .build();
        for entry in walk {
            if self.entries == MAX_ENTRIES {
                self.problem(
                    path,
                    format!("more than {MAX_ENTRIES} folder entries; the rest are skipped"),
                );
            }
            self.entries += 1;
            if self.entries > MAX_ENTRIES {
                return;
            }
            let entry = match entry {
                Ok(entry) => entry,
                Err(e) => {
                    self.problem(path, format!("cannot read: {e}"));
                    continue;
                }
            };
            if entry.depth() == 0 {
                continue;
            }
            let found = entry.path();
            let Some(kind) = entry.file_type() else {
                continue;
            };
            if kind.is_dir() {
                if entry.depth() == room {
                    self.problem(
                        found,
                        format!("folders nested deeper than {MAX_DEPTH} levels; skipped"),
                    );
                }
                continue;
            }
            if kind.is_symlink() {
                match std::fs::metadata(found) {
                    Err(e) if is_md(found) => self.problem(found, format!("cannot read: {e}")),
                    Err(_) => {}
                    Ok(meta) if meta.is_dir() => {
                        let target =
                            std::fs::canonicalize(found).unwrap_or_else(|_| found.to_path_buf());
                        if self.follow_links || target.starts_with(&self.real_root) {
                            self.visit(found, depth + entry.depth());
                        } else {
                            self.out.links_out.push((found.to_path_buf(), target));
                        }
                    }
                    Ok(meta) if is_md(found) => self.take(found, &meta),
                    Ok(_) => {}
                }
                continue;
            }
            if is_md(found) {
                // Looked at after the walk, several at a time (see `stat_pending`).
                self.pending.push(found.to_path_buf());
            }
        }
    }

    /// Takes the files the walk found, their metadata read on a few threads
    /// (a library of thousands of pages spends most of a warm run here), in
    /// the order they were found.
    fn stat_pending(&mut self) {
        let pending = std::mem::take(&mut self.pending);
        let threads = std::thread::available_parallelism()
            .map_or(1, |n| n.get())
            .clamp(1, 4);
        let chunk = pending.len().div_ceil(threads).max(256);
        let metas: Vec<std::io::Result<std::fs::Metadata>> = std::thread::scope(|scope| {
            let handles: Vec<_> = pending
                .chunks(chunk)
                .map(|paths| {
                    let handle = scope
                        .spawn(move || paths.iter().map(std::fs::metadata).collect::<Vec<_>>());
                    (paths.len(), handle)
                })
                .collect();
            handles
                .into_iter()
                .flat_map(|(count, handle)| {
                    handle.join().unwrap_or_else(|_| {
                        (0..count)
                            .map(|_| Err(std::io::Error::other("could not look at the file")))
                            .collect()
                    })
                })
                .collect()
        });
        for (path, meta) in pending.iter().zip(metas) {
            match meta {
                Ok(meta) => self.take(path, &meta),
                Err(e) => self.problem(path, format!("cannot read: {e}")),
            }
        }
    }
}

/// What a file that is not a regular file or a folder is, for messages.
fn kind(meta: &std::fs::Metadata) -> &'static str {
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        let t = meta.file_type();
        if t.is_fifo() {
            return "a FIFO";
        } else if t.is_char_device() || t.is_block_device() {
            return "a device";
        } else if t.is_socket() {
            return "a socket";
        }
    }
    let _ = meta;
    "not a file or folder"
}

/// Opens `path` for reading only if it is a regular file (after resolving
/// symlinks), without ever blocking on a FIFO, and reads at most `limit`
/// bytes. `Ok(None)` if the file holds more than `limit` bytes, whatever
/// its reported size (`/proc` files say 0).
pub fn read_regular(path: &Path, limit: usize) -> std::io::Result<Option<Vec<u8>>> {
    use std::io::Read;
    let file = open_regular(path)?;
    let size = file.metadata()?.len();
    let mut bytes = Vec::with_capacity(usize::try_from(size).unwrap_or(0).min(limit));
    file.take(limit as u64 + 1).read_to_end(&mut bytes)?;
    Ok((bytes.len() <= limit).then_some(bytes))
}

/// Opens `path` for reading if it is a regular file (after resolving
/// symlinks); a FIFO, device or socket is an error, and is never waited on.
pub fn open_regular(path: &Path) -> std::io::Result<std::fs::File> {
    let not_regular = |meta: &std::fs::Metadata| {
        std::io::Error::new(
            std::io::ErrorKind::InvalidInput,
            format!("not a regular file ({})", kind(meta)),
        )
    };
    let meta = std::fs::metadata(path)?;
    if !meta.is_file() {
        return Err(not_regular(&meta));
    }
    let mut options = std::fs::OpenOptions::new();
    options.read(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        // Should the file have become a FIFO since the check, opening it
        // must not wait for a writer.
        options.custom_flags(libc::O_NONBLOCK);
    }
    let file = options.open(path)?;
    let meta = file.metadata()?;
    if !meta.is_file() {
        return Err(not_regular(&meta));
    }
    Ok(file)
}

/// Reads and parses one chapter file: a regular file of at most
/// [`MAX_FILE_BYTES`], counted as read, not as reported.
pub fn read_chapter(file: &ChapterFile, origin: Origin) -> Result<Chapter, Vec<Diagnostic>> {
    let shown = file.shown();
    let refuse = |message: String| {
        vec![Diagnostic {
            path: shown.clone(),
            line: 1,
            column: 1,
            message,
        }]
    };
    let too_big = |size: String| {
        refuse(format!(
            "file is {size} bytes; a chapter may be at most 1 MiB ({MAX_FILE_BYTES} bytes)"
        ))
    };
    if file.size > MAX_FILE_BYTES as u64 {
        return Err(too_big(file.size.to_string()));
    }
    let bytes = read_regular(&file.path, MAX_FILE_BYTES)
        .map_err(|e| refuse(format!("cannot read: {e}")))?
        .ok_or_else(|| too_big(format!("more than {MAX_FILE_BYTES}")))?;
    parse_file(&shown, Some(&file.place()), &bytes, origin)
}

/// What loading a reader's chapters produced.
#[derive(Debug, Default)]
pub struct Loaded {
    pub chapters: Vec<Chapter>,
    /// One entry per file that could not be loaded, with all its problems.
    pub broken: Vec<Vec<Diagnostic>>,
    /// Problems that did not stop a chapter from loading (a dangling `related`).
    pub notes: Vec<Diagnostic>,
}

/// Reads these files and assembles them with the built-in guide.
/// (For `lint`, so the remarks only lint makes are among the notes.)
pub fn load_files(files: &[ChapterFile], walk_problems: Vec<Diagnostic>) -> Result<Loaded> {
    let mut own = Vec::new();
    let mut broken: Vec<Vec<Diagnostic>> = walk_problems.into_iter().map(|d| vec![d]).collect();
    for file in files {
        match read_chapter(file, Origin::Added) {
            Ok(chapter) => own.push(chapter),
            Err(problems) => broken.push(problems),
        }
    }
    let builtin = builtin_chapters()?;
    let renamed = crate::library::settle_chapters(&mut own, &builtin);
    // What only lint remarks on: template text, a heading unlike the title,
    // control characters.
    let remarks: Vec<Diagnostic> = own
        .iter()
        .flat_map(advice_core::validate::own_chapter_remarks)
        .collect();
    let assembled = crate::library::assemble(builtin, own);
    broken.extend(assembled.dropped.into_iter().map(|d| vec![d]));
    let mut notes = assembled.notes;
    notes.extend(renamed);
    notes.extend(remarks);
    notes.extend(assembled.lint_notes);
    Ok(Loaded {
        chapters: assembled.chapters,
        broken,
        notes,
    })
}

/// The library for this run: the built-in guide plus the reader's chapters.
/// Problems come back as [`Library::notices`], for the output layer to print
/// (one line per broken file, then a count); completion never prints them.
pub fn library(sources: &Sources) -> Result<Library> {
    let (dirs, mut notices) = source_dirs(&sources.flag_dirs)?;
    if dirs.is_empty() {
        return Ok(Library::builtin()?.with_notices(notices));
    }
    let builtin = builtin_chapters()?;
    let paths: Vec<PathBuf> = dirs.iter().map(|d| d.path.clone()).collect();
    let cache_path = cache::path_for(&paths);
    let mut walk_problems = Vec::new();
    let mut files: Vec<ChapterFile> = Vec::new();
    let mut links_out = Vec::new();
    // The cache is read while the folders are walked: the two are a warm
    // run's work, and neither needs the other until both are done.
    let read_cache = cache_path.clone();
    let (cached, delta) = std::thread::scope(|scope| {
        let reader = scope.spawn(move || {
            let path = read_cache?;
            let base = Cache::read(&path)?;
            Some((base, Cache::read_delta(&cache::delta_path(&path))))
        });
        for dir in &dirs {
            let walk = walk(&dir.path, sources.follow_links);
            files.extend(walk.files);
            walk_problems.extend(walk.problems);
            links_out.extend(walk.links_out);
        }
        match reader.join().ok().flatten() {
            Some((base, delta)) => (Some(base), delta),
            None => (None, None),
        }
    });
    if let Some((link, target)) = links_out.first() {
        let more = match links_out.len() {
            1 => String::new(),
            n => format!(" and {} more", n - 1),
        };
        notices.push(format!(
            "not following {} -> {}{more}: it leads out of your chapters folder; --follow-links reads it",
            link.display(),
            target.display()
        ));
    }
    let fingerprints = cache::fingerprint_bytes(&files)?;
    // A delta counts only over the cache it was made for.
    let delta = delta.and_then(|d| {
        let patch = d.patch()?;
        let (base, edits) = (patch.base, patch.edits);
        (cached.as_ref()?.id() == base).then_some(cache::Delta { cache: d, edits })
    });

    // Fresh: the files are as the cache (and its delta) knew them; their
    // index and warnings are all a search needs.
    let fresh_delta = delta
        .as_ref()
        .filter(|d| d.cache.has_fingerprints(&fingerprints))
        .and_then(|d| d.cache.warnings());
    let fresh_base = cached
        .as_ref()
        .filter(|c| fresh_delta.is_none() && c.has_fingerprints(&fingerprints))
        .and_then(Cache::warnings);
    let (cache, delta, warnings) = match (cached, fresh_delta, fresh_base) {
        (Some(cache), Some(warnings), _) => (cache, delta, warnings),
        (Some(cache), None, Some(warnings)) => (cache, None, warnings),
        (Some(base), None, None) => {
            match cache::update(&files, &base, delta.as_ref().map(|d| &d.cache))? {
                cache::Update::Delta(built) => {
                    if let Some(path) = &cache_path {
                        cache::write(&cache::delta_path(path), &built.bytes);
                    }
                    let delta = Cache::from_bytes(built.bytes)
                        .and_then(|d| {
                            let edits = d.patch()?.edits;
                            Some(cache::Delta { cache: d, edits })
                        })
                        .context(
                            "could not index your chapters: the new index does not read back",
                        )?;
                    (base, Some(delta), built.warnings)
                }
                cache::Update::Whole(built) => {
                    // The old file's mapping goes before the new file replaces it.
                    drop(base);
                    whole(built, cache_path.as_deref())?
                }
            }
        }
        (None, _, _) => whole(cache::build(&files, None)?, cache_path.as_deref())?,
    };
    if let Some(path) = &cache_path {
        cache::mark_used(path);
    }
    let mut broken: Vec<Vec<Diagnostic>> = walk_problems.into_iter().map(|d| vec![d]).collect();
    broken.extend(warnings.broken);
    notices.extend(warning_lines(&broken, &warnings.notes));
    Ok(Library::cached(
        cache, delta, cache_path, files, builtin, notices,
    ))
}

/// A whole new cache, written (any delta beside it removed) and read back.
fn whole(
    built: cache::Built,
    path: Option<&Path>,
) -> Result<(Cache, Option<cache::Delta>, cache::Warnings)> {
    if let Some(path) = path {
        cache::write_base(path, &built.bytes);
    }
    let cache = Cache::from_bytes(built.bytes)
        .context("could not index your chapters: the new index does not read back")?;
    Ok((cache, None, built.warnings))
}

/// The reader's chapters rebuilt from their files, when the cache's copy
/// of them turned out to be damaged: a fresh cache is built and written;
/// should even that fail, the files are read directly. Never fewer chapters.
pub fn rebuild(
    files: &[ChapterFile],
    cache_path: Option<&Path>,
    builtin: Vec<Chapter>,
) -> Vec<Chapter> {
    let from_new_cache = cache::build(files, None).ok().and_then(|built| {
        if let Some(path) = cache_path {
            cache::write_base(path, &built.bytes);
        }
        Cache::from_bytes(built.bytes)?.chapters()
    });
    match from_new_cache {
        Some(own) => crate::library::merge_builtin(builtin, own),
        None => {
            let mut own: Vec<Chapter> = files
                .iter()
                .filter_map(|f| read_chapter(f, Origin::Added).ok())
                .collect();
            crate::library::settle_chapters(&mut own, &builtin);
            crate::library::assemble(builtin, own).chapters
        }
    }
}

/// At most this many warning lines are printed; the count covers the rest.
pub const MAX_WARNINGS: usize = 5;

/// The warning lines for broken files (one each, then a count) and notes.
pub fn warning_lines(broken: &[Vec<Diagnostic>], notes: &[Diagnostic]) -> Vec<String> {
    let mut lines = Vec::new();
    let shown = |d: &Diagnostic| {
        format!(
            "{}:{}:{}: {}",
            relative_to_cwd(&d.path),
            d.line,
            d.column,
            d.message
        )
    };
    for problems in broken.iter().take(MAX_WARNINGS) {
        if let Some(first) = problems.first() {
            let more = match problems.len() {
                1 => String::new(),
                n => format!(" (and {} more)", n - 1),
            };
            lines.push(format!("{}{more}", shown(first)));
        }
    }
    let room = MAX_WARNINGS.saturating_sub(lines.len());
    lines.extend(notes.iter().take(room).map(shown));
    let hidden = (broken.len() + notes.len()).saturating_sub(MAX_WARNINGS);
    if hidden > 0 {
        lines.push(format!("... and {hidden} more"));
    }
    if !broken.is_empty() {
        let files = if broken.len() == 1 { "file" } else { "files" };
        lines.push(format!(
            "{} chapter {files} skipped; `advice lint PATH` lists every problem",
            broken.len()
        ));
    }
    lines
}
