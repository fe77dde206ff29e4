//! Net Promoter Score of a 0-10 recommendation survey (METRICS.md).

use crate::ingest::other_kinds::SurveyRow;
use serde::{Deserialize, Serialize};

/// Scores of a 0-10 recommendation survey.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SurveySummary {
    pub responses: usize,
    /// 9-10.
    pub promoters: usize,
    /// 7-8.
    pub passives: usize,
    /// 0-6.
    pub detractors: usize,
    /// % promoters - % detractors; `None` without responses.
    pub nps: Option<f64>,
}

impl SurveySummary {
    pub fn of(rows: &[SurveyRow]) -> SurveySummary {
        let count = |range: std::ops::RangeInclusive<u8>| rows.iter().filter(|r| range.contains(&r.score)).count();
        let (promoters, passives, detractors) = (count(9..=10), count(7..=8), count(0..=6));
        let n = rows.len();
        let pct = |k: usize| k as f64 / n as f64 * 100.0;
        SurveySummary {
            responses: n,
            promoters,
            passives,
            detractors,
            nps: (n > 0).then(|| pct(promoters) - pct(detractors)),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ingest::{read_file, Dataset};

    #[test]
    fn nps_by_hand() {
        // Scores 10, 9, 8, 6, 3: 2 promoters, 1 passive, 2 detractors -> 40% - 40% = 0.
        let f = read_file("s.csv", b"score\n10\n9\n8\n6\n3\n").unwrap();
        let Dataset::Survey(rows) = &f.dataset else { panic!() };
        let s = SurveySummary::of(rows);
        assert_eq!((s.promoters, s.passives, s.detractors), (2, 1, 2));
        assert_eq!(s.nps, Some(0.0));
        let f = read_file("s.csv", b"score\n10\n10\n7\n0\n").unwrap();
        let Dataset::Survey(rows) = &f.dataset else { panic!() };
        let s = SurveySummary::of(rows);
        // 50% promoters - 25% detractors.
        assert_eq!(s.nps, Some(25.0));
    }
}
