//! §5 send-port service instances: one per (message, port) copy.
//!
//! ```text
//!              C1/C3 processed                       ok
//!   created ─────────────────▶ Active ──attempt──▶ Completed
//!      │ C2/C4/C5                ▲ │  fail, retries left: Scheduled ──(RetryInterval)──▶ Active
//!      ▼                         │ │  fail, primary spent + backup: failover ──▶ Active (backup)
//!   Suspended (resumable) ───────┘ │  window closed: Scheduled ──(window opens)──▶ Active
//!      ▲  Resume / Start (§4)      │  all spent: Suspended (resumable), transport-failure
//!      └───────────────────────────┘  (ordered, no stop-on-failure: Suspended (not resumable))
//!                                     all spent + failed message routed (§6): Completed,
//!                                     reason failed-message-routed
//!   transmitted, response unroutable (§9): Suspended (resumable), response-not-routed
//!   any non-final ──Terminate──▶ Terminated (terminated-by-user)
//! ```
//! Every transition bumps nothing but the instance's own fields and returns commands through
//! `Out`. Timers carry the instance's `key`; any transition that abandons a wait (suspend,
//! terminate, resume) bumps the key, so a timer fired later is stale (DESIGN invariant 5).

use super::command::{Command, Out};
use super::event::{Event, LANE_CONTROL};
use super::note::{Note, ScheduledWhy, SuspendCause};
use super::outcome::{InstanceStatus, SuspendReason, TransportSlot};
use super::retry::{after_failure, AfterFailure, RetryPolicy};
use super::time::{SimDuration, SimTime};

/// "None" in compact indices.
pub const NONE: u32 = u32::MAX;

/// What a Scheduled instance waits for (Group Hub "retrying and idle" vs "scheduled").
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Wait {
    None,
    Retry,
    Window,
    /// §7: behind the head of an ordered port ("Queued (awaiting processing)").
    Queued,
}

/// The attempt in flight, if any, with its outcome drawn at its start (§6 failure rules apply at
/// the start of an attempt).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Flight {
    Idle,
    WillSucceed,
    WillFail,
}

/// The compact state of one service instance: 32 bytes (the benchmark prints it). What can be
/// read elsewhere is not repeated here: the creation time is its first fact's, the completion
/// time its last fact's (nothing happens to a Completed instance), and a dynamic port's resolved
/// transport sits in the simulation's side table (`Simulation::dynamic_of`).
#[derive(Debug, Clone)]
pub struct Inst {
    pub msg: u32,
    pub port: u32,
    /// Group index or `NONE`.
    pub via: u32,
    /// Index of this instance's first fact (its `Created` note) in the fact arena, or `NONE`
    /// until it is recorded.
    pub first_fact: u32,
    /// Index of this instance's last fact in the simulation's fact arena, or `NONE`.
    pub last_fact: u32,
    /// Timer key (invariant 5).
    pub key: u32,
    /// Attempts made on the current transport slot (at most RetryCount + 1 ≤ 1001).
    pub tries: u16,
    pub status: InstanceStatus,
    pub reason: Option<SuspendReason>,
    pub slot: TransportSlot,
    pub wait: Wait,
    pub flight: Flight,
    /// Queued in the view-refresh list.
    pub dirty: bool,
}

impl Inst {
    pub fn new(msg: u32, port: u32, via: u32) -> Inst {
        Inst {
            msg,
            port,
            via,
            first_fact: NONE,
            last_fact: NONE,
            key: 0,
            tries: 0,
            status: InstanceStatus::Active,
            reason: None,
            slot: TransportSlot::Primary,
            wait: Wait::None,
            flight: Flight::Idle,
            dirty: false,
        }
    }

    /// §6: (re)start on the primary with full retry counts and ask for a dispatch now.
    pub fn begin(&mut self, id: u32, now: SimTime, lane: u64, out: &mut Out) {
        self.key = self.key.wrapping_add(1);
        self.status = InstanceStatus::Active;
        self.reason = None;
        self.slot = TransportSlot::Primary;
        self.tries = 0;
        self.wait = Wait::None;
        out.schedule(now, lane, Event::Dispatch { inst: id, key: self.key });
    }

