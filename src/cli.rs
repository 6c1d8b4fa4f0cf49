//! The command line, as clap derive types. Doc comments are the help text;
//! every subcommand's help ends with real examples (tested in `tests/it/shell.rs`).

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
    after_help = "Examples:\n  advice search can I ship right now\n  advice chapter shipping\n  advice list\n  advice missed deadline",
    disable_help_subcommand = true,
    allow_external_subcommands = true,
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

    /// Wrap text at N columns [default: $COLUMNS, else the terminal's width, else 80; at most 100]
    #[arg(long, global = true, value_name = "N", value_parser = clap::value_parser!(u16).range(20..=1000))]
    pub width: Option<u16>,

    /// Print long text straight to the terminal instead of through $PAGER
    #[arg(long, global = true)]
    pub no_pager: bool,

    /// Also read the markdown in DIR (*.md, recursively; or one .md file); may be repeated
    #[arg(long = "chapters", global = true, value_name = "DIR", value_hint = clap::ValueHint::DirPath)]
    pub chapter_dirs: Vec<std::path::PathBuf>,

    /// Follow folder symlinks that lead out of a chapters folder (not followed by default)
    #[arg(long, global = true)]
    pub follow_links: bool,
}

impl GlobalArgs {
    /// The reader's chapter folders, as the loader takes them.
    pub fn sources(&self) -> crate::load::Sources {
        crate::load::Sources {
            flag_dirs: self.chapter_dirs.clone(),
            follow_links: self.follow_links,
        }
    }
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

    /// Find, read and tick off in one full-screen view (a terminal's)
    #[command(
        after_help = "Examples:\n  advice browse\n  advice browse missed deadline\n\nType to search; Enter reads; ? shows the keys; Ctrl-C leaves."
    )]
    Browse(BrowseArgs),

    /// Read a chapter
    #[command(
        after_help = "Examples:\n  advice chapter shipping\n  advice chapter 12 --short\n  advice chapter large codebases --raw"
    )]
    Chapter(ChapterArgs),

    /// Read the chapter after the last one you read (the first, to begin)
    #[command(after_help = "Examples:\n  advice next\n  advice next --short")]
    Next(StepArgs),

    /// Read the chapter before the last one you read
    #[command(after_help = "Examples:\n  advice next\n  advice next\n  advice prev --short")]
    Prev(StepArgs),

    /// Open result N of your last search
    #[command(after_help = "Examples:\n  advice search missed deadline\n  advice open 2")]
    Open(OpenArgs),

    /// Turn a chapter's advice into a checklist, with its danger attached
    #[command(
        after_help = "Examples:\n  advice checklist prioritize\n  advice checklist \"my time\" --markdown\n  advice checklist spotlight --reset"
    )]
    Checklist(ChecklistArgs),

    /// The table of contents, grouped by part
    #[command(after_help = "Examples:\n  advice list\n  advice list --json")]
    List(ListArgs),

    /// Topics (tags) and the chapters that carry them
    #[command(
        after_help = "Examples:\n  advice topics\n  advice topics promotion\n  advice topics llm --json"
    )]
    Topics(TopicsArgs),

    /// A piece of the guide's dangerous advice, at random or for today
    #[command(
        after_help = "Examples:\n  advice tip\n  advice tip --daily\n  advice tip --date 2026-01-31 --json"
    )]
    Tip(TipArgs),

    /// Check chapter files against the chapter format
    #[command(
        after_help = "Examples:\n  advice lint\n  advice lint ~/.config/advice/chapters/mine.md --json"
    )]
    Lint(LintArgs),

    /// Open one of your own chapters in $VISUAL or $EDITOR
    #[command(
        after_help = "Examples:\n  advice new on-call\n  advice edit on-call\n  advice edit shipping --copy"
    )]
    Edit(EditArgs),

    /// Write a template for a chapter of your own (`advice help format` explains the format)
    #[command(
        after_help = "Examples:\n  advice new on-call --dir team-notes\n  advice new how-we-ship"
    )]
    New(NewArgs),

    /// Print a shell completion script
    #[command(
        after_help = "Examples:\n  advice completions bash\n  advice completions zsh\n  advice completions fish"
    )]
    Completions(CompletionsArgs),

    /// The man page (opened in man on a terminal, roff when piped)
    #[command(after_help = "Examples:\n  advice man\n  advice man | man -l -")]
    Man,

    /// Words that are not a command: a search, or the chapter they name.
    #[command(external_subcommand)]
    Words(Vec<String>),
}

