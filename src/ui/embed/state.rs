//! The light embed's state: the linked scenario's session, the clock, the language and the selected
//! instance. Pure (no storage, no DOM), so it is tested natively. A small reducer of its own keeps
//! the full page's editing actions (and their code) out of the embed's wasm.

use crate::engine::scenario::ScenarioError;
use crate::engine::time::SimDuration;
use crate::i18n::Lang;
use crate::ui::contract::{ClockCommand, ClockState, RunJob, SimView};
use crate::ui::persist::permalink_payload;
use crate::ui::session::Session;
use crate::ui::state::DEFAULT_SPEED;
use std::cell::RefCell;
use std::rc::Rc;
use yew::Reducible;

/// Why the embed shows no scenario.
#[derive(Debug, Clone, PartialEq)]
pub enum EmbedProblem {
    /// The `#s=` payload could not be decoded: the catalogue key of the alert's first line
    /// (a damaged link, or a browser that cannot inflate it) and the translated reason.
    BadLink { headline: &'static str, detail: String },
    /// The linked scenario is not valid: every error with its JSON path.
    Invalid(Vec<ScenarioError>),
}

/// What the embed page can do.
#[derive(Debug, Clone, PartialEq)]
pub enum EmbedAction {
    Clock(ClockCommand),
    /// Real milliseconds since the previous tick (from the ticker hook).
    Tick(u64),
    /// Rerun from time 0 with every work limit ×10 (`true`) or ÷10 (`false`).
    RerunWithLimits(bool),
    /// One slice of a Run to end in progress (from the slicer hook): real ms since it began.
    RunSlice(u64),
    SelectInstance(Option<u64>),
    /// The session changed behind the reducer's back (JS API): re-render.
    Refresh,
}

#[derive(Clone)]
pub struct EmbedState {
    pub session: Rc<RefCell<Session>>,
    pub version: u64,
    pub lang: Lang,
    pub clock: ClockState,
    pub selected: Option<u64>,
    pub problem: Option<EmbedProblem>,
    /// The `#s=` payload the embed was opened with and the session revision it describes: reused
    /// for the "Open full simulator" link while the scenario is unchanged.
    pub link: Option<(u64, String)>,
}

impl PartialEq for EmbedState {
    fn eq(&self, other: &Self) -> bool {
        self.version == other.version && Rc::ptr_eq(&self.session, &other.session)
    }
}

/// The language: `?lang=fr|en` first, else the one the visitor chose in the full simulator
/// (read, never written), else the browser's.
pub fn embed_lang(query: &str, stored: Option<&str>, navigator: &str) -> Lang {
    match query.trim_start_matches('?').split('&').find_map(|p| p.strip_prefix("lang=")) {
        Some(asked) => Lang::from_tag(asked),
        None => crate::ui::persist::choose_lang(stored, navigator),
    }
}

/// `?play`: the embed plays its scenario from the start instead of opening on the run-to-end
/// summary.
pub fn embed_wants_play(query: &str) -> bool {
    query.trim_start_matches('?').split('&').any(|p| p == "play" || p == "play=1")
}

impl EmbedState {
    /// The first state, from the page's `location.hash`, `location.search`, the stored language
    /// choice and `navigator.language`. No payload shows an empty scenario (the JS API can still
    /// load one).
    pub fn boot(hash: &str, query: &str, stored_lang: Option<&str>, navigator: &str) -> EmbedState {
        let decoded = permalink_payload(hash).map(crate::share::decode_scenario);
        EmbedState::boot_decoded(hash, query, stored_lang, navigator, decoded)
    }

    /// [`EmbedState::boot`] with the link's scenario already decoded (`None`: the page has no
    /// link): the light embed inflates it with the browser's decompressor (`embed_dom::inflate`).
    pub fn boot_decoded(
        hash: &str,
        query: &str,
        stored_lang: Option<&str>,
        navigator: &str,
        decoded: Option<Result<String, crate::share::ShareError>>,
    ) -> EmbedState {
        let lang = embed_lang(query, stored_lang, navigator);
        let payload = permalink_payload(hash);
        let (session, problem) = match decoded {
            None => (Session::empty(), None),
            Some(Err(e)) => {
                let (key, args) = e.message_key();
                let args: Vec<(&str, &str)> = args.iter().map(|(k, v)| (*k, v.as_str())).collect();
                let detail = crate::i18n::tf(lang, key, &args);
                (Session::empty(), Some(EmbedProblem::BadLink { headline: e.embed_headline_key(), detail }))
            }
            Some(Ok(json)) => match Session::from_json(&json) {
                Ok(s) => (s, None),
                Err(e) => (Session::empty(), Some(EmbedProblem::Invalid(e.errors))),
            },
        };
        // No Undo in an embed: nothing keeps copies of the documents it is given.
        let session = session.without_undo();
        let link = match (&problem, payload) {
            (None, Some(p)) => Some((session.revision(), p.to_string())),
            _ => None,
        };
        let linked = link.is_some();
        let mut state = EmbedState {
            link,
            session: Rc::new(RefCell::new(session)),
            version: 0,
            lang,
            clock: ClockState { playing: false, speed: DEFAULT_SPEED, run: None },
            selected: None,
            problem,
        };
        // Issue 11 #10: a linked scenario opens on its run-to-end summary (outcome and timeline
        // filled, in slices like any Run to end), or plays from its start with `?play`.
        if linked {
            if embed_wants_play(query) {
                state.clock.playing = !state.session.borrow().is_finished();
            } else {
                state.start_run();
            }
        }
        state
    }

