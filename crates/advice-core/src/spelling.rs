//! British spellings read as American ones, so a reader who types
//! *organisation*, *behaviour*, *centre* or *cancelled* meets the guide's
//! *organization*, *behavior*, *center* and *canceled*. Applied to every
//! folded word before stemming, in the chapters and in queries alike.
//!
//! Rules, not only a list: the families that differ by a regular ending
//! (`-ise`/`-ize`, `-our`/`-or`, `-tre`/`-ter`, `-lled`/`-led`) are read by
//! rule, each with the words it must leave alone (*advise*, *four*,
//! *genre*, *called*); irregular words are listed. Every rule keeps the
//! word's first letter, as the rest of the analysis does.

use std::borrow::Cow;

/// Irregular words, whole (`$`) or as a prefix of the word.
const LISTED: &[(&str, &str)] = &[
    ("acknowledgement", "acknowledgment"),
    ("ageing$", "aging"),
    ("aluminium", "aluminum"),
    ("analogue", "analog"),
    ("burnt$", "burned"),
    ("catalogue", "catalog"),
    ("cheque", "check"),
    ("defence", "defense"),
    ("dialogue", "dialog"),
    ("dreamt$", "dreamed"),
    ("enrol$", "enroll"),
    ("enrolment", "enrollment"),
    ("epilogue", "epilog"),
    ("fulfil$", "fulfill"),
    ("fulfilment", "fulfillment"),
    ("grey", "gray"),
    ("instalment", "installment"),
    ("jewellery", "jewelry"),
    ("judgement", "judgment"),
    ("leant$", "leaned"),
    ("learnt$", "learned"),
    ("licence", "license"),
    ("manoeuvre$", "maneuver"),
    ("manoeuvred$", "maneuvered"),
    ("manoeuvres$", "maneuvers"),
    ("manoeuvring$", "maneuvering"),
    ("monologue", "monolog"),
    ("mould", "mold"),
    ("offence", "offense"),
    ("plough", "plow"),
    ("practis", "practic"),
    ("pretence", "pretense"),
    ("programme$", "program"),
    ("programmes$", "programs"),
    ("prologue", "prolog"),
    ("sceptic", "skeptic"),
    ("skilful", "skillful"),
    ("spelt$", "spelled"),
    ("spoilt$", "spoiled"),
    ("storey", "story"),
    ("tyre", "tire"),
    ("wilful", "willful"),
];

/// Endings of the `-ise` family, longest first: *organis*-`ation`.
const ISE_ENDINGS: &[&str] = &[
    "isationally",
    "isational",
    "isations",
    "isation",
    "isable",
    "ising",
    "isers",
    "ised",
    "ises",
    "iser",
    "ise",
];

/// Words of the `-ise` family's shape whose `-is-` stays in American
/// spelling, as the part before the ending plus `is` (*advertis*-e),
/// besides those [`ise`] keeps by their shape (*advise*, *surprise*,
/// *noise*, *likewise*). Sorted.
const ISE_KEPT: &[&str] = &[
    "advertis",
    "aris",
    "chastis",
    "circumcis",
    "compromis",
    "concis",
    "demis",
    "despis",
    "excis",
    "exercis",
    "expertis",
    "franchis",
    "imprecis",
    "incis",
    "merchandis",
    "paradis",
    "precis",
    "premis",
    "promis",
    "sunris",
    "surmis",
    "treatis",
    "upris",
];

/// Endings of a stem that keep `-is-` whatever comes before: `-vis`
/// (*advise*, *revise*, *supervise*; not `-ivis`, *incentivise*), `-wis`
/// (*otherwise*), `-pris` (*surprise*, *enterprise*), `-guis` (*disguise*),
/// and a vowel before `is` (*noise*, *raise*, *cruise*): no `-ize` verb
/// ends in them.
const ISE_KEPT_SHAPES: &[&str] = &["vis", "wis", "pris", "guis", "ais", "eis", "ois", "uis"];

/// Prefixes a kept word may carry (*un*-*surpris*-ing, *re*-*vis*-ed).
const KEPT_PREFIXES: &[&str] = &["un", "re", "mis", "pre", "dis", "over", "under", "self"];

/// Endings after `our` in the `-our` family: *colour*-`ful`, *favour*-`ite`.
const OUR_ENDINGS: &[&str] = &[
    "", "s", "ed", "ing", "ite", "ites", "itism", "able", "ably", "al", "ally", "er", "ers",
    "less", "ful", "fully", "hood", "hoods", "ly",
];

