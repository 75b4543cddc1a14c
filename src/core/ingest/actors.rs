//! Who a sentence is about: names already known to the loaded timelines, and people introduced by
//! their office ("Foreign Secretary Vikram Misri", "Commerce Minister Piyush Goyal").
//!
//! Articles name someone in full once and by surname after ("Misri’s visit"), so full names are
//! learnt from the whole article first and a later surname resolves to the full name. A surname that
//! resolves to no full name is left out rather than guessed.

use std::sync::LazyLock;

use regex::Regex;

/// Offices that introduce a person's name.
static OFFICE: LazyLock<Regex> = LazyLock::new(|| {
    let pattern = r"\b(?:(?:Foreign|External\s+Affairs|Commerce|Trade|Finance|Defen[cs]e|Home|Prime|Chief|Deputy|Under|Vice|Treasury|Energy|Foreign\s+Affairs)\s+)?(?:Minister|Secretary|President|Ambassador|Senator|Governor|Chancellor|Adviser|Advisor|Representative|Envoy)(?:\s+of\s+State)?\s+(?P<name>\p{Lu}\p{Ll}+(?:\s+\p{Lu}\p{Ll}+){0,2})";
    match Regex::new(pattern) {
        Ok(r) => r,
        Err(e) => panic!("office pattern does not compile: {e}"),
    }
});

/// Words that make a known name an institution, whose last word is no surname.
const INSTITUTION_WORDS: &[&str] = &[
    "Ministry",
    "Embassy",
    "Fund",
    "Bank",
    "Department",
    "Office",
    "Council",
    "Organisation",
    "Organization",
    "Union",
    "Nations",
    "States",
    "Government",
    "Commission",
    "Agency",
    "House",
    "Forum",
    "Group",
];

/// Recognises actors in sentences of one article.
#[derive(Debug, Clone, Default)]
pub struct Actors {
    /// Every full name that may appear verbatim: known names and names learnt from the article.
    names: Vec<String>,
    /// Surname to full name, for people only; a surname shared by two people maps to neither.
    surnames: Vec<(String, Option<String>)>,
}

impl Actors {
    /// Learns from the names of loaded events and from office titles anywhere in `article`.
    pub fn new<'a>(known: impl IntoIterator<Item = &'a str>, article: &str) -> Actors {
        let mut actors = Actors::default();
        for name in known {
            actors.learn(name, is_person_like(name));
        }
        for caps in OFFICE.captures_iter(article) {
            if let Some(name) = caps.name("name").map(|m| m.as_str())
                && name.split_whitespace().count() >= 2
            {
                actors.learn(name, true);
            }
        }
        actors
    }

    fn learn(&mut self, name: &str, person: bool) {
        let name = name.trim();
        if name.is_empty() || self.names.iter().any(|n| n == name) {
            return;
        }
        self.names.push(name.to_string());
        if !person {
            return;
        }
        let Some(surname) = name.split_whitespace().last() else {
            return;
        };
        match self.surnames.iter_mut().find(|(s, _)| s == surname) {
            Some((_, full)) if full.as_deref() != Some(name) => *full = None,
            Some(_) => {}
            None => self
                .surnames
                .push((surname.to_string(), Some(name.to_string()))),
        }
    }

    /// The actors named in `sentence`, in order of first mention.
    pub fn find(&self, sentence: &str) -> Vec<String> {
        let mut found: Vec<(usize, String)> = Vec::new();
        let mut add = |at: usize, name: &str| match found.iter_mut().find(|(_, n)| n == name) {
            Some(entry) => entry.0 = entry.0.min(at),
            None => found.push((at, name.to_string())),
        };
        for name in &self.names {
            for at in word_positions(sentence, name) {
                add(at, name);
            }
        }
        for (surname, full) in &self.surnames {
            if let Some(full) = full {
                for at in word_positions(sentence, surname) {
                    add(at, full);
                }
            }
        }
        for caps in OFFICE.captures_iter(sentence) {
            if let Some(m) = caps.name("name")
                && m.as_str().split_whitespace().count() >= 2
            {
                add(m.start(), m.as_str());
            }
        }
        found.sort();
        found.into_iter().map(|(_, n)| n).collect()
    }
}

/// Whether a known name looks like a person's (two or three capitalised words, no institution).
fn is_person_like(name: &str) -> bool {
    let words: Vec<&str> = name.split_whitespace().collect();
    (2..=3).contains(&words.len())
        && words.iter().all(|w| {
            w.chars().next().is_some_and(char::is_uppercase)
                && w.chars().all(char::is_alphabetic)
                && !INSTITUTION_WORDS.contains(w)
        })
}

/// Byte offsets where `needle` occurs in `haystack` as whole words (case-sensitive).
fn word_positions(haystack: &str, needle: &str) -> Vec<usize> {
    let is_word = |c: Option<char>| c.is_some_and(char::is_alphanumeric);
    haystack
        .match_indices(needle)
        .filter(|(at, _)| {
            let before = haystack[..*at].chars().next_back();
            let after = haystack[at + needle.len()..].chars().next();
            !is_word(before) && !is_word(after)
        })
        .map(|(at, _)| at)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    const ARTICLE: &str = "Foreign Secretary Vikram Misri met Under Secretary Jeffrey Kessler. \
                           Commerce Minister Piyush Goyal was in the US. Misri’s visit follows \
                           Prime Minister Narendra Modi’s trip.";

    #[test]
    fn offices_introduce_names_and_surnames_resolve_to_them() {
        let actors = Actors::new([], ARTICLE);
        assert_eq!(
            actors.find("Foreign Secretary Vikram Misri met Under Secretary Jeffrey Kessler."),
            ["Vikram Misri", "Jeffrey Kessler"]
        );
        assert_eq!(
            actors.find("Misri’s visit follows Modi’s trip."),
            ["Vikram Misri", "Narendra Modi"]
        );
        assert_eq!(
            actors.find("Indian Commerce Minister Piyush Goyal was in the US."),
            ["Piyush Goyal"]
        );
    }

    #[test]
    fn known_names_are_found_but_institutions_lend_no_surname() {
        let known = [
            "Donald Trump",
            "International Monetary Fund",
            "Ministry of Finance (India)",
        ];
        let actors = Actors::new(known, "");
        assert_eq!(
            actors.find("Trump announced tariffs; the International Monetary Fund’s outlook fell."),
            ["Donald Trump", "International Monetary Fund"]
        );
        assert!(actors.find("The fund’s outlook.").is_empty());
        assert!(actors.find("Trumpet players.").is_empty());
    }

    #[test]
    fn an_ambiguous_surname_resolves_to_no_one() {
        let actors = Actors::new(["Ana Shah", "Raj Shah"], "");
        assert!(actors.find("Shah spoke.").is_empty());
        assert_eq!(actors.find("Raj Shah spoke."), ["Raj Shah"]);
    }
}
