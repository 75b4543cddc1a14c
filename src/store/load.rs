//! Reading timeline files from the filesystem: size-limited reads, folders, the built-in dataset,
//! ids unique across files, and merging into one timeline.
//!
//! Only regular files are read. A named pipe would block the reader forever and a device such as
//! `/dev/zero` reports a size of 0 while never ending, so the type is checked on the opened handle
//! (the path could be swapped in between) and the size limit is enforced on the bytes actually read,
//! not on what the file claims. Opening never blocks: it is done with `O_NONBLOCK`, which matters
//! only for the pipe that is then refused.
//!
//! Files in TimelineJS's JSON or spreadsheet CSV form are recognised by their shape (or a `.csv`
//! extension) and handed to `formats::timelinejs`, which maps them with the same diagnostics.

use std::collections::HashMap;
use std::fs::{File, Metadata};
use std::io::Read;
use std::path::{Path, PathBuf};

use crate::core::model::{Timeline, merge};
use crate::formats::diagnostics::{Diagnostic, LoadError};
use crate::formats::native::{ParsedFile, careful, parse_str};

/// The built-in dataset, compiled into the binary.
pub const BUILTIN_JSON: &str = include_str!("../../assets/india-us-2025.json");
/// How the built-in dataset is named in messages.
pub const BUILTIN_NAME: &str = "assets/india-us-2025.json";

/// Files larger than this are refused (before reading when the file says its size, else as soon as
/// more has been read), rather than exhausting memory.
pub const MAX_FILE_BYTES: u64 = 1 << 30;

/// Why a file's bytes could not be read.
#[derive(Debug, thiserror::Error)]
pub enum ReadError {
    // The reason is in the message, so the OS error is not also a `source` that a chain would
    // print a second time.
    #[error("cannot read: {}", io_reason(.0))]
    Io(std::io::Error),
    #[error("cannot read: it is {0}, not a regular file")]
    NotRegular(&'static str),
    #[error("file is {} MiB; the limit is {} MiB", .0 >> 20, MAX_FILE_BYTES >> 20)]
    TooBig(u64),
    #[error("file goes on past the limit of {} MiB", MAX_FILE_BYTES >> 20)]
    Endless,
}

impl From<std::io::Error> for ReadError {
    fn from(e: std::io::Error) -> ReadError {
        ReadError::Io(e)
    }
}

/// Reads the whole of the regular file at `path`, up to [`MAX_FILE_BYTES`]. Pipes, devices, sockets
/// and folders are refused without reading from them.
pub fn read_bytes(path: &Path) -> Result<Vec<u8>, ReadError> {
    read_with_metadata(path).map(|(_, bytes)| bytes)
}

/// Like [`read_bytes`], with the metadata of the file that was read, taken when it was opened.
pub fn read_with_metadata(path: &Path) -> Result<(Metadata, Vec<u8>), ReadError> {
    // The type as the path says (through symlinks), so a device is not even opened: opening some
    // has effects of its own.
    regular(&std::fs::metadata(path)?)?;
    let file = open_nonblocking(path)?;
    // The type of what was opened, which is what will be read.
    let meta = file.metadata()?;
    regular(&meta)?;
    if meta.len() > MAX_FILE_BYTES {
        return Err(ReadError::TooBig(meta.len()));
    }
    let bytes = read_at_most(file, meta.len(), MAX_FILE_BYTES)?;
    Ok((meta, bytes))
}

/// Reads to the end, but never more than `limit` bytes: what a file says about its size is not
/// trusted (it may grow while being read).
fn read_at_most(source: impl Read, expected: u64, limit: u64) -> Result<Vec<u8>, ReadError> {
    let mut bytes = Vec::with_capacity(usize::try_from(expected.min(limit)).unwrap_or(0));
    source.take(limit + 1).read_to_end(&mut bytes)?;
    if bytes.len() as u64 > limit {
        return Err(ReadError::Endless);
    }
    Ok(bytes)
}

/// Refuses anything but a regular file, naming what it is.
fn regular(meta: &Metadata) -> Result<(), ReadError> {
    if meta.is_file() {
        return Ok(());
    }
    let kind = meta.file_type();
    let what = if kind.is_dir() {
        "a folder"
    } else {
        special_kind(&kind)
    };
    Err(ReadError::NotRegular(what))
}

#[cfg(unix)]
fn special_kind(kind: &std::fs::FileType) -> &'static str {
    use std::os::unix::fs::FileTypeExt;
    if kind.is_fifo() {
        "a named pipe (FIFO)"
    } else if kind.is_char_device() {
        "a character device"
    } else if kind.is_block_device() {
        "a block device"
    } else if kind.is_socket() {
        "a socket"
    } else {
        "a special file"
    }
}

