//! Time between purchases (docs/definitions.md): the gaps in days between a
//! customer's consecutive purchase dates, pooled over all customers.

use crate::ingest::CustomerLog;
use serde::{Deserialize, Serialize};

/// Upper ends (inclusive, days) of the histogram's bins; the last bin is open.
pub const GAP_BINS: [u32; 7] = [7, 14, 30, 60, 90, 180, 365];

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PurchaseGaps {
    pub days_between_median: Option<f64>,
    pub days_between_mean: Option<f64>,
    /// Counts per bin of [`GAP_BINS`], plus one for gaps over 365 days.
    pub days_between_histogram: Vec<u64>,
}

pub fn purchase_gaps(log: &CustomerLog) -> PurchaseGaps {
    let mut gaps: Vec<u32> = Vec::with_capacity(log.purchase_days());
    for c in 0..log.customers() {
        gaps.extend(log.days_of(c).windows(2).map(|w| (w[1] - w[0]) as u32));
    }
    let mut histogram = vec![0u64; GAP_BINS.len() + 1];
    let mut sum = 0u64;
    for &g in &gaps {
        histogram[GAP_BINS.partition_point(|&b| b < g)] += 1;
        sum += u64::from(g);
    }
    let n = gaps.len();
    let median = (n > 0).then(|| {
        let (_, &mut upper, _) = gaps.select_nth_unstable(n / 2);
        if n % 2 == 1 {
            f64::from(upper)
        } else {
            let lower = *gaps[..n / 2].iter().max().expect("n >= 2");
            (f64::from(lower) + f64::from(upper)) / 2.0
        }
    });
    PurchaseGaps {
        days_between_median: median,
        days_between_mean: (n > 0).then(|| sum as f64 / n as f64),
        days_between_histogram: histogram,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ingest::{read_file, Dataset};

    fn gaps(csv: &str) -> PurchaseGaps {
        match read_file("t.csv", csv.as_bytes()).unwrap().dataset {
            Dataset::Transactions(l) => purchase_gaps(&l),
            other => panic!("{:?}", other.kind()),
        }
    }

    #[test]
    fn gaps_by_hand() {
        // a: 01-01, 01-01 (same day), 01-08, 03-08 -> gaps 7, 60. b: 01-01, 2025-01-02 -> 367.
        // c: one date -> none. A refund is not a purchase date.
        let g = gaps(
            "customer,date,amount\na,2024-01-01,1\na,2024-01-01,2\na,2024-01-08,3\na,2024-03-08,4\n\
                      b,2024-01-01,5\nb,2025-01-02,6\nc,2024-05-05,7\nc,2024-05-09,-1\n",
        );
        assert_eq!(g.days_between_median, Some(60.0));
        assert_eq!(g.days_between_mean, Some((7.0 + 60.0 + 367.0) / 3.0));
        assert_eq!(g.days_between_histogram, [1, 0, 0, 1, 0, 0, 0, 1]);
        // An even count: the mean of the two middle gaps (7 and 60).
        let g = gaps("customer,date\na,2024-01-01\na,2024-01-08\nb,2024-01-01\nb,2024-03-01\n");
        assert_eq!(g.days_between_median, Some((7.0 + 60.0) / 2.0));
        let g = gaps("customer,date\na,2024-01-01\n");
        assert_eq!((g.days_between_median, g.days_between_mean), (None, None));
    }
}
