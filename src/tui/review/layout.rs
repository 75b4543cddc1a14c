//! Where the review screen's panes go at a given size: used by the view to draw and by the state
//! to find the draft under a click, so the two always agree.

use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::widgets::{Block, Borders};

use crate::tui::widgets::{MIN_HEIGHT, MIN_WIDTH, WIDE};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Areas {
    pub header: Rect,
    pub list: Rect,
    pub record: Rect,
    pub prompt: Rect,
    pub footer: Rect,
}

/// The panes for a screen of `area`, or `None` when it is too small to draw them.
pub fn areas(area: Rect) -> Option<Areas> {
    if area.width < MIN_WIDTH || area.height < MIN_HEIGHT {
        return None;
    }
    let [header, body, prompt, footer] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Min(1),
        Constraint::Length(1),
        Constraint::Length(1),
    ])
    .areas(area);
    let [list, record] = if area.width >= WIDE {
        Layout::horizontal([Constraint::Percentage(45), Constraint::Percentage(55)]).areas(body)
    } else {
        Layout::vertical([Constraint::Percentage(40), Constraint::Percentage(60)]).areas(body)
    };
    Some(Areas {
        header,
        list,
        record,
        prompt,
        footer,
    })
}

/// The inside of the list pane's border, where the drafts are.
pub fn list_inner(list: Rect) -> Rect {
    Block::new().borders(Borders::ALL).inner(list)
}

/// The first draft shown in a list of `height` rows: the list scrolls just enough to show the
/// selected one.
pub fn list_offset(selected: usize, height: usize) -> usize {
    (selected + 1).saturating_sub(height)
}

/// The index of the draft drawn at (`column`, `row`) on a screen of `size`, if that is a list row.
pub fn draft_at(size: Rect, selected: usize, column: u16, row: u16) -> Option<usize> {
    let inner = list_inner(areas(size)?.list);
    if !inner.contains(ratatui::layout::Position::new(column, row)) {
        return None;
    }
    Some(list_offset(selected, usize::from(inner.height)) + usize::from(row - inner.y))
}
