//! Date cells as exports write them: `2024-03-05`, `05-03-2024`, `03/05/2024`,
//! `5-3-24`, `20240305`, `45356` (an Excel serial), `5 mrt 2024`, `March 5, 2024`,
//! each optionally followed by a time of day.
//!
//! The format is a property of the column, never guessed from one cell:
//! [`DateFormat::infer`] looks at every value it is shown and either settles the
//! format, or says that day-first and month-first both fit ([`Inference::Ambiguous`]:
//! the UI then asks the user), or that the column does not hold dates.
//! [`DateFormat::parse`] then reads each cell strictly in that one format, on bytes
//! and without allocating, and says why a cell is not a date ([`DateError`]).
//!
//! A time of day after the date (`14:30`, `T14:30:00Z`, `+01:00`, `2:30 PM`) is
//! checked and then ignored: a day is the calendar date as written, never shifted
//! between time zones. Two-digit years `00`-`69` are 2000-2069 and `70`-`99` are
//! 1970-1999. Dates outside [`MIN_YEAR`]..=[`MAX_YEAR`] are refused.

use serde::{Deserialize, Serialize};
use std::fmt;
use std::ops::RangeInclusive;

use super::month_names::month_number;
use crate::calendar::{days_in_month, Date};

/// The earliest year accepted.
pub const MIN_YEAR: i32 = 1900;
/// The latest year accepted.
pub const MAX_YEAR: i32 = 2200;
/// The Excel serials accepted as dates: 1954-10-03 to 2119-01-11. Smaller or larger
/// numbers are far more likely counts or amounts than days.
pub const EXCEL_SERIALS: RangeInclusive<u32> = 20_000..=80_000;

/// How the dates of one column are written.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum DateFormat {
    /// Year, month, day: `2024-03-05`, `2024/3/5`, `2024.03.05`.
    YearMonthDay,
    /// Day, month, year: `05-03-2024`, `5/3/2024`, `05.03.2024`, `5-3-24`.
    DayMonthYear,
    /// Month, day, year: `03/05/2024`, `3-5-24`.
    MonthDayYear,
    /// Eight digits, year, month, day: `20240305`.
    Compact,
    /// Excel's day number in the 1900 date system: `45356`; a fraction is the
    /// time of day (`45356.5`, `45356,5`).
    ExcelSerial,
    /// A Dutch or English month name: `5 mrt 2024`, `5 maart 2024`, `5-Mar-2024`,
    /// `05-mrt-24`, `March 5, 2024`, `Tue, 5 Mar 2024`.
    MonthName,
}

impl DateFormat {
    /// An example of the format, the same in every language.
    pub fn example(self) -> &'static str {
        match self {
            DateFormat::YearMonthDay => "2024-03-31",
            DateFormat::DayMonthYear => "31-03-2024",
            DateFormat::MonthDayYear => "03/31/2024",
            DateFormat::Compact => "20240331",
            DateFormat::ExcelSerial => "45382",
            DateFormat::MonthName => "31 mrt 2024",
        }
    }
}

/// What [`DateFormat::infer`] found out about a column.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Inference {
    /// The values fit this format (some may still be impossible days or not dates:
    /// [`DateFormat::parse`] reports those one by one).
    Settled(DateFormat),
    /// Some values prove day-first (`25/03/2024`) and others month-first
    /// (`03/25/2024`). `format` is the reading of the majority; the other values
    /// will not parse in it.
    Inconsistent { format: DateFormat, day_first: usize, month_first: usize },
    /// Nothing settles whether the day or the month comes first (every value is
    /// like `03/04/2024`), or as many values prove the one as the other: the user
    /// must choose. Day-first is listed first.
    Ambiguous { candidates: Vec<DateFormat> },
    /// No format fits more than half of the non-empty values, or there are none.
    Unrecognised,
}

/// Why a cell is not a date.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DateError {
    /// The cell is empty or blank.
    Empty,
    /// The text is not a date in the column's format.
    NotADate,
    /// The text has the format, but the day is not in the calendar (`31-02-2024`,
    /// `2023-02-29`, month 13, Excel's 1900-02-29).
    DoesNotExist { year: i32, month: u32, day: u32 },
    /// A real day, but outside [`MIN_YEAR`]..=[`MAX_YEAR`], or an Excel serial
    /// outside [`EXCEL_SERIALS`].
    OutOfRange,
}

impl fmt::Display for DateError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            DateError::Empty => f.write_str("the date is missing"),
            DateError::NotADate => f.write_str("not a date in this column's format"),
            DateError::DoesNotExist { year, month, day } => {
                write!(f, "{year:04}-{month:02}-{day:02} does not exist")
            }
            DateError::OutOfRange => write!(f, "the date is not between {MIN_YEAR} and {MAX_YEAR}"),
        }
    }
}

impl std::error::Error for DateError {}

/// Whether to read an ambiguous column day-first when the user has not said: a
/// `;` file comes from a locale (Dutch, German, French Excel) that writes the day
/// first. A hint for [`Inference::resolve`], never applied by [`DateFormat::infer`].
pub fn prefer_day_first(delimiter: u8) -> bool {
    delimiter == b';'
}

