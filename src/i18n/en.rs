//! English: every text of the page, its sentences and its names of things.

use super::calculators::CalculatorTexts;
use super::lifetime::LifetimeTexts;
use super::planner::PlannerTexts;
use super::row_errors::RowErrorTexts;
use super::texts::{AnalysisTexts, Texts};
use crate::ingest::columns::Role;
use crate::ingest::date::DateFormat;
use crate::ingest::other_kinds::SpendKind;
use crate::ingest::FileKind;
use crate::lang::Lang;
use crate::metrics::lifetime::{ModelKind, SpendFit};
use crate::metrics::planner::Scenario;
use crate::metrics::rfm::Segment;
use crate::metrics::survey_link::NpsGroup;
use crate::models::optimise::{Convergence, FitError, Method};
use crate::retention::CountsProblem;

pub static EN: Texts = Texts {
    rows: &ROW_ERRORS,
    calc: &CALCULATORS,
    lang: Lang::En,
    analysis: &ANALYSIS,
    lifetime: &LIFETIME,
    planner: &PLANNER,
    language_name: "English",
    app_title: "Retention Calculator",
    tagline: "How well do you keep your customers? Drop your CSV files and see retention and churn.",
    privacy_badge: "Your files never leave this browser",
    printed_on: |day| format!("Report made on {day} in Retention Calculator; nothing left this browser."),
    language_label: "Language",
    currency_label: "Currency",
    share_button: "Share these results",
    share_intro: |n| {
        format!(
            "The link carries only the figures below (totals, periods, cohorts, segments, settings): no customer id, \
             no row of the file. They sit after the # and never reach a server. {n} characters."
        )
    },
    share_link_label: "Link",
    share_copy: "Copy link",
    share_copied: "Copied",
    share_contents: "Exactly what the link holds",
    share_embed_label: "Code to embed these figures in your site",
    embed_button: "Embed on your site",
    embed_intro: "Put a calculator on your own site or blog: paste this code into the page. The calculator runs in your readers' browsers, in a sandboxed frame; nothing they type or drop is sent anywhere.",
    embed_widget_label: "Calculator",
    embed_widget_names: [
        "Customer retention rate (CRR)",
        "Churn",
        "Customer lifetime value (CLV)",
        "Acquisition versus retention cost",
        "LTV:CAC and payback",
        "Drop a file (the whole analysis)",
    ],
    embed_code_label: "Embed code",
    embed_preview: "Preview",
    embed_frame_title: "Retention calculator",
    warehouse_title: "Data in a warehouse?",
    warehouse_intro: "Too many orders for a file? Name your table and its columns, pick your database, and get \
                      the SQL that computes this page's figures where the data lives.",
    warehouse_button: "Write the SQL",
    warehouse_table: "Table (e.g. shop.orders)",
    warehouse_customer: "Customer id column",
    warehouse_date: "Date column",
    warehouse_amount: "Amount column (optional)",
    warehouse_attribute: "Other column to keep per customer (optional, e.g. channel)",
    warehouse_engine: "Database",
    warehouse_output: "What to compute",
    warehouse_outputs: [
        "Customer summary (lifetime value models)",
        "Customer base per period (S, E, N, churn)",
        "Cohort table",
    ],
    warehouse_settings,
    warehouse_how: "Run the query, save its result as a CSV file with a header row, and drop that file on this \
                    page: it recognises it and shows the same figures as for the order log itself.",
    warehouse_sql: "SQL",
    warehouse_download: "Download .sql",
    snapshot_banner: |file| {
        format!("Shared figures of “{file}”, read-only: drop the file itself to change settings or export customers.")
    },
    snapshot_error: |e| {
        use crate::snapshot::SnapshotError as E;
        let why = match e {
            E::TooLong => "it is too long to be a snapshot".to_string(),
            E::NotBase64 | E::NotDeflate => "it was cut off or changed (copy the whole link)".to_string(),
            E::NotJson(_) => "its figures could not be read".to_string(),
            E::Version(v) => format!("it was made by another version of this page ({v})"),
        };
        format!("This snapshot link cannot be opened: {why}.")
    },
    load_heading: "Your data",
    drop_hint: "Drop CSV files here",
    choose_files: "or choose files",
    load_sample: "Load sample data",
    channel_kinds_legend: "Spend per channel: winning or keeping customers? (choose, then apply)",
    spend_kind_name: |k| match k {
        SpendKind::Acquisition => "acquisition (winning)",
        SpendKind::Retention => "retention (keeping)",
        SpendKind::Unspecified => "neither",
    },
    accepted_hint: "An order export (one row per order: customer, date, amount, and any other columns), or \
                    period counts (per period S, E and N), a customer summary, marketing spend, survey scores or \
                    subscriptions. Excel, Shopify, CRM or warehouse exports: any delimiter, Dutch or English column names.",
    status_idle: "No data loaded yet.",
    status_working: "Reading your files…",
    status_ready: "Ready.",
    status_error: "A file could not be used.",
    sample_name: "sample: period counts (synthetic)",
    col_crr: "CRR",
    col_churn: "Churn",
    fig_nps: "NPS",
    crr_explain: "Of the customers you had at the start of the period (S), the share you still had at its end: \
                  the customers at the end (E) minus the new ones won during the period (N), divided by S.",
    churn_explain: "The share of the customers at the start that you lost during the period.",
    col_period: "Period",
    col_s: "S (start)",
    col_e: "E (end)",
    col_n: "N (new)",
    chart_title: "CRR and churn per period",
    target_label: "85% target",
    target_explain: "Dashed line: a retention rate above 85% is a common target in marketing literature; \
                     it is a reference, not your figure.",
    rows_skipped_label: "Rows skipped",
    row_errors_heading: "Rows that could not be used",
    download_errors: "Download the full list (CSV)",
    footer: "Computed entirely in your browser: no file is uploaded, and after loading the page makes no \
             network requests at all (its Content-Security-Policy forbids them).",
    file_summary,
    file_error_title,
    progress_detail,
    paste_heading: "Paste from Excel or Google Sheets",
    paste_placeholder: "Select the cells (with their header row), copy, and paste them here.",
    paste_button: "Use the pasted data",
    cancel: "Cancel",
    date_order_question: "The dates in this file could be day-month or month-day (like 03/04/2024). Choose the order below and read the file again.",
    label_kind: "Kind of file",
    label_delimiter: "Delimiter",
    label_encoding: "Encoding",
    label_header: "First row is a header",
    label_decimal: "Numbers look like",
    label_date_format: "Dates look like",
    label_none: "(none)",
    choose: "Choose…",
    yes: "yes",
    no: "no",
    apply_columns: "Read again with these settings",
    panel_title: |n| format!("How “{n}” was read"),
    column_n: |c| format!("column {c}"),
    date_format_name: |f| format!("{} ({})", f.example(), date_format_order(f)),
    kind_title_transactions: "Transaction log: totals",
    kind_title_summary: "Customer summary",
    kind_title_spend: "Marketing spend",
    kind_title_survey: "Survey: Net Promoter Score",
    kind_title_subscriptions: "Subscriptions",
    fig_customers: "Customers",
    fig_transactions: "Purchases",
    fig_revenue: "Revenue (refunds included)",
    fig_aov: "Average order value",
    fig_frequency: "Purchases per customer",
    fig_repeat_rate: "Repeat customers",
    fig_top10: "Revenue share of the top 10%",
    fig_mean_frequency: "Mean frequency",
    fig_mean_recency: "Mean recency",
    fig_mean_age: "Mean T",
    fig_spend_total: "Total spend",
    fig_spend_acquisition: "Acquisition spend",
    fig_spend_retention: "Retention spend",
    fig_responses: "Responses",
    fig_promoters: "Promoters (9-10)",
    fig_passives: "Passives (7-8)",
    fig_detractors: "Detractors (0-6)",
    fig_subscriptions: "Subscriptions",
    fig_active: "Active",
    fig_ended: "Ended",
    more_errors,
    chart_alt,
    role_name: Role::english,
    kind_name: FileKind::english,
    delimiter_name,
    // English is the domain's own `Display`.
    file_problem: |k, _| k.to_string(),
    worker_problem: |e| e.to_string(),
    sql_problem: |e| {
        let s = e.to_string();
        let mut c = s.chars();
        c.next().map_or(String::new(), |f| format!("{}{}.", f.to_uppercase(), c.as_str()))
    },
    line_word: "Line",
    column_word: "column",
};