#[cfg(not(unix))]
fn special_kind(_: &std::fs::FileType) -> &'static str {
    "a special file"
}

/// Opens for reading without waiting: a named pipe swapped in after the type check opens at once
/// (and is then refused) instead of blocking until someone writes to it.
#[cfg(unix)]
fn open_nonblocking(path: &Path) -> std::io::Result<File> {
    use std::os::unix::fs::OpenOptionsExt;
    std::fs::OpenOptions::new()
        .read(true)
        .custom_flags(libc::O_NONBLOCK)
        .open(path)
}

#[cfg(not(unix))]
fn open_nonblocking(path: &Path) -> std::io::Result<File> {
    File::open(path)
}

/// What to load.
#[derive(Debug, Clone, Default)]
pub struct Options {
    /// Include the built-in India–US dataset.
    pub builtin: bool,
    /// Files, or folders of `*.json` files.
    pub paths: Vec<PathBuf>,
}

/// Loads the built-in dataset and every path, checks ids are unique across all of them, and merges
/// them into one timeline in timeline order. Errors from every file are gathered before failing.
pub fn load(options: &Options) -> Result<Timeline, LoadError> {
    let mut parsed = Vec::new();
    let mut diagnostics = Vec::new();
    if options.builtin {
        match parse_str(BUILTIN_NAME, BUILTIN_JSON) {
            Ok(p) => parsed.push(p),
            Err(e) => diagnostics.extend(e.diagnostics),
        }
    }
    for path in &options.paths {
        match read_path(path) {
            Ok(files) => parsed.extend(files),
            Err(e) => diagnostics.extend(e.diagnostics),
        }
    }
    diagnostics.extend(duplicate_ids(&parsed));
    if !diagnostics.is_empty() {
        return Err(LoadError { diagnostics });
    }
    Ok(merge(parsed.into_iter().map(|p| p.dataset).collect()))
}
/// Reads a file, or every `*.json` file in a folder (in name order).
pub fn read_path(path: &Path) -> Result<Vec<ParsedFile>, LoadError> {
    let name = path.display().to_string();
    let meta = std::fs::metadata(path)
        .map_err(|e| LoadError::single(&name, format!("cannot read: {}", io_reason(&e))))?;
    if !meta.is_dir() {
        return read_file(path).map(|p| vec![p]);
    }
    let entries = std::fs::read_dir(path)
        .map_err(|e| LoadError::single(&name, format!("cannot list folder: {}", io_reason(&e))))?;
    let mut files = Vec::new();
    for entry in entries {
        let entry = entry.map_err(|e| {
            LoadError::single(&name, format!("cannot list folder: {}", io_reason(&e)))
        })?;
        let p = entry.path();
        // Anything else named `*.json` (a pipe, a device, a link to one) is listed, and refused
        // when read, so it is reported rather than silently left out.
        if p.extension().is_some_and(|x| x == "json") && !p.is_dir() {
            files.push(p);
        }
    }
    if files.is_empty() {
        return Err(LoadError::single(&name, "folder holds no *.json files"));
    }
    files.sort();
    let mut parsed = Vec::new();
    let mut diagnostics = Vec::new();
    for f in files {
        match read_file(&f) {
            Ok(p) => parsed.push(p),
            Err(e) => diagnostics.extend(e.diagnostics),
        }
    }
    if diagnostics.is_empty() {
        Ok(parsed)
    } else {
        Err(LoadError { diagnostics })
    }
}

