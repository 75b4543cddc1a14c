//! The chart in the browser: snapshots of the built-in dataset at three zooms in every theme, every
//! size without panic, and its keys, mouse, filter and selection driven through `App::update`.

mod common;
use common::{builtin_app, render, screen_text, text_and_styles, type_text};

use bilateral::core::chart::{ChartState, Filter, LaneBy};
use bilateral::core::model::{Date, Event, Timeline, When};
use bilateral::tui::browse::app::{Action, App, Focus, Mode, View};
use bilateral::tui::theme::{self, Theme};
use bilateral::tui::widgets::chart::Chart;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::layout::Rect;

/// The browser on the built-in dataset with the chart open.
fn chart_app(width: u16, height: u16) -> App {
    let mut app = builtin_app(width, height);
    app.update(Action::ToggleChart);
    assert_eq!((app.view, app.mode), (View::Chart, Mode::Chart));
    app
}

fn jump(app: &mut App, date: &str) {
    app.update(Action::OpenJump);
    type_text(app, date);
    app.update(Action::Accept);
}

/// The three zooms of the snapshots: 1946–2025 (fit), the year 2025, the week of 28 May 2025.
fn zoom(app: &mut App, zoom: &str) {
    match zoom {
        "all" => {
            app.update(Action::FitAll);
        }
        "year" => jump(app, "2025"),
        "week" => jump(app, "2025-05-28"),
        _ => unreachable!("no such zoom"),
    }
}

const ZOOMS: [&str; 3] = ["all", "year", "week"];

fn selected_id(app: &App) -> &str {
    app.selected_event().map_or("", |e| e.id.as_ref())
}

fn screen(app: &App) -> String {
    screen_text(render(app, &Theme::dark()).backend().buffer())
}

#[test]
fn snapshots_at_three_zooms_in_every_theme() {
    for name in theme::NAMES {
        let theme = Theme::named(name).expect("a shipped theme");
        for z in ZOOMS {
            for (w, h) in [(120, 40), (80, 24)] {
                let mut app = chart_app(w, h);
                zoom(&mut app, z);
                let terminal = render(&app, &theme);
                insta::assert_snapshot!(
                    format!("chart_{name}_{z}_{w}x{h}"),
                    text_and_styles(terminal.backend().buffer())
                );
            }
        }
    }
}

#[test]
fn the_three_zooms_read_as_they_should() {
    let mut app = chart_app(120, 40);
    let all = screen(&app);
    assert!(all.contains("Chart · 1945–2027 · lanes by group"), "{all}");
    for expected in [
        "1950",
        "2020",
        "Chiefs of mission",
        "Visits to the U.S.",
        "(no group)",
    ] {
        assert!(all.contains(expected), "{expected:?} in\n{all}");
    }
    zoom(&mut app, "year");
    let year = screen(&app);
    assert!(year.contains("Chart · Jan–Dec 2025"), "{year}");
    assert!(year.contains("Jan 2025") && year.contains("Apr"), "{year}");
    assert!(year.contains("│as of"), "{year}");
    zoom(&mut app, "week");
    let week = screen(&app);
    assert!(week.contains("Chart · 26 May – 1 Jun 2025"), "{week}");
    assert_eq!(selected_id(&app), "misri-visit");
    for expected in [
        "Mon 26",
        "Sun 1",
        "Foreign Secretary Vikram Misri visits",
        "━━━━━━",
        "◌┄┄",
        "›",
        "● day",
        "◌ about, or best estimate",
        "┄ one day in this window",
    ] {
        assert!(week.contains(expected), "{expected:?} in\n{week}");
    }
}

#[test]
fn every_size_renders_without_panic() {
    let mut sizes = vec![(0, 0), (1, 1), (20, 5), (80, 24), (120, 40), (200, 60)];
    for w in (0..=200).step_by(23) {
        for h in (0..=60).step_by(7) {
            sizes.push((w, h));
        }
    }
    for (w, h) in sizes {
        for z in ZOOMS {
            let mut app = chart_app(w, h);
            zoom(&mut app, z);
            let terminal = render(&app, &Theme::dark());
            assert_eq!(terminal.backend().buffer().area, Rect::new(0, 0, w, h));
            // The widget alone, in any area of the buffer, including one partly outside it.
            let mut terminal = Terminal::new(TestBackend::new(w, h)).expect("terminal");
            terminal
                .draw(|f| {
                    let area = Rect::new(w / 3, h / 3, w, h);
                    app.chart_widget()
                        .render(area, f.buffer_mut(), &Theme::dark());
                })
                .expect("draw");
        }
    }
}

