//! Ingestion: bytes in, typed records and row errors out.
//!
//! ```text
//!  first 1 MiB ─ detect: encoding · sniff (delimiter) · csv · columns (roles, nl/en)
//!                        · number / date formats ─▶ Detection { kind, ReadSettings, preview }
//!
//!  every chunk ─ Reader: encoding::Decoder ─▶ csv::Splitter ─▶ RowContext (number, date)
//!                  ─▶ the kind's builder: transactions (CustomerLog, per customer) ·
//!                     period_counts · other_kinds ─▶ Dataset + RowErrors
//! ```
//! Errors are data (`error`: where and why) with an English `Display`; the page
//! words them in its language (`crate::i18n`). Month names of both languages are one
//! table (`month_names`). Nothing here touches the DOM, so it is tested natively and
//! fuzzed.

pub mod codec;
pub mod cohort_table;
pub mod columns;
pub mod csv;
pub mod date;
pub mod detect;
pub mod encoding;
pub mod error;
pub mod interner;
pub mod month_names;
pub mod number;
pub mod other_kinds;
pub mod parallel;
pub mod period_counts;
pub mod reader;
pub mod sniff;
pub mod transactions;

pub use cohort_table::CohortRow;
pub use detect::{detect, Detection, FileKind, Mapping, ReadSettings};
pub use encoding::Encoding;
pub use error::{ColumnRef, FileError, FileErrorKind, RowError, RowErrorKind};
pub use period_counts::{Flows, PeriodCountRow, PeriodCounts, PeriodLabel};
pub use reader::{Dataset, ReadOutcome, Reader, RowErrors};
pub use transactions::{Activity, CustomerLog, DayActivity};

/// A file that was read (possibly with some rows skipped).
#[derive(Clone, Debug, PartialEq)]
pub struct LoadedFile {
    pub name: String,
    /// How it was read.
    pub settings: ReadSettings,
    pub dataset: Dataset,
    /// The rows that could not be used.
    pub errors: RowErrors,
    /// Data rows in the file, used or skipped.
    pub data_rows: u64,
}

impl LoadedFile {
    pub fn new(name: &str, outcome: ReadOutcome) -> LoadedFile {
        LoadedFile {
            name: name.to_string(),
            settings: outcome.settings,
            dataset: outcome.dataset,
            errors: outcome.errors,
            data_rows: outcome.data_rows,
        }
    }
}

/// The first transaction log among `files`, with its file name: the log an analysis is
/// of (the page's worker and the command-line tool combine files alike).
pub fn first_log(files: &[LoadedFile]) -> Option<(&str, &CustomerLog)> {
    files.iter().find_map(|f| match &f.dataset {
        Dataset::Transactions(log) => Some((f.name.as_str(), log)),
        _ => None,
    })
}

/// The first survey among `files` whose rows name customers (joined with the log).
pub fn survey_with_customers(files: &[LoadedFile]) -> Option<&[other_kinds::SurveyRow]> {
    files.iter().find_map(|f| match &f.dataset {
        Dataset::Survey(rows) if rows.iter().any(|r| r.customer.is_some()) => Some(rows.as_slice()),
        _ => None,
    })
}

/// The first marketing-spend file among `files`.
pub fn first_spend(files: &[LoadedFile]) -> Option<&[other_kinds::SpendRow]> {
    files.iter().find_map(|f| match &f.dataset {
        Dataset::MarketingSpend(rows) => Some(rows.as_slice()),
        _ => None,
    })
}

/// Reads a whole file held in memory with the settings detection proposes. An
/// ambiguous date order is settled the way `date::prefer_day_first` says for the
/// file's delimiter (the page asks the user instead).
pub fn read_file(name: &str, bytes: &[u8]) -> Result<LoadedFile, FileError> {
    let detection = detect(&bytes[..bytes.len().min(detect::SAMPLE_BYTES)], bytes.len() <= detect::SAMPLE_BYTES)?;
    let mut settings = detection.settings;
    if settings.date_format.is_none() {
        settings.date_format = detection.dates.and_then(|d| d.resolve(date::prefer_day_first(settings.delimiter)));
    }
    read_with(name, bytes, settings)
}

