//! What advice remembers between runs: the reading position and the last
//! search's results (for `advice next`, `prev` and `open N`), and each
//! checklist's progress (for `checklist --interactive`).
//!
//! Two places, as the XDG base directories split them:
//!
//! - `$XDG_STATE_HOME/advice/` (`~/.local/state`; the data directory on
//!   platforms without a state directory): `position`, the last chapter
//!   read, and `last-search.json`, the last search and its hits. Two files,
//!   so each command writes one without reading the other first. Losing them
//!   costs nothing; a failed write is ignored and never fails the command
//!   that tried it.
//! - `$XDG_DATA_HOME/advice/progress/NAME.txt` (`~/.local/share`): one small
//!   text file per checklist, one answered item per line (`done: ...`), so a
//!   reader can see and edit it. A failed write here is a warning: the
//!   reader is told their ticks are not being kept.
//!
//! Every file is written to a temporary file beside it and renamed into
//! place, so a crash never leaves half a file; reads are bounded and a
//! damaged file is treated as absent (and replaced on the next write).

use serde::{Deserialize, Serialize};
use std::path::{Path, PathBuf};

/// Largest state or progress file read, in bytes; anything bigger is not ours.
const MAX_BYTES: u64 = 256 * 1024;

/// Hits of the last search remembered for `advice open N`.
pub const REMEMBERED_HITS: usize = 50;

/// `$XDG_STATE_HOME/advice`, or the data directory's `advice` where the
/// platform has no state directory.
pub fn state_dir() -> Option<PathBuf> {
    crate::places::state_dir()
        .or_else(crate::places::data_dir)
        .map(|d| d.join("advice"))
}

/// `$XDG_DATA_HOME/advice/progress`: saved checklist progress.
pub fn progress_dir() -> Option<PathBuf> {
    crate::places::data_dir().map(|d| d.join("advice").join("progress"))
}

/// The reading position and the last search.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct State {
    /// Slug of the last chapter read in the terminal.
    #[serde(default)]
    pub last_chapter: Option<String>,
    /// The last search run in the terminal.
    #[serde(default)]
    pub last_search: Option<LastSearch>,
}

/// A search, and the slugs of its hits in rank order.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LastSearch {
    pub query: String,
    pub hits: Vec<String>,
}

/// The file holding the last chapter read (its slug, on one line).
const POSITION: &str = "position";
/// The file holding the last search and its hits (JSON).
const LAST_SEARCH: &str = "last-search.json";

impl State {
    /// The saved state; each part empty when it is missing or cannot be read.
    pub fn load() -> State {
        let Some(dir) = state_dir() else {
            return State::default();
        };
        let last_chapter = read_bounded(&dir.join(POSITION))
            .map(|text| text.trim().to_string())
            .filter(|slug| !slug.is_empty() && !slug.contains('\n'));
        let last_search =
            read_bounded(&dir.join(LAST_SEARCH)).and_then(|text| serde_json::from_str(&text).ok());
        State {
            last_chapter,
            last_search,
        }
    }

    /// Remembers `slug` as the chapter being read. Never fails: the state is
    /// a convenience, and losing it costs a reader nothing they cannot retype.
    pub fn read_chapter(slug: &str) {
        if let Some(dir) = state_dir() {
            let _ = write_atomic(&dir, POSITION, format!("{slug}\n").as_bytes());
        }
    }

    /// Remembers a search and its hits, for `advice open N`. Never fails.
    pub fn searched(search: &LastSearch) {
        let Some(dir) = state_dir() else {
            return;
        };
        if let Ok(text) = serde_json::to_string_pretty(search) {
            let _ = write_atomic(&dir, LAST_SEARCH, text.as_bytes());
        }
    }
}

/// The file's text, if it is a regular file of at most `MAX_BYTES` in UTF-8.
pub fn read_bounded(path: &Path) -> Option<String> {
    let file = crate::load::open_regular(path).ok()?;
    let mut bytes = Vec::new();
    std::io::Read::read_to_end(&mut std::io::Read::take(file, MAX_BYTES + 1), &mut bytes).ok()?;
    if bytes.len() as u64 > MAX_BYTES {
        return None;
    }
    String::from_utf8(bytes).ok()
}

/// Writes `name` in `dir` (created if needed) through a temporary file
/// renamed into place.
pub fn write_atomic(dir: &Path, name: &str, bytes: &[u8]) -> std::io::Result<()> {
    let temp = dir.join(format!(".{name}.{}.tmp", std::process::id()));
    // The folder usually exists: write first, create it only if that failed.
    let mut written = std::fs::write(&temp, bytes);
    if written.is_err() {
        std::fs::create_dir_all(dir)?;
        written = std::fs::write(&temp, bytes);
    }
    let written = written.and_then(|()| std::fs::rename(&temp, dir.join(name)));
    if written.is_err() {
        let _ = std::fs::remove_file(&temp);
    }
    written
}

