//! Large injections in slices (issue 9 §7): a `count` of copies published at one instant
//! (`every` 0) is injected at most `inject_slice` copies per step, the rest left pending and
//! injected first by the next steps, before any other event — so a shell can show progress and
//! stay responsive while 1,000,000 copies go in, and the result is exactly that of one step
//! (the commands are applied in the same order; `tests/it/engine_modes.rs` compares traces and
//! reports with slices of 1, 2 and 7 copies). Unsliced by default (the CLI, the tests).
//!
//! ```text
//!   apply(Inject ×1,000,000)  ─▶ 10,000 copies, pending (source, 10,000)
//!   continue_inject(1)         ─▶ 10,000 more …  inject_progress() = Some((20,000, 1,000,000))
//!   step() / run_until(t)      ─▶ the pending slices first, then the queue
//! ```

use super::Simulation;

impl Simulation {
    /// Copies injected per step by an injection at one instant (0 is taken as 1); `u32::MAX`
    /// (the default) injects them all in one step.
    pub fn set_inject_slice(&mut self, copies: u32) {
        self.inject_slice = copies.max(1);
    }
    /// `(copies injected, copies in all)` of an injection still in slices.
    pub fn inject_progress(&self) -> Option<(u32, u32)> {
        let (source, next) = self.pending_inject?;
        let count = self.sources.get(source as usize).map_or(next, |s| s.injection.count);
        Some((next, count))
    }
    /// Injects at most `slices` more slices of the pending injection; true when none is left.
    pub fn continue_inject(&mut self, slices: u64) -> bool {
        for _ in 0..slices {
            if self.pending_inject.is_none() {
                break;
            }
            self.step_inner();
        }
        self.refresh_view();
        self.pending_inject.is_none()
    }
    /// Injects whatever is left of a pending injection now.
    pub(super) fn finish_pending_inject(&mut self) {
        while self.pending_inject.is_some() && self.limit_hit.is_none() {
            self.step_inner();
        }
        if self.limit_hit.is_some() {
            self.pending_inject = None;
        }
    }
}
