//! The `Library`: every chapter in effect for this run, built once and passed
//! by reference, and the lookups that turn what a reader types into chapters.

use crate::chapter::Chapter;
use crate::index::Index;
use crate::validate::normalize_name;
use anyhow::{Context, Result};
use std::cell::OnceCell;

/// The built-in chapters, parsed and validated by `build.rs` at compile time.
static BUILTIN: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/library.bin"));
/// Their search index, built by `build.rs` (see [`crate::index`]).
static BUILTIN_INDEX: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/index.bin"));
/// Their tips (see [`crate::tips`]).
static BUILTIN_TIPS: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/tips.bin"));
/// What each answers to by name (see [`builtin_may_answer`]).
static BUILTIN_NAMES: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/names.bin"));

/// All chapters in effect, sorted by reading order.
///
/// A reader's chapters from the cache are decoded on first use, so a
/// command that only needs the search index (`search`) never decodes them.
/// If that cache section turns out to be damaged, the chapters are rebuilt
/// from the files: a damaged cache never hides a chapter.
pub struct Library {
    chapters: OnceCell<Vec<Chapter>>,
    notices: Vec<String>,
    source: Source,
}

/// Where the chapters and the index come from.
enum Source {
    /// The built-in guide alone: the compiled library and index.
    Builtin,
    /// Chapters handed over ready-made; the index is built on demand.
    Parts,
    /// A reader's library from the cache: its index, and its chapters on demand.
    Cached(Box<Cached>),
}

/// A reader's library from the cache.
struct Cached {
    /// The cache as read (or just built): it owns the search index.
    cache: crate::cache::Cache,
    /// The chapters changed since the cache was built, indexed on their
    /// own, and what they change in the cache's index.
    delta: Option<crate::cache::Delta>,
    /// How the delta's index joins the cache's, worked out once.
    overlay: OnceCell<Option<crate::index::Overlay>>,
    /// The cache file, rewritten if its index turns out damaged.
    path: Option<std::path::PathBuf>,
    /// The reader's files, to rebuild from if that cache section is damaged.
    files: Vec<crate::load::ChapterFile>,
    /// The built-in chapters (already decoded and checked).
    builtin: Vec<Chapter>,
    /// The index's block checksums, read once (see [`Library::with_index`]).
    blocks: OnceCell<Option<crate::index::Blocks>>,
    /// The library indexed again from its files, if the cache's index was damaged.
    reindexed: OnceCell<crate::cache::Cache>,
}