    /// §8: outside the service window: Scheduled until it opens (`None`: it never opens again
    /// before the end of representable time, so no timer is set).
    pub fn wait_for_window(&mut self, id: u32, open_at: Option<SimTime>, lane: u64, out: &mut Out) {
        self.status = InstanceStatus::Scheduled;
        self.wait = Wait::Window;
        out.note(id, Note::Scheduled { why: ScheduledWhy::Window });
        if let Some(at) = open_at {
            out.schedule(at, lane, Event::Dispatch { inst: id, key: self.key });
        }
    }

    /// §7: behind the head of an ordered port.
    pub fn queue_behind(&mut self, id: u32, out: &mut Out) {
        self.key = self.key.wrapping_add(1);
        self.status = InstanceStatus::Scheduled;
        self.reason = None;
        self.wait = Wait::Queued;
        out.note(id, Note::Scheduled { why: ScheduledWhy::Queued });
    }

    /// §6: an attempt starts now and lasts `latency`; its outcome was drawn by the endpoint.
    /// (Inlined natively: it runs once per attempt, and left to itself the compiler stopped
    /// inlining it into the dispatch handler when the fact record grew an instance field.)
    #[cfg_attr(not(target_arch = "wasm32"), inline)]
    pub fn start_attempt(&mut self, id: u32, now: SimTime, latency: SimDuration, fails: bool, out: &mut Out) {
        self.status = InstanceStatus::Active;
        self.wait = Wait::None;
        self.tries = self.tries.saturating_add(1);
        self.flight = if fails { Flight::WillFail } else { Flight::WillSucceed };
        out.note(id, Note::AttemptStart { slot: self.slot });
        out.schedule(now.plus(latency), LANE_CONTROL, Event::AttemptEnd { inst: id, key: self.key });
    }

    /// §6: the attempt in flight ends now: delivered, retry, failover or exhausted.
    pub fn end_attempt(
        &mut self,
        id: u32,
        now: SimTime,
        policy: RetryPolicy,
        has_backup: bool,
        lane: u64,
        out: &mut Out,
    ) {
        let ok = self.flight != Flight::WillFail;
        self.flight = Flight::Idle;
        out.note(id, Note::AttemptEnd { slot: self.slot, ok, aborted: false });
        if ok {
            out.push(Command::Delivered { inst: id });
            return;
        }
        // `tries` is a u16 (validation allows RetryCount ≤ 1,000): a larger count built in code is
        // capped below u16::MAX so a saturated count still ends the retries.
        let policy = RetryPolicy { retry_count: policy.retry_count.min(u32::from(u16::MAX) - 1), ..policy };
        match after_failure(self.slot, u32::from(self.tries), policy, has_backup, now) {
            AfterFailure::Retry { at } => {
                self.status = InstanceStatus::Scheduled;
                self.wait = Wait::Retry;
                out.note(id, Note::Retry { slot: self.slot, retry: self.tries });
                out.schedule(at, lane, Event::Dispatch { inst: id, key: self.key });
            }
            AfterFailure::Failover => {
                self.slot = TransportSlot::Backup;
                self.tries = 0;
                out.note(id, Note::Failover);
                out.schedule(now, lane, Event::Dispatch { inst: id, key: self.key });
            }
            AfterFailure::Exhausted => out.push(Command::Exhausted { inst: id }),
        }
    }

    /// Delivered: Completed (final).
    pub fn complete(&mut self, id: u32, out: &mut Out) {
        self.key = self.key.wrapping_add(1);
        self.status = InstanceStatus::Completed;
        self.reason = None;
        self.wait = Wait::None;
        out.note(id, Note::Completed);
    }

    /// Suspended (resumable or not); cancels any timer of the instance.
    pub fn suspend(&mut self, id: u32, reason: SuspendReason, resumable: bool, cause: SuspendCause, out: &mut Out) {
        self.key = self.key.wrapping_add(1);
        self.status =
            if resumable { InstanceStatus::SuspendedResumable } else { InstanceStatus::SuspendedNotResumable };
        self.reason = Some(reason);
        self.wait = Wait::None;
        out.note(id, Note::Suspended { reason, cause, slot: self.slot });
    }

    /// §5: Terminate from any non-final state; an attempt in flight is abandoned (its end timer
    /// becomes stale).
    pub fn terminate(&mut self, id: u32, out: &mut Out) {
        if self.flight != Flight::Idle {
            self.flight = Flight::Idle;
            out.note(id, Note::AttemptEnd { slot: self.slot, ok: false, aborted: true });
        }
        self.end_as(id, InstanceStatus::Terminated, SuspendReason::TerminatedByUser, Note::Terminated, out);
    }

