//! The load cache on disk: where parsed files are kept, when a kept one may be used, and how it is
//! renewed. The bytes themselves are `formats::cache`'s.
//!
//! Each data file of at least [`MIN_BYTES`] gets one cache file, named by a hash of the file's
//! canonical path, in the platform's cache folder (`$XDG_CACHE_HOME/bilateral` or
//! `~/.cache/bilateral` on Linux; `BILATERAL_CACHE_DIR` overrides it).
//!
//! The key records the file's path, size, modification time, status-change time (ctime), device
//! and inode, and an xxh3-128 hash of its content (taken while parsing, when the bytes are read
//! anyway). A cache is used when the path, size and times all match: every write to a file sets
//! its ctime, and no tool sets it back (`touch -r`, `cp -p` and `rsync -t` restore the
//! modification time, never the ctime), so a change that keeps the size and restores the time is
//! still seen. Checking the hash on every load would mean reading the whole file each time, which
//! is what the cache is there to avoid, and costs seconds when the file has left the page cache.
//! When only the times differ (the file was touched, copied or checked out again) and the size
//! matches, the file is read and hashed: the same content keeps the cache, any other is parsed
//! afresh. Where the platform has no ctime, the hash is checked on every load. xxh3 rather than
//! a cryptographic hash: the cache defends against accidents, not against someone who can
//! already write both the data and the cache folder.
//!
//! A stale cache is replaced quietly (the file changed: that is what the key is for). A damaged,
//! truncated or foreign one is never trusted: the file is parsed and the cache rebuilt, with a
//! notice. Writing a cache is atomic and never fails a command: a cache folder that cannot be
//! written is a notice, and the next run parses again.

use std::io::{BufReader, Read};
use std::path::{Path, PathBuf};

use xxhash_rust::xxh3::Xxh3;

use super::atomic;
use crate::formats::cache::{CacheError, Key, Reader};
use crate::formats::native::ParsedFile;

/// Smaller files parse in a few milliseconds, less than reading and checking a cache costs.
pub const MIN_BYTES: u64 = 256 * 1024;
/// Names the cache folder, overriding the platform's (tests use their own).
pub const DIR_VARIABLE: &str = "BILATERAL_CACHE_DIR";

/// The cache folder: `BILATERAL_CACHE_DIR` when set, else the platform's cache folder for
/// bilateral (XDG_CACHE_HOME respected); `None` when there is no home to put one in.
pub fn default_dir() -> Option<PathBuf> {
    if let Some(dir) = std::env::var_os(DIR_VARIABLE).filter(|d| !d.is_empty()) {
        return Some(PathBuf::from(dir));
    }
    directories::ProjectDirs::from("", "", "bilateral").map(|p| p.cache_dir().to_path_buf())
}

/// What the cache had for a file.
#[derive(Debug)]
pub enum Lookup {
    /// The file as parsed before, unchanged since. `touched` holds the content hash when only the
    /// file's times changed: the key is worth renewing, so the next load need not read the file.
    Hit {
        parsed: Box<ParsedFile>,
        touched: Option<u128>,
    },
    /// Nothing usable and nothing wrong: no cache yet, or the file changed since.
    Miss,
    /// A cache file that cannot be trusted, and why; it is rebuilt.
    Refused(CacheError),
}

/// The file as it is now, for a cache key (the hash comes from reading it).
#[derive(Debug, Clone)]
pub struct Source {
    canonical: PathBuf,
    len: u64,
    modified: (i64, u32),
    changed: (i64, u32),
    file_id: (u64, u64),
}

/// Seconds and nanoseconds since the Unix epoch (negative before it).
fn since_epoch(t: std::time::SystemTime) -> (i64, u32) {
    match t.duration_since(std::time::UNIX_EPOCH) {
        Ok(d) => (d.as_secs() as i64, d.subsec_nanos()),
        Err(before) => (
            -(before.duration().as_secs() as i64),
            before.duration().subsec_nanos(),
        ),
    }
}

/// The status-change time and the device and inode, where the platform keeps them.
#[cfg(unix)]
fn identity(meta: &std::fs::Metadata) -> ((i64, u32), (u64, u64)) {
    use std::os::unix::fs::MetadataExt;
    (
        (meta.ctime(), meta.ctime_nsec().clamp(0, 999_999_999) as u32),
        (meta.dev(), meta.ino()),
    )
}

#[cfg(not(unix))]
fn identity(_: &std::fs::Metadata) -> ((i64, u32), (u64, u64)) {
    ((0, 0), (0, 0))
}

impl Source {
    /// Describes `path`; `None` when it cannot be (the reader then reports why).
    pub fn of(path: &Path) -> Option<Source> {
        let canonical = path.canonicalize().ok()?;
        let meta = std::fs::metadata(&canonical).ok()?;
        let (changed, file_id) = identity(&meta);
        Some(Source {
            canonical,
            len: meta.len(),
            modified: since_epoch(meta.modified().ok()?),
            changed,
            file_id,
        })
    }

