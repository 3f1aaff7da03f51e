//! The one closed `enum Event` of the engine (DESIGN invariant 2) and the lanes that order
//! simultaneous events.
//!
//! Every event is due at a virtual instant. At one instant the queue dispatches, in this order:
//! 1. script actions, in file order (they are conceptually all queued when the simulation is built);
//! 2. engine events (attempt ends, ...) first-in-first-out;
//! 3. dispatches (the start of a transport attempt) by **(priority asc, publish sequence asc)** —
//!    §10 DECISION: "events due at the same virtual instant on one host are dispatched by
//!    (priority asc, publish sequence asc)". Ordering every host the same way is a refinement
//!    of per-host ordering, since hosts are independent.

/// Everything that can happen at a future instant.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Event {
    /// A script entry that is not a message injection (lifecycle, resume, terminate).
    Script { entry: u32 },
    /// Copy number `copy` of injection source `source` (a script `publish`/`send`, or one the UI
    /// applied); copies are queued one at a time so a `count` of a million costs one queue slot.
    Inject { source: u32, copy: u32 },
    /// Start (or re-start) transmission of an instance: first attempt, retry due, service window
    /// opened, failover. `key` is the instance's timer key when it was scheduled (invariant 5).
    Dispatch { inst: u32, key: u32 },
    /// A transport attempt finishes (after the endpoint's latency).
    AttemptEnd { inst: u32, key: u32 },
}

/// The lane of control events (script, attempt ends): before every dispatch at the same instant.
pub const LANE_CONTROL: u64 = 0;

/// §10: the lane of a dispatch: priority (1 highest … 10 lowest), then publish sequence.
pub fn dispatch_lane(priority: u8, publish_seq: u32) -> u64 {
    ((priority.max(1) as u64) << 40) | publish_seq as u64
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn control_precedes_dispatch_and_priority_then_publish_order() {
        assert!(LANE_CONTROL < dispatch_lane(1, 0));
        assert!(dispatch_lane(1, 99) < dispatch_lane(2, 0), "§10 priority first");
        assert!(dispatch_lane(5, 3) < dispatch_lane(5, 4), "§10 then publish sequence");
    }
}
