//! Fuzzing the CSV ingest. A panic in WebAssembly kills the page, so no input may make
//! the ingest code panic; and what a file holds must not depend on how the browser cuts
//! it into chunks.
//!
//! ```text
//! cargo test --test fuzz_ingest                      # 256 cases per property (CI)
//! FUZZ_CASES=5000 cargo test --test fuzz_ingest      # a longer run
//! ```
//! A failing case is shrunk and saved in `tests/fuzz_ingest.proptest-regressions`,
//! which is replayed first on every later run. `tests/fuzz_corpus/` holds small
//! hand-picked nasty files that are read on every run.
//!
//! Deeper, coverage-guided fuzzing with cargo-fuzz (needs nightly; never run in CI),
//! from the repository root, seeded with the corpus:
//! ```text
//! cargo install cargo-fuzz
//! mkdir -p fuzz/corpus/read_file && cp tests/fuzz_corpus/*.csv fuzz/corpus/read_file/
//! cargo +nightly fuzz run read_file -- -max_total_time=300
//! ```
//! Its target, `fuzz/fuzz_targets/read_file.rs`, checks the core of [`check_file`]
//! (no panic, row counts, the shape of a transaction log) and chunked reading. Add
//! `-fork=2 -ignore_crashes=1` to go on past the known issues listed below.
//!
//! Issues found here are fixed and pinned by the `found_*` tests at the end of this file.
#![cfg(not(target_arch = "wasm32"))]

use std::fmt::Write as _;

use proptest::prelude::*;
use proptest::sample::{select, Index};
use proptest::test_runner::FileFailurePersistence;
use retention::calendar::Date;
use retention::ingest::csv::{ReadResult, Record, Splitter};
use retention::ingest::date::{self, DateFormat};
use retention::ingest::encoding::{self, Decoder, Encoding};
use retention::ingest::number::{DecimalMark, NumberStyle};
use retention::ingest::{self, Dataset, FileError, ReadOutcome, ReadSettings, Reader, RowErrors};
use retention::metrics::lifetime::ModelKind;

// ---------------------------------------------------------------------------------
// Configuration

/// Cases per property: `FUZZ_CASES`, else `default`.
fn cases(default: u32) -> u32 {
    std::env::var("FUZZ_CASES").ok().and_then(|v| v.trim().parse().ok()).unwrap_or(default)
}

fn config(default: u32) -> ProptestConfig {
    ProptestConfig {
        cases: cases(default),
        max_shrink_iters: 4096,
        // Next to this file: tests/fuzz_ingest.proptest-regressions.
        failure_persistence: Some(Box::new(FileFailurePersistence::WithSource("proptest-regressions"))),
        ..ProptestConfig::default()
    }
}

// ---------------------------------------------------------------------------------
// What every read must satisfy

/// Lines of the text as the splitter counts them (`\n`, `\r\n` and a lone `\r` each
/// end one), plus the last, unterminated one.
fn line_count(bytes: &[u8]) -> u64 {
    let (text, _) = encoding::decode(bytes);
    let b = text.as_bytes();
    let mut n = 1;
    for (i, &c) in b.iter().enumerate() {
        if c == b'\n' || (c == b'\r' && b.get(i + 1) != Some(&b'\n')) {
            n += 1;
        }
    }
    n
}

/// The first and last day the date parser may return (1900-01-01 ..= 2200-12-31).
fn day_range() -> std::ops::RangeInclusive<i32> {
    let first = Date::from_ymd(date::MIN_YEAR, 1, 1).expect("a real day").0;
    let last = Date::from_ymd(date::MAX_YEAR, 12, 31).expect("a real day").0;
    first..=last
}

/// The invariants of a successful read; `bytes` is the whole file.
fn check_outcome(bytes: &[u8], dataset: &Dataset, errors: &RowErrors, data_rows: u64) {
    assert!(errors.total as usize >= errors.listed.len(), "total {} < listed {}", errors.total, errors.listed.len());
    let lines = line_count(bytes);
    for e in &errors.listed {
        assert!(e.line >= 1 && e.line <= lines + 1, "error on line {} of a {lines}-line text: {e:?}", e.line);
    }
    // One error per row, rows in file order.
    for w in errors.listed.windows(2) {
        assert!(w[0].line < w[1].line, "errors out of order: {:?} then {:?}", w[0], w[1]);
    }
    // The page shows these sentences: formatting them must not panic either.
    for e in errors.listed.iter().take(20) {
        assert!(!e.to_string().is_empty());
    }
    let days = day_range();
    let kept = match dataset {
        Dataset::Transactions(log) => {
            let n = log.ids.len();
            assert_eq!(log.offsets.len(), n + 1, "offsets.len() != ids.len() + 1");
            assert_eq!(log.offsets.first(), Some(&0));
            assert_eq!(log.offsets.last().map(|&o| o as usize), Some(log.days.len()));
            assert_eq!((log.purchases.len(), log.amounts.len()), (log.days.len(), log.days.len()));
            assert!(log.offsets.windows(2).all(|w| w[0] <= w[1]), "offsets decrease: {:?}", log.offsets);
            let mut purchases = 0u64;
            for c in 0..n {
                let acts = log.activity_of(c);
                assert!(acts.days.windows(2).all(|w| w[0] < w[1]), "customer {c}: days not increasing: {acts:?}");
                for a in acts.iter() {
                    assert!(a.purchases >= 1, "customer {c}: {a:?}");
                    assert!(a.amount.is_finite(), "customer {c}: amount not finite: {a:?}");
                    assert!(a.amount >= 0.0, "customer {c}: negative purchase: {a:?}");
                    assert!(days.contains(&a.day), "customer {c}: day out of range: {a:?}");
                    if !log.has_amount {
                        assert_eq!(a.amount, 0.0);
                    }
                    purchases += u64::from(a.purchases);
                }
            }
            let mut unique: Vec<&str> = (0..n).map(|c| log.id(c)).collect();
            assert!(unique.iter().all(|id| !id.trim().is_empty()), "an empty customer id: {:?}", log.ids);
            unique.sort_unstable();
            unique.dedup();
            assert_eq!(unique.len(), n, "duplicate customer ids");
            for r in &log.refunds {
                assert!((r.customer as usize) < n && r.amount < 0.0 && r.amount.is_finite(), "{r:?}");
                assert!(days.contains(&r.day), "{r:?}");
            }
            assert!(log.refunds.windows(2).all(|w| (w[0].customer, w[0].day) <= (w[1].customer, w[1].day)));
            assert!(log.has_amount || log.refunds.is_empty());
            for a in &log.attributes {
                assert_eq!(a.of_customer.len(), n, "attribute {}", a.name);
                assert!(a.of_customer.iter().all(|&v| (v as usize) < a.values.len()), "attribute {}", a.name);
            }
            purchases + log.refunds.len() as u64
        }
        Dataset::PeriodCounts(p) => {
            for r in &p.rows {
                // S = 0 only in a file with the customer base's other counts (the
                // warehouse SQL's base), and then E = N and no CRR.
                assert!(r.start > 0 || (r.flows.is_some() && r.end == r.new), "{r:?}");
                assert!(r.new <= r.end && r.end - r.new <= r.start, "{r:?}");
                assert!(r.line >= 1 && r.line <= lines, "{r:?}");
                match r.crr() {
                    Some(crr) => assert!((0.0..=100.0).contains(&crr), "{r:?}: CRR {crr}"),
                    None => assert_eq!(r.start, 0, "{r:?}"),
                }
                if let Some(f) = r.flows {
                    assert!(f.churned.is_none_or(|c| c == r.start - (r.end - r.new)), "{r:?}");
                    assert!(f.new_customers.is_none_or(|n| n <= r.new), "{r:?}");
                }
            }
            assert!(p.rows.windows(2).all(|w| w[0].line < w[1].line));
            p.rows.len() as u64
        }
        Dataset::CustomerSummary(rows) => {
            for r in rows {
                assert!(r.frequency >= 0.0 && r.frequency.fract() == 0.0, "{r:?}");
                assert!(r.recency.is_finite() && r.age.is_finite() && (0.0..=r.age).contains(&r.recency), "{r:?}");
                assert!(r.monetary_value.is_none_or(f64::is_finite), "{r:?}");
                assert!(!r.customer.is_empty());
            }
            // Whatever was kept, BG/NBD and Gamma-Gamma fit or say why, without a panic
            // (tests/fuzz_models.rs fuzzes every model on histories of its own).
            let cal =
                retention::metrics::calibration::Calibration::of_summary(rows, retention::calendar::TimeUnit::Week);
            for kind in [ModelKind::BgNbd, ModelKind::GammaGamma] {
                let (answer, _) = retention::metrics::lifetime::fits::fit(kind, &cal);
                if let Ok(fit) = &answer.result {
                    assert!(fit.log_likelihood.is_finite() && fit.estimates.iter().all(|e| e.value > 0.0), "{fit:?}");
                }
            }
            rows.len() as u64
        }
        Dataset::Cohorts(rows) => {
            for r in rows {
                assert!(r.active <= r.size && u64::from(r.offset) <= ingest::cohort_table::MAX_OFFSET, "{r:?}");
                assert!(r.revenue.is_none_or(f64::is_finite), "{r:?}");
            }
            // The page's cohorts of them: every cell in place, no panic.
            let cohorts = retention::metrics::cohorts::from_rows(rows);
            let average = retention::metrics::cohorts::average_retention(&cohorts);
            assert!(average.iter().flatten().all(|a| (0.0..=100.0).contains(a)), "{average:?}");
            for c in &cohorts {
                assert!(c.active.iter().all(|&a| a <= c.size) && c.active.len() == c.revenue.len(), "{c:?}");
            }
            rows.len() as u64
        }
        Dataset::Opportunities(rows) => {
            assert!(rows.iter().all(|r| r.frequency <= r.recency && r.recency <= r.periods && r.weight >= 0.0));
            let figures = retention::metrics::lifetime::OpportunityFigures::of(rows);
            assert!(figures.predictions.iter().all(|p| (0.0..=1.0).contains(&p.p_alive) && p.expected >= 0.0));
            rows.len() as u64
        }
        Dataset::MarketingSpend(rows) => {
            assert!(rows.iter().all(|r| r.spend.is_finite() && r.spend >= 0.0), "{rows:?}");
            rows.len() as u64
        }
        Dataset::Survey(rows) => {
            assert!(rows.iter().all(|r| r.score <= 10), "{rows:?}");
            rows.len() as u64
        }
        Dataset::Subscriptions(rows) => {
            for r in rows {
                assert!(days.contains(&r.start.0), "{r:?}");
                assert!(r.end.is_none_or(|e| e >= r.start && days.contains(&e.0)), "{r:?}");
            }
            rows.len() as u64
        }
    };
    assert!(data_rows >= 1, "a successful read without data rows");
    assert_eq!(data_rows, kept + errors.total, "data_rows != kept rows ({kept}) + skipped rows ({})", errors.total);
}

