//! How concentrated revenue is (docs/definitions.md "Concentration"): the top 10% of
//! customers' share and spend ratio, and the Lorenz curve.

use super::totals::{customer_revenue, ratio};
use crate::ingest::CustomerLog;
use serde::{Deserialize, Serialize};

/// The literature's claim: the top 10% of customers spend 3x as much as the rest.
pub const CLAIMED_TOP10_SPEND_RATIO: f64 = 3.0;

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Concentration {
    /// % of revenue from the top ceil(10%) customers.
    pub top10_revenue_share: Option<f64>,
    /// Mean revenue of the top customers / mean revenue of the others.
    pub top10_spend_ratio: Option<f64>,
    /// For j = 0..=100: % of revenue held by the floor(j x n / 100) lowest customers.
    pub lorenz: Option<Vec<f64>>,
}

/// `None` without an amount column.
pub fn concentration(log: &CustomerLog) -> Option<Concentration> {
    if !log.has_amount {
        return None;
    }
    let mut revenue = customer_revenue(log);
    revenue.sort_unstable_by(|a, b| b.total_cmp(a));
    let n = revenue.len();
    let top = n.div_ceil(10);
    let total: f64 = revenue.iter().sum();
    let top_revenue: f64 = revenue[..top].iter().sum();
    let rest_revenue: f64 = revenue[top..].iter().sum();
    let top10_spend_ratio = if n > top && rest_revenue > 0.0 {
        ratio(top_revenue / top as f64, rest_revenue / (n - top) as f64)
    } else {
        None
    };
    let lorenz = (total > 0.0).then(|| {
        revenue.reverse();
        let mut cumulative = Vec::with_capacity(n + 1);
        cumulative.push(0.0);
        let mut sum = 0.0;
        for r in &revenue {
            sum += r;
            cumulative.push(sum);
        }
        (0..=100).map(|j| cumulative[j * n / 100] / total * 100.0).collect()
    });
    Some(Concentration { top10_revenue_share: ratio(top_revenue, total).map(|r| r * 100.0), top10_spend_ratio, lorenz })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::metrics::test_log as log;

    #[test]
    fn ten_customers_by_hand() {
        // Revenue 1..=10 except the top one spends 55 (a refund of 5 on 60): total 100.
        let mut csv = String::from("customer,date,amount\n");
        for i in 1..=9 {
            csv.push_str(&format!("c{i},2024-01-0{i},{i}\n"));
        }
        csv.push_str("top,2024-01-01,60\ntop,2024-01-02,-5\n");
        let c = concentration(&log(&csv)).unwrap();
        // Top 1 of 10: 55 of 100.
        assert_eq!(c.top10_revenue_share, Some(55.0 / 100.0 * 100.0));
        // 55 / (45 / 9) = 11.
        assert_eq!(c.top10_spend_ratio, Some(11.0));
        let lorenz = c.lorenz.unwrap();
        assert_eq!(lorenz.len(), 101);
        // The lowest 5 customers (1..=5): 15%; all but the top: 45%; everyone: 100%.
        assert_eq!((lorenz[0], lorenz[50], lorenz[90], lorenz[100]), (0.0, 15.0, 45.0, 100.0));
        // floor(55 x 10 / 100) = 5 customers at j = 55.
        assert_eq!(lorenz[55], 15.0);
    }

    #[test]
    fn one_customer_has_no_rest() {
        let c = concentration(&log("customer,date,amount\nx,2024-01-01,5\n")).unwrap();
        assert_eq!((c.top10_revenue_share, c.top10_spend_ratio), (Some(100.0), None));
        assert!(concentration(&log("customer,date\nx,2024-01-01\n")).is_none());
    }
}
