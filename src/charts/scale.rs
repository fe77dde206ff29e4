//! The axes' scales: categories along one axis, values along the other.

use super::text::text_width;
use crate::i18n::Lang;
use plotters::coord::ranged1d::{DefaultFormatting, KeyPointHint, Ranged};
use plotters::coord::types::RangedCoordf64;
use plotters::coord::Shift;
use plotters::prelude::*;
use std::ops::Range;

/// Values beyond this magnitude are drawn at it: plotters' tick search misbehaves near
/// `f64::MAX`, and no count or amount in this app comes close.
const VALUE_LIMIT: f64 = 1e15;

/// A value fit to draw: finite and within `VALUE_LIMIT`, or `None`.
pub(super) fn drawable(v: f64) -> Option<f64> {
    v.is_finite().then(|| v.clamp(-VALUE_LIMIT, VALUE_LIMIT))
}

/// A categorical axis: category `i` is centred on the value `i as f64` and owns the
/// slot `i - 0.5 .. i + 0.5`. Labels are thinned to every `step`-th category, the first
/// always labelled. `reversed` puts category 0 at the top of a y axis.
#[derive(Clone, Debug)]
pub(super) struct Categories {
    n: usize,
    step: usize,
    reversed: bool,
}

impl Categories {
    /// `n` categories of which at most `max_labels` are labelled.
    pub(super) fn new(n: usize, max_labels: usize) -> Self {
        Categories { n, step: n.div_ceil(max_labels.max(1)).max(1), reversed: false }
    }

    /// `n` categories with `labels` along `span_px` pixels, thinned so that they do not
    /// overlap: `size_px` is the room one label needs along the axis.
    pub(super) fn fitted(n: usize, span_px: u32, size_px: u32) -> Self {
        Self::new(n, (span_px / size_px.max(1)) as usize)
    }

    pub(super) fn reversed(self) -> Self {
        Categories { reversed: true, ..self }
    }

    /// The label of the category at `x`, for a mesh label formatter.
    pub(super) fn label(labels: &[String], x: f64) -> String {
        let i = x.round();
        if (x - i).abs() < 1e-6 && i >= 0.0 {
            labels.get(i as usize).cloned().unwrap_or_default()
        } else {
            String::new()
        }
    }

    /// The horizontal extent of the axis, for lines across the whole chart.
    pub(super) fn span(&self) -> (f64, f64) {
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
pub(super) struct ValueScale {
    lo: f64,
    hi: f64,
    /// The most ticks plotters may label (the mesh's `y_labels`).
    pub(super) ticks: usize,
    decimals: usize,
    percent: bool,
    integer: bool,
    /// Labels show magnitudes (counts below a diverging zero line).
    absolute: bool,
}

impl ValueScale {
    /// An axis covering `lo..hi` (sanitised: finite, ordered, not empty) along `span_px`
    /// pixels. `integer` axes (counts) get whole-number ticks only.
    pub(super) fn new(lo: f64, hi: f64, percent: bool, integer: bool, span_px: u32) -> Self {
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
    pub(super) fn padded(self) -> Self {
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

    pub(super) fn absolute(self) -> Self {
        ValueScale { absolute: true, ..self }
    }

    pub(super) fn range(&self) -> Range<f64> {
        self.lo..self.hi
    }

    /// The values plotters labels on this axis (the mesh asks the same coordinate).
    fn tick_values(&self) -> Vec<f64> {
        RangedCoordf64::from(self.lo..self.hi).key_points(self.ticks)
    }

    pub(super) fn format(&self, lang: Lang, v: f64) -> String {
        let v = if self.absolute { v.abs() } else { v };
        let text = lang.number(v, self.decimals);
        if self.percent {
            format!("{text}%")
        } else {
            text
        }
    }

    /// The room the tick labels need beside the axis, in pixels.
    pub(super) fn label_room<DB: DrawingBackend>(&self, area: &DrawingArea<DB, Shift>, lang: Lang) -> u32 {
        let labels: Vec<String> = self.tick_values().into_iter().map(|v| self.format(lang, v)).collect();
        text_width(area, &labels) + 14
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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
}
