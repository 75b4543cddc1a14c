//! The query language, as fzf users expect it.
//!
//! Space-separated terms must all match; `a | b` matches either. A plain term is fuzzy; `'word` is an
//! exact substring; `^x` a field prefix; `x$` a field suffix; `!x` excludes events containing `x`.
//! Field filters narrow by metadata: `tag:`, `actor:`, `place:`, `kind:`, `status:`, `id:`,
//! `group:`, `from:DATE` and `until:DATE`. Lower-case terms ignore case; a term with a capital respects it.

use crate::core::model::Date;

/// A metadata field a filter can name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Field {
    Tag,
    Actor,
    Place,
    Kind,
    Status,
    Id,
    Group,
}

/// How a term's text is compared.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Matcher {
    /// Characters in order, not necessarily adjacent (short fields), or a substring of prose.
    Fuzzy(String),
    /// A substring of any field.
    Exact(String),
    /// The start of a field.
    Prefix(String),
    /// The end of a field.
    Suffix(String),
    /// A whole field.
    Whole(String),
    /// A substring of one metadata field.
    Field(Field, String),
    /// The event reaches this date or later.
    From(Date),
    /// The event begins by the end of this date.
    Until(Date),
}

/// One term of a query.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Term {
    pub matcher: Matcher,
    pub negated: bool,
    /// True when the term has a capital letter (smart case): then case is respected.
    pub case_sensitive: bool,
}

impl Term {
    /// Whether this term contributes to ranking (filters and exclusions only narrow).
    pub fn scores(&self) -> bool {
        !self.negated
            && matches!(
                self.matcher,
                Matcher::Fuzzy(_)
                    | Matcher::Exact(_)
                    | Matcher::Prefix(_)
                    | Matcher::Suffix(_)
                    | Matcher::Whole(_)
            )
    }

    /// The text a term looks for, if it looks for text.
    pub fn text(&self) -> Option<&str> {
        match &self.matcher {
            Matcher::Fuzzy(t)
            | Matcher::Exact(t)
            | Matcher::Prefix(t)
            | Matcher::Suffix(t)
            | Matcher::Whole(t)
            | Matcher::Field(_, t) => Some(t),
            Matcher::From(_) | Matcher::Until(_) => None,
        }
    }
}

/// A parsed query: every group must match; a group matches when any of its terms does.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Query {
    pub groups: Vec<Vec<Term>>,
    /// Parts of the query that could not be understood, in words, for the search line.
    pub problems: Vec<String>,
}

impl Query {
    pub fn parse(input: &str) -> Query {
        let mut query = Query::default();
        let mut join_next = false;
        for token in input.split_whitespace() {
            if token == "|" {
                join_next = !query.groups.is_empty();
                continue;
            }
            let term = match parse_term(token) {
                Ok(Some(term)) => term,
                Ok(None) => continue,
                Err(problem) => {
                    query.problems.push(problem);
                    continue;
                }
            };
            match query.groups.last_mut() {
                Some(group) if join_next => group.push(term),
                _ => query.groups.push(vec![term]),
            }
            join_next = false;
        }
        query
    }

    pub fn is_empty(&self) -> bool {
        self.groups.is_empty()
    }

    /// The query in words, for people who never typed it: `from:2025-05 tag:trade !china` reads
    /// "from May 2025, tagged “trade”, not mentioning “china”". Empty for an empty query.
    pub fn describe(&self) -> String {
        let term = |t: &Term| {
            let quote = |s: &str| format!("“{s}”");
            let said = match &t.matcher {
                Matcher::Fuzzy(s) | Matcher::Exact(s) => format!("mentioning {}", quote(s)),
                Matcher::Prefix(s) => format!("with a field starting {}", quote(s)),
                Matcher::Suffix(s) => format!("with a field ending {}", quote(s)),
                Matcher::Whole(s) => format!("with a field reading exactly {}", quote(s)),
                Matcher::Field(field, s) => match field {
                    Field::Tag => format!("tagged {}", quote(s)),
                    Field::Actor => format!("involving {}", quote(s)),
                    Field::Place => format!("in {}", quote(s)),
                    Field::Kind => format!("of kind {}", quote(s)),
                    Field::Status => s.to_string(),
                    Field::Id => format!("with id {}", quote(s)),
                    Field::Group => format!("in the group {}", quote(s)),
                },
                Matcher::From(d) => format!("from {}", d.label()),
                Matcher::Until(d) => format!("until {}", d.label()),
            };
            if t.negated {
                match said.strip_prefix("mentioning ") {
                    Some(rest) => format!("not mentioning {rest}"),
                    None => format!("not {said}"),
                }
            } else {
                said
            }
        };
        self.groups
            .iter()
            .map(|g| g.iter().map(term).collect::<Vec<_>>().join(" or "))
            .collect::<Vec<_>>()
            .join(", ")
    }