/// Reads `bytes` as the page does and checks the outcome. Returns whether it was read.
fn check_file(bytes: &[u8]) -> bool {
    match ingest::read_file("fuzz.csv", bytes) {
        Ok(f) => {
            check_outcome(bytes, &f.dataset, &f.errors, f.data_rows);
            assert_eq!(f.dataset.kind(), f.settings.mapping.kind);
            true
        }
        Err(e) => {
            assert!(!e.to_string().is_empty());
            false
        }
    }
}

/// The settings `read_file` reads with, worked out the same way.
fn settings_like_read_file(bytes: &[u8]) -> Result<ReadSettings, FileError> {
    let sample = &bytes[..bytes.len().min(ingest::detect::SAMPLE_BYTES)];
    let detection = ingest::detect(sample, bytes.len() <= ingest::detect::SAMPLE_BYTES)?;
    let mut settings = detection.settings;
    if settings.date_format.is_none() {
        settings.date_format = detection.dates.and_then(|d| d.resolve(date::prefer_day_first(settings.delimiter)));
    }
    Ok(settings)
}

/// Feeds `bytes` to a reader cut at `cuts` (ascending positions; an empty chunk is fed
/// where a position repeats).
fn read_cut(settings: &ReadSettings, bytes: &[u8], cuts: &[usize]) -> Result<ReadOutcome, FileError> {
    let mut reader = Reader::new(settings.clone())?;
    let mut from = 0;
    for &cut in cuts {
        let cut = cut.clamp(from, bytes.len());
        reader.feed(&bytes[from..cut]);
        from = cut;
    }
    reader.feed(&bytes[from..]);
    assert_eq!(reader.bytes(), bytes.len() as u64);
    reader.finish()
}

/// Cut positions from chunk sizes, repeated until the end.
fn cuts_from_sizes(len: usize, sizes: &[usize]) -> Vec<usize> {
    let mut cuts = Vec::new();
    let mut at = 0;
    for &s in sizes.iter().cycle() {
        at += s;
        if at >= len || sizes.iter().all(|&s| s == 0) {
            break;
        }
        cuts.push(at);
    }
    cuts
}

/// The places where a cut is most likely to go wrong: inside a BOM, inside a
/// multi-byte character (UTF-8 continuation bytes, the second byte of a UTF-16 unit),
/// between `\r` and `\n`, right after a quote. An empty chunk after each.
fn tricky_cuts(bytes: &[u8]) -> Vec<usize> {
    let utf16 = bytes.starts_with(&[0xFF, 0xFE]) || bytes.starts_with(&[0xFE, 0xFF]);
    let mut cuts = Vec::new();
    for p in 1..bytes.len() {
        let (before, at) = (bytes[p - 1], bytes[p]);
        if p <= 3 || (0x80..=0xBF).contains(&at) || (utf16 && p % 2 == 1) || matches!(before, b'\r' | b'"') {
            cuts.push(p);
            cuts.push(p);
        }
    }
    cuts
}

/// Debug output cut to a readable length.
fn short(value: &impl std::fmt::Debug) -> String {
    let s = format!("{value:?}");
    match s.char_indices().nth(1500) {
        Some((i, _)) => format!("{}...", &s[..i]),
        None => s,
    }
}

/// Reading through [`Reader`] in chunks gives what reading it whole gives, and that
/// is what `read_file` gave.
fn chunked_equals_whole(bytes: &[u8], sizes: &[usize]) {
    let Ok(settings) = settings_like_read_file(bytes) else { return };
    if Reader::new(settings.clone()).is_err() {
        return;
    }
    let whole = read_cut(&settings, bytes, &[]);
    match (&whole, ingest::read_file("fuzz.csv", bytes)) {
        (Ok(w), Ok(f)) => {
            assert!(
                (&w.dataset, &w.errors, w.data_rows, &w.settings) == (&f.dataset, &f.errors, f.data_rows, &f.settings),
                "Reader fed whole: {}\nread_file: {}",
                short(w),
                short(&f)
            )
        }
        (Err(w), Err(f)) => assert_eq!(w, &f),
        (w, f) => panic!("Reader fed whole: {}\nread_file: {}", short(w), short(&f)),
    }
    // A record is re-scanned from its start after every chunk that ends inside it, so
    // tiny chunks cost (record length)^2: keep them for small inputs.
    let small = bytes.len() <= 16 << 10;
    let scale = if small { 1 } else { bytes.len() >> 10 };
    let sizes: Vec<usize> = sizes.iter().map(|s| s * scale).collect();
    let mut plans = vec![("random sizes", cuts_from_sizes(bytes.len(), &sizes))];
    if small {
        plans.push(("tricky places", tricky_cuts(bytes)));
        plans.push(("byte by byte", (1..bytes.len()).collect()));
    }
    for (name, cuts) in plans {
        let chunked = read_cut(&settings, bytes, &cuts);
        assert!(
            chunked == whole,
            "{name}: a chunked read differs from the whole read\ncuts: {}\nchunked: {}\nwhole: {}",
            short(&cuts),
            short(&chunked),
            short(&whole)
        );
    }
}

