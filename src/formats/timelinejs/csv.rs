//! Reading a CSV export of the TimelineJS Google Sheets template into slides.
//!
//! Columns are found by header name (case and spaces ignored), in any order: Year, Month, Day,
//! Time, End Year, End Month, End Day, End Time, Display Date, Headline, Text, Media, Media Credit,
//! Media Caption, Media Thumbnail, Type, Group, Background. A row's Type says whether it is the
//! `title` slide, an `era`, or (blank) an event. The `csv` crate does the parsing (quoted commas,
//! doubled quotes, newlines inside fields); this module only finds where each field starts, so
//! errors can name `line:column`.

use std::collections::HashMap;
use std::path::Path;

use super::{Format, Imported, Media, Parts, Pos, Report, Slide, Slides, Text, map};
use crate::core::sanitize;
use crate::formats::diagnostics::{LineIndex, LoadError};

/// The template's columns.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
enum Column {
    Year,
    Month,
    Day,
    Time,
    EndYear,
    EndMonth,
    EndDay,
    EndTime,
    DisplayDate,
    Headline,
    Text,
    Media,
    MediaCredit,
    MediaCaption,
    MediaThumbnail,
    Type,
    Group,
    Background,
}

impl Column {
    fn from_header(name: &str) -> Option<Column> {
        let key: String = name
            .chars()
            .filter(|c| !c.is_whitespace())
            .flat_map(char::to_lowercase)
            .collect();
        Some(match key.as_str() {
            "year" => Column::Year,
            "month" => Column::Month,
            "day" => Column::Day,
            "time" => Column::Time,
            "endyear" => Column::EndYear,
            "endmonth" => Column::EndMonth,
            "endday" => Column::EndDay,
            "endtime" => Column::EndTime,
            "displaydate" => Column::DisplayDate,
            "headline" => Column::Headline,
            "text" => Column::Text,
            "media" => Column::Media,
            "mediacredit" => Column::MediaCredit,
            "mediacaption" => Column::MediaCaption,
            "mediathumbnail" => Column::MediaThumbnail,
            "type" => Column::Type,
            "group" => Column::Group,
            "background" => Column::Background,
            _ => return None,
        })
    }

    fn is_number(self) -> bool {
        matches!(
            self,
            Column::Year
                | Column::Month
                | Column::Day
                | Column::EndYear
                | Column::EndMonth
                | Column::EndDay
        )
    }
}

/// Reads a TimelineJS spreadsheet CSV file's text.
pub fn parse(path: &Path, file: &str, text: &str) -> Result<Imported, LoadError> {
    let mut report = Report::new(file);
    let lines = LineIndex::new(text);
    let slides = read(text, &lines, &mut report);
    map(path, slides, report, Format::TimelineJsCsv)
}

