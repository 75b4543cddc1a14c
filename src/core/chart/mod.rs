//! The zoomable time chart, without a terminal: the viewport (which stretch of time is shown),
//! adaptive axis ticks (`ticks`), lanes (`lanes`), how each event is drawn and the per-cell layout
//! of a frame (`layout`), and the state a browser keeps between frames, with one method per key
//! (`state`).
//!
//! It lives in the core because two layers draw it: the terminal browser (`tui`) and the SVG
//! export (`formats::svg`), and only the core is below both. Everything here is pure: no ratatui,
//! no terminal, no files. Positions are in axis days, the unit of
//! [`Date::axis_days`](crate::core::model::Date::axis_days), so the chart spans deep time as well
//! as a single day.

pub mod lanes;
pub mod layout;
pub mod state;
pub mod ticks;

pub use lanes::{LaneBy, Lanes, Rows};
pub use layout::{
    Cap, Cell, ChartIndex, Columns, Drawn, Filter, Frame, Grid, Label, Line, Mark, Shape,
};
pub use state::ChartState;
pub use ticks::{Tick, Unit, ticks};

use chrono::{Datelike, NaiveDate};

use crate::core::model::{Date, Precision, range_label};

/// The narrowest stretch of time the chart zooms to, in days.
pub const MIN_SPAN: f64 = 1.0;

/// The share of the data's span left empty on each side when fitting.
const MARGIN: f64 = 0.02;

/// The stretch of time on screen, in axis days: `from` inclusive, `to` exclusive, `from < to`.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Viewport {
    pub from: f64,
    pub to: f64,
}

impl Default for Viewport {
    /// One day, at day 0.
    fn default() -> Viewport {
        Viewport::new(0.0, MIN_SPAN)
    }
}

impl Viewport {
    /// A viewport over `from..to`, in either order; non-finite or empty input gives a one-day
    /// viewport around whichever end is finite (or day 0).
    pub fn new(from: f64, to: f64) -> Viewport {
        let (a, b) = if from <= to { (from, to) } else { (to, from) };
        if a.is_finite() && b.is_finite() && b - a >= MIN_SPAN {
            return Viewport { from: a, to: b };
        }
        let centre = match (a.is_finite(), b.is_finite()) {
            (true, true) => (a + b) / 2.0,
            (true, false) => a,
            (false, true) => b,
            (false, false) => 0.0,
        };
        Viewport {
            from: centre - MIN_SPAN / 2.0,
            to: centre + MIN_SPAN / 2.0,
        }
    }

    /// The data's extent `first..last` with a small margin on each side (2% of the span, at least
    /// half a day): what `0` (fit) shows and the widest the chart zooms out to.
    pub fn fit(extent: (f64, f64)) -> Viewport {
        let (a, b) = extent;
        let margin = ((b - a).abs() * MARGIN).max(MIN_SPAN / 2.0);
        Viewport::new(a - margin, b + margin)
    }

    pub fn span(&self) -> f64 {
        self.to - self.from
    }

    pub fn centre(&self) -> f64 {
        (self.from + self.to) / 2.0
    }

    /// Whether `days` is on screen.
    pub fn contains(&self, days: f64) -> bool {
        self.from <= days && days < self.to
    }

    /// Where `days` falls across `width` units (cells or pixels): 0 at `from`, `width` at `to`.
    pub fn x(&self, days: f64, width: f64) -> f64 {
        (days - self.from) / self.span() * width
    }

    /// The axis day at `x` of `width` units.
    pub fn days_at(&self, x: f64, width: f64) -> f64 {
        self.from + x / width.max(f64::MIN_POSITIVE) * self.span()
    }

    /// Zoomed in (factor 2) keeping `at` where it is on screen, within `bounds`.
    pub fn zoom_in(self, at: f64, bounds: Viewport) -> Viewport {
        self.zoom(0.5, at, bounds)
    }

    /// Zoomed out (factor 2) keeping `at` where it is on screen, within `bounds`.
    pub fn zoom_out(self, at: f64, bounds: Viewport) -> Viewport {
        self.zoom(2.0, at, bounds)
    }

    /// The span multiplied by `factor` around `at` (clamped into the viewport first), then
    /// clamped into `bounds`.
    pub fn zoom(self, factor: f64, at: f64, bounds: Viewport) -> Viewport {
        let at = if at.is_finite() {
            at.max(self.from).min(self.to)
        } else {
            self.centre()
        };
        let factor = if factor.is_finite() && factor > 0.0 {
            factor
        } else {
            1.0
        };
        let span = (self.span() * factor).max(MIN_SPAN);
        let share = (at - self.from) / self.span();
        let from = at - share * span;
        Viewport {
            from,
            to: from + span,
        }
        .clamp(bounds)
    }

    /// Moved by `fraction` of its span (negative: back in time), within `bounds`.
    pub fn pan(self, fraction: f64, bounds: Viewport) -> Viewport {
        let shift = if fraction.is_finite() {
            fraction * self.span()
        } else {
            0.0
        };
        Viewport {
            from: self.from + shift,
            to: self.to + shift,
        }
        .clamp(bounds)
    }

    /// Moved so that `days` is in view (centred if it was off screen), keeping the span.
    pub fn reveal(self, days: f64, bounds: Viewport) -> Viewport {
        if self.contains(days) || !days.is_finite() {
            return self;
        }
        let half = self.span() / 2.0;
        Viewport {
            from: days - half,
            to: days + half,
        }
        .clamp(bounds)
    }

