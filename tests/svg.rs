//! `export --format svg`: the chart as a standalone SVG that parses as XML, with a mark per event,
//! the axis, the lanes, the legend, the title and the as-of line, and the data's text escaped.

mod common;
use common::{bilateral, builtin, text};

use bilateral::core::model::{Date, Era, Event, Timeline, When};
use bilateral::core::selection::Selection;
use bilateral::formats::export::{ExportFormat, render};
use bilateral::formats::svg::svg;

/// Elements whose `class` (a space-separated list) includes `class`.
fn with_class<'a>(doc: &'a roxmltree::Document<'a>, class: &str) -> Vec<roxmltree::Node<'a, 'a>> {
    doc.descendants()
        .filter(|n| {
            n.attribute("class")
                .is_some_and(|c| c.split(' ').any(|c| c == class))
        })
        .collect()
}

/// All the text under a node.
fn text_of(node: roxmltree::Node) -> String {
    node.descendants()
        .filter(|n| n.is_text())
        .filter_map(|n| n.text())
        .collect()
}

#[test]
fn the_builtin_dataset_as_an_image() {
    let t = builtin();
    let doc = svg(&Selection::new(&t, t.events.iter().collect()));
    let xml = roxmltree::Document::parse(&doc).expect("the SVG parses as XML");
    assert_eq!(xml.root_element().tag_name().name(), "svg");
    // A mark per event, each naming its event.
    let marks = with_class(&xml, "mark");
    assert_eq!(marks.len(), t.events.len());
    for e in &t.events {
        assert!(
            marks
                .iter()
                .any(|m| m.attribute("data-id") == Some(e.id.as_ref())),
            "no mark for {}",
            e.id
        );
    }
    // The title, and what the picture covers.
    let title = with_class(&xml, "title");
    assert_eq!(
        title.first().map(|n| text_of(*n)).as_deref(),
        Some("India–US relations")
    );
    let subtitle = with_class(&xml, "subtitle").first().map(|n| text_of(*n));
    assert_eq!(
        subtitle.as_deref(),
        Some("122 events · 1946–2025 · lanes by group · as of 28 May 2025")
    );
    // The axis, with year ticks across eight decades.
    let ticks: Vec<String> = with_class(&xml, "tick").into_iter().map(text_of).collect();
    for year in ["1950", "1980", "2020"] {
        assert!(ticks.iter().any(|t| t == year), "{year} in {ticks:?}");
    }
    assert_eq!(with_class(&xml, "axis").len(), 1);
    // The lanes, by group.
    let lanes: Vec<String> = with_class(&xml, "lane").into_iter().map(text_of).collect();
    for lane in ["Chiefs of mission", "Visits to the U.S.", "(no group)"] {
        assert!(lanes.iter().any(|l| l == lane), "{lane} in {lanes:?}");
    }
    // The as-of line and its label.
    let as_of = with_class(&xml, "as-of");
    assert_eq!(as_of.len(), 1);
    assert!(as_of[0].descendants().any(|n| n.has_tag_name("line")));
    assert_eq!(text_of(as_of[0]), "as of 28 May 2025");
    // The eras, and the legend in words.
    assert_eq!(with_class(&xml, "era").len(), t.eras.len());
    let legend = text_of(with_class(&xml, "legend")[0]);
    for words in [
        "a day",
        "lasted from – to",
        "one day, somewhere in this window",
        "still going on",
    ] {
        assert!(legend.contains(words), "{words:?} in {legend}");
    }
    // Titles written beside their marks.
    let labels: Vec<String> = with_class(&xml, "label").into_iter().map(text_of).collect();
    assert!(
        labels
            .iter()
            .any(|l| l.starts_with("Foreign Secretary Vikram Misri"))
    );
}

fn event(id: &str, title: &str, date: &str) -> Event {
    let mut e = Event::new(id, title, Date::parse("2025").expect("a date"));
    e.set_when(When::parse(date).expect("an EDTF date"));
    e
}

