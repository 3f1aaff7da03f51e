//! The light embed's browser entry point: trunk builds this binary to wasm for `embed.html`
//! (see `ui::embed_dom`: the view without Yew). On native it only prints a hint.

#[cfg(target_arch = "wasm32")]
fn main() {
    portsim::ui::embed_dom::start();
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!(
        "portsim-embed is the light browser embed (built by trunk from embed.html); use the `portsim` CLI natively."
    );
}
