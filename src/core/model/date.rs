//! Dates that remember how precisely they were written.
//!
//! A source that says "in February" gives a month, not 1 February; "2025" is a year. The precision is
//! the form the date was written in and it survives parsing, sorting, display and serialisation.

use std::cmp::Ordering;
use std::fmt;

use chrono::{Datelike, NaiveDate};

/// How much of a date is known.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Precision {
    Year,
    Month,
    Day,
    Minute,
}

/// A calendar date at year, month, day or minute precision.
///
/// Years are astronomical integers and may be negative (BCE) or cosmological when only the year is
/// given; dates with a month or day must lie in chrono's calendar range.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Date {
    year: i64,
    month: Option<u8>,
    day: Option<u8>,
    /// Minutes after midnight, when a time of day was given.
    minute: Option<u16>,
}

/// Why a date string was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum DateError {
    #[error("expected a date as YYYY, YYYY-MM or YYYY-MM-DD (optionally THH:MM), found {0:?}")]
    Form(String),
    #[error("month {0} does not exist")]
    Month(u32),
    #[error("{0} is not a real calendar date")]
    NoSuchDay(String),
    #[error("year {0} is outside the supported calendar range for month or day dates")]
    YearRange(i64),
    #[error("time {0:?} is not a valid HH:MM time of day")]
    Time(String),
    #[error("{0:?} is not a date this program can hold: {1}")]
    Edtf(String, String),
    #[error(
        "expected today, a month (may, may 2025), a day (28 may 2025), a year or YYYY-MM-DD, found {0:?}"
    )]
    Spoken(String),
    #[error("{0:?} needs an as-of date to count from, and there is none")]
    NoToday(String),
}

const MONTHS: [&str; 12] = [
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
];

/// The months' English names, January first: what labels spell out and dates in prose use.
pub const MONTHS_LONG: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// The month a word names: its full English name or a prefix of three letters or more.
fn month_named(word: &str) -> Option<u32> {
    (word.len() >= 3)
        .then(|| {
            MONTHS_LONG
                .iter()
                .position(|m| m.to_lowercase().starts_with(word))
        })
        .flatten()
        .map(|i| i as u32 + 1)
}

impl Date {
    /// Reads a date as people type it at a prompt: `today` (or `now`), a month name alone ("may",
    /// in `today`'s year) or with a day and year in either order ("may 2025", "28 may 2025",
    /// "May 28, 2025"), a year, or any form [`Date::parse`] takes. The precision is what was
    /// typed: "may 2025" is a month, not its first day.
    pub fn parse_spoken(s: &str, today: Option<Date>) -> Result<Date, DateError> {
        let text = s.trim().to_lowercase();
        if matches!(text.as_str(), "today" | "now") {
            return today.ok_or_else(|| DateError::NoToday(s.trim().to_string()));
        }
        if let Ok(d) = Date::parse(&text) {
            return Ok(d);
        }
        let spoken = || DateError::Spoken(s.trim().to_string());
        let (mut month, mut day, mut year) = (None, None, None);
        for word in text
            .split(|c: char| c.is_whitespace() || c == ',' || c == '.')
            .filter(|w| !w.is_empty())
        {
            if let Some(m) = month_named(word) {
                if month.replace(m).is_some() {
                    return Err(spoken());
                }
            } else if let Ok(n) = word.parse::<i64>() {
                // A number up to 31 beside a month is its day; anything else is the year.
                let slot = if n <= 31 && day.is_none() && word.len() <= 2 {
                    &mut day
                } else {
                    &mut year
                };
                if slot.replace(n).is_some() {
                    return Err(spoken());
                }
            } else {
                return Err(spoken());
            }
        }
        let Some(month) = month else {
            return Err(spoken());
        };
        let year = match year {
            Some(y) => y,
            None => {
                today
                    .ok_or_else(|| DateError::NoToday(s.trim().to_string()))?
                    .year
            }
        };
        let iso = match day {
            Some(d) => format!("{year:04}-{month:02}-{d:02}"),
            None => format!("{year:04}-{month:02}"),
        };
        Date::parse(&iso)
    }

    pub fn year_only(year: i64) -> Date {
        Date {
            year,
            month: None,
            day: None,
            minute: None,
        }
    }

    /// A month-precision date; `None` if the month is not 1–12 or the year is out of range.
    pub fn month_of(year: i64, month: u32) -> Option<Date> {
        NaiveDate::from_ymd_opt(i32::try_from(year).ok()?, month, 1)?;
        Some(Date {
            year,
            month: Some(month as u8),
            day: None,
            minute: None,
        })
    }

