//! Applying the work limits (`limits.rs`, issue 9 §4) to a running `Simulation`: the live-memory
//! estimate, the check after every event (and inside a large injection), and the diagnosis of
//! what was growing when a limit stopped the run.
//!
//! A stopped simulation is finished: `step()` returns false, `run_until` does not move the clock,
//! the trace's `end` line and `report().limit` say which limit, when and what was growing.

use super::super::limits::{Counts, Growth, LimitKind, LimitOverrides, LimitReport, Limits};
use super::super::limits::{
    ADMIN_LINE_BYTES, DERIVED_MESSAGE_HEAP, FACT_BYTES, INST_BYTES, MSG_BYTES, QUEUE_ENTRY_BYTES,
    ROUTING_FAILURE_BYTES, ROUTING_FAILURE_HEAP, TRACE_CHUNK_BYTES, TRACE_RECORD_BYTES, TRACE_SLOT_BYTES,
};
use super::super::message::Origin;
use super::Simulation;

/// Whether the estimate's appended records are summed as appended (natively: the CLI and the
/// benches check the limits after every event); the page's size-tuned engine (issue 14) sums the
/// lengths at each check instead. Both give the same figure.
const COUNT_AS_APPENDED: bool = cfg!(not(target_arch = "wasm32"));

impl Simulation {
    /// The limits this run is checked against (the scenario's `limits`, or the caller's).
    pub fn limits(&self) -> Limits {
        self.limits
    }
    /// Replaces the limits (CLI flags, JS API option, the page's rerun offer). Call it before
    /// running; a run already stopped by a limit stays stopped (rerun to use new limits).
    pub fn set_limits(&mut self, overrides: LimitOverrides) {
        self.limits = self.limits.with(overrides);
    }
    /// The limit that stopped the run, if one did.
    pub fn limit_reached(&self) -> Option<&LimitReport> {
        self.limit_hit.as_ref()
    }
    /// The live-memory estimate in bytes: counts × measured sizes (see `limits.rs`). O(1).
    ///
    /// It counts the run's own state only — never a view of it (the `instances()` view kept
    /// current by `keep_instances_current`): the estimate is printed in the trace's end line and
    /// decides where a memory limit stops the run, so it must be the same however the run is
    /// watched or driven (promise 1: a session stepped live with its view on, and its replay run to
    /// the end without one, give the same trace; the `deterministic` property, seed 22215).
    ///
    /// The records that only grow between limit checks (instances, facts, messages, rare trace
    /// records, administrative lines, routing failures) are summed as they are appended
    /// (`mem_records`, see `count_bytes`); the queue and the trace store's chunks are counted here.
    /// Debug builds (the tests) compare it with the whole sum at every call.
    #[inline]
    pub fn memory_estimate(&self) -> u64 {
        if !COUNT_AS_APPENDED {
            return self.memory_estimate_whole();
        }
        let n = |len: usize, each: u64| (len as u64).saturating_mul(each);
        let estimate = self.mem_records
            + n(self.queue.len(), QUEUE_ENTRY_BYTES)
            + n(self.trace.chunk_count(), TRACE_CHUNK_BYTES)
            + n(self.trace.explicit_len(), TRACE_SLOT_BYTES);
        debug_assert_eq!(estimate, self.memory_estimate_whole(), "an appended record was not counted");
        estimate
    }
    /// Adds the estimate's bytes of records just appended (kept in `mem_records`).
    #[cfg_attr(not(target_arch = "wasm32"), inline)]
    pub(super) fn count_bytes(&mut self, bytes: u64) {
        if COUNT_AS_APPENDED {
            self.mem_records = self.mem_records.saturating_add(bytes);
        }
    }
    /// The records part of the estimate summed from the lengths (after records were removed).
    pub(super) fn recount_bytes(&mut self) {
        if !COUNT_AS_APPENDED {
            return;
        }
        let n = |len: usize, each: u64| (len as u64).saturating_mul(each);
        let derived = self.msgs.len().saturating_sub(self.injected as usize);
        self.mem_records = n(self.insts.len(), INST_BYTES)
            + n(self.facts.len(), FACT_BYTES)
            + n(self.msgs.len(), MSG_BYTES)
            + n(derived, DERIVED_MESSAGE_HEAP)
            + n(self.trace_rare.len(), TRACE_RECORD_BYTES)
            + n(self.admin_lines.len(), ADMIN_LINE_BYTES)
            + n(self.routing_failures.len(), ROUTING_FAILURE_BYTES + ROUTING_FAILURE_HEAP);
    }
    /// The estimate summed term by term from the lengths (what `memory_estimate` must equal).
    fn memory_estimate_whole(&self) -> u64 {
        let n = |len: usize, each: u64| (len as u64).saturating_mul(each);
        let derived = self.msgs.len().saturating_sub(self.injected as usize);
        n(self.insts.len(), INST_BYTES)
            + n(self.facts.len(), FACT_BYTES)
            + n(self.msgs.len(), MSG_BYTES)
            + n(derived, DERIVED_MESSAGE_HEAP)
            + n(self.queue.len(), QUEUE_ENTRY_BYTES)
            // The compact trace: runs of ids in 64-line chunks, the other lines as 8-byte slots,
            // no text (rendered on demand).
            + n(self.trace.chunk_count(), TRACE_CHUNK_BYTES)
            + n(self.trace.explicit_len(), TRACE_SLOT_BYTES)
            + n(self.trace_rare.len(), TRACE_RECORD_BYTES)
            + n(self.admin_lines.len(), ADMIN_LINE_BYTES)
            + n(self.routing_failures.len(), ROUTING_FAILURE_BYTES + ROUTING_FAILURE_HEAP)
    }
    pub(super) fn counts(&self) -> Counts {
        Counts { instances: self.insts.len() as u64, events: self.events, memory_bytes: self.memory_estimate() }
    }
    /// True when the run must stop: a limit was reached now or before (then recorded once).
    /// Called after every event, so the check itself is inlined and the stop is not.
    #[inline]
    pub(super) fn over_limit(&mut self) -> bool {
        if self.limit_hit.is_some() {
            return true;
        }
        let counts = self.counts();
        match self.limits.check(counts.instances, counts.events, counts.memory_bytes) {
            None => false,
            Some(kind) => self.stop_at_limit(kind, counts),
        }
    }

