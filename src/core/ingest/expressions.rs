//! Finding date expressions in one sentence and turning each into dates on the calendar.
//!
//! Every expression is read against the article's dateline (the day it was written). Rules are tried
//! in a fixed order and each claims the text it matches, so "from May 27 to May 29" is one range,
//! not two days, and "fiscal year 2025–26" or "26%" are claimed as not-dates before anything can read
//! a year or a day in them.
//!
//! How the vague ones are represented (honestly, with `circa` wherever the edges are a guess):
//! - "last week" / "next week" / "this week": Monday to Sunday of that ISO week, circa.
//! - "earlier this year", "later this month": the year or month, circa.
//! - "in the coming days": the day after the dateline to a week after it, circa.
//! - "in the coming weeks": the day after the dateline to four weeks after it, circa. The text only
//!   says "after the dateline, soon"; four weeks is our reading of "weeks", and `circa` says so.
//! - "in the coming months": the three months after the dateline's month, at month precision, circa.
//! - A weekday ("on Tuesday"): in a past-tense clause the latest such day on or before the dateline,
//!   in a future-tense clause the first on or after it, otherwise the nearest. The dateline's own
//!   weekday means the dateline itself: news reports say "on Tuesday" of the day they are written.
//! - A month or day without a year ("February", "July 9"): past tense takes the latest one on or
//!   before the dateline, future tense the first on or after, otherwise the nearest (so "December"
//!   written in January is the December just gone).
//!
//! Status: "until", "by", "before" and "deadline" make a deadline, which is scheduled; "expected",
//! "will", "set to" and windows such as "coming weeks" are expected; otherwise a date wholly before
//! the dateline happened, one after it is scheduled (expected when circa), and one spanning the
//! dateline follows the clause's tense (happened unless it is future).

use std::cell::OnceCell;
use std::collections::BTreeMap;
use std::ops::Range;
use std::sync::LazyLock;

use chrono::{Datelike, Days, Months, NaiveDate, Weekday};
use regex::{Captures, Regex};

use super::sentences;
use crate::core::model::{Date, Status};

/// A date expression found in a sentence, normalised against the dateline.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Expression {
    /// The expression, verbatim: "On Tuesday", "from May 27 to May 29".
    pub text: String,
    /// Where it is in the sentence, in bytes.
    pub span: Range<usize>,
    pub start: Date,
    pub end: Option<Date>,
    pub circa: bool,
    pub status: Status,
    pub form: Form,
}

/// What kind of expression it was; it decides how far the reading can be trusted.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Form {
    /// A calendar day or a range of days: "May 27", "May 27–29".
    Day,
    /// A weekday resolved against the dateline: "on Tuesday".
    Weekday,
    /// A named month or range of months: "February", "February to March 2025".
    Month,
    /// A year or a range of years: "in 2025".
    Year,
    /// A definite relative expression: "yesterday", "last month", "three days ago".
    Relative,
    /// A relative expression whose edges are guesses: "last week", "earlier this year".
    Vague,
    /// An open window ahead: "in the coming weeks".
    Window,
}

/// The years an article's dateline, and every date read against it, may be in. Within them no
/// date arithmetic here can leave chrono's calendar, and every reading can be written out.
pub const DATELINE_YEARS: std::ops::RangeInclusive<i64> = 1..=9999;

/// The day in `d`'s week (Monday first) that falls on `w`.
fn week_day(d: NaiveDate, w: Weekday) -> NaiveDate {
    let monday = d - Days::new(u64::from(d.weekday().num_days_from_monday()));
    monday + Days::new(u64::from(w.num_days_from_monday()))
}

/// Finds and normalises every date expression in `sentence`, in order of appearance.
pub fn find(sentence: &str, dateline: NaiveDate) -> Vec<Expression> {
    // Claimed spans never overlap, keyed by start: the one starting last before a match's end is
    // the only one that can overlap it, so each check is a lookup, not a scan of every claim.
    let mut claimed: BTreeMap<usize, usize> = BTreeMap::new();
    let overlaps = |claimed: &BTreeMap<usize, usize>, span: &Range<usize>| {
        claimed
            .range(..span.end)
            .next_back()
            .is_some_and(|(_, &end)| end > span.start)
    };
    let sentence_tense = OnceCell::new();
    let mut found = Vec::new();
    for rule in RULES.iter() {
        for caps in rule.re.captures_iter(sentence) {
            let Some(whole) = caps.get(0) else { continue };
            let span = whole.range();
            if overlaps(&claimed, &span) {
                continue;
            }
            let context = Context::new(sentence, &span, dateline, &sentence_tense);
            match (rule.read)(&caps, &context) {
                Outcome::NotADate => {
                    claimed.insert(span.start, span.end);
                }
                Outcome::Skip => {}
                // A reading outside the years a dateline may have is no date either: the
                // drafts must be writable and loadable as they are.
                Outcome::Date(reading) if !reading.in_range() => {
                    claimed.insert(span.start, span.end);
                }
                Outcome::Date(reading) => {
                    claimed.insert(span.start, span.end);
                    found.push(reading.into_expression(whole.as_str(), span, &context));
                }
            }
        }
    }
    found.sort_by_key(|e| e.span.start);
    found
}

/// What a rule made of a match.
enum Outcome {
    /// A date expression.
    Date(Reading),
    /// Text that looks like a date but is not one ("2025–26", "26%"): claimed so no later rule reads
    /// a date in it.
    NotADate,
    /// Not this rule's business after all; later rules may still match here.
    Skip,
}

/// The dates an expression covers, before its status is decided.
struct Reading {
    start: Date,
    end: Option<Date>,
    circa: bool,
    lean: Lean,
    form: Form,
}

/// Which way an expression itself points, whatever the tense around it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Lean {
    None,
    Past,
    Future,
    /// "until July 9", "by Friday": the end of something, ahead.
    Deadline,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Tense {
    Past,
    Future,
    Unknown,
}

