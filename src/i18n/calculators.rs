//! What the calculators say, and how a language writes numbers: one table per language
//! (`CALCULATORS` in each language's file) apart from the page's [`super::Texts`], which
//! points to it (`Texts::calc`). The embeddable widget (`embed.html`) uses only this
//! table, so its Wasm carries only these texts (its size budget, BENCHMARKS.md).

use crate::retention::CountsProblem;

pub struct CalculatorTexts {
    /// How numbers are written: the thousands separator and the decimal mark.
    pub thousands_separator: char,
    pub decimal_mark: char,
    /// How an amount is written: the currency sign before the number (or after it), with
    /// a (no-break) space between them or not.
    pub currency_first: bool,
    pub currency_space: bool,
    pub no_figure: &'static str,
    pub crr_name: &'static str,
    pub churn_name: &'static str,
    pub formula_crr: &'static str,
    pub formula_churn: &'static str,
    pub label_s: &'static str,
    pub label_e: &'static str,
    pub label_n: &'static str,
    pub manual_heading: &'static str,
    pub manual_intro: &'static str,
    pub manual_enter: &'static str,
    pub manual_not_a_number: &'static str,
    pub manual_not_whole: &'static str,
    pub manual_problem: fn(CountsProblem) -> &'static str,
    pub how_computed: &'static str,
    /// The embedded widget: its foot line, and an unknown `?calculator=`.
    pub embed_foot: &'static str,
    pub embed_unknown: fn(asked: &str) -> String,
    /// The cost calculator without a file: its title, intro and six fields.
    pub calc_title: &'static str,
    pub calc_intro: &'static str,
    pub calc_acquisition: &'static str,
    pub calc_new: &'static str,
    pub calc_retention: &'static str,
    pub calc_retained: &'static str,
    pub calc_clv: &'static str,
    pub calc_monthly: &'static str,
    pub fig_cac: &'static str,
    pub fig_cost_per_retained: &'static str,
    pub fig_cost_ratio: &'static str,
    pub fig_ltv_cac: &'static str,
    pub fig_payback: &'static str,
    pub claim_cost_ratio: &'static str,
    pub calculators_title: &'static str,
    pub simple_title: &'static str,
    pub simple_revenue: &'static str,
    pub simple_margin: &'static str,
    pub simple_retention: &'static str,
    pub simple_discount: &'static str,
    pub simple_result: &'static str,
    pub simple_measured: fn(window_days: i32, earlier: &str, retained: &str) -> String,
    pub simple_not_measured: &'static str,
    pub simple_undefined: &'static str,
    pub simple_explain: &'static str,
    pub simple_reset: &'static str,
}
