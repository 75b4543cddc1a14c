//! Writing the timeline out: which formats there are and what goes into each (the store writes
//! the file).
//!
//! The writers themselves live with their formats (`timelinejs::export`, `ics`, `svg`); the native
//! JSON is the loader's own format, so what `export --format json` writes loads back as the same
//! events.

use chrono::{DateTime, Utc};
use serde::Serialize;

use crate::core::model::{Date, Era, Event};
use crate::core::selection::Selection;

/// The formats `bilateral export` writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ExportFormat {
    /// A briefing note: what happened, what is coming up, and numbered sources with quotes.
    Markdown,
    /// The same note as plain text, for the body of an email.
    Text,
    /// This program's own JSON, loadable with `--data`.
    Json,
    /// TimelineJS JSON, for TimelineJS's web viewer (and back, without loss).
    Timelinejs,
    /// An RFC 5545 iCalendar file of the events that have a day.
    Ics,
    /// A standalone SVG chart: lanes by group, eras, the as-of line and a legend.
    Svg,
}

/// Why an export could not be made (writing it is the store's business, and its errors).
#[derive(Debug, thiserror::Error)]
pub enum ExportError {
    #[error("cannot encode the timeline as JSON: {0}")]
    Json(std::io::Error),
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
            text: crate::formats::markdown::markdown(
                selection.title,
                selection.as_of.as_ref(),
                &selection.filter,
                &selection.events,
            ),
            notes: Vec::new(),
        }),
        ExportFormat::Text => Ok(Rendered {
            text: crate::formats::markdown::plain(
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
            let text = crate::formats::native::safe_json::to_string_pretty(&doc)
                .map_err(ExportError::Json)?;
            Ok(Rendered {
                text,
                notes: Vec::new(),
            })
        }
        ExportFormat::Timelinejs => {
            // TimelineJS has a start and an end; a window or an open end is kept in our
            // extension, and a reader that ignores it sees a plain span.
            let mut notes: Vec<String> = selection
                .events
                .iter()
                .filter(|e| !e.is_plain_dated())
                .map(|e| {
                    format!(
                        "`{}` ({}): TimelineJS shows a plain date; the exact form is kept under \
                         `bilateral.date`",
                        e.id,
                        e.dated_label()
                    )
                })
                .collect();
            notes.extend(
                crate::formats::timelinejs::export::unlinked(&selection.events)
                    .into_iter()
                    .map(|(id, url)| {
                        format!(
                            "`{id}`: the source address “{url}” is not written as a link (only \
                             http, https and mailto addresses are); it is kept under \
                             `bilateral.sources`"
                        )
                    }),
            );
            Ok(Rendered {
                text: crate::formats::timelinejs::export::to_json(selection)
                    .map_err(ExportError::Json)?,
                notes,
            })
        }
        ExportFormat::Ics => {
            let calendar = crate::formats::ics::write(selection, stamp);
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
        ExportFormat::Svg => Ok(Rendered {
            text: crate::formats::svg::svg(selection),
            notes: Vec::new(),
        }),
    }
}
