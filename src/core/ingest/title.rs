//! A first title for a draft, in the timeline's style: the clause that carries the date, in the
//! present tense, without the date ("Foreign Secretary Misri visits the United States").
//!
//! This is a handful of patterns, not a parser: it picks the clause holding the expression (or the
//! main clause when the expression only opens the sentence, as in "On Tuesday, …"), drops the
//! expression and filler words, turns a few common past-tense verbs into the present, and cuts a
//! trailing purpose ("… to discuss …"). When nothing usable is left it falls back to the trimmed
//! sentence. Reviewers edit titles anyway; the aim is a useful start.

use super::starts_with_any;
use std::ops::Range;
use std::sync::LazyLock;

use regex::Regex;

/// Titles longer than this are cut at a word and end with "…".
pub const MAX_TITLE_CHARS: usize = 90;

/// Where clauses break. En dashes are left alone: they join ranges ("May 27–29").
const CLAUSE_MARKS: &[char] = &[',', ';', ':', '—'];

/// Words that open a clause without adding to a title.
const FILLER: &[&str] = &[
    "just",
    "only",
    "also",
    "and",
    "but",
    "though",
    "although",
    "while",
    "which",
    "who",
    "so",
    "then",
    "meanwhile",
    "however",
];

/// Openings that make a clause an adverbial attached to the main clause.
const ADVERBIAL: &[&str] = &[
    "during",
    "after",
    "before",
    "following",
    "at",
    "in",
    "on",
    "amid",
    "since",
    "until",
    "by",
];

/// Past-tense verb phrases and their present forms, singular then plural.
const VERBS: &[(&str, &str, &str)] = &[
    ("are expected to", "expected to", "expected to"),
    ("is expected to", "expected to", "expected to"),
    ("was expected to", "expected to", "expected to"),
    ("met with", "meets", "meet"),
    ("met", "meets", "meet"),
    ("was in", "visits", "visit"),
    ("were in", "visit", "visit"),
    ("is in", "visits", "visit"),
    ("are in", "visit", "visit"),
    ("visited", "visits", "visit"),
    ("travelled to", "travels to", "travel to"),
    ("traveled to", "travels to", "travel to"),
    ("announced", "announces", "announce"),
    ("launched", "launches", "launch"),
    ("signed", "signs", "sign"),
    ("held", "holds", "hold"),
    ("agreed", "agrees", "agree"),
    ("posted", "posts", "post"),
    ("discussed", "discusses", "discuss"),
    ("called", "calls", "call"),
    ("said", "says", "say"),
    ("imposed", "imposes", "impose"),
    ("paused", "pauses", "pause"),
];

static TRIP: LazyLock<Regex> = LazyLock::new(|| {
    compile(r"^(?P<who>.+?)[’']s\s+(?:trip|visit|tour|journey)\s+to\s+(?P<where>.+)$")
});

static FOLLOWS: LazyLock<Regex> =
    LazyLock::new(|| compile(r"^.+?\s+(?:follows|comes\s+after|came\s+after)\s+(?P<what>.+)$"));

fn compile(pattern: &str) -> Regex {
    match Regex::new(pattern) {
        Ok(r) => r,
        Err(e) => panic!("title pattern does not compile: {e}"),
    }
}

/// A draft title for the event dated by `expression` (the span of the date expression) in
/// `sentence`. `deadline` keeps the expression and says "Deadline:" ("paused until July 9").
pub fn draft(sentence: &str, expression: Range<usize>, deadline: bool) -> String {
    let title = clause_title(sentence, expression, deadline);
    if title.is_empty() {
        // Nothing but the date ("On Tuesday."): the sentence itself says more than an empty title.
        finish(sentence)
    } else {
        title
    }
}

fn clause_title(sentence: &str, expression: Range<usize>, deadline: bool) -> String {
    let segments = segments(sentence, &expression);
    let Some(here) = segments
        .iter()
        .position(|s| s.start <= expression.start && expression.start < s.end.max(s.start + 1))
    else {
        return fallback(sentence, &expression);
    };
    let segment = segments[here].clone();
    if deadline {
        let clause = strip_filler(sentence[segment].trim());
        return finish(&format!("Deadline: {}", clause.trim_end_matches('.')));
    }
    let rest = strip_filler(&without(sentence, segment, &expression));
    let opens = rest.is_empty() || starts_with_any(&rest, ADVERBIAL);
    let clause = match segments.get(here + 1) {
        Some(next) if opens && here == 0 => {
            let main = strip_filler(sentence[next.clone()].trim());
            if rest.is_empty() {
                main
            } else {
                format!("{main} {}", lower_first(&rest))
            }
        }
        _ => rest,
    };
    if clause.is_empty() || starts_with_verb(&clause) {
        return fallback(sentence, &expression);
    }
    finish(&present(&reframe(&clause)))
}