#[test]
fn odd_input_draws_without_panic() {
    // No events; a filter shorter than the events; a selection past the end; deep time.
    let mut deep: Vec<Event> = ["-13800000000", "-3500", "622-08-09", "2025-05-28"]
        .iter()
        .enumerate()
        .map(|(i, d)| Event::new(format!("d{i}"), format!("deep {i}"), date(d)))
        .collect();
    deep[3].set_when(When::parse("2025-05-28/..").expect("an EDTF date"));
    for events in [Vec::new(), deep] {
        let mut state = ChartState::new(&events, Some(&date("2025-05-28")), LaneBy::Group);
        for _ in 0..70 {
            for (w, h) in [(0, 0), (1, 1), (20, 5), (80, 24)] {
                let mut terminal = Terminal::new(TestBackend::new(w, h)).expect("terminal");
                let chart = Chart {
                    events: &events,
                    state: &state,
                    filter: Filter::Mask(&[true]),
                    selected: Some(9),
                    eras: &[],
                    as_of: None,
                };
                terminal
                    .draw(|f| chart.render(f.area(), f.buffer_mut(), &Theme::dark()))
                    .expect("draw");
            }
            state.zoom_in(Some(3));
        }
        assert!(state.view.span() <= 1.0 + 1e-6 || events.is_empty());
    }
}

fn date(s: &str) -> Date {
    Date::parse(s).expect("a date")
}

#[test]
fn the_chart_opens_on_the_same_event_and_returns_to_the_list() {
    let mut app = builtin_app(120, 40);
    let opened_at = selected_id(&app).to_string();
    app.update(Action::ToggleChart);
    assert_eq!(selected_id(&app), opened_at);
    let s = screen(&app);
    assert!(s.contains("Chart ·") && s.contains(" c list "), "{s}");
    assert!(
        !s.contains("Timeline"),
        "the chart takes the list's place at 120×40:\n{s}"
    );
    // Tall enough, the list stays below the chart.
    app.update(Action::Resize(200, 60));
    assert!(screen(&app).contains("Timeline"));
    app.update(Action::Down);
    let moved = selected_id(&app).to_string();
    assert_ne!(moved, opened_at);
    app.update(Action::ToggleChart);
    assert_eq!((app.view, app.mode), (View::List, Mode::Browse));
    assert_eq!(selected_id(&app), moved);
    // Esc backs out of the chart when there is nothing else to back out of.
    app.update(Action::ToggleChart);
    app.update(Action::ToggleFocus);
    app.update(Action::Cancel);
    assert_eq!((app.view, app.focus), (View::Chart, Focus::List));
    app.update(Action::Cancel);
    assert_eq!(app.view, View::List);
    assert!(!app.should_quit);
}

#[test]
fn prompts_help_and_presentation_return_to_the_chart() {
    let mut app = chart_app(120, 40);
    for (open, close) in [
        (Action::OpenSearch, Action::Accept),
        (Action::OpenJump, Action::Cancel),
        (Action::ToggleHelp, Action::ToggleHelp),
        (Action::Present, Action::Cancel),
    ] {
        app.update(open.clone());
        assert_ne!(app.mode, Mode::Chart, "{open:?}");
        app.update(close);
        assert_eq!(app.mode, Mode::Chart, "back from {open:?}");
    }
}

#[test]
fn zoom_pan_fit_and_lanes() {
    let mut app = chart_app(120, 40);
    let whole = app.chart.view;
    let at = |app: &App| {
        let i = app.selected_index().expect("a selection");
        app.chart.index.drawn(i).expect("drawn").at
    };
    app.update(Action::ZoomIn);
    assert!((app.chart.view.span() - whole.span() / 2.0).abs() < 1.0);
    assert!(
        app.chart.view.contains(at(&app)),
        "zoomed around the selection"
    );
    for _ in 0..20 {
        app.update(Action::ZoomIn);
    }
    assert!(app.chart.view.span() <= 1.0 + 1e-6, "down to a day");
    assert!(app.chart.view.contains(at(&app)));
    app.update(Action::ZoomOut);
    assert!(app.chart.view.span() > 1.5);
    let before = app.chart.view;
    app.update(Action::PanBack);
    assert!(app.chart.view.from < before.from);
    app.update(Action::PanForward);
    app.update(Action::PanForward);
    assert!(app.chart.view.from > before.from);
    app.update(Action::PageDown);
    app.update(Action::FitAll);
    assert_eq!(app.chart.view, whole);
    assert!(screen(&app).contains("lanes by group"));
    app.update(Action::CycleLanes);
    let s = screen(&app);
    assert!(
        s.contains("lanes by kind") && s.contains("Lanes by kind"),
        "{s}"
    );
    assert!(s.contains("mission") && s.contains("visit"), "{s}");
    app.update(Action::CycleLanes);
    assert!(screen(&app).contains("lanes by actor"));
    app.update(Action::CycleLanes);
    assert!(screen(&app).contains("lanes by group"));
}

#[test]
fn the_selection_moves_in_time_even_when_the_list_is_ranked() {
    let mut app = chart_app(120, 40);
    app.update(Action::OpenSearch);
    type_text(&mut app, "misri");
    app.update(Action::Accept);
    assert!(app.query.ranks(), "a text search ranks the list");
    let mut in_time: Vec<usize> = app.hits.iter().map(|h| h.index as usize).collect();
    in_time.sort_unstable();
    app.update(Action::First);
    let mut seen = vec![app.selected_index().expect("a selection")];
    for _ in 1..in_time.len() {
        app.update(Action::Down);
        seen.push(app.selected_index().expect("a selection"));
    }
    assert_eq!(seen, in_time, "j steps through the matches in time order");
    app.update(Action::Down);
    assert!(
        app.message
            .as_ref()
            .is_some_and(|m| m.text.contains("last event"))
    );
    app.update(Action::Up);
    assert_eq!(
        app.selected_index(),
        in_time.get(in_time.len() - 2).copied()
    );
    // The detail pane follows.
    let title = app.selected_event().unwrap().title.clone();
    let head: String = title.chars().take(30).collect();
    assert!(screen(&app).contains(&head), "{head}");
}

