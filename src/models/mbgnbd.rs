//! MBG/NBD: the modified BG/NBD of Batislam, Denizel & Filiztekin (2007), "Empirical
//! validation and comparison of models for customer base analysis" (International
//! Journal of Research in Marketing 24(3)): as BG/NBD, but a customer may also drop out
//! right after the first purchase, so a customer with no repeat purchase is not taken
//! to be alive (P(alive) = 1/(1 + a/b·((α+T)/α)^r) < 1 for x = 0).
//!
//! The likelihood engine (with its hand-derived exact gradient) and the conditional
//! expectation's series are those of bgnbd.rs with the beta posterior shifted by one
//! purchase opportunity: ln L = ln Γ(r+x) − ln Γ(r) + r ln α + ln B(a, b+x+1) −
//! ln B(a, b) + ln[(α+T)^−(r+x) + a/(b+x)·(α+t_x)^−(r+x)]; for a customer alive at T the dropout
//! posterior is Beta(a, b+x+1), and a new customer is alive after the first purchase
//! with probability b/(a+b).

use super::bgnbd::{expected_alive, logistic_neg, BetaGeoLikelihood};
use super::data::{CountModel, Customer, Indexed};
use super::optimise::{Fit, FitError};

/// Fitted MBG/NBD parameters (as BG/NBD: λ ~ Gamma(r, α), p ~ Beta(a, b)).
#[derive(Clone, Copy, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct MbgNbd {
    pub r: f64,
    pub alpha: f64,
    pub a: f64,
    pub b: f64,
}

impl MbgNbd {
    /// The fitted model and its diagnostics (customers with weights; compressed here).
    pub fn fit(customers: &[Customer]) -> Result<(MbgNbd, Fit), FitError> {
        let fit = BetaGeoLikelihood::fit(customers, true)?;
        let p = fit.params();
        Ok((MbgNbd { r: p[0], alpha: p[1], a: p[2], b: p[3] }, fit))
    }

    /// One customer's log-likelihood.
    /// NaN for an impossible history (x < 0, t_x < 0 or t_x > t).
    pub fn log_likelihood(&self, x: f64, t_x: f64, t: f64) -> f64 {
        let lik = BetaGeoLikelihood { ix: Indexed::new(&[Customer { x, t_x, t, weight: 1.0 }]), modified: true };
        if lik.ix.rows.is_empty() {
            return f64::NAN;
        }
        let mut g = [0.0; 4];
        lik.value_gradient_at(&[self.r.ln(), self.alpha.ln(), self.a.ln(), self.b.ln()], &mut g)
    }
}

/// Fits MBG/NBD to customers (any weights; compressed here): [`MbgNbd::fit`].
pub fn fit(customers: &[Customer]) -> Result<(MbgNbd, Fit), FitError> {
    MbgNbd::fit(customers)
}

impl CountModel for MbgNbd {
    fn p_alive(&self, x: f64, t_x: f64, t: f64) -> f64 {
        let ln_odds = (self.a / (self.b + x)).ln() + (self.r + x) * ((self.alpha + t).ln() - (self.alpha + t_x).ln());
        logistic_neg(ln_odds)
    }
    fn conditional_expected(&self, h: f64, x: f64, t_x: f64, t: f64) -> f64 {
        self.p_alive(x, t_x, t) * expected_alive(self.a, self.b + x + 1.0, self.r + x, self.alpha + t, h)
    }
    fn expected(&self, t: f64) -> f64 {
        self.b / (self.a + self.b) * expected_alive(self.a, self.b + 1.0, self.r, self.alpha, t)
    }
}

#[cfg(test)]
mod tests {
    use super::super::bgnbd::tests::{cdnow, check_gradient, rel, simulate, Rng};
    use super::super::bgnbd::BgNbd;
    use super::super::optimise::Convergence;
    use super::*;

    // tests/models/count_reference.py: lifetimes ModifiedBetaGeoFitter on CDNOW.
    const LIFETIMES: MbgNbd =
        MbgNbd { r: 0.5248377255677019, alpha: 6.182988479134203, a: 0.8913562809310627, b: 1.614000025671838 };

