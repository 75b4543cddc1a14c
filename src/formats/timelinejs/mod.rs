//! TimelineJS timelines in and out: recognising a file's format, and mapping TimelineJS slides to
//! events, eras and a dataset.
//!
//! The two readers (`json` for TimelineJS JSON, `csv` for the Google Sheets template) each turn
//! their file into [`Slide`]s that remember where every value was written; [`Mapper`] then does
//! everything the formats share: dates at their true precision, HTML to plain text, media and links
//! to sources, ids, eras and the title slide. Errors carry `file:line:column` like the native
//! loader's; whatever cannot be carried over is a warning, never silently lost. `export` writes
//! TimelineJS JSON back.
//!
//! A TimelineJS file written by `export` carries the native fields TimelineJS has no place for
//! (status, kind, actors, places, tags, sources, summary and details) in a `bilateral` object on each
//! slide, which TimelineJS ignores; reading it back restores them, so native → TimelineJS → native
//! loses nothing.

pub mod csv;
pub mod export;
mod html;
pub mod json;

use std::collections::HashSet;
use std::path::Path;

use serde::{Deserialize, Serialize};

use crate::core::model::validate::{self, id_problem};
use crate::core::model::{Dataset, Date, DateError, Era, Event, Source, Status};
use crate::core::sanitize;
use crate::formats::diagnostics::{self as load, Diagnostic, LoadError};
use crate::formats::native::{self, ParsedFile};

/// A 1-based line and column in the file.
pub type Pos = (usize, usize);

/// The formats a timeline file can be in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// This program's own JSON.
    Native,
    /// TimelineJS JSON (`{"title": {...}, "events": [{"start_date": {...}}]}`).
    TimelineJsJson,
    /// A CSV export of the TimelineJS Google Sheets template.
    TimelineJsCsv,
}

impl Format {
    pub fn describe(self) -> &'static str {
        match self {
            Format::Native => "native timeline JSON",
            Format::TimelineJsJson => "TimelineJS JSON",
            Format::TimelineJsCsv => "TimelineJS spreadsheet CSV",
        }
    }
}

/// Whether the file is a TimelineJS spreadsheet whatever its content: its name ends in `.csv`.
pub fn is_spreadsheet(path: &Path) -> bool {
    path.extension()
        .is_some_and(|x| x.eq_ignore_ascii_case("csv"))
}

/// Which format a file is in: a `.csv` extension is a TimelineJS spreadsheet; a JSON object whose
/// `title` is an object, or whose first event has a `start_date` object, is TimelineJS JSON;
/// anything else is native (and the native parser says what is wrong with it).
pub fn detect(path: &Path, text: &str) -> Format {
    if is_spreadsheet(path) {
        return Format::TimelineJsCsv;
    }
    let Ok(load::Entries(top)) = serde_json::from_str::<load::Entries>(text) else {
        return Format::Native;
    };
    let has_key = |raw: &serde_json::value::RawValue, key: &str| {
        serde_json::from_str::<load::Entries>(raw.get()).is_ok_and(|load::Entries(e)| {
            e.iter().any(|(k, v)| k == key && v.get().starts_with('{'))
        })
    };
    for (key, value) in &top {
        match key.as_str() {
            "title" if value.get().starts_with('{') => return Format::TimelineJsJson,
            "events" => {
                let first = serde_json::from_str::<Vec<&serde_json::value::RawValue>>(value.get())
                    .ok()
                    .and_then(|items| items.into_iter().find(|i| i.get().starts_with('{')));
                if first.is_some_and(|e| has_key(e, "start_date")) {
                    return Format::TimelineJsJson;
                }
            }
            _ => {}
        }
    }
    Format::Native
}

/// A file read in any supported format, with what could not be carried over.
#[derive(Debug, Clone)]
pub struct Imported {
    pub parsed: ParsedFile,
    pub format: Format,
    /// Things the file holds that the native format cannot (backgrounds, embeds, seconds...).
    pub warnings: Vec<Diagnostic>,
}

/// Reads a file's bytes in whichever format [`detect`] finds.
pub fn parse_any(path: &Path, name: &str, bytes: &[u8]) -> Result<Imported, LoadError> {
    let text = load::text_of(name, bytes)?;
    let format = detect(path, text);
    match format {
        Format::Native => native::parse_str(name, text).map(|parsed| Imported {
            parsed,
            format,
            warnings: Vec::new(),
        }),
        Format::TimelineJsJson => json::parse(path, name, text),
        Format::TimelineJsCsv => csv::parse(path, name, text),
    }
}

/// A value as written in the file, and where.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Text {
    pub value: String,
    pub at: Pos,
}

