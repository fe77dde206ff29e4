//! What the loaded files say: per file a table of CRR and churn per period, the
//! chart, how the figures are computed, and the rows that were skipped.

use super::analysis::AnalysisView;
use super::chart::{ChartFigure, CHART_HEIGHT, CHART_WIDTH};
use super::figure::{card, figures_table, machine_value, money, period_cell, use_currency};
use crate::charts::rates::{self, RatePoint};
use crate::i18n::Currency;
use crate::i18n::Lang;
use crate::ingest::{Flows, PeriodCounts};
use crate::metrics::analysis::{Analysis, AnalysisSettings, SettingChange};
use crate::metrics::cohorts::Cohort;
use crate::metrics::keys as key;
use crate::metrics::rfm::Segment;
use crate::report::{Content, FileReport};
use crate::state::Files;
use std::rc::Rc;
use yew::prelude::*;

/// Skipped rows listed on the page; the download has them all.
const ROW_ERRORS_SHOWN: usize = 200;

#[derive(Properties, PartialEq)]
pub struct ResultsProps {
    pub lang: Lang,
    /// The files of the load: their figures are shown.
    pub files: Files,
    /// The figures of the transaction log, if one was read.
    pub analysis: Option<Rc<Analysis>>,
    /// The analysis settings the user chose.
    pub settings: AnalysisSettings,
    /// Figures for new settings are being computed (the old ones stay in view).
    pub busy: bool,
    pub on_settings: Callback<SettingChange>,
    pub on_export_segment: Callback<Segment>,
    pub on_export_errors: Callback<()>,
    /// The lifetime-value settings' margin and yearly discount, %.
    pub margin_pct: f64,
    pub discount_pct: f64,
}

#[function_component(Results)]
pub fn results(p: &ResultsProps) -> Html {
    let lang = p.lang;
    let cur = use_currency();
    html! {
        <>
            { for p.files.reports().map(|(name, report)| match (&report.content, &p.analysis) {
                (Content::PeriodCounts(counts), _) => period_counts_view(name, report, counts, lang),
                (Content::Cohorts { cohorts, average }, _) => cohorts_view(name, report, cohorts, average, lang),
                (Content::Transactions(_), Some(a)) if a.file == name => html! {
                    <AnalysisView lang={lang} analysis={a.clone()} settings={p.settings.clone()} busy={p.busy}
                        summary={summary_line(name, report, lang)} on_settings={p.on_settings.clone()}
                        on_export_segment={p.on_export_segment.clone()} margin_pct={p.margin_pct}
                        discount_pct={p.discount_pct} />
                },
                _ => other_view(name, report, lang, cur),
            }) }
            { row_errors_view(&p.files, lang, &p.on_export_errors) }
        </>
    }
}

fn summary_line(name: &str, report: &FileReport, lang: Lang) -> String {
    let t = lang.texts();
    (t.file_summary)(
        name,
        report.data_rows.saturating_sub(report.errors.total) as usize,
        report.errors.total as usize,
        (t.delimiter_name)(report.settings.delimiter),
        report.settings.encoding.label(),
    )
}

/// A row of figure cards: (label, key, value, how to show it).
fn figure_cards(items: Vec<(&'static str, &'static str, Option<f64>, String)>) -> Html {
    html! {
        <div class="kpis wide">
            { for items.into_iter().map(|(label, key, value, shown)| card(label.into(), key, value, shown, None)) }
        </div>
    }
}

