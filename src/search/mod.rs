//! Finding events: query parsing (`query`), matching and ranking.
//!
//! Shared by the TUI's search line and `bilateral search`, so both give the same answers. Fuzzy
//! matching runs on short fields only (title, people, places, tags, kind, date label, id): fuzzy
//! matching across paragraphs of prose finds the letters of almost any word somewhere, which is
//! noise. Prose (summary, details) matches by substring.

pub mod query;

use fuzzy_matcher::FuzzyMatcher;
use fuzzy_matcher::skim::SkimMatcherV2;

use crate::model::Event;
pub use query::{Field, Matcher, Query, Term};

/// Separates fields inside an indexed text; never appears in sanitised text.
const SEP: char = '\u{1f}';

/// What part of an event a piece of indexed text comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Part {
    Title,
    Label,
    Kind,
    Status,
    Id,
    Actor,
    Place,
    Tag,
}

impl Part {
    /// How much a match in this part counts: a hit in the title outranks one in a tag.
    fn weight(self) -> i64 {
        match self {
            Part::Title => 3,
            Part::Actor | Part::Place | Part::Tag => 2,
            Part::Label | Part::Kind | Part::Status | Part::Id => 1,
        }
    }

    fn field(self) -> Option<Field> {
        match self {
            Part::Kind => Some(Field::Kind),
            Part::Status => Some(Field::Status),
            Part::Id => Some(Field::Id),
            Part::Actor => Some(Field::Actor),
            Part::Place => Some(Field::Place),
            Part::Tag => Some(Field::Tag),
            Part::Title | Part::Label => None,
        }
    }
}

/// An event's searchable text, prepared once.
#[derive(Debug, Clone)]
struct Doc {
    /// Short fields, lower-cased, separated by [`SEP`], in the order of `parts`.
    short: Box<str>,
    parts: Box<[Part]>,
    /// Summary and details, lower-cased.
    prose: Box<str>,
    /// The event's span on the time axis, for `from:` and `until:`.
    first: f64,
    last: f64,
}

fn short_fields(event: &Event) -> Vec<(Part, String)> {
    let mut out = vec![
        (Part::Title, event.title.clone()),
        (Part::Label, event.date_label()),
    ];
    if let Some(k) = &event.kind {
        out.push((Part::Kind, k.clone()));
    }
    if let Some(s) = event.status {
        out.push((Part::Status, s.as_str().to_string()));
    }
    out.push((Part::Id, event.id.clone()));
    out.extend(event.actors.iter().map(|a| (Part::Actor, a.clone())));
    out.extend(event.places.iter().map(|p| (Part::Place, p.clone())));
    out.extend(event.tags.iter().map(|t| (Part::Tag, t.clone())));
    out
}

fn prose_of(event: &Event) -> String {
    let mut prose = event.summary.clone().unwrap_or_default();
    if let Some(d) = &event.details {
        prose.push(SEP);
        prose.push_str(d);
    }
    prose
}

impl Doc {
    fn new(event: &Event) -> Doc {
        let fields = short_fields(event);
        let parts = fields.iter().map(|(p, _)| *p).collect();
        let mut short = String::new();
        for (i, (_, text)) in fields.iter().enumerate() {
            if i > 0 {
                short.push(SEP);
            }
            short.push_str(&text.to_lowercase());
        }
        Doc {
            short: short.into(),
            parts,
            prose: prose_of(event).to_lowercase().into(),
            first: event.start.axis_days(),
            last: event.last().axis_days_end(),
        }
    }
}

/// Searchable text for a list of events, in the same order.
#[derive(Debug, Clone, Default)]
pub struct SearchIndex {
    docs: Vec<Doc>,
}

/// One matching event: its position in the event list and how well it matched.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Hit {
    pub index: u32,
    pub score: i64,
}

/// Text to match a term against: the prepared lower-case text, or the original for smart case.
struct Texts<'a> {
    short: std::borrow::Cow<'a, str>,
    prose: std::borrow::Cow<'a, str>,
}

