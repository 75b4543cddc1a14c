//! The command line: arguments, and one library call per subcommand.
//!
//! Exit codes: 0 success, 1 data error or nothing found, 2 usage error (clap's own).

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::Context;
use clap::{Args, CommandFactory, Parser, Subcommand};
use unicode_width::UnicodeWidthStr;

mod screens;
pub mod settings;

use settings::Settings;

use crate::core::ingest;
use crate::core::model::{Date, Era, Event, Timeline};
use crate::core::sanitize;
use crate::core::search::{Field, Matcher, Query, SearchIndex};
use crate::core::selection::Selection;
use crate::formats::diagnostics::LoadError;
use crate::formats::export::{self, ExportFormat};
use crate::store::atomic;
use crate::store::load;
use crate::tui::browse::app::Action;

#[derive(Debug, Parser)]
#[command(
    name = "bilateral",
    version,
    about = "Browse a cited timeline of India–US relations (or your own) in the terminal.",
    long_about = "Browse a cited timeline of India–US relations (or your own) in the terminal.\n\n\
        With no command, opens the timeline browser. Every event carries its date at the precision \
        its source gives (a month is not a day) and cites its source.",
    after_help = "Settings (theme, default --data, keys) live in a configuration file: \
        `bilateral config` shows where, and what it may hold.",
    subcommand_help_heading = "Commands"
)]
pub struct Cli {
    #[command(flatten)]
    pub data: DataArgs,
    #[command(flatten)]
    pub look: LookArgs,
    #[command(flatten)]
    pub watch: WatchArgs,
    /// Start at the top with no filter, instead of where the browser was left last time with
    /// these timelines.
    #[arg(long, help_heading = "Browser options")]
    pub fresh: bool,
    #[command(subcommand)]
    pub command: Option<Command>,
}

/// Which timelines to load, for the commands that read them. Given before a command, they apply
/// to it too.
#[derive(Debug, Clone, Default, Args)]
#[command(next_help_heading = "Timeline options")]
pub struct DataArgs {
    /// A timeline file (native JSON, TimelineJS JSON or TimelineJS spreadsheet CSV), or a folder
    /// of *.json files (repeatable); replaces the configuration's `data`.
    #[arg(long = "data", value_name = "PATH")]
    pub data: Vec<PathBuf>,
    /// Leave out the built-in India–US dataset (the default once --data is given).
    #[arg(long, conflicts_with = "builtin")]
    pub no_builtin: bool,
    /// Add the built-in India–US dataset to the --data files.
    #[arg(long)]
    pub builtin: bool,
    /// Parse the timeline files afresh, neither using nor writing the load cache (large files are
    /// otherwise kept, parsed, in the platform's cache folder or BILATERAL_CACHE_DIR).
    #[arg(long)]
    pub no_cache: bool,
    /// Reference date for countdowns and the list's "as of" divider: today, YYYY-MM-DD, "may 2025"...;
    /// default: the dataset's as-of date.
    #[arg(long, value_name = "DATE", value_parser = parse_date)]
    pub as_of: Option<Date>,
}

impl DataArgs {
    /// What the command line says of the built-in dataset, if anything.
    fn builtin_flag(&self) -> Option<bool> {
        match (self.builtin, self.no_builtin) {
            (true, _) => Some(true),
            (_, true) => Some(false),
            _ => None,
        }
    }

    /// These options, with `outer`'s (given before the command) where these leave one unset.
    fn or(self, outer: &DataArgs) -> DataArgs {
        DataArgs {
            data: if self.data.is_empty() {
                outer.data.clone()
            } else {
                self.data
            },
            no_builtin: self.no_builtin || outer.no_builtin,
            builtin: self.builtin || outer.builtin,
            no_cache: self.no_cache || outer.no_cache,
            as_of: self.as_of.or(outer.as_of),
        }
    }
}

/// How screens look.
#[derive(Debug, Clone, Default, Args)]
#[command(next_help_heading = "Browser options")]
pub struct LookArgs {
    /// Colours: dark, light or high-contrast (for projectors); else $BILATERAL_THEME, else the
    /// configuration's `theme`. NO_COLOR turns colours off in any.
    #[arg(long, value_name = "NAME", value_parser = crate::tui::theme::NAMES)]
    pub theme: Option<String>,
}

