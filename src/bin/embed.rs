//! The embeddable widget's entry point (`embed.html`, built for wasm32 by Trunk): one
//! calculator, or the way to the whole app for a dropped file, chosen by URL parameter.

#[cfg(target_arch = "wasm32")]
fn main() {
    retention::ui::embed::start();
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!("The embeddable widget runs in the browser: `./scripts/serve.sh` builds and serves it (embed.html).");
}