fn read(text: &str, lines: &LineIndex, report: &mut Report) -> Slides {
    let mut slides = Slides::default();
    let mut reader = csv::ReaderBuilder::new()
        .flexible(true)
        .from_reader(text.as_bytes());
    let headers = match reader.headers() {
        Ok(h) => h.clone(),
        Err(e) => {
            report.error(Some((1, 1)), "", format!("cannot read the header row: {e}"));
            return slides;
        }
    };
    let header_at = field_starts(text, 0, headers.len(), lines);
    let mut columns: HashMap<usize, Column> = HashMap::new();
    for (i, name) in headers.iter().enumerate() {
        match Column::from_header(name) {
            Some(c) if columns.values().any(|&seen| seen == c) => report.error(
                header_at.get(i).copied(),
                "",
                format!("column `{}` is given twice", sanitize::line(name)),
            ),
            Some(c) => {
                columns.insert(i, c);
            }
            None if name.trim().is_empty() => {}
            None => report.warn(
                header_at.get(i).copied(),
                "",
                format!(
                    "column `{}` is not a TimelineJS column and is not carried over",
                    sanitize::line(name)
                ),
            ),
        }
    }
    if !columns.values().any(|&c| c == Column::Year) {
        report.error(
            Some((1, 1)),
            "",
            "not a TimelineJS spreadsheet: there is no `Year` column (expected the template's \
             columns: Year, Month, Day, Time, End Year, ..., Headline, Text, Media, ..., Type, \
             Group, Background)",
        );
        return slides;
    }
    // Where the last record read starts: a quote left open swallows the rest of the file into it.
    let mut last_start = 0;
    for result in reader.records() {
        let record = match result {
            Ok(r) => r,
            Err(e) => {
                let at = e
                    .position()
                    .map(|p| lines.position(text, usize::try_from(p.byte()).unwrap_or(usize::MAX)));
                report.error(at, "", format!("cannot read this row: {e}"));
                break;
            }
        };
        if record.iter().all(|f| f.trim().is_empty()) {
            continue;
        }
        let (start_byte, row) = record.position().map_or((0, 0), |p| {
            (
                usize::try_from(p.byte()).unwrap_or(usize::MAX),
                p.record() + 1,
            )
        });
        last_start = start_byte;
        let starts = field_starts(text, start_byte, record.len(), lines);
        let mut cells: HashMap<Column, Text> = HashMap::new();
        for (i, value) in record.iter().enumerate() {
            let Some(&column) = columns.get(&i) else {
                if !value.trim().is_empty() && i >= headers.len() {
                    report.warn(
                        starts.get(i).copied(),
                        &format!("row {row}"),
                        "a value beyond the last column is not carried over",
                    );
                }
                continue;
            };
            // Spreadsheets may group digits ("13,800,000,000"); TimelineJS drops the commas too.
            let value = if column.is_number() {
                value.replace(',', "").trim().to_string()
            } else {
                value.to_string()
            };
            if !value.trim().is_empty() {
                let at = starts.get(i).copied().unwrap_or((1, 1));
                cells.insert(column, Text { value, at });
            }
        }
        let at = starts.first().copied().unwrap_or((1, 1));
        row_slide(cells, at, row, &mut slides, report);
    }
    // The csv crate ends an unclosed quoted field at the end of the file without a word, so one
    // stray quote would turn every later row into part of one headline.
    if let Some(open) = unclosed_quote(text.as_bytes(), last_start) {
        report.error(
            Some(lines.position(text, open)),
            "",
            "this quoted field is never closed, so every row after it would be read as part of \
             it; close the quote (a quote inside a quoted field is written twice: \"\")",
        );
    }
    slides
}

/// Where a quoted field opens that the text never closes, reading CSV from the record starting at
/// byte `start`: a quote opens a field only at its start, and `""` inside one is a quote.
fn unclosed_quote(bytes: &[u8], start: usize) -> Option<usize> {
    let mut open = None;
    let mut at_field_start = true;
    let mut i = start.min(bytes.len());
    while i < bytes.len() {
        let b = bytes[i];
        match open {
            Some(_) if b == b'"' && bytes.get(i + 1) == Some(&b'"') => i += 1,
            Some(_) if b == b'"' => open = None,
            Some(_) => {}
            None if b == b'"' && at_field_start => open = Some(i),
            None => {}
        }
        at_field_start = open.is_none() && matches!(b, b',' | b'\n' | b'\r');
        i += 1;
    }
    open
}

/// Sorts one row into the title, an era or an event.
fn row_slide(
    mut cells: HashMap<Column, Text>,
    at: Pos,
    row: u64,
    slides: &mut Slides,
    report: &mut Report,
) {
    let path = format!("row {row}");
    let mut take = |c: Column| cells.remove(&c);
    let kind = take(Column::Type);
    if let Some(bg) = take(Column::Background) {
        report.warn(
            Some(bg.at),
            &format!("{path}, Background"),
            "the background is not carried over",
        );
    }
    let start = parts(
        [take(Column::Year), take(Column::Month), take(Column::Day)],
        take(Column::Time),
        at,
        (&path, false),
        report,
    );
    let end = parts(
        [
            take(Column::EndYear),
            take(Column::EndMonth),
            take(Column::EndDay),
        ],
        take(Column::EndTime),
        at,
        (&path, true),
        report,
    );
    let media = Media {
        url: take(Column::Media),
        caption: take(Column::MediaCaption),
        credit: take(Column::MediaCredit),
        thumbnail: take(Column::MediaThumbnail),
    };
    let has_media = media.url.is_some() || media.caption.is_some() || media.credit.is_some();
    let slide = Slide {
        at,
        path: path.clone(),
        start,
        end,
        display_date: take(Column::DisplayDate),
        headline: take(Column::Headline),
        text: take(Column::Text),
        media: (has_media || media.thumbnail.is_some()).then_some(media),
        group: take(Column::Group),
        unique_id: None,
        extension: None,
        columns: true,
    };
    let kind_text = kind
        .as_ref()
        .map(|k| k.value.trim().to_lowercase())
        .unwrap_or_default();
    match kind_text.as_str() {
        "title" if slides.title.is_none() => slides.title = Some(slide),
        "title" => {
            report.warn(
                kind.map(|k| k.at),
                &path,
                "a second title row is read as an event",
            );
            slides.events.push(slide);
        }
        "era" => slides.eras.push(slide),
        "" => slides.events.push(slide),
        other => {
            report.warn(
                kind.map(|k| k.at),
                &path,
                format!(
                    "type `{}` is not title or era; the row is read as an event",
                    sanitize::line(other)
                ),
            );
            slides.events.push(slide);
        }
    }
}

