//! The timeline's vocabulary: events, their dates and the sources they cite.
//!
//! These types are plain data. They are built by `load` (which validates and sanitises) and read by
//! everything else; nothing here knows about files, terminals or search.

pub mod date;

use serde::Serialize;

pub use date::{Date, DateError, Precision, range_label};

/// What is known of whether an event took place.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Status {
    Happened,
    Scheduled,
    Expected,
}

impl Status {
    pub const ALL: [Status; 3] = [Status::Happened, Status::Scheduled, Status::Expected];

    pub fn as_str(self) -> &'static str {
        match self {
            Status::Happened => "happened",
            Status::Scheduled => "scheduled",
            Status::Expected => "expected",
        }
    }

    pub fn parse(s: &str) -> Option<Status> {
        Status::ALL.into_iter().find(|st| st.as_str() == s)
    }
}

/// Where a fact comes from. `quote` is verbatim from the source; everything else is ours.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize)]
pub struct Source {
    pub title: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub file: Option<String>,
    pub url: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub published: Option<Date>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub quote: Option<String>,
}

/// One dated happening on the timeline.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Event {
    pub id: String,
    pub title: String,
    pub start: Date,
    pub end: Option<Date>,
    pub circa: bool,
    pub status: Option<Status>,
    pub kind: Option<String>,
    pub summary: Option<String>,
    pub details: Option<String>,
    pub actors: Vec<String>,
    pub places: Vec<String>,
    pub tags: Vec<String>,
    pub sources: Vec<Source>,
    /// The event as written in its file, kept only when sanitising changed its text, so JSON
    /// output carries the original characters (escaped) rather than their visible stand-ins.
    pub original: Option<Box<Event>>,
}

/// The native JSON form of an event: what is serialised, field for field.
#[derive(Serialize)]
struct EventJson<'a> {
    id: &'a str,
    title: &'a str,
    start: Date,
    #[serde(skip_serializing_if = "Option::is_none")]
    end: Option<Date>,
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    circa: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    status: Option<Status>,
    #[serde(skip_serializing_if = "Option::is_none")]
    kind: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    summary: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    details: Option<&'a str>,
    #[serde(skip_serializing_if = "<[String]>::is_empty")]
    actors: &'a [String],
    #[serde(skip_serializing_if = "<[String]>::is_empty")]
    places: &'a [String],
    #[serde(skip_serializing_if = "<[String]>::is_empty")]
    tags: &'a [String],
    #[serde(skip_serializing_if = "<[Source]>::is_empty")]
    sources: &'a [Source],
}

impl Serialize for Event {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let e = self.original.as_deref().unwrap_or(self);
        EventJson {
            id: &e.id,
            title: &e.title,
            start: e.start,
            end: e.end,
            circa: e.circa,
            status: e.status,
            kind: e.kind.as_deref(),
            summary: e.summary.as_deref(),
            details: e.details.as_deref(),
            actors: &e.actors,
            places: &e.places,
            tags: &e.tags,
            sources: &e.sources,
        }
        .serialize(s)
    }
}

impl Event {
    /// A minimal event, for tests and generators.
    pub fn new(id: impl Into<String>, title: impl Into<String>, start: Date) -> Event {
        Event {
            id: id.into(),
            title: title.into(),
            start,
            end: None,
            circa: false,
            status: None,
            kind: None,
            summary: None,
            details: None,
            actors: Vec::new(),
            places: Vec::new(),
            tags: Vec::new(),
            sources: Vec::new(),
            original: None,
        }
    }

    /// The date as people should read it: "Feb 2025", "27–29 May 2025", "c. 19–25 May 2025".
    pub fn date_label(&self) -> String {
        range_label(&self.start, self.end.as_ref(), self.circa)
    }

    /// The last date the event covers (its end, else its start).
    pub fn last(&self) -> &Date {
        self.end.as_ref().unwrap_or(&self.start)
    }

    /// For scheduled and expected events: how far away they are from `as_of`, in words:
    /// "in 42 days as of 28 May 2025", "3 days ago as of …", "within this period as of …".
    pub fn countdown(&self, as_of: &Date) -> Option<String> {
        if !matches!(self.status, Some(Status::Scheduled | Status::Expected)) {
            return None;
        }
        let today = as_of.first_day()?;
        let first = self.start.first_day()?;
        let last = self.last().last_day()?;
        let about = if self.circa { "about " } else { "" };
        let when = if today < first {
            match (first - today).num_days() {
                1 => "tomorrow".to_string(),
                n => format!("in {about}{n} days"),
            }
        } else if today > last {
            match (today - last).num_days() {
                1 => "yesterday".to_string(),
                n => format!("{about}{n} days ago"),
            }
        } else if first == last {
            "today".to_string()
        } else {
            "within this period".to_string()
        };
        Some(format!("{when} as of {}", as_of.label()))
    }

    /// Timeline order: by earliest moment covered, then coarser precision first, then id.
    pub fn timeline_cmp(&self, other: &Event) -> std::cmp::Ordering {
        self.start
            .cmp(&other.start)
            .then_with(|| self.id.cmp(&other.id))
    }
}

/// One loaded file (or the built-in dataset).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Dataset {
    pub title: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub as_of: Option<Date>,
    pub events: Vec<Event>,
}

/// Everything being browsed: one or more datasets merged into one chronological list.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Timeline {
    pub title: String,
    /// The reference date for "scheduled" and "expected" countdowns.
    pub as_of: Option<Date>,
    /// In timeline order (see [`Event::timeline_cmp`]).
    pub events: Vec<Event>,
}

impl Timeline {
    pub fn find(&self, id: &str) -> Option<&Event> {
        self.events.iter().find(|e| e.id == id)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn scheduled(start: &str, end: Option<&str>, circa: bool) -> Event {
        let mut e = Event::new("x", "x", Date::parse(start).unwrap());
        e.end = end.map(|d| Date::parse(d).unwrap());
        e.circa = circa;
        e.status = Some(Status::Scheduled);
        e
    }

    #[test]
    fn countdowns_from_the_as_of_date() {
        let as_of = Date::parse("2025-05-28").unwrap();
        let c = |e: Event| e.countdown(&as_of).unwrap();
        assert_eq!(
            c(scheduled("2025-07-09", None, false)),
            "in 42 days as of 28 May 2025"
        );
        assert_eq!(
            c(scheduled("2025-05-29", None, false)),
            "tomorrow as of 28 May 2025"
        );
        assert_eq!(
            c(scheduled("2025-06", None, true)),
            "in about 4 days as of 28 May 2025"
        );
        assert_eq!(
            c(scheduled("2025", None, true)),
            "within this period as of 28 May 2025"
        );
        assert_eq!(
            c(scheduled("2025-05-20", None, false)),
            "8 days ago as of 28 May 2025"
        );
        let mut happened = scheduled("2025-07-09", None, false);
        happened.status = Some(Status::Happened);
        assert_eq!(happened.countdown(&as_of), None);
    }
}
