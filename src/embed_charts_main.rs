//! The light embed with its Charts view (`embed/charts/`, asked by `?charts`): trunk builds this
//! binary to wasm for `embed-charts.html` (see `ui::embed`). On native it only prints a hint.

#[cfg(target_arch = "wasm32")]
fn main() {
    portsim::ui::embed::start_with_charts();
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!(
        "portsim-embed-charts is the light browser embed with charts (built by trunk from embed-charts.html); use the `portsim` CLI natively."
    );
}
