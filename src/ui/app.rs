//! The app shell: boots the session (permalink, autosave, language), owns the reducer, runs the
//! ticker, persists, installs `window.portsim`, and lays out the page — header; the tree (nav);
//! the work area (main: details/editors, inject, topology, learn); the observation region
//! (clock, instances hub, timeline, why, event log); dialogs. `?embed` never reaches this wasm:
//! index.html sends it to the light embed (`embed/`, src/ui/embed.rs) before loading it.

use super::autosave_versions as versions;
use super::browser;
use super::components::charts_panel::ChartsPanel;
use super::components::clock_bar::ClockBar;
use super::components::compare_panel::ComparePanel;
use super::components::detail::Detail;
use super::components::dialogs::Dialogs;
use super::components::event_log::EventLog;
use super::components::header::Header;
use super::components::inject_panel::InjectPanel;
use super::components::instances_hub::InstancesHub;
use super::components::lesson_panel::LessonPanel;
use super::components::operations::Operations;
use super::components::preset_gallery::PresetGallery;
use super::components::run_progress::RunProgress;
use super::components::splitter::{parse_split, Splitter, SPLIT_KEY};
use super::components::sweep_panel::SweepPanel;
use super::components::timeline::Timeline;
use super::components::topology::Topology;
use super::components::tree::Tree;
use super::components::tutorial_panel::TutorialPanel;
use super::components::why_panel::WhyPanel;
use super::contract::ObserveProps;
use super::hooks::use_ticker::{use_slicer, use_ticker};
use super::persist::{self, SavedView};
use super::session::Session;
use super::state::{Action, Modal, ObserveTab, Pending, ShellProps, UiState, WorkTab};
use crate::i18n::{t, tn, Lang};
use std::rc::Rc;
use yew::prelude::*;

/// The page's first language: the visitor's remembered choice, else the browser's.
pub fn boot_lang() -> Lang {
    persist::choose_lang(browser::storage_get(persist::LANG_KEY).as_deref(), &browser::navigator_language())
}

/// Builds the first state: autosave (or a set-aside notice), then a permalink on top (asking
/// before it replaces non-empty work), the language from storage or the browser.
fn boot() -> UiState {
    let lang = boot_lang();
    let mut notice: Option<Modal> = None;
    let mut autosave_paused = false;
    let stored = browser::storage_get(persist::AUTOSAVE_KEY);
    let (session, view) = match stored {
        None => (Session::empty(), SavedView::default()),
        Some(value) => match persist::restore(&value) {
            Ok(restored) => restored,
            Err(err) => {
                // The original is removed only once its copy is verified; otherwise it stays
                // where it is, autosave pauses so nothing overwrites it, and the notice says so.
                let set_aside = browser::storage_set(persist::SET_ASIDE_KEY, &value)
                    && browser::storage_get(persist::SET_ASIDE_KEY).as_deref() == Some(value.as_str());
                if set_aside {
                    browser::storage_remove(persist::AUTOSAVE_KEY);
                } else {
                    browser::storage_remove(persist::SET_ASIDE_KEY);
                    autosave_paused = true;
                }
                let key = persist::restore_notice_key(&err, set_aside);
                notice = Some(Modal::Notice { key, detail: value, file: "portsim-set-aside.json" });
                (Session::empty(), SavedView::default())
            }
        },
    };
    let mut state = UiState::new(session, lang);
    state.selection = view.selection;
    state.work_tab = view.work_tab;
    state.observe_tab = view.observe_tab;
    state.inject_form = view.inject;
    state.modal = notice;
    state.autosave_paused = autosave_paused;
    if !crate::i18n::french_ready() && lang == Lang::Fr {
        // `ui::start` waited for the French texts, and they did not come (super::french).
        state.status = t(lang, "status.french_missing").to_string();
    }
    // Lesson progress (a corrupt value starts fresh).
    let saved = browser::storage_get(crate::tutorials::PROGRESS_STORAGE_KEY);
    let progress = saved.map(|s| crate::tutorials::progress_from_str(&s)).unwrap_or_default();
    state.lesson = super::lesson_state::LessonState::from_progress(progress);
    let hash = browser::hash();
    // A shared comparison (`#s=B&a=A`): A is kept beside the linked document B.
    if let Some(a) = persist::compare_payload(&hash).and_then(|p| crate::share::decode_scenario(p).ok()) {
        state.apply(Action::SetCompareA(a));
    }
    if let Some(payload) = persist::permalink_payload(&hash) {
        match crate::share::decode_scenario(payload) {
            Ok(json) => {
                state.apply(Action::AskDiscard(Pending::Load { json, source_key: "confirm.permalink_body" }));
                // Handled once: a reload must not ask again.
                browser::clear_hash();
            }
            Err(err) => {
                state.modal = Some(Modal::Notice { key: err.headline_key(), detail: err.to_string(), file: "" });
                browser::clear_hash();
            }
        }
    }
    state
}

