//! The chart widget: lanes of events across a zoomable time axis, drawn into a ratatui buffer.
//!
//! From top to bottom: the eras' titles (and "as of" over the as-of line), one row per lane
//! (names in a left gutter, marks across, eras as background bands behind them), the axis with
//! its ticks, the tick labels, and a legend that explains every mark in words. Rows give way as
//! the area shrinks (the legend first, the lanes last); nothing is drawn outside the area.
//!
//! Marks carry their meaning in their shape, never in colour alone: `●` a day, `◌` an approximate
//! day or a window's best estimate, `━` lasted, `╍` lasted (approximate dates), `┄` the possible
//! days of a window, `→` still going on, `?` an unknown end or start, `‹` `›` on or before / after,
//! a digit (or `+`) several events in one cell. With a filter, events outside it are drawn in light
//! strokes (`·` `─` `┈`) and dimmed.
//!
//! The work per frame is the `core::chart::layout` of the viewport (see there) and the cells on
//! screen, whatever the number of events.

use ratatui::buffer::Buffer;
use ratatui::layout::{Position, Rect};
use ratatui::style::Style;
use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

use crate::core::chart::layout::layout;
use crate::core::chart::{Cap, ChartState, Filter, Frame, Grid, Mark, ticks};
use crate::core::model::{Date, Era, Event, Status};
use crate::tui::theme::Theme;

pub const POINT: char = '●';
pub const POINT_APPROX: char = '◌';
pub const BAR: char = '━';
pub const BAR_APPROX: char = '╍';
pub const DOTTED: char = '┄';
pub const ONGOING: char = '→';
pub const UNKNOWN: char = '?';
pub const BEFORE: char = '‹';
pub const AFTER: char = '›';
/// A count of ten or more events in one cell.
pub const MANY: char = '+';
pub const AS_OF: char = '│';
/// Events outside the filter: any mark, a bar, a window.
pub const OUT_MARK: char = '·';
pub const OUT_BAR: char = '─';
pub const OUT_DOTTED: char = '┈';

/// The legend: each mark, what it means, and a shorter wording for narrow screens (written
/// tighter too: "●day ◌about").
const LEGEND: [(&str, &str, &str); 10] = [
    ("●", "day", "day"),
    ("◌", "about, or best estimate", "about"),
    ("━", "lasted", "lasted"),
    ("╍", "lasted, dates about", "about"),
    ("┄", "one day in this window", "window"),
    ("→", "still going on", "ongoing"),
    ("?", "end or start unknown", "unknown"),
    ("‹ ›", "on or before / after", "bound"),
    ("3", "events in one cell", "count"),
    ("│", "as of", "as of"),
];
/// Added to the legend while a filter is active.
const LEGEND_FILTERED: (&str, &str, &str) = ("· ─", "outside the filter", "filtered out");

/// Between a mark and its words, and between entries, in the long and the short legend.
fn legend_spacing(short: bool) -> (&'static str, &'static str) {
    if short { ("", " ") } else { (" ", "  ") }
}

/// The widest lane-name gutter, in columns.
const GUTTER_MAX: usize = 18;

/// Everything the chart draws. `events` and `state` describe the same events in the same
/// (timeline) order; `filter` says which match the current search (the others are dimmed).
#[derive(Clone, Copy)]
pub struct Chart<'a> {
    pub events: &'a [Event],
    pub state: &'a ChartState,
    pub filter: Filter<'a>,
    /// The selected event, by its index in `events`.
    pub selected: Option<usize>,
    pub eras: &'a [Era],
    pub as_of: Option<Date>,
}

/// Where each part of the chart goes in an area; `None` for parts that do not fit.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Parts {
    /// Era titles and "as of".
    pub top: Option<u16>,
    /// The first lane line and how many lines lanes may use.
    pub lanes: (u16, u16),
    pub axis: Option<u16>,
    pub labels: Option<u16>,
    /// The legend's first row and how many rows it has.
    pub legend: Option<(u16, u16)>,
    /// Gutter width (lane names), and the plot's first column and width.
    pub gutter: u16,
    pub plot_x: u16,
    pub plot_width: u16,
}

