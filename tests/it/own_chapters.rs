//! A reader's own chapters: where they come from, broken files that never
//! take the tool down, `lint`, `new`, replacing a built-in chapter, and the
//! index cache that keeps a large library fast and never stale.

use crate::common;

use common::{Advice, json, own_chapter, write};
use std::path::{Path, PathBuf};

/// The fixture library copied into a scratch folder, plus a file too big to commit.
fn fixture_library(env: &Advice) -> PathBuf {
    let dir = env.home.path().join("team");
    copy_dir(Path::new("tests/fixtures/library"), &dir);
    let huge = format!("---\nslug: huge\n---\n{}\n", "x".repeat(1024 * 1024 + 10));
    write(&dir.join("problems/huge.md"), &huge);
    dir
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).expect("mkdir");
    for entry in std::fs::read_dir(from).expect("read fixture dir").flatten() {
        let target = to.join(entry.file_name());
        if entry.path().is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), target).expect("copy");
        }
    }
}

fn dir_arg(dir: &Path) -> String {
    dir.display().to_string()
}

#[test]
fn broken_files_warn_once_each_and_the_rest_still_works() {
    let env = Advice::new();
    let dir = fixture_library(&env);
    let (code, out, err) = env.run(&["--chapters", &dir_arg(&dir), "list"]);
    assert_eq!(code, 0, "{err}");
    // At most five warning lines, then how many more, then the count.
    let warnings: Vec<&str> = err.lines().collect();
    assert_eq!(warnings.len(), 7, "{err}");
    for file in [
        "alias-bomb",
        "bad-slug",
        "huge",
        "invalid-utf8",
        "missing-field",
    ] {
        let line = warnings[..5]
            .iter()
            .filter(|l| l.contains(&format!("problems/{file}.md:")))
            .count();
        assert_eq!(line, 1, "{file}: one warning line expected in:\n{err}");
    }
    assert_eq!(warnings[5], "advice: warning: ... and 5 more", "{err}");
    for line in &warnings[..5] {
        assert!(
            line.starts_with("advice: warning: ") && line.contains(".md:"),
            "{line}"
        );
    }
    // Two chapters sharing an order both load; only lint mentions it.
    assert!(!err.contains("duplicate-order.md"), "{err}");
    assert_eq!(
        warnings.last().copied(),
        Some("advice: warning: 9 chapter files skipped; `advice lint PATH` lists every problem")
    );
    // Plain markdown is a page, not a broken chapter: a file without front
    // matter, and an empty one.
    assert!(out.contains("problems/no-front-matter"), "{out}");
    assert!(out.contains("problems/empty"), "{out}");
    // The good chapters, the one with only a dangling link and the one
    // sharing the spotlight chapter's order are in the library, the last
    // sorted after it by slug.
    assert!(
        out.contains("on-call") && out.contains("dangling-related"),
        "{out}"
    );
    let spotlight = out.find(" spotlight ").expect("spotlight listed");
    let same_order = out
        .find(" duplicate-order ")
        .expect("duplicate-order listed");
    assert!(
        spotlight > same_order,
        "'duplicate-order' sorts before 'spotlight' at order 12:\n{out}"
    );
    assert!(out.contains("[added from"), "{out}");
    assert!(out.contains("[replaced by"), "{out}");
}

#[test]
fn own_chapters_answer_chapter_search_and_checklist() {
    let env = Advice::new();
    let dir = fixture_library(&env);
    let d = dir_arg(&dir);
    let (code, out, _) = env.run(&["--chapters", &d, "chapter", "pager"]);
    assert_eq!(code, 0);
    assert!(
        out.starts_with("Carry the pager well\nTeam notes · chapter 101 · from "),
        "{out}"
    );
    let (code, out, _) = env.run(&[
        "--chapters",
        &d,
        "search",
        "--json",
        "zebra-striped",
        "dashboard",
    ]);
    assert_eq!(code, 0);
    assert_eq!(json(&out)[0]["slug"], "on-call");
    let (code, out, _) = env.run(&["--chapters", &d, "checklist", "pager duty", "--json"]);
    assert_eq!(code, 0);
    assert_eq!(json(&out)["name"], "on-call");
}

