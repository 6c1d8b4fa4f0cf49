//! Text analysis shared by indexing and querying: words are found, folded
//! (case, accents, British spellings), stop words dropped, and the rest
//! stemmed, so "Prioritising", "prioritize" and "priorities" meet as one term.
//!
//! Shared with `build.rs`, which indexes the built-in chapters with exactly
//! the same analysis the binary applies to queries.

use rust_stemmers::{Algorithm, Stemmer};
use unicode_normalization::UnicodeNormalization;

/// A word of a text: where it is and the term it stands for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Token {
    /// The analysed term (folded and stemmed).
    pub term: String,
    /// The folded word before stemming (what typo matching compares).
    pub word: String,
    /// Byte range of the word in the original text.
    pub start: usize,
    /// End of that byte range (exclusive).
    pub end: usize,
}

/// Turns text into terms. Holds the stemmer so it is created once.
pub struct Analyzer {
    stemmer: Stemmer,
}

impl Default for Analyzer {
    fn default() -> Self {
        Self::new()
    }
}

impl Analyzer {
    /// An analyzer with the English (Snowball) stemmer.
    pub fn new() -> Self {
        Analyzer {
            stemmer: Stemmer::create(Algorithm::English),
        }
    }

    /// The searchable tokens of `text`, stop words left out.
    pub fn tokens(&self, text: &str) -> Vec<Token> {
        let mut out = Vec::new();
        for (start, end) in words(text) {
            let word = fold(&text[start..end]);
            if word.is_empty() || is_stop_word(&word) {
                continue;
            }
            let term = self.term(&word);
            out.push(Token {
                term,
                word,
                start,
                end,
            });
        }
        out
    }

    /// Byte ranges of the words in `text` whose term is one of `terms`.
    /// Only words starting with the same letter as some term are stemmed:
    /// every analysis step keeps a word's first letter.
    pub fn find_terms(&self, text: &str, terms: &[&str]) -> Vec<(usize, usize)> {
        let firsts: Vec<char> = terms.iter().filter_map(|t| t.chars().next()).collect();
        let mut out = Vec::new();
        // A snippet's line is a whole paragraph: each word is folded into
        // one buffer, and each distinct word stemmed once.
        let mut word = String::new();
        let mut known: Vec<(String, bool)> = Vec::new();
        for (start, end) in words(text) {
            let raw = &text[start..end];
            // A word begins with a letter or digit, which folding only
            // lowercases: an ASCII word is passed over unfolded.
            if let Some(&first) = raw.as_bytes().first().filter(|b| b.is_ascii())
                && !firsts.contains(&char::from(first.to_ascii_lowercase()))
            {
                continue;
            }
            fold_into(raw, &mut word);
            if !word.chars().next().is_some_and(|c| firsts.contains(&c)) || is_stop_word(&word) {
                continue;
            }
            let found = match known.iter().find(|(w, _)| *w == word) {
                Some(&(_, found)) => found,
                None => {
                    let found = terms.contains(&self.term(&word).as_str());
                    known.push((word.clone(), found));
                    found
                }
            };
            if found {
                out.push((start, end));
            }
        }
        out
    }

    /// Whether `wanted`'s terms occur one after another in `text`, stop
    /// words aside (as in [`Analyzer::tokens`]). As in
    /// [`Analyzer::find_terms`], a word is stemmed only if it starts with the
    /// letter of some wanted term; any other word stands between terms
    /// unstemmed, which is what stemming it would have found.
    pub fn has_phrase(&self, text: &str, wanted: &[&str]) -> bool {
        if wanted.is_empty() {
            return false;
        }
        let firsts: Vec<char> = wanted.iter().filter_map(|t| t.chars().next()).collect();
        let mut terms: Vec<Option<String>> = Vec::new();
        for (start, end) in words(text) {
            let word = fold(&text[start..end]);
            if word.is_empty() || is_stop_word(&word) {
                continue;
            }
            let stemmed = word.chars().next().is_some_and(|c| firsts.contains(&c));
            terms.push(stemmed.then(|| self.term(&word)));
        }
        terms.windows(wanted.len()).any(|w| {
            w.iter()
                .zip(wanted)
                .all(|(term, want)| term.as_deref() == Some(*want))
        })
    }

    /// The term for a single folded word.
    pub fn term(&self, folded: &str) -> String {
        let word = crate::spelling::american(folded);
        let word = expand(&word);
        if UNSTEMMED.binary_search(&word.as_ref()).is_ok() {
            return word.into_owned();
        }
        let stem = self.stemmer.stem(&word);
        family(&stem).to_string()
    }
}

