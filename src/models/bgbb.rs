//! The beta-geometric/beta-Bernoulli (BG/BB) model of purchases at discrete
//! opportunities: Fader, Hardie & Shang (2010), "Customer-base analysis in a
//! discrete-time noncontractual setting", Marketing Science 29(6).
//!
//! While alive, a customer transacts at each opportunity with probability p,
//! p ~ Beta(α, β); she becomes inactive at the start of an opportunity with probability
//! θ, θ ~ Beta(γ, δ). For x transactions in n opportunities, the last at t_x:
//!
//! ```text
//!   L = B(α+x, β+n−x)/B(α,β) · B(γ, δ+n)/B(γ,δ)
//!     + Σ_{i=0}^{n−t_x−1} B(α+x, β+t_x−x+i)/B(α,β) · B(γ+1, δ+t_x+i)/B(γ,δ)
//! ```
//!
//! The offsets are whole counts, so every ratio of Beta functions is a finite product,
//! B(a+k, b+l)/B(a, b) = (a)_k (b)_l / (a+b)_{k+l}: the model keeps running sums of
//! ln(c + j) and 1/(c + j) for c = α, β, α+β, δ, γ+δ, and each term and its exact
//! gradient cost O(1). Terms are added in log space (log-sum-exp).
//!
//! Predictions (FHS 2010), with the first term of L as "alive through n":
//! P(alive at n + m) = B(α+x, β+n−x)/B(α,β) · B(γ, δ+n+m)/B(γ,δ) / L, and the expected
//! transactions in the next n* opportunities
//! E = P(alive at n | …) · (α+x)/(α+β+n) · Σ_{k=1..n*} B(γ, δ+n+k)/B(γ, δ+n),
//! the paper's closed form written as its finite sum (no 1/(γ − 1) at γ = 1).

use crate::models::optimise::{Fit, FitError, Objective};
use std::collections::BTreeMap;

/// A row of discrete-opportunity data (the layout of `donations.csv`): x transactions in
/// n opportunities, the last at opportunity t_x (0 when x = 0), for `weight` customers.
#[derive(Clone, Copy, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct OpportunityRow {
    pub x: u32,
    pub t_x: u32,
    pub n: u32,
    pub weight: f64,
}

impl OpportunityRow {
    /// Whether the history is possible: x = t_x = 0, or 1 ≤ x ≤ t_x ≤ n; weight > 0.
    pub fn valid(&self) -> bool {
        let history = if self.x == 0 { self.t_x == 0 } else { self.x <= self.t_x };
        history && self.t_x <= self.n && self.weight.is_finite() && self.weight > 0.0
    }
}

/// BG/BB parameters (keys bgbb_alpha, bgbb_beta, bgbb_gamma, bgbb_delta).
#[derive(Clone, Copy, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Bgbb {
    pub alpha: f64,
    pub beta: f64,
    pub gamma: f64,
    pub delta: f64,
}

/// Σ_{j<k} ln(c + j) and Σ_{j<k} 1/(c + j) for k = 0..=len.
struct Rising {
    ln: Vec<f64>,
    inv: Vec<f64>,
}

impl Rising {
    fn new(c: f64, len: usize) -> Rising {
        let (mut ln, mut inv) = (Vec::with_capacity(len + 1), Vec::with_capacity(len + 1));
        let (mut l, mut r) = (0.0, 0.0);
        ln.push(0.0);
        inv.push(0.0);
        for j in 0..len {
            let cj = c + j as f64;
            l += cj.ln();
            r += 1.0 / cj;
            ln.push(l);
            inv.push(r);
        }
        Rising { ln, inv }
    }
}

/// The running sums for one parameter point, up to n opportunities (+ extra).
struct Tables {
    a: Rising,
    b: Rising,
    ab: Rising,
    d: Rising,
    gd: Rising,
    ln_g: f64,
    inv_g: f64,
}

/// A log term with its gradient in (α, β, γ, δ) (natural scale).
type Term = (f64, [f64; 4]);