/// A TimelineJS date: its parts as written (absent when empty).
#[derive(Debug, Clone, Default)]
pub(crate) struct Parts {
    pub at: Pos,
    /// How messages name the date: `events[3].start_date`, or for a spreadsheet `row 4` with
    /// whether it is the End date, so that parts are named by their columns (`row 4, End Day`).
    pub field: String,
    pub row: Option<(String, bool)>,
    pub year: Option<Text>,
    pub month: Option<Text>,
    pub day: Option<Text>,
    pub hour: Option<Text>,
    pub minute: Option<Text>,
    pub second: Option<Text>,
    pub millisecond: Option<Text>,
    pub display_date: Option<Text>,
    pub format: Option<Text>,
}

/// A slide's media: an address (or embed HTML), with its caption, credit and thumbnail.
#[derive(Debug, Clone, Default)]
pub(crate) struct Media {
    pub url: Option<Text>,
    pub caption: Option<Text>,
    pub credit: Option<Text>,
    pub thumbnail: Option<Text>,
}

/// One TimelineJS slide (an event, the title or an era) as read, before mapping.
#[derive(Debug, Clone, Default)]
pub(crate) struct Slide {
    pub at: Pos,
    /// How messages name it: `events[3]`, `row 5`.
    pub path: String,
    pub start: Option<Parts>,
    pub end: Option<Parts>,
    pub display_date: Option<Text>,
    pub headline: Option<Text>,
    /// HTML.
    pub text: Option<Text>,
    pub media: Option<Media>,
    pub group: Option<Text>,
    pub unique_id: Option<Text>,
    pub extension: Option<(Extension, Pos)>,
    /// Read from a spreadsheet: fields are named by column (`row 4, Media`).
    pub columns: bool,
}

impl Slide {
    /// How messages name one of the slide's fields: `events[3].media.url` or `row 4, Media`.
    fn name(&self, key: &str, column: &str) -> String {
        if self.columns {
            format!("{}, {column}", self.path)
        } else {
            join(&self.path, key)
        }
    }
}

/// What a file holds, as slides.
#[derive(Debug, Default)]
pub(crate) struct Slides {
    pub title: Option<Slide>,
    pub events: Vec<Slide>,
    pub eras: Vec<Slide>,
    pub extension: Option<DatasetExtension>,
}

/// The native fields of an event that TimelineJS has no place for, kept on export under
/// `bilateral` so that a round trip loses nothing.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct Extension {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub kind: Option<String>,
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub circa: bool,
    /// The EDTF date, when TimelineJS's start and end cannot say it (a window, an open end, `?`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub summary: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub details: Option<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub actors: Vec<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub places: Vec<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub tags: Vec<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub sources: Vec<ExtensionSource>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct ExtensionSource {
    pub title: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub file: Option<String>,
    #[serde(default)]
    pub url: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub published: Option<Date>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub quote: Option<String>,
}

/// The dataset's native fields that the title slide cannot hold exactly.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct DatasetExtension {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub as_of: Option<Date>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
}

/// A file with more errors than this is reported in part, like the native loader does.
const MAX_ERRORS: usize = 100;

/// Errors and warnings for one file.
#[derive(Debug)]
pub(crate) struct Report<'a> {
    pub file: &'a str,
    pub errors: Vec<Diagnostic>,
    suppressed: usize,
    pub warnings: Vec<Diagnostic>,
}

impl<'a> Report<'a> {
    pub fn new(file: &'a str) -> Report<'a> {
        Report {
            file,
            errors: Vec::new(),
            suppressed: 0,
            warnings: Vec::new(),
        }
    }

    fn diagnostic(&self, at: Option<Pos>, field: &str, message: impl Into<String>) -> Diagnostic {
        Diagnostic {
            file: self.file.to_string(),
            position: at,
            field: (!field.is_empty()).then(|| field.to_string()),
            message: message.into(),
        }
    }

    pub fn error(&mut self, at: Option<Pos>, field: &str, message: impl Into<String>) {
        if self.errors.len() >= MAX_ERRORS {
            self.suppressed += 1;
            return;
        }
        let d = self.diagnostic(at, field, message);
        self.errors.push(d);
    }

    pub fn warn(&mut self, at: Option<Pos>, field: &str, message: impl Into<String>) {
        let d = self.diagnostic(at, field, message);
        self.warnings.push(d);
    }

    /// How many errors so far, counting those not kept.
    pub fn error_count(&self) -> usize {
        self.errors.len() + self.suppressed
    }

    /// The errors as a `LoadError`, if there were any.
    pub fn failure(&mut self) -> Option<LoadError> {
        if self.error_count() == 0 {
            return None;
        }
        let mut diagnostics = std::mem::take(&mut self.errors);
        if self.suppressed > 0 {
            diagnostics.push(self.diagnostic(
                None,
                "",
                format!("… and {} more problems in this file", self.suppressed),
            ));
        }
        Some(LoadError { diagnostics })
    }
}

impl Parts {
    /// How messages name one part: `events[3].start_date.day`, `row 4, End Day`, `row 4, Time`.
    fn name(&self, part: &str) -> String {
        match &self.row {
            None => join(&self.field, part),
            Some((row, end)) => {
                let column = match part {
                    "hour" | "minute" | "second" | "millisecond" => "Time",
                    "month" => "Month",
                    "day" => "Day",
                    _ => "Year",
                };
                format!("{row}, {}{column}", if *end { "End " } else { "" })
            }
        }
    }

