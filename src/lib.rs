//! Retention Calculator: customer retention, churn, cohorts and lifetime value from
//! the CSV files a marketer drops into the page, computed entirely in the browser.
//!
//! ```text
//!   page (ui, wasm32)  ◀── protocol (typed requests, one answer type each) ──▶  worker (wasm32)
//!        │                                                                          │
//!   state (one reducer) · charts · i18n                         ingest ─▶ metrics ─▶ report
//! ```
//!
//! Dependencies point one way (`tests/layers.rs` fails on an upward import or a circle):
//!
//! ```text
//!   0  calendar · lang · currency · retention   leaves
//!   1  ingest                           bytes → typed records + row errors
//!   2  metrics · synth · sql            figures (and synthetic logs, warehouse SQL); no words
//!   3  report · export · protocol · snapshot · embed   what the page gets, downloads, messages, links, embeds
//!   4  i18n                             domain types rendered in Dutch or English
//!   5  charts · state                   pictures, the page's reducer
//!   6  ui · worker                      the browser (wasm32 only)
//! ```
//! Everything but `ui` and `worker` is pure Rust that builds and is tested natively.

pub mod calendar;
pub mod charts;
pub mod currency;
pub mod embed;
pub mod export;
pub mod i18n;
pub mod ingest;
pub mod lang;
pub mod metrics;
pub mod models;
pub mod protocol;
pub mod report;
pub mod retention;
pub mod snapshot;
pub mod sql;
pub mod state;
pub mod synth;

#[cfg(target_arch = "wasm32")]
pub mod ui;
#[cfg(target_arch = "wasm32")]
pub mod worker;
