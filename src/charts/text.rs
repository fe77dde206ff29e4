//! The one font of the charts and how wide text in it is.

use super::palette;
use plotters::coord::Shift;
use plotters::prelude::*;

/// The one font every chart uses (text is measured with fixed metrics for it, see
/// `fixed_metrics.rs`).
pub const FONT_FAMILY: &str = "sans-serif";
pub const FONT_PX: u32 = 13;

/// The chart font in the ink colour.
pub(super) fn font() -> TextStyle<'static> {
    (FONT_FAMILY, FONT_PX).into_font().color(&palette::INK)
}

/// The width of the widest of `texts` in the chart font, measured by the backend. Only
/// the few longest texts are measured: in the browser each measurement is a layout.
pub(super) fn text_width<DB: DrawingBackend, S: AsRef<str>>(area: &DrawingArea<DB, Shift>, texts: &[S]) -> u32 {
    let mut longest: Vec<&str> = texts.iter().map(AsRef::as_ref).collect();
    longest.sort_by_key(|s| std::cmp::Reverse(s.chars().count()));
    let style = font();
    longest.iter().take(3).filter_map(|s| area.estimate_text_size(s, &style).ok()).map(|(w, _)| w).max().unwrap_or(0)
}

/// `labels` cut to fit `room_px` each in the chart font, with "…" for what is left out
/// (a category axis whose labels would otherwise be thinned to every other one). `None`
/// when even four letters and "…" do not fit: then thinning is the better choice.
pub(super) fn abbreviated<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    labels: &[String],
    room_px: u32,
) -> Option<Vec<String>> {
    let style = font();
    let fits = |s: &str| area.estimate_text_size(s, &style).is_ok_and(|(w, _)| w <= room_px);
    labels
        .iter()
        .map(|label| {
            if fits(label) {
                return Some(label.clone());
            }
            let chars: Vec<char> = label.chars().collect();
            // The longest start (at least four letters) that fits with "…".
            (4..chars.len())
                .rev()
                .map(|n| format!("{}…", chars[..n].iter().collect::<String>().trim_end()))
                .find(|s| fits(s))
        })
        .collect()
}
