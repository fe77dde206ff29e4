//! Maximum likelihood in log-parameter space: the contract every model fits through.
//!
//! A model gives its log-likelihood and the exact gradient with respect to
//! θ = ln(parameters) (all parameters here are positive). [`maximise`] runs BFGS from
//! each starting point, falls back to Nelder-Mead when BFGS fails, keeps the best, and
//! reports how it ended. Standard errors come from the Hessian H of the log-likelihood
//! in θ (finite differences of the exact gradient) with the covariance of the natural
//! parameters p = exp(θ) as J·(−H)⁻¹·J, J = diag(p).

/// A log-likelihood to maximise, in θ = ln(parameters).
pub trait Objective {
    /// The parameters' names, in order (e.g. `["r", "alpha", "a", "b"]`).
    fn names(&self) -> &'static [&'static str];
    /// The log-likelihood at θ, with its gradient written into `grad` (same length as
    /// θ). May return a non-finite value where the likelihood is not defined.
    fn value_gradient(&self, theta: &[f64], grad: &mut [f64]) -> f64;
    /// Starting points in θ (at least one).
    fn starts(&self) -> Vec<Vec<f64>>;
}

/// Which criterion ended the search.
#[derive(Clone, Copy, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
pub enum Convergence {
    /// The gradient in θ is below tolerance (max |∂ℓ/∂θ_i| ≤ 1e-6 · max(1, |ℓ|)).
    Gradient,
    /// The log-likelihood changed by less than 1e-12 relatively over an iteration
    /// (gradient not yet small: a flat ridge).
    Function,
    /// Iteration limit reached without either.
    NotConverged,
}

/// The search method that produced the best fit.
#[derive(Clone, Copy, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
pub enum Method {
    Bfgs,
    NelderMead,
}

/// One fitted parameter (natural scale) with its standard error and 95% interval
/// (from the log scale: exp(θ ± 1.96·se_θ), so the interval stays positive).
#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Estimate {
    pub name: String,
    pub value: f64,
    /// `None` when the Hessian is not negative definite there.
    pub se: Option<f64>,
    pub low: Option<f64>,
    pub high: Option<f64>,
}

/// A finished fit.
#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Fit {
    pub estimates: Vec<Estimate>,
    /// The maximised log-likelihood.
    pub log_likelihood: f64,
    pub convergence: Convergence,
    pub method: Method,
    /// Iterations of the search that produced the best fit.
    pub iterations: u32,
    /// max |∂ℓ/∂θ_i| at the optimum.
    pub gradient_norm: f64,
    /// How many starting points were tried.
    pub starts: u32,
    /// The fitted θ (log parameters).
    pub theta: Vec<f64>,
    /// Covariance of θ, (−H)⁻¹, row-major; `None` when H is not negative definite.
    pub theta_covariance: Option<Vec<f64>>,
}

impl Fit {
    /// The fitted parameters on their natural scale, in the order of `names`.
    pub fn params(&self) -> Vec<f64> {
        self.estimates.iter().map(|e| e.value).collect()
    }
}

/// Why a model could not be fitted at all.
#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
pub enum FitError {
    /// Too few customers (or none with repeat purchases) to fit.
    NotEnoughData { needed: usize, got: usize },
    /// No starting point gave a finite log-likelihood.
    NoFiniteStart,
}

impl std::fmt::Display for FitError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            FitError::NotEnoughData { needed, got } => {
                write!(f, "too few customers to fit: {got}, at least {needed} needed")
            }
            FitError::NoFiniteStart => f.write_str("the likelihood is not finite at any starting point"),
        }
    }
}

impl std::error::Error for FitError {}
