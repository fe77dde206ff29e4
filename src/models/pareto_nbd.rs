//! Pareto/NBD: Schmittlein, Morrison & Colombo (1987), "Counting Your Customers: Who
//! Are They and What Will They Do Next?" (Management Science 33(1)), with the
//! likelihood in the form of Fader & Hardie's note 008 ("A Note on Deriving the
//! Pareto/NBD Model and Related Expressions", 2005), evaluated in log space.
//!
//! Purchase rate λ ~ Gamma(r, α), dropout rate μ ~ Gamma(s, β). For a customer
//! (x, t_x, T):
//! L = Γ(r+x) α^r β^s / Γ(r) · [ (α+T)^−(r+x) (β+T)^−s + s/(r+s+x) · A₀ ],
//! A₀ = F(t_x) − F(T), F(τ) = ₂F₁(r+s+x, b₁; r+s+x+1; z(τ)) / (M+τ)^(r+s+x), with
//! M = α, b₁ = s+1, z = (α−β)/(α+τ) when α ≥ β and M = β, b₁ = r+x, z = (β−α)/(β+τ)
//! otherwise (the two are Pfaff transforms of each other; this choice keeps z in
//! [0, 1)). ln A₀ = log-diff-exp(ln F(t_x), ln F(T)), so nothing overflows for
//! hundreds of purchases (lifetimes issues #25, #90, #117), and α = β is no special
//! case: z = 0 there, ₂F₁ = 1, and the derivative in z (ab/c) carries on.
//!
//! Hand-written: the gradient comes from forward-mode dual numbers (special::Dual), the
//! likelihood being written once over special::Real — exact, not finite differences,
//! and through the hypergeometric series too. ₂F₁ is computed once per distinct
//! (x, t_x) and (x, T), ln Γ(r+x) once per distinct x.

use std::collections::HashMap;

use super::bgnbd::{logistic_neg, one_minus_pow_over};
use super::data::{CountModel, Customer, Indexed, COARSE_ROWS};
use super::optimise::{maximise, maximise_coarse_to_fine, Fit, FitError, Objective};
use super::special::{ln_hyp2f1, log_diff_exp_r, log_sum_exp_r, Dual, Real};

/// Fitted Pareto/NBD parameters: λ ~ Gamma(r, α), μ ~ Gamma(s, β) (rates per time unit).
#[derive(Clone, Copy, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct ParetoNbd {
    pub r: f64,
    pub alpha: f64,
    pub s: f64,
    pub beta: f64,
}

/// ln F(τ) (see the module header).
fn ln_f<R: Real>(r: R, alpha: R, s: R, beta: R, x: f64, tau: f64) -> R {
    let a1 = (r + s).add_cst(x);
    let c1 = a1.add_cst(1.0);
    if alpha.val() >= beta.val() {
        let m = alpha.add_cst(tau);
        ln_hyp2f1(a1, s.add_cst(1.0), c1, (alpha - beta) / m) - a1 * m.ln()
    } else {
        let m = beta.add_cst(tau);
        ln_hyp2f1(a1, r.add_cst(x), c1, (beta - alpha) / m) - a1 * m.ln()
    }
}

/// ln A₀ from ln F(t_x) and ln F(T); −∞ when t_x = T (no time to have dropped out).
fn ln_a0<R: Real>(f_tx: R, f_t: R, t_x: f64, t: f64) -> R {
    if t_x >= t {
        R::cst(f64::NEG_INFINITY)
    } else {
        log_diff_exp_r(f_tx, f_t)
    }
}

struct Likelihood {
    ix: Indexed,
    /// Distinct (x index, t_x index) and (x index, T index) pairs.
    tx_pairs: Vec<(u32, u32)>,
    t_pairs: Vec<(u32, u32)>,
    /// Per row: its (x, t_x) and (x, T) pair.
    row_pairs: Vec<(u32, u32)>,
}

impl Likelihood {
    fn new(customers: &[Customer]) -> Likelihood {
        Likelihood::of(Indexed::new(customers))
    }

