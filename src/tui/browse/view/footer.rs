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
            "Go to date (today, may 2025, 1998, 2025-05-28): ",
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
    let hints = fitting(keys::footer(&app.keys, app.mode), usize::from(area.width));
    let mut spans = Vec::new();
    for (key, what) in hints {
        spans.push(Span::styled(format!(" {key} "), theme.prompt));
        spans.push(Span::styled(format!("{what} "), theme.dim));
    }
    frame.render_widget(Paragraph::new(Line::from(spans)), area);
}

/// The hints that fit in `width` columns, whole: the ones that end the line (help and quit, which
/// a newcomer needs to find everything else) are kept, and the others go from the right.
fn fitting<'a>(mut hints: Vec<(&'a str, &'a str)>, width: usize) -> Vec<(&'a str, &'a str)> {
    let cost = |h: &[(&str, &str)]| {
        h.iter()
            .map(|(k, w)| k.width() + w.width() + 3)
            .sum::<usize>()
    };
    let kept = |h: &(&str, &str)| matches!(h.0, "?" | "q");
    while cost(&hints) > width {
        match hints.iter().rposition(|h| !kept(h)) {
            Some(i) => {
                hints.remove(i);
            }
            None => break,
        }
    }
    hints
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hints_that_do_not_fit_go_whole_and_help_and_quit_stay() {
        let map = crate::tui::keymap::Keymap::new(keys::KEYS);
        let all = keys::footer(&map, Mode::Browse);
        let narrow = fitting(all.clone(), 60);
        assert!(narrow.len() < all.len());
        assert!(narrow.contains(&("?", "help")) && narrow.contains(&("q", "quit")));
        let cost: usize = narrow.iter().map(|(k, w)| k.width() + w.width() + 3).sum();
        assert!(cost <= 60);
        assert_eq!(fitting(all.clone(), 500), all);
    }
}
