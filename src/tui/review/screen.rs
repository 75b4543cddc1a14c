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
            News::Exported(_) => None,
        }
    }
}
