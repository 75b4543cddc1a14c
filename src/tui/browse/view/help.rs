//! The `?` overlay: every key, from a screen's key table (the browser's `keys::KEYS`, or the
//! review screen's).

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Paragraph};

use crate::tui::browse::app::App;
use crate::tui::browse::keys;
use crate::tui::browse::layout::{overflow_for, popup_for};
use crate::tui::theme::Theme;

/// The browser's help, from its key table as rebound.
pub fn draw(frame: &mut Frame, area: Rect, app: &App, theme: &Theme) {
    draw_groups(
        frame,
        area,
        &keys::help_lines(&app.keys),
        app.help_scroll,
        theme,
    );
}

/// Draws help `groups` (as a screen's key table gives them) over `area`, scrolled by `scroll`
/// lines: the review screen's help too.
pub fn draw_groups(
    frame: &mut Frame,
    area: Rect,
    groups: &[(&str, Vec<(&str, &str)>)],
    scroll: usize,
    theme: &Theme,
) {
    let mut lines = Vec::new();
    for (group, keys) in groups {
        if !lines.is_empty() {
            lines.push(Line::default());
        }
        lines.push(Line::styled(*group, theme.heading));
        for (key, what) in keys {
            lines.push(Line::from(vec![
                Span::styled(format!("  {key:<20}"), theme.prompt),
                Span::raw(*what),
            ]));
        }
    }
    let overflow = overflow_for(area, lines.len());
    let popup = popup_for(area, lines.len());
    frame.render_widget(Clear, popup);
    let mut block = Block::bordered()
        .title(" Keys — any key closes ")
        .border_style(theme.border_focused);
    if overflow > 0 {
        block = block.title_bottom(Line::from(" j/k scroll ").right_aligned());
    }
    let scroll = u16::try_from(scroll.min(overflow)).unwrap_or(u16::MAX);
    frame.render_widget(
        Paragraph::new(lines).block(block).scroll((scroll, 0)),
        popup,
    );
}
