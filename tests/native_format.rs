//! The native format's newer fields: `group`, `display_date` and `eras`, and dates beyond the
//! modern calendar, with errors as precise as the rest of the format's.

use bilateral::core::model::Precision;

fn errors(json: &str) -> Vec<String> {
    bilateral::formats::native::parse_str("t.json", json)
        .unwrap_err()
        .diagnostics
        .iter()
        .map(ToString::to_string)
        .collect()
}

#[test]
fn groups_display_dates_and_eras_load() {
    let parsed = bilateral::formats::native::parse_str(
        "t.json",
        r#"{"title": "T",
            "eras": [{"title": "Bronze Age", "start": "-3300", "end": "-1200"}],
            "events": [
              {"id": "a", "title": "Writing", "start": "-3200", "group": "People"},
              {"id": "b", "title": "Big bang", "start": "-13800000000"},
              {"id": "c", "title": "Hijra", "start": "622-07-16", "display_date": "Summer 622"},
              {"id": "d", "title": "Meeting", "start": "2025-05-27T10:30"}]}"#,
    )
    .unwrap();
    let d = parsed.dataset;
    assert_eq!(&*d.eras[0].title, "Bronze Age");
    assert_eq!(d.eras[0].start.year(), -3300);
    assert_eq!(d.events[0].group.as_deref(), Some("People"));
    assert_eq!(d.events[1].start.label(), "13.8 billion years ago");
    assert_eq!(d.events[2].date_label(), "Summer 622");
    assert_eq!(d.events[2].start.label(), "16 Jul 622");
    assert_eq!(d.events[3].start.precision(), Precision::Minute);
    let t = bilateral::core::model::merge(vec![d]);
    let order: Vec<&str> = t.events.iter().map(|e| e.id.as_ref()).collect();
    assert_eq!(order, ["b", "a", "c", "d"]);
    assert_eq!(t.eras_of(t.find("a").unwrap()).count(), 1);
    assert_eq!(t.eras_of(t.find("c").unwrap()).count(), 0);
}

#[test]
fn era_and_group_mistakes_are_reported_in_place() {
    let json = "{\"title\": \"T\",\n \"eras\": [{\"title\": \"A\", \"start\": \"-100\", \"end\": \"-200\"},\n  {\"title\": \"\", \"start\": \"2025\", \"end\": \"2026\", \"colour\": \"red\"},\n  {\"start\": \"2025\"}],\n \"events\": [{\"id\": \"a\", \"title\": \"x\", \"start\": \"2025\", \"group\": \"\", \"grop\": 1}]}";
    assert_eq!(
        errors(json),
        [
            "t.json:2:50: eras[0].end: end -0200 is before start -0100",
            "t.json:3:13: eras[1].title: must not be empty",
            "t.json:3:59: eras[1].colour: unknown field `colour`; known fields: title, start, end",
            "t.json:4:3: eras[2]: missing required field `title`",
            "t.json:4:3: eras[2]: missing required field `end`",
            "t.json:5:65: events[0] (a).group: must not be empty",
            "t.json:5:77: events[0] (a).grop: unknown field `grop`; did you mean `group`?",
        ]
    );
}

#[test]
fn eras_merge_across_files_in_date_order() {
    let a = bilateral::formats::native::parse_str(
        "a.json",
        r#"{"title": "A", "eras": [{"title": "Later", "start": "2000", "end": "2010"}], "events": []}"#,
    )
    .unwrap();
    let b = bilateral::formats::native::parse_str(
        "b.json",
        r#"{"title": "B", "eras": [{"title": "Earlier", "start": "-500", "end": "1"}], "events": []}"#,
    )
    .unwrap();
    let t = bilateral::core::model::merge(vec![a.dataset, b.dataset]);
    let titles: Vec<&str> = t.eras.iter().map(|e| e.title.as_ref()).collect();
    assert_eq!(titles, ["Earlier", "Later"]);
}

/// What `bilateral generate` writes loads as the native format (checked here, above the core).
#[test]
fn generated_data_loads() {
    use bilateral::core::generate::{Spec, write};
    let mut bytes = Vec::new();
    write(
        Spec {
            events: 200,
            seed: 7,
        },
        &mut bytes,
    )
    .unwrap();
    let parsed = bilateral::formats::native::parse_bytes("gen.json", &bytes)
        .expect("generated data is valid");
    assert_eq!(parsed.dataset.events.len(), 200);
}

