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
    // Only entries whose first word is one of the query's can match: each
    // query word's entries are found by binary search in the sorted lines
    // (a search runs on every query; scanning every entry cost more).
    let mut starts: Vec<usize> = Vec::new();
    for word in words {
        for start in entries_starting(data, word) {
            if !starts.contains(&start) {
                starts.push(start);
            }
        }
    }
    starts.sort_unstable();
    for line in starts.iter().filter_map(|&at| data[at..].lines().next()) {
        let Some((term, expansion)) = line.split_once('\t') else {
            continue;
        };
        // Split as a query is ("on-call" is "on" "call"); terms are written
        // lowercase, so only a word with other than ASCII needs folding.
        let term: Vec<std::borrow::Cow<str>> = crate::text::words(term)
            .into_iter()
            .map(|(s, e)| {
                let w = &term[s..e];
                if w.bytes()
                    .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit())
                {
                    std::borrow::Cow::Borrowed(w)
                } else {
                    std::borrow::Cow::Owned(crate::text::fold(w))
                }
            })
            .collect();
        let n = term.len();
        if n == 0 || n > MAX_TERM_WORDS || n > words.len() {
            continue;
        }
        let mut terms: Option<Vec<String>> = None;
        for start in 0..=words.len() - n {
            if words[start..start + n]
                .iter()
                .zip(&term)
                .all(|(w, t)| w == t.as_ref())
            {
                let terms = terms.get_or_insert_with(|| {
                    analyzer
                        .tokens(expansion)
                        .into_iter()
                        .map(|t| t.term)
                        .collect()
                });
                for slot in &mut out[start..start + n] {
                    for t in terms.iter() {
                        if !slot.contains(t) {
                            slot.push(t.clone());
                        }
                    }
                }
            }
        }
    }
    out
}

/// Where each entry whose first word is `word` starts in `data` (sorted
/// lines of lowercase ASCII terms, as the thesaurus is: its test says so).
pub(crate) fn entries_starting(data: &str, word: &str) -> Vec<usize> {
    let bytes = data.as_bytes();
    let line_start = |at: usize| {
        bytes[..at]
            .iter()
            .rposition(|&b| b == b'\n')
            .map_or(0, |i| i + 1)
    };
    // The first line not before `word` (lines are sorted, so the ones
    // starting with it follow one another from there).
    let (mut lo, mut hi) = (0, bytes.len());
    while lo < hi {
        let mid = lo + (hi - lo) / 2;
        let start = line_start(mid);
        let end = bytes[start..]
            .iter()
            .position(|&b| b == b'\n')
            .map_or(bytes.len(), |i| start + i);
        if &data[start..end] < word {
            lo = end + 1;
        } else {
            hi = start;
        }
    }
    let mut found = Vec::new();
    let mut at = lo.min(bytes.len());
    while let Some(line) = data.get(at..).and_then(|rest| rest.lines().next()) {
        let Some(rest) = line.strip_prefix(word) else {
            break;
        };
        // The whole first word: what follows is not a letter or digit.
        if !rest.starts_with(|c: char| c.is_ascii_alphanumeric()) {
            found.push(at);
        }
        at += line.len() + 1;
    }
    found
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
        let terms: Vec<&str> = DATA.lines().filter_map(|l| l.split('\t').next()).collect();
        assert!(
            terms.windows(2).all(|w| w[0] < w[1]),
            "sorted, each term once"
        );
        assert!(
            terms.iter().all(|t| *t == t.to_lowercase() && t.is_ascii()),
            "terms are lowercase ASCII (the lookup relies on it)"
        );
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
                entries_starting(DATA, first).contains(&at),
                "{term:?} is not found by {first:?}"
            );
        }
        assert!(entries_starting(DATA, "zzzz").is_empty());
        assert!(entries_starting("", "on").is_empty());
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
