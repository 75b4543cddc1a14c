//! Reading TimelineJS JSON into slides, remembering where each value was written.
//!
//! TimelineJS is lenient: date parts may be strings or numbers, empty strings and `null` mean
//! absent, and unknown keys are ignored. This reader is as lenient about the form, but every key it
//! does not carry over is reported as a warning, and every value of the wrong type as an error at
//! its `line:column`.

use std::path::Path;

use serde_json::value::RawValue;

use super::{
    DatasetExtension, Extension, Format, Imported, Media, Parts, Pos, Report, Slide, Slides, Text,
    join, map,
};
use crate::core::sanitize;
use crate::formats::diagnostics::{Entries, LineIndex, LoadError, kind_of};

/// Reads a TimelineJS JSON file's text.
pub fn parse(path: &Path, file: &str, text: &str) -> Result<Imported, LoadError> {
    let mut reader = Reader {
        text,
        lines: LineIndex::new(text),
        report: Report::new(file),
    };
    let slides = reader.document();
    map(path, slides, reader.report, Format::TimelineJsJson)
}

struct Reader<'a> {
    text: &'a str,
    lines: LineIndex,
    report: Report<'a>,
}

impl<'a> Reader<'a> {
    fn pos(&self, raw: &RawValue) -> Pos {
        let offset = (raw.get().as_ptr() as usize).saturating_sub(self.text.as_ptr() as usize);
        self.lines.position(self.text, offset)
    }

    /// Reports a serde_json error inside `slice` (which lies in the file) at its true place.
    fn json_error(&mut self, slice: &str, e: &serde_json::Error, field: &str) {
        let base = (slice.as_ptr() as usize).saturating_sub(self.text.as_ptr() as usize);
        let offset = base + LineIndex::offset_in(slice, e.line(), e.column());
        let at = self.lines.position(self.text, offset);
        let full = e.to_string();
        let message = match full.rfind(" at line ") {
            Some(i) => full[..i].to_string(),
            None => full,
        };
        self.report.error(Some(at), field, message);
    }

    fn object(&mut self, raw: &'a RawValue, field: &str) -> Option<Vec<(String, &'a RawValue)>> {
        if !raw.get().starts_with('{') {
            let at = self.pos(raw);
            self.report.error(
                Some(at),
                field,
                format!("expected an object, found {}", kind_of(raw)),
            );
            return None;
        }
        match serde_json::from_str::<Entries>(raw.get()) {
            Ok(Entries(entries)) => Some(entries),
            Err(e) => {
                self.json_error(raw.get(), &e, field);
                None
            }
        }
    }

