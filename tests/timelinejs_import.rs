//! Importing the real TimelineJS files in tests/fixtures/timelinejs (copied unchanged from the
//! TimelineJS3 repository): every event, with dates and precisions checked by hand against the files.

mod common;

use std::path::{Path, PathBuf};

use bilateral::core::model::{Dataset, Event, Precision};
use bilateral::formats::diagnostics::LoadError;
use bilateral::formats::timelinejs::{self, Format, Imported};
use bilateral::store::load;

fn fixture(name: &str) -> PathBuf {
    common::fixture("timelinejs").join(name)
}

fn import(name: &str) -> Imported {
    load::read_imported(&fixture(name)).unwrap()
}

fn event<'a>(d: &'a Dataset, id: &str) -> &'a Event {
    d.events
        .iter()
        .find(|e| &*e.id == id)
        .unwrap_or_else(|| panic!("no event {id}"))
}

fn dates(e: &Event) -> (String, Option<String>, Precision) {
    (
        e.start.to_string(),
        e.end.map(|d| d.to_string()),
        e.start.precision(),
    )
}

#[test]
fn women_in_computing_json() {
    let imported = import("women_in_computing.json");
    assert_eq!(imported.format, Format::TimelineJsJson);
    let d = &imported.parsed.dataset;
    assert_eq!(&*d.title, "Women in Computing");
    assert!(
        d.description
            .as_deref()
            .unwrap()
            .starts_with("In this sample timeline, we'll walk you through")
    );
    assert_eq!(d.events.len(), 10);

    let ada = event(d, "ada-lovelace");
    assert_eq!(
        dates(ada),
        (
            "1815-12-10".into(),
            Some("1852-11-27".into()),
            Precision::Day
        )
    );
    assert_eq!(ada.date_label(), "10 Dec 1815 – 27 Nov 1852");
    assert!(ada.details.as_deref().unwrap().starts_with(
        "Women have been programming since before it was a thing. Take Ada Lovelace:"
    ));
    let urls: Vec<&str> = ada
        .sources
        .iter()
        .filter_map(|s| s.url.as_deref())
        .collect();
    assert_eq!(
        urls,
        [
            "https://upload.wikimedia.org/wikipedia/commons/thumb/a/a4/Ada_Lovelace_portrait.jpg/713px-Ada_Lovelace_portrait.jpg",
            "https://en.wikipedia.org/wiki/Ada_Lovelace",
            "https://en.wikipedia.org/wiki/Analytical_Engine",
        ]
    );
    assert_eq!(
        ada.sources[0].title,
        "Portrait by Alfred Edward Chalon (credit: Wikimedia Commons)"
    );

    // "year": "1943", "month": "7", "day": "" to "year": "1946": month, then year precision.
    let eniac = event(d, "and-the-women-who-made-it-work");
    assert_eq!(
        dates(eniac),
        ("1943-07".into(), Some("1946".into()), Precision::Month)
    );
    assert_eq!(eniac.end.unwrap().precision(), Precision::Year);
    assert_eq!(eniac.date_label(), "Jul 1943 – 1946");

    // "month": "3", "day": "14": single digits are fine.
    assert_eq!(
        dates(event(d, "edith-clarke-bucking-the-trend")),
        ("1948-03-14".into(), None, Precision::Day)
    );
    // The media here is a blockquote: kept as a quotation, tags and <cite> gone.
    let quote = event(d, "edith-clarke-bucking-the-trend").sources[0]
        .quote
        .as_deref()
        .unwrap();
    assert!(quote.starts_with("There is no demand for women engineers"));
    assert!(quote.ends_with(
        "Edith Clarke, first female professor of electrical engineering in the United States"
    ));

    assert_eq!(
        dates(event(d, "rózsa-péter-writes-recursion")),
        ("1951".into(), None, Precision::Year)
    );
    assert_eq!(
        dates(event(d, "contributions-to-space-exploration")),
        ("1956".into(), Some("1962".into()), Precision::Year)
    );
    assert_eq!(
        &*event(d, "the-mother-of-the-internet").title,
        "\"The Mother of the Internet\""
    );
    // Timeline order, whatever the file's order.
    let starts: Vec<String> = d.events.iter().map(|e| e.start.to_string()).collect();
    assert_eq!(
        starts,
        [
            "1815-12-10",
            "1943-06-05",
            "1943-07",
            "1948-03-14",
            "1951",
            "1952",
            "1956",
            "1958",
            "1972",
            "1985"
        ]
    );
}

#[test]
fn women_in_computing_import_lists_what_it_drops() {
    let imported = import("women_in_computing.json");
    let shown: Vec<String> = imported.warnings.iter().map(ToString::to_string).collect();
    let name = fixture("women_in_computing.json").display().to_string();
    // Two backgrounds (the title slide's and the ENIAC slide's) and every embedded media item.
    assert_eq!(shown.iter().filter(|w| w.contains("background")).count(), 2);
    assert!(shown.contains(&format!(
        "{name}:45:24: events[2].media.url: the YouTube video is not embedded; its address is kept as a source"
    )));
    assert!(shown.contains(&format!(
        "{name}:218:23: title.background: the background is not carried over"
    )));
    assert_eq!(shown.len(), 12);
}

