//! Reading timeline files: parse, validate, sanitise, merge and sort.
//!
//! The loader is strict because people trust what it shows: an unknown field, an impossible date or a
//! duplicate id is an error naming `file:line:column` and the field, and every error in a file is
//! reported, not just the first. A file with any error contributes nothing: there is no partial load.
//!
//! Files in TimelineJS's JSON or spreadsheet CSV form are recognised by their shape (or a `.csv`
//! extension) and handed to `crate::timelinejs`, which maps them with the same diagnostics.
//!
//! Positions come from serde_json itself: each object is read as a list of `(key, raw value)` pairs
//! whose raw text still points into the file, so every value knows where it starts.

use std::collections::HashMap;
use std::fmt;
use std::path::{Path, PathBuf};

use serde::Deserialize;
use serde::de::{MapAccess, Visitor};
use serde_json::value::RawValue;

mod fast;

use crate::model::{Confidence, Dataset, Date, Draft, Era, Event, Source, Status, Timeline};
use crate::sanitize;

/// The built-in dataset, compiled into the binary.
pub const BUILTIN_JSON: &str = include_str!("../assets/india-us-2025.json");
/// How the built-in dataset is named in messages.
pub const BUILTIN_NAME: &str = "assets/india-us-2025.json";

/// Files larger than this are refused before reading, rather than exhausting memory.
pub const MAX_FILE_BYTES: u64 = 1 << 30;
/// A file with more problems than this is reported in part, with a count of the rest.
const MAX_DIAGNOSTICS: usize = 100;

const DATASET_FIELDS: &[&str] = &["title", "description", "as_of", "eras", "events"];
const EVENT_FIELDS: &[&str] = &[
    "id",
    "title",
    "start",
    "end",
    "circa",
    "status",
    "kind",
    "group",
    "display_date",
    "summary",
    "details",
    "actors",
    "places",
    "tags",
    "sources",
    "draft",
];
const ERA_FIELDS: &[&str] = &["title", "start", "end"];
const SOURCE_FIELDS: &[&str] = &["title", "file", "url", "published", "quote"];
const DRAFT_FIELDS: &[&str] = &["expression", "confidence"];

/// One problem found in one file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    pub file: String,
    /// 1-based line and column (in characters), where the problem has a place in the file.
    pub position: Option<(usize, usize)>,
    /// Where in the document: `events[3] (misri-us-visit).start`.
    pub field: Option<String>,
    pub message: String,
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.file)?;
        if let Some((line, column)) = self.position {
            write!(f, ":{line}:{column}")?;
        }
        write!(f, ": ")?;
        if let Some(field) = &self.field {
            write!(f, "{field}: ")?;
        }
        write!(f, "{}", self.message)
    }
}

/// Everything that went wrong while loading; never empty.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub struct LoadError {
    pub diagnostics: Vec<Diagnostic>,
}

impl fmt::Display for LoadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, d) in self.diagnostics.iter().enumerate() {
            if i > 0 {
                writeln!(f)?;
            }
            write!(f, "{d}")?;
        }
        Ok(())
    }
}

