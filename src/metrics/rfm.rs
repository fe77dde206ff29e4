//! RFM segments (docs/definitions.md "RFM segments"): recency, frequency and monetary
//! value per customer, quintile scores 1-5 (ties share a score), and a named segment
//! from the R and F scores.

use super::totals::customer_revenue;
use crate::calendar::Date;
use crate::ingest::CustomerLog;
use serde::{Deserialize, Serialize};

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Segment {
    Champions,
    Loyal,
    Promising,
    New,
    NeedsAttention,
    AtRisk,
    CantLose,
    Hibernating,
    Lost,
}

impl Segment {
    pub const ALL: [Segment; 9] = [
        Self::Champions,
        Self::Loyal,
        Self::Promising,
        Self::New,
        Self::NeedsAttention,
        Self::AtRisk,
        Self::CantLose,
        Self::Hibernating,
        Self::Lost,
    ];

    /// The key used in `data-segment` and file names.
    pub fn key(self) -> &'static str {
        match self {
            Self::Champions => "champions",
            Self::Loyal => "loyal",
            Self::Promising => "promising",
            Self::New => "new",
            Self::NeedsAttention => "needs_attention",
            Self::AtRisk => "at_risk",
            Self::CantLose => "cant_lose",
            Self::Hibernating => "hibernating",
            Self::Lost => "lost",
        }
    }

    pub fn from_key(key: &str) -> Option<Segment> {
        Self::ALL.into_iter().find(|s| s.key() == key)
    }

    /// The segment of R and F scores (1-5).
    pub fn of(r: u8, f: u8) -> Segment {
        match (r, f) {
            (5, 4..=5) => Self::Champions,
            (3..=4, 4..=5) => Self::Loyal,
            (4..=5, 2..=3) | (4, 1) => Self::Promising,
            (5, 1) => Self::New,
            (3, _) => Self::NeedsAttention,
            (..=2, 5..) => Self::CantLose,
            (..=2, 3 | 4) => Self::AtRisk,
            (2, _) => Self::Hibernating,
            _ => Self::Lost,
        }
    }
}

/// One scored customer.
#[derive(Clone, Debug, PartialEq)]
pub struct Scored {
    /// Index into the log's customers.
    pub customer: usize,
    /// Days from the last purchase date to the reference day (>= 1).
    pub recency: u32,
    /// Purchase dates.
    pub frequency: u32,
    /// Revenue (refunds included); `None` without amounts.
    pub monetary: Option<f64>,
    pub r: u8,
    pub f: u8,
    pub m: Option<u8>,
    pub segment: Segment,
}

/// Scores 1 + floor(5 w / m) where w is how many values are strictly worse; `better`
/// orders values from worst to best. One sort and one pass over equal runs.
fn scores<T: Copy>(values: &[T], better: impl Fn(&T, &T) -> std::cmp::Ordering) -> Vec<u8> {
    let mut order: Vec<(T, u32)> = values.iter().enumerate().map(|(i, &v)| (v, i as u32)).collect();
    order.sort_unstable_by(|a, b| better(&a.0, &b.0));
    let m = order.len();
    let mut out = vec![0u8; m];
    let mut start = 0;
    while start < m {
        // `start` values are strictly worse than the run beginning here.
        let score = (1 + 5 * start / m) as u8;
        let mut end = start;
        while end < m && better(&order[end].0, &order[start].0).is_eq() {
            out[order[end].1 as usize] = score;
            end += 1;
        }
        start = end;
    }
    out
}

