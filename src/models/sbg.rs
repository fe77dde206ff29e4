//! The shifted-beta-geometric (sBG) model of contractual retention: Fader & Hardie (2007),
//! "How to project customer retention", Journal of Interactive Marketing 21(1); the
//! discounted expected residual lifetime from Fader & Hardie (2010), "Customer-base
//! valuation in a contractual setting: the perils of ignoring heterogeneity", Marketing
//! Science 29(1).
//!
//! Each customer renews at the end of every period with her own probability 1 − θ and
//! churns with θ; θ ~ Beta(α, β) over customers. With T the period in which a customer
//! churns:
//!
//! ```text
//!   P(T = t) = B(α + 1, β + t − 1) / B(α, β)      = α/(α+β) · Π_{j=1..t−1} (β+j−1)/(α+β+j)
//!   S(t)     = P(T > t) = B(α, β + t) / B(α, β)   = Π_{j=0..t−1} (β+j)/(α+β+j)
//!   r(t)     = S(t) / S(t − 1) = (β + t − 1) / (α + β + t − 1)
//! ```
//!
//! The parameters enter only through those finite products (the offsets are whole
//! periods), so the log-likelihood and its exact gradient are sums of logarithms and of
//! reciprocals: no special function is needed. Data: per period t = 1, 2, … the customers
//! lost in t and the customers still active after t who were not observed further (right
//! censored) — a single cohort's survivor counts ([`SbgData::from_survivors`]) or
//! Kaplan-Meier counts over cohorts of different ages (`kaplan_meier::KaplanMeier::sbg_data`).

use crate::models::optimise::{delta_interval, Fit, FitError, Interval, Objective};

/// Customers lost and censored per period: `lost[t − 1]` churned in period t (T = t),
/// `censored[t − 1]` were still active after period t and not observed beyond it.
#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct SbgData {
    pub lost: Vec<f64>,
    pub censored: Vec<f64>,
}

/// Why survivor counts cannot be sBG data.
#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
pub enum SbgDataError {
    /// Fewer than two counts (the cohort and at least one period).
    TooShort,
    /// A count is negative or not finite, or more survive than the period before.
    NotDecreasing { period: usize },
}

impl SbgData {
    /// From one cohort's survivors: `survivors[0]` customers at the start, `survivors[t]`
    /// still active after t periods. The last survivors are right censored.
    pub fn from_survivors(survivors: &[f64]) -> Result<SbgData, SbgDataError> {
        if survivors.len() < 2 {
            return Err(SbgDataError::TooShort);
        }
        for (t, w) in survivors.windows(2).enumerate() {
            if !(w[0].is_finite() && w[1].is_finite() && w[1] >= 0.0 && w[1] <= w[0]) {
                return Err(SbgDataError::NotDecreasing { period: t + 1 });
            }
        }
        let periods = survivors.len() - 1;
        let lost = survivors.windows(2).map(|w| w[0] - w[1]).collect();
        let mut censored = vec![0.0; periods];
        censored[periods - 1] = survivors[periods];
        Ok(SbgData { lost, censored })
    }

    /// From a cohort table: `at_risk[t − 1]` customers active at the start of period t and
    /// `lost[t − 1]` of them lost in it. Those neither lost nor at risk in the next period
    /// are right censored after t (after the last period: all who were not lost).
    pub fn from_at_risk(at_risk: &[f64], lost: &[f64]) -> Result<SbgData, SbgDataError> {
        if at_risk.is_empty() || at_risk.len() != lost.len() {
            return Err(SbgDataError::TooShort);
        }
        let mut censored = Vec::with_capacity(at_risk.len());
        for t in 0..at_risk.len() {
            let next = at_risk.get(t + 1).copied().unwrap_or(0.0);
            let c = at_risk[t] - lost[t] - next;
            if !(c.is_finite() && lost[t] >= 0.0 && next >= 0.0 && c >= 0.0) {
                return Err(SbgDataError::NotDecreasing { period: t + 1 });
            }
            censored.push(c);
        }
        Ok(SbgData { lost: lost.to_vec(), censored })
    }

    /// The number of periods covered.
    pub fn periods(&self) -> usize {
        self.lost.len().max(self.censored.len())
    }

