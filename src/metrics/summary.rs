//! The figures of a transaction log that no setting changes (totals, span, purchase
//! gaps, concentration, RFM, the other columns), computed once per log: by the Web
//! Worker when it has read the file. The page shows them in the file's report and
//! in every analysis.

use super::concentration::{concentration, Concentration};
use super::lifetime::SimpleInputs;
use super::purchase_gaps::{purchase_gaps, PurchaseGaps};
use super::rfm::{score, summarise, Rfm};
use super::totals::{totals, Totals};
use crate::calendar::Date;
use crate::ingest::CustomerLog;
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct LogSummary {
    pub totals: Totals,
    /// First and last purchase day.
    pub span: Option<(Date, Date)>,
    pub gaps: PurchaseGaps,
    /// `None` without an amount column.
    pub concentration: Option<Concentration>,
    pub rfm: Rfm,
    /// The log's other columns, which a segment setting can name.
    pub attributes: Vec<String>,
    /// Yearly retention and revenue per customer as the simple CLV uses them.
    pub simple_clv: Option<SimpleInputs>,
}

impl LogSummary {
    pub fn of(log: &CustomerLog) -> LogSummary {
        let (reference_day, scored) = score(log);
        LogSummary {
            totals: totals(log),
            span: log.span().map(|(a, b)| (Date(a), Date(b))),
            gaps: purchase_gaps(log),
            concentration: concentration(log),
            rfm: summarise(reference_day, &scored),
            attributes: log.attributes.iter().map(|a| a.name.clone()).collect(),
            simple_clv: SimpleInputs::of(log),
        }
    }

    /// `top10_revenue_share` (METRICS.md, "Totals"); `None` without amounts.
    pub fn top10_revenue_share(&self) -> Option<f64> {
        self.concentration.as_ref().and_then(|c| c.top10_revenue_share)
    }
}
