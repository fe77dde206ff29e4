//! Reading one transaction log in parts, in parallel (issue 13): the file is cut into
//! byte ranges, each read by its own reader (a Web Worker in the browser, a thread
//! natively) into a [`Part`], and the parts are merged into exactly what one reader
//! makes of the whole file: the same customers in the same order, the same other
//! columns, the same purchase days with their amounts added in file order, the same
//! skipped rows with their line numbers, the same counts.
//!
//! ```text
//!   bytes ─ cut after a line break near each 1/n ─▶ part 0 (header) │ part 1 │ … │ part n−1
//!            each: Reader::for_part ─▶ Part { customers numbered locally, their rows
//!                                              grouped per customer and sorted by day,
//!                                              row errors with local lines, lines read }
//!   merge: customers renumbered in part order (one look-up per customer of a part),
//!          each customer's groups put one after the other in part order, line numbers
//!          moved on ─▶ LogBuilder::finish (one day's rows added up, in file order)
//! ```
//!
//! The grouping, which scatters every row to its customer's place and so waits on
//! memory once per row, is done by the parts, in parallel: the merge copies one group
//! per customer and part. (Measured natively on 10⁶ rows with 2 parts: merge and
//! finish 50–105 ms before, 46–60 ms after; BENCHMARKS.md, "Reading in parts".)
//!
//! A cut is speculative: right after a line break is the start of a record unless that
//! line break is inside a quoted field. The reader of the part before a cut reads up to
//! it from a true record start (part 0 starts at the file's start), so it knows: if its
//! last record is still inside quotes at the cut ([`Part::ends_in_quotes`]), the cut
//! was wrong, and the file is read again by one reader ([`merge`] says so with `None`).
//! Only the three encodings in which a line break is always the byte `\n` are cut
//! ([`super::Encoding::splits_at_line_breaks`]); UTF-16 files are read by one reader.

use super::codec::{Cursor, Writer};
use super::detect::{FileKind, ReadSettings};
use super::error::{FileError, FileErrorKind, RowError};
use super::reader::{Dataset, ReadOutcome, Reader, RowErrors};
use super::transactions::{DayActivity, LogBuilder, LogPart};
use super::{read_with, LoadedFile};

/// Below this many bytes a file is read by one reader: the parts' fixed costs (a
/// worker each, the merge) would cost more than they save.
pub const MIN_PARALLEL_BYTES: u64 = 8 << 20;

/// What one reader made of one part of a log.
#[derive(Clone, Debug, PartialEq, Default)]
pub struct Part {
    pub(crate) log: LogPart,
    /// Line numbers counted from the part's first line (1).
    pub errors: RowErrors,
    pub data_rows: u64,
    /// Lines the part holds (line breaks read).
    pub lines: u64,
    /// Whether the part ended inside a quoted field: for any part but the last, the cut
    /// after it was not at a record's start.
    pub ends_in_quotes: bool,
}

/// Whether a file with these settings can be read in parts: a transaction log in an
/// encoding whose line breaks are the byte `\n`.
pub fn can_be_cut(settings: &ReadSettings) -> bool {
    settings.mapping.kind == FileKind::TransactionLog && settings.encoding.splits_at_line_breaks()
}

/// Whether a file with these settings, of this size, is read in parts.
pub fn worth_parts(settings: &ReadSettings, bytes: u64) -> bool {
    can_be_cut(settings) && bytes >= MIN_PARALLEL_BYTES
}

/// The first byte of the part that starts near `nominal`: just after the first line
/// break at or after `nominal − 1` (the file's length when there is none); 0 for 0.
/// Both neighbours of a cut find it from the bytes around it alone.
pub fn cut_after(bytes: &[u8], nominal: usize) -> usize {
    if nominal == 0 {
        return 0;
    }
    let from = (nominal - 1).min(bytes.len());
    memchr::memchr(b'\n', &bytes[from..]).map_or(bytes.len(), |i| from + i + 1)
}

/// The byte ranges of `parts` parts of `bytes` (fewer when lines are long: empty ones
/// are left out).
pub fn ranges(bytes: &[u8], parts: usize) -> Vec<std::ops::Range<usize>> {
    let parts = parts.max(1);
    let cuts: Vec<usize> =
        (0..=parts).map(|k| if k == parts { bytes.len() } else { cut_after(bytes, bytes.len() * k / parts) }).collect();
    cuts.windows(2).filter(|w| w[0] < w[1]).map(|w| w[0]..w[1]).collect()
}

