//! advice's integration tests, as one crate so they build and link once.
//!
//! Most run the real binary (`common::Advice` scrubs the developer's
//! environment); the rest call the library directly. A test that needs a tool
//! the machine lacks (`script`, zsh, fish) says SKIPPED on stderr, and fails
//! under CI, which installs them.

mod binary;
mod browse;
mod changes;
mod checklist;
mod cli;
mod common;
mod fuzz_regressions;
mod gate;
mod hardening;
mod json_shapes;
mod library;
mod markdown;
mod own_chapters;
mod parse;
mod properties;
mod reading;
mod readme;
mod relevance;
mod reliability;
mod search;
mod shell;
mod snapshots;
mod terminal;
mod validation;
