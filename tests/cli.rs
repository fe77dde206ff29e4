//! The command-line tool `retention` (src/bin/retention.rs), run as a user runs it:
//! exit codes, the messages, the figures it writes.

#![cfg(not(target_arch = "wasm32"))]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn retention(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_retention")).args(args).output().expect("the binary runs")
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

/// A fresh folder for one test.
fn folder(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("retention-cli-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn write(dir: &Path, name: &str, content: &str) -> String {
    let path = dir.join(name);
    std::fs::write(&path, content).unwrap();
    path.to_string_lossy().into_owned()
}

/// a: 2024-01-05 (10 + 5 on one day), 2024-03-01 (30), refund -4 on 2024-03-15;
/// b: 2024-01-20 (20); c: 2024-02-02 (7), 2024-03-09 (3). Line 6 has an impossible date.
const LOG: &str = "customer,date,amount,kanaal\n\
                   a,2024-01-05,10,web\na,2024-01-05,5,web\nb,2024-01-20,20,shop\nc,2024-02-02,7,web\n\
                   x,2024-02-31,9,web\na,2024-03-01,30,web\nc,2024-03-09,3,web\na,2024-03-15,-4,web\n";

#[test]
fn help_is_exit_0_and_bad_arguments_exit_2() {
    let help = retention(&["--help"]);
    assert_eq!(help.status.code(), Some(0));
    assert!(text(&help.stdout).contains("retention analyse FILE..."));
    for args in [
        &[][..],
        &["frobnicate"],
        &["analyse"],
        &["analyse", "x.csv", "--granularity", "day"],
        &["analyse", "x.csv", "--window-days", "0"],
        &["analyse", "x.csv", "--window-days", "3661"],
        &["analyse", "x.csv", "--calibration-end", "2024-02-30"],
        &["analyse", "x.csv", "--json"],
        &["analyse", "x.csv", "--colour", "red"],
        &["sql", "--engine", "mysql", "--table", "t", "--customer", "c", "--date", "d", "--what", "base"],
        &["sql", "--table", "t", "--customer", "c", "--date", "d", "--what", "base"],
        &["sql", "--engine", "duckdb", "--table", "t", "--customer", "c", "--date", "d"],
        &["sql", "--engine", "duckdb", "--table", "t", "--customer", "c", "--what", "base"],
        &["sql", "--engine", "duckdb", "--table", "a..b", "--customer", "c", "--date", "d", "--what", "base"],
        &["sql", "--engine", "duckdb", "--table", "t", "--customer", "c\nd", "--date", "d", "--what", "base"],
        &["sql", "--engine", "duckdb", "--table", "t", "--customer", "c", "--date", "d", "--what", "summary", "x.csv"],
    ] {
        let out = retention(args);
        assert_eq!(out.status.code(), Some(2), "{args:?}: {}", text(&out.stderr));
        assert!(text(&out.stderr).starts_with("retention: "), "{args:?}");
        assert!(out.stdout.is_empty(), "{args:?}");
    }
    let out = retention(&["analyse", "x.csv", "--window-days", "0"]);
    assert!(text(&out.stderr).contains("bad value for --window-days: \"0\""), "{}", text(&out.stderr));
}

#[test]
fn a_file_that_cannot_be_used_is_exit_1_with_the_reason() {
    let dir = folder("unusable");
    let missing = dir.join("missing.csv").to_string_lossy().into_owned();
    let out = retention(&["analyse", &missing]);
    assert_eq!(out.status.code(), Some(1));
    assert!(text(&out.stderr).contains("missing.csv"), "{}", text(&out.stderr));
    let empty = write(&dir, "empty.csv", "");
    let out = retention(&["analyse", &empty]);
    assert_eq!(out.status.code(), Some(1));
    assert!(text(&out.stderr).contains("empty.csv: "), "{}", text(&out.stderr));
    let unknown = write(&dir, "unknown.csv", "naam,stad\nJan,Utrecht\n");
    assert_eq!(retention(&["analyse", &unknown]).status.code(), Some(1));
    // A usable file beside an unusable one: its figures are still written, the exit is 1.
    let log = write(&dir, "log.csv", LOG);
    let json = dir.join("out.json");
    let out = retention(&["analyse", &log, &missing, "--json", json.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    assert!(json.exists());
    // Period counts only: nothing to write figures from.
    let counts = write(&dir, "counts.csv", "period,S,E,N\n2024-01,10,9,1\n");
    let out = retention(&["analyse", &counts, "--json", json.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    assert!(text(&out.stderr).contains("no transaction log"), "{}", text(&out.stderr));
    assert!(text(&out.stdout).contains("counts.csv: period counts, 1 data rows, 0 skipped"));
}

#[test]
fn analyse_writes_the_pages_json_and_tables_and_lists_skipped_rows() {
    let dir = folder("analyse");
    let log = write(&dir, "orders.csv", LOG);
    let json = dir.join("figures.json");
    let csv_dir = dir.join("tables");
    let out = retention(&[
        "analyse",
        &log,
        "--window-days",
        "31",
        "--segment",
        "kanaal",
        "--json",
        json.to_str().unwrap(),
        "--csv-dir",
        csv_dir.to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let stdout = text(&out.stdout);
    assert!(stdout.contains("orders.csv: a transaction log, 8 data rows, 1 skipped"), "{stdout}");
    // The skipped row as the page words it in English, on standard error.
    assert_eq!(text(&out.stderr), "orders.csv: Line 6, column 2 (date): date '2024-02-31' does not exist\n");

    // The JSON: the page's export of the same file and settings, key for key ...
    let doc: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(&json).unwrap()).unwrap();
    let file = retention::ingest::read_file("orders.csv", LOG.as_bytes()).unwrap();
    let retention::ingest::Dataset::Transactions(l) = &file.dataset else { panic!() };
    let settings = retention::metrics::analysis::AnalysisSettings {
        window_days: 31,
        segment_by: Some("kanaal".into()),
        ..Default::default()
    };
    let page =
        retention::export::analysis_json(&retention::metrics::analysis::Analysis::of("orders.csv", l, None, &settings));
    assert_eq!(doc, serde_json::from_str::<serde_json::Value>(&page).unwrap());
    // ... and figures worked out by hand: 3 customers, 4 purchase rows (the two on
    // 01-05 are two orders), revenue 10 + 5 + 20 + 7 + 30 + 3 - 4 = 71.
    assert_eq!(doc["file"], "orders.csv");
    assert_eq!(doc["totals"]["customers_total"], 3.0);
    assert_eq!(doc["totals"]["transactions_total"], 6.0);
    assert_eq!(doc["totals"]["revenue_total"], 71.0);
    assert_eq!(doc["settings"]["window_days"], 31);
    // W = 31, months. Boundaries 02-01: a (01-05) and b (01-20) in the base; 03-01: c
    // (02-02) only; 04-01: a (03-01) and c (03-09). February: S 2, E 1, churned 2, c joined.
    let feb = &doc["base"][1];
    assert_eq!(
        (feb["period"].as_str(), feb["base_start"].as_u64(), feb["base_end"].as_u64()),
        (Some("2024-02"), Some(2), Some(1))
    );
    assert_eq!((feb["churned"].as_u64(), feb["joined"].as_u64(), feb["crr"].as_f64()), (Some(2), Some(1), Some(0.0)));
    // March: S 1 (c), E 2 (a, c), a is back: reactivated.
    let mar = &doc["base"][2];
    assert_eq!(
        (mar["base_start"].as_u64(), mar["base_end"].as_u64(), mar["reactivated"].as_u64()),
        (Some(1), Some(2), Some(1))
    );

    // Every table as the page's CSV, and the customer summary.
    for name in ["totals", "base", "cohorts", "rfm", "comparison", "customers"] {
        assert!(csv_dir.join(format!("{name}.csv")).exists(), "{name}");
    }
    let base = std::fs::read_to_string(csv_dir.join("base.csv")).unwrap();
    assert!(base.contains("\r\n2024-02,2,1,2,1,1,0,1,0,100\r\n"), "{base}");
    let customers = std::fs::read_to_string(csv_dir.join("customers.csv")).unwrap();
    let lines: Vec<&str> = customers.lines().collect();
    assert_eq!(lines[0], "customer_id,frequency,recency,T,monetary_value,first_purchase,last_purchase,revenue,kanaal");
    // a: dates 01-05 and 03-01 (56 days = 8 weeks), c = 03-09 (64 days); one repeat date of 30.
    assert_eq!(lines[1], "a,1,8,9.142857142857142,30,2024-01-05,2024-03-01,41,web");
    assert_eq!(64.0 / 7.0, 9.142857142857142);
}

#[test]
fn several_files_are_read_and_reported_in_order() {
    let dir = folder("several");
    let files: Vec<String> =
        (0..5).map(|i| write(&dir, &format!("log{i}.csv"), &LOG.replace("a,", &format!("a{i},")))).collect();
    let mut args = vec!["analyse"];
    args.extend(files.iter().map(String::as_str));
    let out = retention(&args);
    assert_eq!(out.status.code(), Some(0));
    let stdout = text(&out.stdout);
    let at: Vec<usize> = (0..5).map(|i| stdout.find(&format!("log{i}.csv: a transaction log")).unwrap()).collect();
    assert!(at.windows(2).all(|w| w[0] < w[1]), "{stdout}");
    assert_eq!(text(&out.stderr).lines().count(), 5, "one skipped row per file");
    // A segment column the log does not have: said, and the figures come without it.
    let out = retention(&["analyse", &files[0], "--segment", "regio"]);
    assert_eq!(out.status.code(), Some(0));
    assert!(
        text(&out.stderr).contains("log0.csv has no column \"regio\" to compare by (it has: kanaal)"),
        "{}",
        text(&out.stderr)
    );
}

#[test]
fn sql_prints_the_generators_text() {
    let out = retention(&[
        "sql",
        "--engine",
        "postgres",
        "--table",
        "shop.orders",
        "--customer",
        "klant\"id",
        "--date",
        "datum",
        "--amount",
        "bedrag",
        "--what",
        "base",
        "--granularity",
        "week",
        "--window-days",
        "30",
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let sql = text(&out.stdout);
    assert!(sql.starts_with("-- The customer base per period"), "{sql}");
    assert!(sql.contains("-- PostgreSQL SQL. Settings: week periods, window W = 30 days."));
    assert!(sql.contains("TRIM(CAST(\"klant\"\"id\" AS TEXT)) AS cust"));
    assert!(sql.contains("FROM \"shop\".\"orders\""));
    assert!(sql.contains("(buy_day + 30)"));
    // `--flag=value` works as well.
    let out = retention(&[
        "sql",
        "--engine=spark",
        "--table=t",
        "--customer=c",
        "--date=d",
        "--what=summary",
        "--time-unit=month",
    ]);
    assert_eq!(out.status.code(), Some(0));
    assert!(text(&out.stdout).contains("/ CAST(30.4375 AS DOUBLE) AS `recency`"), "{}", text(&out.stdout));
}
