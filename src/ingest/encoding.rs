//! Bytes to UTF-8 text: UTF-8 with or without a byte-order mark, UTF-16 LE/BE with
//! a BOM (Excel's "Unicode text"), and Windows-1252 as the fallback for anything that
//! is not valid UTF-8 (older Excel "CSV" exports on Windows).
//!
//! Hand-written rather than `encoding_rs`, whose tables for the CJK encodings would
//! add about 123 KB (gzipped) to the page; `encoding_rs` is the tests' oracle for the
//! Windows-1252 table and the UTF-16 decoder (`tests/fuzz_ingest.rs`), and the
//! benchmark's yardstick (`BENCH_PART=stages cargo bench --bench ingest`).

use serde::{Deserialize, Serialize};
use std::borrow::Cow;

/// The text encoding a file was read with.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Encoding {
    Utf8,
    Utf8Bom,
    Utf16Le,
    Utf16Be,
    Windows1252,
}

impl Encoding {
    pub const ALL: [Encoding; 5] =
        [Encoding::Utf8, Encoding::Utf8Bom, Encoding::Utf16Le, Encoding::Utf16Be, Encoding::Windows1252];

    /// The same encoding without a byte-order mark: how a part of a file that starts
    /// mid-file is decoded.
    pub fn without_bom(self) -> Encoding {
        match self {
            Encoding::Utf8Bom => Encoding::Utf8,
            other => other,
        }
    }

    /// Whether a line break is the byte `\n` and never part of a longer character, so
    /// that a file can be cut after any `\n` and each piece decoded alone.
    pub fn splits_at_line_breaks(self) -> bool {
        matches!(self, Encoding::Utf8 | Encoding::Utf8Bom | Encoding::Windows1252)
    }

    pub fn from_label(label: &str) -> Option<Encoding> {
        Self::ALL.into_iter().find(|e| e.label() == label)
    }

    pub fn label(self) -> &'static str {
        match self {
            Encoding::Utf8 => "UTF-8",
            Encoding::Utf8Bom => "UTF-8 (BOM)",
            Encoding::Utf16Le => "UTF-16 LE",
            Encoding::Utf16Be => "UTF-16 BE",
            Encoding::Windows1252 => "Windows-1252",
        }
    }
}

/// Windows-1252 code points for bytes 0x80..=0x9F; the rest of the range equals Latin-1.
/// Undefined bytes (0x81, 0x8D, 0x8F, 0x90, 0x9D) map to the C1 control of the same value,
/// as the WHATWG Encoding Standard does.
const CP1252_HIGH: [char; 32] = [
    '\u{20AC}', '\u{81}', '\u{201A}', '\u{192}', '\u{201E}', '\u{2026}', '\u{2020}', '\u{2021}', '\u{2C6}', '\u{2030}',
    '\u{160}', '\u{2039}', '\u{152}', '\u{8D}', '\u{17D}', '\u{8F}', '\u{90}', '\u{2018}', '\u{2019}', '\u{201C}',
    '\u{201D}', '\u{2022}', '\u{2013}', '\u{2014}', '\u{2DC}', '\u{2122}', '\u{161}', '\u{203A}', '\u{153}', '\u{9D}',
    '\u{17E}', '\u{178}',
];

/// One Windows-1252 byte as a character.
pub fn cp1252_char(byte: u8) -> char {
    match byte {
        0x80..=0x9F => CP1252_HIGH[(byte - 0x80) as usize],
        _ => byte as char,
    }
}

/// Which encoding `bytes` (the start of a file, or all of it) is in.
pub fn detect(bytes: &[u8]) -> Encoding {
    match bytes {
        [0xEF, 0xBB, 0xBF, ..] => Encoding::Utf8Bom,
        [0xFF, 0xFE, ..] => Encoding::Utf16Le,
        [0xFE, 0xFF, ..] => Encoding::Utf16Be,
        _ => match std::str::from_utf8(bytes) {
            Ok(_) => Encoding::Utf8,
            // A multi-byte character cut off by the end of a sample is still UTF-8.
            Err(e) if e.error_len().is_none() && bytes.len() - e.valid_up_to() < 4 => Encoding::Utf8,
            Err(_) => Encoding::Windows1252,
        },
    }
}