    /// How messages name the date as a whole.
    fn whole(&self) -> String {
        match &self.row {
            None => self.field.clone(),
            Some(_) => self.name("year"),
        }
    }
}

/// `path.key`, or `key` at the top.
pub(crate) fn join(path: &str, key: &str) -> String {
    if path.is_empty() {
        key.to_string()
    } else {
        format!("{path}.{key}")
    }
}

/// Maps slides to a dataset; shared by both readers.
pub(crate) fn map(
    path: &Path,
    slides: Slides,
    mut report: Report,
    format: Format,
) -> Result<Imported, LoadError> {
    let mut mapper = Mapper {
        report: &mut report,
        ids: HashSet::new(),
    };
    let (title, description) = mapper.title(path, slides.title.as_ref());
    let mut events = Vec::with_capacity(slides.events.len());
    let mut id_positions = Vec::with_capacity(slides.events.len());
    for slide in &slides.events {
        if let Some((event, at)) = mapper.event(slide) {
            events.push(event);
            id_positions.push(at);
        }
    }
    let eras: Vec<Era> = slides
        .eras
        .iter()
        .enumerate()
        .filter_map(|(i, s)| mapper.era(s, i))
        .collect();
    let ext = slides.extension.unwrap_or_default();
    let description = ext
        .description
        .map(|d| sanitize::prose(&d).into_owned())
        .or(description);
    if let Some(e) = report.failure() {
        return Err(e);
    }
    // In file order, as a reader would check them.
    report.warnings.sort_by_key(|w| w.position);
    // Timeline order, keeping each id's position beside its event.
    let mut order: Vec<usize> = (0..events.len()).collect();
    order.sort_by(|&a, &b| events[a].timeline_cmp(&events[b]));
    let mut slots: Vec<Option<Event>> = events.into_iter().map(Some).collect();
    let events: Vec<Event> = order.iter().filter_map(|&i| slots[i].take()).collect();
    let id_positions = order.iter().map(|&i| id_positions[i]).collect();
    let mut eras = eras;
    eras.sort_by(|a, b| a.start.cmp(&b.start).then_with(|| a.end.cmp(&b.end)));
    let dataset = Dataset {
        title,
        description,
        as_of: ext.as_of,
        eras,
        events,
    };
    Ok(Imported {
        parsed: ParsedFile::new(report.file, dataset, id_positions),
        format,
        warnings: report.warnings,
    })
}

/// A one-line plain text from an HTML field: tags gone, entities decoded, not yet sanitised (event
/// fields are sanitised together by `sanitize::event`, which keeps the original for JSON output).
fn plain_raw(t: &Text) -> String {
    let plain = html::to_text(&t.value).text;
    let one_line: Vec<&str> = plain.split_whitespace().collect();
    one_line.join(" ")
}

/// Like [`plain_raw`], sanitised, for the dataset's and eras' titles.
fn plain_line(t: &Text) -> String {
    sanitize::line(&plain_raw(t)).into_owned()
}

/// A `Text` whose value is not blank.
fn present(t: &Option<Text>) -> Option<&Text> {
    t.as_ref().filter(|t| !t.value.trim().is_empty())
}

/// At most `max` characters of `text`, cut at a word and marked with an ellipsis when cut.
fn shorten(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        return text.to_string();
    }
    let cut: String = text.chars().take(max).collect();
    let at_word = cut.rsplit_once(' ').map_or(cut.as_str(), |(head, _)| head);
    format!("{}…", at_word.trim_end_matches([',', ';', ':', ' ']))
}