/// What surrounds a match: the dateline, the tense and cues of its clause (or of the sentence when
/// the clause has none, as in "On Tuesday, they met"), and the text just after it.
struct Context<'a> {
    dateline: NaiveDate,
    tense: Tense,
    expected: bool,
    deadline: bool,
    after: &'a str,
}

impl<'a> Context<'a> {
    /// `sentence_tense` is the whole sentence's tense, worked out once per sentence when a clause
    /// has none of its own. The clause is looked for near the expression only (see
    /// [`sentences::around`]).
    fn new(
        sentence: &'a str,
        span: &Range<usize>,
        dateline: NaiveDate,
        sentence_tense: &OnceCell<Tense>,
    ) -> Context<'a> {
        let near = sentences::around(sentence, span);
        let local = span.start - near.start..span.end - near.start;
        let clause = clause_around(&sentence[near], &local);
        let tense = match tense_of(clause) {
            Tense::Unknown => *sentence_tense.get_or_init(|| tense_of(sentence)),
            t => t,
        };
        Context {
            dateline,
            tense,
            expected: EXPECTED.is_match(clause),
            deadline: DEADLINE.is_match(clause),
            after: &sentence[span.end..],
        }
    }

    /// Which way to look for a date written without a year or week: the expression's own lean, else
    /// the tense.
    fn direction(&self, lean: Lean) -> Tense {
        match lean {
            Lean::Past => Tense::Past,
            Lean::Future | Lean::Deadline => Tense::Future,
            Lean::None => self.tense,
        }
    }
}

impl Reading {
    fn new(start: Date, end: Option<Date>, form: Form) -> Reading {
        Reading {
            start,
            end: end.filter(|e| *e != start),
            circa: false,
            lean: Lean::None,
            form,
        }
    }

    fn circa(mut self, circa: bool) -> Reading {
        self.circa |= circa;
        self
    }

    fn lean(mut self, lean: Lean) -> Reading {
        if lean != Lean::None {
            self.lean = lean;
        }
        self
    }

    /// Whether the reading lies in [`DATELINE_YEARS`].
    fn in_range(&self) -> bool {
        [Some(self.start), self.end]
            .into_iter()
            .flatten()
            .all(|d| DATELINE_YEARS.contains(&d.year()))
    }

    fn into_expression(self, text: &str, span: Range<usize>, cx: &Context) -> Expression {
        let status = self.status(cx);
        Expression {
            text: text.to_string(),
            span,
            start: self.start,
            end: self.end,
            circa: self.circa,
            status,
            form: self.form,
        }
    }

    fn status(&self, cx: &Context) -> Status {
        if self.lean == Lean::Deadline || cx.deadline {
            return Status::Scheduled;
        }
        if cx.expected || self.form == Form::Window {
            return Status::Expected;
        }
        let first = self.start.first_day();
        let last = self.end.as_ref().unwrap_or(&self.start).last_day();
        let ahead = || {
            if self.circa {
                Status::Expected
            } else {
                Status::Scheduled
            }
        };
        match (first, last) {
            (_, Some(last)) if last < cx.dateline => Status::Happened,
            (Some(first), _) if first > cx.dateline => ahead(),
            _ if self.lean == Lean::Future
                || (self.lean == Lean::None && cx.tense == Tense::Future) =>
            {
                ahead()
            }
            _ => Status::Happened,
        }
    }
}

/// The clause holding `span`: the text between the nearest clause marks around it.
fn clause_around<'a>(sentence: &'a str, span: &Range<usize>) -> &'a str {
    const MARKS: &[char] = &[',', ';', ':', '—', '(', ')', '“', '”', '"'];
    let start = sentence[..span.start].rfind(MARKS).map_or(0, |i| {
        i + sentence[i..].chars().next().map_or(1, char::len_utf8)
    });
    let end = sentence[span.end..]
        .find(MARKS)
        .map_or(sentence.len(), |i| span.end + i);
    &sentence[start..end]
}

fn tense_of(text: &str) -> Tense {
    if FUTURE.is_match(text) {
        Tense::Future
    } else if PAST.is_match(text) {
        Tense::Past
    } else {
        Tense::Unknown
    }
}

static FUTURE: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)\b(?:will|shall|won't|going\s+to|expected|scheduled|set\s+to|due\s+to|plans?\s+to|planned|upcoming|poised|likely\s+to|to\s+be\s+held|next|coming)\b",
    )
});

static PAST: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)\b(?:was|were|had|did|met|held|laid|said|took|went|came|made|gave|left|spoke|told|saw|began|signed|announced|launched|visited|posted|agreed|discussed|travell?ed|ago|last|earlier|recently|(?:has|have)\s+(?:been\s+)?\w+(?:ed|en|t))\b",
    )
});

static EXPECTED: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)\b(?:will|shall|expected|expects?|likely|set\s+to|plans?\s+to|planned|poised|anticipated|going\s+to|hopes?\s+to)\b",
    )
});

static DEADLINE: LazyLock<Regex> = LazyLock::new(|| re(r"(?i)\bdeadline\b"));

/// Compiles one of this module's fixed patterns; they are tested, so failure is a bug here.
fn re(pattern: &str) -> Regex {
    match Regex::new(pattern) {
        Ok(r) => r,
        Err(e) => panic!("date expression pattern does not compile: {e}"),
    }
}

struct Rule {
    re: Regex,
    read: fn(&Captures, &Context) -> Outcome,
}

const MONTH: &str = r"(?:(?:January|February|March|April|May|June|July|August|September|October|November|December)\b|(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\b\.?)";
const MONTH_LONG: &str =
    r"(?:January|February|March|April|May|June|July|August|September|October|November|December)\b";
const DAY: &str = r"(?:3[01]|[12][0-9]|0?[1-9])(?:st|nd|rd|th)?\b";
const YEAR: &str = r"(?:1[89]|2[01])[0-9]{2}\b";
/// Between the two ends of a range.
const TO: &str = r"(?:\s*[-–—]\s*|\s+(?:to|until|till|through|thru|and)\s+)";
const PREP: &str = r"(?i:\b(?:on|in|since|by|until|till|before|after|from|during|through|around|about|as\s+of|between|starting|early|late|mid|the\s+end\s+of|the\s+start\s+of|the\s+beginning\s+of))";
const WEEKDAY: &str = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b";

