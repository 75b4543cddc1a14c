//! The chart pane: the chart widget in a frame whose title says what is shown (the stretch of
//! time, the lane mode) and whether the pane has the keys.

use ratatui::Frame;
use ratatui::layout::Rect;

use crate::tui::browse::app::{App, Focus, Mode};
use crate::tui::browse::layout::pane_block;
use crate::tui::browse::view::list::pane_title;
use crate::tui::theme::Theme;

pub fn draw(frame: &mut Frame, area: Rect, app: &App, theme: &Theme) {
    if area.is_empty() {
        return;
    }
    let focused = app.focus == Focus::List && app.mode != Mode::Help;
    let name = format!(
        "Chart · {} · lanes by {}",
        app.chart.view.label(),
        app.chart.lanes.by.as_str()
    );
    let block = pane_block()
        .title(pane_title(&name, focused))
        .border_style(if focused {
            theme.border_focused
        } else {
            theme.border
        });
    let inner = block.inner(area);
    frame.render_widget(block, area);
    app.chart_widget().render(inner, frame.buffer_mut(), theme);
}
