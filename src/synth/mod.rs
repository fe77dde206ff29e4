//! Synthetic data, made by the project's own seeded generator: the built-in sample
//! data set, test inputs and benchmark files. Nothing here is real customer data.
//!
//! One concept per file: `random` the seeded generator, `distributions` the draws
//! made from it, `model` the purchase model, `writer` the CSV text; this file the
//! public entry points and their options.

mod distributions;
mod model;
mod random;
#[cfg(test)]
mod test_log;
mod writer;

use crate::calendar::Date;
use model::{Model, Plan};
pub use random::Rng;
use std::io::{self, Write};
use writer::LogWriter;

/// The built-in sample transaction log: a Dutch Excel export (`;`, decimal commas,
/// dd-mm-yyyy dates, Dutch headers) of a made-up web shop, 20,000 rows over three years.
pub fn sample_log() -> String {
    let opts = LogOptions {
        rows: 20_000,
        seed: 2024,
        delimiter: b';',
        decimal_comma: true,
        date_format: SynthDateFormat::DayMonthYear,
        dutch_headers: true,
        ..LogOptions::default()
    };
    String::from_utf8(log_string(&opts)).expect("UTF-8 is the default encoding")
}

/// Period counts for `months` months from January 2023, in the Dutch Excel layout
/// (`;`, thousands with `.`, Dutch headers), as the built-in sample.
pub fn period_counts_csv(seed: u64, months: u32) -> String {
    let mut rng = Rng::new(seed);
    let mut out = String::from("Periode;Klanten begin;Klanten eind;Nieuwe klanten\r\n");
    let mut start = 2_000 + rng.range(0, 500);
    for m in 0..months {
        let (year, month) = (2023 + m / 12, m % 12 + 1);
        // Lose 4-12% of the base, win 3-11% new; a seasonal bump in November-December.
        let churned = start * rng.range(40, 120) / 1000;
        let seasonal = if month >= 11 { 2 } else { 1 };
        let new = start * rng.range(30, 110) * seasonal / 1000;
        let end = start - churned + new;
        let fmt = |n: u64| {
            let s = n.to_string();
            if s.len() > 3 {
                format!("{}.{}", &s[..s.len() - 3], &s[s.len() - 3..])
            } else {
                s
            }
        };
        out.push_str(&format!("{year}-{month:02};{};{};{}\r\n", fmt(start), fmt(end), fmt(new)));
        start = end;
    }
    out
}

// ---------------------------------------------------------------------------------
// Transaction logs: one row per order or refund, as a webshop or till system exports.
// ---------------------------------------------------------------------------------

/// How dates are written in a synthetic transaction log.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum SynthDateFormat {
    /// `2024-03-05`
    #[default]
    Iso,
    /// `05-03-2024`
    DayMonthYear,
    /// `05/03/2024`
    DayMonthYearSlash,
    /// `03/05/2024`
    MonthDayYearSlash,
    /// `20240305`
    Compact,
    /// `2024-03-05 14:30:00`
    IsoWithTime,
}

/// The text encoding of a synthetic transaction log.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum SynthEncoding {
    #[default]
    Utf8,
    /// UTF-8 with a byte-order mark, as Excel's "CSV UTF-8".
    Utf8Bom,
    /// UTF-16 little-endian with a byte-order mark (Excel's "Unicode text").
    Utf16Le,
    /// Windows-1252 (older Excel "CSV" on Windows); `€` is byte 0x80.
    Windows1252,
}

/// What [`write_log`] generates. The data (customers, days, amounts) depend only on
/// `rows`, `seed`, `start`, `days`, `customers` and `refund_share`; the other fields
/// change how the same data are written.
#[derive(Clone, Debug, PartialEq)]
pub struct LogOptions {
    /// Data rows (orders and refunds), not counting the header. Written exactly.
    pub rows: u64,
    pub seed: u64,
    /// An ASCII byte other than `"`, CR and LF. Fields holding it are quoted.
    pub delimiter: u8,
    /// `12,50` rather than `12.50`; with Dutch headers some rows read `€ 12,50`, and
    /// some large orders `1.234,56`.
    pub decimal_comma: bool,
    pub date_format: SynthDateFormat,
    pub encoding: SynthEncoding,
    /// `Klantnummer;Orderdatum;Bedrag;...` and `ja`/`nee` instead of English.
    pub dutch_headers: bool,
    /// The first day customers can arrive.
    pub start: Date,
    /// Length of the log in days, from `start`.
    pub days: u32,
    /// Size of the customer population; 0 derives it from `rows` (about `rows / 5`
    /// over three years). With a fixed population the purchase rates are scaled to
    /// fit `rows`, and customers whose first order would come after the last
    /// written row do not appear.
    pub customers: u64,
    /// Share of rows that are refunds (0 to 0.5).
    pub refund_share: f64,
    /// The `channel`, `loyalty_member` and `region` columns.
    pub attributes: bool,
}

impl Default for LogOptions {
    fn default() -> Self {
        let start = Date::from_ymd(2022, 1, 1).expect("a real day");
        let end = Date::from_ymd(2025, 1, 1).expect("a real day");
        LogOptions {
            rows: 1000,
            seed: 1,
            delimiter: b',',
            decimal_comma: false,
            date_format: SynthDateFormat::Iso,
            encoding: SynthEncoding::Utf8,
            dutch_headers: false,
            start,
            days: (end.0 - start.0) as u32,
            customers: 0,
            refund_share: 0.02,
            attributes: true,
        }
    }
}