impl Inference {
    /// The format to use: the settled or majority one, or for an ambiguous column
    /// the day-first or month-first candidate as `prefer_day_first` says. `None`
    /// when the column is not dates.
    pub fn resolve(&self, prefer_day_first: bool) -> Option<DateFormat> {
        match self {
            Inference::Settled(format) | Inference::Inconsistent { format, .. } => Some(*format),
            Inference::Ambiguous { candidates } => {
                let wanted = if prefer_day_first { DateFormat::DayMonthYear } else { DateFormat::MonthDayYear };
                candidates.iter().copied().find(|&f| f == wanted).or_else(|| candidates.first().copied())
            }
            Inference::Unrecognised => None,
        }
    }
}

impl DateFormat {
    pub const ALL: [DateFormat; 6] =
        [Self::YearMonthDay, Self::DayMonthYear, Self::MonthDayYear, Self::Compact, Self::ExcelSerial, Self::MonthName];

    /// The name used in URLs and settings.
    pub fn key(self) -> &'static str {
        match self {
            Self::YearMonthDay => "ymd",
            Self::DayMonthYear => "dmy",
            Self::MonthDayYear => "mdy",
            Self::Compact => "yyyymmdd",
            Self::ExcelSerial => "excel",
            Self::MonthName => "month-name",
        }
    }

    pub fn from_key(key: &str) -> Option<DateFormat> {
        Self::ALL.into_iter().find(|f| f.key() == key)
    }

    /// Settles the format of a column from its values (all of them, or a large
    /// sample). Blank values are skipped. Day-first versus month-first is decided
    /// by the whole column: a first part above 12 proves day-first, a second part
    /// above 12 proves month-first. Excel serials are only considered when every
    /// value is a plain number within [`EXCEL_SERIALS`].
    pub fn infer<'a>(values: impl IntoIterator<Item = &'a str>) -> Inference {
        let mut n = Counts::default();
        for value in values {
            let b = value.trim().as_bytes();
            if b.is_empty() {
                continue;
            }
            n.values += 1;
            if let Some(t) = Triple::scan(b) {
                if t.is_year_first() {
                    n.ymd += 1;
                } else if t.is_year_last() {
                    n.triple += 1;
                    let (first, second) = (t.a.value, t.b.value);
                    if (13..=31).contains(&first) && (1..=12).contains(&second) {
                        n.day_first += 1;
                    } else if (13..=31).contains(&second) && (1..=12).contains(&first) {
                        n.month_first += 1;
                    }
                }
            } else if let Some(whole) = plain_number(b) {
                n.numbers += 1;
                if u32::try_from(whole).is_ok_and(|s| EXCEL_SERIALS.contains(&s)) {
                    n.excel += 1;
                }
                if compact(b).is_ok() {
                    n.compact += 1;
                }
            } else if compact(b).is_ok() {
                n.compact += 1;
            } else if month_name(b).is_some() {
                n.named += 1;
            }
        }
        n.decide()
    }

    /// Reads one cell in this format. Surrounding whitespace is ignored, and so is a
    /// time of day after the date.
    pub fn parse(self, text: &str) -> Result<Date, DateError> {
        let b = text.trim_ascii().as_bytes();
        if b.is_empty() {
            return Err(DateError::Empty);
        }
        match self {
            Self::YearMonthDay | Self::DayMonthYear | Self::MonthDayYear => {
                let t = Triple::scan(b).ok_or(DateError::NotADate)?;
                let (year, month, day) = match self {
                    Self::YearMonthDay if t.is_year_first() => (t.a.value as i32, t.b.value, t.c.value),
                    Self::DayMonthYear if t.is_year_last() => (t.c.year(), t.b.value, t.a.value),
                    Self::MonthDayYear if t.is_year_last() => (t.c.year(), t.a.value, t.b.value),
                    _ => return Err(DateError::NotADate),
                };
                calendar_day(year, month, day)
            }
            Self::Compact => compact(b),
            Self::ExcelSerial => {
                let whole = plain_number(b).ok_or(DateError::NotADate)?;
                match u32::try_from(whole) {
                    Ok(serial) if EXCEL_SERIALS.contains(&serial) => excel_day(serial),
                    _ => Err(DateError::OutOfRange),
                }
            }
            Self::MonthName => {
                let (year, month, day) = month_name(b).ok_or(DateError::NotADate)?;
                calendar_day(year, month, day)
            }
        }
    }
}

/// Tallies of what the values of a column look like.
#[derive(Default)]
struct Counts {
    values: usize,
    ymd: usize,
    /// `a-b-year`, day-first or month-first.
    triple: usize,
    day_first: usize,
    month_first: usize,
    compact: usize,
    named: usize,
    /// Plain integers or decimals, and those of them in [`EXCEL_SERIALS`].
    numbers: usize,
    excel: usize,
}

