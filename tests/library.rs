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

fn words(text: &str) -> usize {
    text.split_whitespace()
        .filter(|w| w.chars().any(char::is_alphanumeric))
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
        let min = if matches!(chapter.meta.slug.as_str(), "preface" | "conclusion") {
            150
        } else {
            350
        };
        assert!((min..=900).contains(&n), "{} has {n} words", chapter.path);
    }
}

#[test]
fn chapters_have_the_required_sections_in_order() {
    for chapter in chapters() {
        let headings: Vec<&str> = chapter
            .sections()
            .iter()
            .map(|s| s.heading.as_str())
            .filter(|h| !h.is_empty())
            .collect();
        let expected: Vec<&str> = if chapter.meta.checklist.is_some() {
            vec![
                sections::KEY_POINTS,
                sections::CHECKLIST,
                sections::BACKFIRES,
            ]
        } else {
            vec![sections::KEY_POINTS, sections::BACKFIRES]
        };
        assert_eq!(headings, expected, "{}", chapter.path);
        assert!(
            chapter.bullets(sections::KEY_POINTS).len() >= 3,
            "{}: too few key points",
            chapter.path
        );
        assert!(
            !chapter.bullets(sections::BACKFIRES).is_empty(),
            "{}",
            chapter.path
        );
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
    for slug in [
        "ship-projects",
        "strong-engineers",
        "simple-design",
        "time-predators",
        "using-llms",
        "good-times-over",
    ] {
        let chapter = chapters()
            .into_iter()
            .find(|c| c.meta.slug == slug)
            .expect(slug);
        assert!(
            chapter.body().contains("part, in one line:**"),
            "{slug} should open with its part's introduction"
        );
    }
}
