//! The Gamma-Gamma model of spend per purchase: Fader & Hardie (2013), "The Gamma-Gamma
//! model of monetary value" (brucehardie.com/notes/025), after Colombo & Jiang (1999).
//!
//! A customer's purchases are worth z ~ Gamma(p, ν) each (mean p/ν); ν ~ Gamma(q, v)
//! over customers. The mean z̄ of a customer's x purchases has density
//!
//! ```text
//!   f(z̄ | p, q, v; x) = Γ(px + q) / (Γ(px) Γ(q)) · v^q x^{px} z̄^{px−1} / (v + x z̄)^{px+q}
//! ```
//!
//! fitted on the customers with x ≥ 1 repeat purchases and z̄ > 0 (METRICS.md). The
//! expected spend per purchase is p v / (q − 1) for a new customer and, for one with
//! history (x, z̄), the weighted mean
//!
//! ```text
//!   E[Z | x, z̄] = (q − 1)/(px + q − 1) · p v/(q − 1) + px/(px + q − 1) · z̄ = p (v + x z̄)/(px + q − 1).
//! ```
//!
//! When q ≤ 1 the spend of a new customer has no finite mean (E[1/ν] = ∞): the model does
//! not fit the data, and every expected spend is [`SpendModelDoesNotFit`] rather than the
//! negative number the formula gives (the `lifetimes` issue #146).

use crate::models::optimise::{delta_interval, Fit, FitError, Interval, Objective};
use crate::models::special::{digamma, ln_gamma};

/// A customer's spend history: repeat purchases x, their mean spend z̄, and how many
/// customers the row stands for.
#[derive(Clone, Copy, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct SpendRow {
    pub x: f64,
    pub mean_spend: f64,
    pub weight: f64,
}

impl SpendRow {
    /// Whether the row can enter the fit: x ≥ 1, z̄ > 0, a positive weight, all finite.
    pub fn usable(&self) -> bool {
        self.x.is_finite()
            && self.x >= 1.0
            && self.mean_spend.is_finite()
            && self.mean_spend > 0.0
            && self.weight.is_finite()
            && self.weight > 0.0
    }
}

/// Why the Gamma-Gamma model gives no expected spend.
#[derive(Clone, Copy, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
pub enum SpendModelDoesNotFit {
    /// q ≤ 1: the population's mean spend is infinite, the model does not fit the data.
    QAtMostOne { q: f64 },
    /// The customer's history is not a count x ≥ 0 with a mean spend ≥ 0.
    BadHistory,
}

/// Gamma-Gamma parameters (keys gg_p, gg_q, gg_v).
#[derive(Clone, Copy, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct GammaGamma {
    pub p: f64,
    pub q: f64,
    pub v: f64,
}

impl GammaGamma {
    /// `Ok` when the model gives finite expected spends (q > 1).
    pub fn check(&self) -> Result<(), SpendModelDoesNotFit> {
        if self.q > 1.0 {
            Ok(())
        } else {
            Err(SpendModelDoesNotFit::QAtMostOne { q: self.q })
        }
    }

    /// The expected spend per purchase of a new customer, p v / (q − 1).
    pub fn mean_spend(&self) -> Result<f64, SpendModelDoesNotFit> {
        self.check()?;
        Ok(self.p * self.v / (self.q - 1.0))
    }

    /// E[Z | x, z̄]: the expected spend per purchase of a customer with x repeat purchases
    /// of mean spend z̄ (x = 0: the population mean).
    pub fn conditional_expected_spend(&self, x: f64, mean_spend: f64) -> Result<f64, SpendModelDoesNotFit> {
        self.check()?;
        if !(x.is_finite() && x >= 0.0 && mean_spend.is_finite() && mean_spend >= 0.0) {
            return Err(SpendModelDoesNotFit::BadHistory);
        }
        let (p, q, v) = (self.p, self.q, self.v);
        Ok(p * (v + x * mean_spend) / (p * x + q - 1.0))
    }
}

