//! `advice man`: the man page, built from the clap definitions (clap_mangen)
//! plus the sections clap doesn't know: every command with its options and
//! examples, exit status, environment and files.

use crate::cli::Cli;
use crate::output::Output;
use anyhow::Result;
use clap::CommandFactory;
use clap_mangen::Man;
use clap_mangen::roff::{Roff, bold, italic, roman};
use std::process::ExitCode;

pub fn execute(out: &mut Output) -> Result<ExitCode> {
    let page = page()?;
    // On a terminal the reader wants to read it, not its roff: `man -l -`
    // formats and pages it. Without man (or if it fails) the roff is shown.
    if out.pager {
        out.flush()?;
        match show_in_man(&page) {
            Ok(()) => return Ok(ExitCode::SUCCESS),
            Err(why) => out.warn(&[format!("{why}; printing the roff source instead")]),
        }
        out.page(&page)?;
        return Ok(ExitCode::SUCCESS);
    }
    out.print(&page)?;
    Ok(ExitCode::SUCCESS)
}

/// Runs `man -l -` with the page on its stdin and waits for the reader to close it.
fn show_in_man(page: &str) -> std::result::Result<(), String> {
    use std::io::Write;
    let mut child = std::process::Command::new("man")
        .args(["-l", "-"])
        .stdin(std::process::Stdio::piped())
        .spawn()
        .map_err(|e| format!("cannot start man ({e})"))?;
    if let Some(mut stdin) = child.stdin.take() {
        match stdin.write_all(page.as_bytes()) {
            Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => {
                let _ = child.kill();
                let _ = child.wait();
                return Err(format!("cannot hand the page to man ({e})"));
            }
            _ => {}
        }
    }
    let status = child.wait().map_err(|e| format!("man failed ({e})"))?;
    match status.code() {
        Some(0) | None => Ok(()),
        Some(code) => Err(format!("man failed (exit {code})")),
    }
}

/// The chapter format, for readers who installed advice without its
/// README: shown by `advice help format` and in the man page.
pub const FORMAT_HELP: &str = "\
Your own chapters are markdown files (*.md) in ~/.config/advice/chapters,
in a folder given with --chapters DIR, or in the folders of ADVICE_CHAPTERS.

Any markdown works as it is: a page's name comes from its path, its title
from `title:` or its first `# ` heading, and other tools' front matter
(title, description, tags, keywords, aliases) is understood. Task lists
(`- [ ]`) make it a checklist.

A file in the guide's own format gets a dangerous line, tips and every
check. `advice new SLUG` writes one to start from; `advice lint` checks it.
It starts with YAML front matter between two `---` lines, with at least
slug and dangerous:

  slug: on-call            what you type: advice chapter on-call (a-z, 0-9, -)
  title: Being on call     the heading; the body's `# Title` must match it
  part: Team notes         advice list groups chapters by part
  order: 101               reading order, unique (the guide uses 1-28)
  summary: >-              one or two sentences; search results show it
  tags: [on-call, ops, incidents]   3-8 lowercase topics
  dangerous: >-            the sharpest advice, one sentence (advice tip)
  aliases: [pager]         optional: other names for the chapter
  related: [ship-projects] optional: slugs of related chapters
  checklist:               optional, with a `## Checklist` section:
    name: on-call          what `advice checklist NAME` takes
    title: Before your on-call week

Unknown keys are an error, so a typo never passes silently.

The body is markdown, one line per paragraph:

  # Being on call          (the title again)
  A lead paragraph: the situation, and what to do.
  ## Read this when        situations, as bullets, in a reader's words
  ## The idea              why the advice works
  ## Key points            the advice in bullets (advice tip draws on them)
  ## Checklist             - [ ] things to do this week
  ## When this backfires   when not to follow it, and what it costs

Bold, italics and `code` are fine; links, footnotes and hard-wrapped
paragraphs are not. A file of yours with the same slug as a built-in
chapter replaces it.
";

