//! Whole-run analysis benchmark (harness = false; issue 13 targets), ratios measured in the same run:
//!
//! * charts of a 1,000,000-message run: `RunCharts::build` (one pass over the facts)
//!   ≤ 200 ms after the run ends, printed with its ratio to the run itself; the page's way: the
//!   run in slices with each slice's facts folded as it ends (`ChartsFollower`: the fold's cost
//!   ÷ the run) and only a snapshot after the run; switching chart type
//!   (rendering one chart's SVG from the binned data) ≤ 50 ms;
//! * a 100-seed sweep of a 1,000-message scenario on every core, within 3× of
//!   (one run × 100 ÷ cores).
//!
//! `cargo bench --bench charts [-- MESSAGES]` (default 1,000,000).

use portsim::analysis::charts::RunCharts;
use portsim::analysis::charts_live::ChartsFollower;
use portsim::analysis::svg::{attempts_chart, delivery_chart, status_chart, ChartText};
use portsim::analysis::sweep::{run_metrics, SweepPlan};
use portsim::analysis::table::{attempts_table, ports_table, status_table, TimeStyle};
use portsim::engine::{load_scenario, Simulation};
use std::hint::black_box;
use std::time::Instant;

/// `ports` static ports behind one publish each (`count` messages every second), with random,
/// windowed and first-attempt failures, retries and backups.
fn scenario_json(messages: u64, ports: u64) -> String {
    let per_port = messages / ports;
    let mut sp = Vec::new();
    let mut ep = Vec::new();
    let mut script = Vec::new();
    for k in 0..ports {
        let backup = if k % 3 == 0 {
            format!(
                r#","backup":{{"transport":"FTP","address":"ftp://backup/{k}","retryCount":1,"retryInterval":"1m"}}"#
            )
        } else {
            String::new()
        };
        sp.push(format!(
            r#"{{"name":"SP_{k}","kind":"static-one-way","state":"started","filter":[[{{"property":"T","operator":"==","value":"{k}"}}]],
               "primary":{{"transport":"FILE","address":"out/{k}","retryCount":{},"retryInterval":"5m"}}{backup}}}"#,
            k % 4
        ));
        let failure = match k % 4 {
            0 => r#"{"kind":"random","probability":0.2}"#.to_string(),
            1 => r#"{"kind":"window","from":"10m","to":"40m"}"#.to_string(),
            2 => r#"{"kind":"firstAttempts","count":100}"#.to_string(),
            _ => r#"{"kind":"random","probability":0.02}"#.to_string(),
        };
        ep.push(format!(r#"{{"address":"out/{k}","latency":"{}s","failures":[{failure}]}}"#, 1 + k % 3));
        script
            .push(format!(r#"{{"at":"{k}s","publish":{{"context":{{"T":"{k}"}},"count":{per_port},"every":"1s"}}}}"#));
    }
    format!(
        r#"{{"format":"portsim-scenario/1","name":"charts bench","seed":1,"until":"30d","sendPorts":[{}],"endpoints":[{}],"script":[{}]}}"#,
        sp.join(","),
        ep.join(","),
        script.join(",")
    )
}

fn ms(d: std::time::Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

fn main() {
    let messages: u64 = std::env::args()
        .skip(1)
        .find_map(|a| a.parse().ok())
        .or_else(|| std::env::var("PORTSIM_BENCH_MESSAGES").ok().and_then(|v| v.parse().ok()))
        .unwrap_or(1_000_000);

    // --- charts of a big run ---
    let scenario = match load_scenario(&scenario_json(messages, 10)) {
        Ok(s) => s,
        Err(e) => {
            eprintln!("bench scenario invalid: {e}");
            std::process::exit(1);
        }
    };
    let t = Instant::now();
    let mut sim = Simulation::new(&scenario);
    sim.set_trace_recording(false);
    sim.run_to_end();
    let run = t.elapsed();
    let t = Instant::now();
    let charts = black_box(RunCharts::build(&sim));
    let build = t.elapsed();
    let stacked: u64 = charts.status.last().map(|b| b.iter().sum()).unwrap_or(0);
    println!(
        "charts: {messages} messages, {stacked} instances, {} bins of {} ms, {} endpoint series",
        charts.bins(),
        charts.bin_ms,
        charts.endpoints.len()
    );
    println!("  run to end (trace off)      {:>9.1} ms", ms(run));
    println!(
        "  charts after the run        {:>9.1} ms  = {:.3} x the run   (target <= 200 ms: {})",
        ms(build),
        build.as_secs_f64() / run.as_secs_f64(),
        if ms(build) <= 200.0 { "met" } else { "MISSED" }
    );
    let t = Instant::now();
    let again = black_box(RunCharts::build_with_bin(&sim, charts.bin_ms * 2));
    let rebin = t.elapsed();
    println!(
        "  re-binned (2x bin width)    {:>9.1} ms  = {:.3} x the run",
        ms(rebin),
        rebin.as_secs_f64() / run.as_secs_f64()
    );
    drop(again);
    // The page's way (issue 13): the same run in slices of 20,000 events, each slice's new facts
    // folded into the bins as it ends (`ChartsFollower`); after the run only a snapshot is left.
    let t = Instant::now();
    let mut followed_sim = Simulation::new(&scenario);
    followed_sim.set_trace_recording(false);
    let mut follower = ChartsFollower::new(&followed_sim);
    let mut fold = std::time::Duration::ZERO;
    loop {
        let done = followed_sim.run_to_end_budget(20_000);
        let f = Instant::now();
        follower.fold(&followed_sim, usize::MAX);
        fold += f.elapsed();
        if done {
            break;
        }
    }
    let sliced_run = t.elapsed() - fold;
    let t = Instant::now();
    let snapshot = black_box(follower.snapshot(&followed_sim));
    let snap = t.elapsed();
    println!(
        "  followed during the run     {:>9.1} ms  = {:.3} x the same run in slices ({:.1} ms), folded after each 20,000 events",
        ms(fold),
        fold.as_secs_f64() / sliced_run.as_secs_f64(),
        ms(sliced_run)
    );
    println!(
        "  snapshot after the run      {:>9.1} ms  = {:.3} x the run   (target <= 200 ms: {}; equals the one-pass build: {})",
        ms(snap),
        snap.as_secs_f64() / run.as_secs_f64(),
        if ms(snap) <= 200.0 { "met" } else { "MISSED" },
        snapshot == charts
    );
    // Switching chart type = rendering that chart's SVG and its data table from the binned data.
    let text = ChartText { title: "chart".into(), ..ChartText::default() };
    let mut worst = 0.0f64;
    for (name, render) in [
        ("instances by status", status_chart as fn(&RunCharts, &ChartText) -> String),
        ("attempts per endpoint", attempts_chart),
        ("delivery time per port", delivery_chart),
    ] {
        let t = Instant::now();
        let svg = black_box(render(&charts, &text));
        let rows = black_box(
            status_table(&charts, &text, TimeStyle::Short).rows.len()
                + attempts_table(&charts, &text, TimeStyle::Short).rows.len()
                + ports_table(&charts, &text, TimeStyle::Short).rows.len(),
        );
        let d = t.elapsed();
        worst = worst.max(ms(d));
        println!("  switch to {name:<24}{:>7.2} ms  ({} bytes of SVG, {rows} table rows)", ms(d), svg.len());
    }
    println!(
        "  worst chart switch          {:>9.2} ms  (target <= 50 ms: {})",
        worst,
        if worst <= 50.0 { "met" } else { "MISSED" }
    );

    // --- sweep: 100 seeds of a 1,000-message scenario ---
    let small = scenario_json(1_000, 4);
    let one = match load_scenario(&small) {
        Ok(s) => s,
        Err(e) => {
            eprintln!("sweep scenario invalid: {e}");
            std::process::exit(1);
        }
    };
    let reps = 20;
    let t = Instant::now();
    for _ in 0..reps {
        black_box(run_metrics(&one));
    }
    let single = t.elapsed() / reps;
    let plan = match SweepPlan::new(&small, Vec::new(), Some(100)) {
        Ok(p) => p,
        Err(e) => {
            eprintln!("sweep plan invalid: {e}");
            std::process::exit(1);
        }
    };
    let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
    // Start the pool before timing (a warm-up sweep of a few jobs), then the same jobs one by one.
    black_box(SweepPlan::new(&small, Vec::new(), Some(4)).map(|p| p.run()).ok());
    let t = Instant::now();
    black_box(plan.run_sequential());
    let sequential = t.elapsed();
    let t = Instant::now();
    let result = black_box(plan.run());
    let sweep = t.elapsed();
    let ideal = single.as_secs_f64() * 100.0 / cores as f64;
    println!("sweep: 100 seeds x 1,000 messages on {cores} cores ({} cells)", result.cells.len());
    println!("  one run                     {:>9.2} ms", ms(single));
    println!(
        "  100 jobs one by one         {:>9.1} ms  = {:.2} x (one run x 100)",
        ms(sequential),
        sequential.as_secs_f64() / (single.as_secs_f64() * 100.0)
    );
    println!(
        "  sweep                       {:>9.1} ms  = {:.2} x (one run x 100 / cores)   (target <= 3: {})",
        ms(sweep),
        sweep.as_secs_f64() / ideal,
        if sweep.as_secs_f64() <= 3.0 * ideal { "met" } else { "MISSED" }
    );
    println!(
        "  parallel speed-up           {:>9.2} x on {cores} cores (the machine's other load counts)",
        sequential.as_secs_f64() / sweep.as_secs_f64()
    );
}
