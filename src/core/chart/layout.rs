//! How each event is drawn ([`drawn`]: its [`Shape`] from its date's [`Extent`]), and what to draw
//! in each cell of the chart for one viewport: events folded into a grid of lanes × columns, with
//! one mark per cell (a point, a bar, a dotted window, an open end, or a count where several
//! crowd a cell), each flagged as matching the filter or not, and room found for titles.
//!
//! `ChartIndex` keeps each event's place on the axis in flat arrays, built once per timeline.
//! A frame then costs a binary search for the viewport's first event, one pass over the events in
//! view (a few arithmetic operations each, nothing allocated per event) and the cells on screen:
//! bars and windows are added as difference arrays, so one across the whole screen costs two
//! writes. A million events in view cost one pass, never a million marks.

use super::lanes::{Lanes, Rows};
use super::{MIN_SPAN, Viewport};
use crate::core::model::{Date, Event, Extent, Precision};

/// Events reaching further than this (days) from their best estimate are kept in a separate
/// list, so the binary search for the viewport's events needs to look only this far around it.
const REACH: f64 = 400.0;

/// The narrowest room worth a title: seven characters and "…".
pub const MIN_LABEL: usize = 8;

/// How an event is drawn, from what its date says.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Shape {
    /// A moment known to its day (or finer): one mark.
    Point,
    /// It lasted from `from` to `to`: a bar.
    Span,
    /// It happened once, on one day somewhere from `from` to `to` (a window, or a date known only
    /// to its month or year): a dotted range with the best estimate marked in it.
    Window,
    /// It lasted from `from` and was still going on at the as-of date: a bar to the as-of date,
    /// then an arrow.
    Ongoing,
    /// It lasted from `from`; when it ended is unknown: a bar over its first date, then `?`.
    EndUnknown,
    /// It lasted until `to`; when it began is unknown: `?`, then a bar over its last date.
    StartUnknown,
    /// It happened once, on or before its date: a dotted tail to the left.
    OnOrBefore,
    /// It happened once, on or after its date: a dotted tail to the right.
    OnOrAfter,
}

impl Shape {
    /// Whether the shape is a (possibly open) bar: it lasted. Windows and bounds happened once.
    pub fn lasted(self) -> bool {
        matches!(
            self,
            Shape::Span | Shape::Ongoing | Shape::EndUnknown | Shape::StartUnknown
        )
    }

    /// The open end's mark, for shapes that have one.
    pub fn cap(self) -> Option<Cap> {
        match self {
            Shape::Ongoing => Some(Cap::Ongoing),
            Shape::EndUnknown => Some(Cap::EndUnknown),
            Shape::StartUnknown => Some(Cap::StartUnknown),
            Shape::OnOrBefore => Some(Cap::Before),
            Shape::OnOrAfter => Some(Cap::After),
            _ => None,
        }
    }

    const ALL: [Shape; 8] = [
        Shape::Point,
        Shape::Span,
        Shape::Window,
        Shape::Ongoing,
        Shape::EndUnknown,
        Shape::StartUnknown,
        Shape::OnOrBefore,
        Shape::OnOrAfter,
    ];

    fn code(self) -> u8 {
        Shape::ALL.iter().position(|s| *s == self).unwrap_or(0) as u8
    }

    fn from_code(code: u8) -> Shape {
        Shape::ALL
            .get(usize::from(code & SHAPE_BITS))
            .copied()
            .unwrap_or(Shape::Point)
    }
}

/// The mark at an open end, a fixed number of cells beyond the known date, since how far the
/// event reaches is exactly what is not known.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Cap {
    /// Still going on: after the bar's end at the as-of date.
    Ongoing,
    /// The end is unknown: after the bar.
    EndUnknown,
    /// The start is unknown: before the bar.
    StartUnknown,
    /// On or before: the far end of the dotted tail, to the left.
    Before,
    /// On or after: the far end of the dotted tail, to the right.
    After,
}

/// Cells between a window's bound and the far end of its open tail.
pub const TAIL: usize = 2;

/// How an event is drawn: its shape, where it may lie on the axis (`from..to`, in axis days), its
/// best estimate `at` (where it sits in timeline order; see [`Event::anchor`]), and whether the
/// date is approximate (`circa`) or uncertain (`?`).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Drawn {
    pub shape: Shape,
    pub from: f64,
    pub at: f64,
    pub to: f64,
    pub approx: bool,
}

/// How `e` is drawn. Spans are bars; a moment known to the day is a point; a window, or a moment
/// known only to its month or year (it happened on one day of it), is a dotted range with its best
/// estimate marked; an ongoing span runs to `as_of` (the day the data speaks for) and then points
/// on; an unknown end or start, and "on or before"/"on or after", get open ends.
pub fn drawn(e: &Event, as_of: Option<&Date>) -> Drawn {
    let at = e.anchor().axis_days();
    let (from, to) = (e.start.axis_days(), e.start.axis_days_end());
    let approx = e.circa || e.uncertain;
    let drawn = |shape, from: f64, to: f64| Drawn {
        shape,
        from,
        at: at.max(from).min(to.max(from)),
        to: to.max(from),
        approx,
    };
    match (e.extent, e.end) {
        (Extent::Lasted, Some(end)) => drawn(Shape::Span, from, end.axis_days_end()),
        (Extent::OneDayIn, Some(end)) => drawn(Shape::Window, from, end.axis_days_end()),
        (Extent::Lasted | Extent::OneDayIn, None) if e.start.precision() >= Precision::Day => {
            // A point's end is its start, however far the chart zooms in.
            drawn(Shape::Point, from, from)
        }
        (Extent::Lasted | Extent::OneDayIn, None) => drawn(Shape::Window, from, to),
        (Extent::Ongoing, _) => {
            let now = as_of.map_or(to, |d| d.axis_days_end()).max(to);
            drawn(Shape::Ongoing, from, now)
        }
        (Extent::EndUnknown, _) => drawn(Shape::EndUnknown, from, to),
        (Extent::StartUnknown, _) => drawn(Shape::StartUnknown, from, to),
        (Extent::OnOrBefore, _) => drawn(Shape::OnOrBefore, from, to),
        (Extent::OnOrAfter, _) => drawn(Shape::OnOrAfter, from, to),
    }
}