    /// Adds a filter every result must pass, as if typed after the query. Text is matched with
    /// smart case, like typed text.
    pub fn require(&mut self, field: Field, value: &str) {
        let case_sensitive = value.chars().any(char::is_uppercase);
        let value = if case_sensitive {
            value.to_string()
        } else {
            value.to_lowercase()
        };
        self.groups.push(vec![Term {
            matcher: Matcher::Field(field, value),
            negated: false,
            case_sensitive,
        }]);
    }

    /// Adds a date bound every result must pass.
    pub fn require_date(&mut self, matcher: Matcher) {
        self.groups.push(vec![Term {
            matcher,
            negated: false,
            case_sensitive: false,
        }]);
    }

    /// Whether every event matching `self` also matches `earlier`, judged from the terms alone, so
    /// that `self` can be searched within `earlier`'s results. True when `self` repeats `earlier`
    /// with its last term extended in place (`goya` → `goyal`, `tag:tr` → `tag:trade`) and possibly
    /// more terms after it. Anything that can widen a search says no: alternatives, exclusions,
    /// date bounds (`until:2` → `until:20` is earlier, so wider), or a change of term kind.
    pub fn narrows(&self, earlier: &Query) -> bool {
        let simple = |q: &Query| {
            q.problems.is_empty()
                && q.groups.iter().all(|g| {
                    g.len() == 1
                        && !g[0].negated
                        && !matches!(g[0].matcher, Matcher::From(_) | Matcher::Until(_))
                })
        };
        if !simple(self) || !simple(earlier) || self.groups.len() < earlier.groups.len() {
            return false;
        }
        let Some((last, same)) = earlier.groups.split_last() else {
            return true;
        };
        if self.groups[..same.len()] != *same {
            return false;
        }
        let (old, new) = (&last[0], &self.groups[same.len()][0]);
        let extends = |a: &str, b: &str| b.starts_with(a);
        match (&old.matcher, &new.matcher) {
            (Matcher::Fuzzy(a), Matcher::Fuzzy(b))
            | (Matcher::Exact(a), Matcher::Exact(b))
            | (Matcher::Prefix(a), Matcher::Prefix(b)) => {
                extends(a, b) && (!old.case_sensitive || new.case_sensitive)
            }
            (Matcher::Field(f, a), Matcher::Field(g, b)) => f == g && extends(a, b),
            (a, b) => a == b,
        }
    }

    /// Whether any term ranks results; without one, results stay in timeline order.
    pub fn ranks(&self) -> bool {
        self.groups.iter().flatten().any(Term::scores)
    }

    /// Whether any term looks in an event's prose (summary and details): fuzzy and exact terms.
    pub fn reads_prose(&self) -> bool {
        self.groups
            .iter()
            .flatten()
            .any(|t| matches!(t.matcher, Matcher::Fuzzy(_) | Matcher::Exact(_)))
    }

    /// Whether a fuzzy or exact term is empty (it matches anywhere; such terms take the plain
    /// path rather than the ASCII one).
    pub fn has_empty_term(&self) -> bool {
        self.groups
            .iter()
            .flatten()
            .any(|t| matches!(&t.matcher, Matcher::Fuzzy(x) | Matcher::Exact(x) if x.is_empty()))
    }

    /// Terms that select text to highlight: positive text terms.
    pub fn highlight_terms(&self) -> impl Iterator<Item = &Term> {
        self.groups.iter().flatten().filter(|t| t.scores())
    }
}

fn parse_term(token: &str) -> Result<Option<Term>, String> {
    let (negated, rest) = match token.strip_prefix('!') {
        Some(r) => (true, r),
        None => (false, token),
    };
    if let Some((name, value)) = rest.split_once(':')
        && let Some(filter) = field_filter(name, value)?
    {
        let case_sensitive = value.chars().any(char::is_uppercase);
        return Ok(Some(Term {
            matcher: filter,
            negated,
            case_sensitive,
        }));
    }
    let (matcher, text) = if let Some(t) = rest.strip_prefix('\'') {
        (Matcher::Exact as fn(String) -> Matcher, t)
    } else if let Some(t) = rest.strip_prefix('^') {
        match t.strip_suffix('$') {
            Some(inner) if !inner.is_empty() => (Matcher::Whole as fn(String) -> Matcher, inner),
            _ => (Matcher::Prefix as fn(String) -> Matcher, t),
        }
    } else if let Some(t) = rest.strip_suffix('$').filter(|t| !t.is_empty()) {
        (Matcher::Suffix as fn(String) -> Matcher, t)
    } else if negated {
        // As in fzf, `!x` excludes an exact substring, not a fuzzy one.
        (Matcher::Exact as fn(String) -> Matcher, rest)
    } else {
        (Matcher::Fuzzy as fn(String) -> Matcher, rest)
    };
    if text.is_empty() {
        return Ok(None);
    }
    let case_sensitive = text.chars().any(char::is_uppercase);
    let text = if case_sensitive {
        text.to_string()
    } else {
        text.to_lowercase()
    };
    Ok(Some(Term {
        matcher: matcher(text),
        negated,
        case_sensitive,
    }))
}

