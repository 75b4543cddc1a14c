//! The terminal user interface: one runtime for every screen (with the clipboard and the opener
//! it reaches for them), the key tables' machinery, the themes, the browser and the review screen.

pub mod browse;
pub mod cells;
pub mod clipboard;
pub mod keymap;
pub mod opener;
pub mod review;
pub mod runtime;
pub mod theme;
pub mod widgets;
