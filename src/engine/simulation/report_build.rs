//! The `portsim-report/1` report of a `Simulation` (SCENARIO.md "Report"): built in one linear pass
//! over the instances (`report()`), or streamed as JSON to a writer without building the report or
//! its text first (`write_report_json`, the CLI's `--json`). Both give the same bytes (property
//! `report-identical-with-and-without-trace`).

use super::Simulation;
use crate::engine::instance::NONE;
use crate::engine::message_box::NO_GROUP;
use crate::engine::note::Note;
use crate::engine::outcome::TransportSlot;
use crate::engine::report::{
    AttemptReport, InstanceReport, MessageName, Name, Report, RoutingFailureReport, StateReport, REPORT_FORMAT,
};
use crate::engine::time::SimTime;
use serde::ser::{Serialize, SerializeStruct, Serializer};
use std::borrow::Cow;
use std::io::{self, Write};
use std::sync::Arc;

impl Simulation {
    /// The `portsim-report/1` report at the current time, in one pass over the instances. No
    /// record owns text: names are shared `Name`s made once per port, group and address
    /// (`ReportNames`), messages are `MessageName`s, status/reason/transport enums.
    pub fn report(&self) -> Report {
        Report { instances: self.report_instances().collect(), ..self.report_head() }
    }

    /// The report without its instance records (`instances` is empty): with
    /// `report_instances()`, what a caller writes record by record without holding the list
    /// (the CLI's text output).
    pub fn report_head(&self) -> Report {
        Report {
            format: REPORT_FORMAT.to_string(),
            scenario: self.scenario.name.clone(),
            seed: self.scenario.seed,
            end_ms: self.now.as_ms(),
            instances: Vec::new(),
            routing_failures: self.routing_failure_reports().collect(),
            rejected_actions: self.rejected.clone(),
            warnings: self.scenario.warnings.clone(),
            ports: self.port_reports().collect(),
            groups: self.group_reports().collect(),
            totals: self.totals(),
            limit: self.limit_hit.clone(),
        }
    }

