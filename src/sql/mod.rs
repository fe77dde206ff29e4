//! SQL for a data warehouse (issue 14): the user names their table and columns and
//! picks an engine, and gets the SQL that computes where the data lives what the app
//! computes from a dropped file, exactly as METRICS.md defines it; only the compact
//! result comes into the browser (or the command line), whose detection recognises it.
//!
//! | output | what | the app reads it as |
//! |---|---|---|
//! | [`Output::Summary`] | one row per customer: frequency, recency, T, monetary value, first and last purchase, revenue, the attribute (`summary`) | a customer summary (the lifetime-value models) |
//! | [`Output::Base`] | one row per period: S, E, N (joined), churned, new, reactivated, acquired, CRR, churn (`base`) | period counts |
//! | [`Output::Cohorts`] | one row per cohort and offset (`cohorts`) | a cohort table (the page's cohorts CSV layout) |
//!
//! One file per concept: `names` (the user's names, quoted), `dialect` (everything in
//! which the engines differ), `source` (the table read as a transaction log),
//! `periods` (periods as whole numbers, and their labels), and one generator per
//! output. Pure string building: no engine is needed to generate, and the text is
//! checked against golden files (`tests/fixtures/sql/`) and run on DuckDB, Spark SQL
//! and PostgreSQL by `tests/warehouse/`. docs/warehouse-sql.md maps each step to
//! METRICS.md.

pub mod base;
pub mod cohorts;
pub mod dialect;
pub mod names;
pub mod periods;
pub mod source;
pub mod summary;

use crate::calendar::{Date, Granularity, TimeUnit};
use crate::metrics::analysis::{DEFAULT_WINDOW_DAYS, MAX_WINDOW_DAYS};
pub use dialect::Engine;
pub use names::{NameError, NameOf};
use std::fmt;

/// What the SQL computes.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Output {
    /// The customer summary, for the CLV models and RFM.
    Summary,
    /// The customer base per period.
    Base,
    /// The cohort table.
    Cohorts,
}

impl Output {
    pub const ALL: [Output; 3] = [Output::Summary, Output::Base, Output::Cohorts];

    pub fn key(self) -> &'static str {
        match self {
            Output::Summary => "summary",
            Output::Base => "base",
            Output::Cohorts => "cohorts",
        }
    }

    pub fn from_key(key: &str) -> Option<Output> {
        Output::ALL.into_iter().find(|o| o.key() == key)
    }
}

/// What the user asks for: the engine, their table and columns, and the settings.
#[derive(Clone, Debug, PartialEq)]
pub struct Request {
    pub engine: Engine,
    /// `orders`, `schema.orders`, `project.dataset.orders`.
    pub table: String,
    pub customer: String,
    pub date: String,
    pub amount: Option<String>,
    /// Another column to keep per customer (channel, region, ...): in the summary.
    pub attribute: Option<String>,
    pub output: Output,
    /// Base and cohorts: the periods.
    pub granularity: Granularity,
    /// Base: the inactivity window W in days (1 to `MAX_WINDOW_DAYS`).
    pub window_days: u32,
    /// Summary: the unit of recency and T.
    pub time_unit: TimeUnit,
    /// Summary: the calibration end c (default: the last purchase date).
    pub calibration_end: Option<Date>,
}

impl Request {
    /// A request with the app's default settings (months, W = 90, weeks, no holdout).
    pub fn new(engine: Engine, table: &str, customer: &str, date: &str, output: Output) -> Request {
        Request {
            engine,
            table: table.into(),
            customer: customer.into(),
            date: date.into(),
            amount: None,
            attribute: None,
            output,
            granularity: Granularity::Month,
            window_days: DEFAULT_WINDOW_DAYS,
            time_unit: TimeUnit::Week,
            calibration_end: None,
        }
    }

    /// The names of the output's columns, in order.
    pub fn columns(&self) -> Vec<String> {
        match self.output {
            Output::Summary => summary::columns(self),
            Output::Base => base::COLUMNS.map(String::from).to_vec(),
            Output::Cohorts => cohorts::columns(self).into_iter().map(String::from).collect(),
        }
    }
}

/// Why no SQL can be made.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum SqlError {
    Name(NameError),
    /// W outside 1 to `MAX_WINDOW_DAYS`.
    Window(u32),
    /// The attribute column would have the name of another output column.
    AttributeClashes(String),
}

impl From<NameError> for SqlError {
    fn from(e: NameError) -> Self {
        SqlError::Name(e)
    }
}

impl fmt::Display for SqlError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            SqlError::Name(e) => e.fmt(f),
            SqlError::Window(w) => write!(f, "the window must be 1 to {MAX_WINDOW_DAYS} days, not {w}"),
            SqlError::AttributeClashes(name) => {
                write!(f, "the attribute column '{name}' has the name of a column of the customer summary")
            }
        }
    }
}

impl std::error::Error for SqlError {}

