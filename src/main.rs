//! The `bilateral` binary: parse arguments, then browse or run a subcommand.

use std::process::ExitCode;

use anyhow::Context;
use clap::Parser;

use bilateral::app::App;
use bilateral::cli::{self, Cli};
use bilateral::{load, terminal, theme::Theme};

fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => {
            let _ = e.print();
            return ExitCode::from(e.exit_code().clamp(0, 255) as u8);
        }
    };
    let result = match cli.command {
        Some(command) => cli::run(&cli.data, command),
        None => browse(&cli.data),
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

fn browse(data: &cli::DataArgs) -> anyhow::Result<ExitCode> {
    let timeline = match load::load(&data.options()) {
        Ok(t) => t,
        Err(e) => return Ok(cli::report(&e)),
    };
    let theme = if std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty()) {
        Theme::monochrome()
    } else {
        Theme::dark()
    };
    terminal::run(App::new(timeline, data.as_of), &theme).context("running the browser")?;
    Ok(ExitCode::SUCCESS)
}

/// Output piped into `head` and closed early is not an error worth reporting.
fn is_broken_pipe(e: &anyhow::Error) -> bool {
    e.chain().any(|c| {
        c.downcast_ref::<std::io::Error>()
            .is_some_and(|io| io.kind() == std::io::ErrorKind::BrokenPipe)
    })
}
