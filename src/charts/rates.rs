//! CRR and churn per period: a line chart with the 85% reference line.

use super::lines::{self, Axis, Reference, Series};
use super::palette;
use crate::i18n::Lang;
use plotters::coord::Shift;
use plotters::prelude::*;

/// One period on the chart.
#[derive(Clone, Debug, PartialEq)]
pub struct RatePoint {
    pub label: String,
    pub crr: Option<f64>,
    pub churn: Option<f64>,
}

/// The literature's common retention target (METRICS.md), drawn as a reference.
pub const TARGET_CRR: f64 = 85.0;

/// Draws the chart on any backend.
pub fn draw<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    points: &[RatePoint],
    lang: Lang,
) -> Result<(), DrawingAreaErrorKind<DB::ErrorType>> {
    let t = lang.texts();
    let labels: Vec<String> = points.iter().map(|p| p.label.clone()).collect();
    let series = [
        Series {
            name: t.calc.crr_name,
            color: palette::CRR,
            values: points.iter().map(|p| p.crr).collect(),
            emphasis: true,
        },
        Series {
            name: t.calc.churn_name,
            color: palette::CHURN,
            values: points.iter().map(|p| p.churn).collect(),
            emphasis: true,
        },
    ];
    let target = [Reference { value: TARGET_CRR, label: t.target_label, bars: None }];
    lines::draw(root, &labels, &series, Axis { max: 100.0, percent: true }, &target, lang)
}

/// The chart as an SVG document that scales with its container.
pub fn svg(points: &[RatePoint], lang: Lang, width: u32, height: u32) -> String {
    super::svg::to_svg(width, height, |root| draw(root, points, lang))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn points() -> Vec<RatePoint> {
        vec![
            RatePoint { label: "2024-01".into(), crr: Some(95.0), churn: Some(5.0) },
            RatePoint { label: "2024-02".into(), crr: None, churn: None },
            RatePoint { label: "2024-03".into(), crr: Some(87.5), churn: Some(12.5) },
        ]
    }

    #[test]
    fn renders_lines_labels_and_the_target() {
        let svg = svg(&points(), Lang::En, 640, 320);
        assert!(svg.starts_with("<svg "), "{}", &svg[..80.min(svg.len())]);
        assert!(svg.contains("viewBox=\"0 0 640 320\""));
        let head = &svg[..svg.find('>').unwrap()];
        assert!(!head.contains("width=") && !head.contains("height="), "{head}");
        for label in ["2024-01", "2024-03", "85% target", "Churn rate", "100%"] {
            assert!(svg.contains(label), "missing {label}");
        }
        // Two points on each line are drawn as circles: 2 x 2 plus none for the gap.
        assert_eq!(svg.matches("<circle").count(), 4);
    }

    #[test]
    fn dutch_labels() {
        let svg = svg(&points(), Lang::Nl, 640, 320);
        assert!(svg.contains("doel 85%"));
        assert!(svg.contains("Klantverloop (churn)"));
    }

    #[test]
    fn draws_nothing_broken_for_no_points() {
        let svg = svg(&[], Lang::En, 320, 200);
        assert!(svg.ends_with("</svg>\n") || svg.ends_with("</svg>"));
    }
}
