//! The CSV tokenizer: splits text into records and fields.
//!
//! It reads from a byte slice that may end in the middle of a record (a chunk of a
//! larger file): [`Splitter::read_record`] then reports that it needs more input, and
//! the caller keeps the unread tail for the next chunk. Apart from the reusable
//! [`Record`] buffers it does not allocate.
//!
//! Dialect: RFC 4180 with the leniencies real exports need: any of `\n`, `\r\n` or a
//! lone `\r` ends a record; a doubled quote inside a quoted field is one quote; text
//! after a closing quote is kept as is; a quote inside an unquoted field is literal.
//!
//! Why not csv-core (a dev-dependency, the oracle of `tests/fuzz_ingest.rs`): this
//! splitter is faster on the files the app reads, 1.2–1.5× on unquoted exports both
//! natively and in Wasm when first measured, 1.5–1.8× natively and 1.3–1.7× with
//! every field quoted now (`BENCH_PART=stages cargo bench --bench ingest`,
//! BENCHMARKS.md); and csv-core reads differently what the reader relies on: it
//! skips empty lines (here a blank record on its own line), counts only `\n` in
//! its line numbers (a lone `\r` ends a line here, so errors in old Mac exports
//! get their true line), and does not say when the input ends inside a quoted
//! field ([`Record::unclosed_quote`], reported to the user).

/// One record: its fields, unescaped, and the line it starts on.
#[derive(Clone, Debug, Default)]
pub struct Record {
    text: String,
    /// Field `i` is `text[starts[i]..ends[i]]`.
    starts: Vec<usize>,
    ends: Vec<usize>,
    /// 1-based line number where the record starts.
    pub line: u64,
    /// The record ended inside a quoted field at the end of the input.
    pub unclosed_quote: bool,
}

impl Record {
    pub fn len(&self) -> usize {
        self.ends.len()
    }

    pub fn is_empty(&self) -> bool {
        self.ends.is_empty()
    }

    /// Field `i`, or `None` past the end.
    pub fn get(&self, i: usize) -> Option<&str> {
        Some(&self.text[*self.starts.get(i)?..self.ends[i]])
    }

    pub fn iter(&self) -> impl Iterator<Item = &str> {
        (0..self.len()).filter_map(|i| self.get(i))
    }

    /// A line with nothing on it (or only white space and delimiters).
    pub fn is_blank(&self) -> bool {
        // Usually the first field starts with a visible character: no need to look further.
        if self.get(0).and_then(|f| f.as_bytes().first()).is_some_and(u8::is_ascii_graphic) {
            return false;
        }
        self.iter().all(|f| f.trim().is_empty())
    }

    fn clear(&mut self) {
        self.text.clear();
        self.starts.clear();
        self.ends.clear();
        self.unclosed_quote = false;
    }
}

/// Splits records on a given delimiter, tracking line numbers across calls.
#[derive(Clone, Debug)]
pub struct Splitter {
    delimiter: u8,
    quote: u8,
    line: u64,
    /// The bytes the fast path stops at: the delimiter, the quote, `\n` and `\r`.
    special: [bool; 256],
    /// Finds the end of a run inside a quoted field: a quote, `\n` or `\r`.
    in_quotes: Structural,
    /// Finds the end of an unquoted field: the delimiter, `\n` or `\r`.
    unquoted: Structural,
}

/// What [`Splitter::read_record`] found.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ReadResult {
    /// A record was read; this many bytes of the input were consumed.
    Record(usize),
    /// The input ends inside a record: call again with more input (nothing consumed).
    NeedMore,
    /// No input left at the end of the file.
    End,
}

impl Splitter {
    /// A splitter for `delimiter` (an ASCII byte such as `b','`), starting at line 1.
    pub fn new(delimiter: u8) -> Self {
        let mut special = [false; 256];
        for b in [delimiter, b'"', b'\n', b'\r'] {
            special[b as usize] = true;
        }
        let quote = b'"';
        Splitter {
            delimiter,
            quote,
            line: 1,
            special,
            in_quotes: Structural::new(quote, quote),
            unquoted: Structural::new(delimiter, delimiter),
        }
    }

    pub fn delimiter(&self) -> u8 {
        self.delimiter
    }

    /// The line the next record starts on.
    pub fn line(&self) -> u64 {
        self.line
    }

    /// Reads the next record from the start of `input` into `record`. With
    /// `eof = false`, a record that may continue past the end of `input` is not read.
    pub fn read_record(&mut self, input: &str, eof: bool, record: &mut Record) -> ReadResult {
        if input.is_empty() {
            return if eof { ReadResult::End } else { ReadResult::NeedMore };
        }
        record.clear();
        if self.delimiter == ALIGNED {
            return self.read_aligned_line(input, eof, record);
        }
        if let Some(n) = self.read_plain_line(input, eof, record) {
            return n;
        }
        self.read_quoted(input, eof, record)
    }

