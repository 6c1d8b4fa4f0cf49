//! The built-in guide as content: every chapter loads strictly, the book's 28
//! chapters each appear once, and the content rules of the chapter format and
//! the issues hold (length, sections, checklists, links).

use advice::chapter::{BlockKind, Chapter, Origin, sections};
use advice::contents::BOOK_CHAPTERS;
use advice::library::builtin_chapters;
use advice::parse::parse_chapter;
use std::collections::HashSet;

fn chapters() -> Vec<Chapter> {
    builtin_chapters().expect("the compiled library decodes")
}

/// Words as closeness-check counts them: runs of ASCII letters, digits and apostrophes.
fn words(text: &str) -> usize {
    text.split(|c: char| !(c.is_ascii_alphanumeric() || c == '\''))
        .filter(|w| !w.is_empty())
        .count()
}

#[test]
fn every_embedded_chapter_loads_strictly() {
    let chapters = chapters();
    assert_eq!(chapters.len(), 28);
    for chapter in &chapters {
        let reparsed = parse_chapter(&chapter.path, chapter.source().as_bytes(), Origin::BuiltIn)
            .unwrap_or_else(|problems| {
                panic!(
                    "{}",
                    problems
                        .iter()
                        .map(ToString::to_string)
                        .collect::<Vec<_>>()
                        .join("\n")
                )
            });
        assert_eq!(reparsed.meta, chapter.meta, "{}", chapter.path);
        assert_eq!(reparsed.sections(), chapter.sections(), "{}", chapter.path);
    }
}

#[test]
fn a_broken_chapter_names_file_line_and_problem() {
    let chapter = chapters()
        .into_iter()
        .find(|c| c.meta.slug == "spotlight")
        .expect("spotlight");
    let source = chapter.source().replacen("\ntags:", "\ntgas:", 1);
    let line = source
        .lines()
        .position(|l| l.starts_with("tgas:"))
        .expect("tgas line")
        + 1;
    let problems = parse_chapter(
        "chapters/12-spotlight.md",
        source.as_bytes(),
        Origin::BuiltIn,
    )
    .expect_err("must fail");
    assert_eq!(
        problems[0].to_string(),
        format!("chapters/12-spotlight.md:{line}:1: unknown field 'tgas' (did you mean 'tags'?)")
    );
}

#[test]
fn each_book_chapter_appears_exactly_once() {
    let chapters = chapters();
    for book in BOOK_CHAPTERS {
        let matching: Vec<&Chapter> = chapters
            .iter()
            .filter(|c| {
                c.meta
                    .book
                    .as_ref()
                    .is_some_and(|b| b.chapter == book.title)
            })
            .collect();
        assert_eq!(
            matching.len(),
            1,
            "\"{}\" appears {} times",
            book.title,
            matching.len()
        );
        let chapter = matching[0];
        assert_eq!(chapter.meta.order, book.order, "{}", book.title);
        assert_eq!(chapter.page(), Some(book.page), "{}", book.title);
        assert_eq!(chapter.meta.part, book.part, "{}", book.title);
        assert_eq!(
            chapter.path,
            format!(
                "chapters/{:02}-{}.md",
                chapter.meta.order, chapter.meta.slug
            )
        );
    }
}

#[test]
fn chapters_are_field_guide_length() {
    for chapter in chapters() {
        let n = words(chapter.body());
        // Format 2: 300-750 words; the Preface and the Conclusion may be shorter.
        let min = if matches!(chapter.meta.slug.as_str(), "preface" | "conclusion") {
            150
        } else {
            300
        };
        assert!((min..=750).contains(&n), "{} has {n} words", chapter.path);
    }
}

#[test]
fn chapters_have_format_2_sections_in_order() {
    for chapter in chapters() {
        let headings: Vec<&str> = chapter
            .sections()
            .iter()
            .map(|s| s.heading.as_str())
            .filter(|h| !h.is_empty())
            .collect();
        let exempt = matches!(chapter.meta.slug.as_str(), "preface" | "conclusion");
        let mut expected: Vec<&str> = Vec::new();
        if headings.first() == Some(&sections::ABOUT_PART) {
            expected.push(sections::ABOUT_PART);
        }
        if !exempt || headings.contains(&sections::READ_WHEN) {
            expected.push(sections::READ_WHEN);
        }
        expected.extend([sections::IDEA, sections::KEY_POINTS]);
        if chapter.meta.checklist.is_some() {
            expected.push(sections::CHECKLIST);
        }
        expected.push(sections::BACKFIRES);
        assert_eq!(headings, expected, "{}", chapter.path);
        let points = chapter.bullets(sections::KEY_POINTS).len();
        assert!(
            (3..=7).contains(&points),
            "{}: {points} key points",
            chapter.path
        );
        if !exempt {
            let situations = chapter.bullets(sections::READ_WHEN).len();
            assert!(
                (3..=5).contains(&situations),
                "{}: {situations} situations",
                chapter.path
            );
        }
        assert!(
            !chapter.bullets(sections::BACKFIRES).is_empty(),
            "{}",
            chapter.path
        );
        // The guide's own cautions are labelled as such.
        for item in chapter.bullets(sections::BACKFIRES) {
            assert!(
                !item.text.to_lowercase().contains("beyond the book")
                    || item.text.starts_with("Beyond the book:"),
                "{}: '{}' should start with the label",
                chapter.path,
                item.text
            );
        }
    }
}