/// Each event's place on the time axis, in flat arrays, built once for a timeline.
#[derive(Debug, Clone, Default)]
pub struct ChartIndex {
    /// Best estimates, in timeline order (sorted, for a loaded timeline).
    at: Vec<f64>,
    from: Vec<f64>,
    to: Vec<f64>,
    /// The shape's code, and [`APPROX`] when the date is approximate or uncertain.
    shape: Vec<u8>,
    /// Events reaching further than [`REACH`] from their estimate, in timeline order.
    long: Vec<u32>,
    /// Whether `at` is in order (it is for a loaded timeline); if not, frames scan everything.
    sorted: bool,
    extent: Option<(f64, f64)>,
}

// An event's code in the index: its shape in the low bits, then whether its date is approximate,
// which kind of cover it draws (0 bar, 1 approximate bar, 2 dotted) and whether it has an open
// end, all worked out once so that a frame need not.
const SHAPE_BITS: u8 = 0x0f;
const APPROX: u8 = 0x10;
const KIND_SHIFT: u8 = 5;
const CAP: u8 = 0x80;

/// An event's code in the index.
fn code(d: &Drawn) -> u8 {
    let kind = match d.shape {
        Shape::Window | Shape::OnOrBefore | Shape::OnOrAfter => 2,
        _ if d.approx => 1,
        _ => 0,
    };
    d.shape.code()
        | if d.approx { APPROX } else { 0 }
        | (kind << KIND_SHIFT)
        | if d.shape.cap().is_some() { CAP } else { 0 }
}

impl ChartIndex {
    /// Indexes `events`, which should be in timeline order (a `Timeline`'s are), each as
    /// [`drawn`] says; `as_of` is where ongoing spans end.
    pub fn new(events: &[Event], as_of: Option<&Date>) -> ChartIndex {
        let mut index = ChartIndex {
            at: Vec::with_capacity(events.len()),
            from: Vec::with_capacity(events.len()),
            to: Vec::with_capacity(events.len()),
            shape: Vec::with_capacity(events.len()),
            ..ChartIndex::default()
        };
        let (mut first, mut last) = (f64::INFINITY, f64::NEG_INFINITY);
        for (i, e) in events.iter().enumerate() {
            let d = drawn(e, as_of);
            first = first.min(d.from);
            last = last.max(d.to);
            if d.at - d.from > REACH || d.to - d.at > REACH {
                index.long.push(i as u32);
            }
            index.at.push(d.at);
            index.from.push(d.from);
            index.to.push(d.to);
            index.shape.push(code(&d));
        }
        index.sorted = index.at.is_sorted();
        index.extent = (first.is_finite() && last.is_finite()).then_some((first, last));
        index
    }

    pub fn len(&self) -> usize {
        self.at.len()
    }

    pub fn is_empty(&self) -> bool {
        self.at.is_empty()
    }

    /// The earliest start and the latest end, in axis days.
    pub fn extent(&self) -> Option<(f64, f64)> {
        self.extent
    }

    /// The whole data with a margin: the viewport fitting shows, and the bounds for zooming and
    /// panning. A one-day viewport around day 0 when there are no events.
    pub fn bounds(&self) -> Viewport {
        self.extent
            .map_or(Viewport::new(0.0, MIN_SPAN), Viewport::fit)
    }

    /// The events at `indexes`, fitted with a margin (`None` when there are none).
    pub fn fit(&self, indexes: impl IntoIterator<Item = usize>) -> Option<Viewport> {
        let (mut first, mut last) = (f64::INFINITY, f64::NEG_INFINITY);
        for i in indexes {
            if let (Some(a), Some(b)) = (self.from.get(i), self.to.get(i)) {
                first = first.min(*a);
                last = last.max(*b);
            }
        }
        (first.is_finite() && last.is_finite()).then(|| Viewport::fit((first, last)))
    }

    /// How the event at `index` is drawn.
    pub fn drawn(&self, index: usize) -> Option<Drawn> {
        let code = *self.shape.get(index)?;
        Some(Drawn {
            shape: Shape::from_code(code),
            from: *self.from.get(index)?,
            at: *self.at.get(index)?,
            to: *self.to.get(index)?,
            approx: code & APPROX != 0,
        })
    }

    /// The events that may show in `view` when one cell is `cell` days wide: those whose
    /// estimate lies within [`REACH`] (and their open ends' cells) of it, and the long ones.
    fn candidates(&self, view: &Viewport, cell: f64) -> Candidates<'_> {
        let margin = REACH + cell * (TAIL as f64 + 2.0);
        let (lo, hi) = if self.sorted {
            let lo = self.at.partition_point(|&a| a < view.from - margin);
            let hi = self.at.partition_point(|&a| a < view.to + margin);
            (lo, hi.max(lo))
        } else {
            (0, self.at.len())
        };
        Candidates {
            range: lo..hi,
            long: &self.long,
        }
    }
}

/// The events a frame looks at: a range of the timeline, and the long events outside it.
struct Candidates<'a> {
    range: std::ops::Range<usize>,
    long: &'a [u32],
}

impl Candidates<'_> {
    /// About how many there are (the long ones inside the range counted twice).
    fn count(&self) -> usize {
        self.range.len() + self.long.len()
    }

    /// Each, the range first, then the long ones outside it.
    fn iter(&self) -> impl Iterator<Item = usize> + '_ {
        let range = self.range.clone();
        self.range.clone().chain(
            self.long
                .iter()
                .map(|&i| i as usize)
                .filter(move |i| !range.contains(i)),
        )
    }
}

/// Which events match the current filter, by event index.
#[derive(Debug, Clone, Copy, Default)]
pub enum Filter<'a> {
    /// No filter: every event matches.
    #[default]
    All,
    /// Each event's position among the matches, or [`Filter::NONE`] when it does not match.
    Positions(&'a [u32]),
    /// Whether each event matches.
    Mask(&'a [bool]),
}

impl Filter<'_> {
    /// The position of an event that does not match.
    pub const NONE: u32 = u32::MAX;

    /// Whether the event at `i` matches; events past the end of a mask do.
    #[inline]
    pub fn matches(&self, i: usize) -> bool {
        match self {
            Filter::All => true,
            Filter::Positions(p) => p.get(i).is_none_or(|&h| h != Filter::NONE),
            Filter::Mask(m) => m.get(i).copied().unwrap_or(true),
        }
    }

    pub fn is_all(&self) -> bool {
        matches!(self, Filter::All)
    }
}

