//! How the analysis writes its figures: counts, percentages and numbers in the
//! page's language, a section heading with its download.

use super::super::browser;
use crate::export::{table_csv, Table};
use crate::i18n::Lang;
use crate::metrics::analysis::Analysis;
use crate::metrics::comparison::OTHER;
use std::rc::Rc;
use yew::prelude::*;

pub fn count(lang: Lang, v: u64) -> String {
    lang.number(v as f64, 0)
}

pub fn pct(lang: Lang, v: Option<f64>) -> String {
    v.map_or(lang.calculators().no_figure.to_string(), |v| lang.percent(v))
}

pub fn num(lang: Lang, v: Option<f64>, decimals: usize) -> String {
    v.map_or(lang.calculators().no_figure.to_string(), |v| lang.number(v, decimals))
}

/// A section's title, with its download button (or nothing) on the right.
pub fn heading(title: &str, csv: Html) -> Html {
    html! { <div class="section-head"><h3>{ title.to_string() }</h3><span class="exports">{ csv }</span></div> }
}

/// The download of one table of the analysis as CSV.
pub fn csv_button(a: &Rc<Analysis>, stem: &AttrValue, lang: Lang, table: Table) -> Html {
    let (a, stem) = (a.clone(), stem.clone());
    let onclick = Callback::from(move |_: MouseEvent| {
        if let Some(csv) = table_csv(&a, table) {
            browser::download(&format!("{stem}-{}.csv", table.key()), "text/csv;charset=utf-8", &csv);
        }
    });
    html! {
        <button type="button" class="button small secondary" data-testid="export-csv" data-table={table.key()} {onclick}>
            { lang.texts().analysis.export_csv }
        </button>
    }
}

/// The first (0) or last (1) purchase day as text.
pub fn span_day(a: &Analysis, which: usize) -> String {
    a.summary.span.map(|(f, l)| if which == 0 { f } else { l }.to_string()).unwrap_or_default()
}

/// A comparison value as shown: the other values and the empty one by name.
pub fn value_label(lang: Lang, value: &str) -> String {
    let x = lang.texts().analysis;
    match value {
        OTHER => x.other_values.to_string(),
        "" => x.empty_value.to_string(),
        v => v.to_string(),
    }
}
