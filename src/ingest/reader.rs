//! The streaming reader: bytes in, chunk by chunk, typed records and row errors out.
//!
//! ```text
//! feed(chunk) ─ Decoder ─▶ text buffer ─ Splitter ─▶ Record ─ RowContext ─▶ kind's builder
//! ```
//! Only the unread tail of the text is kept between chunks; what is kept of the data is
//! what the figures need (for a transaction log: per customer, purchase days and
//! amounts), never the rows as strings. The same code reads a 200-byte paste and a
//! 1 GB export, natively in tests and in the browser's Web Worker.

use super::cohort_table::{CohortBuilder, CohortRow};
use super::columns::Role;
use super::csv::{ReadResult, Record, Splitter};
use super::date::DateError;
use super::detect::{FileKind, ReadSettings};
use super::encoding::Decoder;
use super::error::{ColumnRef, FileError, FileErrorKind, RowError, RowErrorKind};
use super::number::NumberError;
use super::other_kinds::{self, OpportunityRow, SpendRow, SubscriptionRow, SummaryRow, SurveyRow};
use super::period_counts::{self, PeriodCounts};
use super::transactions::{CustomerLog, LogBuilder};
use crate::calendar::Date;
use serde::{Deserialize, Serialize};

/// Skipped rows listed one by one; beyond this only the count grows (the list of a
/// file that is wrong on every one of ten million rows would not fit in memory).
pub const MAX_LISTED_ERRORS: usize = 1_000_000;

/// The largest number a cell may hold (in absolute value): 10^15.
pub const MAX_NUMBER: f64 = 1e15;

/// The rows that could not be used.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct RowErrors {
    /// In file order, at most [`MAX_LISTED_ERRORS`].
    pub listed: Vec<RowError>,
    /// Every skipped row (`rows_skipped`).
    pub total: u64,
}

impl RowErrors {
    pub fn push(&mut self, e: RowError) {
        self.total += 1;
        if self.listed.len() < MAX_LISTED_ERRORS {
            self.listed.push(e);
        }
    }
}

/// What a file turned out to hold.
#[derive(Clone, Debug, PartialEq)]
pub enum Dataset {
    Transactions(CustomerLog),
    PeriodCounts(PeriodCounts),
    CustomerSummary(Vec<SummaryRow>),
    MarketingSpend(Vec<SpendRow>),
    Survey(Vec<SurveyRow>),
    Subscriptions(Vec<SubscriptionRow>),
    Opportunities(Vec<OpportunityRow>),
    Cohorts(Vec<CohortRow>),
}

impl Dataset {
    pub fn kind(&self) -> FileKind {
        match self {
            Dataset::Transactions(_) => FileKind::TransactionLog,
            Dataset::PeriodCounts(_) => FileKind::PeriodCounts,
            Dataset::CustomerSummary(_) => FileKind::CustomerSummary,
            Dataset::MarketingSpend(_) => FileKind::MarketingSpend,
            Dataset::Survey(_) => FileKind::Survey,
            Dataset::Subscriptions(_) => FileKind::Subscriptions,
            Dataset::Opportunities(_) => FileKind::Opportunities,
            Dataset::Cohorts(_) => FileKind::Cohorts,
        }
    }

    /// Rows (transaction log: customers) that were kept.
    pub fn len(&self) -> usize {
        match self {
            Dataset::Transactions(l) => l.customers(),
            Dataset::PeriodCounts(p) => p.rows.len(),
            Dataset::CustomerSummary(r) => r.len(),
            Dataset::MarketingSpend(r) => r.len(),
            Dataset::Survey(r) => r.len(),
            Dataset::Subscriptions(r) => r.len(),
            Dataset::Opportunities(r) => r.len(),
            Dataset::Cohorts(r) => r.len(),
        }
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

/// The cells of one data row, read through the mapping; errors name line and column.
pub(crate) struct RowContext<'a> {
    pub record: &'a Record,
    pub settings: &'a ReadSettings,
    /// The mapping as a table: the column of each role, by `Role as usize`.
    pub columns: &'a RoleColumns,
}

/// Which column each role is read from, looked up by `Role as usize` (a hot path:
/// several look-ups per row).
pub(crate) type RoleColumns = [Option<usize>; Role::ALL.len()];

fn role_columns(settings: &ReadSettings) -> RoleColumns {
    let mut t = [None; Role::ALL.len()];
    for (role, column) in &settings.mapping.columns {
        t[*role as usize] = *column;
    }
    t
}

/// `str::trim` with a fast exit for the usual cell that has no space at either end.
fn trim(s: &str) -> &str {
    match s.as_bytes() {
        [first, .., last] if !first.is_ascii_whitespace() && !last.is_ascii_whitespace() && last.is_ascii() => s,
        [only] if !only.is_ascii_whitespace() && only.is_ascii() => s,
        _ => s.trim(),
    }
}

impl RowContext<'_> {
    pub fn line(&self) -> u64 {
        self.record.line
    }

