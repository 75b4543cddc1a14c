//! From Office of the Historian records to timeline events: titles, dates at the records'
//! precision, actors, places, kinds, groups, tags, and a source citing each record with its text.
//!
//! Ids come from the record ids (`hist-visit-2271`, `hist-trip-3701`, `hist-chief-in-1947-grad-01`,
//! `hist-rdcr-india-recognition`), so they stay the same from run to run. Known faults in the
//! records (see [`CORRECTIONS`]) stay verbatim in the quote and are corrected in the event's
//! details.

use std::collections::HashSet;
use std::fmt;

use regex::Regex;

use super::pocom::{Chief, Dated, Person};
use super::rdcr::{Article, Entry};
use super::travels::{Role, Trip};
use super::visits::Visit;
use crate::core::model::{Date, Era, Event, Extent, Precision, Source, Status, append};

const SITE: &str = "https://history.state.gov";

/// Faults in the records themselves, by event id: the note that corrects them.
pub const CORRECTIONS: &[(&str, &str)] = &[(
    "hist-trip-3701",
    "Correction: the record calls Narendra Modi “President”; he is India’s Prime Minister. The \
     quote keeps the record’s wording.",
)];

/// Offices that lead a visitor's name in the visits records, longest first where one begins
/// another, and the tag each gives.
const OFFICES: &[(&str, Option<&str>)] = &[
    ("Prime Minister", Some("head-of-government")),
    ("Premier", Some("head-of-government")),
    ("Chancellor", Some("head-of-government")),
    ("Acting President", Some("head-of-state")),
    ("President-elect", None),
    ("Vice President", Some("vice-president")),
    ("President", Some("head-of-state")),
    ("Crown Prince", None),
    ("King", Some("head-of-state")),
    ("Queen", Some("head-of-state")),
    ("Emperor", Some("head-of-state")),
    ("Grand Duke", Some("head-of-state")),
    ("Grand Duchess", Some("head-of-state")),
    ("Emir", Some("head-of-state")),
    ("Sultan", Some("head-of-state")),
    ("Shah", Some("head-of-state")),
    ("Governor General", Some("head-of-state")),
    ("Governor-General", Some("head-of-state")),
    ("Foreign Minister", Some("foreign-minister")),
];

/// Chief of mission titles by `role-title-id`: full title, short title, tag.
const ROLES: &[(&str, &str, &str, &str)] = &[
    (
        "ambassador-e-p",
        "Ambassador Extraordinary and Plenipotentiary",
        "Ambassador",
        "ambassador",
    ),
    ("ambassador", "Ambassador", "Ambassador", "ambassador"),
    (
        "charge-daffaires-ad-interim",
        "Chargé d’Affaires ad interim",
        "Chargé d’Affaires ad interim",
        "charge-d-affaires",
    ),
    (
        "charge-daffaires",
        "Chargé d’Affaires",
        "Chargé d’Affaires",
        "charge-d-affaires",
    ),
    (
        "envoy-e-m-p",
        "Envoy Extraordinary and Minister Plenipotentiary",
        "Minister",
        "minister",
    ),
    (
        "minister-resident",
        "Minister Resident",
        "Minister Resident",
        "minister",
    ),
];

/// How many events of each record type.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Counts {
    pub visits: usize,
    pub president_trips: usize,
    pub secretary_trips: usize,
    pub relations: usize,
    pub chiefs: usize,
}

impl Counts {
    pub fn total(&self) -> usize {
        self.visits + self.president_trips + self.secretary_trips + self.relations + self.chiefs
    }
}

impl fmt::Display for Counts {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{} visits to the U.S., {} presidential trips, {} secretary of state trips, {} \
             recognition and relations entries, {} chiefs of mission",
            self.visits, self.president_trips, self.secretary_trips, self.relations, self.chiefs
        )
    }
}

/// Builds the events of one country, refusing repeated records.
pub struct Mapper {
    country: String,
    name: String,
    pub events: Vec<Event>,
    /// Each chief of mission's tenure with a known end, so every event shows who headed the U.S.
    /// mission at the time.
    pub eras: Vec<Era>,
    pub warnings: Vec<String>,
    pub counts: Counts,
    seen: HashSet<String>,
}

impl Mapper {
    pub fn new(country: &str, name: &str) -> Mapper {
        Mapper {
            country: country.to_string(),
            name: name.to_string(),
            events: Vec::new(),
            eras: Vec::new(),
            warnings: Vec::new(),
            counts: Counts::default(),
            seen: HashSet::new(),
        }
    }

