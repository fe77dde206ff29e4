//! The analysis of a transaction log: settings (granularity, window, segment
//! column), totals, the customer base per period, cohorts, concentration, RFM
//! segments, segment comparison and NPS, with charts and downloads. The figures come
//! computed from the worker (`crate::metrics::analysis`); this only lays them out.

use super::browser;
use super::chart::ChartFigure;
use super::figure::{machine_value, period_cell, segment_cell};
use super::session::Session;
use crate::calendar::Granularity;
use crate::charts::{bars, flow, heatmap, lines, lorenz, palette, rates};
use crate::export::{analysis_json, table_csv};
use crate::i18n::Lang;
use crate::metrics::analysis::{Analysis, AnalysisSettings, MAX_WINDOW_DAYS};
use crate::metrics::base::BasePeriod;
use crate::metrics::cohorts::{with_customers, Cohort};
use crate::metrics::comparison::Comparison;
use crate::metrics::comparison::CLAIMED_MEMBER_UPLIFT;
use crate::metrics::comparison::OTHER;
use crate::metrics::concentration::Concentration;
use crate::metrics::concentration::CLAIMED_TOP10_SPEND_RATIO;
use crate::metrics::purchase_gaps::PurchaseGaps;
use crate::metrics::rfm::Rfm;
use crate::metrics::rfm::Segment;
use crate::metrics::timeline::MAX_PERIODS;
use crate::state::AppState;
use std::rc::Rc;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct AnalysisProps {
    pub state: UseReducerHandle<AppState>,
    pub session: Rc<Session>,
    pub analysis: Rc<Analysis>,
    /// The file's one-line summary (rows read, skipped, delimiter, encoding).
    pub summary: AttrValue,
}

/// What the cohort table shows.
#[derive(Clone, Copy, PartialEq)]
enum CohortMode {
    CustomersPct,
    Customers,
    RevenuePct,
    Revenue,
}

const COHORT_MODES: [CohortMode; 4] =
    [CohortMode::CustomersPct, CohortMode::Customers, CohortMode::RevenuePct, CohortMode::Revenue];

struct BaseCharts {
    rates: String,
    flow: String,
}

struct CohortCharts {
    heatmap: String,
    curves: String,
}

const SIZE: (u32, u32) = (super::chart::CHART_WIDTH, super::chart::CHART_HEIGHT);

fn base_charts(base: &[BasePeriod], lang: Lang) -> BaseCharts {
    let x = lang.texts().analysis;
    let (w, h) = SIZE;
    let points: Vec<rates::RatePoint> = base
        .iter()
        .map(|p| rates::RatePoint { label: p.period.to_string(), crr: p.crr, churn: p.churn_rate })
        .collect();
    let flow_points: Vec<flow::FlowPoint> = base
        .iter()
        .map(|p| flow::FlowPoint {
            label: p.period.to_string(),
            retained: p.retained(),
            new: p.new_customers,
            reactivated: p.reactivated,
            churned: p.churned,
        })
        .collect();
    let names = flow::FlowNames {
        retained: x.flow_retained,
        new: x.col_new,
        reactivated: x.col_reactivated,
        churned: x.col_churned,
    };
    BaseCharts { rates: rates::svg(&points, lang, w, h), flow: flow::svg(&flow_points, names, lang, w, h) }
}

fn cohort_charts(cohorts: &[Cohort], average: &[Option<f64>], lang: Lang, revenue: bool) -> CohortCharts {
    let x = lang.texts().analysis;
    let (w, h) = SIZE;
    let cohorts: Vec<_> = with_customers(cohorts).collect();
    let labels: Vec<String> = cohorts.iter().map(|c| c.period.to_string()).collect();
    let values: Vec<Vec<Option<f64>>> = cohorts
        .iter()
        .map(|c| (0..c.active.len()).map(|k| if revenue { c.revenue_pct(k) } else { c.retention(k) }).collect())
        .collect();
    let offsets: Vec<String> = (0..average.len()).map(|k| k.to_string()).collect();
    let mut curves: Vec<lines::Series> = cohorts
        .iter()
        .map(|c| lines::Series {
            name: "",
            color: palette::COHORT,
            values: (0..c.active.len()).map(|k| c.retention(k)).collect(),
            emphasis: false,
        })
        .collect();
    curves.push(lines::Series { name: x.average_name, color: palette::CRR, values: average.to_vec(), emphasis: true });
    CohortCharts {
        heatmap: heatmap::svg(&labels, &values, x.offset_axis, x.col_cohort, lang, w, h.max(420)),
        curves: lines::svg(&offsets, &curves, lines::Axis { max: 100.0, percent: true }, &[], lang, w, h),
    }
}

