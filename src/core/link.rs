//! Links from data files, checked before the terminal or the system opener sees them.
//!
//! A source's `url` and `file` come from a file that is not trusted. A link goes into an OSC 8
//! escape sequence (where a control character could end the sequence and start another) and to
//! the system opener (where `javascript:` or a custom scheme could run something), so each is
//! checked once, on the text as the file wrote it (not its sanitised stand-in): no control,
//! invisible or space characters, a URL that parses, and only the http, https and file schemes.
//! What passes is the URL's ASCII form (non-ASCII percent-encoded, hosts in punycode), the only
//! form an OSC 8 sequence may carry.

use crate::core::model::{Event, Source};
use crate::core::sanitize;

/// The schemes that are ever linked or opened.
pub const SCHEMES: [&str; 3] = ["http", "https", "file"];

/// Longer links are refused: browsers and terminals cap them too, and no citation needs one.
pub const MAX_LEN: usize = 2048;

/// Something to open: a checked URL, or a source file's path as written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Target {
    /// An http, https or file URL in ASCII form.
    Url(String),
    /// A path as the data file wrote it, relative to wherever the opener resolves it.
    File(String),
}

impl Target {
    /// What the target is, for messages.
    pub fn as_str(&self) -> &str {
        match self {
            Target::Url(u) | Target::File(u) => u,
        }
    }
}

/// Why a link is neither linked nor opened.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum Refusal {
    #[error("it contains control, invisible or space characters")]
    Unsafe,
    #[error("it is longer than {MAX_LEN} characters")]
    TooLong,
    #[error("only http, https and file links are opened, not `{0}:`")]
    Scheme(String),
    #[error("it is not a URL ({0})")]
    Malformed(String),
}

/// Checks a URL as written: its ASCII form if it may be linked and opened.
pub fn check_url(written: &str) -> Result<String, Refusal> {
    check_text(written)?;
    let url = url::Url::parse(written).map_err(|e| Refusal::Malformed(e.to_string()))?;
    if !SCHEMES.contains(&url.scheme()) {
        return Err(Refusal::Scheme(sanitize::line(url.scheme()).into_owned()));
    }
    let ascii = url.as_str();
    // The url crate's serialisation is ASCII; checked again because the escape sequence depends
    // on it, whatever a future version does.
    if !ascii.bytes().all(|b| b.is_ascii_graphic()) {
        return Err(Refusal::Unsafe);
    }
    Ok(ascii.to_string())
}

/// Checks a source file's path as written.
pub fn check_path(written: &str) -> Result<String, Refusal> {
    check_text(written)?;
    Ok(written.to_string())
}

fn check_text(written: &str) -> Result<(), Refusal> {
    if written.chars().count() > MAX_LEN {
        return Err(Refusal::TooLong);
    }
    if written.is_empty()
        || written
            .chars()
            .any(|c| c.is_control() || c.is_whitespace() || sanitize::is_unsafe(c))
    {
        return Err(Refusal::Unsafe);
    }
    Ok(())
}

/// The `index`th source of `event` as its file wrote it: the sanitised source's text may stand
/// in for characters the check must see.
fn written(event: &Event, index: usize) -> Option<&Source> {
    match &event.original {
        Some(original) => original.sources.get(index),
        None => event.sources.get(index),
    }
}

/// The checked URL of a source, if it has one.
pub fn source_url(event: &Event, index: usize) -> Option<Result<String, Refusal>> {
    written(event, index)?.url.as_deref().map(check_url)
}

/// What opening a source opens: its URL if that passes, else its file; or why neither can be.
pub fn source_target(event: &Event, index: usize) -> Option<Result<Target, Refusal>> {
    let source = written(event, index)?;
    let url = source.url.as_deref().map(check_url);
    let file = source.file.as_deref().map(check_path);
    match (url, file) {
        (Some(Ok(u)), _) => Some(Ok(Target::Url(u))),
        (_, Some(Ok(f))) => Some(Ok(Target::File(f))),
        (Some(Err(e)), _) | (None, Some(Err(e))) => Some(Err(e)),
        (None, None) => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn web_and_file_links_pass_in_ascii_form() {
        assert_eq!(
            check_url("https://example.com/a b").unwrap_err(),
            Refusal::Unsafe
        );
        assert_eq!(
            check_url("https://example.com/news?id=7#top").unwrap(),
            "https://example.com/news?id=7#top"
        );
        assert_eq!(
            check_url("https://hi.wikipedia.org/wiki/भारत").unwrap(),
            "https://hi.wikipedia.org/wiki/%E0%A4%AD%E0%A4%BE%E0%A4%B0%E0%A4%A4"
        );
        assert_eq!(
            check_url("https://bücher.example/").unwrap(),
            "https://xn--bcher-kva.example/"
        );
        assert_eq!(
            check_url("file:///tmp/report.txt").unwrap(),
            "file:///tmp/report.txt"
        );
    }

    #[test]
    fn controls_and_other_schemes_are_refused() {
        for bad in [
            "https://example.com/\u{1b}]0;PWNED\u{7}",
            "https://example.com/\u{1b}\\",
            "https://exa\tmple.com/",
            "https://example.com/\u{202e}fdp.exe",
            "https://example.com/\u{9b}31m",
            "\u{1b}[2Jhttps://example.com",
            "",
        ] {
            assert_eq!(check_url(bad), Err(Refusal::Unsafe), "{bad:?}");
        }
        assert_eq!(
            check_url("javascript:alert(1)"),
            Err(Refusal::Scheme("javascript".into()))
        );
        assert!(matches!(check_url("ssh://host"), Err(Refusal::Scheme(_))));
        assert!(matches!(check_url("no scheme"), Err(Refusal::Unsafe)));
        assert!(matches!(
            check_url("example.com"),
            Err(Refusal::Malformed(_))
        ));
        let long = format!("https://example.com/{}", "a".repeat(MAX_LEN));
        assert_eq!(check_url(&long), Err(Refusal::TooLong));
    }

    #[test]
    fn the_text_as_written_is_checked_not_its_stand_in() {
        let mut event = Event::new(
            "x",
            "x",
            crate::core::model::Date::parse("2025").expect("a date"),
        );
        event.add_source(Source {
            title: "t".into(),
            url: Some("https://example.com/\u{1b}]52;c;aGVsbG8=\u{7}".into()),
            file: Some("notes.txt".into()),
            ..Source::default()
        });
        sanitize::event(&mut event);
        assert!(
            event.sources[0]
                .url
                .as_deref()
                .is_some_and(|u| u.contains('␛'))
        );
        assert_eq!(source_url(&event, 0), Some(Err(Refusal::Unsafe)));
        assert_eq!(
            source_target(&event, 0),
            Some(Ok(Target::File("notes.txt".into()))),
            "a refused URL leaves the file to open"
        );
        assert_eq!(source_target(&event, 1), None);
    }
}
