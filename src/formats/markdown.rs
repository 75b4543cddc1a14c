//! The briefing note: what someone about to walk into a room needs, in Markdown or in plain text
//! for an email.
//!
//! A bottom line first; then what happened by the as-of date and what is coming up after it, each
//! in timeline order with dates in their true precision and a one-line summary; then every source
//! document once, numbered, with the quotes taken from it beneath. The selection is described in
//! words, never in query syntax.
//!
//! Documents are numbered through a map, so a note of many events costs time in proportion to
//! them (a search of the sources seen so far made 100k events take over a minute).

use std::collections::HashMap;
use std::fmt::Write;

use crate::core::model::{Date, Event, Source, Status};
use crate::core::search::Query;

/// How the note is marked up.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Flavour {
    Markdown,
    /// Plain text for an email body: no markup to escape or to render.
    Plain,
}

/// The note in Markdown for `events` (in timeline order), titled after the timeline; `filter` is
/// the query that chose them ("" for all).
pub fn markdown(title: &str, as_of: Option<&Date>, filter: &str, events: &[&Event]) -> String {
    note(Flavour::Markdown, title, as_of, filter, events)
}

/// The same note as plain text.
pub fn plain(title: &str, as_of: Option<&Date>, filter: &str, events: &[&Event]) -> String {
    note(Flavour::Plain, title, as_of, filter, events)
}

/// One source document: what identifies it, and the quotes taken from it, in first-cited order.
struct Document<'a> {
    source: &'a Source,
    quotes: Vec<&'a str>,
}

/// Source documents numbered in the order they are first cited; a document is the same when its
/// title, file and URL are (its quotes differ from event to event).
#[derive(Default)]
struct Documents<'a> {
    list: Vec<Document<'a>>,
    index: HashMap<(&'a str, Option<&'a str>, Option<&'a str>), usize>,
}

impl<'a> Documents<'a> {
    /// The document's number (from 1), adding it and its quote if new.
    fn cite(&mut self, s: &'a Source) -> usize {
        let key = (s.title.as_ref(), s.file.as_deref(), s.url.as_deref());
        let n = *self.index.entry(key).or_insert_with(|| {
            self.list.push(Document {
                source: s,
                quotes: Vec::new(),
            });
            self.list.len() - 1
        });
        if let Some(q) = s.quote.as_deref()
            && !self.list[n].quotes.contains(&q)
        {
            self.list[n].quotes.push(q);
        }
        n + 1
    }
}

fn note(
    flavour: Flavour,
    title: &str,
    as_of: Option<&Date>,
    filter: &str,
    events: &[&Event],
) -> String {
    let md = flavour == Flavour::Markdown;
    let text = |s: &str| if md { escape(s) } else { s.to_string() };
    let mut out = String::new();
    let heading = format!("Briefing: {}", text(title));
    if md {
        let _ = writeln!(out, "# {heading}\n");
    } else {
        let _ = writeln!(out, "{heading}\n{}\n", "=".repeat(heading.chars().count()));
    }

    // What is to come is decided by the as-of date when there is one, else by status.
    let coming_up = |e: &Event| match as_of {
        Some(d) => e.is_after(d),
        None => matches!(e.status, Some(Status::Scheduled | Status::Expected)),
    };
    let (coming, past): (Vec<&Event>, Vec<&Event>) = events.iter().partition(|e| coming_up(e));

    let mut facts = Vec::new();
    if let Some(d) = as_of {
        facts.push(format!("As of {}", d.label()));
    }
    let n = events.len();
    let described = Query::parse(filter).describe();
    facts.push(if described.is_empty() {
        format!("{n} event{}", plural(n))
    } else {
        format!("{n} event{} {described}", plural(n))
    });
    let _ = writeln!(out, "{}\n", text(&facts.join(" · ")));
    let _ = writeln!(out, "{}\n", bottom_line(&past, &coming, as_of, md));

    let by = |word: &str| match as_of {
        Some(d) => format!(" ({word} {})", d.label()),
        None => String::new(),
    };
    let mut docs = Documents::default();
    section(
        &mut out,
        md,
        &format!("What happened{}", by("by")),
        past.is_empty().then_some("Nothing in this selection."),
    );
    for e in &past {
        item(&mut out, flavour, e, as_of, true, &mut docs);
    }
    out.push('\n');
    section(
        &mut out,
        md,
        &format!("Coming up{}", by("after")),
        coming
            .is_empty()
            .then_some("Nothing scheduled or expected in this selection."),
    );
    for e in &coming {
        item(&mut out, flavour, e, as_of, false, &mut docs);
    }
    out.push('\n');
    let none = docs.list.is_empty().then_some("No sources cited.");
    section(&mut out, md, "Sources", none);
    for (i, d) in docs.list.iter().enumerate() {
        let _ = write!(out, "{}. {}", i + 1, text(&d.source.title));
        let place = d.source.locators();
        if !place.is_empty() {
            let _ = write!(out, " ({})", text(&place.join("; ")));
        }
        out.push('\n');
        for q in &d.quotes {
            let q = q.trim_matches(['“', '”', '"']).replace('\n', " ");
            let mark = if md { "   > " } else { "   " };
            let _ = writeln!(out, "{mark}“{}”", text(&q));
        }
    }
    out
}

fn plural(n: usize) -> &'static str {
    if n == 1 { "" } else { "s" }
}

