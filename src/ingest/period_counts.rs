//! Period-counts files: one row per period with S (customers at the start), E (at
//! the end) and N (new during the period); the customer base per period of the
//! warehouse SQL (`period, S, E, N, churned, new_customers, reactivated, acquired,
//! crr, churn_rate`) is one too, with the other counts read beside them (CRR and
//! churn are computed again from S, E and N, as for a log).

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
    /// The customer base's other counts, when the file has their columns.
    #[serde(default)]
    pub flows: Option<Flows>,
}

/// The customer base per period besides S, E and N (METRICS.md, "The customer base
/// over time"): each `None` when the file has no such column.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Flows {
    pub churned: Option<u64>,
    pub new_customers: Option<u64>,
    pub reactivated: Option<u64>,
    pub acquired: Option<u64>,
}

/// The roles of the customer base's other counts.
const FLOW_ROLES: [Role; 4] = [Role::Churned, Role::NewCustomers, Role::Reactivated, Role::Acquired];

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

/// A whole, non-negative count.
fn count(cx: &RowContext, role: Role) -> Result<u64, RowError> {
    let n = cx.number(role)?;
    let text = || cx.text(role).to_string();
    if n < 0.0 {
        return Err(cx.error(role, RowErrorKind::Negative { text: text() }));
    }
    if n.fract() != 0.0 || n > 1e15 {
        return Err(cx.error(role, RowErrorKind::NotWholeNumber { text: text() }));
    }
    Ok(n as u64)
}

/// The other counts of the customer base, each checked against S, E and N where
/// those settle it; `None` when the file has none of their columns.
fn flows(cx: &RowContext, start: u64, end: u64, new: u64) -> Result<Option<Flows>, RowError> {
    if FLOW_ROLES.iter().all(|r| cx.column(*r).is_none()) {
        return Ok(None);
    }
    let mut read = [None; 4];
    for (slot, role) in read.iter_mut().zip(FLOW_ROLES) {
        if cx.column(role).is_some() {
            *slot = Some(count(cx, role)?);
        }
    }
    let [churned, new_customers, reactivated, acquired] = read;
    let disagree = |role, expected, found| cx.error(role, RowErrorKind::CountsDisagree { expected, found });
    // churned = S − (E − N); E − N is at most S here.
    let kept = end - new;
    if let Some(c) = churned.filter(|&c| c != start - kept) {
        return Err(disagree(Role::Churned, start - kept, c));
    }
    match (new_customers, reactivated) {
        (Some(n), _) if n > new => return Err(disagree(Role::NewCustomers, new, n)),
        (Some(n), Some(r)) if r != new - n => return Err(disagree(Role::Reactivated, new - n, r)),
        _ => {}
    }
    Ok(Some(Flows { churned, new_customers, reactivated, acquired }))
}

/// Reads one data row: the period and three whole, non-negative counts that
/// describe a possible period (S > 0, 0 <= E - N <= S); in a file with the customer
/// base's other counts, also a period that starts with nobody in the base (S = 0 and
/// E = N: no CRR), and those counts.
pub(crate) fn read_row(cx: &RowContext) -> Result<PeriodCountRow, RowError> {
    let period_text = cx.required(Role::Period)?;
    let start = count(cx, Role::Start)?;
    let end = count(cx, Role::End)?;
    let new = count(cx, Role::New)?;
    let base = FLOW_ROLES.iter().any(|r| cx.column(*r).is_some());
    let row = |flows| PeriodCountRow { line: cx.line(), period: parse_period(period_text), start, end, new, flows };
    match checked_crr(start as f64, end as f64, new as f64) {
        Ok(_) => Ok(row(flows(cx, start, end, new)?)),
        Err(CountsProblem::StartIsZero) if base && end == new => Ok(row(flows(cx, start, end, new)?)),
        Err(CountsProblem::StartIsZero) if base && end < new => {
            Err(cx.error(Role::New, RowErrorKind::RetainedNegative { end, new }))
        }
        Err(CountsProblem::StartIsZero) if base => {
            Err(cx.error(Role::End, RowErrorKind::RetainedAboveStart { retained: end - new, start }))
        }
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
