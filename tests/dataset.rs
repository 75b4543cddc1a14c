//! The built-in dataset: honest dates, and every quote verbatim in the seed it cites.

mod common;
use common::builtin;

use bilateral::core::model::{Event, Precision, Status, Timeline};

fn get<'a>(t: &'a Timeline, id: &str) -> &'a Event {
    t.find(id)
        .unwrap_or_else(|| panic!("built-in dataset lacks {id}"))
}

#[test]
fn every_event_cites_a_seed_and_every_quote_is_verbatim() {
    let root = common::root();
    let t = builtin();
    // The Office of the Historian records (`hist-…`) quote XML files, checked once markup is
    // removed by tests/historian.rs.
    for e in t.events.iter().filter(|e| !e.id.starts_with("hist-")) {
        assert!(!e.sources.is_empty(), "{} cites no source", e.id);
        for s in &e.sources {
            let file = s
                .file
                .as_deref()
                .unwrap_or_else(|| panic!("{}: source without file", e.id));
            let seed = std::fs::read_to_string(root.join(file))
                .unwrap_or_else(|err| panic!("{}: cannot read {file}: {err}", e.id));
            let quote = s
                .quote
                .as_deref()
                .unwrap_or_else(|| panic!("{}: source without quote", e.id));
            assert!(
                seed.contains(quote),
                "{}: quote not verbatim in {file}: {quote}",
                e.id
            );
            let published = s.published.map(|d| d.to_string());
            if file == "seeds/000_56f848f0625d842c.txt" {
                assert_eq!(published.as_deref(), Some("2025-05-28"));
            } else {
                // A second source: a short excerpt whose header names its page and date.
                assert!(
                    file.starts_with("seeds/second-"),
                    "{}: unexpected source file {file}",
                    e.id
                );
                let header_date = seed
                    .lines()
                    .find_map(|l| l.strip_prefix("published: "))
                    .map(|d| d.get(..10).unwrap_or(d));
                assert_eq!(published.as_deref(), header_date, "{}: {file}", e.id);
            }
        }
    }
}

#[test]
fn the_seed_is_the_shared_article_unchanged() {
    let root = common::root();
    let ours = std::fs::read(root.join("seeds/000_56f848f0625d842c.txt")).unwrap();
    assert!(
        ours.starts_with(b" date 2025-05-28 "),
        "the dateline leads the file"
    );
    // CI lays shared/ beside the clone; compare when it is there.
    if let Ok(shared) = std::fs::read(root.join("../shared/seeds/000_56f848f0625d842c.txt")) {
        assert_eq!(ours, shared);
    }
}

#[test]
fn dates_are_as_precise_as_the_article_and_no_more() {
    let t = builtin();
    assert_eq!(t.as_of.unwrap().to_string(), "2025-05-28");
    // Each date is as precise as its best source (the article, or a second source it names).
    let label = |id: &str| get(&t, id).date_label();
    assert_eq!(label("modi-visit"), "12–13 Feb 2025");
    let compact = get(&t, "modi-visit-compact-launch");
    assert_eq!(compact.date_label(), "13 Feb 2025");
    assert!(compact.summary.as_deref().unwrap().contains(
        "Catalysing Opportunities for Military Partnership, Accelerated Commerce and Technology"
    ));
    assert_eq!(label("tariff-announced"), "2 Apr 2025");
    assert_eq!(label("tariff-paused"), "9 Apr 2025");
    assert_eq!(label("imf-weo-projection"), "22 Apr 2025");
    // Only a republished copy's address dates the review: uncertain.
    assert_eq!(label("finance-ministry-economic-review"), "27 May 2025?");
    // No event dated only "2025" sits before February: nothing is rounded to the year.
    assert!(
        t.events
            .iter()
            .filter(|e| !e.id.starts_with("hist-"))
            .all(|e| e.start.precision() >= Precision::Day)
    );
    let deadline = get(&t, "tariff-pause-ends");
    assert_eq!(deadline.start.to_string(), "2025-07-09");
    assert_eq!(deadline.status, Some(Status::Scheduled));
    assert_eq!(
        deadline.countdown(&t.as_of.unwrap()).as_deref(),
        Some("in 42 days as of 28 May 2025")
    );

    let imf = get(&t, "imf-weo-projection");
    assert!(imf.title.contains("6.2%"));
    assert!(
        imf.summary
            .as_deref()
            .unwrap()
            .contains("30 basis points below its January forecast")
    );

    let goyal = get(&t, "goyal-us-trip");
    assert!(goyal.circa);
    assert_eq!(goyal.date_label(), "c. 17–22 May 2025");

    let visit = get(&t, "misri-visit");
    assert_eq!(visit.date_label(), "27–29 May 2025");
    assert!(!visit.circa);
    assert_eq!(visit.status_at(t.as_of.as_ref()), Some(Status::Ongoing));
    assert_eq!(label("misri-visit-kessler-post-on-x"), "27 or 28 May 2025");

    let meeting = get(&t, "misri-visit-kessler-meeting");
    assert_eq!(meeting.start.to_string(), "2025-05-27");
    assert!(meeting.actors.iter().any(|a| a == "Jeffrey Kessler"));
    assert_eq!(
        get(&t, "misri-visit-kessler-post-on-x").kind.as_deref(),
        Some("statement")
    );

    for id in ["strategic-trade-dialogue", "us-officials-visit-india"] {
        let e = get(&t, id);
        assert_eq!(e.status, Some(Status::Expected), "{id}");
        assert!(e.is_wide_window(), "{id} has no firm date");
    }
    assert_eq!(label("strategic-trade-dialogue"), "on or after 28 May 2025");
    let coming = get(&t, "us-officials-visit-india");
    assert_eq!(coming.date_label(), "between 29 May and 25 Jun 2025");
    assert_eq!(
        coming.countdown(&t.as_of.unwrap()).as_deref(),
        Some("within about 4 weeks as of 28 May 2025")
    );
}

#[test]
fn timeline_order_is_chronological() {
    let t = builtin();
    for pair in t.events.windows(2) {
        assert!(
            pair[0].timeline_cmp(&pair[1]).is_le(),
            "{} before {}",
            pair[0].id,
            pair[1].id
        );
    }
}
