//! Running in slices (issue 9 §7): `run_until_budget` processes at most a given number of
//! events, so a shell can run a long simulation a slice at a time — the page between animation
//! frames, with a progress bar and a Stop button — and never block for long. The result is the
//! same as `run_until` (`tests/it/engine_modes.rs` checks traces and reports are identical).
//!
//! ```text
//!   run_until_budget(t, 10_000) ─▶ false   (10,000 events done, more due by t; clock at the last)
//!   run_until_budget(t, 10_000) ─▶ true    (everything due by t done; clock at t, like run_until)
//!   run_to_end_budget(10_000)   ─▶ true    (finished: clock where run_to_end leaves it)
//! ```

use super::super::time::SimTime;
use super::Simulation;

impl Simulation {
    /// What the next step counts against a budget: one event, or a slice of a large injection
    /// (`inject_slice.rs`) as many events as copies it may inject, so a slice of a run stays short.
    fn step_cost(&self) -> u64 {
        if self.pending_inject.is_some() {
            u64::from(self.inject_slice).max(1)
        } else {
            1
        }
    }

    /// Processes events due by `t` (capped at `until`), at most `budget` of them. Returns true
    /// when nothing due by `t` is left (then the clock is at `t`, exactly as `run_until(t)`
    /// leaves it), false when the budget ran out first (the clock is at the last event).
    pub fn run_until_budget(&mut self, t: SimTime, budget: u64) -> bool {
        let capped = t.min(self.scenario().until);
        let mut left = budget;
        while left > 0 && self.next_event_time().is_some_and(|n| n <= capped) {
            let cost = self.step_cost();
            self.step_inner();
            left = left.saturating_sub(cost);
        }
        if self.next_event_time().is_some_and(|n| n <= capped) {
            self.refresh_view();
            false
        } else {
            self.run_until(t);
            true
        }
    }
    /// At most `budget` events of a run to the end; true when the run is finished (the clock is
    /// then exactly where `run_to_end` leaves it: at the last event, or at `until`).
    pub fn run_to_end_budget(&mut self, budget: u64) -> bool {
        let mut left = budget;
        while left > 0 {
            let cost = self.step_cost();
            if !self.step_inner() {
                break;
            }
            left = left.saturating_sub(cost);
        }
        let done = self.is_finished();
        if done {
            // The budget may run out exactly at the last event: end as `run_to_end` does.
            self.finish();
        }
        self.refresh_view();
        done
    }
}