pub static ANALYSIS: AnalysisTexts = AnalysisTexts {
    title: "Customer base, cohorts and segments",
    settings_title: "Settings",
    granularity_label: "Period",
    granularity_names: ["Week", "Month", "Quarter", "Year"],
    window_label: "Inactive after (days)",
    segment_label: "Compare customers by",
    segment_none: "(no column)",
    recomputing: "Computing…",
    window_note: |w, from| {
        format!(
            "A customer is in the base while their last purchase is at most {w} days old (W = {w}). \
             Before {from} the base is under-counted: purchases from before the file starts are not in it. \
             Periods marked * start before that day."
        )
    },
    export_json: "All figures (JSON)",
    export_csv: "CSV",

    sec_totals: "Totals",
    fig_days_median: "Median days between purchases",
    fig_days_mean: "Mean days between purchases",
    gaps_title: "Time between purchases",
    gaps_axis: "Repeat purchases",
    gap_bins: ["1–7 d", "8–14 d", "15–30 d", "31–60 d", "61–90 d", "91–180 d", "181–365 d", "> 365 d"],
    gaps_alt: |median, mean| {
        format!("Bar chart of the days between a customer's purchases: median {median} days, mean {mean} days.")
    },

    sec_base: "The customer base per period",
    col_churned: "Churned",
    col_joined: "Joined (N)",
    col_new: "New",
    col_reactivated: "Reactivated",
    col_acquired: "Acquired",
    base_explain: "S is the number of customers in the base on a period's first day, E on the first day after it. \
                   Churned: in the base at the start, not at the end. Joined (N): in the base at the end, not at the start; \
                   new if their first purchase ever is in the period, reactivated otherwise. Acquired: first purchase in \
                   the period. CRR = (E − N) / S × 100, churn = 100 − CRR.",
    undercount_mark: "*",
    rates_title: "CRR and churn per period",
    flow_title: "Flow of the customer base",
    flow_retained: "Retained",
    flow_alt: |n| format!("Bar chart per period ({n} periods): customers retained, new and reactivated above zero, churned below."),

    sec_cohorts: "Cohorts",
    cohort_modes: ["Customers %", "Customers", "Revenue %", "Revenue"],
    cohort_mode_label: "Show",
    col_cohort: "Cohort",
    col_size: "Customers",
    offset_axis: "Periods after the first purchase",
    heatmap_title: "Retention by cohort",
    curves_title: "Retention curves",
    average_name: "Weighted average",
    cohort_explain: "A cohort is the customers whose first purchase fell in one period. Offset k shows how many of them \
                     bought again k periods later (k = 0 is 100%), and their revenue then (refunds included). The \
                     weighted average counts every cohort by its size.",
    cohorts_alt: |n| format!("Heatmap of the share of each of {n} cohorts that bought in each later period."),
    show_table: |n| format!("Show the table ({n} cells)"),

    sec_concentration: "Concentration",
    fig_top10_ratio: "Top 10% spend per customer, × the rest",
    claim_top10: "Literature: the top 10% spend about 3× the rest",
    lorenz_title: "Lorenz curve of revenue",
    lorenz_curve: "Revenue",
    lorenz_equality: "Everyone spends the same",
    lorenz_x: "Customers, lowest revenue first",
    lorenz_y: "Share of revenue",
    lorenz_alt: |top| format!("Lorenz curve: the top 10% of customers bring {top} of revenue."),
    concentration_explain: "Customers ranked by their revenue (refunds included). The top 10% are the ceil(10% × \
                            customers) with the most revenue; their mean revenue is compared with the others' mean.",

    sec_rfm: "RFM segments",
    segment_name: |s| match s {
        Segment::Champions => "Champions",
        Segment::Loyal => "Loyal",
        Segment::Promising => "Promising",
        Segment::New => "New",
        Segment::NeedsAttention => "Needs attention",
        Segment::AtRisk => "At risk",
        Segment::CantLose => "Can't lose",
        Segment::Hibernating => "Hibernating",
        Segment::Lost => "Lost",
    },
    col_segment: "Segment",
    col_share: "Share",
    col_recency: "Recency (days, mean)",
    col_frequency: "Frequency (mean)",
    col_monetary: "Monetary (mean)",
    download_ids: "Customer ids",
    rfm_explain: "Recency: days from the last purchase to the day after the last purchase in the file. Frequency: \
                  number of purchase dates. Monetary: revenue. Each becomes a score from 1 to 5 by quintile (equal \
                  values share a score); the segment follows from the R and F scores.",
    rfm_chart_title: "Revenue per segment",
    rfm_alt: |n| format!("Bar chart of revenue for {n} RFM segments."),
    rfm_reference: |day| format!("Recency counted up to {day}."),

    sec_comparison: "Compare segments",
    comparison_pick: "Choose a column above to compare customers by its values.",
    comparison_none: "This log has no other columns to compare customers by.",
    col_value: "Value",
    col_revenue_per_customer: "Revenue per customer",
    fig_member_uplift: |yes| format!("Revenue per customer, '{yes}' against the rest"),
    claim_member: "Literature: loyalty members spend about 18% more",
    comparison_explain: "Customers grouped by the value in their first row. CRR here pools all periods: customers \
                         still in the base at a period's end over those in it at its start.",
    comparison_alt: |n| format!("Bar chart of revenue per customer for {n} values, with the literature's figure for members as a dashed line when the column is a membership flag."),
    other_values: "(other values)",
    empty_value: "(empty)",

    sec_nps: "NPS and behaviour",
    group_name: |g| match g {
        NpsGroup::Promoters => "Promoters (9–10)",
        NpsGroup::Passives => "Passives (7–8)",
        NpsGroup::Detractors => "Detractors (0–6)",
    },
    col_matched: "In the log",
    nps_explain: "Survey answers matched to the log by customer id (a customer's last answer counts). Churn: no \
                  purchase in the last W days of the log.",

    sec_acquisition: "Winning versus keeping customers",
    overview_title: "At a glance",
    overview_trend: |points, up, previous| format!("{} {points} points from {previous}", if up { "▲" } else { "▼" }),
    overview_clv: "CLV of a customer (simple)",
    overview_clv_note: "Margin × revenue per active customer per year × (1 + d) / (1 + d − r), with the lifetime-value settings' margin and discount.",
    nav_label: "Sections",
    nav_names: [
        "Overview",
        "Totals",
        "Base per period",
        "Cohorts",
        "Concentration",
        "RFM",
        "Segments",
        "NPS",
        "Winning vs keeping",
        "Lifetime value",
        "Budget planner",
    ],
    acquisition_explain: [
        "CAC: acquisition spend / customers whose first purchase is in the period. Cost per retained customer: \
         retention spend / customers in the base at the start and still at the end (S − churned). Ratio: CAC / cost \
         per retained customer, how many times dearer a new customer is.",
        "Cost per order: acquisition spend / orders from new customers (in the period of their first purchase), \
         retention spend / the other orders. Over the whole span: the same ratios of the sums.",
        "Spend is spread over the periods by days: spend by day is summed into its period; a row covering several \
         periods (a quarter on months) is split in proportion to its days. Acquisition or retention comes from the \
         type column, or else from the channel's name (Google Ads, Facebook, TikTok: acquisition; newsletter, \
         e-mail, CRM, loyalty: retention).",
    ],
    col_acquisition_spend: "Acquisition spend",
    col_retention_spend: "Retention spend",
    fig_cpo_new: "Cost per order, new customers",
    fig_cpo_existing: "Cost per order, existing customers",
    ltv_cac_note: "CLV: the simple CLV from the log with the margin and discount of the lifetime-value settings; payback: CAC / (margin × revenue per active customer per year / 12).",
    literature: "marketing literature",
    claim_cpo_ratio: "Marketing literature: an order from a new customer costs 5–20× one from an existing customer",
    acquisition_split: "Some spend rows cover more than one period; they are split over the periods in proportion to their days.",
    spend_entry_title: "No spend file? Type your marketing spend per month",
    spend_entry_intro: "Acquisition: spend on winning new customers (ads, affiliates); retention: spend on keeping them \
        (newsletters, loyalty). The amounts become a small spend file, read beside the log as if dropped.",
    spend_entry_bad: "Some amounts are not numbers of 0 or more: correct them to use the spend.",
    spend_entry_use: "Use this spend",
    cost_bars: ["New customer", "Kept customer", "Order, new", "Order, existing"],
    channels_heading: "Per channel",
    col_channel: "Channel",
    channels_attributed: |column| {
        format!(
            "New customers per channel: the customers whose column “{column}” in the log names the channel \
             (a channel no customer names has no CAC). Customers kept and existing orders: the whole base, \
             which retention spend reaches."
        )
    },
    channels_unattributed: "The log does not say through which channel a customer came: each channel's CAC is \
        its spend over all new customers (the channels' CACs add up to the total). Customers kept and existing \
        orders: the whole base.",
    acquisition_outside: |amount| format!("{amount} of spend falls outside the periods of the log and is not used."),
    acquisition_unplaced: |n| {
        if n == 1 {
            "1 spend row names no period or date that could be read, and is not used.".to_string()
        } else {
            format!("{n} spend rows name no period or date that could be read, and are not used.")
        }
    },

    claim_reference: "reference",
    top10_label: "Top 10%",
    too_many_periods: |n, first, last| {
        format!(
            "The purchases run from {first} to {last}: {n} periods, too many to show per period. \
             Choose a longer period, or check the date column for a mistyped year."
        )
    },
};

