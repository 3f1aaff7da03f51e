//! `Simulation`: the discrete-event engine that runs a validated `Scenario`.
//!
//! PUBLIC API CONTRACT (the UI, CLI, JS API and tests use exactly these items; internals are free).
//!
//! # How it runs
//! * One closed `Event` enum and one `step()`: the queue (`queue.rs`) orders by
//!   `(time, lane, seq)` — simultaneous events first-in-first-out, script actions first (in file
//!   order), transport dispatches last and by §10 priority (see `event.rs`).
//! * Ports, groups (`lifecycle.rs`) and instances (`instance.rs`) are state machines that return
//!   commands into an `Out` collector (`command.rs`); only `Simulation` applies them, in order.
//! * Timers are keyed by the instance's key; a transition that abandons a wait bumps the key and
//!   the late timer is dropped with a `stale-timer` trace line.
//!   Stop cancels no timer (§2 DECISION: instances already in process continue) and Unenlist
//!   cannot meet a live instance (G3), so keys are bumped by suspend, terminate and resume.
//! * Randomness: `rng.rs` SplitMix64 seeded with `scenario.seed`, drawn only by endpoints with a
//!   `random` failure rule, at the start of each attempt.
//!
//! # Example
//! ```
//! use portsim::engine::{load_scenario, Simulation};
//! let scenario = load_scenario(r#"{"format":"portsim-scenario/1",
//!   "sendPorts":[{"name":"SP","kind":"static-one-way","state":"stopped",
//!                 "primary":{"transport":"FILE","address":"file://out"}}],
//!   "script":[{"at":"0s","send":{"port":"SP"}},{"at":"1m","start":{"port":"SP"}}]}"#)
//!     .map_err(|e| e.to_string())?;
//! let mut sim = Simulation::new(&scenario);
//! sim.run_until(portsim::engine::time::SimTime(30_000));
//! assert_eq!(sim.report().instances[0].reason.map(|r| r.code()), Some("send-port-stopped")); // rule C2
//! sim.run_to_end();
//! assert_eq!(sim.report().instances[0].status, "completed"); // §4 auto-resume on Start
//! assert!(sim.explain(1).iter().any(|step| step.rule == "C2"));
//! # Ok::<(), String>(())
//! ```
//!
//! # Clock and end
//! `step()` processes one event (time ≤ `until`) and moves the clock to it. When nothing is left
//! at or before `until`, the simulation is finished: the clock stays at the last event if the
//! queue is empty, or moves to `until` if later events remain, and one `end` trace line is written.
//! `apply()` acts at the current time, immediately (a message's later copies are queued).
//!
//! # Decisions documented here
//! * §3/C4–C5: port Stopped is evaluated before group Stopped (`message_box.rs`).
//! * §5 Terminate acts on every non-final instance the selector matches (SEMANTICS §5 "Terminate
//!   from any"); Resume only on Suspended (resumable) ones. `resume "all"` / `{message}` also
//!   re-publishes the receive-side copy of routing failures (§3); `terminate` deletes their report.
//! * §6 failed message routing: when the error message `Mx.failed` (ErrorReport.* properties) finds
//!   a subscriber, nothing is suspended: the send instance ends `completed` with reason
//!   `failed-message-routed` (SCENARIO.md, report `reason`).
//! * §9: an unroutable response suspends the send instance (resumable) with reason
//!   `response-not-routed` — the transmission succeeded, a Resume re-transmits the request — plus a
//!   routing failure with `response: true` (SCENARIO.md, report `reason`).
//! * §8: the port's service window governs the primary transport; the scenario format has no
//!   backup window, so backup attempts are not window-bound.
//! * Derived messages (responses, failed messages) deeper than 8 generations are not routed (a
//!   loop guard for a solicit-response port that subscribes to its own responses): routing failure.

mod admin;
mod budget;
#[cfg(not(target_arch = "wasm32"))]
mod capacity;
mod inject_slice;
mod instance_parts;
mod instance_rows;
mod limit_guard;
mod live_view;
mod message_parts;
mod message_view;
mod port_totals;
mod report_build;
mod routing;
mod trace_text;
mod trace_words;
mod transmission;

