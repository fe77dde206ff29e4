//! `calendar` against an independent implementation, chrono (a dev-dependency only):
//! every day from 1900-01-01 to 2100-12-31, and a sparse sweep over years 1 to 9999.
//! Day numbers, year/month/day, weekdays, ISO weeks, leap years, month lengths, and
//! the start, end, successor and label of every week, month, quarter and year.

use chrono::{Datelike, Months, NaiveDate, Weekday};
use retention::calendar::{days_in_month, is_leap_year, Date, Granularity, Period};

fn epoch() -> NaiveDate {
    NaiveDate::from_ymd_opt(1970, 1, 1).unwrap()
}

/// chrono's date for one of our day numbers.
fn chrono_of(day: i32) -> NaiveDate {
    epoch().checked_add_signed(chrono::TimeDelta::days(i64::from(day))).unwrap()
}

/// Our day number for a chrono date.
fn day_of(date: NaiveDate) -> i32 {
    date.signed_duration_since(epoch()).num_days() as i32
}

/// Every day of years `from..=to` (chrono's count, from its own calendar).
fn days(from: i32, to: i32) -> impl Iterator<Item = NaiveDate> {
    let first = NaiveDate::from_ymd_opt(from, 1, 1).unwrap();
    let last = NaiveDate::from_ymd_opt(to, 12, 31).unwrap();
    first.iter_days().take_while(move |d| *d <= last)
}

/// Day number, year/month/day, weekday and ISO week of one day.
fn check_day(c: NaiveDate) {
    let n = day_of(c);
    let ours = Date::from_ymd(c.year(), c.month(), c.day());
    assert_eq!(ours, Some(Date(n)), "{c}");
    let d = Date(n);
    assert_eq!(d.ymd(), (c.year(), c.month(), c.day()), "{c}");
    assert_eq!(d.weekday(), c.weekday().num_days_from_monday(), "{c}");
    let iso = c.iso_week();
    assert_eq!(d.iso_week(), (iso.year(), iso.week()), "{c}");
    assert_eq!(d.to_string(), format!("{:04}-{:02}-{:02}", c.year(), c.month(), c.day()), "{c}");
    assert_eq!(d.add_days(1), Date(day_of(c.succ_opt().unwrap())), "{c}");
}

#[test]
fn every_day_from_1900_to_2100() {
    let mut count = 0;
    for c in days(1900, 2100) {
        check_day(c);
        count += 1;
    }
    // 201 years, 49 of them leap years (1900 is not, 2000 is).
    assert_eq!(count, 201 * 365 + 49);
}

#[test]
fn every_997th_day_of_years_1_to_9999() {
    let first = day_of(NaiveDate::from_ymd_opt(1, 1, 1).unwrap());
    let last = day_of(NaiveDate::from_ymd_opt(9999, 12, 31).unwrap());
    for n in (first..=last).step_by(997).chain([first, last]) {
        check_day(chrono_of(n));
    }
}

#[test]
fn impossible_dates_are_none_as_in_chrono() {
    for year in (1900..=2100).chain([1, 4, 100, 400, 9996, 9999]) {
        for month in 0..=13 {
            for day in 0..=32 {
                let theirs = NaiveDate::from_ymd_opt(year, month, day).map(day_of).map(Date);
                assert_eq!(Date::from_ymd(year, month, day), theirs, "{year}-{month}-{day}");
            }
        }
    }
}

#[test]
fn leap_years_and_month_lengths() {
    for year in 1..=9999 {
        assert_eq!(is_leap_year(year), NaiveDate::from_ymd_opt(year, 2, 29).is_some(), "{year}");
        for month in 1..=12 {
            let first = NaiveDate::from_ymd_opt(year, month, 1).unwrap();
            let length = first.checked_add_months(Months::new(1)).unwrap().signed_duration_since(first).num_days();
            assert_eq!(i64::from(days_in_month(year, month)), length, "{year}-{month}");
        }
    }
}

#[test]
fn iso_week_mondays() {
    for year in 1900..=2100 {
        for week in 0..=54 {
            let theirs = NaiveDate::from_isoywd_opt(year, week, Weekday::Mon).map(day_of).map(Date);
            assert_eq!(Date::from_iso_week(year, week), theirs, "{year}-W{week}");
        }
    }
}

/// The period of `granularity` holding `c`, by chrono: its first day, the first day
/// after it, and its label.
fn chrono_period(granularity: Granularity, c: NaiveDate) -> (NaiveDate, NaiveDate, String) {
    let month_start = |m: u32| NaiveDate::from_ymd_opt(c.year(), m, 1).unwrap();
    match granularity {
        Granularity::Week => {
            let monday = c - chrono::TimeDelta::days(i64::from(c.weekday().num_days_from_monday()));
            let iso = c.iso_week();
            (monday, monday + chrono::TimeDelta::days(7), format!("{:04}-W{:02}", iso.year(), iso.week()))
        }
        Granularity::Month => {
            let start = month_start(c.month());
            (start, start + Months::new(1), format!("{:04}-{:02}", c.year(), c.month()))
        }
        Granularity::Quarter => {
            let q = (c.month() - 1) / 3;
            let start = month_start(q * 3 + 1);
            (start, start + Months::new(3), format!("{:04}-Q{}", c.year(), q + 1))
        }
        Granularity::Year => {
            let start = month_start(1);
            (start, start + Months::new(12), format!("{:04}", c.year()))
        }
    }
}

#[test]
fn periods_of_every_day_from_1900_to_2100() {
    for c in days(1900, 2100) {
        for g in Granularity::ALL {
            let p = Period::containing(g, Date(day_of(c)));
            let (start, end, label) = chrono_period(g, c);
            assert_eq!(p.start(), Date(day_of(start)), "{g:?} {c}");
            assert_eq!(p.end(), Date(day_of(end)), "{g:?} {c}");
            assert_eq!(p.to_string(), label, "{g:?} {c}");
            assert_eq!(p.granularity(), g);
            // The next period starts where this one ends.
            assert_eq!(p.next().start(), p.end(), "{g:?} {c}");
        }
    }
}

#[test]
fn period_constructors() {
    for year in 1900..=2100 {
        for month in 1..=12 {
            let first = NaiveDate::from_ymd_opt(year, month, 1).unwrap();
            assert_eq!(Period::month(year, month).unwrap().start(), Date(day_of(first)));
        }
        for quarter in 1..=4 {
            let first = NaiveDate::from_ymd_opt(year, quarter * 3 - 2, 1).unwrap();
            assert_eq!(Period::quarter(year, quarter).unwrap().start(), Date(day_of(first)));
        }
        assert_eq!(Period::year(year).unwrap().start(), Date(day_of(NaiveDate::from_ymd_opt(year, 1, 1).unwrap())));
        for week in 1..=53 {
            let theirs = NaiveDate::from_isoywd_opt(year, week, Weekday::Mon).map(|d| Date(day_of(d)));
            assert_eq!(Period::iso_week(year, week).map(Period::start), theirs, "{year}-W{week}");
        }
    }
}
