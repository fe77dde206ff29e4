//! Synthetic data, made by the project's own seeded generator: the built-in sample
//! data set, test inputs and benchmark files. Nothing here is real customer data.

use crate::calendar::Date;
use std::io::{self, Write};

/// SplitMix64: a small, fast, seedable generator (Steele, Lea & Flood 2014).
#[derive(Clone, Debug)]
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Self {
        Rng(seed)
    }

    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// Uniform in [0, 1).
    pub fn next_f64(&mut self) -> f64 {
        (self.next_u64() >> 11) as f64 / (1u64 << 53) as f64
    }

    /// Uniform in [lo, hi].
    pub fn range(&mut self, lo: u64, hi: u64) -> u64 {
        lo + self.next_u64() % (hi - lo + 1)
    }
}

/// The built-in sample transaction log: a Dutch Excel export (`;`, decimal commas,
/// dd-mm-yyyy dates, Dutch headers) of a made-up web shop, 20,000 rows over three years.
pub fn sample_log() -> String {
    let opts = LogOptions {
        rows: 20_000,
        seed: 2024,
        delimiter: b';',
        decimal_comma: true,
        date_format: SynthDateFormat::DayMonthYear,
        dutch_headers: true,
        ..LogOptions::default()
    };
    String::from_utf8(log_string(&opts)).expect("UTF-8 is the default encoding")
}

/// Period counts for `months` months from January 2023, in the Dutch Excel layout
/// (`;`, thousands with `.`, Dutch headers), as the built-in sample.
pub fn period_counts_csv(seed: u64, months: u32) -> String {
    let mut rng = Rng::new(seed);
    let mut out = String::from("Periode;Klanten begin;Klanten eind;Nieuwe klanten\r\n");
    let mut start = 2_000 + rng.range(0, 500);
    for m in 0..months {
        let (year, month) = (2023 + m / 12, m % 12 + 1);
        // Lose 4-12% of the base, win 3-11% new; a seasonal bump in November-December.
        let churned = start * rng.range(40, 120) / 1000;
        let seasonal = if month >= 11 { 2 } else { 1 };
        let new = start * rng.range(30, 110) * seasonal / 1000;
        let end = start - churned + new;
        let fmt = |n: u64| {
            let s = n.to_string();
            if s.len() > 3 {
                format!("{}.{}", &s[..s.len() - 3], &s[s.len() - 3..])
            } else {
                s
            }
        };
        out.push_str(&format!("{year}-{month:02};{};{};{}\r\n", fmt(start), fmt(end), fmt(new)));
        start = end;
    }
    out
}

// ---------------------------------------------------------------------------------
// Transaction logs: one row per order or refund, as a webshop or till system exports.
// ---------------------------------------------------------------------------------

/// How dates are written in a synthetic transaction log.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum SynthDateFormat {
    /// `2024-03-05`
    #[default]
    Iso,
    /// `05-03-2024`
    DayMonthYear,
    /// `05/03/2024`
    DayMonthYearSlash,
    /// `03/05/2024`
    MonthDayYearSlash,
    /// `20240305`
    Compact,
    /// `2024-03-05 14:30:00`
    IsoWithTime,
}

/// The text encoding of a synthetic transaction log.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum SynthEncoding {
    #[default]
    Utf8,
    /// UTF-8 with a byte-order mark, as Excel's "CSV UTF-8".
    Utf8Bom,
    /// UTF-16 little-endian with a byte-order mark (Excel's "Unicode text").
    Utf16Le,
    /// Windows-1252 (older Excel "CSV" on Windows); `€` is byte 0x80.
    Windows1252,
}

/// What [`write_log`] generates. The data (customers, days, amounts) depend only on
/// `rows`, `seed`, `start`, `days`, `customers` and `refund_share`; the other fields
/// change how the same data are written.
#[derive(Clone, Debug, PartialEq)]
pub struct LogOptions {
    /// Data rows (orders and refunds), not counting the header. Written exactly.
    pub rows: u64,
    pub seed: u64,
    /// An ASCII byte other than `"`, CR and LF. Fields holding it are quoted.
    pub delimiter: u8,
    /// `12,50` rather than `12.50`; with Dutch headers some rows read `€ 12,50`, and
    /// some large orders `1.234,56`.
    pub decimal_comma: bool,
    pub date_format: SynthDateFormat,
    pub encoding: SynthEncoding,
    /// `Klantnummer;Orderdatum;Bedrag;...` and `ja`/`nee` instead of English.
    pub dutch_headers: bool,
    /// The first day customers can arrive.
    pub start: Date,
    /// Length of the log in days, from `start`.
    pub days: u32,
    /// Size of the customer population; 0 derives it from `rows` (about `rows / 5`
    /// over three years). With a fixed population the purchase rates are scaled to
    /// fit `rows`, and customers whose first order would come after the last
    /// written row do not appear.
    pub customers: u64,
    /// Share of rows that are refunds (0 to 0.5).
    pub refund_share: f64,
    /// The `channel`, `loyalty_member` and `region` columns.
    pub attributes: bool,
}