    pub fn column(&self, role: Role) -> Option<usize> {
        self.columns[role as usize]
    }

    pub fn column_ref(&self, role: Role) -> Option<ColumnRef> {
        self.column(role)
            .map(|index| ColumnRef { index, name: self.settings.headers.get(index).cloned().unwrap_or_default() })
    }

    pub fn error(&self, role: Role, kind: RowErrorKind) -> RowError {
        RowError::new(self.line(), self.column_ref(role), kind)
    }

    /// The trimmed text of a mapped role ("" when unmapped).
    pub fn text(&self, role: Role) -> &str {
        trim(self.column(role).and_then(|c| self.record.get(c)).unwrap_or(""))
    }

    /// A required, non-empty cell.
    pub fn required(&self, role: Role) -> Result<&str, RowError> {
        match self.text(role) {
            "" => Err(self.error(role, RowErrorKind::MissingValue)),
            t => Ok(t),
        }
    }

    pub fn number(&self, role: Role) -> Result<f64, RowError> {
        let text = self.text(role);
        match self.settings.numbers.parse(text) {
            Ok(n) if n.value.abs() > MAX_NUMBER => {
                Err(self.error(role, RowErrorKind::NumberTooLarge { text: text.into() }))
            }
            Ok(n) => Ok(n.value),
            Err(NumberError::Empty) => Err(self.error(role, RowErrorKind::MissingValue)),
            Err(NumberError::Invalid) => Err(self.error(role, RowErrorKind::NotANumber { text: text.into() })),
        }
    }

    /// An optional number: `None` for an empty cell or an unmapped role.
    pub fn optional_number(&self, role: Role) -> Result<Option<f64>, RowError> {
        if self.text(role).is_empty() {
            Ok(None)
        } else {
            self.number(role).map(Some)
        }
    }

    pub fn date(&self, role: Role) -> Result<Date, RowError> {
        let text = self.text(role);
        let Some(format) = self.settings.date_format else {
            return Err(self.error(
                role,
                RowErrorKind::NotADate { text: text.into(), format: super::date::DateFormat::YearMonthDay },
            ));
        };
        format.parse(text).map_err(|e| {
            let text = text.to_string();
            self.error(
                role,
                match e {
                    DateError::Empty => RowErrorKind::MissingValue,
                    DateError::NotADate => RowErrorKind::NotADate { text, format },
                    DateError::DoesNotExist { .. } => RowErrorKind::DateDoesNotExist { text },
                    DateError::OutOfRange => RowErrorKind::DateOutOfRange { text },
                },
            )
        })
    }
}

/// Collects the rows of one kind of file.
enum Builder {
    Transactions(Box<LogBuilder>),
    PeriodCounts(PeriodCounts),
    CustomerSummary(Vec<SummaryRow>),
    MarketingSpend(Vec<SpendRow>),
    Survey(Vec<SurveyRow>),
    Subscriptions(Vec<SubscriptionRow>),
    Opportunities(Vec<OpportunityRow>),
    Cohorts(CohortBuilder),
}

impl Builder {
    fn new(settings: &ReadSettings) -> Builder {
        match settings.mapping.kind {
            FileKind::TransactionLog => Builder::Transactions(Box::new(LogBuilder::new(settings))),
            FileKind::PeriodCounts => Builder::PeriodCounts(PeriodCounts::default()),
            FileKind::CustomerSummary => Builder::CustomerSummary(Vec::new()),
            FileKind::MarketingSpend => Builder::MarketingSpend(Vec::new()),
            FileKind::Survey => Builder::Survey(Vec::new()),
            FileKind::Subscriptions => Builder::Subscriptions(Vec::new()),
            FileKind::Opportunities => Builder::Opportunities(Vec::new()),
            FileKind::Cohorts => Builder::Cohorts(CohortBuilder::default()),
        }
    }

