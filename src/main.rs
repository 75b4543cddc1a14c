//! The `bilateral` binary: parse arguments, then browse or run a subcommand.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::Context;
use clap::Parser;

use bilateral::app::{Action, App};
use bilateral::cli::{self, Cli, Command};
use bilateral::review::ReviewState;
use bilateral::{load, review_terminal, terminal, theme::Theme, watch};

// Loading a big timeline makes millions of small allocations; mimalloc does them (and frees them)
// several times faster than the system allocator here.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => {
            let _ = e.print();
            return ExitCode::from(e.exit_code().clamp(0, 255) as u8);
        }
    };
    let result = match cli.command {
        None => browse(&cli.data, &[]),
        Some(Command::Present(args)) => browse(
            &cli.data,
            &[Action::SetQuery(args.query_text()), Action::Present],
        ),
        Some(Command::Review { path, into }) => review(&cli.data, &path, into),
        Some(command) => cli::run(&cli.data, command),
    };
    match result {
        Ok(code) => code,
        Err(e) if is_broken_pipe(&e) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("bilateral: {e:#}");
            ExitCode::from(1)
        }
    }
}

/// Opens the browser, after applying `start` (for `present`: the query, then presentation mode).
fn browse(data: &cli::Globals, start: &[Action]) -> anyhow::Result<ExitCode> {
    let timeline = match load::load(&data.options()) {
        Ok(t) => t,
        Err(e) => return Ok(cli::report(&e)),
    };
    let theme = Theme::choose(data.theme.as_deref())?;
    let mut app = App::new(timeline, data.as_of);
    for action in start {
        app.update(action.clone());
    }
    // The watcher must live as long as the browser runs.
    let (_watcher, reloads) = if data.watch {
        let (tx, rx) = std::sync::mpsc::channel();
        let watcher = watch::watch(data.options(), move |result| {
            let _ = tx.send(result);
        })
        .context("watching the --data files")?;
        (Some(watcher), Some(rx))
    } else {
        (None, None)
    };
    terminal::run(app, &theme, reloads).context("running the browser")?;
    Ok(ExitCode::SUCCESS)
}

/// Output piped into `head` and closed early is not an error worth reporting.
fn is_broken_pipe(e: &anyhow::Error) -> bool {
    e.chain().any(|c| {
        c.downcast_ref::<std::io::Error>()
            .is_some_and(|io| io.kind() == std::io::ErrorKind::BrokenPipe)
    })
}

/// Opens the review screen on a file of drafts; accepted events go to `into`.
fn review(data: &cli::Globals, path: &Path, into: Option<PathBuf>) -> anyhow::Result<ExitCode> {
    let known = match load::load(&data.options()) {
        Ok(t) => t.events,
        Err(e) => return Ok(cli::report(&e)),
    };
    let mut drafts_file = match load::read_path(path) {
        Ok(files) => files,
        Err(e) => return Ok(cli::report(&e)),
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
            Err(e) => return Ok(cli::report(&e)),
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
    let theme = Theme::choose(data.theme.as_deref())?;
    review_terminal::run_review(state, into.as_deref(), &title, &theme)
        .context("running the review")?;
    Ok(ExitCode::SUCCESS)
}

fn same_file(a: &Path, b: &Path) -> bool {
    match (a.canonicalize(), b.canonicalize()) {
        (Ok(a), Ok(b)) => a == b,
        _ => a == b,
    }
}
