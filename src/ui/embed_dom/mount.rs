//! The light embed's page and its update loop: the page is built once on the body (header with the
//! scenario name and "Open full simulator", the problem alert, the clock region, the outcome, the
//! timeline); every message — a click, a clock tick, a slice of a Run to end, a JS API call — goes
//! through `dispatch`, which applies it to the UI-free `EmbedState` (the reducer the embed with
//! charts also uses), redraws what changed, keeps the ticker and the slicer running as the state
//! says, and then announces new trace events to `window.portsim.on` listeners.
//!
//! ```text
//!  click / Interval (ticker, 50 ms) / Timeout 0 (slicer) / JS API ─▶ dispatch(Msg) ─▶ queue
//!     ─▶ EmbedState::apply / TimelineView::update ─▶ render ─▶ timers ─▶ js_api::notify
//! ```
//! A message sent while another is being handled (a listener calling the JS API) waits in the queue.

use super::clock::ClockView;
use super::dom::{document, el, set_attr, set_text};
use super::timeline::{TimelineView, TlMsg};
use super::totals::TotalsView;
use crate::i18n::{t, Lang};
use crate::ui::browser;
use crate::ui::contract::ClockCommand;
use crate::ui::embed::state::{EmbedAction, EmbedState};
use crate::ui::hooks::use_ticker::{MAX_TICK_GAP_MS, TICK_MS};
use gloo::timers::callback::{Interval, Timeout};
use std::cell::{Cell, RefCell};
use std::collections::VecDeque;
use std::rc::Rc;
use web_sys::Element;

/// Everything the page reacts to.
pub enum Msg {
    Embed(EmbedAction),
    /// The Play/Pause button: Pause while playing, else Play.
    PlayPause,
    Timeline(TlMsg),
}

struct App {
    state: EmbedState,
    title: Element,
    open_full: Element,
    /// The "Open full simulator" address and the session revision it was made for.
    href: Option<(u64, String)>,
    clock: ClockView,
    totals: TotalsView,
    timeline: TimelineView,
    ticker: Option<Interval>,
    slicer: Option<Timeout>,
    /// When the Run to end in progress began (real ms), for its events per second.
    run_started: Option<f64>,
}

thread_local! {
    static APP: RefCell<Option<App>> = const { RefCell::new(None) };
    static QUEUE: RefCell<VecDeque<Msg>> = const { RefCell::new(VecDeque::new()) };
    static BUSY: Cell<bool> = const { Cell::new(false) };
}

/// Builds the page for `state` on the body and starts it (called once by `embed_dom::start`).
pub fn mount(state: EmbedState) -> Option<()> {
    let body = document()?.body()?;
    let lang = state.lang;
    let title = el("h1")?.class("embed-title");
    let open_full =
        el("a")?.class("btn").attr("target", "_blank").attr("rel", "noopener").text(t(lang, "embed.open_full"));
    let header = el("header")?.class("topbar embed-bar").child(&title).child(&open_full);
    let mut main = el("main")?.class("embed-main");
    if lang == Lang::Fr && !crate::i18n::french_ready() {
        // `embed_dom::start` waited for the French texts, and they did not come (ui::french).
        main =
            main.child(&el("p")?.class("embed-notice").attr("role", "status").text(t(lang, "status.french_missing")));
    }
    if let Some(problem) = &state.problem {
        main = main.child(&super::problem::build(lang, problem)?);
    }
    let (clock_el, clock) = ClockView::build(lang)?;
    let (totals_el, totals) = TotalsView::build(lang)?;
    let (timeline_el, timeline) = TimelineView::build(lang)?;
    // The Timeline is its own "Timeline" region: a plain wrapper keeps landmarks unique.
    let main = main.child(&clock_el).child(&totals_el).child(&el("div")?.class("embed-timeline").child(&timeline_el));
    let page = el("div")?.class("app embed").child(&header).child(&main);
    body.append_child(&page.0).ok()?;
    browser::set_document_lang(lang.code(), t(lang, "app.title"));
    let session = state.session.clone();
    APP.with(|a| {
        *a.borrow_mut() = Some(App {
            state,
            title: title.0,
            open_full: open_full.0,
            href: None,
            clock,
            totals,
            timeline,
            ticker: None,
            slicer: None,
            run_started: None,
        })
    });
    crate::ui::js_api::install_embed(session, Rc::new(|| dispatch(Msg::Embed(EmbedAction::Refresh))));
    // The timeline measures its plot after each render: a resize redraws it at the new width.
    if let Some(window) = web_sys::window() {
        super::dom::listen(&window, "resize", |_| dispatch(Msg::Timeline(TlMsg::Redraw)));
    }
    dispatch(Msg::Embed(EmbedAction::Refresh));
    Some(())
}

