//! The embeddable widget's contract (docs/embedding.md): which widgets there are, the
//! address of each, the message that tells the host page the widget's height, and the
//! snippet a blogger pastes into a post. Pure (no browser), so the snippet is tested
//! natively; the page's "embed on your site" panel (`ui::embed_code`) and the widget
//! itself (`ui::embed`) use it.
//!
//! Two files serve embeds, both self-contained (everything inline, nothing fetched), so
//! that they run in an iframe sandboxed with `allow-scripts allow-downloads`, whose
//! document has an opaque origin and may not fetch module scripts or Wasm from the
//! server that sent it:
//! - [`PAGE`], `embed.html`: the calculators alone, a small bundle;
//! - [`FULL_PAGE`], the whole app in one file (the single-file build), for a dropped
//!   file or a snapshot link; `embed.html` hands over to it.

use crate::currency::Currency;
use crate::lang::Lang;

/// The calculators' page.
pub const PAGE: &str = "embed.html";
/// The whole app in one file, which `embed.html` opens for `?calculator=file` and for a
/// snapshot link.
pub const FULL_PAGE: &str = "retention-calculator.html";
/// The URL parameter that chooses the widget.
pub const PARAM: &str = "calculator";
/// The URL parameter that puts the whole app in its embedded form (no header, no
/// sharing, the height posted to the host page).
pub const EMBED_PARAM: &str = "embed";
/// `type` of the message an embedded page posts to its host page (`window.parent`)
/// whenever its height changes: `{ type: HEIGHT_MESSAGE, height: <CSS pixels> }`.
pub const HEIGHT_MESSAGE: &str = "retention-calculator:height";

/// What an embed shows.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Widget {
    /// S, E and N typed in: CRR and churn.
    Crr,
    /// The same calculator, churn first in its title.
    Churn,
    /// The simple CLV.
    Clv,
    /// Acquisition cost per new customer against the cost per kept customer.
    Cost,
    /// The same calculator, introduced by LTV:CAC and the payback time.
    LtvCac,
    /// Drop a file: the whole app.
    File,
}

impl Widget {
    pub const ALL: [Widget; 6] = [Widget::Crr, Widget::Churn, Widget::Clv, Widget::Cost, Widget::LtvCac, Widget::File];

    /// The value of `?calculator=`.
    pub fn key(self) -> &'static str {
        match self {
            Widget::Crr => "crr",
            Widget::Churn => "churn",
            Widget::Clv => "clv",
            Widget::Cost => "cost",
            Widget::LtvCac => "ltv-cac",
            Widget::File => "file",
        }
    }

    pub fn from_key(key: &str) -> Option<Widget> {
        Widget::ALL.into_iter().find(|w| w.key() == key)
    }

    /// A height to start with (CSS pixels), before the widget posts its own.
    pub fn initial_height(self) -> u32 {
        match self {
            Widget::Crr | Widget::Churn => 420,
            Widget::Clv => 520,
            Widget::Cost | Widget::LtvCac => 640,
            Widget::File => 560,
        }
    }
}

/// The address of a widget next to the page at `base` (the page's address; its file
/// name, query and fragment are replaced).
pub fn widget_url(base: &str, widget: Widget, lang: Lang, currency: Currency) -> String {
    format!("{}{PAGE}?{PARAM}={}&language={}&currency={}", folder(base), widget.key(), lang.key(), currency.key())
}

/// The address that embeds a snapshot link's figures (`fragment` = `#snapshot=…`).
pub fn snapshot_url(base: &str, lang: Lang, currency: Currency, fragment: &str) -> String {
    format!("{}{PAGE}?language={}&currency={}{fragment}", folder(base), lang.key(), currency.key())
}

/// The address of the whole app for an embed: `query` (as in `location.search`) with
/// `embed=1` added, then `fragment` as it is. Relative to `embed.html`.
pub fn full_page_url(query: &str, fragment: &str) -> String {
    let rest = query.trim_start_matches('?');
    let sep = if rest.is_empty() { "" } else { "&" };
    format!("{FULL_PAGE}?{EMBED_PARAM}=1{sep}{rest}{fragment}")
}

