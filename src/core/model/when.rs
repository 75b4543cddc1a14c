//! What a source knows of when something happened: a moment, a span that lasted from A to B, or
//! one day somewhere in a window, each approximate (`~`) or uncertain (`?`) or neither.
//!
//! The written form follows EDTF (ISO 8601-2, parsed and validated by the `edtf-core` crate):
//! `2025-05`, `2025-05-27/2025-05-29` (lasted), `2025-05-27/..` (still going on), `2025-05-27/`
//! (end unknown), `[2025-05-27..2025-05-28]` (one day in the range), `[..2025-05-28]` (on or
//! before), `[2025-05-27..]` (on or after), `2025-06?`, `2025-05-18~`. What EDTF can say and this
//! model cannot (seasons, unspecified digits, sets of several members) is refused with a reason.
//!
//! An event keeps `start`, `end`, `circa` and `uncertain` as before, and its [`Extent`] says how
//! to read them. Where a window has one open side, `start` holds its known bound.

use chrono::NaiveDate;

use super::date::{Date, DateError, Precision};

/// How an event's `start` and `end` are to be read.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Extent {
    /// It lasted from `start` to `end` (or is the moment `start`, at its precision).
    #[default]
    Lasted,
    /// It lasted from `start` and was still going on (`start/..`).
    Ongoing,
    /// It lasted from `start`; when it ended is not known (`start/`).
    EndUnknown,
    /// It lasted until `start`; when it began is not known (`/start`).
    StartUnknown,
    /// It happened once, on one day between `start` and `end` (`[start..end]`).
    OneDayIn,
    /// It happened once, on or before `start` (`[..start]`).
    OnOrBefore,
    /// It happened once, on or after `start` (`[start..]`).
    OnOrAfter,
}

/// A date as read from an EDTF string.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct When {
    pub start: Date,
    pub end: Option<Date>,
    pub extent: Extent,
    pub circa: bool,
    pub uncertain: bool,
}

impl When {
    /// Reads an EDTF string this model can hold.
    pub fn parse(text: &str) -> Result<When, DateError> {
        use edtf_core::{Edtf, IntervalEndpoint, SetElement, SetKind};
        let unsupported = |why: &str| DateError::Edtf(text.to_string(), why.to_string());
        let parsed = Edtf::parse(text).map_err(|e| unsupported(&e.to_string()))?;
        let mut circa = false;
        let mut uncertain = false;
        let mut date = |d: &edtf_core::Date| -> Result<Date, DateError> {
            circa |= d.is_approximate();
            uncertain |= d.is_uncertain();
            plain(text, d)
        };
        let (start, end, extent) = match &parsed {
            Edtf::Date(d) => (date(d)?, None, Extent::Lasted),
            Edtf::DateTime(_) => {
                return Err(unsupported(
                    "a time of day goes in `start` (YYYY-MM-DDTHH:MM), not in `date`",
                ));
            }
            Edtf::Interval(iv) => match (&iv.start, &iv.end) {
                (IntervalEndpoint::Date(a), IntervalEndpoint::Date(b)) => {
                    (date(a)?, Some(date(b)?), Extent::Lasted)
                }
                (IntervalEndpoint::Date(a), IntervalEndpoint::Open) => {
                    (date(a)?, None, Extent::Ongoing)
                }
                (IntervalEndpoint::Date(a), IntervalEndpoint::Unknown) => {
                    (date(a)?, None, Extent::EndUnknown)
                }
                (IntervalEndpoint::Open | IntervalEndpoint::Unknown, IntervalEndpoint::Date(b)) => {
                    (date(b)?, None, Extent::StartUnknown)
                }
                _ => return Err(unsupported("an interval needs at least one known date")),
            },
            Edtf::Set(set) => {
                if set.kind != SetKind::OneMember {
                    return Err(unsupported(
                        "`{…}` (all of several dates) is not supported; use one event per date",
                    ));
                }
                match set.elements.as_slice() {
                    [SetElement::Range(a, b)] => (date(a)?, Some(date(b)?), Extent::OneDayIn),
                    [SetElement::OnOrBefore(b)] => (date(b)?, None, Extent::OnOrBefore),
                    [SetElement::OnOrAfter(a)] => (date(a)?, None, Extent::OnOrAfter),
                    [SetElement::Date(a), SetElement::Date(b)] => {
                        (date(a)?, Some(date(b)?), Extent::OneDayIn)
                    }
                    [SetElement::Date(a)] => (date(a)?, None, Extent::Lasted),
                    _ => {
                        return Err(unsupported(
                            "only one range, one bound or two dates can be given in `[…]`",
                        ));
                    }
                }
            }
        };
        // An end may be coarser than its start ("2025-05-01/2025-05"), never earlier.
        if let Some(end) = end
            && end.start_key() < start.start_key()
        {
            return Err(unsupported("the end is before the start"));
        }
        Ok(When {
            start,
            end,
            extent,
            circa,
            uncertain,
        })
    }