/// How an item of a checklist was answered.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Answer {
    Done,
    NotYet,
    Skipped,
}

impl Answer {
    /// The word a progress file uses for it.
    pub fn word(self) -> &'static str {
        match self {
            Answer::Done => "done",
            Answer::NotYet => "not yet",
            Answer::Skipped => "skipped",
        }
    }

    fn from_word(word: &str) -> Option<Answer> {
        [Answer::Done, Answer::NotYet, Answer::Skipped]
            .into_iter()
            .find(|a| a.word() == word)
    }
}

/// A checklist's saved answers, item by item (matched by the item's text,
/// so an edited item simply counts as unanswered).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Progress {
    /// The checklist's name, as `advice checklist NAME` takes it.
    pub name: String,
    /// (answer, item text) in the checklist's order.
    pub answers: Vec<(Answer, String)>,
}

impl Progress {
    /// The progress file of checklist `name`, if there is a data directory.
    pub fn path(name: &str) -> Option<PathBuf> {
        progress_dir().map(|d| d.join(file_name(name)))
    }

    /// The saved progress of checklist `name`, if any can be read.
    pub fn load(name: &str) -> Option<Progress> {
        Progress::load_in(&progress_dir()?, name)
    }

    /// The progress of checklist `name` saved in folder `dir`.
    pub fn load_in(dir: &Path, name: &str) -> Option<Progress> {
        let text = read_bounded(&dir.join(file_name(name)))?;
        let answers = text
            .lines()
            .filter(|l| !l.starts_with('#'))
            .filter_map(|l| {
                let (word, item) = l.split_once(": ")?;
                Some((Answer::from_word(word.trim())?, item.trim().to_string()))
            })
            .collect::<Vec<_>>();
        (!answers.is_empty()).then(|| Progress {
            name: name.to_string(),
            answers,
        })
    }

    /// The saved answer for an item, by its text.
    pub fn answer_for(&self, item: &str) -> Option<Answer> {
        let item = one_line(item);
        self.answers
            .iter()
            .find(|(_, text)| *text == item)
            .map(|(a, _)| *a)
    }

    /// The file's text: a comment saying what it is, then one line per answer.
    pub fn text(&self) -> String {
        let mut out = format!(
            "# advice checklist {name}: your answers so far, one per line.\n\
             # Edit or delete lines freely; `advice checklist {name} --reset` starts again.\n",
            name = self.name
        );
        for (answer, item) in &self.answers {
            out.push_str(&format!("{}: {}\n", answer.word(), one_line(item)));
        }
        out
    }

    /// Writes the progress file.
    pub fn save(&self) -> std::io::Result<()> {
        let dir = progress_dir().ok_or_else(|| {
            std::io::Error::new(std::io::ErrorKind::NotFound, "no data directory")
        })?;
        self.save_in(&dir)
    }

    /// Writes the progress file in folder `dir`.
    pub fn save_in(&self, dir: &Path) -> std::io::Result<()> {
        write_atomic(dir, &file_name(&self.name), self.text().as_bytes())
    }

    /// Removes the progress of checklist `name`; true if there was some.
    pub fn reset(name: &str) -> std::io::Result<bool> {
        let Some(path) = Progress::path(name) else {
            return Ok(false);
        };
        match std::fs::remove_file(&path) {
            Ok(()) => Ok(true),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(false),
            Err(e) => Err(e),
        }
    }
}

/// An item's text on one line, as a progress file keeps it.
fn one_line(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// A checklist name as a file name: its slug form, never a path.
fn file_name(name: &str) -> String {
    let slug = crate::validate::slugify(name);
    let slug = if slug.is_empty() { "checklist" } else { &slug };
    format!("{slug}.txt")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn progress_text_reads_back() {
        let progress = Progress {
            name: "spotlight".into(),
            answers: vec![
                (Answer::Done, "Ask your manager.".into()),
                (Answer::Skipped, "Write it\n down.".into()),
            ],
        };
        let text = progress.text();
        assert!(text.contains("done: Ask your manager.\n"), "{text}");
        assert!(text.contains("skipped: Write it down.\n"), "{text}");
        let answers: Vec<_> = text
            .lines()
            .filter(|l| !l.starts_with('#'))
            .filter_map(|l| l.split_once(": "))
            .map(|(w, _)| Answer::from_word(w))
            .collect();
        assert_eq!(answers, [Some(Answer::Done), Some(Answer::Skipped)]);
    }

    #[test]
    fn a_checklist_name_never_leaves_the_folder() {
        assert_eq!(file_name("../../etc/passwd"), "etc-passwd.txt");
        assert_eq!(file_name("..."), "checklist.txt");
    }
}
