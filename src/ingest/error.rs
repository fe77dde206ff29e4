//! What can go wrong while reading a file, always with the place it went wrong.
//!
//! Errors are data, not text, as in rust-csv: `Display` beside each gives the plain
//! English sentence (for logs, tests and the English page); `crate::i18n` renders
//! the same data in the user's language.

use serde::{Deserialize, Serialize};
use std::fmt;

/// A column of the input, as the user sees it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ColumnRef {
    /// 0-based position in the row; shown to people 1-based.
    pub index: usize,
    /// The header text, or empty when the file has no header.
    pub name: String,
}

/// One data row that could not be used, and why. The row is skipped; the rest of
/// the file is still used.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct RowError {
    /// 1-based line number in the file where the row starts (the header is line 1).
    pub line: u64,
    pub column: Option<ColumnRef>,
    pub kind: RowErrorKind,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum RowErrorKind {
    /// The row has fewer fields than the header.
    MissingFields { expected: usize, found: usize },
    /// A required cell is empty.
    MissingValue,
    /// Text where a number belongs.
    NotANumber { text: String },
    /// A number beyond ±10^15: no amount or count of a business is that large (and
    /// sums of such numbers would overflow).
    NumberTooLarge { text: String },
    /// A count with a fraction (`12,5` customers).
    NotWholeNumber { text: String },
    /// A count below zero.
    Negative { text: String },
    /// S = 0: retention is undefined for a period that starts with no customers.
    StartIsZero,
    /// E - N < 0: more new customers than customers at the end.
    RetainedNegative { end: u64, new: u64 },
    /// E - N > S: more customers kept than there were at the start.
    RetainedAboveStart { retained: u64, start: u64 },
    /// A quoted field that is never closed before the end of the file.
    UnclosedQuote,
    /// Text where a date belongs (in the column's settled format).
    NotADate { text: String, format: crate::ingest::date::DateFormat },
    /// A date that is not in the calendar: `31-02-2024`.
    DateDoesNotExist { text: String },
    /// A date before 1900 or after 2200.
    DateOutOfRange { text: String },
    /// A survey score outside 0-10.
    ScoreOutOfRange { text: String },
    /// A subscription that ends before it starts.
    EndBeforeStart,
    /// Customer summary: recency larger than T.
    RecencyAboveAge,
    /// Customer summary: a frequency that is not a whole number of at least 0.
    BadFrequency { text: String },
    /// The customer base per period: a count that S, E and N (or N and new customers)
    /// settle otherwise (churned = S − (E − N), reactivated = N − new customers).
    CountsDisagree { expected: u64, found: u64 },
    /// Cohort table: a cohort that names no calendar period.
    NotAPeriod { text: String },
    /// Cohort table: an offset beyond the periods the app shows.
    OffsetTooLarge { text: String },
    /// Cohort table: a size other than an earlier row of the same cohort gave.
    CohortSizeDiffers { size: u64, earlier: u64 },
    /// Cohort table: more active customers than the cohort has.
    ActiveAboveSize { active: u64, size: u64 },
    /// Cohort table: a cohort and offset an earlier row already gave.
    DuplicateCell,
}

impl RowError {
    pub fn new(line: u64, column: Option<ColumnRef>, kind: RowErrorKind) -> Self {
        RowError { line, column, kind }
    }
}

impl fmt::Display for RowError {
    /// "Line 3, column 3 (eind): 'veel' is not a number".
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Line {}", self.line)?;
        if let Some(c) = &self.column {
            write!(f, ", column {}", c.index + 1)?;
            if !c.name.is_empty() {
                write!(f, " ({})", c.name)?;
            }
        }
        write!(f, ": {}", self.kind)
    }
}