/// Handles `msg` (and any sent meanwhile), then redraws once and announces new trace events.
pub fn dispatch(msg: Msg) {
    QUEUE.with(|q| q.borrow_mut().push_back(msg));
    if BUSY.with(|b| b.replace(true)) {
        return;
    }
    while let Some(msg) = QUEUE.with(|q| q.borrow_mut().pop_front()) {
        APP.with(|a| {
            if let Some(app) = a.borrow_mut().as_mut() {
                app.update(msg);
                app.render();
            }
        });
    }
    BUSY.with(|b| b.set(false));
    crate::ui::js_api::notify();
}

impl App {
    fn update(&mut self, msg: Msg) {
        let action = match msg {
            Msg::Embed(a) => Some(a),
            Msg::PlayPause => Some(EmbedAction::Clock(if self.state.clock.playing {
                ClockCommand::Pause
            } else {
                ClockCommand::Play
            })),
            Msg::Timeline(m) => self.timeline.update(m),
        };
        if let Some(a) = action {
            self.state.apply(a);
        }
    }

    fn render(&mut self) {
        let lang: Lang = self.state.lang;
        let (name, revision, totals, sim) = {
            let s = self.state.session.borrow();
            let totals = s.sim().borrow().totals();
            (s.spec().name.clone(), s.revision(), totals, s.sim())
        };
        set_text(&self.title, &crate::ui::components::format::doc_name(lang, &name));
        // The link it was opened with while the scenario is unchanged; else the scenario stored
        // uncompressed (no compressor in the embed's wasm).
        if self.href.as_ref().is_none_or(|(r, _)| *r != revision) {
            let payload = match &self.state.link {
                Some((at, payload)) if *at == revision => payload.clone(),
                _ => crate::share::encode_scenario_stored(&self.state.session.borrow().to_json()),
            };
            let href = format!("{}#s={payload}", browser::full_page_url());
            set_attr(&self.open_full, "href", Some(&href));
            self.href = Some((revision, href));
        }
        self.clock.render(&self.state);
        self.totals.render(&totals);
        let running = self.state.clock.run.is_some() || self.state.clock.playing;
        self.timeline.render(&sim, self.state.version, lang, self.state.selected, running);
        self.keep_timers();
    }

    /// The ticker runs while the clock plays; while a Run to end is in progress the next slice is
    /// asked after this frame (a 0 ms timeout: input and painting happen in between).
    fn keep_timers(&mut self) {
        if self.state.clock.playing {
            if self.ticker.is_none() {
                let mut last = js_sys::Date::now();
                self.ticker = Some(Interval::new(TICK_MS, move || {
                    let now = js_sys::Date::now();
                    let gap = (now - last).clamp(0.0, MAX_TICK_GAP_MS);
                    last = now;
                    dispatch(Msg::Embed(EmbedAction::Tick(gap as u64)));
                }));
            }
        } else {
            self.ticker = None;
        }
        if self.state.clock.run.is_some() {
            let start = *self.run_started.get_or_insert_with(js_sys::Date::now);
            self.slicer = Some(Timeout::new(0, move || {
                let ms = (js_sys::Date::now() - start).max(0.0) as u64;
                dispatch(Msg::Embed(EmbedAction::RunSlice(ms)));
            }));
        } else {
            self.run_started = None;
            self.slicer = None;
        }
    }
}
