//! The browser entry point: trunk builds this binary to wasm and mounts the Yew app.

#[cfg(target_arch = "wasm32")]
fn main() {
    portsim::ui::start();
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!("portsim-web is the browser build (run `make run`); use the `portsim` CLI natively.");
}
