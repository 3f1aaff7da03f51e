//! The native side of the page benchmark (`scripts/page_bench.mjs`, harness = false):
//! `cargo bench --bench native_run -- FILE [ROUNDS]` loads a scenario file and runs it to the end
//! with the trace recorded — what the page's engine does — and prints one JSON line:
//! `{"seconds": best run_to_end, "rounds": N, "instances": …, "events": …}`.
//! The page benchmark times `portsim.runToEnd()` in Chromium on the same file and prints
//! wasm ÷ native (issue 9 target ≤ 1.5×).

use portsim::engine::{load_scenario, Simulation};
use std::time::Instant;

fn main() {
    let args: Vec<String> = std::env::args().skip(1).filter(|a| !a.starts_with('-')).collect();
    let Some(file) = args.first() else {
        eprintln!("usage: cargo bench --bench native_run -- FILE [ROUNDS]");
        std::process::exit(2);
    };
    let rounds: usize = args.get(1).and_then(|r| r.parse().ok()).unwrap_or(3).max(1);
    let text = match std::fs::read_to_string(file) {
        Ok(t) => t,
        Err(e) => {
            eprintln!("{file}: {e}");
            std::process::exit(2);
        }
    };
    let scenario = match load_scenario(&text) {
        Ok(s) => s,
        Err(e) => {
            eprintln!("{file}: {e}");
            std::process::exit(2);
        }
    };
    let mut best = f64::MAX;
    let (mut instances, mut events) = (0, 0);
    for _ in 0..rounds {
        let mut sim = Simulation::new(&scenario);
        let start = Instant::now();
        sim.run_to_end();
        best = best.min(start.elapsed().as_secs_f64());
        (instances, events) = (sim.instance_count(), sim.events_processed());
    }
    println!(r#"{{"seconds": {best:.4}, "rounds": {rounds}, "instances": {instances}, "events": {events}}}"#);
}
