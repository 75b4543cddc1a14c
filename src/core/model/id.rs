//! The one id policy: what makes an event id a usable slug.

use crate::core::sanitize;

/// Why an id is not a usable slug, if it is not.
pub fn id_problem(id: &str) -> Option<String> {
    if id.is_empty() {
        return Some("must not be empty".into());
    }
    if id.len() > 200 {
        return Some("is longer than 200 characters".into());
    }
    id.chars()
        .find(|c| !(c.is_alphanumeric() || matches!(c, '-' | '_' | '.' | ':')))
        .map(|c| {
            format!(
                "`{}` is not a slug: {:?} is not allowed (use letters, digits, - _ . :)",
                sanitize::line(id),
                c
            )
        })
}
