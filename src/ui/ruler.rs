//! The time ruler: one line across the timeline's span, with event density and the selected event.
//!
//! Density was counted once at start-up (`App::density`); drawing folds those buckets into the
//! available cells, so the cost is the width of the screen, not the number of events.

use chrono::NaiveDate;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;
use unicode_width::UnicodeWidthStr;

use crate::app::{App, ruler_bucket};
use crate::model::Date;
use crate::model::date::year_label;
use crate::theme::Theme;

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
    let n = app.density.len();
    let counts: Vec<u32> = (0..cells)
        .map(|i| {
            app.density[i * n / cells..((i + 1) * n / cells).max(i * n / cells + 1).min(n)]
                .iter()
                .sum()
        })
        .collect();
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
        } else {
            theme.ruler
        };
        spans.push(Span::styled(ch.to_string(), style));
    }
    spans.push(Span::styled(right, theme.dim));
    frame.render_widget(Paragraph::new(Line::from(spans)), area);
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
