//! Charts, drawn with plotters on any `DrawingBackend`: the page shows them as inline
//! SVG, and native tests render the very same drawing code to an SVG string.

pub mod rates;

/// The palette, shared with `styles/app.css` (keep them in step).
pub mod palette {
    use plotters::style::RGBColor;
    pub const CRR: RGBColor = RGBColor(0x1f, 0x6f, 0xb2);
    pub const CHURN: RGBColor = RGBColor(0xd9, 0x5f, 0x0e);
    pub const GRID: RGBColor = RGBColor(0xdd, 0xe3, 0xea);
    pub const INK: RGBColor = RGBColor(0x33, 0x3d, 0x47);
    pub const REFERENCE: RGBColor = RGBColor(0x6b, 0x77, 0x85);
}

/// The one font every chart uses. In the browser plotters measures text with a span
/// whose inline style names this family and size; the page's Content-Security-Policy
/// allows exactly that style by its hash (see `tests/csp.rs`), so keep charts to it.
pub const FONT_FAMILY: &str = "sans-serif";
pub const FONT_PX: u32 = 13;

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
