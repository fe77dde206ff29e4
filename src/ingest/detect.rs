//! Looking at the start of a file to settle how to read all of it: the encoding, the
//! delimiter, whether there is a header, what kind of file it is, which column plays
//! which role, how numbers and dates are written. The result is shown to the user,
//! who can change any of it, and is then handed to the streaming [`super::Reader`].

use super::columns::{self, Role};
use super::csv::{self, Record};
use super::date::{DateFormat, Inference};
use super::encoding::{self, Encoding};
use super::error::{FileError, FileErrorKind};
use super::number::NumberStyle;
use super::other_kinds::SpendKind;
use super::sniff;
use serde::{Deserialize, Serialize};

/// How much of the start of a file detection reads.
pub const SAMPLE_BYTES: usize = 1 << 20;
/// Data rows kept for the preview in the column panel.
pub const PREVIEW_ROWS: usize = 8;

/// What a file holds (METRICS.md, "Inputs").
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum FileKind {
    TransactionLog,
    PeriodCounts,
    CustomerSummary,
    MarketingSpend,
    Survey,
    Subscriptions,
    /// Purchase histories over discrete opportunities (yearly donations, editions):
    /// frequency, recency, periods and a weight per row, as BG/BB takes them.
    Opportunities,
    /// A cohort table, one row per cohort and offset (the warehouse SQL's `cohorts`,
    /// the page's cohorts CSV).
    Cohorts,
}

impl FileKind {
    /// The English name, as `Display` and the English page say it.
    pub fn english(self) -> &'static str {
        match self {
            FileKind::TransactionLog => "a transaction log",
            FileKind::PeriodCounts => "period counts",
            FileKind::CustomerSummary => "a customer summary",
            FileKind::MarketingSpend => "marketing spend",
            FileKind::Survey => "survey scores",
            FileKind::Subscriptions => "subscriptions",
            FileKind::Opportunities => "purchase opportunities",
            FileKind::Cohorts => "a cohort table",
        }
    }
}

impl std::fmt::Display for FileKind {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.english())
    }
}

impl FileKind {
    /// In the order detection tries them: the most specific first.
    pub const ALL: [FileKind; 8] = [
        FileKind::Cohorts,
        FileKind::CustomerSummary,
        FileKind::Opportunities,
        FileKind::PeriodCounts,
        FileKind::Subscriptions,
        FileKind::MarketingSpend,
        FileKind::Survey,
        FileKind::TransactionLog,
    ];

    pub fn key(self) -> &'static str {
        match self {
            FileKind::TransactionLog => "transactions",
            FileKind::PeriodCounts => "period_counts",
            FileKind::CustomerSummary => "customer_summary",
            FileKind::MarketingSpend => "marketing_spend",
            FileKind::Survey => "survey",
            FileKind::Subscriptions => "subscriptions",
            FileKind::Opportunities => "opportunities",
            FileKind::Cohorts => "cohorts",
        }
    }

    pub fn from_key(key: &str) -> Option<FileKind> {
        Self::ALL.into_iter().find(|k| k.key() == key)
    }

    /// The roles a file of this kind must have.
    pub fn required(self) -> &'static [Role] {
        match self {
            FileKind::TransactionLog => &[Role::Customer, Role::Date],
            FileKind::PeriodCounts => &[Role::Period, Role::Start, Role::End, Role::New],
            FileKind::CustomerSummary => &[Role::Customer, Role::Frequency, Role::Recency, Role::Age],
            FileKind::MarketingSpend => &[Role::Period, Role::Spend],
            FileKind::Survey => &[Role::Score],
            FileKind::Subscriptions => &[Role::Customer, Role::SubscriptionStart],
            FileKind::Opportunities => &[Role::Frequency, Role::Recency, Role::Opportunities],
            FileKind::Cohorts => &[Role::Cohort, Role::Offset, Role::CohortSize, Role::CohortActive],
        }
    }

    /// The roles it may have.
    pub fn optional(self) -> &'static [Role] {
        match self {
            FileKind::TransactionLog => &[Role::Amount],
            FileKind::CustomerSummary => &[Role::MonetaryValue],
            FileKind::MarketingSpend => &[Role::SpendType, Role::Channel],
            FileKind::Survey => &[Role::Customer],
            FileKind::Subscriptions => &[Role::SubscriptionEnd],
            FileKind::PeriodCounts => &[Role::Churned, Role::NewCustomers, Role::Reactivated, Role::Acquired],
            FileKind::Opportunities => &[Role::Weight],
            FileKind::Cohorts => &[Role::CohortRevenue],
        }
    }

    /// The roles whose column holds dates, if any.
    pub fn date_role(self) -> Option<Role> {
        match self {
            FileKind::TransactionLog => Some(Role::Date),
            FileKind::Subscriptions => Some(Role::SubscriptionStart),
            _ => None,
        }
    }
}

