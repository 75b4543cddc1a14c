//! Colours and text styles for the browser.
//!
//! Meaning is never carried by colour alone: status has a marker shape (● ◆ ◇), selection has a `▶`,
//! focus has a `▶` in the pane title. Colour only reinforces, so `NO_COLOR` loses nothing.

use ratatui::style::{Modifier, Style};

#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Theme {
    pub name: String,
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
    /// Era bands on the ruler; neighbouring eras alternate so their edge shows.
    pub era: Style,
    pub era_alt: Style,
    /// Eras as background bands behind the chart's lanes, alternating like `era` and `era_alt`;
    /// faint, since marks are drawn on them (none in high contrast, which keeps a black ground).
    pub band: Style,
    pub band_alt: Style,
    pub quote: Style,
    pub error: Style,
    pub prompt: Style,
}

/// The themes shipped in `assets/themes/`, by name.
pub const NAMES: [&str; 3] = ["dark", "light", "high-contrast"];

fn source(name: &str) -> Option<&'static str> {
    match name {
        "dark" => Some(include_str!("../../assets/themes/dark.json")),
        "light" => Some(include_str!("../../assets/themes/light.json")),
        "high-contrast" => Some(include_str!("../../assets/themes/high-contrast.json")),
        _ => None,
    }
}

/// Why a theme could not be had.
#[derive(Debug, thiserror::Error)]
pub enum ThemeError {
    #[error("unknown theme `{0}`; choose dark, light or high-contrast")]
    Unknown(String),
    #[error("theme `{0}` is malformed: {1}")]
    Malformed(String, serde_json::Error),
}

impl Theme {
    /// A shipped theme by name.
    pub fn named(name: &str) -> Result<Theme, ThemeError> {
        let text = source(name)
            .ok_or_else(|| ThemeError::Unknown(crate::core::sanitize::line(name).into_owned()))?;
        serde_json::from_str(text).map_err(|e| ThemeError::Malformed(name.to_string(), e))
    }

    pub fn dark() -> Theme {
        Theme::named("dark").unwrap_or_else(|_| Theme::fallback())
    }

    /// The theme to use (`--theme` or `BILATERAL_THEME`, else dark), without colours when
    /// `NO_COLOR` is set (https://no-color.org).
    pub fn choose(name: Option<&str>) -> Result<Theme, ThemeError> {
        let theme = Theme::named(name.unwrap_or("dark"))?;
        let no_color = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
        Ok(if no_color {
            theme.without_colour()
        } else {
            theme
        })
    }

    /// The same theme with every colour removed. Selection and marks become reversed video, so
    /// nothing that colour showed is lost.
    pub fn without_colour(self) -> Theme {
        let strip = |s: Style| Style {
            fg: None,
            bg: None,
            underline_color: None,
            ..s
        };
        Theme {
            name: format!("{} (no colour)", self.name),
            base: strip(self.base),
            header: strip(self.header),
            dim: strip(self.dim),
            heading: strip(self.heading),
            label: strip(self.label),
            selected: strip(self.selected).add_modifier(Modifier::REVERSED),
            matched: strip(self.matched).add_modifier(Modifier::UNDERLINED),
            happened: strip(self.happened),
            scheduled: strip(self.scheduled),
            expected: strip(self.expected),
            border: strip(self.border),
            border_focused: strip(self.border_focused).add_modifier(Modifier::BOLD),
            ruler: strip(self.ruler),
            ruler_mark: strip(self.ruler_mark).add_modifier(Modifier::REVERSED),
            // Bands lose their background: neighbouring eras stay apart by reverse video against
            // underline.
            era: strip(self.era).add_modifier(Modifier::REVERSED),
            era_alt: strip(self.era_alt).add_modifier(Modifier::UNDERLINED),
            // Behind the chart's marks a band can only be a colour: without colour the era's title
            // row above the lanes still shows where each era begins and ends.
            band: strip(self.band),
            band_alt: strip(self.band_alt),
            quote: strip(self.quote),
            error: strip(self.error),
            prompt: strip(self.prompt),
        }
    }

    /// Plain styles, used only if a shipped theme failed to parse (a test makes sure none does).
    fn fallback() -> Theme {
        let plain = Style::new();
        let bold = plain.add_modifier(Modifier::BOLD);
        let reversed = plain.add_modifier(Modifier::REVERSED);
        Theme {
            name: "fallback".into(),
            base: plain,
            header: bold,
            dim: plain,
            heading: bold,
            label: plain,
            selected: reversed,
            matched: plain.add_modifier(Modifier::UNDERLINED),
            happened: plain,
            scheduled: bold,
            expected: plain,
            border: plain,
            border_focused: bold,
            ruler: plain,
            ruler_mark: reversed,
            era: reversed,
            era_alt: plain.add_modifier(Modifier::UNDERLINED),
            band: plain,
            band_alt: plain,
            quote: plain.add_modifier(Modifier::ITALIC),
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_shipped_theme_parses() {
        for name in NAMES {
            let theme = Theme::named(name).unwrap();
            assert_eq!(theme.name, name);
        }
        assert!(matches!(Theme::named("neon"), Err(ThemeError::Unknown(_))));
    }

    #[test]
    fn no_colour_keeps_selection_visible() {
        for name in NAMES {
            let t = Theme::named(name).unwrap().without_colour();
            for s in [t.base, t.selected, t.matched, t.scheduled, t.ruler_mark] {
                assert_eq!((s.fg, s.bg), (None, None));
            }
            assert!(t.selected.add_modifier.contains(Modifier::REVERSED));
        }
    }
}
