//! Period-counts files: one row per period with S (customers at the start), E (at
//! the end) and N (new during the period).

use super::columns::Role;
use super::error::{RowError, RowErrorKind};
use super::reader::RowContext;
use crate::calendar::Period;
use crate::retention::{checked_crr, CountsProblem};
use serde::{Deserialize, Serialize};
use std::fmt;

/// The period a row is about: recognised as a calendar period when possible (so it
/// can be labelled `2024-03`, `2024-Q1`, ...), else the text as written.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
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
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
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
        crate::retention::crr(self.start, self.end, self.new)
    }

    /// 100 - CRR.
    pub fn churn_rate(&self) -> Option<f64> {
        self.crr().map(crate::retention::churn_from_crr)
    }
}

/// The usable rows of a period-counts file.
#[derive(Clone, Debug, PartialEq, Default, Serialize, Deserialize)]
pub struct PeriodCounts {
    pub rows: Vec<PeriodCountRow>,
}

fn month_number(word: &str) -> Option<u32> {
    super::month_names::month_number(word.trim_end_matches('.').as_bytes())
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

/// Reads one data row: the period and three whole, non-negative counts that
/// describe a possible period (S > 0, 0 <= E - N <= S).
pub(crate) fn read_row(cx: &RowContext) -> Result<PeriodCountRow, RowError> {
    let period_text = cx.required(Role::Period)?;
    let mut counts = [0u64; 3];
    for (k, role) in [Role::Start, Role::End, Role::New].into_iter().enumerate() {
        let n = cx.number(role)?;
        let text = || cx.text(role).to_string();
        if n < 0.0 {
            return Err(cx.error(role, RowErrorKind::Negative { text: text() }));
        }
        if n.fract() != 0.0 || n > 1e15 {
            return Err(cx.error(role, RowErrorKind::NotWholeNumber { text: text() }));
        }
        counts[k] = n as u64;
    }
    let [start, end, new] = counts;
    match checked_crr(start as f64, end as f64, new as f64) {
        Ok(_) => Ok(PeriodCountRow { line: cx.line(), period: parse_period(period_text), start, end, new }),
        Err(CountsProblem::StartIsZero) => Err(cx.error(Role::Start, RowErrorKind::StartIsZero)),
        Err(CountsProblem::RetainedNegative) => Err(cx.error(Role::New, RowErrorKind::RetainedNegative { end, new })),
        Err(CountsProblem::RetainedAboveStart | CountsProblem::Negative) => {
            Err(cx.error(Role::End, RowErrorKind::RetainedAboveStart { retained: end.saturating_sub(new), start }))
        }
    }
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
    }

    #[test]
    fn dutch_febr_is_february() {
        // "febr." is a common Dutch abbreviation of februari.
        for text in ["febr 2024", "febr. 2024", "Febr. 2024", "FEBR 2024"] {
            assert_eq!(parse_period(text), PeriodLabel::Period(Period::month(2024, 2).unwrap()), "{text}");
            assert_eq!(parse_period(text).to_string(), "2024-02", "{text}");
        }
        assert_eq!(parse_period("2024-13"), PeriodLabel::Text("2024-13".into()));
        assert_eq!(parse_period("2024-03-15"), PeriodLabel::Text("2024-03-15".into()));
    }
}