pub use instance_rows::InstanceRow;
pub use report_build::InstanceReports;
pub use trace_text::{TraceIter, TraceView};
pub use trace_words::LineWords;

use super::command::{Command, Out};
use super::context::Context;
use super::dynamic::DynamicTransport;
use super::endpoint::EndpointRt;
use super::event::{dispatch_lane, Event, LANE_CONTROL};
use super::instance::{Inst, Wait, NONE};
use super::limits::{LimitReport, Limits};
use super::limits::{ADMIN_LINE_BYTES, FACT_BYTES, TRACE_RECORD_BYTES};
use super::message::{Address, DerivedMsg, Msg};
use super::message_box::{Candidate, NO_GROUP};
use super::model::{Action, Injection, LifecycleAction, LifecycleState, Scenario, Target};
use super::note::{FactArena, Note, SuspendCause};
use super::queue::EventQueue;
use super::report::RejectedActionReport;
use super::rng::SplitMix64;
use super::send_port::PortRt;
use super::send_port_group::GroupRt;
use super::time::SimTime;
use super::trace::{AdminLine, EndReason, TraceRecord, TraceSlot};
use super::trace_store::TraceStore;
use std::cell::OnceCell;
use std::collections::BTreeMap;
use std::sync::Arc;

// The public API contract names these types through `engine::simulation` (UI, CLI, tests).
pub use super::lifecycle::Refusal;
pub use super::outcome::{InstanceId, InstanceStatus, SuspendReason, TransportSlot};
pub use super::view::{
    ActionAvailability, Attempt, ExplanationStep, InstanceInfo, PortCounts, PortTotals, RoutingFailure, TimelineMark,
};

/// What a successful Start applied to (by index), for the §4 auto-resume.
#[derive(Clone, Copy)]
enum Started {
    Port(u32),
    Group(u32),
}

/// Derived messages deeper than this are not routed (loop guard, see module doc).
const MAX_DERIVED_DEPTH: u8 = 8;

/// Whether `keep_instances_current` keeps the `instances()` view current step by step: natively
/// (the tests compare it with the on-demand view), not in the browser, where no page asks for it
/// and its incremental code (`live_view.rs`) would only grow every wasm.
const LIVE_VIEW: bool = cfg!(not(target_arch = "wasm32"));

/// An injection: a script `publish`/`send` entry or one the UI applied.
#[derive(Debug, Clone)]
pub(super) struct Source {
    pub(super) injection: Injection,
    pub(super) address: Address,
    pub(super) first_at: SimTime,
    pub(super) seq: u64,
    /// The context every copy carries (`message_parts.rs`).
    pub(super) context: Context,
    /// The copies' explicit name: the script's `id` of a single message (`count` 1).
    pub(super) name: Option<Arc<str>>,
    /// §3 filter matches for this context (filters are static, so they are computed once).
    pub(super) candidates: Option<Vec<Candidate>>,
    /// The candidates whose subscriptions were live (C6) when `live_epoch` was the simulation's
    /// `state_epoch`: while no port or group changed state since, the next copy routes the same.
    /// Native builds only (the page's engine is size-tuned, issue 14).
    #[cfg(not(target_arch = "wasm32"))]
    pub(super) live: Vec<Candidate>,
    #[cfg(not(target_arch = "wasm32"))]
    pub(super) live_epoch: u64,
}

/// A dynamic port's transport resolved for one instance (§1).
#[derive(Debug, Clone)]
pub(super) struct DynRt {
    pub(super) transport: DynamicTransport,
    pub(super) endpoint: Option<u32>,
}

/// The parts of a routing failure the public `RoutingFailure` does not show.
#[derive(Debug, Clone, Copy)]
pub(super) struct RfMeta {
    pub(super) msg: u32,
    /// §3 DECISION: the receive-side copy, Suspended (resumable), re-published on resume.
    pub(super) receive_copy: bool,
}