/// What a name typed by the reader resolves to.
#[derive(Debug)]
pub enum Lookup<'a> {
    Found(&'a Chapter),
    /// Several chapters answer to the name equally well.
    Ambiguous(Vec<&'a Chapter>),
    /// Nothing does; these slugs come closest.
    Missing(Vec<&'a Chapter>),
}

impl Library {
    /// The built-in guide alone. Its chapters are decoded when first asked
    /// for (a search needs only the index); if the compiled library cannot
    /// be decoded, the binary is damaged, and [`Library::chapters`] says so.
    pub fn builtin() -> Result<Self> {
        Ok(Library {
            chapters: OnceCell::new(),
            notices: Vec::new(),
            source: Source::Builtin,
        })
    }

    /// The same library, with these warnings for the output layer to print.
    pub fn with_notices(mut self, notices: Vec<String>) -> Self {
        self.notices = notices;
        self
    }

    /// A library of these chapters, already assembled and sorted.
    pub fn from_parts(chapters: Vec<Chapter>, notices: Vec<String>) -> Self {
        Library {
            chapters: OnceCell::from(chapters),
            notices,
            source: Source::Parts,
        }
    }

    /// A library backed by a cache (at `path`), which holds its search
    /// index, and a delta of the chapters changed since, if there is one.
    /// The chapters are read from them when first needed, else rebuilt from `files`.
    pub fn cached(
        cache: crate::cache::Cache,
        delta: Option<crate::cache::Delta>,
        path: Option<std::path::PathBuf>,
        files: Vec<crate::load::ChapterFile>,
        builtin: Vec<Chapter>,
        notices: Vec<String>,
    ) -> Self {
        Library {
            chapters: OnceCell::new(),
            notices,
            source: Source::Cached(Box::new(Cached {
                cache,
                delta,
                overlay: OnceCell::new(),
                path,
                files,
                builtin,
                blocks: OnceCell::new(),
                reindexed: OnceCell::new(),
            })),
        }
    }

    /// Runs `f` over this library's search index. A reader's index (from
    /// the cache) is verified block by block as `f` reads it; if a block
    /// turns out damaged, or the index does not open, the library is indexed
    /// again from its files (and the cache rewritten) and `f` runs again over
    /// the new index: a damaged cache never changes an answer. An error only
    /// if no index can be had at all.
    pub fn with_index<T>(&self, mut f: impl FnMut(&Index) -> T) -> Result<T> {
        let Source::Cached(source) = &self.source else {
            let bytes = self.index_bytes();
            let index =
                Index::open(&bytes).context("the search index is damaged; rebuild advice")?;
            return Ok(f(&index));
        };
        let Cached {
            cache,
            delta,
            overlay,
            path,
            files,
            blocks,
            reindexed,
            ..
        } = &**source;
        if reindexed.get().is_none() {
            let blocks = blocks.get_or_init(|| cache.index_blocks());
            let base = match (cache.index(), blocks) {
                (Some(bytes), Some(blocks)) => Index::open_checked(bytes, blocks),
                _ => None,
            };
            // With a delta, the index is the two joined (the delta was
            // verified whole when it was read).
            let index = match (base, delta) {
                (
                    Some(base),
                    Some(crate::cache::Delta {
                        cache: delta,
                        edits,
                    }),
                ) => delta.index().and_then(|bytes| {
                    let overlay = overlay.get_or_init(|| {
                        crate::index::Overlay::new(&base, bytes, &edits.removed, &edits.reordered)
                    });
                    base.with(bytes, overlay.as_ref()?)
                }),
                (base, _) => base,
            };
            if let Some(index) = index {
                let answer = f(&index);
                if !blocks.as_ref().is_some_and(crate::index::Blocks::damaged) {
                    return Ok(answer);
                }
            }
        }
        let fresh = match reindexed.get() {
            Some(fresh) => fresh,
            None => {
                let built = crate::cache::build(files, None)?;
                if let Some(path) = path {
                    crate::cache::write_base(path, &built.bytes);
                }
                let fresh = crate::cache::Cache::from_bytes(built.bytes)
                    .context("could not index your chapters: the new index does not read back")?;
                reindexed.get_or_init(|| fresh)
            }
        };
        let index = fresh
            .index()
            .and_then(Index::open)
            .context("could not index your chapters: the new index does not open")?;
        Ok(f(&index))
    }

    /// The search index's bytes, as they are (a reader's are not verified
    /// here: commands use [`Library::with_index`]; this is for tests and tools).
    /// (A cache whose index section is missing gives empty bytes, which
    /// [`crate::index::Index::open`] refuses: an error, not an empty result.)
    pub fn index_bytes(&self) -> std::borrow::Cow<'_, [u8]> {
        match &self.source {
            Source::Builtin => std::borrow::Cow::Borrowed(BUILTIN_INDEX),
            Source::Cached(source) => {
                std::borrow::Cow::Borrowed(source.cache.index().unwrap_or(&[]))
            }
            Source::Parts => std::borrow::Cow::Owned(crate::analyze::build_index(
                self.chapters.get().map_or(&[], Vec::as_slice),
            )),
        }
    }

    /// One tip of this library: the one at `pick(count)` of its `count`
    /// tips in reading order (`pick` must return less than `count`), or
    /// `None` if it has none. The built-in guide's are read in place and
    /// only the one picked is copied out.
    pub fn tip(&self, pick: impl FnOnce(usize) -> usize) -> Result<Option<crate::tips::Tip>> {
        if matches!(self.source, Source::Builtin)
            && let Ok(tips) = postcard::from_bytes::<Vec<crate::tips::TipRef>>(BUILTIN_TIPS)
        {
            if tips.is_empty() {
                return Ok(None);
            }
            return Ok(tips.get(pick(tips.len())).map(crate::tips::TipRef::to_tip));
        }
        let mut all = self.tips()?;
        if all.is_empty() {
            return Ok(None);
        }
        let at = pick(all.len());
        Ok((at < all.len()).then(|| all.swap_remove(at)))
    }

    /// Every tip of this library (dangerous lines and key points), in reading order.
    pub fn tips(&self) -> Result<Vec<crate::tips::Tip>> {
        if matches!(self.source, Source::Builtin) {
            // The precomputed tips; if they do not decode, compute them again.
            if let Ok(tips) = postcard::from_bytes(BUILTIN_TIPS) {
                return Ok(tips);
            }
        }
        Ok(crate::tips::collect(self.chapters()?))
    }

    /// Every chapter, in reading order. Decoded or read on first use: the
    /// built-in guide from the binary (an error if it is damaged), a reader's
    /// chapters from the cache, or rebuilt from their files if the cache's
    /// copy fails its checksum.
    pub fn chapters(&self) -> Result<&[Chapter]> {
        if let Some(chapters) = self.chapters.get() {
            return Ok(chapters);
        }
        let chapters = match &self.source {
            Source::Builtin => builtin_chapters()?,
            Source::Cached(source) => {
                let Cached {
                    cache,
                    delta,
                    path,
                    files,
                    builtin,
                    ..
                } = &**source;
                match delta {
                    Some(delta) => crate::cache::chapters_with(files, cache, &delta.cache),
                    None => cache.chapters(),
                }
                .map(|own| merge_builtin(builtin.clone(), own))
                .unwrap_or_else(|| crate::load::rebuild(files, path.as_deref(), builtin.clone()))
            }
            // Ready-made libraries are set when they are made.
            Source::Parts => Vec::new(),
        };
        Ok(self.chapters.get_or_init(|| chapters))
    }

    /// Warnings about the reader's chapters, one line each, for the output
    /// layer to print (broken files were skipped, the rest loaded).
    pub fn notices(&self) -> &[String] {
        &self.notices
    }

    /// The chapter with exactly this slug.
    pub fn get(&self, slug: &str) -> Result<Option<&Chapter>> {
        Ok(self.chapters()?.iter().find(|c| c.meta.slug == slug))
    }

    /// Resolves a name the way `advice chapter NAME` does: slug, alias, title
    /// (ours or the book's, any case), chapter number, then a unique prefix of any of these.
    pub fn find(&self, name: &str) -> Result<Lookup<'_>> {
        Ok(lookup(self.chapters()?, name, true))
    }

    /// Like [`Library::find`] without prefixes: the slug, an alias, a title
    /// or a number, exactly (case and punctuation aside).
    pub fn find_exact(&self, name: &str) -> Result<Lookup<'_>> {
        // The built-in guide alone, not decoded yet: its compiled names say
        // whether any chapter could answer, without decoding them all
        // (`advice missed deadline` names none, and goes on to search).
        if matches!(self.source, Source::Builtin)
            && self.chapters.get().is_none()
            && !builtin_may_answer(name)
        {
            return Ok(Lookup::Missing(Vec::new()));
        }
        Ok(lookup(self.chapters()?, name, false))
    }
}