    pub fn from_naive(d: NaiveDate) -> Date {
        Date {
            year: i64::from(d.year()),
            month: Some(d.month() as u8),
            day: Some(d.day() as u8),
            minute: None,
        }
    }

    /// A date from its parts as [`Date::year`], [`Date::month`], [`Date::day`] and the minutes of
    /// [`Date::time`] give them (a compact form, such as the load cache's, rebuilds dates with
    /// this); `None` for parts no date has: a day without a month, a day not in the calendar, a
    /// time without a day.
    pub fn from_parts(
        year: i64,
        month: Option<u32>,
        day: Option<u32>,
        minute: Option<u32>,
    ) -> Option<Date> {
        let date = match (month, day) {
            (None, None) => Date::year_only(year),
            (Some(m), None) => Date::month_of(year, m)?,
            (Some(m), Some(d)) => {
                Date::from_naive(NaiveDate::from_ymd_opt(i32::try_from(year).ok()?, m, d)?)
            }
            (None, Some(_)) => return None,
        };
        match minute {
            None => Some(date),
            Some(m) => date.with_time(m / 60, m % 60),
        }
    }

    /// Minutes after midnight, for a date with a time of day.
    pub fn minutes(&self) -> Option<u32> {
        self.minute.map(u32::from)
    }

    /// The same date with a time of day (minute precision); `None` for a date without a day.
    pub fn with_time(self, hour: u32, minute: u32) -> Option<Date> {
        (self.day.is_some() && hour < 24 && minute < 60).then_some(Date {
            minute: Some((hour * 60 + minute) as u16),
            ..self
        })
    }

    /// Parses `YYYY`, `YYYY-MM`, `YYYY-MM-DD` or `YYYY-MM-DDTHH:MM`. Years may have any number of
    /// digits and a leading `-`; a date with a month or day must be a real calendar date.
    pub fn parse(s: &str) -> Result<Date, DateError> {
        let form = || DateError::Form(s.to_string());
        let (date_part, time_part) = match s.split_once('T') {
            Some((d, t)) => (d, Some(t)),
            None => (s, None),
        };
        let (negative, unsigned) = match date_part.strip_prefix('-') {
            Some(rest) => (true, rest),
            None => (false, date_part),
        };
        let mut parts = unsigned.split('-');
        let year_text = parts.next().ok_or_else(form)?;
        let month_text = parts.next();
        let day_text = parts.next();
        if parts.next().is_some() {
            return Err(form());
        }
        fn digits(t: &str, min: usize, max: usize) -> Option<&str> {
            (t.len() >= min && t.len() <= max && t.bytes().all(|b| b.is_ascii_digit())).then_some(t)
        }
        let year_digits = digits(year_text, 1, 18).ok_or_else(form)?;
        let magnitude: i64 = year_digits.parse().map_err(|_| form())?;
        let year = if negative { -magnitude } else { magnitude };

        let Some(month_text) = month_text else {
            if time_part.is_some() {
                return Err(form());
            }
            return Ok(Date::year_only(year));
        };
        let month: u32 = digits(month_text, 2, 2)
            .and_then(|t| t.parse().ok())
            .ok_or_else(form)?;
        if !(1..=12).contains(&month) {
            return Err(DateError::Month(month));
        }
        let chrono_year = i32::try_from(year)
            .ok()
            .filter(|y| NaiveDate::from_ymd_opt(*y, 1, 1).is_some())
            .ok_or(DateError::YearRange(year))?;
        let Some(day_text) = day_text else {
            if time_part.is_some() {
                return Err(form());
            }
            return Ok(Date {
                year,
                month: Some(month as u8),
                day: None,
                minute: None,
            });
        };
        let day: u32 = digits(day_text, 2, 2)
            .and_then(|t| t.parse().ok())
            .ok_or_else(form)?;
        let naive = NaiveDate::from_ymd_opt(chrono_year, month, day)
            .ok_or_else(|| DateError::NoSuchDay(date_part.to_string()))?;
        let date = Date::from_naive(naive);
        match time_part {
            None => Ok(date),
            Some(t) => {
                let (h, m) = t
                    .split_once(':')
                    .filter(|(h, m)| h.len() == 2 && m.len() == 2)
                    .and_then(|(h, m)| Some((h.parse::<u32>().ok()?, m.parse::<u32>().ok()?)))
                    .ok_or_else(|| DateError::Time(t.to_string()))?;
                date.with_time(h, m)
                    .ok_or_else(|| DateError::Time(t.to_string()))
            }
        }
    }