/// The first sentence (or line) of some prose.
fn first_sentence(text: &str) -> &str {
    let line = text.lines().find(|l| !l.trim().is_empty()).unwrap_or("");
    match line.find(". ") {
        Some(i) => &line[..=i],
        None => line,
    }
    .trim()
}

/// A readable id from a title: lower-case letters and digits joined by `-`.
pub(crate) fn slugify(text: &str) -> String {
    let mut slug = String::new();
    for c in text.chars().flat_map(char::to_lowercase) {
        if c.is_alphanumeric() {
            slug.push(c);
        } else if !slug.is_empty() && !slug.ends_with('-') {
            slug.push('-');
        }
        if slug.chars().count() >= 60 {
            break;
        }
    }
    slug.trim_end_matches('-').to_string()
}

/// What kind of thing TimelineJS would embed for a media address, in words.
fn media_kind(url: &str) -> &'static str {
    let lower = url.to_ascii_lowercase();
    let host_has = |h: &str| lower.split('/').nth(2).is_some_and(|host| host.contains(h));
    let path = lower.split(['?', '#']).next().unwrap_or("");
    if host_has("youtube.") || host_has("youtu.be") {
        "YouTube video"
    } else if host_has("vimeo.") {
        "Vimeo video"
    } else if host_has("soundcloud.") {
        "SoundCloud audio"
    } else if host_has("twitter.") || host_has("x.com") {
        "tweet"
    } else if host_has("instagram.") {
        "Instagram post"
    } else if host_has("google.") && lower.contains("/maps") {
        "Google map"
    } else if host_has("wikipedia.org") {
        "Wikipedia extract"
    } else if host_has("vine.co") {
        "Vine video"
    } else if [".jpg", ".jpeg", ".png", ".gif", ".svg", ".webp"]
        .iter()
        .any(|x| path.ends_with(x))
    {
        "image"
    } else {
        "embed"
    }
}

/// Turns slides into events, eras and the dataset's title, reporting as it goes.
struct Mapper<'r, 'a> {
    report: &'r mut Report<'a>,
    ids: HashSet<String>,
}

impl Mapper<'_, '_> {
    /// The dataset's title and description, from the title slide (or the file's name).
    fn title(&mut self, path: &Path, slide: Option<&Slide>) -> (String, Option<String>) {
        let stem = path
            .file_stem()
            .map(|s| sanitize::line(&s.to_string_lossy()).into_owned())
            .filter(|s| !s.trim().is_empty())
            .unwrap_or_else(|| "Imported timeline".to_string());
        let Some(slide) = slide else {
            self.report.warn(
                None,
                "",
                format!("no title slide; the timeline is titled “{stem}” after its file"),
            );
            return (stem, None);
        };
        let at = Some(slide.at);
        let title = match present(&slide.headline).map(plain_line) {
            Some(t) if !t.is_empty() => t,
            _ => {
                self.report.warn(
                    at,
                    &slide.path,
                    format!("the title slide has no headline; the timeline is titled “{stem}” after its file"),
                );
                stem
            }
        };
        let description = present(&slide.text).map(|t| {
            let plain = html::to_text(&t.value);
            self.embeds(&plain, t.at, &slide.name("text.text", "Text"));
            let mut text = plain.text;
            for link in &plain.links {
                text.push_str(&format!("\n{}", link.url));
            }
            sanitize::prose(&text).into_owned()
        });
        if let Some(m) = &slide.media {
            let what = present(&m.url).map_or("media".to_string(), |u| {
                format!(
                    "{} {}",
                    media_kind(&u.value),
                    sanitize::line(u.value.trim())
                )
            });
            if present(&m.url).is_some() || present(&m.caption).is_some() {
                self.report.warn(
                    present(&m.url).map(|u| u.at).or(at),
                    &slide.name("media", "Media"),
                    format!("the title slide's {what} is not carried over"),
                );
            }
        }
        if slide.start.is_some() {
            self.report.warn(
                at,
                &slide.path,
                "the title slide's date is not carried over",
            );
        }
        (title, description.filter(|d| !d.trim().is_empty()))
    }

    /// Warns about images, frames and other embeds in an HTML text.
    fn embeds(&mut self, plain: &html::Plain, at: Pos, field: &str) {
        for tag in &plain.dropped {
            self.report.warn(
                Some(at),
                field,
                format!(
                    "an embedded <{tag}> is not shown; its address, if any, is kept as a source"
                ),
            );
        }
    }

