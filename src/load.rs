//! Finding and reading a reader's own chapters: the folders they come from
//! (`--chapters`, `ADVICE_CHAPTERS`, the config directory), the walk through
//! them, and the library they form together with the built-in guide.
//!
//! A broken file never takes the library down: it becomes a diagnostic, and
//! everything else loads.

use crate::cache::{self, Cache, Fingerprint};
use crate::chapter::{Chapter, Diagnostic, Origin};
use crate::error::Failure;
use crate::library::{Library, builtin_chapters};
use crate::parse::{MAX_FILE_BYTES, parse_chapter};
use crate::validate::assemble;
use anyhow::Result;
use std::collections::HashSet;
use std::path::{Path, PathBuf};

/// The environment variable naming extra chapter folders (separated like `PATH`).
pub const ENV_CHAPTERS: &str = "ADVICE_CHAPTERS";
/// A walk stops after this many chapter files.
pub const MAX_FILES: usize = 20_000;
/// ... and does not descend deeper than this.
pub const MAX_DEPTH: usize = 32;

/// Where a folder of chapters was named.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Named {
    Flag,
    Env,
    Config,
}

/// A folder of chapters.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SourceDir {
    pub path: PathBuf,
    pub named: Named,
}

/// The folders to read, in order: each `--chapters DIR`, each folder in
/// `ADVICE_CHAPTERS`, then the config directory's `advice/chapters`.
/// A `--chapters` folder that does not exist is a usage error; a missing
/// config directory is skipped, and a missing `ADVICE_CHAPTERS` folder gives
/// a warning.
pub fn source_dirs(flag_dirs: &[PathBuf]) -> Result<(Vec<SourceDir>, Vec<String>)> {
    let mut dirs = Vec::new();
    let mut warnings = Vec::new();
    for dir in flag_dirs {
        if !dir.is_dir() {
            let what = if dir.exists() {
                "is not a folder"
            } else {
                "does not exist"
            };
            return Err(Failure::usage(format!("--chapters {}: {what}", dir.display()))
                .hint("Give a folder of chapter files (*.md); `advice new SLUG --dir DIR` starts one.")
                .into());
        }
        dirs.push(SourceDir {
            path: dir.clone(),
            named: Named::Flag,
        });
    }
    if let Some(value) = std::env::var_os(ENV_CHAPTERS) {
        for dir in std::env::split_paths(&value).filter(|p| !p.as_os_str().is_empty()) {
            if dir.is_dir() {
                dirs.push(SourceDir {
                    path: dir,
                    named: Named::Env,
                });
            } else {
                warnings.push(format!(
                    "{ENV_CHAPTERS} names {}, which is not a folder; skipped",
                    dir.display()
                ));
            }
        }
    }
    if let Some(dir) = config_chapters_dir() {
        if dir.is_dir() {
            dirs.push(SourceDir {
                path: dir,
                named: Named::Config,
            });
        }
    }
    Ok((dirs, warnings))
}

/// `$XDG_CONFIG_HOME/advice/chapters` on Linux; the platform's equivalent elsewhere.
pub fn config_chapters_dir() -> Option<PathBuf> {
    dirs::config_dir().map(|d| d.join("advice").join("chapters"))
}

/// A chapter file found by a walk.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ChapterFile {
    pub path: PathBuf,
    pub size: u64,
    /// Modification time in nanoseconds since the epoch (0 if unknown).
    pub modified: u128,
}

impl ChapterFile {
    /// The path as shown in messages.
    pub fn shown(&self) -> String {
        self.path.display().to_string()
    }
}

/// Every `*.md` file under `root` (or `root` itself if it is a file), sorted
/// by path. Hidden files and folders are skipped; symlinks are followed, but
/// a folder already visited (a symlink loop) is not entered twice.
pub fn walk(root: &Path, problems: &mut Vec<Diagnostic>) -> Vec<ChapterFile> {
    let mut files = Vec::new();
    let mut visited = HashSet::new();
    walk_into(root, 0, &mut visited, &mut files, problems);
    files.sort_by(|a, b| a.path.cmp(&b.path));
    files
}