/// Byte ranges of the words in `text`: runs of letters and digits, with
/// apostrophes inside a word kept ("don't", "engineer's").
pub fn words(text: &str) -> Vec<(usize, usize)> {
    // ASCII text, nearly all of it, a byte at a time: for ASCII, a letter
    // or digit is what `char::is_alphanumeric` says it is.
    if text.is_ascii() {
        return word_ranges(text.bytes().enumerate(), text.len(), |b| {
            (b.is_ascii_alphanumeric(), b == b'\'')
        });
    }
    word_ranges(text.char_indices(), text.len(), |c| {
        (c.is_alphanumeric(), c == '\'' || c == '\u{2019}')
    })
}

/// [`words`] over `(offset, character)` pairs of a text `len` bytes long;
/// `kind` tells whether a character is a letter or digit, and whether it
/// is an apostrophe (kept inside a word, before a letter or digit).
fn word_ranges<C: Copy>(
    chars: impl Iterator<Item = (usize, C)>,
    len: usize,
    kind: impl Fn(C) -> (bool, bool),
) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut start: Option<usize> = None;
    let mut chars = chars.peekable();
    while let Some((i, c)) = chars.next() {
        let (alphanumeric, apostrophe) = kind(c);
        let inner_apostrophe =
            apostrophe && start.is_some() && chars.peek().is_some_and(|&(_, next)| kind(next).0);
        if alphanumeric || inner_apostrophe {
            start.get_or_insert(i);
        } else if let Some(s) = start.take() {
            out.push((s, i));
        }
    }
    if let Some(s) = start {
        out.push((s, len));
    }
    out
}

/// [`fold`] into a reused buffer.
pub fn fold_into(word: &str, out: &mut String) {
    out.clear();
    if word.is_ascii() {
        out.extend(
            word.bytes()
                .filter(|b| *b != b'\'')
                .map(|b| b.to_ascii_lowercase() as char),
        );
    } else {
        out.push_str(&fold(word));
    }
}

/// Lowercase, accents removed, apostrophes dropped: "Naïve" -> "naive", "don't" -> "dont".
pub fn fold(word: &str) -> String {
    if word.is_ascii() {
        return word
            .bytes()
            .filter(|b| *b != b'\'')
            .map(|b| b.to_ascii_lowercase() as char)
            .collect();
    }
    word.nfd()
        .filter(|c| !is_combining_mark(*c) && *c != '\'' && *c != '\u{2019}')
        .flat_map(char::to_lowercase)
        .collect()
}

/// Combining diacritical marks, which NFD splits off accented letters.
fn is_combining_mark(c: char) -> bool {
    matches!(c, '\u{0300}'..='\u{036f}' | '\u{1ab0}'..='\u{1aff}' | '\u{1dc0}'..='\u{1dff}' | '\u{20d0}'..='\u{20ff}' | '\u{fe20}'..='\u{fe2f}')
}

/// Words too common to say anything about what a reader wants (one of [`STOP_WORDS`]).
pub fn is_stop_word(word: &str) -> bool {
    STOP_WORDS.binary_search(&word).is_ok()
}