fn progress_detail(percent: u8, rows: u64, mb_per_s: Option<f64>, lang: Lang) -> String {
    let speed = mb_per_s.map_or(String::new(), |s| format!(" · {} MB/s", lang.number(s, 1)));
    format!("{percent}% · {} rows{speed}", lang.number(rows as f64, 0))
}

/// The order of a date format's parts, in words.
fn date_format_order(format: DateFormat) -> &'static str {
    match format {
        DateFormat::YearMonthDay | DateFormat::Compact => "year-month-day",
        DateFormat::DayMonthYear => "day-month-year",
        DateFormat::MonthDayYear => "month-day-year",
        DateFormat::ExcelSerial => "Excel",
        DateFormat::MonthName => "month name",
    }
}

pub fn file_summary(name: &str, rows: usize, skipped: usize, delimiter: &str, encoding: &str) -> String {
    let periods = if rows == 1 { "1 row".to_string() } else { format!("{} rows", Lang::En.number(rows as f64, 0)) };
    let skipped = match skipped {
        0 => "no rows skipped".to_string(),
        1 => "1 row skipped".to_string(),
        n => format!("{n} rows skipped"),
    };
    format!("{name}: {periods} used, {skipped} ({delimiter}, {encoding})")
}

pub fn file_error_title(name: &str) -> String {
    format!("“{name}” cannot be used")
}

