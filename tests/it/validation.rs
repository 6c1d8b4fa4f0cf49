//! The search validation set: 160 queries written blind, by a writer who saw
//! only the chapters' titles and summaries, never a ranking, an alias or the
//! tuning suite (situations, questions, keywords, jargon, typos, spellings,
//! and questions the guide does not cover). It is frozen by its hash, and
//! only its aggregate figures are ever read: fixing a single miss would
//! turn it into a tuning set. `cargo test validation -- --nocapture` prints
//! them; the test fails if hit@1 falls more than 3 points below the figure
//! recorded here. A second set, written the same way once the first had
//! been read many times, is held to its own first reading; so is each set
//! after it (fifteen in all; the twelfth to fourteenth are held to their
//! reading with the fifteenth session's ranking, judged on them by the
//! rule in DESIGN).
//!
//! [`score`] also scores the development sets (`development.tsv`,
//! `development3.tsv`, `jargon.tsv`, `typos.tsv`, written the same way for
//! tuning), whose misses may be read.

use advice::index::Index;
use advice::ranking::{Query, search};
use advice::text::Analyzer;

/// A validation set written blind and frozen: its text may not change, and
/// its hit@1 may not fall more than 3 points below the recorded figure.
struct FrozenSet {
    /// As its report names it.
    name: &'static str,
    /// Its lines, `query<TAB>kind<TAB>expected`.
    text: &'static str,
    /// FNV-1a of `text`.
    hash: u64,
    /// Hit@1 of its in-scope queries, as recorded.
    recorded_hit1: f64,
    /// The fewest out-of-scope queries it must hold.
    min_out: usize,
}

const FIRST: FrozenSet = FrozenSet {
    name: "validation",
    text: include_str!("validation.tsv"),
    // FNV-1a of validation.tsv, as written: the set may not change.
    hash: 0xbdf8_7c2e_8e86_8d2e,
    // hit@1 on the in-scope queries when this figure was recorded (after the
    // thesaurus passes of the third session of 2026-11-26; 87.3 before them).
    recorded_hit1: 88.7,
    min_out: 15,
};

/// A second validation set, written blind on 2026-11-26 the way the first
/// was (170 queries: 146 in scope, 24 not, from the chapters' titles and
/// summaries only; its labels checked by a second helper who saw the same),
/// after the first had been read about thirty times. Frozen and read only
/// in aggregate, like the first.
const SECOND: FrozenSet = FrozenSet {
    name: "second validation",
    text: include_str!("validation2.tsv"),
    // FNV-1a of validation2.tsv, as written.
    hash: 0x18cd_5813_249d_4979,
    // Its hit@1 as last recorded (89.0 when first read, 91.8 after the
    // distilled vectors).
    recorded_hit1: 92.5,
    min_out: 20,
};

/// A third validation set, written blind on 2026-11-26 (second session)
/// the same way (180 queries: 150 in scope, 30 not, from the chapters'
/// titles and summaries only; its labels checked by a second helper, none
/// changed), after the distilled vectors and the session's other changes
/// had landed. No change was judged on it until the third session of that
/// day, which read it once after each change decided on the development
/// sets (none was changed or dropped because of it). Frozen and read only
/// in aggregate.
const THIRD: FrozenSet = FrozenSet {
    name: "third validation",
    text: include_str!("validation3.tsv"),
    // FNV-1a of validation3.tsv, as written.
    hash: 0xe9f1_e751_450c_0b23,
    // Its hit@1 as last recorded (87.3 when first read).
    recorded_hit1: 88.7,
    min_out: 25,
};

/// A fourth validation set, written blind at the start of the fourth
/// session of 2026-11-26 the same way (210 queries from the chapters'
/// titles and summaries only; ten that came out the same as a query of
/// another set dropped unread, leaving 158 in scope and 42 not; its labels
/// checked by a second helper, none changed), when the first three had
/// been read too often to say much about a change. Frozen and read only in
/// aggregate: once on arrival, once at the end of that session (and once
/// by accident in between, through a test filter that matched its name;
/// run the older sets with `--exact` and their full test names).
const FOURTH: FrozenSet = FrozenSet {
    name: "fourth validation",
    text: include_str!("validation4.tsv"),
    // FNV-1a of validation4.tsv, as written.
    hash: 0x3357_5a5c_d956_dfe8,
    // Its hit@1 as first read, on arrival.
    recorded_hit1: 81.6,
    min_out: 40,
};

