//! `portsim run FILE --summary` (SCENARIO.md "CLI"): only the totals and the per-port counts, as
//! one short text block. The run records no trace unless `--trace` also asks for it, and no
//! instance list is built, so a summary of a large scenario costs little more than the run.
//!
//! ```text
//! Scenario: Backup transport takes over (seed 42), ended at 01:00:00.000
//! Totals: 7 messages, 9 instances, 6 completed, 2 suspended (resumable), ...
//! port            state    instances completed susp-resumable susp-not-resumable terminated active attempts
//! SP_Orders_FILE  started          9         6              2                  0          0      1       15
//! ```

use portsim::engine::report::Totals;
use portsim::engine::simulation::PortTotals;
use portsim::engine::time::format_elapsed;
use portsim::engine::Simulation;
use std::fmt::Write as _;

/// The one-line totals, worded as in the full text report.
pub fn totals_line(t: &Totals) -> String {
    format!(
        "Totals: {} messages, {} instances, {} completed, {} suspended (resumable), {} suspended (not resumable), \
         {} terminated, {} active, {} routing failures, {} attempts",
        t.messages,
        t.instances,
        t.completed,
        t.suspended_resumable,
        t.suspended_not_resumable,
        t.terminated,
        t.active,
        t.routing_failures,
        t.attempts
    )
}

const HEADERS: [&str; 9] = [
    "port",
    "state",
    "instances",
    "completed",
    "susp-resumable",
    "susp-not-resumable",
    "terminated",
    "active",
    "attempts",
];

/// The summary block of a finished (or limit-stopped) run.
pub fn summary_block(sim: &Simulation) -> String {
    let scenario = sim.scenario();
    let name = if scenario.name.is_empty() { "(unnamed scenario)" } else { scenario.name.as_str() };
    let mut out = String::new();
    let _ = writeln!(out, "Scenario: {name} (seed {}), ended at {}", scenario.seed, format_elapsed(sim.now()));
    if let Some(hit) = sim.limit_reached() {
        let _ = writeln!(out, "{}", hit.message);
    }
    let _ = writeln!(out, "{}", totals_line(&sim.totals()));
    let rows: Vec<[String; 9]> = sim.port_totals().iter().map(row).collect();
    if rows.is_empty() {
        let _ = writeln!(out, "(no send ports)");
        return out;
    }
    let mut widths = HEADERS.map(str::len);
    for r in &rows {
        for (w, cell) in widths.iter_mut().zip(r) {
            *w = (*w).max(cell.chars().count());
        }
    }
    let header: [String; 9] = HEADERS.map(str::to_string);
    for r in std::iter::once(&header).chain(&rows) {
        let mut line = String::new();
        for (k, (cell, w)) in r.iter().zip(widths).enumerate() {
            let pad = w.saturating_sub(cell.chars().count());
            if k > 0 {
                line.push(' ');
            }
            // Names and states left-aligned, counts right-aligned.
            if k < 2 {
                line.push_str(cell);
                line.extend(std::iter::repeat_n(' ', pad));
            } else {
                line.extend(std::iter::repeat_n(' ', pad));
                line.push_str(cell);
            }
        }
        let _ = writeln!(out, "{}", line.trim_end());
    }
    out
}

fn row(p: &PortTotals) -> [String; 9] {
    [
        p.name.clone(),
        p.state.to_string(),
        p.instances.to_string(),
        p.completed.to_string(),
        p.suspended_resumable.to_string(),
        p.suspended_not_resumable.to_string(),
        p.terminated.to_string(),
        p.active.to_string(),
        p.attempts.to_string(),
    ]
}
