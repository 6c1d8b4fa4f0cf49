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
pub fn find(words: &[&str]) -> Vec<(std::ops::Range<usize>, &'static str)> {
    crate::term_table::find(DATA, words)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_list_is_whole_sorted_and_lowercase() {
        crate::term_table::assert_well_formed(DATA);
    }

    #[test]
    fn phrases_and_words_are_found_where_they_stand() {
        let words = ["how", "to", "write", "a", "cover", "letter"];
        assert_eq!(find(&words), vec![(4..6, "job applications")]);
        let words = ["h1b", "transfer", "to", "a", "new", "employer"];
        assert_eq!(find(&words), vec![(0..1, "immigration and visas")]);
        // "cover" alone, or the words out of order, name nothing.
        assert!(find(&["cover", "the", "letter"]).is_empty());
        assert!(find(&["ship", "projects"]).is_empty());
    }
}
