//! The per-customer inputs of the lifetime-value models (METRICS.md, "Calibration and
//! holdout"): x, t_x, T and the monetary value over the purchase dates on or before
//! the calibration end c, counted in the chosen time unit, and each customer's
//! purchase dates in the holdout (c + 1 day to the log's last purchase date).
//!
//! Several orders on one day are one purchase occasion: the log already keeps one
//! entry per customer and day (`ingest::transactions`), so x counts distinct dates.

use crate::calendar::{Date, TimeUnit};
use crate::ingest::other_kinds::SummaryRow;
use crate::ingest::CustomerLog;
use crate::models::data::Customer;
use serde::{Deserialize, Serialize};

/// One customer of the models.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Calibrated {
    /// The customer's index in the log (or row in the summary file).
    pub index: u32,
    /// Repeat purchase dates on or before c.
    pub x: u32,
    /// (last − first purchase date on or before c), in the unit.
    pub t_x: f64,
    /// (c − first purchase date), in the unit.
    pub t: f64,
    /// Mean of the repeat dates' summed purchase amounts; `None` without repeat dates
    /// or without amounts.
    pub monetary: Option<f64>,
    /// Distinct purchase dates in the holdout.
    pub holdout: u32,
}

impl Calibrated {
    pub fn customer(&self) -> Customer {
        Customer { x: self.x as f64, t_x: self.t_x, t: self.t, weight: 1.0 }
    }
}

/// Where the holdout is, when there is one.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct Holdout {
    /// The day after c.
    pub first: Date,
    /// The log's last purchase date.
    pub last: Date,
    /// H_h: (last − c) in the unit.
    pub length: f64,
}

/// The distinct histories (x, t_x, T) of the model's customers: every prediction of a
/// count model depends on these alone, so it is computed once per history (a million
/// customers of a log in days have a few hundred thousand).
#[derive(Clone, Debug, PartialEq, Default)]
pub struct Histories {
    /// (x, t_x, T) of each distinct history, in order of first appearance.
    pub rows: Vec<(f64, f64, f64)>,
    /// How many customers have it.
    pub weight: Vec<f64>,
    /// Per customer (as `Calibration::customers`), the index of their history.
    pub of_customer: Vec<u32>,
}

impl Histories {
    fn of(customers: &[Calibrated]) -> Histories {
        let mut index: rustc_hash::FxHashMap<(u32, u64, u64), u32> = rustc_hash::FxHashMap::default();
        let mut h = Histories::default();
        for c in customers {
            let next = h.rows.len() as u32;
            let k = *index.entry((c.x, c.t_x.to_bits(), c.t.to_bits())).or_insert(next);
            if k == next {
                h.rows.push((c.x as f64, c.t_x, c.t));
                h.weight.push(0.0);
            }
            h.weight[k as usize] += 1.0;
            h.of_customer.push(k);
        }
        h
    }

    /// Σ over customers of f(history), evaluated once per history.
    pub fn total(&self, f: impl Fn(f64, f64, f64) -> f64) -> f64 {
        self.rows.iter().zip(&self.weight).map(|(&(x, t_x, t), w)| w * f(x, t_x, t)).sum()
    }

    /// f(history) for every history.
    pub fn each(&self, f: impl Fn(f64, f64, f64) -> f64) -> Vec<f64> {
        self.rows.iter().map(|&(x, t_x, t)| f(x, t_x, t)).collect()
    }
}

/// The model's customers for one calibration end and time unit.
#[derive(Clone, Debug, PartialEq)]
pub struct Calibration {
    pub unit: TimeUnit,
    /// c; `None` for a customer summary file (its own calibration, already applied).
    pub end: Option<Date>,
    pub holdout: Option<Holdout>,
    pub customers: Vec<Calibrated>,
    /// Their distinct histories.
    pub histories: Histories,
    /// Holdout purchase dates of the model's customers by day: `[k]` on day c + 1 + k.
    pub holdout_by_day: Vec<u32>,
}

impl Calibration {
    /// From a transaction log, with calibration end `end` (default: the log's last
    /// purchase date, so no holdout). A calibration end after the log's last date is
    /// the last date (there is nothing after it to hold out).
    pub fn of_log(log: &CustomerLog, end: Option<Date>, unit: TimeUnit) -> Calibration {
        let Some((_, last)) = log.span() else {
            return Calibration {
                unit,
                end,
                holdout: None,
                customers: Vec::new(),
                histories: Histories::default(),
                holdout_by_day: Vec::new(),
            };
        };
        let c = end.map_or(last, |d| d.0.min(last));
        let days = unit.days();
        let holdout =
            (c < last).then(|| Holdout { first: Date(c + 1), last: Date(last), length: (last - c) as f64 / days });
        let mut holdout_by_day = vec![0u32; (last - c).max(0) as usize];
        let mut customers = Vec::new();
        for i in 0..log.customers() {
            let activity = log.activity_of(i);
            let Some(first) = activity.first().filter(|a| a.day <= c) else { continue };
            let in_calibration = activity.days.partition_point(|&d| d <= c);
            let (calibration, after) = activity.split_at(in_calibration);
            let repeat = calibration.split_at(1).1;
            let monetary = (log.has_amount && !repeat.is_empty())
                .then(|| repeat.amounts.iter().sum::<f64>() / repeat.len() as f64);
            for &d in after.days {
                holdout_by_day[(d - c - 1) as usize] += 1;
            }
            customers.push(Calibrated {
                index: i as u32,
                x: repeat.len() as u32,
                t_x: (calibration.days[calibration.len() - 1] - first.day) as f64 / days,
                t: (c - first.day) as f64 / days,
                monetary,
                holdout: after.len() as u32,
            });
        }
        let histories = Histories::of(&customers);
        Calibration { unit, end: Some(Date(c)), holdout, customers, histories, holdout_by_day }
    }