fn read_file(path: &Path) -> Result<ParsedFile, LoadError> {
    read_imported(path).map(|imported| imported.parsed)
}

/// Reads one file in whichever format it is in, keeping what the import could not carry over.
pub fn read_imported(path: &Path) -> Result<crate::formats::timelinejs::Imported, LoadError> {
    let name = path.display().to_string();
    let bytes = read_bytes(path).map_err(|e| LoadError::single(&name, e.to_string()))?;
    let mut imported = crate::formats::timelinejs::parse_any(path, &name, &bytes)?;
    imported.parsed.set_path(path.to_path_buf());
    Ok(imported)
}

fn io_reason(e: &std::io::Error) -> String {
    match e.kind() {
        std::io::ErrorKind::NotFound => "no such file or folder".into(),
        std::io::ErrorKind::PermissionDenied => "permission denied".into(),
        _ => e.to_string(),
    }
}

/// Ids must be unique across every loaded file; each repeat is reported where it is written.
fn duplicate_ids(files: &[ParsedFile]) -> Vec<Diagnostic> {
    if files.len() < 2 {
        return Vec::new();
    }
    // First find whether any id repeats (cheap); only then locate the ids of the files involved.
    let mut owner: HashMap<&str, usize> = HashMap::new();
    let mut involved = vec![false; files.len()];
    for (i, f) in files.iter().enumerate() {
        for event in &f.dataset.events {
            if let Some(&first) = owner.get(event.id.as_str()) {
                involved[first] = true;
                involved[i] = true;
            } else {
                owner.insert(&event.id, i);
            }
        }
    }
    if !involved.contains(&true) {
        return Vec::new();
    }
    let positions: Vec<Vec<(usize, usize)>> = files
        .iter()
        .zip(&involved)
        .map(|(f, &inv)| if inv { id_positions(f) } else { Vec::new() })
        .collect();
    let mut seen: HashMap<&str, (&str, (usize, usize))> = HashMap::new();
    let mut out = Vec::new();
    for (f, pos) in files.iter().zip(&positions).filter(|(_, p)| !p.is_empty()) {
        for (event, pos) in f.dataset.events.iter().zip(pos) {
            match seen.get(event.id.as_str()) {
                Some((first_file, (l, c))) => out.push(Diagnostic {
                    file: f.file.clone(),
                    position: Some(*pos),
                    field: Some("id".into()),
                    message: format!(
                        "duplicate id `{}`, first used at {first_file}:{l}:{c}",
                        event.id
                    ),
                }),
                None => {
                    seen.insert(&event.id, (&f.file, *pos));
                }
            }
        }
    }
    out
}

/// Where each event's id is written, reading the file again the careful way if the fast path
/// skipped that.
fn id_positions(file: &ParsedFile) -> Vec<(usize, usize)> {
    if let Some(p) = file.known_id_positions() {
        return p.to_vec();
    }
    let text = match file.path() {
        Some(path) => read_bytes(path)
            .ok()
            .and_then(|b| String::from_utf8(b).ok()),
        None if file.file == BUILTIN_NAME => Some(BUILTIN_JSON.to_string()),
        None => None,
    };
    let careful = text.and_then(|t| careful(&file.file, &t).ok());
    careful
        .and_then(|p| p.known_id_positions().map(<[_]>::to_vec))
        .unwrap_or_else(|| vec![(1, 1); file.dataset.events.len()])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_limit_holds_on_what_is_read_whatever_the_size_said() {
        let endless = std::io::repeat(b'x');
        assert!(matches!(
            read_at_most(endless, 0, 1000),
            Err(ReadError::Endless)
        ));
        let exact = std::io::repeat(b'x').take(1000);
        assert_eq!(read_at_most(exact, 0, 1000).unwrap().len(), 1000);
    }
}
