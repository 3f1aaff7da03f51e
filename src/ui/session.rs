//! `Session`: the document the user edits (a `ScenarioSpec`), the validated model, the running
//! `Simulation`, undo/redo, and the log of actions performed interactively. Plain Rust (no web
//! crates), so every sequence the UI or the JS API performs is unit-tested natively.
//!
//! ```text
//!  model edit ──▶ candidate spec ──validate──▶ ok ──▶ push undo, rebuild Simulation, replay to now
//!                                       └──▶ errors ──▶ nothing replaced (the caller shows them)
//!  interactive action ──▶ due script lines first ──▶ script entry { at: now } after them
//!        ──▶ applied in place when exact (Simulation::apply_recorded), else the run is rebuilt
//!            from the recorded script up to now: live == replay (docs/semantics.md §13 R1/R2)
//! ```
//!
//! Every change (edit, load, interactive action, delete, timeline edit) is one labelled step of
//! one undo history (`history::Label`); undo brings the document back verbatim, script included.
//!
//! # Example
//! ```
//! use portsim::engine::model::PortKind;
//! use portsim::ui::session::Session;
//! let mut s = Session::empty();
//! let name = s.create_port(PortKind::StaticOneWay);
//! assert!(name.is_ok());
//! assert_eq!(s.spec().send_ports.len(), 1);
//! assert!(s.undo());
//! assert!(s.spec().send_ports.is_empty());
//! ```

use crate::engine::context::Context;
use crate::engine::limits::{LimitOverrides, Limits};
use crate::engine::model::{Action, InstanceSelector, LifecycleAction, LifecycleState, PortKind, Scenario, Target};
use crate::engine::scenario::spec::{
    GroupSpec, InjectSpec, PortSpec, ScriptEntrySpec, SelectorFieldsSpec, SelectorSpec, TargetSpec, TransportSpec,
};
use crate::engine::scenario::{load_spec, validate, LoadError, ScenarioError, ScenarioSpec};
use crate::engine::time::{format_duration, parse_duration, SimDuration, SimTime};
use crate::engine::Simulation;
use crate::ui::history::{label_of, Label};
use std::cell::RefCell;
use std::rc::Rc;

/// The most undo steps kept.
pub const UNDO_LIMIT: usize = 200;

/// One undo/redo step: the document before (or after) a change, whether that change replaced
/// the whole document, and the clock at the time.
#[derive(Debug, Clone)]
struct Snapshot {
    spec: ScenarioSpec,
    whole: bool,
    at: SimTime,
    /// What the step did (the Undo/Redo buttons name it).
    label: Label,
}

/// The name of a new, empty document (shown translated: `components::format::doc_name`).
pub const UNTITLED: &str = "Untitled scenario";

/// The editing and running session behind the page and `window.portsim`.
pub struct Session {
    spec: ScenarioSpec,
    scenario: Scenario,
    sim: Rc<RefCell<Simulation>>,
    undo: Vec<Snapshot>,
    redo: Vec<Snapshot>,
    /// Actions performed interactively, with the time they were applied.
    performed: Vec<(SimTime, Action)>,
    /// Increases whenever the document changes (edits, loads, undo, interactive actions), so
    /// views and autosave know when to refresh, whoever changed it (page or JS API).
    revision: u64,
    /// Work limits set by the page or the JS API over the scenario's own (issue 9 §4); they
    /// apply to every simulation this session builds.
    limits: LimitOverrides,
    /// The most undo steps kept: [`UNDO_LIMIT`], or 0 for a session with no Undo (an embed).
    undo_limit: usize,
}

impl Session {
    /// An empty scenario named [`UNTITLED`].
    pub fn empty() -> Session {
        let spec = ScenarioSpec::empty(UNTITLED);
        match Session::from_spec(spec) {
            Ok(s) => s,
            Err(_) => {
                // An empty scenario is always valid; if the validator ever says otherwise we still
                // run an empty model rather than panic.
                let spec = ScenarioSpec::empty(UNTITLED);
                let scenario = empty_scenario(&spec);
                Session::fresh(spec, scenario)
            }
        }
    }

    /// A session over a spec, or every validation error.
    pub fn from_spec(spec: ScenarioSpec) -> Result<Session, LoadError> {
        let scenario = validate(&spec)?;
        Ok(Session::fresh(spec, scenario))
    }

    /// A session over a validated scenario with no history: a new page simulation, empty
    /// undo/redo, no performed actions, default limits.
    fn fresh(spec: ScenarioSpec, scenario: Scenario) -> Session {
        let sim = Rc::new(RefCell::new(page_simulation(&scenario)));
        Session {
            spec,
            scenario,
            sim,
            undo: Vec::new(),
            redo: Vec::new(),
            performed: Vec::new(),
            revision: 0,
            limits: LimitOverrides::default(),
            undo_limit: UNDO_LIMIT,
        }
    }

    /// This session without Undo/Redo: no step keeps a copy of the document. The embeds have no
    /// Undo button, and a documentation page's script may call `loadScenario` again and again.
    pub fn without_undo(mut self) -> Session {
        self.undo_limit = 0;
        self.undo.clear();
        self.redo.clear();
        self
    }

    /// Parses and validates scenario JSON into a new session. Structural and range errors are
    /// listed together (`load_spec`), so a user fixes a file in one pass.
    pub fn from_json(json: &str) -> Result<Session, LoadError> {
        let (spec, _) = load_spec(json)?;
        Session::from_spec(spec)
    }

    pub fn spec(&self) -> &ScenarioSpec {
        &self.spec
    }
    pub fn scenario(&self) -> &Scenario {
        &self.scenario
    }
    /// The shared simulation (components borrow it to read; only the session mutates it).
    pub fn sim(&self) -> Rc<RefCell<Simulation>> {
        self.sim.clone()
    }
    pub fn now(&self) -> SimTime {
        self.sim.borrow().now()
    }
    pub fn revision(&self) -> u64 {
        self.revision
    }
    pub fn performed(&self) -> &[(SimTime, Action)] {
        &self.performed
    }
    pub fn can_undo(&self) -> bool {
        !self.undo.is_empty()
    }
    pub fn can_redo(&self) -> bool {
        !self.redo.is_empty()
    }
    /// What Undo would undo ("Publish 10,000 messages").
    pub fn undo_label(&self) -> Option<&Label> {
        self.undo.last().map(|s| &s.label)
    }
    /// What Redo would redo.
    pub fn redo_label(&self) -> Option<&Label> {
        self.redo.last().map(|s| &s.label)
    }
    /// Exported scenario JSON (includes the interactive actions as script entries).
    pub fn to_json(&self) -> String {
        self.spec.to_json()
    }

