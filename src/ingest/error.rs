//! What can go wrong while reading a file, always with the place it went wrong.
//!
//! Errors are data, not text: the UI turns them into a sentence in the user's
//! language (see `crate::i18n`). `Display` gives the English sentence, for logs
//! and tests.

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
}

impl RowError {
    pub fn new(line: u64, column: Option<ColumnRef>, kind: RowErrorKind) -> Self {
        RowError { line, column, kind }
    }
}

impl fmt::Display for RowError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&crate::i18n::Lang::En.texts().row_error(self))
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
    /// The Web Worker reading the file stopped (most likely out of memory).
    WorkerFailed { message: String },
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
        f.write_str(&crate::i18n::Lang::En.texts().file_error(self))
    }
}

impl std::error::Error for FileError {}
