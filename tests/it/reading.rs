//! Reading the guide (issue 18): the chapter view's danger block and short
//! card, tips that stand alone, checklists that say when they guessed and
//! keep progress, moving with next/prev/open, edit, lint of the configured
//! folders, the format help, and the reading width. All through the binary.

use crate::common::{self, Advice, json, own_chapter, write};

#[test]
fn the_chapter_view_shows_the_danger_right_after_the_lead() {
    let (code, out, _) = common::run(&["--width", "80", "chapter", "spotlight"]);
    assert_eq!(code, 0);
    let (_, raw, _) = common::run(&["chapter", "spotlight", "--json"]);
    let chapter = json(&raw);
    let lead_end = out.find("\n\nDangerous advice\n").expect("a danger block");
    let read_when = out.find("\nRead this when\n").expect("read this when");
    assert!(
        lead_end < read_when,
        "the danger comes before the sections:\n{out}"
    );
    let block: String = out[lead_end..read_when]
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    let dangerous = chapter["dangerous"].as_str().expect("dangerous");
    assert!(block.contains(dangerous), "{block}");
    let caveat = chapter["caveats"][0].as_str().expect("a caveat");
    assert!(
        block.contains(&format!("Backfires: {caveat}")),
        "{block}\n{caveat}"
    );
    // A search hit in the dangerous line names a section the page shows;
    // one in the summary, a section the short card shows.
    let (_, hits, _) = common::run(&["search", "--json", "reserves", "for", "a", "short", "push"]);
    let hit = json(&hits)[0].clone();
    assert_eq!(hit["slug"], "spotlight", "{hits}");
    let section = hit["section"].as_str().expect("section");
    assert_eq!(section, "Dangerous advice", "{hits}");
    assert!(out.contains(&format!("\n{section}\n")), "{out}");
    let (_, card, _) = common::run(&["--width", "80", "chapter", "spotlight", "--short"]);
    let summary = chapter["summary"].as_str().expect("summary");
    let flat = card.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(flat.contains(summary), "{card}");
}

#[test]
fn short_is_a_one_screen_card() {
    let (code, out, _) = common::run(&["--width", "80", "chapter", "shipping", "--short"]);
    assert_eq!(code, 0);
    let (_, raw, _) = common::run(&["chapter", "shipping", "--json"]);
    let chapter = json(&raw);
    let flat = out.split_whitespace().collect::<Vec<_>>().join(" ");
    for key in ["summary", "dangerous"] {
        let text = chapter[key].as_str().expect(key);
        assert!(flat.contains(text), "{key} missing:\n{out}");
    }
    assert!(out.contains("\n\u{2610} "), "the checklist:\n{out}");
    assert!(out.contains("Backfires: "), "one caveat:\n{out}");
    assert!(
        out.trim_end()
            .ends_with("Read it all: advice chapter ship-projects \u{b7} advice checklist ship -i"),
        "{out}"
    );
    assert!(!out.contains("Read this when"), "{out}");
    assert!(out.lines().count() < 40, "{out}");
    // -s, and a chapter without a checklist.
    let (code, out, _) = common::run(&["chapter", "preface", "-s"]);
    assert_eq!(code, 0);
    assert!(!out.contains('\u{2610}'), "{out}");
    assert!(
        out.trim_end()
            .ends_with("Read it all: advice chapter preface"),
        "{out}"
    );
}

#[test]
fn chapter_with_no_name_lists_the_chapters() {
    let (code, out, _) = common::run(&["chapter"]);
    let (_, list, _) = common::run(&["list"]);
    assert_eq!(code, 0);
    assert_eq!(out, list);
    let (code, out, _) = common::run(&["chapter", "--json"]);
    assert_eq!(code, 0);
    assert_eq!(json(&out).as_array().map(Vec::len), Some(28));
}

#[test]
fn every_tip_stands_alone_and_carries_a_caveat() {
    let library = advice::library::Library::builtin().expect("library");
    let tips = library.tips().expect("tips");
    assert!(tips.len() > 40, "{}", tips.len());
    for tip in tips.iter() {
        assert!(advice::tips::stands_alone(&tip.text), "{tip:?}");
        assert!(!tip.text.trim_end().ends_with(':'), "{tip:?}");
        assert!(
            tip.caveat.as_deref().is_some_and(|c| !c.is_empty()),
            "{tip:?}"
        );
    }
    let (_, out, _) = common::run(&["tip", "--json"]);
    assert!(json(&out)["caveat"].is_string(), "{out}");
}

