//! `portsim run FILE` without `--json`/`--summary`: the report as readable text (SCENARIO.md
//! "CLI"), written straight into the buffered output as each instance record is made
//! (`Simulation::report_instances`): no text of the whole report, no list of records, no
//! temporary string per line (issue 9: the text output at 100k messages is cheap too).
//!
//! ```text
//! Scenario: Backup transport takes over (seed 42), ended at 01:00:00.000
//!
//! Instances (2):
//!   #1 M1 -> SP_Orders_FILE: Completed at 00:00:00.000, 1 attempt
//!       primary C:\out\%MessageID%.xml 00:00:00.000..00:00:00.000 ok
//! ...
//! Totals: ...
//! ```

use super::summary_cli;
use portsim::engine::outcome::InstanceStatus;
use portsim::engine::report::StateReport;
use portsim::engine::time::{Elapsed, SimTime};
use portsim::engine::Simulation;
use std::io::{self, Write};

/// The Group Hub's wording of a status.
fn status_words(status: InstanceStatus) -> &'static str {
    match status {
        InstanceStatus::Active => "Active",
        InstanceStatus::Scheduled => "Scheduled",
        InstanceStatus::SuspendedResumable => "Suspended (resumable)",
        InstanceStatus::SuspendedNotResumable => "Suspended (not resumable)",
        InstanceStatus::Completed => "Completed",
        InstanceStatus::Terminated => "Terminated",
    }
}

fn ms(t: u64) -> Elapsed {
    Elapsed(SimTime(t))
}

/// Writes the text report of `sim` at its current time.
pub fn write_text(sim: &Simulation, out: &mut impl Write) -> io::Result<()> {
    let r = sim.report_head();
    let name = if r.scenario.is_empty() { "(unnamed scenario)" } else { r.scenario.as_str() };
    writeln!(out, "Scenario: {name} (seed {}), ended at {}", r.seed, ms(r.end_ms))?;
    if let Some(limit) = &r.limit {
        writeln!(out, "\n{}", limit.message)?;
    }
    if !r.warnings.is_empty() {
        writeln!(out, "\nWarnings:")?;
        for w in &r.warnings {
            writeln!(out, "  {}: {}", w.path, w.message)?;
        }
    }
    let instances = sim.report_instances();
    writeln!(out, "\nInstances ({}):", instances.len())?;
    if instances.len() == 0 {
        writeln!(out, "  (none)")?;
    }
    for i in instances {
        write!(out, "  #{} {} -> {}", i.id, i.message, i.port)?;
        if let Some(g) = &i.via {
            write!(out, " via {g}")?;
        }
        if let Some(s) = i.service_instance {
            write!(out, " [ordered instance {s}]")?;
        }
        write!(out, ": {}", status_words(i.status))?;
        if let Some(why) = i.reason {
            write!(out, ", reason {why}")?;
        }
        if let Some(t) = i.completed_ms {
            write!(out, " at {}", ms(t))?;
        }
        let n = i.attempts.len();
        writeln!(out, ", {n} attempt{}", if n == 1 { "" } else { "s" })?;
        for a in &i.attempts {
            let outcome = if a.ok { "ok" } else { "failed" };
            writeln!(out, "      {} {} {}..{} {outcome}", a.transport, a.address, ms(a.start_ms), ms(a.end_ms))?;
        }
    }
    if !r.routing_failures.is_empty() {
        writeln!(out, "\nRouting failures ({}):", r.routing_failures.len())?;
        for f in &r.routing_failures {
            let response = if f.response { " (response)" } else { "" };
            writeln!(out, "  {}{response} at {}: {}", f.message, ms(f.at_ms), f.reason)?;
        }
    }
    if !r.rejected_actions.is_empty() {
        writeln!(out, "\nRejected actions ({}):", r.rejected_actions.len())?;
        for a in &r.rejected_actions {
            write!(out, "  {} {} ", ms(a.at_ms), a.action)?;
            match (&a.port, &a.group) {
                (Some(p), _) => write!(out, "port {p}")?,
                (None, Some(g)) => write!(out, "group {g}")?,
                (None, None) => {}
            }
            writeln!(out, ": {} (state {})", a.reason, a.state)?;
        }
    }
    if !r.ports.is_empty() {
        write!(out, "\nPorts: ")?;
        write_states(out, &r.ports)?;
    }
    if !r.groups.is_empty() {
        write!(out, "Groups: ")?;
        write_states(out, &r.groups)?;
    }
    writeln!(out, "\n{}", summary_cli::totals_line(&r.totals))
}

/// `name state, name state, ...` and the end of the line.
fn write_states(out: &mut impl Write, list: &[StateReport]) -> io::Result<()> {
    for (k, s) in list.iter().enumerate() {
        let sep = if k == 0 { "" } else { ", " };
        write!(out, "{sep}{} {}", s.name, s.state)?;
    }
    writeln!(out)
}
