//! The browser as a [`Screen`] for the one terminal runtime: which key means what (`keys`), how it
//! draws (`view`), and which of the runtime's news it takes.

use crossterm::event::Event;
use ratatui::Frame;

use crate::tui::browse::app::{Action, App};
use crate::tui::browse::{keys, view};
use crate::tui::runtime::{Effect, News, Screen};
use crate::tui::theme::Theme;

impl Screen for App {
    type Msg = Action;
    const NEEDS_TERMINAL: &'static str = "the timeline browser needs a terminal; for plain output \
        use `bilateral list` or `bilateral search QUERY`";

    fn handle(&self, event: &Event) -> Option<Action> {
        keys::action(&self.keys, event, self.mode)
    }

    fn update(&mut self, msg: Action) -> Effect {
        App::update(self, msg)
    }

    fn draw(&self, frame: &mut Frame, theme: &Theme) {
        view::draw(frame, self, theme)
    }

    fn news(&self, news: News) -> Option<Action> {
        match news {
            News::Started(w, h) => Some(Action::Resize(w, h)),
            News::Resumed(w, h) => Some(Action::Resumed(w, h)),
            News::Exported(outcome) => Some(Action::Exported(outcome)),
            News::Copied(report) => Some(Action::Copied(report)),
            News::Opened(result) => Some(Action::Opened(result)),
            News::Written(_) => None,
        }
    }

    fn idle(&self) -> Option<Action> {
        self.searching().then_some(Action::SearchStep)
    }
}
