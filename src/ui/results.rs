//! What the loaded files say: per file a table of CRR and churn per period, the
//! chart, how the figures are computed, and the rows that were skipped.

use super::analysis::AnalysisView;
use super::chart::{ChartFigure, CHART_HEIGHT, CHART_WIDTH};
use super::figure::{machine_value, period_cell};
use super::session::Session;
use crate::charts::rates::{self, RatePoint};
use crate::i18n::Lang;
use crate::ingest::PeriodCounts;
use crate::report::{Content, FileReport};
use crate::state::{AppState, Status};
use std::rc::Rc;
use yew::prelude::*;

/// Skipped rows listed on the page; the download has them all.
const ROW_ERRORS_SHOWN: usize = 200;

#[derive(Properties, PartialEq)]
pub struct ResultsProps {
    pub state: UseReducerHandle<AppState>,
    pub session: Rc<Session>,
}

#[function_component(Results)]
pub fn results(props: &ResultsProps) -> Html {
    let state = &props.state;
    // While figures are computed again for new settings, the old ones stay in view
    // (the status says they are not current).
    if state.status != Status::Ready && !state.recomputing() {
        return html! {};
    }
    let lang = state.lang;
    html! {
        <>
            { for state.reports().map(|(name, report)| match (&report.content, &state.analysis) {
                (Content::PeriodCounts(p), _) => period_counts_view(name, report, p, lang),
                (Content::Transactions(_), Some(a)) if a.file == name => html! {
                    <AnalysisView state={state.clone()} session={props.session.clone()} analysis={a.clone()}
                        summary={summary_line(name, report, lang)} />
                },
                _ => other_view(name, report, lang),
            }) }
            { row_errors_view(state, &props.session) }
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

/// A card of figures: (label, key, value, how to show it).
fn figure_cards(items: Vec<(&'static str, &'static str, Option<f64>, String)>) -> Html {
    html! {
        <div class="kpis wide">
            { for items.into_iter().map(|(label, key, value, shown)| html! {
                <div class="kpi">
                    <span class="kpi-label">{ label }</span>
                    <span class="kpi-value small" data-metric={key} data-value={machine_value(value)}>{ shown }</span>
                </div>
            }) }
        </div>
    }
}

fn other_view(name: &str, report: &FileReport, lang: Lang) -> Html {
    let t = lang.texts();
    let n = |v: f64, d: usize| lang.number(v, d);
    let opt = |v: Option<f64>, d: usize| v.map_or(t.no_figure.to_string(), |v| lang.number(v, d));
    let (title, cards) = match &report.content {
        Content::Transactions(summary) => {
            let x = &summary.totals;
            let top10 = summary.top10_revenue_share();
            (
                t.kind_title_transactions,
                vec![
                    (
                        t.fig_customers,
                        "customers_total",
                        Some(x.customers_total as f64),
                        n(x.customers_total as f64, 0),
                    ),
                    (
                        t.fig_transactions,
                        "transactions_total",
                        Some(x.transactions_total as f64),
                        n(x.transactions_total as f64, 0),
                    ),
                    (t.fig_revenue, "revenue_total", x.revenue_total, opt(x.revenue_total, 2)),
                    (t.fig_aov, "aov", x.aov, opt(x.aov, 2)),
                    (t.fig_frequency, "purchase_frequency", x.purchase_frequency, opt(x.purchase_frequency, 2)),
                    (
                        t.fig_repeat_rate,
                        "repeat_rate",
                        x.repeat_rate,
                        x.repeat_rate.map_or(t.no_figure.into(), |v| lang.percent(v)),
                    ),
                    (t.fig_top10, "top10_revenue_share", top10, top10.map_or(t.no_figure.into(), |v| lang.percent(v))),
                ],
            )
        }
        Content::CustomerSummary { customers, mean_frequency, mean_recency, mean_age, .. } => (
            t.kind_title_summary,
            vec![
                (t.fig_customers, "customers_total", Some(*customers as f64), n(*customers as f64, 0)),
                (t.fig_mean_frequency, "mean_frequency", *mean_frequency, opt(*mean_frequency, 2)),
                (t.fig_mean_recency, "mean_recency", *mean_recency, opt(*mean_recency, 2)),
                (t.fig_mean_age, "mean_T", *mean_age, opt(*mean_age, 2)),
            ],
        ),
        Content::MarketingSpend { totals: s, .. } => {
            let (all, acq, ret) = (s.spend_total, s.acquisition_spend, s.retention_spend);
            (
                t.kind_title_spend,
                vec![
                    (t.fig_spend_total, "spend_total", Some(all), n(all, 2)),
                    (t.fig_spend_acquisition, "acquisition_spend", Some(acq), n(acq, 2)),
                    (t.fig_spend_retention, "retention_spend", Some(ret), n(ret, 2)),
                ],
            )
        }
        Content::Survey(s) => (
            t.kind_title_survey,
            vec![
                (t.fig_responses, "responses", Some(s.responses as f64), n(s.responses as f64, 0)),
                ("NPS", "nps", s.nps, opt(s.nps, 1)),
                (t.fig_promoters, "promoters", Some(s.promoters as f64), n(s.promoters as f64, 0)),
                (t.fig_passives, "passives", Some(s.passives as f64), n(s.passives as f64, 0)),
                (t.fig_detractors, "detractors", Some(s.detractors as f64), n(s.detractors as f64, 0)),
            ],
        ),
        Content::Subscriptions { subscriptions, active, ended } => (
            t.kind_title_subscriptions,
            vec![
                (t.fig_subscriptions, "subscriptions", Some(*subscriptions as f64), n(*subscriptions as f64, 0)),
                (t.fig_active, "active", Some(*active as f64), n(*active as f64, 0)),
                (t.fig_ended, "ended", Some(*ended as f64), n(*ended as f64, 0)),
            ],
        ),
        Content::PeriodCounts(_) => return html! {},
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
    let pct = |v: Option<f64>| v.map_or(t.no_figure.to_string(), |v| lang.percent(v));

    html! {
        <section class="card period-counts" data-file={name.to_string()} data-kind="period_counts">
            <h2>{ t.crr_name }{ " · " }{ t.churn_name }</h2>
            <p class="file-summary">{ summary }</p>
            <div class="formula-box">
                <p><code>{ t.formula_crr }</code>{ " · " }<code>{ t.formula_churn }</code></p>
                <details>
                    <summary>{ t.how_computed }</summary>
                    <p>{ t.crr_explain }</p>
                    <p>{ t.churn_explain }</p>
                    <p>{ t.target_explain }</p>
                </details>
            </div>
            <div class="table-wrap">
                <table class="figures">
                    <thead><tr>
                        <th scope="col">{ t.col_period }</th>
                        <th scope="col" class="num">{ t.col_s }</th>
                        <th scope="col" class="num">{ t.col_e }</th>
                        <th scope="col" class="num">{ t.col_n }</th>
                        <th scope="col" class="num">{ "CRR" }</th>
                        <th scope="col" class="num">{ "Churn" }</th>
                    </tr></thead>
                    <tbody>
                        { for counts.rows.iter().map(|r| {
                            let period = AttrValue::from(r.period.to_string());
                            html! {
                                <tr>
                                    <th scope="row">{ period.clone() }</th>
                                    { period_cell("base_start", Some(r.start as f64), count(r.start), period.clone()) }
                                    { period_cell("base_end", Some(r.end as f64), count(r.end), period.clone()) }
                                    { period_cell("joined", Some(r.new as f64), count(r.new), period.clone()) }
                                    { period_cell("crr", r.crr(), pct(r.crr()), period.clone()) }
                                    { period_cell("churn_rate", r.churn_rate(), pct(r.churn_rate()), period) }
                                </tr>
                            }
                        }) }
                    </tbody>
                </table>
            </div>
            <ChartFigure name="crr" title={t.chart_title} svg={svg} alt={alt} stem={stem} />
        </section>
    }
}

fn row_errors_view(state: &AppState, session: &Rc<Session>) -> Html {
    let t = state.lang.texts();
    let skipped = state.rows_skipped();
    let several_files = state.reports().count() > 1;
    let on_download = {
        let (session, lang) = (session.clone(), state.lang);
        Callback::from(move |_: MouseEvent| session.export_errors(lang))
    };
    html! {
        <section class="card row-errors-card">
            <p class="kpi-inline">
                <span>{ t.rows_skipped_label }{ ": " }</span>
                <strong data-metric="rows_skipped" data-value={machine_value(Some(skipped as f64))}>
                    { state.lang.number(skipped as f64, 0) }
                </strong>
            </p>
            if skipped > 0 {
                <h3>{ t.row_errors_heading }</h3>
                <ul data-testid="row-errors" class="row-errors">
                    { for state.row_errors().take(ROW_ERRORS_SHOWN).map(|(name, e)| html! {
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
