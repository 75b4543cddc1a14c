//! Chiefs of mission (HistoryAtState/pocom): a country's `missions-countries/ID.xml`
//! (`<country-mission>` with one `<chief>` per chief of mission: `person-id`, `role-title-id`, and
//! `appointed`/`arrived`/`started`/`ended`, each a `<date>` and a `<note>`), and the people's names
//! from `people/**/ID.xml` (`<person>` with `<persName>`).

use roxmltree::Node;

use super::xml::{self, Problem};
use crate::core::model::Date;

/// A dated step of a mission and the record's note on it ("Left post on").
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Dated {
    pub date: Date,
    pub note: Option<String>,
}

/// One chief of mission, as the record gives it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Chief {
    /// "in-1947-grad-01"
    pub id: String,
    pub person_id: String,
    pub role_title_id: Option<String>,
    pub appointed: Option<Dated>,
    pub arrived: Option<Dated>,
    pub started: Option<Dated>,
    pub ended: Option<Dated>,
    pub note: Option<String>,
    pub quote: String,
    pub at: usize,
}

/// A person's names.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Person {
    pub id: String,
    /// Forenames, surname and any generational suffix: "Harry George Barnes Jr.".
    pub name: String,
    /// The `<persName>` text, verbatim.
    pub quote: String,
}

/// The country a mission file is about (`<territory-id>`).
pub fn territory(root: Node) -> Option<String> {
    xml::child_text(root, "territory-id")
}

/// Every territory the file's chiefs were accredited to, for the list of known country ids.
pub fn territories(root: Node) -> Vec<String> {
    root.descendants()
        .filter(|n| n.has_tag_name("contemporary-territory-id") || n.has_tag_name("territory-id"))
        .map(xml::text)
        .filter(|t| !t.is_empty())
        .collect()
}

/// The mission's chiefs in file order; a broken record is a problem.
pub fn chiefs(root: Node) -> Result<Vec<Chief>, Problem> {
    root.descendants()
        .filter(|n| n.has_tag_name("chief"))
        .map(chief)
        .collect()
}

fn chief(c: Node) -> Result<Chief, Problem> {
    let id = xml::required(c, "id", "chief")?;
    let what = format!("chief {id}");
    let step = |name: &str| -> Result<Option<Dated>, Problem> {
        let Some(n) = xml::child(c, name) else {
            return Ok(None);
        };
        let date = match xml::child(n, "date") {
            Some(d) => xml::date(d, || format!("{what}: {name}/date"))?,
            None => None,
        };
        Ok(date.map(|date| Dated {
            date,
            note: xml::child_text(n, "note"),
        }))
    };
    Ok(Chief {
        person_id: xml::required(c, "person-id", &what)?,
        role_title_id: xml::child_text(c, "role-title-id"),
        appointed: step("appointed")?,
        arrived: step("arrived")?,
        started: step("started")?,
        ended: step("ended")?,
        note: xml::child_text(c, "note"),
        quote: xml::record_quote(c, &["id"], "created-by"),
        at: xml::at(c),
        id,
    })
}

/// The person a `people/` file describes, if it names one.
pub fn person(root: Node) -> Option<Person> {
    let id = xml::child_text(root, "id")?;
    let names = xml::child(root, "persName")?;
    let part = |tag: &str| xml::child_text(names, tag);
    let parts: Vec<String> = [part("forename"), part("surname"), part("genName")]
        .into_iter()
        .flatten()
        .collect();
    let name = if parts.is_empty() {
        part("altname")?
    } else {
        parts.join(" ")
    };
    Some(Person {
        id,
        name,
        quote: xml::text(names),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_chiefs_keeping_date_precision() {
        let xml = r#"<country-mission><territory-id>xland</territory-id><chiefs>
          <chief><id>xl-1993-a-01</id><person-id>a-b</person-id>
            <role-title-id>charge-daffaires-ad-interim</role-title-id>
            <appointed><date/><note/></appointed>
            <started><date>1993-03</date><note/></started>
            <ended><date>1994</date><note>Left post on</note></ended><note/>
            <created-by>x</created-by></chief></chiefs></country-mission>"#;
        let xml = xml.replace("><", "> <");
        let doc = roxmltree::Document::parse(&xml).unwrap();
        assert_eq!(territory(doc.root_element()).as_deref(), Some("xland"));
        let c = chiefs(doc.root_element()).unwrap();
        assert_eq!(c[0].appointed, None);
        assert_eq!(c[0].started.as_ref().unwrap().date.to_string(), "1993-03");
        let ended = c[0].ended.as_ref().unwrap();
        assert_eq!(
            (ended.date.to_string(), ended.note.as_deref()),
            ("1994".to_string(), Some("Left post on"))
        );
        assert_eq!(
            c[0].quote,
            "a-b charge-daffaires-ad-interim 1993-03 1994 Left post on"
        );
    }

    #[test]
    fn a_person_is_named_in_full() {
        let xml = "<person><id>barnes-h</id><persName><surname>Barnes</surname>\
            <forename>Harry George</forename><genName>Jr.</genName>\
            <altname>Harry G. Barnes, Jr.</altname></persName></person>";
        let doc = roxmltree::Document::parse(xml).unwrap();
        let p = person(doc.root_element()).unwrap();
        assert_eq!(p.name, "Harry George Barnes Jr.");
        assert_eq!(p.quote, "BarnesHarry GeorgeJr.Harry G. Barnes, Jr.");
    }
}
