//! The browser's state and the only place it changes.
//!
//! Every key, click and resize becomes an [`Action`] (see `keys`), and [`App::update`] applies it.
//! Rendering (`ui`) reads `&App` and changes nothing. Work that depends only on state, such as the
//! search results, the list rows and the wrapped detail text, is done here once per change, never
//! per frame.

use ratatui::layout::Rect;

use crate::core::chart::{ChartState, Filter, LaneBy, Viewport};
use crate::core::link::{self, Target};
use crate::core::model::{Date, Era, Event, Timeline};
use crate::core::search::{Hit, Query, SearchIndex};
use crate::formats::citation;
use crate::formats::diagnostics::LoadError;
use crate::store::state::Place;
pub use crate::tui::browse::action::{Action, CopyReport, ExportOutcome, Mode};
use crate::tui::browse::detail_lines::{self as detail, DetailLine};
use crate::tui::browse::keys::{KEYS, Keymap};
use crate::tui::browse::layout::{self, Areas};
pub use crate::tui::runtime::{Briefing, Clip, Effect};
use crate::tui::widgets::chart::Chart;

/// Which pane j/k move in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Focus {
    /// The list, or the chart in its place.
    List,
    Detail,
}

/// What the body shows: the list, or the chart across the top.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum View {
    List,
    Chart,
}

/// How much closer (or wider) one notch of the mouse wheel takes the chart.
const WHEEL_ZOOM: f64 = 2.0 / 3.0;

/// One line of the timeline list.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Row {
    Year(i64),
    Month(i64, u32),
    /// An event, by its position in `App::hits`.
    Event(usize),
    /// The as-of divider: events above it happened by the as-of date, events below are to come.
    Now,
    /// The count of weak matches left out of a ranked list (see `Hit::is_strong`).
    Weaker(usize),
}

/// The presentation's slides: the events in view, always in time order (a ranked search lists
/// them best first, but a talk runs through time), worked out once on entering it.
#[derive(Debug, Clone, Default)]
pub struct Deck {
    /// Hit indices in timeline order.
    pub slides: Vec<usize>,
    /// The hit with the longest title, which decides the title style for the whole deck, so
    /// slides do not alternate between large and plain titles.
    pub longest: Option<usize>,
    /// Whether every title can be drawn in the large font (ASCII after punctuation folding).
    pub all_plain_letters: bool,
}

/// A message on the prompt line until the next action.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Message {
    pub text: String,
    pub error: bool,
}

/// Up to this many events a search finishes before the next frame; beyond, it runs a slice at a
/// time between frames so typing never waits for it.
pub const SYNC_SEARCH_LIMIT: usize = 8_192;
/// The time a keystroke (or a step between frames) may spend searching before drawing, and the
/// bounds of a slice: slices are sized to fit the budget from how fast the last ones went. Well
/// under a frame (16 ms): on a busy machine a slice is sometimes held up several milliseconds by
/// the scheduler, and the step must still end within the frame.
const SLICE_BUDGET: std::time::Duration = std::time::Duration::from_millis(6);
const MIN_SLICE: usize = 256;
const MAX_SLICE: usize = 65_536;

/// A search still running: where it has got to, and what to look through.
#[derive(Debug)]
struct Pending {
    /// Positions to search (the results of the query this one narrows), or every event.
    within: Option<Vec<u32>>,
    next: usize,
    total: usize,
    /// The event to select once the search is complete.
    keep: Option<u32>,
    /// Events the next slice takes, learned from this search's own speed (queries differ too
    /// much in cost to learn from another).
    slice: usize,
}

/// Up to this many results are ranked before the next frame; more are ranked on another thread,
/// the best screenful first, so the list never waits for a million results to be sorted.
pub const SYNC_RANK_LIMIT: usize = 32_768;
/// How many of the best results the ranking thread sends ahead of the rest: several screens.
const RANK_TOP: usize = 1_024;
/// How long a step between frames waits for the ranking thread before drawing again.
const RANK_WAIT: std::time::Duration = std::time::Duration::from_millis(4);

/// Empties `list` and makes room for `room` items. A list too small is replaced, not grown:
/// growing copies all of its old room (not just its items), which for the last search's million
/// results is tens of milliseconds in one keystroke.
fn emptied<T>(list: &mut Vec<T>, room: usize) {
    if list.capacity() < room {
        *list = Vec::with_capacity(room);
    } else {
        list.clear();
    }
}

/// Results ranked on another thread: the best ones first, then all of them.
#[derive(Debug)]
enum Ranked {
    Top(Vec<Hit>),
    /// With the matching positions in timeline order, for narrowing the next search.
    All(Box<RankedList>, Vec<u32>),
}

/// A complete ranked result with everything the list keeps of it, made in one go: on the ranking
/// thread for a large result, where at a million hits the rows and places alone are tens of
/// milliseconds, more than a frame.
#[derive(Debug)]
struct RankedList {
    /// The strong matches, best first (or all of them, when none is strong).
    hits: Vec<Hit>,
    /// The weak matches held back behind a count while strong ones exist.
    weaker: Vec<Hit>,
    /// Row i is hit i (a ranked list has no headings), then the count of weaker ones.
    rows: Vec<Row>,
    hit_rows: Vec<usize>,
    /// Each event's place in `hits`, or `Filter::NONE`.
    hit_of: Vec<u32>,
}

impl RankedList {
    /// `hits` sorted best first, over a timeline of `events` events.
    fn new(mut hits: Vec<Hit>, events: usize) -> RankedList {
        // Strong matches sort first; the weak ones wait behind a count (and are not in view on
        // the chart either, until `w` shows them).
        let strong = hits.partition_point(Hit::is_strong);
        let weaker = if strong > 0 && strong < hits.len() {
            hits.split_off(strong)
        } else {
            Vec::new()
        };
        let mut hit_of = vec![Filter::NONE; events];
        for (i, h) in hits.iter().enumerate() {
            if let Some(slot) = hit_of.get_mut(h.index as usize) {
                *slot = i as u32;
            }
        }
        let mut rows = Vec::with_capacity(hits.len() + 1);
        rows.extend((0..hits.len()).map(Row::Event));
        if !weaker.is_empty() {
            rows.push(Row::Weaker(weaker.len()));
        }
        RankedList {
            hit_rows: (0..hits.len()).collect(),
            hits,
            weaker,
            rows,
            hit_of,
        }
    }
}

/// A ranking running on another thread, and what to do when it is done.
#[derive(Debug)]
struct Ranking {
    results: std::sync::mpsc::Receiver<Ranked>,
    /// The event to select once the ranking is complete.
    keep: Option<u32>,
}

/// The widest the list's date column grows; longer labels end in "…" there.
pub const MAX_LABEL_WIDTH: usize = 24;

/// Buckets of event counts across the timeline's span, for the ruler's density strip.
pub const RULER_BUCKETS: usize = 512;

#[derive(Debug)]
pub struct App {
    pub timeline: Timeline,
    /// Shared with a ranking thread while one runs.
    index: std::sync::Arc<SearchIndex>,
    pub as_of: Option<Date>,
    /// The day the program runs, given by the runtime (state code never reads the clock): what
    /// `today` means at the date prompt when the timeline has no as-of date.
    pub today: Option<Date>,
    pub mode: Mode,
    pub focus: Focus,
    /// The search line as typed.
    pub query_text: String,
    pub query: Query,
    /// The date prompt as typed.
    pub jump_text: String,
    /// Matching events in display order.
    pub hits: Vec<Hit>,
    pub rows: Vec<Row>,
    /// For each hit, its row in `rows`.
    hit_rows: Vec<usize>,
    /// The month group of the last row added, while rows are added in timeline order.
    last_group: Option<(i64, Option<u32>)>,
    /// Whether the as-of divider is in `rows` yet.
    now_placed: bool,
    /// Weak matches of a ranked search, held back while strong ones exist; `w` shows them.
    pub weaker: Vec<Hit>,
    /// Marked events (by id, so marks survive a reload), for a meeting's handful.
    pub marks: std::collections::BTreeSet<String>,
    /// Whether the list shows only the marked events.
    pub only_marked: bool,
    /// The slides while presenting.
    pub deck: Deck,
    /// Put the selection in the middle of the list at the next refresh (after a jump), so what
    /// comes before and after it are both in view.
    center: bool,
    /// A search still running, if any.
    pending: Option<Pending>,
    /// A ranking still running, if any.
    ranking: Option<Ranking>,
    /// The last complete search and the positions it found (sorted), for narrowing.
    completed: Option<(Query, Vec<u32>)>,
    /// The selected hit (an index into `hits`), if there are any.
    pub selected: usize,
    /// The first visible row of the list.
    pub list_offset: usize,
    pub detail_scroll: usize,
    pub detail_lines: Vec<DetailLine>,
    detail_key: Option<(u32, u16)>,
    pub size: Rect,
    /// First visible line of the help overlay.
    pub help_scroll: usize,
    pub message: Option<Message>,
    /// Why the watched files did not reload; shown until a reload succeeds.
    pub reload_error: Option<String>,
    pub should_quit: bool,
    /// Widest date label, so the list's title column lines up.
    pub label_width: usize,
    /// Whether any event is a wide window, so the list keeps a column for its `↔` mark.
    pub has_wide_windows: bool,
    /// Event density over the span `span` (in axis days), and the span itself (which also
    /// covers the eras).
    pub density: Vec<u32>,
    pub span: (f64, f64),
    /// For each density bucket, the era (an index into `timeline.eras`) covering its middle.
    pub era_buckets: Vec<Option<usize>>,
    /// The key table: [`KEYS`] with the configuration's rebinding.
    pub keys: Keymap,
    /// Whether the detail pane makes source URLs OSC 8 hyperlinks (off for test backends, which
    /// would show the escape sequences as text).
    pub hyperlinks: bool,
    /// While asking which source to open: each choice's number in the detail pane, and what it
    /// opens.
    pub open_choices: Vec<(usize, Target)>,
    /// The density of the events a filter keeps, over the same buckets (empty without one).
    pub hit_density: Vec<u32>,
    /// With a filter, each event's position in `hits`, or [`Filter::NONE`]; empty without one,
    /// when hits are the events in timeline order.
    hit_of: Vec<u32>,
    pub view: View,
    /// The chart's index, lanes and viewport: kept whether or not the chart shows, so it opens
    /// where it was left.
    pub chart: ChartState,
    /// Whether `chart` is built for the events on hand. Building it is a pass over every event
    /// (a seventh of a second at a million), so it waits until the chart is first opened rather
    /// than delay the first frame of a user who never opens it.
    chart_built: bool,
    /// The event the chart last scrolled to: it follows the selection when that moves, and
    /// otherwise stays where it was panned or zoomed.
    followed: Option<u32>,
}