/// The running model.
pub struct Simulation {
    pub(super) scenario: Scenario,
    pub(super) now: SimTime,
    pub(super) queue: EventQueue,
    pub(super) script_seq0: u64,
    pub(super) rng: SplitMix64,
    pub(super) ports: Vec<PortRt>,
    pub(super) groups: Vec<GroupRt>,
    /// Lifecycle state changes of ports and groups so far (bumped before each `set_state`).
    pub(super) state_epoch: u64,
    pub(super) port_index: BTreeMap<String, u32>,
    pub(super) group_index: BTreeMap<String, u32>,
    pub(super) endpoints: Vec<EndpointRt>,
    pub(super) endpoint_index: BTreeMap<String, u32>,
    pub(super) sources: Vec<Source>,
    pub(super) msgs: Vec<Msg>,
    /// Names and contexts of the messages the engine derived (§6, §9), by `Msg::source`.
    pub(super) derived: Vec<DerivedMsg>,
    pub(super) injected: u32,
    pub(super) insts: Vec<Inst>,
    pub(super) facts: FactArena,
    pub(super) dyns: Vec<DynRt>,
    /// Per instance of a dynamic port, its index in `dyns` (`instance_parts.rs`; empty when the
    /// scenario resolves none).
    pub(super) inst_dyn: Vec<u32>,
    pub(super) routing_failures: Vec<RoutingFailure>,
    pub(super) rf_meta: Vec<RfMeta>,
    pub(super) rejected: Vec<RejectedActionReport>,
    /// The compact trace: one `TraceSlot` per line, stored as runs of ids (`trace_store.rs`,
    /// ≈ 0.75 byte a line) and rendered on demand (`trace_text.rs`); the rare kinds of line are
    /// kept whole in `trace_rare`.
    pub(super) trace: TraceStore,
    pub(super) trace_rare: Vec<TraceRecord>,
    /// Lifecycle steps and refused actions named by `TraceRecord::Admin` (rare, kept whole).
    pub(super) admin_lines: Vec<AdminLine>,
    pub(super) recording: bool,
    /// Test aid: each line's text rendered at the moment it is recorded (what the engine stored
    /// before the compact trace), compared with the on-demand rendering by a property.
    reference_lines: Option<Vec<String>>,
    /// Events processed so far (the benchmark reports it).
    pub(super) events: u64,
    /// The bytes of the memory estimate's appended records (`limit_guard.rs`).
    pub(super) mem_records: u64,
    /// Work limits (issue 9 §4, `limit_guard.rs`) and the one that stopped the run, if any.
    pub(super) limits: Limits,
    pub(super) limit_hit: Option<LimitReport>,
    out: Out,
    /// Test aid (with `reference_lines`): the text of each queued `Command::Trace`, in order.
    pending_texts: Vec<String>,
    scratch: Vec<Candidate>,
    /// `instances()` kept current step by step (`keep_instances_current`); otherwise built on
    /// demand. Read through `live()`, which is false in the browser builds (`LIVE_VIEW`).
    live_view: bool,
    view: Vec<InstanceInfo>,
    /// Per view entry: the last fact it includes (`live_view.rs`, incremental refresh).
    view_fact: Vec<u32>,
    dirty: Vec<u32>,
    lazy_view: OnceCell<Vec<InstanceInfo>>,
    pub(super) end_emitted: bool,
    /// The instant of the last processed event that was not a script line (see `replay_point.rs`).
    pub(super) last_engine_event_at: Option<SimTime>,
    /// Large injections in slices (`inject_slice.rs`): copies per step, copies left in this step,
    /// and the (source, next copy) of an injection not finished yet.
    pub(super) inject_slice: u32,
    pub(super) inject_left: u32,
    pub(super) pending_inject: Option<(u32, u32)>,
}