/// Live reload, for the browser.
#[derive(Debug, Clone, Default, Args)]
#[command(next_help_heading = "Browser options")]
pub struct WatchArgs {
    /// Reload the timeline files in the browser when they change; a broken save keeps the last
    /// good data on screen and shows the error until it is fixed.
    #[arg(long)]
    pub watch: bool,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Print the timeline in order, optionally narrowed.
    List {
        #[command(flatten)]
        args: ListArgs,
        #[command(flatten)]
        data: DataArgs,
    },
    /// Print one event in full, with its sources.
    Show {
        /// The event's id (see `bilateral list`).
        id: String,
        /// Print the event as JSON in the native format.
        #[arg(long)]
        json: bool,
        #[command(flatten)]
        data: DataArgs,
    },
    /// Search the timeline, best match first (same query language as the browser's `/`).
    Search {
        /// e.g. "goyal", "tag:trade from:2025-05", "'COMPACT", "misri | kessler".
        query: String,
        /// Print at most this many results.
        #[arg(long, default_value_t = 20)]
        limit: usize,
        /// Print the results as JSON in the native format.
        #[arg(long)]
        json: bool,
        /// Also print weak matches (letters scattered through a field, or inside another word),
        /// which are left out when strong ones exist.
        #[arg(long)]
        all: bool,
        #[command(flatten)]
        data: DataArgs,
    },
    /// Write a synthetic timeline in the native format, for benchmarks (same seed, same file).
    Generate {
        /// How many events.
        #[arg(long)]
        events: usize,
        /// Seed for the generator.
        #[arg(long, default_value_t = 1)]
        seed: u64,
    },
    /// Present events one per screen, for a projector (Esc returns to the browser).
    Present {
        #[command(flatten)]
        args: PresentArgs,
        #[command(flatten)]
        data: DataArgs,
        #[command(flatten)]
        look: LookArgs,
        #[command(flatten)]
        watch: WatchArgs,
    },
    /// Propose draft events from a plain-text article, one per date expression found.
    ///
    /// The output is a timeline file whose events are drafts: browse it with --data, check it with
    /// `validate`, and accept, edit, merge or reject its drafts with `review`.
    Ingest {
        /// The article as plain text, ideally starting with `date YYYY-MM-DD` (its dateline).
        path: PathBuf,
        /// The day the article was written, for articles without a leading `date` line.
        #[arg(long, value_name = "DATE", value_parser = parse_date)]
        dateline: Option<Date>,
        /// Write the drafts to FILE instead of standard output.
        #[arg(long, value_name = "FILE")]
        out: Option<PathBuf>,
        /// Replace FILE if it exists.
        #[arg(long, requires = "out")]
        force: bool,
        #[command(flatten)]
        data: DataArgs,
    },
    /// Step through draft events (from `ingest`) and accept, edit, merge or reject each.
    Review {
        /// A file of drafts, as written by `bilateral ingest --out`.
        path: PathBuf,
        /// The timeline file accepted events are appended to (created if missing).
        #[arg(long, value_name = "FILE")]
        into: Option<PathBuf>,
        #[command(flatten)]
        data: DataArgs,
        #[command(flatten)]
        look: LookArgs,
    },
    /// Check timeline files; exit 0 when valid, 1 with every problem on stderr.
    Validate {
        /// Files or folders to check (the built-in dataset is not included).
        #[arg(required = true, value_name = "PATH")]
        paths: Vec<PathBuf>,
    },
    /// Convert a TimelineJS JSON or spreadsheet CSV file to the native format (what cannot be
    /// carried over is listed on stderr); with --country, import one country's records from the
    /// Office of the Historian's open-data XML (files or folders) instead.
    Import {
        /// The file to convert; with --country, XML files or folders (walked for *.xml).
        #[arg(value_name = "PATH", required = true)]
        paths: Vec<PathBuf>,
        /// An Office of the Historian country id (india, norway, united-kingdom, ...).
        #[arg(long, value_name = "ID")]
        country: Option<String>,
        /// Write the native JSON here (default: standard output).
        #[arg(long, value_name = "FILE")]
        out: Option<PathBuf>,
        /// Replace the --out file if it exists.
        #[arg(long)]
        force: bool,
    },
    /// Write the timeline, or the part a query selects, as a briefing note, native JSON,
    /// TimelineJS JSON, iCalendar or an SVG chart.
    Export {
        /// markdown (a briefing note), json (native, loadable with --data), timelinejs, ics
        /// (events with a day), or svg (the chart as an image).
        #[arg(long, value_enum, default_value = "markdown")]
        format: ExportFormat,
        /// Write here (default: standard output).
        #[arg(long, value_name = "FILE")]
        out: Option<PathBuf>,
        /// Replace the --out file if it exists.
        #[arg(long)]
        force: bool,
        /// Only events matching this search (same language as `search`).
        #[arg(long, value_name = "QUERY")]
        query: Option<String>,
        /// Only events reaching this date or later.
        #[arg(long, value_parser = parse_date)]
        from: Option<Date>,
        /// Only events starting by the end of this date.
        #[arg(long, value_parser = parse_date)]
        until: Option<Date>,
        #[command(flatten)]
        data: DataArgs,
    },
    /// Print a shell completion script: `bilateral completions bash > …` (see the README for where
    /// each shell looks).
    Completions {
        /// bash, zsh, fish, powershell or elvish.
        #[arg(value_enum)]
        shell: clap_complete::Shell,
    },
    /// Print the manual page (roff), or write a page for every command into a folder.
    Man {
        /// Write bilateral.1 and a bilateral-COMMAND.1 page per command into this folder (e.g.
        /// ~/.local/share/man/man1) instead of printing bilateral.1.
        #[arg(long, value_name = "DIR")]
        dir: Option<PathBuf>,
    },
    /// Print where the configuration file is, and a commented default to start one from.
    Config {
        /// Print only the file's path.
        #[arg(long)]
        path: bool,
    },
}

#[derive(Debug, Args)]
pub struct PresentArgs {
    /// Only events matching this query (the browser's search language).
    #[arg(long)]
    pub query: Option<String>,
    /// Only events reaching this date or later.
    #[arg(long, value_parser = parse_date)]
    pub from: Option<Date>,
    /// Only events starting by the end of this date.
    #[arg(long, value_parser = parse_date)]
    pub until: Option<Date>,
}

impl PresentArgs {
    /// The slides' selection as one query in the search language.
    pub fn query_text(&self) -> String {
        let mut parts: Vec<String> = self.query.iter().cloned().collect();
        parts.extend(self.from.map(|d| format!("from:{d}")));
        parts.extend(self.until.map(|d| format!("until:{d}")));
        parts.join(" ")
    }
}

