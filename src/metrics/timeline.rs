//! The periods of a log: from the one holding the first purchase to the one holding
//! the last, and their boundaries (each period's first day, plus the end of the last).

use crate::calendar::{Date, Granularity, Period};

#[derive(Clone, Debug, PartialEq)]
pub struct Timeline {
    periods: Vec<Period>,
    /// `bounds[i]` is the first day of period i; `bounds[len]` the end of the last.
    bounds: Vec<i32>,
    /// For every day from `bounds[0]` to the end, its period index: lookups without a
    /// search (the metrics look up every purchase day). Empty for absurdly long spans,
    /// which fall back to a binary search.
    day_index: Vec<u32>,
    /// `bounds[0]` and `bounds[len]` (an empty range when there are no periods).
    start: i32,
    end: i32,
}

/// The longest span (in days) given a lookup table: about 270 years.
const MAX_TABLE_DAYS: i64 = 100_000;

/// The most periods an analysis shows: cohorts grow with its square, and a page with
/// more rows than this helps nobody (19 years of weeks, 83 of months).
pub const MAX_PERIODS: usize = 1000;

/// How many periods of `granularity` cover `first..=last` (days).
pub fn periods_between(granularity: Granularity, first: i32, last: i32) -> usize {
    if last < first {
        return 0;
    }
    let (a, b) = (Period::containing(granularity, Date(first)), Period::containing(granularity, Date(last)));
    let steps = |x: Period| match granularity {
        Granularity::Week => x.start().0.div_euclid(7) as i64,
        Granularity::Month => {
            let (y, m, _) = x.start().ymd();
            i64::from(y) * 12 + i64::from(m)
        }
        Granularity::Quarter => {
            let (y, m, _) = x.start().ymd();
            i64::from(y) * 4 + i64::from((m - 1) / 3)
        }
        Granularity::Year => i64::from(x.start().ymd().0),
    };
    (steps(b) - steps(a) + 1) as usize
}

impl Timeline {
    /// The periods covering `first..=last` (days). Empty when `last < first`.
    pub fn new(granularity: Granularity, first: i32, last: i32) -> Timeline {
        let mut periods = Vec::new();
        let mut bounds = Vec::new();
        if last >= first {
            let mut p = Period::containing(granularity, Date(first));
            bounds.push(p.start().0);
            while p.start().0 <= last {
                periods.push(p);
                p = p.next();
                bounds.push(p.start().0);
            }
        }
        let mut day_index = Vec::new();
        if let (Some(&start), Some(&end)) = (bounds.first(), bounds.last()) {
            if i64::from(end) - i64::from(start) <= MAX_TABLE_DAYS {
                day_index.reserve((end - start) as usize);
                for (i, w) in bounds.windows(2).enumerate() {
                    day_index.extend(std::iter::repeat_n(i as u32, (w[1] - w[0]) as usize));
                }
            }
        }
        let (start, end) = match (bounds.first(), bounds.last()) {
            (Some(&start), Some(&end)) => (start, end),
            _ => (i32::MAX, i32::MIN),
        };
        Timeline { periods, bounds, day_index, start, end }
    }

    pub fn periods(&self) -> &[Period] {
        &self.periods
    }

    pub fn len(&self) -> usize {
        self.periods.len()
    }

    pub fn is_empty(&self) -> bool {
        self.periods.is_empty()
    }

    /// The boundaries: `len() + 1` days when not empty.
    pub fn bounds(&self) -> &[i32] {
        &self.bounds
    }

    /// The index of the period holding `day`, if the timeline covers it.
    #[inline]
    pub fn index_of(&self, day: i32) -> Option<usize> {
        if day < self.start || day >= self.end {
            return None;
        }
        match self.day_index.get((day - self.start) as usize) {
            Some(&i) => Some(i as usize),
            None => Some(self.bounds.partition_point(|&b| b <= day) - 1),
        }
    }

