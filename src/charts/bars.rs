//! A vertical bar chart of counts or amounts over categorical labels (the time between
//! purchases, revenue per RFM segment).

use super::axes::{Reference, MARGIN, TITLE_ROOM, X_LABEL_ROOM};
use super::palette;
use super::scale::{drawable, Categories, ValueScale};
use super::text::{font, text_width};
use crate::i18n::Lang;
use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

/// Half a bar's width, in categories (bars fill 80% of their slot).
const HALF_BAR: f64 = 0.4;

/// Draws the chart on any backend: one bar per label, from zero to its value, and
/// dashed reference lines. Values are written on the bars when there is room.
pub fn draw<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    labels: &[String],
    values: &[f64],
    references: &[Reference],
    y_title: &str,
    lang: Lang,
) -> Result<(), DrawingAreaErrorKind<DB::ErrorType>> {
    root.fill(&WHITE)?;
    let (width, height) = root.dim_in_pixel();
    let n = labels.len().max(values.len());
    let shown: Vec<Option<f64>> = values.iter().map(|&v| drawable(v)).collect();
    let refs = references.iter().filter_map(|r| drawable(r.value));
    let top = shown.iter().flatten().copied().chain(refs).fold(0.0, f64::max);
    let bottom = shown.iter().flatten().fold(0.0, |a, &b| f64::min(a, b));
    // Counts (all whole numbers) get whole-number ticks.
    let integer = shown.iter().flatten().all(|v| v.fract() == 0.0);
    let span = height.saturating_sub(2 * MARGIN + X_LABEL_ROOM);
    let scale = ValueScale::new(bottom, top, false, integer, span).padded();
    let title_room = if y_title.is_empty() { 0 } else { TITLE_ROOM };
    let y_room = scale.label_room(root, lang) + title_room;
    let plot_width = width.saturating_sub(2 * MARGIN + y_room);
    // Every bar keeps a label: labels too wide for their slot are shortened ("Needs
    // attention" → "Needs at…") rather than left off every other bar.
    let slot_px = plot_width / n.max(1) as u32;
    let shortened = if text_width(root, labels) + 12 > slot_px {
        super::text::abbreviated(root, labels, slot_px.saturating_sub(12))
    } else {
        None
    };
    let labels = shortened.as_deref().unwrap_or(labels);
    let categories = Categories::fitted(n, plot_width, text_width(root, labels) + 12);

    let axes = super::axes::CategoryAxes { labels, n, y_room, x_grid: false, y_desc: Some(y_title) };
    let mut chart = super::axes::category_chart(root, categories.clone(), &scale, axes, lang)?;

    let bars = shown.iter().enumerate().filter_map(|(i, v)| {
        let (x, v) = (i as f64, (*v)?);
        Some(Rectangle::new([(x - HALF_BAR, 0.0), (x + HALF_BAR, v)], palette::BAR.filled()))
    });
    chart.draw_series(bars)?;
    let (x0, x1) = categories.span();
    if bottom < 0.0 {
        chart.draw_series(LineSeries::new([(x0, 0.0), (x1, 0.0)], palette::INK.stroke_width(1)))?;
    }
    super::axes::draw_references(&mut chart, (x0, x1), references)?;

    // Values on the bars, when every one fits its slot.
    let max_abs = top.max(-bottom);
    let decimals = if integer || max_abs >= 100.0 {
        0
    } else if max_abs >= 10.0 {
        1
    } else {
        2
    };
    let texts: Vec<String> = shown.iter().map(|v| v.map_or(String::new(), |v| lang.number(v, decimals))).collect();
    let slot = f64::from(plot_width) / n.max(1) as f64;
    if f64::from(text_width(root, &texts) + 4) <= slot {
        let labels = shown.iter().zip(texts).enumerate().filter_map(|(i, (v, text))| {
            let v = (*v)?;
            let (dy, v_pos) = if v < 0.0 { (3, VPos::Top) } else { (-3, VPos::Bottom) };
            let style = font().pos(Pos::new(HPos::Center, v_pos));
            Some(EmptyElement::at((i as f64, v)) + Text::new(text, (0, dy), style))
        });
        chart.draw_series(labels)?;
    }
    root.present()
}

/// The chart as an SVG document that scales with its container.
pub fn svg(
    labels: &[String],
    values: &[f64],
    references: &[Reference],
    y_title: &str,
    lang: Lang,
    width: u32,
    height: u32,
) -> String {
    super::svg::to_svg(width, height, |root| draw(root, labels, values, references, y_title, lang))
}

#[cfg(test)]
mod tests {
    use super::super::test_support::{count_shapes, has_text, preview, rects};
    use super::*;

