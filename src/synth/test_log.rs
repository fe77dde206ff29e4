//! Reads a generated log back, for the tests: a small parser of its own, and the
//! options of a Dutch Excel export.

use super::writer::{HEADERS_EN, HEADERS_NL};
use super::{LogOptions, SynthDateFormat, SynthEncoding};
use crate::calendar::Date;

/// The text of a log, decoded with encoding_rs (an independent decoder).
pub(super) fn text_of(bytes: &[u8], encoding: SynthEncoding) -> String {
    match encoding {
        SynthEncoding::Utf8 => String::from_utf8(bytes.to_vec()).unwrap(),
        SynthEncoding::Utf8Bom => String::from_utf8(bytes[3..].to_vec()).unwrap(),
        SynthEncoding::Utf16Le => encoding_rs::UTF_16LE.decode_without_bom_handling(&bytes[2..]).0.into_owned(),
        SynthEncoding::Windows1252 => encoding_rs::WINDOWS_1252.decode_without_bom_handling(bytes).0.into_owned(),
    }
}

/// Splits a line on `delim` outside double quotes, unquoting fields.
fn fields(line: &str, delim: char) -> Vec<String> {
    let (mut out, mut cur, mut quoted) = (Vec::new(), String::new(), false);
    let mut chars = line.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '"' if quoted && chars.peek() == Some(&'"') => {
                cur.push('"');
                chars.next();
            }
            '"' => quoted = !quoted,
            c if c == delim && !quoted => out.push(std::mem::take(&mut cur)),
            c => cur.push(c),
        }
    }
    out.push(cur);
    out
}

fn cents(field: &str, decimal_comma: bool) -> i64 {
    let s = field.strip_prefix("€ ").unwrap_or(field);
    let (neg, s) = s.strip_prefix('-').map_or((false, s), |r| (true, r));
    let (group, point) = if decimal_comma { ('.', ',') } else { (',', '.') };
    let s: String = s.chars().filter(|&c| c != group).collect();
    let (euros, cents) = s.split_once(point).unwrap();
    assert_eq!(cents.len(), 2, "{field}");
    let v = euros.parse::<i64>().unwrap() * 100 + cents.parse::<i64>().unwrap();
    if neg {
        -v
    } else {
        v
    }
}

fn date(field: &str, format: SynthDateFormat) -> (Date, u32) {
    let n = |s: &str| s.parse::<u32>().unwrap();
    let (date, secs) = match format {
        SynthDateFormat::IsoWithTime => {
            let (d, t) = field.split_once(' ').unwrap();
            let hms: Vec<u32> = t.split(':').map(n).collect();
            (d, hms[0] * 3600 + hms[1] * 60 + hms[2])
        }
        _ => (field, 0),
    };
    let (y, m, d) = match format {
        SynthDateFormat::Iso | SynthDateFormat::IsoWithTime => (n(&date[0..4]), n(&date[5..7]), n(&date[8..10])),
        SynthDateFormat::DayMonthYear | SynthDateFormat::DayMonthYearSlash => {
            (n(&date[6..10]), n(&date[3..5]), n(&date[0..2]))
        }
        SynthDateFormat::MonthDayYearSlash => (n(&date[6..10]), n(&date[0..2]), n(&date[3..5])),
        SynthDateFormat::Compact => (n(&date[0..4]), n(&date[4..6]), n(&date[6..8])),
    };
    let sep_ok = match format {
        SynthDateFormat::Iso | SynthDateFormat::IsoWithTime => date.len() == 10 && &date[4..5] == "-",
        SynthDateFormat::DayMonthYear => date.len() == 10 && &date[2..3] == "-",
        SynthDateFormat::DayMonthYearSlash | SynthDateFormat::MonthDayYearSlash => &date[2..3] == "/",
        SynthDateFormat::Compact => date.len() == 8,
    };
    assert!(sep_ok, "{field} as {format:?}");
    (Date::from_ymd(y as i32, m, d).unwrap_or_else(|| panic!("{field}")), secs)
}

/// One parsed data row.
pub(super) struct Row {
    pub(super) customer: String,
    pub(super) date: Date,
    pub(super) secs: u32,
    pub(super) cents: i64,
    pub(super) attrs: Vec<String>,
}

/// Parses a whole log, checking the header and field counts.
pub(super) fn parse(opts: &LogOptions, bytes: &[u8]) -> Vec<Row> {
    let text = text_of(bytes, opts.encoding);
    assert!(text.ends_with("\r\n"));
    let mut lines = text[..text.len() - 2].split("\r\n");
    let delim = opts.delimiter as char;
    let header = fields(lines.next().unwrap(), delim);
    let expected = if opts.dutch_headers { HEADERS_NL } else { HEADERS_EN };
    let columns = if opts.attributes { 6 } else { 3 };
    assert_eq!(header, expected[..columns]);
    lines
        .map(|line| {
            let f = fields(line, delim);
            assert_eq!(f.len(), columns, "{line}");
            let (date, secs) = date(&f[1], opts.date_format);
            Row { customer: f[0].clone(), date, secs, cents: cents(&f[2], opts.decimal_comma), attrs: f[3..].to_vec() }
        })
        .collect()
}

pub(super) fn dutch() -> LogOptions {
    LogOptions {
        delimiter: b';',
        decimal_comma: true,
        date_format: SynthDateFormat::DayMonthYear,
        encoding: SynthEncoding::Windows1252,
        dutch_headers: true,
        ..LogOptions::default()
    }
}
