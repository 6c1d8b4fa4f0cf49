//! The relevance suite: questions written the way readers ask them, each with
//! the chapter(s) that should answer. Fails below hit@3 = 90% and prints
//! hit@1, hit@3 and MRR (run with `cargo test relevance -- --nocapture`).
//! The figures are kept in the README.

use advice::index::Index;
use advice::library::Library;
use advice::ranking::{Options, Query, search};
use advice::text::Analyzer;

/// (query, acceptable chapters). The first chapter listed is the best answer.
pub const CASES: &[(&str, &[&str])] = &[
    // Single words from the chapters' own vocabulary.
    ("spotlight", &["spotlight"]),
    ("prioritise", &["jira-robot"]),
    ("prioritize", &["jira-robot"]),
    ("priorities", &["jira-robot", "what-to-work-on"]),
    ("layoffs", &["good-times-over"]),
    ("glue work", &["glue-work"]),
    ("i18n", &["wicked-features"]),
    ("vibe coding", &["vibe-coding"]),
    ("prompt injection", &["llm-security"]),
    ("lab days", &["what-to-work-on"]),
    ("feature flags", &["ship-projects"]),
    ("tracer bullet", &["design-in-your-head"]),
    ("favours", &["time-predators"]),
    ("copilot", &["using-llms"]),
    ("leetcode", &["replaced-by-llms"]),
    ("value over replacement", &["value-over-replacement"]),
    // Situations, in the reader's words.
    (
        "my PM keeps asking me for favours in DMs",
        &["time-predators"],
    ),
    ("can I ship right now", &["ship-projects"]),
    (
        "closing lots of tickets but not getting promoted",
        &["jira-robot"],
    ),
    (
        "what should I work on next",
        &["jira-robot", "what-to-work-on"],
    ),
    ("my manager doesn't care about me", &["ruthless-managers"]),
    ("will AI take my job", &["replaced-by-llms"]),
    ("is the AI bubble going to burst", &["ai-bubble"]),
    (
        "I don't understand the code the AI wrote for me",
        &["vibe-coding"],
    ),
    (
        "how do I use chatgpt for coding",
        &["using-llms", "beyond-prompting"],
    ),
    ("the LLM keeps going in circles", &["beyond-prompting"]),
    (
        "supporting the on-prem version makes every feature take forever",
        &["wicked-features"],
    ),
    (
        "how to work in a huge legacy monolith",
        &["large-codebases"],
    ),
    (
        "reviewer said my solution was too simple",
        &["simple-design"],
    ),
    (
        "how do I plan a new feature before building it",
        &["design-in-your-head"],
    ),
    ("why did tech companies stop hiring", &["good-times-over"]),
    ("my team is a cost center", &["salary"]),
    ("how does my company actually make money", &["salary"]),
    ("nobody values my accessibility work", &["salary"]),
    (
        "I do all the docs and onboarding but never get credit",
        &["glue-work"],
    ),
    (
        "a coworker keeps asking me to do their work for them",
        &["time-predators", "strong-engineers"],
    ),
    ("weak senior engineer on my team", &["strong-engineers"]),
    ("is the 10x engineer real", &["strong-engineers"]),
    ("imposter syndrome", &["what-makes-strong"]),
    ("procrastinating on a hard task", &["what-makes-strong"]),
    ("should I just say it depends", &["take-positions"]),
    (
        "my manager wants an estimate and I have no idea",
        &["take-positions"],
    ),
    (
        "afraid of being wrong in meetings",
        &["take-positions", "right-a-lot"],
    ),
    (
        "how do I build credibility as an engineer",
        &["right-a-lot", "trusted"],
    ),
    ("my skip-level wants to talk to me", &["trusted"]),
    ("a VP asked me a question directly", &["trusted"]),
    ("side project at work", &["what-to-work-on"]),
    ("should I volunteer to be tech lead", &["ship-projects"]),
    ("our project keeps missing its deadline", &["ship-projects"]),
    ("my boss is ruthless", &["ruthless-managers"]),
    ("is my MCP server safe", &["llm-security"]),
    ("LLM tool call with a user id", &["llm-security"]),
    ("is most career advice fake", &["dangerous-advice"]),
    ("breaking company rules on purpose", &["dangerous-advice"]),
    ("who is this book for", &["preface"]),
    ("where do I start", &["conclusion", "preface"]),
    (
        "am I worth what they pay me",
        &["value-over-replacement", "salary"],
    ),
    ("railway mania", &["ai-bubble"]),
    (
        "what happens to the GPUs if the bubble bursts",
        &["ai-bubble"],
    ),
    (
        "onboarding a new engineer onto the codebase",
        &["vibe-coding"],
    ),
    ("failure modes", &["simple-design"]),
    ("single source of truth", &["simple-design"]),
    ("unicorn web server", &["simple-design"]),
    ("the password game", &["wicked-features"]),
    ("promo packet", &["spotlight", "value-over-replacement"]),
    ("how to say no to requests for help", &["time-predators"]),
    ("get better answers from AI", &["beyond-prompting"]),
    ("hallucinations", &["beyond-prompting", "using-llms"]),
    ("someone could DoS my LLM app", &["llm-security"]),
    ("what the CEO cares about", &["spotlight", "jira-robot"]),
    ("safely deleting dead code", &["large-codebases"]),
    ("pragmatism versus clean code", &["what-makes-strong"]),
    ("being right a lot", &["right-a-lot"]),
    // Abbreviations and jargon.
    ("DRI", &["ship-projects"]),
    ("ZIRP", &["good-times-over"]),
    ("skip-level", &["trusted"]),
    ("SME review", &["using-llms"]),
    ("tech debt", &["glue-work", "large-codebases"]),
    // Typos.
    ("spotlite", &["spotlight"]),
    ("larg codebases", &["large-codebases"]),
    ("prioritse my work", &["jira-robot"]),
    ("predaters", &["time-predators"]),
    ("wickd features", &["wicked-features"]),
];