impl SearchIndex {
    pub fn new(events: &[Event]) -> SearchIndex {
        SearchIndex {
            docs: events.iter().map(Doc::new).collect(),
        }
    }

    pub fn len(&self) -> usize {
        self.docs.len()
    }

    pub fn is_empty(&self) -> bool {
        self.docs.is_empty()
    }

    /// Every matching event, best first; ties (and queries that do not rank) in timeline order.
    /// `events` must be the list the index was built from.
    pub fn search(&self, events: &[Event], query: &Query) -> Vec<Hit> {
        let mut hits = self.matches(events, query);
        if query.ranks() {
            hits.sort_unstable_by(rank);
        }
        hits
    }

    /// The best `limit` matches, best first, without sorting every match.
    pub fn top(&self, events: &[Event], query: &Query, limit: usize) -> Vec<Hit> {
        let mut hits = self.matches(events, query);
        if limit == 0 {
            return Vec::new();
        }
        if query.ranks() {
            if hits.len() > limit {
                hits.select_nth_unstable_by(limit - 1, rank);
                hits.truncate(limit);
            }
            hits.sort_unstable_by(rank);
        } else {
            hits.truncate(limit);
        }
        hits
    }

    fn matches(&self, events: &[Event], query: &Query) -> Vec<Hit> {
        let matcher = SkimMatcherV2::default().respect_case();
        let mut hits = Vec::new();
        for (i, (doc, event)) in self.docs.iter().zip(events).enumerate() {
            if let Some(score) = score_doc(&matcher, doc, event, query) {
                hits.push(Hit {
                    index: i as u32,
                    score,
                });
            }
        }
        hits
    }
}

fn rank(a: &Hit, b: &Hit) -> std::cmp::Ordering {
    b.score.cmp(&a.score).then(a.index.cmp(&b.index))
}

fn score_doc(matcher: &SkimMatcherV2, doc: &Doc, event: &Event, query: &Query) -> Option<i64> {
    let mut total = 0;
    for group in &query.groups {
        let mut best: Option<i64> = None;
        for term in group {
            let texts = if term.case_sensitive {
                Texts {
                    short: short_fields(event)
                        .into_iter()
                        .map(|(_, t)| t)
                        .collect::<Vec<_>>()
                        .join(&SEP.to_string())
                        .into(),
                    prose: prose_of(event).into(),
                }
            } else {
                Texts {
                    short: (&*doc.short).into(),
                    prose: (&*doc.prose).into(),
                }
            };
            let found = term_score(matcher, doc, &texts, term);
            let found = match (found, term.negated) {
                (Some(_), true) => None,
                (None, true) => Some(0),
                (f, false) => f,
            };
            if let Some(s) = found {
                best = Some(best.map_or(s, |b| b.max(s)));
            }
        }
        total += best?;
    }
    Some(total)
}

/// How well one term matches one event, ignoring negation; `None` for no match.
fn term_score(matcher: &SkimMatcherV2, doc: &Doc, texts: &Texts, term: &Term) -> Option<i64> {
    let fields = || texts.short.split(SEP).zip(doc.parts.iter().copied());
    // A literal match scores like a perfect run of adjacent characters.
    let literal = |t: &str| 16 * t.chars().count() as i64;
    match &term.matcher {
        Matcher::Fuzzy(t) => {
            let short = fields()
                .filter_map(|(text, part)| Some(matcher.fuzzy_match(text, t)? * part.weight()))
                .max();
            let prose = texts.prose.contains(t.as_str()).then(|| literal(t));
            short.max(prose)
        }
        Matcher::Exact(t) => {
            let short = fields()
                .filter(|(text, _)| text.contains(t.as_str()))
                .map(|(_, part)| literal(t) * part.weight())
                .max();
            short.or_else(|| texts.prose.contains(t.as_str()).then(|| literal(t)))
        }
        Matcher::Prefix(t) => best_field(fields(), |f| f.starts_with(t.as_str()), literal(t)),
        Matcher::Suffix(t) => best_field(fields(), |f| f.ends_with(t.as_str()), literal(t)),
        Matcher::Whole(t) => best_field(fields(), |f| f == t, literal(t) * 2),
        Matcher::Field(field, v) => fields()
            .any(|(text, part)| part.field() == Some(*field) && text.contains(v.as_str()))
            .then_some(0),
        Matcher::From(d) => (doc.last > d.axis_days()).then_some(0),
        Matcher::Until(d) => (doc.first < d.axis_days_end()).then_some(0),
    }
}

