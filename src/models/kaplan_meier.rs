//! Kaplan-Meier survival of subscriptions per period since their start (Kaplan & Meier
//! 1958), with Greenwood's variance (Greenwood 1926) and a 95% band on the log(−log)
//! scale (Kalbfleisch & Prentice 1980), so that the band stays inside [0, 1]; and
//! the same counts as input for the sBG model (`sbg::SbgData`).
//!
//! Time is measured in whole periods since each subscription's start: periods of a fixed
//! number of days, or calendar months (a subscription started on the 31st completes a
//! month on the last day of a shorter month), which monthly billing follows and a fixed
//! 30.4375 days does not (1 July to 1 September is 62 days, 2.04 such "months"). A
//! subscription that ended at L periods (L ≤ its observation end, L fractional) was lost
//! in period T = max(1, ⌈L⌉): active at t for t < T, so ending exactly k periods after its
//! start means k periods paid, lost in k. One still running at its observation end, C
//! periods after its start, is right censored after c = ⌊C⌋ whole periods. A loss in a period the observation does not cover in
//! full (T > c) is censored after c as well: the part of period c + 1 that was seen is
//! dropped for lost and surviving subscriptions alike, otherwise the last, partly seen
//! period would count its losses but not its survivors.
//!
//! With n_t the subscriptions at risk in period t (lost in t or later, or censored after
//! t or later) and d_t those lost in t:
//!
//! ```text
//!   S(t) = Π_{j ≤ t} (1 − d_j / n_j)
//!   Var S(t) = S(t)² Σ_{j ≤ t} d_j / (n_j (n_j − d_j))                       (Greenwood)
//!   σ(t) = √(Σ_{j ≤ t} d_j / (n_j (n_j − d_j))) / |ln S(t)|
//!   band = [S(t)^exp(+1.96 σ), S(t)^exp(−1.96 σ)]                           (log(−log))
//! ```

use crate::calendar::Date;
use crate::models::sbg::SbgData;

/// The normal quantile for a two-sided 95% band.
const Z95: f64 = 1.959_963_984_540_054;

/// A subscription: its start, its end if it has ended, and the last day it was observed
/// (an end after that day is not yet known, so the subscription counts as running).
#[derive(Clone, Copy, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Subscription {
    pub start: Date,
    pub end: Option<Date>,
    pub observed_until: Date,
}

/// One period of the survival table (period 0: everyone at the start).
#[derive(Clone, Copy, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct KmRow {
    /// Periods since the start (t).
    pub period: u32,
    /// Subscriptions at risk in period t (n_t); period 0: all subscriptions counted.
    pub at_risk: u64,
    /// Lost in period t (d_t).
    pub lost: u64,
    /// Censored after period t (still running, not observed beyond t).
    pub censored: u64,
    /// S(t).
    pub survival: f64,
    /// Greenwood's variance of S(t); `None` once S(t) = 0 (every one at risk was lost).
    pub variance: Option<f64>,
    /// The 95% log(−log) band; `None` where it is not defined (S(t) = 1 or 0).
    pub low: Option<f64>,
    pub high: Option<f64>,
}

/// How periods since a subscription's start are counted.
#[derive(Clone, Copy, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
pub enum Period {
    /// A fixed number of days (1, 7, 30.4375, 365.25, …).
    Days(f64),
    /// This many calendar months (1: monthly, 3: quarterly, 12: yearly), from the start's
    /// day of the month (clamped to the month's last day).
    CalendarMonths(u32),
}

impl Period {
    fn valid(self) -> bool {
        match self {
            Period::Days(d) => d.is_finite() && d > 0.0,
            Period::CalendarMonths(m) => m > 0,
        }
    }

