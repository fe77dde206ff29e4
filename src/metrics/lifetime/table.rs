//! The per-customer table: the page asks for one page of rows at a time (sorted,
//! filtered by a search on the id), so a million customers never travel at once and
//! the page renders only the rows in view. Also its CSV download, and the activation
//! list (likely lapsed, most worth winning back).

use super::predictions::{lapsed, value_at_stake, Predicted};
use crate::metrics::calibration::Calibrated;
use serde::{Deserialize, Serialize};

/// Most rows in one page.
pub const MAX_PAGE_ROWS: usize = 500;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
pub enum SortColumn {
    Customer,
    Purchases,
    Recency,
    Age,
    Monetary,
    PAlive,
    Expected,
    Spend,
    #[default]
    Clv,
    Holdout,
}

impl SortColumn {
    pub const ALL: [SortColumn; 10] = [
        Self::Customer,
        Self::Purchases,
        Self::Recency,
        Self::Age,
        Self::Monetary,
        Self::PAlive,
        Self::Expected,
        Self::Spend,
        Self::Clv,
        Self::Holdout,
    ];
}

#[derive(Clone, Debug, PartialEq, Default, Serialize, Deserialize)]
pub struct TableQuery {
    pub sort: SortColumn,
    pub descending: bool,
    /// Rows whose customer id contains this (case-insensitive); empty: all.
    pub search: String,
    /// Only the activation list (P(alive) < 50%), by value at stake.
    pub lapsed_only: bool,
    pub offset: usize,
    pub limit: usize,
}

/// One row of the table.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CustomerRow {
    pub customer: String,
    pub x: u32,
    pub t_x: f64,
    pub t: f64,
    pub monetary: Option<f64>,
    pub p_alive: f64,
    pub expected: f64,
    pub spend: Option<f64>,
    pub clv: Option<f64>,
    /// CLV if the customer were alive (the activation list's order).
    pub value_at_stake: Option<f64>,
    pub holdout: Option<u32>,
    /// 95% intervals of `expected` and `clv` (filled in for the rows of a page).
    pub expected_interval: Option<(f64, f64)>,
    pub clv_interval: Option<(f64, f64)>,
}

#[derive(Clone, Debug, PartialEq, Default, Serialize, Deserialize)]
pub struct TablePage {
    /// Rows that match the query, all pages together.
    pub matching: usize,
    pub offset: usize,
    pub rows: Vec<CustomerRow>,
}

/// The model's customers with their ids and predictions, and the last order asked for.
pub struct Table<'a> {
    pub customers: &'a [Calibrated],
    pub predictions: &'a Predicted,
    pub id: &'a dyn Fn(u32) -> &'a str,
    pub has_holdout: bool,
}

fn key(t: &Table, i: usize, col: SortColumn) -> f64 {
    let (c, p) = (&t.customers[i], t.predictions.get(i));
    let none = f64::NEG_INFINITY;
    match col {
        SortColumn::Customer => 0.0,
        SortColumn::Purchases => c.x as f64,
        SortColumn::Recency => c.t_x,
        SortColumn::Age => c.t,
        SortColumn::Monetary => c.monetary.unwrap_or(none),
        SortColumn::PAlive => p.p_alive,
        SortColumn::Expected => p.expected,
        SortColumn::Spend => p.spend.unwrap_or(none),
        SortColumn::Clv => p.clv.unwrap_or(none),
        SortColumn::Holdout => c.holdout as f64,
    }
}

impl<'a> Table<'a> {
    /// The table of a calibration's customers and their predictions.
    pub fn of(
        calibration: &'a crate::metrics::calibration::Calibration,
        predictions: &'a Predicted,
        id: &'a dyn Fn(u32) -> &'a str,
    ) -> Table<'a> {
        Table { customers: &calibration.customers, predictions, id, has_holdout: calibration.holdout.is_some() }
    }
}

