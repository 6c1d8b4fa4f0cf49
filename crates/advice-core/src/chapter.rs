//! The chapter model: front matter, body sections and their blocks, as plain data.
//!
//! Shared with `build.rs`, which parses the built-in chapters into these types
//! at compile time, so nothing here may depend on the rest of the crate.

use serde::{Deserialize, Serialize};
use std::fmt;

/// A chapter's YAML front matter, exactly as `docs/chapter-format.md` defines it.
/// Unknown keys are an error, so a typo like `tgas:` cannot pass silently.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FrontMatter {
    /// What people type: `[a-z0-9-]+`, unique in the library.
    pub slug: String,
    /// Our title for the chapter.
    pub title: String,
    /// One of the book's parts for book chapters; free text for a reader's own.
    pub part: String,
    /// Reading order, unique in the library.
    pub order: u32,
    /// The book chapter this guide chapter distils; absent for a reader's own chapters.
    #[serde(default)]
    pub book: Option<BookRef>,
    /// One or two sentences saying what the chapter is about.
    pub summary: String,
    /// 3-8 lowercase topics.
    pub tags: Vec<String>,
    /// Other names a reader may type for this chapter.
    #[serde(default)]
    pub aliases: Vec<String>,
    /// Slugs of chapters that build on this one.
    #[serde(default)]
    pub related: Vec<String>,
    /// The chapter's sharpest advice, in one sentence.
    pub dangerous: String,
    /// Present when the body has a `## Checklist` section.
    #[serde(default)]
    pub checklist: Option<ChecklistMeta>,
    /// Which kind of file this came from. Never written in a file: the
    /// front matter's keys decide it (see [`Format`]).
    #[serde(default)]
    pub format: Format,
}

/// What kind of file a chapter was read from.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Format {
    /// advice's own format (`docs/chapter-format.md`), checked strictly: a
    /// built-in chapter, or a file whose front matter has `slug` and
    /// `dangerous`.
    #[default]
    Advice,
    /// Any other markdown file (a handbook page, a runbook, a note), read
    /// as it is: front matter optional, other tools' keys understood.
    Markdown,
}

/// Where in the book a chapter comes from.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BookRef {
    /// The book chapter's title, exactly as in its contents.
    pub chapter: String,
    /// The page its contents gives.
    pub page: u32,
}

/// The name and title of a chapter's checklist.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ChecklistMeta {
    /// What `advice checklist NAME` takes; unique in the library.
    pub name: String,
    /// A heading for the printed checklist.
    pub title: String,
    /// Other words a reader may type for this checklist.
    #[serde(default)]
    pub aliases: Vec<String>,
}

/// Where a chapter came from (in JSON: "built-in", "added", "replaced").
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Origin {
    /// Compiled into the binary from `chapters/`.
    BuiltIn,
    /// A reader's own file that adds a chapter.
    Added,
    /// A reader's own file whose slug replaces a built-in chapter.
    Replaced,
}

/// A parsed chapter: its front matter, where it came from, and its content.
///
/// A reader's chapter from the cache keeps only its text until something
/// asks for its body, so a search over thousands never parses them all.
#[derive(Debug, Clone)]
pub struct Chapter {
    /// The front matter.
    pub meta: FrontMatter,
    /// Where it came from.
    pub origin: Origin,
    /// The file it was read from, as shown to the reader (`chapters/05-ship-projects.md`).
    pub path: String,
    content: ContentCell,
}

/// The file's text and the structure of its body.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Content {
    /// The whole file, front matter included (what `--raw` prints).
    pub source: String,
    /// Byte offset in `source` where the markdown body starts.
    pub body_start: usize,
    /// The body's sections in order; the first holds what precedes any `##` heading.
    pub sections: Vec<Section>,
}

#[derive(Debug, Clone)]
enum ContentCell {
    Ready(Content),
    /// postcard-encoded [`Content`] from the compiled library, decoded on
    /// first use (most commands read one chapter's body, or none).
    Encoded(&'static [u8], std::cell::OnceCell<Content>),
    /// The file's text, its body parsed on first use.
    Source(String, std::cell::OnceCell<Content>),
}

/// How a chapter is stored in the compiled library: front matter ready to
/// use, content still encoded.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct StoredChapter<'a> {
    /// The front matter.
    pub meta: FrontMatter,
    /// Where it came from.
    pub origin: Origin,
    /// The file it was read from, as shown to the reader.
    pub path: String,
    /// postcard-encoded [`Content`], decoded by [`Chapter::content`] on first use.
    #[serde(borrow)]
    pub content: &'a [u8],
}

