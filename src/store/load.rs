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

use super::builtin;
use crate::core::model::{Timeline, merge};
use crate::formats::diagnostics::LoadError;
use crate::formats::native::{ParsedFile, careful, parse_str};

pub use super::builtin::{BUILTIN_JSON, BUILTIN_NAME};

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
        for (name, json) in builtin::FILES {
            match parse_str(name, json) {
                Ok(p) => parsed.push(p),
                Err(e) => diagnostics.extend(e.diagnostics),
            }
        }
    }
    for path in &options.paths {
        match read_path(path) {
            Ok(files) => parsed.extend(files),
            Err(e) => diagnostics.extend(e.diagnostics),
        }
    }
    if !diagnostics.is_empty() {
        return Err(LoadError { diagnostics });
    }
    let warnings = qualify_collisions(&mut parsed);
    let mut datasets: Vec<_> = parsed.into_iter().map(|p| p.dataset).collect();
    if options.builtin {
        builtin::combine(&mut datasets, builtin::FILES.len());
    }
    let mut timeline = merge(datasets);
    timeline.warnings = warnings;
    Ok(timeline)
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

/// Ids must be unique across the loaded files. Two valid files often share ids (TimelineJS makes
/// them from headlines), and refusing both would leave the user with nothing, so a later file's
/// repeat is qualified by the file's name (`marktwain:intro`) and a warning says where. A repeat
/// within one file is the reader's error, as before.
fn qualify_collisions(files: &mut [ParsedFile]) -> Vec<String> {
    if files.len() < 2 {
        return Vec::new();
    }
    // First find whether any id repeats (cheap); only then locate the ids of the files involved.
    let mut owner: HashMap<&str, usize> = HashMap::new();
    let mut involved = vec![false; files.len()];
    for (i, f) in files.iter().enumerate() {
        for event in &f.dataset.events {
            match owner.get(event.id.as_str()) {
                Some(&first) if first != i => {
                    involved[first] = true;
                    involved[i] = true;
                }
                Some(_) => {}
                None => {
                    owner.insert(&event.id, i);
                }
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
    let mut taken: HashMap<String, (usize, (usize, usize))> = HashMap::new();
    for (i, f) in files.iter().enumerate() {
        for (j, event) in f.dataset.events.iter().enumerate() {
            let pos = positions[i].get(j).copied().unwrap_or((1, 1));
            taken.entry(event.id.clone()).or_insert((i, pos));
        }
    }
    let mut warnings = Vec::new();
    for i in 0..files.len() {
        if !involved[i] {
            continue;
        }
        let qualifier = qualifier_of(&files[i].file);
        let name = files[i].file.clone();
        for (j, event) in files[i].dataset.events.iter_mut().enumerate() {
            let Some(&(first, (l, c))) = taken.get(&event.id) else {
                continue;
            };
            if first == i {
                continue;
            }
            let mut id = format!("{qualifier}:{}", event.id);
            let mut n = 2;
            while taken.contains_key(&id) {
                id = format!("{qualifier}-{n}:{}", event.id);
                n += 1;
            }
            let (el, ec) = positions[i].get(j).copied().unwrap_or((1, 1));
            warnings.push(format!(
                "{name}:{el}:{ec}: id `{}` is also used at {}:{l}:{c}; here it is `{id}`",
                event.id, files[first].file
            ));
            taken.insert(id.clone(), (i, (el, ec)));
            if let Some(original) = event.original.as_mut() {
                original.id = id.clone();
            }
            event.id = id;
        }
    }
    warnings
}

/// A file's name as an id prefix: its stem, with anything an id may not hold made `-`.
fn qualifier_of(file: &str) -> String {
    let stem = Path::new(file)
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    let slug: String = stem
        .chars()
        .map(|c| {
            if c.is_alphanumeric() || matches!(c, '-' | '_' | '.') {
                c
            } else {
                '-'
            }
        })
        .collect();
    if slug.is_empty() { "file".into() } else { slug }
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
        None => builtin::text_of(&file.file).map(str::to_string),
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
