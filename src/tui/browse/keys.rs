//! The browser's key table: terminal events to [`Action`]s, depending on the mode.
//!
//! The lookup, the `?` help and the footer are all built from [`KEYS`], so the documentation of a
//! key lives next to it and the three cannot disagree.

use crossterm::event::{Event, KeyCode};

use crate::tui::browse::action::{Action, Mode};
use crate::tui::keymap::{self, Binding, Bound, Chord, code, ctrl, help, hint, key};

/// Every mode: for bindings that mean the same everywhere.
const ALL: &[Mode] = &[
    Mode::Browse,
    Mode::Chart,
    Mode::Search,
    Mode::Jump,
    Mode::Help,
    Mode::Present,
    Mode::Confirm,
    Mode::Open,
];
/// Browsing, in the list or in the chart: most keys mean the same in both.
const BROWSE: &[Mode] = &[Mode::Browse, Mode::Chart];
/// The modes whose keys are commands rather than typed text: where the configuration rebinds.
pub const COMMANDS: &[Mode] = BROWSE;
const LIST: &[Mode] = &[Mode::Browse];
const CHART: &[Mode] = &[Mode::Chart];
const SEARCH: &[Mode] = &[Mode::Search];
const JUMP: &[Mode] = &[Mode::Jump];
const TYPING: &[Mode] = &[Mode::Search, Mode::Jump];
const HELPING: &[Mode] = &[Mode::Help];
const PRESENT: &[Mode] = &[Mode::Present];
const CONFIRM: &[Mode] = &[Mode::Confirm];
const OPEN: &[Mode] = &[Mode::Open];

type Row = Binding<Action, Mode>;

const TEXT: (Chord, Bound<Action>) = (Chord::Text, Bound::Typed(Action::Input));

fn click(column: u16, row: u16) -> Action {
    Action::Click { column, row }
}

fn wheel_up(column: u16, row: u16) -> Action {
    Action::ScrollUp { column, row }
}

fn wheel_down(column: u16, row: u16) -> Action {
    Action::ScrollDown { column, row }
}

