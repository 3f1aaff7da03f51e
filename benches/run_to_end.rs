//! Native baseline of the browser's first-run benchmark (harness = false): the same
//! `Session::run_to_end` the page's `portsim.runToEnd()` runs, on the same scenario files.
//!
//! `cargo bench --bench run_to_end -- FILE...` prints one JSON line per file:
//! `{"file":…,"instances":…,"first_ms":…,"best_ms":…,"runs":5}` — the first run of the process and
//! the best of five, each from a freshly loaded session (loading is not timed, as in the page).
//! Driven by `benches/web/bench.mjs`, which prints the ratios.

use portsim::ui::session::Session;
use std::time::Instant;

const RUNS: usize = 5;

fn main() {
    let files: Vec<String> = std::env::args().skip(1).filter(|a| !a.starts_with("--")).collect();
    if files.is_empty() {
        eprintln!("usage: cargo bench --bench run_to_end -- SCENARIO.json...");
        std::process::exit(2);
    }
    for file in files {
        let json = match std::fs::read_to_string(&file) {
            Ok(j) => j,
            Err(e) => {
                eprintln!("{file}: {e}");
                std::process::exit(1);
            }
        };
        let mut times = Vec::new();
        let mut instances = 0;
        for _ in 0..RUNS {
            let mut session = match Session::from_json(&json) {
                Ok(s) => s,
                Err(e) => {
                    eprintln!("{file}: {} error(s), first: {:?}", e.errors.len(), e.errors.first());
                    std::process::exit(1);
                }
            };
            let t0 = Instant::now();
            session.run_to_end();
            times.push(t0.elapsed().as_secs_f64() * 1000.0);
            instances = session.sim().borrow().report().totals.instances;
        }
        let best = times.iter().cloned().fold(f64::INFINITY, f64::min);
        println!(
            "{{\"file\":{:?},\"instances\":{instances},\"first_ms\":{:.3},\"best_ms\":{best:.3},\"runs\":{RUNS}}}",
            file, times[0]
        );
    }
}
