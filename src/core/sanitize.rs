//! Makes untrusted text safe to print on a terminal, once, at load time.
//!
//! A timeline file can carry escape sequences (`\x1b]0;title\x07`, OSC 52 clipboard writes, screen
//! clears) and invisible characters that reorder or hide text (BiDi overrides, zero-width spaces).
//! Every string the loader accepts passes through here, so the list, the detail pane, CLI output and
//! exports all print the same safe text. Nothing is dropped silently: each control becomes a visible
//! symbol, so a hostile `\x1b]0;PWNED\x07` is seen for what it is.

use std::borrow::Cow;

use crate::core::model::Event;

/// Columns between tab stops when expanding tabs.
const TAB: usize = 4;

/// Sanitises a one-line field (title, id, tag, name): newlines become a visible `␤`.
pub fn line(s: &str) -> Cow<'_, str> {
    clean(s, false)
}

/// Sanitises prose (summary, details, quote): `\n` and `\r\n` separate lines, a stray `\r` is shown.
pub fn prose(s: &str) -> Cow<'_, str> {
    clean(s, true)
}

/// Whether `c` must not reach a terminal as itself (JSON output escapes these as `\uXXXX`). Out of
/// context: a joiner that text needs between two letters is still escaped in JSON, losslessly.
pub fn is_unsafe(c: char) -> bool {
    visible(c, false).is_some()
}

/// Makes every text field of an event safe to print. When anything changes, the untouched event is
/// kept in `original`, so JSON output can still carry the original characters, escaped.
pub fn event(e: &mut Event) {
    let all_plain = is_plain(&e.title, false)
        && e.kind.iter().chain(&e.group).all(|s| is_plain(s, false))
        && e.display_date.iter().all(|s| is_plain(s, false))
        && [&e.summary, &e.details]
            .into_iter()
            .flatten()
            .all(|s| is_plain(s, true))
        && e.actors
            .iter()
            .chain(&e.places)
            .chain(&e.tags)
            .all(|s| is_plain(s, false))
        && e.sources.iter().all(|s| {
            is_plain(&s.title, false)
                && [&s.file, &s.url]
                    .into_iter()
                    .flatten()
                    .all(|t| is_plain(t, false))
                && s.quote.iter().all(|q| is_plain(q, true))
        })
        && e.draft.iter().all(|d| is_plain(&d.expression, false));
    if all_plain {
        return;
    }
    let original = e.clone();
    fix(&mut e.title, line);
    e.kind
        .iter_mut()
        .chain(&mut e.group)
        .for_each(|n| fix(n, line));
    e.display_date.iter_mut().for_each(|s| fix(s, line));
    e.summary.iter_mut().for_each(|s| fix(s, prose));
    e.details.iter_mut().for_each(|s| fix(s, prose));
    e.actors
        .iter_mut()
        .chain(e.places.iter_mut())
        .chain(e.tags.iter_mut())
        .for_each(|n| fix(n, line));
    for s in e.sources.iter_mut() {
        fix(&mut s.title, line);
        s.file
            .iter_mut()
            .chain(&mut s.url)
            .for_each(|t| fix(t, line));
        s.quote.iter_mut().for_each(|q| fix(q, prose));
    }
    if let Some(d) = &mut e.draft {
        fix(&mut d.expression, line);
    }
    e.original = Some(Box::new(original));
}

/// Replaces one text field (a `String`, a boxed `str` or a `Name`) with its cleaned form, when
/// cleaning changed it.
fn fix<T: std::ops::Deref<Target = str> + From<String>>(
    s: &mut T,
    clean: fn(&str) -> Cow<'_, str>,
) {
    if let Cow::Owned(cleaned) = clean(s) {
        *s = T::from(cleaned);
    }
}

