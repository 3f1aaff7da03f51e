//! The status history of every service instance, as compact records (no strings): what charts,
//! comparisons and sweeps aggregate in one pass (issue 13). Derived from the same fact arena as
//! the trace, the timeline and `explain()`, so the three can never disagree.
//!
//! Status changes follow the §5 instance machine: created → Active (C1/C3) or Suspended (C2/C4/C5
//! note follows at the same instant); an attempt makes it Active; a §6 retry makes it Scheduled;
//! a failover goes straight to the backup (Active); §8/§7 waits are Scheduled; Suspended, Resumed,
//! Completed and Terminated are what they say. The last change always equals the instance's
//! current status (the record is closed with it if a note did not say so).

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
                let fact = &self.facts[f as usize];
                notes.push((fact.at, fact.note));
                f = fact.prev;
            }
            notes.reverse();
            let cfg = &self.scenario.ports[inst.port as usize];
            // §7: without stop-on-failure a failed ordered message is Suspended (not resumable).
            let ordered_no_stop = cfg.ordered_delivery && !cfg.stop_on_failure;
            changes.push((inst.created, InstanceStatus::Active));
            for &(at, note) in &notes {
                let status = match note {
                    Note::Created { .. } | Note::AttemptStart { .. } | Note::Failover | Note::Resumed { .. } => {
                        InstanceStatus::Active
                    }
                    Note::Scheduled { .. } | Note::Retry { .. } => InstanceStatus::Scheduled,
                    Note::Suspended { cause, .. } => {
                        let final_failure = matches!(
                            cause,
                            SuspendCause::OrderedFailed
                                | SuspendCause::ResponseUnroutable
                                | SuspendCause::FailedMessageUnroutable
                        );
                        if final_failure && ordered_no_stop {
                            InstanceStatus::SuspendedNotResumable
                        } else {
                            InstanceStatus::SuspendedResumable
                        }
                    }
                    Note::Completed => InstanceStatus::Completed,
                    Note::Terminated | Note::FailedMessageRouted => InstanceStatus::Terminated,
                    Note::AttemptEnd { slot, ok, .. } => {
                        if let Some(a) = attempts.iter_mut().rev().find(|a| a.slot == slot && a.end.is_none()) {
                            a.end = Some(at);
                            a.ok = Some(ok);
                        }
                        continue;
                    }
                    Note::StillSuspended { .. } | Note::ResponseReceived => continue,
                };
                if let Note::AttemptStart { slot } = note {
                    attempts.push(AttemptRecord { slot, start: at, end: None, ok: None });
                }
                changes.push((at, status));
            }
            let last_at = changes.last().map_or(inst.created, |c| c.0);
            if changes.last().map(|c| c.1) != Some(inst.status) {
                changes.push((last_at, inst.status));
            }
            visit(&InstanceHistory {
                index: index as u32,
                port: inst.port,
                dynamic: (inst.dynamic != NONE).then_some(inst.dynamic),
                created: inst.created,
                status: inst.status,
                completed: (inst.status == InstanceStatus::Completed).then_some(inst.completed),
                changes: &changes,
                attempts: &attempts,
            });
        }
    }

    /// The address a dynamic port resolved for an instance (`InstanceHistory::dynamic`).
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
