//! Writing a whole file so that readers see either the old content or the new, never a mix.
//!
//! The content goes to a temporary file in the destination's folder (same file system, so the final
//! rename is atomic), is flushed to disk, and is then renamed over the destination. Without
//! `replace`, an existing destination is refused by the rename itself, so there is no window in
//! which another writer's file could be overwritten.
//!
//! Only regular files are written or replaced. A rename over `/dev/full`, a named pipe or a link to
//! a device would swap the special file for a regular one, so those are refused, as is a file with
//! other hard links (the rename would leave the other names holding the old content). A replaced
//! file keeps its permission bits but never its setuid, setgid or sticky bits: the new file belongs
//! to whoever wrote it. [`Replace::IfUnchanged`] refuses to replace a file that changed since it was
//! read (its size, modification time or content), so a save made meanwhile is not lost. Nothing is
//! written over the loader's size limit, so whatever this program writes it can read back. Temporary
//! files are listed while they exist, and [`remove_temporaries`] deletes them when a signal ends
//! the process.

use std::fs::{Metadata, Permissions};
use std::hash::Hasher;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::time::SystemTime;

use tempfile::NamedTempFile;

use crate::store::files;

/// Why a file was not written.
#[derive(Debug, thiserror::Error)]
pub enum WriteError {
    #[error("{} already exists; pass --force to replace it", .0.display())]
    Exists(PathBuf),
    #[error("{} is {what}, not a regular file; only regular files are written", .path.display())]
    NotRegular { path: PathBuf, what: &'static str },
    #[error(
        "{} has {links} hard links; replacing it would leave the other names with the old \
         content, so it is left alone: write elsewhere, or remove the other links first",
        .path.display()
    )]
    HardLinked { path: PathBuf, links: u64 },
    #[error(
        "{} would be {} MiB, over the {} MiB limit of the files bilateral reads, so it could not \
         be read back; nothing was written (a narrower selection makes a smaller file)",
        .path.display(),
        .bytes >> 20,
        files::MAX_FILE_BYTES >> 20
    )]
    TooBig { path: PathBuf, bytes: u64 },
    #[error(
        "{} changed since it was read (someone else saved it meanwhile), so it was not replaced \
         and their save is kept; write again to add to the new version",
        .0.display()
    )]
    Changed(PathBuf),
    // The reason is part of the message and deliberately not a `source`: printed as a chain it
    // would say the same thing twice ("Is a directory (os error 21): Is a directory (os error 21)").
    #[error("cannot write {}: {error}", .path.display())]
    Io {
        path: PathBuf,
        error: std::io::Error,
    },
}

/// When an existing file may be replaced.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Replace {
    /// Never: an existing file is refused.
    Never,
    /// Whatever it holds (`--force`).
    Always,
    /// Only if it still is what was read (gone counts as changed).
    IfUnchanged(Snapshot),
}

/// What a file was when it was read: enough to tell, just before replacing it, that nobody saved
/// over it meanwhile.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Snapshot {
    len: u64,
    modified: Option<SystemTime>,
    hash: u64,
}

impl Snapshot {
    /// The snapshot of a file whose metadata (taken when it was opened) and bytes are these.
    pub fn new(meta: &Metadata, bytes: &[u8]) -> Snapshot {
        Snapshot {
            len: meta.len(),
            modified: meta.modified().ok(),
            hash: hash(bytes),
        }
    }

    /// Whether the file at `path` is still what this snapshot saw. Size and time are compared
    /// first; the content too, because a quick save can keep both.
    fn still_matches(&self, path: &Path) -> bool {
        match files::read_with_metadata(path) {
            Ok((meta, bytes)) => {
                meta.len() == self.len
                    && meta.modified().ok() == self.modified
                    && hash(&bytes) == self.hash
            }
            Err(_) => false,
        }
    }
}

/// Not a cryptographic hash: it tells a file that changed from one that did not, nothing more.
fn hash(bytes: &[u8]) -> u64 {
    let mut h = std::hash::DefaultHasher::new();
    h.write(bytes);
    h.finish()
}