    /// All customers that count in the likelihood.
    pub fn customers(&self) -> f64 {
        self.lost.iter().sum::<f64>() + self.censored.iter().sum::<f64>()
    }
}

/// A fitted (or given) sBG model.
#[derive(Clone, Copy, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Sbg {
    pub alpha: f64,
    pub beta: f64,
}

impl Sbg {
    /// P(T = t): the probability that a new customer churns in period t (t ≥ 1).
    pub fn churn_probability(&self, t: u32) -> f64 {
        if t == 0 {
            return 0.0;
        }
        self.alpha / (self.alpha + self.beta + f64::from(t) - 1.0) * self.survival(t - 1)
    }

    /// S(t) = P(T > t): the share of a cohort still active after t periods (S(0) = 1).
    pub fn survival(&self, t: u32) -> f64 {
        let (a, b) = (self.alpha, self.beta);
        (0..t).map(|j| ((b + f64::from(j)) / (a + b + f64::from(j))).ln()).sum::<f64>().exp()
    }

    /// r(t) = S(t) / S(t − 1): the share of those active after t − 1 periods who renew
    /// after period t (t ≥ 1); it rises with t as the cohort keeps its loyal customers.
    pub fn retention(&self, t: u32) -> f64 {
        let t = f64::from(t.max(1));
        (self.beta + t - 1.0) / (self.alpha + self.beta + t - 1.0)
    }

    /// (t, S(t), r(t)) for t = 0..=periods (r(0) is reported as 1).
    pub fn projection(&self, periods: u32) -> Vec<(u32, f64, f64)> {
        (0..=periods).map(|t| (t, self.survival(t), if t == 0 { 1.0 } else { self.retention(t) })).collect()
    }

    /// Discounted expected residual lifetime (Fader & Hardie 2010) of a customer who
    /// has renewed `renewals` times, just before her next renewal decision, in payments:
    /// Σ_{k≥0} S(renewals + 1 + k) / S(renewals) / (1 + d)^k
    /// = (β + n)/(α + β + n) · ₂F₁(1, β + n + 1; α + β + n + 1; 1/(1 + d)), n = renewals,
    /// the next payment undiscounted. `discount` is per period. Multiply by the margin per
    /// period for the customer's residual value. `None` when the sum diverges: d < 0, d
    /// not a number, or d = 0 with α ≤ 1 (E[1/θ] is infinite then).
    pub fn derl(&self, discount: f64, renewals: u32) -> Option<f64> {
        let (a, b) = (self.alpha, self.beta);
        let n = f64::from(renewals);
        if !(discount.is_finite() && discount >= 0.0) {
            return None;
        }
        if discount == 0.0 {
            // E[(1 − θ)/θ] under the posterior θ ~ Beta(α, β + n): finite for α > 1.
            return (a > 1.0).then(|| (b + n) / (a - 1.0));
        }
        let z = 1.0 / (1.0 + discount);
        let mut term = (b + n) / (a + b + n);
        let mut sum = 0.0;
        let mut k = 0.0;
        // The terms fall at least as fast as z^k; stop when they no longer count.
        while term > 1e-17 * sum && k < 1e8 {
            sum += term;
            term *= z * (b + n + 1.0 + k) / (a + b + n + 1.0 + k);
            k += 1.0;
        }
        Some(sum)
    }

    /// Discounted expected lifetime of a new customer in payments, the first undiscounted:
    /// Σ_{t≥0} S(t) / (1 + d)^t = ₂F₁(1, β; α + β; 1/(1 + d)) (Fader & Hardie 2010);
    /// `None` when it diverges.
    pub fn del(&self, discount: f64) -> Option<f64> {
        // Σ_{t≥1} S(t) z^t = z · Σ_{k≥0} S(1 + k) z^k = DERL(d, 0) / (1 + d).
        self.derl(discount, 0).map(|r| 1.0 + r / (1.0 + discount))
    }
}

/// The sBG log-likelihood Σ_t lost_t ln P(T = t) + censored_t ln S(t).
pub fn log_likelihood(model: &Sbg, data: &SbgData) -> f64 {
    let mut grad = [0.0; 2];
    SbgObjective::new(data).value_gradient(&[model.alpha.ln(), model.beta.ln()], &mut grad)
}