#[derive(Debug, Args)]
pub struct ListArgs {
    /// Only events reaching this date or later (YYYY, YYYY-MM or YYYY-MM-DD).
    #[arg(long, value_parser = parse_date)]
    pub from: Option<Date>,
    /// Only events starting by the end of this date.
    #[arg(long, value_parser = parse_date)]
    pub until: Option<Date>,
    /// Only events with this tag.
    #[arg(long)]
    pub tag: Option<String>,
    /// Only events involving this person or body (substring, any case).
    #[arg(long)]
    pub actor: Option<String>,
    /// Only events of this kind (visit, meeting, tariff, ...).
    #[arg(long)]
    pub kind: Option<String>,
    /// Print the events as JSON in the native format.
    #[arg(long)]
    pub json: bool,
}

/// A date on the command line: ISO forms, `today`, or a month or day in words ("may 2025").
fn parse_date(s: &str) -> Result<Date, String> {
    Date::parse_spoken(s, Some(today())).map_err(|e| e.to_string())
}

/// Today's date on this machine's clock, read here at the edge and handed inward.
pub fn today() -> Date {
    Date::from_naive(chrono::Local::now().date_naive())
}

/// What a command that reads timelines runs with: the command line and the configuration file
/// put together.
#[derive(Debug, Clone)]
pub struct Globals {
    pub options: load::Options,
    pub as_of: Option<Date>,
    pub settings: Settings,
    /// `--no-cache`: parse every file afresh.
    pub no_cache: bool,
}

impl Globals {
    /// Reads the configuration and combines it with `data`; a bad configuration is reported (each
    /// problem at its line and column) and is the command's exit code.
    fn new(data: &DataArgs) -> Result<Globals, ExitCode> {
        let settings = Settings::load().map_err(|e| report_config(&e))?;
        Ok(Globals {
            options: settings.options(&data.data, data.builtin_flag()),
            as_of: data.as_of,
            settings,
            no_cache: data.no_cache,
        })
    }

    pub fn options(&self) -> load::Options {
        let mut options = self.options.clone();
        options.cache = if self.no_cache {
            None
        } else {
            crate::store::cache::default_dir()
        };
        options
    }
}

/// Leaves a loaded timeline for the operating system to reclaim: the process is about to exit,
/// and freeing a million events one allocation at a time takes longer than loading them did.
pub(crate) fn exit_without_freeing<T>(loaded: T) {
    std::mem::forget(loaded);
}

/// Loads the timeline for a command, printing the load cache's notices, and a progress line on a
/// terminal's stderr while a load takes longer than half a second.
pub(crate) fn load_timeline(data: &Globals) -> Result<Timeline, LoadError> {
    use std::io::IsTerminal;
    let mut options = data.options();
    let mut notices = Vec::new();
    let result = if options.paths.is_empty() || !std::io::stderr().is_terminal() {
        load::load_noting(&options, &mut notices)
    } else {
        let progress = std::sync::Arc::new(load::Progress::default());
        options.progress = Some(progress.clone());
        let (done, finished) = std::sync::mpsc::channel::<()>();
        let ticker = std::thread::spawn(move || show_progress(&progress, &finished));
        let result = load::load_noting(&options, &mut notices);
        let _ = done.send(());
        let _ = ticker.join();
        result
    };
    for n in &notices {
        eprintln!("bilateral: note: {n}");
    }
    result
}

/// Shows what the load is doing once it has taken half a second, until told it is done; then
/// clears the line.
fn show_progress(progress: &load::Progress, finished: &std::sync::mpsc::Receiver<()>) {
    use std::sync::mpsc::RecvTimeoutError;
    use std::time::Duration;
    if finished.recv_timeout(Duration::from_millis(500)) != Err(RecvTimeoutError::Timeout) {
        return;
    }
    let mut shown = false;
    loop {
        let (stage, share) = progress.get();
        if !stage.is_empty() {
            let share = share.map_or(String::new(), |s| format!(" {:.0}%", s * 100.0));
            eprint!("\r\x1b[Kbilateral: {stage}…{share}");
            shown = true;
        }
        if finished.recv_timeout(Duration::from_millis(100)) != Err(RecvTimeoutError::Timeout) {
            break;
        }
    }
    if shown {
        eprint!("\r\x1b[K");
    }
}

/// The binary's entry: parse arguments, run the command, and turn errors into exit codes.
pub fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => {
            let _ = e.print();
            return ExitCode::from(e.exit_code().clamp(0, 255) as u8);
        }
    };
    if let Some(why) = misplaced(&cli) {
        let e = Cli::command().error(clap::error::ErrorKind::ArgumentConflict, why);
        let _ = e.print();
        return ExitCode::from(e.exit_code().clamp(0, 255) as u8);
    }
    match dispatch(cli) {
        Ok(code) => code,
        Err(e) if is_broken_pipe(&e) => ExitCode::SUCCESS,
        Err(e) => {
            say(format!("bilateral: {e:#}"));
            ExitCode::from(1)
        }
    }
}

