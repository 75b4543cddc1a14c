//! The timeline's vocabulary: events, their dates, the sources they cite and the eras they fall in.
//!
//! These types are plain data. They are built by the readers in `formats` (which validates and sanitises) and read by
//! everything else; nothing here knows about files, terminals or search.

pub mod date;
pub mod draft;
pub mod id;
pub mod merge;
pub mod name;
pub mod validate;
pub mod when;

use serde::Serialize;

pub use date::{Date, DateError, Precision, range_label};
pub use draft::{Confidence, Draft};
pub use id::id_problem;
pub use merge::{merge, sort, timeline_order};
pub use name::{Name, Names};
pub use when::{Extent, When};

/// What is known of whether an event took place.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Status {
    Happened,
    /// Under way on the as-of date: a span that has begun and not ended.
    Ongoing,
    Scheduled,
    Expected,
}

impl Status {
    pub const ALL: [Status; 4] = [
        Status::Happened,
        Status::Ongoing,
        Status::Scheduled,
        Status::Expected,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Status::Happened => "happened",
            Status::Ongoing => "ongoing",
            Status::Scheduled => "scheduled",
            Status::Expected => "expected",
        }
    }

    /// The statuses a file may give, for messages: "happened, ongoing, scheduled or expected".
    pub fn choices() -> String {
        let names: Vec<&str> = Status::ALL.iter().map(|s| s.as_str()).collect();
        match names.split_last() {
            Some((last, rest)) => format!("{} or {last}", rest.join(", ")),
            None => String::new(),
        }
    }

    pub fn parse(s: &str) -> Option<Status> {
        Status::ALL.into_iter().find(|st| st.as_str() == s)
    }
}

/// Where a fact comes from. `quote` is verbatim from the source; everything else is ours.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Default, Serialize)]
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

/// Adds an item to one of an event's lists. Lists are made once and exactly sized (see
/// [`Event`]), so this makes the list anew: for the few places that add to an event already made.
pub fn append<T>(list: &mut Box<[T]>, item: T) {
    let mut items = std::mem::take(list).into_vec();
    items.push(item);
    *list = items.into_boxed_slice();
}

/// One dated happening on the timeline.
///
/// Text is held in boxed strings and lists in boxed slices (exactly their length, two words
/// each): a reader never grows an event after making it, and at a million events every word
/// saved per field is eight megabytes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Event {
    pub id: Box<str>,
    pub title: Box<str>,
    pub start: Date,
    pub end: Option<Date>,
    pub circa: bool,
    /// EDTF's `?`: the source is not sure of the date.
    pub uncertain: bool,
    /// How `start` and `end` are to be read: a span, or one day in a window (see [`when`]).
    pub extent: Extent,
    pub status: Option<Status>,
    pub kind: Option<Name>,
    /// A band the event belongs to (TimelineJS's `group`): shown in the list and searchable.
    pub group: Option<Name>,
    /// How the date should read when the author chose the words ("Summer 1943"); sorting still
    /// uses `start` and `end`.
    pub display_date: Option<Box<str>>,
    pub summary: Option<Box<str>>,
    pub details: Option<Box<str>>,
    pub actors: Box<[Name]>,
    pub places: Box<[Name]>,
    pub tags: Box<[Name]>,
    pub sources: Box<[Source]>,
    /// Present while the event is an unreviewed proposal (see `bilateral ingest`).
    pub draft: Option<Box<Draft>>,
    /// The event as written in its file, kept only when sanitising changed its text, so JSON
    /// output carries the original characters (escaped) rather than their visible stand-ins.
    pub original: Option<Box<Event>>,
}

/// The native JSON form of an event: what is serialised, field for field.
#[derive(Serialize)]
struct EventJson<'a> {
    id: &'a str,
    title: &'a str,
    /// Old files' forms (`start`, `end`, `circa`) are written as they were; anything they cannot
    /// say is written as one EDTF `date` instead.
    #[serde(skip_serializing_if = "Option::is_none")]
    start: Option<Date>,
    #[serde(skip_serializing_if = "Option::is_none")]
    end: Option<Date>,
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    circa: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    date: Option<String>,
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
    #[serde(skip_serializing_if = "<[Name]>::is_empty")]
    actors: &'a [Name],
    #[serde(skip_serializing_if = "<[Name]>::is_empty")]
    places: &'a [Name],
    #[serde(skip_serializing_if = "<[Name]>::is_empty")]
    tags: &'a [Name],
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
            start: e.is_plain_dated().then_some(e.start),
            end: e.end.filter(|_| e.is_plain_dated()),
            circa: e.circa && e.is_plain_dated(),
            date: (!e.is_plain_dated()).then(|| e.when().to_edtf()),
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
            draft: e.draft.as_deref(),
        }
        .serialize(s)
    }
}

