//! Superlinear-path benchmark (issue 9 §6), harness = false: `cargo bench --bench scale_paths`.
//!
//! Each line measures a path at size N and at size 4N in the same run and prints the ratio of
//! the per-item cost (1.0 = linear / O(1) per item; 4.0 would be quadratic):
//!
//! * `terminate "all"` over N routing failures (was quadratic: one `Vec::remove` each);
//! * `resume "all"` over N suspended instances;
//! * `step()` on one message whose history grows to N attempts (retryCount N, interval 0):
//!   cost per step at history N vs 4N (was O(history): the view was rebuilt every step);
//! * §7 an ordered port's queue: N instances join, then leave from the back (a terminated or
//!   resumed message deep in the queue; was a linear search per leave);
//! * the embed page's outcome: `totals()` vs the whole `report()` it replaced, at N instances
//!   (the baseline is `report()` in the same run; the ratio is how much cheaper a render got).
//!
//! N defaults to 100,000 (`-- N` or `PORTSIM_BENCH_N`; injections above the format's largest
//! `count` are split in several script entries). Below a few tens of thousands the 4N/N ratio
//! mostly measures the allocator (small runs reuse the memory the previous round freed, larger
//! ones take fresh pages), not the path's complexity: at N = 20,000 the same build printed 1.0 to
//! 4.6 for `resume "all"` from one run to the next on the loaded machine.

use portsim::engine::{load_scenario, Simulation};
use std::hint::black_box;
use std::time::Instant;

fn sim(json: &str) -> Simulation {
    match load_scenario(json) {
        Ok(s) => Simulation::new(&s),
        Err(e) => panic!("benchmark scenario does not load: {e}"),
    }
}

/// Script entries injecting `n` copies at 0 s (`kind` = `publish` or `send`, `extra` = its other
/// fields), split in entries of at most 100,000 (the format's largest `count`).
fn copies(kind: &str, extra: &str, n: u64) -> String {
    let mut entries = Vec::new();
    let mut left = n;
    while left > 0 {
        let c = left.min(100_000);
        entries.push(format!(r#"{{"at":"0s","{kind}":{{{extra}"count":{c}}}}}"#));
        left -= c;
    }
    entries.join(",")
}

fn timed<T>(f: impl FnOnce() -> T) -> (f64, T) {
    let t0 = Instant::now();
    let out = f();
    (t0.elapsed().as_secs_f64(), out)
}

/// Seconds for `terminate "all"` alone over `n` routing failures.
fn terminate_all(n: u64) -> f64 {
    let json = format!(
        r#"{{"format":"portsim-scenario/1","script":[{},{{"at":"1s","terminate":"all"}}]}}"#,
        copies("publish", "", n)
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
        "script":[{},{{"at":"1s","resume":"all"}}]}}"#,
        copies("send", r#""port":"P","#, n)
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

/// Seconds for `n` joins then `n` leaves from the back of one ordered port's queue (§7).
fn ordered_leaves(n: u64) -> f64 {
    let mut q = portsim::engine::ordered::OrderedQueue::default();
    let (secs, _) = timed(|| {
        for i in 0..n as u32 {
            q.join(i);
        }
        for i in (0..n as u32).rev() {
            black_box(q.leave(i));
        }
    });
    assert_eq!(q.head(), None);
    secs
}

/// (seconds for `totals()`, seconds for `report()`) at `n` completed instances.
fn outcome(n: u64) -> (f64, f64) {
    let json = format!(
        r#"{{"format":"portsim-scenario/1","sendPorts":[{{"name":"P","kind":"static-one-way","state":"started",
        "primary":{{"transport":"FILE","address":"a"}}}}],"script":[{}]}}"#,
        copies("send", r#""port":"P","#, n)
    );
    let mut s = sim(&json);
    s.set_trace_recording(false);
    s.run_to_end();
    let (t, totals) = timed(|| black_box(s.totals()));
    let (r, report) = timed(|| black_box(s.report()));
    assert_eq!(totals, report.totals);
    (t, r)
}

/// Samples per size; each figure is the best, N and 4N taken in turn (the shared machine's load
/// hits both sizes alike).
const ROUNDS: usize = 3;

/// Best of `ROUNDS` of `f(n)` and `f(4n)`, interleaved.
fn best_pair(n: u64, f: impl Fn(u64) -> f64) -> (f64, f64) {
    let (mut a, mut b) = (f64::MAX, f64::MAX);
    for _ in 0..ROUNDS {
        a = a.min(f(n));
        b = b.min(f(4 * n));
    }
    (a, b)
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
        .unwrap_or(100_000);
    println!("portsim scale paths (issue 9 §6), N = {n}; each time the best of {ROUNDS}, N and 4N interleaved");
    let (a, b) = best_pair(n, terminate_all);
    line("terminate \"all\" over routing failures", n, a, b, "failure");
    let (a, b) = best_pair(n, resume_all);
    line("resume \"all\" over suspended instances", n, a, b, "instance");
    let (a, b) = best_pair(n, ordered_leaves);
    line("§7 ordered queue: join, then leave from the back", n, a, b, "instance");
    let h = (n / 20).clamp(50, 1000);
    let (a, b) = best_pair(h / 4, step_with_history);
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
