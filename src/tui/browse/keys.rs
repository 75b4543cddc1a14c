//! Keyboard and mouse bindings: terminal events to [`Action`]s, depending on the mode.
//!
//! The help overlay and the footer read [`HELP`], so the documentation of a key lives next to it.

use crossterm::event::{Event, KeyCode, KeyEvent, KeyEventKind, KeyModifiers, MouseEventKind};

use crate::tui::browse::action::{Action, Mode};

/// Key help, in groups, as shown by `?`.
pub const HELP: &[(&str, &[(&str, &str)])] = &[
    (
        "Move",
        &[
            ("j k ↓ ↑", "next / previous event"),
            ("PgDn PgUp", "page down / up"),
            ("g G Home End", "first / last event"),
            ("] [", "next / previous month"),
            ("} {", "next / previous year"),
            ("t", "jump to a date (YYYY, YYYY-MM, YYYY-MM-DD)"),
            ("mouse", "click selects, wheel scrolls"),
        ],
    ),
    (
        "Detail",
        &[
            ("Tab", "switch focus between list and detail"),
            ("J K  Shift+↓ ↑", "scroll the detail pane"),
        ],
    ),
    (
        "Search",
        &[
            ("/", "search; results update as you type"),
            ("Enter", "keep the filter and return to the list"),
            ("Esc", "clear the search"),
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
    ),
    (
        "Present",
        &[
            ("p", "present the current view, one event per screen"),
            ("e", "write the current view as a Markdown briefing note"),
            ("Space → l", "next slide"),
            ("← h", "previous slide"),
            ("Home End", "first / last slide"),
            ("Esc", "back to the browser, on the same event"),
        ],
    ),
    (
        "Other",
        &[
            ("?", "this help (j/k scroll it, any other key closes it)"),
            ("Esc", "clear an active filter, else quit"),
            ("Ctrl-Z", "suspend (fg resumes)"),
            ("q  Ctrl-C", "quit"),
        ],
    ),
];

/// The action for a terminal event in the given mode, if it means anything there.
pub fn action(event: &Event, mode: Mode) -> Option<Action> {
    match event {
        Event::Key(key) if key.kind != KeyEventKind::Release => key_action(key, mode),
        Event::Mouse(m) => match m.kind {
            MouseEventKind::Down(_) => Some(Action::Click {
                column: m.column,
                row: m.row,
            }),
            MouseEventKind::ScrollUp => Some(Action::ScrollUp {
                column: m.column,
                row: m.row,
            }),
            MouseEventKind::ScrollDown => Some(Action::ScrollDown {
                column: m.column,
                row: m.row,
            }),
            _ => None,
        },
        Event::Resize(w, h) => Some(Action::Resize(*w, *h)),
        _ => None,
    }
}

fn key_action(key: &KeyEvent, mode: Mode) -> Option<Action> {
    let ctrl = key.modifiers.contains(KeyModifiers::CONTROL);
    let shift = key.modifiers.contains(KeyModifiers::SHIFT);
    if ctrl && matches!(key.code, KeyCode::Char('c')) {
        return Some(Action::Quit);
    }
    if ctrl && matches!(key.code, KeyCode::Char('z')) {
        return Some(Action::Suspend);
    }
    match mode {
        Mode::Help => Some(match key.code {
            KeyCode::Char('j') | KeyCode::Down => Action::Down,
            KeyCode::Char('k') | KeyCode::Up => Action::Up,
            KeyCode::PageDown | KeyCode::Char(' ') => Action::PageDown,
            KeyCode::PageUp => Action::PageUp,
            _ => Action::ToggleHelp,
        }),
        Mode::Confirm => match key.code {
            KeyCode::Char('y' | 'Y') => Some(Action::Accept),
            _ => Some(Action::Cancel),
        },
        Mode::Present => match key.code {
            KeyCode::Char(' ' | 'l' | 'j' | 'n')
            | KeyCode::Right
            | KeyCode::Down
            | KeyCode::PageDown => Some(Action::Down),
            KeyCode::Char('h' | 'k' | 'b')
            | KeyCode::Left
            | KeyCode::Up
            | KeyCode::PageUp
            | KeyCode::Backspace => Some(Action::Up),
            KeyCode::Char('g') | KeyCode::Home => Some(Action::First),
            KeyCode::Char('G') | KeyCode::End => Some(Action::Last),
            KeyCode::Esc | KeyCode::Char('p' | 'q') => Some(Action::Cancel),
            _ => None,
        },
        Mode::Search | Mode::Jump => match key.code {
            KeyCode::Char('u') if ctrl => Some(Action::ClearInput),
            KeyCode::Char('w') if ctrl => Some(Action::DeleteWord),
            KeyCode::Char('n') if ctrl => Some(Action::Down),
            KeyCode::Char('p') if ctrl => Some(Action::Up),
            KeyCode::Char(c) if !ctrl => Some(Action::Input(c)),
            KeyCode::Backspace => Some(Action::Backspace),
            KeyCode::Enter => Some(Action::Accept),
            KeyCode::Esc => Some(Action::Cancel),
            KeyCode::Down => Some(Action::Down),
            KeyCode::Up => Some(Action::Up),
            KeyCode::PageDown => Some(Action::PageDown),
            KeyCode::PageUp => Some(Action::PageUp),
            _ => None,
        },
        Mode::Browse => match key.code {
            KeyCode::Up if shift => Some(Action::DetailUp),
            KeyCode::Down if shift => Some(Action::DetailDown),
            KeyCode::Char('k') | KeyCode::Up => Some(Action::Up),
            KeyCode::Char('j') | KeyCode::Down => Some(Action::Down),
            KeyCode::Char('K') => Some(Action::DetailUp),
            KeyCode::Char('J') => Some(Action::DetailDown),
            KeyCode::PageUp => Some(Action::PageUp),
            KeyCode::PageDown => Some(Action::PageDown),
            KeyCode::Char('g') | KeyCode::Home => Some(Action::First),
            KeyCode::Char('G') | KeyCode::End => Some(Action::Last),
            KeyCode::Char('[') => Some(Action::PrevMonth),
            KeyCode::Char(']') => Some(Action::NextMonth),
            KeyCode::Char('{') => Some(Action::PrevYear),
            KeyCode::Char('}') => Some(Action::NextYear),
            KeyCode::Char('t') => Some(Action::OpenJump),
            KeyCode::Char('/') => Some(Action::OpenSearch),
            KeyCode::Char('?') => Some(Action::ToggleHelp),
            KeyCode::Char('p') => Some(Action::Present),
            KeyCode::Char('e') => Some(Action::Export),
            KeyCode::Tab | KeyCode::BackTab => Some(Action::ToggleFocus),
            KeyCode::Char('q') => Some(Action::Quit),
            KeyCode::Esc => Some(Action::Cancel),
            _ => None,
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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
    fn shift_arrows_scroll_the_detail() {
        let up = key(KeyCode::Up, KeyModifiers::SHIFT);
        assert_eq!(action(&up, Mode::Browse), Some(Action::DetailUp));
        let j = key(KeyCode::Char('J'), KeyModifiers::SHIFT);
        assert_eq!(action(&j, Mode::Browse), Some(Action::DetailDown));
    }
}
