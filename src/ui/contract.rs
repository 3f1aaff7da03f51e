//! The props contract between the app shell (state, tree, editors) and the observation
//! components (clock, instances hub, timeline, why, event log, topology). Components receive a
//! `SimView` and callbacks; they never own engine state.

use crate::engine::model::Action;
use crate::engine::Simulation;
use crate::i18n::Lang;
use std::cell::RefCell;
use std::rc::Rc;
use yew::Callback;

/// A shared, mutable simulation plus a version number that changes whenever it changed.
/// Props compare by version, so a component re-renders exactly when the simulation moved.
#[derive(Clone)]
pub struct SimView {
    pub sim: Rc<RefCell<Simulation>>,
    pub version: u64,
}

impl PartialEq for SimView {
    fn eq(&self, other: &Self) -> bool {
        self.version == other.version && Rc::ptr_eq(&self.sim, &other.sim)
    }
}

/// What the clock bar asks for. `speed` is simulated milliseconds per real millisecond (1–10,000+).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ClockCommand {
    Play,
    Pause,
    /// Process the next event.
    Step,
    RunToEnd,
    SetSpeed(u32),
    /// Rebuild the simulation at time 0 from the scenario.
    Reset,
    /// Stop a run in progress (Run to end in slices); the clock stays where it got to.
    Stop,
}

/// A long run in progress (Run to end), done in slices between frames (issue 9 §7).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RunJob {
    /// Where the run is going (the scenario's `until`).
    pub target: crate::engine::time::SimTime,
    /// Simulated time and events processed when it began.
    pub from: crate::engine::time::SimTime,
    pub events_at_start: u64,
    /// Real milliseconds since it began (the slicer hook measures them).
    pub real_ms: u64,
    /// Which simulation it runs (`Rc::as_ptr`): a replaced simulation (load, undo, reset) ends it.
    pub sim_ptr: usize,
    /// A large injection going in slices (issue 9 §7), not a Run to end: it ends when the
    /// injection is complete.
    pub inject: bool,
}

/// The clock's state as the shell keeps it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ClockState {
    pub playing: bool,
    pub speed: u32,
    /// A Run to end in progress, if any.
    pub run: Option<RunJob>,
}

/// Props every observation component takes (plus its own extras).
#[derive(Clone, PartialEq, yew::Properties)]
pub struct ObserveProps {
    pub view: SimView,
    pub lang: Lang,
    /// Apply an engine action now (resume, terminate, lifecycle, inject).
    pub on_action: Callback<Action>,
    /// The instance currently selected anywhere in the page (timeline/why follow it).
    #[prop_or_default]
    pub selected: Option<u64>,
    #[prop_or_default]
    pub on_select: Callback<Option<u64>>,
    /// "Why?" on an instance: selects it and opens the Why? tab (issue 11 #6).
    #[prop_or_default]
    pub on_why: Callback<u64>,
    /// Whether the page has a Why? view: the light embed has none, so no text may point to it
    /// (issue 11 #10).
    #[prop_or(true)]
    pub has_why: bool,
    /// A Run to end or Play is moving the simulation (views that aggregate the whole run wait).
    #[prop_or_default]
    pub running: bool,
}