impl Counts {
    fn decide(&self) -> Inference {
        if self.values == 0 {
            return Inference::Unrecognised;
        }
        if self.numbers == self.values && self.excel == self.values {
            return Inference::Settled(DateFormat::ExcelSerial);
        }
        let families = [
            (self.ymd, Some(DateFormat::YearMonthDay)),
            (self.triple, None),
            (self.compact, Some(DateFormat::Compact)),
            (self.named, Some(DateFormat::MonthName)),
        ];
        // More than half of the values: no two families can tie.
        let Some(&(_, family)) = families.iter().find(|(count, _)| count * 2 > self.values) else {
            return Inference::Unrecognised;
        };
        if let Some(format) = family {
            return Inference::Settled(format);
        }
        let (day_first, month_first) = (self.day_first, self.month_first);
        let ambiguous =
            || Inference::Ambiguous { candidates: vec![DateFormat::DayMonthYear, DateFormat::MonthDayYear] };
        match (day_first, month_first) {
            (0, 0) => ambiguous(),
            (_, 0) => Inference::Settled(DateFormat::DayMonthYear),
            (0, _) => Inference::Settled(DateFormat::MonthDayYear),
            _ if day_first == month_first => ambiguous(),
            _ => {
                let format = if day_first > month_first { DateFormat::DayMonthYear } else { DateFormat::MonthDayYear };
                Inference::Inconsistent { format, day_first, month_first }
            }
        }
    }
}

/// The checked calendar day, for a year already expanded to four digits.
fn calendar_day(year: i32, month: u32, day: u32) -> Result<Date, DateError> {
    let does_not_exist = DateError::DoesNotExist { year, month, day };
    if !(1..=12).contains(&month) || day == 0 || day > days_in_month(year, month) {
        return Err(does_not_exist);
    }
    if !(MIN_YEAR..=MAX_YEAR).contains(&year) {
        return Err(DateError::OutOfRange);
    }
    Date::from_ymd(year, month, day).ok_or(does_not_exist)
}

/// The day of an Excel serial in the 1900 date system. Serial 1 is 1900-01-01, but
/// Excel (after Lotus 1-2-3) counts a 29 February 1900 that never was, serial 60;
/// from serial 61 (1900-03-01) on, serial `n` is `n` days after 1899-12-30.
fn excel_day(serial: u32) -> Result<Date, DateError> {
    let n = i32::try_from(serial).map_err(|_| DateError::OutOfRange)?;
    match n {
        0 => Err(DateError::DoesNotExist { year: 1900, month: 1, day: 0 }),
        1..=59 => Ok(Date(n - 25_568)),
        60 => Err(DateError::DoesNotExist { year: 1900, month: 2, day: 29 }),
        _ => Ok(Date(n - 25_569)),
    }
}

/// A run of ASCII digits: its value and how many digits it has.
#[derive(Clone, Copy)]
struct Part {
    value: u32,
    len: usize,
}

impl Part {
    /// A year of two or four digits, the two-digit ones in 1970-2069.
    fn year(self) -> i32 {
        let v = self.value as i32;
        match (self.len, v) {
            (2, 0..=69) => 2000 + v,
            (2, _) => 1900 + v,
            _ => v,
        }
    }
}

/// A position in the bytes of a cell. `i` never passes the end.
struct Cursor<'a> {
    b: &'a [u8],
    i: usize,
}

impl<'a> Cursor<'a> {
    fn new(b: &'a [u8]) -> Self {
        Cursor { b, i: 0 }
    }

    fn rest(&self) -> &'a [u8] {
        self.b.get(self.i..).unwrap_or_default()
    }

    fn done(&self) -> bool {
        self.i >= self.b.len()
    }

    fn peek(&self) -> Option<u8> {
        self.b.get(self.i).copied()
    }

    fn eat(&mut self, c: u8) -> bool {
        let hit = self.peek() == Some(c);
        self.i += usize::from(hit);
        hit
    }

    /// Skips ASCII spaces; returns how many.
    fn spaces(&mut self) -> usize {
        let n = self.rest().iter().take_while(|&&c| c == b' ').count();
        self.i += n;
        n
    }

    /// The run of ASCII letters here (possibly empty).
    fn word(&mut self) -> &'a [u8] {
        let rest = self.rest();
        let n = rest.iter().take_while(|c| c.is_ascii_alphabetic()).count();
        self.i += n;
        &rest[..n]
    }

    /// The whole run of digits here, if it has 1 to `max` (at most 9) digits.
    fn number(&mut self, max: usize) -> Option<Part> {
        let rest = self.rest();
        let len = rest.iter().take_while(|c| c.is_ascii_digit()).count();
        if len == 0 || len > max.min(9) {
            return None;
        }
        let value = rest[..len].iter().fold(0u32, |v, &d| v * 10 + u32::from(d - b'0'));
        self.i += len;
        Some(Part { value, len })
    }

    /// Any number of digits, at least one.
    fn digits(&mut self) -> bool {
        let n = self.rest().iter().take_while(|c| c.is_ascii_digit()).count();
        self.i += n;
        n > 0
    }
}

/// Three numbers with the same separator (`-`, `/` or `.`) between them, then
/// nothing or a time of day.
struct Triple {
    a: Part,
    b: Part,
    c: Part,
}

