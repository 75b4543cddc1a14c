//! Finding events: query parsing (`query`), matching and ranking.
//!
//! Shared by the TUI's search line and `bilateral search`, so both give the same answers. Fuzzy
//! matching runs on short fields only (title, people, places, tags, kind, date label, id): fuzzy
//! matching across paragraphs of prose finds the letters of almost any word somewhere, which is
//! noise. Prose (summary, details) matches by substring.

pub mod query;

use fuzzy_matcher::FuzzyMatcher;
use fuzzy_matcher::skim::SkimMatcherV2;
use rayon::prelude::*;

use crate::core::model::{Date, Event};
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
    Group,
}

impl Part {
    /// How much a match in this part counts: a hit in the title outranks one in a tag.
    fn weight(self) -> i64 {
        match self {
            Part::Title => 3,
            Part::Actor | Part::Place | Part::Tag | Part::Group => 2,
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
            Part::Group => Some(Field::Group),
            Part::Title | Part::Label => None,
        }
    }
}

/// Where one event's prepared text lies in the index's shared buffers.
#[derive(Debug, Clone, Copy)]
struct Doc {
    /// Where the event's text and parts begin; each ends where the next event's begin.
    short: usize,
    parts: usize,
    /// What the event surely covers on the time axis, for `from:` and `until:` (see
    /// `when::certain_keys`).
    first: f64,
    last: f64,
}

/// Calls `f` with each short field of an event, in the one order the index and smart-case
/// matching both rely on.
fn each_short_field(event: &Event, mut f: impl FnMut(Part, &str)) {
    f(Part::Title, &event.title);
    f(Part::Label, &event.date_label());
    if let Some(k) = &event.kind {
        f(Part::Kind, k);
    }
    if let Some(s) = event.status {
        f(Part::Status, s.as_str());
    }
    if let Some(g) = &event.group {
        f(Part::Group, g);
    }
    f(Part::Id, &event.id);
    for (part, list) in [
        (Part::Actor, &event.actors),
        (Part::Place, &event.places),
        (Part::Tag, &event.tags),
    ] {
        for t in list {
            f(part, t);
        }
    }
}

/// The short fields in their original case, joined as the index joins them.
fn short_text(event: &Event) -> String {
    let mut out = String::new();
    let mut first = true;
    each_short_field(event, |_, t| {
        if !std::mem::take(&mut first) {
            out.push(SEP);
        }
        out.push_str(t);
    });
    out
}

fn prose_of(event: &Event) -> String {
    let mut prose = event.summary.as_deref().unwrap_or_default().to_string();
    if let Some(d) = &event.details {
        prose.push(SEP);
        prose.push_str(d);
    }
    prose
}

/// An event's prose lower-cased into `buf`, as the short fields are in the index.
fn lower_prose_into(buf: &mut String, event: &Event) {
    buf.clear();
    if let Some(s) = &event.summary {
        push_lower(buf, s);
    }
    if let Some(d) = &event.details {
        buf.push(SEP);
        push_lower(buf, d);
    }
}

/// Appends `s` lower-cased.
fn push_lower(buf: &mut String, s: &str) {
    if s.is_ascii() {
        let start = buf.len();
        buf.push_str(s);
        buf[start..].make_ascii_lowercase();
    } else {
        buf.extend(s.chars().flat_map(char::to_lowercase));
    }
}

/// Searchable text for a list of events, in the same order, prepared once: every event's short
/// fields lower-cased into shared buffers (one per [`PIECE`] events, not several allocations per
/// event), with the events' date spans.
///
/// A piece is prepared the first time a search reaches its events (on whichever core gets
/// there), so the browser opens without waiting for a million events' text to be prepared, and
/// the first search, which runs a slice at a time anyway, prepares it as it goes. Only where
/// the events sit on the time axis, for ranking, is worked out at once. Pieces stay apart:
/// joining them would copy all of the text and, for a moment, hold it twice.
#[derive(Debug, Clone, Default)]
pub struct SearchIndex {
    pieces: Vec<std::sync::OnceLock<Piece>>,
    /// Each event's place on the time axis (its best estimate), for ranking equal matches by
    /// their distance from the as-of date without visiting the events.
    anchors: Vec<f64>,
    len: usize,
}

