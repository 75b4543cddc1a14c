//! The review screen's key table: terminal events to [`ReviewAction`]s, depending on the mode.
//!
//! The lookup, the `?` help and the footer are all built from [`KEYS`], so they cannot disagree.

use crossterm::event::{Event, KeyCode};

use crate::tui::keymap::{self, Binding, Bound, Chord, code, ctrl, help, hint, key};
use crate::tui::review::state::{Mode, ReviewAction};

const ALL: &[Mode] = &[
    Mode::Browse,
    Mode::EditTitle,
    Mode::EditDate,
    Mode::Merge,
    Mode::Help,
];
const BROWSE: &[Mode] = &[Mode::Browse];
const EDITING: &[Mode] = &[Mode::EditTitle, Mode::EditDate];
const MERGE: &[Mode] = &[Mode::Merge];
const HELPING: &[Mode] = &[Mode::Help];

type Row = Binding<ReviewAction, Mode>;

fn click(column: u16, row: u16) -> ReviewAction {
    ReviewAction::Click { column, row }
}

fn wheel_up(_: u16, _: u16) -> ReviewAction {
    ReviewAction::Scroll(-1)
}

fn wheel_down(_: u16, _: u16) -> ReviewAction {
    ReviewAction::Scroll(1)
}

/// The review screen's keys: what each chord does in each mode, its help line and its footer
/// hint. As in the browser, the most specific chord wins whatever the order here.
pub const KEYS: &[Row] = &[
    // Drafts
    Row {
        modes: BROWSE,
        chords: &[
            key('j', ReviewAction::Down),
            code(KeyCode::Down, ReviewAction::Down),
            key('k', ReviewAction::Up),
            code(KeyCode::Up, ReviewAction::Up),
        ],
        help: help("Drafts", "j k ↓ ↑", "next / previous draft"),
        footer: hint(0, "j/k", "move"),
    },
    Row {
        modes: BROWSE,
        chords: &[
            key('g', ReviewAction::First),
            code(KeyCode::Home, ReviewAction::First),
            key('G', ReviewAction::Last),
            code(KeyCode::End, ReviewAction::Last),
        ],
        help: help("Drafts", "g G Home End", "first / last draft"),
        footer: None,
    },
    Row {
        modes: BROWSE,
        chords: &[
            (Chord::Click, Bound::At(click)),
            (Chord::WheelUp, Bound::At(wheel_up)),
            (Chord::WheelDown, Bound::At(wheel_down)),
        ],
        help: help(
            "Drafts",
            "mouse",
            "click selects a draft, wheel moves through them",
        ),
        footer: None,
    },
    // Decide
    Row {
        modes: BROWSE,
        chords: &[key('a', ReviewAction::Accept)],
        help: help("Decide", "a", "accept the draft as an event"),
        footer: hint(1, "a", "accept"),
    },
    Row {
        modes: BROWSE,
        chords: &[key('r', ReviewAction::Reject)],
        help: help("Decide", "r", "reject the draft"),
        footer: hint(2, "r", "reject"),
    },
    Row {
        modes: BROWSE,
        chords: &[key('e', ReviewAction::EditTitle)],
        help: help("Decide", "e", "edit the title"),
        footer: hint(3, "e", "title"),
    },
    Row {
        modes: BROWSE,
        chords: &[key('d', ReviewAction::EditDate)],
        help: help("Decide", "d", "edit the date (START or START..END)"),
        footer: hint(4, "d", "date"),
    },
    Row {
        modes: BROWSE,
        chords: &[key('c', ReviewAction::ToggleCirca)],
        help: help("Decide", "c", "mark the date as approximate, or not"),
        footer: hint(5, "c", "circa"),
    },
    Row {
        modes: BROWSE,
        chords: &[key('m', ReviewAction::Merge)],
        help: help("Decide", "m", "merge into an overlapping event"),
        footer: hint(6, "m", "merge"),
    },
    Row {
        modes: BROWSE,
        chords: &[key('w', ReviewAction::Write)],
        help: help("Decide", "w", "write the decisions to the --into file"),
        footer: hint(7, "w", "write"),
    },
    // The title and date editors
    Row {
        modes: EDITING,
        chords: &[(Chord::Text, Bound::Typed(ReviewAction::Input))],
        help: None,
        footer: None,
    },
    Row {
        modes: EDITING,
        chords: &[code(KeyCode::Enter, ReviewAction::Confirm)],
        help: help("Edit", "Enter", "keep the edit"),
        footer: hint(0, "Enter", "confirm"),
    },
    Row {
        modes: EDITING,
        chords: &[code(KeyCode::Esc, ReviewAction::Cancel)],
        help: help("Edit", "Esc", "leave the editor without change"),
        footer: hint(1, "Esc", "cancel"),
    },
    Row {
        modes: EDITING,
        chords: &[ctrl('u', ReviewAction::ClearInput)],
        help: help("Edit", "Ctrl-U", "erase the line"),
        footer: hint(2, "^U", "erase"),
    },
    Row {
        modes: EDITING,
        chords: &[ctrl('w', ReviewAction::DeleteWord)],
        help: help("Edit", "Ctrl-W", "erase the last word"),
        footer: None,
    },
    Row {
        modes: EDITING,
        chords: &[code(KeyCode::Backspace, ReviewAction::Backspace)],
        help: None,
        footer: None,
    },
    // Choosing a merge target
    Row {
        modes: MERGE,
        chords: &[
            key('j', ReviewAction::Down),
            code(KeyCode::Down, ReviewAction::Down),
            key('k', ReviewAction::Up),
            code(KeyCode::Up, ReviewAction::Up),
        ],
        help: None,
        footer: hint(0, "j/k", "choose"),
    },
    Row {
        modes: MERGE,
        chords: &[code(KeyCode::Enter, ReviewAction::Confirm)],
        help: None,
        footer: hint(1, "Enter", "merge"),
    },
    Row {
        modes: MERGE,
        chords: &[
            code(KeyCode::Esc, ReviewAction::Cancel),
            key('q', ReviewAction::Cancel),
        ],
        help: None,
        footer: hint(2, "Esc", "cancel"),
    },
    // Other
    Row {
        modes: BROWSE,
        chords: &[
            key('q', ReviewAction::Quit),
            code(KeyCode::Esc, ReviewAction::Quit),
        ],
        help: help("Other", "q Esc", "quit (twice with unwritten decisions)"),
        footer: hint(8, "q", "quit"),
    },
    Row {
        modes: BROWSE,
        chords: &[key('?', ReviewAction::ToggleHelp)],
        help: help("Other", "?", "this help (any key closes it)"),
        footer: None,
    },
    Row {
        modes: HELPING,
        chords: &[(Chord::AnyKey, Bound::Do(ReviewAction::ToggleHelp))],
        help: None,
        footer: hint(0, "any key", "close help"),
    },
    // Everywhere
    Row {
        modes: ALL,
        chords: &[ctrl('z', ReviewAction::Suspend)],
        help: help("Other", "Ctrl-Z", "suspend (fg resumes)"),
        footer: None,
    },
    Row {
        modes: ALL,
        chords: &[ctrl('c', ReviewAction::Quit)],
        help: help("Other", "Ctrl-C", "quit (twice with unwritten decisions)"),
        footer: None,
    },
];

