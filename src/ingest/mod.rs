//! Turning a plain-text article into draft events: a placeholder until the pipeline lands.

pub mod expressions;
pub mod sentences;
