//! Appending reviewed events to a timeline file: the file is read afresh, the accepted drafts and
//! merged sources are added, the result is checked to load, and it replaces the file atomically.

use std::path::Path;

use crate::core::model::{Dataset, Event, Source};
use crate::formats::diagnostics::LoadError;
use crate::formats::native::{self, safe_json};
use crate::store::{atomic, load};

/// What a write adds to the target file.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Plan {
    /// Accepted drafts, already without their `draft` mark.
    pub accepted: Vec<Event>,
    /// Sources to add to events (by id) in the file or among `accepted`.
    pub merges: Vec<(String, Source)>,
    /// The drafts this plan covers, by position in `ReviewState::items`.
    pub items: Vec<usize>,
}

/// What a write did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WriteReport {
    pub appended: usize,
    pub merged: usize,
    pub items: Vec<usize>,
}

/// Why the review could not be written.
#[derive(Debug, thiserror::Error)]
pub enum ReviewError {
    #[error("{0}")]
    Load(LoadError),
    #[error("cannot merge into `{0}`: it is not in the file any more")]
    MissingTarget(String),
    #[error("`{0}` is already used in the file; edit the file or the draft and write again")]
    TakenId(String),
    #[error("the result would not load, so nothing was written:\n{0}")]
    Invalid(LoadError),
    #[error(transparent)]
    Write(#[from] atomic::WriteError),
    #[error("{0}: {1}")]
    Read(String, load::ReadError),
    #[error("cannot encode {0} as JSON: {1}")]
    Encode(String, std::io::Error),
}

/// Applies `plan` to the timeline file at `path` (created with `title` if missing): accepted events
/// are appended, merged sources added to their events. The file is read afresh, so edits made by
/// others since the review began are kept; the result is checked to load before it replaces the
/// file, atomically.
pub fn write_into(path: &Path, plan: &Plan, title: &str) -> Result<WriteReport, ReviewError> {
    let name = path.display().to_string();
    let exists = path.exists();
    let mut dataset = if exists {
        let bytes = load::read_bytes(path).map_err(|e| ReviewError::Read(name.clone(), e))?;
        native::parse_bytes(&name, &bytes)
            .map_err(ReviewError::Load)?
            .dataset
    } else {
        Dataset {
            title: title.to_string(),
            description: None,
            as_of: None,
            eras: Vec::new(),
            events: Vec::new(),
        }
    };
    // Work on the events as written, so text that sanitising changed for display is written back
    // as it was (escaped), and additions are not lost behind an `original` that omits them.
    for event in &mut dataset.events {
        if let Some(original) = event.original.take() {
            *event = *original;
        }
    }
    for event in &plan.accepted {
        if dataset.events.iter().any(|e| e.id == event.id) {
            return Err(ReviewError::TakenId(event.id.clone()));
        }
        dataset.events.push(event.clone());
    }
    for (target, source) in &plan.merges {
        let event = dataset
            .events
            .iter_mut()
            .find(|e| &e.id == target)
            .ok_or_else(|| ReviewError::MissingTarget(target.clone()))?;
        if !event.sources.contains(source) {
            event.sources.push(source.clone());
        }
    }
    let json =
        safe_json::to_string_pretty(&dataset).map_err(|e| ReviewError::Encode(name.clone(), e))?;
    native::parse_str(&name, &json).map_err(ReviewError::Invalid)?;
    atomic::write(path, json.as_bytes(), exists)?;
    Ok(WriteReport {
        appended: plan.accepted.len(),
        merged: plan.merges.len(),
        items: plan.items.clone(),
    })
}