impl Simulation {
    /// Builds the simulation at time 0 with the script's actions queued. Cannot fail.
    pub fn new(scenario: &Scenario) -> Simulation {
        let scenario = scenario.clone();
        let mut endpoint_index = BTreeMap::new();
        let mut endpoints = Vec::new();
        for e in &scenario.endpoints {
            if !endpoint_index.contains_key(&e.address) {
                endpoint_index.insert(e.address.clone(), endpoints.len() as u32);
                endpoints.push(EndpointRt::new(e));
            }
        }
        let mut port_index = BTreeMap::new();
        let mut ports = Vec::new();
        for (i, p) in scenario.ports.iter().enumerate() {
            port_index.entry(p.name.clone()).or_insert(i as u32);
            let mut rt = PortRt::new(p);
            rt.primary_endpoint = p.primary.as_ref().and_then(|t| endpoint_index.get(&t.address).copied());
            rt.backup_endpoint = p.backup.as_ref().and_then(|t| endpoint_index.get(&t.address).copied());
            ports.push(rt);
        }
        let mut group_index = BTreeMap::new();
        let mut groups = Vec::new();
        for (g, cfg) in scenario.groups.iter().enumerate() {
            group_index.entry(cfg.name.clone()).or_insert(g as u32);
            // Rule G4: only static one-way ports can be members (validation already refuses
            // others; the engine ignores them rather than trusting its input).
            let members: Vec<u32> = cfg
                .members
                .iter()
                .filter_map(|m| port_index.get(m).copied())
                .filter(|&m| scenario.ports[m as usize].kind.can_join_group())
                .collect();
            for &m in &members {
                ports[m as usize].groups.push(g as u32);
            }
            groups.push(GroupRt::new(cfg, members));
        }
        let mut sim = Simulation {
            rng: SplitMix64::new(scenario.seed),
            now: SimTime::ZERO,
            queue: EventQueue::new(),
            script_seq0: 0,
            ports,
            groups,
            state_epoch: 0,
            port_index,
            group_index,
            endpoints,
            endpoint_index,
            sources: Vec::new(),
            msgs: Vec::new(),
            derived: Vec::new(),
            injected: 0,
            insts: Vec::new(),
            facts: FactArena::default(),
            dyns: Vec::new(),
            inst_dyn: Vec::new(),
            routing_failures: Vec::new(),
            rf_meta: Vec::new(),
            rejected: Vec::new(),
            trace: TraceStore::default(),
            trace_rare: Vec::new(),
            admin_lines: Vec::new(),
            recording: true,
            reference_lines: None,
            events: 0,
            mem_records: 0,
            limits: scenario.limits,
            limit_hit: None,
            out: Out::default(),
            pending_texts: Vec::new(),
            live_view: false,
            scratch: Vec::new(),
            view: Vec::new(),
            view_fact: Vec::new(),
            dirty: Vec::new(),
            lazy_view: OnceCell::new(),
            end_emitted: false,
            last_engine_event_at: None,
            inject_slice: u32::MAX,
            inject_left: u32::MAX,
            pending_inject: None,
            scenario,
        };
        #[cfg(not(target_arch = "wasm32"))]
        sim.reserve_for_script();
        // Script entries keep their file order at equal times: their sequence numbers are reserved
        // up front (copies of a `count` injection reuse their entry's number, see `event.rs`).
        sim.script_seq0 = sim.queue.reserve_seqs(sim.scenario.script.len() as u64);
        for i in 0..sim.scenario.script.len() {
            let entry = sim.scenario.script[i].clone();
            let seq = sim.script_seq0 + i as u64;
            let event = match entry.action {
                Action::Inject(inj) => {
                    let source = sim.add_source(inj, entry.at, seq);
                    Event::Inject { source, copy: 0 }
                }
                _ => Event::Script { entry: i as u32 },
            };
            sim.queue.push_with_seq(entry.at, LANE_CONTROL, seq, event);
        }
        sim
    }

