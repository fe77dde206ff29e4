//! Acquisition cohorts (METRICS.md "Cohorts", docs/definitions.md): per cohort (the
//! period of a customer's first purchase) and offset k, how many of its customers
//! bought in period cohort + k, and the revenue they brought.

use super::timeline::Timeline;
use crate::calendar::Period;
use crate::ingest::{CohortRow, CustomerLog};
use serde::{Deserialize, Serialize};

/// One cohort: offsets 0, 1, ... up to the last period of the log.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Cohort {
    pub period: Period,
    pub size: u64,
    /// Per offset: customers with a purchase in period cohort + k.
    pub active: Vec<u64>,
    /// Per offset: all their amounts (refunds included) dated in period cohort + k.
    pub revenue: Vec<f64>,
}

impl Cohort {
    /// % of the cohort that bought at offset k (k = 0 is 100).
    pub fn retention(&self, k: usize) -> Option<f64> {
        (self.size > 0).then(|| self.active.get(k).map(|&a| a as f64 / self.size as f64 * 100.0)).flatten()
    }

    /// Revenue at offset k as % of the revenue at offset 0.
    pub fn revenue_pct(&self, k: usize) -> Option<f64> {
        let base = *self.revenue.first()?;
        (base != 0.0).then(|| self.revenue.get(k).map(|r| r / base * 100.0)).flatten()
    }
}

/// The cohorts that tables and charts show: those with customers. (Every period
/// stays in the list, so that the offsets of all cohorts line up.)
pub fn with_customers(cohorts: &[Cohort]) -> impl Iterator<Item = &Cohort> {
    cohorts.iter().filter(|c| c.size > 0)
}

/// The cohorts of `log` on `timeline`, oldest first, every period of the timeline
/// included (an empty one with size 0).
pub fn cohorts(log: &CustomerLog, timeline: &Timeline) -> Vec<Cohort> {
    let n = timeline.len();
    let mut out: Vec<Cohort> = timeline
        .periods()
        .iter()
        .enumerate()
        .map(|(i, &period)| Cohort { period, size: 0, active: vec![0; n - i], revenue: vec![0.0; n - i] })
        .collect();
    let mut refunds = log.refunds.iter().peekable();
    for c in 0..log.customers() {
        let days = log.activity_of(c);
        // Refunds are sorted by customer: take this customer's.
        let mut own_refunds = Vec::new();
        while let Some(r) = refunds.next_if(|r| r.customer as usize <= c) {
            if r.customer as usize == c {
                own_refunds.push(r);
            }
        }
        let Some(cohort) = days.days.first().and_then(|&d| timeline.index_of(d)) else { continue };
        let row = &mut out[cohort];
        row.size += 1;
        let mut last_offset = usize::MAX;
        for a in days.iter() {
            let Some(k) = timeline.index_of(a.day).map(|p| p - cohort) else { continue };
            if k != last_offset {
                row.active[k] += 1;
                last_offset = k;
            }
            row.revenue[k] += a.amount;
        }
        for r in own_refunds {
            if let Some(k) = timeline.index_of(r.day).and_then(|p| p.checked_sub(cohort)) {
                row.revenue[k] += r.amount;
            }
        }
    }
    out
}

/// The cohorts of a cohort table that was read (the warehouse SQL's `cohorts`, the
/// page's cohorts CSV), oldest first: per cohort, its offsets up to the largest one
/// given (an offset the file leaves out counts as 0 customers and no revenue).
pub fn from_rows(rows: &[CohortRow]) -> Vec<Cohort> {
    let mut by_period: std::collections::BTreeMap<Period, Cohort> = std::collections::BTreeMap::new();
    for r in rows {
        let c = by_period.entry(r.cohort).or_insert_with(|| Cohort {
            period: r.cohort,
            size: r.size,
            active: Vec::new(),
            revenue: Vec::new(),
        });
        let k = r.offset as usize;
        if c.active.len() <= k {
            c.active.resize(k + 1, 0);
            c.revenue.resize(k + 1, 0.0);
        }
        c.active[k] = r.active;
        c.revenue[k] = r.revenue.unwrap_or(0.0);
    }
    by_period.into_values().collect()
}

