//! The store: everything that touches the filesystem. Reading files and folders with limits,
//! writing files atomically, and watching files for changes.

pub mod append;
pub mod atomic;
pub mod builtin;
pub mod cache;
pub mod historian;
pub mod load;
pub mod watch;
