//! `UiState`: the session (document + simulation) plus view settings, and the `Action`s the page
//! dispatches. `reduce` mutates the session in place and returns a new `Rc` with `version + 1`,
//! so every component that takes a `SimView` re-renders exactly when something changed.
//! `reduce` touches no storage and no DOM; persistence lives in effects (`hooks`).
//!
//! ```text
//!  click / key / tick / JS API ──▶ Action ──reduce──▶ Session (edit | perform | clock) ──▶ version+1
//! ```

use super::contract::{ClockCommand, ClockState, RunJob, SimView};
use super::session::{DeleteBlocker, DeleteImpact, Session};
use super::slice_budget::run_budgeted;
use crate::engine::limits::{LimitOverrides, Limits};
use crate::engine::model::{Action as SimAction, PortKind, Target};
use crate::engine::scenario::ScenarioError;
use crate::engine::time::{SimDuration, SimTime};
use crate::i18n::Lang;
use std::cell::RefCell;
use std::rc::Rc;
use yew::Reducible;

/// What the tree has selected (and the work area shows).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Default)]
pub enum Selection {
    #[default]
    Scenario,
    PortsNode,
    GroupsNode,
    Port(String),
    Group(String),
    Endpoints,
    /// The send ports of one BizTalk application (the tree groups by application when the
    /// scenario has more than one, BINDINGS.md §10.6).
    AppPorts(String),
    /// The send port groups of one application.
    AppGroups(String),
    /// "Who subscribes to what": the filter finder, optionally asked about `property = value`.
    Finder {
        property: String,
        value: String,
    },
}

/// The tabs of the work area (centre).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum WorkTab {
    #[default]
    Details,
    Inject,
    /// The operations timeline (the script as actions at times).
    Operations,
    Topology,
    Learn,
}

/// The tabs of the observation region (bottom / right).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum ObserveTab {
    #[default]
    Instances,
    Timeline,
    Why,
    EventLog,
    /// Charts of the whole run (issue 13).
    Charts,
    /// What-if comparison of the kept scenario A with the edited document B (issue 13).
    Compare,
    /// A setting swept over values and seeds (issue 13).
    Sweep,
}

/// An open editor (the console's property pages). `index: None` = a port or group not yet added.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Editor {
    Port { index: Option<usize>, kind: PortKind, serial: u64 },
    Group { index: Option<usize>, serial: u64 },
}

/// A modal dialog.
#[derive(Debug, Clone, PartialEq)]
pub enum Modal {
    /// Every error of a refused import / edit, each with its JSON path.
    Errors {
        title_key: &'static str,
        errors: Vec<ScenarioError>,
    },
    /// BizTalk refuses this delete now: the reasons, each with the steps that allow it.
    DeleteRefused {
        target: Target,
        blockers: Vec<DeleteBlocker>,
    },
    /// Deleting rewrites the run so far (its instances and script lines go): asks first.
    ConfirmDelete {
        target: Target,
        impact: DeleteImpact,
    },
    /// Replace the current document (New, Reset, preset, permalink) — asks first.
    ConfirmDiscard {
        pending: Pending,
    },
    Rename {
        target: Target,
    },
    Import,
    /// The summary of a BizTalk binding file before it replaces the work (BINDINGS.md §10).
    BindingsImport {
        xml: std::rc::Rc<str>,
    },
    ExportText,
    Embed,
    /// A publish that no subscription matches: it would be a routing failure; publish anyway?
    ConfirmUnroutable {
        action: SimAction,
    },
    /// The same work is open in another tab that saves it: take over here, or open read-only.
    OtherTab,
    /// "Restore an earlier version": the versions the autosave kept (autosave_versions.rs).
    Versions,
    /// A plain message (e.g. a set-aside autosave). `file` names the download of `detail`
    /// (`""`: no download); a `.json` scenario download is labelled Export.
    Notice {
        key: &'static str,
        detail: String,
        file: &'static str,
    },
}

/// What happens after a confirmed discard.
#[derive(Debug, Clone, PartialEq)]
pub enum Pending {
    NewDocument,
    Load {
        json: String,
        source_key: &'static str,
    },
    /// Start lesson `index`: its preset (`json`, fetched by `ui::preset_fetch::start_lesson`)
    /// replaces the document and the lesson panel opens.
    Lesson {
        index: usize,
        json: String,
    },
}

