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
}

pub fn ratio(numerator: f64, denominator: f64) -> Option<f64> {
    (denominator != 0.0).then(|| numerator / denominator)
}

/// Each customer's revenue: their purchase amounts plus their refunds.
pub fn customer_revenue(log: &CustomerLog) -> Vec<f64> {
    let mut revenue = customer_refunds(log);
    for (c, r) in revenue.iter_mut().enumerate() {
        *r += log.activity_of(c).amounts.iter().sum::<f64>();
    }
    revenue
}

/// The sums behind the totals, for any group of customers.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Sums {
    pub customers: u64,
    pub transactions: u64,
    /// Customers with purchases on at least 2 dates.
    pub repeaters: u64,
    pub purchase_amount: f64,
    pub refund_amount: f64,
}

impl Sums {
    /// Adds customer `c` of `log`, whose refunds sum to `refunds`.
    pub fn add(&mut self, log: &CustomerLog, c: usize, refunds: f64) {
        let days = log.activity_of(c);
        self.customers += 1;
        for a in days.iter() {
            self.transactions += u64::from(a.purchases);
            self.purchase_amount += a.amount;
        }
        self.repeaters += u64::from(days.len() >= 2);
        self.refund_amount += refunds;
    }

    pub fn revenue(&self) -> f64 {
        self.purchase_amount + self.refund_amount
    }

    pub fn aov(&self) -> Option<f64> {
        ratio(self.purchase_amount, self.transactions as f64)
    }

    pub fn purchase_frequency(&self) -> Option<f64> {
        ratio(self.transactions as f64, self.customers as f64)
    }

    pub fn repeat_rate(&self) -> Option<f64> {
        ratio(self.repeaters as f64, self.customers as f64).map(|r| r * 100.0)
    }
}

/// Each customer's refunds summed (refunds are sorted by customer).
pub fn customer_refunds(log: &CustomerLog) -> Vec<f64> {
    let mut refunds = vec![0.0; log.customers()];
    for r in &log.refunds {
        refunds[r.customer as usize] += r.amount;
    }
    refunds
}

pub fn totals(log: &CustomerLog) -> Totals {
    let mut sums = Sums::default();
    let refunds = customer_refunds(log);
    for (c, &r) in refunds.iter().enumerate() {
        sums.add(log, c, r);
    }
    let customers = log.customers();
    // `top10_revenue_share` is concentration's (one place for it).
    let (revenue, aov) = if log.has_amount { (Some(sums.revenue()), sums.aov()) } else { (None, None) };
    Totals {
        customers_total: customers as u64,
        transactions_total: sums.transactions,
        revenue_total: revenue,
        aov,
        purchase_frequency: sums.purchase_frequency(),
        repeat_rate: sums.repeat_rate(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::metrics::test_log as log;

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
        let top10 = crate::metrics::concentration::concentration(&l).unwrap().top10_revenue_share;
        assert_eq!(top10, Some(100.0 / 158.0 * 100.0));
    }

    #[test]
    fn without_amounts_revenue_is_absent() {
        let l = log("klant,datum\nx,2024-01-01\nx,2024-01-01\n");
        let t = totals(&l);
        let top10 = crate::metrics::concentration::concentration(&l).and_then(|c| c.top10_revenue_share);
        assert_eq!((t.customers_total, t.transactions_total), (1, 2));
        assert_eq!((t.revenue_total, t.aov, top10), (None, None, None));
        assert_eq!(t.repeat_rate, Some(0.0));
    }

    /// Read from a report aligned with spaces (the reading is ingest's; the sum is here).
    #[test]
    fn a_report_aligned_with_spaces() {
        let text = "Klant      Datum         Bedrag\nK001       05-03-2024     12,50\nDe Vries   17-03-2024   1.234,56\nK001       20-03-2024      7,25\n";
        let f = crate::ingest::read_file("rapport.txt", text.as_bytes()).unwrap();
        assert_eq!(f.settings.delimiter, b' ');
        let crate::ingest::Dataset::Transactions(log) = &f.dataset else { panic!("{:?}", f.dataset.kind()) };
        assert_eq!(log.ids.iter().collect::<Vec<_>>(), ["K001", "De Vries"]);
        // 12.50 + 1234.56 + 7.25 = 1254.31
        assert_eq!(totals(log).revenue_total, Some(12.5 + 1234.56 + 7.25));
    }
}
