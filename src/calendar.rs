//! Calendar dates and reporting periods, without a date-time library.
//!
//! A [`Date`] is a day number (days since 1970-01-01), so that per-customer purchase
//! days are plain `i32`s: compact, fast to compare and to subtract. Conversions use
//! the proleptic Gregorian calendar (Howard Hinnant's `days_from_civil` algorithm).

use serde::{Deserialize, Serialize};
use std::fmt;

/// A calendar day, stored as days since 1970-01-01.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct Date(pub i32);

/// Whether `year` is a Gregorian leap year.
pub fn is_leap_year(year: i32) -> bool {
    (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
}

/// Number of days in `month` (1-12) of `year`; 0 for a month out of range.
pub fn days_in_month(year: i32, month: u32) -> u32 {
    match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if is_leap_year(year) => 29,
        2 => 28,
        _ => 0,
    }
}

/// Days since 1970-01-01 of a proleptic Gregorian date, for any year (no checks).
fn days_from_civil(year: i32, month: u32, day: u32) -> i32 {
    let y = if month <= 2 { year - 1 } else { year };
    let era = y.div_euclid(400);
    let yoe = y - era * 400; // [0, 399]
    let m = month as i32;
    let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + day as i32 - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

impl Date {
    /// The date for a year, month (1-12) and day (1-31), or `None` when no such day
    /// exists (31-02-2024, month 13, years outside 1..=9999).
    pub fn from_ymd(year: i32, month: u32, day: u32) -> Option<Date> {
        if !(1..=9999).contains(&year) || day == 0 || day > days_in_month(year, month) {
            return None;
        }
        Some(Date(days_from_civil(year, month, day)))
    }

    /// Year, month (1-12) and day (1-31).
    pub fn ymd(self) -> (i32, u32, u32) {
        let z = self.0 + 719_468;
        let era = z.div_euclid(146_097);
        let doe = z - era * 146_097;
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        let mp = (5 * doy + 2) / 153;
        let day = (doy - (153 * mp + 2) / 5 + 1) as u32;
        let month = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
        let year = yoe + era * 400 + i32::from(month <= 2);
        (year, month, day)
    }

    /// Day of the week, Monday = 0 ... Sunday = 6.
    pub fn weekday(self) -> u32 {
        // 1970-01-01 was a Thursday (3).
        (self.0 + 3).rem_euclid(7) as u32
    }

    /// The ISO 8601 week-numbering year and week (1-53).
    pub fn iso_week(self) -> (i32, u32) {
        // The week belongs to the year that holds its Thursday.
        let thursday = Date(self.0 - self.weekday() as i32 + 3);
        let (year, _, _) = thursday.ymd();
        let jan1 = days_from_civil(year, 1, 1);
        (year, ((thursday.0 - jan1) / 7 + 1) as u32)
    }

    /// The Monday that starts ISO week `week` of ISO year `year`.
    pub fn from_iso_week(year: i32, week: u32) -> Option<Date> {
        let jan4 = Date::from_ymd(year, 1, 4)?;
        let week1_monday = jan4.0 - jan4.weekday() as i32;
        let monday = Date(week1_monday + (week as i32 - 1) * 7);
        (week >= 1 && monday.iso_week() == (year, week)).then_some(monday)
    }

    pub fn add_days(self, days: i32) -> Date {
        Date(self.0 + days)
    }
}

impl Date {
    /// `YYYY-MM-DD` (as URLs and `data-value`s write a date); `None` for anything else.
    pub fn from_iso(text: &str) -> Option<Date> {
        let b = text.as_bytes();
        let digits = |r: std::ops::Range<usize>| b[r].iter().all(u8::is_ascii_digit);
        if b.len() != 10 || b[4] != b'-' || b[7] != b'-' || !digits(0..4) || !digits(5..7) || !digits(8..10) {
            return None;
        }
        let num = |r: std::ops::Range<usize>| text.get(r)?.parse::<u32>().ok();
        Date::from_ymd(num(0..4)? as i32, num(5..7)?, num(8..10)?)
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let (y, m, d) = self.ymd();
        write!(f, "{y:04}-{m:02}-{d:02}")
    }
}

/// How long a reporting period is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
pub enum Granularity {
    /// An ISO week, Monday to Sunday.
    Week,
    #[default]
    Month,
    Quarter,
    Year,
}

impl Granularity {
    pub const ALL: [Granularity; 4] = [Self::Week, Self::Month, Self::Quarter, Self::Year];

    /// The name used in URLs and `data-setting` values.
    pub fn key(self) -> &'static str {
        match self {
            Self::Week => "week",
            Self::Month => "month",
            Self::Quarter => "quarter",
            Self::Year => "year",
        }
    }

    pub fn from_key(key: &str) -> Option<Granularity> {
        Self::ALL.into_iter().find(|g| g.key() == key)
    }
}