fn best_field<'a>(
    fields: impl Iterator<Item = (&'a str, Part)>,
    test: impl Fn(&str) -> bool,
    score: i64,
) -> Option<i64> {
    fields
        .filter(|(text, _)| test(text))
        .map(|(_, part)| score * part.weight())
        .max()
}

/// Character positions in `text` that the query's terms match, for highlighting. Positions are
/// `char` indices (not bytes, not graphemes), as fuzzy-matcher reports them.
pub fn highlight(query: &Query, text: &str) -> Vec<usize> {
    let mut positions = Vec::new();
    let fuzzy = SkimMatcherV2::default().ignore_case();
    let lowered: Vec<char> = text.chars().map(lower).collect();
    for term in query.highlight_terms() {
        let Some(pattern) = term.text() else { continue };
        match &term.matcher {
            Matcher::Fuzzy(_) => {
                let matched = if term.case_sensitive {
                    SkimMatcherV2::default()
                        .respect_case()
                        .fuzzy_indices(text, pattern)
                } else {
                    fuzzy.fuzzy_indices(text, pattern)
                };
                match matched {
                    Some((_, idx)) => positions.extend(idx),
                    None => {
                        positions.extend(find_chars(&lowered, pattern, term.case_sensitive, text))
                    }
                }
            }
            _ => positions.extend(find_chars(&lowered, pattern, term.case_sensitive, text)),
        }
    }
    positions.sort_unstable();
    positions.dedup();
    positions
}

fn lower(c: char) -> char {
    c.to_lowercase().next().unwrap_or(c)
}

