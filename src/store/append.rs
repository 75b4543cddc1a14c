//! Appending reviewed events to a timeline file: the file is read afresh, the accepted drafts and
//! merged sources are added, the result is checked to load, and it replaces the file atomically.
//!
//! Between the read and the rename someone else may save the file; replacing it then would lose
//! their save without a word. So the write is two steps, [`prepare`] (read and build) and
//! [`commit`] (write), and the commit replaces the file only if its size, modification time and
//! content are still what was read; otherwise it refuses and says so, and writing again builds on
//! the new version.

use std::collections::HashMap;
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

/// What [`prepare`] built: the new file, and what the old one was when it was read.
#[derive(Debug)]
pub struct Prepared {
    path: std::path::PathBuf,
    json: String,
    replace: atomic::Replace,
    report: WriteReport,
}

/// Applies `plan` to the timeline file at `path` (created with `title` if missing): accepted events
/// are appended, merged sources added to their events. The file is read afresh, so edits made by
/// others since the review began are kept; the result is checked to load before it replaces the
/// file, atomically, and only if nobody saved it in between.
pub fn write_into(path: &Path, plan: &Plan, title: &str) -> Result<WriteReport, ReviewError> {
    commit(prepare(path, plan, title)?)
}

/// Reads the file at `path` and builds what it will hold with `plan` applied, checked to load.
pub fn prepare(path: &Path, plan: &Plan, title: &str) -> Result<Prepared, ReviewError> {
    let name = path.display().to_string();
    let (mut dataset, replace) = match load::read_with_metadata(path) {
        Ok((meta, bytes)) => {
            let dataset = native::parse_bytes(&name, &bytes)
                .map_err(ReviewError::Load)?
                .dataset;
            (
                dataset,
                atomic::Replace::IfUnchanged(atomic::Snapshot::new(&meta, &bytes)),
            )
        }
        // No file yet: one is created, and one created meanwhile by someone else is not replaced.
        Err(load::ReadError::Io(e)) if e.kind() == std::io::ErrorKind::NotFound => (
            Dataset {
                title: title.to_string(),
                description: None,
                as_of: None,
                eras: Vec::new(),
                events: Vec::new(),
            },
            atomic::Replace::Never,
        ),
        Err(e) => return Err(ReviewError::Read(name, e)),
    };
    // Work on the events as written, so text that sanitising changed for display is written back
    // as it was (escaped), and additions are not lost behind an `original` that omits them.
    for event in &mut dataset.events {
        if let Some(original) = event.original.take() {
            *event = *original;
        }
    }
    // Ids by position, so a long file costs one pass, not one per accepted draft or merge.
    let mut at: HashMap<String, usize> = dataset
        .events
        .iter()
        .enumerate()
        .map(|(i, e)| (e.id.to_string(), i))
        .collect();
    for event in &plan.accepted {
        if at.contains_key(&*event.id) {
            return Err(ReviewError::TakenId(event.id.to_string()));
        }
        at.insert(event.id.to_string(), dataset.events.len());
        dataset.events.push(event.clone());
    }
    for (target, source) in &plan.merges {
        let event = at
            .get(target)
            .map(|&i| &mut dataset.events[i])
            .ok_or_else(|| ReviewError::MissingTarget(target.clone()))?;
        if !event.sources.contains(source) {
            event.add_source(source.clone());
        }
    }
    let json =
        safe_json::to_string_pretty(&dataset).map_err(|e| ReviewError::Encode(name.clone(), e))?;
    native::parse_str(&name, &json).map_err(ReviewError::Invalid)?;
    Ok(Prepared {
        path: path.to_path_buf(),
        json,
        replace,
        report: WriteReport {
            appended: plan.accepted.len(),
            merged: plan.merges.len(),
            items: plan.items.clone(),
        },
    })
}

/// Writes what [`prepare`] built, unless the file changed since it was read.
pub fn commit(prepared: Prepared) -> Result<WriteReport, ReviewError> {
    atomic::write_with(&prepared.path, prepared.json.as_bytes(), &prepared.replace).map_err(
        |e| match e {
            // There was no file when it was read: one created since is someone else's save.
            atomic::WriteError::Exists(path) => atomic::WriteError::Changed(path),
            e => e,
        },
    )?;
    Ok(prepared.report)
}
