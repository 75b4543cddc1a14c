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
    assert_eq!(d.eras[0].title, "Bronze Age");
    assert_eq!(d.eras[0].start.year(), -3300);
    assert_eq!(d.events[0].group.as_deref(), Some("People"));
    assert_eq!(d.events[1].start.label(), "13.8 billion years ago");
    assert_eq!(d.events[2].date_label(), "Summer 622");
    assert_eq!(d.events[2].start.label(), "16 Jul 622");
    assert_eq!(d.events[3].start.precision(), Precision::Minute);
    let t = bilateral::core::model::merge(vec![d]);
    let order: Vec<&str> = t.events.iter().map(|e| e.id.as_str()).collect();
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
    let titles: Vec<&str> = t.eras.iter().map(|e| e.title.as_str()).collect();
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
