//! Superlinear-path benchmark (issue 9 §6), harness = false: `cargo bench --bench scale_paths`.
//!
//! Each line measures a path at size N and at size 4N in the same run and prints the ratio of
//! the per-item cost (1.0 = linear / O(1) per item; 4.0 would be quadratic):
//!
//! * `terminate "all"` over N routing failures (was quadratic: one `Vec::remove` each);
//! * `resume "all"` over N suspended instances;
//! * `step()` on one message whose history grows to N attempts (retryCount N, interval 0):
//!   cost per step at history N vs 4N (was O(history): the view was rebuilt every step);
//! * the embed page's outcome: `totals()` vs the whole `report()` it replaced, at N instances
//!   (the baseline is `report()` in the same run; the ratio is how much cheaper a render got).

use portsim::engine::{load_scenario, Simulation};
use std::hint::black_box;
use std::time::Instant;

fn sim(json: &str) -> Simulation {
    match load_scenario(json) {
        Ok(s) => Simulation::new(&s),
        Err(e) => panic!("benchmark scenario does not load: {e}"),
    }
}

fn timed<T>(f: impl FnOnce() -> T) -> (f64, T) {
    let t0 = Instant::now();
    let out = f();
    (t0.elapsed().as_secs_f64(), out)
}

/// Seconds for `terminate "all"` alone over `n` routing failures.
fn terminate_all(n: u64) -> f64 {
    let json = format!(
        r#"{{"format":"portsim-scenario/1","script":[{{"at":"0s","publish":{{"count":{n}}}}},{{"at":"1s","terminate":"all"}}]}}"#
    );
    let mut s = sim(&json);
    s.set_trace_recording(false);
    s.run_until(portsim::engine::time::SimTime(500));
    assert_eq!(s.routing_failures().len() as u64, n);
    let (secs, _) = timed(|| s.run_to_end());
    assert!(s.routing_failures().is_empty());
    secs
}

/// Seconds for `resume "all"` over `n` instances suspended on a stopped port (each resumes).
fn resume_all(n: u64) -> f64 {
    let json = format!(
        r#"{{"format":"portsim-scenario/1","sendPorts":[{{"name":"P","kind":"static-one-way","state":"stopped",
        "primary":{{"transport":"FILE","address":"a"}}}}],
        "script":[{{"at":"0s","send":{{"port":"P","count":{n}}}}},{{"at":"1s","resume":"all"}}]}}"#
    );
    let mut s = sim(&json);
    s.set_trace_recording(false);
    s.run_until(portsim::engine::time::SimTime(500));
    let (secs, _) = timed(|| s.run_to_end());
    assert_eq!(s.report().totals.completed, n);
    secs
}

/// Mean seconds per `step()` over the last 200 steps of one message with `n` retries (trace and
/// view on, as in the page).
fn step_with_history(n: u64) -> f64 {
    let json = format!(
        r#"{{"format":"portsim-scenario/1","sendPorts":[{{"name":"P","kind":"static-one-way","state":"started",
        "primary":{{"transport":"FILE","address":"a","retryCount":{n},"retryInterval":"0s"}}}}],
        "endpoints":[{{"address":"a","failures":[{{"kind":"always"}}]}}],
        "script":[{{"at":"0s","send":{{"port":"P"}}}}]}}"#
    );
    let mut s = sim(&json);
    // Two events per attempt: run up to 200 steps before the end, then time the rest.
    let total = 2 * (n + 1) + 1;
    for _ in 0..total.saturating_sub(200) {
        s.step();
    }
    let (secs, steps) = timed(|| {
        let mut k = 0u64;
        while s.step() {
            k += 1;
        }
        k
    });
    assert_eq!(s.instances()[0].attempts.len() as u64, n + 1);
    secs / steps.max(1) as f64
}

/// (seconds for `totals()`, seconds for `report()`) at `n` completed instances.
fn outcome(n: u64) -> (f64, f64) {
    let json = format!(
        r#"{{"format":"portsim-scenario/1","sendPorts":[{{"name":"P","kind":"static-one-way","state":"started",
        "primary":{{"transport":"FILE","address":"a"}}}}],"script":[{{"at":"0s","send":{{"port":"P","count":{n}}}}}]}}"#
    );
    let mut s = sim(&json);
    s.set_trace_recording(false);
    s.run_to_end();
    let (t, totals) = timed(|| black_box(s.totals()));
    let (r, report) = timed(|| black_box(s.report()));
    assert_eq!(totals, report.totals);
    (t, r)
}

fn line(what: &str, n: u64, small: f64, large: f64, per: &str) {
    let ratio = (large / 4.0) / small.max(1e-12);
    println!(
        "{what:<44} N={n:>7}: {:>9.3} ms   4N: {:>9.3} ms   per-{per} cost 4N/N = {ratio:.2} (1.0 = linear, 4.0 = quadratic)",
        small * 1e3,
        large * 1e3
    );
}

fn main() {
    let n: u64 = std::env::args()
        .skip(1)
        .find_map(|a| a.parse().ok())
        .or_else(|| std::env::var("PORTSIM_BENCH_N").ok().and_then(|v| v.parse().ok()))
        .unwrap_or(20_000);
    println!("portsim scale paths (issue 9 §6), N = {n}");
    let (a, b) = (terminate_all(n), terminate_all(4 * n));
    line("terminate \"all\" over routing failures", n, a, b, "failure");
    let (a, b) = (resume_all(n), resume_all(4 * n));
    line("resume \"all\" over suspended instances", n, a, b, "instance");
    let h = (n / 20).clamp(50, 1000);
    let (a, b) = (step_with_history(h / 4), step_with_history(h));
    println!(
        "{:<44} H={:>7}: {:>9.3} µs   4H: {:>9.3} µs   per-step cost 4H/H = {:.2} (1.0 = O(1), 4.0 = O(history))",
        "step() with an instance history of H",
        h / 4,
        a * 1e6,
        b * 1e6,
        b / a.max(1e-12)
    );
    let (t, r) = outcome(4 * n);
    println!(
        "{:<44} N={:>7}: totals() {:>9.3} ms   report() {:>9.3} ms   report/totals = {:.1}× (embed renders use totals)",
        "embed outcome: totals() vs report() baseline",
        4 * n,
        t * 1e3,
        r * 1e3,
        r / t.max(1e-12)
    );
}