/// Questions a career field guide does not answer: the search should say
/// that nothing fits (the development set's out-of-scope half).
pub const OUT_OF_SCOPE: &[&str] = &[
    "how do I center a div",
    "python list comprehension syntax",
    "postgres vacuum settings",
    "best mechanical keyboard",
    "chocolate cake recipe",
    "how to file my taxes",
    "rust borrow checker lifetime error",
    "docker compose networking",
    "train for a marathon",
    "regex for email addresses",
    "kubernetes pod keeps restarting",
    "how to write a sql join",
    "git rebase vs merge",
    "set up ssh keys on a mac",
    "what is a closure in javascript",
    "fix a memory leak in java",
    "terraform state lock error",
    "best laptop for programming",
    "how to negotiate rent with a landlord",
    "learn to play guitar",
    "convert a string to an integer in go",
    "react useeffect runs twice",
    "how do hash maps work",
    "install node on windows",
    "what is big o notation",
    "nginx reverse proxy config",
    "how to cook rice",
    "wifi keeps dropping",
    "kafka consumer lag",
    "unit test mocking in python",
    "how to sleep better",
    "css grid vs flexbox",
    "aws lambda cold start",
    "how to invert a binary tree",
    "vim quit command",
    "best pizza in new york",
    "how does tcp handshake work",
    "what is a monad",
    "graphql vs rest",
    "how to clean a cast iron pan",
];

/// The share of `queries` for which the search says nothing fits.
fn nothing_fits_share(index: &Index, analyzer: &Analyzer, queries: &[&str]) -> f64 {
    let options = Options {
        limit: 3,
        tag: None,
        only: None,
        ranking: Default::default(),
    };
    let none = queries
        .iter()
        .filter(|q| {
            Query::parse(q, analyzer)
                .map(|parsed| !search(index, &parsed, &options, analyzer).fits())
                .unwrap_or(true)
        })
        .count();
    none as f64 / queries.len() as f64
}

