//! The cohort table (METRICS.md, "Cohorts"; docs/definitions.md, "Cohorts
//! (additions)"), as `metrics::cohorts` computes it and the page's cohorts CSV
//! writes it: per cohort c (the period of a customer's first purchase) with customers,
//! and every offset k from 0 to the last period of the table:
//!
//! | column | definition |
//! |---|---|
//! | cohort | c's label |
//! | offset | k |
//! | cohort_size | customers whose first purchase is in c |
//! | cohort_active | of them, customers with a purchase in period c + k |
//! | cohort_retention | cohort_active / cohort_size × 100 |
//! | cohort_revenue | all their amounts (refunds included, by their own date) dated in c + k |
//! | cohort_revenue_pct | cohort_revenue(k) / cohort_revenue(0) × 100; empty when cohort_revenue(0) is 0 |
//!
//! A refund dated before the customer's first purchase, or after the last period, is
//! in no cell; a customer with refunds only is in no cohort. Without an amount column
//! there are no revenue columns.

use super::names::quote;
use super::periods::{index, label};
use super::source::Source;
use super::Request;

/// The output columns, in order (the page's cohorts CSV has the same).
pub fn columns(req: &Request) -> Vec<&'static str> {
    let mut out = vec!["cohort", "offset", "cohort_size", "cohort_active", "cohort_retention"];
    if req.amount.is_some() {
        out.extend(["cohort_revenue", "cohort_revenue_pct"]);
    }
    out
}

pub fn sql(req: &Request, source: &Source) -> String {
    let e = source.engine;
    let g = req.granularity;
    let amounts = source.amount.is_some();
    let mut out = source.ctes(false);
    let (amt, purchase) = if amounts { (", amt", "CASE WHEN amt >= 0 THEN 1 ELSE 0 END") } else { ("", "1") };
    out.push_str(&format!(
        "-- Every row (purchases and refunds) with its period.\n\
         activity AS (\n  SELECT cust, {pix} AS pix{amt},\n    {purchase} AS is_purchase\n  FROM usable\n),\n\
         -- A customer's cohort: the period of the first purchase.\n\
         firsts AS (\n  SELECT cust, MIN(pix) AS cohort_ix\n  FROM activity\n  WHERE is_purchase = 1\n  GROUP BY cust\n),\n\
         bounds AS (\n  SELECT MIN(pix) AS p0, MAX(pix) AS pn\n  FROM activity\n  WHERE is_purchase = 1\n),\n",
        pix = index(e, g, "buy_day"),
    ));
    let revenue = if amounts { ",\n    SUM(a.amt) AS revenue" } else { "" };
    out.push_str(&format!(
        "cells AS (\n  SELECT f.cohort_ix, a.pix - f.cohort_ix AS k,\n    \
         COUNT(DISTINCT CASE WHEN a.is_purchase = 1 THEN a.cust END) AS active{revenue}\n  \
         FROM activity a\n  JOIN firsts f ON f.cust = a.cust\n  CROSS JOIN bounds b\n  \
         WHERE a.pix >= f.cohort_ix AND a.pix <= b.pn\n  GROUP BY f.cohort_ix, a.pix - f.cohort_ix\n),\n\
         sizes AS (\n  SELECT cohort_ix, COUNT(*) AS members\n  FROM firsts\n  GROUP BY cohort_ix\n),\n"
    ));
    out.push_str(&format!("offsets AS (\n  {}\n),\n", e.series("bounds", "0", "pn - p0", "k")));
    let zero = e.double("0");
    let (revenue, revenue_0) = if amounts {
        (
            format!(",\n    COALESCE(c.revenue, {zero}) AS revenue"),
            ",\n    MAX(CASE WHEN o.k = 0 THEN COALESCE(c.revenue, 0) END) OVER (PARTITION BY s.cohort_ix) AS revenue_0",
        )
    } else {
        (String::new(), "")
    };
    out.push_str(&format!(
        "-- Every cohort with customers, at every offset up to the last period.\n\
         grid AS (\n  SELECT s.cohort_ix, o.k, s.members,\n    COALESCE(c.active, 0) AS active{revenue}{revenue_0}\n  \
         FROM sizes s\n  CROSS JOIN bounds b\n  CROSS JOIN offsets o\n  \
         LEFT JOIN cells c ON c.cohort_ix = s.cohort_ix AND c.k = o.k\n  WHERE o.k <= b.pn - s.cohort_ix\n)\n"
    ));
    let names = columns(req);
    let q = |i: usize| quote(e, names[i]);
    let mut select = vec![
        format!("{} AS {}", label(e, g, "cohort_ix"), q(0)),
        format!("CAST(k AS BIGINT) AS {}", q(1)),
        format!("CAST(members AS BIGINT) AS {}", q(2)),
        format!("CAST(active AS BIGINT) AS {}", q(3)),
        format!("{} / {} * 100 AS {}", e.double("active"), e.double("members"), q(4)),
    ];
    if amounts {
        select.push(format!("revenue AS {}", q(5)));
        select.push(format!("CASE WHEN revenue_0 <> 0 THEN revenue / revenue_0 * 100 END AS {}", q(6)));
    }
    out.push_str(&format!("SELECT\n  {}\nFROM grid\nORDER BY cohort_ix, k\n", select.join(",\n  ")));
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::calendar::Granularity;
    use crate::sql::{Engine, Output};

    #[test]
    fn revenue_only_with_amounts() {
        let req = Request {
            granularity: Granularity::Year,
            ..Request::new(Engine::DuckDb, "orders", "c", "d", Output::Cohorts)
        };
        assert_eq!(columns(&req).len(), 5);
        let text = sql(&req, &Source::of(&req).unwrap());
        assert!(!text.contains("revenue") && text.contains("1 AS is_purchase"), "{text}");
        let with = Request { amount: Some("a".into()), ..req };
        let text = sql(&with, &Source::of(&with).unwrap());
        assert!(text.contains("CASE WHEN revenue_0 <> 0 THEN revenue / revenue_0 * 100 END AS \"cohort_revenue_pct\""));
        // "offset" is a reserved word in several engines: always quoted.
        assert!(text.contains("AS \"offset\""));
    }
}
