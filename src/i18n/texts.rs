//! The texts of one language, as one struct per part of the page: a text missing
//! from a language's table is a compile error. Sentences with values in them are
//! functions, so word order can differ per language.

use super::calculators::CalculatorTexts;
use crate::ingest::columns::Role;
use crate::ingest::error::{FileError, FileErrorKind, RowError};
use crate::lang::Lang;
use crate::metrics::rfm::Segment;
use crate::metrics::survey_link::NpsGroup;
use crate::protocol::WorkerError;
pub struct AnalysisTexts {
    pub title: &'static str,
    pub settings_title: &'static str,
    pub granularity_label: &'static str,
    /// Week, month, quarter, year (in `Granularity::ALL` order).
    pub granularity_names: [&'static str; 4],
    pub window_label: &'static str,
    pub segment_label: &'static str,
    pub segment_none: &'static str,
    pub recomputing: &'static str,
    pub window_note: fn(window: u32, complete_from: &str) -> String,
    pub export_json: &'static str,
    pub export_csv: &'static str,

    pub sec_totals: &'static str,
    pub fig_days_median: &'static str,
    pub fig_days_mean: &'static str,
    pub gaps_title: &'static str,
    pub gaps_axis: &'static str,
    pub gap_bins: [&'static str; 8],
    pub gaps_alt: fn(median: &str, mean: &str) -> String,

    pub sec_base: &'static str,
    pub col_churned: &'static str,
    pub col_joined: &'static str,
    pub col_new: &'static str,
    pub col_reactivated: &'static str,
    pub col_acquired: &'static str,
    pub base_explain: &'static str,
    pub undercount_mark: &'static str,
    pub rates_title: &'static str,
    pub flow_title: &'static str,
    pub flow_retained: &'static str,
    pub flow_alt: fn(periods: usize) -> String,

    pub sec_cohorts: &'static str,
    /// Customers %, customers, revenue %, revenue.
    pub cohort_modes: [&'static str; 4],
    pub cohort_mode_label: &'static str,
    pub col_cohort: &'static str,
    pub col_size: &'static str,
    pub offset_axis: &'static str,
    pub heatmap_title: &'static str,
    pub curves_title: &'static str,
    pub average_name: &'static str,
    pub cohort_explain: &'static str,
    pub cohorts_alt: fn(cohorts: usize) -> String,
    pub show_table: fn(cells: usize) -> String,

    pub sec_concentration: &'static str,
    pub fig_top10_ratio: &'static str,
    pub claim_top10: &'static str,
    pub lorenz_title: &'static str,
    pub lorenz_curve: &'static str,
    pub lorenz_equality: &'static str,
    pub lorenz_x: &'static str,
    pub lorenz_y: &'static str,
    pub lorenz_alt: fn(top10: &str) -> String,
    pub concentration_explain: &'static str,

    pub sec_rfm: &'static str,
    pub segment_name: fn(Segment) -> &'static str,
    pub col_segment: &'static str,
    pub col_share: &'static str,
    pub col_recency: &'static str,
    pub col_frequency: &'static str,
    pub col_monetary: &'static str,
    pub download_ids: &'static str,
    pub rfm_explain: &'static str,
    pub rfm_chart_title: &'static str,
    pub rfm_alt: fn(segments: usize) -> String,
    pub rfm_reference: fn(day: &str) -> String,

    pub sec_comparison: &'static str,
    pub comparison_pick: &'static str,
    pub comparison_none: &'static str,
    pub col_value: &'static str,
    pub col_revenue_per_customer: &'static str,
    pub fig_member_uplift: fn(yes: &str) -> String,
    pub claim_member: &'static str,
    pub comparison_explain: &'static str,
    pub comparison_alt: fn(values: usize) -> String,
    pub other_values: &'static str,
    pub empty_value: &'static str,

    pub sec_nps: &'static str,
    pub group_name: fn(NpsGroup) -> &'static str,
    pub col_matched: &'static str,
    pub nps_explain: &'static str,

    pub sec_acquisition: &'static str,
    /// The overview at the top and the section navigation.
    pub overview_title: &'static str,
    /// The change from the period before: points, up or down, that period.
    pub overview_trend: fn(points: &str, up: bool, previous: &str) -> String,
    pub overview_clv: &'static str,
    pub overview_clv_note: &'static str,
    pub nav_label: &'static str,
    /// Overview, totals, base, cohorts, concentration, RFM, comparison, NPS, acquisition,
    /// lifetime value, planner.
    pub nav_names: [&'static str; 11],
    pub acquisition_explain: [&'static str; 3],
    pub col_acquisition_spend: &'static str,
    pub col_retention_spend: &'static str,
    pub fig_cpo_new: &'static str,
    pub fig_cpo_existing: &'static str,
    pub ltv_cac_note: &'static str,
    /// The literature's ratios, as labelled references beside the user's own.
    pub literature: &'static str,
    pub claim_cpo_ratio: &'static str,
    pub acquisition_split: &'static str,
    /// Spend typed per month, for a log without a spend file.
    pub spend_entry_title: &'static str,
    pub spend_entry_intro: &'static str,
    pub spend_entry_bad: &'static str,
    pub spend_entry_use: &'static str,
    /// The cost comparison's bars: a new customer, a kept one, an order of each.
    pub cost_bars: [&'static str; 4],
    /// Per channel of the spend file: heading, first column, and whose customers count.
    pub channels_heading: &'static str,
    pub col_channel: &'static str,
    /// The log's column (named) says through which channel customers came.
    pub channels_attributed: fn(column: &str) -> String,
    pub channels_unattributed: &'static str,
    /// Spend on days outside the log's periods (the amount shown), not used.
    pub acquisition_outside: fn(amount: &str) -> String,
    /// Spend rows whose period names no calendar period, not used.
    pub acquisition_unplaced: fn(rows: usize) -> String,

    pub claim_reference: &'static str,
    pub top10_label: &'static str,
    pub too_many_periods: fn(periods: usize, first: &str, last: &str) -> String,
}

/// The texts of one language.
pub struct Texts {
    /// The calculators' texts and the way numbers are written: a table of their own
    /// (`super::calculators`), which the embeddable widget links alone.
    pub calc: &'static CalculatorTexts,
    pub lang: Lang,
    /// The analysis of a transaction log (base, cohorts, RFM, segments).
    pub analysis: &'static AnalysisTexts,
    /// The lifetime-value models.
    pub lifetime: &'static super::lifetime::LifetimeTexts,
    /// The budget planner.
    pub planner: &'static super::planner::PlannerTexts,
    pub language_name: &'static str,
    pub app_title: &'static str,
    pub tagline: &'static str,
    pub privacy_badge: &'static str,
    /// On the printed report: the day it was made (YYYY-MM-DD).
    pub printed_on: fn(day: &str) -> String,
    pub language_label: &'static str,
    pub currency_label: &'static str,
    /// Snapshot links: the button, what the link holds (its length), the field, copy.
    pub share_button: &'static str,
    pub share_intro: fn(chars: usize) -> String,
    pub share_link_label: &'static str,
    pub share_copy: &'static str,
    pub share_copied: &'static str,
    pub share_contents: &'static str,
    /// The share panel: the code that embeds these figures in another page.
    pub share_embed_label: &'static str,
    /// "Embed on your site": the panel's button and title, its introduction, the widget
    /// choice (names in `crate::embed::Widget::ALL` order), the code, copy, the preview,
    /// and the frame's title (for screen readers on the host page).
    pub embed_button: &'static str,
    pub embed_intro: &'static str,
    pub embed_widget_label: &'static str,
    pub embed_widget_names: [&'static str; 6],
    pub embed_code_label: &'static str,
    pub embed_preview: &'static str,
    pub embed_frame_title: &'static str,
    /// "Data in a warehouse?": the panel's title, introduction and button, the fields,
    /// the engine and output choices (outputs in `crate::sql::Output::ALL` order), the
    /// settings the SQL uses (from the page's), how to use the result, the SQL, its
    /// download.
    pub warehouse_title: &'static str,
    pub warehouse_intro: &'static str,
    pub warehouse_button: &'static str,
    pub warehouse_table: &'static str,
    pub warehouse_customer: &'static str,
    pub warehouse_date: &'static str,
    pub warehouse_amount: &'static str,
    pub warehouse_attribute: &'static str,
    pub warehouse_engine: &'static str,
    pub warehouse_output: &'static str,
    pub warehouse_outputs: [&'static str; 3],
    /// The settings of the SQL: granularity, W, time unit (plural), calibration end if set.
    pub warehouse_settings: fn(granularity: &str, window: u32, unit: &str, calibration_end: Option<&str>) -> String,
    pub warehouse_how: &'static str,
    pub warehouse_sql: &'static str,
    pub warehouse_download: &'static str,
    /// A snapshot opened from a link (the file's name), and a link that cannot be read.
    pub snapshot_banner: fn(file: &str) -> String,
    pub snapshot_error: fn(&crate::snapshot::SnapshotError) -> String,
    pub load_heading: &'static str,
    pub drop_hint: &'static str,
    pub choose_files: &'static str,
    pub load_sample: &'static str,
    /// Marketing spend in the column panel: the kind of each channel, changeable.
    pub channel_kinds_legend: &'static str,
    pub spend_kind_name: fn(crate::ingest::other_kinds::SpendKind) -> &'static str,
    pub accepted_hint: &'static str,
    pub status_idle: &'static str,
    pub status_working: &'static str,
    pub status_ready: &'static str,
    pub status_error: &'static str,
    pub sample_name: &'static str,
    /// Column headings and card labels short enough for a table.
    pub col_crr: &'static str,
    pub col_churn: &'static str,
    pub fig_nps: &'static str,
    pub crr_explain: &'static str,
    pub churn_explain: &'static str,
    pub col_period: &'static str,
    pub col_s: &'static str,
    pub col_e: &'static str,
    pub col_n: &'static str,
    pub chart_title: &'static str,
    pub target_label: &'static str,
    pub target_explain: &'static str,
    pub rows_skipped_label: &'static str,
    pub row_errors_heading: &'static str,
    pub download_errors: &'static str,
    /// The skipped-rows export's column names and reasons.
    pub rows: &'static super::RowErrorTexts,
    pub footer: &'static str,
    /// "x.csv: 6 rows used, 2 rows skipped (comma-separated, UTF-8)".
    pub file_summary: fn(name: &str, rows: usize, skipped: usize, delimiter: &str, encoding: &str) -> String,
    pub file_error_title: fn(name: &str) -> String,
    /// "42% · 120,000 rows · 85.3 MB/s".
    pub progress_detail: fn(percent: u8, rows: u64, mb_per_s: Option<f64>, lang: Lang) -> String,
    pub paste_heading: &'static str,
    pub paste_placeholder: &'static str,
    pub paste_button: &'static str,
    pub cancel: &'static str,
    pub date_order_question: &'static str,
    pub label_kind: &'static str,
    pub label_delimiter: &'static str,
    pub label_encoding: &'static str,
    pub label_header: &'static str,
    pub label_decimal: &'static str,
    pub label_date_format: &'static str,
    pub label_none: &'static str,
    pub choose: &'static str,
    pub yes: &'static str,
    pub no: &'static str,
    pub apply_columns: &'static str,
    pub panel_title: fn(&str) -> String,
    pub column_n: fn(usize) -> String,
    pub date_format_name: fn(crate::ingest::date::DateFormat) -> String,
    pub kind_title_transactions: &'static str,
    pub kind_title_summary: &'static str,
    pub kind_title_spend: &'static str,
    pub kind_title_survey: &'static str,
    pub kind_title_subscriptions: &'static str,
    pub fig_customers: &'static str,
    pub fig_transactions: &'static str,
    pub fig_revenue: &'static str,
    pub fig_aov: &'static str,
    pub fig_frequency: &'static str,
    pub fig_repeat_rate: &'static str,
    pub fig_top10: &'static str,
    pub fig_mean_frequency: &'static str,
    pub fig_mean_recency: &'static str,
    pub fig_mean_age: &'static str,
    pub fig_spend_total: &'static str,
    pub fig_spend_acquisition: &'static str,
    pub fig_spend_retention: &'static str,
    pub fig_responses: &'static str,
    pub fig_promoters: &'static str,
    pub fig_passives: &'static str,
    pub fig_detractors: &'static str,
    pub fig_subscriptions: &'static str,
    pub fig_active: &'static str,
    pub fig_ended: &'static str,
    /// "… and 12 more in the download".
    pub more_errors: fn(usize) -> String,
    pub chart_alt: fn(periods: usize, first: &str, last: &str, min: f64, max: f64) -> String,
    pub role_name: fn(Role) -> &'static str,
    pub kind_name: fn(crate::ingest::FileKind) -> &'static str,
    pub delimiter_name: fn(u8) -> &'static str,
    pub(super) worker_problem: fn(&WorkerError) -> String,
    pub(super) sql_problem: fn(&crate::sql::SqlError) -> String,
    pub(super) file_problem: fn(&FileErrorKind, &Texts) -> String,
    pub(super) line_word: &'static str,
    pub(super) column_word: &'static str,
}

impl Texts {
    /// "Line 3, column 3 (eind): 'veel' is not a number."
    pub fn row_error(&self, e: &RowError) -> String {
        format!("{}: {}", self.row_error_place(e), self.row_error_reason(e))
    }

    /// "Line 3, column 3 (eind)".
    pub fn row_error_place(&self, e: &RowError) -> String {
        let mut place = format!("{} {}", self.line_word, e.line);
        if let Some(c) = &e.column {
            place.push_str(&format!(", {} {}", self.column_word, c.index + 1));
            if !c.name.is_empty() {
                place.push_str(&format!(" ({})", c.name));
            }
        }
        place
    }

    /// Why the row was skipped, as a sentence.
    pub fn row_error_reason(&self, e: &RowError) -> String {
        self.rows.reason(e)
    }

    pub fn file_error(&self, e: &FileError) -> String {
        (self.file_problem)(e.kind(), self)
    }

    /// Why no warehouse SQL can be made for the names given.
    pub fn sql_error(&self, e: &crate::sql::SqlError) -> String {
        (self.sql_problem)(e)
    }

    /// What went wrong with the worker itself.
    pub fn worker_error(&self, e: &WorkerError) -> String {
        (self.worker_problem)(e)
    }

    /// Every skipped row of `files` as a CSV file in this language.
    pub fn row_errors_csv<'a>(&self, files: impl IntoIterator<Item = (&'a str, &'a [RowError])>) -> String {
        self.rows.csv(files)
    }
}