/// The sBG likelihood as an [`Objective`] in θ = (ln α, ln β).
pub struct SbgObjective<'a> {
    data: &'a SbgData,
}

impl<'a> SbgObjective<'a> {
    pub fn new(data: &'a SbgData) -> Self {
        SbgObjective { data }
    }
}

impl Objective for SbgObjective<'_> {
    fn names(&self) -> &'static [&'static str] {
        &["alpha", "beta"]
    }

    fn value_gradient(&self, theta: &[f64], grad: &mut [f64]) -> f64 {
        let (a, b) = (theta[0].exp(), theta[1].exp());
        // Running over t: ln S(t) = Σ_{j<t} ln(β+j) − ln(α+β+j) with ∂α = −A_t and
        // ∂β = B_t − A_t, A_t = Σ_{j<t} 1/(α+β+j), B_t = Σ_{j<t} 1/(β+j);
        // ln P(T=t) = ln α − ln(α+β+t−1) + ln S(t−1).
        let (mut ls, mut sa, mut sb) = (0.0, 0.0, 0.0); // ln S(t−1), A_{t−1}, B_{t−1}
        let (mut ll, mut ga, mut gb) = (0.0, 0.0, 0.0);
        for t in 1..=self.data.periods() {
            let j = (t - 1) as f64;
            let lost = self.data.lost.get(t - 1).copied().unwrap_or(0.0);
            let cens = self.data.censored.get(t - 1).copied().unwrap_or(0.0);
            let ab = a + b + j;
            let a_t = sa + 1.0 / ab;
            if lost != 0.0 {
                ll += lost * (a.ln() - ab.ln() + ls);
                ga += lost * (1.0 / a - a_t);
                gb += lost * (sb - a_t);
            }
            ls += (b + j).ln() - ab.ln();
            sa = a_t;
            sb += 1.0 / (b + j);
            if cens != 0.0 {
                ll += cens * ls;
                ga -= cens * sa;
                gb += cens * (sb - sa);
            }
        }
        grad[0] = a * ga;
        grad[1] = b * gb;
        ll
    }

    fn starts(&self) -> Vec<Vec<f64>> {
        // θ = 0 (α = β = 1, a uniform θ), and a mean churn near the first period's
        // observed share with a moderate and a strong heterogeneity.
        let first = self.data.lost.first().copied().unwrap_or(0.0) / self.data.customers().max(1.0);
        let churn = first.clamp(0.02, 0.9);
        let mut starts = vec![vec![0.0, 0.0]];
        for spread in [1.0, 5.0] {
            // mean α/(α+β) = churn with α + β = spread.
            starts.push(vec![(churn * spread).ln(), ((1.0 - churn) * spread).ln()]);
        }
        starts
    }
}

/// A finished sBG fit: the model and the optimiser's report (estimates, SEs, diagnostics).
#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct SbgFit {
    pub model: Sbg,
    pub fit: Fit,
}

impl SbgFit {
    /// S(t) with its delta-method 95% interval.
    pub fn survival_interval(&self, t: u32) -> Interval {
        delta_interval(&self.fit, |p| Sbg { alpha: p[0], beta: p[1] }.survival(t))
    }

    /// r(t) with its delta-method 95% interval.
    pub fn retention_interval(&self, t: u32) -> Interval {
        delta_interval(&self.fit, |p| Sbg { alpha: p[0], beta: p[1] }.retention(t))
    }
}

