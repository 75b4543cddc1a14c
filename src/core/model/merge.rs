//! Merging datasets into one timeline, and the one timeline order.

use super::{Dataset, Era, Event, Timeline, TimelineKey};

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

/// Sorts into timeline order: earliest moment covered, then coarser precision, then id.
///
/// Each event's place is worked out once (on every core), with the first bytes of its id so
/// that events of the same day rarely need their ids looked up; the places are sorted, and the
/// events are then moved into that order, each once. Sorting the events themselves would work
/// out both places in every comparison and move 300-byte events about many times over. Ids are
/// unique in a timeline, so no two events compare equal and the order is the one
/// [`Event::timeline_cmp`] gives.
pub fn sort(events: &mut [Event]) {
    if let Some(order) = order_if_unsorted(events) {
        permute(events, order.into_iter().map(|i| i as usize).collect());
    }
}

/// The positions of `events` in timeline order (see [`sort`]), for a writer that keeps them in
/// that order without moving them.
pub fn timeline_order(events: &[Event]) -> Vec<u32> {
    order_if_unsorted(events).unwrap_or_else(|| (0..events.len() as u32).collect())
}

/// The timeline order, or `None` when the events are in it already: a quick check that spares
/// the sort for data kept in order (the load cache keeps it so).
fn order_if_unsorted(events: &[Event]) -> Option<Vec<u32>> {
    use rayon::prelude::*;
    let mut order: Vec<(TimelineKey, u128, u32)> = events
        .par_iter()
        .enumerate()
        .map(|(i, e)| (e.timeline_key(), id_prefix(&e.id), i as u32))
        .collect();
    let cmp = |a: &(TimelineKey, u128, u32), b: &(TimelineKey, u128, u32)| {
        (a.0, a.1).cmp(&(b.0, b.1)).then_with(|| {
            let id = |x: &(TimelineKey, u128, u32)| events[x.2 as usize].id.as_ref();
            id(a).cmp(id(b))
        })
    };
    if order.par_windows(2).all(|w| cmp(&w[0], &w[1]).is_le()) {
        return None;
    }
    order.par_sort_unstable_by(cmp);
    Some(order.into_iter().map(|(.., i)| i).collect())
}

/// The first 16 bytes of an id as a number that orders as the ids do (shorter ids padded with
/// zeros, which no id holds).
fn id_prefix(id: &str) -> u128 {
    let mut bytes = [0u8; 16];
    let n = id.len().min(16);
    bytes[..n].copy_from_slice(&id.as_bytes()[..n]);
    u128::from_be_bytes(bytes)
}

/// Puts the events in the order `order` gives (`order[k]` is the event that goes to place `k`),
/// following each cycle of the permutation so every event moves once.
fn permute(events: &mut [Event], mut order: Vec<usize>) {
    for start in 0..order.len() {
        let mut at = start;
        // A place whose event is already in it is marked with its own index.
        while order[at] != start {
            let from = order[at];
            events.swap(at, from);
            order[at] = at;
            at = from;
        }
        order[at] = at;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::model::{Date, When};

    #[test]
    fn sorting_by_keys_gives_the_timeline_order() {
        let mut events = crate::core::generate::events(crate::core::generate::Spec {
            events: 5_000,
            seed: 9,
        });
        // Every kind of date, so keys tie on the day and differ by side and precision; and ids
        // longer than the prefix that differ only after it.
        let dates = [
            "[..2001-05-05]",
            "[2001-05-05..]",
            "2001-05",
            "2001",
            "[2001-05-01..2001-05-09]",
            "2001-05-05",
            "2001-05-05",
        ];
        for (i, d) in dates.into_iter().enumerate() {
            let id = format!("a-very-long-identifier-{i}");
            let mut e = Event::new(id, "w", Date::year_only(0));
            e.set_when(When::parse(d).unwrap());
            events.insert(i * 7, e);
        }
        let mut expected = events.clone();
        expected.sort_by(Event::timeline_cmp);
        sort(&mut events);
        assert_eq!(events, expected);
        sort(&mut events);
        assert_eq!(events, expected, "sorted stays sorted");
        assert!(id_prefix("ab") < id_prefix("ab-"));
        assert!(id_prefix("b") > id_prefix("abcdefghijklmnopqrstuvwxyz"));
    }
}