/// A name as typed, in the forms the exact lookups compare it in: the
/// one definition of what "names a chapter exactly" means, shared by
/// [`lookup`] and [`builtin_may_answer`].
struct Typed {
    /// Trimmed and lowercased, for a slug as written.
    exact: String,
    /// As [`normalize_name`] has it.
    key: String,
    /// As [`loose_chars`] has it, for titles.
    loose: String,
}

impl Typed {
    /// `None` for a name with nothing in it.
    fn new(name: &str) -> Option<Typed> {
        let key = normalize_name(name);
        (!key.is_empty()).then(|| Typed {
            exact: name.trim().to_lowercase(),
            loose: loose_chars(name).collect(),
            key,
        })
    }

    /// A slug, an alias or a slug's last part, case and separators aside.
    fn is_key(&self, name: &str) -> bool {
        name_chars(name).eq(self.key.chars())
    }

    fn is_slug(&self, slug: &str) -> bool {
        slug == self.exact || self.is_key(slug)
    }

    /// A page of a reader's folder by the last part of its path-like slug
    /// (`on-call` for `engineering/on-call`).
    fn is_last_part(&self, slug: &str) -> bool {
        slug.rsplit_once('/')
            .is_some_and(|(_, last)| self.is_key(last))
    }

    fn is_title(&self, title: &str) -> bool {
        loose_chars(title).eq(self.loose.chars())
    }

