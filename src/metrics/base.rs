//! The customer base over time (METRICS.md): who is in the base at each period
//! boundary, and per period S, E, churned, joined (new + reactivated), acquired, CRR
//! and churn.
//!
//! A customer is in the base at boundary b when they bought on a day d with
//! b - W <= d < b, so each purchase day d puts them in the base at the boundaries in
//! (d, d + W]. Per customer these are a few runs of consecutive boundary indices; the
//! counts per period follow from where the runs start and end, in one pass over the
//! purchase days (O(days x log periods)), without a customer x period table.

use super::timeline::Timeline;
use crate::calendar::Period;
use crate::retention::{churn_from_crr, crr};
use serde::{Deserialize, Serialize};

/// One period of the customer base.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct BasePeriod {
    pub period: Period,
    /// S: in the base at the period's first day.
    pub base_start: u64,
    /// E: in the base at the day after the period.
    pub base_end: u64,
    /// In the base at start, not at end.
    pub churned: u64,
    /// N: in the base at end, not at start.
    pub joined: u64,
    /// Of `joined`, those whose first purchase is on or after the period's start.
    pub new_customers: u64,
    /// `joined - new_customers`.
    pub reactivated: u64,
    /// First purchase in this period.
    pub acquired: u64,
    /// (E - N) / S x 100; `None` when S = 0.
    pub crr: Option<f64>,
    /// 100 - crr; `None` when S = 0.
    pub churn_rate: Option<f64>,
}

impl BasePeriod {
    /// In the base at start and still at end: S - churned (= E - N).
    pub fn retained(&self) -> u64 {
        self.base_start - self.churned
    }
}

/// Counts per period, filled one customer at a time.
#[derive(Clone, Debug)]
pub struct BaseCounts {
    /// `in_base[i]`: customers in the base at boundary i, as a difference array.
    in_base: Vec<i64>,
    churned: Vec<u64>,
    joined: Vec<u64>,
    new_customers: Vec<u64>,
    acquired: Vec<u64>,
}

impl BaseCounts {
    pub fn new(timeline: &Timeline) -> BaseCounts {
        let n = timeline.len();
        BaseCounts {
            in_base: vec![0; n + 2],
            churned: vec![0; n],
            joined: vec![0; n],
            new_customers: vec![0; n],
            acquired: vec![0; n],
        }
    }

    /// Adds one customer from their purchase days (in order; none for a customer
    /// with refunds only). `window` is W in days.
    pub fn add(&mut self, timeline: &Timeline, days: &[i32], window: u32) {
        let Some(&first) = days.first() else { return };
        if let Some(p) = timeline.index_of(first) {
            self.acquired[p] += 1;
        }
        let bounds = timeline.bounds();
        let periods = timeline.len();
        // Runs [lo, hi) of boundary indices, merged as the days come in order.
        let mut run: Option<(usize, usize)> = None;
        for &day in days {
            let lo = timeline.bounds_up_to(day);
            let hi = timeline.bounds_up_to(day.saturating_add_unsigned(window).min(i32::MAX - 1));
            if lo >= hi {
                continue;
            }
            run = match run {
                Some((l, h)) if lo <= h => Some((l, h.max(hi))),
                Some(done) => {
                    self.close(done, first, bounds, periods);
                    Some((lo, hi))
                }
                None => Some((lo, hi)),
            };
        }
        if let Some(done) = run {
            self.close(done, first, bounds, periods);
        }
    }

    /// Records a run of boundaries [lo, hi) at which the customer is in the base.
    fn close(&mut self, (lo, hi): (usize, usize), first: i32, bounds: &[i32], periods: usize) {
        self.in_base[lo] += 1;
        self.in_base[hi] -= 1;
        // Not in the base at boundary lo - 1, in it at lo: joined in period lo - 1
        // (lo >= 1 always: boundary 0 is on or before the first purchase).
        if let Some(p) = lo.checked_sub(1).filter(|&p| p < periods) {
            self.joined[p] += 1;
            if first >= bounds[p] {
                self.new_customers[p] += 1;
            }
        }
        // In the base at boundary hi - 1, not at hi: churned in period hi - 1.
        if hi <= periods {
            self.churned[hi - 1] += 1;
        }
    }