impl Triple {
    fn scan(bytes: &[u8]) -> Option<Triple> {
        let mut cur = Cursor::new(bytes);
        let a = cur.number(4)?;
        let sep = cur.peek().filter(|s| matches!(s, b'-' | b'/' | b'.'))?;
        cur.i += 1;
        let b = cur.number(2)?;
        if !cur.eat(sep) {
            return None;
        }
        let c = cur.number(4)?;
        time_suffix(cur.rest()).then_some(Triple { a, b, c })
    }

    /// `2024-03-05`: a four-digit year, then month and day.
    fn is_year_first(&self) -> bool {
        self.a.len == 4 && self.c.len <= 2
    }

    /// `05-03-2024` or `03/05/24`: day and month in some order, then the year.
    fn is_year_last(&self) -> bool {
        self.a.len <= 2 && matches!(self.c.len, 2 | 4)
    }
}

/// `20240305`, then nothing or a time of day.
fn compact(b: &[u8]) -> Result<Date, DateError> {
    let mut cur = Cursor::new(b);
    let ymd = cur.number(8).filter(|p| p.len == 8).ok_or(DateError::NotADate)?;
    if !time_suffix(cur.rest()) {
        return Err(DateError::NotADate);
    }
    let v = ymd.value;
    calendar_day((v / 10_000) as i32, v / 100 % 100, v % 100)
}

/// A plain number, `45356` or `45356.75` (or `45356,75`): its whole part, which
/// saturates instead of overflowing.
fn plain_number(b: &[u8]) -> Option<u64> {
    let whole_len = b.iter().take_while(|c| c.is_ascii_digit()).count();
    if whole_len == 0 {
        return None;
    }
    let whole = b[..whole_len].iter().fold(0u64, |v, &d| v.saturating_mul(10).saturating_add(u64::from(d - b'0')));
    let mut cur = Cursor::new(b);
    cur.i = whole_len;
    if (cur.eat(b'.') || cur.eat(b',')) && !cur.digits() {
        return None;
    }
    cur.done().then_some(whole)
}

/// Whether what follows a date is nothing, or a time of day: `T14:30:00Z`,
/// `T143000`, ` 14:30`, ` 14:30:00.000`, ` 2:30 PM`, ` 14:30 +01:00`, ` 14:30 UTC`.
fn time_suffix(rest: &[u8]) -> bool {
    let mut cur = Cursor::new(rest);
    if cur.done() {
        return true;
    }
    let basic = cur.eat(b'T') || cur.eat(b't');
    if !basic && cur.spaces() == 0 {
        return false;
    }
    let Some(hour) = time_of_day(&mut cur, basic) else {
        return false;
    };
    cur.spaces();
    let before = cur.i;
    let word = cur.word();
    if word.eq_ignore_ascii_case(b"am") || word.eq_ignore_ascii_case(b"pm") {
        if !(1..=12).contains(&hour) {
            return false;
        }
        cur.spaces();
    } else {
        cur.i = before;
    }
    zone(&mut cur) && cur.done()
}

/// `14:30`, `9:05:00`, `14:30:00.123` (or, after `T`, `1430` and `143000`); the hour.
fn time_of_day(cur: &mut Cursor<'_>, basic: bool) -> Option<u32> {
    let first = cur.number(6)?;
    let two = |cur: &mut Cursor<'_>| cur.number(2).filter(|p| p.len == 2).map(|p| p.value);
    let (h, m, s) = match first.len {
        1 | 2 => {
            if !cur.eat(b':') {
                return None;
            }
            let m = two(cur)?;
            let s = if cur.eat(b':') { two(cur)? } else { 0 };
            (first.value, m, s)
        }
        4 if basic => (first.value / 100, first.value % 100, 0),
        6 if basic => (first.value / 10_000, first.value / 100 % 100, first.value % 100),
        _ => return None,
    };
    if (cur.eat(b'.') || cur.eat(b',')) && !cur.digits() {
        return None;
    }
    (h <= 24 && m <= 59 && s <= 60).then_some(h)
}

/// An optional time zone: `Z`, `UTC`, `GMT`, `+01:00`, `-0500`, `+01`, `UTC+1`.
/// False when one starts but is malformed.
fn zone(cur: &mut Cursor<'_>) -> bool {
    let before = cur.i;
    let word = cur.word();
    if word.eq_ignore_ascii_case(b"z") {
        return true;
    }
    if !(word.eq_ignore_ascii_case(b"utc") || word.eq_ignore_ascii_case(b"gmt")) {
        cur.i = before;
    }
    if !(cur.eat(b'+') || cur.eat(b'-')) {
        return true;
    }
    let Some(h) = cur.number(4) else {
        return false;
    };
    match h.len {
        1 | 2 if cur.eat(b':') => h.value <= 23 && cur.number(2).is_some_and(|m| m.len == 2 && m.value <= 59),
        1 | 2 => h.value <= 23,
        4 => h.value / 100 <= 23 && h.value % 100 <= 59,
        _ => false,
    }
}

