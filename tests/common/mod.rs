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

fn command(args: &[&str]) -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_bilateral"));
    command
        .args(args)
        .env("NO_COLOR", "1")
        .env("BILATERAL_CACHE_DIR", cache_dir());
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