fn warehouse_settings(granularity: &str, window: u32, unit: &str, calibration_end: Option<&str>) -> String {
    let end = calibration_end.map_or("the last purchase date".to_string(), str::to_string);
    format!(
        "With this page's settings: period {granularity}, window W = {window} days; for the summary, time in \
         {unit}, calibration end {end}. Change them on the page to change the SQL."
    )
}

pub fn more_errors(n: usize) -> String {
    format!("… and {n} more, all in the download.")
}

pub fn chart_alt(periods: usize, first: &str, last: &str, min: f64, max: f64) -> String {
    format!(
        "Line chart of the retention rate and churn rate for {periods} periods, from {first} to {last}. \
         CRR ranges from {} to {}. The table above holds every value.",
        Lang::En.percent(min),
        Lang::En.percent(max)
    )
}

pub fn manual_problem(p: CountsProblem) -> &'static str {
    match p {
        CountsProblem::StartIsZero => "S is 0: with no customers at the start there is nothing to retain.",
        CountsProblem::RetainedNegative => {
            "E − N is below 0: there cannot be more new customers than customers at the end."
        }
        CountsProblem::RetainedAboveStart => {
            "E − N is larger than S: you cannot keep more customers than you started with."
        }
        CountsProblem::Negative => "Counts cannot be negative.",
    }
}

