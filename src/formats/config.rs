//! The configuration file's text: TOML read into settings, with every problem (bad syntax, a
//! wrong type, an unknown setting) reported at its `file:line:column`, all at once, as the data
//! readers do.
//!
//! The document is walked from toml's span-keeping tree rather than deserialised into a struct,
//! so that every unknown key is reported where it is written, not only the first. What the
//! settings mean (which themes exist, which actions keys can be bound to) is checked by the
//! layers that know; each value keeps its position for their messages.

use toml::Spanned;
use toml::de::{DeTable, DeValue};

use crate::formats::diagnostics::{Diagnostic, LineIndex, LoadError};

/// A value and where it was written (1-based line and column).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct At<T> {
    pub value: T,
    pub position: (usize, usize),
}

/// One action's keys from the `[keys]` table.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KeySetting {
    pub action: At<String>,
    pub keys: Vec<At<String>>,
}

/// The settings a configuration file gave; what it left out is `None` or empty.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Config {
    /// A theme name (checked by the terminal layer, which has the themes).
    pub theme: Option<At<String>>,
    /// Timeline files or folders to load when `--data` is not given, as written.
    pub data: Vec<At<String>>,
    /// Whether to include the built-in dataset.
    pub builtin: Option<bool>,
    /// Whether the detail pane makes source URLs OSC 8 hyperlinks.
    pub hyperlinks: Option<bool>,
    /// The program (and its first arguments) that opens a source, instead of the system's.
    pub opener: Option<At<Vec<String>>>,
    /// Browser actions rebound to other keys, in the order written.
    pub keys: Vec<KeySetting>,
}

/// The top-level settings, in the order the default file lists them.
pub const SETTINGS: [&str; 6] = ["theme", "data", "builtin", "hyperlinks", "opener", "keys"];

/// Reads a configuration file's text; `file` names it in messages.
pub fn parse(file: &str, text: &str) -> Result<Config, LoadError> {
    let (config, diagnostics) = read(file, text);
    if diagnostics.is_empty() {
        Ok(config)
    } else {
        Err(LoadError { diagnostics })
    }
}

/// Reads what it can of a configuration file's text, and every problem found, in the file's
/// order: the layers that check the settings' meaning add theirs to the same report.
pub fn read(file: &str, text: &str) -> (Config, Vec<Diagnostic>) {
    let index = LineIndex::new(text);
    let mut problems = Problems {
        file,
        text,
        index: &index,
        diagnostics: Vec::new(),
    };
    let (document, errors) = DeTable::parse_recoverable(text);
    for e in &errors {
        let at = e.span().map_or(0, |s| s.start);
        problems.push(at, None, e.message().trim_end().to_string());
    }
    let mut config = Config::default();
    for (key, value) in document.get_ref().iter() {
        let name = key.get_ref().as_ref();
        let field = Some(name);
        match name {
            "theme" => config.theme = problems.string(value, field),
            "data" => config.data = problems.strings(value, field),
            "builtin" => config.builtin = problems.boolean(value, field),
            "hyperlinks" => config.hyperlinks = problems.boolean(value, field),
            "opener" => {
                let argv = problems.strings(value, field);
                if let Some(first) = argv.first() {
                    config.opener = Some(At {
                        position: first.position,
                        value: argv.into_iter().map(|a| a.value).collect(),
                    });
                } else if value.get_ref().is_array() {
                    problems.push(value.span().start, field, "name a program".into());
                }
            }
            "keys" => config.keys = problems.keys(value),
            other => problems.unknown(key, other, &SETTINGS, None),
        }
    }
    // In the file's order, whatever order the tree keeps its keys in.
    problems.diagnostics.sort_by_key(|d| d.position);
    (config, problems.diagnostics)
}

/// The problems found so far, and what is needed to place them.
struct Problems<'a> {
    file: &'a str,
    text: &'a str,
    index: &'a LineIndex,
    diagnostics: Vec<Diagnostic>,
}

