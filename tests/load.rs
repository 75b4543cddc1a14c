//! The loader's rules, through the public library API, on files in tests/fixtures.

mod common;
use common::fixture;

use std::path::PathBuf;

use bilateral::core::model::Precision;
use bilateral::store::load::{self, Options};

fn errors(paths: &[PathBuf]) -> Vec<String> {
    let options = Options {
        builtin: false,
        paths: paths.to_vec(),
        ..Default::default()
    };
    let err = load::load(&options).expect_err("should fail");
    err.diagnostics.iter().map(ToString::to_string).collect()
}

fn parse_errors(text: &str) -> Vec<String> {
    let err = bilateral::formats::native::parse_str("t.json", text).expect_err("should fail");
    err.diagnostics.iter().map(ToString::to_string).collect()
}

#[test]
fn every_problem_in_a_file_is_reported_with_its_position() {
    let path = fixture("bad/many-problems.json");
    let name = path.display().to_string();
    let got = errors(&[path]);
    let want = [
        format!("{name}:4:50: events[0] (a).start: expected a string, found a number"),
        format!("{name}:5:54: events[1] (b).start: 2025-02-30 is not a real calendar date"),
        format!("{name}:6:82: events[2] (c).end: end 2025-05-27 is before start 2025-05-29"),
        format!("{name}:8:27: events[4] (e).titel: unknown field `titel`; did you mean `title`?"),
        format!("{name}:8:5: events[4] (e): missing required field `title`"),
        format!(
            "{name}:9:72: events[5] (f).status: unknown status `done`; expected happened, ongoing, scheduled or expected"
        ),
        format!("{name}:7:13: events[3].id: duplicate id `a`, first used at 4:13"),
    ];
    for w in &want {
        assert!(got.contains(w), "missing {w}\n got: {got:#?}");
    }
    assert_eq!(got.len(), want.len(), "{got:#?}");
}

#[test]
fn syntax_errors_point_at_the_place() {
    let path = fixture("bad/syntax.json");
    let got = errors(std::slice::from_ref(&path));
    assert_eq!(got, [format!("{}:5:3: expected value", path.display())]);
}

#[test]
fn ids_repeated_across_files_are_qualified_by_file_with_a_warning() {
    let dir = tempfile::tempdir().unwrap();
    let (a, b) = (dir.path().join("a.json"), dir.path().join("b.json"));
    std::fs::copy(fixture("good.json"), &a).unwrap();
    std::fs::copy(fixture("good.json"), &b).unwrap();
    let t = load::load(&Options {
        builtin: false,
        paths: vec![a.clone(), b.clone()],
        ..Default::default()
    })
    .expect("both files load");
    assert_eq!(t.events.len(), 8, "every event of both files");
    assert!(t.find("later").is_some() && t.find("b:later").is_some());
    assert_eq!(t.warnings.len(), 4);
    let w = &t.warnings[0];
    assert!(w.starts_with(&b.display().to_string()), "{w}");
    assert!(
        w.contains(&format!("is also used at {}:", a.display())) && w.contains("here it is `b:"),
        "{w}"
    );
    // A repeat inside one file is still an error.
    std::fs::write(
        &a,
        r#"{"title": "A", "events": [{"id": "x", "title": "x", "start": "2025"},
            {"id": "x", "title": "y", "start": "2025"}]}"#,
    )
    .unwrap();
    let got = errors(&[a]);
    assert!(
        got.iter().any(|e| e.contains("duplicate id `x`")),
        "{got:?}"
    );
}

#[test]
fn sorted_by_earliest_moment_then_coarser_precision_then_id() {
    let options = Options {
        builtin: false,
        paths: vec![fixture("good.json")],
        ..Default::default()
    };
    let t = load::load(&options).unwrap();
    let ids: Vec<&str> = t.events.iter().map(|e| e.id.as_ref()).collect();
    assert_eq!(ids, ["year", "month", "day", "later"]);
    assert_eq!(t.events[1].start.precision(), Precision::Month);
    assert_eq!(t.events[1].date_label(), "Mar 2025");
    assert_eq!(t.as_of.unwrap().to_string(), "2025-06-01");
}

#[test]
fn a_folder_loads_its_json_files() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::copy(fixture("good.json"), dir.path().join("a.json")).unwrap();
    std::fs::write(dir.path().join("notes.txt"), "not a timeline").unwrap();
    let t = load::load(&Options {
        builtin: false,
        paths: vec![dir.path().to_path_buf()],
        ..Default::default()
    })
    .unwrap();
    assert_eq!(t.events.len(), 4);
    let empty = tempfile::tempdir().unwrap();
    let got = errors(&[empty.path().to_path_buf()]);
    assert!(got[0].ends_with("folder holds no *.json files"), "{got:?}");
}

