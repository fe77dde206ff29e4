//! A line chart over categorical x labels: emphasised series (thick, with points and a
//! legend entry), thin background series (many cohort curves), dashed reference lines.

use super::axes::{MARGIN, X_LABEL_ROOM};
use super::legend::{legend, Swatch};
use super::scale::{drawable, Categories, ValueScale};
use super::text::text_width;
use crate::i18n::Lang;
use plotters::coord::Shift;
use plotters::prelude::*;

/// One line. `None` values break it.
#[derive(Clone, Debug, PartialEq)]
pub struct Series<'a> {
    pub name: &'a str,
    pub color: RGBColor,
    pub values: Vec<Option<f64>>,
    /// Thick, with points and a legend entry (unless `name` is empty); otherwise thin,
    /// faint and unnamed.
    pub emphasis: bool,
}

pub use super::axes::Reference;

/// The y axis: from 0 to `max` (further when a value or reference lies beyond), labels
/// as percentages when `percent`.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Axis {
    pub max: f64,
    pub percent: bool,
}

/// Points of emphasised lines are drawn when the categories are at least this far apart.
const POINT_SPACING_PX: f64 = 8.0;

/// Draws the chart on any backend.
pub fn draw<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    x_labels: &[String],
    series: &[Series],
    axis: Axis,
    references: &[Reference],
    lang: Lang,
) -> Result<(), DrawingAreaErrorKind<DB::ErrorType>> {
    root.fill(&WHITE)?;
    let entries: Vec<(&str, Swatch)> =
        series.iter().filter(|s| s.emphasis && !s.name.is_empty()).map(|s| (s.name, Swatch::Line(s.color))).collect();
    let area = legend(root, &entries)?;
    let (width, height) = area.dim_in_pixel();

    let values = || series.iter().flat_map(|s| s.values.iter().filter_map(|v| v.and_then(drawable)));
    let refs = || references.iter().filter_map(|r| drawable(r.value));
    let max = drawable(axis.max).filter(|m| *m > 0.0).unwrap_or(0.0);
    let top = values().chain(refs()).fold(max, f64::max);
    let bottom = values().chain(refs()).fold(0.0, f64::min);
    let mut scale = ValueScale::new(bottom, top, axis.percent, false, height.saturating_sub(2 * MARGIN + X_LABEL_ROOM));
    if top > max || bottom < 0.0 {
        // The data decide the range, so give it some room.
        scale = scale.padded();
    }
    let y_room = scale.label_room(&area, lang);
    let n = x_labels.len().max(series.iter().map(|s| s.values.len()).max().unwrap_or(0));
    let plot_width = width.saturating_sub(2 * MARGIN + y_room);
    let categories = Categories::fitted(n, plot_width, text_width(&area, x_labels) + 12);
    let (x0, x1) = categories.span();

    let axes = super::axes::CategoryAxes { labels: x_labels, n, y_room, x_grid: true, y_desc: None };
    let mut chart = super::axes::category_chart(&area, categories, &scale, axes, lang)?;

    let spacing = f64::from(plot_width) / n.max(1) as f64;
    // Background lines first, so the emphasised ones and the references stay on top.
    for s in series.iter().filter(|s| !s.emphasis) {
        let color = s.color.mix(0.35);
        for run in runs(&s.values) {
            if let [point] = run[..] {
                chart.draw_series(std::iter::once(Circle::new(point, 2, color.filled())))?;
            } else {
                chart.draw_series(LineSeries::new(run, color.stroke_width(1)))?;
            }
        }
    }

    super::axes::draw_references(&mut chart, (x0, x1), references)?;

    for s in series.iter().filter(|s| s.emphasis) {
        let color = s.color;
        for run in runs(&s.values) {
            if run.len() > 1 {
                chart.draw_series(LineSeries::new(run.iter().copied(), color.stroke_width(2)))?;
            }
            if run.len() == 1 || spacing >= POINT_SPACING_PX {
                chart.draw_series(run.iter().map(|&p| Circle::new(p, 3, color.filled())))?;
            }
        }
    }
    root.present()
}

/// The unbroken stretches of a series as (x, y) points.
fn runs(values: &[Option<f64>]) -> Vec<Vec<(f64, f64)>> {
    let mut runs = vec![Vec::new()];
    for (i, v) in values.iter().enumerate() {
        match v.and_then(drawable) {
            Some(v) => runs.last_mut().expect("never empty").push((i as f64, v)),
            None if runs.last().is_some_and(|r| !r.is_empty()) => runs.push(Vec::new()),
            None => {}
        }
    }
    runs.retain(|r| !r.is_empty());
    runs
}

/// The chart as an SVG document that scales with its container.
pub fn svg(
    x_labels: &[String],
    series: &[Series],
    axis: Axis,
    references: &[Reference],
    lang: Lang,
    width: u32,
    height: u32,
) -> String {
    super::svg::to_svg(width, height, |root| draw(root, x_labels, series, axis, references, lang))
}

#[cfg(test)]
mod tests {
    use super::super::test_support::{count_shapes, has_text, preview};
    use super::*;
    use crate::charts::palette;

    const GREEN: RGBColor = RGBColor(0x00, 0x9e, 0x73);
    const GREY: RGBColor = RGBColor(0x99, 0x99, 0x99);

    fn labels(n: usize) -> Vec<String> {
        (0..n).map(|i| format!("P{i}")).collect()
    }