/// Weekday names and abbreviations, English and Dutch, lower case.
const WEEKDAYS: &[&str] = &[
    "mon",
    "monday",
    "tue",
    "tues",
    "tuesday",
    "wed",
    "wednesday",
    "thu",
    "thur",
    "thurs",
    "thursday",
    "fri",
    "friday",
    "sat",
    "saturday",
    "sun",
    "sunday",
    "ma",
    "maandag",
    "di",
    "dinsdag",
    "wo",
    "woensdag",
    "do",
    "donderdag",
    "vr",
    "vrijdag",
    "za",
    "zaterdag",
    "zo",
    "zondag",
];

/// The separator after a day or month: `-`, `/`, or spaces (as `b' '`).
fn separator(cur: &mut Cursor<'_>) -> Option<u8> {
    if cur.eat(b'-') {
        Some(b'-')
    } else if cur.eat(b'/') {
        Some(b'/')
    } else {
        (cur.spaces() > 0).then_some(b' ')
    }
}

/// Skips `st`, `nd`, `rd` or `th` after a day number (`March 5th`).
fn skip_ordinal(cur: &mut Cursor<'_>) {
    let before = cur.i;
    let word = cur.word();
    if !["st", "nd", "rd", "th"].iter().any(|o| o.as_bytes().eq_ignore_ascii_case(word)) {
        cur.i = before;
    }
}

/// Year, month and day (unchecked) of `5 mrt 2024`, `5-Mar-24`, `March 5, 2024`,
/// `Mar 5th 2024`, `Tue, 5 Mar 2024`, `di 5 mrt. 2024`, then nothing or a time.
fn month_name(b: &[u8]) -> Option<(i32, u32, u32)> {
    let mut cur = Cursor::new(b);
    let word = cur.word();
    if WEEKDAYS.iter().any(|w| w.as_bytes().eq_ignore_ascii_case(word)) {
        cur.eat(b'.');
        cur.eat(b',');
        if cur.spaces() == 0 {
            return None;
        }
    } else {
        cur.i = 0;
    }
    let (month, day) = if cur.peek().is_some_and(|c| c.is_ascii_digit()) {
        let day = cur.number(2)?;
        skip_ordinal(&mut cur);
        let sep = separator(&mut cur)?;
        let month = month_number(cur.word())?;
        cur.eat(b'.');
        if separator(&mut cur)? != sep {
            return None;
        }
        (month, day)
    } else {
        let month = month_number(cur.word())?;
        cur.eat(b'.');
        let sep = separator(&mut cur)?;
        let day = cur.number(2)?;
        skip_ordinal(&mut cur);
        cur.eat(b',');
        if separator(&mut cur)? != sep {
            return None;
        }
        (month, day)
    };
    let year = cur.number(4).filter(|y| matches!(y.len, 2 | 4))?;
    time_suffix(cur.rest()).then_some((year.year(), month, day.value))
}

#[cfg(test)]
mod tests {
    use super::*;
    use DateFormat::*;

    /// 2024-03-05: `date -d 2024-03-05 +%s` = 1709596800 = 19787 x 86400.
    const MAR_5_2024: Date = Date(19_787);

    fn all_parse_to(format: DateFormat, texts: &[&str], want: Date) {
        for t in texts {
            assert_eq!(format.parse(t), Ok(want), "{format:?} {t:?}");
        }
    }

    #[test]
    fn year_month_day() {
        all_parse_to(
            YearMonthDay,
            &["2024-03-05", "2024/03/05", "2024.03.05", "2024-3-5", "  2024-03-05 "],
            MAR_5_2024,
        );
        // Day numbers from `date -d ... +%s` / 86400.
        assert_eq!(YearMonthDay.parse("1970-01-01"), Ok(Date(0)));
        assert_eq!(YearMonthDay.parse("1900-01-01"), Ok(Date(-25_567)));
        assert_eq!(YearMonthDay.parse("2200-12-31"), Ok(Date(84_370)));
        assert_eq!(YearMonthDay.parse("2024-02-29"), Ok(Date(19_782)));
        assert_eq!(YearMonthDay.parse("2000-02-29"), Ok(Date(11_016)));
    }

    #[test]
    fn day_first_and_month_first() {
        let dmy = ["05-03-2024", "05/03/2024", "05.03.2024", "5-3-2024", "5/3/24", "05-03-24", "5.3.24"];
        all_parse_to(DayMonthYear, &dmy, MAR_5_2024);
        all_parse_to(MonthDayYear, &["03/05/2024", "3/5/2024", "3/5/24", "03-05-2024"], MAR_5_2024);
        assert_eq!(DayMonthYear.parse("31-12-2024"), Ok(Date(20_088)));
        assert_eq!(MonthDayYear.parse("12/31/2024"), Ok(Date(20_088)));
    }

