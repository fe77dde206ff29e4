//! Period-counts files: one row per period with S (customers at the start), E (at
//! the end) and N (new during the period).

use super::columns::{self, Role};
use super::csv::Record;
use super::error::{ColumnRef, FileError, FileErrorKind, RowError, RowErrorKind};
use super::number::{NumberError, NumberStyle};
use crate::calendar::Period;
use std::fmt;

/// The period a row is about: recognised as a calendar period when possible (so it
/// can be labelled `2024-03`, `2024-Q1`, ...), else the text as written.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum PeriodLabel {
    Period(Period),
    Text(String),
}

impl fmt::Display for PeriodLabel {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            PeriodLabel::Period(p) => write!(f, "{p}"),
            PeriodLabel::Text(t) => f.write_str(t),
        }
    }
}

/// One usable row.
#[derive(Clone, Debug, PartialEq)]
pub struct PeriodCountRow {
    /// Line in the file.
    pub line: u64,
    pub period: PeriodLabel,
    /// S
    pub start: u64,
    /// E
    pub end: u64,
    /// N
    pub new: u64,
}

impl PeriodCountRow {
    /// CRR = (E - N) / S x 100.
    pub fn crr(&self) -> Option<f64> {
        crate::metrics::retention::crr(self.start, self.end, self.new)
    }

    /// 100 - CRR.
    pub fn churn_rate(&self) -> Option<f64> {
        self.crr().map(crate::metrics::retention::churn_from_crr)
    }
}

/// A period-counts file after reading: the usable rows and why the others were skipped.
#[derive(Clone, Debug, PartialEq, Default)]
pub struct PeriodCounts {
    pub rows: Vec<PeriodCountRow>,
    pub errors: Vec<RowError>,
}

/// Month names and abbreviations in Dutch and English.
const MONTHS: [&[&str]; 12] = [
    &["jan", "januari", "january"],
    &["feb", "februari", "february"],
    &["mrt", "maart", "mar", "march"],
    &["apr", "april"],
    &["mei", "may"],
    &["jun", "juni", "june"],
    &["jul", "juli", "july"],
    &["aug", "augustus", "august"],
    &["sep", "sept", "september"],
    &["okt", "oktober", "oct", "october"],
    &["nov", "november"],
    &["dec", "december"],
];

fn month_number(word: &str) -> Option<u32> {
    let w = word.trim_end_matches('.');
    MONTHS.iter().position(|names| names.contains(&w)).map(|i| i as u32 + 1)
}

/// Reads a period label: `2024-03`, `03-2024`, `maart 2024`, `Mar 2024`, `2024-Q1`,
/// `Q1 2024`, `2024-W09`, `week 9 2024`, `2024`, or a first-of-month date `2024-03-01`.
pub fn parse_period(text: &str) -> PeriodLabel {
    let t = text.trim();
    let lower = t.to_lowercase();
    // Split into runs of digits and runs of letters.
    let mut parts: Vec<&str> = Vec::new();
    let mut start = None;
    let is_digit = |c: char| c.is_ascii_digit();
    let mut prev_digit = false;
    for (i, c) in lower.char_indices() {
        let word_char = c.is_alphanumeric();
        match start {
            Some(s) if !word_char || is_digit(c) != prev_digit => {
                parts.push(&lower[s..i]);
                start = word_char.then_some(i);
            }
            None if word_char => start = Some(i),
            _ => {}
        }
        prev_digit = is_digit(c);
    }
    if let Some(s) = start {
        parts.push(&lower[s..]);
    }
    let num = |s: &str| -> Option<u32> { s.parse().ok().filter(|_| s.len() <= 4) };
    let year = |s: &str| -> Option<i32> { (s.len() == 4).then(|| s.parse().ok()).flatten() };
    let period = match parts.as_slice() {
        [y] => year(y).and_then(Period::year),
        [y, m] if year(y).is_some() && m.len() <= 2 => num(m).and_then(|m| Period::month(year(y)?, m)),
        [m, y] if year(y).is_some() && m.len() <= 2 => num(m).and_then(|m| Period::month(year(y)?, m)),
        [y, q, n] | [y, q, n, _] if year(y).is_some() && matches!(*q, "q" | "k" | "kw") => {
            num(n).and_then(|n| Period::quarter(year(y)?, n))
        }
        [q, n, y] if year(y).is_some() && matches!(*q, "q" | "k" | "kw" | "kwartaal" | "quarter") => {
            num(n).and_then(|n| Period::quarter(year(y)?, n))
        }
        [y, w, n] if year(y).is_some() && matches!(*w, "w" | "wk" | "week") => {
            num(n).and_then(|n| Period::iso_week(year(y)?, n))
        }
        [w, n, y] if year(y).is_some() && matches!(*w, "w" | "wk" | "week") => {
            num(n).and_then(|n| Period::iso_week(year(y)?, n))
        }
        [m, y] if year(y).is_some() => month_number(m).and_then(|m| Period::month(year(y)?, m)),
        [y, m, d] if year(y).is_some() && num(d) == Some(1) => num(m).and_then(|m| Period::month(year(y)?, m)),
        _ => None,
    };
    match period {
        Some(p) => PeriodLabel::Period(p),
        None => PeriodLabel::Text(t.to_string()),
    }
}

/// Where the four columns are, and whether the first record is a header.
pub(crate) struct Layout {
    pub columns: [usize; 4],
    pub has_header: bool,
    pub headers: Vec<String>,
}