/// A fifth validation set, written blind at the start of the fifth session
/// (2026-11-26, evening) the same way (200 queries from the chapters'
/// titles and summaries only; its labels checked by a second helper, one
/// second label added; 18 that came out the same as a query of another set
/// or a reader or off-topic line dropped unread, leaving 144 in scope and
/// 38 not), because the fourth had been read four times. Read on arrival
/// with the engine as it stood, then only to judge that session's change
/// of word vectors.
const FIFTH: FrozenSet = FrozenSet {
    name: "fifth validation",
    text: include_str!("validation5.tsv"),
    // FNV-1a of validation5.tsv, as written.
    hash: 0xbc98_469b_37be_2cd1,
    // Its hit@1 as first read, on arrival.
    recorded_hit1: 82.6,
    min_out: 35,
};

/// A sixth validation set, written blind at the start of the sixth
/// session (2026-11-27) the same way (200 queries from the chapters'
/// titles and summaries only; its labels checked by a second helper, one
/// second label added; 14 that came out the same as a query of another set
/// or a reader or off-topic line dropped unread, leaving 148 in scope and
/// 38 not), because the fifth had been read four times. Read on arrival
/// with the engine as it stood.
const SIXTH: FrozenSet = FrozenSet {
    name: "sixth validation",
    text: include_str!("validation6.tsv"),
    // FNV-1a of validation6.tsv, as written.
    hash: 0xed7d_c255_e389_b2d4,
    // Its hit@1 as first read, on arrival.
    recorded_hit1: 80.4,
    min_out: 35,
};

/// A seventh validation set, written blind at the start of the seventh
/// session (2026-11-27) from the chapters' titles and summaries only, by a
/// writer told to vary who is typing (phone-typed, rambling, quoting a
/// manager, non-native English, managers about their reports); 210
/// written, its labels checked by a second helper (no label changed), and 7
/// that came out the same as a query of another set or a reader or
/// off-topic line dropped unread, leaving 160 in scope and 43
/// not. Read on arrival, before that session's new reader and off-topic
/// lines.
const SEVENTH: FrozenSet = FrozenSet {
    name: "seventh validation",
    text: include_str!("validation7.tsv"),
    // FNV-1a of validation7.tsv, as written.
    hash: 0xdf37_149f_7216_14ae,
    // Its hit@1 as first read, on arrival.
    recorded_hit1: 88.8,
    min_out: 35,
};

/// An eighth validation set, written blind at the start of the eighth
/// session (2026-11-27) from the chapters' titles and summaries only, by a
/// writer told to vary who is typing and to put most out-of-scope
/// questions near the guide's themes; 214 written, its labels checked by
/// a second helper from the same brief (no label changed), and 19 that
/// came out the same as a query of another set or a reader or off-topic
/// line dropped unread, leaving 159 in scope and 36 not. Read on arrival,
/// with the engine as that session found it.
const EIGHTH: FrozenSet = FrozenSet {
    name: "eighth validation",
    text: include_str!("validation8.tsv"),
    // FNV-1a of validation8.tsv, as written.
    hash: 0xb940_ab84_cbc7_a139,
    // Its hit@1 as first read, on arrival.
    recorded_hit1: 89.3,
    min_out: 30,
};

/// A ninth, written blind at the start of the ninth session (2026-11-27)
/// the same way, the writer told to vary who is typing more widely (a
/// consultancy, a game studio, a hospital's IT team, an open-source
/// maintainer); 215 written, labels checked by a second helper (none
/// changed), and 20 that came out the same as a query of another set or a
/// reader or off-topic line dropped unread, leaving 161 in scope and 34
/// not. Committed before that session's changes, and read once at its end.
const NINTH: FrozenSet = FrozenSet {
    name: "ninth validation",
    text: include_str!("validation9.tsv"),
    // FNV-1a of validation9.tsv, as written.
    hash: 0x341b_5ce1_9eb3_b69d,
    // Its hit@1 as first read.
    recorded_hit1: 90.7,
    min_out: 30,
};