pub fn delimiter_name(d: u8) -> &'static str {
    match d {
        b';' => "semicolon-separated",
        b'\t' => "tab-separated",
        b'|' => "pipe-separated",
        b' ' => "columns aligned with spaces",
        _ => "comma-separated",
    }
}

pub static LIFETIME: LifetimeTexts = LifetimeTexts {
    title: "Customer lifetime value",
    intro: "What your customers are worth and who is still active, from models fitted to your own data in this \
            browser: BG/NBD and Pareto/NBD for how often customers buy and whether they are still alive, \
            Gamma-Gamma for how much they spend per purchase.",
    time_unit_label: "Time unit",
    unit_names: ["day", "week", "month"],
    unit_plural: ["days", "weeks", "months"],
    calibration_label: "Calibration end",
    calibration_hint: "Purchases after this date are the holdout the models are checked against.",
    horizon_label: |unit| format!("Horizon ({unit})"),
    margin_label: "Margin (%)",
    discount_label: "Discount rate per year (%)",
    fitting: "Fitting the models…",
    fit_failed: "The models could not be fitted:",
    summary_note: |unit| format!("The customer summary's times are read as {unit}; choose another time unit if the file uses one."),
    same_day_note: "Several orders on one day count as one purchase: x is the number of distinct purchase dates after the first.",

    models_title: "Fitted models",
    col_parameter: "Parameter",
    col_estimate: "Estimate",
    col_se: "Standard error",
    col_interval: "95% interval",
    log_likelihood: "Log-likelihood",
    convergence: |c| match c {
        Convergence::Gradient => "converged (gradient ≈ 0)",
        Convergence::Function => "stopped: the likelihood no longer changes (gradient not yet ≈ 0)",
        Convergence::NotConverged => "did not converge",
    },
    method: |m| match m {
        Method::Bfgs => "BFGS",
        Method::NelderMead => "Nelder-Mead (fallback)",
    },
    diagnostics: |iterations, starts, gradient, ms| {
        format!("{iterations} iterations, best of {starts} starting points, largest gradient {gradient}, {ms} ms")
    },
    fitted_on: |customers, distinct| format!("Fitted on {customers} customers ({distinct} distinct histories)."),
    fit_error: |e| match e {
        FitError::NotEnoughData { needed, got } => {
            format!("too few customers to fit: {got}, at least {needed} needed.")
        }
        FitError::NoFiniteStart => "the likelihood cannot be computed for these data.".into(),
    },
    spend_problem: |p| match p {
        SpendFit::NoAmounts => "No amounts: without them there is no spend model and no CLV.".into(),
        SpendFit::DoesNotFit { q } => format!(
            "The spend model does not fit these amounts (q = {q:.3} ≤ 1, so its mean spend is infinite); CLV is not shown."
        ),
    },
    model_explain: |k| match k {
        ModelKind::BgNbd => "BG/NBD (Fader, Hardie & Lee 2005): while alive a customer buys at a Poisson rate (gamma-distributed \
                             with r, α over customers) and after each purchase drops out with probability p (beta-distributed with a, b).",
        ModelKind::ParetoNbd => "Pareto/NBD (Schmittlein, Morrison & Colombo 1987): purchases as in BG/NBD, but a customer may drop \
                                 out at any moment, after an exponential lifetime (gamma-distributed rate with s, β).",
        ModelKind::MbgNbd => "MBG/NBD (Batislam, Denizel & Filiztekin 2007): BG/NBD in which a customer may also drop out right \
                              after the first purchase, so a one-time buyer is not taken for alive.",
        ModelKind::GammaGamma => "Gamma-Gamma (Fader & Hardie 2013): a customer's spend per purchase varies around their own mean \
                                  (shape p), and those means vary over customers (q, v). Fitted on customers with a repeat purchase.",
        ModelKind::BgBb => "BG/BB (Fader, Hardie & Shang 2010): at each opportunity (a year, an edition) an active customer buys with \
                            probability p (beta-distributed with α, β) and drops out with probability θ (beta-distributed with γ, δ).",
    },
    no_se: "not available (the likelihood is flat there)",

    fig_customers: "Customers in the models",
    fig_p_alive_mean: "Mean P(alive)",
    fig_expected: |h| format!("Purchases expected in the next {h}"),
    fig_clv_mean: |h| format!("Mean CLV over {h}"),
    fig_clv_total: "Total CLV",
    fig_lapsed: "Likely lapsed (P(alive) < 50%)",
    interval_note: |low, high| format!("95% interval {low} – {high}"),
    figures_explain: [
        "P(alive): the probability that a customer is still active at the calibration end, given their number of repeat \
         purchases x, the time of their last purchase t_x and their age T (BG/NBD).",
        "Expected purchases: the purchases BG/NBD expects from each customer over the horizon, given their history.",
        "CLV: margin × expected spend per purchase (Gamma-Gamma) × the expected purchases in each step of the horizon, \
         each discounted from the middle of its step at the yearly discount rate converted to the time unit.",
        "Intervals: 95% intervals from the fitted models' covariance (the inverse Hessian of the log-likelihood in \
         log-parameters, transformed as J·H⁻¹·J), carried to each figure by the delta method.",
    ],

    backtest_title: "Backtest against the holdout",
    no_holdout: "Choose a calibration end before the last purchase date to check the models against what happened after it.",
    holdout_span: |first, last, length| format!("Holdout: {first} to {last} ({length})."),
    fig_holdout_actual: "Repeat purchases in the holdout",
    fig_holdout_predicted: "Predicted by BG/NBD",
    fig_pnbd_predicted: "Predicted by Pareto/NBD",
    col_model: "Model",
    col_mae: "Mean absolute error per customer",
    col_total_error: "Error of the total",
    verdict: |better, worse, by_holdout| {
        if by_holdout {
            format!("{better} predicted the holdout better than {worse} (smaller error per customer).")
        } else {
            format!("{better} fits the calibration data better than {worse} (higher log-likelihood, same number of parameters).")
        }
    },
    cumulative_title: "Repeat purchases in the holdout, cumulative",
    cumulative_x: |unit| format!("{unit} after the calibration end"),
    cumulative_y: "Purchases",
    actual_name: "Actual",
    by_x_title: "Holdout purchases per customer by calibration purchases",
    by_x_x: "Repeat purchases in calibration (x)",
    by_x_y: "Mean holdout purchases",
    cumulative_alt: |actual, predicted| format!("Line chart: {actual} actual repeat purchases in the holdout against {predicted} predicted by BG/NBD."),
    by_x_alt: |n| format!("Line chart of mean holdout purchases, actual and predicted, for {n} groups of customers by their calibration purchases."),
    backtest_explain: "Holdout: every purchase date after the calibration end up to the last date in the file, of the customers \
                       whose first purchase is on or before it. Predicted: the sum of each customer's conditional expected purchases \
                       over the holdout's length.",

    histogram_title: "Customers by CLV",
    histogram_x: "CLV",
    histogram_y: "Customers",
    histogram_alt: |n, mean| format!("Bar chart of {n} customers by their CLV; mean {mean}."),
    matrix_title: |t| format!("P(alive) by purchases and recency (a customer of age T = {t})"),
    matrix_x: "Time of last purchase (t_x)",
    matrix_y: "Repeat purchases (x)",
    matrix_alt: |rows| format!("Heat map of P(alive) for {rows} numbers of repeat purchases by the time of the last purchase."),

    table_title: "Per customer",
    search_label: "Find a customer",
    col_customer: "Customer",
    col_x: "x",
    col_t_x: "t_x",
    col_t: "T",
    col_monetary: "Mean repeat spend",
    col_p_alive: "P(alive)",
    col_expected: "Expected purchases",
    col_spend: "Expected spend",
    col_clv: "CLV",
    col_stake: "CLV if alive",
    col_holdout: "Holdout purchases",
    rows_of: |from, to, of| format!("Rows {from}–{to} of {of}"),
    export_table: "Download the table (CSV)",
    activation_title: "Likely lapsed, but worth most",
    activation_explain: "Customers with P(alive) below 50%, by the CLV they would have if they were still active (CLV / P(alive)): \
                         the ones most worth a win-back campaign.",
    export_activation: "Download the activation list (CSV)",


    opportunities_title: "Purchase opportunities (BG/BB)",
    col_weight: "Customers",
    col_periods: "Opportunities (n)",
    col_alive_next: "P(alive)",
    col_expected_next: |n| format!("Expected purchases in the next {n}"),
    subscriptions_title: "Subscriptions: survival and the sBG projection",
    km_title: "Share of subscriptions still running",
    km_x: |unit| format!("{unit} since the start"),
    km_y: "Still running (%)",
    km_name: "Kaplan-Meier",
    band_name: "95% band",
    sbg_name: "sBG projection",
    km_alt: |n, last| format!("Line chart of the share of subscriptions still running over {n} periods, {last} at the last."),
    col_period: "Period",
    col_at_risk: "At risk",
    col_lost: "Ended",
    col_survival: "Survival (KM)",
    col_projected: "Projected (sBG)",
    fig_remaining: |unit| format!("Expected remaining lifetime of a new subscriber ({unit}, discounted)"),
    fig_remaining_value: "Value of a new subscriber",
    value_per_period_label: "Value per period",
    survivors_label: "Or type survivors per period",
    survivors_hint: "e.g. 1000, 631, 468, 382, 326",
    survivors_problem: "Type at least three numbers that do not increase.",
    subscriptions_explain: "Kaplan-Meier: for each period since the start, the share still running among those whose subscription could \
                            be seen that long (right-censored ones count until their last full period), with Greenwood's 95% band. \
                            sBG (Fader & Hardie 2007): each subscriber ends after any period with their own probability, beta-distributed \
                            over subscribers (α, β); fitted to the survival, it projects retention beyond the data.",
};

