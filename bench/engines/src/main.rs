//! advice's search against a stock engine, side by side: tantivy with its
//! defaults (BM25, the `en_stem` tokenizer, a QueryParser over title,
//! summary, tags and aliases, and body) indexes the same chapter files, once
//! as they are and once with what readers type (`data/asks.tsv`) as one
//! more field, so the table tells the data from the ranking; and all
//! both answer the development sets (tests/it/relevance.rs,
//! development.tsv, development3.tsv, jargon.tsv, development4.tsv,
//! development5.tsv, development6.tsv, development7.tsv,
//! development8.tsv, development9.tsv) and the fifteen blind validation sets
//! (tests/it/validation.tsv, validation2.tsv to validation15.tsv), and the
//! pool of the last four, which issue 17's targets are judged on. Prints
//! hit@1, hit@3 and MRR per set, hit@1 per kind (with its counts) for
//! those written as tables, and, for the second development set (tuning
//! data) alone, the
//! queries where the stock engine does better. Of the validation sets,
//! aggregates only.
//!
//! Run from the repository: `bench/run engines`.

use advice_core::chapter::Origin;
use std::collections::BTreeMap;
use tantivy::collector::TopDocs;
use tantivy::query::QueryParser;
use tantivy::schema::{
    IndexRecordOption, STORED, STRING, Schema, TextFieldIndexing, TextOptions, Value,
};
use tantivy::{Index, TantivyDocument, doc};

/// A query, its kind, and the slugs that answer it (empty: out of scope).
#[derive(Clone)]
struct Case {
    query: String,
    kind: String,
    expected: Vec<String>,
}

fn main() {
    let chapters = load("chapters");
    let dev = dev_set("tests/it/relevance.rs");
    let validation = tsv_set("tests/it/validation.tsv");
    let second = tsv_set("tests/it/development.tsv");
    let third = tsv_set("tests/it/development3.tsv");
    let jargon = tsv_set("tests/it/jargon.tsv");
    let fourth = tsv_set("tests/it/development4.tsv");
    let fifth = tsv_set("tests/it/development5.tsv");
    let sixth = tsv_set("tests/it/development6.tsv");
    let seventh = tsv_set("tests/it/development7.tsv");
    let eighth = tsv_set("tests/it/development8.tsv");
    let ninth = tsv_set("tests/it/development9.tsv");
    let validation2 = tsv_set("tests/it/validation2.tsv");
    let validation3 = tsv_set("tests/it/validation3.tsv");
    let validation4 = tsv_set("tests/it/validation4.tsv");
    let validation5 = tsv_set("tests/it/validation5.tsv");
    let validation6 = tsv_set("tests/it/validation6.tsv");
    let validation7 = tsv_set("tests/it/validation7.tsv");
    let validation8 = tsv_set("tests/it/validation8.tsv");
    let validation9 = tsv_set("tests/it/validation9.tsv");
    let validation10 = tsv_set("tests/it/validation10.tsv");
    let validation11 = tsv_set("tests/it/validation11.tsv");
    let validation12 = tsv_set("tests/it/validation12.tsv");
    let validation13 = tsv_set("tests/it/validation13.tsv");
    let validation14 = tsv_set("tests/it/validation14.tsv");
    let validation15 = tsv_set("tests/it/validation15.tsv");
    // The twelfth to fifteenth, read with the same engine (DESIGN, the
    // fifteenth session): a kind holds 5 to 105 queries in one set, so
    // kinds are compared on the pool.
    let pool: Vec<Case> = [&validation12, &validation13, &validation14, &validation15]
        .into_iter()
        .flatten()
        .cloned()
        .collect();

    // advice: the index build.rs makes, and the ranking the binary runs.
    let bytes = advice_core::analyze::build_index(&chapters);
    let index = advice_core::index::Index::open(&bytes).expect("advice index");
    let analyzer = advice_core::text::Analyzer::new();
    let options = advice_core::ranking::Options {
        limit: 3,
        tag: None,
        only: None,
        ranking: Default::default(),
    };
    let ours = |query: &str| -> Vec<String> {
        match advice_core::ranking::Query::parse(query, &analyzer) {
            Ok(q) => advice_core::ranking::search(&index, &q, &options, &analyzer)
                .hits
                .into_iter()
                .map(|h| h.slug)
                .collect(),
            Err(_) => Vec::new(),
        }
    };

    // tantivy, stock; and the same given what readers type (data/asks.tsv)
    // as one more field, to tell what the data adds from what the ranking does.
    let stock = Stock::new(&chapters, false);
    let stock_asks = Stock::new(&chapters, true);
    let theirs = |query: &str| stock.search(query);
    let theirs_asks = |query: &str| stock_asks.search(query);

    for (name, set) in [
        ("development", &dev),
        ("second development", &second),
        ("third development", &third),
        ("jargon and typos", &jargon),
        ("fourth development", &fourth),
        ("fifth development", &fifth),
        ("sixth development", &sixth),
        ("seventh development", &seventh),
        ("eighth development", &eighth),
        ("ninth development", &ninth),
        ("validation", &validation),
        ("second validation", &validation2),
        ("third validation", &validation3),
        ("fourth validation", &validation4),
        ("fifth validation", &validation5),
        ("sixth validation", &validation6),
        ("seventh validation", &validation7),
        ("eighth validation", &validation8),
        ("ninth validation", &validation9),
        ("tenth validation", &validation10),
        ("eleventh validation", &validation11),
        ("twelfth validation", &validation12),
        ("thirteenth validation", &validation13),
        ("fourteenth validation", &validation14),
        ("fifteenth validation", &validation15),
        ("pooled twelfth to fifteenth validation", &pool),
    ] {
        println!(
            "{name} set ({} in-scope queries)",
            set.iter().filter(|c| !c.expected.is_empty()).count()
        );
        println!(
            "  {:<13} {:>6} {:>6} {:>6}",
            "engine", "hit@1", "hit@3", "MRR"
        );
        for (engine, run) in [
            ("advice", &ours as &dyn Fn(&str) -> Vec<String>),
            ("tantivy", &theirs),
            ("tantivy+asks", &theirs_asks),
        ] {
            let (h1, h3, mrr, kinds) = score(set, run);
            println!("  {engine:<13} {h1:>6.3} {h3:>6.3} {mrr:>6.3}");
            if name != "development" {
                let per: Vec<String> = kinds
                    .iter()
                    .map(|(k, (first, all))| {
                        format!(
                            "{k} {:.2} ({first}/{all})",
                            f64::from(*first) / f64::from(*all)
                        )
                    })
                    .collect();
                println!("    hit@1 by kind: {}", per.join(", "));
            }
        }
    }
    // Tuning data only (never the validation set): where the stock engine
    // puts the answer higher.
    println!("second development set, where a tantivy ranks the answer higher:");
    for case in second.iter().filter(|c| !c.expected.is_empty()) {
        let rank = |ranked: Vec<String>| {
            ranked
                .iter()
                .position(|s| case.expected.contains(s))
                .unwrap_or(9)
        };
        let (a, t) = (rank(ours(&case.query)), rank(theirs(&case.query)));
        let ta = rank(theirs_asks(&case.query));
        if t < a || ta < a {
            println!(
                "  {} {:?}: advice {a}, tantivy {t}, tantivy+asks {ta}",
                case.kind, case.query
            );
        }
    }
}