/// The stop words, sorted (the one list: [`is_stop_word`] searches it).
pub const STOP_WORDS: &[&str] = &[
    "a",
    "about",
    "absolutely",
    "actually",
    "afaik",
    "after",
    "again",
    "all",
    "also",
    "am",
    "an",
    "and",
    "any",
    "anymore",
    "anyone",
    "anything",
    "are",
    "arent",
    "as",
    "at",
    "basically",
    "bc",
    "be",
    "because",
    "been",
    "before",
    "being",
    "btw",
    "but",
    "by",
    "can",
    "cant",
    "certainly",
    "completely",
    "could",
    "couldnt",
    "definitely",
    "did",
    "didnt",
    "do",
    "does",
    "doesnt",
    "doing",
    "dont",
    "dozen",
    "eight",
    "eleven",
    "even",
    "everyone",
    "everything",
    "extremely",
    "fairly",
    "fifty",
    "five",
    "for",
    "forty",
    "four",
    "from",
    "fyi",
    "get",
    "gets",
    "gonna",
    "got",
    "had",
    "has",
    "have",
    "having",
    "he",
    "her",
    "here",
    "heres",
    "hes",
    "him",
    "his",
    "how",
    "hows",
    "hundred",
    "i",
    "idk",
    "if",
    "iirc",
    "im",
    "imho",
    "imo",
    "in",
    "into",
    "is",
    "isnt",
    "it",
    "itll",
    "its",
    "ive",
    "just",
    "keep",
    "keeps",
    "kinda",
    "like",
    "literally",
    "lol",
    "lot",
    "lots",
    "maybe",
    "me",
    "more",
    "most",
    "much",
    "my",
    "myself",
    "ngl",
    "nine",
    "of",
    "ok",
    "okay",
    "on",
    "once",
    "only",
    "or",
    "other",
    "our",
    "ours",
    "out",
    "over",
    "own",
    "pls",
    "plz",
    "pretty",
    "probably",
    "quite",
    "rather",
    "really",
    "rn",
    "said",
    "same",
    "say",
    "says",
    "seem",
    "seemed",
    "seems",
    "seven",
    "she",
    "shes",
    "should",
    "shouldnt",
    "six",
    "slightly",
    "smth",
    "so",
    "some",
    "someone",
    "something",
    "somewhat",
    "sorta",
    "sth",
    "still",
    "stuff",
    "such",
    "super",
    "tbh",
    "ten",
    "than",
    "that",
    "thats",
    "the",
    "their",
    "them",
    "then",
    "there",
    "theres",
    "these",
    "they",
    "theyll",
    "theyre",
    "theyve",
    "thing",
    "things",
    "thirty",
    "this",
    "tho",
    "those",
    "thousand",
    "three",
    "thx",
    "to",
    "too",
    "totally",
    "twelve",
    "twenty",
    "two",
    "u",
    "up",
    "ur",
    "very",
    "wanna",
    "want",
    "wanted",
    "wants",
    "was",
    "wasnt",
    "way",
    "ways",
    "we",
    "were",
    "werent",
    "weve",
    "what",
    "whats",
    "when",
    "where",
    "which",
    "while",
    "who",
    "whom",
    "whos",
    "why",
    "will",
    "with",
    "wont",
    "would",
    "wouldnt",
    "yeah",
    "you",
    "youd",
    "youll",
    "your",
    "youre",
    "yours",
    "youve",
];

/// Short forms readers type, spelled out so they meet the chapters' words.
fn expand(word: &str) -> std::borrow::Cow<'_, str> {
    let full = match word {
        "promo" | "promos" => "promotion",
        "llms" => "llm",
        "prs" => "pr",
        "mgr" | "mgmt" => "manager",
        "eng" | "engs" => "engineer",
        "docs" | "doc" => "documentation",
        "ppl" => "people",
        "yr" | "yrs" => "years",
        "wk" | "wks" => "weeks",
        "hrs" => "hours",
        "mos" => "months",
        "dept" => "department",
        "govt" => "government",
        "perf" => "performance",
        "prod" => "production",
        "repo" | "repos" => "repository",
        "dms" => "dm",
        "pms" => "pm",
        "vps" => "vp",
        "ok" | "okay" => "ok",
        _ => return word.into(),
    };
    full.into()
}

/// Words the stemmer would fold into a word of another meaning ("quite"
/// into "quit", "organization" into "organ", "policy" into "police"): kept
/// whole. Sorted.
const UNSTEMMED: &[&str] = &[
    "general",
    "generous",
    "organ",
    "organization",
    "organizations",
    "organs",
    "police",
    "policies",
    "policy",
    "quite",
    "universe",
    "university",
];

