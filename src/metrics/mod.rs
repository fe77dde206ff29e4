//! The figures of `METRICS.md`, computed from typed records. Pure functions: no I/O,
//! no DOM, so every figure is unit-tested against values worked out by hand.

pub mod retention;
pub mod totals;
