//! The one validator: the rules an event or era must meet whichever reader built it.
//!
//! Readers differ in how they find a value (a JSON field, a TimelineJS slide, the review screen's date
//! editor) and in where they report a fault, but not in what counts as a fault. Each rule here answers
//! "what is wrong, if anything", in words fit for a diagnostic, so the careful reader, the fast path,
//! the TimelineJS mapper and the review screen cannot drift apart.

use super::Date;

pub use super::id::id_problem;

/// Why a piece of required text is unusable, if it is: blank text says nothing.
pub fn text_problem(text: &str) -> Option<&'static str> {
    text.trim().is_empty().then_some("must not be empty")
}

/// Why a title (of an event, an era or the whole timeline) cannot be shown on one line, if it
/// cannot: a line break would split list rows, headings and the briefing note's `# ` heading.
pub fn line_problem(text: &str) -> Option<&'static str> {
    text.contains(['\n', '\r']).then_some("must be one line")
}

/// Why a start and end cannot describe one span of time, if they cannot.
pub fn span_problem(start: Date, end: Option<Date>) -> Option<String> {
    match end {
        Some(e) if e < start => Some(format!("end {e} is before start {start}")),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn blank_text_is_refused_and_words_are_not() {
        assert_eq!(text_problem(" \t"), Some("must not be empty"));
        assert_eq!(text_problem("Visit"), None);
    }

    #[test]
    fn titles_are_one_line() {
        assert_eq!(line_problem("a\nb"), Some("must be one line"));
        assert_eq!(line_problem("a\rb"), Some("must be one line"));
        assert_eq!(line_problem("a b"), None);
    }

    #[test]
    fn an_end_before_its_start_is_refused() {
        let (a, b) = (
            Date::parse("2025-05-27").unwrap(),
            Date::parse("2025-05-29").unwrap(),
        );
        assert_eq!(span_problem(a, Some(b)), None);
        assert_eq!(span_problem(a, Some(a)), None);
        assert_eq!(span_problem(a, None), None);
        assert_eq!(
            span_problem(b, Some(a)).as_deref(),
            Some("end 2025-05-27 is before start 2025-05-29")
        );
    }
}