#[test]
fn out_of_scope_questions_are_answered_nothing_fits() {
    crate::common::with_guide_index(|index, analyzer| {
        let out = nothing_fits_share(index, analyzer, OUT_OF_SCOPE);
        let queries: Vec<&str> = CASES.iter().map(|(q, _)| *q).collect();
        let wrongly = nothing_fits_share(index, analyzer, &queries);
        println!(
            "development set: nothing fits for {:.0}% of out-of-scope queries, {:.1}% of in-scope ones",
            out * 100.0,
            wrongly * 100.0
        );
        assert!(
            out >= 0.8,
            "only {:.0}% of out-of-scope queries said nothing fits",
            out * 100.0
        );
        assert!(
            wrongly <= 0.05,
            "{:.1}% of in-scope queries said nothing fits",
            wrongly * 100.0
        );
    })
}

#[test]
fn relevance_suite_meets_hit_at_3() {
    let library = Library::builtin().expect("the built-in library decodes");
    crate::common::with_guide_index(|index, analyzer| {
        let options = crate::common::search_options(10);
        let (mut hit1, mut hit3, mut rr) = (0usize, 0usize, 0f64);
        let mut misses = Vec::new();
        for (query, expected) in CASES {
            for slug in *expected {
                assert!(
                    library.get(slug).is_ok_and(|c| c.is_some()),
                    "{query}: no chapter {slug}"
                );
            }
            let parsed = Query::parse(query, analyzer).expect("query parses");
            let outcome = search(index, &parsed, &options, analyzer);
            let ranked: Vec<&str> = outcome.hits.iter().map(|h| h.slug.as_str()).collect();
            let rank = ranked.iter().position(|s| expected.contains(s));
            match rank {
                Some(0) => {
                    hit1 += 1;
                    hit3 += 1;
                }
                Some(1 | 2) => hit3 += 1,
                _ => {}
            }
            rr += rank.map_or(0.0, |r| 1.0 / (r as f64 + 1.0));
            if rank != Some(0) {
                misses.push(format!(
                    "  {query:?}: expected {expected:?}, got {:?}",
                    &ranked[..ranked.len().min(3)]
                ));
            }
        }
        let n = CASES.len() as f64;
        let (h1, h3, mrr) = (hit1 as f64 / n, hit3 as f64 / n, rr / n);
        println!(
            "relevance: {} queries, hit@1 {:.1}%, hit@3 {:.1}%, MRR {:.3}",
            CASES.len(),
            h1 * 100.0,
            h3 * 100.0,
            mrr
        );
        if !misses.is_empty() {
            println!("not first:\n{}", misses.join("\n"));
        }
        assert!(CASES.len() >= 40);
        assert!(h3 >= 0.90, "hit@3 {:.1}% is below 90%", h3 * 100.0);
    })
}

/// Scores every query with `ranking`: (hit@1, hit@3, MRR).
fn evaluate(
    index: &Index,
    analyzer: &Analyzer,
    ranking: advice::ranking::Ranking,
) -> (usize, usize, f64) {
    let options = Options {
        limit: 3,
        tag: None,
        only: None,
        ranking,
    };
    let (mut h1, mut h3, mut rr) = (0, 0, 0.0);
    // Every development set's in-scope queries (never a validation set's).
    let second: Vec<(&str, Vec<&str>)> = [
        SECOND_SET,
        THIRD_SET,
        JARGON_SET,
        TYPO_SET,
        FOURTH_SET,
        FIFTH_SET,
        SIXTH_SET,
        SEVENTH_SET,
    ]
    .iter()
    .flat_map(|set| set.lines())
    .filter_map(|line| {
        let f: Vec<&str> = line.split('\t').collect();
        (f.get(1) != Some(&"out")).then(|| (f[0], f[2].split(',').collect()))
    })
    .collect();
    let all: Vec<(&str, &[&str])> = CASES
        .iter()
        .map(|(q, e)| (*q, *e))
        .chain(second.iter().map(|(q, e)| (*q, e.as_slice())))
        .collect();
    for (query, expected) in &all {
        let parsed = Query::parse(query, analyzer).expect("query parses");
        let rank = search(index, &parsed, &options, analyzer)
            .hits
            .iter()
            .position(|h| expected.contains(&h.slug.as_str()));
        if rank == Some(0) {
            h1 += 1;
        }
        if let Some(r) = rank {
            h3 += 1;
            rr += 1.0 / (r as f64 + 1.0);
        }
    }
    (h1, h3, rr / all.len() as f64)
}

