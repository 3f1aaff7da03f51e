//! The work area's detail view: what the tree selected (scenario settings, the Send Ports and
//! Send Port Groups lists, one port or group with its lifecycle actions, the endpoints), or the
//! open editor.

use super::endpoint_editor::EndpointEditor;
use super::group_editor::GroupEditor;
use super::lifecycle_buttons::LifecycleButtons;
use super::port_editor::PortEditor;
use super::scenario_settings::ScenarioSettings;
use super::state_badge::StateBadge;
use super::tree::{kind_key, parse_state};
use crate::engine::model::{PortKind, Target};
use crate::i18n::{t, tf, Lang};
use crate::ui::components::context_menu::new_kind_key;
use crate::ui::state::{Action, Editor, Modal, Selection, ShellProps, UiState};
use yew::prelude::*;

#[component(Detail)]
pub fn detail(props: &ShellProps) -> Html {
    let state = &props.state;
    if let Some(editor) = &state.editor {
        return match editor {
            Editor::Port { index, kind, serial } => html! {
                <PortEditor key={*serial} state={state.clone()} dispatch={props.dispatch.clone()} index={*index} kind={*kind} />
            },
            Editor::Group { index, serial } => html! {
                <GroupEditor key={*serial} state={state.clone()} dispatch={props.dispatch.clone()} index={*index} />
            },
        };
    }
    match &state.selection {
        Selection::Scenario => html! { <ScenarioSettings state={state.clone()} dispatch={props.dispatch.clone()} /> },
        Selection::PortsNode => ports_list(props, None),
        Selection::GroupsNode => groups_list(props, None),
        Selection::AppPorts(app) => ports_list(props, Some(app)),
        Selection::AppGroups(app) => groups_list(props, Some(app)),
        Selection::Finder { property, value } => html! {
            <super::filter_finder::FilterFinder key={format!("{property}\u{0}{value}")} state={state.clone()}
                dispatch={props.dispatch.clone()} property={property.clone()} value={value.clone()} />
        },
        Selection::Port(name) => port_detail(props, name),
        Selection::Group(name) => group_detail(props, name),
        Selection::Endpoints => html! { <EndpointEditor state={state.clone()} dispatch={props.dispatch.clone()} /> },
    }
}

fn new_port_buttons(lang: Lang, dispatch: &Callback<Action>) -> Html {
    html! {
        <div class="toolbar" role="group" aria-label={t(lang, "new.menu")}>
            { for PortKind::ALL.into_iter().map(|k| html! {
                <button type="button" class="btn" onclick={dispatch.reform(move |_: MouseEvent| Action::NewPort(k))}>
                    { t(lang, new_kind_key(k)) }
                </button>
            }) }
        </div>
    }
}

fn port_state(state: &UiState, name: &str, initial: Option<&str>) -> Option<crate::engine::model::LifecycleState> {
    let session = state.session.borrow();
    let sim = session.sim();
    let s = sim.borrow().port_state(name);
    s.or_else(|| Some(initial.and_then(parse_state).unwrap_or_default()))
}

fn group_state(state: &UiState, name: &str, initial: Option<&str>) -> Option<crate::engine::model::LifecycleState> {
    let session = state.session.borrow();
    let sim = session.sim();
    let s = sim.borrow().group_state(name);
    s.or_else(|| Some(initial.and_then(parse_state).unwrap_or_default()))
}

/// The heading of a list: "Send Ports", or "Send Ports — App" for one application.
fn list_title(lang: Lang, key: &str, app: Option<&String>) -> String {
    match app {
        None => t(lang, key).to_string(),
        Some(a) => format!("{} — {}", t(lang, key), app_label(lang, a)),
    }
}

/// An application's name, or "(no application)" for the bucket of ports without one.
pub fn app_label(lang: Lang, app: &str) -> String {
    if app.is_empty() {
        t(lang, "tree.no_application").to_string()
    } else {
        app.to_string()
    }
}