impl Default for LogOptions {
    fn default() -> Self {
        let start = Date::from_ymd(2022, 1, 1).expect("a real day");
        let end = Date::from_ymd(2025, 1, 1).expect("a real day");
        LogOptions {
            rows: 1000,
            seed: 1,
            delimiter: b',',
            decimal_comma: false,
            date_format: SynthDateFormat::Iso,
            encoding: SynthEncoding::Utf8,
            dutch_headers: false,
            start,
            days: (end.0 - start.0) as u32,
            customers: 0,
            refund_share: 0.02,
            attributes: true,
        }
    }
}

/// What was written, counted row by row while writing (not taken from the model),
/// so that readers of the file can be checked against it.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct LogSummary {
    /// Data rows, without the header.
    pub rows: u64,
    /// Distinct customer ids in the file.
    pub customers: u64,
    pub purchases: u64,
    pub refunds: u64,
    /// Sum of all amounts, refunds negative.
    pub revenue_total_cents: i64,
    /// Bytes written, byte-order mark and header included.
    pub bytes: u64,
}

/// A synthetic transaction log in memory (for small tests).
pub fn log_string(opts: &LogOptions) -> Vec<u8> {
    let mut out = Vec::new();
    write_log(opts, &mut out).expect("writing to a Vec only fails on invalid options");
    out
}

/// Generates a transaction log and streams it to `out`, in date order (and time
/// order within a day), encoded as `opts.encoding` asks. Memory grows with the
/// number of customers still active, never with the number of rows.
///
/// The model, buy-till-you-die in the manner of BG/NBD: customers arrive over the
/// whole span (more early on, more in November and December) with a first order;
/// each has a gamma-distributed purchase rate (seasonal, weekly rhythm) and, after
/// every order, a beta-distributed chance of never coming back. Order amounts are
/// lognormal around a per-customer spend level (median about €50; loyalty members
/// 18% more, and a rare bulk order); a refund refers to an earlier order of the same
/// customer, in full or in part, 1 to 45 days later.
pub fn write_log<W: Write>(opts: &LogOptions, out: W) -> io::Result<LogSummary> {
    validate(opts)?;
    let model = Model::new(opts, 1.0);
    let plan = if opts.rows == 0 {
        Plan { model, customers: 0, last_cap: u32::MAX }
    } else if opts.customers == 0 {
        Plan::open_population(model, opts.rows)?
    } else {
        Plan::fixed_population(opts, opts.rows)
    };
    LogWriter::new(opts, &plan, out).run()
}

fn invalid(msg: &str) -> io::Error {
    io::Error::new(io::ErrorKind::InvalidInput, msg.to_string())
}

fn validate(opts: &LogOptions) -> io::Result<()> {
    if !opts.delimiter.is_ascii() || matches!(opts.delimiter, b'"' | b'\r' | b'\n') {
        return Err(invalid("the delimiter must be an ASCII character other than a quote or a line break"));
    }
    if opts.rows > 0 && opts.days == 0 {
        return Err(invalid("rows need at least one day"));
    }
    if opts.days > 3_000_000 || opts.start.ymd().0 < 1 || opts.start.add_days(opts.days as i32).ymd().0 > 9999 {
        return Err(invalid("the span must lie within the years 1 to 9999"));
    }
    if opts.customers > u64::from(u32::MAX - 1) {
        return Err(invalid("at most 4294967294 customers"));
    }
    Ok(())
}

/// "No day": a customer who will not buy again, or has no refund pending.
const NONE: i32 = i32::MAX;