impl LoadError {
    pub(crate) fn single(file: &str, message: impl Into<String>) -> LoadError {
        LoadError {
            diagnostics: vec![Diagnostic {
                file: file.to_string(),
                position: None,
                field: None,
                message: message.into(),
            }],
        }
    }
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

/// Merges datasets into one timeline, in timeline order. The first dataset names it.
pub fn merge(datasets: Vec<Dataset>) -> Timeline {
    let title = match datasets.as_slice() {
        [] => "No timeline loaded".to_string(),
        [one] => one.title.clone(),
        [first, rest @ ..] => format!("{} (+{} more)", first.title, rest.len()),
    };
    let as_of = datasets.iter().find_map(|d| d.as_of);
    let mut eras: Vec<Era> = datasets.iter().flat_map(|d| d.eras.clone()).collect();
    eras.sort_by(|a, b| a.start.cmp(&b.start).then_with(|| a.end.cmp(&b.end)));
    let mut events: Vec<Event> = datasets.into_iter().flat_map(|d| d.events).collect();
    sort(&mut events);
    Timeline {
        title,
        as_of,
        events,
        eras,
    }
}

/// Sorts into timeline order: earliest moment covered, then coarser precision, then id. Stable.
pub fn sort(events: &mut [Event]) {
    use rayon::slice::ParallelSliceMut;
    events.par_sort_by(Event::timeline_cmp);
}

/// A parsed file, with where each event's id was written (for cross-file duplicate checks).
#[derive(Debug, Clone)]
pub struct ParsedFile {
    pub file: String,
    pub dataset: Dataset,
    /// Where each event's id is written; left out by the fast path, and worked out again only if
    /// an id turns out to be repeated in another file.
    id_positions: Option<Vec<(usize, usize)>>,
    /// The file it was read from, to locate ids again when needed.
    path: Option<PathBuf>,
}

impl ParsedFile {
    /// A file read by another parser (see `crate::timelinejs`): `id_positions` gives, for each
    /// event, where its id was written (or the event itself, for a generated id).
    pub(crate) fn new(file: &str, dataset: Dataset, id_positions: Vec<(usize, usize)>) -> Self {
        ParsedFile {
            file: file.to_string(),
            dataset,
            id_positions: Some(id_positions),
            path: None,
        }
    }

    /// Where each event's id is written, reading the file again the careful way if the fast path
    /// skipped that.
    fn id_positions(&self) -> Vec<(usize, usize)> {
        if let Some(p) = &self.id_positions {
            return p.clone();
        }
        let text = match &self.path {
            Some(path) => std::fs::read_to_string(path).ok(),
            None if self.file == BUILTIN_NAME => Some(BUILTIN_JSON.to_string()),
            None => None,
        };
        let careful = text.and_then(|t| careful(&self.file, &t).ok());
        careful
            .and_then(|p| p.id_positions)
            .unwrap_or_else(|| vec![(1, 1); self.dataset.events.len()])
    }
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
pub fn read_imported(path: &Path) -> Result<crate::timelinejs::Imported, LoadError> {
    let name = path.display().to_string();
    let fail =
        |e: std::io::Error| LoadError::single(&name, format!("cannot read: {}", io_reason(&e)));
    let len = std::fs::metadata(path).map_err(fail)?.len();
    if len > MAX_FILE_BYTES {
        return Err(LoadError::single(
            &name,
            format!(
                "file is {} MiB; the limit is {} MiB",
                len >> 20,
                MAX_FILE_BYTES >> 20
            ),
        ));
    }
    let bytes = std::fs::read(path).map_err(fail)?;
    let mut imported = crate::timelinejs::parse_any(path, &name, &bytes)?;
    imported.parsed.path = Some(path.to_path_buf());
    Ok(imported)
}

fn io_reason(e: &std::io::Error) -> String {
    match e.kind() {
        std::io::ErrorKind::NotFound => "no such file or folder".into(),
        std::io::ErrorKind::PermissionDenied => "permission denied".into(),
        _ => e.to_string(),
    }
}

/// Parses a file's bytes; invalid UTF-8 is reported at its line and column.
pub fn parse_bytes(file: &str, bytes: &[u8]) -> Result<ParsedFile, LoadError> {
    parse_str(file, text_of(file, bytes)?)
}

/// A file's bytes as text; invalid UTF-8 is reported at its line and column.
pub(crate) fn text_of<'a>(file: &str, bytes: &'a [u8]) -> Result<&'a str, LoadError> {
    match std::str::from_utf8(bytes) {
        Ok(text) => Ok(text),
        Err(e) => {
            let valid = &bytes[..e.valid_up_to()];
            let good = std::str::from_utf8(valid).unwrap_or_default();
            let pos = LineIndex::new(good).position(good, good.len());
            Err(LoadError {
                diagnostics: vec![Diagnostic {
                    file: file.to_string(),
                    position: Some(pos),
                    field: None,
                    message: "file is not valid UTF-8".into(),
                }],
            })
        }
    }
}