    #[cold]
    #[inline(never)]
    fn stop_at_limit(&mut self, kind: LimitKind, counts: Counts) -> bool {
        let growth = self.what_grew(kind);
        self.limit_hit = Some(LimitReport::new(kind, &self.limits, self.now, counts, growth));
        true
    }

    /// What was growing, from the instances, messages, routing failures and attempts held (one
    /// pass over each; only called once, when a limit is reached).
    fn what_grew(&self, kind: LimitKind) -> Growth {
        let ports = &self.scenario.ports;
        let mut per_port = vec![0u64; ports.len()];
        let mut responses = vec![0u64; ports.len()];
        let mut failed = 0u64;
        for i in &self.insts {
            let p = i.port as usize;
            if p < per_port.len() {
                per_port[p] += 1;
                match self.msgs.get(i.msg as usize).map(|m| m.origin) {
                    Some(Origin::Response) => responses[p] += 1,
                    Some(Origin::Failed) => failed += 1,
                    _ => {}
                }
            }
        }
        let total = self.insts.len() as u64;
        let response_total: u64 = responses.iter().sum();
        let name = |p: usize| ports[p].name.clone();
        if total > 0 && response_total * 2 > total {
            // §9: responses published by solicit-response ports are taken by other such ports.
            // Names sorted as `&str` through `sorted_names` (no slice sort of its own), then
            // owned (issue 14).
            let sorted = crate::engine::sort_key::sorted_names(
                (0..ports.len())
                    .filter(|&p| responses[p] > 0 && ports[p].kind.is_solicit_response())
                    .map(|p| ports[p].name.as_str()),
            );
            let mut feeders: Vec<String> = sorted.into_iter().map(str::to_string).collect();
            return match feeders.len() {
                1 => Growth::ResponsesSelf { port: feeders.remove(0), instances: response_total },
                _ => Growth::ResponsesEach { ports: feeders, instances: response_total },
            };
        }
        if total > 0 && failed * 2 > total {
            return Growth::FailedMessages { instances: failed };
        }
        let rf = self.routing_failures.len() as u64;
        if rf > total {
            return Growth::RoutingFailures { count: rf };
        }
        if kind != LimitKind::Instances {
            // Events or memory with few instances: attempts (retries) are what grows.
            let mut attempts = vec![0u64; ports.len()];
            for (idx, i) in self.insts.iter().enumerate() {
                if let Some(a) = attempts.get_mut(i.port as usize) {
                    *a += self.attempts_of(idx as u32).len() as u64;
                }
            }
            if let Some((p, &a)) = attempts.iter().enumerate().max_by_key(|(p, a)| (**a, std::cmp::Reverse(*p))) {
                if a > total {
                    return Growth::Attempts { port: name(p), attempts: a, instances: per_port[p] };
                }
            }
        }
        match per_port.iter().enumerate().max_by_key(|(p, c)| (**c, std::cmp::Reverse(*p))) {
            Some((p, &c)) if c > 0 => {
                Growth::Instances { port: name(p), instances: c, total, messages: self.msgs.len() as u64 }
            }
            _ => Growth::Queue { events: self.queue.len() as u64 },
        }
    }
}

#[cfg(all(test, target_pointer_width = "64"))]
mod tests {
    use super::super::super::instance::Inst;
    use super::super::super::limits::*;
    use super::super::super::message::Msg;
    use super::super::super::note::FactArena;
    use super::super::super::queue::EventQueue;
    use super::super::super::trace::{AdminLine, TraceRecord, TraceSlot};
    use super::super::super::trace_store::TraceStore;
    use super::super::super::view::RoutingFailure;
    use std::mem::size_of;

    /// The fixed record sizes of the memory estimate are the native 64-bit layout: a change of a
    /// record's layout must update its constant (wasm32 uses the same constants on purpose).
    #[test]
    fn record_sizes_match_the_native_layout() {
        let sizes = [
            ("Inst", size_of::<Inst>(), INST_BYTES),
            ("Fact", FactArena::record_size(), FACT_BYTES),
            ("Msg", size_of::<Msg>(), MSG_BYTES),
            ("queue entry", EventQueue::entry_size(), QUEUE_ENTRY_BYTES),
            ("TraceRecord", size_of::<TraceRecord>(), TRACE_RECORD_BYTES),
            ("TraceSlot", size_of::<TraceSlot>(), TRACE_SLOT_BYTES),
            ("trace chunk", TraceStore::chunk_size(), TRACE_CHUNK_BYTES),
            ("AdminLine", size_of::<AdminLine>(), ADMIN_LINE_BYTES),
            ("RoutingFailure", size_of::<RoutingFailure>(), ROUTING_FAILURE_BYTES),
        ];
        for (name, actual, constant) in sizes {
            assert_eq!(actual as u64, constant, "{name}: size_of is {actual}, the constant says {constant}");
        }
    }
}
