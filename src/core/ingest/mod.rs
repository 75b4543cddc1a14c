//! Turning a plain-text article into draft events for review.
//!
//! The pipeline: find the dateline ([`Article::parse`]), split the text into sentences and drop
//! repeats (`sentences`), find the date expressions of each sentence and normalise them against the
//! dateline (`expressions`), and make one draft event per expression (`draft_events`) with the
//! sentence (or, in a very long sentence, the words around the expression) as its verbatim source
//! quote, a draft title (`title`), the actors it names (`actors`) and
//! a confidence. Nothing here reads files or knows about terminals: the caller passes text in and
//! writes the [`Dataset`] out.

pub mod actors;
pub mod expressions;
pub mod sentences;
pub mod title;

use std::collections::HashSet;

use chrono::NaiveDate;

use crate::core::model::{Confidence, Dataset, Date, Draft, Event, Precision, Source, Status};
use actors::Actors;
use expressions::{Expression, Form};

/// Why an article cannot be read.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum IngestError {
    #[error(
        "{file}: no dateline: start the article with a line `date YYYY-MM-DD`, or pass \
         --dateline YYYY-MM-DD"
    )]
    NoDateline { file: String },
    #[error("{file}: the dateline {found:?} is not a valid day: {reason}")]
    BadDateline {
        file: String,
        found: String,
        reason: String,
    },
    #[error("{file}: the dateline must be a day (YYYY-MM-DD), not {found}")]
    DatelineNotADay { file: String, found: Date },
    #[error("{file}: the dateline {found} is not in the years 1 to 9999, where articles are dated")]
    DatelineOutOfRange { file: String, found: Date },
    #[error(
        "{file}: the article is dated {article} but --dateline says {given}; drop --dateline or \
         correct the article"
    )]
    DatelineConflict {
        file: String,
        article: Date,
        given: Date,
    },
}

/// An article's text and the day it was written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Article {
    /// How the article is cited: the path it was read from.
    pub file: String,
    pub dateline: NaiveDate,
    /// The text after the dateline token.
    pub text: String,
}

impl Article {
    /// Reads the dateline from a leading `date YYYY-MM-DD` token (leading whitespace allowed; the
    /// rest of that line is article text), else from `dateline`. Both given and different is an
    /// error rather than a silent choice.
    pub fn parse(file: &str, text: &str, dateline: Option<Date>) -> Result<Article, IngestError> {
        let (written, body) = leading_dateline(text);
        let written = match written {
            Some(token) => Some(Date::parse(token).map_err(|e| IngestError::BadDateline {
                file: file.to_string(),
                found: token.to_string(),
                reason: e.to_string(),
            })?),
            None => None,
        };
        let date = match (written, dateline) {
            (Some(a), Some(g)) if a != g => {
                return Err(IngestError::DatelineConflict {
                    file: file.to_string(),
                    article: a,
                    given: g,
                });
            }
            (Some(d), _) | (None, Some(d)) => d,
            (None, None) => {
                return Err(IngestError::NoDateline {
                    file: file.to_string(),
                });
            }
        };
        let day = date
            .first_day()
            .filter(|_| date.precision() == Precision::Day)
            .ok_or(IngestError::DatelineNotADay {
                file: file.to_string(),
                found: date,
            })?;
        // Dates are read up to a year either side of the dateline; near the ends of the calendar
        // that arithmetic would overflow, and the drafts could not be written.
        if !expressions::DATELINE_YEARS.contains(&date.year()) {
            return Err(IngestError::DatelineOutOfRange {
                file: file.to_string(),
                found: date,
            });
        }
        Ok(Article {
            file: file.to_string(),
            dateline: day,
            text: body.to_string(),
        })
    }

    /// The article's sentences, each once.
    pub fn sentences(&self) -> Vec<String> {
        sentences::dedupe(sentences::split(&self.text))
    }
}

/// Splits off a leading `date TOKEN` where TOKEN looks like `NNNN-NN-NN`, returning the token and
/// the text after it. Anything else is all text.
fn leading_dateline(text: &str) -> (Option<&str>, &str) {
    let trimmed = text.trim_start();
    let Some(rest) = trimmed.strip_prefix("date") else {
        return (None, text);
    };
    if !rest.starts_with([' ', '\t']) {
        return (None, text);
    }
    let rest = rest.trim_start_matches([' ', '\t']);
    let end = rest.find(char::is_whitespace).unwrap_or(rest.len());
    let token = &rest[..end];
    let shaped = token.len() == 10
        && token.bytes().enumerate().all(|(i, b)| match i {
            4 | 7 => b == b'-',
            _ => b.is_ascii_digit(),
        });
    if shaped {
        (Some(token), &rest[end..])
    } else {
        (None, text)
    }
}