#[test]
fn aliases_are_names_not_questions() {
    for chapter in chapters() {
        let checklist = chapter.meta.checklist.iter().flat_map(|c| &c.aliases);
        for alias in chapter.meta.aliases.iter().chain(checklist) {
            assert!(
                alias.split_whitespace().count() <= 4 && !alias.contains('?'),
                "{}: alias '{alias}' is a situation; it belongs in Read this when",
                chapter.path
            );
            for word in ["i", "my", "me", "should", "can't", "won't"] {
                assert!(
                    !alias.split_whitespace().any(|w| w == word),
                    "{}: alias '{alias}' reads as a question or situation",
                    chapter.path
                );
            }
        }
    }
}

#[test]
fn checklists_are_many_concrete_and_named_for_readers() {
    let chapters = chapters();
    let with: Vec<&Chapter> = chapters
        .iter()
        .filter(|c| c.meta.checklist.is_some())
        .collect();
    assert!(with.len() >= 15, "only {} checklists", with.len());
    for chapter in &with {
        let items = chapter.checklist_items();
        assert!(items.len() >= 4, "{}: {} items", chapter.path, items.len());
        for item in items {
            assert!(matches!(item.kind, BlockKind::Task { done: false, .. }));
            let first = item.text.split_whitespace().next().unwrap_or_default();
            assert!(
                first.chars().next().is_some_and(char::is_uppercase),
                "{}: '{}' should start with an instruction",
                chapter.path,
                item.text
            );
            assert!(
                words(&item.text) >= 5,
                "{}: '{}' is too vague",
                chapter.path,
                item.text
            );
        }
    }
    let names: HashSet<&str> = with
        .iter()
        .filter_map(|c| c.meta.checklist.as_ref())
        .map(|m| m.name.as_str())
        .collect();
    for name in [
        "prioritize",
        "spotlight",
        "trust",
        "positions",
        "glue",
        "value",
        "design",
        "legacy",
        "wicked",
        "predators",
        "llm-security",
        "vibe-coding",
        "ship",
    ] {
        assert!(names.contains(name), "no checklist named {name}");
    }
}

#[test]
fn related_links_go_both_ways() {
    let chapters = chapters();
    for chapter in &chapters {
        for slug in &chapter.meta.related {
            let other = chapters
                .iter()
                .find(|c| &c.meta.slug == slug)
                .unwrap_or_else(|| panic!("{}: no {slug}", chapter.path));
            assert!(
                other.meta.related.contains(&chapter.meta.slug),
                "{} links to {slug} but not back",
                chapter.path
            );
        }
    }
}

#[test]
fn names_are_typable_and_do_not_collide() {
    let chapters = chapters();
    let mut names = HashSet::new();
    for chapter in &chapters {
        assert!(
            names.insert(chapter.meta.slug.clone()),
            "{}",
            chapter.meta.slug
        );
    }
    for chapter in &chapters {
        for alias in &chapter.meta.aliases {
            assert_eq!(
                alias,
                &alias.to_lowercase(),
                "{}: alias '{alias}' should be lowercase",
                chapter.path
            );
            assert!(!alias.trim().is_empty(), "{}", chapter.path);
        }
        let dangerous = chapter.meta.dangerous.trim();
        assert!(
            dangerous.ends_with('.') && dangerous.matches(". ").count() == 0,
            "{}: the dangerous line is one sentence",
            chapter.path
        );
    }
}

#[test]
fn part_introductions_open_their_parts() {
    // The book introduces these parts with a paragraph of their own (The
    // industry has just changed has none); it belongs in the part's first chapter.
    let with: Vec<String> = chapters()
        .into_iter()
        .filter(|c| c.section(sections::ABOUT_PART).is_some())
        .map(|c| c.meta.slug.clone())
        .collect();
    assert_eq!(
        with,
        [
            "ship-projects",
            "strong-engineers",
            "simple-design",
            "time-predators",
            "using-llms",
        ]
    );
}
