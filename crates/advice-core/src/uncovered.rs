//! Subjects the guide does not cover (`data/uncovered.tsv`, reviewed like
//! content): words and phrases that on their own signal a career subject
//! no chapter gives advice on (job applications, visas, taxes, freelancing
//! and so on), each with the subject's name. A query that uses one is
//! about something else, whatever common words it shares with a chapter:
//! search weighs such a word as strong evidence against a fit and names
//! the subject when nothing fits.
//!
//! Format: one entry a line, `term<TAB>subject`, sorted by term, terms
//! lowercase ASCII of one to three words, none of them a word the chapters
//! use for what they do cover.

/// The list as shipped.
const DATA: &str = include_str!("../data/uncovered.tsv");

/// The subjects a query's folded words (in order) name: for each match,
/// the positions of its words and the subject.
/// A phrase of two words or more also meets its words' other forms
/// (`interview candidates` is *interviewing candidates*), by `stem`.
pub fn find(
    words: &[&str],
    stem: impl Fn(&str) -> String,
) -> Vec<(std::ops::Range<usize>, &'static str)> {
    let mut found = crate::term_table::find(DATA, words);
    found.extend(crate::term_table::find_stemmed(DATA, words, stem));
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_list_is_whole_sorted_and_lowercase() {
        crate::term_table::assert_well_formed(DATA);
    }

    fn stem(word: &str) -> String {
        crate::text::Analyzer::new().term(word)
    }

    #[test]
    fn a_phrase_meets_its_words_other_forms_a_word_does_not() {
        let words = ["working", "from", "home", "with", "kids"];
        assert_eq!(find(&words, stem), vec![(0..3, "remote work")]);
        let words = ["copilot", "in", "gpl", "licensed", "code"];
        assert_eq!(
            find(&words, stem),
            vec![(2..4, "open source and licensing")]
        );
        // Found once, as written, not again by stem.
        let words = ["work", "from", "home"];
        assert_eq!(find(&words, stem), vec![(0..3, "remote work")]);
        // A single word is matched as written (or as a plural) only:
        // *retire* is not *retirement*.
        assert!(find(&["retire", "early"], stem).is_empty());
    }

    #[test]
    fn phrases_and_words_are_found_where_they_stand() {
        let words = ["how", "to", "write", "a", "cover", "letter"];
        assert_eq!(find(&words, stem), vec![(4..6, "job applications")]);
        let words = ["h1b", "transfer", "to", "a", "new", "employer"];
        assert_eq!(find(&words, stem), vec![(0..1, "immigration and visas")]);
        // "cover" alone, or the words out of order, name nothing.
        assert!(find(&["cover", "the", "letter"], stem).is_empty());
        assert!(find(&["ship", "projects"], stem).is_empty());
    }
}
