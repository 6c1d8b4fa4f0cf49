//! The foundation commands as a reader sees them: `chapter`, `list`,
//! `topics`, the orientation, colour, exit codes and closed pipes.

use crate::common;

use common::{has_escapes, json, run};

#[test]
fn no_arguments_prints_an_orientation() {
    let (code, out, err) = run(&[]);
    assert_eq!(code, 0);
    assert!(err.is_empty());
    assert!(out.contains("field guide"), "{out}");
    for command in ["advice search", "advice chapter", "advice checklist"] {
        assert!(out.contains(command), "missing {command}:\n{out}");
    }
}

#[test]
fn chapter_resolves_every_kind_of_name() {
    for name in [
        "ship-projects",                         // slug
        "shipping",                              // alias
        "SHIPPING IS THE JOB",                   // our title, any case
        "How I ship projects at tech companies", // the book's title
        "5",                                     // chapter number
        "ship-pro",                              // unique prefix of a slug
    ] {
        let (code, out, err) = run(&["chapter", name]);
        assert_eq!(code, 0, "{name}: {err}");
        assert!(out.starts_with("Shipping is the job\n"), "{name}:\n{out}");
    }
    let (code, out, _) = run(&["chapter", "large", "codebases"]);
    assert_eq!(code, 0);
    assert!(
        out.starts_with("Work with the grain of a large codebase"),
        "{out}"
    );
}

#[test]
fn chapter_page_has_header_body_and_see_also() {
    let (_, out, _) = run(&["--width", "200", "chapter", "spotlight"]);
    assert!(out.contains("Engineering mindset · chapter 12 · book: \"Strong engineers know about the spotlight\", p. 44"), "{out}");
    assert!(out.contains("Key points\n"));
    assert!(out.contains("☐ "), "checklist items are boxes");
    assert!(!out.contains("[ ]"), "no raw task markers");
    let see_also = out.split("See also\n").nth(1).expect("See also section");
    assert!(see_also.contains("trusted"), "{see_also}");
}

#[test]
fn ambiguous_name_lists_candidates_and_exits_1() {
    let (code, out, err) = run(&["chapter", "how i"]);
    assert_eq!(code, 1);
    assert!(out.is_empty());
    assert!(
        err.starts_with("advice: 'how i' matches 3 chapters:"),
        "{err}"
    );
    for slug in ["ship-projects", "what-to-work-on", "using-llms"] {
        assert!(err.contains(slug), "{err}");
    }
}

#[test]
fn unknown_name_suggests_the_closest_and_exits_1() {
    let (code, out, err) = run(&["chapter", "spotlite"]);
    assert_eq!(code, 1);
    assert!(out.is_empty());
    assert!(err.starts_with("advice: no chapter 'spotlite'\n"), "{err}");
    // Too far from any name by spelling, near by search.
    assert!(
        err.contains("best match for 'spotlite': `advice chapter spotlight`"),
        "{err}"
    );
    let (code, _, err) = run(&["chapter", "spotlihgt"]);
    assert_eq!(code, 1);
    assert!(err.contains("did you mean: spotlight?"), "{err}");
    // A word that shares only a prefix with a title's word is not offered.
    let (_, _, err) = run(&["chapter", "promotion"]);
    assert!(!err.contains("beyond-prompting"), "{err}");
    assert!(
        err.contains("`advice chapter value-over-replacement`"),
        "{err}"
    );
    let (code, _, err) = run(&["chapter", "qwxz"]);
    assert_eq!(code, 1);
    assert!(
        !err.contains("did you mean"),
        "nothing is close to qwxz: {err}"
    );
}

#[test]
fn raw_prints_the_markdown_source_exactly() {
    let (code, out, _) = run(&["chapter", "spotlight", "--raw"]);
    assert_eq!(code, 0);
    let file = std::fs::read_to_string("chapters/12-spotlight.md").expect("chapter file");
    assert_eq!(out, file);
}

#[test]
fn chapter_json_has_the_chapter_data() {
    let (code, out, _) = run(&["chapter", "jira-robot", "--json"]);
    assert_eq!(code, 0);
    let v = json(&out);
    assert_eq!(v["slug"], "jira-robot");
    assert_eq!(v["number"], 15);
    assert_eq!(v["page"], 57);
    assert_eq!(v["book_chapter"], "Don't be a JIRA ticket robot");
    assert_eq!(v["checklist"]["name"], "prioritize");
    assert!(
        v["checklist"]["items"]
            .as_array()
            .is_some_and(|a| a.len() >= 4)
    );
    assert!(v["key_points"].as_array().is_some_and(|a| !a.is_empty()));
    assert!(v["caveats"].as_array().is_some_and(|a| !a.is_empty()));
    assert!(
        v["markdown"]
            .as_str()
            .is_some_and(|m| m.starts_with("\n# Don't be a JIRA ticket robot"))
    );
}