    /// From a customer summary file (in whatever unit it was written; `unit` says which).
    pub fn of_summary(rows: &[SummaryRow], unit: TimeUnit) -> Calibration {
        let customers = rows
            .iter()
            .enumerate()
            .map(|(i, r)| Calibrated {
                index: i as u32,
                x: r.frequency as u32,
                t_x: r.recency,
                t: r.age,
                monetary: r.monetary_value.filter(|_| r.frequency >= 1.0),
                holdout: 0,
            })
            .collect::<Vec<_>>();
        let histories = Histories::of(&customers);
        Calibration { unit, end: None, holdout: None, customers, histories, holdout_by_day: Vec::new() }
    }

    /// `holdout_actual_total`: the model's customers' purchase dates in the holdout.
    pub fn holdout_actual_total(&self) -> Option<u64> {
        self.holdout.map(|_| self.customers.iter().map(|c| c.holdout as u64).sum())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::metrics::test_log;

    // Worked by hand. Calibration end 2024-01-31, unit week.
    //   a: 01-03 (10 + 5 on one day), 01-10 (20), 01-31 (30), holdout 02-07 (7), 02-07 again, 02-14 (-4 refund only)
    //   b: 01-20 (8), refund 01-25
    //   c: first purchase 02-01, after c: not a model customer
    const LOG: &str = "customer,date,amount\n\
        a,2024-01-03,10\na,2024-01-03,5\na,2024-01-10,20\na,2024-01-31,30\na,2024-02-07,7\na,2024-02-07,1\n\
        a,2024-02-14,-4\nb,2024-01-20,8\nb,2024-01-25,-3\nc,2024-02-01,50\nc,2024-02-10,5\n";

    #[test]
    fn x_t_x_t_and_the_monetary_value_by_hand() {
        let log = test_log(LOG);
        let cal = Calibration::of_log(&log, Date::from_ymd(2024, 1, 31), TimeUnit::Week);
        assert_eq!(cal.customers.len(), 2, "c's first purchase is after the calibration end");
        let a = cal.customers[0];
        assert_eq!((a.x, a.holdout), (2, 1));
        assert_eq!(a.t_x, 28.0 / 7.0);
        assert_eq!(a.t, 28.0 / 7.0);
        // The repeat dates 01-10 (20) and 01-31 (30); the first date's 15 does not count.
        assert_eq!(a.monetary, Some(25.0));
        let b = cal.customers[1];
        assert_eq!((b.x, b.t_x, b.t, b.monetary, b.holdout), (0, 0.0, 11.0 / 7.0, None, 0));
        // The log's last purchase is c's 02-10: ten days of holdout.
        let h = cal.holdout.unwrap();
        assert_eq!(
            (h.first, h.last, h.length),
            (Date::from_ymd(2024, 2, 1).unwrap(), Date::from_ymd(2024, 2, 10).unwrap(), 10.0 / 7.0)
        );
        assert_eq!(cal.holdout_actual_total(), Some(1));
        assert_eq!(cal.holdout_by_day.len(), 10);
        assert_eq!(cal.holdout_by_day[6], 1, "a's 02-07 is the seventh day after c");
    }

    #[test]
    fn the_unit_scales_time_and_the_default_end_is_the_last_purchase() {
        let log = test_log(LOG);
        let day = Calibration::of_log(&log, Date::from_ymd(2024, 1, 31), TimeUnit::Day);
        assert_eq!((day.customers[0].t_x, day.customers[0].t), (28.0, 28.0));
        let month = Calibration::of_log(&log, Date::from_ymd(2024, 1, 31), TimeUnit::Month);
        assert_eq!(month.customers[0].t_x, 28.0 / 30.4375);
        let all = Calibration::of_log(&log, None, TimeUnit::Week);
        assert_eq!((all.end, all.holdout, all.customers.len()), (Date::from_ymd(2024, 2, 10), None, 3));
        // a: 01-03, 01-10, 01-31, 02-07 (the refund-only 02-14 is no purchase date).
        assert_eq!(all.customers[0].x, 3);
        assert_eq!(all.holdout_actual_total(), None);
        // An end after the data is the last date.
        let late = Calibration::of_log(&log, Date::from_ymd(2030, 1, 1), TimeUnit::Week);
        assert_eq!(late.end, all.end);
    }

    #[test]
    fn a_log_without_amounts_has_no_monetary_values() {
        let log = test_log("customer,date\na,2024-01-01\na,2024-01-05\n");
        let cal = Calibration::of_log(&log, None, TimeUnit::Day);
        assert_eq!((cal.customers[0].x, cal.customers[0].monetary), (1, None));
    }
}