/// Reads a whole file held in memory with the given settings.
pub fn read_with(name: &str, bytes: &[u8], settings: ReadSettings) -> Result<LoadedFile, FileError> {
    let mut reader = Reader::new(settings)?;
    reader.feed(bytes);
    Ok(LoadedFile::new(name, reader.finish()?))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn counts(file: &LoadedFile) -> &PeriodCounts {
        match &file.dataset {
            Dataset::PeriodCounts(p) => p,
            other => panic!("not period counts: {:?}", other.kind()),
        }
    }

    #[test]
    fn reads_a_comma_file() {
        let f = read_file("a.csv", include_bytes!("../../tests/fixtures/period_counts_comma.csv")).unwrap();
        assert_eq!(f.settings.delimiter, b',');
        let p = counts(&f);
        assert!(f.errors.listed.is_empty(), "{:?}", f.errors);
        assert_eq!(p.rows.len(), 6);
        let r = &p.rows[0];
        assert_eq!((r.period.to_string().as_str(), r.start, r.end, r.new), ("2024-01", 1000, 1010, 60));
        // (1010 - 60) / 1000 x 100 = 95 by hand.
        assert_eq!(r.crr(), Some(95.0));
        assert_eq!(r.churn_rate(), Some(5.0));
    }

    #[test]
    fn reads_a_dutch_semicolon_file_in_windows_1252() {
        let f = read_file("b.csv", include_bytes!("../../tests/fixtures/period_counts_semicolon_cp1252.csv")).unwrap();
        assert_eq!(f.settings.delimiter, b';');
        assert_eq!(f.settings.encoding, Encoding::Windows1252);
        let p = counts(&f);
        assert!(f.errors.listed.is_empty(), "{:?}", f.errors);
        // 1.200 is twelve hundred in a Dutch file.
        let r = &p.rows[0];
        assert_eq!((r.period.to_string().as_str(), r.start, r.end, r.new), ("2024-Q1", 1200, 1150, 100));
        // (1150 - 100) / 1200 x 100 = 87.5 by hand.
        assert_eq!(r.crr(), Some(87.5));
    }

    #[test]
    fn bad_rows_are_listed_and_the_rest_is_used() {
        let f = read_file("bad.csv", include_bytes!("../../tests/fixtures/period_counts_bad.csv")).unwrap();
        let p = counts(&f);
        let lines: Vec<(u64, &RowErrorKind)> = f.errors.listed.iter().map(|e| (e.line, &e.kind)).collect();
        assert_eq!(
            lines,
            vec![
                (3, &RowErrorKind::NotANumber { text: "veel".into() }),
                (4, &RowErrorKind::StartIsZero),
                (5, &RowErrorKind::RetainedNegative { end: 50, new: 80 }),
                (6, &RowErrorKind::MissingValue),
                (7, &RowErrorKind::MissingFields { expected: 4, found: 2 }),
            ]
        );
        assert_eq!(p.rows.iter().map(|r| r.line).collect::<Vec<_>>(), vec![2, 8]);
        assert_eq!(f.errors.listed[0].column.as_ref().map(|c| (c.index, c.name.as_str())), Some((2, "eind")));
    }

    #[test]
    fn files_that_cannot_be_used() {
        let kind = |bytes: &[u8]| read_file("x", bytes).unwrap_err().kind().clone();
        assert_eq!(kind(b""), FileErrorKind::Empty);
        assert_eq!(kind(b" \r\n \n"), FileErrorKind::Empty);
        assert_eq!(kind(b"periode;begin;eind;nieuw\n"), FileErrorKind::NoDataRows);
        assert_eq!(
            kind(b"periode;begin;nieuw\n2024-01;5;1\n"),
            FileErrorKind::MissingColumn { kind: FileKind::PeriodCounts, role: columns::Role::End }
        );
        assert_eq!(kind(b"PK\x03\x04rest"), FileErrorKind::NotText);
        assert!(matches!(kind(b"naam,stad\nJan,Utrecht\n"), FileErrorKind::NotRecognised { .. }));
    }

    #[test]
    fn a_file_without_header_in_period_s_e_n_order() {
        let f = read_file("x", b"2024-01,200,210,30\n2024-02,210,190,10\n").unwrap();
        assert!(!f.settings.has_header);
        let p = counts(&f);
        assert_eq!(p.rows.len(), 2);
        // (190 - 10) / 210 x 100 = 85.714285...
        assert_eq!(p.rows[1].crr(), Some(180.0 / 210.0 * 100.0));
    }
}