/// Parses and validates one file's text.
pub fn parse_str(file: &str, text: &str) -> Result<ParsedFile, LoadError> {
    if let Some(dataset) = fast::parse(text.as_bytes()) {
        return Ok(ParsedFile {
            file: file.to_string(),
            dataset,
            id_positions: None,
            path: None,
        });
    }
    careful(file, text)
}

/// Parses and validates one file's text, locating every value, and reports every problem. This is
/// what [`parse_str`] falls back to when its fast path has any doubt; public so tests can hold the
/// two to the same answers.
pub fn careful(file: &str, text: &str) -> Result<ParsedFile, LoadError> {
    if text.trim().is_empty() {
        return Err(LoadError::single(
            file,
            "file is empty; expected a timeline JSON object",
        ));
    }
    let mut parser = Parser {
        file,
        text,
        lines: LineIndex::new(text),
        diagnostics: Vec::new(),
        suppressed: 0,
    };
    let parsed = parser.dataset();
    if let Some(dataset) = parsed.filter(|_| parser.diagnostics.is_empty()) {
        let (dataset, id_positions) = dataset;
        return Ok(ParsedFile {
            file: file.to_string(),
            dataset,
            id_positions: Some(id_positions),
            path: None,
        });
    }
    if parser.suppressed > 0 {
        let note = format!("… and {} more problems in this file", parser.suppressed);
        parser.diagnostics.push(Diagnostic {
            file: file.to_string(),
            position: None,
            field: None,
            message: note,
        });
    }
    Err(LoadError {
        diagnostics: parser.diagnostics,
    })
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
        .map(|(f, &inv)| if inv { f.id_positions() } else { Vec::new() })
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

/// Byte offsets of line starts, for turning offsets into line:column.
pub(crate) struct LineIndex {
    starts: Vec<usize>,
}

impl LineIndex {
    pub(crate) fn new(text: &str) -> LineIndex {
        let mut starts = vec![0];
        starts.extend(text.match_indices('\n').map(|(i, _)| i + 1));
        LineIndex { starts }
    }

    /// 1-based line and character column of a byte offset.
    pub(crate) fn position(&self, text: &str, offset: usize) -> (usize, usize) {
        let mut offset = offset.min(text.len());
        while !text.is_char_boundary(offset) {
            offset -= 1;
        }
        let line = self.starts.partition_point(|&s| s <= offset).max(1);
        let start = self.starts[line - 1];
        (line, text[start..offset].chars().count() + 1)
    }

    /// Byte offset of serde_json's (line, column) within `text`.
    pub(crate) fn offset_of(&self, line: usize, column: usize) -> usize {
        let start = self
            .starts
            .get(line.saturating_sub(1))
            .copied()
            .unwrap_or(0);
        start + column.saturating_sub(1)
    }
}

/// An object's members in written order, each value still pointing into the file.
pub(crate) struct Entries<'a>(pub(crate) Vec<(String, &'a RawValue)>);

impl<'de: 'a, 'a> Deserialize<'de> for Entries<'a> {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V<'a>(std::marker::PhantomData<&'a ()>);
        impl<'de: 'a, 'a> Visitor<'de> for V<'a> {
            type Value = Entries<'a>;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a JSON object")
            }
            fn visit_map<M: MapAccess<'de>>(self, mut map: M) -> Result<Entries<'a>, M::Error> {
                let mut entries = Vec::new();
                while let Some(key) = map.next_key::<String>()? {
                    let value: &'de RawValue = map.next_value()?;
                    entries.push((key, value));
                }
                Ok(Entries(entries))
            }
        }
        d.deserialize_map(V(std::marker::PhantomData))
    }
}

/// Describes a raw JSON value's type from its first character, for "expected X, found Y" messages.
pub(crate) fn kind_of(raw: &RawValue) -> &'static str {
    match raw.get().as_bytes().first() {
        Some(b'{') => "an object",
        Some(b'[') => "an array",
        Some(b'"') => "a string",
        Some(b't' | b'f') => "a boolean",
        Some(b'n') => "null",
        _ => "a number",
    }
}

struct Parser<'a> {
    file: &'a str,
    text: &'a str,
    lines: LineIndex,
    diagnostics: Vec<Diagnostic>,
    suppressed: usize,
}

