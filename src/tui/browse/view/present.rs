//! Presentation mode: one event per screen for a projector.
//!
//! The title is drawn large (tui-big-text) when it fits and its letters are in the big font, else in
//! bold; then the date in its true precision, status and countdown, the summary, and the source
//! quote with its citation. A progress gauge ("3 / 11") and the time ruler show where the talk is.

use ratatui::Frame;
use ratatui::layout::{Alignment, Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{LineGauge, Paragraph, Wrap};
use tui_big_text::{BigText, PixelSize};

use crate::core::model::Event;
use crate::tui::browse::app::App;
use crate::tui::browse::view::{list, ruler};
use crate::tui::cells;
use crate::tui::theme::Theme;

/// Columns and rows of one big character (quadrant pixels: 8×8 glyphs in 4×4 cells).
const GLYPH_W: u16 = 4;
const GLYPH_H: u16 = 4;

pub fn draw(frame: &mut Frame, area: Rect, app: &App, theme: &Theme) {
    if area.width < 20 || area.height < 6 {
        super::too_small(frame, area, theme);
        return;
    }
    let [top, ruler_area, body, gauge, keys] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Length(1),
        Constraint::Min(1),
        Constraint::Length(1),
        Constraint::Length(1),
    ])
    .areas(area);
    let total = app.hits.len();
    let current = if total == 0 { 0 } else { app.selected + 1 };
    let header = Line::from(vec![
        Span::styled(format!(" {} ", app.timeline.title), theme.header),
        Span::styled(
            app.as_of
                .map(|d| format!("│ as of {} ", d.label()))
                .unwrap_or_default(),
            theme.dim,
        ),
    ]);
    frame.render_widget(Paragraph::new(header), top);
    frame.render_widget(
        Paragraph::new(Span::styled(format!("{current} / {total} "), theme.heading))
            .alignment(Alignment::Right),
        top,
    );
    ruler::draw(frame, ruler_area, app, theme);
    let ratio = if total == 0 {
        0.0
    } else {
        current as f64 / total as f64
    };
    frame.render_widget(
        LineGauge::default()
            .ratio(ratio)
            .label(Span::styled(format!("{current} / {total}"), theme.heading))
            .filled_style(theme.ruler_mark)
            .unfilled_style(theme.dim),
        gauge,
    );
    frame.render_widget(
        Paragraph::new(Line::styled(
            " Space → next   ← previous   Home/End first/last   Esc back to the browser",
            theme.dim,
        )),
        keys,
    );
    let inner = Rect {
        x: body.x + 2,
        width: body.width.saturating_sub(4),
        ..body
    };
    match app.selected_event() {
        Some(e) => slide(frame, inner, e, app, theme),
        None => frame.render_widget(
            Paragraph::new(Line::styled(
                "Nothing to present: no event matches.",
                theme.heading,
            )),
            inner,
        ),
    }
}

fn slide(frame: &mut Frame, area: Rect, e: &Event, app: &App, theme: &Theme) {
    let big = big_title_lines(&e.title, area);
    let title_height = match &big {
        Some(lines) => lines.len() as u16 * GLYPH_H,
        None => wrapped_height(&cells::for_screen(&e.title), area.width),
    };
    let [title_area, _, date_area, _, text_area] = Layout::vertical([
        Constraint::Length(title_height),
        Constraint::Length(1),
        Constraint::Length(1),
        Constraint::Length(1),
        Constraint::Min(0),
    ])
    .areas(area);
    match big {
        Some(lines) => frame.render_widget(
            BigText::builder()
                .pixel_size(PixelSize::Quadrant)
                .style(theme.header)
                .lines(lines.into_iter().map(Line::from).collect::<Vec<_>>())
                .build(),
            title_area,
        ),
        None => frame.render_widget(
            Paragraph::new(cells::line(Line::styled(e.title.as_str(), theme.header)))
                .wrap(Wrap { trim: true }),
            title_area,
        ),
    }
    let mut date = vec![
        list::marker(e.status_at(app.as_of.as_ref()), theme),
        Span::raw(" "),
        Span::styled(e.date_label(), theme.heading),
    ];
    if let Some(status) = e.status_at(app.as_of.as_ref()) {
        date.push(Span::styled(format!("   {}", status.as_str()), theme.label));
    }
    if let Some(c) = app.as_of.as_ref().and_then(|d| e.countdown(d)) {
        date.push(Span::styled(format!(" — {c}"), theme.label));
    }
    frame.render_widget(Paragraph::new(cells::line(Line::from(date))), date_area);

    let mut text: Vec<Line> = Vec::new();
    if let Some(summary) = &e.summary {
        text.extend(summary.split('\n').map(|p| Line::styled(p, theme.base)));
        text.push(Line::default());
    }
    if let Some(source) = e.sources.first() {
        if let Some(q) = &source.quote {
            text.push(Line::styled(
                format!("“{}”", q.trim_matches(['“', '”', '"'])),
                theme.quote,
            ));
        }
        let mut cite = format!("— {}", source.title);
        if let Some(d) = source.published {
            cite.push_str(&format!(", {}", d.label()));
        }
        if let Some(f) = source.file.as_ref().or(source.url.as_ref()) {
            cite.push_str(&format!(" ({f})"));
        }
        if e.sources.len() > 1 {
            cite.push_str(&format!(" · +{} more source(s)", e.sources.len() - 1));
        }
        text.push(Line::styled(cite, theme.dim));
    }
    let text: Vec<Line> = text.into_iter().map(cells::line).collect();
    frame.render_widget(Paragraph::new(text).wrap(Wrap { trim: true }), text_area);
}

/// The title broken into lines of big text, if the big font has its letters and it takes at most
/// a third of the slide; `None` means: use plain bold text.
fn big_title_lines(title: &str, area: Rect) -> Option<Vec<String>> {
    let ascii: String = title
        .chars()
        .map(|c| match c {
            '–' | '—' => '-',
            '‘' | '’' => '\'',
            '“' | '”' => '"',
            c => c,
        })
        .collect();
    if !ascii.chars().all(|c| c.is_ascii_graphic() || c == ' ') {
        return None;
    }
    let per_line = usize::from(area.width / GLYPH_W);
    if per_line < 8 {
        return None;
    }
    let lines: Vec<String> = textwrap::wrap(&ascii, per_line)
        .into_iter()
        .map(|l| l.into_owned())
        .collect();
    let fits = lines.iter().all(|l| l.chars().count() <= per_line)
        && lines.len() as u16 * GLYPH_H <= area.height / 3;
    fits.then_some(lines)
}

fn wrapped_height(text: &str, width: u16) -> u16 {
    textwrap::wrap(text, usize::from(width.max(1))).len().max(1) as u16
}