    /// Adds an event unless one with its id came first (the same record read twice).
    fn push(&mut self, file: &str, mut e: Event) -> bool {
        if !self.seen.insert(e.id.to_string()) {
            self.warnings.push(format!(
                "{file}: skipped record {}: already read from another file",
                e.id
            ));
            return false;
        }
        e.status = Some(Status::Happened);
        if !e.tags.iter().any(|t| *t == self.country) {
            append(&mut e.tags, self.country.as_str().into());
        }
        if let Some((_, note)) = CORRECTIONS.iter().find(|(id, _)| *id == &*e.id) {
            e.details = Some(match e.details.take() {
                Some(d) => format!("{note}\n{d}").into(),
                None => (*note).into(),
            });
        }
        self.events.push(e);
        true
    }

    /// A visit to the U.S. by one of the country's leaders.
    pub fn visit(&mut self, file: &str, v: &Visit) {
        let (office, person) = office_of(&v.visitor);
        let mut e = Event::new(
            format!("hist-visit-{}", slug(&v.id)),
            format!("{} visits the U.S.", v.visitor),
            v.start,
        );
        e.end = (v.end != v.start).then_some(v.end);
        e.kind = Some("visit".into());
        e.group = Some("Visits to the U.S.".into());
        e.summary = v.description.as_deref().map(Box::from);
        e.details = Some(
            "The Office of the Historian gives the dates of the visit in Washington; the visitor \
             may have been in the U.S. longer."
                .into(),
        );
        e.actors = Box::new([person.into()]);
        e.places = Box::new(["United States".into()]);
        e.tags = office.into_iter().map(Into::into).collect();
        append(&mut e.tags, "visit-to-us".into());
        e.sources = Box::new([source(
            "Visits by Foreign Leaders",
            &format!("record {}", v.id),
            &format!("{SITE}/departmenthistory/visits/{}", self.country),
            file,
            &v.quote,
        )]);
        if self.push(file, e) {
            self.counts.visits += 1;
        }
    }

    /// A trip to the country by a U.S. president or secretary of state.
    pub fn trip(&mut self, file: &str, t: &Trip) {
        let (office, group, section, path, tag) = match t.role {
            Role::President => (
                "President",
                "Presidential travel",
                "Travels of the President",
                "president",
                "president",
            ),
            Role::Secretary => (
                "Secretary of State",
                "Secretary travel",
                "Travels of the Secretary of State",
                "secretary",
                "secretary-of-state",
            ),
        };
        let mut e = Event::new(
            format!("hist-trip-{}", slug(&t.id)),
            format!("{office} {} visits {}", t.name, self.name),
            t.start,
        );
        e.end = (t.end != t.start).then_some(t.end);
        e.kind = Some("visit".into());
        e.group = Some(group.into());
        e.summary = t.remarks.as_deref().map(Box::from);
        e.actors = Box::new([t.name.as_str().into()]);
        e.places = t.locale.iter().map(Into::into).collect();
        append(&mut e.places, self.name.as_str().into());
        e.tags = Box::new([tag.into(), "us-travel".into()]);
        e.sources = Box::new([source(
            section,
            &format!("record {}", t.id),
            &format!("{SITE}/departmenthistory/travels/{path}/{}", self.country),
            file,
            &t.quote,
        )]);
        if self.push(file, e) {
            match t.role {
                Role::President => self.counts.president_trips += 1,
                Role::Secretary => self.counts.secretary_trips += 1,
            }
        }
    }

