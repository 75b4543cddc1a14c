//! Owns the real terminal for every screen: raw mode, the alternate screen, mouse capture, signals,
//! Ctrl-Z, the one event loop, and the effects screens ask for (writing files, reading the clock,
//! copying to the clipboard, opening a link), which it performs and reports back. Screens are [`Screen`]s: state that changes only in
//! `update`, draws from `&self`, and never touches a file, the clock or the terminal itself.

use std::io::{IsTerminal, stdout};
use std::path::{Path, PathBuf};
use std::time::Duration;

use anyhow::Context;
use crossterm::cursor::Show;
use crossterm::event::{self, DisableMouseCapture, EnableMouseCapture, Event};
use crossterm::execute;
use ratatui::backend::CrosstermBackend;
use ratatui::{Frame, Terminal};

use crate::core::link::Target;
use crate::core::model::Date;
pub use crate::store::append::{Plan, WriteReport};
use crate::tui::cells::Reserving;
use crate::tui::clipboard::Clipboard;
use crate::tui::opener::Opener;
use crate::tui::theme::Theme;

/// Messages that arrive from outside the terminal (data reloaded by the watcher), already in the
/// screen's own vocabulary.
pub type Inbox<M> = std::sync::mpsc::Receiver<M>;

/// The real terminal, through the backend that draws clusters of uncertain width safely (see
/// `tui::cells`).
type RealTerminal = Terminal<Reserving<CrosstermBackend<std::io::Stdout>>>;

/// How often the loop looks at its inbox while no key is pressed.
const INBOX_POLL: Duration = Duration::from_millis(100);

/// Work a screen's `update` asks the runtime to do, so the state never does it itself.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Effect {
    None,
    Quit,
    /// Give the terminal back and stop until the shell's `fg` (Ctrl-Z).
    Suspend,
    /// Write a briefing note; reported back as [`News::Exported`].
    Export(Briefing),
    /// Append reviewed events to a timeline file; reported back as [`News::Written`].
    Append {
        plan: Plan,
        into: Option<PathBuf>,
        /// The title of the file, if it has to be created.
        title: String,
    },
    /// Put text on the clipboard; reported back as [`News::Copied`].
    Copy(Clip),
    /// Open a checked link or a source file; reported back as [`News::Opened`].
    Open(Target),
}

/// Text to copy, and what it is, for the report.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Clip {
    pub text: String,
    /// "the citation as plain text".
    pub what: String,
}

/// What became of a copy: whether the OSC 52 sequence was written to the terminal, and whether
/// the system clipboard took the text (or why not).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CopyReport {
    pub what: String,
    pub terminal: Result<(), String>,
    pub system: Result<(), String>,
}

/// A briefing note to write to the working folder, named after its as-of date (today's when it
/// has none: the runtime reads the clock, the state does not).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Briefing {
    pub text: String,
    /// What the note is about, as the start of its file name (`briefing-india-us-relations-goyal`).
    pub stem: String,
    pub as_of: Option<Date>,
    /// Replace an existing file (the user said yes).
    pub force: bool,
}

/// The result of writing a briefing note, reported back by the runtime.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ExportOutcome {
    Written(PathBuf),
    /// The file is there already; the user is asked before it is replaced.
    Exists(PathBuf),
    Failed(String),
}

/// What the runtime tells a screen: the terminal's size, and what became of its effects.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum News {
    /// The size at the start.
    Started(u16, u16),
    /// Back from a suspension, at the terminal's current size.
    Resumed(u16, u16),
    Exported(ExportOutcome),
    Written(Result<WriteReport, String>),
    Copied(CopyReport),
    /// What is being opened, or why it cannot be.
    Opened(Result<String, String>),
}

/// What the runtime reaches outside the terminal on the screens' behalf: the clipboard (kept for
/// the whole run) and the opener.
#[derive(Debug, Default)]
pub struct Services {
    pub clipboard: Clipboard,
    pub opener: Opener,
}

