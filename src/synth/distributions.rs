//! Draws from the distributions the purchase model needs (exponential, normal, gamma,
//! beta, weighted choice), and the tables that make repeated draws cheap: quantiles
//! of a sampled distribution and the inverse of a cumulative sum of day weights.

use super::random::Rng;

/// Exponential with mean 1.
pub(super) fn exp1(rng: &mut Rng) -> f64 {
    -(1.0 - rng.next_f64()).ln()
}

/// Standard normal (Box-Muller, one of the pair).
pub(super) fn normal(rng: &mut Rng) -> f64 {
    let u1 = 1.0 - rng.next_f64();
    let u2 = rng.next_f64();
    (-2.0 * u1.ln()).sqrt() * (std::f64::consts::TAU * u2).cos()
}

/// Roughly standard normal, cheaply: the sum of four 16-bit uniforms (Irwin-Hall),
/// bounded at ±3.46. Good enough for order amounts, drawn once per row.
pub(super) fn quick_normal(rng: &mut Rng) -> f64 {
    let x = rng.next_u64();
    let sum = (x & 0xFFFF) + (x >> 16 & 0xFFFF) + (x >> 32 & 0xFFFF) + (x >> 48);
    (sum as f64 / 65_536.0 - 2.0) * 3.0f64.sqrt()
}

/// Gamma with scale 1 (Marsaglia & Tsang 2000).
pub(super) fn gamma(rng: &mut Rng, shape: f64) -> f64 {
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

pub(super) fn beta(rng: &mut Rng, a: f64, b: f64) -> f64 {
    let x = gamma(rng, a);
    let y = gamma(rng, b);
    x / (x + y)
}

/// Quantiles of a distribution, from sorted samples: a draw is one uniform and a
/// look-up, much cheaper than rejection sampling once per customer.
pub(super) struct Quantiles(Vec<f64>);

impl Quantiles {
    const POINTS: usize = 2048;

    pub(super) fn from_samples(mut sample: impl FnMut(&mut Rng) -> f64, seed: u64) -> Quantiles {
        let mut rng = Rng::new(seed);
        let mut xs: Vec<f64> = (0..Self::POINTS * 32).map(|_| sample(&mut rng)).collect();
        xs.sort_unstable_by(f64::total_cmp);
        let last = xs.len() - 1;
        Quantiles((0..=Self::POINTS).map(|i| xs[i * last / Self::POINTS]).collect())
    }

    /// The quantile at `u` in [0, 1), interpolated.
    pub(super) fn at(&self, u: f64) -> f64 {
        let x = u * Self::POINTS as f64;
        let i = (x as usize).min(Self::POINTS - 1);
        let f = x - i as f64;
        self.0[i] * (1.0 - f) + self.0[i + 1] * f
    }
}

/// An index drawn with the given weights.
pub(super) fn pick(rng: &mut Rng, weights: &[u32]) -> usize {
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
pub(super) struct Cdf {
    /// The weights before each day; one entry more than there are days.
    pub(super) cum: Vec<f64>,
    /// For each whole number k up to the total, the day d with
    /// `cum[d] <= k < cum[d + 1]`: with every weight at least 0.3, the answer
    /// for any x lies at most four days on.
    index: Vec<u32>,
}

impl Cdf {
    pub(super) fn new(weights: impl Iterator<Item = f64>) -> Cdf {
        let mut cum = vec![0.0];
        for w in weights {
            debug_assert!(w >= 0.3);
            cum.push(cum[cum.len() - 1] + w);
        }
        let total = cum[cum.len() - 1];
        let index = (0..=total as usize).map(|k| (cum.partition_point(|&c| c <= k as f64) - 1) as u32).collect();
        Cdf { cum, index }
    }

    pub(super) fn total(&self) -> f64 {
        self.cum[self.cum.len() - 1]
    }

    /// The day d with `cum[d] <= x < cum[d + 1]`, for 0 <= x < total.
    pub(super) fn day_of(&self, x: f64) -> usize {
        let mut d = self.index[x as usize] as usize;
        while d + 2 < self.cum.len() && self.cum[d + 1] <= x {
            d += 1;
        }
        d
    }
}
