//! The detail pane's text: everything about the selected event, wrapped once to the pane's width
//! (by `App` when the selection or the width changes), so drawing a very long text costs nothing.

use unicode_segmentation::UnicodeSegmentation;
use unicode_width::UnicodeWidthStr;

use crate::core::model::{Date, Era, Event};

/// What a line of the detail pane is, for styling.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    Title,
    Field,
    Body,
    Heading,
    /// A source's number and title.
    Source,
    /// Where a source is: file, URL, publication date.
    Cite,
    Quote,
    Blank,
}

/// One wrapped line: its role, a field label (or ""), and its text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DetailLine {
    pub role: Role,
    pub label: &'static str,
    pub text: String,
}

/// Width of the label column of field lines ("Status   ").
pub const LABEL_WIDTH: usize = 9;

/// The event's full record, with the eras it falls in, wrapped to `width` columns.
pub fn lines(e: &Event, eras: &[&Era], width: u16, as_of: Option<&Date>) -> Vec<DetailLine> {
    let width = usize::from(width).max(1);
    let mut out = Vec::new();
    // `first` and `rest` are the left margins of a paragraph's first and following lines. Field
    // values are narrower by the label column, which the renderer draws.
    let field_width = width.saturating_sub(LABEL_WIDTH).max(1);
    let mut push = |role, label, text: &str, first: usize, rest: usize| {
        let avail = if role == Role::Field {
            field_width
        } else {
            width
        };
        for (i, piece) in wrap(text, avail, first, rest).into_iter().enumerate() {
            out.push(DetailLine {
                role,
                label: if i == 0 { label } else { "" },
                text: piece,
            });
        }
    };
    push(Role::Title, "", &e.title, 0, 0);
    // What a briefer needs first comes first, so that even a short pane (80×24) shows it without
    // scrolling: when and whether, what happened, and the first source in its own words. The
    // record's other fields follow.
    let status = match (e.status_at(as_of), as_of.and_then(|d| e.countdown(d))) {
        (Some(s), Some(c)) => format!(" · {} — {c}", s.as_str()),
        (Some(s), None) => format!(" · {}", s.as_str()),
        (None, _) => String::new(),
    };
    push(
        Role::Field,
        "Date",
        &format!("{}{status}", e.date_label()),
        0,
        0,
    );
    if e.display_date.is_some() {
        // The author's wording replaced the dates in "Date"; show what they are too.
        push(Role::Field, "Dated", &e.dated_label(), 0, 0);
    }
    if let Some(summary) = &e.summary {
        for paragraph in summary.split('\n') {
            push(Role::Body, "", paragraph, 0, 0);
        }
    }
    for (i, s) in e.sources.iter().enumerate() {
        if i == 0 || s.quote.is_some() {
            push(Role::Blank, "", "", 0, 0);
        }
        push(Role::Source, "", &format!("[{}] {}", i + 1, s.title), 0, 4);
        if let Some(q) = &s.quote {
            for paragraph in q.split('\n') {
                push(Role::Quote, "", &quoted(paragraph), 4, 5);
            }
        }
        let place = s.locators();
        if !place.is_empty() {
            push(Role::Cite, "", &place.join(" · "), 4, 4);
        }
    }
    let era_titles: Vec<&str> = eras.iter().map(|era| era.title.as_str()).collect();
    let fields: [(&'static str, String); 7] = [
        ("Era", era_titles.join(", ")),
        ("Kind", e.kind.as_deref().unwrap_or_default().to_string()),
        ("Group", e.group.as_deref().unwrap_or_default().to_string()),
        ("Actors", e.actors.join(", ")),
        ("Places", e.places.join(", ")),
        ("Tags", e.tags.join(", ")),
        ("Id", e.id.clone()),
    ];
    push(Role::Blank, "", "", 0, 0);
    for (label, value) in fields.iter().filter(|(_, v)| !v.is_empty()) {
        push(Role::Field, label, value, 0, 0);
    }
    if let Some(details) = &e.details {
        push(Role::Blank, "", "", 0, 0);
        for paragraph in details.split('\n') {
            push(Role::Body, "", paragraph, 0, 0);
        }
    }
    out
}

/// Wraps on word boundaries, breaking over-long words, with `first` and `rest` columns of margin.
/// An empty paragraph stays one empty line.
fn wrap(text: &str, width: usize, first: usize, rest: usize) -> Vec<String> {
    if text.is_empty() {
        return vec![String::new()];
    }
    let (first, rest) = (" ".repeat(first), " ".repeat(rest));
    // textwrap breaks over-long words between chars, which can split a letter from its combining
    // marks; words are kept whole here and over-long lines are cut between graphemes below.
    let options = textwrap::Options::new(width)
        .break_words(false)
        // "India-US" and "as-of" stay whole: a hyphen is not a place to break a name.
        .word_splitter(textwrap::WordSplitter::NoHyphenation)
        .initial_indent(&first)
        .subsequent_indent(&rest);
    let mut out = Vec::new();
    for line in textwrap::wrap(text, options) {
        if line.width() <= width {
            out.push(line.into_owned());
            continue;
        }
        let mut piece = String::new();
        let mut used = 0;
        for g in line.graphemes(true) {
            let w = g.width();
            if used > 0 && used + w > width {
                out.push(std::mem::take(&mut piece));
                piece.push_str(&rest);
                used = rest.len();
            }
            piece.push_str(g);
            used += w;
        }
        out.push(piece);
    }
    out
}

/// Puts a quote in quotation marks unless the source's own text already starts with one.
fn quoted(text: &str) -> String {
    if text.starts_with(['“', '"', '‘', '\'']) {
        text.to_string()
    } else {
        format!("“{text}”")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use unicode_segmentation::UnicodeSegmentation;

    #[test]
    fn long_words_break_between_graphemes_only() {
        let word = "e\u{301}".repeat(50) + &"क्षि".repeat(20);
        for width in [1, 3, 7, 20] {
            let lines = wrap(&word, width, 0, 0);
            assert_eq!(lines.concat(), word, "nothing lost at width {width}");
            for l in &lines {
                // A line is within the width, or is one grapheme too wide to share a line.
                assert!(
                    l.width() <= width || l.graphemes(true).count() == 1,
                    "{l:?} fits {width}"
                );
                assert!(
                    word.grapheme_indices(true)
                        .any(|(i, _)| word[i..].starts_with(l.as_str()))
                );
            }
        }
    }

    #[test]
    fn wide_characters_and_emoji_fit() {
        let lines = wrap("भारत–अमेरिका 🇮🇳🇺🇸 साझेदारी", 8, 0, 0);
        assert!(lines.iter().all(|l| l.width() <= 8), "{lines:?}");
    }
}