/// Which column plays which role.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Mapping {
    pub kind: FileKind,
    /// Every required and optional role of the kind, with its column (0-based).
    pub columns: Vec<(Role, Option<usize>)>,
}

impl Mapping {
    /// The mapping the headers suggest for `kind`.
    pub fn from_headers(kind: FileKind, headers: &[&str]) -> Mapping {
        let roles: Vec<Role> = kind.required().iter().chain(kind.optional()).copied().collect();
        let cols = columns::assign(headers, &roles);
        Mapping { kind, columns: roles.into_iter().zip(cols).collect() }
    }

    pub fn column(&self, role: Role) -> Option<usize> {
        self.columns.iter().find(|(r, _)| *r == role).and_then(|(_, c)| *c)
    }

    /// The first required role without a column.
    pub fn missing(&self) -> Option<Role> {
        self.kind.required().iter().copied().find(|r| self.column(*r).is_none())
    }

    pub fn set(&mut self, role: Role, column: Option<usize>) {
        match self.columns.iter_mut().find(|(r, _)| *r == role) {
            Some(slot) => slot.1 = column,
            None => self.columns.push((role, column)),
        }
    }

    /// Columns no role reads: kept per customer as attributes (channel, segment, ...).
    pub fn unmapped(&self, width: usize) -> Vec<usize> {
        (0..width).filter(|c| !self.columns.iter().any(|(_, m)| *m == Some(*c))).collect()
    }
}

/// Everything the reader needs to know; detection proposes it, the user may change it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ReadSettings {
    pub encoding: Encoding,
    pub delimiter: u8,
    pub has_header: bool,
    pub mapping: Mapping,
    pub numbers: NumberStyle,
    /// The format of the date column(s); `None` while the user must still choose.
    pub date_format: Option<DateFormat>,
    /// Header texts (or `column 1`, ... without a header), for attribute names.
    pub headers: Vec<String>,
    /// Marketing spend: the kind the user chose for a channel (its name as in the file),
    /// over what the type column or the channel's name says.
    #[serde(default)]
    pub channel_kinds: Vec<(String, SpendKind)>,
}

/// What detection found, for the column panel.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Detection {
    pub settings: ReadSettings,
    /// The first data rows, as text.
    pub preview: Vec<Vec<String>>,
    /// How the date column settled (ambiguous: ask the user).
    pub dates: Option<Inference>,
}

/// Records of a decoded sample (its last, possibly cut, record dropped unless the
/// sample is the whole file), blank lines left out.
fn sample_records(text: &str, delimiter: u8, complete: bool, limit: usize) -> Vec<Record> {
    csv::records(text, delimiter, complete).filter(|r| !r.is_blank()).take(limit).collect()
}

fn looks_binary(bytes: &[u8]) -> bool {
    let head = &bytes[..bytes.len().min(8192)];
    let utf16 = head.starts_with(&[0xFF, 0xFE]) || head.starts_with(&[0xFE, 0xFF]);
    head.starts_with(b"PK\x03\x04") || head.starts_with(&[0xD0, 0xCF, 0x11, 0xE0]) || (!utf16 && head.contains(&0))
}