    pub fn view(&self) -> SimView {
        SimView { sim: self.session.borrow().sim(), version: self.version }
    }

    /// Applies one action in place (used by `reduce` and by the native tests).
    pub fn apply(&mut self, action: EmbedAction) {
        match action {
            EmbedAction::Clock(cmd) => match cmd {
                ClockCommand::Play => self.clock.playing = !self.session.borrow().is_finished(),
                ClockCommand::Pause => self.clock.playing = false,
                ClockCommand::Step => {
                    self.clock.playing = false;
                    self.session.borrow_mut().step();
                }
                ClockCommand::RunToEnd => {
                    self.clock.playing = false;
                    self.start_run();
                }
                ClockCommand::SetSpeed(v) => self.clock.speed = v.max(1),
                // Nothing of the visitor's can be lost in an embed: reset without asking.
                ClockCommand::Reset => {
                    self.clock.playing = false;
                    self.clock.run = None;
                    self.session.borrow_mut().reset_clock();
                }
                ClockCommand::Stop => {
                    self.clock.playing = false;
                    self.clock.run = None;
                }
            },
            EmbedAction::Tick(real_ms) => {
                if self.clock.playing {
                    // At most one slice of events per tick, as in the full page (issue 9 §7).
                    let mut s = self.session.borrow_mut();
                    let target = s.now().plus(SimDuration(real_ms.saturating_mul(self.clock.speed as u64)));
                    crate::ui::slice_budget::run_budgeted(|n| s.run_slice(target, n));
                    if s.is_finished() {
                        self.clock.playing = false;
                    }
                }
            }
            EmbedAction::RunSlice(real_ms) => self.run_slice(real_ms),
            EmbedAction::RerunWithLimits(higher) => {
                {
                    let mut s = self.session.borrow_mut();
                    let next = crate::ui::state::rerun_limits(s.limits(), higher);
                    s.set_limits(next);
                    s.reset_clock();
                }
                self.clock.playing = false;
                self.start_run();
            }
            EmbedAction::SelectInstance(i) => self.selected = i,
            EmbedAction::Refresh => {}
        }
        self.version += 1;
    }
}

impl EmbedState {
    /// Run to end in slices, as the full page does (issue 9 §7): the first slice now, the rest one
    /// per frame while `clock.run` is set, so the page keeps answering and Stop works.
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
            Rc::as_ptr(&session.sim()) as usize != job.sim_ptr
                || crate::ui::slice_budget::run_budgeted(|n| session.run_to_end_slice(n))
        };
        self.clock.run = (!done).then_some(job);
    }
}