#[test]
fn the_spreadsheet_csv_gives_the_same_timeline_as_the_json() {
    let csv = import("women_in_computing.csv");
    assert_eq!(csv.format, Format::TimelineJsCsv);
    let json = import("women_in_computing.json");
    let (c, j) = (&csv.parsed.dataset, &json.parsed.dataset);
    assert_eq!(c.title, j.title);
    assert_eq!(c.events.len(), 10);
    for (a, b) in c.events.iter().zip(&j.events) {
        assert_eq!((&a.id, &a.title), (&b.id, &b.title));
        assert_eq!(dates(a), dates(b), "{}", a.id);
        assert_eq!(
            a.end.map(|e| e.precision()),
            b.end.map(|e| e.precision()),
            "{}",
            a.id
        );
        let urls = |e: &Event| -> Vec<Option<String>> {
            e.sources.iter().map(|s| s.url.clone()).collect()
        };
        assert_eq!(urls(a), urls(b), "{}", a.id);
    }
    // Quoted fields with commas, doubled quotes and a newline inside.
    let eniac = event(c, "and-the-women-who-made-it-work");
    assert!(
        eniac
            .details
            .as_deref()
            .unwrap()
            .contains("Frances Elizabeth \"Betty\" Holberton")
    );
    let first = event(c, "the-first-computer");
    assert!(
        first
            .details
            .as_deref()
            .unwrap()
            .starts_with("Code named \"Project PX\"")
    );
    // Warnings name the spreadsheet cell.
    let name = fixture("women_in_computing.csv").display().to_string();
    let shown: Vec<String> = csv.warnings.iter().map(ToString::to_string).collect();
    assert!(
        shown.contains(&format!(
            "{name}:2:227: row 2, Background: the background is not carried over"
        )),
        "{shown:#?}"
    );
}

#[test]
fn marktwain_json() {
    let imported = import("marktwain.json");
    let d = &imported.parsed.dataset;
    assert_eq!(d.events.len(), 17);
    // No headline on the title slide: named after the file.
    assert_eq!(&*d.title, "marktwain");
    // Hour, minute and second given: kept to the minute.
    let florida = event(d, "florida-missouri");
    assert_eq!(
        dates(florida),
        ("2000-01-05T06:45".into(), None, Precision::Minute)
    );
    assert_eq!(florida.date_label(), "5 Jan 2000 06:45");
    let hannibal = event(d, "hannibal-missouri");
    assert_eq!(
        dates(hannibal),
        (
            "1920-01-05T06:45".into(),
            Some("1923-01-05T06:45".into()),
            Precision::Minute
        )
    );
    // Empty hour and minute strings mean absent: year precision.
    assert_eq!(
        dates(event(d, "get-started")),
        ("2014".into(), None, Precision::Year)
    );
    // Slides with no headline are titled from their caption, with a warning each.
    for id in ["a-youtube-video", "a-tweet", "another-youtube-video"] {
        assert_eq!(event(d, id).start.to_string(), "1900-01-06T06:45", "{id}");
    }
    let overview = event(d, "twain-caricatured-by-spy-for-vanity-fair-1908");
    assert_eq!(dates(overview), ("1908-05-13".into(), None, Precision::Day));
    assert!(overview.details.as_deref().unwrap().contains("Mark Twain"));
    let count = |needle: &str| {
        imported
            .warnings
            .iter()
            .filter(|w| w.message.contains(needle))
            .count()
    };
    assert_eq!(count("no headline; titled"), 4);
    assert_eq!(count("seconds are not kept"), 16);
    assert_eq!(count("map location"), 12);
    assert_eq!(count("slide type `overview`"), 1);
}

#[test]
fn load_reads_timelinejs_files_beside_native_ones() {
    let timeline = load::load(&load::Options {
        builtin: true,
        paths: vec![fixture("women_in_computing.csv"), fixture("marktwain.json")],
        ..Default::default()
    })
    .unwrap();
    // Built-in: 13 events from the 2025 report and 109 Office of the Historian records.
    assert_eq!(timeline.events.len(), 13 + 109 + 10 + 17);
    assert!(timeline.find("ada-lovelace").is_some());
    assert!(timeline.find("modi-visit").is_some());
}

fn errors(name: &str, text: &str) -> Vec<String> {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join(name);
    std::fs::write(&path, text).unwrap();
    let err: LoadError = load::load(&load::Options {
        builtin: false,
        paths: vec![path.clone()],
        ..Default::default()
    })
    .unwrap_err();
    let prefix = format!("{}:", path.display());
    err.diagnostics
        .iter()
        .map(|d| d.to_string().replacen(&prefix, "", 1))
        .collect()
}

