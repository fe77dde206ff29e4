//! Charts, drawn with plotters on any `DrawingBackend`: the page shows them as inline
//! SVG, and native tests render the very same drawing code to an SVG string.
//!
//! One file per chart, each with a generic `draw` and an `svg` wrapper. The pieces they
//! share live here: the font, the palette, the categorical axis, the value axis, the
//! legend strip and the SVG rendering.

pub mod bars;
mod fixed_metrics;
pub mod flow;
pub mod heatmap;
pub mod lines;
pub mod lorenz;
pub mod rates;

use crate::i18n::Lang;
use fixed_metrics::FixedMetrics;
use plotters::coord::ranged1d::{DefaultFormatting, KeyPointHint, Ranged};
use plotters::coord::types::RangedCoordf64;
use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};
use std::ops::Range;

/// The palette. `CRR` and `CHURN` are shared with `styles/app.css` (keep them in step).
/// Every colour that tells series apart comes from the Okabe-Ito set or is far from its
/// neighbours in lightness, so the charts read with the common colour-vision deficiencies.
pub mod palette {
    use plotters::style::RGBColor;
    pub const CRR: RGBColor = RGBColor(0x1f, 0x6f, 0xb2);
    pub const CHURN: RGBColor = RGBColor(0xd9, 0x5f, 0x0e);
    pub const GRID: RGBColor = RGBColor(0xdd, 0xe3, 0xea);
    pub const INK: RGBColor = RGBColor(0x33, 0x3d, 0x47);
    pub const REFERENCE: RGBColor = RGBColor(0x6b, 0x77, 0x85);

    /// Customer-base flow: retained is the CRR blue, churned the churn orange, and new and
    /// reactivated are Okabe-Ito bluish green and reddish purple.
    pub const RETAINED: RGBColor = CRR;
    pub const NEW: RGBColor = RGBColor(0x00, 0x9e, 0x73);
    pub const REACTIVATED: RGBColor = RGBColor(0xcc, 0x79, 0xa7);
    pub const CHURNED: RGBColor = CHURN;

    /// Series colours for callers of `lines`, in order: Okabe-Ito without its yellow
    /// (too light on white) and black (the ink).
    pub const SERIES: [RGBColor; 6] =
        [CRR, CHURN, NEW, REACTIVATED, RGBColor(0x56, 0xb4, 0xe9), RGBColor(0xe6, 0x9f, 0x00)];

    /// Background cohort curves (non-emphasised `lines` series, drawn faint): a neutral
    /// grey, so the emphasised average in `CRR` blue stands out for every reader.
    pub const COHORT: RGBColor = REFERENCE;

    /// The heatmap's sequential single-hue scale, light to dark (ColorBrewer "Blues"
    /// without its near-white end, so that a low value still shows on white).
    pub const HEAT: [RGBColor; 7] = [
        RGBColor(0xde, 0xeb, 0xf7),
        RGBColor(0xc6, 0xdb, 0xef),
        RGBColor(0x9e, 0xca, 0xe1),
        RGBColor(0x6b, 0xae, 0xd6),
        RGBColor(0x42, 0x92, 0xc6),
        RGBColor(0x21, 0x71, 0xb5),
        RGBColor(0x08, 0x45, 0x94),
    ];

    /// Bars of the plain bar chart.
    pub const BAR: RGBColor = CRR;

    /// The Lorenz curve's annotation of the top 10%.
    pub const HIGHLIGHT: RGBColor = CHURN;
}

/// The one font every chart uses (text is measured with fixed metrics for it, see
/// `fixed_metrics.rs`).
pub const FONT_FAMILY: &str = "sans-serif";
pub const FONT_PX: u32 = 13;

/// Space around the plotting area, in pixels.
const MARGIN: u32 = 12;

/// Values beyond this magnitude are drawn at it: plotters' tick search misbehaves near
/// `f64::MAX`, and no count or amount in this app comes close.
const VALUE_LIMIT: f64 = 1e15;

/// The chart font in the ink colour.
fn font() -> TextStyle<'static> {
    (FONT_FAMILY, FONT_PX).into_font().color(&palette::INK)
}

