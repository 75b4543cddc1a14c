//! Where each pane goes for a given terminal size.
//!
//! Pure and shared: rendering draws into these areas, and `App` uses the same numbers to keep the
//! selection in view and to map mouse clicks to rows.

use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::widgets::{Block, Borders};

use crate::tui::browse::keys::{KEYS, Keymap, help_lines};
pub use crate::tui::widgets::{MIN_HEIGHT, MIN_WIDTH, WIDE};

/// From this many rows of body the chart view keeps the list below the chart.
pub const TALL: u16 = 40;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Areas {
    pub header: Rect,
    pub ruler: Rect,
    /// The chart, when it is shown (else empty).
    pub chart: Rect,
    /// The list (empty when the chart takes its place on a short screen).
    pub list: Rect,
    pub detail: Rect,
    /// The line above the footer: search input, date prompt or messages.
    pub prompt: Rect,
    pub footer: Rect,
    /// Detail beside the list (true) or below it (false).
    pub wide: bool,
}

impl Areas {
    /// The panes for a terminal of `size`, or `None` when it is too small for them.
    pub fn new(size: Rect) -> Option<Areas> {
        Areas::with_ruler(size, 1)
    }

    /// The panes with a ruler of `ruler_lines` lines (two when eras are drawn above the density).
    pub fn with_ruler(size: Rect, ruler_lines: u16) -> Option<Areas> {
        Areas::for_view(size, ruler_lines, false)
    }

    /// The panes, with the chart or without. The chart takes the whole width, since time wants
    /// it: across the top of the body, with the list and the detail below it as usual when the
    /// body has [`TALL`] rows, else with the detail alone below it (the chart replaces the list).
    pub fn for_view(size: Rect, ruler_lines: u16, chart: bool) -> Option<Areas> {
        let extra = ruler_lines.saturating_sub(1);
        if size.width < MIN_WIDTH || size.height < MIN_HEIGHT + extra {
            return None;
        }
        let [header, ruler, body, prompt, footer] = Layout::vertical([
            Constraint::Length(1),
            Constraint::Length(ruler_lines),
            Constraint::Min(1),
            Constraint::Length(1),
            Constraint::Length(1),
        ])
        .areas(size);
        let wide = size.width >= WIDE;
        let (chart, list, detail) = if chart && body.height < TALL {
            // Too short for three panes: the chart replaces the list.
            let [chart, detail] =
                Layout::vertical([Constraint::Percentage(62), Constraint::Percentage(38)])
                    .areas(body);
            (chart, Rect::new(detail.x, detail.y, 0, 0), detail)
        } else {
            let (chart, body) = if chart {
                let [chart, rest] =
                    Layout::vertical([Constraint::Percentage(45), Constraint::Percentage(55)])
                        .areas(body);
                (chart, rest)
            } else {
                (Rect::new(body.x, body.y, 0, 0), body)
            };
            let [list, detail] = if wide {
                Layout::horizontal([Constraint::Percentage(56), Constraint::Percentage(44)])
                    .areas(body)
            } else {
                // Stacked, the detail gets the larger share: one event's summary and quote matter
                // more than a longer list on a small screen.
                Layout::vertical([Constraint::Percentage(40), Constraint::Percentage(60)])
                    .areas(body)
            };
            (chart, list, detail)
        };
        Some(Areas {
            header,
            ruler,
            chart,
            list,
            detail,
            prompt,
            footer,
            wide,
        })
    }

    /// The list's rows, inside its border.
    pub fn list_inner(&self) -> Rect {
        pane_block().inner(self.list)
    }

    /// The chart, inside its border.
    pub fn chart_inner(&self) -> Rect {
        pane_block().inner(self.chart)
    }

    /// The detail text, inside its border.
    pub fn detail_inner(&self) -> Rect {
        pane_block().inner(self.detail)
    }
}

/// The frame both panes are drawn in; its inner area is what `list_inner`/`detail_inner` give.
pub fn pane_block() -> Block<'static> {
    Block::new().borders(Borders::ALL)
}

/// The overlay's box within the screen: at most 72 wide, as tall as the help or the screen.
pub fn help_popup(area: Rect) -> Rect {
    popup_for(area, content_lines(area))
}

