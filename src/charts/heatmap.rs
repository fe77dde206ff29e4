//! The cohort heatmap: one row per cohort, one column per offset (0, 1, 2, ... periods
//! after the first purchase), each cell coloured by its percentage.

use super::axes::{MARGIN, TITLE_ROOM, X_LABEL_ROOM};
use super::legend::{legend, Swatch};
use super::palette;
use super::scale::Categories;
use super::text::{font, text_width};
use crate::i18n::Lang;
use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

/// Cells at least this wide (and tall enough for a line of text) show their value.
const TEXT_CELL_PX: f64 = 26.0;

/// The values the colour key shows.
const KEY: [f64; 5] = [0.0, 25.0, 50.0, 75.0, 100.0];

/// Draws the chart on any backend. `values` holds one row per cohort, percentages
/// (0..=100) by offset; rows may differ in length and `None` leaves a cell blank.
/// The columns are named by `col_labels`, or numbered 0, 1, ... when it is empty.
#[allow(clippy::too_many_arguments)]
pub fn draw<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    row_labels: &[String],
    col_labels: &[String],
    values: &[Vec<Option<f64>>],
    x_title: &str,
    y_title: &str,
    lang: Lang,
) -> Result<(), DrawingAreaErrorKind<DB::ErrorType>> {
    root.fill(&WHITE)?;
    let key_names: Vec<String> = KEY.iter().map(|&v| format!("{}%", lang.number(v, 0))).collect();
    let key: Vec<(&str, Swatch)> =
        key_names.iter().zip(KEY).map(|(name, v)| (name.as_str(), Swatch::Block(color(v)))).collect();
    let area = legend(root, &key)?;
    let (width, height) = area.dim_in_pixel();

    let rows = row_labels.len().max(values.len());
    let cols = values.iter().map(Vec::len).max().unwrap_or(0);
    let offsets: Vec<String> =
        if col_labels.is_empty() { (0..cols).map(|j| lang.number(j as f64, 0)).collect() } else { col_labels.to_vec() };
    let x_room = X_LABEL_ROOM + if x_title.is_empty() { 0 } else { TITLE_ROOM };
    let y_room = text_width(&area, row_labels) + 14 + if y_title.is_empty() { 0 } else { TITLE_ROOM };
    let (plot_width, plot_height) =
        (width.saturating_sub(2 * MARGIN + y_room), height.saturating_sub(2 * MARGIN + x_room));
    let x_axis = Categories::fitted(cols, plot_width, text_width(&area, &offsets) + 10);
    let y_axis = Categories::fitted(rows, plot_height, super::text::FONT_PX + 6).reversed();

    let mut chart = ChartBuilder::on(&area)
        .margin(MARGIN)
        .x_label_area_size(x_room)
        .y_label_area_size(y_room)
        .build_cartesian_2d(x_axis, y_axis)?;
    chart
        .configure_mesh()
        .disable_mesh()
        .axis_style(palette::INK)
        .x_labels(cols)
        .y_labels(rows)
        .x_label_formatter(&|x| Categories::label(&offsets, *x))
        .y_label_formatter(&|y| Categories::label(row_labels, *y))
        .x_desc(x_title)
        .y_desc(y_title)
        .x_label_style(font())
        .y_label_style(font())
        .axis_desc_style(font())
        .draw()?;

    let cell_width = f64::from(plot_width) / cols.max(1) as f64;
    let cell_height = f64::from(plot_height) / rows.max(1) as f64;
    // A white hairline between cells, once they are big enough to spare it. Smaller
    // cells (weekly cohorts over years: ten thousand and more) are coloured in steps
    // of STEP_PCT, and neighbours of one colour are drawn as one rectangle: the same
    // picture with a fraction of the elements for the page to lay out and paint.
    let gap = u32::from(cell_width >= 6.0 && cell_height >= 6.0);
    let step = if gap == 0 { STEP_PCT } else { 0.0 };
    let cells = values.iter().enumerate().flat_map(|(i, row)| {
        runs(row, step).map(move |(first, last, v)| {
            let (x0, x1, y) = (first as f64 - 0.5, last as f64 + 0.5, i as f64);
            let mut cell = Rectangle::new([(x0, y - 0.5), (x1, y + 0.5)], color(v).filled());
            cell.set_margin(0, gap, 0, gap);
            cell
        })
    });
    chart.draw_series(cells)?;

    if cell_width >= TEXT_CELL_PX && cell_height >= f64::from(super::text::FONT_PX + 2) {
        // With the % sign when the widest value fits with it, else the bare number.
        let with_sign = f64::from(text_width(&area, &[format!("{}%", lang.number(100.0, 0))]) + 4) <= cell_width;
        let texts = values.iter().enumerate().flat_map(|(i, row)| {
            row.iter().enumerate().filter_map(move |(j, v)| {
                let v = v.filter(|v| v.is_finite())?;
                let number = lang.number(v, 0);
                let text = if with_sign { format!("{number}%") } else { number };
                let style = if dark(color(v)) { font().color(&WHITE) } else { font() };
                let style = style.pos(Pos::new(HPos::Center, VPos::Center));
                Some(Text::new(text, (j as f64, i as f64), style))
            })
        });
        chart.draw_series(texts)?;
    }
    root.present()
}

