//! The two word lists search reads alongside the index, the thesaurus
//! (`data/thesaurus.tsv`) and the subjects the guide leaves out
//! (`data/uncovered.tsv`), share one shape: lines of `term<TAB>value`,
//! sorted by term, terms lowercase ASCII of one to three words. This is
//! their one lookup: the entries whose term occurs in a query's words.
//! Each query word's entries are found by binary search over the text
//! itself (a search runs on every query; scanning every entry cost more).
//! A query word in its plural form meets a term in the singular (`pay
//! bands` is the subject of `pay band`, `l7s` are `l7`): the lists hold a
//! term once, and a reader writes either. The uncovered list's phrases
//! also meet their words' other forms ([`find_stemmed`]).

use std::ops::Range;

/// Every entry of `data` whose term occurs in `words` (folded, in order),
/// as whole words: the positions of its words and its value, in the
/// order of the entries, then of the places.
pub(crate) fn find<'d, W: AsRef<str>>(data: &'d str, words: &[W]) -> Vec<(Range<usize>, &'d str)> {
    let mut starts: Vec<usize> = Vec::new();
    for word in words {
        let word = word.as_ref();
        for form in std::iter::once(word).chain(singulars(word).iter().map(String::as_str)) {
            for start in entries_starting(data, form) {
                if !starts.contains(&start) {
                    starts.push(start);
                }
            }
        }
    }
    starts.sort_unstable();
    let mut found = Vec::new();
    for line in starts.iter().filter_map(|&at| data[at..].lines().next()) {
        let Some((term, value)) = entry(line) else {
            continue;
        };
        let n = term.len();
        if n == 0 || n > words.len() {
            continue;
        }
        for start in 0..=words.len() - n {
            if words[start..start + n]
                .iter()
                .zip(&term)
                .all(|(w, t)| is_form_of(w.as_ref(), t))
            {
                found.push((start..start + n, value));
            }
        }
    }
    found
}

/// Every entry of `data` of two words or more whose words have the stems
/// of words of `words` (folded, in order), wherever [`find`] does not
/// already find it as written: `interview candidates` meets *interviewing
/// candidates*, `gpl license` meets *GPL-licensed*. `stem` is the
/// search's own stemmer. Single words are left to [`find`]: as a stem, a
/// word of a subject left out meets too many the guide's readers use
/// (*retire* meets *retirement*, *tax* a *sharding tax*). Candidates are
/// the entries whose first word shares the query word's first four letters
/// (or all of a shorter word's; stems differ only at the end), so a search
/// stems a handful of words.
pub(crate) fn find_stemmed<'d, W: AsRef<str>>(
    data: &'d str,
    words: &[W],
    stem: impl Fn(&str) -> String,
) -> Vec<(Range<usize>, &'d str)> {
    let stems: Vec<String> = words.iter().map(|w| stem(w.as_ref())).collect();
    // Each prefix's candidates, with their words and stems, worked out
    // once however often a word repeats (a 1 KiB query of one short word
    // had stemmed the same entries hundreds of times).
    type Candidate<'d> = (Vec<&'d str>, Vec<String>, &'d str);
    let mut candidates: Vec<(&str, Vec<Candidate<'d>>)> = Vec::new();
    let mut found = Vec::new();
    for (at, word) in words.iter().enumerate() {
        let word = word.as_ref();
        let Some(prefix) = word.get(..4.min(word.len())).filter(|p| p.len() >= 2) else {
            continue;
        };
        let index = match candidates.iter().position(|(p, _)| *p == prefix) {
            Some(index) => index,
            None => {
                let entries = lines_with_prefix(data, prefix)
                    .filter_map(entry)
                    .filter(|(term, _)| term.len() >= 2)
                    .map(|(term, value)| {
                        let stems = term.iter().map(|t| stem(t)).collect();
                        (term, stems, value)
                    })
                    .collect();
                candidates.push((prefix, entries));
                candidates.len() - 1
            }
        };
        for (term, term_stems, value) in &candidates[index].1 {
            let n = term.len();
            if at + n > words.len() {
                continue;
            }
            let as_written = words[at..at + n]
                .iter()
                .zip(term)
                .all(|(w, t)| is_form_of(w.as_ref(), t));
            if !as_written && term_stems[..] == stems[at..at + n] {
                found.push((at..at + n, *value));
            }
        }
    }
    found
}

/// A line's term, split into words as a query is ("on-call" is "on"
/// "call"), and its value.
fn entry(line: &str) -> Option<(Vec<&str>, &str)> {
    let (term, value) = line.split_once('\t')?;
    let words = crate::text::words(term)
        .into_iter()
        .map(|(s, e)| &term[s..e])
        .collect();
    Some((words, value))
}

/// The lines of `data` whose term starts with `prefix`.
fn lines_with_prefix<'d>(data: &'d str, prefix: &str) -> impl Iterator<Item = &'d str> {
    let start = first_line_not_before(data, prefix);
    data.get(start..)
        .unwrap_or_default()
        .lines()
        .take_while(move |line| line.starts_with(prefix))
}

