//! The chart as a standalone SVG document (`bilateral export --format svg`), for briefing packs:
//! the title, era bands, one band per lane with its name, a mark per event, titles where they fit,
//! the as-of line, the time axis with adaptive ticks, and a legend.
//!
//! Marks follow what each date says, as in the terminal (`core::chart::layout::drawn`): a day is a
//! dot, a span a bar, a window a hatched range with its best estimate as a hollow dot, an ongoing
//! span a bar to the as-of date ending in an arrow, an unknown end a bar that fades out to a `?`,
//! "on or before"/"on or after" a hatched tail with an open end; approximate dates are drawn
//! dashed and hollow. Shape and pattern carry the meaning, and the legend says it in words;
//! colour (the status) only adds to it.
//!
//! Every piece of text from the data is XML-escaped and stripped of control characters, so a
//! hostile title cannot break out of its element. Each event is its own element (with its title
//! and date as a tooltip), so the file is meant for a selection, not a million events.

use std::fmt::Write as _;

use crate::core::chart::layout::{Shape, drawn};
use crate::core::chart::{LaneBy, Lanes, Viewport, ticks};
use crate::core::model::{Event, Status};
use crate::core::selection::Selection;

/// The document's width, in pixels.
pub const WIDTH: f64 = 1200.0;
const GUTTER: f64 = 170.0;
const RIGHT: f64 = 24.0;
const TOP: f64 = 92.0;
const LANE: f64 = 30.0;
/// Roughly how wide a character of the 11px labels is.
const CHAR: f64 = 6.2;
/// Extra height per track when a lane's marks overlap, and the most tracks a lane gets.
const TRACK: f64 = 18.0;
const MAX_TRACKS: usize = 16;
/// How far an open end reaches beyond its known date, in pixels: a fixed length, since how far
/// the event reaches is what is not known.
const OPEN: f64 = 26.0;
/// The room kept after a mark for its title, at most.
const LABEL_ROOM: f64 = 150.0;
/// The most lanes drawn; the rest are folded into the last.
const MAX_LANES: usize = 40;

