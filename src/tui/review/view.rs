//! Drawing the review screen: a pure function of `&ReviewState` into a ratatui `Frame`.
//!
//! The drafts are listed beside (or, on narrow terminals, above) the selected draft's record, which
//! lists every source with every locator, its sentence shown with the date expression marked. The
//! prompt line holds the editors and messages; the merge choices open over the record.

use ratatui::Frame;
use ratatui::layout::{Position, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph, Wrap};
use unicode_width::UnicodeWidthStr;

use crate::core::model::Event;
use crate::core::sanitize;
use crate::tui::browse::view::help;
use crate::tui::cells;
use crate::tui::review::keys;
use crate::tui::review::layout::{self, Areas};
use crate::tui::review::state::{Decision, Item, Mode, ReviewState};
use crate::tui::theme::Theme;
use crate::tui::widgets::too_small;

/// Draws the whole review screen.
pub fn draw(frame: &mut Frame, state: &ReviewState, theme: &Theme) {
    panes(frame, state, theme);
    // Cells as the terminal will hold them: see `tui::cells`.
    cells::settle(frame.buffer_mut());
}

/// Every pane, as ratatui lays it out.
fn panes(frame: &mut Frame, state: &ReviewState, theme: &Theme) {
    let area = frame.area();
    let Some(Areas {
        header,
        list,
        record,
        prompt,
        footer,
    }) = layout::areas(area)
    else {
        too_small(frame, area, theme);
        return;
    };
    draw_header(frame, header, state, theme);
    draw_list(frame, list, state, theme);
    draw_record(frame, record, state, theme);
    if state.mode == Mode::Merge {
        draw_merge(frame, record, state, theme);
    }
    draw_prompt(frame, prompt, state, theme);
    draw_keys(frame, footer, state, theme);
    if state.mode == Mode::Help {
        help::draw_groups(frame, area, &keys::help_lines(), 0, theme);
    }
}

fn draw_header(frame: &mut Frame, area: Rect, state: &ReviewState, theme: &Theme) {
    let (pending, accepted, merged, rejected) = state.counts();
    let into = state.into.as_deref().unwrap_or("(no --into file)");
    let line = Line::from(vec![
        Span::styled(format!("Review {}", state.file), theme.header),
        Span::styled(
            format!(
                "  {pending} pending · {accepted} accepted · {merged} merged · {rejected} rejected  → {into}"
            ),
            theme.dim,
        ),
    ]);
    frame.render_widget(Paragraph::new(cells::line(line)), area);
}

/// Lines ready to lay out as the terminal does (see `tui::cells`).
fn for_screen(lines: Vec<Line<'_>>) -> Vec<Line<'_>> {
    lines.into_iter().map(cells::line).collect()
}

/// A decision's marker: meaning never rests on colour alone.
fn marker(item: &Item) -> &'static str {
    match (&item.decision, item.written) {
        (Decision::Pending, _) => "·",
        (Decision::Accepted, false) => "+",
        (Decision::Accepted, true) => "✓",
        (Decision::Merged(_), false) => "»",
        (Decision::Merged(_), true) => "✓",
        (Decision::Rejected, _) => "✗",
    }
}

fn pane(title: &str, theme: &Theme) -> Block<'static> {
    Block::new()
        .borders(Borders::ALL)
        .border_style(theme.border)
        .title(format!(" {title} "))
}

fn draw_list(frame: &mut Frame, area: Rect, state: &ReviewState, theme: &Theme) {
    let total = state.items.len();
    let block = pane(&format!("Drafts {}/{total}", state.selected + 1), theme);
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let height = usize::from(inner.height);
    if height == 0 || inner.width == 0 {
        return;
    }
    let offset = layout::list_offset(state.selected, height);
    let labels: Vec<String> = state.items.iter().map(|i| i.event.date_label()).collect();
    let date_width = labels.iter().map(|l| cells::width(l)).max().unwrap_or(0);
    let lines: Vec<Line> = state
        .items
        .iter()
        .zip(&labels)
        .enumerate()
        .skip(offset)
        .take(height)
        .map(|(i, (item, label))| {
            let selected = i == state.selected;
            let style = match item.decision {
                Decision::Rejected => theme.dim,
                _ if selected => theme.selected,
                _ => theme.base,
            };
            let pad = " ".repeat(date_width.saturating_sub(cells::width(label)));
            Line::from(vec![
                Span::styled(if selected { "▶" } else { " " }, theme.selected),
                Span::styled(format!("{} ", marker(item)), theme.label),
                Span::styled(format!("{label}{pad}  "), theme.dim),
                Span::styled(&*item.event.title, style),
            ])
        })
        .collect();
    frame.render_widget(Paragraph::new(for_screen(lines)), inner);
}

fn decision_text(item: &Item) -> String {
    let decided = match &item.decision {
        Decision::Pending => "pending".to_string(),
        Decision::Accepted => "accepted".to_string(),
        Decision::Rejected => "rejected".to_string(),
        Decision::Merged(id) => format!("merged into {id}"),
    };
    if item.written {
        format!("{decided} (written)")
    } else {
        decided
    }
}

