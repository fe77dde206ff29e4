//! Subscriptions (a file with a start and an optional end date per customer):
//! Kaplan-Meier survival per period since the start, in the chosen time unit, with
//! its 95% band; sBG fitted to the same counts to project survival beyond the data;
//! and the discounted expected lifetime of a new subscriber (Fader & Hardie 2010).
//! Every subscription is observed until the file's latest date.

use crate::calendar::{Date, TimeUnit};
use crate::ingest::other_kinds::SubscriptionRow;
use crate::models::clv::unit_discount_rate;
use crate::models::kaplan_meier::{kaplan_meier, KaplanMeier, Period, Subscription};
use crate::models::optimise::{Fit, FitError};
use crate::models::sbg::{self, Sbg};
use serde::{Deserialize, Serialize};

/// Periods the projection reaches beyond the data (at least), and at most in all.
pub const PROJECT_BEYOND: u32 = 12;
pub const MAX_PERIODS: u32 = 240;

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SubscriptionFigures {
    pub unit: TimeUnit,
    /// The day every subscription is observed until (the file's latest date).
    pub observed_until: Date,
    pub km: KaplanMeier,
    pub sbg: Result<Fit, FitError>,
    /// S(t) of the sBG fit for t = 0..=periods (the data's and [`PROJECT_BEYOND`] more).
    pub projected: Vec<f64>,
    /// The discounted expected lifetime of a new subscriber, in periods (the first
    /// period undiscounted), at the yearly discount rate converted to the unit.
    pub expected_lifetime: Option<f64>,
}

impl SubscriptionFigures {
    /// `None` without subscriptions.
    pub fn of(rows: &[SubscriptionRow], unit: TimeUnit, yearly_discount: f64) -> Option<SubscriptionFigures> {
        let observed_until = rows.iter().flat_map(|r| [Some(r.start), r.end]).flatten().max()?;
        let subscriptions: Vec<Subscription> =
            rows.iter().map(|r| Subscription { start: r.start, end: r.end, observed_until }).collect();
        // Months are calendar months (a subscription from 1 July to 1 September lasts two).
        let period = match unit {
            TimeUnit::Month => Period::CalendarMonths(1),
            _ => Period::Days(unit.days()),
        };
        let mut km = kaplan_meier(&subscriptions, period);
        // Fitted on every period; shown up to MAX_PERIODS.
        let fitted = sbg::fit(&km.sbg_data());
        km.rows.truncate(MAX_PERIODS as usize + 1);
        let periods = (km.rows.len() as u32 + PROJECT_BEYOND).min(MAX_PERIODS);
        let model = fitted.as_ref().ok().map(|f| f.model);
        let projected = model.map(|m: Sbg| (0..=periods).map(|t| m.survival(t)).collect()).unwrap_or_default();
        let expected_lifetime = model.and_then(|m| m.del(unit_discount_rate(unit, yearly_discount)));
        Some(SubscriptionFigures { unit, observed_until, km, sbg: fitted.map(|f| f.fit), projected, expected_lifetime })
    }
}
