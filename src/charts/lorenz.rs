//! Revenue concentration: the Lorenz curve against the line of equality, with the share
//! of revenue held by the top 10% of customers marked at 90%.

use super::axes::{MARGIN, TITLE_ROOM, X_LABEL_ROOM};
use super::legend::{legend, Swatch};
use super::palette;
use super::scale::ValueScale;
use super::text::font;
use crate::i18n::Lang;
use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

/// The (translated) texts of the chart.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct LorenzNames<'a> {
    /// The curve's legend entry.
    pub curve: &'a str,
    /// The diagonal's legend entry.
    pub equality: &'a str,
    /// Written beside the top-10% marker, above its percentage.
    pub top10: &'a str,
    /// Along the x axis, e.g. "customers, lowest revenue first".
    pub x_title: &'a str,
    /// Along the y axis, e.g. "share of revenue".
    pub y_title: &'a str,
}

/// Draws the chart on any backend. `points[j]` is the % of revenue held by the lowest
/// j% of customers (101 values, j = 0..=100; any other count is spread evenly over the
/// axis). `top10_share`, the % held by the top 10%, is marked at x = 90%.
pub fn draw<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    points: &[f64],
    top10_share: Option<f64>,
    names: LorenzNames,
    lang: Lang,
) -> Result<(), DrawingAreaErrorKind<DB::ErrorType>> {
    root.fill(&WHITE)?;
    let entries = [(names.curve, Swatch::Line(palette::CRR)), (names.equality, Swatch::Dashed(palette::REFERENCE))];
    let area = legend(root, &entries)?;
    let (width, height) = area.dim_in_pixel();
    let x_room = X_LABEL_ROOM + if names.x_title.is_empty() { 0 } else { TITLE_ROOM };
    let y_scale = ValueScale::new(0.0, 100.0, true, false, height.saturating_sub(2 * MARGIN + x_room));
    let y_room = y_scale.label_room(&area, lang) + if names.y_title.is_empty() { 0 } else { TITLE_ROOM };
    // Room for about 3 characters per x label: "100%" needs a little more.
    let x_scale = ValueScale::new(0.0, 100.0, true, false, width.saturating_sub(2 * MARGIN + y_room) * 2 / 5);

    let mut chart = ChartBuilder::on(&area)
        .margin(MARGIN)
        .x_label_area_size(x_room)
        .y_label_area_size(y_room)
        .build_cartesian_2d(x_scale.range(), y_scale.range())?;
    chart
        .configure_mesh()
        .light_line_style(TRANSPARENT)
        .bold_line_style(palette::GRID)
        .axis_style(palette::INK)
        .x_labels(x_scale.ticks)
        .y_labels(y_scale.ticks)
        .x_label_formatter(&|x| x_scale.format(lang, *x))
        .y_label_formatter(&|y| y_scale.format(lang, *y))
        .x_desc(names.x_title)
        .y_desc(names.y_title)
        .x_label_style(font())
        .y_label_style(font())
        .axis_desc_style(font())
        .draw()?;

    chart.draw_series(DashedLineSeries::new([(0.0, 0.0), (100.0, 100.0)], 6, 4, palette::REFERENCE.stroke_width(1)))?;

    let step = 100.0 / points.len().saturating_sub(1).max(1) as f64;
    let curve: Vec<(f64, f64)> = points
        .iter()
        .enumerate()
        .filter(|(_, v)| v.is_finite())
        .map(|(j, v)| (j as f64 * step, v.clamp(0.0, 100.0)))
        .collect();
    match curve[..] {
        [] => {}
        [only] => {
            chart.draw_series(std::iter::once(Circle::new(only, 3, palette::CRR.filled())))?;
        }
        _ => {
            chart.draw_series(LineSeries::new(curve, palette::CRR.stroke_width(2)))?;
        }
    }

    if let Some(share) = top10_share.filter(|s| s.is_finite()).map(|s| s.clamp(0.0, 100.0)) {
        // The top 10% hold what lies between the curve at 90% and the top of the axis.
        let (bottom, top) = ((90.0, 100.0 - share), (90.0, 100.0));
        chart.draw_series(LineSeries::new([bottom, top], palette::HIGHLIGHT.stroke_width(2)))?;
        chart.draw_series([bottom, top].map(|p| Circle::new(p, 3, palette::HIGHLIGHT.filled())))?;
        // Two lines left of the marker, on a light backing that keeps the diagonal out.
        let (name, value) = (names.top10.to_string(), lang.percent(share));
        let w = super::text::text_width(&area, &[&name, &value]) as i32;
        let h = super::text::FONT_PX as i32 + 2;
        let right = |v_pos| font().pos(Pos::new(HPos::Right, v_pos));
        let note = EmptyElement::at((90.0, 100.0 - share / 2.0))
            + Rectangle::new([(-w - 12, -h - 2), (-5, h + 2)], WHITE.mix(0.85).filled())
            + Text::new(name, (-8, -1), right(VPos::Bottom))
            + Text::new(value, (-8, 1), right(VPos::Top));
        chart.draw_series(std::iter::once(note))?;
    }
    root.present()
}

