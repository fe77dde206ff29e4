//! Retention Calculator: customer retention, churn, cohorts and lifetime value from
//! the CSV files a marketer drops into the page, computed entirely in the browser.
//!
//! ```text
//!   files ─▶ ingest ─▶ typed records + row errors ─▶ metrics ─▶ figures ─▶ ui (wasm only)
//!                                                   └▶ charts (plotters, any backend) ─┘
//! ```
//! Everything but `ui` is pure Rust that builds and is tested natively.
//! Homes for what is to come: `models` (BG/NBD, Pareto/NBD, Gamma-Gamma, survival)
//! beside `metrics`; the Web Worker entry as a second binary beside `src/bin/app.rs`.

pub mod calendar;
pub mod charts;
pub mod export;
pub mod i18n;
pub mod ingest;
pub mod lang;
pub mod metrics;
pub mod protocol;
pub mod report;
pub mod retention;
pub mod state;
pub mod synth;

#[cfg(target_arch = "wasm32")]
pub mod ui;
#[cfg(target_arch = "wasm32")]
pub mod worker;
