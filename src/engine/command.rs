//! Commands that the state machines return (DESIGN invariant 3, stateright style): an instance
//! changes only its own state and asks for everything else — timers, trace/timeline notes,
//! follow-up decisions — through the `Out` collector. Only `Simulation` applies commands, in the
//! order they were issued.

use super::event::Event;
use super::note::Note;
use super::time::SimTime;
use super::trace::TraceSlot;

/// One request from a state machine to the simulation.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Command {
    /// Queue an event (a keyed timer when it carries an instance key).
    Schedule { at: SimTime, lane: u64, event: Event },
    /// Record an observable change of an instance: a timeline fact and a trace line.
    Note { inst: u32, note: Note },
    /// The instance's message was delivered (§6); the simulation completes it or, for a
    /// solicit-response port, publishes the response first (§9).
    Delivered { inst: u32 },
    /// Every attempt on primary and backup was spent (§6): suspend, route the failed message, or
    /// apply the ordered-delivery rule (§7).
    Exhausted { inst: u32 },
    /// Emit a prepared non-instance trace line (inject, route, lifecycle, ...) at its place.
    Trace { slot: TraceSlot },
}

/// The command collector. It is reused between events, so issuing commands allocates nothing.
#[derive(Debug, Default)]
pub struct Out {
    pub cmds: Vec<Command>,
}

impl Out {
    #[cfg_attr(not(target_arch = "wasm32"), inline)]
    pub fn schedule(&mut self, at: SimTime, lane: u64, event: Event) {
        self.cmds.push(Command::Schedule { at, lane, event });
    }
    #[cfg_attr(not(target_arch = "wasm32"), inline)]
    pub fn note(&mut self, inst: u32, note: Note) {
        self.cmds.push(Command::Note { inst, note });
    }
    #[cfg_attr(not(target_arch = "wasm32"), inline)]
    pub fn push(&mut self, c: Command) {
        self.cmds.push(c);
    }
}
