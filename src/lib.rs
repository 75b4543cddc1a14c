//! `bilateral`: a terminal timeline browser.
//!
//! The core (`model`, `load`, `search`, `sanitize`, and the formats: `timelinejs`, `ics`, `export`)
//! knows nothing of terminals and is shared by the binary, the tests and the benchmarks. The TUI
//! (`app`, `ui`, `theme`, `keys`) and the command line (`cli`) sit on top of it.
//! `ingest` proposes draft events from articles and `review` holds the state of reviewing them
//! (drawn by `ui::review`, run by `review_terminal`); `atomic` writes files whole.

pub mod app;
pub mod atomic;
pub mod briefing;
pub mod cli;
pub mod export;
pub mod generate;
pub mod ics;
pub mod ingest;
pub mod keys;
pub mod load;
pub mod model;
pub mod review;
pub mod review_terminal;
pub mod safe_json;
pub mod sanitize;
pub mod search;
pub mod terminal;
pub mod theme;
pub mod timelinejs;
pub mod ui;
pub mod watch;
