//! Exports: native JSON and TimelineJS JSON read back as the same events, and iCalendar that an
//! independent parser (the `icalendar` crate) reads back as the events we meant.

mod common;
use common::{fixture, load as timeline};

use std::path::Path;

use bilateral::core::model::{Dataset, Event, Timeline};
use bilateral::core::selection::Selection;
use bilateral::formats::export::{ExportFormat, render};
use bilateral::formats::timelinejs;
use chrono::{NaiveDate, TimeZone, Utc};
use icalendar::{Calendar, Component, DatePerhapsTime, EventLike};

fn stamp() -> chrono::DateTime<Utc> {
    Utc.with_ymd_and_hms(2025, 5, 28, 9, 0, 0).unwrap()
}

fn export(format: ExportFormat, t: &Timeline) -> String {
    render(
        format,
        &Selection::new(t, t.events.iter().collect()),
        stamp(),
    )
    .unwrap()
    .text
}

/// Reads exported text back as the loader would from a file of that name.
fn reread(name: &str, text: &str) -> Dataset {
    timelinejs::parse_any(Path::new(name), name, text.as_bytes())
        .unwrap()
        .parsed
        .dataset
}

/// Every timeline the round trips are checked on: the built-in dataset (sources, quotes,
/// statuses, circa), deep time (BCE, cosmological, three-digit years, times, display dates,
/// groups, eras) and imported TimelineJS files.
fn samples() -> Vec<Timeline> {
    vec![
        timeline(vec![], true),
        timeline(vec![fixture("deep-time.json")], false),
        // Every EDTF form the model holds: windows, open and unknown ends, `~` and `?`.
        timeline(vec![fixture("edtf.json")], false),
        timeline(vec![fixture("timelinejs/women_in_computing.json")], false),
        timeline(vec![fixture("timelinejs/marktwain.json")], false),
        // Escape sequences, BiDi overrides and controls: shown safely, originals kept.
        timeline(vec![fixture("hostile.json")], false),
    ]
}

#[test]
fn native_json_export_loads_back_as_the_same_events() {
    for t in samples() {
        let back = reread("export.json", &export(ExportFormat::Json, &t));
        assert_eq!(back.events, t.events, "{}", t.title);
        assert_eq!(back.eras, t.eras, "{}", t.title);
        assert_eq!(back.as_of, t.as_of);
        assert_eq!(back.title, t.title);
    }
}

#[test]
fn native_to_timelinejs_to_native_loses_nothing() {
    for t in samples() {
        let text = export(ExportFormat::Timelinejs, &t);
        assert_eq!(
            timelinejs::detect(Path::new("out.json"), &text),
            timelinejs::Format::TimelineJsJson
        );
        let back = reread("out.json", &text);
        assert_eq!(back.events, t.events, "{}", t.title);
        assert_eq!(back.eras, t.eras, "{}", t.title);
        assert_eq!(back.as_of, t.as_of);
        assert_eq!(back.title, t.title);
    }
}

/// Without our `bilateral` extension (as after editing in a tool that drops unknown keys), the
/// standard TimelineJS fields alone still carry ids, titles, dates and their precision, groups,
/// display dates and eras.
#[test]
fn plain_timelinejs_fields_carry_dates_and_precision() {
    for t in samples() {
        let mut doc: serde_json::Value =
            serde_json::from_str(&export(ExportFormat::Timelinejs, &t)).unwrap();
        doc.as_object_mut().unwrap().remove("bilateral");
        for e in doc["events"].as_array_mut().unwrap() {
            e.as_object_mut().unwrap().remove("bilateral");
        }
        let back = reread("plain.json", &doc.to_string());
        assert_eq!(back.events.len(), t.events.len());
        // Windows and open ends need the extension (the export says so); plain TimelineJS holds
        // the rest exactly.
        let plain = |e: &&Event| e.is_plain_dated();
        for b in t.events.iter().filter(plain) {
            let a = back.events.iter().find(|a| a.id == b.id).unwrap();
            assert_eq!(a.title, b.title, "{}", b.id);
            assert_eq!(a.start, b.start, "{}", b.id);
            assert_eq!(a.start.precision(), b.start.precision(), "{}", b.id);
            assert_eq!(a.end, b.end, "{}", b.id);
            assert_eq!(a.group, b.group, "{}", b.id);
            assert_eq!(a.display_date, b.display_date, "{}", b.id);
            // Sources come back from the links listed in the text.
            let urls = |e: &Event| -> Vec<String> {
                let mut u: Vec<String> = e.sources.iter().filter_map(|s| s.url.clone()).collect();
                u.sort();
                u.dedup();
                u
            };
            assert_eq!(urls(a), urls(b), "{}", b.id);
        }
        assert_eq!(back.eras, t.eras);
    }
}

