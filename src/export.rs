//! Writing the timeline out: which formats there are, what goes into each, and writing the file
//! so that a failure never leaves half a file behind or replaces one by accident.
//!
//! The writers themselves live with their formats (`timelinejs::export`, `ics`); the native JSON is
//! the loader's own format, so what `export --format json` writes loads back as the same events.

use std::path::{Path, PathBuf};

use chrono::{DateTime, Utc};
use serde::Serialize;

use crate::atomic;
use crate::model::{Dataset, Date, Era, Event, Timeline};

/// The formats `bilateral export` writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum ExportFormat {
    /// A briefing note: what happened, what is coming up, and numbered sources with quotes.
    Markdown,
    /// This program's own JSON, loadable with `--data`.
    Json,
    /// TimelineJS JSON, for TimelineJS's web viewer (and back, without loss).
    Timelinejs,
    /// An RFC 5545 iCalendar file of the events that have a day.
    Ics,
}

/// What to export: a title and the events (already filtered), with the eras and the as-of date.
#[derive(Debug, Clone)]
pub struct Selection<'a> {
    pub title: &'a str,
    pub description: Option<&'a str>,
    pub as_of: Option<Date>,
    pub eras: &'a [Era],
    pub events: Vec<&'a Event>,
    /// The query that chose the events, for the briefing note to say so ("" for everything).
    pub filter: String,
}

impl<'a> Selection<'a> {
    /// `events` (a subset of the timeline's, in its order) under the timeline's title and eras.
    pub fn new(timeline: &'a Timeline, events: Vec<&'a Event>) -> Selection<'a> {
        Selection {
            title: &timeline.title,
            description: None,
            as_of: timeline.as_of,
            eras: &timeline.eras,
            events,
            filter: String::new(),
        }
    }
}

impl<'a> Selection<'a> {
    /// All of one dataset, as read from one file.
    pub fn of_dataset(dataset: &'a Dataset) -> Selection<'a> {
        Selection {
            title: &dataset.title,
            description: dataset.description.as_deref(),
            as_of: dataset.as_of,
            eras: &dataset.eras,
            events: dataset.events.iter().collect(),
            filter: String::new(),
        }
    }
}

/// Why an export could not be written.
#[derive(Debug, thiserror::Error)]
pub enum ExportError {
    #[error("{0} already exists; pass --force to replace it")]
    Exists(PathBuf),
    #[error("cannot write {path}: {source}")]
    Io {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error("cannot encode the timeline as JSON: {0}")]
    Json(#[source] std::io::Error),
}

/// The written document, and notes for the user about what it leaves out.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rendered {
    pub text: String,
    pub notes: Vec<String>,
}

/// The native format, as the loader reads it.
#[derive(Serialize)]
struct NativeDoc<'a> {
    title: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    description: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    as_of: Option<Date>,
    #[serde(skip_serializing_if = "<[Era]>::is_empty")]
    eras: &'a [Era],
    events: &'a [&'a Event],
}

/// Writes the selection in `format`. `stamp` is when the export was made (iCalendar's DTSTAMP).
pub fn render(
    format: ExportFormat,
    selection: &Selection,
    stamp: DateTime<Utc>,
) -> Result<Rendered, ExportError> {
    match format {
        ExportFormat::Markdown => Ok(Rendered {
            text: crate::briefing::markdown(
                selection.title,
                selection.as_of.as_ref(),
                &selection.filter,
                &selection.events,
            ),
            notes: Vec::new(),
        }),
        ExportFormat::Json => {
            let doc = NativeDoc {
                title: selection.title,
                description: selection.description,
                as_of: selection.as_of,
                eras: selection.eras,
                events: &selection.events,
            };
            // Escaped like every JSON this program prints, and with each event's original text.
            let text = crate::safe_json::to_string_pretty(&doc).map_err(ExportError::Json)?;
            Ok(Rendered {
                text,
                notes: Vec::new(),
            })
        }
        ExportFormat::Timelinejs => Ok(Rendered {
            text: crate::timelinejs::export::to_json(selection).map_err(ExportError::Json)?,
            notes: Vec::new(),
        }),
        ExportFormat::Ics => {
            let calendar = crate::ics::write(selection, stamp);
            let notes = calendar
                .skipped
                .iter()
                .map(|(id, why)| format!("left out `{id}`: {why}"))
                .collect();
            Ok(Rendered {
                text: calendar.text,
                notes,
            })
        }
    }
}

/// Writes `contents` to `path` atomically: into a temporary file in the same folder, then renamed
/// into place, so readers see the old file or the new one, never a part. An existing file is only
/// replaced with `force`.
pub fn write_file(path: &Path, contents: &[u8], force: bool) -> Result<(), ExportError> {
    atomic::write(path, contents, force).map_err(|e| match e {
        atomic::WriteError::Exists(path) => ExportError::Exists(path),
        atomic::WriteError::Io { path, source } => ExportError::Io { path, source },
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn refuses_to_overwrite_without_force() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("out.json");
        write_file(&path, b"one", false).unwrap();
        assert!(matches!(
            write_file(&path, b"two", false),
            Err(ExportError::Exists(_))
        ));
        assert_eq!(std::fs::read(&path).unwrap(), b"one");
        write_file(&path, b"two", true).unwrap();
        assert_eq!(std::fs::read(&path).unwrap(), b"two");
        // Nothing but the file itself is left in the folder.
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
    }

    #[test]
    fn a_missing_folder_is_an_error_naming_the_file() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("no/such/out.json");
        let e = write_file(&path, b"x", false).unwrap_err();
        assert!(
            e.to_string()
                .starts_with(&format!("cannot write {}", path.display()))
        );
    }
}
