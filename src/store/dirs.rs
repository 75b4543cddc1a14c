//! Where the program keeps its own files: the configuration folder and the state folder, in the
//! platform's places (the XDG base directories on Linux, so `XDG_CONFIG_HOME` and
//! `XDG_STATE_HOME` are honoured), each overridable by its own environment variable so tests and
//! unusual setups can point it anywhere.

use std::path::PathBuf;

use directories::ProjectDirs;

/// Names the configuration folder instead of the platform's.
pub const CONFIG_ENV: &str = "BILATERAL_CONFIG_DIR";
/// Names the state folder (remembered places) instead of the platform's.
pub const STATE_ENV: &str = "BILATERAL_STATE_DIR";

/// The configuration folder: `$BILATERAL_CONFIG_DIR`, else the platform's
/// (`~/.config/bilateral` on Linux). `None` when there is no home folder to put it in.
pub fn config_dir() -> Option<PathBuf> {
    from_env(CONFIG_ENV).or_else(|| Some(project()?.config_dir().to_path_buf()))
}

/// The state folder: `$BILATERAL_STATE_DIR`, else the platform's (`~/.local/state/bilateral` on
/// Linux; platforms without a state folder use their local data folder).
pub fn state_dir() -> Option<PathBuf> {
    from_env(STATE_ENV).or_else(|| {
        let project = project()?;
        let dir = project.state_dir().unwrap_or(project.data_local_dir());
        Some(dir.to_path_buf())
    })
}

/// The user's home folder, for `~/` in configured paths.
pub fn home_dir() -> Option<PathBuf> {
    directories::BaseDirs::new().map(|b| b.home_dir().to_path_buf())
}

fn project() -> Option<ProjectDirs> {
    ProjectDirs::from("", "", "bilateral")
}

/// A folder named by an environment variable; an empty one counts as unset, as XDG's do.
fn from_env(name: &str) -> Option<PathBuf> {
    std::env::var_os(name)
        .filter(|v| !v.is_empty())
        .map(PathBuf::from)
}