/// A value fit to draw: finite and within `VALUE_LIMIT`, or `None`.
fn drawable(v: f64) -> Option<f64> {
    v.is_finite().then(|| v.clamp(-VALUE_LIMIT, VALUE_LIMIT))
}

/// The width of the widest of `texts` in the chart font, measured by the backend. Only
/// the few longest texts are measured: in the browser each measurement is a layout.
fn text_width<DB: DrawingBackend, S: AsRef<str>>(area: &DrawingArea<DB, Shift>, texts: &[S]) -> u32 {
    let mut longest: Vec<&str> = texts.iter().map(AsRef::as_ref).collect();
    longest.sort_by_key(|s| std::cmp::Reverse(s.chars().count()));
    let style = font();
    longest.iter().take(3).filter_map(|s| area.estimate_text_size(s, &style).ok()).map(|(w, _)| w).max().unwrap_or(0)
}

/// Renders a chart to an SVG document that scales with its container.
fn to_svg<F>(width: u32, height: u32, draw: F) -> String
where
    F: FnOnce(&DrawingArea<FixedMetrics, Shift>) -> Result<(), DrawingAreaErrorKind<std::io::Error>>,
{
    let mut out = String::new();
    {
        let svg = SVGBackend::with_string(&mut out, (width.max(1), height.max(1)));
        let root = FixedMetrics::new(svg).into_drawing_area();
        // The SVG backend writes into a String: it cannot fail.
        let _ = draw(&root);
    }
    responsive_svg(out)
}

/// Makes a plotters SVG scale with its container: the fixed width and height go,
/// the viewBox stays.
pub fn responsive_svg(svg: String) -> String {
    match svg.find("<svg ") {
        Some(i) => {
            let head_end = svg[i..].find('>').map_or(svg.len(), |e| i + e);
            let head = &svg[i..head_end];
            let cleaned: String = head
                .split(' ')
                .filter(|attr| !attr.starts_with("width=") && !attr.starts_with("height="))
                .collect::<Vec<_>>()
                .join(" ");
            format!("{}{} preserveAspectRatio=\"xMidYMid meet\"{}", &svg[..i], cleaned, &svg[head_end..])
        }
        None => svg,
    }
}

/// A categorical axis: category `i` is centred on the value `i as f64` and owns the
/// slot `i - 0.5 .. i + 0.5`. Labels are thinned to every `step`-th category, the first
/// always labelled. `reversed` puts category 0 at the top of a y axis.
#[derive(Clone, Debug)]
struct Categories {
    n: usize,
    step: usize,
    reversed: bool,
}

impl Categories {
    /// `n` categories of which at most `max_labels` are labelled.
    fn new(n: usize, max_labels: usize) -> Self {
        Categories { n, step: n.div_ceil(max_labels.max(1)).max(1), reversed: false }
    }

    /// `n` categories with `labels` along `span_px` pixels, thinned so that they do not
    /// overlap: `size_px` is the room one label needs along the axis.
    fn fitted(n: usize, span_px: u32, size_px: u32) -> Self {
        Self::new(n, (span_px / size_px.max(1)) as usize)
    }

    fn reversed(self) -> Self {
        Categories { reversed: true, ..self }
    }

    /// The label of the category at `x`, for a mesh label formatter.
    fn label(labels: &[String], x: f64) -> String {
        let i = x.round();
        if (x - i).abs() < 1e-6 && i >= 0.0 {
            labels.get(i as usize).cloned().unwrap_or_default()
        } else {
            String::new()
        }
    }

    /// The horizontal extent of the axis, for lines across the whole chart.
    fn span(&self) -> (f64, f64) {
        (-0.5, self.n.max(1) as f64 - 0.5)
    }
}

impl Ranged for Categories {
    type FormatOption = DefaultFormatting;
    type ValueType = f64;

    fn map(&self, value: &f64, limit: (i32, i32)) -> i32 {
        let n = self.n.max(1) as f64;
        let mut fraction = (value + 0.5) / n;
        if self.reversed {
            fraction = 1.0 - fraction;
        }
        // `as` saturates: a value far outside the axis lands on its edge after truncation.
        (f64::from(limit.0) + fraction * f64::from(limit.1 - limit.0)).round() as i32
    }