// Model parameters. Rates are per day.
const RATE_SHAPE: f64 = 1.2;
const RATE_MEAN: f64 = 1.0 / 20.0;
const DROPOUT_A: f64 = 1.1;
const DROPOUT_B: f64 = 2.2;
const LOYAL_SHARE: f64 = 0.3;
const LOYAL_DROPOUT: f64 = 0.75;
const LOYAL_SPEND: f64 = 1.18;
const SPEND_MEDIAN_CENTS: f64 = 4_800.0;
const SPEND_LEVEL_SIGMA: f64 = 0.35;
const ORDER_SIGMA: f64 = 0.45;
const BULK_SHARE: f64 = 0.004;
const FULL_REFUND_SHARE: f64 = 0.8;

/// Purchase-rate factors by month (January first) and weekday (Monday first).
const MONTH_FACTOR: [f64; 12] = [0.92, 0.85, 0.95, 1.0, 1.0, 0.9, 0.82, 0.88, 1.0, 1.05, 1.3, 1.45];
const WEEKDAY_FACTOR: [f64; 7] = [1.0, 0.97, 0.97, 1.0, 1.05, 0.9, 1.1];
/// New-customer factors by month: Black Friday and Christmas bring many first orders.
const ARRIVAL_MONTH_FACTOR: [f64; 12] = [1.15, 0.95, 1.0, 1.0, 0.95, 0.85, 0.8, 0.85, 1.0, 1.05, 1.5, 1.35];
/// Orders by hour of the day: evenings peak.
const HOUR_WEIGHT: [u32; 24] =
    [10, 5, 3, 2, 2, 3, 8, 15, 25, 35, 40, 45, 50, 50, 45, 45, 50, 55, 60, 70, 75, 60, 40, 20];

const CHANNELS: [&str; 3] = ["web", "shop", "app"];
const CHANNEL_WEIGHT: [u32; 3] = [55, 20, 25];
const REGIONS: [&str; 8] =
    ["Zuid-Holland", "Noord-Holland", "Noord-Brabant", "Gelderland", "Utrecht", "Overijssel", "Limburg", "Fryslân"];
const REGION_WEIGHT: [u32; 8] = [22, 18, 16, 13, 9, 8, 7, 7];
const HEADERS_EN: [&str; 6] = ["customer_id", "order_date", "amount", "channel", "loyalty_member", "region"];
const HEADERS_NL: [&str; 6] = ["Klantnummer", "Orderdatum", "Bedrag", "Kanaal", "Loyaliteitslid", "Regio"];

/// Exponential with mean 1.
fn exp1(rng: &mut Rng) -> f64 {
    -(1.0 - rng.next_f64()).ln()
}

/// Standard normal (Box-Muller, one of the pair).
fn normal(rng: &mut Rng) -> f64 {
    let u1 = 1.0 - rng.next_f64();
    let u2 = rng.next_f64();
    (-2.0 * u1.ln()).sqrt() * (std::f64::consts::TAU * u2).cos()
}

/// Roughly standard normal, cheaply: the sum of four 16-bit uniforms (Irwin-Hall),
/// bounded at ±3.46. Good enough for order amounts, drawn once per row.
fn quick_normal(rng: &mut Rng) -> f64 {
    let x = rng.next_u64();
    let sum = (x & 0xFFFF) + (x >> 16 & 0xFFFF) + (x >> 32 & 0xFFFF) + (x >> 48);
    (sum as f64 / 65_536.0 - 2.0) * 3.0f64.sqrt()
}

/// Gamma with scale 1 (Marsaglia & Tsang 2000).
fn gamma(rng: &mut Rng, shape: f64) -> f64 {
    if shape < 1.0 {
        let u = 1.0 - rng.next_f64();
        return gamma(rng, shape + 1.0) * u.powf(1.0 / shape);
    }
    let d = shape - 1.0 / 3.0;
    let c = 1.0 / (9.0 * d).sqrt();
    loop {
        let x = normal(rng);
        let v = 1.0 + c * x;
        if v <= 0.0 {
            continue;
        }
        let v = v * v * v;
        let u = 1.0 - rng.next_f64();
        if u.ln() < 0.5 * x * x + d - d * v + d * v.ln() {
            return d * v;
        }
    }
}

fn beta(rng: &mut Rng, a: f64, b: f64) -> f64 {
    let x = gamma(rng, a);
    let y = gamma(rng, b);
    x / (x + y)
}

/// Quantiles of a distribution, from sorted samples: a draw is one uniform and a
/// look-up, much cheaper than rejection sampling once per customer.
struct Quantiles(Vec<f64>);

impl Quantiles {
    const POINTS: usize = 2048;

