//! Live reload: watch the files given with `--data` and load them again when they change.
//!
//! Folders holding the files are watched rather than the files, because editors save by writing a
//! new file and renaming it over the old one. Bursts of changes are gathered for a moment, then the
//! whole set is loaded again and the result, good or bad, is handed to the caller.

use std::path::{Path, PathBuf};
use std::sync::mpsc;
use std::time::Duration;

use notify::{RecursiveMode, Watcher as _};

use crate::core::model::Timeline;
use crate::formats::diagnostics::LoadError;
use crate::store::load::{self, Options};

/// How long changes must pause before reloading: one save can be several file events.
const SETTLE: Duration = Duration::from_millis(150);

/// Keeps watching while it lives.
pub struct Watcher {
    _inner: notify::RecommendedWatcher,
}

/// Watches `options.paths`; after each change calls `on_reload` with the newly loaded timeline or
/// the errors that stop it from loading.
pub fn watch(
    options: Options,
    on_reload: impl Fn(Result<Timeline, LoadError>) + Send + 'static,
) -> notify::Result<Watcher> {
    let (tx, rx) = mpsc::channel::<notify::Result<notify::Event>>();
    let mut inner = notify::recommended_watcher(tx)?;
    let targets: Vec<PathBuf> = options.paths.iter().map(|p| absolute(p)).collect();
    let mut folders: Vec<PathBuf> = targets
        .iter()
        .map(|p| {
            if p.is_dir() {
                p.clone()
            } else {
                p.parent().map_or_else(|| p.clone(), Path::to_path_buf)
            }
        })
        .collect();
    folders.sort();
    folders.dedup();
    for folder in &folders {
        inner.watch(folder, RecursiveMode::NonRecursive)?;
    }
    std::thread::spawn(move || {
        while let Ok(first) = rx.recv() {
            let mut relevant = concerns(&first, &targets);
            // Let the burst settle, noting whether any of it touched our files.
            while let Ok(next) = rx.recv_timeout(SETTLE) {
                relevant |= concerns(&next, &targets);
            }
            if relevant {
                on_reload(load::load(&options));
            }
        }
    });
    Ok(Watcher { _inner: inner })
}

fn absolute(p: &Path) -> PathBuf {
    std::path::absolute(p).unwrap_or_else(|_| p.to_path_buf())
}

/// Whether a file event is about one of the watched files (or a JSON file in a watched folder).
fn concerns(event: &notify::Result<notify::Event>, targets: &[PathBuf]) -> bool {
    let Ok(event) = event else { return true };
    if event.kind.is_access() {
        return false;
    }
    event.paths.iter().any(|p| {
        targets.iter().any(|t| {
            p == t
                || (t.is_dir()
                    && p.parent() == Some(t.as_path())
                    && p.extension().is_some_and(|x| x == "json"))
        })
    })
}