#[test]
fn a_chapter_with_a_built_in_slug_replaces_it() {
    let env = Advice::new();
    let dir = fixture_library(&env);
    let d = dir_arg(&dir);
    let (_, out, _) = env.run(&["--chapters", &d, "chapter", "shipping"]);
    assert!(out.starts_with("How we ship here\n"), "{out}");
    assert!(out.contains("replaces the built-in chapter"), "{out}");
    let (_, out, _) = env.run(&["--chapters", &d, "list", "--json"]);
    let list = json(&out);
    let entry = list
        .as_array()
        .expect("array")
        .iter()
        .find(|c| c["slug"] == "ship-projects")
        .expect("ship-projects");
    assert_eq!(entry["origin"], "replaced");
    assert!(
        entry["path"]
            .as_str()
            .is_some_and(|p| p.ends_with("good/how-we-ship.md"))
    );
    let (_, out, _) = env.run(&["--chapters", &d, "checklist", "ship", "--json"]);
    assert_eq!(json(&out)["checklist_title"], "Our launch checklist");
}

#[test]
fn chapters_come_from_the_env_and_the_config_dir_too() {
    let env = Advice::new();
    write(
        &env.config_chapters().join("mine.md"),
        &own_chapter("mine", 301, "My own notes", "kumquat"),
    );
    let extra = env.home.path().join("extra");
    write(
        &extra.join("theirs.md"),
        &own_chapter("theirs", 302, "Their notes", "persimmon"),
    );
    let out = env
        .cmd()
        .env("ADVICE_CHAPTERS", &extra)
        .args(["list", "--json"])
        .output()
        .expect("run");
    let list = json(&String::from_utf8_lossy(&out.stdout));
    let slugs: Vec<&str> = list
        .as_array()
        .expect("array")
        .iter()
        .filter_map(|c| c["slug"].as_str())
        .collect();
    assert!(
        slugs.contains(&"mine") && slugs.contains(&"theirs"),
        "{slugs:?}"
    );
    let missing = env.home.path().join("nowhere");
    let out = env
        .cmd()
        .env("ADVICE_CHAPTERS", &missing)
        .args(["list"])
        .output()
        .expect("run");
    assert_eq!(out.status.code(), Some(0));
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("ADVICE_CHAPTERS names"),
        "a missing env folder is mentioned"
    );
}

#[test]
fn a_missing_chapters_folder_is_a_usage_error() {
    let env = Advice::new();
    let missing = env.home.path().join("no-such-folder");
    let (code, out, err) = env.run(&["--chapters", &dir_arg(&missing), "list"]);
    assert_eq!(code, 2);
    assert!(out.is_empty());
    assert!(
        err.starts_with(&format!(
            "advice: --chapters {}: does not exist",
            missing.display()
        )),
        "{err}"
    );
}

