//! The `?` overlay: every key, from `keys::HELP`.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Paragraph, Wrap};

use crate::keys::HELP;
use crate::theme::Theme;

pub fn draw(frame: &mut Frame, area: Rect, theme: &Theme) {
    let mut lines = Vec::new();
    for (group, keys) in HELP {
        if !lines.is_empty() {
            lines.push(Line::default());
        }
        lines.push(Line::styled(*group, theme.heading));
        for (key, what) in *keys {
            lines.push(Line::from(vec![
                Span::styled(format!("  {key:<20}"), theme.prompt),
                Span::raw(*what),
            ]));
        }
    }
    let width = area.width.min(72);
    let height = area.height.min(lines.len() as u16 + 2);
    let popup = Rect::new(
        area.x + (area.width - width) / 2,
        area.y + (area.height - height) / 2,
        width,
        height,
    );
    frame.render_widget(Clear, popup);
    let block = Block::bordered()
        .title(" Keys — any key closes ")
        .border_style(theme.border_focused);
    frame.render_widget(
        Paragraph::new(lines)
            .block(block)
            .wrap(Wrap { trim: false }),
        popup,
    );
}