/// Everything the page dispatches.
#[derive(Debug, Clone, PartialEq)]
pub enum Action {
    /// This tab stops writing the autosave (read-only, or another tab took over).
    PauseAutosave,
    Select(Selection),
    SelectInstance(Option<u64>),
    /// Selects an instance and shows its Why? tab.
    WhyInstance(u64),
    SetWorkTab(WorkTab),
    SetObserveTab(ObserveTab),
    SetLang(Lang),
    Clock(ClockCommand),
    /// Real milliseconds elapsed since the last tick (the ticker hook).
    Tick(u64),
    /// One slice of a Run to end in progress; real milliseconds since it began (the slicer hook).
    RunSlice(u64),
    /// After a work limit stopped the run: rebuild at time 0 with every limit ×10 (`true`) or
    /// ÷10 (`false`); the scenario is kept.
    RerunWithLimits(bool),
    /// An interactive engine action, applied now and recorded in the script.
    Perform(SimAction),
    /// An injection from the Inject panel: a publish no subscription matches asks first.
    Inject(SimAction),
    OpenEditor(Editor),
    NewPort(PortKind),
    NewGroup,
    EditTarget(Target),
    CloseEditor,
    /// A valid port from the editor (`index: None` = add).
    ApplyPort {
        index: Option<usize>,
        port: Box<crate::engine::scenario::spec::PortSpec>,
    },
    ApplyGroup {
        index: Option<usize>,
        group: crate::engine::scenario::spec::GroupSpec,
    },
    /// Any other whole-document edit (endpoints editor, scenario settings).
    ApplySpec(Box<crate::engine::scenario::ScenarioSpec>),
    Rename {
        target: Target,
        name: String,
    },
    Delete(Target),
    ConfirmDelete(Target),
    Duplicate(Target),
    Undo,
    Redo,
    /// Import: replaces the document when valid, else shows every error.
    Import {
        json: String,
    },
    /// Asks before replacing the document (preset, permalink, New, Reset).
    AskDiscard(Pending),
    ConfirmDiscard(Pending),
    ShowModal(Modal),
    CloseModal,
    /// The session was changed from outside (JS API): just re-render.
    Refresh,
    SetStatus(String),
    /// Operations timeline: add a line, replace line `i` (moved or edited), remove line `i`,
    /// or replace the whole script (raw JSON). Each is one undo step.
    AddLine(Box<crate::engine::scenario::spec::ScriptEntrySpec>),
    PutLine(usize, Box<crate::engine::scenario::spec::ScriptEntrySpec>),
    RemoveLine(usize),
    SetScript(Vec<crate::engine::scenario::spec::ScriptEntrySpec>),
    /// The Inject panel's fields changed (kept for the session and autosaved).
    SetInjectForm(Box<crate::ui::inject_form::InjectForm>),
    /// Compare…: keep the current document as scenario A; the editors go on editing it as B.
    StartCompare,
    /// A from a shared link (`#s=B&a=A`).
    SetCompareA(String),
    /// Leave the comparison: keep B (promote), or put A back as the document (undoable).
    EndCompare {
        restore_a: bool,
    },
    /// The lesson panel and the Learn tab (issue 11 #9).
    Lesson(crate::ui::lesson_state::LessonAction),
}

/// The props of every shell component: the whole state (compared by version) and a dispatcher.
#[derive(Clone, PartialEq, yew::Properties)]
pub struct ShellProps {
    pub state: Rc<UiState>,
    pub dispatch: yew::Callback<Action>,
}

/// The page's state.
#[derive(Clone)]
pub struct UiState {
    pub session: Rc<RefCell<Session>>,
    pub version: u64,
    pub selection: Selection,
    pub selected_instance: Option<u64>,
    pub work_tab: WorkTab,
    pub observe_tab: ObserveTab,
    pub lang: Lang,
    pub clock: ClockState,
    pub modal: Option<Modal>,
    pub editor: Option<Editor>,
    /// A short message for the status line (aria-live).
    pub status: String,
    /// The session's document revision (changes whenever the spec changed), so autosave and the
    /// forms that mirror the document refresh only then.
    pub doc_version: u64,
    /// The Inject panel's fields (issue 11 #2: never reset by a tab switch or a tree click).
    pub inject_form: crate::ui::inject_form::InjectForm,
    /// The kept scenario A (JSON) while comparing; the document is B.
    pub compare_a: Option<Rc<String>>,
    /// The lesson being worked through; survives tab switches and tree clicks.
    pub lesson: crate::ui::lesson_state::LessonState,
    serial: u64,
    /// Autosave is paused: an unreadable saved value could not be set aside, so it stays in
    /// place and nothing may overwrite it (persist.rs, issue 10 §3).
    pub autosave_paused: bool,
}

impl PartialEq for UiState {
    fn eq(&self, other: &Self) -> bool {
        self.version == other.version && Rc::ptr_eq(&self.session, &other.session)
    }
}

/// Events per slice of a long run without a clock (native tests); the page cuts its slices by
/// elapsed time (`slice_budget`, issue 9 §7).
pub use crate::ui::slice_budget::SLICE_EVENTS;

/// Copies of an injection at one instant injected per slice in the page (each routes, creates
/// and starts its instances: ≈ 10–30 ms of engine work per slice).
pub const INJECT_SLICE: u32 = 10_000;

/// Default speed: one simulated minute per real second.
pub const DEFAULT_SPEED: u32 = 60;

