//! Reserving the run's growing records up front from what the script will inject (issue 9: the
//! engine within 2× of a bare heap loop with the trace on).
//!
//! Instances, their facts and messages are appended one by one for the whole run. Left to grow by
//! doubling, each vector is copied about log₂ n times (measured: ≈ 5 % of a 100,000-message run in
//! `memcpy`) and every copy touches fresh pages again. The script says how many messages it will
//! inject (the sum of its injections' `count`), so the vectors are reserved once, from that:
//!
//! ```text
//!   messages  = Σ count of the script's injections
//!   instances = 2 × messages            (a publish usually reaches more than one subscriber)
//!   facts     = 5 × instances           (created, attempt start/end, outcome, …)
//! ```
//!
//! It is only a hint: a larger run grows past it as before, a smaller one leaves the rest
//! untouched (reserved pages that are never written cost no memory natively). It never changes what
//! the engine does: the work limits count lengths, not capacities (`limit_guard.rs`). The
//! reservation is capped by `max_instances` and by half of the live-memory limit (fewer messages,
//! same proportions), and uses `try_reserve`, so an impossible size is skipped, never a failed
//! allocation.
//!
//! Native builds only (the CLI, the tests, the benches; `simulation.rs` compiles this module for
//! them alone): in the page (wasm32, dlmalloc over `memory.grow`) the same reservation made the
//! 1,000,000-message `runToEnd()` slower (0.40 → 0.48 s) and the wasm memory's peak larger
//! (498 → 722 MiB), measured side by side with `scripts/page_bench.mjs` on two builds.

use super::super::limits::{FACT_BYTES, INST_BYTES, MSG_BYTES};
use super::super::model::Action;
use super::Simulation;

/// Instances reserved per injected message.
const INSTANCES_PER_MESSAGE: u64 = 2;
/// Facts reserved per instance.
const FACTS_PER_INSTANCE: u64 = 5;

/// How many records to reserve for a run that injects `messages`, within `max_instances` and a
/// byte budget: `(messages, instances, facts)`, always in the proportions above.
pub(super) fn reservation(messages: u64, max_instances: u64, budget_bytes: u64) -> (u64, u64, u64) {
    let per_message = MSG_BYTES + INSTANCES_PER_MESSAGE * (INST_BYTES + FACTS_PER_INSTANCE * FACT_BYTES);
    let messages = messages.min(max_instances / INSTANCES_PER_MESSAGE).min(budget_bytes / per_message);
    let instances = messages * INSTANCES_PER_MESSAGE;
    (messages, instances, instances * FACTS_PER_INSTANCE)
}

impl Simulation {
    /// Reserves instances, facts and messages for the messages the script injects (see above).
    pub(super) fn reserve_for_script(&mut self) {
        let messages = self
            .scenario
            .script
            .iter()
            .map(|e| match &e.action {
                Action::Inject(i) => u64::from(i.count),
                _ => 0,
            })
            .fold(0u64, u64::saturating_add);
        let budget = self.limits.max_memory_mb.saturating_mul(1 << 20) / 2;
        let (messages, instances, facts) = reservation(messages, self.limits.max_instances, budget);
        let size = |n: u64| usize::try_from(n).unwrap_or(0);
        // A hint only: a reservation the allocator refuses is skipped.
        let _ = self.msgs.try_reserve_exact(size(messages));
        let _ = self.insts.try_reserve_exact(size(instances));
        let _ = self.facts.try_reserve_exact(size(facts));
    }
}

#[cfg(test)]
mod tests {
    use super::reservation;
    use crate::engine::limits::{FACT_BYTES, INST_BYTES, MSG_BYTES};

    #[test]
    fn reserves_from_the_message_count() {
        assert_eq!(reservation(1_000, 2_000_000, 1 << 30), (1_000, 2_000, 10_000));
        assert_eq!(reservation(0, 2_000_000, 1 << 30), (0, 0, 0));
    }

    #[test]
    fn stays_within_max_instances() {
        let (m, i, f) = reservation(u64::MAX, 2_000_000, u64::MAX);
        assert_eq!((m, i, f), (1_000_000, 2_000_000, 10_000_000));
    }

    #[test]
    fn scales_down_to_the_byte_budget() {
        let budget = 1 << 20;
        let (m, i, f) = reservation(1_000_000, 2_000_000, budget);
        let bytes = m * MSG_BYTES + i * INST_BYTES + f * FACT_BYTES;
        assert!(bytes <= budget, "{bytes} > {budget}");
        assert!(m > 0 && i > m && f > i, "({m}, {i}, {f}) keeps the proportions");
    }
}