// ---------------------------------------------------------------------------------
// CSV-shaped input

/// What a column holds, so its cells are usually of the right sort.
#[derive(Clone, Copy, Debug, PartialEq)]
enum Col {
    Id,
    Date,
    Amount,
    Count,
    Real,
    Period,
    Score,
    Text,
}

const VOCABULARY: &[(&str, Col)] = &[
    ("Klantnummer", Col::Id),
    ("Orderdatum", Col::Date),
    ("Bedrag", Col::Amount),
    ("customer_id", Col::Id),
    ("date", Col::Date),
    ("amount", Col::Amount),
    ("periode", Col::Period),
    ("begin", Col::Count),
    ("eind", Col::Count),
    ("nieuw", Col::Count),
    ("S", Col::Count),
    ("E", Col::Count),
    ("N", Col::Count),
    ("frequency", Col::Count),
    ("recency", Col::Real),
    ("T", Col::Real),
    ("monetary_value", Col::Amount),
    ("score", Col::Score),
    ("startdatum", Col::Date),
    ("einddatum", Col::Date),
    ("kosten", Col::Amount),
    ("soort", Col::Text),
    ("kanaal", Col::Text),
    ("Kanaal", Col::Text),
    ("opmerking", Col::Text),
    ("period", Col::Period),
    ("maand", Col::Period),
    ("klant", Col::Id),
    ("klantnummer", Col::Id),
    ("email", Col::Id),
    ("Datum", Col::Date),
    ("omzet", Col::Amount),
    ("naam", Col::Text),
    ("", Col::Text),
    ("Klant ID", Col::Id),
    ("Klanten (begin)", Col::Count),
    ("E-mail", Col::Id),
    ("Ünïcödé 🙂", Col::Text),
    // The warehouse SQL's base and cohorts (docs/warehouse-sql.md).
    ("churned", Col::Count),
    ("new_customers", Col::Count),
    ("reactivated", Col::Count),
    ("acquired", Col::Count),
    ("crr", Col::Real),
    ("churn_rate", Col::Real),
    ("cohort", Col::Period),
    ("offset", Col::Count),
    ("cohort_size", Col::Count),
    ("cohort_active", Col::Count),
    ("cohort_retention", Col::Real),
    ("cohort_revenue", Col::Amount),
    ("cohort_revenue_pct", Col::Real),
];

const TEMPLATES: &[&[&str]] = &[
    &["Klantnummer", "Orderdatum", "Bedrag", "Kanaal"],
    &["customer_id", "date", "amount"],
    &["email", "date"],
    &["periode", "begin", "eind", "nieuw"],
    &["period", "S", "E", "N"],
    &["customer_id", "frequency", "recency", "T", "monetary_value"],
    &["maand", "kosten", "soort", "kanaal"],
    &["klant", "score"],
    &["klantnummer", "startdatum", "einddatum"],
    &["period", "S", "E", "N", "churned", "new_customers", "reactivated", "acquired", "crr", "churn_rate"],
    &["cohort", "offset", "cohort_size", "cohort_active", "cohort_retention", "cohort_revenue", "cohort_revenue_pct"],
];

fn col_of(name: &str) -> Col {
    VOCABULARY.iter().find(|(n, _)| *n == name).map_or(Col::Text, |&(_, c)| c)
}

fn big_numbers() -> Vec<String> {
    vec![
        "9".repeat(300),
        format!("1{}", "0".repeat(308)),
        format!("17976931348623157{}", "0".repeat(292)),
        format!("17976931348623159{}", "0".repeat(292)),
        "9".repeat(309),
        format!("0,{}1", "0".repeat(400)),
        format!("0.{}1", "0".repeat(400)),
        format!("€ {}", "1.000".repeat(60)),
        "1".repeat(20),
        "18446744073709551616".into(),
        "9007199254740993".into(),
    ]
}

const NUMBERS: &[&str] = &[
    "0",
    "1",
    "12",
    "-3,00",
    "€ 1.234,56",
    "(4.00)",
    "1e5",
    "99999999999999999999",
    "12,5%",
    "1.234",
    "1,234",
    "1,234.56",
    "12.50 EUR",
    "USD 7",
    "$1,000,000",
    "1'234.5",
    ".5",
    "12-",
    "--5",
    "1..2",
    "-",
    "€",
    "+7",
    "\u{2212}8",
    "1\u{a0}234,5",
    "1\u{202f}234",
    "\u{a0}",
    "0,000001",
    "NaN",
    "inf",
    "-0",
    "0.0",
    "1e308",
    "١٢",
    "１２",
    "12 %",
    "(-4)",
    "-(4)",
    "€-",
    "EUR",
    "12EUR",
    "eur12",
    "¥5",
    "£3.50",
    "3$",
    "1.2.3,4,5",
    "1 2",
    "1\u{c2}",
    "%",
    "()",
    "(",
    "1,2,3",
    "12,34,5",
];

const DATES: &[&str] = &[
    "31-02-2024",
    "2024-13-01",
    "00-00-0000",
    "45356",
    "20240230",
    "2024-02-29",
    "2023-02-29",
    "29-02-1900",
    "1900-02-29",
    "60",
    "0",
    "2024-03-05T14:30:00Z",
    "5 mrt 2024",
    "March 5, 2024",
    "Tue, 5 Mar 2024",
    "05-mrt-24",
    "9999-12-31",
    "0000-01-01",
    "1899-12-31",
    "2201-01-01",
    "2200-12-31",
    "1900-01-01",
    "03/04/2024",
    "13/13/2024",
    "2024/3/5",
    "2024.03.05",
    "5.3.24",
    "45356,5",
    "45356.75",
    "45356.",
    "4294967296",
    "99999999999999999999999",
    "1-1-1",
    "2024-01-01 24:00",
    "2024-01-01 23:59:60",
    "2024-01-01T25:00",
    "2024-01-01 14:30 +99:99",
    "2024-01-01 14:30 -0500",
    "2024-01-01 2:30 PM",
    "2024-01-01 0:30 AM",
    "2024-01-01T",
    "2024-01-01T1",
    "2024-01-01 14:30 UTC+1",
    "di 5 mrt. 2024",
    "Mar 5th 2024",
    "5th March 2024",
    "19000101",
    "22001231",
    "00000000",
    "99999999",
    "20000",
    "80000",
    "19999",
    "80001",
    "999999999/99/9999",
    "1/1/",
    "//",
    "2024--01-01",
];

const PERIODS: &[&str] = &[
    "2024-03",
    "2024-Q1",
    "Q4 2023",
    "2024-W09",
    "week 9 2024",
    "maart 2024",
    "Mar 2024",
    "okt. 2023",
    "2024",
    "2024-03-01",
    "Voorjaar",
    "2024-13",
    "0000",
    "9999-12",
    "9999-Q4",
    "9999-W52",
    "0001-W01",
    "2020-W53",
    "2024-W53",
    "kw 5 2024",
    "2024-Q0",
    "2024/3",
    "03-2024",
    "2024-03-15",
];

const TEXTS: &[&str] = &[
    "web",
    "winkel",
    "app",
    "acquisitie",
    "behoud",
    "retention",
    "new",
    "",
    " ",
    "Jansen; P.",
    "zei \"hoi\"",
    "twee\nregels",
    "drie\r\nregels\r",
    "€",
    "café",
    "Ünïcödé",
    "🙂🙃",
    "\u{FEFF}",
    "\u{FFFD}",
    "\t",
    "a|b",
    "a,b",
    "x;y",
    "\"",
    "\"\"",
    "a\"b",
    "\u{0}",
    "\u{85}",
    "\u{2028}",
    "ŉ",
];