/// tantivy with its defaults over title, summary, tags and aliases, and
/// body (and, if asked, what readers type when the chapter helps).
struct Stock {
    searcher: tantivy::Searcher,
    parser: QueryParser,
    slug: tantivy::schema::Field,
}

impl Stock {
    fn new(chapters: &[advice_core::chapter::Chapter], with_asks: bool) -> Stock {
        // TEXT with tantivy's own English stemmer (`en_stem`, built in),
        // so that `projects` meets `project` as it does in advice.
        let text = TextOptions::default().set_indexing_options(
            TextFieldIndexing::default()
                .set_tokenizer("en_stem")
                .set_index_option(IndexRecordOption::WithFreqsAndPositions),
        );
        let mut schema = Schema::builder();
        let slug = schema.add_text_field("slug", STRING | STORED);
        let title = schema.add_text_field("title", text.clone());
        let summary = schema.add_text_field("summary", text.clone());
        let names = schema.add_text_field("names", text.clone());
        let body = schema.add_text_field("body", text.clone());
        let asks = schema.add_text_field("asks", text);
        let schema = schema.build();
        let index = Index::create_in_ram(schema);
        let mut writer = index.writer(50_000_000).expect("writer");
        for c in chapters {
            let meta = &c.meta;
            let mut tags = meta.tags.join(" ");
            tags.push(' ');
            tags.push_str(&meta.aliases.join(" "));
            let lines: Vec<&str> = if with_asks {
                advice_core::asks::for_chapter(&meta.slug).collect()
            } else {
                Vec::new()
            };
            writer
                .add_document(doc!(
                    slug => meta.slug.clone(),
                    title => meta.title.clone(),
                    summary => meta.summary.clone(),
                    names => tags,
                    body => c.body().to_string(),
                    asks => lines.join("\n"),
                ))
                .expect("add");
        }
        writer.commit().expect("commit");
        let searcher = index.reader().expect("reader").searcher();
        let mut fields = vec![title, summary, names, body];
        if with_asks {
            fields.push(asks);
        }
        // Stock: OR between words, tantivy's default.
        let parser = QueryParser::for_index(&index, fields);
        Stock {
            searcher,
            parser,
            slug,
        }
    }