/// EDTF dates: every form loads, reads in words, sorts by its best estimate, and filters keep
/// only what is certainly in range.
#[test]
fn edtf_dates_load_read_sort_and_filter() {
    use bilateral::core::model::{Extent, Status};
    use bilateral::core::search::{Query, SearchIndex};
    let text = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/edtf.json"
    ))
    .unwrap();
    let parsed = bilateral::formats::native::parse_str("edtf.json", &text).unwrap();
    let t = bilateral::core::model::merge(vec![parsed.dataset]);
    let get = |id: &str| t.events.iter().find(|e| &*e.id == id).unwrap();
    let words: Vec<(&str, String)> = t
        .events
        .iter()
        .map(|e| (e.id.as_ref(), e.date_label()))
        .collect();
    for (id, want) in [
        ("month", "Feb 2025"),
        ("uncertain", "Jun 2025?"),
        ("circa-day", "c. 18 May 2025"),
        ("both", "c. 18 May 2025?"),
        ("span", "27–29 May 2025"),
        ("circa-span", "c. 16–22 May 2025"),
        ("ongoing", "since 27 May 2025"),
        ("end-unknown", "from 27 May 2025 (end unknown)"),
        ("start-unknown", "until 9 Jul 2025 (start unknown)"),
        ("one-of-two", "27 or 28 May 2025"),
        ("window", "between 29 May and 25 Jun 2025"),
        ("before", "on or before 28 May 2025"),
        ("after", "on or after 27 May 2025"),
        ("old", "c. 1–4 Mar 2025"),
    ] {
        assert!(words.contains(&(id, want.to_string())), "{id}: {words:?}");
    }
    // "On or before 28 May" sits just before 28 May, not at the start of the year; the window
    // sits at its middle (11 June).
    let order: Vec<&str> = t.events.iter().map(|e| e.id.as_ref()).collect();
    let at = |id: &str| order.iter().position(|o| *o == id).unwrap();
    assert!(
        at("old") < at("circa-span") && at("circa-span") < at("before"),
        "{order:?}"
    );
    assert!(
        at("after") < at("before") || at("before") < at("window"),
        "{order:?}"
    );
    assert!(
        at("uncertain") < at("window") && at("window") < at("start-unknown"),
        "{order:?}"
    );
    // Status: a span containing the as-of date is ongoing.
    let as_of = t.as_of;
    assert_eq!(get("span").status_at(as_of.as_ref()), Some(Status::Ongoing));
    assert_eq!(get("window").extent, Extent::OneDayIn);
    // Countdowns for approximate dates are approximate.
    let c = |id: &str| get(id).countdown(&as_of.unwrap()).unwrap();
    assert_eq!(c("window"), "within about 4 weeks as of 28 May 2025");
    assert_eq!(c("after"), "no date yet as of 28 May 2025");
    assert_eq!(c("start-unknown"), "within about 6 weeks as of 28 May 2025");
    // Filters keep what is certainly in range.
    let ids = |q: &str| -> Vec<String> {
        let mut hits = SearchIndex::new(&t.events).search(&t.events, &Query::parse(q));
        hits.sort_unstable_by_key(|h| h.index);
        hits.iter()
            .map(|h| t.events[h.index as usize].id.to_string())
            .collect()
    };
    let from_may = ids("from:2025-05");
    for id in [
        "span",
        "one-of-two",
        "after",
        "ongoing",
        "window",
        "circa-span",
    ] {
        assert!(
            from_may.contains(&id.to_string()),
            "{id} is surely from May: {from_may:?}"
        );
    }
    for id in ["month", "before", "old"] {
        assert!(
            !from_may.contains(&id.to_string()),
            "{id} is not surely from May: {from_may:?}"
        );
    }
    let until_may = ids("until:2025-05");
    assert!(until_may.contains(&"before".to_string()), "{until_may:?}");
    assert!(!until_may.contains(&"window".to_string()), "{until_may:?}");
    assert!(!until_may.contains(&"after".to_string()), "{until_may:?}");
}

#[test]
fn malformed_edtf_dates_are_errors_at_their_position() {
    let e = errors(
        r#"{"title": "T", "events": [
  {"id": "a", "title": "A", "date": "2025-02-30"},
  {"id": "b", "title": "B", "date": "[2025-05-27..2025-05-28"},
  {"id": "c", "title": "C", "date": "2025-21"},
  {"id": "d", "title": "D", "date": "2025-05", "start": "2025-05"},
  {"id": "e", "title": "E", "date": "{2025,2026}"}]}"#,
    );
    assert_eq!(e.len(), 5, "{e:#?}");
    assert!(
        e[0].starts_with("t.json:2:37: events[0] (a).date: \"2025-02-30\""),
        "{e:#?}"
    );
    assert!(
        e[1].starts_with("t.json:3:37: events[1] (b).date:"),
        "{e:#?}"
    );
    assert!(e[2].contains("seasons"), "{e:#?}");
    assert!(
        e[3].contains("`date` says when already; remove `start` or `date`"),
        "{e:#?}"
    );
    assert!(e[4].contains("all of several dates"), "{e:#?}");
}
