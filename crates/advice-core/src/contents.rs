//! The book's table of contents: its parts and its 28 chapters with their pages.
//!
//! This is the contract in `docs/chapter-format.md` turned into data, so that
//! validation can check a chapter's `book:` reference and `part` against it.

/// The book's parts, in reading order.
pub const PARTS: [&str; 8] = [
    "Introduction",
    "The industry has just changed",
    "Shipping",
    "Engineering mindset",
    "Writing and reading code",
    "Playing politics",
    "Large language models",
    "Conclusion",
];

/// One chapter of the book as its contents lists it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct BookChapter {
    /// Reading order in the guide (1-28).
    pub order: u32,
    /// The part it belongs to; one of [`PARTS`].
    pub part: &'static str,
    /// The title exactly as the book's contents gives it.
    pub title: &'static str,
    /// The page the contents gives.
    pub page: u32,
}

const fn ch(order: u32, part: &'static str, title: &'static str, page: u32) -> BookChapter {
    BookChapter {
        order,
        part,
        title,
        page,
    }
}

/// Every chapter of the book, in order.
pub const BOOK_CHAPTERS: [BookChapter; 28] = [
    ch(1, PARTS[0], "Preface", 4),
    ch(2, PARTS[0], "Dangerous advice", 5),
    ch(3, PARTS[1], "The good times are over", 7),
    ch(4, PARTS[1], "Knowing where your salary comes from", 11),
    ch(5, PARTS[2], "How I ship projects at tech companies", 18),
    ch(6, PARTS[2], "Glue work considered harmful", 25),
    ch(7, PARTS[3], "Strong engineers", 28),
    ch(8, PARTS[3], "What makes strong engineers strong?", 33),
    ch(9, PARTS[3], "Value over replacement", 37),
    ch(10, PARTS[3], "Strong engineers are right a lot", 39),
    ch(11, PARTS[3], "Strong engineers take positions", 41),
    ch(
        12,
        PARTS[3],
        "Strong engineers know about the spotlight",
        44,
    ),
    ch(
        13,
        PARTS[3],
        "Strong engineers are trusted by their management chain",
        48,
    ),
    ch(14, PARTS[3], "How I decide what to work on", 53),
    ch(15, PARTS[3], "Don't be a JIRA ticket robot", 57),
    ch(
        16,
        PARTS[4],
        "Great software design looks underwhelming",
        63,
    ),
    ch(17, PARTS[4], "Designing software in your head", 67),
    ch(18, PARTS[4], "Working in large established codebases", 72),
    ch(19, PARTS[4], "Working around wicked features", 77),
    ch(20, PARTS[5], "Protecting your time from predators", 82),
    ch(21, PARTS[5], "Working with ruthless managers", 86),
    ch(22, PARTS[6], "How I use LLMs", 90),
    ch(23, PARTS[6], "Coding securely with LLMs", 94),
    ch(24, PARTS[6], "Vibe coding", 100),
    ch(
        25,
        PARTS[6],
        "Using LLMs effectively isn't just about prompting",
        102,
    ),
    ch(
        26,
        PARTS[6],
        "To avoid being replaced by LLMs, do what they can't",
        105,
    ),
    ch(
        27,
        PARTS[6],
        "Don't think you can wait out the AI bubble",
        109,
    ),
    ch(28, PARTS[7], "Conclusion", 111),
];

/// The book chapter with exactly this title, if any.
pub fn book_chapter(title: &str) -> Option<&'static BookChapter> {
    BOOK_CHAPTERS.iter().find(|c| c.title == title)
}

/// Position of a known part in reading order.
pub fn part_index(part: &str) -> Option<usize> {
    PARTS.iter().position(|p| *p == part)
}
