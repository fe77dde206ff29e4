//! Totals of a transaction log (METRICS.md, "Totals").

use crate::ingest::CustomerLog;
use serde::{Deserialize, Serialize};

/// The totals of one log. Revenue figures are `None` without an amount column,
/// and every ratio is `None` where its denominator is 0.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Totals {
    /// Distinct customer ids.
    pub customers_total: u64,
    /// Purchase rows (amount >= 0).
    pub transactions_total: u64,
    /// All amounts, refunds included.
    pub revenue_total: Option<f64>,
    /// Purchase amounts / transactions_total.
    pub aov: Option<f64>,
    /// transactions_total / customers_total.
    pub purchase_frequency: Option<f64>,
    /// % of customers with purchases on at least 2 different dates.
    pub repeat_rate: Option<f64>,
    /// % of revenue_total from the top ceil(10% x customers) customers by revenue.
    pub top10_revenue_share: Option<f64>,
}

fn ratio(numerator: f64, denominator: f64) -> Option<f64> {
    (denominator != 0.0).then(|| numerator / denominator)
}

pub fn totals(log: &CustomerLog) -> Totals {
    let customers = log.customers();
    let mut transactions = 0u64;
    let mut repeaters = 0u64;
    let mut revenue_of = vec![0.0f64; customers];
    for (c, revenue) in revenue_of.iter_mut().enumerate() {
        let days = log.activity_of(c);
        for a in days {
            transactions += u64::from(a.purchases);
            *revenue += a.amount;
        }
        if days.len() >= 2 {
            repeaters += 1;
        }
    }
    // Purchases only: each customer's purchase amounts, before refunds are added in.
    let purchase_amount: f64 = revenue_of.iter().sum();
    for r in &log.refunds {
        revenue_of[r.customer as usize] += r.amount;
    }
    let refunds: f64 = log.refunds.iter().map(|r| r.amount).sum();
    let revenue_total = purchase_amount + refunds;

    let (revenue, aov, top10) = if log.has_amount {
        revenue_of.sort_unstable_by(|a, b| b.total_cmp(a));
        let top = customers.div_ceil(10);
        let top_revenue: f64 = revenue_of[..top].iter().sum();
        (
            Some(revenue_total),
            ratio(purchase_amount, transactions as f64),
            ratio(top_revenue, revenue_total).map(|r| r * 100.0),
        )
    } else {
        (None, None, None)
    };
    Totals {
        customers_total: customers as u64,
        transactions_total: transactions,
        revenue_total: revenue,
        aov,
        purchase_frequency: ratio(transactions as f64, customers as f64),
        repeat_rate: ratio(repeaters as f64, customers as f64).map(|r| r * 100.0),
        top10_revenue_share: top10,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ingest::{read_file, Dataset};

    fn log(csv: &str) -> CustomerLog {
        match read_file("t.csv", csv.as_bytes()).unwrap().dataset {
            Dataset::Transactions(l) => l,
            other => panic!("{:?}", other.kind()),
        }
    }

    #[test]
    fn totals_worked_out_by_hand() {
        // a: 10 + 20 on one day, 30 later, a refund of -5 -> 3 purchases, 2 dates, revenue 55
        // b: 100 once                                     -> 1 purchase, revenue 100
        // c: 1 and 2 on two dates                         -> 2 purchases, 2 dates, revenue 3
        let l = log("customer,date,amount\n\
                     a,2024-01-01,10\na,2024-01-01,20\nb,2024-01-02,100\nc,2024-01-03,1\n\
                     a,2024-02-01,30\nc,2024-02-03,2\na,2024-02-05,-5\n");
        let t = totals(&l);
        assert_eq!(t.customers_total, 3);
        assert_eq!(t.transactions_total, 6);
        assert_eq!(t.revenue_total, Some(158.0));
        // Purchase amounts 163 over 6 purchases; refunds do not count.
        assert_eq!(t.aov, Some(163.0 / 6.0));
        assert_eq!(t.purchase_frequency, Some(2.0));
        // a and c bought on two dates: 2 of 3.
        assert_eq!(t.repeat_rate, Some(2.0 / 3.0 * 100.0));
        // ceil(10% of 3) = 1 customer: b with 100 of 158.
        assert_eq!(t.top10_revenue_share, Some(100.0 / 158.0 * 100.0));
    }

    #[test]
    fn without_amounts_revenue_is_absent() {
        let t = totals(&log("klant,datum\nx,2024-01-01\nx,2024-01-01\n"));
        assert_eq!((t.customers_total, t.transactions_total), (1, 2));
        assert_eq!((t.revenue_total, t.aov, t.top10_revenue_share), (None, None, None));
        assert_eq!(t.repeat_rate, Some(0.0));
    }
}