/// The prepared text of [`PIECE`] consecutive events (fewer in the last piece).
#[derive(Debug, Clone, Default)]
struct Piece {
    short: String,
    parts: Vec<Part>,
    docs: Vec<Doc>,
}

impl Piece {
    fn build(events: &[Event]) -> Piece {
        // Room for all of it at once: grown by doubling, a piece would leave each outgrown copy
        // behind, and at a million events those add up to more than the index itself.
        let (mut text, mut parts) = (0, 0);
        for e in events {
            let names = e.actors.len() + e.places.len() + e.tags.len();
            let fields = 4 + names + usize::from(e.kind.is_some()) + usize::from(e.group.is_some());
            parts += fields;
            // Each field, a separator, and the longest status ("scheduled").
            text += e.title.len() + e.id.len() + LABEL_ROOM + 10 + fields;
            text +=
                e.kind.as_ref().map_or(0, |k| k.len()) + e.group.as_ref().map_or(0, |g| g.len());
            text += e
                .actors
                .iter()
                .chain(&e.places)
                .chain(&e.tags)
                .map(|n| n.len())
                .sum::<usize>();
        }
        let mut piece = Piece {
            short: String::with_capacity(text),
            parts: Vec::with_capacity(parts),
            docs: Vec::with_capacity(events.len()),
        };
        for event in events {
            let short_start = piece.short.len();
            let parts_start = piece.parts.len();
            let mut first = true;
            each_short_field(event, |part, text| {
                if !std::mem::take(&mut first) {
                    piece.short.push(SEP);
                }
                push_lower(&mut piece.short, text);
                piece.parts.push(part);
            });
            let (starts, reaches) = crate::core::model::when::certain_keys(
                &event.start,
                event.end.as_ref(),
                event.extent,
            );
            piece.docs.push(Doc {
                short: short_start,
                parts: parts_start,
                first: starts,
                last: reaches,
            });
        }
        piece.short.shrink_to_fit();
        piece.parts.shrink_to_fit();
        piece
    }
}

/// Room for an event's date label in the index, before it is written ("c. 19–25 May 2025").
const LABEL_ROOM: usize = 24;

/// Below this many events a search runs on one thread; above, it is split across cores.
const PARALLEL_FROM: usize = 8_192;
/// Events per parallel work item.
const CHUNK: usize = 4_096;
/// Events per piece of the index: small enough that preparing one (when a search first reaches
/// it) fits in a slice of a frame, large enough that a piece is a few allocations in thousands.
const PIECE: usize = 512;

/// One matching event: its position in the event list and how well it matched.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Hit {
    pub index: u32,
    /// Higher is better; every strong match (see [`Hit::is_strong`]) outranks every weak one.
    pub score: i64,
}

/// Added to the score of a strong match, above anything a weak one can reach.
const STRONG: i64 = 1 << 40;
/// What a fuzzy term gains for matching a whole word, a word's start, or inside a word: enough
/// that the kind of match decides before how tight the letters are.
const WHOLE_WORD: i64 = 3_000;
const WORD_START: i64 = 2_000;
const INSIDE_WORD: i64 = 1_000;

impl Hit {
    /// Whether every fuzzy term matched whole words or the starts of words ("misri", "tar" in
    /// "tariff"), rather than letters scattered through a field ("m…i…s…r…i" in "Minister …
    /// visits") or inside another word ("tar" in "Secretary"). Terms of other kinds (exact,
    /// field filters) always count as strong.
    pub fn is_strong(&self) -> bool {
        self.score >= STRONG
    }
}