/// A mark's place: from `xa` to `xb` (pixels, open ends included), in `track` of its lane,
/// which it takes from `left` to `right` (its title's room included); and which side of the mark
/// its title goes, if any.
#[derive(Debug, Clone, Copy)]
struct Placed {
    xa: f64,
    xb: f64,
    left: f64,
    right: f64,
    track: usize,
    event: usize,
    label: Option<Side>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Side {
    After,
    Before,
}

fn lane_height(tracks: usize) -> f64 {
    LANE + tracks.saturating_sub(1) as f64 * TRACK
}

/// The selection (events in timeline order) as an SVG document, fitted to its events, in lanes
/// by group (or by kind when no event has a group).
pub fn svg(selection: &Selection) -> String {
    let events = &selection.events;
    let as_of = selection.as_of;
    let marks: Vec<_> = events.iter().map(|e| drawn(e, as_of.as_ref())).collect();
    let extent = extent(&marks);
    let view = extent.map(Viewport::fit).unwrap_or_default();
    let lanes = Lanes::assign(events, LaneBy::Group);
    let rows = lanes.fold(MAX_LANES);
    let n_rows = rows.len().max(1);
    let plot_w = WIDTH - GUTTER - RIGHT;
    let x = |days: f64| GUTTER + view.x(days, plot_w);

    // Each lane's marks, packed into tracks so that no two marks (and, where there is room, no
    // mark and the title before it) overlap.
    let mut by_row: Vec<Vec<Placed>> = vec![Vec::new(); n_rows];
    let mut tracks = vec![Vec::<f64>::new(); n_rows];
    for (i, (e, d)) in events.iter().zip(&marks).enumerate() {
        let row = lanes.of(i).and_then(|l| rows.row_of(l)).unwrap_or(0);
        let (Some(list), Some(ends)) = (by_row.get_mut(row), tracks.get_mut(row)) else {
            continue;
        };
        let (xa, xb) = reach(d.shape, x(d.from), x(d.to));
        // The title goes after the mark, or before it when the mark is too near the right edge.
        let room = (e.title.chars().count() as f64 * CHAR + 10.0).min(LABEL_ROOM);
        let (left, right, mut label) = if xb + room < WIDTH - RIGHT {
            (xa, xb + room, Some(Side::After))
        } else if xa - room > GUTTER {
            (xa - room, xb, Some(Side::Before))
        } else {
            (xa, xb, None)
        };
        let track = match ends.iter().position(|&end| end + 4.0 <= left) {
            Some(t) => t,
            None if ends.len() < MAX_TRACKS => {
                ends.push(f64::NEG_INFINITY);
                ends.len() - 1
            }
            None => {
                // No track free: the mark goes on the last one, without its title, which would
                // be written over another.
                label = None;
                ends.len() - 1
            }
        };
        ends[track] = ends[track].max(right);
        list.push(Placed {
            xa,
            xb,
            left,
            right,
            track,
            event: i,
            label,
        });
    }
    let lane_top: Vec<f64> = tracks
        .iter()
        .scan(TOP, |y, t| {
            let top = *y;
            *y += lane_height(t.len());
            Some(top)
        })
        .collect();
    let axis_y = TOP + tracks.iter().map(|t| lane_height(t.len())).sum::<f64>() + 8.0;
    let height = axis_y + 116.0;

    let mut out = String::new();
    let w = &mut out;
    let subtitle = {
        let mut parts = vec![
            format!(
                "{} event{}",
                events.len(),
                if events.len() == 1 { "" } else { "s" }
            ),
            extent.map_or_else(|| view.label(), |(a, b)| Viewport::new(a, b).label()),
            format!("lanes by {}", lanes.by.as_str()),
        ];
        if let Some(d) = as_of {
            parts.push(format!("as of {}", d.label()));
        }
        // The selection in words, as the briefing note says it: a pack's reader never typed it.
        let described = crate::core::search::Query::parse(&selection.filter).describe();
        if !described.is_empty() {
            parts.push(format!("events {described}"));
        }
        parts.join(" · ")
    };
    let _ = writeln!(
        w,
        r##"<?xml version="1.0" encoding="UTF-8"?>
<svg xmlns="http://www.w3.org/2000/svg" width="{WIDTH}" height="{height}" viewBox="0 0 {WIDTH} {height}" font-family="sans-serif" font-size="11">
<defs>
<pattern id="hatch" width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)"><line x1="0" y1="0" x2="0" y2="6" stroke="#555" stroke-width="1.5"/></pattern>
<linearGradient id="fade-right"><stop offset="0" stop-color="#555" stop-opacity="0.9"/><stop offset="1" stop-color="#555" stop-opacity="0"/></linearGradient>
<linearGradient id="fade-left"><stop offset="0" stop-color="#555" stop-opacity="0"/><stop offset="1" stop-color="#555" stop-opacity="0.9"/></linearGradient>
<clipPath id="plot"><rect x="{GUTTER}" y="0" width="{plot_w}" height="{height}"/></clipPath>
</defs>
<rect width="100%" height="100%" fill="#ffffff"/>
<text class="title" x="12" y="28" font-size="18" font-weight="bold">{}</text>
<text class="subtitle" x="12" y="46" fill="#555">{}</text>"##,
        escape(selection.title),
        escape(&subtitle),
    );

