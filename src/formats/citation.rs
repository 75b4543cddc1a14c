//! One event's citation, for the clipboard: its date and title, then each source's quote and where
//! to find it (title, publication date, link), as plain text or as Markdown.
//!
//! Text is the sanitised text every view shows. Markdown links carry only URLs that pass
//! `core::link`; any other URL is left as escaped text, so pasting the citation into a Markdown
//! document never makes a link the browser itself would have refused.

use std::fmt::Write;

use crate::core::link;
use crate::core::model::Event;
use crate::formats::markdown::escape;

/// The citation as plain text.
pub fn plain(event: &Event) -> String {
    let mut out = format!("{} — {}\n", event.date_label(), event.title);
    for (i, s) in event.sources.iter().enumerate() {
        out.push('\n');
        if let Some(q) = &s.quote {
            let _ = writeln!(out, "“{}”", unquoted(q));
        }
        let _ = write!(out, "— {}", s.title);
        if let Some(d) = s.published {
            let _ = write!(out, ", published {}", d.label());
        }
        match (&s.url, &s.file) {
            (Some(_), _) => {
                let url = match link::source_url(event, i) {
                    Some(Ok(ascii)) => ascii,
                    _ => s.url.clone().unwrap_or_default(),
                };
                let _ = write!(out, "\n  {url}");
            }
            (None, Some(file)) => {
                let _ = write!(out, "\n  {file}");
            }
            (None, None) => {}
        }
        out.push('\n');
    }
    out
}

/// The citation as Markdown: the date in bold, each quote a block quote with its attribution.
pub fn markdown(event: &Event) -> String {
    let mut out = format!(
        "**{}** — {}\n",
        escape(&event.date_label()),
        escape(&event.title)
    );
    for (i, s) in event.sources.iter().enumerate() {
        out.push('\n');
        if let Some(q) = &s.quote {
            for line in unquoted(q).lines() {
                let _ = writeln!(out, "> {}", escape(line));
            }
            out.push_str(">\n> ");
        }
        match link::source_url(event, i) {
            Some(Ok(url)) => {
                let _ = write!(out, "— [{}](<{url}>)", escape(&s.title));
            }
            Some(Err(_)) => {
                let url = s.url.as_deref().unwrap_or_default();
                let _ = write!(out, "— {} ({})", escape(&s.title), escape(url));
            }
            None => {
                let _ = write!(out, "— {}", escape(&s.title));
                if let Some(file) = &s.file {
                    let _ = write!(out, " (`{}`)", file.replace('`', "'"));
                }
            }
        }
        if let Some(d) = s.published {
            let _ = write!(out, ", published {}", d.label());
        }
        out.push('\n');
    }
    out
}

/// A quote without the quotation marks its source may have put around it (the citation adds its
/// own).
fn unquoted(q: &str) -> &str {
    q.trim().trim_matches(['“', '”', '"'])
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::model::{Date, Source};

    fn event() -> Event {
        let mut e = Event::new(
            "misri-visit",
            "Misri visits the *United States*",
            Date::parse("2025-05-27").expect("a date"),
        );
        e.end = Some(Date::parse("2025-05-29").expect("a date"));
        e.sources = vec![
            Source {
                title: "News report, 28 May 2025".into(),
                file: Some("seeds/report.txt".into()),
                url: Some("https://example.com/news/misri".into()),
                published: Some(Date::parse("2025-05-28").expect("a date")),
                quote: Some("Misri is in the United States from May 27 to May 29".into()),
            },
            Source {
                title: "Unlinked".into(),
                url: Some("javascript:alert(1)".into()),
                ..Source::default()
            },
        ]
        .into();
        e
    }

    #[test]
    fn plain_text_has_date_title_quote_source_and_link() {
        assert_eq!(
            plain(&event()),
            "27–29 May 2025 — Misri visits the *United States*\n\
             \n\
             “Misri is in the United States from May 27 to May 29”\n\
             — News report, 28 May 2025, published 28 May 2025\n  \
             https://example.com/news/misri\n\
             \n\
             — Unlinked\n  \
             javascript:alert(1)\n"
        );
    }

    #[test]
    fn markdown_links_only_checked_urls_and_escapes_the_rest() {
        let md = markdown(&event());
        assert!(md.starts_with("**27–29 May 2025** — Misri visits the \\*United States\\*\n"));
        assert!(md.contains(
            "> Misri is in the United States from May 27 to May 29\n>\n> — [News report, 28 May 2025](<https://example.com/news/misri>), published 28 May 2025\n"
        ), "{md}");
        assert!(md.contains("— Unlinked (javascript:alert(1))"), "{md}");
        assert!(!md.contains("](<javascript"));
    }
}
