//! Writing events as an RFC 5545 iCalendar file, for calendar programs.
//!
//! A calendar needs a day: events dated to the day become all-day events (`DTSTART;VALUE=DATE` with
//! the exclusive `DTEND` the RFC asks for), events with a time of day become timed events in floating
//! local time, and events known only to the month or year, or outside years 1–9999, are left out and
//! listed for the caller to report. UIDs are derived from event ids, so re-exporting updates the
//! same calendar entries instead of duplicating them.

use chrono::{DateTime, NaiveDate, Utc};

use crate::core::model::{Date, Event, Extent, Precision, Status};
use crate::core::selection::Selection;

/// The product that wrote the calendar, as RFC 5545's PRODID wants it.
const PRODID: &str = concat!(
    "-//bilateral//bilateral ",
    env!("CARGO_PKG_VERSION"),
    "//EN"
);

/// Longest content line, in octets, before folding (RFC 5545 §3.1).
const LINE_OCTETS: usize = 75;

/// A written calendar and the events it could not hold.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Calendar {
    pub text: String,
    /// `(event id, why)` for each event left out.
    pub skipped: Vec<(String, &'static str)>,
}

/// How an event sits in a calendar.
enum When {
    /// First day and the day after the last (exclusive).
    AllDay(NaiveDate, NaiveDate),
    /// Start and optional end, as `YYYYMMDDTHHMMSS` floating times.
    Timed(String, Option<String>),
}

/// The calendar day a date names, if it names one iCalendar can write (years 1–9999).
fn day(d: &Date) -> Option<NaiveDate> {
    (1..=9999)
        .contains(&d.year())
        .then(|| d.first_day())
        .flatten()
}

fn date_value(d: NaiveDate) -> String {
    d.format("%Y%m%d").to_string()
}

fn time_value(d: &Date) -> Option<String> {
    let (h, m) = d.time()?;
    Some(format!("{}T{h:02}{m:02}00", date_value(day(d)?)))
}

fn when(e: &Event) -> Result<When, &'static str> {
    // A calendar entry is a span it is sure of; a window or an open end would be read as one.
    match e.extent {
        Extent::Lasted => {}
        Extent::OneDayIn | Extent::OnOrBefore | Extent::OnOrAfter => {
            return Err(
                "happened on one day of a window; a calendar entry would claim the whole window",
            );
        }
        Extent::Ongoing | Extent::EndUnknown | Extent::StartUnknown => {
            return Err("one end is open or unknown; a calendar entry needs both");
        }
    }
    if e.start.precision() < Precision::Day {
        return Err("dated only to the month or year; a calendar needs a day");
    }
    let first = day(&e.start).ok_or("outside the years 1–9999 that iCalendar can write")?;
    let timed = e.start.precision() == Precision::Minute
        && e.end.is_none_or(|end| end.precision() == Precision::Minute);
    if timed {
        let start = time_value(&e.start).ok_or("outside the years 1–9999")?;
        let end = match &e.end {
            Some(end) => Some(time_value(end).ok_or("ends after the year 9999")?),
            None => None,
        };
        return Ok(When::Timed(start, end));
    }
    let last = match &e.end {
        Some(end) => end.last_day().filter(|_| end.year() <= 9999),
        None => Some(first),
    }
    .ok_or("ends after the year 9999")?;
    let after = last
        .succ_opt()
        .filter(|d| chrono::Datelike::year(d) <= 9999)
        .ok_or("ends on the last day iCalendar can write")?;
    Ok(When::AllDay(first, after))
}

/// Escapes a TEXT value (RFC 5545 §3.3.11).
fn text(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            ';' => out.push_str("\\;"),
            ',' => out.push_str("\\,"),
            '\n' => out.push_str("\\n"),
            '\r' => {}
            c => out.push(c),
        }
    }
    out
}

/// Appends one content line, folded at 75 octets without splitting a UTF-8 character, with CRLF.
fn line(out: &mut String, content: &str) {
    let mut rest = content;
    let mut limit = LINE_OCTETS;
    while rest.len() > limit {
        let mut cut = limit;
        while !rest.is_char_boundary(cut) {
            cut -= 1;
        }
        out.push_str(&rest[..cut]);
        // The space that starts a continuation line counts towards its 75 octets.
        out.push_str("\r\n ");
        rest = &rest[cut..];
        limit = LINE_OCTETS - 1;
    }
    out.push_str(rest);
    out.push_str("\r\n");
}

/// What the calendar entry's description says: the author's date wording when the dates alone
/// would lose it, the prose, and the sources.
fn description(e: &Event) -> String {
    let mut parts = Vec::new();
    if e.circa || e.uncertain || e.display_date.is_some() {
        parts.push(format!("Date: {}", e.date_label()));
    }
    parts.extend(e.summary.as_deref().map(str::to_string));
    parts.extend(e.details.as_deref().map(str::to_string));
    if !e.sources.is_empty() {
        let cites: Vec<String> = e
            .sources
            .iter()
            .map(|s| match &s.url {
                Some(url) => format!("- {} <{url}>", s.title),
                None => format!("- {}", s.title),
            })
            .collect();
        parts.push(format!("Sources:\n{}", cites.join("\n")));
    }
    parts.join("\n\n")
}

