//! The Learn tab's tutorial list: progress, the lessons (select one to read it), the selected
//! lesson's explanation and task, Start lesson (loads its preset and opens the lesson panel,
//! `lesson_panel.rs`, which stays beside the console), and Reset progress — which forgets completed
//! lessons only (the clock has its own Reset clock). State lives in `UiState::lesson`; the shell
//! saves progress under `tutorials::PROGRESS_STORAGE_KEY`.

use crate::i18n::{t, tn};
use crate::tutorials;
use crate::ui::lesson_state::LessonAction;
use crate::ui::state::{Action, ShellProps};
use yew::prelude::*;

#[derive(Properties, Clone, PartialEq)]
pub struct TutorialPanelProps {
    pub shell: ShellProps,
    /// The browser refused to save progress (private mode, quota).
    pub storage_error: bool,
}

#[component(TutorialPanel)]
pub fn tutorial_panel(props: &TutorialPanelProps) -> Html {
    let state = &props.shell.state;
    let dispatch = props.shell.dispatch.clone();
    let lang = state.lang;
    let ls = &state.lesson;
    let lessons = tutorials::lessons();
    let Some(lesson) = ls.lesson() else {
        return html! {};
    };
    let current = ls.current.min(lessons.len().saturating_sub(1));
    let done = ls.progress.completed_count();
    let total = lessons.len().to_string();

    let list = lessons.iter().enumerate().map(|(index, l)| {
        let completed = ls.progress.is_completed(l.id);
        let (mark, mark_key) =
            if completed { ("✔", "tutorial.completed_mark") } else { ("○", "tutorial.not_completed_mark") };
        let onclick = dispatch.reform(move |_: MouseEvent| Action::Lesson(LessonAction::Select(index)));
        html! {
            <li key={l.id} class={classes!("lesson-item", completed.then_some("lesson-done"))}>
                <button type="button" class="lesson-select" {onclick}
                    aria-current={(index == current).then_some("step")}>
                    <span class="lesson-mark" role="img" aria-label={t(lang, mark_key)}>{ mark }</span>
                    { " " }
                    { t(lang, l.title_key) }
                </button>
            </li>
        }
    });
    let on_start = crate::ui::preset_fetch::start_lesson(&dispatch, lang, current);
    let on_reset = dispatch.reform(|_: MouseEvent| Action::Lesson(LessonAction::ResetProgress));
    let open_here = ls.open;

    html! {
        <section class="tutorial-panel" aria-labelledby="tutorial-heading">
            <h2 id="tutorial-heading">{ t(lang, "tutorial.heading") }</h2>
            <p class="tutorial-progress" aria-live="polite">
                { tn(lang, "tutorial.progress", done as u64, &[("total", total.as_str())]) }
            </p>
            <ol class="lesson-list">{ for list }</ol>
            <article class="lesson" aria-labelledby="lesson-title">
                <h3 id="lesson-title">{ t(lang, lesson.title_key) }</h3>
                { for lesson.explanation_keys.iter().map(|key| html! { <p>{ t(lang, key) }</p> }) }
                <p class="lesson-rules">
                    { t(lang, "tutorial.rules") }{ crate::i18n::colon(lang) }
                    { for lesson.rules.iter().map(|rule| html! { <><span class="rule-chip">{ *rule }</span>{ " " }</> }) }
                </p>
                <h4>{ t(lang, "tutorial.task_heading") }</h4>
                <p class="lesson-task">{ t(lang, lesson.task_key) }</p>
                <div class="lesson-actions">
                    <button type="button" class="btn btn-primary" onclick={on_start}>
                        { t(lang, if open_here { "tutorial.restart" } else { "tutorial.start" }) }
                    </button>
                </div>
                if open_here {
                    <p class="lesson-open-note">{ t(lang, "tutorial.dock_open_note") }</p>
                }
            </article>
            if props.storage_error {
                <p class="tutorial-storage-error" role="alert">{ t(lang, "tutorial.storage_error") }</p>
            }
            <button type="button" class="tutorial-reset" onclick={on_reset}>{ t(lang, "tutorial.reset_progress") }</button>
        </section>
    }
}
