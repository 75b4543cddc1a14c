//! The detail pane: draws the slice of the wrapped detail lines (see `detail_lines`) that is in
//! view, with the focus and scroll state, and makes each checked source URL an OSC 8 hyperlink.
//!
//! A hyperlink is an escape sequence around the text, which ratatui would count as wide text if
//! it were in the lines. So the lines are drawn as plain text first, and each link's text is then
//! put, with its sequence, into its first cell, told its real width (`ForcedWidth`), while the
//! cells it covers are left out of the diff: the terminal gets the whole link in one write, and
//! every later frame either keeps it or redraws all of its cells.

use std::num::NonZeroU16;

use ratatui::Frame;
use ratatui::buffer::{Buffer, CellDiffOption};
use ratatui::layout::Rect;
use ratatui::style::Modifier;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;
use unicode_width::UnicodeWidthStr;

use crate::tui::browse::app::{App, Focus, Mode};
use crate::tui::browse::detail_lines::{DetailLine, LABEL_WIDTH, Role, shorten};
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
    let visible = &app.detail_lines[start..end];
    let lines: Vec<Line> = visible
        .iter()
        .map(|l| render_line(l, theme, app.hyperlinks))
        .collect();
    frame.render_widget(Paragraph::new(lines), inner);
    // A link cell writes its whole text at once, so nothing may be drawn over it: the help is
    // the one overlay, and while it is open the links are plain text.
    if app.hyperlinks && app.mode != Mode::Help {
        for (row, line) in (inner.y..).zip(visible) {
            if let Some(url) = &line.link {
                hyperlink(frame.buffer_mut(), inner, row, &line.text, url);
            }
        }
    }
}

/// Makes the text of the link line at `row` a hyperlink to `url` (already checked: ASCII, no
/// controls). The text keeps the style it was drawn with.
pub fn hyperlink(buffer: &mut Buffer, area: Rect, row: u16, text: &str, url: &str) {
    let trimmed = text.trim_start();
    let indent = (text.width() - trimmed.width()) as u16;
    let x = area.x + indent;
    // The lines are wrapped to fit; this only guards the sequence from ever writing past them.
    let room = usize::from(area.right().saturating_sub(x));
    let shown = shorten(trimmed, room);
    let Some(columns) = NonZeroU16::new(shown.width() as u16) else {
        return;
    };
    if let Some(cell) = buffer.cell_mut((x, row)) {
        cell.set_symbol(&format!("\x1b]8;;{url}\x1b\\{shown}\x1b]8;;\x1b\\"))
            .set_diff_option(CellDiffOption::ForcedWidth(columns));
    }
    for covered in x + 1..x + columns.get() {
        if let Some(cell) = buffer.cell_mut((covered, row)) {
            cell.set_diff_option(CellDiffOption::Skip);
        }
    }
}

fn render_line<'a>(l: &'a DetailLine, theme: &Theme, hyperlinks: bool) -> Line<'a> {
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
        // Underlined only where it is a link the terminal can follow.
        Role::Link if hyperlinks && l.link.is_some() => Line::styled(
            l.text.as_str(),
            theme.dim.add_modifier(Modifier::UNDERLINED),
        ),
        Role::Link => Line::styled(l.text.as_str(), theme.dim),
        Role::Body | Role::Blank => Line::raw(l.text.as_str()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use ratatui::widgets::Widget;

    #[test]
    fn a_link_is_one_cell_of_its_real_width_and_the_cells_it_covers_are_left_alone() {
        let area = Rect::new(0, 0, 30, 1);
        let mut buffer = Buffer::empty(area);
        let text = "    https://example.com/a";
        Paragraph::new(text).render(area, &mut buffer);
        hyperlink(&mut buffer, area, 0, text, "https://example.com/a");
        assert_eq!(buffer[(3, 0)].symbol(), " ");
        let cell = &buffer[(4, 0)];
        assert_eq!(
            cell.symbol(),
            "\x1b]8;;https://example.com/a\x1b\\https://example.com/a\x1b]8;;\x1b\\"
        );
        let width = "https://example.com/a".len() as u16;
        assert_eq!(
            cell.diff_option,
            CellDiffOption::ForcedWidth(NonZeroU16::new(width).unwrap())
        );
        for x in 5..4 + width {
            assert_eq!(buffer[(x, 0)].diff_option, CellDiffOption::Skip, "{x}");
        }
        assert_eq!(buffer[(4 + width, 0)].diff_option, CellDiffOption::None);
        // Drawn over the same text without the link, every covered cell is written again, so
        // none keeps the link on the terminal.
        let mut plain = Buffer::empty(area);
        Paragraph::new(text).render(area, &mut plain);
        let redrawn: Vec<u16> = buffer.diff(&plain).iter().map(|(x, _, _)| *x).collect();
        assert_eq!(redrawn, (4..4 + width).collect::<Vec<_>>());
        // And the same link again writes nothing.
        let mut again = Buffer::empty(area);
        Paragraph::new(text).render(area, &mut again);
        hyperlink(&mut again, area, 0, text, "https://example.com/a");
        assert!(buffer.diff(&again).is_empty());
    }

    #[test]
    fn a_link_never_reaches_past_its_area() {
        let mut buffer = Buffer::empty(Rect::new(0, 0, 10, 1));
        let area = Rect::new(0, 0, 8, 1);
        hyperlink(&mut buffer, area, 0, "  https://example.com/", "https://x/");
        assert_eq!(
            buffer[(2, 0)].diff_option,
            CellDiffOption::ForcedWidth(NonZeroU16::new(6).unwrap())
        );
        assert_eq!(
            buffer[(2, 0)].symbol(),
            "\x1b]8;;https://x/\x1b\\htt…m/\x1b]8;;\x1b\\"
        );
        assert_eq!(buffer[(8, 0)].diff_option, CellDiffOption::None);
    }
}
