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