    /// Replaces the whole document (import, JS `loadScenario`, preset, permalink). The clock
    /// restarts at 0; the previous document goes on the undo stack. On error nothing changes.
    pub fn load_json(&mut self, json: &str) -> Result<(), LoadError> {
        let (spec, scenario) = load_spec(json)?;
        self.push_undo(true, Label::new("history.load").with("name", spec.name.clone()));
        self.install(spec, scenario, SimTime::ZERO);
        Ok(())
    }

    /// Validates a candidate document without touching the session.
    pub fn check(spec: &ScenarioSpec) -> Vec<ScenarioError> {
        match validate(spec) {
            Ok(_) => Vec::new(),
            Err(e) => e.errors,
        }
    }

    /// Applies a model edit: validates `spec`, and when valid makes it current (undoable) and
    /// rebuilds the simulation, replaying up to the current time. Invalid edits change nothing.
    pub fn apply_edit(&mut self, spec: ScenarioSpec) -> Result<(), Vec<ScenarioError>> {
        self.apply_labelled(spec, Label::new("history.edit"))
    }

    /// `apply_edit` with the label the undo history shows.
    pub fn apply_labelled(&mut self, spec: ScenarioSpec, label: Label) -> Result<(), Vec<ScenarioError>> {
        if spec == self.spec {
            return Ok(());
        }
        let scenario = validate(&spec).map_err(|e| e.errors)?;
        let now = self.now();
        self.push_undo(false, label);
        self.install(spec, scenario, now);
        Ok(())
    }

    /// Undoes the last step, whatever it was (model edit, interactive action, delete, timeline
    /// edit): the document before it comes back verbatim, script included, and the run is
    /// replayed to the current time; a whole-document replacement (import, preset, permalink,
    /// New) comes back at its own time.
    pub fn undo(&mut self) -> bool {
        let Some(previous) = self.undo.pop() else { return false };
        let current =
            Snapshot { spec: self.spec.clone(), whole: previous.whole, at: self.now(), label: previous.label.clone() };
        if self.restore(&previous) {
            self.redo.push(current);
            true
        } else {
            self.undo.push(previous);
            false
        }
    }

    pub fn redo(&mut self) -> bool {
        let Some(next) = self.redo.pop() else { return false };
        let current =
            Snapshot { spec: self.spec.clone(), whole: next.whole, at: self.now(), label: next.label.clone() };
        if self.restore(&next) {
            self.undo.push(current);
            true
        } else {
            self.redo.push(next);
            false
        }
    }

    /// Performs an action now (buttons, inject panel, JS API) and records it in the script, so
    /// that the exported script, Reset, the permalink and the embed replay exactly what happened
    /// (docs/semantics.md §13): the script lines already due now run first (R1), the action is
    /// recorded at now after them (the script keeps time order), and it is applied in place only
    /// when that is exactly what the replay does; otherwise the run is rebuilt from the recorded
    /// script up to now (R2). One undo step, labelled with the action.
    ///
    /// An action the scenario format could not record (say, a burst over the allowed count) is
    /// refused with the validator's errors and changes nothing, so the document stays valid.
    pub fn perform(&mut self, action: Action) -> Result<(), Vec<ScenarioError>> {
        let now = self.action_time();
        let mut spec = self.spec.clone();
        let at = script_insert_index(&spec, now);
        spec.script.insert(at, action_to_entry(&action, now));
        let scenario = validate(&spec).map_err(|e| e.errors)?;
        let label = label_of(&action);
        self.push_undo(false, label);
        // The validated script is sorted by time (stable), so the new line's index there is the
        // number of lines at or before now.
        let index = scenario.script.iter().take_while(|l| l.at <= now).count().saturating_sub(1);
        let in_place = {
            let mut sim = self.sim.borrow_mut();
            sim.run_due_script();
            if now > sim.now() {
                sim.run_until(now);
            }
            sim.apply_recorded(&scenario, index)
        };
        if in_place {
            self.spec = spec;
            self.scenario = scenario;
            self.revision += 1;
        } else {
            self.install(spec, scenario, now);
        }
        self.performed.push((now, action));
        Ok(())
    }

    /// The instant an action taken now happens (R1): now, after the script lines due now — or,
    /// when the engine already processed events at this instant (the user saw them), the next
    /// millisecond, so that the recorded line replays after them.
    fn action_time(&self) -> SimTime {
        let sim = self.sim.borrow();
        let now = sim.now();
        if sim.engine_events_at_now() && now < sim.scenario().until {
            SimTime(now.as_ms() + 1)
        } else {
            now
        }
    }

    /// The `(port, via group)` copies a message with `context` published now would get, after
    /// the script lines due now have run (R1: they run first anyway); empty = a routing failure.
    pub fn subscribers_for(&mut self, context: &Context) -> Vec<(String, Option<String>)> {
        let mut sim = self.sim.borrow_mut();
        sim.run_due_script();
        sim.subscribers_now(context)
    }

    /// Advances the virtual clock to `t` (capped at the scenario's `until` by the engine).
    pub fn run_until(&mut self, t: SimTime) {
        self.sim.borrow_mut().run_until(t);
    }
    /// Advances by `d` from now.
    pub fn advance(&mut self, d: SimDuration) {
        let t = self.now().plus(d);
        self.run_until(t);
    }
    /// Processes the next event; false when finished.
    pub fn step(&mut self) -> bool {
        self.sim.borrow_mut().step()
    }
    /// The run to its end, in calls of `run_chunk` (issue 14 §3: see there).
    pub fn run_to_end(&mut self) {
        let mut sim = self.sim.borrow_mut();
        while !run_chunk(&mut sim, RUN_CHUNK) {}
    }
    /// Runs at most `budget` events due by `t` (one slice of a long run, so the page stays
    /// responsive); true when everything due by `t` is done.
    pub fn run_slice(&mut self, t: SimTime, budget: u64) -> bool {
        self.sim.borrow_mut().run_until_budget(t, budget)
    }
    /// At most `budget` events of Run to end; true when finished.
    pub fn run_to_end_slice(&mut self, budget: u64) -> bool {
        run_chunk(&mut self.sim.borrow_mut(), budget)
    }
    /// The work limits of the next runs (the page's rerun offer, the JS API's `setLimits`); the
    /// current simulation takes them too unless a limit already stopped it.
    pub fn set_limits(&mut self, overrides: LimitOverrides) {
        self.limits = overrides;
        self.sim.borrow_mut().set_limits(overrides);
    }
    /// The limits the current simulation is checked against.
    pub fn limits(&self) -> Limits {
        self.sim.borrow().limits()
    }
    fn new_sim(&self, scenario: &Scenario) -> Simulation {
        let mut sim = page_simulation(scenario);
        sim.set_limits(self.limits);
        sim
    }
    pub fn is_finished(&self) -> bool {
        self.sim.borrow().is_finished()
    }
    /// Rebuilds the simulation at time 0 from the current document (script included).
    pub fn reset_clock(&mut self) {
        self.sim = Rc::new(RefCell::new(self.new_sim(&self.scenario)));
        self.performed.clear();
    }

