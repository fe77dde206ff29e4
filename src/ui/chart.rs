//! A chart on the page: `[data-chart=NAME]` holding the inline SVG, its text
//! alternative, and PNG / SVG downloads made in the browser.

use super::browser;
use yew::prelude::*;

/// The size charts are drawn at (they scale with the page; PNG exports are twice this).
pub const CHART_WIDTH: u32 = 760;
pub const CHART_HEIGHT: u32 = 340;

#[derive(Properties, PartialEq)]
pub struct ChartProps {
    /// `data-chart`.
    pub name: &'static str,
    pub title: AttrValue,
    pub svg: AttrValue,
    /// The text alternative for screen readers.
    pub alt: AttrValue,
    /// The start of the download file names.
    pub stem: AttrValue,
    #[prop_or(CHART_WIDTH)]
    pub width: u32,
    #[prop_or(CHART_HEIGHT)]
    pub height: u32,
}

#[function_component(ChartFigure)]
pub fn chart_figure(p: &ChartProps) -> Html {
    let file = format!("{}-{}", p.stem, p.name);
    let on_svg = {
        let (svg, name) = (p.svg.clone(), format!("{file}.svg"));
        Callback::from(move |_: MouseEvent| browser::download(&name, "image/svg+xml", &svg))
    };
    let on_png = {
        let (svg, name, w, h) = (p.svg.clone(), format!("{file}.png"), p.width, p.height);
        Callback::from(move |_: MouseEvent| browser::download_svg_as_png(&name, &svg, w, h))
    };
    html! {
        <figure class="chart" data-chart={p.name}>
            <figcaption>
                <span>{ p.title.clone() }</span>
                <span class="exports">
                    <button type="button" class="button small secondary" data-export="png" onclick={on_png}>{ "PNG" }</button>
                    <button type="button" class="button small secondary" data-export="svg" onclick={on_svg}>{ "SVG" }</button>
                </span>
            </figcaption>
            <div class="chart-svg" role="img" aria-label={p.alt.clone()}>
                { Html::from_html_unchecked(p.svg.clone()) }
            </div>
            <p class="visually-hidden">{ p.alt.clone() }</p>
        </figure>
    }
}
