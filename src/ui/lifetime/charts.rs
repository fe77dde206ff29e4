//! The lifetime-value charts as `crate::charts` draws them: the backtest's
//! cumulative and by-purchases lines, the CLV histogram and the P(alive) matrix.

use super::super::chart::{ChartFigure, CHART_HEIGHT, CHART_WIDTH};
use super::units;
use crate::calendar::TimeUnit;
use crate::charts::{bars, heatmap, lines, palette};
use crate::i18n::lifetime::model_name;
use crate::i18n::Lang;
use crate::metrics::lifetime::{Backtest, ModelKind, Valuation};
use std::rc::Rc;
use yew::prelude::*;

pub struct BacktestCharts {
    pub cumulative: AttrValue,
    pub by_purchases: AttrValue,
}

#[allow(dead_code)]
fn unit_plural(lang: Lang, unit: TimeUnit) -> &'static str {
    lang.texts().lifetime.unit_plural[TimeUnit::ALL.iter().position(|u| *u == unit).unwrap_or(0)]
}

pub fn backtest_charts(b: &Backtest, _unit: TimeUnit, lang: Lang) -> BacktestCharts {
    let x = lang.texts().lifetime;
    let (w, h) = (CHART_WIDTH, CHART_HEIGHT);
    let series = |name, color, values: Vec<Option<f64>>| lines::Series { name, color, values, emphasis: true };
    let labels: Vec<String> = b.cumulative.iter().map(|p| lang.number(p.t, 1)).collect();
    let mut cumulative = vec![
        series(x.actual_name, palette::INK, b.cumulative.iter().map(|p| Some(p.actual)).collect()),
        series(model_name(ModelKind::BgNbd), palette::CRR, b.cumulative.iter().map(|p| Some(p.bgnbd)).collect()),
    ];
    if b.pnbd_predicted_total.is_some() {
        cumulative.push(series(
            model_name(ModelKind::ParetoNbd),
            palette::CHURN,
            b.cumulative.iter().map(|p| p.pnbd).collect(),
        ));
    }
    let group_labels: Vec<String> =
        b.by_purchases
            .iter()
            .map(|g| {
                if g.x >= crate::metrics::lifetime::backtest::BY_X_GROUPS {
                    format!("{}+", g.x)
                } else {
                    g.x.to_string()
                }
            })
            .collect();
    let mut by = vec![
        series(x.actual_name, palette::INK, b.by_purchases.iter().map(|g| Some(g.actual)).collect()),
        series(model_name(ModelKind::BgNbd), palette::CRR, b.by_purchases.iter().map(|g| Some(g.bgnbd)).collect()),
    ];
    if b.pnbd_predicted_total.is_some() {
        by.push(series(
            model_name(ModelKind::ParetoNbd),
            palette::CHURN,
            b.by_purchases.iter().map(|g| g.pnbd).collect(),
        ));
    }
    let axis = lines::Axis { max: 0.0, percent: false };
    BacktestCharts {
        cumulative: lines::svg(&labels, &cumulative, axis, &[], lang, w, h).into(),
        by_purchases: lines::svg(&group_labels, &by, axis, &[], lang, w, h).into(),
    }
}

#[derive(Properties, PartialEq)]
pub struct ChartsProps {
    pub lang: Lang,
    pub valuation: Rc<Valuation>,
}

#[function_component(LifetimeCharts)]
pub fn lifetime_charts(p: &ChartsProps) -> Html {
    let (lang, v) = (p.lang, &p.valuation);
    let x = lang.texts().lifetime;
    let (w, h) = (CHART_WIDTH, CHART_HEIGHT);
    let histogram = (!v.clv_histogram.is_empty()).then(|| {
        let labels: Vec<String> = v.clv_histogram.iter().map(|b| lang.number(b.low, 0)).collect();
        let counts: Vec<f64> = v.clv_histogram.iter().map(|b| b.customers as f64).collect();
        let customers: u64 = v.clv_histogram.iter().map(|b| b.customers).sum();
        let svg: AttrValue = bars::svg(&labels, &counts, &[], x.histogram_y, lang, w, h).into();
        let mean = v.clv_mean.map(|m| lang.number(m.value, 2)).unwrap_or_default();
        (svg, (x.histogram_alt)(&lang.number(customers as f64, 0), &mean))
    });
    let m = &v.alive_matrix;
    let rows: Vec<String> = m.x.iter().map(|x| x.to_string()).collect();
    let cols: Vec<String> = m.recency.iter().map(|r| lang.number(*r, 0)).collect();
    let values: Vec<Vec<Option<f64>>> = m.percent.iter().map(|r| r.iter().map(|&v| Some(v)).collect()).collect();
    let matrix: AttrValue =
        heatmap::svg_with_columns(&rows, &cols, &values, x.matrix_x, x.matrix_y, lang, w, h.max(420)).into();
    html! {
        <div class="analysis-part">
            if let Some((svg, alt)) = histogram {
                <ChartFigure name="clv-histogram" title={x.histogram_title} {svg} {alt} stem="clv" />
            }
            <ChartFigure name="p-alive" title={(x.matrix_title)(&units(lang, m.t, v.unit, 1))} svg={matrix}
                alt={(x.matrix_alt)(m.x.len())} stem="clv" height={420} />
        </div>
    }
}