    pub fn len(&self) -> u64 {
        self.len
    }

    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    /// The key of a cache made from this file, whose bytes hash to `hash`.
    pub fn key(&self, hash: u128) -> Key {
        Key {
            path: self.canonical.to_string_lossy().into_owned(),
            len: self.len,
            modified: self.modified,
            changed: self.changed,
            file_id: self.file_id,
            hash,
        }
    }

    /// The cache file for this source in `dir`: one per source, replaced when the source changes.
    fn entry(&self, dir: &Path) -> PathBuf {
        let name = xxhash_rust::xxh3::xxh3_64(self.canonical.as_os_str().as_encoded_bytes());
        dir.join(format!("{name:016x}.cache"))
    }
}

/// The content hash of a file's bytes, as the key holds it.
pub fn hash(bytes: &[u8]) -> u128 {
    xxhash_rust::xxh3::xxh3_128(bytes)
}

/// A reader that hashes what passes through it, for a file parsed as it is read: its digest is
/// what [`hash`] gives for the same bytes.
pub struct Hashed<R> {
    inner: R,
    hasher: Xxh3,
}

impl<R: Read> Hashed<R> {
    pub fn new(inner: R) -> Hashed<R> {
        Hashed {
            inner,
            hasher: Xxh3::new(),
        }
    }

    /// The hash of everything read so far.
    pub fn digest(&self) -> u128 {
        self.hasher.digest128()
    }
}

impl<R: Read> Read for Hashed<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.hasher.update(&buf[..n]);
        Ok(n)
    }
}

/// Hashes a file a piece at a time, never holding it whole.
fn hash_file(path: &Path) -> std::io::Result<u128> {
    let mut file = std::fs::File::open(path)?;
    let mut hasher = Xxh3::new();
    let mut buf = vec![0; 1 << 20];
    loop {
        match file.read(&mut buf) {
            Ok(0) => return Ok(hasher.digest128()),
            Ok(n) => hasher.update(&buf[..n]),
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
            Err(e) => return Err(e),
        }
    }
}

/// Looks for `source`'s cache in `dir`; `name` is how messages name the file. When the times
/// differ but the size does not, the file is hashed while the cache decodes, and the decoded file
/// is returned only if the content is the same.
pub fn lookup(dir: &Path, source: &Source, name: &str, progress: &(dyn Fn(f64) + Sync)) -> Lookup {
    let entry = source.entry(dir);
    // A cache that cannot be opened is no damage: there is none yet, or the folder is not
    // ours to use, which writing it will report.
    let Ok(file) = std::fs::File::open(&entry) else {
        return Lookup::Miss;
    };
    let len = file.metadata().map(|m| m.len()).unwrap_or(0);
    let (reader, key) = match Reader::open(BufReader::with_capacity(1 << 20, file), len) {
        Ok(r) => r,
        Err(e) => return Lookup::Refused(e),
    };
    let expected = source.key(key.hash);
    if key.path != expected.path || key.len != expected.len {
        return Lookup::Miss;
    }
    let unchanged = key == expected && expected.changed != (0, 0);
    let (same, decoded) = rayon::join(
        || unchanged || hash_file(&source.canonical).is_ok_and(|h| h == key.hash),
        || reader.decode(name, progress),
    );
    match (same, decoded) {
        (false, _) => Lookup::Miss,
        (true, Ok(parsed)) => Lookup::Hit {
            parsed: Box::new(parsed),
            touched: (!unchanged).then_some(key.hash),
        },
        (true, Err(e)) => Lookup::Refused(e),
    }
}

/// Why a cache could not be kept (the command goes on; the user gets a note).
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("cannot create {}: {source}", dir.display())]
    Folder {
        dir: PathBuf,
        source: std::io::Error,
    },
    #[error(transparent)]
    Write(#[from] atomic::WriteError),
}

/// Keeps `parsed`, read from `source` whose bytes hashed to `hash`, in `dir`, replacing any
/// earlier cache of the same file. Only the file's own reader calls this, after validating it.
pub fn store(
    dir: &Path,
    source: &Source,
    hash: u128,
    parsed: &ParsedFile,
    progress: &dyn Fn(f64),
) -> Result<(), StoreError> {
    std::fs::create_dir_all(dir).map_err(|e| StoreError::Folder {
        dir: dir.to_path_buf(),
        source: e,
    })?;
    let key = source.key(hash);
    atomic::write_streaming(&source.entry(dir), false, |mut out| {
        crate::formats::cache::write(&mut out, &key, parsed, progress)
    })?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_file_hashed_as_it_is_read_has_the_hash_of_its_bytes() {
        let bytes: Vec<u8> = (0..300_000u32).flat_map(|i| i.to_le_bytes()).collect();
        let mut input = Hashed::new(bytes.as_slice());
        let mut small = [0; 1000];
        while input.read(&mut small).unwrap() > 0 {}
        assert_eq!(input.digest(), hash(&bytes));
    }
}