fn draw_record(frame: &mut Frame, area: Rect, state: &ReviewState, theme: &Theme) {
    let block = pane("Draft", theme);
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let Some(item) = state.current() else {
        frame.render_widget(Paragraph::new("No drafts to review."), inner);
        return;
    };
    let e = &item.event;
    let mut lines = vec![Line::styled(&*e.title, theme.header)];
    let field = |label: &'static str, value: String| {
        Line::from(vec![
            Span::styled(format!("{label:<10}"), theme.label),
            Span::raw(value),
        ])
    };
    lines.push(field("Date", e.date_label()));
    if let Some(s) = e.status {
        lines.push(field("Status", s.as_str().to_string()));
    }
    if !e.actors.is_empty() {
        lines.push(field("Actors", e.actors.join(", ")));
    }
    if let Some(d) = &e.draft {
        lines.push(field(
            "Read from",
            format!("“{}” (confidence {})", d.expression, d.confidence),
        ));
    }
    lines.push(field("Decision", decision_text(item)));
    lines.push(field("Id", e.id.to_string()));
    if !item.similar.is_empty() {
        lines.push(Line::from(vec![
            Span::styled(format!("{:<10}", "Similar"), theme.label),
            Span::styled(item.similar.join(", "), theme.error),
        ]));
    }
    // Every source, each with every locator (file, url, publication date), as the browser's
    // detail pane lists them: a reviewer checks a draft against where it came from.
    if !e.sources.is_empty() {
        lines.push(Line::raw(""));
        lines.push(Line::styled("Sources", theme.heading));
    }
    for (i, source) in e.sources.iter().enumerate() {
        lines.push(Line::styled(
            format!("[{}] {}", i + 1, source.title),
            theme.base,
        ));
        // Not indented: a wrapped quote would lose the indent after its first line.
        if let Some(quote) = &source.quote {
            lines.push(quote_line(quote, e, theme));
        }
        let place = source.locators();
        if !place.is_empty() {
            lines.push(Line::styled(
                format!("    {}", place.join(" · ")),
                theme.dim,
            ));
        }
    }
    frame.render_widget(
        Paragraph::new(for_screen(lines)).wrap(Wrap { trim: false }),
        inner,
    );
}

/// The source sentence, with the expression the date was read from marked.
fn quote_line<'a>(quote: &'a str, e: &Event, theme: &Theme) -> Line<'a> {
    let found = e.draft.as_ref().and_then(|d| {
        quote
            .find(d.expression.as_str())
            .map(|at| (at, at + d.expression.len()))
    });
    match found {
        Some((a, b)) => Line::from(vec![
            Span::styled("“", theme.quote),
            Span::styled(&quote[..a], theme.quote),
            Span::styled(&quote[a..b], theme.matched),
            Span::styled(&quote[b..], theme.quote),
            Span::styled("”", theme.quote),
        ]),
        None => Line::styled(format!("“{quote}”"), theme.quote),
    }
}

fn draw_merge(frame: &mut Frame, area: Rect, state: &ReviewState, theme: &Theme) {
    let height = (state.merge_choices.len() as u16 + 2).min(area.height);
    let popup = Rect::new(area.x, area.y + area.height - height, area.width, height);
    frame.render_widget(Clear, popup);
    let block = Block::new()
        .borders(Borders::ALL)
        .border_style(theme.border_focused)
        .title(" Merge into (Enter picks, Esc cancels) ");
    let inner = block.inner(popup);
    frame.render_widget(block, popup);
    let rows = usize::from(inner.height);
    let offset = (state.merge_selected + 1).saturating_sub(rows);
    let lines: Vec<Line> = state
        .merge_choices
        .iter()
        .enumerate()
        .skip(offset)
        .take(rows)
        .map(|(i, id)| {
            let selected = i == state.merge_selected;
            let text = match state.merge_target(id) {
                Some(e) => format!("{}  {}  ({id})", e.date_label(), e.title),
                None => id.clone(),
            };
            Line::from(vec![
                Span::styled(if selected { "▶ " } else { "  " }, theme.selected),
                Span::styled(text, if selected { theme.selected } else { theme.base }),
            ])
        })
        .collect();
    frame.render_widget(Paragraph::new(for_screen(lines)), inner);
}

fn draw_prompt(frame: &mut Frame, area: Rect, state: &ReviewState, theme: &Theme) {
    let prefix = match state.mode {
        Mode::EditTitle => Some("Title: "),
        Mode::EditDate => Some("Date (YYYY[-MM[-DD]] or START..END): "),
        Mode::Browse | Mode::Merge | Mode::Help => None,
    };
    let mut spans = Vec::new();
    if let Some(prefix) = prefix {
        spans.push(Span::styled(prefix, theme.prompt));
        spans.push(Span::raw(state.input.as_str()));
        let x = area.x as usize + prefix.width() + cells::width(&state.input);
        if let Ok(x) = u16::try_from(x)
            && x < area.right()
        {
            frame.set_cursor_position(Position::new(x, area.y));
        }
        if let Some(e) = &state.input_error {
            spans.push(Span::styled(format!("  {e}"), theme.error));
        }
    } else if let Some(m) = &state.message {
        // Messages name files and quote errors, so they are made safe like event text.
        spans.push(Span::styled(
            sanitize::line(&m.text),
            if m.error { theme.error } else { theme.dim },
        ));
    }
    frame.render_widget(Paragraph::new(cells::line(Line::from(spans))), area);
}

