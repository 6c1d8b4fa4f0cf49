//! The strict chapter parser on bad input: each problem is found, located by
//! line and column, and described so the writer knows what to do.

use advice::chapter::{Chapter, Origin};
use advice::parse::parse_chapter;
use advice::validate::assemble;

const GOOD: &str = "---
slug: on-call
title: On call
part: Team notes
order: 101
summary: >-
  What we do when the pager goes off.
tags: [team, ops, on-call]
aliases: [pager]
related: [ship-projects]
dangerous: >-
  Page the owner, not the channel.
checklist:
  name: on-call
  title: Before your on-call week
---

# On call

Keep the pager close and the runbook closer.

## Checklist
- [ ] Read the runbook for every alert you own.
- [ ] Check that your phone gets test pages.
";

fn problems(text: &str) -> Vec<String> {
    match parse_chapter("team/on-call.md", text.as_bytes(), Origin::Added) {
        Ok(_) => Vec::new(),
        Err(problems) => problems.iter().map(ToString::to_string).collect(),
    }
}

fn first(text: &str) -> String {
    problems(text)
        .into_iter()
        .next()
        .unwrap_or_else(|| "no problem found".to_string())
}

#[test]
fn a_good_chapter_parses_into_sections_and_items() {
    let chapter = parse_chapter("team/on-call.md", GOOD.as_bytes(), Origin::Added).expect("valid");
    assert_eq!(chapter.meta.slug, "on-call");
    assert_eq!(chapter.checklist_items().len(), 2);
    assert_eq!(
        chapter.checklist_items()[0].text,
        "Read the runbook for every alert you own."
    );
    assert_eq!(chapter.checklist_items()[0].line, 23);
    assert_eq!(chapter.sections()[1].heading, "Checklist");
}

#[test]
fn unknown_and_missing_keys_are_located() {
    assert_eq!(
        first(&GOOD.replace("tags:", "tgas:")),
        "team/on-call.md:8:1: unknown field 'tgas' (did you mean 'tags'?)"
    );
    assert_eq!(
        first(&GOOD.replace("  title: Before", "  titel: Before")),
        "team/on-call.md:15:3: checklist: unknown field 'titel' (did you mean 'title'?)"
    );
    assert!(first(&GOOD.replace("title: On call\n", "")).contains("missing field 'title'"));
    assert!(
        first(&GOOD.replace("order: 101", "order: soon"))
            .starts_with("team/on-call.md:5:8: order: invalid type")
    );
    assert!(
        first(&GOOD.replace("slug: on-call\n", "slug: on-call\nslug: again\n"))
            .starts_with("team/on-call.md:3:1: duplicate field 'slug'")
    );
}

#[test]
fn values_are_validated_with_the_line_of_their_key() {
    assert_eq!(
        first(&GOOD.replace("slug: on-call", "slug: On Call")),
        "team/on-call.md:2:1: slug 'On Call' must be 1-64 lowercase letters, digits and hyphens (try 'on-call')"
    );
    assert_eq!(
        first(&GOOD.replace("[team, ops, on-call]", "[team, ops]")),
        "team/on-call.md:8:1: a chapter has 3-8 tags; this one has 2"
    );
    assert!(
        first(&GOOD.replace("[team, ops, on-call]", "[team, Ops!, on-call]"))
            .contains("tag 'Ops!' must be lowercase")
    );
    assert!(
        first(&GOOD.replace("[team, ops, on-call]", "[team, ops, team]"))
            .contains("tag 'team' is listed twice")
    );
    assert!(first(&GOOD.replace("order: 101", "order: 0")).contains("order must be 1 or more"));
    assert!(
        first(&GOOD.replace("  name: on-call", "  name: On Call"))
            .contains("checklist name 'On Call'")
    );
}

#[test]
fn book_references_must_match_the_contents() {
    let book = GOOD.replace(
        "part: Team notes",
        "part: Shipping\nbook:\n  chapter: \"How I ship projects at tech companies\"\n  page: 19",
    );
    let found = problems(&book);
    assert!(
        found.iter().any(|p| p.contains(
            "book.page is 19 but \"How I ship projects at tech companies\" starts on page 18"
        )),
        "{found:?}"
    );
    assert!(
        found
            .iter()
            .any(|p| p.contains("needs a '## Key points' section")),
        "{found:?}"
    );
    let wrong = GOOD.replace(
        "part: Team notes",
        "part: Shipping\nbook:\n  chapter: \"How I ship project at tech companies\"\n  page: 18",
    );
    assert!(first(&wrong).contains("did you mean \"How I ship projects at tech companies\"?"));
    let part = GOOD.replace(
        "part: Team notes",
        "part: Politics\nbook:\n  chapter: \"Vibe coding\"\n  page: 100",
    );
    assert!(
        problems(&part)
            .iter()
            .any(|p| p.contains("part 'Politics' does not match the book"))
    );
}

