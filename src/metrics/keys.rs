//! The names of the figures, as METRICS.md and TEST-HOOKS.md spell them: the page's
//! `data-metric`, the columns of the CSV downloads and the keys of the JSON one. One
//! place, so that a name is never spelled twice and a typo is a compile error.

// Totals of a transaction log (and of its segments).
pub const CUSTOMERS_TOTAL: &str = "customers_total";
pub const TRANSACTIONS_TOTAL: &str = "transactions_total";
pub const REVENUE_TOTAL: &str = "revenue_total";
pub const AOV: &str = "aov";
pub const PURCHASE_FREQUENCY: &str = "purchase_frequency";
pub const REPEAT_RATE: &str = "repeat_rate";
pub const REVENUE_PER_CUSTOMER: &str = "revenue_per_customer";
pub const DAYS_BETWEEN_MEDIAN: &str = "days_between_median";
pub const DAYS_BETWEEN_MEAN: &str = "days_between_mean";
pub const DAYS_BETWEEN_HISTOGRAM: &str = "days_between_histogram";

// Concentration.
pub const TOP10_REVENUE_SHARE: &str = "top10_revenue_share";
pub const TOP10_SPEND_RATIO: &str = "top10_spend_ratio";

// The customer base per period.
pub const BASE_START: &str = "base_start";
pub const BASE_END: &str = "base_end";
pub const CHURNED: &str = "churned";
pub const JOINED: &str = "joined";
pub const NEW_CUSTOMERS: &str = "new_customers";
pub const REACTIVATED: &str = "reactivated";
pub const ACQUIRED: &str = "acquired";
pub const CRR: &str = "crr";
pub const CHURN_RATE: &str = "churn_rate";

// Cohorts.
pub const COHORT_SIZE: &str = "cohort_size";
pub const COHORT_ACTIVE: &str = "cohort_active";
pub const COHORT_RETENTION: &str = "cohort_retention";
pub const COHORT_REVENUE: &str = "cohort_revenue";
pub const COHORT_REVENUE_PCT: &str = "cohort_revenue_pct";
pub const COHORT_AVG_RETENTION: &str = "cohort_avg_retention";

// RFM segments.
pub const SEGMENT_CUSTOMERS: &str = "segment_customers";
pub const SEGMENT_SHARE: &str = "segment_share";
pub const SEGMENT_REVENUE: &str = "segment_revenue";
pub const RECENCY_MEAN: &str = "recency_mean";
pub const FREQUENCY_MEAN: &str = "frequency_mean";
pub const MONETARY_MEAN: &str = "monetary_mean";

// Segment comparison and NPS.
pub const MEMBER_SPEND_UPLIFT: &str = "member_spend_uplift";
pub const NPS: &str = "nps";
pub const NPS_MATCHED: &str = "nps_matched";
pub const RESPONSES: &str = "responses";
pub const PROMOTERS: &str = "promoters";
pub const PASSIVES: &str = "passives";
pub const DETRACTORS: &str = "detractors";

// The other kinds of file.
pub const MEAN_FREQUENCY: &str = "mean_frequency";
pub const MEAN_RECENCY: &str = "mean_recency";
pub const MEAN_T: &str = "mean_T";
pub const SPEND_TOTAL: &str = "spend_total";
pub const ACQUISITION_SPEND: &str = "acquisition_spend";
pub const RETENTION_SPEND: &str = "retention_spend";

// Acquisition versus retention.
pub const CAC: &str = "cac";
pub const COST_PER_RETAINED: &str = "cost_per_retained";
pub const COST_RATIO: &str = "cost_ratio";
pub const CPO_NEW: &str = "cpo_new";
pub const CPO_EXISTING: &str = "cpo_existing";
pub const LTV_CAC: &str = "ltv_cac";
pub const PAYBACK_MONTHS: &str = "payback_months";

