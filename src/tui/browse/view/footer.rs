//! The bottom two lines: the prompt line (search input, date prompt, messages) and key hints,
//! which come from the key table.

use ratatui::Frame;
use ratatui::layout::{Position, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;
use unicode_width::UnicodeWidthStr;

use crate::core::sanitize;
use crate::tui::browse::app::{App, Mode};
use crate::tui::browse::keys;
use crate::tui::cells;
use crate::tui::theme::Theme;

pub fn draw_prompt(frame: &mut Frame, area: Rect, app: &App, theme: &Theme) {
    let (prefix, input) = match app.mode {
        Mode::Search => ("/", Some(app.query_text.as_str())),
        Mode::Jump => (
            "Go to date (YYYY, YYYY-MM, YYYY-MM-DD): ",
            Some(app.jump_text.as_str()),
        ),
        _ => ("", None),
    };
    let mut spans = Vec::new();
    if let Some(input) = input {
        spans.push(Span::styled(prefix, theme.prompt));
        spans.push(cells::span(Span::raw(input)));
        let x = area.x + (prefix.width() + cells::width(input)) as u16;
        if x < area.right() {
            frame.set_cursor_position(Position::new(x, area.y));
        }
    }
    // Messages name files and quote them, so they are made safe like event text.
    if let Some(m) = &app.message {
        spans.push(Span::raw("  "));
        spans.push(Span::styled(
            sanitize::line(&m.text),
            if m.error { theme.error } else { theme.dim },
        ));
    } else if let Some(e) = app.reload_error.as_deref().filter(|_| input.is_none()) {
        spans.push(Span::styled(sanitize::line(e), theme.error));
    } else if app.mode == Mode::Search && !app.query.problems.is_empty() {
        spans.push(Span::styled(
            format!("  ignored: {}", app.query.problems.join("; ")),
            theme.error,
        ));
    } else if app.mode == Mode::Browse && app.filtered() {
        spans.push(Span::styled("filter ", theme.dim));
        spans.push(Span::styled(app.query_text.as_str(), theme.prompt));
        spans.push(Span::styled("  (/ edits, Esc clears)", theme.dim));
    }
    frame.render_widget(Paragraph::new(cells::line(Line::from(spans))), area);
}

pub fn draw_keys(frame: &mut Frame, area: Rect, app: &App, theme: &Theme) {
    let hints = keys::footer(app.mode);
    let mut spans = Vec::new();
    for (key, what) in hints {
        spans.push(Span::styled(format!(" {key} "), theme.prompt));
        spans.push(Span::styled(format!("{what} "), theme.dim));
    }
    frame.render_widget(Paragraph::new(Line::from(spans)), area);
}