#[test]
fn list_groups_chapters_by_part_in_order() {
    let (code, out, _) = run(&["list"]);
    assert_eq!(code, 0);
    let parts = [
        "Introduction",
        "The industry has just changed",
        "Shipping",
        "Engineering mindset",
        "Writing and reading code",
        "Playing politics",
        "Large language models",
        "Conclusion",
    ];
    let positions: Vec<usize> = parts
        .iter()
        .map(|p| out.find(&format!("{p}\n")).unwrap_or_else(|| panic!("{p}")))
        .collect();
    assert!(
        positions.windows(2).all(|w| w[0] < w[1]),
        "parts out of order:\n{out}"
    );
    assert!(
        out.contains("  12  spotlight               p. 44   Know where the spotlight is\n"),
        "{out}"
    );
}

#[test]
fn list_json_has_one_entry_per_chapter() {
    let (code, out, _) = run(&["list", "--json"]);
    assert_eq!(code, 0);
    let v = json(&out);
    let entries = v.as_array().expect("array");
    assert_eq!(entries.len(), 28);
    assert_eq!(entries[0]["number"], 1);
    assert_eq!(entries[11]["slug"], "spotlight");
    assert_eq!(entries[11]["page"], 44);
    assert_eq!(entries[11]["part"], "Engineering mindset");
    assert_eq!(entries[11]["origin"], "built-in");
    for key in ["title", "book_chapter", "summary", "tags", "checklist"] {
        assert!(entries[0].get(key).is_some(), "missing {key}");
    }
    // A built-in chapter has no file on the reader's disk: no `path`.
    assert!(entries[0].get("path").is_none());
}

#[test]
fn topics_counts_tags_and_lists_a_tags_chapters() {
    let (code, out, _) = run(&["topics", "--json"]);
    assert_eq!(code, 0);
    let v = json(&out);
    let shipping = v
        .as_array()
        .expect("array")
        .iter()
        .find(|t| t["tag"] == "shipping")
        .expect("shipping tag");
    assert_eq!(
        shipping["count"],
        shipping["chapters"].as_array().map_or(0, |a| a.len())
    );
    assert!(shipping["chapters"].as_array().is_some_and(|a| {
        a.iter()
            .any(|c| c["slug"] == "ship-projects" && c["number"] == 5)
    }));

    let (code, out, _) = run(&["topics", "Shipping"]);
    assert_eq!(code, 0);
    assert!(out.contains("ship-projects"), "{out}");
    let (code, out, _) = run(&["topics", "shipping", "--json"]);
    assert_eq!(code, 0);
    assert!(json(&out).as_array().is_some_and(|a| a.iter().all(|c| {
        c["tags"]
            .as_array()
            .is_some_and(|t| t.contains(&"shipping".into()))
    })));
}

#[test]
fn unknown_tag_exits_1_with_a_suggestion() {
    let (code, _, err) = run(&["topics", "shiping"]);
    assert_eq!(code, 1);
    assert!(
        err.starts_with("advice: no chapter is tagged 'shiping'"),
        "{err}"
    );
    assert!(err.contains("did you mean: shipping?"), "{err}");
}

#[test]
fn piped_output_has_no_escape_codes() {
    for args in [
        &["chapter", "shipping"][..],
        &["list"],
        &["topics"],
        &["search", "spotlight"],
        &["checklist", "trust"],
        &["tip"],
        &[],
    ] {
        let (_, out, _) = run(args);
        assert!(!has_escapes(&out), "{args:?} printed escape codes");
    }
}

#[test]
fn colour_always_colours_and_never_does_not() {
    let (_, out, _) = run(&["--color", "always", "chapter", "shipping"]);
    assert!(has_escapes(&out));
    let (_, out, _) = run(&["--color", "always", "list"]);
    assert!(has_escapes(&out));
    let (_, out, _) = run(&["--color", "never", "list"]);
    assert!(!has_escapes(&out));
}

#[test]
fn width_wraps_without_cutting_words() {
    let (_, out, _) = run(&["--width", "40", "chapter", "shipping"]);
    assert!(
        out.lines().all(|l| l.chars().count() <= 40),
        "a line is wider than 40:\n{out}"
    );
    let (_, wide, _) = run(&["--width", "120", "chapter", "shipping"]);
    assert!(wide.lines().any(|l| l.chars().count() > 80));
    let words = |s: &str| {
        s.split_whitespace()
            .filter(|w| w.chars().all(char::is_alphabetic))
            .count()
    };
    assert_eq!(
        words(&out),
        words(&wide),
        "rewrapping must not split or lose words"
    );
}

