//! Per-customer predictions of the fitted models and what the page shows of them:
//! P(alive) at c, expected purchases over the next H units (BG/NBD), expected spend
//! per purchase (Gamma-Gamma) and CLV over H, discounted in the chosen unit; their
//! means and totals with intervals, the CLV histogram and the P(alive) matrix.
//!
//! Predictions depend only on a customer's (x, t_x, T) and monetary value, so they are
//! computed once per distinct history (a million customers have far fewer).
//!
//! CLV over H units: margin × expected spend × Σ over steps of the expected purchases
//! in the step, each discounted from the middle of the step at the unit's rate
//! (1 + d)^(unit / 365.25) − 1. Steps are whole units, at most [`CLV_STEPS`] of them
//! (longer horizons take steps of several units), so that a horizon of a year gives
//! the same CLV in days, weeks or months.

use super::backtest::Backtest;
use super::fits::{Fitted, SpendFit};
use super::ValuationSettings;
use crate::calendar::{Date, TimeUnit};
use crate::metrics::calibration::{Calibrated, Calibration, Holdout};
use crate::models::data::CountModel;
use crate::models::gamma_gamma::GammaGamma;
use serde::{Deserialize, Serialize};

/// The most steps CLV is summed over.
pub const CLV_STEPS: u32 = 24;
/// Bars of the CLV histogram.
pub const HISTOGRAM_BINS: usize = 20;
/// P(alive) matrix: purchases 0..=MATRIX_X, recency in MATRIX_RECENCY steps.
pub const MATRIX_X: u32 = 20;
pub const MATRIX_RECENCY: usize = 20;

/// One customer's predictions.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Prediction {
    pub p_alive: f64,
    /// Expected purchases over the next H units.
    pub expected: f64,
    /// Expected spend per purchase; `None` without a spend model.
    pub spend: Option<f64>,
    /// Discounted CLV (margin) over H; `None` without a spend model.
    pub clv: Option<f64>,
}

/// A value with its 95% interval (delta method on the fits' covariance).
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct Estimate {
    pub value: f64,
    pub low: Option<f64>,
    pub high: Option<f64>,
}

/// One bar of the CLV histogram: customers with CLV in [low, high) (the last bar
/// holds everything from its low up).
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct Bin {
    pub low: f64,
    pub high: f64,
    pub customers: u64,
}

/// P(alive) by purchases (rows) and recency (columns) for a customer of age T.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct AliveMatrix {
    /// T, in the unit (the largest in the data).
    pub t: f64,
    /// x of each row: 0, 1, ..., MATRIX_X.
    pub x: Vec<u32>,
    /// t_x of each column.
    pub recency: Vec<f64>,
    /// P(alive) in %, `[row][column]`.
    pub percent: Vec<Vec<f64>>,
}

/// What the page shows of the lifetime-value models for one setting.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Valuation {
    pub settings: ValuationSettings,
    pub unit: TimeUnit,
    pub horizon_units: u32,
    pub calibration_end: Option<Date>,
    pub holdout: Option<Holdout>,
    pub customers: usize,
    /// Mean P(alive) at c over the model's customers (BG/NBD).
    pub p_alive_mean: f64,
    /// Purchases expected from them over H (BG/NBD), with its interval.
    pub expected_purchases_total: Estimate,
    pub clv_mean: Option<Estimate>,
    pub clv_total: Option<Estimate>,
    /// Why there is no CLV (no spend model), if there is none.
    pub spend_problem: Option<SpendFit>,
    pub backtest: Option<Backtest>,
    pub clv_histogram: Vec<Bin>,
    pub alive_matrix: AliveMatrix,
    /// Customers on the activation list (P(alive) below 50%, with a value at stake).
    pub lapsed: usize,
}

/// The CLV calendar: step ends in units and the discount factor of each step.
pub struct ClvSteps {
    ends: Vec<f64>,
    factors: Vec<f64>,
}

impl ClvSteps {
    pub fn new(settings: &ValuationSettings) -> ClvSteps {
        let h = settings.horizon_units();
        let steps = h.min(CLV_STEPS);
        let d = crate::models::clv::unit_discount_rate(settings.time_unit, settings.discount_pct / 100.0);
        let ends: Vec<f64> = (1..=steps).map(|j| (h as f64 * j as f64 / steps as f64).round()).collect();
        let mut start = 0.0;
        let factors = ends
            .iter()
            .map(|&end| {
                let f = (1.0 + d).powf(-(start + end) / 2.0);
                start = end;
                f
            })
            .collect();
        ClvSteps { ends, factors }
    }