    pub fn precision(&self) -> Precision {
        match (self.month, self.day, self.minute) {
            (_, _, Some(_)) => Precision::Minute,
            (_, Some(_), None) => Precision::Day,
            (Some(_), None, None) => Precision::Month,
            (None, _, _) => Precision::Year,
        }
    }

    pub fn year(&self) -> i64 {
        self.year
    }

    pub fn month(&self) -> Option<u32> {
        self.month.map(u32::from)
    }

    pub fn day(&self) -> Option<u32> {
        self.day.map(u32::from)
    }

    /// Hour and minute, for a date with a time of day.
    pub fn time(&self) -> Option<(u32, u32)> {
        self.minute.map(|m| (u32::from(m / 60), u32::from(m % 60)))
    }

    /// The first calendar day this date covers, when it has one in chrono's range.
    pub fn first_day(&self) -> Option<NaiveDate> {
        NaiveDate::from_ymd_opt(
            i32::try_from(self.year).ok()?,
            self.month().unwrap_or(1),
            self.day().unwrap_or(1),
        )
    }

    /// The last calendar day this date covers ("Feb 2025" ends on 28 Feb).
    pub fn last_day(&self) -> Option<NaiveDate> {
        let year = i32::try_from(self.year).ok()?;
        match (self.month(), self.day()) {
            (Some(m), Some(d)) => NaiveDate::from_ymd_opt(year, m, d),
            (Some(m), None) => {
                let next = if m == 12 {
                    NaiveDate::from_ymd_opt(year.checked_add(1)?, 1, 1)
                } else {
                    NaiveDate::from_ymd_opt(year, m + 1, 1)
                };
                next?.pred_opt()
            }
            (None, _) => NaiveDate::from_ymd_opt(year, 12, 31),
        }
    }

    /// The key that orders dates by the earliest moment they cover. Precision is not part of it: two
    /// dates with equal keys differ only in precision, and the caller decides how to break that tie.
    pub fn start_key(&self) -> (i64, u8, u8, u16) {
        (
            self.year,
            self.month.unwrap_or(1),
            self.day.unwrap_or(1),
            self.minute.unwrap_or(0),
        )
    }

    /// An approximate position on a continuous time axis, in days, for rulers and density strips.
    /// Works for any year, including cosmological ones where no calendar applies.
    pub fn axis_days(&self) -> f64 {
        match self.first_day() {
            Some(d) => {
                f64::from(d.num_days_from_ce()) + f64::from(self.minute.unwrap_or(0)) / 1440.0
            }
            // Day 1 is 1 Jan of year 1, as for calendar dates, so the two scales meet.
            None => (self.year - 1) as f64 * 365.2425 + 1.0,
        }
    }

    /// Like [`axis_days`](Self::axis_days) but for the end of the period the date covers.
    pub fn axis_days_end(&self) -> f64 {
        match (self.precision(), self.last_day()) {
            (Precision::Minute, _) => self.axis_days(),
            (_, Some(d)) => f64::from(d.num_days_from_ce()) + 1.0,
            (_, None) => self.year as f64 * 365.2425 + 1.0,
        }
    }

    /// Human label: "27 May 2025", "Feb 2025", "2025", "3500 BCE", "13.8 billion years ago".
    pub fn label(&self) -> String {
        let year = year_label(self.year);
        match (self.month, self.day, self.minute) {
            (Some(m), Some(d), Some(min)) => format!(
                "{d} {} {year} {:02}:{:02}",
                MONTHS[usize::from(m - 1)],
                min / 60,
                min % 60
            ),
            (Some(m), Some(d), None) => format!("{d} {} {year}", MONTHS[usize::from(m - 1)]),
            (Some(m), None, _) => format!("{} {year}", MONTHS[usize::from(m - 1)]),
            _ => year,
        }
    }

    /// Long month name for group headers ("February"), if the date has a month.
    pub fn month_name(&self) -> Option<&'static str> {
        self.month.map(|m| MONTHS_LONG[usize::from(m - 1)])
    }
}

