//! What the browser draws for timelines beyond the modern calendar, with eras and groups: the
//! screen as text, checked against insta snapshots, plus the styles the text cannot show.

mod common;
use common::fixture;

use std::path::PathBuf;

use bilateral::tui::browse::app::{Action, App};
use bilateral::tui::theme::Theme;
use ratatui::style::Modifier;

fn app_from(path: PathBuf, width: u16, height: u16) -> App {
    common::app(common::load(vec![path], false), width, height)
}

fn app_from_json(json: &str, width: u16, height: u16) -> App {
    let parsed = bilateral::formats::native::parse_str("inline.json", json).unwrap();
    common::app(
        bilateral::core::model::merge(vec![parsed.dataset]),
        width,
        height,
    )
}

/// The screen as text, and the buffer for style checks.
fn draw(app: &App) -> (String, ratatui::buffer::Buffer) {
    let terminal = common::render(app, &Theme::dark().without_colour());
    let buffer = terminal.backend().buffer().clone();
    let text = common::screen_text(&buffer)
        .lines()
        .map(|line| format!("{}\n", line.trim_end()))
        .collect();
    (text, buffer)
}

#[test]
fn deep_time_lists_and_rules_cosmological_bce_and_three_digit_years() {
    let app = app_from(fixture("deep-time.json"), 110, 20);
    let (text, buffer) = draw(&app);
    insta::assert_snapshot!("deep_time_wide", text);
    // The ruler spans 13.8 billion years; the Hadean band (4.6–4.0 billion years ago) sits about a
    // third of the way from the right, in the era style.
    let ruler_y = 1;
    let hadean_x = (0..buffer.area.width)
        .find(|&x| buffer[(x, ruler_y)].symbol() == "H")
        .expect("the Hadean band is labelled");
    assert!(
        buffer[(hadean_x, ruler_y)]
            .modifier
            .contains(Modifier::REVERSED)
    );
    let share = f64::from(hadean_x) / f64::from(buffer.area.width);
    assert!((0.6..0.75).contains(&share), "Hadean at {share}");
}

#[test]
fn the_detail_pane_names_the_era_and_the_authors_date() {
    let mut app = app_from(fixture("deep-time.json"), 80, 30);
    for _ in 0..3 {
        app.update(Action::Down);
    }
    assert_eq!(&*app.selected_event().unwrap().id, "writing");
    let (text, _) = draw(&app);
    insta::assert_snapshot!("deep_time_writing_detail", text);
    assert!(text.contains("Era      Bronze Age"));
    app.update(Action::Down);
    app.update(Action::Down);
    let (text, _) = draw(&app);
    assert!(text.contains("Date     Summer 622"));
    assert!(text.contains("Dated    16 Jul – 24 Sep 622"));
}

#[test]
fn era_bands_share_the_ruler_and_titles_fit_their_bands() {
    let app = app_from_json(
        r#"{"title": "Ages", "eras": [
            {"title": "Bronze Age", "start": "-3300", "end": "-1201"},
            {"title": "Iron Age", "start": "-1200", "end": "-550"},
            {"title": "Classical antiquity with a very long name", "start": "-549", "end": "0476"}],
          "events": [
            {"id": "a", "title": "Writing", "start": "-3200", "group": "Culture"},
            {"id": "b", "title": "Bronze Age collapse", "start": "-1177"},
            {"id": "c", "title": "Fall of the Western Roman Empire", "start": "0476-09-04"}]}"#,
        90,
        14,
    );
    let (text, buffer) = draw(&app);
    insta::assert_snapshot!("ages_bands", text);
    // Neighbouring bands alternate styles so that their edge is visible.
    let row: Vec<_> = (0..buffer.area.width).map(|x| &buffer[(x, 1)]).collect();
    let bronze = row.iter().position(|c| c.symbol() == "B").unwrap();
    let iron = row.iter().position(|c| c.symbol() == "I").unwrap();
    assert_ne!(row[bronze].modifier, row[iron].modifier);
}

#[test]
fn an_imported_timelinejs_file_is_browsable() {
    let mut app = app_from(fixture("timelinejs/women_in_computing.json"), 100, 24);
    app.update(Action::Last);
    let (text, _) = draw(&app);
    insta::assert_snapshot!("women_in_computing_last", text);
}
