//! The `instances()` view kept current (`keep_instances_current`, the page), **incrementally** (issue 9
//! §6): after an event, each instance it touched takes only the facts recorded since its entry
//! was last brought up to date, so `step()` costs O(1) amortised whatever the instance's history
//! (a message with retryCount 1000 no longer rebuilds 2,000 attempts per step).
//!
//! ```text
//!   facts arena:  … f17 ─prev─▶ f12 ─prev─▶ f9       (one chain per instance, newest last)
//!   view entry i: attempts, marks, status … up to fact `view_fact[i]` = f12
//!   refresh:      walk back from last_fact to view_fact[i] (new facts only), apply them in order
//! ```
//! `tests/it/engine_modes.rs` checks that the incremental view equals a full rebuild
//! (`info_of`, the trace-off mode) over the random scenarios, stepping one event at a time.

use super::super::instance::NONE;
use super::super::note::{Fact, Note, ScheduledWhy};
use super::super::outcome::{InstanceStatus, SuspendReason};
use super::super::report::Totals;
use super::super::view::{Attempt, TimelineMark};
use super::Simulation;

impl Simulation {
    /// Brings the view entry of instance `i` up to date (creating it when new).
    pub(super) fn update_view_entry(&mut self, i: u32) {
        let idx = i as usize;
        let last = self.insts[idx].last_fact;
        if idx >= self.view.len() {
            let info = self.info_of(i);
            self.view.push(info);
            self.view_fact.push(last);
            return;
        }
        let seen = self.view_fact[idx];
        let mut new: Vec<u32> = Vec::new();
        let mut f = last;
        while f != NONE && f != seen {
            new.push(f);
            f = self.facts.fact(f as usize).prev;
        }
        new.reverse();
        let joined_now = new.iter().any(|&f| joins_ordered_instance(&self.facts.fact(f as usize).note));
        let mut attempts = std::mem::take(&mut self.view[idx].attempts);
        let mut marks = std::mem::take(&mut self.view[idx].marks);
        for &f in &new {
            let Fact { at, note, .. } = self.facts.fact(f as usize);
            match note {
                Note::AttemptStart { slot } => attempts.push(Attempt {
                    transport: slot,
                    address: self.address_of(i, slot),
                    start: at,
                    end: None,
                    ok: None,
                }),
                Note::AttemptEnd { ok, .. } => {
                    if let Some(a) = attempts.last_mut().filter(|a| a.end.is_none()) {
                        a.end = Some(at);
                        a.ok = Some(ok);
                    }
                }
                _ => {}
            }
            if let Some(kind) = note.mark_kind() {
                marks.push(TimelineMark {
                    at,
                    kind,
                    text: self.note_text(i, f),
                    code: note.rule_and_code().1,
                    args: self.note_args(i, f),
                });
            }
        }
        let inst = &self.insts[idx];
        let (status, reason, completed) = (inst.status, inst.reason, self.completed_at(i));
        let service_instance = match self.view[idx].service_instance {
            None if joined_now => self.service_instance_of(i),
            kept => kept,
        };
        let entry = &mut self.view[idx];
        entry.attempts = attempts;
        entry.marks = marks;
        entry.status = status;
        entry.reason = reason;
        entry.completed = completed;
        entry.service_instance = service_instance;
        self.view_fact[idx] = last;
    }
}

/// The facts by which an instance joins its ordered port's shared service instance (§7), as
/// `Simulation::service_instance_of` reads them.
fn joins_ordered_instance(n: &Note) -> bool {
    matches!(n, Note::AttemptStart { .. } | Note::Scheduled { why: ScheduledWhy::Queued })
        || matches!(n, Note::Suspended { reason: SuspendReason::OrderedDeliveryBlocked, .. })
}

impl Simulation {
    /// The report's `totals` alone, in one pass over the instances and the facts — no instance
    /// list is built (the embed page shows only these; issue 9 §6).
    pub fn totals(&self) -> Totals {
        let mut t = Totals {
            messages: self.msgs.len() as u64,
            instances: self.insts.len() as u64,
            routing_failures: self.routing_failures.len() as u64,
            ..Totals::default()
        };
        for inst in &self.insts {
            match inst.status {
                InstanceStatus::Active | InstanceStatus::Scheduled => t.active += 1,
                InstanceStatus::SuspendedResumable => t.suspended_resumable += 1,
                InstanceStatus::SuspendedNotResumable => t.suspended_not_resumable += 1,
                InstanceStatus::Completed => t.completed += 1,
                InstanceStatus::Terminated => t.terminated += 1,
            }
        }
        // §6: one `AttemptStart` fact per attempt, counted per port as recorded.
        t.attempts = self.ports.iter().map(|p| p.attempts).sum();
        t
    }
}
