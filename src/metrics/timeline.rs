//! The periods of a log: from the one holding the first purchase to the one holding
//! the last, and their boundaries (each period's first day, plus the end of the last).

use crate::calendar::{Date, Granularity, Period};

#[derive(Clone, Debug, PartialEq)]
pub struct Timeline {
    periods: Vec<Period>,
    /// `bounds[i]` is the first day of period i; `bounds[len]` the end of the last.
    bounds: Vec<i32>,
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
        Timeline { periods, bounds }
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
    pub fn index_of(&self, day: i32) -> Option<usize> {
        let (&first, &end) = (self.bounds.first()?, self.bounds.last()?);
        if day < first || day >= end {
            return None;
        }
        Some(self.bounds.partition_point(|&b| b <= day) - 1)
    }

    /// How many boundaries are on or before `day`: the first boundary after `day`
    /// has this index.
    pub fn bounds_up_to(&self, day: i32) -> usize {
        self.bounds.partition_point(|&b| b <= day)
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
    fn no_purchases_no_periods() {
        let t = Timeline::new(Granularity::Year, 10, 9);
        assert!(t.is_empty());
        assert_eq!(t.index_of(10), None);
    }
}