    /// Starts a new empty document (undoable).
    pub fn new_document(&mut self) {
        self.push_undo(true, Label::new("history.new"));
        let spec = ScenarioSpec::empty(UNTITLED);
        let scenario = validate(&spec).unwrap_or_else(|_| empty_scenario(&spec));
        self.install(spec, scenario, SimTime::ZERO);
    }

    // ----- model edits -------------------------------------------------------------------------

    /// Adds a port of one of the console's four kinds with a fresh name and default settings.
    pub fn create_port(&mut self, kind: PortKind) -> Result<String, Vec<ScenarioError>> {
        let port = new_port(kind, &self.spec);
        let name = port.name.clone();
        let mut spec = self.spec.clone();
        spec.send_ports.push(port);
        self.apply_labelled(spec, Label::new("history.create_port").with("name", name.clone())).map(|_| name)
    }

    /// Adds an empty send port group with a fresh name.
    pub fn create_group(&mut self) -> Result<String, Vec<ScenarioError>> {
        let group = new_group(&self.spec);
        let name = group.name.clone();
        let mut spec = self.spec.clone();
        spec.send_port_groups.push(group);
        self.apply_labelled(spec, Label::new("history.create_group").with("name", name.clone())).map(|_| name)
    }

    /// Replaces (or, with `index` past the end, adds) a port; a rename updates every reference.
    pub fn put_port(&mut self, index: Option<usize>, port: PortSpec) -> Result<(), Vec<ScenarioError>> {
        let key = if index.is_some_and(|i| i < self.spec.send_ports.len()) {
            "history.edit_port"
        } else {
            "history.create_port"
        };
        let label = Label::new(key).with("name", port.name.clone());
        self.apply_labelled(with_port(&self.spec, index, port), label)
    }

    pub fn put_group(&mut self, index: Option<usize>, group: GroupSpec) -> Result<(), Vec<ScenarioError>> {
        let key = if index.is_some_and(|i| i < self.spec.send_port_groups.len()) {
            "history.edit_group"
        } else {
            "history.create_group"
        };
        let label = Label::new(key).with("name", group.name.clone());
        self.apply_labelled(with_group(&self.spec, index, group), label)
    }

    pub fn rename(&mut self, target: &Target, new_name: &str) -> Result<(), Vec<ScenarioError>> {
        let label = Label::named("history.rename", target).with("new", new_name);
        self.apply_labelled(renamed(&self.spec, target, new_name), label)
    }

    /// Why BizTalk would refuse to delete `target` now (empty = allowed). A send port can be
    /// deleted only when it is unenlisted (Bound, so Stopped and Unenlisted, §2) and in no send
    /// port group; a group only when it is unenlisted (Bound).
    pub fn delete_blockers(&self, target: &Target) -> Vec<DeleteBlocker> {
        let sim = self.sim.borrow();
        let mut out = Vec::new();
        match target {
            Target::Port(name) => {
                if let Some(state) = sim.port_state(name).filter(|s| *s != LifecycleState::Bound) {
                    out.push(DeleteBlocker::Enlisted(state));
                }
                let groups: Vec<String> = self
                    .spec
                    .send_port_groups
                    .iter()
                    .filter(|g| g.members.iter().any(|m| m == name))
                    .map(|g| g.name.clone())
                    .collect();
                if !groups.is_empty() {
                    out.push(DeleteBlocker::InGroups(groups));
                }
            }
            Target::Group(name) => {
                if let Some(state) = sim.group_state(name).filter(|s| *s != LifecycleState::Bound) {
                    out.push(DeleteBlocker::Enlisted(state));
                }
            }
        }
        out
    }

    /// What deleting `target` rewrites in the run so far: the instances it owns (a port) or that
    /// came through it (a group), and the script lines that name it. The deletion replays the
    /// run without it, so the UI asks first when either is not zero.
    pub fn delete_impact(&self, target: &Target) -> DeleteImpact {
        let instances = {
            let sim = self.sim.borrow();
            sim.instance_rows()
                .filter(|r| match target {
                    Target::Port(n) => sim.port_name(r.port) == Some(n.as_str()),
                    Target::Group(n) => r.via.and_then(|g| sim.group_name_of(g)) == Some(n.as_str()),
                })
                .count()
        };
        let mut spec = self.spec.clone();
        match target {
            Target::Port(n) => spec.send_ports.retain(|p| &p.name != n),
            Target::Group(n) => spec.send_port_groups.retain(|g| &g.name != n),
        }
        prune_script(&mut spec);
        DeleteImpact { instances, script_lines: self.spec.script.len() - spec.script.len() }
    }

    /// Deletes a port (from the script too) or a group, as BizTalk allows it: refused, with
    /// nothing changed, while `delete_blockers` is not empty. One undo step brings it back with
    /// its history (the script lines that named it included).
    pub fn delete(&mut self, target: &Target) -> Result<(), Vec<ScenarioError>> {
        if !self.delete_blockers(target).is_empty() {
            return Err(vec![ScenarioError {
                path: String::new(),
                kind: crate::engine::scenario::ScenarioErrorKind::NotAllowed,
                message: format!("{} cannot be deleted now: it must be unenlisted and in no group", target.name()),
            }]);
        }
        self.delete_unchecked(target)
    }

    fn delete_unchecked(&mut self, target: &Target) -> Result<(), Vec<ScenarioError>> {
        let mut spec = self.spec.clone();
        match target {
            Target::Port(name) => {
                spec.send_ports.retain(|p| &p.name != name);
                for g in &mut spec.send_port_groups {
                    g.members.retain(|m| m != name);
                }
            }
            Target::Group(name) => spec.send_port_groups.retain(|g| &g.name != name),
        }
        prune_script(&mut spec);
        self.apply_labelled(spec, Label::named("history.delete", target))
    }

    // ----- the operations timeline (the script as a list of actions at times) ---------------

    /// Replaces the whole script (the operations timeline's raw JSON, or one of the edits below),
    /// kept in time order (a stable sort, so same-time lines keep their order); one undo step.
    /// The run is replayed from the new script up to the current time.
    pub fn set_script(&mut self, mut script: Vec<ScriptEntrySpec>, label: Label) -> Result<(), Vec<ScenarioError>> {
        // The shared stable sort (engine::sort_key), not one more copy of the standard one.
        crate::engine::sort_key::sort_by_u64_key(&mut script, |e| {
            parse_duration(&e.at).map(|d| d.as_ms()).unwrap_or(0)
        });
        let mut spec = self.spec.clone();
        spec.script = script;
        self.apply_labelled(spec, label)
    }