    /// Σ discounted expected purchases over the horizon for one history.
    pub fn discounted_purchases(&self, model: &dyn CountModel, x: f64, t_x: f64, t: f64) -> f64 {
        let mut before = 0.0;
        let mut sum = 0.0;
        for (&end, &f) in self.ends.iter().zip(&self.factors) {
            let e = model.conditional_expected(end, x, t_x, t);
            sum += (e - before) * f;
            before = e;
        }
        sum
    }
}

/// The spend model's expected spend per purchase for a customer, if it can be used.
pub fn expected_spend(gg: Option<&GammaGamma>, c: &Calibrated) -> Option<f64> {
    let gg = gg?;
    match c.monetary.filter(|&m| m > 0.0 && c.x >= 1) {
        Some(m) => gg.conditional_expected_spend(c.x as f64, m).ok(),
        None => gg.mean_spend().ok(),
    }
}

/// The predictions of one setting, kept per distinct history where they depend only on
/// (x, t_x, T) (a million customers' predictions in a few megabytes): [`Predicted::get`]
/// gives customer i's [`Prediction`].
pub struct Predicted {
    /// Per distinct history: P(alive), expected purchases over H, and the discounted
    /// expected purchases over H (which CLV and its interval need).
    pub alive: Vec<f64>,
    pub expected: Vec<f64>,
    pub discounted: Vec<f64>,
    /// Per customer: their history, and the expected spend per purchase (NaN: none).
    pub history: Vec<u32>,
    pub spend: Vec<f64>,
    /// Margin on revenue, a fraction.
    pub margin: f64,
}

impl Predicted {
    /// Customers (each their own history) with given predictions, CLV as given (margin 1,
    /// discounted purchases CLV / spend).
    pub fn of_customers(predictions: &[Prediction]) -> Predicted {
        let opt = |v: Option<f64>| v.unwrap_or(f64::NAN);
        Predicted {
            alive: predictions.iter().map(|p| p.p_alive).collect(),
            expected: predictions.iter().map(|p| p.expected).collect(),
            discounted: predictions.iter().map(|p| opt(p.clv) / opt(p.spend)).collect(),
            history: (0..predictions.len() as u32).collect(),
            spend: predictions.iter().map(|p| opt(p.spend)).collect(),
            margin: 1.0,
        }
    }

    /// The number of customers.
    pub fn len(&self) -> usize {
        self.history.len()
    }

    pub fn is_empty(&self) -> bool {
        self.history.is_empty()
    }

    /// Customer i's predictions.
    pub fn get(&self, i: usize) -> Prediction {
        let k = self.history[i] as usize;
        let spend = Some(self.spend[i]).filter(|s| !s.is_nan());
        Prediction {
            p_alive: self.alive[k],
            expected: self.expected[k],
            spend,
            clv: spend.map(|s| self.margin * s * self.discounted[k]),
        }
    }

    /// Every customer's predictions, in customer order.
    pub fn iter(&self) -> impl Iterator<Item = Prediction> + '_ {
        (0..self.len()).map(|i| self.get(i))
    }
}

/// Every customer's predictions with `counts` (the BG/NBD fit) and `spend`: the count
/// model once per distinct history, the spend per customer.
pub fn predict(
    calibration: &Calibration,
    counts: &dyn CountModel,
    spend: Option<&GammaGamma>,
    settings: &ValuationSettings,
) -> Predicted {
    let steps = ClvSteps::new(settings);
    let h = settings.horizon_units() as f64;
    let hs = &calibration.histories;
    Predicted {
        alive: hs.each(|x, t_x, t| counts.p_alive(x, t_x, t)),
        expected: hs.each(|x, t_x, t| counts.conditional_expected(h, x, t_x, t)),
        discounted: hs.each(|x, t_x, t| steps.discounted_purchases(counts, x, t_x, t)),
        history: hs.of_customer.clone(),
        spend: calibration.customers.iter().map(|c| expected_spend(spend, c).unwrap_or(f64::NAN)).collect(),
        margin: settings.margin_pct / 100.0,
    }
}

/// A 95% interval: (low, high).
pub type Bounds = (f64, f64);

