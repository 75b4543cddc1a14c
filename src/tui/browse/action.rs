//! The browser's vocabulary: every action a key, click or resize can become, and the modes that
//! decide what a key means. Shared by the key table and the state, so neither imports the other.

use crate::core::model::Timeline;
use crate::formats::diagnostics::LoadError;
use crate::store::state::Place;

/// Everything the user can do.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Action {
    Up,
    Down,
    PageUp,
    PageDown,
    First,
    Last,
    PrevMonth,
    NextMonth,
    PrevYear,
    NextYear,
    ToggleFocus,
    DetailUp,
    DetailDown,
    DetailPageUp,
    DetailPageDown,
    OpenSearch,
    OpenJump,
    /// Text typed into the search line or the date prompt.
    Input(char),
    Backspace,
    /// Ctrl-U: clear the input line.
    ClearInput,
    /// Ctrl-W: delete the word before the cursor.
    DeleteWord,
    /// Enter in the search line or the date prompt.
    Accept,
    /// Esc: leave the search line (clearing it), the prompt, the help, or clear an active filter.
    Cancel,
    /// `n`: back to the event at the as-of date.
    Now,
    /// `w`: show the weak matches a ranked search held back.
    ShowWeaker,
    /// `m`: mark or unmark the selected event.
    ToggleMark,
    /// `M`: show only the marked events, or all again.
    OnlyMarked,
    /// `c`: the chart instead of the list, or back, on the same event.
    ToggleChart,
    /// `+` / `-`: the chart twice as close or as wide, around the selected event.
    ZoomIn,
    ZoomOut,
    /// `h` / `l`: the chart a quarter of a screen back or forward in time.
    PanBack,
    PanForward,
    /// `0`: the chart fitted to the whole timeline.
    FitAll,
    /// `f`: the chart fitted to the events the filter keeps.
    FitFilter,
    /// `L`: the chart's lanes by group, kind or actor, in turn.
    CycleLanes,
    ToggleHelp,
    /// `p`: present the current view, starting at the selected event.
    Present,
    /// Replace the search with this query (as `bilateral present --query` does).
    SetQuery(String),
    Click {
        column: u16,
        row: u16,
    },
    ScrollUp {
        column: u16,
        row: u16,
    },
    ScrollDown {
        column: u16,
        row: u16,
    },
    Resize(u16, u16),
    /// Ctrl-Z: ask the terminal runtime to suspend the program.
    Suspend,
    /// Back from a suspension, at the terminal's current size.
    Resumed(u16, u16),
    /// Continue a running search for one slice of time (sent while no key is waiting).
    SearchStep,
    /// `e`: write the current view as a Markdown briefing note.
    Export,
    /// What became of the export the runtime wrote.
    Exported(ExportOutcome),
    /// The watched files changed and were loaded again, or failed to load.
    Reloaded(Box<Result<Timeline, LoadError>>),
    /// `y`: copy the selected event's citation as plain text.
    CopyCitation,
    /// `Y`: copy it as Markdown.
    CopyMarkdown,
    /// What became of a copy, as the runtime reports it.
    Copied(CopyReport),
    /// `o`: open a source of the selected event (asking which when there are several).
    OpenSource,
    /// What became of opening a source, as the runtime reports it.
    Opened(Result<String, String>),
    /// Return to a remembered place: its filter, its selected event and its marks.
    Restore(Place),
    /// A message for the prompt line from outside the state (a remembered place was unreadable).
    Notify(String),
    Quit,
}

/// What has the keyboard.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    /// Browsing the list.
    Browse,
    /// Browsing the chart: the list's keys, and the chart's own.
    Chart,
    Search,
    Jump,
    Help,
    /// One event per screen, for a projector; the slides are the current view.
    Present,
    /// A yes/no question on the prompt line (overwrite the briefing file?).
    Confirm,
    /// Which of the selected event's sources to open: a digit picks one.
    Open,
}

/// What became of a copy, reported back by the runtime.
pub use crate::tui::runtime::CopyReport;
/// The result of writing a briefing note, reported back by the runtime.
pub use crate::tui::runtime::ExportOutcome;
