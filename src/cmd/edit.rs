//! `advice edit NAME`: opens a reader's own chapter in `$VISUAL`, else
//! `$EDITOR`, else `vi` (the order git uses). A built-in chapter lives in
//! the binary, so it is never edited in place: `--copy` (or a yes on a
//! terminal) first copies its source into the reader's chapters folder,
//! where the copy replaces the built-in chapter from then on.

use crate::chapter::Origin;
use crate::cli::EditArgs;
use crate::error::Failure;
use crate::library::Library;
use crate::load::config_chapters_dir;
use crate::output::Output;
use crate::sanitize::visible;
use anyhow::{Context, Result};
use std::io::{BufRead, IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

pub fn execute(args: &EditArgs, library: &Library, out: &mut Output) -> Result<ExitCode> {
    let name = args.name.join(" ");
    let chapter = super::chapter::resolve(library, super::bounded_name(&name, "chapter")?)?;
    let path = match chapter.origin {
        Origin::Added | Origin::Replaced => PathBuf::from(&chapter.path),
        Origin::BuiltIn => {
            let dir = config_chapters_dir().ok_or_else(|| {
                Failure::usage(crate::places::NO_CONFIG_DIR)
                    .hint("Copy the chapter yourself: `advice chapter NAME --raw > FILE.md`.")
            })?;
            let target = dir.join(format!("{}.md", chapter.meta.slug));
            let slug = visible(&chapter.meta.slug).into_owned();
            if !args.copy && !confirm_copy(&slug, &target)? {
                return Err(Failure::usage(format!(
                    "'{slug}' is a built-in chapter, part of advice itself"
                ))
                .hint(format!(
                    "`advice edit {slug} --copy` copies it to {} and edits the copy, which then replaces it.",
                    shown_path(&target)
                ))
                .into());
            }
            copy_out(chapter.source(), &dir, &target)?;
            out.print(&format!(
                "Copied '{slug}' to {}; the copy replaces the built-in chapter.\n",
                crate::sanitize::line(&shown_path(&target))
            ))?;
            target
        }
    };
    // What was printed goes out before the editor takes the terminal.
    out.flush()?;
    edit(&path)?;
    out.print(&format!(
        "Check it with: advice lint {}\n",
        crate::sanitize::line(&shown_path(&path))
    ))?;
    Ok(ExitCode::SUCCESS)
}

/// On a terminal, asks whether to copy a built-in chapter; elsewhere, no.
fn confirm_copy(slug: &str, target: &Path) -> Result<bool> {
    if !std::io::stdin().is_terminal() || !std::io::stderr().is_terminal() {
        return Ok(false);
    }
    let mut stderr = std::io::stderr().lock();
    write!(
        stderr,
        "'{slug}' is a built-in chapter. Copy it to {} and edit the copy? [y/N] ",
        crate::sanitize::line(&shown_path(target))
    )?;
    stderr.flush()?;
    let mut answer = String::new();
    std::io::Read::take(std::io::stdin().lock(), 64).read_line(&mut answer)?;
    Ok(matches!(answer.trim(), "y" | "Y" | "yes" | "Yes"))
}

/// Writes a built-in chapter's source to `target`, never over a file.
fn copy_out(source: &str, dir: &Path, target: &Path) -> Result<()> {
    std::fs::create_dir_all(dir).with_context(|| format!("cannot create {}", dir.display()))?;
    let mut file = match std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(target)
    {
        Ok(file) => file,
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {
            return Err(Failure::usage(format!(
                "{} already exists; not overwriting it",
                shown_path(target)
            ))
            .hint("Edit that file, or move it away first.")
            .into());
        }
        Err(e) => {
            return Err(anyhow::Error::new(e).context(format!("cannot write {}", target.display())));
        }
    };
    if let Err(e) = file
        .write_all(source.as_bytes())
        .and_then(|()| file.sync_all())
    {
        drop(file);
        let _ = std::fs::remove_file(target);
        return Err(anyhow::Error::new(e).context(format!("cannot write {}", target.display())));
    }
    Ok(())
}

/// The editor command: `$VISUAL`, else `$EDITOR`, else `vi`, split as a shell would.
fn editor_words() -> Result<Vec<String>> {
    let configured = ["VISUAL", "EDITOR"].into_iter().find_map(|var| {
        std::env::var(var)
            .ok()
            .filter(|v| !v.trim().is_empty())
            .map(|v| (var, v))
    });
    let Some((var, value)) = configured else {
        return Ok(vec!["vi".to_string()]);
    };
    match shell_words::split(&value) {
        Ok(words) if !words.is_empty() => Ok(words),
        _ => Err(Failure::usage(format!("cannot split ${var} into words"))
            .hint(format!(
                "Set ${var} to an editor command, e.g. `export {var}=nano`."
            ))
            .into()),
    }
}

/// A path as messages show it: relative to here, or under `~/`.
fn shown_path(path: &Path) -> String {
    crate::load::relative_to_cwd(&crate::load::shown_path(path)).into_owned()
}

/// Runs the editor on `path` and waits for it.
fn edit(path: &Path) -> Result<()> {
    let words = editor_words()?;
    let (program, args) = words.split_first().expect("editor_words is never empty");
    let status = std::process::Command::new(program)
        .args(args)
        .arg(path)
        .status()
        .map_err(|e| {
            Failure::usage(format!(
                "cannot start the editor '{}' ({e})",
                crate::sanitize::line(program)
            ))
            .hint("Set $VISUAL or $EDITOR to your editor, e.g. `export EDITOR=nano`.")
        })?;
    if !status.success() {
        return Err(Failure::usage(format!(
            "the editor '{}' failed ({status})",
            crate::sanitize::line(program)
        ))
        .into());
    }
    Ok(())
}