    /// Whole periods from `start` to `date` (date ≥ start) and whether `date` is exactly
    /// on a period boundary.
    fn elapsed(self, start: Date, date: Date) -> (usize, bool) {
        match self {
            Period::Days(len) => {
                let x = f64::from(date.0 - start.0) / len;
                let whole = x.floor();
                (whole as usize, whole == x)
            }
            Period::CalendarMonths(per) => {
                let (y, m, d) = start.ymd();
                let anniversary = |k: i64| -> Date {
                    let total = i64::from(y) * 12 + i64::from(m) - 1 + k * i64::from(per);
                    let (year, month) = (total.div_euclid(12) as i32, total.rem_euclid(12) as u32 + 1);
                    let day = d.min(crate::calendar::days_in_month(year, month));
                    Date::from_ymd(year, month, day).unwrap_or(Date(i32::MAX))
                };
                let (y2, m2, _) = date.ymd();
                let months = (i64::from(y2) - i64::from(y)) * 12 + i64::from(m2) - i64::from(m);
                let mut k = months.div_euclid(i64::from(per)).max(0);
                while k > 0 && anniversary(k) > date {
                    k -= 1;
                }
                while anniversary(k + 1) <= date {
                    k += 1;
                }
                (k as usize, anniversary(k) == date)
            }
        }
    }
}

/// The Kaplan-Meier table of a set of subscriptions.
#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct KaplanMeier {
    /// How periods are counted.
    pub period: Period,
    /// Rows for t = 0, 1, …, the last period anyone is at risk in.
    pub rows: Vec<KmRow>,
    /// Subscriptions left out: ending before they start, observed only before their
    /// start, or all of them for a period that is not a positive length.
    pub skipped: usize,
}

/// Where a subscription leaves the table: lost in period `t`, or censored after `t`.
enum Exit {
    Lost(usize),
    Censored(usize),
}

fn exit(s: &Subscription, period: Period) -> Option<Exit> {
    if s.observed_until < s.start {
        return None;
    }
    let (c, _) = period.elapsed(s.start, s.observed_until);
    match s.end {
        Some(end) if end < s.start => None,
        Some(end) if end <= s.observed_until => {
            let (whole, exact) = period.elapsed(s.start, end);
            let t = if exact { whole } else { whole + 1 }.max(1);
            Some(if t <= c { Exit::Lost(t) } else { Exit::Censored(c) })
        }
        _ => Some(Exit::Censored(c)),
    }
}

/// The Kaplan-Meier table of `subscriptions` in periods counted as `period`.
pub fn kaplan_meier(subscriptions: &[Subscription], period: Period) -> KaplanMeier {
    if !period.valid() {
        return KaplanMeier { period, rows: Vec::new(), skipped: subscriptions.len() };
    }
    let mut lost: Vec<u64> = Vec::new();
    let mut censored: Vec<u64> = vec![0];
    let mut skipped = 0;
    let grow = |v: &mut Vec<u64>, t: usize| {
        if v.len() <= t {
            v.resize(t + 1, 0);
        }
        v[t] += 1;
    };
    for s in subscriptions {
        match exit(s, period) {
            Some(Exit::Lost(t)) => grow(&mut lost, t),
            Some(Exit::Censored(c)) => grow(&mut censored, c),
            None => skipped += 1,
        }
    }
    let last = lost.len().max(censored.len()).saturating_sub(1);
    lost.resize(last + 1, 0);
    censored.resize(last + 1, 0);
    let total: u64 = lost.iter().sum::<u64>() + censored.iter().sum::<u64>();

    let mut rows = Vec::with_capacity(last + 1);
    rows.push(KmRow {
        period: 0,
        at_risk: total,
        lost: 0,
        censored: censored[0],
        survival: 1.0,
        variance: Some(0.0),
        low: None,
        high: None,
    });
    let mut at_risk = total - censored[0];
    let (mut survival, mut greenwood) = (1.0f64, 0.0f64);
    for t in 1..=last {
        let (n, d) = (at_risk, lost[t]);
        if n == 0 {
            break;
        }
        survival *= 1.0 - d as f64 / n as f64;
        greenwood += if d == n { f64::INFINITY } else { d as f64 / (n as f64 * (n - d) as f64) };
        let variance = (survival > 0.0).then_some(survival * survival * greenwood);
        let (low, high) = if survival > 0.0 && survival < 1.0 {
            let sigma = greenwood.sqrt() / survival.ln().abs();
            (Some(survival.powf((Z95 * sigma).exp())), Some(survival.powf((-Z95 * sigma).exp())))
        } else {
            (None, None)
        };
        rows.push(KmRow {
            period: t as u32,
            at_risk: n,
            lost: d,
            censored: censored[t],
            survival,
            variance,
            low,
            high,
        });
        at_risk = n - d - censored[t];
    }
    KaplanMeier { period, rows, skipped }
}