/// Writes `contents` to `path` atomically. An existing file is replaced only when `replace` is set,
/// and keeps its permissions; a new file gets the usual read-write-for-owner, read-for-others.
pub fn write(path: &Path, contents: &[u8], replace: bool) -> Result<(), WriteError> {
    let mode = if replace {
        Replace::Always
    } else {
        Replace::Never
    };
    write_with(path, contents, &mode)
}

/// Writes `contents` to `path` atomically, replacing an existing file as `mode` allows.
pub fn write_with(path: &Path, contents: &[u8], mode: &Replace) -> Result<(), WriteError> {
    write_at_most(path, contents, mode, files::MAX_FILE_BYTES)
}

/// [`write_with`], refusing contents over `limit` bytes: nothing is written that the loader would
/// refuse to read back.
fn write_at_most(
    path: &Path,
    contents: &[u8],
    mode: &Replace,
    limit: u64,
) -> Result<(), WriteError> {
    if contents.len() as u64 > limit {
        return Err(WriteError::TooBig {
            path: path.to_path_buf(),
            bytes: contents.len() as u64,
        });
    }
    let io = |error| WriteError::Io {
        path: path.to_path_buf(),
        error,
    };
    let folder = folder_of(path);
    let existing = existing(path)?;
    if existing.is_some() && *mode == Replace::Never {
        return Err(WriteError::Exists(path.to_path_buf()));
    }
    let permissions = match &existing {
        Some(meta) => Some(without_special_bits(meta.permissions())),
        None => default_permissions(),
    };
    let mut builder = tempfile::Builder::new();
    builder.prefix(".bilateral-").suffix(".tmp");
    // The name is listed before the file exists: a signal that arrives the moment it is created
    // must find it in the list, or the handler leaves it behind.
    let mut listed = None;
    let mut file: NamedTempFile = builder
        .make_in(folder, |candidate| {
            let entry = Listed::new(candidate);
            let created = create_new(candidate, permissions.as_ref())?;
            listed = Some(entry);
            Ok(created)
        })
        .map_err(io)?;
    let _listed = listed;
    file.write_all(contents).map_err(io)?;
    file.as_file().sync_all().map_err(io)?;
    let persisted = match mode {
        Replace::Never => file.persist_noclobber(path),
        Replace::Always => file.persist(path),
        // As late as it can be: the check and the rename are a few system calls apart.
        Replace::IfUnchanged(snapshot) if snapshot.still_matches(path) => file.persist(path),
        Replace::IfUnchanged(_) => return Err(WriteError::Changed(path.to_path_buf())),
    };
    match persisted {
        Ok(_) => Ok(()),
        Err(e) if e.error.kind() == std::io::ErrorKind::AlreadyExists => {
            Err(WriteError::Exists(path.to_path_buf()))
        }
        Err(e) => Err(io(e.error)),
    }
}

/// Creates a file that must not exist yet, with `permissions` (the replaced file's, or the
/// default) rather than whatever a process-wide default would give.
fn create_new(path: &Path, permissions: Option<&Permissions>) -> std::io::Result<std::fs::File> {
    let mut options = std::fs::OpenOptions::new();
    options.read(true).write(true).create_new(true);
    #[cfg(unix)]
    if let Some(p) = permissions {
        use std::os::unix::fs::{OpenOptionsExt, PermissionsExt};
        options.mode(p.mode());
    }
    let file = options.open(path)?;
    #[cfg(not(unix))]
    let _ = permissions;
    Ok(file)
}

/// What is at `path` now, if anything: refused unless it is a regular file with no other hard
/// links, or a symbolic link to one (the link itself is what gets replaced).
fn existing(path: &Path) -> Result<Option<Metadata>, WriteError> {
    let not_regular = |what| WriteError::NotRegular {
        path: path.to_path_buf(),
        what,
    };
    let own = match std::fs::symlink_metadata(path) {
        Ok(meta) => meta,
        Err(_) => return Ok(None),
    };
    if own.file_type().is_symlink() {
        return match std::fs::metadata(path) {
            // A link to a regular file: the link is replaced, its target left as it is.
            Ok(target) if target.is_file() => Ok(Some(target)),
            Ok(target) => Err(not_regular(link_to(&target))),
            // A dangling link: replaced like a file, when replacing is allowed.
            Err(_) => Ok(Some(own)),
        };
    }
    if !own.is_file() {
        return Err(not_regular(kind(&own)));
    }
    let links = hard_links(&own);
    if links > 1 {
        return Err(WriteError::HardLinked {
            path: path.to_path_buf(),
            links,
        });
    }
    Ok(Some(own))
}