/// What a cell shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mark {
    /// One event's mark: a day (hollow when approximate, and for a window's best estimate).
    Point { approx: bool },
    /// A bar: one event's start, or spans passing over (dashed when all are approximate).
    Bar { approx: bool },
    /// The possible days of a window.
    Dotted,
    /// An open end.
    Cap(Cap),
    /// Several events have their mark in this cell.
    Count(u32),
}

// Cover bits: what passes over a cell, among all events and among matching ones.
const C_BAR: u8 = 1;
const C_APPROX: u8 = 2;
const C_DOTTED: u8 = 4;

/// Events with their mark in one cell: how many, and the earliest and its shape.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
struct Marks {
    n: u32,
    first: u32,
    shape: u8,
}

impl Marks {
    fn add(&mut self, i: u32, shape: u8) {
        if self.n == 0 || i < self.first {
            self.first = i;
            self.shape = shape;
        }
        self.n += 1;
    }

    /// Another share's marks in the same cell.
    fn merge(&mut self, other: Marks) {
        if other.n == 0 {
            return;
        }
        if self.n == 0 || other.first < self.first {
            self.first = other.first;
            self.shape = other.shape;
        }
        self.n += other.n;
    }

    fn mark(&self) -> Option<Mark> {
        let shape = Shape::from_code(self.shape);
        let approx = self.shape & APPROX != 0;
        match self.n {
            0 => None,
            1 if shape.lasted() => Some(Mark::Bar { approx }),
            1 => Some(Mark::Point {
                approx: approx || shape != Shape::Point,
            }),
            n => Some(Mark::Count(n)),
        }
    }
}

/// One cell of one lane.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Cell {
    all: Marks,
    matched: Marks,
    /// Cover bits of all events, and (shifted by 4) of matching ones.
    cover: u8,
    /// An open end: its cap, and whether its event matches.
    cap: Option<(Cap, bool)>,
}

impl Cell {
    /// What the cell shows and whether that is of matching events: the matching events' marks
    /// when there are any, else the others' (which a filter dims). Marks beat open ends, which
    /// beat what passes over.
    pub fn mark(&self) -> Option<(Mark, bool)> {
        if let Some(m) = self.matched.mark() {
            return Some((m, true));
        }
        let cover = |bits: u8| {
            if bits & C_BAR != 0 {
                Some(Mark::Bar { approx: false })
            } else if bits & C_APPROX != 0 {
                Some(Mark::Bar { approx: true })
            } else if bits & C_DOTTED != 0 {
                Some(Mark::Dotted)
            } else {
                None
            }
        };
        let matched_cover = cover(self.cover >> 4);
        if let Some((cap, true)) = self.cap {
            return Some((Mark::Cap(cap), true));
        }
        if let Some(m) = matched_cover {
            return Some((m, true));
        }
        if let Some(m) = self.all.mark() {
            return Some((m, false));
        }
        if let Some((cap, matched)) = self.cap {
            return Some((Mark::Cap(cap), matched));
        }
        cover(self.cover).map(|m| (m, false))
    }

    pub fn is_empty(&self) -> bool {
        self.all.n == 0 && self.cover == 0 && self.cap.is_none()
    }

    /// How many events have their mark here (matching ones when any do, else all).
    pub fn count(&self) -> u32 {
        if self.matched.n > 0 {
            self.matched.n
        } else {
            self.all.n
        }
    }

    /// The event to select when this cell is clicked: the earliest matching one marked here.
    pub fn event(&self) -> Option<usize> {
        (self.matched.n > 0).then_some(self.matched.first as usize)
    }

    /// The earliest event marked here, matching or not.
    pub fn first(&self) -> Option<usize> {
        (self.all.n > 0).then_some(self.all.first as usize)
    }
}

/// Room for an event's title: `width` empty cells from `col` in line `row`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Label {
    pub row: usize,
    pub col: usize,
    pub width: usize,
    pub event: usize,
}

/// One line of the plot: a track of a lane's row (`slot`, an index into the grid's `rows`), or a
/// blank line between lanes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Line {
    pub slot: Option<usize>,
    /// Which of the lane's tracks: 0 is the one that carries the lane's name.
    pub track: usize,
}

/// What to lay out: the stretch of time, the plot's size in cells, the filter, and the events a
/// frame wants to find again (the selection, and the one under a click).
#[derive(Debug, Clone, Copy, Default)]
pub struct Frame<'a> {
    pub view: Viewport,
    pub width: usize,
    /// Lines available for lanes.
    pub height: usize,
    pub filter: Filter<'a>,
    pub selected: Option<usize>,
    /// A cell (line, column) whose covering event is wanted, for a click on a bar or a window.
    pub probe: Option<(usize, usize)>,
}

/// The chart for one frame: lanes folded into the lines available, each lane's events packed
/// into tracks (one line each) so that marks do not overlap while there are lines to spare, the
/// cells of each line, and the titles' places.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Grid {
    pub width: usize,
    /// The lanes' rows (lanes beyond the lines available folded into the last).
    pub rows: Option<Rows>,
    pub lines: Vec<Line>,
    cells: Vec<Cell>,
    pub labels: Vec<Label>,
    /// The selected event's line and columns (clamped to the plot), when it is in view.
    pub selected: Option<(usize, Columns)>,
    /// The narrowest matching event covering the probed cell.
    pub probed: Option<usize>,
}

impl Grid {
    pub fn cell(&self, row: usize, col: usize) -> Option<&Cell> {
        if col >= self.width {
            return None;
        }
        self.cells
            .get(row.checked_mul(self.width)?.checked_add(col)?)
    }

    /// The cells of one line.
    pub fn row(&self, row: usize) -> &[Cell] {
        let from = row.saturating_mul(self.width).min(self.cells.len());
        let to = from.saturating_add(self.width).min(self.cells.len());
        &self.cells[from..to]
    }

    /// The name of the lane whose first track is line `row`.
    pub fn name(&self, row: usize) -> Option<&str> {
        let line = self.lines.get(row)?;
        let slot = line.slot.filter(|_| line.track == 0)?;
        self.rows.as_ref()?.names.get(slot).map(String::as_str)
    }
}

