//! The shape of every `--json` view, pinned: field names (sorted) and
//! the type of each value, recursively (an array by its first element). The
//! content may change; a change of shape breaks scripts, so it must show up
//! here. After a deliberate change: `UPDATE_SHAPES=1 cargo test json_shapes`.

use crate::common::{Advice, own_chapter, write};
use serde_json::Value;

const EXPECTED: &str = "tests/it/json_shapes.txt";

/// A value's shape: `{a: string, b: [number]}`.
fn shape(value: &Value) -> String {
    match value {
        Value::Null => "null".to_string(),
        Value::Bool(_) => "bool".to_string(),
        Value::Number(_) => "number".to_string(),
        Value::String(_) => "string".to_string(),
        Value::Array(items) => match items.first() {
            Some(first) => format!("[{}]", shape(first)),
            None => "[]".to_string(),
        },
        Value::Object(map) => {
            let fields: Vec<String> = map
                .iter()
                .map(|(k, v)| format!("{k}: {}", shape(v)))
                .collect();
            format!("{{{}}}", fields.join(", "))
        }
    }
}

#[test]
fn every_json_view_keeps_its_shape() {
    let env = Advice::new();
    let own = env.home.path().join("own");
    write(
        &own.join("on-call.md"),
        &own_chapter("on-call", 401, "On call", "pager"),
    );
    let own = own.display().to_string();
    let views: [(&str, Vec<&str>); 11] = [
        (
            "search",
            vec!["search", "--json", "--limit", "1", "ship", "right", "now"],
        ),
        (
            "search, own chapter",
            vec![
                "--chapters",
                &own,
                "search",
                "--json",
                "--limit",
                "1",
                "pager",
            ],
        ),
        ("chapter", vec!["chapter", "--json", "shipping"]),
        (
            "chapter, own",
            vec!["--chapters", &own, "chapter", "--json", "on-call"],
        ),
        ("list", vec!["list", "--json"]),
        ("topics", vec!["topics", "--json"]),
        ("topics TAG", vec!["topics", "--json", "shipping"]),
        ("checklist", vec!["checklist", "--json"]),
        ("checklist NAME", vec!["checklist", "--json", "ship"]),
        ("tip", vec!["tip", "--json", "--date", "2026-01-01"]),
        (
            "lint",
            vec![
                "lint",
                "--json",
                "tests/fixtures/library/problems/bad-slug.md",
            ],
        ),
    ];
    let mut text = String::new();
    for (name, args) in views {
        let (code, out, err) = env.run(&args);
        assert!(code == 0 || (name == "lint" && code == 1), "{name}: {err}");
        let value: Value =
            serde_json::from_str(&out).unwrap_or_else(|e| panic!("{name}: {e}\n{out}"));
        text.push_str(&format!("{name}: {}\n", shape(&value)));
    }
    if std::env::var_os("UPDATE_SHAPES").is_some() {
        std::fs::write(EXPECTED, &text).expect("write shapes");
    }
    let expected = std::fs::read_to_string(EXPECTED).expect("tests/it/json_shapes.txt");
    assert_eq!(
        text, expected,
        "a --json shape changed (UPDATE_SHAPES=1 to accept)"
    );
}