impl App {
    pub fn new(timeline: Timeline, as_of: Option<Date>) -> App {
        let as_of = as_of.or(timeline.as_of);
        let mut app = App {
            timeline: Timeline::default(),
            index: std::sync::Arc::default(),
            as_of,
            today: None,
            mode: Mode::Browse,
            focus: Focus::List,
            query_text: String::new(),
            query: Query::default(),
            jump_text: String::new(),
            hits: Vec::new(),
            rows: Vec::new(),
            hit_rows: Vec::new(),
            last_group: None,
            now_placed: false,
            weaker: Vec::new(),
            marks: std::collections::BTreeSet::new(),
            only_marked: false,
            deck: Deck::default(),
            center: true,
            pending: None,
            ranking: None,
            completed: None,
            selected: 0,
            list_offset: 0,
            detail_scroll: 0,
            detail_lines: Vec::new(),
            detail_key: None,
            size: Rect::new(0, 0, 80, 24),
            help_scroll: 0,
            message: None,
            reload_error: None,
            should_quit: false,
            label_width: 0,
            has_wide_windows: false,
            density: Vec::new(),
            span: (0.0, 1.0),
            era_buckets: Vec::new(),
            keys: Keymap::new(KEYS),
            hyperlinks: false,
            open_choices: Vec::new(),
            hit_density: Vec::new(),
            hit_of: Vec::new(),
            view: View::List,
            chart: ChartState::new(&[], None, LaneBy::Group),
            chart_built: false,
            followed: None,
        };
        app.set_timeline(timeline);
        // Open where the briefing is: at the as-of date, not at the first event of the file.
        let now = app.now_event().map(|i| i as u32);
        app.run_query(now);
        if let Some(first) = app.timeline.warnings.first() {
            let more = app.timeline.warnings.len() - 1;
            app.message = Some(Message {
                text: match more {
                    0 => first.clone(),
                    n => format!("{first} (+{n} more on stderr)"),
                },
                error: false,
            });
        }
        app
    }

    /// Whether an event is still to come on the as-of date: its best-estimate day is later, or it
    /// is known only to fall on or after the as-of day itself.
    fn after_now(&self, e: &Event) -> bool {
        self.as_of.is_some_and(|d| e.is_after(&d))
    }

    /// The event (an index into the timeline) at or nearest the as-of date: the last one by then,
    /// or the first of all when everything is still to come.
    fn now_event(&self) -> Option<usize> {
        self.as_of?;
        let events = &self.timeline.events;
        // Events are in timeline order, which is the order of their best-estimate day.
        let after = events.partition_point(|e| !self.after_now(e));
        (!events.is_empty()).then(|| after.saturating_sub(1))
    }

    /// The hit to select for "back to now": as on opening, the last matching event by the as-of
    /// date, or the first still to come when none is.
    fn now_hit(&self) -> Option<usize> {
        self.as_of?;
        let events = &self.timeline.events;
        let event = |h: &Hit| &events[h.index as usize];
        let hits = self.hits.iter().enumerate();
        let past = hits
            .clone()
            .filter(|(_, h)| !self.after_now(event(h)))
            .max_by(|(_, a), (_, b)| event(a).timeline_cmp(event(b)));
        past.or_else(|| hits.min_by(|(_, a), (_, b)| event(a).timeline_cmp(event(b))))
            .map(|(i, _)| i)
    }

    /// Takes a (new) timeline and prepares what depends only on it: the search index, the label
    /// column width, the ruler's density and the era under each of its buckets.
    fn set_timeline(&mut self, timeline: Timeline) {
        self.index = std::sync::Arc::new(SearchIndex::new(&timeline.events));
        use rayon::prelude::*;
        // On every core: at a million events, these are most of what opening the browser costs.
        self.label_width = timeline
            .events
            .par_iter()
            .map(|e| unicode_width::UnicodeWidthStr::width(e.date_label().as_str()))
            .max()
            .unwrap_or(0)
            .min(MAX_LABEL_WIDTH);
        self.has_wide_windows = timeline.events.par_iter().any(Event::is_wide_window);
        (self.density, self.span) = density(&timeline.events, &timeline.eras);
        self.era_buckets = era_buckets(&timeline.eras, self.span);
        self.followed = None;
        self.timeline = timeline;
        self.chart_built = false;
        if self.view == View::Chart {
            self.build_chart();
        }
        self.detail_key = None;
        self.completed = None;
        self.pending = None;
        self.ranking = None;
    }

    /// After a reload: the new data with the same search, and the same event selected if it is
    /// still there. A failed reload keeps what is on screen and says why until it is fixed.
    fn reloaded(&mut self, result: Result<Timeline, LoadError>) {
        match result {
            Ok(timeline) => {
                let keep = self.selected_event().map(|e| e.id.clone());
                self.set_timeline(timeline);
                let keep =
                    keep.and_then(|id| self.timeline.events.iter().position(|e| *e.id == *id));
                self.run_query(keep.map(|i| i as u32));
                self.reload_error = None;
                // A question waiting for its answer (replace the briefing?) keeps the prompt line.
                if self.mode != Mode::Confirm {
                    self.message = Some(Message {
                        text: format!("Reloaded: {} events", self.timeline.events.len()),
                        error: false,
                    });
                }
            }
            Err(e) => {
                let first = e
                    .diagnostics
                    .first()
                    .map(ToString::to_string)
                    .unwrap_or_default();
                let more = e.diagnostics.len().saturating_sub(1);
                let text = if more > 0 {
                    format!("{first} (+{more} more)")
                } else {
                    first
                };
                self.reload_error =
                    Some(format!("Reload failed, showing the last good data: {text}"));
                // The failure is newer than any message on the prompt line ("Reloaded: 3 events"
                // would otherwise hide it until a key is pressed), unless that is a question.
                if self.mode != Mode::Confirm {
                    self.message = None;
                }
            }
        }
    }

    /// The selected event, if any event matches.
    pub fn selected_event(&self) -> Option<&Event> {
        let hit = self.hits.get(self.selected)?;
        self.timeline.events.get(hit.index as usize)
    }

    /// The event a hit refers to.
    pub fn event(&self, hit: usize) -> Option<&Event> {
        self.timeline.events.get(self.hits.get(hit)?.index as usize)
    }

    /// The selected event's index in the timeline.
    pub fn selected_index(&self) -> Option<usize> {
        self.hits.get(self.selected).map(|h| h.index as usize)
    }