    fn from_samples(mut sample: impl FnMut(&mut Rng) -> f64, seed: u64) -> Quantiles {
        let mut rng = Rng::new(seed);
        let mut xs: Vec<f64> = (0..Self::POINTS * 32).map(|_| sample(&mut rng)).collect();
        xs.sort_unstable_by(f64::total_cmp);
        let last = xs.len() - 1;
        Quantiles((0..=Self::POINTS).map(|i| xs[i * last / Self::POINTS]).collect())
    }

    /// The quantile at `u` in [0, 1), interpolated.
    fn at(&self, u: f64) -> f64 {
        let x = u * Self::POINTS as f64;
        let i = (x as usize).min(Self::POINTS - 1);
        let f = x - i as f64;
        self.0[i] * (1.0 - f) + self.0[i + 1] * f
    }
}

/// Purchase rates (Gamma, mean [`RATE_MEAN`]) and dropout chances (Beta), built once.
fn heterogeneity() -> &'static (Quantiles, Quantiles) {
    static TABLES: std::sync::OnceLock<(Quantiles, Quantiles)> = std::sync::OnceLock::new();
    TABLES.get_or_init(|| {
        (
            Quantiles::from_samples(|r| gamma(r, RATE_SHAPE) * RATE_MEAN / RATE_SHAPE, 0x6A77),
            Quantiles::from_samples(|r| beta(r, DROPOUT_A, DROPOUT_B), 0xBE7A),
        )
    })
}

/// An index drawn with the given weights.
fn pick(rng: &mut Rng, weights: &[u32]) -> usize {
    let total: u32 = weights.iter().sum();
    let mut u = (rng.next_u64() % u64::from(total)) as u32;
    for (i, &w) in weights.iter().enumerate() {
        if u < w {
            return i;
        }
        u -= w;
    }
    weights.len() - 1
}

/// A cumulative sum of positive day weights, inverted in constant time.
struct Cdf {
    /// The weights before each day; one entry more than there are days.
    cum: Vec<f64>,
    /// For each whole number k up to the total, the day d with
    /// `cum[d] <= k < cum[d + 1]`: with every weight at least 0.3, the answer
    /// for any x lies at most four days on.
    index: Vec<u32>,
}

impl Cdf {
    fn new(weights: impl Iterator<Item = f64>) -> Cdf {
        let mut cum = vec![0.0];
        for w in weights {
            debug_assert!(w >= 0.3);
            cum.push(cum[cum.len() - 1] + w);
        }
        let total = cum[cum.len() - 1];
        let index = (0..=total as usize).map(|k| (cum.partition_point(|&c| c <= k as f64) - 1) as u32).collect();
        Cdf { cum, index }
    }

    fn total(&self) -> f64 {
        self.cum[self.cum.len() - 1]
    }

    /// The day d with `cum[d] <= x < cum[d + 1]`, for 0 <= x < total.
    fn day_of(&self, x: f64) -> usize {
        let mut d = self.index[x as usize] as usize;
        while d + 2 < self.cum.len() && self.cum[d + 1] <= x {
            d += 1;
        }
        d
    }
}

/// What all customers share: the calendar and the scaling of purchase rates.
struct Model {
    seed: u64,
    days: i32,
    /// New customers by day: more early on and around Black Friday and Christmas.
    arrivals: Cdf,
    /// Purchase-rate factors by day (seasonal and weekly).
    season: Cdf,
    /// Purchase rates are multiplied, and dropout chances divided, by this.
    intensity: f64,
    refund_p: f64,
    /// Hours of the day in proportion to [`HOUR_WEIGHT`], for a draw by index.
    hours: Vec<u8>,
}

impl Model {
    fn new(opts: &LogOptions, intensity: f64) -> Model {
        let days = opts.days as i32;
        let dates = || (0..days).map(|t| (t, opts.start.add_days(t))).map(|(t, d)| (t, d.ymd().1 as usize - 1, d));
        let arrivals =
            Cdf::new(dates().map(|(t, m, _)| (1.6 - 1.1 * f64::from(t) / f64::from(days)) * ARRIVAL_MONTH_FACTOR[m]));
        let season = Cdf::new(dates().map(|(_, m, d)| MONTH_FACTOR[m] * WEEKDAY_FACTOR[d.weekday() as usize]));
        let share = if opts.refund_share.is_finite() { opts.refund_share.clamp(0.0, 0.5) } else { 0.0 };
        // Refunds are drawn per order; a few fall after the end or wait behind another.
        let refund_p = (share / (1.0 - share) * 1.04).min(1.0);
        let hours = (0u8..24).flat_map(|h| std::iter::repeat_n(h, HOUR_WEIGHT[h as usize] as usize)).collect();
        Model { seed: opts.seed, days, arrivals, season, intensity, refund_p, hours }
    }