/// A date from its Year, Month and Day cells and its Time cell, if any cell is filled.
fn parts(
    [year, month, day]: [Option<Text>; 3],
    time: Option<Text>,
    row_at: Pos,
    (row, end): (&str, bool),
    report: &mut Report,
) -> Option<Parts> {
    if year.is_none() && month.is_none() && day.is_none() && time.is_none() {
        return None;
    }
    let at = year
        .as_ref()
        .or(month.as_ref())
        .or(day.as_ref())
        .or(time.as_ref())
        .map_or(row_at, |t| t.at);
    let mut p = Parts {
        at,
        field: String::new(),
        row: Some((row.to_string(), end)),
        year,
        month,
        day,
        ..Parts::default()
    };
    if let Some(t) = time {
        match parse_time(&t.value) {
            Some((h, m, s)) => {
                let text = |v: String| Text { value: v, at: t.at };
                p.hour = Some(text(h));
                p.minute = m.map(text);
                p.second = s.map(text);
            }
            None => report.error(
                Some(t.at),
                &p.name("hour"),
                format!(
                    "expected a time such as 10:30, 10:30:15 or 2:30 PM, found `{}`",
                    sanitize::line(&t.value)
                ),
            ),
        }
    }
    Some(p)
}

/// A spreadsheet time as (hour, minute, second) texts: `10:30`, `10:30:15.5`, `1030`, `2:30 PM`,
/// `9 am`. Ranges are checked later, with the other date parts.
fn parse_time(s: &str) -> Option<(String, Option<String>, Option<String>)> {
    let lower = s.trim().to_ascii_lowercase();
    let (clock, period) = [("a.m.", 'a'), ("p.m.", 'p'), ("am", 'a'), ("pm", 'p')]
        .iter()
        .find_map(|(suffix, p)| lower.strip_suffix(suffix).map(|c| (c.trim(), Some(*p))))
        .unwrap_or((lower.as_str(), None));
    let digits = |t: &str| !t.is_empty() && t.len() <= 2 && t.bytes().all(|b| b.is_ascii_digit());
    let (hour, minute, second) =
        if clock.len() >= 3 && clock.len() <= 4 && clock.bytes().all(|b| b.is_ascii_digit()) {
            let (h, m) = clock.split_at(clock.len() - 2);
            (h, Some(m), None)
        } else {
            let mut pieces = clock.split(':');
            let h = pieces.next()?;
            let m = pieces.next();
            let sec = pieces.next();
            if pieces.next().is_some() {
                return None;
            }
            (h, m, sec)
        };
    if !digits(hour) || !minute.is_none_or(digits) {
        return None;
    }
    let second = match second {
        Some(sec) => {
            let whole = sec.split(['.', ',']).next().unwrap_or("");
            if !digits(whole) {
                return None;
            }
            Some(whole.to_string())
        }
        None => None,
    };
    let mut h: u32 = hour.parse().ok()?;
    match period {
        Some(_) if !(1..=12).contains(&h) => return None,
        Some('p') if h != 12 => h += 12,
        Some('a') if h == 12 => h = 0,
        _ => {}
    }
    Some((h.to_string(), minute.map(str::to_string), second))
}

