//! The command line, as clap derive types. Doc comments are the help text;
//! every subcommand's help ends with real examples (tested in `tests/help.rs`).

use clap::{Args, Parser, Subcommand, ValueEnum};

/// A field guide to a software engineering career, in your terminal.
#[derive(Debug, Parser)]
#[command(
    name = "advice",
    version,
    about = "A field guide to a software engineering career, in your terminal",
    long_about = "A field guide to a software engineering career, in your terminal.\n\n\
        28 chapters distilled from the book \"Dangerous Advice for Software Engineers\" \
        (Sean Goedecke, 2025), in our own words: search them, read them, and turn their \
        advice into checklists.",
    after_help = "Examples:\n  advice search can I ship right now\n  advice chapter shipping\n  advice list",
    disable_help_subcommand = true,
    max_term_width = 100
)]
pub struct Cli {
    #[command(flatten)]
    pub global: GlobalArgs,

    #[command(subcommand)]
    pub command: Option<Command>,
}

/// Options every command takes.
#[derive(Debug, Clone, Args)]
pub struct GlobalArgs {
    /// When to use colour: auto means only on a terminal, and not if NO_COLOR is set
    #[arg(long, global = true, value_enum, value_name = "WHEN", default_value_t = ColorChoice::Auto)]
    pub color: ColorChoice,

    /// Wrap text at N columns [default: $COLUMNS, else the terminal's width, else 80]
    #[arg(long, global = true, value_name = "N", value_parser = clap::value_parser!(u16).range(20..=1000))]
    pub width: Option<u16>,

    /// Print long text straight to the terminal instead of through $PAGER
    #[arg(long, global = true)]
    pub no_pager: bool,
}

/// When to colour the output.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ColorChoice {
    Auto,
    Always,
    Never,
}

/// The subcommands, in the order a newcomer needs them.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Find the chapters that answer a question
    #[command(
        after_help = "Examples:\n  advice search my PM keeps asking me for favours in DMs\n  advice search \"ship right now\" --limit 3\n  advice search estimates --tag trust --json"
    )]
    Search(SearchArgs),

    /// Read a chapter
    #[command(
        after_help = "Examples:\n  advice chapter shipping\n  advice chapter 12\n  advice chapter large codebases --raw"
    )]
    Chapter(ChapterArgs),

    /// The table of contents, grouped by part
    #[command(after_help = "Examples:\n  advice list\n  advice list --json")]
    List(ListArgs),

    /// Topics (tags) and the chapters that carry them
    #[command(
        after_help = "Examples:\n  advice topics\n  advice topics promotion\n  advice topics llm --json"
    )]
    Topics(TopicsArgs),
}

/// `advice chapter`.
#[derive(Debug, Args)]
pub struct ChapterArgs {
    /// A slug, alias, title, chapter number, or a unique prefix of one
    #[arg(required = true, value_name = "NAME")]
    pub name: Vec<String>,

    /// Print the chapter's markdown source
    #[arg(long, conflicts_with = "json")]
    pub raw: bool,

    /// Print the chapter as JSON
    #[arg(long)]
    pub json: bool,
}

/// `advice list`.
#[derive(Debug, Args)]
pub struct ListArgs {
    /// Print the table of contents as JSON
    #[arg(long)]
    pub json: bool,
}

/// `advice topics`.
#[derive(Debug, Args)]
pub struct TopicsArgs {
    /// Show the chapters tagged TAG instead of every tag
    #[arg(value_name = "TAG")]
    pub tag: Option<String>,

    /// Print as JSON
    #[arg(long)]
    pub json: bool,
}

/// `advice search`.
#[derive(Debug, Args)]
pub struct SearchArgs {
    /// What you are looking for, in your own words; an argument with spaces (quoted) is a phrase
    #[arg(required = true, value_name = "QUERY")]
    pub query: Vec<String>,

    /// Show at most N results
    #[arg(long, short = 'n', value_name = "N", default_value_t = 5, value_parser = clap::value_parser!(u16).range(1..))]
    pub limit: u16,

    /// Only search chapters with this tag (see `advice topics`)
    #[arg(long, value_name = "TAG")]
    pub tag: Option<String>,

    /// Print results as JSON
    #[arg(long)]
    pub json: bool,
}