/// A tenth, written blind at the start of the eleventh session
/// (2026-11-27) the same way, the writer told to vary who is typing
/// (a bank's platform team, a government digital service, firmware, a
/// support engineer moving into development, a parent back from leave);
/// 215 written, labels checked by a second helper (none changed), and 21
/// that came out the same as a query of another set or a reader or
/// off-topic line dropped unread, leaving 153 in scope and 41 not. Read
/// on arrival with the engine as that session found it, and once with
/// the word vectors cut to 128 dimensions, a change then not taken.
const TENTH: FrozenSet = FrozenSet {
    name: "tenth validation",
    text: include_str!("validation10.tsv"),
    // FNV-1a of validation10.tsv, as written.
    hash: 0x59b5_8cb5_7c60_17bb,
    // Its hit@1 as first read, on arrival.
    recorded_hit1: 93.5,
    min_out: 35,
};

/// An eleventh, written blind in the same session as the tenth, the
/// writer told to vary who is typing differently again (an agency's
/// mobile developer, a telecom SRE, a PhD joining industry, a
/// non-profit's only developer, an engineer whose company was just
/// acquired); 215 written, labels checked by a second helper (one second
/// label added), and 22 that came out the same as a query of another set
/// or a reader or off-topic line dropped unread, leaving 152 in scope and
/// 41 not. Committed before it was read, and read once, at the end of
/// that session, with no ranking changed in between.
const ELEVENTH: FrozenSet = FrozenSet {
    name: "eleventh validation",
    text: include_str!("validation11.tsv"),
    // FNV-1a of validation11.tsv, as written.
    hash: 0xd4d1_c9ce_d9dc_ebb0,
    // Its hit@1 as first read.
    recorded_hit1: 90.1,
    min_out: 35,
};

/// A query set's figures, in percent (MRR as a fraction).
pub struct Figures {
    pub in_scope: usize,
    pub out_of_scope: usize,
    pub hit1: f64,
    pub hit3: f64,
    pub mrr: f64,
    /// "Nothing fits" for out-of-scope queries (right) and in-scope ones (wrong).
    pub out_none: f64,
    pub in_none: f64,
    /// (kind, queries, hit@1 %) in order of first appearance.
    pub kinds: Vec<(String, usize, f64)>,
    /// One line per in-scope query not answered first or said not to fit,
    /// and per out-of-scope query found to fit.
    pub misses: Vec<String>,
}

