//! The command-line tool `retention` (issue 14): the app's core natively, for batch jobs,
//! files too big for a browser tab, and the warehouse SQL.
//!
//! ```text
//! retention analyse FILE... [--granularity month] [--window-days 90] [--segment COLUMN]
//!     [--time-unit week] [--calibration-end YYYY-MM-DD] [--json OUT.json] [--csv-dir DIR]
//! retention sql --engine duckdb|spark|bigquery|snowflake|postgres --table T --customer COL
//!     --date COL [--amount COL] [--attribute COL] --what summary|base|cohorts
//!     [--granularity month] [--window-days 90] [--time-unit week] [--calibration-end YYYY-MM-DD]
//! ```
//!
//! `analyse` reads its files as the page does (the same detection, the same rows
//! skipped with the same reasons, on standard error) and combines them as the page
//! does: the first transaction log is analysed, with a survey file's ids matched to it
//! and a marketing-spend file's costs beside it. It writes all figures in the layout of
//! the page's "all figures (JSON)" export (`retention::export::analysis_json`), every
//! table as the page's CSV downloads, and the customer summary as `customers.csv`.
//!
//! Several files are read in parallel, one thread per file, up to the number of cores.
//! One file is read on one thread: parallel parsing of a single file is left for later.
//! A file is streamed in 8 MiB chunks, so memory grows with its customers, not its size.
//!
//! Exit codes: 0 fine, 1 a file could not be used (the message says why), 2 bad arguments.

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    std::process::exit(cli::main());
}

/// Nothing to do in the browser; this keeps `cargo build --target wasm32-unknown-unknown --bins` working.
#[cfg(target_arch = "wasm32")]
fn main() {}

#[cfg(not(target_arch = "wasm32"))]
mod cli {
    use retention::calendar::{Date, Granularity, TimeUnit};
    use retention::export::{analysis_json, customer_summary_csv, table_csv, Table};
    use retention::ingest::{date, detect, FileError, LoadedFile, Reader};
    use retention::metrics::acquisition::CustomerValue;
    use retention::metrics::analysis::{Analysis, AnalysisSettings, DEFAULT_WINDOW_DAYS, MAX_WINDOW_DAYS};
    use retention::metrics::calibration::Calibration;
    use retention::metrics::lifetime::{DEFAULT_DISCOUNT_PCT, DEFAULT_MARGIN_PCT};
    use retention::sql::{generate, Engine, Output, Request};
    use std::io::{Read, Write};
    use std::path::{Path, PathBuf};

    const USAGE: &str = "\
Usage:
  retention analyse FILE... [options]
  retention sql --engine E --table T --customer COL --date COL --what W [options]
  retention --help

analyse: reads transaction logs, period counts, customer summaries, spend and survey
files as the page does, prints a summary, lists skipped rows on standard error, and
writes the figures of the first transaction log (with a survey and spend file beside it).
  --granularity G        week | month | quarter | year (default month)
  --window-days N        the inactivity window W, 1 to 3660 days (default 90)
  --segment COLUMN       compare customers by this column of the log
  --time-unit U          day | week | month: recency and T of customers.csv (default week)
  --calibration-end D    YYYY-MM-DD: the calibration end of customers.csv (default: the last purchase)
  --json OUT.json        all figures, in the layout of the page's \"all figures (JSON)\"
  --csv-dir DIR          every table as the page's CSV downloads, and customers.csv

sql: prints the SQL that computes the same figures in a data warehouse.
  --engine E             duckdb | spark | bigquery | snowflake | postgres
  --table T              the table (schema.table, project.dataset.table); names are quoted
                         and case-sensitive as typed
  --customer COL         the customer id column
  --date COL             the order date column (a date or a timestamp)
  --amount COL           the amount column (optional; refunds are negative)
  --attribute COL        another column to keep per customer (optional; summary)
  --what W               summary | base | cohorts
  --granularity, --window-days, --time-unit, --calibration-end as above

Exit codes: 0 fine, 1 a file could not be used, 2 bad arguments.
";

    /// Bytes fed to the reader at a time (as the page's worker reads slices).
    const CHUNK: usize = 8 << 20;

