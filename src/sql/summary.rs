//! The customer summary (METRICS.md, "Calibration and holdout"; the `lifetimes`
//! layout the app reads as a customer summary), one row per customer with a purchase
//! on or before the calibration end c (default: the last purchase date in the table;
//! a later c is that date, as in `metrics::calibration`):
//!
//! | column | definition |
//! |---|---|
//! | customer_id | the id (trimmed) |
//! | frequency | x: purchase dates on or before c after the first |
//! | recency | t_x: (last − first purchase date on or before c) in the time unit |
//! | T | (c − first purchase date) in the time unit |
//! | monetary_value | mean over the repeat purchase dates of that date's summed purchase amounts (refunds excluded); 0 when x = 0, as `lifetimes` writes it (the app ignores it then) |
//! | first_purchase, last_purchase | the first and last purchase date on or before c |
//! | revenue | all the customer's amounts, refunds included, on any date: RFM's M |
//! | the attribute | its value on the customer's earliest row (purchase or refund; on a tie of days the smallest value), trimmed; "" when empty |
//!
//! Days are divided by the unit's length in days (1, 7 or 30.4375) as 64-bit floats,
//! as the app divides them. Without an amount column there is no monetary_value and
//! no revenue. RFM's frequency is x + 1 and its recency, in days, is (the last
//! purchase date in the table + 1) − last_purchase.

use super::dialect::Engine;
use super::names::quote;
use super::source::Source;
use super::Request;

/// The output columns, in order.
pub fn columns(req: &Request) -> Vec<String> {
    let mut out: Vec<String> = ["customer_id", "frequency", "recency", "T"].map(String::from).to_vec();
    if req.amount.is_some() {
        out.push("monetary_value".into());
    }
    out.extend(["first_purchase".into(), "last_purchase".into()]);
    if req.amount.is_some() {
        out.push("revenue".into());
    }
    out.extend(req.attribute.clone());
    out
}

/// Days as a float in the unit: `days / unit`, both 64-bit floats.
fn in_unit(engine: Engine, days: &str, unit_days: f64) -> String {
    format!("{} / {}", engine.double(days), engine.double(&format!("{unit_days}")))
}

