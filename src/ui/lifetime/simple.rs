//! The simple CLV (METRICS.md): revenue per customer per year, margin, yearly
//! retention and discount rate, all visible and editable, measured from the log where
//! it can be (`metrics::lifetime::SimpleInputs`). Without a file it is the manual
//! calculator (`data-source=manual`). It owns what is typed; the formula is
//! `models::clv::simple_clv`.

use super::super::figure::{how_computed, machine_value, money, typed_number, use_currency};
use crate::i18n::Lang;
use crate::metrics::keys;
use crate::metrics::lifetime::SimpleInputs;
use crate::models::clv::simple_clv;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct SimpleProps {
    pub lang: Lang,
    /// What the log measured (`None`: type everything).
    pub measured: Option<SimpleInputs>,
    pub margin_pct: f64,
    pub discount_pct: f64,
    /// `data-source` of the result: "file" or "manual".
    pub source: &'static str,
}

#[derive(Clone, PartialEq)]
struct Typed {
    revenue: String,
    margin: String,
    retention: String,
    discount: String,
}

fn typed(lang: Lang, p: &SimpleProps) -> Typed {
    let n = |v: f64, d: usize| lang.number(v, d).replace(lang.calculators().thousands_separator, "");
    Typed {
        revenue: p.measured.map(|m| n(m.revenue_per_year, 2)).unwrap_or_default(),
        margin: n(p.margin_pct, 1),
        retention: p.measured.map(|m| n(m.yearly_retention * 100.0, 1)).unwrap_or_default(),
        discount: n(p.discount_pct, 1),
    }
}

#[function_component(SimpleClv)]
pub fn simple_clv_view(p: &SimpleProps) -> Html {
    let lang = p.lang;
    let cur = use_currency();
    let t = lang.calculators();
    let x = t;
    let state = use_state(|| typed(lang, p));
    // New measurements (another file) replace what was typed.
    {
        let state = state.clone();
        let fresh = typed(lang, p);
        use_effect_with((p.measured, p.margin_pct.to_bits(), p.discount_pct.to_bits()), move |_| state.set(fresh));
    }
    let field = |label: &'static str, testid: &'static str, value: String, set: fn(&mut Typed, String)| {
        let state = state.clone();
        let oninput = Callback::from(move |e: InputEvent| {
            let input: web_sys::HtmlInputElement = e.target_unchecked_into();
            let mut next = (*state).clone();
            set(&mut next, input.value());
            state.set(next);
        });
        html! {
            <label class="field">
                <span>{ label }</span>
                <input type="text" inputmode="decimal" autocomplete="off" data-testid={testid} {value} {oninput} />
            </label>
        }
    };
    let s = &*state;
    let number = |text: &str| typed_number(text, t.thousands_separator);
    let result = match (number(&s.revenue), number(&s.margin), number(&s.retention), number(&s.discount)) {
        (Some(rev), Some(m), Some(r), Some(d)) => Some(simple_clv(rev * m / 100.0, r / 100.0, d / 100.0).ok()),
        _ => None,
    };
    let value = result.flatten();
    let reset = {
        let (state, fresh) = (state.clone(), typed(lang, p));
        Callback::from(move |_: MouseEvent| state.set(fresh.clone()))
    };
    html! {
        <div class="analysis-part simple-clv" data-testid="simple-clv">
            <div class="section-head"><h3>{ x.simple_title }</h3></div>
            <div class="fields">
                { field(x.simple_revenue, "simple-revenue", s.revenue.clone(), |t, v| t.revenue = v) }
                { field(x.simple_margin, "simple-margin", s.margin.clone(), |t, v| t.margin = v) }
                { field(x.simple_retention, "simple-retention", s.retention.clone(), |t, v| t.retention = v) }
                { field(x.simple_discount, "simple-discount", s.discount.clone(), |t, v| t.discount = v) }
            </div>
            <div class="kpis">
                <div class="kpi">
                    <span class="kpi-label">{ x.simple_result }</span>
                    <span class="kpi-value" data-metric={keys::SIMPLE_CLV} data-source={p.source} data-value={machine_value(value)}>
                        { money(lang, cur, value) }
                    </span>
                    <span class="formula">{ "× (1 + d) / (1 + d − r)" }</span>
                </div>
                if let Some(m) = p.measured {
                    <div class="kpi">
                        <span class="kpi-label">{ x.simple_retention }</span>
                        <span class="kpi-value small" data-metric={keys::YEARLY_RETENTION} data-value={machine_value(Some(m.yearly_retention * 100.0))}>
                            { lang.percent(m.yearly_retention * 100.0) }
                        </span>
                    </div>
                }
            </div>
            if result == Some(None) { <p class="manual-message" role="status">{ x.simple_undefined }</p> }
            { match p.measured {
                Some(m) => html! {
                    <p class="note">
                        { (x.simple_measured)(m.window_days, &lang.number(m.earlier_customers as f64, 0), &lang.number(m.retained as f64, 0)) }
                        { " " }
                        <button type="button" class="button small secondary" onclick={reset}>{ x.simple_reset }</button>
                    </p>
                },
                None if p.source == "file" => html! { <p class="note">{ x.simple_not_measured }</p> },
                None => html! {},
            } }
            { how_computed(t.how_computed, &[x.simple_explain]) }
        </div>
    }
}
