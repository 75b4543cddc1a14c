//! The `?` overlay: every key, from a screen's key table (the browser's `keys::KEYS`, or the
//! review screen's).

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Paragraph};

use crate::tui::browse::app::App;
use crate::tui::browse::keys;
use crate::tui::browse::layout::{
    HELP_KEY_WIDTH, HelpRow, help_rows, help_width, overflow_for, popup_for,
};
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
    let lines: Vec<Line> = help_rows(groups, help_width(area))
        .into_iter()
        .map(|row| match row {
            HelpRow::Heading(h) => Line::styled(h, theme.heading),
            HelpRow::Key(key, what) => Line::from(vec![
                Span::styled(
                    format!("  {key:<width$}", width = HELP_KEY_WIDTH - 2),
                    theme.prompt,
                ),
                Span::raw(what),
            ]),
            HelpRow::Blank => Line::default(),
        })
        .collect();
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
