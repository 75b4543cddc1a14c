//! Diagnostics: one problem at `file:line:column`, the error that gathers them, and the pieces
//! every JSON reader shares to find where a value was written.
//!
//! Positions come from serde_json itself: each object is read as a list of `(key, raw value)` pairs
//! whose raw text still points into the file, so every value knows where it starts.

use std::fmt;

use serde::Deserialize;
use serde::de::{MapAccess, Visitor};
use serde_json::value::RawValue;

use crate::core::sanitize;

/// One problem found in one file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    pub file: String,
    /// 1-based line and column (in characters), where the problem has a place in the file.
    pub position: Option<(usize, usize)>,
    /// Where in the document: `events[3] (misri-us-visit).start`.
    pub field: Option<String>,
    pub message: String,
}

/// Shown made safe like event text, wherever it is shown (standard error, the prompt line): the
/// file's name and a message quoting the file may carry escape sequences.
impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", sanitize::line(&self.file))?;
        if let Some((line, column)) = self.position {
            write!(f, ":{line}:{column}")?;
        }
        write!(f, ": ")?;
        if let Some(field) = &self.field {
            write!(f, "{}: ", sanitize::line(field))?;
        }
        write!(f, "{}", sanitize::line(&self.message))
    }
}

/// Everything that went wrong while loading; never empty.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub struct LoadError {
    pub diagnostics: Vec<Diagnostic>,
}

impl fmt::Display for LoadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, d) in self.diagnostics.iter().enumerate() {
            if i > 0 {
                writeln!(f)?;
            }
            write!(f, "{d}")?;
        }
        Ok(())
    }
}

impl LoadError {
    pub(crate) fn single(file: &str, message: impl Into<String>) -> LoadError {
        LoadError {
            diagnostics: vec![Diagnostic {
                file: file.to_string(),
                position: None,
                field: None,
                message: message.into(),
            }],
        }
    }
}

/// A file's bytes as text; invalid UTF-8 is reported at its line and column.
pub(crate) fn text_of<'a>(file: &str, bytes: &'a [u8]) -> Result<&'a str, LoadError> {
    match std::str::from_utf8(bytes) {
        Ok(text) => Ok(text),
        Err(e) => {
            let valid = &bytes[..e.valid_up_to()];
            let good = std::str::from_utf8(valid).unwrap_or_default();
            let pos = LineIndex::new(good).position(good, good.len());
            Err(LoadError {
                diagnostics: vec![Diagnostic {
                    file: file.to_string(),
                    position: Some(pos),
                    field: None,
                    message: "file is not valid UTF-8".into(),
                }],
            })
        }
    }
}

/// Byte offsets of line starts, for turning offsets into line:column.
///
/// A column counts characters from the start of its line, and a minified file is one line of any
/// length; counting from the line start every time made each position cost the whole file. So the
/// number of characters before every [`STRIDE`]th byte is kept too, and a position costs at most
/// `STRIDE` bytes of counting, whatever the line length and in whatever order positions are asked.
pub(crate) struct LineIndex {
    starts: Vec<usize>,
    /// `chars_before[k]`: characters in the first `k * STRIDE` bytes.
    chars_before: Vec<usize>,
}

/// Bytes between the character counts a [`LineIndex`] keeps.
const STRIDE: usize = 256;

impl LineIndex {
    pub(crate) fn new(text: &str) -> LineIndex {
        let mut starts = vec![0];
        starts.extend(memchr::memchr_iter(b'\n', text.as_bytes()).map(|i| i + 1));
        let mut chars_before = Vec::with_capacity(text.len() / STRIDE + 1);
        let mut count = 0;
        chars_before.push(0);
        for block in text.as_bytes().chunks(STRIDE) {
            count += chars_in(block);
            chars_before.push(count);
        }
        LineIndex {
            starts,
            chars_before,
        }
    }

    /// 1-based line and character column of a byte offset.
    pub(crate) fn position(&self, text: &str, offset: usize) -> (usize, usize) {
        let mut offset = offset.min(text.len());
        while !text.is_char_boundary(offset) {
            offset -= 1;
        }
        let line = self.starts.partition_point(|&s| s <= offset).max(1);
        let start = self.starts[line - 1];
        let column = self.chars_to(text, offset) - self.chars_to(text, start);
        (line, column + 1)
    }

    /// Characters in `text[..offset]`, counted from the nearest kept count at or before it.
    fn chars_to(&self, text: &str, offset: usize) -> usize {
        let block = offset / STRIDE;
        self.chars_before[block] + chars_in(&text.as_bytes()[block * STRIDE..offset])
    }