    fn key_points<H: KeyPointHint>(&self, hint: H) -> Vec<f64> {
        let max = hint.max_num_points();
        if max == 0 || self.n == 0 {
            return Vec::new();
        }
        let step = self.step.max(self.n.div_ceil(max));
        (0..self.n).step_by(step).map(|i| i as f64).collect()
    }

    fn range(&self) -> Range<f64> {
        let (lo, hi) = self.span();
        lo..hi
    }
}

/// A numeric axis: its range, how many ticks plotters labels, and how they read.
#[derive(Clone, Debug)]
struct ValueScale {
    lo: f64,
    hi: f64,
    /// The most ticks plotters may label (the mesh's `y_labels`).
    ticks: usize,
    decimals: usize,
    percent: bool,
    integer: bool,
    /// Labels show magnitudes (counts below a diverging zero line).
    absolute: bool,
}

impl ValueScale {
    /// An axis covering `lo..hi` (sanitised: finite, ordered, not empty) along `span_px`
    /// pixels. `integer` axes (counts) get whole-number ticks only.
    fn new(lo: f64, hi: f64, percent: bool, integer: bool, span_px: u32) -> Self {
        Self::with_ticks(lo, hi, percent, integer, (span_px / 22).clamp(2, 11) as usize)
    }

    fn with_ticks(lo: f64, hi: f64, percent: bool, integer: bool, max_ticks: usize) -> Self {
        let lo = drawable(lo).unwrap_or(0.0);
        let hi = drawable(hi).unwrap_or(0.0);
        let (mut lo, mut hi) = (lo.min(hi), lo.max(hi));
        if integer {
            (lo, hi) = (lo.floor(), hi.ceil());
        }
        if hi - lo < 1e-9 * hi.abs().max(1.0) {
            if lo < 0.0 && hi <= 0.0 {
                lo = hi - 1.0;
            } else {
                hi = lo + 1.0;
            }
        }
        let mut ticks = max_ticks.max(2);
        if integer {
            // No more ticks than whole numbers in the range: every tick step is at least 1.
            ticks = ticks.min((hi - lo) as usize + 1);
        }
        let mut scale = ValueScale { lo, hi, ticks, decimals: 0, percent, integer, absolute: false };
        let points = scale.tick_values();
        scale.decimals = (0..=4)
            .find(|&d| {
                let f = 10f64.powi(d);
                points.iter().all(|v| ((v * f).round() - v * f).abs() < 1e-6)
            })
            .unwrap_or(4) as usize;
        scale
    }

    /// The range widened by 5% and rounded out to whole tick steps, so that the largest
    /// bar or point does not touch the frame and both ends are labelled.
    fn padded(self) -> Self {
        let room = (self.hi - self.lo) * 0.05;
        let lo = if self.lo < 0.0 { self.lo - room } else { self.lo };
        let hi = if self.hi > 0.0 { self.hi + room } else { self.hi };
        let wide = Self::with_ticks(lo, hi, self.percent, self.integer, self.ticks);
        let step = match wide.tick_values()[..] {
            [a, b, ..] if b > a => b - a,
            _ => return ValueScale { absolute: self.absolute, ..wide },
        };
        let (lo, hi) = ((wide.lo / step).floor() * step, (wide.hi / step).ceil() * step);
        // Exactly as many ticks as steps fit: plotters then picks this step again.
        let ticks = ((hi - lo) / step).round() as usize + 1;
        ValueScale { absolute: self.absolute, ..Self::with_ticks(lo, hi, self.percent, self.integer, ticks) }
    }

    fn absolute(self) -> Self {
        ValueScale { absolute: true, ..self }
    }

    fn range(&self) -> Range<f64> {
        self.lo..self.hi
    }

    /// The values plotters labels on this axis (the mesh asks the same coordinate).
    fn tick_values(&self) -> Vec<f64> {
        RangedCoordf64::from(self.lo..self.hi).key_points(self.ticks)
    }

