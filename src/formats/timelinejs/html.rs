//! TimelineJS's HTML fields as plain text: tags removed, entities decoded, paragraphs kept, and
//! each link's address set aside so the importer can cite it as a source.
//!
//! Tokenising is html5gum's (a WHATWG tokenizer, which also decodes entities); this module only
//! decides what each tag means for plain text.

use html5gum::{Token, Tokenizer};

/// A link found in the HTML: its visible text and where it points.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Link {
    pub text: String,
    pub url: String,
}

/// Plain text from an HTML fragment.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Plain {
    /// Paragraphs separated by a blank line, `<br>` as a line break, whitespace runs collapsed.
    pub text: String,
    pub links: Vec<Link>,
    /// Embedded things with no text form (`img`, `iframe`, ...), by tag name, for warnings.
    pub dropped: Vec<String>,
}

/// Tags that start and end a block of text.
const BLOCKS: &[&str] = &[
    "p",
    "div",
    "blockquote",
    "ul",
    "ol",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "table",
    "tr",
    "section",
    "article",
    "header",
    "footer",
    "figure",
    "figcaption",
    "pre",
    "hr",
    "dl",
    "dt",
    "dd",
];

/// Tags whose content is not text for a reader.
const HIDDEN: &[&str] = &["script", "style", "template", "noscript"];

/// Tags that embed something a terminal cannot show.
const EMBEDS: &[&str] = &[
    "img", "iframe", "video", "audio", "object", "embed", "svg", "canvas",
];

/// Builds the text: words, pending spaces and paragraph breaks.
#[derive(Default)]
struct Writer {
    out: String,
    /// A space is due before the next word (whitespace was seen since the last word).
    space: bool,
    /// Line breaks due before the next word: 1 for `<br>`, 2 for a new paragraph.
    breaks: usize,
}

impl Writer {
    fn word_text(&mut self, s: &str) {
        // HTML's whitespace is ASCII only: a no-break space is kept.
        for (i, piece) in s.split(|c: char| c.is_ascii_whitespace()).enumerate() {
            if i > 0 {
                self.space = true;
            }
            if piece.is_empty() {
                continue;
            }
            if !self.out.is_empty() {
                if self.breaks > 0 {
                    self.out.push_str(&"\n".repeat(self.breaks));
                } else if self.space {
                    self.out.push(' ');
                }
            }
            self.breaks = 0;
            self.space = false;
            self.out.push_str(piece);
        }
    }

    fn line_break(&mut self) {
        self.breaks = self.breaks.max(1);
        self.space = false;
    }

    fn paragraph(&mut self) {
        self.breaks = 2;
        self.space = false;
    }
}

/// Converts an HTML fragment to plain text. Never fails: tag soup is read as browsers would.
pub fn to_text(html: &str) -> Plain {
    // Fast path: most headlines and many texts carry no markup at all.
    if !html.contains(['<', '&']) {
        let mut w = Writer::default();
        w.word_text(html);
        return Plain {
            text: w.out,
            ..Plain::default()
        };
    }
    let mut w = Writer::default();
    let mut links = Vec::new();
    let mut dropped = Vec::new();
    // The open link's address and where its text starts in `w.out`.
    let mut open_link: Option<(String, usize)> = None;
    let mut hidden_depth = 0usize;
    for token in Tokenizer::new(html).flatten() {
        match token {
            Token::StartTag(tag) => {
                let name = String::from_utf8_lossy(&tag.name).to_ascii_lowercase();
                let attr = |key: &str| {
                    tag.attributes
                        .get(key.as_bytes())
                        .map(|v| String::from_utf8_lossy(&v.value).trim().to_string())
                        .filter(|v| !v.is_empty())
                };
                if HIDDEN.contains(&name.as_str()) && !tag.self_closing {
                    hidden_depth += 1;
                } else if name == "br" {
                    w.line_break();
                } else if name == "li" {
                    w.line_break();
                    w.word_text("•");
                    w.space = true;
                } else if BLOCKS.contains(&name.as_str()) {
                    w.paragraph();
                } else if name == "a" {
                    open_link = attr("href").map(|href| (href, w.out.len()));
                } else if EMBEDS.contains(&name.as_str()) {
                    if let Some(src) = attr("src") {
                        links.push(Link {
                            text: attr("alt").or_else(|| attr("title")).unwrap_or_default(),
                            url: src,
                        });
                    }
                    dropped.push(name);
                }
            }
            Token::EndTag(tag) => {
                let name = String::from_utf8_lossy(&tag.name).to_ascii_lowercase();
                if HIDDEN.contains(&name.as_str()) {
                    hidden_depth = hidden_depth.saturating_sub(1);
                } else if name == "li" {
                    w.line_break();
                } else if BLOCKS.contains(&name.as_str()) {
                    w.paragraph();
                } else if name == "a"
                    && let Some((url, start)) = open_link.take()
                {
                    let text = w.out.get(start..).unwrap_or_default().trim().to_string();
                    links.push(Link { text, url });
                }
            }
            Token::String(s) if hidden_depth == 0 => {
                w.word_text(&String::from_utf8_lossy(&s.value));
            }
            _ => {}
        }
    }
    if let Some((url, start)) = open_link {
        let text = w.out.get(start..).unwrap_or_default().trim().to_string();
        links.push(Link { text, url });
    }
    dropped.dedup();
    Plain {
        text: w.out,
        links,
        dropped,
    }
}