    fn array(&mut self, raw: &'a RawValue, field: &str) -> Vec<&'a RawValue> {
        if !raw.get().starts_with('[') {
            let at = self.pos(raw);
            self.report.error(
                Some(at),
                field,
                format!("expected an array, found {}", kind_of(raw)),
            );
            return Vec::new();
        }
        serde_json::from_str::<Vec<&RawValue>>(raw.get()).unwrap_or_default()
    }

    /// A string (or, for date parts, a number) as text; `null` and `""` are absent.
    fn text(&mut self, raw: &RawValue, field: &str, numbers: bool) -> Option<Text> {
        let at = self.pos(raw);
        let value = match raw.get().as_bytes().first() {
            Some(b'"') => serde_json::from_str::<String>(raw.get()).ok()?,
            Some(b'n') => return None,
            Some(b'-' | b'0'..=b'9') if numbers => raw.get().to_string(),
            _ => {
                let expected = if numbers {
                    "a string or a number"
                } else {
                    "a string"
                };
                self.report.error(
                    Some(at),
                    field,
                    format!("expected {expected}, found {}", kind_of(raw)),
                );
                return None;
            }
        };
        (!value.trim().is_empty()).then_some(Text { value, at })
    }

    /// Warns that a key is not carried over, unless its value is empty.
    fn dropped(&mut self, raw: &RawValue, field: &str, what: &str) {
        let empty = matches!(raw.get(), "null" | "\"\"" | "{}" | "[]" | "false");
        if !empty {
            let at = self.pos(raw);
            // Name a short string value, so `"type": "overview"` says what was dropped.
            let shown = serde_json::from_str::<String>(raw.get())
                .ok()
                .filter(|v| v.chars().count() <= 40)
                .map_or(String::new(), |v| format!(" `{}`", sanitize::line(&v)));
            self.report.warn(
                Some(at),
                field,
                format!("{what}{shown} is not carried over"),
            );
        }
    }

    fn document(&mut self) -> Slides {
        let mut slides = Slides::default();
        let top = match serde_json::from_str::<Entries>(self.text) {
            Ok(Entries(entries)) => entries,
            Err(e) => {
                let text = self.text;
                self.json_error(text, &e, "");
                return slides;
            }
        };
        let mut has_events = false;
        for (key, value) in &top {
            let key_shown = sanitize::line(key);
            match key.as_str() {
                "title" => slides.title = self.slide(value, "title".into()),
                "events" => {
                    has_events = true;
                    for (i, raw) in self.array(value, "events").into_iter().enumerate() {
                        slides
                            .events
                            .extend(self.slide(raw, format!("events[{i}]")));
                    }
                }
                "eras" => {
                    for (i, raw) in self.array(value, "eras").into_iter().enumerate() {
                        slides.eras.extend(self.slide(raw, format!("eras[{i}]")));
                    }
                }
                // TimelineJS's choice of "human" or "cosmological" axis; dates here need no hint.
                "scale" => {}
                "bilateral" => {
                    slides.extension = self.extension::<DatasetExtension>(value, "bilateral")
                }
                _ => self.dropped(value, &key_shown, &format!("the field `{key_shown}`")),
            }
        }
        if !has_events {
            self.report
                .error(Some((1, 1)), "", "missing required field `events`");
        }
        slides
    }

    fn slide(&mut self, raw: &'a RawValue, path: String) -> Option<Slide> {
        let errors_before = self.report.error_count();
        let entries = self.object(raw, &path)?;
        let mut slide = Slide {
            at: self.pos(raw),
            path: path.clone(),
            ..Slide::default()
        };
        for (key, value) in &entries {
            let field = join(&path, &sanitize::line(key));
            match key.as_str() {
                "start_date" => slide.start = self.parts(value, &field),
                "end_date" => slide.end = self.parts(value, &field),
                "display_date" => slide.display_date = self.text(value, &field, false),
                "group" => slide.group = self.text(value, &field, false),
                "unique_id" => slide.unique_id = self.text(value, &field, true),
                "text" => {
                    for (k, v) in self.object(value, &field).unwrap_or_default() {
                        let sub = join(&field, &sanitize::line(&k));
                        match k.as_str() {
                            "headline" => slide.headline = self.text(v, &sub, false),
                            "text" => slide.text = self.text(v, &sub, false),
                            _ => self.dropped(v, &sub, "this field"),
                        }
                    }
                }
                "media" => slide.media = self.media(value, &field),
                "background" => self.dropped(value, &field, "the background"),
                "location" => self.dropped(value, &field, "the map location"),
                "type" => self.dropped(value, &field, "the slide type"),
                // TimelineJS's switch for turning URLs in text into links: nothing to carry.
                "autolink" => {}
                "bilateral" => {
                    slide.extension = self
                        .extension::<Extension>(value, &field)
                        .map(|e| (e, self.pos(value)))
                }
                _ => self.dropped(value, &field, "this field"),
            }
        }
        // A slide with a value of the wrong type is reported once, where the value is, not again
        // as a slide missing that value.
        (self.report.error_count() == errors_before).then_some(slide)
    }

    fn parts(&mut self, raw: &'a RawValue, field: &str) -> Option<Parts> {
        if raw.get() == "null" {
            return None;
        }
        let entries = self.object(raw, field)?;
        let mut parts = Parts {
            at: self.pos(raw),
            field: field.to_string(),
            ..Parts::default()
        };
        for (key, value) in &entries {
            let sub = join(field, &sanitize::line(key));
            let slot = match key.as_str() {
                "year" => &mut parts.year,
                "month" => &mut parts.month,
                "day" => &mut parts.day,
                "hour" => &mut parts.hour,
                "minute" => &mut parts.minute,
                "second" => &mut parts.second,
                "millisecond" => &mut parts.millisecond,
                "display_date" => &mut parts.display_date,
                "format" => &mut parts.format,
                _ => {
                    self.dropped(value, &sub, "this field");
                    continue;
                }
            };
            *slot = self.text(value, &sub, true);
        }
        // `"end_date": {"year": ""}` is how spreadsheets say "no end date".
        let all_empty = [
            &parts.year,
            &parts.month,
            &parts.day,
            &parts.hour,
            &parts.minute,
            &parts.display_date,
        ]
        .iter()
        .all(|t| t.is_none());
        (!all_empty).then_some(parts)
    }

    fn media(&mut self, raw: &'a RawValue, field: &str) -> Option<Media> {
        if raw.get() == "null" {
            return None;
        }
        let entries = self.object(raw, field)?;
        let mut media = Media::default();
        for (key, value) in &entries {
            let sub = join(field, &sanitize::line(key));
            match key.as_str() {
                "url" => media.url = self.text(value, &sub, false),
                "caption" => media.caption = self.text(value, &sub, false),
                "credit" => media.credit = self.text(value, &sub, false),
                "thumbnail" => media.thumbnail = self.text(value, &sub, false),
                // TimelineJS options for how to show the media; the address is what we keep.
                "alt" | "title" | "link" | "link_target" => {
                    self.dropped(value, &sub, "this media field")
                }
                _ => self.dropped(value, &sub, "this field"),
            }
        }
        Some(media)
    }

    /// Our own native fields, written by `export`; strict, like the native format.
    fn extension<T: serde::de::DeserializeOwned>(
        &mut self,
        raw: &'a RawValue,
        field: &str,
    ) -> Option<T> {
        match serde_json::from_str::<T>(raw.get()) {
            Ok(v) => Some(v),
            Err(e) => {
                self.json_error(raw.get(), &e, field);
                None
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::model::Precision;

    fn read(text: &str) -> Result<Imported, LoadError> {
        parse(Path::new("t.json"), "t.json", text)
    }

    fn errors(text: &str) -> Vec<String> {
        read(text)
            .unwrap_err()
            .diagnostics
            .iter()
            .map(ToString::to_string)
            .collect()
    }

    #[test]
    fn numbers_strings_and_empty_parts() {
        let imported = read(
            r#"{"events": [
              {"start_date": {"year": 1815, "month": "12", "day": 10}, "text": {"headline": "A"}},
              {"start_date": {"year": "1943", "month": "7", "day": ""},
               "end_date": {"year": "1946", "month": "", "day": ""}, "text": {"headline": "B"}},
              {"start_date": {"year": "-13800000000"}, "end_date": {"year": ""},
               "text": {"headline": "C"}}
            ]}"#,
        )
        .unwrap();
        let events = &imported.parsed.dataset.events;
        assert_eq!(events[0].start.label(), "13.8 billion years ago");
        assert_eq!(events[0].end, None);
        assert_eq!(events[1].start.to_string(), "1815-12-10");
        assert_eq!(events[2].start.precision(), Precision::Month);
        assert_eq!(events[2].end.unwrap().precision(), Precision::Year);
        assert_eq!(events[2].date_label(), "Jul 1943 – 1946");
    }

    #[test]
    fn invalid_dates_are_errors_at_their_place() {
        let text = "{\"events\": [\n  {\"start_date\": {\"year\": 2025, \"month\": 2, \"day\": 30},\n   \"text\": {\"headline\": \"x\"}},\n  {\"start_date\": {\"year\": \"1x\"}}, {\"start_date\": {\"month\": 3}},\n  {\"start_date\": {\"year\": 2025, \"month\": 13}}, {\"start_date\": {\"year\": 2025, \"day\": 3}}]}";
        assert_eq!(
            errors(text),
            [
                "t.json:2:52: events[0].start_date.day: 2025-02-30 is not a real calendar date",
                "t.json:4:27: events[1].start_date.year: expected a whole number, found `1x`",
                "t.json:4:50: events[2].start_date: a date needs a year",
                "t.json:5:42: events[3].start_date.month: month 13 does not exist",
                "t.json:5:85: events[4].start_date.day: a day needs a month",
            ]
        );
    }

    #[test]
    fn wrong_types_and_bad_json() {
        assert_eq!(
            errors(r#"{"events": [{"start_date": {"year": true}, "text": "x"}]}"#),
            [
                "t.json:1:37: events[0].start_date.year: expected a string or a number, found a boolean",
                "t.json:1:52: events[0].text: expected an object, found a string",
            ]
        );
        assert_eq!(
            errors("{\"events\": [\n  {\"start_date\": {\"year\": 1},}\n]}"),
            ["t.json:2:30: key must be a string"]
        );
        assert_eq!(
            errors(r#"{"title": {"text": {"headline": "x"}}}"#),
            ["t.json:1:1: missing required field `events`"]
        );
    }

    #[test]
    fn times_seconds_and_end_before_start() {
        let imported = read(
            r#"{"events": [{"start_date": {"year": "2000", "month": "01", "day": "05",
              "hour": "6", "minute": "45", "second": "56", "millisecond": "", "format": ""},
              "text": {"headline": "x"}}]}"#,
        )
        .unwrap();
        let e = &imported.parsed.dataset.events[0];
        assert_eq!(e.start.to_string(), "2000-01-05T06:45");
        let warnings: Vec<String> = imported.warnings.iter().map(ToString::to_string).collect();
        assert_eq!(
            warnings,
            [
                "t.json: no title slide; the timeline is titled “t” after its file",
                "t.json:2:54: events[0].start_date.second: seconds are not kept; the date is kept to the minute",
            ]
        );
        assert_eq!(
            errors(
                r#"{"events": [{"start_date": {"year": 2001}, "end_date": {"year": 2000},
                "text": {"headline": "x"}}]}"#
            ),
            ["t.json:1:56: events[0].end_date: end 2000 is before start 2001"]
        );
        assert_eq!(
            errors(r#"{"events": [{"start_date": {"year": 2001, "hour": 3}}]}"#),
            ["t.json:1:51: events[0].start_date.hour: a time of day needs a day"]
        );
    }

    #[test]
    fn extension_is_strict() {
        let bad = r#"{"events": [{"start_date": {"year": 2001}, "text": {"headline": "x"},
            "bilateral": {"status": "maybe", "colour": 1}}]}"#;
        let errs = errors(bad);
        assert_eq!(errs.len(), 1);
        // serde_json places the error just after the unknown key.
        assert!(
            errs[0].starts_with("t.json:2:53: events[0].bilateral: unknown field `colour`"),
            "{errs:?}"
        );
        let bad_status = r#"{"events": [{"start_date": {"year": 2001}, "text": {"headline": "x"},
            "bilateral": {"status": "maybe"}}]}"#;
        assert_eq!(
            errors(bad_status),
            [
                "t.json:2:26: events[0].bilateral.status: unknown status `maybe`; expected happened, ongoing, scheduled or expected"
            ]
        );
    }
}