/// "2025", "622", "3500 BCE", "2.5 million years ago", "13.8 billion years ago".
pub fn year_label(year: i64) -> String {
    const MILLION: i64 = 1_000_000;
    const BILLION: i64 = 1_000_000_000;
    if year <= -BILLION {
        format!(
            "{} billion years ago",
            trim_number(-year as f64 / BILLION as f64)
        )
    } else if year <= -MILLION {
        format!(
            "{} million years ago",
            trim_number(-year as f64 / MILLION as f64)
        )
    } else if year < 0 {
        format!("{} BCE", -year)
    } else {
        year.to_string()
    }
}

fn trim_number(x: f64) -> String {
    let s = format!("{x:.1}");
    s.strip_suffix(".0").map(str::to_string).unwrap_or(s)
}

impl fmt::Display for Date {
    /// The canonical written form, as accepted by [`Date::parse`].
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.year < 0 {
            write!(f, "-{:04}", -self.year)?;
        } else {
            write!(f, "{:04}", self.year)?;
        }
        if let Some(m) = self.month {
            write!(f, "-{m:02}")?;
        }
        if let Some(d) = self.day {
            write!(f, "-{d:02}")?;
        }
        if let Some(min) = self.minute {
            write!(f, "T{:02}:{:02}", min / 60, min % 60)?;
        }
        Ok(())
    }
}

impl Ord for Date {
    /// Earliest moment covered first; at the same moment the coarser date first ("Feb 2025" before
    /// "1 Feb 2025").
    fn cmp(&self, other: &Self) -> Ordering {
        self.start_key()
            .cmp(&other.start_key())
            .then(self.precision().cmp(&other.precision()))
    }
}

impl PartialOrd for Date {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl serde::Serialize for Date {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> serde::Deserialize<'de> for Date {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let text = <std::borrow::Cow<'de, str>>::deserialize(d)?;
        Date::parse(&text).map_err(serde::de::Error::custom)
    }
}

/// Label for a period from `start` to an optional `end`, sharing what the two have in common:
/// "27–29 May 2025", "27 May – 3 Jun 2025", "Feb–Mar 2025", "2024–2025". `circa` prefixes "c. ".
pub fn range_label(start: &Date, end: Option<&Date>, circa: bool) -> String {
    let body = match end {
        None => start.label(),
        Some(end) if end == start => start.label(),
        Some(end) => joined_range(start, end),
    };
    if circa { format!("c. {body}") } else { body }
}

fn joined_range(a: &Date, b: &Date) -> String {
    let same_year = a.year == b.year;
    let same_day = same_year && a.month == b.month && a.day == b.day;
    let month = |d: &Date| MONTHS[usize::from(d.month.unwrap_or(1) - 1)];
    match (a.precision(), b.precision()) {
        (Precision::Minute, Precision::Minute) if same_day => {
            let time = |d: &Date| {
                let m = d.minute.unwrap_or(0);
                format!("{:02}:{:02}", m / 60, m % 60)
            };
            let day = b.label();
            let day = day.rsplit_once(' ').map_or(day.as_str(), |(l, _)| l);
            format!("{day} {}–{}", time(a), time(b))
        }
        (Precision::Day, Precision::Day) if same_year && a.month == b.month => {
            format!("{}–{}", a.day.unwrap_or(1), b.label())
        }
        (Precision::Day, Precision::Day) if same_year => {
            format!("{} {} – {}", a.day.unwrap_or(1), month(a), b.label())
        }
        (Precision::Month, Precision::Month) if same_year => {
            format!("{}–{}", month(a), b.label())
        }
        (Precision::Year, Precision::Year) => year_range(a.year, b.year),
        _ => format!("{} – {}", a.label(), b.label()),
    }
}

