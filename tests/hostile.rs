//! Untrusted text and every terminal size: shown safely, never obeyed, never a panic.

mod common;
use common::screen_text as screen;

use bilateral::core::model::{Date, Event, Timeline};
use bilateral::tui::browse::app::{Action, App};
use bilateral::tui::browse::view as ui;
use bilateral::tui::theme::Theme;
use ratatui::Terminal;
use ratatui::backend::TestBackend;

fn hostile() -> Timeline {
    common::load(vec![common::fixture("hostile.json")], false)
}

fn draw(app: &App, terminal: &mut Terminal<TestBackend>) {
    terminal
        .draw(|f| ui::draw(f, app, &Theme::dark()))
        .expect("draw");
}

const FORBIDDEN: [char; 6] = [
    '\u{1b}', '\u{7}', '\u{9b}', '\u{202e}', '\u{200b}', '\u{2066}',
];

#[test]
fn escape_sequences_and_invisible_characters_are_shown_as_symbols() {
    let mut app = App::new(hostile(), None);
    app.update(Action::Resize(160, 40));
    let mut terminal = Terminal::new(TestBackend::new(160, 40)).unwrap();
    draw(&app, &mut terminal);
    let first = screen(terminal.backend().buffer());
    app.update(Action::Down);
    draw(&app, &mut terminal);
    let second = screen(terminal.backend().buffer());
    for s in [&first, &second] {
        assert!(
            !s.contains(FORBIDDEN),
            "a raw control reached the screen:\n{s}"
        );
    }
    for want in [
        "␛]0;PWNED␇",
        "␛]52;c;aGVsbG8=␇",
        "␛[2J",
        "⟨U+200B⟩",
        "⟨U+202E⟩evil",
        "⟨U+009B⟩31m",
        "next␍stray",
    ] {
        assert!(first.contains(want), "{want} visible:\n{first}");
    }
    assert!(second.contains("abc⟨U+202E⟩def⟨U+200B⟩ghi"), "{second}");
    assert!(
        first.contains("Hostile ␛[31mred"),
        "the dataset title too:\n{first}"
    );
    assert!(first.contains("tab here"), "tabs expanded:\n{first}");
}

#[test]
fn every_mode_at_every_size_from_0x0_to_120x40() {
    let timeline = hostile();
    let setups: [&[Action]; 5] = [
        &[],
        &[Action::OpenSearch, Action::Input('a')],
        &[Action::ToggleFocus, Action::DetailDown],
        &[Action::ToggleHelp],
        &[Action::OpenJump, Action::Input('2')],
    ];
    let mut terminal = Terminal::new(TestBackend::new(0, 0)).unwrap();
    for actions in setups {
        let mut app = App::new(timeline.clone(), None);
        for a in actions {
            app.update(a.clone());
        }
        for w in 0..=120u16 {
            for h in 0..=40u16 {
                app.update(Action::Resize(w, h));
                terminal.backend_mut().resize(w, h);
                draw(&app, &mut terminal);
            }
        }
    }
}

fn huge_event() -> Event {
    let mut e = Event::new(
        "huge",
        "x".repeat(200_000) + " end",
        Date::parse("2025-05-27").unwrap(),
    );
    let paragraph = "भारत–अमेरिका संबंध 🇮🇳🇺🇸 e\u{301}\u{302}\u{303} ".repeat(40);
    let mut details = String::new();
    while details.len() < 1 << 20 {
        details.push_str(&paragraph);
        details.push('\n');
    }
    details.push_str(&"a\u{301}".repeat(5000));
    details.push_str(&"z".repeat(100_000));
    e.details = Some(details.into());
    e.summary = Some("🙂".repeat(10_000).into());
    e.tags = vec!["t".repeat(50_000).into()].into();
    e
}