/// The SQL text for `req`: one query, `WITH …` to `ORDER BY …`, ending in a line break.
pub fn generate(req: &Request) -> Result<String, SqlError> {
    if !(1..=MAX_WINDOW_DAYS).contains(&req.window_days) {
        return Err(SqlError::Window(req.window_days));
    }
    if let (Output::Summary, Some(attr)) = (req.output, &req.attribute) {
        let others = Request { attribute: None, ..req.clone() }.columns();
        if others.iter().any(|c| c.eq_ignore_ascii_case(attr)) {
            return Err(SqlError::AttributeClashes(attr.clone()));
        }
    }
    let source = source::Source::of(req)?;
    let body = match req.output {
        Output::Summary => summary::sql(req, &source),
        Output::Base => base::sql(req, &source),
        Output::Cohorts => cohorts::sql(req, &source),
    };
    Ok(format!("{}{body}", header(req)))
}

/// The comment the text starts with: what it computes and with which settings.
fn header(req: &Request) -> String {
    let settings = match req.output {
        Output::Summary => match req.calibration_end {
            Some(c) => format!("time unit {}, calibration end {c}", req.time_unit.key()),
            None => format!("time unit {}, calibration end: the last purchase date", req.time_unit.key()),
        },
        Output::Base => format!("{} periods, window W = {} days", req.granularity.key(), req.window_days),
        Output::Cohorts => format!("{} periods", req.granularity.key()),
    };
    let what = match req.output {
        Output::Summary => "The customer summary (one row per customer)",
        Output::Base => "The customer base per period",
        Output::Cohorts => "The cohort table (one row per cohort and offset)",
    };
    format!(
        "-- {what}, as Retention Calculator computes it (METRICS.md).\n\
         -- {} SQL. Settings: {settings}. Save the result as CSV and drop it into the app.\n",
        req.engine.name()
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ingest::{detect, read_file, Dataset, FileKind};

    fn request(output: Output) -> Request {
        Request {
            amount: Some("amount".into()),
            attribute: Some("channel".into()),
            ..Request::new(Engine::DuckDb, "orders", "customer_id", "order_date", output)
        }
    }

    /// A CSV file as an engine writes the output: the columns' names, then `rows`.
    fn csv(req: &Request, rows: &[&str]) -> String {
        let mut out = req.columns().join(",");
        for r in rows {
            out.push('\n');
            out.push_str(r);
        }
        out.push('\n');
        out
    }

    #[test]
    fn a_customer_summary_is_detected_as_one() {
        let req = request(Output::Summary);
        assert_eq!(
            req.columns(),
            [
                "customer_id",
                "frequency",
                "recency",
                "T",
                "monetary_value",
                "first_purchase",
                "last_purchase",
                "revenue",
                "channel"
            ]
        );
        let text = csv(
            &req,
            &[
                "c1,2,3.142857142857143,10,25.5,2024-01-03,2024-01-25,61.5,web",
                "c2,0,0,1.5714285714285714,0,2024-02-01,2024-02-01,-3,shop",
            ],
        );
        let d = detect(text.as_bytes(), true).unwrap();
        assert_eq!(d.settings.mapping.kind, FileKind::CustomerSummary);
        let f = read_file("summary.csv", text.as_bytes()).unwrap();
        assert_eq!(f.errors.total, 0, "{:?}", f.errors.listed);
        let Dataset::CustomerSummary(rows) = &f.dataset else { panic!("{:?}", f.dataset.kind()) };
        assert_eq!(rows.len(), 2);
        assert_eq!(
            (rows[0].customer.as_str(), rows[0].frequency, rows[0].recency, rows[0].age, rows[0].monetary_value),
            ("c1", 2.0, 22.0 / 7.0, 10.0, Some(25.5))
        );
        // Without amounts: no monetary_value and no revenue, still a summary.
        let plain = Request { amount: None, ..req };
        let text = csv(&plain, &["c1,2,3,10,2024-01-03,2024-01-25,web"]);
        assert_eq!(detect(text.as_bytes(), true).unwrap().settings.mapping.kind, FileKind::CustomerSummary);
    }

    #[test]
    fn the_base_is_detected_as_period_counts_with_n_the_joined() {
        let req = request(Output::Base);
        let text = csv(
            &req,
            &[
                "2024-01,0,5,5,0,5,0,5,,",
                "2024-02,5,6,3,2,2,1,2,60,40",
                "2024-03,6,4,0,2,0,0,0,66.66666666666667,33.33333333333333",
            ],
        );
        let d = detect(text.as_bytes(), true).unwrap();
        assert_eq!(d.settings.mapping.kind, FileKind::PeriodCounts);
        // N is the joined column (3), not new_customers (5) or acquired (7).
        use crate::ingest::columns::Role;
        let m = &d.settings.mapping;
        assert_eq!(
            [Role::Period, Role::Start, Role::End, Role::New].map(|r| m.column(r)),
            [Some(0), Some(1), Some(2), Some(3)]
        );
        let f = read_file("base.csv", text.as_bytes()).unwrap();
        let Dataset::PeriodCounts(p) = &f.dataset else { panic!("{:?}", f.dataset.kind()) };
        // The first period has S = 0: a period without a CRR (in a file with the base's
        // other counts; a plain S, E, N file skips such a row).
        assert_eq!(f.errors.total, 0, "{:?}", f.errors.listed);
        assert_eq!(p.rows.len(), 3);
        let read: Vec<_> = p.rows.iter().map(|r| (r.period.to_string(), r.start, r.crr(), r.churn_rate())).collect();
        assert_eq!(
            read,
            [
                ("2024-01".to_string(), 0, None, None),
                ("2024-02".to_string(), 5, Some(60.0), Some(40.0)),
                ("2024-03".to_string(), 6, Some(4.0 / 6.0 * 100.0), Some(100.0 - 4.0 / 6.0 * 100.0)),
            ]
        );
        let flows =
            crate::ingest::Flows { churned: Some(2), new_customers: Some(2), reactivated: Some(1), acquired: Some(2) };
        assert_eq!(p.rows[1].flows, Some(flows));
        // Counts that S, E and N contradict are row errors.
        let bad = csv(&req, &["2024-02,5,6,3,1,2,1,2,60,40", "2024-03,6,4,0,2,0,1,0,,"]);
        let f = read_file("base.csv", bad.as_bytes()).unwrap();
        let errors: Vec<_> =
            f.errors.listed.iter().map(|e| (e.line, e.column.clone().unwrap().name, e.kind.clone())).collect();
        use crate::ingest::RowErrorKind::CountsDisagree;
        assert_eq!(
            errors,
            [
                (2, "churned".to_string(), CountsDisagree { expected: 2, found: 1 }),
                (3, "reactivated".to_string(), CountsDisagree { expected: 0, found: 1 }),
            ]
        );
        // Week, quarter and year labels are periods too.
        for (g, label) in
            [(Granularity::Week, "2024-W09"), (Granularity::Quarter, "2024-Q1"), (Granularity::Year, "2024")]
        {
            let text = format!("{}\n{label},5,6,3,2,2,1,2,60,40\n", req.columns().join(","));
            let f = read_file("base.csv", text.as_bytes()).unwrap();
            let Dataset::PeriodCounts(p) = &f.dataset else { panic!("{g:?}") };
            assert!(matches!(p.rows[0].period, crate::ingest::PeriodLabel::Period(_)), "{g:?}");
            assert_eq!(p.rows[0].period.to_string(), label);
        }
    }

    #[test]
    fn the_cohort_table_is_detected_as_one() {
        let req = request(Output::Cohorts);
        assert_eq!(
            req.columns(),
            [
                "cohort",
                "offset",
                "cohort_size",
                "cohort_active",
                "cohort_retention",
                "cohort_revenue",
                "cohort_revenue_pct"
            ]
        );
        let text = csv(&req, &["2024-01,0,2,2,100,35,100", "2024-01,1,2,0,0,0,0"]);
        let kind = detect(text.as_bytes(), true).map(|d| d.settings.mapping.kind);
        assert_eq!(kind, Ok(FileKind::Cohorts));
        let plain = Request { amount: None, ..req };
        let text = csv(&plain, &["2024-01,0,2,2,100", "2024-01,1,2,0,0"]);
        let f = read_file("cohorts.csv", text.as_bytes()).unwrap();
        assert_eq!((f.dataset.kind(), f.dataset.len(), f.errors.total), (FileKind::Cohorts, 2, 0));
    }

    #[test]
    fn every_engine_and_output_makes_sql_and_bad_requests_say_why() {
        for engine in Engine::ALL {
            for output in Output::ALL {
                let sql = generate(&Request { engine, ..request(output) }).unwrap();
                assert!(sql.starts_with("-- ") && sql.ends_with('\n'), "{engine:?} {output:?}");
                assert!(sql.contains(&names::quote(engine, "order_date")));
            }
        }
        let bad = |r: Request| generate(&r).unwrap_err().to_string();
        assert_eq!(
            bad(Request { window_days: 0, ..request(Output::Base) }),
            "the window must be 1 to 3660 days, not 0"
        );
        assert_eq!(
            bad(Request { attribute: Some("Frequency".into()), ..request(Output::Summary) }),
            "the attribute column 'Frequency' has the name of a column of the customer summary"
        );
        assert_eq!(
            bad(Request { table: "a..b".into(), ..request(Output::Base) }),
            "the table name (or a part of it between dots) is empty"
        );
        // The same attribute is fine for the base (it is not read there).
        assert!(generate(&Request { attribute: Some("frequency".into()), ..request(Output::Base) }).is_ok());
    }

    #[test]
    fn a_name_with_a_quote_stays_a_name() {
        for engine in Engine::ALL {
            let req = Request {
                engine,
                customer: "id\"; DROP TABLE orders; --".into(),
                table: "shop.or`ders".into(),
                ..request(Output::Summary)
            };
            let sql = generate(&req).unwrap();
            let quoted = names::quote(engine, "id\"; DROP TABLE orders; --");
            assert!(sql.contains(&format!("TRIM({})", engine.text(&quoted))), "{engine:?}");
            // Outside the quoted names the text has no `DROP`.
            let without = sql.replace(&quoted, "").replace(&names::quote(engine, "or`ders"), "");
            assert!(!without.contains("DROP") && !without.contains("or`ders"), "{engine:?}\n{sql}");
        }
    }
}
