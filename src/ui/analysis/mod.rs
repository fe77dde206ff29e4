//! The analysis of a transaction log: the settings bar, then one section per part of
//! the figures (totals, the customer base per period, cohorts, concentration, RFM
//! segments, segment comparison, NPS, winning versus keeping customers), each in its own file with its charts and
//! downloads. The figures come computed from the worker (`crate::metrics::analysis`);
//! these components only lay them out. They get the data they show and `Callback`s
//! for what the user does, never the app's state or the worker session.

mod acquisition;
mod base;
mod chart_data;
mod cohorts;
mod comparison;
mod concentration;
mod format;
mod nps;
mod overview;
mod rfm;
mod settings_bar;
mod totals;

use super::browser;
use crate::export::analysis_json;
use crate::i18n::Lang;
use crate::metrics::analysis::{Analysis, AnalysisSettings, SettingChange};
use crate::metrics::rfm::Segment;
use crate::metrics::timeline::MAX_PERIODS;
pub use cohorts::CohortsPart;
pub use overview::SectionNav;
use settings_bar::SettingsBar;
use std::rc::Rc;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct AnalysisProps {
    pub lang: Lang,
    pub analysis: Rc<Analysis>,
    /// The settings the user chose (shown in the bar; the figures may still be for
    /// the previous ones while `busy`).
    pub settings: AnalysisSettings,
    /// Figures for new settings are being computed.
    pub busy: bool,
    /// The file's one-line summary (rows read, skipped, delimiter, encoding).
    pub summary: AttrValue,
    /// The user changed a setting.
    pub on_settings: Callback<SettingChange>,
    /// The user asked for the customers of one RFM segment.
    pub on_export_segment: Callback<Segment>,
    /// The lifetime-value settings' margin and yearly discount, % (the overview's CLV).
    pub margin_pct: f64,
    pub discount_pct: f64,
}

#[function_component(AnalysisView)]
pub fn analysis_view(p: &AnalysisProps) -> Html {
    let a = &p.analysis;
    let x = p.lang.texts().analysis;
    let stem: AttrValue = a.file.trim_end_matches(".csv").to_string().into();
    let on_json = {
        let (a, stem) = (a.clone(), stem.clone());
        Callback::from(move |()| {
            browser::download(&format!("{stem}-figures.json"), "application/json", &analysis_json(&a))
        })
    };
    html! {
        <section class="card file-result analysis" data-file={a.file.clone()} data-kind="transactions" aria-busy={p.busy.to_string()}>
            <h2>{ x.title }</h2>
            <p class="file-summary">{ p.summary.clone() }</p>
            <SettingsBar lang={p.lang} settings={p.settings.clone()} attributes={a.summary.attributes.clone()}
                busy={p.busy} on_change={p.on_settings.clone()} {on_json} />
            <super::share::Share lang={p.lang} analysis={a.clone()} />
            <overview::Overview lang={p.lang} analysis={a.clone()} margin_pct={p.margin_pct} discount_pct={p.discount_pct} />
            <AnalysisBody analysis={Shared(a.clone())} lang={p.lang} stem={stem}
                on_export_segment={p.on_export_segment.clone()} />
        </section>
    }
}

/// An analysis shared between renders, compared by identity (a new one is new figures).
#[derive(Clone)]
pub struct Shared(pub Rc<Analysis>);

impl PartialEq for Shared {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.0, &other.0)
    }
}

#[derive(Properties, PartialEq)]
struct BodyProps {
    analysis: Shared,
    lang: Lang,
    stem: AttrValue,
    on_export_segment: Callback<Segment>,
}

/// What one section of the figures is drawn from: the whole analysis, but two
/// analyses count as equal when the figures this section shows are (`same`). A new
/// window then redraws the customer base, not the cohorts, RFM or concentration.
#[derive(Properties)]
pub struct SectionProps {
    pub analysis: Rc<Analysis>,
    pub lang: Lang,
    /// The start of the download file names.
    pub stem: AttrValue,
    pub on_export_segment: Callback<Segment>,
    /// Whether two analyses show the same in this section (fixed per section).
    pub same: fn(&Analysis, &Analysis) -> bool,
}

impl PartialEq for SectionProps {
    fn eq(&self, other: &Self) -> bool {
        self.lang == other.lang
            && self.stem == other.stem
            && self.on_export_segment == other.on_export_segment
            && (Rc::ptr_eq(&self.analysis, &other.analysis) || (self.same)(&self.analysis, &other.analysis))
    }
}

/// The figures, tables and charts: drawn again only for a new analysis or language,
/// not when the status or a setting control changes; and then only the sections
/// whose figures changed.
#[function_component(AnalysisBody)]
fn analysis_body(p: &BodyProps) -> Html {
    let (a, lang) = (&p.analysis.0, p.lang);
    let x = lang.texts().analysis;
    let section = |same: fn(&Analysis, &Analysis) -> bool| SectionProps {
        analysis: a.clone(),
        lang,
        stem: p.stem.clone(),
        on_export_segment: p.on_export_segment.clone(),
        same,
    };
    html! {
        <>
            <totals::TotalsSection ..section(totals::same) />
            if a.periods > MAX_PERIODS {
                <p class="file-errors" data-testid="too-many-periods">
                    { (x.too_many_periods)(a.periods, &format::span_day(a, 0), &format::span_day(a, 1)) }
                </p>
            } else {
                <base::BaseSection ..section(base::same) />
                <cohorts::CohortsSection ..section(cohorts::same) />
            }
            <concentration::ConcentrationSection ..section(concentration::same) />
            <rfm::RfmSection ..section(rfm::same) />
            <comparison::ComparisonSection ..section(comparison::same) />
            if a.survey.is_some() { <nps::NpsSection ..section(nps::same) /> }
            if a.acquisition.is_some() && a.periods <= MAX_PERIODS {
                <acquisition::AcquisitionSection ..section(acquisition::same) />
            }
        </>
    }
}