impl UiState {
    pub fn new(session: Session, lang: Lang) -> UiState {
        UiState {
            session: Rc::new(RefCell::new(session)),
            version: 0,
            selection: Selection::default(),
            selected_instance: None,
            work_tab: WorkTab::default(),
            observe_tab: ObserveTab::default(),
            lang,
            clock: ClockState { playing: false, speed: DEFAULT_SPEED, run: None },
            modal: None,
            editor: None,
            status: String::new(),
            doc_version: 0,
            inject_form: Default::default(),
            compare_a: None,
            lesson: Default::default(),
            serial: 0,
            autosave_paused: false,
        }
    }

    /// The props observation components take.
    pub fn view(&self) -> SimView {
        SimView { sim: self.session.borrow().sim(), version: self.version }
    }

    /// Applies one action in place (used by `reduce` and by the native tests).
    pub fn apply(&mut self, action: Action) {
        self.apply_inner(action);
        self.doc_version = self.session.borrow().revision();
        self.version += 1;
    }

    fn show_errors(&mut self, title_key: &'static str, errors: Vec<ScenarioError>) {
        self.modal = Some(Modal::Errors { title_key, errors });
    }

    fn edit_result<T>(&mut self, r: Result<T, Vec<ScenarioError>>) -> Option<T> {
        match r {
            Ok(v) => Some(v),
            Err(errors) => {
                self.show_errors("errors.edit_title", errors);
                None
            }
        }
    }

