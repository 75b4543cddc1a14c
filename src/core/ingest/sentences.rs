//! Plain article text to the list of sentences worth reading, each once.
//!
//! Paragraphs are separated by blank lines; lines inside a paragraph are joined, since plain-text
//! articles are often hard-wrapped. Sentence bounds come from Unicode's rules (UAX #29, via
//! `unicode-segmentation`), then bounds after common abbreviations ("Mr.", "U.S.") are undone, which
//! UAX #29 cannot know about. Whitespace runs become one space; nothing else in a sentence changes,
//! so a sentence can be quoted as its source.

use std::collections::HashSet;
use std::ops::Range;

use unicode_segmentation::UnicodeSegmentation;

/// Words after which a full stop does not end a sentence.
const ABBREVIATIONS: &[&str] = &[
    "mr.", "mrs.", "ms.", "dr.", "prof.", "st.", "jr.", "sr.", "gen.", "lt.", "col.", "capt.",
    "gov.", "sen.", "rep.", "amb.", "u.s.", "u.k.", "u.n.", "e.g.", "i.e.", "vs.", "no.", "jan.",
    "feb.", "mar.", "apr.", "jun.", "jul.", "aug.", "sep.", "sept.", "oct.", "nov.", "dec.",
];

/// Sentences shorter than this (in distinct words) are only dropped as repeats when identical.
const NEAR_REPEAT_MIN_WORDS: usize = 8;
/// Share of the shorter sentence's distinct words that must recur for a near-repeat.
const NEAR_REPEAT_OVERLAP: f64 = 0.8;

/// The sentences of `text` in order, whitespace-normalised.
pub fn split(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    for paragraph in paragraphs(text) {
        let mut pending = String::new();
        for piece in paragraph.split_sentence_bounds() {
            let piece = piece.trim();
            if piece.is_empty() {
                continue;
            }
            if !pending.is_empty() {
                pending.push(' ');
            }
            pending.push_str(piece);
            if !ends_with_abbreviation(&pending) {
                out.push(std::mem::take(&mut pending));
            }
        }
        if !pending.is_empty() {
            out.push(pending);
        }
    }
    out
}

/// Bytes of a sentence kept on each side of a date expression when the sentence is too long to read
/// and quote whole for it: one sentence of thousands of dates would otherwise be read and copied
/// once per date.
pub const REACH: usize = 300;

/// The part of `sentence` read and quoted for the expression at `span`: all of it when it is short,
/// else about [`REACH`] bytes either side of the expression, cut between words.
pub fn around(sentence: &str, span: &Range<usize>) -> Range<usize> {
    let span = span.start.min(sentence.len())..span.end.min(sentence.len());
    let mut start = span.start.saturating_sub(REACH);
    let mut end = span.end.saturating_add(REACH).min(sentence.len());
    if start > 0 {
        while !sentence.is_char_boundary(start) {
            start += 1;
        }
        // Start after a space, so no word is cut in half (unless there is none to cut at).
        if let Some(i) = sentence[start..span.start].find(' ') {
            start += i + 1;
        }
    }
    if end < sentence.len() {
        while !sentence.is_char_boundary(end) {
            end -= 1;
        }
        if let Some(i) = sentence[span.end..end].rfind(' ') {
            end = span.end + i;
        }
    }
    start..end
}

/// The verbatim quote for `part` of `sentence` (from [`around`]): `…` marks where it was cut.
pub fn excerpt(sentence: &str, part: &Range<usize>) -> String {
    let mut out = String::with_capacity(part.len() + 8);
    if part.start > 0 {
        out.push('…');
    }
    out.push_str(&sentence[part.clone()]);
    if part.end < sentence.len() {
        out.push('…');
    }
    out
}

/// Paragraphs with their lines joined by single spaces.
fn paragraphs(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut current: Vec<&str> = Vec::new();
    for line in text.lines() {
        if line.trim().is_empty() {
            if !current.is_empty() {
                out.push(collapse(&current.join(" ")));
                current.clear();
            }
        } else {
            current.push(line);
        }
    }
    if !current.is_empty() {
        out.push(collapse(&current.join(" ")));
    }
    out
}