/// The rules, most specific first.
static RULES: LazyLock<Vec<Rule>> = LazyLock::new(|| {
    let rule = |pattern: String, read: fn(&Captures, &Context) -> Outcome| Rule {
        re: re(&pattern),
        read,
    };
    vec![
        // Not dates: fiscal years ("fiscal year 2025–26", "FY26", "2025–26") and quantities.
        rule(
            r"(?i:\b(?:fiscal|financial)(?:\s+year)?\s+|\bFY\s*)'?\d{2,4}(?:\s*[-–—/]\s*\d{2,4})?\b".into(),
            |_, _| Outcome::NotADate,
        ),
        rule(r"\b\d{4}\s*[-–—/]\s*\d{2}\b".into(), |_, _| Outcome::NotADate),
        rule(
            r"\b\d[\d,]*(?:\.\d+)?\s*(?:%|(?i:per\s?cent|percent|basis\s+points?|bps)\b)".into(),
            |_, _| Outcome::NotADate,
        ),
        rule(
            r"[$₹€£]\s*\d[\d,.]*(?:\s*(?i:million|billion|trillion|crore|lakh)\b)?".into(),
            |_, _| Outcome::NotADate,
        ),
        // "from May 27 to May 29", "May 27 – June 2, 2025"
        rule(
            format!(r"(?:(?P<from>(?i:\bfrom|\bbetween))\s+)?\b(?P<m1>{MONTH})\s+(?P<d1>{DAY})(?:,?\s+(?P<y1>{YEAR}))?(?P<to>{TO})(?P<m2>{MONTH})\s+(?P<d2>{DAY})(?:,?\s+(?P<y2>{YEAR}))?"),
            day_range,
        ),
        // "May 27–29", "May 27 to 29, 2025"
        rule(
            format!(r"(?:(?P<from>(?i:\bfrom|\bbetween))\s+)?\b(?P<m1>{MONTH})\s+(?P<d1>{DAY})(?P<to>{TO})(?P<d2>{DAY})(?:,?\s+(?P<y1>{YEAR}))?"),
            day_range,
        ),
        // "27–29 May 2025"
        rule(
            format!(r"(?:(?P<from>(?i:\bfrom|\bbetween))\s+)?\b(?P<d1>{DAY})(?P<to>{TO})(?P<d2>{DAY})\s+(?P<m1>{MONTH})(?:,?\s+(?P<y1>{YEAR}))?"),
            day_range,
        ),
        // "27 May to 3 June 2025"
        rule(
            format!(r"(?:(?P<from>(?i:\bfrom|\bbetween))\s+)?\b(?P<d1>{DAY})\s+(?P<m1>{MONTH})(?P<to>{TO})(?P<d2>{DAY})\s+(?P<m2>{MONTH})(?:,?\s+(?P<y1>{YEAR}))?"),
            day_range,
        ),
        // "from February to April 2025"
        rule(
            format!(r"(?:(?P<from>(?i:\bfrom|\bbetween))\s+)?\b(?P<m1>{MONTH_LONG})(?:\s+(?P<y1>{YEAR}))?(?P<to>{TO})(?P<m2>{MONTH_LONG})(?:,?\s+(?P<y2>{YEAR}))?"),
            month_range,
        ),
        // "2024–2025"
        rule(
            format!(r"(?:(?P<from>(?i:\bfrom|\bbetween|\bin|\bduring))\s+)?\b(?P<y1>{YEAR})(?P<to>{TO})(?P<y2>{YEAR})"),
            year_range,
        ),
        // "until July 9", "May 27, 2025"
        rule(
            format!(r"(?:(?P<prep>{PREP})\s+)?\b(?P<m1>{MONTH})\s+(?P<d1>{DAY})(?:,?\s+(?P<y1>{YEAR}))?"),
            day,
        ),
        // "27 May 2025", "the 9th of July"
        rule(
            format!(r"(?:(?P<prep>{PREP})\s+)?(?:the\s+)?\b(?P<d1>{DAY})\s+(?:of\s+)?(?P<m1>{MONTH})(?:,?\s+(?P<y1>{YEAR}))?"),
            day,
        ),
        // "in early February 2025"
        rule(
            format!(r"(?:(?P<prep>{PREP})[\s-]+)?(?:(?P<part>(?i:early|mid|late))[\s-]+)?\b(?P<m1>{MONTH}),?\s+(?P<y1>{YEAR})"),
            month,
        ),
        // Relative expressions, longest first.
        rule(r"(?i)\b(?P<n>a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|\d{1,2})\s+(?P<unit>day|week|month|year)s?\s+ago\b".into(), ago),
        rule(r"(?i)\b(?P<rel>earlier|later)\s+this\s+(?P<unit>week|month|year)\b".into(), this_period),
        rule(r"(?i)\b(?:(?:in|over|within|during)\s+)?(?:the\s+)?(?:coming|next\s+few|next\s+several|next|following)\s+(?:few\s+)?(?P<unit>days|weeks|months)\b".into(), window),
        rule(r"(?i)\b(?:the\s+)?(?P<rel>last|next|this|past|coming|previous|following)\s+(?P<unit>week|month|year)\b".into(), this_period),
        rule(r"(?i)\b(?P<word>yesterday|today|tomorrow)\b".into(), day_word),
        // "on Tuesday", "last Friday"
        rule(
            format!(r"(?:(?P<prep>(?i:\b(?:on|by|until|till|since|before|after|from|last|next|this|past|coming)))\s+)?\b(?P<w>{WEEKDAY})"),
            weekday,
        ),
        // "in February", "mid-May"
        rule(
            format!(r"(?:(?P<prep>{PREP})[\s-]+)?(?:(?P<part>(?i:early|mid|late))[\s-]+)?\b(?P<m1>{MONTH_LONG})"),
            month,
        ),
        // "in 2025"
        rule(format!(r"(?:(?P<prep>{PREP})\s+)?\b(?P<y1>{YEAR})"), year),
    ]
});