impl Tables {
    fn new(m: &Bgbb, len: usize) -> Tables {
        Tables {
            a: Rising::new(m.alpha, len),
            b: Rising::new(m.beta, len),
            ab: Rising::new(m.alpha + m.beta, len),
            d: Rising::new(m.delta, len),
            gd: Rising::new(m.gamma + m.delta, len + 1),
            ln_g: m.gamma.ln(),
            inv_g: 1.0 / m.gamma,
        }
    }

    /// ln B(α+x, β+y)/B(α,β) with ∂α, ∂β.
    fn purchase(&self, x: usize, y: usize) -> (f64, f64, f64) {
        let s = x + y;
        (self.a.ln[x] + self.b.ln[y] - self.ab.ln[s], self.a.inv[x] - self.ab.inv[s], self.b.inv[y] - self.ab.inv[s])
    }

    /// ln B(γ, δ+y)/B(γ,δ) (alive through y opportunities) with ∂γ, ∂δ.
    fn alive(&self, y: usize) -> (f64, f64, f64) {
        (self.d.ln[y] - self.gd.ln[y], -self.gd.inv[y], self.d.inv[y] - self.gd.inv[y])
    }

    /// ln B(γ+1, δ+y)/B(γ,δ) (alive through y, dead at y + 1) with ∂γ, ∂δ.
    fn dies_after(&self, y: usize) -> (f64, f64, f64) {
        (
            self.ln_g + self.d.ln[y] - self.gd.ln[y + 1],
            self.inv_g - self.gd.inv[y + 1],
            self.d.inv[y] - self.gd.inv[y + 1],
        )
    }

    fn term(p: (f64, f64, f64), l: (f64, f64, f64)) -> Term {
        (p.0 + l.0, [p.1, p.2, l.1, l.2])
    }

    /// The "alive through n" term and ln L of one row, with ln L's gradient.
    fn row(&self, x: usize, t_x: usize, n: usize) -> (Term, Term) {
        let first = Tables::term(self.purchase(x, n - x), self.alive(n));
        let mut terms = Vec::with_capacity(n - t_x + 1);
        terms.push(first);
        for i in 0..n - t_x {
            terms.push(Tables::term(self.purchase(x, t_x - x + i), self.dies_after(t_x + i)));
        }
        let max = terms.iter().map(|t| t.0).fold(f64::NEG_INFINITY, f64::max);
        let (mut sum, mut grad) = (0.0, [0.0; 4]);
        for (v, g) in &terms {
            let w = (v - max).exp();
            sum += w;
            for k in 0..4 {
                grad[k] += w * g[k];
            }
        }
        for g in &mut grad {
            *g /= sum;
        }
        (first, (max + sum.ln(), grad))
    }
}

impl Bgbb {
    fn tables(&self, len: usize) -> Tables {
        Tables::new(self, len)
    }

    /// ln L of one history (no check that it is valid).
    fn ln_row(&self, x: u32, t_x: u32, n: u32) -> (f64, f64) {
        let t = self.tables(n as usize);
        let (first, total) = t.row(x as usize, t_x as usize, n as usize);
        (first.0, total.0)
    }

    /// P(alive at opportunity n + m | x, t_x, n), m ≥ 0 (m = 1: alive at the next
    /// opportunity, FHS 2010's P(alive in 2002) and `lifetimes`' `conditional_probability_alive(1, …)`).
    pub fn p_alive(&self, m: u32, x: u32, t_x: u32, n: u32) -> f64 {
        let (first, total) = self.ln_row(x, t_x, n);
        let t = self.tables(n as usize + m as usize);
        let extra = t.alive(n as usize + m as usize).0 - t.alive(n as usize).0;
        (first + extra - total).exp()
    }

    /// Expected transactions in the next `n_star` opportunities, n + 1 ..= n + n*, of a
    /// customer with history (x, t_x, n).
    pub fn conditional_expected(&self, n_star: u32, x: u32, t_x: u32, n: u32) -> f64 {
        let (first, total) = self.ln_row(x, t_x, n);
        let alive = (first - total).exp();
        let p = (self.alpha + f64::from(x)) / (self.alpha + self.beta + f64::from(n));
        alive * p * self.survival_sum(n, n_star)
    }