#[test]
fn structural_rules() {
    let cases = [
        ("", "file is empty"),
        ("[]", "expected a JSON object"),
        (r#"{"events": []}"#, "missing required field `title`"),
        (r#"{"title": "x"}"#, "missing required field `events`"),
        (
            r#"{"title": "x", "events": {}}"#,
            "events: expected an array, found an object",
        ),
        (
            r#"{"title": "x", "title": "y", "events": []}"#,
            "title: field is given twice",
        ),
        (
            r#"{"title": "x", "events": [{"id": "a b", "title": "t", "start": "2025"}]}"#,
            "is not a slug",
        ),
        (
            r#"{"title": "x", "events": [{"id": "a", "title": "  ", "start": "2025"}]}"#,
            "title: must not be empty",
        ),
        (
            r#"{"title": "x", "events": [{"id": "a", "title": "t\nu", "start": "2025"}]}"#,
            "must be one line",
        ),
        (
            r#"{"title": "x", "events": [{"id": "a", "title": "t", "start": "2025", "circa": "yes"}]}"#,
            "expected true or false",
        ),
        (
            r#"{"title": "x", "events": [{"id": "a", "title": "t", "start": "2025", "tags": ["", 3]}]}"#,
            "tags[0]: must not be empty",
        ),
        (
            r#"{"title": "x", "events": [{"id": "a", "title": "t", "start": "2025", "sources": [{"quote": "q"}]}]}"#,
            "sources[0]: missing required field `title`",
        ),
        (
            r#"{"title": "x", "events": [{"id": "a", "title": "t", "start": "2025", "sources": [{"title": "s", "page": 3}]}]}"#,
            "unknown field `page`",
        ),
        (
            r#"{"title": "x", "events": [42]}"#,
            "events[0]: expected an object, found a number",
        ),
        (
            r#"{"title": "x", "as_of": "28 May 2025", "events": []}"#,
            "as_of: expected a date as YYYY",
        ),
    ];
    for (text, want) in cases {
        let got = parse_errors(text);
        assert!(
            got.iter().any(|g| g.contains(want)),
            "{text}: want {want:?}, got {got:#?}"
        );
    }
}

#[test]
fn a_valid_file_with_every_field_loads() {
    let text = r#"{
      "title": "All fields", "as_of": "2025-05-28", "description": "d",
      "events": [{
        "id": "x", "title": "T", "start": "2025-05-27", "end": "2025-05-29", "circa": true,
        "status": "expected", "kind": "visit", "summary": "s", "details": "d1\nd2",
        "actors": ["A"], "places": ["P"], "tags": ["t"],
        "sources": [{"title": "S", "file": "f.txt", "url": null, "published": "2025-05-28", "quote": "q"}]
      }]
    }"#;
    let parsed = bilateral::formats::native::parse_str("all.json", text).expect("valid");
    let e = &parsed.dataset.events[0];
    assert_eq!(e.date_label(), "c. 27–29 May 2025");
    assert_eq!(e.details.as_deref(), Some("d1\nd2"));
    assert_eq!(e.sources[0].published.unwrap().to_string(), "2025-05-28");
}

#[test]
fn the_fast_path_refuses_whatever_the_careful_reader_refuses() {
    let base = |event: &str| format!(r#"{{"title": "x", "events": [{event}]}}"#);
    let cases = [
        base(r#"{"id": "a", "title": "t", "start": "2025", "end": null}"#),
        base(r#"{"id": "a", "title": "t", "start": "2025", "kind": null}"#),
        base(r#"{"id": "a", "title": "t", "start": "2025", "tags": null}"#),
        base(r#"{"id": "a", "title": "t", "start": "2025", "circa": null}"#),
        base(r#"{"id": "a", "title": "t", "start": "2025", "status": null}"#),
        base(r#"{"id": "a", "title": "t", "start": "2025", "sources": [{"title": null}]}"#),
        base(r#"{"id": "a", "title": "t", "start": "2025", "group": " "}"#),
        base(r#"{"id": "a", "title": "t", "start": "2025", "tags": ["ok", " "]}"#),
        base(
            r#"{"id": "a", "title": "t", "start": "2025"}, {"id": "a", "title": "u", "start": "2025"}"#,
        ),
        base(r#"{"id": "a", "title": "t", "title": "u", "start": "2025"}"#),
        r#"{"title": "x", "as_of": null, "events": []}"#.to_string(),
        r#"{"title": "x", "eras": null, "events": []}"#.to_string(),
        r#"{"title": "x", "eras": [{"title": "e", "start": "2020", "end": "2019"}], "events": []}"#
            .to_string(),
        // Titles are one line, the timeline's own and its eras' as much as its events'.
        r#"{"title": "x\ny", "events": []}"#.to_string(),
        r#"{"title": "x\r# Injected", "events": []}"#.to_string(),
        r#"{"title": "x", "eras": [{"title": "e\nf", "start": "2019", "end": "2020"}], "events": []}"#
            .to_string(),
        base(r#"{"id": "a", "title": "t\ru", "start": "2025"}"#),
    ];
    for text in &cases {
        assert!(
            bilateral::formats::native::careful("t.json", text).is_err(),
            "careful accepts {text}"
        );
        assert!(
            bilateral::formats::native::parse_str("t.json", text).is_err(),
            "fast path accepts {text}"
        );
    }
    // And the nullable fields stay nullable on both paths.
    let ok = base(
        r#"{"id": "a", "title": "t", "start": "2025", "summary": null, "details": null,
        "sources": [{"title": "s", "file": null, "url": null, "published": null, "quote": null}]}"#,
    );
    assert_eq!(
        bilateral::formats::native::parse_str("t.json", &ok)
            .unwrap()
            .dataset,
        bilateral::formats::native::careful("t.json", &ok)
            .unwrap()
            .dataset
    );
}
