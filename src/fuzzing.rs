//! Entry points for the fuzz targets in `fuzz/` and for the regression tests
//! that replay their findings (`tests/it/fuzz_regressions.rs`). Each takes
//! arbitrary bytes and must neither panic nor hang; the render target also
//! checks that no control character survives into plain output.

use crate::chapter::Origin;
use crate::index::Index;
use crate::ranking::{Options, Query};
use crate::text::Analyzer;

/// Front matter and whole-chapter parsing and validation.
pub fn parse(data: &[u8]) {
    let _ = crate::parse::parse_chapter("fuzz.md", data, Origin::Added);
}

/// A parsed chapter joining the built-in library: assembly, lookups, tips.
pub fn library(data: &[u8]) {
    let Ok(chapter) = crate::parse::parse_chapter("fuzz.md", data, Origin::Added) else {
        return;
    };
    let name = chapter
        .meta
        .aliases
        .first()
        .cloned()
        .unwrap_or_else(|| chapter.meta.title.clone());
    let mut all = crate::library::builtin_chapters().expect("the built-in library decodes");
    all.push(chapter);
    let (chapters, _) = crate::validate::assemble(all);
    let library = crate::library::Library::from_parts(chapters, Vec::new());
    let _ = library.find(&name);
    let _ = crate::checklist::resolve(&library, None, &name);
    let _ = library.chapters().map(crate::tips::collect);
}

/// A query over the built-in guide's index; if the input has a NUL, the part
/// before it is also indexed as a chapter of its own and searched.
pub fn search(data: &[u8]) {
    let (chapter, query) = match data.iter().position(|&b| b == 0) {
        Some(i) => (Some(&data[..i]), &data[i + 1..]),
        None => (None, data),
    };
    let analyzer = Analyzer::new();
    let Ok(query) = Query::parse(&String::from_utf8_lossy(query), &analyzer) else {
        return;
    };
    let options = Options {
        limit: 5,
        tag: None,
        only: None,
        ranking: Default::default(),
    };
    let builtin = crate::library::Library::builtin().expect("the built-in library decodes");
    let bytes = builtin.index_bytes();
    let mut indexes = vec![bytes.into_owned()];
    if let Some(Ok(c)) = chapter.map(|c| crate::parse::parse_chapter("fuzz.md", c, Origin::Added)) {
        indexes.push(crate::analyze::build_index(&[c]));
    }
    for bytes in &indexes {
        let Some(index) = Index::open(bytes) else {
            panic!("a freshly built index must open")
        };
        let first = crate::ranking::search(&index, &query, &options, &analyzer);
        let again = crate::ranking::search(&index, &query, &options, &analyzer);
        assert_eq!(first, again, "search must be deterministic");
    }
}

/// An index read from arbitrary bytes (a damaged cache): every read is checked.
pub fn index(data: &[u8]) {
    let Some(index) = Index::open(data) else {
        return;
    };
    let analyzer = Analyzer::new();
    for text in ["ship", "spotlight", "a", "zzzz"] {
        if let Ok(query) = Query::parse(text, &analyzer) {
            let options = Options {
                limit: 3,
                tag: Some("x".into()),
                only: None,
                ranking: Default::default(),
            };
            let _ = crate::ranking::search(&index, &query, &options, &analyzer);
            let options = Options {
                tag: None,
                ..options
            };
            let _ = crate::ranking::search(&index, &query, &options, &analyzer);
        }
    }
    let by_doc = index.terms_by_doc();
    for d in 0..index.n_docs.min(8) {
        let _ = index.doc_terms(d, by_doc.get(d as usize).map_or(&[], Vec::as_slice));
    }
}

/// Rendering a parsed chapter and arbitrary markdown: no control character
/// from the input may reach plain output.
pub fn render(data: &[u8]) {
    // Arbitrary markdown as a body, parsed into blocks the way a chapter is.
    let text = format!("---\n---\n{}", String::from_utf8_lossy(data));
    let content = crate::parse::parse_content(&text);
    let pieces = crate::output::markdown::pieces(&content.sections);
    for width in [20, 80] {
        let out = crate::output::markdown::render(&pieces, width, false);
        assert!(
            !out.chars().any(crate::sanitize::is_unsafe),
            "control character in rendered markdown"
        );
    }
    let Ok(chapter) = crate::parse::parse_chapter("fuzz.md", data, Origin::Added) else {
        return;
    };
    let style = crate::output::Style { colour: false };
    let page = crate::output::render::chapter_page(&chapter, &[], style, 60);
    assert!(
        !page.chars().any(crate::sanitize::is_unsafe),
        "control character in a rendered chapter"
    );
    if let Some(checklist) = crate::checklist::Checklist::of(&chapter) {
        let text = crate::output::render::checklist_text(&checklist, style, 60);
        assert!(!text.chars().any(crate::sanitize::is_unsafe));
        let markdown = crate::output::render::checklist_markdown(&checklist);
        assert!(!markdown.chars().any(crate::sanitize::is_unsafe));
    }
}
