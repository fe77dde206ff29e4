//! plotters' SVG backend with text measured from fixed per-character widths.

use plotters::prelude::{DrawingBackend, SVGBackend};
use plotters_backend::{BackendColor, BackendCoord, BackendStyle, BackendTextStyle, DrawingErrorKind};

/// plotters' SVG backend, except that text is measured from fixed per-character widths
/// of a sans-serif font instead of by the browser: in WebAssembly plotters measures
/// each text with a `<span>` added to the page, which lays out the whole page every
/// time (hundreds of milliseconds for a page full of tables). The same sizes natively
/// and in the browser, so the SVG is the same in tests and on the page.
pub struct FixedMetrics<'a>(SVGBackend<'a>);

impl<'a> FixedMetrics<'a> {
    pub fn new(svg: SVGBackend<'a>) -> Self {
        FixedMetrics(svg)
    }
}

/// The advance width of `c` in em, roughly that of common sans-serif fonts.
fn char_em(c: char) -> f64 {
    match c {
        'i' | 'j' | 'l' | '.' | ',' | ':' | ';' | '\'' | '|' | '!' | 'I' => 0.28,
        ' ' | 'f' | 't' | 'r' | '(' | ')' | '[' | ']' | '-' | '/' => 0.36,
        'm' | 'w' | 'M' | 'W' | '%' | '@' | '—' => 0.86,
        '0'..='9' | '–' | '−' | '+' | '=' | '€' | '$' | '×' => 0.56,
        c if c.is_uppercase() => 0.66,
        _ => 0.52,
    }
}

/// Width and height in pixels of `text` at `size` pixels.
fn text_extent(text: &str, size: f64) -> (u32, u32) {
    let em: f64 = text.chars().map(char_em).sum();
    ((em * size).ceil() as u32, (size * 1.2).ceil() as u32)
}

impl<'a> DrawingBackend for FixedMetrics<'a> {
    type ErrorType = <SVGBackend<'a> as DrawingBackend>::ErrorType;

    fn get_size(&self) -> (u32, u32) {
        self.0.get_size()
    }
    fn ensure_prepared(&mut self) -> Result<(), DrawingErrorKind<Self::ErrorType>> {
        self.0.ensure_prepared()
    }
    fn present(&mut self) -> Result<(), DrawingErrorKind<Self::ErrorType>> {
        self.0.present()
    }
    fn draw_pixel(
        &mut self,
        point: BackendCoord,
        color: BackendColor,
    ) -> Result<(), DrawingErrorKind<Self::ErrorType>> {
        self.0.draw_pixel(point, color)
    }
    fn draw_line<S: BackendStyle>(
        &mut self,
        from: BackendCoord,
        to: BackendCoord,
        style: &S,
    ) -> Result<(), DrawingErrorKind<Self::ErrorType>> {
        self.0.draw_line(from, to, style)
    }
    fn draw_rect<S: BackendStyle>(
        &mut self,
        upper_left: BackendCoord,
        bottom_right: BackendCoord,
        style: &S,
        fill: bool,
    ) -> Result<(), DrawingErrorKind<Self::ErrorType>> {
        self.0.draw_rect(upper_left, bottom_right, style, fill)
    }
    fn draw_path<S: BackendStyle, I: IntoIterator<Item = BackendCoord>>(
        &mut self,
        path: I,
        style: &S,
    ) -> Result<(), DrawingErrorKind<Self::ErrorType>> {
        self.0.draw_path(path, style)
    }
    fn draw_circle<S: BackendStyle>(
        &mut self,
        center: BackendCoord,
        radius: u32,
        style: &S,
        fill: bool,
    ) -> Result<(), DrawingErrorKind<Self::ErrorType>> {
        self.0.draw_circle(center, radius, style, fill)
    }
    fn fill_polygon<S: BackendStyle, I: IntoIterator<Item = BackendCoord>>(
        &mut self,
        vert: I,
        style: &S,
    ) -> Result<(), DrawingErrorKind<Self::ErrorType>> {
        self.0.fill_polygon(vert, style)
    }
    fn draw_text<T: BackendTextStyle>(
        &mut self,
        text: &str,
        style: &T,
        pos: BackendCoord,
    ) -> Result<(), DrawingErrorKind<Self::ErrorType>> {
        self.0.draw_text(text, style, pos)
    }
    fn estimate_text_size<T: BackendTextStyle>(
        &self,
        text: &str,
        style: &T,
    ) -> Result<(u32, u32), DrawingErrorKind<Self::ErrorType>> {
        Ok(text_extent(text, style.size()))
    }
    fn blit_bitmap(
        &mut self,
        pos: BackendCoord,
        size: (u32, u32),
        src: &[u8],
    ) -> Result<(), DrawingErrorKind<Self::ErrorType>> {
        self.0.blit_bitmap(pos, size, src)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wider_texts_measure_wider() {
        // 13 px: "0" is 0.56 em -> 7.28 -> 8 px wide; 1.2 em -> 15.6 -> 16 px high.
        assert_eq!(text_extent("0", 13.0), (8, 16));
        assert!(text_extent("Wm", 13.0).0 > text_extent("il", 13.0).0 * 2);
        assert_eq!(text_extent("", 13.0), (0, 16));
        // 2024-03: six digits and a dash.
        assert_eq!(text_extent("2024-03", 10.0).0, ((6.0 * 0.56 + 0.36) * 10.0f64).ceil() as u32);
    }
}