    /// The general path: quoted fields (delimiters, doubled quotes and line breaks
    /// inside them), text after a closing quote, a lone `\r`. The record's text is
    /// copied in runs, broken only where a byte must be left out of the copy (one
    /// quote of a doubled pair, a closing quote with text after it); opening and
    /// closing quotes otherwise stay in the copy, outside the fields' ranges.
    fn read_quoted(&mut self, input: &str, eof: bool, record: &mut Record) -> ReadResult {
        let bytes = input.as_bytes();
        let (delim, quote) = (self.delimiter, self.quote);
        let ends_field = |b: u8| b == delim || b == b'\n' || b == b'\r';
        // `input[..copied]` is in `record.text`, less the bytes left out.
        let mut copied = 0;
        let mut i = 0;
        let mut newlines = 0u64;
        // Where input byte `p` (at or after `copied`) lands in `record.text`.
        macro_rules! at {
            ($p:expr) => {
                record.text.len() + $p - copied
            };
        }
        let line_end = loop {
            // At the start of a field.
            if bytes.get(i) == Some(&quote) {
                record.starts.push(at!(i + 1));
                i += 1;
                // Jump from one quote or line break to the next, 8 bytes at a time.
                loop {
                    match self.in_quotes.find(bytes, i) {
                        Some(k) if bytes[k] == quote => {
                            if bytes.get(k + 1) == Some(&quote) {
                                // Keep one quote of the two.
                                record.text.push_str(&input[copied..=k]);
                                copied = k + 2;
                                i = k + 2;
                            } else if k + 1 == bytes.len() && !eof {
                                return ReadResult::NeedMore; // a doubled quote may follow
                            } else if bytes.get(k + 1).is_none_or(|&b| ends_field(b)) {
                                record.ends.push(at!(k));
                                i = k + 1;
                                break;
                            } else {
                                // Text after the closing quote belongs to the field.
                                record.text.push_str(&input[copied..k]);
                                copied = k + 1;
                                i = self.unquoted.find(bytes, k + 1).unwrap_or(bytes.len());
                                record.ends.push(at!(i));
                                break;
                            }
                        }
                        Some(k) => {
                            // A line break inside the field, counted as the record
                            // terminators are (`\r\n` once).
                            if bytes[k] == b'\n' || bytes.get(k + 1) != Some(&b'\n') {
                                newlines += 1;
                            }
                            i = k + 1;
                        }
                        None if !eof => return ReadResult::NeedMore,
                        None => {
                            i = bytes.len();
                            record.ends.push(at!(i));
                            record.unclosed_quote = true;
                            break;
                        }
                    }
                }
            } else {
                // An unquoted field (a quote inside it is literal).
                record.starts.push(at!(i));
                i = self.unquoted.find(bytes, i).unwrap_or(bytes.len());
                record.ends.push(at!(i));
            }
            if i == bytes.len() {
                if !eof {
                    return ReadResult::NeedMore;
                }
                break i;
            }
            let end = i;
            match bytes[i] {
                b'\r' if i + 1 == bytes.len() && !eof => return ReadResult::NeedMore,
                b'\r' if bytes.get(i + 1) == Some(&b'\n') => {
                    i += 2;
                    newlines += 1;
                    break end;
                }
                b'\r' | b'\n' => {
                    i += 1;
                    newlines += 1;
                    break end;
                }
                _ => i += 1, // the delimiter: on to the next field
            }
        };
        record.text.push_str(&input[copied..line_end]);
        record.line = self.line;
        self.line += newlines;
        ReadResult::Record(i)
    }
}

/// The "delimiter" of whitespace-aligned columns (a report printed as text): columns
/// are separated by a tab or by two or more spaces; quotes have no meaning.
pub const ALIGNED: u8 = b' ';

