//! `cargo bench --bench chart`: the time chart's cost per frame at 10k, 100k and 1M events.
//!
//! For each size: the one-off work (indexing the events' places on the axis, assigning lanes),
//! then at three zooms (everything, one year, one week):
//!
//! - `frame`: the chart widget's layout and drawing into a 120×40 buffer, with a filter that
//!   keeps every tenth event and the selection moving;
//! - `layout`: the layout alone (100 columns × 30 lines), the part that grows with the events;
//! - `browser`: a key to frame in the browser with the chart open at 200×60 (a pan, then the
//!   whole screen drawn: header, ruler, chart, list and detail).
//!
//! Prints one line per measurement: `bench chart <what> zoom=<z> events=<n> ms_p50=… ms_p99=…`.
//! `BENCH_SIZES=10000` runs fewer sizes. The synthetic events are `bilateral generate`'s, with
//! some turned into windows, open ends and ongoing spans so that every shape is drawn.

use std::time::{Duration, Instant};

use bilateral::core::chart::layout::layout;
use bilateral::core::chart::{ChartState, Filter, Frame, LaneBy, Viewport};
use bilateral::core::generate::{self, Spec};
use bilateral::core::model::{Date, Event, Extent, Timeline};
use bilateral::tui::browse::app::{Action, App};
use bilateral::tui::browse::view as ui;
use bilateral::tui::theme::Theme;
use bilateral::tui::widgets::chart::Chart;
use ratatui::Terminal;
use ratatui::backend::TestBackend;

// The same allocator as the binary, so the figures are the binary's.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

const FRAMES: usize = 200;
const BROWSER_FRAMES: usize = 60;

fn main() {
    let sizes: Vec<usize> = std::env::var("BENCH_SIZES")
        .ok()
        .map(|s| s.split(',').filter_map(|x| x.trim().parse().ok()).collect())
        .unwrap_or_else(|| vec![10_000, 100_000, 1_000_000]);
    let theme = Theme::dark();
    let as_of = Date::parse("2025-05-28").ok();
    let day = |s: &str| Date::parse(s).map_or(0.0, |d| d.axis_days());
    for n in sizes {
        let events = events(n);
        let t = Instant::now();
        let state = ChartState::new(&events, as_of.as_ref(), LaneBy::Kind);
        println!(
            "bench chart setup events={n} index_and_lanes_ms={:.1}",
            ms(t.elapsed())
        );
        let mask: Vec<bool> = (0..n).map(|i| i % 10 == 0).collect();
        let zooms = [
            ("all", state.index.bounds()),
            ("year", Viewport::new(day("2024-01-01"), day("2025-01-01"))),
            ("week", Viewport::new(day("2024-05-13"), day("2024-05-20"))),
        ];
        for (zoom, view) in zooms {
            let state = ChartState {
                view,
                ..state.clone()
            };
            let mut terminal = Terminal::new(TestBackend::new(120, 40)).expect("terminal");
            let samples = (0..FRAMES)
                .map(|frame| {
                    let t = Instant::now();
                    terminal
                        .draw(|f| {
                            let chart = Chart {
                                events: &events,
                                state: &state,
                                filter: Filter::Mask(&mask),
                                selected: Some(frame * 7919 % n),
                                eras: &[],
                                as_of,
                            };
                            chart.render(f.area(), f.buffer_mut(), &theme);
                        })
                        .expect("draw");
                    t.elapsed()
                })
                .collect();
            let (p50, p99) = stats(samples);
            println!("bench chart frame zoom={zoom} events={n} ms_p50={p50:.2} ms_p99={p99:.2}");
            // The layout alone: what a frame costs beyond drawing the cells.
            let samples = (0..FRAMES)
                .map(|_| {
                    let t = Instant::now();
                    let frame = Frame {
                        view,
                        width: 100,
                        height: 30,
                        filter: Filter::Mask(&mask),
                        ..Frame::default()
                    };
                    std::hint::black_box(layout(&state.index, &state.lanes, frame));
                    t.elapsed()
                })
                .collect();
            let (p50, p99) = stats(samples);
            println!("bench chart layout zoom={zoom} events={n} ms_p50={p50:.2} ms_p99={p99:.2}");
        }
        browser(events, &theme);
    }
}

/// A key to frame in the browser with the chart open, at each zoom.
fn browser(events: Vec<Event>, theme: &Theme) {
    let n = events.len();
    let timeline = Timeline {
        title: "bench".into(),
        as_of: Date::parse("2025-05-28").ok(),
        events,
        ..Timeline::default()
    };
    let mut app = App::new(timeline, None);
    app.update(Action::Resize(200, 60));
    while app.searching() {
        app.update(Action::SearchStep);
    }
    app.update(Action::ToggleChart);
    let mut terminal = Terminal::new(TestBackend::new(200, 60)).expect("terminal");
    for (zoom, jump) in [
        ("all", None),
        ("year", Some("2024")),
        ("week", Some("2024-05-14")),
    ] {
        match jump {
            None => {
                app.update(Action::FitAll);
            }
            Some(date) => {
                app.update(Action::OpenJump);
                for c in date.chars() {
                    app.update(Action::Input(c));
                }
                app.update(Action::Accept);
            }
        }
        let samples = (0..BROWSER_FRAMES)
            .map(|frame| {
                let t = Instant::now();
                let pan = if frame % 2 == 0 {
                    Action::PanForward
                } else {
                    Action::PanBack
                };
                app.update(pan);
                terminal.draw(|f| ui::draw(f, &app, theme)).expect("draw");
                t.elapsed()
            })
            .collect();
        let (p50, p99) = stats(samples);
        println!("bench chart browser zoom={zoom} events={n} ms_p50={p50:.2} ms_p99={p99:.2}");
    }
}

/// `bilateral generate`'s events, with every 40th a window of about three weeks, every 211th
/// "on or after", every 499th with an unknown end and every 997th still going on, in timeline
/// order.
fn events(n: usize) -> Vec<Event> {
    let mut events = generate::events(Spec {
        events: n,
        seed: 42,
    });
    for (i, e) in events.iter_mut().enumerate() {
        let later = e
            .start
            .first_day()
            .and_then(|d| d.checked_add_days(chrono::Days::new(20)))
            .map(Date::from_naive);
        match i {
            _ if i % 997 == 0 => (e.extent, e.end) = (Extent::Ongoing, None),
            _ if i % 499 == 0 => (e.extent, e.end) = (Extent::EndUnknown, None),
            _ if i % 211 == 0 => (e.extent, e.end) = (Extent::OnOrAfter, None),
            _ if i % 40 == 0 && later.is_some() => (e.extent, e.end) = (Extent::OneDayIn, later),
            _ => {}
        }
    }
    bilateral::core::model::sort(&mut events);
    events
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

/// Median and 99th percentile, in milliseconds.
fn stats(mut samples: Vec<Duration>) -> (f64, f64) {
    samples.sort();
    let at = |q: f64| {
        samples
            .get(((samples.len().saturating_sub(1)) as f64 * q).round() as usize)
            .map_or(0.0, |d| ms(*d))
    };
    (at(0.5), at(0.99))
}
