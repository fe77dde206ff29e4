//! The legend strip above a chart.

use super::axes::MARGIN;
use super::text::{font, FONT_PX};
use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

/// How a legend entry is drawn.
#[derive(Clone, Copy, Debug)]
pub(super) enum Swatch {
    Line(RGBColor),
    Dashed(RGBColor),
    Block(RGBColor),
}

/// Legend rows at most: further entries give way to an ellipsis.
const LEGEND_ROWS: u32 = 3;

/// Draws `entries` in rows across the top of `area` and returns the area below them
/// (the whole area when there is nothing to show).
pub(super) fn legend<DB: DrawingBackend>(
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
