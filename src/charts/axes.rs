//! The axes of a chart over categories, the room around them, and the reference
//! lines drawn across it.

use super::palette;
use super::scale::{drawable, Categories, ValueScale};
use super::text::{font, FONT_PX};
use crate::i18n::Lang;
use plotters::coord::types::RangedCoordf64;
use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

/// Space around the plotting area, in pixels.
pub(super) const MARGIN: u32 = 12;

/// The room an axis title needs beside the tick labels, in pixels.
pub(super) const TITLE_ROOM: u32 = FONT_PX + 6;

/// The room a row of x tick labels needs, in pixels.
pub(super) const X_LABEL_ROOM: u32 = FONT_PX + 18;

/// A chart context over categories and values.
pub(super) type CategoryChart<'a, DB> = ChartContext<'a, DB, Cartesian2d<Categories, RangedCoordf64>>;

/// How a chart over categories draws its axes.
pub(super) struct CategoryAxes<'l> {
    pub(super) labels: &'l [String],
    /// Categories (at least the labels).
    pub(super) n: usize,
    pub(super) y_room: u32,
    /// Grid lines at the categories too (line charts), not only at values.
    pub(super) x_grid: bool,
    /// A title beside the value axis.
    pub(super) y_desc: Option<&'l str>,
}

/// A chart of values over categories with the look every chart here shares: the
/// value grid, labelled axes in the one font.
pub(super) fn category_chart<'a, DB: DrawingBackend>(
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
    /// On a chart over categories: drawn over categories `first..end` only (a reference
    /// that belongs to some bars); `None` across the whole chart.
    pub bars: Option<(usize, usize)>,
}

/// Draws `references` across `x0..x1` of a chart over categories, each label above its
/// line (below it when the line runs along the top).
pub(super) fn draw_references<DB: DrawingBackend>(
    chart: &mut CategoryChart<'_, DB>,
    (x0, x1): (f64, f64),
    references: &[Reference],
) -> Result<(), DrawingAreaErrorKind<DB::ErrorType>> {
    let plot_top = chart.plotting_area().get_pixel_range().1.start;
    for r in references {
        let Some(value) = drawable(r.value) else { continue };
        let (x0, x1) = r.bars.map_or((x0, x1), |(a, b)| (a as f64 - 0.5, b as f64 - 0.5));
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
