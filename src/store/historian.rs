//! The IO part of the Office of the Historian import: reading the files and folders named on the
//! command line into [`Input`]s. Folders are walked recursively for `*.xml` files, in name order;
//! a file named directly is read whatever its extension. `formats::historian` does the rest, purely.

use std::path::{Path, PathBuf};

use crate::formats::historian::{HistorianError, Input};

/// Files larger than this are refused before reading.
const MAX_FILE_BYTES: u64 = super::load::MAX_FILE_BYTES;

/// Reads every path: files as they are, folders walked for `*.xml`. Each input is labelled with its
/// path as reached from the argument (`seeds/history.state.gov/visits/data/1950.xml`).
pub fn read_inputs(paths: &[PathBuf]) -> Result<Vec<Input>, HistorianError> {
    let mut files = Vec::new();
    for path in paths {
        let meta = std::fs::metadata(path).map_err(|e| io(path, &e))?;
        if meta.is_dir() {
            let before = files.len();
            walk(path, &mut files)?;
            if files.len() == before {
                return Err(HistorianError::NoXml { path: label(path) });
            }
        } else {
            files.push(path.clone());
        }
    }
    files.iter().map(|f| read(f)).collect()
}

fn walk(dir: &Path, out: &mut Vec<PathBuf>) -> Result<(), HistorianError> {
    let mut entries: Vec<PathBuf> = std::fs::read_dir(dir)
        .map_err(|e| io(dir, &e))?
        .map(|entry| entry.map(|e| e.path()).map_err(|e| io(dir, &e)))
        .collect::<Result<_, _>>()?;
    entries.sort();
    for p in entries {
        if p.is_dir() {
            walk(&p, out)?;
        } else if p.extension().is_some_and(|x| x.eq_ignore_ascii_case("xml")) {
            out.push(p);
        }
    }
    Ok(())
}

fn read(path: &Path) -> Result<Input, HistorianError> {
    let len = std::fs::metadata(path).map_err(|e| io(path, &e))?.len();
    if len > MAX_FILE_BYTES {
        return Err(HistorianError::TooLarge {
            path: label(path),
            mib: len >> 20,
            limit: MAX_FILE_BYTES >> 20,
        });
    }
    let bytes = std::fs::read(path).map_err(|e| io(path, &e))?;
    Ok(Input {
        label: label(path),
        bytes,
    })
}

/// A path as cited: forward slashes, no leading `./`.
fn label(path: &Path) -> String {
    let s = path.to_string_lossy().replace('\\', "/");
    s.strip_prefix("./").unwrap_or(&s).to_string()
}

fn io(path: &Path, e: &std::io::Error) -> HistorianError {
    let reason = match e.kind() {
        std::io::ErrorKind::NotFound => "no such file or folder".to_string(),
        std::io::ErrorKind::PermissionDenied => "permission denied".to_string(),
        _ => e.to_string(),
    };
    HistorianError::Io {
        path: label(path),
        reason,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folders_are_walked_for_xml_in_name_order() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(dir.path().join("b/c")).unwrap();
        std::fs::write(dir.path().join("b/c/z.xml"), "<a/>").unwrap();
        std::fs::write(dir.path().join("a.xml"), "<a/>").unwrap();
        std::fs::write(dir.path().join("README.md"), "#").unwrap();
        let got = read_inputs(&[dir.path().to_path_buf()]).unwrap();
        let names: Vec<&str> = got
            .iter()
            .map(|i| i.label.rsplit('/').next().unwrap())
            .collect();
        assert_eq!(names, ["a.xml", "z.xml"]);
        let empty = tempfile::tempdir().unwrap();
        assert!(matches!(
            read_inputs(&[empty.path().to_path_buf()]),
            Err(HistorianError::NoXml { .. })
        ));
        assert!(matches!(
            read_inputs(&[dir.path().join("missing")]),
            Err(HistorianError::Io { .. })
        ));
    }
}
