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

/// For each of a query's folded words (in order), the analysed terms the
/// thesaurus adds to it: a word inside a matching phrase gets the phrase's
/// expansion. Only matching entries are analysed (stemming all of them on
/// every search would cost more than the search).
pub fn expand(words: &[String], analyzer: &Analyzer) -> Vec<Vec<String>> {
    expand_with(DATA, words, analyzer)
}

fn expand_with(data: &str, words: &[String], analyzer: &Analyzer) -> Vec<Vec<String>> {
    let mut out = vec![Vec::new(); words.len()];
    for (range, expansion) in crate::term_table::find(data, words) {
        if range.len() > MAX_TERM_WORDS {
            continue;
        }
        let terms: Vec<String> = analyzer
            .tokens(expansion)
            .into_iter()
            .map(|t| t.term)
            .collect();
        for slot in &mut out[range] {
            for t in &terms {
                if !slot.contains(t) {
                    slot.push(t.clone());
                }
            }
        }
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
    fn a_phrase_expands_each_of_its_words() {
        let analyzer = Analyzer::new();
        let words: Vec<String> = ["my", "promo", "packet"].map(String::from).to_vec();
        let out = expand_with(
            "promo packet\tpromotion review\nrif\tlayoffs\n",
            &words,
            &analyzer,
        );
        assert!(out[0].is_empty());
        assert_eq!(out[1], out[2]);
        assert!(out[1].contains(&analyzer.term("promotion")));
        // Written with a hyphen or a colon, matched as the words a query has.
        let words: Vec<String> = ["on", "call", "1", "1"].map(String::from).to_vec();
        let out = expand_with("1:1\tmanager\non-call\tincident\n", &words, &analyzer);
        assert!(out[1].contains(&analyzer.term("incident")));
        assert!(out[3].contains(&analyzer.term("manager")));
    }
}