/// Whether a cell looks like data (a number or a date) rather than a header name.
fn is_data(cell: &str) -> bool {
    let c = cell.trim();
    !c.is_empty()
        && (NumberStyle::default().parse(c).is_ok()
            || NumberStyle::for_delimiter(b';').parse(c).is_ok()
            || DateFormat::ALL.iter().any(|f| f.parse(c).is_ok()))
}

/// The kind and mapping the headers name best: every required role found, the most
/// optional ones, the most specific kind.
fn best_mapping(headers: &[&str]) -> Option<Mapping> {
    FileKind::ALL.into_iter().map(|k| Mapping::from_headers(k, headers)).filter(|m| m.missing().is_none()).max_by_key(
        |m| {
            let optional = m.kind.optional().iter().filter(|r| m.column(**r).is_some()).count();
            let specificity = FileKind::ALL.len() - FileKind::ALL.iter().position(|k| *k == m.kind).unwrap_or(0);
            (m.kind.required().len() + optional, specificity)
        },
    )
}

/// Without recognisable headers: guess from the values (a log needs a date column
/// and an id column; period counts are period + three whole numbers).
fn mapping_from_values(rows: &[Record], width: usize) -> Option<Mapping> {
    let column = |c: usize| rows.iter().filter_map(move |r| r.get(c)).filter(|v| !v.trim().is_empty());
    let numeric = |c: usize| {
        let values: Vec<&str> = column(c).collect();
        let style = NumberStyle::infer(values.iter().copied()).unwrap_or_default();
        !values.is_empty() && values.iter().all(|v| style.parse(v).is_ok())
    };
    let is_date = |c: usize| !numeric(c) && !matches!(DateFormat::infer(column(c)), Inference::Unrecognised);
    if width == 4 && (1..4).all(numeric) && !numeric(0) {
        let columns = FileKind::PeriodCounts.required().iter().copied().zip((0..4).map(Some)).collect();
        return Some(Mapping { kind: FileKind::PeriodCounts, columns });
    }
    let date = (0..width).find(|&c| is_date(c))?;
    let amount = (0..width).find(|&c| c != date && numeric(c) && column(c).any(|v| v.contains([',', '.'])));
    let customer = (0..width).find(|&c| c != date && Some(c) != amount && column(c).next().is_some())?;
    Some(Mapping {
        kind: FileKind::TransactionLog,
        columns: vec![(Role::Customer, Some(customer)), (Role::Date, Some(date)), (Role::Amount, amount)],
    })
}

/// Why no kind fits: the kind whose columns are nearly all there and the first one
/// missing, or that the columns are not recognised at all.
fn unrecognised(headers: &[&str]) -> FileError {
    let partial = FileKind::ALL
        .into_iter()
        .map(|k| Mapping::from_headers(k, headers))
        .filter_map(|m| {
            let found = m.kind.required().iter().filter(|r| m.column(**r).is_some()).count();
            (found >= 2).then_some((found, m))
        })
        .max_by_key(|(found, _)| *found);
    match partial.and_then(|(_, m)| m.missing().map(|role| (m.kind, role))) {
        Some((kind, role)) => FileErrorKind::MissingColumn { kind, role }.into(),
        None => FileErrorKind::NotRecognised { headers: headers.iter().map(|h| h.to_string()).collect() }.into(),
    }
}