pub fn sql(req: &Request, source: &Source) -> String {
    let e = source.engine;
    let amounts = source.amount.is_some();
    let attribute = source.attribute.is_some();
    let mut out = source.ctes(true);
    let end = match req.calibration_end {
        Some(c) => format!("LEAST(DATE '{c}', MAX(buy_day))"),
        None => "MAX(buy_day)".to_string(),
    };
    out.push_str(&format!(
        "-- c, the calibration end: the last purchase date{}.\n\
         calibration AS (\n  SELECT {end} AS cal_end\n  FROM purchase_days\n),\n",
        if req.calibration_end.is_some() { ", or the date asked for if it is earlier" } else { "" }
    ));
    let amt = if amounts { ", p.amt" } else { "" };
    out.push_str(&format!(
        "-- The purchase dates on or before c, each with the customer's first.\n\
         history AS (\n  SELECT p.cust, p.buy_day{amt}, c.cal_end,\n    \
         MIN(p.buy_day) OVER (PARTITION BY p.cust) AS first_day\n  \
         FROM purchase_days p CROSS JOIN calibration c\n  WHERE p.buy_day <= c.cal_end\n),\n"
    ));
    let repeat = if amounts { ",\n    SUM(CASE WHEN buy_day > first_day THEN amt END) AS repeat_amt" } else { "" };
    out.push_str(&format!(
        "per_customer AS (\n  SELECT cust, COUNT(*) - 1 AS x, MIN(buy_day) AS first_day, MAX(buy_day) AS last_day,\n    \
         MAX(cal_end) AS cal_end{repeat}\n  FROM history\n  GROUP BY cust\n)"
    ));
    if amounts {
        out.push_str(
            ",\n-- Revenue: every amount, refunds included, on any date.\n\
             revenue AS (\n  SELECT cust, SUM(amt) AS revenue\n  FROM usable\n  GROUP BY cust\n)",
        );
    }
    if attribute {
        out.push_str(
            ",\n-- The attribute on the customer's earliest row (a tie of days: the smallest value).\n\
             attribute AS (\n  SELECT cust, attr\n  FROM (\n    SELECT cust, attr,\n      \
             ROW_NUMBER() OVER (PARTITION BY cust ORDER BY buy_day, attr) AS nth\n    FROM usable\n  ) AS ranked\n  \
             WHERE nth = 1\n)",
        );
    }
    let unit = req.time_unit.days();
    let names = columns(req);
    let q = |i: usize| quote(e, &names[i]);
    let mut select = vec![
        format!("h.cust AS {}", q(0)),
        format!("h.x AS {}", q(1)),
        format!(
            "{} AS {}",
            in_unit(e, &format!("{} - {}", e.day_number("h.last_day"), e.day_number("h.first_day")), unit),
            q(2)
        ),
        format!(
            "{} AS {}",
            in_unit(e, &format!("{} - {}", e.day_number("h.cal_end"), e.day_number("h.first_day")), unit),
            q(3)
        ),
    ];
    let mut next = 4;
    if amounts {
        select.push(format!(
            "CASE WHEN h.x > 0 THEN h.repeat_amt / {} ELSE {} END AS {}",
            e.double("h.x"),
            e.double("0"),
            q(next)
        ));
        next += 1;
    }
    select.push(format!("h.first_day AS {}", q(next)));
    select.push(format!("h.last_day AS {}", q(next + 1)));
    next += 2;
    let mut joins = String::new();
    if amounts {
        select.push(format!("r.revenue AS {}", q(next)));
        next += 1;
        joins.push_str("\nJOIN revenue r ON r.cust = h.cust");
    }
    if attribute {
        select.push(format!("a.attr AS {}", q(next)));
        joins.push_str("\nJOIN attribute a ON a.cust = h.cust");
    }
    out.push_str(&format!("\nSELECT\n  {}\nFROM per_customer h{joins}\nORDER BY h.cust\n", select.join(",\n  ")));
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::calendar::{Date, TimeUnit};
    use crate::sql::Output;

    fn request() -> Request {
        Request::new(Engine::Snowflake, "orders", "customer_id", "order_date", Output::Summary)
    }

    #[test]
    fn columns_follow_the_amount_and_the_attribute() {
        assert_eq!(
            columns(&request()),
            ["customer_id", "frequency", "recency", "T", "first_purchase", "last_purchase"]
        );
        let full = Request { amount: Some("a".into()), attribute: Some("regio".into()), ..request() };
        assert_eq!(columns(&full)[4], "monetary_value");
        assert_eq!(columns(&full)[7..], ["revenue", "regio"]);
    }

    #[test]
    fn days_are_divided_by_the_unit_as_floats_and_c_is_at_most_the_last_date() {
        assert_eq!(
            in_unit(Engine::Snowflake, "d", TimeUnit::Month.days()),
            "CAST(d AS DOUBLE) / CAST(30.4375 AS DOUBLE)"
        );
        assert_eq!(in_unit(Engine::BigQuery, "d", TimeUnit::Week.days()), "CAST(d AS FLOAT64) / CAST(7 AS FLOAT64)");
        let req = Request { calibration_end: Date::from_ymd(2024, 6, 30), ..request() };
        let text = sql(&req, &Source::of(&req).unwrap());
        assert!(text.contains("SELECT LEAST(DATE '2024-06-30', MAX(buy_day)) AS cal_end"));
        assert!(text.contains("WHERE p.buy_day <= c.cal_end"));
        // Without amounts: no monetary value, no revenue.
        assert!(!text.contains("repeat_amt") && !text.contains("revenue"));
    }
}
