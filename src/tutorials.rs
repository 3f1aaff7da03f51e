//! Guided lessons: each starts from a preset, asks the learner to reach a goal with the
//! console's actions, and checks the goal **on the engine's own state** (never in the UI).
//!
//! Together the lessons walk through both seed tables — lifecycle actions L1–L4 with guard G3, and
//! the combined states C1–C6 — and the backup transport page (seed 004, §6), plus §4 (auto-resume)
//! and §7 (ordered delivery); the last lesson starts from a preset generated from a real BizTalk
//! binding file (`real_routing_hub`).
//!
//! ```text
//!  Start lesson ──load preset──▶ learner acts (Start, Resume, ...) ──Check──▶ evaluate(check, sim)
//!                                                                   passed? ──▶ progress saved
//! ```
//!
//! # Example
//! ```
//! use portsim::tutorials::{lessons, progress_from_str, progress_to_string, Progress};
//! let mut progress = Progress::default();
//! progress.complete(lessons()[0].id);
//! let saved = progress_to_string(&progress);
//! assert_eq!(progress_from_str(&saved), progress);
//! assert_eq!(progress_from_str("{corrupt"), Progress::default());
//! ```

use crate::engine::model::{Action, InstanceSelector, LifecycleAction, LifecycleState, Target};
use crate::engine::simulation::{InstanceStatus, TransportSlot};
use crate::engine::time::SimTime;
use crate::engine::Simulation;
use std::collections::BTreeSet;

pub(crate) mod debrief;
mod findings;
mod words;

pub use debrief::{debrief, seed_row_text, Debrief};
pub use findings::{run_findings, Finding};
pub use words::{describe_step, render_detail, render_finding, state_key, status_key};

/// The localStorage key the UI keeps progress under.
pub const PROGRESS_STORAGE_KEY: &str = "portsim.tutorials.v1";

/// A goal, evaluated on the current simulation.
#[derive(Debug, Clone, PartialEq)]
pub enum Check {
    /// Every instance of `message` (on `port`, if given) has `status`, and there is at least one.
    InstanceStatus { message: String, port: Option<String>, status: InstanceStatus },
    /// Rule L1–L4: the port is in this lifecycle state.
    PortState { port: String, state: LifecycleState },
    /// Rule L1–L4: the group is in this lifecycle state.
    GroupState { group: String, state: LifecycleState },
    /// No instance (on `port`, if given) has `status` — e.g. nothing was terminated.
    NoInstanceWithStatus { port: Option<String>, status: InstanceStatus },
    /// At least `count` instances on `port` are Completed.
    CompletedAtLeast { port: String, count: usize },
    /// §6: `message` on `port` made at least `count` attempts on the backup transport.
    AttemptsOnBackupAtLeast { message: String, port: String, count: usize },
    /// Every check passes (the first failing one gives the detail).
    All(Vec<Check>),
}

/// The outcome of a check: passed or not, and a translatable sentence saying why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CheckResult {
    pub passed: bool,
    /// Catalogue key of the detail sentence (`tutorial.check.*`).
    pub detail_key: &'static str,
    /// Values for the sentence's `{placeholders}`.
    pub args: Vec<(&'static str, String)>,
    /// What the run did, and the step that would change it (empty until `evaluate` adds them).
    pub findings: Vec<Finding>,
}

impl CheckResult {
    fn new(passed: bool, detail_key: &'static str, args: Vec<(&'static str, String)>) -> Self {
        CheckResult { passed, detail_key, args, findings: Vec::new() }
    }
    /// The arguments in the shape `i18n::tf` takes.
    pub fn tf_args(&self) -> Vec<(&str, &str)> {
        self.args.iter().map(|(k, v)| (*k, v.as_str())).collect()
    }
}

/// One step of a lesson's intended solution: used by the tests and the "show me" hint.
#[derive(Debug, Clone, PartialEq)]
pub enum SolutionStep {
    /// Let the clock run to this time first (milliseconds since the start).
    RunUntil(SimTime),
    /// Perform this action now.
    Apply(Action),
}

