//! Writing the simulated rows as CSV text: the fields (customer id, date, amount,
//! attributes) formatted and quoted by hand, the text encoded (UTF-8, UTF-16LE,
//! Windows-1252) and handed out in blocks.

use super::model::{Customer, Plan, CHANNELS, NONE, REGIONS};
use super::random::Rng;
use super::{LogOptions, SynthDateFormat, SynthEncoding, SynthTotals};
use crate::calendar::Date;
use std::io::{self, Write};

pub(super) const HEADERS_EN: [&str; 6] = ["customer_id", "order_date", "amount", "channel", "loyalty_member", "region"];
pub(super) const HEADERS_NL: [&str; 6] = ["Klantnummer", "Orderdatum", "Bedrag", "Kanaal", "Loyaliteitslid", "Regio"];

/// A row of one day, to be sorted by time.
struct DayRow {
    secs: u32,
    id: u32,
    cents: i32,
    attrs: u8,
    refund: bool,
}

/// The byte of `ch` in Windows-1252, `?` when it has none.
fn cp1252_byte(ch: char) -> u8 {
    match ch as u32 {
        0..=0x7F | 0xA0..=0xFF => ch as u8,
        _ => (0x80..=0x9F).find(|&b| crate::ingest::encoding::cp1252_char(b) == ch).unwrap_or(b'?'),
    }
}

/// Appends `v` in decimal, at least `width` digits.
fn push_uint(out: &mut Vec<u8>, mut v: u64, width: usize) {
    let mut digits = [0u8; 20];
    let mut i = digits.len();
    while v > 0 || digits.len() - i < width.max(1) {
        i -= 1;
        digits[i] = b'0' + (v % 10) as u8;
        v /= 10;
    }
    // Byte by byte: a handful of pushes beat a memmove call for such short runs.
    for &d in &digits[i..] {
        out.push(d);
    }
}

/// Appends a CSV field, quoted when it holds the delimiter, a quote or a line break.
fn push_field(out: &mut Vec<u8>, field: &[u8], delimiter: u8) {
    if field.iter().any(|&b| b == delimiter || b == b'"' || b == b'\r' || b == b'\n') {
        out.push(b'"');
        for &b in field {
            if b == b'"' {
                out.push(b'"');
            }
            out.push(b);
        }
        out.push(b'"');
    } else {
        out.extend_from_slice(field);
    }
}

fn push_date(out: &mut Vec<u8>, date: Date, format: SynthDateFormat) {
    let (y, m, d) = date.ymd();
    let (y, m, d) = (y as u64, u64::from(m), u64::from(d));
    let sep = |out: &mut Vec<u8>, parts: [(u64, usize); 3], s: u8| {
        for (i, (v, w)) in parts.into_iter().enumerate() {
            if i > 0 && s != 0 {
                out.push(s);
            }
            push_uint(out, v, w);
        }
    };
    match format {
        SynthDateFormat::Iso | SynthDateFormat::IsoWithTime => sep(out, [(y, 4), (m, 2), (d, 2)], b'-'),
        SynthDateFormat::DayMonthYear => sep(out, [(d, 2), (m, 2), (y, 4)], b'-'),
        SynthDateFormat::DayMonthYearSlash => sep(out, [(d, 2), (m, 2), (y, 4)], b'/'),
        SynthDateFormat::MonthDayYearSlash => sep(out, [(m, 2), (d, 2), (y, 4)], b'/'),
        SynthDateFormat::Compact => sep(out, [(y, 4), (m, 2), (d, 2)], 0),
    }
}

/// Appends an amount in cents: `-1234.56`, or with a decimal comma `-1234,56`,
/// optionally `€ ` before it and `.` between thousands.
fn push_amount(out: &mut Vec<u8>, cents: i64, comma: bool, euro: bool, thousands: bool) {
    if euro {
        out.extend_from_slice("€ ".as_bytes());
    }
    if cents < 0 {
        out.push(b'-');
    }
    let abs = cents.unsigned_abs();
    let euros = abs / 100;
    if thousands && euros >= 1000 {
        let groups = [euros / 1_000_000_000, euros / 1_000_000 % 1000, euros / 1000 % 1000, euros % 1000];
        let mut started = false;
        for g in groups {
            if started {
                out.push(if comma { b'.' } else { b',' });
                push_uint(out, g, 3);
            } else if g > 0 {
                push_uint(out, g, 1);
                started = true;
            }
        }
    } else {
        push_uint(out, euros, 1);
    }
    out.push(if comma { b',' } else { b'.' });
    push_uint(out, abs % 100, 2);
}

/// Generates day by day and writes in blocks of about 64 KiB.
pub(super) struct LogWriter<'a, W: Write> {
    opts: &'a LogOptions,
    plan: &'a Plan,
    out: W,
    /// UTF-8 text not yet written, and the same text encoded.
    text: Vec<u8>,
    encoded: Vec<u8>,
    totals: SynthTotals,
}

