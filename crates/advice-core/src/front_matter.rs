//! Front matter: the YAML between the first two `---` lines, read into a
//! [`FrontMatter`] with every problem located by line and column.
//!
//! It is read in three steps, each from structured data: the YAML into its
//! entries (syntax errors carry their location), the entries checked
//! against the keys the format allows (unknown, missing and duplicate keys,
//! with "did you mean"), then the values deserialised with
//! `serde_path_to_error`, so a wrong type names its key path (`book.page`)
//! and is located by that path. Before any parsing, a pre-scan refuses
//! alias bombs and absurd nesting.

use crate::chapter::FrontMatter;
use serde::de::{Deserialize, Deserializer, MapAccess, Visitor};
use serde_yaml::Value;

/// The front matter's keys: the top level, `book:` and `checklist:`, with
/// those that must be present.
pub const KEYS: [&str; 11] = [
    "slug",
    "title",
    "part",
    "order",
    "book",
    "summary",
    "tags",
    "aliases",
    "related",
    "dangerous",
    "checklist",
];
const REQUIRED: [&str; 7] = [
    "slug",
    "title",
    "part",
    "order",
    "summary",
    "tags",
    "dangerous",
];
const BOOK_KEYS: [&str; 2] = ["chapter", "page"];
const CHECKLIST_KEYS: [&str; 3] = ["name", "title", "aliases"];
const CHECKLIST_REQUIRED: [&str; 2] = ["name", "title"];

/// A problem in the front matter: line and column in the YAML text (1-based), and what is wrong.
pub type Problem = (usize, usize, String);

/// Where the front matter and the body lie in a file.
pub struct FrontMatterSplit {
    /// Where the YAML starts (a byte offset).
    pub yaml_start: usize,
    /// Where the YAML ends (a byte offset, exclusive).
    pub yaml_end: usize,
    /// File line of the first YAML line.
    pub yaml_first_line: usize,
    /// Byte offset where the markdown body starts.
    pub body_start: usize,
}

/// Finds the YAML between a first line `---` and the next line `---`.
pub fn split(text: &str) -> Result<FrontMatterSplit, (usize, String)> {
    let mut offset = 0;
    let mut yaml_start = None;
    for line in text.split_inclusive('\n') {
        let bare = line.trim_end_matches(['\n', '\r']);
        match yaml_start {
            None => {
                if bare.trim_end() != "---" {
                    return Err((
                        1,
                        "no front matter: a chapter must start with a line '---', then YAML, then '---'"
                            .to_string(),
                    ));
                }
                yaml_start = Some(offset + line.len());
            }
            Some(start) => {
                if bare.trim_end() == "---" {
                    return Ok(FrontMatterSplit {
                        yaml_start: start,
                        yaml_end: offset,
                        yaml_first_line: 2,
                        body_start: offset + line.len(),
                    });
                }
            }
        }
        offset += line.len();
    }
    Err((
        1,
        "front matter is not closed: add a line '---' after the YAML".to_string(),
    ))
}

/// Most YAML alias references a front matter may use. Chapters never need
/// them; the limit stops "billion laughs" documents before any parsing.
pub const MAX_YAML_ALIASES: usize = 16;
/// Deepest nesting of YAML brackets or indentation levels allowed.
pub const MAX_YAML_DEPTH: usize = 32;

/// Checks a front matter's YAML for alias bombs and absurd nesting before it
/// is parsed (the parser would otherwise work through all of it first).
/// Returns (line, column, message) relative to the YAML text.
fn limits(yaml: &str) -> Option<(usize, usize, String)> {
    let mut aliases = 0;
    for (i, line) in yaml.lines().enumerate() {
        let indent = line.len() - line.trim_start().len();
        if indent / 2 > MAX_YAML_DEPTH {
            return Some((
                i + 1,
                1,
                format!("the front matter is nested more than {MAX_YAML_DEPTH} levels deep"),
            ));
        }
        let mut depth = 0usize;
        let mut quote: Option<char> = None;
        let mut previous = ' ';
        for (column, c) in line.char_indices() {
            match (quote, c) {
                (Some(q), c) if c == q => quote = None,
                (Some(_), _) => {}
                (None, '#') if previous.is_whitespace() => break,
                (None, '\'' | '"') => quote = Some(c),
                (None, '[' | '{') => {
                    depth += 1;
                    if depth > MAX_YAML_DEPTH {
                        return Some((
                            i + 1,
                            column + 1,
                            format!(
                                "the front matter nests brackets more than {MAX_YAML_DEPTH} deep"
                            ),
                        ));
                    }
                }
                (None, ']' | '}') => depth = depth.saturating_sub(1),
                (None, '*') if matches!(previous, ' ' | '[' | ',' | ':' | '{') => {
                    aliases += 1;
                    if aliases > MAX_YAML_ALIASES {
                        return Some((
                            i + 1,
                            column + 1,
                            format!(
                                "the front matter uses more than {MAX_YAML_ALIASES} YAML aliases (*name); write the values out instead"
                            ),
                        ));
                    }
                }
                _ => {}
            }
            previous = c;
        }
    }
    None
}