/// The colour steps of cells too small to tell finer shades apart, in percentage points.
const STEP_PCT: f64 = 2.5;

/// The cells of one row as runs `(first, last, value)` of neighbours that get the same
/// colour: with `step` 0 every cell on its own, else values rounded to a multiple of
/// `step`. Blank and non-finite cells are left out.
fn runs(row: &[Option<f64>], step: f64) -> impl Iterator<Item = (usize, usize, f64)> + '_ {
    let level = move |v: f64| if step > 0.0 { (v.clamp(0.0, 100.0) / step).round() * step } else { v };
    let mut j = 0;
    std::iter::from_fn(move || {
        while j < row.len() {
            let first = j;
            j += 1;
            let Some(v) = row[first].filter(|v| v.is_finite()).map(level) else { continue };
            while step > 0.0 && j < row.len() && row[j].filter(|v| v.is_finite()).map(level) == Some(v) {
                j += 1;
            }
            return Some((first, j - 1, v));
        }
        None
    })
}

/// The colour of a percentage on the sequential scale (clamped to 0..=100).
fn color(v: f64) -> RGBColor {
    let stops = &palette::HEAT;
    let t = (v.clamp(0.0, 100.0) / 100.0) * (stops.len() - 1) as f64;
    let i = (t.floor() as usize).min(stops.len() - 2);
    let f = t - i as f64;
    let (a, b) = (stops[i], stops[i + 1]);
    let mix = |a: u8, b: u8| (f64::from(a) + (f64::from(b) - f64::from(a)) * f).round() as u8;
    RGBColor(mix(a.0, b.0), mix(a.1, b.1), mix(a.2, b.2))
}

/// Whether text on this colour should be white rather than ink.
fn dark(c: RGBColor) -> bool {
    0.2126 * f64::from(c.0) + 0.7152 * f64::from(c.1) + 0.0722 * f64::from(c.2) < 140.0
}

/// The chart as an SVG document that scales with its container.
pub fn svg(
    row_labels: &[String],
    values: &[Vec<Option<f64>>],
    x_title: &str,
    y_title: &str,
    lang: Lang,
    width: u32,
    height: u32,
) -> String {
    super::svg::to_svg(width, height, |root| draw(root, row_labels, &[], values, x_title, y_title, lang))
}

/// The chart as an SVG document, with named columns.
#[allow(clippy::too_many_arguments)]
pub fn svg_with_columns(
    row_labels: &[String],
    col_labels: &[String],
    values: &[Vec<Option<f64>>],
    x_title: &str,
    y_title: &str,
    lang: Lang,
    width: u32,
    height: u32,
) -> String {
    super::svg::to_svg(width, height, |root| draw(root, row_labels, col_labels, values, x_title, y_title, lang))
}

#[cfg(test)]
mod tests {
    use super::super::test_support::{has_text, preview};
    use super::*;

    fn labels(n: usize) -> Vec<String> {
        (0..n).map(|i| format!("2024-{:02}", i + 1)).collect()
    }

    /// Cells drawn: all rectangles but the background and the five key swatches.
    fn cells(svg: &str) -> usize {
        svg.matches("<rect ").count() - 1 - KEY.len()
    }