/// One draft event per date expression in the article, in reading order. `known` are the events
/// already loaded: their actors' names are recognised, and no draft takes one of their ids.
pub fn draft_events(article: &Article, known: &[Event]) -> Vec<Event> {
    let actors = Actors::new(
        known
            .iter()
            .flat_map(|e| e.actors.iter().map(|a| a.as_str())),
        &article.text,
    );
    let mut ids: HashSet<String> = known.iter().map(|e| e.id.to_string()).collect();
    let mut out = Vec::new();
    for sentence in article.sentences() {
        for expression in expressions::find(&sentence, article.dateline) {
            let event = draft_event(article, &sentence, &expression, &actors, &mut ids);
            out.push(event);
        }
    }
    out
}

fn draft_event(
    article: &Article,
    sentence: &str,
    expression: &Expression,
    actors: &Actors,
    ids: &mut HashSet<String>,
) -> Event {
    // Only the neighbourhood of the expression is read and quoted: a long sentence of many dates
    // would otherwise be read and copied once per date.
    let part = sentences::around(sentence, &expression.span);
    let context = &sentence[part.clone()];
    let span = expression.span.start - part.start..expression.span.end - part.start;
    let deadline = expression.status == Status::Scheduled
        && (starts_with_any(&expression.text, &["until", "till", "by", "before"])
            || context.to_lowercase().contains("deadline"));
    let title = title::draft(context, span, deadline);
    let id = unique_id(&format!("draft-{}-{}", expression.start, slug(&title)), ids);
    let mut event = Event::new(id, title, expression.start);
    event.end = expression.end;
    event.circa = expression.circa;
    // "In the coming weeks" promises one occasion somewhere in the window, not a stay that
    // lasts all of it: the window itself carries the uncertainty.
    if expression.form == expressions::Form::Window && event.end.is_some() {
        event.extent = crate::core::model::Extent::OneDayIn;
        event.circa = false;
    }
    event.status = Some(expression.status);
    event.actors = actors.find(context).into_iter().map(Into::into).collect();
    event.sources = Box::new([Source {
        title: format!("Article {}", article.file),
        file: Some(article.file.clone()),
        url: None,
        published: Some(Date::from_naive(article.dateline)),
        quote: Some(sentences::excerpt(sentence, &part)),
    }]);
    event.draft = Some(Box::new(Draft {
        expression: expression.text.clone(),
        confidence: confidence(expression.form, !event.actors.is_empty()),
    }));
    event
}

/// Whether the first word of `s` (any case) is one of `words`.
pub(crate) fn starts_with_any(s: &str, words: &[&str]) -> bool {
    let first = s
        .split_whitespace()
        .next()
        .unwrap_or_default()
        .to_lowercase();
    words.contains(&first.as_str())
}

/// How far a reading can be trusted, by the form of its expression: a written day more than a
/// resolved weekday, a window ahead least. Naming no one costs a tenth: such sentences are more
/// often background than events.
fn confidence(form: Form, has_actors: bool) -> Confidence {
    let base: f64 = match form {
        Form::Day => 0.9,
        Form::Weekday => 0.8,
        Form::Month | Form::Relative => 0.7,
        Form::Year | Form::Vague => 0.5,
        Form::Window => 0.4,
    };
    Confidence::clamped(if has_actors { base } else { base - 0.1 })
}

/// Words of the title that say most, joined by hyphens: "vikram-misri-meets-jeffrey-kessler".
fn slug(title: &str) -> String {
    const SKIP: &[&str] = &[
        "the",
        "a",
        "an",
        "of",
        "in",
        "on",
        "to",
        "and",
        "for",
        "with",
        "at",
        "by",
        "from",
        "foreign",
        "secretary",
        "minister",
        "prime",
        "under",
        "commerce",
        "president",
        "us",
        "deadline",
        "has",
        "been",
        "is",
        "are",
    ];
    let words: Vec<String> = title
        .split(|c: char| !c.is_alphanumeric())
        .map(str::to_lowercase)
        .filter(|w| !w.is_empty() && w != "s" && !SKIP.contains(&w.as_str()))
        .filter(|w| w.is_ascii())
        .take(5)
        .collect();
    if words.is_empty() {
        "event".to_string()
    } else {
        words.join("-")
    }
}

/// `base`, or `base-2`, `base-3`, … whichever is free; the result is reserved in `ids`.
fn unique_id(base: &str, ids: &mut HashSet<String>) -> String {
    let mut id = base.to_string();
    let mut n = 2;
    while ids.contains(&id) {
        id = format!("{base}-{n}");
        n += 1;
    }
    ids.insert(id.clone());
    id
}

