//! The page: thin Yew components over the pure state in `crate::state`.
//! Built for wasm32 only.
//!
//! [`App`] alone holds the reducer and the worker [`session::Session`]; the
//! components below it get the data they show and `Callback`s for what the user does
//! (as Yew's `function_todomvc` does), so each can be drawn, tested or embedded alone.

mod analysis;
mod browser;
mod chart;
mod columns;
mod cost_calculator;
pub mod embed;
mod embed_code;
mod figure;
mod lifetime;
mod loader;
mod manual;
mod planner;
mod results;
mod session;
mod share;
mod spend_entry;
mod warehouse;
mod worker_client;

use crate::i18n::Lang;
use crate::metrics::rfm::Segment;
use crate::state::{Action, AppState, Status};
use std::rc::Rc;
use yew::prelude::*;

impl Reducible for AppState {
    type Action = Action;

    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        Rc::new(Rc::unwrap_or_clone(self).reduce(action))
    }
}

/// Mounts the app on the page's `<main id="app">` (or `<body>` when there is none), and
/// registers the service worker that keeps it for use offline.
pub fn start() {
    if embedded() {
        // In another site's frame (`?embed=1`, opened by `embed.html`): no offline copy,
        // and the host page learns the height.
        browser::post_height_to_host();
    } else {
        browser::register_service_worker();
    }
    match browser::document().get_element_by_id("app") {
        Some(host) => yew::Renderer::<App>::with_root(host).render(),
        None => yew::Renderer::<App>::new().render(),
    };
}

/// Whether the page is embedded in another site (`?embed=1`): then it shows the
/// analysis without the site's header, calculators and footer.
fn embedded() -> bool {
    crate::state::query_param(&browser::query(), crate::embed::EMBED_PARAM).is_some_and(|v| v == "1")
}

/// Whether `embed.html` is served next to this page: not in the single-file build
/// (opened from disk, or embedded itself).
fn embeds_offered() -> bool {
    let location = browser::window().location();
    let http = matches!(location.protocol().as_deref(), Ok("http:" | "https:"));
    let single_file = location.pathname().is_ok_and(|p| p.ends_with(crate::embed::FULL_PAGE));
    http && !single_file
}

/// The language from `?language=`, else the browser's.
fn initial_lang() -> Lang {
    crate::state::lang_from_query(&browser::query()).unwrap_or_else(|| Lang::from_browser(&browser::language()))
}