#[cfg(unix)]
fn kind(meta: &Metadata) -> &'static str {
    use std::os::unix::fs::FileTypeExt;
    let t = meta.file_type();
    if t.is_dir() {
        "a folder"
    } else if t.is_char_device() {
        "a character device"
    } else if t.is_block_device() {
        "a block device"
    } else if t.is_fifo() {
        "a named pipe (FIFO)"
    } else if t.is_socket() {
        "a socket"
    } else {
        "a special file"
    }
}

#[cfg(not(unix))]
fn kind(meta: &Metadata) -> &'static str {
    if meta.is_dir() {
        "a folder"
    } else {
        "a special file"
    }
}

fn link_to(target: &Metadata) -> &'static str {
    match kind(target) {
        "a folder" => "a link to a folder",
        "a character device" => "a link to a character device",
        "a block device" => "a link to a block device",
        "a named pipe (FIFO)" => "a link to a named pipe (FIFO)",
        "a socket" => "a link to a socket",
        _ => "a link to a special file",
    }
}

#[cfg(unix)]
fn hard_links(meta: &Metadata) -> u64 {
    use std::os::unix::fs::MetadataExt;
    meta.nlink()
}

#[cfg(not(unix))]
fn hard_links(_: &Metadata) -> u64 {
    1
}

/// The permission bits only: setuid, setgid and sticky are not carried to a file someone else
/// now owns.
#[cfg(unix)]
fn without_special_bits(p: Permissions) -> Permissions {
    use std::os::unix::fs::PermissionsExt;
    Permissions::from_mode(p.mode() & 0o777)
}

#[cfg(not(unix))]
fn without_special_bits(p: Permissions) -> Permissions {
    p
}

/// Writes a file atomically from `fill`, which streams its content, replacing any file there.
/// Without `sync` the content is not forced to disk before the rename: for files whose content is
/// checked when read (the load cache's checksum), a file torn by a crash is caught and rebuilt,
/// and a command need not wait for the disk.
pub fn write_streaming(
    path: &Path,
    sync: bool,
    fill: impl FnOnce(&mut dyn Write) -> std::io::Result<()>,
) -> Result<(), WriteError> {
    let io = |error| WriteError::Io {
        path: path.to_path_buf(),
        error,
    };
    let folder = folder_of(path);
    let mut builder = tempfile::Builder::new();
    builder.prefix(".bilateral-").suffix(".tmp");
    if let Some(p) = default_permissions() {
        builder.permissions(p);
    }
    let file: NamedTempFile = builder.tempfile_in(folder).map_err(io)?;
    // A cache file torn by a signal is caught by its checksum; listing it still tidies it away.
    let _listed = Listed::new(file.path());
    let mut out = std::io::BufWriter::with_capacity(1 << 20, file);
    fill(&mut out).map_err(io)?;
    let file = out.into_inner().map_err(|e| io(e.into_error()))?;
    if sync {
        file.as_file().sync_all().map_err(io)?;
    }
    file.persist(path).map_err(|e| io(e.error))?;
    Ok(())
}

#[cfg(unix)]
fn default_permissions() -> Option<Permissions> {
    use std::os::unix::fs::PermissionsExt;
    Some(Permissions::from_mode(0o644))
}

#[cfg(not(unix))]
fn default_permissions() -> Option<Permissions> {
    None
}

/// Temporary files being written right now, for [`remove_temporaries`].
static TEMPORARIES: Mutex<Vec<PathBuf>> = Mutex::new(Vec::new());

/// Keeps a temporary file's path listed while it lives.
struct Listed(PathBuf);

impl Listed {
    fn new(path: &Path) -> Listed {
        if let Ok(mut list) = TEMPORARIES.lock() {
            list.push(path.to_path_buf());
        }
        Listed(path.to_path_buf())
    }
}

