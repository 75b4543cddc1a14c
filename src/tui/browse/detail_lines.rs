//! The detail pane's text: everything about the selected event, wrapped once to the pane's width
//! (by `App` when the selection or the width changes), so drawing a very long text costs nothing.
//!
//! A source's URL is never wrapped: it gets a line of its own, shortened in the middle with "…"
//! when it does not fit, and carries the checked URL (see `core::link`) for the view to make a
//! hyperlink of, so the terminal always has the whole address even when the screen shows part.
//!
//! The lines hold text ready for the screen (`tui::cells::for_screen`), not the event's text.

use unicode_segmentation::UnicodeSegmentation;
use unicode_width::UnicodeWidthStr;

use crate::core::link;
use crate::core::model::{Date, Era, Event};
use crate::tui::cells;

/// What a line of the detail pane is, for styling.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    Title,
    Field,
    Body,
    Heading,
    /// A source's number and title.
    Source,
    /// Where a source is: its file and publication date, or why its URL is not a link.
    Cite,
    /// A source's URL, on a line of its own.
    Link,
    Quote,
    Blank,
}

/// One wrapped line: its role, a field label (or ""), and its text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DetailLine {
    pub role: Role,
    pub label: &'static str,
    pub text: String,
    /// For a [`Role::Link`] line whose URL passed the check: the URL in ASCII, whole.
    pub link: Option<String>,
}

/// The left margin of a source's quote, place and link lines.
pub const SOURCE_INDENT: usize = 4;

/// Width of the label column of field lines ("Status   ").
pub const LABEL_WIDTH: usize = 9;

/// The event's full record, with the eras it falls in, wrapped to `width` columns.
pub fn lines(e: &Event, eras: &[&Era], width: u16, as_of: Option<&Date>) -> Vec<DetailLine> {
    let width = usize::from(width).max(1);
    let mut out = Vec::new();
    // `first` and `rest` are the left margins of a paragraph's first and following lines. Field
    // values are narrower by the label column, which the renderer draws.
    let field_width = width.saturating_sub(LABEL_WIDTH).max(1);
    let push = |out: &mut Vec<DetailLine>, role, label, text: &str, first: usize, rest: usize| {
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
                link: None,
            });
        }
    };
    push(&mut out, Role::Title, "", &e.title, 0, 0);
    // What a briefer needs first comes first, so that even a short pane (80×24) shows it without
    // scrolling: when and whether, what happened, and the first source in its own words. The
    // record's other fields follow.
    let status = match (e.status_at(as_of), as_of.and_then(|d| e.countdown(d))) {
        (Some(s), Some(c)) => format!(" · {} — {c}", s.as_str()),
        (Some(s), None) => format!(" · {}", s.as_str()),
        (None, _) => String::new(),
    };
    let date = format!("{}{status}", e.date_label());
    push(&mut out, Role::Field, "Date", &date, 0, 0);
    if e.display_date.is_some() {
        // The author's wording replaced the dates in "Date"; show what they are too.
        push(&mut out, Role::Field, "Dated", &e.dated_label(), 0, 0);
    }
    if let Some(summary) = &e.summary {
        for paragraph in summary.split('\n') {
            push(&mut out, Role::Body, "", paragraph, 0, 0);
        }
    }
    for (i, s) in e.sources.iter().enumerate() {
        if i == 0 || s.quote.is_some() {
            push(&mut out, Role::Blank, "", "", 0, 0);
        }
        let title = format!("[{}] {}", i + 1, s.title);
        push(&mut out, Role::Source, "", &title, 0, 4);
        if let Some(q) = &s.quote {
            for paragraph in q.split('\n') {
                push(&mut out, Role::Quote, "", &quoted(paragraph), 4, 5);
            }
        }
        let published = s.published.map(|d| format!("published {}", d.label()));
        let place: Vec<&str> = s
            .file
            .iter()
            .chain(&published)
            .map(String::as_str)
            .collect();
        if !place.is_empty() {
            push(&mut out, Role::Cite, "", &place.join(" · "), 4, 4);
        }
        let Some(url) = &s.url else { continue };
        let checked = link::source_url(e, i);
        let indent = " ".repeat(SOURCE_INDENT);
        out.push(DetailLine {
            role: Role::Link,
            label: "",
            text: format!(
                "{indent}{}",
                shorten(url, width.saturating_sub(SOURCE_INDENT))
            ),
            link: checked.as_ref().and_then(|c| c.as_ref().ok()).cloned(),
        });
        if let Some(Err(why)) = checked {
            let why = format!("(not a link: {why})");
            push(&mut out, Role::Cite, "", &why, 4, 4);
        }
    }
    let era_titles: Vec<&str> = eras.iter().map(|era| era.title.as_ref()).collect();
    let fields: [(&'static str, String); 7] = [
        ("Era", era_titles.join(", ")),
        ("Kind", e.kind.as_deref().unwrap_or_default().to_string()),
        ("Group", e.group.as_deref().unwrap_or_default().to_string()),
        ("Actors", e.actors.join(", ")),
        ("Places", e.places.join(", ")),
        ("Tags", e.tags.join(", ")),
        ("Id", e.id.to_string()),
    ];
    push(&mut out, Role::Blank, "", "", 0, 0);
    for (label, value) in fields.iter().filter(|(_, v)| !v.is_empty()) {
        push(&mut out, Role::Field, label, value, 0, 0);
    }
    if let Some(details) = &e.details {
        push(&mut out, Role::Blank, "", "", 0, 0);
        for paragraph in details.split('\n') {
            push(&mut out, Role::Body, "", paragraph, 0, 0);
        }
    }
    out
}

