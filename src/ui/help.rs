//! The `?` overlay: every key, from `keys::HELP`.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Paragraph};

use crate::keys::HELP;
use crate::theme::Theme;

/// The overlay's box within the screen: at most 72 wide, as tall as the help or the screen.
fn popup(area: Rect) -> Rect {
    let width = area.width.min(72);
    let height = area.height.min(content_lines() as u16 + 2);
    Rect::new(
        area.x + (area.width - width) / 2,
        area.y + (area.height - height) / 2,
        width,
        height,
    )
}

fn content_lines() -> usize {
    HELP.iter().map(|(_, keys)| keys.len() + 2).sum::<usize>() - 1
}

/// How many help lines do not fit on a screen of `size`: the most the help can scroll.
pub fn overflow(size: Rect) -> usize {
    content_lines().saturating_sub(usize::from(popup(size).height.saturating_sub(2)))
}

pub fn draw(frame: &mut Frame, area: Rect, scroll: usize, theme: &Theme) {
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