/// Looks at `sample` (the start of a file, or all of it when `complete`).
pub fn detect(sample: &[u8], complete: bool) -> Result<Detection, FileError> {
    if looks_binary(sample) {
        return Err(FileErrorKind::NotText.into());
    }
    let encoding = encoding::detect(sample);
    let (text, _) = encoding::decode(sample);
    if text.trim().is_empty() {
        return Err(FileErrorKind::Empty.into());
    }
    let delimiter = sniff::delimiter(&text);
    let records = sample_records(&text, delimiter, complete, 5_000);
    let first = records.first().ok_or(FileErrorKind::Empty)?;
    let width = records.iter().take(50).map(Record::len).max().unwrap_or(0);
    let first_cells: Vec<&str> = first.iter().collect();

    let by_header = best_mapping(&first_cells);
    let has_header = by_header.is_some() || !first_cells.iter().any(|c| is_data(c));
    let data: &[Record] = if has_header { &records[1..] } else { &records[..] };
    let mapping = match by_header {
        Some(m) => m,
        None => match mapping_from_values(data, width) {
            Some(m) => m,
            None => return Err(unrecognised(&first_cells)),
        },
    };
    let headers: Vec<String> = (0..width)
        .map(|c| if has_header { first.get(c).unwrap_or("").trim().to_string() } else { String::new() })
        .collect();
    if data.is_empty() && complete {
        return Err(FileErrorKind::NoDataRows.into());
    }

    let number_roles = [
        Role::Amount,
        Role::Start,
        Role::End,
        Role::New,
        Role::Spend,
        Role::MonetaryValue,
        Role::CohortSize,
        Role::CohortActive,
        Role::CohortRevenue,
    ];
    let number_cells =
        number_roles.iter().filter_map(|r| mapping.column(*r)).flat_map(|c| data.iter().filter_map(move |r| r.get(c)));
    let numbers = NumberStyle::infer(number_cells).unwrap_or_else(|| NumberStyle::for_delimiter(delimiter));

    // A spend file's period column may hold dates (spend by day): its format is
    // inferred as a log's is, but the file is read without one when it holds periods.
    // Only its cells with three runs of digits count (`2024-03-15`, `15-3-2024`; not
    // `2024-03`, `2024-Q1` or `week 9 2024`), so that months beside days do not outvote
    // the days.
    let spend = mapping.kind == FileKind::MarketingSpend;
    let date_like = |s: &&str| !spend || s.split(|c: char| !c.is_ascii_digit()).filter(|p| !p.is_empty()).count() == 3;
    let date_column = mapping.kind.date_role().or(spend.then_some(Role::Period));
    let dates = date_column
        .and_then(|r| mapping.column(r))
        .map(|c| DateFormat::infer(data.iter().filter_map(|r| r.get(c)).filter(date_like)));
    // Never a silent guess between day-month and month-day: an ambiguous column stays
    // unsettled until the user chooses (or the caller applies a saved choice).
    let date_format = match &dates {
        Some(Inference::Settled(f)) | Some(Inference::Inconsistent { format: f, .. }) => Some(*f),
        _ => None,
    };
    let preview = data.iter().take(PREVIEW_ROWS).map(|r| r.iter().map(str::to_string).collect()).collect();
    Ok(Detection {
        settings: ReadSettings {
            encoding,
            delimiter,
            has_header,
            mapping,
            numbers,
            date_format,
            headers,
            channel_kinds: Vec::new(),
        },
        preview,
        dates,
    })
}