/// `advice tip` reads the built-in tips in place and copies out only the
/// one it shows: each is the same tip the owned decoding gives, and the
/// same day always shows the same one.
#[test]
fn a_tip_read_in_place_is_the_tip_decoded_whole() {
    let library = advice::library::Library::builtin().expect("library");
    let tips = library.tips().expect("tips");
    for (at, tip) in tips.iter().enumerate() {
        let one = library.tip(|count| {
            assert_eq!(count, tips.len());
            at
        });
        assert_eq!(one.expect("tip").as_ref(), Some(tip));
    }
    let day = |date: &str| common::run(&["tip", "--json", "--date", date]).1;
    assert_eq!(day("2026-03-01"), day("2026-03-01"));
    assert_ne!(day("2026-03-01"), day("2026-03-02"));
}

#[test]
fn the_untouched_template_is_never_a_tip() {
    let text = advice::cmd::new::template("on-call", 101, "on-call");
    let chapter = advice::parse::parse_chapter(
        "on-call.md",
        text.as_bytes(),
        advice::chapter::Origin::Added,
    )
    .expect("the template is valid");
    assert_eq!(
        advice::tips::collect(std::slice::from_ref(&chapter)),
        vec![]
    );
    // With a real line edited in, that line is a tip.
    let edited = text.replace(
        "- One bullet for each point worth remembering.",
        "- Page the owner of a service before you touch it.",
    );
    let chapter = advice::parse::parse_chapter(
        "on-call.md",
        edited.as_bytes(),
        advice::chapter::Origin::Added,
    )
    .expect("valid");
    let tips = advice::tips::collect(std::slice::from_ref(&chapter));
    assert_eq!(tips.len(), 1, "{tips:?}");
    assert_eq!(
        tips[0].text,
        "Page the owner of a service before you touch it."
    );
}

#[test]
fn a_guessed_checklist_says_so_and_a_chapter_without_one_says_that() {
    let (code, out, _) = common::run(&["checklist", "deploy"]);
    assert_eq!(code, 0);
    assert!(
        out.starts_with("Best match for 'deploy', by search: "),
        "{out}"
    );
    let (code, out, err) = common::run(&["checklist", "deploy", "--markdown"]);
    assert_eq!(code, 0);
    assert!(out.starts_with("## "), "markdown stays clean:\n{out}");
    assert!(
        err.contains("Best match for 'deploy', by search: "),
        "{err}"
    );
    let (_, out, _) = common::run(&["checklist", "prioritize"]);
    assert!(!out.contains("Best match"), "a name is no guess:\n{out}");
    let (code, _, err) = common::run(&["checklist", "preface"]);
    assert_eq!(code, 1);
    assert!(
        err.starts_with("advice: the chapter 'preface' (Before you start) has no checklist\n"),
        "{err}"
    );
}

#[test]
fn reset_forgets_saved_answers() {
    let env = Advice::new();
    let (code, out, _) = env.run(&["checklist", "glue", "--reset"]);
    assert_eq!(code, 0);
    assert!(out.contains("nothing to forget"), "{out}");
    let file = env.data_dir().join("advice/progress/glue.txt");
    write(&file, "done: anything\n");
    let (code, out, _) = env.run(&["checklist", "glue", "--reset"]);
    assert_eq!(code, 0);
    assert!(out.starts_with("Forgot your saved answers"), "{out}");
    assert!(!file.exists());
    let (code, _, err) = env.run(&["checklist", "--reset"]);
    assert_eq!(code, 2);
    assert!(err.contains("--reset needs a checklist"), "{err}");
}

