//! Visits to the U.S. by foreign leaders (HistoryAtState/visits, `visits/data/*.xml`): one
//! `<visit>` per visit, with `start-date`, `end-date`, `visitor`, `from id="…"` and `description`.

use roxmltree::Node;

use super::xml::{self, Problem};
use crate::core::model::Date;

/// One visit, as its record gives it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Visit {
    pub id: String,
    pub start: Date,
    pub end: Date,
    /// "Prime Minister Narendra Modi"
    pub visitor: String,
    pub description: Option<String>,
    pub quote: String,
}

fn visits<'a, 'i>(root: Node<'a, 'i>) -> impl Iterator<Item = Node<'a, 'i>> {
    root.children().filter(|c| c.has_tag_name("visit"))
}

/// Every country the file names, with the name it gives: `("india", "India")`.
pub fn countries(root: Node) -> Vec<(String, String)> {
    visits(root)
        .filter_map(|v| xml::child(v, "from"))
        .filter_map(|f| Some((f.attribute("id")?.to_string(), xml::text(f))))
        .collect()
}

/// The visits from `country`; a broken record of that country is a problem.
pub fn of_country(root: Node, country: &str) -> Result<Vec<Visit>, Problem> {
    visits(root)
        .filter(|v| xml::child(*v, "from").and_then(|f| f.attribute("id")) == Some(country))
        .map(read)
        .collect()
}

fn read(v: Node) -> Result<Visit, Problem> {
    let id = xml::required(v, "id", "visit")?;
    let what = format!("visit {id}");
    Ok(Visit {
        start: xml::required_date(v, "start-date", &what)?,
        end: xml::required_date(v, "end-date", &what)?,
        visitor: xml::required(v, "visitor", &what)?,
        description: xml::child_text(v, "description"),
        quote: xml::record_quote(v, &["id"], "created-by"),
        id,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    const XML: &str = r#"<visits>
  <visit><id>1</id><start-date>1949-10-11</start-date><end-date>1949-10-15</end-date>
    <visitor>Prime Minister Nehru</visitor><from id="india">India</from>
    <description>State visit.</description><created-by>x</created-by></visit>
  <visit><id>2</id><start-date>1950</start-date><end-date>1950</end-date>
    <visitor>King Haakon</visitor><from id="norway">Norway</from><description/></visit>
</visits>"#;

    #[test]
    fn reads_the_country_visits_only() {
        let xml = XML.replace("><", ">\n<");
        let doc = roxmltree::Document::parse(&xml).unwrap();
        let v = of_country(doc.root_element(), "india").unwrap();
        assert_eq!(v.len(), 1);
        assert_eq!(&*v[0].id, "1");
        assert_eq!(v[0].start.to_string(), "1949-10-11");
        assert_eq!(v[0].visitor, "Prime Minister Nehru");
        assert_eq!(
            v[0].quote,
            "1949-10-11 1949-10-15 Prime Minister Nehru India State visit."
        );
        let n = of_country(doc.root_element(), "norway").unwrap();
        assert_eq!(n[0].start.to_string(), "1950", "a year stays a year");
        assert_eq!(n[0].description, None);
        assert_eq!(countries(doc.root_element()).len(), 2);
    }

    #[test]
    fn a_bad_date_is_a_problem_at_its_element() {
        let bad = XML.replace("1949-10-15", "1949-13-15");
        let doc = roxmltree::Document::parse(&bad).unwrap();
        let p = of_country(doc.root_element(), "india").unwrap_err();
        assert_eq!(p.field, "visit 1: end-date");
        assert_eq!(&bad[p.at..p.at + 10], "<end-date>");
        assert!(of_country(doc.root_element(), "norway").is_ok());
    }
}
