//! Numbers as people write them: `1.234,56`, `1,234.56`, `€ 12,50`, `12.50 EUR`,
//! `-3,00`, `(4.00)`, `1 234`, `12,5%`.
//!
//! Whether `,` or `.` is the decimal mark is a property of the column, not of one
//! cell: [`NumberStyle::infer`] settles it from all the values it is shown.

use serde::{Deserialize, Serialize};
/// Which character is the decimal mark; the other one groups thousands.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default, Serialize, Deserialize)]
pub enum DecimalMark {
    #[default]
    Point,
    Comma,
}

impl DecimalMark {
    fn byte(self) -> u8 {
        match self {
            DecimalMark::Point => b'.',
            DecimalMark::Comma => b',',
        }
    }

    /// What one value says about the decimal mark, if anything.
    fn evidence(text: &str) -> Option<DecimalMark> {
        let b = text.as_bytes();
        let last_point = b.iter().rposition(|&c| c == b'.');
        let last_comma = b.iter().rposition(|&c| c == b',');
        let count = |c: u8| b.iter().filter(|&&x| x == c).count();
        let digits_after = |p: usize| b[p + 1..].iter().take_while(|c| c.is_ascii_digit()).count();
        match (last_point, last_comma) {
            (Some(p), Some(c)) => Some(if p > c { DecimalMark::Point } else { DecimalMark::Comma }),
            (Some(_), None) if count(b'.') > 1 => Some(DecimalMark::Comma),
            (None, Some(_)) if count(b',') > 1 => Some(DecimalMark::Point),
            (Some(p), None) if digits_after(p) != 3 => Some(DecimalMark::Point),
            (None, Some(c)) if digits_after(c) != 3 => Some(DecimalMark::Comma),
            _ => None, // no mark, or `1.234` / `1,234`: either reading fits
        }
    }
}

/// How the numbers of one column are written.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct NumberStyle {
    pub decimal: DecimalMark,
}

impl NumberStyle {
    /// The style that fits most of `values`, or `None` when no value tells
    /// (`12`, `1.234`): the caller then falls back on the file's conventions.
    pub fn infer<'a>(values: impl IntoIterator<Item = &'a str>) -> Option<NumberStyle> {
        let (mut point, mut comma) = (0usize, 0usize);
        for v in values {
            match DecimalMark::evidence(v) {
                Some(DecimalMark::Point) => point += 1,
                Some(DecimalMark::Comma) => comma += 1,
                None => {}
            }
        }
        match point.cmp(&comma) {
            std::cmp::Ordering::Greater => Some(NumberStyle { decimal: DecimalMark::Point }),
            std::cmp::Ordering::Less => Some(NumberStyle { decimal: DecimalMark::Comma }),
            std::cmp::Ordering::Equal => None,
        }
    }

    /// The usual style for a file with this delimiter: a `;` file comes from a
    /// locale (Dutch, German, French Excel) that writes decimal commas.
    pub fn for_delimiter(delimiter: u8) -> NumberStyle {
        let decimal = if delimiter == b';' { DecimalMark::Comma } else { DecimalMark::Point };
        NumberStyle { decimal }
    }

    /// Parses one cell.
    pub fn parse(self, text: &str) -> Result<Number, NumberError> {
        parse(text, self.decimal.byte())
    }
}

/// A parsed cell: its value, and whether it carried a `%` sign.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Number {
    pub value: f64,
    pub percent: bool,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum NumberError {
    Empty,
    Invalid,
}

const CURRENCY_CODES: [&str; 12] = ["EUR", "USD", "GBP", "CHF", "JPY", "SEK", "NOK", "DKK", "PLN", "CAD", "AUD", "NZD"];

fn is_space(c: char) -> bool {
    c.is_whitespace() || c == '\u{a0}' || c == '\u{202f}'
}

/// Strips signs, currency and `%` from both ends; returns the core and the flags.
fn strip_affixes(mut s: &str) -> Result<(&str, bool, bool), NumberError> {
    let (mut negative, mut percent, mut parens) = (false, false, false);
    loop {
        let before = s;
        s = s.trim_matches(is_space);
        for sign in ['-', '\u{2212}'] {
            if let Some(rest) = s.strip_prefix(sign).or_else(|| s.strip_suffix(sign)) {
                if negative {
                    return Err(NumberError::Invalid);
                }
                negative = true;
                s = rest;
            }
        }
        if let Some(rest) = s.strip_prefix('+') {
            s = rest;
        }
        if let Some(rest) = s.strip_prefix('(').and_then(|r| r.strip_suffix(')')) {
            if parens || negative {
                return Err(NumberError::Invalid);
            }
            parens = true;
            negative = true;
            s = rest;
        }
        if let Some(rest) = s.strip_suffix('%') {
            percent = true;
            s = rest;
        }
        for sym in ['€', '$', '£', '¥'] {
            s = s.strip_prefix(sym).or_else(|| s.strip_suffix(sym)).unwrap_or(s);
        }
        for code in CURRENCY_CODES {
            let n = code.len();
            if s.len() > n && s.is_char_boundary(n) && s[..n].eq_ignore_ascii_case(code) {
                s = &s[n..];
            } else if s.len() > n && s.is_char_boundary(s.len() - n) && s[s.len() - n..].eq_ignore_ascii_case(code) {
                s = &s[..s.len() - n];
            }
        }
        if s == before {
            return Ok((s, negative, percent));
        }
    }
}