    fn event(&mut self, slide: &Slide) -> Option<(Event, Pos)> {
        let errors_before = self.report.error_count();
        let path = &slide.path;
        let start = match &slide.start {
            Some(parts) => self.date(parts),
            None => {
                self.report
                    .error(Some(slide.at), path, "missing required field `start_date`");
                None
            }
        };
        let end = slide.end.as_ref().and_then(|parts| self.date(parts));
        if let (Some(s), Some(parts)) = (start, &slide.end)
            && let Some(msg) = validate::span_problem(s, end)
        {
            self.report.error(Some(parts.at), &parts.whole(), msg);
        }
        let mut event = Event::new("", "", start.unwrap_or(Date::year_only(0)));
        event.end = end;
        event.display_date = self.display_date(slide, end).map(String::into_boxed_str);
        event.group = present(&slide.group)
            .map(plain_raw)
            .filter(|g| !g.is_empty())
            .map(Into::into);

        let mut sources = Vec::new();
        let mut seen_urls = HashSet::new();
        if let Some(media) = &slide.media
            && let Some(source) = self.media_source(media, slide)
        {
            seen_urls.extend(source.url.clone());
            sources.push(source);
        }
        let body = present(&slide.text).map(|t| {
            let plain = html::to_text(&t.value);
            self.embeds(&plain, t.at, &slide.name("text.text", "Text"));
            for link in &plain.links {
                let url = link.url.clone();
                if url.starts_with('#') || url.to_ascii_lowercase().starts_with("javascript:") {
                    continue;
                }
                if seen_urls.insert(url.clone()) {
                    let text = link.text.clone();
                    sources.push(Source {
                        title: if text.is_empty() { url.clone() } else { text },
                        url: Some(url),
                        ..Source::default()
                    });
                }
            }
            plain.text
        });
        event.title = self.event_title(slide, body.as_deref(), &sources).into();
        match &slide.extension {
            Some((ext, at)) => self.apply_extension(&mut event, ext, *at, path),
            None => {
                event.details = body.filter(|b| !b.is_empty()).map(String::into_boxed_str);
                event.sources = sources.into();
            }
        }
        if self.report.error_count() > errors_before {
            return None;
        }
        let at = slide.unique_id.as_ref().map_or(slide.at, |u| u.at);
        event.id = self.id(slide, &event).into();
        // Last, so that the original it keeps (for JSON output) is the whole event.
        sanitize::event(&mut event);
        Some((event, at))
    }

    /// The author's wording of the date: the slide's `display_date`, else the start's (and end's).
    fn display_date(&mut self, slide: &Slide, end: Option<Date>) -> Option<String> {
        if let Some(t) = present(&slide.display_date) {
            return Some(plain_raw(t)).filter(|d| !d.is_empty());
        }
        let start = slide
            .start
            .as_ref()
            .and_then(|p| present(&p.display_date))
            .map(plain_raw)?;
        let end_shown = slide
            .end
            .as_ref()
            .and_then(|p| present(&p.display_date))
            .map(plain_raw)
            .or_else(|| end.map(|e| e.label()));
        Some(match end_shown {
            Some(e) => format!("{start} – {e}"),
            None => start,
        })
        .filter(|d| !d.trim().is_empty())
    }

    /// The headline, or (with a warning) a title made from the caption or the text.
    fn event_title(&mut self, slide: &Slide, body: Option<&str>, sources: &[Source]) -> String {
        if let Some(t) = present(&slide.headline).map(plain_raw)
            && !t.is_empty()
        {
            return t;
        }
        let caption = slide
            .media
            .as_ref()
            .and_then(|m| present(&m.caption))
            .map(plain_raw)
            .filter(|c| !c.is_empty());
        let (title, from) = if let Some(c) = caption {
            (shorten(&c, 80), "its media caption")
        } else if let Some(b) = body.map(first_sentence).filter(|b| !b.is_empty()) {
            (shorten(b, 80), "its text")
        } else if let Some(s) = sources.first() {
            (shorten(&s.title, 80), "its media")
        } else {
            ("Untitled event".to_string(), "nothing")
        };
        let message = if from == "nothing" {
            "no headline, text or caption; titled “Untitled event”".to_string()
        } else {
            format!(
                "no headline; titled “{}” from {from}",
                sanitize::line(&title)
            )
        };
        self.report.warn(
            Some(slide.headline.as_ref().map_or(slide.at, |h| h.at)),
            &slide.name("text.headline", "Headline"),
            message,
        );
        title
    }

