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
        Splitter { delimiter, quote: b'"', line: 1, special }
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
        let bytes = input.as_bytes();
        let (delim, quote) = (self.delimiter, self.quote);
        let mut i = 0;
        let mut newlines = 0u64;
        if self.delimiter == ALIGNED {
            return self.read_aligned_line(input, eof, record);
        }
        if let Some(n) = self.read_plain_line(input, eof, record) {
            return n;
        }
        loop {
            // At the start of a field.
            let field_start = record.text.len();
            if i < bytes.len() && bytes[i] == quote {
                i += 1;
                loop {
                    match memchr_quote(bytes, i, quote) {
                        Some(q) => {
                            newlines += count_newlines(&bytes[i..q]);
                            record.text.push_str(&input[i..q]);
                            if bytes.get(q + 1) == Some(&quote) {
                                record.text.push('"');
                                i = q + 2;
                            } else if q + 1 == bytes.len() && !eof {
                                return ReadResult::NeedMore; // a doubled quote may follow
                            } else {
                                i = q + 1;
                                break;
                            }
                        }
                        None if !eof => return ReadResult::NeedMore,
                        None => {
                            newlines += count_newlines(&bytes[i..]);
                            record.text.push_str(&input[i..]);
                            record.unclosed_quote = true;
                            i = bytes.len();
                            break;
                        }
                    }
                }
            }
            // The unquoted part of the field (or what follows a closing quote).
            let start = i;
            record.starts.push(field_start);
            while i < bytes.len() && !matches!(bytes[i], b'\n' | b'\r') && bytes[i] != delim {
                i += 1;
            }
            record.text.push_str(&input[start..i]);
            record.ends.push(record.text.len());
            if i == bytes.len() {
                if !eof {
                    return ReadResult::NeedMore;
                }
                break;
            }
            match bytes[i] {
                b'\r' if i + 1 == bytes.len() && !eof => return ReadResult::NeedMore,
                b'\r' if bytes.get(i + 1) == Some(&b'\n') => {
                    i += 2;
                    newlines += 1;
                    break;
                }
                b'\r' | b'\n' => {
                    i += 1;
                    newlines += 1;
                    break;
                }
                _ => i += 1, // the delimiter: on to the next field
            }
        }
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
    /// One pass over its bytes finds the delimiters and the end; the line is copied
    /// once. `None` leaves the line to the general path.
    fn read_plain_line(&mut self, input: &str, eof: bool, record: &mut Record) -> Option<ReadResult> {
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

fn memchr_quote(bytes: &[u8], from: usize, quote: u8) -> Option<usize> {
    memchr::memchr(quote, &bytes[from..]).map(|p| p + from)
}

/// Line breaks inside a quoted field, counted as the record terminators are.
fn count_newlines(bytes: &[u8]) -> u64 {
    let mut n = 0;
    for (k, &b) in bytes.iter().enumerate() {
        if b == b'\n' || (b == b'\r' && bytes.get(k + 1) != Some(&b'\n')) {
            n += 1;
        }
    }
    n
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
}