fn other_view(name: &str, report: &FileReport, lang: Lang, cur: Currency) -> Html {
    let t = lang.texts();
    let n = |v: f64, d: usize| lang.number(v, d);
    let opt = |v: Option<f64>, d: usize| v.map_or(t.calc.no_figure.to_string(), |v| lang.number(v, d));
    let (title, cards) = match &report.content {
        Content::Transactions(summary) => {
            let x = &summary.totals;
            let top10 = summary.top10_revenue_share();
            (
                t.kind_title_transactions,
                vec![
                    (
                        t.fig_customers,
                        key::CUSTOMERS_TOTAL,
                        Some(x.customers_total as f64),
                        n(x.customers_total as f64, 0),
                    ),
                    (
                        t.fig_transactions,
                        key::TRANSACTIONS_TOTAL,
                        Some(x.transactions_total as f64),
                        n(x.transactions_total as f64, 0),
                    ),
                    (t.fig_revenue, key::REVENUE_TOTAL, x.revenue_total, money(lang, cur, x.revenue_total)),
                    (t.fig_aov, key::AOV, x.aov, money(lang, cur, x.aov)),
                    (t.fig_frequency, key::PURCHASE_FREQUENCY, x.purchase_frequency, opt(x.purchase_frequency, 2)),
                    (
                        t.fig_repeat_rate,
                        key::REPEAT_RATE,
                        x.repeat_rate,
                        x.repeat_rate.map_or(t.calc.no_figure.into(), |v| lang.percent(v)),
                    ),
                    (
                        t.fig_top10,
                        key::TOP10_REVENUE_SHARE,
                        top10,
                        top10.map_or(t.calc.no_figure.into(), |v| lang.percent(v)),
                    ),
                ],
            )
        }
        Content::CustomerSummary { customers, mean_frequency, mean_recency, mean_age, .. } => (
            t.kind_title_summary,
            vec![
                (t.fig_customers, key::CUSTOMERS_TOTAL, Some(*customers as f64), n(*customers as f64, 0)),
                (t.fig_mean_frequency, key::MEAN_FREQUENCY, *mean_frequency, opt(*mean_frequency, 2)),
                (t.fig_mean_recency, key::MEAN_RECENCY, *mean_recency, opt(*mean_recency, 2)),
                (t.fig_mean_age, key::MEAN_T, *mean_age, opt(*mean_age, 2)),
            ],
        ),
        Content::MarketingSpend { totals: s, .. } => {
            let (all, acq, ret) = (s.spend_total, s.acquisition_spend, s.retention_spend);
            (
                t.kind_title_spend,
                vec![
                    (t.fig_spend_total, key::SPEND_TOTAL, Some(all), money(lang, cur, Some(all))),
                    (t.fig_spend_acquisition, key::ACQUISITION_SPEND, Some(acq), money(lang, cur, Some(acq))),
                    (t.fig_spend_retention, key::RETENTION_SPEND, Some(ret), money(lang, cur, Some(ret))),
                ],
            )
        }
        Content::Survey(s) => (
            t.kind_title_survey,
            vec![
                (t.fig_responses, key::RESPONSES, Some(s.responses as f64), n(s.responses as f64, 0)),
                (t.fig_nps, key::NPS, s.nps, opt(s.nps, 1)),
                (t.fig_promoters, key::PROMOTERS, Some(s.promoters as f64), n(s.promoters as f64, 0)),
                (t.fig_passives, key::PASSIVES, Some(s.passives as f64), n(s.passives as f64, 0)),
                (t.fig_detractors, key::DETRACTORS, Some(s.detractors as f64), n(s.detractors as f64, 0)),
            ],
        ),
        Content::Subscriptions { subscriptions, active, ended } => (
            t.kind_title_subscriptions,
            vec![
                (t.fig_subscriptions, key::SUBSCRIPTIONS, Some(*subscriptions as f64), n(*subscriptions as f64, 0)),
                (t.fig_active, key::ACTIVE, Some(*active as f64), n(*active as f64, 0)),
                (t.fig_ended, key::ENDED, Some(*ended as f64), n(*ended as f64, 0)),
            ],
        ),
        Content::Opportunities(figures) => {
            return html! {
                <section class="card file-result lifetime" data-file={name.to_string()} data-kind="opportunities" data-fit-state="done">
                    <h2>{ t.lifetime.opportunities_title }</h2>
                    <p class="file-summary">{ summary_line(name, report, lang) }</p>
                    <super::lifetime::opportunities::Opportunities {lang} figures={Rc::new((**figures).clone())} />
                </section>
            }
        }
        Content::PeriodCounts(_) | Content::Cohorts { .. } => return html! {},
    };
    html! {
        <section class="card file-result" data-file={name.to_string()} data-kind={report.settings.mapping.kind.key()}>
            <h2>{ title }</h2>
            <p class="file-summary">{ summary_line(name, report, lang) }</p>
            { figure_cards(cards) }
        </section>
    }
}