#[function_component(App)]
pub fn app() -> Html {
    let state = use_reducer(|| AppState {
        settings: crate::state::settings_from_query(&browser::query()),
        lifetime: crate::state::Lifetime {
            settings: crate::state::valuation_from_query(&browser::query()),
            ..Default::default()
        },
        chosen_currency: crate::state::currency_from_query(&browser::query()),
        ..AppState::new(initial_lang())
    });
    // A snapshot link (`#snapshot=…`) opens its figures read-only; one that cannot be
    // read says why.
    let snapshot_error = use_state(|| None::<crate::snapshot::SnapshotError>);
    {
        let (state, snapshot_error) = (state.clone(), snapshot_error.clone());
        use_effect_with((), move |_| {
            let fragment = browser::fragment();
            if fragment.starts_with(crate::snapshot::PREFIX) {
                match crate::snapshot::Snapshot::from_fragment(&fragment) {
                    Ok(s) => state.dispatch(Action::OpenSnapshot(Box::new(s.analysis))),
                    Err(e) => snapshot_error.set(Some(e)),
                }
            }
        });
    }
    let session = use_state(|| Rc::new(session::Session::new()));
    let session = (*session).clone();
    let lang = state.lang;
    let t = lang.texts();
    let embedded = use_memo((), |_| embedded());
    let embedded = *embedded;

    use_effect_with(lang, |lang| {
        browser::set_document_lang(lang.key());
        browser::set_query_params(&[("language", lang.key())]);
    });
    // After the page shows what the reducer says is ready (for the benchmarks).
    use_effect_with(state.status, |status| {
        if *status == crate::state::Status::Ready {
            browser::mark("rc:ready");
            // The section a link names (`?section=rfm`) is scrolled to once it is there.
            if let Some(section) = crate::state::query_param(&browser::query(), "section") {
                browser::scroll_to(&format!("sec-{section}"));
            }
        }
    });
    // The analysis settings are in the URL too, so that a link reproduces the view.
    use_effect_with(state.settings.clone(), |s| {
        browser::set_query_params(&[
            ("granularity", s.granularity.key()),
            ("window_days", &s.window_days.to_string()),
            ("segment", s.segment_by.as_deref().unwrap_or("")),
        ]);
    });

    // And the lifetime-value settings (an unset horizon or calibration end stays out).
    use_effect_with(state.lifetime.settings.clone(), |s| {
        let horizon = s.horizon.map(|h| h.to_string()).unwrap_or_default();
        let end = s.calibration_end.map(|d| d.to_string()).unwrap_or_default();
        browser::set_query_params(&[
            ("time_unit", s.time_unit.key()),
            ("calibration_end", &end),
            ("horizon", &horizon),
            ("margin_pct", &s.margin_pct.to_string()),
            ("discount_pct", &s.discount_pct.to_string()),
        ]);
    });

    // A currency chosen on the page (or given in the URL) stays in the URL.
    use_effect_with(state.chosen_currency, |c| {
        if let Some(c) = c {
            browser::set_query_params(&[("currency", c.key())]);
        }
    });
    let currency = state.currency();
    let on_currency = {
        let state = state.clone();
        Callback::from(move |e: Event| {
            let select: web_sys::HtmlSelectElement = e.target_unchecked_into();
            if let Some(c) = crate::currency::Currency::from_key(&select.value()) {
                state.dispatch(Action::SetCurrency(c));
            }
        })
    };
    let on_lang = {
        let state = state.clone();
        Callback::from(move |e: Event| {
            let select: web_sys::HtmlSelectElement = e.target_unchecked_into();
            if let Some(lang) = Lang::from_key(&select.value()) {
                state.dispatch(Action::SetLang(lang));
            }
        })
    };

    // Spend typed into the page, per month of the log (kept here: it outlives the reading
    // of the file it becomes).
    let typed_spend = use_state(Vec::<[String; 2]>::new);
    let on_files = {
        let (state, session, typed_spend) = (state.clone(), session.clone(), typed_spend.clone());
        Callback::from(move |files: Vec<web_sys::File>| {
            // New files: spend typed for the old log's months no longer applies.
            typed_spend.set(Vec::new());
            session.load(state.clone(), files)
        })
    };
    let on_typed_spend_change = {
        let typed_spend = typed_spend.clone();
        Callback::from(move |typed: Vec<[String; 2]>| typed_spend.set(typed))
    };
    let on_typed_spend = {
        let (state, session) = (state.clone(), session.clone());
        Callback::from(move |csv: String| {
            if let Some(file) = browser::file_from_text(spend_entry::TYPED_SPEND_FILE, &csv) {
                session.put_file(state.clone(), file);
            }
        })
    };
    let on_cancel = {
        let session = session.clone();
        Callback::from(move |()| session.cancel())
    };
    let on_settings = {
        let (state, session) = (state.clone(), session.clone());
        // Applied to the settings of now: two changes in one tick both count.
        Callback::from(move |change| session.change_settings(state.clone(), state.settings.with(change)))
    };
    // The same callback for as long as the session lives: the sections that get it are
    // not drawn again because of it.
    let on_export_segment = use_callback(session.clone(), |segment: Segment, session| session.export_segment(segment));
    let on_export_errors = {
        let session = session.clone();
        Callback::from(move |()| session.export_errors(lang))
    };
    let on_lifetime_settings = {
        let (state, session) = (state.clone(), session.clone());
        Callback::from(move |settings| session.change_valuation(state.clone(), settings))
    };
    let on_page = {
        let (state, session) = (state.clone(), session.clone());
        Callback::from(move |query| session.customer_page(state.clone(), query))
    };
    let on_export_customers = {
        let session = session.clone();
        Callback::from(move |query| session.export_customers(query))
    };
    let log_summary = state.analysis.as_ref().map(|a| &a.summary);
    let span = log_summary.and_then(|s| s.span);
    let measured = log_summary.and_then(|s| s.simple_clv);
    let on_apply = |name: &str| {
        let (state, session, name) = (state.clone(), session.clone(), name.to_string());
        Callback::from(move |settings| session.reread(state.clone(), name.clone(), settings))
    };
    // While figures are computed again for new settings, the old ones stay in view
    // (the status says they are not current).
    let show_results = state.status == Status::Ready || state.recomputing();

    html! {
        <>
            if !embedded {
            <header class="site-header">
                <div class="brand">
                    <h1>{ t.app_title }</h1>
                    <p class="tagline">{ t.tagline }</p>
                    <p class="print-only" data-testid="print-date">{ (t.printed_on)(&browser::today()) }</p>
                </div>
                <div class="header-tools">
                    <span class="privacy-badge">{ t.privacy_badge }</span>
                    <label class="lang-switch">
                        <span>{ t.language_label }</span>
                        <select data-setting="language" onchange={on_lang}>
                            { for Lang::ALL.iter().map(|l| html! {
                                <option value={l.key()} selected={*l == lang}>{ l.texts().language_name }</option>
                            }) }
                        </select>
                    </label>
                    <label class="lang-switch">
                        <span>{ t.currency_label }</span>
                        <select data-setting="currency" onchange={on_currency}>
                            { for crate::currency::Currency::ALL.iter().map(|c| html! {
                                <option value={c.key()} selected={*c == currency}>{ format!("{} {}", c.symbol(), c.key()) }</option>
                            }) }
                        </select>
                    </label>
                </div>
            </header>
            }
            <ContextProvider<crate::currency::Currency> context={currency}>
            <main class="layout">
                <loader::Loader {lang} status={state.status} progress={state.progress} percent={state.percent()}
                    recomputing={state.recomputing()} files={state.files.clone()} {on_files} {on_cancel} />
                { for state.files.iter().filter(|f| f.detection.is_some()).map(|entry| html! {
                    <columns::ColumnPanel key={entry.name.clone()} {lang} entry={entry.clone()} on_apply={on_apply(&entry.name)} />
                }) }
                if show_results {
                    if let Some(a) = &state.analysis {
                        <analysis::SectionNav {lang} survey={a.survey.is_some()} acquisition={a.acquisition.is_some()} />
                    }
                }
                if let Some(e) = &*snapshot_error {
                    <p class="file-errors" role="alert" data-testid="snapshot-error">{ (t.snapshot_error)(e) }</p>
                }
                if state.snapshot {
                    if let Some(a) = &state.analysis {
                        <p class="notice" data-testid="snapshot-banner">{ (t.snapshot_banner)(&a.file) }</p>
                        <analysis::AnalysisView {lang} analysis={a.clone()} settings={a.settings.clone()} busy={false}
                            summary={AttrValue::from((t.snapshot_banner)(&a.file))} on_settings={Callback::noop()}
                            on_export_segment={Callback::noop()} margin_pct={state.lifetime.settings.margin_pct}
                            discount_pct={state.lifetime.settings.discount_pct} />
                    }
                }
                if show_results {
                    <results::Results {lang} files={state.files.clone()} analysis={state.analysis.clone()}
                        settings={state.settings.clone()} busy={state.recomputing()} {on_settings}
                        {on_export_segment} {on_export_errors} margin_pct={state.lifetime.settings.margin_pct}
                        discount_pct={state.lifetime.settings.discount_pct} />
                }
                if show_results && state.files.has_models() {
                    <lifetime::LifetimeSection {lang} lifetime={state.lifetime.clone()} {span} {measured}
                        on_settings={on_lifetime_settings} {on_page} on_export={on_export_customers} />
                }
                if show_results {
                    if let Some(months) = typed_spend_months(&state) {
                        <spend_entry::SpendEntry {lang} {months} typed={(*typed_spend).clone()}
                            on_typed={on_typed_spend_change} on_use={on_typed_spend} />
                    }
                    if let Some((baseline, last_day, stem)) = planner_input(&state) {
                        <planner::Planner {lang} {baseline} {last_day} {stem}
                            margin_pct={state.lifetime.settings.margin_pct} />
                    }
                }
                if show_results {
                    if let Some(figures) = state.lifetime.subscriptions.clone() {
                        <lifetime::subscriptions::SubscriptionsSection {lang} {figures} />
                    }
                }
                if !embedded {
                <manual::Manual {lang} />
                <section class="card manual" aria-labelledby="clv-calculators-heading">
                    <h2 id="clv-calculators-heading">{ t.calc.calculators_title }</h2>
                    <lifetime::simple::SimpleClv {lang} measured={None} margin_pct={state.lifetime.settings.margin_pct}
                        discount_pct={state.lifetime.settings.discount_pct} source="manual" />
                    <lifetime::subscriptions::SurvivorsCalculator {lang} />
                </section>
                <cost_calculator::CostCalculator {lang} />
                <warehouse::Warehouse {lang} granularity={state.settings.granularity}
                    window_days={state.settings.window_days} time_unit={state.lifetime.settings.time_unit}
                    calibration_end={state.lifetime.settings.calibration_end} />
                if embeds_offered() {
                    <embed_code::EmbedCode {lang} {currency} />
                }
                }
            </main>
            </ContextProvider<crate::currency::Currency>>
            if embedded {
                <p class="embed-foot">{ t.calc.embed_foot }</p>
            } else {
                <footer class="site-footer"><p>{ t.footer }</p></footer>
            }
        </>
    }
}