    /// How many boundaries are on or before `day`: the first boundary after `day`
    /// has this index.
    #[inline]
    pub fn bounds_up_to(&self, day: i32) -> usize {
        // One table look-up for a day within the periods (a day before them wraps
        // around to an offset past the table's end).
        match self.day_index.get(day.wrapping_sub(self.start) as u32 as usize) {
            Some(&i) => i as usize + 1,
            None if day < self.start => 0,
            None if day >= self.end => self.bounds.len(),
            None => self.bounds.partition_point(|&b| b <= day),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(y: i32, m: u32, d: u32) -> i32 {
        Date::from_ymd(y, m, d).unwrap().0
    }

    #[test]
    fn months_from_first_to_last_purchase() {
        let t = Timeline::new(Granularity::Month, day(2024, 1, 15), day(2024, 3, 1));
        let labels: Vec<String> = t.periods().iter().map(|p| p.to_string()).collect();
        assert_eq!(labels, ["2024-01", "2024-02", "2024-03"]);
        assert_eq!(t.bounds(), [day(2024, 1, 1), day(2024, 2, 1), day(2024, 3, 1), day(2024, 4, 1)]);
        assert_eq!(t.index_of(day(2024, 1, 1)), Some(0));
        assert_eq!(t.index_of(day(2024, 2, 29)), Some(1));
        assert_eq!(t.index_of(day(2024, 3, 31)), Some(2));
        assert_eq!(t.index_of(day(2024, 4, 1)), None);
        assert_eq!(t.index_of(day(2023, 12, 31)), None);
        // The first boundary after 2024-02-10 is 2024-03-01, index 2.
        assert_eq!(t.bounds_up_to(day(2024, 2, 10)), 2);
    }

    #[test]
    fn iso_weeks_across_a_new_year() {
        // 2024-12-30 is a Monday in ISO week 2025-W01.
        let t = Timeline::new(Granularity::Week, day(2024, 12, 29), day(2025, 1, 6));
        let labels: Vec<String> = t.periods().iter().map(|p| p.to_string()).collect();
        assert_eq!(labels, ["2024-W52", "2025-W01", "2025-W02"]);
    }

    #[test]
    fn the_lookup_table_agrees_with_a_search() {
        for g in Granularity::ALL {
            let t = Timeline::new(g, day(2023, 11, 20), day(2025, 2, 3));
            for d in day(2023, 1, 1)..day(2026, 1, 1) {
                assert_eq!(t.bounds_up_to(d), t.bounds().partition_point(|&b| b <= d), "{g:?} {d}");
            }
            assert_eq!((t.bounds_up_to(i32::MIN), t.bounds_up_to(i32::MAX)), (0, t.bounds().len()));
        }
        // A span too long for a table: the search still answers.
        let t = Timeline::new(Granularity::Year, day(1, 1, 1), day(9999, 12, 31));
        assert!(t.day_index.is_empty());
        assert_eq!(t.index_of(day(2024, 6, 1)), Some(2023));
        assert_eq!(t.bounds_up_to(day(2024, 6, 1)), 2024);
    }

    #[test]
    fn counting_periods_without_building_them() {
        for g in Granularity::ALL {
            for (a, b) in [((2023, 11, 20), (2025, 2, 3)), ((2024, 1, 1), (2024, 1, 1)), ((1999, 12, 31), (2000, 1, 3))]
            {
                let (first, last) = (day(a.0, a.1, a.2), day(b.0, b.1, b.2));
                assert_eq!(periods_between(g, first, last), Timeline::new(g, first, last).len(), "{g:?} {a:?} {b:?}");
            }
        }
        // 0001-01-01 is a Monday; 3,652,059 days are 521,722 weeks and 5 days.
        assert_eq!(periods_between(Granularity::Week, day(1, 1, 1), day(9999, 12, 31)), 521_723);
        assert_eq!(periods_between(Granularity::Month, 5, 4), 0);
    }

    #[test]
    fn no_purchases_no_periods() {
        let t = Timeline::new(Granularity::Year, 10, 9);
        assert!(t.is_empty());
        assert_eq!(t.index_of(10), None);
        assert_eq!((t.bounds_up_to(i32::MIN), t.bounds_up_to(10), t.bounds_up_to(i32::MAX)), (0, 0, 0));
    }
}