/// Raw cells written without any quoting applied.
const RAW: &[&str] =
    &["\"", "\"\"", "\"a\"\"b\"", "\"unclosed", "a\"b", "\"x\"y", "\"\r\n\"", "\r", "\r\n", "\n", "\"\"\"", " \"q\" "];

fn year() -> impl Strategy<Value = i32> {
    prop_oneof![
        3 => 1990..2031i32,
        1 => select(vec![0, 1, 70, 99, 1899, 1900, 1954, 1970, 2000, 2069, 2119, 2200, 2201, 9998, 9999]),
        1 => 0..10_000i32,
    ]
}

const MONTH_NAMES: &[&str] = &["jan", "mrt", "March", "okt", "mei", "december", "Feb", "sept", "foo"];
const WEEKDAYS: &[&str] = &["Tue, ", "di ", "Monday ", "zo, "];
/// Mostly nothing; some valid times of day, some broken ones.
const TIMES: &[&str] = &[
    "",
    "",
    "",
    "",
    "",
    "",
    "",
    "",
    " 14:30",
    "T14:30:00Z",
    " 2:30 PM",
    " 14:30:00.123",
    "T143000",
    " 14:30 +01:00",
    " 14:30 UTC",
    " 25:00",
    "T",
    " 13:00 PM",
];
/// A date written in `style` (0..=7), with day, month and year mostly possible.
fn date_in_style(style: u8) -> impl Strategy<Value = String> {
    let month = prop_oneof![4 => 1..=12u32, 1 => 0..=14u32];
    let day = prop_oneof![4 => 1..=28u32, 1 => 0..=33u32];
    (year(), month, day, select(TIMES), select(MONTH_NAMES), select(WEEKDAYS), 0..3usize, 0u32..100_000).prop_map(
        move |(y, m, d, time, mname, wd, sep, serial)| {
            let sep = ["-", "/", "."][sep];
            let date = match style {
                0 => format!("{y:04}{sep}{m:02}{sep}{d:02}"),
                1 => format!("{d:02}{sep}{m:02}{sep}{y:04}"),
                2 => format!("{d}{sep}{m}{sep}{:02}", y.rem_euclid(100)),
                3 => format!("{m:02}/{d:02}/{y:04}"),
                4 => format!("{y:04}{m:02}{d:02}"),
                5 => match serial % 3 {
                    0 => format!("{}", 20_000 + serial % 60_000),
                    1 => format!("{serial}.{}", serial % 100),
                    _ => format!("{serial}"),
                },
                6 => format!("{d} {mname} {y}"),
                _ => format!("{wd}{mname} {d}, {y}"),
            };
            format!("{date}{time}")
        },
    )
}

fn number_text() -> impl Strategy<Value = String> {
    let int = prop_oneof![0u64..100, 0u64..100_000, any::<u64>()];
    let frac = prop::option::of((0u32..10_000, 1usize..5));
    (int, frac, any::<bool>(), 0..6usize, 0..6usize, 0..8usize).prop_map(|(int, frac, comma, group, sign, affix)| {
        let (decimal, thousands) = if comma { (',', '.') } else { ('.', ',') };
        let sep = [None, Some(thousands), Some(' '), Some('\''), Some('\u{a0}'), Some(decimal)][group];
        let digits = int.to_string();
        let mut s = String::new();
        for (i, ch) in digits.chars().enumerate() {
            if i > 0 && (digits.len() - i) % 3 == 0 {
                if let Some(g) = sep {
                    s.push(g);
                }
            }
            s.push(ch);
        }
        if let Some((f, len)) = frac {
            let f = format!("{f:04}");
            s.push(decimal);
            s.push_str(&f[..len.min(f.len())]);
        }
        let s = match sign {
            1 => format!("-{s}"),
            2 => format!("{s}-"),
            3 => format!("({s})"),
            4 => format!("\u{2212}{s}"),
            _ => s,
        };
        match affix {
            1 => format!("€ {s}"),
            2 => format!("€{s}"),
            3 => format!("{s} EUR"),
            4 => format!("${s}"),
            5 => format!("{s}%"),
            6 => format!("{s} %"),
            _ => s,
        }
    })
}

fn any_number() -> impl Strategy<Value = String> {
    prop_oneof![
        6 => number_text(),
        3 => select(NUMBERS).prop_map(str::to_string),
        1 => select(big_numbers()),
    ]
}

fn count_text() -> impl Strategy<Value = String> {
    prop_oneof![
        6 => (0u64..2_000).prop_map(|n| n.to_string()),
        1 => (0u64..2_000_000).prop_map(|n| {
            let s = n.to_string();
            if s.len() > 3 { format!("{}.{}", &s[..s.len() - 3], &s[s.len() - 3..]) } else { s }
        }),
        1 => any_number(),
    ]
}

fn period_text() -> impl Strategy<Value = String> {
    let number =
        prop_oneof![2 => 1u32..13, 1 => 0u32..60, 1 => select(vec![0u32, 1, 4, 5, 13, 52, 53, 54, 99, 999, 9999])];
    // Around the edges of the calendar: the first and last years, weeks 0, 53, 54, ...
    let edge_year = prop_oneof![year(), select(vec![0, 1, 1899, 1900, 9998, 9999])];
    let edge_number = prop_oneof![number.clone(), select(vec![0u32, 1, 4, 5, 13, 52, 53, 54, 99, 999, 9999])];
    let generated =
        (edge_year, edge_number, 0..9usize, select(MONTH_NAMES)).prop_map(|(y, n, form, mname)| match form {
            0 => format!("{y:04}-{n:02}"),
            1 => format!("{y:04}-Q{n}"),
            2 => format!("Q{n} {y:04}"),
            3 => format!("{y:04}-W{n:02}"),
            4 => format!("week {n} {y:04}"),
            5 => format!("{mname} {y:04}"),
            6 => format!("{y:04}"),
            7 => format!("{y:04}-{n:02}-01"),
            _ => format!("{n:02}-{y:04}"),
        });
    prop_oneof![3 => generated, 1 => select(PERIODS).prop_map(str::to_string)]
}

fn id_text() -> impl Strategy<Value = String> {
    prop_oneof![
        8 => (0u32..6).prop_map(|n| format!("K{n}")),
        1 => select(vec!["K001", "José", "Zoë", "🙂", "a@b.nl", " K1 ", "", " ", "K1\u{a0}", "k1", "1", "-1", "\u{FEFF}K1"])
            .prop_map(str::to_string),
        1 => "[A-Za-z0-9]{1,6}",
    ]
}

fn text_cell() -> impl Strategy<Value = String> {
    prop_oneof![
        8 => select(TEXTS).prop_map(str::to_string),
        3 => "\\PC{0,12}",
        1 => (1usize..1500).prop_map(|n| "x".repeat(n)),
        1 => (1usize..200).prop_map(|n| "é🙂".repeat(n)),
    ]
}

/// A cell for a column of sort `col` in a table whose dates are written in `style`.
fn cell_of(col: Col, style: u8) -> BoxedStrategy<String> {
    let typed = match col {
        Col::Id => id_text().boxed(),
        Col::Date => prop_oneof![16 => date_in_style(style), 1 => date_in_style(7 - style % 8), 1 => select(DATES).prop_map(str::to_string)].boxed(),
        Col::Amount => any_number().boxed(),
        Col::Count => count_text().boxed(),
        Col::Real => prop_oneof![(0u32..500, 0u32..100).prop_map(|(a, b)| format!("{a}.{b:02}")), any_number()].boxed(),
        Col::Period => period_text().boxed(),
        Col::Score => prop_oneof![4 => (0u32..13).prop_map(|n| n.to_string()), 1 => any_number()].boxed(),
        Col::Text => text_cell().boxed(),
    };
    let any = prop_oneof![
        any_number(),
        select(DATES).prop_map(str::to_string),
        period_text(),
        text_cell(),
        Just(String::new()),
    ];
    prop_oneof![20 => typed, 2 => any, 1 => select(RAW).prop_map(|s| format!("\u{1}{s}"))].boxed()
}