    /// The first random stream of customer `id`: its first draw is the arrival day.
    fn timing_rng(&self, id: u32) -> Rng {
        let mut mix = Rng::new(self.seed ^ (u64::from(id) + 1).wrapping_mul(0xA076_1D64_78BD_642F));
        Rng::new(mix.next_u64())
    }

    /// The day customer `id` places a first order (cheap: one draw and a look-up).
    fn arrival(&self, id: u32) -> i32 {
        let u = self.timing_rng(id).next_f64();
        self.arrivals.day_of(u * self.arrivals.total()) as i32
    }

    /// The day of the next order after one at noon of `day`, or [`NONE`] past the
    /// end: a Poisson process whose rate follows the seasons, by inversion of its
    /// cumulative rate (one random draw and a look-up).
    fn next_purchase(&self, rng: &mut Rng, day: i32, rate: f64) -> i32 {
        let cum = &self.season.cum;
        let target = (cum[day as usize] + cum[day as usize + 1]) * 0.5 + exp1(rng) / rate;
        if target >= self.season.total() {
            return NONE;
        }
        self.season.day_of(target) as i32
    }
}

/// One emitted row.
#[derive(Clone, Copy, Debug)]
struct Event {
    day: i32,
    secs: u32,
    cents: i32,
    refund: bool,
}

/// A customer's state between orders (56 bytes; only customers still active are kept).
///
/// Two random streams: `timing` decides when rows happen (arrival, rate, dropout,
/// gaps, refunds), `values` what they hold (amounts, times of day, attributes), so
/// that the counting pass can skip the values and still make the same rows.
#[derive(Clone, Debug)]
struct Customer {
    timing: Rng,
    values: Rng,
    id: u32,
    next_purchase: i32,
    refund_day: i32,
    refund_cents: i32,
    /// Rows this customer may still write (caps the last customer of a population).
    left: u32,
    rate: f32,
    dropout: f32,
    spend_mu: f32,
    /// Bits 0-1 channel, 2 loyalty member, 3-5 region.
    attrs: u8,
}

impl Customer {
    /// Customer `id`; without `VALUES` only what decides when its rows happen.
    fn new<const VALUES: bool>(m: &Model, id: u32, left: u32) -> Customer {
        let arrival = m.arrival(id);
        let mut timing = m.timing_rng(id);
        timing.next_u64(); // the arrival draw
        let mut values = Rng::new(timing.next_u64());
        let loyal = timing.next_f64() < LOYAL_SHARE;
        let (rates, dropouts) = heterogeneity();
        let rate = rates.at(timing.next_f64()) * m.intensity;
        let mut dropout = dropouts.at(timing.next_f64());
        if loyal {
            dropout *= LOYAL_DROPOUT;
        }
        let dropout = (dropout / m.intensity).min(1.0);
        let (mut channel, mut region, mut spend_mu) = (0, 0, 0.0);
        if VALUES {
            channel = pick(&mut values, &CHANNEL_WEIGHT) as u8;
            region = pick(&mut values, &REGION_WEIGHT) as u8;
            spend_mu = SPEND_MEDIAN_CENTS.ln() + SPEND_LEVEL_SIGMA * quick_normal(&mut values);
        }
        Customer {
            timing,
            values,
            id,
            next_purchase: arrival,
            refund_day: NONE,
            refund_cents: 0,
            left,
            rate: rate as f32,
            dropout: dropout as f32,
            spend_mu: spend_mu as f32,
            attrs: channel | u8::from(loyal) << 2 | region << 3,
        }
    }

    /// The day of this customer's next row, or [`NONE`].
    fn next_day(&self) -> i32 {
        if self.left == 0 {
            NONE
        } else {
            self.next_purchase.min(self.refund_day)
        }
    }

