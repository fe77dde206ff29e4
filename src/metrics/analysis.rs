//! Everything the page shows of a transaction log, computed in one go from the
//! per-customer data (in the Web Worker that holds it). Changing a setting computes
//! this again from the same data; the file is not read again.

use super::acquisition::{AcquisitionFigures, CustomerValue};
use super::base::{BaseCounts, BasePeriod};
use super::cohorts::{average_retention, cohorts, Cohort};
use super::comparison::{compare, Comparison, SHOWN_VALUES};
use super::summary::LogSummary;
use super::survey_link::{link, SurveyLink};
use super::timeline::{periods_between, Timeline, MAX_PERIODS};
use crate::calendar::{Date, Granularity};
use crate::ingest::other_kinds::{SpendRow, SurveyRow};
use crate::ingest::CustomerLog;
use serde::{Deserialize, Serialize};

pub const DEFAULT_WINDOW_DAYS: u32 = 90;
/// The longest inactivity window accepted (ten years).
pub const MAX_WINDOW_DAYS: u32 = 3660;

/// The settings of the analysis, mirrored in the page's URL.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AnalysisSettings {
    pub granularity: Granularity,
    /// W: a customer is in the base while their last purchase is at most W days ago.
    pub window_days: u32,
    /// The attribute column to compare customers by (its name).
    pub segment_by: Option<String>,
}

/// One setting changed by the user; the others stay as they are when it is applied.
#[derive(Clone, Debug, PartialEq)]
pub enum SettingChange {
    Granularity(Granularity),
    WindowDays(u32),
    SegmentBy(Option<String>),
}

impl AnalysisSettings {
    /// These settings with `change` made.
    pub fn with(&self, change: SettingChange) -> AnalysisSettings {
        let mut s = self.clone();
        match change {
            SettingChange::Granularity(g) => s.granularity = g,
            SettingChange::WindowDays(w) => s.window_days = w,
            SettingChange::SegmentBy(c) => s.segment_by = c,
        }
        s
    }
}

impl Default for AnalysisSettings {
    fn default() -> Self {
        AnalysisSettings { granularity: Granularity::Month, window_days: DEFAULT_WINDOW_DAYS, segment_by: None }
    }
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Analysis {
    pub settings: AnalysisSettings,
    /// The name of the file analysed.
    pub file: String,
    /// The figures that do not depend on the settings.
    pub summary: LogSummary,
    /// How many periods of the chosen granularity the purchases span. Above
    /// [`MAX_PERIODS`] the per-period figures are left out (a stray date such as 2204
    /// for 2024 would otherwise make thousands of rows).
    pub periods: usize,
    pub base: Vec<BasePeriod>,
    /// Before this day S is under-counted: the data start less than W days earlier.
    pub base_complete_from: Option<Date>,
    pub cohorts: Vec<Cohort>,
    pub cohort_avg_retention: Vec<Option<f64>>,
    pub comparison: Option<Comparison>,
    pub survey: Option<SurveyLink>,
    /// Acquisition versus retention, when a marketing-spend file is loaded beside the log.
    #[serde(default)]
    pub acquisition: Option<AcquisitionFigures>,
}

impl Analysis {
    /// The analysis of `log` (named `file`), with a survey to match by customer id.
    pub fn of(file: &str, log: &CustomerLog, survey: Option<&[SurveyRow]>, settings: &AnalysisSettings) -> Analysis {
        Analyser::new(LogSummary::of(log)).analyse(file, log, survey, settings)
    }
}

/// What is kept between analyses of one log (by the Web Worker that holds it): its
/// summary, and the cohorts of the last granularity (a new window leaves them as
/// they are).
#[derive(Clone, Debug)]
pub struct Analyser {
    summary: LogSummary,
    cohorts: Option<(Granularity, Vec<Cohort>)>,
}

impl Analyser {
    /// For the log whose settings-independent figures are `summary`.
    pub fn new(summary: LogSummary) -> Analyser {
        Analyser { summary, cohorts: None }
    }

    pub fn summary(&self) -> &LogSummary {
        &self.summary
    }

