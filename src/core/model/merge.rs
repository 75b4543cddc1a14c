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
    let mut events: Vec<Event> = datasets.into_iter().flat_map(|d| d.events).collect();
    sort(&mut events);
    Timeline {
        title,
        as_of,
        events,
        eras,
        warnings: Vec::new(),
    }
}

/// Sorts into timeline order: earliest moment covered, then coarser precision, then id. Stable.
pub fn sort(events: &mut [Event]) {
    use rayon::slice::ParallelSliceMut;
    events.par_sort_by(Event::timeline_cmp);
}