#[test]
fn lint_lists_every_problem_and_sets_the_exit_code() {
    let env = Advice::new();
    let dir = fixture_library(&env);
    let (code, out, _) = env.run(&["lint", &dir_arg(&dir)]);
    assert_eq!(code, 1);
    let problems: Vec<&str> = out.lines().filter(|l| l.contains(".md:")).collect();
    // Eleven: the empty file and the one without front matter are pages.
    assert_eq!(problems.len(), 11, "{out}");
    for line in &problems {
        let location = line.split(": ").next().unwrap_or_default();
        let parts: Vec<&str> = location.rsplitn(3, ':').collect();
        assert!(
            parts.len() == 3 && parts[0].parse::<u32>().is_ok() && parts[1].parse::<u32>().is_ok(),
            "{line}"
        );
    }
    assert!(
        !out.contains("empty.md") && !out.contains("no-front-matter.md"),
        "{out}"
    );
    assert!(out.contains("huge.md:1:1: file is 1048"), "{out}");
    assert!(
        out.contains("alias-bomb.md:") && out.contains("YAML aliases"),
        "{out}"
    );
    assert!(
        out.contains("invalid-utf8.md:3:12: file is not valid UTF-8"),
        "{out}"
    );
    assert!(
        out.contains("duplicate-slug.md:2:1: duplicate slug 'on-call'"),
        "{out}"
    );
    assert!(
        out.ends_with("advice: 11 problems in 11 files of 15 files checked\n"),
        "{out}"
    );

    let (code, out, _) = env.run(&["lint", &dir_arg(&dir.join("good"))]);
    assert_eq!(code, 0, "{out}");
    assert_eq!(out, "advice: 2 files checked, no problems\n");

    let (code, out, _) = env.run(&[
        "lint",
        "--json",
        &dir_arg(&dir.join("problems/unknown-key.md")),
    ]);
    assert_eq!(code, 1);
    let v = json(&out);
    assert_eq!(v["files"], 1);
    assert_eq!(v["problems"][0]["line"], 7);
    assert_eq!(v["problems"][0]["column"], 1);

    let (code, _, err) = env.run(&["lint", "no/such/path"]);
    assert_eq!(code, 2);
    assert!(
        err.contains("no/such/path: no such file or folder"),
        "{err}"
    );
}

#[test]
fn lint_checks_the_built_in_chapters_cleanly() {
    let (code, out, _) = common::run(&["lint", "chapters"]);
    assert_eq!(code, 0, "{out}");
    assert_eq!(out, "advice: 28 files checked, no problems\n");
}

#[test]
fn an_alias_bomb_is_refused_in_milliseconds() {
    let env = Advice::new();
    let dir = fixture_library(&env);
    let start = std::time::Instant::now();
    let (code, _, _) = env.run(&["lint", &dir_arg(&dir.join("problems/alias-bomb.md"))]);
    assert_eq!(code, 1);
    assert!(
        start.elapsed() < std::time::Duration::from_secs(2),
        "took {:?}",
        start.elapsed()
    );
}

#[test]
fn new_writes_a_valid_template_and_refuses_to_overwrite() {
    let env = Advice::new();
    let dir = env.home.path().join("notes");
    let (code, out, _) = env.run(&["new", "on-call", "--dir", &dir_arg(&dir)]);
    assert_eq!(code, 0);
    let file = dir.join("on-call.md");
    assert!(
        out.starts_with(&format!("Wrote {}\n", file.display())),
        "{out}"
    );
    let text = std::fs::read_to_string(&file).expect("template written");
    for key in [
        "slug:",
        "title:",
        "part:",
        "order:",
        "summary:",
        "tags:",
        "aliases:",
        "related:",
        "dangerous:",
        "checklist:",
    ] {
        let line = text
            .lines()
            .find(|l| l.trim_start().starts_with(key))
            .unwrap_or_else(|| panic!("no {key}"));
        assert!(line.contains('#'), "{key} has no comment: {line}");
    }
    for section in ["## Key points", "## Checklist", "## When this backfires"] {
        assert!(text.contains(section), "{section}");
    }
    // Valid as written, but lint says which text is still the template's.
    let (code, out, _) = env.run(&["lint", &dir_arg(&file)]);
    assert_eq!(code, 1, "{out}");
    assert!(common::only_template_remarks(&out), "{out}");
    assert!(
        out.contains("on-call.md:13:1: dangerous is still the template's"),
        "{out}"
    );
    let (code, out, _) = env.run(&["--chapters", &dir_arg(&dir), "chapter", "on-call"]);
    assert_eq!(code, 0);
    assert!(out.starts_with("On call\n"), "{out}");

    std::fs::write(&file, "my edits").expect("edit");
    let (code, _, err) = env.run(&["new", "on-call", "--dir", &dir_arg(&dir)]);
    assert_eq!(code, 2);
    assert!(err.contains("already exists; not overwriting it"), "{err}");
    assert_eq!(
        std::fs::read_to_string(&file).expect("still there"),
        "my edits"
    );

    let (code, _, err) = env.run(&["new", "On Call"]);
    assert_eq!(code, 2);
    assert!(err.contains("Try `advice new on-call`"), "{err}");
}

