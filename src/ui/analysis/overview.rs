//! The page at a glance: the headline figures at the top of the analysis (CRR and churn
//! of the last complete period with their change from the period before, customers,
//! revenue, a customer's simple CLV, and the cost ratio once spend is loaded), and the
//! navigation to every section, which stays in reach while the page scrolls.

use super::super::figure::{machine_value, money, use_currency};
use super::format::{count, num, pct};
use crate::i18n::Lang;
use crate::metrics::acquisition::CustomerValue;
use crate::metrics::analysis::Analysis;
use crate::metrics::keys as key;
use yew::prelude::*;

fn tile(
    label: &str,
    metric: &'static str,
    value: Option<f64>,
    shown: String,
    of: Option<String>,
    note: Option<String>,
) -> Html {
    html! {
        <div class="kpi">
            <span class="kpi-label">{ label.to_string() }</span>
            <span class="kpi-value small" data-metric={metric} data-value={machine_value(value)} data-of={of}>{ shown }</span>
            if let Some(note) = note { <span class="kpi-note">{ note }</span> }
        </div>
    }
}

#[derive(Properties, PartialEq)]
pub struct OverviewProps {
    pub lang: Lang,
    pub analysis: std::rc::Rc<Analysis>,
    /// The lifetime-value settings' margin and yearly discount, % (for the CLV).
    pub margin_pct: f64,
    pub discount_pct: f64,
}

#[function_component(Overview)]
pub fn overview(p: &OverviewProps) -> Html {
    let (a, lang) = (&p.analysis, p.lang);
    let t = lang.texts();
    let x = t.analysis;
    let (last, before) = a.last_complete_periods();
    let label = last.map(|l| l.period.to_string());
    // The change in points from the period before, as "▲ 2.3 points from 2024-02".
    let trend = |now: Option<f64>, then: Option<f64>| {
        let (now, then, prev) = (now?, then?, before?.period.to_string());
        Some((x.overview_trend)(&lang.number((now - then).abs(), 1), now >= then, &prev))
    };
    let crr = last.and_then(|l| l.crr);
    let churn = last.and_then(|l| l.churn_rate);
    let clv = CustomerValue::of(a.summary.simple_clv.as_ref(), p.margin_pct, p.discount_pct).clv;
    let v = &a.summary.totals;
    let cur = use_currency();
    let ratio = a.acquisition.as_ref().and_then(|f| f.span.cost_ratio);
    html! {
        <div class="overview" id="sec-overview" data-section="overview">
            <h3>{ x.overview_title }</h3>
            <div class="kpis wide">
                { tile(&format!("{} {}", t.calc.crr_name, label.clone().unwrap_or_default()), key::OVERVIEW_CRR, crr, pct(lang, crr),
                    label.clone(), trend(crr, before.and_then(|b| b.crr))) }
                { tile(&format!("{} {}", t.calc.churn_name, label.clone().unwrap_or_default()), key::OVERVIEW_CHURN_RATE, churn,
                    pct(lang, churn), label, trend(churn, before.and_then(|b| b.churn_rate))) }
                { tile(t.fig_customers, key::CUSTOMERS_TOTAL, Some(v.customers_total as f64), count(lang, v.customers_total), None, None) }
                { tile(t.fig_revenue, key::REVENUE_TOTAL, v.revenue_total, money(lang, cur, v.revenue_total), None, None) }
                if a.summary.simple_clv.is_some() {
                    { tile(x.overview_clv, key::OVERVIEW_CLV, clv, money(lang, cur, clv), None, Some(x.overview_clv_note.to_string())) }
                }
                if a.acquisition.is_some() {
                    { tile(t.calc.fig_cost_ratio, key::COST_RATIO, ratio, num(lang, ratio, 1), None, Some(t.calc.claim_cost_ratio.to_string())) }
                }
            </div>
        </div>
    }
}

/// Links to every section of the page, in a bar that stays at the top while scrolling.
#[derive(Properties, PartialEq)]
pub struct NavProps {
    pub lang: Lang,
    pub survey: bool,
    pub acquisition: bool,
}

#[function_component(SectionNav)]
pub fn section_nav(p: &NavProps) -> Html {
    let x = p.lang.texts().analysis;
    let [overview, totals, base, cohorts, concentration, rfm, comparison, nps, acquisition, lifetime, planner] =
        x.nav_names;
    let mut links = vec![
        ("overview", overview),
        ("totals", totals),
        ("base", base),
        ("cohorts", cohorts),
        ("concentration", concentration),
        ("rfm", rfm),
        ("comparison", comparison),
    ];
    if p.survey {
        links.push(("nps", nps));
    }
    if p.acquisition {
        links.push(("acquisition", acquisition));
    }
    links.extend([("lifetime", lifetime), ("planner", planner)]);
    html! {
        <nav class="section-nav" aria-label={x.nav_label} data-testid="section-nav">
            { for links.into_iter().map(|(id, name)| html! {
                <a href={format!("#sec-{id}")} data-nav={id}
                    onclick={Callback::from(move |_: MouseEvent| super::super::browser::set_query_params(&[("section", id)]))}>
                    { name }
                </a>
            }) }
        </nav>
    }
}
