//! Helpers shared by the integration tests, so each exists once: where the project and its
//! fixtures are, the built-in dataset, a browser at a size, the screen as text, and running the
//! `bilateral` binary. Each test file is its own crate and uses only some of them, hence
//! `allow(dead_code)`.
#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use bilateral::core::model::Timeline;
use bilateral::store::load;
use bilateral::tui::browse::app::{Action, App};
use bilateral::tui::browse::view as ui;
use bilateral::tui::theme::Theme;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::buffer::Buffer;
use ratatui::style::Style;

/// The project's folder.
pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// A file in `tests/fixtures`.
pub fn fixture(name: &str) -> PathBuf {
    root().join("tests/fixtures").join(name)
}

/// A fixture's path as a command-line argument.
pub fn fixture_arg(name: &str) -> String {
    fixture(name).display().to_string()
}

/// The timeline from `paths`, with the built-in dataset or without.
pub fn load(paths: Vec<PathBuf>, builtin: bool) -> Timeline {
    load::load(&load::Options {
        builtin,
        paths,
        ..Default::default()
    })
    .expect("the timeline loads")
}

/// The built-in dataset.
pub fn builtin() -> Timeline {
    load(Vec::new(), true)
}

/// A browser on `timeline` in a terminal of `width`×`height`.
pub fn app(timeline: Timeline, width: u16, height: u16) -> App {
    let mut app = App::new(timeline, None);
    app.update(Action::Resize(width, height));
    app
}

/// A browser on the built-in dataset in a terminal of `width`×`height`.
pub fn builtin_app(width: u16, height: u16) -> App {
    app(builtin(), width, height)
}

/// The browser drawn into a test terminal of its own size.
pub fn render(app: &App, theme: &Theme) -> Terminal<TestBackend> {
    let mut terminal =
        Terminal::new(TestBackend::new(app.size.width, app.size.height)).expect("test terminal");
    terminal.draw(|f| ui::draw(f, app, theme)).expect("draw");
    terminal
}

/// A screen buffer as text: one line per row, each ended by a newline.
pub fn screen_text(buffer: &Buffer) -> String {
    let mut s = String::new();
    for y in 0..buffer.area.height {
        for x in 0..buffer.area.width {
            s.push_str(buffer[(x, y)].symbol());
        }
        s.push('\n');
    }
    s
}

/// The buffer's text, then a map of which style each cell has (a letter per distinct style, in
/// order of first appearance) and what each letter stands for: a snapshot that shows the theme.
pub fn text_and_styles(buffer: &Buffer) -> String {
    const LETTERS: &[u8] = b"abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ";
    let mut styles: Vec<Style> = Vec::new();
    let mut map = String::new();
    for y in 0..buffer.area.height {
        for x in 0..buffer.area.width {
            let style = buffer[(x, y)].style();
            let k = styles.iter().position(|s| *s == style).unwrap_or_else(|| {
                styles.push(style);
                styles.len() - 1
            });
            map.push(LETTERS.get(k).map_or('?', |&b| char::from(b)));
        }
        map.push('\n');
    }
    let legend: Vec<String> = styles
        .iter()
        .enumerate()
        .map(|(i, s)| format!("{}: {s:?}", LETTERS.get(i).map_or('?', |&b| char::from(b))))
        .collect();
    format!("{}\n{map}\n{}\n", screen_text(buffer), legend.join("\n"))
}

/// Types `text` into the browser's search line or date prompt, a character at a time.
pub fn type_text(app: &mut App, text: &str) {
    for c in text.chars() {
        app.update(Action::Input(c));
    }
}

/// Runs the `bilateral` binary with `args`, without colour.
pub fn bilateral(args: &[&str]) -> Output {
    command(args).output().expect("the binary runs")
}

/// Runs the `bilateral` binary with `args` in the folder `dir`, without colour.
pub fn bilateral_in(dir: &Path, args: &[&str]) -> Output {
    command(args)
        .current_dir(dir)
        .output()
        .expect("the binary runs")
}

/// The binary with `args`, without colour, and with no configuration file or remembered place
/// of whoever runs the tests (both folders point where nothing is).
pub fn command(args: &[&str]) -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_bilateral"));
    let nowhere = root().join("tests/fixtures/no-such-folder");
    command
        .args(args)
        .env("NO_COLOR", "1")
        .env("BILATERAL_CONFIG_DIR", &nowhere)
        .env("BILATERAL_STATE_DIR", &nowhere)
        .env("BILATERAL_CACHE_DIR", cache_dir())
        .env_remove("BILATERAL_THEME");
    command
}

/// The load cache folder for the tests' runs of `bilateral`, under the build's own temporary
/// folder, so tests never write to the user's cache folder.
pub fn cache_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("load-cache")
}

/// Output as text; the binary writes UTF-8 only.
pub fn text(bytes: &[u8]) -> String {
    String::from_utf8(bytes.to_vec()).expect("UTF-8 output")
}

/// How much longer `run(n * factor)` takes than `run(n)`: the best of several tries of each,
/// taken in turn, so a busy machine (CI runs the suite's tests side by side) slows both rather
/// than one. Linear work gives about `factor`, quadratic work about `factor²`; tests compare with
/// that, never with a time in seconds.
pub fn growth(n: usize, factor: usize, mut run: impl FnMut(usize)) -> f64 {
    let mut time = |n: usize| {
        let started = std::time::Instant::now();
        run(n);
        started.elapsed().as_secs_f64()
    };
    // Warm up allocator and caches so the first measurement is not the odd one out.
    time(n);
    let (mut small, mut large) = (f64::INFINITY, f64::INFINITY);
    for _ in 0..5 {
        small = small.min(time(n));
        large = large.min(time(n * factor));
    }
    let ratio = large / small.max(1e-6);
    eprintln!("{n} → {}: {ratio:.1}× the time", n * factor);
    ratio
}