const BLOCK: usize = 64 * 1024;

impl<'a, W: Write> LogWriter<'a, W> {
    pub(super) fn new(opts: &'a LogOptions, plan: &'a Plan, out: W) -> Self {
        let (text, encoded) = (Vec::with_capacity(BLOCK + 1024), Vec::new());
        LogWriter { opts, plan, out, text, encoded, totals: SynthTotals::default() }
    }

    fn flush_text(&mut self) -> io::Result<()> {
        let encoding = self.opts.encoding;
        let bytes: &[u8] = if matches!(encoding, SynthEncoding::Utf8 | SynthEncoding::Utf8Bom) {
            &self.text
        } else {
            // Runs of ASCII in bulk, the odd other character (€, â) one by one.
            let text = std::str::from_utf8(&self.text).expect("rows are built as UTF-8");
            let out = &mut self.encoded;
            out.clear();
            let mut rest = text;
            while !rest.is_empty() {
                let ascii = rest.bytes().position(|b| !b.is_ascii()).unwrap_or(rest.len());
                let (run, tail) = rest.split_at(ascii);
                if encoding == SynthEncoding::Utf16Le {
                    out.extend(run.bytes().flat_map(|b| [b, 0]));
                } else {
                    out.extend_from_slice(run.as_bytes());
                }
                let mut chars = tail.chars();
                if let Some(ch) = chars.next() {
                    if encoding == SynthEncoding::Utf16Le {
                        for unit in ch.encode_utf16(&mut [0; 2]) {
                            out.extend_from_slice(&unit.to_le_bytes());
                        }
                    } else {
                        out.push(cp1252_byte(ch));
                    }
                }
                rest = chars.as_str();
            }
            &self.encoded
        };
        self.out.write_all(bytes)?;
        self.totals.bytes += bytes.len() as u64;
        self.text.clear();
        Ok(())
    }