/// The `?` help, in groups, from [`KEYS`].
pub fn help_lines() -> Vec<(&'static str, Vec<(&'static str, &'static str)>)> {
    keymap::help_groups(KEYS, &[])
}

/// The footer's hints in `mode`, from [`KEYS`].
pub fn footer(mode: &Mode) -> Vec<(&'static str, &'static str)> {
    keymap::footer(KEYS, mode)
}

/// The action for a terminal event in the given mode, if it means anything there.
pub fn action(event: &Event, mode: &Mode) -> Option<ReviewAction> {
    match event {
        Event::Resize(w, h) => Some(ReviewAction::Resize(*w, *h)),
        _ => keymap::lookup(KEYS, event, mode),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crossterm::event::{KeyEvent, KeyModifiers};

    fn key(c: char) -> Event {
        Event::Key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE))
    }

    #[test]
    fn letters_are_commands_when_browsing_and_text_when_editing() {
        assert_eq!(action(&key('a'), &Mode::Browse), Some(ReviewAction::Accept));
        assert_eq!(action(&key('w'), &Mode::Browse), Some(ReviewAction::Write));
        assert_eq!(
            action(&key('a'), &Mode::EditTitle),
            Some(ReviewAction::Input('a'))
        );
        assert_eq!(
            action(&key('q'), &Mode::EditDate),
            Some(ReviewAction::Input('q'))
        );
        assert_eq!(action(&key('j'), &Mode::Merge), Some(ReviewAction::Down));
        let ctrl_c = Event::Key(KeyEvent::new(KeyCode::Char('c'), KeyModifiers::CONTROL));
        for mode in [Mode::Browse, Mode::EditTitle, Mode::EditDate, Mode::Merge] {
            assert_eq!(action(&ctrl_c, &mode), Some(ReviewAction::Quit));
        }
    }

    const MODES: [Mode; 5] = [
        Mode::Browse,
        Mode::EditTitle,
        Mode::EditDate,
        Mode::Merge,
        Mode::Help,
    ];

    #[test]
    fn every_table_entry_is_reachable_through_lookup() {
        assert_eq!(keymap::problems(KEYS), Vec::<String>::new());
    }

    #[test]
    fn every_footer_hint_is_a_binding_of_its_mode() {
        for mode in MODES {
            let hints = footer(&mode);
            assert!(!hints.is_empty(), "{mode:?} has a footer");
            for hint in hints {
                assert!(
                    KEYS.iter().any(|b| b.modes.contains(&mode)
                        && b.footer.is_some_and(|h| (h.key, h.what) == hint)),
                    "{hint:?} in {mode:?} is not in the table"
                );
            }
        }
    }

    #[test]
    fn the_help_lists_every_documented_binding_in_groups() {
        let help = help_lines();
        let groups: Vec<&str> = help.iter().map(|(g, _)| *g).collect();
        assert_eq!(groups, ["Drafts", "Decide", "Edit", "Other"]);
        let lines: Vec<(&str, &str)> = help.into_iter().flat_map(|(_, l)| l).collect();
        let documented: Vec<(&str, &str)> = KEYS
            .iter()
            .filter_map(|b| b.help.map(|h| (h.keys, h.what)))
            .collect();
        assert_eq!(lines.len(), documented.len());
        assert!(documented.iter().all(|d| lines.contains(d)));
    }

    #[test]
    fn ctrl_z_suspends_ctrl_w_erases_a_word_and_the_mouse_moves() {
        let ctrl = |c| Event::Key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::CONTROL));
        for mode in MODES {
            assert_eq!(action(&ctrl('z'), &mode), Some(ReviewAction::Suspend));
        }
        assert_eq!(
            action(&ctrl('w'), &Mode::EditTitle),
            Some(ReviewAction::DeleteWord)
        );
        assert_eq!(
            action(&keymap::example(Chord::Click), &Mode::Browse),
            Some(ReviewAction::Click { column: 1, row: 1 })
        );
        assert_eq!(
            action(&keymap::example(Chord::WheelDown), &Mode::Browse),
            Some(ReviewAction::Scroll(1))
        );
    }
}
