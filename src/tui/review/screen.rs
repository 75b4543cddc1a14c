//! The review screen as a [`Screen`] for the one terminal runtime: its keys (`keys`), its view
//! (`view`), and where a write goes. The state asks for a write; this turns that into the
//! runtime's [`Effect::Append`], naming the file, so the state never holds a path it could write.

use std::path::PathBuf;

use crossterm::event::Event;
use ratatui::Frame;

use crate::tui::review::keys;
use crate::tui::review::state::{self, ReviewAction, ReviewState};
use crate::tui::review::view;
use crate::tui::runtime::{Effect, News, Screen};
use crate::tui::theme::Theme;

pub struct ReviewScreen {
    pub state: ReviewState,
    /// The file accepted events go to.
    into: Option<PathBuf>,
    /// Its title, if it has to be created.
    title: String,
}

impl ReviewScreen {
    pub fn new(state: ReviewState, into: Option<PathBuf>, title: impl Into<String>) -> Self {
        ReviewScreen {
            state,
            into,
            title: title.into(),
        }
    }
}

impl Screen for ReviewScreen {
    type Msg = ReviewAction;
    const NEEDS_TERMINAL: &'static str = "the review screen needs a terminal";

    fn handle(&self, event: &Event) -> Option<ReviewAction> {
        keys::action(event, &self.state.mode)
    }

    fn update(&mut self, msg: ReviewAction) -> Effect {
        if msg == ReviewAction::Suspend {
            return Effect::Suspend;
        }
        match self.state.update(msg) {
            Some(state::Effect::Write(plan)) => Effect::Append {
                plan,
                into: self.into.clone(),
                title: self.title.clone(),
            },
            None if self.state.should_quit => Effect::Quit,
            None => Effect::None,
        }
    }

    fn draw(&self, frame: &mut Frame, theme: &Theme) {
        view::draw(frame, &self.state, theme)
    }

    fn news(&self, news: News) -> Option<ReviewAction> {
        match news {
            News::Started(w, h) | News::Resumed(w, h) => Some(ReviewAction::Resize(w, h)),
            News::Written(outcome) => Some(ReviewAction::Written(outcome)),
            News::Exported(_) | News::Copied(_) | News::Opened(_) => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::model::Date;
    use crate::tui::review::state::Mode;
    use crate::tui::runtime::WriteReport;
    use crossterm::event::{
        KeyCode, KeyEvent, KeyModifiers, MouseButton, MouseEvent, MouseEventKind,
    };

    fn screen(drafts: usize) -> ReviewScreen {
        let drafts = (0..drafts)
            .map(|i| {
                let start = Date::parse("2025-05-27").expect("a date");
                crate::core::model::Event::new(
                    format!("draft-{i}"),
                    format!("Draft number {i}"),
                    start,
                )
            })
            .collect();
        let state = ReviewState::new("d.json", Some("t.json".into()), drafts, vec![], &[]);
        ReviewScreen::new(state, Some(PathBuf::from("t.json")), "Reviewed")
    }

    /// A terminal event, as the runtime would pass it: through the key table, then `update`.
    fn send(s: &mut ReviewScreen, event: Event) -> Effect {
        let msg = s.handle(&event).expect("the event means something");
        s.update(msg)
    }

    fn ctrl(c: char) -> Event {
        Event::Key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::CONTROL))
    }

    fn mouse(kind: MouseEventKind, column: u16, row: u16) -> Event {
        Event::Mouse(MouseEvent {
            kind,
            column,
            row,
            modifiers: KeyModifiers::NONE,
        })
    }

    #[test]
    fn ctrl_z_asks_the_runtime_to_suspend_and_keeps_the_editor() {
        let mut s = screen(3);
        s.update(ReviewAction::EditTitle);
        assert_eq!(send(&mut s, ctrl('z')), Effect::Suspend);
        assert_eq!(s.state.mode, Mode::EditTitle);
        assert_eq!(s.state.input, "Draft number 0");
        // Back from the suspension, the runtime tells the size; nothing else changes.
        let resumed = s.news(News::Resumed(80, 24)).expect("the size matters");
        assert_eq!(s.update(resumed), Effect::None);
        assert_eq!(s.state.input, "Draft number 0");
    }

    #[test]
    fn ctrl_w_erases_the_last_word_in_the_editors() {
        let mut s = screen(1);
        s.update(ReviewAction::EditTitle);
        send(&mut s, ctrl('w'));
        assert_eq!(s.state.input, "Draft number ");
        send(&mut s, ctrl('w'));
        assert_eq!(s.state.input, "Draft ");
        s.update(ReviewAction::Cancel);
        s.update(ReviewAction::EditDate);
        send(&mut s, ctrl('w'));
        assert_eq!(s.state.input, "");
    }

    #[test]
    fn a_click_selects_the_draft_under_it_and_the_wheel_moves() {
        let mut s = screen(5);
        let size = s.news(News::Started(120, 40)).expect("the size matters");
        s.update(size);
        // The list's border is on row 1; drafts start on row 2.
        send(&mut s, mouse(MouseEventKind::Down(MouseButton::Left), 5, 4));
        assert_eq!(s.state.selected, 2);
        send(
            &mut s,
            mouse(MouseEventKind::Down(MouseButton::Left), 5, 30),
        );
        assert_eq!(s.state.selected, 2, "below the last draft: nothing");
        send(
            &mut s,
            mouse(MouseEventKind::Down(MouseButton::Left), 100, 4),
        );
        assert_eq!(s.state.selected, 2, "on the record: nothing");
        send(&mut s, mouse(MouseEventKind::ScrollDown, 5, 4));
        assert_eq!(s.state.selected, 3);
        for _ in 0..3 {
            send(&mut s, mouse(MouseEventKind::ScrollDown, 5, 4));
        }
        assert_eq!(s.state.selected, 4, "stops at the last");
        send(&mut s, mouse(MouseEventKind::ScrollUp, 5, 4));
        assert_eq!(s.state.selected, 3);
    }

    #[test]
    fn writing_names_the_file_and_quitting_is_an_effect() {
        let mut s = screen(2);
        s.update(ReviewAction::Accept);
        let Effect::Append { into, title, plan } = s.update(ReviewAction::Write) else {
            panic!("expected a write");
        };
        assert_eq!(into, Some(PathBuf::from("t.json")));
        assert_eq!(title, "Reviewed");
        assert_eq!(plan.items, [0]);
        let report = WriteReport {
            appended: 1,
            merged: 0,
            items: vec![0],
        };
        let written = s
            .news(News::Written(Ok(report)))
            .expect("the outcome matters");
        s.update(written);
        assert_eq!(s.state.unwritten(), 0);
        assert_eq!(s.update(ReviewAction::Quit), Effect::Quit);
    }
}
