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
];
/// Browsing, in the list or in the chart: most keys mean the same in both.
const BROWSE: &[Mode] = &[Mode::Browse, Mode::Chart];
const LIST: &[Mode] = &[Mode::Browse];
const CHART: &[Mode] = &[Mode::Chart];
const SEARCH: &[Mode] = &[Mode::Search];
const JUMP: &[Mode] = &[Mode::Jump];
const TYPING: &[Mode] = &[Mode::Search, Mode::Jump];
const HELPING: &[Mode] = &[Mode::Help];
const PRESENT: &[Mode] = &[Mode::Present];
const CONFIRM: &[Mode] = &[Mode::Confirm];

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
        help: help("Move", "g G Home End", "first / last event"),
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
    // Search
    Row {
        modes: BROWSE,
        chords: &[key('/', Action::OpenSearch)],
        help: help("Search", "/", "search; results update as you type"),
        footer: hint(1, "/", "search"),
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
        modes: ALL,
        chords: &[ctrl('c', Action::Quit)],
        help: help("Other", "q  Ctrl-C", "quit"),
        footer: None,
    },
    Row {
        modes: BROWSE,
        chords: &[key('q', Action::Quit)],
        help: None,
        footer: hint(7, "q", "quit"),
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
];

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

/// The `?` help, in groups: from [`KEYS`], and the search syntax.
pub fn help_lines() -> Vec<(&'static str, Vec<(&'static str, &'static str)>)> {
    keymap::help_groups(KEYS, NOTES)
}

/// The footer's hints in `mode`, from [`KEYS`].
pub fn footer(mode: Mode) -> Vec<(&'static str, &'static str)> {
    keymap::footer(KEYS, &mode)
}

/// The action for a terminal event in the given mode, if it means anything there.
pub fn action(event: &Event, mode: Mode) -> Option<Action> {
    match event {
        Event::Resize(w, h) => Some(Action::Resize(*w, *h)),
        _ => keymap::lookup(KEYS, event, &mode),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crossterm::event::{KeyEvent, KeyModifiers};

    fn key(code: KeyCode, modifiers: KeyModifiers) -> Event {
        Event::Key(KeyEvent::new(code, modifiers))
    }

    #[test]
    fn letters_are_text_while_typing_and_commands_while_browsing() {
        let q = key(KeyCode::Char('q'), KeyModifiers::NONE);
        assert_eq!(action(&q, Mode::Browse), Some(Action::Quit));
        assert_eq!(action(&q, Mode::Search), Some(Action::Input('q')));
        assert_eq!(action(&q, Mode::Jump), Some(Action::Input('q')));
    }

    #[test]
    fn ctrl_c_quits_everywhere() {
        let c = key(KeyCode::Char('c'), KeyModifiers::CONTROL);
        for mode in [Mode::Browse, Mode::Search, Mode::Jump, Mode::Help] {
            assert_eq!(action(&c, mode), Some(Action::Quit));
        }
    }

    #[test]
    fn chart_keys_only_in_the_chart() {
        let l = key(KeyCode::Char('l'), KeyModifiers::NONE);
        assert_eq!(action(&l, Mode::Chart), Some(Action::PanForward));
        assert_eq!(action(&l, Mode::Browse), None);
        let c = key(KeyCode::Char('c'), KeyModifiers::NONE);
        assert_eq!(action(&c, Mode::Browse), Some(Action::ToggleChart));
        assert_eq!(action(&c, Mode::Chart), Some(Action::ToggleChart));
        let plus = key(KeyCode::Char('+'), KeyModifiers::SHIFT);
        assert_eq!(action(&plus, Mode::Chart), Some(Action::ZoomIn));
        let j = key(KeyCode::Char('j'), KeyModifiers::NONE);
        assert_eq!(action(&j, Mode::Chart), Some(Action::Down));
    }

    #[test]
    fn shift_arrows_scroll_the_detail() {
        let up = key(KeyCode::Up, KeyModifiers::SHIFT);
        assert_eq!(action(&up, Mode::Browse), Some(Action::DetailUp));
        let j = key(KeyCode::Char('J'), KeyModifiers::SHIFT);
        assert_eq!(action(&j, Mode::Browse), Some(Action::DetailDown));
    }

    const MODES: [Mode; 7] = [
        Mode::Browse,
        Mode::Chart,
        Mode::Search,
        Mode::Jump,
        Mode::Help,
        Mode::Present,
        Mode::Confirm,
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
        for mode in MODES {
            let hints = footer(mode);
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
        let help = help_lines();
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
            ["Move", "Chart", "Detail", "Search", "Present", "Other"]
        );
    }
}