fn ports_list(props: &ShellProps, app: Option<&String>) -> Html {
    let lang = props.state.lang;
    let ports: Vec<_> = props
        .state
        .session
        .borrow()
        .spec()
        .send_ports
        .iter()
        .filter(|p| app.is_none_or(|a| p.application.as_deref().unwrap_or("") == a.as_str()))
        .cloned()
        .collect();
    html! {
        <section class="detail" aria-labelledby="dl-title">
            <h2 id="dl-title">{ list_title(lang, "tree.send_ports", app) }</h2>
            { new_port_buttons(lang, &props.dispatch) }
            if ports.is_empty() {
                <p class="empty">{ t(lang, "detail.no_ports") }</p>
            } else {
                <table class="grid">
                    <thead><tr>
                        <th scope="col">{ t(lang, "col.name") }</th>
                        <th scope="col">{ t(lang, "col.status") }</th>
                        <th scope="col">{ t(lang, "col.kind") }</th>
                        <th scope="col">{ t(lang, "col.transport") }</th>
                        <th scope="col">{ t(lang, "col.address") }</th>
                    </tr></thead>
                    <tbody>
                    { for ports.iter().map(|p| {
                        let name = p.name.clone();
                        let open = props.dispatch.reform(move |_: MouseEvent| Action::Select(Selection::Port(name.clone())));
                        html! {
                            <tr>
                                <td><button type="button" class="link" onclick={open}>{ p.name.clone() }</button></td>
                                <td><StateBadge state={port_state(&props.state, &p.name, p.state.as_deref())} {lang} /></td>
                                <td>{ t(lang, kind_key(&p.kind)) }</td>
                                <td>{ p.primary.as_ref().map(|x| x.transport.clone()).unwrap_or_else(|| t(lang, "detail.dynamic").to_string()) }</td>
                                <td class="mono">{ p.primary.as_ref().map(|x| x.address.clone()).unwrap_or_default() }</td>
                            </tr>
                        }
                    }) }
                    </tbody>
                </table>
            }
        </section>
    }
}

fn groups_list(props: &ShellProps, app: Option<&String>) -> Html {
    let lang = props.state.lang;
    let groups: Vec<_> = props
        .state
        .session
        .borrow()
        .spec()
        .send_port_groups
        .iter()
        .filter(|g| app.is_none_or(|a| g.application.as_deref().unwrap_or("") == a.as_str()))
        .cloned()
        .collect();
    html! {
        <section class="detail" aria-labelledby="dl-title">
            <h2 id="dl-title">{ list_title(lang, "tree.send_port_groups", app) }</h2>
            <div class="toolbar">
                <button type="button" class="btn" onclick={props.dispatch.reform(|_: MouseEvent| Action::NewGroup)}>{ t(lang, "new.group") }</button>
            </div>
            if groups.is_empty() {
                <p class="empty">{ t(lang, "detail.no_groups") }</p>
            } else {
                <table class="grid">
                    <thead><tr>
                        <th scope="col">{ t(lang, "col.name") }</th>
                        <th scope="col">{ t(lang, "col.status") }</th>
                        <th scope="col">{ t(lang, "col.members") }</th>
                    </tr></thead>
                    <tbody>
                    { for groups.iter().map(|g| {
                        let name = g.name.clone();
                        let open = props.dispatch.reform(move |_: MouseEvent| Action::Select(Selection::Group(name.clone())));
                        html! {
                            <tr>
                                <td><button type="button" class="link" onclick={open}>{ g.name.clone() }</button></td>
                                <td><StateBadge state={group_state(&props.state, &g.name, g.state.as_deref())} {lang} /></td>
                                <td>{ g.members.join(", ") }</td>
                            </tr>
                        }
                    }) }
                    </tbody>
                </table>
            }
        </section>
    }
}