    /// Byte offset of serde_json's (line, column) within `slice`; serde_json counts columns in
    /// bytes. Only the lines before it are looked at, so this costs no more than the offset.
    pub(crate) fn offset_in(slice: &str, line: usize, column: usize) -> usize {
        let start = match line.saturating_sub(1) {
            0 => 0,
            n => memchr::memchr_iter(b'\n', slice.as_bytes())
                .nth(n - 1)
                .map_or(0, |i| i + 1),
        };
        start + column.saturating_sub(1)
    }
}

/// Characters in a run of UTF-8 bytes that may start or end inside a character: every byte but a
/// continuation byte (`10xxxxxx`) starts one.
fn chars_in(bytes: &[u8]) -> usize {
    bytes.iter().filter(|&&b| (b as i8) >= -0x40).count()
}

/// An object's members in written order, each value still pointing into the file.
pub(crate) struct Entries<'a>(pub(crate) Vec<(String, &'a RawValue)>);

impl<'de: 'a, 'a> Deserialize<'de> for Entries<'a> {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V<'a>(std::marker::PhantomData<&'a ()>);
        impl<'de: 'a, 'a> Visitor<'de> for V<'a> {
            type Value = Entries<'a>;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a JSON object")
            }
            fn visit_map<M: MapAccess<'de>>(self, mut map: M) -> Result<Entries<'a>, M::Error> {
                let mut entries = Vec::new();
                while let Some(key) = map.next_key::<String>()? {
                    let value: &'de RawValue = map.next_value()?;
                    entries.push((key, value));
                }
                Ok(Entries(entries))
            }
        }
        d.deserialize_map(V(std::marker::PhantomData))
    }
}

/// Where a key repeats one written before it in the same object, in written order. A set, not a
/// look back over the earlier keys: an object of many keys must not cost their square.
pub(crate) fn repeated_keys(entries: &[(String, &RawValue)]) -> Vec<usize> {
    let mut seen = std::collections::HashSet::with_capacity(entries.len());
    (0..entries.len())
        .filter(|&i| !seen.insert(entries[i].0.as_str()))
        .collect()
}

/// Describes a raw JSON value's type from its first character, for "expected X, found Y" messages.
pub(crate) fn kind_of(raw: &RawValue) -> &'static str {
    match raw.get().as_bytes().first() {
        Some(b'{') => "an object",
        Some(b'[') => "an array",
        Some(b'"') => "a string",
        Some(b't' | b'f') => "a boolean",
        Some(b'n') => "null",
        _ => "a number",
    }
}

/// serde_json's message without its " at line L column C" (positions are given our own way).
pub(crate) fn strip_position(e: &serde_json::Error) -> String {
    let full = e.to_string();
    match full.rfind(" at line ") {
        Some(i) => full[..i].to_string(),
        None => full,
    }
}

pub(crate) fn join(path: &str, key: &str) -> String {
    if path.is_empty() {
        key.to_string()
    } else {
        format!("{path}.{key}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn positions_count_characters_from_the_line_start() {
        let text = "ab\nनमस्ते x\n\n";
        let lines = LineIndex::new(text);
        assert_eq!(lines.position(text, 0), (1, 1));
        assert_eq!(lines.position(text, 2), (1, 3));
        let x = text.find('x').unwrap();
        assert_eq!(lines.position(text, x), (2, 8));
        // Inside a character: its start.
        assert_eq!(lines.position(text, 4), (2, 1));
        assert_eq!(lines.position(text, text.len()), (4, 1));
        assert_eq!(lines.position(text, text.len() + 10), (4, 1));
    }

    #[test]
    fn long_lines_agree_with_counting_from_the_start() {
        let text: String = (0..3000)
            .map(|i| if i % 7 == 0 { "é—" } else { "ab" })
            .collect();
        let text = format!("x\n{text}\n{text}");
        let lines = LineIndex::new(&text);
        for offset in (0..text.len()).step_by(97).rev() {
            let mut o = offset;
            while !text.is_char_boundary(o) {
                o -= 1;
            }
            let line = text[..o].matches('\n').count() + 1;
            let start = text[..o].rfind('\n').map_or(0, |i| i + 1);
            let column = text[start..o].chars().count() + 1;
            assert_eq!(lines.position(&text, offset), (line, column), "at {offset}");
        }
    }

    #[test]
    fn serde_positions_become_offsets() {
        let slice = "{\n  \"a\": x\n}";
        assert_eq!(LineIndex::offset_in(slice, 2, 8), slice.find('x').unwrap());
        assert_eq!(LineIndex::offset_in(slice, 1, 1), 0);
    }
}