    /// Adds a line to the script at its time (after the lines already at that time).
    pub fn add_line(&mut self, line: ScriptEntrySpec) -> Result<(), Vec<ScenarioError>> {
        let label = Label::new("history.line_add").with("what", label_key_text(&line)).with("at", line.at.clone());
        let mut script = self.spec.script.clone();
        script.push(line);
        self.set_script(script, label)
    }

    /// Replaces line `index` (its time, target or count changed: "move" and "edit").
    pub fn put_line(&mut self, index: usize, line: ScriptEntrySpec) -> Result<(), Vec<ScenarioError>> {
        let mut script = self.spec.script.clone();
        let Some(old) = script.get_mut(index) else { return Ok(()) };
        let mut moved = old.clone();
        moved.at = line.at.clone();
        let key = if old.at != line.at && moved == line { "history.line_move" } else { "history.line_edit" };
        let label = Label::new(key).with("what", label_key_text(&line)).with("at", line.at.clone());
        *old = line;
        self.set_script(script, label)
    }

    /// Removes line `index` from the script.
    pub fn remove_line(&mut self, index: usize) -> Result<(), Vec<ScenarioError>> {
        let mut script = self.spec.script.clone();
        if index >= script.len() {
            return Ok(());
        }
        let line = script.remove(index);
        let label = Label::new("history.line_remove").with("what", label_key_text(&line)).with("at", line.at.clone());
        self.set_script(script, label)
    }

    /// Copies a port or group under a fresh name ("SP_A (2)"), right after the original.
    pub fn duplicate(&mut self, target: &Target) -> Result<String, Vec<ScenarioError>> {
        let mut spec = self.spec.clone();
        let name = match target {
            Target::Port(name) => {
                let Some(i) = spec.send_ports.iter().position(|p| &p.name == name) else { return Ok(String::new()) };
                let mut copy = spec.send_ports[i].clone();
                copy.name = fresh_name(name, |n| spec.send_ports.iter().any(|p| p.name == n));
                let fresh = copy.name.clone();
                spec.send_ports.insert(i + 1, copy);
                fresh
            }
            Target::Group(name) => {
                let Some(i) = spec.send_port_groups.iter().position(|g| &g.name == name) else {
                    return Ok(String::new());
                };
                let mut copy = spec.send_port_groups[i].clone();
                copy.name = fresh_name(name, |n| spec.send_port_groups.iter().any(|g| g.name == n));
                // A copy starts Bound: its initial state must respect the guards on its own.
                copy.state = None;
                let fresh = copy.name.clone();
                spec.send_port_groups.insert(i + 1, copy);
                fresh
            }
        };
        let label = Label::named("history.duplicate", target);
        self.apply_labelled(spec, label).map(|_| name)
    }

    // ----- internals ---------------------------------------------------------------------------

    fn push_undo(&mut self, whole: bool, label: Label) {
        self.redo.clear();
        if self.undo_limit == 0 {
            return;
        }
        self.undo.push(Snapshot { spec: self.spec.clone(), whole, at: self.now(), label });
        if self.undo.len() > self.undo_limit {
            self.undo.remove(0);
        }
    }

    /// Makes a snapshot current, verbatim (script included): after a step the clock stays and
    /// the run is replayed to it; a whole-document replacement comes back at its own time.
    fn restore(&mut self, snapshot: &Snapshot) -> bool {
        let spec = snapshot.spec.clone();
        let replay_to = if snapshot.whole { snapshot.at } else { self.now() };
        match validate(&spec) {
            Ok(scenario) => {
                self.install(spec, scenario, replay_to);
                true
            }
            Err(_) => false,
        }
    }

    fn install(&mut self, spec: ScenarioSpec, scenario: Scenario, replay_to: SimTime) {
        let mut sim = self.new_sim(&scenario);
        if replay_to > SimTime::ZERO {
            sim.run_until(replay_to);
        }
        self.spec = spec;
        self.scenario = scenario;
        if replay_to == SimTime::ZERO {
            self.performed.clear();
        }
        self.sim = Rc::new(RefCell::new(sim));
        self.revision += 1;
    }
}

/// Why a port or group cannot be deleted now (BizTalk's rule; the UI says how to allow it).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DeleteBlocker {
    /// It is Stopped or Started (enlisted): Stop it, then Unenlist it.
    Enlisted(LifecycleState),
    /// The port is a member of these groups: remove it from them first.
    InGroups(Vec<String>),
}

/// What a deletion takes out of the run so far.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct DeleteImpact {
    pub instances: usize,
    pub script_lines: usize,
}

/// A line's description as nested label text: `key|name=value|...`, rendered by the view
/// (`format::history_text` expands a `what` argument written this way).
fn label_key_text(line: &ScriptEntrySpec) -> String {
    let l = crate::ui::history::entry_label(line);
    let mut out = l.key.to_string();
    for (k, v) in &l.args {
        out.push('|');
        out.push_str(k);
        out.push('=');
        out.push_str(v);
    }
    out
}

/// Where a line recorded at `now` goes: after every line at or before `now` (R1), so the
/// script keeps time order and same-time lines keep their order.
fn script_insert_index(spec: &ScenarioSpec, now: SimTime) -> usize {
    let at = |e: &ScriptEntrySpec| parse_duration(&e.at).map(|d| d.as_ms()).unwrap_or(0);
    spec.script.iter().rposition(|e| at(e) <= now.as_ms()).map_or(0, |i| i + 1)
}

fn empty_scenario(spec: &ScenarioSpec) -> Scenario {
    Scenario {
        name: spec.name.clone(),
        description: String::new(),
        seed: 0,
        start_clock: Default::default(),
        until: SimTime(crate::engine::time::MS_PER_DAY),
        ports: Vec::new(),
        groups: Vec::new(),
        endpoints: Vec::new(),
        script: Vec::new(),
        warnings: Vec::new(),
        limits: Default::default(),
    }
}

/// `base`, or `base (2)`, `base (3)`, … — the first that `taken` refuses.
pub fn fresh_name(base: &str, taken: impl Fn(&str) -> bool) -> String {
    if !taken(base) {
        return base.to_string();
    }
    (2..).map(|n| format!("{base} ({n})")).find(|n| !taken(n)).unwrap_or_else(|| base.to_string())
}

fn numbered(prefix: &str, taken: impl Fn(&str) -> bool) -> String {
    (1..).map(|n| format!("{prefix}{n}")).find(|n| !taken(n)).unwrap_or_else(|| prefix.to_string())
}