    /// A dated entry of the recognition and relations article.
    pub fn relations(&mut self, file: &str, article: &Article, entry: &Entry) {
        let Some(mut start) = entry.start else {
            self.warnings.push(format!(
                "{file}: skipped “{}”: its heading has no <date>",
                entry.head
            ));
            return;
        };
        let mut notes = Vec::new();
        let first = entry.paragraphs.first().map(String::as_str).unwrap_or("");
        if start.precision() == Precision::Year
            && entry.end.is_none()
            && let Some(day) = day_in(first, start.year())
        {
            notes.push(format!(
                "The record’s date field gives the year {}; the day is the first date of that \
                 year in its text.",
                start
            ));
            start = day;
        }
        let id = if entry.of > 1 {
            format!(
                "hist-rdcr-{}-{}-{}",
                self.country,
                slug(&entry.section),
                entry.index
            )
        } else {
            format!("hist-rdcr-{}-{}", self.country, slug(&entry.section))
        };
        let title = entry.head.trim_end_matches('.').trim().to_string();
        let mut e = Event::new(id, title, start);
        e.end = entry.end.filter(|end| *end > start);
        let (kind, tag) = match entry.section.as_str() {
            "recognition" => ("recognition", "recognition"),
            "diplomatic-relations" => ("relations", "diplomatic-relations"),
            "consular-presence" => ("relations", "consular-relations"),
            _ => ("relations", "relations"),
        };
        e.kind = Some(kind.into());
        e.group = Some("Recognition and relations".into());
        e.summary = entry.paragraphs.first().map(|p| p.as_str().into());
        let rest: Vec<String> = entry.paragraphs.iter().skip(1).cloned().collect();
        notes.extend(rest);
        e.details = (!notes.is_empty()).then(|| notes.join("\n").into());
        e.actors = entry.persons.iter().map(Into::into).collect();
        e.places = entry.places.iter().map(Into::into).collect();
        append(&mut e.places, self.name.as_str().into());
        e.tags = Box::new([tag.into()]);
        let article_title = article.title.clone().unwrap_or_else(|| {
            format!(
                "A Guide to the United States’ History of Recognition, Diplomatic, and Consular \
                 Relations, by Country, since 1776: {}",
                self.name
            )
        });
        let record = if entry.of > 1 {
            format!("section {} entry {}", entry.section, entry.index)
        } else {
            format!("section {}", entry.section)
        };
        e.sources = Box::new([source(
            &article_title,
            &record,
            &format!("{SITE}/countries/{}", self.country),
            file,
            &entry.quote,
        )]);
        if self.push(file, e) {
            self.counts.relations += 1;
        }
    }

    /// A chief of mission, as a span from the start of the mission to its end.
    pub fn chief(&mut self, file: &str, c: &Chief, person: Option<(&str, &Person)>) {
        let Some(first) = c
            .started
            .as_ref()
            .or(c.arrived.as_ref())
            .or(c.appointed.as_ref())
        else {
            self.warnings.push(format!(
                "{file}: skipped chief {}: the record has no date",
                c.id
            ));
            return;
        };
        let name = person.map_or_else(|| c.person_id.clone(), |(_, p)| p.name.clone());
        if person.is_none() {
            self.warnings.push(format!(
                "{file}: chief {}: no people/ record for `{}`; the id stands for the name",
                c.id, c.person_id
            ));
        }
        let role = c.role_title_id.as_deref().unwrap_or("chief-of-mission");
        let (full, short, role_tag) = ROLES
            .iter()
            .find(|r| r.0 == role)
            .map(|r| (r.1.to_string(), r.2.to_string(), Some(r.3)))
            .unwrap_or_else(|| {
                let t = sentence(role);
                (t.clone(), t, None)
            });
        let mut e = Event::new(
            format!("hist-chief-{}", slug(&c.id)),
            format!("{name}, U.S. {short} to {}", self.name),
            first.date,
        );
        let mut details = Vec::new();
        match &c.ended {
            Some(end) if end.date >= first.date => {
                e.end = (end.date != first.date).then_some(end.date)
            }
            Some(end) => self.warnings.push(format!(
                "{file}: chief {}: end {} is before start {}; the end is left out",
                c.id, end.date, first.date
            )),
            None => {
                // "Since" would claim the mission still runs; the record only fails to say.
                e.extent = Extent::EndUnknown;
                details.push("The record gives no end of the mission.".to_string());
            }
        }
        if c.started.is_none() {
            details.push(format!(
                "The record gives no start of the mission; dated from the {}.",
                if c.arrived.is_some() {
                    "arrival"
                } else {
                    "appointment"
                }
            ));
        }
        let step = |label: &str, d: &Option<Dated>| {
            d.as_ref().map(|d| match &d.note {
                Some(n) => format!("{label} {} (“{n}”).", d.date.label()),
                None => format!("{label} {}.", d.date.label()),
            })
        };
        let summary: Vec<String> = [
            step("Appointed", &c.appointed),
            step("Arrived", &c.arrived),
            step("Mission started", &c.started),
            step("Mission ended", &c.ended),
        ]
        .into_iter()
        .flatten()
        .collect();
        e.summary = Some(format!("{full}. {}", summary.join(" ")).into());
        details.extend(c.note.clone());
        e.details = (!details.is_empty()).then(|| details.join("\n").into());
        e.kind = Some("mission".into());
        e.group = Some("Chiefs of mission".into());
        e.actors = Box::new([name.into()]);
        e.places = Box::new([self.name.as_str().into()]);
        e.tags = Box::new(["chief-of-mission".into()]);
        if let Some(tag) = role_tag {
            append(&mut e.tags, tag.into());
        }
        e.sources = Box::new([source(
            "Chiefs of Mission by Country",
            &format!("record {}", c.id),
            &format!(
                "{SITE}/departmenthistory/people/chiefsofmission/{}",
                self.country
            ),
            file,
            &c.quote,
        )]);
        if let Some((pfile, p)) = person {
            e.add_source(source(
                "Principal Officers and Chiefs of Mission",
                &format!("person record {}", p.id),
                &format!("{SITE}/departmenthistory/people/{}", p.id),
                pfile,
                &p.quote,
            ));
        }
        let tenure = e.end.map(|end| Era {
            title: format!("{}, U.S. {short}", e.actors[0]),
            start: e.start,
            end,
        });
        if self.push(file, e) {
            self.counts.chiefs += 1;
            self.eras.extend(tenure);
        }
    }
}