    /// The figures of `log` for `settings` (what the worker does when a setting changes).
    pub fn analyse(
        &mut self,
        file: &str,
        log: &CustomerLog,
        survey: Option<&[SurveyRow]>,
        settings: &AnalysisSettings,
    ) -> Analysis {
        let summary = &self.summary;
        let window = settings.window_days.clamp(1, MAX_WINDOW_DAYS);
        let span = summary.span.map(|(a, b)| (a.0, b.0));
        let periods = span.map_or(0, |(first, last)| periods_between(settings.granularity, first, last));
        let timeline = timeline_of(summary, settings.granularity);
        let mut base = BaseCounts::new(&timeline);
        for c in 0..log.customers() {
            base.add(&timeline, log.days_of(c), window);
        }
        let cohorts = match &self.cohorts {
            Some((g, c)) if *g == settings.granularity => c.clone(),
            _ => {
                let c = cohorts(log, &timeline);
                self.cohorts = Some((settings.granularity, c.clone()));
                c
            }
        };
        let column = settings.segment_by.as_ref().and_then(|name| log.attributes.iter().position(|a| &a.name == name));
        Analysis {
            // What was applied: the window within bounds, a segment column only if the log has it.
            settings: AnalysisSettings {
                granularity: settings.granularity,
                window_days: window,
                segment_by: column.map(|c| log.attributes[c].name.clone()),
            },
            file: file.to_string(),
            summary: self.summary.clone(),
            periods,
            base: base.periods(&timeline),
            base_complete_from: self.summary.span.map(|(first, _)| first.add_days(window as i32)),
            cohort_avg_retention: average_retention(&cohorts),
            cohorts,
            comparison: column.and_then(|c| compare(log, c, &timeline, window, Some(SHOWN_VALUES))),
            survey: survey.and_then(|rows| link(rows, log, window)),
            acquisition: None,
        }
    }
}

/// The periods of the chosen granularity over the log's purchases (none above
/// [`MAX_PERIODS`]).
pub fn timeline_of(summary: &LogSummary, granularity: Granularity) -> Timeline {
    let span = summary.span.map(|(a, b)| (a.0, b.0));
    let periods = span.map_or(0, |(first, last)| periods_between(granularity, first, last));
    match span {
        Some((first, last)) if periods <= MAX_PERIODS => Timeline::new(granularity, first, last),
        _ => Timeline::new(granularity, 1, 0),
    }
}

impl Analysis {
    /// The analysis with the acquisition-versus-retention figures of the spend `rows`
    /// (on the analysis's own periods).
    /// The last period the log covers to its end that has a CRR, and the one with a CRR
    /// before it (the overview's headline and its trend): a period is complete when the
    /// day after it is at most the day after the log's last purchase.
    pub fn last_complete_periods(&self) -> (Option<&BasePeriod>, Option<&BasePeriod>) {
        let Some((_, last)) = self.summary.span else { return (None, None) };
        let mut done = self.base.iter().rev().filter(|p| p.period.end().0 <= last.0 + 1 && p.crr.is_some());
        (done.next(), done.next())
    }

    pub fn with_spend(self, log: &CustomerLog, rows: &[SpendRow], value: CustomerValue) -> Analysis {
        let timeline = timeline_of(&self.summary, self.settings.granularity);
        let acquisition = AcquisitionFigures::of_log(log, &self.base, &timeline, rows, value);
        Analysis { acquisition: Some(acquisition), ..self }
    }
}

#[cfg(test)]
mod tests {

