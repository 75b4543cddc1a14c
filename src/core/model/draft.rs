//! The mark an event carries while it is only a proposal: what it was extracted from and how sure the
//! extractor was.
//!
//! `bilateral ingest` writes events with a `draft`; `bilateral review` removes it when a person accepts
//! the event. A draft loads and browses like any event, so a reviewer can see it in context.

use std::fmt;

use serde::Serialize;

/// Why an event is still a draft.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Draft {
    /// The date expression, verbatim from the source sentence: "On Tuesday", "until July 9".
    pub expression: String,
    pub confidence: Confidence,
}

/// How sure the extractor is, from 0 to 1, kept in hundredths so events stay `Eq` and files
/// round-trip exactly. It ranks drafts for review; it is not a calibrated probability.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Confidence(u8);

impl Confidence {
    /// `None` unless `x` is a number from 0 to 1; rounded to hundredths.
    pub fn new(x: f64) -> Option<Confidence> {
        (x.is_finite() && (0.0..=1.0).contains(&x)).then(|| Confidence((x * 100.0).round() as u8))
    }

    /// `x` brought into 0..=1 (NaN is 0), for scores computed by arithmetic.
    pub fn clamped(x: f64) -> Confidence {
        let x = if x.is_nan() { 0.0 } else { x.clamp(0.0, 1.0) };
        Confidence((x * 100.0).round() as u8)
    }

    /// The value in hundredths (0 to 100), exactly as kept.
    pub fn hundredths(self) -> u8 {
        self.0
    }

    /// From hundredths; `None` above 100.
    pub fn from_hundredths(h: u8) -> Option<Confidence> {
        (h <= 100).then_some(Confidence(h))
    }

    pub fn value(self) -> f64 {
        f64::from(self.0) / 100.0
    }
}

impl fmt::Display for Confidence {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:.2}", self.value())
    }
}

impl Serialize for Confidence {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_f64(self.value())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn confidence_is_a_fraction_in_hundredths() {
        assert_eq!(
            Confidence::new(0.854).map(|c| c.to_string()),
            Some("0.85".into())
        );
        assert_eq!(Confidence::new(1.0).map(Confidence::value), Some(1.0));
        for bad in [-0.01, 1.01, f64::NAN, f64::INFINITY] {
            assert_eq!(Confidence::new(bad), None, "{bad} should be refused");
        }
        assert_eq!(Confidence::clamped(1.7).value(), 1.0);
        assert_eq!(Confidence::clamped(f64::NAN).value(), 0.0);
        let json = serde_json::to_string(&Confidence::new(0.9).unwrap()).unwrap();
        assert_eq!(json, "0.9");
    }
}
