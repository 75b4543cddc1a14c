//! Reading timeline files from the filesystem: files and folders (each read through `files`, which
//! reads regular files only and within the size limit), the load cache, the built-in dataset, ids
//! unique across files, and merging into one timeline.
//!
//! Files in TimelineJS's JSON or spreadsheet CSV form are recognised by their shape (or a `.csv`
//! extension) and handed to `formats::timelinejs`, which maps them with the same diagnostics.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use super::builtin;
use super::cache::{self, Lookup, Source};
use crate::core::model::{Timeline, merge};
use crate::formats::diagnostics::LoadError;
use crate::formats::native::{ParsedFile, careful, parse_str};

pub use super::builtin::{BUILTIN_JSON, BUILTIN_NAME};

use super::files::io_reason;
pub use super::files::{MAX_FILE_BYTES, ReadError, read_bytes, read_with_metadata};

/// What to load.
#[derive(Debug, Clone, Default)]
pub struct Options {
    /// Include the built-in India–US dataset.
    pub builtin: bool,
    /// Files, or folders of `*.json` files.
    pub paths: Vec<PathBuf>,
    /// The load cache's folder (see `store::cache`); `None` reads every file afresh and keeps
    /// nothing.
    pub cache: Option<PathBuf>,
    /// Told what a long load is doing, for a progress line.
    pub progress: Option<Arc<Progress>>,
}

/// What a load is doing now: a stage in words and, when known, the share of it done. The loader
/// sets it as it goes; whoever shows progress reads it from another thread.
#[derive(Debug, Default)]
pub struct Progress {
    state: Mutex<(String, Option<f64>)>,
}

impl Progress {
    pub fn set(&self, stage: impl Into<String>, share: Option<f64>) {
        let mut state = self.state.lock().unwrap_or_else(|e| e.into_inner());
        *state = (stage.into(), share);
    }

    /// The stage and the share of it done.
    pub fn get(&self) -> (String, Option<f64>) {
        self.state.lock().unwrap_or_else(|e| e.into_inner()).clone()
    }
}

/// A load under way: its options, and the notices it has for the user.
struct Run<'a> {
    options: &'a Options,
    notices: &'a mut Vec<String>,
}

impl Run<'_> {
    fn stage(&self, stage: String, share: Option<f64>) {
        if let Some(p) = &self.options.progress {
            p.set(stage, share);
        }
    }
}

/// Loads the built-in dataset and every path, checks ids are unique across all of them, and merges
/// them into one timeline in timeline order. Errors from every file are gathered before failing.
pub fn load(options: &Options) -> Result<Timeline, LoadError> {
    load_noting(options, &mut Vec::new())
}