    fn apply_inner(&mut self, action: Action) {
        match action {
            Action::Select(s) => {
                self.selection = s;
                self.editor = None;
                self.work_tab = WorkTab::Details;
            }
            Action::SelectInstance(i) => self.selected_instance = i,
            Action::WhyInstance(i) => {
                self.selected_instance = Some(i);
                self.observe_tab = ObserveTab::Why;
            }
            Action::SetWorkTab(t) => self.work_tab = t,
            Action::SetObserveTab(t) => self.observe_tab = t,
            Action::SetLang(l) => {
                // The status line was written in the previous language: it is dropped, not left behind.
                self.lang = l;
                self.status.clear();
            }
            Action::Clock(cmd) => self.clock_command(cmd),
            Action::Tick(real_ms) => {
                if self.clock.playing {
                    // At high speed one tick may cover many events: at most one slice of them per
                    // tick (`SLICE_MS` of work), the clock catching up on the next ticks (issue 9 §7).
                    let sim_ms = real_ms.saturating_mul(self.clock.speed as u64);
                    let mut session = self.session.borrow_mut();
                    let target = session.now().plus(SimDuration(sim_ms));
                    run_budgeted(|n| session.run_slice(target, n));
                    if session.is_finished() {
                        self.clock.playing = false;
                    }
                }
            }
            Action::RunSlice(real_ms) => self.run_slice(real_ms),
            Action::RerunWithLimits(higher) => {
                let mut session = self.session.borrow_mut();
                let next = rerun_limits(session.limits(), higher);
                session.set_limits(next);
                session.reset_clock();
                drop(session);
                self.clock.playing = false;
                self.start_run();
            }
            Action::Perform(a) => {
                self.modal = None;
                let r = self.session.borrow_mut().perform(a);
                self.edit_result(r);
                self.start_inject_job();
            }
            Action::Inject(a) => {
                let unroutable = match &a {
                    SimAction::Inject(inj) if inj.target.is_none() => {
                        self.session.borrow_mut().subscribers_for(&inj.context).is_empty()
                    }
                    _ => false,
                };
                if unroutable {
                    self.modal = Some(Modal::ConfirmUnroutable { action: a });
                } else {
                    let r = self.session.borrow_mut().perform(a);
                    self.edit_result(r);
                    self.start_inject_job();
                }
            }
            Action::OpenEditor(e) => self.editor = Some(e),
            Action::NewPort(kind) => {
                self.serial += 1;
                self.work_tab = WorkTab::Details;
                self.editor = Some(Editor::Port { index: None, kind, serial: self.serial });
            }
            Action::NewGroup => {
                self.serial += 1;
                self.work_tab = WorkTab::Details;
                self.editor = Some(Editor::Group { index: None, serial: self.serial });
            }
            Action::EditTarget(target) => {
                self.serial += 1;
                self.work_tab = WorkTab::Details;
                let session = self.session.borrow();
                let spec = session.spec();
                self.editor = match &target {
                    Target::Port(n) => spec.send_ports.iter().position(|p| &p.name == n).map(|i| Editor::Port {
                        index: Some(i),
                        kind: kind_of(&spec.send_ports[i].kind),
                        serial: self.serial,
                    }),
                    Target::Group(n) => spec
                        .send_port_groups
                        .iter()
                        .position(|g| &g.name == n)
                        .map(|i| Editor::Group { index: Some(i), serial: self.serial }),
                };
                drop(session);
                self.selection = match target {
                    Target::Port(n) => Selection::Port(n),
                    Target::Group(n) => Selection::Group(n),
                };
            }
            Action::CloseEditor => self.editor = None,
            Action::ApplyPort { index, port } => {
                let name = port.name.clone();
                let r = self.session.borrow_mut().put_port(index, *port);
                if self.edit_result(r).is_some() {
                    self.editor = None;
                    self.selection = Selection::Port(name);
                }
            }
            Action::ApplyGroup { index, group } => {
                let name = group.name.clone();
                let r = self.session.borrow_mut().put_group(index, group);
                if self.edit_result(r).is_some() {
                    self.editor = None;
                    self.selection = Selection::Group(name);
                }
            }
            Action::ApplySpec(spec) => {
                let r = self.session.borrow_mut().apply_edit(*spec);
                self.edit_result(r);
            }
            Action::Rename { target, name } => {
                let r = self.session.borrow_mut().rename(&target, &name);
                if self.edit_result(r).is_some() {
                    self.modal = None;
                    self.selection = match target {
                        Target::Port(_) => Selection::Port(name),
                        Target::Group(_) => Selection::Group(name),
                    };
                }
            }
            Action::Delete(target) => {
                let (blockers, impact) = {
                    let session = self.session.borrow();
                    (session.delete_blockers(&target), session.delete_impact(&target))
                };
                if !blockers.is_empty() {
                    self.modal = Some(Modal::DeleteRefused { target, blockers });
                } else if impact != DeleteImpact::default() {
                    self.modal = Some(Modal::ConfirmDelete { target, impact });
                } else {
                    self.delete(target);
                }
            }
            Action::ConfirmDelete(target) => {
                self.modal = None;
                self.delete(target);
            }
            Action::Duplicate(target) => {
                let r = self.session.borrow_mut().duplicate(&target);
                if let Some(name) = self.edit_result(r) {
                    self.selection = match target {
                        Target::Port(_) => Selection::Port(name),
                        Target::Group(_) => Selection::Group(name),
                    };
                }
            }
            Action::Undo => {
                let label = self.session.borrow().undo_label().cloned();
                let ok = self.session.borrow_mut().undo();
                self.after_history(ok, "status.undone", label);
            }
            Action::Redo => {
                let label = self.session.borrow().redo_label().cloned();
                let ok = self.session.borrow_mut().redo();
                self.after_history(ok, "status.redone", label);
            }
            Action::Import { json } => {
                self.load(&json, "errors.import_title");
            }
            Action::StartCompare => {
                self.compare_a = Some(Rc::new(self.session.borrow().to_json()));
                self.observe_tab = ObserveTab::Compare;
            }
            Action::SetCompareA(json) => {
                self.compare_a = Some(Rc::new(json));
                self.observe_tab = ObserveTab::Compare;
            }
            Action::EndCompare { restore_a } => {
                if let Some(a) = self.compare_a.take() {
                    if restore_a {
                        self.load(&a, "errors.import_title");
                    }
                }
            }
            Action::AskDiscard(pending) => {
                // An invalid scenario is reported at once: no question before a refusal.
                if let Pending::Load { json, source_key } = &pending {
                    let checked = crate::engine::scenario::parse_spec(json)
                        .and_then(|spec| crate::engine::scenario::validate(&spec).map(|_| ()));
                    if let Err(e) = checked {
                        self.show_errors(error_title(source_key), e.errors);
                        return;
                    }
                }
                if self.is_pristine() {
                    self.discard(pending);
                } else {
                    self.modal = Some(Modal::ConfirmDiscard { pending });
                }
            }
            Action::ConfirmDiscard(pending) => {
                self.modal = None;
                self.discard(pending);
            }
            Action::ShowModal(m) => self.modal = Some(m),
            Action::CloseModal => self.modal = None,
            Action::PauseAutosave => self.autosave_paused = true,
            Action::Refresh => {}
            Action::Lesson(a) => {
                let sim = self.session.borrow().sim();
                let sim = sim.borrow();
                self.lesson.apply(a, &sim);
            }
            Action::SetStatus(s) => self.status = s,
            Action::SetInjectForm(f) => self.inject_form = *f,
            Action::AddLine(line) => {
                let r = self.session.borrow_mut().add_line(*line);
                self.edit_result(r);
            }
            Action::PutLine(i, line) => {
                let r = self.session.borrow_mut().put_line(i, *line);
                self.edit_result(r);
            }
            Action::RemoveLine(i) => {
                let r = self.session.borrow_mut().remove_line(i);
                self.edit_result(r);
            }
            Action::SetScript(script) => {
                let label = crate::ui::history::Label::new("history.script");
                let r = self.session.borrow_mut().set_script(script, label);
                self.edit_result(r);
            }
        }
    }

    fn after_history(&mut self, ok: bool, status_key: &str, label: Option<crate::ui::history::Label>) {
        if let (true, Some(label)) = (ok, label) {
            let what = crate::ui::components::format::history_text(self.lang, &label);
            self.status = crate::i18n::tf(self.lang, status_key, &[("what", &what)]);
        }
        if ok {
            self.editor = None;
            let session = self.session.borrow();
            let spec = session.spec();
            let exists = match &self.selection {
                Selection::Port(n) => spec.send_ports.iter().any(|p| &p.name == n),
                Selection::Group(n) => spec.send_port_groups.iter().any(|g| &g.name == n),
                _ => true,
            };
            drop(session);
            if !exists {
                self.selection = Selection::Scenario;
            }
        }
    }