/// A guided lesson.
#[derive(Debug, Clone, PartialEq)]
pub struct Lesson {
    pub id: &'static str,
    pub title_key: &'static str,
    /// The explanation, one paragraph per key.
    pub explanation_keys: &'static [&'static str],
    pub task_key: &'static str,
    /// Hints, revealed one by one; the last one spells out the solution.
    pub hint_keys: &'static [&'static str],
    /// The preset the lesson starts from (`presets::by_id`).
    pub preset: &'static str,
    /// The SEMANTICS.md rules the lesson teaches.
    pub rules: &'static [&'static str],
    pub check: Check,
    pub solution: Vec<SolutionStep>,
    /// The instance (message, send port) whose Why? line the debrief quotes after Passed.
    pub key_instance: (&'static str, &'static str),
    /// The seed-table row (or SEMANTICS rule) the debrief shows: `C1`, `L4`, `§6`, ...
    pub seed_row: &'static str,
}

fn port(name: &str) -> Target {
    Target::Port(name.to_string())
}

fn group(name: &str) -> Target {
    Target::Group(name.to_string())
}

fn lifecycle(action: LifecycleAction, target: Target) -> SolutionStep {
    SolutionStep::Apply(Action::Lifecycle { action, target })
}

fn completed(message: &str, on: &str) -> Check {
    Check::InstanceStatus {
        message: message.to_string(),
        port: Some(on.to_string()),
        status: InstanceStatus::Completed,
    }
}

fn nothing_terminated() -> Check {
    Check::NoInstanceWithStatus { port: None, status: InstanceStatus::Terminated }
}

const MINUTE_MS: u64 = 60_000;