/// Every customer with a purchase, scored; the reference day is the day after the
/// log's last purchase date.
pub fn score(log: &CustomerLog) -> (Option<Date>, Vec<Scored>) {
    let Some((_, last)) = log.span() else { return (None, Vec::new()) };
    let reference = last + 1;
    let revenue = log.has_amount.then(|| customer_revenue(log));
    let customers: Vec<usize> = (0..log.customers()).filter(|&c| !log.days_of(c).is_empty()).collect();
    let recency: Vec<u32> =
        customers.iter().map(|&c| (reference - log.days_of(c).last().expect("has a purchase")) as u32).collect();
    let frequency: Vec<u32> = customers.iter().map(|&c| log.days_of(c).len() as u32).collect();
    let monetary: Option<Vec<f64>> = revenue.map(|r| customers.iter().map(|&c| r[c]).collect());
    // A lower recency is better.
    let r = scores(&recency, |a, b| b.cmp(a));
    let f = scores(&frequency, |a, b| a.cmp(b));
    let m = monetary.as_ref().map(|m| scores(m, |a, b| a.total_cmp(b)));
    let scored = customers
        .iter()
        .enumerate()
        .map(|(i, &customer)| Scored {
            customer,
            recency: recency[i],
            frequency: frequency[i],
            monetary: monetary.as_ref().map(|m| m[i]),
            r: r[i],
            f: f[i],
            m: m.as_ref().map(|m| m[i]),
            segment: Segment::of(r[i], f[i]),
        })
        .collect();
    (Some(Date(reference)), scored)
}

/// The figures of one segment.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SegmentSummary {
    pub segment: Segment,
    pub segment_customers: u64,
    /// % of the scored customers.
    pub segment_share: Option<f64>,
    /// `None` without amounts.
    pub segment_revenue: Option<f64>,
    pub recency_mean: Option<f64>,
    pub frequency_mean: Option<f64>,
    pub monetary_mean: Option<f64>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Rfm {
    pub reference_day: Option<Date>,
    pub scored_customers: u64,
    /// All nine segments, in [`Segment::ALL`] order.
    pub segments: Vec<SegmentSummary>,
}

pub fn summarise(reference_day: Option<Date>, scored: &[Scored]) -> Rfm {
    let total = scored.len() as f64;
    let has_amount = scored.first().is_some_and(|s| s.monetary.is_some());
    let segments = Segment::ALL
        .into_iter()
        .map(|segment| {
            let members: Vec<&Scored> = scored.iter().filter(|s| s.segment == segment).collect();
            let n = members.len() as f64;
            let mean = |sum: f64| (!members.is_empty()).then(|| sum / n);
            let revenue: Option<f64> = members.iter().map(|s| s.monetary).sum();
            SegmentSummary {
                segment,
                segment_customers: members.len() as u64,
                segment_share: (total > 0.0).then(|| n / total * 100.0),
                segment_revenue: if has_amount { Some(revenue.unwrap_or(0.0)) } else { None },
                recency_mean: mean(members.iter().map(|s| f64::from(s.recency)).sum()),
                frequency_mean: mean(members.iter().map(|s| f64::from(s.frequency)).sum()),
                monetary_mean: revenue.filter(|_| has_amount).and_then(mean),
            }
        })
        .collect();
    Rfm { reference_day, scored_customers: scored.len() as u64, segments }
}

