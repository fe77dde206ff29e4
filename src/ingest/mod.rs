//! Ingestion: bytes in, typed records and row errors out.
//!
//! ```text
//! bytes ─ encoding ─▶ text ─ sniff ─▶ delimiter ─ csv ─▶ records ─ columns ─▶ kind of file
//!                                                                  └─ period_counts ─▶ rows + RowErrors
//! ```
//! Nothing here touches the DOM, so it is tested natively and fuzzed.

pub mod columns;
pub mod csv;
pub mod date;
pub mod encoding;
pub mod error;
pub mod number;
pub mod period_counts;
pub mod sniff;

pub use encoding::Encoding;
pub use error::{ColumnRef, FileError, FileErrorKind, RowError, RowErrorKind};
pub use period_counts::{PeriodCountRow, PeriodCounts, PeriodLabel};

/// How a file was read, shown to the user.
#[derive(Clone, Debug, PartialEq)]
pub struct Format {
    pub encoding: Encoding,
    pub delimiter: u8,
    pub has_header: bool,
}

/// What a file turned out to hold.
#[derive(Clone, Debug, PartialEq)]
pub enum Dataset {
    PeriodCounts(PeriodCounts),
}

impl Dataset {
    /// The rows that could not be used, with line numbers and reasons.
    pub fn row_errors(&self) -> &[RowError] {
        match self {
            Dataset::PeriodCounts(p) => &p.errors,
        }
    }
}

/// A file that was read (possibly with some rows skipped).
#[derive(Clone, Debug, PartialEq)]
pub struct LoadedFile {
    pub name: String,
    pub format: Format,
    pub dataset: Dataset,
}

/// Bytes that look like a spreadsheet, archive or image rather than text.
fn looks_binary(bytes: &[u8]) -> bool {
    let head = &bytes[..bytes.len().min(8192)];
    let utf16 = head.starts_with(&[0xFF, 0xFE]) || head.starts_with(&[0xFE, 0xFF]);
    head.starts_with(b"PK\x03\x04") || head.starts_with(&[0xD0, 0xCF, 0x11, 0xE0]) || (!utf16 && head.contains(&0))
}

/// Reads a whole file: detects its encoding, delimiter and kind, and reads its rows.
pub fn read_file(name: &str, bytes: &[u8]) -> Result<LoadedFile, FileError> {
    if looks_binary(bytes) {
        return Err(FileErrorKind::NotText.into());
    }
    let (text, encoding) = encoding::decode(bytes);
    if text.trim().is_empty() {
        return Err(FileErrorKind::Empty.into());
    }
    let sample_end = (0..=text.len().min(64 * 1024)).rev().find(|&i| text.is_char_boundary(i)).unwrap_or(0);
    let delimiter = sniff::delimiter(&text[..sample_end]);
    let records = csv::read_all(&text, delimiter);
    let first = records.iter().find(|r| !r.is_blank()).ok_or(FileErrorKind::Empty)?;
    let layout = period_counts::Layout::detect(first)?;
    let first_index = records.iter().position(|r| !r.is_blank()).unwrap_or(0);
    let counts = period_counts::read(&records[first_index..], &layout, delimiter)?;
    Ok(LoadedFile {
        name: name.to_string(),
        format: Format { encoding, delimiter, has_header: layout.has_header },
        dataset: Dataset::PeriodCounts(counts),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn counts(file: &LoadedFile) -> &PeriodCounts {
        match &file.dataset {
            Dataset::PeriodCounts(p) => p,
        }
    }

    #[test]
    fn reads_a_comma_file() {
        let f = read_file("a.csv", include_bytes!("../../tests/fixtures/period_counts_comma.csv")).unwrap();
        assert_eq!(f.format.delimiter, b',');
        let p = counts(&f);
        assert!(p.errors.is_empty(), "{:?}", p.errors);
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
        assert_eq!(f.format.delimiter, b';');
        assert_eq!(f.format.encoding, Encoding::Windows1252);
        let p = counts(&f);
        assert!(p.errors.is_empty(), "{:?}", p.errors);
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
        let lines: Vec<(u64, &RowErrorKind)> = p.errors.iter().map(|e| (e.line, &e.kind)).collect();
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
        assert_eq!(p.errors[0].column.as_ref().map(|c| (c.index, c.name.as_str())), Some((2, "eind")));
    }

    #[test]
    fn files_that_cannot_be_used() {
        let kind = |bytes: &[u8]| read_file("x", bytes).unwrap_err().kind().clone();
        assert_eq!(kind(b""), FileErrorKind::Empty);
        assert_eq!(kind(b" \r\n \n"), FileErrorKind::Empty);
        assert_eq!(kind(b"periode;begin;eind;nieuw\n"), FileErrorKind::NoDataRows);
        assert_eq!(
            kind(b"periode;begin;nieuw\n2024-01;5;1\n"),
            FileErrorKind::MissingColumn { role: columns::Role::End }
        );
        assert_eq!(kind(b"PK\x03\x04rest"), FileErrorKind::NotText);
        assert!(matches!(kind(b"naam,stad\nJan,Utrecht\n"), FileErrorKind::NotRecognised { .. }));
    }

    #[test]
    fn a_file_without_header_in_period_s_e_n_order() {
        let f = read_file("x", b"2024-01,200,210,30\n2024-02,210,190,10\n").unwrap();
        assert!(!f.format.has_header);
        let p = counts(&f);
        assert_eq!(p.rows.len(), 2);
        // (190 - 10) / 210 x 100 = 85.714285...
        assert_eq!(p.rows[1].crr(), Some(180.0 / 210.0 * 100.0));
    }
}
