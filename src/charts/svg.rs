//! Rendering a chart to SVG: the very same drawing code, on plotters' SVG backend
//! with fixed text metrics, and an SVG that scales with its container.

use super::fixed_metrics::FixedMetrics;
use plotters::coord::Shift;
use plotters::prelude::*;

/// Renders a chart to an SVG document that scales with its container.
pub(super) fn to_svg<F>(width: u32, height: u32, draw: F) -> String
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn responsive_svg_drops_the_fixed_size() {
        let svg = to_svg(100, 50, |root| root.fill(&WHITE));
        assert!(svg.contains("viewBox=\"0 0 100 50\"") && svg.contains("preserveAspectRatio"));
        assert!(!svg[..svg.find('>').unwrap()].contains("width="));
    }
}