/// Where an event lies across the columns: the column of its estimate and the first and last
/// columns it covers, open ends included (any may be off screen: negative or past the width).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Columns {
    pub at: f64,
    pub first: f64,
    pub last: f64,
}

/// The columns of `d` when one day is `scale` columns and column 0 begins at `from`.
pub fn columns(d: &Drawn, from: f64, scale: f64) -> Columns {
    let col = |days: f64| floor((days - from) * scale);
    let at = col(d.at);
    let first = col(d.from).min(at);
    // The cell a period ends in is the one holding its last instant, not the next one.
    let last = (-floor(-(d.to - from) * scale) - 1.0).max(first).max(at);
    let tail = TAIL as f64;
    match d.shape {
        Shape::Ongoing | Shape::EndUnknown => Columns {
            at,
            first,
            last: last + 1.0,
        },
        Shape::StartUnknown => Columns {
            at,
            first: first - 1.0,
            last,
        },
        Shape::OnOrBefore => Columns {
            at,
            first: first - tail,
            last,
        },
        Shape::OnOrAfter => Columns {
            at,
            first,
            last: last + tail,
        },
        _ => Columns { at, first, last },
    }
}

/// `x.floor()` without a call into libm (which `f64::floor` is on baseline x86-64): a frame
/// takes it for every event in view. Exact for every `x` a frame can use; beyond ±2⁶³ it
/// saturates, which is off screen anyway.
#[inline]
fn floor(x: f64) -> f64 {
    let t = x as i64 as f64;
    if t > x { t - 1.0 } else { t }
}

/// The most tracks one lane is given, however tall the screen.
const MAX_TRACKS: usize = 64;
/// Events in view per cell of the plot beyond which lanes are not packed into tracks.
const DENSE: usize = 4;
/// An event that did not fit in any track: it goes into the lane's last line, with the others
/// that did not (they are counted together there).
const OVERFLOW: u8 = u8::MAX;

/// Tracks being filled in one lane: the last column used in each.
#[derive(Debug, Clone, Default)]
struct Packing {
    ends: Vec<f64>,
    /// The earliest of `ends`: while an event begins no later than this, every track is taken,
    /// which is how a million events in view cost one comparison each.
    min_end: f64,
}

impl Packing {
    /// The first track with a free column before `first`, taking it up to `last`, or
    /// [`OVERFLOW`]. A new track is opened only when `open` (the first always is).
    fn place(&mut self, first: f64, last: f64, cap: usize, open: bool) -> u8 {
        let open = (open || self.ends.is_empty()) && self.ends.len() < cap;
        if !open && first <= self.min_end + 1.0 {
            return OVERFLOW;
        }
        let track = match self.ends.iter().position(|&end| end + 1.0 < first) {
            Some(t) => t,
            None if open => {
                self.ends.push(f64::NEG_INFINITY);
                self.ends.len() - 1
            }
            None => return OVERFLOW,
        };
        self.ends[track] = last;
        self.min_end = self.ends.iter().copied().fold(f64::INFINITY, f64::min);
        track as u8
    }
}

/// How many lines each of `need.len()` lanes gets out of `height` (at least one each; the fold
/// made sure they fit), and whether a blank line separates lanes: lanes get the tracks they need
/// while there are lines, the neediest first.
fn allot(need: &[usize], height: usize) -> (Vec<usize>, bool) {
    let n = need.len();
    let total: usize = need.iter().sum();
    let gaps = n > 1 && total + n - 1 <= height;
    let mut alloc = vec![1usize; n];
    let mut left = height.saturating_sub(n + if gaps { n - 1 } else { 0 });
    while left > 0 {
        let Some((s, _)) = need
            .iter()
            .zip(&alloc)
            .map(|(&want, &have)| want.saturating_sub(have))
            .enumerate()
            .filter(|(_, short)| *short > 0)
            .max_by_key(|&(s, short)| (short, std::cmp::Reverse(s)))
        else {
            break;
        };
        alloc[s] += 1;
        left -= 1;
    }
    (alloc, gaps)
}

/// Lays out the events in `frame.view` across `frame.width` columns and at most
/// `frame.height` lines: lanes folded into the lines, each lane's events packed into tracks (two
/// passes over the events in view: packing, then drawing), and titles placed where there is room.
pub fn layout(index: &ChartIndex, lanes: &Lanes, frame: Frame) -> Grid {
    layout_on(index, lanes, frame, true)
}