/// Options given before a command that the command has no use for: accepted silently they would
/// look as if they did something.
fn misplaced(cli: &Cli) -> Option<String> {
    let command = cli.command.as_ref()?;
    let (name, data, theme, watch) = match command {
        Command::List { .. } => ("list", true, false, false),
        Command::Show { .. } => ("show", true, false, false),
        Command::Search { .. } => ("search", true, false, false),
        Command::Export { .. } => ("export", true, false, false),
        Command::Ingest { .. } => ("ingest", true, false, false),
        Command::Present { .. } => ("present", true, true, true),
        Command::Review { .. } => ("review", true, true, false),
        Command::Generate { .. } => ("generate", false, false, false),
        Command::Validate { .. } => ("validate", false, false, false),
        Command::Import { .. } => ("import", false, false, false),
        Command::Completions { .. } => ("completions", false, false, false),
        Command::Man { .. } => ("man", false, false, false),
        Command::Config { .. } => ("config", false, false, false),
    };
    let flags = [
        ("--data", !cli.data.data.is_empty() && !data),
        ("--no-builtin", cli.data.no_builtin && !data),
        ("--builtin", cli.data.builtin && !data),
        ("--as-of", cli.data.as_of.is_some() && !data),
        ("--theme", cli.look.theme.is_some() && !theme),
        ("--watch", cli.watch.watch && !watch),
        ("--fresh", cli.fresh),
    ];
    let given: Vec<&str> = flags.iter().filter(|(_, g)| *g).map(|(f, _)| *f).collect();
    let (last, rest) = given.split_last()?;
    let list = if rest.is_empty() {
        format!("{last} does")
    } else {
        format!("{} and {last} do", rest.join(", "))
    };
    Some(format!(
        "{list} not apply to `{name}` (see `bilateral {name} --help`)"
    ))
}

/// Output piped into `head` and closed early is not an error worth reporting.
fn is_broken_pipe(e: &anyhow::Error) -> bool {
    e.chain().any(|c| {
        c.downcast_ref::<std::io::Error>()
            .is_some_and(|io| io.kind() == std::io::ErrorKind::BrokenPipe)
    })
}

/// Runs a command that needs the configuration and the timelines' options.
fn with_globals(
    data: &DataArgs,
    command: impl FnOnce(&Globals) -> anyhow::Result<ExitCode>,
) -> anyhow::Result<ExitCode> {
    match Globals::new(data) {
        Ok(globals) => command(&globals),
        Err(code) => Ok(code),
    }
}

/// Runs any command: the one dispatch, browser and review screen included.
pub fn dispatch(cli: Cli) -> anyhow::Result<ExitCode> {
    let outer = cli.data;
    let theme = cli.look.theme;
    let watch = cli.watch.watch;
    // The screens' runtime has its own handler, which also gives the terminal back.
    if !matches!(
        cli.command,
        None | Some(Command::Present { .. } | Command::Review { .. })
    ) {
        clean_up_on_signals();
    }
    match cli.command {
        None => with_globals(&outer, |g| {
            screens::browse(g, theme.as_deref(), watch, &[], Some(cli.fresh))
        }),
        Some(Command::Present {
            args,
            data,
            look,
            watch: w,
        }) => with_globals(&data.or(&outer), |g| {
            screens::browse(
                g,
                look.theme.or(theme).as_deref(),
                w.watch || watch,
                &[Action::SetQuery(args.query_text()), Action::Present],
                None,
            )
        }),
        Some(Command::Review {
            path,
            into,
            data,
            look,
        }) => with_globals(&data.or(&outer), |g| {
            screens::review(g, look.theme.or(theme).as_deref(), &path, into)
        }),
        Some(Command::Validate { paths }) => validate(&paths),
        Some(Command::Import {
            paths,
            country,
            out,
            force,
        }) => match (country, paths.as_slice()) {
            (Some(id), _) => import_country(&id, &paths, out.as_deref(), force),
            (None, [path]) => import(path, out.as_deref(), force),
            (None, _) => anyhow::bail!(
                "import converts one file at a time; give --country ID to import Office of the \
                 Historian records from several files or folders"
            ),
        },
        Some(Command::Generate { events, seed }) => {
            let mut out = std::io::BufWriter::new(std::io::stdout().lock());
            crate::core::generate::write(crate::core::generate::Spec { events, seed }, &mut out)?;
            out.flush().context("writing to standard output")?;
            Ok(ExitCode::SUCCESS)
        }
        Some(Command::Completions { shell }) => {
            let mut out = std::io::stdout().lock();
            clap_complete::generate(shell, &mut Cli::command(), "bilateral", &mut out);
            out.flush().context("writing to standard output")?;
            Ok(ExitCode::SUCCESS)
        }
        Some(Command::Man { dir: None }) => {
            let mut out = std::io::stdout().lock();
            clap_mangen::Man::new(Cli::command())
                .render(&mut out)
                .context("writing the manual page")?;
            out.flush().context("writing to standard output")?;
            Ok(ExitCode::SUCCESS)
        }
        Some(Command::Man { dir: Some(dir) }) => {
            clap_mangen::generate_to(Cli::command(), &dir)
                .with_context(|| format!("writing manual pages to {}", dir.display()))?;
            eprintln!(
                "bilateral: manual pages written to {} (`man bilateral` finds them when the folder \
                 is a man1 folder on the MANPATH)",
                dir.display()
            );
            Ok(ExitCode::SUCCESS)
        }
        Some(Command::Config { path }) => config(path),
        Some(Command::List { args, data }) => with_globals(&data.or(&outer), |g| {
            on_timeline(g, |t, out| list(g, t, out, &args))
        }),
        Some(Command::Export {
            format,
            out: path,
            force,
            query,
            from,
            until,
            data,
        }) => with_globals(&data.or(&outer), |g| {
            on_timeline(g, |t, out| {
                export(g, t, out, format, path, force, query, from, until)
            })
        }),
        Some(Command::Show { id, json, data }) => with_globals(&data.or(&outer), |g| {
            on_timeline(g, |t, out| show(g, t, out, &id, json))
        }),
        Some(Command::Search {
            query,
            limit,
            json,
            all,
            data,
        }) => with_globals(&data.or(&outer), |g| {
            on_timeline(g, |t, out| search(g, t, out, &query, limit, json, all))
        }),
        Some(Command::Ingest {
            path,
            dateline,
            out: target,
            force,
            data,
        }) => with_globals(&data.or(&outer), |g| {
            on_timeline(g, |t, out| {
                ingest(t, &path, dateline, target.as_deref(), force, out)?;
                Ok(ExitCode::SUCCESS)
            })
        }),
    }
}

