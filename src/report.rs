//! What the page shows of a file that was read. A transaction log's bulk (per-customer
//! activity) stays in the Web Worker that read it; the page gets its figures.

use crate::ingest::other_kinds::{SpendRow, SubscriptionRow, SummaryRow};
use crate::ingest::{Dataset, LoadedFile, PeriodCounts, ReadSettings, RowErrors};
use crate::metrics::cohorts::{self, Cohort};
use crate::metrics::lifetime::OpportunityFigures;
use crate::metrics::nps::SurveySummary;
use crate::metrics::spend::SpendTotals;
use crate::metrics::summary::LogSummary;
use serde::{Deserialize, Serialize};

/// Skipped rows sent to the page with a report; all of them are in the download.
pub const ERRORS_IN_REPORT: usize = 1_000;

/// The figures of one file.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum Content {
    /// The figures of a transaction log that no setting changes (the worker keeps them
    /// for its analyses; the page shows them for a log it does not analyse).
    Transactions(Box<LogSummary>),
    PeriodCounts(PeriodCounts),
    CustomerSummary {
        customers: usize,
        mean_frequency: Option<f64>,
        mean_recency: Option<f64>,
        mean_age: Option<f64>,
        with_monetary_value: usize,
    },
    MarketingSpend {
        rows: Vec<SpendRow>,
        totals: SpendTotals,
    },
    Survey(SurveySummary),
    Subscriptions {
        subscriptions: usize,
        active: usize,
        ended: usize,
    },
    /// Discrete purchase opportunities, with their BG/BB fit (a few dozen rows: fitted
    /// when the file is read).
    Opportunities(Box<OpportunityFigures>),
    /// A cohort table: its cohorts with customers, oldest first, and the average
    /// retention per offset.
    Cohorts {
        cohorts: Vec<Cohort>,
        average: Vec<Option<f64>>,
    },
}

fn mean(values: impl Iterator<Item = f64>) -> Option<f64> {
    let (sum, n) = values.fold((0.0, 0usize), |(s, n), v| (s + v, n + 1));
    (n > 0).then(|| sum / n as f64)
}

impl Content {
    pub fn of(dataset: &Dataset) -> Content {
        match dataset {
            Dataset::Transactions(log) => Content::Transactions(Box::new(LogSummary::of(log))),
            Dataset::PeriodCounts(p) => Content::PeriodCounts(p.clone()),
            Dataset::CustomerSummary(rows) => summary_content(rows),
            Dataset::MarketingSpend(rows) => {
                Content::MarketingSpend { rows: rows.clone(), totals: SpendTotals::of(rows) }
            }
            Dataset::Survey(rows) => Content::Survey(SurveySummary::of(rows)),
            Dataset::Subscriptions(rows) => subscriptions_content(rows),
            Dataset::Opportunities(rows) => Content::Opportunities(Box::new(OpportunityFigures::of(rows))),
            Dataset::Cohorts(rows) => {
                let cohorts = cohorts::from_rows(rows);
                Content::Cohorts { average: cohorts::average_retention(&cohorts), cohorts }
            }
        }
    }
}

fn summary_content(rows: &[SummaryRow]) -> Content {
    Content::CustomerSummary {
        customers: rows.len(),
        mean_frequency: mean(rows.iter().map(|r| r.frequency)),
        mean_recency: mean(rows.iter().map(|r| r.recency)),
        mean_age: mean(rows.iter().map(|r| r.age)),
        with_monetary_value: rows.iter().filter(|r| r.monetary_value.is_some()).count(),
    }
}

fn subscriptions_content(rows: &[SubscriptionRow]) -> Content {
    let ended = rows.iter().filter(|r| r.end.is_some()).count();
    Content::Subscriptions { subscriptions: rows.len(), active: rows.len() - ended, ended }
}

/// One file as the page shows it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct FileReport {
    pub settings: ReadSettings,
    pub data_rows: u64,
    /// `total` is every skipped row; `listed` at most [`ERRORS_IN_REPORT`] of them.
    pub errors: RowErrors,
    pub content: Content,
}

impl FileReport {
    pub fn of(file: &LoadedFile) -> FileReport {
        FileReport {
            settings: file.settings.clone(),
            data_rows: file.data_rows,
            errors: RowErrors {
                listed: file.errors.listed.iter().take(ERRORS_IN_REPORT).cloned().collect(),
                total: file.errors.total,
            },
            content: Content::of(&file.dataset),
        }
    }
}

/// Settings as they were last chosen for files with the same header, so that the
/// next export of the same report is read the same way. The key is the header.
pub fn mapping_key(settings: &ReadSettings) -> String {
    format!("retention.mapping.v1:{}:{}", settings.delimiter as char, settings.headers.join("\u{1f}"))
}

/// Applies a remembered choice to freshly detected settings. The encoding and the
/// delimiter stay as detected (they belong to this file, not to its layout), and so
/// does a date format this file's own dates settle: a remembered date order only
/// answers the question a file leaves open.
pub fn apply_saved(detected: &ReadSettings, saved: &ReadSettings) -> ReadSettings {
    ReadSettings {
        encoding: detected.encoding,
        delimiter: detected.delimiter,
        date_format: detected.date_format.or(saved.date_format),
        ..saved.clone()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ingest::read_file;

    #[test]
    fn a_report_travels_as_json() {
        let f = read_file("bad.csv", include_bytes!("../tests/fixtures/period_counts_bad.csv")).unwrap();
        let report = FileReport::of(&f);
        let json = serde_json::to_string(&report).unwrap();
        assert_eq!(serde_json::from_str::<FileReport>(&json).unwrap(), report);
        assert_eq!(report.errors.total, 5);
    }

    #[test]
    fn a_remembered_date_order_only_answers_an_open_question() {
        use crate::ingest::date::DateFormat;
        let open = crate::ingest::detect(b"customer,date\na,03/04/2024\n", true).unwrap().settings;
        let settled = crate::ingest::detect(b"customer,date\na,01/15/2024\n", true).unwrap().settings;
        assert_eq!((open.date_format, settled.date_format), (None, Some(DateFormat::MonthDayYear)));
        let mut saved = open.clone();
        saved.date_format = Some(DateFormat::DayMonthYear);
        assert_eq!(apply_saved(&open, &saved).date_format, Some(DateFormat::DayMonthYear));
        assert_eq!(apply_saved(&settled, &saved).date_format, Some(DateFormat::MonthDayYear));
    }
}
