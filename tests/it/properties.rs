//! Properties that must hold for any input: search never panics and is
//! deterministic, a chapter `lint` passes always loads, every chapter that
//! loads renders without control characters, and JSON output always parses.

use advice::chapter::Origin;
use advice::index::Index;
use advice::library::Library;
use advice::parse::parse_chapter;
use advice::ranking::{Options, Query, search};
use advice::text::Analyzer;
use proptest::prelude::*;

fn options() -> Options {
    Options {
        limit: 5,
        tag: None,
        only: None,
        ranking: Default::default(),
    }
}

/// Text with words, punctuation, quotes, unicode and control characters.
fn messy_text() -> impl Strategy<Value = String> {
    prop::collection::vec(
        prop_oneof![
            "[a-zA-Z]{1,12}",
            Just("\"".to_string()),
            Just("'".to_string()),
            "[ \\t\\n]{1,3}",
            "[\\x00-\\x1f\\x7f]",
            "[\\u{80}-\\u{9f}]",
            "[àéîøüßñ漢字🙂]{1,3}",
            "[-_*#\\[\\]()!?.,;:]{1,3}",
        ],
        0..40,
    )
    .prop_map(|parts| parts.concat())
}

/// Every kind of Unicode whitespace lint lets through, and combining marks.
const WIDE_SPACES: &[char] = &[
    ' ', '\u{a0}', '\u{1680}', '\u{2000}', '\u{2003}', '\u{2007}', '\u{2009}', '\u{200a}',
    '\u{2028}', '\u{202f}', '\u{205f}', '\u{3000}', '\u{85}',
];

/// Words joined by any of [`WIDE_SPACES`], some with combining marks.
fn spaced_text() -> impl Strategy<Value = String> {
    prop::collection::vec(
        (
            "[a-zé漢🙂]{1,9}",
            prop::sample::select(WIDE_SPACES),
            prop::bool::ANY,
        ),
        1..60,
    )
    .prop_map(|parts| {
        parts
            .into_iter()
            .map(|(word, space, mark)| {
                let mark = if mark { "\u{301}" } else { "" };
                format!("{word}{mark}{space}")
            })
            .collect()
    })
}

/// A chapter whose front matter is valid and whose text is anything.
fn chapter_with(title: &str, body: &str, item: &str) -> String {
    let title = title.replace(['\n', '\r'], " ");
    format!(
        "---\nslug: prop\ntitle: {title:?}\npart: Team notes\norder: 900\nsummary: Property test.\ntags: [team, notes, prop]\ndangerous: Anything goes.\nchecklist:\n  name: prop-check\n  title: Checks\n---\n\n# {}\n\n{body}\n\n## Checklist\n- [ ] {item}\n",
        title.trim()
    )
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 200, .. ProptestConfig::default() })]

    #[test]
    fn search_never_panics_and_is_deterministic(query in messy_text()) {
        let library = Library::builtin().expect("the built-in library decodes");
        let bytes = library.index_bytes();
        let index = Index::open(&bytes).expect("index");
        let analyzer = Analyzer::new();
        if let Ok(parsed) = Query::parse(&query, &analyzer) {
            let a = search(&index, &parsed, &options(), &analyzer);
            let b = search(&index, &parsed, &options(), &analyzer);
            prop_assert_eq!(&a, &b);
            for hit in &a.hits {
                prop_assert!(hit.highlights.iter().all(|(s, e)| s < e && *e <= hit.snippet.len() && hit.snippet.is_char_boundary(*s) && hit.snippet.is_char_boundary(*e)));
            }
        }
    }

    #[test]
    fn a_snippet_window_walks_any_whitespace(text in spaced_text(), at in 0usize..400, width in 0usize..120) {
        // Marks on character boundaries, like the analyser's.
        let bounds: Vec<usize> = text.char_indices().map(|(i, _)| i).collect();
        let start = bounds[at % bounds.len()];
        let end = text[start..].char_indices().nth(1).map_or(text.len(), |(i, _)| start + i);
        let (snippet, marks) = advice::output::render::window(&text, &[(start, end)], width);
        for (s, e) in marks {
            prop_assert!(s < e && e <= snippet.len() && snippet.is_char_boundary(s) && snippet.is_char_boundary(e));
        }
    }

}

