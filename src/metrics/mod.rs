//! The figures of `METRICS.md` and `docs/definitions.md`, computed from typed records.
//! Pure functions: no I/O, no DOM, so every figure is unit-tested against values
//! worked out by hand, and cross-checked against an independent pandas implementation
//! (`tests/oracle`).

pub mod acquisition;
pub mod analysis;
pub mod base;
pub mod calibration;
pub mod cohorts;
pub mod comparison;
pub mod concentration;
pub mod keys;
pub mod lifetime;
pub mod nps;
pub mod planner;
pub mod purchase_gaps;
pub mod rfm;
pub mod spend;
pub mod summary;
pub mod survey_link;
pub mod timeline;
pub mod totals;

/// A field of a CSV download: quoted when it holds a comma, a quote or a line break.
pub fn csv_field(s: &str) -> std::borrow::Cow<'_, str> {
    if s.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", s.replace('"', "\"\"")).into()
    } else {
        s.into()
    }
}

/// A transaction log from CSV text, for the tests of this module.
#[cfg(test)]
pub(crate) fn test_log(csv: &str) -> crate::ingest::CustomerLog {
    match crate::ingest::read_file("t.csv", csv.as_bytes()).unwrap().dataset {
        crate::ingest::Dataset::Transactions(l) => l,
        other => panic!("{:?}", other.kind()),
    }
}
