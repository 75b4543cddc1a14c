//! The settings a command runs with: the configuration file, checked whole (its themes and key
//! names too) when a command that uses it starts, then put together with the command line, which
//! always wins. Also the commented default file that `bilateral config` prints.

use std::fmt::Write;
use std::path::{Path, PathBuf};

use crate::formats::config::Config;
use crate::formats::diagnostics::{Diagnostic, LoadError};
use crate::store::{config as config_file, dirs, load};
use crate::tui::browse::keys::{self, Keymap, NAMES, Rebinding};
use crate::tui::opener::Opener;
use crate::tui::theme::{self, Theme, ThemeError};

/// The theme named by this variable applies when `--theme` is not given.
pub const THEME_ENV: &str = "BILATERAL_THEME";

/// The configuration as the program uses it.
#[derive(Debug, Clone)]
pub struct Settings {
    /// Where the configuration file is, or would be (`None`: no home folder, and no
    /// `BILATERAL_CONFIG_DIR`).
    pub file: Option<PathBuf>,
    pub config: Config,
    /// The browser's keys, rebound as the file says.
    pub keymap: Keymap,
}

impl Settings {
    /// Reads and checks the configuration file; a missing one is the defaults. Every problem is
    /// reported at once, each at its line and column.
    pub fn load() -> Result<Settings, LoadError> {
        let file = config_file::path();
        let (config, found) = match &file {
            Some(path) => config_file::read(path)?.unwrap_or_default(),
            None => Default::default(),
        };
        let name = file.as_ref().map_or_else(
            || config_file::FILE_NAME.to_string(),
            |f| f.display().to_string(),
        );
        Settings::check(&name, file, config, found)
    }

    /// Checks what only the terminal layer knows (theme names and key bindings) and reports it
    /// with the problems `found` while reading, in the file's order.
    pub fn check(
        name: &str,
        file: Option<PathBuf>,
        config: Config,
        found: Vec<Diagnostic>,
    ) -> Result<Settings, LoadError> {
        let mut diagnostics = found;
        let mut problem = |position, field: Option<String>, message: String| {
            diagnostics.push(Diagnostic {
                file: name.to_string(),
                position: Some(position),
                field,
                message,
            })
        };
        if let Some(t) = &config.theme
            && !theme::NAMES.contains(&t.value.as_str())
        {
            problem(
                t.position,
                Some("theme".into()),
                ThemeError::Unknown(crate::core::sanitize::line(&t.value).into_owned()).to_string(),
            );
        }
        let rebindings: Vec<Rebinding> = config
            .keys
            .iter()
            .map(|k| Rebinding {
                name: &k.action.value,
                keys: k.keys.iter().map(|key| key.value.as_str()).collect(),
            })
            .collect();
        let keymap = match keys::keymap(&rebindings) {
            Ok(map) => map,
            Err(problems) => {
                for p in problems {
                    let setting = &config.keys[p.entry];
                    let position = p
                        .key
                        .and_then(|k| setting.keys.get(k))
                        .map_or(setting.action.position, |k| k.position);
                    let field = format!(
                        "keys.{}",
                        crate::core::sanitize::line(&setting.action.value)
                    );
                    problem(position, Some(field), p.message);
                }
                Keymap::new(keys::KEYS)
            }
        };
        if let Some(opener) = &config.opener
            && opener.value.first().is_none_or(|p| p.trim().is_empty())
        {
            problem(
                opener.position,
                Some("opener".into()),
                "name a program".into(),
            );
        }
        diagnostics.sort_by_key(|d| d.position);
        if diagnostics.is_empty() {
            Ok(Settings {
                file,
                config,
                keymap,
            })
        } else {
            Err(LoadError { diagnostics })
        }
    }

    /// The timelines to load: `--data` if given, else the file's `data`. The built-in dataset as
    /// `--builtin`/`--no-builtin` say, else as the file's `builtin` says, else only when no other
    /// timeline is given: your data is yours.
    pub fn options(&self, data: &[PathBuf], builtin: Option<bool>) -> load::Options {
        let paths = if data.is_empty() {
            let file = self.file.as_deref().unwrap_or(Path::new(""));
            self.config
                .data
                .iter()
                .map(|d| config_file::resolve(file, &d.value))
                .collect()
        } else {
            data.to_vec()
        };
        let builtin = builtin.unwrap_or_else(|| self.config.builtin.unwrap_or(paths.is_empty()));
        load::Options {
            builtin,
            paths,
            ..load::Options::default()
        }
    }