    fn is_number(&self, order: u32) -> bool {
        self.key.parse::<u32>() == Ok(order)
    }
}

/// Whether any built-in chapter could answer to `name` exactly, read from
/// the compiled names alone ([`crate::chapter::StoredNames`]) without
/// decoding the chapters. True if those cannot be read, so the full lookup
/// runs and reports the damage.
fn builtin_may_answer(name: &str) -> bool {
    let Some(typed) = Typed::new(name) else {
        return false;
    };
    let Ok(names) =
        postcard::from_bytes::<Vec<crate::chapter::StoredNames<'static>>>(BUILTIN_NAMES)
    else {
        return true;
    };
    names.iter().any(|n| {
        typed.is_slug(n.slug)
            || typed.is_last_part(n.slug)
            || n.aliases.iter().any(|a| typed.is_key(a))
            || n.titles.iter().any(|t| typed.is_title(t))
            || typed.is_number(n.order)
    })
}

/// [`Library::find`] over these chapters.
fn lookup<'a>(chapters: &'a [Chapter], name: &str, prefixes: bool) -> Lookup<'a> {
    {
        let Some(typed) = Typed::new(name) else {
            return Lookup::Missing(Vec::new());
        };
        if let Some(c) = chapters.iter().find(|c| typed.is_slug(&c.meta.slug)) {
            return Lookup::Found(c);
        }
        // A page of a reader's folder by the last part of its path-like
        // slug, when only one has it.
        let by_last: Vec<&Chapter> = chapters
            .iter()
            .filter(|c| typed.is_last_part(&c.meta.slug))
            .collect();
        if let Some(found) = one_or_many(by_last) {
            return found;
        }
        let by_alias: Vec<&Chapter> = chapters
            .iter()
            .filter(|c| c.meta.aliases.iter().any(|a| typed.is_key(a)))
            .collect();
        if let Some(found) = one_or_many(by_alias) {
            return found;
        }
        let by_title: Vec<&Chapter> = chapters
            .iter()
            .filter(|c| titles(c).any(|t| typed.is_title(t)))
            .collect();
        if let Some(found) = one_or_many(by_title) {
            return found;
        }
        if let Some(c) = chapters.iter().find(|c| typed.is_number(c.meta.order)) {
            return Lookup::Found(c);
        }
        if !prefixes {
            return Lookup::Missing(Vec::new());
        }
        let by_prefix: Vec<&Chapter> = chapters
            .iter()
            .filter(|c| {
                names(c).any(|n| starts_with(name_chars(n), typed.key.chars()))
                    || (!typed.loose.is_empty()
                        && titles(c).any(|t| starts_with(loose_chars(t), typed.loose.chars())))
            })
            .collect();
        if let Some(found) = one_or_many(by_prefix) {
            return found;
        }
        Lookup::Missing(closest(chapters, &typed.key))
    }
}

/// Up to three chapters whose names come closest to `key` (for "did you mean").
pub fn closest<'a>(chapters: &'a [Chapter], key: &str) -> Vec<&'a Chapter> {
    {
        let mut scored: Vec<(f64, &Chapter)> = chapters
            .iter()
            .map(|c| {
                // A name, or one word of a title, that is near in the
                // Jaro-Winkler sense and also a few edits away: otherwise
                // every word sharing a prefix would be offered ("promotion"
                // is not "prompting").
                let few_edits = |part: &str| {
                    crate::suggest::edit_distance(key, part) <= (key.chars().count() / 4).max(1)
                };
                let score = names(c)
                    .chain(titles(c))
                    .flat_map(|n| {
                        let n = normalize_name(n);
                        let parts: Vec<String> = n
                            .split(' ')
                            .filter(|p| *p != n)
                            .map(str::to_string)
                            .collect();
                        std::iter::once(n).chain(parts)
                    })
                    .filter(|n| few_edits(n))
                    .map(|n| crate::suggest::similarity(key, &n))
                    .fold(0.0, f64::max);
                (score, c)
            })
            .filter(|(score, _)| *score >= crate::suggest::SUGGEST)
            .collect();
        scored.sort_by(|a, b| {
            b.0.total_cmp(&a.0)
                .then(a.1.meta.order.cmp(&b.1.meta.order))
        });
        scored.into_iter().take(3).map(|(_, c)| c).collect()
    }
}

