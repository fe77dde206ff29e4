//! BG/NBD: the beta-geometric / negative binomial model of Fader, Hardie & Lee (2005),
//! "Counting Your Customers the Easy Way" (Marketing Science 24(2)), with the
//! overflow-safe log-likelihood of Fader & Hardie's note 027 ("Overcoming the BG/NBD
//! model's #NUM! error problem"). MBG/NBD (mbgnbd.rs) shares the likelihood engine here.
//!
//! Hand-derived rather than taken from a package:
//! - The gradient of the log-likelihood in θ = ln(r, α, a, b), written out term by term
//!   (ψ for the ln Γ terms, the log-sum's two weights for the last term), with every
//!   term that depends only on x (ln Γ(r+x), ln B(a, b+x), ψ(·)) computed once per
//!   distinct x and those depending only on T or t_x once per distinct value.
//! - The conditional expectation, rewritten so that it is finite and non-negative for
//!   every a > 0 (the textbook form (a+b+x−1)/(a−1)·[1 − …₂F₁(…; a+b+x−1; …)] divides by
//!   a − 1 and has a non-positive third parameter when x = 0 and a + b < 1, lifetimes
//!   issue #442). For a customer alive at T with posterior λ ~ Γ(r+x, α+T) and
//!   p ~ Beta(a, b+x), E = c(1 − q^(a−1))/(a−1) − q^(a−1)·H with c = a+b+x−1,
//!   q = (α+T)/(α+T+t), z = 1 − q and H = Σₙ≥₁ (c−r−x)ₙ (a)ₙ₋₁ / ((c+1)ₙ₋₁ n!) zⁿ:
//!   the Euler transform of the ₂F₁ with the common factor (a−1) cancelled; c + 1 > 0
//!   always, so the series has no poles, and (1 − q^(a−1))/(a−1) is taken by expm1.

use super::data::{CountModel, Customer, Indexed, COARSE_ROWS};
use super::optimise::{maximise, maximise_coarse_to_fine, Fit, FitError, Objective};
use super::special::{digamma, ln_gamma};

/// Fitted BG/NBD parameters: purchase rate λ ~ Gamma(r, α) (α a rate, in the data's
/// time unit), dropout probability after each repeat purchase p ~ Beta(a, b).
#[derive(Clone, Copy, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct BgNbd {
    pub r: f64,
    pub alpha: f64,
    pub a: f64,
    pub b: f64,
}

/// The BG/NBD or MBG/NBD log-likelihood over indexed customers. `modified`: MBG/NBD
/// (a customer can also drop out right after the first purchase, Batislam et al. 2007).
pub(crate) struct BetaGeoLikelihood {
    pub(crate) ix: Indexed,
    pub(crate) modified: bool,
}

impl BetaGeoLikelihood {
    /// Fits the (M)BG/NBD likelihood of `customers`: coarse to fine (on a subsample of
    /// the distinct histories first) when there are many.
    pub(crate) fn fit(customers: &[Customer], modified: bool) -> Result<Fit, FitError> {
        let lik = BetaGeoLikelihood { ix: Indexed::new(customers), modified };
        lik.ix.check(4)?;
        match lik.ix.subsample(COARSE_ROWS) {
            Some(ix) => maximise_coarse_to_fine(&lik, &BetaGeoLikelihood { ix, modified }),
            None => maximise(&lik),
        }
    }

    pub(crate) fn starts_for(&self) -> Vec<Vec<f64>> {
        let rate = self.ix.purchase_rate().max(1e-6);
        // Mean rate r/α at the data's purchase rate, two heterogeneity levels, and
        // lifetimes' all-ones start (three, as each BFGS run costs ~30 evaluations).
        [(1.0, 1.0 / rate, 1.0, 3.0), (0.5, 0.5 / rate, 0.5, 2.0), (1.0, 1.0, 1.0, 1.0)]
            .iter()
            .map(|&(r, al, a, b): &(f64, f64, f64, f64)| vec![r.ln(), al.ln(), a.ln(), b.ln()])
            .collect()
    }

