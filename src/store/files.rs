//! Reading one file's bytes safely: only regular files, within the size limit, never blocking.
//!
//! A named pipe would block the reader forever and a device such as `/dev/zero` reports a size of 0
//! while never ending, so the type is checked on the opened handle (the path could be swapped in
//! between) and the size limit is enforced on the bytes actually read, not on what the file claims.
//! Opening never blocks: it is done with `O_NONBLOCK`, which matters only for the pipe that is then
//! refused. The loader and the atomic writer (which re-reads a file before replacing it) both read
//! through here, so neither depends on the other.

use std::fs::{File, Metadata};
use std::io::Read;
use std::path::Path;

/// An I/O error in words a user can act on.
pub fn io_reason(e: &std::io::Error) -> String {
    match e.kind() {
        std::io::ErrorKind::NotFound => "no such file or folder".into(),
        std::io::ErrorKind::PermissionDenied => "permission denied".into(),
        _ => e.to_string(),
    }
}

/// Files larger than this are refused (before reading when the file says its size, else as soon as
/// more has been read), rather than exhausting memory; the writers write nothing larger.
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
    let (meta, file) = open_regular(path)?;
    let bytes = read_at_most(file, meta.len(), MAX_FILE_BYTES)?;
    Ok((meta, bytes))
}

/// Opens the regular file at `path` to read a piece at a time, with the same checks as
/// [`read_bytes`]; reading stops after [`MAX_FILE_BYTES`] (plus one byte, so a reader sees that the
/// file went on: [`read_bytes`] then says so).
pub fn open_regular(path: &Path) -> Result<(Metadata, std::io::Take<File>), ReadError> {
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
    Ok((meta, file.take(MAX_FILE_BYTES + 1)))
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