/// `advice chapter`.
#[derive(Debug, Args)]
pub struct ChapterArgs {
    /// A slug, alias, title, chapter number, or a unique prefix of one; leave out to list chapters
    #[arg(value_name = "NAME", add = clap_complete::engine::ArgValueCompleter::new(crate::cmd::completions::chapter_names))]
    pub name: Vec<String>,

    /// A one-screen card: summary, the dangerous line, the checklist
    #[arg(long, short = 's', conflicts_with_all = ["raw", "json"])]
    pub short: bool,

    /// Print the chapter's markdown source
    #[arg(long, conflicts_with = "json")]
    pub raw: bool,

    /// Print the chapter as JSON
    #[arg(long)]
    pub json: bool,
}

/// `advice browse`.
#[derive(Debug, Args)]
pub struct BrowseArgs {
    /// What to search for to begin with
    #[arg(value_name = "QUERY")]
    pub query: Vec<String>,
}

/// `advice next` and `advice prev`.
#[derive(Debug, Args)]
pub struct StepArgs {
    /// Show the one-screen card instead of the whole chapter
    #[arg(long, short = 's')]
    pub short: bool,
}

/// `advice open`.
#[derive(Debug, Args)]
pub struct OpenArgs {
    /// Which result of the last search, counting from 1
    #[arg(value_name = "N", default_value_t = 1, value_parser = clap::value_parser!(u16).range(1..))]
    pub n: u16,

    /// Show the one-screen card instead of the whole chapter
    #[arg(long, short = 's')]
    pub short: bool,
}

/// `advice edit`.
#[derive(Debug, Args)]
pub struct EditArgs {
    /// The chapter to edit: a slug, alias, title or number
    #[arg(required = true, value_name = "NAME", add = clap_complete::engine::ArgValueCompleter::new(crate::cmd::completions::chapter_names))]
    pub name: Vec<String>,

    /// For a built-in chapter: copy it into your chapters folder and edit the copy
    #[arg(long)]
    pub copy: bool,
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
    #[arg(value_name = "TAG", add = clap_complete::engine::ArgValueCompleter::new(crate::cmd::completions::tags))]
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
    #[arg(long, value_name = "TAG", add = clap_complete::engine::ArgValueCompleter::new(crate::cmd::completions::tags))]
    pub tag: Option<String>,

    /// Print results as JSON
    #[arg(long)]
    pub json: bool,

    /// Also show hits that fit the query only weakly (marked as such)
    #[arg(long)]
    pub weak: bool,
}

/// `advice checklist`.
#[derive(Debug, Args)]
pub struct ChecklistArgs {
    /// A checklist name, alias, chapter, tag or topic; leave out to list every checklist
    #[arg(value_name = "TOPIC", add = clap_complete::engine::ArgValueCompleter::new(crate::cmd::completions::checklist_names))]
    pub topic: Vec<String>,

    /// Print a markdown task list, ready to paste into notes or an issue
    #[arg(long, conflicts_with_all = ["json", "interactive"])]
    pub markdown: bool,

    /// Print as JSON
    #[arg(long, conflicts_with = "interactive")]
    pub json: bool,

    /// Go through the items one at a time (y done, n not yet, s skip, q quit); answers are saved
    #[arg(long, short = 'i')]
    pub interactive: bool,

    /// Forget the answers saved for this checklist by --interactive
    #[arg(long, conflicts_with_all = ["json", "markdown", "interactive"])]
    pub reset: bool,
}

/// `advice tip`.
#[derive(Debug, Args)]
pub struct TipArgs {
    /// The same tip all day (seeded by the local date), e.g. for a shell start-up file
    #[arg(long)]
    pub daily: bool,

