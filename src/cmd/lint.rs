//! `advice lint [PATH...]`: every problem in chapter files (with no paths,
//! in every folder the library reads), strictly, with path, line and column; cross-chapter rules are checked against the whole
//! library (built-in chapters and the reader's configured folders).

use crate::chapter::Diagnostic;
use crate::cli::{GlobalArgs, LintArgs};
use crate::error::Failure;
use crate::load::{self, ChapterFile};
use crate::output::Output;
use crate::output::view::LintJson;
use anyhow::Result;
use std::collections::HashSet;
use std::process::ExitCode;

pub fn execute(args: &LintArgs, global: &GlobalArgs, out: &mut Output) -> Result<ExitCode> {
    // No paths: every folder the library is read from.
    let paths: Vec<std::path::PathBuf> = if args.paths.is_empty() {
        let (dirs, warnings) = load::source_dirs(&global.chapter_dirs)?;
        out.warn(&warnings);
        if dirs.is_empty() {
            let folder = load::config_chapters_dir()
                .map(|d| load::shown_path(&d))
                .unwrap_or_else(|| "your config folder".to_string());
            out.print(&format!(
                "advice: no chapters of your own to lint (none in {}, --chapters or ADVICE_CHAPTERS)\n",
                crate::sanitize::line(&folder)
            ))?;
            return Ok(ExitCode::SUCCESS);
        }
        dirs.into_iter().map(|d| d.path).collect()
    } else {
        args.paths.clone()
    };
    let mut problems = Vec::new();
    let mut files: Vec<ChapterFile> = Vec::new();
    for path in &paths {
        // symlink_metadata: a symlink loop or a dangling link exists, and the
        // walk says what is wrong with it.
        if std::fs::symlink_metadata(path).is_err() {
            return Err(
                Failure::usage(format!("{}: no such file or folder", path.display())).into(),
            );
        }
        let walk = load::walk(path, global.follow_links);
        files.extend(walk.files);
        problems.extend(walk.problems);
        problems.extend(walk.links_out.iter().map(|(link, target)| Diagnostic {
            path: load::shown_path(link),
            line: 1,
            column: 1,
            message: format!(
                "folder symlink to {} leads out of the folder; not followed (--follow-links reads it)",
                target.display()
            ),
        }));
    }
    let checked: HashSet<_> = files.iter().map(|f| canonical(&f.path)).collect();
    let checked_count = files.len();
    // The reader's other chapters take part in the cross-chapter checks.
    let (dirs, _) = load::source_dirs(&global.chapter_dirs)?;
    let mut others = Vec::new();
    for dir in &dirs {
        others.extend(
            load::walk(&dir.path, global.follow_links)
                .files
                .into_iter()
                .filter(|f| !checked.contains(&canonical(&f.path))),
        );
    }
    others.extend(files);
    let loaded = load::load_files(&others, problems)?;
    let mut all: Vec<Diagnostic> = loaded
        .broken
        .into_iter()
        .flatten()
        .chain(loaded.notes)
        .filter(|d| {
            checked.contains(&canonical(std::path::Path::new(&d.path)))
                || !others.iter().any(|f| f.shown() == d.path)
        })
        .collect();
    all.sort_by(|a, b| (&a.path, a.line, a.column).cmp(&(&b.path, b.line, b.column)));
    all.dedup();
    if args.json {
        out.json(&LintJson {
            files: checked_count,
            problems: all.iter().collect(),
        })?;
    } else {
        let mut text = String::new();
        for problem in &all {
            text.push_str(&crate::sanitize::line(&problem.to_string()));
            text.push('\n');
        }
        let files = |n: usize| {
            if n == 1 {
                "1 file".to_string()
            } else {
                format!("{n} files")
            }
        };
        if all.is_empty() {
            text.push_str(&format!(
                "advice: {} checked, no problems\n",
                files(checked_count)
            ));
        } else {
            let with_problems: HashSet<&str> = all.iter().map(|d| d.path.as_str()).collect();
            let noun = if all.len() == 1 {
                "problem"
            } else {
                "problems"
            };
            text.push_str(&format!(
                "advice: {} {noun} in {} of {} checked\n",
                all.len(),
                files(with_problems.len()),
                files(checked_count)
            ));
        }
        out.print(&text)?;
    }
    Ok(if all.is_empty() {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(crate::error::NOT_FOUND)
    })
}

fn canonical(path: &std::path::Path) -> std::path::PathBuf {
    std::fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf())
}