impl KaplanMeier {
    /// The table's counts as sBG data: lost in period t and censored after period t, for
    /// t ≥ 1 (subscriptions censored at 0 carry no information).
    pub fn sbg_data(&self) -> SbgData {
        let rows = self.rows.iter().filter(|r| r.period >= 1);
        SbgData {
            lost: rows.clone().map(|r| r.lost as f64).collect(),
            censored: rows.map(|r| r.censored as f64).collect(),
        }
    }

    /// S(t) for t = 0, 1, … (`km_survival` per `data-period`).
    pub fn survival(&self) -> Vec<f64> {
        self.rows.iter().map(|r| r.survival).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn close(a: f64, b: f64, rel: f64) -> bool {
        (a - b).abs() <= rel * b.abs()
    }

    fn sub(start: i32, end: Option<i32>, until: i32) -> Subscription {
        Subscription { start: Date(start), end: end.map(Date), observed_until: Date(until) }
    }

    /// Eight subscriptions in 10-day periods, worked by hand:
    ///
    /// ```text
    ///   A  ends day 5,  seen to 100   lost in 1 (⌈0.5⌉)
    ///   H  ends day 10, seen to 100   lost in 1 (⌈1.0⌉: a period paid, not renewed)
    ///   C  running,     seen to 15    censored after 1
    ///   G  ends day 28, seen to 29    lost in 3 but period 3 not seen in full: censored after 2
    ///   B  ends day 25, seen to 100   lost in 3
    ///   D  ends day 30, seen to 100   lost in 3
    ///   F  ends day 38, seen to 35    end not yet known: censored after 3
    ///   E  running,     seen to 42    censored after 4
    ///
    ///   t  n  d  c   S                       Greenwood Σ d/(n(n−d))
    ///   1  8  2  1   6/8 = 0.75               2/48 = 1/24
    ///   2  5  0  1   0.75                     1/24
    ///   3  4  2  1   0.75 · 2/4 = 0.375       1/24 + 2/8 = 7/24
    ///   4  1  0  1   0.375                    7/24
    /// ```
    ///
    /// Var S(1) = 0.5625/24 = 0.0234375, Var S(3) = 0.140625 · 7/24 = 0.041015625; the
    /// bands from the formula in the module header, evaluated with numpy in
    /// tests/models/other_reference.py.
    fn example() -> Vec<Subscription> {
        vec![
            sub(0, Some(5), 100),
            sub(0, Some(10), 100),
            sub(0, None, 15),
            sub(0, Some(28), 29),
            sub(0, Some(25), 100),
            sub(0, Some(30), 100),
            sub(0, Some(38), 35),
            sub(0, None, 42),
        ]
    }

    #[test]
    fn hand_computed_table() {
        // Shift the starts: only days since the start count.
        let subs: Vec<_> = example()
            .into_iter()
            .enumerate()
            .map(|(i, s)| {
                let k = 1000 * i as i32;
                sub(s.start.0 + k, s.end.map(|e| e.0 + k), s.observed_until.0 + k)
            })
            .collect();
        let km = kaplan_meier(&subs, Period::Days(10.0));
        assert_eq!(km.skipped, 0);
        let counts: Vec<_> = km.rows.iter().map(|r| (r.period, r.at_risk, r.lost, r.censored)).collect();
        assert_eq!(counts, vec![(0, 8, 0, 0), (1, 8, 2, 1), (2, 5, 0, 1), (3, 4, 2, 1), (4, 1, 0, 1)]);
        assert_eq!(km.survival(), vec![1.0, 0.75, 0.75, 0.375, 0.375]);
        let want = [
            (0.0234375, 0.314807113706, 0.930898317091),
            (0.0234375, 0.314807113706, 0.930898317091),
            (0.041015625, 0.055805071348, 0.716515789336),
            (0.041015625, 0.055805071348, 0.716515789336),
        ];
        for (row, (var, low, high)) in km.rows[1..].iter().zip(want) {
            assert!(close(row.variance.unwrap(), var, 1e-12), "{row:?}");
            assert!(close(row.low.unwrap(), low, 1e-9), "{row:?}");
            assert!(close(row.high.unwrap(), high, 1e-9), "{row:?}");
        }
        assert_eq!(km.rows[0].low, None);
        let sbg = km.sbg_data();
        assert_eq!(sbg.lost, vec![2.0, 0.0, 2.0, 0.0]);
        assert_eq!(sbg.censored, vec![1.0, 1.0, 1.0, 1.0]);
    }

    #[test]
    fn a_single_cohort_gives_the_survivor_counts() {
        // 10 subscriptions started together, seen for 3 whole months (30.4375 days):
        // 4 lost in month 1, 2 in month 2, 1 in month 3, 3 still running.
        let m = 30.4375;
        let ends = [10, 20, 25, 30, 40, 60, 70];
        let mut subs: Vec<_> = ends.iter().map(|&e| sub(0, Some(e), 92)).collect();
        subs.extend((0..3).map(|_| sub(0, None, 92)));
        let km = kaplan_meier(&subs, Period::Days(m));
        let survivors: Vec<f64> = km.survival().iter().map(|s| s * 10.0).collect();
        let expected = [10.0, 6.0, 4.0, 3.0];
        assert_eq!(survivors.len(), 4);
        for (s, e) in survivors.iter().zip(expected) {
            assert!((s - e).abs() < 1e-12, "{survivors:?}");
        }
        assert_eq!(km.sbg_data(), SbgData::from_survivors(&expected).unwrap());
    }

    #[test]
    fn everyone_lost_and_odd_input() {
        let km = kaplan_meier(
            &[sub(0, Some(3), 50), sub(0, Some(0), 50), sub(5, Some(2), 50), sub(9, None, 3)],
            Period::Days(7.0),
        );
        assert_eq!(km.skipped, 2);
        assert_eq!(km.rows.len(), 2);
        assert_eq!(km.rows[1].survival, 0.0);
        assert_eq!(km.rows[1].variance, None);
        assert_eq!((km.rows[1].low, km.rows[1].high), (None, None));
        let none = kaplan_meier(&[sub(0, None, 10)], Period::Days(0.0));
        assert!(none.rows.is_empty());
        assert_eq!(none.skipped, 1);
        assert!(kaplan_meier(&[], Period::Days(7.0)).rows.len() == 1);
    }

    #[test]
    fn the_band_stays_inside_the_unit_interval() {
        // Small risk sets make the plain band S ± 1.96 √Var leave [0, 1].
        let subs = [sub(0, Some(5), 100), sub(0, None, 100), sub(0, Some(15), 100)];
        let km = kaplan_meier(&subs, Period::Days(10.0));
        for r in &km.rows[1..] {
            if let (Some(lo), Some(hi)) = (r.low, r.high) {
                assert!(0.0 <= lo && lo <= r.survival && r.survival <= hi && hi <= 1.0, "{r:?}");
                let plain = r.survival + Z95 * r.variance.unwrap().sqrt();
                assert!(plain > 1.0 || r.survival - Z95 * r.variance.unwrap().sqrt() < 0.0);
            }
        }
    }

    #[test]
    fn subscriptions_to_an_sbg_fit() {
        // Fader & Hardie's regular cohort as 1,000 yearly subscriptions started on
        // 2000-01-01 and seen for 7 years and a day: the Kaplan-Meier counts are the
        // survivors 1000, 631, …, 241 and the fit gives α = 0.704, β = 1.182 (F&H 2007).
        use crate::models::sbg;
        let start = Date::from_ymd(2000, 1, 1).unwrap();
        let until = Date(start.0 + 2558);
        let survivors = [1000, 631, 468, 382, 326, 289, 262, 241];
        let mut subs = Vec::new();
        for t in 1..survivors.len() {
            for _ in 0..survivors[t - 1] - survivors[t] {
                // Ended during year t (mid-year).
                let end = Date(start.0 + (365.25 * (t as f64 - 0.5)) as i32);
                subs.push(Subscription { start, end: Some(end), observed_until: until });
            }
        }
        for _ in 0..241 {
            subs.push(Subscription { start, end: None, observed_until: until });
        }
        let km = kaplan_meier(&subs, Period::Days(365.25));
        let s: Vec<f64> = km.survival().iter().map(|s| (s * 1000.0).round()).collect();
        assert_eq!(s, survivors.iter().map(|&v| f64::from(v)).collect::<Vec<_>>());
        let f = sbg::fit(&km.sbg_data()).unwrap();
        assert!(close(f.model.alpha, 0.704, 1e-3) && close(f.model.beta, 1.182, 1e-3), "{:?}", f.model);
    }

    #[test]
    fn calendar_months() {
        let d = |y, m, day| Date::from_ymd(y, m, day).unwrap();
        let monthly = Period::CalendarMonths(1);
        // By hand: 31 January 2024 + 1 month = 29 February (clamped), + 2 = 31 March.
        assert_eq!(monthly.elapsed(d(2024, 1, 31), d(2024, 2, 28)), (0, false));
        assert_eq!(monthly.elapsed(d(2024, 1, 31), d(2024, 2, 29)), (1, true));
        assert_eq!(monthly.elapsed(d(2024, 1, 31), d(2024, 3, 30)), (1, false));
        assert_eq!(monthly.elapsed(d(2024, 1, 31), d(2024, 3, 31)), (2, true));
        assert_eq!(monthly.elapsed(d(2023, 7, 1), d(2024, 7, 1)), (12, true));
        assert_eq!(Period::CalendarMonths(3).elapsed(d(2023, 7, 1), d(2024, 6, 30)), (3, false));
        assert_eq!(Period::CalendarMonths(12).elapsed(d(2020, 2, 29), d(2021, 2, 28)), (1, true));
        // 1 July → 1 September: two months paid, lost in month 2; 62 days are 2.04 fixed
        // 30.4375-day months, which would put the loss in period 3.
        let s = Subscription { start: d(2023, 7, 1), end: Some(d(2023, 9, 1)), observed_until: d(2024, 1, 1) };
        let km = kaplan_meier(&[s], monthly);
        assert_eq!(km.rows.iter().map(|r| r.lost).collect::<Vec<_>>(), vec![0, 0, 1]);
        let fixed = kaplan_meier(&[s], Period::Days(30.4375));
        assert_eq!(fixed.rows.iter().map(|r| r.lost).collect::<Vec<_>>(), vec![0, 0, 0, 1]);
        // Seen until 29 February from 31 January: one whole month, censored after 1.
        let s = Subscription { start: d(2024, 1, 31), end: None, observed_until: d(2024, 2, 29) };
        let km = kaplan_meier(&[s], monthly);
        assert_eq!(km.rows.last().map(|r| (r.period, r.censored)), Some((1, 1)));
        assert_eq!(kaplan_meier(&[s], Period::CalendarMonths(0)).skipped, 1);
    }
}