impl Splitter {
    /// A line of whitespace-aligned columns.
    fn read_aligned_line(&mut self, input: &str, eof: bool, record: &mut Record) -> ReadResult {
        let bytes = input.as_bytes();
        let (line_end, next) = match memchr::memchr(b'\n', bytes) {
            Some(nl) => (if nl > 0 && bytes[nl - 1] == b'\r' { nl - 1 } else { nl }, nl + 1),
            None if eof => (bytes.len(), bytes.len()),
            None => return ReadResult::NeedMore,
        };
        let line = &input[..line_end];
        record.text.push_str(line);
        let b = line.as_bytes();
        let mut i = 0;
        while i < b.len() {
            // Skip the gap, then take the field up to the next tab or double space.
            while i < b.len() && (b[i] == b' ' || b[i] == b'\t') {
                i += 1;
            }
            if i == b.len() {
                break;
            }
            let start = i;
            while i < b.len()
                && b[i] != b'\t'
                && !(b[i] == b' ' && b.get(i + 1).is_none_or(|c| *c == b' ' || *c == b'\t'))
            {
                i += 1;
            }
            record.starts.push(start);
            record.ends.push(i);
        }
        if record.starts.is_empty() {
            record.starts.push(0);
            record.ends.push(0);
        }
        record.line = self.line;
        self.line += u64::from(next > line_end);
        ReadResult::Record(next)
    }

    /// The fast path for the common line: no quote in it, `\n` or `\r\n` at its end.
    /// One pass over its bytes, a 64-bit word (8 bytes) at a time, finds the delimiters
    /// and the end; the line is copied once. `None` leaves the line to the general path.
    fn read_plain_line(&mut self, input: &str, eof: bool, record: &mut Record) -> Option<ReadResult> {
        let bytes = input.as_bytes();
        let (delim, quote) = (self.delimiter, self.quote);
        let mut start = 0;
        let mut i = 0;
        // What to do with the structural byte at `k`: `Some` ends the scan.
        macro_rules! structural {
            ($k:expr) => {{
                let k = $k;
                let b = bytes[k];
                if b == delim {
                    record.starts.push(start);
                    record.ends.push(k);
                    start = k + 1;
                    None
                } else if b == b'\n' {
                    let end = if k > 0 && bytes[k - 1] == b'\r' { k - 1 } else { k };
                    Some(Some((end, k + 1)))
                } else if b == quote || (b == b'\r' && bytes.get(k + 1) != Some(&b'\n')) {
                    Some(None)
                } else {
                    None // `\r` before `\n`
                }
            }};
        }
        let found = 'scan: {
            let words = Structural::new(delim, quote);
            while let Some(chunk) = bytes.get(i..i + 8) {
                let word = u64::from_le_bytes(chunk.try_into().unwrap_or_default());
                let mut hits = words.mask(word);
                while hits != 0 {
                    let k = i + (hits.trailing_zeros() / 8) as usize;
                    hits &= hits - 1;
                    if let Some(end) = structural!(k) {
                        break 'scan end;
                    }
                }
                i += 8;
            }
            while i < bytes.len() {
                if self.special[bytes[i] as usize] {
                    if let Some(end) = structural!(i) {
                        break 'scan end;
                    }
                }
                i += 1;
            }
            // No line end in the input.
            if eof {
                Some((bytes.len(), bytes.len()))
            } else {
                None
            }
        };
        let Some((line_end, next)) = found else {
            record.starts.clear();
            record.ends.clear();
            return None;
        };
        record.text.push_str(&input[..line_end]);
        record.starts.push(start);
        record.ends.push(line_end.max(start));
        record.line = self.line;
        self.line += u64::from(next > line_end);
        Some(ReadResult::Record(next))
    }
}

/// Finds the structural bytes (delimiter, quote, `\n`, `\r`) of 8 bytes at once.
/// With the quote given as the delimiter too, the three bytes that end a run
/// inside a quoted field; with the delimiter given as the quote, those that end an
/// unquoted field.
#[derive(Clone, Copy, Debug)]
struct Structural {
    delim: u64,
    quote: u64,
}

const ONES: u64 = 0x0101_0101_0101_0101;
const LOW7: u64 = 0x7F7F_7F7F_7F7F_7F7F;
const HIGH: u64 = 0x8080_8080_8080_8080;

impl Structural {
    fn new(delim: u8, quote: u8) -> Self {
        Structural { delim: ONES * u64::from(delim), quote: ONES * u64::from(quote) }
    }

    /// The high bit of each byte that is not 0, exactly (no carries between bytes).
    #[inline(always)]
    fn nonzero(x: u64) -> u64 {
        ((x & LOW7) + LOW7) | x
    }

    /// `0x80` in every byte of `word` (little-endian) that is structural, 0 elsewhere.
    #[inline(always)]
    fn mask(self, word: u64) -> u64 {
        let other = Self::nonzero(word ^ self.delim)
            & Self::nonzero(word ^ self.quote)
            & Self::nonzero(word ^ (ONES * u64::from(b'\n')))
            & Self::nonzero(word ^ (ONES * u64::from(b'\r')));
        !other & HIGH
    }

