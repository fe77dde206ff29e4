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

/// Each channel of the spend rows, in order of first appearance, with the kind its
/// first row was read as (what the column panel shows and lets the user change).
pub fn channel_kinds(rows: &[SpendRow]) -> Vec<(String, SpendKind)> {
    let mut out: Vec<(String, SpendKind)> = Vec::new();
    for r in rows {
        if let Some(c) = r.channel.as_deref().filter(|c| !out.iter().any(|(n, _)| n == c)) {
            out.push((c.to_string(), r.kind));
        }
    }
    out
}

/// Spend typed per month (`months` as `YYYY-MM`; per month the acquisition and the
/// retention amount) as a spend file: a row per month and kind with an amount > 0.
pub fn typed_spend_csv(months: &[String], amounts: &[[Option<f64>; 2]]) -> String {
    let mut out = String::from("period,type,spend\n");
    for (month, pair) in months.iter().zip(amounts) {
        for (kind, amount) in [SpendKind::Acquisition, SpendKind::Retention].iter().zip(pair) {
            if let Some(a) = amount.filter(|a| *a > 0.0 && a.is_finite()) {
                out.push_str(&format!("{month},{},{a}\n", kind.key()));
            }
        }
    }
    out
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

    #[test]
    fn each_channel_once_with_the_kind_of_its_first_row() {
        let f = read_file(
            "s.csv",
            b"maand,kanaal,kosten,soort\n2024-01,Radio,5,\n2024-01,Google Ads,10,\n2024-02,Radio,5,werving\n2024-02,,3,behoud\n",
        )
        .unwrap();
        let Dataset::MarketingSpend(rows) = &f.dataset else { panic!("{:?}", f.dataset.kind()) };
        // Radio first as neither (its later row says werving), Google Ads by its name; the
        // row without a channel names none.
        assert_eq!(
            channel_kinds(rows),
            vec![("Radio".to_string(), SpendKind::Unspecified), ("Google Ads".to_string(), SpendKind::Acquisition)]
        );
    }

    #[test]
    fn typed_spend_reads_back_as_a_spend_file() {
        let months = ["2024-01".to_string(), "2024-02".to_string(), "2024-03".to_string()];
        let csv = typed_spend_csv(&months, &[[Some(1234.5), Some(0.0)], [None, Some(20.0)], [Some(0.1), None]]);
        let f = read_file("typed-spend.csv", csv.as_bytes()).unwrap();
        let Dataset::MarketingSpend(rows) = &f.dataset else { panic!("{:?}", f.dataset.kind()) };
        assert_eq!(f.errors.total, 0);
        let got: Vec<_> = rows.iter().map(|r| (r.period.to_string(), r.spend, r.kind)).collect();
        assert_eq!(
            got,
            vec![
                ("2024-01".to_string(), 1234.5, SpendKind::Acquisition),
                ("2024-02".to_string(), 20.0, SpendKind::Retention),
                ("2024-03".to_string(), 0.1, SpendKind::Acquisition),
            ]
        );
    }
}