    pub(crate) fn value_gradient_at(&self, theta: &[f64], grad: &mut [f64]) -> f64 {
        let (r, alpha, a, b) = (theta[0].exp(), theta[1].exp(), theta[2].exp(), theta[3].exp());
        let ix = &self.ix;
        let sh = if self.modified { 1.0 } else { 0.0 };
        let (ln_alpha, ln_a) = (alpha.ln(), a.ln());
        let (lg_r, dg_r, lg_ab, dg_ab, lg_b, dg_b) =
            (ln_gamma(r), digamma(r), ln_gamma(a + b), digamma(a + b), ln_gamma(b), digamma(b));
        let (mut ll, mut gr, mut gal, mut ga, mut gb) = (0.0, 0.0, 0.0, 0.0, 0.0);
        // Terms in x alone, weighted by the customers with that x.
        let nx = ix.xs.len();
        let mut has_a4 = vec![false; nx];
        let mut ln_b1 = vec![0.0; nx];
        let mut inv_b1 = vec![0.0; nx];
        for (k, (&x, &w)) in ix.xs.iter().zip(&ix.x_weight).enumerate() {
            let (bx, abx) = (b + x + sh, a + b + x + sh);
            ll += w * (ln_gamma(r + x) - lg_r + lg_ab + ln_gamma(bx) - lg_b - ln_gamma(abx));
            let dg_abx = digamma(abx);
            gr += w * (digamma(r + x) - dg_r);
            ga += w * (dg_ab - dg_abx);
            gb += w * (dg_ab + digamma(bx) - dg_b - dg_abx);
            has_a4[k] = self.modified || x > 0.0;
            // b + x − 1 (BG/NBD, x ≥ 1) or b + x (MBG/NBD).
            let b1 = b + x - 1.0 + sh;
            ln_b1[k] = b1.ln();
            inv_b1[k] = 1.0 / b1;
        }
        let total = ix.total_weight;
        ll += total * r * ln_alpha;
        gr += total * ln_alpha;
        gal += total * r / alpha;
        let lt: Vec<f64> = ix.ts.iter().map(|t| (alpha + t).ln()).collect();
        let it: Vec<f64> = ix.ts.iter().map(|t| 1.0 / (alpha + t)).collect();
        let ltx: Vec<f64> = ix.t_xs.iter().map(|t| (alpha + t).ln()).collect();
        let itx: Vec<f64> = ix.t_xs.iter().map(|t| 1.0 / (alpha + t)).collect();
        // Per row: ln(e^A3 + e^A4), A3 = −(r+x) ln(α+T), A4 = ln a − ln(b+x−1) − (r+x) ln(α+t_x).
        let (mut s_lse, mut s_r, mut s_al, mut s_a, mut s_b) = (0.0, 0.0, 0.0, 0.0, 0.0);
        for row in &ix.rows {
            let (k, j, i, w) = (row.x as usize, row.t as usize, row.t_x as usize, row.weight);
            let m = r + ix.xs[k];
            let a3 = -m * lt[j];
            if has_a4[k] {
                let a4 = ln_a - ln_b1[k] - m * ltx[i];
                let d = a4 - a3;
                let e = (-d.abs()).exp();
                let (lse, w4) =
                    if d > 0.0 { (a4 + e.ln_1p(), 1.0 / (1.0 + e)) } else { (a3 + e.ln_1p(), e / (1.0 + e)) };
                let w3 = 1.0 - w4;
                s_lse += w * lse;
                s_r -= w * (w3 * lt[j] + w4 * ltx[i]);
                s_al -= w * m * (w3 * it[j] + w4 * itx[i]);
                s_a += w * w4;
                s_b -= w * w4 * inv_b1[k];
            } else {
                s_lse += w * a3;
                s_r -= w * lt[j];
                s_al -= w * m * it[j];
            }
        }
        ll += s_lse;
        gr += s_r;
        gal += s_al;
        ga += s_a / a;
        gb += s_b;
        grad[0] = r * gr;
        grad[1] = alpha * gal;
        grad[2] = a * ga;
        grad[3] = b * gb;
        ll
    }
}