/// Decodes the chapters compiled in by `build.rs`.
pub fn builtin_chapters() -> Result<Vec<Chapter>> {
    const DAMAGED: &str = "the built-in library is damaged; rebuild advice";
    let stored: Vec<crate::chapter::StoredChapter<'static>> =
        postcard::from_bytes(BUILTIN).context(DAMAGED)?;
    Ok(stored.into_iter().map(Chapter::stored).collect())
}

/// A library assembled from the built-in chapters and a reader's: the one
/// place where the two meet (see [`crate::validate::assemble`] for the rules).
#[derive(Debug, Default)]
pub struct Assembled {
    /// Every chapter in effect, sorted.
    pub chapters: Vec<Chapter>,
    /// Problems that left a reader's chapter out (a duplicate slug or checklist name).
    pub dropped: Vec<crate::chapter::Diagnostic>,
    /// Problems with chapters that joined anyway (a dangling `related`).
    pub notes: Vec<crate::chapter::Diagnostic>,
    /// Remarks only `lint` makes (two chapters sharing an order).
    pub lint_notes: Vec<crate::chapter::Diagnostic>,
}

/// Assembles the built-in chapters with a reader's (their own order kept:
/// built-in first), sorting the problems by what they mean for the reader.
pub fn assemble(builtin: Vec<Chapter>, own: Vec<Chapter>) -> Assembled {
    let mut all = builtin;
    all.extend(own);
    let (chapters, problems) = crate::validate::assemble(all);
    let mut out = Assembled {
        chapters,
        ..Assembled::default()
    };
    for problem in problems {
        if problem.dropped {
            out.dropped.push(problem.diagnostic);
        } else if problem.lint_only {
            out.lint_notes.push(problem.diagnostic);
        } else {
            out.notes.push(problem.diagnostic);
        }
    }
    out
}