    /// E[X(n)]: expected transactions in the first n opportunities of a new customer.
    pub fn expected(&self, n: u32) -> f64 {
        self.alpha / (self.alpha + self.beta) * self.survival_sum(0, n)
    }

    /// Σ_{k=1..count} B(γ, δ+from+k)/B(γ, δ+from).
    fn survival_sum(&self, from: u32, count: u32) -> f64 {
        let (g, d) = (self.gamma, self.delta + f64::from(from));
        let (mut s, mut prod) = (0.0, 1.0);
        for j in 0..count {
            prod *= (d + f64::from(j)) / (g + d + f64::from(j));
            s += prod;
        }
        s
    }
}

/// The BG/BB log-likelihood Σ weight · ln L over the valid rows.
pub fn log_likelihood(model: &Bgbb, rows: &[OpportunityRow]) -> f64 {
    let o = BgbbObjective::new(rows);
    let theta = [model.alpha.ln(), model.beta.ln(), model.gamma.ln(), model.delta.ln()];
    o.value_gradient(&theta, &mut [0.0; 4])
}

/// The BG/BB likelihood as an [`Objective`] in θ = ln(α, β, γ, δ), over the valid rows
/// with identical histories merged.
pub struct BgbbObjective {
    rows: Vec<((u32, u32, u32), f64)>,
    max_n: u32,
    /// Rows left out as impossible histories.
    pub invalid: usize,
}

impl BgbbObjective {
    pub fn new(rows: &[OpportunityRow]) -> Self {
        let mut merged: BTreeMap<(u32, u32, u32), f64> = BTreeMap::new();
        let mut invalid = 0;
        for r in rows {
            if r.valid() {
                *merged.entry((r.x, r.t_x, r.n)).or_insert(0.0) += r.weight;
            } else {
                invalid += 1;
            }
        }
        let max_n = merged.keys().map(|k| k.2).max().unwrap_or(0);
        BgbbObjective { rows: merged.into_iter().collect(), max_n, invalid }
    }

    /// Customers (total weight) in the likelihood.
    pub fn customers(&self) -> f64 {
        self.rows.iter().map(|r| r.1).sum()
    }

    /// Distinct histories in the likelihood.
    pub fn len(&self) -> usize {
        self.rows.len()
    }

    pub fn is_empty(&self) -> bool {
        self.rows.is_empty()
    }
}

impl Objective for BgbbObjective {
    fn names(&self) -> &'static [&'static str] {
        &["alpha", "beta", "gamma", "delta"]
    }

    fn value_gradient(&self, theta: &[f64], grad: &mut [f64]) -> f64 {
        let m = Bgbb { alpha: theta[0].exp(), beta: theta[1].exp(), gamma: theta[2].exp(), delta: theta[3].exp() };
        let t = m.tables(self.max_n as usize);
        let (mut ll, mut g) = (0.0, [0.0; 4]);
        for &((x, t_x, n), w) in &self.rows {
            let (_, (v, rg)) = t.row(x as usize, t_x as usize, n as usize);
            ll += w * v;
            for k in 0..4 {
                g[k] += w * rg[k];
            }
        }
        let p = [m.alpha, m.beta, m.gamma, m.delta];
        for k in 0..4 {
            grad[k] = p[k] * g[k];
        }
        ll
    }

    fn starts(&self) -> Vec<Vec<f64>> {
        vec![vec![0.0; 4], vec![0.0, 0.0, 0.5f64.ln(), 3f64.ln()]]
    }
}

/// A finished BG/BB fit.
#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct BgbbFit {
    pub model: Bgbb,
    pub fit: Fit,
    /// Rows left out as impossible histories.
    pub invalid: usize,
}

