//! The browser's state and what each key does to it: no terminal here, so
//! every screen and transition is tested by feeding keys ([`App::key`]) and
//! drawing into ratatui's `TestBackend` ([`super::view`]).
//!
//! Screens: the search (a query line, ranked results that follow every
//! keystroke, a preview of the selected chapter), the chapter being read,
//! its checklist (ticked items are saved like `checklist --interactive`'s),
//! the topics filter, and the keys. Typing goes to the query; on the other
//! screens letters are commands. Esc and `q` go back a screen (from the
//! search, they leave); Ctrl-C leaves from anywhere.

use crate::chapter::Chapter;
use crate::library::Library;
use crate::ranking::{self, Options, Query};
use crate::state::{Answer, Progress};
use crate::text::Analyzer;
use termimad::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

/// One line of the results list.
#[derive(Debug, Clone, PartialEq)]
pub struct Entry {
    /// Index of the chapter in the library's reading order.
    pub chapter: usize,
    /// The best matching line (the summary when there is no query).
    pub snippet: String,
    /// The hit fits the query only weakly.
    pub weak: bool,
}

/// What the browser shows.
#[derive(Debug, Clone, PartialEq)]
pub enum Screen {
    /// The query line, the results and a preview.
    Search,
    /// A chapter, scrolled `scroll` lines down.
    Reading { chapter: usize, scroll: u16 },
    /// A chapter's checklist, the cursor on item `cursor`.
    Checklist {
        chapter: usize,
        cursor: usize,
        done: Vec<bool>,
    },
    /// The topics, the cursor on one (0 is "every topic").
    Topics { cursor: usize },
    /// The keys, over the screen it was opened from.
    Help(Box<Screen>),
}

/// The browser.
pub struct App<'a> {
    library: &'a Library,
    chapters: &'a [Chapter],
    analyzer: Analyzer,
    /// What the reader has typed.
    pub query: String,
    /// The topic results are limited to, if any.
    pub topic: Option<String>,
    /// Every topic, most used first.
    pub topics: Vec<String>,
    /// The ranked results.
    pub results: Vec<Entry>,
    /// Which result is selected.
    pub selected: usize,
    /// The current screen.
    pub screen: Screen,
    /// A one-line message (a failed save, an unknown key).
    pub status: Option<String>,
    /// Set when the reader leaves.
    pub quit: bool,
    /// Where ticked checklist items are saved (the data directory's
    /// `progress/` when run for a reader; a test's own folder; `None` saves
    /// nothing).
    pub progress: Option<std::path::PathBuf>,
    /// Whether reading a chapter moves the reader's position (`advice next`).
    pub remember: bool,
}

/// At most this many results are ranked and listed.
pub const MAX_RESULTS: usize = 20;

impl<'a> App<'a> {
    /// A browser over this library, searching for `query` to begin with.
    pub fn new(library: &'a Library, query: &str) -> anyhow::Result<Self> {
        let chapters = library.chapters()?;
        let topics = crate::cmd::topics::topic_counts(library)?
            .into_iter()
            .map(|t| t.tag)
            .collect();
        let mut app = App {
            library,
            chapters,
            analyzer: Analyzer::new(),
            query: query.to_string(),
            topic: None,
            topics,
            results: Vec::new(),
            selected: 0,
            screen: Screen::Search,
            status: None,
            quit: false,
            progress: None,
            remember: false,
        };
        app.rerank();
        Ok(app)
    }