impl Reducible for EmbedState {
    type Action = EmbedAction;
    fn reduce(self: Rc<Self>, action: EmbedAction) -> Rc<Self> {
        let mut next = (*self).clone();
        next.apply(action);
        Rc::new(next)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn link(json: &str) -> String {
        format!("s={}", crate::share::encode_scenario(json))
    }

    #[test]
    fn boots_on_the_linked_scenario_and_runs_it() {
        let preset = crate::presets::by_id("backup_transport").map(|p| p.json()).unwrap_or_default();
        let mut s = EmbedState::boot(&link(preset), "", None, "en-GB");
        assert_eq!(s.problem, None);
        let revision = s.session.borrow().revision();
        assert_eq!(s.link.as_ref().map(|(r, p)| (*r, p.as_str())), Some((revision, &link(preset)[2..])));
        assert_eq!(s.lang, Lang::En);
        assert!(!s.session.borrow().spec().send_ports.is_empty());
        // Issue 11 #10: it opens on the run-to-end summary (a small scenario ends in the first slice).
        assert_eq!(s.clock.run, None);
        assert!(!s.clock.playing);
        assert!(s.session.borrow().is_finished());
        let end = s.session.borrow().now();
        assert!(end.as_ms() > 0);
        assert!(s.session.borrow().sim().borrow().report().totals.messages > 0);
        s.apply(EmbedAction::Clock(ClockCommand::Reset));
        assert_eq!(s.session.borrow().now().as_ms(), 0);
        let v = s.version;
        s.apply(EmbedAction::Clock(ClockCommand::RunToEnd));
        assert_eq!(s.version, v + 1);
        while s.clock.run.is_some() {
            s.apply(EmbedAction::RunSlice(16));
        }
        assert_eq!(s.session.borrow().now(), end, "Run to end again reaches the same end");
    }

    #[test]
    fn an_embed_keeps_no_undo_copies_of_the_documents_it_is_given() {
        let preset = crate::presets::by_id("backup_transport").map(|p| p.json()).unwrap_or_default();
        let s = EmbedState::boot(&link(preset), "", None, "en");
        let other = crate::presets::by_id("partner_broadcast").map(|p| p.json()).unwrap_or_default();
        for json in [other, preset, other] {
            assert!(s.session.borrow_mut().load_json(json).is_ok());
            assert!(!s.session.borrow().can_undo(), "the JS API's loadScenario keeps no copy");
        }
        assert_eq!(
            s.session.borrow().spec().name,
            crate::ui::session::Session::from_json(other).map(|x| x.spec().name.clone()).unwrap_or_default()
        );
        // The same load in a page session (the full page) is undoable.
        let mut page =
            crate::ui::session::Session::from_json(preset).unwrap_or_else(|_| crate::ui::session::Session::empty());
        assert!(page.load_json(other).is_ok());
        assert!(page.can_undo());
    }

    #[test]
    fn play_in_the_query_plays_from_the_start_instead() {
        let preset = crate::presets::by_id("backup_transport").map(|p| p.json()).unwrap_or_default();
        let s = EmbedState::boot(&link(preset), "?play", None, "");
        assert!(s.clock.playing);
        assert_eq!(s.clock.run, None);
        assert_eq!(s.session.borrow().now().as_ms(), 0);
        assert!(embed_wants_play("?charts&play") && !embed_wants_play("?display") && !embed_wants_play(""));
        let empty = EmbedState::boot("", "?play", None, "");
        assert!(!empty.clock.playing && empty.clock.run.is_none(), "nothing linked: nothing to run");
    }

    #[test]
    fn a_playing_clock_advances_by_speed_and_stops_at_the_end() {
        let preset = crate::presets::by_id("backup_transport").map(|p| p.json()).unwrap_or_default();
        let mut s = EmbedState::boot(&link(preset), "", None, "");
        s.apply(EmbedAction::Clock(ClockCommand::Reset));
        s.apply(EmbedAction::Tick(1000));
        assert_eq!(s.session.borrow().now().as_ms(), 0, "a paused clock does not move");
        s.apply(EmbedAction::Clock(ClockCommand::SetSpeed(1000)));
        s.apply(EmbedAction::Clock(ClockCommand::Play));
        s.apply(EmbedAction::Tick(50));
        assert_eq!(s.session.borrow().now().as_ms(), 50_000);
        for _ in 0..100_000 {
            if !s.clock.playing {
                break;
            }
            s.apply(EmbedAction::Tick(250));
        }
        assert!(!s.clock.playing);
        assert!(s.session.borrow().is_finished());
    }

    #[test]
    fn a_damaged_or_invalid_link_is_reported_not_run() {
        let s = EmbedState::boot("s=1.not*base64", "", None, "");
        assert!(matches!(s.problem, Some(EmbedProblem::BadLink { .. })));
        let s = EmbedState::boot(&link(r#"{"format":"portsim-scenario/1","sendPorts":[{"name":""}]}"#), "", None, "");
        match s.problem {
            Some(EmbedProblem::Invalid(errors)) => assert!(errors.iter().any(|e| e.path.contains("sendPorts"))),
            other => panic!("expected validation errors, got {other:?}"),
        }
        let s = EmbedState::boot("", "", None, "");
        assert_eq!(s.problem, None, "no link: an empty scenario the JS API can fill");
    }

    #[test]
    fn language_from_the_query_then_the_visitors_choice_then_the_browser() {
        assert_eq!(embed_lang("?lang=fr", Some("en"), "en-US"), Lang::Fr);
        assert_eq!(embed_lang("?x=1&lang=en", Some("fr"), "fr-FR"), Lang::En);
        assert_eq!(embed_lang("", Some("fr"), "en-US"), Lang::Fr, "the visitor's choice in the full page");
        assert_eq!(embed_lang("", None, "fr-CA"), Lang::Fr);
        assert_eq!(embed_lang("?embed", None, "de"), Lang::En);
    }
}