impl Event {
    /// A minimal event, for tests and generators.
    pub fn new(id: impl Into<String>, title: impl Into<String>, start: Date) -> Event {
        Event {
            id: id.into().into_boxed_str(),
            title: title.into().into_boxed_str(),
            start,
            end: None,
            circa: false,
            uncertain: false,
            extent: Extent::Lasted,
            status: None,
            kind: None,
            group: None,
            display_date: None,
            summary: None,
            details: None,
            actors: Box::default(),
            places: Box::default(),
            tags: Box::default(),
            sources: Box::default(),
            draft: None,
            original: None,
        }
    }

    /// Adds a source to an event already made (linking a report, merging a proposal).
    pub fn add_source(&mut self, source: Source) {
        append(&mut self.sources, source);
    }

    /// The date as people should read it: the author's `display_date` when given, else "Feb 2025",
    /// "27–29 May 2025", "c. 19–25 May 2025".
    pub fn date_label(&self) -> String {
        match &self.display_date {
            Some(shown) => shown.to_string(),
            None => self.dated_label(),
        }
    }

    /// The label computed from the dates themselves, whatever `display_date` says.
    pub fn dated_label(&self) -> String {
        when::words(
            &self.start,
            self.end.as_ref(),
            self.extent,
            self.circa,
            self.uncertain,
        )
    }

    /// Whether the old fields (`start`, `end`, `circa`) say all there is to say of the date.
    pub fn is_plain_dated(&self) -> bool {
        self.extent == Extent::Lasted && !self.uncertain
    }

    /// The date as one value, to write as EDTF.
    pub fn when(&self) -> When {
        When {
            start: self.start,
            end: self.end,
            extent: self.extent,
            circa: self.circa,
            uncertain: self.uncertain,
        }
    }

    /// Sets the date from an EDTF value.
    pub fn set_when(&mut self, w: When) {
        self.start = w.start;
        self.end = w.end;
        self.extent = w.extent;
        self.circa = w.circa;
        self.uncertain = w.uncertain;
    }

    /// A window of one day wider than a week, or open on one side: the list marks these, since
    /// where they sit is only a best estimate.
    pub fn is_wide_window(&self) -> bool {
        match self.extent {
            Extent::OnOrBefore | Extent::OnOrAfter => true,
            Extent::OneDayIn => {
                let (a, b) = when::possible_span(&self.start, self.end.as_ref(), self.extent);
                a.zip(b).is_some_and(|(a, b)| b - a > 7.0)
            }
            _ => false,
        }
    }

    /// Where the event sits in timeline order and on the ruler: its best estimate (see
    /// [`when::anchor`]).
    pub fn anchor(&self) -> Date {
        when::anchor(&self.start, self.end.as_ref(), self.extent).0
    }

    /// Whether the event is still to come on `as_of`: its best-estimate day is later, or it is
    /// known only to fall on or after that very day. Events are sorted by the same day, so the
    /// events to come form the end of a timeline.
    pub fn is_after(&self, as_of: &Date) -> bool {
        let (at, now) = (self.anchor().start_key(), as_of.start_key());
        at > now || (at == now && self.extent == Extent::OnOrAfter)
    }

    /// The status as of `as_of`: a happened or scheduled span that contains `as_of` is ongoing.
    pub fn status_at(&self, as_of: Option<&Date>) -> Option<Status> {
        let ongoing = || {
            let today = as_of?.first_day()?;
            let lasting = matches!(self.extent, Extent::Lasted | Extent::Ongoing)
                && (self.end.is_some() || self.extent == Extent::Ongoing);
            let first = self.start.first_day()?;
            let last = match self.extent {
                Extent::Ongoing => None,
                _ => self.end?.last_day(),
            };
            Some(lasting && first <= today && last.is_none_or(|l| today <= l))
        };
        match self.status {
            Some(Status::Happened | Status::Scheduled) if ongoing() == Some(true) => {
                Some(Status::Ongoing)
            }
            s => s,
        }
    }

