//! The store: everything that touches the filesystem. Reading files and folders with limits,
//! writing files atomically, watching files for changes, the configuration file and the
//! remembered places, and where those two live.

pub mod append;
pub mod atomic;
pub mod builtin;
pub mod cache;
pub mod config;
pub mod dirs;
pub mod files;
pub mod historian;
pub mod load;
pub mod state;
pub mod watch;
