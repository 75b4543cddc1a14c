//! The native format's careful reader: parse, validate and sanitise one file's text.
//!
//! The reader is strict because people trust what it shows: an unknown field, an impossible date or a
//! duplicate id is an error naming `file:line:column` and the field, and every error in a file is
//! reported, not just the first. A file with any error contributes nothing: there is no partial load.
//! Valid files take the fast path (`fast`); anything it doubts comes here.

use std::collections::HashMap;
use std::path::PathBuf;

use serde_json::value::RawValue;

use super::fast;
use crate::core::model::validate;
use crate::core::model::{
    Confidence, Dataset, Date, Draft, Era, Event, Name, Names, Source, Status, When, id_problem,
};
use crate::core::sanitize;
use crate::formats::diagnostics::{
    Diagnostic, Entries, LineIndex, LoadError, join, kind_of, repeated_keys, strip_position,
    text_of,
};

const MAX_DIAGNOSTICS: usize = 100;

const DATASET_FIELDS: &[&str] = &["title", "description", "as_of", "eras", "events"];
const EVENT_FIELDS: &[&str] = &[
    "id",
    "title",
    "start",
    "end",
    "circa",
    "date",
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
    /// A file read by another parser (see `crate::formats::timelinejs`): `id_positions` gives, for each
    /// event, where its id was written (or the event itself, for a generated id).
    pub(crate) fn new(file: &str, dataset: Dataset, id_positions: Vec<(usize, usize)>) -> Self {
        ParsedFile {
            file: file.to_string(),
            dataset,
            id_positions: Some(id_positions),
            path: None,
        }
    }

    /// A file as the load cache gives it back: what the reader made, id positions included when
    /// the reader recorded them.
    pub(crate) fn restored(
        file: &str,
        dataset: Dataset,
        id_positions: Option<Vec<(usize, usize)>>,
    ) -> Self {
        ParsedFile {
            file: file.to_string(),
            dataset,
            id_positions,
            path: None,
        }
    }

    /// Where each event's id is written, if the reader that made this file recorded it (the fast
    /// path does not: the store reads the file again when it needs them).
    pub fn known_id_positions(&self) -> Option<&[(usize, usize)]> {
        self.id_positions.as_deref()
    }

    /// The file it was read from, when it came from the filesystem.
    pub fn path(&self) -> Option<&std::path::Path> {
        self.path.as_deref()
    }

    /// Records the file it was read from (the store does this).
    pub fn set_path(&mut self, path: PathBuf) {
        self.path = Some(path);
    }
}

