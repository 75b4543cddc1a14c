//! Colours and text styles for the browser.
//!
//! Meaning is never carried by colour alone: status has a marker shape (● ◆ ◇), selection has a `▶`,
//! focus has a `▶` in the pane title. Colour only reinforces, so `NO_COLOR` loses nothing.

use ratatui::style::{Color, Modifier, Style};

#[derive(Debug, Clone, PartialEq)]
pub struct Theme {
    pub name: &'static str,
    pub base: Style,
    pub header: Style,
    pub dim: Style,
    pub heading: Style,
    pub label: Style,
    pub selected: Style,
    pub matched: Style,
    pub happened: Style,
    pub scheduled: Style,
    pub expected: Style,
    pub border: Style,
    pub border_focused: Style,
    pub ruler: Style,
    pub ruler_mark: Style,
    pub quote: Style,
    pub error: Style,
    pub prompt: Style,
}

impl Theme {
    pub fn dark() -> Theme {
        Theme {
            name: "dark",
            base: Style::new(),
            header: Style::new().fg(Color::Cyan).add_modifier(Modifier::BOLD),
            dim: Style::new().fg(Color::DarkGray),
            heading: Style::new().fg(Color::Yellow).add_modifier(Modifier::BOLD),
            label: Style::new().fg(Color::Cyan),
            selected: Style::new()
                .bg(Color::Rgb(40, 50, 80))
                .add_modifier(Modifier::BOLD),
            matched: Style::new()
                .fg(Color::LightMagenta)
                .add_modifier(Modifier::BOLD | Modifier::UNDERLINED),
            happened: Style::new().fg(Color::Green),
            scheduled: Style::new()
                .fg(Color::LightRed)
                .add_modifier(Modifier::BOLD),
            expected: Style::new().fg(Color::LightYellow),
            border: Style::new().fg(Color::DarkGray),
            border_focused: Style::new().fg(Color::Cyan),
            ruler: Style::new().fg(Color::Blue),
            ruler_mark: Style::new()
                .fg(Color::LightYellow)
                .add_modifier(Modifier::BOLD | Modifier::REVERSED),
            quote: Style::new().add_modifier(Modifier::ITALIC),
            error: Style::new()
                .fg(Color::LightRed)
                .add_modifier(Modifier::BOLD),
            prompt: Style::new().fg(Color::Yellow).add_modifier(Modifier::BOLD),
        }
    }

    /// No colours at all, for `NO_COLOR`: only bold, reverse and underline.
    pub fn monochrome() -> Theme {
        let bold = Style::new().add_modifier(Modifier::BOLD);
        Theme {
            name: "monochrome",
            base: Style::new(),
            header: bold,
            dim: Style::new(),
            heading: bold,
            label: Style::new(),
            selected: Style::new().add_modifier(Modifier::REVERSED),
            matched: Style::new().add_modifier(Modifier::UNDERLINED | Modifier::BOLD),
            happened: Style::new(),
            scheduled: bold,
            expected: Style::new(),
            border: Style::new(),
            border_focused: bold,
            ruler: Style::new(),
            ruler_mark: Style::new().add_modifier(Modifier::REVERSED),
            quote: Style::new().add_modifier(Modifier::ITALIC),
            error: bold,
            prompt: bold,
        }
    }
}

impl Default for Theme {
    fn default() -> Theme {
        Theme::dark()
    }
}