    /// The next row; only when [`Self::next_day`] is a day. Without `VALUES` the
    /// row has the right day and kind but no time or amount.
    fn pop<const VALUES: bool>(&mut self, m: &Model) -> Event {
        self.left -= 1;
        let (timing, values) = (&mut self.timing, &mut self.values);
        if self.refund_day < self.next_purchase {
            let secs = if VALUES { values.range(9 * 3600, 18 * 3600 - 1) as u32 } else { 0 };
            let day = std::mem::replace(&mut self.refund_day, NONE);
            return Event { day, secs, cents: -self.refund_cents, refund: true };
        }
        let day = self.next_purchase;
        let (mut secs, mut cents) = (0, 0);
        if VALUES {
            let r = values.next_u64();
            let hour = u32::from(m.hours[(((r & 0xFFFF_FFFF) * m.hours.len() as u64) >> 32) as usize]);
            secs = hour * 3600 + ((r >> 32) % 3600) as u32;
            let mut amount = (f64::from(self.spend_mu) + ORDER_SIGMA * quick_normal(values)).exp();
            if self.attrs & 4 != 0 {
                amount *= LOYAL_SPEND;
            }
            if values.next_f64() < BULK_SHARE {
                amount *= 8.0 + 30.0 * values.next_f64();
            }
            cents = amount.round().clamp(150.0, 2_500_000.0) as i32;
        }
        if self.refund_day == NONE && timing.next_f64() < m.refund_p {
            let refund_day = day + 1 + ((exp1(timing) * 6.0) as i32).min(44);
            if refund_day < m.days {
                self.refund_day = refund_day;
                if VALUES {
                    let u = values.next_f64();
                    self.refund_cents = if u < FULL_REFUND_SHARE {
                        cents
                    } else {
                        let part = 0.2 + 0.6 * (u - FULL_REFUND_SHARE) / (1.0 - FULL_REFUND_SHARE);
                        ((f64::from(cents) * part).round() as i32).max(1)
                    };
                }
            }
        }
        self.next_purchase = if timing.next_f64() < f64::from(self.dropout) {
            NONE
        } else {
            m.next_purchase(timing, day, f64::from(self.rate))
        };
        Event { day, secs, cents, refund: false }
    }

    /// Rows this customer writes, counting at most `limit`.
    fn count(mut self, m: &Model, limit: u64) -> u64 {
        let mut n = 0;
        while n < limit && self.next_day() != NONE {
            self.pop::<false>(m);
            n += 1;
        }
        n
    }
}

/// The population to simulate: customers `0..customers`, the last capped.
struct Plan {
    model: Model,
    customers: u32,
    last_cap: u32,
}

impl Plan {
    fn customer(&self, id: u32) -> Customer {
        let left = if id + 1 == self.customers { self.last_cap } else { u32::MAX };
        Customer::new::<true>(&self.model, id, left)
    }

    /// Customers are added until their rows reach `rows` exactly (the last one
    /// capped): a first, counting pass over the same simulation.
    fn open_population(model: Model, rows: u64) -> io::Result<Plan> {
        let (mut total, mut id, mut last) = (0u64, 0u32, 0u64);
        while total < rows {
            if id == u32::MAX - 1 {
                return Err(invalid("too many customers for the rows asked"));
            }
            last = Customer::new::<false>(&model, id, u32::MAX).count(&model, rows - total);
            total += last;
            id += 1;
        }
        Ok(Plan { model, customers: id, last_cap: last.min(u64::from(u32::MAX)) as u32 })
    }

    /// A fixed population: the intensity that makes its rows just reach `rows`
    /// (within 0.5%; the writer stops at `rows`), found by bracketing and bisection.
    fn fixed_population(opts: &LogOptions, rows: u64) -> Plan {
        let n = opts.customers as u32;
        let tolerance = rows / 200;
        let total = |k: f64| {
            let m = Model::new(opts, k);
            let limit = rows + tolerance + 1;
            let mut sum = 0;
            for id in 0..n {
                sum += Customer::new::<false>(&m, id, u32::MAX).count(&m, limit - sum);
                if sum >= limit {
                    break;
                }
            }
            sum
        };
        let good = |t: u64| t >= rows && t <= rows + tolerance;
        let mut k = 1.0;
        let t = total(k);
        if !good(t) {
            let (mut lo, mut hi) = (1.0, 1.0);
            if t < rows {
                while hi < 1e12 {
                    lo = hi;
                    hi *= 4.0;
                    if total(hi) >= rows {
                        break;
                    }
                }
            } else {
                while lo > 1e-6 {
                    hi = lo;
                    lo /= 4.0;
                    if total(lo) < rows {
                        break;
                    }
                }
            }
            k = hi;
            // A handful of customers make a step function: stop when the bracket is tight.
            while hi / lo > 1.000_001 {
                let mid = (lo * hi).sqrt();
                let t = total(mid);
                if t < rows {
                    lo = mid;
                } else {
                    hi = mid;
                    k = mid;
                    if good(t) {
                        break;
                    }
                }
            }
        }
        Plan { model: Model::new(opts, k), customers: n, last_cap: u32::MAX }
    }
}

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
struct LogWriter<'a, W: Write> {
    opts: &'a LogOptions,
    plan: &'a Plan,
    out: W,
    /// UTF-8 text not yet written, and the same text encoded.
    text: Vec<u8>,
    encoded: Vec<u8>,
    summary: LogSummary,
}

