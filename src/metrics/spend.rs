//! Marketing spend summed (METRICS.md, "Marketing spend"): in total, on winning
//! customers and on keeping them.

use crate::ingest::other_kinds::{SpendKind, SpendRow};
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SpendTotals {
    pub spend_total: f64,
    pub acquisition_spend: f64,
    pub retention_spend: f64,
}

impl SpendTotals {
    pub fn of(rows: &[SpendRow]) -> SpendTotals {
        let sum = |k: Option<SpendKind>| rows.iter().filter(|r| k.is_none_or(|k| r.kind == k)).map(|r| r.spend).sum();
        SpendTotals {
            spend_total: sum(None),
            acquisition_spend: sum(Some(SpendKind::Acquisition)),
            retention_spend: sum(Some(SpendKind::Retention)),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ingest::{read_file, Dataset};

    #[test]
    fn sums_by_kind() {
        let f = read_file(
            "s.csv",
            b"period,spend,type\n2024-01,100,acquisition\n2024-01,40,retention\n2024-02,10,acquisition\n",
        )
        .unwrap();
        let Dataset::MarketingSpend(rows) = &f.dataset else { panic!("{:?}", f.dataset.kind()) };
        // 100 + 10 on winning customers, 40 on keeping them, 150 in all.
        assert_eq!(
            SpendTotals::of(rows),
            SpendTotals { spend_total: 150.0, acquisition_spend: 110.0, retention_spend: 40.0 }
        );
    }
}