/// The built-in chapters not replaced by the reader's, plus the reader's,
/// sorted: the reader's chapters were assembled with the built-in ones
/// before (by [`assemble`], when the cache was built), so nothing is checked again.
/// Settles the names and order of a reader's markdown pages (files not in
/// advice's format), given in walk order with their paths: each gets the
/// order `FIRST_ORDER + its position`, so pages read in path order after
/// the guide; a slug (or checklist name) already taken by a built-in
/// chapter, a chapter in advice's format or an earlier page gets the first
/// free numeric suffix (`conclusion-2`), so a page is added beside the
/// guide, never over it. Returns a note for each renamed page (for `lint`).
pub fn settle_markdown(
    metas: &mut [&mut crate::chapter::FrontMatter],
    paths: &[&str],
    builtin: &[Chapter],
) -> Vec<crate::chapter::Diagnostic> {
    use crate::chapter::Format;
    use std::collections::HashSet;
    let mut slugs: HashSet<String> = builtin.iter().map(|c| c.meta.slug.clone()).collect();
    let mut checklists: HashSet<String> = builtin
        .iter()
        .filter_map(|c| c.meta.checklist.as_ref().map(|m| m.name.clone()))
        .collect();
    for meta in metas.iter().filter(|m| m.format == Format::Advice) {
        slugs.insert(meta.slug.clone());
        if let Some(list) = &meta.checklist {
            checklists.insert(list.name.clone());
        }
    }
    // A folder whose pages all sit in one top folder (a site's `pages/`)
    // takes its parts from the level below, so `list` groups them usefully.
    let pages: Vec<usize> = (0..metas.len())
        .filter(|&i| metas[i].format == Format::Markdown)
        .collect();
    let mut tops: std::collections::HashMap<String, usize> = std::collections::HashMap::new();
    for &i in &pages {
        if let Some((top, _)) = metas[i].slug.split_once('/') {
            *tops.entry(top.to_string()).or_default() += 1;
        }
    }
    // Each page's part is named by a folder: the top one, or the one below.
    let mut part_folder: Vec<Option<String>> = pages
        .iter()
        .map(|&i| {
            metas[i]
                .slug
                .split_once('/')
                .map(|(top, _)| top.to_string())
        })
        .collect();
    if let Some((top, count)) = tops.into_iter().max_by_key(|(_, n)| *n)
        && count >= 2
        && count * 5 >= pages.len() * 4
    {
        let prefix = format!("{top}/");
        for (n, &i) in pages.iter().enumerate() {
            let segments: Vec<&str> = metas[i].slug.split('/').collect();
            if metas[i].slug.starts_with(&prefix) && segments.len() >= 3 {
                metas[i].part = segments[1].to_string();
                part_folder[n] = Some(segments[..2].join("/"));
            }
        }
    }
    // A folder with an index.md or README.md (a page with the folder's
    // slug) names its part by that page's title.
    let titles: std::collections::HashMap<String, String> = pages
        .iter()
        .map(|&i| (metas[i].slug.clone(), metas[i].title.clone()))
        .collect();
    let named: std::collections::HashSet<&String> = part_folder.iter().flatten().collect();
    let index_pages: Vec<usize> = pages
        .iter()
        .copied()
        .filter(|&i| named.contains(&metas[i].slug))
        .collect();
    for (n, &i) in pages.iter().enumerate() {
        if let Some(title) = part_folder[n].as_ref().and_then(|f| titles.get(f)) {
            metas[i].part = title.clone();
        }
    }
    // The index page itself opens its part.
    for i in index_pages {
        metas[i].part = metas[i].title.clone();
    }
    let mut notes = Vec::new();
    let mut page = 0u32;
    for (i, meta) in metas.iter_mut().enumerate() {
        if meta.format != Format::Markdown {
            continue;
        }
        meta.order = advice_core::document::FIRST_ORDER.saturating_add(page);
        page += 1;
        let wanted = meta.slug.clone();
        let taken = |slug: &str, slugs: &HashSet<String>, checklists: &HashSet<String>| {
            slugs.contains(slug) || (meta.checklist.is_some() && checklists.contains(slug))
        };
        let mut slug = wanted.clone();
        let mut n = 2;
        while taken(&slug, &slugs, &checklists) {
            slug = format!("{wanted}-{n}");
            n += 1;
        }
        if slug != wanted {
            notes.push(crate::chapter::Diagnostic {
                path: paths.get(i).map_or_else(String::new, |p| p.to_string()),
                line: 1,
                column: 1,
                message: format!(
                    "'{wanted}' is already the name of another chapter; this page is '{slug}'"
                ),
            });
            meta.slug = slug.clone();
        }
        if let Some(list) = meta.checklist.as_mut() {
            list.name = slug.clone();
            checklists.insert(slug.clone());
        }
        slugs.insert(slug);
    }
    notes
}

/// [`settle_markdown`] over a reader's chapters, in walk order.
pub fn settle_chapters(
    own: &mut [Chapter],
    builtin: &[Chapter],
) -> Vec<crate::chapter::Diagnostic> {
    let paths: Vec<String> = own.iter().map(|c| c.path.clone()).collect();
    let paths: Vec<&str> = paths.iter().map(String::as_str).collect();
    let mut metas: Vec<&mut crate::chapter::FrontMatter> =
        own.iter_mut().map(|c| &mut c.meta).collect();
    settle_markdown(&mut metas, &paths, builtin)
}

/// The built-in chapters with a reader's (read from the cache, already
/// assembled once): a chapter in advice's format replaces the built-in one
/// with its slug; markdown pages are settled first, so they never do.
pub fn merge_builtin(builtin: Vec<Chapter>, mut own: Vec<Chapter>) -> Vec<Chapter> {
    settle_chapters(&mut own, &builtin);
    let replaced: std::collections::HashSet<String> =
        own.iter().map(|c| c.meta.slug.clone()).collect();
    let mut all: Vec<Chapter> = builtin
        .into_iter()
        .filter(|c| !replaced.contains(&c.meta.slug))
        .collect();
    all.extend(own);
    crate::validate::sort(&mut all);
    all
}

