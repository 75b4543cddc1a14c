//! The built-in dataset: the files compiled into the binary and how they become one dataset.
//!
//! `assets/india-us-2025.json` (the 2025 news report) and `assets/india-us-historian.json` (the
//! Office of the Historian records, made by `bilateral import --country india
//! seeds/history.state.gov`) are checked as separate files, so a problem names the right one, and
//! browsed as one dataset titled [`TITLE`] with the 2025 file's as-of date.

use crate::core::model::Dataset;

/// The built-in dataset's title.
pub const TITLE: &str = "India–US relations";

/// The 2025 part of the built-in dataset, from the news report in `seeds/`.
pub const BUILTIN_JSON: &str = include_str!("../../assets/india-us-2025.json");
/// How it is named in messages.
pub const BUILTIN_NAME: &str = "assets/india-us-2025.json";

/// The Office of the Historian part of the built-in dataset.
pub const HISTORIAN_JSON: &str = include_str!("../../assets/india-us-historian.json");
/// How it is named in messages.
pub const HISTORIAN_NAME: &str = "assets/india-us-historian.json";

/// Every built-in file: its name in messages and its text, the one whose title and dates lead first.
pub const FILES: [(&str, &str); 2] = [
    (BUILTIN_NAME, BUILTIN_JSON),
    (HISTORIAN_NAME, HISTORIAN_JSON),
];

/// The text of a built-in file, by its name.
pub fn text_of(name: &str) -> Option<&'static str> {
    FILES.iter().find(|(n, _)| *n == name).map(|(_, t)| *t)
}

/// Folds the first `n` datasets (the built-in files) into one titled [`TITLE`], keeping the first
/// one's description and the first as-of date.
pub fn combine(datasets: &mut Vec<Dataset>, n: usize) {
    if n == 0 {
        return;
    }
    let mut parts = datasets.drain(..n);
    let Some(mut one) = parts.next() else {
        return;
    };
    for d in parts {
        one.as_of = one.as_of.or(d.as_of);
        one.eras.extend(d.eras);
        one.events.extend(d.events);
    }
    one.title = TITLE.to_string();
    datasets.insert(0, one);
}