/// "2024–2025", "3500–3000 BCE", "500 BCE – 200 CE", "13.8–4.5 billion years ago".
fn year_range(a: i64, b: i64) -> String {
    const MILLION: i64 = 1_000_000;
    const BILLION: i64 = 1_000_000_000;
    let deep = |y: i64| {
        if y <= -BILLION {
            Some((BILLION, "billion"))
        } else if y <= -MILLION {
            Some((MILLION, "million"))
        } else {
            None
        }
    };
    match (deep(a), deep(b)) {
        (Some((unit, word)), Some((unit_b, _))) if unit == unit_b => {
            let (x, y) = (
                trim_number(-a as f64 / unit as f64),
                trim_number(-b as f64 / unit as f64),
            );
            if x == y {
                format!("{x} {word} years ago")
            } else {
                format!("{x}–{y} {word} years ago")
            }
        }
        (None, None) if a < 0 && b < 0 => format!("{}–{} BCE", -a, -b),
        (None, None) if a < 0 => format!("{} BCE – {b} CE", -a),
        (None, None) if a >= 0 => format!("{a}–{b}"),
        _ => format!("{} – {}", year_label(a), year_label(b)),
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn spoken_dates_keep_the_precision_typed() {
        let today = Date::parse("2025-05-28").ok();
        let said = |t: &str| Date::parse_spoken(t, today).map(|d| d.to_string());
        assert_eq!(said("today").unwrap(), "2025-05-28");
        assert_eq!(said(" Now ").unwrap(), "2025-05-28");
        assert_eq!(said("may").unwrap(), "2025-05");
        assert_eq!(said("May 2025").unwrap(), "2025-05");
        assert_eq!(said("sept 1998").unwrap(), "1998-09");
        assert_eq!(said("28 may 2025").unwrap(), "2025-05-28");
        assert_eq!(said("May 28, 2025").unwrap(), "2025-05-28");
        assert_eq!(said("1947").unwrap(), "1947");
        assert_eq!(said("1947-08-15").unwrap(), "1947-08-15");
        assert!(said("ma").is_err(), "two letters name no month");
        assert!(said("may june").is_err());
        assert!(said("31 feb 2025").is_err());
        assert!(said("soon").is_err());
        assert!(matches!(
            Date::parse_spoken("today", None),
            Err(DateError::NoToday(_))
        ));
    }

    use super::*;

    fn d(s: &str) -> Date {
        Date::parse(s).unwrap()
    }

    #[test]
    fn parses_each_precision() {
        assert_eq!(d("2025").precision(), Precision::Year);
        assert_eq!(d("2025-02").precision(), Precision::Month);
        assert_eq!(d("2025-05-27").precision(), Precision::Day);
        assert_eq!(d("2025-05-27T10:30").precision(), Precision::Minute);
        assert_eq!(d("-3500").year(), -3500);
        assert_eq!(d("622-08-09").label(), "9 Aug 622");
    }

    #[test]
    fn refuses_impossible_and_malformed_dates() {
        assert!(matches!(
            Date::parse("2025-02-30"),
            Err(DateError::NoSuchDay(_))
        ));
        assert!(matches!(Date::parse("2025-13"), Err(DateError::Month(13))));
        for bad in [
            "",
            "2025-2",
            "2025-02-3",
            "25/02/2025",
            "2025-02-03T",
            "2025-02-03T25:00",
            "2025-02T10:00",
            "2025-02-03-04",
            " 2025",
            "2025 ",
            "+2025",
            "May 2025",
        ] {
            assert!(Date::parse(bad).is_err(), "{bad:?} should be refused");
        }
        assert!(matches!(
            Date::parse("-13800000000-01"),
            Err(DateError::YearRange(_))
        ));
    }

    #[test]
    fn labels_keep_their_precision() {
        assert_eq!(d("2025-02").label(), "Feb 2025");
        assert_eq!(d("2025").label(), "2025");
        assert_eq!(d("2025-07-09").label(), "9 Jul 2025");
        assert_eq!(d("2025-05-27T10:30").label(), "27 May 2025 10:30");
        assert_eq!(d("-3500").label(), "3500 BCE");
        assert_eq!(d("-13800000000").label(), "13.8 billion years ago");
        assert_eq!(d("-2500000").label(), "2.5 million years ago");
    }

    #[test]
    fn canonical_form_round_trips() {
        for s in [
            "2025",
            "2025-02",
            "2025-05-27",
            "2025-05-27T10:30",
            "-3500",
            "0622-08-09",
        ] {
            assert_eq!(d(s).to_string(), s);
            assert_eq!(d(&d(s).to_string()), d(s));
        }
    }

    #[test]
    fn ranges_share_what_they_have_in_common() {
        let label = |a, b, c| range_label(&d(a), Some(&d(b)), c);
        assert_eq!(label("2025-05-27", "2025-05-29", false), "27–29 May 2025");
        assert_eq!(
            label("2025-05-27", "2025-06-03", false),
            "27 May – 3 Jun 2025"
        );
        assert_eq!(
            label("2024-12-30", "2025-01-02", false),
            "30 Dec 2024 – 2 Jan 2025"
        );
        assert_eq!(label("2025-02", "2025-03", false), "Feb–Mar 2025");
        assert_eq!(label("2024", "2025", false), "2024–2025");
        assert_eq!(label("2025-05-19", "2025-05-25", true), "c. 19–25 May 2025");
        assert_eq!(
            label("2025-02", "2025-07-09", false),
            "Feb 2025 – 9 Jul 2025"
        );
        assert_eq!(range_label(&d("2025-05-19"), None, true), "c. 19 May 2025");
        assert_eq!(
            label("2025-05-27T10:30", "2025-05-27T12:00", false),
            "27 May 2025 10:30–12:00"
        );
        assert_eq!(
            label("2025-05-27T10:30", "2025-05-28T09:00", false),
            "27 May 2025 10:30 – 28 May 2025 09:00"
        );
    }

    #[test]
    fn ranges_beyond_the_common_era() {
        let label = |a, b| range_label(&d(a), Some(&d(b)), false);
        assert_eq!(label("-3500", "-3000"), "3500–3000 BCE");
        assert_eq!(label("-500", "200"), "500 BCE – 200 CE");
        assert_eq!(label("622", "632"), "622–632");
        assert_eq!(
            label("-13800000000", "-4500000000"),
            "13.8–4.5 billion years ago"
        );
        assert_eq!(label("-66000000", "-2500000"), "66–2.5 million years ago");
        assert_eq!(
            label("-4500000000", "-66000000"),
            "4.5 billion years ago – 66 million years ago"
        );
        assert_eq!(
            label("-2500000", "-3500"),
            "2.5 million years ago – 3500 BCE"
        );
        assert_eq!(label("-0500-03-01", "-0500-03-05"), "1–5 Mar 500 BCE");
        assert_eq!(label("-0500-03-01", "-0500-04-05"), "1 Mar – 5 Apr 500 BCE");
        assert_eq!(label("-0044-01", "-0044-03"), "Jan–Mar 44 BCE");
        assert_eq!(label("0622-07", "0622-08-09"), "Jul 622 – 9 Aug 622");
    }

    #[test]
    fn years_of_any_size_sort_and_label() {
        let mut dates = [
            d("2025-05-27T10:30"),
            d("0622-08-09"),
            d("-13800000000"),
            d("-3500"),
            d("2025-05-27"),
            d("-66000000"),
            d("999999999"),
        ];
        dates.sort();
        let labels: Vec<String> = dates.iter().map(Date::label).collect();
        assert_eq!(
            labels,
            [
                "13.8 billion years ago",
                "66 million years ago",
                "3500 BCE",
                "9 Aug 622",
                "27 May 2025",
                "27 May 2025 10:30",
                "999999999",
            ]
        );
        // Three-digit years are written with four digits and read back the same.
        assert_eq!(d("622-08-09"), d("0622-08-09"));
        assert_eq!(d("622-08-09").to_string(), "0622-08-09");
        assert_eq!(d("-13800000000").to_string(), "-13800000000");
        // The axis keeps cosmological and calendar dates in order.
        let axis: Vec<f64> = dates.iter().map(Date::axis_days).collect();
        assert!(axis.windows(2).all(|w| w[0] <= w[1]), "{axis:?}");
        assert!(d("-13800000000").axis_days_end() > d("-13800000000").axis_days());
        // Where chrono's calendar ends, the year scale carries on without a jump.
        let edge = d("-262143").axis_days();
        let beyond = d("-262144").axis_days();
        assert!(beyond < edge && edge - beyond < 367.0, "{beyond} {edge}");
    }

    #[test]
    fn order_is_earliest_first_then_coarser_first() {
        let mut dates = [
            d("2025-02-01"),
            d("2025-02"),
            d("2025"),
            d("2024-12-31"),
            d("-50"),
        ];
        dates.sort();
        let labels: Vec<String> = dates.iter().map(Date::to_string).collect();
        assert_eq!(
            labels,
            ["-0050", "2024-12-31", "2025", "2025-02", "2025-02-01"]
        );
    }

    #[test]
    fn periods_know_their_last_day() {
        assert_eq!(
            d("2025-02").last_day(),
            NaiveDate::from_ymd_opt(2025, 2, 28)
        );
        assert_eq!(
            d("2024-12").last_day(),
            NaiveDate::from_ymd_opt(2024, 12, 31)
        );
        assert_eq!(d("2025").last_day(), NaiveDate::from_ymd_opt(2025, 12, 31));
    }
}