#[test]
fn next_prev_and_open_walk_from_where_the_reader_is() {
    let env = Advice::new();
    let (code, _, err) = env.run(&["prev"]);
    assert_eq!(code, 1);
    assert!(err.contains("you have not read a chapter yet"), "{err}");
    let (code, out, _) = env.run(&["next"]);
    assert_eq!(code, 0);
    assert!(
        out.starts_with("Before you start\n"),
        "next starts at the first:\n{out}"
    );
    // next, prev and open move the reader even when piped...
    let (_, out, _) = env.run(&["next", "--short"]);
    assert!(out.starts_with("Dangerous advice\n"), "{out}");
    let (_, out, _) = env.run(&["prev"]);
    assert!(out.starts_with("Before you start\n"), "{out}");
    // ...a script reading a chapter (piped, or as JSON) does not; a reader
    // at a terminal does (tests/it/terminal.rs).
    env.run(&["chapter", "spotlight"]);
    env.run(&["chapter", "conclusion", "--json"]);
    let (_, out, _) = env.run(&["next"]);
    assert!(out.starts_with("Dangerous advice\n"), "{out}");
    write(&env.state_dir().join("advice/position"), "conclusion\n");
    let (code, _, err) = env.run(&["next"]);
    assert_eq!(code, 1);
    assert!(err.contains("'conclusion' is the last chapter"), "{err}");

    let (code, _, err) = env.run(&["open", "1"]);
    assert_eq!(code, 1);
    assert!(
        err.contains("there is no search to open a result of"),
        "{err}"
    );
    // A piped search is a script's: it is not remembered.
    env.run(&["search", "missed", "deadline"]);
    let (code, _, _) = env.run(&["open", "1"]);
    assert_eq!(code, 1);
    // A search at a terminal is (tests/it/terminal.rs); as it leaves it:
    write(
        &env.state_dir().join("advice/last-search.json"),
        r#"{"query": "missed deadline", "hits": ["ship-projects", "ruthless-managers"]}"#,
    );
    let (code, out, _) = env.run(&["open", "2"]);
    assert_eq!(code, 0);
    assert!(
        out.starts_with("Work well with a ruthless manager\n"),
        "{out}"
    );
    let (code, _, err) = env.run(&["open", "40"]);
    assert_eq!(code, 1);
    assert!(
        err.contains("the last search ('missed deadline') had 2 results, so there is no result 40"),
        "{err}"
    );
    // `open` moved the reading position.
    let (_, out, _) = env.run(&["next", "--short"]);
    assert!(out.starts_with("Use LLMs where they pay off\n"), "{out}");
    let (_, out, _) = env.run(&["prev", "--short"]);
    assert!(
        out.starts_with("Work well with a ruthless manager\n"),
        "{out}"
    );
    // A remembered chapter that is gone is no position at all.
    write(
        &env.state_dir().join("advice/last-search.json"),
        r#"{"query": "x", "hits": ["no-such-chapter"]}"#,
    );
    let (code, _, err) = env.run(&["open", "1"]);
    assert_eq!(code, 1);
    assert!(
        err.contains("'no-such-chapter', is no longer in your library"),
        "{err}"
    );
}

#[test]
fn a_state_folder_that_cannot_be_written_fails_nothing() {
    let env = Advice::new();
    // The state "folder" is a file: every write fails.
    write(&env.state_dir(), "not a folder");
    for args in [
        &["chapter", "spotlight"][..],
        &["search", "missed", "deadline"],
        &["next"],
    ] {
        let (code, out, err) = env.run(args);
        assert_eq!(code, 0, "{args:?}: {err}");
        assert!(!out.is_empty());
        assert!(err.is_empty(), "{args:?}: {err}");
    }
    // A damaged state file is read as empty, and replaced.
    let env = Advice::new();
    write(
        &env.state_dir().join("advice/last-search.json"),
        "{\"query\": [",
    );
    write(
        &env.state_dir().join("advice/position"),
        "no-such-chapter\n",
    );
    let (code, out, _) = env.run(&["next"]);
    assert_eq!(code, 0);
    assert!(out.starts_with("Before you start\n"), "{out}");
    let (code, _, err) = env.run(&["open", "1"]);
    assert_eq!(code, 1);
    assert!(
        err.contains("there is no search to open a result of"),
        "{err}"
    );
}

#[test]
fn edit_opens_a_readers_chapter_and_copies_a_built_in_one_first() {
    let env = Advice::new();
    let dir = env.config_chapters();
    write(
        &dir.join("mine.md"),
        &own_chapter("mine", 301, "Mine", "kiwi"),
    );
    // The "editor" appends a line to the file it is given.
    let editor = "sh -c 'echo \"<!-- edited -->\" >> \"$1\"' editor";
    let run = |args: &[&str]| {
        let out = env
            .cmd()
            .env("VISUAL", editor)
            .args(args)
            .output()
            .expect("run");
        (
            out.status.code(),
            String::from_utf8_lossy(&out.stdout).into_owned(),
            String::from_utf8_lossy(&out.stderr).into_owned(),
        )
    };
    let (code, out, err) = run(&["edit", "mine"]);
    assert_eq!(code, Some(0), "{err}");
    assert!(out.contains("Check it with: advice lint "), "{out}");
    let text = std::fs::read_to_string(dir.join("mine.md")).expect("mine");
    assert!(text.ends_with("<!-- edited -->\n"), "{text}");
    // A built-in chapter, not on a terminal and without --copy: refused.
    let (code, _, err) = run(&["edit", "shipping"]);
    assert_eq!(code, Some(2));
    assert!(
        err.contains("'ship-projects' is a built-in chapter"),
        "{err}"
    );
    assert!(err.contains("advice edit ship-projects --copy"), "{err}");
    assert!(!dir.join("ship-projects.md").exists());
    let (code, out, err) = run(&["edit", "shipping", "--copy"]);
    assert_eq!(code, Some(0), "{err}");
    assert!(out.starts_with("Copied 'ship-projects' to "), "{out}");
    let copy = std::fs::read_to_string(dir.join("ship-projects.md")).expect("copied");
    assert!(copy.starts_with("---\nslug: ship-projects\n") && copy.ends_with("<!-- edited -->\n"));
    let (_, out, _) = env.run(&["chapter", "ship-projects"]);
    assert!(out.contains("replaces the built-in chapter"), "{out}");
    // A second copy never overwrites the first.
    let (code, _, err) = run(&["edit", "ship-projects", "--copy"]);
    assert_eq!(code, Some(0), "it is the reader's own now: {err}");
    // An editor that cannot start.
    let out = env
        .cmd()
        .env("VISUAL", "no-such-editor-here")
        .args(["edit", "mine"])
        .output()
        .expect("run");
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("cannot start the editor 'no-such-editor-here'"),
        "{err}"
    );
}

