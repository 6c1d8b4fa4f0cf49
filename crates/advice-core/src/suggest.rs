//! "Did you mean": the one policy behind every suggestion advice makes, for
//! chapter names, checklist topics, tags, search words and front-matter keys.
//!
//! A candidate is suggested when its Jaro-Winkler similarity to what was
//! typed is at least [`SUGGEST`] (measured: real typos of slugs score 0.87 or
//! more, unrelated words 0.69 or less), or when it starts with what was typed
//! (three characters or more). A checklist topic is taken without asking only
//! at [`ACCEPT`] or more, and only if no other candidate ties.

/// Similarity at or above which a candidate is offered as "did you mean".
pub const SUGGEST: f64 = 0.85;
/// Similarity at or above which a near spelling is taken as meant.
pub const ACCEPT: f64 = 0.92;

/// How similar two names are, from 0 (nothing alike) to 1 (the same).
pub fn similarity(typed: &str, candidate: &str) -> f64 {
    strsim::jaro_winkler(typed, candidate)
}

/// Edits (insert, delete, substitute, swap two neighbours) between two words.
pub fn edit_distance(a: &str, b: &str) -> usize {
    strsim::osa_distance(a, b)
}

/// Whether `candidate` is close enough to `typed` to suggest.
pub fn is_close(typed: &str, candidate: &str) -> bool {
    similarity(typed, candidate) >= SUGGEST
        || (typed.chars().count() >= 3 && candidate.starts_with(typed) && candidate != typed)
}

/// Up to `limit` candidates close to `typed`, most similar first (ties in
/// the order given), each once.
pub fn closest<'a>(
    typed: &str,
    candidates: impl IntoIterator<Item = &'a str>,
    limit: usize,
) -> Vec<&'a str> {
    let mut scored: Vec<(f64, usize, &str)> = Vec::new();
    for (i, candidate) in candidates.into_iter().enumerate() {
        if is_close(typed, candidate) && !scored.iter().any(|(_, _, c)| *c == candidate) {
            scored.push((similarity(typed, candidate), i, candidate));
        }
    }
    scored.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
    scored.into_iter().take(limit).map(|(_, _, c)| c).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn typos_are_suggested_and_unrelated_words_are_not() {
        assert_eq!(
            closest("spotlite", ["spotlight", "trusted"], 3),
            ["spotlight"]
        );
        assert_eq!(closest("tgas", ["tags", "title"], 1), ["tags"]);
        assert!(closest("zebra", ["spotlight", "trusted"], 3).is_empty());
        assert_eq!(
            closest("lead", ["leadership", "lead"], 3),
            ["lead", "leadership"]
        );
    }
}
