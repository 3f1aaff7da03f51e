//! Notes and facts: the compact record of what happened to a service instance. A `Note` is a
//! small `Copy` value (no strings, at most 4 bytes): state machines emit it, the simulation stores
//! it as a `Fact` in one arena (an instance's facts are linked backwards, so recording never
//! allocates per instance) and `explain.rs` renders English text only when somebody asks.

use super::message_box::Combined;
use super::outcome::{SuspendReason, TransportSlot};
use super::time::SimTime;
use super::trace::TraceKind;

/// Why an instance is Scheduled without a retry.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ScheduledWhy {
    /// §8 "Queued (scheduled for later delivery)".
    Window,
    /// §7 "Queued (awaiting processing)" behind the head of an ordered port.
    Queued,
}

/// What led to a suspension (the reason code alone does not say which rule applied).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SuspendCause {
    /// C2 / C4 / C5 at routing time.
    Routing,
    /// §1 dynamic port without a usable address.
    NoLocation,
    /// §1 dynamic port whose address scheme or `BTS.OutboundTransportType` names no known adapter.
    UnknownTransport,
    /// §6 every attempt spent.
    RetriesExhausted,
    /// §7 stop-on-failure false: the failed message alone, not resumable.
    OrderedFailed,
    /// §7 stop-on-failure true: behind a failed head.
    OrderedBlocked,
    /// §9 the response found no subscriber.
    ResponseUnroutable,
    /// §6 failed message routing found no subscriber for the error message.
    FailedMessageUnroutable,
}

/// Who resumed an instance.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ResumedBy {
    /// §4 manual Resume (ignores port and group state).
    Manual,
    /// §4 DECISION: auto-resume when the port started.
    PortStart,
    /// §4 DECISION: auto-resume when the group started.
    GroupStart,
}

/// One observable change of an instance.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Note {
    Created {
        rule: Combined,
    },
    Scheduled {
        why: ScheduledWhy,
    },
    AttemptStart {
        slot: TransportSlot,
    },
    AttemptEnd {
        slot: TransportSlot,
        ok: bool,
        aborted: bool,
    },
    /// `retry` = the number of the failed attempt on this transport (= retry number scheduled;
    /// at most 1000, the largest retry count, so the note stays 4 bytes).
    Retry {
        slot: TransportSlot,
        retry: u16,
    },
    Failover,
    /// `slot`: the transport the instance was on (the text names its adapter and address).
    Suspended {
        reason: SuspendReason,
        cause: SuspendCause,
        slot: TransportSlot,
    },
    /// §4: auto-resume found the target still not runnable; the reason now names what is stopped.
    StillSuspended {
        reason: SuspendReason,
    },
    Resumed {
        by: ResumedBy,
    },
    Completed,
    Terminated,
    /// §9: the solicit-response port received a response and publishes it.
    ResponseReceived,
    /// §6: failed message routing published the error message, which found a subscriber.
    FailedMessageRouted,
}

/// A note with its time and instance, linked to the instance's previous fact (what a reader of
/// the `FactArena` gets; the arena stores it in 16 bytes).
#[derive(Debug, Clone, Copy)]
pub struct Fact {
    pub at: SimTime,
    pub prev: u32,
    /// The instance the note is about (what its trace line names).
    pub inst: u32,
    pub note: Note,
}

/// One stored fact: 16 bytes. The time keeps its low 32 bits here; the high half is the same for
/// long stretches of facts (2^32 ms ≈ 50 days, and facts are recorded in time order), so it is
/// kept once per change in `FactArena::highs`. Storing the instance here instead of the time's
/// high half is what lets a fact name its instance without a 4-byte side array (issue 9: bytes
/// written per instance).
#[derive(Debug, Clone, Copy)]
struct StoredFact {
    at_low: u32,
    prev: u32,
    inst: u32,
    note: Note,
}

/// The run's facts, appended in the order they are recorded (an instance's facts are linked
/// backwards through `prev`). `get(i)` returns exactly the fact pushed as number `i`
/// (unit test `reads_back_every_pushed_fact`).
///
/// ```
/// use portsim::engine::note::{FactArena, Note};
/// use portsim::engine::time::SimTime;
/// let mut facts = FactArena::default();
/// facts.push(SimTime(5), u32::MAX, 0, Note::Completed);
/// facts.push(SimTime(u64::MAX), 0, 3, Note::Terminated);
/// assert_eq!(facts.get(1).map(|f| (f.at, f.prev, f.inst)), Some((SimTime(u64::MAX), 0, 3)));
/// assert_eq!(facts.fact(0).at, SimTime(5));
/// ```
#[derive(Debug, Clone, Default)]
pub struct FactArena {
    recs: Vec<StoredFact>,
    /// `(first fact, high half)`: from that fact on, the facts' times have this high half (until
    /// the next entry); before the first entry it is 0.
    highs: Vec<(u32, u32)>,
    /// The high half of the last pushed fact's time.
    last_high: u32,
}