/// What was written, counted row by row while writing (not taken from the model),
/// so that readers of the file can be checked against it. (What a reader makes of
/// a log is `metrics::summary::LogSummary`.)
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct SynthTotals {
    /// Data rows, without the header.
    pub rows: u64,
    /// Distinct customer ids in the file.
    pub customers: u64,
    pub purchases: u64,
    pub refunds: u64,
    /// Sum of all amounts, refunds negative.
    pub revenue_total_cents: i64,
    /// Bytes written, byte-order mark and header included.
    pub bytes: u64,
}

/// A synthetic transaction log in memory (for small tests).
pub fn log_string(opts: &LogOptions) -> Vec<u8> {
    let mut out = Vec::new();
    write_log(opts, &mut out).expect("writing to a Vec only fails on invalid options");
    out
}

/// Generates a transaction log and streams it to `out`, in date order (and time
/// order within a day), encoded as `opts.encoding` asks. Memory grows with the
/// number of customers still active, never with the number of rows.
///
/// The model, buy-till-you-die in the manner of BG/NBD: customers arrive over the
/// whole span (more early on, more in November and December) with a first order;
/// each has a gamma-distributed purchase rate (seasonal, weekly rhythm) and, after
/// every order, a beta-distributed chance of never coming back. Order amounts are
/// lognormal around a per-customer spend level (median about €50; loyalty members
/// 18% more, and a rare bulk order); a refund refers to an earlier order of the same
/// customer, in full or in part, 1 to 45 days later.
pub fn write_log<W: Write>(opts: &LogOptions, out: W) -> io::Result<SynthTotals> {
    validate(opts)?;
    let model = Model::new(opts, 1.0);
    let plan = if opts.rows == 0 {
        Plan { model, customers: 0, last_cap: u32::MAX }
    } else if opts.customers == 0 {
        Plan::open_population(model, opts.rows)?
    } else {
        Plan::fixed_population(opts, opts.rows)
    };
    LogWriter::new(opts, &plan, out).run()
}

fn invalid(msg: &str) -> io::Error {
    io::Error::new(io::ErrorKind::InvalidInput, msg.to_string())
}

fn validate(opts: &LogOptions) -> io::Result<()> {
    if !opts.delimiter.is_ascii() || matches!(opts.delimiter, b'"' | b'\r' | b'\n') {
        return Err(invalid("the delimiter must be an ASCII character other than a quote or a line break"));
    }
    if opts.rows > 0 && opts.days == 0 {
        return Err(invalid("rows need at least one day"));
    }
    if opts.days > 3_000_000 || opts.start.ymd().0 < 1 || opts.start.add_days(opts.days as i32).ymd().0 > 9999 {
        return Err(invalid("the span must lie within the years 1 to 9999"));
    }
    if opts.customers > u64::from(u32::MAX - 1) {
        return Err(invalid("at most 4294967294 customers"));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::test_log::dutch;
    use super::*;

    #[test]
    fn the_sample_log_reads_without_a_skipped_row() {
        let text = sample_log();
        let f = crate::ingest::read_file("voorbeeld.csv", text.as_bytes()).unwrap();
        assert_eq!(f.data_rows, 20_000);
        assert_eq!(f.errors.total, 0, "{:?}", f.errors.listed.first());
        assert!(matches!(f.dataset, crate::ingest::Dataset::Transactions(_)));
    }

    #[test]
    fn sample_is_readable_and_consistent() {
        let csv = period_counts_csv(42, 24);
        assert_eq!(csv, period_counts_csv(42, 24), "seeded: same output every time");
        let file = crate::ingest::read_file("sample.csv", csv.as_bytes()).unwrap();
        let crate::ingest::Dataset::PeriodCounts(p) = &file.dataset else { panic!("not period counts") };
        assert!(file.errors.listed.is_empty(), "{:?}", file.errors);
        assert_eq!(p.rows.len(), 24);
        for w in p.rows.windows(2) {
            assert_eq!(w[0].end, w[1].start, "each period starts where the last ended");
        }
        assert!(p.rows.iter().all(|r| r.crr().is_some_and(|c| (80.0..=97.0).contains(&c))));
    }

    #[test]
    fn log_is_deterministic_per_seed() {
        let opts = LogOptions { rows: 3000, seed: 7, ..dutch() };
        assert_eq!(log_string(&opts), log_string(&opts));
        assert_ne!(log_string(&opts), log_string(&LogOptions { seed: 8, ..opts.clone() }));
        // The data do not depend on how they are written.
        let mut sink = Vec::new();
        let a = write_log(&opts, &mut sink).unwrap();
        let b = write_log(&LogOptions { rows: 3000, seed: 7, ..LogOptions::default() }, &mut sink).unwrap();
        assert_eq!(SynthTotals { bytes: 0, ..a }, SynthTotals { bytes: 0, ..b });
    }

    #[test]
    fn bad_options_are_refused() {
        let mut out = Vec::new();
        for opts in [
            LogOptions { delimiter: b'"', ..LogOptions::default() },
            LogOptions { delimiter: 0xA4, ..LogOptions::default() },
            LogOptions { days: 0, ..LogOptions::default() },
            LogOptions { start: Date::from_ymd(9999, 6, 1).unwrap(), ..LogOptions::default() },
        ] {
            assert_eq!(write_log(&opts, &mut out).unwrap_err().kind(), io::ErrorKind::InvalidInput);
        }
    }
}