    /// The EDTF form, as [`When::parse`] reads it back.
    pub fn to_edtf(&self) -> String {
        let q = match (self.circa, self.uncertain) {
            (true, true) => "%",
            (true, false) => "~",
            (false, true) => "?",
            (false, false) => "",
        };
        let d = |d: &Date| format!("{d}{q}");
        match (self.extent, self.end) {
            (Extent::Lasted, None) => d(&self.start),
            (Extent::Lasted, Some(end)) => format!("{}/{}", d(&self.start), d(&end)),
            (Extent::Ongoing, _) => format!("{}/..", d(&self.start)),
            (Extent::EndUnknown, _) => format!("{}/", d(&self.start)),
            (Extent::StartUnknown, _) => format!("/{}", d(&self.start)),
            (Extent::OneDayIn, Some(end)) => format!("[{}..{}]", d(&self.start), d(&end)),
            (Extent::OneDayIn, None) => d(&self.start),
            (Extent::OnOrBefore, _) => format!("[..{}]", d(&self.start)),
            (Extent::OnOrAfter, _) => format!("[{}..]", d(&self.start)),
        }
    }
}

/// An EDTF date as a [`Date`] at the same precision; seasons and unspecified digits (`X`) refused.
fn plain(text: &str, d: &edtf_core::Date) -> Result<Date, DateError> {
    let unsupported = |why: &str| DateError::Edtf(text.to_string(), why.to_string());
    if d.has_unspecified() {
        return Err(unsupported(
            "unspecified digits (`X`) are not supported; use a window such as [2020..2029]",
        ));
    }
    let year = d
        .year
        .value()
        .ok_or_else(|| unsupported("the year is out of range"))?;
    match d.precision() {
        edtf_core::Precision::Year => Ok(Date::year_only(year)),
        edtf_core::Precision::Month => {
            let month = d.month.and_then(|m| m.value()).unwrap_or(1);
            Date::month_of(year, u32::from(month)).ok_or(DateError::YearRange(year))
        }
        edtf_core::Precision::Day => {
            let month = d.month.and_then(|m| m.value()).unwrap_or(1);
            let day = d.day.and_then(|m| m.value()).unwrap_or(1);
            let y = i32::try_from(year).map_err(|_| DateError::YearRange(year))?;
            NaiveDate::from_ymd_opt(y, u32::from(month), u32::from(day))
                .map(Date::from_naive)
                .ok_or_else(|| DateError::NoSuchDay(text.to_string()))
        }
        edtf_core::Precision::Season => Err(unsupported(
            "seasons (21–41) are not supported; use a month window such as [2025-06..2025-08]",
        )),
    }
}

/// What an event's date says, in words: "27 or 28 May 2025", "on or before 28 May 2025",
/// "between Jan and 28 May 2025", "c. 18–25 May 2025", "Jun 2025?", "since 27 May 2025".
pub fn words(
    start: &Date,
    end: Option<&Date>,
    extent: Extent,
    circa: bool,
    uncertain: bool,
) -> String {
    let body = match (extent, end) {
        (Extent::Lasted, _) => super::date::range_label(start, end, false),
        (Extent::Ongoing, _) => format!("since {}", start.label()),
        (Extent::EndUnknown, _) => format!("from {} (end unknown)", start.label()),
        (Extent::StartUnknown, _) => format!("until {} (start unknown)", start.label()),
        (Extent::OnOrBefore, _) => format!("on or before {}", start.label()),
        (Extent::OnOrAfter, _) => format!("on or after {}", start.label()),
        (Extent::OneDayIn, None) => start.label(),
        (Extent::OneDayIn, Some(end)) => {
            let adjacent = start.precision() == Precision::Day
                && end.precision() == Precision::Day
                && start.first_day().and_then(|d| d.succ_opt()) == end.first_day();
            if adjacent {
                shared(start, end, "or")
            } else {
                format!("between {}", shared(start, end, "and"))
            }
        }
    };
    let body = if circa { format!("c. {body}") } else { body };
    if uncertain { format!("{body}?") } else { body }
}