fn text<'c>(caps: &'c Captures, name: &str) -> Option<&'c str> {
    caps.name(name).map(|m| m.as_str())
}

fn month_number(name: &str) -> Option<u32> {
    let key: String = name.trim_end_matches('.').chars().take(3).collect();
    let months = [
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
    ];
    months
        .iter()
        .position(|m| *m == key)
        .and_then(|i| u32::try_from(i + 1).ok())
}

fn day_number(s: &str) -> Option<u32> {
    s.trim_end_matches(|c: char| c.is_ascii_alphabetic())
        .parse()
        .ok()
}

fn year_number(s: Option<&str>) -> Option<i32> {
    s.and_then(|y| y.parse().ok())
}

/// Lean and circa from the word in front: "until" is a deadline, "since" points back, "around" and
/// "early"/"mid"/"late" blur the edges.
fn prep_reading(prep: Option<&str>) -> (Lean, bool) {
    let Some(prep) = prep else {
        return (Lean::None, false);
    };
    let prep = prep.to_lowercase();
    let first = prep.split_whitespace().next().unwrap_or_default();
    match first {
        "until" | "till" | "by" | "before" => (Lean::Deadline, false),
        "since" => (Lean::Past, false),
        "around" | "about" | "early" | "late" | "mid" | "the" => (Lean::None, true),
        _ => (Lean::None, false),
    }
}

/// The year for a month and day written without one, looking the way the clause points. The year
/// is chosen as if every day existed in every year, and the caller then finds whether the day
/// exists in it: "February 29" read against a 2025 dateline is no date, not 29 February 2024.
fn year_for(month: u32, day: u32, direction: Tense, dateline: NaiveDate) -> i32 {
    let y = dateline.year();
    let written = (month, day);
    let here = (dateline.month(), dateline.day());
    match direction {
        Tense::Past if written > here => y - 1,
        Tense::Future if written < here => y + 1,
        Tense::Past | Tense::Future => y,
        Tense::Unknown => {
            // Days apart, counting every year as 365 days with February 28 long; a tie goes ahead.
            let day_of_year = |(m, d): (u32, u32)| {
                const BEFORE: [i64; 12] = [0, 31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334];
                BEFORE[(m.clamp(1, 12) - 1) as usize] + i64::from(d)
            };
            let apart = |year: i32| {
                let gap = (i64::from(year) - i64::from(y)) * 365 + day_of_year(written)
                    - day_of_year(here);
                (gap.abs(), gap < 0)
            };
            [y - 1, y, y + 1]
                .into_iter()
                .min_by_key(|year| apart(*year))
                .unwrap_or(y)
        }
    }
}

/// The year for a month named without one: the dateline's month counts as both past and future.
fn year_for_month(month: u32, direction: Tense, dateline: NaiveDate) -> i32 {
    let y = dateline.year();
    let (m, dm) = (i64::from(month), i64::from(dateline.month()));
    match direction {
        Tense::Past if m > dm => y - 1,
        Tense::Future if m < dm => y + 1,
        Tense::Past | Tense::Future => y,
        Tense::Unknown => {
            let offset = |year: i32| ((i64::from(year) - i64::from(y)) * 12 + m - dm).abs();
            [y, y - 1, y + 1]
                .into_iter()
                .min_by_key(|year| offset(*year))
                .unwrap_or(y)
        }
    }
}

fn day_date(year: i32, month: u32, day: u32) -> Option<Date> {
    NaiveDate::from_ymd_opt(year, month, day).map(Date::from_naive)
}

/// "from", "between" and "and": "and" joins a range only after "between".
fn range_words_agree(caps: &Captures) -> bool {
    let joined_by_and = text(caps, "to").is_some_and(|t| t.trim().eq_ignore_ascii_case("and"));
    let between = text(caps, "from").is_some_and(|f| f.eq_ignore_ascii_case("between"));
    !joined_by_and || between
}

fn day_range(caps: &Captures, cx: &Context) -> Outcome {
    if !range_words_agree(caps) {
        return Outcome::Skip;
    }
    let read = || -> Option<Reading> {
        let m1 = month_number(text(caps, "m1")?)?;
        let m2 = text(caps, "m2").map_or(Some(m1), month_number)?;
        let d1 = day_number(text(caps, "d1")?)?;
        let d2 = day_number(text(caps, "d2")?)?;
        let written_end_year = year_number(text(caps, "y2"));
        let y1 = match year_number(text(caps, "y1")).or(written_end_year) {
            Some(y) => y,
            None => year_for(m1, d1, cx.tense, cx.dateline),
        };
        let start = NaiveDate::from_ymd_opt(y1, m1, d1)?;
        let mut end = NaiveDate::from_ymd_opt(written_end_year.unwrap_or(y1), m2, d2)?;
        if end < start && written_end_year.is_none() {
            // "December 28 to January 3": the end is in the next year.
            end = NaiveDate::from_ymd_opt(y1 + 1, m2, d2)?;
        }
        (end >= start).then(|| {
            Reading::new(
                Date::from_naive(start),
                Some(Date::from_naive(end)),
                Form::Day,
            )
        })
    };
    read().map_or(Outcome::NotADate, Outcome::Date)
}

fn month_range(caps: &Captures, cx: &Context) -> Outcome {
    if !range_words_agree(caps) {
        return Outcome::Skip;
    }
    let read = || -> Option<Reading> {
        let m1 = month_number(text(caps, "m1")?)?;
        let m2 = month_number(text(caps, "m2")?)?;
        let written_end_year = year_number(text(caps, "y2"));
        let y1 = year_number(text(caps, "y1"))
            .or(written_end_year.filter(|_| m1 <= m2))
            .unwrap_or_else(|| year_for_month(m1, cx.tense, cx.dateline));
        let y2 = written_end_year.unwrap_or(if m2 < m1 { y1 + 1 } else { y1 });
        let start = Date::month_of(i64::from(y1), m1)?;
        let end = Date::month_of(i64::from(y2), m2)?;
        (end >= start).then(|| Reading::new(start, Some(end), Form::Month))
    };
    read().map_or(Outcome::NotADate, Outcome::Date)
}

