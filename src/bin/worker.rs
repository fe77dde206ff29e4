//! The Web Worker's entry point (built for wasm32 by Trunk): reads files off the page's thread.

#[cfg(target_arch = "wasm32")]
fn main() {
    retention::worker::start();
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!("The worker runs in the browser, started by the app.");
}
