//! Writing a timeline as TimelineJS JSON.
//!
//! Dates go out as TimelineJS date parts at their own precision (a month is written without a day);
//! titles and text are HTML-escaped; the first source with an address becomes the slide's media and
//! every source is listed as a link in the text. What TimelineJS has no field for goes in the
//! slide's `bilateral` object (see the module above), so reading the file back restores it exactly.
//!
//! Only `http`, `https` and `mailto` addresses are written as links, and only `http` and `https`
//! ones as media: a `javascript:` or `data:` address in a file passed around would run in the
//! reader's browser in older TimelineJS versions and in other readers of the format. Other
//! addresses stay in the `bilateral` object, as data, and `export` names them.

use serde::Serialize;

use super::html::{escape, paragraphs};
use super::{DatasetExtension, Extension, ExtensionSource};
use crate::core::model::{Date, Era, Event};
use crate::core::selection::Selection;

#[derive(Serialize)]
struct Document {
    title: TitleSlide,
    events: Vec<EventSlide>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    eras: Vec<EraSlide>,
    #[serde(skip_serializing_if = "is_default")]
    bilateral: DatasetExtension,
}

#[derive(Serialize)]
struct TitleSlide {
    text: SlideText,
}

#[derive(Serialize)]
struct SlideText {
    headline: String,
    text: String,
}

/// Parts as strings, as TimelineJS's own templates write them.
#[derive(Serialize)]
struct DateParts {
    year: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    month: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    day: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    hour: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    minute: Option<String>,
}

#[derive(Serialize)]
struct MediaOut {
    url: String,
    caption: String,
}

#[derive(Serialize)]
struct EventSlide {
    unique_id: String,
    start_date: DateParts,
    #[serde(skip_serializing_if = "Option::is_none")]
    end_date: Option<DateParts>,
    #[serde(skip_serializing_if = "Option::is_none")]
    display_date: Option<String>,
    text: SlideText,
    #[serde(skip_serializing_if = "Option::is_none")]
    group: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    media: Option<MediaOut>,
    #[serde(skip_serializing_if = "is_default")]
    bilateral: Extension,
}

#[derive(Serialize)]
struct EraSlide {
    start_date: DateParts,
    end_date: DateParts,
    text: SlideText,
}

fn is_default<T: Default + PartialEq>(v: &T) -> bool {
    *v == T::default()
}

fn parts(d: &Date) -> DateParts {
    let time = d.time();
    DateParts {
        year: d.year().to_string(),
        month: d.month().map(|m| m.to_string()),
        day: d.day().map(|x| x.to_string()),
        hour: time.map(|(h, _)| h.to_string()),
        minute: time.map(|(_, m)| format!("{m:02}")),
    }
}

/// Schemes written as links in a slide's text.
const LINK_SCHEMES: &[&str] = &["http:", "https:", "mailto:"];
/// Schemes written as a slide's media, which TimelineJS loads.
const MEDIA_SCHEMES: &[&str] = &["http:", "https:"];

/// `url` without surrounding spaces, if it is an address with one of `schemes` (any case) and no
/// space or control character inside: browsers drop tabs and newlines from an address, so
/// "java\tscript:" would run as "javascript:".
fn link<'a>(url: &'a str, schemes: &[&str]) -> Option<&'a str> {
    let url = url.trim();
    let clean = !url.chars().any(|c| c.is_whitespace() || c.is_control());
    let scheme_ok = schemes.iter().any(|scheme| {
        url.get(..scheme.len())
            .is_some_and(|start| start.eq_ignore_ascii_case(scheme))
    });
    (clean && scheme_ok).then_some(url)
}

/// Sources whose address is not written as a link, for export's notes: `(event id, address)`.
pub fn unlinked<'a>(events: &[&'a Event]) -> Vec<(&'a str, &'a str)> {
    events
        .iter()
        .flat_map(|e| {
            let e = e.original.as_deref().unwrap_or(e);
            e.sources.iter().filter_map(move |s| {
                let url = s.url.as_deref()?;
                link(url, LINK_SCHEMES)
                    .is_none()
                    .then_some((e.id.as_ref(), url))
            })
        })
        .collect()
}