    fn search(&self, query: &str) -> Vec<String> {
        let cleaned: String = query
            .chars()
            .map(|c| {
                if c.is_alphanumeric() || c == ' ' {
                    c
                } else {
                    ' '
                }
            })
            .collect();
        let Ok(q) = self.parser.parse_query(&cleaned) else {
            return Vec::new();
        };
        let Ok(top) = self.searcher.search(&q, &TopDocs::with_limit(3)) else {
            return Vec::new();
        };
        top.into_iter()
            .filter_map(|(_, address)| {
                let d: TantivyDocument = self.searcher.doc(address).ok()?;
                d.get_first(self.slug)?.as_str().map(str::to_string)
            })
            .collect()
    }
}

/// hit@1, hit@3, MRR over the in-scope cases, and hit@1 per kind.
fn score(
    cases: &[Case],
    run: &dyn Fn(&str) -> Vec<String>,
) -> (f64, f64, f64, BTreeMap<String, (u32, u32)>) {
    let (mut n, mut h1, mut h3, mut rr) = (0.0, 0.0, 0.0, 0.0);
    let mut kinds: BTreeMap<String, (u32, u32)> = BTreeMap::new();
    for case in cases.iter().filter(|c| !c.expected.is_empty()) {
        let ranked = run(&case.query);
        let rank = ranked.iter().position(|s| case.expected.contains(s));
        n += 1.0;
        let first = f64::from(u8::from(rank == Some(0)));
        h1 += first;
        h3 += f64::from(u8::from(rank.is_some()));
        rr += rank.map_or(0.0, |r| 1.0 / (r as f64 + 1.0));
        let entry = kinds.entry(case.kind.clone()).or_default();
        entry.0 += u32::from(rank == Some(0));
        entry.1 += 1;
    }
    (h1 / n, h3 / n, rr / n, kinds)
}

fn load(dir: &str) -> Vec<advice_core::chapter::Chapter> {
    let mut files: Vec<_> = std::fs::read_dir(dir)
        .expect("chapters/")
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "md"))
        .collect();
    files.sort();
    let chapters = files
        .iter()
        .map(|p| {
            let bytes = std::fs::read(p).expect("read");
            advice_core::parse::parse_chapter(&p.display().to_string(), &bytes, Origin::BuiltIn)
                .expect("a valid chapter")
        })
        .collect();
    advice_core::validate::assemble(chapters).0
}

/// The development set, read from the relevance suite's source.
fn dev_set(path: &str) -> Vec<Case> {
    let source = std::fs::read_to_string(path).expect("relevance.rs");
    let cases = source
        .split("const CASES")
        .nth(1)
        .and_then(|s| s.split("];").next())
        .unwrap_or_default();
    let mut out = Vec::new();
    let mut strings = Vec::new();
    for part in cases.split('(').skip(1) {
        strings.clear();
        let mut rest = part;
        while let Some(start) = rest.find('"') {
            let after = &rest[start + 1..];
            let Some(end) = after.find('"') else { break };
            strings.push(after[..end].to_string());
            rest = &after[end + 1..];
        }
        if let Some((query, expected)) = strings.split_first().filter(|(_, e)| !e.is_empty()) {
            out.push(Case {
                query: query.clone(),
                kind: "dev".to_string(),
                expected: expected.to_vec(),
            });
        }
    }
    out
}

/// A set written as `query<TAB>kind<TAB>slugs` (validation.tsv, development.tsv).
fn tsv_set(path: &str) -> Vec<Case> {
    std::fs::read_to_string(path)
        .expect("a query set")
        .lines()
        .filter_map(|line| {
            let mut f = line.split('\t');
            let (query, kind, expected) = (f.next()?, f.next()?, f.next()?);
            Some(Case {
                query: query.to_string(),
                // One set wrote `keywords` for what the rest call `keyword`.
                kind: if kind == "keywords" { "keyword" } else { kind }.to_string(),
                expected: if kind == "out" {
                    Vec::new()
                } else {
                    expected.split(',').map(str::to_string).collect()
                },
            })
        })
        .collect()
}