fn parse_ics(text: &str) -> Calendar {
    text.parse::<Calendar>().unwrap()
}

#[test]
fn exports_never_print_raw_control_characters() {
    let t = timeline(vec![fixture("hostile.json")], false);
    for format in [
        ExportFormat::Json,
        ExportFormat::Timelinejs,
        ExportFormat::Ics,
    ] {
        let text = export(format, &t);
        assert!(
            !text
                .chars()
                .any(|c| c != '\r' && c != '\n' && bilateral::core::sanitize::is_unsafe(c)),
            "{format:?}"
        );
    }
}

#[test]
fn ics_is_valid_and_holds_the_events_with_a_day() {
    let t = timeline(vec![fixture("deep-time.json")], true);
    let rendered = render(
        ExportFormat::Ics,
        &Selection::new(&t, t.events.iter().collect()),
        stamp(),
    )
    .unwrap();
    let text = &rendered.text;
    // CRLF everywhere, no line over 75 octets, continuation lines start with a space.
    assert!(text.ends_with("END:VCALENDAR\r\n"));
    for line in text.split("\r\n") {
        assert!(line.len() <= 75, "{} octets: {line:?}", line.len());
        assert!(!line.contains('\n') && !line.contains('\r'));
    }
    let cal = parse_ics(text);
    let events: Vec<&icalendar::Event> = cal.events().collect();
    let with_day: Vec<&Event> = t
        .events
        .iter()
        .filter(|e| {
            e.start.precision() >= bilateral::core::model::Precision::Day
                && e.start.year() > 0
                && e.extent == bilateral::core::model::Extent::Lasted
        })
        .collect();
    assert_eq!(events.len(), with_day.len());
    assert_eq!(
        rendered.notes.len(),
        t.events.len() - with_day.len(),
        "every left-out event is reported"
    );
    assert!(rendered.notes.iter().any(|n| n.contains("`big-bang`")));

    let by_uid = |uid: &str| {
        *events
            .iter()
            .find(|e| e.get_uid() == Some(uid))
            .unwrap_or_else(|| panic!("no {uid}"))
    };
    // A three-day visit: all-day, DTEND the day after the last day.
    let misri = by_uid("misri-visit@bilateral");
    let day = |y, m, d| {
        Some(DatePerhapsTime::Date(
            NaiveDate::from_ymd_opt(y, m, d).unwrap(),
        ))
    };
    assert_eq!(misri.get_start(), day(2025, 5, 27));
    assert_eq!(misri.get_end(), day(2025, 5, 30));
    assert!(text.contains("DTSTART;VALUE=DATE:20250527\r\n"));
    assert!(text.contains("DTEND;VALUE=DATE:20250530\r\n"));
    // Text survives escaping and folding as written.
    let original = t.find("misri-visit").unwrap();
    assert_eq!(misri.get_summary(), Some(original.title.as_ref()));
    let description = misri.get_description().unwrap();
    assert!(description.contains(original.summary.as_deref().unwrap()));
    assert_eq!(misri.get_timestamp(), Some(stamp()));
    // A three-digit year is still a calendar date.
    let hijra = by_uid("hijra@bilateral");
    assert_eq!(hijra.get_start(), day(622, 7, 16));
    assert_eq!(hijra.get_end(), day(622, 9, 25));
    assert!(
        hijra
            .get_description()
            .unwrap()
            .starts_with("Date: Summer 622")
    );
    // A time of day: a timed event in floating local time.
    let meeting = by_uid("meeting@bilateral");
    assert_eq!(
        meeting.get_start(),
        Some(DatePerhapsTime::DateTime(
            icalendar::CalendarDateTime::Floating(
                NaiveDate::from_ymd_opt(2025, 5, 27)
                    .unwrap()
                    .and_hms_opt(10, 30, 0)
                    .unwrap()
            )
        ))
    );
}