// Each case here builds a library index, so fewer cases.
proptest! {
    #![proptest_config(ProptestConfig { cases: 48, .. ProptestConfig::default() })]

    #[test]
    fn a_chapter_that_parses_loads_into_the_library_and_renders_cleanly(title in "[A-Z][a-z]{2,10}( [a-z]{1,8}){0,4}", body in messy_text(), item in "[a-z]{4,10}( [a-z]{4,10}){1,3}") {
        let text = chapter_with(&title, &body, &item);
        // A body may break the format (a second "# Title"); those are lint's business.
        let parsed = parse_chapter("prop.md", text.as_bytes(), Origin::Added);
        prop_assume!(parsed.is_ok());
        if let Ok(chapter) = parsed {
            // What lint accepts, the library loads.
            let mut all = advice::library::builtin_chapters().expect("built-in");
            all.push(chapter.clone());
            let (chapters, problems) = advice::validate::assemble(all);
            prop_assert!(problems.iter().all(|p| !p.dropped), "{:?}", problems);
            prop_assert!(chapters.iter().any(|c| c.meta.slug == "prop"));
            // What loads renders without control characters, at any width.
            for width in [20, 80, 200] {
                let page = advice::output::render::chapter_page(&chapter, &[], advice::output::Style { colour: false }, width);
                prop_assert!(!page.chars().any(advice::sanitize::is_unsafe), "{:?}", page);
            }
            // And searching for its words finds it.
            let library = Library::from_parts(chapters, Vec::new());
            let bytes = library.index_bytes();
            let index = Index::open(&bytes).expect("index");
            let analyzer = Analyzer::new();
            let query = Query::parse(&item, &analyzer).expect("words");
            let hits = search(&index, &query, &Options { limit: 40, ..options() }, &analyzer).hits;
            prop_assert!(hits.iter().any(|h| h.slug == "prop"), "{:?} not found by {:?}", chapter.meta.slug, item);
        }
    }

    #[test]
    fn search_snippets_of_chapters_with_wide_spaces_never_panic(body in spaced_text(), width in 10usize..200) {
        let text = chapter_with("Spaces", &body, "Find the zeppelin today");
        if let Ok(chapter) = parse_chapter("prop.md", text.as_bytes(), Origin::Added) {
            let library = Library::from_parts(vec![chapter], Vec::new());
            let bytes = library.index_bytes();
            let index = Index::open(&bytes).expect("index");
            let analyzer = Analyzer::new();
            let words: String = body.split_whitespace().take(3).collect::<Vec<_>>().join(" ");
            if let Ok(query) = Query::parse(&words, &analyzer) {
                for hit in search(&index, &query, &options(), &analyzer).hits {
                    let _ = advice::output::render::window(&hit.snippet, &hit.highlights, width);
                }
            }
        }
    }

    #[test]
    fn any_front_matter_text_is_parsed_or_refused_without_panicking(title in messy_text(), body in messy_text()) {
        let text = chapter_with(&title, &body, "Do the thing today");
        let _ = parse_chapter("prop.md", text.as_bytes(), Origin::Added);
        let _ = parse_chapter("prop.md", body.as_bytes(), Origin::Added);
    }

    #[test]
    fn json_output_always_parses(title in "[A-Z][a-z]{2,10}", body in messy_text()) {
        let text = chapter_with(&title, &body, "Do the thing today");
        if let Ok(chapter) = parse_chapter("prop.md", text.as_bytes(), Origin::Added) {
            let library = Library::from_parts(vec![chapter], Vec::new());
            let chapter = &library.chapters().expect("chapters")[0];
            let value = advice::output::view::ChapterJson::new(chapter, &[]);
            // As `--json` prints it, escaping included.
            let json = advice::output::json_text(&value).expect("serialises");
            prop_assert!(!json.chars().any(advice::sanitize::is_unsafe), "{:?}", json);
            let back: serde_json::Value = serde_json::from_str(&json).expect("parses");
            prop_assert_eq!(back["slug"].as_str(), Some("prop"));
            let entries = advice::cmd::list::contents(&library).expect("contents");
            let json = advice::output::json_text(&entries).expect("serialises");
            prop_assert!(serde_json::from_str::<serde_json::Value>(&json).is_ok());
        }
    }
}
