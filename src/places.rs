//! The folders advice keeps things in: the XDG base directories
//! (`$XDG_CONFIG_HOME`, `$XDG_CACHE_HOME`, `$XDG_STATE_HOME`,
//! `$XDG_DATA_HOME`, each under `$HOME` when unset or not absolute) and
//! the home folder itself, the one definition every module asks.
//!
//! On Linux they come from the environment alone: the home folder is
//! `$HOME` and nothing else. The `dirs` crate falls back on the password
//! database when `HOME` is unset, and on Linux advice is a static glibc
//! program (`.cargo/config.toml`): there, a database source beyond
//! `/etc/passwd` (`passwd: files systemd`, Debian's default, or `sss`)
//! makes glibc load that source's shared library into the static program,
//! which crashes it, for a user the file does not list (a container's
//! arbitrary uid, a directory service's users). A program run without
//! `HOME` has no home folder here: no own chapters, cache or saved state
//! unless the `XDG_*` folders are set, and the commands that need one say
//! so. Elsewhere the platform's folders, from `dirs`.

use std::path::PathBuf;

/// What a command that must write under the config folder says when there
/// is none ([`config_dir`] is `None`): which variables it looked at.
pub const NO_CONFIG_DIR: &str = "cannot tell where your config directory is: \
     neither XDG_CONFIG_HOME nor HOME is set to an absolute path";

/// The home folder: `$HOME`, if set to an absolute path.
#[cfg(target_os = "linux")]
pub fn home_dir() -> Option<PathBuf> {
    absolute(std::env::var_os("HOME")?)
}

/// `$VAR` if it holds an absolute path, else `$HOME/fallback`.
#[cfg(target_os = "linux")]
fn xdg(var: &str, fallback: &str) -> Option<PathBuf> {
    std::env::var_os(var)
        .and_then(absolute)
        .or_else(|| Some(home_dir()?.join(fallback)))
}

/// A path from the environment, if absolute (the XDG spec ignores relative ones).
#[cfg(target_os = "linux")]
fn absolute(value: std::ffi::OsString) -> Option<PathBuf> {
    let path = PathBuf::from(value);
    path.is_absolute().then_some(path)
}

/// `$XDG_CONFIG_HOME`, or `~/.config`.
#[cfg(target_os = "linux")]
pub fn config_dir() -> Option<PathBuf> {
    xdg("XDG_CONFIG_HOME", ".config")
}

/// `$XDG_CACHE_HOME`, or `~/.cache`.
#[cfg(target_os = "linux")]
pub fn cache_dir() -> Option<PathBuf> {
    xdg("XDG_CACHE_HOME", ".cache")
}

/// `$XDG_STATE_HOME`, or `~/.local/state`.
#[cfg(target_os = "linux")]
pub fn state_dir() -> Option<PathBuf> {
    xdg("XDG_STATE_HOME", ".local/state")
}

/// `$XDG_DATA_HOME`, or `~/.local/share`.
#[cfg(target_os = "linux")]
pub fn data_dir() -> Option<PathBuf> {
    xdg("XDG_DATA_HOME", ".local/share")
}

#[cfg(not(target_os = "linux"))]
pub use dirs::{cache_dir, config_dir, data_dir, home_dir, state_dir};
