//! Formats: text and bytes in, the model out, and back (and the chart out, as SVG). No paths are opened here; the store
//! reads and writes files.

pub mod cache;
pub mod citation;
pub mod config;
pub mod diagnostics;
pub mod export;
pub mod historian;
pub mod ics;
pub mod markdown;
pub mod native;
pub mod svg;
pub mod timelinejs;