/// Two dates joined by `word`, saying what they share once: "27 or 28 May 2025",
/// "31 May or 1 Jun 2025", "Jan and 28 May 2025", "2024 and 2025".
fn shared(a: &Date, b: &Date, word: &str) -> String {
    let (la, lb) = (a.label(), b.label());
    let same_month = a.year() == b.year() && a.month().is_some() && a.month() == b.month();
    if same_month
        && a.precision() == Precision::Day
        && b.precision() == Precision::Day
        && let Some(day) = a.day()
    {
        return format!("{day} {word} {lb}");
    }
    if a.year() == b.year() && a.precision() > Precision::Year {
        let year = format!(" {}", super::date::year_label(a.year()));
        if let Some(short) = la.strip_suffix(&year) {
            return format!("{short} {word} {lb}");
        }
    }
    format!("{la} {word} {lb}")
}

/// The days an event may touch, as axis positions (see [`Date::axis_days`]): `None` on a side
/// that is open or unknown.
pub fn possible_span(
    start: &Date,
    end: Option<&Date>,
    extent: Extent,
) -> (Option<f64>, Option<f64>) {
    let last = end.unwrap_or(start);
    match extent {
        Extent::Lasted | Extent::OneDayIn => (Some(start.axis_days()), Some(last.axis_days_end())),
        Extent::Ongoing | Extent::EndUnknown | Extent::OnOrAfter => (Some(start.axis_days()), None),
        Extent::StartUnknown | Extent::OnOrBefore => (None, Some(start.axis_days_end())),
    }
}

/// The keys the date filters compare, chosen so that a filter keeps only events that are
/// *certainly* in range: `(starts, reaches)`, where `until:D` keeps an event when `starts` is
/// before the end of D and `from:D` when `reaches` is after the start of D. A date coarser than
/// a day, or a window, counts only for the part it surely covers: "2025" is not surely in May 2025,
/// and "on or before 28 May" surely reaches no date at all.
pub fn certain_keys(start: &Date, end: Option<&Date>, extent: Extent) -> (f64, f64) {
    const EPS: f64 = 1e-4;
    let fine = |d: &Date| d.precision() >= Precision::Day;
    // The earliest moment a date surely covers, and the latest it surely reaches.
    let sure_start = |d: &Date| {
        if fine(d) {
            d.axis_days()
        } else {
            d.axis_days_end() - EPS
        }
    };
    let sure_reach = |d: &Date| {
        if fine(d) {
            d.axis_days_end()
        } else {
            d.axis_days() + EPS
        }
    };
    let last = end.unwrap_or(start);
    match extent {
        Extent::Lasted => (sure_start(start), sure_reach(last)),
        Extent::Ongoing => (sure_start(start), f64::INFINITY),
        // Only the one known date is sure.
        Extent::EndUnknown | Extent::StartUnknown => (sure_start(start), sure_reach(start)),
        Extent::OneDayIn => (last.axis_days_end() - EPS, start.axis_days() + EPS),
        Extent::OnOrBefore => (start.axis_days_end() - EPS, f64::NEG_INFINITY),
        Extent::OnOrAfter => (f64::INFINITY, start.axis_days() + EPS),
    }
}