#[test]
fn invalid_dates_are_reported_like_native_ones() {
    let json = "{\"title\": {\"text\": {\"headline\": \"T\"}},\n \"events\": [\n  {\"start_date\": {\"year\": \"1815\", \"month\": \"2\", \"day\": \"29\"}, \"text\": {\"headline\": \"Leap\"}},\n  {\"start_date\": {\"year\": \"1815\"}, \"end_date\": {\"year\": \"1814\"}, \"text\": {\"headline\": \"Back\"}}\n]}";
    assert_eq!(
        errors("t.json", json),
        [
            "3:56: events[0].start_date.day: 1815-02-29 is not a real calendar date",
            "4:48: events[1].end_date: end 1814 is before start 1815",
        ]
    );
    let native = "{\"title\": \"T\", \"events\": [\n  {\"id\": \"a\", \"title\": \"Leap\", \"start\": \"1815-02-29\"}]}";
    assert_eq!(
        errors("n.json", native),
        ["2:41: events[0] (a).start: 1815-02-29 is not a real calendar date"]
    );
    let csv = "Year,Month,Day,Headline\n1815,13,1,Bad month\n";
    assert_eq!(
        errors("t.csv", csv),
        ["2:6: row 2, Month: month 13 does not exist"]
    );
}

#[test]
fn an_unclosed_quote_in_a_spreadsheet_is_an_error_not_one_huge_headline() {
    let csv = "Year,Headline\n1947,\"Independence\n1950,Republic\n1951,First election\n";
    assert_eq!(
        errors("t.csv", csv),
        [
            "2:6: this quoted field is never closed, so every row after it would be read as part \
             of it; close the quote (a quote inside a quoted field is written twice: \"\")"
        ]
    );
    // Quotes that close, newlines and doubled quotes inside them, are fine.
    let csv = "Year,Headline\n1947,\"The \"\"tryst\"\"\nspeech\"\n1950,Republic\n";
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("ok.csv");
    std::fs::write(&path, csv).unwrap();
    let imported = load::read_imported(&path).expect("loads");
    assert_eq!(imported.parsed.dataset.events.len(), 2);
}

#[test]
fn timelinejs_files_with_colliding_ids_load_together_with_a_warning() {
    let dir = tempfile::tempdir().unwrap();
    let copy = dir.path().join("women_in_computing_copy.json");
    std::fs::copy(fixture("women_in_computing.json"), &copy).unwrap();
    let one = load::load(&load::Options {
        builtin: false,
        paths: vec![fixture("women_in_computing.json")],
        ..Default::default()
    })
    .unwrap();
    let both = load::load(&load::Options {
        builtin: false,
        paths: vec![fixture("women_in_computing.json"), copy],
        ..Default::default()
    })
    .expect("colliding ids no longer refuse everything");
    assert_eq!(
        both.events.len(),
        2 * one.events.len(),
        "every event from both"
    );
    assert_eq!(both.warnings.len(), one.events.len());
    assert!(both.find("ada-lovelace").is_some());
    assert!(both.find("women_in_computing_copy:ada-lovelace").is_some());
    assert!(
        both.warnings
            .iter()
            .any(|w| w.contains("id `ada-lovelace` is also used at")),
        "{:?}",
        both.warnings
    );
}

#[test]
fn detection_is_by_shape_not_name() {
    let text = std::fs::read_to_string(fixture("marktwain.json")).unwrap();
    assert_eq!(
        timelinejs::detect(Path::new("anything.txt"), &text),
        Format::TimelineJsJson
    );
    assert_eq!(
        timelinejs::detect(Path::new("x.json"), bilateral::store::load::BUILTIN_JSON),
        Format::Native
    );
}

#[test]
fn imported_text_is_sanitised_like_native_text() {
    let json = r#"{"title": {"text": {"headline": "T\u001b[2J"}}, "events": [
        {"start_date": {"year": 2025}, "group": "G\u202e",
         "text": {"headline": "Title \u001b]0;PWNED\u0007", "text": "<p>x\u009b31m</p>"},
         "media": {"url": "https://e.org/\u200b", "caption": "c\u0007"}}]}"#;
    let imported = timelinejs::parse_any(Path::new("h.json"), "h.json", json.as_bytes()).unwrap();
    let d = &imported.parsed.dataset;
    assert_eq!(&*d.title, "T␛[2J");
    let e = &d.events[0];
    assert_eq!(&*e.title, "Title ␛]0;PWNED␇");
    assert_eq!(e.group.as_deref(), Some("G⟨U+202E⟩"));
    assert_eq!(e.details.as_deref(), Some("x⟨U+009B⟩31m"));
    assert_eq!(&*e.sources[0].title, "c␇");
    assert_eq!(e.sources[0].url.as_deref(), Some("https://e.org/⟨U+200B⟩"));
    // The original is kept for JSON output, as for native files.
    let original = e.original.as_deref().unwrap();
    assert_eq!(&*original.title, "Title \u{1b}]0;PWNED\u{7}");
    assert_eq!(original.id, e.id);
}
