//! What every generated query starts from: the user's table read as the app reads a
//! transaction log (METRICS.md, "Inputs"; docs/definitions.md, "Common ground").
//!
//! - A row without a customer id (empty after trimming spaces), a date or, when there
//!   is an amount column, an amount is skipped (the app lists it as a row error).
//! - A date with a time of day is that calendar day (`CAST(… AS DATE)`).
//! - Amounts are 64-bit floats, as the app reads them.
//! - A row with amount < 0 is a refund: it counts in revenue, never as a purchase.
//! - A customer's purchase dates are the distinct days with a purchase: several orders
//!   on one day are one purchase, their amounts added up.

use super::dialect::Engine;
use super::names::{self, NameOf};
use super::{Request, SqlError};

/// The user's names, checked and quoted for the engine.
#[derive(Clone, Debug, PartialEq)]
pub struct Source {
    pub engine: Engine,
    pub table: String,
    pub customer: String,
    pub date: String,
    pub amount: Option<String>,
    pub attribute: Option<String>,
}

impl Source {
    pub fn of(req: &Request) -> Result<Source, SqlError> {
        let e = req.engine;
        let optional = |name: &Option<String>, of| name.as_deref().map(|n| names::column(e, n, of)).transpose();
        Ok(Source {
            engine: e,
            table: names::table(e, &req.table)?,
            customer: names::column(e, &req.customer, NameOf::Customer)?,
            date: names::column(e, &req.date, NameOf::Date)?,
            amount: optional(&req.amount, NameOf::Amount)?,
            attribute: optional(&req.attribute, NameOf::Attribute)?,
        })
    }

    /// `WITH` and the CTEs `usable` (cust, buy_day[, amt][, attr]) and `purchase_days`
    /// (cust, buy_day[, amt]), each followed by a comma: the caller's CTEs come next.
    /// The attribute is read only when `attribute` says so.
    pub fn ctes(&self, attribute: bool) -> String {
        let e = self.engine;
        let id = format!("TRIM({})", e.text(&self.customer));
        let mut columns = vec![format!("{id} AS cust"), format!("{} AS buy_day", e.date(&self.date))];
        let mut required = vec![self.customer.clone(), self.date.clone()];
        if let Some(amount) = &self.amount {
            columns.push(format!("{} AS amt", e.double(amount)));
            required.push(amount.clone());
        }
        if let (true, Some(attr)) = (attribute, &self.attribute) {
            columns.push(format!("COALESCE(TRIM({}), '') AS attr", e.text(attr)));
        }
        let not_null: Vec<String> = required.iter().map(|c| format!("{c} IS NOT NULL")).collect();
        let mut out = String::from("WITH\n");
        out.push_str(
            "-- The usable rows: a row without a customer id, a date or an amount is skipped, as the app\n\
             -- skips it. A time of day is dropped; amounts are 64-bit floats.\n",
        );
        out.push_str(&format!(
            "usable AS (\n  SELECT\n    {}\n  FROM {}\n  WHERE {}\n    AND {id} <> ''\n),\n",
            columns.join(",\n    "),
            self.table,
            not_null.join(" AND "),
        ));
        if self.amount.is_some() {
            out.push_str(
                "-- One row per customer and purchase date (amount >= 0; a refund is no purchase):\n\
                 -- several orders on one day are one purchase, their amounts added up.\n\
                 purchase_days AS (\n  SELECT cust, buy_day, SUM(amt) AS amt\n  FROM usable\n  WHERE amt >= 0\n  \
                 GROUP BY cust, buy_day\n),\n",
            );
        } else {
            out.push_str(
                "-- One row per customer and purchase date (without amounts every row is a purchase):\n\
                 -- several orders on one day are one purchase.\n\
                 purchase_days AS (\n  SELECT cust, buy_day\n  FROM usable\n  GROUP BY cust, buy_day\n),\n",
            );
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sql::Output;

    fn source(engine: Engine, amount: Option<&str>) -> Source {
        let req = Request {
            amount: amount.map(String::from),
            attribute: Some("kanaal".into()),
            ..Request::new(engine, "shop.orders", "klant", "datum", Output::Summary)
        };
        Source::of(&req).unwrap()
    }

    #[test]
    fn rows_without_an_id_a_date_or_an_amount_are_left_out() {
        let text = source(Engine::Postgres, Some("bedrag")).ctes(true);
        assert!(text.starts_with("WITH\n"));
        assert!(text.contains(
            "  WHERE \"klant\" IS NOT NULL AND \"datum\" IS NOT NULL AND \"bedrag\" IS NOT NULL\n    \
             AND TRIM(CAST(\"klant\" AS TEXT)) <> ''\n"
        ));
        assert!(text.contains("CAST(\"bedrag\" AS DOUBLE PRECISION) AS amt"));
        assert!(text.contains("COALESCE(TRIM(CAST(\"kanaal\" AS TEXT)), '') AS attr"));
        // Refunds are no purchase; the day's purchase amounts are added up.
        assert!(text.contains("SELECT cust, buy_day, SUM(amt) AS amt\n  FROM usable\n  WHERE amt >= 0\n"));
        assert!(text.ends_with("),\n"));
    }

    #[test]
    fn without_amounts_every_row_is_a_purchase_and_the_attribute_only_when_asked() {
        let text = source(Engine::Spark, None).ctes(false);
        assert!(!text.contains("amt") && !text.contains("attr"), "{text}");
        assert!(text.contains("WHERE `klant` IS NOT NULL AND `datum` IS NOT NULL\n"));
        assert!(text.contains("SELECT cust, buy_day\n  FROM usable\n  GROUP BY cust, buy_day\n"));
    }
}