/// The browser's keys: what each chord does in each mode, its line in the `?` help (in help
/// order) and its footer hint. Which binding wins does not depend on the order here: a chord with
/// a modifier beats the bare key, the bare key beats typed text, and "any key" comes last.
pub const KEYS: &[Row] = &[
    // Move
    Row {
        modes: BROWSE,
        chords: &[
            key('j', Action::Down),
            code(KeyCode::Down, Action::Down),
            key('k', Action::Up),
            code(KeyCode::Up, Action::Up),
        ],
        help: help("Move", "j k ↓ ↑", "next / previous event"),
        footer: hint(0, "j/k", "move"),
    },
    Row {
        modes: LIST,
        chords: &[
            code(KeyCode::PageDown, Action::PageDown),
            code(KeyCode::PageUp, Action::PageUp),
        ],
        help: help("Move", "PgDn PgUp", "page down / up"),
        footer: None,
    },
    Row {
        modes: BROWSE,
        chords: &[
            key('g', Action::First),
            code(KeyCode::Home, Action::First),
            key('G', Action::Last),
            code(KeyCode::End, Action::Last),
        ],
        help: help(
            "Move",
            "g G Home End",
            "first / last event (top / end of the detail when it has focus)",
        ),
        footer: None,
    },
    Row {
        modes: BROWSE,
        chords: &[key(']', Action::NextMonth), key('[', Action::PrevMonth)],
        help: help("Move", "] [", "next / previous month"),
        footer: hint(3, "[ ]", "month"),
    },
    Row {
        modes: BROWSE,
        chords: &[key('}', Action::NextYear), key('{', Action::PrevYear)],
        help: help("Move", "} {", "next / previous year"),
        footer: None,
    },
    Row {
        modes: BROWSE,
        chords: &[key('n', Action::Now)],
        help: help("Move", "n", "back to now: the event at the as-of date"),
        footer: hint(2, "n", "now"),
    },
    Row {
        modes: LIST,
        chords: &[key('t', Action::OpenJump)],
        help: help(
            "Move",
            "t",
            "jump to a date: today, may, may 2025, 1998, 2025-05-28",
        ),
        footer: hint(2, "t", "date"),
    },
    Row {
        modes: ALL,
        chords: &[
            (Chord::Click, Bound::At(click)),
            (Chord::WheelUp, Bound::At(wheel_up)),
            (Chord::WheelDown, Bound::At(wheel_down)),
        ],
        help: help(
            "Move",
            "mouse",
            "click selects; wheel scrolls (zooms the chart)",
        ),
        footer: None,
    },
    // The chart
    Row {
        modes: LIST,
        chords: &[key('c', Action::ToggleChart)],
        help: help("Chart", "c", "the chart: events on a time axis, in lanes"),
        footer: hint(1, "c", "chart"),
    },
    Row {
        modes: CHART,
        chords: &[key('c', Action::ToggleChart)],
        help: None,
        footer: hint(1, "c", "list"),
    },
    Row {
        modes: CHART,
        chords: &[
            key('+', Action::ZoomIn),
            key('=', Action::ZoomIn),
            key('-', Action::ZoomOut),
            key('_', Action::ZoomOut),
        ],
        help: help("Chart", "+ -", "zoom in / out around the selected event"),
        footer: hint(1, "+/-", "zoom"),
    },
    Row {
        modes: CHART,
        chords: &[
            key('h', Action::PanBack),
            code(KeyCode::Left, Action::PanBack),
            key('l', Action::PanForward),
            code(KeyCode::Right, Action::PanForward),
            code(KeyCode::PageUp, Action::PageUp),
            code(KeyCode::PageDown, Action::PageDown),
        ],
        help: help(
            "Chart",
            "h l ← →  PgUp PgDn",
            "pan a quarter screen / a whole screen",
        ),
        footer: hint(1, "h/l", "pan"),
    },
    Row {
        modes: CHART,
        chords: &[key('0', Action::FitAll), key('f', Action::FitFilter)],
        help: help("Chart", "0  f", "fit everything / what the filter keeps"),
        footer: hint(1, "0/f", "fit"),
    },
    Row {
        modes: CHART,
        chords: &[key('t', Action::OpenJump)],
        help: help("Chart", "t", "show a year, month or a day's week: may 2025"),
        footer: hint(2, "t", "date"),
    },
    Row {
        modes: CHART,
        chords: &[key('L', Action::CycleLanes)],
        help: help("Chart", "L", "lanes by group, kind or actor, in turn"),
        footer: hint(1, "L", "lanes"),
    },
    // Detail
    Row {
        modes: BROWSE,
        chords: &[
            code(KeyCode::Tab, Action::ToggleFocus),
            code(KeyCode::BackTab, Action::ToggleFocus),
        ],
        help: help("Detail", "Tab", "switch focus between list and detail"),
        footer: hint(4, "Tab", "detail"),
    },
    Row {
        modes: BROWSE,
        chords: &[
            key('J', Action::DetailDown),
            key('K', Action::DetailUp),
            (Chord::Shift(KeyCode::Down), Bound::Do(Action::DetailDown)),
            (Chord::Shift(KeyCode::Up), Bound::Do(Action::DetailUp)),
        ],
        help: help("Detail", "J K  Shift+↓ ↑", "scroll the detail pane"),
        footer: None,
    },
    // Sources
    Row {
        modes: BROWSE,
        chords: &[key('y', Action::CopyCitation)],
        help: help(
            "Sources",
            "y",
            "copy the citation: date, title, quotes, sources and links",
        ),
        footer: None,
    },
    Row {
        modes: BROWSE,
        chords: &[key('Y', Action::CopyMarkdown)],
        help: help("Sources", "Y", "copy the citation as Markdown"),
        footer: None,
    },
    Row {
        modes: BROWSE,
        chords: &[key('o', Action::OpenSource)],
        help: help(
            "Sources",
            "o",
            "open a source's link or file (asks which when there are several)",
        ),
        footer: None,
    },
    // Search
    Row {
        modes: BROWSE,
        chords: &[key('/', Action::OpenSearch)],
        help: help("Search", "/", "search; results update as you type"),
        footer: hint(1, "/", "search"),
    },
    Row {
        modes: BROWSE,
        chords: &[key('w', Action::ShowWeaker)],
        help: help(
            "Search",
            "w",
            "show the weaker matches (scattered letters) a search held back",
        ),
        footer: None,
    },
    Row {
        modes: SEARCH,
        chords: &[code(KeyCode::Enter, Action::Accept)],
        help: help("Search", "Enter", "keep the filter and return to the list"),
        footer: hint(2, "Enter", "keep"),
    },
    Row {
        modes: SEARCH,
        chords: &[code(KeyCode::Esc, Action::Cancel)],
        help: help("Search", "Esc", "clear the search"),
        footer: hint(3, "Esc", "clear"),
    },
    Row {
        modes: SEARCH,
        chords: &[TEXT],
        help: None,
        footer: hint(0, "type", "filter"),
    },
    Row {
        modes: SEARCH,
        chords: &[
            code(KeyCode::Down, Action::Down),
            code(KeyCode::Up, Action::Up),
        ],
        help: None,
        footer: hint(1, "↑↓", "move"),
    },
    Row {
        modes: SEARCH,
        chords: &[ctrl('u', Action::ClearInput)],
        help: None,
        footer: hint(4, "^U", "erase"),
    },
    // The date prompt: the same editing keys, its own footer.
    Row {
        modes: JUMP,
        chords: &[code(KeyCode::Enter, Action::Accept)],
        help: None,
        footer: hint(0, "Enter", "jump"),
    },
    Row {
        modes: JUMP,
        chords: &[code(KeyCode::Esc, Action::Cancel)],
        help: None,
        footer: hint(1, "Esc", "cancel"),
    },
    Row {
        modes: JUMP,
        chords: &[
            TEXT,
            code(KeyCode::Down, Action::Down),
            code(KeyCode::Up, Action::Up),
            ctrl('u', Action::ClearInput),
        ],
        help: None,
        footer: None,
    },
    Row {
        modes: TYPING,
        chords: &[
            ctrl('w', Action::DeleteWord),
            ctrl('n', Action::Down),
            ctrl('p', Action::Up),
            code(KeyCode::Backspace, Action::Backspace),
            code(KeyCode::PageDown, Action::PageDown),
            code(KeyCode::PageUp, Action::PageUp),
        ],
        help: None,
        footer: None,
    },
    // Present
    Row {
        modes: BROWSE,
        chords: &[key('p', Action::Present)],
        help: help(
            "Present",
            "p",
            "present the current view, one event per screen",
        ),
        footer: hint(5, "p", "present"),
    },
    Row {
        modes: BROWSE,
        chords: &[key('m', Action::ToggleMark)],
        help: help(
            "Present",
            "m",
            "mark or unmark the event, for a meeting's handful (✓)",
        ),
        footer: None,
    },
    Row {
        modes: BROWSE,
        chords: &[key('M', Action::OnlyMarked)],
        help: help(
            "Present",
            "M",
            "show only the marked events (then p presents them, e writes them)",
        ),
        footer: None,
    },
    Row {
        modes: BROWSE,
        chords: &[key('e', Action::Export)],
        help: help(
            "Present",
            "e",
            "write the current view as a Markdown briefing note",
        ),
        footer: hint(5, "e", "note"),
    },
    Row {
        modes: PRESENT,
        chords: &[
            key(' ', Action::Down),
            key('l', Action::Down),
            key('j', Action::Down),
            key('n', Action::Down),
            code(KeyCode::Right, Action::Down),
            code(KeyCode::Down, Action::Down),
            code(KeyCode::PageDown, Action::Down),
        ],
        help: help("Present", "Space → l", "next slide"),
        footer: hint(0, "Space →", "next"),
    },
    Row {
        modes: PRESENT,
        chords: &[
            key('h', Action::Up),
            key('k', Action::Up),
            key('b', Action::Up),
            code(KeyCode::Left, Action::Up),
            code(KeyCode::Up, Action::Up),
            code(KeyCode::PageUp, Action::Up),
            code(KeyCode::Backspace, Action::Up),
        ],
        help: help("Present", "← h", "previous slide"),
        footer: hint(1, "←", "previous"),
    },
    Row {
        modes: PRESENT,
        chords: &[
            key('g', Action::First),
            code(KeyCode::Home, Action::First),
            key('G', Action::Last),
            code(KeyCode::End, Action::Last),
        ],
        help: help("Present", "Home End", "first / last slide"),
        footer: None,
    },
    Row {
        modes: PRESENT,
        chords: &[
            code(KeyCode::Esc, Action::Cancel),
            key('p', Action::Cancel),
            key('q', Action::Cancel),
        ],
        help: help("Present", "Esc", "back to the browser, on the same event"),
        footer: hint(2, "Esc", "back"),
    },
    // Other
    Row {
        modes: BROWSE,
        chords: &[key('?', Action::ToggleHelp)],
        help: help(
            "Other",
            "?",
            "this help (j/k scroll it, any other key closes it)",
        ),
        footer: hint(6, "?", "help"),
    },
    Row {
        modes: BROWSE,
        chords: &[code(KeyCode::Esc, Action::Cancel)],
        help: help(
            "Other",
            "Esc",
            "back out: filter, detail, chart; never quits",
        ),
        footer: None,
    },
    Row {
        modes: ALL,
        chords: &[ctrl('z', Action::Suspend)],
        help: help("Other", "Ctrl-Z", "suspend (fg resumes)"),
        footer: None,
    },
    Row {
        modes: BROWSE,
        chords: &[key('q', Action::Quit)],
        help: help("Other", "q", "quit"),
        footer: hint(7, "q", "quit"),
    },
    Row {
        modes: ALL,
        chords: &[ctrl('c', Action::Quit)],
        help: help("Other", "Ctrl-C", "quit, whatever is open"),
        footer: None,
    },
    // The help overlay
    Row {
        modes: HELPING,
        chords: &[
            key('j', Action::Down),
            code(KeyCode::Down, Action::Down),
            key('k', Action::Up),
            code(KeyCode::Up, Action::Up),
        ],
        help: None,
        footer: hint(0, "j/k", "scroll"),
    },
    Row {
        modes: HELPING,
        chords: &[
            code(KeyCode::PageDown, Action::PageDown),
            key(' ', Action::PageDown),
            code(KeyCode::PageUp, Action::PageUp),
        ],
        help: None,
        footer: None,
    },
    Row {
        modes: HELPING,
        chords: &[(Chord::AnyKey, Bound::Do(Action::ToggleHelp))],
        help: None,
        footer: hint(1, "any key", "close help"),
    },
    // Replace the briefing file?
    Row {
        modes: CONFIRM,
        chords: &[key('y', Action::Accept), key('Y', Action::Accept)],
        help: None,
        footer: hint(0, "y", "replace"),
    },
    Row {
        modes: CONFIRM,
        chords: &[(Chord::AnyKey, Bound::Do(Action::Cancel))],
        help: None,
        footer: hint(1, "n Esc", "keep the file"),
    },
    // Which source to open?
    Row {
        modes: OPEN,
        chords: &[TEXT],
        help: None,
        footer: hint(0, "1–9", "open that source"),
    },
    Row {
        modes: OPEN,
        chords: &[code(KeyCode::Esc, Action::Cancel)],
        help: None,
        footer: hint(1, "Esc", "cancel"),
    },
];

