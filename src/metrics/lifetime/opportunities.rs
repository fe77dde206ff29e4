//! Purchase histories over discrete opportunities (a file of frequency, recency,
//! periods and weights, as `donations.csv` in the `lifetimes` package): the BG/BB fit
//! (Fader, Hardie & Shang 2010) and, per history, P(alive) after the last opportunity
//! and the purchases expected over the next [`AHEAD`] opportunities.

use super::fits::{ModelAnswer, ModelKind};
use crate::ingest::other_kinds::OpportunityRow;
use crate::models::bgbb::{self, Bgbb};
use serde::{Deserialize, Serialize};

/// Opportunities ahead of the expected purchases.
pub const AHEAD: u32 = 5;

#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct OpportunityPrediction {
    pub row: OpportunityRow,
    /// P(alive at opportunity n), as `lifetimes` reports it.
    pub p_alive: f64,
    /// Expected purchases in opportunities n + 1 ..= n + AHEAD.
    pub expected: f64,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct OpportunityFigures {
    /// Customers (the weights added up).
    pub customers: f64,
    pub answer: ModelAnswer,
    /// Per history, when the fit succeeded.
    pub predictions: Vec<OpportunityPrediction>,
}

impl OpportunityFigures {
    pub fn of(rows: &[OpportunityRow]) -> OpportunityFigures {
        let model_rows: Vec<bgbb::OpportunityRow> = rows
            .iter()
            .map(|r| bgbb::OpportunityRow { x: r.frequency, t_x: r.recency, n: r.periods, weight: r.weight })
            .collect();
        let fitted = bgbb::fit(&model_rows);
        let predictions = match &fitted {
            Ok(f) => predict(&f.model, rows),
            Err(_) => Vec::new(),
        };
        let answer = ModelAnswer {
            kind: ModelKind::BgBb,
            customers: rows.iter().map(|r| r.weight).sum::<f64>().round() as usize,
            distinct: rows.len(),
            result: fitted.map(|f| f.fit),
            spend_problem: None,
            elapsed_ms: 0.0,
        };
        OpportunityFigures { customers: rows.iter().map(|r| r.weight).sum(), answer, predictions }
    }
}

fn predict(m: &Bgbb, rows: &[OpportunityRow]) -> Vec<OpportunityPrediction> {
    rows.iter()
        .map(|&row| OpportunityPrediction {
            row,
            p_alive: m.p_alive(0, row.frequency, row.recency, row.periods),
            expected: m.conditional_expected(AHEAD, row.frequency, row.recency, row.periods),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ingest::{read_file, Dataset};

    #[test]
    fn the_donations_file_gives_the_published_bgbb_fit() {
        let f = read_file("donations.csv", include_bytes!("../../../tests/fixtures/models/donations.csv")).unwrap();
        let Dataset::Opportunities(rows) = &f.dataset else { panic!("{:?}", f.dataset.kind()) };
        assert_eq!((rows.len(), f.errors.total), (22, 0));
        let figures = OpportunityFigures::of(rows);
        // Fader, Hardie & Shang (2010): 11,104 donors; alpha 1.204, beta 0.750, gamma 0.657, delta 2.783.
        assert_eq!(figures.customers, 11104.0);
        let fit = figures.answer.result.as_ref().unwrap();
        for (e, want) in fit.estimates.iter().zip([1.204, 0.750, 0.657, 2.783]) {
            assert!((e.value - want).abs() <= 1e-3 * want, "{} {} vs {want}", e.name, e.value);
        }
        // The lifetimes oracle's maximum (tests/fixtures/models/cdnow_reference.json).
        assert!((fit.log_likelihood - -33225.5813).abs() < 1e-3, "{}", fit.log_likelihood);
        // Who bought in all six years is alive for sure.
        let all = figures.predictions.iter().find(|p| p.row.frequency == 6).unwrap();
        assert!((all.p_alive - 1.0).abs() < 1e-12);
    }
}
