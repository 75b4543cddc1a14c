//! Presentation mode: behaviour, and snapshots in every theme at projector sizes.

mod common;
use common::builtin_app as app;

use bilateral::tui::browse::app::{Action, Mode};
use bilateral::tui::browse::view as ui;
use bilateral::tui::theme::{NAMES, Theme};
use ratatui::Terminal;
use ratatui::backend::TestBackend;

#[test]
fn presents_the_current_view_and_returns_to_the_same_event() {
    let mut app = app(120, 40);
    app.update(Action::SetQuery("kind:visit".into()));
    let slides = app.hits.len();
    // 4 visits in the 2025 report, 80 in the Office of the Historian records.
    assert_eq!(slides, 4 + 80);
    app.update(Action::Present);
    assert_eq!(app.mode, Mode::Present);
    app.update(Action::Down);
    app.update(Action::Down);
    let shown = app.selected_event().unwrap().id.clone();
    app.update(Action::Up);
    app.update(Action::Down);
    app.update(Action::Last);
    app.update(Action::Down);
    assert_eq!(app.selected, slides - 1, "stays on the last slide");
    app.update(Action::First);
    app.update(Action::Down);
    app.update(Action::Down);
    assert_eq!(app.selected_event().unwrap().id, shown);
    app.update(Action::Cancel);
    assert_eq!(app.mode, Mode::Browse);
    assert_eq!(
        app.selected_event().unwrap().id,
        shown,
        "back on the same event"
    );
    assert_eq!(app.hits.len(), slides, "the filter is kept");
}

#[test]
fn snapshots_in_every_theme() {
    for name in NAMES {
        let theme = Theme::named(name).unwrap();
        for (w, h) in [(80, 24), (200, 60)] {
            let mut app = app(w, h);
            app.update(Action::Last);
            app.update(Action::Present);
            let mut terminal = Terminal::new(TestBackend::new(w, h)).unwrap();
            terminal.draw(|f| ui::draw(f, &app, &theme)).unwrap();
            // The debug form carries styles, so each theme's colours are part of the snapshot.
            insta::assert_debug_snapshot!(
                format!("present_{name}_{w}x{h}"),
                terminal.backend().buffer()
            );
        }
    }
}

#[test]
fn small_and_empty_presentations_do_not_panic() {
    let mut terminal = Terminal::new(TestBackend::new(0, 0)).unwrap();
    for (w, h) in [(0, 0), (1, 1), (20, 5), (19, 6), (40, 12)] {
        let mut app = app(w, h);
        app.update(Action::SetQuery("zzzzqq".into()));
        app.update(Action::Present);
        terminal.backend_mut().resize(w, h);
        terminal
            .draw(|f| ui::draw(f, &app, &Theme::dark()))
            .unwrap();
    }
}

#[test]
fn one_title_style_per_screen_size_and_every_source_or_an_honest_count() {
    let theme = Theme::named("dark").unwrap();
    for (w, h) in [(100, 30), (200, 60)] {
        let mut app = app(w, h);
        app.update(Action::SetQuery("2025".into()));
        app.update(Action::Present);
        app.update(Action::First);
        let (_, total) = app.slide_position();
        let mut styles = std::collections::BTreeSet::new();
        for _ in 0..total {
            let mut terminal = Terminal::new(TestBackend::new(w, h)).unwrap();
            terminal.draw(|f| ui::draw(f, &app, &theme)).unwrap();
            let screen = common::screen_text(terminal.backend().buffer());
            // The large font is drawn with quadrant blocks.
            let title_rows: String = screen.lines().skip(2).take(4).collect();
            styles.insert(title_rows.contains(['▀', '▄', '█', '▌', '▐']));
            let e = app.selected_event().unwrap();
            let quoted = e.sources.iter().filter(|s| s.quote.is_some()).count();
            let shown = screen.matches('“').count();
            if shown < quoted {
                assert!(screen.contains("more source"), "{}: {screen}", e.id);
            }
            app.update(Action::Down);
        }
        assert_eq!(styles.len(), 1, "{w}×{h}: one title style for the deck");
    }
}