/// The size-weighted average retention curve: for offset k, the customers active at
/// k over the size of the cohorts that reach offset k, x 100.
pub fn average_retention(cohorts: &[Cohort]) -> Vec<Option<f64>> {
    let offsets = cohorts.iter().map(|c| c.active.len()).max().unwrap_or(0);
    (0..offsets)
        .map(|k| {
            let (active, size) = cohorts
                .iter()
                .filter(|c| k < c.active.len())
                .fold((0u64, 0u64), |(a, s), c| (a + c.active[k], s + c.size));
            (size > 0).then(|| active as f64 / size as f64 * 100.0)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::calendar::Granularity;
    use crate::metrics::test_log as log;

    /// January cohort: a (buys Jan twice on one day, Mar; refund in Mar), b (Jan only).
    /// February cohort: c (Feb, Mar). March: nobody new. Months Jan..Mar.
    const BY_HAND: &str = "customer,date,amount\n\
                           a,2024-01-05,10\na,2024-01-05,5\nb,2024-01-20,20\nc,2024-02-02,7\n\
                           a,2024-03-01,30\nc,2024-03-09,3\na,2024-03-15,-4\n";

    #[test]
    fn cohorts_worked_out_by_hand() {
        let l = log(BY_HAND);
        let (first, last) = l.span().unwrap();
        let t = Timeline::new(Granularity::Month, first, last);
        let c = cohorts(&l, &t);
        assert_eq!(c.len(), 3);
        assert_eq!((c[0].period.to_string(), c[0].size), ("2024-01".to_string(), 2));
        assert_eq!(c[0].active, [2, 0, 1]);
        assert_eq!(c[0].revenue, [35.0, 0.0, 26.0]);
        assert_eq!(c[0].retention(2), Some(50.0));
        assert_eq!(c[0].revenue_pct(2), Some(26.0 / 35.0 * 100.0));
        assert_eq!((c[1].size, c[1].active.clone(), c[1].revenue.clone()), (1, vec![1, 1], vec![7.0, 3.0]));
        assert_eq!((c[2].size, c[2].retention(0)), (0, None));
        // Offset 0: 3 of 3; offset 1: (0 + 1) of (2 + 1); offset 2: 1 of 2.
        assert_eq!(average_retention(&c), [Some(100.0), Some(1.0 / 3.0 * 100.0), Some(50.0)]);
    }

    #[test]
    fn a_cohort_table_read_from_a_file_is_the_log_s() {
        // The log of `cohorts_worked_out_by_hand`, as the warehouse SQL writes its cohorts.
        let l = log(BY_HAND);
        let (first, last) = l.span().unwrap();
        let from_log = cohorts(&l, &Timeline::new(Granularity::Month, first, last));
        let text = "cohort,offset,cohort_size,cohort_active,cohort_retention,cohort_revenue,cohort_revenue_pct\n\
                    2024-02,1,1,1,100,3,42.857142857142854\n\
                    2024-01,0,2,2,100,35,100\n2024-01,1,2,0,0,0,0\n2024-01,2,2,1,50,26,74.28571428571429\n\
                    2024-02,0,1,1,100,7,100\n";
        let f = crate::ingest::read_file("cohorts.csv", text.as_bytes()).unwrap();
        let crate::ingest::Dataset::Cohorts(rows) = &f.dataset else { panic!("{:?}", f.dataset.kind()) };
        let read = from_rows(rows);
        // The log's empty March cohort is not in the file: the tables show cohorts with customers.
        assert_eq!(read, with_customers(&from_log).cloned().collect::<Vec<_>>());
        assert_eq!(average_retention(&read), average_retention(&from_log));
    }

    #[test]
    fn a_refund_before_the_first_purchase_is_in_no_cell() {
        let l = log("customer,date,amount\nx,2024-01-05,-3\nx,2024-02-05,10\n");
        let (first, last) = l.span().unwrap();
        let c = cohorts(&l, &Timeline::new(Granularity::Month, first, last));
        assert_eq!((c.len(), c[0].size, c[0].revenue.clone()), (1, 1, vec![10.0]));
    }
}