#[test]
fn columns_sets_the_width_when_no_flag_is_given() {
    let env = common::Advice::new();
    let out = env
        .cmd()
        .env("COLUMNS", "50")
        .args(["chapter", "shipping"])
        .output()
        .expect("run");
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.lines().all(|l| l.chars().count() <= 50));
}

#[test]
fn usage_errors_exit_2_with_the_advice_prefix() {
    for args in [
        &["serch"][..],
        &["chapter", "--short", "--raw", "x"],
        &["list", "--bogus"],
        &["--width", "5", "list"],
        &["--color", "sometimes", "list"],
    ] {
        let (code, out, err) = run(args);
        assert_eq!(code, 2, "{args:?}");
        assert!(out.is_empty(), "{args:?}");
        assert!(err.starts_with("advice: "), "{args:?}: {err}");
    }
}

#[test]
fn help_and_version_exit_0_on_stdout() {
    let (code, out, _) = run(&["--help"]);
    assert_eq!(code, 0);
    assert!(out.contains("Usage: advice"));
    let (code, out, _) = run(&["--version"]);
    assert_eq!(code, 0);
    assert!(out.starts_with("advice "));
}

#[test]
fn on_a_terminal_colour_is_on_unless_no_color_and_long_text_is_paged() {
    let env = common::Advice::new();
    let pager = env.home.path().join("pager.sh");
    common::write(&pager, "#!/bin/sh\necho PAGED-BY-STUB\ncat >/dev/null\n");
    std::fs::set_permissions(&pager, std::os::unix::fs::PermissionsExt::from_mode(0o755))
        .expect("chmod");
    let run =
        |shell: &str| common::in_terminal(&env, &format!("stty rows 20 cols 80; {shell}"), b"");
    let Some((code, out)) = run("ADVICE list --no-pager") else {
        return;
    };
    assert_eq!(code, 0);
    assert!(has_escapes(&out), "colour on a terminal:\n{out}");
    let (_, out) = run("NO_COLOR=1 ADVICE list --no-pager").expect("script");
    assert!(!has_escapes(&out), "NO_COLOR turns colour off:\n{out}");
    let (_, out) = run(&format!(
        "PAGER={} ADVICE chapter shipping",
        pager.display()
    ))
    .expect("script");
    assert!(
        out.contains("PAGED-BY-STUB"),
        "a chapter taller than the terminal goes to $PAGER:\n{out}"
    );
    let (_, out) = run(&format!(
        "PAGER={} ADVICE chapter shipping --no-pager",
        pager.display()
    ))
    .expect("script");
    assert!(
        !out.contains("PAGED-BY-STUB") && out.contains("Shipping is the job"),
        "{out}"
    );
    let (_, out) = run(&format!("PAGER={} ADVICE tip", pager.display())).expect("script");
    assert!(
        !out.contains("PAGED-BY-STUB"),
        "short text is not paged:\n{out}"
    );
}

#[test]
fn text_fits_the_width_without_cutting_words() {
    let fits = |text: &str, width: usize| {
        text.lines().all(|l| {
            l.chars().count() <= width
                || l.split_whitespace().any(|w| w.chars().count() > width / 2)
        })
    };
    for width in [30, 50, 80] {
        let w = width.to_string();
        for number in 1..=28 {
            let n = number.to_string();
            let (_, out, _) = run(&["--width", &w, "chapter", &n]);
            assert!(fits(&out, width), "chapter {n} at {width}:\n{out}");
        }
        for args in [
            &["list"][..],
            &["topics"],
            &["checklist"],
            &["checklist", "ship"],
            &["search", "trust", "manager"],
            &["tip", "--daily"],
            &[],
        ] {
            let mut full = vec!["--width", w.as_str()];
            full.extend_from_slice(args);
            let (_, out, _) = run(&full);
            assert!(fits(&out, width), "{args:?} at {width}:\n{out}");
        }
    }
}

/// Display columns of a line, measured independently of advice's own code:
/// CJK, fullwidth forms and emoji take two.
fn columns(line: &str) -> usize {
    line.chars()
        .map(|c| match c as u32 {
            0x1100..=0x115F
            | 0x2E80..=0xA4CF
            | 0xAC00..=0xD7A3
            | 0xF900..=0xFAFF
            | 0xFE30..=0xFE4F
            | 0xFF00..=0xFF60
            | 0xFFE0..=0xFFE6
            | 0x1F300..=0x1F64F
            | 0x1F900..=0x1F9FF => 2,
            _ => 1,
        })
        .sum()
}