    // Eras: bands behind everything, titles along the top where they fit.
    let _ = writeln!(w, r##"<g class="eras" clip-path="url(#plot)">"##);
    for (i, era) in selection.eras.iter().enumerate() {
        let (a, b) = era.axis_span();
        if b <= view.from || a >= view.to {
            continue;
        }
        let (xa, xb) = (x(a.max(view.from)), x(b.min(view.to)));
        let fill = if i % 2 == 0 { "#dbe8f7" } else { "#f5e8cc" };
        let _ = writeln!(
            w,
            r##"<rect class="era" x="{xa:.1}" y="{}" width="{:.1}" height="{:.1}" fill="{fill}" opacity="0.6"><title>{}</title></rect>"##,
            TOP - 24.0,
            (xb - xa).max(1.0),
            axis_y - TOP + 24.0,
            escape(&era.title),
        );
        let room = ((xb - xa - 6.0) / CHAR).max(0.0) as usize;
        if room >= 4 {
            let _ = writeln!(
                w,
                r##"<text x="{:.1}" y="{}" fill="#333">{}</text>"##,
                xa + 3.0,
                TOP - 12.0,
                escape(&shorten(&era.title, room)),
            );
        }
    }
    let _ = writeln!(w, "</g>");

    // Lanes: a stripe and a name each.
    let _ = writeln!(w, r##"<g class="lanes">"##);
    for (r, name) in rows.names.iter().enumerate() {
        let y = lane_top.get(r).copied().unwrap_or(TOP);
        let h = lane_height(tracks.get(r).map_or(1, Vec::len));
        if r % 2 == 1 {
            let _ = writeln!(
                w,
                r##"<rect x="{GUTTER}" y="{y}" width="{plot_w}" height="{h}" fill="#000" opacity="0.04"/>"##
            );
        }
        let _ = writeln!(
            w,
            r##"<text class="lane" x="12" y="{:.1}" font-weight="bold" fill="#0b4f8a">{}</text>"##,
            y + LANE / 2.0 + 4.0,
            escape(&shorten(name, 24))
        );
    }
    let _ = writeln!(w, "</g>");

    // Events, each with its title in the room its track kept for it.
    let _ = writeln!(w, r##"<g class="events" clip-path="url(#plot)">"##);
    for (r, placed) in by_row.iter().enumerate() {
        let top = lane_top.get(r).copied().unwrap_or(TOP);
        for (k, p) in placed.iter().enumerate() {
            let (Some(e), Some(d)) = (events.get(p.event), marks.get(p.event)) else {
                continue;
            };
            let mid = top + LANE / 2.0 + p.track as f64 * TRACK;
            mark(w, e, d.shape, d.approx, (x(d.from), x(d.at), x(d.to)), mid);
            let Some(side) = p.label else {
                continue;
            };
            // The title takes what its track leaves free on its side, beyond the room kept.
            let same = |m: &&Placed| m.track == p.track;
            let (x, anchor, room) = match side {
                Side::After => {
                    let next = placed[k + 1..]
                        .iter()
                        .find(same)
                        .map_or(WIDTH - RIGHT, |m| m.left);
                    (p.xb + 6.0, "start", next - 8.0 - (p.xb + 6.0))
                }
                Side::Before => {
                    let prev = placed[..k]
                        .iter()
                        .rev()
                        .find(same)
                        .map_or(GUTTER, |m| m.right);
                    (p.xa - 6.0, "end", p.xa - 6.0 - (prev + 8.0))
                }
            };
            let text = shorten(&e.title, (room / CHAR).max(0.0) as usize);
            if text.chars().count() >= 6 {
                let _ = writeln!(
                    w,
                    r##"<text class="label" x="{x:.1}" y="{:.1}" fill="#222" text-anchor="{anchor}">{}</text>"##,
                    mid + 4.0,
                    escape(&text)
                );
            }
        }
    }
    let _ = writeln!(w, "</g>");

    // As of.
    if let Some(d) = as_of.filter(|d| view.contains(d.axis_days())) {
        let xa = x(d.axis_days());
        let _ = writeln!(
            w,
            r##"<g class="as-of"><line x1="{xa:.1}" y1="{}" x2="{xa:.1}" y2="{axis_y}" stroke="#b00020" stroke-width="1.5"/><text x="{:.1}" y="{}" fill="#b00020" text-anchor="end">as of {}</text></g>"##,
            TOP - 30.0,
            xa - 3.0,
            TOP - 30.0,
            escape(&d.label())
        );
    }

    // The axis.
    let _ = writeln!(
        w,
        r##"<g class="axis"><line x1="{GUTTER}" y1="{axis_y}" x2="{}" y2="{axis_y}" stroke="#333"/>"##,
        WIDTH - RIGHT
    );
    let (_, ticks) = ticks(&view, plot_w, CHAR);
    for t in &ticks {
        let xt = GUTTER + t.x;
        let _ = write!(
            w,
            r##"<line x1="{xt:.1}" y1="{axis_y}" x2="{xt:.1}" y2="{}" stroke="#333"/>"##,
            axis_y + 5.0
        );
        if let Some(label) = &t.label {
            let _ = write!(
                w,
                r##"<text class="tick" x="{xt:.1}" y="{}" fill="#333">{}</text>"##,
                axis_y + 18.0,
                escape(label)
            );
        }
        let _ = writeln!(w);
    }
    let _ = writeln!(w, "</g>");
    legend(w, axis_y + 42.0);
    let _ = writeln!(w, "</svg>");
    out
}

/// Where a mark reaches in pixels, open ends included.
fn reach(shape: Shape, xa: f64, xb: f64) -> (f64, f64) {
    let xb = xb.max(xa);
    match shape {
        Shape::Point => (xa - 5.0, xa + 5.0),
        Shape::Ongoing | Shape::EndUnknown | Shape::OnOrAfter => (xa - 5.0, xb + OPEN),
        Shape::StartUnknown | Shape::OnOrBefore => (xa - OPEN, xb + 5.0),
        Shape::Span | Shape::Window => (xa - 5.0, xb + 5.0),
    }
}

/// The status colour: only an addition to the shapes.
fn colour(e: &Event) -> &'static str {
    match e.status {
        Some(Status::Scheduled) => "#b00020",
        Some(Status::Expected) => "#8a5a00",
        _ => "#1b6e20",
    }
}

/// One event's mark, as a group with the event's title and date as its tooltip: `xs` are the
/// pixels of its first day, its best estimate and its end; `mid` the middle of its track.
fn mark(w: &mut String, e: &Event, shape: Shape, approx: bool, xs: (f64, f64, f64), mid: f64) {
    let (xa, at, xb) = xs;
    let xb = xb.max(xa + 1.0);
    let c = colour(e);
    let dash = if approx {
        r##" stroke-dasharray="4 2""##
    } else {
        ""
    };
    let class = match shape {
        Shape::Point => "point",
        Shape::Span => "span",
        Shape::Window => "window",
        Shape::Ongoing => "ongoing",
        Shape::EndUnknown => "end-unknown",
        Shape::StartUnknown => "start-unknown",
        Shape::OnOrBefore => "on-or-before",
        Shape::OnOrAfter => "on-or-after",
    };
    let _ = write!(
        w,
        r##"<g class="mark {class}" data-id="{}"><title>{} — {}</title>"##,
        escape(&e.id),
        escape(&e.title),
        escape(&e.date_label())
    );
    let (y, h) = (mid - 5.0, 10.0);
    let dot = |w: &mut String, x: f64, hollow: bool| {
        let (fill, dash) = if hollow {
            ("#ffffff", r##" stroke-dasharray="2 1.5""##)
        } else {
            (c, "")
        };
        let _ = write!(
            w,
            r##"<circle cx="{x:.1}" cy="{mid:.1}" r="5" fill="{fill}" stroke="{c}" stroke-width="1.5"{dash}/>"##
        );
    };
    let bar = |w: &mut String, a: f64, b: f64| {
        let fill = if approx { "#ffffff" } else { c };
        let _ = write!(
            w,
            r##"<rect x="{a:.1}" y="{y:.1}" width="{:.1}" height="{h}" rx="2" fill="{fill}" stroke="{c}" stroke-width="1.5"{dash}/>"##,
            (b - a).max(3.0)
        );
    };
    let hatched = |w: &mut String, a: f64, b: f64| {
        let _ = write!(
            w,
            r##"<rect x="{a:.1}" y="{y:.1}" width="{:.1}" height="{h}" fill="url(#hatch)" stroke="{c}" stroke-width="1" stroke-dasharray="2 2"/>"##,
            (b - a).max(3.0)
        );
    };
    let text = |w: &mut String, x: f64, s: &str| {
        let _ = write!(
            w,
            r##"<text x="{x:.1}" y="{:.1}" fill="{c}" font-weight="bold" text-anchor="middle">{s}</text>"##,
            mid + 4.0
        );
    };
    match shape {
        Shape::Point => dot(w, xa, approx),
        Shape::Span => bar(w, xa, xb),
        Shape::Window => {
            hatched(w, xa, xb);
            dot(w, at, true);
        }
        Shape::Ongoing => {
            bar(w, xa, xb);
            let _ = write!(
                w,
                r##"<polygon points="{:.1},{:.1} {:.1},{mid:.1} {:.1},{:.1}" fill="{c}"/>"##,
                xb + 2.0,
                mid - 7.0,
                xb + 14.0,
                xb + 2.0,
                mid + 7.0
            );
        }
        Shape::EndUnknown => {
            bar(w, xa, xb);
            let _ = write!(
                w,
                r##"<rect x="{xb:.1}" y="{y:.1}" width="{}" height="{h}" fill="url(#fade-right)"/>"##,
                OPEN - 8.0
            );
            text(w, xb + OPEN - 3.0, "?");
        }
        Shape::StartUnknown => {
            let _ = write!(
                w,
                r##"<rect x="{:.1}" y="{y:.1}" width="{}" height="{h}" fill="url(#fade-left)"/>"##,
                xa - OPEN + 8.0,
                OPEN - 8.0
            );
            text(w, xa - OPEN + 3.0, "?");
            bar(w, xa, xb);
        }
        Shape::OnOrBefore => {
            hatched(w, xa - OPEN + 8.0, xb);
            text(w, xa - OPEN + 3.0, "‹");
            dot(w, at, true);
        }
        Shape::OnOrAfter => {
            hatched(w, xa, xb + OPEN - 8.0);
            text(w, xb + OPEN - 3.0, "›");
            dot(w, at, true);
        }
    }
    let _ = writeln!(w, "</g>");
}

/// Every mark explained in words, with a sample of each.
fn legend(w: &mut String, top: f64) {
    let _ = writeln!(w, r##"<g class="legend" fill="#333">"##);
    let entries: [(&str, &str); 9] = [
        (r##"<circle cx="8" cy="0" r="5" fill="#1b6e20"/>"##, "a day"),
        (
            r##"<circle cx="8" cy="0" r="5" fill="#fff" stroke="#1b6e20" stroke-width="1.5" stroke-dasharray="2 1.5"/>"##,
            "about, or the best estimate in a window",
        ),
        (
            r##"<rect x="0" y="-5" width="24" height="10" rx="2" fill="#1b6e20"/>"##,
            "lasted from – to",
        ),
        (
            r##"<rect x="0" y="-5" width="24" height="10" rx="2" fill="#fff" stroke="#1b6e20" stroke-width="1.5" stroke-dasharray="4 2"/>"##,
            "lasted, dates approximate",
        ),
        (
            r##"<rect x="0" y="-5" width="24" height="10" fill="url(#hatch)" stroke="#1b6e20" stroke-dasharray="2 2"/>"##,
            "one day, somewhere in this window",
        ),
        (
            r##"<rect x="0" y="-5" width="14" height="10" fill="#1b6e20"/><polygon points="16,-7 26,0 16,7" fill="#1b6e20"/>"##,
            "still going on",
        ),
        (
            r##"<rect x="0" y="-5" width="10" height="10" fill="#1b6e20"/><rect x="10" y="-5" width="10" height="10" fill="url(#fade-right)"/><text x="24" y="4" font-weight="bold">?</text>"##,
            "end (or start) unknown",
        ),
        (
            r##"<rect x="4" y="-5" width="20" height="10" fill="url(#hatch)"/><text x="2" y="4" font-weight="bold">‹</text>"##,
            "on or before (› on or after)",
        ),
        (
            r##"<line x1="12" y1="-8" x2="12" y2="8" stroke="#b00020" stroke-width="1.5"/>"##,
            "the as-of date",
        ),
    ];
    let column = (WIDTH - GUTTER - RIGHT) / 3.0;
    for (i, (sample, words)) in entries.iter().enumerate() {
        let x = GUTTER + (i % 3) as f64 * column;
        let y = top + (i / 3) as f64 * 18.0;
        let _ = writeln!(
            w,
            r##"<g transform="translate({x:.1},{y:.1})">{sample}<text x="34" y="4">{words}</text></g>"##
        );
    }
    let _ = writeln!(
        w,
        r##"<text x="12" y="{:.1}">Colour adds the status: green happened, red scheduled, amber expected.</text>"##,
        top + 58.0
    );
    let _ = writeln!(w, "</g>");
}

/// The marks' extent: the earliest start and the latest end, in axis days.
fn extent(marks: &[crate::core::chart::Drawn]) -> Option<(f64, f64)> {
    let (mut a, mut b) = (f64::INFINITY, f64::NEG_INFINITY);
    for d in marks {
        a = a.min(d.from);
        b = b.max(d.to);
    }
    (a.is_finite() && b.is_finite()).then_some((a, b))
}

/// `text` cut to `chars` characters, ending in "…" when cut.
fn shorten(text: &str, chars: usize) -> String {
    if text.chars().count() <= chars {
        return text.to_string();
    }
    let mut out: String = text.chars().take(chars.saturating_sub(1)).collect();
    if chars > 0 {
        out.push('…');
    }
    out
}

/// Text safe inside an XML element or a quoted attribute: `& < > " '` escaped, control
/// characters (and the two non-characters XML forbids) removed.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            c if c.is_control() || c == '\u{FFFE}' || c == '\u{FFFF}' => {}
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::model::Timeline;

    #[test]
    fn escaping_covers_markup_quotes_and_controls() {
        assert_eq!(
            escape("<script>&\"'\u{1b}]0;x\u{7}\u{85}ok\u{FFFF}"),
            "&lt;script&gt;&amp;&quot;&apos;]0;xok"
        );
        assert_eq!(shorten("abcdef", 4), "abc…");
        assert_eq!(shorten("abc", 4), "abc");
        assert_eq!(shorten("abc", 0), "");
    }

    #[test]
    fn an_empty_selection_is_still_a_document() {
        let timeline = Timeline::default();
        let doc = svg(&Selection::new(&timeline, Vec::new()));
        assert!(doc.starts_with("<?xml") && doc.trim_end().ends_with("</svg>"));
    }
}