    /// What went wrong, and the exit code it gives.
    enum Failure {
        /// Exit 2, with the message (none for --help, which exits 0).
        Usage(Option<String>),
        /// Exit 1: a file could not be used (or written).
        File(String),
    }

    pub fn main() -> i32 {
        let args: Vec<String> = std::env::args().skip(1).collect();
        let result = match args.first().map(String::as_str) {
            Some("analyse" | "analyze") => analyse(&args[1..]),
            Some("sql") => sql(&args[1..]),
            Some("-h" | "--help") => Err(Failure::Usage(None)),
            Some(other) => Err(Failure::Usage(Some(format!("unknown command {other:?}")))),
            None => Err(Failure::Usage(Some("a command is needed: analyse or sql".into()))),
        };
        match result {
            Ok(code) => code,
            Err(Failure::Usage(None)) => {
                print!("{USAGE}");
                0
            }
            Err(Failure::Usage(Some(message))) => {
                eprintln!("retention: {message}\n\n{USAGE}");
                2
            }
            Err(Failure::File(message)) => {
                eprintln!("retention: {message}");
                1
            }
        }
    }

    /// The options both commands share, and the files or SQL names.
    #[derive(Default)]
    struct Options {
        files: Vec<String>,
        granularity: Option<Granularity>,
        window_days: Option<u32>,
        segment: Option<String>,
        time_unit: Option<TimeUnit>,
        calibration_end: Option<Date>,
        json: Option<PathBuf>,
        csv_dir: Option<PathBuf>,
        engine: Option<Engine>,
        table: Option<String>,
        customer: Option<String>,
        date: Option<String>,
        amount: Option<String>,
        attribute: Option<String>,
        what: Option<Output>,
    }

    /// Parses `args`; `allowed` are the flags of the command.
    fn parse(args: &[String], allowed: &[&str], files: bool) -> Result<Options, Failure> {
        let mut o = Options::default();
        let mut it = args.iter();
        while let Some(arg) = it.next() {
            if arg == "-h" || arg == "--help" {
                return Err(Failure::Usage(None));
            }
            if !arg.starts_with("--") || arg == "--" {
                if files && arg != "--" {
                    o.files.push(arg.clone());
                    continue;
                }
                return Err(Failure::Usage(Some(format!("unexpected argument {arg:?}"))));
            }
            // `--flag=value` or `--flag value`.
            let (flag, inline) = match arg.split_once('=') {
                Some((f, v)) => (f, Some(v.to_string())),
                None => (arg.as_str(), None),
            };
            if !allowed.contains(&flag) {
                return Err(Failure::Usage(Some(format!("unknown option {flag}"))));
            }
            let value = match inline {
                Some(v) => v,
                None => it.next().cloned().ok_or_else(|| Failure::Usage(Some(format!("{flag} needs a value"))))?,
            };
            let bad = || Failure::Usage(Some(format!("bad value for {flag}: {value:?}")));
            match flag {
                "--granularity" => o.granularity = Some(Granularity::from_key(&value).ok_or_else(bad)?),
                "--window-days" => {
                    let w = value.parse::<u32>().ok().filter(|w| (1..=MAX_WINDOW_DAYS).contains(w));
                    o.window_days = Some(w.ok_or_else(bad)?);
                }
                "--segment" => o.segment = Some(value),
                "--time-unit" => o.time_unit = Some(TimeUnit::from_key(&value).ok_or_else(bad)?),
                "--calibration-end" => o.calibration_end = Some(Date::from_iso(&value).ok_or_else(bad)?),
                "--json" => o.json = Some(value.into()),
                "--csv-dir" => o.csv_dir = Some(value.into()),
                "--engine" => o.engine = Some(Engine::from_key(&value).ok_or_else(bad)?),
                "--table" => o.table = Some(value),
                "--customer" => o.customer = Some(value),
                "--date" => o.date = Some(value),
                "--amount" => o.amount = Some(value),
                "--attribute" => o.attribute = Some(value),
                "--what" => o.what = Some(Output::from_key(&value).ok_or_else(bad)?),
                _ => return Err(Failure::Usage(Some(format!("unknown option {flag}")))),
            }
        }
        Ok(o)
    }

    const SHARED: [&str; 4] = ["--granularity", "--window-days", "--time-unit", "--calibration-end"];