    /// The chapters, in reading order.
    pub fn chapters(&self) -> &'a [Chapter] {
        self.chapters
    }

    /// The library browsed.
    pub fn library(&self) -> &'a Library {
        self.library
    }

    /// The selected result's chapter, if there is one.
    pub fn selected_chapter(&self) -> Option<&'a Chapter> {
        let entry = self.results.get(self.selected)?;
        self.chapters.get(entry.chapter)
    }

    /// Ranks the library for the query (every chapter, in reading order,
    /// when the query has no words), within the topic.
    pub fn rerank(&mut self) {
        let position = |slug: &str| self.chapters.iter().position(|c| c.meta.slug == slug);
        let in_topic = |c: &Chapter| self.topic.as_ref().is_none_or(|t| c.meta.tags.contains(t));
        let parsed = Query::parse(&self.query, &self.analyzer).ok();
        let options = Options {
            limit: MAX_RESULTS,
            tag: self.topic.clone(),
            only: None,
            ranking: Default::default(),
        };
        let outcome = parsed.and_then(|query| {
            self.library
                .with_index(|index| ranking::search(index, &query, &options, &self.analyzer))
                .ok()
        });
        self.results = match outcome {
            Some(outcome) => outcome
                .hits
                .into_iter()
                .filter_map(|hit| {
                    Some(Entry {
                        chapter: position(&hit.slug)?,
                        weak: hit.is_weak(),
                        snippet: hit.snippet,
                    })
                })
                .collect(),
            _ => self
                .chapters
                .iter()
                .enumerate()
                .filter(|(_, c)| in_topic(c))
                .map(|(i, c)| Entry {
                    chapter: i,
                    snippet: c.meta.summary.clone(),
                    weak: false,
                })
                .collect(),
        };
        self.selected = self.selected.min(self.results.len().saturating_sub(1));
    }

    /// Handles one key press.
    pub fn key(&mut self, key: KeyEvent) {
        let ctrl = key.modifiers.contains(KeyModifiers::CONTROL);
        if ctrl && matches!(key.code, KeyCode::Char('c')) {
            self.quit = true;
            return;
        }
        self.status = None;
        match self.screen.clone() {
            Screen::Search => self.search_key(key, ctrl),
            Screen::Reading { chapter, scroll } => self.reading_key(key, chapter, scroll),
            Screen::Checklist {
                chapter,
                cursor,
                done,
            } => self.checklist_key(key, chapter, cursor, done),
            Screen::Topics { cursor } => self.topics_key(key, cursor),
            Screen::Help(back) => self.screen = *back,
        }
    }

    fn search_key(&mut self, key: KeyEvent, ctrl: bool) {
        match key.code {
            KeyCode::Esc => self.quit = true,
            KeyCode::Enter => self.open_selected(),
            KeyCode::Down | KeyCode::Tab => self.move_selection(1),
            KeyCode::Up | KeyCode::BackTab => self.move_selection(-1),
            KeyCode::PageDown => self.move_selection(10),
            KeyCode::PageUp => self.move_selection(-10),
            KeyCode::Char('n') if ctrl => self.move_selection(1),
            KeyCode::Char('p') if ctrl => self.move_selection(-1),
            KeyCode::Char('t') if ctrl => self.open_topics(),
            KeyCode::Char('u') if ctrl => {
                self.query.clear();
                self.selected = 0;
                self.rerank();
            }
            KeyCode::Char('?') if self.query.is_empty() => {
                self.screen = Screen::Help(Box::new(Screen::Search));
            }
            KeyCode::Backspace => {
                self.query.pop();
                self.selected = 0;
                self.rerank();
            }
            KeyCode::Char(c)
                if !ctrl
                // Queries are bounded like `advice search`'s.
                && self.query.len() + c.len_utf8() <= ranking::MAX_QUERY_BYTES =>
            {
                self.query.push(c);
                self.selected = 0;
                self.rerank();
            }
            _ => {}
        }
    }

    fn move_selection(&mut self, by: isize) {
        let last = self.results.len().saturating_sub(1);
        self.selected = self.selected.saturating_add_signed(by).min(last);
    }

    fn open_selected(&mut self) {
        if let Some(entry) = self.results.get(self.selected) {
            self.read(entry.chapter);
        }
    }

    /// Reads chapter `chapter` from the top, and makes it the reading position.
    fn read(&mut self, chapter: usize) {
        if let Some(c) = self.chapters.get(chapter).filter(|_| self.remember) {
            crate::state::State::read_chapter(&c.meta.slug);
        }
        self.screen = Screen::Reading { chapter, scroll: 0 };
    }

    fn open_topics(&mut self) {
        let cursor = self
            .topic
            .as_ref()
            .and_then(|t| self.topics.iter().position(|x| x == t))
            .map_or(0, |i| i + 1);
        self.screen = Screen::Topics { cursor };
    }

    fn reading_key(&mut self, key: KeyEvent, chapter: usize, scroll: u16) {
        let scrolled = |by: i32| {
            let to = (i32::from(scroll) + by).clamp(0, i32::from(u16::MAX));
            Screen::Reading {
                chapter,
                scroll: u16::try_from(to).unwrap_or(0),
            }
        };
        match key.code {
            KeyCode::Esc | KeyCode::Char('q') => self.screen = Screen::Search,
            KeyCode::Char('/') => self.screen = Screen::Search,
            KeyCode::Down | KeyCode::Char('j') | KeyCode::Enter => self.screen = scrolled(1),
            KeyCode::Up | KeyCode::Char('k') => self.screen = scrolled(-1),
            KeyCode::PageDown | KeyCode::Char(' ') => self.screen = scrolled(10),
            KeyCode::PageUp | KeyCode::Char('b') => self.screen = scrolled(-10),
            KeyCode::Home | KeyCode::Char('g') => self.screen = scrolled(-i32::from(scroll)),
            KeyCode::Char('n') => {
                if chapter + 1 < self.chapters.len() {
                    self.read(chapter + 1);
                } else {
                    self.status = Some("This is the last chapter.".to_string());
                }
            }
            KeyCode::Char('p') => {
                if chapter > 0 {
                    self.read(chapter - 1);
                } else {
                    self.status = Some("This is the first chapter.".to_string());
                }
            }
            KeyCode::Char('c') => self.open_checklist(chapter),
            KeyCode::Char('t') => self.open_topics(),
            KeyCode::Char('?') => {
                self.screen = Screen::Help(Box::new(Screen::Reading { chapter, scroll }));
            }
            _ => {
                self.status = Some("Keys: ? shows them all.".to_string());
            }
        }
    }

    /// The checklist of chapter `chapter`, with its saved ticks.
    fn open_checklist(&mut self, chapter: usize) {
        let Some(c) = self.chapters.get(chapter) else {
            return;
        };
        let items = c.checklist_items();
        let Some(meta) = c.meta.checklist.as_ref().filter(|_| !items.is_empty()) else {
            self.status = Some("This chapter has no checklist.".to_string());
            return;
        };
        let saved = self
            .progress
            .as_deref()
            .and_then(|dir| Progress::load_in(dir, &meta.name));
        let done = items
            .iter()
            .map(|item| {
                saved
                    .as_ref()
                    .and_then(|p| p.answer_for(&crate::sanitize::visible(&item.text)))
                    == Some(Answer::Done)
            })
            .collect();
        self.screen = Screen::Checklist {
            chapter,
            cursor: 0,
            done,
        };
    }

    fn checklist_key(&mut self, key: KeyEvent, chapter: usize, cursor: usize, mut done: Vec<bool>) {
        let last = done.len().saturating_sub(1);
        match key.code {
            KeyCode::Esc | KeyCode::Char('q') => {
                self.screen = Screen::Reading { chapter, scroll: 0 };
            }
            KeyCode::Down | KeyCode::Char('j') => {
                self.screen = Screen::Checklist {
                    chapter,
                    cursor: (cursor + 1).min(last),
                    done,
                };
            }
            KeyCode::Up | KeyCode::Char('k') => {
                self.screen = Screen::Checklist {
                    chapter,
                    cursor: cursor.saturating_sub(1),
                    done,
                };
            }
            KeyCode::Char(' ' | 'x' | 'y') | KeyCode::Enter => {
                if let Some(tick) = done.get_mut(cursor) {
                    *tick = !*tick;
                }
                if let Err(e) = self.save(chapter, &done) {
                    self.status = Some(format!("Could not save your ticks: {e}"));
                }
                self.screen = Screen::Checklist {
                    chapter,
                    cursor: (cursor + 1).min(last),
                    done,
                };
            }
            KeyCode::Char('?') => {
                self.screen = Screen::Help(Box::new(Screen::Checklist {
                    chapter,
                    cursor,
                    done,
                }));
            }
            _ => {
                self.screen = Screen::Checklist {
                    chapter,
                    cursor,
                    done,
                };
                self.status = Some("Space ticks an item; q goes back.".to_string());
            }
        }
    }

    /// Saves the ticks as `checklist --interactive` does: ticked items are
    /// "done", the rest keep the answer they had (or none).
    fn save(&self, chapter: usize, done: &[bool]) -> std::io::Result<()> {
        let Some(c) = self.chapters.get(chapter) else {
            return Ok(());
        };
        let (Some(meta), Some(dir)) = (&c.meta.checklist, &self.progress) else {
            return Ok(());
        };
        let saved = Progress::load_in(dir, &meta.name);
        let answers = c
            .checklist_items()
            .iter()
            .zip(done)
            .filter_map(|(item, ticked)| {
                let text = crate::sanitize::visible(&item.text).into_owned();
                let before = saved.as_ref().and_then(|p| p.answer_for(&text));
                let answer = if *ticked {
                    Some(Answer::Done)
                } else {
                    before.filter(|a| *a != Answer::Done)
                };
                answer.map(|a| (a, text))
            })
            .collect();
        Progress {
            name: meta.name.clone(),
            answers,
        }
        .save_in(dir)
    }

    fn topics_key(&mut self, key: KeyEvent, cursor: usize) {
        let last = self.topics.len();
        match key.code {
            KeyCode::Esc | KeyCode::Char('q') => self.screen = Screen::Search,
            KeyCode::Down | KeyCode::Char('j') => {
                self.screen = Screen::Topics {
                    cursor: (cursor + 1).min(last),
                };
            }
            KeyCode::Up | KeyCode::Char('k') => {
                self.screen = Screen::Topics {
                    cursor: cursor.saturating_sub(1),
                };
            }
            KeyCode::Enter => {
                self.topic = cursor
                    .checked_sub(1)
                    .and_then(|i| self.topics.get(i).cloned());
                self.selected = 0;
                self.rerank();
                self.screen = Screen::Search;
            }
            _ => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn press(app: &mut App, code: KeyCode) {
        app.key(KeyEvent::new(code, KeyModifiers::NONE));
    }

    fn typed(app: &mut App, text: &str) {
        for c in text.chars() {
            press(app, KeyCode::Char(c));
        }
    }

    #[test]
    fn typing_reranks_and_enter_reads() {
        let library = Library::builtin().expect("library");
        let mut app = App::new(&library, "").expect("app");
        assert_eq!(app.results.len(), 28, "no query lists every chapter");
        typed(&mut app, "spotlight");
        let first = app.selected_chapter().expect("a hit");
        assert_eq!(first.meta.slug, "spotlight");
        press(&mut app, KeyCode::Enter);
        assert!(matches!(app.screen, Screen::Reading { scroll: 0, .. }));
        press(&mut app, KeyCode::Char('n'));
        let Screen::Reading { chapter, .. } = app.screen else {
            panic!("still reading");
        };
        assert_eq!(app.chapters()[chapter].meta.slug, "trusted");
        press(&mut app, KeyCode::Char('/'));
        assert_eq!(app.screen, Screen::Search);
        assert_eq!(app.query, "spotlight", "the query is kept");
        press(&mut app, KeyCode::Esc);
        assert!(app.quit);
    }

    #[test]
    fn topics_filter_the_results() {
        let library = Library::builtin().expect("library");
        let mut app = App::new(&library, "").expect("app");
        app.key(KeyEvent::new(KeyCode::Char('t'), KeyModifiers::CONTROL));
        assert!(matches!(app.screen, Screen::Topics { cursor: 0 }));
        press(&mut app, KeyCode::Down);
        press(&mut app, KeyCode::Enter);
        let topic = app.topic.clone().expect("a topic");
        assert!(app.results.len() < 28);
        for entry in &app.results {
            assert!(app.chapters()[entry.chapter].meta.tags.contains(&topic));
        }
    }
}
