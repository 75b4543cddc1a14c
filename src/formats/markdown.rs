//! The briefing note: a Markdown summary of a set of events for someone about to walk into a room.
//!
//! What happened, in timeline order with each date in its true precision and a one-line summary;
//! what is coming up (scheduled and expected events) with countdowns from the as-of date; and every
//! source numbered once, with its quote, so each line of the note can be traced.
//!
//! Sources are numbered through a map from source to number, so a note of many events costs time in
//! proportion to them (a search of the sources seen so far made 100k events take over a minute).

use std::collections::HashMap;
use std::fmt::Write;

use crate::core::model::{Date, Event, Source, Status};

/// The note for `events` (already in the order to show), titled after the timeline.
pub fn markdown(title: &str, as_of: Option<&Date>, filter: &str, events: &[&Event]) -> String {
    let mut out = String::new();
    let mut sources = Sources::default();
    let _ = writeln!(out, "# Briefing: {}\n", escape(title));
    let mut facts = Vec::new();
    if let Some(d) = as_of {
        facts.push(format!("As of {}", d.label()));
    }
    facts.push(format!(
        "{} event{}",
        events.len(),
        if events.len() == 1 { "" } else { "s" }
    ));
    if !filter.trim().is_empty() {
        facts.push(format!("selection: `{}`", filter.trim().replace('`', "'")));
    }
    let _ = writeln!(out, "{}\n", facts.join(" · "));

    let upcoming = |e: &&&Event| matches!(e.status, Some(Status::Scheduled | Status::Expected));
    let (coming, past): (Vec<&&Event>, Vec<&&Event>) = events.iter().partition(upcoming);
    let _ = writeln!(out, "## What happened\n");
    if past.is_empty() {
        let _ = writeln!(out, "Nothing in this selection.\n");
    }
    for e in &past {
        item(&mut out, e, None, &mut sources);
    }
    if !past.is_empty() {
        out.push('\n');
    }
    let _ = writeln!(out, "## Coming up\n");
    if coming.is_empty() {
        let _ = writeln!(out, "Nothing scheduled or expected in this selection.\n");
    }
    for e in &coming {
        item(&mut out, e, as_of, &mut sources);
    }
    if !coming.is_empty() {
        out.push('\n');
    }
    let _ = writeln!(out, "## Sources\n");
    if sources.in_order.is_empty() {
        let _ = writeln!(out, "No sources cited.");
    }
    for (i, s) in sources.in_order.iter().enumerate() {
        let _ = write!(out, "{}. {}", i + 1, escape(&s.title));
        let place = s.locators();
        if !place.is_empty() {
            let _ = write!(out, " ({})", escape(&place.join("; ")));
        }
        if let Some(q) = &s.quote {
            let q = q.trim_matches(['“', '”', '"']).replace('\n', " ");
            let _ = write!(out, " — “{}”", escape(&q));
        }
        out.push('\n');
    }
    out
}

/// Every source cited so far, numbered from 1 in the order first cited.
#[derive(Default)]
struct Sources<'a> {
    in_order: Vec<&'a Source>,
    number: HashMap<&'a Source, usize>,
}

impl<'a> Sources<'a> {
    /// The source's number, given it now if it is new.
    fn cite(&mut self, source: &'a Source) -> usize {
        let next = self.in_order.len() + 1;
        let n = *self.number.entry(source).or_insert(next);
        if n == next {
            self.in_order.push(source);
        }
        n
    }
}

/// One bullet: date, title, summary, status with countdown when upcoming, and citation numbers.
fn item<'a>(out: &mut String, e: &'a Event, as_of: Option<&Date>, sources: &mut Sources<'a>) {
    let _ = write!(
        out,
        "- **{}** — {}",
        escape(&e.date_label()),
        escape(&e.title)
    );
    if let Some(status) = e.status.filter(|s| *s != Status::Happened) {
        let countdown = as_of.and_then(|d| e.countdown(d));
        match countdown {
            Some(c) => {
                let _ = write!(out, " ({}, {c})", status.as_str());
            }
            None => {
                let _ = write!(out, " ({})", status.as_str());
            }
        }
    }
    if let Some(summary) = e.summary.as_deref().and_then(|s| s.lines().next()) {
        let _ = write!(out, ". {}", escape(summary.trim_end_matches('.')));
        out.push('.');
    }
    let mut refs = String::new();
    for s in &e.sources {
        let _ = write!(refs, "[{}]", sources.cite(s));
    }
    if !refs.is_empty() {
        let _ = write!(out, " {refs}");
    }
    out.push('\n');
}

/// Escapes the characters Markdown would read as formatting.
fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        // `~` too: `~~x~~` is strikethrough in GitHub's and most other Markdown.
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
    fn sources_are_numbered_once() {
        let mut a = Event::new("a", "A", Date::parse("2025-05-01").unwrap());
        let shared = Source {
            title: "S".into(),
            quote: Some("q".into()),
            ..Source::default()
        };
        a.sources = vec![shared.clone()];
        let mut b = Event::new("b", "B", Date::parse("2025-05-02").unwrap());
        b.sources = vec![shared];
        let note = markdown("T", None, "", &[&a, &b]);
        assert!(note.contains("- **1 May 2025** — A [1]"), "{note}");
        assert!(note.contains("- **2 May 2025** — B [1]"), "{note}");
        assert_eq!(note.matches("1. S").count(), 1);
    }
}
