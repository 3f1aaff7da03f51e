//! The lesson panel (issue 11 #9): once a lesson is started it stays beside the console — tree
//! clicks, editors, tabs and the clock never hide it. It shows the task, Check (the verdict, then
//! what the learner's run actually did and the one step that would change it,
//! `tutorials::findings`), hints one at a time and the solution, Start lesson again, Close; after
//! Passed a debrief quotes the key instance's Why? line and the seed-table row
//! (`tutorials::debrief`), with Open its Why? and Next lesson.

use crate::i18n::{t, tf};
use crate::tutorials;
use crate::ui::lesson_state::LessonAction;
use crate::ui::state::{Action, ShellProps};
use yew::prelude::*;

#[component(LessonPanel)]
pub fn lesson_panel(props: &ShellProps) -> Html {
    let state = &props.state;
    let dispatch = props.dispatch.clone();
    let lang = state.lang;
    let ls = &state.lesson;
    let Some(lesson) = ls.lesson() else {
        return html! {};
    };
    let current = ls.current;
    let title = t(lang, lesson.title_key);
    let lesson_action = |a: LessonAction| dispatch.reform(move |_: MouseEvent| Action::Lesson(a.clone()));
    let on_restart = crate::ui::preset_fetch::start_lesson(&dispatch, lang, current);
    let more_hints = ls.hints_shown < lesson.hint_keys.len();

    let result = ls.result.as_ref().map(|r| {
        let (icon, verdict, class) = if r.passed {
            ("✔", t(lang, "tutorial.passed"), "check-result check-passed")
        } else {
            ("✖", t(lang, "tutorial.not_yet"), "check-result check-not-yet")
        };
        html! {
            <div class="lesson-result">
                <p class={class} role="status">
                    <span aria-hidden="true">{ icon }{ " " }</span>
                    <strong>{ verdict }</strong>{ " — " }{ tutorials::render_detail(lang, r) }
                </p>
                if !r.findings.is_empty() {
                    <h4>{ t(lang, "tutorial.what_happened") }</h4>
                    <ul class="lesson-findings" aria-label={t(lang, "tutorial.what_happened")}>
                        { for r.findings.iter().map(|f| html! { <li>{ tutorials::render_finding(lang, f) }</li> }) }
                    </ul>
                }
            </div>
        }
    });
    let passed = ls.result.as_ref().is_some_and(|r| r.passed);
    let debrief = passed.then(|| {
        let sim = state.session.borrow().sim();
        let d = tutorials::debrief(lang, &lesson, &sim.borrow());
        let why = match (&d.instance, &d.why) {
            (Some((message, port, id)), Some(line)) => {
                let id = *id;
                let open = dispatch.reform(move |_: MouseEvent| Action::WhyInstance(id));
                html! {
                    <>
                        <h4>{ tf(lang, "tutorial.debrief_why", &[("message", message), ("port", port)]) }</h4>
                        <p class="debrief-why">{ line.clone() }</p>
                        <button type="button" class="btn btn-small" onclick={open}>{ t(lang, "tutorial.debrief_open_why") }</button>
                    </>
                }
            }
            _ => html! {},
        };
        let next = match ls.next_index() {
            Some(n) => {
                let onclick = crate::ui::preset_fetch::start_lesson(&dispatch, lang, n);
                html! { <button type="button" class="btn btn-primary" {onclick}>{ t(lang, "tutorial.next") }</button> }
            }
            None => html! { <p>{ t(lang, "tutorial.all_done") }</p> },
        };
        html! {
            <section class="lesson-debrief" aria-labelledby="lesson-debrief-title">
                <h3 id="lesson-debrief-title">{ t(lang, "tutorial.debrief") }</h3>
                { why }
                <h4>{ tf(lang, "tutorial.debrief_row", &[("rule", d.rule)]) }</h4>
                <p class="debrief-row">{ d.row }</p>
                { next }
            </section>
        }
    });
    let hints = lesson.hint_keys.iter().take(ls.hints_shown).enumerate().map(|(i, key)| {
        let n = (i + 1).to_string();
        html! {
            <li>
                <strong>{ tf(lang, "tutorial.hint_n", &[("n", n.as_str())]) }{ crate::i18n::colon(lang) }</strong>
                { t(lang, key) }
            </li>
        }
    });

    html! {
        <aside class="lesson-dock" aria-label={tf(lang, "tutorial.dock_label", &[("title", title)])}>
            <div class="lesson-dock-head">
                <h2>{ title }</h2>
                <button type="button" class="btn btn-small" onclick={lesson_action(LessonAction::Close)}>{ t(lang, "tutorial.close") }</button>
            </div>
            <details class="lesson-about">
                <summary>{ t(lang, "tutorial.about") }</summary>
                { for lesson.explanation_keys.iter().map(|key| html! { <p>{ t(lang, key) }</p> }) }
                <p class="lesson-rules">
                    { t(lang, "tutorial.rules") }{ crate::i18n::colon(lang) }
                    { for lesson.rules.iter().map(|rule| html! { <><span class="rule-chip">{ *rule }</span>{ " " }</> }) }
                </p>
            </details>
            <h3>{ t(lang, "tutorial.task_heading") }</h3>
            <p class="lesson-task">{ t(lang, lesson.task_key) }</p>
            <div class="lesson-actions">
                <button type="button" class="btn btn-primary" onclick={lesson_action(LessonAction::Check)}>{ t(lang, "tutorial.check") }</button>
                <button type="button" class="btn" onclick={lesson_action(LessonAction::Hint)} disabled={!more_hints}>{ t(lang, "tutorial.hint") }</button>
                <button type="button" class="btn" onclick={on_restart}>{ t(lang, "tutorial.restart") }</button>
            </div>
            { for result }
            { for debrief }
            <ol class="lesson-hints">{ for hints }</ol>
            if !more_hints {
                <p class="lesson-no-more-hints">{ t(lang, "tutorial.no_more_hints") }</p>
                if ls.show_solution {
                    <h3>{ t(lang, "tutorial.solution_heading") }</h3>
                    <ol class="lesson-solution">
                        { for lesson.solution.iter().map(|step| html! { <li>{ tutorials::describe_step(lang, step) }</li> }) }
                    </ol>
                } else {
                    <button type="button" class="btn" onclick={lesson_action(LessonAction::ShowSolution)}>{ t(lang, "tutorial.show_solution") }</button>
                }
            }
        </aside>
    }
}