/// The singulars `word` may be the plural of (`bands` is *band*; `fixes`
/// may be *fixe* or *fix*; `policies` is *policy*, `l7s` *l7*): none for
/// a word of three letters or fewer without a digit (`its` is not *it*,
/// `bus` not *bu*) or one ending in `ss` (`boss`).
fn singulars(word: &str) -> Vec<String> {
    let mut out = Vec::new();
    let short = word.len() <= 3 && !word.bytes().any(|b| b.is_ascii_digit());
    if short || word.len() < 3 || word.ends_with("ss") {
        return out;
    }
    if let Some(stem) = word.strip_suffix('s') {
        out.push(stem.to_string());
        if let Some(stem) = stem.strip_suffix('e') {
            out.push(stem.to_string());
        }
    }
    if let Some(stem) = word.strip_suffix("ies") {
        out.push(format!("{stem}y"));
    }
    out
}

/// Whether a query word is a term's word as written or its plural.
fn is_form_of(word: &str, term: &str) -> bool {
    word == term || singulars(word).iter().any(|s| s == term)
}

/// Where each entry whose first word is `word` starts in `data`.
pub(crate) fn entries_starting(data: &str, word: &str) -> Vec<usize> {
    let bytes = data.as_bytes();
    let mut found = Vec::new();
    let mut at = first_line_not_before(data, word).min(bytes.len());
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

/// Where the first line of `data` not sorting before `key` starts (lines
/// are sorted, so the ones starting with `key` follow one another from
/// there).
fn first_line_not_before(data: &str, key: &str) -> usize {
    let bytes = data.as_bytes();
    let line_start = |at: usize| {
        bytes[..at]
            .iter()
            .rposition(|&b| b == b'\n')
            .map_or(0, |i| i + 1)
    };
    let (mut lo, mut hi) = (0, bytes.len());
    while lo < hi {
        let mid = lo + (hi - lo) / 2;
        let start = line_start(mid);
        let end = bytes[start..]
            .iter()
            .position(|&b| b == b'\n')
            .map_or(bytes.len(), |i| start + i);
        if &data[start..end] < key {
            lo = end + 1;
        } else {
            hi = start;
        }
    }
    lo
}

/// Panics unless `data` is a well-formed table: every line `term<TAB>value`,
/// terms sorted and each once, lowercase ASCII (the lookup relies on it).
#[cfg(test)]
pub(crate) fn assert_well_formed(data: &str) {
    assert!(
        data.lines().all(|l| l.split('\t').count() == 2),
        "every line is term<TAB>value"
    );
    let terms: Vec<&str> = data.lines().filter_map(|l| l.split('\t').next()).collect();
    assert!(
        terms.windows(2).all(|w| w[0] < w[1]),
        "sorted, each term once"
    );
    assert!(
        terms.iter().all(|t| *t == t.to_lowercase() && t.is_ascii()),
        "terms are lowercase ASCII (the lookup relies on it)"
    );
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn terms_are_found_as_whole_words_in_order() {
        let data = "1:1\tmanager\non call\tincident\non-call\tincident\nrif\tlayoffs\n";
        let words = ["my", "on", "call", "1", "1", "rifle"];
        assert_eq!(
            find(data, &words),
            vec![(3..5, "manager"), (1..3, "incident"), (1..3, "incident")]
        );
        assert!(find(data, &["call", "on"]).is_empty());
        // A plural meets its singular, as the first word or a later one.
        let data = "l7\tstaff\npay band\tpay\npolicy\trule\n";
        assert_eq!(find(data, &["l7s"]), vec![(0..1, "staff")]);
        assert_eq!(find(data, &["pay", "bands"]), vec![(0..2, "pay")]);
        assert_eq!(find(data, &["policies"]), vec![(0..1, "rule")]);
        // Not the other way round, and not a short word or one in -ss.
        assert!(find("l7s\tstaff\n", &["l7"]).is_empty());
        assert!(find("bos\tx\nbu\tx\nit\tx\n", &["bus", "boss", "its"]).is_empty());
        assert!(find("", &["on"]).is_empty());
        assert!(entries_starting(data, "zzzz").is_empty());
    }
}