/// The Gamma-Gamma log-likelihood of the usable rows (the others are left out).
pub fn log_likelihood(model: &GammaGamma, rows: &[SpendRow]) -> f64 {
    let o = GammaGammaObjective::new(rows);
    let mut grad = [0.0; 3];
    o.value_gradient(&[model.p.ln(), model.q.ln(), model.v.ln()], &mut grad)
}

/// The Gamma-Gamma likelihood as an [`Objective`] in θ = (ln p, ln q, ln v), over the
/// usable rows. The terms in x alone (ln Γ(px + q), ln Γ(px), ψ, Σ w ln z̄) are summed
/// once per distinct x; a row costs one logarithm and one division per evaluation.
pub struct GammaGammaObjective {
    /// Per distinct x: (x, ln x, Σ w, Σ w ln z̄).
    xs: Vec<(f64, f64, f64, f64)>,
    /// Per usable row, in ascending x: (x z̄, weight, index into `xs`).
    rows: Vec<(f64, f64, u32)>,
    mean: f64,
}

impl GammaGammaObjective {
    pub fn new(rows: &[SpendRow]) -> Self {
        let mut usable: Vec<&SpendRow> = rows.iter().filter(|r| r.usable()).collect();
        usable.sort_by(|a, b| a.x.total_cmp(&b.x));
        let mut xs: Vec<(f64, f64, f64, f64)> = Vec::new();
        let mut out = Vec::with_capacity(usable.len());
        let (mut sum, mut n) = (0.0, 0.0);
        for r in usable {
            if xs.last().is_none_or(|g| g.0 != r.x) {
                xs.push((r.x, r.x.ln(), 0.0, 0.0));
            }
            let k = xs.len() - 1;
            xs[k].2 += r.weight;
            xs[k].3 += r.weight * r.mean_spend.ln();
            out.push((r.x * r.mean_spend, r.weight, k as u32));
            sum += r.weight * r.mean_spend;
            n += r.weight;
        }
        GammaGammaObjective { xs, rows: out, mean: if n > 0.0 { sum / n } else { 1.0 } }
    }

    /// A systematic sample of about `max_rows` rows (every k-th in the order of x), each
    /// weighted k times: the coarse stand-in of
    /// [`crate::models::optimise::maximise_coarse_to_fine`]; `None` when there are not
    /// more than `2 · max_rows` rows.
    pub fn subsample(&self, max_rows: usize) -> Option<GammaGammaObjective> {
        if max_rows == 0 || self.rows.len() <= 2 * max_rows {
            return None;
        }
        let k = self.rows.len().div_ceil(max_rows);
        let mut xs: Vec<(f64, f64, f64, f64)> = self.xs.iter().map(|g| (g.0, g.1, 0.0, 0.0)).collect();
        let rows = self
            .rows
            .iter()
            .skip(k / 2)
            .step_by(k)
            .map(|&(xm, w, g)| {
                let (w, x) = (w * k as f64, xs[g as usize].0);
                xs[g as usize].2 += w;
                xs[g as usize].3 += w * (xm / x).ln();
                (xm, w, g)
            })
            .collect();
        Some(GammaGammaObjective { xs, rows, mean: self.mean })
    }

    /// The number of usable rows.
    pub fn len(&self) -> usize {
        self.rows.len()
    }

    pub fn is_empty(&self) -> bool {
        self.rows.is_empty()
    }
}

