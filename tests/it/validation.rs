//! The search validation set: 160 queries written blind, by a writer who saw
//! only the chapters' titles and summaries, never a ranking, an alias or the
//! tuning suite (situations, questions, keywords, jargon, typos, spellings,
//! and questions the guide does not cover). It is frozen by its hash, and
//! only its aggregate figures are ever read: fixing a single miss would
//! turn it into a tuning set. `cargo test validation -- --nocapture` prints
//! them; the test fails if hit@1 falls more than 3 points below the figure
//! recorded here.

use advice::ranking::{Query, search};

const SET: &str = include_str!("validation.tsv");
/// FNV-1a of validation.tsv, as written: the set may not change.
const FROZEN: u64 = 0xbdf8_7c2e_8e86_8d2e;
/// hit@1 on the in-scope queries when this figure was recorded.
const RECORDED_HIT_AT_1: f64 = 67.6;

#[test]
fn validation_set_is_frozen_and_holds_its_figures() {
    assert_eq!(
        advice::hash::fnv1a(SET.bytes()),
        FROZEN,
        "the validation set changed; it must stay as written"
    );
    crate::common::with_guide_index(|index, analyzer| {
        let options = crate::common::search_options(10);
        let (mut n, mut hit1, mut hit3, mut rr) = (0usize, 0usize, 0usize, 0f64);
        let (mut out_n, mut out_none, mut in_none) = (0usize, 0usize, 0usize);
        let mut kinds: Vec<(String, usize, usize)> = Vec::new();
        for line in SET.lines() {
            let mut fields = line.split('\t');
            let (Some(query), Some(kind), Some(expected)) =
                (fields.next(), fields.next(), fields.next())
            else {
                panic!("a line without three fields");
            };
            let outcome = Query::parse(query, analyzer)
                .ok()
                .map(|q| search(index, &q, &options, analyzer));
            let fits = outcome.as_ref().is_some_and(|o| o.fits());
            if kind == "out" {
                out_n += 1;
                out_none += usize::from(!fits);
                continue;
            }
            let expected: Vec<&str> = expected.split(',').collect();
            let rank = outcome.as_ref().and_then(|o| {
                o.hits
                    .iter()
                    .position(|h| expected.contains(&h.slug.as_str()))
            });
            n += 1;
            in_none += usize::from(!fits);
            hit1 += usize::from(rank == Some(0));
            hit3 += usize::from(rank.is_some_and(|r| r < 3));
            rr += rank.map_or(0.0, |r| 1.0 / (r as f64 + 1.0));
            match kinds.iter_mut().find(|(k, _, _)| k == kind) {
                Some((_, count, first)) => {
                    *count += 1;
                    *first += usize::from(rank == Some(0));
                }
                None => kinds.push((kind.to_string(), 1, usize::from(rank == Some(0)))),
            }
        }
        let pct = |a: usize, b: usize| 100.0 * a as f64 / b.max(1) as f64;
        let h1 = pct(hit1, n);
        println!(
            "validation: {n} in-scope queries, hit@1 {h1:.1}%, hit@3 {:.1}%, MRR {:.3}; \
             nothing fits for {:.0}% of {out_n} out-of-scope queries and {:.1}% of in-scope ones",
            pct(hit3, n),
            rr / n.max(1) as f64,
            pct(out_none, out_n),
            pct(in_none, n)
        );
        for (kind, count, first) in &kinds {
            println!("  {kind}: hit@1 {:.0}% of {count}", pct(*first, *count));
        }
        assert!(n >= 100 && out_n >= 15);
        assert!(
            h1 >= RECORDED_HIT_AT_1 - 3.0,
            "validation hit@1 {h1:.1}% fell more than 3 points below the recorded {RECORDED_HIT_AT_1:.1}%"
        );
    })
}
