//! The privacy guarantee, as far as the page's own policy goes: `index.html` carries a
//! Content-Security-Policy that lets the page load its own files and nothing else.
//! (The end-to-end test checks the running page: no request leaves, none after a drop.)

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
    // The one frame is the embed code's preview of the page's own embed.html.
    assert_eq!(directive("frame-src"), ["'self'"]);
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
fn no_inline_style_at_all() {
    // Charts measure their text without the page (src/charts/fixed_metrics.rs), so not
    // even plotters' measuring span needs an inline style.
    assert_eq!(directive("style-src"), ["'self'"]);
}