    fn sql(args: &[String]) -> Result<i32, Failure> {
        let mut allowed = SHARED.to_vec();
        allowed.extend(["--engine", "--table", "--customer", "--date", "--amount", "--attribute", "--what"]);
        let o = parse(args, &allowed, false)?;
        let need = |v: Option<String>, flag: &str| v.ok_or_else(|| Failure::Usage(Some(format!("{flag} is needed"))));
        let engine = o.engine.ok_or_else(|| Failure::Usage(Some("--engine is needed".into())))?;
        let what = o.what.ok_or_else(|| Failure::Usage(Some("--what is needed".into())))?;
        let mut req = Request::new(
            engine,
            &need(o.table, "--table")?,
            &need(o.customer, "--customer")?,
            &need(o.date, "--date")?,
            what,
        );
        req.amount = o.amount;
        req.attribute = o.attribute;
        req.granularity = o.granularity.unwrap_or_default();
        req.window_days = o.window_days.unwrap_or(DEFAULT_WINDOW_DAYS);
        req.time_unit = o.time_unit.unwrap_or_default();
        req.calibration_end = o.calibration_end;
        let text = generate(&req).map_err(|e| Failure::Usage(Some(e.to_string())))?;
        print!("{text}");
        Ok(0)
    }

    /// Reads one file as the page's worker does: detection on its first MiB (an
    /// ambiguous date order settled as `ingest::read_file` settles it), then the whole
    /// file streamed through the reader.
    fn read(path: &Path, cores: usize) -> Result<LoadedFile, String> {
        let name = path.file_name().map_or_else(|| path.display().to_string(), |n| n.to_string_lossy().into_owned());
        let fail = |e: std::io::Error| format!("{}: {e}", path.display());
        let mut file = std::fs::File::open(path).map_err(fail)?;
        let size = file.metadata().map_err(fail)?.len();
        let sample_len = size.min(detect::SAMPLE_BYTES as u64) as usize;
        let mut buf = vec![0u8; sample_len];
        file.read_exact(&mut buf).map_err(fail)?;
        let used = |e: FileError| format!("{}: {e}", path.display());
        let detection = detect(&buf, sample_len as u64 == size).map_err(used)?;
        let mut settings = detection.settings;
        if settings.date_format.is_none() {
            settings.date_format = detection.dates.and_then(|d| d.resolve(date::prefer_day_first(settings.delimiter)));
        }
        // A large log with cores to spare: in parts, one thread each.
        if cores > 1 && retention::ingest::parallel::worth_parts(&settings, size) {
            let parts = retention::ingest::parallel::read_path_in_parts(path, &settings, size, cores, CHUNK);
            if let Some(outcome) = parts.map_err(fail)? {
                return Ok(LoadedFile::new(&name, outcome.map_err(used)?));
            }
        }
        let mut reader = Reader::new(settings).map_err(used)?;
        reader.feed(&buf);
        buf.resize(CHUNK, 0);
        loop {
            let n = file.read(&mut buf).map_err(fail)?;
            if n == 0 {
                break;
            }
            reader.feed(&buf[..n]);
        }
        Ok(LoadedFile::new(&name, reader.finish().map_err(used)?))
    }

    /// Reads `paths` in parallel (at most one thread per core), each in order.
    fn read_all(paths: &[String]) -> Vec<Result<LoadedFile, String>> {
        let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
        let mut out: Vec<Option<Result<LoadedFile, String>>> = (0..paths.len()).map(|_| None).collect();
        // The cores left over by a batch read its files in parts.
        for (batch, slots) in paths.chunks(cores).zip(out.chunks_mut(cores)) {
            let each = (cores / batch.len()).max(1);
            std::thread::scope(|s| {
                let handles: Vec<_> = batch.iter().map(|p| s.spawn(move || read(Path::new(p), each))).collect();
                for (slot, h) in slots.iter_mut().zip(handles) {
                    *slot = Some(h.join().unwrap_or_else(|_| Err("reading stopped unexpectedly".to_string())));
                }
            });
        }
        out.into_iter().map(|r| r.unwrap_or_else(|| Err("not read".to_string()))).collect()
    }