/// Whether `s` is already safe as it is (`multiline`: prose, where `\n` is allowed).
fn is_plain(s: &str, multiline: bool) -> bool {
    s.bytes()
        .all(|b| (0x20..0x7f).contains(&b) || (multiline && b == b'\n'))
        || {
            let mut prev = None;
            let mut chars = s.chars().peekable();
            loop {
                let Some(c) = chars.next() else { break true };
                if visible(c, multiline).is_some() && !joins(prev, c, chars.peek().copied()) {
                    break false;
                }
                prev = Some(c);
            }
        }
}

/// Whether `c` is a zero-width joiner or non-joiner doing its job: between two characters (letters
/// or signs such as a virama) of one of the scripts whose spelling uses them (Indic scripts, Arabic
/// and Persian, Syriac, Sinhala, Myanmar, Khmer, Mongolian), as in "क्‍ष", "র‍্য" or "می‌خواهم".
/// Anywhere else a joiner has no work to do, and is shown.
fn joins(prev: Option<char>, c: char, next: Option<char>) -> bool {
    if !matches!(c, '\u{200C}' | '\u{200D}') {
        return false;
    }
    let (Some(prev), Some(next)) = (prev, next) else {
        return false;
    };
    let script = joining_script(prev);
    script.is_some() && script == joining_script(next)
}

/// The script of `c` among those that use joiners, by its Unicode block.
fn joining_script(c: char) -> Option<u8> {
    Some(match c {
        '\u{0600}'..='\u{06FF}'
        | '\u{0750}'..='\u{077F}'
        | '\u{0870}'..='\u{08FF}'
        | '\u{FB50}'..='\u{FDFF}'
        | '\u{FE70}'..='\u{FEFF}' => 0, // Arabic, Persian, Urdu
        '\u{0700}'..='\u{074F}' => 1, // Syriac
        '\u{0900}'..='\u{097F}' | '\u{A8E0}'..='\u{A8FF}' => 2, // Devanagari
        '\u{0980}'..='\u{09FF}' => 3, // Bengali
        '\u{0A00}'..='\u{0A7F}' => 4, // Gurmukhi
        '\u{0A80}'..='\u{0AFF}' => 5, // Gujarati
        '\u{0B00}'..='\u{0B7F}' => 6, // Odia
        '\u{0B80}'..='\u{0BFF}' => 7, // Tamil
        '\u{0C00}'..='\u{0C7F}' => 8, // Telugu
        '\u{0C80}'..='\u{0CFF}' => 9, // Kannada
        '\u{0D00}'..='\u{0D7F}' => 10, // Malayalam
        '\u{0D80}'..='\u{0DFF}' => 11, // Sinhala
        '\u{1000}'..='\u{109F}' => 12, // Myanmar
        '\u{1780}'..='\u{17FF}' => 13, // Khmer
        '\u{1800}'..='\u{18AF}' => 14, // Mongolian
        _ => return None,
    })
}

fn clean(s: &str, multiline: bool) -> Cow<'_, str> {
    if is_plain(s, multiline) {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len() + 8);
    let mut column = 0usize;
    let mut prev = None;
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        let before = prev.replace(c);
        match c {
            _ if joins(before, c, chars.peek().copied()) => out.push(c),
            '\t' => {
                let n = TAB - column % TAB;
                out.extend(std::iter::repeat_n(' ', n));
                column += n;
            }
            '\r' if multiline && chars.peek() == Some(&'\n') => {}
            '\n' | '\u{2028}' | '\u{2029}' if multiline => {
                out.push('\n');
                column = 0;
            }
            _ => match visible(c, multiline) {
                Some(symbol) => {
                    column += symbol.chars().count();
                    out.push_str(&symbol);
                }
                None => {
                    out.push(c);
                    column += 1;
                }
            },
        }
    }
    Cow::Owned(out)
}