    fn labels(names: &[&str]) -> Vec<String> {
        names.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn one_bar_per_value_with_labels_and_title() {
        let labels = labels(&["0–7 days", "8–14 days", "15–30 days", "31+ days"]);
        let svg = preview("bars", svg(&labels, &[120.0, 45.0, 0.0, 1234.0], &[], "Customers", Lang::En, 640, 320));
        for text in ["0–7 days", "31+ days", "Customers", "1,234", "45", "0"] {
            assert!(has_text(&svg, text), "missing {text}");
        }
        let bars = rects(&svg, palette::BAR);
        assert_eq!(bars.len(), 4);
        assert_eq!(bars[2].3, 0, "a zero bar has no height");
        assert!(bars[3].3 > 10 * bars[0].3 - 10 && bars[0].3 > 2 * bars[1].3, "{bars:?}");
    }

    #[test]
    fn amounts_keep_decimals_and_negative_bars_hang_down() {
        let labels = labels(&["Champions", "At risk", "Lost"]);
        let svg = preview("bars-amounts", svg(&labels, &[5.25, 2.5, -1.75], &[], "Revenue", Lang::Nl, 640, 320));
        for text in ["5,25", "2,50", "−1,75", "Champions"] {
            assert!(has_text(&svg, text), "missing {text}");
        }
        let bars = rects(&svg, palette::BAR);
        assert_eq!(bars[2].1, bars[0].1 + bars[0].3, "the negative bar starts at zero");
    }

    #[test]
    fn a_reference_line_above_the_bars_widens_the_axis() {
        // Non-members spend 100 per customer, members 110; the literature's +18% is 118.
        let labels = labels(&["no", "yes"]);
        let reference = Reference { value: 118.0, label: "+18% (literature)", bars: None };
        let svg = svg(&labels, &[100.0, 110.0], &[reference], "Revenue per customer", Lang::En, 640, 320);
        assert!(has_text(&svg, "+18% (literature)"));
        // Dashes of 6 px with gaps of 4 across the plot: many short segments.
        let dashes =
            count_shapes(&svg, "polyline", palette::REFERENCE) + count_shapes(&svg, "line", palette::REFERENCE);
        assert!(dashes > 20, "{dashes} dashes");
        let bars = rects(&svg, palette::BAR);
        assert_eq!(bars.len(), 2);
    }

    #[test]
    fn crowded_bars_drop_their_value_labels() {
        let labels: Vec<String> = (0..300).map(|i| format!("{i} d")).collect();
        let values: Vec<f64> = (0..300).map(|i| f64::from(i * 1000)).collect();
        let svg = svg(&labels, &values, &[], "", Lang::En, 640, 320);
        assert_eq!(rects(&svg, palette::BAR).len(), 300);
        assert!(!has_text(&svg, "299,000"));
        assert!(has_text(&svg, "0 d"));
    }

    #[test]
    fn degenerate_inputs_render() {
        let cases: [(Vec<String>, Vec<f64>); 6] = [
            (vec![], vec![]),
            (labels(&["a", "b"]), vec![]),
            (vec![], vec![1.0, 2.0]),
            (labels(&["zero"]), vec![0.0]),
            (labels(&["x", "y", "z"]), vec![f64::NAN, f64::MAX, -f64::MAX]),
            (labels(&["tiny"]), vec![1e-12]),
        ];
        for (labels, values) in cases {
            for (w, h) in [(640, 320), (1, 1), (0, 0), (40, 30)] {
                let svg = svg(&labels, &values, &[], "title", Lang::En, w, h);
                assert!(svg.trim_end().ends_with("</svg>"));
            }
        }
    }

    #[test]
    fn long_labels_are_shortened_not_dropped() {
        // Nine RFM segments on a narrow chart: every bar keeps a label, the long ones cut.
        let names = labels(&[
            "Champions",
            "Loyal",
            "Promising",
            "New",
            "Needs attention",
            "At risk",
            "Can't lose them",
            "Hibernating",
            "Lost",
        ]);
        let svg = svg(&names, &[5.0, 4.0, 3.0, 2.0, 6.0, 1.0, 2.0, 3.0, 4.0], &[], "", Lang::En, 640, 240);

        for short in ["Loyal", "New", "Lost"] {
            assert!(has_text(&svg, short), "{short}");
        }
        let cut = svg.matches('…').count();
        assert!(cut >= 3, "{cut} labels cut");
        // Every category has a label: nine texts under the axis besides the values.
        assert!(svg.contains(">\nChamp"), "the first label starts as the name");
    }
}