    /// Which events the filter keeps, for the chart.
    pub fn filter(&self) -> Filter<'_> {
        if self.filtered() {
            Filter::Positions(&self.hit_of)
        } else {
            Filter::All
        }
    }

    /// The hit showing the event at `index`, if the filter keeps it.
    fn hit_of_event(&self, index: usize) -> Option<usize> {
        if self.filtered() {
            return self
                .hit_of
                .get(index)
                .filter(|&&h| h != Filter::NONE)
                .map(|&h| h as usize);
        }
        // Unfiltered, hits are the events in timeline order (while a search is still running,
        // only some of them yet).
        self.hits
            .get(index)
            .filter(|h| h.index as usize == index)
            .map(|_| index)
            .or_else(|| self.hits.iter().position(|h| h.index as usize == index))
    }

    /// The chart as it is drawn: the events, the chart's state, the filter, the selection.
    pub fn chart_widget(&self) -> Chart<'_> {
        Chart {
            events: &self.timeline.events,
            state: &self.chart,
            filter: self.filter(),
            selected: self.selected_index(),
            eras: &self.timeline.eras,
            as_of: self.as_of,
        }
    }

    /// The mode to return to from a prompt, the help or the presentation: browsing whichever
    /// view is showing.
    fn home(&self) -> Mode {
        match self.view {
            View::List => Mode::Browse,
            View::Chart => Mode::Chart,
        }
    }

    /// The current view (in timeline order, with its filter) as a Markdown briefing note, for the
    /// runtime to write: `e` asks for it with [`Effect::Export`], and the runtime reports back
    /// with [`Action::Exported`]. `force` replaces an existing file.
    pub fn briefing(&self, force: bool) -> Briefing {
        let mut positions: Vec<u32> = self.hits.iter().map(|h| h.index).collect();
        positions.sort_unstable();
        let events = positions
            .iter()
            .filter_map(|&i| self.timeline.events.get(i as usize))
            .collect();
        let mut selection = crate::core::selection::Selection::new(&self.timeline, events);
        selection.as_of = self.as_of;
        selection.filter = self.query_text.clone();
        let text = crate::formats::markdown::markdown(
            selection.title,
            selection.as_of.as_ref(),
            &selection.filter,
            &selection.events,
        );
        let what = if self.only_marked {
            format!("{} marked", self.query_text)
        } else {
            self.query_text.clone()
        };
        Briefing {
            text,
            stem: crate::core::model::id::slug(
                &format!("briefing {} {what}", self.timeline.title),
                80,
            ),
            as_of: self.as_of,
            force,
        }
    }

    /// Where the browser is, to remember for the next run.
    pub fn place(&self) -> Place {
        Place {
            selected: self.selected_event().map(|e| e.id.to_string()),
            filter: self.query_text.clone(),
            marks: self.marks.iter().cloned().collect(),
        }
    }

    /// The selected event's citation to copy, as Markdown or plain text.
    fn copy(&mut self, markdown: bool) -> Effect {
        let Some(event) = self.selected_event() else {
            self.say("No event is selected, so there is nothing to copy", true);
            return Effect::None;
        };
        let (text, form) = if markdown {
            (citation::markdown(event), "Markdown")
        } else {
            (citation::plain(event), "plain text")
        };
        Effect::Copy(Clip {
            text,
            what: format!("the citation of “{}” as {form}", short(&event.title)),
        })
    }

    /// Opens the selected event's one openable source, or asks which when it has several.
    fn open(&mut self) -> Effect {
        let Some(event) = self.selected_event() else {
            self.say("No event is selected", true);
            return Effect::None;
        };
        let mut choices = Vec::new();
        let mut refused = None;
        for i in 0..event.sources.len() {
            match link::source_target(event, i) {
                Some(Ok(target)) => choices.push((i + 1, target)),
                Some(Err(why)) => refused = refused.or(Some((i + 1, why))),
                None => {}
            }
        }
        match (choices.len(), refused) {
            (0, Some((n, why))) => {
                self.say(&format!("Source [{n}] is not opened: {why}"), true);
                Effect::None
            }
            (0, None) => {
                self.say("This event's sources have no link or file to open", true);
                Effect::None
            }
            (1, _) => Effect::Open(choices.remove(0).1),
            _ => {
                let numbers: Vec<String> = choices.iter().map(|(n, _)| n.to_string()).collect();
                self.say(
                    &format!("Open which source? {} (Esc cancels)", numbers.join(", ")),
                    false,
                );
                self.open_choices = choices;
                self.mode = Mode::Open;
                Effect::None
            }
        }
    }

    /// Opens the source numbered `digit`, if it is one of the choices.
    fn open_choice(&mut self, digit: char) -> Effect {
        let n = digit.to_digit(10).map(|d| d as usize);
        let Some((_, target)) = self.open_choices.iter().find(|(i, _)| Some(*i) == n) else {
            let numbers: Vec<String> = self
                .open_choices
                .iter()
                .map(|(n, _)| n.to_string())
                .collect();
            self.say(
                &format!("Type {} to open a source (Esc cancels)", numbers.join(", ")),
                true,
            );
            return Effect::None;
        };
        let target = target.clone();
        self.mode = Mode::Browse;
        self.open_choices.clear();
        Effect::Open(target)
    }

    /// Back where the browser was last time: the filter, the event (when it is still there) and
    /// the marks.
    fn restore(&mut self, place: Place) {
        self.query_text = place.filter;
        let keep = place
            .selected
            .and_then(|id| self.timeline.events.iter().position(|e| *e.id == *id));
        // Marks whose events are gone (the file changed since) are dropped, not kept unseen.
        let ids: std::collections::HashSet<&str> =
            self.timeline.events.iter().map(|e| e.id.as_ref()).collect();
        self.marks = place
            .marks
            .into_iter()
            .filter(|m| ids.contains(m.as_str()))
            .collect();
        self.run_query(keep.map(|i| i as u32));
    }

    fn say(&mut self, text: &str, error: bool) {
        self.message = Some(Message {
            text: text.to_string(),
            error,
        });
    }

    /// The row of the selected event in `rows`.
    pub fn selected_row(&self) -> Option<usize> {
        self.hit_rows.get(self.selected).copied()
    }

    /// Whether a search or filter narrows the list.
    pub fn filtered(&self) -> bool {
        !self.query.is_empty() || self.only_marked
    }

    pub fn areas(&self) -> Option<Areas> {
        Areas::for_view(self.size, self.ruler_lines(), self.view == View::Chart)
    }

    /// The ruler has a second line, above the density, when there are eras to draw.
    pub fn ruler_lines(&self) -> u16 {
        if self.timeline.eras.is_empty() { 1 } else { 2 }
    }

    /// Applies an action; what the runtime must do about it (quit, suspend, write a note) is the
    /// returned effect.
    pub fn update(&mut self, action: Action) -> Effect {
        let mut effect = Effect::None;
        if !matches!(
            action,
            Action::Resize(..) | Action::Reloaded(_) | Action::SearchStep | Action::Restore(_)
        ) {
            self.message = None;
        }
        match (self.mode, action) {
            (_, Action::Quit) => {
                self.should_quit = true;
                effect = Effect::Quit;
            }
            (_, Action::Resize(w, h)) => self.size = Rect::new(0, 0, w, h),
            (_, Action::Suspend) => effect = Effect::Suspend,
            (_, Action::Reloaded(result)) => self.reloaded(*result),
            (_, Action::SearchStep) => self.continue_search(Some(SLICE_BUDGET)),
            (_, Action::Exported(outcome)) => match outcome {
                ExportOutcome::Written(path) => {
                    self.mode = self.home();
                    self.message = Some(Message {
                        text: format!("Briefing written to {}", path.display()),
                        error: false,
                    });
                }
                ExportOutcome::Exists(path) => {
                    self.mode = Mode::Confirm;
                    self.message = Some(Message {
                        text: format!("{} exists. Replace it? (y/n)", path.display()),
                        error: true,
                    });
                }
                ExportOutcome::Failed(why) => {
                    self.mode = self.home();
                    self.message = Some(Message {
                        text: format!("Export failed: {why}"),
                        error: true,
                    });
                }
            },
            (_, Action::Copied(report)) => {
                let (text, error) = copied(&report);
                self.say(&text, error);
            }
            (_, Action::Opened(result)) => match result {
                Ok(text) => self.say(&text, false),
                Err(why) => self.say(&format!("Cannot open: {why}"), true),
            },
            (_, Action::Restore(place)) => self.restore(place),
            (_, Action::Notify(text)) => self.say(&text, false),
            (Mode::Confirm, Action::Accept) => effect = Effect::Export(self.briefing(true)),
            (Mode::Confirm, _) => {
                self.mode = self.home();
                self.message = Some(Message {
                    text: "Export cancelled; nothing was written".into(),
                    error: false,
                });
            }
            (_, Action::SetQuery(q)) => {
                self.query_text = q;
                self.run_query(None);
            }
            (_, Action::Resumed(w, h)) => self.size = Rect::new(0, 0, w, h),
            (Mode::Help, Action::Up) => self.help_scroll = self.help_scroll.saturating_sub(1),
            (Mode::Help, Action::Down) => self.scroll_help(1),
            (Mode::Help, Action::PageUp) => self.help_scroll = self.help_scroll.saturating_sub(10),
            (Mode::Help, Action::PageDown) => self.scroll_help(10),
            (Mode::Help, _) => self.mode = self.home(),
            (Mode::Present, Action::Down | Action::PageDown) => self.slide_by(1),
            (Mode::Present, Action::Up | Action::PageUp) => self.slide_by(-1),
            (Mode::Present, Action::First) => self.slide_to(0),
            (Mode::Present, Action::Last) => self.slide_to(usize::MAX),
            (Mode::Present, Action::Cancel | Action::Present) => self.mode = self.home(),
            (Mode::Present, _) => {}
            (Mode::Open, Action::Input(c)) => effect = self.open_choice(c),
            (Mode::Open, Action::Cancel) => {
                self.mode = Mode::Browse;
                self.open_choices.clear();
            }
            (Mode::Open, _) => {}
            (Mode::Search, Action::Input(c)) => {
                self.query_text.push(c);
                self.run_query(None);
            }
            (Mode::Search, Action::Backspace) => {
                self.query_text.pop();
                self.run_query(None);
            }
            (Mode::Search, Action::ClearInput) => {
                self.query_text.clear();
                self.run_query(None);
            }
            (Mode::Search, Action::DeleteWord) => {
                delete_word(&mut self.query_text);
                self.run_query(None);
            }
            (Mode::Search, Action::Accept) => self.mode = self.home(),
            (Mode::Search, Action::Cancel) => {
                self.mode = self.home();
                self.clear_query();
            }
            (Mode::Jump, Action::Input(c)) => self.jump_text.push(c),
            (Mode::Jump, Action::Backspace) => {
                self.jump_text.pop();
            }
            (Mode::Jump, Action::ClearInput | Action::DeleteWord) => self.jump_text.clear(),
            (Mode::Jump, Action::Accept) => self.jump(),
            (Mode::Jump, Action::Cancel) => self.mode = self.home(),
            // Esc backs out one level and never quits: a presenter pressing it twice out of reflex
            // must not land in the shell.
            (Mode::Browse | Mode::Chart, Action::Cancel) => {
                if self.filtered() {
                    self.clear_query();
                } else if self.focus == Focus::Detail {
                    self.focus = Focus::List;
                } else if self.view == View::Chart {
                    self.toggle_chart();
                } else {
                    self.message = Some(Message {
                        text: "Nothing to close; q quits".into(),
                        error: false,
                    });
                }
            }
            (Mode::Browse, Action::ShowWeaker) => self.show_weaker(),
            (Mode::Browse | Mode::Chart, Action::Now) => match self.now_hit() {
                Some(i) => {
                    self.select(i);
                    self.center = true;
                    if let Some(d) = self.as_of {
                        self.message = Some(Message {
                            text: format!("As of {}", d.label()),
                            error: false,
                        });
                    }
                }
                None => {
                    self.message = Some(Message {
                        text: "No as-of date: give --as-of or set as_of in the file".into(),
                        error: false,
                    });
                }
            },
            (Mode::Browse | Mode::Chart, Action::OpenSearch) => self.mode = Mode::Search,
            (Mode::Browse | Mode::Chart, Action::OpenJump) => {
                self.jump_text.clear();
                self.mode = Mode::Jump;
            }
            (Mode::Browse | Mode::Chart, Action::Present) => self.present(),
            (Mode::Browse | Mode::Chart, Action::ToggleMark) => self.toggle_mark(),
            (Mode::Browse | Mode::Chart, Action::OnlyMarked) => {
                if self.marks.is_empty() && !self.only_marked {
                    self.message = Some(Message {
                        text: "No marks yet: m marks the selected event".into(),
                        error: false,
                    });
                } else {
                    self.only_marked = !self.only_marked;
                    let keep = self.hits.get(self.selected).map(|h| h.index);
                    // The last results were narrowed by the marks, or were not: start afresh.
                    self.completed = None;
                    self.run_query(keep);
                }
            }
            (Mode::Browse | Mode::Chart, Action::Export) => {
                effect = Effect::Export(self.briefing(false))
            }
            (Mode::Browse | Mode::Chart, Action::CopyCitation) => effect = self.copy(false),
            (Mode::Browse | Mode::Chart, Action::CopyMarkdown) => effect = self.copy(true),
            (Mode::Browse | Mode::Chart, Action::OpenSource) => effect = self.open(),
            (Mode::Browse | Mode::Chart, Action::ToggleHelp) => {
                self.help_scroll = 0;
                self.mode = Mode::Help;
            }
            (Mode::Browse | Mode::Chart, Action::ToggleFocus) => {
                self.focus = match self.focus {
                    Focus::List => Focus::Detail,
                    Focus::Detail => Focus::List,
                }
            }
            (Mode::Browse | Mode::Chart, Action::Up) if self.focus == Focus::Detail => {
                self.scroll_detail(-1)
            }
            (Mode::Browse | Mode::Chart, Action::Down) if self.focus == Focus::Detail => {
                self.scroll_detail(1)
            }
            (Mode::Browse | Mode::Chart, Action::PageUp) if self.focus == Focus::Detail => {
                self.scroll_detail(-self.detail_page())
            }
            (Mode::Browse | Mode::Chart, Action::PageDown) if self.focus == Focus::Detail => {
                self.scroll_detail(self.detail_page())
            }
            (Mode::Browse, Action::First) if self.focus == Focus::Detail => self.detail_scroll = 0,
            (Mode::Browse, Action::Last) if self.focus == Focus::Detail => {
                self.scroll_detail(isize::MAX)
            }
            (Mode::Chart, Action::Up) => self.step_in_time(false),
            (Mode::Chart, Action::Down) => self.step_in_time(true),
            (Mode::Chart, Action::PageUp) => {
                self.chart.pan(-1.0 / crate::core::chart::state::PAN_STEP)
            }
            (Mode::Chart, Action::PageDown) => {
                self.chart.pan(1.0 / crate::core::chart::state::PAN_STEP)
            }
            (Mode::Chart, Action::First) => self.select_in_time(true),
            (Mode::Chart, Action::Last) => self.select_in_time(false),
            (Mode::Browse | Mode::Chart, Action::ToggleChart) => self.toggle_chart(),
            (Mode::Chart, Action::ZoomIn) => self.chart.zoom_in(self.selected_index()),
            (Mode::Chart, Action::ZoomOut) => self.chart.zoom_out(self.selected_index()),
            (Mode::Chart, Action::PanBack) => self.chart.pan(-1.0),
            (Mode::Chart, Action::PanForward) => self.chart.pan(1.0),
            (Mode::Chart, Action::FitAll) => self.chart.fit(),
            (Mode::Chart, Action::FitFilter) => self.fit_filter(),
            (Mode::Chart, Action::CycleLanes) => {
                self.chart.cycle_lanes(&self.timeline.events);
                self.message = Some(Message {
                    text: format!("Lanes by {}", self.chart.lanes.by.as_str()),
                    error: false,
                });
            }
            (_, Action::Up) => self.select_by(-1),
            (_, Action::Down) => self.select_by(1),
            (_, Action::PageUp) => self.select_by(-self.list_page()),
            (_, Action::PageDown) => self.select_by(self.list_page()),
            (Mode::Browse, Action::First) => self.select(0),
            (Mode::Browse, Action::Last) => self.select(self.hits.len().saturating_sub(1)),
            (Mode::Browse | Mode::Chart, Action::PrevMonth) => self.step_period(false, month_key),
            (Mode::Browse | Mode::Chart, Action::NextMonth) => self.step_period(true, month_key),
            (Mode::Browse | Mode::Chart, Action::PrevYear) => self.step_period(false, year_key),
            (Mode::Browse | Mode::Chart, Action::NextYear) => self.step_period(true, year_key),
            (_, Action::DetailUp) => self.scroll_detail(-1),
            (_, Action::DetailDown) => self.scroll_detail(1),
            (_, Action::DetailPageUp) => self.scroll_detail(-self.detail_page()),
            (_, Action::DetailPageDown) => self.scroll_detail(self.detail_page()),
            (_, Action::Click { column, row }) => self.click(column, row),
            (_, Action::ScrollUp { column, row }) => self.wheel(column, row, -3),
            (_, Action::ScrollDown { column, row }) => self.wheel(column, row, 3),
            _ => {}
        }
        self.refresh_view();
        effect
    }

    /// The chart's index for the events on hand, unless it is built already; a chart built before
    /// (for earlier data) keeps its viewport and lane mode.
    fn build_chart(&mut self) {
        if self.chart_built {
            return;
        }
        let events = &self.timeline.events;
        if self.chart.index.is_empty() {
            self.chart = ChartState::new(events, self.as_of.as_ref(), self.chart.by);
        } else {
            self.chart.reload(events, self.as_of.as_ref());
        }
        self.chart_built = true;
    }

    /// The chart instead of the list, or back, on the same event.
    fn toggle_chart(&mut self) {
        self.view = match self.view {
            View::List => View::Chart,
            View::Chart => View::List,
        };
        if self.view == View::Chart {
            self.build_chart();
        }
        self.mode = self.home();
        self.focus = Focus::List;
        // The chart scrolls to the selection if it moved while the list showed; the list puts the
        // selection in its middle.
        self.center = self.view == View::List;
    }

    /// `j`/`k` in the chart: the next (or previous) event in time that the filter keeps, whatever
    /// order the list is in.
    fn step_in_time(&mut self, forward: bool) {
        if !self.filtered() {
            // Without a filter the hits are the timeline, in order.
            self.select_by(if forward { 1 } else { -1 });
            return;
        }
        let Some(current) = self.selected_index() else {
            return;
        };
        let next = if forward {
            (current + 1..self.hit_of.len()).find_map(|i| self.hit_of_event(i))
        } else {
            (0..current).rev().find_map(|i| self.hit_of_event(i))
        };
        match next {
            Some(hit) => self.select(hit),
            None => {
                let edge = if forward { "last" } else { "first" };
                self.message = Some(Message {
                    text: format!("Already at the {edge} event"),
                    error: false,
                });
            }
        }
    }

    /// `g`/`G` in the chart: the first (or last) event in time that the filter keeps.
    fn select_in_time(&mut self, first: bool) {
        if !self.filtered() {
            self.select(if first {
                0
            } else {
                self.hits.len().saturating_sub(1)
            });
            return;
        }
        let found = if first {
            (0..self.hit_of.len()).find_map(|i| self.hit_of_event(i))
        } else {
            (0..self.hit_of.len())
                .rev()
                .find_map(|i| self.hit_of_event(i))
        };
        if let Some(hit) = found {
            self.select(hit);
        }
    }

    /// `f`: the chart fitted to what the filter keeps (everything, without a filter).
    fn fit_filter(&mut self) {
        let text = if !self.filtered() {
            self.chart.fit();
            "No filter: the whole timeline".to_string()
        } else if self
            .chart
            .fit_events(self.hits.iter().map(|h| h.index as usize))
        {
            format!("Fitted to the {} events that match", self.hits.len())
        } else {
            "No events match; nothing to fit".to_string()
        };
        self.message = Some(Message { text, error: false });
    }

    /// Re-runs the search for the current text. `keep` is an event index to keep selected.
    fn run_query(&mut self, keep: Option<u32>) {
        let query = Query::parse(&self.query_text);
        // Typing more of a term can only narrow: search within the last complete results.
        let within = self
            .completed
            .take()
            .filter(|(earlier, _)| query.narrows(earlier))
            .map(|(_, positions)| positions);
        let total = within.as_ref().map_or(self.timeline.events.len(), Vec::len);
        self.query = query;
        // Room for every result now: growing by doubling mid-search would copy (and fault in) up
        // to a million results within one slice. Unused room is never touched.
        emptied(&mut self.hits, total);
        emptied(&mut self.rows, total + total / 8 + 2);
        emptied(&mut self.hit_rows, total);
        self.last_group = None;
        self.now_placed = false;
        self.weaker.clear();
        self.selected = 0;
        self.list_offset = 0;
        self.detail_scroll = 0;
        self.hit_of.clear();
        self.hit_density.clear();
        if !self.query.is_empty() {
            self.hit_of.resize(self.timeline.events.len(), Filter::NONE);
            self.hit_density.resize(RULER_BUCKETS, 0);
        }
        // A ranking of the last results is of no use now; its thread finds no one to tell.
        self.ranking = None;
        self.pending = Some(Pending {
            within,
            next: 0,
            total,
            keep,
            slice: MIN_SLICE * 2,
        });
        // Decided by the timeline's size, not the candidates': narrowing to a few thousand events
        // does not make each one cheaper to score.
        let budget = (self.timeline.events.len() > SYNC_SEARCH_LIMIT).then_some(SLICE_BUDGET);
        self.continue_search(budget);
    }

    /// Whether a search is still running (its results so far are shown), or its results are
    /// still being ranked (the best are shown).
    pub fn searching(&self) -> bool {
        self.pending.is_some() || self.ranking.is_some()
    }

    /// How far the running search has got, from 0 to 1.
    pub fn search_progress(&self) -> Option<f64> {
        self.pending
            .as_ref()
            .map(|p| p.next as f64 / p.total.max(1) as f64)
    }

    /// Searches further, for at most `budget` (or to the end), adding what it finds to the list
    /// as it goes; when the search is complete, ranks the results.
    fn continue_search(&mut self, budget: Option<std::time::Duration>) {
        let started = std::time::Instant::now();
        if self.ranking.is_some() {
            self.continue_ranking();
            return;
        }
        let Some(mut pending) = self.pending.take() else {
            return;
        };
        // Slices are sized from how long the last ones took per event, so that one slice fits in
        // what is left of the budget: a slow query gets small slices, a fast one large ones.
        let mut size = if budget.is_some() {
            pending.slice
        } else {
            MAX_SLICE
        };
        while pending.next < pending.total {
            let slice_started = std::time::Instant::now();
            let end = (pending.next + size).min(pending.total);
            let events = &self.timeline.events;
            let found = match &pending.within {
                Some(positions) => {
                    self.index
                        .scan_within(events, &self.query, &positions[pending.next..end])
                }
                None => self.index.scan(events, &self.query, pending.next..end),
            };
            let per_event =
                slice_started.elapsed().as_secs_f64() / (end - pending.next).max(1) as f64;
            pending.next = end;
            let from = self.hits.len();
            if self.only_marked {
                let events = &self.timeline.events;
                let marks = &self.marks;
                self.hits.extend(
                    found
                        .into_iter()
                        .filter(|h| marks.contains(&*events[h.index as usize].id)),
                );
            } else {
                self.hits.extend(found);
            }
            self.add_rows(from);
            if let Some(b) = budget {
                let left = b.saturating_sub(started.elapsed()).as_secs_f64();
                let fit =
                    |secs: f64| ((secs / per_event.max(1e-9)) as usize).clamp(MIN_SLICE, MAX_SLICE);
                pending.slice = fit(b.as_secs_f64() / 2.0).min(size * 4);
                // Stop with a quarter of the budget left, and plan the next slice for half of
                // what is left: a slice can cost twice its estimate (a small one runs on one
                // core where the last ran on two; it may prepare a piece of the index).
                if left <= b.as_secs_f64() / 4.0 {
                    break;
                }
                // Grow at most fourfold per slice: one cheap slice is weak evidence.
                size = fit(left / 2.0).min(size * 4);
            }
        }
        if pending.next < pending.total {
            self.pending = Some(pending);
            return;
        }
        if !self.query.ranks() && self.as_of.is_some() && !self.now_placed && !self.hits.is_empty()
        {
            // Everything shown happened by the as-of date: the divider closes the list.
            self.rows.push(Row::Now);
            self.now_placed = true;
        }
        if self.query.ranks() && budget.is_some() && self.hits.len() > SYNC_RANK_LIMIT {
            self.start_ranking(pending.keep);
            return;
        }
        // Hits arrived in timeline order, so the positions are already sorted.
        let positions: Vec<u32> = self.hits.iter().map(|h| h.index).collect();
        if self.query.ranks() {
            use rayon::slice::ParallelSliceMut;
            let order = self.index.ranking(self.as_of.as_ref());
            let mut hits = std::mem::take(&mut self.hits);
            hits.par_sort_unstable_by(order);
            self.take_ranked(RankedList::new(hits, self.timeline.events.len()));
        }
        self.finish_search(pending.keep, Some(positions));
    }

    /// Ranks the results on another thread: sorting a million of them takes several frames. The
    /// thread sends the best screenful first (a selection, then a sort of just those), which the
    /// list shows at once, then the rest in order.
    fn start_ranking(&mut self, keep: Option<u32>) {
        let (send, results) = std::sync::mpsc::channel();
        let index = std::sync::Arc::clone(&self.index);
        let near = self.as_of;
        let events = self.timeline.events.len();
        // The thread takes the results (no copy of a million of them is made here); the list
        // keeps its first screens, as they are, until the best ones arrive.
        let mut hits = std::mem::take(&mut self.hits);
        let shown = hits.len().min(RANK_TOP);
        self.hits = hits[..shown].to_vec();
        self.rows.truncate(shown);
        self.hit_rows.truncate(shown);
        std::thread::spawn(move || {
            // Hits arrived in timeline order, so the positions are already sorted.
            let positions: Vec<u32> = hits.iter().map(|h| h.index).collect();
            let order = index.ranking(near.as_ref());
            let top = RANK_TOP.min(hits.len());
            if top > 0 && top < hits.len() {
                hits.select_nth_unstable_by(top - 1, &order);
            }
            hits[..top].sort_unstable_by(&order);
            if send.send(Ranked::Top(hits[..top].to_vec())).is_err() {
                return;
            }
            hits[top..].sort_unstable_by(&order);
            let list = RankedList::new(hits, events);
            let _ = send.send(Ranked::All(Box::new(list), positions));
        });
        self.ranking = Some(Ranking { results, keep });
    }

    /// Takes what the ranking thread has sent, waiting for it a few milliseconds at most.
    fn continue_ranking(&mut self) {
        let Some(ranking) = self.ranking.take() else {
            return;
        };
        match ranking.results.recv_timeout(RANK_WAIT) {
            Ok(Ranked::Top(top)) => {
                // A ranked list has no headings: row i is hit i. Until the rest arrive, the list
                // holds the best results only.
                self.rows.truncate(top.len());
                self.hit_rows.truncate(top.len());
                self.hits = top;
                self.selected = 0;
                self.ranking = Some(ranking);
            }
            Ok(Ranked::All(list, positions)) => {
                self.take_ranked(*list);
                self.finish_search(ranking.keep, Some(positions));
            }
            Err(std::sync::mpsc::RecvTimeoutError::Timeout) => self.ranking = Some(ranking),
            // The thread cannot fail short of a panic; then the list keeps what it shows, ranked,
            // and the next search starts afresh rather than narrow these.
            Err(std::sync::mpsc::RecvTimeoutError::Disconnected) => {
                let order = self.index.ranking(self.as_of.as_ref());
                let mut hits = std::mem::take(&mut self.hits);
                hits.sort_unstable_by(order);
                self.take_ranked(RankedList::new(hits, self.timeline.events.len()));
                self.finish_search(ranking.keep, None);
            }
        }
    }

    /// Shows a complete ranked list. Only vectors change hands here: the work was done where the
    /// list was made.
    fn take_ranked(&mut self, list: RankedList) {
        let RankedList {
            hits,
            weaker,
            rows,
            hit_rows,
            hit_of,
        } = list;
        self.hits = hits;
        self.weaker = weaker;
        self.rows = rows;
        self.hit_rows = hit_rows;
        self.hit_of = hit_of;
        // Ranking reordered the list: start at the best match.
        self.selected = 0;
    }

    /// The search is complete and its results in their final order: remembers it for narrowing
    /// (`positions`, in timeline order) and selects the event to keep, if it is still listed.
    fn finish_search(&mut self, keep: Option<u32>, positions: Option<Vec<u32>>) {
        self.completed = positions.map(|p| (self.query.clone(), p));
        if let Some(k) = keep {
            self.selected = self.hits.iter().position(|h| h.index == k).unwrap_or(0);
            // The kept event may be far from where the list was while the search ran.
            self.center = true;
        }
        self.selected = self.selected.min(self.hits.len().saturating_sub(1));
    }

    /// Starts the presentation at the selected event, with the slides in time order.
    pub fn present(&mut self) {
        use rayon::prelude::*;
        let events = &self.timeline.events;
        let hits = &self.hits;
        let slides: Vec<usize> = if self.query.ranks() {
            // Events are in timeline order, so the slides are the hits in the order of their
            // events' positions: one pass to place each hit, one to read them out, never a sort.
            let mut at = vec![u32::MAX; events.len()];
            for (i, h) in hits.iter().enumerate() {
                if let Some(slot) = at.get_mut(h.index as usize) {
                    *slot = i as u32;
                }
            }
            at.into_iter()
                .filter(|&i| i != u32::MAX)
                .map(|i| i as usize)
                .collect()
        } else {
            (0..hits.len()).collect()
        };
        let title = |i: usize| &events[hits[i].index as usize].title;
        self.deck = Deck {
            // Of equally long titles, the last, as a sequential maximum gives.
            longest: slides
                .par_iter()
                .enumerate()
                .max_by_key(|&(at, &i)| (title(i).len(), at))
                .map(|(_, &i)| i),
            all_plain_letters: slides.par_iter().all(|&i| {
                title(i)
                    .chars()
                    .all(|c| c.is_ascii_graphic() || c == ' ' || "–—‘’“”".contains(c))
            }),
            slides,
        };
        self.mode = Mode::Present;
    }

    /// Where the selected event is among the slides (1-based) and how many there are.
    pub fn slide_position(&self) -> (usize, usize) {
        let total = self.deck.slides.len();
        let at = self.deck.slides.iter().position(|&i| i == self.selected);
        (at.map_or(0, |a| a + 1), total)
    }

    fn slide_to(&mut self, position: usize) {
        let last = self.deck.slides.len().saturating_sub(1);
        if let Some(&hit) = self.deck.slides.get(position.min(last)) {
            self.select(hit);
        }
    }

    fn slide_by(&mut self, delta: isize) {
        let (at, _) = self.slide_position();
        self.slide_to(at.saturating_sub(1).saturating_add_signed(delta));
    }

    /// `m`: marks or unmarks the selected event.
    fn toggle_mark(&mut self) {
        let Some(id) = self.selected_event().map(|e| e.id.clone()) else {
            return;
        };
        let marked = if self.marks.remove(&*id) {
            false
        } else {
            self.marks.insert(id.to_string());
            true
        };
        let n = self.marks.len();
        self.message = Some(Message {
            text: format!(
                "{} · {n} marked{}",
                if marked { "Marked" } else { "Unmarked" },
                if n > 0 && !self.only_marked {
                    " (M shows only them; p presents, e writes the view)"
                } else {
                    ""
                }
            ),
            error: false,
        });
        if self.only_marked && !marked {
            let keep = self.hits.get(self.selected).map(|h| h.index);
            self.completed = None;
            self.run_query(keep);
        }
    }

    /// Whether an event is marked.
    pub fn is_marked(&self, e: &Event) -> bool {
        !self.marks.is_empty() && self.marks.contains(&*e.id)
    }

    /// Adds the held-back weak matches to the end of a ranked list.
    fn show_weaker(&mut self) {
        if self.weaker.is_empty() {
            self.message = Some(Message {
                text: "No weaker matches are hidden".into(),
                error: false,
            });
            return;
        }
        if self
            .rows
            .last()
            .is_some_and(|r| matches!(r, Row::Weaker(_)))
        {
            self.rows.pop();
        }
        let from = self.hits.len();
        self.hits.append(&mut self.weaker);
        self.add_rows(from);
        self.message = Some(Message {
            text: format!("Showing {} weaker matches", self.hits.len() - from),
            error: false,
        });
    }

    /// Drops the search, keeping the selected event selected in the full timeline.
    fn clear_query(&mut self) {
        let keep = self.hits.get(self.selected).map(|h| h.index);
        self.query_text.clear();
        if std::mem::take(&mut self.only_marked) {
            self.completed = None;
        }
        self.run_query(keep);
    }

    /// Adds rows for `hits[from..]`: year and month headers in timeline order; a ranked list has
    /// no headers.
    fn add_rows(&mut self, from: usize) {
        let grouped = !self.query.ranks();
        let filtered = self.filtered();
        for (i, hit) in self.hits.iter().enumerate().skip(from) {
            if filtered {
                if let Some(slot) = self.hit_of.get_mut(hit.index as usize) {
                    *slot = i as u32;
                }
                let event = &self.timeline.events[hit.index as usize];
                let b = ruler_bucket(event.start.axis_days(), self.span, RULER_BUCKETS);
                if let Some(count) = self.hit_density.get_mut(b) {
                    *count += 1;
                }
            }
            if grouped {
                let event = &self.timeline.events[hit.index as usize];
                if !self.now_placed && self.after_now(event) {
                    self.rows.push(Row::Now);
                    self.now_placed = true;
                }
                let start = &event.start;
                let key = (start.year(), start.month());
                if self.last_group.map(|l| l.0) != Some(key.0) {
                    self.rows.push(Row::Year(key.0));
                }
                if let Some(m) = key.1
                    && self.last_group != Some(key)
                {
                    self.rows.push(Row::Month(key.0, m));
                }
                self.last_group = Some(key);
            }
            self.hit_rows.push(self.rows.len());
            self.rows.push(Row::Event(i));
        }
    }

    fn select(&mut self, hit: usize) {
        let last = self.hits.len().saturating_sub(1);
        let hit = hit.min(last);
        if hit != self.selected {
            self.detail_scroll = 0;
        }
        self.selected = hit;
    }

    fn select_by(&mut self, delta: isize) {
        self.select(self.selected.saturating_add_signed(delta));
    }

    fn list_page(&self) -> isize {
        self.areas().map_or(10, |a| {
            a.list_inner().height.saturating_sub(1).max(1) as isize
        })
    }

    fn detail_page(&self) -> isize {
        self.areas().map_or(10, |a| {
            a.detail_inner().height.saturating_sub(1).max(1) as isize
        })
    }

    fn scroll_help(&mut self, delta: usize) {
        let max = layout::help_overflow(self.size);
        self.help_scroll = (self.help_scroll + delta).min(max);
    }

    fn scroll_detail(&mut self, delta: isize) {
        let height = self.areas().map_or(0, |a| a.detail_inner().height as usize);
        let max = self.detail_lines.len().saturating_sub(height);
        self.detail_scroll = self.detail_scroll.saturating_add_signed(delta).min(max);
    }

    /// The hit whose event comes first in timeline order among those `pred` accepts (the hits may
    /// be ranked, so this is not simply the first that matches).
    fn earliest_hit(&self, pred: impl Fn(&Event) -> bool) -> Option<usize> {
        let events = &self.timeline.events;
        self.hits
            .iter()
            .enumerate()
            .filter(|(_, h)| pred(&events[h.index as usize]))
            .min_by(|(_, a), (_, b)| {
                events[a.index as usize].timeline_cmp(&events[b.index as usize])
            })
            .map(|(i, _)| i)
    }

    /// Moves to the first event of the next (or previous) month or year that has events.
    fn step_period(&mut self, forward: bool, key: fn(&Event) -> (i64, u32)) {
        let Some(current) = self.selected_event().map(key) else {
            return;
        };
        let events = &self.timeline.events;
        let keys = self.hits.iter().map(|h| key(&events[h.index as usize]));
        let target = if forward {
            keys.filter(|k| *k > current).min()
        } else {
            keys.filter(|k| *k < current).max()
        };
        let Some(target) = target else {
            let edge = if forward { "last" } else { "first" };
            self.message = Some(Message {
                text: format!("Already at the {edge} period"),
                error: false,
            });
            return;
        };
        let best = self.earliest_hit(|e| key(e) == target);
        if let Some(i) = best {
            self.select(i);
        }
    }

    /// Selects the first event (by date) on or after the typed date.
    fn jump(&mut self) {
        let text = self.jump_text.trim().to_string();
        // Enter on an empty prompt means "now", rather than leaving the user stuck in it.
        let text = if text.is_empty() {
            "today".into()
        } else {
            text
        };
        let date = match Date::parse_spoken(&text, self.as_of.or(self.today)) {
            Ok(d) => d,
            Err(e) => {
                self.message = Some(Message {
                    text: format!("{e}"),
                    error: true,
                });
                return;
            }
        };
        self.mode = self.home();
        if self.view == View::Chart {
            // The chart shows the period asked for; the selection lands in it as in the list.
            self.chart.show(Viewport::of_period(&date));
        }
        let events = &self.timeline.events;
        let (from, to) = (date.axis_days(), date.axis_days_end());
        // An event under way on that date, dated at least as finely as what was typed ("2025-05-28"
        // lands on the 27–29 May visit, not on something dated only "2025"); else the next one.
        let found = self
            .earliest_hit(|e| {
                e.start.precision() >= date.precision()
                    && e.start.axis_days() < to
                    && e.last().axis_days_end() > from
            })
            .or_else(|| self.earliest_hit(|e| e.start.axis_days() >= from));
        let Some(i) = found else {
            self.select(self.hits.len().saturating_sub(1));
            self.message = Some(Message {
                text: format!(
                    "Nothing on or after {} here; showing the last event",
                    date.label()
                ),
                error: false,
            });
            return;
        };
        let e = &events[self.hits[i].index as usize];
        let text = if e.start.axis_days() < to && e.last().axis_days_end() > from {
            format!("Jumped to {}", date.label())
        } else {
            format!(
                "Nothing on {} here; next is {}",
                date.label(),
                e.date_label()
            )
        };
        self.select(i);
        self.center = true;
        // The period asked for stays on screen even when the event found lies beyond it.
        self.followed = self.selected_index().map(|i| i as u32);
        self.message = Some(Message { text, error: false });
    }

    fn click(&mut self, column: u16, row: u16) {
        let Some(areas) = self.areas() else { return };
        let pos = ratatui::layout::Position::new(column, row);
        let list = areas.list_inner();
        if areas.chart.contains(pos) {
            self.focus = Focus::List;
            let clicked = self
                .chart_widget()
                .event_at(areas.chart_inner(), column, row);
            if let Some(hit) = clicked.and_then(|i| self.hit_of_event(i)) {
                self.select(hit);
                // Selected where it was seen: no scrolling.
                self.followed = self.selected_index().map(|i| i as u32);
            }
        } else if list.contains(pos) {
            self.focus = Focus::List;
            let r = self.list_offset + usize::from(row - list.y);
            if let Some(Row::Event(hit)) = self.rows.get(r) {
                self.select(*hit);
            }
        } else if areas.detail.contains(pos) {
            self.focus = Focus::Detail;
        }
    }

    fn wheel(&mut self, column: u16, row: u16, delta: isize) {
        let Some(areas) = self.areas() else { return };
        if areas
            .chart
            .contains(ratatui::layout::Position::new(column, row))
        {
            // The wheel zooms around the day under the pointer, which stays under it.
            let factor = if delta < 0 {
                WHEEL_ZOOM
            } else {
                1.0 / WHEEL_ZOOM
            };
            let inner = areas.chart_inner();
            match self.chart_widget().days_at(inner, column) {
                Some(at) => self.chart.zoom_at(at, factor),
                None => self.chart.zoom_at(self.chart.view.centre(), factor),
            }
        } else if areas
            .detail
            .contains(ratatui::layout::Position::new(column, row))
        {
            self.scroll_detail(delta);
        } else {
            self.select_by(delta.signum());
        }
    }

    /// Keeps the selection in view (in the list, and in the chart when it moved) and the detail
    /// text wrapped for the current pane width.
    fn refresh_view(&mut self) {
        let selected = self.selected_index().map(|i| i as u32);
        if self.view == View::Chart && selected != self.followed {
            self.chart.follow(selected.map(|i| i as usize));
            self.followed = selected;
        }
        let Some(areas) = self.areas() else { return };
        let height = usize::from(areas.list_inner().height).max(1);
        if let Some(row) = self.selected_row() {
            if std::mem::take(&mut self.center) {
                self.list_offset = row.saturating_sub(height / 2);
            } else if row < self.list_offset {
                // Show the month and year headers just above the selection when they fit.
                let mut top = row;
                while top > 0
                    && !matches!(self.rows[top - 1], Row::Event(_))
                    && row - (top - 1) < height
                {
                    top -= 1;
                }
                self.list_offset = top;
            } else if row >= self.list_offset + height {
                self.list_offset = row + 1 - height;
            }
        }
        self.list_offset = self.list_offset.min(self.rows.len().saturating_sub(height));
        let width = areas.detail_inner().width;
        let key = self.hits.get(self.selected).map(|h| (h.index, width));
        if key != self.detail_key {
            self.detail_key = key;
            self.detail_lines = match self.selected_event() {
                Some(e) => {
                    let eras: Vec<&Era> = self.timeline.eras_of(e).collect();
                    detail::lines(e, &eras, width, self.as_of.as_ref())
                }
                None => Vec::new(),
            };
        }
        let visible = usize::from(areas.detail_inner().height);
        self.detail_scroll = self
            .detail_scroll
            .min(self.detail_lines.len().saturating_sub(visible));
    }
}