/// The whole of `bytes` as text, with the encoding it was read in. Never fails:
/// invalid UTF-16 becomes U+FFFD, and any byte sequence is valid Windows-1252.
pub fn decode(bytes: &[u8]) -> (Cow<'_, str>, Encoding) {
    let encoding = detect(bytes);
    let text = match encoding {
        Encoding::Utf8 => match std::str::from_utf8(bytes) {
            Ok(s) => Cow::Borrowed(s),
            // Only a character cut off at the very end: keep the rest as UTF-8.
            Err(_) => String::from_utf8_lossy(bytes),
        },
        Encoding::Utf8Bom => String::from_utf8_lossy(&bytes[3..]),
        Encoding::Utf16Le | Encoding::Utf16Be => {
            // The chunked decoder, in one chunk: the same text as a streamed read, to
            // the last U+FFFD (a high surrogate before an odd last byte is one error).
            let mut text = String::with_capacity(bytes.len() / 2);
            Decoder::new(encoding).decode(bytes, true, &mut text);
            Cow::Owned(text)
        }
        Encoding::Windows1252 => Cow::Owned(bytes.iter().map(|&b| cp1252_char(b)).collect()),
    };
    (text, encoding)
}

/// Decodes a file chunk by chunk into UTF-8: a character cut in two by a chunk
/// boundary is completed with the next chunk.
#[derive(Clone, Debug)]
pub struct Decoder {
    encoding: Encoding,
    /// Bytes of an incomplete character (or UTF-16 unit) from the previous chunk.
    pending: Vec<u8>,
    /// A UTF-16 high surrogate waiting for its low half.
    high_surrogate: Option<u16>,
    at_start: bool,
}

impl Decoder {
    pub fn new(encoding: Encoding) -> Self {
        Decoder { encoding, pending: Vec::new(), high_surrogate: None, at_start: true }
    }

    /// Appends the text of `bytes` to `out`; `last` marks the final chunk.
    pub fn decode(&mut self, mut bytes: &[u8], last: bool, out: &mut String) {
        if self.at_start {
            let bom: &[u8] = match self.encoding {
                Encoding::Utf8Bom => &[0xEF, 0xBB, 0xBF],
                Encoding::Utf16Le => &[0xFF, 0xFE],
                Encoding::Utf16Be => &[0xFE, 0xFF],
                _ => &[],
            };
            // The BOM itself may arrive split over chunks.
            let need = bom.len().saturating_sub(self.pending.len());
            let take = need.min(bytes.len());
            self.pending.extend_from_slice(&bytes[..take]);
            bytes = &bytes[take..];
            if self.pending.len() < bom.len() && !last {
                return;
            }
            self.at_start = false;
            if self.pending.as_slice() == bom {
                self.pending.clear();
            }
        }
        match self.encoding {
            Encoding::Utf8 | Encoding::Utf8Bom => self.utf8(bytes, last, out),
            Encoding::Utf16Le | Encoding::Utf16Be => self.utf16(bytes, last, out),
            Encoding::Windows1252 => {
                out.reserve(bytes.len());
                let mut rest = bytes;
                while !rest.is_empty() {
                    // Copy the ASCII run as it is, then map one byte above 0x7F.
                    let ascii = rest.iter().position(|b| !b.is_ascii()).unwrap_or(rest.len());
                    out.push_str(std::str::from_utf8(&rest[..ascii]).unwrap_or_default());
                    if let Some(&b) = rest.get(ascii) {
                        out.push(cp1252_char(b));
                        rest = &rest[ascii + 1..];
                    } else {
                        rest = &[];
                    }
                }
            }
        }
    }

    fn utf8(&mut self, chunk: &[u8], last: bool, out: &mut String) {
        // First complete a character left over from the previous chunk, one byte at a
        // time. If it turns out invalid, only its own bytes become U+FFFD: the bytes
        // after it are decoded afresh, exactly as if the file had not been cut there.
        let mut used = 0;
        while !self.pending.is_empty() && used < chunk.len() {
            self.pending.push(chunk[used]);
            used += 1;
            match std::str::from_utf8(&self.pending) {
                Ok(s) => {
                    out.push_str(s);
                    self.pending.clear();
                }
                // Still incomplete when `error_len` is `None`: wait for the next byte.
                Err(e) => {
                    if let Some(invalid) = e.error_len() {
                        let valid = e.valid_up_to();
                        out.push_str(std::str::from_utf8(&self.pending[..valid]).unwrap_or_default());
                        out.push(char::REPLACEMENT_CHARACTER);
                        // The few bytes after the invalid ones are decoded afresh.
                        let rest = self.pending.split_off(valid + invalid);
                        self.pending.clear();
                        self.utf8(&rest, false, out);
                    }
                }
            }
        }
        let bytes = &chunk[used..];
        let mut rest = bytes;
        loop {
            match std::str::from_utf8(rest) {
                Ok(s) => {
                    out.push_str(s);
                    break;
                }
                Err(e) => {
                    let valid = e.valid_up_to();
                    out.push_str(std::str::from_utf8(&rest[..valid]).unwrap_or_default());
                    match e.error_len() {
                        Some(len) => {
                            out.push(char::REPLACEMENT_CHARACTER);
                            rest = &rest[valid + len..];
                        }
                        None => {
                            self.pending.extend_from_slice(&rest[valid..]);
                            break;
                        }
                    }
                }
            }
        }
        if last && !self.pending.is_empty() {
            out.push(char::REPLACEMENT_CHARACTER);
            self.pending.clear();
        }
    }