/// Text to match a term against: the prepared lower-case text, or the original for smart case.
struct Texts<'a> {
    short: std::borrow::Cow<'a, str>,
    prose: Prose<'a>,
    parts: &'a [Part],
}

/// An event's prose (summary and details) as a term meets it. Prose is most of an event's text,
/// so the index does not keep a lower-cased copy: ASCII prose (nearly all of it) is matched as it
/// is, ignoring ASCII case, which finds exactly what lower-casing it first would; other prose is
/// lower-cased into a buffer while matching.
#[derive(Clone, Copy)]
enum Prose<'a> {
    /// Text matched as it is: lower-cased, or the original for a case-sensitive term; summary and
    /// details joined by `SEP`.
    Exact(&'a str),
    /// The event's own ASCII summary and details, matched ignoring ASCII case.
    Ascii(Option<&'a str>, Option<&'a str>),
}

impl Prose<'_> {
    /// How `t` (lower-case, unless the prose is `Exact`) occurs in the prose at best.
    fn word_bonus(&self, t: &str) -> Option<i64> {
        match *self {
            Prose::Exact(text) => word_bonus(text, t),
            Prose::Ascii(a, b) => [a, b]
                .into_iter()
                .flatten()
                .filter_map(|text| ascii_word_bonus(text, t))
                .max(),
        }
    }

    fn contains(&self, t: &str) -> bool {
        match *self {
            Prose::Exact(text) => memchr::memmem::find(text.as_bytes(), t.as_bytes()).is_some(),
            Prose::Ascii(a, b) => [a, b]
                .into_iter()
                .flatten()
                .any(|text| ascii_find_iter(text, t).next().is_some()),
        }
    }
}

/// Where the lower-case `t` occurs in ASCII `hay`, ignoring ASCII case.
fn ascii_find_iter<'h>(hay: &'h str, t: &'h str) -> impl Iterator<Item = usize> + 'h {
    let (hay, t) = (hay.as_bytes(), t.as_bytes());
    let first = t.first().copied().unwrap_or(0);
    memchr::memchr2_iter(first, first.to_ascii_uppercase(), hay).filter(move |&at| {
        hay.len() - at >= t.len() && hay[at..at + t.len()].eq_ignore_ascii_case(t)
    })
}

/// [`word_bonus`] for ASCII `hay`, ignoring ASCII case.
fn ascii_word_bonus(hay: &str, t: &str) -> Option<i64> {
    let is_word = |b: Option<&u8>| b.is_some_and(u8::is_ascii_alphanumeric);
    let bytes = hay.as_bytes();
    best_bonus(ascii_find_iter(hay, t).map(|at| {
        (
            !is_word(at.checked_sub(1).and_then(|i| bytes.get(i))),
            !is_word(bytes.get(at + t.len())),
        )
    }))
}

/// The best bonus among occurrences, each given as (starts a word, ends a word); a whole word
/// ends the search, since nothing beats it.
fn best_bonus(occurrences: impl Iterator<Item = (bool, bool)>) -> Option<i64> {
    let mut best = None;
    for (starts, ends) in occurrences {
        let bonus = match (starts, ends) {
            (true, true) => return Some(WHOLE_WORD),
            (true, false) => WORD_START,
            _ => INSIDE_WORD,
        };
        best = best.max(Some(bonus));
    }
    best
}

impl SearchIndex {
    pub fn new(events: &[Event]) -> SearchIndex {
        let anchor = |e: &Event| e.anchor().axis_days();
        let anchors = if events.len() < PARALLEL_FROM {
            events.iter().map(anchor).collect()
        } else {
            events.par_iter().map(anchor).collect()
        };
        SearchIndex {
            pieces: (0..events.len().div_ceil(PIECE))
                .map(|_| std::sync::OnceLock::new())
                .collect(),
            anchors,
            len: events.len(),
        }
    }