    /// The figures per period.
    pub fn periods(&self, timeline: &Timeline) -> Vec<BasePeriod> {
        let mut in_base = 0i64;
        let at: Vec<u64> = self
            .in_base
            .iter()
            .map(|d| {
                in_base += d;
                in_base as u64
            })
            .collect();
        timeline
            .periods()
            .iter()
            .enumerate()
            .map(|(i, &period)| {
                let (s, e, n) = (at[i], at[i + 1], self.joined[i]);
                let rate = crr(s, e, n);
                BasePeriod {
                    period,
                    base_start: s,
                    base_end: e,
                    churned: self.churned[i],
                    joined: n,
                    new_customers: self.new_customers[i],
                    reactivated: n - self.new_customers[i],
                    acquired: self.acquired[i],
                    crr: rate,
                    churn_rate: rate.map(churn_from_crr),
                }
            })
            .collect()
    }

    /// The share of the base at period starts still in it at period ends, pooled over
    /// all periods: sum (S - churned) / sum S x 100 (docs/definitions.md).
    pub fn pooled_crr(&self) -> Option<f64> {
        let mut in_base = 0i64;
        let (mut start, mut kept) = (0u64, 0u64);
        for (i, churned) in self.churned.iter().enumerate() {
            in_base += self.in_base[i];
            start += in_base as u64;
            kept += in_base as u64 - churned;
        }
        (start > 0).then(|| kept as f64 / start as f64 * 100.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::calendar::{Date, Granularity};

    fn day(y: i32, m: u32, d: u32) -> i32 {
        Date::from_ymd(y, m, d).unwrap().0
    }

    fn s(label: &str) -> String {
        label.to_string()
    }

    /// Figures per period as (label, S, E, churned, joined, new, reactivated, acquired).
    fn table(customers: &[Vec<i32>], g: Granularity, w: u32) -> Vec<(String, [u64; 7])> {
        let first = customers.iter().flatten().min().copied().unwrap();
        let last = customers.iter().flatten().max().copied().unwrap();
        let t = Timeline::new(g, first, last);
        let mut counts = BaseCounts::new(&t);
        for c in customers {
            counts.add(&t, c, w);
        }
        counts
            .periods(&t)
            .into_iter()
            .map(|p| {
                (
                    p.period.to_string(),
                    [p.base_start, p.base_end, p.churned, p.joined, p.new_customers, p.reactivated, p.acquired],
                )
            })
            .collect()
    }

    #[test]
    fn a_customer_who_lapses_and_returns() {
        // W = 31, months. a buys 2024-01-10 and 2024-04-05; b buys 2024-02-20.
        // Boundaries: 02-01 (a: 01-10 in [01-01, 02-01) yes), 03-01 (a: needs a day in
        // [01-30, 03-01): no; b: 02-20 yes), 04-01 (b: needs [03-01, 04-01): no),
        // 05-01 (a: 04-05 in [03-31, 05-01) yes).
        let rows = table(&[vec![day(2024, 1, 10), day(2024, 4, 5)], vec![day(2024, 2, 20)]], Granularity::Month, 31);
        assert_eq!(
            rows,
            [
                // Jan: S 0, E 1 (a), a joined and is new; a acquired.
                (s("2024-01"), [0, 1, 0, 1, 1, 0, 1]),
                // Feb: a churned, b joined (new, acquired).
                (s("2024-02"), [1, 1, 1, 1, 1, 0, 1]),
                // Mar: b churned, nobody joined.
                (s("2024-03"), [1, 0, 1, 0, 0, 0, 0]),
                // Apr: a is back: joined, reactivated (first purchase before April).
                (s("2024-04"), [0, 1, 0, 1, 0, 1, 0]),
            ]
        );
    }

    #[test]
    fn crr_follows_the_marketers_formula() {
        // Quarters, W = 365: three customers in Q1 2024, two buy again in Q2, one new in Q3.
        let rows = {
            let customers = [
                vec![day(2024, 1, 5), day(2024, 5, 1)],
                vec![day(2024, 2, 5), day(2024, 6, 1)],
                vec![day(2024, 3, 5)],
                vec![day(2024, 8, 1)],
            ];
            let t = Timeline::new(Granularity::Quarter, day(2024, 1, 5), day(2024, 8, 1));
            let mut counts = BaseCounts::new(&t);
            for c in &customers {
                counts.add(&t, c, 365);
            }
            counts.periods(&t)
        };
        // Q2: everyone bought within a year of 2024-04-01 and of 2024-07-01: S = E = 3, N = 0.
        assert_eq!((rows[1].base_start, rows[1].base_end, rows[1].joined), (3, 3, 0));
        assert_eq!(rows[1].crr, Some(100.0));
        // Q3: S 3, E 4, N 1 -> CRR (4 - 1) / 3 = 100%.
        assert_eq!((rows[2].base_start, rows[2].base_end, rows[2].joined), (3, 4, 1));
        assert_eq!(rows[2].crr, Some(100.0));
        // Q1: S = 0, so no rate.
        assert_eq!((rows[0].crr, rows[0].churn_rate), (None, None));
    }

    #[test]
    fn a_window_shorter_than_the_period_and_an_empty_period() {
        // Months, W = 7. a buys 2024-01-28 (in the base at 02-01), then 2024-03-30 (at
        // 04-01). Nobody buys in February. b buys 2024-01-10 only: never at a boundary.
        let rows = table(&[vec![day(2024, 1, 28), day(2024, 3, 30)], vec![day(2024, 1, 10)]], Granularity::Month, 7);
        assert_eq!(
            rows,
            [
                (s("2024-01"), [0, 1, 0, 1, 1, 0, 2]),
                (s("2024-02"), [1, 0, 1, 0, 0, 0, 0]),
                // a joins again in March: reactivated.
                (s("2024-03"), [0, 1, 0, 1, 0, 1, 0]),
            ]
        );
    }

    #[test]
    fn buying_on_the_last_day_of_the_window() {
        // W = 1: a purchase on 01-31 counts at 02-01 (d >= b - W), not at 03-01.
        let rows = table(&[vec![day(2024, 1, 31), day(2024, 2, 29)]], Granularity::Month, 1);
        assert_eq!(rows[0].1, [0, 1, 0, 1, 1, 0, 1]);
        // Churned at 03-01? No: 02-29 counts at 03-01. So the customer stays.
        assert_eq!(rows[1].1, [1, 1, 0, 0, 0, 0, 0]);
    }

    #[test]
    fn pooled_crr_is_kept_over_start() {
        // The lapse-and-return case: S = 0, 1, 1, 0 and churned 0, 1, 1, 0 -> 0 of 2 kept.
        let t = Timeline::new(Granularity::Month, day(2024, 1, 10), day(2024, 4, 5));
        let mut counts = BaseCounts::new(&t);
        counts.add(&t, &[day(2024, 1, 10), day(2024, 4, 5)], 31);
        counts.add(&t, &[day(2024, 2, 20)], 31);
        assert_eq!(counts.pooled_crr(), Some(0.0));
        // With W = 365 nobody churns before the end: S = 0, 1, 2, 2 all kept.
        let mut counts = BaseCounts::new(&t);
        counts.add(&t, &[day(2024, 1, 10), day(2024, 4, 5)], 365);
        counts.add(&t, &[day(2024, 2, 20)], 365);
        assert_eq!(counts.pooled_crr(), Some(100.0));
    }
}
