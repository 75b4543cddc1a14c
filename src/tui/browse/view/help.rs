//! The `?` overlay: every key, from the key table (`keys::KEYS`).

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Paragraph};

use crate::tui::browse::keys;
use crate::tui::browse::layout::{help_overflow as overflow, help_popup as popup};
use crate::tui::theme::Theme;

pub fn draw(frame: &mut Frame, area: Rect, scroll: usize, theme: &Theme) {
    let mut lines = Vec::new();
    for (group, keys) in keys::help_lines() {
        if !lines.is_empty() {
            lines.push(Line::default());
        }
        lines.push(Line::styled(group, theme.heading));
        for (key, what) in keys {
            lines.push(Line::from(vec![
                Span::styled(format!("  {key:<20}"), theme.prompt),
                Span::raw(what),
            ]));
        }
    }
    let popup = popup(area);
    frame.render_widget(Clear, popup);
    let mut block = Block::bordered()
        .title(" Keys — any key closes ")
        .border_style(theme.border_focused);
    if overflow(area) > 0 {
        block = block.title_bottom(Line::from(" j/k scroll ").right_aligned());
    }
    let scroll = scroll.min(overflow(area)) as u16;
    frame.render_widget(
        Paragraph::new(lines).block(block).scroll((scroll, 0)),
        popup,
    );
}
