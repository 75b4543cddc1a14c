//! Snapshot tests of the browser, rendered into ratatui's TestBackend at several sizes.

mod common;
use common::{builtin_app, type_text};

use bilateral::core::model::{Date, Event, Timeline};
use bilateral::tui::browse::app::{Action, App, Mode};
use bilateral::tui::theme::Theme;
use ratatui::Terminal;
use ratatui::backend::TestBackend;

fn render(app: &App) -> Terminal<TestBackend> {
    common::render(app, &Theme::dark())
}

#[test]
fn main_screen_at_standard_sizes() {
    for (w, h) in [(80, 24), (120, 40), (200, 60)] {
        let app = builtin_app(w, h);
        insta::assert_snapshot!(format!("main_{w}x{h}"), render(&app).backend());
    }
}

#[test]
fn tiny_sizes_show_a_notice_and_never_panic() {
    // TestBackend cannot print a 0×0 buffer, so that size is only drawn.
    let empty = render(&builtin_app(0, 0));
    assert!(empty.backend().buffer().content.is_empty());
    for (w, h) in [(1, 1), (20, 5), (31, 8), (32, 7)] {
        let app = builtin_app(w, h);
        insta::assert_snapshot!(format!("tiny_{w}x{h}"), render(&app).backend());
    }
}

#[test]
fn search_highlights_matched_characters() {
    let mut app = builtin_app(120, 30);
    app.update(Action::OpenSearch);
    type_text(&mut app, "goyal");
    let terminal = render(&app);
    insta::assert_snapshot!("search_goyal", terminal.backend());
    // The matched letters of "Goyal" in the list row carry the match style; others do not.
    let buffer = terminal.backend().buffer();
    let row = (0..buffer.area.height)
        .find(|&y| {
            (0..buffer.area.width)
                .map(|x| buffer[(x, y)].symbol().to_string())
                .collect::<String>()
                .contains("▶ c. 17–22 May")
        })
        .expect("the Goyal row is listed");
    let line: Vec<_> = (0..buffer.area.width).map(|x| &buffer[(x, row)]).collect();
    let text: String = line.iter().map(|c| c.symbol()).collect();
    let start = text.find("Goyal").expect("title shown");
    let col = text[..start].chars().count();
    let matched = Theme::dark().matched;
    for cell in &line[col..col + 5] {
        assert_eq!(
            cell.modifier,
            matched.add_modifier,
            "{:?} highlighted",
            cell.symbol()
        );
    }
    assert_ne!(line[col - 2].modifier, matched.add_modifier);
}

#[test]
fn help_overlay() {
    let mut app = builtin_app(80, 40);
    app.update(Action::ToggleHelp);
    assert_eq!(app.mode, Mode::Help);
    insta::assert_snapshot!("help_80x40", render(&app).backend());
    let mut small = builtin_app(60, 20);
    small.update(Action::ToggleHelp);
    small.update(Action::PageDown);
    insta::assert_snapshot!("help_60x20_scrolled", render(&small).backend());
}

#[test]
fn help_wraps_instead_of_cutting_words_off() {
    let mut app = builtin_app(60, 60);
    app.update(Action::ToggleHelp);
    // Scroll through the whole help, collecting its words.
    let mut words = std::collections::BTreeSet::new();
    for _ in 0..10 {
        let screen = common::screen_text(render(&app).backend().buffer());
        let screen = screen.replace('│', " ");
        words.extend(screen.split_whitespace().map(str::to_string));
        app.update(Action::PageDown);
    }
    let map = bilateral::tui::keymap::Keymap::new(bilateral::tui::browse::keys::KEYS);
    for (_, keys) in bilateral::tui::browse::keys::help_lines(&map) {
        for (_, what) in keys {
            for word in what.split_whitespace() {
                assert!(words.contains(word), "{word:?} of {what:?} is missing");
            }
        }
    }
}

#[test]
fn long_detail_pane_scrolls() {
    let mut event = Event::new(
        "long",
        "An event with a long account",
        Date::parse("2025-05-27").unwrap(),
    );
    event.details = Some(
        (1..=60)
            .map(|i| {
                format!(
                    "Paragraph {i}: the talks covered semiconductors, critical minerals and visas."
                )
            })
            .collect::<Vec<_>>()
            .join("\n")
            .into(),
    );
    let timeline = Timeline {
        title: "Long".into(),
        as_of: None,
        events: vec![event],
        ..Timeline::default()
    };
    let mut app = App::new(timeline, None);
    app.update(Action::Resize(80, 24));
    app.update(Action::ToggleFocus);
    for _ in 0..3 {
        app.update(Action::PageDown);
    }
    insta::assert_snapshot!("long_detail_scrolled", render(&app).backend());
    for _ in 0..100 {
        app.update(Action::PageDown);
    }
    let rendered = render(&app).backend().to_string();
    assert!(
        rendered.contains("Paragraph 60"),
        "the end of the text is reachable"
    );
}

#[test]
fn narrow_layout_puts_detail_below() {
    let mut app = builtin_app(60, 20);
    app.update(Action::Last);
    insta::assert_snapshot!("narrow_60x20_last", render(&app).backend());
}

#[test]
fn the_browser_and_the_search_command_agree_on_the_first_result() {
    for query in [
        "goyal",
        "kessler",
        "tariff",
        "'trade",
        "tag:trade visit",
        "compact",
    ] {
        let mut app = builtin_app(120, 40);
        app.update(Action::OpenSearch);
        type_text(&mut app, query);
        let tui_first = app.selected_event().map(|e| e.id.to_string());
        let out = common::bilateral(&["search", query, "--limit", "1", "--json"]);
        let v: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
        let cli_first = v["events"][0]["id"].as_str().map(str::to_string);
        assert_eq!(tui_first, cli_first, "{query}");
        assert!(tui_first.is_some(), "{query} finds something");
    }
}

#[test]
fn hyperlinks_cover_only_their_own_cells_and_never_an_overlay() {
    use ratatui::buffer::CellDiffOption;
    let mut app = builtin_app(200, 60);
    app.hyperlinks = true;
    app.update(Action::OpenJump);
    for c in "2025-02-12".chars() {
        app.update(Action::Input(c));
    }
    app.update(Action::Accept);
    assert_eq!(&*app.selected_event().unwrap().id, "modi-visit");
    for open_help in [false, true] {
        if open_help {
            app.update(Action::ToggleHelp);
        }
        let mut terminal = Terminal::new(TestBackend::new(200, 60)).unwrap();
        let frame = terminal
            .draw(|f| bilateral::tui::browse::view::draw(f, &app, &Theme::dark()))
            .unwrap();
        let buffer = frame.buffer;
        let mut links = 0;
        for y in 0..buffer.area.height {
            for x in 0..buffer.area.width {
                let CellDiffOption::ForcedWidth(w) = buffer[(x, y)].diff_option else {
                    continue;
                };
                links += 1;
                assert!(buffer[(x, y)].symbol().starts_with("\x1b]8;;https://"));
                for covered in x + 1..x + w.get() {
                    assert_eq!(
                        buffer[(covered, y)].diff_option,
                        CellDiffOption::Skip,
                        "({covered}, {y}) is under the link at ({x}, {y})"
                    );
                }
            }
        }
        // The selected event (Modi's visit) has three linked sources in view.
        assert_eq!(
            links,
            if open_help { 0 } else { 3 },
            "help open: {open_help}"
        );
    }
}