/// The citation of one record.
fn source(section: &str, record: &str, url: &str, file: &str, quote: &str) -> Source {
    Source {
        title: format!("Office of the Historian — {section}, {record}"),
        file: Some(file.to_string()),
        url: Some(url.to_string()),
        published: None,
        quote: Some(quote.to_string()),
    }
}

/// The office a visitor is named by, as a tag, and the name without it:
/// "Prime Minister Narendra Modi" → (head-of-government, "Narendra Modi").
pub fn office_of(visitor: &str) -> (Option<&'static str>, &str) {
    for (office, tag) in OFFICES {
        if let Some(rest) = visitor.strip_prefix(office)
            && let Some(name) = rest.strip_prefix(' ')
            && name.starts_with(|c: char| c.is_uppercase())
        {
            return (*tag, name);
        }
    }
    (None, visitor)
}

/// A record id as an id slug: letters, digits and `-` `_` `.` `:`; anything else becomes `-`.
pub fn slug(id: &str) -> String {
    id.chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || "-_.:".contains(c) {
                c
            } else {
                '-'
            }
        })
        .collect()
}

/// "charge-daffaires" → "Charge daffaires": an unknown id made readable.
fn sentence(id: &str) -> String {
    let words = id.replace('-', " ");
    let mut chars = words.chars();
    match chars.next() {
        Some(c) => c.to_uppercase().chain(chars).collect(),
        None => words,
    }
}

/// The first full date ("November 1, 1946") of `year` in `text`.
fn day_in(text: &str, year: i64) -> Option<Date> {
    use crate::core::model::date::MONTHS_LONG as MONTHS;
    let re = Regex::new(&format!(
        r"\b({}) (\d{{1,2}}), (\d{{4}})\b",
        MONTHS.join("|")
    ))
    .ok()?;
    re.captures_iter(text).find_map(|c| {
        let y: i64 = c[3].parse().ok()?;
        let m = MONTHS.iter().position(|m| *m == &c[1])? + 1;
        let d: u32 = c[2].parse().ok()?;
        (y == year)
            .then(|| Date::parse(&format!("{y:04}-{m:02}-{d:02}")).ok())
            .flatten()
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn offices_become_tags_and_names_stay() {
        assert_eq!(
            office_of("Prime Minister Narendra Modi"),
            (Some("head-of-government"), "Narendra Modi")
        );
        assert_eq!(
            office_of("President Radhakrishnan"),
            (Some("head-of-state"), "Radhakrishnan")
        );
        assert_eq!(office_of("Vice President X"), (Some("vice-president"), "X"));
        assert_eq!(office_of("Mr. Someone"), (None, "Mr. Someone"));
    }

    #[test]
    fn a_day_is_taken_only_from_the_structured_year() {
        let text = "Following the act of July 18, 1947, relations began on August 15, 1947.";
        assert_eq!(
            day_in(text, 1947).map(|d| d.to_string()).as_deref(),
            Some("1947-07-18")
        );
        assert_eq!(day_in(text, 1946), None);
        assert_eq!(day_in("On February 30, 1947.", 1947), None);
    }

    #[test]
    fn slugs_are_valid_ids() {
        assert_eq!(slug("in-1947-grad-01"), "in-1947-grad-01");
        assert_eq!(slug("a b/c"), "a-b-c");
    }
}