    fn delete(&mut self, target: Target) {
        let r = self.session.borrow_mut().delete(&target);
        if self.edit_result(r).is_some() {
            self.editor = None;
            self.selection = match target {
                Target::Port(_) => Selection::PortsNode,
                Target::Group(_) => Selection::GroupsNode,
            };
        }
    }

    /// Loads a document; false (and every error shown) when it is refused.
    fn load(&mut self, json: &str, title_key: &'static str) -> bool {
        let r = self.session.borrow_mut().load_json(json);
        match r {
            Ok(()) => {
                self.modal = None;
                self.editor = None;
                self.selection = Selection::Scenario;
                self.selected_instance = None;
                self.clock.playing = false;
                true
            }
            Err(e) => {
                self.show_errors(title_key, e.errors);
                false
            }
        }
    }

    /// True when the document holds nothing worth asking about (empty, never edited).
    pub fn is_pristine(&self) -> bool {
        let session = self.session.borrow();
        let spec = session.spec();
        spec.send_ports.is_empty()
            && spec.send_port_groups.is_empty()
            && spec.endpoints.is_empty()
            && spec.script.is_empty()
    }

    fn discard(&mut self, pending: Pending) {
        match pending {
            Pending::NewDocument => {
                self.session.borrow_mut().new_document();
                self.selection = Selection::Scenario;
                self.editor = None;
                self.clock.playing = false;
            }
            Pending::Load { json, source_key } => {
                // A refused load is titled as an error, not with the confirmation's question.
                self.load(&json, error_title(source_key));
            }
            Pending::Lesson { index, json } => {
                if self.load(&json, "errors.import_title") {
                    self.lesson.started(index);
                }
            }
        }
    }

    fn clock_command(&mut self, cmd: ClockCommand) {
        match cmd {
            ClockCommand::Play => {
                self.clock.playing = !self.session.borrow().is_finished();
            }
            ClockCommand::Pause => self.clock.playing = false,
            ClockCommand::Step => {
                self.clock.playing = false;
                self.session.borrow_mut().step();
            }
            ClockCommand::RunToEnd => {
                self.clock.playing = false;
                self.start_run();
            }
            ClockCommand::SetSpeed(s) => self.clock.speed = s.max(1),
            ClockCommand::Reset => {
                self.session.borrow_mut().reset_clock();
                self.clock.playing = false;
                self.clock.run = None;
            }
            ClockCommand::Stop => {
                self.clock.playing = false;
                self.clock.run = None;
            }
        }
    }

    /// Run to end, in slices (issue 9 §7): the first slice now, the rest one per frame while
    /// `clock.run` is set (the slicer hook dispatches `RunSlice`), so the page keeps answering
    /// and a Stop button works. A short run finishes in the first slice.
    fn start_run(&mut self) {
        let (target, from, events, sim_ptr) = {
            let session = self.session.borrow();
            let rc = session.sim();
            let sim = rc.borrow();
            (sim.scenario().until, sim.now(), sim.events_processed(), Rc::as_ptr(&rc) as usize)
        };
        self.clock.run = Some(RunJob { target, from, events_at_start: events, real_ms: 0, sim_ptr, inject: false });
        self.run_slice(0);
    }

    fn run_slice(&mut self, real_ms: u64) {
        let Some(mut job) = self.clock.run else { return };
        job.real_ms = real_ms;
        let done = {
            let mut session = self.session.borrow_mut();
            if Rc::as_ptr(&session.sim()) as usize != job.sim_ptr {
                true
            } else if job.inject {
                session.sim().borrow_mut().continue_inject(1)
            } else {
                run_budgeted(|n| session.run_to_end_slice(n))
            }
        };
        self.clock.run = (!done).then_some(job);
    }

    /// Issue 9 §7: an injection of more than `INJECT_SLICE` copies at one instant goes in one
    /// slice per frame, with its progress and a Stop button (Stop pauses it: the rest goes in
    /// first at the next step or run, so the recorded action and its replay stay the same).
    fn start_inject_job(&mut self) {
        if self.clock.run.is_some() {
            return;
        }
        let job = {
            let session = self.session.borrow();
            let rc = session.sim();
            let sim = rc.borrow();
            sim.inject_progress().map(|_| RunJob {
                target: sim.now(),
                from: sim.now(),
                events_at_start: sim.events_processed(),
                real_ms: 0,
                sim_ptr: Rc::as_ptr(&rc) as usize,
                inject: true,
            })
        };
        self.clock.run = job;
    }

    /// The current virtual time.
    pub fn now(&self) -> SimTime {
        self.session.borrow().now()
    }
}