/// [`load`], adding to `notices` what the user should hear of the load cache (a cache that could
/// not be used or written); none of it changes what is loaded.
pub fn load_noting(options: &Options, notices: &mut Vec<String>) -> Result<Timeline, LoadError> {
    let mut run = Run { options, notices };
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
        match read_path_in(path, &mut run) {
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
    let options = Options::default();
    read_path_in(
        path,
        &mut Run {
            options: &options,
            notices: &mut Vec::new(),
        },
    )
}

fn read_path_in(path: &Path, run: &mut Run) -> Result<Vec<ParsedFile>, LoadError> {
    let name = path.display().to_string();
    let meta = std::fs::metadata(path)
        .map_err(|e| LoadError::single(&name, format!("cannot read: {}", io_reason(&e))))?;
    if !meta.is_dir() {
        return read_file(path, run).map(|p| vec![p]);
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
        match read_file(&f, run) {
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

/// Reads one file, from the load cache when it holds the file as it is now; a file parsed afresh
/// is kept in the cache for next time.
fn read_file(path: &Path, run: &mut Run) -> Result<ParsedFile, LoadError> {
    let name = path.display().to_string();
    let cached = run
        .options
        .cache
        .as_deref()
        .and_then(|dir| Some((dir, Source::of(path)?)))
        .filter(|(_, source)| source.len() >= cache::MIN_BYTES && source.len() <= MAX_FILE_BYTES);
    let Some((dir, source)) = cached else {
        // Without the cache (`--no-cache`), a large file is still read as it is parsed.
        let large = std::fs::metadata(path).is_ok_and(|m| m.len() >= cache::MIN_BYTES);
        if let Some((_, imported)) = large.then(|| stream_native(path, &name)).flatten() {
            return Ok(imported.parsed);
        }
        return read_imported(path).map(|imported| imported.parsed);
    };
    let progress = run.options.progress.clone();
    let stage = |what: &str, share: f64| {
        if let Some(p) = &progress {
            p.set(format!("{what} {name}"), Some(share));
        }
    };
    run.stage(format!("reading the cache of {name}"), Some(0.0));
    match cache::lookup(dir, &source, &name, &|share| {
        stage("reading the cache of", share)
    }) {
        Lookup::Hit {
            mut parsed,
            touched,
        } => {
            // Same content, new times: renew the key so the next load need not hash the file.
            if let Some(hash) = touched {
                run.stage(format!("keeping {name} in the load cache"), None);
                if let Err(why) = cache::store(dir, &source, hash, &parsed, &|_| {}) {
                    run.notices
                        .push(format!("could not renew the load cache of {name} ({why})"));
                }
            }
            parsed.set_path(path.to_path_buf());
            return Ok(*parsed);
        }
        Lookup::Miss => {}
        Lookup::Refused(why) => run.notices.push(format!(
            "the load cache of {name} was not used ({why}); rebuilding it"
        )),
    }
    run.stage(format!("reading {name}"), None);
    let (hash, imported) = match stream_native(path, &name) {
        Some(done) => done,
        None => {
            let bytes = read_checked(path, &name)?;
            let hash = cache::hash(&bytes);
            run.stage(format!("parsing {name}"), None);
            (hash, parse_read(path, &name, bytes)?)
        }
    };
    run.stage(format!("keeping {name} in the load cache"), Some(0.0));
    if let Err(why) = cache::store(dir, &source, hash, &imported.parsed, &|share| {
        stage("keeping in the load cache:", share)
    }) {
        run.notices.push(format!(
            "could not keep {name} in the load cache ({why}); it will be parsed again next time"
        ));
    }
    Ok(imported.parsed)
}

/// A large native file parsed as it is read, and hashed for its cache key on the way, so that its
/// bytes never sit in memory beside the events made of them (at a million events the file is half
/// a gigabyte). `None` when it cannot be read that way: a spreadsheet, another format, or anything
/// the fast path doubts; the caller then reads the file whole, which also reports what is wrong.
fn stream_native(path: &Path, name: &str) -> Option<(u128, crate::formats::timelinejs::Imported)> {
    use crate::formats::timelinejs::{Format, Imported, is_spreadsheet};
    if is_spreadsheet(path) {
        return None;
    }
    let (_, file) = super::files::open_regular(path).ok()?;
    let mut input = cache::Hashed::new(file);
    let mut parsed = crate::formats::native::parse_reader(
        name,
        std::io::BufReader::with_capacity(1 << 20, &mut input),
    )?;
    // The parser read to the end already (it checks nothing follows); this makes the hash whole
    // whatever it did.
    std::io::copy(&mut input, &mut std::io::sink()).ok()?;
    parsed.set_path(path.to_path_buf());
    Some((
        input.digest(),
        Imported {
            parsed,
            format: Format::Native,
            warnings: Vec::new(),
        },
    ))
}

/// Reads one file in whichever format it is in, keeping what the import could not carry over.
pub fn read_imported(path: &Path) -> Result<crate::formats::timelinejs::Imported, LoadError> {
    let name = path.display().to_string();
    let bytes = read_checked(path, &name)?;
    parse_read(path, &name, bytes)
}

/// Parses a file's bytes, dropping them before the caller goes on.
fn parse_read(
    path: &Path,
    name: &str,
    bytes: Vec<u8>,
) -> Result<crate::formats::timelinejs::Imported, LoadError> {
    let mut imported = crate::formats::timelinejs::parse_any(path, name, &bytes)?;
    drop(bytes);
    imported.parsed.set_path(path.to_path_buf());
    Ok(imported)
}

/// A file's bytes, read only from a regular file and within the size limit (see `read_bytes`),
/// with the reason as a diagnostic naming the file.
fn read_checked(path: &Path, name: &str) -> Result<Vec<u8>, LoadError> {
    read_bytes(path).map_err(|e| LoadError::single(name, e.to_string()))
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
            match owner.get(event.id.as_ref()) {
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
            taken.entry(event.id.to_string()).or_insert((i, pos));
        }
    }
    let mut warnings = Vec::new();
    for i in 0..files.len() {
        if !involved[i] {
            continue;
        }
        let qualifier = qualifier_of(&files[i].file);
        let name = files[i].file.clone();
        // In the order the file is written (a cached file's events are in timeline order), so
        // the warnings and any `-2` qualifiers come out the same however the file was loaded.
        let mut written: Vec<usize> = (0..files[i].dataset.events.len()).collect();
        written.sort_by_key(|&j| positions[i].get(j).copied().unwrap_or((1, 1)));
        for j in written {
            let event = &mut files[i].dataset.events[j];
            let Some(&(first, (l, c))) = taken.get(&*event.id) else {
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
                original.id = id.as_str().into();
            }
            event.id = id.into();
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
/// skipped that. Positions are matched by id (unique within a file), not by place in the list:
/// a file from the load cache has its events in timeline order, the careful reader in the file's.
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
    let by_id: HashMap<&str, (usize, usize)> = careful
        .as_ref()
        .and_then(|p| {
            let positions = p.known_id_positions()?;
            Some(
                p.dataset
                    .events
                    .iter()
                    .map(|e| e.id.as_ref())
                    .zip(positions.iter().copied())
                    .collect(),
            )
        })
        .unwrap_or_default();
    file.dataset
        .events
        .iter()
        .map(|e| by_id.get(e.id.as_ref()).copied().unwrap_or((1, 1)))
        .collect()
}