/// The lessons, in teaching order.
pub fn lessons() -> Vec<Lesson> {
    vec![
        Lesson {
            id: "lifecycle",
            title_key: "tutorial.lifecycle.title",
            explanation_keys: &["tutorial.lifecycle.explanation1", "tutorial.lifecycle.explanation2"],
            task_key: "tutorial.lifecycle.task",
            hint_keys: &["tutorial.lifecycle.hint1", "tutorial.lifecycle.hint2", "tutorial.lifecycle.hint3"],
            preset: "bound_port",
            rules: &["L1", "L2", "C1", "C6"],
            check: completed("Order1", "SP_Orders"),
            solution: vec![lifecycle(LifecycleAction::Start, port("SP_Orders"))],
            key_instance: ("Order1", "SP_Orders"),
            seed_row: "C1",
        },
        Lesson {
            id: "stop_port",
            title_key: "tutorial.stop_port.title",
            explanation_keys: &["tutorial.stop_port.explanation1", "tutorial.stop_port.explanation2"],
            task_key: "tutorial.stop_port.task",
            hint_keys: &["tutorial.stop_port.hint1", "tutorial.stop_port.hint2"],
            preset: "hold_for_maintenance",
            rules: &["L3", "C2", "C6"],
            check: Check::All(vec![
                Check::InstanceStatus {
                    message: "M1".to_string(),
                    port: Some("SP_Partner".to_string()),
                    status: InstanceStatus::SuspendedResumable,
                },
                Check::InstanceStatus {
                    message: "M2".to_string(),
                    port: Some("SP_Partner".to_string()),
                    status: InstanceStatus::SuspendedResumable,
                },
            ]),
            solution: vec![lifecycle(LifecycleAction::Stop, port("SP_Partner"))],
            key_instance: ("M1", "SP_Partner"),
            seed_row: "C2",
        },
        Lesson {
            id: "stopped_port",
            title_key: "tutorial.stopped_port.title",
            explanation_keys: &["tutorial.stopped_port.explanation1", "tutorial.stopped_port.explanation2"],
            task_key: "tutorial.stopped_port.task",
            hint_keys: &["tutorial.stopped_port.hint1", "tutorial.stopped_port.hint2"],
            preset: "stopped_port",
            rules: &["C2", "§4", "L2"],
            check: Check::All(vec![
                Check::CompletedAtLeast { port: "SP_Invoices".to_string(), count: 3 },
                nothing_terminated(),
            ]),
            solution: vec![
                SolutionStep::RunUntil(SimTime(3 * MINUTE_MS)),
                lifecycle(LifecycleAction::Start, port("SP_Invoices")),
            ],
            key_instance: ("M1", "SP_Invoices"),
            seed_row: "§4",
        },
        Lesson {
            id: "group_states",
            title_key: "tutorial.group_states.title",
            explanation_keys: &["tutorial.group_states.explanation1", "tutorial.group_states.explanation2"],
            task_key: "tutorial.group_states.task",
            hint_keys: &["tutorial.group_states.hint1", "tutorial.group_states.hint2", "tutorial.group_states.hint3"],
            preset: "partner_broadcast",
            rules: &["C3", "C4", "C5"],
            check: Check::All(vec![completed("Broadcast", "SP_A"), completed("Broadcast", "SP_B")]),
            solution: vec![
                lifecycle(LifecycleAction::Start, group("SPG_Partners")),
                lifecycle(LifecycleAction::Start, port("SP_B")),
            ],
            key_instance: ("Broadcast", "SP_B"),
            seed_row: "C3",
        },
        Lesson {
            id: "bound_member",
            title_key: "tutorial.bound_member.title",
            explanation_keys: &["tutorial.bound_member.explanation1", "tutorial.bound_member.explanation2"],
            task_key: "tutorial.bound_member.task",
            hint_keys: &["tutorial.bound_member.hint1", "tutorial.bound_member.hint2"],
            preset: "partner_broadcast",
            rules: &["C6", "C3", "L2"],
            check: completed("Broadcast", "SP_C"),
            solution: vec![
                lifecycle(LifecycleAction::Start, group("SPG_Partners")),
                lifecycle(LifecycleAction::Start, port("SP_C")),
            ],
            key_instance: ("Broadcast", "SP_C"),
            seed_row: "C6",
        },
        Lesson {
            id: "backup_transport",
            title_key: "tutorial.backup_transport.title",
            explanation_keys: &[
                "tutorial.backup_transport.explanation1",
                "tutorial.backup_transport.explanation2",
                "tutorial.backup_transport.explanation3",
            ],
            task_key: "tutorial.backup_transport.task",
            hint_keys: &[
                "tutorial.backup_transport.hint1",
                "tutorial.backup_transport.hint2",
                "tutorial.backup_transport.hint3",
            ],
            preset: "backup_transport",
            rules: &["§6"],
            check: Check::All(vec![
                completed("M1", "SP_Orders"),
                Check::AttemptsOnBackupAtLeast { message: "M1".to_string(), port: "SP_Orders".to_string(), count: 1 },
                nothing_terminated(),
            ]),
            solution: vec![
                SolutionStep::RunUntil(SimTime(40 * MINUTE_MS)),
                SolutionStep::Apply(Action::Resume(InstanceSelector::Message {
                    message: "M1".to_string(),
                    port: Some("SP_Orders".to_string()),
                })),
            ],
            key_instance: ("M1", "SP_Orders"),
            seed_row: "§6",
        },
        Lesson {
            id: "ordered_delivery",
            title_key: "tutorial.ordered_delivery.title",
            explanation_keys: &["tutorial.ordered_delivery.explanation1", "tutorial.ordered_delivery.explanation2"],
            task_key: "tutorial.ordered_delivery.task",
            hint_keys: &["tutorial.ordered_delivery.hint1", "tutorial.ordered_delivery.hint2"],
            preset: "ordered_delivery",
            rules: &["§7", "§6"],
            check: Check::All(vec![
                completed("M1", "SP_Ordered_Stop"),
                completed("M2", "SP_Ordered_Stop"),
                completed("M3", "SP_Ordered_Stop"),
                Check::NoInstanceWithStatus {
                    port: Some("SP_Ordered_Stop".to_string()),
                    status: InstanceStatus::Terminated,
                },
            ]),
            solution: vec![
                SolutionStep::RunUntil(SimTime(5 * MINUTE_MS)),
                SolutionStep::Apply(Action::Resume(InstanceSelector::Port("SP_Ordered_Stop".to_string()))),
            ],
            key_instance: ("M2", "SP_Ordered_Stop"),
            seed_row: "§7",
        },
        Lesson {
            id: "unenlist_busy",
            title_key: "tutorial.unenlist_busy.title",
            explanation_keys: &["tutorial.unenlist_busy.explanation1", "tutorial.unenlist_busy.explanation2"],
            task_key: "tutorial.unenlist_busy.task",
            hint_keys: &["tutorial.unenlist_busy.hint1", "tutorial.unenlist_busy.hint2"],
            preset: "group_guards",
            rules: &["L4", "G3", "§5"],
            check: Check::PortState { port: "SP_Busy".to_string(), state: LifecycleState::Bound },
            solution: vec![
                SolutionStep::RunUntil(SimTime(11 * MINUTE_MS)),
                SolutionStep::Apply(Action::Terminate(InstanceSelector::Port("SP_Busy".to_string()))),
                lifecycle(LifecycleAction::Unenlist, port("SP_Busy")),
            ],
            key_instance: ("BusyOrder", "SP_Busy"),
            seed_row: "L4",
        },
        Lesson {
            id: "real_bindings",
            title_key: "tutorial.real_bindings.title",
            explanation_keys: &["tutorial.real_bindings.explanation1", "tutorial.real_bindings.explanation2"],
            task_key: "tutorial.real_bindings.task",
            hint_keys: &["tutorial.real_bindings.hint1", "tutorial.real_bindings.hint2"],
            preset: "real_routing_hub",
            rules: &["§7", "§6", "§3"],
            check: Check::All(vec![
                completed("Reg1", "INT0000.SD-vfu.Send_Routing"),
                completed("Kurs1", "INT0000.SD-vfu.Send_Routing"),
                Check::NoInstanceWithStatus {
                    port: Some("INT0000.SD-vfu.Send_Routing".to_string()),
                    status: InstanceStatus::Terminated,
                },
            ]),
            solution: vec![
                SolutionStep::RunUntil(SimTime(5 * MINUTE_MS)),
                SolutionStep::Apply(Action::Resume(InstanceSelector::Port("INT0000.SD-vfu.Send_Routing".to_string()))),
            ],
            key_instance: ("Reg1", "INT0000.SD-vfu.Send_Routing"),
            seed_row: "§7",
        },
        Lesson {
            // Issue 13: compare retry settings (Compare…, Charts, Sweep) on a partner outage.
            id: "retry_settings",
            title_key: "tutorial.retry_settings.title",
            explanation_keys: &[
                "tutorial.retry_settings.explanation1",
                "tutorial.retry_settings.explanation2",
                "tutorial.retry_settings.explanation3",
            ],
            task_key: "tutorial.retry_settings.task",
            hint_keys: &[
                "tutorial.retry_settings.hint1",
                "tutorial.retry_settings.hint2",
                "tutorial.retry_settings.hint3",
            ],
            preset: "retry_settings",
            rules: &["§6", "§4"],
            check: Check::All(vec![
                Check::CompletedAtLeast { port: "SP_Partner".to_string(), count: 15 },
                nothing_terminated(),
            ]),
            solution: vec![
                SolutionStep::RunUntil(SimTime(25 * MINUTE_MS)),
                SolutionStep::Apply(Action::Resume(InstanceSelector::Port("SP_Partner".to_string()))),
            ],
            key_instance: ("M1", "SP_Partner"),
            seed_row: "§6",
        },
    ]
}

