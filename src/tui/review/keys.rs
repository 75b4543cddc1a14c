//! The review screen's keys: terminal events to [`ReviewAction`]s, depending on the mode.

use crossterm::event::{Event, KeyCode, KeyEvent, KeyEventKind, KeyModifiers};

use crate::tui::review::state::{Mode, ReviewAction};

/// The action for a terminal event in the given mode, if it means anything there.
pub fn action(event: &Event, mode: &Mode) -> Option<ReviewAction> {
    let Event::Key(key) = event else {
        return None;
    };
    if key.kind == KeyEventKind::Release {
        return None;
    }
    key_action(key, mode)
}

fn key_action(key: &KeyEvent, mode: &Mode) -> Option<ReviewAction> {
    let ctrl = key.modifiers.contains(KeyModifiers::CONTROL);
    if ctrl && key.code == KeyCode::Char('c') {
        return Some(ReviewAction::Quit);
    }
    match mode {
        Mode::EditTitle | Mode::EditDate => match key.code {
            KeyCode::Char('u') if ctrl => Some(ReviewAction::ClearInput),
            KeyCode::Char(c) if !ctrl => Some(ReviewAction::Input(c)),
            KeyCode::Backspace => Some(ReviewAction::Backspace),
            KeyCode::Enter => Some(ReviewAction::Confirm),
            KeyCode::Esc => Some(ReviewAction::Cancel),
            _ => None,
        },
        Mode::Merge => match key.code {
            KeyCode::Char('k') | KeyCode::Up => Some(ReviewAction::Up),
            KeyCode::Char('j') | KeyCode::Down => Some(ReviewAction::Down),
            KeyCode::Enter => Some(ReviewAction::Confirm),
            KeyCode::Esc | KeyCode::Char('q') => Some(ReviewAction::Cancel),
            _ => None,
        },
        Mode::Browse => match key.code {
            KeyCode::Char('k') | KeyCode::Up => Some(ReviewAction::Up),
            KeyCode::Char('j') | KeyCode::Down => Some(ReviewAction::Down),
            KeyCode::Char('g') | KeyCode::Home => Some(ReviewAction::First),
            KeyCode::Char('G') | KeyCode::End => Some(ReviewAction::Last),
            KeyCode::Char('a') => Some(ReviewAction::Accept),
            KeyCode::Char('r') => Some(ReviewAction::Reject),
            KeyCode::Char('e') => Some(ReviewAction::EditTitle),
            KeyCode::Char('d') => Some(ReviewAction::EditDate),
            KeyCode::Char('c') => Some(ReviewAction::ToggleCirca),
            KeyCode::Char('m') => Some(ReviewAction::Merge),
            KeyCode::Char('w') => Some(ReviewAction::Write),
            KeyCode::Char('q') | KeyCode::Esc => Some(ReviewAction::Quit),
            _ => None,
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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
}