impl Objective for GammaGammaObjective {
    fn names(&self) -> &'static [&'static str] {
        &["p", "q", "v"]
    }

    fn value_gradient(&self, theta: &[f64], grad: &mut [f64]) -> f64 {
        let (p, q, v) = (theta[0].exp(), theta[1].exp(), theta[2].exp());
        let (ln_v, lg_q, dg_q) = (v.ln(), ln_gamma(q), digamma(q));
        let (mut ll, mut gp, mut gq, mut gv) = (0.0, 0.0, 0.0, 0.0);
        // Per x: W[ln Γ(px+q) − ln Γ(px) − ln Γ(q) + q ln v + px ln x] + (px − 1) Σ w ln z̄.
        for &(x, ln_x, w, w_ln_m) in &self.xs {
            if w == 0.0 {
                continue;
            }
            let px = p * x;
            let dg_pq = digamma(px + q);
            ll += w * (ln_gamma(px + q) - ln_gamma(px) - lg_q + q * ln_v + px * ln_x) + (px - 1.0) * w_ln_m;
            gp += x * (w * (dg_pq - digamma(px) + ln_x) + w_ln_m);
            gq += w * (dg_pq - dg_q + ln_v);
            gv += w * q / v;
        }
        // Per row: −w (px + q) ln(v + x z̄).
        for &(xm, w, g) in &self.rows {
            let px = p * self.xs[g as usize].0;
            let s = v + xm;
            let ln_s = s.ln();
            ll -= w * (px + q) * ln_s;
            gp -= w * self.xs[g as usize].0 * ln_s;
            gq -= w * ln_s;
            gv -= w * (px + q) / s;
        }
        grad[0] = p * gp;
        grad[1] = q * gq;
        grad[2] = v * gv;
        ll
    }

    fn starts(&self) -> Vec<Vec<f64>> {
        // (1, 1, 1) as `lifetimes` starts; and p = 5, q = 3 with v matching the mean spend,
        // p v/(q − 1) = mean.
        vec![vec![0.0, 0.0, 0.0], vec![5f64.ln(), 3f64.ln(), (self.mean * 2.0 / 5.0).max(1e-9).ln()]]
    }
}

/// A finished Gamma-Gamma fit. Check `model.check()` (or call the expected-spend
/// functions, which do) before using it: a fit with q ≤ 1 is reported, not hidden.
#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct GammaGammaFit {
    pub model: GammaGamma,
    pub fit: Fit,
    /// Rows in the fit (x ≥ 1, mean spend > 0) and rows left out.
    pub used: usize,
    pub left_out: usize,
}

impl GammaGammaFit {
    /// A new customer's expected spend per purchase, p v/(q − 1), with its delta-method
    /// 95% interval.
    pub fn mean_spend_interval(&self) -> Result<Interval, SpendModelDoesNotFit> {
        self.model.check()?;
        Ok(delta_interval(&self.fit, |p| p[0] * p[2] / (p[1] - 1.0)))
    }
}