/// The status line for a copy: what was copied and where it went. OSC 52 is reported as sent:
/// the terminal does not say whether it took the text.
fn copied(report: &CopyReport) -> (String, bool) {
    let what = &report.what;
    match (&report.terminal, &report.system) {
        (Ok(()), Ok(())) => (
            format!("Copied {what} to the system clipboard and via OSC 52"),
            false,
        ),
        (Ok(()), Err(_)) => (
            format!("Copied {what} via OSC 52 (no system clipboard)"),
            false,
        ),
        (Err(_), Ok(())) => (format!("Copied {what} to the system clipboard"), false),
        (Err(terminal), Err(system)) => (
            format!("Could not copy {what}: {terminal}; system clipboard: {system}"),
            true,
        ),
    }
}

/// A title short enough for the status line.
fn short(title: &str) -> String {
    const MAX: usize = 32;
    if title.chars().count() <= MAX {
        return title.to_string();
    }
    let cut: String = title.chars().take(MAX - 1).collect();
    format!("{}…", cut.trim_end())
}

fn month_key(e: &Event) -> (i64, u32) {
    (e.start.year(), e.start.month().unwrap_or(0))
}

fn year_key(e: &Event) -> (i64, u32) {
    (e.start.year(), 0)
}

/// Ctrl-W: deletes the word before the end of `s`, and the spaces after it.
pub fn delete_word(s: &mut String) {
    let trimmed = s.trim_end().len();
    s.truncate(trimmed);
    let cut = s.rfind(char::is_whitespace).map_or(0, |i| i + 1);
    s.truncate(cut);
}

