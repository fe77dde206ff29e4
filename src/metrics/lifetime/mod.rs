//! Lifetime value from the model's customers (METRICS.md, "Lifetime value"): the fits,
//! the per-customer predictions, the backtest against the holdout, and the simple CLV
//! inputs measured from a log. The Web Worker holds a [`Valuer`] per loaded file; the
//! page gets the small results (`ModelAnswer`, `Valuation`) and asks for pages of the
//! per-customer table.
//!
//! ```text
//!   calibration (x, t_x, T, monetary, holdout) ─ compress ─▶ fits (one per model, cached
//!   per time unit and calibration end) ─▶ predictions (per distinct customer history,
//!   cached per horizon, margin and discount) ─▶ Valuation · table pages · CSV
//! ```

pub mod backtest;
pub mod fits;
pub mod opportunities;
pub mod predictions;
pub mod simple;
pub mod subscriptions;
pub mod table;

pub use backtest::Backtest;
pub use fits::{ModelAnswer, ModelKind, SpendFit};
pub use opportunities::OpportunityFigures;
pub use predictions::{Prediction, Valuation};
pub use simple::SimpleInputs;
pub use subscriptions::SubscriptionFigures;
pub use table::{SortColumn, TablePage, TableQuery};

use crate::calendar::{Date, TimeUnit};
use serde::{Deserialize, Serialize};

/// Default margin on revenue, %.
pub const DEFAULT_MARGIN_PCT: f64 = 30.0;
/// Default yearly discount rate, % (METRICS.md).
pub const DEFAULT_DISCOUNT_PCT: f64 = 10.0;

/// The settings of the lifetime-value figures (each mirrored in the URL).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ValuationSettings {
    pub time_unit: TimeUnit,
    /// c; `None`: the log's last purchase date (no holdout).
    pub calibration_end: Option<Date>,
    /// H, in the time unit; `None`: one year of it (365, 52 or 12).
    pub horizon: Option<u32>,
    /// Margin on revenue, % (CLV is margin, not revenue).
    pub margin_pct: f64,
    /// Yearly discount rate, %.
    pub discount_pct: f64,
}

impl Default for ValuationSettings {
    fn default() -> Self {
        ValuationSettings {
            time_unit: TimeUnit::Week,
            calibration_end: None,
            horizon: None,
            margin_pct: DEFAULT_MARGIN_PCT,
            discount_pct: DEFAULT_DISCOUNT_PCT,
        }
    }
}

impl ValuationSettings {
    /// H in units: as set, or one year of the unit (rounded).
    pub fn horizon_units(&self) -> u32 {
        self.horizon.unwrap_or_else(|| self.time_unit.per_year().round() as u32).max(1)
    }

    /// What a fit depends on: a change of anything else leaves the fits as they are.
    pub fn fit_key(&self) -> (TimeUnit, Option<Date>) {
        (self.time_unit, self.calibration_end)
    }
}

use crate::ingest::other_kinds::SummaryRow;
use crate::ingest::CustomerLog;
use crate::metrics::calibration::Calibration;
use fits::Fitted;
use table::Table;

/// Where the model's customers come from.
#[derive(Clone, Copy)]
pub enum Source<'a> {
    Log(&'a CustomerLog),
    Summary(&'a [SummaryRow]),
}

impl<'a> Source<'a> {
    fn calibrate(self, settings: &ValuationSettings) -> Calibration {
        match self {
            Source::Log(log) => Calibration::of_log(log, settings.calibration_end, settings.time_unit),
            Source::Summary(rows) => Calibration::of_summary(rows, settings.time_unit),
        }
    }

    /// The id of the customer with index `i` (as `Calibrated::index`).
    pub fn id(self, i: u32) -> &'a str {
        match self {
            Source::Log(log) => log.id(i as usize),
            Source::Summary(rows) => &rows[i as usize].customer,
        }
    }
}

/// What the worker keeps between requests for one source: the calibration and fits of
/// the current time unit and calibration end, and the predictions of the current
/// horizon, margin and discount.
#[derive(Default)]
pub struct Valuer {
    key: Option<(TimeUnit, Option<Date>)>,
    calibration: Option<Calibration>,
    fits: Vec<(ModelAnswer, Option<Fitted>)>,
    predictions: Option<(ValuationSettings, predictions::Predicted)>,
    /// The last valuation (its backtest made again once Pareto/NBD is fitted).
    valuation: Option<Valuation>,
    order: Option<((SortColumn, bool, bool), Vec<u32>)>,
}

impl Valuer {
    /// The calibration for `settings`, made anew (and the fits forgotten) when the time
    /// unit or the calibration end changed.
    fn calibration(&mut self, source: Source, settings: &ValuationSettings) -> &Calibration {
        if self.key != Some(settings.fit_key()) || self.calibration.is_none() {
            *self = Valuer {
                key: Some(settings.fit_key()),
                calibration: Some(source.calibrate(settings)),
                ..Valuer::default()
            };
        }
        self.calibration.as_ref().expect("just made")
    }