/// The time unit of the lifetime-value models (METRICS.md, "Calibration and holdout"):
/// x, t_x, T, horizons and discounting are all counted in it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
pub enum TimeUnit {
    Day,
    #[default]
    Week,
    Month,
}

impl TimeUnit {
    pub const ALL: [TimeUnit; 3] = [Self::Day, Self::Week, Self::Month];

    /// Its length in days: 1, 7 and 30.4375 (a Gregorian year of 365.25 days / 12).
    pub fn days(self) -> f64 {
        match self {
            Self::Day => 1.0,
            Self::Week => 7.0,
            Self::Month => 30.4375,
        }
    }

    /// How many of it make a year of 365.25 days.
    pub fn per_year(self) -> f64 {
        365.25 / self.days()
    }

    /// The name used in URLs and `data-setting` values.
    pub fn key(self) -> &'static str {
        match self {
            Self::Day => "day",
            Self::Week => "week",
            Self::Month => "month",
        }
    }

    pub fn from_key(key: &str) -> Option<TimeUnit> {
        Self::ALL.into_iter().find(|u| u.key() == key)
    }
}

/// One reporting period: a week, month, quarter or year.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct Period {
    granularity_rank: u8,
    /// Week: the Monday's day number. Month: year * 12 + month - 1.
    /// Quarter: year * 4 + quarter - 1. Year: the year.
    index: i32,
}

impl Period {
    pub fn granularity(self) -> Granularity {
        Granularity::ALL[self.granularity_rank as usize]
    }

    fn new(granularity: Granularity, index: i32) -> Period {
        let granularity_rank =
            Granularity::ALL.iter().position(|g| *g == granularity).expect("granularity is listed") as u8;
        Period { granularity_rank, index }
    }

    /// The period of `granularity` that holds `date`.
    pub fn containing(granularity: Granularity, date: Date) -> Period {
        let (y, m, _) = date.ymd();
        let index = match granularity {
            Granularity::Week => date.0 - date.weekday() as i32,
            Granularity::Month => y * 12 + m as i32 - 1,
            Granularity::Quarter => y * 4 + (m as i32 - 1) / 3,
            Granularity::Year => y,
        };
        Period::new(granularity, index)
    }

    pub fn month(year: i32, month: u32) -> Option<Period> {
        Date::from_ymd(year, month, 1).map(|d| Period::containing(Granularity::Month, d))
    }

    pub fn quarter(year: i32, quarter: u32) -> Option<Period> {
        (1..=4)
            .contains(&quarter)
            .then(|| Period::month(year, quarter * 3 - 2))?
            .map(|p| Period::containing(Granularity::Quarter, p.start()))
    }

    pub fn year(year: i32) -> Option<Period> {
        Date::from_ymd(year, 1, 1).map(|d| Period::containing(Granularity::Year, d))
    }

    pub fn iso_week(year: i32, week: u32) -> Option<Period> {
        Date::from_iso_week(year, week).map(|d| Period::containing(Granularity::Week, d))
    }

    /// The first day of the period.
    pub fn start(self) -> Date {
        let i = self.index;
        // Any year: the period after one in 9999 starts in 10000.
        let first = |y: i32, m: u32| Date(days_from_civil(y, m, 1));
        match self.granularity() {
            Granularity::Week => Date(i),
            Granularity::Month => first(i.div_euclid(12), (i.rem_euclid(12) + 1) as u32),
            Granularity::Quarter => first(i.div_euclid(4), (i.rem_euclid(4) * 3 + 1) as u32),
            Granularity::Year => first(i, 1),
        }
    }

    /// The period that follows this one.
    pub fn next(self) -> Period {
        let step = if self.granularity() == Granularity::Week { 7 } else { 1 };
        Period { index: self.index + step, ..self }
    }

    /// The first day after the period (its exclusive end).
    pub fn end(self) -> Date {
        self.next().start()
    }
}

