//! Importing the U.S. Office of the Historian's open data (history.state.gov) for one country:
//! visits to the U.S. by its leaders, trips there by U.S. presidents and secretaries of state, its
//! recognition and relations article, and the U.S. chiefs of mission to it.
//!
//! This module is pure: [`import`] takes `(label, bytes)` pairs and never touches the filesystem;
//! `store::historian` is the one part that reads files and folders. Each file's record type is recognised by
//! its root element ([`xml::RecordType`]), never by its path; files of no known type are skipped
//! with a warning. The readers (`visits`, `travels`, `rdcr`, `pocom`) turn records into plain data
//! and `map` turns that into events, each citing its record with the record's own text as quote.
//!
//! Malformed XML is an error at its `file:line:column`; so is a broken record (a missing field, an
//! impossible date) of the country being imported. Records of other countries are only looked at
//! for the ids they name, which is how an unknown country id gets its suggestions.

pub mod map;
pub mod pocom;
pub mod rdcr;
pub mod travels;
pub mod visits;
pub mod xml;

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::path::Path;

use crate::core::model::{Dataset, Event};
pub use map::Counts;
use xml::{Problem, RecordType};

/// One file's contents and the name it is cited by (`seeds/history.state.gov/visits/data/1950.xml`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Input {
    pub label: String,
    pub bytes: Vec<u8>,
}

/// What an import produced.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Imported {
    pub dataset: Dataset,
    /// Files skipped, records left out, and why.
    pub warnings: Vec<String>,
    pub counts: Counts,
}

/// Why an import failed.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum HistorianError {
    #[error("{file}:{line}:{column}: malformed XML: {message}")]
    Malformed {
        file: String,
        line: usize,
        column: usize,
        message: String,
    },
    #[error("{file}:{line}:{column}: file is not valid UTF-8")]
    NotUtf8 {
        file: String,
        line: usize,
        column: usize,
    },
    #[error("{file}:{line}:{column}: {field}: {message}")]
    BadRecord {
        file: String,
        line: usize,
        column: usize,
        field: String,
        message: String,
    },
    #[error(
        "`{0}` is not a country id: ids are lower-case words joined by hyphens, like `india` or `united-kingdom`"
    )]
    BadCountryId(String),
    #[error("unknown country id `{id}`{}", suggest(suggestions, *known))]
    UnknownCountry {
        id: String,
        suggestions: Vec<String>,
        known: usize,
    },
    #[error(
        "no Office of the Historian records for `{id}` in the files read: no visits, travels, \
         recognition entries or chiefs of mission; nothing was written"
    )]
    NoRecords { id: String },
    #[error(
        "none of the {files} XML file(s) read is an Office of the Historian record file (visits, \
         travels, rdcr articles or pocom missions)"
    )]
    NoRecordFiles { files: usize },
    #[error("cannot write the timeline: {0}")]
    Render(String),
    #[error("cannot read {path}: {reason}")]
    Io { path: String, reason: String },
    #[error("{path}: no *.xml files in this folder or below it")]
    NoXml { path: String },
    #[error("{path} is {mib} MiB; the limit is {limit} MiB")]
    TooLarge { path: String, mib: u64, limit: u64 },
}

fn suggest(suggestions: &[String], known: usize) -> String {
    match suggestions {
        [] => format!("; the files read name {known} country ids, none close to it"),
        [one] => format!("; did you mean `{one}`?"),
        many => format!(
            "; did you mean one of {}?",
            many.iter()
                .map(|s| format!("`{s}`"))
                .collect::<Vec<_>>()
                .join(", ")
        ),
    }
}

/// The title of a country's imported dataset.
pub fn title(name: &str) -> String {
    format!("{name}–US relations: Office of the Historian records")
}

