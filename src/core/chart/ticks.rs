//! Axis ticks that adapt to the zoom: the finest calendar unit (days, weeks, months, years,
//! decades, centuries and beyond for deep time) whose labels fit side by side, with the labels
//! themselves ("Mon 12", "12 May", "May", "May 2025", "2025", "1950s", "3500 BCE").
//!
//! Widths are in any unit (terminal cells, SVG pixels) given with the width of one character, so
//! the terminal widget and the SVG share the choice. Labels never overlap: after the unit is chosen,
//! any label that would still touch its left neighbour is left off (its tick stays).

use chrono::{Datelike, NaiveDate, Weekday};

use super::Viewport;
use crate::core::model::Date;
use crate::core::model::date::year_label;

/// Spacing of ticks.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Unit {
    /// Every day, labelled "Mon 12".
    Days,
    /// Every Monday, labelled "12 May".
    Weeks,
    /// Every `n` months (1, 3 or 6), labelled "May", January and the first tick "Jan 2025".
    Months(u32),
    /// Every `n` years (1, 2, 5, 10, 20, 50, 100, …); decades read "1950s".
    Years(i64),
}

/// One tick: where it is (axis days and across the width) and its label, when there was room.
#[derive(Debug, Clone, PartialEq)]
pub struct Tick {
    pub at: f64,
    pub x: f64,
    pub label: Option<String>,
}

/// Columns left between neighbouring labels.
pub const GAP: f64 = 2.0;

/// More ticks than this are never produced, whatever the input.
const MAX_TICKS: usize = 2000;

/// Days in a Gregorian year, as `Date::axis_days` counts them beyond the calendar.
const YEAR_DAYS: f64 = 365.2425;

/// Candidate units from finest to coarsest.
fn candidates() -> impl Iterator<Item = Unit> {
    let fine = [
        Unit::Days,
        Unit::Weeks,
        Unit::Months(1),
        Unit::Months(3),
        Unit::Months(6),
    ];
    // Years in a 1-2-5 sequence up to ten billion.
    let years = (0..10).flat_map(|e| [1, 2, 5].map(move |m| Unit::Years(m * 10i64.pow(e))));
    fine.into_iter().chain(years)
}

impl Unit {
    /// Roughly how many days one step is.
    fn days(self) -> f64 {
        match self {
            Unit::Days => 1.0,
            Unit::Weeks => 7.0,
            Unit::Months(n) => f64::from(n) * YEAR_DAYS / 12.0,
            Unit::Years(n) => n as f64 * YEAR_DAYS,
        }
    }

    /// The widest label this unit gives in `view`, in characters.
    fn label_chars(self, view: &Viewport) -> usize {
        match self {
            Unit::Days => 6,
            Unit::Weeks => 6,
            Unit::Months(_) => 8,
            Unit::Years(n) => {
                let (a, b) = (year_at(view.from), year_at(view.to));
                [a, b, a.saturating_sub(n), b.saturating_add(n)]
                    .into_iter()
                    .map(|y| year_text(y, n).chars().count())
                    .max()
                    .unwrap_or(4)
            }
        }
    }
}

/// The ticks for `view` across `width` units, where one character is `char_width` units wide:
/// the finest unit whose labels fit, and its ticks in time order.
pub fn ticks(view: &Viewport, width: f64, char_width: f64) -> (Unit, Vec<Tick>) {
    let char_width = if char_width.is_finite() && char_width > 0.0 {
        char_width
    } else {
        1.0
    };
    let width = if width.is_finite() {
        width.max(0.0)
    } else {
        0.0
    };
    let per_day = width / view.span();
    let in_calendar = calendar_day(view.from).is_some() && calendar_day(view.to).is_some();
    let unit = candidates()
        .filter(|u| in_calendar || matches!(u, Unit::Years(_)))
        .find(|u| u.days() * per_day >= (u.label_chars(view) as f64 + GAP) * char_width)
        .unwrap_or(Unit::Years(10_000_000_000));
    let mut out = Vec::new();
    let mut push = |at: f64, label: String| {
        if view.contains(at) && out.len() < MAX_TICKS {
            out.push(Tick {
                at,
                x: view.x(at, width),
                label: Some(label),
            });
        }
        out.len() < MAX_TICKS && at < view.to
    };
    match unit {
        Unit::Days | Unit::Weeks => {
            let Some(mut day) = calendar_day(view.from.floor()) else {
                return (unit, out);
            };
            if unit == Unit::Weeks {
                let back = day.weekday().num_days_from_monday();
                day = day - chrono::Days::new(u64::from(back));
            }
            let step = if unit == Unit::Weeks { 7 } else { 1 };
            loop {
                let label = if unit == Unit::Weeks {
                    format!("{} {}", day.day(), month_abbr(day.month()))
                } else {
                    format!("{} {}", weekday_abbr(day.weekday()), day.day())
                };
                if !push(f64::from(day.num_days_from_ce()), label) {
                    break;
                }
                match day.checked_add_days(chrono::Days::new(step)) {
                    Some(next) => day = next,
                    None => break,
                }
            }
        }
        Unit::Months(n) => {
            let Some(first) = calendar_day(view.from) else {
                return (unit, out);
            };
            let (mut year, mut month) = (i64::from(first.year()), first.month());
            // Back to a month on the unit's grid (January, April, July, October for quarters).
            month -= (month - 1) % n;
            let mut labelled_year = false;
            while let Some(date) = Date::month_of(year, month) {
                let at = date.axis_days();
                let label = if month == 1 || (!labelled_year && view.contains(at)) {
                    labelled_year = true;
                    date.label()
                } else {
                    month_abbr(month).to_string()
                };
                if !push(at, label) {
                    break;
                }
                month += n;
                if month > 12 {
                    month -= 12;
                    year += 1;
                }
            }
        }
        Unit::Years(n) => {
            let mut year = year_at(view.from).div_euclid(n).saturating_mul(n);
            loop {
                let at = Date::year_only(year).axis_days();
                if !push(at, year_text(year, n)) {
                    break;
                }
                match year.checked_add(n) {
                    Some(next) => year = next,
                    None => break,
                }
            }
        }
    }
    drop_overlapping(&mut out, width, char_width);
    (unit, out)
}