/// Event counts per bucket across the span of all events and eras, and that span in axis days.
fn density(events: &[Event], eras: &[Era]) -> (Vec<u32>, (f64, f64)) {
    use rayon::prelude::*;
    // Each event's place once, on every core: at a million events this is a good part of what
    // opening the browser costs.
    let places: Vec<(f64, f64)> = events
        .par_iter()
        .map(|e| (e.start.axis_days(), e.last().axis_days_end()))
        .collect();
    let first = places
        .par_iter()
        .map(|p| p.0)
        .reduce(|| f64::INFINITY, f64::min)
        .min(
            eras.iter()
                .map(|era| era.axis_span().0)
                .fold(f64::INFINITY, f64::min),
        );
    let last = places
        .par_iter()
        .map(|p| p.1)
        .reduce(|| f64::NEG_INFINITY, f64::max)
        .max(
            eras.iter()
                .map(|era| era.axis_span().1)
                .fold(f64::NEG_INFINITY, f64::max),
        );
    if !first.is_finite() || !last.is_finite() || last <= first {
        return (vec![0u32; RULER_BUCKETS], (0.0, 1.0));
    }
    let buckets = places
        .par_iter()
        .fold(
            || vec![0u32; RULER_BUCKETS],
            |mut buckets, p| {
                buckets[ruler_bucket(p.0, (first, last), RULER_BUCKETS)] += 1;
                buckets
            },
        )
        .reduce(
            || vec![0u32; RULER_BUCKETS],
            |mut a, b| {
                a.iter_mut().zip(b).for_each(|(x, y)| *x += y);
                a
            },
        );
    (buckets, (first, last))
}

