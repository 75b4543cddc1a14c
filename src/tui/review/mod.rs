//! The review screen for ingested drafts: its state (`state`), its view (`view`) and its run loop.

pub mod runtime;
pub mod state;
pub mod view;
