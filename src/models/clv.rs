//! Customer lifetime value: the simple formula and the discounted model value.
//!
//! * Simple CLV (METRICS.md, "Lifetime value"): margin per customer per year ×
//!   (1 + d) / (1 + d − r), the value of a customer paying at the start of each year and
//!   staying with probability r each year, discounted at d per year (the geometric sum
//!   Σ_{k≥0} m·r^k/(1+d)^k); undefined when r ≥ 1 + d.
//! * Discounted model CLV over a horizon of H units of the chosen [`TimeUnit`]:
//!   Σ_{k=1..H} margin × spend × (E[N(k)] − E[N(k−1)]) / (1 + d_unit)^k, with E[N(h)] the
//!   expected purchases in the customer's next h units (a [`CountModel`]'s
//!   `conditional_expected`) and d_unit the yearly discount rate converted to the unit,
//!   (1 + d)^(days/365.25) − 1. Discounting follows the unit (the `lifetimes` issues #137 and
//!   #215: discounting that did not follow the time unit).

use crate::models::data::{CountModel, Customer};

/// Days in a year (the Julian year, also the mean Gregorian year to 4 digits).
pub const DAYS_PER_YEAR: f64 = 365.25;

pub use crate::calendar::TimeUnit;

/// The discount rate per unit equivalent to `yearly` per year:
/// (1 + yearly)^(days / 365.25) − 1.
pub fn unit_discount_rate(unit: TimeUnit, yearly: f64) -> f64 {
    // exp_m1 keeps precision for a day's tiny rate.
    ((unit.days() / DAYS_PER_YEAR) * yearly.ln_1p()).exp_m1()
}

/// Why a simple CLV has no value.
#[derive(Clone, Copy, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
pub enum ClvUndefined {
    /// r ≥ 1 + d: the discounted sum of future margins does not converge.
    RetentionNotBelowOnePlusDiscount { retention: f64, discount: f64 },
    /// The retention rate is not a number in [0, 1].
    RetentionOutOfRange(f64),
    /// The discount rate is not a number above −1.
    DiscountOutOfRange(f64),
    /// The margin is not a finite number.
    MarginNotFinite(f64),
}

/// Simple CLV: `margin × (1 + d) / (1 + d − r)` with r the yearly retention rate (0..1)
/// and d the yearly discount rate.
pub fn simple_clv(margin_per_year: f64, retention: f64, discount: f64) -> Result<f64, ClvUndefined> {
    if !margin_per_year.is_finite() {
        return Err(ClvUndefined::MarginNotFinite(margin_per_year));
    }
    if !(0.0..=1.0).contains(&retention) {
        return Err(ClvUndefined::RetentionOutOfRange(retention));
    }
    if !(discount.is_finite() && discount > -1.0) {
        return Err(ClvUndefined::DiscountOutOfRange(discount));
    }
    let denominator = 1.0 + discount - retention;
    if denominator <= 0.0 {
        return Err(ClvUndefined::RetentionNotBelowOnePlusDiscount { retention, discount });
    }
    Ok(margin_per_year * (1.0 + discount) / denominator)
}

/// Discounted CLV over the next `horizon` units:
/// Σ_{k=1..horizon} margin × spend × (E(k) − E(k−1)) / (1 + d_unit)^k, where `cumulative(h)`
/// is the expected number of purchases in the customer's next h units (E(0) = 0) and
/// d_unit = `unit_discount_rate(unit, yearly_discount)`. `margin` is the share of spend kept
/// (e.g. 0.3) and `spend` the expected spend per purchase.
pub fn discounted_clv(
    margin: f64,
    spend: f64,
    horizon: u32,
    unit: TimeUnit,
    yearly_discount: f64,
    cumulative: impl Fn(f64) -> f64,
) -> f64 {
    let per_unit = 1.0 / (1.0 + unit_discount_rate(unit, yearly_discount));
    let mut factor = 1.0;
    let mut previous = 0.0;
    let mut total = 0.0;
    for k in 1..=horizon {
        factor *= per_unit;
        let now = cumulative(f64::from(k));
        total += (now - previous) * factor;
        previous = now;
    }
    margin * spend * total
}