/// `bilateral config`: the file's path and a commented default to start it from; with `--path`,
/// only the path. An existing file with problems has them listed on stderr (exit 1), so this is
/// also how to check a file.
fn config(path_only: bool) -> anyhow::Result<ExitCode> {
    let mut out = std::io::stdout().lock();
    if path_only {
        writeln!(out, "{}", settings::path_text())?;
        out.flush().context("writing to standard output")?;
        return Ok(ExitCode::SUCCESS);
    }
    out.write_all(settings::commented_default().as_bytes())?;
    out.flush().context("writing to standard output")?;
    let exists = crate::store::config::path().is_some_and(|p| p.exists());
    match Settings::load() {
        Err(e) => Ok(report_config(&e)),
        Ok(_) if exists => {
            eprintln!("bilateral: {} is valid", settings::path_text());
            Ok(ExitCode::SUCCESS)
        }
        Ok(_) => {
            eprintln!(
                "bilateral: {} does not exist yet; `bilateral config > FILE` starts one",
                settings::path_text()
            );
            Ok(ExitCode::SUCCESS)
        }
    }
}

/// Prints every problem in the configuration file to stderr; the exit code for it.
fn report_config(e: &LoadError) -> ExitCode {
    let mut err = std::io::stderr().lock();
    for d in &e.diagnostics {
        let _ = writeln!(err, "{d}");
    }
    let n = e.diagnostics.len();
    let _ = writeln!(
        err,
        "bilateral: {n} problem{} in the configuration file; fix {} (`bilateral config` shows every \
         setting)",
        if n == 1 { "" } else { "s" },
        if n == 1 { "it" } else { "them" },
    );
    ExitCode::from(1)
}

/// On SIGTERM, SIGINT, SIGHUP or SIGQUIT: delete the temporary file of a write under way (an
/// export of a large timeline takes a while), then end as the signal would have ended the process.
fn clean_up_on_signals() {
    use signal_hook::consts::{SIGHUP, SIGINT, SIGQUIT, SIGTERM};
    let Ok(mut signals) = signal_hook::iterator::Signals::new([SIGTERM, SIGHUP, SIGINT, SIGQUIT])
    else {
        return;
    };
    std::thread::spawn(move || {
        if let Some(signal) = signals.forever().next() {
            atomic::remove_temporaries();
            let _ = signal_hook::low_level::emulate_default_handler(signal);
            std::process::exit(128 + signal);
        }
    });
}

