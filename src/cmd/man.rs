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
    out.print(&page()?)?;
    Ok(ExitCode::SUCCESS)
}

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
        ],
    );
    roff.control("SH", ["SEE ALSO"]);
    roff.text([roman(
        "The chapter format: advice chapter preface, and the README of the advice repository.",
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
