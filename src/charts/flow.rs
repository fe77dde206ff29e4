//! The customer base per period: retained, new and reactivated customers stacked above
//! a zero line, churned customers below it (a diverging bar chart).

use super::axes::{MARGIN, X_LABEL_ROOM};
use super::legend::{legend, Swatch};
use super::palette;
use super::scale::{Categories, ValueScale};
use super::text::text_width;
use crate::i18n::Lang;
use plotters::coord::Shift;
use plotters::prelude::*;

/// One period's customer counts.
#[derive(Clone, Debug, PartialEq)]
pub struct FlowPoint {
    pub label: String,
    pub retained: u64,
    pub new: u64,
    pub reactivated: u64,
    pub churned: u64,
}

/// The (translated) names of the four groups, for the legend.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct FlowNames<'a> {
    pub retained: &'a str,
    pub new: &'a str,
    pub reactivated: &'a str,
    pub churned: &'a str,
}

/// Half a bar's width, in categories (bars fill 70% of their slot).
const HALF_BAR: f64 = 0.35;

/// Draws the chart on any backend. The y labels are counts on both sides of zero.
pub fn draw<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    points: &[FlowPoint],
    names: FlowNames,
    lang: Lang,
) -> Result<(), DrawingAreaErrorKind<DB::ErrorType>> {
    root.fill(&WHITE)?;
    let entries = [
        (names.retained, Swatch::Block(palette::RETAINED)),
        (names.new, Swatch::Block(palette::NEW)),
        (names.reactivated, Swatch::Block(palette::REACTIVATED)),
        (names.churned, Swatch::Block(palette::CHURNED)),
    ];
    let area = legend(root, &entries)?;
    let (width, height) = area.dim_in_pixel();

    // Sums in f64: three u64 counts can overflow u64.
    let gained = |p: &FlowPoint| p.retained as f64 + p.new as f64 + p.reactivated as f64;
    let top = points.iter().map(gained).fold(0.0, f64::max);
    let bottom = points.iter().map(|p| -(p.churned as f64)).fold(0.0, f64::min);
    let span = height.saturating_sub(2 * MARGIN + X_LABEL_ROOM);
    let scale = ValueScale::new(bottom, top, false, true, span).padded().absolute();
    let y_room = scale.label_room(&area, lang);
    let labels: Vec<String> = points.iter().map(|p| p.label.clone()).collect();
    let plot_width = width.saturating_sub(2 * MARGIN + y_room);
    let categories = Categories::fitted(points.len(), plot_width, text_width(&area, &labels) + 12);
    let (x0, x1) = categories.span();

    let axes = super::axes::CategoryAxes { labels: &labels, n: points.len(), y_room, x_grid: false, y_desc: None };
    let mut chart = super::axes::category_chart(&area, categories, &scale, axes, lang)?;

    let mut bars = Vec::new();
    for (i, p) in points.iter().enumerate() {
        let x = i as f64;
        let mut base = 0.0;
        for (count, color) in
            [(p.retained, palette::RETAINED), (p.new, palette::NEW), (p.reactivated, palette::REACTIVATED)]
        {
            if count > 0 {
                let end = base + count as f64;
                bars.push(Rectangle::new([(x - HALF_BAR, base), (x + HALF_BAR, end)], color.filled()));
                base = end;
            }
        }
        if p.churned > 0 {
            let end = -(p.churned as f64);
            bars.push(Rectangle::new([(x - HALF_BAR, end), (x + HALF_BAR, 0.0)], palette::CHURNED.filled()));
        }
    }
    chart.draw_series(bars)?;
    chart.draw_series(LineSeries::new([(x0, 0.0), (x1, 0.0)], palette::INK.stroke_width(1)))?;
    root.present()
}

/// The chart as an SVG document that scales with its container.
pub fn svg(points: &[FlowPoint], names: FlowNames, lang: Lang, width: u32, height: u32) -> String {
    super::svg::to_svg(width, height, |root| draw(root, points, names, lang))
}

#[cfg(test)]
mod tests {
    use super::super::test_support::{has_text, preview, rects};
    use super::*;

    const NAMES: FlowNames =
        FlowNames { retained: "Retained", new: "New", reactivated: "Reactivated", churned: "Churned" };

    fn point(label: &str, retained: u64, new: u64, reactivated: u64, churned: u64) -> FlowPoint {
        FlowPoint { label: label.into(), retained, new, reactivated, churned }
    }

    #[test]
    fn stacks_gains_above_zero_and_churn_below() {
        let points =
            [point("2024-01", 0, 120, 0, 0), point("2024-02", 100, 30, 5, 20), point("2024-03", 110, 25, 0, 25)];
        let svg = preview("flow", svg(&points, NAMES, Lang::En, 640, 320));
        for text in ["Retained", "New", "Reactivated", "Churned", "2024-01", "2024-03", "0"] {
            assert!(has_text(&svg, text), "missing {text}");
        }
        assert!(!svg.contains('−'), "counts below zero are shown as counts");
        // One rectangle per non-zero count, plus the legend's swatch.
        let retained = rects(&svg, palette::RETAINED);
        let new = rects(&svg, palette::NEW);
        let reactivated = rects(&svg, palette::REACTIVATED);
        let churned = rects(&svg, palette::CHURNED);
        assert_eq!((retained.len(), new.len(), reactivated.len(), churned.len()), (3, 4, 2, 3));
        // February: retained sits on the zero line, new on retained; churn hangs below.
        let (r, n, c) = (retained[1], new[2], churned[1]);
        let zero = r.1 + r.3;
        assert_eq!(c.1, zero, "churn starts at zero");
        assert_eq!(n.1 + n.3, r.1, "new stacks on retained");
        assert!(c.3 > 0 && r.3 > 4 * c.3 && r.3 < 6 * c.3, "heights follow the counts: {r:?} {c:?}");
    }

    #[test]
    fn degenerate_inputs_render() {
        let cases = [
            vec![],
            vec![point("only", 0, 0, 0, 0)],
            vec![point("one", 3, 0, 0, 1)],
            vec![point("max", u64::MAX, u64::MAX, u64::MAX, u64::MAX)],
            (0..1000).map(|i| point(&format!("p{i}"), i, i % 7, i % 3, i % 11)).collect(),
        ];
        for points in cases {
            for (w, h) in [(640, 320), (1, 1), (0, 0), (50, 40)] {
                let svg = svg(&points, NAMES, Lang::Nl, w, h);
                assert!(svg.trim_end().ends_with("</svg>"));
            }
        }
    }
}