/// The browser's actions by the names the configuration rebinds them with (`[keys]`), each with
/// what it does. Every action bound in the list's own mode has a name here (a test checks).
pub const NAMES: &[(&str, Action, &str)] = &[
    ("down", Action::Down, "next event"),
    ("up", Action::Up, "previous event"),
    ("page-down", Action::PageDown, "page down"),
    ("page-up", Action::PageUp, "page up"),
    ("first", Action::First, "first event"),
    ("last", Action::Last, "last event"),
    ("next-month", Action::NextMonth, "next month"),
    ("prev-month", Action::PrevMonth, "previous month"),
    ("next-year", Action::NextYear, "next year"),
    ("prev-year", Action::PrevYear, "previous year"),
    ("jump", Action::OpenJump, "jump to a date"),
    ("now", Action::Now, "back to the event at the as-of date"),
    (
        "focus",
        Action::ToggleFocus,
        "switch focus between list and detail",
    ),
    ("detail-down", Action::DetailDown, "scroll the detail down"),
    ("detail-up", Action::DetailUp, "scroll the detail up"),
    (
        "copy",
        Action::CopyCitation,
        "copy the citation as plain text",
    ),
    (
        "copy-markdown",
        Action::CopyMarkdown,
        "copy the citation as Markdown",
    ),
    ("open", Action::OpenSource, "open a source's link or file"),
    ("search", Action::OpenSearch, "search"),
    (
        "weaker",
        Action::ShowWeaker,
        "show the weaker matches a search held back",
    ),
    ("mark", Action::ToggleMark, "mark or unmark the event"),
    (
        "marked-only",
        Action::OnlyMarked,
        "show only the marked events",
    ),
    ("present", Action::Present, "present the current view"),
    (
        "export",
        Action::Export,
        "write the current view as a briefing note",
    ),
    ("help", Action::ToggleHelp, "the help"),
    (
        "chart",
        Action::ToggleChart,
        "the chart instead of the list, or back",
    ),
    ("zoom-in", Action::ZoomIn, "zoom the chart in"),
    ("zoom-out", Action::ZoomOut, "zoom the chart out"),
    ("pan-back", Action::PanBack, "pan the chart back in time"),
    (
        "pan-forward",
        Action::PanForward,
        "pan the chart forward in time",
    ),
    (
        "fit-all",
        Action::FitAll,
        "fit the chart to the whole timeline",
    ),
    (
        "fit-filter",
        Action::FitFilter,
        "fit the chart to the filter",
    ),
    (
        "lanes",
        Action::CycleLanes,
        "the chart's lanes by group, kind or actor",
    ),
    ("back", Action::Cancel, "back out one level; never quits"),
    ("quit", Action::Quit, "quit"),
];