/// A grid search over the field weights, to retune after content changes:
/// `cargo test --release relevance -- --ignored --nocapture`.
#[test]
#[ignore = "slow; run by hand to retune FIELD_WEIGHTS"]
fn tune_field_weights() {
    crate::common::with_guide_index(|index, analyzer| {
        let mut results = Vec::new();
        for title in [2.0, 3.0, 4.0] {
            for names in [2.0, 3.0, 5.0] {
                for tags in [1.0, 2.0, 3.0] {
                    for summary in [1.0, 2.0, 3.0] {
                        for outline in [1.0, 2.0] {
                            for situations in [2.0, 3.0, 5.0, 8.0] {
                                for asks in [0.5, 1.0, 2.0] {
                                    let ranking = advice::ranking::Ranking {
                                        weights: [
                                            title, names, tags, summary, outline, 1.0, situations,
                                            asks,
                                        ],
                                        ..Default::default()
                                    };
                                    let (h1, h3, mrr) = evaluate(index, analyzer, ranking);
                                    results.push((h1, h3, (mrr * 1000.0) as i64, ranking.weights));
                                }
                            }
                        }
                    }
                }
            }
        }
        results.sort_by(|a, b| b.partial_cmp(a).unwrap_or(std::cmp::Ordering::Equal));
        println!(
            "current: {:?}",
            evaluate(index, analyzer, Default::default())
        );
        for (h1, h3, mrr, weights) in results.iter().take(10) {
            println!(
                "hit@3 {h3} hit@1 {h1} MRR {:.3} weights {weights:?}",
                *mrr as f64 / 1000.0
            );
        }
    })
}

/// Misspellings of `word` a hurried typist makes: two letters swapped, one
/// dropped, one doubled, a vowel mistaken (at fixed places, so the set is
/// the same on every run).
fn misspellings(word: &str) -> Vec<String> {
    let letters: Vec<char> = word.chars().collect();
    let n = letters.len();
    let mid = n / 2;
    let mut out = Vec::new();
    let mut swapped = letters.clone();
    swapped.swap(mid, mid + 1);
    out.push(swapped.iter().collect());
    let mut dropped = letters.clone();
    dropped.remove(mid);
    out.push(dropped.iter().collect());
    let mut doubled = letters.clone();
    doubled.insert(mid, letters[mid]);
    out.push(doubled.iter().collect());
    if let Some(v) = (1..n).rev().find(|&i| "aeiou".contains(letters[i])) {
        let mut vowel = letters.clone();
        vowel[v] = if letters[v] == 'e' { 'a' } else { 'e' };
        out.push(vowel.iter().collect());
    }
    out.retain(|w: &String| w != word);
    out
}

/// The development set with its longest word (of five letters or more)
/// misspelt each way [`misspellings`] knows: a typo set made from the
/// tuning queries, so it is tuning data too, never a result.
fn typo_variants() -> Vec<(String, &'static [&'static str])> {
    let mut cases = Vec::new();
    for (query, expected) in CASES {
        let Some(longest) = query
            .split_whitespace()
            .filter(|w| w.len() >= 5 && w.chars().all(|c| c.is_ascii_lowercase()))
            .max_by_key(|w| w.len())
        else {
            continue;
        };
        for typo in misspellings(longest) {
            cases.push((query.replacen(longest, &typo, 1), *expected));
        }
    }
    cases
}

