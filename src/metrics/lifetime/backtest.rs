//! The models checked against the user's own holdout: with a calibration end c before
//! the log's last purchase date, every model customer's purchase dates after c are
//! counted and set beside what BG/NBD and Pareto/NBD predicted for that time.

use crate::metrics::calibration::Calibration;
use crate::models::data::CountModel;
use serde::{Deserialize, Serialize};

/// Points of the cumulative chart.
pub const CUMULATIVE_POINTS: usize = 20;
/// The last group of the chart by calibration purchases holds x ≥ this.
pub const BY_X_GROUPS: u32 = 7;

/// Cumulative repeat purchases of the model's customers since c.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct CumulativePoint {
    /// Units since c.
    pub t: f64,
    pub actual: f64,
    pub bgnbd: f64,
    pub pnbd: Option<f64>,
}

/// Mean holdout purchases of the customers with x calibration purchases.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct ByPurchases {
    /// x (the last group: x and more).
    pub x: u32,
    pub customers: u64,
    pub actual: f64,
    pub bgnbd: f64,
    pub pnbd: Option<f64>,
}

/// Which model predicted the holdout better, and by how much.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct ModelError {
    /// Mean absolute error per customer of the holdout purchases.
    pub mae: f64,
    /// (predicted − actual) / actual × 100 of the totals; `None` when actual is 0.
    pub total_error_pct: Option<f64>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Backtest {
    /// H_h, in the unit.
    pub length: f64,
    /// `holdout_actual_total`.
    pub actual_total: u64,
    /// `holdout_predicted_total` (BG/NBD).
    pub predicted_total: f64,
    pub pnbd_predicted_total: Option<f64>,
    pub bgnbd_error: ModelError,
    pub pnbd_error: Option<ModelError>,
    pub cumulative: Vec<CumulativePoint>,
    pub by_purchases: Vec<ByPurchases>,
}

fn error(predicted: &[f64], actual: &[u32], total: f64, actual_total: u64) -> ModelError {
    let mae =
        predicted.iter().zip(actual).map(|(p, &a)| (p - a as f64).abs()).sum::<f64>() / actual.len().max(1) as f64;
    let total_error_pct = (actual_total > 0).then(|| (total - actual_total as f64) / actual_total as f64 * 100.0);
    ModelError { mae, total_error_pct }
}

impl Backtest {
    /// `None` without a holdout.
    pub fn of(calibration: &Calibration, bgnbd: &dyn CountModel, pnbd: Option<&dyn CountModel>) -> Option<Backtest> {
        let holdout = calibration.holdout?;
        let length = holdout.length;
        let customers = &calibration.customers;
        // Once per distinct history, then per customer.
        let hs = &calibration.histories;
        let per = |m: &dyn CountModel, h: f64| -> Vec<f64> {
            let by_history = hs.each(|x, t_x, t| m.conditional_expected(h, x, t_x, t));
            hs.of_customer.iter().map(|&k| by_history[k as usize]).collect()
        };
        let actual: Vec<u32> = customers.iter().map(|c| c.holdout).collect();
        let actual_total = calibration.holdout_actual_total().unwrap_or(0);
        let bg = per(bgnbd, length);
        let pn = pnbd.map(|m| per(m, length));
        let predicted_total: f64 = bg.iter().sum();
        let pnbd_predicted_total = pn.as_ref().map(|p| p.iter().sum::<f64>());

        // Cumulative: actual purchase dates by day since c, predictions at each point.
        let days_per_unit = calibration.unit.days();
        let mut cum_days = Vec::with_capacity(calibration.holdout_by_day.len());
        let mut running = 0u64;
        for &n in &calibration.holdout_by_day {
            running += n as u64;
            cum_days.push(running);
        }
        let points = CUMULATIVE_POINTS.min(cum_days.len()).max(1);
        let cumulative = (1..=points)
            .map(|k| {
                let day = (cum_days.len() * k).div_ceil(points);
                let t = day as f64 / days_per_unit;
                let sum = |m: &dyn CountModel| {
                    customers.iter().map(|c| m.conditional_expected(t, c.x as f64, c.t_x, c.t)).sum::<f64>()
                };
                CumulativePoint {
                    t,
                    actual: cum_days.get(day.saturating_sub(1)).copied().unwrap_or(0) as f64,
                    bgnbd: sum(bgnbd),
                    pnbd: pnbd.map(sum),
                }
            })
            .collect();

        let mut groups = vec![(0u64, 0.0, 0.0, 0.0); BY_X_GROUPS as usize + 1];
        for (i, c) in customers.iter().enumerate() {
            let g = &mut groups[c.x.min(BY_X_GROUPS) as usize];
            g.0 += 1;
            g.1 += c.holdout as f64;
            g.2 += bg[i];
            g.3 += pn.as_ref().map_or(0.0, |p| p[i]);
        }
        let by_purchases = groups
            .into_iter()
            .enumerate()
            .filter(|(_, g)| g.0 > 0)
            .map(|(x, (n, a, b, p))| {
                let k = 1.0 / n as f64;
                ByPurchases { x: x as u32, customers: n, actual: a * k, bgnbd: b * k, pnbd: pnbd.map(|_| p * k) }
            })
            .collect();
        Some(Backtest {
            length,
            actual_total,
            predicted_total,
            pnbd_predicted_total,
            bgnbd_error: error(&bg, &actual, predicted_total, actual_total),
            pnbd_error: pn.as_ref().map(|p| error(p, &actual, pnbd_predicted_total.unwrap_or(0.0), actual_total)),
            cumulative,
            by_purchases,
        })
    }