/// Which bytes of a file, arriving in chunks, belong to part `[nominal_start,
/// nominal_end)` of it: those from just after the first line break at or after
/// `nominal_start − 1` up to and with the first line break at or after `nominal_end − 1`
/// (to the file's end for the last part): the bytes [`ranges`] gives the part, found by
/// a worker that reads only around its own part. Reading starts at
/// [`RangeFeed::first_byte`].
#[derive(Clone, Debug)]
pub struct RangeFeed {
    nominal_start: u64,
    nominal_end: u64,
    total: u64,
    /// Still looking for the line break before the part's first byte.
    skipping: bool,
    done: bool,
}

impl RangeFeed {
    pub fn new(nominal_start: u64, nominal_end: u64, total: u64) -> RangeFeed {
        RangeFeed { nominal_start, nominal_end, total, skipping: nominal_start > 0, done: nominal_start >= total }
    }

    /// Where to start reading the file.
    pub fn first_byte(&self) -> u64 {
        self.nominal_start.saturating_sub(1)
    }

    /// Whether the part's last byte has been given out.
    pub fn done(&self) -> bool {
        self.done
    }

    /// Of `chunk`, the file's bytes from `offset` on (chunks in order, without gaps),
    /// the part's bytes.
    pub fn take<'a>(&mut self, offset: u64, chunk: &'a [u8]) -> &'a [u8] {
        if self.done {
            return &[];
        }
        let mut from = 0;
        if self.skipping {
            match memchr::memchr(b'\n', chunk) {
                Some(i) => {
                    from = i + 1;
                    self.skipping = false;
                }
                None => {
                    self.done = offset + chunk.len() as u64 >= self.total;
                    return &[];
                }
            }
        }
        let mut to = chunk.len();
        if self.nominal_end < self.total {
            // The part ends with the first line break at or after `nominal_end − 1`.
            let look_from = (self.nominal_end - 1).saturating_sub(offset) as usize;
            let look_from = look_from.max(from);
            if look_from < chunk.len() {
                if let Some(i) = memchr::memchr(b'\n', &chunk[look_from..]) {
                    to = look_from + i + 1;
                    self.done = true;
                }
            }
        }
        if offset + chunk.len() as u64 >= self.total {
            self.done = true;
        }
        &chunk[from.min(to)..to]
    }
}

/// Reads one part (`first`: the one that starts the file).
pub fn read_part(settings: &ReadSettings, bytes: &[u8], first: bool) -> Result<Part, FileError> {
    let mut reader = Reader::for_part(settings.clone(), first)?;
    reader.feed(bytes);
    Ok(reader.finish_part())
}

/// The parts of one file, in order, merged into what one reader makes of it; `None`
/// when a cut was inside a quoted field (then read the file with one reader).
pub fn merge(settings: ReadSettings, parts: Vec<Part>) -> Option<Result<ReadOutcome, FileError>> {
    let last = parts.len().saturating_sub(1);
    if parts.iter().take(last).any(|p| p.ends_in_quotes) {
        return None;
    }
    let mut builder = LogBuilder::new(&settings);
    let mut errors = RowErrors::default();
    let (mut data_rows, mut lines_before) = (0u64, 0u64);
    for part in parts {
        // The part's listed errors, moved on to their lines in the file; those past the
        // part's list are counted only (the merged list is full before them).
        let listed = part.errors.listed.len() as u64;
        for e in part.errors.listed {
            errors.push(RowError { line: e.line + lines_before, ..e });
        }
        errors.total += part.errors.total - listed;
        data_rows += part.data_rows;
        lines_before += part.lines;
        builder.absorb(part.log);
    }
    Some(if data_rows == 0 {
        Err(FileErrorKind::NoDataRows.into())
    } else {
        Ok(ReadOutcome { dataset: Dataset::Transactions(builder.finish()), errors, data_rows, settings })
    })
}