/// Imports every record about `country` (an id like `india`) from the files given.
pub fn import(country: &str, inputs: &[Input]) -> Result<Imported, HistorianError> {
    let country = country.trim().to_lowercase();
    if country.is_empty()
        || !country
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
    {
        return Err(HistorianError::BadCountryId(country));
    }
    let mut warnings = Vec::new();
    let mut docs = Vec::new();
    for input in inputs {
        let text = xml::text_of(&input.label, &input.bytes)?;
        let doc = xml::parse(&input.label, text)?;
        match RecordType::of(&doc) {
            Some(t) => docs.push((input.label.as_str(), t, doc)),
            None => {
                let root = doc.root_element();
                let what = if root.has_tag_name("TEI") {
                    "a TEI document without dated <div type=\"timeline\"> entries (an essay, not a \
                     recognition and relations article)"
                        .to_string()
                } else {
                    format!(
                        "<{}> is not a record type this importer reads",
                        root.tag_name().name()
                    )
                };
                warnings.push(format!("{}: skipped: {what}", input.label));
            }
        }
    }
    if docs.is_empty() {
        return Err(HistorianError::NoRecordFiles {
            files: inputs.len(),
        });
    }

    // Which countries the files name, and what they call them.
    let mut known = BTreeSet::new();
    let mut names: BTreeMap<u8, String> = BTreeMap::new();
    let mut people = HashMap::new();
    for (label, kind, doc) in &docs {
        let root = doc.root_element();
        let mut name_them = |pairs: Vec<(String, String)>, rank: u8| {
            for (id, name) in pairs {
                if id == country && !name.is_empty() {
                    names.entry(rank).or_insert(name);
                }
                known.insert(id);
            }
        };
        match kind {
            RecordType::Visits => name_them(visits::countries(root), 1),
            RecordType::Trips => name_them(travels::countries(root), 2),
            RecordType::Mission => known.extend(pocom::territories(root)),
            RecordType::Relations => {
                let id = article_country(label);
                if id == country
                    && let Ok(a) = rdcr::read(root)
                    && let Some(name) = a.name
                {
                    names.entry(0).or_insert(name);
                }
                known.insert(id);
            }
            RecordType::Person => {
                if let Some(p) = pocom::person(root) {
                    people.entry(p.id.clone()).or_insert((*label, p));
                }
            }
        }
    }
    if !known.contains(&country) {
        return Err(HistorianError::UnknownCountry {
            suggestions: close_ids(&country, &known),
            known: known.len(),
            id: country,
        });
    }
    let name = names
        .into_values()
        .next()
        .unwrap_or_else(|| name_from_id(&country));

    let mut mapper = map::Mapper::new(&country, &name);
    for (label, kind, doc) in &docs {
        let root = doc.root_element();
        let fail = |p: Problem| {
            let pos = doc.text_pos_at(p.at);
            HistorianError::BadRecord {
                file: label.to_string(),
                line: pos.row as usize,
                column: pos.col as usize,
                field: p.field,
                message: p.message,
            }
        };
        match kind {
            RecordType::Visits => {
                for v in visits::of_country(root, &country).map_err(fail)? {
                    mapper.visit(label, &v);
                }
            }
            RecordType::Trips => {
                for t in travels::of_country(root, &country).map_err(fail)? {
                    mapper.trip(label, &t);
                }
            }
            RecordType::Relations if article_country(label) == country => {
                let article = rdcr::read(root).map_err(fail)?;
                for entry in &article.entries {
                    mapper.relations(label, &article, entry);
                }
            }
            RecordType::Mission if pocom::territory(root).as_deref() == Some(&country) => {
                for chief in pocom::chiefs(root).map_err(fail)? {
                    let person = people
                        .get(&chief.person_id)
                        .map(|(file, p): &(&str, pocom::Person)| (*file, p));
                    mapper.chief(label, &chief, person);
                }
            }
            _ => {}
        }
    }
    warnings.extend(mapper.warnings);
    let counts = mapper.counts;
    let mut eras = mapper.eras;
    eras.sort_by_key(|era| (era.start, era.end));
    let mut events: Vec<Event> = mapper.events;
    if events.is_empty() {
        return Err(HistorianError::NoRecords { id: country });
    }
    events.sort_by(Event::timeline_cmp);
    let description = format!(
        "Records of the U.S. Department of State’s Office of the Historian (history.state.gov open \
         data) about {name}: {counts}. Dates are as precise as the records give them, and every \
         event quotes its record. The eras are the tenures of the U.S. chiefs of mission."
    );
    Ok(Imported {
        dataset: Dataset {
            title: title(&name),
            description: Some(description),
            as_of: None,
            eras,
            events,
        },
        warnings,
        counts,
    })
}

