//! The customer base per period (METRICS.md, "The customer base over time"), as
//! `metrics::base` computes it, for a granularity and window W:
//!
//! A purchase date d puts its customer in the base at the boundaries b (the periods'
//! first days) with d < b <= d + W, i.e. at the boundary indices index(d) + 1 to
//! index(d + W) (`periods`). A customer's dates in order make *spells*: runs of
//! boundaries that touch or overlap are one spell (gaps and islands, with `LAG` and a
//! running `SUM`). A spell over boundaries lo..hi means: joined in period lo − 1 (new
//! when the customer's first purchase is in that period, else reactivated), in the
//! base at boundaries lo..hi, churned in period hi. So, per boundary i:
//!
//! - in the base: Σ over boundaries up to i of (spells starting there − spells that
//!   ended at the one before), a running sum;
//! - per period p: S = in the base at boundary p, E = at p + 1, N (joined) = spells
//!   starting at p + 1, churned = spells ending at p, acquired = first purchases in p.
//!
//! Periods run from the one holding the first purchase to the one holding the last,
//! empty ones included. No customer × period table is built: the work is a sort of the
//! purchase dates per customer and joins on the period number, which scales to a
//! warehouse's hundreds of millions of orders. (The app leaves out the per-period
//! figures above 1,000 periods; this query does not.)

use super::names::quote;
use super::periods::{index, label};
use super::source::Source;
use super::Request;

/// The output columns, in order. `S`, `E` and `N` are the period-counts file's
/// names, which the app's detection reads as S, E and N (`joined` would not be).
pub const COLUMNS: [&str; 10] =
    ["period", "S", "E", "N", "churned", "new_customers", "reactivated", "acquired", "crr", "churn_rate"];

