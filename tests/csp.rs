//! The privacy guarantee, as far as the page's own policy goes: `index.html` carries a
//! Content-Security-Policy that lets the page load its own files and nothing else.
//! (The end-to-end test checks the running page: no request leaves, none after a drop.)

use base64::Engine;
use sha2::{Digest, Sha256};

fn policy() -> Vec<(String, Vec<String>)> {
    let html = include_str!("../index.html");
    let start = html.find("http-equiv=\"Content-Security-Policy\" content=\"").expect("a CSP meta tag");
    let rest = &html[start..];
    let content = rest.split("content=\"").nth(1).unwrap().split('"').next().unwrap();
    content
        .split(';')
        .map(str::trim)
        .filter(|d| !d.is_empty())
        .map(|d| {
            let mut words = d.split_whitespace().map(str::to_string);
            (words.next().unwrap(), words.collect())
        })
        .collect()
}

fn directive(name: &str) -> Vec<String> {
    policy().into_iter().find(|(n, _)| n == name).unwrap_or_else(|| panic!("no {name}")).1
}

#[test]
fn nothing_may_be_fetched_from_elsewhere() {
    assert_eq!(directive("default-src"), ["'none'"]);
    assert_eq!(directive("connect-src"), ["'self'"]);
    assert_eq!(directive("font-src"), ["'none'"]);
    assert_eq!(directive("form-action"), ["'none'"]);
    for (name, sources) in policy() {
        for s in sources {
            assert!(!s.contains("http") && !s.contains('*') && s != "data:" || name == "img-src", "{name} allows {s}");
        }
    }
}

#[test]
fn no_inline_script_may_run() {
    let script = directive("script-src");
    assert_eq!(script, ["'self'", "'wasm-unsafe-eval'"]);
}

#[test]
fn the_only_inline_style_is_plotters_text_measurement() {
    // plotters 0.3.7, src/style/font/web.rs, measures text with a span styled like this.
    let px = retention::charts::FONT_PX;
    let family = retention::charts::FONT_FAMILY;
    let style = format!(
        "display: inline-block; font-family:{family}; font-style:normal; font-size: {px}px; position: fixed; top: 100%"
    );
    let hash = base64::engine::general_purpose::STANDARD.encode(Sha256::digest(style.as_bytes()));
    assert_eq!(directive("style-src"), ["'self'".to_string(), "'unsafe-hashes'".into(), format!("'sha256-{hash}'")]);
}