/// For each density bucket, the era covering the middle of it; where eras overlap, the one that
/// starts later (usually the narrower, more specific one).
fn era_buckets(eras: &[Era], span: (f64, f64)) -> Vec<Option<usize>> {
    let width = (span.1 - span.0) / RULER_BUCKETS as f64;
    (0..RULER_BUCKETS)
        .map(|b| {
            let middle = span.0 + (b as f64 + 0.5) * width;
            eras.iter().rposition(|era| {
                let (from, to) = era.axis_span();
                from <= middle && middle < to
            })
        })
        .collect()
}

/// Which of `n` equal buckets across `span` the axis position `x` falls in.
pub fn ruler_bucket(x: f64, span: (f64, f64), n: usize) -> usize {
    let t = ((x - span.0) / (span.1 - span.0)).clamp(0.0, 1.0);
    ((t * n as f64) as usize).min(n.saturating_sub(1))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::load;

    /// The browser on the 2025 part of the built-in dataset (13 events, all in 2025), whose
    /// layout these tests describe row by row.
    fn app() -> App {
        let file =
            crate::formats::native::parse_str(load::BUILTIN_NAME, load::BUILTIN_JSON).unwrap();
        let timeline = crate::core::model::merge(vec![file.dataset]);
        let mut app = App::new(timeline, None);
        app.update(Action::Resize(120, 40));
        app
    }

    fn type_text(app: &mut App, s: &str) {
        for c in s.chars() {
            app.update(Action::Input(c));
        }
    }

    #[test]
    fn search_narrows_and_escape_restores_with_selection_kept() {
        let mut app = app();
        let all = app.hits.len();
        app.update(Action::OpenSearch);
        type_text(&mut app, "goyal");
        assert_eq!(app.hits.len(), 1);
        assert_eq!(&*app.selected_event().unwrap().id, "goyal-us-trip");
        app.update(Action::Accept);
        assert_eq!(app.mode, Mode::Browse);
        assert_eq!(app.hits.len(), 1, "Enter keeps the filter");
        app.update(Action::Cancel);
        assert_eq!(app.hits.len(), all, "Esc clears the filter");
        assert_eq!(&*app.selected_event().unwrap().id, "goyal-us-trip");
        assert!(!app.should_quit);
        for _ in 0..5 {
            app.update(Action::Cancel);
        }
        assert!(
            !app.should_quit,
            "Esc never quits, however often it is pressed"
        );
        assert_eq!(app.hits.len(), all);
    }

    #[test]
    fn opens_at_the_as_of_date_with_a_divider_between_past_and_future() {
        let mut app = app();
        let as_of = app.as_of.expect("the dataset has an as-of date");
        assert_eq!(as_of.to_string(), "2025-05-28");
        let e = app.selected_event().unwrap();
        assert!(
            e.anchor().start_key() <= as_of.start_key(),
            "opens on an event by the as-of date, not {}",
            e.id
        );
        let now = app
            .rows
            .iter()
            .position(|r| *r == Row::Now)
            .expect("a divider");
        assert_eq!(app.rows.iter().filter(|r| **r == Row::Now).count(), 1);
        let selected = app.selected_row().unwrap();
        assert!(selected < now, "the selection is just above the divider");
        assert!(
            app.rows[selected + 1..now]
                .iter()
                .all(|r| !matches!(r, Row::Event(_))),
            "and it is the last event before it"
        );
        let below = app.rows[now + 1..].iter().find_map(|r| match r {
            Row::Event(i) => app.event(*i),
            _ => None,
        });
        assert!(below.is_some_and(|e| e.anchor().start_key() >= as_of.start_key()));
        // `g` goes to the first event; `n` comes back.
        app.update(Action::First);
        assert_ne!(app.selected_row(), Some(selected));
        app.update(Action::Now);
        assert_eq!(app.selected_row(), Some(selected));
        // A ranked search has no divider.
        app.update(Action::SetQuery("misri".into()));
        assert!(!app.rows.contains(&Row::Now));
    }

    #[test]
    fn with_the_detail_focused_g_and_big_g_scroll_the_detail() {
        let mut app = app();
        app.update(Action::Resize(80, 24));
        let selected = app.selected;
        app.update(Action::ToggleFocus);
        app.update(Action::Last);
        assert_eq!(app.selected, selected, "the selection stays");
        assert!(app.detail_scroll > 0, "the detail went to its end");
        app.update(Action::First);
        assert_eq!((app.selected, app.detail_scroll), (selected, 0));
        app.update(Action::Cancel);
        assert_eq!(app.focus, Focus::List, "Esc gives the list its focus back");
        app.update(Action::Last);
        assert_ne!(app.selected, selected);
    }

    #[test]
    fn marks_make_a_deck_that_runs_in_time_order() {
        let mut app = app();
        app.update(Action::SetQuery("visit".into()));
        assert!(app.query.ranks());
        let mut marked = Vec::new();
        for _ in 0..3 {
            app.update(Action::ToggleMark);
            marked.push(app.selected_event().unwrap().id.clone());
            app.update(Action::Down);
        }
        assert_eq!(app.marks.len(), 3);
        app.update(Action::OnlyMarked);
        assert_eq!(app.hits.len(), 3, "only the marked events");
        assert!(app.only_marked && app.filtered());
        app.update(Action::Present);
        assert_eq!(app.mode, Mode::Present);
        assert_eq!(app.slide_position().1, 3);
        app.update(Action::First);
        let mut seen = Vec::new();
        for _ in 0..3 {
            seen.push(app.selected_event().unwrap().clone());
            app.update(Action::Down);
        }
        assert!(
            seen.windows(2).all(|w| w[0].timeline_cmp(&w[1]).is_le()),
            "slides in time order, not ranking order"
        );
        app.update(Action::Cancel);
        // Esc clears the search and the marked-only view; the marks stay.
        app.update(Action::Cancel);
        assert!(!app.only_marked);
        assert_eq!(app.marks.len(), 3);
        assert_eq!(app.hits.len(), app.timeline.events.len());
        // Unmarking in the marked-only view takes the event out of it.
        app.update(Action::OnlyMarked);
        app.update(Action::ToggleMark);
        assert_eq!((app.marks.len(), app.hits.len()), (2, 2));
    }

    #[test]
    fn the_date_prompt_takes_words() {
        let mut app = app();
        app.update(Action::First);
        app.update(Action::OpenJump);
        type_text(&mut app, "today");
        app.update(Action::Accept);
        assert_eq!(app.mode, Mode::Browse);
        let e = app.selected_event().unwrap();
        assert!(e.start.to_string().starts_with("2025-05"), "{}", e.id);
        app.update(Action::OpenJump);
        type_text(&mut app, "feb 2025");
        app.update(Action::Accept);
        let e = app.selected_event().unwrap();
        assert!(e.start.to_string().starts_with("2025-02"), "{}", e.id);
        app.update(Action::OpenJump);
        app.update(Action::Accept);
        assert_eq!(app.mode, Mode::Browse, "an empty prompt goes to now");
        app.update(Action::OpenJump);
        type_text(&mut app, "someday");
        app.update(Action::Accept);
        assert_eq!(app.mode, Mode::Jump, "a bad date keeps the prompt open");
        assert!(app.message.as_ref().is_some_and(|m| m.error));
    }

    #[test]
    fn large_searches_run_in_slices_and_narrow_to_the_same_answer() {
        let events = crate::core::generate::events(crate::core::generate::Spec {
            events: 60_000,
            seed: 5,
        });
        let timeline = Timeline {
            title: "big".into(),
            as_of: None,
            events,
            ..Timeline::default()
        };
        let index = SearchIndex::new(&timeline.events);
        let mut app = App::new(timeline, None);
        app.update(Action::Resize(120, 40));
        app.update(Action::OpenSearch);
        for c in "mis k".chars() {
            app.update(Action::Input(c));
            while app.searching() {
                app.update(Action::SearchStep);
            }
            let mut fresh = index.search(&app.timeline.events, &app.query);
            crate::core::search::hide_weaker(&mut fresh);
            assert_eq!(app.hits, fresh, "after typing {:?}", app.query_text);
        }
        // Typing while a slice is pending restarts from the new text, and still agrees.
        app.update(Action::ClearInput);
        app.update(Action::Input('x'));
        app.update(Action::Input('i'));
        while app.searching() {
            app.update(Action::SearchStep);
        }
        let mut fresh = index.search(&app.timeline.events, &app.query);
        crate::core::search::hide_weaker(&mut fresh);
        assert_eq!(app.hits, fresh);
    }

    #[test]
    fn a_huge_result_set_is_ranked_between_frames_best_screenful_first() {
        let events = crate::core::generate::events(crate::core::generate::Spec {
            events: 60_000,
            seed: 6,
        });
        let as_of = Date::parse("2025-05-28").ok();
        let timeline = Timeline {
            title: "big".into(),
            as_of,
            events,
            ..Timeline::default()
        };
        let index = SearchIndex::new(&timeline.events);
        let mut app = App::new(timeline, None);
        app.update(Action::Resize(120, 40));
        app.update(Action::SetQuery("an".into()));
        let mut saw_top = None;
        while app.searching() {
            app.update(Action::SearchStep);
            if app.ranking.is_some() && app.hits.len() == RANK_TOP {
                saw_top = Some(app.hits.clone());
                assert_eq!(app.rows.len(), RANK_TOP, "rows follow the hits shown");
            }
        }
        let expected = index.top_near(
            &app.timeline.events,
            &app.query,
            usize::MAX,
            as_of.as_ref(),
            false,
        );
        assert!(
            app.hits.len() + app.weaker.len() > SYNC_RANK_LIMIT,
            "a huge result set"
        );
        assert_eq!(app.hits, expected.hits);
        assert_eq!(app.weaker.len(), expected.hidden);
        let top = saw_top.expect("the best screenful came first");
        assert_eq!(top[..], app.hits[..RANK_TOP]);
        assert_eq!(app.selected, 0);
        assert_eq!(
            app.rows.len(),
            app.hits.len() + usize::from(!app.weaker.is_empty())
        );
        // What the ranking thread made besides the order: each event's place in the list, the
        // held-back ones out of view, and the positions the next keystroke narrows.
        for (i, h) in app.hits.iter().enumerate() {
            assert_eq!(app.hit_of[h.index as usize], i as u32);
        }
        assert!(
            app.weaker
                .iter()
                .all(|h| app.hit_of[h.index as usize] == Filter::NONE)
        );
        let (_, positions) = app.completed.as_ref().expect("the next search can narrow");
        assert_eq!(positions.len(), app.hits.len() + app.weaker.len());
        assert!(positions.is_sorted());
    }

    #[test]
    fn a_name_outranks_its_letters_scattered_and_weak_matches_wait_behind_a_count() {
        let mut app = app();
        app.update(Action::SetQuery("misri".into()));
        let named =
            |e: &Event| e.title.contains("Misri") || e.actors.iter().any(|a| a.contains("Misri"));
        assert!(!app.hits.is_empty());
        assert!(
            (0..app.hits.len()).all(|i| named(app.event(i).unwrap())),
            "only Misri's events"
        );
        let hidden = app.weaker.len();
        assert!(hidden > 0, "'Minister … visits' is held back");
        assert_eq!(app.rows.last(), Some(&Row::Weaker(hidden)));
        app.update(Action::Accept);
        app.update(Action::ShowWeaker);
        assert!(app.weaker.is_empty());
        assert!(!app.rows.iter().any(|r| matches!(r, Row::Weaker(_))));
        assert!(
            app.event(app.hits.len() - 1)
                .is_some_and(|e| !e.title.contains("Misri")),
            "the weak ones come last"
        );
        // `tar` is the start of "tariff", not the letters inside "Secretary".
        app.update(Action::SetQuery("tar".into()));
        assert!((0..app.hits.len()).all(|i| {
            let e = app.event(i).unwrap();
            e.title.to_lowercase().contains("tari") || e.tags.iter().any(|t| t.starts_with("tar"))
        }));
    }

    #[test]
    fn mouse_clicks_select_and_focus_and_the_wheel_scrolls() {
        let mut app = app();
        let list = app.areas().unwrap().list_inner();
        // Rows 0 and 1 are the "2025" and "February" headings; row 3 is the second event.
        app.update(Action::Click {
            column: list.x + 3,
            row: list.y + 3,
        });
        assert_eq!(app.selected, 1);
        app.update(Action::Click {
            column: list.x + 3,
            row: list.y,
        });
        assert_eq!(app.selected, 1, "a heading is not an event");
        app.update(Action::ScrollDown {
            column: list.x + 3,
            row: list.y + 3,
        });
        assert_eq!(app.selected, 2);
        let detail = app.areas().unwrap().detail_inner();
        app.update(Action::Click {
            column: detail.x + 1,
            row: detail.y + 1,
        });
        assert_eq!(app.focus, Focus::Detail);
        app.update(Action::Resize(40, 12));
        app.update(Action::ScrollDown {
            column: 1,
            row: app.areas().unwrap().detail_inner().y,
        });
        assert!(
            app.detail_scroll > 0,
            "the wheel over the detail scrolls it"
        );
    }

    #[test]
    fn selection_is_clamped() {
        let mut app = app();
        for _ in 0..100 {
            app.update(Action::Down);
        }
        assert_eq!(app.selected, app.hits.len() - 1);
        app.update(Action::PageUp);
        app.update(Action::PageUp);
        app.update(Action::First);
        assert_eq!(app.selected, 0);
        app.update(Action::Up);
        assert_eq!(app.selected, 0);
        app.update(Action::OpenSearch);
        type_text(&mut app, "zzzzqqq");
        assert!(app.hits.is_empty());
        app.update(Action::Down);
        assert_eq!(app.selected, 0);
        assert!(app.selected_event().is_none());
    }

    #[test]
    fn month_and_year_steps() {
        let mut app = app();
        app.update(Action::First);
        app.update(Action::NextMonth);
        assert_eq!(
            app.selected_event().unwrap().start.to_string(),
            "2025-04-02"
        );
        app.update(Action::NextMonth);
        assert_eq!(
            app.selected_event().unwrap().start.to_string(),
            "2025-05-17"
        );
        app.update(Action::PrevMonth);
        assert_eq!(&*app.selected_event().unwrap().id, "tariff-announced");
        app.update(Action::NextYear);
        assert_eq!(
            app.message.as_ref().unwrap().text,
            "Already at the last period"
        );
    }

    #[test]
    fn date_jump() {
        let mut app = app();
        app.update(Action::OpenJump);
        type_text(&mut app, "2025-05-28");
        app.update(Action::Accept);
        assert_eq!(app.mode, Mode::Browse);
        assert_eq!(&*app.selected_event().unwrap().id, "misri-visit");
        app.update(Action::OpenJump);
        type_text(&mut app, "2025-02-30");
        app.update(Action::Accept);
        assert_eq!(app.mode, Mode::Jump, "a bad date keeps the prompt open");
        assert!(app.message.as_ref().unwrap().error);
        app.update(Action::Cancel);
        assert_eq!(app.mode, Mode::Browse);
    }

    fn select_id(app: &mut App, id: &str) {
        app.update(Action::First);
        while app.selected_event().is_some_and(|e| &*e.id != id) {
            let before = app.selected;
            app.update(Action::Down);
            assert_ne!(before, app.selected, "{id} is listed");
        }
    }

    #[test]
    fn copying_asks_the_runtime_and_says_what_became_of_it() {
        let mut app = app();
        select_id(&mut app, "misri-visit");
        let Effect::Copy(clip) = app.update(Action::CopyCitation) else {
            panic!("copying is an effect")
        };
        assert!(clip.text.starts_with("27–29 May 2025 — Foreign Secretary"));
        assert!(clip.what.ends_with("as plain text"), "{}", clip.what);
        let Effect::Copy(md) = app.update(Action::CopyMarkdown) else {
            panic!("copying is an effect")
        };
        assert!(md.text.starts_with("**27–29 May 2025**"));
        app.update(Action::Copied(CopyReport {
            what: clip.what.clone(),
            terminal: Ok(()),
            system: Err("no display".into()),
        }));
        let message = app.message.clone().unwrap();
        assert!(!message.error);
        assert!(message.text.contains("via OSC 52 (no system clipboard)"));
        app.update(Action::Copied(CopyReport {
            what: clip.what,
            terminal: Err("closed".into()),
            system: Err("no display".into()),
        }));
        assert!(
            app.message.as_ref().unwrap().error,
            "nothing copied is an error"
        );
    }

    #[test]
    fn opening_one_source_opens_it_and_several_ask_which() {
        let mut app = app();
        select_id(&mut app, "modi-visit");
        // Its sources: two that cite the seed file only, then three with links.
        assert_eq!(app.update(Action::OpenSource), Effect::None);
        assert_eq!(app.mode, Mode::Open);
        let numbers: Vec<usize> = app.open_choices.iter().map(|(n, _)| *n).collect();
        assert_eq!(numbers, [1, 2, 3, 4, 5]);
        assert!(
            app.message
                .as_ref()
                .unwrap()
                .text
                .starts_with("Open which source?")
        );
        assert_eq!(app.update(Action::Input('9')), Effect::None, "not a choice");
        assert_eq!(app.mode, Mode::Open);
        let effect = app.update(Action::Input('5'));
        assert_eq!(
            effect,
            Effect::Open(Target::Url(
                "https://www.lokmattimes.com/international/pm-modis-feb-12-13-us-visit-valuable-opportunity-to-engage-trump-administration-on-all-areas-of-mutual-interest/".into()
            ))
        );
        assert_eq!(app.mode, Mode::Browse);
        app.update(Action::OpenSource);
        app.update(Action::Cancel);
        assert_eq!(app.mode, Mode::Browse);
        assert!(!app.should_quit, "Esc leaves the question, not the browser");
        app.update(Action::Opened(Err("no program".into())));
        assert!(app.message.as_ref().unwrap().error);
    }

    #[test]
    fn a_place_is_restored_and_given_back() {
        let mut app = app();
        app.update(Action::Notify("Starting fresh".into()));
        app.update(Action::Restore(Place {
            selected: Some("tariff-pause-ends".into()),
            filter: "tag:trade".into(),
            marks: vec!["misri-visit".into()],
        }));
        assert_eq!(&*app.selected_event().unwrap().id, "tariff-pause-ends");
        assert!(app.filtered());
        assert_eq!(app.marks.iter().collect::<Vec<_>>(), ["misri-visit"]);
        assert_eq!(
            app.message.as_ref().unwrap().text,
            "Starting fresh",
            "restoring keeps the notice"
        );
        assert_eq!(
            app.place(),
            Place {
                selected: Some("tariff-pause-ends".into()),
                filter: "tag:trade".into(),
                marks: vec!["misri-visit".into()],
            }
        );
        // An event that is gone leaves the selection at the top of the filtered list.
        let mut app = super::tests::app();
        app.update(Action::Restore(Place {
            selected: Some("no-such-event".into()),
            filter: String::new(),
            marks: Vec::new(),
        }));
        assert_eq!(app.selected, 0);
    }

    #[test]
    fn selection_stays_visible_in_a_short_list() {
        let mut app = app();
        app.update(Action::Resize(60, 12));
        let height = app.areas().unwrap().list_inner().height as usize;
        for _ in 0..app.hits.len() {
            app.update(Action::Down);
            let row = app.selected_row().unwrap();
            assert!(row >= app.list_offset && row < app.list_offset + height);
        }
        for _ in 0..app.hits.len() {
            app.update(Action::Up);
            let row = app.selected_row().unwrap();
            assert!(row >= app.list_offset && row < app.list_offset + height);
        }
        let first = app.selected_row().unwrap();
        assert_eq!(
            app.list_offset,
            first.saturating_sub(height - 1),
            "headers above the first event come back into view, as many as fit"
        );
    }
}