#[test]
fn huge_and_odd_content_renders_and_frames_stay_cheap() {
    let timeline = Timeline {
        title: "Huge".into(),
        as_of: None,
        events: vec![
            huge_event(),
            Event::new("small", "Small", Date::parse("2025-05-28").unwrap()),
        ],
        ..Timeline::default()
    };
    let mut app = App::new(timeline, None);
    app.update(Action::Resize(120, 40));
    let mut terminal = Terminal::new(TestBackend::new(120, 40)).unwrap();
    draw(&app, &mut terminal);
    let s = screen(terminal.backend().buffer());
    assert!(s.contains("xxxxxxxx"), "{s}");
    let lines = app.detail_lines.len();
    assert!(
        lines > 10_000,
        "the megabyte is wrapped once: {lines} lines"
    );
    // The wrapped text is cached: scrolling and redrawing reuse it rather than rewrapping the
    // megabyte each frame (checked by identity, not by timing).
    let wrapped = app.detail_lines.as_ptr();
    for _ in 0..20 {
        app.update(Action::DetailPageDown);
        draw(&app, &mut terminal);
    }
    assert_eq!(
        app.detail_lines.as_ptr(),
        wrapped,
        "no rewrap while scrolling"
    );
    assert!(app.detail_scroll > 0);
    app.update(Action::Last);
    app.update(Action::First);
    app.update(Action::OpenSearch);
    for c in "end".chars() {
        app.update(Action::Input(c));
    }
    draw(&app, &mut terminal);
    assert_eq!(app.hits.len(), 1);
}

/// A file name that would retitle the terminal if printed as it is.
const EVIL_NAME: &str = "\u{1b}]0;PWNED\u{7}.json";

fn no_raw_controls(what: &str, bytes: &[u8]) {
    assert!(
        !bytes.iter().any(|&b| b == 0x1b || b == 0x07),
        "{what} carries a raw ESC or BEL:\n{}",
        String::from_utf8_lossy(bytes)
    );
}

#[test]
fn file_names_on_standard_error_are_shown_not_obeyed() {
    let dir = tempfile::tempdir().unwrap();
    let evil = dir.path().join(EVIL_NAME);
    let evil_arg = evil.display().to_string();

    // A broken file: `list` and `validate` report it by name.
    std::fs::write(
        &evil,
        r#"{"title": "x", "events": [{"id": "a", "start": "2025"}]}"#,
    )
    .unwrap();
    for args in [
        vec!["--no-builtin", "--data", &evil_arg, "list"],
        vec!["validate", &evil_arg],
    ] {
        let o = common::bilateral(&args);
        assert_eq!(o.status.code(), Some(1));
        no_raw_controls(&format!("{args:?}"), &o.stderr);
        assert!(
            String::from_utf8_lossy(&o.stderr).contains("␛]0;PWNED␇.json"),
            "{}",
            String::from_utf8_lossy(&o.stderr)
        );
    }

    // A TimelineJS file whose import has warnings, each naming the file.
    std::fs::write(
        &evil,
        r##"{"title": {"text": {"headline": "T"}}, "events": [{"start_date": {"year": "2020"},
            "text": {"headline": "x"}, "background": {"color": "#fff"}}]}"##,
    )
    .unwrap();
    let o = common::bilateral(&["import", &evil_arg]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    assert!(String::from_utf8_lossy(&o.stderr).contains("warning: "));
    no_raw_controls("import", &o.stderr);

    // Errors from writing: an existing file, and a folder that does not exist.
    for out in [evil.clone(), dir.path().join(EVIL_NAME).join("x.json")] {
        let o = common::bilateral(&["export", "--out", &out.display().to_string()]);
        assert_eq!(o.status.code(), Some(1));
        no_raw_controls("export", &o.stderr);
    }
    // An article that cannot be read.
    let o = common::bilateral(&[
        "ingest",
        &dir.path()
            .join(EVIL_NAME)
            .join("a.txt")
            .display()
            .to_string(),
    ]);
    assert_eq!(o.status.code(), Some(1));
    no_raw_controls("ingest", &o.stderr);
}

#[test]
fn file_names_in_the_browser_are_shown_not_obeyed() {
    use bilateral::formats::diagnostics::{Diagnostic, LoadError};
    let mut app = App::new(hostile(), None);
    app.update(Action::Resize(120, 30));
    let failed = LoadError {
        diagnostics: vec![Diagnostic {
            file: format!("/tmp/{EVIL_NAME}"),
            position: Some((1, 2)),
            field: None,
            message: "expected value \u{1b}[2J".into(),
        }],
    };
    app.update(Action::Reloaded(Box::new(Err(failed))));
    let mut terminal = Terminal::new(TestBackend::new(120, 30)).unwrap();
    draw(&app, &mut terminal);
    let shown = screen(terminal.backend().buffer());
    assert!(!shown.contains(FORBIDDEN), "{shown}");
    assert!(shown.contains("␛]0;PWNED␇.json:1:2"), "{shown}");
}
