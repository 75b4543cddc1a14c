//! The fast path for valid native files.
//!
//! Most files are valid, and for them the careful reader in `load` (every value located, every
//! problem reported) does more work than needed. This reads the file in one typed serde pass and
//! checks the same rules without locating anything; the events are converted on every core. Any
//! doubt at all (a syntax or type error, an unknown or repeated field, a `null` where the careful
//! reader wants a value, a rule broken) returns `None`, and the caller reads the file the careful
//! way, which reports the problems precisely. So this path never accepts what the careful one would
//! refuse, and a test holds the two to the same answers.

use std::collections::HashSet;

use rayon::prelude::*;
use serde::{Deserialize, Deserializer};

use crate::core::model::validate;
use crate::core::model::{Dataset, Date, Era, Event, Extent, Name, Names, Source, Status, When};
use crate::core::sanitize;

/// A field that may be left out but, when present, must not be `null`.
fn present<'de, D: Deserializer<'de>, T: Deserialize<'de>>(d: D) -> Result<Option<T>, D::Error> {
    T::deserialize(d).map(Some)
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct File {
    title: String,
    #[serde(default)]
    description: Option<String>,
    #[serde(default, deserialize_with = "present")]
    as_of: Option<String>,
    #[serde(default, deserialize_with = "present")]
    eras: Option<Vec<FileEra>>,
    #[serde(deserialize_with = "converted")]
    events: Vec<Event>,
}

