//! The send port group editor: name, initial state, members and filter. Rule G4: only static
//! one-way send ports can be members, so only those are offered; the others are listed, disabled,
//! with the reason.

use super::filter_editor::FilterEditor;
use super::form_field::{messages, select_field, text_field};
use crate::engine::scenario::spec::{FilterSpec, GroupSpec};
use crate::engine::scenario::ScenarioError;
use crate::i18n::{t, tf, tn};
use crate::ui::session::{new_group, with_group, Session};
use crate::ui::state::{kind_of, Action, UiState};
use std::rc::Rc;
use yew::prelude::*;

#[derive(Properties, PartialEq, Clone)]
pub struct GroupEditorProps {
    pub state: Rc<UiState>,
    pub dispatch: Callback<Action>,
    pub index: Option<usize>,
}

#[component(GroupEditor)]
pub fn group_editor(props: &GroupEditorProps) -> Html {
    let lang = props.state.lang;
    let initial = {
        let session = props.state.session.borrow();
        let spec = session.spec();
        props.index.and_then(|i| spec.send_port_groups.get(i).cloned()).unwrap_or_else(|| new_group(spec))
    };
    let form = use_state(|| initial);
    let session = props.state.session.borrow();
    let spec = session.spec();
    let index = props.index.filter(|i| *i < spec.send_port_groups.len());
    let position = index.unwrap_or(spec.send_port_groups.len());
    let candidate = with_group(spec, index, (*form).clone());
    let errors: Vec<ScenarioError> = Session::check(&candidate);
    let ports: Vec<(String, String)> = spec.send_ports.iter().map(|p| (p.name.clone(), p.kind.clone())).collect();
    drop(session);
    let prefix = format!("/sendPortGroups/{position}");
    let field_errors = |f: &str| messages(&errors, &format!("{prefix}/{f}"), &[]);
    let group_errors: Vec<&ScenarioError> = crate::ui::session::errors_under(&errors, &prefix);
    let other: Vec<&ScenarioError> = errors.iter().filter(|e| !group_errors.contains(e)).collect();

    let update = |f: super::form_field::Setter<GroupSpec, String>| super::form_field::form_setter(&form, f);
    let on_filter = super::form_field::form_setter(&form, std::rc::Rc::new(|next, f: FilterSpec| next.filter = f));
    let onsubmit = {
        let dispatch = props.dispatch.clone();
        let group = (*form).clone();
        let ok = errors.is_empty();
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            if ok {
                dispatch.emit(Action::ApplyGroup { index, group: group.clone() });
            }
        })
    };
    let cancel = props.dispatch.reform(|_: MouseEvent| Action::CloseEditor);
    let states = vec![
        ("bound".to_string(), t(lang, "state.bound").to_string()),
        ("stopped".to_string(), t(lang, "state.stopped").to_string()),
        ("started".to_string(), t(lang, "state.started").to_string()),
    ];
    let title = if index.is_some() {
        tf(lang, "editor.group_title", &[("name", &form.name)])
    } else {
        t(lang, "editor.new_group_title").to_string()
    };
    let member_errors = field_errors("members");
    html! {
        <form class="editor" aria-labelledby="ge-title" {onsubmit} novalidate=true>
            <h2 id="ge-title">{ title }</h2>
            <fieldset class="page">
                <legend>{ t(lang, "editor.general") }</legend>
                { text_field("ge-name", t(lang, "editor.name"), &form.name, field_errors("name"), None, false, "text",
                    update(Rc::new(|g, v| g.name = v))) }
                { select_field("ge-state", t(lang, "editor.initial_state"), form.state.as_deref().unwrap_or("bound"), states,
                    field_errors("state"), update(Rc::new(|g, v| g.state = (v != "bound").then_some(v)))) }
            </fieldset>
            <fieldset class="page">
                <legend>{ t(lang, "editor.members") }</legend>
                <p class="hint">{ t(lang, "editor.members_hint") }</p>
                if ports.is_empty() {
                    <p class="hint">{ t(lang, "editor.no_ports") }</p>
                }
                <ul class="member-list">
                { for ports.iter().enumerate().map(|(i, (name, kind))| {
                    let eligible = kind_of(kind).can_join_group();
                    let checked = form.members.iter().any(|m| m == name);
                    let id = format!("ge-member-{i}");
                    let reason_id = format!("{id}-reason");
                    let onchange = {
                        let form = form.clone();
                        let name = name.clone();
                        Callback::from(move |e: Event| {
                            let on = super::form_field::event_checked(&e);
                            let mut next = (*form).clone();
                            next.members.retain(|m| m != &name);
                            if on { next.members.push(name.clone()); }
                            form.set(next);
                        })
                    };
                    html! {
                        <li class="field check">
                            <input type="checkbox" {id} checked={checked} disabled={!eligible && !checked} {onchange}
                                aria-describedby={(!eligible).then(|| reason_id.clone())} />
                            <label for={format!("ge-member-{i}")}>{ name.clone() }</label>
                            if !eligible {
                                <span class="reason" id={reason_id}>{ t(lang, "editor.member_g4") }</span>
                            }
                        </li>
                    }
                }) }
                </ul>
                if !member_errors.is_empty() {
                    <p class="field-error" role="alert">{ member_errors.join(" ") }</p>
                }
            </fieldset>
            <fieldset class="page">
                <legend>{ t(lang, "editor.filters") }</legend>
                <FilterEditor {lang} filter={form.filter.clone()} on_change={on_filter}
                    path={AttrValue::from(format!("{prefix}/filter"))} errors={errors.clone()} id_prefix="ge-filter" none_key="filter.none_group" />
            </fieldset>
            if !other.is_empty() {
                <div class="error-summary" role="alert">
                    <h3>{ t(lang, "editor.other_problems") }</h3>
                    <ul>{ for other.iter().map(|e| html! { <li><code>{ e.path.clone() }</code>{ " " }{ e.message.clone() }</li> }) }</ul>
                </div>
            }
            <div class="editor-actions">
                <button type="submit" class="btn btn-primary" disabled={!errors.is_empty()}
                    aria-describedby={(!errors.is_empty()).then_some("ge-apply-reason")}>{ t(lang, "editor.apply") }</button>
                <button type="button" class="btn" onclick={cancel}>{ t(lang, "editor.cancel") }</button>
                if !errors.is_empty() {
                    <span class="reason" id="ge-apply-reason">{ tn(lang, "editor.fix_problems", errors.len() as u64, &[]) }</span>
                }
            </div>
        </form>
    }
}