/// `read(k)` for each part k in 0..n: on a thread each natively, one after the other on
/// wasm32 (where the page's part workers read in parallel instead).
fn each_part<T: Send>(n: usize, read: impl Fn(usize) -> T + Sync) -> Vec<T> {
    #[cfg(not(target_arch = "wasm32"))]
    {
        let read = &read;
        std::thread::scope(|s| {
            let handles: Vec<_> = (0..n).map(|k| s.spawn(move || read(k))).collect();
            handles.into_iter().map(|h| h.join().expect("a part's reader does not panic")).collect()
        })
    }
    #[cfg(target_arch = "wasm32")]
    (0..n).map(read).collect()
}

/// Reads a file held in memory in `parts` parts, on as many threads (natively; one
/// after the other on wasm32, where the page's workers do this instead), and merges
/// them; one reader when the file is not worth cutting or a cut was inside quotes.
pub fn read_in_parts(name: &str, bytes: &[u8], settings: ReadSettings, parts: usize) -> Result<LoadedFile, FileError> {
    if parts <= 1 || !can_be_cut(&settings) {
        return read_with(name, bytes, settings);
    }
    let ranges = ranges(bytes, parts);
    let read = |k: usize| read_part(&settings, &bytes[ranges[k].clone()], k == 0);
    let parts = each_part(ranges.len(), read).into_iter().collect::<Result<Vec<_>, _>>()?;
    match merge(settings.clone(), parts) {
        Some(outcome) => Ok(LoadedFile::new(name, outcome?)),
        None => read_with(name, bytes, settings),
    }
}

/// Reads the file at `path` (of `total` bytes) in `parts` parts, on as many threads,
/// each reading only around its own byte range in chunks of `chunk` bytes (as the
/// page's part workers do), and merges them: natively, for the command-line tool, so
/// that a file larger than memory is never held whole. `Ok(None)` when a cut was inside
/// a quoted field (then read the file with one reader).
#[cfg(not(target_arch = "wasm32"))]
pub fn read_path_in_parts(
    path: &std::path::Path,
    settings: &ReadSettings,
    total: u64,
    parts: usize,
    chunk: usize,
) -> std::io::Result<Option<Result<ReadOutcome, FileError>>> {
    use std::io::{Read, Seek, SeekFrom};
    let n = parts.max(1) as u64;
    let read = |k: usize| -> std::io::Result<Result<Part, FileError>> {
        let k = k as u64;
        let mut feed = RangeFeed::new(total * k / n, total * (k + 1) / n, total);
        let mut file = std::fs::File::open(path)?;
        let mut at = feed.first_byte();
        file.seek(SeekFrom::Start(at))?;
        let mut reader = match Reader::for_part(settings.clone(), k == 0) {
            Ok(r) => r,
            Err(e) => return Ok(Err(e)),
        };
        let mut buf = vec![0u8; chunk.max(1)];
        while !feed.done() && at < total {
            let got = file.read(&mut buf)?;
            if got == 0 {
                break;
            }
            reader.feed(feed.take(at, &buf[..got]));
            at += got as u64;
        }
        Ok(Ok(reader.finish_part()))
    };
    let results = each_part(n as usize, read);
    let mut read_parts = Vec::with_capacity(results.len());
    for r in results {
        match r? {
            Ok(part) => read_parts.push(part),
            Err(e) => return Ok(Some(Err(e))),
        }
    }
    Ok(merge(settings.clone(), read_parts))
}

// ---- The parts' codec: a part crosses from a worker to the one that merges as bytes
// (an ArrayBuffer moved, not copied): little-endian numbers, strings by length. Its row
// errors go beside it as a JavaScript value (serde-wasm-bindgen, as every message of
// the worker does): no JSON library in the worker's Wasm for them.

impl Part {
    /// The part as bytes, but its row errors (few: they travel as they are, beside).
    pub fn encode(&self) -> Vec<u8> {
        let mut w = Writer(Vec::with_capacity(64 + self.log.ids.len() * 16 + self.rows() * 16));
        w.u64(CODEC_VERSION);
        w.u64(self.data_rows);
        w.u64(self.lines);
        w.u64(self.ends_in_quotes as u64);
        // The customers and their rows per customer, then the rows.
        w.groups(&self.log.ids, &self.log.offsets);
        w.u64(self.log.rows.len() as u64);
        for a in &self.log.rows {
            w.u32(a.day as u32);
            w.f64(a.amount);
        }
        w.refunds(&self.log.refunds);
        w.u64(self.log.attributes.len() as u64);
        for (values, of_customer) in &self.log.attributes {
            w.u64(values.len() as u64);
            for v in values {
                w.bytes(v.as_bytes());
            }
            w.u64(of_customer.len() as u64);
            for &v in of_customer {
                w.u32(v);
            }
        }
        w.0
    }

