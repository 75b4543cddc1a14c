//! The `bilateral` binary: parse arguments, then browse or run a subcommand.

use std::process::ExitCode;

use anyhow::Context;
use clap::Parser;

use bilateral::app::{Action, App};
use bilateral::cli::{self, Cli, Command};
use bilateral::{load, terminal, theme::Theme, watch};

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