/// Fits the Gamma-Gamma model on the rows with x ≥ 1 and mean spend > 0 (the others are
/// left out and counted): at least two such rows.
pub fn fit(rows: &[SpendRow]) -> Result<GammaGammaFit, FitError> {
    let o = GammaGammaObjective::new(rows);
    if o.len() < 2 {
        return Err(FitError::NotEnoughData { needed: 2, got: o.len() });
    }
    let fit = match o.subsample(crate::models::data::COARSE_ROWS) {
        Some(coarse) => crate::models::optimise::maximise_coarse_to_fine(&o, &coarse),
        None => crate::models::optimise::maximise(&o),
    }?;
    let p = fit.params();
    Ok(GammaGammaFit {
        model: GammaGamma { p: p[0], q: p[1], v: p[2] },
        fit,
        used: o.len(),
        left_out: rows.len() - o.len(),
    })
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::models::sbg::tests::check_gradient;

    fn close(a: f64, b: f64, rel: f64) -> bool {
        (a - b).abs() <= rel * b.abs()
    }

    /// The CDNOW customers (`ID,x,t_x,T,zbar`) as spend rows, all of them (x = 0 included).
    pub(crate) fn cdnow() -> Vec<SpendRow> {
        let text = include_str!("../../tests/fixtures/models/cdnow_customers_summary_with_transactions.csv");
        text.lines()
            .skip(1)
            .map(|line| {
                let f: Vec<f64> = line.split(',').map(|s| s.trim().parse().unwrap()).collect();
                SpendRow { x: f[1], mean_spend: f[4], weight: 1.0 }
            })
            .collect()
    }

    /// The grouped sums equal the density summed row by row (the formula of the module
    /// header, term for term).
    #[test]
    fn grouped_likelihood_equals_the_row_by_row_sum() {
        let rows = cdnow();
        let o = GammaGammaObjective::new(&rows);
        for theta in [[0.0f64, 0.0, 0.0], [1.83, 1.32, 2.74], [-1.0, 2.0, 0.5]] {
            let (p, q, v) = (theta[0].exp(), theta[1].exp(), theta[2].exp());
            let want: f64 = rows
                .iter()
                .filter(|r| r.usable())
                .map(|r| {
                    let (px, z) = (p * r.x, r.mean_spend);
                    ln_gamma(px + q) - ln_gamma(px) - ln_gamma(q) + q * v.ln() + px * r.x.ln() + (px - 1.0) * z.ln()
                        - (px + q) * (v + r.x * z).ln()
                })
                .sum();
            let gp_want: f64 = rows
                .iter()
                .filter(|r| r.usable())
                .map(|r| {
                    let (px, z) = (p * r.x, r.mean_spend);
                    p * r.x * (digamma(px + q) - digamma(px) + z.ln() + r.x.ln() - (v + r.x * z).ln())
                })
                .sum();
            let mut g = [0.0; 3];
            let got = o.value_gradient(&theta, &mut g);
            assert!((got - want).abs() <= 1e-11 * want.abs(), "{got} vs {want}");
            assert!((g[0] - gp_want).abs() <= 1e-9 * gp_want.abs().max(1.0), "{} vs {gp_want}", g[0]);
        }
    }

    #[test]
    fn log_likelihood_at_the_published_parameters() {
        let rows = cdnow();
        assert_eq!(rows.len(), 2357);
        let o = GammaGammaObjective::new(&rows);
        assert_eq!(o.len(), 946); // the repeat buyers
                                  // scipy (gammaln) in tests/models/other_reference.py.
        let ll = log_likelihood(&GammaGamma { p: 6.25, q: 3.74, v: 15.44 }, &rows);
        assert!(close(ll, -4055.9247127302, 1e-10), "{ll}");
    }

    #[test]
    fn gradient_is_exact_and_vanishes_at_the_maximum() {
        let rows = cdnow();
        let o = GammaGammaObjective::new(&rows);
        for theta in [[0.0, 0.0, 0.0], [1.83, 1.32, 2.74], [-1.0, 2.0, 0.5]] {
            check_gradient(&o, &theta);
        }
        // scipy's and `lifetimes`' maximum: p = 6.2488026949, q = 3.7445884393, v = 15.4477472178.
        let mut g = [0.0; 3];
        o.value_gradient(&[6.2488026949f64.ln(), 3.7445884393f64.ln(), 15.4477472178f64.ln()], &mut g);
        assert!(g.iter().all(|g| g.abs() < 1e-3), "{g:?}");
    }

    #[test]
    fn weights_count_as_repeated_rows() {
        let one =
            [SpendRow { x: 2.0, mean_spend: 20.0, weight: 3.0 }, SpendRow { x: 1.0, mean_spend: 8.0, weight: 1.0 }];
        let many = [
            SpendRow { x: 2.0, mean_spend: 20.0, weight: 1.0 },
            SpendRow { x: 2.0, mean_spend: 20.0, weight: 1.0 },
            SpendRow { x: 1.0, mean_spend: 8.0, weight: 1.0 },
            SpendRow { x: 2.0, mean_spend: 20.0, weight: 1.0 },
            SpendRow { x: 0.0, mean_spend: 0.0, weight: 1.0 },
            SpendRow { x: 3.0, mean_spend: 0.0, weight: 1.0 },
        ];
        let m = GammaGamma { p: 2.0, q: 3.0, v: 10.0 };
        assert!(close(log_likelihood(&m, &one), log_likelihood(&m, &many), 1e-14));
    }

    #[test]
    fn expected_spend_per_purchase() {
        // `lifetimes` GammaGammaFitter.conditional_expected_average_profit at the published
        // parameters (tests/models/other_reference.py).
        let m = GammaGamma { p: 6.25, q: 3.74, v: 15.44 };
        let cases = [(1.0, 11.77, 18.916852057842), (2.0, 22.35, 24.663713910761), (10.0, 35.0, 35.009196811772)];
        for (x, z, want) in cases {
            let got = m.conditional_expected_spend(x, z).unwrap();
            assert!(close(got, want, 1e-10), "x = {x}: {got} vs {want}");
        }
        // A new customer: p v/(q − 1) = 6.25 · 15.44 / 2.74 = 35.218978…
        assert!(close(m.conditional_expected_spend(0.0, 0.0).unwrap(), 35.218978102190, 1e-10));
        assert!(close(m.mean_spend().unwrap(), 96.5 / 2.74, 1e-12));
        assert_eq!(m.conditional_expected_spend(-1.0, 3.0), Err(SpendModelDoesNotFit::BadHistory));
    }

    #[test]
    fn q_at_most_one_does_not_fit() {
        // With q < 1 the formula gives p v/(q − 1) < 0 for a new customer (lifetimes #146).
        for q in [0.5, 1.0] {
            let m = GammaGamma { p: 2.0, q, v: 10.0 };
            assert_eq!(m.check(), Err(SpendModelDoesNotFit::QAtMostOne { q }));
            assert_eq!(m.mean_spend(), Err(SpendModelDoesNotFit::QAtMostOne { q }));
            assert_eq!(m.conditional_expected_spend(0.0, 0.0), Err(SpendModelDoesNotFit::QAtMostOne { q }));
            assert_eq!(m.conditional_expected_spend(4.0, 25.0), Err(SpendModelDoesNotFit::QAtMostOne { q }));
        }
    }

    #[test]
    fn fit_reproduces_fader_and_hardie() {
        use crate::models::optimise::Convergence;
        // Fader & Hardie (2013): p = 6.25, q = 3.74, v = 15.44; scipy and `lifetimes`:
        // 6.2488026949, 3.7445884393, 15.4477472178, LL −4055.9232435029; SEs from scipy's
        // central-difference Hessian (tests/models/other_reference.py).
        let rows = cdnow();
        let f = fit(&rows).unwrap();
        assert_eq!((f.used, f.left_out), (946, 1411));
        assert_eq!(f.fit.convergence, Convergence::Gradient);
        let m = f.model;
        assert!(close(m.p, 6.25, 1e-2) && close(m.q, 3.74, 1e-2) && close(m.v, 15.44, 1e-2), "{m:?}");
        assert!(close(m.p, 6.2488026949, 1e-4) && close(m.q, 3.7445884393, 1e-4) && close(m.v, 15.4477472178, 1e-4));
        assert!(close(f.fit.log_likelihood, -4055.9232435029, 1e-9));
        let se: Vec<f64> = f.fit.estimates.iter().map(|e| e.se.unwrap()).collect();
        let want = [1.18968092898, 0.290164223476, 4.159969163089];
        for (s, w) in se.iter().zip(want) {
            assert!(close(*s, w, 1e-2), "{se:?}");
        }
        assert!(m.check().is_ok());
        // scipy: 35.1710016200 with a delta-method SE of 0.9227923098.
        let mean = f.mean_spend_interval().unwrap();
        assert!(close(mean.value, 35.1710016200, 1e-4) && close(mean.se.unwrap(), 0.9227923098, 1e-2), "{mean:?}");
        let unfit = GammaGammaFit { model: GammaGamma { q: 0.9, ..m }, ..f.clone() };
        assert_eq!(unfit.mean_spend_interval(), Err(SpendModelDoesNotFit::QAtMostOne { q: 0.9 }));
        assert_eq!(fit(&rows[1..3]), Err(FitError::NotEnoughData { needed: 2, got: 1 }));
    }
}