/// `text` in at most `width` columns: whole if it fits, else its start and end around "…", cut
/// between graphemes.
pub fn shorten(text: &str, width: usize) -> String {
    if text.width() <= width {
        return text.to_string();
    }
    if width == 0 {
        return String::new();
    }
    let graphemes: Vec<&str> = text.graphemes(true).collect();
    // Two thirds for the start, which names the site, and at least the whole site when that
    // leaves room for some of the end, which names the page.
    let room = width - 1;
    let site = text
        .find("://")
        .map(|i| i + 3)
        .and_then(|from| text[from..].find('/').map(|j| text[..from + j + 1].width()))
        .unwrap_or(0);
    let head_room = if site + 8 <= room {
        site.max(room * 2 / 3)
    } else {
        room * 2 / 3
    };
    let mut head = String::new();
    let mut used = 0;
    for g in &graphemes {
        if used + g.width() > head_room {
            break;
        }
        used += g.width();
        head.push_str(g);
    }
    let mut tail: Vec<&str> = Vec::new();
    let mut tail_used = 0;
    for g in graphemes.iter().rev() {
        if used + tail_used + g.width() > room {
            break;
        }
        tail_used += g.width();
        tail.push(g);
    }
    tail.reverse();
    format!("{head}…{}", tail.concat())
}

/// Wraps on word boundaries, breaking over-long words, with `first` and `rest` columns of margin.
/// An empty paragraph stays one empty line.
fn wrap(text: &str, width: usize, first: usize, rest: usize) -> Vec<String> {
    if text.is_empty() {
        return vec![String::new()];
    }
    // Measured, wrapped and kept as the terminal lays it out (see `tui::cells`).
    let text = cells::for_screen(text);
    let text = text.as_ref();
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
    fn urls_keep_one_line_and_are_shortened_in_the_middle() {
        let url = "https://www.lokmattimes.com/international/pm-modis-feb-12-13-us-visit/";
        assert_eq!(shorten(url, 200), url);
        let short = shorten(url, 40);
        assert_eq!(short.width(), 40, "{short}");
        assert!(short.starts_with("https://www.lokmattimes.com/"), "{short}");
        assert!(short.ends_with("us-visit/"), "{short}");
        assert_eq!(short.matches('…').count(), 1);
        for width in 0..12 {
            assert!(shorten("https://例え.jp/パス", width).width() <= width);
        }

        let mut e = Event::new("x", "x", Date::parse("2025").unwrap());
        e.add_source(crate::core::model::Source {
            title: "Report".into(),
            url: Some(url.into()),
            ..Default::default()
        });
        e.add_source(crate::core::model::Source {
            title: "Hostile".into(),
            url: Some("javascript:alert(1)".into()),
            ..Default::default()
        });
        let lines = lines(&e, &[], 30, None);
        let links: Vec<&DetailLine> = lines.iter().filter(|l| l.role == Role::Link).collect();
        assert_eq!(links.len(), 2);
        assert_eq!(
            links[0].link.as_deref(),
            Some(url),
            "the whole URL is linked"
        );
        assert_eq!(links[0].text.width(), 30);
        assert_eq!(links[1].link, None, "a refused URL is shown, not linked");
        assert!(
            lines
                .iter()
                .any(|l| l.text.contains("(not a link: only http"))
        );
    }

    #[test]
    fn wide_characters_and_emoji_fit() {
        let lines = wrap("भारत–अमेरिका 🇮🇳🇺🇸 साझेदारी", 8, 0, 0);
        assert!(lines.iter().all(|l| l.width() <= 8), "{lines:?}");
    }
}