/// The limits of a rerun after a work limit stopped the run: every limit ×10 (`higher`) or ÷10.
pub fn rerun_limits(now: Limits, higher: bool) -> LimitOverrides {
    let next = if higher {
        now.scaled(10)
    } else {
        Limits {
            max_instances: (now.max_instances / 10).max(1),
            max_events: (now.max_events / 10).max(1),
            max_memory_mb: (now.max_memory_mb / 10).max(1),
        }
    };
    LimitOverrides {
        max_instances: Some(next.max_instances),
        max_events: Some(next.max_events),
        max_memory_mb: Some(next.max_memory_mb),
    }
}

/// The title of the error list when a load from this source is refused.
fn error_title(source_key: &str) -> &'static str {
    if source_key == "confirm.permalink_body" {
        "errors.link_title"
    } else {
        "errors.import_title"
    }
}

/// The port kind named by a scenario `kind` string (static one-way when unknown).
pub fn kind_of(code: &str) -> PortKind {
    PortKind::ALL.into_iter().find(|k| k.code() == code).unwrap_or(PortKind::StaticOneWay)
}

impl Reducible for UiState {
    type Action = Action;
    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        let mut next = (*self).clone();
        next.apply(action);
        Rc::new(next)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::model::LifecycleAction;

    fn state() -> UiState {
        UiState::new(Session::empty(), Lang::En)
    }

    fn loaded(json: &str) -> UiState {
        UiState::new(Session::from_json(json).unwrap_or_else(|e| panic!("invalid test scenario: {e}")), Lang::En)
    }

