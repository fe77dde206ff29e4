//! Cohorts: the table (customers or revenue, as counts or percentages, heat-coloured)
//! and the heatmap and retention curves.

use super::super::chart::ChartFigure;
use super::super::figure::{how_computed, machine_value};
use super::chart_data::{cohort_charts, HEATMAP_HEIGHT};
use super::format::{count, csv_button, heading, pct};
use super::SectionProps;
use crate::export::Table;
use crate::i18n::Lang;
use crate::metrics::analysis::Analysis;
use crate::metrics::cohorts::{with_customers, Cohort};
use crate::metrics::keys as key;
use std::rc::Rc;
use yew::prelude::*;

/// Whether two analyses show the same here.
pub fn same(a: &Analysis, b: &Analysis) -> bool {
    a.cohorts == b.cohorts && a.cohort_avg_retention == b.cohort_avg_retention
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

#[function_component(CohortsSection)]
pub fn cohorts_section(p: &SectionProps) -> Html {
    let (a, lang, stem) = (&p.analysis, p.lang, &p.stem);
    let x = lang.texts().analysis;
    html! {
        <div class="analysis-part" id="sec-cohorts" data-section="cohorts">
            { heading(x.sec_cohorts, csv_button(a, stem, lang, Table::Cohorts)) }
            <CohortsPart {lang} cohorts={Rc::new(a.cohorts.clone())} average={Rc::new(a.cohort_avg_retention.clone())}
                stem={stem.clone()} />
        </div>
    }
}

#[derive(Properties, PartialEq)]
pub struct CohortsPartProps {
    pub lang: Lang,
    pub cohorts: Rc<Vec<Cohort>>,
    pub average: Rc<Vec<Option<f64>>>,
    /// The file's name without `.csv`, for the charts' downloads.
    pub stem: AttrValue,
}

/// The cohort table (with its mode), the heatmap and the retention curves: of a log's
/// analysis, or of a cohort table that was read (the warehouse SQL's `cohorts`).
#[function_component(CohortsPart)]
pub fn cohorts_part(p: &CohortsPartProps) -> Html {
    let (lang, stem) = (p.lang, &p.stem);
    let mode = use_state(|| CohortMode::CustomersPct);
    let revenue_heatmap = matches!(*mode, CohortMode::RevenuePct | CohortMode::Revenue);
    // The mode redraws the table; the charts only when it switches customers / revenue.
    let charts = use_memo((lang, revenue_heatmap, p.cohorts.clone(), p.average.clone()), |(lang, revenue, c, avg)| {
        cohort_charts(c, avg, *lang, *revenue)
    });
    let t = lang.texts();
    let x = t.analysis;
    let shown = with_customers(&p.cohorts).count();
    let current = *mode;
    let on_mode = Callback::from(move |e: Event| {
        let select: web_sys::HtmlSelectElement = e.target_unchecked_into();
        if let Some(m) = select.value().parse::<usize>().ok().and_then(|i| COHORT_MODES.get(i)) {
            mode.set(*m);
        }
    });
    html! {
        <>
            { how_computed(t.calc.how_computed, &[x.cohort_explain]) }
            <label class="inline-setting">
                <span>{ x.cohort_mode_label }</span>
                <select data-testid="cohort-mode" onchange={on_mode}>
                    { for x.cohort_modes.iter().enumerate().map(|(i, name)| html! {
                        <option value={i.to_string()} selected={COHORT_MODES[i] == current}>{ *name }</option>
                    }) }
                </select>
            </label>
            <CohortTable cohorts={(*p.cohorts).clone()} average={(*p.average).clone()} lang={lang} mode={current} />
            <ChartFigure name="cohort-heatmap" title={x.heatmap_title} svg={charts.heatmap.clone()}
                alt={(x.cohorts_alt)(shown)} stem={stem.clone()} height={HEATMAP_HEIGHT} />
            <ChartFigure name="cohort-curves" title={x.curves_title} svg={charts.curves.clone()}
                alt={(x.cohorts_alt)(shown)} stem={stem.clone()} />
        </>
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
            CohortMode::CustomersPct => {
                (key::COHORT_RETENTION, c.retention(k), pct(lang, c.retention(k)), c.retention(k))
            }
            CohortMode::Customers => {
                let v = c.active[k] as f64;
                (key::COHORT_ACTIVE, Some(v), count(lang, c.active[k]), Some(v / max_abs.max(1.0) * 100.0))
            }
            CohortMode::RevenuePct => {
                (key::COHORT_REVENUE_PCT, c.revenue_pct(k), pct(lang, c.revenue_pct(k)), c.revenue_pct(k))
            }
            CohortMode::Revenue => {
                let v = c.revenue[k];
                (key::COHORT_REVENUE, Some(v), lang.number(v, 0), Some(v / max_abs.max(1.0) * 100.0))
            }
        };
        let level = heat.map_or(0, |h| (h / 10.0).round().clamp(0.0, 10.0) as u8);
        html! {
            <td class={classes!("num", format!("heat-{level}"))} data-metric={metric} data-value={machine_value(value)}
                data-cohort={c.period.to_string()} data-offset={k.to_string()}>{ shown }</td>
        }
    };
    html! {
        // Scrolls on its own: reachable by keyboard, and named for screen readers.
        <div class="table-wrap cohort-table" tabindex="0" role="region" aria-label={x.sec_cohorts}>
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
                            <td class="num" data-metric={key::COHORT_SIZE} data-value={machine_value(Some(c.size as f64))}
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
                            <td class="num" data-metric={key::COHORT_AVG_RETENTION} data-value={machine_value(*v)}
                                data-offset={k.to_string()}>{ pct(lang, *v) }</td>
                        }) }
                    </tr>
                </tfoot>
            </table>
        </div>
    }
}
