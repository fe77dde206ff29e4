//! What the charts' tests look for in an SVG.

use plotters::style::RGBColor;

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