    /// §6 failed message routing: "BizTalk Server does not suspend the message—it routes the
    /// message instead". The error report found a subscriber, so the instance is Completed with
    /// reason `failed-message-routed` (SCENARIO.md, report `reason`).
    pub fn complete_failed_message_routed(&mut self, id: u32, out: &mut Out) {
        self.key = self.key.wrapping_add(1);
        self.status = InstanceStatus::Completed;
        self.reason = Some(SuspendReason::FailedMessageRouted);
        self.wait = Wait::None;
        out.note(id, Note::FailedMessageRouted);
    }

    /// Final state other than Completed (Terminated by the user).
    pub fn end_as(&mut self, id: u32, status: InstanceStatus, reason: SuspendReason, note: Note, out: &mut Out) {
        self.key = self.key.wrapping_add(1);
        self.status = status;
        self.reason = Some(reason);
        self.wait = Wait::None;
        out.note(id, note);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::note::Note;

    const POLICY: RetryPolicy = RetryPolicy { retry_count: 1, retry_interval: SimDuration(1000) };

    #[test]
    fn begin_schedules_a_keyed_dispatch_and_suspend_cancels_it() {
        let mut i = Inst::new(0, 0, NONE);
        let mut out = Out::default();
        i.begin(3, SimTime(5), 9, &mut out);
        assert_eq!(
            out.cmds,
            vec![Command::Schedule { at: SimTime(5), lane: 9, event: Event::Dispatch { inst: 3, key: 1 } }]
        );
        out.cmds.clear();
        i.suspend(3, SuspendReason::TransportFailure, true, SuspendCause::RetriesExhausted, &mut out);
        assert_ne!(i.key, 1, "the queued dispatch is now stale");
        assert_eq!(i.status, InstanceStatus::SuspendedResumable);
    }

    #[test]
    fn failed_attempt_retries_then_exhausts_without_backup() {
        let mut i = Inst::new(0, 0, NONE);
        let mut out = Out::default();
        i.begin(0, SimTime(0), 1, &mut out);
        i.start_attempt(0, SimTime(0), SimDuration(10), true, &mut out);
        out.cmds.clear();
        i.end_attempt(0, SimTime(10), POLICY, false, 1, &mut out);
        assert_eq!(i.status, InstanceStatus::Scheduled);
        assert!(out.cmds.contains(&Command::Schedule {
            at: SimTime(1010),
            lane: 1,
            event: Event::Dispatch { inst: 0, key: i.key }
        }));
        i.start_attempt(0, SimTime(1010), SimDuration(10), true, &mut out);
        out.cmds.clear();
        i.end_attempt(0, SimTime(1020), POLICY, false, 1, &mut out);
        assert_eq!(out.cmds.last(), Some(&Command::Exhausted { inst: 0 }));
    }

    #[test]
    fn failover_resets_the_attempt_count_on_the_backup() {
        let mut i = Inst::new(0, 0, NONE);
        let mut out = Out::default();
        let none = RetryPolicy { retry_count: 0, retry_interval: SimDuration(0) };
        i.start_attempt(0, SimTime(0), SimDuration(0), true, &mut out);
        i.end_attempt(0, SimTime(0), none, true, 1, &mut out);
        assert_eq!(i.slot, TransportSlot::Backup);
        assert_eq!(i.tries, 0);
        assert!(out.cmds.contains(&Command::Note { inst: 0, note: Note::Failover }));
    }

    #[test]
    fn terminate_in_flight_aborts_the_attempt() {
        let mut i = Inst::new(0, 0, NONE);
        let mut out = Out::default();
        i.start_attempt(0, SimTime(0), SimDuration(50), false, &mut out);
        out.cmds.clear();
        i.terminate(0, &mut out);
        assert_eq!(i.status, InstanceStatus::Terminated);
        assert_eq!(i.reason, Some(SuspendReason::TerminatedByUser));
        assert_eq!(
            out.cmds[0],
            Command::Note {
                inst: 0,
                note: Note::AttemptEnd { slot: TransportSlot::Primary, ok: false, aborted: true }
            }
        );
    }
}