/// The limits on YAML checked before any parsing (alias bombs, nesting), as
/// a located problem.
pub fn check_limits(yaml: &str) -> Result<(), Problem> {
    limits(yaml).map_or(Ok(()), Err)
}

/// A YAML syntax error as a located problem (see [`read`]).
pub fn yaml_problem(e: &serde_yaml::Error) -> Problem {
    yaml_error(e)
}

/// Reads the front matter's YAML, or says everything wrong with it.
pub fn read(yaml: &str) -> Result<FrontMatter, Vec<Problem>> {
    if let Some(problem) = limits(yaml) {
        return Err(vec![problem]);
    }
    let entries = match serde_yaml::from_str::<Entries>(yaml) {
        Ok(entries) => entries.0,
        Err(e) => return Err(vec![yaml_error(&e)]),
    };
    let mut problems = Vec::new();
    let mut mapping = serde_yaml::Mapping::new();
    let mut seen: Vec<String> = Vec::new();
    let mut meant: Vec<&str> = Vec::new();
    for (key, value) in entries {
        let Some(name) = key.as_str().map(str::to_string) else {
            problems.push((
                1,
                1,
                "front matter keys must be words such as 'slug:'".to_string(),
            ));
            continue;
        };
        if seen.contains(&name) {
            let (line, column) = nth_key_line(yaml, &name, 2).unwrap_or((1, 1));
            problems.push((
                line,
                column,
                format!("duplicate field '{name}': each key may appear only once"),
            ));
            continue;
        }
        seen.push(name.clone());
        let nested: Option<(&[&str], &[&str])> = match name.as_str() {
            "book" => Some((&BOOK_KEYS, &BOOK_KEYS)),
            "checklist" => Some((&CHECKLIST_KEYS, &CHECKLIST_REQUIRED)),
            _ => None,
        };
        if !KEYS.contains(&name.as_str()) {
            let (line, column) = locate_key(yaml, &[&name]).unwrap_or((1, 1));
            problems.push((
                line,
                column,
                format!("unknown field '{name}'{}", hint(&name, &KEYS)),
            ));
            // A misspelt key is reported once, as unknown, not also as missing.
            meant.extend(crate::suggest::closest(&name, KEYS, 1));
        } else if let (Some((allowed, required)), Value::Mapping(inner)) = (nested, &value) {
            problems.extend(check_nested(yaml, &name, inner, allowed, required));
        }
        mapping.insert(key, value);
    }
    for key in REQUIRED {
        if !seen.iter().any(|k| k == key) && !meant.contains(&key) {
            problems.push((
                1,
                1,
                format!("missing field '{key}': add '{key}:' to the front matter"),
            ));
        }
    }
    if !problems.is_empty() {
        return Err(problems);
    }
    serde_path_to_error::deserialize(Value::Mapping(mapping)).map_err(|e| {
        let keys: Vec<String> = e
            .path()
            .iter()
            .filter_map(|segment| match segment {
                serde_path_to_error::Segment::Map { key } => Some(key.clone()),
                _ => None,
            })
            .collect();
        let keys: Vec<&str> = keys.iter().map(String::as_str).collect();
        let (line, column) = locate_value(yaml, &keys);
        let path = e.path().to_string();
        let message = strip_locations(&e.inner().to_string()).replace('`', "'");
        vec![(line, column, format!("{path}: {message}"))]
    })
}

/// The unknown and missing keys of a nested mapping (`book:`, `checklist:`).
fn check_nested(
    yaml: &str,
    parent: &str,
    inner: &serde_yaml::Mapping,
    allowed: &[&str],
    required: &[&str],
) -> Vec<Problem> {
    let mut problems = Vec::new();
    let names: Vec<&str> = inner.keys().filter_map(Value::as_str).collect();
    let mut meant: Vec<&str> = Vec::new();
    for name in &names {
        if !allowed.contains(name) {
            let (line, column) = locate_key(yaml, &[parent, name]).unwrap_or((1, 1));
            problems.push((
                line,
                column,
                format!("{parent}: unknown field '{name}'{}", hint(name, allowed)),
            ));
            meant.extend(crate::suggest::closest(name, allowed.iter().copied(), 1));
        }
    }
    for key in required {
        if !names.contains(key) && !meant.contains(key) {
            let (line, column) = locate_key(yaml, &[parent]).unwrap_or((1, 1));
            problems.push((
                line,
                column,
                format!("{parent}: missing field '{key}': add '{key}:' under '{parent}:'"),
            ));
        }
    }
    problems
}