impl<'a> Parser<'a> {
    fn position_of(&self, raw: &RawValue) -> (usize, usize) {
        let offset = (raw.get().as_ptr() as usize).saturating_sub(self.text.as_ptr() as usize);
        self.lines.position(self.text, offset)
    }

    fn error_at(&mut self, pos: Option<(usize, usize)>, field: &str, message: impl Into<String>) {
        if self.diagnostics.len() >= MAX_DIAGNOSTICS {
            self.suppressed += 1;
            return;
        }
        self.diagnostics.push(Diagnostic {
            file: self.file.to_string(),
            position: pos,
            field: (!field.is_empty()).then(|| field.to_string()),
            message: message.into(),
        });
    }

    fn error(&mut self, raw: &RawValue, field: &str, message: impl Into<String>) {
        let pos = self.position_of(raw);
        self.error_at(Some(pos), field, message);
    }

    /// Reports a serde_json error found in `raw` (or the whole file) at its true place.
    fn json_error(&mut self, base: usize, slice: &str, e: &serde_json::Error, field: &str) {
        let local = LineIndex::new(slice);
        let offset = base + local.offset_of(e.line(), e.column());
        let pos = self.lines.position(self.text, offset);
        self.error_at(Some(pos), field, strip_position(e));
    }

    fn object(&mut self, raw: &'a RawValue, field: &str) -> Option<Vec<(String, &'a RawValue)>> {
        if !raw.get().starts_with('{') {
            self.error(
                raw,
                field,
                format!("expected an object, found {}", kind_of(raw)),
            );
            return None;
        }
        match serde_json::from_str::<Entries>(raw.get()) {
            Ok(Entries(entries)) => {
                for (i, (key, value)) in entries.iter().enumerate() {
                    if entries[..i].iter().any(|(k, _)| k == key) {
                        self.error(
                            value,
                            &join(field, &sanitize::line(key)),
                            "field is given twice",
                        );
                    }
                }
                Some(entries)
            }
            Err(e) => {
                let base = raw.get().as_ptr() as usize - self.text.as_ptr() as usize;
                self.json_error(base, raw.get(), &e, field);
                None
            }
        }
    }