    #[test]
    fn the_last_complete_period_and_the_one_before() {
        // Purchases up to 15 March: March is not complete; February is (S = 2: a, b),
        // January has no S, so no period before February has a CRR.
        let log = crate::metrics::test_log(
            "customer,date\na,2024-01-05\nb,2024-01-20\na,2024-02-10\nc,2024-02-12\nb,2024-03-15\n",
        );
        let a = Analysis::of("l.csv", &log, None, &AnalysisSettings::default());
        let (last, before) = a.last_complete_periods();
        assert_eq!(last.map(|p| p.period.to_string()), Some("2024-02".to_string()));
        assert!(before.is_none());
        // To 31 March: March is complete, February before it.
        let log = crate::metrics::test_log(
            "customer,date\na,2024-01-05\nb,2024-01-20\na,2024-02-10\nc,2024-02-12\nb,2024-03-31\n",
        );
        let a = Analysis::of("l.csv", &log, None, &AnalysisSettings::default());
        let (last, before) = a.last_complete_periods();
        assert_eq!(
            (last.map(|p| p.period.to_string()), before.map(|p| p.period.to_string())),
            (Some("2024-03".to_string()), Some("2024-02".to_string()))
        );
    }
    #[test]
    fn a_setting_change_keeps_the_other_settings() {
        let s =
            AnalysisSettings { granularity: Granularity::Quarter, window_days: 60, segment_by: Some("kanaal".into()) };
        let week = s.with(SettingChange::Granularity(Granularity::Week));
        assert_eq!(
            (week.granularity, week.window_days, week.segment_by.as_deref()),
            (Granularity::Week, 60, Some("kanaal"))
        );
        let both = week.with(SettingChange::WindowDays(30)).with(SettingChange::SegmentBy(None));
        assert_eq!(both, AnalysisSettings { granularity: Granularity::Week, window_days: 30, segment_by: None });
    }

    use super::*;
    use crate::metrics::test_log;

    #[test]
    fn settings_change_the_periods_not_the_totals() {
        let log = test_log("customer,date,amount,kanaal\na,2024-01-10,5,web\nb,2024-05-01,7,winkel\n");
        let month = Analysis::of("t.csv", &log, None, &AnalysisSettings::default());
        assert_eq!(month.base.len(), 5);
        assert_eq!(month.base_complete_from, Date::from_ymd(2024, 4, 9));
        assert_eq!(month.summary.attributes, ["kanaal"]);
        assert!(month.comparison.is_none());
        let quarter = Analysis::of(
            "t.csv",
            &log,
            None,
            &AnalysisSettings { granularity: Granularity::Quarter, window_days: 10, segment_by: Some("kanaal".into()) },
        );
        assert_eq!(quarter.base.len(), 2);
        assert_eq!(quarter.summary.totals, month.summary.totals);
        assert_eq!(quarter.comparison.unwrap().groups.len(), 2);
    }

    #[test]
    fn cohorts_are_kept_for_a_new_window_and_recomputed_for_a_new_granularity() {
        let log = test_log("customer,date\na,2024-01-10\na,2024-02-10\nb,2024-02-01\n");
        let mut analyser = Analyser::new(LogSummary::of(&log));
        let month = |w| AnalysisSettings { window_days: w, ..AnalysisSettings::default() };
        let first = analyser.analyse("t.csv", &log, None, &month(90));
        let again = analyser.analyse("t.csv", &log, None, &month(10));
        assert_eq!(first.cohorts, again.cohorts);
        assert_ne!(first.base, again.base);
        let weeks = AnalysisSettings { granularity: Granularity::Week, ..month(90) };
        let week = analyser.analyse("t.csv", &log, None, &weeks);
        assert_eq!(week.cohorts, Analysis::of("t.csv", &log, None, &weeks).cohorts);
        assert_eq!(week.cohorts.len(), 5);
        // And back: the months again, as computed from scratch.
        assert_eq!(analyser.analyse("t.csv", &log, None, &month(30)).cohorts, first.cohorts);
    }

    #[test]
    fn a_stray_date_does_not_make_thousands_of_periods() {
        // Dates are read between 1900 and 2200: 301 years, too many weeks, months and quarters.
        let log = test_log("customer,date\na,2024-01-10\nb,2200-12-31\nc,1900-01-01\n");
        for granularity in [Granularity::Week, Granularity::Month, Granularity::Quarter] {
            let a = Analysis::of("t.csv", &log, None, &AnalysisSettings { granularity, ..Default::default() });
            assert!(a.periods > MAX_PERIODS, "{granularity:?}");
            assert!(a.base.is_empty() && a.cohorts.is_empty() && a.cohort_avg_retention.is_empty());
            assert_eq!(a.summary.totals.customers_total, 3);
        }
        let years = Analysis::of(
            "t.csv",
            &log,
            None,
            &AnalysisSettings { granularity: Granularity::Year, ..Default::default() },
        );
        assert_eq!((years.periods, years.base.len()), (301, 301));
    }
}
