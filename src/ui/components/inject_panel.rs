//! The inject panel: send a message straight to a port or a group (as a bound orchestration port
//! does, no filter evaluation), or publish it with context properties to the MessageBox (§3,
//! filters decide). A burst sends `count` messages (1–100,000) `interval` apart. Applied now and
//! recorded in the script at the current time.

use super::form_field::{event_value, text_field};
use crate::engine::context::Context;
use crate::engine::model::{Action as SimAction, Injection, Target};
use crate::engine::time::parse_duration;
use crate::i18n::{t, tf};
use crate::ui::components::filter_editor::parse_value;
use crate::ui::inject_form::InjectForm;
use crate::ui::state::{Action, Selection, ShellProps};
use std::rc::Rc;
use yew::prelude::*;

/// The largest burst the panel sends at once.
/// The scenario format's largest `count` (one script line, `MAX_INJECT_COUNT`); more than `INJECT_SLICE` copies at one
/// instant go in slices with a progress bar (issue 9 §7).
pub const MAX_BURST: u32 = 100_000;

#[component(InjectPanel)]
pub fn inject_panel(props: &ShellProps) -> Html {
    let lang = props.state.lang;
    // The fields live in the page state for the whole session (and its autosave): the panel
    // starts from them and writes every change back.
    let form = use_state(|| props.state.inject_form.clone());
    {
        let dispatch = props.dispatch.clone();
        let saved = props.state.inject_form.clone();
        use_effect_with((*form).clone(), move |f| {
            if *f != saved {
                dispatch.emit(Action::SetInjectForm(Box::new(f.clone())));
            }
        });
    }
    let (ports, groups): (Vec<String>, Vec<String>) = {
        let s = props.state.session.borrow();
        (
            s.spec().send_ports.iter().map(|p| p.name.clone()).collect(),
            s.spec().send_port_groups.iter().map(|g| g.name.clone()).collect(),
        )
    };
    let choices = match form.mode.as_str() {
        "port" => ports.clone(),
        "group" => groups.clone(),
        _ => Vec::new(),
    };
    let target =
        if choices.contains(&form.target) { form.target.clone() } else { choices.first().cloned().unwrap_or_default() };

    // Local checks: count 1–100,000, interval a duration, a target when sending directly.
    let count = form.count.trim().parse::<u32>().ok().filter(|c| (1..=MAX_BURST).contains(c));
    let count_error = count.is_none().then(|| t(lang, "inject.count_error").to_string());
    let every = parse_duration(form.every.trim()).ok();
    let every_error = every.is_none().then(|| t(lang, "inject.every_error").to_string());
    let target_error = (form.mode != "publish" && target.is_empty())
        .then(|| t(lang, if form.mode == "port" { "inject.no_port" } else { "inject.no_group" }).to_string());
    let id_error = (!form.id.trim().is_empty() && count != Some(1)).then(|| t(lang, "inject.id_error").to_string());
    let ok = count_error.is_none() && every_error.is_none() && target_error.is_none() && id_error.is_none();

    let set = |f: super::form_field::Setter<InjectForm, String>| super::form_field::form_setter(&form, f);
    let onsubmit = {
        let dispatch = props.dispatch.clone();
        let form = (*form).clone();
        let target = target.clone();
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let (Some(count), Some(every)) = (count, every) else { return };
            if !ok {
                return;
            }
            let mut context = Context::new();
            for (k, v) in &form.context {
                if !k.trim().is_empty() {
                    context.insert(k.trim().to_string(), parse_value(v));
                }
            }
            let target = match form.mode.as_str() {
                "port" => Some(Target::Port(target.clone())),
                "group" => Some(Target::Group(target.clone())),
                _ => None,
            };
            let id = (!form.id.trim().is_empty()).then(|| form.id.trim().to_string());
            dispatch.emit(Action::Inject(SimAction::Inject(Injection { target, context, count, every, id })));
        })
    };
    let modes = [("publish", "inject.mode_publish"), ("port", "inject.mode_port"), ("group", "inject.mode_group")];
    let add_prop = {
        let form = form.clone();
        Callback::from(move |_: MouseEvent| {
            let mut next = (*form).clone();
            next.context.push((String::new(), String::new()));
            form.set(next);
        })
    };
    html! {
        <form class="editor inject" aria-labelledby="inj-title" {onsubmit} novalidate=true>
            <h2 id="inj-title">{ t(lang, "inject.title") }</h2>
            <fieldset class="page">
                <legend>{ t(lang, "inject.destination") }</legend>
                <div class="radio-row" role="radiogroup" aria-label={t(lang, "inject.destination")}>
                { for modes.iter().map(|(value, key)| {
                    let id = format!("inj-mode-{value}");
                    let onchange = set(Rc::new(|f, v| f.mode = v));
                    html! {
                        <span class="radio">
                            <input type="radio" name="inj-mode" id={id.clone()} value={*value} checked={form.mode == *value}
                                onchange={onchange.reform(|e: Event| event_value(&e))} />
                            <label for={id}>{ t(lang, key) }</label>
                        </span>
                    }
                }) }
                </div>
                if form.mode != "publish" {
                    <div class={classes!("field", target_error.is_some().then_some("invalid"))}>
                        <label for="inj-target">{ t(lang, if form.mode == "port" { "inject.port" } else { "inject.group" }) }</label>
                        <select id="inj-target" onchange={set(Rc::new(|f, v| f.target = v)).reform(|e: Event| event_value(&e))}>
                            { for choices.iter().map(|c| html! { <option value={c.clone()} selected={*c == target}>{ c.clone() }</option> }) }
                        </select>
                        if let Some(e) = &target_error { <span class="field-error" role="alert">{ e.clone() }</span> }
                    </div>
                } else {
                    <p class="hint">{ t(lang, "inject.publish_hint") }</p>
                }
            </fieldset>
            <fieldset class="page">
                <legend>{ t(lang, "inject.context") }</legend>
                { for form.context.iter().enumerate().map(|(i, (k, v))| {
                    let remove = {
                        let form = form.clone();
                        Callback::from(move |_: MouseEvent| {
                            let mut next = (*form).clone();
                            if i < next.context.len() { next.context.remove(i); }
                            form.set(next);
                        })
                    };
                    // "Who subscribes?": the filter finder asked about this property and value.
                    let who = {
                        let (property, value) = (k.trim().to_string(), v.clone());
                        props.dispatch.reform(move |_: MouseEvent| {
                            Action::Select(Selection::Finder { property: property.clone(), value: value.clone() })
                        })
                    };
                    let who_label = tf(lang, "finder.who_label", &[("property", k.trim()), ("value", v)]);
                    html! {
                        <div class="field-row">
                            { text_field(&format!("inj-prop-{i}"), t(lang, "inject.property"), k, Vec::new(), None, false, "text",
                                set(Rc::new(move |f, s| if let Some(p) = f.context.get_mut(i) { p.0 = s; }))) }
                            { text_field(&format!("inj-value-{i}"), t(lang, "inject.value"), v, Vec::new(), None, false, "text",
                                set(Rc::new(move |f, s| if let Some(p) = f.context.get_mut(i) { p.1 = s; }))) }
                            <button type="button" class="btn btn-small" onclick={remove}
                                aria-label={tf(lang, "inject.remove_property", &[("n", &(i + 1).to_string())])}>{ t(lang, "filter.remove") }</button>
                            <button type="button" class="btn btn-small" onclick={who} disabled={k.trim().is_empty()}
                                aria-label={who_label}>{ t(lang, "finder.who") }</button>
                        </div>
                    }
                }) }
                <button type="button" class="btn btn-small" onclick={add_prop}>{ t(lang, "inject.add_property") }</button>
            </fieldset>
            <fieldset class="page">
                <legend>{ t(lang, "inject.burst") }</legend>
                <div class="field-row">
                    { text_field("inj-count", t(lang, "inject.count"), &form.count, count_error.into_iter().collect(),
                        Some(t(lang, "inject.count_hint")), false, "text", set(Rc::new(|f, v| f.count = v))) }
                    { text_field("inj-every", t(lang, "inject.every"), &form.every, every_error.into_iter().collect(),
                        Some(t(lang, "editor.retry_interval_hint")), false, "text", set(Rc::new(|f, v| f.every = v))) }
                    { text_field("inj-id", t(lang, "inject.id"), &form.id, id_error.into_iter().collect(),
                        Some(t(lang, "inject.id_hint")), false, "text", set(Rc::new(|f, v| f.id = v))) }
                </div>
            </fieldset>
            <div class="editor-actions">
                <button type="submit" class="btn btn-primary" disabled={!ok}>
                    { t(lang, if form.mode == "publish" { "inject.publish" } else { "inject.send" }) }
                </button>
                <span class="hint">{ tf(lang, "inject.at_now", &[("time", &super::format::clock_text(&props.state))]) }</span>
            </div>
        </form>
    }
}