    /// UTF-16 in bulk: the code units of the chunk are decoded where they lie (no
    /// copy of the chunk), by `char::decode_utf16` into the reserved `out`. Only what
    /// a chunk boundary cuts goes through [`Decoder::utf16_unit`]: a unit split in two
    /// (its first byte waits in `pending`) and a high surrogate whose low half is in
    /// the next chunk (`high_surrogate`).
    fn utf16(&mut self, mut bytes: &[u8], last: bool, out: &mut String) {
        let le = self.encoding == Encoding::Utf16Le;
        let unit = |pair: &[u8]| {
            let pair = [pair[0], pair[1]];
            if le {
                u16::from_le_bytes(pair)
            } else {
                u16::from_be_bytes(pair)
            }
        };
        // A unit begun in the previous chunk (or two first bytes that were no BOM).
        if !self.pending.is_empty() {
            let take = (2 - self.pending.len().min(2)).min(bytes.len());
            self.pending.extend_from_slice(&bytes[..take]);
            bytes = &bytes[take..];
            if self.pending.len() == 2 {
                let u = unit(&self.pending);
                self.pending.clear();
                self.utf16_unit(u, out);
            }
        }
        let whole = bytes.len() & !1;
        let (units, odd) = bytes.split_at(whole);
        let mut units = units;
        // The low half of a pair begun in the previous chunk (or whatever follows a
        // high surrogate there).
        while self.high_surrogate.is_some() && !units.is_empty() {
            self.utf16_unit(unit(units), out);
            units = &units[2..];
        }
        // A high surrogate at the end waits for the next chunk.
        if units.len() >= 2 {
            let lastu = unit(&units[units.len() - 2..]);
            if (0xD800..=0xDBFF).contains(&lastu) {
                units = &units[..units.len() - 2];
                self.high_surrogate = Some(lastu);
            }
        }
        out.reserve(units.len() / 2);
        // Runs of ASCII (most of a CSV file) are narrowed to bytes a block at a time;
        // the units between them go through `char::decode_utf16`. A pair never spans
        // two runs: both its halves are non-ASCII.
        let low_byte = usize::from(!le);
        let ascii_mask: u64 = if le { 0xFF80_FF80_FF80_FF80 } else { 0x80FF_80FF_80FF_80FF };
        let mut block = [0u8; 256];
        while !units.is_empty() {
            let limit = units.len().min(2 * block.len());
            let mut n = 0; // bytes of ASCII units at the start of `units`
            while let Some(word) = units.get(n..n + 8).filter(|_| n + 8 <= limit) {
                if u64::from_le_bytes(word.try_into().unwrap_or_default()) & ascii_mask != 0 {
                    break;
                }
                n += 8;
            }
            while n < limit && unit(&units[n..]) < 0x80 {
                n += 2;
            }
            if n > 0 {
                for (b, pair) in block.iter_mut().zip(units[..n].chunks_exact(2)) {
                    *b = pair[low_byte];
                }
                out.push_str(std::str::from_utf8(&block[..n / 2]).unwrap_or_default());
                units = &units[n..];
            }
            let mut m = 0; // bytes of non-ASCII units that follow
            while m < units.len() && unit(&units[m..]) >= 0x80 {
                m += 2;
            }
            out.extend(
                char::decode_utf16(units[..m].chunks_exact(2).map(unit))
                    .map(|c| c.unwrap_or(char::REPLACEMENT_CHARACTER)),
            );
            units = &units[m..];
        }
        self.pending.extend_from_slice(odd);
        if last && (self.high_surrogate.take().is_some() || !self.pending.is_empty()) {
            out.push(char::REPLACEMENT_CHARACTER);
            self.pending.clear();
        }
    }

