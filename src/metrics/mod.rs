//! The figures of `METRICS.md` and `docs/definitions.md`, computed from typed records.
//! Pure functions: no I/O, no DOM, so every figure is unit-tested against values
//! worked out by hand, and cross-checked against an independent pandas implementation
//! (`tests/oracle`).

pub mod analysis;
pub mod base;
pub mod cohorts;
pub mod comparison;
pub mod concentration;
pub mod purchase_gaps;
pub mod retention;
pub mod rfm;
pub mod survey_link;
pub mod timeline;
pub mod totals;