impl Parts {
    /// Splits `area` for lanes whose longest name is `name_width` columns, with a legend that
    /// needs `legend_rows` rows at this width. Lanes go from the top, the axis, its labels and the
    /// legend at the bottom; as the area shrinks the legend goes first, then the top row, the axis
    /// and its labels, so that at least one lane always shows.
    pub fn new(area: Rect, name_width: usize, legend_rows: u16) -> Parts {
        let h = area.height;
        let has_labels = h >= 3;
        let has_axis = h >= 4;
        let has_top = h >= 5;
        let legend_rows = match h {
            0..=5 => 0,
            6..=11 => legend_rows.min(1),
            _ => legend_rows.min(2),
        };
        let bottom = u16::from(has_axis) + u16::from(has_labels) + legend_rows;
        let first = area.y + u16::from(has_top);
        let lines = h.saturating_sub(bottom + u16::from(has_top));
        let mut y = first + lines;
        let mut next = |present: bool, rows: u16| {
            present.then(|| {
                y += rows;
                y - rows
            })
        };
        let axis = next(has_axis, 1);
        let labels = next(has_labels, 1);
        let legend = next(legend_rows > 0, legend_rows).map(|y| (y, legend_rows));
        let gutter = if area.width >= 30 {
            name_width.min(GUTTER_MAX).min(usize::from(area.width / 5)) as u16
        } else {
            0
        };
        let plot_x = area.x + gutter + u16::from(gutter > 0);
        Parts {
            top: has_top.then_some(area.y),
            lanes: (first, lines),
            axis,
            labels,
            legend,
            gutter,
            plot_x,
            plot_width: area.width.saturating_sub(plot_x - area.x),
        }
    }
}