/// Events converted a batch at a time as they are parsed (on every core), so the parsed form of a
/// million events never sits in memory beside the events made from it.
fn converted<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<Event>, D::Error> {
    struct Batches;
    impl<'de> serde::de::Visitor<'de> for Batches {
        type Value = Vec<Event>;

        fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
            f.write_str("a list of events")
        }

        fn visit_seq<A: serde::de::SeqAccess<'de>>(
            self,
            mut seq: A,
        ) -> Result<Vec<Event>, A::Error> {
            const BATCH: usize = 8_192;
            let mut events = Vec::new();
            let mut batch = Vec::with_capacity(BATCH);
            loop {
                let next = seq.next_element::<FileEvent>()?;
                let end = next.is_none();
                batch.extend(next);
                if batch.len() == BATCH || end {
                    // Each worker interns the names it meets in its own table.
                    let made: Option<Vec<Event>> = batch
                        .par_drain(..)
                        .map_init(Names::default, |names, e| event(e, names))
                        .collect();
                    // Any doubt sends the whole file the careful way.
                    let made = made.ok_or_else(|| serde::de::Error::custom("doubt"))?;
                    events.extend(made);
                }
                if end {
                    return Ok(events);
                }
            }
        }
    }
    d.deserialize_seq(Batches)
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct FileEra {
    title: String,
    start: String,
    end: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct FileEvent {
    id: String,
    title: String,
    #[serde(default, deserialize_with = "present")]
    start: Option<String>,
    #[serde(default, deserialize_with = "present")]
    end: Option<String>,
    #[serde(default, deserialize_with = "present")]
    date: Option<String>,
    #[serde(default, deserialize_with = "present")]
    circa: Option<bool>,
    #[serde(default, deserialize_with = "present")]
    status: Option<String>,
    #[serde(default, deserialize_with = "present")]
    kind: Option<String>,
    #[serde(default, deserialize_with = "present")]
    group: Option<String>,
    #[serde(default, deserialize_with = "present")]
    display_date: Option<String>,
    #[serde(default)]
    summary: Option<String>,
    #[serde(default)]
    details: Option<String>,
    #[serde(default, deserialize_with = "present")]
    actors: Option<Vec<String>>,
    #[serde(default, deserialize_with = "present")]
    places: Option<Vec<String>>,
    #[serde(default, deserialize_with = "present")]
    tags: Option<Vec<String>>,
    #[serde(default, deserialize_with = "present")]
    sources: Option<Vec<FileSource>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct FileSource {
    title: String,
    #[serde(default)]
    file: Option<String>,
    #[serde(default)]
    url: Option<String>,
    #[serde(default)]
    published: Option<String>,
    #[serde(default)]
    quote: Option<String>,
}

/// The dataset, when the file is valid native JSON; `None` when anything is in doubt.
pub(super) fn parse(bytes: &[u8]) -> Option<Dataset> {
    checked(serde_json::from_slice(bytes).ok()?)
}

/// [`parse`], reading as it goes: the file's bytes are never held whole beside what is made of
/// them (at a million events, that would be the file's size again at the peak).
pub(super) fn parse_reader(input: impl std::io::Read) -> Option<Dataset> {
    checked(serde_json::from_reader(input).ok()?)
}

/// The rules the careful reader checks across events and for the file itself.
fn checked(file: File) -> Option<Dataset> {
    let events = file.events;
    let mut ids = HashSet::with_capacity(events.len());
    if !events.iter().all(|e| ids.insert(e.id.as_ref())) {
        return None;
    }
    drop(ids);
    if validate::line_problem(&file.title).is_some() {
        return None;
    }
    let eras = file
        .eras
        .unwrap_or_default()
        .into_iter()
        .map(era)
        .collect::<Option<_>>()?;
    Some(Dataset {
        title: sanitize::line(&file.title).into_owned(),
        description: file.description.map(|d| sanitize::prose(&d).into_owned()),
        as_of: match file.as_of {
            Some(d) => Some(Date::parse(&d).ok()?),
            None => None,
        },
        eras,
        events,
    })
}

fn non_empty(s: &Option<String>) -> bool {
    s.as_deref()
        .is_none_or(|s| validate::text_problem(s).is_none())
}

/// A list of names, checked and interned (the list is exactly as long as it needs to be: a parsed
/// list of two holds room for four, which at a million events is hundreds of megabytes).
fn names(list: Option<Vec<String>>, names: &mut Names) -> Option<Box<[Name]>> {
    let list = list.unwrap_or_default();
    list.iter()
        .all(|s| validate::text_problem(s).is_none())
        .then(|| list.iter().map(|s| names.get(s)).collect())
}

fn event(e: FileEvent, interned: &mut Names) -> Option<Event> {
    if crate::core::model::id_problem(&e.id).is_some()
        || validate::text_problem(&e.title).is_some()
        || validate::line_problem(&e.title).is_some()
        || !non_empty(&e.kind)
        || !non_empty(&e.group)
        || !non_empty(&e.display_date)
    {
        return None;
    }
    // Anything unusual about the date (both forms, neither, a bad value) goes the careful way.
    let when = match (&e.date, &e.start) {
        (Some(d), None) if e.end.is_none() && e.circa.is_none() => When::parse(d).ok()?,
        (None, Some(s)) => {
            let start = Date::parse(s).ok()?;
            let end = match &e.end {
                Some(d) => Some(Date::parse(d).ok()?),
                None => None,
            };
            if validate::span_problem(start, end).is_some() {
                return None;
            }
            When {
                start,
                end,
                extent: Extent::Lasted,
                circa: e.circa.unwrap_or(false),
                uncertain: false,
            }
        }
        _ => return None,
    };
    let status = match &e.status {
        Some(s) => Some(Status::parse(s)?),
        None => None,
    };
    let sources = e
        .sources
        .unwrap_or_default()
        .into_iter()
        .map(|s| {
            let published = match &s.published {
                Some(d) => Some(Date::parse(d).ok()?),
                None => None,
            };
            Some(Source {
                title: s.title,
                file: s.file,
                url: s.url,
                published,
                quote: s.quote,
            })
        })
        .collect::<Option<Box<[_]>>>()?;
    let mut event = Event::new(e.id, e.title.trim(), when.start);
    event.set_when(when);
    event.status = status;
    event.kind = e.kind.map(|k| interned.get(&k));
    event.group = e.group.map(|g| interned.get(&g));
    event.display_date = e.display_date.map(String::into_boxed_str);
    event.summary = e.summary.map(String::into_boxed_str);
    event.details = e.details.map(String::into_boxed_str);
    event.actors = names(e.actors, interned)?;
    event.places = names(e.places, interned)?;
    event.tags = names(e.tags, interned)?;
    event.sources = sources;
    sanitize::event(&mut event);
    Some(event)
}

fn era(e: FileEra) -> Option<Era> {
    let start = Date::parse(&e.start).ok()?;
    let end = Date::parse(&e.end).ok()?;
    if validate::text_problem(&e.title).is_some()
        || validate::line_problem(&e.title).is_some()
        || validate::span_problem(start, Some(end)).is_some()
    {
        return None;
    }
    Some(Era {
        title: sanitize::line(e.title.trim()).into_owned(),
        start,
        end,
    })
}
