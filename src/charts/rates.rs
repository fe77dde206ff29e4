//! CRR and churn per period: a line chart with the 85% reference line.

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
    root.fill(&WHITE)?;
    let n = points.len().max(1);
    let mut chart = ChartBuilder::on(root)
        .margin(12)
        .x_label_area_size(40)
        .y_label_area_size(48)
        .build_cartesian_2d(-0.5f64..(n as f64 - 0.5), 0f64..100f64)?;

    let labels: Vec<&str> = points.iter().map(|p| p.label.as_str()).collect();
    let label_font = (super::FONT_FAMILY, super::FONT_PX).into_font().color(&palette::INK);
    chart
        .configure_mesh()
        .light_line_style(TRANSPARENT)
        .bold_line_style(palette::GRID)
        .y_labels(11)
        .axis_style(palette::INK)
        .x_labels(n.min(12))
        .x_label_formatter(&|x| {
            let i = x.round();
            if (x - i).abs() < 1e-6 && i >= 0.0 {
                labels.get(i as usize).map_or(String::new(), |s| s.to_string())
            } else {
                String::new()
            }
        })
        .y_label_formatter(&|y| format!("{}%", lang.number(*y, 0)))
        .x_label_style(label_font.clone())
        .y_label_style(label_font.clone())
        .draw()?;

    let target = [(-0.5, TARGET_CRR), (n as f64 - 0.5, TARGET_CRR)];
    chart.draw_series(DashedLineSeries::new(target, 6, 4, palette::REFERENCE.stroke_width(1)))?;
    chart.draw_series(std::iter::once(Text::new(
        t.target_label.to_string(),
        (-0.4, TARGET_CRR - 1.5),
        label_font.clone(),
    )))?;

    type Value = fn(&RatePoint) -> Option<f64>;
    let series: [(&str, RGBColor, Value); 2] =
        [(t.crr_name, palette::CRR, |p| p.crr), (t.churn_name, palette::CHURN, |p| p.churn)];
    for (name, color, value) in series {
        // A period without a value breaks the line rather than bridging it.
        let mut run: Vec<(f64, f64)> = Vec::new();
        let mut runs = Vec::new();
        for (i, p) in points.iter().enumerate() {
            match value(p) {
                Some(v) => run.push((i as f64, v)),
                None => runs.push(std::mem::take(&mut run)),
            }
        }
        runs.push(run);
        for r in runs.iter().filter(|r| !r.is_empty()) {
            chart.draw_series(LineSeries::new(r.iter().copied(), color.stroke_width(2)))?;
        }
        chart
            .draw_series(runs.iter().flatten().map(|&(x, y)| Circle::new((x, y), 3, color.filled())))?
            .label(name)
            .legend(move |(x, y)| PathElement::new([(x, y), (x + 18, y)], color.stroke_width(2)));
    }
    chart
        .configure_series_labels()
        .position(SeriesLabelPosition::MiddleRight)
        .background_style(WHITE.mix(0.85))
        .border_style(palette::GRID)
        .label_font(label_font)
        .draw()?;
    root.present()
}

/// The chart as an SVG document that scales with its container.
pub fn svg(points: &[RatePoint], lang: Lang, width: u32, height: u32) -> String {
    let mut out = String::new();
    {
        let root = SVGBackend::with_string(&mut out, (width, height)).into_drawing_area();
        // The SVG backend writes into a String: it cannot fail.
        let _ = draw(&root, points, lang);
    }
    super::responsive_svg(out)
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
