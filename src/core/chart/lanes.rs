//! Lanes: the chart's rows. Events go into a lane by their group, their kind or their first actor
//! (`LaneBy`); lanes are ordered by their first event in time; when there are more lanes than rows
//! on screen, the last row folds the rest into "+N more lanes".
//!
//! Assigning lanes looks at every event once (do it when the data or the lane mode changes, not
//! every frame); folding them into rows costs the number of lanes.

use std::borrow::Borrow;
use std::collections::HashMap;

use crate::core::model::{Event, Name};

/// What puts events into the same lane.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum LaneBy {
    /// The event's `group`; events without one go to "(no group)". A timeline with no groups at
    /// all falls back to kinds, so the mode is never one useless lane.
    #[default]
    Group,
    /// The event's `kind` ("visit", "tariff"), else "(no kind)".
    Kind,
    /// The event's first actor, else "(no actor)".
    Actor,
}

impl LaneBy {
    pub const ALL: [LaneBy; 3] = [LaneBy::Group, LaneBy::Kind, LaneBy::Actor];

    /// The next mode, for a key that cycles through them.
    pub fn next(self) -> LaneBy {
        match self {
            LaneBy::Group => LaneBy::Kind,
            LaneBy::Kind => LaneBy::Actor,
            LaneBy::Actor => LaneBy::Group,
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            LaneBy::Group => "group",
            LaneBy::Kind => "kind",
            LaneBy::Actor => "actor",
        }
    }

    /// The lane of events that have nothing to go by: named, so nobody mistakes it for a group.
    pub fn none_name(self) -> &'static str {
        match self {
            LaneBy::Group => "(no group)",
            LaneBy::Kind => "(no kind)",
            LaneBy::Actor => "(no actor)",
        }
    }

    fn key(self, e: &Event) -> Option<&str> {
        match self {
            LaneBy::Group => e.group.as_deref(),
            LaneBy::Kind => e.kind.as_deref(),
            LaneBy::Actor => e.actors.first().map(Name::as_str),
        }
    }
}

/// Every event's lane, and the lanes' names in order of their first event.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Lanes {
    /// The mode actually used (`Group` becomes `Kind` when no event has a group).
    pub by: LaneBy,
    names: Vec<String>,
    of_event: Vec<u32>,
}

impl Lanes {
    /// Puts `events` (in timeline order) into lanes by `by`.
    pub fn assign<E: Borrow<Event>>(events: &[E], by: LaneBy) -> Lanes {
        let by = if by == LaneBy::Group && events.iter().all(|e| e.borrow().group.is_none()) {
            LaneBy::Kind
        } else {
            by
        };
        let mut index: HashMap<&str, u32> = HashMap::new();
        let mut names = Vec::new();
        let of_event = events
            .iter()
            .map(|e| {
                let key = by
                    .key(e.borrow())
                    .filter(|k| !k.trim().is_empty())
                    .unwrap_or(by.none_name());
                *index.entry(key).or_insert_with(|| {
                    names.push(key.to_string());
                    (names.len() - 1) as u32
                })
            })
            .collect();
        Lanes {
            by,
            names,
            of_event,
        }
    }

    /// Lane names, earliest lane first.
    pub fn names(&self) -> &[String] {
        &self.names
    }

    pub fn len(&self) -> usize {
        self.names.len()
    }

    pub fn is_empty(&self) -> bool {
        self.names.is_empty()
    }

    /// The lane of the event at `index` (`None` past the end).
    pub fn of(&self, index: usize) -> Option<u32> {
        self.of_event.get(index).copied()
    }

    /// Every event's lane, by event index.
    pub fn of_events(&self) -> &[u32] {
        &self.of_event
    }

    /// The lanes fitted into `rows` rows.
    pub fn fold(&self, rows: usize) -> Rows {
        Rows::new(&self.names, None, rows)
    }

    /// The lanes `shown` says (by lane) fitted into `rows` rows; the others get none.
    pub fn fold_shown(&self, shown: &[bool], rows: usize) -> Rows {
        Rows::new(&self.names, Some(shown), rows)
    }
}

/// Lanes fitted into the rows on screen: each lane's row, and each row's name. When lanes do not
/// fit, the first `rows - 1` get a row each and the last row holds the rest as "+N more lanes".
/// Lanes left out (with nothing in view, on a crowded screen) have no row.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rows {
    pub names: Vec<String>,
    row_of_lane: Vec<u16>,
    /// Lanes folded into the last row (0 when every lane shown has its own).
    pub folded: usize,
    /// Lanes left out.
    pub hidden: usize,
}

/// The row of a lane that has none.
const NO_ROW: u16 = u16::MAX;