pub fn sql(req: &Request, source: &Source) -> String {
    let e = source.engine;
    let g = req.granularity;
    let w = req.window_days;
    let mut out = source.ctes(false);
    out.push_str(&format!(
        "-- Each purchase date d is in period pix; it puts the customer in the base at the period\n\
         -- boundaries lo_ix..hi_ix, those after d and at most W = {w} days after it.\n\
         reach AS (\n  SELECT cust, buy_day, pix, pix + 1 AS lo_ix, hi_ix\n  FROM (\n    SELECT cust, buy_day,\n      \
         {pix} AS pix,\n      {hi} AS hi_ix\n    FROM purchase_days\n  ) AS placed\n),\n",
        pix = index(e, g, "buy_day"),
        hi = index(e, g, &e.add_days("buy_day", w)),
    ));
    out.push_str(
        "-- Runs of boundaries that touch or overlap are one spell in the base.\n\
         marked AS (\n  SELECT cust, buy_day, lo_ix, hi_ix,\n    \
         CASE WHEN lo_ix <= LAG(hi_ix) OVER (PARTITION BY cust ORDER BY buy_day) + 1 THEN 0 ELSE 1 END AS opens\n  \
         FROM reach\n  WHERE hi_ix >= lo_ix\n),\n\
         numbered AS (\n  SELECT cust, lo_ix, hi_ix,\n    \
         SUM(opens) OVER (PARTITION BY cust ORDER BY buy_day ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) AS spell\n  \
         FROM marked\n),\n\
         spells AS (\n  SELECT cust, MIN(lo_ix) AS lo_ix, MAX(hi_ix) AS hi_ix\n  FROM numbered\n  GROUP BY cust, spell\n),\n\
         firsts AS (\n  SELECT cust, MIN(pix) AS first_ix\n  FROM reach\n  GROUP BY cust\n),\n\
         -- The periods p0..pn from the first purchase to the last; boundaries p0..pn + 1.\n\
         bounds AS (\n  SELECT MIN(pix) AS p0, MAX(pix) AS pn\n  FROM reach\n),\n",
    );
    out.push_str(&format!("boundaries AS (\n  {}\n),\n", e.series("bounds", "p0", "pn + 1", "ix")));
    out.push_str(
        "joins AS (\n  SELECT s.lo_ix AS ix, COUNT(*) AS n,\n    \
         SUM(CASE WHEN f.first_ix = s.lo_ix - 1 THEN 1 ELSE 0 END) AS n_new\n  \
         FROM spells s JOIN firsts f ON f.cust = s.cust\n  GROUP BY s.lo_ix\n),\n\
         leaves AS (\n  SELECT hi_ix + 1 AS ix, COUNT(*) AS n\n  FROM spells\n  GROUP BY hi_ix + 1\n),\n\
         acquisitions AS (\n  SELECT first_ix AS ix, COUNT(*) AS n\n  FROM firsts\n  GROUP BY first_ix\n),\n\
         flows AS (\n  SELECT b.ix, COALESCE(j.n, 0) AS joins, COALESCE(j.n_new, 0) AS joins_new,\n    \
         COALESCE(l.n, 0) AS leaves, COALESCE(a.n, 0) AS acquired\n  \
         FROM boundaries b\n  LEFT JOIN joins j ON j.ix = b.ix\n  LEFT JOIN leaves l ON l.ix = b.ix\n  \
         LEFT JOIN acquisitions a ON a.ix = b.ix\n),\n\
         -- In the base at each boundary: a running sum of spells begun less spells ended.\n\
         at_boundaries AS (\n  SELECT ix, joins, joins_new, leaves, acquired,\n    \
         SUM(joins - leaves) OVER (ORDER BY ix ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) AS in_base\n  \
         FROM flows\n),\n\
         -- Period p runs from boundary p to boundary p + 1.\n\
         per_period AS (\n  SELECT ix, in_base AS s, acquired,\n    \
         LEAD(in_base) OVER (ORDER BY ix) AS e,\n    LEAD(joins) OVER (ORDER BY ix) AS n,\n    \
         LEAD(joins_new) OVER (ORDER BY ix) AS n_new,\n    LEAD(leaves) OVER (ORDER BY ix) AS churned\n  \
         FROM at_boundaries\n)\n",
    );
    let q = |i: usize| quote(e, COLUMNS[i]);
    let crr = format!("{} / {} * 100", e.double("p.e - p.n"), e.double("p.s"));
    let select = [
        format!("{} AS {}", label(e, g, "p.ix"), q(0)),
        format!("CAST(p.s AS BIGINT) AS {}", q(1)),
        format!("CAST(p.e AS BIGINT) AS {}", q(2)),
        format!("CAST(p.n AS BIGINT) AS {}", q(3)),
        format!("CAST(p.churned AS BIGINT) AS {}", q(4)),
        format!("CAST(p.n_new AS BIGINT) AS {}", q(5)),
        format!("CAST(p.n - p.n_new AS BIGINT) AS {}", q(6)),
        format!("CAST(p.acquired AS BIGINT) AS {}", q(7)),
        format!("CASE WHEN p.s > 0 THEN {crr} END AS {}", q(8)),
        format!("CASE WHEN p.s > 0 THEN 100 - {crr} END AS {}", q(9)),
    ];
    out.push_str(&format!(
        "SELECT\n  {}\nFROM per_period p CROSS JOIN bounds b\nWHERE p.ix <= b.pn\nORDER BY p.ix\n",
        select.join(",\n  ")
    ));
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::calendar::Granularity;
    use crate::sql::{Engine, Output};

    #[test]
    fn the_window_and_the_granularity_reach_the_text() {
        let req = Request {
            granularity: Granularity::Quarter,
            window_days: 45,
            ..Request::new(Engine::Postgres, "orders", "c", "d", Output::Base)
        };
        let text = sql(&req, &Source::of(&req).unwrap());
        // The boundaries a purchase date reaches end at the quarter holding d + 45.
        assert!(text.contains("EXTRACT(QUARTER FROM (buy_day + 45))"), "{text}");
        assert!(text.contains("'-Q'"));
        // S, E and N as the period-counts file's names, in that order after the period.
        assert_eq!(COLUMNS[..4], ["period", "S", "E", "N"]);
        assert!(text.contains("CAST(p.n AS BIGINT) AS \"N\""));
    }
}
