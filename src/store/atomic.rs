//! Writing a whole file so that readers see either the old content or the new, never a mix.
//!
//! The content goes to a temporary file in the destination's folder (same file system, so the final
//! rename is atomic), is flushed to disk, and is then renamed over the destination. Without
//! `replace`, an existing destination is refused by the rename itself, so there is no window in
//! which another writer's file could be overwritten.

use std::fs::Permissions;
use std::io::Write;
use std::path::{Path, PathBuf};

use tempfile::NamedTempFile;

use crate::formats::export::ExportError;

/// Why a file was not written.
#[derive(Debug, thiserror::Error)]
pub enum WriteError {
    #[error("{} already exists; pass --force to replace it", .0.display())]
    Exists(PathBuf),
    #[error("cannot write {}: {source}", path.display())]
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
}

/// Writes `contents` to `path` atomically. An existing file is replaced only when `replace` is set,
/// and keeps its permissions; a new file gets the usual read-write-for-owner, read-for-others.
pub fn write(path: &Path, contents: &[u8], replace: bool) -> Result<(), WriteError> {
    let io = |source| WriteError::Io {
        path: path.to_path_buf(),
        source,
    };
    let folder = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    let permissions = match std::fs::metadata(path) {
        Ok(_) if !replace => return Err(WriteError::Exists(path.to_path_buf())),
        Ok(meta) => Some(meta.permissions()),
        Err(_) => default_permissions(),
    };
    let mut builder = tempfile::Builder::new();
    builder.prefix(".bilateral-").suffix(".tmp");
    if let Some(p) = permissions {
        builder.permissions(p);
    }
    let mut file: NamedTempFile = builder.tempfile_in(folder).map_err(io)?;
    file.write_all(contents).map_err(io)?;
    file.as_file().sync_all().map_err(io)?;
    let persisted = if replace {
        file.persist(path)
    } else {
        file.persist_noclobber(path)
    };
    match persisted {
        Ok(_) => Ok(()),
        Err(e) if e.error.kind() == std::io::ErrorKind::AlreadyExists => {
            Err(WriteError::Exists(path.to_path_buf()))
        }
        Err(e) => Err(io(e.error)),
    }
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
    let io = |source| WriteError::Io {
        path: path.to_path_buf(),
        source,
    };
    let folder = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    let mut builder = tempfile::Builder::new();
    builder.prefix(".bilateral-").suffix(".tmp");
    if let Some(p) = default_permissions() {
        builder.permissions(p);
    }
    let file: NamedTempFile = builder.tempfile_in(folder).map_err(io)?;
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

/// Writes `contents` to `path` atomically: into a temporary file in the same folder, then renamed
/// into place, so readers see the old file or the new one, never a part. An existing file is only
/// replaced with `force`.
pub fn write_file(path: &Path, contents: &[u8], force: bool) -> Result<(), ExportError> {
    write(path, contents, force).map_err(|e| match e {
        WriteError::Exists(path) => ExportError::Exists(path),
        WriteError::Io { path, source } => ExportError::Io { path, source },
    })
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
        let mode = |p: &Path| std::fs::metadata(p).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode(&path), 0o644, "not the temporary file's 0600");
        std::fs::set_permissions(&path, Permissions::from_mode(0o640)).unwrap();
        write(&path, b"two", true).unwrap();
        assert_eq!(mode(&path), 0o640);
    }

    #[test]
    fn a_missing_folder_is_an_error_naming_the_file() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("no/such/folder/out.json");
        let err = write(&path, b"x", false).unwrap_err();
        assert!(err.to_string().contains("out.json"), "{err}");
    }
}

#[cfg(test)]
mod write_file_tests {
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