fn gaps_chart(gaps: &PurchaseGaps, lang: Lang) -> String {
    let x = lang.texts().analysis;
    let (w, h) = SIZE;
    let labels: Vec<String> = x.gap_bins.iter().map(|s| s.to_string()).collect();
    let counts: Vec<f64> = gaps.days_between_histogram.iter().map(|&c| c as f64).collect();
    bars::svg(&labels, &counts, &[], x.gaps_axis, lang, w, h)
}

fn lorenz_chart(c: &Concentration, lang: Lang) -> Option<String> {
    let x = lang.texts().analysis;
    let (w, h) = SIZE;
    let names = lorenz::LorenzNames {
        curve: x.lorenz_curve,
        equality: x.lorenz_equality,
        top10: x.top10_label,
        x_title: x.lorenz_x,
        y_title: x.lorenz_y,
    };
    Some(lorenz::svg(c.lorenz.as_ref()?, c.top10_revenue_share, names, lang, w, h))
}

/// Revenue per segment, when the log has amounts.
fn rfm_chart(rfm: &Rfm, lang: Lang) -> Option<String> {
    let t = lang.texts();
    let x = t.analysis;
    let (w, h) = SIZE;
    rfm.segments.iter().all(|s| s.segment_revenue.is_some()).then(|| {
        let names: Vec<String> = rfm.segments.iter().map(|s| (x.segment_name)(s.segment).to_string()).collect();
        let revenue: Vec<f64> = rfm.segments.iter().map(|s| s.segment_revenue.unwrap_or(0.0)).collect();
        bars::svg(&names, &revenue, &[], t.fig_revenue, lang, w, h)
    })
}

fn comparison_chart(comparison: Option<&Comparison>, lang: Lang) -> Option<String> {
    let x = lang.texts().analysis;
    let (w, h) = SIZE;
    let c = comparison.filter(|c| c.groups.iter().any(|g| g.revenue_per_customer.is_some()))?;
    let names: Vec<String> = c.groups.iter().map(|g| value_label(lang, &g.value)).collect();
    let values: Vec<f64> = c.groups.iter().map(|g| g.revenue_per_customer.unwrap_or(0.0)).collect();
    // Members' spend as the literature has it: the non-members' figure + 18%.
    let claimed = c.claimed_member_revenue().map(|value| crate::charts::Reference { value, label: x.claim_member });
    Some(bars::svg(&names, &values, claimed.as_slice(), x.col_revenue_per_customer, lang, w, h))
}

#[function_component(AnalysisView)]
pub fn analysis_view(p: &AnalysisProps) -> Html {
    let state = &p.state;
    let a = &p.analysis;
    let lang = state.lang;
    let t = lang.texts();
    let x = t.analysis;
    let stem: AttrValue = a.file.trim_end_matches(".csv").to_string().into();
    let change = {
        let (state, session) = (state.clone(), p.session.clone());
        move |edit: fn(&mut AnalysisSettings, String), value: String| {
            let mut settings = state.settings.clone();
            edit(&mut settings, value);
            session.change_settings(state.clone(), settings);
        }
    };
    let on_granularity = Callback::from({
        let change = change.clone();
        move |e: Event| {
            let select: web_sys::HtmlSelectElement = e.target_unchecked_into();
            change(|s, v| s.granularity = Granularity::from_key(&v).unwrap_or(s.granularity), select.value());
        }
    });
    let on_window = {
        let (current, change) = (state.settings.window_days, change.clone());
        Callback::from(move |e: Event| {
            let input: web_sys::HtmlInputElement = e.target_unchecked_into();
            match input.value().trim().parse::<u32>() {
                Ok(w) if (1..=MAX_WINDOW_DAYS).contains(&w) => {
                    change(|s, v| s.window_days = v.parse().unwrap_or(s.window_days), w.to_string())
                }
                _ => input.set_value(&current.to_string()),
            }
        })
    };
    let on_segment = Callback::from(move |e: Event| {
        let select: web_sys::HtmlSelectElement = e.target_unchecked_into();
        change(|s, v| s.segment_by = (!v.is_empty()).then_some(v), select.value());
    });
    let on_json = {
        let (a, stem) = (a.clone(), stem.clone());
        Callback::from(move |_: MouseEvent| {
            browser::download(&format!("{stem}-figures.json"), "application/json", &analysis_json(&a))
        })
    };
    let settings = &state.settings;
    let busy = state.recomputing();

    html! {
        <section class="card file-result analysis" data-file={a.file.clone()} data-kind="transactions" aria-busy={busy.to_string()}>
            <h2>{ x.title }</h2>
            <p class="file-summary">{ p.summary.clone() }</p>
            <div class="settings-bar" role="group" aria-label={x.settings_title}>
                <label>
                    <span>{ x.granularity_label }</span>
                    <select data-setting="granularity" onchange={on_granularity}>
                        { for Granularity::ALL.iter().zip(x.granularity_names).map(|(g, name)| html! {
                            <option value={g.key()} selected={*g == settings.granularity}>{ name }</option>
                        }) }
                    </select>
                </label>
                <label>
                    <span>{ x.window_label }</span>
                    <input type="number" data-setting="window_days" min="1" max={MAX_WINDOW_DAYS.to_string()} step="1"
                        value={settings.window_days.to_string()} onchange={on_window} />
                </label>
                <label>
                    <span>{ x.segment_label }</span>
                    <select data-setting="segment" onchange={on_segment}>
                        <option value="" selected={settings.segment_by.is_none()}>{ x.segment_none }</option>
                        { for a.summary.attributes.iter().map(|name| html! {
                            <option value={name.clone()} selected={settings.segment_by.as_ref() == Some(name)}>{ name.clone() }</option>
                        }) }
                    </select>
                </label>
                // Always there, shown only while busy: the bar keeps its layout.
                <span class={classes!("recomputing", busy.then_some("busy"))} role="status">{ x.recomputing }</span>
                <button type="button" class="button small" data-testid="export-json" onclick={on_json}>{ x.export_json }</button>
            </div>
            <AnalysisBody analysis={Shared(a.clone())} lang={lang} stem={stem} session={p.session.clone()} />
        </section>
    }
}