    /// The part `encode` wrote, with its row errors; `None` for anything else (a
    /// damaged or foreign buffer).
    pub fn decode(bytes: &[u8], errors: RowErrors) -> Option<Part> {
        let mut r = Cursor { bytes, at: 0 };
        if r.u64()? != CODEC_VERSION {
            return None;
        }
        let data_rows = r.u64()?;
        let lines = r.u64()?;
        let ends_in_quotes = r.u64()? != 0;
        let (ids, offsets) = r.groups()?;
        let customers = ids.len();
        let rows_len = r.count(12)?;
        if rows_len != offsets[customers] as usize {
            return None;
        }
        let mut rows = Vec::with_capacity(rows_len);
        for _ in 0..rows_len {
            let (day, amount) = (r.u32()? as i32, r.f64()?);
            rows.push(DayActivity { day, purchases: 1, amount });
        }
        let refunds = r.refunds(customers)?;
        let columns = r.count(16)?;
        let mut attributes = Vec::with_capacity(columns);
        for _ in 0..columns {
            let n = r.count(8)?;
            let mut values: Vec<Box<str>> = Vec::with_capacity(n);
            for _ in 0..n {
                values.push(std::str::from_utf8(r.bytes()?).ok()?.into());
            }
            let m = r.count(4)?;
            if m != customers {
                return None;
            }
            let mut of_customer = Vec::with_capacity(m);
            for _ in 0..m {
                let v = r.u32()?;
                if v as usize >= values.len() {
                    return None;
                }
                of_customer.push(v);
            }
            attributes.push((values, of_customer));
        }
        if r.at != bytes.len() {
            return None;
        }
        let log = LogPart { ids, offsets, rows, refunds, attributes };
        Some(Part { log, errors, data_rows, lines, ends_in_quotes })
    }

    fn rows(&self) -> usize {
        self.log.rows.len() + self.log.refunds.len()
    }
}

