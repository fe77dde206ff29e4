//! Charts, drawn with plotters on any `DrawingBackend`: the page shows them as inline
//! SVG, and native tests render the very same drawing code to an SVG string.
//!
//! One file per chart, each with a generic `draw` and an `svg` wrapper. The pieces they
//! share have a file each: the font (`text`), the `palette`, the categorical and the
//! value axis (`scale`), the axes of a chart over categories and its reference lines
//! (`axes`), the `legend` strip and the SVG rendering (`svg`).

mod axes;
pub mod bars;
mod fixed_metrics;
pub mod flow;
pub mod heatmap;
mod legend;
pub mod lines;
pub mod lorenz;
pub mod palette;
pub mod rates;
mod scale;
mod svg;
#[cfg(test)]
mod test_support;
mod text;

pub use axes::Reference;
pub use svg::responsive_svg;
pub use text::{FONT_FAMILY, FONT_PX};