fn item_actions(props: &ShellProps, target: &Target) -> Html {
    let lang = props.state.lang;
    let d = &props.dispatch;
    let t1 = target.clone();
    let t2 = target.clone();
    let t3 = target.clone();
    let t4 = target.clone();
    html! {
        <div class="toolbar" role="group" aria-label={t(lang, "detail.edit_actions")}>
            <button type="button" class="btn" onclick={d.reform(move |_: MouseEvent| Action::EditTarget(t1.clone()))}>{ t(lang, "menu.edit") }</button>
            <button type="button" class="btn" onclick={d.reform(move |_: MouseEvent| Action::ShowModal(Modal::Rename { target: t2.clone() }))}>{ t(lang, "menu.rename") }</button>
            <button type="button" class="btn" onclick={d.reform(move |_: MouseEvent| Action::Duplicate(t3.clone()))}>{ t(lang, "menu.duplicate") }</button>
            <button type="button" class="btn btn-danger" onclick={d.reform(move |_: MouseEvent| Action::Delete(t4.clone()))}>{ t(lang, "menu.delete") }</button>
        </div>
    }
}

fn prop_row(label: &str, value: String) -> Html {
    html! { <><dt>{ label.to_string() }</dt><dd>{ value }</dd></> }
}

/// A filter in one line (`A == 1 And B Exists Or C != x`), or the `none_key` sentence when empty.
fn filter_text(lang: Lang, filter: &crate::engine::scenario::spec::FilterSpec, none_key: &'static str) -> String {
    if filter.is_empty() {
        return t(lang, none_key).to_string();
    }
    filter
        .iter()
        .map(|g| {
            g.iter()
                .map(|c| match &c.value {
                    Some(v) => format!("{} {} {}", c.property, super::format::operator_text(lang, &c.operator), v),
                    None => format!("{} {}", c.property, super::format::operator_text(lang, &c.operator)),
                })
                .collect::<Vec<_>>()
                .join(&format!(" {} ", t(lang, "filter.and")))
        })
        .collect::<Vec<_>>()
        .join(&format!(" {} ", t(lang, "filter.or")))
}

fn port_detail(props: &ShellProps, name: &str) -> Html {
    let lang = props.state.lang;
    let Some(p) = props.state.session.borrow().spec().send_ports.iter().find(|p| p.name == name).cloned() else {
        return html! { <p class="empty">{ t(lang, "detail.gone") }</p> };
    };
    let target = Target::Port(p.name.clone());
    let counts = {
        let s = props.state.session.borrow();
        let sim = s.sim();
        let c = sim.borrow().port_counts(&p.name);
        c
    };
    let transport = |x: &crate::engine::scenario::spec::TransportSpec| {
        tf(
            lang,
            "detail.transport_line",
            &[
                ("transport", &x.transport),
                ("address", &x.address),
                ("count", &x.retry_count.unwrap_or(3).to_string()),
                ("interval", &crate::i18n::duration_text(lang, x.retry_interval.as_deref().unwrap_or("5m"))),
            ],
        )
    };
    let filter_text = filter_text(lang, &p.filter, "filter.none");
    let yes_no = |b: bool| t(lang, if b { "common.yes" } else { "common.no" }).to_string();
    html! {
        <section class="detail" aria-labelledby="dp-title">
            <div class="detail-head">
                <h2 id="dp-title">{ p.name.clone() }</h2>
                <StateBadge state={port_state(&props.state, &p.name, p.state.as_deref())} {lang} />
            </div>
            <p class="editor-kind">{ t(lang, kind_key(&p.kind)) }</p>
            <LifecycleButtons state={props.state.clone()} dispatch={props.dispatch.clone()} target={target.clone()} id_prefix="dp" />
            { item_actions(props, &target) }
            <dl class="props">
                { match &p.primary {
                    Some(x) => prop_row(t(lang, "detail.primary"), transport(x)),
                    None => prop_row(t(lang, "detail.primary"), t(lang, "detail.dynamic_transport").to_string()),
                } }
                if let Some(b) = &p.backup { { prop_row(t(lang, "detail.backup"), transport(b)) } }
                { prop_row(t(lang, "editor.ordered_delivery"), yes_no(p.ordered_delivery)) }
                { prop_row(t(lang, "editor.stop_on_failure"), yes_no(p.stop_on_failure)) }
                { prop_row(t(lang, "editor.service_window"), p.service_window.as_ref().map(|w| format!("{} – {}", w.from, w.to)).unwrap_or_else(|| t(lang, "detail.always_open").to_string())) }
                { prop_row(t(lang, "editor.priority"), p.priority.unwrap_or(5).to_string()) }
                { prop_row(t(lang, "editor.filters"), filter_text) }
                { prop_row(t(lang, "detail.counts"), tf(lang, "detail.counts_line", &[
                    ("completed", &counts.completed.to_string()), ("suspended", &counts.suspended.to_string()),
                    ("retry", &counts.in_retry.to_string()), ("active", &counts.active.to_string())])) }
            </dl>
        </section>
    }
}

