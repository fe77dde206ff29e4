//! One fit per model, on the model's customers compressed into weighted rows. What the
//! page gets of a fit ([`ModelAnswer`]) is the parameters with their standard errors
//! and intervals and the search's diagnostics; the fitted model itself stays with the
//! worker for the predictions.

use crate::metrics::calibration::Calibration;
use crate::metrics::keys;
use crate::models::bgnbd::BgNbd;
use crate::models::data::{compress, CountModel, Customer};
use crate::models::gamma_gamma::{GammaGamma, SpendRow};
use crate::models::mbgnbd::MbgNbd;
use crate::models::optimise::{Fit, FitError};
use crate::models::pareto_nbd::ParetoNbd;
use serde::{Deserialize, Serialize};

/// The models fitted to a transaction log or customer summary, in the order they are
/// fitted (the one the predictions use first).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum ModelKind {
    BgNbd,
    GammaGamma,
    ParetoNbd,
    MbgNbd,
    /// For discrete purchase opportunities (its own kind of file, not fitted to a log).
    BgBb,
}

impl ModelKind {
    /// The models of a log or summary, in the order they are fitted.
    pub const ALL: [ModelKind; 4] = [Self::BgNbd, Self::GammaGamma, Self::ParetoNbd, Self::MbgNbd];
    /// Those the first figures need (CLV, P(alive)); the others follow.
    pub const FIRST: [ModelKind; 2] = [Self::BgNbd, Self::GammaGamma];

    /// The prefix of its figures' keys (METRICS.md).
    pub fn key(self) -> &'static str {
        match self {
            Self::BgNbd => keys::BGNBD,
            Self::MbgNbd => keys::MBGNBD,
            Self::ParetoNbd => keys::PNBD,
            Self::GammaGamma => keys::GG,
            Self::BgBb => keys::BGBB,
        }
    }
}

/// Why the spend model gives no expected spend.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum SpendFit {
    /// The log has no amounts (or the summary no monetary values).
    NoAmounts,
    /// q ≤ 1: the model's mean spend is infinite, so it does not fit these amounts
    /// (never a negative CLV).
    DoesNotFit { q: f64 },
}

/// A finished fit as the page shows it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ModelAnswer {
    pub kind: ModelKind,
    /// Rows fitted (customers, or repeat buyers for Gamma-Gamma) and the distinct
    /// rows they were compressed into.
    pub customers: usize,
    pub distinct: usize,
    pub result: Result<Fit, FitError>,
    /// Gamma-Gamma only: why its expected spend cannot be used.
    pub spend_problem: Option<SpendFit>,
    /// How long the fit took, ms (as the worker measured it).
    pub elapsed_ms: f64,
}

/// A fitted model, kept by the worker.
#[derive(Clone, Debug)]
pub enum Fitted {
    BgNbd(BgNbd),
    MbgNbd(MbgNbd),
    ParetoNbd(ParetoNbd),
    GammaGamma(GammaGamma),
}

impl Fitted {
    /// The model as one of purchase counts (`None` for Gamma-Gamma).
    pub fn counts(&self) -> Option<&dyn CountModel> {
        match self {
            Fitted::BgNbd(m) => Some(m),
            Fitted::MbgNbd(m) => Some(m),
            Fitted::ParetoNbd(m) => Some(m),
            Fitted::GammaGamma(_) => None,
        }
    }

    /// The same model with other parameters (natural scale, the fit's order), for the
    /// delta-method intervals of predictions.
    pub fn with_params(&self, p: &[f64]) -> Fitted {
        match self {
            Fitted::BgNbd(_) => Fitted::BgNbd(BgNbd { r: p[0], alpha: p[1], a: p[2], b: p[3] }),
            Fitted::MbgNbd(_) => Fitted::MbgNbd(MbgNbd { r: p[0], alpha: p[1], a: p[2], b: p[3] }),
            Fitted::ParetoNbd(_) => Fitted::ParetoNbd(ParetoNbd { r: p[0], alpha: p[1], s: p[2], beta: p[3] }),
            Fitted::GammaGamma(_) => Fitted::GammaGamma(gamma_gamma(p)),
        }
    }
}

/// Gamma-Gamma with parameters p, q, v (the fit's order).
pub fn gamma_gamma(p: &[f64]) -> GammaGamma {
    GammaGamma { p: p[0], q: p[1], v: p[2] }
}

/// The rows a count model is fitted to: every model customer, compressed.
pub fn count_rows(calibration: &Calibration) -> Vec<Customer> {
    compress(calibration.customers.iter().map(|c| c.customer()))
}

/// The rows Gamma-Gamma is fitted to: (x, monetary value) of the customers with x ≥ 1
/// and a monetary value > 0 (METRICS.md).
pub fn spend_rows(calibration: &Calibration) -> Vec<SpendRow> {
    calibration
        .customers
        .iter()
        .filter(|c| c.x >= 1)
        .filter_map(|c| c.monetary.filter(|&m| m > 0.0).map(|m| SpendRow { x: c.x as f64, mean_spend: m, weight: 1.0 }))
        .collect()
}

/// Fewer customers than this say nothing about a population (and a handful of odd
/// histories can send Pareto/NBD's series into millions of terms while the worker,
/// which also answers the page's setting changes, waits).
pub const MIN_CUSTOMERS: usize = 20;

/// Fits `kind` to the calibration's customers.
pub fn fit(kind: ModelKind, calibration: &Calibration) -> (ModelAnswer, Option<Fitted>) {
    let (customers, distinct, result, spend_problem): (usize, usize, Result<(Fitted, Fit), FitError>, _) = match kind {
        ModelKind::BgNbd | ModelKind::MbgNbd | ModelKind::ParetoNbd if calibration.customers.len() < MIN_CUSTOMERS => {
            let got = calibration.customers.len();
            (got, 0, Err(FitError::NotEnoughData { needed: MIN_CUSTOMERS, got }), None)
        }
        ModelKind::BgNbd | ModelKind::MbgNbd | ModelKind::ParetoNbd => {
            let rows = count_rows(calibration);
            let result = match kind {
                ModelKind::BgNbd => crate::models::bgnbd::fit(&rows).map(|(m, f)| (Fitted::BgNbd(m), f)),
                ModelKind::MbgNbd => crate::models::mbgnbd::fit(&rows).map(|(m, f)| (Fitted::MbgNbd(m), f)),
                _ => crate::models::pareto_nbd::fit(&rows).map(|(m, f)| (Fitted::ParetoNbd(m), f)),
            };
            (calibration.customers.len(), rows.len(), result, None)
        }
        ModelKind::BgBb => (0, 0, Err(FitError::NotEnoughData { needed: 1, got: 0 }), None),
        ModelKind::GammaGamma => {
            let rows = spend_rows(calibration);
            if rows.is_empty() {
                let none = Err(FitError::NotEnoughData { needed: 2, got: 0 });
                (0, 0, none, Some(SpendFit::NoAmounts))
            } else {
                let result = crate::models::gamma_gamma::fit(&rows).map(|f| (Fitted::GammaGamma(f.model), f.fit));
                let problem = match &result {
                    Ok((Fitted::GammaGamma(m), _)) if m.q <= 1.0 => Some(SpendFit::DoesNotFit { q: m.q }),
                    _ => None,
                };
                (rows.len(), rows.len(), result, problem)
            }
        }
    };
    let (fitted, result) = match result {
        Ok((m, f)) => (Some(m), Ok(f)),
        Err(e) => (None, Err(e)),
    };
    (ModelAnswer { kind, customers, distinct, result, spend_problem, elapsed_ms: 0.0 }, fitted)
}