    #[test]
    fn cdnow_fit_matches_lifetimes() {
        let (m, fit) = MbgNbd::fit(&cdnow()).unwrap();
        assert!(rel(m.r, LIFETIMES.r) < 1e-3, "{m:?}");
        assert!(rel(m.alpha, LIFETIMES.alpha) < 1e-3, "{m:?}");
        assert!(rel(m.a, LIFETIMES.a) < 1e-3, "{m:?}");
        assert!(rel(m.b, LIFETIMES.b) < 1e-3, "{m:?}");
        assert!(rel(fit.log_likelihood, -9582.13268489992) < 1e-6, "{}", fit.log_likelihood);
        // Ours is the maximum: not below lifetimes' value.
        assert!(fit.log_likelihood >= -9582.13268489992 - 1e-6);
        assert_eq!(fit.convergence, Convergence::Gradient);
        for (e, want) in
            fit.estimates.iter().zip([0.08326394529768373, 0.6955971916028643, 0.15478532069898931, 0.5374723507887403])
        {
            let se = e.se.unwrap();
            assert!(rel(se, want) < 1e-3, "se({}) = {se}, lifetimes {want}", e.name);
        }
    }

    #[test]
    fn predictions_match_lifetimes_and_quadrature() {
        let m = LIFETIMES;
        // (x, t_x, T, h, quad expectation, lifetimes P(alive)).
        for (x, t_x, t, h, want, p_alive) in [
            (2.0, 30.43, 38.86, 39.0, 1.2626707787139713, 0.706126258715401),
            (0.0, 0.0, 38.86, 39.0, 0.15395364436667394, 0.3897164420501302),
            (10.0, 34.14, 38.86, 52.0, 7.053472370871348, 0.8025278787741232),
            (300.0, 38.0, 40.0, 39.0, 0.10737791805939956, 0.0005636127968971622),
        ] {
            let got = m.conditional_expected(h, x, t_x, t);
            assert!(rel(got, want) < 1e-9, "x={x}: {got} vs {want}");
            let p = m.p_alive(x, t_x, t);
            assert!(rel(p, p_alive) < 1e-9, "x={x}: P(alive) {p} vs {p_alive}");
        }
        assert!(rel(m.expected(10.0), 0.43325287447598104) < 1e-9);
        assert!(rel(m.expected(39.0), 1.182283795288286) < 1e-9);
    }

    #[test]
    fn one_time_buyers_are_not_all_alive() {
        let m = LIFETIMES;
        let p = m.p_alive(0.0, 0.0, 38.86);
        assert!(p < 0.5 && p > 0.0, "{p}");
    }

    #[test]
    fn analytic_gradient_matches_finite_differences() {
        let mut few = cdnow()[..60].to_vec();
        few.push(Customer { x: 300.0, t_x: 38.0, t: 40.0, weight: 2.0 });
        let lik = BetaGeoLikelihood { ix: Indexed::new(&few), modified: true };
        for theta in
            [[0.5f64.ln(), 6.2f64.ln(), 0.9f64.ln(), 1.6f64.ln()], [0.3, -0.5, 1.2, -0.7], [-2.0, 3.0, -1.5, 2.0]]
        {
            check_gradient(&lik, &theta);
        }
        check_gradient(&BetaGeoLikelihood { ix: Indexed::new(&cdnow()), modified: true }, &[0.3, -0.5, 1.2, -0.7]);
    }

    #[test]
    fn recovers_simulated_parameters_within_two_standard_errors() {
        let truth = BgNbd { r: 0.5, alpha: 5.0, a: 0.8, b: 2.5 };
        let mut rng = Rng(0x0000_00ab_cdef);
        let data = simulate(&mut rng, 6000, truth, true, (20.0, 52.0), 0.0);
        let (_, fit) = MbgNbd::fit(&data).unwrap();
        for (e, want) in fit.estimates.iter().zip([truth.r, truth.alpha, truth.a, truth.b]) {
            let se = e.se.unwrap();
            assert!((e.value - want).abs() <= 2.0 * se, "{}: {} ± {se}, truth {want}", e.name, e.value);
        }
    }

    #[test]
    fn heavy_buyer_stays_finite() {
        let m = LIFETIMES;
        let p = m.p_alive(300.0, 38.0, 40.0);
        assert!((0.0..=1.0).contains(&p));
        assert!(m.conditional_expected(39.0, 300.0, 38.0, 40.0).is_finite());
        assert!(m.log_likelihood(300.0, 38.0, 40.0).is_finite());
        let small = MbgNbd { r: 0.5, alpha: 3.0, a: 0.3, b: 0.4 };
        let e = small.conditional_expected(10.0, 0.0, 0.0, 20.0);
        assert!(e.is_finite() && e >= 0.0);
    }
}