/// The whole man page, as roff.
pub fn page() -> Result<String> {
    let cmd = Cli::command();
    let man = Man::new(cmd.clone()).date("2026").manual("advice manual");
    let mut buf = Vec::new();
    man.render_title(&mut buf)?;
    man.render_name_section(&mut buf)?;
    man.render_synopsis_section(&mut buf)?;
    man.render_description_section(&mut buf)?;
    man.render_options_section(&mut buf)?;

    let mut roff = Roff::new();
    roff.control("SH", ["COMMANDS"]);
    for sub in cmd.get_subcommands() {
        let name = sub.get_name();
        let mut usage = sub.clone().bin_name(format!("advice {name}"));
        let usage = usage.render_usage().to_string();
        roff.control("SS", [usage.trim_start_matches("Usage: ")]);
        if let Some(about) = sub.get_about() {
            roff.text([roman(about.to_string())]);
        }
        for arg in sub.get_arguments().filter(|a| !a.is_hide_set()) {
            roff.control("TP", []);
            roff.text(arg_synopsis(arg));
            if let Some(help) = arg.get_help() {
                roff.text([roman(help.to_string())]);
            }
        }
        if let Some(examples) = sub.get_after_help() {
            roff.control("PP", []);
            roff.text([italic("Examples:")]);
            for line in examples.to_string().lines().skip(1) {
                roff.control("br", []);
                roff.text([roman(line.trim().to_string())]);
            }
        }
    }

    definitions(
        &mut roff,
        "EXIT STATUS",
        &[
            (
                "0",
                "Success, including output cut short by a closed pipe (advice ... | head).",
            ),
            (
                "1",
                "Nothing found: no such chapter, checklist or tag, no search results, or problems found by lint.",
            ),
            (
                "2",
                "Usage error, or a path that does not exist, or any other failure.",
            ),
            (
                "130",
                "An interactive checklist was interrupted with Ctrl-C.",
            ),
        ],
    );
    definitions(
        &mut roff,
        "ENVIRONMENT",
        &[
            (
                "NO_COLOR",
                "When set and not empty, no colour (unless --color always).",
            ),
            (
                "ADVICE_CHAPTERS",
                "Folders of your own chapters, separated like PATH, read after any --chapters folders.",
            ),
            (
                "PAGER",
                "The pager for long text on a terminal; default less -R -F -X. --no-pager turns paging off.",
            ),
            (
                "COLUMNS",
                "Text width when --width is not given (before the terminal's own width).",
            ),
            (
                "VISUAL, EDITOR",
                "The editor advice edit opens (VISUAL first); vi when neither is set.",
            ),
            (
                "XDG_STATE_HOME, XDG_DATA_HOME",
                "Where advice keeps what it remembers (see FILES).",
            ),
            (
                "COMPLETE",
                "Set by the completion scripts to ask advice for completions.",
            ),
        ],
    );
    definitions(
        &mut roff,
        "FILES",
        &[
            (
                "$XDG_CONFIG_HOME/advice/chapters/",
                "Your own chapters (*.md, read recursively); ~/.config when XDG_CONFIG_HOME is unset. advice new writes here.",
            ),
            (
                "$XDG_CACHE_HOME/advice/",
                "The search index of your own chapters, rebuilt when a file changes; ~/.cache when XDG_CACHE_HOME is unset. Safe to delete.",
            ),
            (
                "$XDG_STATE_HOME/advice/",
                "The last chapter read and the last search's results, for advice next, prev and open; ~/.local/state when XDG_STATE_HOME is unset. Safe to delete.",
            ),
            (
                "$XDG_DATA_HOME/advice/progress/NAME.txt",
                "Your answers to checklist NAME from --interactive, one line each; ~/.local/share when XDG_DATA_HOME is unset. advice checklist NAME --reset deletes it.",
            ),
        ],
    );
    roff.control("SH", ["CHAPTER FORMAT"]);
    roff.control("nf", []);
    for line in FORMAT_HELP.lines() {
        roff.text([roman(line.to_string())]);
    }
    roff.control("fi", []);
    roff.control("SH", ["SEE ALSO"]);
    roff.text([roman(
        "advice help format prints the chapter format above; advice new SLUG writes a chapter to start from; advice lint checks your chapters.",
    )]);
    roff.to_writer(&mut buf)?;
    man.render_version_section(&mut buf)?;
    Ok(String::from_utf8_lossy(&buf).into_owned())
}

/// A section of term/definition pairs.
fn definitions(roff: &mut Roff, title: &str, items: &[(&str, &str)]) {
    roff.control("SH", [title]);
    for (term, meaning) in items {
        roff.control("TP", []);
        roff.text([bold(*term)]);
        roff.text([roman(*meaning)]);
    }
}

/// "-n, --limit <N>" or "<QUERY>..." for an argument.
fn arg_synopsis(arg: &clap::Arg) -> Vec<clap_mangen::roff::Inline> {
    let value = arg.get_value_names().map(|names| {
        names
            .iter()
            .map(|n| format!("<{n}>"))
            .collect::<Vec<_>>()
            .join(" ")
    });
    if arg.is_positional() {
        return vec![bold(value.unwrap_or_else(|| arg.get_id().to_string()))];
    }
    let mut flags = Vec::new();
    if let Some(short) = arg.get_short() {
        flags.push(format!("-{short}"));
    }
    if let Some(long) = arg.get_long() {
        flags.push(format!("--{long}"));
    }
    let mut inlines = vec![bold(flags.join(", "))];
    let takes_value = arg.get_action().takes_values();
    if let (Some(value), true) = (value, takes_value) {
        inlines.push(roman(" "));
        inlines.push(italic(value));
    }
    inlines
}
