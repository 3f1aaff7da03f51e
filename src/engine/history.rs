//! The status history of every service instance as compact records (no strings): fact by fact
//! (`visit_facts_range`) for what charts and sweeps fold (issue 13, `analysis::charts_live`),
//! during a run or after it; instance by instance (`visit_history*`) for the timeline.
//! Derived from the same fact arena as the trace, the timeline and `explain()`, so the three can
//! never disagree.
//!
//! Status changes follow the §5 instance machine: created → Active (C1/C3) or Suspended (C2/C4/C5
//! note follows at the same instant); an attempt makes it Active; a §6 retry makes it Scheduled;
//! a failover goes straight to the backup (Active); §8/§7 waits are Scheduled; Suspended, Resumed,
//! Completed and Terminated are what they say, and §6 failed message routing completes the
//! instance. The last change equals the instance's current status (property
//! `chart-bins-equal-report-totals` checks every bin against a run stopped there).

use super::instance::NONE;
use super::note::{Note, SuspendCause};
use super::outcome::{InstanceStatus, TransportSlot};
use super::simulation::Simulation;
use super::time::SimTime;

/// One transport attempt of an instance, without its address text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct AttemptRecord {
    pub slot: TransportSlot,
    pub start: SimTime,
    /// `None` while in flight.
    pub end: Option<SimTime>,
    /// `None` while in flight.
    pub ok: Option<bool>,
}

/// The history of one instance, borrowed from buffers reused between instances.
#[derive(Debug)]
pub struct InstanceHistory<'a> {
    /// Index of the instance (id − 1).
    pub index: u32,
    /// Index of the port in `Scenario::ports`.
    pub port: u32,
    /// Index of the resolved dynamic transport (§1), `None` for static ports: its address is
    /// `Simulation::dynamic_address`.
    pub dynamic: Option<u32>,
    pub created: SimTime,
    pub status: InstanceStatus,
    pub completed: Option<SimTime>,
    /// Status changes in time order (several may share an instant: the last one holds).
    pub changes: &'a [(SimTime, InstanceStatus)],
    pub attempts: &'a [AttemptRecord],
}

/// What one fact does to an instance's history.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum HistoryChange {
    /// The instance's status is now this.
    Status(InstanceStatus),
    /// An attempt starts on this transport (the instance is Active).
    Attempt { slot: TransportSlot },
    /// The instance's attempt in flight on this transport ends.
    AttemptEnd { slot: TransportSlot, ok: bool },
    /// Nothing the history keeps (a note that repeats the status, a response received).
    None,
}

/// Where an instance came from (`Simulation::instance_origin`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct InstanceOrigin {
    pub port: u32,
    pub dynamic: Option<u32>,
    pub created: SimTime,
}

