//! Replays every input the fuzzers ever crashed on (`fuzz/regressions/TARGET/`)
//! through the same entry points (`advice::fuzzing`), so a fixed crash stays
//! fixed. Also runs each entry point once on the fixtures, so the harness
//! itself is known to work.

use std::path::Path;

/// A fuzz entry point.
type Target = fn(&[u8]);

fn replay(target: &str, run: Target) -> usize {
    let dir = Path::new("fuzz/regressions").join(target);
    let entries = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}; the corpus is committed", dir.display()));
    let mut count = 0;
    for entry in entries.flatten() {
        let data = std::fs::read(entry.path()).expect("read regression input");
        run(&data);
        count += 1;
    }
    count
}

#[test]
fn crashing_inputs_found_by_fuzzing_stay_fixed() {
    let targets: [(&str, Target); 5] = [
        ("parse", advice::fuzzing::parse),
        ("library", advice::fuzzing::library),
        ("search", advice::fuzzing::search),
        ("index", advice::fuzzing::index),
        ("render", advice::fuzzing::render),
    ];
    let mut replayed = 0;
    for (target, run) in targets {
        let count = replay(target, run);
        assert!(count > 0, "fuzz/regressions/{target} is empty");
        replayed += count;
        for fixture in [
            "tests/fixtures/hostile/evil.md",
            "tests/fixtures/library/good/on-call.md",
            "chapters/05-ship-projects.md",
        ] {
            run(&std::fs::read(fixture).expect("fixture"));
        }
    }
    assert!(replayed >= 5, "replayed {replayed} saved fuzz inputs");
}
