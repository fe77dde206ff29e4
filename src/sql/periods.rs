//! Reporting periods in SQL, as `calendar::Period` has them: each period is a whole
//! number (its index), consecutive periods have consecutive numbers, so that "the next
//! period", "the boundary after a day" and "k periods later" are additions.
//!
//! | granularity | index of a day d                 | label of index i                        |
//! |-------------|----------------------------------|-----------------------------------------|
//! | week        | ⌊(day number + 3) / 7⌋ (weeks start on Monday; day 0 is a Thursday) | ISO year and week of the Thursday, day number 7i: `2024-W09` |
//! | month       | year × 12 + month − 1            | `2024-03`                               |
//! | quarter     | year × 4 + quarter − 1           | `2024-Q1`                               |
//! | year        | year                             | `2024`                                  |
//!
//! Period i starts on boundary i; a day d lies before boundary i exactly when
//! index(d) < i, and boundary i lies on or before day d exactly when i <= index(d).

use super::dialect::{floor_div, Engine};
use crate::calendar::Granularity;

/// The index of the period of `granularity` that holds date `e`.
pub fn index(engine: Engine, granularity: Granularity, e: &str) -> String {
    match granularity {
        Granularity::Week => floor_div(&format!("{} + 3", engine.day_number(e)), 7),
        Granularity::Month => format!("CAST(EXTRACT(YEAR FROM {e}) * 12 + EXTRACT(MONTH FROM {e}) - 1 AS BIGINT)"),
        Granularity::Quarter => format!("CAST(EXTRACT(YEAR FROM {e}) * 4 + EXTRACT(QUARTER FROM {e}) - 1 AS BIGINT)"),
        Granularity::Year => format!("CAST(EXTRACT(YEAR FROM {e}) AS BIGINT)"),
    }
}

/// Whole number `e` (a BIGINT) as text of at least `width` digits (`LPAD`; never wider
/// numbers here).
fn padded(engine: Engine, e: &str, width: u32) -> String {
    format!("LPAD({}, {width}, '0')", engine.text(e))
}

/// The label of period index `i` (an expression), as `Period`'s `Display` writes it.
pub fn label(engine: Engine, granularity: Granularity, i: &str) -> String {
    match granularity {
        Granularity::Week => {
            let thursday = engine.date_of_day_number(&format!("7 * {i}"));
            let week = format!("{} + 1", floor_div(&format!("{} - 1", engine.day_of_year(&thursday)), 7));
            format!(
                "CONCAT({}, '-W', {})",
                padded(engine, &format!("CAST(EXTRACT(YEAR FROM {thursday}) AS BIGINT)"), 4),
                padded(engine, &week, 2)
            )
        }
        Granularity::Month => {
            let year = floor_div(i, 12);
            format!(
                "CONCAT({}, '-', {})",
                padded(engine, &year, 4),
                padded(engine, &format!("{i} - 12 * {year} + 1"), 2)
            )
        }
        Granularity::Quarter => {
            let year = floor_div(i, 4);
            format!(
                "CONCAT({}, '-Q', {})",
                padded(engine, &year, 4),
                engine.text(&format!("CAST({i} - 4 * {year} + 1 AS BIGINT)"))
            )
        }
        Granularity::Year => padded(engine, i, 4),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_week_index_counts_mondays() {
        // Day 4 (1970-01-05) is a Monday: the first day of week index 1. Its Thursday is
        // day 7 = 7 x 1, which the label reads.
        assert_eq!(index(Engine::BigQuery, Granularity::Week, "d"), "CAST(FLOOR((UNIX_DATE(d) + 3) / 7.0) AS BIGINT)");
        assert_eq!((4 + 3) / 7, 1);
        assert_eq!((3 + 3) / 7, 0);
        let monday = crate::calendar::Date::from_ymd(2024, 3, 4).unwrap().0;
        assert_eq!((monday + 3) % 7, 0, "a Monday starts a week index");
    }

    #[test]
    fn labels_are_text_expressions() {
        assert_eq!(label(Engine::DuckDb, Granularity::Year, "ix"), "LPAD(CAST(ix AS VARCHAR), 4, '0')");
        assert!(label(Engine::Postgres, Granularity::Quarter, "ix").contains("'-Q'"));
    }
}