impl Objective for BetaGeoLikelihood {
    fn names(&self) -> &'static [&'static str] {
        &["r", "alpha", "a", "b"]
    }
    fn value_gradient(&self, theta: &[f64], grad: &mut [f64]) -> f64 {
        self.value_gradient_at(theta, grad)
    }
    fn starts(&self) -> Vec<Vec<f64>> {
        self.starts_for()
    }
}

/// (1 − q^k)/k from ln q, exact as k → 0 (−ln q).
pub(crate) fn one_minus_pow_over(k: f64, ln_q: f64) -> f64 {
    let u = k * ln_q;
    if u.abs() < 1e-8 {
        -ln_q * (1.0 + 0.5 * u)
    } else {
        -u.exp_m1() / k
    }
}

/// Expected purchases in the next `t` of a customer alive now with posterior
/// λ ~ Gamma(m, alpha_post) and dropout p ~ Beta(a, beta_post) per purchase:
/// E[(1 − (α'/(α' + p t))^m) / p] (see the module header for the series).
pub(crate) fn expected_alive(a: f64, beta_post: f64, m: f64, alpha_post: f64, t: f64) -> f64 {
    if t <= 0.0 {
        return 0.0;
    }
    let ln_q = -(t / alpha_post).ln_1p();
    let z = t / (alpha_post + t);
    let c = a + beta_post - 1.0;
    let first = c * one_minus_pow_over(a - 1.0, ln_q);
    let cm = c - m;
    let mut term = cm * z;
    let mut sum = term;
    let mut n = 1.0;
    while term != 0.0 && n < 1e6 {
        let ratio = (cm + n) * (a + n - 1.0) / ((c + n) * (n + 1.0)) * z;
        term *= ratio;
        sum += term;
        let rr = ratio.abs().max(z);
        if rr < 1.0 && term.abs() * rr / (1.0 - rr) <= 1e-16 * sum.abs().max(1e-300) {
            break;
        }
        n += 1.0;
    }
    let value = first - ((a - 1.0) * ln_q).exp() * sum;
    value.max(0.0)
}

impl BgNbd {
    /// The fitted model and its diagnostics (customers with weights; compressed here).
    pub fn fit(customers: &[Customer]) -> Result<(BgNbd, Fit), FitError> {
        let fit = BetaGeoLikelihood::fit(customers, false)?;
        let p = fit.params();
        Ok((BgNbd { r: p[0], alpha: p[1], a: p[2], b: p[3] }, fit))
    }

    /// One customer's log-likelihood (Fader & Hardie note 027, solution 2).
    /// NaN for an impossible history (x < 0, t_x < 0 or t_x > t).
    pub fn log_likelihood(&self, x: f64, t_x: f64, t: f64) -> f64 {
        let lik = BetaGeoLikelihood { ix: Indexed::new(&[Customer { x, t_x, t, weight: 1.0 }]), modified: false };
        if lik.ix.rows.is_empty() {
            return f64::NAN;
        }
        let mut g = [0.0; 4];
        lik.value_gradient_at(&[self.r.ln(), self.alpha.ln(), self.a.ln(), self.b.ln()], &mut g)
    }

    /// ln of the odds of having dropped out: ln[a/(b+x−1)] + (r+x) ln[(α+T)/(α+t_x)].
    fn ln_dead_odds(&self, x: f64, t_x: f64, t: f64) -> f64 {
        if x <= 0.0 {
            return f64::NEG_INFINITY;
        }
        (self.a / (self.b + x - 1.0)).ln() + (self.r + x) * ((self.alpha + t).ln() - (self.alpha + t_x).ln())
    }
}