/// 95% intervals of one customer's expected purchases over H and CLV (delta method;
/// for CLV the BG/NBD and Gamma-Gamma variances added), each cut at 0 below.
pub fn customer_intervals(
    c: &Calibrated,
    bgnbd: &Fitted,
    bgnbd_fit: &crate::models::optimise::Fit,
    gg: Option<(&GammaGamma, &crate::models::optimise::Fit)>,
    settings: &ValuationSettings,
) -> (Option<Bounds>, Option<Bounds>) {
    use crate::models::optimise::delta_interval;
    let (x, t_x, t) = (c.x as f64, c.t_x, c.t);
    let h = settings.horizon_units() as f64;
    let bounds = |value: f64, se: Option<f64>| se.map(|se| ((value - 1.96 * se).max(0.0), value + 1.96 * se));
    let e = delta_interval(bgnbd_fit, |p| {
        bgnbd.with_params(p).counts().map_or(f64::NAN, |m| m.conditional_expected(h, x, t_x, t))
    });
    let expected = bounds(e.value, e.se);
    let clv = gg.and_then(|(spend, spend_fit)| {
        let steps = ClvSteps::new(settings);
        let margin = settings.margin_pct / 100.0;
        let value_of = |counts: &dyn CountModel, gg: &GammaGamma| {
            expected_spend(Some(gg), c).map_or(f64::NAN, |s| margin * s * steps.discounted_purchases(counts, x, t_x, t))
        };
        let counts = bgnbd.counts()?;
        let a = delta_interval(bgnbd_fit, |p| bgnbd.with_params(p).counts().map_or(f64::NAN, |m| value_of(m, spend)));
        let b = delta_interval(spend_fit, |p| value_of(counts, &super::fits::gamma_gamma(p)));
        let se = Some((a.se? * a.se? + b.se? * b.se?).sqrt());
        bounds(a.value, se)
    });
    (expected, clv)
}

/// Total CLV as a function of the count model, the customers' expected spends fixed
/// (`spend_by_history[k]`: the spends of history k's customers added up).
fn clv_total_counts(
    calibration: &Calibration,
    counts: &dyn CountModel,
    spend_by_history: &[f64],
    settings: &ValuationSettings,
) -> f64 {
    let steps = ClvSteps::new(settings);
    let margin = settings.margin_pct / 100.0;
    let hs = &calibration.histories;
    hs.rows
        .iter()
        .zip(spend_by_history)
        .filter(|(_, &s)| s > 0.0)
        .map(|(&(x, t_x, t), s)| margin * s * steps.discounted_purchases(counts, x, t_x, t))
        .sum()
}

/// Total CLV as a function of the spend model, the discounted purchases fixed
/// (`discounted[k]` of history k).
fn clv_total_spend(
    calibration: &Calibration,
    spend: &GammaGamma,
    discounted: &[f64],
    settings: &ValuationSettings,
) -> f64 {
    let margin = settings.margin_pct / 100.0;
    calibration
        .customers
        .iter()
        .zip(&calibration.histories.of_customer)
        .filter_map(|(c, &k)| expected_spend(Some(spend), c).map(|s| margin * s * discounted[k as usize]))
        .sum()
}

/// The CLV histogram: [`HISTOGRAM_BINS`] equal bars from 0 to the 99th percentile
/// (the last bar also holds the few above it).
pub fn histogram(clv: &[f64]) -> Vec<Bin> {
    if clv.is_empty() {
        return Vec::new();
    }
    let mut sorted = clv.to_vec();
    sorted.sort_by(f64::total_cmp);
    let top = sorted[((sorted.len() - 1) as f64 * 0.99).round() as usize].max(sorted[sorted.len() - 1].min(1.0));
    let low = sorted[0].min(0.0);
    let width = (top - low) / HISTOGRAM_BINS as f64;
    let mut bins: Vec<Bin> = (0..HISTOGRAM_BINS)
        .map(|i| Bin { low: low + i as f64 * width, high: low + (i + 1) as f64 * width, customers: 0 })
        .collect();
    for &v in &sorted {
        let i = if width > 0.0 { ((v - low) / width).floor() as usize } else { 0 };
        bins[i.min(HISTOGRAM_BINS - 1)].customers += 1;
    }
    bins
}

/// P(alive) of the model over purchases × recency at the largest T of the data.
pub fn alive_matrix(calibration: &Calibration, counts: &dyn CountModel) -> AliveMatrix {
    let t = calibration.customers.iter().map(|c| c.t).fold(0.0, f64::max);
    let max_x = calibration.customers.iter().map(|c| c.x).max().unwrap_or(0).min(MATRIX_X);
    let x: Vec<u32> = (0..=max_x).collect();
    let recency: Vec<f64> = (0..MATRIX_RECENCY).map(|j| t * (j as f64 + 0.5) / MATRIX_RECENCY as f64).collect();
    let percent = x
        .iter()
        .map(|&xi| {
            recency.iter().map(|&r| 100.0 * counts.p_alive(xi as f64, if xi == 0 { 0.0 } else { r }, t)).collect()
        })
        .collect();
    AliveMatrix { t, x, recency, percent }
}

