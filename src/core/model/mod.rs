//! The timeline's vocabulary: events, their dates, the sources they cite and the eras they fall in.
//!
//! These types are plain data. They are built by the readers in `formats` (which validates and sanitises) and read by
//! everything else; nothing here knows about files, terminals or search.

pub mod date;
pub mod draft;
pub mod id;
pub mod merge;

use serde::Serialize;

pub use date::{Date, DateError, Precision, range_label};
pub use draft::{Confidence, Draft};
pub use id::id_problem;
pub use merge::{merge, sort};

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

impl Source {
    /// Where to find the source, as the citation lists it: its file, its URL and when it was
    /// published ("published 28 May 2025"), whichever are known.
    pub fn locators(&self) -> Vec<String> {
        let published = self.published.map(|d| format!("published {}", d.label()));
        [self.file.clone(), self.url.clone(), published]
            .into_iter()
            .flatten()
            .collect()
    }
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
    /// A band the event belongs to (TimelineJS's `group`): shown in the list and searchable.
    pub group: Option<String>,
    /// How the date should read when the author chose the words ("Summer 1943"); sorting still
    /// uses `start` and `end`.
    pub display_date: Option<String>,
    pub summary: Option<String>,
    pub details: Option<String>,
    pub actors: Vec<String>,
    pub places: Vec<String>,
    pub tags: Vec<String>,
    pub sources: Vec<Source>,
    /// Present while the event is an unreviewed proposal (see `bilateral ingest`).
    pub draft: Option<Draft>,
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
    group: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    display_date: Option<&'a str>,
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
    #[serde(skip_serializing_if = "Option::is_none")]
    draft: Option<&'a Draft>,
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
            group: e.group.as_deref(),
            display_date: e.display_date.as_deref(),
            summary: e.summary.as_deref(),
            details: e.details.as_deref(),
            actors: &e.actors,
            places: &e.places,
            tags: &e.tags,
            sources: &e.sources,
            draft: e.draft.as_ref(),
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
            group: None,
            display_date: None,
            summary: None,
            details: None,
            actors: Vec::new(),
            places: Vec::new(),
            tags: Vec::new(),
            sources: Vec::new(),
            draft: None,
            original: None,
        }
    }

    /// The date as people should read it: the author's `display_date` when given, else "Feb 2025",
    /// "27–29 May 2025", "c. 19–25 May 2025".
    pub fn date_label(&self) -> String {
        match &self.display_date {
            Some(shown) => shown.clone(),
            None => self.dated_label(),
        }
    }

    /// The label computed from the dates themselves, whatever `display_date` says.
    pub fn dated_label(&self) -> String {
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

/// A named period drawn as a band on the time ruler ("The Space Race", "Bronze Age").
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Era {
    pub title: String,
    pub start: Date,
    /// Inclusive: an era ending "1962" covers all of 1962.
    pub end: Date,
}

impl Era {
    /// The era's span on the time axis, in days (see [`Date::axis_days`]).
    pub fn axis_span(&self) -> (f64, f64) {
        (self.start.axis_days(), self.end.axis_days_end())
    }

    /// Whether the event begins inside the era.
    pub fn contains(&self, event: &Event) -> bool {
        let (from, to) = self.axis_span();
        let at = event.start.axis_days();
        from <= at && at < to
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
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub eras: Vec<Era>,
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
    /// Every dataset's eras, by start date.
    pub eras: Vec<Era>,
}

impl Timeline {
    pub fn find(&self, id: &str) -> Option<&Event> {
        self.events.iter().find(|e| e.id == id)
    }

    /// The eras an event begins in, earliest first.
    pub fn eras_of<'a>(&'a self, event: &'a Event) -> impl Iterator<Item = &'a Era> + 'a {
        self.eras.iter().filter(|era| era.contains(event))
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

    #[test]
    fn display_date_is_shown_but_the_dates_still_count() {
        let mut e = Event::new("x", "x", Date::parse("1943-07").unwrap());
        assert_eq!(e.date_label(), "Jul 1943");
        e.display_date = Some("Summer 1943".into());
        assert_eq!(e.date_label(), "Summer 1943");
        assert_eq!(e.dated_label(), "Jul 1943");
    }

    #[test]
    fn eras_cover_their_whole_end_period() {
        let era = Era {
            title: "Space race".into(),
            start: Date::parse("1955").unwrap(),
            end: Date::parse("1962").unwrap(),
        };
        let at = |d: &str| era.contains(&Event::new("x", "x", Date::parse(d).unwrap()));
        assert!(at("1955"));
        assert!(at("1962-12-31"));
        assert!(!at("1963"));
        assert!(!at("1954-12-31"));
        let deep = Era {
            title: "Hadean".into(),
            start: Date::parse("-4600000000").unwrap(),
            end: Date::parse("-4000000000").unwrap(),
        };
        assert!(deep.contains(&Event::new("x", "x", Date::parse("-4500000000").unwrap())));
        assert!(!deep.contains(&Event::new("x", "x", Date::parse("-3500").unwrap())));
    }
}
