//! A country's recognition and relations article (HistoryAtState/rdcr, `rdcr/articles/ID.xml`):
//! a TEI document whose sections (`<div type="section" xml:id="recognition">`) hold dated entries
//! (`<div type="timeline">`), each a `<head>` with a `<date when="1947">` and paragraphs of prose.

use roxmltree::Node;

use super::xml::{self, Problem};
use crate::core::model::Date;

/// The article: its titles and its dated entries in document order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Article {
    /// "A Guide to the United States’ History of Recognition, …: India"
    pub title: Option<String>,
    /// "India"
    pub name: Option<String>,
    pub entries: Vec<Entry>,
}

/// One `<div type="timeline">`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    /// The section's `xml:id` ("recognition", "diplomatic-relations").
    pub section: String,
    /// The section's heading ("Diplomatic Relations").
    pub section_head: String,
    /// 1-based place among the section's entries, and how many it has.
    pub index: usize,
    pub of: usize,
    /// "U.S. Recognition of Indian Independence, 1947."
    pub head: String,
    /// From the head's `<date when|from|to|notBefore|notAfter>`, at its precision.
    pub start: Option<Date>,
    pub end: Option<Date>,
    pub paragraphs: Vec<String>,
    /// `<persName>` and `<placeName>` inside the entry, in order, without repeats.
    pub persons: Vec<String>,
    pub places: Vec<String>,
    pub quote: String,
    pub at: usize,
}

/// Reads the article; a date attribute that is not a date is a problem.
pub fn read(root: Node) -> Result<Article, Problem> {
    let title = |kind: &str| {
        root.descendants()
            .find(|n| n.has_tag_name("title") && n.attribute("type") == Some(kind))
            .map(xml::text)
            .filter(|t| !t.is_empty())
    };
    let mut entries = Vec::new();
    let sections = root.descendants().filter(|n| xml::is_div(*n, "section"));
    for (s, section) in sections.enumerate() {
        let id = section
            .attribute((roxmltree::NS_XML_URI, "id"))
            .map_or_else(|| format!("section-{}", s + 1), str::to_string);
        let section_head = xml::child_text(section, "head").unwrap_or_else(|| id.clone());
        let timelines: Vec<Node> = section
            .descendants()
            .filter(|n| xml::is_div(*n, "timeline"))
            .collect();
        for (i, div) in timelines.iter().enumerate() {
            entries.push(entry(*div, &id, &section_head, i + 1, timelines.len())?);
        }
    }
    Ok(Article {
        title: title("complete"),
        name: title("short"),
        entries,
    })
}

fn entry(div: Node, section: &str, head: &str, index: usize, of: usize) -> Result<Entry, Problem> {
    let head_node = xml::child(div, "head");
    let date = head_node.and_then(|h| h.descendants().find(|n| n.has_tag_name("date")));
    let attr = |name: &str| -> Result<Option<Date>, Problem> {
        match date.and_then(|d| d.attribute(name).map(|v| (d, v))) {
            None => Ok(None),
            Some((d, v)) => Date::parse(v.trim()).map(Some).map_err(|e| Problem {
                at: xml::at(d),
                field: format!("{section} entry {index}: date/@{name}"),
                message: e.to_string(),
            }),
        }
    };
    let start = attr("when")?.or(attr("from")?).or(attr("notBefore")?);
    let end = attr("to")?.or(attr("notAfter")?);
    let names = |tag: &str| {
        let mut out: Vec<String> = Vec::new();
        for n in div.descendants().filter(|n| n.has_tag_name(tag)) {
            let t = xml::text(n);
            if !t.is_empty() && !out.contains(&t) {
                out.push(t);
            }
        }
        out
    };
    Ok(Entry {
        section: section.to_string(),
        section_head: head.to_string(),
        index,
        of,
        head: head_node.map(xml::text).unwrap_or_default(),
        start,
        end,
        paragraphs: div
            .children()
            .filter(|c| c.has_tag_name("p"))
            .map(xml::text)
            .filter(|t| !t.is_empty())
            .collect(),
        persons: names("persName"),
        places: names("placeName"),
        quote: xml::text(div),
        at: xml::at(div),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    const XML: &str = r#"<TEI xmlns="http://www.tei-c.org/ns/1.0"><teiHeader><fileDesc><titleStmt>
        <title type="complete">A Guide: Xland</title><title type="short">Xland</title>
        </titleStmt></fileDesc></teiHeader><text><body>
        <div type="section" xml:id="recognition"><head>Recognition</head>
          <div type="timeline"><head>Recognition, <date when="1905">1905</date>.</head>
            <p>The United States recognized Xland on <persName>Someone</persName>
               October 30, 1905.</p></div></div>
        <div type="section" xml:id="diplomatic-relations"><head>Diplomatic Relations</head>
          <div type="timeline"><head>Legation, <date when="1906-05">1906</date>.</head>
            <p>At <placeName>Xville</placeName>.</p></div>
          <div type="timeline"><head>Embassy, <date when="1942">1942</date>.</head><p>Raised.</p></div>
        </div></body></text></TEI>"#;

    #[test]
    fn reads_entries_with_their_sections_and_dates() {
        let doc = roxmltree::Document::parse(XML).unwrap();
        let a = read(doc.root_element()).unwrap();
        assert_eq!(a.name.as_deref(), Some("Xland"));
        assert_eq!(a.entries.len(), 3);
        let r = &a.entries[0];
        assert_eq!((r.section.as_str(), r.index, r.of), ("recognition", 1, 1));
        assert_eq!(r.start.map(|d| d.to_string()).as_deref(), Some("1905"));
        assert_eq!(r.persons, ["Someone"]);
        assert_eq!(
            r.quote,
            "Recognition, 1905. The United States recognized Xland on Someone October 30, 1905."
        );
        let l = &a.entries[1];
        assert_eq!((l.index, l.of), (1, 2));
        assert_eq!(l.start.map(|d| d.to_string()).as_deref(), Some("1906-05"));
        assert_eq!(*l.places, ["Xville"]);
    }

    #[test]
    fn a_bad_date_attribute_is_a_problem() {
        let bad = XML.replace("when=\"1942\"", "when=\"19x2\"");
        let doc = roxmltree::Document::parse(&bad).unwrap();
        let p = read(doc.root_element()).unwrap_err();
        assert_eq!(p.field, "diplomatic-relations entry 2: date/@when");
    }
}
