//! Starting the two screens from the command line: the browser (with live reload, the settings
//! from the configuration file and the remembered place) and the review screen, each handed to
//! the one terminal runtime.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::Context;

use super::{Globals, report};
use crate::store::state::{self, Dataset};
use crate::store::{dirs, load, watch};
use crate::tui::browse::app::{Action, App};
use crate::tui::review::screen::ReviewScreen;
use crate::tui::review::state::ReviewState;
use crate::tui::runtime::{self, Services};

/// Opens the browser, after applying `start` (for `present`: the query, then presentation mode).
/// `remember` is for the plain browser: it returns to where it was left with these timelines
/// (unless `Some(true)`, `--fresh`), and remembers where it is left for next time.
pub(super) fn browse(
    globals: &Globals,
    theme: Option<&str>,
    watch: bool,
    start: &[Action],
    remember: Option<bool>,
) -> anyhow::Result<ExitCode> {
    let options = globals.options();
    if watch && options.paths.is_empty() {
        anyhow::bail!(
            "--watch needs timeline files to watch: give --data, or `data` in the configuration"
        );
    }
    let timeline = match super::load_timeline(globals) {
        Ok(t) => t,
        Err(e) => return Ok(report(&e)),
    };
    let settings = &globals.settings;
    let theme = settings.theme(theme)?;
    super::warn(&timeline.warnings);
    let mut app = App::new(timeline, globals.as_of);
    app.today = Some(super::today());
    app.keys = settings.keymap.clone();
    app.hyperlinks = settings.hyperlinks();
    // Where the place is kept: nowhere when there is no state folder at all.
    let place = remember.and_then(|fresh| {
        let dataset = Dataset::of(&options);
        let dir = dirs::state_dir()?;
        Some((fresh, dir, dataset))
    });
    if let Some((false, dir, dataset)) = &place {
        match state::load(&dataset.file(dir)) {
            Ok(Some(saved)) => {
                app.update(Action::Restore(saved));
            }
            Ok(None) => {}
            Err(e) => {
                app.update(Action::Notify(format!(
                    "Starting fresh: the remembered place was unreadable ({e})"
                )));
            }
        }
    }
    for action in start {
        app.update(action.clone());
    }
    // The watcher must live as long as the browser runs; what it loads reaches the browser as
    // actions, like keys do.
    let (_watcher, reloads) = if watch {
        let (tx, rx) = std::sync::mpsc::channel();
        let watcher = watch::watch(options.clone(), move |result| {
            let _ = tx.send(Action::Reloaded(Box::new(result)));
        })
        .context("watching the timeline files")?;
        (Some(watcher), Some(rx))
    } else {
        (None, None)
    };
    let mut services = Services {
        opener: settings.opener(&options),
        ..Services::default()
    };
    runtime::run(&mut app, &theme, reloads.as_ref(), &mut services)
        .context("running the browser")?;
    if let Some((_, dir, dataset)) = &place
        && let Err(e) = state::save(dir, dataset, &app.place())
    {
        // The browser has closed: this goes to the terminal as a warning, not an error.
        eprintln!("bilateral: could not remember where you were: {e}");
    }
    super::exit_without_freeing(app);
    Ok(ExitCode::SUCCESS)
}

/// Opens the review screen on a file of drafts; accepted events go to `into`.
pub(super) fn review(
    data: &Globals,
    theme: Option<&str>,
    path: &Path,
    into: Option<PathBuf>,
) -> anyhow::Result<ExitCode> {
    let known = match super::load_timeline(data) {
        Ok(t) => t.events,
        Err(e) => return Ok(report(&e)),
    };
    let mut drafts_file = match load::read_path(path) {
        Ok(files) => files,
        Err(e) => return Ok(report(&e)),
    };
    if drafts_file.len() != 1 {
        anyhow::bail!(
            "{} is a folder; review one file of drafts at a time",
            path.display()
        );
    }
    let drafts_file = drafts_file.remove(0);
    let drafts: Vec<_> = drafts_file
        .dataset
        .events
        .into_iter()
        .filter(|e| e.draft.is_some())
        .collect();
    if drafts.is_empty() {
        anyhow::bail!(
            "{} holds no draft events; make some with `bilateral ingest ARTICLE.txt --out {}`",
            path.display(),
            path.display()
        );
    }
    let targets = match &into {
        Some(into) if same_file(into, path) => {
            anyhow::bail!("--into must be another file than the drafts being reviewed")
        }
        Some(into) if into.exists() => match load::read_path(into) {
            Ok(files) if files.len() == 1 => {
                files.into_iter().flat_map(|f| f.dataset.events).collect()
            }
            Ok(_) => anyhow::bail!("--into {} is a folder; name a file", into.display()),
            Err(e) => return Ok(report(&e)),
        },
        _ => Vec::new(),
    };
    let state = ReviewState::new(
        path.display().to_string(),
        into.as_ref().map(|p| p.display().to_string()),
        drafts,
        targets,
        &known,
    );
    let title = format!("Reviewed events from {}", path.display());
    let theme = data.settings.theme(theme)?;
    let mut screen = ReviewScreen::new(state, into, title);
    runtime::run(&mut screen, &theme, None, &mut Services::default())
        .context("running the review")?;
    Ok(ExitCode::SUCCESS)
}

fn same_file(a: &Path, b: &Path) -> bool {
    match (a.canonicalize(), b.canonicalize()) {
        (Ok(a), Ok(b)) => a == b,
        _ => a == b,
    }
}