/// A field filter, or `None` when `name:` is not a filter name (then the token is plain text).
fn field_filter(name: &str, value: &str) -> Result<Option<Matcher>, String> {
    let field = match name {
        "tag" => Field::Tag,
        "actor" => Field::Actor,
        "place" => Field::Place,
        "kind" => Field::Kind,
        "status" => Field::Status,
        "id" => Field::Id,
        "group" => Field::Group,
        "from" | "until" => {
            if value.is_empty() {
                return Ok(None);
            }
            let date = Date::parse(value).map_err(|e| format!("{name}: {e}"))?;
            return Ok(Some(if name == "from" {
                Matcher::From(date)
            } else {
                Matcher::Until(date)
            }));
        }
        _ => return Ok(None),
    };
    if value.is_empty() {
        return Ok(None);
    }
    let value = if value.chars().any(char::is_uppercase) {
        value.to_string()
    } else {
        value.to_lowercase()
    };
    Ok(Some(Matcher::Field(field, value)))
}

#[cfg(test)]
mod tests {
    #[test]
    fn a_query_reads_as_words() {
        assert_eq!(Query::parse("").describe(), "");
        assert_eq!(
            Query::parse("from:2025-05 tag:trade !china").describe(),
            "from May 2025, tagged “trade”, not mentioning “china”"
        );
        assert_eq!(
            Query::parse("goyal | misri kind:visit").describe(),
            "mentioning “goyal” or mentioning “misri”, of kind “visit”"
        );
    }

    use super::*;

    fn terms(q: &str) -> Vec<Vec<Matcher>> {
        Query::parse(q)
            .groups
            .into_iter()
            .map(|g| g.into_iter().map(|t| t.matcher).collect())
            .collect()
    }

    #[test]
    fn term_forms() {
        use Matcher::*;
        assert_eq!(
            terms("goyal 'trade ^misri visit$ ^kessler$"),
            vec![
                vec![Fuzzy("goyal".into())],
                vec![Exact("trade".into())],
                vec![Prefix("misri".into())],
                vec![Suffix("visit".into())],
                vec![Whole("kessler".into())],
            ]
        );
    }

    #[test]
    fn or_groups_and_negation() {
        let q = Query::parse("goyal | misri !tariff");
        assert_eq!(q.groups.len(), 2);
        assert_eq!(q.groups[0].len(), 2);
        assert!(q.groups[1][0].negated);
        assert_eq!(q.groups[1][0].matcher, Matcher::Exact("tariff".into()));
        // A dangling bar joins nothing and is ignored.
        assert_eq!(Query::parse("| goyal |").groups.len(), 1);
    }

    #[test]
    fn filters() {
        use Matcher::*;
        let q =
            terms("tag:trade actor:Goyal kind:visit from:2025-03 until:2025-06 status:expected");
        assert_eq!(q[0], vec![Field(super::Field::Tag, "trade".into())]);
        assert_eq!(q[1], vec![Field(super::Field::Actor, "Goyal".into())]);
        assert_eq!(q[3], vec![From(Date::parse("2025-03").unwrap())]);
        assert_eq!(q[4], vec![Until(Date::parse("2025-06").unwrap())]);
        assert_eq!(q.len(), 6);
        assert_eq!(
            terms("group:Space")[0],
            vec![Field(super::Field::Group, "Space".into())]
        );
    }

    #[test]
    fn bad_filter_dates_are_reported_not_fatal() {
        let q = Query::parse("from:2025-13 goyal");
        assert_eq!(q.groups.len(), 1);
        assert_eq!(
            q.problems,
            vec!["from: month 13 does not exist".to_string()]
        );
    }

    #[test]
    fn narrowing_is_only_claimed_when_safe() {
        let n = |a: &str, b: &str| Query::parse(b).narrows(&Query::parse(a));
        assert!(n("goya", "goyal"));
        assert!(n("goyal", "goyal misri"));
        assert!(n("goyal ", "goyal m"));
        assert!(n("'tra", "'trade"));
        assert!(n("tag:tr", "tag:trade"));
        assert!(n("", "goyal"));
        assert!(n("g", "gO"));
        assert!(!n("goyal", "goya"), "shorter is wider");
        assert!(!n("tag", "tag:t"), "a field filter is not a longer word");
        assert!(!n("until:2", "until:20"), "an earlier bound is wider");
        assert!(!n("goyal", "goyal | misri"));
        assert!(!n("goyal !x", "goyal !xy"));
        assert!(!n("vis$", "vis$i"));
        assert!(!n("^ba$", "^ba$c"));
        assert!(!n("kessler goyal", "misri goyal"));
    }

    #[test]
    fn smart_case_and_unknown_prefixes() {
        let q = Query::parse("Misri http://x");
        assert!(q.groups[0][0].case_sensitive);
        assert_eq!(q.groups[1][0].matcher, Matcher::Fuzzy("http://x".into()));
        assert!(Query::parse("   ").is_empty());
        assert!(Query::parse("' ^ !").is_empty());
    }
}