/// One screen the runtime can run.
pub trait Screen {
    /// What the screen's `update` takes.
    type Msg;
    /// Why the screen cannot run without a terminal, and what to do instead.
    const NEEDS_TERMINAL: &'static str;
    /// The message for a terminal event in the screen's current mode, if it means anything.
    fn handle(&self, event: &Event) -> Option<Self::Msg>;
    /// Applies a message; the only place the screen's state changes.
    fn update(&mut self, msg: Self::Msg) -> Effect;
    fn draw(&self, frame: &mut Frame, theme: &Theme);
    /// The message for news from the runtime, if the screen cares.
    fn news(&self, news: News) -> Option<Self::Msg>;
    /// Work to do while no key is waiting (the next slice of a long search).
    fn idle(&self) -> Option<Self::Msg> {
        None
    }
}

/// Runs `screen` until it quits. Messages from `inbox` (reloaded data) are applied as they arrive;
/// `services` perform the effects that reach outside the terminal.
pub fn run<S: Screen>(
    screen: &mut S,
    theme: &Theme,
    inbox: Option<&Inbox<S::Msg>>,
    services: &mut Services,
) -> anyhow::Result<()> {
    if !std::io::stdin().is_terminal() || !stdout().is_terminal() {
        anyhow::bail!(S::NEEDS_TERMINAL);
    }
    let mut terminal = enter()?;
    let result = execute!(stdout(), EnableMouseCapture)
        .context("enabling the mouse")
        .and_then(|_| event_loop(&mut terminal, screen, theme, inbox, services));
    restore();
    result
}

/// On SIGTERM, SIGHUP, SIGINT or SIGQUIT: put the terminal back, delete the temporary file of a
/// write under way, and exit with 128 + the signal, as shells expect. A thread waits for them, so the exit is immediate even while waiting for a key.
fn watch_signals() -> std::io::Result<()> {
    use signal_hook::consts::{SIGHUP, SIGINT, SIGQUIT, SIGTERM};
    let mut signals = signal_hook::iterator::Signals::new([SIGTERM, SIGHUP, SIGINT, SIGQUIT])?;
    std::thread::spawn(move || {
        if let Some(signal) = signals.forever().next() {
            restore();
            // A briefing note or a review being written must not leave its temporary file.
            crate::store::atomic::remove_temporaries();
            std::process::exit(128 + signal);
        }
    });
    Ok(())
}

/// Ctrl-Z: give the terminal back, stop until the shell's `fg`, then take it again and redraw.
fn suspend(terminal: &mut RealTerminal) -> anyhow::Result<()> {
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
fn enter() -> anyhow::Result<RealTerminal> {
    // What `ratatui::try_init` does, with our backend; its panic hook is ours below.
    crossterm::terminal::enable_raw_mode().context("setting up the terminal")?;
    execute!(stdout(), crossterm::terminal::EnterAlternateScreen)
        .context("setting up the terminal")?;
    let terminal = Terminal::new(Reserving::new(CrosstermBackend::new(stdout())))
        .context("setting up the terminal")?;
    watch_signals().context("installing signal handlers")?;
    // Restores raw mode and the screen as ratatui's own hook would, and releases the mouse and the
    // cursor too.
    let hook = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        restore();
        hook(info);
    }));
    Ok(terminal)
}

/// Puts the terminal back as it was: raw mode off, main screen, mouse released, cursor shown.
fn restore() {
    let _ = execute!(stdout(), DisableMouseCapture, Show);
    ratatui::restore();
}

/// Where a briefing note goes: the working folder, under a name that says what it is about and
/// as of when (`briefing-india-us-relations-goyal-as-of-2025-05-28.md`); today's date when the
/// timeline has no as-of date.
pub fn briefing_path(stem: &str, as_of: Option<Date>) -> PathBuf {
    let date = as_of
        .map(|d| d.to_string())
        .unwrap_or_else(|| chrono::Local::now().date_naive().to_string());
    PathBuf::from(format!("{stem}-as-of-{date}.md"))
}

/// Writes a briefing note to `path` atomically; an existing file is replaced only with `force`.
pub fn write_briefing(path: &Path, text: &str, force: bool) -> ExportOutcome {
    match crate::store::atomic::write(path, text.as_bytes(), force) {
        Ok(()) => ExportOutcome::Written(path.to_path_buf()),
        Err(crate::store::atomic::WriteError::Exists(p)) => ExportOutcome::Exists(p),
        Err(e) => ExportOutcome::Failed(e.to_string()),
    }
}