fn year_range(caps: &Captures, _: &Context) -> Outcome {
    if !range_words_agree(caps) {
        return Outcome::Skip;
    }
    let (Some(y1), Some(y2)) = (year_number(text(caps, "y1")), year_number(text(caps, "y2")))
    else {
        return Outcome::NotADate;
    };
    if y2 < y1 {
        return Outcome::NotADate;
    }
    Outcome::Date(Reading::new(
        Date::year_only(i64::from(y1)),
        Some(Date::year_only(i64::from(y2))),
        Form::Year,
    ))
}

fn day(caps: &Captures, cx: &Context) -> Outcome {
    let (lean, circa) = prep_reading(text(caps, "prep"));
    let read = || -> Option<Reading> {
        let m = month_number(text(caps, "m1")?)?;
        let d = day_number(text(caps, "d1")?)?;
        let y = match year_number(text(caps, "y1")) {
            Some(y) => y,
            None => year_for(m, d, cx.direction(lean), cx.dateline),
        };
        let date = day_date(y, m, d)?;
        Some(Reading::new(date, None, Form::Day).circa(circa).lean(lean))
    };
    read().map_or(Outcome::NotADate, Outcome::Date)
}

fn month(caps: &Captures, cx: &Context) -> Outcome {
    let (lean, prep_circa) = prep_reading(text(caps, "prep"));
    let Some(m) = text(caps, "m1").and_then(month_number) else {
        return Outcome::Skip;
    };
    let written_year = year_number(text(caps, "y1"));
    // "May" alone is usually the verb: only a month after a preposition, a part or before a year.
    if m == 5
        && written_year.is_none()
        && text(caps, "prep").is_none()
        && text(caps, "part").is_none()
    {
        return Outcome::Skip;
    }
    let y = written_year.unwrap_or_else(|| year_for_month(m, cx.direction(lean), cx.dateline));
    let Some(date) = Date::month_of(i64::from(y), m) else {
        return Outcome::NotADate;
    };
    let circa = prep_circa || text(caps, "part").is_some();
    Outcome::Date(
        Reading::new(date, None, Form::Month)
            .circa(circa)
            .lean(lean),
    )
}

fn year(caps: &Captures, cx: &Context) -> Outcome {
    let Some(y) = year_number(text(caps, "y1")) else {
        return Outcome::Skip;
    };
    let prep = text(caps, "prep");
    // A bare four-digit number is a year only where a year is written: after a preposition of time,
    // or closing a clause ("… as it did in the past, 2025."); "about 2000 troops" is a count.
    let after = cx.after.trim_start();
    let closes = after.is_empty() || after.starts_with([',', '.', ';', ':', ')', '”', '"', '’']);
    let vague_prep = prep.is_some_and(|p| {
        let p = p.to_lowercase();
        p == "about" || p == "around" || p == "between"
    });
    if (prep.is_none() || vague_prep) && !closes {
        return Outcome::Skip;
    }
    let (lean, circa) = prep_reading(prep);
    Outcome::Date(
        Reading::new(Date::year_only(i64::from(y)), None, Form::Year)
            .circa(circa)
            .lean(lean),
    )
}

fn number_word(s: &str) -> Option<u32> {
    let words = [
        "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven",
        "twelve",
    ];
    let s = s.to_lowercase();
    if s == "a" || s == "an" {
        return Some(1);
    }
    words
        .iter()
        .position(|w| *w == s)
        .and_then(|i| u32::try_from(i + 1).ok())
        .or_else(|| s.parse().ok())
}

fn ago(caps: &Captures, cx: &Context) -> Outcome {
    let read = || -> Option<Reading> {
        let n = number_word(text(caps, "n")?)?;
        let d = cx.dateline;
        let reading = match text(caps, "unit")?.to_lowercase().as_str() {
            "day" => Reading::new(
                Date::from_naive(d - Days::new(u64::from(n))),
                None,
                Form::Relative,
            ),
            "week" => Reading::new(
                Date::from_naive(d - Days::new(7 * u64::from(n))),
                None,
                Form::Vague,
            )
            .circa(true),
            "month" => {
                let m = d.checked_sub_months(Months::new(n))?;
                Reading::new(
                    Date::month_of(i64::from(m.year()), m.month())?,
                    None,
                    Form::Vague,
                )
                .circa(true)
            }
            _ => Reading::new(
                Date::year_only(i64::from(d.year()) - i64::from(n)),
                None,
                Form::Vague,
            )
            .circa(true),
        };
        Some(reading.lean(Lean::Past))
    };
    read().map_or(Outcome::NotADate, Outcome::Date)
}

fn month_date(d: NaiveDate) -> Option<Date> {
    Date::month_of(i64::from(d.year()), d.month())
}