/// Mounts the app on the page body.
pub fn start() {
    // Slices of a long run are cut by elapsed time (issue 9 §7).
    crate::ui::slice_budget::install_clock(crate::ui::slice_budget::browser_now);
    yew::Renderer::<App>::new().render();
}

fn observe_props(state: &Rc<UiState>, dispatch: &Callback<Action>) -> ObserveProps {
    ObserveProps {
        view: state.view(),
        lang: state.lang,
        on_action: dispatch.reform(Action::Perform),
        selected: state.selected_instance,
        on_select: dispatch.reform(Action::SelectInstance),
        on_why: dispatch.reform(Action::WhyInstance),
        has_why: true,
        running: state.clock.run.is_some() || state.clock.playing,
    }
}

#[component(App)]
pub fn app() -> Html {
    let state = use_reducer(boot);
    let dispatch: Callback<Action> = {
        let d = state.dispatcher();
        Callback::from(move |a: Action| d.dispatch(a))
    };
    // The work/observation split (remembered; issue 11 #6).
    let split = use_state(|| parse_split(browser::storage_get(SPLIT_KEY).as_deref()));
    let layout_ref = use_node_ref();
    let on_split = {
        let split = split.clone();
        Callback::from(move |v: u32| {
            if v != *split {
                browser::storage_set(SPLIT_KEY, &v.to_string());
                split.set(v);
            }
        })
    };
    let lang = state.lang;

    // The ticker: the only wall-clock code.
    use_ticker(state.clock.playing, dispatch.reform(Action::Tick));
    // Run to end in slices, one per frame, while it is in progress (issue 9 §7).
    use_slicer(state.clock.run.is_some(), state.version, dispatch.reform(Action::RunSlice));

    // window.portsim over the same session; re-render after each verb.
    {
        let session = state.session.clone();
        let d = state.dispatcher();
        use_effect_with((), move |_| {
            super::js_api::install(session, Rc::new(move || d.dispatch(Action::Refresh)));
            // Issue 14 §3, §4: interactive now; warm the engine while the page is idle.
            super::warm_up::page_interactive(&browser::query());
        });
    }
    // Announce new trace events to `portsim.on` listeners after every change.
    use_effect_with(state.version, |_| super::js_api::notify());
    // Issue 13: the Charts aggregates follow the run, a slice's new facts at a time (in a task of
    // their own), so Charts opened after a large run only draws.
    {
        let sim = state.session.borrow().sim();
        use_effect_with(state.version, move |_| super::components::charts_panel::follow_run(&sim));
    }

    // Language: set on <html lang> and the title, and remembered.
    use_effect_with(lang, move |lang| {
        browser::storage_set(persist::LANG_KEY, lang.code());
        browser::set_document_lang(lang.code(), t(*lang, "app.title"));
    });

    // Autosave the document and the view.
    // Every write is checked: the first failure of a streak shows a notice offering Export.
    let save_failed = use_mut_ref(|| false);
    let version_failed = use_mut_ref(|| false);
    // The document last kept as a version (skips re-reading the ring when only the view changed).
    let versioned = use_mut_ref(|| None::<String>);
    {
        let key =
            (state.doc_version, state.selection.clone(), state.work_tab, state.observe_tab, state.inject_form.clone());
        let state = state.clone();
        let d = state.dispatcher();
        use_effect_with(key, move |_| {
            if !state.autosave_paused {
                let view = SavedView {
                    selection: state.selection.clone(),
                    work_tab: state.work_tab,
                    observe_tab: state.observe_tab,
                    inject: state.inject_form.clone(),
                };
                let json = state.session.borrow().to_json();
                let value = persist::autosave_value(&json, &view);
                let mut saved = browser::storage_set(persist::AUTOSAVE_KEY, &value);
                // Storage full: the earlier versions give way to the autosave (the work comes first).
                if !saved && browser::storage_get(versions::VERSIONS_KEY).is_some() {
                    browser::storage_remove(versions::VERSIONS_KEY);
                    *versioned.borrow_mut() = None;
                    saved = browser::storage_set(persist::AUTOSAVE_KEY, &value);
                    if saved {
                        d.dispatch(Action::SetStatus(t(state.lang, "status.versions_dropped").to_string()));
                    }
                }
                let was_failing = std::mem::replace(&mut *save_failed.borrow_mut(), !saved);
                if !saved && !was_failing {
                    d.dispatch(Action::ShowModal(Modal::Notice {
                        key: "notice.autosave_failed",
                        detail: json.clone(),
                        file: "portsim-scenario.json",
                    }));
                }
                // A new earlier version when the document changed (not for a view change). A failed
                // write leaves the stored ring as it was and says so once; the autosave is kept.
                if saved && versioned.borrow().as_deref() != Some(json.as_str()) {
                    let ring = versions::parse(browser::storage_get(versions::VERSIONS_KEY).as_deref());
                    let name = state.session.borrow().spec().name.clone();
                    let ok = match versions::push(&ring, &json, &name, js_sys::Date::now()) {
                        Some(next) => browser::storage_set(versions::VERSIONS_KEY, &versions::serialize(&next)),
                        None => true,
                    };
                    *versioned.borrow_mut() = ok.then_some(json);
                    let was_failing = std::mem::replace(&mut *version_failed.borrow_mut(), !ok);
                    if !ok && !was_failing {
                        d.dispatch(Action::SetStatus(t(state.lang, "status.version_not_kept").to_string()));
                    }
                }
            }
        });
    }

    // Lesson progress is saved whenever it changes; a refusal is shown in the Learn tab.
    let progress_error = use_state(|| false);
    {
        let progress = state.lesson.progress.clone();
        let progress_error = progress_error.clone();
        use_effect_with(progress, move |progress| {
            let text = crate::tutorials::progress_to_string(progress);
            let ok = browser::storage_get(crate::tutorials::PROGRESS_STORAGE_KEY).as_deref() == Some(text.as_str())
                || browser::storage_set(crate::tutorials::PROGRESS_STORAGE_KEY, &text);
            progress_error.set(!ok);
        });
    }

    // Tabs of the full page coordinate who saves (tabs.rs).
    {
        let dispatch = dispatch.clone();
        use_effect_with((), move |_| {
            let listener = super::tabs::start(dispatch);
            move || drop(listener)
        });
    }

    // A permalink pasted into the address bar of the open page (a fragment navigation).
    {
        let dispatch = dispatch.clone();
        use_effect_with((), move |_| {
            let listener = web_sys::window().map(|w| {
                gloo::events::EventListener::new(&w, "hashchange", move |_| {
                    let hash = browser::hash();
                    let Some(payload) = persist::permalink_payload(&hash) else { return };
                    match crate::share::decode_scenario(payload) {
                        Ok(json) => dispatch
                            .emit(Action::AskDiscard(Pending::Load { json, source_key: "confirm.permalink_body" })),
                        Err(err) => dispatch.emit(Action::ShowModal(Modal::Notice {
                            key: err.headline_key(),
                            detail: err.to_string(),
                            file: "",
                        })),
                    }
                    browser::clear_hash();
                })
            });
            move || drop(listener)
        });
    }

    // Ctrl+Z / Ctrl+Shift+Z (and Ctrl+Y) outside text fields.
    {
        let dispatch = dispatch.clone();
        use_effect_with((), move |_| {
            let listener = web_sys::window().map(|w| {
                gloo::events::EventListener::new_with_options(
                    &w,
                    "keydown",
                    gloo::events::EventListenerOptions::enable_prevent_default(),
                    move |e| {
                        use wasm_bindgen::JsCast;
                        let Some(e) = e.dyn_ref::<web_sys::KeyboardEvent>() else { return };
                        if !(e.ctrl_key() || e.meta_key()) {
                            return;
                        }
                        let in_text = e
                            .target()
                            .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
                            .map(|el| matches!(el.tag_name().as_str(), "INPUT" | "TEXTAREA" | "SELECT"))
                            .unwrap_or(false);
                        if in_text {
                            return;
                        }
                        match (e.key().to_ascii_lowercase().as_str(), e.shift_key()) {
                            ("z", false) => {
                                e.prevent_default();
                                dispatch.emit(Action::Undo);
                            }
                            ("z", true) | ("y", false) => {
                                e.prevent_default();
                                dispatch.emit(Action::Redo);
                            }
                            _ => {}
                        }
                    },
                )
            });
            move || drop(listener)
        });
    }

    let shell = ShellProps { state: Rc::new((*state).clone()), dispatch: dispatch.clone() };
    let shell_state: Rc<UiState> = shell.state.clone();
    // Reset clock never asks: the recorded script replays, nothing of the work is lost (§13).
    let on_clock = dispatch.reform(Action::Clock);
    let start_clock = state.session.borrow().scenario().start_clock;
    let on_rerun = dispatch.reform(Action::RerunWithLimits);
    let clock = html! {
        <>
            <ClockBar view={state.view()} {lang} clock={state.clock} on_clock={on_clock.clone()} {start_clock} />
            <RunProgress view={state.view()} {lang} run={state.clock.run} {on_clock} {on_rerun} />
        </>
    };
    let obs = observe_props(&shell_state, &dispatch);
    let on_load =
        dispatch.reform(|json: String| Action::AskDiscard(Pending::Load { json, source_key: "confirm.preset_body" }));

    let work_tabs = [
        (WorkTab::Details, "work.details"),
        (WorkTab::Inject, "work.inject"),
        (WorkTab::Operations, "work.operations"),
        (WorkTab::Topology, "work.topology"),
        (WorkTab::Learn, "work.learn"),
    ];
    let observe_tabs = [
        (ObserveTab::Instances, "observe.instances"),
        (ObserveTab::Timeline, "observe.timeline"),
        (ObserveTab::Why, "observe.why"),
        (ObserveTab::EventLog, "observe.log"),
        (ObserveTab::Charts, "observe.charts"),
        (ObserveTab::Compare, "observe.compare"),
        (ObserveTab::Sweep, "observe.sweep"),
    ];
    let work = match state.work_tab {
        WorkTab::Details => html! { <Detail state={shell_state.clone()} dispatch={dispatch.clone()} /> },
        WorkTab::Inject => html! { <InjectPanel state={shell_state.clone()} dispatch={dispatch.clone()} /> },
        WorkTab::Operations => html! { <Operations state={shell_state.clone()} dispatch={dispatch.clone()} /> },
        WorkTab::Topology => html! { <Topology ..obs.clone() /> },
        WorkTab::Learn => html! {
            <div class="learn">
                <TutorialPanel shell={shell.clone()} storage_error={*progress_error} />
                <PresetGallery {lang} on_load={on_load.clone()} on_status={dispatch.reform(Action::SetStatus)} />
            </div>
        },
    };
    let observe = match state.observe_tab {
        ObserveTab::Instances => html! { <InstancesHub ..obs.clone() /> },
        ObserveTab::Timeline => html! { <Timeline ..obs.clone() /> },
        ObserveTab::Why => html! { <WhyPanel ..obs.clone() /> },
        ObserveTab::EventLog => html! { <EventLog ..obs.clone() /> },
        ObserveTab::Charts => html! { <ChartsPanel ..obs.clone() /> },
        ObserveTab::Compare => html! { <ComparePanel state={shell_state.clone()} dispatch={dispatch.clone()} /> },
        ObserveTab::Sweep => html! { <SweepPanel state={shell_state.clone()} dispatch={dispatch.clone()} /> },
    };
    let warnings = state.session.borrow().scenario().warnings.len();
    html! {
        <div class="app">
            <div class="frame" inert={state.modal.is_some()}>
            <a class="skip-link" href="#work">{ t(lang, "app.skip") }</a>
            <Header state={shell_state.clone()} dispatch={dispatch.clone()} />
            <div class="clock-region" role="region" aria-label={t(lang, "region.clock")}>{ clock }</div>
            <div class={classes!("layout", state.lesson.open.then_some("with-lesson"))} ref={layout_ref.clone()}
                style={format!("grid-template-rows: minmax(0, {}fr) auto minmax(0, {}fr)", *split, 100 - *split)}>
                <Tree state={shell_state.clone()} dispatch={dispatch.clone()} />
                if state.lesson.open {
                    <LessonPanel state={shell_state.clone()} dispatch={dispatch.clone()} />
                }
                <main id="work" class="work" tabindex="-1">
                    { tabs("work", lang, &work_tabs, state.work_tab, dispatch.reform(Action::SetWorkTab)) }
                    <div class="tab-panel" role="tabpanel" id="work-panel" aria-labelledby={format!("work-tab-{}", tab_index(&work_tabs, state.work_tab))}>
                        { work }
                    </div>
                </main>
                <Splitter {lang} value={*split} on_change={on_split} container={layout_ref} />
                <section class="observe" aria-label={t(lang, "region.observe")}>
                    { tabs("observe", lang, &observe_tabs, state.observe_tab, dispatch.reform(Action::SetObserveTab)) }
                    <div class="tab-panel" role="tabpanel" id="observe-panel" aria-labelledby={format!("observe-tab-{}", tab_index(&observe_tabs, state.observe_tab))}>
                        { observe }
                    </div>
                </section>
            </div>
            <footer class="statusbar">
                <span role="status" aria-live="polite">{ state.status.clone() }</span>
                if warnings > 0 {
                    <span class="warn-count">{ tn(lang, "status.warnings", warnings as u64, &[]) }</span>
                }
            </footer>
            </div>
            // Mounted only while a dialog is open: the first render neither runs nor has V8 compile
            // (a wasm function is compiled at its first call) the dialogs' 20 kB view (issue 14 §4).
            if state.modal.is_some() {
                <Dialogs state={shell_state} dispatch={dispatch} />
            }
        </div>
    }
}

