//! The view's settings in the URL query (`?language=nl&granularity=week`), so that a
//! link reproduces the view (never the data).

use crate::lang::Lang;
use crate::metrics::analysis::AnalysisSettings;
use crate::metrics::lifetime::ValuationSettings;

/// Settings read from and written to the URL query (`?language=nl`), so that a link
/// reproduces the view (never the data).
pub fn lang_from_query(query: &str) -> Option<Lang> {
    query_param(query, "language").and_then(|v| Lang::from_key(&v))
}

/// The currency a URL asks for (`?currency=USD`).
pub fn currency_from_query(query: &str) -> Option<crate::currency::Currency> {
    query_param(query, "currency").and_then(|c| crate::currency::Currency::from_key(&c))
}

/// The value of `key` in a URL query (`?a=1&b=2`), percent-decoded.
pub fn query_param(query: &str, key: &str) -> Option<String> {
    query
        .trim_start_matches('?')
        .split('&')
        .filter_map(|pair| pair.split_once('='))
        .find(|(k, _)| *k == key)
        .map(|(_, v)| percent_decode(v))
}

fn percent_decode(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = |b: u8| (b as char).to_digit(16);
        match bytes[i] {
            b'%' if i + 2 < bytes.len() => match (hex(bytes[i + 1]), hex(bytes[i + 2])) {
                (Some(h), Some(l)) => {
                    out.push((h * 16 + l) as u8);
                    i += 3;
                    continue;
                }
                _ => out.push(b'%'),
            },
            b'+' => out.push(b' '),
            b => out.push(b),
        }
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// The analysis settings a URL asks for (`?granularity=week&window_days=30&segment=channel`);
/// what is missing or not understood keeps its default.
pub fn settings_from_query(query: &str) -> AnalysisSettings {
    use crate::calendar::Granularity;
    use crate::metrics::analysis::MAX_WINDOW_DAYS;
    let default = AnalysisSettings::default();
    AnalysisSettings {
        granularity: query_param(query, "granularity")
            .and_then(|g| Granularity::from_key(&g))
            .unwrap_or(default.granularity),
        window_days: query_param(query, "window_days")
            .and_then(|w| w.parse::<u32>().ok())
            .filter(|w| (1..=MAX_WINDOW_DAYS).contains(w))
            .unwrap_or(default.window_days),
        segment_by: query_param(query, "segment").filter(|s| !s.is_empty()),
    }
}

/// The lifetime-value settings a URL asks for (`?time_unit=day&calibration_end=2024-06-30
/// &horizon=26&margin_pct=40&discount_pct=8`); what is missing or not understood keeps
/// its default.
pub fn valuation_from_query(query: &str) -> ValuationSettings {
    use crate::calendar::{Date, TimeUnit};
    let d = ValuationSettings::default();
    let number = |key: &str, range: std::ops::RangeInclusive<f64>| {
        query_param(query, key).and_then(|v| v.replace(',', ".").parse::<f64>().ok()).filter(|v| range.contains(v))
    };
    ValuationSettings {
        time_unit: query_param(query, "time_unit").and_then(|u| TimeUnit::from_key(&u)).unwrap_or(d.time_unit),
        calibration_end: query_param(query, "calibration_end").and_then(|c| Date::from_iso(&c)),
        horizon: number("horizon", 1.0..=MAX_HORIZON as f64).map(|h| h.round() as u32),
        margin_pct: number("margin_pct", 0.0..=100.0).unwrap_or(d.margin_pct),
        discount_pct: number("discount_pct", 0.0..=100.0).unwrap_or(d.discount_pct),
    }
}

/// The longest horizon accepted, in units (ten years of days).
pub const MAX_HORIZON: u32 = 3653;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn language_from_the_url() {
        assert_eq!(lang_from_query("?language=nl"), Some(Lang::Nl));
        assert_eq!(lang_from_query("?x=1&language=en"), Some(Lang::En));
        assert_eq!(lang_from_query("?language=fr"), None);
        assert_eq!(lang_from_query(""), None);
    }

    #[test]
    fn lifetime_settings_from_the_url() {
        use crate::calendar::{Date, TimeUnit};
        let s =
            valuation_from_query("?time_unit=day&calibration_end=2024-06-30&horizon=90&margin_pct=40&discount_pct=8,5");
        assert_eq!(s.time_unit, TimeUnit::Day);
        assert_eq!(s.calibration_end, Date::from_ymd(2024, 6, 30));
        assert_eq!((s.horizon, s.margin_pct, s.discount_pct), (Some(90), 40.0, 8.5));
        assert_eq!(
            valuation_from_query("?time_unit=year&calibration_end=30-06-2024&margin_pct=140"),
            ValuationSettings::default()
        );
    }
}