impl Problems<'_> {
    fn position(&self, offset: usize) -> (usize, usize) {
        self.index.position(self.text, offset)
    }

    fn push(&mut self, offset: usize, field: Option<&str>, message: String) {
        let position = Some(self.position(offset));
        self.diagnostics.push(Diagnostic {
            file: self.file.to_string(),
            position,
            field: field.map(|f| crate::core::sanitize::line(f).into_owned()),
            message,
        });
    }

    fn wrong_type(&mut self, value: &Spanned<DeValue>, field: Option<&str>, expected: &str) {
        let found = value.get_ref().type_str();
        self.push(
            value.span().start,
            field,
            format!("expected {expected}, found {} {found}", article(found)),
        );
    }

    fn unknown(
        &mut self,
        key: &Spanned<std::borrow::Cow<str>>,
        name: &str,
        known: &[&str],
        table: Option<&str>,
    ) {
        let near = known
            .iter()
            .map(|k| (strsim::jaro_winkler(k, name), *k))
            .filter(|(score, _)| *score > 0.8)
            .max_by(|a, b| a.0.total_cmp(&b.0))
            .map_or(String::new(), |(_, k)| format!("did you mean `{k}`? "));
        let place = table.map_or(String::new(), |t| format!(" in [{t}]"));
        self.push(
            key.span().start,
            None,
            format!(
                "unknown setting `{}`{place}; {near}the settings are: {}",
                crate::core::sanitize::line(name),
                known.join(", ")
            ),
        );
    }

    fn string(&mut self, value: &Spanned<DeValue>, field: Option<&str>) -> Option<At<String>> {
        match value.get_ref() {
            DeValue::String(s) => Some(At {
                value: s.to_string(),
                position: self.position(value.span().start),
            }),
            _ => {
                self.wrong_type(value, field, "a string");
                None
            }
        }
    }

    fn boolean(&mut self, value: &Spanned<DeValue>, field: Option<&str>) -> Option<bool> {
        match value.get_ref() {
            DeValue::Boolean(b) => Some(*b),
            _ => {
                self.wrong_type(value, field, "true or false");
                None
            }
        }
    }

    /// A string, or an array of strings.
    fn strings(&mut self, value: &Spanned<DeValue>, field: Option<&str>) -> Vec<At<String>> {
        match value.get_ref() {
            DeValue::String(_) => self.string(value, field).into_iter().collect(),
            DeValue::Array(items) => items
                .iter()
                .filter_map(|item| self.string(item, field))
                .collect(),
            _ => {
                self.wrong_type(value, field, "a string or an array of strings");
                Vec::new()
            }
        }
    }

    fn keys(&mut self, value: &Spanned<DeValue>) -> Vec<KeySetting> {
        let DeValue::Table(table) = value.get_ref() else {
            self.wrong_type(value, Some("keys"), "a table of action = key(s)");
            return Vec::new();
        };
        let mut settings: Vec<KeySetting> = table
            .iter()
            .map(|(action, keys)| {
                let field = format!("keys.{}", action.get_ref());
                KeySetting {
                    action: At {
                        value: action.get_ref().to_string(),
                        position: self.position(action.span().start),
                    },
                    keys: self.strings(keys, Some(&field)),
                }
            })
            .collect();
        // Applied in the order written, whatever order the table keeps its keys in.
        settings.sort_by_key(|s| s.action.position);
        settings
    }
}

fn article(word: &str) -> &'static str {
    if word.starts_with(['a', 'e', 'i', 'o', 'u']) {
        "an"
    } else {
        "a"
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_full_file_reads() {
        let text = "theme = \"light\"\ndata = [\"~/timelines\", \"team.json\"]\nbuiltin = false\n\
                    hyperlinks = false\nopener = [\"firefox\", \"--new-tab\"]\n\n[keys]\n\
                    copy = \"c\"\ndown = [\"n\", \"Down\"]\n";
        let config = parse("config.toml", text).unwrap();
        assert_eq!(
            config.theme,
            Some(At {
                value: "light".into(),
                position: (1, 9)
            })
        );
        let data: Vec<&str> = config.data.iter().map(|d| d.value.as_str()).collect();
        assert_eq!(data, ["~/timelines", "team.json"]);
        assert_eq!(config.builtin, Some(false));
        assert_eq!(config.hyperlinks, Some(false));
        assert_eq!(
            config.opener.map(|o| o.value),
            Some(vec!["firefox".to_string(), "--new-tab".to_string()])
        );
        let keys: Vec<(&str, Vec<&str>)> = config
            .keys
            .iter()
            .map(|k| {
                (
                    k.action.value.as_str(),
                    k.keys.iter().map(|k| k.value.as_str()).collect(),
                )
            })
            .collect();
        assert_eq!(keys, [("copy", vec!["c"]), ("down", vec!["n", "Down"])]);
        assert_eq!(config.keys[1].keys[1].position, (9, 14));
    }

    #[test]
    fn an_empty_file_is_all_defaults() {
        assert_eq!(parse("c.toml", "").unwrap(), Config::default());
        assert_eq!(
            parse("c.toml", "# only comments\n").unwrap(),
            Config::default()
        );
    }

    #[test]
    fn every_problem_is_reported_where_it_is() {
        let text =
            "them = \"light\"\nbuiltin = \"no\"\ndata = [1, \"ok.json\"]\n[keys]\ncopy = 3\n";
        let e = parse("c.toml", text).unwrap_err();
        let lines: Vec<String> = e.diagnostics.iter().map(ToString::to_string).collect();
        assert_eq!(
            lines,
            [
                "c.toml:1:1: unknown setting `them`; did you mean `theme`? the settings are: \
                 theme, data, builtin, hyperlinks, opener, keys",
                "c.toml:2:11: builtin: expected true or false, found a string",
                "c.toml:3:9: data: expected a string, found an integer",
                "c.toml:5:8: keys.copy: expected a string or an array of strings, found an integer",
            ]
        );
    }

    #[test]
    fn syntax_errors_have_a_line_and_column_and_never_panic() {
        let e = parse("c.toml", "theme = \"light\ndata = [\n").unwrap_err();
        let all = e.to_string();
        assert!(
            all.starts_with("c.toml:1:15: invalid basic string"),
            "{all}"
        );
        assert!(all.contains("c.toml:2:"), "{all}");
        for text in [
            "[",
            "a = ",
            "= 1",
            "[keys]\n[keys]\n",
            "\u{0}",
            "x = 1\nx = 2",
        ] {
            assert!(parse("c.toml", text).is_err(), "{text:?}");
        }
    }
}