const CODEC_VERSION: u64 = 2;

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ingest::{detect, read_file, Encoding};

    /// The settings `read_file` uses for `bytes`.
    fn settings_of(bytes: &[u8]) -> ReadSettings {
        let d = detect(bytes, true).unwrap();
        let mut s = d.settings;
        if s.date_format.is_none() {
            s.date_format = d.dates.and_then(|d| d.resolve(crate::ingest::date::prefer_day_first(s.delimiter)));
        }
        s
    }

    /// Read in every number of parts from 2 to `max`, the file gives what one reader gives.
    fn parts_equal_whole(name: &str, bytes: &[u8], max: usize) {
        let whole = read_file(name, bytes).unwrap();
        for n in 2..=max {
            let parts = read_in_parts(name, bytes, settings_of(bytes), n).unwrap();
            assert_eq!(parts, whole, "{name} in {n} parts");
        }
    }

    #[test]
    fn every_transaction_log_fixture_reads_the_same_in_parts() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
        let mut logs = 0;
        for dir in ["ingest", "analysis", "oracle", "models"] {
            for entry in std::fs::read_dir(root.join(dir)).unwrap() {
                let path = entry.unwrap().path();
                let bytes = std::fs::read(&path).unwrap();
                let Ok(f) = read_file("f", &bytes) else { continue };
                if !matches!(f.dataset, Dataset::Transactions(_)) {
                    continue;
                }
                logs += 1;
                parts_equal_whole(&path.display().to_string(), &bytes, 8);
            }
        }
        assert!(logs >= 8, "{logs} logs");
    }

    /// A log with all that could go wrong at a cut: a header with a byte-order mark,
    /// CRLF and blank lines, a quoted id with a line break in it, refunds, several orders
    /// of one customer on one day (amounts that do not add up exactly in another order),
    /// skipped rows, another column.
    fn awkward_log() -> String {
        let mut csv = String::from("\u{feff}customer;date;amount;channel\r\n");
        for i in 0..400 {
            let id = if i % 37 == 5 { format!("\"K{}\nX\"", i % 7) } else { format!("K{}", i % 23) };
            let amount = match i % 13 {
                4 => "-2,50".to_string(),
                9 => "veel".to_string(),
                _ => format!("{},{:02}", i % 17, (i * 7) % 100),
            };
            csv.push_str(&format!(
                "{id};{:02}-0{}-2024;{amount};{}\r\n",
                1 + i % 3,
                1 + i % 5,
                ["web", "app", "winkel"][i % 3]
            ));
            if i % 50 == 0 {
                csv.push_str("\r\n");
            }
        }
        csv
    }

    #[test]
    fn every_cut_of_an_awkward_log_reads_the_same() {
        let csv = awkward_log();
        let bytes = csv.as_bytes();
        let settings = settings_of(bytes);
        assert_eq!(settings.encoding, Encoding::Utf8Bom);
        let whole = read_file("a.csv", bytes).unwrap();
        assert!(whole.errors.total > 20, "{:?}", whole.errors.total);
        let (mut cut_in_quotes, mut merged) = (0, 0);
        // Two parts, cut near every byte.
        for at in 1..bytes.len() {
            let cut = cut_after(bytes, at);
            let parts = vec![
                read_part(&settings, &bytes[..cut], true).unwrap(),
                read_part(&settings, &bytes[cut..], false).unwrap(),
            ];
            match merge(settings.clone(), parts) {
                None => cut_in_quotes += 1,
                Some(outcome) => {
                    merged += 1;
                    assert_eq!(LoadedFile::new("a.csv", outcome.unwrap()), whole, "cut at {cut}");
                }
            }
        }
        assert!(cut_in_quotes > 0 && merged > cut_in_quotes, "{cut_in_quotes} cuts in quotes, {merged} merged");
        // And whatever the number of parts, with the fall-back to one reader.
        parts_equal_whole("a.csv", bytes, 16);
    }

    #[test]
    fn a_cut_inside_quotes_is_found_by_the_part_before_it() {
        let csv = "id,date\n\"a\nb\",2024-01-01\nc,2024-01-02\n";
        let bytes = csv.as_bytes();
        let settings = settings_of(bytes);
        // Just after the line break inside "a\nb".
        let cut = cut_after(bytes, 10);
        assert_eq!(&bytes[cut..cut + 2], b"b\"");
        let first = read_part(&settings, &bytes[..cut], true).unwrap();
        assert!(first.ends_in_quotes);
        let second = read_part(&settings, &bytes[cut..], false).unwrap();
        assert_eq!(merge(settings, vec![first, second]), None);
        // Old Mac line ends (a lone \r) and a quoted line break: the part before the cut
        // ends in `"\r\n`, a record of white space only, still inside quotes (found by
        // the fuzzer).
        let csv = "K0,01-01-1990\rK1,02-01-1990\r\"\r\n\",03-01-1990\rK2,04-01-1990\r";
        parts_equal_whole("mac.csv", csv.as_bytes(), 4);
        let bytes = csv.as_bytes();
        let settings = settings_of(bytes);
        let cut = cut_after(bytes, bytes.len() / 2);
        assert!(read_part(&settings, &bytes[..cut], true).unwrap().ends_in_quotes);
    }

    #[cfg(not(target_arch = "wasm32"))]
    #[test]
    fn a_file_on_disk_read_in_parts_in_small_chunks_reads_the_same() {
        let csv = awkward_log();
        let bytes = csv.as_bytes();
        let settings = settings_of(bytes);
        let path = std::env::temp_dir().join(format!("parts-{}.csv", std::process::id()));
        std::fs::write(&path, bytes).unwrap();
        let whole = read_file("log.csv", bytes).unwrap();
        for (parts, chunk) in [(1, 7), (2, 3), (3, 64), (5, 1 << 20)] {
            let got = read_path_in_parts(&path, &settings, bytes.len() as u64, parts, chunk).unwrap();
            match got {
                Some(outcome) => {
                    let got = LoadedFile::new("log.csv", outcome.unwrap());
                    assert_eq!(
                        (&got.dataset, &got.errors, got.data_rows),
                        (&whole.dataset, &whole.errors, whole.data_rows)
                    );
                }
                // A cut inside quotes: the caller reads whole.
                None => assert!(parts > 1),
            }
        }
        std::fs::remove_file(&path).unwrap();
    }

    #[test]
    fn line_numbers_of_skipped_rows_count_from_the_file_start() {
        let csv = "customer,date\nA,2024-01-01\nB,2024-02-31\n\nC,2024-01-03\nD,x\n";
        let bytes = csv.as_bytes();
        let whole = read_file("x.csv", bytes).unwrap();
        assert_eq!(whole.errors.listed.iter().map(|e| e.line).collect::<Vec<_>>(), [3, 6]);
        parts_equal_whole("x.csv", bytes, 6);
    }

    #[test]
    fn ranges_cover_the_file_once_and_start_after_line_breaks() {
        let bytes = b"h\naaaa\nbb\nc\n\ndddddd\ne";
        for n in 1..12 {
            let r = ranges(bytes, n);
            assert_eq!(r.first().unwrap().start, 0);
            assert_eq!(r.last().unwrap().end, bytes.len());
            for w in r.windows(2) {
                assert_eq!(w[0].end, w[1].start);
                assert_eq!(bytes[w[1].start - 1], b'\n');
            }
        }
        // No line break after the middle: one part.
        assert_eq!(ranges(b"a\nbbbbbbbbbbbb", 2), vec![0..14]);
        assert_eq!(ranges(b"abcdef", 3), vec![0..6]);
    }

    #[test]
    fn a_range_feed_gives_each_part_the_bytes_ranges_gives_it() {
        let csv = awkward_log();
        let bytes = csv.as_bytes();
        let total = bytes.len() as u64;
        for n in [1, 2, 3, 5, 8] {
            let want = ranges(bytes, n);
            let mut got = Vec::new();
            for k in 0..n as u64 {
                for chunk in [1usize, 7, 64, 1000, bytes.len()] {
                    let mut feed = RangeFeed::new(total * k / n as u64, total * (k + 1) / n as u64, total);
                    let mut part = Vec::new();
                    let mut at = feed.first_byte();
                    while !feed.done() && at < total {
                        let end = (at + chunk as u64).min(total);
                        part.extend_from_slice(feed.take(at, &bytes[at as usize..end as usize]));
                        at = end;
                    }
                    if chunk == 1000 && !part.is_empty() {
                        got.push(part.clone());
                    }
                    // Every chunk size gives the same bytes.
                    let again = {
                        let mut f = RangeFeed::new(total * k / n as u64, total * (k + 1) / n as u64, total);
                        f.take(f.first_byte(), &bytes[f.first_byte() as usize..]).to_vec()
                    };
                    assert_eq!(part, again, "part {k} of {n} in chunks of {chunk}");
                }
            }
            let want: Vec<Vec<u8>> = want.into_iter().map(|r| bytes[r].to_vec()).collect();
            assert_eq!(got, want, "{n} parts");
        }
    }

    #[test]
    fn the_codec_round_trips_and_refuses_damage_without_panicking() {
        let csv = awkward_log();
        let bytes = csv.as_bytes();
        let settings = settings_of(bytes);
        let cut = cut_after(bytes, bytes.len() / 2);
        for (range, first) in [(..cut, true)].into_iter().map(|(r, f)| (&bytes[r], f)).chain([(&bytes[cut..], false)]) {
            let part = read_part(&settings, range, first).unwrap();
            let mut encoded = part.encode();
            let decoded = Part::decode(&encoded, part.errors.clone()).unwrap();
            assert_eq!(decoded.log, part.log);
            assert_eq!(
                (decoded.errors, decoded.data_rows, decoded.lines, decoded.ends_in_quotes),
                (part.errors.clone(), part.data_rows, part.lines, part.ends_in_quotes)
            );
            for len in (0..encoded.len()).step_by(7) {
                assert_eq!(Part::decode(&encoded[..len], RowErrors::default()), None, "cut to {len} bytes");
            }
            let n = encoded.len();
            encoded[n - 1] ^= 0xff;
            let _ = Part::decode(&encoded, RowErrors::default());
            encoded.push(0);
            assert_eq!(Part::decode(&encoded, RowErrors::default()), None, "a byte too many");
        }
    }

    #[test]
    fn only_large_byte_oriented_transaction_logs_are_worth_cutting() {
        let mut s = settings_of(awkward_log().as_bytes());
        assert!(worth_parts(&s, MIN_PARALLEL_BYTES));
        assert!(!worth_parts(&s, MIN_PARALLEL_BYTES - 1));
        s.encoding = Encoding::Utf16Le;
        assert!(!worth_parts(&s, MIN_PARALLEL_BYTES));
    }
}