#[test]
fn broken_files_are_described() {
    assert_eq!(
        first(""),
        "team/on-call.md:1:1: file is empty; a chapter starts with '---', YAML front matter, '---', then markdown"
    );
    assert!(first("# Just markdown\n").contains("no front matter"));
    assert!(first("---\nslug: x\n").contains("front matter is not closed"));
    assert!(first("---\n---\n# X\n").contains("front matter is empty"));
    // Located where the YAML parser noticed: the line after the open bracket.
    assert_eq!(
        first("---\nslug: [unclosed\n---\n"),
        "team/on-call.md:3:1: did not find expected ',' or ']', while parsing a flow sequence"
    );
    let mut bytes = GOOD.as_bytes().to_vec();
    bytes.insert(30, 0xff);
    let found = parse_chapter("team/on-call.md", &bytes, Origin::Added).expect_err("invalid UTF-8");
    assert_eq!(
        found[0].to_string(),
        "team/on-call.md:3:13: file is not valid UTF-8; save it as UTF-8"
    );
    let huge = format!("{GOOD}{}", "x".repeat(1024 * 1024));
    assert!(first(&huge).contains("a chapter may be at most 1 MiB"));
}

#[test]
fn the_body_must_match_the_front_matter() {
    // A reader's own chapter is shown under its front matter's title: a
    // different or missing `# heading` does not stop it loading, and lint
    // remarks on it (tests/it/own_chapters.rs).
    for body in [
        GOOD.replace("# On call", "# Something else"),
        GOOD.replace("# On call\n", ""),
    ] {
        let chapter = parse_chapter("team/on-call.md", body.as_bytes(), Origin::Added)
            .expect("a reader's chapter loads whatever its heading");
        assert_eq!(chapter.meta.title, "On call");
        let remarks = advice::validate::own_chapter_remarks(&chapter);
        assert!(
            body.contains("# Something")
                == remarks.iter().any(|r| r
                    .message
                    .contains("'# Something else' differs from the title 'On call'")),
            "{remarks:?}"
        );
    }
    assert!(
        first(&GOOD.replace("## Checklist", "## Notes"))
            .contains("front matter has 'checklist:' but the body has no '## Checklist' section")
    );
    let no_items = GOOD.replace("- [ ] Read the runbook for every alert you own.\n- [ ] Check that your phone gets test pages.\n", "Nothing yet.\n");
    assert!(first(&no_items).contains("the '## Checklist' section has no items"));
    let no_meta = GOOD.replace(
        "checklist:\n  name: on-call\n  title: Before your on-call week\n",
        "",
    );
    assert!(first(&no_meta).contains(
        "the body has a '## Checklist' section but the front matter has no 'checklist:'"
    ));
}

#[test]
fn yaml_alias_bombs_are_refused_quickly() {
    let mut bomb = String::from("---\na: &a [x, x, x, x, x, x, x, x, x, x]\n");
    for i in 1..9 {
        let refs = vec![format!("*{}", (b'a' + i - 1) as char); 10].join(", ");
        bomb.push_str(&format!(
            "{}: &{} [{refs}]\n",
            (b'a' + i) as char,
            (b'a' + i) as char
        ));
    }
    bomb.push_str("---\n# X\n");
    let start = std::time::Instant::now();
    let found = problems(&bomb);
    assert!(!found.is_empty());
    assert!(
        start.elapsed() < std::time::Duration::from_secs(1),
        "took {:?}",
        start.elapsed()
    );
}

fn chapter(text: &str, path: &str) -> Chapter {
    parse_chapter(path, text.as_bytes(), Origin::Added).expect("valid chapter")
}

#[test]
fn library_rules_catch_clashes_and_dangling_links() {
    let builtin = advice::library::builtin_chapters().expect("built-in");
    let clash_order = chapter(&GOOD.replace("order: 101", "order: 12"), "team/a.md");
    let clash_checklist = chapter(
        &GOOD
            .replace("slug: on-call", "slug: other")
            .replace("order: 101", "order: 102")
            .replace("name: on-call", "name: trust"),
        "team/b.md",
    );
    let dangling = chapter(
        &GOOD
            .replace("slug: on-call", "slug: third")
            .replace("order: 101", "order: 103")
            .replace("name: on-call", "name: third")
            .replace("[ship-projects]", "[shipping-projects]"),
        "team/c.md",
    );
    let replacing = chapter(
        &GOOD
            .replace("slug: on-call", "slug: spotlight")
            .replace("order: 101", "order: 12")
            .replace("name: on-call", "name: spotlight"),
        "team/d.md",
    );
    let mut all = builtin;
    all.extend([clash_order, clash_checklist, dangling, replacing]);
    let (chapters, problems) = assemble(all);
    let text: Vec<String> = problems.iter().map(|p| p.diagnostic.to_string()).collect();
    assert!(
        text.iter()
            .any(|p| p
                .starts_with("team/a.md:5:1: order 12 is also used by chapters/12-spotlight.md")),
        "{text:?}"
    );
    assert!(
        text.iter()
            .any(|p| p.starts_with("team/b.md:14:3: duplicate checklist name 'trust'")),
        "{text:?}"
    );
    assert!(text.iter().any(|p| p.starts_with("team/c.md:10:1: related chapter 'shipping-projects' does not exist (did you mean 'ship-projects'?)")), "{text:?}");
    let spotlight = chapters
        .iter()
        .find(|c| c.meta.slug == "spotlight")
        .expect("spotlight");
    assert_eq!(spotlight.origin, Origin::Replaced);
    assert_eq!(spotlight.path, "team/d.md");
    assert!(
        chapters.iter().any(|c| c.meta.slug == "third"),
        "a dangling link does not drop the chapter"
    );
    assert!(
        chapters.iter().any(|c| c.path == "team/a.md"),
        "a shared order never drops a chapter"
    );
    assert!(
        problems
            .iter()
            .any(|p| p.lint_only && p.diagnostic.path == "team/a.md"),
        "a shared order is for lint to mention: {text:?}"
    );
}
