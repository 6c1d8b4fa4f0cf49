//! The placeholder text of the chapter `advice new` writes, in one place:
//! the template is built from it, `advice lint` flags any of it left in a
//! reader's chapter, and [`crate::tips`] never serves it as advice.

/// The lead paragraph.
pub const LEAD: &str = "One or two sentences to a teammate: the situation this chapter is for, and what to do about it. Keep each paragraph on one line.";
/// The one situation under "Read this when".
pub const READ_WHEN: &str = "A situation in the words a teammate would use (\"the pager went off and nobody knows this service\").";
/// The paragraph under "The idea".
pub const IDEA: &str = "Why the advice works, in a paragraph or two.";
/// The one key point.
pub const KEY_POINT: &str = "One bullet for each point worth remembering.";
/// The checklist's two items.
pub const TASKS: [&str; 2] = [
    "Something to do or check this week, written as an instruction.",
    "Another one.",
];
/// The one caveat.
pub const CAVEAT: &str = "When not to follow this advice, and what it costs.";
/// How the `dangerous` line starts (the topic follows).
pub const DANGEROUS_START: &str =
    "Replace this with the one thing you would tell a new teammate about";
/// How the `summary` starts and ends (the topic goes between).
pub const SUMMARY_START: &str = "What we have learned about";
/// See [`SUMMARY_START`].
pub const SUMMARY_END: &str = ", and what to do about it.";

/// The `dangerous` line for a topic.
pub fn dangerous(topic: &str) -> String {
    format!("{DANGEROUS_START} {topic}.")
}

/// The `summary` for a topic.
pub fn summary(topic: &str) -> String {
    format!("{SUMMARY_START} {topic}{SUMMARY_END}")
}

/// Whether `text` (a block's plain text, a summary or a dangerous line) is
/// still the template's, unedited.
pub fn is_placeholder(text: &str) -> bool {
    // The template writes each on one line: compare as written, no copying
    // (this runs on every block of every chapter of a reader's library).
    let text = text.trim();
    [LEAD, READ_WHEN, IDEA, KEY_POINT, TASKS[0], TASKS[1], CAVEAT].contains(&text)
        || text.starts_with(DANGEROUS_START)
        || (text.starts_with(SUMMARY_START) && text.ends_with(SUMMARY_END))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn placeholders_are_recognised_and_real_text_is_not() {
        assert!(is_placeholder(&dangerous("on call")));
        assert!(is_placeholder(&summary("on call")));
        assert!(is_placeholder(&format!("  {KEY_POINT}\n")));
        assert!(!is_placeholder(
            "Page the owner before you touch their service."
        ));
        assert!(!is_placeholder(
            "What we have learned about paging is short."
        ));
    }
}