    fn format(&self, lang: Lang, v: f64) -> String {
        let v = if self.absolute { v.abs() } else { v };
        let text = lang.number(v, self.decimals);
        if self.percent {
            format!("{text}%")
        } else {
            text
        }
    }

    /// The room the tick labels need beside the axis, in pixels.
    fn label_room<DB: DrawingBackend>(&self, area: &DrawingArea<DB, Shift>, lang: Lang) -> u32 {
        let labels: Vec<String> = self.tick_values().into_iter().map(|v| self.format(lang, v)).collect();
        text_width(area, &labels) + 14
    }
}

/// The room an axis title needs beside the tick labels, in pixels.
const TITLE_ROOM: u32 = FONT_PX + 6;

/// The room a row of x tick labels needs, in pixels.
const X_LABEL_ROOM: u32 = FONT_PX + 18;

/// How a legend entry is drawn.
#[derive(Clone, Copy, Debug)]
enum Swatch {
    Line(RGBColor),
    Dashed(RGBColor),
    Block(RGBColor),
}

/// Legend rows at most: further entries give way to an ellipsis.
const LEGEND_ROWS: u32 = 3;

/// Draws `entries` in rows across the top of `area` and returns the area below them
/// (the whole area when there is nothing to show).
fn legend<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    entries: &[(&str, Swatch)],
) -> Result<DrawingArea<DB, Shift>, DrawingAreaErrorKind<DB::ErrorType>> {
    if entries.is_empty() {
        return Ok(area.clone());
    }
    const SWATCH: i32 = 18;
    const GAP: i32 = 6;
    const SPACING: i32 = 18;
    let row_height = FONT_PX as i32 + 8;
    let width = area.dim_in_pixel().0 as i32;
    let left = MARGIN as i32;
    let style = font().pos(Pos::new(HPos::Left, VPos::Center));

    // Lay out first, so the strip is exactly as tall as its rows.
    let mut placed = Vec::new();
    let (mut x, mut row) = (left, 0i32);
    let (mut truncated, mut last_end) = (false, left);
    for &(name, swatch) in entries {
        let w = SWATCH + GAP + area.estimate_text_size(name, &style).map_or(0, |(w, _)| w as i32);
        if x > left && x + w > width - left {
            row += 1;
            x = left;
        }
        if row >= LEGEND_ROWS as i32 {
            truncated = true;
            break;
        }
        placed.push((x, row, name, swatch));
        last_end = x + w;
        x += w + SPACING;
    }
    let rows = placed.last().map_or(0, |p| p.1 + 1);
    let (strip, rest) = area.split_vertically(rows * row_height + 6);
    for (x, row, name, swatch) in placed {
        let y = 6 + row * row_height + row_height / 2;
        let (x0, x1) = (x, x + SWATCH);
        match swatch {
            Swatch::Line(c) => strip.draw(&PathElement::new([(x0, y), (x1, y)], c.stroke_width(2)))?,
            Swatch::Dashed(c) => {
                for (a, b) in [(x0, x0 + 6), (x0 + 10, x1)] {
                    strip.draw(&PathElement::new([(a, y), (b, y)], c.stroke_width(2)))?;
                }
            }
            Swatch::Block(c) => strip.draw(&Rectangle::new([(x0 + 3, y - 6), (x1 - 3, y + 6)], c.filled()))?,
        }
        strip.draw(&Text::new(name, (x1 + GAP, y), style.clone()))?;
    }
    if truncated {
        // After the last entry shown, where the next one did not fit.
        let y = 6 + (rows - 1).max(0) * row_height + row_height / 2;
        strip.draw(&Text::new("…", ((last_end + GAP).min(width - 12), y), style))?;
    }
    Ok(rest)
}

/// A chart context over categories and values.
type CategoryChart<'a, DB> = ChartContext<'a, DB, Cartesian2d<Categories, RangedCoordf64>>;

/// How a chart over categories draws its axes.
struct CategoryAxes<'l> {
    labels: &'l [String],
    /// Categories (at least the labels).
    n: usize,
    y_room: u32,
    /// Grid lines at the categories too (line charts), not only at values.
    x_grid: bool,
    /// A title beside the value axis.
    y_desc: Option<&'l str>,
}