/// 1/(1 + e^u) without overflow.
pub(crate) fn logistic_neg(u: f64) -> f64 {
    if u > 0.0 {
        let e = (-u).exp();
        e / (1.0 + e)
    } else {
        1.0 / (1.0 + u.exp())
    }
}

/// Fits BG/NBD to customers (any weights; compressed here): [`BgNbd::fit`].
pub fn fit(customers: &[Customer]) -> Result<(BgNbd, Fit), FitError> {
    BgNbd::fit(customers)
}

impl CountModel for BgNbd {
    fn p_alive(&self, x: f64, t_x: f64, t: f64) -> f64 {
        logistic_neg(self.ln_dead_odds(x, t_x, t))
    }
    fn conditional_expected(&self, h: f64, x: f64, t_x: f64, t: f64) -> f64 {
        self.p_alive(x, t_x, t) * expected_alive(self.a, self.b + x, self.r + x, self.alpha + t, h)
    }
    fn expected(&self, t: f64) -> f64 {
        expected_alive(self.a, self.b, self.r, self.alpha, t)
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    /// tests/fixtures/models/cdnow_customers_summary.csv (ID,frequency,recency,T; weeks).
    pub(crate) fn cdnow() -> Vec<Customer> {
        include_str!("../../tests/fixtures/models/cdnow_customers_summary.csv")
            .lines()
            .skip(1)
            .filter(|l| !l.trim().is_empty())
            .map(|l| {
                let f: Vec<f64> = l.split(',').map(|v| v.trim().parse().unwrap()).collect();
                Customer { x: f[1], t_x: f[2], t: f[3], weight: 1.0 }
            })
            .collect()
    }

    pub(crate) fn rel(got: f64, want: f64) -> f64 {
        (got - want).abs() / want.abs()
    }

    /// xorshift64* with the samplers the simulations need.
    pub(crate) struct Rng(pub u64);
    impl Rng {
        pub(crate) fn uniform(&mut self) -> f64 {
            self.0 ^= self.0 >> 12;
            self.0 ^= self.0 << 25;
            self.0 ^= self.0 >> 27;
            let v = self.0.wrapping_mul(0x2545_f491_4f6c_dd1d);
            ((v >> 11) as f64 + 0.5) / (1u64 << 53) as f64
        }
        pub(crate) fn normal(&mut self) -> f64 {
            let (u, v) = (self.uniform(), self.uniform());
            (-2.0 * u.ln()).sqrt() * (2.0 * std::f64::consts::PI * v).cos()
        }
        /// Gamma(shape, rate) by Marsaglia & Tsang (2000), boosted below shape 1.
        pub(crate) fn gamma(&mut self, shape: f64, rate: f64) -> f64 {
            if shape < 1.0 {
                let u = self.uniform();
                return self.gamma(shape + 1.0, rate) * u.powf(1.0 / shape);
            }
            let d = shape - 1.0 / 3.0;
            let c = 1.0 / (9.0 * d).sqrt();
            loop {
                let x = self.normal();
                let v = (1.0 + c * x).powi(3);
                if v <= 0.0 {
                    continue;
                }
                let u = self.uniform();
                if u.ln() < 0.5 * x * x + d - d * v + d * v.ln() {
                    return d * v / rate;
                }
            }
        }
        pub(crate) fn beta(&mut self, a: f64, b: f64) -> f64 {
            let x = self.gamma(a, 1.0);
            let y = self.gamma(b, 1.0);
            x / (x + y)
        }
        pub(crate) fn exponential(&mut self, rate: f64) -> f64 {
            -self.uniform().ln() / rate
        }
    }

    /// The BG/NBD generative process (MBG/NBD with `modified`: a possible dropout right
    /// after the first purchase too), T uniform in [t_min, t_max]. With a positive
    /// `resolution` (e.g. 1/7 week) t_x and T are then rounded as dates are: the first
    /// purchase falls at a uniform point within its day, and every time is floored to
    /// the day it falls in (unbiased on average).
    pub(crate) fn simulate(
        rng: &mut Rng,
        n: usize,
        p: BgNbd,
        modified: bool,
        (t_min, t_max): (f64, f64),
        resolution: f64,
    ) -> Vec<Customer> {
        (0..n)
            .map(|_| {
                let t = t_min + (t_max - t_min) * rng.uniform();
                let lambda = rng.gamma(p.r, p.alpha);
                let drop = rng.beta(p.a, p.b);
                let (mut x, mut t_x, mut now) = (0.0, 0.0, 0.0);
                let mut alive = !(modified && rng.uniform() < drop);
                while alive {
                    now += rng.exponential(lambda);
                    if now > t {
                        break;
                    }
                    x += 1.0;
                    t_x = now;
                    alive = rng.uniform() >= drop;
                }
                if resolution > 0.0 {
                    let offset = rng.uniform();
                    let day = |v: f64| (v / resolution + offset).floor() * resolution;
                    return Customer { x, t_x: day(t_x), t: day(t), weight: 1.0 };
                }
                Customer { x, t_x, t, weight: 1.0 }
            })
            .collect()
    }

    /// Analytic gradient against the five-point central difference of the value
    /// (h = 1e-5: truncation ~h⁴, rounding ~ε|ℓ|/h).
    pub(crate) fn check_gradient(o: &impl Objective, theta: &[f64]) {
        let n = theta.len();
        let mut g = vec![0.0; n];
        let mut scratch = vec![0.0; n];
        let ll = o.value_gradient(theta, &mut g);
        assert!(ll.is_finite());
        let mut at = |i: usize, d: f64| {
            let mut x = theta.to_vec();
            x[i] += d;
            o.value_gradient(&x, &mut scratch)
        };
        for (i, gi) in g.iter().enumerate() {
            let h = 1e-5;
            let fd = (-at(i, 2.0 * h) + 8.0 * at(i, h) - 8.0 * at(i, -h) + at(i, -2.0 * h)) / (12.0 * h);
            let tol = 1e-8 * ll.abs().max(1.0) + 1e-6 * fd.abs();
            assert!((gi - fd).abs() <= tol, "∂/∂θ{i} at {theta:?}: analytic {gi} vs fd {fd}");
        }
    }

    #[test]
    fn cdnow_fit_matches_the_paper() {
        let (m, fit) = BgNbd::fit(&cdnow()).unwrap();
        // Fader, Hardie & Lee (2005) / lifetimes BetaGeoFitter.
        assert!(rel(m.r, 0.2426) < 1e-3, "{m:?}");
        assert!(rel(m.alpha, 4.4136) < 1e-3, "{m:?}");
        assert!(rel(m.a, 0.7929) < 1e-3, "{m:?}");
        assert!(rel(m.b, 2.4259) < 1e-3, "{m:?}");
        assert!(rel(fit.log_likelihood, -9582.43) < 1e-5, "{}", fit.log_likelihood);
        assert_eq!(fit.convergence, super::super::optimise::Convergence::Gradient);
        assert!(fit.estimates.iter().all(|e| e.se.is_some_and(|s| s > 0.0)));
        // lifetimes' standard errors (count_reference.py: its exact Hessian by autograd).
        for (e, want) in
            fit.estimates.iter().zip([0.012557320698193184, 0.378221457043926, 0.18571907191206236, 0.7053453435329929])
        {
            let se = e.se.unwrap();
            assert!(rel(se, want) < 1e-3, "se({}) = {se}, lifetimes {want}", e.name);
        }
        // The delta method on a parameter itself gives back its standard error.
        let iv = super::super::optimise::delta_interval(&fit, |p| p[1]);
        assert!(rel(iv.se.unwrap(), fit.estimates[1].se.unwrap()) < 1e-6);
        let pop = super::super::optimise::delta_interval(&fit, |p| {
            BgNbd { r: p[0], alpha: p[1], a: p[2], b: p[3] }.expected(39.0)
        });
        assert!(pop.se.unwrap() > 0.0 && pop.low.unwrap() < pop.value && pop.value < pop.high.unwrap());
        // The paper's worked example: customer 1 (x = 2, t_x = 30.43, T = 38.86), 39 weeks.
        let e = m.conditional_expected(39.0, 2.0, 30.43, 38.86);
        assert!(rel(e, 1.226) < 1e-3, "{e}");
    }

    #[test]
    fn per_customer_log_likelihood_matches_hardie() {
        // pymc-marketing's test_numerically_stable_logp (Hardie, note 027): T = 40.
        let m = BgNbd { r: 0.25, alpha: 4.0, a: 0.80, b: 2.50 };
        assert!((m.log_likelihood(0.0, 0.0, 40.0) - -0.59947382).abs() < 1e-7);
        assert!((m.log_likelihood(200.0, 38.0, 40.0) - 100.7957).abs() < 1e-4);
        assert!(m.log_likelihood(2.0, 41.0, 40.0).is_nan());
        // Hardie's BG/NBD estimation spreadsheet (note 004) as pymc-marketing quotes it.
        let m = BgNbd { r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 };
        for &(x, t_x, want) in &[
            (2.0, 30.43, -9.4596),
            (1.0, 1.71, -4.4711),
            (0.0, 0.0, -0.5538),
            (7.0, 29.43, -21.8644),
            (10.0, 34.14, -27.3144),
        ] {
            let got = m.log_likelihood(x, t_x, 38.86);
            assert!((got - want).abs() < 2e-3 * want.abs(), "x={x}: {got} vs {want}");
        }
    }

    #[test]
    fn analytic_gradient_matches_finite_differences() {
        let mut few = cdnow()[..60].to_vec();
        few.push(Customer { x: 300.0, t_x: 38.0, t: 40.0, weight: 2.0 });
        let lik = BetaGeoLikelihood { ix: Indexed::new(&few), modified: false };
        check_gradient(&BetaGeoLikelihood { ix: Indexed::new(&cdnow()), modified: false }, &[0.3, -0.5, 1.2, -0.7]);
        for theta in [
            [0.2426f64.ln(), 4.4136f64.ln(), 0.7929f64.ln(), 2.4259f64.ln()],
            [0.3, -0.5, 1.2, -0.7],
            [-2.0, 3.0, -1.5, 2.0],
        ] {
            check_gradient(&lik, &theta);
        }
    }

    #[test]
    fn recovers_simulated_parameters_within_two_standard_errors() {
        let truth = BgNbd { r: 0.5, alpha: 5.0, a: 0.8, b: 2.5 };
        let mut rng = Rng(0x005e_edb6);
        let data = simulate(&mut rng, 6000, truth, false, (20.0, 52.0), 0.0);
        let (_, fit) = BgNbd::fit(&data).unwrap();
        for (e, want) in fit.estimates.iter().zip([truth.r, truth.alpha, truth.a, truth.b]) {
            let se = e.se.unwrap();
            assert!((e.value - want).abs() <= 2.0 * se, "{}: {} ± {se}, truth {want}", e.name, e.value);
        }
    }

    /// (x, t_x, T, h, expected purchases in (T, T+h]).
    type Cond = (f64, f64, f64, f64, f64);

    #[test]
    fn expectations_match_quadrature_and_lifetimes() {
        // tests/models/count_reference.py: P(alive) × ∫ E[purchases | p] Beta(p) dp by
        // scipy.integrate.quad (lifetimes' hypergeometric form agrees to ~1e-11).
        let cases: [(BgNbd, [Cond; 5], [f64; 2]); 3] = [
            (
                BgNbd { r: 0.2426, alpha: 4.4136, a: 0.7929, b: 2.4259 },
                [
                    (2.0, 30.43, 38.86, 39.0, 1.2259226579870353),
                    (0.0, 0.0, 38.86, 39.0, 0.19478676916062004),
                    (10.0, 34.14, 38.86, 52.0, 7.450064158840938),
                    (300.0, 38.0, 40.0, 39.0, 0.07549763806391445),
                    (0.0, 0.0, 20.0, 10.0, 0.09383267141785603),
                ],
                [0.4317701292054333, 1.1950476815139395],
            ),
            (
                BgNbd { r: 1.5, alpha: 6.0, a: 2.5, b: 4.0 },
                [
                    (2.0, 30.43, 38.86, 39.0, 0.9505248113290702),
                    (0.0, 0.0, 38.86, 39.0, 0.9304061471724735),
                    (10.0, 34.14, 38.86, 52.0, 3.6811139522604384),
                    (300.0, 38.0, 40.0, 39.0, 0.02232191185316402),
                    (0.0, 0.0, 20.0, 10.0, 0.48846336975444465),
                ],
                [1.4259104196258914, 2.5756613466373173],
            ),
            (
                // a + b < 1 (lifetimes issue #442).
                BgNbd { r: 0.5, alpha: 3.0, a: 0.3, b: 0.4 },
                [
                    (2.0, 30.43, 38.86, 39.0, 1.4804920651588056),
                    (0.0, 0.0, 38.86, 39.0, 0.3759447987174251),
                    (10.0, 34.14, 38.86, 52.0, 10.170681009836205),
                    (300.0, 38.0, 40.0, 39.0, 0.14880260139266346),
                    (0.0, 0.0, 20.0, 10.0, 0.19339937710862173),
                ],
                [1.0292214585797874, 2.723253063532342],
            ),
        ];
        for (m, conds, unconditional) in cases {
            for (x, t_x, t, h, want) in conds {
                let got = m.conditional_expected(h, x, t_x, t);
                assert!(rel(got, want) < 1e-9, "{m:?} x={x}: {got} vs {want}");
            }
            for (t, want) in [10.0, 39.0].into_iter().zip(unconditional) {
                let got = m.expected(t);
                assert!(rel(got, want) < 1e-9, "{m:?} E[X({t})]: {got} vs {want}");
            }
        }
        let m = BgNbd { r: 0.2426, alpha: 4.4136, a: 0.7929, b: 2.4259 };
        assert!(rel(m.p_alive(2.0, 30.43, 38.86), 0.7266140448542472) < 1e-12);
        assert!(rel(m.p_alive(300.0, 38.0, 40.0), 0.00037298667354945797) < 1e-10);
    }

    #[test]
    fn too_little_data_is_an_error() {
        use super::super::optimise::FitError;
        assert_eq!(BgNbd::fit(&[]).unwrap_err(), FitError::NotEnoughData { needed: 4, got: 0 });
        let none_repeat: Vec<Customer> =
            (0..10).map(|i| Customer { x: 0.0, t_x: 0.0, t: 10.0 + i as f64, weight: 1.0 }).collect();
        assert!(matches!(BgNbd::fit(&none_repeat), Err(FitError::NotEnoughData { .. })));
    }

    #[test]
    fn heavy_buyer_and_small_a_plus_b_stay_finite() {
        let m = BgNbd { r: 0.2426, alpha: 4.4136, a: 0.7929, b: 2.4259 };
        let p = m.p_alive(300.0, 38.0, 40.0);
        assert!((0.0..=1.0).contains(&p), "{p}");
        let e = m.conditional_expected(39.0, 300.0, 38.0, 40.0);
        assert!(e.is_finite() && e > 0.0, "{e}");
        let m = BgNbd { r: 0.5, alpha: 3.0, a: 0.3, b: 0.4 };
        let e = m.conditional_expected(10.0, 0.0, 0.0, 20.0);
        assert!(e.is_finite() && e >= 0.0, "{e}");
        assert!(m.expected(10.0).is_finite() && m.expected(10.0) > 0.0);
        assert_eq!(m.p_alive(0.0, 0.0, 20.0), 1.0);
    }
}