fn one_or_many(found: Vec<&Chapter>) -> Option<Lookup<'_>> {
    match found.len() {
        0 => None,
        1 => Some(Lookup::Found(found[0])),
        _ => Some(Lookup::Ambiguous(found)),
    }
}

/// A chapter's slug and aliases.
fn names(c: &Chapter) -> impl Iterator<Item = &str> {
    std::iter::once(c.meta.slug.as_str()).chain(c.meta.aliases.iter().map(String::as_str))
}

/// Our title and the book's.
fn titles(c: &Chapter) -> impl Iterator<Item = &str> {
    std::iter::once(c.meta.title.as_str()).chain(c.meta.book.iter().map(|b| b.chapter.as_str()))
}

/// Whether one character sequence begins with another.
fn starts_with(mut whole: impl Iterator<Item = char>, prefix: impl Iterator<Item = char>) -> bool {
    let mut prefix = prefix;
    prefix.all(|c| whole.next() == Some(c))
}

/// A name as lookups compare it, without allocating: lowercase words joined
/// by single spaces, hyphens and underscores counting as spaces
/// (the same as [`normalize_name`]).
fn name_chars(name: &str) -> impl Iterator<Item = char> + '_ {
    name.split(|c: char| c.is_whitespace() || c == '-' || c == '_')
        .filter(|w| !w.is_empty())
        .enumerate()
        .flat_map(|(i, w)| {
            (i > 0)
                .then_some(' ')
                .into_iter()
                .chain(w.chars().flat_map(char::to_lowercase))
        })
}

/// A title compared loosely: lowercase words, punctuation ignored, so
/// `dont be a jira ticket robot` finds "Don't be a JIRA ticket robot".
fn loose_chars(title: &str) -> impl Iterator<Item = char> + '_ {
    title
        .split(|c: char| !(c.is_alphanumeric() || c == '\'' || c == '\u{2019}'))
        .map(|w| w.trim_matches(|c| c == '\'' || c == '\u{2019}'))
        .filter(|w| !w.is_empty())
        .enumerate()
        .flat_map(|(i, w)| {
            (i > 0).then_some(' ').into_iter().chain(
                w.chars()
                    .filter(|c| *c != '\'' && *c != '\u{2019}')
                    .flat_map(char::to_lowercase),
            )
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every form a reader might type a built-in chapter's name in, and
    /// every query of two development sets: the compiled names say a
    /// chapter could answer exactly when the full lookup finds one, so
    /// skipping the decoding never changes what `advice WORDS` does.
    #[test]
    fn the_compiled_names_answer_as_the_full_lookup_does() {
        let chapters = builtin_chapters().expect("the built-in chapters");
        let mut typed: Vec<String> = Vec::new();
        for c in &chapters {
            let forms = names(c)
                .chain(titles(c))
                .map(str::to_string)
                .chain([c.meta.order.to_string(), format!(" {:02} ", c.meta.order)]);
            for form in forms.collect::<Vec<_>>() {
                typed.push(form.to_uppercase());
                typed.push(form.replace('-', " "));
                typed.push(form.replace(['\'', '\u{2019}'], ""));
                typed.push(format!("{form}!"));
                typed.push(form);
            }
        }
        for set in [
            include_str!("../tests/it/development.tsv"),
            include_str!("../tests/it/development8.tsv"),
        ] {
            typed.extend(
                set.lines()
                    .filter_map(|l| l.split('\t').next())
                    .map(str::to_string),
            );
        }
        typed.extend(
            [
                "",
                "  ",
                "-",
                "0",
                "29",
                "ship",
                "shipping is",
                "missed deadline",
            ]
            .map(String::from),
        );
        let mut found = 0;
        for name in &typed {
            let full = !matches!(lookup(&chapters, name, false), Lookup::Missing(_));
            assert_eq!(builtin_may_answer(name), full, "{name:?}");
            found += usize::from(full);
        }
        assert!(found > 200, "only {found} of the names found a chapter");
    }
}