    /// Turns trace recording on or off (default on; the CLI records only with `--trace`). With
    /// recording off no trace record is kept; reports, explanations and timelines stay complete
    /// (property `report_with_and_without_trace_recording_is_identical`).
    pub fn set_trace_recording(&mut self, on: bool) {
        self.recording = on;
    }
    /// Keeps `instances()` current after every step, updating only the instances that changed.
    /// Off by default: `instances()` is then built on demand, so a run that never asks holds no
    /// per-instance text. Either way `instances()` answers the same (`tests/it/engine_modes.rs`).
    /// No page asks for it any more, so in the browser builds this is a no-op (`LIVE_VIEW`): the
    /// view is always built on demand there, and the incremental code stays out of every wasm
    /// (issue 14 §1: −1.2 kB gzip in the light embed).
    pub fn keep_instances_current(&mut self, on: bool) {
        let on = on && LIVE_VIEW;
        if on && !self.live_view {
            self.view = (0..self.insts.len() as u32).map(|i| self.info_of(i)).collect();
            self.view_fact = self.insts.iter().map(|i| i.last_fact).collect();
            for i in &mut self.insts {
                i.dirty = false;
            }
            self.dirty.clear();
        }
        if !on {
            self.view = Vec::new();
            self.dirty.clear();
        }
        self.live_view = on;
        self.lazy_view = OnceCell::new();
    }
    /// Test aid for the property `compact_trace_renders_exactly_the_old_text`: from now on, also
    /// render each trace line at the moment it is recorded (as the engine did before the compact
    /// trace) into `reference_trace()`.
    pub fn set_reference_rendering(&mut self, on: bool) {
        self.reference_lines = on.then(Vec::new);
    }
    /// The lines rendered at recording time since `set_reference_rendering(true)`.
    pub fn reference_trace(&self) -> &[String] {
        self.reference_lines.as_deref().unwrap_or(&[])
    }
    pub fn scenario(&self) -> &Scenario {
        &self.scenario
    }
    /// The current virtual time.
    pub fn now(&self) -> SimTime {
        self.now
    }
    /// The time of the next queued event, if any (and not past `until`); `None` once a work limit
    /// stopped the run.
    pub fn next_event_time(&self) -> Option<SimTime> {
        if self.limit_hit.is_some() {
            return None;
        }
        if self.pending_inject.is_some() {
            return Some(self.now);
        }
        self.queue.peek_time().filter(|t| *t <= self.scenario.until)
    }
    /// True when nothing is left to happen or `until` is reached.
    pub fn is_finished(&self) -> bool {
        self.next_event_time().is_none()
    }
    /// Processes the next event (all trace it produces is appended). Returns false when finished.
    pub fn step(&mut self) -> bool {
        let progressed = self.step_inner();
        self.refresh_view();
        progressed
    }
    /// Processes every event with time ≤ `t` (capped at `until`), then sets the clock to `t`.
    pub fn run_until(&mut self, t: SimTime) {
        let t = t.min(self.scenario.until);
        while self.next_event_time().is_some_and(|n| n <= t) {
            self.step_inner();
        }
        if self.limit_hit.is_some() {
            self.refresh_view();
            return;
        }
        self.now = self.now.max(t);
        if self.now >= self.scenario.until {
            self.finish();
        }
        self.refresh_view();
    }
    /// Runs until nothing is left to happen or `until` is reached.
    pub fn run_to_end(&mut self) {
        while self.step_inner() {}
        self.refresh_view();
    }
    /// Applies an action now, as if the script had it at the current time (UI buttons, JS API).
    /// It is exactly that only at a script point (`replay_point.rs`): the UI's `Session` checks
    /// `applies_like_script` first and otherwise replays the recorded script instead.
    pub fn apply(&mut self, action: Action) {
        // An injection still in slices comes first, as in a replay (its line is earlier).
        self.finish_pending_inject();
        self.inject_left = self.inject_slice;
        self.end_emitted = false;
        // It counts as the event its script line is in a replay, and the work limits are checked
        // after it as after that event (R1/R2, issue 9 §4): a live session and its replay stop at
        // the same event with the same end line.
        self.events += 1;
        match action {
            Action::Inject(inj) => {
                let seq = self.queue.reserve_seqs(1);
                let source = self.add_source(inj, self.now, seq);
                self.inject_copies(source, 0);
            }
            other => self.do_action(&other),
        }
        self.drain();
        if self.over_limit() {
            self.finish();
        }
        self.refresh_view();
    }
    /// All instances in creation order.
    pub fn instances(&self) -> &[InstanceInfo] {
        if self.live() {
            &self.view
        } else {
            self.lazy_view.get_or_init(|| (0..self.insts.len() as u32).map(|i| self.info_of(i)).collect())
        }
    }
    pub fn instance(&self, id: InstanceId) -> Option<&InstanceInfo> {
        let idx = usize::try_from(id.checked_sub(1)?).ok()?;
        self.instances().get(idx)
    }
    pub fn routing_failures(&self) -> &[RoutingFailure] {
        &self.routing_failures
    }
    pub fn port_state(&self, name: &str) -> Option<LifecycleState> {
        self.port_index.get(name).map(|&p| self.ports[p as usize].state)
    }
    pub fn group_state(&self, name: &str) -> Option<LifecycleState> {
        self.group_index.get(name).map(|&g| self.groups[g as usize].state)
    }
    /// Counts for the topology picture: `in_retry` = Scheduled waiting for a retry; `active` =
    /// Active plus Scheduled for a service window or behind an ordered head.
    pub fn port_counts(&self, name: &str) -> PortCounts {
        let mut c = PortCounts::default();
        let Some(&p) = self.port_index.get(name) else { return c };
        for i in self.insts.iter().filter(|i| i.port == p) {
            match i.status {
                InstanceStatus::Completed => c.completed += 1,
                InstanceStatus::SuspendedResumable | InstanceStatus::SuspendedNotResumable => c.suspended += 1,
                InstanceStatus::Scheduled if i.wait == Wait::Retry => c.in_retry += 1,
                InstanceStatus::Active | InstanceStatus::Scheduled => c.active += 1,
                InstanceStatus::Terminated => {}
            }
        }
        c
    }
    /// For each of Enlist/Start/Stop/Unenlist: available, or why not (L1–L4, G1–G3).
    pub fn available_actions(&self, target: &Target) -> Vec<ActionAvailability> {
        LifecycleAction::ALL
            .into_iter()
            .map(|action| ActionAvailability { action, refusal: self.decide(action, target).err() })
            .collect()
    }
    /// The chain of facts that produced this instance's current status, each citing its rule.
    pub fn explain(&self, id: InstanceId) -> Vec<ExplanationStep> {
        match id.checked_sub(1).and_then(|i| u32::try_from(i).ok()).filter(|&i| (i as usize) < self.insts.len()) {
            Some(i) => self.explain_instance(i),
            None => Vec::new(),
        }
    }
    /// Events processed so far (benchmark).
    pub fn events_processed(&self) -> u64 {
        self.events
    }
    /// Events waiting in the queue (benchmark).
    pub fn pending_events(&self) -> usize {
        self.queue.len()
    }
    /// Approximate bytes held by the engine's own state (instances, facts, messages, queue;
    /// capacity-based, excluding the scenario, the trace and the `instances()` view).
    pub fn state_bytes(&self) -> usize {
        use std::mem::size_of;
        self.insts.capacity() * size_of::<Inst>()
            + self.facts.capacity_bytes()
            + self.msgs.capacity() * size_of::<Msg>()
            + self.queue.len() * EventQueue::entry_size()
            + self.dyns.capacity() * size_of::<DynRt>()
    }
    /// Facts recorded so far (each instance keeps a few).
    pub fn fact_count(&self) -> usize {
        self.facts.len()
    }
    /// Bytes of compact engine state per instance (benchmark): the instance record itself.
    pub fn instance_state_size() -> usize {
        std::mem::size_of::<Inst>()
    }
    /// Bytes of one timeline fact, its instance included (every instance keeps a few).
    pub fn fact_size() -> usize {
        FactArena::record_size()
    }
    /// Bytes of one queued event entry.
    pub fn queue_entry_size() -> usize {
        EventQueue::entry_size()
    }

