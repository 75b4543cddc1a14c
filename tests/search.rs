//! Precise search as a user meets it: names outrank their letters scattered through other words,
//! weak matches wait behind a count, and among equal matches the one nearest the as-of date
//! comes first, in the browser and in `bilateral search` alike.

mod common;

use bilateral::core::search::{Query, SearchIndex};
use common::{bilateral, text};

#[test]
fn misri_finds_misri_and_counts_the_scattered_rest() {
    let o = bilateral(&["search", "misri"]);
    assert!(o.status.success());
    let out = text(&o.stdout);
    assert!(!out.is_empty());
    for line in out.lines() {
        assert!(
            line.contains("Misri") || line.contains("strategic-trade-dialogue"),
            "{line}"
        );
    }
    let err = text(&o.stderr);
    assert!(err.contains("weaker match"), "{err}");
    let all = bilateral(&["search", "misri", "--all", "--limit", "200"]);
    assert!(text(&all.stdout).lines().count() > out.lines().count());
}

#[test]
fn equal_matches_come_nearest_the_as_of_date_first() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("big.json");
    let o = bilateral(&["generate", "--events", "100000", "--seed", "3"]);
    assert!(o.status.success());
    std::fs::write(&file, &o.stdout).unwrap();
    let file_arg = file.display().to_string();

    let timeline = common::load(vec![file.clone()], false);
    let as_of = timeline
        .as_of
        .expect("generated timelines have an as-of date");
    let index = SearchIndex::new(&timeline.events);
    let top = index.top_near(
        &timeline.events,
        &Query::parse("goyal"),
        50,
        Some(&as_of),
        false,
    );
    assert_eq!(top.hits.len(), 50);
    let distance =
        |i: u32| (timeline.events[i as usize].anchor().axis_days() - as_of.axis_days()).abs();
    for pair in top.hits.windows(2) {
        if pair[0].score == pair[1].score {
            assert!(
                distance(pair[0].index) <= distance(pair[1].index),
                "nearer first"
            );
        }
    }
    // The best score's nearest event leads, not the earliest in 1947.
    let best = top.hits[0].score;
    let all = index.search(&timeline.events, &Query::parse("goyal"));
    let nearest = all
        .iter()
        .filter(|h| h.score == best)
        .map(|h| distance(h.index))
        .fold(f64::INFINITY, f64::min);
    assert_eq!(distance(top.hits[0].index), nearest);

    // The command line ranks alike.
    let o = bilateral(&[
        "--no-builtin",
        "--data",
        &file_arg,
        "search",
        "goyal",
        "--limit",
        "5",
        "--json",
    ]);
    assert!(o.status.success(), "{}", text(&o.stderr));
    let json: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    let ids: Vec<&str> = json["events"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["id"].as_str().unwrap())
        .collect();
    let expected: Vec<&str> = top.hits[..5]
        .iter()
        .map(|h| timeline.events[h.index as usize].id.as_ref())
        .collect();
    assert_eq!(ids, expected);
}