/// Where each of the first `count` fields of the record starting at byte `start` begins. The csv
/// crate says where a record starts but not its fields; quotes are tracked so that commas and
/// newlines inside quoted fields are passed over.
fn field_starts(text: &str, start: usize, count: usize, lines: &LineIndex) -> Vec<Pos> {
    let bytes = text.as_bytes();
    // The csv crate may place a record at the line break that ends the one before it.
    let mut start = start.min(text.len());
    while matches!(bytes.get(start), Some(b'\r' | b'\n')) {
        start += 1;
    }
    let mut offsets = vec![start];
    let mut quoted = false;
    let mut i = start;
    while i < bytes.len() && offsets.len() < count {
        match bytes[i] {
            b'"' => quoted = !quoted,
            b',' if !quoted => offsets.push(i + 1),
            b'\n' if !quoted => break,
            _ => {}
        }
        i += 1;
    }
    offsets
        .into_iter()
        .map(|o| lines.position(text, o))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::model::Precision;

    #[test]
    fn an_unclosed_quote_is_found_and_closed_ones_are_not() {
        assert_eq!(unclosed_quote(b"a,\"b,c\nd,e\n", 0), Some(2));
        assert_eq!(unclosed_quote(b"a,\"b \"\"c\"\" d\"\nd,e\n", 0), None);
        assert_eq!(unclosed_quote(b"a,\"b\nc\"\n", 0), None);
        assert_eq!(unclosed_quote(b"a,5\" screen,c\n", 0), None);
        assert_eq!(unclosed_quote(b"\"x\"\"\n", 0), Some(0));
    }

    const HEADER: &str = "Year,Month,Day,Time,End Year,End Month,End Day,End Time,Display Date,Headline,Text,Media,Media Credit,Media Caption,Media Thumbnail,Type,Group,Background\n";

    fn read(body: &str) -> Result<Imported, LoadError> {
        parse(Path::new("t.csv"), "t.csv", &format!("{HEADER}{body}"))
    }

    #[test]
    fn times() {
        let t = |s: &str| parse_time(s);
        let some = |h: &str, m: Option<&str>, s: Option<&str>| {
            Some((h.to_string(), m.map(String::from), s.map(String::from)))
        };
        assert_eq!(t("10:30"), some("10", Some("30"), None));
        assert_eq!(t("10:30:15.5"), some("10", Some("30"), Some("15")));
        assert_eq!(t("1030"), some("10", Some("30"), None));
        assert_eq!(t("2:30 PM"), some("14", Some("30"), None));
        assert_eq!(t("12:05 a.m."), some("0", Some("05"), None));
        assert_eq!(t("9 am"), some("9", None, None));
        assert_eq!(t("noon"), None);
        assert_eq!(t("13 pm"), None);
        assert_eq!(t("1:2:3:4"), None);
    }

    #[test]
    fn quoted_fields_rows_and_types() {
        let imported = read(
            ",,,,,,,,,\"A, \"\"quoted\"\" title\",\"<p>line one</p>\n<p>two</p>\",,,,,title,,\n\
             -3500,,,,-3000,,,,,Bronze,,,,,,era,,\n\
             \"13,800,000,000\",,,,,,,,,Big bang,,,,,,,Cosmos,\n\
             -3200,,,,,,,,,Writing,,,,,,,,\n\
             622,8,9,10:30 PM,,,,,,Hijra,,,,,,,,\n",
        )
        .unwrap();
        let d = &imported.parsed.dataset;
        assert_eq!(d.title, "A, \"quoted\" title");
        assert_eq!(d.description.as_deref(), Some("line one\n\ntwo"));
        assert_eq!(d.eras.len(), 1);
        assert_eq!(d.eras[0].title, "Bronze");
        let labels: Vec<String> = d.events.iter().map(|e| e.date_label()).collect();
        assert_eq!(labels, ["3200 BCE", "9 Aug 622 22:30", "13800000000"]);
        assert_eq!(d.events[2].group.as_deref(), Some("Cosmos"));
        assert_eq!(d.events[1].start.precision(), Precision::Minute);
    }

    #[test]
    fn errors_point_at_the_cell() {
        let e = read("2025,2,30,,,,,,,Bad day,,,,,,,,\n2025,1,1,25:00,,,,,,Bad hour,,,,,,,,\n2025,1,1,x,,,,,,Bad time,,,,,,,,\n")
            .unwrap_err();
        let shown: Vec<String> = e.diagnostics.iter().map(ToString::to_string).collect();
        assert_eq!(
            shown,
            [
                "t.csv:4:10: row 4, Time: expected a time such as 10:30, 10:30:15 or 2:30 PM, found `x`",
                "t.csv:2:8: row 2, Day: 2025-02-30 is not a real calendar date",
                "t.csv:3:10: row 3, Time: `25` is out of range; expected 0 to 23",
            ]
        );
        let no_year = parse(Path::new("t.csv"), "t.csv", "Headline,Text\nx,y\n").unwrap_err();
        assert!(
            no_year.diagnostics[0]
                .to_string()
                .starts_with("t.csv:1:1: not a TimelineJS spreadsheet")
        );
    }
}