    // ----- internals -------------------------------------------------------------------------

    /// One event, without refreshing the `instances()` view (the public callers do that once).
    fn step_inner(&mut self) -> bool {
        self.inject_left = self.inject_slice;
        if let Some((source, copy)) = self.pending_inject.take() {
            // The next slice of an injection (part of the event that started it: not counted).
            if self.limit_hit.is_none() {
                self.inject_copies(source, copy);
                self.drain();
                if (self.queue.is_empty() && self.pending_inject.is_none()) || self.over_limit() {
                    self.finish();
                }
                return true;
            }
        }
        let due = if self.limit_hit.is_some() { None } else { self.queue.pop_due(self.scenario.until) };
        let Some((t, event)) = due else {
            self.finish();
            return false;
        };
        self.now = self.now.max(t);
        self.events += 1;
        if !self.is_script_event(&event) {
            self.last_engine_event_at = Some(t);
        }
        self.handle(event);
        self.drain();
        // Finished when nothing is left, or when the clock stands at `until` with nothing more due
        // by then: the end line comes with that last event, as `run_until(until)` writes it, so a
        // session stepped to `until` and its replay to the same clock have the same trace (R1/R2).
        let done_at_until = self.now >= self.scenario.until && self.next_event_time().is_none();
        if (self.queue.is_empty() && self.pending_inject.is_none()) || done_at_until || self.over_limit() {
            self.finish();
        }
        true
    }

