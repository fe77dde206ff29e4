//! Spend typed into the page, for a log without a spend file: acquisition and retention
//! spend per month of the log, made into a small spend file (`typed-spend.csv`) that is
//! read beside the log like a dropped one, so that every figure has one path. It gets
//! the log's months, what is typed, and `Callback`s for a change and for the file's text.

use super::figure::typed_number;
use crate::i18n::Lang;
use crate::metrics::spend::typed_spend_csv;
use yew::prelude::*;

/// The name of the spend file the typed spend becomes.
pub const TYPED_SPEND_FILE: &str = "typed-spend.csv";

#[derive(Properties, PartialEq)]
pub struct SpendEntryProps {
    pub lang: Lang,
    /// The log's months, `YYYY-MM`.
    pub months: Vec<String>,
    /// What is typed, per month: acquisition and retention (kept by the page, so that it
    /// outlives the reading of the files it makes).
    pub typed: Vec<[String; 2]>,
    pub on_typed: Callback<Vec<[String; 2]>>,
    /// The spend as CSV text, when the user asks to use it.
    pub on_use: Callback<String>,
}

#[function_component(SpendEntry)]
pub fn spend_entry(p: &SpendEntryProps) -> Html {
    let lang = p.lang;
    let t = lang.texts();
    let x = t.analysis;
    let typed = &p.typed;
    let value = |s: &str| typed_number(s, t.calc.thousands_separator).filter(|v| *v >= 0.0);
    let amounts: Vec<[Option<f64>; 2]> =
        (0..p.months.len()).map(|i| typed.get(i).map_or([None, None], |[a, r]| [value(a), value(r)])).collect();
    let bad = typed.iter().flatten().any(|s| !s.trim().is_empty() && value(s).is_none());
    let any = amounts.iter().flatten().any(|a| a.is_some_and(|a| a > 0.0));
    let on_use = {
        let (months, on_use) = (p.months.clone(), p.on_use.clone());
        let amounts = amounts.clone();
        Callback::from(move |_: MouseEvent| on_use.emit(typed_spend_csv(&months, &amounts)))
    };
    let field = |i: usize, k: usize, label: String| {
        let current = typed.get(i).map(|r| r[k].clone()).unwrap_or_default();
        let (typed, on_typed) = (typed.clone(), p.on_typed.clone());
        let months = p.months.len();
        let oninput = Callback::from(move |e: InputEvent| {
            let input: web_sys::HtmlInputElement = e.target_unchecked_into();
            let mut all = typed.clone();
            all.resize(months, [String::new(), String::new()]);
            all[i][k] = input.value();
            on_typed.emit(all);
        });
        html! {
            <td><input type="text" inputmode="decimal" autocomplete="off" aria-label={label}
                data-testid={format!("spend-{}-{}", ["acquisition", "retention"][k], p.months[i])}
                value={current} {oninput} /></td>
        }
    };
    html! {
        <details class="card spend-entry" data-testid="spend-entry" open={!typed.is_empty()}>
            <summary>{ x.spend_entry_title }</summary>
            <p class="hint">{ x.spend_entry_intro }</p>
            <div class="table-wrap" tabindex="0">
                <table class="figures">
                    <thead><tr>
                        <th scope="col">{ t.col_period }</th>
                        <th scope="col">{ x.col_acquisition_spend }</th>
                        <th scope="col">{ x.col_retention_spend }</th>
                    </tr></thead>
                    <tbody>
                        { for p.months.iter().enumerate().map(|(i, m)| html! {
                            <tr>
                                <th scope="row">{ m.clone() }</th>
                                { field(i, 0, format!("{} {m}", x.col_acquisition_spend)) }
                                { field(i, 1, format!("{} {m}", x.col_retention_spend)) }
                            </tr>
                        }) }
                    </tbody>
                </table>
            </div>
            if bad { <p class="file-errors" role="alert">{ x.spend_entry_bad }</p> }
            <button type="button" class="button" data-testid="spend-entry-use" disabled={!any || bad} onclick={on_use}>
                { x.spend_entry_use }
            </button>
        </details>
    }
}