/// The drafts as a timeline file in the native format, dated by the article.
pub fn dataset(article: &Article, events: Vec<Event>) -> Dataset {
    Dataset {
        title: format!("Drafts from {}", article.file),
        description: Some(format!(
            "Candidate events read by `bilateral ingest` from {} (dateline {}). Every event is a \
             draft: review with `bilateral review`.",
            article.file,
            Date::from_naive(article.dateline).label()
        )),
        as_of: Some(Date::from_naive(article.dateline)),
        eras: Vec::new(),
        events,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(s: &str) -> Date {
        Date::parse(s).unwrap()
    }

    #[test]
    fn the_dateline_token_may_share_its_line_with_text() {
        let a = Article::parse("a.txt", " date 2025-05-28 India and the US met.", None).unwrap();
        assert_eq!(a.dateline.to_string(), "2025-05-28");
        assert_eq!(a.text.trim(), "India and the US met.");
        let a =
            Article::parse("a.txt", "date 2025-05-28\nText.", Some(date("2025-05-28"))).unwrap();
        assert_eq!(a.text.trim(), "Text.");
    }

    #[test]
    fn the_dateline_comes_from_the_article_else_the_option_else_an_error() {
        let a = Article::parse("a.txt", "Dated text.", Some(date("2025-01-02"))).unwrap();
        assert_eq!(a.dateline.to_string(), "2025-01-02");
        assert_eq!(a.text, "Dated text.");
        let e = Article::parse("a.txt", "date palms grow.", None).unwrap_err();
        assert!(e.to_string().contains("no dateline"), "{e}");
        assert!(e.to_string().contains("--dateline"), "{e}");
        let e = Article::parse("a.txt", "date 2025-02-30 x", None).unwrap_err();
        assert!(matches!(e, IngestError::BadDateline { .. }), "{e}");
        let e = Article::parse("a.txt", "x", Some(date("2025-05"))).unwrap_err();
        assert!(matches!(e, IngestError::DatelineNotADay { .. }), "{e}");
        let e = Article::parse("a.txt", "date 2025-05-28 x", Some(date("2025-05-27"))).unwrap_err();
        assert!(matches!(e, IngestError::DatelineConflict { .. }), "{e}");
        // At the ends of the calendar: refused, not a panic in the date arithmetic.
        for edge in ["-262143-01-01", "262142-12-31", "0000-06-01", "10000-01-01"] {
            let e = Article::parse("a.txt", "x", Some(date(edge))).unwrap_err();
            assert!(matches!(e, IngestError::DatelineOutOfRange { .. }), "{e}");
        }
    }

    #[test]
    fn each_expression_becomes_a_cited_draft_with_a_unique_id() {
        let text = "date 2025-05-28 On Tuesday, Foreign Secretary Vikram Misri met Under Secretary \
                    Jeffrey Kessler. On Tuesday, Misri met Kessler again, and they met on May 27 \
                    too.";
        let article = Article::parse("seed.txt", text, None).unwrap();
        let mut known = Event::new(
            "draft-2025-05-27-vikram-misri-meets-jeffrey-kessler",
            "x",
            date("2025"),
        );
        known.actors = vec!["Vikram Misri".into()].into();
        let events = draft_events(&article, &[known]);
        let ids: Vec<&str> = events.iter().map(|e| e.id.as_ref()).collect();
        assert_eq!(
            ids,
            [
                "draft-2025-05-27-vikram-misri-meets-jeffrey-kessler-2",
                "draft-2025-05-27-misri-meets-kessler-again",
                "draft-2025-05-27-they-meet-too",
            ]
        );
        let first = &events[0];
        assert_eq!(*first.actors, ["Vikram Misri", "Jeffrey Kessler"]);
        assert_eq!(first.status, Some(Status::Happened));
        let source = &first.sources[0];
        assert_eq!(source.file.as_deref(), Some("seed.txt"));
        assert_eq!(source.published, Some(date("2025-05-28")));
        assert_eq!(
            source.quote.as_deref(),
            Some("On Tuesday, Foreign Secretary Vikram Misri met Under Secretary Jeffrey Kessler.")
        );
        let draft = first.draft.as_ref().unwrap();
        assert_eq!(draft.expression, "On Tuesday");
        assert_eq!(draft.confidence.to_string(), "0.80");
    }

    #[test]
    fn confidence_ranks_forms_and_drops_without_actors() {
        assert!(confidence(Form::Day, true) > confidence(Form::Weekday, true));
        assert!(confidence(Form::Weekday, true) > confidence(Form::Window, true));
        assert!(confidence(Form::Day, false) < confidence(Form::Day, true));
    }
}