/// Scores a query set (`query<TAB>kind<TAB>slugs`, kind `out` for
/// out-of-scope, slugs comma-separated) over the guide's index.
pub fn score(set: &str, index: &Index, analyzer: &Analyzer) -> Figures {
    let options = crate::common::search_options(10);
    let (mut n, mut hit1, mut hit3, mut rr) = (0usize, 0usize, 0usize, 0f64);
    let (mut out_n, mut out_none, mut in_none) = (0usize, 0usize, 0usize);
    let mut kinds: Vec<(String, usize, usize)> = Vec::new();
    let mut misses = Vec::new();
    for line in set.lines() {
        let mut fields = line.split('\t');
        let (Some(query), Some(kind), Some(expected)) =
            (fields.next(), fields.next(), fields.next())
        else {
            panic!("a line without three fields: {line:?}");
        };
        let outcome = Query::parse(query, analyzer)
            .ok()
            .map(|q| search(index, &q, &options, analyzer));
        let fits = outcome.as_ref().is_some_and(|o| o.fits());
        let top: Vec<String> = outcome.as_ref().map_or_else(Vec::new, |o| {
            o.hits
                .iter()
                .take(3)
                .map(|h| format!("{} {:.0}%", h.slug, h.coverage * 100.0))
                .collect()
        });
        if kind == "out" {
            out_n += 1;
            out_none += usize::from(!fits);
            if fits {
                misses.push(format!("  out, fits: {query:?} -> {top:?}"));
            }
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
        if rank != Some(0) || !fits {
            let fit = if fits { "" } else { ", nothing fits" };
            misses.push(format!(
                "  {kind}{fit}: {query:?} wants {expected:?} -> {top:?}"
            ));
        }
        match kinds.iter_mut().find(|(k, _, _)| k == kind) {
            Some((_, count, first)) => {
                *count += 1;
                *first += usize::from(rank == Some(0));
            }
            None => kinds.push((kind.to_string(), 1, usize::from(rank == Some(0)))),
        }
    }
    let pct = |a: usize, b: usize| 100.0 * a as f64 / b.max(1) as f64;
    Figures {
        in_scope: n,
        out_of_scope: out_n,
        hit1: pct(hit1, n),
        hit3: pct(hit3, n),
        mrr: rr / n.max(1) as f64,
        out_none: pct(out_none, out_n),
        in_none: pct(in_none, n),
        kinds: kinds
            .into_iter()
            .map(|(k, count, first)| (k, count, pct(first, count)))
            .collect(),
        misses,
    }
}

impl Figures {
    /// The figures as printed: totals, then hit@1 by kind.
    pub fn report(&self, name: &str) -> String {
        let mut text = format!(
            "{name}: {} in-scope queries, hit@1 {:.1}%, hit@3 {:.1}%, MRR {:.3}; \
             nothing fits for {:.0}% of {} out-of-scope queries and {:.1}% of in-scope ones",
            self.in_scope,
            self.hit1,
            self.hit3,
            self.mrr,
            self.out_none,
            self.out_of_scope,
            self.in_none
        );
        for (kind, count, first) in &self.kinds {
            text.push_str(&format!("\n  {kind}: hit@1 {first:.0}% of {count}"));
        }
        text
    }
}

/// A frozen validation set: its hash must not change, only its totals are
/// printed (never its misses), and hit@1 may not fall more than 3 points
/// below the figure recorded for it.
fn holds_frozen(frozen: &FrozenSet) {
    let &FrozenSet {
        name,
        text: set,
        hash,
        recorded_hit1,
        min_out,
    } = frozen;
    assert_eq!(
        advice::hash::fnv1a(set.bytes()),
        hash,
        "the {name} set changed; it must stay as written"
    );
    crate::common::with_guide_index(|index, analyzer| {
        let figures = score(set, index, analyzer);
        println!("{}", figures.report(name));
        assert!(figures.in_scope >= 100 && figures.out_of_scope >= min_out);
        assert!(
            figures.hit1 >= recorded_hit1 - 3.0,
            "{name} hit@1 {:.1}% fell more than 3 points below the recorded {recorded_hit1:.1}%",
            figures.hit1
        );
    })
}

#[test]
fn validation_set_is_frozen_and_holds_its_figures() {
    holds_frozen(&FIRST);
}

#[test]
fn second_validation_set_is_frozen_and_holds_its_figures() {
    holds_frozen(&SECOND);
}

#[test]
fn third_validation_set_is_frozen_and_holds_its_figures() {
    holds_frozen(&THIRD);
}

#[test]
fn fourth_validation_set_is_frozen_and_holds_its_figures() {
    holds_frozen(&FOURTH);
}

#[test]
fn fifth_validation_set_is_frozen_and_holds_its_figures() {
    holds_frozen(&FIFTH);
}

#[test]
fn sixth_validation_set_is_frozen_and_holds_its_figures() {
    holds_frozen(&SIXTH);
}

#[test]
fn seventh_validation_set_is_frozen_and_holds_its_figures() {
    holds_frozen(&SEVENTH);
}

#[test]
fn eighth_validation_set_is_frozen_and_holds_its_figures() {
    holds_frozen(&EIGHTH);
}

#[test]
fn ninth_validation_set_is_frozen_and_holds_its_figures() {
    holds_frozen(&NINTH);
}

#[test]
fn tenth_validation_set_is_frozen_and_holds_its_figures() {
    holds_frozen(&TENTH);
}

#[test]
fn eleventh_validation_set_is_frozen_and_holds_its_figures() {
    holds_frozen(&ELEVENTH);
}

/// A twelfth, written blind in the eleventh session (199 kept: 159 in
/// scope, 40 not) and left unread, so that the next change to when
/// search says nothing fits would be judged on a set nobody had seen. Read
/// in the twelfth session, once with the fitted gate ([`advice::gate`])
/// and once with the rules alone, to decide between them as DESIGN
/// recorded beforehand: with the gate, "nothing fits" for 82% of its
/// out-of-scope queries and 1.9% of its in-scope ones; with the rules,
/// 75% and 1.9%. The gate was taken.
const TWELFTH: FrozenSet = FrozenSet {
    name: "twelfth validation",
    text: include_str!("validation12.tsv"),
    // FNV-1a of validation12.tsv, as written.
    hash: 0xf12a_a926_60cb_ae35,
    // Its hit@1 as read with the fifteenth session's ranking (84.9% when
    // first read).
    recorded_hit1: 89.3,
    min_out: 35,
};

#[test]
fn twelfth_validation_set_is_frozen_and_holds_its_figures() {
    holds_frozen(&TWELFTH);
}

/// A thirteenth, written blind in the twelfth session (2026-11-27) the
/// same way, the writer told to vary who is typing again (a game studio's
/// tools programmer, a hospital's health-IT engineer, a startup's second
/// engineer, a consultancy's contractor, a retailer's data engineer,
/// engineers writing in English from Germany, India and Brazil, someone
/// three months into a first job); 215 written, labels checked by a
/// second helper (none changed), and 13 that came out the same as a query
/// of another set or a reader or off-topic line dropped unread, leaving
/// 155 in scope and 47 not. Frozen unread through the thirteenth session,
/// and read first in the fourteenth, with the fourteenth, to judge the
/// engine as it stood on a pool (DESIGN, "Fourteenth session").
const THIRTEENTH: FrozenSet = FrozenSet {
    name: "thirteenth validation",
    text: include_str!("validation13.tsv"),
    // FNV-1a of validation13.tsv, as written.
    hash: 0xe81f_3711_bca7_ab64,
    // Its hit@1 as read with the fifteenth session's ranking (91.6% when
    // first read).
    recorded_hit1: 92.9,
    min_out: 40,
};

#[test]
fn thirteenth_validation_set_is_frozen_and_holds_its_figures() {
    holds_frozen(&THIRTEENTH);
}

/// A fourteenth, written blind at the start of the fourteenth session
/// (2026-11-27) to judge the engine as it stood on a larger pool (DESIGN,
/// "Fourteenth session"): 330 written by three helpers who saw only the
/// chapters' slugs, titles, parts and summaries, each given different
/// people to write as (an SRE at a payments company, a principal engineer
/// at a bank, a bootcamp graduate, a contractor in a government team,
/// engineers writing in English from Poland, Nigeria, Japan, India,
/// Spain, Korea, Brazil, Germany and Vietnam, among others); labels
/// checked by a fourth helper (none changed); 18 that came out the same
/// as a query of another set (the unread thirteenth compared too), a reader or
/// off-topic line, or each other dropped unread, leaving 255 in scope and
/// 57 not. Frozen by its hash before it was read, then read once.
const FOURTEENTH: FrozenSet = FrozenSet {
    name: "fourteenth validation",
    text: include_str!("validation14.tsv"),
    // FNV-1a of validation14.tsv, as written.
    hash: 0x95b6_8dc1_67f9_b4db,
    // Its hit@1 as read with the fifteenth session's ranking (91.8% when
    // first read).
    recorded_hit1: 91.4,
    min_out: 50,
};

#[test]
fn fourteenth_validation_set_is_frozen_and_holds_its_figures() {
    holds_frozen(&FOURTEENTH);
}

/// A fifteenth, written blind in the fourteenth session (2026-11-27) after
/// the thirteenth and fourteenth had been read, the same way: 330 written
/// by three helpers who saw only the chapters' slugs, titles, parts and
/// summaries, each given different people to write as (a food-delivery
/// backend engineer, a university IT developer, a game engine
/// programmer, a crypto exchange's SRE, a tax agency's backend engineer,
/// an intern converting to full time, engineers writing in English from
/// Kenya, France, Mexico, Indonesia, Italy, Turkey, the Philippines,
/// Egypt, Ukraine and Argentina, among others); labels checked by a
/// fourth helper (none changed); 27 that came out the same as a query of
/// another set, a reader or off-topic line, or each other dropped unread,
/// leaving 249 in scope and 54 not. Frozen by its hash and unread, for
/// the next change to ranking or fit, and first read, by the rule in
/// DESIGN (the fifteenth session), with that change.
const FIFTEENTH: FrozenSet = FrozenSet {
    name: "fifteenth validation",
    text: include_str!("validation15.tsv"),
    // FNV-1a of validation15.tsv, as written.
    hash: 0xd191_0dee_f19b_45cd,
    // Its hit@1 as first read.
    recorded_hit1: 93.6,
    min_out: 50,
};

#[test]
fn fifteenth_validation_set_is_frozen_and_holds_its_figures() {
    holds_frozen(&FIFTEENTH);
}
