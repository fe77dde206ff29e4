//! What the loaded files say: per file a table of CRR and churn per period, the
//! chart, how the figures are computed, and the rows that were skipped.

use super::browser;
use super::figure::{machine_value, FigureCell};
use crate::charts::rates::{self, RatePoint};
use crate::i18n::Lang;
use crate::ingest::{LoadedFile, PeriodCounts};
use crate::state::{period_counts, AppState, Status};
use yew::prelude::*;

/// Skipped rows listed on the page; the download has them all.
const ROW_ERRORS_SHOWN: usize = 200;

#[derive(Properties, PartialEq)]
pub struct ResultsProps {
    pub state: UseReducerHandle<AppState>,
}

#[function_component(Results)]
pub fn results(props: &ResultsProps) -> Html {
    let state = &props.state;
    if state.status != Status::Ready {
        return html! {};
    }
    let lang = state.lang;
    html! {
        <>
            { for state.files.iter().filter_map(|f| period_counts(f).map(|p| period_counts_view(f, p, lang))) }
            { row_errors_view(state) }
        </>
    }
}

fn period_counts_view(file: &LoadedFile, counts: &PeriodCounts, lang: Lang) -> Html {
    let t = lang.texts();
    let summary = (t.file_summary)(
        &file.name,
        counts.rows.len(),
        file.errors.total as usize,
        (t.delimiter_name)(file.settings.delimiter),
        file.settings.encoding.label(),
    );
    let points: Vec<RatePoint> = counts
        .rows
        .iter()
        .map(|r| RatePoint { label: r.period.to_string(), crr: r.crr(), churn: r.churn_rate() })
        .collect();
    let svg = rates::svg(&points, lang, 760, 340);
    let crrs = points.iter().filter_map(|p| p.crr);
    let (min, max) = crrs.fold((f64::INFINITY, f64::NEG_INFINITY), |(lo, hi), v| (lo.min(v), hi.max(v)));
    let alt = match (points.first(), points.last()) {
        (Some(first), Some(last)) => (t.chart_alt)(points.len(), &first.label, &last.label, min, max),
        _ => String::new(),
    };
    let on_svg = {
        let (svg, name) = (svg.clone(), format!("{}-crr.svg", file.name.trim_end_matches(".csv")));
        Callback::from(move |_: MouseEvent| browser::download(&name, "image/svg+xml", &svg))
    };
    let count = |v: u64| lang.number(v as f64, 0);
    let pct = |v: Option<f64>| v.map_or(t.no_figure.to_string(), |v| lang.percent(v));

    html! {
        <section class="card period-counts" data-file={file.name.clone()}>
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
                                    <FigureCell metric="base_start" value={Some(r.start as f64)} display={count(r.start)} period={period.clone()} />
                                    <FigureCell metric="base_end" value={Some(r.end as f64)} display={count(r.end)} period={period.clone()} />
                                    <FigureCell metric="joined" value={Some(r.new as f64)} display={count(r.new)} period={period.clone()} />
                                    <FigureCell metric="crr" value={r.crr()} display={pct(r.crr())} period={period.clone()} />
                                    <FigureCell metric="churn_rate" value={r.churn_rate()} display={pct(r.churn_rate())} period={period} />
                                </tr>
                            }
                        }) }
                    </tbody>
                </table>
            </div>
            <figure class="chart" data-chart="crr">
                <figcaption>
                    <span>{ t.chart_title }</span>
                    <button type="button" class="button small secondary" data-export="svg" onclick={on_svg}>{ "SVG" }</button>
                </figcaption>
                <div class="chart-svg" role="img" aria-label={alt.clone()}>
                    { Html::from_html_unchecked(AttrValue::from(svg)) }
                </div>
                <p class="visually-hidden">{ alt }</p>
            </figure>
        </section>
    }
}

fn row_errors_view(state: &AppState) -> Html {
    let t = state.lang.texts();
    let skipped = state.rows_skipped();
    let several_files = state.files.len() > 1;
    let on_download = {
        let csv = state.row_errors_csv();
        Callback::from(move |_: MouseEvent| browser::download("rows-skipped.csv", "text/csv;charset=utf-8", &csv))
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
