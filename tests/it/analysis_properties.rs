//! Named properties of the whole-run analysis (issue 13) over the random scenarios of
//! `random_scenario.rs` (same knobs as `properties.rs`: `PORTSIM_PROPERTY_CASES`, `PORTSIM_PROPERTY_SEED`).
//!
//! - `chart-bins-equal-report-totals`: for EVERY bin of the stacked status chart, the counts equal the
//!   statuses of the instances (and the report's totals) of a second run stopped (`run_until`) at that
//!   bin's sample time — an independent oracle; the attempts and completions series sum to the final report's totals;
//!   and the charts kept WHILE the run goes (`ChartsFollower`, as the page does: the run in
//!   slices of a few events, the new facts folded a few at a time after each, the bins coarsened
//!   as the clock advances), snapshotted at the end, equal those folded at once after the run (`RunCharts::build`).
//! - `diff-with-itself-is-empty`: comparing a run with a second run of the same scenario finds no
//!   difference; comparing A with B and B with A finds the same copies with added/saved swapped.

use crate::random_scenario::GenScenario;
use portsim::analysis::charts::{RunCharts, STATUSES};
use portsim::analysis::charts_live::ChartsFollower;
use portsim::analysis::diff::diff;
use portsim::engine::report::Totals;
use portsim::engine::simulation::InstanceStatus;
use portsim::engine::time::SimTime;
use portsim::engine::{load_scenario, Scenario, Simulation};

fn seeds() -> Vec<u64> {
    crate::random_scenario::property_seeds(1000)
}

fn scenario(seed: u64) -> Option<(GenScenario, Scenario)> {
    let gen = GenScenario::generate(seed);
    let scenario = load_scenario(&gen.json).ok()?;
    Some((gen, scenario))
}

fn fail(property: &str, seed: u64, gen: &GenScenario, detail: String) -> ! {
    panic!(
        "property `{property}` failed for seed {seed}: {detail}\n\nreplay: PORTSIM_PROPERTY_SEED={seed} cargo test --test it analysis_properties\n\nscenario:\n{}",
        gen.json
    )
}

/// The stacked counts of a bin as report totals (Active and Scheduled are both `active` there).
fn as_totals(bin: &[u64; 6]) -> [u64; 5] {
    let at = |s: InstanceStatus| bin[RunCharts::status_index(s)];
    [
        at(InstanceStatus::Active) + at(InstanceStatus::Scheduled),
        at(InstanceStatus::SuspendedResumable),
        at(InstanceStatus::SuspendedNotResumable),
        at(InstanceStatus::Completed),
        at(InstanceStatus::Terminated),
    ]
}

fn totals_row(t: &Totals) -> [u64; 5] {
    [t.active, t.suspended_resumable, t.suspended_not_resumable, t.completed, t.terminated]
}

#[test]
fn chart_aggregates_sum_to_report_totals() {
    let mut bins_checked = 0u64;
    for seed in seeds() {
        let Some((gen, scenario)) = scenario(seed) else { continue };
        let mut sim = Simulation::new(&scenario);
        // Half the cases without the trace: facts then keep no instance (found by their chains).
        sim.set_trace_recording(seed % 2 == 0);
        sim.run_to_end();
        let charts = RunCharts::build(&sim);
        // The run again, followed as the page follows it.
        let mut live_sim = Simulation::new(&scenario);
        let mut live = ChartsFollower::new(&live_sim);
        let (events, facts) = (1 + seed % 13, 1 + (seed % 5) as usize * 3);
        loop {
            let more = !live_sim.run_to_end_budget(events);
            live.fold(&live_sim, facts);
            if !more {
                break;
            }
        }
        while !live.fold(&live_sim, facts) {}
        let followed = live.snapshot(&live_sim);
        if followed != charts {
            fail(
                "chart-bins-equal-report-totals",
                seed,
                &gen,
                format!("followed in slices of {events} events / {facts} facts differs from one pass:\n{followed:?}\n{charts:?}"),
            );
        }
        let report = sim.report();
        let mut probe = Simulation::new(&scenario);
        for k in 0..charts.bins() {
            probe.run_until(SimTime(charts.sample_ms(k)));
            // The oracle: the six §5 statuses of the stopped run's instances (finer than the report's
            // totals, which count Active and Scheduled together).
            let mut expected = [0u64; 6];
            for i in probe.instances() {
                expected[RunCharts::status_index(i.status)] += 1;
            }
            let got = charts.status[k];
            if got != expected || as_totals(&got) != totals_row(&probe.report().totals) {
                fail(
                    "chart-bins-equal-report-totals",
                    seed,
                    &gen,
                    format!("bin {k} at {} ms: chart {got:?}, report {expected:?} (by STATUSES)", charts.sample_ms(k)),
                );
            }
            bins_checked += 1;
        }
        let last = charts.status.last().copied().unwrap_or([0; 6]);
        let attempts: u64 = charts.endpoints.iter().map(|e| e.attempts.iter().map(|&a| a as u64).sum::<u64>()).sum();
        let completions: u64 = charts.ports.iter().map(|p| p.completions.iter().map(|&a| a as u64).sum::<u64>()).sum();
        let histogram: u64 = charts.ports.iter().map(|p| p.histogram.iter().map(|&a| a as u64).sum::<u64>()).sum();
        let stacked: u64 = last.iter().sum();
        let checks = [
            ("last bin = report totals", as_totals(&last) == totals_row(&report.totals)),
            ("stack = instances", stacked == report.totals.instances),
            ("attempts", attempts == report.totals.attempts && charts.attempts == report.totals.attempts),
            ("completions", completions == report.totals.completed && histogram == report.totals.completed),
            ("status order", STATUSES.len() == 6),
        ];
        for (what, ok) in checks {
            if !ok {
                fail(
                    "chart-bins-equal-report-totals",
                    seed,
                    &gen,
                    format!("{what}: charts {charts:?}\nreport totals {:?}", report.totals),
                );
            }
        }
    }
    assert!(bins_checked > 0 || seeds().len() == 1, "no bin was checked");
}

#[test]
fn diff_of_a_scenario_with_itself_is_empty() {
    let mut differing_pairs = 0u64;
    let mut previous: Option<portsim::engine::report::Report> = None;
    for seed in seeds() {
        let Some((gen, scenario)) = scenario(seed) else { continue };
        let run = |s: &Scenario| {
            let mut sim = Simulation::new(s);
            sim.set_trace_recording(seed % 2 == 0);
            sim.run_to_end();
            sim.report()
        };
        let a = run(&scenario);
        let b = run(&scenario);
        let d = diff(&a, &b);
        if !d.is_empty() || d.summary.compared != a.totals.instances {
            fail("diff-with-itself-is-empty", seed, &gen, format!("{:?}", d.summary));
        }
        if let Some(p) = previous.take() {
            let ab = diff(&p, &a);
            let ba = diff(&a, &p);
            let (x, y) = (&ab.summary, &ba.summary);
            let mirrored = x.changed == y.changed
                && x.attempts_added == y.attempts_saved
                && x.attempts_saved == y.attempts_added
                && x.only_in_a == y.only_in_b
                && x.status_changed == y.status_changed;
            if !mirrored {
                fail("diff-with-itself-is-empty", seed, &gen, format!("A→B {x:?} is not B→A {y:?} mirrored"));
            }
            differing_pairs += u64::from(!ab.messages.is_empty());
        }
        previous = Some(a);
    }
    assert!(differing_pairs > 0 || seeds().len() == 1, "the mirrored check never met a difference");
}