#[test]
fn cjk_and_emoji_chapters_line_up_in_screen_columns() {
    let env = common::Advice::new();
    let dir = env.home.path().join("cjk");
    common::write(
        &dir.join("cjk.md"),
        "---\nslug: cjk\ntitle: 中文章节标题很长很长\npart: 团队笔记\norder: 401\nsummary: 这是一个关于工作中如何与同事合作的总结，内容比较长，需要在窄终端里正确换行。🙂🙂🙂\ntags: [team, notes, cjk]\ndangerous: 每天早上先检查最重要的事情，然后再开始写代码。\nchecklist:\n  name: cjk\n  title: 每周检查清单的标题也很长很长很长\n---\n\n# 中文章节标题很长很长\n\n这是一个很长的段落，用来测试在四十列宽的终端里中文文本是否能够按照显示宽度正确换行，而不是按照字符数计算宽度。🙂 Emoji 也一样。\n\n## Key points\n- 第一点：中文和 English 混排的时候也要对齐，不能超过终端宽度。\n\n## Checklist\n- [ ] 每天早上先检查最重要的事情，然后再开始写代码，这一条也很长。\n",
    );
    let d = dir.display().to_string();
    for args in [
        &["list"][..],
        &["chapter", "cjk"],
        &["search", "第一点"],
        &["checklist", "cjk"],
        &["checklist"],
        &["topics", "cjk"],
    ] {
        let mut full = vec!["--chapters", d.as_str(), "--width", "40", "--no-pager"];
        full.extend_from_slice(args);
        let (code, out, err) = env.run(&full);
        assert_eq!(code, 0, "{args:?}: {err}");
        for line in out.lines() {
            // A path is one word and may run past the width; nothing else may.
            assert!(
                columns(line) <= 40 || line.contains('/'),
                "{args:?}: {} columns: {line}",
                columns(line)
            );
        }
        assert!(out.contains('团') || out.contains('中'), "{args:?}: {out}");
    }
}

/// Parses as clap would with the whole command tree (every global option
/// copied into every subcommand), and with the tree `command_for` builds,
/// which copies them into the named subcommand alone, or none for bare
/// words: each command line must give the same value, or the same error,
/// either way.
#[test]
fn the_pruned_command_tree_parses_as_the_whole_one() {
    use advice::cli::{Cli, command_for};
    use clap::{CommandFactory, FromArgMatches};
    let parse = |mut command: clap::Command, args: &[std::ffi::OsString]| match command
        .try_get_matches_from_mut(args)
    {
        Ok(mut matches) => match Cli::from_arg_matches_mut(&mut matches) {
            Ok(cli) => format!("{cli:?}"),
            Err(err) => err.format(&mut command).render().to_string(),
        },
        Err(err) => format!("{:?}: {}", err.kind(), err.render()),
    };
    let lines = [
        "search shipping deadline",
        "search --width 30 shipping",
        "--width 30 search shipping",
        "--width=30 search shipping --color never",
        "--color always search --color never shipping",
        "--chapters a --chapters=b search x --chapters c",
        "--no-pager --follow-links chapter shipping",
        "search x --json --limit 3 --weak",
        "search",
        "search --bogus x",
        "search --width 5 x",
        "--width 5 search x",
        "--width",
        "--width 30",
        "--json search x",
        "--daily search x",
        "--color search x",
        "-h search",
        "--help search",
        "search --help",
        "help search",
        "--version",
        "missed deadline",
        "missed --width 30 deadline",
        "--width 30 missed deadline",
        "--width 5 missed deadline",
        "--chapters d --no-pager missed deadline --json",
        "--color never help search",
        "help format",
        "-- search x",
        "checklist prioritize --json",
        "checklist --bogus",
        "tip --daily --date 2026-01-31",
        "tip --date tomorrow",
        "topics promotion --json",
        "list --json --width 40",
        "completions bash",
        "completions tcsh",
        "new my-slug --dir d",
        "serach shipping",
        "chapter",
        "man",
    ];
    for line in lines {
        let args: Vec<std::ffi::OsString> = std::iter::once("advice")
            .chain(line.split(' ').filter(|w| !w.is_empty()))
            .map(Into::into)
            .collect();
        let whole = parse(Cli::command(), &args);
        let pruned = parse(command_for(&args), &args);
        assert_eq!(pruned, whole, "advice {line}");
    }
}