    /// The slide's media as a source: a link with its caption and credit, or embed HTML as a quote.
    fn media_source(&mut self, media: &Media, slide: &Slide) -> Option<Source> {
        if let Some(t) = present(&media.thumbnail) {
            self.report.warn(
                Some(t.at),
                &slide.name("media.thumbnail", "Media Thumbnail"),
                "the thumbnail is not carried over",
            );
        }
        let caption = present(&media.caption)
            .map(plain_raw)
            .filter(|c| !c.is_empty());
        let credit = present(&media.credit)
            .map(plain_raw)
            .filter(|c| !c.is_empty());
        let url_text = present(&media.url);
        if url_text.is_none() && caption.is_none() && credit.is_none() {
            return None;
        }
        let mut source = Source::default();
        let mut fallback = "Media".to_string();
        if let Some(u) = url_text {
            let raw = u.value.trim();
            if raw.starts_with('<') {
                // Embed HTML (a blockquote, an iframe): its words become a quote, its link the URL.
                let plain = html::to_text(raw);
                source.url = plain.links.first().map(|l| l.url.clone());
                source.quote = Some(plain.text).filter(|q| !q.is_empty());
                fallback = if source.quote.is_some() {
                    "Quotation"
                } else {
                    "Embedded media"
                }
                .to_string();
                let kept = match (&source.quote, &source.url) {
                    (Some(_), _) => "its text is kept as a quotation",
                    (None, Some(_)) => "its address is kept as a source",
                    (None, None) => "nothing of it could be kept",
                };
                self.report.warn(
                    Some(u.at),
                    &slide.name("media.url", "Media"),
                    format!("embedded HTML media is not shown; {kept}"),
                );
            } else {
                let url = raw.to_string();
                self.report.warn(
                    Some(u.at),
                    &slide.name("media.url", "Media"),
                    format!(
                        "the {} is not embedded; its address is kept as a source",
                        media_kind(raw)
                    ),
                );
                source.url = Some(url);
                let kind = media_kind(raw);
                fallback = kind[..1].to_uppercase() + &kind[1..];
            }
        }
        source.title = match (caption, credit) {
            (Some(c), Some(cr)) => format!("{c} (credit: {cr})"),
            (Some(c), None) => c,
            (None, Some(cr)) => format!("{fallback} (credit: {cr})"),
            (None, None) => fallback,
        };
        Some(source)
    }

    /// Restores the native fields kept by `export`, checked like a native file's.
    fn apply_extension(&mut self, event: &mut Event, ext: &Extension, at: Pos, path: &str) {
        let field = join(path, "bilateral");
        let at = Some(at);
        if let Some(s) = &ext.status {
            event.status = Status::parse(s);
            if event.status.is_none() {
                self.report.error(
                    at,
                    &join(&field, "status"),
                    format!(
                        "unknown status `{}`; expected {}",
                        sanitize::line(s),
                        Status::choices()
                    ),
                );
            }
        }
        event.kind = ext.kind.as_deref().map(Into::into);
        event.circa = ext.circa;
        if let Some(text) = &ext.date {
            match crate::core::model::When::parse(text) {
                Ok(w) => event.set_when(w),
                Err(e) => self.report.error(at, &join(&field, "date"), e.to_string()),
            }
        }
        event.summary = ext.summary.as_deref().map(Box::from);
        event.details = ext.details.as_deref().map(Box::from);
        for (name, from, to) in [
            ("actors", &ext.actors, &mut event.actors),
            ("places", &ext.places, &mut event.places),
            ("tags", &ext.tags, &mut event.tags),
        ] {
            for (i, v) in from.iter().enumerate() {
                if v.trim().is_empty() {
                    self.report
                        .error(at, &format!("{field}.{name}[{i}]"), "must not be empty");
                }
            }
            *to = from.iter().map(|v| v.as_str().into()).collect();
        }
        if event.kind.as_deref().is_some_and(|k| k.trim().is_empty()) {
            self.report
                .error(at, &join(&field, "kind"), "must not be empty");
        }
        event.sources = ext
            .sources
            .iter()
            .map(|s| Source {
                title: s.title.clone(),
                file: s.file.clone(),
                url: s.url.clone(),
                published: s.published,
                quote: s.quote.clone(),
            })
            .collect();
    }

    /// The slide's `unique_id` when it is a usable, unused id; otherwise one made from the title.
    fn id(&mut self, slide: &Slide, event: &Event) -> String {
        let wanted = present(&slide.unique_id).map(|u| (u.value.trim(), u.at));
        if let Some((id, at)) = wanted {
            let field = join(&slide.path, "unique_id");
            match id_problem(id) {
                None if !self.ids.contains(id) => {
                    self.ids.insert(id.to_string());
                    return id.to_string();
                }
                None => {
                    let made = self.make_id(id, event);
                    self.report.warn(
                        Some(at),
                        &field,
                        format!("unique_id `{id}` is used twice; this one becomes `{made}`"),
                    );
                    return made;
                }
                Some(problem) => {
                    let made = self.make_id(id, event);
                    self.report
                        .warn(Some(at), &field, format!("{problem}; using `{made}`"));
                    return made;
                }
            }
        }
        self.make_id(&event.title, event)
    }

