//! The `portsim-report/1` report of a `Simulation` (SCENARIO.md "Report"): built in one linear pass
//! over the instances (`report()`), or streamed as JSON to a writer without building the report or
//! its text first (`write_report_json`, the CLI's `--json`). Both give the same bytes (property
//! `report-identical-with-and-without-trace`).

use super::Simulation;
use crate::engine::instance::NONE;
use crate::engine::message_box::NO_GROUP;
use crate::engine::note::Note;
use crate::engine::outcome::{InstanceStatus, TransportSlot};
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
        let mut attempts = Vec::new();
        self.each_attempt_backwards(i, |a| {
            attempts.push(AttemptReport {
                transport: a.slot.code().to_string(),
                address: self.transport_of(i, a.slot).0.to_string(),
                start_ms: a.start_ms,
                end_ms: a.end_ms,
                ok: a.ok,
            })
        });
        attempts.reverse();
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

    /// The attempts of an instance as plain numbers, last first (one backward walk of its facts;
    /// an attempt in flight ends "now", as in the report).
    fn each_attempt_backwards(&self, i: u32, mut each: impl FnMut(AttemptMark)) {
        let mut end: Option<(u64, bool)> = None;
        let mut f = self.insts[i as usize].last_fact;
        while f != NONE {
            let fact = &self.facts[f as usize];
            match fact.note {
                Note::AttemptEnd { ok, .. } => end = Some((fact.at.as_ms(), ok)),
                Note::AttemptStart { slot } => {
                    let (end_ms, ok) = end.take().unwrap_or((self.now.as_ms(), false));
                    each(AttemptMark { slot, start_ms: fact.at.as_ms(), end_ms, ok });
                }
                _ => {}
            }
            f = fact.prev;
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
        report.serialize_field("instances", &Each(|| (0..sim.insts.len() as u32).map(|i| InstanceJson { sim, i })))?;
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

/// One attempt as numbers (the report's strings are made from it only where needed).
#[derive(Clone, Copy)]
struct AttemptMark {
    slot: TransportSlot,
    start_ms: u64,
    end_ms: u64,
    ok: bool,
}

/// An instance of the streamed report, written straight from the compact state: the same fields,
/// order and values as `InstanceReport` (property `report-identical-with-and-without-trace` and
/// the golden `.json` files compare the bytes), with names borrowed from the scenario instead of
/// copied into new strings for every instance (issue 9: `--json` streams, the report is cheap).
struct InstanceJson<'a> {
    sim: &'a Simulation,
    i: u32,
}

impl Serialize for InstanceJson<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let (sim, i) = (self.sim, self.i);
        let inst = &sim.insts[i as usize];
        let msg = &sim.msgs[inst.msg as usize];
        let service_instance = sim.service_instance_of(i);
        let via = (inst.via != NO_GROUP).then(|| sim.scenario.groups.get(inst.via as usize).map(|g| g.name.as_str()));
        let completed = (inst.status == InstanceStatus::Completed).then_some(inst.completed.as_ms());
        let mut s = serializer.serialize_struct("InstanceReport", 8 + usize::from(service_instance.is_some()))?;
        s.serialize_field("id", &(i as u64 + 1))?;
        match &msg.name {
            Some(name) => s.serialize_field("message", &**name)?,
            None => s.serialize_field("message", &MessageOrdinal(msg.ordinal))?,
        }
        s.serialize_field("port", &sim.scenario.ports[inst.port as usize].name)?;
        s.serialize_field("via", &via.flatten())?;
        s.serialize_field("status", inst.status.code())?;
        s.serialize_field("reason", &inst.reason.map(|r| r.code()))?;
        s.serialize_field("completedMs", &completed)?;
        match service_instance {
            Some(id) => s.serialize_field("serviceInstance", &id)?,
            None => s.skip_field("serviceInstance")?,
        }
        let mut marks = Vec::new();
        sim.each_attempt_backwards(i, |a| marks.push(a));
        marks.reverse();
        s.serialize_field("attempts", &Each(|| marks.iter().map(|a| AttemptJson { sim, i, a: *a })))?;
        s.end()
    }
}

/// `M<ordinal>`, the name of an unnamed injected message, written without a temporary string.
struct MessageOrdinal(u32);

impl Serialize for MessageOrdinal {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(&format_args!("M{}", self.0))
    }
}

/// One attempt of the streamed report (fields of `AttemptReport`).
struct AttemptJson<'a> {
    sim: &'a Simulation,
    i: u32,
    a: AttemptMark,
}

impl Serialize for AttemptJson<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let a = self.a;
        let mut s = serializer.serialize_struct("AttemptReport", 5)?;
        s.serialize_field("transport", a.slot.code())?;
        s.serialize_field("address", self.sim.transport_of(self.i, a.slot).0)?;
        s.serialize_field("startMs", &a.start_ms)?;
        s.serialize_field("endMs", &a.end_ms)?;
        s.serialize_field("ok", &a.ok)?;
        s.end()
    }
}