    /// The index with every piece prepared now, on one thread.
    #[cfg(test)]
    fn build(events: &[Event]) -> SearchIndex {
        let index = SearchIndex::new(events);
        for at in (0..events.len()).step_by(PIECE) {
            index.doc(events, at);
        }
        index
    }

    /// The piece holding the event at `at` (prepared now if no search has reached it), and the
    /// event's place in it. `events` must be the list the index was made for.
    fn doc<'a>(&'a self, events: &[Event], at: usize) -> Option<(&'a Piece, &'a Doc, usize)> {
        let p = at / PIECE;
        let piece = self.pieces.get(p)?.get_or_init(|| {
            let end = ((p + 1) * PIECE).min(events.len());
            Piece::build(events.get(p * PIECE..end).unwrap_or_default())
        });
        Some((piece, piece.docs.get(at % PIECE)?, at % PIECE))
    }

    pub fn len(&self) -> usize {
        self.len
    }

    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    /// Every matching event, best first; ties (and queries that do not rank) in timeline order.
    /// `events` must be the list the index was built from.
    pub fn search(&self, events: &[Event], query: &Query) -> Vec<Hit> {
        let mut hits = self.scan(events, query, 0..self.len);
        if query.ranks() {
            hits.sort_unstable_by(rank);
        }
        hits
    }

    /// The best `limit` matches, best first, without sorting every match.
    pub fn top(&self, events: &[Event], query: &Query, limit: usize) -> Vec<Hit> {
        self.top_near(events, query, limit, None, true).hits
    }

    /// The best `limit` matches, best first; of equal matches, the event nearest `near` (the
    /// as-of date) first, then timeline order. Unless `weaker` is asked for, weak matches are
    /// left out whenever there are strong ones, and counted.
    pub fn top_near(
        &self,
        events: &[Event],
        query: &Query,
        limit: usize,
        near: Option<&Date>,
        weaker: bool,
    ) -> Top {
        let mut hits = self.scan(events, query, 0..self.len);
        let hidden = if weaker { 0 } else { hide_weaker(&mut hits) };
        if limit == 0 {
            hits.clear();
        }
        let hits = self.best(query, hits, limit, near);
        Top { hits, hidden }
    }

    fn best(
        &self,
        query: &Query,
        mut hits: Vec<Hit>,
        limit: usize,
        near: Option<&Date>,
    ) -> Vec<Hit> {
        if limit == 0 {
            return Vec::new();
        }
        if query.ranks() {
            best_of(&mut hits, limit, self.ranking(near));
        } else {
            hits.truncate(limit);
        }
        hits
    }

    /// The matches among the events at positions `range`, in timeline order, unranked: a slice of
    /// a search that is done a piece at a time.
    pub fn scan(&self, events: &[Event], query: &Query, range: std::ops::Range<usize>) -> Vec<Hit> {
        let range = range.start.min(self.len)..range.end.min(self.len);
        self.scan_positions(events, query, range.len(), |i| range.start + i)
    }

    /// The matches among the events at the given positions (ascending), unranked: searching
    /// within the results of a query that the new one narrows.
    pub fn scan_within(&self, events: &[Event], query: &Query, positions: &[u32]) -> Vec<Hit> {
        self.scan_positions(events, query, positions.len(), |i| positions[i] as usize)
    }

    fn scan_positions(
        &self,
        events: &[Event],
        query: &Query,
        count: usize,
        position: impl Fn(usize) -> usize + Sync,
    ) -> Vec<Hit> {
        if query.is_empty() {
            return (0..count)
                .map(|i| Hit {
                    index: position(i) as u32,
                    score: 0,
                })
                .collect();
        }
        let run = |range: std::ops::Range<usize>| {
            // One matcher per thread: SkimMatcherV2 is not meant to be shared across threads.
            let matcher = SkimMatcherV2::default().respect_case();
            let mut prose = String::new();
            range
                .filter_map(|i| {
                    let at = position(i);
                    let score = self.score(&matcher, &mut prose, events, at, query)?;
                    Some(Hit {
                        index: at as u32,
                        score,
                    })
                })
                .collect::<Vec<_>>()
        };
        if count < PARALLEL_FROM {
            return run(0..count);
        }
        let chunks: Vec<std::ops::Range<usize>> = (0..count)
            .step_by(CHUNK)
            .map(|s| s..(s + CHUNK).min(count))
            .collect();
        chunks.into_par_iter().flat_map_iter(run).collect()
    }

    fn score(
        &self,
        matcher: &SkimMatcherV2,
        prose: &mut String,
        events: &[Event],
        at: usize,
        query: &Query,
    ) -> Option<i64> {
        let event = events.get(at)?;
        let (piece, doc, i) = self.doc(events, at)?;
        let next = piece.docs.get(i + 1);
        let short_end = next.map_or(piece.short.len(), |d| d.short);
        let parts_end = next.map_or(piece.parts.len(), |d| d.parts);
        let ascii = |s: &Option<Box<str>>| s.as_deref().is_none_or(str::is_ascii);
        let folded = if !query.reads_prose() {
            Prose::Exact("")
        } else if ascii(&event.summary) && ascii(&event.details) && !query.has_empty_term() {
            Prose::Ascii(event.summary.as_deref(), event.details.as_deref())
        } else {
            lower_prose_into(prose, event);
            Prose::Exact(prose)
        };
        let prepared = Texts {
            short: piece.short.get(doc.short..short_end)?.into(),
            prose: folded,
            parts: piece.parts.get(doc.parts..parts_end)?,
        };
        let mut total = 0;
        let mut strong = true;
        for group in &query.groups {
            let mut best: Option<(i64, bool)> = None;
            for term in group {
                let found = if term.case_sensitive {
                    let prose = prose_of(event);
                    let original = Texts {
                        short: short_text(event).into(),
                        prose: Prose::Exact(&prose),
                        parts: prepared.parts,
                    };
                    term_score(matcher, doc, &original, term)
                } else {
                    term_score(matcher, doc, &prepared, term)
                };
                let found = match (found, term.negated) {
                    (Some(_), true) => None,
                    (None, true) => Some((0, true)),
                    (f, false) => f,
                };
                if let Some(s) = found {
                    best = Some(best.map_or(s, |b| b.max(s)));
                }
            }
            let (score, term_strong) = best?;
            total += score;
            strong &= term_strong;
        }
        Some(if strong { STRONG + total } else { total })
    }
}