/// The dataset as native JSON, exactly as `bilateral import` writes it; checked to load back.
pub fn render(dataset: &Dataset) -> Result<String, HistorianError> {
    let rendered = crate::formats::export::render(
        crate::formats::export::ExportFormat::Json,
        &crate::core::selection::Selection::of_dataset(dataset),
        chrono::Utc::now(),
    )
    .map_err(|e| HistorianError::Render(e.to_string()))?;
    // What we write must load: a failure here is a bug in the mapping, caught before anyone sees it.
    crate::formats::native::parse_str("imported records", &rendered.text).map_err(|e| {
        HistorianError::Render(format!("the events do not load back, which is a bug:\n{e}"))
    })?;
    Ok(rendered.text)
}

/// The country of a recognition and relations article: the repository names each article by its
/// country id (`rdcr/articles/india.xml`), and the TEI inside has no id of its own.
fn article_country(label: &str) -> String {
    Path::new(label)
        .file_stem()
        .map(|s| s.to_string_lossy().to_lowercase())
        .unwrap_or_default()
}

/// Up to five known ids close to `id`, closest first.
fn close_ids(id: &str, known: &BTreeSet<String>) -> Vec<String> {
    let mut scored: Vec<(f64, &String)> = known
        .iter()
        .map(|k| {
            let mut score = strsim::jaro_winkler(id, k);
            if k.starts_with(id) || k.contains(id) {
                score = score.max(0.9);
            }
            (score, k)
        })
        .filter(|(s, _)| *s >= 0.8)
        .collect();
    scored.sort_by(|a, b| b.0.total_cmp(&a.0).then_with(|| a.1.cmp(b.1)));
    scored.into_iter().take(5).map(|(_, k)| k.clone()).collect()
}

/// "united-kingdom" → "United Kingdom", for a country no record names.
fn name_from_id(id: &str) -> String {
    id.split('-')
        .map(|w| {
            let mut c = w.chars();
            c.next()
                .map(|f| f.to_uppercase().chain(c).collect())
                .unwrap_or_default()
        })
        .collect::<Vec<String>>()
        .join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn input(label: &str, text: &str) -> Input {
        Input {
            label: label.into(),
            bytes: text.as_bytes().to_vec(),
        }
    }

    const VISITS: &str = r#"<visits><visit><id>5</id><start-date>1961-11</start-date>
        <end-date>1961-11</end-date><visitor>Prime Minister Nehru</visitor>
        <from id="india">India</from><description>Talks.</description></visit>
        <visit><id>6</id><start-date>1962-01-02</start-date><end-date>1962-01-02</end-date>
        <visitor>King Olav</visitor><from id="norway">Norway</from><description/></visit></visits>"#;

    #[test]
    fn unknown_ids_get_suggestions() {
        let err = import("indai", &[input("v.xml", VISITS)]).unwrap_err();
        assert_eq!(
            err.to_string(),
            "unknown country id `indai`; did you mean `india`?"
        );
        let err = import("zzz", &[input("v.xml", VISITS)]).unwrap_err();
        assert!(err.to_string().contains("name 2 country ids"), "{err}");
        assert!(matches!(
            import("Ind ia", &[]).unwrap_err(),
            HistorianError::BadCountryId(_)
        ));
    }

    #[test]
    fn a_month_stays_a_month_and_ids_come_from_records() {
        let got = import("India", &[input("v.xml", VISITS)]).unwrap();
        let e = &got.dataset.events[0];
        assert_eq!(&*e.id, "hist-visit-5");
        assert_eq!(e.dated_label(), "Nov 1961");
        assert_eq!(e.end, None);
        assert_eq!(*e.actors, ["Nehru"]);
        assert_eq!(
            got.dataset.title,
            "India–US relations: Office of the Historian records"
        );
        assert_eq!(got.counts.visits, 1);
    }

    #[test]
    fn known_but_empty_is_no_records() {
        let mission = "<country-mission><territory-id>xland</territory-id><chiefs/>\
                       </country-mission>";
        let err = import("xland", &[input("m.xml", mission)]).unwrap_err();
        assert_eq!(err, HistorianError::NoRecords { id: "xland".into() });
    }

    #[test]
    fn files_of_other_types_are_skipped_with_a_warning() {
        let got = import(
            "norway",
            &[input("v.xml", VISITS), input("x.xml", "<html/>")],
        )
        .unwrap();
        assert_eq!(got.warnings.len(), 1, "{:?}", got.warnings);
        assert!(got.warnings[0].starts_with("x.xml: skipped"));
        let err = import("norway", &[input("x.xml", "<html/>")]).unwrap_err();
        assert_eq!(err, HistorianError::NoRecordFiles { files: 1 });
    }
}