impl Simulation {
    /// Calls `visit` for every instance in creation order with its status history and attempts.
    /// Linear in the number of facts; allocates nothing per instance.
    pub fn visit_history(&self, visit: impl FnMut(&InstanceHistory<'_>)) {
        self.visit_history_range(0, usize::MAX, visit);
    }

    /// Number of service instances created so far (`visit_history` visits this many).
    pub fn history_len(&self) -> usize {
        self.insts.len()
    }

    /// `visit_history` for the instances with index in `start..end` only (clamped to those that
    /// exist), so a shell can aggregate a large run a slice at a time.
    pub fn visit_history_range(&self, start: usize, end: usize, visit: impl FnMut(&InstanceHistory<'_>)) {
        self.visit_history_where(start, end, |_| true, visit);
    }

    /// `visit_history_range` for the instances `keep(index)` accepts only: a cheap O(1) test
    /// (e.g. `instance_span` against a visible time range) spares the walk of the others' facts.
    pub fn visit_history_where(
        &self,
        start: usize,
        end: usize,
        mut keep: impl FnMut(usize) -> bool,
        mut visit: impl FnMut(&InstanceHistory<'_>),
    ) {
        self.visit_history_dyn(start, end, &mut keep, &mut visit);
    }

    /// The walk itself, compiled once for every caller (the page's wasm carries one copy).
    fn visit_history_dyn(
        &self,
        start: usize,
        end: usize,
        keep: &mut dyn FnMut(usize) -> bool,
        visit: &mut dyn FnMut(&InstanceHistory<'_>),
    ) {
        let mut notes: Vec<(SimTime, Note)> = Vec::new();
        let mut changes: Vec<(SimTime, InstanceStatus)> = Vec::new();
        let mut attempts: Vec<AttemptRecord> = Vec::new();
        let end = end.min(self.insts.len());
        for (index, inst) in self.insts.iter().enumerate().take(end).skip(start) {
            if !keep(index) {
                continue;
            }
            notes.clear();
            changes.clear();
            attempts.clear();
            let mut f = inst.last_fact;
            while f != NONE {
                let fact = self.facts.fact(f as usize);
                notes.push((fact.at, fact.note));
                f = fact.prev;
            }
            notes.reverse();
            let created = self.created_at(index as u32);
            changes.push((created, InstanceStatus::Active));
            for &(at, note) in &notes {
                match self.change_of(inst.port, note) {
                    HistoryChange::Status(status) => changes.push((at, status)),
                    HistoryChange::Attempt { slot } => {
                        attempts.push(AttemptRecord { slot, start: at, end: None, ok: None });
                        changes.push((at, InstanceStatus::Active));
                    }
                    HistoryChange::AttemptEnd { slot, ok } => {
                        if let Some(a) = attempts.iter_mut().rev().find(|a| a.slot == slot && a.end.is_none()) {
                            a.end = Some(at);
                            a.ok = Some(ok);
                        }
                    }
                    HistoryChange::None => {}
                }
            }
            let last_at = changes.last().map_or(created, |c| c.0);
            if changes.last().map(|c| c.1) != Some(inst.status) {
                changes.push((last_at, inst.status));
            }
            visit(&InstanceHistory {
                index: index as u32,
                port: inst.port,
                dynamic: self.dynamic_of(index as u32),
                created,
                status: inst.status,
                completed: self.completed_at(index as u32),
                changes: &changes,
                attempts: &attempts,
            });
        }
    }

    /// What one note of an instance of `port` does to its history (the §5 machine as described in
    /// the module doc).
    fn change_of(&self, port: u32, note: Note) -> HistoryChange {
        let status = match note {
            Note::AttemptStart { slot } => return HistoryChange::Attempt { slot },
            Note::AttemptEnd { slot, ok, .. } => return HistoryChange::AttemptEnd { slot, ok },
            Note::StillSuspended { .. } | Note::ResponseReceived => return HistoryChange::None,
            Note::Created { .. } | Note::Failover | Note::Resumed { .. } => InstanceStatus::Active,
            Note::Scheduled { .. } | Note::Retry { .. } => InstanceStatus::Scheduled,
            Note::Suspended { cause, .. } => {
                let final_failure = matches!(
                    cause,
                    SuspendCause::OrderedFailed
                        | SuspendCause::ResponseUnroutable
                        | SuspendCause::FailedMessageUnroutable
                );
                // §7: without stop-on-failure a failed ordered message is Suspended (not resumable).
                let ordered_no_stop = self
                    .scenario
                    .ports
                    .get(port as usize)
                    .is_some_and(|cfg| cfg.ordered_delivery && !cfg.stop_on_failure);
                if final_failure && ordered_no_stop {
                    InstanceStatus::SuspendedNotResumable
                } else {
                    InstanceStatus::SuspendedResumable
                }
            }
            // §6 failed message routing: the instance is Completed (reason failed-message-routed).
            Note::Completed | Note::FailedMessageRouted => InstanceStatus::Completed,
            Note::Terminated => InstanceStatus::Terminated,
        };
        HistoryChange::Status(status)
    }

    /// Where instance `index` came from: its port, resolved dynamic transport and creation time
    /// (`None` past the instances created so far).
    pub fn instance_origin(&self, index: usize) -> Option<InstanceOrigin> {
        let inst = self.insts.get(index)?;
        Some(InstanceOrigin {
            port: inst.port,
            dynamic: self.dynamic_of(index as u32),
            created: self.created_at(index as u32),
        })
    }

    /// Calls `visit(instance index, time, change)` for the facts `start..end` of the arena (clamped
    /// to `fact_count()`), in the order they were recorded (time order): what a shell folds
    /// incrementally after each slice of a run instead of re-reading every instance
    /// (`analysis::charts_live`). Each fact names its instance, with the trace recorded or not
    /// (linear in the facts visited).
    pub fn visit_facts_range(&self, start: usize, end: usize, mut visit: impl FnMut(u32, SimTime, HistoryChange)) {
        let end = end.min(self.facts.len());
        let start = start.min(end);
        for f in start..end {
            let fact = self.facts.fact(f);
            let Some(port) = self.insts.get(fact.inst as usize).map(|i| i.port) else { continue };
            visit(fact.inst, fact.at, self.change_of(port, fact.note));
        }
    }

    /// The address a dynamic port resolved for an instance (`InstanceOrigin::dynamic`).
    pub fn dynamic_address(&self, dynamic: u32) -> &str {
        self.dyns.get(dynamic as usize).map_or("", |d| d.transport.address.as_str())
    }

    /// The static address of a port's transport slot ("" when the port has none).
    pub fn port_address(&self, port: u32, slot: TransportSlot) -> &str {
        let Some(cfg) = self.scenario.ports.get(port as usize) else { return "" };
        let t = if slot == TransportSlot::Backup { cfg.backup.as_ref() } else { cfg.primary.as_ref() };
        t.map_or("", |t| t.address.as_str())
    }
}