/// A chart of values over categories with the look every chart here shares: the
/// value grid, labelled axes in the one font.
fn category_chart<'a, DB: DrawingBackend>(
    area: &'a DrawingArea<DB, Shift>,
    categories: Categories,
    scale: &ValueScale,
    axes: CategoryAxes,
    lang: Lang,
) -> Result<CategoryChart<'a, DB>, DrawingAreaErrorKind<DB::ErrorType>> {
    let mut chart = ChartBuilder::on(area)
        .margin(MARGIN)
        .x_label_area_size(X_LABEL_ROOM)
        .y_label_area_size(axes.y_room)
        .build_cartesian_2d(categories, scale.range())?;
    let labels = axes.labels;
    let mut mesh = chart.configure_mesh();
    if !axes.x_grid {
        mesh.disable_x_mesh();
    }
    if let Some(desc) = axes.y_desc {
        mesh.y_desc(desc).axis_desc_style(font());
    }
    mesh.light_line_style(TRANSPARENT)
        .bold_line_style(palette::GRID)
        .axis_style(palette::INK)
        .x_labels(axes.n)
        .y_labels(scale.ticks)
        .x_label_formatter(&|x| Categories::label(labels, *x))
        .y_label_formatter(&|y| scale.format(lang, *y))
        .x_label_style(font())
        .y_label_style(font())
        .draw()?;
    Ok(chart)
}

/// A dashed horizontal line with its label: a figure from the literature beside the
/// user's own (the 85% retention target, members' 18% extra spend).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Reference<'a> {
    pub value: f64,
    pub label: &'a str,
}