/// " (did you mean 'x'?)", or the list of keys when nothing is close.
fn hint(name: &str, keys: &[&str]) -> String {
    match crate::suggest::closest(name, keys.iter().copied(), 1).first() {
        Some(close) => format!(" (did you mean '{close}'?)"),
        None => format!("; the keys are: {}", keys.join(", ")),
    }
}

/// A YAML syntax error as a located problem, in our own words.
fn yaml_error(e: &serde_yaml::Error) -> Problem {
    let (line, column) = e.location().map_or((1, 1), |l| (l.line(), l.column()));
    let message = strip_locations(&e.to_string()).replace('`', "'");
    let message = if message.contains("repetition limit exceeded")
        || message.contains("recursion limit exceeded")
    {
        format!(
            "{message}: the front matter uses too many YAML aliases or too deep nesting; write the values out plainly"
        )
    } else if message.contains("expected a map") || message.contains("invalid type") {
        format!("{message}: the front matter is a list of 'key: value' lines")
    } else {
        message
    };
    (line, column, message)
}

/// A mapping's entries as written, duplicates kept (a `Value` mapping would
/// refuse them without saying which key).
struct Entries(Vec<(Value, Value)>);

impl<'de> Deserialize<'de> for Entries {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct EntriesVisitor;
        impl<'de> Visitor<'de> for EntriesVisitor {
            type Value = Entries;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("a map of 'key: value' lines")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Entries, A::Error> {
                let mut entries = Vec::new();
                while let Some(entry) = map.next_entry::<Value, Value>()? {
                    entries.push(entry);
                }
                Ok(Entries(entries))
            }
        }
        deserializer.deserialize_map(EntriesVisitor)
    }
}

/// Line and column of the value of a key path (just after `key: `), or of
/// the key if the value is not on its line.
fn locate_value(yaml: &str, keys: &[&str]) -> (usize, usize) {
    let Some(last) = keys.last() else {
        return (1, 1);
    };
    match locate_key(yaml, keys) {
        Some((line, column)) => {
            let text = yaml.lines().nth(line - 1).unwrap_or_default();
            let after = column - 1 + last.len() + 1;
            let rest = text.get(after..).unwrap_or_default();
            let gap = rest.len() - rest.trim_start().len();
            if rest.trim().is_empty() {
                (line, column)
            } else {
                (line, text[..after + gap].chars().count() + 1)
            }
        }
        None => (1, 1),
    }
}

/// `message` without its " at line L column C" fragments.
fn strip_locations(message: &str) -> String {
    let mut out = String::with_capacity(message.len());
    let mut rest = message;
    while let Some(i) = rest.find(" at line ") {
        out.push_str(&rest[..i]);
        let after = &rest[i + " at line ".len()..];
        let digits = after.bytes().take_while(u8::is_ascii_digit).count();
        let tail = &after[digits..];
        match tail.strip_prefix(" column ") {
            Some(column) => {
                let digits = column.bytes().take_while(u8::is_ascii_digit).count();
                rest = &column[digits..];
            }
            None => {
                out.push_str(" at line ");
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

/// Line and column (1-based, in the YAML text) of a key path such as `["book", "page"]`.
pub fn locate_key(yaml: &str, keys: &[&str]) -> Option<(usize, usize)> {
    let mut want = keys.iter();
    let mut key = want.next()?;
    let mut indent_above: Option<usize> = None;
    for (i, line) in yaml.lines().enumerate() {
        let trimmed = line.trim_start();
        let indent = line.len() - trimmed.len();
        if trimmed.is_empty() || trimmed.starts_with('#') {
            continue;
        }
        if let Some(above) = indent_above {
            if indent <= above {
                return None;
            }
        }
        if trimmed.starts_with(&format!("{key}:")) {
            match want.next() {
                None => return Some((i + 1, indent + 1)),
                Some(next) => {
                    key = next;
                    indent_above = Some(indent);
                }
            }
        }
    }
    None
}

/// Line and column of the `n`th top-level occurrence of `key:`.
fn nth_key_line(yaml: &str, key: &str, n: usize) -> Option<(usize, usize)> {
    yaml.lines()
        .enumerate()
        .filter(|(_, l)| l.starts_with(&format!("{key}:")))
        .nth(n - 1)
        .map(|(i, _)| (i + 1, 1))
}

/// Line and column in the whole file of a front-matter key path, for
/// diagnostics about a chapter already parsed; (1, 1) if not found.
pub fn key_position(source: &str, keys: &[&str]) -> (usize, usize) {
    match split(source) {
        Ok(split) => locate_key(&source[split.yaml_start..split.yaml_end], keys)
            .map_or((1, 1), |(l, c)| (l + split.yaml_first_line - 1, c)),
        Err(_) => (1, 1),
    }
}
