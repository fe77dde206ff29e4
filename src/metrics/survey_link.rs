//! NPS and the transaction log (docs/definitions.md): survey answers matched to the
//! log by customer id, and repeat rate and churn of promoters, passives and detractors.

use super::nps::SurveySummary;
use crate::ingest::other_kinds::SurveyRow;
use crate::ingest::CustomerLog;
use rustc_hash::FxHashMap;
use serde::{Deserialize, Serialize};

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum NpsGroup {
    Promoters,
    Passives,
    Detractors,
}

impl NpsGroup {
    pub const ALL: [NpsGroup; 3] = [Self::Promoters, Self::Passives, Self::Detractors];

    pub fn of(score: u8) -> NpsGroup {
        match score {
            9.. => Self::Promoters,
            7..=8 => Self::Passives,
            _ => Self::Detractors,
        }
    }

    pub fn key(self) -> &'static str {
        match self {
            Self::Promoters => "promoters",
            Self::Passives => "passives",
            Self::Detractors => "detractors",
        }
    }
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct GroupBehaviour {
    pub group: NpsGroup,
    /// Respondents of this group whose id is in the log.
    pub nps_matched: u64,
    pub repeat_rate: Option<f64>,
    pub churn_rate: Option<f64>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SurveyLink {
    /// Over all responses of the survey.
    pub survey: SurveySummary,
    /// Promoters, passives, detractors.
    pub groups: Vec<GroupBehaviour>,
}

/// `None` when no respondent's id is in the log.
pub fn link(rows: &[SurveyRow], log: &CustomerLog, window: u32) -> Option<SurveyLink> {
    let (_, last) = log.span()?;
    let reference = last + 1;
    // The last answer of each id counts.
    let mut score_of: FxHashMap<&str, u8> = FxHashMap::default();
    for r in rows {
        if let Some(id) = r.customer.as_deref().map(str::trim).filter(|id| !id.is_empty()) {
            score_of.insert(id, r.score);
        }
    }
    // (matched, repeaters, churned) per group.
    let mut counts = [(0u64, 0u64, 0u64); 3];
    for c in 0..log.customers() {
        let Some(&score) = score_of.get(log.id(c)) else { continue };
        let g = NpsGroup::ALL.iter().position(|&g| g == NpsGroup::of(score)).expect("listed");
        let days = log.days_of(c);
        // In the base at the reference day: a purchase on or after reference - W.
        let in_base = days.last().is_some_and(|&d| i64::from(d) >= i64::from(reference) - i64::from(window));
        counts[g].0 += 1;
        counts[g].1 += u64::from(days.len() >= 2);
        counts[g].2 += u64::from(!in_base);
    }
    if counts.iter().all(|c| c.0 == 0) {
        return None;
    }
    let pct = |k: u64, n: u64| (n > 0).then(|| k as f64 / n as f64 * 100.0);
    let groups = NpsGroup::ALL
        .iter()
        .zip(counts)
        .map(|(&group, (n, repeaters, churned))| GroupBehaviour {
            group,
            nps_matched: n,
            repeat_rate: pct(repeaters, n),
            churn_rate: pct(churned, n),
        })
        .collect();
    Some(SurveyLink { survey: SurveySummary::of(rows), groups })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ingest::{read_file, Dataset};

    #[test]
    fn promoters_against_detractors_by_hand() {
        let log = crate::metrics::test_log(
            "customer,date\np1,2024-01-01\np1,2024-03-01\np2,2024-03-30\nd1,2024-01-01\nd2,2024-02-01\nd2,2024-02-05\n",
        );
        let Dataset::Survey(rows) =
            read_file("s.csv", b"customer,score\np1,3\np1,10\np2,9\nd1,2\nd2,6\nx,8\n,10\n").unwrap().dataset
        else {
            panic!()
        };
        // Last day 03-30, reference 03-31, W = 30: in the base with a purchase >= 03-01.
        let l = link(&rows, &log, 30).unwrap();
        assert_eq!(l.survey.responses, 7);
        let [p, pa, d] = &l.groups[..] else { panic!() };
        // p1 (last answer 10) and p2: p1 bought on 2 dates; both bought on or after 03-01.
        assert_eq!((p.nps_matched, p.repeat_rate, p.churn_rate), (2, Some(50.0), Some(0.0)));
        // x is not in the log.
        assert_eq!((pa.nps_matched, pa.repeat_rate, pa.churn_rate), (0, None, None));
        // d1 and d2: d2 bought on 2 dates; neither since 03-01.
        assert_eq!((d.nps_matched, d.repeat_rate, d.churn_rate), (2, Some(50.0), Some(100.0)));
    }
}