impl Drop for Listed {
    fn drop(&mut self) {
        if let Ok(mut list) = TEMPORARIES.lock() {
            list.retain(|p| *p != self.0);
        }
    }
}

/// Deletes the temporary files of writes still under way. For a signal handler about to end the
/// process, whose destructors will not run.
pub fn remove_temporaries() {
    // A write interrupted while holding the lock still has its path in the list.
    let list = match TEMPORARIES.lock() {
        Ok(list) => list,
        Err(poisoned) => poisoned.into_inner(),
    };
    for path in list.iter() {
        let _ = std::fs::remove_file(path);
    }
}

/// The folder a file is written in: its parent, or the current folder for a bare name.
fn folder_of(path: &Path) -> &Path {
    match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn creates_refuses_to_clobber_and_replaces_on_request() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("out.json");
        write(&path, b"one", false).unwrap();
        assert_eq!(std::fs::read(&path).unwrap(), b"one");
        let err = write(&path, b"two", false).unwrap_err();
        assert!(matches!(err, WriteError::Exists(_)), "{err}");
        assert!(err.to_string().contains("--force"));
        assert_eq!(
            std::fs::read(&path).unwrap(),
            b"one",
            "refused writes change nothing"
        );
        write(&path, b"two", true).unwrap();
        assert_eq!(std::fs::read(&path).unwrap(), b"two");
        let leftovers: Vec<_> = std::fs::read_dir(dir.path()).unwrap().collect();
        assert_eq!(leftovers.len(), 1, "no temporary files are left behind");
    }

    #[cfg(unix)]
    #[test]
    fn new_files_are_readable_and_replaced_files_keep_their_permissions() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("out.json");
        write(&path, b"one", false).unwrap();
        let mode = |p: &Path| std::fs::metadata(p).unwrap().permissions().mode() & 0o7777;
        assert_eq!(mode(&path), 0o644, "not the temporary file's 0600");
        std::fs::set_permissions(&path, Permissions::from_mode(0o640)).unwrap();
        write(&path, b"two", true).unwrap();
        assert_eq!(mode(&path), 0o640);
        // Setuid and setgid are not kept by the new file.
        std::fs::set_permissions(&path, Permissions::from_mode(0o6755)).unwrap();
        write(&path, b"three", true).unwrap();
        assert_eq!(mode(&path), 0o755);
    }

    #[test]
    fn a_missing_folder_is_an_error_naming_the_file_once() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("no/such/folder/out.json");
        let err = write(&path, b"x", false).unwrap_err();
        let text = err.to_string();
        assert!(
            text.starts_with(&format!("cannot write {}", path.display())),
            "{text}"
        );
        // Printed as a chain (as `anyhow` prints it), the reason is not repeated.
        assert!(std::error::Error::source(&err).is_none());
    }

    #[test]
    fn nothing_is_written_that_the_loader_would_refuse() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("big.json");
        let err = write_at_most(&path, &[b' '; 11], &Replace::Never, 10).unwrap_err();
        assert!(matches!(err, WriteError::TooBig { bytes: 11, .. }), "{err}");
        assert!(err.to_string().contains("could not be read back"), "{err}");
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 0);
        write_at_most(&path, &[b' '; 10], &Replace::Never, 10).unwrap();
    }

    #[test]
    fn a_file_changed_since_it_was_read_is_not_replaced() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("t.json");
        std::fs::write(&path, b"theirs, first").unwrap();
        let (meta, bytes) = files::read_with_metadata(&path).unwrap();
        let read = Snapshot::new(&meta, &bytes);
        // Same size, and possibly the same time: only the content tells.
        std::fs::write(&path, b"theirs, again").unwrap();
        let err = write_with(&path, b"mine", &Replace::IfUnchanged(read)).unwrap_err();
        assert!(matches!(err, WriteError::Changed(_)), "{err}");
        assert_eq!(std::fs::read(&path).unwrap(), b"theirs, again");
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);

        let (meta, bytes) = files::read_with_metadata(&path).unwrap();
        write_with(
            &path,
            b"mine",
            &Replace::IfUnchanged(Snapshot::new(&meta, &bytes)),
        )
        .unwrap();
        assert_eq!(std::fs::read(&path).unwrap(), b"mine");
    }
}