    /// A stable id: the slug of `base`; if taken, with the start date; if still taken, numbered.
    fn make_id(&mut self, base: &str, event: &Event) -> String {
        let slug = Some(slugify(base))
            .filter(|s| !s.is_empty())
            .unwrap_or_else(|| "event".to_string());
        let dated = format!("{slug}-{}", slugify(&event.start.to_string()));
        let mut candidates = [slug, dated.clone()]
            .into_iter()
            .chain((2..).map(|n| format!("{dated}-{n}")));
        let id = candidates
            .find(|c| !self.ids.contains(c))
            .unwrap_or_default();
        self.ids.insert(id.clone());
        id
    }

    fn era(&mut self, slide: &Slide, index: usize) -> Option<Era> {
        let errors_before = self.report.error_count();
        let path = &slide.path;
        let mut date = |parts: &Option<Parts>, name: &str| match parts {
            Some(p) => self.date(p),
            None => {
                self.report
                    .error(Some(slide.at), path, format!("an era needs a `{name}`"));
                None
            }
        };
        let start = date(&slide.start, "start_date");
        let end = date(&slide.end, "end_date");
        if let (Some(s), Some(parts)) = (start, &slide.end)
            && let Some(msg) = validate::span_problem(s, end)
        {
            self.report.error(Some(parts.at), &parts.whole(), msg);
        }
        let title = match present(&slide.headline).map(plain_line) {
            Some(t) if !t.is_empty() => t,
            _ => {
                let t = format!("Era {}", index + 1);
                self.report.warn(
                    Some(slide.at),
                    &slide.name("text.headline", "Headline"),
                    format!("the era has no headline; it is called “{t}”"),
                );
                t
            }
        };
        if let Some(t) = present(&slide.text) {
            self.report.warn(
                Some(t.at),
                &slide.name("text.text", "Text"),
                "an era's text is not carried over",
            );
        }
        if let Some(m) = &slide.media
            && let Some(u) = present(&m.url)
        {
            self.report.warn(
                Some(u.at),
                &slide.name("media", "Media"),
                "an era's media is not carried over",
            );
        }
        if self.report.error_count() > errors_before {
            return None;
        }
        Some(Era {
            title,
            start: start?,
            end: end?,
        })
    }

    /// A date from its parts, at the precision they give; errors name the part that is wrong.
    fn date(&mut self, p: &Parts) -> Option<Date> {
        let field = p.whole();
        let Some(year_text) = present(&p.year) else {
            let what = if [&p.month, &p.day, &p.hour, &p.minute]
                .iter()
                .any(|t| present(t).is_some())
            {
                "a date needs a year"
            } else {
                "the date is empty; it needs at least a year"
            };
            self.report.error(Some(p.at), &field, what);
            return None;
        };
        let year = self.integer(year_text, &p.name("year"), i64::MIN + 1, i64::MAX - 1)?;
        let month =
            present(&p.month).map(|t| self.integer(t, &p.name("month"), 0, 99).map(|m| (m, t.at)));
        let day =
            present(&p.day).map(|t| self.integer(t, &p.name("day"), 0, 99).map(|d| (d, t.at)));
        let (month, day) = match (month, day) {
            (Some(None), _) | (_, Some(None)) => return None,
            (m, d) => (m.flatten(), d.flatten()),
        };
        if let (None, Some((_, at))) = (month, day) {
            self.report
                .error(Some(at), &p.name("day"), "a day needs a month");
            return None;
        }
        let written = match (month, day) {
            (None, _) => year.to_string(),
            (Some((m, _)), None) => format!("{year}-{m:02}"),
            (Some((m, _)), Some((d, _))) => format!("{year}-{m:02}-{d:02}"),
        };
        let date = match Date::parse(&written) {
            Ok(d) => d,
            Err(e) => {
                let (part, at) = match (&e, month, day) {
                    (DateError::Month(_), Some((_, at)), _) => ("month", at),
                    (DateError::NoSuchDay(_), _, Some((_, at))) => ("day", at),
                    _ => ("year", year_text.at),
                };
                self.report.error(Some(at), &p.name(part), e.to_string());
                return None;
            }
        };
        let date = self.time(p, date)?;
        for (t, name) in [(&p.second, "second"), (&p.millisecond, "millisecond")] {
            if let Some(t) = present(t) {
                self.report.warn(
                    Some(t.at),
                    &p.name(name),
                    format!(
                        "{name}s are not kept; the date is {}",
                        match date.precision() {
                            crate::core::model::Precision::Minute => "kept to the minute",
                            _ => "kept without a time of day",
                        }
                    ),
                );
            }
        }
        if let Some(t) = present(&p.format) {
            self.report.warn(
                Some(t.at),
                &p.name("format"),
                format!(
                    "the date format `{}` is not carried over",
                    sanitize::line(&t.value)
                ),
            );
        }
        Some(date)
    }