    /// The first structural byte at or after `from`.
    #[inline(always)]
    fn find(self, bytes: &[u8], mut from: usize) -> Option<usize> {
        while let Some(chunk) = bytes.get(from..from + 8) {
            let hits = self.mask(u64::from_le_bytes(chunk.try_into().unwrap_or_default()));
            if hits != 0 {
                return Some(from + (hits.trailing_zeros() / 8) as usize);
            }
            from += 8;
        }
        let (delim, quote) = (self.delim as u8, self.quote as u8);
        let tail = bytes.get(from..)?;
        tail.iter().position(|&b| b == delim || b == quote || b == b'\n' || b == b'\r').map(|p| from + p)
    }
}

/// The records of a text held whole, in order. With `eof = false` (the text is the
/// start of a longer file) a last record that may be cut off is left out.
pub fn records(text: &str, delimiter: u8, eof: bool) -> impl Iterator<Item = Record> + '_ {
    let mut splitter = Splitter::new(delimiter);
    let mut pos = 0;
    std::iter::from_fn(move || {
        let mut record = Record::default();
        match splitter.read_record(&text[pos..], eof, &mut record) {
            ReadResult::Record(n) => {
                pos += n;
                Some(record)
            }
            ReadResult::End | ReadResult::NeedMore => None,
        }
    })
}

/// Every record of a complete text, for small inputs and tests.
pub fn read_all(text: &str, delimiter: u8) -> Vec<Record> {
    records(text, delimiter, true).collect()
}