    /// Whether Pareto/NBD predicted the holdout better than BG/NBD (smaller mean
    /// absolute error per customer); `None` without a Pareto/NBD fit.
    pub fn pnbd_better(&self) -> Option<bool> {
        self.pnbd_error.map(|p| p.mae < self.bgnbd_error.mae)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::calendar::{Date, TimeUnit};
    use crate::metrics::test_log;

    /// A model that expects `rate` purchases per unit from every customer, alive or not.
    struct Poisson(f64);
    impl CountModel for Poisson {
        fn p_alive(&self, _: f64, _: f64, _: f64) -> f64 {
            1.0
        }
        fn conditional_expected(&self, h: f64, _: f64, _: f64, _: f64) -> f64 {
            self.0 * h
        }
        fn expected(&self, t: f64) -> f64 {
            self.0 * t
        }
    }

    #[test]
    fn holdout_totals_errors_and_groups_by_hand() {
        // c = 2024-01-07; holdout 01-08..01-14 (7 days = 1 week).
        // a: x = 1 in calibration, 2 holdout dates; b: x = 0, 0 holdout; c: x = 0, 1 holdout on the last day.
        let log = test_log(
            "customer,date,amount\na,2024-01-01,5\na,2024-01-03,5\na,2024-01-09,5\na,2024-01-10,5\n\
             b,2024-01-02,5\nc,2024-01-05,5\nc,2024-01-14,5\n",
        );
        let cal = Calibration::of_log(&log, Date::from_ymd(2024, 1, 7), TimeUnit::Week);
        let b = Backtest::of(&cal, &Poisson(0.5), Some(&Poisson(2.0))).unwrap();
        assert_eq!((b.length, b.actual_total), (1.0, 3));
        // Three customers at 0.5 per week over one week.
        assert_eq!(b.predicted_total, 1.5);
        assert_eq!(b.pnbd_predicted_total, Some(6.0));
        // |0.5 − 2| + |0.5 − 0| + |0.5 − 1| = 2.5, over 3 customers.
        assert_eq!(b.bgnbd_error.mae, 2.5 / 3.0);
        assert_eq!(b.bgnbd_error.total_error_pct, Some(-50.0));
        // |2 − 2| + |2 − 0| + |2 − 1| = 3.
        assert_eq!(b.pnbd_error.unwrap().mae, 1.0);
        assert_eq!(b.pnbd_better(), Some(false));
        // Seven days, seven points: the actual count climbs 0,1,2 (01-09, 01-10) ... 3 on 01-14.
        let actual: Vec<f64> = b.cumulative.iter().map(|p| p.actual).collect();
        assert_eq!(actual, vec![0.0, 1.0, 2.0, 2.0, 2.0, 2.0, 3.0]);
        assert_eq!(b.cumulative[6].t, 1.0);
        assert_eq!(b.cumulative[6].bgnbd, 1.5);
        // By x: x = 0 has b and c (mean 0.5 actual), x = 1 has a (2).
        let groups: Vec<(u32, u64, f64)> = b.by_purchases.iter().map(|g| (g.x, g.customers, g.actual)).collect();
        assert_eq!(groups, vec![(0, 2, 0.5), (1, 1, 2.0)]);
        // Without a holdout there is no backtest.
        assert!(Backtest::of(&Calibration::of_log(&log, None, TimeUnit::Week), &Poisson(1.0), None).is_none());
    }
}
