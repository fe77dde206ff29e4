//! Writes a synthetic transaction log (see `retention::synth::write_log`) for tests,
//! demos and benchmarks:
//!
//! ```text
//! cargo run --release --bin gen -- --rows 1000000 --seed 7 --delimiter ';' --decimal-comma \
//!     --date-format dmy --encoding cp1252 --dutch -o /tmp/log.csv
//! ```

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    std::process::exit(cli::main());
}

/// Nothing to do in the browser; this keeps `cargo build --target wasm32-unknown-unknown --bins` working.
#[cfg(target_arch = "wasm32")]
fn main() {}

#[cfg(not(target_arch = "wasm32"))]
mod cli {
    use retention::calendar::Date;
    use retention::synth::{write_log, LogOptions, SynthDateFormat, SynthEncoding};
    use std::io::Write;
    use std::time::Instant;

    const USAGE: &str = "\
Usage: gen [options]
Writes a seeded synthetic transaction log (customer, date, amount, attributes).

  --rows N             data rows (default 1000; 1e6 and 1_000_000 work too)
  --seed N             random seed (default 1)
  --delimiter C        one ASCII character, or 'tab' (default ',')
  --decimal-comma      amounts as 12,50 (with --dutch some as '€ 12,50' and '1.234,56')
  --date-format F      iso | dmy (dd-mm-yyyy) | dmy-slash (dd/mm/yyyy) | mdy (mm/dd/yyyy)
                       | compact (yyyymmdd) | iso-time (yyyy-mm-dd hh:mm:ss)   (default iso)
  --encoding E         utf8 | utf8-bom | utf16le | cp1252 (default utf8)
  --dutch              Dutch headers (Klantnummer;Orderdatum;Bedrag;...) and ja/nee
  --start YYYY-MM-DD   first day (default 2022-01-01)
  --days N             length in days (default 1096, three years)
  --customers N        customer population (default 0: derived from --rows)
  --refund-share X     share of rows that are refunds (default 0.02)
  --no-attributes      only customer, date and amount columns
  -o, --output PATH    write to PATH instead of standard output
  -h, --help           this text

The summary (rows, customers, refunds, revenue, bytes, speed) goes to standard error.
";

    fn count(s: &str) -> Option<u64> {
        let s: String = s.chars().filter(|&c| c != '_').collect();
        s.parse::<u64>().ok().or_else(|| {
            let f: f64 = s.parse().ok()?;
            (f.is_finite() && f >= 0.0 && f.fract() == 0.0 && f < 1.8e19).then_some(f as u64)
        })
    }

    fn date(s: &str) -> Option<Date> {
        let mut parts = s.splitn(3, '-');
        let y = parts.next()?.parse().ok()?;
        let m = parts.next()?.parse().ok()?;
        let d = parts.next()?.parse().ok()?;
        Date::from_ymd(y, m, d)
    }

    fn delimiter(s: &str) -> Option<u8> {
        match s {
            "tab" | "\\t" | "\t" => Some(b'\t'),
            _ => match s.as_bytes() {
                [b] if b.is_ascii() && !matches!(b, b'"' | b'\r' | b'\n') => Some(*b),
                _ => None,
            },
        }
    }

    fn date_format(s: &str) -> Option<SynthDateFormat> {
        Some(match s {
            "iso" => SynthDateFormat::Iso,
            "dmy" => SynthDateFormat::DayMonthYear,
            "dmy-slash" => SynthDateFormat::DayMonthYearSlash,
            "mdy" | "mdy-slash" => SynthDateFormat::MonthDayYearSlash,
            "compact" => SynthDateFormat::Compact,
            "iso-time" => SynthDateFormat::IsoWithTime,
            _ => return None,
        })
    }

    fn encoding(s: &str) -> Option<SynthEncoding> {
        Some(match s.to_ascii_lowercase().as_str() {
            "utf8" | "utf-8" => SynthEncoding::Utf8,
            "utf8-bom" | "utf-8-bom" => SynthEncoding::Utf8Bom,
            "utf16le" | "utf-16le" | "utf16" => SynthEncoding::Utf16Le,
            "cp1252" | "windows-1252" | "win1252" => SynthEncoding::Windows1252,
            _ => return None,
        })
    }

