//! XML helpers shared by the Office of the Historian readers: parsing with positions, recognising a
//! file's record type from its root element, and the text of elements with markup removed and
//! whitespace collapsed (the form every quote takes).

use roxmltree::{Document, Node};

use super::HistorianError;
use crate::core::model::Date;

/// Something wrong with a record of the country being imported: where, in which field, and what.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    /// Byte offset in the file.
    pub at: usize,
    /// `visit 2271: start-date`.
    pub field: String,
    pub message: String,
}

/// The date in element `n` (`YYYY`, `YYYY-MM` or `YYYY-MM-DD`, kept at that precision); `None` when
/// the element is empty.
pub fn date(n: Node, field: impl Fn() -> String) -> Result<Option<Date>, Problem> {
    let t = text(n);
    if t.is_empty() {
        return Ok(None);
    }
    Date::parse(&t).map(Some).map_err(|e| Problem {
        at: at(n),
        field: field(),
        message: e.to_string(),
    })
}

/// A required child element's text, or a problem naming it.
pub fn required(record: Node, name: &str, what: &str) -> Result<String, Problem> {
    child_text(record, name).ok_or_else(|| Problem {
        at: at(record),
        field: format!("{what}: {name}"),
        message: format!("<{name}> is missing or empty"),
    })
}

/// A required date in child element `name`.
pub fn required_date(record: Node, name: &str, what: &str) -> Result<Date, Problem> {
    let field = || format!("{what}: {name}");
    match child(record, name) {
        Some(n) => date(n, field)?.ok_or_else(|| Problem {
            at: at(n),
            field: field(),
            message: format!("<{name}> is empty"),
        }),
        None => Err(Problem {
            at: at(record),
            field: field(),
            message: format!("<{name}> is missing"),
        }),
    }
}

/// What a file holds, judged from its content (the root element), never from its path.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RecordType {
    /// `<visits>`: visits to the U.S. by foreign leaders (HistoryAtState/visits).
    Visits,
    /// `<trips>`: travels abroad of a president or secretary of state (HistoryAtState/travels).
    Trips,
    /// `<TEI>` with `<div type="timeline">` entries: a recognition and relations article
    /// (HistoryAtState/rdcr).
    Relations,
    /// `<country-mission>`: a country's chiefs of mission (HistoryAtState/pocom).
    Mission,
    /// `<person>`: a person's names (HistoryAtState/pocom `people/`).
    Person,
}

impl RecordType {
    pub fn of(doc: &Document) -> Option<RecordType> {
        let root = doc.root_element();
        match root.tag_name().name() {
            "visits" => Some(RecordType::Visits),
            "trips" => Some(RecordType::Trips),
            "country-mission" => Some(RecordType::Mission),
            "person" => Some(RecordType::Person),
            "TEI" if root.descendants().any(|n| is_div(n, "timeline")) => {
                Some(RecordType::Relations)
            }
            _ => None,
        }
    }
}

/// Whether `n` is a `<div type="…">` of the given type.
pub fn is_div(n: Node, kind: &str) -> bool {
    n.has_tag_name("div") && n.attribute("type") == Some(kind)
}

/// Parses a file's text; malformed XML is an error at its line and column.
pub fn parse<'t>(file: &str, text: &'t str) -> Result<Document<'t>, HistorianError> {
    Document::parse(text).map_err(|e| {
        let pos = e.pos();
        let message = e.to_string();
        let message = message
            .strip_suffix(&format!(" at {pos}"))
            .unwrap_or(&message)
            .to_string();
        HistorianError::Malformed {
            file: file.to_string(),
            line: pos.row as usize,
            column: pos.col as usize,
            message,
        }
    })
}