    /// No narrower than [`MIN_SPAN`], no wider than `bounds`, and inside `bounds`.
    pub fn clamp(self, bounds: Viewport) -> Viewport {
        let bounds = Viewport::new(bounds.from, bounds.to);
        let this = Viewport::new(self.from, self.to);
        // `min`/`max` rather than `clamp`, which panics when rounding leaves min above max.
        let span = this.span().max(MIN_SPAN).min(bounds.span());
        let centre = this.centre();
        let from = (centre - span / 2.0).min(bounds.to - span).max(bounds.from);
        Viewport {
            from,
            to: from + span,
        }
    }
}

impl Viewport {
    /// The stretch on screen in words, as finely as its width calls for: "1945–2027",
    /// "Jan–Dec 2025", "26 May – 1 Jun 2025" (the last day shown is the one before `to`).
    pub fn label(&self) -> String {
        let last = (self.to - 1e-6).max(self.from);
        let span = self.span();
        let day = |d: f64| ticks::calendar_day(d).map(Date::from_naive);
        match (day(self.from), day(last)) {
            (Some(a), Some(b)) if span <= 92.0 => range_label(&a, Some(&b), false),
            (Some(a), Some(b)) if span <= 3.0 * 365.0 => {
                let month = |d: Date| Date::month_of(d.year(), d.month().unwrap_or(1));
                match (month(a), month(b)) {
                    (Some(a), Some(b)) => range_label(&a, Some(&b), false),
                    _ => range_label(&a, Some(&b), false),
                }
            }
            _ => range_label(
                &Date::year_only(ticks::year_at(self.from)),
                Some(&Date::year_only(ticks::year_at(last))),
                false,
            ),
        }
    }

    /// The whole period a typed date names, for "show me 2025" or "show me May 2025": a year or
    /// a month as itself, a day as its week (Monday to Sunday), so what happened around it shows.
    pub fn of_period(date: &Date) -> Viewport {
        match date
            .first_day()
            .filter(|_| date.precision() >= Precision::Day)
        {
            Some(d) => {
                let monday = d - chrono::Days::new(u64::from(d.weekday().num_days_from_monday()));
                let from = f64::from(monday.num_days_from_ce());
                Viewport::new(from, from + 7.0)
            }
            None => Viewport::new(date.axis_days(), date.axis_days_end()),
        }
    }
}

/// The calendar day a position falls on, when it is inside the calendar.
pub fn day_at(days: f64) -> Option<NaiveDate> {
    ticks::calendar_day(days)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn close(a: f64, b: f64) -> bool {
        (a - b).abs() < 1e-6
    }

    #[test]
    fn zoom_keeps_the_point_in_place_and_stays_in_bounds() {
        let bounds = Viewport::new(0.0, 1000.0);
        let v = bounds.zoom_in(250.0, bounds);
        assert!(close(v.span(), 500.0));
        assert!(close(v.x(250.0, 100.0), 25.0));
        let out = v.zoom_out(250.0, bounds);
        assert_eq!(out, bounds);
        // Zooming out past the data stops at the data.
        assert_eq!(bounds.zoom_out(10.0, bounds), bounds);
        // Zooming in stops at a day.
        let mut v = bounds;
        for _ in 0..40 {
            v = v.zoom_in(999.9, bounds);
        }
        assert!(close(v.span(), MIN_SPAN));
        assert!(v.to <= bounds.to && v.from >= bounds.from);
    }

    #[test]
    fn pan_stops_at_the_edges() {
        let bounds = Viewport::new(0.0, 1000.0);
        let v = Viewport::new(400.0, 500.0);
        assert_eq!(v.pan(0.5, bounds), Viewport::new(450.0, 550.0));
        assert_eq!(v.pan(-100.0, bounds), Viewport::new(0.0, 100.0));
        assert_eq!(v.pan(100.0, bounds), Viewport::new(900.0, 1000.0));
        assert_eq!(v.pan(f64::NAN, bounds), v);
    }

    #[test]
    fn fit_adds_a_margin_and_survives_odd_input() {
        let v = Viewport::fit((100.0, 200.0));
        assert!(close(v.from, 98.0) && close(v.to, 202.0));
        let one = Viewport::fit((5.0, 5.0));
        assert!(one.span() >= MIN_SPAN && one.contains(5.0));
        let nan = Viewport::new(f64::NAN, f64::INFINITY);
        assert!(nan.span() >= MIN_SPAN && nan.from.is_finite());
    }

    #[test]
    fn labels_and_periods() {
        let d = |s: &str| Date::parse(s).unwrap();
        let week = Viewport::of_period(&d("2025-05-28"));
        assert_eq!(week.label(), "26 May – 1 Jun 2025");
        assert_eq!(Viewport::of_period(&d("2025")).label(), "Jan–Dec 2025");
        assert_eq!(Viewport::of_period(&d("2025-05")).label(), "1–31 May 2025");
        let decades = Viewport::new(d("1946").axis_days(), d("2025").axis_days_end());
        assert_eq!(decades.label(), "1946–2025");
        let deep = Viewport::new(d("-13800000000").axis_days(), d("2025").axis_days());
        assert!(
            deep.label().contains("billion years ago"),
            "{}",
            deep.label()
        );
    }

    #[test]
    fn reveal_brings_a_day_into_view() {
        let bounds = Viewport::new(0.0, 1000.0);
        let v = Viewport::new(0.0, 100.0);
        assert_eq!(v.reveal(50.0, bounds), v);
        let moved = v.reveal(600.0, bounds);
        assert!(moved.contains(600.0) && close(moved.span(), 100.0));
    }
}