/// The lesson with this id.
pub fn lesson(id: &str) -> Option<Lesson> {
    lessons().into_iter().find(|l| l.id == id)
}

/// Evaluates `check` on the simulation as it is now, with what the run did
/// ([`findings::run_findings`]). Pure: reads the engine, changes nothing.
pub fn evaluate(check: &Check, sim: &Simulation) -> CheckResult {
    let mut result = evaluate_goal(check, sim);
    result.findings = findings::run_findings(check, &result, sim);
    result
}

/// The verdict alone: passed or not, and the sentence of the first unmet goal.
fn evaluate_goal(check: &Check, sim: &Simulation) -> CheckResult {
    match check {
        Check::InstanceStatus { message, port, status } => {
            let mine: Vec<_> = sim
                .instances()
                .iter()
                .filter(|i| &i.message == message && port.as_ref().is_none_or(|p| &i.port == p))
                .collect();
            let Some(first_wrong) = mine.iter().find(|i| i.status != *status) else {
                let key = match (mine.is_empty(), port.is_some()) {
                    (true, true) => "tutorial.check.no_instance",
                    (true, false) => "tutorial.check.no_instance_any",
                    (false, true) => "tutorial.check.status_ok",
                    (false, false) => "tutorial.check.status_ok_any",
                };
                let mut args = vec![("message", message.clone()), ("status", status.code().to_string())];
                if let Some(p) = port {
                    args.push(("port", p.clone()));
                }
                return CheckResult::new(!mine.is_empty(), key, args);
            };
            CheckResult::new(
                false,
                "tutorial.check.status_wrong",
                vec![
                    ("message", message.clone()),
                    ("port", first_wrong.port.clone()),
                    ("status", status.code().to_string()),
                    ("found", first_wrong.status.code().to_string()),
                ],
            )
        }
        Check::PortState { port, state } => state_result(port, *state, sim.port_state(port)),
        Check::GroupState { group, state } => state_result(group, *state, sim.group_state(group)),
        Check::NoInstanceWithStatus { port, status } => {
            let count = sim
                .instances()
                .iter()
                .filter(|i| i.status == *status && port.as_ref().is_none_or(|p| &i.port == p))
                .count();
            CheckResult::new(
                count == 0,
                if count == 0 { "tutorial.check.none_with_status_ok" } else { "tutorial.check.some_with_status" },
                vec![("count", count.to_string()), ("status", status.code().to_string())],
            )
        }
        Check::CompletedAtLeast { port, count } => {
            let done =
                sim.instances().iter().filter(|i| &i.port == port && i.status == InstanceStatus::Completed).count();
            CheckResult::new(
                done >= *count,
                if done >= *count { "tutorial.check.completed_ok" } else { "tutorial.check.completed_short" },
                vec![("port", port.clone()), ("count", count.to_string()), ("done", done.to_string())],
            )
        }
        Check::AttemptsOnBackupAtLeast { message, port, count } => {
            let on_backup = sim
                .instances()
                .iter()
                .filter(|i| &i.message == message && &i.port == port)
                .flat_map(|i| i.attempts.iter())
                .filter(|a| a.transport == TransportSlot::Backup)
                .count();
            CheckResult::new(
                on_backup >= *count,
                if on_backup >= *count { "tutorial.check.backup_ok" } else { "tutorial.check.backup_short" },
                vec![
                    ("message", message.clone()),
                    ("port", port.clone()),
                    ("count", count.to_string()),
                    ("done", on_backup.to_string()),
                ],
            )
        }
        Check::All(checks) => {
            for c in checks {
                let r = evaluate_goal(c, sim);
                if !r.passed {
                    return r;
                }
            }
            CheckResult::new(true, "tutorial.check.all_ok", Vec::new())
        }
    }
}