    #[test]
    fn emphasised_series_have_lines_points_and_a_legend_entry() {
        let series = [
            Series {
                name: "All customers",
                color: GREEN,
                values: vec![Some(100.0), Some(60.0), None, Some(40.0), Some(35.0)],
                emphasis: true,
            },
            Series {
                name: "Cohort 2024-01",
                color: GREY,
                values: vec![Some(100.0), Some(50.0), Some(45.0)],
                emphasis: false,
            },
        ];
        let refs = [Reference { value: 50.0, label: "half", bars: None }];
        let svg =
            preview("lines", svg(&labels(5), &series, Axis { max: 100.0, percent: true }, &refs, Lang::En, 640, 320));
        for text in ["All customers", "half", "P0", "P4", "100%", "0%"] {
            assert!(svg.contains(text), "missing {text}");
        }
        assert!(!svg.contains("Cohort 2024-01"), "thin series have no legend entry");
        // Two runs for the emphasised series (the None breaks it), one more stroke in the legend.
        assert_eq!(count_shapes(&svg, "polyline", GREEN), 3);
        assert_eq!(count_shapes(&svg, "circle", GREEN), 4);
        assert_eq!(count_shapes(&svg, "polyline", GREY), 1);
        assert_eq!(count_shapes(&svg, "circle", GREY), 0);
        assert!(svg.contains("opacity=\"0.35\""));
    }

    #[test]
    fn lone_points_show_and_the_axis_grows_to_the_data() {
        let series = [
            Series { name: "a", color: GREEN, values: vec![None, Some(250.0), None], emphasis: true },
            Series { name: "b", color: GREY, values: vec![Some(3.0), None, Some(1.0)], emphasis: false },
        ];
        let svg = preview(
            "lines-lone",
            svg(&labels(3), &series, Axis { max: 100.0, percent: false }, &[], Lang::Nl, 640, 320),
        );
        assert_eq!(count_shapes(&svg, "circle", GREEN), 1);
        assert_eq!(count_shapes(&svg, "circle", GREY), 2);
        assert!(has_text(&svg, "300"), "the axis reaches beyond the value");
        assert!(!svg.contains('%'));
    }

    #[test]
    fn many_periods_thin_the_labels() {
        let values: Vec<Option<f64>> = (0..200).map(|i| Some(f64::from(i))).collect();
        let series = [Series { name: "x", color: GREEN, values, emphasis: true }];
        let svg = preview(
            "lines-many",
            svg(&labels(200), &series, Axis { max: 0.0, percent: false }, &[], Lang::En, 640, 320),
        );
        let shown = (0..200).filter(|i| has_text(&svg, &format!("P{i}"))).count();
        assert!((2..=30).contains(&shown), "{shown} labels");
        assert!(has_text(&svg, "P0"));
        // 3 px apart: no points, only the line (and the legend stroke).
        assert_eq!(count_shapes(&svg, "circle", GREEN), 0);
        assert_eq!(count_shapes(&svg, "polyline", GREEN), 2);
    }

    #[test]
    fn degenerate_inputs_render() {
        let axis = Axis { max: 100.0, percent: true };
        let odd = Axis { max: f64::NAN, percent: false };
        for (labels, series, axis) in [
            (vec![], vec![], axis),
            (labels(1), vec![Series { name: "one", color: GREEN, values: vec![Some(5.0)], emphasis: true }], axis),
            (labels(2), vec![Series { name: "none", color: GREEN, values: vec![None, None], emphasis: true }], odd),
            (
                vec![],
                vec![Series { name: "unlabelled", color: GREEN, values: vec![Some(1.0); 4], emphasis: false }],
                odd,
            ),
            (labels(9), vec![Series { name: "short", color: GREEN, values: vec![Some(-3.0)], emphasis: true }], axis),
            (
                labels(3),
                vec![Series {
                    name: "huge",
                    color: GREEN,
                    values: vec![Some(1e300), Some(-f64::MAX), Some(f64::INFINITY)],
                    emphasis: true,
                }],
                Axis { max: f64::MAX, percent: false },
            ),
        ] {
            let refs = [
                Reference { value: f64::NAN, label: "nan", bars: None },
                Reference { value: 1e308, label: "big", bars: None },
            ];
            for (w, h) in [(640, 320), (1, 1), (0, 0), (40, 30)] {
                let svg = svg(&labels, &series, axis, &refs, Lang::En, w, h);
                assert!(svg.trim_end().ends_with("</svg>"));
            }
        }
    }

    #[test]
    fn a_thousand_series_render() {
        let series: Vec<Series> = (0..1000)
            .map(|i| Series {
                name: "cohort",
                color: palette::SERIES[i % palette::SERIES.len()],
                values: (0..24).map(|j| (j <= i % 24).then(|| 100.0 / f64::from(j as u32 + 1))).collect(),
                emphasis: i % 10 == 0,
            })
            .collect();
        let svg = preview(
            "lines-thousand",
            svg(&labels(24), &series, Axis { max: 100.0, percent: true }, &[], Lang::En, 760, 340),
        );
        assert!(svg.contains('…'), "a hundred legend entries do not fit in three rows");
        let drawn: usize = palette::SERIES.iter().map(|&c| count_shapes(&svg, "polyline", c)).sum();
        assert!(drawn >= 1000 - 42, "every series with two or more points is a line: {drawn}");
    }
}
