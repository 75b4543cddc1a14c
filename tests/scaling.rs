//! Work that must grow linearly with its input, measured as the ratio of a large input's time to a
//! small one's in the same run (never as a time in seconds): 8× the input may take about 8× the
//! time; a quadratic path takes about 64×.

mod common;
use common::growth;

/// Linear work at 8× the input stays well below this; quadratic work is far above it.
const FACTOR: usize = 8;
const LIMIT: f64 = 24.0;

/// A timeline of `n` events written on one line, as minifiers write it.
fn minified(n: usize, title: &str) -> String {
    let events: Vec<String> = (0..n)
        .map(|i| format!(r#"{{"id":"e{i}","title":"{title}","start":"2025-05-01"}}"#))
        .collect();
    format!(r#"{{"title":"Minified","events":[{}]}}"#, events.join(","))
}

#[test]
fn positions_on_one_long_line_cost_linear_time() {
    // A valid file read the careful way locates every id (as a duplicate across files needs).
    let ratio = growth(5000, FACTOR, |n| {
        let text = minified(n, "Some title");
        let parsed = bilateral::formats::native::careful("m.json", &text).expect("valid");
        assert_eq!(parsed.known_id_positions().map(<[_]>::len), Some(n));
    });
    assert!(ratio < LIMIT, "8× the events took {ratio:.1}× the time");
    // Every event wrong (an empty title) on one line: each problem located.
    let ratio = growth(5000, FACTOR, |n| {
        let text = minified(n, "");
        let err = bilateral::formats::native::careful("m.json", &text).expect_err("invalid");
        assert!(!err.diagnostics.is_empty());
    });
    assert!(ratio < LIMIT, "8× the events took {ratio:.1}× the time");
}

#[test]
fn the_briefing_note_numbers_sources_in_linear_time() {
    use bilateral::core::model::{Date, Event, Source};
    let events = |n: usize| -> Vec<Event> {
        (0..n)
            .map(|i| {
                let mut e =
                    Event::new(format!("e{i}"), "Title", Date::parse("2025-05-01").unwrap());
                // Each event cites one source of its own and one all share.
                e.sources = vec![
                    Source {
                        title: format!("Report {i}"),
                        quote: Some("A quote".into()),
                        ..Source::default()
                    },
                    Source {
                        title: "Shared".into(),
                        ..Source::default()
                    },
                ]
                .into();
                e
            })
            .collect()
    };
    let ratio = growth(5000, FACTOR, |n| {
        let events = events(n);
        let refs: Vec<&Event> = events.iter().collect();
        let note = bilateral::formats::markdown::markdown("T", None, "", &refs);
        assert!(
            note.contains(&format!("\\[2, {}\\]", n + 1)),
            "the last event cites both"
        );
    });
    assert!(ratio < LIMIT, "8× the events took {ratio:.1}× the time");
}

#[test]
fn ingest_costs_linear_time_on_one_long_sentence_of_dates() {
    use bilateral::core::ingest::{Article, draft_events};
    // One sentence, no commas: "The delegations met on 1 May 2025 and on 2 May 2025 and on …".
    let article = |n: usize| {
        let dates: Vec<String> = (0..n)
            .map(|i| format!("on {} May 2025", i % 28 + 1))
            .collect();
        format!(
            "date 2025-05-28 The delegations met {} in Washington.",
            dates.join(" and ")
        )
    };
    let ratio = growth(60, FACTOR, |n| {
        let text = article(n);
        let article = Article::parse("long.txt", &text, None).expect("dated");
        let drafts = draft_events(&article, &[]);
        assert_eq!(drafts.len(), n);
        // Each quote is a bounded excerpt around its own date, marked where it was cut.
        for d in &drafts {
            let quote = d.sources[0].quote.as_deref().unwrap_or_default();
            assert!(quote.len() < 2000, "{} bytes quoted", quote.len());
            let expression = &d.draft.as_ref().unwrap().expression;
            assert!(quote.contains(expression.as_str()), "{quote}");
        }
    });
    assert!(ratio < LIMIT, "8× the dates took {ratio:.1}× the time");
}
