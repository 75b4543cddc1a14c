//! The top line: which timeline, as of when, how much of it is showing, and the active filter.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use crate::tui::browse::app::App;
use crate::tui::cells;
use crate::tui::theme::Theme;

pub fn draw(frame: &mut Frame, area: Rect, app: &App, theme: &Theme) {
    let total = app.timeline.events.len();
    let mut spans = Vec::new();
    let sep = || Span::styled(" │ ", theme.dim);
    if let Some(d) = &app.as_of {
        spans.push(sep());
        spans.push(Span::raw(format!("as of {}", d.label())));
    }
    spans.push(sep());
    spans.push(Span::raw(format!("showing {} of {total}", app.hits.len())));
    if let Some(progress) = app.search_progress() {
        spans.push(Span::styled(
            format!(" (searching… {:.0}%)", progress * 100.0),
            theme.prompt,
        ));
    }
    if app.only_marked {
        spans.push(sep());
        spans.push(Span::styled("marked only", theme.prompt));
    } else if !app.marks.is_empty() {
        spans.push(sep());
        spans.push(Span::styled(
            format!("{} marked", app.marks.len()),
            theme.dim,
        ));
    }
    if !app.query_text.is_empty() {
        spans.push(sep());
        spans.push(Span::styled("filter: ", theme.dim));
        spans.push(cells::span(Span::styled(
            app.query_text.as_str(),
            theme.prompt,
        )));
    }
    // The counts matter more than the title on a narrow screen: the title gives way first.
    let rest: usize = spans.iter().map(Span::width).sum();
    let room = usize::from(area.width).saturating_sub(rest + 2);
    let title = crate::tui::browse::view::list::fit(&app.timeline.title, room);
    let cut = if title.len() < app.timeline.title.len() {
        "…"
    } else {
        ""
    };
    let title = if cut.is_empty() {
        title
    } else {
        crate::tui::browse::view::list::fit(title, room.saturating_sub(1))
    };
    spans.insert(
        0,
        cells::span(Span::styled(format!(" {title}{cut} "), theme.header)),
    );
    frame.render_widget(Paragraph::new(Line::from(spans)), area);
}
