//! `advice search QUERY...`: ranked full-text search over the library.

use crate::cli::SearchArgs;
use crate::error::Failure;
use crate::index::Index;
use crate::library::Library;
use crate::output::view::HitJson;
use crate::output::{Output, render};
use crate::ranking::{self, Options, Query, QueryError};
use crate::sanitize::visible;
use crate::text::Analyzer;
use anyhow::Result;
use std::process::ExitCode;

pub fn execute(args: &SearchArgs, library: &Library, out: &mut Output) -> Result<ExitCode> {
    let input = query_text(&args.query);
    let analyzer = Analyzer::new();
    let query = Query::parse(&input, &analyzer).map_err(|e| match e {
        QueryError::NoWords => Failure::usage("the search query has no words")
            .hint("Describe your situation in a few words, e.g. `advice search missed deadline`."),
        QueryError::OnlyStopWords => Failure::usage(
            "the search query only has very common words (like 'the' or 'how')",
        )
        .hint("Add a word that says what it is about, e.g. `advice search how to get promoted`."),
    })?;
    if query.truncated {
        out.warn(&[format!(
            "the query is long; searching only its first {} bytes and {} distinct words",
            ranking::MAX_QUERY_BYTES,
            ranking::MAX_QUERY_TERMS
        )]);
    }
    let (options, outcome) = library.with_index(|index| -> Result<_> {
        let tag = match &args.tag {
            Some(tag) => Some(check_tag(index, super::bounded_name(tag, "tag")?)?),
            None => None,
        };
        let options = Options {
            limit: usize::from(args.limit),
            tag,
            only: None,
            ranking: Default::default(),
        };
        let outcome = ranking::search(index, &query, &options, &analyzer);
        Ok((options, outcome))
    })??;
    // Said in every mode, on stderr: JSON stays an array of hits.
    let corrections: Vec<String> = outcome
        .corrections
        .iter()
        .map(|(typed, used)| format!("'{typed}' is not in the guide; searched for '{used}'"))
        .collect();
    out.warn(&corrections);
    // One decision for the query, on its best hit: if that fits, the hits
    // are shown in rank order, leaving out lower ones that hold little of
    // the query; if it does not, nothing fits (text lists the closest, marked
    // weak). With --weak every hit is shown, each marked.
    let shown: Vec<&ranking::Hit> = if args.weak {
        outcome.hits.iter().collect()
    } else if outcome.fits() {
        let mut hits = outcome.hits.iter();
        hits.next()
            .into_iter()
            .chain(hits.filter(|h| !h.is_weak()))
            .collect()
    } else {
        Vec::new()
    };
    if args.json && (outcome.hits.is_empty() || shown.is_empty()) {
        // Always valid JSON: an empty array, and "nothing found".
        out.json(&[(); 0])?;
        return Ok(ExitCode::from(crate::error::NOT_FOUND));
    }
    // Naming what the guide leaves out, when the query names it.
    // Else saying why, when the query reads like one about another subject.
    let leaves_out = match outcome.uncovered.as_slice() {
        [] if outcome.off_topic => {
            ": it reads like a question about something the guide does not cover".to_string()
        }
        [] => String::new(),
        subjects => format!(": the guide does not cover {}", subjects.join(" or ")),
    };
    if outcome.hits.is_empty() {
        let mut failure = Failure::not_found(format!(
            "nothing in the guide matches '{}'{leaves_out}",
            visible(input.trim())
        ));
        // A word spelt near the one asked about is no help when the
        // reader asked about something the guide leaves out (`401k`).
        if !outcome.suggestions.is_empty() && outcome.uncovered.is_empty() {
            failure = failure.hint(format!("did you mean: {}?", outcome.suggestions.join(", ")));
        }
        if options.tag.is_some() {
            failure = failure.hint("Try again without --tag.");
        }
        return Err(failure
            .hint("`advice topics` lists the guide's topics; `advice list` every chapter.")
            .into());
    }
    if args.json {
        let hits: Vec<HitJson> = shown
            .iter()
            .enumerate()
            .map(|(i, h)| HitJson::new(i + 1, h, args.weak))
            .collect();
        out.json(&hits)?;
        return Ok(ExitCode::SUCCESS);
    }
    if shown.is_empty() {
        // Nothing fits well: say so, and show the closest few, marked weak.
        let closest: Vec<&ranking::Hit> = outcome.hits.iter().take(3).collect();
        let heading = format!(
            "No chapter fits '{}' well{leaves_out}. The closest, each a weak match:",
            visible(input.trim())
        );
        let mut text = render::wrap(&heading, out.width, 0, 0).join("\n");
        text.push_str("\n\n");
        text.push_str(&render::search_results(&closest, out.style, out.width));
        if out.is_terminal() {
            remember(&input, &closest);
        }
        out.page(&text)?;
        return Ok(ExitCode::from(crate::error::NOT_FOUND));
    }
    if out.is_terminal() {
        remember(&input, &shown);
    }
    out.page(&render::search_results(&shown, out.style, out.width))?;
    Ok(ExitCode::SUCCESS)
}

/// The chapter a search for `text` puts first, if it fits well (for a
/// hint when a name matched nothing).
pub fn best_match<'a>(library: &'a Library, text: &str) -> Option<&'a crate::chapter::Chapter> {
    let analyzer = Analyzer::new();
    let query = Query::parse(text, &analyzer).ok()?;
    let options = Options {
        limit: 1,
        tag: None,
        only: None,
        ranking: Default::default(),
    };
    let outcome = library
        .with_index(|index| ranking::search(index, &query, &options, &analyzer))
        .ok()?;
    let hit = outcome.hits.first().filter(|h| !h.is_weak())?;
    library.get(&hit.slug).ok().flatten()
}

/// Keeps the results shown, in order, for `advice open N` (only for a
/// reader at a terminal: a script's searches leave the reader's state alone).
fn remember(query: &str, hits: &[&ranking::Hit]) {
    let hits = hits
        .iter()
        .take(crate::state::REMEMBERED_HITS)
        .map(|h| h.slug.clone())
        .collect();
    crate::state::State::searched(&crate::state::LastSearch {
        query: query.trim().to_string(),
        hits,
    });
}

/// The arguments as one query. The shell has already removed the quotes of
/// `advice search "ship right now"`, so an argument with spaces in it is
/// taken as a quoted phrase. (A whole question in quotes becomes a phrase
/// too, which is harmless: a phrase only adds to the score where it occurs.)
pub fn query_text(args: &[String]) -> String {
    args.iter()
        .map(|a| {
            if a.trim().contains(char::is_whitespace) && !a.contains('"') {
                format!("\"{a}\"")
            } else {
                a.clone()
            }
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// The tag as the library spells it, or a usage error with suggestions.
fn check_tag(index: &Index, tag: &str) -> Result<String> {
    let wanted = tag.trim().to_lowercase().replace(' ', "-");
    let tags: Vec<&str> = (0..index.n_docs)
        .filter_map(|d| index.doc_tags(d))
        .flat_map(|t| t.split('\n'))
        .collect();
    if tags.contains(&wanted.as_str()) {
        return Ok(wanted);
    }
    // Exit 1, as `advice topics TAG` does: nothing carries the tag.
    let mut failure = Failure::not_found(format!("no chapter is tagged '{}'", visible(tag)));
    let close = crate::suggest::closest(&wanted, tags.iter().copied(), 3);
    if !close.is_empty() {
        failure = failure.hint(format!("did you mean: {}?", close.join(", ")));
    }
    Err(failure.hint("`advice topics` lists every tag.").into())
}
