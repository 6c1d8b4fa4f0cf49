//! A large library after its files change: the first run indexes only the
//! chapters that changed, into a delta beside the cache, and every answer
//! must be the one a library indexed afresh gives.

use crate::common::{Advice, own_chapter, write};
use std::path::{Path, PathBuf};

/// Pages in the generated library: enough for changes to go into a delta.
const PAGES: usize = 240;

const WORDS: [&str; 8] = [
    "deadline", "manager", "incident", "review", "roadmap", "budget", "hiring", "launch",
];

fn page(i: usize) -> String {
    let a = WORDS[i % WORDS.len()];
    let b = WORDS[(i / WORDS.len()) % WORDS.len()];
    format!(
        "# Note {i} on {a}\n\nWhat the team learned about {a} and {b}, {}.\n\n- Ask about the {b} early.\n- [ ] Write the {a} note.\n",
        "again ".repeat(i % 4).trim_end()
    )
}

fn library(env: &Advice) -> PathBuf {
    let dir = env.home.path().join("handbook");
    for i in 0..PAGES {
        write(&dir.join(format!("team{}/note-{i:03}.md", i % 3)), &page(i));
    }
    write(
        &dir.join("own.md"),
        &own_chapter("own-notes", 401, "Own notes", "gopher"),
    );
    dir
}

/// What a reader sees from a few commands (JSON where there is some).
fn answers(env: &Advice, dir: &Path) -> Vec<(i32, String, String)> {
    let dir = dir.display().to_string();
    let commands: [&[&str]; 8] = [
        &["search", "deadline", "manager", "--json"],
        &["search", "zeppelin", "--json", "--weak"],
        &["search", "ship", "projects", "--json"],
        &["search", "--tag", "team", "gopher", "--json"],
        &["list", "--json"],
        &["chapter", "note-005", "--raw"],
        &["checklist", "own-notes"],
        &["search", "launch", "budget", "--limit", "20"],
    ];
    commands
        .iter()
        .map(|args| {
            let mut full = vec!["--chapters", dir.as_str()];
            full.extend_from_slice(args);
            env.run(&full)
        })
        .collect()
}

/// The answers with the cache as it is, then with no cache at all (the
/// cache folder set aside and put back): they must be the same.
fn assert_as_if_fresh(env: &Advice, dir: &Path, step: &str) -> Vec<(i32, String, String)> {
    let got = answers(env, dir);
    let cache = env.cache_dir();
    let aside = env.home.path().join("cache-aside");
    std::fs::rename(&cache, &aside).expect("set the cache aside");
    let fresh = answers(env, dir);
    std::fs::remove_dir_all(&cache).expect("remove the fresh cache");
    std::fs::rename(&aside, &cache).expect("put the cache back");
    for (i, (a, b)) in got.iter().zip(&fresh).enumerate() {
        assert_eq!(
            a, b,
            "{step}: command {i} answered differently than a fresh index"
        );
    }
    got
}

fn cache_files(env: &Advice) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(env.cache_dir().join("advice"))
        .expect("cache folder")
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| !n.starts_with('.'))
        .map(|n| n.rsplit('.').next().unwrap_or_default().to_string())
        .collect();
    names.sort();
    names
}

#[test]
fn changes_to_a_large_library_answer_as_a_fresh_index_would() {
    let env = Advice::new();
    let dir = library(&env);
    let first = assert_as_if_fresh(&env, &dir, "a new library");
    assert!(first[0].1.contains("note-"), "{}", first[0].1);
    assert_eq!(cache_files(&env), ["cache"]);

    // One page rewritten with a word no page had.
    write(
        &dir.join("team2/note-005.md"),
        "# Note 5 on zeppelin\n\nA zeppelin deadline.\n",
    );
    let got = assert_as_if_fresh(&env, &dir, "one page changed");
    assert_eq!(
        cache_files(&env),
        ["cache", "delta"],
        "the change went into a delta"
    );
    assert!(got[1].1.contains("note-005"), "{}", got[1].1);

    // A page added, another removed; a second change builds on the delta.
    write(
        &dir.join("team0/extra.md"),
        "# Extra\n\nThe deadline manager zeppelin budget.\n",
    );
    std::fs::remove_file(dir.join("team0/note-003.md")).expect("remove a page");
    let got = assert_as_if_fresh(&env, &dir, "a page added and one removed");
    assert!(
        !got[4].1.contains("note-003"),
        "a removed page is not listed"
    );
    assert_eq!(cache_files(&env), ["cache", "delta"]);

    // A new file that takes an unchanged page's name: that page is renamed
    // (note-010 -> note-010-2), though its file did not change.
    write(
        &dir.join("team1/Note_010.md"),
        "# Note ten again\n\nRoadmap.\n",
    );
    let got = assert_as_if_fresh(&env, &dir, "a page renamed by a new one");
    assert!(got[4].1.contains("note-010-2"), "{}", got[4].1);
    assert_eq!(cache_files(&env), ["cache", "delta"]);

    // A chapter of one's own that replaces a built-in one.
    write(
        &dir.join("ship.md"),
        &own_chapter("ship-projects", 5, "Shipping, our way", "zeppelin"),
    );
    let got = assert_as_if_fresh(&env, &dir, "a built-in chapter replaced");
    assert!(got[2].1.contains("Shipping, our way"), "{}", got[2].1);
    assert_eq!(cache_files(&env), ["cache", "delta"]);

    // A damaged delta is read as no delta: the change is indexed again.
    let delta = std::fs::read_dir(env.cache_dir().join("advice"))
        .expect("cache folder")
        .flatten()
        .map(|e| e.path())
        .find(|p| p.extension().is_some_and(|e| e == "delta"))
        .expect("a delta");
    let mut bytes = std::fs::read(&delta).expect("delta");
    let good_delta = bytes.clone();
    let middle = bytes.len() / 2;
    bytes[middle] ^= 0x55;
    std::fs::write(&delta, &bytes).expect("damage the delta");
    assert_as_if_fresh(&env, &dir, "a damaged delta");

    // Many changes at once: the library is indexed again whole.
    for i in 0..PAGES {
        let path = dir.join(format!("team{}/note-{i:03}.md", i % 3));
        if path.exists() {
            write(&path, &format!("{}\nMore on hiring.\n", page(i)));
        }
    }
    assert_as_if_fresh(&env, &dir, "every page changed");
    assert_eq!(cache_files(&env), ["cache"], "a whole new cache, no delta");

    // A delta left over from the cache before is not laid over the new one.
    std::fs::write(&delta, &good_delta).expect("an old delta back");
    assert_as_if_fresh(&env, &dir, "a delta made for another cache");
}