/// [`layout`], sharing a wide view's events between the cores only when `parallel` (the tests
/// compare both ways).
fn layout_on(index: &ChartIndex, lanes: &Lanes, frame: Frame, parallel: bool) -> Grid {
    let Frame {
        view,
        width,
        height,
        filter,
        selected,
        probe,
    } = frame;
    let mut grid = Grid {
        width,
        ..Grid::default()
    };
    if width == 0 || height == 0 {
        return grid;
    }
    let scale = width as f64 / view.span();
    let w = width as f64;
    let of_lane = lanes.of_events();
    let cols = |i: usize| -> Option<Columns> {
        if index.shape.get(i)? & SHAPE_BITS == 0 {
            // A point: the common case, kept short.
            let x = floor((index.at[i] - view.from) * scale);
            return Some(Columns {
                at: x,
                first: x,
                last: x,
            });
        }
        Some(columns(&index.drawn(i)?, view.from, scale))
    };

    // Pass 1: each event's track in its lane. A track keeps room for a short title after each
    // event; an event with no room for one before the right edge opens no track of its own,
    // since stacking marks without their titles shows no more than a count does.
    let cap = height.min(MAX_TRACKS);
    let reserve = (MIN_LABEL + 4) as f64;
    let candidates = index.candidates(&view, 1.0 / scale);
    // With many more events in view than cells, every lane's tracks would fill at once: each lane
    // is one line of counts, and the packing pass is skipped.
    let dense = candidates.count() > width * height * DENSE;
    let mut packing = vec![Packing::default(); lanes.len()];
    let mut tracks: Vec<u8> = Vec::new();
    if !dense {
        for i in candidates.iter() {
            let lane = of_lane.get(i).map(|&l| l as usize);
            let track = match (lane.and_then(|l| packing.get_mut(l)), cols(i)) {
                (Some(p), Some(c)) if c.last >= 0.0 && c.first < w => {
                    let room = c.last + 1.0 + MIN_LABEL as f64 <= w - 1.0;
                    let end = if room { c.last + reserve } else { c.last };
                    p.place(c.first, end, cap, room)
                }
                _ => OVERFLOW,
            };
            tracks.push(track);
        }
    }
    // Lanes with nothing in view give way when lines are short, so what is in view gets them.
    let in_view: Vec<bool> = packing.iter().map(|p| !p.ends.is_empty()).collect();
    let want: usize = packing.iter().map(|p| p.ends.len().max(1) + 1).sum();
    let rows = if !dense && want > height + 1 && in_view.contains(&true) {
        lanes.fold_shown(&in_view, height)
    } else {
        lanes.fold(height)
    };
    let n_slots = rows.len();
    let mut need = vec![1usize; n_slots];
    for (lane, p) in packing.iter().enumerate() {
        if let Some(slot) = rows.row_of(lane as u32)
            && !rows.is_folded(slot)
        {
            need[slot] = p.ends.len().max(1);
        }
    }
    let (alloc, gaps) = allot(&need, height);
    let mut first_line = Vec::with_capacity(n_slots);
    for (slot, &n) in alloc.iter().enumerate() {
        if gaps && slot > 0 {
            grid.lines.push(Line {
                slot: None,
                track: 0,
            });
        }
        first_line.push(grid.lines.len());
        grid.lines.extend((0..n).map(|track| Line {
            slot: Some(slot),
            track,
        }));
    }
    grid.lines.truncate(height);
    let n_lines = grid.lines.len();
    grid.cells = vec![Cell::default(); n_lines * width];
    // Each lane's line when its events are not spread over tracks (the last of its lines, where
    // what did not fit is counted), or none.
    let lane_line: Vec<usize> = (0..lanes.len())
        .map(|l| match rows.row_of(l as u32) {
            Some(slot) if rows.is_folded(slot) => first_line[slot],
            Some(slot) => first_line[slot] + alloc[slot] - 1,
            None => usize::MAX,
        })
        .collect();

    // Pass 2: the marks, and the cover of bars and windows (see `Placer`). Across a wide view of
    // many events the events are shared out between the cores, each placing its share into its
    // own cells, and the shares are then added up.
    let stride = width + 1;
    let placer = Placer {
        index,
        of_lane,
        rows: &rows,
        first_line: &first_line,
        alloc: &alloc,
        lane_line: &lane_line,
        n_lines,
        width,
        stride,
        w,
        vf: view.from,
        scale,
        filter,
        selected,
        probe,
    };
    let empty = || Placed::new(n_lines * width, n_lines * stride);
    let placed = if parallel && tracks.is_empty() && candidates.range.len() >= PARALLEL {
        use rayon::prelude::*;
        let mut placed = candidates
            .range
            .clone()
            .into_par_iter()
            .with_min_len(PARALLEL / 2)
            .fold(empty, |mut out, i| {
                placer.place(i, None, &mut out);
                out
            })
            .reduce(empty, Placed::merge);
        for &i in candidates.long {
            let i = i as usize;
            if !candidates.range.contains(&i) {
                placer.place(i, None, &mut placed);
            }
        }
        placed
    } else {
        let mut placed = empty();
        for (k, i) in candidates.iter().enumerate() {
            placer.place(i, tracks.get(k).copied(), &mut placed);
        }
        placed
    };
    let Placed {
        cells,
        diff,
        selected,
        probed,
    } = placed;
    grid.cells = cells;
    grid.selected = selected;
    for line in 0..n_lines {
        let mut run = [0i32; 6];
        for col in 0..width {
            let k = diff[line * stride + col];
            let cell = &mut grid.cells[line * width + col];
            for (kind, r) in run.iter_mut().enumerate() {
                *r += k[kind];
                if *r > 0 {
                    let bit = [C_BAR, C_APPROX, C_DOTTED][kind % 3];
                    cell.cover |= if kind < 3 { bit } else { bit << 4 };
                }
            }
        }
    }
    grid.probed = probed.map(|(_, i)| i);
    grid.labels = place_labels(&grid, index, &view, scale);
    grid.rows = Some(rows);
    grid
}

/// Events in view from which the second pass shares them out between the cores.
const PARALLEL: usize = 1 << 17;

/// What the second pass needs to place one event: where each lane's lines are, the scale, the
/// filter, and the events a frame wants found (the selection, the one under a click).
struct Placer<'a> {
    index: &'a ChartIndex,
    of_lane: &'a [u32],
    rows: &'a Rows,
    first_line: &'a [usize],
    alloc: &'a [usize],
    lane_line: &'a [usize],
    n_lines: usize,
    width: usize,
    stride: usize,
    w: f64,
    vf: f64,
    scale: f64,
    filter: Filter<'a>,
    selected: Option<usize>,
    probe: Option<(usize, usize)>,
}

/// What the second pass adds up: the cells' marks, the cover of bars and windows as difference
/// arrays per line and kind (bar, approximate bar, dotted) for all events and for matching ones,
/// and what it found.
struct Placed {
    cells: Vec<Cell>,
    diff: Vec<[i32; 6]>,
    selected: Option<(usize, Columns)>,
    probed: Option<(f64, usize)>,
}

impl Placed {
    fn new(cells: usize, diff: usize) -> Placed {
        Placed {
            cells: vec![Cell::default(); cells],
            diff: vec![[0i32; 6]; diff],
            selected: None,
            probed: None,
        }
    }

    /// Two shares added up, `self` being the earlier events: as if one had placed them all.
    fn merge(mut self, other: Placed) -> Placed {
        for (a, b) in self.cells.iter_mut().zip(other.cells) {
            a.all.merge(b.all);
            a.matched.merge(b.matched);
            if let Some((cap, matched)) = b.cap
                && a.cap.is_none_or(|(_, m)| matched && !m)
            {
                a.cap = Some((cap, matched));
            }
        }
        for (a, b) in self.diff.iter_mut().zip(other.diff) {
            for (x, y) in a.iter_mut().zip(b) {
                *x += y;
            }
        }
        self.selected = self.selected.or(other.selected);
        if let Some((len, i)) = other.probed
            && self.probed.is_none_or(|(have, _)| len < have)
        {
            self.probed = Some((len, i));
        }
        self
    }
}