/// Runs a command that reads the loaded timeline and prints to standard output, flushed after it;
/// a timeline that does not load is reported instead.
fn on_timeline(
    data: &Globals,
    command: impl FnOnce(&Timeline, &mut std::io::StdoutLock<'static>) -> anyhow::Result<ExitCode>,
) -> anyhow::Result<ExitCode> {
    let timeline = match load_timeline(data) {
        Ok(t) => t,
        Err(e) => return Ok(report(&e)),
    };
    warn(&timeline.warnings);
    let mut out = std::io::stdout().lock();
    let code = command(&timeline, &mut out)?;
    out.flush().context("writing to standard output")?;
    exit_without_freeing(timeline);
    Ok(code)
}

fn list(
    data: &Globals,
    timeline: &Timeline,
    out: &mut impl Write,
    args: &ListArgs,
) -> anyhow::Result<ExitCode> {
    let query = list_query(args);
    let events: Vec<&Event> = SearchIndex::new(&timeline.events)
        .search(&timeline.events, &query)
        .iter()
        .map(|h| &timeline.events[h.index as usize])
        .collect();
    if args.json {
        write_json(out, timeline, &events)?;
    } else {
        write_table(out, &events, data.as_of.or(timeline.as_of).as_ref())?;
    }
    Ok(ExitCode::SUCCESS)
}

#[allow(clippy::too_many_arguments)]
fn export(
    data: &Globals,
    timeline: &Timeline,
    out: &mut impl Write,
    format: ExportFormat,
    path: Option<PathBuf>,
    force: bool,
    query: Option<String>,
    from: Option<Date>,
    until: Option<Date>,
) -> anyhow::Result<ExitCode> {
    let as_of = data.as_of.or(timeline.as_of);
    let filter = [
        query.clone(),
        from.map(|d| format!("from:{d}")),
        until.map(|d| format!("until:{d}")),
    ]
    .into_iter()
    .flatten()
    .collect::<Vec<_>>()
    .join(" ");
    let mut query = Query::parse(query.as_deref().unwrap_or(""));
    for p in &query.problems {
        say(format!("bilateral: ignoring {p}"));
    }
    if let Some(d) = from {
        query.require_date(Matcher::From(d));
    }
    if let Some(d) = until {
        query.require_date(Matcher::Until(d));
    }
    // Exports keep timeline order, whatever a text query would rank first. They hold what the
    // browser and `search` show: letters scattered through other words are not "mentioning" it.
    let mut hits = SearchIndex::new(&timeline.events).search(&timeline.events, &query);
    let hidden = crate::core::search::hide_weaker(&mut hits);
    if hidden > 0 {
        say(format!(
            "bilateral: left out {hidden} weaker match{} (letters scattered or inside other words)",
            if hidden == 1 { "" } else { "es" }
        ));
    }
    hits.sort_unstable_by_key(|h| h.index);
    let events: Vec<&Event> = hits
        .iter()
        .map(|h| &timeline.events[h.index as usize])
        .collect();
    if events.is_empty() {
        say("bilateral: no events to export");
        return Ok(ExitCode::from(1));
    }
    let mut selection = Selection::new(timeline, events);
    selection.as_of = as_of;
    selection.filter = filter;
    let rendered = export::render(format, &selection, chrono::Utc::now())?;
    for note in &rendered.notes {
        say(format!("bilateral: {note}"));
    }
    match path {
        // A file bilateral could not read back is refused by the writer.
        Some(p) => atomic::write(&p, rendered.text.as_bytes(), force)?,
        None => {
            if matches!(format, ExportFormat::Json | ExportFormat::Timelinejs)
                && rendered.text.len() as u64 > load::MAX_FILE_BYTES
            {
                say(format!(
                    "bilateral: this export is {} MiB, over the {} MiB limit of the files \
                     bilateral reads: saved as a file, it could not be loaded back",
                    rendered.text.len() >> 20,
                    load::MAX_FILE_BYTES >> 20
                ));
            }
            out.write_all(rendered.text.as_bytes())?
        }
    }
    Ok(ExitCode::SUCCESS)
}

fn show(
    data: &Globals,
    timeline: &Timeline,
    out: &mut impl Write,
    id: &str,
    json: bool,
) -> anyhow::Result<ExitCode> {
    let as_of = data.as_of.or(timeline.as_of);
    let code = match timeline.find(id) {
        Some(event) if json => {
            crate::formats::native::safe_json::to_writer_pretty(out, event)?;
            ExitCode::SUCCESS
        }
        Some(event) => {
            let eras: Vec<&Era> = timeline.eras_of(event).collect();
            write_event(out, event, &eras, as_of.as_ref())?;
            ExitCode::SUCCESS
        }
        None => {
            let mut err = std::io::stderr().lock();
            let _ = writeln!(
                err,
                "bilateral: no event with id `{}`",
                crate::core::sanitize::line(id)
            );
            let close = close_ids(timeline, id, as_of.as_ref());
            if close.is_empty() {
                let _ = writeln!(err, "(see `bilateral list` or `bilateral search`)");
            } else {
                let _ = writeln!(err, "did you mean:");
                for e in close {
                    let _ = writeln!(
                        err,
                        "  {}  {} ({})",
                        sanitize::line(&e.id),
                        sanitize::line(&e.title),
                        e.date_label()
                    );
                }
            }
            ExitCode::from(1)
        }
    };
    Ok(code)
}

/// Up to five events whose id is close to `id` (a typo, a missing suffix) or which a search for
/// it finds, best first.
fn close_ids<'a>(timeline: &'a Timeline, id: &str, as_of: Option<&Date>) -> Vec<&'a Event> {
    let wanted = id.to_lowercase();
    let mut by_id: Vec<(f64, &Event)> = timeline
        .events
        .iter()
        .map(|e| {
            let score = strsim::jaro_winkler(&wanted, &e.id.to_lowercase());
            let contains = e.id.to_lowercase().contains(&wanted) || wanted.contains(&*e.id);
            (if contains { score.max(0.9) } else { score }, e)
        })
        .filter(|(score, _)| *score >= 0.85)
        .collect();
    by_id.sort_by(|a, b| b.0.total_cmp(&a.0).then_with(|| a.1.id.cmp(&b.1.id)));
    let mut out: Vec<&Event> = by_id.into_iter().map(|(_, e)| e).take(5).collect();
    let searched = crate::core::search::top_near_once(
        &timeline.events,
        &Query::parse(&wanted.replace(['-', '_'], " ")),
        5,
        as_of,
        false,
    );
    for h in searched.hits {
        let e = &timeline.events[h.index as usize];
        if out.len() < 5 && !out.iter().any(|o| o.id == e.id) {
            out.push(e);
        }
    }
    out
}