/// "last week", "next month", "this year", "earlier this month", "later this week".
fn this_period(caps: &Captures, cx: &Context) -> Outcome {
    let read = || -> Option<Reading> {
        let rel = text(caps, "rel")?.to_lowercase();
        let unit = text(caps, "unit")?.to_lowercase();
        let d = cx.dateline;
        let (offset, lean): (i32, Lean) = match rel.as_str() {
            "last" | "past" | "previous" => (-1, Lean::Past),
            "next" | "coming" | "following" => (1, Lean::Future),
            "earlier" => (0, Lean::Past),
            "later" => (0, Lean::Future),
            _ => (0, Lean::None),
        };
        let vague = matches!(rel.as_str(), "earlier" | "later");
        let reading = match unit.as_str() {
            "week" => {
                let monday = week_day(d, Weekday::Mon);
                let monday = if offset < 0 {
                    monday - Days::new(7)
                } else if offset > 0 {
                    monday + Days::new(7)
                } else {
                    monday
                };
                let sunday = monday + Days::new(6);
                let (first, last) = match rel.as_str() {
                    // "the past week": the seven days before the dateline.
                    "past" => (d - Days::new(7), d - Days::new(1)),
                    "earlier" => (monday, d.pred_opt()?.max(monday)),
                    "later" => (d.succ_opt()?.min(sunday), sunday),
                    _ => (monday, sunday),
                };
                Reading::new(
                    Date::from_naive(first),
                    Some(Date::from_naive(last)),
                    Form::Vague,
                )
                .circa(true)
            }
            "month" => {
                let m = match offset {
                    -1 => d.checked_sub_months(Months::new(1))?,
                    1 => d.checked_add_months(Months::new(1))?,
                    _ => d,
                };
                let form = if vague { Form::Vague } else { Form::Relative };
                Reading::new(month_date(m)?, None, form).circa(vague)
            }
            _ => {
                let form = if vague { Form::Vague } else { Form::Relative };
                let y = i64::from(d.year()) + i64::from(offset);
                Reading::new(Date::year_only(y), None, form).circa(vague)
            }
        };
        Some(reading.lean(lean))
    };
    read().map_or(Outcome::NotADate, Outcome::Date)
}

/// "in the coming weeks": an open window ahead of the dateline (see the module notes).
fn window(caps: &Captures, cx: &Context) -> Outcome {
    let read = || -> Option<Reading> {
        let d = cx.dateline;
        let next = d.succ_opt()?;
        let reading = match text(caps, "unit")?.to_lowercase().as_str() {
            "days" => Reading::new(
                Date::from_naive(next),
                Some(Date::from_naive(d + Days::new(7))),
                Form::Window,
            ),
            "weeks" => Reading::new(
                Date::from_naive(next),
                Some(Date::from_naive(d + Days::new(28))),
                Form::Window,
            ),
            _ => Reading::new(
                month_date(d.checked_add_months(Months::new(1))?)?,
                Some(month_date(d.checked_add_months(Months::new(3))?)?),
                Form::Window,
            ),
        };
        Some(reading.circa(true).lean(Lean::Future))
    };
    read().map_or(Outcome::NotADate, Outcome::Date)
}

fn day_word(caps: &Captures, cx: &Context) -> Outcome {
    let d = cx.dateline;
    let (date, lean) = match text(caps, "word").map(str::to_lowercase).as_deref() {
        Some("yesterday") => (d.pred_opt(), Lean::Past),
        Some("tomorrow") => (d.succ_opt(), Lean::Future),
        _ => (Some(d), Lean::None),
    };
    match date {
        Some(date) => {
            Outcome::Date(Reading::new(Date::from_naive(date), None, Form::Relative).lean(lean))
        }
        None => Outcome::NotADate,
    }
}