    #[test]
    fn two_digit_years_pivot_at_70() {
        assert_eq!(DayMonthYear.parse("31-12-69"), Ok(Date(36_524))); // 2069-12-31
        assert_eq!(DayMonthYear.parse("01-01-70"), Ok(Date(0))); // 1970-01-01
        assert_eq!(DayMonthYear.parse("31-12-99"), Ok(Date(10_956))); // 1999-12-31
        assert_eq!(DayMonthYear.parse("1/1/00"), Ok(Date(10_957))); // 2000-01-01
        assert_eq!(MonthName.parse("05-mrt-24"), Ok(MAR_5_2024));
        // Three-digit and one-digit years are not years.
        assert_eq!(DayMonthYear.parse("05-03-202"), Err(DateError::NotADate));
        assert_eq!(DayMonthYear.parse("05-03-4"), Err(DateError::NotADate));
    }

    #[test]
    fn compact_dates() {
        assert_eq!(Compact.parse("20240305"), Ok(MAR_5_2024));
        assert_eq!(Compact.parse("20240305T143000"), Ok(MAR_5_2024));
        assert_eq!(Compact.parse("19700101"), Ok(Date(0)));
        assert_eq!(Compact.parse("2024030"), Err(DateError::NotADate));
        assert_eq!(Compact.parse("202403051"), Err(DateError::NotADate));
        assert_eq!(Compact.parse("20240230"), Err(DateError::DoesNotExist { year: 2024, month: 2, day: 30 }));
        assert_eq!(Compact.parse("00010101"), Err(DateError::OutOfRange));
    }

    #[test]
    fn times_of_day_are_ignored() {
        let iso = [
            "2024-03-05 14:30",
            "2024-03-05T14:30:00",
            "2024-03-05T14:30:00Z",
            "2024-03-05T14:30:00+01:00",
            "2024-03-05T23:59:59-05:00",
            "2024-03-05T14:30:00.123456Z",
            "2024-03-05 00:00:00.000",
            "2024-03-05T143000",
            "2024-03-05T1430+0100",
            "2024-03-05 14:30 UTC",
            "2024-03-05 14:30 GMT+1",
            "2024-03-05 9:05",
        ];
        all_parse_to(YearMonthDay, &iso, MAR_5_2024);
        all_parse_to(DayMonthYear, &["05-03-2024 14:30:00", "05/03/2024 14:30", "5-3-24 0:00"], MAR_5_2024);
        all_parse_to(MonthDayYear, &["3/5/2024 2:30:00 PM", "3/5/2024 12:00 am", "03/05/2024 14:30"], MAR_5_2024);
        all_parse_to(MonthName, &["5 Mar 2024 14:30", "March 5, 2024 2:30 PM"], MAR_5_2024);
        let bad = [
            "2024-03-05T",
            "2024-03-05 ",
            "2024-03-05 25:00",
            "2024-03-05 14:60",
            "2024-03-05 14:30 PM",
            "2024-03-05 14",
            "2024-03-05 1430",
            "2024-03-05T14:3",
            "2024-03-05T14:30+",
            "2024-03-05T14:30+25:00",
            "2024-03-05T14:30:00.",
            "2024-03-05x",
            "2024-03-05T14:30Zulu",
        ];
        for t in bad {
            let want = if t.trim() == "2024-03-05" { Ok(MAR_5_2024) } else { Err(DateError::NotADate) };
            assert_eq!(YearMonthDay.parse(t), want, "{t:?}");
        }
    }

    #[test]
    fn excel_serials() {
        // Serial 1 = 1900-01-01 (day -25567); 59 = 1900-02-28; 60 is Excel's fake
        // 1900-02-29; 61 = 1900-03-01 (day -25508, the day after -25509).
        assert_eq!(excel_day(1), Ok(Date(-25_567)));
        assert_eq!(excel_day(59), Ok(Date(-25_509)));
        assert_eq!(excel_day(60), Err(DateError::DoesNotExist { year: 1900, month: 2, day: 29 }));
        assert_eq!(excel_day(61), Ok(Date(-25_508)));
        assert_eq!(excel_day(0), Err(DateError::DoesNotExist { year: 1900, month: 1, day: 0 }));
        assert_eq!(excel_day(u32::MAX), Err(DateError::OutOfRange));
        // 61 + 25508 = 25569 is day 0, 1970-01-01; so 45356 is day 45356 - 25569 = 19787.
        all_parse_to(ExcelSerial, &["45356", "45356.75", "45356,5", " 45356.604166666664 "], MAR_5_2024);
        assert_eq!(ExcelSerial.parse("25569"), Ok(Date(0)));
        assert_eq!(ExcelSerial.parse("20000"), Ok(Date(-5_569))); // 1954-10-03 by `date`
        for t in ["19999", "80001", "61", "9999999999999999999", "99999999999999999999999999999.5"] {
            assert_eq!(ExcelSerial.parse(t), Err(DateError::OutOfRange), "{t:?}");
        }
        for t in ["-45356", "45356.", ".5", "45356.5.5", "4.5356E+04", "45 356", "2024-03-05"] {
            assert_eq!(ExcelSerial.parse(t), Err(DateError::NotADate), "{t:?}");
        }
    }