pub static PLANNER: PlannerTexts = PlannerTexts {
    title: "Budget planner: what if?",
    intro: "The customer base, revenue and profit month by month, projected from this log's own retention, \
            orders and order value (and the spend file's CAC and cost per kept customer). Move a slider: the \
            projection follows. The same extra amount a month is then spent on winning customers and on keeping \
            them, and the two are compared.",
    no_baseline: "The log is too short, or has no amounts, to measure retention and order value: the planner \
                  needs at least 56 days of purchases with amounts.",
    years: "Years ahead",
    years_n: |n| if n == 1 { "1 year".to_string() } else { format!("{n} years") },
    retention_points: "Yearly retention, + or − points",
    acquisition: "Acquisition budget per month",
    cac: "Cost per new customer (CAC)",
    aov: "Average order value",
    margin: "Margin (%)",
    extra: "Extra amount per month to compare",
    cost_retained: "Cost per kept customer",
    measured: |v| format!("measured: {v}"),
    scenario: |s| match s {
        Scenario::Plan => "Plan as set",
        Scenario::Acquisition => "Extra on winning customers",
        Scenario::Retention => "Extra on keeping customers",
    },
    fig_customers_end: "Customers at the end",
    fig_revenue_total: "Revenue",
    fig_profit_total: "Profit",
    col_month: "Month",
    col_customers: "Customers",
    col_new: "New",
    col_lost: "Lost",
    col_revenue: "Revenue",
    col_spend: "Marketing spend",
    col_profit: "Profit",
    per_month: "The plan, month by month",
    assumptions_title: "Assumptions",
    assumptions: |f| {
        let mut out = vec![
            format!(
                "The projection starts from the {} customers who bought in the log's last {} days.",
                f.customers, f.window_days
            ),
            format!(
                "Yearly retention {} (measured {}, {} points): each month {} of the customers stay.",
                f.yearly_retention, f.measured_retention, f.points, f.monthly_retention
            ),
        ];
        out.push(match (&f.cac, &f.new_per_month) {
            (Some(cac), Some(new)) => format!(
                "{} a month on acquisition at a CAC of {} wins {} new customers a month.",
                f.acquisition, cac, new
            ),
            _ => "Without a CAC (load a spend file or type one) the plan wins no new customers.".to_string(),
        });
        out.push(format!(
            "Each customer orders {} times a month at {} an order (the log's last {} days); margin {}.",
            f.orders_per_month, f.aov, f.window_days, f.margin
        ));
        out.push(format!(
            "Retention spend stays at {} a month; profit = revenue × margin − marketing spend.",
            f.retention_spend
        ));
        out.push(match &f.won_per_month {
            Some(won) => format!("{} more a month on acquisition wins {} more customers a month.", f.extra, won),
            None => format!("{} more a month on acquisition: no CAC, so no customers to count.", f.extra),
        });
        out.push(match (&f.kept_per_month, &f.cost_retained) {
            (Some(kept), Some(cost)) => format!(
                "{} more a month on retention keeps {} customers a month who would otherwise leave (at {} each; \
                 at most those who leave that month).",
                f.extra, kept, cost
            ),
            _ => "Without a cost per kept customer (load a spend file or type one) the extra retention spend keeps \
                  nobody."
                .to_string(),
        });
        out
    },
    verdict: |better, extra, difference, years| {
        let over = if years == 1 { "a year".to_string() } else { format!("{years} years") };
        match better {
            Some(Scenario::Retention) => format!(
                "Spending {extra} more a month on keeping customers earns {difference} more profit over {over} \
                 than spending it on winning new ones."
            ),
            Some(Scenario::Acquisition) => format!(
                "Spending {extra} more a month on winning customers earns {difference} more profit over {over} \
                 than spending it on keeping them."
            ),
            _ => "Type a CAC and a cost per kept customer to compare winning with keeping.".to_string(),
        }
    },
    chart_title: "Customers per month, per scenario",
    chart_alt: |n| format!("Line chart of the customers at the end of each of {n} months, for the three scenarios."),
    export: "Download the projection (CSV)",
    csv_scenario: "scenario",
};