#[test]
fn new_without_dir_writes_into_the_config_chapters_folder() {
    let env = Advice::new();
    let (code, _, _) = env.run(&["new", "how-we-review"]);
    assert_eq!(code, 0);
    assert!(env.config_chapters().join("how-we-review.md").is_file());
    let (code, out, _) = env.run(&["chapter", "how-we-review"]);
    assert_eq!(code, 0, "the config folder is read without flags");
    assert!(out.starts_with("How we review\n"));
}

fn search_slugs(env: &Advice, dir: &Path, query: &str) -> Vec<String> {
    let (code, out, err) = env.run(&[
        "--chapters",
        &dir_arg(dir),
        "search",
        "--json",
        "--limit",
        "10",
        query,
    ]);
    if code == 1 {
        return Vec::new();
    }
    assert_eq!(code, 0, "{err}");
    json(&out)
        .as_array()
        .expect("array")
        .iter()
        .filter_map(|h| h["slug"].as_str().map(str::to_string))
        .collect()
}

#[test]
fn the_cache_follows_every_change_add_and_remove() {
    let env = Advice::new();
    let dir = env.home.path().join("lib");
    write(
        &dir.join("a.md"),
        &own_chapter("alpha", 401, "Alpha notes", "aardvark"),
    );
    write(
        &dir.join("b.md"),
        &own_chapter("beta", 402, "Beta notes", "bandicoot"),
    );
    assert_eq!(search_slugs(&env, &dir, "aardvark"), ["alpha"]);
    assert!(
        std::fs::read_dir(env.cache_dir().join("advice"))
            .expect("cache dir")
            .count()
            == 1,
        "a cache file is written"
    );
    assert_eq!(
        search_slugs(&env, &dir, "aardvark"),
        ["alpha"],
        "warm cache"
    );

    // Changed: the old word goes, the new one arrives.
    write(
        &dir.join("a.md"),
        &own_chapter("alpha", 401, "Alpha notes", "axolotl"),
    );
    assert!(search_slugs(&env, &dir, "aardvark").is_empty());
    assert_eq!(search_slugs(&env, &dir, "axolotl"), ["alpha"]);
    // Added.
    write(
        &dir.join("sub/c.md"),
        &own_chapter("gamma", 403, "Gamma notes", "capybara"),
    );
    assert_eq!(search_slugs(&env, &dir, "capybara"), ["gamma"]);
    // Removed.
    std::fs::remove_file(dir.join("b.md")).expect("remove");
    assert!(search_slugs(&env, &dir, "bandicoot").is_empty());
    let (_, out, _) = env.run(&["--chapters", &dir_arg(&dir), "list", "--json"]);
    let slugs: Vec<String> = json(&out)
        .as_array()
        .expect("array")
        .iter()
        .filter_map(|c| c["slug"].as_str().map(str::to_string))
        .collect();
    assert!(slugs.contains(&"gamma".to_string()) && !slugs.contains(&"beta".to_string()));
    // A file broken later is reported, and its chapter leaves the library.
    write(&dir.join("a.md"), "---\nslug: alpha\ndangerous: x\n---\n");
    let (code, _, err) = env.run(&["--chapters", &dir_arg(&dir), "search", "axolotl"]);
    assert_eq!(code, 1);
    assert!(err.contains("a.md:2:1: missing field"), "{err}");
}

