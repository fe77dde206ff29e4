//! The page's share of the lifetime-value figures: the settings (mirrored in the URL),
//! each model's answer as it arrives, the valuation, and where the fits are
//! (`data-fit-state`). The worker fits after the retention figures are on screen, so
//! `data-state=ready` never waits for this.

use crate::metrics::lifetime::{ModelAnswer, SubscriptionFigures, TablePage, TableQuery, Valuation, ValuationSettings};
use std::rc::Rc;

/// `[data-fit-state]` of the lifetime-value section.
#[derive(Clone, Debug, PartialEq, Default)]
pub enum FitState {
    /// Nothing to fit (no log or summary), or not started.
    #[default]
    Idle,
    Fitting,
    Done,
    /// BG/NBD could not be fitted: the reason is in its answer.
    Failed,
}

impl FitState {
    pub fn key(&self) -> &'static str {
        match self {
            FitState::Idle => "idle",
            FitState::Fitting => "fitting",
            FitState::Done => "done",
            FitState::Failed => "failed",
        }
    }
}

#[derive(Clone, Debug, PartialEq, Default)]
pub struct Lifetime {
    pub settings: ValuationSettings,
    pub state: FitState,
    /// The answers of the current fits, in the order they arrived.
    pub models: Vec<ModelAnswer>,
    pub valuation: Option<Rc<Valuation>>,
    /// The page of the customer table and of the activation list in view, with the
    /// query each answers (of the current valuation).
    pub table: Option<(TableQuery, Rc<TablePage>)>,
    pub activation: Option<(TableQuery, Rc<TablePage>)>,
    /// Kaplan-Meier and sBG of a subscriptions file, for the settings' time unit.
    pub subscriptions: Option<Rc<SubscriptionFigures>>,
}

pub enum LifetimeAction {
    /// The user changed a setting: fits for an older time unit or calibration end no
    /// longer apply, predictions for older settings are replaced when the new arrive.
    SetSettings(ValuationSettings),
    /// The worker starts fitting for `settings`.
    Started(ValuationSettings),
    ModelDone {
        settings: ValuationSettings,
        answer: Box<ModelAnswer>,
    },
    /// `None`: BG/NBD could not be fitted (or there is nothing to fit).
    /// `last`: every model is fitted (until then the section stays `fitting`).
    ValuationDone {
        settings: ValuationSettings,
        valuation: Option<Box<Valuation>>,
        last: bool,
    },
    /// A page of the customer table (or of the activation list) arrived.
    PageDone {
        query: TableQuery,
        page: Box<TablePage>,
    },
    /// The survival figures of a subscriptions file for `settings`.
    SubscriptionsDone {
        settings: ValuationSettings,
        figures: Option<Box<SubscriptionFigures>>,
    },
    /// A new load: nothing of the old one applies.
    Clear,
}

impl Lifetime {
    pub fn reduce(mut self, action: LifetimeAction) -> Lifetime {
        match action {
            LifetimeAction::SetSettings(s) => {
                if s.fit_key() != self.settings.fit_key() {
                    self.models.clear();
                }
                self.settings = s;
            }
            LifetimeAction::Started(s) if s == self.settings => {
                self.state = FitState::Fitting;
            }
            LifetimeAction::ModelDone { settings, answer } if settings.fit_key() == self.settings.fit_key() => {
                self.models.retain(|m| m.kind != answer.kind);
                self.models.push(*answer);
            }
            LifetimeAction::ValuationDone { settings, valuation, last } if settings == self.settings => {
                self.state = match (&valuation, self.models.is_empty()) {
                    (Some(_), _) if !last => FitState::Fitting,
                    (Some(_), _) => FitState::Done,
                    (None, true) => FitState::Idle,
                    (None, false) => FitState::Failed,
                };
                // The second answer only adds the comparison: the table's pages stay.
                if !last {
                    self.table = None;
                    self.activation = None;
                }
                self.valuation = valuation.map(|v| Rc::new(*v));
            }
            LifetimeAction::PageDone { query, page } => {
                let slot = if query.lapsed_only { &mut self.activation } else { &mut self.table };
                *slot = Some((query, Rc::new(*page)));
            }
            LifetimeAction::SubscriptionsDone { settings, figures }
                if (settings.time_unit, settings.discount_pct)
                    == (self.settings.time_unit, self.settings.discount_pct) =>
            {
                self.subscriptions = figures.map(|f| Rc::new(*f));
            }
            LifetimeAction::Started(_)
            | LifetimeAction::ModelDone { .. }
            | LifetimeAction::ValuationDone { .. }
            | LifetimeAction::SubscriptionsDone { .. } => {}
            LifetimeAction::Clear => {
                self = Lifetime { settings: self.settings, ..Lifetime::default() };
            }
        }
        self
    }

    /// The answer of one model, if it arrived.
    pub fn model(&self, kind: crate::metrics::lifetime::ModelKind) -> Option<&ModelAnswer> {
        self.models.iter().find(|m| m.kind == kind)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::calendar::TimeUnit;

    fn valuation(settings: &ValuationSettings) -> Option<Box<Valuation>> {
        use crate::synth::{log_string, LogOptions};
        let text = log_string(&LogOptions { rows: 3000, seed: 3, ..LogOptions::default() });
        let file = crate::ingest::read_file("log.csv", &text).unwrap();
        let crate::ingest::Dataset::Transactions(log) = file.dataset else { panic!() };
        crate::metrics::lifetime::Valuer::default()
            .value(crate::metrics::lifetime::Source::Log(&log), settings, &|| 0.0)
            .map(Box::new)
    }

    #[test]
    fn fitting_until_the_last_figures_and_answers_for_old_settings_dropped() {
        let s = ValuationSettings::default();
        let l = Lifetime::default().reduce(LifetimeAction::Started(s.clone()));
        assert_eq!(l.state, FitState::Fitting);
        let first = valuation(&s);
        assert!(first.is_some(), "a generated log fits");
        let l = l.reduce(LifetimeAction::ValuationDone { settings: s.clone(), valuation: first.clone(), last: false });
        assert_eq!(l.state, FitState::Fitting, "Pareto/NBD and MBG/NBD still to come");
        assert!(l.valuation.is_some());
        // A new time unit: the old fits no longer apply, an answer for the old unit is dropped.
        let day = ValuationSettings { time_unit: TimeUnit::Day, ..s.clone() };
        let l = l.reduce(LifetimeAction::SetSettings(day.clone()));
        let l = l.reduce(LifetimeAction::ValuationDone { settings: s, valuation: first, last: true });
        assert_eq!(l.state, FitState::Fitting);
        let l =
            l.reduce(LifetimeAction::ValuationDone { settings: day.clone(), valuation: valuation(&day), last: true });
        assert_eq!(l.state, FitState::Done);
        // Nothing to fit: idle again.
        let l =
            Lifetime::default().reduce(LifetimeAction::ValuationDone { settings: day, valuation: None, last: true });
        assert_eq!(l.state, FitState::Idle);
    }
}
