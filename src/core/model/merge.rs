//! Merging datasets into one timeline, and the one timeline order.

use super::{Dataset, Era, Event, Timeline};

/// Merges datasets into one timeline, in timeline order. The first dataset names it.
pub fn merge(datasets: Vec<Dataset>) -> Timeline {
    let title = match datasets.as_slice() {
        [] => "No timeline loaded".to_string(),
        [one] => one.title.clone(),
        [first, rest @ ..] => format!("{} (+{} more)", first.title, rest.len()),
    };
    let as_of = datasets.iter().find_map(|d| d.as_of);
    let mut eras: Vec<Era> = datasets.iter().flat_map(|d| d.eras.clone()).collect();
    eras.sort_by(|a, b| a.start.cmp(&b.start).then_with(|| a.end.cmp(&b.end)));
    // One list of events, built without a second copy of a million of them.
    let mut datasets = datasets.into_iter();
    let mut events = datasets.next().map(|d| d.events).unwrap_or_default();
    for d in datasets {
        events.extend(d.events);
    }
    sort(&mut events);
    Timeline {
        title,
        as_of,
        events,
        eras,
        warnings: Vec::new(),
    }
}

/// Sorts into timeline order: earliest moment covered, then coarser precision, then id. Ids are
/// unique in a timeline, so no two events compare equal and an unstable sort gives the one order
/// (without the stable sort's copy of the whole list).
pub fn sort(events: &mut [Event]) {
    use rayon::slice::ParallelSliceMut;
    events.par_sort_unstable_by(Event::timeline_cmp);
}