/// Run with `ADVICE_SHOW_TYPO_MISSES=1 cargo test misspelt -- --nocapture`
/// to list the misspelt queries not answered first or said not to fit.
#[test]
fn misspelt_development_queries_still_find_their_chapter() {
    let show = std::env::var_os("ADVICE_SHOW_TYPO_MISSES").is_some();
    crate::common::with_guide_index(|index, analyzer| {
        let options = crate::common::search_options(3);
        let cases = typo_variants();
        let (mut hit1, mut hit3, mut weak) = (0usize, 0usize, 0usize);
        for (query, expected) in &cases {
            let parsed = Query::parse(query, analyzer).expect("query parses");
            let outcome = search(index, &parsed, &options, analyzer);
            let rank = outcome
                .hits
                .iter()
                .position(|h| expected.contains(&h.slug.as_str()));
            hit1 += usize::from(rank == Some(0));
            hit3 += usize::from(rank.is_some());
            weak += usize::from(!outcome.fits());
            if show && (!outcome.fits() || rank != Some(0)) {
                let top: Vec<(&str, i32)> = outcome
                    .hits
                    .iter()
                    .map(|h| (h.slug.as_str(), (h.coverage * 100.0) as i32))
                    .collect();
                println!(
                    "  {query:?} fits: {}, top (coverage %): {top:?}",
                    outcome.fits()
                );
            }
        }
        let n = cases.len() as f64;
        println!(
            "misspelt development queries: {} queries, hit@1 {:.1}%, hit@3 {:.1}%, nothing fits {:.1}%",
            cases.len(),
            hit1 as f64 / n * 100.0,
            hit3 as f64 / n * 100.0,
            weak as f64 / n * 100.0
        );
        assert!(cases.len() >= 100, "{}", cases.len());
        // Floors a little under today's figures (94.2% and 8.2%).
        assert!(hit3 as f64 / n >= 0.92, "hit@3 {hit3} of {n}");
        assert!(weak as f64 / n <= 0.10, "nothing fits for {weak} of {n}");
    })
}

/// The second development set: 155 queries written by a helper who saw
/// only the chapters' titles and summaries (as the validation set's writer
/// did), for tuning: its misses may be read
/// (`cargo test second_development -- --nocapture`).
const SECOND_SET: &str = include_str!("development.tsv");

#[test]
fn second_development_set_holds_its_figures() {
    holds_floor(SECOND_SET, "second development set", 20);
}

/// A development set of at least 100 in-scope queries and `min_out`
/// out-of-scope ones holds a hit@3 of 90%: a tuning set, so a floor well
/// under today's figures, not a target.
fn holds_floor(set: &str, name: &str, min_out: usize) {
    let figures = scored(set, name);
    assert!(figures.in_scope >= 100 && figures.out_of_scope >= min_out);
    assert!(figures.hit3 >= 90.0, "{}", figures.report(name));
}

/// A development set's figures, printed with its misses (tuning data).
fn scored(set: &str, name: &str) -> crate::validation::Figures {
    crate::common::with_guide_index(|index, analyzer| {
        let figures = crate::validation::score(set, index, analyzer);
        println!("{}", figures.report(name));
        println!("{}", figures.misses.join("\n"));
        figures
    })
}

/// Typed in a hurry: 100 queries with real typos (swapped, dropped, doubled
/// letters, common misspellings, words run together), written blind by a
/// helper who saw only the chapters' front matter and situations. Tuning
/// data, like the other development sets: `cargo test typed_in_a_hurry --
/// --nocapture` prints its misses.
const TYPO_SET: &str = include_str!("typos.tsv");

#[test]
fn typed_in_a_hurry_set_holds_its_figures() {
    // Typos must not sink a set that is otherwise easy (it has no
    // out-of-scope queries).
    holds_floor(TYPO_SET, "typed in a hurry", 0);
}