/// The selection as an iCalendar document; `stamp` is the DTSTAMP (when the file was made).
pub fn write(selection: &Selection, stamp: DateTime<Utc>) -> Calendar {
    let mut out = String::new();
    let mut skipped = Vec::new();
    line(&mut out, "BEGIN:VCALENDAR");
    line(&mut out, "VERSION:2.0");
    line(&mut out, &format!("PRODID:{PRODID}"));
    line(&mut out, "CALSCALE:GREGORIAN");
    line(&mut out, &format!("X-WR-CALNAME:{}", text(selection.title)));
    let stamp = stamp.format("%Y%m%dT%H%M%SZ").to_string();
    for e in &selection.events {
        let when = match when(e) {
            Ok(w) => w,
            Err(why) => {
                skipped.push((e.id.to_string(), why));
                continue;
            }
        };
        line(&mut out, "BEGIN:VEVENT");
        line(&mut out, &format!("UID:{}@bilateral", text(&e.id)));
        line(&mut out, &format!("DTSTAMP:{stamp}"));
        match when {
            When::AllDay(first, after) => {
                line(
                    &mut out,
                    &format!("DTSTART;VALUE=DATE:{}", date_value(first)),
                );
                line(&mut out, &format!("DTEND;VALUE=DATE:{}", date_value(after)));
            }
            When::Timed(start, end) => {
                line(&mut out, &format!("DTSTART:{start}"));
                if let Some(end) = end {
                    line(&mut out, &format!("DTEND:{end}"));
                }
            }
        }
        line(&mut out, &format!("SUMMARY:{}", text(&e.title)));
        let desc = description(e);
        if !desc.is_empty() {
            line(&mut out, &format!("DESCRIPTION:{}", text(&desc)));
        }
        if !e.places.is_empty() {
            line(
                &mut out,
                &format!("LOCATION:{}", text(&e.places.join(", "))),
            );
        }
        let categories: Vec<String> = e.group.iter().chain(&e.tags).map(|c| text(c)).collect();
        if !categories.is_empty() {
            line(&mut out, &format!("CATEGORIES:{}", categories.join(",")));
        }
        match e.status {
            Some(Status::Happened | Status::Ongoing | Status::Scheduled) => {
                line(&mut out, "STATUS:CONFIRMED")
            }
            Some(Status::Expected) => line(&mut out, "STATUS:TENTATIVE"),
            None => {}
        }
        line(&mut out, "END:VEVENT");
    }
    line(&mut out, "END:VCALENDAR");
    Calendar { text: out, skipped }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_text() {
        assert_eq!(text("a,b;c\\d\ne\r\n"), "a\\,b\\;c\\\\d\\ne\\n");
    }

    #[test]
    fn folds_at_75_octets_without_splitting_characters() {
        let mut out = String::new();
        let content = format!("SUMMARY:{}", "é".repeat(100));
        line(&mut out, &content);
        let lines: Vec<&str> = out.split("\r\n").filter(|l| !l.is_empty()).collect();
        assert!(lines.len() > 2);
        for l in &lines {
            assert!(l.len() <= 75, "{} octets: {l}", l.len());
        }
        assert!(lines[1..].iter().all(|l| l.starts_with(' ')));
        let unfolded: String = lines
            .iter()
            .enumerate()
            .map(|(i, l)| if i == 0 { *l } else { &l[1..] })
            .collect();
        assert_eq!(unfolded, content);
        // A short line is left alone.
        let mut short = String::new();
        line(&mut short, "VERSION:2.0");
        assert_eq!(short, "VERSION:2.0\r\n");
    }

    #[test]
    fn what_a_calendar_can_hold() {
        let d = |s: &str| Date::parse(s).unwrap();
        let mut e = Event::new("x", "x", d("2025-05-27"));
        assert!(
            matches!(when(&e), Ok(When::AllDay(a, b)) if a.to_string() == "2025-05-27" && b.to_string() == "2025-05-28")
        );
        e.end = Some(d("2025-06"));
        assert!(matches!(when(&e), Ok(When::AllDay(_, b)) if b.to_string() == "2025-07-01"));
        e.start = d("2025-05-27T10:30");
        e.end = None;
        assert!(matches!(when(&e), Ok(When::Timed(s, None)) if s == "20250527T103000"));
        e.start = d("2025-05");
        assert!(when(&e).is_err());
        e.start = d("-0500-03-01");
        assert!(when(&e).is_err());
        e.start = d("9999-12-31");
        assert!(when(&e).is_err());
    }
}