impl Rows {
    fn new(lanes: &[String], shown: Option<&[bool]>, rows: usize) -> Rows {
        let rows = rows.min(usize::from(NO_ROW - 1));
        let is_shown = |i: usize| shown.is_none_or(|s| s.get(i).copied().unwrap_or(true));
        let visible: Vec<usize> = (0..lanes.len()).filter(|&i| is_shown(i)).collect();
        let hidden = lanes.len() - visible.len();
        let (own, folded) = if visible.len() <= rows {
            (visible.len(), 0)
        } else if rows == 0 {
            (0, visible.len())
        } else {
            (rows - 1, visible.len() - (rows - 1))
        };
        let mut row_of_lane = vec![NO_ROW; lanes.len()];
        let mut names = Vec::with_capacity(own + 1);
        for (row, &lane) in visible.iter().enumerate() {
            if row < own {
                names.push(lanes[lane].clone());
                row_of_lane[lane] = row as u16;
            } else if rows > 0 {
                row_of_lane[lane] = own as u16;
            }
        }
        if folded > 0 && rows > 0 {
            names.push(format!("+{folded} more lanes"));
        }
        Rows {
            names,
            row_of_lane,
            folded,
            hidden,
        }
    }

    /// Whether `row` holds several lanes folded together.
    pub fn is_folded(&self, row: usize) -> bool {
        self.folded > 0 && row + 1 == self.names.len()
    }

    pub fn len(&self) -> usize {
        self.names.len()
    }

    pub fn is_empty(&self) -> bool {
        self.names.is_empty()
    }

    /// The row a lane is drawn in (`None` when it has none).
    #[inline]
    pub fn row_of(&self, lane: u32) -> Option<usize> {
        self.row_of_lane
            .get(lane as usize)
            .filter(|&&r| r != NO_ROW)
            .map(|&r| usize::from(r))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::model::Date;

    fn ev(id: &str, kind: Option<&str>, group: Option<&str>, actor: Option<&str>) -> Event {
        let mut e = Event::new(id, id, Date::parse("2025").unwrap());
        e.kind = kind.map(Into::into);
        e.group = group.map(Into::into);
        e.actors = actor.into_iter().map(Into::into).collect();
        e
    }

    #[test]
    fn lanes_in_order_of_first_appearance() {
        let events = [
            ev("a", Some("visit"), None, Some("Modi")),
            ev("b", Some("tariff"), Some("Trade"), None),
            ev("c", Some("visit"), Some("Diplomacy"), Some("Misri")),
            ev("d", None, Some("Trade"), Some("Modi")),
        ];
        let by_kind = Lanes::assign(&events, LaneBy::Kind);
        assert_eq!(by_kind.names(), ["visit", "tariff", "(no kind)"]);
        assert_eq!(by_kind.of_events(), [0, 1, 0, 2]);
        let by_group = Lanes::assign(&events, LaneBy::Group);
        assert_eq!(by_group.names(), ["(no group)", "Trade", "Diplomacy"]);
        let by_actor = Lanes::assign(&events, LaneBy::Actor);
        assert_eq!(by_actor.names(), ["Modi", "(no actor)", "Misri"]);
        assert_eq!(by_actor.of(3), Some(0));
        assert_eq!(by_actor.of(4), None);
        // No groups at all: kinds instead.
        let plain = Lanes::assign(&events[..1], LaneBy::Group);
        assert_eq!(
            (plain.by, plain.names()),
            (LaneBy::Kind, &["visit".to_string()][..])
        );
        assert_eq!(LaneBy::Actor.next(), LaneBy::Group);
    }

    #[test]
    fn extra_lanes_fold_into_the_last_row() {
        let names: Vec<String> = (0..5).map(|i| format!("l{i}")).collect();
        let lanes = Lanes {
            by: LaneBy::Kind,
            names,
            of_event: vec![],
        };
        let shown = lanes.fold_shown(&[false, true, false, true, true], 5);
        assert_eq!(shown.names, ["l1", "l3", "l4"]);
        assert_eq!(
            (shown.row_of(0), shown.row_of(3), shown.hidden),
            (None, Some(1), 2)
        );
        let rows = lanes.fold(3);
        assert_eq!(rows.names, ["l0", "l1", "+3 more lanes"]);
        assert_eq!(rows.row_of(4), Some(2));
        assert_eq!(rows.row_of(1), Some(1));
        assert_eq!(lanes.fold(5).folded, 0);
        let none = lanes.fold(0);
        assert!(none.is_empty() && none.row_of(0).is_none());
        assert_eq!(lanes.fold(1).names, ["+5 more lanes"]);
    }
}