/// `https://example.org/tools/index.html?x#y` → `https://example.org/tools/`.
fn folder(base: &str) -> &str {
    let end = base.find(['?', '#']).unwrap_or(base.len());
    let path = &base[..end];
    match path.rfind('/') {
        Some(slash) => &path[..=slash],
        None => "",
    }
}

/// The code a blogger pastes: the sandboxed iframe and a few lines that set its height
/// from the messages it posts. `title` names the frame for screen readers.
pub fn snippet(src: &str, title: &str, height: u32) -> String {
    format!(
        "<iframe src=\"{src}\" title=\"{title}\" sandbox=\"allow-scripts allow-downloads\" \
         data-retention-calculator style=\"width:100%;height:{height}px;border:0\" loading=\"lazy\"></iframe>\n\
         <script>\n\
         addEventListener(\"message\", function (e) {{\n\
         \x20 var h = e.data && e.data.type === \"{HEIGHT_MESSAGE}\" && Number(e.data.height);\n\
         \x20 if (!(h > 0 && h < 20000)) return;\n\
         \x20 document.querySelectorAll(\"iframe[data-retention-calculator]\").forEach(function (f) {{\n\
         \x20   if (f.contentWindow === e.source) f.style.height = Math.ceil(h) + \"px\";\n\
         \x20 }});\n\
         }});\n\
         </script>\n",
        src = attribute(src),
        title = attribute(title),
    )
}

/// Text for a double-quoted HTML attribute.
fn attribute(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '"' => out.push_str("&quot;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_widget_key_reads_back_and_unknown_keys_do_not() {
        for w in Widget::ALL {
            assert_eq!(Widget::from_key(w.key()), Some(w));
        }
        assert_eq!(Widget::from_key("CRR"), None);
        assert_eq!(Widget::from_key(""), None);
    }

    #[test]
    fn a_widget_lives_next_to_the_page_whatever_its_query_and_fragment() {
        assert_eq!(
            widget_url(
                "https://example.org/tools/index.html?language=nl#sec-base",
                Widget::LtvCac,
                Lang::Nl,
                Currency::Eur
            ),
            "https://example.org/tools/embed.html?calculator=ltv-cac&language=nl&currency=EUR"
        );
        assert_eq!(
            widget_url("http://127.0.0.1:8080/", Widget::Crr, Lang::En, Currency::Gbp),
            "http://127.0.0.1:8080/embed.html?calculator=crr&language=en&currency=GBP"
        );
        assert_eq!(
            snapshot_url("https://x.test/a/?q=1", Lang::De, Currency::Usd, "#snapshot=abc"),
            "https://x.test/a/embed.html?language=de&currency=USD#snapshot=abc"
        );
    }

    #[test]
    fn the_whole_app_gets_the_query_and_the_fragment() {
        assert_eq!(full_page_url("", ""), "retention-calculator.html?embed=1");
        assert_eq!(
            full_page_url("?calculator=file&language=nl", "#snapshot=x"),
            "retention-calculator.html?embed=1&calculator=file&language=nl#snapshot=x"
        );
    }

    #[test]
    fn the_snippet_is_a_sandboxed_frame_with_its_height_listener() {
        let s = snippet("https://x.test/embed.html?calculator=crr&language=nl", "Retentie \"CRR\"", 420);
        assert!(s.starts_with(
            "<iframe src=\"https://x.test/embed.html?calculator=crr&amp;language=nl\" title=\"Retentie &quot;CRR&quot;\" \
             sandbox=\"allow-scripts allow-downloads\" data-retention-calculator style=\"width:100%;height:420px;border:0\""
        ));
        assert!(s.contains("e.data.type === \"retention-calculator:height\""));
        assert!(s.contains("f.contentWindow === e.source"));
        // No way out of the attribute for a crafted address.
        let evil = snippet("x\"><script>alert(1)</script>", "t", 1);
        assert!(!evil.contains("\"><script>alert"));
    }
}
