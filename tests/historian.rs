//! `bilateral import --country`: the Office of the Historian importer on small fixtures of every
//! record type (Norway, `tests/fixtures/historian/`), its errors, and the India records in
//! `seeds/history.state.gov/`: the committed asset is exactly what the importer makes of them, every
//! quote is verbatim in the file it names, and the built-in dataset answers the questions people ask.

mod common;

use std::path::{Path, PathBuf};
use std::process::Output;

use bilateral::core::model::{Event, Precision, Timeline};
use bilateral::core::search::{Query, SearchIndex};
use bilateral::formats::historian::{self, HistorianError};
use bilateral::formats::native as parse;
use bilateral::store::historian as files;
use bilateral::store::load;
use common::root;

/// The binary, run in the project folder so paths read as they are cited.
fn bilateral(args: &[&str]) -> Output {
    common::bilateral_in(&root(), args)
}

fn import(country: &str, path: &str) -> Result<historian::Imported, HistorianError> {
    let inputs = files::read_inputs(&[root().join(path)])?;
    historian::import(country, &inputs)
}

fn norway() -> historian::Imported {
    import("norway", "tests/fixtures/historian").expect("the fixtures import")
}

fn event<'a>(events: &'a [Event], id: &str) -> &'a Event {
    events
        .iter()
        .find(|e| &*e.id == id)
        .unwrap_or_else(|| panic!("no event {id}"))
}

#[test]
fn norway_visits_to_the_us() {
    let n = norway();
    assert_eq!(n.counts.visits, 2, "Sweden's visit stays out");
    let e = event(&n.dataset.events, "hist-visit-90001");
    assert_eq!(e.dated_label(), "Feb 1962", "a month stays a month");
    assert_eq!(e.group.as_deref(), Some("Visits to the U.S."));
    assert_eq!(e.kind.as_deref(), Some("visit"));
    assert_eq!(*e.actors, ["Einar Gerhardsen"]);
    assert!(e.tags.contains(&"head-of-government".into()));
    let s = &e.sources[0];
    assert_eq!(
        s.title,
        "Office of the Historian — Visits by Foreign Leaders, record 90001"
    );
    assert!(
        s.file
            .as_deref()
            .unwrap()
            .ends_with("historian/visits/data/1960.xml")
    );
    assert_eq!(
        s.url.as_deref(),
        Some("https://history.state.gov/departmenthistory/visits/norway")
    );
    assert_eq!(
        s.quote.as_deref(),
        Some(
            "1962-02 1962-02 Prime Minister Einar Gerhardsen Norway Official visit. Met with \
             President Kennedy & Secretary Rusk."
        )
    );
    let king = event(&n.dataset.events, "hist-visit-90002");
    assert!(king.tags.contains(&"head-of-state".into()));
    assert_eq!(king.dated_label(), "8–10 May 1968");
}

#[test]
fn norway_president_and_secretary_travels() {
    let n = norway();
    assert_eq!((n.counts.president_trips, n.counts.secretary_trips), (2, 2));
    let p = event(&n.dataset.events, "hist-trip-91001");
    assert_eq!(&*p.title, "President Example President visits Norway");
    assert_eq!(p.group.as_deref(), Some("Presidential travel"));
    assert_eq!(*p.places, ["Oslo", "Norway"]);
    assert!(p.tags.contains(&"president".into()));
    let month = event(&n.dataset.events, "hist-trip-91002");
    assert_eq!(
        (month.dated_label(), month.summary.clone()),
        ("May 1985".into(), None)
    );
    let s = event(&n.dataset.events, "hist-trip-92002");
    assert_eq!(s.group.as_deref(), Some("Secretary travel"));
    assert_eq!(s.start.precision(), Precision::Year);
    assert_eq!(
        s.sources[0].url.as_deref(),
        Some("https://history.state.gov/departmenthistory/travels/secretary/norway")
    );
}

#[test]
fn norway_recognition_and_relations() {
    let n = norway();
    assert_eq!(n.counts.relations, 3);
    let r = event(&n.dataset.events, "hist-rdcr-norway-recognition");
    assert_eq!(
        r.dated_label(),
        "30 Oct 1905",
        "the day of the structured year, from the text"
    );
    assert_eq!(r.kind.as_deref(), Some("recognition"));
    assert_eq!(*r.actors, ["Example Minister"]);
    assert!(
        r.details
            .as_deref()
            .unwrap()
            .contains("date field gives the year 1905")
    );
    let d = event(&n.dataset.events, "hist-rdcr-norway-diplomatic-relations-1");
    assert_eq!(
        d.dated_label(),
        "Nov 1905",
        "a month attribute stays a month"
    );
    assert_eq!(*d.places, ["Kristiania", "Norway"]);
    let e = event(&n.dataset.events, "hist-rdcr-norway-diplomatic-relations-2");
    assert_eq!(
        e.dated_label(),
        "1942",
        "no day of 1942 in the text: the year stays"
    );
    assert_eq!(e.group.as_deref(), Some("Recognition and relations"));
}

