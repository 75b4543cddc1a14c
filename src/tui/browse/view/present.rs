//! Presentation mode: one event per screen for a projector.
//!
//! Slides run in time order. The title is drawn large (tui-big-text) when the deck's longest title
//! fits in the big font at this screen size, else every title is bold: one style per screen, not
//! one per slide. Then the date in its true precision, status and countdown, the summary, and every
//! source's quote with its citation, as many as fit, with an honest count of the rest. A progress
//! gauge ("3 / 11") and the time ruler show where the talk is.

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
    let (current, total) = app.slide_position();
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
    let deck_is_big = app.deck.all_plain_letters
        && app
            .deck
            .longest
            .and_then(|i| app.event(i))
            .is_some_and(|longest| big_title_lines(&longest.title, area).is_some());
    let big = deck_is_big
        .then(|| big_title_lines(&e.title, area))
        .flatten();
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
            Paragraph::new(cells::line(Line::styled(&*e.title, theme.header)))
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
    }
    // Every source, as many as fit whole; then how many did not, rather than hiding them.
    let width = text_area.width.max(1);
    let room = usize::from(text_area.height);
    let height = |lines: &[Line]| -> usize {
        lines
            .iter()
            .map(|l| usize::from(wrapped_height(&l.to_string(), width)))
            .sum()
    };
    let mut used = height(&text);
    let mut shown = 0;
    for source in &e.sources {
        let mut block = vec![Line::default()];
        if let Some(q) = &source.quote {
            block.push(Line::styled(
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
        block.push(Line::styled(cite, theme.dim));
        // Keep a line for the count when more sources follow.
        let reserve = usize::from(shown + 1 < e.sources.len());
        let need = height(&block);
        if used + need + reserve > room && shown > 0 {
            break;
        }
        used += need;
        text.extend(block);
        shown += 1;
    }
    if shown < e.sources.len() {
        let rest = e.sources.len() - shown;
        text.push(Line::styled(
            format!(
                "{rest} more source{} not shown here (Esc: the browser's detail has every one)",
                if rest == 1 { "" } else { "s" }
            ),
            theme.dim,
        ));
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
