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
fn draws_the_chart_with_browser_text_metrics() {
    // In the browser plotters measures text through a canvas; this must not fail.
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
