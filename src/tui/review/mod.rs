//! The review screen for ingested drafts: its state (`state`), its keys (`keys`), its view
//! (`view`), where its panes go (`layout`), and `screen`, which hands it to the terminal runtime.

pub mod keys;
pub mod layout;
pub mod screen;
pub mod state;
pub mod view;