/// Escapes text for an HTML text node or attribute (for TimelineJS export).
pub fn escape(text: &str) -> String {
    html_escape::encode_double_quoted_attribute(text).into_owned()
}

/// Plain prose as HTML paragraphs: blank lines separate `<p>`s, single newlines become `<br>`.
pub fn paragraphs(text: &str) -> String {
    text.split("\n\n")
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .map(|p| {
            let lines: Vec<String> = p.lines().map(escape).collect();
            format!("<p>{}</p>", lines.join("<br>"))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tags_go_entities_are_decoded_and_paragraphs_stay() {
        let p = to_text(
            "<p class=\"lead\">Caf&eacute; &amp; <b>bar</b>&nbsp;&#8212; ok</p><p>Two<br>lines</p>",
        );
        assert_eq!(p.text, "Café & bar\u{a0}— ok\n\nTwo\nlines");
        assert!(p.links.is_empty());
    }

    #[test]
    fn links_keep_their_text_and_give_their_address() {
        let p = to_text(
            "Take <a href=\"https://en.wikipedia.org/wiki/Ada_Lovelace\">Ada Lovelace</a>: \
             <a href='x?a=1&amp;b=2'>b</a>",
        );
        assert_eq!(p.text, "Take Ada Lovelace: b");
        assert_eq!(
            p.links,
            vec![
                Link {
                    text: "Ada Lovelace".into(),
                    url: "https://en.wikipedia.org/wiki/Ada_Lovelace".into()
                },
                Link {
                    text: "b".into(),
                    url: "x?a=1&b=2".into()
                },
            ]
        );
    }

    #[test]
    fn whitespace_collapses_as_in_a_browser() {
        assert_eq!(to_text("  a \n\t b  ").text, "a b");
        assert_eq!(to_text("<p> a </p>\n<p> b </p>").text, "a\n\nb");
        assert_eq!(to_text("x<span> y</span>").text, "x y");
        assert_eq!(to_text("").text, "");
        assert_eq!(to_text("<p></p>").text, "");
    }

    #[test]
    fn scripts_are_not_text_and_embeds_are_reported() {
        let p =
            to_text("<script>alert(1)</script>Hi<img src=\"a.png\" alt=\"A\"><iframe></iframe>");
        assert_eq!(p.text, "Hi");
        assert_eq!(p.dropped, vec!["img".to_string(), "iframe".to_string()]);
        assert_eq!(p.links[0].url, "a.png");
    }

    #[test]
    fn lists_and_quotes() {
        let p =
            to_text("<ul><li>one</li><li>two</li></ul><blockquote>q <cite>who</cite></blockquote>");
        assert_eq!(p.text, "• one\n• two\n\nq who");
    }

    #[test]
    fn escape_and_paragraphs_round_trip_through_to_text() {
        let text = "a < b & \"c\"\nsecond line\n\nnext paragraph";
        assert_eq!(
            paragraphs(text),
            "<p>a &lt; b &amp; &quot;c&quot;<br>second line</p><p>next paragraph</p>"
        );
        assert_eq!(to_text(&paragraphs(text)).text, text);
        assert_eq!(to_text(&escape("<b>&amp;</b>")).text, "<b>&amp;</b>");
    }
}
