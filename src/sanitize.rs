//! Keeps chapter text from talking to the terminal.
//!
//! Chapters may come from repositories the reader doesn't control. Any control
//! character in their text (ESC starting a CSI or OSC sequence, BEL, backspace,
//! carriage return, C1 controls...) is shown escaped, as `\x1b` or `\u{9b}`,
//! instead of being sent to the terminal. Tabs and newlines pass through
//! [`visible`] (chapter text has lines); [`line()`] is for one-line messages
//! (warnings and errors naming paths or environment values), where a newline
//! in a file name must not forge a second message, so it escapes them too.
//! Every Bidi_Control character (U+061C, U+200E-F, U+202A-E, U+2066-9) is
//! escaped everywhere, as are U+2028/U+2029.

use std::borrow::Cow;
use std::fmt::Write;

/// True for characters that must not reach a terminal unescaped.
pub fn is_unsafe(c: char) -> bool {
    (c.is_control() && c != '\n' && c != '\t')
        || matches!(c, '\u{061c}' | '\u{2028}' | '\u{2029}' | '\u{200e}' | '\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
}

/// `text` with every unsafe character replaced by a visible escape.
pub fn visible(text: &str) -> Cow<'_, str> {
    escape(text, is_unsafe)
}

/// One line of a message: like [`visible`], and newlines and tabs are
/// escaped as well, so the message stays one line whatever a path holds.
pub fn line(text: &str) -> Cow<'_, str> {
    escape(text, |c| is_unsafe(c) || c == '\n' || c == '\t')
}

fn escape(text: &str, is_unsafe: impl Fn(char) -> bool) -> Cow<'_, str> {
    if !text.chars().any(&is_unsafe) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 16);
    for c in text.chars() {
        if is_unsafe(c) {
            let code = c as u32;
            if code < 0x100 {
                let _ = write!(out, "\\x{code:02x}");
            } else {
                let _ = write!(out, "\\u{{{code:x}}}");
            }
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_terminal_sequences_but_keeps_text() {
        assert_eq!(visible("a\x1b]0;pwned\x07b"), "a\\x1b]0;pwned\\x07b");
        assert_eq!(visible("x\u{9b}2J"), "x\\x9b2J");
        assert_eq!(visible("tab\tand\nnewline"), "tab\tand\nnewline");
        assert_eq!(visible("back\x08\rspace"), "back\\x08\\x0dspace");
    }

    #[test]
    fn every_bidi_control_is_escaped() {
        for c in [
            '\u{061c}', '\u{200e}', '\u{200f}', '\u{202a}', '\u{202e}', '\u{2066}', '\u{2069}',
        ] {
            assert!(!visible(&format!("a{c}b")).contains(c), "{:x}", c as u32);
        }
    }

    #[test]
    fn a_message_line_cannot_be_split() {
        assert_eq!(line("a\nadvice: forged"), "a\\x0aadvice: forged");
    }
}