#[test]
fn ics_escapes_and_folds_awkward_text() {
    let json = r#"{"title": "Awkward; calendar, with \\ things", "events": [
        {"id": "x", "title": "Commas, semicolons; back\\slashes — and ünïcödé ✓ everywhere, repeated ünïcödé ✓ ünïcödé ✓ ünïcödé ✓",
         "start": "2025-05-27", "summary": "Line one,\nline two; with a long tail of text that must be folded at seventy-five octets without splitting é or ✓ characters.",
         "places": ["Washington, D.C."], "tags": ["a,b", "c;d"], "group": "G"}]}"#;
    let parsed = bilateral::formats::native::parse_str("awkward.json", json).unwrap();
    let t = bilateral::core::model::merge(vec![parsed.dataset]);
    let text = export(ExportFormat::Ics, &t);
    for line in text.split("\r\n") {
        assert!(line.len() <= 75);
    }
    let cal = parse_ics(&text);
    let e = cal.events().next().unwrap();
    let original = &t.events[0];
    assert_eq!(e.get_summary(), Some(original.title.as_ref()));
    assert_eq!(e.get_description(), original.summary.as_deref());
    assert_eq!(e.get_location(), Some("Washington, D.C."));
    assert_eq!(e.get_uid(), Some("x@bilateral"));
    assert!(text.contains("CATEGORIES:G,a\\,b,c\\;d\r\n"));
    assert!(text.contains("X-WR-CALNAME:Awkward\\; calendar\\, with \\\\ things\r\n"));
}

#[test]
fn uids_are_stable_across_exports() {
    let t = timeline(vec![], true);
    let uids = |text: &str| -> Vec<String> {
        parse_ics(text)
            .events()
            .filter_map(|e| e.get_uid().map(str::to_string))
            .collect()
    };
    let first = uids(&export(ExportFormat::Ics, &t));
    assert!(!first.is_empty());
    assert_eq!(first, uids(&export(ExportFormat::Ics, &t)));
    assert!(first.iter().all(|u| u.ends_with("@bilateral")));
}

/// Only http, https and mailto addresses become links, and only http and https ones media: a
/// `javascript:` source would run in the browser of whoever opens the export in an older
/// TimelineJS or another reader. The addresses themselves still travel, as data.
#[test]
fn timelinejs_links_and_media_are_only_web_and_mail_addresses() {
    let hostile = [
        "javascript:alert(1)",
        "JaVaScRiPt:alert(1)",
        " java\tscript:alert(1)",
        "data:text/html,<script>alert(1)</script>",
        "vbscript:msgbox(1)",
        "https://example.org/ok\u{1b}]0;x\u{7}",
    ];
    let safe = ["https://example.org/report", "mailto:desk@example.org"];
    let sources: Vec<String> = hostile
        .iter()
        .chain(&safe)
        .map(|u| {
            format!(
                r#"{{"title": "Source", "url": {}}}"#,
                serde_json::to_string(u).unwrap()
            )
        })
        .collect();
    let doc = format!(
        r#"{{"title": "Links", "events": [
            {{"id": "first", "title": "Script first", "start": "2025-05-01", "sources": [{}]}},
            {{"id": "web", "title": "Web", "start": "2025-05-02", "sources": [{}]}}
        ]}}"#,
        sources.join(", "),
        sources[hostile.len()]
    );
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("links.json");
    std::fs::write(&path, doc).unwrap();
    let t = timeline(vec![path], false);
    let rendered = render(
        ExportFormat::Timelinejs,
        &Selection::new(&t, t.events.iter().collect()),
        stamp(),
    )
    .unwrap();
    let json: serde_json::Value = serde_json::from_str(&rendered.text).unwrap();
    let slides = json["events"].as_array().unwrap();
    // The first event's first web address is its media, not the script before it.
    assert_eq!(slides[0]["media"]["url"], "https://example.org/report");
    assert_eq!(slides[1]["media"]["url"], "https://example.org/report");
    let text = slides[0]["text"]["text"].as_str().unwrap();
    let hrefs: Vec<&str> = text
        .split("href=\"")
        .skip(1)
        .map(|h| &h[..h.find('"').unwrap()])
        .collect();
    assert_eq!(
        hrefs,
        ["https://example.org/report", "mailto:desk@example.org"]
    );
    assert!(!text.to_lowercase().contains("script:"), "{text}");
    // Each address left out is named, and all of them are kept as data.
    assert_eq!(rendered.notes.len(), hostile.len(), "{:#?}", rendered.notes);
    let back = reread("out.json", &rendered.text);
    assert_eq!(back.events, t.events);
}