    fn analyse(args: &[String]) -> Result<i32, Failure> {
        let mut allowed = SHARED.to_vec();
        allowed.extend(["--segment", "--json", "--csv-dir"]);
        let o = parse(args, &allowed, true)?;
        if o.files.is_empty() {
            return Err(Failure::Usage(Some("analyse needs at least one file".into())));
        }
        let mut code = 0;
        let mut files = Vec::new();
        for result in read_all(&o.files) {
            match result {
                Ok(f) => files.push(f),
                Err(message) => {
                    eprintln!("retention: {message}");
                    code = 1;
                }
            }
        }
        for f in &files {
            println!(
                "{}: {}, {} data rows, {} skipped",
                f.name,
                f.dataset.kind().english(),
                f.data_rows,
                f.errors.total
            );
            for e in &f.errors.listed {
                eprintln!("{}: {e}", f.name);
            }
            let unlisted = f.errors.total - f.errors.listed.len() as u64;
            if unlisted > 0 {
                eprintln!("{}: and {unlisted} more rows skipped", f.name);
            }
        }
        let settings = AnalysisSettings {
            granularity: o.granularity.unwrap_or_default(),
            window_days: o.window_days.unwrap_or(DEFAULT_WINDOW_DAYS),
            segment_by: o.segment.clone(),
        };
        let Some((name, log)) = retention::ingest::first_log(&files) else {
            if o.json.is_some() || o.csv_dir.is_some() {
                return Err(Failure::File("no transaction log among the files: no figures to write".into()));
            }
            return Ok(code);
        };
        let survey = retention::ingest::survey_with_customers(&files);
        if let Some(column) = &o.segment {
            if !log.attributes.iter().any(|a| &a.name == column) {
                let names: Vec<&str> = log.attributes.iter().map(|a| a.name.as_str()).collect();
                eprintln!("retention: {name} has no column {column:?} to compare by (it has: {})", names.join(", "));
            }
        }
        let mut analysis = Analysis::of(name, log, survey, &settings);
        if let Some(rows) = retention::ingest::first_spend(&files) {
            let value =
                CustomerValue::of(analysis.summary.simple_clv.as_ref(), DEFAULT_MARGIN_PCT, DEFAULT_DISCOUNT_PCT);
            analysis = analysis.with_spend(log, rows, value);
        }
        print_summary(&analysis);
        if let Some(path) = &o.json {
            write(path, analysis_json(&analysis).as_bytes())?;
        }
        if let Some(dir) = &o.csv_dir {
            std::fs::create_dir_all(dir).map_err(|e| Failure::File(format!("{}: {e}", dir.display())))?;
            for table in Table::ALL {
                if let Some(csv) = table_csv(&analysis, table) {
                    write(&dir.join(format!("{}.csv", table.key())), csv.as_bytes())?;
                }
            }
            let cal = Calibration::of_log(log, o.calibration_end, o.time_unit.unwrap_or_default());
            write(&dir.join("customers.csv"), customer_summary_csv(log, &cal).as_bytes())?;
        }
        Ok(code)
    }

    fn write(path: &Path, bytes: &[u8]) -> Result<(), Failure> {
        std::fs::File::create(path)
            .and_then(|mut f| f.write_all(bytes))
            .map_err(|e| Failure::File(format!("{}: {e}", path.display())))
    }

    fn print_summary(a: &Analysis) {
        let t = &a.summary.totals;
        let money = |v: Option<f64>| v.map_or("-".to_string(), |v| format!("{v:.2}"));
        println!("\n{}", a.file);
        if let Some((first, last)) = a.summary.span {
            println!("  purchases from {first} to {last}");
        }
        println!("  customers            {}", t.customers_total);
        println!("  purchases            {}", t.transactions_total);
        println!("  revenue              {}", money(t.revenue_total));
        println!("  average order value  {}", money(t.aov));
        println!("  repeat rate          {}", t.repeat_rate.map_or("-".to_string(), |r| format!("{r:.1}%")));
        println!(
            "  periods              {} ({}, W = {} days)",
            a.periods,
            a.settings.granularity.key(),
            a.settings.window_days
        );
        if let (Some(last), _) = a.last_complete_periods() {
            println!(
                "  CRR of {}        {:.1}% (churn {:.1}%)",
                last.period,
                last.crr.unwrap_or(f64::NAN),
                last.churn_rate.unwrap_or(f64::NAN)
            );
        }
    }
}
