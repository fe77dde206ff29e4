//! How a figure goes on the page: its display text plus the machine-readable
//! `data-metric` / `data-value` hooks of TEST-HOOKS.md.

use crate::i18n::{Currency, Lang};
use yew::prelude::*;

/// `data-value`: the number as Rust's `{}` prints an f64 (full precision, `.` as
/// decimal point, no unit); empty when undefined.
pub fn machine_value(value: Option<f64>) -> String {
    value.map_or(String::new(), |v| format!("{v}"))
}

/// A number as a person types it: a currency sign and spaces ignored; with both ',' and
/// '.', the last is the decimal mark. With one of them only, it is a thousands separator
/// when it is the page language's (`thousands`) and every group after it has three
/// digits (`1.000` in Dutch, `1,000` in English), or when it appears more than once;
/// otherwise the decimal mark (`12,50`, `2.5`).
pub fn typed_number(text: &str, thousands: char) -> Option<f64> {
    let t = text.trim().replace(['€', '$', '£', ' ', '\u{a0}'], "");
    let t = match (t.rfind(','), t.rfind('.')) {
        (Some(c), Some(d)) if c > d => t.replace('.', "").replace(',', "."),
        (Some(_), Some(_)) => t.replace(',', ""),
        (Some(_), None) | (None, Some(_)) => {
            let mark = if t.contains(',') { ',' } else { '.' };
            let groups: Vec<&str> = t.split(mark).collect();
            let grouped = groups.len() > 2 || (mark == thousands && groups[1..].iter().all(|g| g.len() == 3));
            if grouped {
                t.replace(mark, "")
            } else {
                t.replace(mark, ".")
            }
        }
        _ => t,
    };
    t.parse::<f64>().ok().filter(|v| v.is_finite())
}

/// The currency amounts are shown in (the page provides it to every component).
#[hook]
pub fn use_currency() -> Currency {
    use_context::<Currency>().unwrap_or_default()
}

/// An amount in the page's language and currency, 2 decimals; "—" when there is none.
pub fn money(lang: Lang, currency: Currency, v: Option<f64>) -> String {
    v.map_or(lang.calculators().no_figure.to_string(), |v| lang.money(v, currency, 2))
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
/// others hold numbers; `rows` are the `<tr>`s. Its box scrolls sideways when the table
/// is wider than the page, so it takes the keyboard focus too.
pub fn figures_table(label: &str, numeric: &[&str], rows: Html) -> Html {
    html! {
        <div class="table-wrap" tabindex="0" role="region" aria-label={label.to_string()}>
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
