//! The scenario's own settings (name, description, seed, start clock, until) and its
//! configuration warnings. Applied as one undoable edit.

use super::form_field::{messages, text_field};
use crate::engine::scenario::spec::ScriptEntrySpec;
use crate::engine::scenario::ScenarioError;
use crate::i18n::{t, tf, tn};
use crate::ui::session::Session;
use crate::ui::state::{Action, ShellProps};
use std::rc::Rc;
use yew::prelude::*;

/// Script rows shown (a long script is summarised).
const SCRIPT_ROWS: usize = 200;

#[derive(Debug, Clone, PartialEq, Default)]
struct SettingsForm {
    name: String,
    description: String,
    seed: String,
    start_clock: String,
    until: String,
}

#[component(ScenarioSettings)]
pub fn scenario_settings(props: &ShellProps) -> Html {
    let lang = props.state.lang;
    let initial = {
        let s = props.state.session.borrow();
        let spec = s.spec();
        SettingsForm {
            name: spec.name.clone(),
            description: spec.description.clone(),
            seed: spec.seed.map(|s| s.to_string()).unwrap_or_default(),
            start_clock: spec.start_clock.clone().unwrap_or_default(),
            until: spec.until.clone().unwrap_or_default(),
        }
    };
    let form = use_state(|| initial.clone());
    {
        let form = form.clone();
        use_effect_with(props.state.doc_version, move |_| form.set(initial));
    }
    let (mut candidate, warnings, counts, script) = {
        let s = props.state.session.borrow();
        let spec = s.spec();
        let script: Vec<(String, String)> = spec
            .script
            .iter()
            .map(|e| {
                // Through the engine's serialiser of script entries (one in the wasm), read back.
                let text = ScriptEntrySpec::list_to_json(std::slice::from_ref(e));
                let mut list = serde_json::from_str::<serde_json::Value>(&text).unwrap_or_default();
                let mut body = list.get_mut(0).map(serde_json::Value::take).unwrap_or_default();
                if let Some(o) = body.as_object_mut() {
                    o.remove("at");
                }
                (e.at.clone(), body.to_string())
            })
            .collect();
        (
            spec.clone(),
            s.scenario().warnings.clone(),
            (spec.send_ports.len(), spec.send_port_groups.len(), spec.endpoints.len(), spec.script.len()),
            script,
        )
    };
    let mut local_seed = Vec::new();
    candidate.name = form.name.clone();
    candidate.description = form.description.clone();
    candidate.seed = match form.seed.trim() {
        "" => None,
        s => match s.parse::<u64>() {
            Ok(n) => Some(n),
            Err(_) => {
                local_seed.push(t(lang, "editor.whole_number").to_string());
                None
            }
        },
    };
    candidate.start_clock = (!form.start_clock.trim().is_empty()).then(|| form.start_clock.trim().to_string());
    candidate.until = (!form.until.trim().is_empty()).then(|| form.until.trim().to_string());
    let errors: Vec<ScenarioError> = Session::check(&candidate);
    let top: Vec<&ScenarioError> = errors
        .iter()
        .filter(|e| ["/name", "/description", "/seed", "/startClock", "/until"].contains(&e.path.as_str()))
        .collect();
    let problems = top.len() + local_seed.len();
    let unchanged = *props.state.session.borrow().spec() == candidate;
    let set = |f: super::form_field::Setter<SettingsForm, String>| super::form_field::form_setter(&form, f);
    let onsubmit = {
        let dispatch = props.dispatch.clone();
        let candidate = candidate.clone();
        let ok = problems == 0;
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            if ok {
                dispatch.emit(Action::ApplySpec(Box::new(candidate.clone())));
            }
        })
    };
    let empty_model = counts.0 == 0 && counts.1 == 0;
    let open_learn = {
        let dispatch = props.dispatch.clone();
        Callback::from(move |_: MouseEvent| dispatch.emit(Action::SetWorkTab(crate::ui::state::WorkTab::Learn)))
    };
    html! {
        <section class="detail" aria-labelledby="sc-title">
            if empty_model {
                <aside class="getting-started" aria-labelledby="gs-title">
                    <h2 id="gs-title">{ t(lang, "start.title") }</h2>
                    <p>{ t(lang, "start.text") }</p>
                    <button type="button" class="btn btn-primary" onclick={open_learn}>{ t(lang, "start.open_presets") }</button>
                </aside>
            }
            <h2 id="sc-title">{ t(lang, "scenario.title") }</h2>
            <p class="summary">{ tf(lang, "scenario.summary", &[
                ("ports", &tn(lang, "scenario.count_ports", counts.0 as u64, &[])),
                ("groups", &tn(lang, "scenario.count_groups", counts.1 as u64, &[])),
                ("endpoints", &tn(lang, "scenario.count_endpoints", counts.2 as u64, &[])),
                ("script", &tn(lang, "scenario.count_script", counts.3 as u64, &[]))]) }</p>
            <form class="editor" {onsubmit} novalidate=true aria-label={t(lang, "scenario.title")}>
                { text_field("sc-name", t(lang, "scenario.name"), &form.name, messages(&errors, "/name", &[]), None, false, "text",
                    set(Rc::new(|f, v| f.name = v))) }
                <div class="field">
                    <label for="sc-description">{ t(lang, "scenario.description") }</label>
                    <textarea id="sc-description" rows="2" value={form.description.clone()}
                        oninput={set(Rc::new(|f, v| f.description = v)).reform(|e: InputEvent| super::form_field::event_value(&e))} />
                </div>
                <div class="field-row">
                    { text_field("sc-seed", t(lang, "scenario.seed"), &form.seed, messages(&errors, "/seed", &local_seed), None, false, "text",
                        set(Rc::new(|f, v| f.seed = v))) }
                    { text_field("sc-start", t(lang, "scenario.start_clock"), &form.start_clock, messages(&errors, "/startClock", &[]),
                        Some(t(lang, "scenario.start_clock_hint")), false, "text", set(Rc::new(|f, v| f.start_clock = v))) }
                    { text_field("sc-until", t(lang, "scenario.until"), &form.until, messages(&errors, "/until", &[]),
                        Some(t(lang, "scenario.until_hint")), false, "text", set(Rc::new(|f, v| f.until = v))) }
                </div>
                <div class="editor-actions">
                    <button type="submit" class="btn btn-primary" disabled={problems > 0 || unchanged}>{ t(lang, "editor.apply") }</button>
                </div>
            </form>
            <h3>{ t(lang, "scenario.script") }</h3>
            if script.is_empty() {
                <p class="empty">{ t(lang, "scenario.no_script") }</p>
            } else {
                <div class="script-scroll">
                    <table class="grid script">
                        <thead><tr>
                            <th scope="col">{ t(lang, "scenario.at") }</th>
                            <th scope="col">{ t(lang, "scenario.action") }</th>
                        </tr></thead>
                        <tbody>
                        { for script.iter().take(SCRIPT_ROWS).map(|(at, action)| html! {
                            <tr><td class="mono">{ at.clone() }</td><td class="mono">{ action.clone() }</td></tr>
                        }) }
                        </tbody>
                    </table>
                    if script.len() > SCRIPT_ROWS {
                        <p class="hint">{ tf(lang, "scenario.more_script", &[("n", &(script.len() - SCRIPT_ROWS).to_string())]) }</p>
                    }
                </div>
            }
            if !warnings.is_empty() {
                <div class="warnings" role="status">
                    <h3>{ t(lang, "scenario.warnings") }</h3>
                    <ul>{ for warnings.iter().map(|w| html! { <li><code>{ w.path.clone() }</code>{ " " }{ w.message.clone() }</li> }) }</ul>
                </div>
            }
        </section>
    }
}