    pub(super) fn run(mut self) -> io::Result<SynthTotals> {
        let opts = self.opts;
        let bom: &[u8] = match opts.encoding {
            SynthEncoding::Utf8Bom => b"\xEF\xBB\xBF",
            SynthEncoding::Utf16Le => b"\xFF\xFE",
            _ => b"",
        };
        self.out.write_all(bom)?;
        self.totals.bytes += bom.len() as u64;
        let headers = if opts.dutch_headers { HEADERS_NL } else { HEADERS_EN };
        let columns = if opts.attributes { 6 } else { 3 };
        for (i, h) in headers[..columns].iter().enumerate() {
            if i > 0 {
                self.text.push(opts.delimiter);
            }
            push_field(&mut self.text, h.as_bytes(), opts.delimiter);
        }
        self.text.extend_from_slice(b"\r\n");

        let plan = self.plan;
        let m = &plan.model;
        let days = if opts.rows == 0 { 0 } else { m.days as usize };
        // Customers by arrival day (a counting sort; four bytes a customer).
        let mut starts = vec![0u32; days + 1];
        let arrival = |id: u32| m.arrival(id) as usize;
        for id in 0..plan.customers {
            starts[arrival(id) + 1] += 1;
        }
        for d in 0..days {
            starts[d + 1] += starts[d];
        }
        let mut order = vec![0u32; plan.customers as usize];
        let mut fill = starts.clone();
        for id in 0..plan.customers {
            let d = arrival(id);
            order[fill[d] as usize] = id;
            fill[d] += 1;
        }
        drop(fill);

        let id_width = plan.customers.to_string().len().max(6);
        let delim = opts.delimiter;
        // Which columns can hold the delimiter (then each field is checked and quoted).
        let quote_id = b"K0123456789".contains(&delim);
        let quote_time = b"0123456789-: ".contains(&delim);
        let quote_amount = b"0123456789-., ".contains(&delim);
        // Everything after the amount, for each channel, loyalty and region.
        let yes_no: [&[u8]; 2] = if opts.dutch_headers { [b"nee", b"ja"] } else { [b"no", b"yes"] };
        let tails: Vec<Vec<u8>> = (0..64u8)
            .map(|a| {
                let mut tail = Vec::new();
                if opts.attributes {
                    let channel = CHANNELS.get(usize::from(a & 3)).map_or(&b""[..], |c| c.as_bytes());
                    for field in [channel, yes_no[usize::from(a >> 2 & 1)], REGIONS[usize::from(a >> 3 & 7)].as_bytes()]
                    {
                        tail.push(delim);
                        push_field(&mut tail, field, delim);
                    }
                }
                tail.extend_from_slice(b"\r\n");
                tail
            })
            .collect();
        let mut format_rng = Rng::new(opts.seed ^ 0x0F0F_5EED_F0F0_5EED);
        let mut buckets: Vec<Vec<Customer>> = (0..days).map(|_| Vec::new()).collect();
        let (mut today, mut keys): (Vec<DayRow>, Vec<u64>) = (Vec::new(), Vec::new());
        // Customers written so far, one bit each.
        let mut seen = vec![0u64; (plan.customers as usize).div_ceil(64)];
        let (mut date, mut field) = (Vec::new(), Vec::new());
        'days: for d in 0..days {
            let mut waiting = std::mem::take(&mut buckets[d]);
            waiting.extend(order[starts[d] as usize..starts[d + 1] as usize].iter().map(|&id| plan.customer(id)));
            today.clear();
            keys.clear();
            // Never more rows in a day than are still to be written (a tiny population
            // scaled up to many rows can buy thousands of times a day).
            let remaining = (opts.rows - self.totals.rows) as usize;
            for mut c in waiting.drain(..) {
                while c.next_day() == d as i32 && today.len() < remaining {
                    let e = c.pop::<true>(m);
                    debug_assert_eq!(e.day, d as i32);
                    // Seconds since midnight in the high half, arrival order in the low half.
                    keys.push(u64::from(e.secs) << 32 | today.len() as u64);
                    today.push(DayRow { secs: e.secs, id: c.id, cents: e.cents, attrs: c.attrs, refund: e.refund });
                }
                let next = c.next_day();
                if next != NONE {
                    buckets[next as usize].push(c);
                }
            }
            keys.sort_unstable();

            // The day's date field, ready to copy (without the time of day).
            field.clear();
            push_date(&mut field, opts.start.add_days(d as i32), opts.date_format);
            date.clear();
            if opts.date_format == SynthDateFormat::IsoWithTime {
                date.extend_from_slice(&field);
            } else {
                push_field(&mut date, &field, delim);
            }
            for &key in &keys {
                let row = &today[key as u32 as usize];
                let text = &mut self.text;
                // Customer id.
                if quote_id {
                    field.clear();
                    field.push(b'K');
                    push_uint(&mut field, u64::from(row.id) + 1, id_width);
                    push_field(text, &field, delim);
                } else {
                    text.push(b'K');
                    push_uint(text, u64::from(row.id) + 1, id_width);
                }
                text.push(delim);
                // Date.
                if opts.date_format == SynthDateFormat::IsoWithTime {
                    field.clear();
                    field.extend_from_slice(&date);
                    let secs = u64::from(row.secs);
                    field.push(b' ');
                    push_uint(&mut field, secs / 3600, 2);
                    field.push(b':');
                    push_uint(&mut field, secs / 60 % 60, 2);
                    field.push(b':');
                    push_uint(&mut field, secs % 60, 2);
                    if quote_time {
                        push_field(text, &field, delim);
                    } else {
                        text.extend_from_slice(&field);
                    }
                } else {
                    text.extend_from_slice(&date);
                }
                text.push(delim);
                // Amount.
                let (mut euro, mut thousands) = (false, false);
                if opts.decimal_comma {
                    let u = format_rng.next_u64();
                    euro = opts.dutch_headers && u % 100 < 8;
                    thousands = (u >> 8).is_multiple_of(2);
                }
                if quote_amount {
                    field.clear();
                    push_amount(&mut field, i64::from(row.cents), opts.decimal_comma, euro, thousands);
                    push_field(text, &field, delim);
                } else {
                    push_amount(text, i64::from(row.cents), opts.decimal_comma, euro, thousands);
                }
                // Attributes and line end.
                text.extend_from_slice(&tails[usize::from(row.attrs & 0x3F)]);

                let s = &mut self.totals;
                s.rows += 1;
                let (word, bit) = (row.id as usize / 64, 1u64 << (row.id % 64));
                s.customers += u64::from(seen[word] & bit == 0);
                seen[word] |= bit;
                if row.refund {
                    s.refunds += 1;
                } else {
                    s.purchases += 1;
                }
                s.revenue_total_cents += i64::from(row.cents);
                if self.text.len() >= BLOCK {
                    self.flush_text()?;
                }
                if self.totals.rows == opts.rows {
                    break 'days;
                }
            }
        }
        self.flush_text()?;
        self.out.flush()?;
        Ok(self.totals)
    }
}

#[cfg(test)]
mod tests {
    use super::super::test_log::{dutch, parse, text_of};
    use super::super::{log_string, write_log};
    use super::*;