    #[test]
    fn month_names() {
        let texts = [
            "5 mrt 2024",
            "5 maart 2024",
            "5 MRT. 2024",
            "05-mrt-24",
            "5-Mar-2024",
            "5/mar/2024",
            "March 5, 2024",
            "Mar 5 2024",
            "Mar. 5, 2024",
            "march 5th, 2024",
            "Tuesday, March 5, 2024",
            "Tue, 5 Mar 2024",
            "di 5 mrt 2024",
            "dinsdag 5 maart 2024",
        ];
        all_parse_to(MonthName, &texts, MAR_5_2024);
        assert_eq!(MonthName.parse("1 okt 2024"), DayMonthYear.parse("01-10-2024"));
        assert_eq!(MonthName.parse("31 december 1999"), Ok(Date(10_956)));
        assert_eq!(MonthName.parse("30 feb 2024"), Err(DateError::DoesNotExist { year: 2024, month: 2, day: 30 }));
        for t in ["5 foo 2024", "March 2024", "5 mrt", "mrt 5", "5-mrt 2024", "5 März 2024", "vandaag", "Mar 5, 2024x"]
        {
            assert_eq!(MonthName.parse(t), Err(DateError::NotADate), "{t:?}");
        }
    }

    #[test]
    fn errors_say_why() {
        for f in DateFormat::ALL {
            assert_eq!(f.parse(""), Err(DateError::Empty));
            assert_eq!(f.parse(" \t "), Err(DateError::Empty));
            assert_eq!(f.parse("hello"), Err(DateError::NotADate));
        }
        let dne = |year, month, day| Err(DateError::DoesNotExist { year, month, day });
        assert_eq!(DayMonthYear.parse("31-02-2024"), dne(2024, 2, 31));
        assert_eq!(DayMonthYear.parse("29-02-1900"), dne(1900, 2, 29));
        assert_eq!(DayMonthYear.parse("00-01-2024"), dne(2024, 1, 0));
        assert_eq!(YearMonthDay.parse("2023-02-29"), dne(2023, 2, 29));
        assert_eq!(YearMonthDay.parse("2024-13-01"), dne(2024, 13, 1));
        assert_eq!(YearMonthDay.parse("2024-04-31"), dne(2024, 4, 31));
        assert_eq!(YearMonthDay.parse("0000-00-00"), dne(0, 0, 0));
        assert_eq!(MonthDayYear.parse("13/05/2024"), dne(2024, 13, 5));
        assert_eq!(DayMonthYear.parse("29-02-2024"), Ok(Date(19_782)));
        assert_eq!(YearMonthDay.parse("1899-12-31"), Err(DateError::OutOfRange));
        assert_eq!(YearMonthDay.parse("2201-01-01"), Err(DateError::OutOfRange));
        assert_eq!(DayMonthYear.parse("01-01-1850"), Err(DateError::OutOfRange));
        // Strict per format: another format, or mixed separators, is not a date.
        assert_eq!(DayMonthYear.parse("2024-03-05"), Err(DateError::NotADate));
        assert_eq!(YearMonthDay.parse("05-03-2024"), Err(DateError::NotADate));
        assert_eq!(YearMonthDay.parse("24-03-05"), Err(DateError::NotADate));
        assert_eq!(DayMonthYear.parse("05-03/2024"), Err(DateError::NotADate));
        assert_eq!(DayMonthYear.parse("20240305"), Err(DateError::NotADate));
        assert_eq!(DayMonthYear.parse("005-03-2024"), Err(DateError::NotADate));
        assert_eq!(DateError::DoesNotExist { year: 2024, month: 2, day: 31 }.to_string(), "2024-02-31 does not exist");
    }

    fn infer(values: &[&str]) -> Inference {
        DateFormat::infer(values.iter().copied())
    }

    #[test]
    fn infer_settles_unambiguous_columns() {
        assert_eq!(infer(&["2024-03-05", "2024-03-06 10:00", "", "2024/12/31"]), Inference::Settled(YearMonthDay));
        assert_eq!(infer(&["01/02/2024", "13/02/2024", "03/04/2024"]), Inference::Settled(DayMonthYear));
        assert_eq!(infer(&["01/02/2024", "02/13/2024", "03/04/2024"]), Inference::Settled(MonthDayYear));
        assert_eq!(infer(&["01-02-24", "25-12-23"]), Inference::Settled(DayMonthYear));
        assert_eq!(infer(&["20240305", "20231231", " "]), Inference::Settled(Compact));
        assert_eq!(infer(&["45356", "45357.5", "", "45000"]), Inference::Settled(ExcelSerial));
        assert_eq!(infer(&["5 mrt 2024", "March 6, 2024", "7-Mar-24"]), Inference::Settled(MonthName));
        // A few bad cells do not unsettle a column; they are reported when parsed.
        assert_eq!(infer(&["2024-03-05", "2024-03-06", "n/a", "2024-02-30"]), Inference::Settled(YearMonthDay));
    }