#[cfg(test)]
impl Splitter {
    /// The byte-at-a-time fast path the word-at-a-time one replaced: the reference it
    /// is tested against.
    fn read_plain_line_bytewise(&mut self, input: &str, eof: bool, record: &mut Record) -> Option<ReadResult> {
        let bytes = input.as_bytes();
        let (delim, quote) = (self.delimiter, self.quote);
        let (mut start, mut i) = (0, 0);
        let special = &self.special;
        let (line_end, next) = loop {
            // Jump to the next byte that matters (a tight loop over ordinary bytes).
            let Some(p) = bytes[i..].iter().position(|&b| special[b as usize]) else {
                if !eof {
                    record.starts.clear();
                    record.ends.clear();
                    return None;
                }
                break (bytes.len(), bytes.len());
            };
            i += p;
            let b = bytes[i];
            if b == delim {
                record.starts.push(start);
                record.ends.push(i);
                start = i + 1;
            } else if b == b'\n' {
                let end = if i > 0 && bytes[i - 1] == b'\r' { i - 1 } else { i };
                break (end, i + 1);
            } else if b == quote || (b == b'\r' && bytes.get(i + 1) != Some(&b'\n')) {
                record.starts.clear();
                record.ends.clear();
                return None;
            }
            i += 1;
        };
        record.text.push_str(&input[..line_end]);
        record.starts.push(start);
        record.ends.push(line_end.max(start));
        record.line = self.line;
        self.line += u64::from(next > line_end);
        Some(ReadResult::Record(next))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fields(text: &str, delimiter: u8) -> Vec<(u64, Vec<String>)> {
        read_all(text, delimiter).iter().map(|r| (r.line, r.iter().map(str::to_string).collect())).collect()
    }

    fn owned(v: &[&str]) -> Vec<String> {
        v.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn plain_fields_and_line_endings() {
        let got = fields("a,b\r\n1,2\n3,4\r5,6", b',');
        assert_eq!(
            got,
            vec![(1, owned(&["a", "b"])), (2, owned(&["1", "2"])), (3, owned(&["3", "4"])), (4, owned(&["5", "6"])),]
        );
    }

    #[test]
    fn quotes_delimiters_and_newlines_inside_fields() {
        let got =
            fields("naam;bedrag\n\"Jansen; P.\";\"€ 1.234,56\"\n\"twee\nregels\";\"zei \"\"hoi\"\"\"\nx;y\n", b';');
        assert_eq!(
            got,
            vec![
                (1, owned(&["naam", "bedrag"])),
                (2, owned(&["Jansen; P.", "€ 1.234,56"])),
                (3, owned(&["twee\nregels", "zei \"hoi\""])),
                (5, owned(&["x", "y"])),
            ]
        );
    }

    #[test]
    fn empty_fields_and_trailing_delimiter() {
        assert_eq!(fields(",,\n", b','), vec![(1, owned(&["", "", ""]))]);
        assert_eq!(fields("a\n\nb", b','), vec![(1, owned(&["a"])), (2, owned(&[""])), (3, owned(&["b"]))]);
    }

    #[test]
    fn whitespace_aligned_columns() {
        let text = "Klant     Datum        Bedrag\nK001      05-03-2024    12,50\nDe Vries  06-03-2024  1.234,56\n\t\n";
        assert_eq!(
            fields(text, ALIGNED),
            vec![
                (1, owned(&["Klant", "Datum", "Bedrag"])),
                (2, owned(&["K001", "05-03-2024", "12,50"])),
                (3, owned(&["De Vries", "06-03-2024", "1.234,56"])),
                (4, owned(&[""])),
            ]
        );
    }

    #[test]
    fn unclosed_quote_runs_to_the_end() {
        let records = read_all("a,\"open\nmore", b',');
        assert_eq!(records.len(), 1);
        assert!(records[0].unclosed_quote);
        assert_eq!(records[0].get(1), Some("open\nmore"));
    }

    #[test]
    fn chunked_input_gives_the_same_records() {
        let text = "a;\"b\"\"c\";d\r\n1;\"x\r\ny\";3\r\n\"q\";r;s";
        let whole = fields(text, b';');
        for chunk in 1..text.len() {
            let mut splitter = Splitter::new(b';');
            let (mut buf, mut fed, mut got) = (String::new(), 0, Vec::new());
            loop {
                let eof = fed >= text.len();
                let mut rec = Record::default();
                match splitter.read_record(&buf, eof, &mut rec) {
                    ReadResult::Record(n) => {
                        buf.drain(..n);
                        got.push((rec.line, rec.iter().map(str::to_string).collect::<Vec<_>>()));
                    }
                    ReadResult::NeedMore => {
                        let mut end = (fed + chunk).min(text.len());
                        while !text.is_char_boundary(end) {
                            end += 1;
                        }
                        buf.push_str(&text[fed..end]);
                        fed = end;
                    }
                    ReadResult::End => break,
                }
            }
            assert_eq!(got, whole, "chunk size {chunk}");
        }
    }

    #[test]
    fn blank_records() {
        let blank = |t: &str| read_all(t, b',').iter().map(Record::is_blank).collect::<Vec<_>>();
        assert_eq!(blank(",,\n , ,\n\u{b},\u{a0}\n\"\",\n"), [true, true, true, true]);
        assert_eq!(blank("a,\n,b\n \"x\"\n\u{a0}é\n"), [false, false, false, false]);
    }

    #[test]
    fn structural_mask_is_exact() {
        let words = Structural::new(b';', b'"');
        for b in 0..=255u8 {
            for pos in 0..8 {
                // Any byte among neighbours that are (or are not) structural themselves.
                for fill in [b'a', b';', 0x80, 0xFF, 0x00, b'\n'] {
                    let mut w = [fill; 8];
                    w[pos] = b;
                    let got = words.mask(u64::from_le_bytes(w));
                    let want = w.iter().enumerate().fold(0u64, |m, (k, &c)| {
                        m | (u64::from(matches!(c, b';' | b'"' | b'\n' | b'\r')) << (8 * k + 7))
                    });
                    assert_eq!(got, want, "{w:?}");
                }
            }
        }
    }

    #[test]
    fn word_scan_agrees_with_the_bytewise_scan() {
        let lines = [
            "K000006,2023-03-01,41.35,app,no,Zuid-Holland\n",
            "a,b\r\nc",
            "a,b\rc,d\n",
            "12345678,\"quoted\",x\n",
            "1234567,\r\n",
            ",,,,,,,,,,,,,,,,,\n",
            "no line end at all, over more than eight bytes",
            "é€,ü\u{a0}𝄞,x\r",
            "\n",
            "\r\n",
            "",
            "abcdefgh\n",
            "abcdefg\r\n",
            "abcdefgh\r",
            "x;y\tz|w\n",
        ];
        for delim in [b',', b';', b'\t', b'|'] {
            for line in lines {
                // Every suffix, so that each byte lands at every position of a word.
                for from in (0..=line.len()).filter(|&k| line.is_char_boundary(k)) {
                    let input = &line[from..];
                    for eof in [false, true] {
                        let (mut a, mut b) = (Splitter::new(delim), Splitter::new(delim));
                        let (mut ra, mut rb) = (Record::default(), Record::default());
                        let got = a.read_plain_line(input, eof, &mut ra);
                        let want = b.read_plain_line_bytewise(input, eof, &mut rb);
                        assert_eq!(got, want, "{input:?} eof {eof}");
                        let fields = |r: &Record| r.iter().map(str::to_string).collect::<Vec<_>>();
                        assert_eq!(fields(&ra), fields(&rb), "{input:?}");
                        assert_eq!((ra.line, a.line), (rb.line, b.line), "{input:?}");
                    }
                }
            }
        }
    }
}