    fn row(&mut self, cx: &RowContext) -> Result<(), RowError> {
        match self {
            Builder::Transactions(b) => b.row(cx)?,
            Builder::PeriodCounts(p) => p.rows.push(period_counts::read_row(cx)?),
            Builder::CustomerSummary(rows) => rows.push(other_kinds::summary_row(cx)?),
            Builder::MarketingSpend(rows) => rows.push(other_kinds::spend_row(cx)?),
            Builder::Survey(rows) => rows.push(other_kinds::survey_row(cx)?),
            Builder::Subscriptions(rows) => rows.push(other_kinds::subscription_row(cx)?),
            Builder::Opportunities(rows) => rows.push(other_kinds::opportunity_row(cx)?),
            Builder::Cohorts(b) => b.row(cx)?,
        }
        Ok(())
    }

    /// Prepares for the rows of `records` (which it is about to be given one by one).
    fn touch(&self, records: &[Record], columns: &RoleColumns) {
        if let Builder::Transactions(b) = self {
            b.touch(records, columns);
        }
    }

    fn finish(self) -> Dataset {
        match self {
            Builder::Transactions(b) => Dataset::Transactions(b.finish()),
            Builder::PeriodCounts(p) => Dataset::PeriodCounts(p),
            Builder::CustomerSummary(r) => Dataset::CustomerSummary(r),
            Builder::MarketingSpend(r) => Dataset::MarketingSpend(r),
            Builder::Survey(r) => Dataset::Survey(r),
            Builder::Subscriptions(r) => Dataset::Subscriptions(r),
            Builder::Opportunities(r) => Dataset::Opportunities(r),
            Builder::Cohorts(b) => Dataset::Cohorts(b.finish()),
        }
    }
}

/// Records split ahead of their use: the builder first looks at all of them (to touch
/// the memory they will need; see [`LogBuilder::touch`]), then takes them in order.
const BATCH: usize = 16;

/// Reads a whole file, fed in chunks of any size.
pub struct Reader {
    settings: ReadSettings,
    decoder: Decoder,
    text: String,
    /// Where the unread part of `text` starts.
    pos: usize,
    splitter: Splitter,
    /// The records split ahead, `BATCH` at most (buffers reused).
    batch: Vec<Record>,
    header_pending: bool,
    /// The number of fields a row needs to hold every mapped column.
    needed: usize,
    builder: Builder,
    columns: RoleColumns,
    errors: RowErrors,
    bytes: u64,
    data_rows: u64,
    /// Whether the last record read ran to the end of its input inside quotes.
    last_unclosed: bool,
}

impl Reader {
    /// A reader for settings whose mapping names every required column.
    pub fn new(settings: ReadSettings) -> Result<Reader, FileError> {
        if let Some(role) = settings.mapping.missing() {
            return Err(FileErrorKind::MissingColumn { kind: settings.mapping.kind, role }.into());
        }
        if settings.mapping.kind.date_role().is_some() && settings.date_format.is_none() {
            return Err(FileErrorKind::DateOrderUnsettled.into());
        }
        let needed = settings.mapping.columns.iter().filter_map(|(_, c)| *c).max().map_or(0, |m| m + 1);
        Ok(Reader {
            decoder: Decoder::new(settings.encoding),
            splitter: Splitter::new(settings.delimiter),
            header_pending: settings.has_header,
            builder: Builder::new(&settings),
            columns: role_columns(&settings),
            settings,
            text: String::new(),
            pos: 0,
            batch: vec![Record::default(); BATCH],
            needed,
            errors: RowErrors::default(),
            bytes: 0,
            data_rows: 0,
            last_unclosed: false,
        })
    }

    /// A reader for one part of a transaction log read in parts (`super::parallel`):
    /// the first part starts at the file's start (its byte-order mark, its header); the
    /// others start just after a line break, mid-file.
    pub(crate) fn for_part(settings: ReadSettings, first: bool) -> Result<Reader, FileError> {
        let mut reader = Reader::new(settings)?;
        if !first {
            reader.header_pending = false;
            reader.decoder = Decoder::new(reader.settings.encoding.without_bom());
        }
        Ok(reader)
    }

    /// Reads what is left of a part and returns what it collected (any number of rows,
    /// none included).
    pub(crate) fn finish_part(mut self) -> super::parallel::Part {
        self.decoder.decode(&[], true, &mut self.text);
        self.drain(true);
        let log = match self.builder {
            Builder::Transactions(b) => b.into_part(),
            _ => unreachable!("only transaction logs are read in parts"),
        };
        super::parallel::Part {
            log,
            errors: self.errors,
            data_rows: self.data_rows,
            lines: self.splitter.line() - 1,
            ends_in_quotes: self.last_unclosed,
        }
    }

