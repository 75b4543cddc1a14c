//! Names that repeat across events (actors, places, tags, kinds, groups), stored once and shared.
//!
//! A million events name a few hundred people and places between them. Held as a `String` each,
//! every mention is its own allocation (and a list of two names reserves room for four); held as
//! a [`Name`], every mention of "Piyush Goyal" is a pointer to one shared copy. Readers intern the
//! names they read with a [`Names`] table, so equal names share their text; a `Name` made on its
//! own (`"x".into()`) is simply unshared, and compares, hashes and prints like its text either way.

use std::borrow::Borrow;
use std::collections::HashSet;
use std::fmt;
use std::ops::Deref;
use std::sync::Arc;

/// A shared, immutable string: reads like a `&str` (`Deref`), compares with `&str` and `String`.
///
/// One pointer wide (the text sits behind the shared count): an event names six or seven of
/// these, and at a million events the second word of an `Arc<str>` would be 50 MB.
#[derive(Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct Name(Arc<Box<str>>);

impl Name {
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl Deref for Name {
    type Target = str;
    fn deref(&self) -> &str {
        &self.0
    }
}

impl AsRef<str> for Name {
    fn as_ref(&self) -> &str {
        &self.0
    }
}

impl Borrow<str> for Name {
    fn borrow(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for Name {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(self.as_str(), f)
    }
}

impl fmt::Display for Name {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(self.as_str(), f)
    }
}

impl From<&str> for Name {
    fn from(s: &str) -> Name {
        Name(Arc::new(Box::from(s)))
    }
}

impl From<String> for Name {
    fn from(s: String) -> Name {
        Name(Arc::new(s.into_boxed_str()))
    }
}

impl From<&String> for Name {
    fn from(s: &String) -> Name {
        Name::from(s.as_str())
    }
}

impl From<Name> for String {
    fn from(n: Name) -> String {
        n.as_str().to_string()
    }
}

impl PartialEq<str> for Name {
    fn eq(&self, other: &str) -> bool {
        self.as_str() == other
    }
}

impl PartialEq<&str> for Name {
    fn eq(&self, other: &&str) -> bool {
        self.as_str() == *other
    }
}

impl PartialEq<String> for Name {
    fn eq(&self, other: &String) -> bool {
        *self.as_str() == **other
    }
}

impl PartialEq<Name> for str {
    fn eq(&self, other: &Name) -> bool {
        self == other.as_str()
    }
}

impl PartialEq<Name> for &str {
    fn eq(&self, other: &Name) -> bool {
        *self == other.as_str()
    }
}

impl PartialEq<Name> for String {
    fn eq(&self, other: &Name) -> bool {
        **self == *other.as_str()
    }
}

impl serde::Serialize for Name {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}

/// A table that makes equal names share one copy, for a reader to use while it reads.
#[derive(Debug, Default)]
pub struct Names {
    seen: HashSet<Name>,
}

impl Names {
    /// The shared copy of `s`, made on first sight.
    pub fn get(&mut self, s: &str) -> Name {
        if let Some(k) = self.seen.get(s) {
            return k.clone();
        }
        let k = Name::from(s);
        self.seen.insert(k.clone());
        k
    }

    /// The shared copy of a name already made (an unshared one becomes shared).
    pub fn share(&mut self, n: Name) -> Name {
        match self.seen.get(n.as_str()) {
            Some(k) => k.clone(),
            None => {
                self.seen.insert(n.clone());
                n
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn equal_names_share_one_copy_and_read_like_text() {
        let mut names = Names::default();
        let a = names.get("Piyush Goyal");
        let b = names.get("Piyush Goyal");
        assert!(Arc::ptr_eq(&a.0, &b.0));
        let c = names.share(Name::from("Piyush Goyal".to_string()));
        assert!(Arc::ptr_eq(&a.0, &c.0));
        assert_eq!(a, "Piyush Goyal");
        assert_eq!(a.to_string(), "Piyush Goyal");
        assert_eq!(format!("{a:?}"), "\"Piyush Goyal\"");
        assert_eq!([a.clone(), names.get("X")].join(", "), "Piyush Goyal, X");
        assert!(a.contains("Goyal"));
    }
}