fn search(
    data: &Globals,
    timeline: &Timeline,
    out: &mut impl Write,
    query: &str,
    limit: usize,
    json: bool,
    all: bool,
) -> anyhow::Result<ExitCode> {
    let query = Query::parse(query);
    for p in &query.problems {
        say(format!("bilateral: ignoring {p}"));
    }
    let as_of = data.as_of.or(timeline.as_of);
    // One search: searched chunk by chunk, without building an index to keep.
    let top =
        crate::core::search::top_near_once(&timeline.events, &query, limit, as_of.as_ref(), all);
    let hits = top.hits;
    let events: Vec<&Event> = hits
        .iter()
        .map(|h| &timeline.events[h.index as usize])
        .collect();
    if json {
        write_json(out, timeline, &events)?;
    } else {
        write_table(out, &events, data.as_of.or(timeline.as_of).as_ref())?;
    }
    if top.hidden > 0 {
        eprintln!(
            "bilateral: {} weaker match{} (letters scattered or inside other words) not shown; --all shows them",
            top.hidden,
            if top.hidden == 1 { "" } else { "es" }
        );
    }
    Ok(if events.is_empty() {
        say("bilateral: no matches");
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}

/// Reads an article, proposes drafts and writes them to `target` (atomically) or `out`.
fn ingest(
    timeline: &Timeline,
    path: &Path,
    dateline: Option<Date>,
    target: Option<&Path>,
    force: bool,
    out: &mut impl Write,
) -> anyhow::Result<()> {
    let name = path.display().to_string();
    let bytes = load::read_bytes(path).map_err(|e| anyhow::anyhow!("{name}: {e}"))?;
    let text = String::from_utf8(bytes).map_err(|e| {
        anyhow::anyhow!(
            "{name} is not UTF-8 text (at byte {})",
            e.utf8_error().valid_up_to()
        )
    })?;
    let article = ingest::Article::parse(&name, &text, dateline)?;
    let events = ingest::draft_events(&article, &timeline.events);
    let count = events.len();
    let dataset = ingest::dataset(&article, events);
    // Escaped like every JSON output: an article may carry terminal escapes in its text.
    let json = crate::formats::native::safe_json::to_string_pretty(&dataset)?;
    // What we write must load: a failure here is a bug in ingest, caught before anyone sees a file.
    if let Err(e) = crate::formats::native::parse_str(&name, &json) {
        anyhow::bail!("the drafts do not load back, which is a bug:\n{e}");
    }
    match target {
        Some(target) => {
            atomic::write(target, json.as_bytes(), force)?;
            say(format!(
                "bilateral: {count} draft event{} from {name} (dateline {}) written to {}; review with \
                 `bilateral review {}`",
                if count == 1 { "" } else { "s" },
                article.dateline,
                target.display(),
                target.display()
            ));
        }
        None => out.write_all(json.as_bytes())?,
    }
    Ok(())
}

/// The `list` flags as a query, so `list` and search share one matching engine.
fn list_query(args: &ListArgs) -> Query {
    let mut query = Query::default();
    if let Some(d) = args.from {
        query.require_date(Matcher::From(d));
    }
    if let Some(d) = args.until {
        query.require_date(Matcher::Until(d));
    }
    for (field, value) in [
        (Field::Tag, &args.tag),
        (Field::Actor, &args.actor),
        (Field::Kind, &args.kind),
    ] {
        if let Some(v) = value {
            query.require(field, v);
        }
    }
    query
}

fn validate(paths: &[PathBuf]) -> anyhow::Result<ExitCode> {
    // Validating means reading the files themselves: the load cache is neither used nor written.
    let options = load::Options {
        builtin: false,
        paths: paths.to_vec(),
        ..load::Options::default()
    };
    match load::load(&options) {
        Ok(t) => {
            println!("ok: {} events in {} path(s)", t.events.len(), paths.len());
            Ok(ExitCode::SUCCESS)
        }
        Err(e) => Ok(report(&e)),
    }
}

/// Converts one file to native JSON, listing on stderr what could not be carried over.
fn import(path: &Path, out: Option<&Path>, force: bool) -> anyhow::Result<ExitCode> {
    let imported = match load::read_imported(path) {
        Ok(i) => i,
        Err(e) => return Ok(report(&e)),
    };
    for w in &imported.warnings {
        say(format!("warning: {w}"));
    }
    let dataset = &imported.parsed.dataset;
    let rendered = export::render(
        ExportFormat::Json,
        &Selection::of_dataset(dataset),
        chrono::Utc::now(),
    )?;
    emit(out, force, &rendered.text)?;
    let n = imported.warnings.len();
    say(format!(
        "bilateral: imported {} events and {} eras from {} ({}){}",
        dataset.events.len(),
        dataset.eras.len(),
        path.display(),
        imported.format.describe(),
        match n {
            0 => String::new(),
            1 => "; 1 warning above".to_string(),
            n => format!("; {n} warnings above"),
        }
    ));
    Ok(ExitCode::SUCCESS)
}

/// Imports one country's Office of the Historian records as native JSON.
fn import_country(
    country: &str,
    paths: &[PathBuf],
    out: Option<&Path>,
    force: bool,
) -> anyhow::Result<ExitCode> {
    let inputs = crate::store::historian::read_inputs(paths)?;
    let imported = crate::formats::historian::import(country, &inputs)?;
    let mut err = std::io::stderr().lock();
    for w in &imported.warnings {
        let _ = writeln!(err, "warning: {w}");
    }
    let json = crate::formats::historian::render(&imported.dataset)?;
    emit(out, force, &json)?;
    let _ = writeln!(
        err,
        "bilateral: imported {} events for `{}` from {} files: {}",
        imported.counts.total(),
        sanitize::line(country),
        inputs.len(),
        imported.counts
    );
    Ok(ExitCode::SUCCESS)
}

/// Prints what loading had to change, one line each, on stderr.
pub fn warn(warnings: &[String]) {
    let mut err = std::io::stderr().lock();
    for w in warnings {
        let _ = writeln!(err, "warning: {}", sanitize::line(w));
    }
}

/// Writes a command's output to `--out` (atomically) or to standard output.
fn emit(out: Option<&Path>, force: bool, text: &str) -> anyhow::Result<()> {
    match out {
        Some(p) => atomic::write(p, text.as_bytes(), force)?,
        None => {
            let mut stdout = std::io::stdout().lock();
            stdout.write_all(text.as_bytes())?;
            stdout.flush().context("writing to standard output")?;
        }
    }
    Ok(())
}

/// Prints every diagnostic to stderr; the exit code for a data error.
pub fn report(e: &LoadError) -> ExitCode {
    for d in &e.diagnostics {
        say(d);
    }
    let n = e.diagnostics.len();
    say(format!(
        "bilateral: {n} problem{} found; nothing was loaded",
        if n == 1 { "" } else { "s" }
    ));
    ExitCode::from(1)
}

/// Writes a message to standard error, made safe like event text: file names and values from
/// files may carry escape sequences (a file named `ESC ] 0 ; … BEL` retitles the terminal), and
/// they are shown, not obeyed. Every message this program writes to standard error comes here.
fn say(text: impl std::fmt::Display) {
    let text = text.to_string();
    let _ = writeln!(
        std::io::stderr().lock(),
        "{}",
        crate::core::sanitize::prose(&text)
    );
}

fn write_json(out: &mut impl Write, timeline: &Timeline, events: &[&Event]) -> anyhow::Result<()> {
    #[derive(serde::Serialize)]
    struct Doc<'a> {
        title: &'a str,
        #[serde(skip_serializing_if = "Option::is_none")]
        as_of: Option<Date>,
        events: &'a [&'a Event],
    }
    let doc = Doc {
        title: &timeline.title,
        as_of: timeline.as_of,
        events,
    };
    crate::formats::native::safe_json::to_writer_pretty(out, &doc)?;
    Ok(())
}