/// The browser's key table as the program starts: [`KEYS`], with the configuration's rebinding.
pub type Keymap = keymap::Keymap<Action, Mode>;

/// One rebinding as the configuration gives it: an action's name and its keys, as written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rebinding<'a> {
    pub name: &'a str,
    pub keys: Vec<&'a str>,
}

/// What is wrong with a rebinding: which one (by position in the list given), which of its keys
/// if it is about a key, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RebindProblem {
    pub entry: usize,
    pub key: Option<usize>,
    pub message: String,
}

/// [`KEYS`] with `rebindings` applied in order, or every problem with them: unknown names (with
/// the nearest known one), keys that are not keys, a key given to two actions, and keys kept
/// for every mode (Ctrl-C, Ctrl-Z).
pub fn keymap(rebindings: &[Rebinding]) -> Result<Keymap, Vec<RebindProblem>> {
    let mut map = Keymap::new(KEYS);
    let mut problems = Vec::new();
    let mut taken: Vec<(Chord, &str)> = Vec::new();
    for (entry, rebinding) in rebindings.iter().enumerate() {
        let problem = |key, message| RebindProblem {
            entry,
            key,
            message,
        };
        let Some((name, action, _)) = NAMES.iter().find(|(n, _, _)| *n == rebinding.name) else {
            let names: Vec<&str> = NAMES.iter().map(|(n, _, _)| *n).collect();
            let near = names
                .iter()
                .map(|n| (strsim::jaro_winkler(n, rebinding.name), *n))
                .filter(|(score, _)| *score > 0.8)
                .max_by(|a, b| a.0.total_cmp(&b.0))
                .map_or(String::new(), |(_, n)| format!("did you mean `{n}`? "));
            problems.push(problem(
                None,
                format!(
                    "no browser action is called `{}`; {near}the actions are: {}",
                    crate::core::sanitize::line(rebinding.name),
                    names.join(", ")
                ),
            ));
            continue;
        };
        let mut chords = Vec::new();
        for (k, text) in rebinding.keys.iter().enumerate() {
            match Chord::parse(text) {
                Err(e) => problems.push(problem(Some(k), e.to_string())),
                Ok(chord) => match taken.iter().find(|(c, _)| *c == chord) {
                    Some((_, other)) if other != name => problems.push(problem(
                        Some(k),
                        format!("`{text}` is already given to `{other}`"),
                    )),
                    Some(_) => {}
                    None => {
                        taken.push((chord, name));
                        chords.push(chord);
                    }
                },
            }
        }
        if let Err(e) = map.rebind(COMMANDS, action, &chords) {
            problems.push(problem(None, e.to_string()));
        }
    }
    if problems.is_empty() {
        Ok(map)
    } else {
        Err(problems)
    }
}