/// A file's bytes as text (a leading byte-order mark dropped); invalid UTF-8 is an error at its
/// line and column.
pub fn text_of<'b>(file: &str, bytes: &'b [u8]) -> Result<&'b str, HistorianError> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    std::str::from_utf8(bytes).map_err(|e| {
        let good = std::str::from_utf8(&bytes[..e.valid_up_to()]).unwrap_or_default();
        let line = good.matches('\n').count() + 1;
        let column = good.rsplit('\n').next().unwrap_or("").chars().count() + 1;
        HistorianError::NotUtf8 {
            file: file.to_string(),
            line,
            column,
        }
    })
}

/// Whitespace runs become one space; leading and trailing whitespace go.
pub fn collapse(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Every text inside `n`, markup removed, whitespace collapsed.
pub fn text(n: Node) -> String {
    collapse(&raw_text(n))
}

fn raw_text(n: Node) -> String {
    n.descendants()
        .filter(|d| d.is_text())
        .filter_map(|d| d.text())
        .collect()
}

/// The first child element called `name`.
pub fn child<'a, 'i>(n: Node<'a, 'i>, name: &str) -> Option<Node<'a, 'i>> {
    n.children().find(|c| c.has_tag_name(name))
}

/// The collapsed text of the first child element called `name`, if it has any.
pub fn child_text(n: Node, name: &str) -> Option<String> {
    child(n, name).map(text).filter(|t| !t.is_empty())
}

/// The record's own text: its children from the first one after the leading `skip` elements up to
/// (not including) the first `stop` element — the record's content without its id and the
/// editors' bookkeeping — markup removed and whitespace collapsed. It is verbatim in the file once
/// markup is removed and whitespace collapsed there too.
pub fn record_quote(record: Node, skip: &[&str], stop: &str) -> String {
    let children: Vec<Node> = record.children().collect();
    let first = children
        .iter()
        .position(|c| c.is_element() && !skip.contains(&c.tag_name().name()))
        .unwrap_or(children.len());
    let end = children
        .iter()
        .position(|c| c.has_tag_name(stop))
        .unwrap_or(children.len())
        .max(first);
    let raw: String = children[first..end].iter().map(|c| raw_text(*c)).collect();
    collapse(&raw)
}

/// Where a node starts, as a byte offset (turned into a line and column only for messages).
pub fn at(n: Node) -> usize {
    n.range().start
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quotes_drop_markup_ids_and_bookkeeping() {
        let xml = "<visit>\n  <id>7</id>\n  <visitor>Prime\n   Minister <b>X</b></visitor>\n  \
                   <from id=\"x\">Xland</from>\n  <created-by>me</created-by>\n</visit>";
        let doc = Document::parse(xml).unwrap();
        assert_eq!(
            record_quote(doc.root_element(), &["id"], "created-by"),
            "Prime Minister X Xland"
        );
    }

    #[test]
    fn malformed_xml_has_a_line_and_column() {
        let err = parse("f.xml", "<a>\n  <b></a>").unwrap_err();
        match err {
            HistorianError::Malformed {
                line,
                column,
                message,
                ..
            } => {
                assert_eq!((line, column), (2, 6));
                assert!(!message.contains(" at 2:"), "{message}");
            }
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn record_types_come_from_the_root_element() {
        let t = |xml: &str| RecordType::of(&Document::parse(xml).unwrap());
        assert_eq!(t("<visits/>"), Some(RecordType::Visits));
        assert_eq!(t("<trips/>"), Some(RecordType::Trips));
        assert_eq!(t("<country-mission/>"), Some(RecordType::Mission));
        assert_eq!(t("<person/>"), Some(RecordType::Person));
        assert_eq!(
            t("<TEI><text><div type=\"timeline\"/></text></TEI>"),
            Some(RecordType::Relations)
        );
        assert_eq!(t("<TEI><text><div type=\"section\"/></text></TEI>"), None);
        assert_eq!(t("<html/>"), None);
    }

    #[test]
    fn invalid_utf8_has_a_position() {
        let err = text_of("f.xml", b"<a>\n\xff</a>").unwrap_err();
        assert_eq!(
            err,
            HistorianError::NotUtf8 {
                file: "f.xml".into(),
                line: 2,
                column: 1
            }
        );
    }
}