    /// The theme: `--theme`, else `$BILATERAL_THEME`, else the file's, else dark.
    pub fn theme(&self, flag: Option<&str>) -> Result<Theme, ThemeError> {
        let env = std::env::var(THEME_ENV).ok().filter(|v| !v.is_empty());
        let name = flag
            .map(str::to_string)
            .or(env)
            .or_else(|| self.config.theme.as_ref().map(|t| t.value.clone()));
        Theme::choose(name.as_deref())
    }

    /// Whether the detail pane makes links clickable (on unless the file turns it off).
    pub fn hyperlinks(&self) -> bool {
        self.config.hyperlinks.unwrap_or(true)
    }

    /// How sources are opened: the file's `opener` or the system's; a relative source file is
    /// looked for in the working folder, then beside the timelines loaded.
    pub fn opener(&self, options: &load::Options) -> Opener {
        let mut bases: Vec<PathBuf> = std::env::current_dir().into_iter().collect();
        for p in &options.paths {
            if p.is_dir() {
                bases.push(p.clone());
            } else if let Some(parent) = p.parent() {
                bases.push(parent.to_path_buf());
            }
        }
        Opener {
            program: self.config.opener.as_ref().map(|o| o.value.clone()),
            bases,
        }
    }
}

/// The configuration file's path as `bilateral config` names it.
pub fn path_text() -> String {
    config_file::path().map_or_else(
        || {
            format!(
                "(no home folder: set {} to a folder for {})",
                dirs::CONFIG_ENV,
                config_file::FILE_NAME
            )
        },
        |p| p.display().to_string(),
    )
}

/// A configuration file with every setting commented out at its default, each explained: what
/// `bilateral config` prints, to start a file from. It reads back as the defaults.
pub fn commented_default() -> String {
    let mut out = String::new();
    let path = path_text();
    let _ = writeln!(out, "# bilateral configuration: {path}");
    let _ = writeln!(
        out,
        "# Every setting is optional: remove a `#` to change one. A misspelt setting is an error,\n\
         # reported with its line and column, so nothing is silently ignored.\n\
         # The command line always wins: --theme, --data and --no-builtin override what is here.\n"
    );
    let _ = writeln!(
        out,
        "# Colours: {}. ${THEME_ENV} also overrides this.\n# theme = \"dark\"\n",
        theme::NAMES.join(", ")
    );
    let _ = writeln!(
        out,
        "# Timeline files or folders to load when --data is not given. `~/` is the home folder;\n\
         # a relative path is relative to this file's folder.\n# data = [\"~/timelines/\"]\n"
    );
    let _ = writeln!(
        out,
        "# Include the built-in India–US 2025 dataset.\n# builtin = true\n"
    );
    let _ = writeln!(
        out,
        "# Make source links in the detail pane clickable (OSC 8 hyperlinks).\n# hyperlinks = true\n"
    );
    let _ = writeln!(
        out,
        "# The program that opens a source (`o`) instead of the system's opener, with any first\n\
         # arguments; the link or file is added last. It is run directly, never through a shell.\n\
         # opener = [\"firefox\", \"--new-tab\"]\n"
    );
    let _ = writeln!(
        out,
        "# The browser's keys, by action. A key is a character (\"y\", \"Y\", \"?\"), a key name\n\
         # (Down, Up, PageDown, Home, End, Enter, Esc, Tab, Space, F1–F12), \"Ctrl-x\" or\n\
         # \"Shift-Down\"; give a list for several. A key given to one action is taken from the\n\
         # action that had it. Ctrl-C and Ctrl-Z cannot be rebound.\n[keys]"
    );
    let defaults = Keymap::new(keys::KEYS);
    for (name, action, what) in NAMES {
        let names: Vec<String> = defaults
            .chords_for(crate::tui::browse::keys::COMMANDS, action)
            .into_iter()
            .filter_map(|c| c.name())
            .map(|n| format!("{n:?}"))
            .collect();
        let value = match names.as_slice() {
            [one] => one.clone(),
            _ => format!("[{}]", names.join(", ")),
        };
        let line = format!("# {name} = {value}");
        let _ = writeln!(out, "{line:<40} # {what}");
    }
    out
}
