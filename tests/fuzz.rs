//! Property-based fuzzing of the loader, the query language and rendering.
//!
//! Every run executes a few hundred cases per property; set `PROPTEST_CASES` for a long run (the
//! closing notes of the hostile-input work report the counts). Failing inputs that proptest finds
//! are kept in `tests/fuzz.proptest-regressions` and replayed first on every run.

mod common;
use common::builtin;

use bilateral::core::search::{self, Query, SearchIndex};
use bilateral::store::load;
use bilateral::tui::browse::app::{Action, App};
use bilateral::tui::browse::view as ui;
use bilateral::tui::theme::Theme;
use proptest::prelude::*;
use ratatui::Terminal;
use ratatui::backend::TestBackend;

/// Text with a taste for what breaks parsers and terminals.
fn nasty_text() -> impl Strategy<Value = String> {
    prop::collection::vec(
        prop_oneof![
            Just("\u{1b}]0;x\u{7}".to_string()),
            Just("\u{202e}".to_string()),
            Just("\u{200b}".to_string()),
            Just("\\ud800".to_string()),
            Just("\\u001b".to_string()),
            Just("\t".to_string()),
            Just("\r".to_string()),
            Just("\n".to_string()),
            Just("e\u{301}".to_string()),
            Just("भारत".to_string()),
            Just("🇮🇳".to_string()),
            Just("\"".to_string()),
            Just("\\".to_string()),
            "[a-z ]{0,6}",
            any::<char>().prop_map(String::from),
        ],
        0..12,
    )
    .prop_map(|parts| parts.concat())
}

fn json_string(s: &str) -> String {
    serde_json::to_string(s).unwrap_or_else(|_| "\"\"".into())
}

/// A date-ish string: mostly valid, often not.
fn date_text() -> impl Strategy<Value = String> {
    prop_oneof![
        (1i64..3000, 1u32..13, 1u32..32).prop_map(|(y, m, d)| format!("{y:04}-{m:02}-{d:02}")),
        (1i64..3000, 0u32..14).prop_map(|(y, m)| format!("{y:04}-{m:02}")),
        any::<i64>().prop_map(|y| y.to_string()),
        "[0-9T:-]{0,16}",
    ]
}

/// An event object with random, sometimes wrong, fields.
fn event_json() -> impl Strategy<Value = String> {
    (
        "[a-z0-9-]{0,8}",
        nasty_text(),
        date_text(),
        prop::option::of(date_text()),
        prop::option::of(prop_oneof![
            Just("happened"),
            Just("expected"),
            Just("done")
        ]),
        prop::collection::vec(nasty_text(), 0..3),
        nasty_text(),
        any::<bool>(),
    )
        .prop_map(|(id, title, start, end, status, tags, details, typo)| {
            let mut fields = vec![
                format!("\"id\": {}", json_string(&id)),
                format!(
                    "\"{}\": {}",
                    if typo { "titel" } else { "title" },
                    json_string(&title)
                ),
                format!("\"start\": {}", json_string(&start)),
                format!("\"details\": {}", json_string(&details)),
                format!(
                    "\"tags\": [{}]",
                    tags.iter()
                        .map(|t| json_string(t))
                        .collect::<Vec<_>>()
                        .join(", ")
                ),
            ];
            if let Some(e) = end {
                fields.push(format!("\"end\": {}", json_string(&e)));
            }
            if let Some(s) = status {
                fields.push(format!("\"status\": \"{s}\""));
            }
            format!("{{{}}}", fields.join(", "))
        })
}

fn dataset_json() -> impl Strategy<Value = String> {
    prop::collection::vec(event_json(), 0..8).prop_map(|events| {
        format!(
            "{{\"title\": \"fuzz\", \"events\": [{}]}}",
            events.join(",\n")
        )
    })
}

/// A valid file with random byte-level damage.
fn damaged_builtin() -> impl Strategy<Value = Vec<u8>> {
    let base = load::BUILTIN_JSON.as_bytes().to_vec();
    let len = base.len();
    prop::collection::vec((0..len, any::<u8>(), 0u8..3), 1..6).prop_map(move |edits| {
        let mut bytes = base.clone();
        for (at, byte, op) in edits {
            let at = at.min(bytes.len());
            match op {
                0 => bytes.insert(at, byte),
                1 if at < bytes.len() => {
                    bytes.remove(at);
                }
                _ if at < bytes.len() => bytes[at] = byte,
                _ => {}
            }
        }
        bytes
    })
}