/// Words ending in `our` that are not the `-our` family (*four*, *detour*).
/// A word with less than two letters before `our` (*hour*, *your*) is
/// never the family.
const OUR_KEPT: &[&str] = &[
    "amour",
    "contour",
    "detour",
    "devour",
    "flour",
    "paramour",
    "scour",
    "tambour",
    "troubadour",
    "velour",
];

/// Stems whose `l` doubles before an ending in British spelling only
/// (*cancel*-led, *travel*-ling).
const DOUBLED_L: &[&str] = &[
    "barrel", "bevel", "cancel", "channel", "chisel", "counsel", "dial", "duel", "equal", "fuel",
    "funnel", "gravel", "grovel", "initial", "jewel", "kennel", "label", "level", "libel",
    "marvel", "model", "panel", "parcel", "pedal", "pencil", "quarrel", "revel", "rival", "shovel",
    "signal", "snorkel", "spiral", "swivel", "total", "towel", "travel", "tunnel",
];

/// Endings after a doubled `l`: *cancel*-l-`ed`, *counsel*-l-`or`.
const DOUBLED_L_ENDINGS: &[&str] = &["ed", "ing", "er", "ers", "or", "ors", "ous", "ist", "ists"];

/// The American spelling of a folded word (the word itself if it has none).
pub fn american(word: &str) -> Cow<'_, str> {
    let first = word.as_bytes().first();
    for (british, american) in LISTED {
        // Most words share no first letter with an entry: one byte says so.
        if british.as_bytes().first() != first {
            continue;
        }
        if let Some(whole) = british.strip_suffix('$') {
            if word == whole {
                return Cow::Owned(american.to_string());
            }
        } else if let Some(rest) = word.strip_prefix(british) {
            return Cow::Owned(format!("{american}{rest}"));
        }
    }
    if !may_follow_a_rule(word) {
        return Cow::Borrowed(word);
    }
    if let Some(found) = ise(word).or_else(|| yse(word)).or_else(|| our(word)) {
        return Cow::Owned(found);
    }
    if let Some(found) = tre(word).or_else(|| doubled_l(word)) {
        return Cow::Owned(found);
    }
    Cow::Borrowed(word)
}

/// Whether some rule below could apply, by the two letters each one's
/// words must hold: `is` ([`ise`]), `ys` ([`yse`]), `ou` ([`our`]), `re`
/// ([`tre`]), `ll` ([`doubled_l`]). Most words hold none, and are left
/// alone without trying the rules one by one.
fn may_follow_a_rule(word: &str) -> bool {
    word.as_bytes()
        .windows(2)
        .any(|pair| matches!(pair, b"is" | b"ys" | b"ou" | b"re" | b"ll"))
}

/// `organise`, `prioritisation`, `minimising` -> `-iz-`.
fn ise(word: &str) -> Option<String> {
    let ending = ISE_ENDINGS.iter().find(|e| word.ends_with(*e))?;
    let base = &word[..word.len() - ending.len()];
    // Short bases are other words (`rise`, `wise`, `vise`).
    if base.len() < 3 {
        return None;
    }
    let stem = format!("{base}is");
    let kept = |s: &str| ISE_KEPT.binary_search(&s).is_ok();
    if ISE_KEPT_SHAPES.iter().any(|k| stem.ends_with(k)) && !stem.ends_with("ivis")
        || kept(&stem)
        || KEPT_PREFIXES
            .iter()
            .any(|p| stem.strip_prefix(p).is_some_and(kept))
    {
        return None;
    }
    Some(format!("{base}iz{}", &ending[2..]))
}

/// `analyse`, `paralysed` -> `-yz-` (not `analyses`, the plural of
/// *analysis*, nor `analysis` itself, which have no ending here).
fn yse(word: &str) -> Option<String> {
    let ending = ["lysed", "lysing", "lyse"]
        .iter()
        .find(|e| word.ends_with(*e))?;
    let base = &word[..word.len() - ending.len()];
    (base.len() >= 2).then(|| format!("{base}lyz{}", &ending[3..]))
}

