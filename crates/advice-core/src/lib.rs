//! The core of `advice`: everything the build script and the binary share.
//!
//! The chapter model ([`chapter`]), reading one chapter file ([`parse`]), the
//! rules across chapters ([`validate`]), the book's contents ([`contents`]),
//! text analysis ([`text`], [`spelling`], [`analyze`]), the search index's binary form
//! ([`index`]), ranking ([`ranking`]) with what readers type ([`asks`]),
//! word vectors ([`vectors`]) and the fit model ([`gate`]), "did you mean" ([`suggest`]), tips
//! ([`tips`]), `advice new`'s placeholder text ([`template`]), the hashes ([`hash`]), and compiling the built-in guide into
//! the binary's data ([`embed`]).
//!
//! Nothing here touches a terminal, walks a file system or parses a command
//! line: that is the `advice` crate's job. `build.rs` calls [`embed::compile`];
//! the binary reads what it wrote.

#![warn(missing_docs)]

pub mod analyze;
pub mod asks;
pub mod body;
pub mod chapter;
pub mod contents;
pub mod document;
pub mod embed;
pub mod front_matter;
pub mod gate;
pub mod hash;
pub mod index;
pub mod parse;
pub mod ranking;
pub mod spelling;
pub mod suggest;
pub mod template;
mod term_table;
pub mod text;
pub mod thesaurus;
pub mod tips;
pub mod uncovered;
pub mod validate;
pub mod vectors;