    fn add_source(&mut self, injection: Injection, first_at: SimTime, seq: u64) -> u32 {
        let address = match &injection.target {
            None => Address::Publish,
            Some(Target::Port(n)) => Address::Port(self.port_index.get(n).copied().unwrap_or(NONE)),
            Some(Target::Group(n)) => Address::Group(self.group_index.get(n).copied().unwrap_or(NONE)),
        };
        let context = injection.context.clone();
        let name = if injection.count == 1 { injection.id.as_deref().map(Arc::from) } else { None };
        self.sources.push(Source {
            injection,
            address,
            first_at,
            seq,
            context,
            name,
            candidates: None,
            #[cfg(not(target_arch = "wasm32"))]
            live: Vec::new(),
            #[cfg(not(target_arch = "wasm32"))]
            live_epoch: u64::MAX,
        });
        self.sources.len() as u32 - 1
    }

    fn handle(&mut self, event: Event) {
        match event {
            Event::Script { entry } => {
                if let Some(e) = self.scenario.script.get(entry as usize) {
                    let action = e.action.clone();
                    self.do_action(&action);
                }
            }
            Event::Inject { source, copy } => self.inject_copies(source, copy),
            Event::Dispatch { inst, key } => self.on_dispatch(inst, key),
            Event::AttemptEnd { inst, key } => self.on_attempt_end(inst, key),
        }
    }

    /// Applies the collected commands in order (commands may add more).
    fn drain(&mut self) {
        let mut i = 0;
        let mut texts = 0;
        while i < self.out.cmds.len() {
            let cmd = self.out.cmds[i];
            i += 1;
            match cmd {
                Command::Schedule { at, lane, event } => {
                    self.queue.push(at, lane, event);
                }
                Command::Note { inst, note } => self.record(inst, note),
                Command::Delivered { inst } => self.on_delivered(inst),
                Command::Exhausted { inst } => self.fail_final(inst, SuspendCause::RetriesExhausted),
                Command::Trace { slot } => {
                    self.trace.push(slot);
                    if let Some(lines) = self.reference_lines.as_mut() {
                        lines.push(std::mem::take(&mut self.pending_texts[texts]));
                        texts += 1;
                    }
                }
            }
        }
        self.out.cmds.clear();
        self.pending_texts.clear();
    }

    /// Records an instance note: a timeline fact and (when recording) a trace record.
    #[cfg_attr(not(target_arch = "wasm32"), inline)]
    fn record(&mut self, inst: u32, note: Note) {
        let fact = self.facts.len() as u32;
        let i = &mut self.insts[inst as usize];
        let prev = i.last_fact;
        // The suspension text names the transport the instance is on when the note is recorded.
        let note = match note {
            Note::Suspended { reason, cause, .. } => Note::Suspended { reason, cause, slot: i.slot },
            other => other,
        };
        if i.first_fact == NONE {
            i.first_fact = fact;
        }
        i.last_fact = fact;
        let port = i.port as usize;
        if let Note::AttemptStart { .. } = note {
            self.ports[port].attempts += 1;
        }
        // The fact names its instance (its trace line is rendered from it, `trace_text.rs`).
        self.facts.push(self.now, prev, inst, note);
        self.count_bytes(FACT_BYTES);
        if self.recording {
            self.trace.push(TraceSlot::Fact(fact));
            if self.reference_lines.is_some() {
                self.reference_line(TraceRecord::Fact { inst, fact });
            }
        }
        if self.live() {
            let i = &mut self.insts[inst as usize];
            if !i.dirty {
                i.dirty = true;
                self.dirty.push(inst);
            }
        } else if self.lazy_view.get().is_some() {
            self.lazy_view = OnceCell::new();
        }
    }