    #[test]
    fn cells_values_offsets_and_cohorts() {
        let values = vec![
            vec![Some(100.0), Some(42.0), Some(30.6), Some(25.0)],
            vec![Some(100.0), None, Some(20.0)],
            vec![Some(100.0), Some(55.0)],
            vec![],
        ];
        let svg =
            preview("heatmap", svg(&labels(4), &values, "Months since first purchase", "Cohort", Lang::En, 640, 320));
        for text in ["2024-01", "2024-04", "0", "1", "3", "Months since first purchase", "Cohort", "42%", "31%", "75%"]
        {
            assert!(has_text(&svg, text), "missing {text}");
        }
        assert_eq!(cells(&svg), 8);
        assert_eq!(svg.matches("fill=\"#FFFFFF\"").count() - 1, 3, "white text on the three 100% cells");
    }

    #[test]
    fn the_scale_runs_light_to_dark() {
        assert_eq!(color(0.0), palette::HEAT[0]);
        assert_eq!(color(100.0), palette::HEAT[6]);
        assert_eq!(color(250.0), palette::HEAT[6]);
        assert_eq!(color(-3.0), palette::HEAT[0]);
        let lightness = |c: RGBColor| u32::from(c.0) + u32::from(c.1) + u32::from(c.2);
        assert!((0..100).all(|v| lightness(color(f64::from(v))) >= lightness(color(f64::from(v + 1)))));
        assert!(!dark(color(20.0)) && dark(color(90.0)));
    }

    #[test]
    fn neighbours_of_one_colour_make_one_run() {
        let row = [Some(100.0), Some(41.0), Some(39.0), None, Some(38.9), Some(f64::NAN), Some(1.0), Some(0.0)];
        let each: Vec<_> = runs(&row, 0.0).collect();
        assert_eq!(each.len(), 6);
        assert_eq!(each[1], (1, 1, 41.0));
        // In steps of 2.5: 41 and 39 are both 40; 38.9 is too, but after a blank cell.
        let merged: Vec<_> = runs(&row, 2.5).collect();
        assert_eq!(merged, [(0, 0, 100.0), (1, 2, 40.0), (4, 4, 40.0), (6, 7, 0.0)]);
        assert_eq!(runs(&[], 2.5).count(), 0);
        assert_eq!(runs(&[None, Some(f64::INFINITY)], 2.5).count(), 0);
    }

    #[test]
    fn many_rows_and_columns_thin_labels_and_drop_cell_text() {
        let values: Vec<Vec<Option<f64>>> =
            (0..120).map(|i| (0..(120 - i)).map(|j| Some(100.0 / (j as f64 + 1.0))).collect()).collect();
        let labels: Vec<String> = (0..120).map(|i| format!("C{i}")).collect();
        let svg = preview("heatmap-many", svg(&labels, &values, "Offset", "Cohort", Lang::Nl, 760, 400));
        // Cells of about 5 px. Rounded to steps of 2.5, 100/(j+1) takes 13 values along
        // a row: 100, 50, 32.5, 25, 20, 17.5, 15, 12.5, 10 (j = 8..=10), 7.5 (11..=15), 5 (16..=25),
        // 2.5 (26..=79), 0 (80 on); a row of 28 cells reaches 2.5, not 0.
        let per_row = |n: usize| runs(&values[120 - n], STEP_PCT).count();
        assert_eq!((per_row(1), per_row(28), per_row(120)), (1, 12, 13));
        assert_eq!(cells(&svg), (0..120).map(|i| runs(&values[i], STEP_PCT).count()).sum::<usize>());
        assert!(cells(&svg) < (1..=120).sum::<usize>() / 2);
        let rows_shown = (0..120).filter(|i| has_text(&svg, &format!("C{i}"))).count();
        assert!((2..=30).contains(&rows_shown), "{rows_shown} row labels");
        assert!(has_text(&svg, "C0"));
        assert!(svg.matches("<text").count() < 80, "no text in small cells, only thinned labels");
    }

    type Rows = Vec<Vec<Option<f64>>>;

    #[test]
    fn degenerate_inputs_render() {
        let cases: [(Vec<String>, Rows); 6] = [
            (vec![], vec![]),
            (labels(3), vec![]),
            (vec![], vec![vec![Some(50.0)]]),
            (labels(2), vec![vec![None, None], vec![]]),
            (labels(1), vec![vec![Some(f64::NAN), Some(f64::MAX), Some(-1e300), Some(f64::INFINITY)]]),
            (labels(1), vec![vec![Some(12.0); 1000]]),
        ];
        for (labels, values) in cases {
            for (w, h) in [(640, 320), (1, 1), (0, 0), (40, 30)] {
                let svg = svg(&labels, &values, "", "", Lang::En, w, h);
                assert!(svg.trim_end().ends_with("</svg>"));
            }
        }
    }
}
