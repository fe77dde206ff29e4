//! Snapshot links: the figures of an analysis (aggregates only: period figures, cohorts,
//! segments, the settings and chart choices that made them; never a customer id or a
//! row) carried in a link's fragment, `#snapshot=…`, so that a colleague opens the same
//! figures and charts read-only, in a fresh browser, without the file. The fragment never
//! reaches a server. JSON → deflate (miniz_oxide) → URL-safe base64.

use crate::metrics::analysis::Analysis;
use base64::Engine;
use serde::{Deserialize, Serialize};

/// The fragment's prefix.
pub const PREFIX: &str = "#snapshot=";
/// The format's version; a link of another version is refused with a message.
pub const VERSION: u32 = 1;
/// A fragment longer than this is refused on opening (a link of several megabytes is no
/// link, and decompressing it would be a way to make the page allocate without bound).
pub const MAX_LINK_CHARS: usize = 2_000_000;
const MAX_JSON_BYTES: usize = 50_000_000;

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Snapshot {
    pub version: u32,
    /// The figures, as the page showed them.
    pub analysis: Analysis,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum SnapshotError {
    TooLong,
    NotBase64,
    NotDeflate,
    NotJson(String),
    Version(u32),
}

impl std::fmt::Display for SnapshotError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            SnapshotError::TooLong => write!(f, "the link is too long to be a snapshot"),
            SnapshotError::NotBase64 | SnapshotError::NotDeflate => write!(f, "the link was cut or changed"),
            SnapshotError::NotJson(e) => write!(f, "the link's figures could not be read: {e}"),
            SnapshotError::Version(v) => write!(f, "the link is of version {v}, this page reads version {VERSION}"),
        }
    }
}

impl Snapshot {
    pub fn of(analysis: &Analysis) -> Snapshot {
        Snapshot { version: VERSION, analysis: analysis.clone() }
    }

    /// What the link carries, as the user is shown it before copying.
    pub fn json(&self) -> String {
        serde_json::to_string_pretty(self).unwrap_or_default()
    }

    /// The fragment, `#snapshot=…`.
    pub fn fragment(&self) -> String {
        let json = serde_json::to_vec(self).unwrap_or_default();
        let packed = miniz_oxide::deflate::compress_to_vec(&json, 9);
        format!("{PREFIX}{}", base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(packed))
    }

    /// The snapshot a fragment carries (`#snapshot=…`, the `#` optional).
    pub fn from_fragment(fragment: &str) -> Result<Snapshot, SnapshotError> {
        let body = fragment.trim_start_matches('#').trim_start_matches(&PREFIX[1..]);
        if body.len() > MAX_LINK_CHARS {
            return Err(SnapshotError::TooLong);
        }
        let packed = base64::engine::general_purpose::URL_SAFE_NO_PAD
            .decode(body.trim_end_matches('='))
            .map_err(|_| SnapshotError::NotBase64)?;
        let json = miniz_oxide::inflate::decompress_to_vec_with_limit(&packed, MAX_JSON_BYTES)
            .map_err(|_| SnapshotError::NotDeflate)?;
        let version = serde_json::from_slice::<serde_json::Value>(&json)
            .map_err(|e| SnapshotError::NotJson(e.to_string()))?
            .get("version")
            .and_then(serde_json::Value::as_u64)
            .unwrap_or(0) as u32;
        if version != VERSION {
            return Err(SnapshotError::Version(version));
        }
        serde_json::from_slice(&json).map_err(|e| SnapshotError::NotJson(e.to_string()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::metrics::analysis::AnalysisSettings;

    fn analysis() -> Analysis {
        let log = crate::ingest::read_file(
            "orders.csv",
            b"customer,date,amount,region\nklant-0001,2024-01-05,10,Noord\nklant-0002,2024-02-03,20,Zuid\nklant-0001,2024-03-01,5,Noord\n",
        )
        .unwrap();
        let crate::ingest::Dataset::Transactions(log) = &log.dataset else { panic!() };
        let settings = AnalysisSettings { segment_by: Some("region".into()), ..Default::default() };
        Analysis::of("orders.csv", log, None, &settings)
    }

    #[test]
    fn a_link_opens_the_same_figures() {
        let a = analysis();
        let link = Snapshot::of(&a).fragment();
        assert!(link.starts_with(PREFIX));
        assert!(link[PREFIX.len()..].bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_'));
        assert_eq!(Snapshot::from_fragment(&link).unwrap().analysis, a);
    }

    #[test]
    fn every_number_comes_back_to_the_last_bit() {
        // serde_json reads floats exactly only with `float_roundtrip` (without it a CLV of
        // 688.2857142857138 came back as …137).
        let mut a = analysis();
        a.summary.totals.aov = Some(688.2857142857138);
        let back = Snapshot::from_fragment(&Snapshot::of(&a).fragment()).unwrap().analysis;
        assert_eq!(back.summary.totals.aov.map(f64::to_bits), Some(688.2857142857138f64.to_bits()));
    }

    #[test]
    fn no_customer_id_in_a_link() {
        let s = Snapshot::of(&analysis());
        let json = s.json();
        assert!(!json.contains("klant-000"), "{json}");
        // The link is the same JSON, deflated: inflated it holds no id either.
        let inflated = Snapshot::from_fragment(&s.fragment()).unwrap().json();
        assert!(!inflated.contains("klant-000"));
        assert!(json.contains("Noord"), "a segment value is a figure's label, not an id");
    }

    #[test]
    fn a_broken_link_says_why() {
        let link = Snapshot::of(&analysis()).fragment();
        assert_eq!(Snapshot::from_fragment("#snapshot=!!!"), Err(SnapshotError::NotBase64));
        // Cut in half at a whole base64 group: valid base64, a cut deflate stream.
        let half = PREFIX.len() + (link.len() - PREFIX.len()) / 8 * 4;
        assert_eq!(Snapshot::from_fragment(&link[..half]).err(), Some(SnapshotError::NotDeflate));
        let other = {
            let json = serde_json::to_vec(&serde_json::json!({ "version": 99 })).unwrap();
            let packed = miniz_oxide::deflate::compress_to_vec(&json, 9);
            format!("{PREFIX}{}", base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(packed))
        };
        assert_eq!(Snapshot::from_fragment(&other), Err(SnapshotError::Version(99)));
        assert_eq!(Snapshot::from_fragment(&"A".repeat(MAX_LINK_CHARS + 1)), Err(SnapshotError::TooLong));
    }
}