/// Lines of the help about something other than keys: the search syntax.
const NOTES: &[(&str, &[(&str, &str)])] = &[(
    "Search",
    &[
        ("word", "fuzzy match on titles, people, places, tags"),
        ("'word ^pre suf$", "exact substring, prefix, suffix"),
        ("!word", "exclude events containing word"),
        ("a | b", "either a or b"),
        (
            "tag: actor: place:",
            "filter a field: tag:trade actor:goyal",
        ),
        ("kind: status:", "kind:visit status:expected"),
        ("group:", "filter by group: group:science"),
        ("from: until:", "date range: from:2025-03 until:2025-06"),
    ],
)];

/// The `?` help, in groups: from [`KEYS`] as `map` rebinds it, and the search syntax.
pub fn help_lines(map: &Keymap) -> Vec<(&str, keymap::HelpLines<'_>)> {
    map.help_groups(NOTES)
}

/// The footer's hints in `mode`, from [`KEYS`] as `map` rebinds it.
pub fn footer(map: &Keymap, mode: Mode) -> Vec<(&str, &str)> {
    map.footer(&mode)
}

/// The action for a terminal event in the given mode, if it means anything there.
pub fn action(map: &Keymap, event: &Event, mode: Mode) -> Option<Action> {
    match event {
        Event::Resize(w, h) => Some(Action::Resize(*w, *h)),
        _ => map.lookup(event, &mode),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crossterm::event::{KeyEvent, KeyModifiers};

    fn key(code: KeyCode, modifiers: KeyModifiers) -> Event {
        Event::Key(KeyEvent::new(code, modifiers))
    }

    fn char_key(c: char) -> Event {
        key(KeyCode::Char(c), KeyModifiers::NONE)
    }

    fn plain() -> Keymap {
        Keymap::new(KEYS)
    }

    #[test]
    fn letters_are_text_while_typing_and_commands_while_browsing() {
        let q = char_key('q');
        assert_eq!(action(&plain(), &q, Mode::Browse), Some(Action::Quit));
        assert_eq!(action(&plain(), &q, Mode::Search), Some(Action::Input('q')));
        assert_eq!(action(&plain(), &q, Mode::Jump), Some(Action::Input('q')));
    }

    #[test]
    fn ctrl_c_quits_everywhere() {
        let c = key(KeyCode::Char('c'), KeyModifiers::CONTROL);
        for mode in MODES {
            assert_eq!(action(&plain(), &c, mode), Some(Action::Quit));
        }
    }

    #[test]
    fn chart_keys_only_in_the_chart() {
        let l = key(KeyCode::Char('l'), KeyModifiers::NONE);
        assert_eq!(action(&plain(), &l, Mode::Chart), Some(Action::PanForward));
        assert_eq!(action(&plain(), &l, Mode::Browse), None);
        let c = key(KeyCode::Char('c'), KeyModifiers::NONE);
        assert_eq!(
            action(&plain(), &c, Mode::Browse),
            Some(Action::ToggleChart)
        );
        assert_eq!(action(&plain(), &c, Mode::Chart), Some(Action::ToggleChart));
        let plus = key(KeyCode::Char('+'), KeyModifiers::SHIFT);
        assert_eq!(action(&plain(), &plus, Mode::Chart), Some(Action::ZoomIn));
        let j = key(KeyCode::Char('j'), KeyModifiers::NONE);
        assert_eq!(action(&plain(), &j, Mode::Chart), Some(Action::Down));
    }

    #[test]
    fn shift_arrows_scroll_the_detail() {
        let up = key(KeyCode::Up, KeyModifiers::SHIFT);
        assert_eq!(action(&plain(), &up, Mode::Browse), Some(Action::DetailUp));
        let j = key(KeyCode::Char('J'), KeyModifiers::SHIFT);
        assert_eq!(action(&plain(), &j, Mode::Browse), Some(Action::DetailDown));
    }

    const MODES: [Mode; 8] = [
        Mode::Browse,
        Mode::Chart,
        Mode::Search,
        Mode::Jump,
        Mode::Help,
        Mode::Present,
        Mode::Confirm,
        Mode::Open,
    ];

    #[test]
    fn every_table_entry_is_reachable_through_lookup() {
        assert_eq!(keymap::problems(KEYS), Vec::<String>::new());
        for mode in MODES {
            assert!(
                KEYS.iter().any(|b| b.modes.contains(&mode)),
                "{mode:?} has keys"
            );
        }
    }

    #[test]
    fn the_footer_and_help_come_from_the_table() {
        let map = plain();
        for mode in MODES {
            let hints = footer(&map, mode);
            assert!(!hints.is_empty(), "{mode:?} has a footer");
            for hint in hints {
                let binding = KEYS
                    .iter()
                    .find(|b| {
                        b.modes.contains(&mode) && b.footer.is_some_and(|h| (h.key, h.what) == hint)
                    })
                    .unwrap_or_else(|| panic!("{hint:?} in {mode:?} is not in the table"));
                // The hint's own key does what the binding says.
                let (chord, _) = binding.chords[0];
                assert!(
                    keymap::lookup(KEYS, &keymap::example(chord), &mode).is_some(),
                    "{hint:?}"
                );
            }
        }
        let help = help_lines(&map);
        let from_table: Vec<(&str, &str)> = help
            .iter()
            .flat_map(|(_, lines)| lines.iter().copied())
            .filter(|line| !NOTES.iter().any(|(_, notes)| notes.contains(line)))
            .collect();
        let in_table: Vec<(&str, &str)> = KEYS
            .iter()
            .filter_map(|b| b.help.map(|h| (h.keys, h.what)))
            .collect();
        assert_eq!(
            from_table, in_table,
            "every help line but the notes is a binding's"
        );
        let groups: Vec<&str> = help.iter().map(|(g, _)| *g).collect();
        assert_eq!(
            groups,
            [
                "Move", "Chart", "Detail", "Sources", "Search", "Present", "Other"
            ]
        );
    }

    #[test]
    fn every_browsing_action_has_a_name_and_every_name_a_key() {
        for row in KEYS
            .iter()
            .filter(|r| r.modes.iter().all(|m| COMMANDS.contains(m)))
        {
            for (chord, bound) in row.chords {
                let Bound::Do(a) = bound else { continue };
                assert!(
                    NAMES.iter().any(|(_, named, _)| named == a),
                    "{chord:?} does {a:?}, which has no name"
                );
            }
        }
        for (name, a, _) in NAMES {
            assert!(
                !plain().chords_for(COMMANDS, a).is_empty(),
                "`{name}` has a key"
            );
        }
    }

    fn rebind(pairs: &[(&str, &[&str])]) -> Result<Keymap, Vec<RebindProblem>> {
        let rebindings: Vec<Rebinding> = pairs
            .iter()
            .map(|(name, keys)| Rebinding {
                name,
                keys: keys.to_vec(),
            })
            .collect();
        keymap(&rebindings)
    }

    #[test]
    fn a_rebound_key_works_and_the_help_and_footer_name_it() {
        let map = rebind(&[("search", &["s"]), ("down", &["n", "Down"])]).unwrap();
        assert_eq!(map.problems(), Vec::<String>::new());
        assert_eq!(
            action(&map, &char_key('s'), Mode::Browse),
            Some(Action::OpenSearch)
        );
        assert_eq!(action(&map, &char_key('/'), Mode::Browse), None);
        assert_eq!(
            action(&map, &char_key('n'), Mode::Browse),
            Some(Action::Down)
        );
        assert_eq!(action(&map, &char_key('j'), Mode::Browse), None, "replaced");
        assert_eq!(action(&map, &char_key('k'), Mode::Browse), Some(Action::Up));
        // Typing in the search line is untouched.
        assert_eq!(
            action(&map, &char_key('s'), Mode::Search),
            Some(Action::Input('s'))
        );
        let hints = footer(&map, Mode::Browse);
        assert!(hints.contains(&("s", "search")), "{hints:?}");
        assert!(hints.contains(&("n/k", "move")), "{hints:?}");
        let help = help_lines(&map);
        let lines: Vec<(&str, &str)> = help.iter().flat_map(|(_, l)| l.clone()).collect();
        assert!(lines.contains(&("s", "search; results update as you type")));
        assert!(
            lines.contains(&("n ↓ k ↑", "next / previous event")),
            "{lines:?}"
        );
    }

    #[test]
    fn a_key_given_to_another_action_is_taken_from_the_old_one() {
        let map = rebind(&[("copy", &["j"])]).unwrap();
        assert_eq!(
            action(&map, &char_key('j'), Mode::Browse),
            Some(Action::CopyCitation)
        );
        assert_eq!(
            action(&map, &key(KeyCode::Down, KeyModifiers::NONE), Mode::Browse),
            Some(Action::Down)
        );
        assert!(footer(&map, Mode::Browse).contains(&("↓/k", "move")));
        assert_eq!(map.problems(), Vec::<String>::new());
    }

    #[test]
    fn bad_rebindings_are_each_reported() {
        let problems = rebind(&[
            ("serch", &["s"]),
            ("copy", &["Ctrl-c"]),
            ("open", &["Hyper-x", "x"]),
            ("present", &["x"]),
        ])
        .unwrap_err();
        let messages: Vec<String> = problems.iter().map(|p| p.message.clone()).collect();
        assert_eq!(problems.len(), 4, "{messages:#?}");
        assert!(
            messages[0].contains("did you mean `search`?"),
            "{}",
            messages[0]
        );
        assert!(
            messages[1].contains("Ctrl-C is kept for"),
            "{}",
            messages[1]
        );
        assert_eq!((problems[2].entry, problems[2].key), (2, Some(0)));
        assert!(messages[2].contains("`Hyper-x` is not a key"));
        assert_eq!((problems[3].entry, problems[3].key), (3, Some(0)));
        assert!(messages[3].contains("already given to `open`"));
    }

    #[test]
    fn key_names_read_back_as_written() {
        for text in [
            "y",
            "Y",
            "?",
            "Space",
            "Down",
            "PageUp",
            "F5",
            "Ctrl-x",
            "Shift-Down",
        ] {
            let chord = Chord::parse(text).unwrap();
            assert_eq!(chord.name().as_deref(), Some(text));
        }
        assert_eq!(Chord::parse("pgdn"), Ok(Chord::Key(KeyCode::PageDown)));
        assert_eq!(Chord::parse("C-X"), Ok(Chord::Ctrl('x')));
        assert_eq!(Chord::parse("escape"), Ok(Chord::Key(KeyCode::Esc)));
        for bad in ["", "Ctrl-", "Shift-y", "F0", "\u{1b}", "two words"] {
            assert!(Chord::parse(bad).is_err(), "{bad:?}");
        }
        // Every default browser key can be written in the configuration.
        for (name, a, _) in NAMES {
            for chord in plain().chords_for(COMMANDS, a) {
                let written = chord.name().unwrap_or_else(|| panic!("{name}: {chord:?}"));
                assert_eq!(Chord::parse(&written), Ok(chord));
            }
        }
    }
}