fn walk_into(
    path: &Path,
    depth: usize,
    visited: &mut HashSet<PathBuf>,
    files: &mut Vec<ChapterFile>,
    problems: &mut Vec<Diagnostic>,
) {
    let problem = |message: String| Diagnostic {
        path: path.display().to_string(),
        line: 1,
        column: 1,
        message,
    };
    let meta = match std::fs::metadata(path) {
        Ok(meta) => meta,
        Err(e) => {
            problems.push(problem(format!("cannot read: {e}")));
            return;
        }
    };
    if meta.is_file() {
        if files.len() >= MAX_FILES {
            if files.len() == MAX_FILES {
                problems.push(problem(format!(
                    "more than {MAX_FILES} chapter files; the rest are skipped"
                )));
            }
            return;
        }
        let modified = meta
            .modified()
            .ok()
            .and_then(|t| t.duration_since(std::time::UNIX_EPOCH).ok())
            .map_or(0, |d| d.as_nanos());
        files.push(ChapterFile {
            path: path.to_path_buf(),
            size: meta.len(),
            modified,
        });
        return;
    }
    if !meta.is_dir() {
        return;
    }
    if depth > MAX_DEPTH {
        problems.push(problem(format!(
            "folders nested deeper than {MAX_DEPTH} levels; skipped"
        )));
        return;
    }
    let real = std::fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf());
    if !visited.insert(real) {
        problems.push(problem(
            "symlink loop: this folder was already read; skipped".to_string(),
        ));
        return;
    }
    let entries = match std::fs::read_dir(path) {
        Ok(entries) => entries,
        Err(e) => {
            problems.push(problem(format!("cannot read folder: {e}")));
            return;
        }
    };
    let mut children: Vec<PathBuf> = entries
        .filter_map(Result::ok)
        .filter(|e| !e.file_name().to_string_lossy().starts_with('.'))
        .map(|e| e.path())
        .collect();
    children.sort();
    for child in children {
        let is_md = child
            .extension()
            .is_some_and(|e| e.eq_ignore_ascii_case("md"));
        if is_md || child.is_dir() {
            walk_into(&child, depth + 1, visited, files, problems);
        }
    }
}

/// Reads and parses one chapter file. Files over the size limit are refused
/// before they are read.
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
    if file.size > MAX_FILE_BYTES as u64 {
        return Err(refuse(format!(
            "file is {} bytes; a chapter may be at most 1 MiB ({MAX_FILE_BYTES} bytes)",
            file.size
        )));
    }
    let bytes = std::fs::read(&file.path).map_err(|e| refuse(format!("cannot read: {e}")))?;
    parse_chapter(&shown, &bytes, origin)
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
pub fn load_files(files: &[ChapterFile], walk_problems: Vec<Diagnostic>) -> Result<Loaded> {
    let mut all = builtin_chapters()?;
    let mut broken: Vec<Vec<Diagnostic>> = walk_problems.into_iter().map(|d| vec![d]).collect();
    for file in files {
        match read_chapter(file, Origin::Added) {
            Ok(chapter) => all.push(chapter),
            Err(problems) => broken.push(problems),
        }
    }
    let (chapters, problems) = assemble(all);
    let mut notes = Vec::new();
    for problem in problems {
        if problem.dropped {
            broken.push(vec![problem.diagnostic]);
        } else {
            notes.push(problem.diagnostic);
        }
    }
    Ok(Loaded {
        chapters,
        broken,
        notes,
    })
}

/// The library for this run: the built-in guide plus the reader's chapters.
/// Problems are printed as warnings on stderr, one line per broken file and a count.
pub fn library(flag_dirs: &[PathBuf]) -> Result<Library> {
    load_library(flag_dirs, true)
}

