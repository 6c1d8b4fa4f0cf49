//! The reader's words to the guide's: a workplace thesaurus (`data/thesaurus.tsv`,
//! reviewed like content) mapping what people type in a software workplace
//! (its processes, roles, rituals, reviews, career ladders, AI tools, with
//! their acronyms and slang) to words the chapters use. A query word with
//! an entry is also searched as its expansion, and a chapter holding the
//! expansion counts as holding the word.
//!
//! Format: one entry a line, `term<TAB>expansion words`, the term one to
//! three words, lowercase.

use crate::text::Analyzer;

/// The thesaurus as shipped.
const DATA: &str = include_str!("../data/thesaurus.tsv");

/// The longest term, in words.
pub const MAX_TERM_WORDS: usize = 3;

/// What the thesaurus adds to one word of a query.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Expansion {
    /// Terms searched and scored as the word: a one-word entry's
    /// expansion, or a phrase's when the word is the phrase's last
    /// searchable one.
    pub scored: Vec<String>,
    /// Terms of a phrase the word is an earlier part of: a chapter holding
    /// one holds the word (for the share of the query held, and so the
    /// word is not read as a typo), but adds nothing to its score. A
    /// phrase's expansion is scored once, on its last word, not once per
    /// word: *between projects* (*idle bench spare*) must not make
    /// *projects* weigh as the rare *idle*.
    pub held: Vec<String>,
}

/// For each of a query's folded words (in order), the analysed terms the
/// thesaurus adds to it ([`Expansion`]). Only matching entries are
/// analysed (stemming all of them on every search would cost more than
/// the search).
pub fn expand(words: &[String], analyzer: &Analyzer) -> Vec<Expansion> {
    expand_with(DATA, words, analyzer)
}

fn expand_with(data: &str, words: &[String], analyzer: &Analyzer) -> Vec<Expansion> {
    let mut out = vec![Expansion::default(); words.len()];
    for (range, expansion) in crate::term_table::find(data, words) {
        if range.len() > MAX_TERM_WORDS {
            continue;
        }
        let terms: Vec<String> = analyzer
            .tokens(expansion)
            .into_iter()
            .map(|t| t.term)
            .collect();
        // The phrase's last word that is searched at all (`burned out`
        // is scored on *burned*: *out* is a stop word).
        let scoring = range
            .clone()
            .rev()
            .find(|&i| !analyzer.tokens(&words[i]).is_empty())
            .unwrap_or(range.end - 1);
        for (i, slot) in out.iter_mut().enumerate().take(range.end).skip(range.start) {
            let list = if i == scoring {
                &mut slot.scored
            } else {
                &mut slot.held
            };
            for t in &terms {
                if !list.contains(t) {
                    list.push(t.clone());
                }
            }
        }
    }
    for slot in &mut out {
        let scored = &slot.scored;
        slot.held.retain(|t| !scored.contains(t));
    }
    out
}

/// The one-word terms of the thesaurus with their expansions, for typo
/// matching (a misspelt `coworker` still reaches the guide's words).
pub fn words() -> impl Iterator<Item = (&'static str, &'static str)> {
    DATA.lines().filter_map(|line| {
        let (term, expansion) = line.split_once('\t')?;
        term.bytes()
            .all(|b| b.is_ascii_lowercase())
            .then_some((term, expansion))
    })
}

/// Number of entries.
pub fn len() -> usize {
    DATA.lines().filter(|l| l.contains('\t')).count()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_thesaurus_is_whole_sorted_and_lowercase() {
        assert_eq!(len(), DATA.lines().count(), "every line is an entry");
        crate::term_table::assert_well_formed(DATA);
    }

    #[test]
    fn every_entry_is_found_by_its_first_word() {
        for (at, line) in DATA.lines().scan(0, |at, line| {
            let start = *at;
            *at += line.len() + 1;
            Some((start, line))
        }) {
            let term = line.split('\t').next().unwrap_or_default();
            let first = term
                .split(|c: char| !c.is_alphanumeric())
                .find(|w| !w.is_empty())
                .unwrap_or_default();
            assert!(
                crate::term_table::entries_starting(DATA, first).contains(&at),
                "{term:?} is not found by {first:?}"
            );
        }
    }

    #[test]
    fn a_phrase_is_scored_on_its_last_word_and_held_by_each() {
        let analyzer = Analyzer::new();
        let words: Vec<String> = ["my", "promo", "packet"].map(String::from).to_vec();
        let out = expand_with(
            "promo packet\tpromotion review\nrif\tlayoffs\n",
            &words,
            &analyzer,
        );
        assert_eq!(out[0], Expansion::default());
        let promotion = analyzer.term("promotion");
        assert!(out[2].scored.contains(&promotion) && out[2].held.is_empty());
        assert!(out[1].held.contains(&promotion) && out[1].scored.is_empty());
        // A phrase ending in a stop word is scored on the word before it.
        let words: Vec<String> = ["burned", "out"].map(String::from).to_vec();
        let out = expand_with("burned out\tburnout\n", &words, &analyzer);
        assert!(out[0].scored.contains(&analyzer.term("burnout")));
        assert!(out[1].held.contains(&analyzer.term("burnout")));
        // A word that is also an entry of its own keeps that entry scored.
        let words: Vec<String> = ["promo", "packet"].map(String::from).to_vec();
        let out = expand_with(
            "promo\tpromotion\npromo packet\tpromotion review\n",
            &words,
            &analyzer,
        );
        assert_eq!(out[0].scored, vec![promotion.clone()]);
        assert_eq!(out[0].held, vec![analyzer.term("review")]);
        // Written with a hyphen or a colon, matched as the words a query has.
        let words: Vec<String> = ["on", "call", "1", "1"].map(String::from).to_vec();
        let out = expand_with("1:1\tmanager\non-call\tincident\n", &words, &analyzer);
        assert!(out[1].scored.contains(&analyzer.term("incident")));
        assert!(out[3].scored.contains(&analyzer.term("manager")));
        assert!(out[2].held.contains(&analyzer.term("manager")));
    }
}