/// The currency the amounts of a file's first rows name by sign or code (`€ 12,50`,
/// `$4.99`, `10 GBP`): of the amount, spend or monetary-value column.
pub fn currency_of(d: &Detection) -> Option<crate::currency::Currency> {
    let columns: Vec<usize> =
        [Role::Amount, Role::Spend, Role::MonetaryValue].iter().filter_map(|r| d.settings.mapping.column(*r)).collect();
    let cells = d.preview.iter().flat_map(|row| columns.iter().filter_map(|c| row.get(*c)).map(String::as_str));
    crate::currency::Currency::detect(cells)
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_currency_the_amounts_name() {
        use crate::currency::Currency;
        let d = detect("klant;datum;bedrag\nA;05-01-2024;€ 10,00\nB;06-01-2024;20,00\n".as_bytes(), true).unwrap();
        assert_eq!(currency_of(&d), Some(Currency::Eur));
        let d = detect(b"customer,date,amount\na,2024-01-05,$4.99\nb,2024-01-06,$1.00\n", true).unwrap();
        assert_eq!(currency_of(&d), Some(Currency::Usd));
        let d = detect(b"customer,date,amount\na,2024-01-05,4.99\n", true).unwrap();
        assert_eq!(currency_of(&d), None);
    }

    use super::*;
    use crate::ingest::number::DecimalMark;

    #[test]
    fn a_dutch_excel_transaction_log() {
        let csv = "Klantnummer;Orderdatum;Bedrag;Kanaal\r\nK001;05-03-2024;€ 1.234,56;web\r\nK002;17-03-2024;12,50;winkel\r\n";
        let d = detect(csv.as_bytes(), true).unwrap();
        let s = &d.settings;
        assert_eq!(s.delimiter, b';');
        assert!(s.has_header);
        assert_eq!(s.mapping.kind, FileKind::TransactionLog);
        assert_eq!(s.mapping.column(Role::Customer), Some(0));
        assert_eq!(s.mapping.column(Role::Date), Some(1));
        assert_eq!(s.mapping.column(Role::Amount), Some(2));
        assert_eq!(s.mapping.unmapped(4), vec![3]);
        assert_eq!(s.numbers.decimal, DecimalMark::Comma);
        assert_eq!(s.date_format, Some(DateFormat::DayMonthYear));
        assert_eq!(d.preview.len(), 2);
    }

    #[test]
    fn ambiguous_dates_are_not_guessed() {
        let csv = "customer,date,amount\na,03/04/2024,10.00\nb,05/06/2024,12.00\n";
        let d = detect(csv.as_bytes(), true).unwrap();
        assert_eq!(d.settings.date_format, None);
        assert!(matches!(d.dates, Some(Inference::Ambiguous { .. })));
    }

    #[test]
    fn each_kind_from_its_headers() {
        let cases = [
            ("period,S,E,N\n2024-01,10,9,1\n", FileKind::PeriodCounts),
            ("customer_id,frequency,recency,T,monetary_value\n1,2,30.5,38.9,22.3\n", FileKind::CustomerSummary),
            ("maand;kosten;soort;kanaal\n2024-01;1.000;acquisitie;google\n", FileKind::MarketingSpend),
            ("klant,score\nK1,9\n", FileKind::Survey),
            ("klantnummer,startdatum,einddatum\nK1,2024-01-01,2024-06-30\n", FileKind::Subscriptions),
            ("email,date\na@x.nl,2024-01-05\n", FileKind::TransactionLog),
        ];
        for (csv, kind) in cases {
            let d = detect(csv.as_bytes(), true).unwrap_or_else(|e| panic!("{csv}: {e}"));
            assert_eq!(d.settings.mapping.kind, kind, "{csv}");
        }
    }

    #[test]
    fn a_log_without_a_header() {
        let csv = "K1,2024-03-05,12.50\nK2,2024-03-06,7.25\nK1,2024-04-01,3.00\n";
        let d = detect(csv.as_bytes(), true).unwrap();
        let s = &d.settings;
        assert!(!s.has_header);
        assert_eq!(s.mapping.kind, FileKind::TransactionLog);
        assert_eq!((s.mapping.column(Role::Customer), s.mapping.column(Role::Date)), (Some(0), Some(1)));
        assert_eq!(s.mapping.column(Role::Amount), Some(2));
    }

    #[test]
    fn unusable_files() {
        assert_eq!(detect(b"", true).unwrap_err().kind(), &FileErrorKind::Empty);
        assert_eq!(detect(b"PK\x03\x04..", true).unwrap_err().kind(), &FileErrorKind::NotText);
        assert!(matches!(
            detect(b"naam,stad\nJan,Utrecht\n", true).unwrap_err().kind(),
            FileErrorKind::NotRecognised { .. }
        ));
        assert_eq!(detect(b"klant;datum;bedrag\n", true).unwrap_err().kind(), &FileErrorKind::NoDataRows);
    }
}