/// Summary and details as paragraphs, then every source as a link (or a name).
fn body(e: &Event) -> String {
    let mut html = String::new();
    for prose in [&e.summary, &e.details].into_iter().flatten() {
        html.push_str(&paragraphs(prose));
    }
    if !e.sources.is_empty() {
        html.push_str("<p>Sources:</p><ul>");
        for s in &e.sources {
            let title = escape(&s.title);
            match s.url.as_deref().and_then(|u| link(u, LINK_SCHEMES)) {
                Some(url) => {
                    html.push_str(&format!("<li><a href=\"{}\">{title}</a></li>", escape(url)))
                }
                None => html.push_str(&format!("<li>{title}</li>")),
            }
        }
        html.push_str("</ul>");
    }
    html
}

fn event_slide(e: &Event) -> EventSlide {
    // The text as written in its file: reading this export back sanitises it again, exactly as
    // the original was, so the round trip keeps both the safe text and the original.
    let e = e.original.as_deref().unwrap_or(e);
    let media = e.sources.iter().find_map(|s| {
        let url = link(s.url.as_deref()?, MEDIA_SCHEMES)?;
        Some(MediaOut {
            url: url.to_string(),
            caption: escape(&s.title),
        })
    });
    EventSlide {
        unique_id: e.id.to_string(),
        start_date: parts(&e.start),
        end_date: e.end.as_ref().map(parts),
        display_date: e.display_date.as_deref().map(escape),
        text: SlideText {
            headline: escape(&e.title),
            text: body(e),
        },
        group: e.group.as_deref().map(escape),
        media,
        bilateral: Extension {
            status: e.status.map(|s| s.as_str().to_string()),
            kind: e.kind.as_deref().map(str::to_string),
            circa: e.circa && e.is_plain_dated(),
            date: (!e.is_plain_dated()).then(|| e.when().to_edtf()),
            summary: e.summary.as_deref().map(str::to_string),
            details: e.details.as_deref().map(str::to_string),
            actors: e.actors.iter().map(|a| a.to_string()).collect(),
            places: e.places.iter().map(|p| p.to_string()).collect(),
            tags: e.tags.iter().map(|t| t.to_string()).collect(),
            sources: e
                .sources
                .iter()
                .map(|s| ExtensionSource {
                    title: s.title.clone(),
                    file: s.file.clone(),
                    url: s.url.clone(),
                    published: s.published,
                    quote: s.quote.clone(),
                })
                .collect(),
        },
    }
}

fn era_slide(era: &Era) -> EraSlide {
    EraSlide {
        start_date: parts(&era.start),
        end_date: parts(&era.end),
        text: SlideText {
            headline: escape(&era.title),
            text: String::new(),
        },
    }
}

/// The selection as a TimelineJS JSON document, pretty-printed, with characters unsafe on a
/// terminal escaped (see `safe_json`).
pub fn to_json(selection: &Selection) -> std::io::Result<String> {
    let doc = Document {
        title: TitleSlide {
            text: SlideText {
                headline: escape(selection.title),
                text: selection.description.map(paragraphs).unwrap_or_default(),
            },
        },
        events: selection.events.iter().map(|e| event_slide(e)).collect(),
        eras: selection.eras.iter().map(era_slide).collect(),
        bilateral: DatasetExtension {
            as_of: selection.as_of,
            description: selection.description.map(str::to_string),
        },
    };
    crate::formats::native::safe_json::to_string_pretty(&doc)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_keep_their_precision() {
        let json = |s: &str| serde_json::to_value(parts(&Date::parse(s).unwrap())).unwrap();
        assert_eq!(
            json("-13800000000"),
            serde_json::json!({"year": "-13800000000"})
        );
        assert_eq!(
            json("1943-07"),
            serde_json::json!({"year": "1943", "month": "7"})
        );
        assert_eq!(
            json("0622-08-09T06:05"),
            serde_json::json!({"year": "622", "month": "8", "day": "9", "hour": "6", "minute": "05"})
        );
    }
}