/// A segment's customers as CSV (id, recency, frequency, monetary, R, F, M), the list
/// a marketer loads into a mail tool.
pub fn segment_csv(log: &CustomerLog, scored: &[Scored], segment: Segment) -> String {
    let quote = super::csv_field;
    let mut out = String::from("customer_id,recency_days,frequency,monetary,r_score,f_score,m_score\r\n");
    for s in scored.iter().filter(|s| s.segment == segment) {
        let opt = |v: Option<String>| v.unwrap_or_default();
        out.push_str(&format!(
            "{},{},{},{},{},{},{}\r\n",
            quote(log.id(s.customer)),
            s.recency,
            s.frequency,
            opt(s.monetary.map(|m| m.to_string())),
            s.r,
            s.f,
            opt(s.m.map(|m| m.to_string()))
        ));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::metrics::test_log as log;

    #[test]
    fn every_cell_of_the_grid_has_one_segment() {
        let count = |s: Segment| {
            (1..=5).flat_map(|r| (1..=5).map(move |f| (r, f))).filter(|&(r, f)| Segment::of(r, f) == s).count()
        };
        let counts: Vec<usize> = Segment::ALL.into_iter().map(count).collect();
        // champions 2, loyal 4, promising 5, new 1, needs attention 3, at risk 4,
        // can't lose 2, hibernating 2, lost 2 = 25.
        assert_eq!(counts, [2, 4, 5, 1, 3, 4, 2, 2, 2]);
        assert_eq!(Segment::of(3, 5), Segment::Loyal);
        assert_eq!(Segment::of(2, 5), Segment::CantLose);
        assert_eq!(Segment::of(1, 2), Segment::Lost);
    }

    #[test]
    fn scores_by_hand() {
        // Five customers, last purchase 2024-01-10 -> reference 01-11.
        // a: 01-10 (R 1 day), 3 dates, 30 | b: 01-09 (2), 2 dates, 20 | c: 01-09 (2), 1, 10
        // d: 01-01 (10), 1 date, 10       | e: 2023-12-01 (41), 1 date, 5 - 1 refund = 4
        let l = log("customer,date,amount\n\
                     a,2024-01-01,10\na,2024-01-05,10\na,2024-01-10,10\nb,2024-01-02,10\nb,2024-01-09,10\n\
                     c,2024-01-09,10\nd,2024-01-01,10\ne,2023-12-01,5\ne,2023-12-02,-1\n");
        let (reference, scored) = score(&l);
        assert_eq!(reference, Date::from_ymd(2024, 1, 11));
        let by_id = |id: &str| scored.iter().find(|s| l.id(s.customer) == id).unwrap().clone();
        // Recency worse counts: a 4 (all others older) -> 1 + 20/5 = 5; b, c: 2 worse -> 3;
        // d: 1 -> 2; e: 0 -> 1.
        let r: Vec<u8> = ["a", "b", "c", "d", "e"].iter().map(|id| by_id(id).r).collect();
        assert_eq!(r, [5, 3, 3, 2, 1]);
        // Frequency 3, 2, 1, 1, 1: worse counts 4, 3, 0, 0, 0 -> 5, 4, 1, 1, 1.
        let f: Vec<u8> = ["a", "b", "c", "d", "e"].iter().map(|id| by_id(id).f).collect();
        assert_eq!(f, [5, 4, 1, 1, 1]);
        // Monetary 30, 20, 10, 10, 4 -> worse 4, 3, 1, 1, 0 -> 5, 4, 2, 2, 1.
        let m: Vec<Option<u8>> = ["a", "b", "c", "d", "e"].iter().map(|id| by_id(id).m).collect();
        assert_eq!(m, [Some(5), Some(4), Some(2), Some(2), Some(1)]);
        assert_eq!(by_id("e").monetary, Some(4.0));
        let segments: Vec<Segment> = ["a", "b", "c", "d", "e"].iter().map(|id| by_id(id).segment).collect();
        use Segment::*;
        assert_eq!(segments, [Champions, Loyal, NeedsAttention, Hibernating, Lost]);

        let rfm = summarise(reference, &scored);
        let lost = &rfm.segments[8];
        assert_eq!((lost.segment, lost.segment_customers, lost.segment_share), (Lost, 1, Some(20.0)));
        assert_eq!((lost.segment_revenue, lost.recency_mean, lost.monetary_mean), (Some(4.0), Some(41.0), Some(4.0)));
        let new = &rfm.segments[3];
        assert_eq!((new.segment_customers, new.segment_revenue, new.recency_mean), (0, Some(0.0), None));

        let csv = segment_csv(&l, &scored, Champions);
        assert_eq!(csv, "customer_id,recency_days,frequency,monetary,r_score,f_score,m_score\r\na,1,3,30,5,5,5\r\n");
    }

    #[test]
    fn refunds_only_are_not_scored() {
        let l = log("customer,date,amount\nx,2024-01-01,-5\ny,2024-01-02,5\n");
        let (_, scored) = score(&l);
        assert_eq!(scored.len(), 1);
        assert_eq!(l.id(scored[0].customer), "y");
    }
}