    fn of(ix: Indexed) -> Likelihood {
        let mut tx_map: HashMap<(u32, u32), u32> = HashMap::new();
        let mut t_map: HashMap<(u32, u32), u32> = HashMap::new();
        let (mut tx_pairs, mut t_pairs) = (Vec::new(), Vec::new());
        let row_pairs = ix
            .rows
            .iter()
            .map(|row| {
                let p = *tx_map.entry((row.x, row.t_x)).or_insert_with(|| {
                    tx_pairs.push((row.x, row.t_x));
                    tx_pairs.len() as u32 - 1
                });
                let q = *t_map.entry((row.x, row.t)).or_insert_with(|| {
                    t_pairs.push((row.x, row.t));
                    t_pairs.len() as u32 - 1
                });
                (p, q)
            })
            .collect();
        Likelihood { ix, tx_pairs, t_pairs, row_pairs }
    }

    fn eval<R: Real>(&self, r: R, alpha: R, s: R, beta: R) -> R {
        let ix = &self.ix;
        let (ln_r_gamma, ln_alpha, ln_s, ln_beta) = (r.ln_gamma(), alpha.ln(), s.ln(), beta.ln());
        let mut ll = (r * ln_alpha + s * ln_beta).scale(ix.total_weight);
        let mut ln_ratio = Vec::with_capacity(ix.xs.len());
        for (&x, &w) in ix.xs.iter().zip(&ix.x_weight) {
            ll = ll + (r.add_cst(x).ln_gamma() - ln_r_gamma).scale(w);
            ln_ratio.push(ln_s - (r + s).add_cst(x).ln());
        }
        let f_tx: Vec<R> = self
            .tx_pairs
            .iter()
            .map(|&(k, i)| ln_f(r, alpha, s, beta, ix.xs[k as usize], ix.t_xs[i as usize]))
            .collect();
        let f_t: Vec<R> =
            self.t_pairs.iter().map(|&(k, j)| ln_f(r, alpha, s, beta, ix.xs[k as usize], ix.ts[j as usize])).collect();
        let ln_at: Vec<R> = ix.ts.iter().map(|&t| alpha.add_cst(t).ln()).collect();
        let ln_bt: Vec<R> = ix.ts.iter().map(|&t| beta.add_cst(t).ln()).collect();
        let mut rows = R::cst(0.0);
        for (row, &(p, q)) in ix.rows.iter().zip(&self.row_pairs) {
            let (k, j) = (row.x as usize, row.t as usize);
            let x = ix.xs[k];
            let stay = -(r.add_cst(x) * ln_at[j]) - s * ln_bt[j];
            let a0 = ln_a0(f_tx[p as usize], f_t[q as usize], ix.t_xs[row.t_x as usize], ix.ts[j]);
            rows = rows + log_sum_exp_r(stay, ln_ratio[k] + a0).scale(row.weight);
        }
        ll + rows
    }
}

impl Objective for Likelihood {
    fn names(&self) -> &'static [&'static str] {
        &["r", "alpha", "s", "beta"]
    }
    fn value_gradient(&self, theta: &[f64], grad: &mut [f64]) -> f64 {
        let p: [Dual<4>; 4] = std::array::from_fn(|i| Dual::var(theta[i], i).exp());
        let ll = self.eval(p[0], p[1], p[2], p[3]);
        grad.copy_from_slice(&ll.d);
        ll.v
    }
    fn starts(&self) -> Vec<Vec<f64>> {
        let rate = self.ix.purchase_rate().max(1e-6);
        let mean_t = self.ix.mean_t().max(1e-6);
        [(1.0, 1.0 / rate, 1.0, mean_t), (0.5, 0.5 / rate, 0.5, mean_t), (1.0, 1.0, 1.0, 1.0)]
            .iter()
            .map(|&(r, al, s, be): &(f64, f64, f64, f64)| vec![r.ln(), al.ln(), s.ln(), be.ln()])
            .collect()
    }
}

impl ParetoNbd {
    /// The fitted model and its diagnostics (customers with weights; compressed here).
    pub fn fit(customers: &[Customer]) -> Result<(ParetoNbd, Fit), FitError> {
        let lik = Likelihood::new(customers);
        lik.ix.check(4)?;
        let fit = match lik.ix.subsample(COARSE_ROWS) {
            Some(ix) => maximise_coarse_to_fine(&lik, &Likelihood::of(ix)),
            None => maximise(&lik),
        }?;
        let p = fit.params();
        Ok((ParetoNbd { r: p[0], alpha: p[1], s: p[2], beta: p[3] }, fit))
    }