/// Draws `references` across `x0..x1` of a chart over categories, each label above its
/// line (below it when the line runs along the top).
fn draw_references<DB: DrawingBackend>(
    chart: &mut CategoryChart<'_, DB>,
    (x0, x1): (f64, f64),
    references: &[Reference],
) -> Result<(), DrawingAreaErrorKind<DB::ErrorType>> {
    let plot_top = chart.plotting_area().get_pixel_range().1.start;
    for r in references {
        let Some(value) = drawable(r.value) else { continue };
        let line = [(x0, value), (x1, value)];
        chart.draw_series(DashedLineSeries::new(line, 6, 4, palette::REFERENCE.stroke_width(1)))?;
        let near_top = chart.backend_coord(&(x0, value)).1 - plot_top < FONT_PX as i32 + 6;
        let (dy, v_pos) = if near_top { (4, VPos::Top) } else { (-4, VPos::Bottom) };
        let style = font().pos(Pos::new(HPos::Left, v_pos));
        let label = EmptyElement::at((x0, value)) + Text::new(r.label.to_string(), (6, dy), style);
        chart.draw_series(std::iter::once(label))?;
    }
    Ok(())
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    /// Writes `svg` to `$CHART_PREVIEW_DIR/name.svg` when that variable is set, to look at
    /// the charts the tests draw; returns it.
    pub(crate) fn preview(name: &str, svg: String) -> String {
        if let Some(dir) = std::env::var_os("CHART_PREVIEW_DIR") {
            let _ = std::fs::write(std::path::Path::new(&dir).join(format!("{name}.svg")), &svg);
        }
        svg
    }

    /// Whether the SVG has a text element reading exactly `text`.
    pub(crate) fn has_text(svg: &str, text: &str) -> bool {
        svg.contains(&format!(">\n{text}\n</text>"))
    }

    /// The rectangles filled with `color`, as (x, y, width, height) in pixels.
    pub(crate) fn rects(svg: &str, color: RGBColor) -> Vec<(i32, i32, i32, i32)> {
        let fill = format!("fill=\"#{:02X}{:02X}{:02X}\"", color.0, color.1, color.2);
        let attr = |e: &str, name: &str| -> i32 {
            let start = e.find(&format!(" {name}=\"")).expect("attribute") + name.len() + 3;
            e[start..].split('"').next().unwrap().parse().expect("a number")
        };
        svg.split('<')
            .filter(|e| e.starts_with("rect ") && e.contains(&fill))
            .map(|e| (attr(e, "x"), attr(e, "y"), attr(e, "width"), attr(e, "height")))
            .collect()
    }

    /// How many `<tag ...>` elements of the SVG use `color` (as fill or stroke).
    pub(crate) fn count_shapes(svg: &str, tag: &str, color: RGBColor) -> usize {
        let hex = format!("\"#{:02X}{:02X}{:02X}\"", color.0, color.1, color.2);
        svg.split('<').filter(|e| e.starts_with(&format!("{tag} ")) && e.contains(&hex)).count()
    }

    #[test]
    fn categories_label_every_category_that_fits() {
        let c = Categories::new(3, 12);
        assert_eq!(c.key_points(12usize), vec![0.0, 1.0, 2.0]);
        let c = Categories::new(100, 10);
        assert_eq!(c.key_points(12usize).len(), 10);
        assert_eq!(c.key_points(12usize)[1], 10.0);
        assert!(Categories::new(0, 0).key_points(5usize).is_empty());
        assert_eq!(Categories::fitted(5, 0, 0).key_points(5usize), vec![0.0]);
    }

    #[test]
    fn categories_map_slots_and_reverse() {
        let c = Categories::new(4, 4);
        assert_eq!(c.map(&0.0, (0, 400)), 50);
        assert_eq!(c.map(&3.0, (0, 400)), 350);
        assert_eq!(c.clone().reversed().map(&0.0, (0, 400)), 350);
        assert_eq!(c.map(&1e300, (0, 400)), i32::MAX);
        assert_eq!(Categories::label(&["a".into(), "b".into()], 1.0), "b");
        assert_eq!(Categories::label(&["a".into()], 0.5), "");
        assert_eq!(Categories::label(&["a".into()], 7.0), "");
    }

    #[test]
    fn value_scales_are_sane_for_odd_ranges() {
        let s = ValueScale::new(0.0, 100.0, true, false, 300);
        assert_eq!((s.lo, s.hi, s.decimals), (0.0, 100.0, 0));
        assert_eq!(s.format(Lang::En, 50.0), "50%");
        let s = ValueScale::new(0.0, 0.0, false, true, 300);
        assert_eq!((s.lo, s.hi, s.ticks), (0.0, 1.0, 2));
        let s = ValueScale::new(0.0, 0.3, false, false, 300);
        assert!(s.decimals >= 1, "{s:?}");
        let s = ValueScale::new(f64::NAN, f64::INFINITY, false, false, 300);
        assert!(s.lo < s.hi);
        let s = ValueScale::new(-f64::MAX, f64::MAX, false, false, 300);
        assert_eq!((s.lo, s.hi), (-VALUE_LIMIT, VALUE_LIMIT));
        assert!(!s.tick_values().is_empty());
        let s = ValueScale::new(-7.0, 3.0, false, true, 300).absolute();
        assert_eq!(s.format(Lang::En, -5.0), "5");
        let s = ValueScale::new(0.0, 250.0, false, false, 300).padded();
        assert_eq!((s.lo, s.hi), (0.0, 300.0));
        let s = ValueScale::new(-97.0, 0.0, false, true, 300).padded();
        assert_eq!((s.lo, s.hi, s.decimals), (-110.0, 0.0, 0));
        let s = ValueScale::new(-25.0, 135.0, false, true, 220).padded();
        assert_eq!((s.lo, s.hi), (-40.0, 160.0));
        assert_eq!(s.tick_values().len(), 11);
        let s = ValueScale::new(0.0, 1e15, false, false, 300).padded();
        assert!(s.hi >= 1e15 && s.hi.is_finite());
    }

    #[test]
    fn responsive_svg_drops_the_fixed_size() {
        let svg = to_svg(100, 50, |root| root.fill(&WHITE));
        assert!(svg.contains("viewBox=\"0 0 100 50\"") && svg.contains("preserveAspectRatio"));
        assert!(!svg[..svg.find('>').unwrap()].contains("width="));
    }
}