#[test]
fn lint_with_no_paths_lints_the_configured_folders() {
    let env = Advice::new();
    let (code, out, _) = env.run(&["lint"]);
    assert_eq!(code, 0);
    assert!(
        out.starts_with("advice: no chapters of your own to lint"),
        "{out}"
    );
    write(
        &env.config_chapters().join("mine.md"),
        &own_chapter("mine", 301, "Mine", "kiwi"),
    );
    let extra = env.home.path().join("extra");
    write(
        &extra.join("bad.md"),
        &own_chapter("bad", 302, "Bad", "fig").replace("tags: [team, notes, bad]", "tags: []"),
    );
    let (code, out, _) = env.run(&["--chapters", &extra.display().to_string(), "lint"]);
    assert_eq!(code, 1, "{out}");
    assert!(out.contains("bad.md:"), "{out}");
    assert!(
        out.ends_with("1 problem in 1 file of 2 files checked\n"),
        "{out}"
    );
}

#[test]
fn lint_flags_template_text_and_a_heading_that_differs() {
    let env = Advice::new();
    let dir = env.home.path().join("notes");
    env.run(&["new", "on-call", "--dir", &dir.display().to_string()]);
    let file = dir.join("on-call.md");
    let text = std::fs::read_to_string(&file).expect("template");
    // The title edited in one place only: the chapter still loads, under its
    // front matter title, and lint remarks on the heading.
    let text = text.replace("title: On call ", "title: Being on call ");
    std::fs::write(&file, &text).expect("write");
    let (code, out, err) = env.run(&[
        "--chapters",
        &dir.display().to_string(),
        "chapter",
        "on-call",
    ]);
    assert_eq!(code, 0, "{err}");
    assert!(out.starts_with("Being on call\n"), "{out}");
    assert!(
        err.is_empty(),
        "lint remarks are not warnings on every run: {err}"
    );
    let (code, out, _) = env.run(&["lint", &file.display().to_string()]);
    assert_eq!(code, 1);
    assert!(
        out.contains("the heading '# On call' differs from the title 'Being on call'"),
        "{out}"
    );
    assert!(
        out.contains("still the template's text ('Another one.')"),
        "{out}"
    );
}

#[test]
fn a_single_markdown_file_can_be_a_chapters_source() {
    let env = Advice::new();
    let file = env.home.path().join("notes/mine.md");
    write(&file, &own_chapter("mine", 301, "Mine", "kiwi"));
    let (code, out, err) = env.run(&["--chapters", &file.display().to_string(), "chapter", "mine"]);
    assert_eq!(code, 0, "{err}");
    assert!(out.starts_with("Mine\n"), "{out}");
    // Shown under ~/ since it is in the home folder.
    assert!(out.contains("from ~/notes/mine.md"), "{out}");
    let other = env.home.path().join("notes/x.txt");
    write(&other, "text");
    let (code, _, err) = env.run(&["--chapters", &other.display().to_string(), "list"]);
    assert_eq!(code, 2);
    assert!(
        err.contains("is neither a folder nor a markdown file"),
        "{err}"
    );
}