/// Fits the BG/BB model on the valid rows: at least two distinct histories and someone
/// with a transaction.
pub fn fit(rows: &[OpportunityRow]) -> Result<BgbbFit, FitError> {
    let o = BgbbObjective::new(rows);
    let buyers = o.rows.iter().filter(|r| r.0 .0 > 0).count();
    if o.len() < 2 || buyers == 0 {
        return Err(FitError::NotEnoughData { needed: 2, got: o.len().min(buyers) });
    }
    let fit = crate::models::optimise::maximise(&o)?;
    let p = fit.params();
    Ok(BgbbFit { model: Bgbb { alpha: p[0], beta: p[1], gamma: p[2], delta: p[3] }, fit, invalid: o.invalid })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::models::sbg::tests::check_gradient;

    fn close(a: f64, b: f64, rel: f64) -> bool {
        (a - b).abs() <= rel * b.abs()
    }

    pub(crate) fn donations() -> Vec<OpportunityRow> {
        include_str!("../../tests/fixtures/models/donations.csv")
            .lines()
            .skip(1)
            .map(|line| {
                let f: Vec<f64> = line.split(',').map(|s| s.trim().parse().unwrap()).collect();
                OpportunityRow { x: f[0] as u32, t_x: f[1] as u32, n: f[2] as u32, weight: f[3] }
            })
            .collect()
    }

    const PUBLISHED: Bgbb = Bgbb { alpha: 1.204, beta: 0.750, gamma: 0.657, delta: 2.783 };

    #[test]
    fn log_likelihood_at_the_published_parameters() {
        let rows = donations();
        let o = BgbbObjective::new(&rows);
        assert_eq!((o.len(), o.invalid), (22, 0));
        assert_eq!(o.customers(), 11104.0);
        // scipy (betaln, logaddexp) in tests/models/other_reference.py; FHS (2010) report
        // LL = −33,225.6.
        let ll = log_likelihood(&PUBLISHED, &rows);
        assert!(close(ll, -33225.5817545186, 1e-10), "{ll}");
    }

    #[test]
    fn gradient_is_exact_and_vanishes_at_the_maximum() {
        let rows = donations();
        let o = BgbbObjective::new(&rows);
        for theta in [[0.0; 4], [0.19, -0.29, -0.42, 1.02], [-1.0, 1.0, 0.7, -0.3]] {
            check_gradient(&o, &theta);
        }
        // The maximum from scipy (Nelder-Mead) and `lifetimes` 0.11.3, which agree to 7
        // digits: α = 1.2035223568, β = 0.7497163917, γ = 0.6567182487, δ = 2.7834424016.
        let theta = [1.2035223568f64.ln(), 0.7497163917f64.ln(), 0.6567182487f64.ln(), 2.7834424016f64.ln()];
        let mut g = [0.0; 4];
        o.value_gradient(&theta, &mut g);
        assert!(g.iter().all(|g| g.abs() < 2e-3), "{g:?}");
    }

    #[test]
    fn a_long_history_stays_finite() {
        // 300 transactions in 400 opportunities: the products run far past f64's range.
        let rows = [OpportunityRow { x: 300, t_x: 350, n: 400, weight: 2.0 }];
        let o = BgbbObjective::new(&rows);
        let mut g = [0.0; 4];
        let ll = o.value_gradient(&[0.0, 0.3, -0.5, 1.0], &mut g);
        assert!(ll.is_finite() && g.iter().all(|g| g.is_finite()), "{ll} {g:?}");
        check_gradient(&o, &[0.0, 0.3, -0.5, 1.0]);
        let pa = PUBLISHED.p_alive(1, 300, 350, 400);
        assert!(pa > 0.0 && pa < 1.0);
    }

    #[test]
    fn invalid_histories_are_left_out() {
        let rows = [
            OpportunityRow { x: 2, t_x: 1, n: 6, weight: 1.0 },
            OpportunityRow { x: 0, t_x: 3, n: 6, weight: 1.0 },
            OpportunityRow { x: 1, t_x: 7, n: 6, weight: 1.0 },
            OpportunityRow { x: 1, t_x: 2, n: 6, weight: 0.0 },
            OpportunityRow { x: 1, t_x: 2, n: 6, weight: 1.0 },
        ];
        let o = BgbbObjective::new(&rows);
        assert_eq!((o.len(), o.invalid), (1, 4));
    }

    #[test]
    fn predictions_match_lifetimes() {
        // `lifetimes` BetaGeoBetaBinomFitter with its parameters set to the published ones:
        // conditional_probability_alive(1, …), conditional_expected_number_of_purchases_up_to_time(1 and 5, …).
        let cases = [
            ((0, 0, 6), 0.108016584169, 0.016350511358, 0.072802877475),
            ((3, 4, 6), 0.439462857056, 0.232273302874, 1.034228498421),
            ((6, 6, 6), 0.930402542373, 0.842672858342, 3.752115607600),
            ((2, 5, 6), 0.804471594641, 0.324054185219, 1.442895370405),
            ((1, 1, 6), 0.069408093207, 0.019232516649, 0.085635398338),
        ];
        for ((x, t_x, n), pa, e1, e5) in cases {
            let m = PUBLISHED;
            assert!(close(m.p_alive(1, x, t_x, n), pa, 1e-9), "p_alive {x} {t_x} {n}");
            assert!(close(m.conditional_expected(1, x, t_x, n), e1, 1e-9), "E1 {x} {t_x} {n}");
            assert!(close(m.conditional_expected(5, x, t_x, n), e5, 1e-9), "E5 {x} {t_x} {n}");
        }
        // FHS (2010): E[X(6)] = α/(α+β) · δ/(γ−1) · [1 − Γ(γ+δ)Γ(1+δ+6)/(Γ(γ+δ+6)Γ(1+δ))], by scipy.
        assert!(close(PUBLISHED.expected(6), 2.219631393487, 1e-10));
        // Alive at n (m = 0) is at least alive at n + 1.
        assert!(PUBLISHED.p_alive(0, 3, 4, 6) > PUBLISHED.p_alive(1, 3, 4, 6));
        // γ = 1 exactly: the paper's closed form divides by γ − 1, the finite sum does not.
        let one = Bgbb { gamma: 1.0, ..PUBLISHED };
        let below = Bgbb { gamma: 1.0 - 1e-7, ..PUBLISHED };
        assert!(close(one.conditional_expected(5, 3, 4, 6), below.conditional_expected(5, 3, 4, 6), 1e-6));
    }

    #[test]
    fn fit_reproduces_fader_hardie_and_shang() {
        use crate::models::optimise::Convergence;
        // FHS (2010) as `lifetimes`' tests quote them: α = 1.204, β = 0.750, γ = 0.657,
        // δ = 2.783; scipy's maximum, LL −33225.5812743470, and SEs from its
        // central-difference Hessian (tests/models/other_reference.py).
        let f = fit(&donations()).unwrap();
        assert_eq!(f.fit.convergence, Convergence::Gradient);
        let m = f.model;
        let got = [m.alpha, m.beta, m.gamma, m.delta];
        let published = [1.204, 0.750, 0.657, 2.783];
        let scipy = [1.2035223568, 0.7497163917, 0.6567182487, 2.7834424016];
        for k in 0..4 {
            assert!(close(got[k], published[k], 1e-3), "{m:?}");
            assert!(close(got[k], scipy[k], 1e-5), "{m:?}");
        }
        assert!(close(f.fit.log_likelihood, -33225.5812743470, 1e-10));
        let se: Vec<f64> = f.fit.estimates.iter().map(|e| e.se.unwrap()).collect();
        let want = [0.069391278658, 0.029447682785, 0.051010006872, 0.320819731225];
        for (s, w) in se.iter().zip(want) {
            assert!(close(*s, w, 1e-2), "{se:?}");
        }
        let nobody = [OpportunityRow { x: 0, t_x: 0, n: 6, weight: 10.0 }];
        assert!(matches!(fit(&nobody), Err(FitError::NotEnoughData { .. })));
    }
}
