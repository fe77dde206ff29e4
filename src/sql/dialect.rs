//! Everything in which the five engines' SQL differs, in one place: type names, day
//! arithmetic, the day of the year, and a series of whole numbers. The generators
//! write the rest in the SQL all five share (CTEs, window functions, `EXTRACT`,
//! `CONCAT`, `LPAD`, `CASE`), so that what they compute reads the same for each.

/// The SQL engine the text is written for.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Engine {
    DuckDb,
    /// Spark SQL, as Databricks runs it (Spark 3.1 or later).
    Spark,
    BigQuery,
    Snowflake,
    Postgres,
}

impl Engine {
    pub const ALL: [Engine; 5] = [Engine::DuckDb, Engine::Spark, Engine::BigQuery, Engine::Snowflake, Engine::Postgres];

    /// The name on the command line and in file names.
    pub fn key(self) -> &'static str {
        match self {
            Engine::DuckDb => "duckdb",
            Engine::Spark => "spark",
            Engine::BigQuery => "bigquery",
            Engine::Snowflake => "snowflake",
            Engine::Postgres => "postgres",
        }
    }

    pub fn from_key(key: &str) -> Option<Engine> {
        Engine::ALL.into_iter().find(|e| e.key() == key)
    }

    /// The name people know it by.
    pub fn name(self) -> &'static str {
        match self {
            Engine::DuckDb => "DuckDB",
            Engine::Spark => "Spark SQL (Databricks)",
            Engine::BigQuery => "BigQuery",
            Engine::Snowflake => "Snowflake",
            Engine::Postgres => "PostgreSQL",
        }
    }

    fn text_type(self) -> &'static str {
        match self {
            Engine::DuckDb | Engine::Snowflake => "VARCHAR",
            Engine::Spark | Engine::BigQuery => "STRING",
            Engine::Postgres => "TEXT",
        }
    }

    fn double_type(self) -> &'static str {
        match self {
            Engine::DuckDb | Engine::Spark | Engine::Snowflake => "DOUBLE",
            Engine::BigQuery => "FLOAT64",
            Engine::Postgres => "DOUBLE PRECISION",
        }
    }

    /// `e` as text.
    pub fn text(self, e: &str) -> String {
        format!("CAST({e} AS {})", self.text_type())
    }

    /// `e` as a 64-bit float (every figure the app computes in f64 is computed so).
    pub fn double(self, e: &str) -> String {
        format!("CAST({e} AS {})", self.double_type())
    }

    /// `e` as a calendar day (a time of day dropped).
    pub fn date(self, e: &str) -> String {
        format!("CAST({e} AS DATE)")
    }

    /// The day number of date `e`: days since 1970-01-01 (as `calendar::Date`).
    pub fn day_number(self, e: &str) -> String {
        match self {
            Engine::DuckDb => format!("date_diff('day', DATE '1970-01-01', {e})"),
            Engine::Spark => format!("datediff({e}, DATE '1970-01-01')"),
            Engine::BigQuery => format!("UNIX_DATE({e})"),
            Engine::Snowflake => format!("DATEDIFF(day, DATE '1970-01-01', {e})"),
            Engine::Postgres => format!("({e} - DATE '1970-01-01')"),
        }
    }

    /// The date of day number `n`.
    pub fn date_of_day_number(self, n: &str) -> String {
        match self {
            Engine::DuckDb | Engine::Postgres => format!("(DATE '1970-01-01' + CAST({n} AS INTEGER))"),
            Engine::Spark => format!("date_add(DATE '1970-01-01', CAST({n} AS INT))"),
            Engine::BigQuery => format!("DATE_FROM_UNIX_DATE({n})"),
            Engine::Snowflake => format!("DATEADD(day, {n}, DATE '1970-01-01')"),
        }
    }

    /// Date `e` plus `days` days.
    pub fn add_days(self, e: &str, days: u32) -> String {
        match self {
            Engine::DuckDb | Engine::Postgres => format!("({e} + {days})"),
            Engine::Spark => format!("date_add({e}, {days})"),
            Engine::BigQuery => format!("DATE_ADD({e}, INTERVAL {days} DAY)"),
            Engine::Snowflake => format!("DATEADD(day, {days}, {e})"),
        }
    }

    /// The day of the year of date `e`, 1 to 366.
    pub fn day_of_year(self, e: &str) -> String {
        match self {
            Engine::DuckDb | Engine::Spark | Engine::Postgres => format!("EXTRACT(DOY FROM {e})"),
            Engine::BigQuery | Engine::Snowflake => format!("EXTRACT(DAYOFYEAR FROM {e})"),
        }
    }

    /// A query of one column `column`: the whole numbers `lo` to `hi` (inclusive;
    /// expressions over the columns of `from`, a one-row CTE).
    pub fn series(self, from: &str, lo: &str, hi: &str, column: &str) -> String {
        match self {
            Engine::DuckDb => format!("SELECT UNNEST(generate_series({lo}, {hi})) AS {column} FROM {from}"),
            Engine::Spark => format!("SELECT explode(sequence({lo}, {hi})) AS {column} FROM {from}"),
            Engine::BigQuery => {
                format!("SELECT {column} FROM {from} CROSS JOIN UNNEST(GENERATE_ARRAY({lo}, {hi})) AS {column}")
            }
            Engine::Snowflake => format!(
                "SELECT CAST(g.value AS BIGINT) AS {column} FROM {from}, \
                 LATERAL FLATTEN(input => ARRAY_GENERATE_RANGE({lo}, {hi} + 1)) AS g"
            ),
            Engine::Postgres => {
                format!("SELECT g.{column} FROM {from} CROSS JOIN LATERAL generate_series({lo}, {hi}) AS g({column})")
            }
        }
    }
}

/// ⌊e / n⌋ as a whole number, also for negative `e` (days before 1970). Exact: the
/// quotient of two whole numbers below 2^31 is never within rounding of the next
/// whole number unless it is one.
pub fn floor_div(e: &str, n: u32) -> String {
    format!("CAST(FLOOR(({e}) / {n}.0) AS BIGINT)")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn engines_round_trip_their_keys() {
        for e in Engine::ALL {
            assert_eq!(Engine::from_key(e.key()), Some(e));
        }
        assert_eq!(Engine::from_key("mysql"), None);
        let keys: Vec<&str> = Engine::ALL.iter().map(|e| e.key()).collect();
        assert_eq!(keys, ["duckdb", "spark", "bigquery", "snowflake", "postgres"]);
    }

    #[test]
    fn day_arithmetic_per_engine() {
        assert_eq!(Engine::BigQuery.day_number("d"), "UNIX_DATE(d)");
        assert_eq!(Engine::Postgres.add_days("d", 90), "(d + 90)");
        assert_eq!(Engine::Spark.date_of_day_number("7 * w"), "date_add(DATE '1970-01-01', CAST(7 * w AS INT))");
        assert_eq!(Engine::Snowflake.double("x"), "CAST(x AS DOUBLE)");
        assert_eq!(Engine::Postgres.double("x"), "CAST(x AS DOUBLE PRECISION)");
        assert_eq!(floor_div("d + 3", 7), "CAST(FLOOR((d + 3) / 7.0) AS BIGINT)");
    }
}
