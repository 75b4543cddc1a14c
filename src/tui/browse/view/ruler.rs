//! The time ruler: one line across the timeline's span, with event density and the selected event,
//! and above it, when the timeline has eras, a line of labelled era bands. With a filter, the
//! density is that of the events it keeps (`·` where it keeps none); with the chart open, what lies
//! outside the chart's stretch of time is dimmed, so the ruler says where the chart is.
//!
//! Density and the era under each bucket were worked out once at start-up (`App::density`,
//! `App::era_buckets`) and as search results arrive (`App::hit_density`); drawing folds those
//! buckets into the available cells, so the cost is the width of the screen, not the number of
//! events or eras.

use chrono::NaiveDate;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;
use unicode_width::UnicodeWidthStr;

use crate::core::model::Date;
use crate::core::model::date::year_label;
use crate::tui::browse::app::{App, View, ruler_bucket};
use crate::tui::cells;
use crate::tui::theme::Theme;

const LEVELS: [char; 8] = ['▁', '▂', '▃', '▄', '▅', '▆', '▇', '█'];

pub fn draw(frame: &mut Frame, area: Rect, app: &App, theme: &Theme) {
    if app.timeline.events.is_empty() || area.width < 12 {
        return;
    }
    let left = format!(" {} ", axis_label(app.span.0));
    let right = format!(" {}", axis_label(app.span.1 - 1.0));
    let labels = left.width() + right.width();
    let cells = usize::from(area.width).saturating_sub(labels + 1);
    if cells < 4 {
        return;
    }
    if area.height >= 2 {
        let bands = era_line(app, theme, left.width(), cells);
        frame.render_widget(Paragraph::new(bands), Rect { height: 1, ..area });
    }
    let area = Rect {
        y: area.y + area.height - 1,
        height: 1,
        ..area
    };
    let fold = |buckets: &[u32]| -> Vec<u32> {
        let n = buckets.len();
        (0..cells)
            .map(|i| {
                let from = (i * n / cells).min(n);
                let to = ((i + 1) * n / cells).max(from + 1).min(n);
                buckets[from..to].iter().sum()
            })
            .collect()
    };
    // With a filter the ruler shows what it keeps.
    let counts = if app.filtered() {
        fold(&app.hit_density)
    } else {
        fold(&app.density)
    };
    // With the chart open, the cells outside its stretch of time.
    let outside = |i: usize| {
        app.view == View::Chart && {
            let width = (app.span.1 - app.span.0) / cells as f64;
            let (a, b) = (
                app.span.0 + i as f64 * width,
                app.span.0 + (i + 1) as f64 * width,
            );
            b <= app.chart.view.from || a >= app.chart.view.to
        }
    };
    let max = counts.iter().copied().max().unwrap_or(0).max(1);
    let mark = app
        .selected_event()
        .map(|e| ruler_bucket(e.start.axis_days(), app.span, cells));
    let today = app
        .as_of
        .map(|d| ruler_bucket(d.axis_days(), app.span, cells));
    let mut spans = vec![Span::styled(left, theme.dim)];
    for (i, &c) in counts.iter().enumerate() {
        let ch = match c {
            0 if today == Some(i) => '┊',
            0 => '·',
            c => LEVELS[((c as usize * (LEVELS.len() - 1)) / max as usize).min(LEVELS.len() - 1)],
        };
        let style = if mark == Some(i) {
            theme.ruler_mark
        } else if today == Some(i) {
            theme.prompt
        } else if outside(i) || (c == 0 && app.filtered()) {
            theme.dim
        } else {
            theme.ruler
        };
        spans.push(Span::styled(ch.to_string(), style));
    }
    spans.push(Span::styled(right, theme.dim));
    frame.render_widget(Paragraph::new(Line::from(spans)), area);
}

/// The era bands: each era's cells in its own background, its title written in them where it fits
/// (cut short with "…" where it does not). Neighbouring bands alternate styles so the edge shows.
fn era_line(app: &App, theme: &Theme, indent: usize, cells: usize) -> Line<'static> {
    let n = app.era_buckets.len();
    // The era under the middle bucket of each cell.
    let era_of = |i: usize| {
        let middle = ((2 * i + 1) * n / (2 * cells)).min(n.saturating_sub(1));
        app.era_buckets.get(middle).copied().flatten()
    };
    let mut spans = vec![Span::raw(" ".repeat(indent))];
    let mut i = 0;
    let mut alternate = false;
    while i < cells {
        let era = era_of(i);
        let run = (i..cells).take_while(|&j| era_of(j) == era).count();
        let (text, style) = match era.and_then(|e| app.timeline.eras.get(e)) {
            Some(e) => {
                let style = if alternate { theme.era_alt } else { theme.era };
                alternate = !alternate;
                (fit(&e.title, run), style)
            }
            None => (" ".repeat(run), Style::new()),
        };
        spans.push(Span::styled(text, style));
        i += run;
    }
    Line::from(spans)
}

/// `title` in exactly `width` columns: padded, or cut with "…".
fn fit(title: &str, width: usize) -> String {
    let title = cells::for_screen(title);
    let mut out = String::new();
    let mut used = 0;
    if title.width() <= width {
        out.push_str(&title);
        used = title.width();
    } else if width >= 2 {
        for c in title.chars() {
            let w = unicode_width::UnicodeWidthChar::width(c).unwrap_or(0);
            if used + w + 1 > width {
                break;
            }
            out.push(c);
            used += w;
        }
        out.push('…');
        used += 1;
    }
    out.push_str(&" ".repeat(width.saturating_sub(used)));
    out
}

/// "Feb 2025" for a calendar position, "3500 BCE" or "13.8 billion years ago" beyond the calendar.
fn axis_label(days: f64) -> String {
    let in_calendar = days.abs() < 90_000_000.0;
    match NaiveDate::from_num_days_from_ce_opt(days.floor() as i32).filter(|_| in_calendar) {
        Some(d) => {
            let date = Date::from_naive(d);
            Date::month_of(date.year(), date.month().unwrap_or(1))
                .map_or_else(|| date.label(), |m| m.label())
        }
        None => year_label((days / 365.2425).floor() as i64),
    }
}
