//! The inputs of the simple CLV (METRICS.md: margin per customer per year ×
//! (1 + d) / (1 + d − r)) as a log measures them (docs/definitions.md):
//!
//! - a comparison window L = min(365, ⌊span / 2⌋) days, where span = last − first
//!   purchase date + 1; no measurement below 28 days;
//! - r_L = of the customers with a purchase in the L days before the last L days, the
//!   share with a purchase in the last L days; yearly r = r_L^(365 / L);
//! - revenue per customer per year = revenue (refunds included) of the last L days /
//!   customers with a purchase in them × 365 / L. The page multiplies it by the margin.

use crate::ingest::CustomerLog;
use serde::{Deserialize, Serialize};

/// The shortest comparison window that measures anything.
pub const MIN_WINDOW_DAYS: i32 = 28;

#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct SimpleInputs {
    /// L, days.
    pub window_days: i32,
    /// Customers with a purchase in the earlier window, and those of them also in the last.
    pub earlier_customers: u64,
    pub retained: u64,
    /// Yearly retention rate r, 0..=1.
    pub yearly_retention: f64,
    /// Revenue per active customer per year.
    pub revenue_per_year: f64,
    /// Customers with a purchase in the last window (the active customers), and their
    /// purchase rows there (for the budget planner's order rate and order value).
    #[serde(default)]
    pub active_customers: u64,
    #[serde(default)]
    pub orders: u64,
}

impl SimpleInputs {
    /// `None` for a log shorter than 2 × [`MIN_WINDOW_DAYS`] days or without amounts.
    pub fn of(log: &CustomerLog) -> Option<SimpleInputs> {
        let (first, last) = log.span()?;
        let span = last - first + 1;
        let window = (span / 2).min(365);
        if window < MIN_WINDOW_DAYS || !log.has_amount {
            return None;
        }
        // The last window is (last − L, last], the earlier one (last − 2L, last − L].
        let recent_from = last - window + 1;
        let earlier_from = recent_from - window;
        let (mut earlier, mut retained, mut recent, mut revenue, mut orders) = (0u64, 0u64, 0u64, 0.0, 0u64);
        for c in 0..log.customers() {
            let days = log.activity_of(c);
            let in_earlier = days.iter().any(|a| (earlier_from..recent_from).contains(&a.day));
            let recent_days = days.iter().filter(|a| a.day >= recent_from);
            let mut is_recent = false;
            for a in recent_days {
                is_recent = true;
                revenue += a.amount;
                orders += u64::from(a.purchases);
            }
            earlier += in_earlier as u64;
            retained += (in_earlier && is_recent) as u64;
            recent += is_recent as u64;
        }
        revenue += log.refunds.iter().filter(|r| r.day >= recent_from).map(|r| r.amount).sum::<f64>();
        if earlier == 0 || recent == 0 {
            return None;
        }
        let per_year = 365.0 / window as f64;
        Some(SimpleInputs {
            window_days: window,
            earlier_customers: earlier,
            retained,
            yearly_retention: (retained as f64 / earlier as f64).powf(per_year),
            revenue_per_year: revenue / recent as f64 * per_year,
            active_customers: recent,
            orders,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::metrics::test_log;

    #[test]
    fn two_windows_of_a_short_log_by_hand() {
        // 2024-01-01 .. 2024-04-09: span 100 days, L = 50. Earlier window 01-01..02-19,
        // last window 02-20..04-09.
        // a: earlier and last (30 + 10, refund −5 in the last); b: earlier only; c: last only (20).
        let log = test_log(
            "customer,date,amount\na,2024-01-01,10\na,2024-03-01,30\na,2024-04-09,10\na,2024-03-02,-5\n\
             b,2024-02-19,50\nc,2024-02-20,20\n",
        );
        let s = SimpleInputs::of(&log).unwrap();
        assert_eq!(s.window_days, 50);
        assert_eq!((s.earlier_customers, s.retained), (2, 1));
        assert_eq!(s.yearly_retention, 0.5f64.powf(365.0 / 50.0));
        // (30 + 10 − 5 + 20) / 2 customers × 365 / 50.
        assert_eq!(s.revenue_per_year, 55.0 / 2.0 * 365.0 / 50.0);
        // a and c bought in the last window: a twice (03-01, 04-09), c once.
        assert_eq!((s.active_customers, s.orders), (2, 3));
    }

    #[test]
    fn too_short_or_without_amounts() {
        assert_eq!(SimpleInputs::of(&test_log("customer,date,amount\na,2024-01-01,1\na,2024-02-20,1\n")), None);
        assert_eq!(SimpleInputs::of(&test_log("customer,date\na,2024-01-01\na,2024-12-20\n")), None);
    }
}
