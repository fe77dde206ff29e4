//! What the models are fitted to: one row per customer (or per group of identical
//! customers, with their number as the weight), in the chosen time unit.

/// A customer in Fader and Hardie's notation (the `lifetimes` layout: frequency = x,
/// recency = t_x, T = t).
#[derive(Clone, Copy, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Customer {
    /// Repeat purchases (purchase dates after the first).
    pub x: f64,
    /// Time from the first to the last purchase.
    pub t_x: f64,
    /// Time from the first purchase to the end of calibration.
    pub t: f64,
    /// How many customers this row stands for.
    pub weight: f64,
}

/// A fitted model of purchase counts (BG/NBD, MBG/NBD, Pareto/NBD).
pub trait CountModel {
    /// P(alive at t) for a customer with history (x, t_x, t).
    fn p_alive(&self, x: f64, t_x: f64, t: f64) -> f64;
    /// Expected purchases in (t, t + h] for a customer with history (x, t_x, t).
    fn conditional_expected(&self, h: f64, x: f64, t_x: f64, t: f64) -> f64;
    /// Expected purchases in (0, t] of a customer just acquired at 0 (E[X(t)]).
    fn expected(&self, t: f64) -> f64;
}

/// Merges customers with bit-identical (x, t_x, t) into one row whose weight is their
/// summed weight, in ascending (x, t_x, t) order (`f64::total_cmp`). Rows whose weight
/// is not positive and finite are dropped. With day-resolution data this turns a
/// million customers into some tens of thousands of rows.
pub fn compress(customers: impl IntoIterator<Item = Customer>) -> Vec<Customer> {
    let mut all: Vec<Customer> = customers.into_iter().filter(|c| c.weight.is_finite() && c.weight > 0.0).collect();
    let key = |c: &Customer| (c.x.to_bits(), c.t_x.to_bits(), c.t.to_bits());
    all.sort_unstable_by(|p, q| p.x.total_cmp(&q.x).then(p.t_x.total_cmp(&q.t_x)).then(p.t.total_cmp(&q.t)));
    let mut out: Vec<Customer> = Vec::with_capacity(all.len() / 4 + 1);
    for c in all {
        match out.last_mut() {
            Some(last) if key(last) == key(&c) => last.weight += c.weight,
            _ => out.push(c),
        }
    }
    out
}

/// Above twice this many distinct histories, a fit runs on a subsample of this many
/// first ([`Indexed::subsample`], [`super::optimise::maximise_coarse_to_fine`]).
pub const COARSE_ROWS: usize = 5_000;

/// One row of [`Indexed`]: indices into its distinct values, and the row's weight.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Row {
    pub x: u32,
    pub t_x: u32,
    pub t: u32,
    pub weight: f64,
}

/// Customers prepared for a likelihood: compressed, with the distinct values of x, t_x
/// and t listed once, so that every term depending on only one of them (ln Γ(r + x),
/// ln(α + T), …) is computed once per distinct value rather than once per row.
#[derive(Clone, Debug, PartialEq)]
pub struct Indexed {
    pub xs: Vec<f64>,
    pub t_xs: Vec<f64>,
    pub ts: Vec<f64>,
    /// Summed weight of the rows with each distinct x.
    pub x_weight: Vec<f64>,
    pub rows: Vec<Row>,
    pub total_weight: f64,
}

impl Indexed {
    /// Indexes valid customers (finite, x ≥ 0, 0 ≤ t_x ≤ t, weight > 0); others are
    /// skipped.
    pub fn new(customers: &[Customer]) -> Indexed {
        let valid = customers.iter().copied().filter(|c| {
            c.x.is_finite() && c.t.is_finite() && c.t_x.is_finite() && c.x >= 0.0 && c.t_x >= 0.0 && c.t_x <= c.t
        });
        let rows = compress(valid);
        let distinct = |f: &dyn Fn(&Customer) -> f64| {
            let mut v: Vec<f64> = rows.iter().map(f).collect();
            v.sort_unstable_by(f64::total_cmp);
            v.dedup_by(|a, b| a.to_bits() == b.to_bits());
            v
        };
        let xs = distinct(&|c| c.x);
        let t_xs = distinct(&|c| c.t_x);
        let ts = distinct(&|c| c.t);
        let find = |v: &[f64], x: f64| v.binary_search_by(|p| p.total_cmp(&x)).expect("listed") as u32;
        let mut x_weight = vec![0.0; xs.len()];
        let mut total_weight = 0.0;
        let rows = rows
            .iter()
            .map(|c| {
                let row = Row { x: find(&xs, c.x), t_x: find(&t_xs, c.t_x), t: find(&ts, c.t), weight: c.weight };
                x_weight[row.x as usize] += c.weight;
                total_weight += c.weight;
                row
            })
            .collect();
        Indexed { xs, t_xs, ts, x_weight, rows, total_weight }
    }

