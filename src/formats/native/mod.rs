//! `bilateral`'s own JSON format: the careful reader (every problem at file:line:column), the fast
//! path for files that are valid, and JSON output escaped so it is safe to print.

mod fast;
mod read;
pub mod safe_json;

pub use read::{ParsedFile, careful, parse_bytes, parse_reader, parse_str};