/// Fits the sBG model by maximum likelihood: at least one customer lost and one period.
pub fn fit(data: &SbgData) -> Result<SbgFit, FitError> {
    let lost: f64 = data.lost.iter().sum();
    if data.periods() == 0 || lost <= 0.0 {
        return Err(FitError::NotEnoughData { needed: 1, got: lost.max(0.0) as usize });
    }
    let fit = crate::models::optimise::maximise(&SbgObjective::new(data))?;
    let p = fit.params();
    Ok(SbgFit { model: Sbg { alpha: p[0], beta: p[1] }, fit })
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    fn close(a: f64, b: f64, rel: f64) -> bool {
        (a - b).abs() <= rel * b.abs()
    }

    pub(crate) const REGULAR: [f64; 8] = [1000.0, 631.0, 468.0, 382.0, 326.0, 289.0, 262.0, 241.0];
    pub(crate) const HIGH_END: [f64; 8] = [1000.0, 869.0, 743.0, 653.0, 593.0, 551.0, 517.0, 491.0];

    /// Analytic gradient against the five-point central difference of the value
    /// (−f(2h) + 8f(h) − 8f(−h) + f(−2h))/12h with h = 1e-3: truncation ~h⁴, and the
    /// rounding of a likelihood summed over thousands of customers divided by a step
    /// that is not tiny.
    pub(crate) fn check_gradient<O: Objective>(o: &O, theta: &[f64]) {
        let mut grad = vec![0.0; theta.len()];
        let mut scratch = vec![0.0; theta.len()];
        o.value_gradient(theta, &mut grad);
        for i in 0..theta.len() {
            let h = 1e-3;
            let mut at = |k: f64| {
                let mut t = theta.to_vec();
                t[i] += k * h;
                o.value_gradient(&t, &mut scratch)
            };
            let numeric = (-at(2.0) + 8.0 * at(1.0) - 8.0 * at(-1.0) + at(-2.0)) / (12.0 * h);
            let scale = numeric.abs().max(1.0);
            assert!((grad[i] - numeric).abs() <= 1e-6 * scale, "∂θ{i}: analytic {} numeric {numeric}", grad[i]);
        }
    }

    #[test]
    fn survivors_become_lost_and_censored() {
        let d = SbgData::from_survivors(&REGULAR).unwrap();
        assert_eq!(d.lost, vec![369.0, 163.0, 86.0, 56.0, 37.0, 27.0, 21.0]);
        assert_eq!(d.censored, vec![0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 241.0]);
        assert_eq!(d.customers(), 1000.0);
        assert_eq!(SbgData::from_survivors(&[1000.0]), Err(SbgDataError::TooShort));
        assert_eq!(SbgData::from_survivors(&[1000.0, 600.0, 700.0]), Err(SbgDataError::NotDecreasing { period: 2 }));
    }

    #[test]
    fn log_likelihood_at_the_published_parameters() {
        // scipy (betaln) in tests/models/other_reference.py; Fader & Hardie (2007) report
        // LL = −1,680.3 (regular) and −1,611.2 (high end).
        let regular = SbgData::from_survivors(&REGULAR).unwrap();
        let high = SbgData::from_survivors(&HIGH_END).unwrap();
        let ll = log_likelihood(&Sbg { alpha: 0.704, beta: 1.182 }, &regular);
        assert!(close(ll, -1680.2651905534, 1e-10), "{ll}");
        let ll = log_likelihood(&Sbg { alpha: 0.668, beta: 3.806 }, &high);
        assert!(close(ll, -1611.1581503549, 1e-10), "{ll}");
    }

    #[test]
    fn gradient_is_exact_and_vanishes_at_the_maximum() {
        let regular = SbgData::from_survivors(&REGULAR).unwrap();
        let o = SbgObjective::new(&regular);
        for theta in [[0.0, 0.0], [-0.35, 0.17], [1.5, -2.0], [-3.0, 3.0]] {
            check_gradient(&o, &theta);
        }
        // scipy's maximum (Nelder-Mead, xatol 1e-12): α = 0.7040773331, β = 1.1820430852.
        let mut g = [0.0; 2];
        o.value_gradient(&[0.7040773331f64.ln(), 1.1820430852f64.ln()], &mut g);
        assert!(g[0].abs() < 1e-4 && g[1].abs() < 1e-4, "{g:?}");
        let high = SbgData::from_survivors(&HIGH_END).unwrap();
        SbgObjective::new(&high).value_gradient(&[0.6680882393f64.ln(), 3.8060942398f64.ln()], &mut g);
        assert!(g[0].abs() < 1e-4 && g[1].abs() < 1e-4, "{g:?}");
    }

    #[test]
    fn censoring_in_every_period() {
        // Kaplan-Meier-like data (a censored group after each period) against scipy's
        // betaln formula: lost (2, 0, 2, 0), censored (1, 1, 1, 1) at α = 0.9, β = 1.7:
        // Σ lost_t ln B(α+1, β+t−1)/B(α,β) + cens_t ln B(α, β+t)/B(α,β).
        let d = SbgData { lost: vec![2.0, 0.0, 2.0, 0.0], censored: vec![1.0; 4] };
        let m = Sbg { alpha: 0.9, beta: 1.7 };
        let by_products = 2.0 * m.churn_probability(1).ln()
            + 2.0 * m.churn_probability(3).ln()
            + (1..=4).map(|t| m.survival(t).ln()).sum::<f64>();
        assert!(close(log_likelihood(&m, &d), by_products, 1e-12));
        // By hand: P(1) = 0.9/2.6, S(1) = 1.7/2.6.
        assert!(close(m.churn_probability(1), 0.9 / 2.6, 1e-14));
        assert!(close(m.survival(1), 1.7 / 2.6, 1e-14));
        check_gradient(&SbgObjective::new(&d), &[0.2, -0.4]);
    }

    #[test]
    fn projected_survival_and_retention() {
        // scipy: S(t) = exp(betaln(α, β+t) − betaln(α, β)), r(t) = (β+t−1)/(α+β+t−1).
        let m = Sbg { alpha: 0.704, beta: 1.182 };
        let s = [
            1.0,
            0.626723223754,
            0.473842714564,
            0.387999875899,
            0.332094858987,
            0.292374372964,
            0.262483063268,
            0.239050641693,
            0.220111675707,
            0.204437123846,
            0.191216130351,
            0.179890524111,
            0.170062576806,
        ];
        for (t, &want) in s.iter().enumerate() {
            assert!(close(m.survival(t as u32), want, 1e-10), "S({t})");
        }
        assert!(close(m.retention(1), 0.626723223754, 1e-10));
        assert!(close(m.retention(7), 0.910727872179, 1e-10));
        assert!(close(m.retention(12), 0.945367065032, 1e-10));
        let h = Sbg { alpha: 0.668, beta: 3.806 };
        assert!(close(h.survival(12), 0.378040420182, 1e-10));
        assert!(close(h.retention(12), 0.956830812977, 1e-10));
        // P(T = t) sums with S to one.
        let lost: f64 = (1..=12).map(|t| m.churn_probability(t)).sum();
        assert!(close(lost + m.survival(12), 1.0, 1e-12));
        let p = m.projection(3);
        assert_eq!(p.len(), 4);
        assert_eq!(p[0], (0, 1.0, 1.0));
        assert!(close(p[3].1, 0.387999875899, 1e-10) && close(p[3].2, 0.818836850232, 1e-10));
    }

    #[test]
    fn discounted_expected_residual_lifetime() {
        // scipy: (β+n)/(α+β+n) · hyp2f1(1, β+n+1, α+β+n+1, 1/1.1), n = 0..4, and
        // DEL = hyp2f1(1, β, α+β, 1/1.1).
        let regular = Sbg { alpha: 0.704, beta: 1.182 };
        let want = [2.964662146132, 4.103458619599, 4.870137366534, 5.442391322120, 5.894422859844];
        for (n, &w) in want.iter().enumerate() {
            let got = regular.derl(0.1, n as u32).unwrap();
            assert!(close(got, w, 1e-9), "n = {n}: {got} vs {w}");
        }
        assert!(close(regular.del(0.1).unwrap(), 3.695147405575, 1e-9));
        let high = Sbg { alpha: 0.668, beta: 3.806 };
        assert!(close(high.derl(0.1, 0).unwrap(), 5.414856048374, 1e-9));
        assert!(close(high.derl(0.1, 4).unwrap(), 6.897057397746, 1e-9));
        assert!(close(high.del(0.1).unwrap(), 5.922596407613, 1e-9));
        // Undiscounted: finite only for α > 1, (β + n)/(α − 1) by hand.
        assert_eq!(regular.derl(0.0, 2), None);
        let m = Sbg { alpha: 3.0, beta: 2.0 };
        assert!(close(m.derl(0.0, 2).unwrap(), 2.0, 1e-15));
        assert_eq!(m.derl(-0.1, 0), None);
        assert_eq!(m.derl(f64::NAN, 0), None);
        // Homogeneous limit: α, β large with β/(α+β) = 0.8: r/(1 − r/(1+d)) = 0.8/(1 − 0.8/1.1).
        let flat = Sbg { alpha: 2e7, beta: 8e7 };
        assert!(close(flat.derl(0.1, 3).unwrap(), 0.8 / (1.0 - 0.8 / 1.1), 1e-6));
    }

    #[test]
    fn fits_reproduce_fader_and_hardie() {
        use crate::models::optimise::Convergence;
        // Fader & Hardie (2007): regular α = 0.704, β = 1.182; high end α = 0.668,
        // β = 3.806. scipy's maximum and SEs from a central-difference Hessian
        // (tests/models/other_reference.py).
        let regular = fit(&SbgData::from_survivors(&REGULAR).unwrap()).unwrap();
        assert_eq!(regular.fit.convergence, Convergence::Gradient);
        assert!(
            close(regular.model.alpha, 0.704, 1e-3) && close(regular.model.beta, 1.182, 1e-3),
            "{:?}",
            regular.model
        );
        assert!(close(regular.model.alpha, 0.7040773331, 1e-5) && close(regular.model.beta, 1.1820430852, 1e-5));
        assert!(close(regular.fit.log_likelihood, -1680.2651884633, 1e-10));
        let se: Vec<f64> = regular.fit.estimates.iter().map(|e| e.se.unwrap()).collect();
        assert!(close(se[0], 0.065598966, 1e-3) && close(se[1], 0.152475628967, 1e-3), "{se:?}");
        assert_eq!(regular.fit.estimates[0].name, "alpha");
        let high = fit(&SbgData::from_survivors(&HIGH_END).unwrap()).unwrap();
        assert!(close(high.model.alpha, 0.668, 1e-3) && close(high.model.beta, 3.806, 1e-3), "{:?}", high.model);
        assert!(close(high.fit.log_likelihood, -1611.1581473912, 1e-10));
        // Nobody lost: nothing to fit.
        let none = SbgData::from_survivors(&[10.0, 10.0, 10.0]).unwrap();
        assert!(matches!(fit(&none), Err(FitError::NotEnoughData { .. })));
    }

    #[test]
    fn cohort_tables_with_censoring() {
        // at risk (10, 6, 3), lost (4, 2, 1): after period 1, 10 − 4 − 6 = 0 censored;
        // after 2, 6 − 2 − 3 = 1; after 3, 3 − 1 = 2.
        let d = SbgData::from_at_risk(&[10.0, 6.0, 3.0], &[4.0, 2.0, 1.0]).unwrap();
        assert_eq!(d.censored, vec![0.0, 1.0, 2.0]);
        assert_eq!(d.lost, vec![4.0, 2.0, 1.0]);
        let survivors = SbgData::from_survivors(&REGULAR).unwrap();
        let at_risk = &REGULAR[..7];
        assert_eq!(SbgData::from_at_risk(at_risk, &survivors.lost).unwrap(), survivors);
        assert_eq!(SbgData::from_at_risk(&[10.0, 8.0], &[4.0, 1.0]), Err(SbgDataError::NotDecreasing { period: 1 }));
        assert_eq!(SbgData::from_at_risk(&[10.0], &[]), Err(SbgDataError::TooShort));
    }

    const SE_S12: f64 = 0.0132525457;
    const SE_R12: f64 = 0.0042481599;

    #[test]
    fn projections_carry_intervals() {
        // Delta method with scipy's natural-scale covariance (tests/models/other_reference.py).
        let f = fit(&SbgData::from_survivors(&REGULAR).unwrap()).unwrap();
        let s12 = f.survival_interval(12);
        assert!(close(s12.value, f.model.survival(12), 1e-15));
        assert!(close(s12.se.unwrap(), SE_S12, 1e-2), "{s12:?}");
        let r12 = f.retention_interval(12);
        assert!(close(r12.se.unwrap(), SE_R12, 1e-2), "{r12:?}");
        assert!(r12.low.unwrap() < r12.value && r12.value < r12.high.unwrap());
    }
}