    /// The report's instance records in id order, each made when it is asked for.
    pub fn report_instances(&self) -> InstanceReports<'_> {
        InstanceReports { sim: self, next: 0, names: ReportNames::new(self), marks: Vec::new() }
    }

    /// Writes `report().to_json()` (pretty JSON and a final newline) to `out`, one instance at a
    /// time: memory stays flat whatever the number of instances.
    pub fn write_report_json(&self, mut out: impl Write) -> io::Result<()> {
        serde_json::to_writer_pretty(&mut out, &Streamed { sim: self })?;
        out.write_all(b"\n")
    }

    /// Instance `i`'s record; `marks` is scratch space reused from one instance to the next, so
    /// the attempts list is allocated once at its exact length.
    fn instance_report(&self, i: u32, names: &mut ReportNames, marks: &mut Vec<AttemptMark>) -> InstanceReport {
        let inst = &self.insts[i as usize];
        marks.clear();
        self.each_attempt_backwards(i, |a| marks.push(a));
        let attempts = marks
            .iter()
            .rev()
            .map(|a| AttemptReport {
                transport: a.slot,
                address: names.address(self, i, a.slot),
                start_ms: a.start_ms,
                end_ms: a.end_ms,
                ok: a.ok,
            })
            .collect();
        InstanceReport {
            id: i as u64 + 1,
            message: self.report_message(inst.msg),
            port: names.ports[inst.port as usize].clone(),
            via: names.groups.get(inst.via as usize).cloned(),
            status: inst.status,
            reason: inst.reason,
            completed_ms: self.completed_at(i).map(SimTime::as_ms),
            service_instance: self.service_instance_of(i),
            attempts,
        }
    }

    /// Message `m`'s name as the report holds it: its explicit name shared, or its ordinal.
    fn report_message(&self, m: u32) -> MessageName {
        match self.msg_explicit_name(m) {
            Some(name) => MessageName::Named(Name::from(Arc::clone(name))),
            None => MessageName::Ordinal(self.msgs[m as usize].ordinal),
        }
    }

    /// The attempts of an instance as plain numbers, last first (one backward walk of its facts;
    /// an attempt in flight ends "now", as in the report).
    fn each_attempt_backwards(&self, i: u32, mut each: impl FnMut(AttemptMark)) {
        let mut end: Option<(u64, bool)> = None;
        let mut f = self.insts[i as usize].last_fact;
        while f != NONE {
            let fact = self.facts.fact(f as usize);
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
        self.routing_failures.iter().zip(&self.rf_meta).map(|(r, meta)| RoutingFailureReport {
            message: self.report_message(meta.msg),
            at_ms: r.at.as_ms(),
            reason: Cow::Borrowed(r.reason),
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

/// The instance records of a report, made one at a time (`Simulation::report_instances`).
pub struct InstanceReports<'a> {
    sim: &'a Simulation,
    next: u32,
    names: ReportNames,
    /// Scratch reused from one instance to the next.
    marks: Vec<AttemptMark>,
}

impl Iterator for InstanceReports<'_> {
    type Item = InstanceReport;
    fn next(&mut self) -> Option<InstanceReport> {
        let i = self.next;
        (i < self.sim.insts.len() as u32).then(|| {
            self.next += 1;
            self.sim.instance_report(i, &mut self.names, &mut self.marks)
        })
    }
    fn size_hint(&self) -> (usize, Option<usize>) {
        let left = self.sim.insts.len().saturating_sub(self.next as usize);
        (left, Some(left))
    }
}

impl ExactSizeIterator for InstanceReports<'_> {}

/// The names a report shares among its records, each made once: ports, groups, the static
/// ports' primary/backup addresses, and each dynamic instance's address the first time it is
/// needed (§1: a dynamic port's address comes from its message).
struct ReportNames {
    ports: Vec<Name>,
    groups: Vec<Name>,
    /// Per port: [primary, backup].
    addresses: Vec<[Name; 2]>,
    dynamic: Vec<Option<Name>>,
}

impl ReportNames {
    fn new(sim: &Simulation) -> ReportNames {
        let ports = &sim.scenario.ports;
        let address =
            |t: Option<&crate::engine::model::TransportConfig>| Name::from(t.map_or("", |t| t.address.as_str()));
        ReportNames {
            ports: ports.iter().map(|p| Name::from(p.name.as_str())).collect(),
            groups: sim.scenario.groups.iter().map(|g| Name::from(g.name.as_str())).collect(),
            addresses: ports.iter().map(|p| [address(p.primary.as_ref()), address(p.backup.as_ref())]).collect(),
            dynamic: vec![None; sim.dyns.len()],
        }
    }

    /// The address instance `i` used on `slot` (`Simulation::transport_of`), shared.
    fn address(&mut self, sim: &Simulation, i: u32, slot: TransportSlot) -> Name {
        let inst = &sim.insts[i as usize];
        let Some(dynamic) = sim.dynamic_of(i) else {
            return self.addresses[inst.port as usize][usize::from(slot == TransportSlot::Backup)].clone();
        };
        match self.dynamic.get_mut(dynamic as usize) {
            Some(cached) => cached.get_or_insert_with(|| Name::from(sim.transport_of(i, slot).0)).clone(),
            None => Name::from(sim.transport_of(i, slot).0),
        }
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
        let ordinal = sim.msgs[inst.msg as usize].ordinal;
        let service_instance = sim.service_instance_of(i);
        let via = (inst.via != NO_GROUP).then(|| sim.scenario.groups.get(inst.via as usize).map(|g| g.name.as_str()));
        let completed = sim.completed_at(i).map(SimTime::as_ms);
        let mut s = serializer.serialize_struct("InstanceReport", 8 + usize::from(service_instance.is_some()))?;
        s.serialize_field("id", &(i as u64 + 1))?;
        match sim.msg_explicit_name(inst.msg) {
            Some(name) => s.serialize_field("message", &**name)?,
            None => s.serialize_field("message", &MessageName::Ordinal(ordinal))?,
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