#[test]
fn a_corrupt_or_unwritable_cache_is_no_problem() {
    let env = Advice::new();
    let dir = env.home.path().join("lib");
    write(
        &dir.join("a.md"),
        &own_chapter("alpha", 401, "Alpha notes", "aardvark"),
    );
    assert_eq!(search_slugs(&env, &dir, "aardvark"), ["alpha"]);
    let cache_dir = env.cache_dir().join("advice");
    for entry in std::fs::read_dir(&cache_dir).expect("cache").flatten() {
        let mut bytes = std::fs::read(entry.path()).expect("read cache");
        let middle = bytes.len() / 2;
        bytes[middle] ^= 0xff;
        std::fs::write(entry.path(), &bytes).expect("corrupt");
    }
    let (code, out, err) = env.run(&["--chapters", &dir_arg(&dir), "search", "--json", "aardvark"]);
    assert_eq!(code, 0);
    assert!(err.is_empty(), "rebuilt without complaint: {err}");
    assert_eq!(json(&out)[0]["slug"], "alpha");
    for entry in std::fs::read_dir(&cache_dir).expect("cache").flatten() {
        std::fs::write(entry.path(), b"not a cache").expect("truncate");
    }
    assert_eq!(search_slugs(&env, &dir, "aardvark"), ["alpha"]);

    // A cache directory that can't be written: no cache, same answers.
    let blocked = Advice::new();
    std::fs::create_dir_all(blocked.cache_dir().parent().expect("parent")).expect("mkdir");
    std::fs::write(
        blocked.cache_dir(),
        "a file where the cache folder should be",
    )
    .expect("block");
    let out = blocked
        .cmd()
        .args(["--chapters", &dir_arg(&dir), "search", "--json", "aardvark"])
        .output()
        .expect("run");
    assert_eq!(out.status.code(), Some(0));
    assert!(
        out.stderr.is_empty(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(
        json(&String::from_utf8_lossy(&out.stdout))[0]["slug"],
        "alpha"
    );
}

#[test]
fn an_incremental_rebuild_ranks_exactly_like_a_fresh_one() {
    let env = Advice::new();
    let dir = env.home.path().join("lib");
    for i in 0..30 {
        write(
            &dir.join(format!("n{i:02}.md")),
            &own_chapter(
                &format!("note-{i}"),
                500 + i,
                &format!("Note {i}"),
                if i % 3 == 0 { "wombat" } else { "quokka" },
            ),
        );
    }
    let _ = search_slugs(&env, &dir, "wombat");
    write(
        &dir.join("n05.md"),
        &own_chapter("note-5", 505, "Note 5", "wombat"),
    );
    let queries = [
        "wombat",
        "quokka dashboard",
        "note",
        "wombta",
        "shipping deadline",
    ];
    let incremental: Vec<Vec<String>> = queries
        .iter()
        .map(|q| search_slugs(&env, &dir, q))
        .collect();
    std::fs::remove_dir_all(env.cache_dir()).expect("drop cache");
    let fresh: Vec<Vec<String>> = queries
        .iter()
        .map(|q| search_slugs(&env, &dir, q))
        .collect();
    assert_eq!(incremental, fresh);
}

#[test]
fn gitignore_and_adviceignore_are_honoured_in_a_readers_folders() {
    let env = Advice::new();
    let dir = env.home.path().join("notes");
    write(
        &dir.join("kept.md"),
        &own_chapter("kept", 401, "Kept", "koala"),
    );
    write(
        &dir.join("drafts/draft.md"),
        &own_chapter("draft", 402, "Draft", "dodo"),
    );
    write(
        &dir.join("private.md"),
        &own_chapter("private", 403, "Private", "puffin"),
    );
    write(
        &dir.join("sub/old.md"),
        &own_chapter("old", 404, "Old", "okapi"),
    );
    write(&dir.join(".gitignore"), "drafts/\n");
    write(&dir.join(".adviceignore"), "private.md\n");
    write(&dir.join("sub/.adviceignore"), "old.md\n");
    let (code, out, err) = env.run(&["--chapters", &dir_arg(&dir), "list"]);
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("kept"), "{out}");
    for ignored in ["draft", "private", "old"] {
        assert!(
            !out.contains(&format!(" {ignored} ")),
            "{ignored} should be ignored:\n{out}"
        );
    }
}
