//! What a browser keeps for the chart between frames: the index of the events' positions, the
//! lanes and the viewport, with one method per key (zoom, pan, fit, show a period, switch lanes,
//! follow the selection). Pure: the browser owns a `ChartState`, changes it in its `update`, and
//! hands its parts to the chart widget to draw.

use super::{ChartIndex, LaneBy, Lanes, Viewport};
use crate::core::model::{Date, Event};

/// The share of the viewport one pan step moves.
pub const PAN_STEP: f64 = 0.25;

#[derive(Debug, Clone)]
pub struct ChartState {
    pub index: ChartIndex,
    pub lanes: Lanes,
    /// The lane mode asked for (`lanes.by` is the one in use: `Group` falls back to `Kind` when no
    /// event has a group).
    pub by: LaneBy,
    pub view: Viewport,
}

impl Default for ChartState {
    fn default() -> ChartState {
        ChartState::new(&[], None, LaneBy::Group)
    }
}

impl ChartState {
    /// For `events` in timeline order, fitted to all of them; ongoing spans run to `as_of`. Costs
    /// one pass over the events: do it when the timeline is loaded or reloaded.
    pub fn new(events: &[Event], as_of: Option<&Date>, by: LaneBy) -> ChartState {
        let index = ChartIndex::new(events, as_of);
        let view = index.bounds();
        ChartState {
            lanes: Lanes::assign(events, by),
            index,
            by,
            view,
        }
    }

    /// The same viewport and lane mode over new events (after a reload), kept in bounds.
    pub fn reload(&mut self, events: &[Event], as_of: Option<&Date>) {
        self.index = ChartIndex::new(events, as_of);
        self.lanes = Lanes::assign(events, self.by);
        self.view = self.view.clamp(self.index.bounds());
    }

    /// Where zooming keeps its place: the selected event when it is on screen, else the centre.
    fn anchor(&self, selected: Option<usize>) -> f64 {
        selected
            .and_then(|i| self.index.drawn(i))
            .map(|d| d.at)
            .filter(|&at| self.view.contains(at))
            .unwrap_or_else(|| self.view.centre())
    }

    /// Twice as close, around the selected event (or the centre), down to a day.
    pub fn zoom_in(&mut self, selected: Option<usize>) {
        let at = self.anchor(selected);
        self.view = self.view.zoom_in(at, self.index.bounds());
    }

    /// Twice as wide, around the selected event (or the centre), at most the whole timeline.
    pub fn zoom_out(&mut self, selected: Option<usize>) {
        let at = self.anchor(selected);
        self.view = self.view.zoom_out(at, self.index.bounds());
    }

    /// Zoomed by `factor` (below 1: closer) keeping the day `at` where it is on screen: what the
    /// mouse wheel does under the pointer.
    pub fn zoom_at(&mut self, at: f64, factor: f64) {
        self.view = self.view.zoom(factor, at, self.index.bounds());
    }

    /// `steps` quarters of the screen forward in time (negative: back).
    pub fn pan(&mut self, steps: f64) {
        self.view = self.view.pan(steps * PAN_STEP, self.index.bounds());
    }

    /// The whole timeline.
    pub fn fit(&mut self) {
        self.view = self.index.bounds();
    }

    /// The events at `indexes` (the ones a filter keeps); `false` when there are none.
    pub fn fit_events(&mut self, indexes: impl IntoIterator<Item = usize>) -> bool {
        match self.index.fit(indexes) {
            Some(v) => {
                self.view = v.clamp(self.index.bounds());
                true
            }
            None => false,
        }
    }

    /// Shows `view` (a period asked for by date), within the data.
    pub fn show(&mut self, view: Viewport) {
        self.view = view.clamp(self.index.bounds());
    }

    /// The next lane mode (one pass over the events).
    pub fn cycle_lanes(&mut self, events: &[Event]) {
        self.by = self.lanes.by.next();
        self.lanes = Lanes::assign(events, self.by);
        // A timeline without groups has no group mode: skip it rather than show kinds twice.
        if self.lanes.by != self.by {
            self.by = self.lanes.by;
        }
    }

    /// After the selection moves: scroll so that the selected event is on screen (centred if it
    /// was off it), keeping the zoom.
    pub fn follow(&mut self, selected: Option<usize>) {
        if let Some(d) = selected.and_then(|i| self.index.drawn(i)) {
            self.view = self.view.reveal(d.at, self.index.bounds());
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn events() -> Vec<Event> {
        ["1950", "1990-06-01", "2025-05-28"]
            .iter()
            .enumerate()
            .map(|(i, d)| {
                let mut e = Event::new(format!("e{i}"), "x", Date::parse(d).unwrap());
                e.kind = Some(format!("k{}", i % 2).into());
                e
            })
            .collect()
    }

    #[test]
    fn keys_move_the_viewport_within_the_data() {
        let events = events();
        let mut s = ChartState::new(&events, None, LaneBy::Group);
        let whole = s.view;
        let at = |s: &ChartState, i| s.index.drawn(i).unwrap().at;
        s.zoom_in(Some(1));
        assert!(s.view.span() < whole.span() && s.view.contains(at(&s, 1)));
        for _ in 0..100 {
            s.pan(1.0);
        }
        assert_eq!(s.view.to, whole.to);
        s.follow(Some(0));
        assert!(s.view.contains(at(&s, 0)));
        s.zoom_out(None);
        s.fit();
        assert_eq!(s.view, whole);
        assert!(s.fit_events([1]));
        assert!(s.view.span() < 2.0 && s.view.contains(at(&s, 1)));
        assert!(!s.fit_events([]));
        s.zoom_at(at(&s, 1), 4.0);
        assert!(s.view.contains(at(&s, 1)));
        // No groups: the modes are kind and actor only.
        assert_eq!(s.lanes.by, LaneBy::Kind);
        s.cycle_lanes(&events);
        assert_eq!(s.by, LaneBy::Actor);
        s.cycle_lanes(&events);
        assert_eq!(s.by, LaneBy::Kind);
        s.reload(&events[..1], None);
        assert!(s.view.span() <= s.index.bounds().span());
    }
}