impl FactArena {
    /// Appends fact number `len()`.
    #[cfg_attr(not(target_arch = "wasm32"), inline)]
    pub fn push(&mut self, at: SimTime, prev: u32, inst: u32, note: Note) {
        let high = (at.0 >> 32) as u32;
        if high != self.last_high {
            self.new_high(high);
        }
        self.recs.push(StoredFact { at_low: at.0 as u32, prev, inst, note });
    }
    #[cfg_attr(not(target_arch = "wasm32"), cold, inline(never))]
    fn new_high(&mut self, high: u32) {
        self.highs.push((self.recs.len() as u32, high));
        self.last_high = high;
    }
    /// Fact number `i`, if recorded.
    #[cfg_attr(not(target_arch = "wasm32"), inline)]
    pub fn get(&self, i: usize) -> Option<Fact> {
        self.recs.get(i).map(|r| self.read(i, r))
    }
    /// Fact number `i`; panics past `len()`, as indexing does.
    #[cfg_attr(not(target_arch = "wasm32"), inline)]
    pub fn fact(&self, i: usize) -> Fact {
        self.read(i, &self.recs[i])
    }
    #[cfg_attr(not(target_arch = "wasm32"), inline)]
    fn read(&self, i: usize, r: &StoredFact) -> Fact {
        let high = match self.highs.partition_point(|&(first, _)| first as usize <= i) {
            0 => 0,
            k => self.highs[k - 1].1,
        };
        Fact { at: SimTime(u64::from(high) << 32 | u64::from(r.at_low)), prev: r.prev, inst: r.inst, note: r.note }
    }
    pub fn len(&self) -> usize {
        self.recs.len()
    }
    pub fn is_empty(&self) -> bool {
        self.recs.is_empty()
    }
    /// Bytes held (capacity-based, like `Simulation::state_bytes`).
    pub fn capacity_bytes(&self) -> usize {
        self.recs.capacity() * Self::record_size() + self.highs.capacity() * std::mem::size_of::<(u32, u32)>()
    }
    /// Reserves room for `n` more facts (a hint: a refused reservation changes nothing).
    pub fn try_reserve_exact(&mut self, n: usize) -> Result<(), std::collections::TryReserveError> {
        self.recs.try_reserve_exact(n)
    }
    /// Bytes of one stored fact.
    pub fn record_size() -> usize {
        std::mem::size_of::<StoredFact>()
    }
}

impl Note {
    pub fn trace_kind(self) -> TraceKind {
        match self {
            Note::Created { .. } => TraceKind::Created,
            Note::Scheduled { .. } => TraceKind::Scheduled,
            Note::AttemptStart { .. } => TraceKind::Attempt,
            Note::AttemptEnd { ok: true, .. } => TraceKind::AttemptOk,
            Note::AttemptEnd { .. } => TraceKind::AttemptFailed,
            Note::Retry { .. } => TraceKind::Retry,
            Note::Failover => TraceKind::Failover,
            Note::Suspended { .. } | Note::StillSuspended { .. } => TraceKind::Suspended,
            Note::Resumed { .. } => TraceKind::Resumed,
            Note::Completed => TraceKind::Completed,
            Note::Terminated => TraceKind::Terminated,
            // §6 failed message routing: the instance completes (SCENARIO.md, `failed-message-routed`).
            Note::FailedMessageRouted => TraceKind::Completed,
            Note::ResponseReceived => TraceKind::Response,
        }
    }

    /// The SEMANTICS rule id and the stable translation code.
    pub fn rule_and_code(self) -> (&'static str, &'static str) {
        match self {
            Note::Created { rule } => match rule {
                Combined::C1 => ("C1", "processed-direct"),
                Combined::C2 => ("C2", "port-stopped"),
                Combined::C3 => ("C3", "processed-via-group"),
                Combined::C4 => ("C4", "port-stopped-via-group"),
                Combined::C5 => ("C5", "group-stopped"),
            },
            Note::Scheduled { why: ScheduledWhy::Window } => ("§8", "service-window-closed"),
            Note::Scheduled { why: ScheduledWhy::Queued } => ("§7", "ordered-queued"),
            Note::AttemptStart { .. } => ("§6", "attempt-started"),
            Note::AttemptEnd { ok: true, .. } => ("§6", "attempt-ok"),
            Note::AttemptEnd { aborted: true, .. } => ("§5", "attempt-abandoned"),
            Note::AttemptEnd { .. } => ("§6", "attempt-failed"),
            Note::Retry { .. } => ("§6", "retry-scheduled"),
            Note::Failover => ("§6", "moved-to-backup"),
            Note::Suspended { cause, reason, .. } => match cause {
                SuspendCause::Routing if reason == SuspendReason::SendPortGroupStopped => {
                    ("C5", "suspended-group-stopped")
                }
                SuspendCause::Routing => ("C2", "suspended-port-stopped"),
                SuspendCause::NoLocation => ("§1", "no-transport-location"),
                SuspendCause::UnknownTransport => ("§1", "unknown-transport"),
                SuspendCause::RetriesExhausted => ("§6", "retries-exhausted"),
                SuspendCause::OrderedFailed => ("§7", "ordered-failed-not-resumable"),
                SuspendCause::OrderedBlocked => ("§7", "ordered-delivery-blocked"),
                SuspendCause::ResponseUnroutable => ("§9", "response-unroutable"),
                SuspendCause::FailedMessageUnroutable => ("§6", "failed-message-unroutable"),
            },
            Note::StillSuspended { .. } => ("§4", "still-suspended"),
            Note::Resumed { by: ResumedBy::Manual } => ("§4", "resumed"),
            Note::Resumed { .. } => ("§4", "auto-resumed"),
            Note::Completed => ("§6", "completed"),
            Note::Terminated => ("§5", "terminated"),
            Note::ResponseReceived => ("§9", "response-published"),
            Note::FailedMessageRouted => ("§6", "failed-message-routed"),
        }
    }