    fn array(&mut self, raw: &'a RawValue, field: &str) -> Option<Vec<&'a RawValue>> {
        if !raw.get().starts_with('[') {
            self.error(
                raw,
                field,
                format!("expected an array, found {}", kind_of(raw)),
            );
            return None;
        }
        match serde_json::from_str::<Vec<&RawValue>>(raw.get()) {
            Ok(items) => Some(items),
            Err(e) => {
                self.error(raw, field, strip_position(&e));
                None
            }
        }
    }

    fn string(&mut self, raw: &RawValue, field: &str) -> Option<String> {
        if !raw.get().starts_with('"') {
            self.error(
                raw,
                field,
                format!("expected a string, found {}", kind_of(raw)),
            );
            return None;
        }
        // Escapes can still be invalid here, e.g. a lone surrogate "\ud800".
        match serde_json::from_str::<String>(raw.get()) {
            Ok(s) => Some(s),
            Err(e) => {
                self.error(raw, field, strip_position(&e));
                None
            }
        }
    }

    fn optional_string(&mut self, raw: &RawValue, field: &str) -> Option<String> {
        if raw.get() == "null" {
            return None;
        }
        self.string(raw, field)
    }

    fn bool(&mut self, raw: &RawValue, field: &str) -> Option<bool> {
        match raw.get() {
            "true" => Some(true),
            "false" => Some(false),
            _ => {
                self.error(
                    raw,
                    field,
                    format!("expected true or false, found {}", kind_of(raw)),
                );
                None
            }
        }
    }

    fn date(&mut self, raw: &RawValue, field: &str) -> Option<Date> {
        let text = self.string(raw, field)?;
        match Date::parse(&text) {
            Ok(d) => Some(d),
            Err(e) => {
                self.error(raw, field, e.to_string());
                None
            }
        }
    }

    fn strings(&mut self, raw: &'a RawValue, field: &str) -> Vec<String> {
        let items = self.array(raw, field).unwrap_or_default();
        let mut out = Vec::with_capacity(items.len());
        for (i, item) in items.into_iter().enumerate() {
            if let Some(s) = self.string(item, &format!("{field}[{i}]")) {
                if s.trim().is_empty() {
                    self.error(item, &format!("{field}[{i}]"), "must not be empty");
                } else {
                    out.push(s);
                }
            }
        }
        out
    }

    fn unknown(&mut self, raw: &RawValue, field: &str, key: &str, known: &[&str]) {
        let nearest = known
            .iter()
            .map(|k| (strsim::levenshtein(k, key), k))
            .min()
            .filter(|(d, _)| *d <= 2);
        let hint = match nearest {
            Some((_, k)) => format!("; did you mean `{k}`?"),
            None => format!("; known fields: {}", known.join(", ")),
        };
        let key = sanitize::line(key);
        self.error(
            raw,
            &join(field, &key),
            format!("unknown field `{key}`{hint}"),
        );
    }

    fn whole_file(&mut self) -> Option<Vec<(String, &'a RawValue)>> {
        match serde_json::from_str::<Entries>(self.text) {
            Ok(Entries(entries)) => Some(entries),
            Err(e) => {
                let text = self.text;
                self.json_error(0, text, &e, "");
                None
            }
        }
    }

    fn dataset(&mut self) -> Option<(Dataset, Vec<(usize, usize)>)> {
        let entries = self.whole_file()?;
        let mut title = None;
        let mut description = None;
        let mut as_of = None;
        let mut eras = Vec::new();
        let mut events_raw = None;
        for (i, (key, value)) in entries.iter().enumerate() {
            if entries[..i].iter().any(|(k, _)| k == key) {
                self.error(value, &sanitize::line(key), "field is given twice");
            }
            match key.as_str() {
                "title" => title = self.string(value, "title"),
                "description" => description = self.optional_string(value, "description"),
                "as_of" => as_of = self.date(value, "as_of"),
                "eras" => {
                    let items = self.array(value, "eras").unwrap_or_default();
                    for (i, item) in items.into_iter().enumerate() {
                        eras.extend(self.era(item, &format!("eras[{i}]")));
                    }
                }
                "events" => events_raw = self.array(value, "events"),
                other => self.unknown(value, "", other, DATASET_FIELDS),
            }
        }
        let start = (1, 1);
        if !entries.iter().any(|(k, _)| k == "title") {
            self.error_at(Some(start), "", "missing required field `title`");
        }
        let Some(events_raw) = events_raw else {
            if !entries.iter().any(|(k, _)| k == "events") {
                self.error_at(Some(start), "", "missing required field `events`");
            }
            return None;
        };
        let mut events = Vec::with_capacity(events_raw.len());
        let mut id_positions = Vec::with_capacity(events_raw.len());
        let mut ids: HashMap<String, (usize, usize)> = HashMap::with_capacity(events_raw.len());
        for (i, raw) in events_raw.into_iter().enumerate() {
            // Ids are checked for repeats even when their event has other problems.
            let mut id = None;
            let event = self.event(raw, i, &mut id);
            if let Some((id, pos)) = id {
                match ids.get(&id) {
                    Some((l, c)) => {
                        let message = format!("duplicate id `{id}`, first used at {l}:{c}");
                        self.error_at(Some(pos), &format!("events[{i}].id"), message);
                    }
                    None => {
                        ids.insert(id, pos);
                    }
                }
                if let Some(event) = event {
                    events.push(event);
                    id_positions.push(pos);
                }
            }
        }
        let dataset = Dataset {
            title: sanitize::line(&title?).into_owned(),
            description: description.map(|d| sanitize::prose(&d).into_owned()),
            as_of,
            eras,
            events,
        };
        Some((dataset, id_positions))
    }

    /// Reads one event; `id_out` receives its id and where it is written, when it has a valid one.
    fn event(
        &mut self,
        raw: &'a RawValue,
        index: usize,
        id_out: &mut Option<(String, (usize, usize))>,
    ) -> Option<Event> {
        let mut path = format!("events[{index}]");
        let entries = self.object(raw, &path)?;
        // Name the event in messages once its id is known: "events[3] (misri-us-visit).start".
        if let Some((_, id_raw)) = entries.iter().find(|(k, _)| k == "id")
            && let Ok(id) = serde_json::from_str::<String>(id_raw.get())
        {
            path = format!("{path} ({})", sanitize::line(&id));
        }
        let at = |key: &str| join(&path, key);
        let mut id = None;
        let mut title = None;
        let mut start = None;
        let mut end = None;
        let mut event = Event::new("", "", Date::year_only(0));
        let errors_before = self.diagnostics.len() + self.suppressed;
        for (key, value) in &entries {
            let field = at(key);
            match key.as_str() {
                "id" => {
                    let id_pos = self.position_of(value);
                    id = self.string(value, &field);
                    match id.as_deref().map(id_problem) {
                        Some(Some(bad)) => self.error(value, &field, bad),
                        Some(None) => *id_out = id.clone().map(|i| (i, id_pos)),
                        None => {}
                    }
                }
                "title" => {
                    title = self.string(value, &field);
                    if let Some(t) = &title {
                        if t.trim().is_empty() {
                            self.error(value, &field, "must not be empty");
                        } else if t.contains('\n') {
                            self.error(value, &field, "must be one line");
                        }
                    }
                }
                "start" => start = self.date(value, &field),
                "end" => end = self.date(value, &field),
                "circa" => event.circa = self.bool(value, &field).unwrap_or(false),
                "status" => {
                    if let Some(s) = self.string(value, &field) {
                        event.status = Status::parse(&s);
                        if event.status.is_none() {
                            let msg = format!(
                                "unknown status `{}`; expected happened, scheduled or expected",
                                sanitize::line(&s)
                            );
                            self.error(value, &field, msg);
                        }
                    }
                }
                "kind" => {
                    event.kind = self.string(value, &field);
                    if event.kind.as_deref().is_some_and(|k| k.trim().is_empty()) {
                        self.error(value, &field, "must not be empty");
                    }
                }
                "group" => {
                    event.group = self.string(value, &field);
                    if event.group.as_deref().is_some_and(|g| g.trim().is_empty()) {
                        self.error(value, &field, "must not be empty");
                    }
                }
                "display_date" => {
                    event.display_date = self.string(value, &field);
                    if event
                        .display_date
                        .as_deref()
                        .is_some_and(|d| d.trim().is_empty())
                    {
                        self.error(value, &field, "must not be empty");
                    }
                }
                "summary" => event.summary = self.optional_string(value, &field),
                "details" => event.details = self.optional_string(value, &field),
                "actors" => event.actors = self.strings(value, &field),
                "places" => event.places = self.strings(value, &field),
                "tags" => event.tags = self.strings(value, &field),
                "sources" => {
                    let items = self.array(value, &field).unwrap_or_default();
                    for (i, item) in items.into_iter().enumerate() {
                        if let Some(s) = self.source(item, &format!("{field}[{i}]")) {
                            event.sources.push(s);
                        }
                    }
                }
                "draft" => event.draft = self.draft(value, &field),
                other => self.unknown(value, &path, other, EVENT_FIELDS),
            }
        }
        let pos = Some(self.position_of(raw));
        for (name, present) in [
            ("id", id.is_some()),
            ("title", title.is_some()),
            ("start", start.is_some()),
        ] {
            if !present && !entries.iter().any(|(k, _)| k == name) {
                self.error_at(pos, &path, format!("missing required field `{name}`"));
            }
        }
        if let (Some(s), Some(e)) = (start, end)
            && e < s
        {
            let (_, end_raw) = entries.iter().find(|(k, _)| k == "end")?;
            let msg = format!("end {e} is before start {s}");
            self.error(end_raw, &at("end"), msg);
        }
        if self.diagnostics.len() + self.suppressed > errors_before {
            return None;
        }
        event.id = id?;
        event.title = title?.trim().to_string();
        event.start = start?;
        event.end = end;
        sanitize::event(&mut event);
        Some(event)
    }

    /// `{title, start, end}`, all required; `end` may not come before `start`.
    fn era(&mut self, raw: &'a RawValue, path: &str) -> Option<Era> {
        let entries = self.object(raw, path)?;
        let errors_before = self.diagnostics.len() + self.suppressed;
        let (mut title, mut start, mut end) = (None, None, None);
        for (key, value) in &entries {
            let field = join(path, key);
            match key.as_str() {
                "title" => {
                    title = self.string(value, &field);
                    if title.as_deref().is_some_and(|t| t.trim().is_empty()) {
                        self.error(value, &field, "must not be empty");
                    }
                }
                "start" => start = self.date(value, &field),
                "end" => end = self.date(value, &field),
                other => self.unknown(value, path, other, ERA_FIELDS),
            }
        }
        for name in ERA_FIELDS {
            if !entries.iter().any(|(k, _)| k == name) {
                self.error(raw, path, format!("missing required field `{name}`"));
            }
        }
        if let (Some(s), Some(e)) = (start, end)
            && e < s
            && let Some((_, end_raw)) = entries.iter().find(|(k, _)| k == "end")
        {
            self.error(
                end_raw,
                &join(path, "end"),
                format!("end {e} is before start {s}"),
            );
        }
        if self.diagnostics.len() + self.suppressed > errors_before {
            return None;
        }
        Some(Era {
            title: sanitize::line(title?.trim()).into_owned(),
            start: start?,
            end: end?,
        })
    }

    fn source(&mut self, raw: &'a RawValue, path: &str) -> Option<Source> {
        let entries = self.object(raw, path)?;
        let mut source = Source::default();
        let mut titled = false;
        for (key, value) in &entries {
            let field = join(path, key);
            match key.as_str() {
                "title" => {
                    titled = true;
                    source.title = self.string(value, &field).unwrap_or_default();
                }
                "file" => source.file = self.optional_string(value, &field),
                "url" => source.url = self.optional_string(value, &field),
                "published" => {
                    if value.get() != "null" {
                        source.published = self.date(value, &field);
                    }
                }
                "quote" => source.quote = self.optional_string(value, &field),
                other => self.unknown(value, path, other, SOURCE_FIELDS),
            }
        }
        if !titled {
            self.error(raw, path, "missing required field `title`");
        }
        Some(source)
    }
}

impl<'a> Parser<'a> {
    /// `{"expression": "On Tuesday", "confidence": 0.8}`: both required, so a draft always says
    /// what it was read from and how sure the extractor was.
    fn draft(&mut self, raw: &'a RawValue, path: &str) -> Option<Draft> {
        let entries = self.object(raw, path)?;
        let mut expression = None;
        let mut confidence = None;
        for (key, value) in &entries {
            let field = join(path, key);
            match key.as_str() {
                "expression" => {
                    expression = self.string(value, &field);
                    if expression.as_deref().is_some_and(|e| e.trim().is_empty()) {
                        self.error(value, &field, "must not be empty");
                    }
                }
                "confidence" => {
                    let number = serde_json::from_str::<f64>(value.get()).ok();
                    confidence = number.and_then(Confidence::new);
                    if confidence.is_none() {
                        let found = match number {
                            Some(n) => n.to_string(),
                            None => kind_of(value).to_string(),
                        };
                        self.error(
                            value,
                            &field,
                            format!("expected a number from 0 to 1, found {found}"),
                        );
                    }
                }
                other => self.unknown(value, path, other, DRAFT_FIELDS),
            }
        }
        for (name, present) in [
            ("expression", expression.is_some()),
            ("confidence", confidence.is_some()),
        ] {
            if !present && !entries.iter().any(|(k, _)| k == name) {
                self.error(raw, path, format!("missing required field `{name}`"));
            }
        }
        Some(Draft {
            expression: expression?,
            confidence: confidence?,
        })
    }
}

/// Why an id is not a usable slug, if it is not.
pub(crate) fn id_problem(id: &str) -> Option<String> {
    if id.is_empty() {
        return Some("must not be empty".into());
    }
    if id.len() > 200 {
        return Some("is longer than 200 characters".into());
    }
    id.chars()
        .find(|c| !(c.is_alphanumeric() || matches!(c, '-' | '_' | '.' | ':')))
        .map(|c| {
            format!(
                "`{}` is not a slug: {:?} is not allowed (use letters, digits, - _ . :)",
                sanitize::line(id),
                c
            )
        })
}

/// serde_json's message without its " at line L column C" (positions are given our own way).
fn strip_position(e: &serde_json::Error) -> String {
    let full = e.to_string();
    match full.rfind(" at line ") {
        Some(i) => full[..i].to_string(),
        None => full,
    }
}

fn join(path: &str, key: &str) -> String {
    if path.is_empty() {
        key.to_string()
    } else {
        format!("{path}.{key}")
    }
}

#[cfg(test)]
mod draft_tests {
    use super::*;

