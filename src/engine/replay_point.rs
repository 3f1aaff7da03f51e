//! Script points: where an interactive action can be applied in place and still be exactly what
//! replaying the recorded script does (docs/semantics.md §13, DECISION R1/R2).
//!
//! At one instant the queue yields script lines first (their sequence numbers are reserved before
//! any engine event's, see `event.rs`), then engine events. A line recorded at the current time
//! `t`, after the lines already due at `t`, is therefore replayed after those lines and before
//! every engine event at `t`. Applying the same action live gives the same run only when
//! 1. the script lines due at `t` have been processed (`run_due_script` does that), and
//! 2. no engine event at `t` has been processed yet and the end line is not written
//!    (`applies_like_script`).
//!
//! When engine events at `t` were already processed (the user saw them: a suspension at `t`,
//! then clicked Resume), the action is taken at `t + 1 ms`, after everything at `t`, so that its
//! recorded line replays after them too (`engine_events_at_now`). Otherwise the caller (the UI
//! `Session`) rebuilds the simulation from the recorded script.

use super::event::Event;
use super::simulation::Simulation;

impl Simulation {
    /// True when `event` comes from a script line (a non-inject line, or a copy of a script
    /// injection: those sources carry a sequence number reserved for the script).
    pub(super) fn is_script_event(&self, event: &Event) -> bool {
        let script_end = self.script_seq0 + self.scenario.script.len() as u64;
        match *event {
            Event::Script { .. } => true,
            Event::Inject { source, .. } => self.sources.get(source as usize).is_some_and(|s| s.seq < script_end),
            Event::Dispatch { .. } | Event::AttemptEnd { .. } => false,
        }
    }

    /// Processes the script lines due at the current instant (R1: "process due lines first").
    /// Engine events at this instant stay queued: in a replay they come after the lines.
    pub fn run_due_script(&mut self) {
        while let Some((t, event)) = self.queue.peek() {
            if t != self.now || t > self.scenario.until || !self.is_script_event(event) {
                break;
            }
            self.step();
        }
    }

    /// True when an engine event (not a script line) was processed at the current instant: a
    /// script line at this instant would replay before it, so an action the user takes now,
    /// after seeing it, belongs to the next millisecond (R1).
    pub fn engine_events_at_now(&self) -> bool {
        self.last_engine_event_at == Some(self.now)
    }

    /// True when an action applied now (`apply`) is exactly what replaying it as a script line
    /// at `now()`, after the lines due now, would do (R2): no script line due now is still queued,
    /// no engine event at this instant was processed, and the end line is not written.
    pub fn applies_like_script(&self) -> bool {
        let due_line_waiting = self
            .queue
            .peek()
            .is_some_and(|(t, e)| t == self.now && t <= self.scenario.until && self.is_script_event(e));
        !self.end_emitted && self.last_engine_event_at != Some(self.now) && !due_line_waiting
    }
}

impl Simulation {
    /// Applies line `index` of `scenario` now and adopts `scenario`, which must be this
    /// simulation's scenario with that one line inserted (at the current time, after the lines due
    /// now). Returns false, changing nothing, when that would not be exactly what a replay does
    /// (not a script point, not such a scenario, or an injection with later copies, whose queue
    /// order a replay decides); the caller then rebuilds from the script.
    pub fn apply_recorded(&mut self, scenario: &super::model::Scenario, index: usize) -> bool {
        let old = &self.scenario.script;
        let Some(line) = scenario.script.get(index) else { return false };
        let same_rest = scenario.script.len() == old.len() + 1
            && scenario.script[..index] == old[..index]
            && scenario.script[index + 1..] == old[index..];
        let later_copies =
            matches!(&line.action, super::model::Action::Inject(i) if i.count > 1 && i.every.as_ms() > 0);
        if line.at != self.now || !same_rest || later_copies || !self.applies_like_script() {
            return false;
        }
        self.queue.shift_script_entries(index as u32);
        let action = line.action.clone();
        self.scenario = scenario.clone();
        self.apply(action);
        true
    }
}
