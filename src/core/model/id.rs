//! The one id policy: what makes an event id a usable slug.

use crate::core::sanitize;

/// `text` as a slug for a file name or an id: lower-case letters and digits joined by single
/// hyphens, at most `max` bytes, cut at a hyphen ("India–US relations, 2025" → "india-us-relations-2025").
pub fn slug(text: &str, max: usize) -> String {
    let mut out = String::new();
    for c in text.chars().flat_map(char::to_lowercase) {
        if c.is_alphanumeric() {
            if out.len() + c.len_utf8() > max {
                break;
            }
            out.push(c);
        } else if !out.is_empty() && !out.ends_with('-') {
            out.push('-');
        }
    }
    if out.len() >= max
        && let Some(cut) = out.rfind('-')
    {
        out.truncate(cut);
    }
    out.trim_end_matches('-').to_string()
}

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

#[cfg(test)]
mod slug_tests {
    use super::slug;

    #[test]
    fn slugs_are_short_lowercase_words() {
        assert_eq!(
            slug("Briefing India–US relations tag:tariffs", 80),
            "briefing-india-us-relations-tag-tariffs"
        );
        assert_eq!(slug("  ", 80), "");
        assert_eq!(slug("one two three", 9), "one-two");
        assert_eq!(slug("भारत US", 80), "भारत-us");
    }
}