    /// One UTF-16 unit, after a possible high surrogate from before.
    fn utf16_unit(&mut self, unit: u16, out: &mut String) {
        match (self.high_surrogate.take(), unit) {
            (None, 0xD800..=0xDBFF) => self.high_surrogate = Some(unit),
            (Some(high), 0xDC00..=0xDFFF) => {
                let c = 0x10000 + ((u32::from(high) - 0xD800) << 10) + (u32::from(unit) - 0xDC00);
                out.push(char::from_u32(c).unwrap_or(char::REPLACEMENT_CHARACTER));
            }
            (high, unit) => {
                if high.is_some() {
                    out.push(char::REPLACEMENT_CHARACTER);
                }
                match unit {
                    0xD800..=0xDBFF => self.high_surrogate = Some(unit),
                    _ => out.push(char::from_u32(u32::from(unit)).unwrap_or(char::REPLACEMENT_CHARACTER)),
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utf8_with_and_without_bom() {
        assert_eq!(decode(b"a;b"), (Cow::Borrowed("a;b"), Encoding::Utf8));
        let (text, enc) = decode(b"\xEF\xBB\xBFKlantnummer;Bedrag");
        assert_eq!((text.as_ref(), enc), ("Klantnummer;Bedrag", Encoding::Utf8Bom));
    }

    #[test]
    fn utf16_both_byte_orders() {
        let le: Vec<u8> = [0xFF, 0xFE].into_iter().chain("€ 1,5\n".encode_utf16().flat_map(u16::to_le_bytes)).collect();
        let be: Vec<u8> = [0xFE, 0xFF].into_iter().chain("€ 1,5\n".encode_utf16().flat_map(u16::to_be_bytes)).collect();
        assert_eq!(decode(&le), (Cow::Owned("€ 1,5\n".to_string()), Encoding::Utf16Le));
        assert_eq!(decode(&be), (Cow::Owned("€ 1,5\n".to_string()), Encoding::Utf16Be));
    }

    #[test]
    fn windows_1252_fallback() {
        // "€ 12,50;café" as Excel on Windows writes it.
        let (text, enc) = decode(b"\x80 12,50;caf\xE9");
        assert_eq!((text.as_ref(), enc), ("€ 12,50;café", Encoding::Windows1252));
    }

    #[test]
    fn cp1252_table_matches_encoding_rs() {
        // An independent oracle: the WHATWG decoder in encoding_rs.
        for b in 0..=255u8 {
            let byte = [b];
            let (expected, _, _) = encoding_rs::WINDOWS_1252.decode(&byte);
            assert_eq!(cp1252_char(b).to_string(), expected, "byte {b:#x}");
        }
    }

    #[test]
    fn chunked_decoding_equals_whole_decoding() {
        let text = "Klant;Bedrag\r\nJosé;€ 12,50\r\nZoë;🙂 3,00\r\n";
        let utf16le: Vec<u8> = [0xFF, 0xFE].into_iter().chain(text.encode_utf16().flat_map(u16::to_le_bytes)).collect();
        let utf16be: Vec<u8> = [0xFE, 0xFF].into_iter().chain(text.encode_utf16().flat_map(u16::to_be_bytes)).collect();
        let bom: Vec<u8> = [0xEF, 0xBB, 0xBF].into_iter().chain(text.bytes()).collect();
        let cp1252 = b"Klant;Bedrag\r\nJos\xe9;\x80 12,50\r\n".to_vec();
        for bytes in [text.as_bytes().to_vec(), bom, utf16le, utf16be, cp1252] {
            let (whole, encoding) = decode(&bytes);
            for chunk in 1..9 {
                let mut decoder = Decoder::new(encoding);
                let mut out = String::new();
                let pieces: Vec<&[u8]> = bytes.chunks(chunk).collect();
                for (i, piece) in pieces.iter().enumerate() {
                    decoder.decode(piece, i + 1 == pieces.len(), &mut out);
                }
                assert_eq!(out, whole, "{encoding:?} in chunks of {chunk}");
            }
        }
    }

    #[test]
    fn a_cut_character_followed_by_an_invalid_byte() {
        // C2 | C2 80: the first C2 is invalid on its own, C2 80 is U+0080, as when whole.
        let mut d = Decoder::new(Encoding::Utf8);
        let mut out = String::new();
        d.decode(b"\xc2", false, &mut out);
        d.decode(b"\xc2\x80", true, &mut out);
        assert_eq!(out, String::from_utf8_lossy(b"\xc2\xc2\x80"));
        // A BOM-declared file whose start is not a BOM: the bytes are text.
        let mut d = Decoder::new(Encoding::Utf8Bom);
        let mut out = String::new();
        for b in b"A\xffBC" {
            d.decode(&[*b], false, &mut out);
        }
        d.decode(b"", true, &mut out);
        assert_eq!(out, "A\u{FFFD}BC");
    }

    #[test]
    fn invalid_bytes_become_replacement_characters() {
        let mut d = Decoder::new(Encoding::Utf8);
        let mut out = String::new();
        d.decode(b"a\xffb\xe2\x82", false, &mut out);
        d.decode(b"", true, &mut out);
        assert_eq!(out, "a\u{FFFD}b\u{FFFD}");
    }

    #[test]
    fn cut_multibyte_sample_is_still_utf8() {
        let s = "prijs €".as_bytes();
        assert_eq!(detect(&s[..s.len() - 1]), Encoding::Utf8);
    }
}