/// Stems of one family that the stemmer leaves apart.
fn family(stem: &str) -> &str {
    match stem {
        // priority, priorities -> prioriti; prioritize, prioritization -> priorit
        "prioriti" => "priorit",
        // estimate/estimation are fine; secure/security are fine
        other => other,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn terms(text: &str) -> Vec<String> {
        Analyzer::new()
            .tokens(text)
            .into_iter()
            .map(|t| t.term)
            .collect()
    }

    #[test]
    fn stemming_never_turns_a_word_into_another_word() {
        let analyzer = Analyzer::new();
        assert_ne!(analyzer.term("quite"), analyzer.term("quit"));
        assert_ne!(analyzer.term("organization"), analyzer.term("organ"));
        assert_ne!(analyzer.term("policy"), analyzer.term("police"));
        assert_eq!(analyzer.term("quits"), analyzer.term("quit"));
        assert!(UNSTEMMED.windows(2).all(|w| w[0] < w[1]));
    }

    #[test]
    fn ascii_text_splits_into_the_same_words_either_way() {
        // The general path, for text that is not ASCII: the same text with
        // a non-ASCII space added at the end, which ends a word as a space does.
        let general = |text: &str| words(&format!("{text}\u{a0}"));
        for text in [
            "",
            "don't stop",
            "'quoted' words' end'",
            "engineer's  it's'",
            "a'b'c ''x'' y'",
            "v2.0, L6/L7 & co-founder's 'rules'",
            "trailing'",
            "'",
            "x",
        ] {
            assert_eq!(words(text), general(text), "{text:?}");
        }
        let line = include_str!("../data/asks.tsv");
        for text in line.lines().take(2000) {
            assert_eq!(words(text), general(text), "{text:?}");
        }
    }

    #[test]
    fn a_terms_words_are_found_in_any_form() {
        let a = Analyzer::new();
        let text = "Shipping beats polish; we SHIPPED it. Élan, élite: Prioritising the ship's deadline, ships.";
        let found = |words: &str| -> Vec<&str> {
            let wanted = terms(words);
            let wanted: Vec<&str> = wanted.iter().map(String::as_str).collect();
            a.find_terms(text, &wanted)
                .into_iter()
                .map(|(s, e)| &text[s..e])
                .collect()
        };
        assert_eq!(found("ship"), ["Shipping", "SHIPPED", "ship's", "ships"]);
        assert_eq!(found("elite deadlines"), ["élite", "deadline"]);
        assert_eq!(found("prioritize"), ["Prioritising"]);
        assert_eq!(found("the"), Vec::<&str>::new());
        assert_eq!(found("zebra"), Vec::<&str>::new());
    }

    #[test]
    fn a_phrase_is_found_as_its_terms_one_after_another() {
        let a = Analyzer::new();
        let phrase = |text: &str, words: &str| {
            let wanted = terms(words);
            let wanted: Vec<&str> = wanted.iter().map(String::as_str).collect();
            let found = a.has_phrase(text, &wanted);
            // The same answer as comparing every word's term.
            let all = terms(text);
            assert_eq!(
                found,
                all.windows(wanted.len()).any(|w| w == wanted.as_slice()),
                "{text:?} / {words:?}"
            );
            found
        };
        assert!(phrase(
            "We kept Shipping the deadlines late",
            "shipping deadline"
        ));
        assert!(phrase("shipping to the deadline", "ship deadlines"));
        assert!(!phrase("shipping a hard deadline", "shipping deadline"));
        assert!(!phrase("deadline shipping", "shipping deadline"));
        assert!(phrase("Prioritising the roadmap", "prioritize roadmap"));
        assert!(phrase("my promo packet", "promotion packet"));
        assert!(phrase("glue glue work", "glue work"));
        assert!(!phrase("", "glue work"));
        assert!(!a.has_phrase("glue work", &[]));
    }

    #[test]
    fn spelling_families_meet() {
        let a = Analyzer::new();
        for word in [
            "prioritise",
            "prioritize",
            "prioritising",
            "priorities",
            "priority",
            "prioritization",
        ] {
            assert_eq!(a.term(&fold(word)), "priorit", "{word}");
        }
        assert_eq!(a.term("favour"), a.term("favor"));
        assert_eq!(a.term("favours"), a.term("favors"));
        assert_eq!(a.term("judgement"), a.term("judgment"));
        assert_eq!(a.term("promo"), a.term("promotion"));
    }

    #[test]
    fn folds_case_accents_and_apostrophes() {
        assert_eq!(fold("Naïve"), "naive");
        assert_eq!(fold("DON'T"), "dont");
        assert_eq!(terms("Café RÉSUMÉ"), terms("cafe resume"));
    }

    #[test]
    fn drops_stop_words_and_keeps_offsets() {
        let text = "Can I ship this right now?";
        let tokens = Analyzer::new().tokens(text);
        let words: Vec<&str> = tokens.iter().map(|t| &text[t.start..t.end]).collect();
        assert_eq!(words, ["ship", "right", "now"]);
    }

    #[test]
    fn stop_words_are_sorted_and_all_stopped() {
        assert!(STOP_WORDS.windows(2).all(|w| w[0] < w[1]));
        assert!(STOP_WORDS.iter().all(|w| is_stop_word(w)));
        assert!(!is_stop_word("ship") && !is_stop_word("right") && !is_stop_word("now"));
    }
}