/// An analysis shared between renders, compared by identity (a new one is new figures).
#[derive(Clone)]
pub struct Shared(pub Rc<Analysis>);

impl PartialEq for Shared {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.0, &other.0)
    }
}

#[derive(Properties, PartialEq)]
struct BodyProps {
    analysis: Shared,
    lang: Lang,
    stem: AttrValue,
    session: Rc<Session>,
}

/// What one section of the figures is drawn from: the whole analysis, but two
/// analyses count as equal when the figures this section shows are (`same`). A new
/// window then redraws the customer base, not the cohorts, RFM or concentration.
#[derive(Properties)]
struct SectionProps {
    analysis: Rc<Analysis>,
    lang: Lang,
    stem: AttrValue,
    session: Rc<Session>,
    /// Whether two analyses show the same in this section (fixed per section).
    same: fn(&Analysis, &Analysis) -> bool,
}

impl PartialEq for SectionProps {
    fn eq(&self, other: &Self) -> bool {
        self.lang == other.lang
            && self.stem == other.stem
            && Rc::ptr_eq(&self.session, &other.session)
            && (Rc::ptr_eq(&self.analysis, &other.analysis) || (self.same)(&self.analysis, &other.analysis))
    }
}

fn same_totals(a: &Analysis, b: &Analysis) -> bool {
    a.summary.totals == b.summary.totals && a.summary.gaps == b.summary.gaps
}

fn same_base(a: &Analysis, b: &Analysis) -> bool {
    a.base == b.base && a.base_complete_from == b.base_complete_from && a.settings.window_days == b.settings.window_days
}

fn same_cohorts(a: &Analysis, b: &Analysis) -> bool {
    a.cohorts == b.cohorts && a.cohort_avg_retention == b.cohort_avg_retention
}

fn same_concentration(a: &Analysis, b: &Analysis) -> bool {
    a.summary.concentration == b.summary.concentration
}

fn same_rfm(a: &Analysis, b: &Analysis) -> bool {
    a.summary.rfm == b.summary.rfm
}

fn same_comparison(a: &Analysis, b: &Analysis) -> bool {
    a.comparison == b.comparison && a.summary.attributes == b.summary.attributes
}

fn same_survey(a: &Analysis, b: &Analysis) -> bool {
    a.survey == b.survey
}

/// The figures, tables and charts: drawn again only for a new analysis or language,
/// not when the status or a setting control changes; and then only the sections
/// whose figures changed.
#[function_component(AnalysisBody)]
fn analysis_body(p: &BodyProps) -> Html {
    let (a, lang) = (&p.analysis.0, p.lang);
    let x = lang.texts().analysis;
    let section = |same: fn(&Analysis, &Analysis) -> bool| SectionProps {
        analysis: a.clone(),
        lang,
        stem: p.stem.clone(),
        session: p.session.clone(),
        same,
    };
    html! {
        <>
            <TotalsSection ..section(same_totals) />
            if a.periods > MAX_PERIODS {
                <p class="file-errors" data-testid="too-many-periods">
                    { (x.too_many_periods)(a.periods, &span_day(a, 0), &span_day(a, 1)) }
                </p>
            } else {
                <BaseSection ..section(same_base) />
                <CohortsSection ..section(same_cohorts) />
            }
            <ConcentrationSection ..section(same_concentration) />
            <RfmSection ..section(same_rfm) />
            <ComparisonSection ..section(same_comparison) />
            if a.survey.is_some() { <NpsSection ..section(same_survey) /> }
        </>
    }
}