impl Placer<'_> {
    /// Places the event at `i` (in track `track` of its lane, as the first pass packed it, or in
    /// its lane's last line): its mark in the cell of its best estimate, its bar or window in the
    /// difference arrays, its open end. This is what a million events in view go through: points
    /// leave early, the shape's cover kind was worked out when the index was built, and only the
    /// rare open ends take the general path.
    #[inline]
    fn place(&self, i: usize, track: Option<u8>, out: &mut Placed) {
        let (Some(&code), Some(&at), Some(&lane)) = (
            self.index.shape.get(i),
            self.index.at.get(i),
            self.of_lane.get(i),
        ) else {
            return;
        };
        let x = (at - self.vf) * self.scale;
        let point = code & SHAPE_BITS == 0;
        if point && !(0.0..self.w).contains(&x) {
            return;
        }
        let line = match track {
            Some(t) => match self.rows.row_of(lane) {
                Some(slot) if self.rows.is_folded(slot) => self.first_line[slot],
                Some(slot) => self.first_line[slot] + usize::from(t).min(self.alloc[slot] - 1),
                None => return,
            },
            None => self
                .lane_line
                .get(lane as usize)
                .copied()
                .unwrap_or(usize::MAX),
        };
        if line >= self.n_lines {
            return;
        }
        let c = if point {
            let col = floor(x);
            Columns {
                at: col,
                first: col,
                last: col,
            }
        } else if code & CAP != 0 {
            match self.index.drawn(i) {
                Some(d) => columns(&d, self.vf, self.scale),
                None => return,
            }
        } else {
            // A bar or a window: its first and last columns, as `columns` has them.
            let (Some(&from), Some(&to)) = (self.index.from.get(i), self.index.to.get(i)) else {
                return;
            };
            let at = floor(x);
            let first = floor((from - self.vf) * self.scale);
            let first = if at < first { at } else { first };
            let last = -floor(-(to - self.vf) * self.scale) - 1.0;
            let last = if last < first { first } else { last };
            let last = if last < at { at } else { last };
            Columns { at, first, last }
        };
        if c.last < 0.0 || c.first >= self.w {
            return;
        }
        let matched = self.filter.matches(i);
        if self.selected == Some(i) {
            let clamp = |x: f64| x.max(0.0).min(self.w - 1.0);
            out.selected = Some((
                line,
                Columns {
                    at: clamp(c.at),
                    first: clamp(c.first),
                    last: clamp(c.last),
                },
            ));
        }
        if let Some((pl, pc)) = self.probe
            && pl == line
            && matched
            && c.first <= pc as f64
            && pc as f64 <= c.last
            && out.probed.is_none_or(|(len, _)| c.last - c.first < len)
        {
            out.probed = Some((c.last - c.first, i));
        }
        if c.at >= 0.0 && c.at < self.w {
            let cell = &mut out.cells[line * self.width + c.at as usize];
            cell.all.add(i as u32, code);
            if matched {
                cell.matched.add(i as u32, code);
            }
        }
        if point {
            return;
        }
        let kind = usize::from((code >> KIND_SHIFT) & 3);
        // The cover runs over the known dates; an open end's cap sits beyond it.
        let (a, b, cap_at) = if code & CAP == 0 {
            (c.first, c.last, None)
        } else {
            match Shape::from_code(code) {
                Shape::Ongoing | Shape::EndUnknown | Shape::OnOrAfter => {
                    (c.first, c.last - 1.0, Some(c.last))
                }
                _ => (c.first + 1.0, c.last, Some(c.first)),
            }
        };
        if b >= 0.0 && a < self.w && a <= b {
            let a = line * self.stride + if a > 0.0 { a as usize } else { 0 };
            let b =
                line * self.stride + (if b < self.w - 1.0 { b } else { self.w - 1.0 }) as usize + 1;
            out.diff[a][kind] += 1;
            out.diff[b][kind] -= 1;
            if matched {
                out.diff[a][kind + 3] += 1;
                out.diff[b][kind + 3] -= 1;
            }
        }
        if let (Some(x), Some(cap)) = (cap_at, Shape::from_code(code).cap())
            && (0.0..self.w).contains(&x)
        {
            let cell = &mut out.cells[line * self.width + x as usize];
            // A matching event's open end wins over another's.
            if cell.cap.is_none_or(|(_, m)| matched && !m) {
                cell.cap = Some((cap, matched));
            }
        }
    }
}

