//! Native throughput and memory of reading a transaction log: detection on the first
//! MiB, the streaming `Reader` fed in 8 MiB chunks (as the Web Worker feeds it),
//! `finish`, and the `FileReport` the worker sends back. Not a test: rerun by hand
//! (BENCHMARKS.md):
//!
//! ```text
//! cargo bench --bench ingest                          # 1e5 and 1e6 rows
//! BENCH_ROWS=1e5,1e6,1e7 cargo bench --bench ingest   # and 1e7 (about 0.5 GB in memory)
//! BENCH_RUNS=5 BENCH_FLAVOURS=en cargo bench --bench ingest
//! BENCH_PART=stages cargo bench --bench ingest        # only the splitter and decoder alone
//! BENCH_PART=read cargo bench --bench ingest          # only the whole reads
//! ```
//!
//! After the whole reads, the splitter and the UTF-16 decoder are timed alone, each
//! beside an independent crate doing the same job (csv-core, encoding_rs), on logs of
//! `BENCH_STAGE_ROWS` rows (default 1e6).
//!
//! Logs are generated in memory with `retention::synth` (seed 7) in two flavours:
//! `en` (`,`, ISO dates, `12.50`, UTF-8) and `nl` (`;`, dd-mm-yyyy, `12,50` and
//! `€ 1.234,56`, Dutch headers, Windows-1252). Each size is read several times and
//! the best time is reported. Memory is counted by a global allocator that tracks the
//! live bytes of this process: "peak MB" is the highest number of live bytes during
//! one read minus those live before it (so the input buffer is not counted), "kept MB"
//! what the finished `LoadedFile` and its report still hold.

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    match std::env::var("BENCH_PART").as_deref() {
        Ok("read") => native::main(),
        Ok("stages") => native::stages(),
        _ => {
            native::main();
            native::stages();
        }
    }
}

/// Nothing to measure in the browser build (`cargo clippy --target wasm32-unknown-unknown --all-targets`).
#[cfg(target_arch = "wasm32")]
fn main() {}

#[cfg(not(target_arch = "wasm32"))]
mod native {
    use retention::ingest::csv::{ReadResult, Record, Splitter};
    use retention::ingest::encoding::{Decoder, Encoding};
    use retention::ingest::{date, detect, detect::SAMPLE_BYTES, Dataset, LoadedFile, Reader};
    use retention::protocol::CHUNK_BYTES;
    use retention::report::FileReport;
    use retention::synth::{log_string, LogOptions, SynthDateFormat, SynthEncoding};
    use std::alloc::{GlobalAlloc, Layout, System};
    use std::hint::black_box;
    use std::sync::atomic::{AtomicUsize, Ordering::Relaxed};
    use std::time::Instant;

    /// The system allocator, counting live bytes and their high-water mark.
    struct Counting;

    static LIVE: AtomicUsize = AtomicUsize::new(0);
    static PEAK: AtomicUsize = AtomicUsize::new(0);

    fn grew(by: usize) {
        let now = LIVE.fetch_add(by, Relaxed) + by;
        PEAK.fetch_max(now, Relaxed);
    }

    unsafe impl GlobalAlloc for Counting {
        unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
            // SAFETY: forwarded unchanged to the system allocator.
            let p = unsafe { System.alloc(layout) };
            if !p.is_null() {
                grew(layout.size());
            }
            p
        }

        unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
            // SAFETY: forwarded unchanged to the system allocator.
            let p = unsafe { System.alloc_zeroed(layout) };
            if !p.is_null() {
                grew(layout.size());
            }
            p
        }

        unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
            // SAFETY: forwarded unchanged to the system allocator.
            unsafe { System.dealloc(ptr, layout) };
            LIVE.fetch_sub(layout.size(), Relaxed);
        }

        unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
            // SAFETY: forwarded unchanged to the system allocator.
            let p = unsafe { System.realloc(ptr, layout, new_size) };
            if !p.is_null() {
                if new_size >= layout.size() {
                    grew(new_size - layout.size());
                } else {
                    LIVE.fetch_sub(layout.size() - new_size, Relaxed);
                }
            }
            p
        }
    }

    #[global_allocator]
    static ALLOCATOR: Counting = Counting;

    #[derive(Clone, Copy)]
    enum Flavour {
        English,
        Dutch,
    }

    impl Flavour {
        fn key(self) -> &'static str {
            match self {
                Flavour::English => "en",
                Flavour::Dutch => "nl",
            }
        }

        fn options(self, rows: u64) -> LogOptions {
            let base = LogOptions { rows, seed: 7, ..LogOptions::default() };
            match self {
                Flavour::English => base,
                Flavour::Dutch => LogOptions {
                    delimiter: b';',
                    decimal_comma: true,
                    date_format: SynthDateFormat::DayMonthYear,
                    encoding: SynthEncoding::Windows1252,
                    dutch_headers: true,
                    ..base
                },
            }
        }
    }

    /// What the Web Worker does with a file: detect on the first MiB, read it in
    /// 8 MiB slices, finish, and summarise it for the page. Also returns when the
    /// last slice had been fed (the rest is `finish` and the report).
    fn read(bytes: &[u8]) -> (LoadedFile, FileReport, Instant) {
        let sample = &bytes[..bytes.len().min(SAMPLE_BYTES)];
        let detection = detect(sample, sample.len() == bytes.len()).expect("a readable log");
        let mut settings = detection.settings;
        if settings.date_format.is_none() {
            // The page asks; `read_file` and this benchmark take the delimiter's usual order.
            settings.date_format = detection.dates.and_then(|d| d.resolve(date::prefer_day_first(settings.delimiter)));
        }
        let mut reader = Reader::new(settings).expect("a complete mapping");
        for chunk in bytes.chunks(CHUNK_BYTES as usize) {
            reader.feed(chunk);
        }
        let fed = Instant::now();
        let loaded = LoadedFile::new("bench.csv", reader.finish().expect("data rows"));
        let report = FileReport::of(&loaded);
        (loaded, report, fed)
    }

    fn parse_count(s: &str) -> u64 {
        let s = s.trim().replace('_', "");
        s.parse::<u64>()
            .ok()
            .or_else(|| s.parse::<f64>().ok().filter(|f| *f >= 1.0 && f.fract() == 0.0).map(|f| f as u64))
            .unwrap_or_else(|| panic!("BENCH_ROWS: not a row count: {s:?}"))
    }

    fn mb(bytes: usize) -> f64 {
        bytes as f64 / 1e6
    }

    pub fn main() {
        let sizes: Vec<u64> = std::env::var("BENCH_ROWS")
            .unwrap_or_else(|_| "100000,1000000".into())
            .split(',')
            .map(parse_count)
            .collect();
        let runs_override = std::env::var("BENCH_RUNS").ok().map(|r| parse_count(&r) as usize);
        let flavours: Vec<Flavour> = match std::env::var("BENCH_FLAVOURS").as_deref() {
            Ok("en") => vec![Flavour::English],
            Ok("nl") => vec![Flavour::Dutch],
            _ => vec![Flavour::English, Flavour::Dutch],
        };

        println!("ingest: detect + Reader (8 MiB chunks) + finish + FileReport; best of N runs");
        println!(
            "{:<4} {:>10} {:>9} {:>9} {:>6} {:>9} {:>8} {:>8} {:>12} {:>9} {:>9} {:>10}",
            "",
            "rows",
            "customers",
            "MB",
            "runs",
            "best s",
            "finish s",
            "MB/s",
            "rows/s",
            "median s",
            "peak MB",
            "kept MB"
        );
        for &rows in &sizes {
            for &flavour in &flavours {
                let bytes = log_string(&flavour.options(rows));
                let runs = runs_override.unwrap_or(match rows {
                    0..=200_000 => 10,
                    200_001..=2_000_000 => 5,
                    _ => 2,
                });
                // (total, of which finish + report), best total first after sorting.
                let mut times: Vec<(f64, f64)> = Vec::with_capacity(runs);
                let mut peak = 0;
                let mut kept = 0;
                let mut customers = 0;
                for _ in 0..runs {
                    let before = LIVE.load(Relaxed);
                    PEAK.store(before, Relaxed);
                    let started = Instant::now();
                    let result = black_box(read(black_box(&bytes)));
                    let done = Instant::now();
                    times.push(((done - started).as_secs_f64(), (done - result.2).as_secs_f64()));
                    peak = peak.max(PEAK.load(Relaxed) - before);
                    kept = LIVE.load(Relaxed).saturating_sub(before);
                    let (loaded, report, _) = result;
                    assert_eq!(loaded.data_rows, rows, "every row read");
                    assert_eq!(report.errors.total, 0, "no row skipped");
                    if let Dataset::Transactions(log) = &loaded.dataset {
                        customers = log.customers();
                    }
                }
                times.sort_by(|a, b| a.0.total_cmp(&b.0));
                let (best, finish) = times[0];
                let median = times[times.len() / 2].0;
                println!(
                    "{:<4} {:>10} {:>9} {:>9.1} {:>6} {:>9.3} {:>8.3} {:>8.0} {:>12.0} {:>9.3} {:>9.1} {:>10.1}",
                    flavour.key(),
                    rows,
                    customers,
                    mb(bytes.len()),
                    runs,
                    best,
                    finish,
                    mb(bytes.len()) / best,
                    rows as f64 / best,
                    median,
                    mb(peak),
                    mb(kept),
                );
            }
        }
        println!("finish s = the part of the best run after the last chunk was fed (finish + FileReport).");
        println!("MB = 10^6 bytes of the file; peak MB = live heap during one read beyond what was live before it");
        println!("(the input is excluded); kept MB = the LoadedFile + FileReport held after the read.");
    }

    /// The stages alone, each beside an independent crate doing the same job:
    /// splitting records (`csv::Splitter` vs csv-core) on the `en` log as it is and
    /// with every field quoted, and decoding UTF-16 (`encoding::Decoder` in 8 MiB
    /// chunks vs `encoding_rs::mem::convert_utf16_to_str` on the whole file).
    pub fn stages() {
        let rows = std::env::var("BENCH_STAGE_ROWS").map_or(1_000_000, |r| parse_count(&r));
        let runs = std::env::var("BENCH_RUNS").ok().map_or(5, |r| parse_count(&r) as usize);
        let best = |f: &mut dyn FnMut() -> usize| {
            let mut times: Vec<f64> = (0..runs)
                .map(|_| {
                    let started = Instant::now();
                    black_box(f());
                    started.elapsed().as_secs_f64()
                })
                .collect();
            times.sort_by(f64::total_cmp);
            times[0]
        };
        println!();
        println!("stages alone, {rows} rows, best of {runs} runs");
        println!("{:<36} {:>9} {:>9} {:>8} {:>10}", "", "MB", "best s", "MB/s", "vs oracle");
        let line = |name: &str, bytes: usize, ours: f64, theirs: f64| {
            let row = |label: &str, s: f64, ratio: &str| {
                println!("{:<36} {:>9.1} {:>9.3} {:>8.0} {:>10}", label, mb(bytes), s, mb(bytes) / s, ratio);
            };
            row(name, ours, &format!("{:.2}x", theirs / ours));
            row(&format!("  {}", oracle(name)), theirs, "");
        };
        let plain = log_string(&Flavour::English.options(rows));
        let plain = String::from_utf8(plain).expect("the en flavour is UTF-8");
        let quoted = quote_every_field(&plain);
        for (name, text) in [("split en (unquoted)", &plain), ("split en (every field quoted)", &quoted)] {
            let (ours_fields, theirs_fields) = (split_ours(text, true), split_csv_core(text));
            assert_eq!(ours_fields, theirs_fields, "{name}: both find the same fields");
            let ours = best(&mut || split_ours(text, false).0);
            let theirs = best(&mut || split_csv_core(text).0);
            line(name, text.len(), ours, theirs);
        }
        for flavour in [Flavour::English, Flavour::Dutch] {
            let bytes = log_string(&LogOptions { encoding: SynthEncoding::Utf16Le, ..flavour.options(rows) });
            let units: Vec<u16> = bytes[2..].chunks_exact(2).map(|p| u16::from_le_bytes([p[0], p[1]])).collect();
            let mut ours_text = String::new();
            decode_ours(&bytes, &mut ours_text);
            let mut buffer = vec![0u8; units.len() * 3];
            let n = encoding_rs::mem::convert_utf16_to_str(&units, std::str::from_utf8_mut(&mut buffer).unwrap());
            assert_eq!(ours_text.as_bytes(), &buffer[..n], "both decode the same text");
            // Both write into a buffer allocated (and touched) before the timed part.
            let ours = best(&mut || {
                ours_text.clear();
                decode_ours(&bytes, &mut ours_text);
                ours_text.len()
            });
            let theirs = best(&mut || {
                encoding_rs::mem::convert_utf16_to_str(&units, std::str::from_utf8_mut(&mut buffer).unwrap())
            });
            line(&format!("utf-16le {}", flavour.key()), bytes.len(), ours, theirs);
        }
        println!("MB = 10^6 bytes of input (UTF-16: the file's bytes). vs oracle = the oracle's time / ours");
        println!("(above 1: ours is faster). encoding_rs is given the u16 units ready; both write into an output");
        println!("buffer allocated before the timed part (the Reader reuses its text buffer likewise).");
    }

    fn oracle(name: &str) -> &'static str {
        if name.starts_with("split") {
            "csv-core"
        } else {
            "encoding_rs convert_utf16_to_str"
        }
    }

    /// The log with every field in quotes: a doubled quote in every 16th field.
    fn quote_every_field(text: &str) -> String {
        let mut out = String::with_capacity(text.len() * 3 / 2);
        let mut k = 0u32;
        for line in text.lines() {
            for (i, field) in line.split(',').enumerate() {
                if i > 0 {
                    out.push(',');
                }
                k = k.wrapping_add(1);
                out.push('"');
                out.push_str(field);
                if k.is_multiple_of(16) {
                    out.push_str("\"\"");
                }
                out.push('"');
            }
            out.push_str("\r\n");
        }
        out
    }

    /// Fields (and bytes of field text with `count_bytes`), as the `Reader` splits them.
    fn split_ours(text: &str, count_bytes: bool) -> (usize, usize) {
        let mut splitter = Splitter::new(b',');
        let mut record = Record::default();
        let (mut pos, mut fields, mut bytes) = (0, 0, 0);
        while let ReadResult::Record(n) = splitter.read_record(&text[pos..], true, &mut record) {
            pos += n;
            fields += record.len();
            if count_bytes {
                bytes += record.iter().map(str::len).sum::<usize>();
            }
        }
        (fields, bytes)
    }

    fn split_csv_core(text: &str) -> (usize, usize) {
        let mut reader = csv_core::Reader::new();
        let (mut output, mut ends) = (vec![0u8; 1 << 16], vec![0usize; 1 << 10]);
        let mut input = text.as_bytes();
        let (mut fields, mut bytes) = (0, 0);
        // What the current record has written so far (the last one takes two calls).
        let (mut out_len, mut ends_len) = (0, 0);
        loop {
            let (result, read, written, n_ends) =
                reader.read_record(input, &mut output[out_len..], &mut ends[ends_len..]);
            input = &input[read..];
            out_len += written;
            ends_len += n_ends;
            match result {
                csv_core::ReadRecordResult::Record => {
                    fields += ends_len;
                    bytes += out_len;
                    (out_len, ends_len) = (0, 0);
                }
                csv_core::ReadRecordResult::End => break,
                csv_core::ReadRecordResult::InputEmpty => {}
                csv_core::ReadRecordResult::OutputFull | csv_core::ReadRecordResult::OutputEndsFull => {
                    panic!("a record longer than the buffers")
                }
            }
        }
        (fields, bytes)
    }

    /// UTF-16 bytes to text in 8 MiB chunks, as the `Reader` decodes a file.
    fn decode_ours(bytes: &[u8], out: &mut String) {
        let mut decoder = Decoder::new(Encoding::Utf16Le);
        let chunks = bytes.chunks(CHUNK_BYTES as usize).count();
        for (i, chunk) in bytes.chunks(CHUNK_BYTES as usize).enumerate() {
            decoder.decode(chunk, i + 1 == chunks, out);
        }
    }
}