/// The download of one table of the analysis as CSV.
fn csv_button(p: &SectionProps, table: &'static str) -> Html {
    let (a, stem) = (p.analysis.clone(), p.stem.clone());
    let onclick = Callback::from(move |_: MouseEvent| {
        if let Some(csv) = table_csv(&a, table) {
            browser::download(&format!("{stem}-{table}.csv"), "text/csv;charset=utf-8", &csv);
        }
    });
    html! {
        <button type="button" class="button small secondary" data-testid="export-csv" data-table={table} {onclick}>
            { p.lang.texts().analysis.export_csv }
        </button>
    }
}

/// The first (0) or last (1) purchase day as text.
fn span_day(a: &Analysis, which: usize) -> String {
    a.summary.span.map(|(f, l)| if which == 0 { f } else { l }.to_string()).unwrap_or_default()
}

fn count(lang: Lang, v: u64) -> String {
    lang.number(v as f64, 0)
}

fn pct(lang: Lang, v: Option<f64>) -> String {
    v.map_or(lang.texts().no_figure.to_string(), |v| lang.percent(v))
}

fn num(lang: Lang, v: Option<f64>, decimals: usize) -> String {
    v.map_or(lang.texts().no_figure.to_string(), |v| lang.number(v, decimals))
}

/// A card: label, `data-metric`, value, display.
fn card(label: String, key: &'static str, value: Option<f64>, shown: String, note: Option<String>) -> Html {
    html! {
        <div class="kpi">
            <span class="kpi-label">{ label }</span>
            <span class="kpi-value small" data-metric={key} data-value={machine_value(value)}>{ shown }</span>
            if let Some(note) = note { <span class="kpi-note">{ note }</span> }
        </div>
    }
}

fn heading(title: &str, csv: Html) -> Html {
    html! { <div class="section-head"><h3>{ title.to_string() }</h3><span class="exports">{ csv }</span></div> }
}

#[function_component(TotalsSection)]
fn totals_section(p: &SectionProps) -> Html {
    let (a, lang, stem) = (&p.analysis, p.lang, &p.stem);
    let t = lang.texts();
    let x = t.analysis;
    let v = &a.summary.totals;
    let cards = vec![
        card(
            t.fig_customers.into(),
            "customers_total",
            Some(v.customers_total as f64),
            count(lang, v.customers_total),
            None,
        ),
        card(
            t.fig_transactions.into(),
            "transactions_total",
            Some(v.transactions_total as f64),
            count(lang, v.transactions_total),
            None,
        ),
        card(t.fig_revenue.into(), "revenue_total", v.revenue_total, num(lang, v.revenue_total, 2), None),
        card(t.fig_aov.into(), "aov", v.aov, num(lang, v.aov, 2), None),
        card(
            t.fig_frequency.into(),
            "purchase_frequency",
            v.purchase_frequency,
            num(lang, v.purchase_frequency, 2),
            None,
        ),
        card(t.fig_repeat_rate.into(), "repeat_rate", v.repeat_rate, pct(lang, v.repeat_rate), None),
        card(
            x.fig_days_median.into(),
            "days_between_median",
            a.summary.gaps.days_between_median,
            num(lang, a.summary.gaps.days_between_median, 1),
            None,
        ),
        card(
            x.fig_days_mean.into(),
            "days_between_mean",
            a.summary.gaps.days_between_mean,
            num(lang, a.summary.gaps.days_between_mean, 1),
            None,
        ),
    ];
    let alt = (x.gaps_alt)(
        &num(lang, a.summary.gaps.days_between_median, 1),
        &num(lang, a.summary.gaps.days_between_mean, 1),
    );
    html! {
        <div class="analysis-part">
            { heading(x.sec_totals, csv_button(p, "totals")) }
            <div class="kpis wide">{ for cards }</div>
            <ChartFigure name="purchase-gaps" title={x.gaps_title} svg={gaps_chart(&a.summary.gaps, lang)} alt={alt} stem={stem.clone()} />
        </div>
    }
}

