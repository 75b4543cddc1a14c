//! `bilateral`: a terminal timeline browser.
//!
//! Layers, each a folder, whose dependencies flow one way (`tests/layers.rs` keeps it so):
//!
//! - `core`: the model (events, dates, sources, ids), search, sanitising, selections, ingest and the
//!   synthetic generator. No terminal, no command line, no filesystem.
//! - `formats`: text and bytes in and out: diagnostics, the native JSON reader and writer,
//!   TimelineJS, iCalendar and the Markdown briefing note.
//! - `store`: the filesystem: size-limited reads of files and folders, atomic writes, watching.
//! - `tui`: the terminal: one runtime for every screen, themes, the browser and the review screen.
//! - `cli`: clap, and one dispatch for every command.

pub mod cli;
pub mod core;
pub mod formats;
pub mod store;
pub mod tui;