/// Pads `s` with spaces to `width` terminal columns.
fn pad(s: &str, width: usize) -> String {
    let w = s.width();
    format!("{s}{}", " ".repeat(width.saturating_sub(w)))
}

/// One aligned line per event: date, status, kind, title, id.
fn write_table(
    out: &mut impl Write,
    events: &[&Event],
    as_of: Option<&Date>,
) -> anyhow::Result<()> {
    let labels: Vec<String> = events.iter().map(|e| e.date_label()).collect();
    let date_w = labels.iter().map(|l| l.width()).max().unwrap_or(0);
    let kind_w = events
        .iter()
        .map(|e| e.kind.as_deref().unwrap_or("").width())
        .max()
        .unwrap_or(0);
    let group_w = events
        .iter()
        .map(|e| e.group.as_deref().map_or(0, |g| g.width() + 2))
        .max()
        .unwrap_or(0);
    for (event, label) in events.iter().zip(&labels) {
        let status = event.status_at(as_of).map_or("", |s| s.as_str());
        let group = event
            .group
            .as_deref()
            .map_or(String::new(), |g| format!("[{g}]"));
        let line = format!(
            "{}  {}  {}  {}{}  ({})",
            pad(label, date_w),
            pad(status, 9),
            pad(event.kind.as_deref().unwrap_or(""), kind_w),
            if group_w > 0 {
                format!("{}  ", pad(&group, group_w))
            } else {
                String::new()
            },
            event.title,
            event.id
        );
        writeln!(out, "{}", line.trim_end())?;
    }
    Ok(())
}

/// The full record of one event, as plain text.
fn write_event(
    out: &mut impl Write,
    e: &Event,
    eras: &[&Era],
    as_of: Option<&Date>,
) -> anyhow::Result<()> {
    writeln!(out, "{}", e.title)?;
    writeln!(out, "{}", "─".repeat(e.title.width().min(78)))?;
    let mut field = |name: &str, value: &str| -> std::io::Result<()> {
        if value.is_empty() {
            Ok(())
        } else {
            writeln!(out, "{:<8} {value}", format!("{name}:"))
        }
    };
    field("Date", &e.date_label())?;
    if e.display_date.is_some() {
        field("Dated", &e.dated_label())?;
    }
    let status = match (e.status_at(as_of), as_of.and_then(|d| e.countdown(d))) {
        (Some(s), Some(c)) => format!("{} ({c})", s.as_str()),
        (Some(s), None) => s.as_str().to_string(),
        (None, _) => String::new(),
    };
    field("Status", &status)?;
    field("Kind", e.kind.as_deref().unwrap_or(""))?;
    field("Group", e.group.as_deref().unwrap_or(""))?;
    let era_titles: Vec<&str> = eras.iter().map(|era| era.title.as_ref()).collect();
    field("Era", &era_titles.join(", "))?;
    field("Actors", &e.actors.join(", "))?;
    field("Places", &e.places.join(", "))?;
    field("Tags", &e.tags.join(", "))?;
    field("Id", &e.id)?;
    for prose in [&e.summary, &e.details].into_iter().flatten() {
        writeln!(out)?;
        for line in textwrap::wrap(prose, 78) {
            writeln!(out, "{line}")?;
        }
    }
    if !e.sources.is_empty() {
        writeln!(out, "\nSources:")?;
    }
    for (i, s) in e.sources.iter().enumerate() {
        let mut cite = s.title.clone();
        let place = s.locators();
        if !place.is_empty() {
            cite = format!("{cite} ({})", place.join("; "));
        }
        writeln!(out, "  [{}] {cite}", i + 1)?;
        if let Some(q) = &s.quote {
            for line in textwrap::wrap(q, 72) {
                writeln!(out, "      {line}")?;
            }
        }
    }
    Ok(())
}

/// `--format` values: clap lives only in this layer, so the formats' enum gets its names here.
impl clap::ValueEnum for ExportFormat {
    fn value_variants<'a>() -> &'a [Self] {
        &[
            ExportFormat::Markdown,
            ExportFormat::Text,
            ExportFormat::Json,
            ExportFormat::Timelinejs,
            ExportFormat::Ics,
            ExportFormat::Svg,
        ]
    }

    fn to_possible_value(&self) -> Option<clap::builder::PossibleValue> {
        let (name, help) = match self {
            ExportFormat::Markdown => (
                "markdown",
                "A briefing note: what happened, what is coming up, and numbered sources with quotes",
            ),
            ExportFormat::Text => (
                "text",
                "The briefing note as plain text, for the body of an email",
            ),
            ExportFormat::Json => ("json", "This program's own JSON, loadable with `--data`"),
            ExportFormat::Timelinejs => (
                "timelinejs",
                "TimelineJS JSON, for TimelineJS's web viewer (and back, without loss)",
            ),
            ExportFormat::Ics => (
                "ics",
                "An RFC 5545 iCalendar file of the events that have a day",
            ),
            ExportFormat::Svg => (
                "svg",
                "The chart as a standalone SVG image: lanes, eras, the as-of line and a legend",
            ),
        };
        Some(clap::builder::PossibleValue::new(name).help(help))
    }
}
