//! The browser: its state and the only place it changes (`app`), its keys (`keys`) and its views
//! (`view`), which draw `&App` and change nothing; `screen` hands it to the terminal runtime.

pub mod action;
pub mod app;
pub mod detail_lines;
pub mod keys;
pub mod layout;
pub mod screen;
pub mod view;
