//! The palette. `CRR` and `CHURN` are shared with `styles/app.css` (keep them in step).
//! Every colour that tells series apart comes from the Okabe-Ito set or is far from its
//! neighbours in lightness, so the charts read with the common colour-vision deficiencies.

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