/// A new port of `kind` with defaults a user can apply straight away (§1).
pub fn new_port(kind: PortKind, spec: &ScenarioSpec) -> PortSpec {
    let name = numbered("SendPort", |n| spec.send_ports.iter().any(|p| p.name == n));
    let primary = if kind.is_static() {
        let (transport, address) = if kind.is_solicit_response() {
            ("HTTP".to_string(), format!("http://partner.example/{name}"))
        } else {
            ("FILE".to_string(), format!("C:\\out\\{name}"))
        };
        Some(TransportSpec {
            transport,
            address,
            retry_count: Some(3),
            retry_interval: Some("5m".into()),
            send_handler: None,
        })
    } else {
        None
    };
    PortSpec { name, kind: kind.code().to_string(), primary, ..Default::default() }
}

pub fn new_group(spec: &ScenarioSpec) -> GroupSpec {
    let name = numbered("SendPortGroup", |n| spec.send_port_groups.iter().any(|g| g.name == n));
    GroupSpec { name, ..Default::default() }
}

/// `spec` with a port or group renamed and every reference to it updated.
pub fn renamed(spec: &ScenarioSpec, target: &Target, new_name: &str) -> ScenarioSpec {
    let mut spec = spec.clone();
    match target {
        Target::Port(old) => {
            if let Some(p) = spec.send_ports.iter_mut().find(|p| &p.name == old) {
                p.name = new_name.to_string();
            }
            rename_port_refs(&mut spec, old, new_name);
        }
        Target::Group(old) => {
            if let Some(g) = spec.send_port_groups.iter_mut().find(|g| &g.name == old) {
                g.name = new_name.to_string();
            }
            rename_group_refs(&mut spec, old, new_name);
        }
    }
    spec
}

/// `spec` with port `index` replaced by `port` (added when `index` is `None` or past the end),
/// references renamed when the name changed.
pub fn with_port(spec: &ScenarioSpec, index: Option<usize>, port: PortSpec) -> ScenarioSpec {
    let mut spec = spec.clone();
    match index.filter(|i| *i < spec.send_ports.len()) {
        Some(i) => {
            let old = spec.send_ports[i].name.clone();
            let new = port.name.clone();
            spec.send_ports[i] = port;
            if old != new {
                rename_port_refs(&mut spec, &old, &new);
            }
        }
        None => spec.send_ports.push(port),
    }
    spec
}

pub fn with_group(spec: &ScenarioSpec, index: Option<usize>, group: GroupSpec) -> ScenarioSpec {
    let mut spec = spec.clone();
    match index.filter(|i| *i < spec.send_port_groups.len()) {
        Some(i) => {
            let old = spec.send_port_groups[i].name.clone();
            let new = group.name.clone();
            spec.send_port_groups[i] = group;
            if old != new {
                rename_group_refs(&mut spec, &old, &new);
            }
        }
        None => spec.send_port_groups.push(group),
    }
    spec
}

fn rename_port_refs(spec: &mut ScenarioSpec, old: &str, new: &str) {
    for g in &mut spec.send_port_groups {
        for m in &mut g.members {
            if m == old {
                *m = new.to_string();
            }
        }
    }
    let fix = |o: &mut Option<String>| {
        if o.as_deref() == Some(old) {
            *o = Some(new.to_string());
        }
    };
    for e in &mut spec.script {
        for t in targets_mut(e) {
            fix(&mut t.port);
        }
        for i in [&mut e.publish, &mut e.send].into_iter().flatten() {
            fix(&mut i.port);
        }
        for s in [&mut e.resume, &mut e.terminate].into_iter().flatten() {
            if let SelectorSpec::Some(f) = s {
                fix(&mut f.port);
            }
        }
    }
}

fn rename_group_refs(spec: &mut ScenarioSpec, old: &str, new: &str) {
    let fix = |o: &mut Option<String>| {
        if o.as_deref() == Some(old) {
            *o = Some(new.to_string());
        }
    };
    for e in &mut spec.script {
        for t in targets_mut(e) {
            fix(&mut t.group);
        }
        for i in [&mut e.publish, &mut e.send].into_iter().flatten() {
            fix(&mut i.group);
        }
    }
}

fn targets_mut(e: &mut ScriptEntrySpec) -> impl Iterator<Item = &mut TargetSpec> {
    [&mut e.enlist, &mut e.start, &mut e.stop, &mut e.unenlist].into_iter().flatten()
}

/// Removes script entries that name a port or group the spec no longer has.
pub fn prune_script(spec: &mut ScenarioSpec) {
    let ports: Vec<String> = spec.send_ports.iter().map(|p| p.name.clone()).collect();
    let groups: Vec<String> = spec.send_port_groups.iter().map(|g| g.name.clone()).collect();
    let port_ok = |o: &Option<String>| o.as_ref().is_none_or(|n| ports.contains(n));
    let group_ok = |o: &Option<String>| o.as_ref().is_none_or(|n| groups.contains(n));
    spec.script.retain(|e| {
        let targets = [&e.enlist, &e.start, &e.stop, &e.unenlist].into_iter().flatten();
        let injects = [&e.publish, &e.send].into_iter().flatten();
        let selectors = [&e.resume, &e.terminate].into_iter().flatten();
        targets.clone().all(|t| port_ok(&t.port) && group_ok(&t.group))
            && injects.clone().all(|i| port_ok(&i.port) && group_ok(&i.group))
            && selectors.clone().all(|s| match s {
                SelectorSpec::Some(f) => port_ok(&f.port),
                SelectorSpec::All(_) => true,
            })
    });
}

/// The script entry that performs `action` at `at` (the inverse of script validation).
pub fn action_to_entry(action: &Action, at: SimTime) -> ScriptEntrySpec {
    let mut e = ScriptEntrySpec { at: format_duration(SimDuration(at.as_ms())), ..Default::default() };
    let target_spec = |t: &Target| match t {
        Target::Port(n) => TargetSpec { port: Some(n.clone()), group: None },
        Target::Group(n) => TargetSpec { port: None, group: Some(n.clone()) },
    };
    let selector = |s: &InstanceSelector| match s {
        InstanceSelector::All => SelectorSpec::All("all".to_string()),
        InstanceSelector::Port(p) => {
            SelectorSpec::Some(SelectorFieldsSpec { port: Some(p.clone()), ..Default::default() })
        }
        InstanceSelector::Group(g) => {
            SelectorSpec::Some(SelectorFieldsSpec { group: Some(g.clone()), ..Default::default() })
        }
        InstanceSelector::Message { message, port } => {
            SelectorSpec::Some(SelectorFieldsSpec { port: port.clone(), message: Some(message.clone()), group: None })
        }
    };
    match action {
        Action::Inject(inj) => {
            let (port, group) = match &inj.target {
                Some(Target::Port(n)) => (Some(n.clone()), None),
                Some(Target::Group(n)) => (None, Some(n.clone())),
                None => (None, None),
            };
            let body = InjectSpec {
                port,
                group,
                context: non_empty(&inj.context),
                count: (inj.count != 1).then_some(inj.count as i64),
                every: (inj.every.as_ms() != 0 && inj.count > 1).then(|| format_duration(inj.every)),
                id: inj.id.clone(),
            };
            if inj.target.is_some() {
                e.send = Some(body);
            } else {
                e.publish = Some(body);
            }
        }
        Action::Lifecycle { action, target } => {
            let t = Some(target_spec(target));
            match action {
                LifecycleAction::Enlist => e.enlist = t,
                LifecycleAction::Start => e.start = t,
                LifecycleAction::Stop => e.stop = t,
                LifecycleAction::Unenlist => e.unenlist = t,
            }
        }
        Action::Resume(s) => e.resume = Some(selector(s)),
        Action::Terminate(s) => e.terminate = Some(selector(s)),
    }
    e
}