/// Parses a file's bytes; invalid UTF-8 is reported at its line and column.
pub fn parse_bytes(file: &str, bytes: &[u8]) -> Result<ParsedFile, LoadError> {
    parse_str(file, text_of(file, bytes)?)
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

/// Reads a valid native file from `input` without holding its bytes, for files too large to hold
/// twice. `None` when the fast path has any doubt: the caller then reads the file whole, the
/// careful way (or as whichever format it turns out to be), which reports what is wrong.
pub fn parse_reader(file: &str, input: impl std::io::Read) -> Option<ParsedFile> {
    Some(ParsedFile {
        file: file.to_string(),
        dataset: fast::parse_reader(input)?,
        id_positions: None,
        path: None,
    })
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
        interned: Names::default(),
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
struct Parser<'a> {
    file: &'a str,
    text: &'a str,
    lines: LineIndex,
    diagnostics: Vec<Diagnostic>,
    suppressed: usize,
    interned: Names,
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
        if self.diagnostics.len() >= MAX_DIAGNOSTICS {
            self.suppressed += 1;
            return;
        }
        let pos = self.position_of(raw);
        self.error_at(Some(pos), field, message);
    }

    /// Reports a serde_json error found in `raw` (or the whole file) at its true place.
    fn json_error(&mut self, base: usize, slice: &str, e: &serde_json::Error, field: &str) {
        let offset = base + LineIndex::offset_in(slice, e.line(), e.column());
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
                for i in repeated_keys(&entries) {
                    let (key, value) = &entries[i];
                    self.error(
                        value,
                        &join(field, &sanitize::line(key)),
                        "field is given twice",
                    );
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

    /// An EDTF `date` (see `core::model::when`).
    fn when(&mut self, raw: &RawValue, field: &str) -> Option<When> {
        let text = self.string(raw, field)?;
        match When::parse(&text) {
            Ok(w) => Some(w),
            Err(e) => {
                self.error(raw, field, e.to_string());
                None
            }
        }
    }

    /// A string that must say something: blank text is an error, as the validator rules.
    fn text(&mut self, raw: &'a RawValue, field: &str) -> Option<String> {
        let s = self.string(raw, field)?;
        if let Some(problem) = validate::text_problem(&s) {
            self.error(raw, field, problem);
        }
        Some(s)
    }

    /// A title: text that says something, on one line.
    fn title(&mut self, raw: &'a RawValue, field: &str) -> Option<String> {
        let s = self.text(raw, field)?;
        if let Some(problem) = validate::line_problem(&s) {
            self.error(raw, field, problem);
        }
        Some(s)
    }

    /// A list of names (actors, places, tags), interned so that equal names share their text.
    fn names(&mut self, raw: &'a RawValue, field: &str) -> Vec<Name> {
        let list = self.strings(raw, field);
        list.iter().map(|s| self.interned.get(s)).collect()
    }

    fn strings(&mut self, raw: &'a RawValue, field: &str) -> Vec<String> {
        let items = self.array(raw, field).unwrap_or_default();
        let mut out = Vec::with_capacity(items.len());
        for (i, item) in items.into_iter().enumerate() {
            if let Some(s) = self.text(item, &format!("{field}[{i}]"))
                && validate::text_problem(&s).is_none()
            {
                out.push(s);
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
        for i in repeated_keys(&entries) {
            let (key, value) = &entries[i];
            self.error(value, &sanitize::line(key), "field is given twice");
        }
        for (key, value) in &entries {
            match key.as_str() {
                "title" => {
                    title = self.string(value, "title");
                    if let Some(problem) = title.as_deref().and_then(validate::line_problem) {
                        self.error(value, "title", problem);
                    }
                }
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
        let mut when = None;
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
                "title" => title = self.title(value, &field),
                "start" => start = self.date(value, &field),
                "end" => end = self.date(value, &field),
                "circa" => event.circa = self.bool(value, &field).unwrap_or(false),
                "date" => when = self.when(value, &field),
                "status" => {
                    if let Some(s) = self.string(value, &field) {
                        event.status = Status::parse(&s);
                        if event.status.is_none() {
                            let msg = format!(
                                "unknown status `{}`; expected {}",
                                sanitize::line(&s),
                                Status::choices()
                            );
                            self.error(value, &field, msg);
                        }
                    }
                }
                "kind" => {
                    event.kind = self.text(value, &field).map(Into::into);
                }
                "group" => {
                    event.group = self.text(value, &field).map(Into::into);
                }
                "display_date" => {
                    event.display_date = self.text(value, &field).map(String::into_boxed_str);
                }
                "summary" => {
                    event.summary = self
                        .optional_string(value, &field)
                        .map(String::into_boxed_str)
                }
                "details" => {
                    event.details = self
                        .optional_string(value, &field)
                        .map(String::into_boxed_str)
                }
                "actors" => event.actors = self.names(value, &field).into(),
                "places" => event.places = self.names(value, &field).into(),
                "tags" => event.tags = self.names(value, &field).into(),
                "sources" => {
                    let items = self.array(value, &field).unwrap_or_default();
                    let mut sources = Vec::with_capacity(items.len());
                    for (i, item) in items.into_iter().enumerate() {
                        if let Some(s) = self.source(item, &format!("{field}[{i}]")) {
                            sources.push(s);
                        }
                    }
                    event.sources = sources.into();
                }
                "draft" => event.draft = self.draft(value, &field).map(Box::new),
                other => self.unknown(value, &path, other, EVENT_FIELDS),
            }
        }
        let pos = Some(self.position_of(raw));
        let dated = entries.iter().any(|(k, _)| k == "date");
        for (name, present) in [
            ("id", id.is_some()),
            ("title", title.is_some()),
            ("start", start.is_some() || dated),
        ] {
            if !present && !entries.iter().any(|(k, _)| k == name) {
                self.error_at(pos, &path, format!("missing required field `{name}`"));
            }
        }
        if dated {
            // One way of saying when: an EDTF `date`, or the old `start`/`end`/`circa`.
            for (key, value) in entries
                .iter()
                .filter(|(k, _)| matches!(k.as_str(), "start" | "end" | "circa"))
            {
                let msg = format!("`date` says when already; remove `{key}` or `date`");
                self.error(value, &at(key), msg);
            }
        }
        if let Some(s) = start
            && let Some(msg) = validate::span_problem(s, end)
        {
            let (_, end_raw) = entries.iter().find(|(k, _)| k == "end")?;
            self.error(end_raw, &at("end"), msg);
        }
        if self.diagnostics.len() + self.suppressed > errors_before {
            return None;
        }
        event.id = id?.into();
        event.title = title?.trim().into();
        match when {
            Some(w) => event.set_when(w),
            None if dated => return None,
            None => {
                event.start = start?;
                event.end = end;
            }
        }
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
                "title" => title = self.title(value, &field),
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
        if let Some(s) = start
            && let Some(msg) = validate::span_problem(s, end)
            && let Some((_, end_raw)) = entries.iter().find(|(k, _)| k == "end")
        {
            self.error(end_raw, &join(path, "end"), msg);
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
                    expression = self.text(value, &field);
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
        let json = crate::formats::native::safe_json::to_string_pretty(&parsed.dataset).unwrap();
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