/// What `advice search` shows is what the figures measure: the ranking's
/// best hit first when it fits, "nothing fits" (exit 1, `[]`) when it does
/// not; never a lower hit moved up because the best one is weak.
#[test]
fn the_command_shows_what_the_ranking_measures() {
    let env = crate::common::Advice::new();
    crate::common::with_guide_index(|index, analyzer| {
        let options = crate::common::search_options(5);
        let mut checked = (0, 0);
        for line in SECOND_SET.lines() {
            let query = line.split('\t').next().unwrap_or_default();
            let Ok(parsed) = Query::parse(query, analyzer) else {
                continue;
            };
            let outcome = search(index, &parsed, &options, analyzer);
            let (code, out, err) = env.run(&["search", "--json", query]);
            let shown = crate::common::json(&out);
            if outcome.fits() {
                assert_eq!(code, 0, "{query}: {err}");
                assert_eq!(shown[0]["slug"], outcome.hits[0].slug, "{query}");
                checked.0 += 1;
            } else {
                assert_eq!(code, 1, "{query}: {out}");
                assert_eq!(shown, serde_json::json!([]), "{query}");
                checked.1 += 1;
            }
        }
        assert!(checked.0 >= 30 && checked.1 >= 3, "{checked:?}");
    })
}

/// Meaning (word vectors over what readers type) settles what the words
/// leave close: surviving a manager who only cares about results is the
/// chapter on ruthless managers, though "cares" and "results" pull towards
/// the chapter on the end of the good times.
#[test]
fn meaning_settles_what_the_words_leave_close() {
    const QUERY: &str = "how do I survive working for a manager who only cares about results";
    crate::common::with_guide_index(|index, analyzer| {
        let query = Query::parse(QUERY, analyzer).expect("query parses");
        let with = search(index, &query, &crate::common::search_options(3), analyzer);
        let mut options = crate::common::search_options(3);
        options.ranking.meaning = 0.0;
        let without = search(index, &query, &options, analyzer);
        assert_eq!(with.hits[0].slug, "ruthless-managers", "{:?}", with.hits);
        assert_eq!(
            without.hits[0].slug, "good-times-over",
            "{:?}",
            without.hits
        );
    });
    let (code, out, err) = crate::common::run(&["search", "--json", "--limit", "1", QUERY]);
    assert_eq!(code, 0, "{err}");
    assert_eq!(
        crate::common::json(&out)[0]["slug"],
        "ruthless-managers",
        "{out}"
    );
}

/// The third development set: 160 queries written blind, as the second
/// was, by a helper writing as a varied cast (a bootcamp graduate, a
/// burnt-out senior at a bank, someone typing on a phone, someone angry
/// after a reorg), with more situations and questions and harder
/// out-of-scope queries. Tuning data: `cargo test third_development --
/// --nocapture` prints its misses.
const THIRD_SET: &str = include_str!("development3.tsv");

#[test]
fn third_development_set_holds_its_figures() {
    holds_floor(THIRD_SET, "third development set", 20);
}

/// Jargon and typos: 130 queries written blind by a helper who saw only
/// the chapters' titles and summaries, built around workplace acronyms,
/// levels, rituals, slang and AI terms, and typos as made on a phone
/// (homophones, a wrong first letter, words run together), with 20
/// jargon-filled questions the guide does not cover. Tuning data: `cargo
/// test jargon_and_typos -- --nocapture` prints its misses.
const JARGON_SET: &str = include_str!("jargon.tsv");

#[test]
fn jargon_and_typos_set_holds_its_figures() {
    holds_floor(JARGON_SET, "jargon and typos set", 15);
}

/// The fourth development set: 200 queries written blind on 2026-11-26
/// (second session) by a helper who saw only the chapters' titles and
/// summaries, as a varied cast, with 45 out-of-scope questions, 25 of them
/// hard (workplace words about subjects no chapter covers). Fresh data
/// when it arrived, used to judge the distilled vectors' follow-ups before
/// any validation set was read; tuning data now: `cargo test
/// fourth_development -- --nocapture` prints its misses.
const FOURTH_SET: &str = include_str!("development4.tsv");

#[test]
fn fourth_development_set_holds_its_figures() {
    holds_floor(FOURTH_SET, "fourth development set", 40);
}