fn group_detail(props: &ShellProps, name: &str) -> Html {
    let lang = props.state.lang;
    let Some(g) = props.state.session.borrow().spec().send_port_groups.iter().find(|g| g.name == name).cloned() else {
        return html! { <p class="empty">{ t(lang, "detail.gone") }</p> };
    };
    let target = Target::Group(g.name.clone());
    let ports = props.state.session.borrow().spec().send_ports.clone();
    html! {
        <section class="detail" aria-labelledby="dg-title">
            <div class="detail-head">
                <h2 id="dg-title">{ g.name.clone() }</h2>
                <StateBadge state={group_state(&props.state, &g.name, g.state.as_deref())} {lang} />
            </div>
            <LifecycleButtons state={props.state.clone()} dispatch={props.dispatch.clone()} target={target.clone()} id_prefix="dg" />
            { item_actions(props, &target) }
            <dl class="props">
                { prop_row(t(lang, "editor.filters"), filter_text(lang, &g.filter, "filter.none_group")) }
            </dl>
            { group_notes(lang, &g, &ports) }
            <h3>{ t(lang, "editor.members") }</h3>
            if g.members.is_empty() {
                <p class="empty">{ t(lang, "detail.no_members") }</p>
            } else {
                <ul class="member-states">
                { for g.members.iter().map(|m| {
                    let initial = ports.iter().find(|p| &p.name == m).and_then(|p| p.state.clone());
                    let name = m.clone();
                    let open = props.dispatch.reform(move |_: MouseEvent| Action::Select(Selection::Port(name.clone())));
                    html! {
                        <li>
                            <button type="button" class="link" onclick={open}>{ m.clone() }</button>
                            <StateBadge state={port_state(&props.state, m, initial.as_deref())} {lang} />
                        </li>
                    }
                }) }
                </ul>
            }
        </section>
    }
}

/// Plain-language notes on a group's routing (§3): without a filter it receives only messages
/// sent to it directly; a member with its own filter gets two copies of a message that matches
/// both (one via the group, one direct — the DECISION "one send instance per matching
/// subscription").
fn group_notes(
    lang: Lang,
    g: &crate::engine::scenario::spec::GroupSpec,
    ports: &[crate::engine::scenario::spec::PortSpec],
) -> Html {
    let own: Vec<&str> = g
        .members
        .iter()
        .filter(|m| ports.iter().any(|p| &p.name == *m && !p.filter.is_empty()))
        .map(|m| m.as_str())
        .collect();
    html! {
        <div class="group-notes">
            if g.filter.is_empty() {
                <p class="note" id="dg-note-direct">{ t(lang, "detail.group_direct_only") }</p>
            }
            if !own.is_empty() {
                <p class="note" id="dg-note-twins">
                    { tf(lang, "detail.group_two_copies", &[("ports", &own.join(", ")), ("group", &g.name)]) }
                </p>
            }
        </div>
    }
}