    /// The timeline mark kind (a `TraceKind` code), or `None` for attempts (drawn as bars).
    pub fn mark_kind(self) -> Option<&'static str> {
        match self {
            Note::AttemptStart { .. } | Note::AttemptEnd { .. } => None,
            other => Some(other.trace_kind().code()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn notes_and_facts_stay_compact() {
        assert!(std::mem::size_of::<Note>() <= 4, "{}", std::mem::size_of::<Note>());
        assert!(FactArena::record_size() <= 16, "{}", FactArena::record_size());
    }

    /// Times on both sides of every 2^32 ms boundary, jumps over many, the end of time, equal
    /// times, and (never done by the engine) a time earlier than the last: each fact reads back.
    #[test]
    fn reads_back_every_pushed_fact() {
        let mut rng = crate::engine::rng::SplitMix64::new(5);
        let mut arena = FactArena::default();
        let mut pushed = Vec::new();
        let mut t = 0u64;
        for i in 0..5_000u32 {
            let r = rng.next_u64();
            t = match r % 13 {
                0 => t.saturating_add(1 << 32),
                1 => t.saturating_add(r >> 20),
                2 => u64::MAX - (r >> 62),
                3 => t.saturating_sub(r >> 40),
                4 => t,
                _ => t.saturating_add(r % 1_000),
            };
            let note = if r.is_multiple_of(2) {
                Note::Completed
            } else {
                Note::Retry { slot: TransportSlot::Backup, retry: (r >> 8) as u16 }
            };
            arena.push(SimTime(t), i.wrapping_sub(1), (r >> 32) as u32, note);
            pushed.push((SimTime(t), i.wrapping_sub(1), (r >> 32) as u32, note));
        }
        assert_eq!(arena.len(), pushed.len());
        for (i, &(at, prev, inst, note)) in pushed.iter().enumerate() {
            let f = arena.fact(i);
            assert_eq!((f.at, f.prev, f.inst, f.note), (at, prev, inst, note), "fact {i}");
        }
        assert!(arena.get(pushed.len()).is_none());
    }

    #[test]
    fn every_note_cites_a_rule_and_a_code() {
        let notes = [
            Note::Created { rule: Combined::C4 },
            Note::Scheduled { why: ScheduledWhy::Window },
            Note::AttemptEnd { slot: TransportSlot::Primary, ok: false, aborted: true },
            Note::Suspended {
                reason: SuspendReason::SendPortGroupStopped,
                cause: SuspendCause::Routing,
                slot: TransportSlot::Primary,
            },
            Note::Suspended {
                reason: SuspendReason::TransportFailure,
                cause: SuspendCause::OrderedFailed,
                slot: TransportSlot::Primary,
            },
            Note::Resumed { by: ResumedBy::GroupStart },
            Note::FailedMessageRouted,
        ];
        let got: Vec<(&str, &str)> = notes.iter().map(|n| n.rule_and_code()).collect();
        assert_eq!(
            got,
            vec![
                ("C4", "port-stopped-via-group"),
                ("§8", "service-window-closed"),
                ("§5", "attempt-abandoned"),
                ("C5", "suspended-group-stopped"),
                ("§7", "ordered-failed-not-resumable"),
                ("§4", "auto-resumed"),
                ("§6", "failed-message-routed"),
            ]
        );
        assert_eq!(Note::Failover.trace_kind(), TraceKind::Failover);
        assert_eq!(
            Note::AttemptEnd { slot: TransportSlot::Backup, ok: true, aborted: false }.trace_kind(),
            TraceKind::AttemptOk
        );
    }
}