/// A help box for `lines` lines of help (any screen's): at most 72 wide, as tall as the lines
/// and its border or the screen.
pub fn popup_for(area: Rect, lines: usize) -> Rect {
    let width = area.width.min(72);
    let height = area
        .height
        .min(u16::try_from(lines + 2).unwrap_or(u16::MAX));
    Rect::new(
        area.x + (area.width - width) / 2,
        area.y + (area.height - height) / 2,
        width,
        height,
    )
}

fn content_lines(size: Rect) -> usize {
    // Rebinding changes the keys' names, never how the descriptions wrap under their column.
    help_rows(&help_lines(&Keymap::new(KEYS)), help_width(size)).len()
}

/// The width of the help text inside its box on a screen of `size`.
pub fn help_width(size: Rect) -> usize {
    usize::from(size.width.min(72).saturating_sub(2))
}

/// One row of the help overlay.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum HelpRow {
    Heading(String),
    /// A key column (empty on a continuation) and the text beside it.
    Key(String, String),
    Blank,
}

/// Width of the help's key column.
pub const HELP_KEY_WIDTH: usize = 22;

/// Help `groups` laid out for `width` columns: long descriptions wrap under their own column
/// instead of being cut off at the box's edge.
pub fn help_rows(groups: &[(&str, Vec<(&str, &str)>)], width: usize) -> Vec<HelpRow> {
    let text_width = width.saturating_sub(HELP_KEY_WIDTH).max(12);
    let mut rows = Vec::new();
    for (group, keys) in groups {
        if !rows.is_empty() {
            rows.push(HelpRow::Blank);
        }
        rows.push(HelpRow::Heading(group.to_string()));
        for (key, what) in keys {
            // Never split at a hyphen: "as-of" and "India-US" are one word each.
            let options = textwrap::Options::new(text_width)
                .word_splitter(textwrap::WordSplitter::NoHyphenation);
            for (i, piece) in textwrap::wrap(what, options).into_iter().enumerate() {
                let key = if i == 0 {
                    key.to_string()
                } else {
                    String::new()
                };
                rows.push(HelpRow::Key(key, piece.into_owned()));
            }
        }
    }
    rows
}

/// How many help lines do not fit on a screen of `size`: the most the help can scroll.
pub fn help_overflow(size: Rect) -> usize {
    overflow_for(size, content_lines(size))
}

/// How many of `lines` lines of help do not fit in their box on a screen of `size`.
pub fn overflow_for(size: Rect, lines: usize) -> usize {
    lines.saturating_sub(usize::from(popup_for(size, lines).height.saturating_sub(2)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wide_and_narrow() {
        let wide = Areas::new(Rect::new(0, 0, 120, 40)).unwrap();
        assert!(wide.wide);
        assert_eq!(wide.list.y, wide.detail.y);
        let narrow = Areas::new(Rect::new(0, 0, 60, 20)).unwrap();
        assert!(!narrow.wide);
        assert!(narrow.detail.y > narrow.list.y);
        assert!(Areas::new(Rect::new(0, 0, 20, 5)).is_none());
        assert!(Areas::new(Rect::new(0, 0, 0, 0)).is_none());
        let two = Areas::with_ruler(Rect::new(0, 0, 60, 20), 2).unwrap();
        assert_eq!(two.ruler.height, 2);
        assert_eq!(two.list.y, narrow.list.y + 1);
        assert!(Areas::with_ruler(Rect::new(0, 0, 60, MIN_HEIGHT), 2).is_none());
    }

    #[test]
    fn the_chart_takes_the_width_and_the_list_comes_back_when_tall() {
        let short = Areas::for_view(Rect::new(0, 0, 120, 40), 2, true).unwrap();
        assert_eq!(short.chart.width, 120);
        assert!(short.list.is_empty());
        assert!(short.detail.y > short.chart.y && short.detail.width == 120);
        let tall = Areas::for_view(Rect::new(0, 0, 200, 60), 2, true).unwrap();
        assert!(!tall.list.is_empty() && tall.list.y > tall.chart.y);
        assert_eq!(tall.list.y, tall.detail.y, "side by side below the chart");
        let list = Areas::for_view(Rect::new(0, 0, 120, 40), 2, false).unwrap();
        assert!(list.chart.is_empty());
    }
}