pub static CALCULATORS: CalculatorTexts = CalculatorTexts {
    thousands_separator: ',',
    decimal_mark: '.',
    currency_first: true,
    currency_space: false,
    no_figure: "–",
    crr_name: "Customer retention rate (CRR)",
    churn_name: "Churn rate",
    formula_crr: "CRR = (E − N) / S × 100",
    formula_churn: "Churn = 100 − CRR",
    label_s: "S: customers at the start",
    label_e: "E: customers at the end",
    label_n: "N: new customers during the period",
    manual_heading: "Quick calculator",
    manual_intro: "No file at hand? Type the three numbers of one period.",
    manual_enter: "Enter S, E and N to see the retention rate.",
    manual_not_a_number: "that is not a number",
    manual_not_whole: "count whole customers, without a fraction",
    manual_problem,
    how_computed: "How is this computed?",
    embed_foot: "Retention Calculator: computed in your browser, nothing is sent.",
    embed_unknown: |asked| format!("There is no calculator “{asked}”; showing the retention calculator."),
    calc_title: "Winning or keeping: the cost calculator",
    calc_intro: "No file at hand? Type a period's marketing spend and customers.",
    calc_acquisition: "Acquisition spend",
    calc_new: "New customers won",
    calc_retention: "Retention spend",
    calc_retained: "Customers kept",
    calc_clv: "CLV per customer",
    calc_monthly: "Margin per customer per month",
    fig_cac: "Cost per new customer (CAC)",
    fig_cost_per_retained: "Cost per retained customer",
    fig_cost_ratio: "New / retained (×)",
    fig_ltv_cac: "CLV / CAC",
    fig_payback: "Payback (months)",
    claim_cost_ratio: "Marketing literature: winning a customer costs 5–6× keeping one",
    calculators_title: "Lifetime value without a file",
    simple_title: "Simple CLV",
    simple_revenue: "Revenue per customer per year",
    simple_margin: "Margin (%)",
    simple_retention: "Yearly retention r (%)",
    simple_discount: "Discount rate d (%)",
    simple_result: "Simple CLV",
    simple_measured: |days, earlier, retained| {
        format!("Measured from the file: of {earlier} customers who bought in a window of {days} days, {retained} bought again in the next {days} days; converted to a year.")
    },
    simple_not_measured: "The file is too short to measure retention; type it.",
    simple_undefined: "Not defined: retention must be below 1 + discount rate.",
    simple_explain:
        "Simple CLV = margin per customer per year × (1 + d) / (1 + d − r), with r the yearly retention rate and d the \
                     yearly discount rate: the value of a customer who keeps buying as now, for as long as they stay.",
    simple_reset: "Use the measured values",
};

pub static ROW_ERRORS: RowErrorTexts = RowErrorTexts {
    file_col: "file",
    line_col: "line",
    column_col: "column",
    reason_col: "reason",
    reason: |k| k.to_string(),
};