impl Chart<'_> {
    /// The parts of `area` and the layout of the events (finding the cell `probe`'s covering
    /// event, for a click).
    fn prepare(&self, area: Rect, probe: Option<(usize, usize)>) -> (Parts, Grid) {
        let lanes = &self.state.lanes;
        let name_width = lanes
            .names()
            .iter()
            .map(|n| n.width())
            .max()
            .unwrap_or(0)
            .max("+99 more lanes".width());
        let legend_rows = legend_lines(self.legend(), usize::from(area.width), false).len();
        let parts = Parts::new(area, name_width, legend_rows as u16);
        let frame = Frame {
            view: self.state.view,
            width: usize::from(parts.plot_width),
            height: usize::from(parts.lanes.1),
            filter: self.filter,
            selected: self.selected,
            probe,
        };
        (parts, layout(&self.state.index, lanes, frame))
    }

    fn legend(&self) -> Vec<(&'static str, &'static str, &'static str)> {
        let mut legend = LEGEND.to_vec();
        if !self.filter.is_all() {
            legend.push(LEGEND_FILTERED);
        }
        legend
    }

    /// The event drawn at screen position (`x`, `y`) when the chart fills `area` (for a mouse
    /// click): the first matching event marked in that cell, the one whose title is written
    /// there, or the narrowest whose bar or window passes through it.
    pub fn event_at(&self, area: Rect, x: u16, y: u16) -> Option<usize> {
        let (parts, _) = self.prepare(area, None);
        let (lane_y, lines) = parts.lanes;
        if x < parts.plot_x || y < lane_y || y >= lane_y + lines {
            return None;
        }
        let (row, col) = (usize::from(y - lane_y), usize::from(x - parts.plot_x));
        let (_, grid) = self.prepare(area, Some((row, col)));
        let cell = grid.cell(row, col)?;
        cell.event()
            .or_else(|| {
                grid.labels
                    .iter()
                    .find(|l| l.row == row && l.col <= col && col < l.col + l.width)
                    .map(|l| l.event)
            })
            .or(grid.probed)
    }

    /// The day under screen column `x` when the chart fills `area`, if `x` is over the plot: where
    /// the mouse wheel zooms.
    pub fn days_at(&self, area: Rect, x: u16) -> Option<f64> {
        let name_width = self.state.lanes.names().iter().map(|n| n.width()).max();
        let parts = Parts::new(
            area,
            name_width.unwrap_or(0).max("+99 more lanes".width()),
            0,
        );
        let col = x.checked_sub(parts.plot_x)?;
        (col < parts.plot_width).then(|| {
            self.state
                .view
                .days_at(f64::from(col) + 0.5, f64::from(parts.plot_width))
        })
    }

    /// Draws the chart into `area` of `buf`.
    pub fn render(&self, area: Rect, buf: &mut Buffer, theme: &Theme) {
        let area = area.intersection(buf.area);
        if area.is_empty() {
            return;
        }
        buf.set_style(area, theme.base);
        let (parts, grid) = self.prepare(area, None);
        let width = usize::from(parts.plot_width);
        let view = self.state.view;
        let selected = grid.selected;
        let as_of_col = self
            .as_of
            .map(|d| view.x(d.axis_days(), width as f64))
            .filter(|x| (0.0..width as f64).contains(x))
            .map(|x| x as u16);
        let eras = self.era_columns(width);
        let bands = |col: usize| match eras.get(col).copied().flatten() {
            Some((_, false)) => Some(theme.band),
            Some((_, true)) => Some(theme.band_alt),
            None => None,
        };

        let (lane_y, _) = parts.lanes;
        for r in 0..grid.lines.len() {
            let y = lane_y + r as u16;
            if parts.gutter > 0
                && let Some(name) = grid.name(r)
            {
                let on_selection = grid
                    .lines
                    .get(selected.map_or(usize::MAX, |(line, _)| line))
                    .is_some_and(|l| l.slot.is_some() && l.slot == grid.lines[r].slot);
                let (text, style) = if on_selection {
                    (format!("▶{name}"), theme.selected)
                } else {
                    (name.to_string(), theme.label)
                };
                put(
                    buf,
                    area,
                    area.x,
                    y,
                    &fit(&text, usize::from(parts.gutter)),
                    style,
                );
            }
            for (col, cell) in grid.row(r).iter().enumerate() {
                let x = parts.plot_x + col as u16;
                if let Some(band) = bands(col) {
                    put_style(buf, area, x, y, band);
                }
                let (ch, style) = match cell.mark() {
                    None if as_of_col == Some(col as u16) => (AS_OF, theme.prompt),
                    None => continue,
                    Some((mark, matched)) => self.glyph(mark, matched, cell.event(), theme),
                };
                let on_selection = selected.is_some_and(|(line, c)| {
                    line == r && c.first <= col as f64 && col as f64 <= c.last
                });
                let style = if on_selection {
                    theme.ruler_mark
                } else {
                    style
                };
                put_char(buf, area, x, y, ch, style);
            }
        }
        // Titles where there is room.
        for label in &grid.labels {
            let y = lane_y + label.row as u16;
            let Some(event) = self.events.get(label.event) else {
                continue;
            };
            let style = if self.selected == Some(label.event) {
                theme.selected
            } else {
                theme.base
            };
            let x = parts.plot_x + label.col as u16;
            put(buf, area, x, y, &fit(&event.title, label.width), style);
        }

        if let Some(y) = parts.top {
            if parts.gutter > 0 && !self.eras.is_empty() {
                put(
                    buf,
                    area,
                    area.x,
                    y,
                    &fit("eras", usize::from(parts.gutter)),
                    theme.dim,
                );
            }
            self.draw_era_titles(buf, area, parts.plot_x, y, &eras, theme);
            if let Some(col) = as_of_col {
                let x = parts.plot_x + col;
                let room = width.saturating_sub(usize::from(col));
                let text = if room >= 7 { "│as of" } else { "│" };
                put(buf, area, x, y, text, theme.prompt);
            }
        }

        let (_, ticks) = ticks(&view, width as f64, 1.0);
        let hidden = grid.rows.as_ref().map_or(0, |r| r.hidden);
        if let Some(y) = parts.axis.filter(|_| hidden > 0 && parts.gutter > 0) {
            // Lanes with nothing in view gave their lines away: say so where the names are.
            let text = format!("({hidden} empty lanes)");
            put(
                buf,
                area,
                area.x,
                y,
                &fit(&text, usize::from(parts.gutter)),
                theme.dim,
            );
        }
        if let Some(y) = parts.axis {
            for col in 0..parts.plot_width {
                put_char(buf, area, parts.plot_x + col, y, '─', theme.dim);
            }
            for t in &ticks {
                let col = t.x.floor().clamp(0.0, f64::from(parts.plot_width)) as u16;
                if col < parts.plot_width {
                    put_char(buf, area, parts.plot_x + col, y, '┬', theme.dim);
                }
            }
            if let Some(col) = as_of_col {
                put_char(buf, area, parts.plot_x + col, y, '┼', theme.prompt);
            }
        }
        if let Some(y) = parts.labels {
            for t in &ticks {
                if let Some(label) = &t.label {
                    let col = t.x.floor().max(0.0) as usize;
                    let room = width.saturating_sub(col);
                    let x = parts.plot_x + col as u16;
                    put(buf, area, x, y, &fit(label, room), theme.label);
                }
            }
        }
        if let Some((y, lines)) = parts.legend {
            self.draw_legend(buf, area, y, lines, theme);
        }
    }

    /// The character and style for a cell's mark.
    fn glyph(
        &self,
        mark: Mark,
        matched: bool,
        event: Option<usize>,
        theme: &Theme,
    ) -> (char, Style) {
        if !matched {
            let ch = match mark {
                Mark::Bar { .. } => OUT_BAR,
                Mark::Dotted => OUT_DOTTED,
                _ => OUT_MARK,
            };
            return (ch, theme.dim);
        }
        let status = event
            .and_then(|i| self.events.get(i))
            .and_then(|e| e.status_at(self.as_of.as_ref()));
        match mark {
            Mark::Point { approx } => (
                if approx { POINT_APPROX } else { POINT },
                status_style(status, theme),
            ),
            Mark::Bar { approx } => {
                let style = if event.is_some() {
                    status_style(status, theme)
                } else {
                    theme.ruler
                };
                (if approx { BAR_APPROX } else { BAR }, style)
            }
            Mark::Dotted => (DOTTED, theme.ruler),
            Mark::Cap(cap) => (
                match cap {
                    Cap::Ongoing => ONGOING,
                    Cap::EndUnknown | Cap::StartUnknown => UNKNOWN,
                    Cap::Before => BEFORE,
                    Cap::After => AFTER,
                },
                theme.ruler,
            ),
            Mark::Count(n) if n < 10 => (char::from_digit(n, 10).unwrap_or(MANY), theme.heading),
            Mark::Count(_) => (MANY, theme.heading),
        }
    }

    /// Each plot column's era (by the middle of the column) and whether it takes the alternate
    /// style: neighbouring eras alternate, so their edge shows. Where eras overlap, the one that
    /// starts later (usually the narrower) wins.
    fn era_columns(&self, width: usize) -> Vec<Option<(usize, bool)>> {
        let view = self.state.view;
        let mut alternate = true;
        let mut last = None;
        (0..width)
            .map(|col| {
                let days = view.days_at(col as f64 + 0.5, width as f64);
                let era = self.eras.iter().rposition(|e| {
                    let (a, b) = e.axis_span();
                    a <= days && days < b
                })?;
                if last != Some(era) {
                    alternate = !alternate;
                    last = Some(era);
                }
                Some((era, alternate))
            })
            .collect()
    }

    /// The eras' titles in their columns, in the era styles, cut to fit.
    fn draw_era_titles(
        &self,
        buf: &mut Buffer,
        area: Rect,
        x0: u16,
        y: u16,
        eras: &[Option<(usize, bool)>],
        theme: &Theme,
    ) {
        let mut col = 0;
        while col < eras.len() {
            let era = eras[col];
            let run = eras[col..].iter().take_while(|e| **e == era).count().max(1);
            if let Some((i, alt)) = era
                && let Some(e) = self.eras.get(i)
            {
                let style = if alt { theme.era_alt } else { theme.era };
                // Under four columns a title would be all "…": the band says enough.
                let text = if run >= 4 {
                    fit(&e.title, run)
                } else {
                    String::new()
                };
                let padded = format!("{text}{}", " ".repeat(run.saturating_sub(text.width())));
                put(buf, area, x0 + col as u16, y, &padded, style);
            }
            col += run;
        }
    }

    fn draw_legend(&self, buf: &mut Buffer, area: Rect, y: u16, rows: u16, theme: &Theme) {
        let width = usize::from(area.width);
        let legend = self.legend();
        let mut short = false;
        let mut lines = legend_lines(legend.clone(), width, false);
        if lines.len() > usize::from(rows) {
            short = true;
            lines = legend_lines(legend, width, true);
        }
        let (sep, between) = legend_spacing(short);
        for (dy, line) in lines.iter().take(usize::from(rows)).enumerate() {
            let mut col = 0usize;
            for (i, (mark, text)) in line.iter().enumerate() {
                let gap = if i == 0 { "" } else { between };
                let style = match *mark {
                    "3" => theme.heading,
                    "│" => theme.prompt,
                    "●" => theme.happened,
                    "· ─" => theme.dim,
                    _ => theme.ruler,
                };
                let mark = if short {
                    mark.replace(' ', "")
                } else {
                    mark.to_string()
                };
                for (part, style) in [
                    (gap, theme.dim),
                    (mark.as_str(), style),
                    (sep, theme.dim),
                    (*text, theme.dim),
                ] {
                    let room = width.saturating_sub(col);
                    if room == 0 {
                        break;
                    }
                    let shown = fit(part, room);
                    put(buf, area, area.x + col as u16, y + dy as u16, &shown, style);
                    col += shown.width();
                }
            }
        }
    }
}