fn non_empty(c: &Context) -> Option<Context> {
    (!c.is_empty()).then(|| c.clone())
}

/// The errors whose JSON Pointer is `prefix` or lies under it (`/sendPorts/0/primary` holds
/// `/sendPorts/0/primary/retryCount`), for showing an error next to its field.
pub fn errors_under<'a>(errors: &'a [ScenarioError], prefix: &str) -> Vec<&'a ScenarioError> {
    errors
        .iter()
        .filter(|e| e.path == prefix || e.path.strip_prefix(prefix).is_some_and(|rest| rest.starts_with('/')))
        .collect()
}

/// A simulation for the page: the trace recorded, and no instance view kept — the page derives
/// its rows from the engine's compact state on demand (`instance_rows`, `instance_info`), so a
/// 1,000,000-message run holds nothing per instance beyond the engine's own records.
/// Events per `run_chunk` call of a run to the end in one go (the JS API's `runToEnd`).
pub const RUN_CHUNK: u64 = 4_096;

/// At most `budget` events of a run to the end; true when finished (`run_to_end_budget`). ONE
/// function of the wasm that every run of the page goes through — Run to end, `runToEnd()` and the
/// idle warm-up (`ui::warm_up`) — and that is called again and again (issue 14 §3): V8 cannot
/// swap optimised code into a wasm call already running (no on-stack replacement), so a whole run
/// in one call would stay in its first-tier code; in chunks, the optimised code (compiled in the
/// background once the function is hot, or already by the warm-up) takes over at the next call.
#[inline(never)]
pub fn run_chunk(sim: &mut Simulation, budget: u64) -> bool {
    sim.run_to_end_budget(budget)
}