fn state_result(name: &str, wanted: LifecycleState, found: Option<LifecycleState>) -> CheckResult {
    let found_text = found.map(|s| s.code()).unwrap_or("?").to_string();
    let passed = found == Some(wanted);
    CheckResult::new(
        passed,
        if passed { "tutorial.check.state_ok" } else { "tutorial.check.state_wrong" },
        vec![("name", name.to_string()), ("state", wanted.code().to_string()), ("found", found_text)],
    )
}

/// Applies a lesson's solution to a simulation built from its preset, then runs it to the end.
/// Used by the tests and by the "show me" hint.
pub fn apply_solution(sim: &mut Simulation, solution: &[SolutionStep]) {
    for step in solution {
        match step {
            SolutionStep::RunUntil(t) => sim.run_until(*t),
            SolutionStep::Apply(action) => sim.apply(action.clone()),
        }
    }
    sim.run_to_end();
}

/// The ids of completed lessons (persisted in localStorage under [`PROGRESS_STORAGE_KEY`]).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Progress {
    completed: BTreeSet<String>,
    /// The lesson the learner was on (restored after a reload or a tab switch).
    current: Option<String>,
    /// Its lesson panel was open (reopened after a reload).
    open: bool,
}

impl Progress {
    pub fn complete(&mut self, id: &str) {
        self.completed.insert(id.to_string());
    }
    pub fn is_completed(&self, id: &str) -> bool {
        self.completed.contains(id)
    }
    /// How many of the current lessons are completed.
    pub fn completed_count(&self) -> usize {
        lessons().iter().filter(|l| self.is_completed(l.id)).count()
    }
    pub fn completed_ids(&self) -> impl Iterator<Item = &str> {
        self.completed.iter().map(String::as_str)
    }
    /// The lesson the learner was on, if it still exists.
    pub fn current(&self) -> Option<&str> {
        self.current.as_deref()
    }
    pub fn set_current(&mut self, id: &str) {
        self.current = Some(id.to_string());
    }
    /// Whether the current lesson's panel is open.
    pub fn is_open(&self) -> bool {
        self.open && self.current.is_some()
    }
    pub fn set_open(&mut self, open: bool) {
        self.open = open;
    }
    /// Forgets completed lessons (the current lesson is kept).
    pub fn clear_completed(&mut self) {
        self.completed.clear();
    }
}