/// The chart as an SVG document that scales with its container.
pub fn svg(
    points: &[f64],
    top10_share: Option<f64>,
    names: LorenzNames,
    lang: Lang,
    width: u32,
    height: u32,
) -> String {
    super::svg::to_svg(width, height, |root| draw(root, points, top10_share, names, lang))
}

#[cfg(test)]
mod tests {
    use super::super::test_support::{count_shapes, has_text, preview};
    use super::*;

    const NAMES: LorenzNames = LorenzNames {
        curve: "Lorenz curve",
        equality: "Equal revenue",
        top10: "Top 10% of customers",
        x_title: "Customers, lowest revenue first",
        y_title: "Share of revenue",
    };

    /// A curve where the top 10% hold 45% of revenue: linear up to 55% at 90%, then steep.
    fn curve() -> Vec<f64> {
        (0..=100).map(|j| if j <= 90 { f64::from(j) * 55.0 / 90.0 } else { 55.0 + f64::from(j - 90) * 4.5 }).collect()
    }

    #[test]
    fn curve_diagonal_titles_and_the_top_ten_marker() {
        let svg = preview("lorenz", svg(&curve(), Some(45.0), NAMES, Lang::En, 640, 400));
        for text in [
            "Lorenz curve",
            "Equal revenue",
            "Top 10% of customers",
            "45.0%",
            "Customers, lowest revenue first",
            "Share of revenue",
            "0%",
            "100%",
        ] {
            assert!(has_text(&svg, text), "missing {text}");
        }
        // The curve is one path (plus its legend stroke); the marker a line and two dots.
        assert_eq!(count_shapes(&svg, "polyline", palette::CRR), 2);
        assert_eq!(count_shapes(&svg, "polyline", palette::HIGHLIGHT), 1);
        assert_eq!(count_shapes(&svg, "circle", palette::HIGHLIGHT), 2);
        assert!(count_shapes(&svg, "polyline", palette::REFERENCE) > 10, "the diagonal is dashed");
    }

    #[test]
    fn dutch_percentages_and_no_marker_without_a_share() {
        let svg = svg(&curve(), None, NAMES, Lang::Nl, 640, 400);
        assert!(has_text(&svg, "50%"));
        assert!(!has_text(&svg, "Top 10% of customers"));
        assert_eq!(count_shapes(&svg, "circle", palette::HIGHLIGHT), 0);
        let svg = svg_nl_share();
        assert!(has_text(&svg, "12,5%"));
    }

    fn svg_nl_share() -> String {
        svg(&curve(), Some(12.5), NAMES, Lang::Nl, 640, 400)
    }

    #[test]
    fn degenerate_inputs_render() {
        let many: Vec<f64> = (0..1000).map(|i| f64::from(i) / 10.0).collect();
        let cases: [(&[f64], Option<f64>); 6] = [
            (&[], None),
            (&[], Some(f64::NAN)),
            (&[50.0], Some(250.0)),
            (&[f64::NAN, f64::INFINITY, -5.0, 1e300], Some(-1.0)),
            (&many, Some(f64::MAX)),
            (&[0.0, 100.0], Some(0.0)),
        ];
        for (points, share) in cases {
            for (w, h) in [(640, 400), (1, 1), (0, 0), (40, 30)] {
                let svg = svg(points, share, NAMES, Lang::En, w, h);
                assert!(svg.trim_end().ends_with("</svg>"));
            }
        }
    }
}
