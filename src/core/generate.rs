//! A seeded generator of realistic synthetic timelines, for benchmarks and for anyone who wants to
//! reproduce a performance figure (`bilateral generate --events N --seed S`).
//!
//! Events look like the real thing: varied titles from a diplomatic vocabulary, people, places,
//! dates across decades at mixed precision, ranges, approximate and expected events, summaries of
//! realistic length and a cited source. The same seed always gives the same file.

use std::io::{self, Write};

use crate::core::model::{Date, Event, Source, Status};

const PEOPLE: &[&str] = &[
    "Narendra Modi",
    "Donald Trump",
    "Vikram Misri",
    "Jeffrey Kessler",
    "Piyush Goyal",
    "S. Jaishankar",
    "Marco Rubio",
    "Nirmala Sitharaman",
    "Scott Bessent",
    "Rajnath Singh",
    "Pete Hegseth",
    "Ajit Doval",
    "Jawaharlal Nehru",
    "Dwight Eisenhower",
    "Indira Gandhi",
    "Richard Nixon",
    "Rajiv Gandhi",
    "Ronald Reagan",
    "Atal Bihari Vajpayee",
    "Bill Clinton",
    "Manmohan Singh",
    "George W. Bush",
    "Barack Obama",
    "Joe Biden",
    "Sushma Swaraj",
    "Condoleezza Rice",
    "Hillary Clinton",
    "John Kerry",
    "Antony Blinken",
    "Lloyd Austin",
    "Gina Raimondo",
    "Katherine Tai",
    "Eric Garcetti",
    "Taranjit Sandhu",
];
const PLACES: &[&str] = &[
    "Washington, D.C.",
    "New Delhi",
    "New York",
    "Mumbai",
    "Geneva",
    "Tokyo",
    "Osaka",
    "Bengaluru",
    "Chennai",
    "San Francisco",
    "Houston",
    "Kolkata",
    "Hyderabad",
    "Brussels",
    "Singapore",
    "Sydney",
    "Paris",
    "London",
    "Bali",
    "Rome",
];
const TOPICS: &[&str] = &[
    "trade",
    "tariffs",
    "defence",
    "technology",
    "semiconductors",
    "energy",
    "nuclear",
    "climate",
    "visas",
    "education",
    "space",
    "health",
    "agriculture",
    "critical minerals",
    "maritime security",
    "counter-terrorism",
    "investment",
    "pharmaceuticals",
    "digital trade",
    "supply chains",
];
const KINDS: &[&str] = &[
    "visit",
    "meeting",
    "agreement",
    "tariff",
    "report",
    "statement",
    "deadline",
    "dialogue",
    "summit",
    "call",
    "exercise",
    "sanction",
];
const VERBS: &[&str] = &[
    "meets",
    "holds talks with",
    "calls",
    "hosts",
    "signs an accord with",
    "receives",
    "briefs",
    "welcomes",
    "writes to",
    "joins",
];
const PHRASES: &[&str] = &[
    "The two sides reviewed progress on",
    "Officials said the talks focused on",
    "Both governments agreed to deepen cooperation in",
    "The statement called for early action on",
    "Negotiators set a timetable for",
    "The meeting prepared the ground for agreements on",
    "Analysts read the move as a signal on",
    "A joint working group will report on",
];

/// The generator's parameters.
#[derive(Debug, Clone, Copy)]
pub struct Spec {
    pub events: usize,
    pub seed: u64,
}

/// Writes a native-format timeline of `spec.events` synthetic events to `out`, one event at a time
/// (a million events never sit in memory at once).
pub fn write(spec: Spec, out: &mut impl Write) -> io::Result<()> {
    let mut rng = fastrand::Rng::with_seed(spec.seed);
    writeln!(
        out,
        "{{\n  \"title\": \"Synthetic India–US timeline ({} events, seed {})\",\n  \"as_of\": \"2025-05-28\",\n  \"events\": [",
        spec.events, spec.seed
    )?;
    for i in 0..spec.events {
        let e = event(&mut rng, i);
        out.write_all(if i == 0 { b"    " } else { b",\n    " })?;
        serde_json::to_writer(&mut *out, &e).map_err(io::Error::other)?;
    }
    writeln!(out, "\n  ]\n}}")
}

/// Generates the events themselves, for benchmarks that skip the file.
pub fn events(spec: Spec) -> Vec<Event> {
    let mut rng = fastrand::Rng::with_seed(spec.seed);
    (0..spec.events).map(|i| event(&mut rng, i)).collect()
}

fn pick<'a>(rng: &mut fastrand::Rng, list: &[&'a str]) -> &'a str {
    list[rng.usize(..list.len())]
}

fn event(rng: &mut fastrand::Rng, i: usize) -> Event {
    let a = pick(rng, PEOPLE);
    let mut b = pick(rng, PEOPLE);
    if a == b {
        b = PEOPLE[(PEOPLE.iter().position(|p| *p == a).unwrap_or(0) + 1) % PEOPLE.len()];
    }
    let place = pick(rng, PLACES);
    let topic = pick(rng, TOPICS);
    let kind = pick(rng, KINDS);
    let year = rng.i64(1947..=2025);
    let month = rng.u32(1..=12);
    let day = rng.u32(1..=28);
    let start = match rng.u8(0..10) {
        0 => Date::year_only(year),
        1 | 2 => Date::month_of(year, month).unwrap_or(Date::year_only(year)),
        _ => chrono::NaiveDate::from_ymd_opt(year as i32, month, day)
            .map_or(Date::year_only(year), Date::from_naive),
    };
    let end = (rng.u8(0..6) == 0 && start.day().is_some())
        .then(|| chrono::NaiveDate::from_ymd_opt(year as i32, month, day + rng.u32(1..=3)))
        .flatten()
        .map(Date::from_naive);
    let title = format!("{a} {} {b} in {place} on {topic}", pick(rng, VERBS));
    let summary = format!(
        "{} {topic} and {}. {} {}.",
        pick(rng, PHRASES),
        pick(rng, TOPICS),
        pick(rng, PHRASES),
        pick(rng, TOPICS)
    );
    let mut e = Event::new(format!("ev-{i:07}"), title, start);
    e.end = end;
    e.circa = rng.u8(0..12) == 0;
    e.status = Some(match rng.u8(0..20) {
        0 => Status::Scheduled,
        1 => Status::Expected,
        _ => Status::Happened,
    });
    e.kind = Some(kind.into());
    e.summary = Some(summary.into());
    e.actors = [a.into(), b.into()].into();
    e.places = [place.into()].into();
    let mut tags = vec![topic.into(), pick(rng, TOPICS).into()];
    tags.dedup();
    e.tags = tags.into();
    e.sources = Box::new([Source {
        title: format!("Press release {}", rng.u32(1000..99999)),
        file: None,
        url: Some(format!("https://example.org/releases/{i}")),
        published: Some(start),
        quote: Some(format!("{a} and {b} discussed {topic}.")),
    }]);
    e
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn same_seed_same_file() {
        let spec = Spec {
            events: 200,
            seed: 7,
        };
        let mut a = Vec::new();
        let mut b = Vec::new();
        write(spec, &mut a).unwrap();
        write(spec, &mut b).unwrap();
        assert_eq!(a, b);
        assert_eq!(events(spec).len(), 200);
        let mut c = Vec::new();
        write(
            Spec {
                events: 200,
                seed: 8,
            },
            &mut c,
        )
        .unwrap();
        assert_ne!(a, c);
    }
}