const BLOCK: usize = 64 * 1024;

impl<'a, W: Write> LogWriter<'a, W> {
    fn new(opts: &'a LogOptions, plan: &'a Plan, out: W) -> Self {
        let (text, encoded) = (Vec::with_capacity(BLOCK + 1024), Vec::new());
        LogWriter { opts, plan, out, text, encoded, summary: LogSummary::default() }
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
        self.summary.bytes += bytes.len() as u64;
        self.text.clear();
        Ok(())
    }

    fn run(mut self) -> io::Result<LogSummary> {
        let opts = self.opts;
        let bom: &[u8] = match opts.encoding {
            SynthEncoding::Utf8Bom => b"\xEF\xBB\xBF",
            SynthEncoding::Utf16Le => b"\xFF\xFE",
            _ => b"",
        };
        self.out.write_all(bom)?;
        self.summary.bytes += bom.len() as u64;
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
            let remaining = (opts.rows - self.summary.rows) as usize;
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
                    thousands = (u >> 8) % 2 == 0;
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

                let s = &mut self.summary;
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
                if self.summary.rows == opts.rows {
                    break 'days;
                }
            }
        }
        self.flush_text()?;
        self.out.flush()?;
        Ok(self.summary)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_sample_log_reads_without_a_skipped_row() {
        let text = sample_log();
        let f = crate::ingest::read_file("voorbeeld.csv", text.as_bytes()).unwrap();
        assert_eq!(f.data_rows, 20_000);
        assert_eq!(f.errors.total, 0, "{:?}", f.errors.listed.first());
        assert!(matches!(f.dataset, crate::ingest::Dataset::Transactions(_)));
    }

    #[test]
    fn splitmix_reference_values() {
        // First outputs for seed 0, from the reference C implementation.
        let mut r = Rng::new(0);
        assert_eq!(r.next_u64(), 0xE220_A839_7B1D_CDAF);
        assert_eq!(r.next_u64(), 0x6E78_9E6A_A1B9_65F4);
    }

    #[test]
    fn sample_is_readable_and_consistent() {
        let csv = period_counts_csv(42, 24);
        assert_eq!(csv, period_counts_csv(42, 24), "seeded: same output every time");
        let file = crate::ingest::read_file("sample.csv", csv.as_bytes()).unwrap();
        let crate::ingest::Dataset::PeriodCounts(p) = &file.dataset else { panic!("not period counts") };
        assert!(file.errors.listed.is_empty(), "{:?}", file.errors);
        assert_eq!(p.rows.len(), 24);
        for w in p.rows.windows(2) {
            assert_eq!(w[0].end, w[1].start, "each period starts where the last ended");
        }
        assert!(p.rows.iter().all(|r| r.crr().is_some_and(|c| (80.0..=97.0).contains(&c))));
    }

    // --- Transaction logs: checked with a small parser of their own. ---

    use std::collections::HashMap;

    /// The text of a log, decoded with encoding_rs (an independent decoder).
    fn text_of(bytes: &[u8], encoding: SynthEncoding) -> String {
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
    struct Row {
        customer: String,
        date: Date,
        secs: u32,
        cents: i64,
        attrs: Vec<String>,
    }

    /// Parses a whole log, checking the header and field counts.
    fn parse(opts: &LogOptions, bytes: &[u8]) -> Vec<Row> {
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
                Row {
                    customer: f[0].clone(),
                    date,
                    secs,
                    cents: cents(&f[2], opts.decimal_comma),
                    attrs: f[3..].to_vec(),
                }
            })
            .collect()
    }

    fn dutch() -> LogOptions {
        LogOptions {
            delimiter: b';',
            decimal_comma: true,
            date_format: SynthDateFormat::DayMonthYear,
            encoding: SynthEncoding::Windows1252,
            dutch_headers: true,
            ..LogOptions::default()
        }
    }

    #[test]
    fn log_is_deterministic_per_seed() {
        let opts = LogOptions { rows: 3000, seed: 7, ..dutch() };
        assert_eq!(log_string(&opts), log_string(&opts));
        assert_ne!(log_string(&opts), log_string(&LogOptions { seed: 8, ..opts.clone() }));
        // The data do not depend on how they are written.
        let mut sink = Vec::new();
        let a = write_log(&opts, &mut sink).unwrap();
        let b = write_log(&LogOptions { rows: 3000, seed: 7, ..LogOptions::default() }, &mut sink).unwrap();
        assert_eq!(LogSummary { bytes: 0, ..a }, LogSummary { bytes: 0, ..b });
    }

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

    #[test]
    fn refunds_follow_an_earlier_order_of_the_same_customer() {
        let opts = LogOptions { rows: 20_000, seed: 11, refund_share: 0.1, ..LogOptions::default() };
        let rows = parse(&opts, &log_string(&opts));
        // Per customer: first order day and largest order so far.
        let mut seen: HashMap<&str, (Date, i64)> = HashMap::new();
        let mut refunds = 0;
        for r in &rows {
            if r.cents < 0 {
                refunds += 1;
                let (first, largest) = seen.get(r.customer.as_str()).copied().expect("refund before any order");
                assert!(r.date > first && -r.cents <= largest, "{} {} {}", r.customer, r.date, r.cents);
            } else {
                let e = seen.entry(&r.customer).or_insert((r.date, 0));
                e.1 = e.1.max(r.cents);
            }
        }
        assert!((0.08..0.12).contains(&(refunds as f64 / rows.len() as f64)), "{refunds}");
    }

    #[test]
    fn log_looks_like_a_shop() {
        let opts = LogOptions { rows: 50_000, seed: 2, ..LogOptions::default() };
        let mut bytes = Vec::new();
        let s = write_log(&opts, &mut bytes).unwrap();
        let rows = parse(&opts, &bytes);
        let per_customer = s.rows as f64 / s.customers as f64;
        let orders: Vec<&Row> = rows.iter().filter(|r| r.cents > 0).collect();
        let mean = |rs: &[&&Row]| rs.iter().map(|r| r.cents as f64).sum::<f64>() / rs.len() as f64 / 100.0;
        let (members, others): (Vec<&&Row>, Vec<&&Row>) = orders.iter().partition(|r| r.attrs[1] == "yes");
        let lift = mean(&members) / mean(&others);
        let mut counts: HashMap<&str, u32> = HashMap::new();
        let mut same_day = 0;
        let mut last_order: HashMap<&str, Date> = HashMap::new();
        for r in &orders {
            *counts.entry(&r.customer).or_default() += 1;
            if last_order.insert(&r.customer, r.date) == Some(r.date) {
                same_day += 1;
            }
        }
        let one_time = counts.values().filter(|&&n| n == 1).count() as f64 / counts.len() as f64;
        let refund_share = s.refunds as f64 / s.rows as f64;
        let first_year = rows.iter().filter(|r| r.date < Date::from_ymd(2023, 1, 1).unwrap()).count();
        eprintln!(
            "rows/customer {per_customer:.2}, mean order €{:.2}, member lift {lift:.3}, one-time {one_time:.2}, \
             same-day {same_day}, refunds {refund_share:.4}, first year {first_year}, bytes/row {:.1}",
            mean(&orders.iter().collect::<Vec<_>>()),
            s.bytes as f64 / s.rows as f64
        );
        assert!((3.5..7.0).contains(&per_customer));
        assert!((40.0..80.0).contains(&mean(&orders.iter().collect::<Vec<_>>())));
        assert!((1.1..1.3).contains(&lift));
        assert!((0.3..0.7).contains(&one_time));
        assert!(same_day > 50);
        assert!((0.015..0.025).contains(&refund_share));
        for region in REGIONS {
            assert!(rows.iter().any(|r| r.attrs[2] == region));
        }
    }

    #[test]
    fn bad_options_are_refused() {
        let mut out = Vec::new();
        for opts in [
            LogOptions { delimiter: b'"', ..LogOptions::default() },
            LogOptions { delimiter: 0xA4, ..LogOptions::default() },
            LogOptions { days: 0, ..LogOptions::default() },
            LogOptions { start: Date::from_ymd(9999, 6, 1).unwrap(), ..LogOptions::default() },
        ] {
            assert_eq!(write_log(&opts, &mut out).unwrap_err().kind(), io::ErrorKind::InvalidInput);
        }
    }
}