#[test]
fn norway_chiefs_of_mission_are_spans() {
    let n = norway();
    assert_eq!(n.counts.chiefs, 3);
    let a = event(&n.dataset.events, "hist-chief-no-1905-aaa-01");
    assert_eq!(&*a.title, "Anne Alpha, U.S. Minister to Norway");
    assert_eq!(a.dated_label(), "8 Dec 1905 – Jun 1910");
    assert_eq!(
        a.sources.len(),
        2,
        "the mission record and the person record"
    );
    assert!(
        a.sources[1]
            .file
            .as_deref()
            .unwrap()
            .ends_with("pocom/people/a/alpha-anne.xml")
    );
    let c = event(&n.dataset.events, "hist-chief-no-1946-ccc-01");
    assert_eq!(
        (c.dated_label(), c.end),
        ("from Feb 1946 (end unknown)".to_string(), None),
        "a record with no end is not a one-month mission"
    );
    let eras: Vec<(&str, String)> = n
        .dataset
        .eras
        .iter()
        .map(|e| (e.title.as_ref(), format!("{} – {}", e.start, e.end)))
        .collect();
    assert_eq!(
        eras.first().map(|(t, d)| (*t, d.as_str())),
        Some(("Anne Alpha, U.S. Minister", "1905-12-08 – 1910-06")),
        "tenures with an end are eras: {eras:?}"
    );
    assert!(
        !eras.iter().any(|(t, _)| t.contains("Carl")),
        "no era without an end: {eras:?}"
    );
    assert!(
        c.details
            .as_deref()
            .unwrap()
            .contains("no end of the mission")
    );
    assert!(c.tags.contains(&"charge-d-affaires".into()));
}

#[test]
fn every_event_is_a_valid_native_event_with_a_cited_record() {
    let n = norway();
    assert_eq!(n.counts.total(), n.dataset.events.len());
    let json = historian::render(&n.dataset).unwrap();
    let loaded = parse::parse_str("norway.json", &json).expect("loads back");
    assert_eq!(loaded.dataset.events, n.dataset.events);
    assert_eq!(
        n.dataset.title,
        "Norway–US relations: Office of the Historian records"
    );
    for e in &n.dataset.events {
        assert!(e.id.starts_with("hist-"), "{}", e.id);
        assert!(!e.sources.is_empty() && e.sources.iter().all(|s| s.quote.is_some()));
    }
}

#[test]
fn the_cli_writes_native_json_atomically_and_refuses_to_replace() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("norway.json");
    let out_s = out.to_str().unwrap();
    let args = [
        "import",
        "--country",
        "norway",
        "tests/fixtures/historian/visits",
        "tests/fixtures/historian/travels/president-travels/example-president.xml",
        "--out",
        out_s,
    ];
    let o = bilateral(&args);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    assert!(String::from_utf8_lossy(&o.stderr).contains("imported 4 events for `norway`"));
    let o = bilateral(&["--no-builtin", "--data", out_s, "list"]);
    assert_eq!(String::from_utf8_lossy(&o.stdout).lines().count(), 4);
    let again = bilateral(&args);
    assert_eq!(again.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&again.stderr).contains("--force"));
}

#[test]
fn malformed_xml_is_an_error_at_its_line_and_column() {
    let o = bilateral(&[
        "import",
        "--country",
        "norway",
        "tests/fixtures/historian-malformed",
    ]);
    assert_eq!(o.status.code(), Some(1));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(
        err.contains("tests/fixtures/historian-malformed/visits.xml:6:5: malformed XML"),
        "{err}"
    );
    assert!(matches!(
        import("norway", "tests/fixtures/historian-malformed"),
        Err(HistorianError::Malformed {
            line: 6,
            column: 5,
            ..
        })
    ));
}

#[test]
fn an_unknown_country_id_suggests_close_ones() {
    let o = bilateral(&["import", "--country", "norwya", "tests/fixtures/historian"]);
    assert_eq!(o.status.code(), Some(1));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(
        err.contains("unknown country id `norwya`; did you mean `norway`?"),
        "{err}"
    );
    assert!(o.stdout.is_empty(), "nothing is written");
}

#[test]
fn a_country_without_records_is_a_message_not_an_empty_file() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("iceland.json");
    let o = bilateral(&[
        "import",
        "--country",
        "iceland",
        "tests/fixtures/historian",
        "--out",
        out.to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        String::from_utf8_lossy(&o.stderr)
            .contains("no Office of the Historian records for `iceland`")
    );
    assert!(!out.exists());
}

#[test]
fn india_record_counts() {
    let india = import("india", "seeds/history.state.gov").unwrap();
    let c = india.counts;
    assert_eq!(
        (
            c.visits,
            c.president_trips,
            c.secretary_trips,
            c.relations,
            c.chiefs
        ),
        (35, 9, 36, 2, 27)
    );
}