fn rank(a: &Hit, b: &Hit) -> std::cmp::Ordering {
    b.score.cmp(&a.score).then(a.index.cmp(&b.index))
}

/// The best matches and how many weaker ones were left out.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Top {
    pub hits: Vec<Hit>,
    pub hidden: usize,
}

/// Drops the weak matches when there are strong ones (letters scattered through "Minister …
/// visits" say nothing once "Misri" itself matched); how many were dropped.
pub fn hide_weaker(hits: &mut Vec<Hit>) -> usize {
    if !hits.iter().any(Hit::is_strong) {
        return 0;
    }
    let before = hits.len();
    hits.retain(Hit::is_strong);
    before - hits.len()
}

impl SearchIndex {
    /// Best first; equal scores by distance from `near` (nearest first), then timeline order.
    pub fn ranking(&self, near: Option<&Date>) -> impl Fn(&Hit, &Hit) -> std::cmp::Ordering + Sync {
        ranking_by(near, |i| self.anchors.get(i as usize).copied())
    }
}

/// Best first; equal scores by distance from `near` (nearest first), then timeline order;
/// `anchor` gives an event's place on the time axis.
fn ranking_by(
    near: Option<&Date>,
    anchor: impl Fn(u32) -> Option<f64> + Sync,
) -> impl Fn(&Hit, &Hit) -> std::cmp::Ordering + Sync {
    let near = near.map(Date::axis_days);
    move |a: &Hit, b: &Hit| {
        let distance = |h: &Hit| match (near, anchor(h.index)) {
            (Some(n), Some(at)) => (at - n).abs(),
            _ => 0.0,
        };
        b.score
            .cmp(&a.score)
            .then_with(|| distance(a).total_cmp(&distance(b)))
            .then(a.index.cmp(&b.index))
    }
}

