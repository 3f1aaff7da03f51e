//! The tutorial panel: the lesson list with progress, the current lesson's explanation and task,
//! Start lesson (loads its preset), Check (evaluated by `tutorials::evaluate` on the engine's
//! state), hints revealed one at a time. Progress is kept in localStorage under
//! `tutorials::PROGRESS_STORAGE_KEY`; an unreadable or corrupt value starts fresh.

use crate::i18n::{t, tf, Lang};
use crate::tutorials::{self, CheckResult, Progress};
use crate::ui::contract::SimView;
use yew::prelude::*;

#[derive(Properties, Clone, PartialEq)]
pub struct TutorialPanelProps {
    pub lang: Lang,
    pub view: SimView,
    /// Receives the lesson's starting scenario JSON.
    pub on_load: Callback<String>,
}

fn local_storage() -> Option<web_sys::Storage> {
    web_sys::window().and_then(|w| w.local_storage().ok().flatten())
}

/// Reads saved progress; no storage, no value or a corrupt value → no lesson completed.
fn load_progress() -> Progress {
    local_storage()
        .and_then(|s| s.get_item(tutorials::PROGRESS_STORAGE_KEY).ok().flatten())
        .map(|text| tutorials::progress_from_str(&text))
        .unwrap_or_default()
}

/// Saves progress; false when the browser refused (private mode, quota).
fn save_progress(progress: &Progress) -> bool {
    local_storage()
        .map(|s| s.set_item(tutorials::PROGRESS_STORAGE_KEY, &tutorials::progress_to_string(progress)).is_ok())
        .unwrap_or(false)
}

/// What the panel remembers between renders.
#[derive(Clone, PartialEq)]
struct PanelState {
    current: usize,
    hints_shown: usize,
    result: Option<CheckResult>,
    progress: Progress,
    save_failed: bool,
    show_solution: bool,
}