/// The same library without printing anything (for shell completion).
pub fn library_quiet(flag_dirs: &[PathBuf]) -> Result<Library> {
    load_library(flag_dirs, false)
}

fn load_library(flag_dirs: &[PathBuf], loud: bool) -> Result<Library> {
    let (dirs, dir_warnings) = source_dirs(flag_dirs)?;
    if loud {
        for warning in &dir_warnings {
            eprintln!("advice: warning: {warning}");
        }
    }
    if dirs.is_empty() {
        return Ok(Library::builtin());
    }
    let mut walk_problems = Vec::new();
    let files: Vec<ChapterFile> = dirs
        .iter()
        .flat_map(|d| walk(&d.path, &mut walk_problems))
        .collect();
    let fingerprints: Vec<Fingerprint> = files.iter().map(Fingerprint::from).collect();
    let paths: Vec<PathBuf> = dirs.iter().map(|d| d.path.clone()).collect();
    let cache_path = cache::path_for(&paths);

    // Fresh cache: its index and warnings are all a search needs.
    let fresh = cache_path
        .as_deref()
        .and_then(|p| Cache::read(p, false))
        .filter(|c| c.fingerprints().as_ref() == Some(&fingerprints));
    let (index, warnings, chapters, path) =
        match fresh.and_then(|c| Some((c.index()?, c.warnings()?))) {
            Some((index, warnings)) => (index, warnings, None, cache_path),
            None => {
                let old = cache_path.as_deref().and_then(|p| Cache::read(p, true));
                let built = cache::build(&files, old.as_ref())?;
                if let Some(path) = &cache_path {
                    cache::write(path, &built.bytes);
                }
                let warnings = built.warnings;
                let cache = Cache::from_bytes(built.bytes)
                    .ok_or_else(|| anyhow::anyhow!("could not index your chapters"))?;
                let chapters = cache.chapters().map(crate::library::merge_builtin);
                let index = cache
                    .index()
                    .ok_or_else(|| anyhow::anyhow!("could not index your chapters"))?;
                (index, warnings, chapters, None)
            }
        };
    let mut broken: Vec<Vec<Diagnostic>> = walk_problems.into_iter().map(|d| vec![d]).collect();
    broken.extend(warnings.broken);
    if loud {
        warn(&broken, &warnings.notes);
    }
    let all = broken
        .iter()
        .filter_map(|b| b.first().cloned())
        .chain(warnings.notes)
        .collect();
    Ok(Library::cached(index, path, chapters, all))
}

/// At most this many warning lines are printed; the count covers the rest.
pub const MAX_WARNINGS: usize = 20;

/// Prints the warnings for broken files (one line each, then a count) and notes.
pub fn warn(broken: &[Vec<Diagnostic>], notes: &[Diagnostic]) {
    let mut shown = 0;
    for problems in broken {
        if shown == MAX_WARNINGS {
            break;
        }
        shown += 1;
        if let Some(first) = problems.first() {
            let more = match problems.len() {
                1 => String::new(),
                n => format!(" (and {} more)", n - 1),
            };
            eprintln!(
                "advice: warning: {}{more}",
                crate::sanitize::visible(&first.to_string())
            );
        }
    }
    for note in notes.iter().take(MAX_WARNINGS.saturating_sub(shown)) {
        eprintln!(
            "advice: warning: {}",
            crate::sanitize::visible(&note.to_string())
        );
    }
    let hidden = (broken.len() + notes.len()).saturating_sub(MAX_WARNINGS);
    if hidden > 0 {
        eprintln!("advice: warning: ... and {hidden} more");
    }
    if !broken.is_empty() {
        let files = if broken.len() == 1 { "file" } else { "files" };
        eprintln!(
            "advice: warning: {} chapter {files} skipped; `advice lint PATH` lists every problem",
            broken.len()
        );
    }
}