/// Clause ranges of `sentence`, never splitting inside the expression ("May 27, 2025").
fn segments(sentence: &str, expression: &Range<usize>) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut start = 0;
    for (i, c) in sentence.char_indices() {
        if CLAUSE_MARKS.contains(&c) && !expression.contains(&i) {
            out.push(start..i);
            start = i + c.len_utf8();
        }
    }
    out.push(start..sentence.len());
    out
}

/// The segment's text with the expression cut out and spaces tidied.
fn without(sentence: &str, segment: Range<usize>, expression: &Range<usize>) -> String {
    let mut text = String::new();
    let cut_start = expression.start.clamp(segment.start, segment.end);
    let cut_end = expression.end.clamp(segment.start, segment.end);
    text.push_str(&sentence[segment.start..cut_start]);
    text.push(' ');
    text.push_str(&sentence[cut_end..segment.end]);
    tidy(&text)
}

fn tidy(s: &str) -> String {
    s.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .trim_matches(|c: char| c.is_whitespace() || matches!(c, '.' | '!' | '?' | '“' | '”'))
        .to_string()
}

fn strip_filler(s: &str) -> String {
    let mut s = tidy(s);
    while let Some((first, rest)) = s.split_once(' ') {
        if FILLER.contains(&first.to_lowercase().as_str()) {
            s = rest.to_string();
        } else {
            break;
        }
    }
    if FILLER.contains(&s.to_lowercase().as_str()) {
        s.clear();
    }
    s
}

/// A clause with no subject ("is 30 basis points lower …") makes no title.
fn starts_with_verb(s: &str) -> bool {
    starts_with_any(
        s,
        &["is", "are", "was", "were", "has", "have", "had", "will"],
    )
}

/// "X follows Y's trip to Z" is about the trip; "Y's trip to Z" is "Y visits Z".
fn reframe(clause: &str) -> String {
    let clause = match FOLLOWS.captures(clause).and_then(|c| c.name("what")) {
        Some(what) => what.as_str().to_string(),
        None => clause.to_string(),
    };
    match TRIP.captures(&clause) {
        Some(c) => match (c.name("who"), c.name("where")) {
            (Some(who), Some(place)) => format!("{} visits {}", who.as_str(), place.as_str()),
            _ => clause,
        },
        None => clause,
    }
}

/// The first past-tense verb phrase in the present tense, and a trailing purpose cut off.
fn present(clause: &str) -> String {
    let words: Vec<&str> = clause.split(' ').collect();
    for (i, _) in words.iter().enumerate() {
        for (past, singular, plural) in VERBS {
            // Compared word by word: joining the words for every verb tried made each title cost
            // an allocation per word per verb.
            let n = past.split(' ').count();
            if i + n > words.len() || !past.split(' ').zip(&words[i..i + n]).all(|(p, w)| p == *w) {
                continue;
            }
            let subject = words[..i].join(" ");
            let verb = if is_plural(&subject) {
                plural
            } else {
                singular
            };
            let tail = cut_purpose(&words[i + n..]);
            let mut out = subject;
            for part in [verb.to_string(), tail] {
                if !part.is_empty() {
                    if !out.is_empty() {
                        out.push(' ');
                    }
                    out.push_str(&part);
                }
            }
            return out;
        }
    }
    clause.to_string()
}

/// The words up to a purpose clause ("… in Washington to discuss …" ends before "to"). The verb
/// phrases above that take "to" ("expected to") include it, so it is never cut here.
fn cut_purpose(words: &[&str]) -> String {
    const DETERMINERS: &[&str] = &[
        "the", "a", "an", "this", "that", "its", "their", "his", "her",
    ];
    let mut kept = Vec::new();
    for (i, w) in words.iter().enumerate() {
        let next = words.get(i + 1).copied().unwrap_or_default();
        let infinitive = *w == "to"
            && next.chars().next().is_some_and(char::is_lowercase)
            && !DETERMINERS.contains(&next);
        if infinitive && i > 0 {
            break;
        }
        kept.push(*w);
    }
    kept.join(" ")
}

fn is_plural(subject: &str) -> bool {
    let lower = subject.to_lowercase();
    let first = lower.split_whitespace().next().unwrap_or_default();
    let last = lower.split_whitespace().last().unwrap_or_default();
    matches!(first, "both" | "they" | "we" | "all")
        || lower.contains(" and ")
        || matches!(
            last,
            "officials" | "nations" | "countries" | "sides" | "leaders" | "ministers"
        )
}