/// The legend laid out in lines of at most `width` columns (the long or the short wording).
fn legend_lines(
    legend: Vec<(&'static str, &'static str, &'static str)>,
    width: usize,
    short: bool,
) -> Vec<Vec<(&'static str, &'static str)>> {
    let mut lines: Vec<Vec<(&str, &str)>> = vec![Vec::new()];
    let mut used = 0;
    let (sep, between) = legend_spacing(short);
    for (mark, long, brief) in legend {
        let (text, mark_width) = if short {
            (brief, mark.replace(' ', "").width())
        } else {
            (long, mark.width())
        };
        let cost = mark_width + sep.width() + text.width();
        let gap = if used == 0 { 0 } else { between.width() };
        if used > 0 && used + gap + cost > width {
            lines.push(Vec::new());
            used = 0;
        }
        let gap = if used == 0 { 0 } else { between.width() };
        used += gap + cost;
        if let Some(line) = lines.last_mut() {
            line.push((mark, text));
        }
    }
    lines
}

fn status_style(status: Option<Status>, theme: &Theme) -> Style {
    match status {
        Some(Status::Scheduled) => theme.scheduled,
        Some(Status::Expected) => theme.expected,
        Some(Status::Happened | Status::Ongoing) => theme.happened,
        None => theme.base,
    }
}

/// `text` in at most `width` columns, cut with "…" when it does not fit.
fn fit(text: &str, width: usize) -> String {
    if text.width() <= width {
        return text.to_string();
    }
    if width == 0 {
        return String::new();
    }
    let mut out = String::new();
    let mut used = 0;
    for c in text.chars() {
        let w = c.width().unwrap_or(0);
        if used + w + 1 > width {
            break;
        }
        out.push(c);
        used += w;
    }
    out.push('…');
    out
}

/// Writes `text` at (x, y) if that cell is in `area` and the buffer, never past their right edge.
fn put(buf: &mut Buffer, area: Rect, x: u16, y: u16, text: &str, style: Style) {
    let area = area.intersection(buf.area);
    if !area.contains(Position { x, y }) {
        return;
    }
    let room = usize::from(area.right() - x);
    buf.set_stringn(x, y, text, room, style);
}

fn put_char(buf: &mut Buffer, area: Rect, x: u16, y: u16, ch: char, style: Style) {
    if !area.contains(Position { x, y }) {
        return;
    }
    if let Some(cell) = buf.cell_mut((x, y)) {
        cell.set_char(ch).set_style(style);
    }
}

fn put_style(buf: &mut Buffer, area: Rect, x: u16, y: u16, style: Style) {
    if !area.contains(Position { x, y }) {
        return;
    }
    if let Some(cell) = buf.cell_mut((x, y)) {
        cell.set_style(style);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_legend_wraps_then_shortens() {
        let legend = LEGEND.to_vec();
        let one = legend_lines(legend.clone(), 500, false);
        assert_eq!(one.len(), 1);
        let narrow = legend_lines(legend.clone(), 80, false);
        assert!(narrow.len() > 1);
        let short = legend_lines(legend, 80, true);
        assert!(short.len() <= narrow.len());
        assert_eq!(fit("abcdef", 4), "abc…");
        assert_eq!(fit("abc", 0), "");
    }

    #[test]
    fn parts_keep_a_lane_at_every_height() {
        for h in 1..30 {
            let p = Parts::new(Rect::new(0, 0, 80, h), 12, 2);
            assert!(p.lanes.1 >= 1, "{h}: {p:?}");
            let bottom = p
                .legend
                .map(|(y, n)| y + n)
                .or(p.labels.map(|y| y + 1))
                .unwrap_or(p.lanes.0 + p.lanes.1);
            assert!(bottom <= h, "{h}: {p:?}");
        }
    }
}