/// Where an event sits in timeline order: its best estimate. A moment or span at its start; a
/// window at its middle day; "on or before" a date just before it and "on or after" just after.
/// Returns the date and a tie-break that puts "on or before" before, "on or after" after others.
pub fn anchor(start: &Date, end: Option<&Date>, extent: Extent) -> (Date, i8) {
    match (extent, end) {
        (Extent::OneDayIn, Some(end)) => match (start.first_day(), end.last_day()) {
            (Some(a), Some(b)) => (Date::from_naive(a + (b - a) / 2), 0),
            _ => (*start, 0),
        },
        (Extent::OnOrBefore | Extent::StartUnknown, _) => (*start, -1),
        (Extent::OnOrAfter, _) => (*start, 1),
        _ => (*start, 0),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn w(s: &str) -> When {
        When::parse(s).unwrap_or_else(|e| panic!("{s}: {e}"))
    }

    fn said(s: &str) -> String {
        let w = w(s);
        words(&w.start, w.end.as_ref(), w.extent, w.circa, w.uncertain)
    }

    #[test]
    fn every_form_parses_and_reads_back() {
        for s in [
            "2025",
            "2025-05",
            "2025-05-27",
            "2025-06?",
            "2025-05-18~",
            "2025-05-18%",
            "2025-05-27/2025-05-29",
            "2025-05-16~/2025-05-22~",
            "2025-05-27/..",
            "2025-05-27/",
            "/2025-07-09",
            "[2025-05-27..2025-05-28]",
            "[..2025-05-28]",
            "[2025-05-27..]",
            "[2025-01-01..2025-05-28]",
        ] {
            let parsed = w(s);
            let again = w(&parsed.to_edtf());
            assert_eq!(parsed, again, "{s} → {}", parsed.to_edtf());
        }
        assert_eq!(w("[2025-05-27,2025-05-28]").extent, Extent::OneDayIn);
        assert_eq!(w("../2025-07-09").extent, Extent::StartUnknown);
    }

    #[test]
    fn words_for_people() {
        assert_eq!(said("[..2025-05-28]"), "on or before 28 May 2025");
        assert_eq!(said("[2025-05-27..]"), "on or after 27 May 2025");
        assert_eq!(said("[2025-05-27..2025-05-28]"), "27 or 28 May 2025");
        assert_eq!(said("[2025-05-31..2025-06-01]"), "31 May or 1 Jun 2025");
        assert_eq!(
            said("[2024-12-31..2025-01-01]"),
            "31 Dec 2024 or 1 Jan 2025"
        );
        assert_eq!(
            said("[2025-01-01..2025-05-28]"),
            "between 1 Jan and 28 May 2025"
        );
        assert_eq!(said("[2025-01..2025-05]"), "between Jan and May 2025");
        assert_eq!(said("2025-05-18~/2025-05-25~"), "c. 18–25 May 2025");
        assert_eq!(said("2025-06?"), "Jun 2025?");
        assert_eq!(said("2025-05-27/.."), "since 27 May 2025");
        assert_eq!(said("2025-05-27/"), "from 27 May 2025 (end unknown)");
        assert_eq!(said("/2025-07-09"), "until 9 Jul 2025 (start unknown)");
        assert_eq!(said("2025-05-27/2025-05-29"), "27–29 May 2025");
        assert_eq!(said("[2024..2025]"), "between 2024 and 2025");
    }

    #[test]
    fn malformed_and_unsupported_forms_say_why() {
        for (s, why) in [
            ("2025-13", ""),
            ("2025-02-30", ""),
            ("May 2025", ""),
            ("[2025-05-27..2025-05-28", ""),
            ("2025-21", "seasons"),
            ("202X", "unspecified"),
            ("{2025-05-27,2025-05-28}", "all of several"),
            ("[2025-05-01,2025-05-02,2025-05-03]", "only one range"),
            ("2025-05-27T10:00:00", "time of day"),
            ("../..", ""),
        ] {
            let e = When::parse(s).expect_err(s).to_string();
            assert!(e.contains(why), "{s}: {e}");
            assert!(e.contains(s), "{s}: the message names the value: {e}");
        }
    }

    #[test]
    fn windows_sort_by_their_best_estimate() {
        let d = |s: &str| Date::parse(s).unwrap();
        let before = anchor(&d("2025-05-28"), None, Extent::OnOrBefore);
        let on = anchor(&d("2025-05-28"), None, Extent::Lasted);
        assert!(before < on, "on or before 28 May sits just before 28 May");
        let window = anchor(&d("2025-05-29"), Some(&d("2025-06-25")), Extent::OneDayIn);
        assert_eq!(window.0, d("2025-06-11"));
        let (first, last) = possible_span(&d("2025-05-28"), None, Extent::OnOrBefore);
        assert_eq!(first, None);
        assert_eq!(last, Some(d("2025-05-28").axis_days_end()));
    }
}