/// How a cell is written.
#[derive(Clone, Copy, Debug)]
enum Quoting {
    Plain,
    Quoted,
    Padded,
    /// An opening quote that is never closed.
    Open,
}

fn quoting() -> impl Strategy<Value = Quoting> {
    prop_oneof![70 => Just(Quoting::Plain), 20 => Just(Quoting::Quoted), 8 => Just(Quoting::Padded), 1 => Just(Quoting::Open)]
}

fn write_cell(out: &mut String, text: &str, q: Quoting) {
    // A leading \u{1} marks a raw cell: written as is.
    if let Some(raw) = text.strip_prefix('\u{1}') {
        out.push_str(raw);
        return;
    }
    match q {
        Quoting::Plain => out.push_str(text),
        Quoting::Quoted => {
            out.push('"');
            out.push_str(&text.replace('"', "\"\""));
            out.push('"');
        }
        Quoting::Padded => {
            let _ = write!(out, " {text} ");
        }
        Quoting::Open => {
            out.push('"');
            out.push_str(text);
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq)]
enum Enc {
    Utf8,
    Utf8Bom,
    Utf16Le,
    Utf16Be,
    Windows1252,
    /// UTF-16 LE without a BOM (NUL bytes everywhere).
    Utf16LeNoBom,
}

fn enc() -> impl Strategy<Value = Enc> {
    prop_oneof![
        10 => Just(Enc::Utf8),
        4 => Just(Enc::Utf8Bom),
        3 => Just(Enc::Utf16Le),
        2 => Just(Enc::Utf16Be),
        4 => Just(Enc::Windows1252),
        1 => Just(Enc::Utf16LeNoBom),
    ]
}

fn encode(text: &str, e: Enc) -> Vec<u8> {
    match e {
        Enc::Utf8 => text.as_bytes().to_vec(),
        Enc::Utf8Bom => [0xEF, 0xBB, 0xBF].iter().copied().chain(text.bytes()).collect(),
        Enc::Utf16Le => [0xFF, 0xFE].into_iter().chain(text.encode_utf16().flat_map(u16::to_le_bytes)).collect(),
        Enc::Utf16Be => [0xFE, 0xFF].into_iter().chain(text.encode_utf16().flat_map(u16::to_be_bytes)).collect(),
        Enc::Utf16LeNoBom => text.encode_utf16().flat_map(u16::to_le_bytes).collect(),
        Enc::Windows1252 => encoding_rs::WINDOWS_1252.encode(text).0.into_owned(),
    }
}

/// A byte-level change after encoding.
#[derive(Clone, Debug)]
enum Mutation {
    Insert(Index, u8),
    Overwrite(Index, u8),
    Delete(Index),
    Truncate(Index),
    Duplicate(Index, Index),
}

fn nasty_byte() -> impl Strategy<Value = u8> {
    prop_oneof![
        3 => select(vec![
            0x00, 0x80, 0x81, 0x9D, 0xA0, 0xC2, 0xC3, 0xE2, 0xEF, 0xBB, 0xBF, 0xF0, 0x9F, 0xFE, 0xFF, 0xED, 0xF4,
            0xF5, b'"', b'\r', b'\n', b',', b';', b'\t', b'|', b' ',
        ]),
        1 => any::<u8>(),
    ]
}

fn mutation() -> impl Strategy<Value = Mutation> {
    prop_oneof![
        4 => (any::<Index>(), nasty_byte()).prop_map(|(i, b)| Mutation::Insert(i, b)),
        2 => (any::<Index>(), nasty_byte()).prop_map(|(i, b)| Mutation::Overwrite(i, b)),
        2 => any::<Index>().prop_map(Mutation::Delete),
        1 => any::<Index>().prop_map(Mutation::Truncate),
        1 => (any::<Index>(), any::<Index>()).prop_map(|(a, b)| Mutation::Duplicate(a, b)),
    ]
}

fn mutate(bytes: &mut Vec<u8>, m: &Mutation) {
    let at = |i: &Index, len: usize| i.index(len + 1);
    match m {
        Mutation::Insert(i, b) => {
            let p = at(i, bytes.len());
            bytes.insert(p, *b);
        }
        Mutation::Overwrite(i, b) if !bytes.is_empty() => {
            let p = i.index(bytes.len());
            bytes[p] = *b;
        }
        Mutation::Delete(i) if !bytes.is_empty() => {
            bytes.remove(i.index(bytes.len()));
        }
        Mutation::Truncate(i) => bytes.truncate(at(i, bytes.len())),
        Mutation::Duplicate(a, b) => {
            let (x, y) = (at(a, bytes.len()), at(b, bytes.len()));
            let (x, y) = (x.min(y), x.max(y).min(x.min(y) + 64));
            let piece = bytes[x..y].to_vec();
            bytes.splice(y..y, piece);
        }
        _ => {}
    }
}

/// The cells of a row, each with how it is written.
type Cells = Vec<(String, Quoting)>;

/// A CSV-shaped file, before it is turned into bytes.
#[derive(Clone, Debug)]
struct Table {
    delimiter: u8,
    header: Option<Cells>,
    /// Per row: its cells, the line ending after it (0 `\n`, 1 `\r\n`, 2 `\r`), and
    /// whether a blank line precedes it.
    rows: Vec<(Cells, u8, bool)>,
    trailing_newline: bool,
    leading_bom_char: bool,
    encoding: Enc,
    mutations: Vec<Mutation>,
}

impl Table {
    fn text(&self) -> String {
        let d = self.delimiter as char;
        let endings = ["\n", "\r\n", "\r"];
        let mut out = String::new();
        if self.leading_bom_char {
            out.push('\u{FEFF}');
        }
        let write_row = |out: &mut String, cells: &[(String, Quoting)]| {
            for (i, (text, q)) in cells.iter().enumerate() {
                if i > 0 {
                    out.push(d);
                }
                write_cell(out, text, *q);
            }
        };
        let first_ending = self.rows.first().map_or(0, |r| r.1);
        if let Some(h) = &self.header {
            write_row(&mut out, h);
            if !self.rows.is_empty() || self.trailing_newline {
                out.push_str(endings[first_ending as usize]);
            }
        }
        for (k, (cells, ending, blank)) in self.rows.iter().enumerate() {
            if *blank {
                out.push_str(endings[*ending as usize]);
            }
            write_row(&mut out, cells);
            if k + 1 < self.rows.len() || self.trailing_newline {
                out.push_str(endings[*ending as usize]);
            }
        }
        out
    }

    fn bytes(&self) -> Vec<u8> {
        let mut bytes = encode(&self.text(), self.encoding);
        for m in &self.mutations {
            mutate(&mut bytes, m);
        }
        bytes
    }
}

fn table() -> impl Strategy<Value = Table> {
    let delimiter = prop_oneof![4 => Just(b','), 4 => Just(b';'), 1 => Just(b'\t'), 1 => Just(b'|')];
    let columns = prop_oneof![
        4 => select(TEMPLATES).prop_map(|t| t.iter().map(|s| s.to_string()).collect::<Vec<_>>()),
        1 => prop::collection::vec(select(VOCABULARY).prop_map(|(n, _)| n.to_string()), 1..8),
    ];
    (delimiter, columns, 0u8..8, 0u8..4, any::<bool>(), prop::bool::weighted(0.85), prop::bool::weighted(0.05), enc())
        .prop_flat_map(|(delimiter, columns, style, ending, mixed_endings, has_header, leading_bom_char, encoding)| {
            let width = columns.len();
            let header = if has_header {
                prop::collection::vec(quoting(), width)
                    .prop_map({
                        let columns = columns.clone();
                        move |qs| Some(columns.iter().cloned().zip(qs).collect::<Vec<_>>())
                    })
                    .boxed()
            } else {
                Just(None).boxed()
            };
            let cells: Vec<BoxedStrategy<(String, Quoting)>> =
                columns.iter().map(|c| (cell_of(col_of(c), style), quoting()).boxed()).collect();
            // Mostly full rows; some short, some long.
            let shape = prop_oneof![10 => Just(0i8), 1 => -3i8..0, 1 => 1i8..3];
            let fixed_ending = ending % 3;
            let row_ending = if mixed_endings { (0u8..3).boxed() } else { Just(fixed_ending).boxed() };
            let row = (cells, shape, row_ending, prop::bool::weighted(0.05), any::<Index>()).prop_map(
                move |(mut cells, shape, ending, blank, pick)| {
                    if shape < 0 {
                        cells.truncate(cells.len().saturating_sub(shape.unsigned_abs() as usize));
                    } else {
                        for _ in 0..shape {
                            let extra = cells[pick.index(cells.len())].clone();
                            cells.push(extra);
                        }
                    }
                    (cells, ending, blank)
                },
            );
            let rows = prop::collection::vec(row, 0..25);
            let mutations = prop_oneof![3 => Just(Vec::new()), 1 => prop::collection::vec(mutation(), 1..4)];
            (header, rows, any::<bool>(), mutations).prop_map(move |(header, rows, trailing_newline, mutations)| {
                Table { delimiter, header, rows, trailing_newline, leading_bom_char, encoding, mutations }
            })
        })
}

fn chunk_sizes() -> impl Strategy<Value = Vec<usize>> {
    prop::collection::vec(prop_oneof![8 => 1usize..64, 1 => Just(0usize), 1 => 1usize..4], 1..40)
}

/// Bytes of a CSV-ish alphabet (no structure at all).
fn csvish_bytes() -> impl Strategy<Value = Vec<u8>> {
    let alphabet: Vec<u8> = b"ab09-/.:,;\t|\"\r\n %()e"
        .iter()
        .copied()
        .chain([0x80, 0xC3, 0xA9, 0xE2, 0x82, 0xAC, 0xEF, 0xBB, 0xBF])
        .collect();
    let prefix = select(vec![
        &b""[..],
        b"customer,date,amount\n",
        b"periode;begin;eind;nieuw\r\n",
        b"klant\tscore\n",
        &[0xFF, 0xFE],
        &[0xEF, 0xBB, 0xBF],
    ]);
    (prefix, prop::collection::vec(select(alphabet), 0..2048)).prop_map(|(p, mut b)| {
        b.splice(0..0, p.iter().copied());
        b
    })
}

// ---------------------------------------------------------------------------------
// Properties

proptest! {
    #![proptest_config(config(256))]

    /// 1. Any bytes at all: no panic, and a successful read is consistent.
    #[test]
    fn arbitrary_bytes_never_panic(
        bytes in prop_oneof![prop::collection::vec(any::<u8>(), 0..4096), csvish_bytes()],
        cut in any::<Index>(),
    ) {
        check_file(&bytes);
        let _ = ingest::detect(&bytes, true);
        let _ = ingest::detect(&bytes, false);
        // A sample cut anywhere, as the first megabyte of a larger file would be.
        let _ = ingest::detect(&bytes[..cut.index(bytes.len() + 1)], false);
    }

    /// 2 and 4. CSV-shaped files: no panic, and a successful read is consistent.
    #[test]
    fn csv_shaped_files_never_panic(t in table(), cut in any::<Index>()) {
        let bytes = t.bytes();
        check_file(&bytes);
        let _ = ingest::detect(&bytes[..cut.index(bytes.len() + 1)], false);
    }

    /// 3. Chunking invariance: cut anywhere, the reader reads the same.
    #[test]
    fn chunked_reading_equals_whole_reading(t in table(), sizes in chunk_sizes()) {
        chunked_equals_whole(&t.bytes(), &sizes);
    }

    /// Read in parts (issue 13: each part by its own worker, then merged), a log is read
    /// exactly as by one reader, wherever the cuts fall (inside quotes: read again whole).
    #[test]
    fn reading_in_parts_equals_whole_reading(t in table(), parts in 2usize..9) {
        let bytes = t.bytes();
        if let Ok(settings) = settings_like_read_file(&bytes) {
            let whole = ingest::read_with("fuzz.csv", &bytes, settings.clone());
            let cut = ingest::parallel::read_in_parts("fuzz.csv", &bytes, settings, parts);
            prop_assert_eq!(cut, whole);
        }
    }

    /// The tokenizer alone, with any ASCII delimiter but `\r`/`\n`: no panic, and chunked equals whole.
    #[test]
    fn splitter_is_chunk_invariant(
        text in "[ab09,;\t|\"\r\n é€🙂]{0,300}",
        // Any ASCII byte but a line break (a delimiter that also ends lines is meaningless).
        delimiter in prop_oneof![select(vec![b',', b';', b'\t', b'|']), (0u8..128).prop_filter("a line break", |d| !matches!(d, b'\r' | b'\n'))],
        sizes in chunk_sizes(),
    ) {
        let whole: Vec<_> = retention::ingest::csv::read_all(&text, delimiter)
            .iter()
            .map(|r| (r.line, r.unclosed_quote, r.iter().map(str::to_string).collect::<Vec<_>>()))
            .collect();
        let mut splitter = Splitter::new(delimiter);
        let (mut buf, mut fed, mut got, mut k) = (String::new(), 0, Vec::new(), 0);
        loop {
            let mut rec = Record::default();
            match splitter.read_record(&buf, fed >= text.len(), &mut rec) {
                ReadResult::Record(n) => {
                    prop_assert!(n > 0 && n <= buf.len());
                    buf.drain(..n);
                    got.push((rec.line, rec.unclosed_quote, rec.iter().map(str::to_string).collect::<Vec<_>>()));
                }
                ReadResult::NeedMore => {
                    prop_assert!(fed < text.len(), "NeedMore at the end of the input");
                    let mut end = (fed + sizes[k % sizes.len()].max(1)).min(text.len());
                    k += 1;
                    while !text.is_char_boundary(end) {
                        end += 1;
                    }
                    buf.push_str(&text[fed..end]);
                    fed = end;
                }
                ReadResult::End => break,
            }
        }
        prop_assert_eq!(got, whole);
    }

    /// The decoder alone: chunked equals whole, for every encoding.
    #[test]
    fn decoder_is_chunk_invariant(
        bytes in prop_oneof![prop::collection::vec(any::<u8>(), 0..512), csvish_bytes()],
        encoding in select(vec![Encoding::Utf8, Encoding::Utf8Bom, Encoding::Utf16Le, Encoding::Utf16Be, Encoding::Windows1252]),
        sizes in chunk_sizes(),
    ) {
        let decode = |cuts: &[usize]| {
            let mut d = Decoder::new(encoding);
            let mut out = String::new();
            let mut from = 0;
            for &c in cuts {
                d.decode(&bytes[from..c], false, &mut out);
                from = c;
            }
            d.decode(&bytes[from..], false, &mut out);
            d.decode(&[], true, &mut out);
            out
        };
        let whole = decode(&[]);
        let cuts = cuts_from_sizes(bytes.len(), &sizes);
        prop_assert_eq!(&decode(&cuts), &whole, "cuts {:?}", cuts);
        let every: Vec<usize> = (1..bytes.len()).collect();
        prop_assert_eq!(&decode(&every), &whole, "byte by byte");
        if encoding == encoding::detect(&bytes) {
            let (text, _) = encoding::decode(&bytes);
            prop_assert_eq!(whole.as_str(), text.as_ref(), "Decoder and decode disagree");
        }
    }

    /// Numbers: no panic, and a number is finite.
    #[test]
    fn numbers_never_panic(text in prop_oneof![any_number(), "\\PC{0,20}", "[0-9.,' €$%()+-]{0,24}"]) {
        for decimal in [DecimalMark::Point, DecimalMark::Comma] {
            if let Ok(n) = (NumberStyle { decimal }).parse(&text) {
                prop_assert!(n.value.is_finite(), "{text:?} -> {n:?}");
            }
        }
        let _ = NumberStyle::infer([text.as_str(), "1,5", text.as_str()]);
    }

    /// Dates: no panic, and a date is a real day between 1900 and 2200.
    #[test]
    fn dates_never_panic(
        texts in prop::collection::vec(
            prop_oneof![(0u8..8).prop_flat_map(date_in_style), select(DATES).prop_map(str::to_string), "\\PC{0,20}", "[0-9 :./TZ+-]{0,24}"],
            0..12,
        ),
    ) {
        let days = day_range();
        for text in &texts {
            for format in DateFormat::ALL {
                if let Ok(d) = format.parse(text) {
                    prop_assert!(days.contains(&d.0), "{format:?} {text:?} -> {d:?}");
                }
            }
        }
        let inference = DateFormat::infer(texts.iter().map(String::as_str));
        let _ = inference.resolve(true);
        let _ = inference.resolve(false);
    }
}

// ---------------------------------------------------------------------------------
// The splitter against csv-core

/// One generated field: its text, whether it is written in quotes, and (for a
/// quoted one) text written after the closing quote, which belongs to the field.
#[derive(Clone, Debug)]
struct CsvField {
    text: String,
    quoted: bool,
    after: String,
}

/// A file both csv-core and the splitter read alike: `\n` or `\r\n` line ends, no
/// lone `\r` (csv-core does not count it as a line), every quote closed, no empty
/// line (csv-core skips those).
#[derive(Clone, Debug)]
struct CsvFile {
    delimiter: u8,
    records: Vec<Vec<CsvField>>,
    crlf: Vec<bool>,
    final_line_end: bool,
}

impl CsvFile {
    fn text(&self) -> String {
        let mut out = String::new();
        for (r, record) in self.records.iter().enumerate() {
            if r > 0 {
                out.push_str(if self.crlf[r % self.crlf.len()] { "\r\n" } else { "\n" });
            }
            for (i, f) in record.iter().enumerate() {
                if i > 0 {
                    out.push(self.delimiter as char);
                }
                if f.quoted {
                    out.push('"');
                    out.push_str(&f.text.replace('"', "\"\""));
                    out.push('"');
                    out.push_str(&f.after);
                } else {
                    out.push_str(&f.text);
                }
            }
        }
        if self.final_line_end {
            out.push('\n');
        }
        out
    }

    /// The fields as they were generated.
    fn fields(&self) -> Vec<Vec<String>> {
        self.records.iter().map(|r| r.iter().map(|f| format!("{}{}", f.text, f.after)).collect()).collect()
    }

    /// The line each record starts on: one more for every line end before it, and for
    /// every line break inside a quoted field (there is no lone `\r`).
    fn lines(&self) -> Vec<u64> {
        let mut line = 1;
        self.records
            .iter()
            .map(|record| {
                let start = line;
                line += 1 + record.iter().map(|f| f.text.matches('\n').count() as u64).sum::<u64>();
                start
            })
            .collect()
    }
}

fn csv_file() -> impl Strategy<Value = CsvFile> {
    select(vec![b',', b';', b'\t', b'|']).prop_flat_map(|delimiter| {
        let d = delimiter as char;
        // Quoted text may hold anything but a lone `\r`; unquoted text no delimiter,
        // line break, or quote at its start; text after a closing quote no delimiter,
        // line break, or quote at its start (that would be a doubled quote).
        let quoted_text = prop::collection::vec(
            select(vec!["a", "B", "7", " ", "é", "€", "🙂", "\"", "\"\"", ",", ";", "\t", "|", "\n", "\r\n", "x\"y"]),
            0..8,
        )
        .prop_map(|parts| parts.concat());
        let plain_text =
            "[aB7 é€🙂\",;\t|]{0,8}".prop_map(move |t: String| t.replace(d, "").trim_start_matches('"').to_string());
        let after = prop_oneof![3 => Just(String::new()), 1 => "[aB7 é\",;\t|]{0,4}"]
            .prop_map(move |t: String| t.replace(d, "").trim_start_matches('"').to_string());
        let field = prop_oneof![(plain_text, Just(false), Just(String::new())), (quoted_text, Just(true), after),]
            .prop_map(|(text, quoted, after)| CsvField { text, quoted, after });
        let record = prop::collection::vec(field, 1..7).prop_map(|mut fields| {
            // A lone empty unquoted field would be an empty line.
            if let [f] = fields.as_mut_slice() {
                if !f.quoted && f.text.is_empty() {
                    f.quoted = true;
                }
            }
            fields
        });
        (prop::collection::vec(record, 1..12), prop::collection::vec(any::<bool>(), 1..4), any::<bool>())
            .prop_map(move |(records, crlf, final_line_end)| CsvFile { delimiter, records, crlf, final_line_end })
    })
}

/// The fields of every record of `text`, as csv-core reads them.
fn csv_core_records(text: &str, delimiter: u8) -> Vec<Vec<String>> {
    let mut reader = csv_core::ReaderBuilder::new().delimiter(delimiter).build();
    let (mut output, mut ends) = (vec![0u8; 4096], vec![0usize; 64]);
    let mut input = text.as_bytes();
    let mut records = Vec::new();
    // What the current record has written so far (it may take several calls).
    let (mut out_len, mut ends_len) = (0, 0);
    loop {
        let (result, read, written, n_ends) = reader.read_record(input, &mut output[out_len..], &mut ends[ends_len..]);
        input = &input[read..];
        // Output goes to the slice given; field ends count from the record's start.
        out_len += written;
        ends_len += n_ends;
        match result {
            csv_core::ReadRecordResult::Record => {
                let mut start = 0;
                let fields = ends[..ends_len]
                    .iter()
                    .map(|&end| {
                        let field = String::from_utf8(output[start..end].to_vec()).expect("UTF-8 in, UTF-8 out");
                        start = end;
                        field
                    })
                    .collect();
                records.push(fields);
                (out_len, ends_len) = (0, 0);
            }
            csv_core::ReadRecordResult::InputEmpty => {}
            csv_core::ReadRecordResult::End => return records,
            csv_core::ReadRecordResult::OutputFull | csv_core::ReadRecordResult::OutputEndsFull => {
                panic!("a generated record outgrew the buffers")
            }
        }
    }
}

proptest! {
    #![proptest_config(config(256))]

    /// The splitter finds the fields that csv-core finds (and that were written), on
    /// the lines they were written on, in a file read whole and in one cut in two.
    #[test]
    fn splitter_agrees_with_csv_core(file in csv_file(), cut in any::<Index>()) {
        let text = file.text();
        let fields = csv_core_records(&text, file.delimiter);
        prop_assert_eq!(&fields, &file.fields(), "csv-core reads what was written: {:?}", text);
        let theirs: Vec<(u64, Vec<String>)> = file.lines().into_iter().zip(fields).collect();
        let ours: Vec<(u64, Vec<String>)> = retention::ingest::csv::read_all(&text, file.delimiter)
            .iter()
            .inspect(|r| assert!(!r.unclosed_quote, "{text:?}"))
            .map(|r| (r.line, r.iter().map(str::to_string).collect()))
            .collect();
        prop_assert_eq!(&ours, &theirs, "{:?}", text);
        // The same, fed in two pieces.
        let mut at = cut.index(text.len() + 1);
        while !text.is_char_boundary(at) {
            at -= 1;
        }
        let mut splitter = Splitter::new(file.delimiter);
        let (mut buf, mut fed, mut got) = (text[..at].to_string(), at, Vec::new());
        loop {
            let mut rec = Record::default();
            match splitter.read_record(&buf, fed == text.len(), &mut rec) {
                ReadResult::Record(n) => {
                    buf.drain(..n);
                    got.push((rec.line, rec.iter().map(str::to_string).collect::<Vec<_>>()));
                }
                ReadResult::NeedMore => {
                    prop_assert!(fed < text.len(), "NeedMore at the end of the input");
                    buf.push_str(&text[fed..]);
                    fed = text.len();
                }
                ReadResult::End => break,
            }
        }
        prop_assert_eq!(&got, &theirs, "cut at {} of {:?}", at, text);
    }
}

// ---------------------------------------------------------------------------------
// The UTF-16 decoder against encoding_rs

/// UTF-16 code units of every kind: ASCII (also in long runs), other BMP characters,
/// surrogate pairs, and lone high or low surrogates.
fn utf16_units() -> impl Strategy<Value = Vec<u16>> {
    let piece = prop_oneof![
        4 => (0u16..0x80).prop_map(|u| vec![u]),
        2 => (0x80u16..0xD800).prop_map(|u| vec![u]),
        1 => (0xE000u16..=0xFFFF).prop_map(|u| vec![u]),
        2 => (0xD800u16..0xDC00, 0xDC00u16..0xE000).prop_map(|(h, l)| vec![h, l]),
        1 => (0xD800u16..0xE000).prop_map(|u| vec![u]),
        // Longer than the decoder's 256-unit ASCII blocks.
        1 => prop::collection::vec(0u16..0x80, 250..400),
    ];
    prop::collection::vec(piece, 0..32).prop_map(|p| p.concat())
}

/// `decoder` fed `bytes` in the pieces that `cuts` (increasing positions) make.
fn decode_in_pieces(encoding: Encoding, bytes: &[u8], cuts: &[usize]) -> String {
    let mut decoder = Decoder::new(encoding);
    let mut out = String::new();
    let mut from = 0;
    for &c in cuts {
        decoder.decode(&bytes[from..c], false, &mut out);
        from = c;
    }
    decoder.decode(&bytes[from..], true, &mut out);
    out
}

proptest! {
    #![proptest_config(config(256))]

    /// UTF-16 LE and BE with a BOM: the text encoding_rs decodes (lone surrogates and
    /// an odd last byte as U+FFFD), whole, cut in two at every position (every 7th
    /// past 2,000 bytes), byte by byte, and in chunks of random sizes.
    #[test]
    fn utf16_decoder_agrees_with_encoding_rs(
        units in utf16_units(),
        big_endian in any::<bool>(),
        odd_byte in prop::option::of(any::<u8>()),
        sizes in chunk_sizes(),
    ) {
        let (encoding, oracle) = if big_endian {
            (Encoding::Utf16Be, encoding_rs::UTF_16BE)
        } else {
            (Encoding::Utf16Le, encoding_rs::UTF_16LE)
        };
        let mut body: Vec<u8> =
            units.iter().flat_map(|u| if big_endian { u.to_be_bytes() } else { u.to_le_bytes() }).collect();
        body.extend(odd_byte);
        let (want, _) = oracle.decode_without_bom_handling(&body);
        let bom: &[u8] = if big_endian { &[0xFE, 0xFF] } else { &[0xFF, 0xFE] };
        let bytes: Vec<u8> = bom.iter().chain(&body).copied().collect();
        prop_assert_eq!(decode_in_pieces(encoding, &bytes, &[]), want.as_ref(), "whole");
        // Every position of a short file; every 7th of a long one (quadratic otherwise).
        for cut in (0..=bytes.len()).step_by(if bytes.len() <= 2000 { 1 } else { 7 }) {
            prop_assert_eq!(decode_in_pieces(encoding, &bytes, &[cut]), want.as_ref(), "cut at {}", cut);
        }
        let every: Vec<usize> = (1..bytes.len()).collect();
        prop_assert_eq!(decode_in_pieces(encoding, &bytes, &every), want.as_ref(), "byte by byte");
        let cuts = cuts_from_sizes(bytes.len(), &sizes);
        prop_assert_eq!(decode_in_pieces(encoding, &bytes, &cuts), want.as_ref(), "cuts {:?}", cuts);
        // The whole-file function (a BOM makes `detect` choose this encoding).
        let (text, detected) = encoding::decode(&bytes);
        prop_assert_eq!(detected, encoding);
        prop_assert_eq!(text.as_ref(), want.as_ref(), "encoding::decode");
    }
}

// ---------------------------------------------------------------------------------
// The corpus

fn corpus(dir: &str) -> Vec<(String, Vec<u8>)> {
    let mut files: Vec<(String, Vec<u8>)> = std::fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("{dir}: {e}"))
        .map(|entry| entry.expect("a directory entry").path())
        .filter(|p| p.is_file())
        .map(|p| (p.display().to_string(), std::fs::read(&p).expect("a readable file")))
        .collect();
    files.sort();
    files
}