fn tab_index<T: PartialEq>(tabs: &[(T, &str)], current: T) -> usize {
    tabs.iter().position(|(t, _)| *t == current).unwrap_or(0)
}

/// A row of ARIA tabs (←/→ move between them).
fn tabs<T: PartialEq + Copy + 'static>(
    prefix: &'static str,
    lang: Lang,
    tabs: &[(T, &'static str)],
    current: T,
    on_select: Callback<T>,
) -> Html {
    let all: Vec<T> = tabs.iter().map(|(t, _)| *t).collect();
    html! {
        <div class="tabs" role="tablist" aria-label={t(lang, &format!("{prefix}.tabs"))}>
            { for tabs.iter().enumerate().map(|(i, (tab, key))| {
                let selected = *tab == current;
                let tab = *tab;
                let onclick = on_select.reform(move |_: MouseEvent| tab);
                let onkeydown = {
                    let on_select = on_select.clone();
                    let all = all.clone();
                    Callback::from(move |e: KeyboardEvent| {
                        let n = all.len();
                        let j = match e.key().as_str() {
                            "ArrowRight" => (i + 1) % n,
                            "ArrowLeft" => (i + n - 1) % n,
                            _ => return,
                        };
                        e.prevent_default();
                        on_select.emit(all[j]);
                        browser::focus(&format!("{prefix}-tab-{j}"));
                    })
                };
                html! {
                    <button type="button" role="tab" id={format!("{prefix}-tab-{i}")} class="tab"
                        aria-selected={if selected { "true" } else { "false" }} aria-controls={format!("{prefix}-panel")}
                        tabindex={if selected { "0" } else { "-1" }} {onclick} {onkeydown}>
                        { t(lang, key) }
                    </button>
                }
            }) }
        </div>
    }
}