fn lower_first(s: &str) -> String {
    let mut chars = s.chars();
    match chars.next() {
        Some(c) if c.is_uppercase() && !chars.clone().next().is_some_and(char::is_uppercase) => {
            c.to_lowercase().chain(chars).collect()
        }
        _ => s.to_string(),
    }
}

/// The sentence without its expression and any "According to …," attribution.
fn fallback(sentence: &str, expression: &Range<usize>) -> String {
    let whole = without(sentence, 0..sentence.len(), expression);
    let text = match whole.split_once(", ") {
        Some((first, rest)) if first.to_lowercase().starts_with("according to") => rest.to_string(),
        _ => whole,
    };
    finish(&text)
}

/// Capitalised, one line, at most [`MAX_TITLE_CHARS`] characters.
fn finish(s: &str) -> String {
    let s = tidy(s);
    let s = s.trim_end_matches([',', ';', ':']).to_string();
    let mut chars = s.chars();
    let s: String = match chars.next() {
        Some(c) => c.to_uppercase().chain(chars).collect(),
        None => s,
    };
    if s.chars().count() <= MAX_TITLE_CHARS {
        return s;
    }
    let mut out = String::new();
    for word in s.split(' ') {
        if out.chars().count() + word.chars().count() + 1 > MAX_TITLE_CHARS - 1 {
            break;
        }
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    format!("{}…", out.trim_end_matches([',', ';', ':']))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn title(sentence: &str, expression: &str) -> String {
        let at = sentence.find(expression).unwrap();
        draft(sentence, at..at + expression.len(), false)
    }

    #[test]
    fn titles_from_the_seed_article() {
        let cases = [
            (
                "On Tuesday, Foreign Secretary Vikram Misri met with US Under Secretary Jeffrey \
                 Kessler in Washington to discuss key issues around technology, commerce and other \
                 urgent matters.",
                "On Tuesday",
                "Foreign Secretary Vikram Misri meets US Under Secretary Jeffrey Kessler in Washington",
            ),
            (
                "Foreign Secretary Misri is in the United States from May 27 to May 29, meeting \
                 with top American officials to further India-US ties.",
                "from May 27 to May 29",
                "Foreign Secretary Misri visits the United States",
            ),
            (
                "His visit follows Prime Minister Narendra Modi’s trip to the US earlier this year, \
                 which laid the groundwork for several new joint initiatives.",
                "earlier this year",
                "Prime Minister Narendra Modi visits the US",
            ),
            (
                "During Modi’s visit in February, both nations officially launched the COMPACT \
                 initiative—short for Catalysing Opportunities.",
                "in February",
                "Both nations officially launch the COMPACT initiative during Modi’s visit",
            ),
            (
                "Just last week, Indian Commerce Minister Piyush Goyal was in the US holding \
                 high-level meetings to advance trade negotiations.",
                "last week",
                "Indian Commerce Minister Piyush Goyal visits the US holding high-level meetings",
            ),
            (
                "In return, senior US officials are expected to visit India in the coming weeks \
                 to further these talks.",
                "in the coming weeks",
                "Senior US officials expected to visit India",
            ),
        ];
        for (sentence, expression, expected) in cases {
            assert_eq!(title(sentence, expression), expected, "{sentence}");
        }
    }

    #[test]
    fn deadlines_keep_their_date() {
        let s =
            "Trump announced tariffs, though the move has been paused until July 9, giving time.";
        let at = s.find("until July 9").unwrap();
        assert_eq!(
            draft(s, at..at + "until July 9".len(), true),
            "Deadline: the move has been paused until July 9"
        );
    }

    #[test]
    fn subjectless_clauses_fall_back_to_the_sentence() {
        let s =
            "According to the IMF, growth is 6.2%, which is lower than its forecast in January.";
        assert_eq!(
            title(s, "in January"),
            "Growth is 6.2%, which is lower than its forecast"
        );
    }

    #[test]
    fn a_sentence_that_is_only_a_date_is_its_own_title() {
        assert_eq!(title("On Tuesday.", "On Tuesday"), "On Tuesday");
        assert_eq!(title("On Tuesday, ", "On Tuesday"), "On Tuesday");
    }

    #[test]
    fn long_titles_are_cut_at_a_word() {
        let s = format!(
            "On Monday, {}.",
            "the ministers discussed trade ".repeat(10)
        );
        let t = title(&s, "On Monday");
        assert!(t.chars().count() <= MAX_TITLE_CHARS, "{t}");
        assert!(
            t.ends_with('…') && t.starts_with("The ministers discuss trade"),
            "{t}"
        );
    }
}