#[function_component(BaseSection)]
fn base_section(p: &SectionProps) -> Html {
    let (a, lang, stem) = (&p.analysis, p.lang, &p.stem);
    let charts = base_charts(&a.base, lang);
    let t = lang.texts();
    let x = t.analysis;
    let complete_from = a.base_complete_from;
    let note = complete_from.map(|d| (x.window_note)(a.settings.window_days, &d.to_string()));
    let rates_alt = match (a.base.first(), a.base.last()) {
        (Some(f), Some(l)) => {
            let crrs = a.base.iter().filter_map(|p| p.crr);
            let (min, max) = crrs.fold((f64::INFINITY, f64::NEG_INFINITY), |(lo, hi), v| (lo.min(v), hi.max(v)));
            (t.chart_alt)(a.base.len(), &f.period.to_string(), &l.period.to_string(), min, max)
        }
        _ => String::new(),
    };
    html! {
        <div class="analysis-part">
            { heading(x.sec_base, csv_button(p, "base")) }
            if let Some(note) = note { <p class="note" data-testid="window-note">{ note }</p> }
            <details class="formula-box">
                <summary>{ t.how_computed }</summary>
                <p>{ x.base_explain }</p>
            </details>
            <div class="table-wrap">
                <table class="figures">
                    <thead><tr>
                        <th scope="col">{ t.col_period }</th>
                        <th scope="col" class="num">{ t.col_s }</th>
                        <th scope="col" class="num">{ t.col_e }</th>
                        <th scope="col" class="num">{ x.col_churned }</th>
                        <th scope="col" class="num">{ x.col_joined }</th>
                        <th scope="col" class="num">{ x.col_new }</th>
                        <th scope="col" class="num">{ x.col_reactivated }</th>
                        <th scope="col" class="num">{ x.col_acquired }</th>
                        <th scope="col" class="num">{ "CRR" }</th>
                        <th scope="col" class="num">{ "Churn" }</th>
                    </tr></thead>
                    <tbody>
                        { for a.base.iter().map(|r| {
                            let period = AttrValue::from(r.period.to_string());
                            let under = complete_from.is_some_and(|d| r.period.start() < d);
                            let c = |metric: &'static str, v: u64| html! {
                                { period_cell(metric, Some(v as f64), count(lang, v), period.clone()) }
                            };
                            html! {
                                <tr class={classes!(under.then_some("undercounted"))}>
                                    <th scope="row">{ period.clone() }{ if under { x.undercount_mark } else { "" } }</th>
                                    { c("base_start", r.base_start) }
                                    { c("base_end", r.base_end) }
                                    { c("churned", r.churned) }
                                    { c("joined", r.joined) }
                                    { c("new_customers", r.new_customers) }
                                    { c("reactivated", r.reactivated) }
                                    { c("acquired", r.acquired) }
                                    { period_cell("crr", r.crr, pct(lang, r.crr), period.clone()) }
                                    { period_cell("churn_rate", r.churn_rate, pct(lang, r.churn_rate), period) }
                                </tr>
                            }
                        }) }
                    </tbody>
                </table>
            </div>
            <ChartFigure name="crr" title={x.rates_title} svg={charts.rates} alt={rates_alt} stem={stem.clone()} />
            <ChartFigure name="flow" title={x.flow_title} svg={charts.flow} alt={(x.flow_alt)(a.base.len())} stem={stem.clone()} />
        </div>
    }
}

#[function_component(CohortsSection)]
fn cohorts_section(p: &SectionProps) -> Html {
    let (a, lang, stem) = (&p.analysis, p.lang, &p.stem);
    let mode = use_state(|| CohortMode::CustomersPct);
    let revenue_heatmap = matches!(*mode, CohortMode::RevenuePct | CohortMode::Revenue);
    // The mode redraws the table; the charts only when it switches customers / revenue.
    let charts = use_memo((lang, revenue_heatmap, Shared(a.clone())), |(lang, revenue, a)| {
        cohort_charts(&a.0.cohorts, &a.0.cohort_avg_retention, *lang, *revenue)
    });
    let t = lang.texts();
    let x = t.analysis;
    let cohorts: Vec<_> = with_customers(&a.cohorts).collect();
    let current = *mode;
    let on_mode = Callback::from(move |e: Event| {
        let select: web_sys::HtmlSelectElement = e.target_unchecked_into();
        if let Some(m) = select.value().parse::<usize>().ok().and_then(|i| COHORT_MODES.get(i)) {
            mode.set(*m);
        }
    });
    html! {
        <div class="analysis-part">
            { heading(x.sec_cohorts, csv_button(p, "cohorts")) }
            <details class="formula-box">
                <summary>{ t.how_computed }</summary>
                <p>{ x.cohort_explain }</p>
            </details>
            <label class="inline-setting">
                <span>{ x.cohort_mode_label }</span>
                <select data-testid="cohort-mode" onchange={on_mode}>
                    { for x.cohort_modes.iter().enumerate().map(|(i, name)| html! {
                        <option value={i.to_string()} selected={COHORT_MODES[i] == current}>{ *name }</option>
                    }) }
                </select>
            </label>
            <CohortTable cohorts={a.cohorts.clone()} average={a.cohort_avg_retention.clone()} lang={lang} mode={current} />
            <ChartFigure name="cohort-heatmap" title={x.heatmap_title} svg={charts.heatmap.clone()}
                alt={(x.cohorts_alt)(cohorts.len())} stem={stem.clone()} height={420} />
            <ChartFigure name="cohort-curves" title={x.curves_title} svg={charts.curves.clone()}
                alt={(x.cohorts_alt)(cohorts.len())} stem={stem.clone()} />
        </div>
    }
}

