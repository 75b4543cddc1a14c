//! The core: what a timeline is and what can be asked of it. It knows no terminal, command line
//! or filesystem, so every layer above can rely on it and tests can drive it directly.

pub mod chart;
pub mod generate;
pub mod ingest;
pub mod link;
pub mod model;
pub mod sanitize;
pub mod search;
pub mod selection;