/// Serialises progress as a small JSON document:
/// `{"v":1,"completed":["lifecycle",...],"current":"backup_transport"}`.
pub fn progress_to_string(progress: &Progress) -> String {
    let mut value = serde_json::json!({ "v": 1, "completed": progress.completed.iter().collect::<Vec<_>>() });
    if let (Some(current), Some(obj)) = (&progress.current, value.as_object_mut()) {
        obj.insert("current".to_string(), serde_json::Value::String(current.clone()));
        if progress.open {
            obj.insert("open".to_string(), serde_json::Value::Bool(true));
        }
    }
    value.to_string()
}

/// Reads progress back; anything corrupt, of another version, or naming unknown lessons is
/// dropped (a damaged value starts fresh instead of failing).
pub fn progress_from_str(text: &str) -> Progress {
    let Ok(value) = serde_json::from_str::<serde_json::Value>(text) else {
        return Progress::default();
    };
    if value.get("v").and_then(|v| v.as_u64()) != Some(1) {
        return Progress::default();
    }
    let known: Vec<&str> = lessons().iter().map(|l| l.id).collect();
    // Inserted rather than collected: `collect` into a set sorts first, linking one more stable
    // sort into the page (issue 14 §2).
    let mut completed = BTreeSet::new();
    if let Some(ids) = value.get("completed").and_then(|c| c.as_array()) {
        completed.extend(ids.iter().filter_map(|id| id.as_str()).filter(|id| known.contains(id)).map(str::to_string));
    }
    let current = value.get("current").and_then(|c| c.as_str()).filter(|id| known.contains(id)).map(str::to_string);
    let open = current.is_some() && value.get("open").and_then(|o| o.as_bool()) == Some(true);
    Progress { completed, current, open }
}