    /// One customer's log-likelihood.
    /// NaN for an impossible history (x < 0, t_x < 0 or t_x > t).
    pub fn log_likelihood(&self, x: f64, t_x: f64, t: f64) -> f64 {
        let lik = Likelihood::new(&[Customer { x, t_x, t, weight: 1.0 }]);
        if lik.ix.rows.is_empty() {
            return f64::NAN;
        }
        lik.eval(self.r, self.alpha, self.s, self.beta)
    }

    /// ln of the odds of having dropped out: ln[s/(r+s+x)] + (r+x) ln(α+T) + s ln(β+T) + ln A₀.
    fn ln_dead_odds(&self, x: f64, t_x: f64, t: f64) -> f64 {
        let (r, alpha, s, beta) = (self.r, self.alpha, self.s, self.beta);
        let a0 = ln_a0(ln_f(r, alpha, s, beta, x, t_x), ln_f(r, alpha, s, beta, x, t), t_x, t);
        (s / (r + s + x)).ln() + (r + x) * (alpha + t).ln() + s * (beta + t).ln() + a0
    }
}

/// Fits Pareto/NBD to customers (any weights; compressed here): [`ParetoNbd::fit`].
pub fn fit(customers: &[Customer]) -> Result<(ParetoNbd, Fit), FitError> {
    ParetoNbd::fit(customers)
}

impl CountModel for ParetoNbd {
    fn p_alive(&self, x: f64, t_x: f64, t: f64) -> f64 {
        logistic_neg(self.ln_dead_odds(x, t_x, t))
    }
    /// P(alive) · (r+x)/(α+T) · (β+T) · (1 − ((β+T)/(β+T+h))^(s−1)) / (s−1), the last
    /// factor exact at s = 1 (ln).
    fn conditional_expected(&self, h: f64, x: f64, t_x: f64, t: f64) -> f64 {
        if h <= 0.0 {
            return 0.0;
        }
        let bt = self.beta + t;
        let alive = (self.r + x) / (self.alpha + t) * bt * one_minus_pow_over(self.s - 1.0, -(h / bt).ln_1p());
        self.p_alive(x, t_x, t) * alive
    }
    fn expected(&self, t: f64) -> f64 {
        if t <= 0.0 {
            return 0.0;
        }
        self.r / self.alpha * self.beta * one_minus_pow_over(self.s - 1.0, -(t / self.beta).ln_1p())
    }
}

#[cfg(test)]
mod tests {
    use super::super::bgnbd::tests::{cdnow, check_gradient, rel, simulate, Rng};
    use super::super::bgnbd::BgNbd;
    use super::super::data::compress;
    use super::super::optimise::Convergence;
    use super::*;

    // tests/models/count_reference.py: lifetimes ParetoNBDFitter on CDNOW.
    const LIFETIMES: ParetoNbd =
        ParetoNbd { r: 0.5532724143725101, alpha: 10.577554103323658, s: 0.6062915148875586, beta: 11.670196896637568 };

    #[test]
    fn cdnow_fit_matches_the_published_values() {
        let (m, fit) = ParetoNbd::fit(&cdnow()).unwrap();
        assert!(rel(m.r, 0.5532) < 1e-3, "{m:?}");
        assert!(rel(m.alpha, 10.5763) < 1e-3, "{m:?}");
        assert!(rel(m.s, 0.6062) < 1e-3, "{m:?}");
        assert!(rel(m.beta, 11.6715) < 1e-3, "{m:?}");
        assert!(rel(fit.log_likelihood, -9594.98) < 1e-5, "{}", fit.log_likelihood);
        assert!(fit.log_likelihood >= -9594.97392992801 - 1e-6);
        assert_eq!(fit.convergence, Convergence::Gradient);
        assert!(fit.estimates.iter().all(|e| e.se.is_some()));
    }

