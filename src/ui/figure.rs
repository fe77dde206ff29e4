//! How a figure goes on the page: its display text plus the machine-readable
//! `data-metric` / `data-value` hooks of TEST-HOOKS.md.

use yew::prelude::*;

/// `data-value`: the number as Rust's `{}` prints an f64 (full precision, `.` as
/// decimal point, no unit); empty when undefined.
pub fn machine_value(value: Option<f64>) -> String {
    value.map_or(String::new(), |v| format!("{v}"))
}

#[derive(Properties, PartialEq)]
pub struct CellProps {
    pub metric: &'static str,
    pub value: Option<f64>,
    pub display: AttrValue,
    #[prop_or_default]
    pub period: Option<AttrValue>,
    #[prop_or_default]
    pub source: Option<&'static str>,
    /// `data-segment`, for per-segment figures.
    #[prop_or_default]
    pub segment: Option<AttrValue>,
}

/// A table cell holding one figure.
#[function_component(FigureCell)]
pub fn figure_cell(p: &CellProps) -> Html {
    html! {
        <td class="num" data-metric={p.metric} data-value={machine_value(p.value)}
            data-period={p.period.clone()} data-source={p.source} data-segment={p.segment.clone()}>
            { p.display.clone() }
        </td>
    }
}
