//! The remembered place: for each dataset (the built-in one and the `--data` paths, as a set),
//! the event last selected, the filter and the marked events, kept between runs in one small
//! JSON file per dataset under the state folder (see `dirs`).
//!
//! A place is only a convenience, so a state file that cannot be read or makes no sense is
//! reported and then ignored, never fatal. It is replaced atomically, so a crash while saving
//! leaves the previous place, not half a file.

use std::path::{Path, PathBuf};

use sha2::{Digest, Sha256};

use crate::core::sanitize;
use crate::store::atomic::{self, WriteError};
use crate::store::load::{BUILTIN_NAME, Options};

/// Where the browser was.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Place {
    /// The id of the selected event.
    #[serde(default)]
    pub selected: Option<String>,
    /// The search filter as typed.
    #[serde(default)]
    pub filter: String,
    /// Ids of marked events.
    #[serde(default)]
    pub marks: Vec<String>,
}

/// The file's form: the place, with the dataset it belongs to for whoever reads the file.
#[derive(serde::Serialize, serde::Deserialize)]
struct PlaceFile {
    version: u32,
    dataset: Vec<String>,
    #[serde(flatten)]
    place: Place,
}

const VERSION: u32 = 1;

/// A state file is a few hundred bytes; a large one is not ours.
const MAX_BYTES: u64 = 1 << 20;

/// Why a place was not read or not saved.
#[derive(Debug, thiserror::Error)]
pub enum StateError {
    #[error("cannot read {}: {source}", path.display())]
    Read {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("{} is not a remembered place: {why}", path.display())]
    Corrupt { path: PathBuf, why: String },
    #[error("cannot create {}: {source}", path.display())]
    Folder {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error(transparent)]
    Write(#[from] WriteError),
}

/// The dataset a place belongs to: what is loaded, as a name for the file (a hash) and as words
/// for a person reading it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Dataset {
    pub key: String,
    pub names: Vec<String>,
}

impl Dataset {
    /// The dataset `options` load. Paths count by their absolute form, so starting from another
    /// folder with the same files finds the same place.
    pub fn of(options: &Options) -> Dataset {
        let mut names = Vec::new();
        if options.builtin {
            names.push(BUILTIN_NAME.to_string());
        }
        for p in &options.paths {
            let absolute = std::path::absolute(p).unwrap_or_else(|_| p.clone());
            names.push(absolute.display().to_string());
        }
        let mut hash = Sha256::new();
        hash.update(b"bilateral place\n");
        for name in &names {
            hash.update(name.as_bytes());
            hash.update(b"\n");
        }
        let key = hash.finalize()[..16]
            .iter()
            .map(|b| format!("{b:02x}"))
            .collect();
        Dataset { key, names }
    }

    /// Its place's file in the state folder `dir`.
    pub fn file(&self, dir: &Path) -> PathBuf {
        dir.join("places").join(format!("{}.json", self.key))
    }
}

/// The place saved in `file`, or `None` if none was.
pub fn load(file: &Path) -> Result<Option<Place>, StateError> {
    let read = |source| StateError::Read {
        path: file.to_path_buf(),
        source,
    };
    let corrupt = |why: String| StateError::Corrupt {
        path: file.to_path_buf(),
        why,
    };
    let len = match std::fs::metadata(file) {
        Ok(meta) => meta.len(),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        Err(e) => return Err(read(e)),
    };
    if len > MAX_BYTES {
        return Err(corrupt(format!("it is {} KiB", len >> 10)));
    }
    let bytes = std::fs::read(file).map_err(read)?;
    let saved: PlaceFile = serde_json::from_slice(&bytes).map_err(|e| corrupt(e.to_string()))?;
    if saved.version != VERSION {
        return Err(corrupt(format!(
            "version {} is not {VERSION}",
            saved.version
        )));
    }
    let mut place = saved.place;
    // The file is outside the program's control: its text is made as safe as a data file's
    // before the prompt line shows it, and ids no data file could have are dropped.
    place.filter = sanitize::line(&place.filter).into_owned();
    let is_id = |id: &String| !id.is_empty() && !id.chars().any(sanitize::is_unsafe);
    place.selected = place.selected.filter(is_id);
    place.marks.retain(is_id);
    Ok(Some(place))
}

/// Saves `place` for `dataset` in the state folder `dir`, replacing what was there atomically.
pub fn save(dir: &Path, dataset: &Dataset, place: &Place) -> Result<(), StateError> {
    let file = dataset.file(dir);
    if let Some(folder) = file.parent() {
        std::fs::create_dir_all(folder).map_err(|source| StateError::Folder {
            path: folder.to_path_buf(),
            source,
        })?;
    }
    let saved = PlaceFile {
        version: VERSION,
        dataset: dataset.names.clone(),
        place: place.clone(),
    };
    let mut json = crate::formats::native::safe_json::to_string_pretty(&saved).map_err(|e| {
        StateError::Corrupt {
            path: file.clone(),
            why: e.to_string(),
        }
    })?;
    json.push('\n');
    atomic::write(&file, json.as_bytes(), true)?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn options(paths: &[&str]) -> Options {
        Options {
            builtin: true,
            paths: paths.iter().map(PathBuf::from).collect(),
            ..Options::default()
        }
    }

    #[test]
    fn a_place_round_trips_per_dataset() {
        let dir = tempfile::tempdir().unwrap();
        let builtin = Dataset::of(&options(&[]));
        let other = Dataset::of(&options(&["/data/team.json"]));
        assert_ne!(builtin.key, other.key);
        assert_eq!(builtin, Dataset::of(&options(&[])), "the key is stable");
        let place = Place {
            selected: Some("misri-visit".into()),
            filter: "tag:trade".into(),
            marks: vec!["goyal-us-trip".into()],
        };
        save(dir.path(), &builtin, &place).unwrap();
        assert_eq!(load(&builtin.file(dir.path())).unwrap(), Some(place));
        assert_eq!(load(&other.file(dir.path())).unwrap(), None);
        let text = std::fs::read_to_string(builtin.file(dir.path())).unwrap();
        assert!(
            text.contains(BUILTIN_NAME),
            "the file says whose place it is: {text}"
        );
    }

    #[test]
    fn a_corrupt_or_hostile_file_is_an_error_or_made_safe() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("p.json");
        for bad in [
            "",
            "{",
            "[]",
            "{\"version\": 9, \"dataset\": []}",
            "{\"selected\": 3}",
        ] {
            std::fs::write(&file, bad).unwrap();
            assert!(
                matches!(load(&file), Err(StateError::Corrupt { .. })),
                "{bad:?}"
            );
        }
        std::fs::write(
            &file,
            r#"{"version": 1, "dataset": [], "filter": "\u001b]0;x\u0007", "selected": "a\u001bb", "marks": ["ok", ""]}"#,
        )
        .unwrap();
        let place = load(&file).unwrap().unwrap();
        assert_eq!(place.filter, "␛]0;x␇");
        assert_eq!(place.selected, None);
        assert_eq!(place.marks, ["ok"]);
    }
}
