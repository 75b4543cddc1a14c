//! Travels abroad of U.S. presidents and secretaries of state (HistoryAtState/travels,
//! `travels/*-travels/*.xml`): one `<trip role="president|secretary">` per trip, with `name`,
//! `start-date`, `end-date`, `country id="…"`, `locale` and `remarks`.

use roxmltree::Node;

use super::xml::{self, Problem};
use crate::core::model::Date;

/// Whose travel a trip is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Role {
    President,
    Secretary,
}

/// One trip, as its record gives it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Trip {
    pub id: String,
    pub role: Role,
    /// "John Forbes Kerry"
    pub name: String,
    pub start: Date,
    pub end: Date,
    pub locale: Option<String>,
    pub remarks: Option<String>,
    pub quote: String,
}

fn trips<'a, 'i>(root: Node<'a, 'i>) -> impl Iterator<Item = Node<'a, 'i>> {
    root.children().filter(|c| c.has_tag_name("trip"))
}

/// Every country the file names, with the name it gives.
pub fn countries(root: Node) -> Vec<(String, String)> {
    trips(root)
        .filter_map(|t| xml::child(t, "country"))
        .filter_map(|c| Some((c.attribute("id")?.to_string(), xml::text(c))))
        .collect()
}

/// The trips to `country`; a broken record of that country is a problem.
pub fn of_country(root: Node, country: &str) -> Result<Vec<Trip>, Problem> {
    trips(root)
        .filter(|t| xml::child(*t, "country").and_then(|c| c.attribute("id")) == Some(country))
        .map(read)
        .collect()
}

fn read(t: Node) -> Result<Trip, Problem> {
    let id = xml::required(t, "id", "trip")?;
    let what = format!("trip {id}");
    let role_text = xml::child_text(t, "role").or(t.attribute("role").map(str::to_string));
    let role = match role_text.as_deref() {
        Some("president") => Role::President,
        Some("secretary") => Role::Secretary,
        other => {
            return Err(Problem {
                at: xml::at(t),
                field: format!("{what}: role"),
                message: format!(
                    "expected `president` or `secretary`, found {}",
                    other.map_or("nothing".to_string(), |o| format!("`{o}`"))
                ),
            });
        }
    };
    Ok(Trip {
        role,
        name: xml::required(t, "name", &what)?,
        start: xml::required_date(t, "start-date", &what)?,
        end: xml::required_date(t, "end-date", &what)?,
        locale: xml::child_text(t, "locale"),
        remarks: xml::child_text(t, "remarks"),
        quote: xml::record_quote(t, &["id"], "created-by"),
        id,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_trips_to_the_country() {
        let xml = r#"<trips><trip role="secretary" who="k"><id>9</id><role>secretary</role>
            <name>John Forbes Kerry</name><start-date>2016-08-29</start-date>
            <end-date>2016-09-01</end-date><country id="india">India</country>
            <locale>New Delhi</locale><remarks>Met with
            President Narendra Modi.</remarks><created-by>x</created-by></trip>
            <trip role="president"><id>10</id><role>president</role><name>X</name>
            <start-date>2016</start-date><end-date>2016</end-date>
            <country id="peru">Peru</country><locale/><remarks/></trip></trips>"#;
        let xml = xml.replace("><", "> <");
        let doc = roxmltree::Document::parse(&xml).unwrap();
        let t = of_country(doc.root_element(), "india").unwrap();
        assert_eq!(t.len(), 1);
        assert_eq!(t[0].role, Role::Secretary);
        assert_eq!(
            t[0].remarks.as_deref(),
            Some("Met with President Narendra Modi.")
        );
        assert_eq!(
            t[0].quote,
            "secretary John Forbes Kerry 2016-08-29 2016-09-01 India New Delhi Met with \
             President Narendra Modi."
        );
        let p = of_country(doc.root_element(), "peru").unwrap();
        assert_eq!((p[0].role, p[0].locale.clone()), (Role::President, None));
    }
}