/// Room for titles: after each cell that marks one matching event, from one empty cell past the
/// event's last column up to one cell before the next thing drawn, when that is at least
/// [`MIN_LABEL`] wide.
fn place_labels(grid: &Grid, index: &ChartIndex, view: &Viewport, scale: f64) -> Vec<Label> {
    let mut labels = Vec::new();
    let width = grid.width;
    for row in 0..grid.lines.len() {
        let cells = grid.row(row);
        let mut col = 0;
        while col < width {
            let cell = cells[col];
            // Only what the filter keeps is named: the rest is background.
            let single = (cell.matched.n == 1).then_some(cell.matched.first);
            let Some(event) = single.map(|e| e as usize) else {
                col += 1;
                continue;
            };
            let end = index
                .drawn(event)
                .map_or(col as f64, |d| columns(&d, view.from, scale).last);
            if end >= (width - 1) as f64 {
                break;
            }
            let end = (end.max(col as f64) as usize).max(col);
            let from = end + 2;
            let next = (end + 1..width)
                .find(|&c| !cells[c].is_empty())
                .unwrap_or(width + 1);
            let room = next.saturating_sub(1).min(width).saturating_sub(from);
            if room >= MIN_LABEL {
                labels.push(Label {
                    row,
                    col: from,
                    width: room,
                    event,
                });
            }
            col = next.min(width).max(end + 1);
        }
    }
    labels
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::chart::LaneBy;
    use crate::core::model::{Date, When};

    fn ev(id: &str, date: &str, kind: &str) -> Event {
        let mut e = Event::new(id, id, Date::parse("2025").unwrap());
        e.set_when(When::parse(date).unwrap());
        e.kind = Some(kind.into());
        e
    }

    fn grid_of(
        events: &[Event],
        view: Viewport,
        width: usize,
        height: usize,
        filter: Filter,
    ) -> Grid {
        let index = ChartIndex::new(events, Date::parse("2025-01-10").ok().as_ref());
        let lanes = Lanes::assign(events, LaneBy::Kind);
        let frame = Frame {
            view,
            width,
            height,
            filter,
            ..Frame::default()
        };
        layout(&index, &lanes, frame)
    }

    /// Each line as text: the lane's name on its first track, `|` on the others, and `-` for a
    /// blank line between lanes; then its marks.
    fn picture(grid: &Grid) -> Vec<String> {
        (0..grid.lines.len())
            .map(|row| {
                let name = match grid.lines[row] {
                    Line { slot: None, .. } => "-".to_string(),
                    _ => grid.name(row).unwrap_or("|").to_string(),
                };
                let marks: String = grid
                    .row(row)
                    .iter()
                    .map(|c| match c.mark() {
                        None => '.',
                        Some((m, _)) => match m {
                            Mark::Point { approx: false } => 'o',
                            Mark::Point { approx: true } => '?',
                            Mark::Bar { approx: false } => '=',
                            Mark::Bar { approx: true } => '~',
                            Mark::Dotted => ':',
                            Mark::Cap(Cap::Ongoing) => '>',
                            Mark::Cap(Cap::EndUnknown | Cap::StartUnknown) => '!',
                            Mark::Cap(Cap::Before) => '<',
                            Mark::Cap(Cap::After) => ')',
                            Mark::Count(n) => char::from_digit(n.min(9), 10).unwrap_or('+'),
                        },
                    })
                    .collect();
                format!("{name:<8}{marks}")
            })
            .collect()
    }

    fn day(s: &str) -> f64 {
        Date::parse(s).unwrap().axis_days()
    }

    fn ten_days() -> Viewport {
        Viewport::new(day("2025-01-01"), day("2025-01-11"))
    }

    #[test]
    fn floor_is_floor() {
        for x in [
            -2.5, -2.0, -0.5, -0.0, 0.0, 0.3, 1.0, 1.7, 1e12, -1e12, 1e300, -1e300,
        ] {
            let want = f64::floor(x).clamp(i64::MIN as f64, i64::MAX as f64);
            assert_eq!(floor(x), want, "{x}");
        }
    }

    #[test]
    fn each_extent_has_its_shape() {
        let shape = |d: &str| drawn(&ev("x", d, "k"), None).shape;
        assert_eq!(shape("2025-01-01"), Shape::Point);
        assert_eq!(shape("2025-01"), Shape::Window, "known only to the month");
        assert_eq!(shape("2025-01-01/2025-01-03"), Shape::Span);
        assert_eq!(shape("[2025-01-01..2025-01-03]"), Shape::Window);
        assert_eq!(shape("2025-01-01/.."), Shape::Ongoing);
        assert_eq!(shape("2025-01-01/"), Shape::EndUnknown);
        assert_eq!(shape("/2025-01-01"), Shape::StartUnknown);
        assert_eq!(shape("[..2025-01-01]"), Shape::OnOrBefore);
        assert_eq!(shape("[2025-01-01..]"), Shape::OnOrAfter);
        let window = drawn(&ev("x", "[2025-01-01..2025-01-09]", "k"), None);
        assert_eq!(
            window.at,
            day("2025-01-05"),
            "the best estimate is the middle"
        );
        assert!(drawn(&ev("x", "2025-01-01~", "k"), None).approx);
        assert!(drawn(&ev("x", "2025-01-01?", "k"), None).approx);
        let as_of = Date::parse("2025-03-01").unwrap();
        let ongoing = drawn(&ev("x", "2025-01-01/..", "k"), Some(&as_of));
        assert_eq!(
            ongoing.to,
            as_of.axis_days_end(),
            "ongoing runs to the as-of date"
        );
    }

    #[test]
    fn every_shape_drawn_in_its_lane() {
        let events = [
            ev("a", "2025-01-01", "visit"),
            ev("d", "2025-01-05/2025-01-08", "visit"),
            ev("e", "2025-01-02~/2025-01-04~", "tariff"),
            ev("f", "2025-01-09~", "tariff"),
            ev("g", "[2025-01-01..2025-01-05]", "window"),
            ev("h", "[..2025-01-05]", "before"),
            ev("i", "[2025-01-05..]", "after"),
            ev("j", "2025-01-02/..", "ongoing"),
            ev("k", "2025-01-02/", "end"),
            ev("l", "/2025-01-05", "start"),
        ];
        let g = grid_of(&events, ten_days(), 10, 20, Filter::All);
        assert_eq!(
            picture(&g),
            [
                "visit   o...====..",
                "-       ..........",
                "tariff  .~~~....?.",
                "-       ..........",
                "window  ::?::.....",
                "-       ..........",
                "before  ..<:?.....",
                "-       ..........",
                "after   ....?:)...",
                "-       ..........",
                "ongoing .=========",
                "-       ..........",
                "end     .=!.......",
                "-       ..........",
                "start   ...!=.....",
            ],
            "ongoing runs to the as-of date (10 Jan)"
        );
        // A span reaching in from the left is a bar from the edge.
        let later = Viewport::new(day("2025-01-06"), day("2025-01-16"));
        assert_eq!(
            picture(&grid_of(&events, later, 10, 20, Filter::All))[0],
            "visit   ===......."
        );
        // Titles go after single events where there is room.
        let wide = grid_of(&events, ten_days(), 50, 20, Filter::All);
        let after_d = wide.labels.iter().find(|l| l.event == 1).unwrap();
        assert_eq!((after_d.row, after_d.col, after_d.width), (0, 41, 9));
    }

    #[test]
    fn crowds_take_tracks_then_counts() {
        let events = [
            ev("a", "2025-01-01", "visit"),
            ev("b", "2025-01-03", "visit"),
            ev("c", "2025-01-03", "visit"),
            ev("d", "2025-01-03/2025-01-06", "visit"),
            ev("e", "2025-01-09", "other"),
        ];
        // Room for every track (each keeps room for a title), and a blank line between lanes.
        let g = grid_of(&events, ten_days(), 40, 8, Filter::All);
        assert_eq!(
            picture(&g),
            [
                "visit   o.......................................",
                "|       ........o...............................",
                "|       ........o...............................",
                "|       ........================................",
                "-       ........................................",
                "other   ................................o.......",
            ]
        );
        // Fewer lines: no blank line, and what does not fit is counted in the lane's last line.
        let g = grid_of(&events, ten_days(), 40, 3, Filter::All);
        assert_eq!(
            picture(&g),
            [
                "visit   o.......................................",
                "|       ........3===============................",
                "other   ................................o.......",
            ]
        );
        assert_eq!(g.cell(1, 8).and_then(Cell::event), Some(1), "the earliest");
        // One line for two lanes.
        let g = grid_of(&events, ten_days(), 40, 1, Filter::All);
        assert_eq!(
            picture(&g),
            ["+2 more laneso.......3===============........o......."]
        );
        // Short of lines, lanes with nothing in view give theirs away.
        let later = Viewport::new(day("2025-01-02"), day("2025-01-08"));
        let g = grid_of(&events, later, 40, 3, Filter::All);
        assert_eq!(g.rows.as_ref().map(|r| r.hidden), Some(1));
        assert_eq!(picture(&g).len(), 2, "b and c; d has no room for a title");
        assert!(picture(&g).iter().all(|l| !l.starts_with("other")));
        // Where no title would fit, crowds are counted rather than stacked.
        let g = grid_of(&events, ten_days(), 10, 8, Filter::All);
        assert_eq!(
            picture(&g),
            [
                "visit   o.3===....",
                "-       ..........",
                "other   ........o."
            ]
        );
    }

    #[test]
    fn the_filter_keeps_matches_apart() {
        let events = [
            ev("a", "2025-01-01", "visit"),
            ev("b", "2025-01-01", "visit"),
            ev("c", "2025-01-05", "visit"),
        ];
        let mask = [false, true, false];
        let g = grid_of(&events, ten_days(), 10, 1, Filter::Mask(&mask));
        // Two events in the first cell, one matching: the cell shows that one, matching.
        let point = Mark::Point { approx: false };
        assert_eq!(g.cell(0, 0).and_then(Cell::mark), Some((point, true)));
        assert_eq!(g.cell(0, 0).and_then(Cell::event), Some(1));
        assert_eq!(g.cell(0, 4).and_then(Cell::mark), Some((point, false)));
        assert_eq!(g.cell(0, 4).and_then(Cell::event), None, "not selectable");
        // A short mask never panics: missing entries match.
        let g = grid_of(&events, ten_days(), 10, 1, Filter::Mask(&[false]));
        assert!(g.cell(0, 4).and_then(Cell::mark).is_some_and(|(_, m)| m));
        let positions = [Filter::NONE, 0, Filter::NONE];
        assert!(Filter::Positions(&positions).matches(1));
        assert!(!Filter::Positions(&positions).matches(2));
    }

    #[test]
    fn long_events_reach_in_from_far_away() {
        let events = [
            ev("decade", "1990/2030", "era"),
            ev("a", "2025-01-05", "visit"),
            ev("window", "[1990..2060]", "wide"),
        ];
        let index = ChartIndex::new(&events, None);
        let lanes = Lanes::assign(&events, LaneBy::Kind);
        let frame = |selected, probe| Frame {
            view: ten_days(),
            width: 10,
            height: 5,
            selected,
            probe,
            ..Frame::default()
        };
        let g = layout(&index, &lanes, frame(Some(1), Some((0, 6))));
        assert_eq!(
            picture(&g),
            [
                "era     ==========",
                "-       ..........",
                "visit   ....o.....",
                "-       ..........",
                "wide    ::::::::::"
            ]
        );
        assert_eq!(g.selected.map(|(line, c)| (line, c.at)), Some((2, 4.0)));
        assert_eq!(g.probed, Some(0));
        let g = layout(&index, &lanes, frame(Some(7), None));
        assert_eq!(g.selected, None);
    }

    #[test]
    fn shared_between_cores_or_not_the_picture_is_the_same() {
        let kinds = ["a", "b", "c"];
        let dates = [
            "2025-01-03",
            "2025-01",
            "[2025-01-02..2025-01-05]",
            "2025-01-04~/2025-01-06",
        ];
        let mut events: Vec<Event> = (0..PARALLEL + 5000)
            .map(|i| {
                let mut e = ev(&format!("e{i}"), dates[i % dates.len()], kinds[i % 3]);
                e.start = Date::parse(&format!("2025-01-{:02}", 1 + i % 9)).unwrap_or(e.start);
                e
            })
            .collect();
        events.push(ev("open", "2025-01-02/..", "a"));
        crate::core::model::sort(&mut events);
        let index = ChartIndex::new(&events, Date::parse("2025-01-08").ok().as_ref());
        let lanes = Lanes::assign(&events, LaneBy::Kind);
        let mask: Vec<bool> = (0..events.len()).map(|i| i % 7 == 0).collect();
        let frame = Frame {
            view: ten_days(),
            width: 30,
            height: 6,
            filter: Filter::Mask(&mask),
            selected: Some(1234),
            probe: Some((0, 12)),
        };
        let one = layout_on(&index, &lanes, frame, false);
        let shared = layout_on(&index, &lanes, frame, true);
        assert_eq!(one, shared);
        assert!(one.selected.is_some() && one.probed.is_some());
    }

    #[test]
    fn degenerate_sizes_and_unsorted_input() {
        let events = [
            ev("b", "2025-01-05", "visit"),
            ev("a", "2025-01-01", "visit"),
        ];
        assert!(
            grid_of(&events, ten_days(), 0, 5, Filter::All)
                .lines
                .is_empty()
        );
        assert!(
            grid_of(&events, ten_days(), 10, 0, Filter::All)
                .lines
                .is_empty()
        );
        // Out of order (never so for a loaded timeline), packing gets worse but never overlaps.
        let g = grid_of(&events, ten_days(), 10, 5, Filter::All);
        assert_eq!(picture(&g), ["visit   ....o.....", "|       o........."]);
        assert!(
            grid_of(&[], ten_days(), 10, 10, Filter::All)
                .labels
                .is_empty()
        );
        assert!(ChartIndex::new(&[], None).bounds().span() >= MIN_SPAN);
        assert_eq!(ChartIndex::new(&events, None).fit([]), None);
        assert_eq!(allot(&[3, 1, 2], 4), (vec![2, 1, 1], false));
        assert_eq!(allot(&[3, 1, 2], 20), (vec![3, 1, 2], true));
    }
}