#[test]
fn format_help_and_the_man_page_document_the_chapter_format() {
    let (code, out, _) = common::run(&["help", "format"]);
    assert_eq!(code, 0);
    for needle in [
        "slug:",
        "dangerous:",
        "## Checklist",
        "advice new SLUG",
        "advice lint",
    ] {
        assert!(out.contains(needle), "{needle}:\n{out}");
    }
    let (_, new_help, _) = common::run(&["new", "--help"]);
    assert!(new_help.contains("advice help format"), "{new_help}");
    let (_, man, _) = common::run(&["man"]);
    let see_also = man
        .split(".SH \"SEE ALSO\"")
        .nth(1)
        .or(man.split(".SH SEE ALSO").nth(1));
    let see_also = see_also.expect("a SEE ALSO section");
    assert!(see_also.contains("advice help format"), "{see_also}");
    assert!(!see_also.contains("chapter preface"), "{see_also}");
    assert!(
        man.contains("CHAPTER FORMAT"),
        "the format itself is in the page"
    );
}

#[test]
fn text_is_at_most_100_columns_unless_width_says_more() {
    let env = Advice::new();
    let widest = |out: &str| {
        out.lines()
            .map(advice::output::render::cols)
            .max()
            .unwrap_or(0)
    };
    let run = |columns: &str, args: &[&str]| {
        let out = env
            .cmd()
            .env("COLUMNS", columns)
            .args(args)
            .output()
            .expect("run");
        String::from_utf8_lossy(&out.stdout).into_owned()
    };
    let out = run("200", &["chapter", "spotlight"]);
    assert!((90..=100).contains(&widest(&out)), "{}", widest(&out));
    let out = run("200", &["--width", "160", "chapter", "spotlight"]);
    assert!(widest(&out) > 100, "{}", widest(&out));
    let out = run("60", &["chapter", "spotlight"]);
    assert!(widest(&out) <= 60);
}

#[test]
fn page_numbers_and_commands_are_never_split_across_lines() {
    for width in 30..=90 {
        let (_, out, _) = common::run(&["--width", &width.to_string(), "checklist", "prioritize"]);
        for line in out.lines() {
            assert!(
                !line.ends_with(" p.") && !line.ends_with(" advice"),
                "{width}: {line:?}\n{out}"
            );
            assert!(!line.ends_with(" chapter"), "{width}: {line:?}");
        }
    }
}

#[test]
fn unknown_topics_point_to_search() {
    let (code, _, err) = common::run(&["topics", "burnout"]);
    assert_eq!(code, 1);
    assert!(
        err.contains("`advice search burnout` searches the text"),
        "{err}"
    );
}

#[test]
fn a_chapter_found_by_its_tags_says_which() {
    // "judgement" is a tag of several chapters whose text never uses the word.
    let (code, out, _) = common::run(&["search", "--json", "judgement"]);
    assert_eq!(code, 0);
    let hits = json(&out);
    let tagged: Vec<&serde_json::Value> = hits
        .as_array()
        .into_iter()
        .flatten()
        .filter(|h| h["section"] == "Tags")
        .collect();
    assert!(!tagged.is_empty(), "{out}");
    for hit in &tagged {
        assert_eq!(hit["matched"], serde_json::json!(["judgement"]), "{hit}");
    }
    for hit in hits.as_array().into_iter().flatten() {
        assert!(
            !hit["matched"].as_array().is_some_and(Vec::is_empty),
            "{hit}"
        );
    }
    let (_, text, _) = common::run(&["search", "judgement"]);
    assert!(text.contains(" · tagged judgement\n"), "{text}");
}

#[test]
fn lint_flags_control_characters_in_the_text() {
    let env = Advice::new();
    let file = env.home.path().join("notes/ctl.md");
    let text = own_chapter("ctl", 301, "Ctl", "kiwi").replace(
        "The kiwi paragraph",
        "The \u{1b}]0;owned\u{7} kiwi paragraph",
    );
    write(&file, &text);
    let (code, out, _) = env.run(&["lint", &file.display().to_string()]);
    assert_eq!(code, 1, "{out}");
    assert!(
        out.contains("ctl.md:18:5: control character U+001B in the text"),
        "{out}"
    );
    // Reading it still works, with the escape shown, not obeyed.
    let (code, out, _) = env.run(&["--chapters", &file.display().to_string(), "chapter", "ctl"]);
    assert_eq!(code, 0);
    assert!(!out.contains('\u{1b}'), "{out}");
}

#[test]
fn the_orientation_says_how_to_go_on_reading() {
    let env = Advice::new();
    let (_, out, _) = env.run(&[]);
    assert!(!out.contains("You last read"), "{out}");
    write(&env.state_dir().join("advice/position"), "spotlight\n");
    let (code, out, _) = env.run(&[]);
    assert_eq!(code, 0);
    let flat = out.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(
        flat.contains("You last read \"Know where the spotlight is\": advice next goes on, advice prev goes back."),
        "{out}"
    );
}