fn collapse(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn ends_with_abbreviation(s: &str) -> bool {
    let last = s.rsplit(' ').next().unwrap_or_default().to_lowercase();
    ABBREVIATIONS.contains(&last.as_str())
}

/// Drops sentences that repeat an earlier one, keeping the first. A repeat is the same words in any
/// case and punctuation, or, for sentences of eight words or more, one whose distinct words are at
/// least 80% shared with an earlier sentence (an article that restates its lede with a new ending).
pub fn dedupe(sentences: Vec<String>) -> Vec<String> {
    let mut kept: Vec<(String, HashSet<String>)> = Vec::new();
    for sentence in sentences {
        let words = words(&sentence);
        let repeat = kept.iter().any(|(_, seen)| {
            if *seen == words {
                return true;
            }
            let smaller = seen.len().min(words.len());
            smaller >= NEAR_REPEAT_MIN_WORDS
                && seen.intersection(&words).count() as f64 >= NEAR_REPEAT_OVERLAP * smaller as f64
        });
        if !repeat && !words.is_empty() {
            kept.push((sentence, words));
        }
    }
    kept.into_iter().map(|(s, _)| s).collect()
}

fn words(s: &str) -> HashSet<String> {
    s.unicode_words().map(str::to_lowercase).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_sentences_are_read_around_the_expression_and_cut_between_words() {
        let short = "On May 27 they met.";
        assert_eq!(around(short, &(3..9)), 0..short.len());
        assert_eq!(excerpt(short, &(0..short.len())), short);

        let words = "word ".repeat(200);
        let long = format!("{words}on May 27 they met {words}");
        let at = long.find("May 27").unwrap();
        let part = around(&long, &(at..at + 6));
        assert!(part.start > 0 && part.end < long.len());
        assert!(part.len() <= 2 * REACH + 6);
        let quote = excerpt(&long, &part);
        assert!(
            quote.starts_with("…word ") && quote.ends_with(" word…"),
            "{quote}"
        );
        assert!(quote.contains("on May 27 they met"));
        // Cut at a character boundary even in scripts of several bytes a character.
        let hindi = format!("{} 27 मई {}", "भारत ".repeat(200), "अमेरिका ".repeat(200));
        let at = hindi.find("27").unwrap();
        let part = around(&hindi, &(at..at + 2));
        assert!(excerpt(&hindi, &part).contains("27 मई"));
    }

    #[test]
    fn splits_sentences_and_keeps_numbers_whole() {
        let text = "Growth is 6.2%, lower than in January. On Tuesday, they met.\n\nA Heading\n\nLast line";
        assert_eq!(
            split(text),
            [
                "Growth is 6.2%, lower than in January.",
                "On Tuesday, they met.",
                "A Heading",
                "Last line"
            ]
        );
    }

    #[test]
    fn joins_hard_wrapped_lines_and_abbreviations() {
        let text =
            "Mr. Goyal met U.S. Trade\n  Representative Jamieson Greer on\nMay 20. It went well.";
        assert_eq!(
            split(text),
            [
                "Mr. Goyal met U.S. Trade Representative Jamieson Greer on May 20.",
                "It went well."
            ]
        );
    }

    #[test]
    fn drops_exact_and_near_repeats_keeping_the_first() {
        let lede = "On Tuesday, Foreign Secretary Vikram Misri met with US Under Secretary Jeffrey \
                    Kessler in Washington to discuss key issues around technology, commerce and \
                    other urgent matters.";
        let body = "On Tuesday, Foreign Secretary Vikram Misri met with US Under Secretary Jeffrey \
                    Kessler in Washington to discuss key issues around technology, commerce, and \
                    the early resumption of strategic trade dialogues.";
        let kept = dedupe(vec![
            "They met.".into(),
            lede.into(),
            "THEY met!".into(),
            body.into(),
            "They left.".into(),
        ]);
        assert_eq!(kept, ["They met.", lede, "They left."]);
    }

    #[test]
    fn short_sentences_sharing_words_are_not_repeats() {
        let kept = dedupe(vec![
            "Talks resumed in May.".into(),
            "Talks stalled in May.".into(),
        ]);
        assert_eq!(kept.len(), 2);
    }
}