/// What a built-in chapter answers to by name: its slug, aliases, titles
/// (ours and the book's) and number. Stored apart from the library
/// ([`crate::embed::files::NAMES`]), read in place, so that a lookup
/// naming no chapter (`advice missed deadline` before it searches) need
/// not decode every chapter's front matter to find that out.
#[derive(Debug, Serialize, Deserialize)]
pub struct StoredNames<'a> {
    /// Its number, in reading order.
    pub order: u32,
    /// Its slug.
    #[serde(borrow)]
    pub slug: &'a str,
    /// Its aliases.
    #[serde(borrow)]
    pub aliases: Vec<&'a str>,
    /// Its title, then the book chapter's, if any.
    #[serde(borrow)]
    pub titles: Vec<&'a str>,
}

impl Chapter {
    /// A chapter whose content is at hand.
    pub fn new(meta: FrontMatter, origin: Origin, path: String, content: Content) -> Self {
        Chapter {
            meta,
            origin,
            path,
            content: ContentCell::Ready(content),
        }
    }

    /// A chapter from the compiled library, its content decoded when first
    /// needed. (`build.rs` wrote it from these types, and the test suite
    /// decodes every chapter; should one still fail, its text says so.)
    pub fn stored(stored: StoredChapter<'static>) -> Self {
        Chapter {
            meta: stored.meta,
            origin: stored.origin,
            path: stored.path,
            content: ContentCell::Encoded(stored.content, std::cell::OnceCell::new()),
        }
    }

    /// A chapter whose front matter is known and whose body is parsed from
    /// `source` when first needed (a reader's chapter from the cache).
    pub fn from_source(meta: FrontMatter, origin: Origin, path: String, source: String) -> Self {
        Chapter {
            meta,
            origin,
            path,
            content: ContentCell::Source(source, std::cell::OnceCell::new()),
        }
    }

    /// The chapter's text and body structure.
    pub fn content(&self) -> &Content {
        match &self.content {
            ContentCell::Ready(content) => content,
            ContentCell::Encoded(bytes, cell) => cell.get_or_init(|| {
                postcard::from_bytes(bytes).unwrap_or_else(|e| damaged(&self.path, &e))
            }),
            ContentCell::Source(source, cell) => {
                cell.get_or_init(|| crate::parse::parse_content(source))
            }
        }
    }

    /// Lets go of the parsed body of a chapter read from its text (it is
    /// parsed again if asked for): a library being indexed keeps only one
    /// chapter's parse at a time per thread.
    pub fn release_content(&mut self) {
        if let ContentCell::Source(_, cell) = &mut self.content {
            cell.take();
        }
    }

    /// The chapter's text, taken out of it.
    pub fn into_source(self) -> String {
        match self.content {
            ContentCell::Source(source, _) => source,
            ContentCell::Ready(content) => content.source,
            ContentCell::Encoded(..) => self.source().to_string(),
        }
    }

    /// The whole file, front matter included.
    pub fn source(&self) -> &str {
        // Text at hand needs no parse.
        if let ContentCell::Source(source, _) = &self.content {
            return source;
        }
        &self.content().source
    }

    /// The body's sections.
    pub fn sections(&self) -> &[Section] {
        &self.content().sections
    }

    /// Byte offset in [`Chapter::source`] where the body starts.
    pub fn body_start(&self) -> usize {
        self.content().body_start
    }
}

/// What a chapter that cannot be decoded from the binary shows instead:
/// the error, where its text would be, never an empty chapter.
fn damaged(path: &str, error: &postcard::Error) -> Content {
    let source = format!(
        "# This chapter is damaged\n\nadvice could not decode {path} from its binary ({error}); reinstall advice.\n"
    );
    crate::parse::parse_content(&source)
}

/// A `##` section of a chapter body (or the untitled opening before the first one).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Section {
    /// The heading text; empty for the opening section.
    pub heading: String,
    /// Line in the file where the section starts.
    pub line: usize,
    /// Byte range of the section's markdown in the chapter's `source`, heading included.
    pub start: usize,
    /// End of that range (exclusive): the next `##` heading, or the end of the file.
    pub end: usize,
    /// Paragraphs, list items and other blocks, in order.
    pub blocks: Vec<Block>,
}

