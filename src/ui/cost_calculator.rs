//! The cost calculator without a file: what winning a customer costs against keeping
//! one, LTV:CAC and the payback time, from six typed numbers. It owns what is typed and
//! needs only the language (it can stand alone on an embed page); the figures come from
//! `metrics::acquisition` (`CostFigures`, `ltv_cac`, `payback_months`), as for a file.

use super::figure::{machine_value, money, typed_number, use_currency};
use crate::i18n::Lang;
use crate::metrics::acquisition::{ltv_cac, payback_months, CostFigures};
use crate::metrics::keys as key;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct CostCalculatorProps {
    pub lang: Lang,
}

/// The six fields, in order: acquisition spend, new customers, retention spend,
/// customers kept, CLV, monthly margin per customer.
const FIELDS: [&str; 6] =
    ["cost-acquisition", "cost-new", "cost-retention", "cost-retained", "cost-clv", "cost-monthly"];

#[function_component(CostCalculator)]
pub fn cost_calculator(p: &CostCalculatorProps) -> Html {
    let typed =
        use_state(|| [String::new(), String::new(), String::new(), String::new(), String::new(), String::new()]);
    let lang = p.lang;
    let cur = use_currency();
    let t = lang.calculators();
    let x = t;
    let labels = [x.calc_acquisition, x.calc_new, x.calc_retention, x.calc_retained, x.calc_clv, x.calc_monthly];
    let value = |i: usize| typed_number(&typed[i], t.thousands_separator).filter(|v| *v >= 0.0);
    let count = |i: usize| value(i).filter(|v| v.fract() == 0.0).map(|v| v as u64);
    let costs = match (value(0), count(1), value(2), count(3)) {
        (Some(a), Some(n), Some(r), Some(k)) => Some(CostFigures::of(a, r, n, k, 0, 0)),
        _ => None,
    };
    let cac = costs.as_ref().and_then(|c| c.cac);
    let kept = costs.as_ref().and_then(|c| c.cost_per_retained);
    let ratio = costs.as_ref().and_then(|c| c.cost_ratio);
    let ltv = ltv_cac(value(4), cac);
    let payback = payback_months(cac, value(5));
    // Amounts in the page's currency; ratios and months as numbers with one decimal.
    let amount = |v: Option<f64>| money(lang, cur, v);
    let times = |v: Option<f64>| v.map_or(t.no_figure.to_string(), |v| lang.number(v, 1));
    let out = |label: &'static str, metric: &'static str, v: Option<f64>, shown: String| {
        html! {
            <div class="kpi">
                <span class="kpi-label">{ label }</span>
                <span class="kpi-value" data-metric={metric} data-source="manual" data-value={machine_value(v)}>{ shown }</span>
            </div>
        }
    };
    html! {
        <section class="card manual" aria-labelledby="cost-calculator-heading" data-testid="cost-calculator">
            <h2 id="cost-calculator-heading">{ x.calc_title }</h2>
            <p class="hint">{ x.calc_intro }</p>
            <div class="fields">
                { for FIELDS.iter().zip(labels).enumerate().map(|(i, (testid, label))| {
                    let current = typed[i].clone();
                    let typed = typed.clone();
                    let oninput = Callback::from(move |e: InputEvent| {
                        let input: web_sys::HtmlInputElement = e.target_unchecked_into();
                        let mut all = (*typed).clone();
                        all[i] = input.value();
                        typed.set(all);
                    });
                    html! {
                        <label class="field">
                            <span>{ label }</span>
                            <input type="text" inputmode="decimal" autocomplete="off" data-testid={*testid}
                                value={current} {oninput} />
                        </label>
                    }
                }) }
            </div>
            <div class="kpis">
                { out(x.fig_cac, key::CAC, cac, amount(cac)) }
                { out(x.fig_cost_per_retained, key::COST_PER_RETAINED, kept, amount(kept)) }
                { out(x.fig_cost_ratio, key::COST_RATIO, ratio, times(ratio)) }
                { out(x.fig_ltv_cac, key::LTV_CAC, ltv, times(ltv)) }
                { out(x.fig_payback, key::PAYBACK_MONTHS, payback, times(payback)) }
            </div>
            <p class="hint">{ x.claim_cost_ratio }</p>
        </section>
    }
}