fn period_counts_view(name: &str, report: &FileReport, counts: &PeriodCounts, lang: Lang) -> Html {
    let t = lang.texts();
    let summary = summary_line(name, report, lang);
    let points: Vec<RatePoint> = counts
        .rows
        .iter()
        .map(|r| RatePoint { label: r.period.to_string(), crr: r.crr(), churn: r.churn_rate() })
        .collect();
    let svg = rates::svg(&points, lang, CHART_WIDTH, CHART_HEIGHT);
    let crrs = points.iter().filter_map(|p| p.crr);
    let (min, max) = crrs.fold((f64::INFINITY, f64::NEG_INFINITY), |(lo, hi), v| (lo.min(v), hi.max(v)));
    let alt = match (points.first(), points.last()) {
        (Some(first), Some(last)) => (t.chart_alt)(points.len(), &first.label, &last.label, min, max),
        _ => String::new(),
    };
    let stem = name.trim_end_matches(".csv").to_string();
    let count = |v: u64| lang.number(v as f64, 0);
    let pct = |v: Option<f64>| v.map_or(t.calc.no_figure.to_string(), |v| lang.percent(v));
    // The customer base's other counts (the warehouse SQL's base), in the columns of a
    // log's base table: churned, new, reactivated, acquired, where the file has them.
    let has = |f: fn(&Flows) -> Option<u64>| counts.rows.iter().any(|r| r.flows.as_ref().and_then(f).is_some());
    let shown = [has(|f| f.churned), has(|f| f.new_customers), has(|f| f.reactivated), has(|f| f.acquired)];
    let x = t.analysis;
    let mut headings = vec![t.col_s, t.col_e];
    if shown[0] {
        headings.push(x.col_churned);
    }
    headings.push(if shown.iter().any(|s| *s) { x.col_joined } else { t.col_n });
    headings.extend(
        [(shown[1], x.col_new), (shown[2], x.col_reactivated), (shown[3], x.col_acquired)]
            .iter()
            .filter(|(s, _)| *s)
            .map(|(_, h)| *h),
    );
    headings.extend([t.col_crr, t.col_churn]);

    html! {
        <section class="card period-counts" data-file={name.to_string()} data-kind="period_counts">
            <h2>{ t.calc.crr_name }{ " · " }{ t.calc.churn_name }</h2>
            <p class="file-summary">{ summary }</p>
            <div class="formula-box">
                <p><code>{ t.calc.formula_crr }</code>{ " · " }<code>{ t.calc.formula_churn }</code></p>
                <details>
                    <summary>{ t.calc.how_computed }</summary>
                    <p>{ t.crr_explain }</p>
                    <p>{ t.churn_explain }</p>
                    <p>{ t.target_explain }</p>
                </details>
            </div>
            { figures_table(t.col_period, &headings, html! {
                { for counts.rows.iter().map(|r| {
                    let period = AttrValue::from(r.period.to_string());
                    let flow = |metric: &'static str, v: Option<u64>| html! {
                        { period_cell(metric, v.map(|v| v as f64), v.map_or(t.calc.no_figure.to_string(), count), period.clone()) }
                    };
                    let flows = r.flows.unwrap_or_default();
                    html! {
                        <tr>
                            <th scope="row">{ period.clone() }</th>
                            { period_cell(key::BASE_START, Some(r.start as f64), count(r.start), period.clone()) }
                            { period_cell(key::BASE_END, Some(r.end as f64), count(r.end), period.clone()) }
                            if shown[0] { { flow(key::CHURNED, flows.churned) } }
                            { period_cell(key::JOINED, Some(r.new as f64), count(r.new), period.clone()) }
                            if shown[1] { { flow(key::NEW_CUSTOMERS, flows.new_customers) } }
                            if shown[2] { { flow(key::REACTIVATED, flows.reactivated) } }
                            if shown[3] { { flow(key::ACQUIRED, flows.acquired) } }
                            { period_cell(key::CRR, r.crr(), pct(r.crr()), period.clone()) }
                            { period_cell(key::CHURN_RATE, r.churn_rate(), pct(r.churn_rate()), period) }
                        </tr>
                    }
                }) }
            }) }
            <ChartFigure name="crr" title={t.chart_title} svg={svg} alt={alt} stem={stem} />
        </section>
    }
}

/// A cohort table that was read (the warehouse SQL's `cohorts`): the same table,
/// heatmap and curves as a log's cohorts.
fn cohorts_view(name: &str, report: &FileReport, cohorts: &[Cohort], average: &[Option<f64>], lang: Lang) -> Html {
    let x = lang.texts().analysis;
    let stem = AttrValue::from(name.trim_end_matches(".csv").to_string());
    html! {
        <section class="card file-result" data-file={name.to_string()} data-kind="cohorts">
            <h2>{ x.sec_cohorts }</h2>
            <p class="file-summary">{ summary_line(name, report, lang) }</p>
            <super::analysis::CohortsPart {lang} cohorts={Rc::new(cohorts.to_vec())} average={Rc::new(average.to_vec())} {stem} />
        </section>
    }
}

fn row_errors_view(files: &Files, lang: Lang, on_download: &Callback<()>) -> Html {
    let t = lang.texts();
    let skipped = files.rows_skipped();
    let several_files = files.reports().count() > 1;
    let on_download = on_download.reform(|_: MouseEvent| ());
    html! {
        <section class="card row-errors-card">
            <p class="kpi-inline">
                <span>{ t.rows_skipped_label }{ ": " }</span>
                <strong data-metric={key::ROWS_SKIPPED} data-value={machine_value(Some(skipped as f64))}>
                    { lang.number(skipped as f64, 0) }
                </strong>
            </p>
            if skipped > 0 {
                <h3>{ t.row_errors_heading }</h3>
                <ul data-testid="row-errors" class="row-errors">
                    { for files.row_errors().take(ROW_ERRORS_SHOWN).map(|(name, e)| html! {
                        <li data-line={e.line.to_string()}>
                            if several_files { <span class="file-name">{ name }{ ": " }</span> }
                            <span class="place">{ t.row_error_place(e) }</span>{ ": " }{ t.row_error_reason(e) }
                        </li>
                    }) }
                </ul>
                if skipped > ROW_ERRORS_SHOWN as u64 {
                    <p class="hint">{ (t.more_errors)((skipped - ROW_ERRORS_SHOWN as u64) as usize) }</p>
                }
                <button type="button" class="button secondary" data-testid="export-row-errors" onclick={on_download}>
                    { t.download_errors }
                </button>
            }
        </section>
    }
}