/// `behaviour`, `favourite`, `colourful` -> `-or-`.
fn our(word: &str) -> Option<String> {
    let at = word.rfind("our")?;
    let (head, rest) = (&word[..at], &word[at + 3..]);
    if head.len() < 2 || !OUR_ENDINGS.contains(&rest) {
        return None;
    }
    let whole = &word[..at + 3];
    if OUR_KEPT.contains(&whole) {
        return None;
    }
    Some(format!("{head}or{rest}"))
}

/// `centre`, `theatres`, `fibre` -> `-ter`, `-ber`.
fn tre(word: &str) -> Option<String> {
    for (british, american) in [("tre", "ter"), ("bre", "ber")] {
        // Not `-tred`: *hatred* is no *hater*.
        for ending in ["", "s"] {
            let Some(base) = word
                .strip_suffix(ending)
                .and_then(|w| w.strip_suffix(british))
            else {
                continue;
            };
            if base.len() >= 2 {
                return Some(format!("{base}{american}{ending}"));
            }
        }
    }
    None
}

/// `cancelled`, `travelling`, `marvellous` -> one `l`.
fn doubled_l(word: &str) -> Option<String> {
    DOUBLED_L.iter().find_map(|stem| {
        let rest = word.strip_prefix(stem)?.strip_prefix('l')?;
        DOUBLED_L_ENDINGS
            .contains(&rest)
            .then(|| format!("{stem}{rest}"))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_word_passed_over_follows_no_rule() {
        let british = [
            "organise",
            "analysed",
            "colour",
            "centre",
            "fibres",
            "cancelled",
        ];
        let words = include_str!("../data/asks.tsv")
            .split(|c: char| !c.is_ascii_alphabetic())
            .map(str::to_ascii_lowercase)
            .chain(british.iter().chain(&["is", "our"]).map(|w| w.to_string()));
        let mut tried = 0;
        for word in words {
            if !may_follow_a_rule(&word) {
                tried += 1;
                assert_eq!(ise(&word), None, "{word}");
                assert_eq!(yse(&word), None, "{word}");
                assert_eq!(our(&word), None, "{word}");
                assert_eq!(tre(&word), None, "{word}");
                assert_eq!(doubled_l(&word), None, "{word}");
            }
        }
        assert!(tried > 10_000);
        for word in british {
            assert!(may_follow_a_rule(word), "{word}");
        }
    }

    #[test]
    fn tables_are_sorted_for_lookup() {
        assert!(ISE_KEPT.windows(2).all(|w| w[0] < w[1]));
    }

    #[test]
    fn british_spellings_read_as_american() {
        for (british, american_form) in [
            ("organisation", "organization"),
            ("reorganised", "reorganized"),
            ("prioritising", "prioritizing"),
            ("criticise", "criticize"),
            ("monetise", "monetize"),
            ("incentivised", "incentivized"),
            ("organisational", "organizational"),
            ("analysed", "analyzed"),
            ("behavioural", "behavioral"),
            ("favourite", "favorite"),
            ("neighbourhood", "neighborhood"),
            ("centre", "center"),
            ("theatres", "theaters"),
            ("fibre", "fiber"),
            ("cancelled", "canceled"),
            ("travelling", "traveling"),
            ("counsellor", "counselor"),
            ("marvellous", "marvelous"),
            ("judgement", "judgment"),
            ("learnt", "learned"),
            ("manoeuvre", "maneuver"),
            ("practised", "practiced"),
            ("jewellery", "jewelry"),
            ("programmes", "programs"),
        ] {
            assert_eq!(american(british), american_form, "{british}");
        }
    }

    #[test]
    fn words_of_the_same_shape_are_left_alone() {
        for word in [
            "advise",
            "advisable",
            "revised",
            "supervise",
            "exercise",
            "surprising",
            "unsurprising",
            "enterprise",
            "otherwise",
            "likewise",
            "noise",
            "raised",
            "cruise",
            "promise",
            "compromise",
            "premises",
            "expertise",
            "advertise",
            "precise",
            "franchise",
            "rise",
            "wise",
            "crisis",
            "analysis",
            "analyses",
            "hour",
            "hours",
            "four",
            "your",
            "yours",
            "tour",
            "detours",
            "devoured",
            "flour",
            "journal",
            "courage",
            "source",
            "resourced",
            "hourly",
            "genre",
            "acre",
            "hatred",
            "inbred",
            "called",
            "installed",
            "controlled",
            "cancellation",
            "totally",
            "initially",
            "model",
            "level",
            "programmer",
        ] {
            assert_eq!(american(word), word, "{word}");
        }
    }
}