impl Layout {
    /// Finds the columns from the header; a file without a header must have the
    /// four columns in the order period, S, E, N.
    pub fn detect(first: &Record) -> Result<Layout, FileError> {
        let headers: Vec<&str> = first.iter().collect();
        let mapped = columns::map_roles(&headers, &Role::PERIOD_COUNTS);
        if mapped.iter().all(Option::is_none) {
            let numeric = |i: usize| {
                first.get(i).is_some_and(|f| {
                    NumberStyle::default().parse(f).is_ok() || NumberStyle::for_delimiter(b';').parse(f).is_ok()
                })
            };
            if first.len() >= 4 && (1..4).all(numeric) {
                return Ok(Layout { columns: [0, 1, 2, 3], has_header: false, headers: Vec::new() });
            }
            return Err(
                FileErrorKind::NotRecognised { headers: headers.iter().map(|h| h.to_string()).collect() }.into()
            );
        }
        let mut columns = [0; 4];
        for (k, (slot, role)) in mapped.iter().zip(Role::PERIOD_COUNTS).enumerate() {
            columns[k] = slot.ok_or(FileErrorKind::MissingColumn { role })?;
        }
        Ok(Layout { columns, has_header: true, headers: headers.iter().map(|h| h.to_string()).collect() })
    }

    fn column_ref(&self, k: usize) -> ColumnRef {
        let index = self.columns[k];
        ColumnRef { index, name: self.headers.get(index).cloned().unwrap_or_default() }
    }
}

/// Reads the data records (all records after the header, if any).
pub(crate) fn read(records: &[Record], layout: &Layout, delimiter: u8) -> Result<PeriodCounts, FileError> {
    let data: Vec<&Record> = records.iter().skip(usize::from(layout.has_header)).filter(|r| !r.is_blank()).collect();
    if data.is_empty() {
        return Err(FileErrorKind::NoDataRows.into());
    }
    let count_cells = data.iter().flat_map(|r| layout.columns[1..].iter().filter_map(|&c| r.get(c)));
    let style = NumberStyle::infer(count_cells).unwrap_or_else(|| NumberStyle::for_delimiter(delimiter));
    let needed = layout.columns.iter().max().map_or(0, |m| m + 1);

    let mut out = PeriodCounts::default();
    for record in data {
        match read_row(record, layout, style, needed) {
            Ok(row) => out.rows.push(row),
            Err(e) => out.errors.push(e),
        }
    }
    Ok(out)
}

fn read_row(record: &Record, layout: &Layout, style: NumberStyle, needed: usize) -> Result<PeriodCountRow, RowError> {
    let line = record.line;
    if record.unclosed_quote {
        return Err(RowError::new(line, None, RowErrorKind::UnclosedQuote));
    }
    if record.len() < needed {
        let kind = RowErrorKind::MissingFields { expected: needed, found: record.len() };
        return Err(RowError::new(line, None, kind));
    }
    let cell = |k: usize| record.get(layout.columns[k]).unwrap_or("");
    let err = |k: usize, kind| RowError::new(line, Some(layout.column_ref(k)), kind);
    let period_text = cell(0).trim();
    if period_text.is_empty() {
        return Err(err(0, RowErrorKind::MissingValue));
    }
    let mut counts = [0u64; 3];
    for k in 1..4 {
        let text = cell(k).trim();
        let n = match style.parse(text) {
            Ok(n) => n.value,
            Err(NumberError::Empty) => return Err(err(k, RowErrorKind::MissingValue)),
            Err(NumberError::Invalid) => return Err(err(k, RowErrorKind::NotANumber { text: text.into() })),
        };
        if n < 0.0 {
            return Err(err(k, RowErrorKind::Negative { text: text.into() }));
        }
        if n.fract() != 0.0 || n > 1e15 {
            return Err(err(k, RowErrorKind::NotWholeNumber { text: text.into() }));
        }
        counts[k - 1] = n as u64;
    }
    let [start, end, new] = counts;
    use crate::metrics::retention::{checked_crr, CountsProblem};
    match checked_crr(start as f64, end as f64, new as f64) {
        Ok(_) => {}
        Err(CountsProblem::StartIsZero) => return Err(err(1, RowErrorKind::StartIsZero)),
        Err(CountsProblem::RetainedNegative) => return Err(err(3, RowErrorKind::RetainedNegative { end, new })),
        Err(CountsProblem::RetainedAboveStart | CountsProblem::Negative) => {
            return Err(err(2, RowErrorKind::RetainedAboveStart { retained: end.saturating_sub(new), start }))
        }
    }
    Ok(PeriodCountRow { line, period: parse_period(period_text), start, end, new })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn period_labels() {
        let cases = [
            ("2024-03", "2024-03"),
            ("2024/3", "2024-03"),
            ("03-2024", "2024-03"),
            ("maart 2024", "2024-03"),
            ("Mar 2024", "2024-03"),
            ("okt. 2023", "2023-10"),
            ("2024-Q1", "2024-Q1"),
            ("Q4 2023", "2023-Q4"),
            ("2024-W09", "2024-W09"),
            ("week 9 2024", "2024-W09"),
            ("2024", "2024"),
            ("2024-03-01", "2024-03"),
        ];
        for (text, label) in cases {
            assert_eq!(parse_period(text).to_string(), label, "{text}");
            assert!(matches!(parse_period(text), PeriodLabel::Period(_)), "{text}");
        }
        assert_eq!(parse_period(" Voorjaar "), PeriodLabel::Text("Voorjaar".into()));
        assert_eq!(parse_period("2024-13"), PeriodLabel::Text("2024-13".into()));
        assert_eq!(parse_period("2024-03-15"), PeriodLabel::Text("2024-03-15".into()));
    }
}
