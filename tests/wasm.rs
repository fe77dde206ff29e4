//! Tests that run inside headless Chromium (`cargo test --target wasm32-unknown-unknown`):
//! the same pure code compiled to WebAssembly, and the app mounted on a real DOM.
#![cfg(target_arch = "wasm32")]

use retention::i18n::Lang;
use retention::ingest::{read_file, Dataset};
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

#[wasm_bindgen_test]
fn reads_a_dutch_file_in_webassembly() {
    let file = read_file("nl.csv", include_bytes!("fixtures/period_counts_semicolon_cp1252.csv")).unwrap();
    let Dataset::PeriodCounts(p) = &file.dataset else { panic!("not period counts") };
    // (1150 - 100) / 1200 x 100 = 87.5, worked out by hand.
    assert_eq!(p.rows[0].crr(), Some(87.5));
    assert_eq!(p.rows.len(), 4);
}

#[wasm_bindgen_test]
fn draws_the_chart_in_webassembly() {
    // Text is measured with fixed metrics (src/charts), the same as natively.
    let points = vec![
        retention::charts::rates::RatePoint { label: "2024-01".into(), crr: Some(95.0), churn: Some(5.0) },
        retention::charts::rates::RatePoint { label: "2024-02".into(), crr: Some(90.0), churn: Some(10.0) },
    ];
    let svg = retention::charts::rates::svg(&points, Lang::Nl, 640, 320);
    assert!(svg.contains("doel 85%"));
    assert_eq!(svg.matches("<circle").count(), 4);
}

#[wasm_bindgen_test]
async fn the_app_mounts_with_its_test_hooks() {
    let document = web_sys::window().unwrap().document().unwrap();
    let host = document.create_element("div").unwrap();
    document.body().unwrap().append_child(&host).unwrap();
    yew::Renderer::<retention::ui::App>::with_root(host.clone()).render();
    // Let Yew render.
    yew::platform::time::sleep(std::time::Duration::from_millis(50)).await;
    for selector in [
        "input[type=file][data-testid=file-input]",
        "[data-testid=drop-zone]",
        "[data-testid=load-sample]",
        "[data-testid=status][data-state=idle]",
        "select[data-setting=language]",
    ] {
        assert!(host.query_selector(selector).unwrap().is_some(), "missing {selector}");
    }
}

#[wasm_bindgen_test]
fn the_streaming_reader_in_webassembly_gives_the_same_result_in_any_chunks() {
    let bytes = retention::synth::sample_log().into_bytes();
    let whole = read_file("orders.csv", &bytes).unwrap();
    let mut reader = retention::ingest::Reader::new(whole.settings.clone()).unwrap();
    for chunk in bytes.chunks(4093) {
        reader.feed(chunk);
    }
    let outcome = reader.finish().unwrap();
    assert_eq!(outcome.dataset, whole.dataset);
    assert_eq!(outcome.data_rows, 20_000);
}

/// The figures of a weekly analysis, sent the way the worker sends them (a JavaScript
/// value made by serde-wasm-bindgen, through a real `postMessage`), arrive unchanged:
/// every float bit for bit, so each CRR on the page equals (E - N) / S x 100 of the
/// page's own S, E and N.
#[wasm_bindgen_test]
async fn figures_survive_the_hop_to_the_page_exactly() {
    use retention::calendar::Granularity;
    use retention::metrics::analysis::{Analysis, AnalysisSettings};
    use retention::protocol::WorkerError;
    use wasm_bindgen::{closure::Closure, JsCast};

    let bytes = retention::synth::sample_log().into_bytes();
    let Dataset::Transactions(log) = read_file("orders.csv", &bytes).unwrap().dataset else { panic!("not a log") };
    let settings = AnalysisSettings { granularity: Granularity::Week, ..AnalysisSettings::default() };
    let sent: Result<Option<Box<Analysis>>, WorkerError> =
        Ok(Some(Box::new(Analysis::of("o.csv", &log, None, &settings))));

    let channel = web_sys::MessageChannel::new().unwrap();
    let (tx, rx) = futures_channel_like();
    let onmessage = Closure::<dyn FnMut(web_sys::MessageEvent)>::new(move |e: web_sys::MessageEvent| tx(e.data()));
    channel.port2().set_onmessage(Some(onmessage.as_ref().unchecked_ref()));
    channel.port1().post_message(&serde_wasm_bindgen::to_value(&sent).unwrap()).unwrap();
    let received = wasm_bindgen_futures::JsFuture::from(rx).await.unwrap();
    let back: Result<Option<Box<Analysis>>, WorkerError> = serde_wasm_bindgen::from_value(received).unwrap();

    let (Ok(Some(sent)), Ok(Some(back))) = (sent, back) else { panic!("no analysis") };
    let bits = |a: &Analysis| -> Vec<u64> {
        let mut v: Vec<u64> = a.base.iter().flat_map(|p| [p.crr, p.churn_rate]).flatten().map(f64::to_bits).collect();
        v.extend(a.cohorts.iter().flat_map(|c| c.revenue.iter().map(|r| r.to_bits())));
        v.extend(a.cohort_avg_retention.iter().flatten().map(|r| r.to_bits()));
        v.extend(a.summary.concentration.iter().flat_map(|c| c.lorenz.iter().flatten().map(|x| x.to_bits())));
        v
    };
    assert!(bits(&sent).len() > 1000, "a test with enough floats in it");
    assert_eq!(bits(&back), bits(&sent));
    assert_eq!(*back, *sent);
    for p in back.base.iter().filter(|p| p.base_start > 0) {
        let (s, e, n) = (p.base_start as f64, p.base_end as f64, p.joined as f64);
        assert_eq!(p.crr, Some((e - n) / s * 100.0), "{}", p.period);
    }
}

/// A callback that resolves a promise with the value it is given.
fn futures_channel_like() -> (impl Fn(wasm_bindgen::JsValue), js_sys::Promise) {
    let slot = std::rc::Rc::new(std::cell::RefCell::new(None::<js_sys::Function>));
    let promise = js_sys::Promise::new(&mut |resolve, _| *slot.borrow_mut() = Some(resolve));
    let tx = move |v: wasm_bindgen::JsValue| {
        if let Some(f) = slot.borrow_mut().take() {
            let _ = f.call1(&wasm_bindgen::JsValue::NULL, &v);
        }
    };
    (tx, promise)
}
