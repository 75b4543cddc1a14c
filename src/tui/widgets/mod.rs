//! Pieces every screen shares: the size below which a screen shows a notice instead of panes, the
//! width from which panes sit side by side, and that notice; and the time chart (`chart`).

pub mod chart;

use ratatui::Frame;
use ratatui::layout::{Alignment, Rect};
use ratatui::text::Line;
use ratatui::widgets::{Paragraph, Wrap};

use crate::tui::theme::Theme;

/// Below this size a screen shows a short notice instead of panes.
pub const MIN_WIDTH: u16 = 32;
pub const MIN_HEIGHT: u16 = 8;
/// From this width the detail (or the record) sits beside the list rather than below it.
pub const WIDE: u16 = 100;

/// The notice shown instead of panes when the terminal is smaller than [`MIN_WIDTH`]×[`MIN_HEIGHT`].
pub fn too_small(frame: &mut Frame, area: Rect, theme: &Theme) {
    if area.is_empty() {
        return;
    }
    let text = vec![
        Line::from("Terminal too small"),
        Line::from(format!(
            "need {MIN_WIDTH}×{MIN_HEIGHT}, have {}×{}",
            area.width, area.height
        )),
    ];
    let y = area.height.saturating_sub(2) / 2;
    let inner = Rect::new(area.x, area.y + y, area.width, area.height - y);
    frame.render_widget(
        Paragraph::new(text)
            .style(theme.error)
            .alignment(Alignment::Center)
            .wrap(Wrap { trim: true }),
        inner,
    );
}