    /// Adds the hour and minute, if given, to a date that has a day.
    fn time(&mut self, p: &Parts, date: Date) -> Option<Date> {
        let hour = present(&p.hour);
        let minute = present(&p.minute);
        let Some(hour_text) = hour else {
            if let Some(m) = minute {
                self.report
                    .error(Some(m.at), &p.name("minute"), "a minute needs an hour");
                return None;
            }
            return Some(date);
        };
        if date.day().is_none() {
            self.report.error(
                Some(hour_text.at),
                &p.name("hour"),
                "a time of day needs a day",
            );
            return None;
        }
        let h = self.integer(hour_text, &p.name("hour"), 0, 23)?;
        let m = match minute {
            Some(t) => self.integer(t, &p.name("minute"), 0, 59)?,
            None => {
                self.report.warn(
                    Some(hour_text.at),
                    &p.name("hour"),
                    format!("an hour without minutes is shown as {h:02}:00"),
                );
                0
            }
        };
        // Both are in range, checked above.
        date.with_time(h as u32, m as u32)
    }

    /// A whole number in `min..=max`, written with an optional sign.
    fn integer(&mut self, t: &Text, field: &str, min: i64, max: i64) -> Option<i64> {
        let v = t.value.trim();
        let digits = v.strip_prefix(['-', '+']).unwrap_or(v);
        let shown = sanitize::line(v);
        if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
            self.report.error(
                Some(t.at),
                field,
                format!("expected a whole number, found `{shown}`"),
            );
            return None;
        }
        match v.trim_start_matches('+').parse::<i64>() {
            Ok(n) if (min..=max).contains(&n) => Some(n),
            _ if min == i64::MIN + 1 => {
                self.report.error(
                    Some(t.at),
                    field,
                    format!("`{shown}` is too large a number"),
                );
                None
            }
            _ => {
                self.report.error(
                    Some(t.at),
                    field,
                    format!("`{shown}` is out of range; expected {min} to {max}"),
                );
                None
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn detects_formats_by_shape() {
        let p = Path::new("x.json");
        assert_eq!(detect(Path::new("a.CSV"), "{}"), Format::TimelineJsCsv);
        assert_eq!(
            detect(p, r#"{"title": {"text": {"headline": "x"}}, "events": []}"#),
            Format::TimelineJsJson
        );
        assert_eq!(
            detect(p, r#"{"events": [1, {"start_date": {"year": 1}}]}"#),
            Format::TimelineJsJson
        );
        assert_eq!(
            detect(
                p,
                r#"{"title": "x", "events": [{"id": "a", "start": "2025"}]}"#
            ),
            Format::Native
        );
        assert_eq!(detect(p, "not json"), Format::Native);
        assert_eq!(
            detect(p, r#"{"events": [{"start_date": "2025"}]}"#),
            Format::Native
        );
    }

    #[test]
    fn slugs_and_shortening() {
        assert_eq!(
            slugify("...And the women who made it work"),
            "and-the-women-who-made-it-work"
        );
        assert_eq!(
            slugify("Rózsa Péter writes recursion"),
            "rózsa-péter-writes-recursion"
        );
        assert_eq!(
            slugify("\"The Mother of the Internet\""),
            "the-mother-of-the-internet"
        );
        assert_eq!(slugify("!!!"), "");
        assert_eq!(shorten("one two three", 9), "one two…");
        assert_eq!(shorten("short", 9), "short");
        assert_eq!(first_sentence("Born here. Then there."), "Born here.");
    }

    #[test]
    fn media_kinds() {
        assert_eq!(
            media_kind("https://www.youtube.com/watch?v=x"),
            "YouTube video"
        );
        assert_eq!(
            media_kind("https://upload.wikimedia.org/a/b.JPG?x=1"),
            "image"
        );
        assert_eq!(
            media_kind("https://en.wikipedia.org/wiki/Reduction"),
            "Wikipedia extract"
        );
        assert_eq!(
            media_kind("https://www.google.com/maps/place/University+of+Pennsylvania"),
            "Google map"
        );
        assert_eq!(media_kind("https://example.org/page"), "embed");
    }
}