/// The visible stand-in for a character that must not reach a terminal as itself, if any.
fn visible(c: char, multiline: bool) -> Option<String> {
    let code = u32::from(c);
    match c {
        '\n' if multiline => None,
        // C0 controls and DEL have Control Pictures: ␛ for ESC, ␇ for BEL, ␤ for newline, ␡ for DEL.
        '\n' => Some("\u{2424}".into()),
        '\u{0}'..='\u{1f}' => char::from_u32(0x2400 + code).map(String::from),
        '\u{7f}' => Some("\u{2421}".into()),
        // C1 controls (CSI, OSC, ...), BiDi embeddings, overrides, isolates and marks, zero-width
        // characters, line/paragraph separators outside prose and other invisible formatters.
        '\u{80}'..='\u{9f}'
        | '\u{61c}'
        | '\u{200b}'..='\u{200f}'
        | '\u{2028}'..='\u{202e}'
        | '\u{2060}'..='\u{2069}'
        | '\u{feff}'
        | '\u{fff9}'..='\u{fffb}'
        // Reserved: the screen uses these private-use characters as stand-ins for marks it lays
        // out (`tui::cells`), so none may come from a file.
        | '\u{10ff00}'..='\u{10ffff}' => Some(format!("⟨U+{code:04X}⟩")),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_text_is_borrowed() {
        assert!(matches!(line("Misri meets Kessler"), Cow::Borrowed(_)));
        assert!(matches!(line("भारत–अमेरिका 🇮🇳"), Cow::Borrowed(_)));
        assert!(matches!(prose("two\nparagraphs"), Cow::Borrowed(_)));
    }

    #[test]
    fn escape_sequences_become_visible() {
        assert_eq!(line("\x1b]0;PWNED\x07"), "␛]0;PWNED␇");
        assert_eq!(line("\x1b[2J"), "␛[2J");
        assert_eq!(line("a\u{7f}b"), "a␡b");
        assert_eq!(line("\u{9b}31m"), "⟨U+009B⟩31m");
    }

    #[test]
    fn invisible_reordering_is_shown() {
        assert_eq!(line("abc\u{202e}def"), "abc⟨U+202E⟩def");
        assert_eq!(line("a\u{200b}b"), "a⟨U+200B⟩b");
        assert_eq!(line("\u{feff}x"), "⟨U+FEFF⟩x");
        assert_eq!(line("\u{2066}x\u{2069}"), "⟨U+2066⟩x⟨U+2069⟩");
    }

    #[test]
    fn joiners_between_letters_of_one_script_are_kept_and_others_shown() {
        // Devanagari क्‍ष (a half form), Malayalam ക്‌ഷ, Persian می‌خواهم, Bengali র‍্য.
        for word in ["क्\u{200D}ष", "ക്\u{200C}ഷ", "می\u{200C}خواهم", "র\u{200D}্য"]
        {
            assert!(matches!(line(word), Cow::Borrowed(_)), "{word}");
        }
        assert_eq!(line("a\u{200D}b"), "a⟨U+200D⟩b");
        assert_eq!(line("\u{200D}क"), "⟨U+200D⟩क");
        assert_eq!(line("क\u{200D}"), "क⟨U+200D⟩");
        assert_eq!(line("क\u{200C}ഷ"), "क⟨U+200C⟩ഷ", "two scripts");
        assert_eq!(line("क\u{200D}\u{1b}"), "क⟨U+200D⟩␛");
        // Mixed with something that must be shown, the joiner still stays.
        assert_eq!(line("क्\u{200D}ष\u{1b}"), "क्\u{200D}ष␛");
        assert_eq!(line("\u{10FF00}"), "⟨U+10FF00⟩");
    }

    #[test]
    fn newlines_tabs_and_returns() {
        assert_eq!(line("a\nb"), "a␤b");
        assert_eq!(prose("a\nb"), "a\nb");
        assert_eq!(prose("a\r\nb"), "a\nb");
        assert_eq!(prose("a\rb"), "a␍b");
        assert_eq!(prose("a\tb\n\tc"), "a   b\n    c");
    }
}