/// Every file of `tests/fuzz_corpus/`: read without panic, Ok or a `FileError`, the
/// same in chunks as whole.
#[test]
fn corpus_files_are_read_without_panic() {
    let files = corpus(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fuzz_corpus"));
    assert!(files.len() >= 15, "only {} corpus files", files.len());
    let mut read = 0;
    for (name, bytes) in &files {
        eprintln!("{name}");
        let outcome = std::panic::catch_unwind(|| {
            let ok = check_file(bytes);
            chunked_equals_whole(bytes, &[7, 1, 64, 2, 13]);
            let _ = ingest::detect(bytes, false);
            ok
        });
        match outcome {
            Ok(ok) => read += usize::from(ok),
            Err(_) => panic!("{name}: panicked (message above)"),
        }
    }
    // Most of the corpus is unusable on purpose, but not all of it.
    assert!(read >= 5, "only {read} corpus files were read");
}

// ---------------------------------------------------------------------------------
// Issues this file found, fixed since, kept as tests.

/// Minimal case: `C2` (a cut character) then `C2 80` (U+0080) in the next chunk.
#[test]
fn found_utf8_cut_before_a_lead_byte() {
    let bytes = [0xC2, 0xC2, 0x80];
    let mut decoder = Decoder::new(Encoding::Utf8);
    let mut out = String::new();
    decoder.decode(&bytes[..1], false, &mut out);
    decoder.decode(&bytes[1..], false, &mut out);
    decoder.decode(&[], true, &mut out);
    assert_eq!(out, "\u{FFFD}\u{80}");
}

/// The same through `Reader`: a UTF-8 file with a BOM and invalid bytes, fed byte by byte.
#[test]
fn found_utf8_bom_file_with_invalid_bytes_in_chunks() {
    let bytes =
        std::fs::read(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fuzz_corpus/utf8_bom_then_invalid_bytes.csv"))
            .expect("the corpus file");
    chunked_equals_whole(&bytes, &[1]);
}

/// Found by this file: `9999-W53` (an ISO week that ends after 9999-12-31) as a period
/// label panicked in `Date::iso_week` (`expect("1 January exists")`).
#[test]
fn iso_week_after_9999_is_not_a_panic() {
    for csv in [
        &b"periode;begin;eind;nieuw\n9999-W53;10;10;1\n"[..],
        b"maand;kosten\n9999-W53;10\n",
        b"maand,kosten,soort,kanaal\n9998-W999,0,web,web\n",
        b"periode,begin,eind,nieuw\n9809-W9999,1016,260,0\n",
    ] {
        assert!(check_file(csv), "{}", String::from_utf8_lossy(csv));
    }
}

/// Two purchases of 1e308 by one customer on one day: the day total is infinite.
#[test]
fn found_infinite_day_total() {
    let big = format!("1{}", "0".repeat(308));
    let csv = format!("customer,date,amount\nK1,2024-01-01,{big}\nK1,2024-01-01,{big}\n");
    let f = ingest::read_file("x.csv", csv.as_bytes()).expect("a transaction log");
    let Dataset::Transactions(log) = &f.dataset else { panic!("{:?}", f.dataset.kind()) };
    assert!(log.amounts.iter().all(|a| a.is_finite()), "{:?}", log.amounts);
}
