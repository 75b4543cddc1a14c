//! A selection: the events chosen for an export, a presentation or a briefing, with the title,
//! eras and as-of date they are shown under.

use crate::core::model::{Dataset, Date, Era, Event, Timeline};

/// What to export: a title and the events (already filtered), with the eras and the as-of date.
#[derive(Debug, Clone)]
pub struct Selection<'a> {
    pub title: &'a str,
    pub description: Option<&'a str>,
    pub as_of: Option<Date>,
    pub eras: &'a [Era],
    pub events: Vec<&'a Event>,
    /// The query that chose the events, for the briefing note to say so ("" for everything).
    pub filter: String,
}

impl<'a> Selection<'a> {
    /// `events` (a subset of the timeline's, in its order) under the timeline's title and eras.
    pub fn new(timeline: &'a Timeline, events: Vec<&'a Event>) -> Selection<'a> {
        Selection {
            title: &timeline.title,
            description: None,
            as_of: timeline.as_of,
            eras: &timeline.eras,
            events,
            filter: String::new(),
        }
    }
}

impl<'a> Selection<'a> {
    /// All of one dataset, as read from one file.
    pub fn of_dataset(dataset: &'a Dataset) -> Selection<'a> {
        Selection {
            title: &dataset.title,
            description: dataset.description.as_deref(),
            as_of: dataset.as_of,
            eras: &dataset.eras,
            events: dataset.events.iter().collect(),
            filter: String::new(),
        }
    }
}