/// The common cell, `-1234.56` or `12,50` (a sign, digits, one decimal mark, at most 15
/// digits): read directly, or `None` for the general path.
fn parse_plain(text: &[u8], decimal: u8) -> Option<f64> {
    let (negative, digits) = match text {
        [b'-', rest @ ..] => (true, rest),
        _ => (false, text),
    };
    if digits.is_empty() || digits.len() > 16 {
        return None;
    }
    let (mut mantissa, mut scale, mut seen_mark, mut count) = (0u64, 0i32, false, 0);
    for &c in digits {
        match c {
            b'0'..=b'9' => {
                mantissa = mantissa * 10 + u64::from(c - b'0');
                scale += i32::from(seen_mark);
                count += 1;
            }
            _ if c == decimal && !seen_mark => seen_mark = true,
            _ => return None,
        }
    }
    if count == 0 || count > 15 {
        return None;
    }
    // Both exact in an f64, so one division is correctly rounded.
    let magnitude = mantissa as f64 / POWERS_OF_TEN[scale as usize];
    Some(if negative { -magnitude } else { magnitude })
}

const POWERS_OF_TEN: [f64; 16] = [1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15];

fn parse(text: &str, decimal: u8) -> Result<Number, NumberError> {
    if let Some(value) = parse_plain(text.as_bytes(), decimal) {
        return Ok(Number { value, percent: false });
    }
    if text.trim_matches(is_space).is_empty() {
        return Err(NumberError::Empty);
    }
    let (core, negative, percent) = strip_affixes(text)?;
    let group = if decimal == b'.' { b',' } else { b'.' };
    let bytes = core.as_bytes();
    let mut mantissa: u64 = 0;
    let mut digits = 0usize; // significant digits in `mantissa`
    let mut scale: i32 = 0; // power of ten to divide by
    let mut in_fraction = false;
    let mut group_len: Option<usize> = None; // digits since the last group separator
    let mut run = 0usize; // digits since the last separator of any kind
    let mut any_digit = false;
    let mut i = 0;
    while i < bytes.len() {
        let c = bytes[i];
        match c {
            b'0'..=b'9' => {
                any_digit = true;
                run += 1;
                if digits < 19 {
                    mantissa = mantissa * 10 + u64::from(c - b'0');
                    if mantissa > 0 {
                        digits += 1;
                    }
                    if in_fraction {
                        scale += 1;
                    }
                } else {
                    // Beyond 19 digits: only the magnitude matters here.
                    if !in_fraction {
                        scale -= 1;
                    }
                }
            }
            _ if c == decimal && !in_fraction => {
                if group_len.is_some() && run != 3 {
                    return Err(NumberError::Invalid);
                }
                in_fraction = true;
                run = 0;
            }
            // Thousands separators: the other mark, a space or an apostrophe (1'234).
            _ if !in_fraction && (c == group || c == b' ' || c == b'\'' || c == 0xC2 || c == 0xE2) => {
                // 0xC2 A0 is a no-break space, 0xE2 80 AF a narrow one.
                let width = match c {
                    0xC2 if bytes.get(i + 1) == Some(&0xA0) => 2,
                    0xE2 if bytes.get(i + 1..i + 3) == Some(&[0x80, 0xAF]) => 3,
                    0xC2 | 0xE2 => return Err(NumberError::Invalid),
                    _ => 1,
                };
                let ok = match group_len {
                    None => (1..=3).contains(&run),
                    Some(_) => run == 3,
                };
                if !ok {
                    return Err(NumberError::Invalid);
                }
                group_len = Some(0);
                run = 0;
                i += width;
                continue;
            }
            _ => return Err(NumberError::Invalid),
        }
        i += 1;
    }
    if !any_digit || (group_len.is_some() && !in_fraction && run != 3) {
        return Err(NumberError::Invalid);
    }
    let magnitude = if digits <= 15 && (0..=22).contains(&scale) {
        // Both exact in f64, so one division is correctly rounded.
        mantissa as f64 / 10f64.powi(scale)
    } else {
        // Rare: more than 15 significant digits. Let the standard library round.
        let cleaned: String = core
            .chars()
            .filter_map(|ch| match ch {
                '0'..='9' => Some(ch),
                _ if ch as u32 == u32::from(decimal) => Some('.'),
                _ => None,
            })
            .collect();
        cleaned.parse::<f64>().ok().filter(|v| v.is_finite()).ok_or(NumberError::Invalid)?
    };
    Ok(Number { value: if negative { -magnitude } else { magnitude }, percent })
}

