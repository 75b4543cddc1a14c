//! The timeline list: year and month headers, one row per event, the selection and a scrollbar.
//!
//! Only the rows in view are built, so a frame costs the height of the pane whatever the number of
//! events.

use ratatui::Frame;
use ratatui::layout::{Margin, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Scrollbar, ScrollbarOrientation, ScrollbarState};
use unicode_segmentation::UnicodeSegmentation;
use unicode_width::UnicodeWidthStr;

use crate::core::model::{Date, Event, Status};
use crate::core::search;
use crate::tui::browse::app::{App, Focus, Mode, Row};
use crate::tui::browse::layout::pane_block;
use crate::tui::cells;
use crate::tui::theme::Theme;

/// The marker for an event's status: the shape says it even without colour.
pub fn marker(status: Option<Status>, theme: &Theme) -> Span<'static> {
    match status {
        Some(Status::Happened) => Span::styled("●", theme.happened),
        Some(Status::Ongoing) => Span::styled("◐", theme.happened),
        Some(Status::Scheduled) => Span::styled("◆", theme.scheduled),
        Some(Status::Expected) => Span::styled("◇", theme.expected),
        None => Span::styled("·", theme.dim),
    }
}

/// A pane title that shows focus with a marker, not only a colour.
pub fn pane_title(name: &str, focused: bool) -> String {
    if focused {
        format!(" ▶ {name} ")
    } else {
        format!(" {name} ")
    }
}

pub fn draw(frame: &mut Frame, area: Rect, app: &App, theme: &Theme) {
    let focused = app.focus == Focus::List && app.mode != Mode::Help;
    let name = if app.query.ranks() {
        "Results, best first"
    } else {
        "Timeline"
    };
    let block = pane_block()
        .title(pane_title(name, focused))
        .border_style(if focused {
            theme.border_focused
        } else {
            theme.border
        });
    let inner = block.inner(area);
    frame.render_widget(block, area);
    if inner.is_empty() {
        return;
    }
    if app.hits.is_empty() {
        let text = if app.filtered() {
            vec![
                Line::styled("No events match.", theme.heading),
                Line::styled("Esc clears the search.", theme.dim),
            ]
        } else {
            vec![Line::styled("This timeline has no events.", theme.heading)]
        };
        frame.render_widget(Paragraph::new(text), inner);
        return;
    }
    let height = usize::from(inner.height);
    let end = (app.list_offset + height).min(app.rows.len());
    let lines: Vec<Line> = app.rows[app.list_offset.min(end)..end]
        .iter()
        .map(|row| match *row {
            Row::Year(y) => Line::styled(crate::core::model::date::year_label(y), theme.heading),
            Row::Month(y, m) => Line::styled(
                format!(
                    "  {}",
                    Date::month_of(y, m)
                        .and_then(|d| d.month_name())
                        .unwrap_or("")
                ),
                theme.label,
            ),
            Row::Now => now_line(app, theme, inner.width),
            Row::Weaker(n) => {
                let text = format!(
                    "  + {n} weaker match{} (scattered letters) — w in the list shows {}",
                    if n == 1 { "" } else { "es" },
                    if n == 1 { "it" } else { "them" }
                );
                // Cut like a title: with "…", so a narrow list does not end mid-word unmarked.
                let (head, cut) = shorten(&text, usize::from(inner.width));
                Line::styled(format!("{head}{}", if cut { "…" } else { "" }), theme.dim)
            }
            Row::Event(i) => match app.event(i) {
                Some(e) => event_line(e, i == app.selected, app, theme, inner.width),
                None => Line::default(),
            },
        })
        .collect();
    frame.render_widget(Paragraph::new(lines), inner);
    if app.rows.len() > height {
        let mut state = ScrollbarState::new(app.rows.len().saturating_sub(height))
            .position(app.list_offset)
            .viewport_content_length(height);
        frame.render_stateful_widget(
            Scrollbar::new(ScrollbarOrientation::VerticalRight)
                .begin_symbol(None)
                .end_symbol(None),
            area.inner(Margin::new(0, 1)),
            &mut state,
        );
    }
}

/// The as-of divider: a rule with the date in it, so past and future read apart at a glance.
fn now_line(app: &App, theme: &Theme, width: u16) -> Line<'static> {
    let label = match app.as_of {
        Some(d) => format!(" as of {} ", d.label()),
        None => String::new(),
    };
    let lead = "──";
    let rest = usize::from(width).saturating_sub(lead.width() + label.width());
    let text = format!("{lead}{label}{}", "─".repeat(rest));
    Line::styled(fit(&text, usize::from(width)).to_string(), theme.heading)
}