    /// Bytes fed so far.
    pub fn bytes(&self) -> u64 {
        self.bytes
    }

    /// Data rows read so far (used or skipped).
    pub fn rows(&self) -> u64 {
        self.data_rows
    }

    /// Reads the next chunk of the file.
    pub fn feed(&mut self, chunk: &[u8]) {
        self.bytes += chunk.len() as u64;
        self.decoder.decode(chunk, false, &mut self.text);
        self.drain(false);
    }

    /// Reads what is left and returns what the file holds.
    pub fn finish(mut self) -> Result<ReadOutcome, FileError> {
        self.decoder.decode(&[], true, &mut self.text);
        self.drain(true);
        if self.data_rows == 0 {
            return Err(FileErrorKind::NoDataRows.into());
        }
        Ok(ReadOutcome {
            dataset: self.builder.finish(),
            errors: self.errors,
            data_rows: self.data_rows,
            settings: self.settings,
        })
    }

    fn drain(&mut self, eof: bool) {
        loop {
            let mut split = 0;
            while split < BATCH {
                match self.splitter.read_record(&self.text[self.pos..], eof, &mut self.batch[split]) {
                    ReadResult::Record(n) => {
                        self.pos += n;
                        split += 1;
                    }
                    ReadResult::NeedMore | ReadResult::End => break,
                }
            }
            self.builder.touch(&self.batch[..split], &self.columns);
            for i in 0..split {
                self.take_record(i);
            }
            if split < BATCH {
                break;
            }
        }
        // Keep only the unread tail; move it to the front once it is a small part.
        if self.pos > 0 && (eof || self.pos * 2 >= self.text.len()) {
            self.text.drain(..self.pos);
            self.pos = 0;
        }
    }

    fn take_record(&mut self, i: usize) {
        let record = &self.batch[i];
        // (Before the blank check: a part cut inside quotes may end in a record of only
        // white space, such as `"\r\n`.)
        self.last_unclosed = record.unclosed_quote;
        if record.is_blank() {
            return;
        }
        if self.header_pending {
            self.header_pending = false;
            return;
        }
        self.data_rows += 1;
        let result = if record.unclosed_quote {
            Err(RowError::new(record.line, None, RowErrorKind::UnclosedQuote))
        } else if record.len() < self.needed {
            Err(RowError::new(
                record.line,
                None,
                RowErrorKind::MissingFields { expected: self.needed, found: record.len() },
            ))
        } else {
            self.builder.row(&RowContext { record, settings: &self.settings, columns: &self.columns })
        };
        if let Err(e) = result {
            self.errors.push(e);
        }
    }
}

/// A file after reading.
#[derive(Clone, Debug, PartialEq)]
pub struct ReadOutcome {
    pub dataset: Dataset,
    pub errors: RowErrors,
    /// Data rows in the file (used or skipped; blank lines and the header not counted).
    pub data_rows: u64,
    pub settings: ReadSettings,
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ingest::detect;

    /// Rows are split `BATCH` at a time ahead of their use: the outcome is the same
    /// however the file is cut into chunks (so wherever a batch ends).
    #[test]
    fn batches_and_chunks_do_not_change_the_outcome() {
        let mut csv = String::from("customer,date,amount,channel\n");
        for i in 0..3 * BATCH + 5 {
            match i % 11 {
                3 => csv.push('\n'),
                7 => csv.push_str(&format!("K{},2024-02-30,1.00,web\n", i % 4)),
                _ => csv.push_str(&format!(
                    " K{} ,2024-01-{:02},{}.25,{}\r\n",
                    i % 6,
                    1 + i % 28,
                    i,
                    ["web", "app"][i % 2]
                )),
            }
        }
        let bytes = csv.as_bytes();
        let mut settings = detect(bytes, true).unwrap().settings;
        settings.date_format = Some(crate::ingest::date::DateFormat::YearMonthDay);
        let read = |chunk: usize| {
            let mut reader = Reader::new(settings.clone()).unwrap();
            for piece in bytes.chunks(chunk) {
                reader.feed(piece);
            }
            reader.finish().unwrap()
        };
        let whole = read(bytes.len());
        // 53 lines after the header: 5 blank, 5 with a date that does not exist.
        assert_eq!((whole.data_rows, whole.errors.total), (48, 5));
        for chunk in [1, 2, 3, 7, 16, 45, 100] {
            assert_eq!(read(chunk), whole, "chunks of {chunk} bytes");
        }
    }
}