    /// Test aid (`set_reference_rendering`): the line's text rendered now, kept in order.
    #[cfg_attr(not(target_arch = "wasm32"), cold, inline(never))]
    fn reference_line(&mut self, record: TraceRecord) {
        let text = self.render(record).to_string();
        if let Some(lines) = self.reference_lines.as_mut() {
            lines.push(text);
        }
    }

    /// The 8-byte slot that stores a trace record (see `TraceSlot`: the kept times are the
    /// record's); a rare record goes to the side table now (its order there does not matter).
    #[cfg_attr(not(target_arch = "wasm32"), inline)]
    fn slot_of(&mut self, record: TraceRecord) -> TraceSlot {
        match record {
            TraceRecord::Fact { fact, .. } => TraceSlot::Fact(fact),
            TraceRecord::Inject { msg, .. } => TraceSlot::Inject(msg),
            TraceRecord::Route { inst, .. } => TraceSlot::Route(inst),
            other => self.rare_slot(other),
        }
    }

    #[cfg_attr(not(target_arch = "wasm32"), cold, inline(never))]
    fn rare_slot(&mut self, record: TraceRecord) -> TraceSlot {
        self.trace_rare.push(record);
        self.count_bytes(TRACE_RECORD_BYTES);
        TraceSlot::Rare(self.trace_rare.len() as u32 - 1)
    }

    /// Queues a non-instance trace record so it keeps its place among the instance notes.
    #[cfg_attr(not(target_arch = "wasm32"), inline)]
    fn line(&mut self, record: TraceRecord) {
        if self.reference_lines.is_some() {
            self.pending_text(record);
        }
        let slot = self.slot_of(record);
        self.out.push(Command::Trace { slot });
    }

    /// Test aid (`set_reference_rendering`): the text of a queued line, rendered now.
    #[cfg_attr(not(target_arch = "wasm32"), cold, inline(never))]
    fn pending_text(&mut self, record: TraceRecord) {
        let text = self.render(record).to_string();
        self.pending_texts.push(text);
    }

    /// Queues an administrative line (lifecycle step or refused action).
    fn admin_line(&mut self, line: AdminLine) {
        self.admin_lines.push(line);
        self.count_bytes(ADMIN_LINE_BYTES);
        let line = self.admin_lines.len() as u32 - 1;
        self.line(TraceRecord::Admin { at: self.now, line });
    }

    fn finish(&mut self) {
        if self.end_emitted {
            return;
        }
        if !self.queue.is_empty() && self.limit_hit.is_none() {
            self.now = self.now.max(self.scenario.until);
        }
        self.end_emitted = true;
        if self.recording {
            let how = if self.limit_hit.is_some() {
                EndReason::Limit
            } else if self.queue.is_empty() {
                EndReason::NothingLeft
            } else {
                EndReason::Until
            };
            let record = TraceRecord::End { at: self.now, how };
            let slot = self.slot_of(record);
            self.trace.push(slot);
            if self.reference_lines.is_some() {
                let text = self.render(record).to_string();
                if let Some(lines) = self.reference_lines.as_mut() {
                    lines.push(text);
                }
            }
        }
    }

    /// True when `instances()` is kept current (`keep_instances_current`; never in the browser).
    #[inline]
    pub(super) fn live(&self) -> bool {
        LIVE_VIEW && self.live_view
    }

    fn refresh_view(&mut self) {
        if !self.live() {
            self.lazy_view = OnceCell::new();
            return;
        }
        if self.dirty.is_empty() {
            return;
        }
        let mut dirty = std::mem::take(&mut self.dirty);
        dirty.sort_unstable();
        for &i in &dirty {
            self.update_view_entry(i);
            self.insts[i as usize].dirty = false;
        }
        dirty.clear();
        self.dirty = dirty;
    }

    pub(super) fn group_name(&self, g: u32) -> Option<String> {
        (g != NO_GROUP).then(|| self.scenario.groups.get(g as usize).map(|c| c.name.clone())).flatten()
    }

    fn lane_of(&self, inst: u32) -> u64 {
        let i = &self.insts[inst as usize];
        dispatch_lane(self.ports[i.port as usize].priority, i.msg)
    }
}
