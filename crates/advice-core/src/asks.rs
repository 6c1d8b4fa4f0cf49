//! What readers type when a chapter would help them (`data/asks.tsv`,
//! reviewed like content): for each built-in chapter, short searches,
//! questions and first-person situations in a reader's own words, the
//! words a chapter never uses but the people it helps do ("my tech lead
//! keeps handing the interesting work to the same two people").
//!
//! They are indexed as a chapter's own field ([`crate::analyze::Field::Asks`]),
//! searched but never shown: the thesaurus maps one word to the guide's
//! words, these map a whole situation to the chapter that answers it. They
//! belong to the built-in chapters only; a chapter a reader adds or replaces
//! is searched by its own words.
//!
//! Written from the chapters and the field, never from a query set the
//! search is measured on (DESIGN.md says how). Format: one entry a line,
//! `slug<TAB>text`.
//!
//! Beside them, what readers type about subjects the guide does not cover
//! (`data/off_topic.tsv`: taxes, visas, hiring, sprint ceremonies, a
//! framework's error), `subject<TAB>text`. They are never indexed: only
//! their meanings are kept ([`crate::vectors`]), so that a question nearer
//! in meaning to one of them than to anything a chapter's readers ask
//! needs more of its words held to fit.

/// The data as shipped.
const DATA: &str = include_str!("../data/asks.tsv");

/// Every entry, as (slug, text).
pub fn all() -> impl Iterator<Item = (&'static str, &'static str)> {
    DATA.lines().filter_map(|line| line.split_once('\t'))
}

/// The off-topic lines as shipped.
const OFF_TOPIC: &str = include_str!("../data/off_topic.tsv");

/// Every off-topic line, as (subject, text).
pub fn off_topic() -> impl Iterator<Item = (&'static str, &'static str)> {
    OFF_TOPIC.lines().filter_map(|line| line.split_once('\t'))
}

/// The entries of the chapter with this slug.
pub fn for_chapter(slug: &str) -> impl Iterator<Item = &'static str> + '_ {
    all().filter(move |(s, _)| *s == slug).map(|(_, text)| text)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_line_is_a_slug_and_a_text() {
        for line in DATA.lines() {
            let fields: Vec<&str> = line.split('\t').collect();
            assert_eq!(fields.len(), 2, "slug<TAB>text: {line:?}");
            assert!(
                !fields[0].is_empty()
                    && fields[0]
                        .bytes()
                        .all(|b| b.is_ascii_lowercase() || b == b'-'),
                "a slug: {line:?}"
            );
            assert!(
                !fields[1].trim().is_empty() && fields[1].split_whitespace().count() <= 20,
                "one to twenty words: {line:?}"
            );
        }
    }

    #[test]
    fn every_off_topic_line_is_a_subject_and_a_text() {
        let mut previous = "";
        for line in OFF_TOPIC.lines() {
            let fields: Vec<&str> = line.split('\t').collect();
            assert_eq!(fields.len(), 2, "subject<TAB>text: {line:?}");
            assert!(
                fields[0]
                    .bytes()
                    .all(|b| b.is_ascii_lowercase() || b == b' ' || b == b'-'),
                "a subject: {line:?}"
            );
            assert!(
                !fields[1].trim().is_empty() && fields[1].split_whitespace().count() <= 25,
                "one to twenty-five words: {line:?}"
            );
            assert!(previous < line, "sorted and unique: {line:?}");
            previous = line;
        }
        assert!(off_topic().count() > 300);
    }
}