    #[test]
    fn per_customer_log_likelihood_matches_lifetimes() {
        let m = ParetoNbd { r: 0.5532, alpha: 10.5763, s: 0.6062, beta: 11.6715 };
        for (x, t_x, want) in
            [(0.0, 0.0, -0.5212230180977162), (2.0, 30.43, -9.554253474842495), (7.0, 29.43, -21.594148290526263)]
        {
            let got = m.log_likelihood(x, t_x, 38.86);
            assert!(rel(got, want) < 1e-10, "x={x}: {got} vs {want}");
        }
        // α > β, and α = β exactly.
        for (m, want) in [
            (ParetoNbd { r: 0.8, alpha: 12.0, s: 0.6, beta: 3.0 }, [-12.282446868077265, -0.41411621964888035]),
            (ParetoNbd { r: 0.8, alpha: 5.0, s: 0.6, beta: 5.0 }, [-12.048992775705024, -0.7837971001566775]),
        ] {
            assert!(rel(m.log_likelihood(3.0, 20.0, 38.0), want[0]) < 1e-10, "{m:?}");
            assert!(rel(m.log_likelihood(0.0, 0.0, 38.0), want[1]) < 1e-10, "{m:?}");
        }
        assert!(m.log_likelihood(3.0, 40.0, 38.0).is_nan());
        // Continuous through α = β.
        let at = |beta: f64| ParetoNbd { r: 0.8, alpha: 5.0, s: 0.6, beta }.log_likelihood(3.0, 20.0, 38.0);
        assert!((at(5.0 * (1.0 + 1e-9)) - at(5.0)).abs() < 1e-8);
        assert!((at(5.0 * (1.0 - 1e-9)) - at(5.0)).abs() < 1e-8);
    }

    #[test]
    fn predictions_match_lifetimes() {
        let m = LIFETIMES;
        // (x, t_x, T, h, lifetimes expectation, lifetimes P(alive)).
        for (x, t_x, t, h, want, p_alive) in [
            (2.0, 30.43, 38.86, 39.0, 1.4550732043349275, 0.8691092320197509),
            (0.0, 0.0, 38.86, 39.0, 0.10705543234404671, 0.2950912728472014),
            (10.0, 34.14, 38.86, 52.0, 7.932943623802883, 0.9013156151164285),
            (300.0, 38.0, 40.0, 39.0, 0.517596619556685, 0.0026780555962860474),
        ] {
            let got = m.conditional_expected(h, x, t_x, t);
            assert!(rel(got, want) < 1e-8, "x={x}: {got} vs {want}");
            let p = m.p_alive(x, t_x, t);
            assert!(rel(p, p_alive) < 1e-8, "x={x}: P(alive) {p} vs {p_alive}");
        }
        assert!(rel(m.expected(10.0), 0.42779667088496026) < 1e-10);
        assert!(rel(m.expected(39.0), 1.2134054751749563) < 1e-10);
        // s = 1 exactly: the limit (r/α)·β·ln(1 + t/β).
        let one = ParetoNbd { s: 1.0, ..m };
        assert!(rel(one.expected(10.0), m.r / m.alpha * m.beta * (10.0 / m.beta).ln_1p()) < 1e-14);
    }

    #[test]
    fn analytic_gradient_matches_finite_differences() {
        let mut few = cdnow()[..60].to_vec();
        few.push(Customer { x: 300.0, t_x: 38.0, t: 40.0, weight: 2.0 });
        let lik = Likelihood::new(&few);
        for theta in [
            [0.55f64.ln(), 10.6f64.ln(), 0.6f64.ln(), 11.7f64.ln()],
            [0.3, 2.5, -0.2, 0.5], // α > β
            [0.0, 1.5, 0.3, 1.5],  // α = β
            [-1.0, 0.5, 1.0, 4.0], // β ≫ α: z near 1
        ] {
            check_gradient(&lik, &theta);
        }
        check_gradient(&Likelihood::new(&cdnow()), &[0.3, 2.5, -0.2, 0.5]);
    }

    #[test]
    fn heavy_buyer_stays_finite() {
        for m in [LIFETIMES, ParetoNbd { r: 0.8, alpha: 12.0, s: 0.6, beta: 3.0 }] {
            for (x, t_x) in [(300.0, 38.0), (300.0, 5.0), (300.0, 40.0)] {
                let p = m.p_alive(x, t_x, 40.0);
                assert!((0.0..=1.0).contains(&p), "{m:?} x={x} t_x={t_x}: {p}");
                let e = m.conditional_expected(39.0, x, t_x, 40.0);
                assert!(e.is_finite() && e >= 0.0, "{e}");
                assert!(m.log_likelihood(x, t_x, 40.0).is_finite());
            }
        }
    }