#[component(TutorialPanel)]
pub fn tutorial_panel(props: &TutorialPanelProps) -> Html {
    let lang = props.lang;
    let lessons = tutorials::lessons();
    let state = use_state(|| {
        let progress = load_progress();
        let current =
            progress.current().and_then(|id| tutorials::lessons().iter().position(|l| l.id == id)).unwrap_or(0);
        PanelState { current, hints_shown: 0, result: None, progress, save_failed: false, show_solution: false }
    });
    let total = lessons.len();
    let current = state.current.min(total.saturating_sub(1));
    let Some(lesson) = lessons.get(current).cloned() else {
        return html! {};
    };

    let select = |index: usize, id: &'static str| {
        let state = state.clone();
        Callback::from(move |_: MouseEvent| {
            let mut next = (*state).clone();
            next.current = index;
            next.hints_shown = 0;
            next.show_solution = false;
            next.result = None;
            next.progress.set_current(id);
            next.save_failed = !save_progress(&next.progress);
            state.set(next);
        })
    };
    let on_start = {
        let on_load = props.on_load.clone();
        let state = state.clone();
        let preset = lesson.preset;
        Callback::from(move |_: MouseEvent| {
            if let Some(p) = crate::presets::by_id(preset) {
                on_load.emit(p.json.to_string());
            }
            let mut next = (*state).clone();
            next.result = None;
            state.set(next);
        })
    };
    let on_check = {
        let state = state.clone();
        let view = props.view.clone();
        let check = lesson.check.clone();
        let id = lesson.id;
        Callback::from(move |_: MouseEvent| {
            let result = match view.sim.try_borrow() {
                Ok(sim) => tutorials::evaluate(&check, &sim),
                Err(_) => return,
            };
            let mut next = (*state).clone();
            if result.passed && !next.progress.is_completed(id) {
                next.progress.complete(id);
                next.save_failed = !save_progress(&next.progress);
            }
            next.result = Some(result);
            state.set(next);
        })
    };
    let on_hint = {
        let state = state.clone();
        let max = lesson.hint_keys.len();
        Callback::from(move |_: MouseEvent| {
            let mut next = (*state).clone();
            next.hints_shown = (next.hints_shown + 1).min(max);
            state.set(next);
        })
    };
    let on_show_solution = {
        let state = state.clone();
        Callback::from(move |_: MouseEvent| {
            let mut next = (*state).clone();
            next.show_solution = true;
            state.set(next);
        })
    };
    let on_reset = {
        let state = state.clone();
        Callback::from(move |_: MouseEvent| {
            let mut next = (*state).clone();
            next.progress.clear_completed();
            next.save_failed = !save_progress(&next.progress);
            next.result = None;
            state.set(next);
        })
    };

    let done = state.progress.completed_count();
    let list = lessons.iter().enumerate().map(|(index, l)| {
        let completed = state.progress.is_completed(l.id);
        let (mark, mark_key) =
            if completed { ("✔", "tutorial.completed_mark") } else { ("○", "tutorial.not_completed_mark") };
        html! {
            <li key={l.id} class={classes!("lesson-item", completed.then_some("lesson-done"))}>
                <button type="button" class="lesson-select" onclick={select(index, l.id)}
                    aria-current={(index == current).then_some("step")}>
                    <span class="lesson-mark" role="img" aria-label={t(lang, mark_key)}>{ mark }</span>
                    { " " }
                    { t(lang, l.title_key) }
                </button>
            </li>
        }
    });
    let result = state.result.as_ref().map(|r| {
        let (icon, verdict, class) = if r.passed {
            ("✔", t(lang, "tutorial.passed"), "check-result check-passed")
        } else {
            ("✖", t(lang, "tutorial.not_yet"), "check-result check-not-yet")
        };
        html! {
            <p class={class} role="status">
                <span aria-hidden="true">{ icon }{ " " }</span>
                <strong>{ verdict }</strong>{ " — " }{ tutorials::render_detail(lang, r) }
            </p>
        }
    });
    let hints = lesson.hint_keys.iter().take(state.hints_shown).enumerate().map(|(i, key)| {
        let n = (i + 1).to_string();
        html! { <li><strong>{ tf(lang, "tutorial.hint_n", &[("n", n.as_str())]) }{ ": " }</strong>{ t(lang, key) }</li> }
    });
    let more_hints = state.hints_shown < lesson.hint_keys.len();
    let done_text = done.to_string();
    let total_text = total.to_string();

    html! {
        <section class="tutorial-panel" aria-labelledby="tutorial-heading">
            <h2 id="tutorial-heading">{ t(lang, "tutorial.heading") }</h2>
            <p class="tutorial-progress" aria-live="polite">
                { tf(lang, "tutorial.progress", &[("done", done_text.as_str()), ("total", total_text.as_str())]) }
            </p>
            <ol class="lesson-list">{ for list }</ol>
            <article class="lesson" aria-labelledby="lesson-title">
                <h3 id="lesson-title">{ t(lang, lesson.title_key) }</h3>
                { for lesson.explanation_keys.iter().map(|key| html! { <p>{ t(lang, key) }</p> }) }
                <p class="lesson-rules">
                    { t(lang, "tutorial.rules") }{ ": " }
                    { for lesson.rules.iter().map(|rule| html! { <><span class="rule-chip">{ *rule }</span>{ " " }</> }) }
                </p>
                <h4>{ t(lang, "tutorial.task_heading") }</h4>
                <p class="lesson-task">{ t(lang, lesson.task_key) }</p>
                <div class="lesson-actions">
                    <button type="button" class="btn btn-primary" onclick={on_start}>{ t(lang, "tutorial.start") }</button>
                    <button type="button" class="btn" onclick={on_check}>{ t(lang, "tutorial.check") }</button>
                    <button type="button" class="btn" onclick={on_hint} disabled={!more_hints}>{ t(lang, "tutorial.hint") }</button>
                </div>
                { for result }
                <ol class="lesson-hints">{ for hints }</ol>
                if !more_hints {
                    <p class="lesson-no-more-hints">{ t(lang, "tutorial.no_more_hints") }</p>
                    if state.show_solution {
                        <h4>{ t(lang, "tutorial.solution_heading") }</h4>
                        <ol class="lesson-solution">
                            { for lesson.solution.iter().map(|step| html! { <li>{ tutorials::describe_step(lang, step) }</li> }) }
                        </ol>
                    } else {
                        <button type="button" class="btn" onclick={on_show_solution}>{ t(lang, "tutorial.show_solution") }</button>
                    }
                }
            </article>
            if state.save_failed {
                <p class="tutorial-storage-error" role="alert">{ t(lang, "tutorial.storage_error") }</p>
            }
            <button type="button" class="tutorial-reset" onclick={on_reset}>{ t(lang, "tutorial.reset_progress") }</button>
        </section>
    }
}