    fn with_draft(draft: &str) -> String {
        format!(
            r#"{{"title": "t", "events": [{{"id": "draft-x", "title": "X", "start": "2025-05-27",
            "draft": {draft}}}]}}"#
        )
    }

    fn messages(text: &str) -> Vec<String> {
        match parse_str("t.json", text) {
            Ok(_) => Vec::new(),
            Err(e) => e.diagnostics.iter().map(ToString::to_string).collect(),
        }
    }

    #[test]
    fn a_draft_loads_and_round_trips() {
        let text = with_draft(r#"{"expression": "On Tuesday", "confidence": 0.8}"#);
        let parsed = parse_str("t.json", &text).unwrap();
        let event = &parsed.dataset.events[0];
        let draft = event.draft.as_ref().unwrap();
        assert_eq!(draft.expression, "On Tuesday");
        assert_eq!(draft.confidence.to_string(), "0.80");
        let again = serde_json::to_string(&parsed.dataset).unwrap();
        let reparsed = parse_str("t.json", &again).unwrap();
        assert_eq!(reparsed.dataset, parsed.dataset);
    }

    #[test]
    fn a_hostile_expression_is_shown_safely_and_written_back_as_it_was() {
        let text = with_draft(r#"{"expression": "On \u001b]0;X\u0007Tuesday", "confidence": 0.5}"#);
        let parsed = parse_str("t.json", &text).unwrap();
        let event = &parsed.dataset.events[0];
        let shown = &event.draft.as_ref().unwrap().expression;
        assert!(!shown.contains('\u{1b}'), "{shown:?}");
        let json = crate::safe_json::to_string_pretty(&parsed.dataset).unwrap();
        assert!(json.contains(r"\u001b"), "{json}");
        let again = parse_str("t.json", &json).unwrap();
        assert_eq!(again.dataset, parsed.dataset);
    }

    #[test]
    fn events_without_a_draft_serialise_without_one() {
        let text = r#"{"title": "t", "events": [{"id": "x", "title": "X", "start": "2025"}]}"#;
        let parsed = parse_str("t.json", text).unwrap();
        assert!(parsed.dataset.events[0].draft.is_none());
        assert!(
            !serde_json::to_string(&parsed.dataset)
                .unwrap()
                .contains("draft")
        );
    }

    #[test]
    fn bad_drafts_are_reported_at_the_field() {
        let cases = [
            (
                r#"{"expression": "x", "confidence": 1.5}"#,
                "draft.confidence: expected a number from 0 to 1, found 1.5",
            ),
            (
                r#"{"expression": "x", "confidence": "high"}"#,
                "draft.confidence: expected a number from 0 to 1, found a string",
            ),
            (
                r#"{"expression": "", "confidence": 0.5}"#,
                "draft.expression: must not be empty",
            ),
            (
                r#"{"confidence": 0.5}"#,
                "missing required field `expression`",
            ),
            (
                r#"{"expression": "x"}"#,
                "missing required field `confidence`",
            ),
            (
                r#"{"expression": "x", "confidence": 0.5, "confidance": 1}"#,
                "did you mean `confidence`?",
            ),
            (r#""yes""#, "draft: expected an object, found a string"),
        ];
        for (draft, expected) in cases {
            let found = messages(&with_draft(draft));
            assert!(
                found.iter().any(|m| m.contains(expected)),
                "{draft}: expected {expected:?} in {found:?}"
            );
        }
    }
}