/// Keeps the best `limit` hits, best first, without sorting the rest.
fn best_of(hits: &mut Vec<Hit>, limit: usize, order: impl Fn(&Hit, &Hit) -> std::cmp::Ordering) {
    if hits.len() > limit {
        hits.select_nth_unstable_by(limit - 1, &order);
        hits.truncate(limit);
    }
    hits.sort_unstable_by(&order);
}

/// [`SearchIndex::top_near`] for a single search, without an index: each chunk of events is
/// prepared, searched and dropped in turn, on every core. One search over a million events is
/// faster this way than building the index first, and never holds all of its text.
pub fn top_near_once(
    events: &[Event],
    query: &Query,
    limit: usize,
    near: Option<&Date>,
    weaker: bool,
) -> Top {
    let scan = |(c, chunk): (usize, &[Event])| {
        let index = SearchIndex::new(chunk);
        let offset = (c * CHUNK) as u32;
        let mut hits = index.scan(chunk, query, 0..chunk.len());
        for h in &mut hits {
            h.index += offset;
        }
        hits
    };
    let mut hits: Vec<Hit> = if events.len() < PARALLEL_FROM {
        events.chunks(CHUNK).enumerate().flat_map(scan).collect()
    } else {
        events
            .par_chunks(CHUNK)
            .enumerate()
            .flat_map_iter(scan)
            .collect()
    };
    let hidden = if weaker { 0 } else { hide_weaker(&mut hits) };
    if limit == 0 {
        hits.clear();
    } else if query.ranks() {
        let anchor = |i: u32| events.get(i as usize).map(|e| e.anchor().axis_days());
        best_of(&mut hits, limit, ranking_by(near, anchor));
    } else {
        hits.truncate(limit);
    }
    Top { hits, hidden }
}

/// Whether the bytes of `pattern` occur in order in `text`: a cheap necessary condition for a
/// fuzzy match, checked before the scorer runs.
fn in_order(text: &str, pattern: &str) -> bool {
    let mut rest = text.as_bytes();
    for &b in pattern.as_bytes() {
        match memchr::memchr(b, rest) {
            Some(i) => rest = &rest[i + 1..],
            None => return false,
        }
    }
    true
}

/// How `t` occurs in `hay` at best: as a whole word, at a word's start, inside a word, or not.
fn word_bonus(hay: &str, t: &str) -> Option<i64> {
    let is_word = |c: Option<char>| c.is_some_and(char::is_alphanumeric);
    best_bonus(
        memchr::memmem::find_iter(hay.as_bytes(), t.as_bytes()).map(|at| {
            (
                !is_word(hay[..at].chars().next_back()),
                !is_word(hay[at + t.len()..].chars().next()),
            )
        }),
    )
}

/// How well one term matches one event, ignoring negation, and whether the match is strong (see
/// [`Hit::is_strong`]); `None` for no match.
fn term_score(
    matcher: &SkimMatcherV2,
    doc: &Doc,
    texts: &Texts,
    term: &Term,
) -> Option<(i64, bool)> {
    if let Matcher::Fuzzy(t) = &term.matcher {
        return fuzzy_score(matcher, texts, t);
    }
    strict_score(doc, texts, term).map(|s| (s, true))
}

