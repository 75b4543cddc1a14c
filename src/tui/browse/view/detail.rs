//! The detail pane: draws the slice of the wrapped detail lines (see `detail_lines`) that is in
//! view, with the focus and scroll state.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use crate::tui::browse::app::{App, Focus, Mode};
use crate::tui::browse::detail_lines::{DetailLine, LABEL_WIDTH, Role};
use crate::tui::browse::layout::pane_block;
use crate::tui::browse::view::list::pane_title;
use crate::tui::theme::Theme;

pub fn draw(frame: &mut Frame, area: Rect, app: &App, theme: &Theme) {
    let focused = app.focus == Focus::Detail && app.mode != Mode::Help;
    let mut block = pane_block()
        .title(pane_title("Detail", focused))
        .border_style(if focused {
            theme.border_focused
        } else {
            theme.border
        });
    let inner = block.inner(area);
    let height = usize::from(inner.height);
    let total = app.detail_lines.len();
    if total > height && height > 0 {
        let last = (app.detail_scroll + height).min(total);
        block = block.title_bottom(Line::from(format!(" {last}/{total} ")).right_aligned());
    }
    frame.render_widget(block, area);
    if inner.is_empty() {
        return;
    }
    let start = app.detail_scroll.min(total);
    let end = (start + height).min(total);
    let lines: Vec<Line> = app.detail_lines[start..end]
        .iter()
        .map(|l| render_line(l, theme))
        .collect();
    frame.render_widget(Paragraph::new(lines), inner);
}

fn render_line<'a>(l: &'a DetailLine, theme: &Theme) -> Line<'a> {
    match l.role {
        Role::Title => Line::styled(l.text.as_str(), theme.header),
        Role::Heading => Line::styled(l.text.as_str(), theme.heading),
        Role::Field => Line::from(vec![
            Span::styled(format!("{:<w$}", l.label, w = LABEL_WIDTH), theme.label),
            Span::raw(l.text.as_str()),
        ]),
        Role::Quote => Line::styled(l.text.as_str(), theme.quote),
        Role::Source => Line::styled(l.text.as_str(), theme.base),
        Role::Cite => Line::styled(l.text.as_str(), theme.dim),
        Role::Body | Role::Blank => Line::raw(l.text.as_str()),
    }
}
