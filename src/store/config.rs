//! Reading the configuration file: `config.toml` in the configuration folder (see `dirs`). A
//! missing file means the defaults; anything else wrong with it is an error naming the file, and
//! with `formats::config`, the line and column.

use std::path::{Path, PathBuf};

use crate::formats::config::{self, Config};
use crate::formats::diagnostics::{Diagnostic, LoadError, text_of};
use crate::store::dirs;

/// The file's name in the configuration folder.
pub const FILE_NAME: &str = "config.toml";

/// A configuration file is a few lines; anything this large is not one.
const MAX_BYTES: u64 = 1 << 20;

/// Where the configuration file is (or would be).
pub fn path() -> Option<PathBuf> {
    dirs::config_dir().map(|d| d.join(FILE_NAME))
}

/// Reads the configuration at `path`: `None` when there is no such file. A file that could be
/// read comes with the problems found in it (see [`config::read`]); one that could not is an
/// error.
pub fn read(path: &Path) -> Result<Option<(Config, Vec<Diagnostic>)>, LoadError> {
    let name = path.display().to_string();
    let meta = match std::fs::metadata(path) {
        Ok(meta) => meta,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        Err(e) => return Err(LoadError::single(&name, format!("cannot read: {e}"))),
    };
    if meta.is_dir() {
        return Err(LoadError::single(&name, "is a folder, not a file"));
    }
    if meta.len() > MAX_BYTES {
        return Err(LoadError::single(
            &name,
            format!(
                "is {} KiB; a configuration file is at most 1 MiB",
                meta.len() >> 10
            ),
        ));
    }
    let bytes =
        std::fs::read(path).map_err(|e| LoadError::single(&name, format!("cannot read: {e}")))?;
    let text = text_of(&name, &bytes)?;
    Ok(Some(config::read(&name, text)))
}

/// A `data` path from the configuration file at `file`: `~/` is the home folder, and a relative
/// path is relative to the file's folder (not to wherever the program is started).
pub fn resolve(file: &Path, written: &str) -> PathBuf {
    if let Some(rest) = written.strip_prefix("~/")
        && let Some(home) = dirs::home_dir()
    {
        return home.join(rest);
    }
    let path = Path::new(written);
    match file.parent() {
        Some(folder) if path.is_relative() => folder.join(path),
        _ => path.to_path_buf(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_missing_file_is_the_defaults_and_a_folder_is_an_error() {
        let dir = tempfile::tempdir().unwrap();
        assert!(read(&dir.path().join("config.toml")).unwrap().is_none());
        let e = read(dir.path()).unwrap_err();
        assert!(e.to_string().contains("is a folder"), "{e}");
    }

    #[test]
    fn bad_bytes_are_placed() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("config.toml");
        std::fs::write(&path, b"theme = \"dark\"\nx = \"\xff\"\n").unwrap();
        let e = read(&path).unwrap_err();
        assert!(
            e.to_string()
                .contains("config.toml:2:6: file is not valid UTF-8"),
            "{e}"
        );
    }

    #[test]
    fn relative_paths_are_relative_to_the_file() {
        let file = Path::new("/etc/bilateral/config.toml");
        assert_eq!(
            resolve(file, "team.json"),
            Path::new("/etc/bilateral/team.json")
        );
        assert_eq!(resolve(file, "/srv/t.json"), Path::new("/srv/t.json"));
    }
}