    /// Issue 9 §7: Run to end runs in slices; each `RunSlice` does at most `SLICE_EVENTS` events,
    /// Stop ends the run where it got to, and the result equals an uninterrupted run.
    #[test]
    fn run_to_end_runs_in_slices_and_stop_keeps_the_clock() {
        let json = r#"{"format":"portsim-scenario/1","sendPorts":[{"name":"P","kind":"static-one-way",
          "state":"started","primary":{"transport":"FILE","address":"a","retryCount":1000,"retryInterval":"1s"}}],
          "endpoints":[{"address":"a","failures":[{"kind":"always"}]}],
          "script":[{"at":"0s","send":{"port":"P","count":20}}]}"#;
        let mut s = loaded(json);
        s.apply(Action::Clock(ClockCommand::RunToEnd));
        fn events(s: &UiState) -> u64 {
            s.session.borrow().sim().borrow().events_processed()
        }
        assert!(s.clock.run.is_some(), "40,000 events do not fit one slice");
        assert_eq!(events(&s), SLICE_EVENTS);
        s.apply(Action::RunSlice(16));
        assert_eq!(events(&s), 2 * SLICE_EVENTS);
        assert_eq!(s.clock.run.map(|j| j.real_ms), Some(16));
        s.apply(Action::Clock(ClockCommand::Stop));
        assert!(s.clock.run.is_none());
        let at = s.now();
        s.apply(Action::RunSlice(32));
        assert_eq!((events(&s), s.now()), (2 * SLICE_EVENTS, at), "a stale slice after Stop does nothing");

        let mut whole = loaded(json);
        whole.apply(Action::Clock(ClockCommand::RunToEnd));
        let mut n = 0;
        while whole.clock.run.is_some() {
            whole.apply(Action::RunSlice(n));
            n += 1;
            assert!(n < 1_000);
        }
        let mut direct = Session::from_json(json).unwrap_or_else(|e| panic!("invalid test scenario: {e}"));
        direct.run_to_end();
        assert_eq!(whole.session.borrow().sim().borrow().report(), direct.sim().borrow().report());
    }

    /// Issue 9 §7: an injection of more than `INJECT_SLICE` copies goes in one slice per
    /// `RunSlice`, with its progress; Stop pauses it; Run to end injects the rest first; the
    /// result equals the same injection applied in one go.
    #[test]
    fn a_large_injection_goes_in_slices_and_stop_pauses_it() {
        let json = r#"{"format":"portsim-scenario/1","sendPorts":[{"name":"P","kind":"static-one-way",
          "state":"started","primary":{"transport":"FILE","address":"a"}}]}"#;
        let burst = SimAction::Inject(crate::engine::model::Injection {
            target: Some(Target::Port("P".into())),
            context: crate::engine::context::Context::new(),
            count: 3 * INJECT_SLICE + 5,
            every: crate::engine::time::SimDuration::ZERO,
            id: None,
        });
        let mut s = loaded(json);
        s.apply(Action::Inject(burst.clone()));
        let progress = |s: &UiState| s.session.borrow().sim().borrow().inject_progress();
        assert_eq!(s.clock.run.map(|j| j.inject), Some(true));
        assert_eq!(progress(&s), Some((INJECT_SLICE, 3 * INJECT_SLICE + 5)));
        s.apply(Action::RunSlice(16));
        assert_eq!(progress(&s), Some((2 * INJECT_SLICE, 3 * INJECT_SLICE + 5)));
        s.apply(Action::Clock(ClockCommand::Stop));
        assert!(s.clock.run.is_none());
        s.apply(Action::RunSlice(32));
        assert_eq!(progress(&s), Some((2 * INJECT_SLICE, 3 * INJECT_SLICE + 5)), "Stop paused it");
        s.apply(Action::Clock(ClockCommand::RunToEnd));
        let mut n = 0;
        while s.clock.run.is_some() {
            s.apply(Action::RunSlice(n));
            n += 1;
            assert!(n < 1_000);
        }
        assert_eq!(progress(&s), None);
        let mut direct = Session::from_json(json).unwrap_or_else(|e| panic!("invalid test scenario: {e}"));
        direct.sim().borrow_mut().set_inject_slice(u32::MAX);
        let _ = direct.perform(burst);
        direct.run_to_end();
        assert_eq!(s.session.borrow().sim().borrow().report(), direct.sim().borrow().report());
        assert_eq!(direct.sim().borrow().instance_count(), 3 * INJECT_SLICE as usize + 5);
    }

    /// Issue 9 §4: after a limit stopped the run, a rerun keeps the scenario and scales the limits.
    #[test]
    fn rerun_with_limits_scales_them_and_keeps_the_document() {
        let json = r#"{"format":"portsim-scenario/1","limits":{"maxInstances":10},"sendPorts":[{"name":"P",
          "kind":"static-one-way","state":"started","primary":{"transport":"FILE","address":"a"}}],
          "script":[{"at":"0s","send":{"port":"P","count":100}}]}"#;
        let mut s = loaded(json);
        s.apply(Action::Clock(ClockCommand::RunToEnd));
        fn limit(s: &UiState) -> Option<u64> {
            s.session.borrow().sim().borrow().limit_reached().map(|l| l.limit)
        }
        assert_eq!(limit(&s), Some(10));
        let doc = s.session.borrow().to_json();
        s.apply(Action::RerunWithLimits(true));
        assert_eq!(limit(&s), None, "100 instances fit in 100");
        assert_eq!(s.session.borrow().sim().borrow().report().totals.instances, 100);
        s.apply(Action::RerunWithLimits(false));
        s.apply(Action::RerunWithLimits(false));
        assert_eq!(limit(&s), Some(1));
        assert_eq!(s.session.borrow().to_json(), doc, "the scenario is kept");
    }

    #[test]
    fn new_port_opens_an_editor_and_apply_adds_it() {
        let mut s = state();
        s.apply(Action::NewPort(PortKind::StaticSolicitResponse));
        assert!(matches!(s.editor, Some(Editor::Port { index: None, kind: PortKind::StaticSolicitResponse, .. })));
        let port = crate::ui::session::new_port(PortKind::StaticSolicitResponse, s.session.borrow().spec());
        let v = s.version;
        s.apply(Action::ApplyPort { index: None, port: Box::new(port) });
        assert_eq!(s.version, v + 1);
        assert!(s.editor.is_none());
        assert_eq!(s.selection, Selection::Port("SendPort1".into()));
        assert!(s.doc_version > 0);
    }

    #[test]
    fn invalid_apply_shows_every_error_and_keeps_the_editor() {
        let mut s = state();
        s.apply(Action::NewPort(PortKind::StaticOneWay));
        let mut port = crate::ui::session::new_port(PortKind::StaticOneWay, s.session.borrow().spec());
        if let Some(p) = port.primary.as_mut() {
            p.retry_interval = Some("525601m".into());
        }
        s.apply(Action::ApplyPort { index: None, port: Box::new(port) });
        assert!(s.editor.is_some());
        match &s.modal {
            Some(Modal::Errors { errors, .. }) => {
                assert!(errors.iter().any(|e| e.path == "/sendPorts/0/primary/retryInterval"), "{errors:?}")
            }
            other => panic!("expected an error dialog, got {other:?}"),
        }
        assert!(s.session.borrow().spec().send_ports.is_empty());
        assert_eq!(s.doc_version, s.session.borrow().revision());
    }

    #[test]
    fn ticks_advance_only_while_playing_at_the_chosen_speed() {
        let mut s = state();
        s.apply(Action::Tick(1000));
        assert_eq!(s.now(), SimTime::ZERO);
        s.apply(Action::Clock(ClockCommand::SetSpeed(100)));
        s.session.borrow_mut().run_until(SimTime::ZERO);
        s.clock.playing = true;
        s.apply(Action::Tick(50));
        assert_eq!(s.now(), SimTime(5_000));
        s.apply(Action::Clock(ClockCommand::Pause));
        s.apply(Action::Tick(50));
        assert_eq!(s.now(), SimTime(5_000));
        s.apply(Action::Clock(ClockCommand::Reset));
        assert_eq!(s.now(), SimTime::ZERO);
    }

    #[test]
    fn delete_follows_biztalk_and_never_rewrites_the_run_silently() {
        let mut s = state();
        let r = s.session.borrow_mut().create_port(PortKind::StaticOneWay);
        assert!(r.is_ok());
        let port = Target::Port("SendPort1".into());
        s.apply(Action::Perform(SimAction::Lifecycle { action: LifecycleAction::Enlist, target: port.clone() }));
        s.apply(Action::Delete(port.clone()));
        assert!(
            matches!(&s.modal, Some(Modal::DeleteRefused { blockers, .. }) if blockers == &[DeleteBlocker::Enlisted(crate::engine::model::LifecycleState::Stopped)]),
            "{:?}",
            s.modal
        );
        assert_eq!(s.session.borrow().spec().send_ports.len(), 1, "nothing deleted");
        s.apply(Action::CloseModal);
        s.apply(Action::Perform(SimAction::Lifecycle { action: LifecycleAction::Unenlist, target: port.clone() }));
        s.apply(Action::Delete(port.clone()));
        assert!(
            matches!(&s.modal, Some(Modal::ConfirmDelete { impact, .. }) if impact.script_lines == 2),
            "the enlist and unenlist lines go: asked first ({:?})",
            s.modal
        );
        s.apply(Action::ConfirmDelete(port.clone()));
        assert!(s.session.borrow().spec().send_ports.is_empty());
        assert!(s.session.borrow().spec().script.is_empty());
        s.apply(Action::Undo);
        assert_eq!(s.session.borrow().spec().send_ports.len(), 1, "one Undo brings it back");
        assert_eq!(s.session.borrow().spec().script.len(), 2, "with its history");
    }

    #[test]
    fn delete_without_instances_needs_no_confirmation_and_undo_brings_it_back() {
        let mut s = state();
        let r = s.session.borrow_mut().create_port(PortKind::StaticOneWay);
        assert!(r.is_ok());
        s.apply(Action::Delete(Target::Port("SendPort1".into())));
        assert!(s.modal.is_none());
        assert!(s.session.borrow().spec().send_ports.is_empty());
        assert_eq!(s.selection, Selection::PortsNode);
        s.apply(Action::Undo);
        assert_eq!(s.session.borrow().spec().send_ports.len(), 1);
    }

    #[test]
    fn discarding_work_asks_first_unless_pristine() {
        let mut s = state();
        s.apply(Action::AskDiscard(Pending::NewDocument));
        assert!(s.modal.is_none(), "nothing to lose");
        let r = s.session.borrow_mut().create_port(PortKind::StaticOneWay);
        assert!(r.is_ok());
        s.apply(Action::AskDiscard(Pending::NewDocument));
        assert!(matches!(s.modal, Some(Modal::ConfirmDiscard { pending: Pending::NewDocument })));
        assert_eq!(s.session.borrow().spec().send_ports.len(), 1, "nothing discarded yet");
        s.apply(Action::ConfirmDiscard(Pending::NewDocument));
        assert!(s.session.borrow().spec().send_ports.is_empty());
    }

    #[test]
    fn an_invalid_link_is_refused_before_any_question() {
        let mut s = state();
        let r = s.session.borrow_mut().create_port(PortKind::StaticOneWay);
        assert!(r.is_ok());
        s.apply(Action::AskDiscard(Pending::Load {
            json: r#"{"format":"portsim-scenario/1","sendPorts":[{"name":"X"}]}"#.into(),
            source_key: "confirm.permalink_body",
        }));
        assert!(matches!(&s.modal, Some(Modal::Errors { title_key: "errors.link_title", .. })), "{:?}", s.modal);
        assert_eq!(s.session.borrow().spec().send_ports[0].name, "SendPort1");
    }

    #[test]
    fn bad_import_leaves_the_model_and_lists_errors() {
        let mut s = state();
        let r = s.session.borrow_mut().create_port(PortKind::StaticOneWay);
        assert!(r.is_ok());
        s.apply(Action::Import { json: r#"{"format":"portsim-scenario/1","sendPorts":[{"name":"X"}]}"#.into() });
        assert!(matches!(&s.modal, Some(Modal::Errors { errors, .. }) if !errors.is_empty()));
        assert_eq!(s.session.borrow().spec().send_ports[0].name, "SendPort1");
    }

    #[test]
    fn perform_records_lifecycle_actions() {
        let mut s = state();
        let r = s.session.borrow_mut().create_port(PortKind::StaticOneWay);
        assert!(r.is_ok());
        s.apply(Action::Perform(SimAction::Lifecycle {
            action: LifecycleAction::Enlist,
            target: Target::Port("SendPort1".into()),
        }));
        assert_eq!(s.session.borrow().spec().script.len(), 1);
        let before = s.doc_version;
        // A change made behind the reducer's back (the JS API) is seen on the next Refresh.
        let loaded = s.session.borrow_mut().load_json(r#"{"format":"portsim-scenario/1","name":"JS"}"#);
        assert!(loaded.is_ok());
        s.apply(Action::Refresh);
        assert!(s.doc_version > before);
    }
}
