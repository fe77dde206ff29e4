//! The warehouse SQL of every engine, output and granularity, compared with the golden
//! text in `tests/fixtures/sql/` (`<engine>-<output>-<granularity>.sql`). DuckDB, Spark
//! SQL and PostgreSQL are also run by `tests/warehouse/check.py`; for BigQuery and
//! Snowflake the golden text is the check, each file read by hand once against the
//! engine's documentation.
//!
//! After a deliberate change of the SQL, write the files anew and read the diff:
//!
//! ```text
//! SQL_GOLDEN=update cargo test --test sql_golden
//! ```

#![cfg(not(target_arch = "wasm32"))]

use retention::calendar::{Date, Granularity, TimeUnit};
use retention::sql::{generate, Engine, Output, Request};
use std::path::PathBuf;

/// The requests of the golden files: the generated log's table and columns.
fn requests() -> Vec<(String, Request)> {
    let mut out = Vec::new();
    for engine in Engine::ALL {
        let base = Request {
            amount: Some("amount".into()),
            attribute: Some("channel".into()),
            ..Request::new(engine, "shop.orders", "customer_id", "order_date", Output::Summary)
        };
        out.push((format!("{}-summary-week.sql", engine.key()), base.clone()));
        out.push((
            format!("{}-summary-month-holdout.sql", engine.key()),
            Request { time_unit: TimeUnit::Month, calibration_end: Date::from_ymd(2024, 6, 30), ..base.clone() },
        ));
        for g in Granularity::ALL {
            for output in [Output::Base, Output::Cohorts] {
                let name = format!("{}-{}-{}.sql", engine.key(), output.key(), g.key());
                out.push((name, Request { output, granularity: g, window_days: 90, ..base.clone() }));
            }
        }
        // Without an amount column.
        out.push((
            format!("{}-summary-no-amount.sql", engine.key()),
            Request { amount: None, attribute: None, ..base.clone() },
        ));
        out.push((
            format!("{}-cohorts-no-amount.sql", engine.key()),
            Request { amount: None, attribute: None, output: Output::Cohorts, ..base.clone() },
        ));
    }
    out
}

#[test]
fn the_sql_equals_the_golden_text() {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/sql");
    let update = std::env::var("SQL_GOLDEN").is_ok_and(|v| v == "update");
    let mut differ = Vec::new();
    for (name, req) in requests() {
        let sql = generate(&req).unwrap();
        let path = dir.join(&name);
        if update {
            std::fs::create_dir_all(&dir).unwrap();
            std::fs::write(&path, &sql).unwrap();
            continue;
        }
        match std::fs::read_to_string(&path) {
            Ok(golden) if golden == sql => {}
            Ok(_) => differ.push(format!("{name} differs")),
            Err(e) => differ.push(format!("{name}: {e}")),
        }
    }
    assert!(
        differ.is_empty(),
        "{}\n(SQL_GOLDEN=update cargo test --test sql_golden writes them anew)",
        differ.join("\n")
    );
}

#[test]
fn every_golden_file_is_still_made() {
    // A file no request makes any more is a leftover.
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/sql");
    let made: Vec<String> = requests().into_iter().map(|(n, _)| n).collect();
    for entry in std::fs::read_dir(&dir).unwrap() {
        let name = entry.unwrap().file_name().to_string_lossy().into_owned();
        assert!(made.contains(&name), "{name} is made by no request");
    }
    assert_eq!(made.len(), 5 * 12);
}