/// Cohort tables larger than this are drawn only on request.
const MAX_TABLE_CELLS: usize = 3000;

#[derive(Properties, PartialEq)]
struct CohortTableProps {
    cohorts: Vec<Cohort>,
    average: Vec<Option<f64>>,
    lang: Lang,
    mode: CohortMode,
}

/// The cohort table, heat-coloured; drawn again only when its figures or mode change
/// (not for a new window, which leaves cohorts as they are).
#[function_component(CohortTable)]
fn cohort_table(p: &CohortTableProps) -> Html {
    let (lang, current) = (p.lang, p.mode);
    let x = lang.texts().analysis;
    let cohorts: Vec<&Cohort> = with_customers(&p.cohorts).collect();
    let offsets = p.average.len();
    // Weekly cohorts over years make tens of thousands of cells: drawn when asked for.
    let cells: usize = cohorts.iter().map(|c| c.active.len()).sum();
    let shown = use_state(|| false);
    if cells > MAX_TABLE_CELLS && !*shown {
        let onclick = Callback::from(move |_: MouseEvent| shown.set(true));
        return html! {
            <p class="note">
                <button type="button" class="button small secondary" data-testid="show-cohort-table" {onclick}>
                    { (x.show_table)(cells) }
                </button>
            </p>
        };
    }
    let max_abs = cohorts
        .iter()
        .flat_map(|c| match current {
            CohortMode::Customers => c.active.iter().map(|&v| v as f64).collect::<Vec<_>>(),
            _ => c.revenue.clone(),
        })
        .fold(0.0f64, f64::max);
    let cell = |c: &Cohort, k: usize| {
        let (metric, value, shown, heat) = match current {
            CohortMode::CustomersPct => ("cohort_retention", c.retention(k), pct(lang, c.retention(k)), c.retention(k)),
            CohortMode::Customers => {
                let v = c.active[k] as f64;
                ("cohort_active", Some(v), count(lang, c.active[k]), Some(v / max_abs.max(1.0) * 100.0))
            }
            CohortMode::RevenuePct => {
                ("cohort_revenue_pct", c.revenue_pct(k), pct(lang, c.revenue_pct(k)), c.revenue_pct(k))
            }
            CohortMode::Revenue => {
                let v = c.revenue[k];
                ("cohort_revenue", Some(v), lang.number(v, 0), Some(v / max_abs.max(1.0) * 100.0))
            }
        };
        let level = heat.map_or(0, |h| (h / 10.0).round().clamp(0.0, 10.0) as u8);
        html! {
            <td class={classes!("num", format!("heat-{level}"))} data-metric={metric} data-value={machine_value(value)}
                data-cohort={c.period.to_string()} data-offset={k.to_string()}>{ shown }</td>
        }
    };
    html! {
        <>
            <div class="table-wrap cohort-table">
                <table class="figures heat">
                    <thead><tr>
                        <th scope="col">{ x.col_cohort }</th>
                        <th scope="col" class="num">{ x.col_size }</th>
                        { for (0..offsets).map(|k| html! { <th scope="col" class="num">{ k }</th> }) }
                    </tr></thead>
                    <tbody>
                        { for cohorts.iter().map(|c| html! {
                            <tr>
                                <th scope="row">{ c.period.to_string() }</th>
                                <td class="num" data-metric="cohort_size" data-value={machine_value(Some(c.size as f64))}
                                    data-cohort={c.period.to_string()}>{ count(lang, c.size) }</td>
                                { for (0..c.active.len()).map(|k| cell(c, k)) }
                            </tr>
                        }) }
                    </tbody>
                    <tfoot>
                        <tr>
                            <th scope="row">{ x.average_name }</th>
                            <td></td>
                            { for p.average.iter().enumerate().map(|(k, v)| html! {
                                <td class="num" data-metric="cohort_avg_retention" data-value={machine_value(*v)}
                                    data-offset={k.to_string()}>{ pct(lang, *v) }</td>
                            }) }
                        </tr>
                    </tfoot>
                </table>
            </div>
        </>
    }
}