/// The fifth development set: 200 queries written blind on 2026-11-26
/// (third session) by a helper who saw only the chapters' titles and
/// summaries, as the fourth was; the nine that came out word for word the
/// same as a query of another set (eight of them a validation set's) were
/// dropped unread, leaving 153 in scope and 38 out. Its figures on
/// arrival, before its misses were read: hit@1 85.6%, hit@3 96.7%,
/// in-scope "nothing fits" 2.6%, out-of-scope 61%. Tuning data now:
/// `cargo test fifth_development -- --nocapture` prints its misses.
const FIFTH_SET: &str = include_str!("development5.tsv");

#[test]
fn fifth_development_set_holds_its_figures() {
    holds_floor(FIFTH_SET, "fifth development set", 35);
}

/// The sixth development set: 200 queries written blind at the start of
/// the fourth session of 2026-11-26 by a helper who saw only the
/// chapters' titles and summaries, asked to imagine readers at many kinds
/// of company and country and to make most out-of-scope questions hard
/// (workplace words, another subject); the thirteen that came out the
/// same as a query of another set were dropped unread, leaving 129 in
/// scope and 58 out. On arrival, before its misses were read: hit@1
/// 88.4%, hit@3 93.0%, in-scope "nothing fits" 0.8%, out of scope 60%.
/// Tuning data now: `cargo test sixth_development -- --nocapture` prints
/// its misses.
const SIXTH_SET: &str = include_str!("development6.tsv");

#[test]
fn sixth_development_set_holds_its_figures() {
    holds_floor(SIXTH_SET, "sixth development set", 50);
}

/// The seventh development set: 220 queries written blind in the same
/// session, by a helper who saw only the chapters' titles and summaries,
/// asked for long, messy descriptions full of incidental detail (80 of
/// them) as real readers write; the eleven equal to a query of another
/// set were dropped unread, leaving 159 in scope and 50 out. On arrival,
/// before its misses were read: hit@1 76.7%, hit@3 93.1%, in-scope
/// "nothing fits" 5.0%, out of scope 70%. Tuning data now: `cargo test
/// seventh_development -- --nocapture` prints its misses.
const SEVENTH_SET: &str = include_str!("development7.tsv");

#[test]
fn seventh_development_set_holds_its_figures() {
    holds_floor(SEVENTH_SET, "seventh development set", 45);
}

/// The eighth development set: 230 queries written blind in the
/// eleventh session by a helper who saw only the chapters' titles and
/// summaries, asked for the hard in-scope kinds (long situations that
/// describe symptoms, not the subject's name; questions that never use
/// the chapter's words; short vague ones), to see where in-scope queries
/// are wrongly said not to fit; the six equal to a query of another set
/// or a reader line were dropped unread, leaving 194 in scope and 30
/// out. On arrival, before its misses were read: hit@1 87.1%, hit@3
/// 94.8%, in-scope "nothing fits" 2.6% (5), out of scope 73%. Tuning
/// data now: `cargo test eighth_development -- --nocapture` prints its
/// misses.
const EIGHTH_SET: &str = include_str!("development8.tsv");

#[test]
fn eighth_development_set_holds_its_figures() {
    holds_floor(EIGHTH_SET, "eighth development set", 25);
}

/// The ninth development set: 448 long situations (25 to 60 words, 16
/// for each chapter), written in the thirteenth session by four helpers
/// who read only the chapters (never a test set, the reader lines or a
/// ranking), each told to describe a predicament with its incidental
/// detail and not to use the chapter's own terms in most of them. Written
/// as reader lines of a new shape (DESIGN.md: they did not help as lines)
/// and kept as situations to tune on, the kind the fresh sets find
/// weakest. On arrival, before its misses were read: hit@1 84.2%, hit@3
/// 96.7%, in-scope "nothing fits" 0.7% (3). It has no out-of-scope
/// queries and is not among the sets the fit model is fitted on
/// (`tests/it/gate.rs`): the shipped model was judged with the sets it
/// has. `cargo test ninth_development -- --nocapture` prints its misses.
const NINTH_SET: &str = include_str!("development9.tsv");

#[test]
fn ninth_development_set_holds_its_figures() {
    holds_floor(NINTH_SET, "ninth development set", 0);
}
