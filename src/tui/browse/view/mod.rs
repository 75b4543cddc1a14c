//! Drawing the browser: a pure function of `&App` into a ratatui `Frame`.
//!
//! One file per pane. Nothing here changes state; whatever is costly (search, wrapping) was done by
//! `App::update`, and each pane builds only the lines it can show.

pub mod chart;
pub mod detail;
pub mod footer;
pub mod header;
pub mod help;
pub mod list;
pub mod present;
pub mod ruler;

use ratatui::Frame;
use ratatui::widgets::Block;

use crate::tui::browse::app::{App, Mode, View};
use crate::tui::browse::layout::Areas;
use crate::tui::cells;
use crate::tui::theme::Theme;
use crate::tui::widgets::too_small;

/// Draws the whole screen.
pub fn draw(frame: &mut Frame, app: &App, theme: &Theme) {
    panes(frame, app, theme);
    // Cells as the terminal will hold them: see `tui::cells`.
    cells::settle(frame.buffer_mut());
}

/// Every pane, as ratatui lays it out.
fn panes(frame: &mut Frame, app: &App, theme: &Theme) {
    let area = frame.area();
    frame.render_widget(Block::new().style(theme.base), area);
    if app.mode == Mode::Present {
        present::draw(frame, area, app, theme);
        return;
    }
    let chart = app.view == View::Chart;
    let Some(areas) = Areas::for_view(area, app.ruler_lines(), chart) else {
        too_small(frame, area, theme);
        return;
    };
    header::draw(frame, areas.header, app, theme);
    ruler::draw(frame, areas.ruler, app, theme);
    chart::draw(frame, areas.chart, app, theme);
    if !areas.list.is_empty() {
        list::draw(frame, areas.list, app, theme);
    }
    detail::draw(frame, areas.detail, app, theme);
    footer::draw_prompt(frame, areas.prompt, app, theme);
    footer::draw_keys(frame, areas.footer, app, theme);
    if app.mode == Mode::Help {
        help::draw(frame, area, app, theme);
    }
}