/// What the budget planner starts from: the measured baseline of the analysed log (none
/// when the log measures too little), the log's last purchase day and the file's stem.
fn planner_input(
    state: &AppState,
) -> Option<(Option<crate::metrics::planner::Baseline>, crate::calendar::Date, AttrValue)> {
    let a = state.analysis.as_ref()?;
    let (_, last_day) = a.summary.span?;
    let days = match (a.base.first(), a.base.last()) {
        (Some(first), Some(last)) => f64::from(last.period.end().0 - first.period.start().0),
        _ => 0.0,
    };
    let baseline = a
        .summary
        .simple_clv
        .as_ref()
        .and_then(|inputs| crate::metrics::planner::Baseline::of(inputs, a.acquisition.as_ref(), days));
    Some((baseline, last_day, a.file.trim_end_matches(".csv").to_string().into()))
}

/// The months of the analysed log, for spend typed into the page: only while no spend
/// file other than the typed one is loaded.
fn typed_spend_months(state: &AppState) -> Option<Vec<String>> {
    use crate::calendar::{Granularity, Period};
    // (Not for figures from a snapshot link: there is no log to join spend with.)
    let a = state.analysis.as_ref().filter(|_| !state.snapshot)?;
    let (first, last) = a.summary.span?;
    let dropped_spend = state.files.iter().any(|f| {
        f.name != spend_entry::TYPED_SPEND_FILE
            && matches!(&f.result, Ok(r) if matches!(r.content, crate::report::Content::MarketingSpend { .. }))
    });
    if dropped_spend {
        return None;
    }
    let mut month = Period::containing(Granularity::Month, first);
    let mut months = Vec::new();
    while month.start() <= last && months.len() < crate::metrics::timeline::MAX_PERIODS {
        months.push(month.to_string());
        month = Period::containing(Granularity::Month, month.end());
    }
    Some(months)
}