fn weekday(caps: &Captures, cx: &Context) -> Outcome {
    let Some(w) = text(caps, "w").and_then(|w| w.parse::<Weekday>().ok()) else {
        return Outcome::Skip;
    };
    let d = cx.dateline;
    let prep = text(caps, "prep").map(str::to_lowercase);
    let back = |strict: bool| {
        let gap = (7 + d.weekday().num_days_from_monday() - w.num_days_from_monday()) % 7;
        let gap = if strict && gap == 0 { 7 } else { gap };
        d - Days::new(u64::from(gap))
    };
    let ahead = |strict: bool| {
        let gap = (7 + w.num_days_from_monday() - d.weekday().num_days_from_monday()) % 7;
        let gap = if strict && gap == 0 { 7 } else { gap };
        d + Days::new(u64::from(gap))
    };
    let (date, lean) = match prep.as_deref() {
        Some("last" | "past") => (back(true), Lean::Past),
        Some("since") => (back(false), Lean::Past),
        Some("next" | "coming") => (ahead(true), Lean::Future),
        Some("this") => (week_day(d, w), Lean::None),
        Some("by" | "until" | "till" | "before") => (ahead(false), Lean::Deadline),
        _ => match cx.tense {
            Tense::Past => (back(false), Lean::None),
            Tense::Future => (ahead(false), Lean::None),
            Tense::Unknown => {
                let (b, a) = (back(false), ahead(false));
                if d - b <= a - d {
                    (b, Lean::None)
                } else {
                    (a, Lean::None)
                }
            }
        },
    };
    Outcome::Date(Reading::new(Date::from_naive(date), None, Form::Weekday).lean(lean))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::model::Precision::{self, Day as D, Month as M, Year as Y};
    use Status::{Expected as Exp, Happened as Hap, Scheduled as Sch};

    /// One row: dateline, sentence, the expression expected in it, then its reading: start, end,
    /// precision, circa, status.
    type Row = (
        &'static str,
        &'static str,
        &'static str,
        &'static str,
        Option<&'static str>,
        Precision,
        bool,
        Status,
    );

    const ROWS: &[Row] = &[
        // Absolute days, with and without a year.
        (
            "2025-05-28",
            "They met on May 27.",
            "on May 27",
            "2025-05-27",
            None,
            D,
            false,
            Hap,
        ),
        (
            "2025-05-20",
            "The summit is on 27 May 2025.",
            "on 27 May 2025",
            "2025-05-27",
            None,
            D,
            false,
            Sch,
        ),
        (
            "2025-05-28",
            "It was signed May 27, 2025, in Delhi.",
            "May 27, 2025",
            "2025-05-27",
            None,
            D,
            false,
            Hap,
        ),
        (
            "2025-05-28",
            "The duty is paused until July 9.",
            "until July 9",
            "2025-07-09",
            None,
            D,
            false,
            Sch,
        ),
        (
            "2025-05-28",
            "Talks are due to end by the 9th of July.",
            "by the 9th of July",
            "2025-07-09",
            None,
            D,
            false,
            Sch,
        ),
        (
            "2025-01-10",
            "The envoy arrived on December 30.",
            "on December 30",
            "2024-12-30",
            None,
            D,
            false,
            Hap,
        ),
        (
            "2025-12-20",
            "The envoy will arrive on January 3.",
            "on January 3",
            "2026-01-03",
            None,
            D,
            false,
            Exp,
        ),
        (
            "2025-05-28",
            "The report was due around May 20.",
            "around May 20",
            "2025-05-20",
            None,
            D,
            true,
            Hap,
        ),
        // Ranges of days, months and years.
        (
            "2025-05-28",
            "Misri is in the United States from May 27 to May 29.",
            "from May 27 to May 29",
            "2025-05-27",
            Some("2025-05-29"),
            D,
            false,
            Hap,
        ),
        (
            "2025-05-28",
            "The talks run May 27–29.",
            "May 27–29",
            "2025-05-27",
            Some("2025-05-29"),
            D,
            false,
            Hap,
        ),
        (
            "2025-05-10",
            "The fair runs 27–29 May 2025.",
            "27–29 May 2025",
            "2025-05-27",
            Some("2025-05-29"),
            D,
            false,
            Sch,
        ),
        (
            "2024-12-20",
            "The course runs from 30 December to 3 January.",
            "from 30 December to 3 January",
            "2024-12-30",
            Some("2025-01-03"),
            D,
            false,
            Sch,
        ),
        (
            "2025-05-28",
            "Exports rose between February and April 2025.",
            "between February and April 2025",
            "2025-02",
            Some("2025-04"),
            M,
            false,
            Hap,
        ),
        (
            "2025-05-28",
            "Trade grew steadily in 2023–2024.",
            "in 2023–2024",
            "2023",
            Some("2024"),
            Y,
            false,
            Hap,
        ),
        // Months and years.
        (
            "2025-05-28",
            "During Modi’s visit in February, both nations launched COMPACT.",
            "in February",
            "2025-02",
            None,
            M,
            false,
            Hap,
        ),
        (
            "2025-05-28",
            "It is 30 basis points lower than its earlier forecast in January.",
            "in January",
            "2025-01",
            None,
            M,
            false,
            Hap,
        ),
        (
            "2025-01-15",
            "The deal was signed in December.",
            "in December",
            "2024-12",
            None,
            M,
            false,
            Hap,
        ),
        (
            "2025-01-15",
            "Elections will be held in December.",
            "in December",
            "2025-12",
            None,
            M,
            false,
            Exp,
        ),
        (
            "2025-01-15",
            "Talks in December covered trade.",
            "in December",
            "2024-12",
            None,
            M,
            false,
            Hap,
        ),
        (
            "2025-05-28",
            "Prices rose in mid-May.",
            "in mid-May",
            "2025-05",
            None,
            M,
            true,
            Hap,
        ),
        (
            "2025-05-28",
            "Tariffs have risen since March.",
            "since March",
            "2025-03",
            None,
            M,
            false,
            Hap,
        ),
        (
            "2025-05-28",
            "The pact was signed in early February 2024.",
            "in early February 2024",
            "2024-02",
            None,
            M,
            true,
            Hap,
        ),
        (
            "2025-05-28",
            "The treaty was signed in 2024.",
            "in 2024",
            "2024",
            None,
            Y,
            false,
            Hap,
        ),
        (
            "2025-05-28",
            "The last such visit was in 2019, under Trump.",
            "in 2019",
            "2019",
            None,
            Y,
            false,
            Hap,
        ),
        // Weekdays, on either side of the dateline (2025-05-28 is a Wednesday).
        (
            "2025-05-28",
            "On Tuesday, Misri met Kessler in Washington.",
            "On Tuesday",
            "2025-05-27",
            None,
            D,
            false,
            Hap,
        ),
        (
            "2025-05-28",
            "On Wednesday, they met.",
            "On Wednesday",
            "2025-05-28",
            None,
            D,
            false,
            Hap,
        ),
        (
            "2025-05-28",
            "Talks will begin on Tuesday.",
            "on Tuesday",
            "2025-06-03",
            None,
            D,
            false,
            Exp,
        ),
        (
            "2025-05-28",
            "Talks begin Friday.",
            "Friday",
            "2025-05-30",
            None,
            D,
            false,
            Sch,
        ),
        (
            "2025-05-28",
            "Submissions are due by Friday.",
            "by Friday",
            "2025-05-30",
            None,
            D,
            false,
            Sch,
        ),
        (
            "2025-05-30",
            "They last spoke last Friday.",
            "last Friday",
            "2025-05-23",
            None,
            D,
            false,
            Hap,
        ),
        (
            "2025-01-02",
            "The ministers met on Monday.",
            "on Monday",
            "2024-12-30",
            None,
            D,
            false,
            Hap,
        ),
        // Days relative to the dateline.
        (
            "2025-05-28",
            "The minister arrived yesterday.",
            "yesterday",
            "2025-05-27",
            None,
            D,
            false,
            Hap,
        ),
        (
            "2025-03-01",
            "The minister arrived yesterday.",
            "yesterday",
            "2025-02-28",
            None,
            D,
            false,
            Hap,
        ),
        (
            "2025-05-28",
            "The minister leaves tomorrow.",
            "tomorrow",
            "2025-05-29",
            None,
            D,
            false,
            Sch,
        ),
        (
            "2025-05-28",
            "The talks opened three days ago.",
            "three days ago",
            "2025-05-25",
            None,
            D,
            false,
            Hap,
        ),
        // Weeks: Monday to Sunday of the ISO week, circa.
        (
            "2025-05-28",
            "Just last week, Goyal was in the US.",
            "last week",
            "2025-05-19",
            Some("2025-05-25"),
            D,
            true,
            Hap,
        ),
        (
            "2025-01-02",
            "Goyal was in the US last week.",
            "last week",
            "2024-12-23",
            Some("2024-12-29"),
            D,
            true,
            Hap,
        ),
        (
            "2025-05-28",
            "Kessler visits Delhi next week.",
            "next week",
            "2025-06-02",
            Some("2025-06-08"),
            D,
            true,
            Exp,
        ),
        // Months and years relative to the dateline.
        (
            "2025-05-28",
            "Exports fell last month.",
            "last month",
            "2025-04",
            None,
            M,
            false,
            Hap,
        ),
        (
            "2025-01-15",
            "Exports fell last month.",
            "last month",
            "2024-12",
            None,
            M,
            false,
            Hap,
        ),
        (
            "2025-12-10",
            "Talks resume next month.",
            "next month",
            "2026-01",
            None,
            M,
            false,
            Sch,
        ),
        (
            "2025-05-28",
            "Modi’s trip to the US earlier this year laid the groundwork.",
            "earlier this year",
            "2025",
            None,
            Y,
            true,
            Hap,
        ),
        (
            "2025-05-28",
            "A deal may come later this year.",
            "later this year",
            "2025",
            None,
            Y,
            true,
            Exp,
        ),
        (
            "2025-01-02",
            "Trade fell last year.",
            "last year",
            "2024",
            None,
            Y,
            false,
            Hap,
        ),
        // Open windows ahead.
        (
            "2025-05-28",
            "Officials are expected to visit India in the coming weeks.",
            "in the coming weeks",
            "2025-05-29",
            Some("2025-06-25"),
            D,
            true,
            Exp,
        ),
        (
            "2025-05-28",
            "It prepares formal agreements in the coming months.",
            "in the coming months",
            "2025-06",
            Some("2025-08"),
            M,
            true,
            Exp,
        ),
        (
            "2025-12-28",
            "A deal could follow in the coming days.",
            "in the coming days",
            "2025-12-29",
            Some("2026-01-04"),
            D,
            true,
            Exp,
        ),
    ];

    fn day(s: &str) -> NaiveDate {
        Date::parse(s).ok().and_then(|d| d.first_day()).unwrap()
    }

    #[test]
    fn every_form_is_found_and_normalised() {
        let mut wrong = Vec::new();
        for &(dateline, sentence, text, start, end, precision, circa, status) in ROWS {
            let found = find(sentence, day(dateline));
            let [e] = found.as_slice() else {
                wrong.push(format!(
                    "{sentence:?}: expected one expression, found {found:?}"
                ));
                continue;
            };
            let got = (
                e.text.as_str(),
                e.start.to_string(),
                e.end.map(|d| d.to_string()),
                e.start.precision(),
                e.circa,
                e.status,
            );
            let want = (
                text,
                start.to_string(),
                end.map(str::to_string),
                precision,
                circa,
                status,
            );
            if got != want {
                wrong.push(format!(
                    "{sentence:?} ({dateline}):\n   got {got:?}\n  want {want:?}"
                ));
            }
            assert_eq!(&sentence[e.span.clone()], e.text);
        }
        assert!(wrong.is_empty(), "{}", wrong.join("\n"));
    }

    #[test]
    fn a_day_that_does_not_exist_in_the_year_read_is_no_date() {
        // February 29 against a 2025 dateline: not 29 February 2024 (the nearest that exists).
        let found = find("They met on February 29 this year.", day("2025-05-28"));
        let starts: Vec<String> = found.iter().map(|e| e.start.to_string()).collect();
        assert!(!starts.contains(&"2024-02-29".to_string()), "{found:?}");
        assert!(
            found.iter().all(|e| e.text != "on February 29"),
            "{found:?}"
        );
        // In a leap year it is a day like any other.
        let found = find("They met on February 29.", day("2024-05-28"));
        assert_eq!(found[0].start.to_string(), "2024-02-29");
        // The nearest year is still chosen for days that exist every year.
        let found = find("They meet on January 3.", day("2025-12-30"));
        assert_eq!(found[0].start.to_string(), "2026-01-03");
    }

    #[test]
    fn readings_stay_in_the_years_a_dateline_may_have() {
        let found = find(
            "In the coming months they will meet; next year too.",
            day("9999-12-30"),
        );
        assert!(found.iter().all(|e| e.start.year() <= 9999), "{found:?}");
        let found = find("Last week they met; yesterday too.", day("0001-01-01"));
        assert!(found.iter().all(|e| e.start.year() >= 1), "{found:?}");
    }

    #[test]
    fn quantities_and_fiscal_years_are_not_dates() {
        for sentence in [
            "India’s projected real GDP growth for the fiscal year 2025–26 is 6.2%, which is 30 basis points lower.",
            "A 26% duty on Indian goods.",
            "The budget for FY26 rose by 12 per cent to $2025 million.",
            "About 2000 troops and 2030 vehicles took part.",
            "India may sign a deal.",
            "May the talks succeed.",
            "Strengthening Tech and Trade Partnership",
            "The 2025-26 plan and the 2024/25 accounts.",
        ] {
            let found = find(sentence, day("2025-05-28"));
            assert!(found.is_empty(), "{sentence:?}: found {found:?}");
        }
    }

    #[test]
    fn a_range_is_one_expression_and_a_sentence_can_hold_several() {
        let s = "Trump recently announced tariffs, including a 26% duty on Indian goods, though the \
                 move has been paused until July 9.";
        let found = find(s, day("2025-05-28"));
        let texts: Vec<&str> = found.iter().map(|e| e.text.as_str()).collect();
        assert_eq!(texts, ["until July 9"]);

        let s = "After talks on May 20, the ministers met again from May 27 to May 29.";
        let found = find(s, day("2025-05-28"));
        let texts: Vec<&str> = found.iter().map(|e| e.text.as_str()).collect();
        assert_eq!(texts, ["on May 20", "from May 27 to May 29"]);
    }

    #[test]
    fn impossible_calendar_dates_are_not_read() {
        assert!(find("It happened on February 30.", day("2025-05-28")).is_empty());
        assert!(find("It ran from May 29 to May 27, 2025.", day("2025-05-28")).is_empty());
    }
}