impl Table<'_> {
    /// Row indices in the order of `query` (ties by customer order), the activation
    /// list by value at stake, descending.
    pub fn order(&self, sort: SortColumn, descending: bool, lapsed_only: bool) -> Vec<u32> {
        let mut rows: Vec<u32> = (0..self.customers.len() as u32)
            .filter(|&i| !lapsed_only || lapsed(&self.predictions.get(i as usize)))
            .collect();
        if lapsed_only {
            let stake = |i: u32| value_at_stake(&self.predictions.get(i as usize)).unwrap_or(f64::NEG_INFINITY);
            rows.sort_by(|&a, &b| stake(b).total_cmp(&stake(a)).then(a.cmp(&b)));
        } else if sort == SortColumn::Customer {
            rows.sort_by(|&a, &b| {
                (self.id)(self.customers[a as usize].index).cmp((self.id)(self.customers[b as usize].index))
            });
            if descending {
                rows.reverse();
            }
        } else {
            rows.sort_by(|&a, &b| {
                let o = key(self, a as usize, sort).total_cmp(&key(self, b as usize, sort));
                (if descending { o.reverse() } else { o }).then(a.cmp(&b))
            });
        }
        rows
    }

    pub fn row(&self, i: u32) -> CustomerRow {
        let (c, p) = (&self.customers[i as usize], &self.predictions.get(i as usize));
        CustomerRow {
            customer: (self.id)(c.index).to_string(),
            x: c.x,
            t_x: c.t_x,
            t: c.t,
            monetary: c.monetary,
            p_alive: p.p_alive,
            expected: p.expected,
            spend: p.spend,
            clv: p.clv,
            value_at_stake: value_at_stake(p),
            holdout: self.has_holdout.then_some(c.holdout),
            expected_interval: None,
            clv_interval: None,
        }
    }

    /// The rows of one page of `order` (the rows of a sort) for `query`'s search,
    /// offset and limit, and how many rows match in all.
    pub fn page_rows(&self, order: &[u32], query: &TableQuery) -> (usize, Vec<u32>) {
        let needle = query.search.trim().to_lowercase();
        let limit = query.limit.min(MAX_PAGE_ROWS);
        if needle.is_empty() {
            return (order.len(), order.iter().skip(query.offset).take(limit).copied().collect());
        }
        let id_matches = |i: &&u32| (self.id)(self.customers[**i as usize].index).to_lowercase().contains(&needle);
        let found: Vec<u32> = order.iter().filter(id_matches).copied().collect();
        (found.len(), found.into_iter().skip(query.offset).take(limit).collect())
    }

    /// One page of `order` for `query`.
    pub fn page(&self, order: &[u32], query: &TableQuery) -> TablePage {
        let (matching, rows) = self.page_rows(order, query);
        TablePage { matching, offset: query.offset, rows: rows.into_iter().map(|i| self.row(i)).collect() }
    }
}

/// Every row of `order` matching `search` as CSV (keys as column names, full precision).
pub fn csv(table: &Table, order: &[u32], search: &str) -> String {
    use crate::metrics::keys;
    let needle = search.trim().to_lowercase();
    let opt = |v: Option<f64>| v.map(|v| v.to_string()).unwrap_or_default();
    let mut out = format!(
        "customer_id,frequency,recency,T,monetary_value,{},{},{},{},value_at_stake,holdout_purchases\r\n",
        keys::P_ALIVE,
        keys::EXPECTED_PURCHASES,
        keys::EXPECTED_SPEND,
        keys::CLV
    );
    for &i in order {
        let id = (table.id)(table.customers[i as usize].index);
        if !needle.is_empty() && !id.to_lowercase().contains(&needle) {
            continue;
        }
        let r = table.row(i);
        out.push_str(&format!(
            "{},{},{},{},{},{},{},{},{},{},{}\r\n",
            crate::metrics::csv_field(&r.customer),
            r.x,
            r.t_x,
            r.t,
            opt(r.monetary),
            r.p_alive,
            r.expected,
            opt(r.spend),
            opt(r.clv),
            opt(r.value_at_stake),
            r.holdout.map(|h| h.to_string()).unwrap_or_default()
        ));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn customer(index: u32, x: u32) -> Calibrated {
        Calibrated { index, x, t_x: x as f64, t: 10.0, monetary: None, holdout: 0 }
    }

    fn prediction(p_alive: f64, clv: f64) -> super::super::predictions::Prediction {
        super::super::predictions::Prediction { p_alive, expected: 1.0, spend: Some(1.0), clv: Some(clv) }
    }

    #[test]
    fn sorted_searched_paged_and_the_activation_list() {
        let ids = ["K-3", "K-1", "X-2", "K-10"];
        let id = |i: u32| ids[i as usize];
        let customers = [customer(0, 1), customer(1, 5), customer(2, 3), customer(3, 0)];
        let predictions = Predicted::of_customers(&[
            prediction(0.9, 30.0),
            prediction(0.2, 10.0),
            prediction(0.4, 16.0),
            prediction(0.1, 1.0),
        ]);
        let t = Table { customers: &customers, predictions: &predictions, id: &id, has_holdout: false };
        let by_clv = t.order(SortColumn::Clv, true, false);
        assert_eq!(by_clv, vec![0, 2, 1, 3]);
        assert_eq!(t.order(SortColumn::Customer, false, false), vec![1, 3, 0, 2], "K-1, K-10, K-3, X-2");
        let q = TableQuery { search: "k-".into(), offset: 1, limit: 1, ..TableQuery::default() };
        let page = t.page(&by_clv, &q);
        assert_eq!((page.matching, page.rows.len(), page.rows[0].customer.as_str()), (3, 1, "K-1"));
        // Lapsed (P(alive) < 0.5) by CLV / P(alive): X-2 16/0.4 = 40, K-1 10/0.2 = 50, K-10 1/0.1 = 10.
        assert_eq!(t.order(SortColumn::Clv, true, true), vec![1, 2, 3]);
        assert_eq!(t.row(1).value_at_stake, Some(50.0));
        assert_eq!(t.row(1).holdout, None);
    }
}