    /// The daily tip of another day
    #[arg(long, value_name = "YYYY-MM-DD")]
    pub date: Option<String>,

    /// Print as JSON
    #[arg(long)]
    pub json: bool,
}

/// `advice lint`.
#[derive(Debug, Args)]
pub struct LintArgs {
    /// Chapter files, or folders to search for *.md files [default: your configured folders]
    #[arg(value_name = "PATH", value_hint = clap::ValueHint::AnyPath)]
    pub paths: Vec<std::path::PathBuf>,

    /// Print the problems as JSON
    #[arg(long)]
    pub json: bool,
}

/// `advice new`.
#[derive(Debug, Args)]
pub struct NewArgs {
    /// The new chapter's slug: lowercase letters, digits and hyphens
    #[arg(value_name = "SLUG")]
    pub slug: String,

    /// Write it here instead of your chapters folder ($XDG_CONFIG_HOME/advice/chapters)
    #[arg(long, value_name = "DIR", value_hint = clap::ValueHint::DirPath)]
    pub dir: Option<std::path::PathBuf>,
}

/// `advice completions`.
#[derive(Debug, Args)]
pub struct CompletionsArgs {
    /// The shell to complete for
    #[arg(value_enum, value_name = "SHELL")]
    pub shell: Shell,
}

/// Shells `advice completions` supports.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Shell {
    Bash,
    Zsh,
    Fish,
    Elvish,
    Powershell,
}

/// The command tree for parsing `args` (the program name first).
///
/// clap copies each global option into every subcommand before it parses,
/// five options into fifteen subcommands on every run: a tenth of a
/// search's start-up, and a third of its peak heap (dhat). When the arguments plainly name a subcommand, the copies go into
/// that one alone and the others are left as they are; they are never
/// parsed. The globals stay global in the copy, so their values still
/// reach the top level wherever they were given. When the first word is
/// not a subcommand at all (`advice missed deadline`, bare words taken
/// whole as a search), no subcommand is parsed and none gets a copy.
/// Otherwise (no word, `--help`, an option the top level does not know)
/// the whole tree is built as clap builds it, and its errors and
/// suggestions are clap's own.
pub fn command_for(args: &[std::ffi::OsString]) -> clap::Command {
    let command = <Cli as clap::CommandFactory>::command();
    match first_word(&command, args) {
        FirstWord::Subcommand(name) => {
            let globals: Vec<clap::Arg> = command
                .get_arguments()
                .filter(|arg| arg.is_global_set())
                .cloned()
                .collect();
            command
                .mut_subcommand(name, |sub| sub.args(globals))
                .mut_args(|arg| arg.global(false))
        }
        FirstWord::Bare => command.mut_args(|arg| arg.global(false)),
        FirstWord::Unsure => command,
    }
}

/// What the first word of a command line is, for [`command_for`].
enum FirstWord {
    /// A subcommand (by its name or an alias): its name.
    Subcommand(String),
    /// Not a subcommand: bare words.
    Bare,
    /// Not known: no word, or something before it that the top level does
    /// not plainly take (a short or unknown option, `--`).
    Unsure,
}

/// The first word of `args` that is not an option, found only past the
/// top level's own long options (and their values).
fn first_word(command: &clap::Command, args: &[std::ffi::OsString]) -> FirstWord {
    let mut rest = args.iter().skip(1);
    while let Some(arg) = rest.next() {
        let Some(arg) = arg.to_str() else {
            return FirstWord::Unsure;
        };
        let Some(option) = arg.strip_prefix("--") else {
            if arg.starts_with('-') {
                return FirstWord::Unsure;
            }
            return match command.find_subcommand(arg) {
                Some(sub) => FirstWord::Subcommand(sub.get_name().to_string()),
                None => FirstWord::Bare,
            };
        };
        let (long, inline_value) = match option.split_once('=') {
            Some((long, _)) => (long, true),
            None => (option, false),
        };
        let Some(known) = command.get_arguments().find(|a| a.get_long() == Some(long)) else {
            return FirstWord::Unsure;
        };
        if known.get_action().takes_values() && !inline_value {
            rest.next();
        }
    }
    FirstWord::Unsure
}