// The overview at the top of the analysis (docs/definitions.md, "Overview"): CRR and
// churn of the last complete period (`data-of` = that period, not `data-period`: the
// per-period figures stay one per period), and a customer's simple CLV at the
// lifetime-value settings' margin and discount.
pub const OVERVIEW_CRR: &str = "overview_crr";
pub const OVERVIEW_CHURN_RATE: &str = "overview_churn_rate";
pub const OVERVIEW_CLV: &str = "overview_clv";

// The budget planner (docs/definitions.md, "Budget planner"): per projected month
// (`data-period`) of the plan as set, and per scenario (`data-segment`) over the horizon.
pub const PLANNER_CUSTOMERS: &str = "planner_customers";
pub const PLANNER_NEW: &str = "planner_new";
pub const PLANNER_LOST: &str = "planner_lost";
pub const PLANNER_REVENUE: &str = "planner_revenue";
pub const PLANNER_SPEND: &str = "planner_spend";
pub const PLANNER_PROFIT: &str = "planner_profit";
pub const PLANNER_CUSTOMERS_END: &str = "planner_customers_end";
pub const PLANNER_REVENUE_TOTAL: &str = "planner_revenue_total";
pub const PLANNER_PROFIT_TOTAL: &str = "planner_profit_total";
pub const SUBSCRIPTIONS: &str = "subscriptions";
pub const ACTIVE: &str = "active";
pub const ENDED: &str = "ended";

// A load.
pub const ROWS_SKIPPED: &str = "rows_skipped";

// Lifetime value. A fitted parameter's key is its model's prefix, `_` and the
// parameter's name (`bgnbd_r`, `gg_v`); `_se` after it is its standard error, and the
// model's log-likelihood is `<prefix>_ll`.
pub const BGNBD: &str = "bgnbd";
pub const MBGNBD: &str = "mbgnbd";
pub const PNBD: &str = "pnbd";
pub const GG: &str = "gg";
pub const BGBB: &str = "bgbb";
pub const SBG: &str = "sbg";
pub const P_ALIVE_MEAN: &str = "p_alive_mean";
pub const CLV_MEAN: &str = "clv_mean";
pub const CLV_TOTAL: &str = "clv_total";
pub const EXPECTED_PURCHASES_TOTAL: &str = "expected_purchases_total";
pub const HOLDOUT_ACTUAL_TOTAL: &str = "holdout_actual_total";
pub const HOLDOUT_PREDICTED_TOTAL: &str = "holdout_predicted_total";
pub const PNBD_HOLDOUT_PREDICTED_TOTAL: &str = "pnbd_holdout_predicted_total";
pub const MODEL_CUSTOMERS: &str = "model_customers";
pub const SIMPLE_CLV: &str = "simple_clv";
pub const YEARLY_RETENTION: &str = "yearly_retention";
pub const MARGIN_PER_YEAR: &str = "margin_per_year";
// Per customer (with `data-customer`).
pub const P_ALIVE: &str = "p_alive";
pub const EXPECTED_PURCHASES: &str = "expected_purchases";
pub const EXPECTED_SPEND: &str = "expected_spend";
pub const CLV: &str = "clv";
// Subscriptions (`km_survival` with `data-period` = periods since start).
pub const KM_SURVIVAL: &str = "km_survival";
pub const SBG_SURVIVAL: &str = "sbg_survival";
pub const EXPECTED_REMAINING_LIFETIME: &str = "expected_remaining_lifetime";

/// `<model>_<parameter>`, e.g. `bgnbd_alpha`.
pub fn param(model: &str, parameter: &str) -> String {
    format!("{model}_{parameter}")
}

/// The standard error's key of a parameter's key.
pub fn se(key: &str) -> String {
    format!("{key}_se")
}

/// A model's log-likelihood.
pub fn ll(model: &str) -> String {
    format!("{model}_ll")
}
pub const LAPSED_CUSTOMERS: &str = "lapsed_customers";