#[function_component(ConcentrationSection)]
fn concentration_section(p: &SectionProps) -> Html {
    let (a, lang, stem) = (&p.analysis, p.lang, &p.stem);
    let t = lang.texts();
    let x = t.analysis;
    let Some(c) = &a.summary.concentration else { return html! {} };
    let ratio_shown = c.top10_spend_ratio.map_or(t.no_figure.to_string(), |r| format!("{}×", lang.number(r, 1)));
    html! {
        <div class="analysis-part">
            { heading(x.sec_concentration, html! {}) }
            <div class="kpis wide">
                { card(t.fig_top10.into(), "top10_revenue_share", c.top10_revenue_share, pct(lang, c.top10_revenue_share), None) }
                { card(x.fig_top10_ratio.into(), "top10_spend_ratio", c.top10_spend_ratio, ratio_shown,
                    Some(format!("{} ({}: {}×)", x.claim_top10, x.claim_reference, lang.number(CLAIMED_TOP10_SPEND_RATIO, 0)))) }
            </div>
            <details class="formula-box">
                <summary>{ t.how_computed }</summary>
                <p>{ x.concentration_explain }</p>
            </details>
            if let Some(svg) = lorenz_chart(c, lang) {
                <ChartFigure name="lorenz" title={x.lorenz_title} svg={svg}
                    alt={(x.lorenz_alt)(&pct(lang, c.top10_revenue_share))} stem={stem.clone()} />
            }
        </div>
    }
}

#[function_component(RfmSection)]
fn rfm_section(p: &SectionProps) -> Html {
    let (a, lang, stem, session) = (&p.analysis, p.lang, &p.stem, &p.session);
    let t = lang.texts();
    let x = t.analysis;
    let download = |segment: Segment| {
        let session = session.clone();
        Callback::from(move |_: MouseEvent| session.export_segment(segment))
    };
    html! {
        <div class="analysis-part">
            { heading(x.sec_rfm, csv_button(p, "rfm")) }
            if let Some(day) = a.summary.rfm.reference_day { <p class="note">{ (x.rfm_reference)(&day.to_string()) }</p> }
            <details class="formula-box">
                <summary>{ t.how_computed }</summary>
                <p>{ x.rfm_explain }</p>
            </details>
            <div class="table-wrap">
                <table class="figures">
                    <thead><tr>
                        <th scope="col">{ x.col_segment }</th>
                        <th scope="col" class="num">{ x.col_size }</th>
                        <th scope="col" class="num">{ x.col_share }</th>
                        <th scope="col" class="num">{ t.fig_revenue }</th>
                        <th scope="col" class="num">{ x.col_recency }</th>
                        <th scope="col" class="num">{ x.col_frequency }</th>
                        <th scope="col" class="num">{ x.col_monetary }</th>
                        <th scope="col"></th>
                    </tr></thead>
                    <tbody>
                        { for a.summary.rfm.segments.iter().map(|s| {
                            let seg = AttrValue::from(s.segment.key());
                            html! {
                                <tr>
                                    <th scope="row">{ (x.segment_name)(s.segment) }</th>
                                    { segment_cell("segment_customers", Some(s.segment_customers as f64), count(lang, s.segment_customers), seg.clone()) }
                                    { segment_cell("segment_share", s.segment_share, pct(lang, s.segment_share), seg.clone()) }
                                    { segment_cell("segment_revenue", s.segment_revenue, num(lang, s.segment_revenue, 2), seg.clone()) }
                                    { segment_cell("recency_mean", s.recency_mean, num(lang, s.recency_mean, 0), seg.clone()) }
                                    { segment_cell("frequency_mean", s.frequency_mean, num(lang, s.frequency_mean, 1), seg.clone()) }
                                    { segment_cell("monetary_mean", s.monetary_mean, num(lang, s.monetary_mean, 2), seg.clone()) }
                                    <td>
                                        if s.segment_customers > 0 {
                                            <button type="button" class="button small secondary" data-testid="export-segment"
                                                data-segment={seg.clone()} onclick={download(s.segment)}>{ x.download_ids }</button>
                                        }
                                    </td>
                                </tr>
                            }
                        }) }
                    </tbody>
                </table>
            </div>
            if let Some(svg) = rfm_chart(&a.summary.rfm, lang) {
                <ChartFigure name="rfm-segments" title={x.rfm_chart_title} svg={svg}
                    alt={(x.rfm_alt)(a.summary.rfm.segments.len())} stem={stem.clone()} />
            }
        </div>
    }
}

/// A comparison value as shown: the other values and the empty one by name.
fn value_label(lang: Lang, value: &str) -> String {
    let x = lang.texts().analysis;
    match value {
        OTHER => x.other_values.to_string(),
        "" => x.empty_value.to_string(),
        v => v.to_string(),
    }
}