#[cfg(test)]
mod tests {
    use super::*;

    const POINT: NumberStyle = NumberStyle { decimal: DecimalMark::Point };
    const COMMA: NumberStyle = NumberStyle { decimal: DecimalMark::Comma };

    fn value(style: NumberStyle, s: &str) -> f64 {
        style.parse(s).unwrap_or_else(|e| panic!("{s:?}: {e:?}")).value
    }

    #[test]
    fn dutch_and_english_amounts() {
        assert_eq!(value(COMMA, "€ 1.234,56"), 1234.56);
        assert_eq!(value(COMMA, "-3,00"), -3.0);
        assert_eq!(value(COMMA, "€ 12,50"), 12.5);
        assert_eq!(value(COMMA, "€\u{a0}-12,50"), -12.5);
        assert_eq!(value(COMMA, "1 234,5"), 1234.5);
        assert_eq!(value(COMMA, "1.234"), 1234.0);
        assert_eq!(value(POINT, "1,234.56"), 1234.56);
        assert_eq!(value(POINT, "12.50 EUR"), 12.5);
        assert_eq!(value(POINT, "USD 7"), 7.0);
        assert_eq!(value(POINT, "(4.00)"), -4.0);
        assert_eq!(value(POINT, "$1,000,000"), 1_000_000.0);
        assert_eq!(value(POINT, "1'234.5"), 1234.5);
        assert_eq!(value(POINT, "0.1"), 0.1);
        assert_eq!(value(POINT, ".5"), 0.5);
        assert_eq!(value(POINT, "12-"), -12.0);
    }

    #[test]
    fn the_fast_path_agrees_with_the_general_one() {
        for s in ["0", "-0", "12", "-3,00", "1234,56", "0,1", "999999999999999", "12,", ",5", "-,5"] {
            let plain = parse_plain(s.as_bytes(), b',');
            let general = {
                let cleaned: String = s.replace(',', ".");
                cleaned.parse::<f64>().ok()
            };
            assert_eq!(plain, general, "{s}");
        }
        // Not for the fast path: thousands, signs elsewhere, 16+ digits, two marks.
        for s in ["1.234,5", "+1", "1-", "1234567890123456", "1,2,3", "-", ""] {
            assert_eq!(parse_plain(s.as_bytes(), b','), None, "{s}");
        }
    }

    #[test]
    fn percentages_keep_their_flag() {
        assert_eq!(COMMA.parse("12,5%"), Ok(Number { value: 12.5, percent: true }));
        assert_eq!(POINT.parse("85 %"), Ok(Number { value: 85.0, percent: true }));
    }

    #[test]
    fn rejects_what_is_not_a_number() {
        assert_eq!(POINT.parse(&"9".repeat(400)), Err(NumberError::Invalid), "too large for an f64");
        for s in ["abc", "12a", "1.2.3,4,5", "1,23.4", "--5", "1.23,4", "€", "-", "1..2", "12,34,5"] {
            assert!(POINT.parse(s).is_err() || COMMA.parse(s).is_err(), "{s}");
        }
        assert_eq!(POINT.parse("  "), Err(NumberError::Empty));
        assert_eq!(POINT.parse("twelve"), Err(NumberError::Invalid));
        assert_eq!(COMMA.parse("1,2,3"), Err(NumberError::Invalid));
        assert_eq!(POINT.parse("1,23"), Err(NumberError::Invalid));
    }

    #[test]
    fn correctly_rounded_like_the_standard_library() {
        for s in ["0.1", "123456.789", "9007199254740993", "1234567890123456789012.5", "0.000001"] {
            assert_eq!(value(POINT, s), s.parse::<f64>().unwrap(), "{s}");
        }
    }

    #[test]
    fn the_column_settles_the_decimal_mark() {
        assert_eq!(NumberStyle::infer(["1.234", "12,5", "3"]), Some(COMMA));
        assert_eq!(NumberStyle::infer(["1,234", "12.50"]), Some(POINT));
        assert_eq!(NumberStyle::infer(["1.234.567"]), Some(COMMA));
        assert_eq!(NumberStyle::infer(["1,234,567"]), Some(POINT));
        assert_eq!(NumberStyle::infer(["€ 1.234,56"]), Some(COMMA));
        assert_eq!(NumberStyle::infer(["1.234", "12", "5.000"]), None);
        assert_eq!(NumberStyle::for_delimiter(b';'), COMMA);
        assert_eq!(NumberStyle::for_delimiter(b','), POINT);
    }
}
