//! `advice checklist` as a reader uses it: every way a topic resolves, each
//! output format, the list of all checklists, and the interactive mode.

use crate::common;

use common::{json, run};

fn resolves(topic: &str) -> (String, String) {
    let (code, out, err) = run(&["checklist", topic, "--json"]);
    assert_eq!(code, 0, "{topic}: {err}");
    let v = json(&out);
    (
        v["name"].as_str().unwrap_or_default().to_string(),
        v["matched_by"].as_str().unwrap_or_default().to_string(),
    )
}

#[test]
fn topics_resolve_by_name_alias_chapter_tag_spelling_and_search() {
    for (topic, name, how) in [
        ("prioritize", "prioritize", "name"),
        ("prioritise", "prioritize", "alias"),
        ("priorities", "prioritize", "alias"),
        ("shipping", "ship", "alias"),
        ("ship", "ship", "name"),
        ("launch", "ship", "alias"),
        ("favours", "predators", "alias"),
        ("prompt injection", "llm-security", "alias"),
        ("jira-robot", "prioritize", "chapter"),
        ("time-predators", "predators", "chapter"),
        ("wicked feature", "wicked", "chapter"),
        ("enterprise", "wicked", "tag"),
        ("prioritze", "prioritize", "spelling"),
        ("how do I get promoted", "value", "search"),
    ] {
        assert_eq!(
            resolves(topic),
            (name.to_string(), how.to_string()),
            "{topic}"
        );
    }
}

#[test]
fn an_unknown_topic_exits_1_with_suggestions() {
    let (code, out, err) = run(&["checklist", "qqqzzz"]);
    assert_eq!(code, 1);
    assert!(out.is_empty());
    assert!(
        err.starts_with("advice: no checklist for 'qqqzzz'"),
        "{err}"
    );
    assert!(
        err.contains("`advice checklist` lists every checklist"),
        "{err}"
    );
    let (code, _, err) = run(&["checklist", "predatorz"]);
    assert_eq!(code, 0, "a near spelling resolves: {err}");
}

#[test]
fn the_text_form_has_title_source_boxes_and_the_danger() {
    let (code, out, _) = run(&["--width", "200", "checklist", "trust"]);
    assert_eq!(code, 0);
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(
        lines[0],
        "Building and keeping trust up the management chain"
    );
    assert_eq!(
        lines[1],
        "From chapter 13, \"Earn the trust of your management chain\" · book p. 48 · advice chapter trusted"
    );
    assert!(lines.iter().filter(|l| l.starts_with("☐ ")).count() >= 4);
    let danger = out.find("The dangerous part").expect("danger section");
    let backfires = out.find("When this backfires").expect("caveats");
    assert!(
        out.rfind("☐ ")
            .is_some_and(|last| last < danger && danger < backfires)
    );
}

#[test]
fn markdown_is_a_heading_and_a_task_list() {
    let (code, out, _) = run(&["checklist", "ship", "--markdown"]);
    assert_eq!(code, 0);
    assert!(out.starts_with("## Leading a project to launch\n\nFrom *Shipping is the job* (`advice chapter ship-projects`; book p. 18).\n\n- [ ] "), "{out}");
    assert_eq!(out.lines().filter(|l| l.starts_with("- [ ] ")).count(), 7);
    assert!(out.contains("\n**The dangerous part:** "));
    assert!(out.contains("\n**When this backfires:**\n\n- "));
}

#[test]
fn json_has_items_and_caveats() {
    let (code, out, _) = run(&["checklist", "legacy", "--json"]);
    assert_eq!(code, 0);
    let v = json(&out);
    assert_eq!(v["name"], "legacy");
    assert_eq!(v["slug"], "large-codebases");
    assert_eq!(v["number"], 18);
    assert!(v["checklist_title"].is_string());
    assert_eq!(v["page"], 72);
    assert!(v["title"].is_string());
    assert!(
        v["items"]
            .as_array()
            .is_some_and(|a| a.len() >= 4 && a.iter().all(|i| i.is_string()))
    );
    assert!(v["caveats"].as_array().is_some_and(|a| !a.is_empty()));
    assert!(v["dangerous"].is_string());
}

#[test]
fn without_a_topic_it_lists_every_checklist_by_part() {
    let (code, out, _) = run(&["checklist"]);
    assert_eq!(code, 0);
    assert!(out.starts_with("Introduction\n  dangerous"), "{out}");
    assert!(
        out.contains("  ship               7  Leading a project to launch (ship-projects)"),
        "{out}"
    );
    let (_, out, _) = run(&["checklist", "--json"]);
    let all = json(&out);
    let all = all.as_array().expect("array");
    assert!(all.len() >= 15);
    let ship = all.iter().find(|c| c["name"] == "ship").expect("ship");
    assert_eq!(ship["items"], 7);
    assert_eq!(ship["slug"], "ship-projects");
}

#[test]
fn interactive_refuses_without_a_terminal() {
    let (code, out, err) = run(&["checklist", "ship", "--interactive"]);
    assert_eq!(code, 2);
    assert!(out.is_empty());
    assert!(err.contains("--interactive needs a terminal"), "{err}");
    assert!(err.contains("advice checklist ship --markdown"), "{err}");
}

#[test]
fn interactive_walks_the_items_and_summarises_what_is_open() {
    let env = common::Advice::new();
    let (_, glue, _) = run(&["checklist", "glue", "--json"]);
    let n = json(&glue)["items"].as_array().map_or(0, Vec::len);
    assert!(n >= 4);
    let Some((code, out)) = common::in_terminal(
        &env,
        "ADVICE --color never checklist glue --interactive",
        b"ynsq",
    ) else {
        return;
    };
    assert_eq!(code, 0, "{out}");
    assert!(out.contains(&format!("1/{n} ")), "{out}");
    assert!(
        out.contains("done\n")
            && out.contains("not yet\n")
            && out.contains("skipped\n")
            && out.contains("quit\n"),
        "{out}"
    );
    assert!(
        out.contains(&format!("Done 1 of {n}. Still open:\n\n\u{2610} ")),
        "{out}"
    );
    let summary = out.split("Still open:").nth(1).unwrap_or_default();
    assert_eq!(
        summary
            .lines()
            .filter(|l| l.starts_with("\u{2610} "))
            .count(),
        n - 1,
        "{out}"
    );
}

#[test]
fn ctrl_c_restores_the_terminal() {
    let shell = "stty -g > before; ADVICE --color never checklist glue -i; echo \"status=$?\"; stty -g > after; cmp -s before after && echo same-terminal";
    let Some((_, out)) = common::in_terminal(
        &common::Advice::new(),
        &format!("cd \"$(mktemp -d)\" && {shell}"),
        b"y\x03",
    ) else {
        return;
    };
    assert!(out.contains("status=130"), "{out}");
    assert!(
        out.contains("same-terminal"),
        "terminal settings changed:\n{out}"
    );
    assert!(!out.contains("Still open"), "{out}");
}