#[test]
fn the_filter_shapes_the_chart_and_the_ruler() {
    let mut app = chart_app(120, 40);
    let ruler_before = screen(&app).lines().nth(2).map(String::from);
    app.update(Action::OpenSearch);
    type_text(&mut app, "group:secretary");
    app.update(Action::Accept);
    let s = screen(&app);
    // Everything else is drawn in light strokes, and the legend says so.
    assert!(s.contains("· ─ outside the filter"), "{s}");
    let lane = |name: &str| {
        s.lines()
            .find(|l| l.contains(name))
            .map(String::from)
            .unwrap_or_default()
    };
    assert!(lane("Visits to the U.S.").contains('·') || lane("Visits to the U.S.").contains('─'));
    assert!(!lane("Visits to the U.S.").contains('━'), "{s}");
    assert!(lane("Secretary travel").contains('━'), "{s}");
    let ruler_after = s.lines().nth(2).map(String::from);
    assert_ne!(
        ruler_before, ruler_after,
        "the ruler shows the matches only"
    );
    // `f` fits the matches: Secretary of State visits, from the 1950s to 2023.
    let whole = app.chart.view;
    app.update(Action::FitFilter);
    assert!(
        app.message
            .as_ref()
            .is_some_and(|m| m.text.contains("Fitted"))
    );
    let label = app.chart.view.label();
    assert!(app.chart.view.span() < whole.span(), "{label}");
    assert!(
        label.starts_with("195") && label.ends_with("2025"),
        "{label}"
    );
}

#[test]
fn a_click_selects_what_is_under_it_and_the_wheel_zooms_there() {
    let mut app = chart_app(120, 40);
    zoom(&mut app, "week");
    let terminal = render(&app, &Theme::dark());
    let buffer = terminal.backend().buffer();
    let text = screen_text(buffer);
    let (x, y) = text
        .lines()
        .enumerate()
        .find_map(|(y, line)| {
            let i = line.find("Misri meets Under")?;
            Some((line[..i].chars().count() as u16, y as u16))
        })
        .expect("Kessler's meeting is labelled");
    app.update(Action::Click { column: x, row: y });
    assert_eq!(selected_id(&app), "misri-visit-kessler-meeting");
    // Its mark, two cells to the left of its title.
    app.update(Action::Down);
    app.update(Action::Click {
        column: x - 2,
        row: y,
    });
    assert_eq!(selected_id(&app), "misri-visit-kessler-meeting");
    // The wheel zooms in around the pointer: the day under it stays under it.
    let chart = app.areas().expect("areas").chart_inner();
    let under = app.chart_widget().days_at(chart, x).expect("over the plot");
    app.update(Action::ScrollUp { column: x, row: y });
    assert!(app.chart.view.span() < 7.0);
    let still = app.chart_widget().days_at(chart, x).expect("over the plot");
    assert!((under - still).abs() < 0.1, "{under} then {still}");
    app.update(Action::ScrollDown { column: x, row: y });
    app.update(Action::ScrollDown { column: x, row: y });
    assert!(app.chart.view.span() > 7.0);
    // A click on nothing selects nothing new.
    let before = selected_id(&app).to_string();
    app.update(Action::Click {
        column: chart.x,
        row: chart.y,
    });
    assert_eq!(selected_id(&app), before);
}

#[test]
fn stepping_scrolls_the_chart_to_the_selection_and_panning_does_not_snap_back() {
    let mut app = chart_app(120, 40);
    zoom(&mut app, "week");
    app.update(Action::PanForward);
    app.update(Action::PanForward);
    let panned = app.chart.view;
    app.update(Action::Resize(120, 40));
    app.update(Action::ToggleFocus);
    app.update(Action::ToggleFocus);
    assert_eq!(
        app.chart.view, panned,
        "panning sticks while the selection stays"
    );
    app.update(Action::First);
    let i = app.selected_index().expect("a selection");
    let at = app.chart.index.drawn(i).expect("drawn").at;
    assert!(
        app.chart.view.contains(at),
        "the chart follows the selection"
    );
    assert!(app.chart.view.span() < 8.0, "at the same zoom");
}

#[test]
fn reload_keeps_the_chart() {
    let mut app = chart_app(120, 40);
    zoom(&mut app, "year");
    let view = app.chart.view;
    let timeline: Timeline = common::builtin();
    app.update(Action::Reloaded(Box::new(Ok(timeline))));
    assert_eq!(app.chart.view, view);
    assert_eq!(app.view, View::Chart);
}