impl fmt::Display for RowErrorKind {
    /// Why the row was skipped, in English.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let text: String = match self {
            Self::MissingFields { expected, found } => {
                format!("the row has {found} fields, {expected} are needed")
            }
            Self::MissingValue => "the cell is empty".into(),
            Self::NotANumber { text } => format!("'{text}' is not a number"),
            Self::NotWholeNumber { text } => format!("'{text}' is not a whole number of customers"),
            Self::NumberTooLarge { text } => format!("'{text}' is too large (more than 10^15)"),
            Self::Negative { text } => format!("'{text}' is below zero"),
            Self::StartIsZero => "S is 0, so no retention rate can be computed for this period".into(),
            Self::RetainedNegative { end, new } => {
                format!("E − N is below 0: {new} new customers but only {end} at the end")
            }
            Self::RetainedAboveStart { retained, start } => {
                format!("E − N = {retained} is more than S = {start}: more customers kept than there were at the start")
            }
            Self::UnclosedQuote => "a quote (\") opened here is never closed".into(),
            Self::NotADate { text, format } => {
                format!("'{text}' is not a date like the others in this column ({})", format.example())
            }
            Self::DateDoesNotExist { text } => format!("date '{text}' does not exist"),
            Self::DateOutOfRange { text } => format!("date '{text}' is not between 1900 and 2200"),
            Self::ScoreOutOfRange { text } => format!("score '{text}' is not a whole number from 0 to 10"),
            Self::EndBeforeStart => "the subscription ends before it starts".into(),
            Self::RecencyAboveAge => "recency is larger than T".into(),
            Self::BadFrequency { text } => format!("frequency '{text}' is not a whole number of at least 0"),
            Self::CountsDisagree { expected, found } => {
                format!("the file says {found}, but S, E and N give {expected}")
            }
            Self::NotAPeriod { text } => {
                format!("'{text}' is not a period like 2024-03, 2024-Q1, 2024-W09 or 2024")
            }
            Self::OffsetTooLarge { text } => {
                format!("offset '{text}' is more than {} periods", crate::ingest::cohort_table::MAX_OFFSET)
            }
            Self::CohortSizeDiffers { size, earlier } => {
                format!("the cohort's size is {size} here but {earlier} in an earlier row")
            }
            Self::ActiveAboveSize { active, size } => {
                format!("{active} active customers is more than the cohort's {size}")
            }
            Self::DuplicateCell => "an earlier row already gave this cohort and offset".into(),
        };
        f.write_str(&text)
    }
}

/// A file that cannot be used at all.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct FileError(pub Box<FileErrorKind>);

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum FileErrorKind {
    /// No bytes, or only white space.
    Empty,
    /// A header but no data rows.
    NoDataRows,
    /// The columns do not match any kind of file the app knows.
    NotRecognised { headers: Vec<String> },
    /// A file of a known kind without one of its required columns.
    MissingColumn { kind: crate::ingest::detect::FileKind, role: crate::ingest::columns::Role },
    /// A date column whose day/month order the user has not settled yet.
    DateOrderUnsettled,
    /// More than the browser can hold.
    TooLarge { bytes: u64, limit: u64 },
    /// Reading was cancelled by the user.
    Cancelled,
    /// Binary content (a spreadsheet, an image) rather than text.
    NotText,
    /// The browser could not read the file (removed or unreadable).
    Unreadable,
}

impl FileError {
    pub fn new(kind: FileErrorKind) -> Self {
        FileError(Box::new(kind))
    }

    pub fn kind(&self) -> &FileErrorKind {
        &self.0
    }
}

impl From<FileErrorKind> for FileError {
    fn from(kind: FileErrorKind) -> Self {
        FileError::new(kind)
    }
}

impl fmt::Display for FileError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.kind().fmt(f)
    }
}

impl std::error::Error for FileError {}

impl fmt::Display for FileErrorKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let text: String = match self {
            Self::Empty => "The file is empty.".into(),
            Self::Unreadable => "The browser could not read the file. Is it still there?".into(),
            Self::DateOrderUnsettled => {
                "The dates could be day-month or month-day: choose the order in the column panel.".into()
            }
            Self::TooLarge { bytes, limit } => format!(
                "The file is {} MB; this browser can read at most {} MB. Split it, or export a customer summary \
                 (frequency, recency, T) instead.",
                bytes / 1_000_000,
                limit / 1_000_000
            ),
            Self::Cancelled => "Reading was cancelled.".into(),
            Self::NoDataRows => "The file has a header but no data rows.".into(),
            Self::NotText => {
                "This is not a text file. Save the sheet as CSV (in Excel: Save as → CSV) and drop that.".into()
            }
            Self::MissingColumn { kind, role } => {
                format!("This looks like {}, but the column for {} is missing.", kind.english(), role.english())
            }
            Self::NotRecognised { headers } => format!(
                "The columns ({}) are not recognised. Expected a transaction log (customer, date, amount), period \
                 counts (period, S, E, N), a customer summary (frequency, recency, T), marketing spend, survey \
                 scores or subscriptions.",
                headers.join(", ")
            ),
        };
        f.write_str(&text)
    }
}