/// One paragraph, list item or other block of a section.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Block {
    /// What kind of block it is.
    pub kind: BlockKind,
    /// The text with markdown markup removed (for search, snippets and JSON).
    pub text: String,
    /// The block's own markdown with list markers removed (for rendering).
    pub markdown: String,
    /// Line in the file where the block starts.
    pub line: usize,
}

/// What kind of block a [`Block`] is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum BlockKind {
    /// The `# Title` heading or a `###` sub-heading.
    Heading,
    /// A paragraph.
    Paragraph,
    /// A bullet; `depth` 0 is top level.
    Item {
        /// List nesting level; 0 is top level.
        depth: u8,
    },
    /// A `- [ ]` or `- [x]` task item.
    Task {
        /// List nesting level; 0 is top level.
        depth: u8,
        /// Whether the box is ticked (`- [x]`).
        done: bool,
    },
    /// A code block.
    Code,
    /// A numbered list item; `depth` 0 is top level.
    Numbered {
        /// List nesting level; 0 is top level.
        depth: u8,
        /// Its number.
        number: u64,
    },
    /// A table, kept as its markdown rows.
    Table,
}

/// The standard section names of `docs/chapter-format.md` (format 2).
pub mod sections {
    /// Introduces the book part the chapter belongs to.
    pub const ABOUT_PART: &str = "About this part";
    /// Bullets: situations in which the chapter helps, in a reader's words.
    pub const READ_WHEN: &str = "Read this when";
    /// The chapter's argument, in prose.
    pub const IDEA: &str = "The idea";
    /// Bullets: the chapter's advice in brief (tips are drawn from these).
    pub const KEY_POINTS: &str = "Key points";
    /// Task items; the front matter's `checklist` names them.
    pub const CHECKLIST: &str = "Checklist";
    /// Bullets: when following the chapter's advice goes wrong.
    pub const BACKFIRES: &str = "When this backfires";
}

impl Chapter {
    /// The markdown body (everything after the front matter).
    pub fn body(&self) -> &str {
        let content = self.content();
        content.source.get(content.body_start..).unwrap_or("")
    }

    /// The section with this heading (case-insensitive), if the chapter has one.
    pub fn section(&self, heading: &str) -> Option<&Section> {
        self.sections()
            .iter()
            .find(|s| s.heading.eq_ignore_ascii_case(heading))
    }

    /// The task items of the checklist: the `## Checklist` section's in
    /// advice's format, every task item of the file in any other markdown.
    pub fn checklist_items(&self) -> Vec<&Block> {
        if self.meta.format == Format::Markdown {
            return self
                .sections()
                .iter()
                .flat_map(|s| &s.blocks)
                .filter(|b| matches!(b.kind, BlockKind::Task { .. }))
                .collect();
        }
        self.section(sections::CHECKLIST)
            .map(|s| {
                s.blocks
                    .iter()
                    .filter(|b| matches!(b.kind, BlockKind::Task { .. }))
                    .collect()
            })
            .unwrap_or_default()
    }

    /// The top-level bullets of a section.
    pub fn bullets(&self, heading: &str) -> Vec<&Block> {
        self.section(heading)
            .map(|s| {
                s.blocks
                    .iter()
                    .filter(|b| {
                        matches!(
                            b.kind,
                            BlockKind::Item { depth: 0 } | BlockKind::Task { depth: 0, .. }
                        )
                    })
                    .collect()
            })
            .unwrap_or_default()
    }

    /// The first caveat of "When this backfires": the one line of danger
    /// the chapter view, the short card and a tip carry with the advice.
    pub fn first_caveat(&self) -> Option<&Block> {
        self.bullets(sections::BACKFIRES).into_iter().next()
    }

    /// The book page, if this is one of the book's chapters.
    pub fn page(&self) -> Option<u32> {
        self.meta.book.as_ref().map(|b| b.page)
    }
}

/// A problem in a chapter file, located by line and column (both 1-based).
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Diagnostic {
    /// The file, as shown to the reader.
    pub path: String,
    /// Line in the file.
    pub line: usize,
    /// Column in that line.
    pub column: usize,
    /// What is wrong.
    pub message: String,
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}:{}:{}: {}",
            self.path, self.line, self.column, self.message
        )
    }
}