/// Leaves off labels that would touch the previous label or run past the right edge.
fn drop_overlapping(ticks: &mut [Tick], width: f64, char_width: f64) {
    let mut free_from = f64::NEG_INFINITY;
    for t in ticks {
        let Some(label) = &t.label else { continue };
        let end = t.x + label.chars().count() as f64 * char_width;
        if t.x < free_from || end > width {
            t.label = None;
        } else {
            free_from = end + GAP * char_width;
        }
    }
}

/// The label of a year tick: "1950s" for decades of the common era, else "1950", "3500 BCE",
/// "2.5 million years ago".
fn year_text(year: i64, step: i64) -> String {
    if step == 10 && (0..10_000).contains(&year) {
        format!("{year}s")
    } else {
        year_label(year)
    }
}

/// The calendar day containing `days`, when there is one.
pub fn calendar_day(days: f64) -> Option<NaiveDate> {
    if !days.is_finite() || days.abs() > f64::from(i32::MAX) {
        return None;
    }
    NaiveDate::from_num_days_from_ce_opt(days.floor() as i32)
}

/// The (astronomical) year containing `days`, inside or beyond the calendar.
pub fn year_at(days: f64) -> i64 {
    match calendar_day(days) {
        Some(d) => i64::from(d.year()),
        None if days.is_finite() => ((days - 1.0) / YEAR_DAYS).floor() as i64 + 1,
        None => 0,
    }
}

fn month_abbr(month: u32) -> &'static str {
    const MONTHS: [&str; 12] = [
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
    ];
    MONTHS
        .get(month.saturating_sub(1) as usize)
        .copied()
        .unwrap_or("")
}

fn weekday_abbr(day: Weekday) -> &'static str {
    match day {
        Weekday::Mon => "Mon",
        Weekday::Tue => "Tue",
        Weekday::Wed => "Wed",
        Weekday::Thu => "Thu",
        Weekday::Fri => "Fri",
        Weekday::Sat => "Sat",
        Weekday::Sun => "Sun",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(s: &str) -> f64 {
        Date::parse(s).unwrap().axis_days()
    }

    fn labels(from: &str, to: &str, width: f64) -> (Unit, Vec<String>) {
        let view = Viewport::new(day(from), day(to));
        let (unit, ticks) = ticks(&view, width, 1.0);
        (unit, ticks.into_iter().filter_map(|t| t.label).collect())
    }

    #[test]
    fn the_unit_follows_the_zoom() {
        let (unit, l) = labels("1946", "2026", 60.0);
        assert_eq!(unit, Unit::Years(10));
        assert_eq!(l.first().map(String::as_str), Some("1950s"));
        let (unit, l) = labels("1946", "2026", 100.0);
        assert_eq!(unit, Unit::Years(5));
        assert!(l.contains(&"1950".to_string()));
        assert_eq!(labels("1946", "2026", 400.0).0, Unit::Years(2));
        let (unit, l) = labels("2025-01-01", "2026-01-01", 100.0);
        assert_eq!(unit, Unit::Months(3));
        assert_eq!(l, ["Jan 2025", "Apr", "Jul", "Oct"]);
        let (unit, l) = labels("2025-03-01", "2025-06-01", 200.0);
        assert_eq!(unit, Unit::Weeks);
        assert!(l.contains(&"12 May".to_string()));
        let (unit, l) = labels("2025-05-12", "2025-05-19", 100.0);
        assert_eq!(unit, Unit::Days);
        assert_eq!(l.first().map(String::as_str), Some("Mon 12"));
        let (unit, l) = labels("2024-10-01", "2025-06-01", 200.0);
        assert_eq!(unit, Unit::Months(1));
        assert!(l.contains(&"Jan 2025".to_string()) && l.contains(&"May".to_string()));
        assert_eq!(l.first().map(String::as_str), Some("Oct 2024"));
    }

    #[test]
    fn deep_time_uses_big_round_years() {
        let (unit, l) = labels("-13800000000", "2025", 120.0);
        assert!(matches!(unit, Unit::Years(n) if n >= 1_000_000_000));
        assert!(l.iter().any(|s| s.contains("billion years ago")), "{l:?}");
        let (_, l) = labels("-4000", "0", 120.0);
        assert!(l.iter().any(|s| s.ends_with("BCE")), "{l:?}");
    }

    #[test]
    fn labels_never_overlap_at_any_width() {
        for width in [0.0, 1.0, 7.0, 13.0, 40.0, 80.0, 117.0, 200.0, 1200.0] {
            for (a, b) in [
                ("1946", "2026"),
                ("2025", "2026"),
                ("2025-05-12", "2025-05-19"),
                ("2025-05-12", "2025-05-13"),
                ("-13800000000", "2025"),
            ] {
                let view = Viewport::new(day(a), day(b));
                let (_, ticks) = ticks(&view, width, 1.0);
                let mut free = f64::NEG_INFINITY;
                for t in &ticks {
                    assert!(t.x >= 0.0 && t.x <= width);
                    if let Some(l) = &t.label {
                        assert!(t.x >= free, "{a}..{b} at {width}: {ticks:?}");
                        free = t.x + l.chars().count() as f64 + GAP;
                        assert!(free - GAP <= width);
                    }
                }
            }
        }
    }
}