/// Char positions of the first occurrence of `pattern` in `text`.
fn find_chars(lowered: &[char], pattern: &str, case_sensitive: bool, text: &str) -> Vec<usize> {
    let pat: Vec<char> = if case_sensitive {
        pattern.chars().collect()
    } else {
        pattern.chars().map(lower).collect()
    };
    let hay: Vec<char> = if case_sensitive {
        text.chars().collect()
    } else {
        lowered.to_vec()
    };
    if pat.is_empty() || pat.len() > hay.len() {
        return Vec::new();
    }
    (0..=hay.len() - pat.len())
        .find(|&i| hay[i..i + pat.len()] == pat[..])
        .map(|i| (i..i + pat.len()).collect())
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Date;

    fn event(id: &str, title: &str, start: &str) -> Event {
        Event::new(id, title, Date::parse(start).unwrap())
    }

    fn sample() -> Vec<Event> {
        let mut goyal = event(
            "goyal",
            "Commerce Minister Piyush Goyal holds trade talks",
            "2025-05-19",
        );
        goyal.actors = vec!["Piyush Goyal".into()];
        goyal.tags = vec!["trade".into()];
        goyal.kind = Some("visit".into());
        let mut misri = event("misri", "Misri meets Kessler in Washington", "2025-05-27");
        misri.actors = vec!["Vikram Misri".into(), "Jeffrey Kessler".into()];
        misri.tags = vec!["technology".into(), "trade".into()];
        misri.kind = Some("meeting".into());
        misri.summary =
            Some("Talks on emerging technologies and a strategic trade dialogue.".into());
        let mut modi = event(
            "modi",
            "Prime Minister Modi visits the United States",
            "2025-02",
        );
        modi.kind = Some("visit".into());
        modi.details =
            Some("A long paragraph mentioning governance, loyalty and many other words.".into());
        let mut tariff = event("tariff", "Pause on the 26% tariff ends", "2025-07-09");
        tariff.tags = vec!["tariffs".into(), "trade".into()];
        vec![modi, goyal, misri, tariff]
    }

    fn ids(events: &[Event], q: &str) -> Vec<String> {
        let index = SearchIndex::new(events);
        index
            .search(events, &Query::parse(q))
            .iter()
            .map(|h| events[h.index as usize].id.clone())
            .collect()
    }

    #[test]
    fn empty_query_is_the_timeline() {
        let ev = sample();
        assert_eq!(ids(&ev, ""), ["modi", "goyal", "misri", "tariff"]);
    }

    #[test]
    fn fuzzy_finds_names_not_letters_scattered_through_prose() {
        let ev = sample();
        assert_eq!(ids(&ev, "goyal"), ["goyal"]);
        assert_eq!(ids(&ev, "gyl"), ["goyal"]);
        assert_eq!(ids(&ev, "kessler"), ["misri"]);
    }

    #[test]
    fn prose_matches_by_substring() {
        let ev = sample();
        assert_eq!(ids(&ev, "emerging"), ["misri"]);
        assert_eq!(ids(&ev, "governance"), ["modi"]);
    }

    #[test]
    fn exact_prefix_suffix_and_negation() {
        let ev = sample();
        assert_eq!(ids(&ev, "'26%"), ["tariff"]);
        assert_eq!(ids(&ev, "^prime"), ["modi"]);
        assert_eq!(ids(&ev, "washington$"), ["misri"]);
        assert_eq!(ids(&ev, "^trade$ !tariff"), ["goyal", "misri"]);
    }

    #[test]
    fn or_groups() {
        let ev = sample();
        let mut got = ids(&ev, "goyal | kessler");
        got.sort();
        assert_eq!(got, ["goyal", "misri"]);
    }

    #[test]
    fn field_filters_and_dates() {
        let ev = sample();
        assert_eq!(ids(&ev, "kind:visit"), ["modi", "goyal"]);
        assert_eq!(ids(&ev, "actor:goyal"), ["goyal"]);
        assert_eq!(ids(&ev, "tag:tariff"), ["tariff"]);
        assert_eq!(ids(&ev, "from:2025-05"), ["goyal", "misri", "tariff"]);
        assert_eq!(ids(&ev, "until:2025-05"), ["modi", "goyal", "misri"]);
        assert_eq!(
            ids(&ev, "from:2025-03 until:2025-06 tag:trade"),
            ["goyal", "misri"]
        );
        // Month precision covers the whole month: Feb 2025 reaches 28 Feb.
        assert_eq!(ids(&ev, "from:2025-02-20 until:2025-03"), ["modi"]);
    }

    #[test]
    fn title_hits_rank_above_tag_hits_and_ties_keep_timeline_order() {
        let ev = sample();
        assert_eq!(ids(&ev, "'trade"), ["goyal", "misri", "tariff"]);
        assert_eq!(ids(&ev, "tariff")[0], "tariff");
    }

    #[test]
    fn smart_case() {
        let ev = sample();
        assert_eq!(ids(&ev, "Goyal"), ["goyal"]);
        assert!(ids(&ev, "GOYAL").is_empty());
    }

    #[test]
    fn top_agrees_with_search() {
        let ev = sample();
        let index = SearchIndex::new(&ev);
        let q = Query::parse("'trade");
        assert_eq!(index.top(&ev, &q, 2), index.search(&ev, &q)[..2].to_vec());
        assert!(index.top(&ev, &q, 0).is_empty());
    }

    #[test]
    fn highlight_positions_are_chars() {
        let q = Query::parse("goyal");
        assert_eq!(highlight(&q, "Piyush Goyal"), vec![7, 8, 9, 10, 11]);
        let q = Query::parse("'अमेरिका");
        assert_eq!(highlight(&q, "भारत–अमेरिका"), (5..12).collect::<Vec<_>>());
        assert!(highlight(&Query::parse("!goyal"), "Goyal").is_empty());
    }
}