    /// A systematic sample of at most about `max_rows` rows (every k-th row of the
    /// (x, t_x, t) order, so every range of x is represented), each weighted k times,
    /// so that the sample's log-likelihood estimates the whole one without bias: the
    /// coarse stand-in of [`super::optimise::maximise_coarse_to_fine`]. `None` when there
    /// are not more than `2 · max_rows` rows (the whole is cheap enough).
    pub fn subsample(&self, max_rows: usize) -> Option<Indexed> {
        if max_rows == 0 || self.rows.len() <= 2 * max_rows {
            return None;
        }
        let k = self.rows.len().div_ceil(max_rows);
        let mut x_weight = vec![0.0; self.xs.len()];
        let mut total_weight = 0.0;
        let rows: Vec<Row> = self
            .rows
            .iter()
            .skip(k / 2)
            .step_by(k)
            .map(|r| {
                let weight = r.weight * k as f64;
                x_weight[r.x as usize] += weight;
                total_weight += weight;
                Row { weight, ..*r }
            })
            .collect();
        Some(Indexed {
            xs: self.xs.clone(),
            t_xs: self.t_xs.clone(),
            ts: self.ts.clone(),
            x_weight,
            rows,
            total_weight,
        })
    }

    /// Weight of the customers with at least one repeat purchase.
    pub fn repeat_weight(&self) -> f64 {
        self.xs.iter().zip(&self.x_weight).filter(|(x, _)| **x > 0.0).map(|(_, w)| w).sum()
    }

    /// Σ w·x / Σ w·t: the mean purchase rate, for starting points.
    pub fn purchase_rate(&self) -> f64 {
        let (mut wx, mut wt) = (0.0, 0.0);
        for r in &self.rows {
            wx += r.weight * self.xs[r.x as usize];
            wt += r.weight * self.ts[r.t as usize];
        }
        if wt > 0.0 {
            wx / wt
        } else {
            0.0
        }
    }

    /// Σ w·t / Σ w: the mean observation time.
    pub fn mean_t(&self) -> f64 {
        let wt: f64 = self.rows.iter().map(|r| r.weight * self.ts[r.t as usize]).sum();
        wt / self.total_weight.max(f64::MIN_POSITIVE)
    }

    /// Checks there is something to fit: at least `needed` customers, some of them
    /// with repeat purchases.
    pub fn check(&self, needed: usize) -> Result<(), super::optimise::FitError> {
        let got = self.total_weight.round() as usize;
        if got < needed {
            return Err(super::optimise::FitError::NotEnoughData { needed, got });
        }
        if self.repeat_weight() <= 0.0 {
            return Err(super::optimise::FitError::NotEnoughData { needed: 1, got: 0 });
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn c(x: f64, t_x: f64, t: f64, weight: f64) -> Customer {
        Customer { x, t_x, t, weight }
    }

    #[test]
    fn compress_merges_identical_rows_in_order() {
        let out = compress(vec![
            c(2.0, 5.0, 10.0, 1.0),
            c(0.0, 0.0, 10.0, 1.0),
            c(2.0, 5.0, 10.0, 2.5),
            c(0.0, 0.0, 7.0, 1.0),
            c(0.0, 0.0, 10.0, 1.0),
            c(2.0, 5.0, 10.000000000000002, 1.0),
            c(1.0, 1.0, 1.0, 0.0),
        ]);
        assert_eq!(
            out,
            vec![
                c(0.0, 0.0, 7.0, 1.0),
                c(0.0, 0.0, 10.0, 2.0),
                c(2.0, 5.0, 10.0, 3.5),
                c(2.0, 5.0, 10.000000000000002, 1.0),
            ]
        );
        assert!(compress(Vec::new()).is_empty());
    }

    #[test]
    fn indexed_lists_distinct_values_once() {
        let ix = Indexed::new(&[
            c(2.0, 5.0, 10.0, 1.0),
            c(0.0, 0.0, 10.0, 3.0),
            c(2.0, 6.0, 10.0, 1.0),
            c(1.0, 12.0, 10.0, 1.0), // t_x > t: skipped
        ]);
        assert_eq!(ix.xs, vec![0.0, 2.0]);
        assert_eq!(ix.t_xs, vec![0.0, 5.0, 6.0]);
        assert_eq!(ix.ts, vec![10.0]);
        assert_eq!(ix.x_weight, vec![3.0, 2.0]);
        assert_eq!(ix.rows.len(), 3);
        assert_eq!(ix.total_weight, 5.0);
        assert_eq!(ix.repeat_weight(), 2.0);
        assert!((ix.purchase_rate() - 4.0 / 50.0).abs() < 1e-15);
        assert!(ix.check(4).is_ok());
        assert!(ix.check(6).is_err());
    }
}
