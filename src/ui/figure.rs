//! How a figure goes on the page: its display text plus the machine-readable
//! `data-metric` / `data-value` hooks of TEST-HOOKS.md.

use yew::prelude::*;

/// `data-value`: the number as Rust's `{}` prints an f64 (full precision, `.` as
/// decimal point, no unit); empty when undefined.
pub fn machine_value(value: Option<f64>) -> String {
    value.map_or(String::new(), |v| format!("{v}"))
}

/// A table cell holding one figure of a period (`data-period`). A plain function,
/// not a component: a table of figures then costs one update, not one per cell.
pub fn period_cell(metric: &'static str, value: Option<f64>, display: String, period: AttrValue) -> Html {
    html! {
        <td class="num" data-metric={metric} data-value={machine_value(value)} data-period={period}>{ display }</td>
    }
}

/// A table cell holding one figure of a segment (`data-segment`).
pub fn segment_cell(metric: &'static str, value: Option<f64>, display: String, segment: AttrValue) -> Html {
    html! {
        <td class="num" data-metric={metric} data-value={machine_value(value)} data-segment={segment}>{ display }</td>
    }
}

/// A card: label, `data-metric`, value, display.
pub fn card(label: String, key: &'static str, value: Option<f64>, shown: String, note: Option<String>) -> Html {
    html! {
        <div class="kpi">
            <span class="kpi-label">{ label }</span>
            <span class="kpi-value small" data-metric={key} data-value={machine_value(value)}>{ shown }</span>
            if let Some(note) = note { <span class="kpi-note">{ note }</span> }
        </div>
    }
}

/// "How is this computed?": the explanation of a section, folded away.
pub fn how_computed(summary: &'static str, paragraphs: &[&'static str]) -> Html {
    html! {
        <details class="formula-box">
            <summary>{ summary }</summary>
            { for paragraphs.iter().map(|p| html! { <p>{ *p }</p> }) }
        </details>
    }
}

/// A table of figures: the first column names the rows (a period, a segment), the
/// others hold numbers; `rows` are the `<tr>`s.
pub fn figures_table(label: &str, numeric: &[&str], rows: Html) -> Html {
    html! {
        <div class="table-wrap">
            <table class="figures">
                <thead><tr>
                    <th scope="col">{ label.to_string() }</th>
                    { for numeric.iter().map(|h| html! { <th scope="col" class="num">{ h.to_string() }</th> }) }
                </tr></thead>
                <tbody>{ rows }</tbody>
            </table>
        </div>
    }
}