    /// The Pareto/NBD generative process: T in whole weeks; with `days`, t_x rounded as
    /// dates are (the first purchase at a uniform point in its day, times floored to
    /// their day).
    fn simulate_pareto(rng: &mut Rng, n: usize, p: ParetoNbd, (t_min, t_max): (f64, f64), days: bool) -> Vec<Customer> {
        (0..n)
            .map(|_| {
                let offset = if days { rng.uniform() } else { 0.0 };
                let day = |v: f64| if days { ((v * 7.0 + offset).floor()) / 7.0 } else { v };
                let t = (t_min + (t_max - t_min) * rng.uniform()).floor();
                let lambda = rng.gamma(p.r, p.alpha);
                let mu = rng.gamma(p.s, p.beta);
                let end = rng.exponential(mu).min(t);
                let (mut x, mut t_x, mut now) = (0.0, 0.0, 0.0);
                loop {
                    now += rng.exponential(lambda);
                    if now > end {
                        break;
                    }
                    x += 1.0;
                    t_x = day(now);
                }
                Customer { x, t_x, t, weight: 1.0 }
            })
            .collect()
    }

    #[test]
    fn recovers_simulated_parameters_within_two_standard_errors() {
        let truth = ParetoNbd { r: 0.55, alpha: 10.5, s: 0.6, beta: 11.7 };
        let mut rng = Rng(0x0000_7a7e_70bd);
        let data = simulate_pareto(&mut rng, 3000, truth, (20.0, 52.0), false);
        let (_, fit) = ParetoNbd::fit(&data).unwrap();
        for (e, want) in fit.estimates.iter().zip([truth.r, truth.alpha, truth.s, truth.beta]) {
            let se = e.se.unwrap();
            assert!((e.value - want).abs() <= 2.0 * se, "{}: {} ± {se}, truth {want}", e.name, e.value);
        }
    }

    /// `cargo test --release --lib models::pareto_nbd::tests::timing -- --ignored --nocapture`
    #[test]
    #[ignore = "timing on a million simulated customers; run in release"]
    fn timing_one_million_customers() {
        use std::time::Instant;
        let mut rng = Rng(0x0123_4567_89ab_cdef);
        let truth = BgNbd { r: 0.25, alpha: 4.0, a: 0.8, b: 2.5 };
        let data = simulate(&mut rng, 1_000_000, truth, false, (0.0, 52.0), 1.0 / 7.0);
        let start = Instant::now();
        let rows = compress(data.iter().copied()).len();
        let compress_s = start.elapsed().as_secs_f64();
        let start = Instant::now();
        let (m, fit) = BgNbd::fit(&data).unwrap();
        let bg_s = start.elapsed().as_secs_f64();
        println!(
            "BG/NBD: 1,000,000 customers → {rows} rows (compress {compress_s:.3} s); fit {bg_s:.3} s \
             ({:?}, {:?}, {} iterations, {} starts): {m:?}",
            fit.method, fit.convergence, fit.iterations, fit.starts
        );
        // The worst case: continuous times, nothing to compress.
        let data = simulate(&mut rng, 1_000_000, truth, false, (0.0, 52.0), 0.0);
        let start = Instant::now();
        let (m, fit) = BgNbd::fit(&data).unwrap();
        println!(
            "BG/NBD, continuous times: {} rows; fit {:.3} s ({:?}, {} iterations): {m:?}",
            compress(data.iter().copied()).len(),
            start.elapsed().as_secs_f64(),
            fit.convergence,
            fit.iterations
        );
        for e in &fit.estimates {
            println!("  {} = {:.4} ± {:.4}", e.name, e.value, e.se.unwrap_or(f64::NAN));
        }
        let truth = ParetoNbd { r: 0.55, alpha: 10.5, s: 0.6, beta: 11.7 };
        let data = simulate_pareto(&mut rng, 1_000_000, truth, (0.0, 52.0), true);
        let rows = compress(data.iter().copied()).len();
        let start = Instant::now();
        let (m, fit) = ParetoNbd::fit(&data).unwrap();
        let pn_s = start.elapsed().as_secs_f64();
        println!(
            "Pareto/NBD: 1,000,000 customers → {rows} rows; fit {pn_s:.3} s ({:?}, {:?}, {} iterations, {} starts): {m:?}",
            fit.method, fit.convergence, fit.iterations, fit.starts
        );
        for e in &fit.estimates {
            println!("  {} = {:.4} ± {:.4}", e.name, e.value, e.se.unwrap_or(f64::NAN));
        }
    }
}
