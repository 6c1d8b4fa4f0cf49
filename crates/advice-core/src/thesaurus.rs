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
use std::sync::OnceLock;

/// The thesaurus as shipped.
const DATA: &str = include_str!("../data/thesaurus.tsv");

/// The longest term, in words.
pub const MAX_TERM_WORDS: usize = 3;

/// Entries: a term's folded words, and the analysed terms of its expansion.
type Entries = Vec<(Vec<String>, Vec<String>)>;

fn entries() -> &'static Entries {
    static ENTRIES: OnceLock<Entries> = OnceLock::new();
    ENTRIES.get_or_init(|| parse(DATA, &Analyzer::new()))
}

/// Parses thesaurus lines; a line without a tab or with an empty side is skipped.
fn parse(data: &str, analyzer: &Analyzer) -> Entries {
    data.lines()
        .filter_map(|line| {
            let (term, expansion) = line.split_once('\t')?;
            let words: Vec<String> = term.split_whitespace().map(crate::text::fold).collect();
            let terms: Vec<String> = analyzer
                .tokens(expansion)
                .into_iter()
                .map(|t| t.term)
                .collect();
            (!words.is_empty() && words.len() <= MAX_TERM_WORDS && !terms.is_empty())
                .then_some((words, terms))
        })
        .collect()
}

/// For each of a query's folded words (in order), the analysed terms the
/// thesaurus adds to it: a word inside a matching phrase gets the phrase's
/// expansion.
pub fn expand(words: &[String]) -> Vec<Vec<String>> {
    let mut out = vec![Vec::new(); words.len()];
    for (term, expansion) in entries() {
        let n = term.len();
        if n > words.len() {
            continue;
        }
        for start in 0..=words.len() - n {
            if words[start..start + n] == term[..] {
                for slot in &mut out[start..start + n] {
                    for t in expansion {
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

/// Number of entries (for tests and `--help`).
pub fn len() -> usize {
    entries().len()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_thesaurus_parses_whole_and_sorted() {
        let lines = DATA.lines().count();
        assert_eq!(len(), lines, "every line is an entry");
        let terms: Vec<&str> = DATA.lines().filter_map(|l| l.split('\t').next()).collect();
        assert!(
            terms.windows(2).all(|w| w[0] < w[1]),
            "sorted, each term once"
        );
    }

    #[test]
    fn a_phrase_expands_each_of_its_words() {
        let analyzer = Analyzer::new();
        let entries = parse("promo packet\tpromotion review\nrif\tlayoffs\n", &analyzer);
        assert_eq!(entries.len(), 2);
    }
}
