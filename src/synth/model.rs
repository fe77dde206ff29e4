//! The purchase model, buy-till-you-die in the manner of BG/NBD (see [`super::write_log`]):
//! its parameters, the calendar all customers share ([`Model`]), one customer's state
//! between orders ([`Customer`]) and the population to simulate ([`Plan`]).

use super::distributions::{beta, exp1, gamma, pick, quick_normal, Cdf, Quantiles};
use super::random::Rng;
use super::{invalid, LogOptions};
use std::io;

/// "No day": a customer who will not buy again, or has no refund pending.
pub(super) const NONE: i32 = i32::MAX;

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

pub(super) const CHANNELS: [&str; 3] = ["web", "shop", "app"];
const CHANNEL_WEIGHT: [u32; 3] = [55, 20, 25];
pub(super) const REGIONS: [&str; 8] =
    ["Zuid-Holland", "Noord-Holland", "Noord-Brabant", "Gelderland", "Utrecht", "Overijssel", "Limburg", "Fryslân"];
const REGION_WEIGHT: [u32; 8] = [22, 18, 16, 13, 9, 8, 7, 7];

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

/// What all customers share: the calendar and the scaling of purchase rates.
pub(super) struct Model {
    seed: u64,
    pub(super) days: i32,
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
    pub(super) fn new(opts: &LogOptions, intensity: f64) -> Model {
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
    pub(super) fn arrival(&self, id: u32) -> i32 {
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
pub(super) struct Event {
    pub(super) day: i32,
    pub(super) secs: u32,
    pub(super) cents: i32,
    pub(super) refund: bool,
}

/// A customer's state between orders (56 bytes; only customers still active are kept).
///
/// Two random streams: `timing` decides when rows happen (arrival, rate, dropout,
/// gaps, refunds), `values` what they hold (amounts, times of day, attributes), so
/// that the counting pass can skip the values and still make the same rows.
#[derive(Clone, Debug)]
pub(super) struct Customer {
    timing: Rng,
    values: Rng,
    pub(super) id: u32,
    next_purchase: i32,
    refund_day: i32,
    refund_cents: i32,
    /// Rows this customer may still write (caps the last customer of a population).
    left: u32,
    rate: f32,
    dropout: f32,
    spend_mu: f32,
    /// Bits 0-1 channel, 2 loyalty member, 3-5 region.
    pub(super) attrs: u8,
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
    pub(super) fn next_day(&self) -> i32 {
        if self.left == 0 {
            NONE
        } else {
            self.next_purchase.min(self.refund_day)
        }
    }

    /// The next row; only when [`Self::next_day`] is a day. Without `VALUES` the
    /// row has the right day and kind but no time or amount.
    pub(super) fn pop<const VALUES: bool>(&mut self, m: &Model) -> Event {
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
pub(super) struct Plan {
    pub(super) model: Model,
    pub(super) customers: u32,
    pub(super) last_cap: u32,
}

impl Plan {
    pub(super) fn customer(&self, id: u32) -> Customer {
        let left = if id + 1 == self.customers { self.last_cap } else { u32::MAX };
        Customer::new::<true>(&self.model, id, left)
    }

    /// Customers are added until their rows reach `rows` exactly (the last one
    /// capped): a first, counting pass over the same simulation.
    pub(super) fn open_population(model: Model, rows: u64) -> io::Result<Plan> {
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
    pub(super) fn fixed_population(opts: &LogOptions, rows: u64) -> Plan {
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

#[cfg(test)]
mod tests {
    use super::super::test_log::{parse, Row};
    use super::super::{log_string, write_log};
    use super::*;
    use crate::calendar::Date;
    use std::collections::HashMap;

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
}