    /// Options and output path, or a message for a bad argument (`None` for --help).
    fn parse(args: &[String]) -> Result<(LogOptions, Option<String>), Option<String>> {
        let mut opts = LogOptions::default();
        let mut output = None;
        let mut it = args.iter();
        while let Some(flag) = it.next() {
            let mut value = |what: &str| it.next().cloned().ok_or_else(|| Some(format!("{flag} needs {what}")));
            let bad = |v: &str| Some(format!("bad value for {flag}: {v:?}"));
            match flag.as_str() {
                "-h" | "--help" => return Err(None),
                "--rows" => {
                    let v = value("a number")?;
                    opts.rows = count(&v).ok_or_else(|| bad(&v))?;
                }
                "--seed" => {
                    let v = value("a number")?;
                    opts.seed = count(&v).ok_or_else(|| bad(&v))?;
                }
                "--customers" => {
                    let v = value("a number")?;
                    opts.customers = count(&v).ok_or_else(|| bad(&v))?;
                }
                "--days" => {
                    let v = value("a number")?;
                    opts.days = count(&v).and_then(|d| u32::try_from(d).ok()).ok_or_else(|| bad(&v))?;
                }
                "--delimiter" => {
                    let v = value("a character")?;
                    opts.delimiter = delimiter(&v).ok_or_else(|| bad(&v))?;
                }
                "--date-format" => {
                    let v = value("a format")?;
                    opts.date_format = date_format(&v).ok_or_else(|| bad(&v))?;
                }
                "--encoding" => {
                    let v = value("an encoding")?;
                    opts.encoding = encoding(&v).ok_or_else(|| bad(&v))?;
                }
                "--start" => {
                    let v = value("a date")?;
                    opts.start = date(&v).ok_or_else(|| bad(&v))?;
                }
                "--refund-share" => {
                    let v = value("a share")?;
                    opts.refund_share =
                        v.parse().ok().filter(|x: &f64| (0.0..=0.5).contains(x)).ok_or_else(|| bad(&v))?;
                }
                "--decimal-comma" => opts.decimal_comma = true,
                "--dutch" => opts.dutch_headers = true,
                "--no-attributes" => opts.attributes = false,
                "-o" | "--output" => output = Some(value("a path")?),
                other => return Err(Some(format!("unknown argument: {other}"))),
            }
        }
        Ok((opts, output))
    }

    pub fn main() -> i32 {
        let args: Vec<String> = std::env::args().skip(1).collect();
        let (opts, output) = match parse(&args) {
            Ok(parsed) => parsed,
            Err(None) => {
                print!("{USAGE}");
                return 0;
            }
            Err(Some(msg)) => {
                eprintln!("gen: {msg}\n\n{USAGE}");
                return 2;
            }
        };
        // write_log hands over 64 KiB blocks, which pass through a default BufWriter uncopied.
        let started = Instant::now();
        let result = match &output {
            Some(path) => std::fs::File::create(path).and_then(|f| write_log(&opts, std::io::BufWriter::new(f))),
            None => {
                let stdout = std::io::stdout().lock();
                write_log(&opts, std::io::BufWriter::new(stdout))
            }
        };
        let secs = started.elapsed().as_secs_f64();
        match result {
            Ok(s) => {
                let mut err = std::io::stderr().lock();
                let _ = writeln!(
                    err,
                    "rows {}  customers {}  purchases {}  refunds {}  revenue € {}.{:02}  bytes {}  \
                     ({:.2} s, {:.0} MB/s){}",
                    s.rows,
                    s.customers,
                    s.purchases,
                    s.refunds,
                    s.revenue_total_cents / 100,
                    (s.revenue_total_cents % 100).abs(),
                    s.bytes,
                    secs,
                    s.bytes as f64 / 1e6 / secs.max(1e-9),
                    output.map(|p| format!("  -> {p}")).unwrap_or_default(),
                );
                0
            }
            Err(e) if e.kind() == std::io::ErrorKind::InvalidInput => {
                eprintln!("gen: {e}");
                2
            }
            Err(e) => {
                eprintln!("gen: {e}");
                1
            }
        }
    }
}