/// Whether a customer is on the activation list: probably lapsed (P(alive) < 50%).
pub fn lapsed(p: &Prediction) -> bool {
    p.p_alive < 0.5
}

/// What winning a lapsed customer back is worth: their CLV if they were alive
/// (CLV / P(alive)), or their expected spend when there is no CLV.
pub fn value_at_stake(p: &Prediction) -> Option<f64> {
    p.clv.map(|v| if p.p_alive > 0.0 { v / p.p_alive } else { 0.0 })
}

/// The valuation for one setting.
#[allow(clippy::too_many_arguments)]
pub fn valuation(
    calibration: &Calibration,
    bgnbd: &Fitted,
    bgnbd_cov: Option<&crate::models::optimise::Fit>,
    gg: Option<(&GammaGamma, &crate::models::optimise::Fit)>,
    spend_problem: Option<SpendFit>,
    pnbd: Option<&dyn CountModel>,
    predicted: &Predicted,
    settings: &ValuationSettings,
) -> Valuation {
    use crate::models::optimise::delta_interval;
    let counts = bgnbd.counts().expect("a count model");
    let n = predicted.len();
    let mean = |f: &dyn Fn(&Prediction) -> f64| predicted.iter().map(|p| f(&p)).sum::<f64>() / n.max(1) as f64;
    let h = settings.horizon_units() as f64;
    let purchases: f64 = predicted.iter().map(|p| p.expected).sum();
    let hs = &calibration.histories;
    let purchases_interval = bgnbd_cov.map(|fit| {
        delta_interval(fit, |p| {
            let m = bgnbd.with_params(p);
            let m = m.counts().expect("a count model");
            hs.total(|x, t_x, t| m.conditional_expected(h, x, t_x, t))
        })
    });
    let expected_purchases_total = Estimate {
        value: purchases,
        low: purchases_interval.as_ref().and_then(|i| i.low),
        high: purchases_interval.as_ref().and_then(|i| i.high),
    };
    let clv: Vec<f64> = predicted.iter().filter_map(|p| p.clv).collect();
    let (clv_mean, clv_total) = match (gg, clv.len() == n && n > 0) {
        (Some((_, spend_fit)), true) => {
            let total: f64 = clv.iter().sum();
            // The two fits' uncertainties added (they are fitted apart).
            let mut spend_by_history = vec![0.0; hs.rows.len()];
            for (p, &k) in predicted.iter().zip(&hs.of_customer) {
                spend_by_history[k as usize] += p.spend.unwrap_or(0.0);
            }
            let var_counts = bgnbd_cov
                .map(|fit| {
                    delta_interval(fit, |p| {
                        let m = bgnbd.with_params(p);
                        clv_total_counts(calibration, m.counts().expect("a count model"), &spend_by_history, settings)
                    })
                })
                .and_then(|i| i.se)
                .map(|se| se * se);
            let var_spend = delta_interval(spend_fit, |p| {
                clv_total_spend(calibration, &super::fits::gamma_gamma(p), &predicted.discounted, settings)
            })
            .se
            .map(|se| se * se);
            let se = match (var_counts, var_spend) {
                (Some(a), Some(b)) => Some((a + b).sqrt()),
                _ => None,
            };
            let total_est = Estimate {
                value: total,
                low: se.map(|s| (total - 1.96 * s).max(0.0)),
                high: se.map(|s| total + 1.96 * s),
            };
            let k = 1.0 / n as f64;
            let mean_est =
                Estimate { value: total * k, low: total_est.low.map(|v| v * k), high: total_est.high.map(|v| v * k) };
            (Some(mean_est), Some(total_est))
        }
        _ => (None, None),
    };
    Valuation {
        settings: settings.clone(),
        unit: calibration.unit,
        horizon_units: settings.horizon_units(),
        calibration_end: calibration.end,
        holdout: calibration.holdout,
        customers: n,
        p_alive_mean: mean(&|p| p.p_alive),
        expected_purchases_total,
        clv_mean,
        clv_total,
        spend_problem,
        backtest: Backtest::of(calibration, counts, pnbd),
        clv_histogram: histogram(&clv),
        alive_matrix: alive_matrix(calibration, counts),
        lapsed: predicted.iter().filter(lapsed).count(),
    }
}