    /// The last date the event covers (its end, else its start).
    pub fn last(&self) -> &Date {
        self.end.as_ref().unwrap_or(&self.start)
    }

    /// For scheduled and expected events: how far away they are from `as_of`, in words:
    /// "in 42 days as of 28 May 2025", "3 days ago as of …", "within this period as of …". A date
    /// that is approximate, uncertain, a window or coarser than a day gets approximate words
    /// ("within about 4 weeks"), never a precise number of days.
    pub fn countdown(&self, as_of: &Date) -> Option<String> {
        if !matches!(self.status, Some(Status::Scheduled | Status::Expected)) {
            return None;
        }
        let today = as_of.first_day()?;
        let (first, last) = match self.extent {
            Extent::OnOrBefore | Extent::StartUnknown => (None, self.start.last_day()),
            Extent::OnOrAfter | Extent::Ongoing | Extent::EndUnknown => {
                (self.start.first_day(), None)
            }
            _ => (self.start.first_day(), self.last().last_day()),
        };
        let exact = !self.circa
            && !self.uncertain
            && self.extent == Extent::Lasted
            && self.start.precision() >= Precision::Day;
        let days = |a: chrono::NaiveDate, b: chrono::NaiveDate| (b - a).num_days();
        let when = if exact {
            let (first, last) = (first?, last?);
            if today < first {
                match days(today, first) {
                    1 => "tomorrow".to_string(),
                    n => format!("in {n} days"),
                }
            } else if today > last {
                match days(last, today) {
                    1 => "yesterday".to_string(),
                    n => format!("{n} days ago"),
                }
            } else if first == last {
                "today".to_string()
            } else {
                "within this period".to_string()
            }
        } else {
            match (first, last) {
                (_, Some(last)) if today > last => format!("{} ago", about(days(last, today))),
                (Some(_), None) if self.extent == Extent::OnOrAfter => "no date yet".to_string(),
                (Some(first), _) if today >= first => "within this period".to_string(),
                (Some(first), Some(last)) if days(today, first) <= 7 => {
                    format!("within {}", about(days(today, last)))
                }
                (Some(first), Some(last)) => format!(
                    "in {} to {}",
                    about(days(today, first)),
                    about(days(today, last)).trim_start_matches("about ")
                ),
                (Some(first), None) => format!("in {} or later", about(days(today, first))),
                (None, Some(last)) => format!("within {}", about(days(today, last))),
                (None, None) => return None,
            }
        };
        Some(format!("{when} as of {}", as_of.label()))
    }

    /// Timeline order: by best estimate (see [`when::anchor`]), "on or before" ahead of the day
    /// itself and "on or after" behind it, then coarser precision first, then id.
    pub fn timeline_cmp(&self, other: &Event) -> std::cmp::Ordering {
        self.timeline_key()
            .cmp(&other.timeline_key())
            .then_with(|| self.id.cmp(&other.id))
    }

    /// Where the event falls in timeline order, short of its id (see [`Event::timeline_cmp`]).
    pub fn timeline_key(&self) -> TimelineKey {
        let (at, side) = when::anchor(&self.start, self.end.as_ref(), self.extent);
        (at.start_key(), side, at.precision())
    }
}

/// An event's place in timeline order, short of its id: its best-estimate day, which side of it
/// a one-sided window falls, and its precision.
pub type TimelineKey = ((i64, u8, u8, u16), i8, Precision);

/// A rough span of days in words, for approximate countdowns: "a few days", "about 4 weeks",
/// "about 3 months", "about 2 years".
fn about(days: i64) -> String {
    let round = |x: f64| x.round().max(1.0) as i64;
    let plural = |n: i64, unit: &str| {
        if n == 1 {
            format!("about 1 {unit}")
        } else {
            format!("about {n} {unit}s")
        }
    };
    match days {
        ..=9 => "a few days".to_string(),
        10..=59 => plural(round(days as f64 / 7.0), "week"),
        60..=729 => plural(round(days as f64 / 30.44), "month"),
        _ => plural(round(days as f64 / 365.25), "year"),
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
    /// What loading had to change to put the files together (ids qualified by their file), for
    /// the user to see.
    pub warnings: Vec<String>,
}

impl Timeline {
    pub fn find(&self, id: &str) -> Option<&Event> {
        self.events.iter().find(|e| &*e.id == id)
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
            // "c. Jun 2025" is no promise of 1 June: approximate words, never a count of days.
            "within about 5 weeks as of 28 May 2025"
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