fn page_simulation(scenario: &Scenario) -> Simulation {
    let mut sim = Simulation::new(scenario);
    sim.set_inject_slice(crate::ui::state::INJECT_SLICE);
    sim
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::context::ContextValue;
    use crate::engine::model::Injection;

    fn session_with_ports(kinds: &[PortKind]) -> Session {
        let mut s = Session::empty();
        for k in kinds {
            if let Err(e) = s.create_port(*k) {
                panic!("create_port failed: {e:?}");
            }
        }
        s
    }

    fn publish(ctx: &[(&str, &str)]) -> Action {
        let mut context = Context::new();
        for (k, v) in ctx {
            context.insert(k.to_string(), ContextValue::Str(v.to_string()));
        }
        Action::Inject(Injection { target: None, context, count: 1, every: SimDuration::ZERO, id: None })
    }

    #[test]
    fn create_port_offers_four_kinds_with_fresh_names_and_undo_redo() {
        let mut s = session_with_ports(&PortKind::ALL);
        let names: Vec<&str> = s.spec().send_ports.iter().map(|p| p.name.as_str()).collect();
        assert_eq!(names, ["SendPort1", "SendPort2", "SendPort3", "SendPort4"]);
        let kinds: Vec<&str> = s.spec().send_ports.iter().map(|p| p.kind.as_str()).collect();
        assert_eq!(kinds, ["static-one-way", "static-solicit-response", "dynamic-one-way", "dynamic-solicit-response"]);
        assert!(s.spec().send_ports[2].primary.is_none(), "dynamic ports have no transport");
        assert!(s.undo());
        assert_eq!(s.spec().send_ports.len(), 3);
        assert!(s.redo());
        assert_eq!(s.spec().send_ports.len(), 4);
        assert!(!s.redo());
    }

    #[test]
    fn a_new_edit_clears_redo() {
        let mut s = session_with_ports(&[PortKind::StaticOneWay]);
        assert!(s.undo());
        assert!(s.can_redo());
        assert!(s.create_group().is_ok());
        assert!(!s.can_redo());
    }

    #[test]
    fn invalid_edit_changes_nothing() {
        let mut s = session_with_ports(&[PortKind::StaticOneWay]);
        let before = s.spec().clone();
        let mut port = before.send_ports[0].clone();
        if let Some(p) = port.primary.as_mut() {
            p.retry_count = Some(1001);
        }
        let result = s.put_port(Some(0), port);
        let Err(errors) = result else { panic!("retry count 1001 must be refused") };
        assert!(errors.iter().any(|e| e.path == "/sendPorts/0/primary/retryCount"), "{errors:?}");
        assert_eq!(s.spec(), &before);
        assert_eq!(errors_under(&errors, "/sendPorts/0/primary").len(), errors.len());
        assert!(errors_under(&errors, "/sendPorts/0/prim").is_empty());
    }

    #[test]
    fn rename_updates_group_members_and_script() {
        let mut s = session_with_ports(&[PortKind::StaticOneWay]);
        let Ok(group) = s.create_group() else { panic!("group") };
        let mut g = s.spec().send_port_groups[0].clone();
        g.members.push("SendPort1".into());
        assert!(s.put_group(Some(0), g).is_ok());
        assert!(s
            .perform(Action::Lifecycle { action: LifecycleAction::Enlist, target: Target::Port("SendPort1".into()) })
            .is_ok());
        let r = s.rename(&Target::Port("SendPort1".into()), "SP_Orders");
        assert!(r.is_ok(), "{r:?}");
        assert_eq!(s.spec().send_port_groups[0].members, ["SP_Orders"]);
        assert_eq!(s.spec().script[0].enlist.as_ref().and_then(|t| t.port.as_deref()), Some("SP_Orders"));
        assert_eq!(group, "SendPortGroup1");
    }

    #[test]
    fn delete_removes_members_and_script_references() {
        let mut s = session_with_ports(&[PortKind::StaticOneWay, PortKind::StaticOneWay]);
        assert!(s.create_group().is_ok());
        let mut g = s.spec().send_port_groups[0].clone();
        g.members = vec!["SendPort1".into(), "SendPort2".into()];
        assert!(s.put_group(Some(0), g.clone()).is_ok());
        let sp1 = Target::Port("SendPort1".into());
        assert!(s.perform(Action::Lifecycle { action: LifecycleAction::Enlist, target: sp1.clone() }).is_ok());
        assert!(s.perform(publish(&[("BTS.ReceivePortName", "RP")])).is_ok());
        // BizTalk refuses: enlisted, and a group member.
        assert_eq!(
            s.delete_blockers(&sp1),
            [DeleteBlocker::Enlisted(LifecycleState::Stopped), DeleteBlocker::InGroups(vec!["SendPortGroup1".into()])]
        );
        let before = s.spec().clone();
        assert!(s.delete(&sp1).is_err());
        assert_eq!(s.spec(), &before, "a refused delete changes nothing");
        assert!(s.perform(Action::Lifecycle { action: LifecycleAction::Unenlist, target: sp1.clone() }).is_ok());
        g.members = vec!["SendPort2".into()];
        assert!(s.put_group(Some(0), g).is_ok());
        assert!(s.delete_blockers(&sp1).is_empty());
        assert_eq!(s.delete_impact(&sp1), DeleteImpact { instances: 0, script_lines: 2 });
        let r = s.delete(&sp1);
        assert!(r.is_ok(), "{r:?}");
        assert_eq!(s.spec().send_ports.len(), 1);
        assert_eq!(s.spec().script.len(), 1, "the publish stays, the enlist/unenlist of the deleted port go");
        assert!(s.spec().script[0].publish.is_some());
        assert_eq!(s.undo_label(), Some(&Label::new("history.delete").with("name", "SendPort1")));
        assert!(s.undo());
        assert_eq!(s.spec().script.len(), 3, "one Undo brings the port back with its history");
        assert_eq!(s.spec().send_ports.len(), 2);
    }

    #[test]
    fn duplicate_inserts_a_copy_with_a_fresh_name() {
        let mut s = session_with_ports(&[PortKind::StaticOneWay, PortKind::DynamicOneWay]);
        let r = s.duplicate(&Target::Port("SendPort1".into()));
        assert_eq!(r.as_deref().ok(), Some("SendPort1 (2)"));
        let names: Vec<&str> = s.spec().send_ports.iter().map(|p| p.name.as_str()).collect();
        assert_eq!(names, ["SendPort1", "SendPort1 (2)", "SendPort2"]);
        assert_eq!(s.spec().send_ports[1].primary, s.spec().send_ports[0].primary);
    }

    #[test]
    fn interactive_actions_are_recorded_at_the_current_time() {
        let mut s = session_with_ports(&[PortKind::StaticOneWay]);
        assert!(s
            .perform(Action::Lifecycle { action: LifecycleAction::Enlist, target: Target::Port("SendPort1".into()) })
            .is_ok());
        s.run_until(SimTime(90_000));
        let now = s.now();
        assert!(s.perform(publish(&[("BTS.ReceivePortName", "RP")])).is_ok());
        let last = &s.spec().script[1];
        assert_eq!(last.at, format_duration(SimDuration(now.as_ms())));
        assert!(last.publish.is_some());
        assert_eq!(s.performed().len(), 2);
        // The exported JSON reloads into an equal document.
        let Ok(again) = Session::from_json(&s.to_json()) else { panic!("export must reload") };
        assert_eq!(again.spec(), s.spec());
    }

    #[test]
    fn model_edit_keeps_the_clock() {
        let mut s = session_with_ports(&[PortKind::StaticOneWay]);
        s.run_until(SimTime(60_000));
        let before = s.now();
        assert!(s.create_group().is_ok());
        assert_eq!(s.now(), before, "a model edit replays to the current time");
        s.reset_clock();
        assert_eq!(s.now(), SimTime::ZERO);
    }

    #[test]
    fn one_history_undoes_the_last_action_whatever_it_was() {
        // Issue 11 #3: edit group filter → publish → Undo removes the publish, not the filter.
        let mut s = session_with_ports(&[PortKind::StaticOneWay]);
        assert!(s.create_group().is_ok());
        let mut g = s.spec().send_port_groups[0].clone();
        g.filter = vec![vec![crate::engine::scenario::spec::ConditionSpec {
            property: "BTS.ReceivePortName".into(),
            operator: "==".into(),
            value: Some(ContextValue::Str("RP".into())),
        }]];
        assert!(s.put_group(Some(0), g).is_ok());
        s.run_until(SimTime(60_000));
        let mut ten_thousand = publish(&[("BTS.ReceivePortName", "RP")]);
        if let Action::Inject(i) = &mut ten_thousand {
            i.count = 10_000;
        }
        assert!(s.perform(ten_thousand).is_ok());
        assert_eq!(s.undo_label(), Some(&Label::new("history.publish_many").with("count", "10000")));
        assert!(s.undo());
        assert!(s.spec().script.is_empty(), "the publish is undone");
        assert!(!s.spec().send_port_groups[0].filter.is_empty(), "the filter stays");
        assert_eq!(s.now(), SimTime(60_000), "the clock stays");
        assert_eq!(s.sim().borrow().report().totals.messages, 0);
        assert_eq!(s.redo_label().map(|l| l.key), Some("history.publish_many"));
        assert!(s.redo());
        assert_eq!(s.sim().borrow().report().totals.messages, 10_000);
        assert_eq!(s.undo_label().map(|l| l.key), Some("history.publish_many"));
    }

    #[test]
    fn load_json_replaces_or_refuses() {
        let mut s = session_with_ports(&[PortKind::StaticOneWay]);
        let before = s.spec().clone();
        assert!(s.load_json("{ not json").is_err());
        assert!(s.load_json(r#"{"format":"portsim-scenario/9"}"#).is_err());
        assert_eq!(s.spec(), &before);
        assert!(s.load_json(r#"{"format":"portsim-scenario/1","name":"Other"}"#).is_ok());
        assert_eq!(s.spec().name, "Other");
        assert!(s.undo());
        assert_eq!(s.spec(), &before);
    }

    #[test]
    fn action_to_entry_covers_every_action() {
        let e = action_to_entry(&Action::Resume(InstanceSelector::All), SimTime(300_000));
        assert_eq!(e.at, "5m");
        assert_eq!(e.resume, Some(SelectorSpec::All("all".into())));
        let e = action_to_entry(
            &Action::Terminate(InstanceSelector::Message { message: "M3".into(), port: Some("SP".into()) }),
            SimTime::ZERO,
        );
        assert_eq!(e.at, "0s");
        assert_eq!(
            e.terminate,
            Some(SelectorSpec::Some(SelectorFieldsSpec {
                port: Some("SP".into()),
                message: Some("M3".into()),
                group: None
            }))
        );
        let burst = Action::Inject(Injection {
            target: Some(Target::Group("G".into())),
            context: Context::new(),
            count: 10,
            every: SimDuration::from_seconds(1),
            id: None,
        });
        let e = action_to_entry(&burst, SimTime::ZERO);
        let send = e.send.unwrap_or_default();
        assert_eq!((send.group.as_deref(), send.count, send.every.as_deref()), (Some("G"), Some(10), Some("1s")));
        assert!(e.publish.is_none());
    }

    const RETRYING: &str = r#"{
      "format": "portsim-scenario/1", "name": "Replay", "seed": 7, "until": "2h",
      "sendPorts": [{ "name": "SP_A", "kind": "static-one-way", "state": "started",
        "filter": [[{ "property": "BTS.ReceivePortName", "operator": "==", "value": "RP" }]],
        "primary": { "transport": "FILE", "address": "C:\\out", "retryCount": 3, "retryInterval": "5m" } }],
      "endpoints": [{ "address": "C:\\out", "latency": "1s", "failures": [{ "kind": "firstAttempts", "count": 2 }] }],
      "script": [{ "at": "0s", "publish": { "context": { "BTS.ReceivePortName": "RP" }, "count": 2, "every": "1m" } }]
    }"#;

    fn live_session() -> Session {
        let Ok(mut s) = Session::from_json(RETRYING) else { panic!("fixture must load") };
        s.run_until(SimTime(7 * 60_000));
        assert!(s.perform(publish(&[("BTS.ReceivePortName", "RP")])).is_ok());
        assert!(s
            .perform(Action::Lifecycle { action: LifecycleAction::Stop, target: Target::Port("SP_A".into()) })
            .is_ok());
        s.run_until(SimTime(9 * 60_000));
        assert!(s
            .perform(Action::Lifecycle { action: LifecycleAction::Start, target: Target::Port("SP_A".into()) })
            .is_ok());
        s.run_until(SimTime(20 * 60_000));
        s
    }

    #[test]
    fn a_model_edit_replays_exactly_what_happened() {
        let mut s = live_session();
        let before = s.sim().borrow().report();
        assert!(before.totals.messages >= 3, "{:?}", before.totals);
        assert!(s.create_group().is_ok());
        let after = s.sim().borrow().report();
        assert_eq!(after.instances, before.instances);
        assert_eq!(after.totals, before.totals);
        assert_eq!(s.now(), SimTime(20 * 60_000));
    }

    #[test]
    fn the_exported_scenario_reproduces_the_live_run() {
        let s = live_session();
        let live = s.sim().borrow().report().to_json();
        let Ok(mut again) = Session::from_json(&s.to_json()) else { panic!("export must reload") };
        again.run_until(SimTime(20 * 60_000));
        assert_eq!(again.sim().borrow().report().to_json(), live);
    }

    #[test]
    fn an_action_the_format_cannot_record_is_refused_whole() {
        let mut s = session_with_ports(&[PortKind::StaticOneWay]);
        let before = s.spec().clone();
        let bad = Action::Inject(Injection {
            target: Some(Target::Port("NoSuchPort".into())),
            context: Context::new(),
            count: 1,
            every: SimDuration::ZERO,
            id: None,
        });
        let Err(errors) = s.perform(bad) else { panic!("an unknown port must be refused") };
        assert!(errors.iter().any(|e| e.path.starts_with("/script/0")), "{errors:?}");
        assert_eq!(s.spec(), &before);
        assert!(s.performed().is_empty());
    }

    #[test]
    fn undo_across_a_whole_document_replacement_restores_it_verbatim() {
        // notes/ui-bugs.md #1: the replaced document's own script must come back.
        let Ok(mut s) = Session::from_json(RETRYING) else { panic!("fixture must load") };
        s.run_until(SimTime(60_000));
        let original = s.spec().clone();
        assert!(!original.script.is_empty());
        assert!(s.load_json(r#"{"format":"portsim-scenario/1","name":"Other"}"#).is_ok());
        assert!(s.undo());
        assert_eq!(s.spec(), &original, "script included");
        assert_eq!(s.now(), SimTime(60_000), "at its own time");
        assert!(s.redo());
        assert_eq!(s.spec().name, "Other");
        assert!(s.undo());
        s.new_document();
        assert!(s.spec().send_ports.is_empty());
        assert!(s.undo());
        assert_eq!(s.spec(), &original);
    }

    #[test]
    fn the_operations_timeline_adds_moves_edits_and_removes_lines_in_time_order() {
        let Ok(mut s) = Session::from_json(RETRYING) else { panic!("fixture must load") };
        let stop = ScriptEntrySpec {
            at: "10m".into(),
            stop: Some(TargetSpec { port: Some("SP_A".into()), group: None }),
            ..Default::default()
        };
        assert!(s.add_line(stop.clone()).is_ok());
        let start = ScriptEntrySpec {
            at: "3m".into(),
            start: Some(TargetSpec { port: Some("SP_A".into()), group: None }),
            ..Default::default()
        };
        assert!(s.add_line(start).is_ok());
        let ats: Vec<&str> = s.spec().script.iter().map(|e| e.at.as_str()).collect();
        assert_eq!(ats, ["0s", "3m", "10m"], "kept in time order");
        assert_eq!(s.undo_label().map(|l| l.key), Some("history.line_add"));
        // Move the stop to 1m: it comes before the start.
        let mut moved = stop;
        moved.at = "1m".into();
        assert!(s.put_line(2, moved).is_ok());
        assert_eq!(s.undo_label().map(|l| l.key), Some("history.line_move"));
        assert!(s.spec().script[1].stop.is_some());
        // An invalid edit (unknown port) is refused whole.
        let mut bad = s.spec().script[1].clone();
        bad.stop = Some(TargetSpec { port: Some("Nope".into()), group: None });
        let before = s.spec().clone();
        assert!(s.put_line(1, bad).is_err());
        assert_eq!(s.spec(), &before);
        assert!(s.remove_line(1).is_ok());
        assert_eq!(s.spec().script.len(), 2);
        assert_eq!(s.undo_label().map(|l| l.key), Some("history.line_remove"));
        assert!(s.undo());
        assert_eq!(s.spec(), &before, "Undo covers the timeline");
        s.run_to_end();
        let live = s.sim().borrow().report().to_json();
        let Ok(mut again) = Session::from_json(&s.to_json()) else { panic!("export must reload") };
        again.run_to_end();
        assert_eq!(again.sim().borrow().report().to_json(), live);
    }

    #[test]
    fn fresh_names() {
        assert_eq!(fresh_name("A", |n| n == "A" || n == "A (2)"), "A (3)");
        assert_eq!(fresh_name("B", |_| false), "B");
    }
}