#[function_component(ComparisonSection)]
fn comparison_section(p: &SectionProps) -> Html {
    let (a, lang, stem) = (&p.analysis, p.lang, &p.stem);
    let t = lang.texts();
    let x = t.analysis;
    let Some(cmp) = &a.comparison else {
        let hint = if a.summary.attributes.is_empty() { x.comparison_none } else { x.comparison_pick };
        return html! { <>{ heading(x.sec_comparison, html! {}) }<p class="note">{ hint }</p></> };
    };
    html! {
        <div class="analysis-part">
            { heading(&format!("{}: {}", x.sec_comparison, cmp.column), csv_button(p, "comparison")) }
            if let Some(m) = &cmp.membership {
                <div class="kpis wide">
                    { card((x.fig_member_uplift)(&m.yes), "member_spend_uplift", m.member_spend_uplift,
                        m.member_spend_uplift.map_or(t.no_figure.to_string(), |u| format!("{}{}", if u >= 0.0 { "+" } else { "" }, lang.percent(u))),
                        Some(format!("{} ({}: +{}%)", x.claim_member, x.claim_reference, lang.number(CLAIMED_MEMBER_UPLIFT, 0)))) }
                </div>
            }
            <details class="formula-box">
                <summary>{ t.how_computed }</summary>
                <p>{ x.comparison_explain }</p>
            </details>
            <div class="table-wrap">
                <table class="figures">
                    <thead><tr>
                        <th scope="col">{ x.col_value }</th>
                        <th scope="col" class="num">{ t.fig_customers }</th>
                        <th scope="col" class="num">{ "CRR" }</th>
                        <th scope="col" class="num">{ "Churn" }</th>
                        <th scope="col" class="num">{ t.fig_aov }</th>
                        <th scope="col" class="num">{ t.fig_frequency }</th>
                        <th scope="col" class="num">{ t.fig_repeat_rate }</th>
                        <th scope="col" class="num">{ x.col_revenue_per_customer }</th>
                    </tr></thead>
                    <tbody>
                        { for cmp.groups.iter().map(|g| {
                            let seg = AttrValue::from(g.value.clone());
                            html! {
                                <tr>
                                    <th scope="row">{ value_label(lang, &g.value) }</th>
                                    { segment_cell("customers_total", Some(g.customers_total as f64), count(lang, g.customers_total), seg.clone()) }
                                    { segment_cell("crr", g.crr, pct(lang, g.crr), seg.clone()) }
                                    { segment_cell("churn_rate", g.churn_rate, pct(lang, g.churn_rate), seg.clone()) }
                                    { segment_cell("aov", g.aov, num(lang, g.aov, 2), seg.clone()) }
                                    { segment_cell("purchase_frequency", g.purchase_frequency, num(lang, g.purchase_frequency, 2), seg.clone()) }
                                    { segment_cell("repeat_rate", g.repeat_rate, pct(lang, g.repeat_rate), seg.clone()) }
                                    { segment_cell("revenue_per_customer", g.revenue_per_customer, num(lang, g.revenue_per_customer, 2), seg) }
                                </tr>
                            }
                        }) }
                    </tbody>
                </table>
            </div>
            if let Some(svg) = comparison_chart(Some(cmp), lang) {
                <ChartFigure name="segment-comparison" title={format!("{}: {}", x.col_revenue_per_customer, cmp.column)}
                    svg={svg} alt={(x.comparison_alt)(cmp.groups.len())} stem={stem.clone()} />
            }
        </div>
    }
}

#[function_component(NpsSection)]
fn nps_section(p: &SectionProps) -> Html {
    let (a, lang) = (&p.analysis, p.lang);
    let t = lang.texts();
    let x = t.analysis;
    let Some(s) = &a.survey else { return html! {} };
    html! {
        <div class="analysis-part">
            { heading(x.sec_nps, csv_button(p, "nps")) }
            <details class="formula-box">
                <summary>{ t.how_computed }</summary>
                <p>{ x.nps_explain }</p>
            </details>
            <div class="table-wrap">
                <table class="figures">
                    <thead><tr>
                        <th scope="col">{ x.col_segment }</th>
                        <th scope="col" class="num">{ x.col_matched }</th>
                        <th scope="col" class="num">{ t.fig_repeat_rate }</th>
                        <th scope="col" class="num">{ "Churn" }</th>
                    </tr></thead>
                    <tbody>
                        { for s.groups.iter().map(|g| {
                            let seg = AttrValue::from(g.group.key());
                            html! {
                                <tr>
                                    <th scope="row">{ (x.group_name)(g.group) }</th>
                                    { segment_cell("nps_matched", Some(g.nps_matched as f64), count(lang, g.nps_matched), seg.clone()) }
                                    { segment_cell("repeat_rate", g.repeat_rate, pct(lang, g.repeat_rate), seg.clone()) }
                                    { segment_cell("churn_rate", g.churn_rate, pct(lang, g.churn_rate), seg) }
                                </tr>
                            }
                        }) }
                    </tbody>
                </table>
            </div>
        </div>
    }
}