/// Key hints for the mode, from the key table.
fn draw_keys(frame: &mut Frame, area: Rect, state: &ReviewState, theme: &Theme) {
    let hints = keys::footer(&state.mode);
    let mut spans = Vec::new();
    for (key, what) in hints {
        spans.push(Span::styled(format!(" {key} "), theme.prompt));
        spans.push(Span::styled(format!("{what} "), theme.dim));
    }
    frame.render_widget(Paragraph::new(Line::from(spans)), area);
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::ingest;
    use crate::tui::review::state::ReviewAction;
    use ratatui::Terminal;
    use ratatui::backend::TestBackend;

    const SEED: &str = include_str!("../../../seeds/000_56f848f0625d842c.txt");

    fn state() -> ReviewState {
        let article = ingest::Article::parse("seeds/000_56f848f0625d842c.txt", SEED, None).unwrap();
        let drafts = ingest::draft_events(&article, &[]);
        ReviewState::new(
            "drafts.json",
            Some("timeline.json".into()),
            drafts,
            Vec::new(),
            &[],
        )
    }

    fn render(state: &ReviewState, width: u16, height: u16) -> String {
        let mut terminal = Terminal::new(TestBackend::new(width, height)).unwrap();
        terminal
            .draw(|f| draw(f, state, &Theme::dark().without_colour()))
            .unwrap();
        let buffer = terminal.backend().buffer();
        let mut out = String::new();
        for y in 0..buffer.area.height {
            for x in 0..buffer.area.width {
                out.push_str(buffer[(x, y)].symbol());
            }
            out.push('\n');
        }
        out
    }

    #[test]
    fn snapshot_80x24() {
        let mut s = state();
        s.update(ReviewAction::Accept);
        insta::assert_snapshot!(render(&s, 80, 24));
    }

    #[test]
    fn snapshot_120x40_editing_a_date() {
        let mut s = state();
        s.update(ReviewAction::Reject);
        s.update(ReviewAction::EditDate);
        s.update(ReviewAction::ClearInput);
        for c in "2025-02-30".chars() {
            s.update(ReviewAction::Input(c));
        }
        s.update(ReviewAction::Confirm);
        insta::assert_snapshot!(render(&s, 120, 40));
    }

    #[test]
    fn snapshot_120x40_merging() {
        let mut s = state();
        s.update(ReviewAction::Accept);
        s.update(ReviewAction::Merge);
        assert_eq!(s.mode, Mode::Merge);
        insta::assert_snapshot!(render(&s, 120, 40));
    }

    #[test]
    fn tiny_sizes_do_not_panic() {
        let mut s = state();
        for (w, h) in [(0, 0), (1, 1), (20, 5), (32, 8), (40, 9)] {
            render(&s, w, h);
        }
        s.update(ReviewAction::Accept);
        s.update(ReviewAction::Merge);
        for (w, h) in [(0, 0), (1, 1), (20, 5), (32, 8), (40, 9)] {
            render(&s, w, h);
        }
        let empty = ReviewState::new("d.json", None, Vec::new(), Vec::new(), &[]);
        for (w, h) in [(0, 0), (1, 1), (20, 5), (80, 24)] {
            assert!(w < 80 || render(&empty, w, h).contains("No drafts"));
        }
    }

    #[test]
    fn the_record_lists_every_source_with_every_locator() {
        let mut s = state();
        let mut second = s.items[0].event.sources[0].clone();
        second.title = "Second report".into();
        second.url = Some("https://example.org/report".into());
        second.quote = None;
        s.items[0].event.add_source(second);
        let screen = render(&s, 220, 50);
        assert!(screen.contains("Sources"), "{screen}");
        assert!(
            screen.contains("[1] Article seeds/000_56f848f0625d842c.txt"),
            "{screen}"
        );
        assert!(screen.contains("[2] Second report"), "{screen}");
        assert!(
            screen.contains(
                "seeds/000_56f848f0625d842c.txt · https://example.org/report · published 28 May 2025"
            ),
            "the url is listed with the file and the date:\n{screen}"
        );
    }

    #[test]
    fn question_mark_shows_every_key_and_any_key_closes_it() {
        let mut s = state();
        s.update(ReviewAction::ToggleHelp);
        assert_eq!(s.mode, Mode::Help);
        let screen = render(&s, 100, 40);
        assert!(screen.contains("Keys — any key closes"), "{screen}");
        for line in ["Ctrl-W", "Ctrl-Z", "click selects a draft", "merge into"] {
            assert!(screen.contains(line), "{line} missing:\n{screen}");
        }
        s.update(ReviewAction::Accept);
        assert_eq!(s.mode, Mode::Browse);
        assert_eq!(
            s.counts().1,
            0,
            "the key that closes the help does nothing else"
        );
    }
}