fn event_line<'a>(e: &'a Event, selected: bool, app: &App, theme: &Theme, width: u16) -> Line<'a> {
    let mut label = e.date_label();
    // One long label ("between 29 May and 25 Jun 2025") must not take the titles' room in every
    // row: it is shortened with "…" here and shown whole in the detail pane.
    if cells::width(&label) > app.label_width {
        label = format!("{}…", fit(&label, app.label_width.saturating_sub(1)));
    }
    let label = cells::for_screen(&label).into_owned();
    let pad = app.label_width.saturating_sub(label.width());
    let mut spans = vec![
        Span::raw(if selected { "▶" } else { " " }),
        // A mark is a shape, not only a colour.
        if app.is_marked(e) {
            Span::styled("✓", theme.prompt)
        } else {
            Span::raw(" ")
        },
        Span::styled(format!("{label}{}", " ".repeat(pad)), theme.label),
        // A wide window's place in the list is a best estimate: say so without colour.
        Span::styled(
            match (app.has_wide_windows, e.is_wide_window()) {
                (false, _) => "",
                (true, true) => "↔",
                (true, false) => " ",
            },
            theme.dim,
        ),
        Span::raw(" "),
        marker(e.status_at(app.as_of.as_ref()), theme),
        Span::raw(" "),
    ];
    // Only the part of the title that fits is styled: a title of a megabyte costs a row, not a scan.
    let used: usize = spans.iter().map(Span::width).sum();
    let room = usize::from(width).saturating_sub(used);
    let (title, cut) = shorten(&e.title, room);
    // Matches are found in the text as written; each piece is then laid out for the terminal.
    spans.extend(
        highlighted(title, &app.query, theme)
            .into_iter()
            .map(cells::span),
    );
    if cut {
        spans.push(Span::styled("…", theme.dim));
    }
    // A cut title has used the row: its group and tags would only be fragments.
    if let Some(group) = e.group.as_ref().filter(|_| !cut) {
        let used: usize = spans.iter().map(Span::width).sum();
        let room = usize::from(width).saturating_sub(used + 4);
        if room > 0 {
            spans.push(cells::span(Span::styled(
                format!("  [{}]", fit(group, room)),
                theme.label,
            )));
        }
    }
    if !e.tags.is_empty() && !cut {
        let tags: Vec<String> = e.tags.iter().map(|t| format!("#{t}")).collect();
        spans.push(cells::span(Span::styled(
            format!("  {}", tags.join(" ")),
            theme.dim,
        )));
    }
    let mut line = Line::from(spans);
    if selected {
        line = line.style(theme.selected);
        // Fill the row so the selection bar spans the pane.
        let used = line.width();
        line.spans.push(Span::raw(
            " ".repeat(usize::from(width).saturating_sub(used)),
        ));
    }
    line
}

/// The longest prefix of `text` that fits in `width` columns (as the terminal counts them), cut
/// between graphemes.
pub fn fit(text: &str, width: usize) -> &str {
    let mut used = 0;
    for (i, g) in text.grapheme_indices(true) {
        used += cells::width(g);
        if used > width {
            return &text[..i];
        }
    }
    text
}

/// `text` cut to fit `width` columns with room for a "…" after it, at a word boundary when one
/// is near the end; whether it was cut.
pub fn shorten(text: &str, width: usize) -> (&str, bool) {
    if text.width() <= width {
        return (text, false);
    }
    let head = fit(text, width.saturating_sub(1));
    if text[head.len()..].starts_with(' ') {
        return (head.trim_end(), true);
    }
    // Cut between words when that wastes little of the row; else mid-word, still with "…".
    let at_word = head
        .rfind(' ')
        .filter(|&i| head.width() - head[..i].width() <= 6)
        .map_or(head, |i| head[..i].trim_end());
    (at_word, true)
}

/// The text split into spans, matched characters styled as matches.
fn highlighted<'a>(text: &'a str, query: &search::Query, theme: &Theme) -> Vec<Span<'a>> {
    if query.is_empty() {
        return vec![Span::raw(text)];
    }
    let positions = search::highlight(query, text);
    if positions.is_empty() {
        return vec![Span::raw(text)];
    }
    let mut spans = Vec::new();
    let mut run_start = 0;
    let mut run_matched = false;
    let mut next = positions.iter().peekable();
    for (ci, (bi, _)) in text.char_indices().enumerate() {
        let matched = next.peek() == Some(&&ci);
        if matched {
            next.next();
        }
        if matched != run_matched {
            if bi > run_start {
                spans.push(styled(&text[run_start..bi], run_matched, theme));
            }
            run_start = bi;
            run_matched = matched;
        }
    }
    spans.push(styled(&text[run_start..], run_matched, theme));
    spans
}

fn styled<'a>(s: &'a str, matched: bool, theme: &Theme) -> Span<'a> {
    Span::styled(s, if matched { theme.matched } else { Style::new() })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cut_titles_end_between_words_and_say_so() {
        let t = "IMF projects 6.2% growth for India in FY2025–26";
        assert_eq!(shorten(t, 100), (t, false));
        let (head, cut) = shorten(t, 44);
        assert!(cut);
        assert_eq!(head, "IMF projects 6.2% growth for India in");
        assert!(head.width() < 44);
        // A word boundary far back would waste the row: cut inside the word instead.
        let (head, _) = shorten("Prime Minister Narendra Modi visits the United States", 40);
        assert_eq!(head, "Prime Minister Narendra Modi visits the");
        let (head, _) = shorten("Secretary of State Antony John Blinken visits India", 36);
        assert_eq!(head, "Secretary of State Antony John");
        // One long word has no boundary to use: it is cut inside, still with room for "…".
        let (head, cut) = shorten("Supercalifragilistic", 10);
        assert_eq!((head, cut), ("Supercali", true));
        assert_eq!(shorten("abc", 0), ("", true));
    }
}