    /// Fits `kind` for `settings` (or gives the fit already made for them); `now`
    /// is a clock in milliseconds, for the answer's `elapsed_ms`.
    pub fn fit(
        &mut self,
        source: Source,
        settings: &ValuationSettings,
        kind: ModelKind,
        now: &dyn Fn() -> f64,
    ) -> ModelAnswer {
        self.calibration(source, settings);
        if let Some((answer, _)) = self.fits.iter().find(|(a, _)| a.kind == kind) {
            return answer.clone();
        }
        let calibration = self.calibration.as_ref().expect("made above");
        let started = now();
        let (mut answer, fitted) = fits::fit(kind, calibration);
        answer.elapsed_ms = now() - started;
        self.fits.push((answer.clone(), fitted));
        answer
    }

    fn fitted(&self, kind: ModelKind) -> Option<(&Fitted, &crate::models::optimise::Fit)> {
        self.fits.iter().find(|(a, _)| a.kind == kind).and_then(|(a, f)| Some((f.as_ref()?, a.result.as_ref().ok()?)))
    }

    /// Gamma-Gamma with its fit, when its expected spends can be used (q > 1).
    fn spend_fit(&self) -> Option<(&crate::models::gamma_gamma::GammaGamma, &crate::models::optimise::Fit)> {
        match self.fitted(ModelKind::GammaGamma) {
            Some((Fitted::GammaGamma(m), f)) if m.q > 1.0 => Some((m, f)),
            _ => None,
        }
    }

    /// The figures for `settings`, fitting BG/NBD and Gamma-Gamma if they are not yet
    /// (the backtest compares with Pareto/NBD once that is fitted: it can take much
    /// longer, so the page asks for it after these figures); `None` when BG/NBD could
    /// not be fitted.
    pub fn value(&mut self, source: Source, settings: &ValuationSettings, now: &dyn Fn() -> f64) -> Option<Valuation> {
        for kind in [ModelKind::BgNbd, ModelKind::GammaGamma] {
            self.fit(source, settings, kind, now);
        }
        let (bgnbd, bgnbd_fit) = self.fitted(ModelKind::BgNbd)?;
        let gg = self.spend_fit();
        let spend_problem =
            self.fits.iter().find(|(a, _)| a.kind == ModelKind::GammaGamma).and_then(|(a, _)| a.spend_problem.clone());
        let pnbd = self.fitted(ModelKind::ParetoNbd).and_then(|(m, _)| m.counts());
        let calibration = self.calibration.as_ref()?;
        let counts = bgnbd.counts()?;
        if let Some(last) = self.valuation.as_ref().filter(|v| v.settings == *settings) {
            // Predictions and intervals are BG/NBD's and Gamma-Gamma's, already made: only
            // the backtest gains Pareto/NBD.
            let backtest = Backtest::of(calibration, counts, pnbd);
            return Some(Valuation { backtest, ..last.clone() });
        }
        let predicted = predictions::predict(calibration, counts, gg.map(|(m, _)| m), settings);
        let valuation =
            predictions::valuation(calibration, bgnbd, Some(bgnbd_fit), gg, spend_problem, pnbd, &predicted, settings);
        self.predictions = Some((settings.clone(), predicted));
        self.order = None;
        self.valuation = Some(valuation.clone());
        Some(valuation)
    }

    /// One page of the per-customer table (of the last `value`).
    pub fn page(&mut self, source: Source, query: &TableQuery) -> TablePage {
        let (Some(calibration), Some((_, predictions))) = (&self.calibration, &self.predictions) else {
            return TablePage::default();
        };
        let id = move |i: u32| source.id(i);
        let table = Table::of(calibration, predictions, &id);
        let order_key = (query.sort, query.descending, query.lapsed_only);
        if self.order.as_ref().is_none_or(|(k, _)| *k != order_key) {
            self.order = Some((order_key, table.order(query.sort, query.descending, query.lapsed_only)));
        }
        let order = &self.order.as_ref().expect("just made").1;
        let (matching, indices) = table.page_rows(order, query);
        let mut rows: Vec<table::CustomerRow> = indices.iter().map(|&i| table.row(i)).collect();
        // The intervals of the rows in view (a few evaluations of the predictions each).
        if let (Some((bgnbd, bgnbd_fit)), Some((settings, _))) = (self.fitted(ModelKind::BgNbd), &self.predictions) {
            let gg = self.spend_fit();
            for (row, &i) in rows.iter_mut().zip(&indices) {
                let c = &calibration.customers[i as usize];
                (row.expected_interval, row.clv_interval) =
                    predictions::customer_intervals(c, bgnbd, bgnbd_fit, gg, settings);
            }
        }
        TablePage { matching, offset: query.offset, rows }
    }

    /// The whole table (or the activation list) as CSV, in the order asked.
    pub fn csv(&mut self, source: Source, query: &TableQuery) -> String {
        let all = TableQuery { offset: 0, limit: usize::MAX, ..query.clone() };
        let (Some(calibration), Some((_, predictions))) = (&self.calibration, &self.predictions) else {
            return String::new();
        };
        let id = move |i: u32| source.id(i);
        let table = Table::of(calibration, predictions, &id);
        let order = table.order(all.sort, all.descending, all.lapsed_only);
        table::csv(&table, &order, &all.search)
    }
}