/// A section heading, and `empty` under it when it has nothing; the caller writes the items.
fn section(out: &mut String, md: bool, heading: &str, empty: Option<&str>) {
    if md {
        let _ = writeln!(out, "## {heading}\n");
    } else {
        let _ = writeln!(out, "{heading}\n{}\n", "-".repeat(heading.chars().count()));
    }
    if let Some(text) = empty {
        let _ = writeln!(out, "{text}");
    }
}

/// The note's first paragraph: how many events happened and over what span, and what comes next.
fn bottom_line(past: &[&Event], coming: &[&Event], as_of: Option<&Date>, md: bool) -> String {
    let text = |s: &str| if md { escape(s) } else { s.to_string() };
    let mut line = String::from(if md {
        "**Bottom line:** "
    } else {
        "Bottom line: "
    });
    match (past.first(), past.last()) {
        (Some(first), Some(last)) if past.len() > 1 => {
            let _ = write!(
                line,
                "{} events happened, from {} to {}",
                past.len(),
                text(&first.date_label()),
                text(&last.date_label())
            );
        }
        (Some(only), _) => {
            let _ = write!(line, "1 event happened, {}", text(&only.date_label()));
        }
        _ => line.push_str("nothing in this selection had happened"),
    }
    match coming.first() {
        Some(next) => {
            let when = as_of
                .and_then(|d| next.countdown(d))
                .map(|c| format!(", {c}"))
                .unwrap_or_default();
            let _ = write!(
                line,
                "; {} {} coming up, the next: {} ({}{when}).",
                coming.len(),
                if coming.len() == 1 { "is" } else { "are" },
                text(&next.title),
                text(&next.date_label())
            );
        }
        None => line.push_str("; nothing is coming up."),
    }
    line
}

/// One bullet: date, title, status where it adds something, summary, and source numbers.
fn item<'a>(
    out: &mut String,
    flavour: Flavour,
    e: &'a Event,
    as_of: Option<&Date>,
    happened_section: bool,
    docs: &mut Documents<'a>,
) {
    let md = flavour == Flavour::Markdown;
    let text = |s: &str| if md { escape(s) } else { s.to_string() };
    if md {
        let _ = write!(out, "- **{}** — {}", text(&e.date_label()), text(&e.title));
    } else {
        let _ = write!(out, "- {} — {}", e.date_label(), e.title);
    }
    let status = e.status_at(as_of);
    match status {
        // Past its date on the as-of day, a plan is no longer "coming"; the data may not say how
        // it turned out, and the note must not pretend it does.
        Some(s @ (Status::Scheduled | Status::Expected)) if happened_section && as_of.is_some() => {
            let _ = write!(
                out,
                " (was {}; the data does not record the outcome)",
                s.as_str()
            );
        }
        Some(s) if s != Status::Happened => match as_of.and_then(|d| e.countdown(d)) {
            Some(c) => {
                let _ = write!(out, " ({}, {c})", s.as_str());
            }
            None => {
                let _ = write!(out, " ({})", s.as_str());
            }
        },
        _ => {}
    }
    if let Some(summary) = e.summary.as_deref().and_then(|s| s.lines().next()) {
        let _ = write!(out, ". {}.", text(summary.trim_end_matches('.')));
    }
    let mut refs: Vec<usize> = e.sources.iter().map(|s| docs.cite(s)).collect();
    refs.sort_unstable();
    refs.dedup();
    if !refs.is_empty() {
        let list: Vec<String> = refs.iter().map(usize::to_string).collect();
        if md {
            let _ = write!(out, " \\[{}\\]", list.join(", "));
        } else {
            let _ = write!(out, " [{}]", list.join(", "));
        }
    }
    out.push('\n');
}

/// Escapes the characters Markdown would read as formatting.
pub(crate) fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        if matches!(
            c,
            '\\' | '*' | '_' | '[' | ']' | '<' | '>' | '`' | '|' | '#' | '~'
        ) {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markdown_special_characters_are_escaped() {
        assert_eq!(escape("a*b_[c]"), "a\\*b\\_\\[c\\]");
        assert_eq!(escape("~~x~~"), "\\~\\~x\\~\\~");
    }

    #[test]
    fn each_document_is_listed_once_with_its_quotes_beneath() {
        let doc = |q: &str| Source {
            title: "S".into(),
            file: Some("seeds/s.txt".into()),
            quote: Some(q.into()),
            ..Source::default()
        };
        let mut a = Event::new("a", "A", Date::parse("2025-05-01").unwrap());
        a.sources = vec![doc("first")].into();
        let mut b = Event::new("b", "B", Date::parse("2025-05-02").unwrap());
        b.sources = vec![doc("second"), doc("first")].into();
        let note = markdown("T", None, "", &[&a, &b]);
        assert!(note.contains("- **1 May 2025** — A \\[1\\]"), "{note}");
        assert!(note.contains("- **2 May 2025** — B \\[1\\]"), "{note}");
        assert_eq!(note.matches("1. S").count(), 1);
        assert!(note.contains("   > “first”\n   > “second”\n"), "{note}");
    }

    #[test]
    fn the_plain_variant_has_no_markup_and_no_query_syntax() {
        let mut a = Event::new("a", "A *star*", Date::parse("2025-05-01").unwrap());
        a.summary = Some("Said so.".into());
        let note = plain("T", None, "from:2025-05 tag:trade", &[&a]);
        assert!(note.starts_with("Briefing: T\n==========="), "{note}");
        assert!(note.contains("- 1 May 2025 — A *star*. Said so."), "{note}");
        assert!(
            note.contains("1 event from May 2025, tagged “trade”"),
            "{note}"
        );
        assert!(!note.contains("from:") && !note.contains('`'), "{note}");
    }
}
