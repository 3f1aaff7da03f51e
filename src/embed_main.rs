//! The light embed's browser entry point: trunk builds this binary to wasm for `embed.html`
//! (see `ui::embed_dom`: the view without Yew). On native it only prints a hint.

/// The embeds' memory allocator: talc instead of the standard library's dlmalloc (a smaller
/// allocator of the same kind, growing the wasm memory as needed; issue 14 §1). The full page keeps
/// dlmalloc, whose speed its first-run benchmarks (§3) were measured with.
#[cfg(target_arch = "wasm32")]
#[global_allocator]
static TALC: talc::wasm::WasmDynamicTalc = talc::wasm::new_wasm_dynamic_allocator();

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
