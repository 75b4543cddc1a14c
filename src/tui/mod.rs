//! The terminal user interface: one runtime for every screen, the key tables' machinery, the
//! themes, the browser and the review screen.

pub mod browse;
pub mod cells;
pub mod keymap;
pub mod review;
pub mod runtime;
pub mod theme;
pub mod widgets;