/// [`discounted_clv`] for a customer of a fitted count model, whose history (x, t_x, T) is
/// in `unit`: the expected purchases come from `model.conditional_expected(h, x, t_x, T)`.
pub fn model_clv<M: CountModel + ?Sized>(
    model: &M,
    customer: &Customer,
    margin: f64,
    spend: f64,
    horizon: u32,
    unit: TimeUnit,
    yearly_discount: f64,
) -> f64 {
    discounted_clv(margin, spend, horizon, unit, yearly_discount, |h| {
        model.conditional_expected(h, customer.x, customer.t_x, customer.t)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn close(a: f64, b: f64, rel: f64) -> bool {
        (a - b).abs() <= rel * b.abs().max(1e-300)
    }

    #[test]
    fn simple_clv_by_hand() {
        // 100 × 1.1 / (1.1 − 0.8) = 110 / 0.3 = 366.666…
        let v = simple_clv(100.0, 0.8, 0.1).unwrap();
        assert!(close(v, 366.666_666_666_666_7, 1e-12), "{v}");
        // No retention: only this year's margin.
        assert_eq!(simple_clv(100.0, 0.0, 0.1).unwrap(), 100.0);
        // The geometric sum it stands for: Σ_{k≥0} 100 (0.8/1.1)^k.
        let sum: f64 = (0..2000).map(|k| 100.0 * (0.8f64 / 1.1).powi(k)).sum();
        assert!(close(v, sum, 1e-12));
    }

    #[test]
    fn simple_clv_guards() {
        assert_eq!(
            simple_clv(100.0, 1.0, 0.0),
            Err(ClvUndefined::RetentionNotBelowOnePlusDiscount { retention: 1.0, discount: 0.0 })
        );
        assert!(matches!(simple_clv(100.0, 1.0, -0.05), Err(ClvUndefined::RetentionNotBelowOnePlusDiscount { .. })));
        assert!(simple_clv(100.0, 1.0, 0.1).is_ok());
        assert_eq!(simple_clv(100.0, 1.2, 0.1), Err(ClvUndefined::RetentionOutOfRange(1.2)));
        assert!(matches!(simple_clv(100.0, f64::NAN, 0.1), Err(ClvUndefined::RetentionOutOfRange(_))));
        assert_eq!(simple_clv(100.0, 0.5, -1.0), Err(ClvUndefined::DiscountOutOfRange(-1.0)));
        assert!(matches!(simple_clv(f64::INFINITY, 0.5, 0.1), Err(ClvUndefined::MarginNotFinite(_))));
    }

    #[test]
    fn units_and_their_discount_rates() {
        assert_eq!(TimeUnit::Day.days(), 1.0);
        assert_eq!(TimeUnit::Week.days(), 7.0);
        assert_eq!(TimeUnit::Month.days(), 30.4375);
        // By hand: 1.1^(1/12) − 1 = 0.007974140428903…, 1.1^(7/365.25) − 1 = 0.001828296…
        assert!(close(unit_discount_rate(TimeUnit::Month, 0.1), 0.007_974_140_428_903_75, 1e-12));
        assert!(close(unit_discount_rate(TimeUnit::Week, 0.1), 1.1f64.powf(7.0 / 365.25) - 1.0, 1e-12));
        assert!(close(unit_discount_rate(TimeUnit::Day, 0.1), 1.1f64.powf(1.0 / 365.25) - 1.0, 1e-10));
        // Twelve months compound to the yearly rate.
        let m = unit_discount_rate(TimeUnit::Month, 0.1);
        assert!(close((1.0 + m).powi(12) - 1.0, 0.1, 1e-12));
        assert_eq!(unit_discount_rate(TimeUnit::Week, 0.0), 0.0);
    }

    /// A count model with a constant purchase rate per day, forever alive: expected
    /// purchases in the next h units = rate × h × unit days, whatever the history.
    struct Poisson {
        per_day: f64,
        unit_days: f64,
    }

    impl CountModel for Poisson {
        fn p_alive(&self, _x: f64, _t_x: f64, _t: f64) -> f64 {
            1.0
        }
        fn conditional_expected(&self, h: f64, _x: f64, _t_x: f64, _t: f64) -> f64 {
            self.per_day * self.unit_days * h
        }
        fn expected(&self, t: f64) -> f64 {
            self.per_day * self.unit_days * t
        }
    }

    #[test]
    fn monthly_clv_is_the_geometric_sum() {
        // 2 purchases a month, margin 0.3, spend 50, 24 months at 10% a year: each month
        // brings 0.3 × 50 × 2 = 30, discounted: 30 × (1 − v^24) / d_m, v = 1 / (1 + d_m),
        // with d_m = 1.1^(1/12) − 1 (so v^24 = 1/1.21).
        let model = Poisson { per_day: 2.0 / 30.4375, unit_days: 30.4375 };
        let c = Customer { x: 3.0, t_x: 5.0, t: 10.0, weight: 1.0 };
        let got = model_clv(&model, &c, 0.3, 50.0, 24, TimeUnit::Month, 0.1);
        let d_m = 1.1f64.powf(1.0 / 12.0) - 1.0;
        let by_hand = 30.0 * (1.0 - 1.0 / 1.21) / d_m;
        assert!(close(got, by_hand, 1e-12), "{got} vs {by_hand}");
        // Undiscounted: 24 × 30.
        let flat = discounted_clv(0.3, 50.0, 24, TimeUnit::Month, 0.0, |h| 2.0 * h);
        assert!(close(flat, 720.0, 1e-12));
    }

    #[test]
    fn the_same_customer_is_worth_the_same_in_days_weeks_and_months() {
        // 0.1 purchases a day, margin 0.25, spend 40, two years (730 days, 104 weeks =
        // 728 days, 24 months = 730.5 days), 10% a year. The continuous-time value is
        // 0.25 × 40 × 0.1 × (1 − e^{−δ·730.5}) / δ with δ = ln 1.1 / 365.25 per day; each
        // discrete unit discounts a unit's purchases at its end, at most a month's
        // discount (0.8%) away, and the weekly horizon is 2.5 days shorter (0.35%).
        let per_day = 0.1;
        let (margin, spend, d) = (0.25, 40.0, 0.1);
        let value = |unit: TimeUnit, horizon: u32| {
            let model = Poisson { per_day, unit_days: unit.days() };
            let c = Customer { x: 0.0, t_x: 0.0, t: 0.0, weight: 1.0 };
            model_clv(&model, &c, margin, spend, horizon, unit, d)
        };
        let day = value(TimeUnit::Day, 730);
        let week = value(TimeUnit::Week, 104);
        let month = value(TimeUnit::Month, 24);
        let delta = 1.1f64.ln() / 365.25;
        let continuous = margin * spend * per_day * (1.0 - (-delta * 730.5).exp()) / delta;
        // By hand: 0.25·40·0.1 = 1 a day; (1 − 1/1.21) / δ = 0.173554 / 2.60945e-4 ≈ 665.1.
        assert!(close(continuous, 665.09, 1e-3), "{continuous}");
        for (name, v) in [("day", day), ("week", week), ("month", month)] {
            assert!(close(v, continuous, 1e-2), "{name}: {v} vs {continuous}");
        }
        assert!(close(day, week, 5e-3) && close(day, month, 5e-3), "{day} {week} {month}");
        // The bug this guards against: the yearly rate applied per month would give
        // 30.4375 × (1 − 1.1^−24) / 0.1 ≈ 272, far from 665.
        let wrong: f64 = (1..=24).map(|k| 30.4375 / 1.1f64.powi(k)).sum();
        assert!(wrong < 0.5 * month);
    }

    #[test]
    fn bgnbd_and_gamma_gamma_customers() {
        // `lifetimes` 0.11.3 BetaGeoFitter (r, α, a, b = 0.243, 4.414, 0.793, 2.426, CDNOW
        // in weeks) for E(k) and GammaGammaFitter (6.25, 3.74, 15.44) for the spend, summed
        // in tests/models/other_reference.py: margin 0.3, 52 weeks at 10% a year.
        use crate::models::bgnbd::BgNbd;
        use crate::models::gamma_gamma::GammaGamma;
        let bg = BgNbd { r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 };
        let gg = GammaGamma { p: 6.25, q: 3.74, v: 15.44 };
        let cases = [
            (2.0, 30.43, 38.86, 22.35, 11.029361293462),
            (1.0, 1.71, 38.86, 11.77, 1.409483389706),
            (10.0, 37.0, 38.86, 35.0, 82.849771970288),
        ];
        for (x, t_x, t, zbar, want) in cases {
            let spend = gg.conditional_expected_spend(x, zbar).unwrap();
            let c = Customer { x, t_x, t, weight: 1.0 };
            let got = model_clv(&bg, &c, 0.3, spend, 52, TimeUnit::Week, 0.1);
            assert!(close(got, want, 1e-6), "x = {x}: {got} vs {want}");
        }
    }
}