    #[test]
    fn infer_reports_ambiguity_instead_of_guessing() {
        let both = Inference::Ambiguous { candidates: vec![DayMonthYear, MonthDayYear] };
        assert_eq!(infer(&["03/04/2024", "01/02/2024"]), both);
        assert_eq!(infer(&["03-04-2024", "01-02-2024"]), both);
        assert_eq!(infer(&["03.04.2024", "01.02.2024 12:00"]), both);
        assert_eq!(infer(&["3/4/24"]), both);
        // Values that prove nothing (day 45) do not settle it either.
        assert_eq!(infer(&["45/03/2024", "01/02/2024"]), both);
        assert_eq!(both.resolve(true), Some(DayMonthYear));
        assert_eq!(both.resolve(false), Some(MonthDayYear));
        assert!(prefer_day_first(b';') && !prefer_day_first(b','));
        assert_eq!(Inference::Settled(Compact).resolve(false), Some(Compact));
        assert_eq!(Inference::Unrecognised.resolve(true), None);
    }

    #[test]
    fn infer_reports_inconsistent_columns() {
        let got = infer(&["13/01/2024", "14/01/2024", "01/13/2024", "02/03/2024"]);
        assert_eq!(got, Inference::Inconsistent { format: DayMonthYear, day_first: 2, month_first: 1 });
        assert_eq!(got.resolve(false), Some(DayMonthYear));
        let got = infer(&["13/01/2024", "01/13/2024", "01/14/2024"]);
        assert_eq!(got, Inference::Inconsistent { format: MonthDayYear, day_first: 1, month_first: 2 });
        // No majority: the user decides.
        let tie = infer(&["13/01/2024", "01/13/2024"]);
        assert_eq!(tie, Inference::Ambiguous { candidates: vec![DayMonthYear, MonthDayYear] });
    }

    #[test]
    fn infer_refuses_columns_that_are_not_dates() {
        assert_eq!(infer(&[]), Inference::Unrecognised);
        assert_eq!(infer(&["", "  "]), Inference::Unrecognised);
        assert_eq!(infer(&["Jan", "Piet", "Klaas"]), Inference::Unrecognised);
        assert_eq!(infer(&["12", "15", "1.200"]), Inference::Unrecognised);
        // Plain numbers are Excel serials only if all of them are in range.
        assert_eq!(infer(&["45356", "45357", "120"]), Inference::Unrecognised);
        assert_eq!(infer(&["45356", "45357", "onbekend"]), Inference::Unrecognised);
        assert_eq!(infer(&["12345678", "87654321"]), Inference::Unrecognised);
        assert_eq!(infer(&["2024-03-05", "x", "y"]), Inference::Unrecognised);
        assert_eq!(infer(&["2024-03-05", "05-03-2024", "5 mrt 2024"]), Inference::Unrecognised);
    }

    #[test]
    fn keys_round_trip() {
        for f in DateFormat::ALL {
            assert_eq!(DateFormat::from_key(f.key()), Some(f));
        }
        assert_eq!(DateFormat::from_key("nope"), None);
    }

    #[test]
    fn never_panics_on_odd_input() {
        let long_digits = "9".repeat(100_000);
        let long_text = "2024-03-05".repeat(10_000);
        let mut odd: Vec<String> = [
            "",
            "/",
            "//",
            "--",
            "..",
            "-",
            "T",
            "Z",
            ":",
            "+",
            "9999999999999999999",
            "4294967296",
            "18446744073709551616",
            "٣/٤/٢٠٢٤",
            "2024-02-30T",
            "2024-03-05T14:30+99999",
            "2024-03-05 99:99:99.",
            "😀",
            "😀-😀-😀",
            "05-03-2024😀",
            "5 mrt😀 2024",
            "mrt",
            "5 mrt 2024 T",
            "Tue,",
            "Tuesday",
            "\u{a0}2024-03-05\u{a0}",
            "2024-03-05\u{0}",
            "0",
            "0.0",
            ",",
            "1,",
            "99/99/9999",
            "00/00/00",
            "4294967295-4294967295-4294967295",
            "2024-03-05T24:00:60",
            "é",
            "2024-03-05 ñ",
        ]
        .iter()
        .map(|s| s.to_string())
        .collect();
        odd.push(long_digits);
        odd.push(long_text);
        // Every prefix of some good values, cut at each character boundary.
        for good in ["2024-03-05T14:30:00.5+01:00", "Tuesday, March 5th, 2024 2:30 PM", "5 mrt. 2024", "45356,75"] {
            odd.extend(good.char_indices().map(|(i, _)| good[..i].to_string()));
        }
        // Pseudo-random strings over a small alphabet of date-like characters.
        let alphabet: Vec<char> = "0123456789-/.:, TZ+apmMrt😀é".chars().collect();
        let mut seed = 0x2545_f491_u64;
        for _ in 0..3_000 {
            let len = (seed % 24) as usize;
            let s: String = (0..len)
                .map(|_| {
                    seed = seed.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1_442_695_040_888_963_407);
                    alphabet[(seed >> 33) as usize % alphabet.len()]
                })
                .collect();
            odd.push(s);
        }
        for s in &odd {
            for f in DateFormat::ALL {
                if let Ok(d) = f.parse(s) {
                    let (y, _, _) = d.ymd();
                    assert!((MIN_YEAR..=MAX_YEAR).contains(&y), "{f:?} {s:?}");
                }
            }
        }
        let _ = DateFormat::infer(odd.iter().map(String::as_str));
    }
}