#[test]
fn the_india_asset_is_exactly_the_importer_output() {
    // Labels as the command `bilateral import --country india seeds/history.state.gov` gives them.
    let cwd = std::env::current_dir().unwrap();
    std::env::set_current_dir(root()).unwrap();
    let inputs = files::read_inputs(&[PathBuf::from("seeds/history.state.gov")]);
    std::env::set_current_dir(cwd).unwrap();
    let india = historian::import("india", &inputs.unwrap()).unwrap();
    let made = historian::render(&india.dataset).unwrap();
    let committed = std::fs::read_to_string(root().join("assets/india-us-historian.json")).unwrap();
    assert!(
        made == committed,
        "assets/india-us-historian.json is stale: run `bilateral import --country india \
         seeds/history.state.gov --out assets/india-us-historian.json --force`"
    );
}

/// A file's text with XML markup removed, the five entities decoded and whitespace collapsed.
fn normalised(text: &str) -> String {
    let mut out = String::new();
    let mut in_tag = false;
    for c in text.chars() {
        match c {
            '<' => in_tag = true,
            '>' if in_tag => in_tag = false,
            _ if !in_tag => out.push(c),
            _ => {}
        }
    }
    let out = out
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&apos;", "'")
        .replace("&amp;", "&");
    out.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[test]
fn every_quote_in_assets_is_verbatim_in_the_seed_it_names() {
    let mut checked = 0;
    for asset in [
        "assets/india-us-2025.json",
        "assets/india-us-historian.json",
    ] {
        let parsed = load::read_path(&root().join(asset)).unwrap();
        for e in parsed.iter().flat_map(|p| &p.dataset.events) {
            for s in &e.sources {
                let file = s.file.as_deref().expect("every source names its file");
                assert!(file.starts_with("seeds/"), "{}: {file}", e.id);
                let text = std::fs::read_to_string(root().join(file)).unwrap();
                let quote = s.quote.as_deref().expect("every source quotes");
                let quote = quote.split_whitespace().collect::<Vec<_>>().join(" ");
                assert!(
                    normalised(&text).contains(&quote),
                    "{}: quote not in {file}: {quote}",
                    e.id
                );
                checked += 1;
            }
        }
    }
    assert!(checked > 130, "{checked}");
}

#[test]
fn the_seeds_are_the_shared_records_unchanged() {
    let shared = root().join("../shared/sources/history.state.gov");
    if !shared.exists() {
        return; // CI lays shared/ beside the clone; compare when it is there.
    }
    for input in files::read_inputs(&[root().join("seeds/history.state.gov")]).unwrap() {
        let rel = input
            .label
            .split("seeds/history.state.gov/")
            .nth(1)
            .unwrap();
        let theirs = std::fs::read(shared.join(rel)).unwrap();
        assert!(theirs == input.bytes, "{rel} differs from shared/");
    }
}

fn builtin() -> Timeline {
    load::load(&load::Options {
        builtin: true,
        paths: vec![],
        ..Default::default()
    })
    .unwrap()
}

fn find(t: &Timeline, query: &str) -> Vec<Event> {
    let q = Query::parse(query);
    let mut hits = SearchIndex::new(&t.events).search(&t.events, &q);
    hits.sort_unstable_by_key(|h| h.index);
    hits.iter()
        .map(|h| t.events[h.index as usize].clone())
        .collect()
}

#[test]
fn when_did_a_us_president_last_visit_india() {
    let t = builtin();
    let trips = find(&t, "tag:president kind:visit place:india");
    let last = trips.last().unwrap();
    assert_eq!(&*last.id, "hist-trip-4174");
    assert_eq!(last.dated_label(), "7–10 Sep 2023");
    assert_eq!(*last.actors, ["Joseph R. Biden"]);
}

#[test]
fn how_many_times_has_modi_visited_the_us() {
    let t = builtin();
    let visits = find(&t, "actor:modi kind:visit");
    let historian: Vec<&Event> = visits
        .iter()
        .filter(|e| e.id.starts_with("hist-"))
        .collect();
    assert_eq!(
        historian.len(),
        8,
        "2014–2024 in the Office of the Historian records"
    );
    assert!(
        visits.iter().any(|e| &*e.id == "modi-visit"),
        "and Feb 2025 from the report"
    );
    assert!(find(&t, "modi").len() >= visits.len());
}

#[test]
fn when_were_diplomatic_relations_established() {
    let t = builtin();
    assert_eq!(&*t.title, "India–US relations");
    let hits = find(&t, "tag:diplomatic-relations");
    assert_eq!(hits.len(), 1);
    assert_eq!(hits[0].dated_label(), "1 Nov 1946");
    let q = Query::parse("diplomatic relations");
    let top = SearchIndex::new(&t.events).top(&t.events, &q, 1);
    assert_eq!(
        &*t.events[top[0].index as usize].id,
        "hist-rdcr-india-diplomatic-relations"
    );
    assert!(
        Path::new(&root().join("assets/india-us-historian.json")).exists(),
        "the built-in dataset includes the records"
    );
}