/// The label used in `data-period`: `2024-03`, `2024-W09`, `2024-Q1`, `2024`.
impl fmt::Display for Period {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let i = self.index;
        match self.granularity() {
            Granularity::Week => {
                let (y, w) = Date(i).iso_week();
                write!(f, "{y:04}-W{w:02}")
            }
            Granularity::Month => write!(f, "{:04}-{:02}", i.div_euclid(12), i.rem_euclid(12) + 1),
            Granularity::Quarter => write!(f, "{:04}-Q{}", i.div_euclid(4), i.rem_euclid(4) + 1),
            Granularity::Year => write!(f, "{i:04}"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_period_after_9999_starts_after_it() {
        for g in Granularity::ALL {
            let p = Period::containing(g, Date::from_ymd(9999, 12, 31).unwrap());
            assert!(p.end() > p.start(), "{g:?}");
            // 9999-12-31 is a Friday: its week ends on Monday 10000-01-03.
            assert_eq!(p.end().0 - Date::from_ymd(9999, 12, 31).unwrap().0, if g == Granularity::Week { 3 } else { 1 });
        }
    }

    #[test]
    fn known_day_numbers() {
        // Day numbers checked against `date -d 2024-02-29 +%s` / 86400.
        assert_eq!(Date::from_ymd(1970, 1, 1), Some(Date(0)));
        assert_eq!(Date::from_ymd(2000, 3, 1), Some(Date(11_017)));
        assert_eq!(Date::from_ymd(2024, 2, 29), Some(Date(19_782)));
        assert_eq!(Date::from_ymd(1969, 12, 31), Some(Date(-1)));
    }

    #[test]
    fn impossible_dates_are_none() {
        assert_eq!(Date::from_ymd(2024, 2, 30), None);
        assert_eq!(Date::from_ymd(2023, 2, 29), None);
        assert_eq!(Date::from_ymd(1900, 2, 29), None);
        assert_eq!(Date::from_ymd(2024, 13, 1), None);
        assert_eq!(Date::from_ymd(2024, 4, 31), None);
        assert_eq!(Date::from_ymd(2024, 1, 0), None);
        assert!(Date::from_ymd(2000, 2, 29).is_some());
    }

    #[test]
    fn round_trip_over_four_centuries() {
        let start = Date::from_ymd(1900, 1, 1).unwrap().0;
        for n in start..start + 146_097 {
            let (y, m, d) = Date(n).ymd();
            assert_eq!(Date::from_ymd(y, m, d), Some(Date(n)));
        }
    }

    #[test]
    fn weekdays_and_iso_weeks() {
        // 2024-03-04 is a Monday in ISO week 10; 2021-01-03 (a Sunday) is in 2020-W53;
        // 2024-12-30 (a Monday) starts 2025-W01.
        let d = Date::from_ymd(2024, 3, 4).unwrap();
        assert_eq!(d.weekday(), 0);
        assert_eq!(d.iso_week(), (2024, 10));
        assert_eq!(Date::from_ymd(2021, 1, 3).unwrap().iso_week(), (2020, 53));
        assert_eq!(Date::from_ymd(2024, 12, 30).unwrap().iso_week(), (2025, 1));
        assert_eq!(Date::from_iso_week(2025, 1), Date::from_ymd(2024, 12, 30));
        assert_eq!(Date::from_iso_week(2024, 53), None);
        assert!(Date::from_iso_week(2020, 53).is_some());
    }

    #[test]
    fn weeks_past_year_9999_are_no_period_and_no_panic() {
        assert_eq!(Date::from_iso_week(9998, 999), None);
        assert_eq!(Date::from_iso_week(9999, 60), None);
        assert!(Date(3_000_000).iso_week().0 > 9999);
    }

    #[test]
    fn periods_label_start_and_end() {
        let d = Date::from_ymd(2024, 3, 15).unwrap();
        let cases = [
            (Granularity::Week, "2024-W11", (2024, 3, 11), (2024, 3, 18)),
            (Granularity::Month, "2024-03", (2024, 3, 1), (2024, 4, 1)),
            (Granularity::Quarter, "2024-Q1", (2024, 1, 1), (2024, 4, 1)),
            (Granularity::Year, "2024", (2024, 1, 1), (2025, 1, 1)),
        ];
        for (g, label, start, end) in cases {
            let p = Period::containing(g, d);
            assert_eq!(p.to_string(), label);
            assert_eq!(p.start().ymd(), start);
            assert_eq!(p.end().ymd(), end);
            assert_eq!(p.granularity(), g);
        }
        assert_eq!(Period::month(2024, 12).unwrap().next().to_string(), "2025-01");
        assert_eq!(Period::quarter(2024, 4).unwrap().next().to_string(), "2025-Q1");
        assert_eq!(Period::quarter(2024, 5), None);
    }

    #[test]
    fn time_units_and_iso_dates() {
        assert_eq!(TimeUnit::Month.days() * 12.0, 365.25);
        assert_eq!(TimeUnit::Week.per_year(), 365.25 / 7.0);
        for u in TimeUnit::ALL {
            assert_eq!(TimeUnit::from_key(u.key()), Some(u));
        }
        assert_eq!(Date::from_iso("2024-02-29"), Date::from_ymd(2024, 2, 29));
        assert_eq!(Date::from_iso("2023-02-29"), None);
        assert_eq!(Date::from_iso("2024-2-29"), None);
        assert_eq!(Date::from_iso("2024-02-2x"), None);
        assert_eq!(Date::from_iso("+024-02-20"), None);
    }
}
