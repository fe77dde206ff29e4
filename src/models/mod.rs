//! Lifetime-value models fitted by maximum likelihood (METRICS.md, "Lifetime value"):
//! pure Rust, no I/O, tested natively against published values and the `lifetimes`
//! package (`tests/models/`).
//!
//! ```text
//!   data        Customer { x, t_x, t, weight } · compress (identical rows → one weighted term)
//!   special     ln Γ, ψ, ln B, the Gaussian hypergeometric ₂F₁ (log space), log-sum-exp
//!   optimise    Objective (log-likelihood and its gradient in log-parameter space)
//!               → maximise: BFGS from several starts, Nelder-Mead fallback, diagnostics,
//!               covariance of the natural parameters J·H⁻¹·J, delta-method intervals
//!   bgnbd · mbgnbd · pareto_nbd    purchase counts: fit, P(alive), expected purchases
//!   gamma_gamma                    spend per purchase
//!   bgbb                           discrete purchase opportunities
//!   sbg · kaplan_meier             subscriptions
//!   clv                            simple CLV and discounted model CLV in the chosen unit
//! ```
//! Every model works in log space throughout, so that a customer with hundreds of
//! purchases neither overflows nor gives NaN.

pub mod data;
pub mod optimise;
pub mod special;

pub mod bgnbd;
pub mod mbgnbd;
pub mod pareto_nbd;

pub mod bgbb;
pub mod gamma_gamma;
pub mod kaplan_meier;
pub mod sbg;

pub mod clv;
