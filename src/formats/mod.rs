//! Formats: text and bytes in, the model out, and back. No paths are opened here; the store
//! reads and writes files.

pub mod cache;
pub mod diagnostics;
pub mod export;
pub mod historian;
pub mod ics;
pub mod markdown;
pub mod native;
pub mod timelinejs;