/// Performs an effect on files, the clipboard or the opener, and says what became of it; `None`
/// for the loop's own effects (quitting and suspending).
pub fn perform(effect: Effect, services: &mut Services) -> Option<News> {
    match effect {
        Effect::Export(note) => Some(News::Exported(write_briefing(
            &briefing_path(&note.stem, note.as_of),
            &note.text,
            note.force,
        ))),
        Effect::Append { plan, into, title } => Some(News::Written(match into {
            Some(path) => {
                crate::store::append::write_into(&path, &plan, &title).map_err(|e| e.to_string())
            }
            None => Err("no --into file".to_string()),
        })),
        Effect::Copy(clip) => {
            let (terminal, system) = services.clipboard.copy(&mut stdout(), &clip.text);
            Some(News::Copied(CopyReport {
                what: clip.what,
                terminal,
                system,
            }))
        }
        Effect::Open(target) => Some(News::Opened(services.opener.open(&target))),
        Effect::None | Effect::Quit | Effect::Suspend => None,
    }
}

/// What the loop does next after an effect.
enum Next {
    Go,
    /// Draw before reading more input (the screen changed under the terminal).
    Redraw,
    Quit,
}

/// Applies `msg` and every effect it leads to: a file effect's news is applied in turn.
fn apply<S: Screen>(
    terminal: &mut RealTerminal,
    screen: &mut S,
    msg: S::Msg,
    services: &mut Services,
) -> anyhow::Result<Next> {
    let mut effect = screen.update(msg);
    loop {
        match effect {
            Effect::None => return Ok(Next::Go),
            Effect::Quit => return Ok(Next::Quit),
            Effect::Suspend => {
                suspend(terminal)?;
                let size = terminal.size().context("reading the terminal size")?;
                if let Some(msg) = screen.news(News::Resumed(size.width, size.height)) {
                    screen.update(msg);
                }
                return Ok(Next::Redraw);
            }
            other => {
                let Some(msg) = perform(other, services).and_then(|news| screen.news(news)) else {
                    return Ok(Next::Go);
                };
                effect = screen.update(msg);
            }
        }
    }
}

fn event_loop<S: Screen>(
    terminal: &mut RealTerminal,
    screen: &mut S,
    theme: &Theme,
    inbox: Option<&Inbox<S::Msg>>,
    services: &mut Services,
) -> anyhow::Result<()> {
    let size = terminal.size().context("reading the terminal size")?;
    if let Some(msg) = screen.news(News::Started(size.width, size.height))
        && let Next::Quit = apply(terminal, screen, msg, services)?
    {
        return Ok(());
    }
    loop {
        terminal
            .draw(|frame| screen.draw(frame, theme))
            .context("drawing")?;
        // A long search runs a slice at a time, as long as no key is waiting.
        if let Some(msg) = screen.idle()
            && !event::poll(Duration::ZERO).context("reading input")?
        {
            if let Next::Quit = apply(terminal, screen, msg, services)? {
                return Ok(());
            }
            continue;
        }
        if let Some(inbox) = inbox {
            if let Ok(msg) = inbox.try_recv() {
                if let Next::Quit = apply(terminal, screen, msg, services)? {
                    return Ok(());
                }
                continue;
            }
            if !event::poll(INBOX_POLL).context("reading input")? {
                continue;
            }
        }
        // Apply everything already waiting before drawing again, so a burst of keys or a resize
        // storm costs one frame, not one per event.
        let mut next = event::read().context("reading input")?;
        loop {
            let step = match screen.handle(&next) {
                Some(msg) => apply(terminal, screen, msg, services)?,
                None => Next::Go,
            };
            match step {
                Next::Quit => return Ok(()),
                Next::Redraw => break,
                Next::Go => {}
            }
            if !event::poll(Duration::ZERO).context("reading input")? {
                break;
            }
            next = event::read().context("reading input")?;
        }
    }
}
