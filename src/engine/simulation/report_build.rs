//! The `portsim-report/1` report of a `Simulation` (SCENARIO.md "Report"): built in one linear pass
//! over the instances (`report()`), or streamed as JSON to a writer without building the report or
//! its text first (`write_report_json`, the CLI's `--json`). Both give the same bytes (property
//! `report-identical-with-and-without-trace`).

use super::Simulation;
use crate::engine::outcome::InstanceStatus;
use crate::engine::report::{AttemptReport, InstanceReport, Report, RoutingFailureReport, StateReport, REPORT_FORMAT};
use serde::ser::{Serialize, SerializeStruct, Serializer};
use std::io::{self, Write};

impl Simulation {
    /// The `portsim-report/1` report at the current time.
    pub fn report(&self) -> Report {
        Report {
            format: REPORT_FORMAT.to_string(),
            scenario: self.scenario.name.clone(),
            seed: self.scenario.seed,
            end_ms: self.now.as_ms(),
            instances: (0..self.insts.len() as u32).map(|i| self.instance_report(i)).collect(),
            routing_failures: self.routing_failure_reports().collect(),
            rejected_actions: self.rejected.clone(),
            warnings: self.scenario.warnings.clone(),
            ports: self.port_reports().collect(),
            groups: self.group_reports().collect(),
            totals: self.totals(),
            limit: self.limit_hit.clone(),
        }
    }

    /// Writes `report().to_json()` (pretty JSON and a final newline) to `out`, one instance at a
    /// time: memory stays flat whatever the number of instances.
    pub fn write_report_json(&self, mut out: impl Write) -> io::Result<()> {
        serde_json::to_writer_pretty(&mut out, &Streamed { sim: self })?;
        out.write_all(b"\n")
    }

    fn instance_report(&self, i: u32) -> InstanceReport {
        let inst = &self.insts[i as usize];
        let attempts = self
            .attempts_of(i)
            .into_iter()
            .map(|a| AttemptReport {
                transport: a.transport.code().to_string(),
                address: a.address,
                start_ms: a.start.as_ms(),
                end_ms: a.end.unwrap_or(self.now).as_ms(),
                ok: a.ok.unwrap_or(false),
            })
            .collect();
        InstanceReport {
            id: i as u64 + 1,
            message: self.msgs[inst.msg as usize].name(),
            port: self.scenario.ports[inst.port as usize].name.clone(),
            via: self.group_name(inst.via),
            status: inst.status.code().to_string(),
            reason: inst.reason.map(|r| r.code().to_string()),
            completed_ms: (inst.status == InstanceStatus::Completed).then_some(inst.completed.as_ms()),
            service_instance: self.service_instance_of(i),
            attempts,
        }
    }

    fn routing_failure_reports(&self) -> impl Iterator<Item = RoutingFailureReport> + '_ {
        self.routing_failures.iter().map(|r| RoutingFailureReport {
            message: r.message.clone(),
            at_ms: r.at.as_ms(),
            reason: r.reason.to_string(),
            response: r.response,
        })
    }

    fn port_reports(&self) -> impl Iterator<Item = StateReport> + '_ {
        self.scenario
            .ports
            .iter()
            .zip(&self.ports)
            .map(|(c, p)| StateReport { name: c.name.clone(), state: p.state.code().to_string() })
    }

    fn group_reports(&self) -> impl Iterator<Item = StateReport> + '_ {
        self.scenario
            .groups
            .iter()
            .zip(&self.groups)
            .map(|(c, g)| StateReport { name: c.name.clone(), state: g.state.code().to_string() })
    }
}

/// The report as serde sees it, with its lists produced while they are written. Field names and
/// order are those of `Report` (`rename_all = "camelCase"`).
struct Streamed<'a> {
    sim: &'a Simulation,
}

/// A list serialised from an iterator made on demand.
struct Each<F>(F);

impl<F, I> Serialize for Each<F>
where
    F: Fn() -> I,
    I: Iterator,
    I::Item: Serialize,
{
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_seq((self.0)())
    }
}

impl Serialize for Streamed<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let sim = self.sim;
        let mut report = serializer.serialize_struct("Report", 11 + usize::from(sim.limit_hit.is_some()))?;
        report.serialize_field("format", REPORT_FORMAT)?;
        report.serialize_field("scenario", &sim.scenario.name)?;
        report.serialize_field("seed", &sim.scenario.seed)?;
        report.serialize_field("endMs", &sim.now.as_ms())?;
        report.serialize_field("instances", &Each(|| (0..sim.insts.len() as u32).map(|i| sim.instance_report(i))))?;
        report.serialize_field("routingFailures", &Each(|| sim.routing_failure_reports()))?;
        report.serialize_field("rejectedActions", &sim.rejected)?;
        report.serialize_field("warnings", &sim.scenario.warnings)?;
        report.serialize_field("ports", &Each(|| sim.port_reports()))?;
        report.serialize_field("groups", &Each(|| sim.group_reports()))?;
        report.serialize_field("totals", &sim.totals())?;
        match &sim.limit_hit {
            Some(limit) => report.serialize_field("limit", limit)?,
            None => report.skip_field("limit")?,
        }
        report.end()
    }
}