#[test]
fn every_extent_has_its_mark() {
    let events: Vec<Event> = [
        ("point", "2025-05-27"),
        ("span", "2025-05-27/2025-05-29"),
        ("window", "[2025-05-29..2025-06-25]"),
        ("ongoing", "2025-05-27/.."),
        ("end-unknown", "2025-05-27/"),
        ("start-unknown", "/2025-07-09"),
        ("on-or-before", "[..2025-05-28]"),
        ("on-or-after", "[2025-05-28..]"),
    ]
    .iter()
    .map(|(id, d)| event(id, id, d))
    .collect();
    let timeline = Timeline {
        title: "Shapes".into(),
        as_of: Date::parse("2025-06-10").ok(),
        ..Timeline::default()
    };
    let doc = svg(&Selection::new(&timeline, events.iter().collect()));
    let xml = roxmltree::Document::parse(&doc).expect("XML");
    for e in &events {
        let mark = with_class(&xml, &e.id);
        assert_eq!(mark.len(), 1, "{}", e.id);
        assert_eq!(mark[0].attribute("data-id"), Some(e.id.as_ref()));
    }
}

#[test]
fn hostile_text_is_escaped() {
    let hostile = "<script>alert(1)</script>&\"'\u{1b}]0;PWNED\u{7}";
    let mut e = event("x", hostile, "2025-05-28");
    e.group = Some(hostile.into());
    let timeline = Timeline {
        title: hostile.into(),
        eras: vec![Era {
            title: hostile.into(),
            start: Date::parse("2025").expect("a date"),
            end: Date::parse("2025").expect("a date"),
        }],
        ..Timeline::default()
    };
    let mut selection = Selection::new(&timeline, vec![&e]);
    selection.filter = hostile.into();
    let doc = svg(&selection);
    assert!(!doc.contains("<script>"));
    assert!(!doc.contains('\u{1b}') && !doc.contains('\u{7}'));
    let xml = roxmltree::Document::parse(&doc).expect("still XML");
    // The text reads back as it was, less the control characters.
    let clean = "<script>alert(1)</script>&\"']0;PWNED";
    assert_eq!(text_of(with_class(&xml, "title")[0]), clean);
    // Lane names are cut to fit the gutter.
    assert!(
        with_class(&xml, "lane")
            .iter()
            .any(|n| text_of(*n).starts_with("<script>alert(1)</scrip"))
    );
    assert!(
        xml.descendants()
            .filter_map(|n| n.text())
            .all(|t| !t.contains('\u{1b}'))
    );
}

#[test]
fn the_export_command_writes_svg_with_the_same_selection_options() {
    let json = bilateral(&["export", "--format", "json", "--query", "misri"]);
    let selected =
        serde_json::from_slice::<serde_json::Value>(&json.stdout).expect("JSON")["events"]
            .as_array()
            .map_or(0, Vec::len);
    assert!(selected >= 3, "{selected}");
    let out = bilateral(&["export", "--format", "svg", "--query", "misri"]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let doc = text(&out.stdout);
    let xml = roxmltree::Document::parse(&doc).expect("XML");
    assert_eq!(with_class(&xml, "mark").len(), selected);
    assert!(text_of(with_class(&xml, "subtitle")[0]).contains("events mentioning “misri”"));
    let dir = tempfile::tempdir().expect("a temp dir");
    let path = dir.path().join("chart.svg");
    let path_arg = path.display().to_string();
    let args = [
        "export", "--format", "svg", "--from", "2025", "--out", &path_arg,
    ];
    assert!(bilateral(&args).status.success());
    let written = std::fs::read_to_string(&path).expect("the file was written");
    let xml = roxmltree::Document::parse(&written).expect("XML");
    assert_eq!(with_class(&xml, "mark").len(), 13, "the 2025 events");
    assert!(
        !bilateral(&args).status.success(),
        "never replaces without --force"
    );
    // The library's export path renders the same document.
    let t = builtin();
    let all = render(
        ExportFormat::Svg,
        &Selection::new(&t, t.events.iter().collect()),
        chrono::Utc::now(),
    )
    .expect("rendered");
    assert!(all.notes.is_empty() && all.text.starts_with("<?xml"));
}