/// What must hold for any input: an error names positions inside the file; a success is sorted,
/// unique and safe to print.
fn check_load(bytes: &[u8]) {
    match bilateral::formats::native::parse_bytes("fuzz.json", bytes) {
        Err(e) => {
            assert!(!e.diagnostics.is_empty());
            let lines = bytes.split(|b| *b == b'\n').count();
            for d in &e.diagnostics {
                if let Some((line, col)) = d.position {
                    assert!(line >= 1 && line <= lines && col >= 1, "{d}");
                }
                assert!(!d.to_string().contains(['\u{1b}', '\u{202e}']), "{d}");
            }
        }
        Ok(parsed) => {
            let timeline = bilateral::core::model::merge(vec![parsed.dataset]);
            for pair in timeline.events.windows(2) {
                assert!(pair[0].timeline_cmp(&pair[1]).is_le());
            }
            for e in &timeline.events {
                assert!(
                    !e.title
                        .contains(['\u{1b}', '\u{7}', '\u{202e}', '\u{200b}', '\n'])
                );
                assert!(!e.date_label().is_empty());
            }
        }
    }
}

proptest! {
    // 256 cases per property unless PROPTEST_CASES says otherwise.
    #![proptest_config(ProptestConfig::default())]

    #[test]
    fn loader_survives_arbitrary_bytes(bytes in prop::collection::vec(any::<u8>(), 0..400)) {
        check_load(&bytes);
    }

    #[test]
    fn loader_survives_random_datasets(text in dataset_json()) {
        check_load(text.as_bytes());
    }

    #[test]
    fn loader_survives_damage_to_a_valid_file(bytes in damaged_builtin()) {
        check_load(&bytes);
    }

    #[test]
    fn the_fast_loader_agrees_with_the_careful_one(text in dataset_json()) {
        let fast = bilateral::formats::native::parse_str("f.json", &text).ok().map(|p| p.dataset);
        let careful = bilateral::formats::native::careful("f.json", &text).ok().map(|p| p.dataset);
        prop_assert_eq!(fast, careful);
    }

    #[test]
    fn the_fast_loader_agrees_on_damaged_files(bytes in damaged_builtin()) {
        if let Ok(text) = std::str::from_utf8(&bytes) {
            let fast = bilateral::formats::native::parse_str("f.json", text).ok().map(|p| p.dataset);
            let careful = bilateral::formats::native::careful("f.json", text).ok().map(|p| p.dataset);
            prop_assert_eq!(fast, careful);
        }
    }

    #[test]
    fn queries_never_panic_and_highlights_stay_in_bounds(q in nasty_text(), extra in "[a-z:!'^$| -]{0,12}") {
        let timeline = builtin();
        let index = SearchIndex::new(&timeline.events);
        for text in [q.clone(), extra.clone(), format!("{extra} {q}")] {
            let query = Query::parse(&text);
            let hits = index.search(&timeline.events, &query);
            let top = index.top(&timeline.events, &query, 3);
            prop_assert!(top.len() <= 3 && top.len() <= hits.len());
            if let (Some(a), Some(b)) = (top.first(), hits.first()) {
                prop_assert_eq!(a, b);
            }
            for h in &hits {
                let title = &timeline.events[h.index as usize].title;
                let n = title.chars().count();
                prop_assert!(search::highlight(&query, title).iter().all(|&i| i < n));
            }
        }
    }

    #[test]
    fn the_browser_survives_random_data_keys_and_sizes(
        text in dataset_json(),
        keys in prop::collection::vec(0u8..28, 0..30),
        w in 0u16..130,
        h in 0u16..45,
    ) {
        let Ok(parsed) = bilateral::formats::native::parse_str("fuzz.json", &text) else { return Ok(()) };
        let mut app = App::new(bilateral::core::model::merge(vec![parsed.dataset]), None);
        let mut terminal = Terminal::new(TestBackend::new(w, h)).unwrap();
        app.update(Action::Resize(w, h));
        for k in keys {
            let action = match k {
                0 => Action::Down, 1 => Action::Up, 2 => Action::PageDown, 3 => Action::PageUp,
                4 => Action::Last, 5 => Action::First, 6 => Action::NextMonth, 7 => Action::PrevYear,
                8 => Action::ToggleFocus, 9 => Action::DetailDown, 10 => Action::OpenSearch,
                11 => Action::Input('a'), 12 => Action::Backspace, 13 => Action::Cancel,
                14 => Action::OpenJump, 15 => Action::Input('2'), 16 => Action::Accept,
                17 => Action::ToggleHelp, 18 => Action::Click { column: w / 3, row: h / 2 },
                // The chart's keys, and the mouse over wherever the chart is.
                19 => Action::ToggleChart, 20 => Action::ZoomIn, 21 => Action::ZoomOut,
                22 => Action::PanBack, 23 => Action::PanForward, 24 => Action::FitFilter,
                25 => Action::CycleLanes, 26 => Action::ScrollUp { column: w / 2, row: h / 4 },
                27 => Action::Click { column: w / 2, row: h / 4 },
                _ => Action::ScrollDown { column: w / 2, row: h / 2 },
            };
            app.update(action);
            terminal.draw(|f| ui::draw(f, &app, &Theme::dark())).unwrap();
            prop_assert!(app.hits.is_empty() || app.selected < app.hits.len());
        }
    }
}