    #[test]
    fn summary_matches_the_written_text() {
        let cases = [
            LogOptions { rows: 5000, ..LogOptions::default() },
            LogOptions { rows: 4000, seed: 3, ..dutch() },
            LogOptions {
                rows: 2500,
                seed: 4,
                decimal_comma: true,
                encoding: SynthEncoding::Utf16Le,
                ..Default::default()
            },
            LogOptions { rows: 2000, seed: 5, customers: 150, attributes: false, delimiter: b'\t', ..dutch() },
            LogOptions { rows: 700, seed: 6, customers: 2000, ..LogOptions::default() },
            // One customer scaled up to thousands of rows, many on a single day.
            LogOptions { rows: 3000, seed: 9, customers: 1, days: 10, ..LogOptions::default() },
            LogOptions { rows: 1, ..LogOptions::default() },
            LogOptions { rows: 0, ..LogOptions::default() },
        ];
        for opts in cases {
            let mut bytes = Vec::new();
            let s = write_log(&opts, &mut bytes).unwrap();
            let rows = parse(&opts, &bytes);
            let customers: std::collections::HashSet<&str> = rows.iter().map(|r| r.customer.as_str()).collect();
            let refunds = rows.iter().filter(|r| r.cents < 0).count() as u64;
            assert_eq!(s.rows, opts.rows, "{opts:?}");
            assert_eq!(rows.len() as u64, s.rows);
            assert_eq!(s.refunds, refunds);
            assert_eq!(s.purchases, s.rows - refunds);
            assert_eq!(s.customers, customers.len() as u64);
            assert_eq!(s.revenue_total_cents, rows.iter().map(|r| r.cents).sum::<i64>());
            assert_eq!(s.bytes, bytes.len() as u64);
            if opts.customers > 0 {
                assert!(s.customers <= opts.customers);
            }
        }
    }

    #[test]
    fn each_encoding_starts_right_and_decodes_to_the_same_text() {
        let base = LogOptions { rows: 2000, dutch_headers: true, decimal_comma: true, ..LogOptions::default() };
        let utf8 = log_string(&base);
        assert!(utf8.starts_with(b"Klantnummer,Orderdatum,Bedrag,"));
        let text = String::from_utf8(utf8).unwrap();
        assert!(text.contains("Fryslân") && text.contains("€ "), "the test needs non-ASCII rows");
        for (encoding, start) in [
            (SynthEncoding::Utf8Bom, &b"\xEF\xBB\xBFKlant"[..]),
            (SynthEncoding::Utf16Le, &b"\xFF\xFEK\0l\0a\0"[..]),
            (SynthEncoding::Windows1252, &b"Klantnummer,"[..]),
        ] {
            let bytes = log_string(&LogOptions { encoding, ..base.clone() });
            assert!(bytes.starts_with(start), "{encoding:?}");
            assert_eq!(text_of(&bytes, encoding), text, "{encoding:?}");
            if encoding == SynthEncoding::Windows1252 {
                assert!(bytes.windows(3).any(|w| w == b"\x80 1"), "€ is 0x80");
                assert!(bytes.windows(7).any(|w| w == b"Frysl\xE2n"), "â is 0xE2");
            }
        }
    }

    #[test]
    fn decimal_comma_amounts_are_quoted_in_comma_files() {
        let opts = LogOptions { rows: 3000, decimal_comma: true, ..LogOptions::default() };
        let text = String::from_utf8(log_string(&opts)).unwrap();
        for line in text.lines().skip(1) {
            // K000001,2022-01-01,"12,50",web,no,Utrecht
            let amount = line.split(',').nth(2).unwrap();
            assert!(amount.starts_with('"') && line.matches('"').count() == 2, "{line}");
        }
        assert!(text.contains(".") && text.lines().any(|l| l.contains(",\"-")), "large orders and refunds occur");
        // With ';' nothing needs quotes.
        let semi = String::from_utf8(log_string(&LogOptions { delimiter: b';', ..opts })).unwrap();
        assert!(!semi.contains('"'));
    }

    #[test]
    fn dates_are_in_every_format_inside_the_span_and_in_order() {
        let start = Date::from_ymd(2023, 2, 27).unwrap();
        for date_format in [
            SynthDateFormat::Iso,
            SynthDateFormat::DayMonthYear,
            SynthDateFormat::DayMonthYearSlash,
            SynthDateFormat::MonthDayYearSlash,
            SynthDateFormat::Compact,
            SynthDateFormat::IsoWithTime,
        ] {
            let opts = LogOptions { rows: 3000, date_format, start, days: 400, ..LogOptions::default() };
            let rows = parse(&opts, &log_string(&opts));
            assert!(rows.iter().all(|r| r.date >= start && r.date < start.add_days(400)), "{date_format:?}");
            assert!(rows.windows(2).all(|w| (w[0].date, w[0].secs) <= (w[1].date, w[1].secs)), "{date_format:?}");
            assert!(rows.first().unwrap().date < start.add_days(7) && rows.last().unwrap().date > start.add_days(300));
        }
    }
}