/// A fuzzy term: the best field, where whole words beat word starts, which beat letters inside
/// a word, which beat letters scattered across it; the letters' tightness decides within a kind.
fn fuzzy_score(matcher: &SkimMatcherV2, texts: &Texts, t: &str) -> Option<(i64, bool)> {
    let mut best = None;
    let mut strong = false;
    if in_order(&texts.short, t) {
        for (text, part) in texts.short.split(SEP).zip(texts.parts.iter().copied()) {
            let bonus = word_bonus(text, t);
            let Some(fuzzy) = matcher.fuzzy_match(text, t) else {
                continue;
            };
            strong |= bonus >= Some(WORD_START);
            best = best.max(Some((bonus.unwrap_or(0) + fuzzy) * part.weight()));
        }
    }
    // Prose is matched by substring only; a word there counts as strong, a fragment as weak.
    if let Some(bonus) = texts.prose.word_bonus(t) {
        strong |= bonus >= WORD_START;
        best = best.max(Some(bonus + 16 * t.chars().count() as i64));
    }
    best.map(|b| (b, strong))
}

/// Every term kind but fuzzy; `None` for no match.
fn strict_score(doc: &Doc, texts: &Texts, term: &Term) -> Option<i64> {
    let fields = || texts.short.split(SEP).zip(texts.parts.iter().copied());
    // A literal match scores like a perfect run of adjacent characters.
    let literal = |t: &str| 16 * t.chars().count() as i64;
    let contains =
        |hay: &str, t: &str| memchr::memmem::find(hay.as_bytes(), t.as_bytes()).is_some();
    match &term.matcher {
        Matcher::Fuzzy(_) => None,
        Matcher::Exact(t) => {
            let short = contains(&texts.short, t)
                .then(|| {
                    fields()
                        .filter(|(text, _)| contains(text, t))
                        .map(|(_, part)| literal(t) * part.weight())
                        .max()
                })
                .flatten();
            short.or_else(|| texts.prose.contains(t).then(|| literal(t)))
        }
        Matcher::Prefix(t) => best_field(fields(), |f| f.starts_with(t.as_str()), literal(t)),
        Matcher::Suffix(t) => best_field(fields(), |f| f.ends_with(t.as_str()), literal(t)),
        Matcher::Whole(t) => best_field(fields(), |f| f == t, literal(t) * 2),
        Matcher::Field(field, v) => fields()
            .any(|(text, part)| part.field() == Some(*field) && contains(text, v))
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
    use crate::core::model::Date;

    fn event(id: &str, title: &str, start: &str) -> Event {
        Event::new(id, title, Date::parse(start).unwrap())
    }

    fn sample() -> Vec<Event> {
        let mut goyal = event(
            "goyal",
            "Commerce Minister Piyush Goyal holds trade talks",
            "2025-05-19",
        );
        goyal.actors = vec!["Piyush Goyal".into()].into();
        goyal.tags = vec!["trade".into()].into();
        goyal.kind = Some("visit".into());
        let mut misri = event("misri", "Misri meets Kessler in Washington", "2025-05-27");
        misri.actors = vec!["Vikram Misri".into(), "Jeffrey Kessler".into()].into();
        misri.tags = vec!["technology".into(), "trade".into()].into();
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
        tariff.tags = vec!["tariffs".into(), "trade".into()].into();
        tariff.group = Some("Trade war".into());
        misri.group = Some("Diplomacy".into());
        vec![modi, goyal, misri, tariff]
    }

    fn ids(events: &[Event], q: &str) -> Vec<String> {
        let index = SearchIndex::new(events);
        index
            .search(events, &Query::parse(q))
            .iter()
            .map(|h| events[h.index as usize].id.to_string())
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
        // "Feb 2025" happened on some day of February: it is only possibly after 20 Feb, and
        // the filters keep what is certainly in range.
        assert_eq!(
            ids(&ev, "from:2025-02-20 until:2025-03"),
            Vec::<&str>::new()
        );
        assert_eq!(ids(&ev, "from:2025-02 until:2025-03"), ["modi"]);
    }

    #[test]
    fn group_filter_and_group_text() {
        let ev = sample();
        assert_eq!(ids(&ev, "group:trade"), ["tariff"]);
        assert_eq!(ids(&ev, "group:diplo"), ["misri"]);
        assert_eq!(ids(&ev, "!group:war"), ["modi", "goyal", "misri"]);
        assert!(ids(&ev, "group:Diplomacy").contains(&"misri".to_string()));
        assert!(
            ids(&ev, "group:DIPLOMACY").is_empty(),
            "a capital respects case"
        );
        // A group is also plain searchable text.
        assert_eq!(ids(&ev, "'war"), ["tariff"]);
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
    fn parallel_index_and_search_agree_with_one_thread() {
        let events = crate::core::generate::events(crate::core::generate::Spec {
            events: 30_000,
            seed: 3,
        });
        let parallel = SearchIndex::new(&events);
        let single = SearchIndex::build(&events);
        for q in [
            "goyal",
            "misri kessler",
            "'semiconductors",
            "tag:energy from:2000",
            "!trade ^barack",
        ] {
            let query = Query::parse(q);
            let a = parallel.search(&events, &query);
            let b = single.search(&events, &query);
            assert_eq!(a, b, "{q}");
            let mut pieces: Vec<Hit> = (0..events.len())
                .step_by(7_000)
                .flat_map(|s| parallel.scan(&events, &query, s..s + 7_000))
                .collect();
            if query.ranks() {
                pieces.sort_unstable_by(rank);
            }
            assert_eq!(pieces, a, "{q} in slices");
        }
    }

    #[test]
    fn one_search_without_an_index_finds_what_the_index_finds() {
        let events = crate::core::generate::events(crate::core::generate::Spec {
            events: 20_000,
            seed: 4,
        });
        let index = SearchIndex::new(&events);
        let near = Date::parse("2025-05-28").ok();
        for q in [
            "goyal",
            "misri kessler",
            "'semiconductors",
            "tag:energy from:2000",
            "zzz",
            "",
        ] {
            let query = Query::parse(q);
            for (limit, weaker) in [(50, false), (5, true), (usize::MAX, false), (0, false)] {
                assert_eq!(
                    top_near_once(&events, &query, limit, near.as_ref(), weaker),
                    index.top_near(&events, &query, limit, near.as_ref(), weaker),
                    "{q:?} limit {limit}"
                );
            }
        }
    }

    #[test]
    fn narrowing_within_earlier_results_finds_the_same() {
        let ev = sample();
        let index = SearchIndex::new(&ev);
        let wide: Vec<u32> = index
            .search(&ev, &Query::parse("'tra"))
            .iter()
            .map(|h| h.index)
            .collect();
        let mut positions = wide.clone();
        positions.sort_unstable();
        let narrow = Query::parse("'trade");
        let mut within = index.scan_within(&ev, &narrow, &positions);
        within.sort_unstable_by(rank);
        assert_eq!(within, index.search(&ev, &narrow));
    }

    #[test]
    fn ascii_prose_matched_ignoring_case_is_prose_lower_cased() {
        let hays = [
            "Officials said the TALKS focused on Semi-conductors; talks-talks.",
            "A joint working group will report on trade and investment.",
            "x",
            "",
            "Goyal goyal GOYAL gOyAl",
        ];
        let mut terms: Vec<String> = vec!["".into(), "a".into(), "é".into(), "tal".into()];
        for h in hays {
            let lower = h.to_lowercase();
            for i in 0..lower.len() {
                for j in i + 1..(i + 6).min(lower.len()) {
                    terms.push(lower[i..j].to_string());
                }
            }
        }
        for h in hays {
            let lower = h.to_lowercase();
            for t in terms.iter().filter(|t| !t.is_empty()) {
                assert_eq!(
                    ascii_word_bonus(h, t),
                    word_bonus(&lower, t),
                    "{t:?} in {h:?}"
                );
                assert_eq!(
                    Prose::Ascii(Some(h), None).contains(t),
                    Prose::Exact(&lower).contains(t),
                    "{t:?} in {h:?}"
                );
            }
        }
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
