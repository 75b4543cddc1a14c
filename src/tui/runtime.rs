//! Owns the real terminal: raw mode, the alternate screen, mouse capture, the event loop, and
//! putting everything back on quit, on error and on panic.

use std::io::{IsTerminal, stdout};
use std::time::Duration;

use anyhow::Context;
use crossterm::cursor::Show;
use crossterm::event::{self, DisableMouseCapture, EnableMouseCapture};
use crossterm::execute;
use ratatui::DefaultTerminal;

use crate::core::model::Timeline;
use crate::formats::diagnostics::LoadError;
use crate::tui::browse::app::{Action, App};
use crate::tui::browse::{keys, view as ui};
use crate::tui::theme::Theme;

/// Reloaded data from `watch`, delivered to the event loop.
pub type Reloads = std::sync::mpsc::Receiver<Result<Timeline, LoadError>>;

/// How often the loop looks for reloaded data while no key is pressed.
const RELOAD_POLL: Duration = Duration::from_millis(100);

/// Runs the browser until the user quits. With `reloads`, data reloaded by the watcher is applied
/// as it arrives.
pub fn run(mut app: App, theme: &Theme, reloads: Option<Reloads>) -> anyhow::Result<()> {
    if !std::io::stdin().is_terminal() || !stdout().is_terminal() {
        anyhow::bail!(
            "the timeline browser needs a terminal; for plain output use `bilateral list` or \
             `bilateral search QUERY`"
        );
    }
    let mut terminal = enter()?;
    let result = execute!(stdout(), EnableMouseCapture)
        .context("enabling the mouse")
        .and_then(|_| event_loop(&mut terminal, &mut app, theme, reloads.as_ref()));
    restore();
    result
}

/// On SIGTERM, SIGHUP, SIGINT or SIGQUIT: put the terminal back and exit with 128 + the signal, as
/// shells expect. A thread waits for them, so the exit is immediate even while waiting for a key.
pub fn watch_signals() -> std::io::Result<()> {
    use signal_hook::consts::{SIGHUP, SIGINT, SIGQUIT, SIGTERM};
    let mut signals = signal_hook::iterator::Signals::new([SIGTERM, SIGHUP, SIGINT, SIGQUIT])?;
    std::thread::spawn(move || {
        if let Some(signal) = signals.forever().next() {
            restore();
            std::process::exit(128 + signal);
        }
    });
    Ok(())
}

/// Ctrl-Z: give the terminal back, stop until the shell's `fg`, then take it again and redraw.
fn suspend(terminal: &mut DefaultTerminal) -> anyhow::Result<()> {
    restore();
    signal_hook::low_level::raise(signal_hook::consts::SIGTSTP).context("suspending")?;
    crossterm::terminal::enable_raw_mode().context("resuming the terminal")?;
    execute!(
        stdout(),
        crossterm::terminal::EnterAlternateScreen,
        EnableMouseCapture
    )
    .context("resuming the terminal")?;
    terminal.clear().context("resuming the terminal")?;
    Ok(())
}

/// Takes the terminal (raw mode, alternate screen) and makes sure it is given back on a signal and
/// on a panic, as well as by [`restore`].
pub fn enter() -> anyhow::Result<DefaultTerminal> {
    let terminal = ratatui::try_init().context("setting up the terminal")?;
    watch_signals().context("installing signal handlers")?;
    // ratatui's hook restores raw mode and the screen; ours also releases the mouse and the cursor.
    let hook = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        restore();
        hook(info);
    }));
    Ok(terminal)
}

/// Puts the terminal back as it was: raw mode off, main screen, mouse released, cursor shown.
pub fn restore() {
    let _ = execute!(stdout(), DisableMouseCapture, Show);
    ratatui::restore();
}

fn event_loop(
    terminal: &mut DefaultTerminal,
    app: &mut App,
    theme: &Theme,
    reloads: Option<&Reloads>,
) -> anyhow::Result<()> {
    let size = terminal.size().context("reading the terminal size")?;
    app.update(Action::Resize(size.width, size.height));
    loop {
        terminal
            .draw(|frame| ui::draw(frame, app, theme))
            .context("drawing")?;
        if app.should_quit {
            return Ok(());
        }
        if let Some(force) = app.export_requested {
            let outcome = app.write_briefing(&app.briefing_path(), force);
            app.update(Action::Exported(outcome));
            continue;
        }
        if app.suspend_requested {
            suspend(terminal)?;
            let size = terminal.size().context("reading the terminal size")?;
            app.update(Action::Resumed(size.width, size.height));
            continue;
        }
        // A long search runs a slice at a time, as long as no key is waiting.
        if app.searching() && !event::poll(Duration::ZERO).context("reading input")? {
            app.update(Action::SearchStep);
            continue;
        }
        if let Some(reloads) = reloads {
            if let Ok(result) = reloads.try_recv() {
                app.update(Action::Reloaded(Box::new(result)));
                continue;
            }
            if !event::poll(RELOAD_POLL).context("reading input")? {
                continue;
            }
        }
        // Apply everything already waiting before drawing again, so a burst of keys or a resize
        // storm costs one frame, not one per event.
        let mut next = event::read().context("reading input")?;
        loop {
            if let Some(action) = keys::action(&next, app.mode) {
                app.update(action);
            }
            if app.should_quit
                || app.suspend_requested
                || !event::poll(Duration::ZERO).context("reading input")?
            {
                break;
            }
            next = event::read().context("reading input")?;
        }
    }
}
