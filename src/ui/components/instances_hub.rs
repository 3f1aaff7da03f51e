//! The instances hub, like BizTalk's Group Hub (§12): a query by status (with counts), send port,
//! group, host, suspend reason, message id and creation time; grouped counts by port, reason or
//! endpoint address; a paged table of service instances (§5) with Resume and Terminate on the
//! selection, "Why?" and an action menu per row ("Resume / Terminate all" for the row's port or
//! group, `hub_menu`); the selected instance's message view (`hub_message`); and the
//! routing-failure reports (§3).
//!
//! It borrows the simulation once per render and works on indices, never cloning instances; the
//! query runs once per simulation version (`hub_query::scan`, one pass) and the table renders one
//! page of 100 rows, so 400,000 instances stay responsive. The row's identity (message, port) is
//! sticky on the left and its actions on the right, so nothing is cut off when the table scrolls
//! sideways (issue 11 #6).

use super::hub_groups::HubGroups;
use super::hub_menu::{choices, BulkChoice, HubConfirm, HubMenu};
use super::hub_message::HubMessage;
use super::hub_query::{rows_of, scan_sim, GroupBy, HubQuery, HubScan, Names};
use super::observe_util::{
    bulk_actions_in, format_both, group_thousands, page_count, page_range, reason_key, status_icon, status_index,
    status_key, BulkOp, PAGE_SIZE,
};
use crate::engine::simulation::{InstanceInfo, InstanceStatus, SuspendReason};
use crate::engine::time::{format_elapsed, format_time_of_day, parse_duration, ClockOfDay, SimTime};
use crate::i18n::{t, tf, tn};
use crate::ui::contract::ObserveProps;
use crate::ui::slice_budget::throttled_version;
use std::collections::BTreeSet;
use std::rc::Rc;
use yew::prelude::*;

/// Elapsed time over the time of day, for the hub's narrow time columns.
fn time_cell(at: SimTime, start_clock: ClockOfDay) -> Html {
    html! { <>{ format_elapsed(at) }<span class="tod">{ format_time_of_day(at, start_clock) }</span></> }
}

fn select_value(e: &Event) -> Option<String> {
    e.target_dyn_into::<web_sys::HtmlSelectElement>().map(|s| s.value())
}

fn input_value(r: &NodeRef) -> String {
    r.cast::<web_sys::HtmlInputElement>().map(|i| i.value()).unwrap_or_default()
}

/// A row's accessible name: "M1 on SP_A" or "M1 on SP_A via SPG".
fn row_name(lang: crate::i18n::Lang, info: &InstanceInfo) -> String {
    match &info.via {
        Some(g) => tf(lang, "obs.hub.row_via", &[("message", &info.message), ("port", &info.port), ("group", g)]),
        None => tf(lang, "obs.hub.row", &[("message", &info.message), ("port", &info.port)]),
    }
}

/// An open row menu: the instance and where to show it (viewport pixels).
#[derive(Debug, Clone, Copy, PartialEq)]
struct OpenMenu {
    id: u64,
    x: f64,
    y: f64,
}

/// Where the open menu goes: right-aligned under its button (or at the right-click), kept inside
/// the viewport (it opens upwards near the bottom).
fn menu_style(m: OpenMenu) -> String {
    let size = |f: fn(&web_sys::Window) -> Result<wasm_bindgen::JsValue, wasm_bindgen::JsValue>, d: f64| {
        web_sys::window().and_then(|w| f(&w).ok()).and_then(|v| v.as_f64()).unwrap_or(d)
    };
    let (vw, vh) = (size(web_sys::Window::inner_width, 1280.0), size(web_sys::Window::inner_height, 800.0));
    let w = 384.0_f64.min(vw - 16.0);
    let left = (m.x - w).min(vw - w - 8.0).max(8.0);
    let top = if m.y + 260.0 > vh { (m.y - 300.0).max(8.0) } else { m.y };
    format!("left: {left:.0}px; top: {top:.0}px")
}

/// The Group Hub-style query and the service-instance table.
#[component(InstancesHub)]
pub fn instances_hub(props: &ObserveProps) -> Html {
    let lang = props.lang;
    let query = use_state(HubQuery::default);
    let by = use_state(GroupBy::default);
    let page = use_state(|| 0usize);
    let rf_page = use_state(|| usize::MAX);
    let selected = use_state(BTreeSet::<u64>::new);
    let menu = use_state(|| None::<OpenMenu>);
    let pending = use_state(|| None::<BulkChoice>);
    let text_error = use_state(|| None::<String>);
    let table_ref = use_node_ref();
    let message_ref = use_node_ref();
    let from_ref = use_node_ref();
    let to_ref = use_node_ref();

    let sim_ptr = Rc::as_ptr(&props.view.sim) as usize;
    // During a Run to end the query is refreshed at most twice a second (issue 9 §7).
    let last_scan = use_mut_ref(|| (0.0, 0u64));
    let scan_version = throttled_version(&mut last_scan.borrow_mut(), props.view.version, props.running);
    let data = {
        let sim = props.view.sim.clone();
        use_memo((sim_ptr, scan_version, (*query).clone(), *by), move |(_, _, q, by)| scan_sim(&sim.borrow(), q, *by))
    };

    let sim = props.view.sim.borrow();
    let start_clock = sim.scenario().start_clock;
    let total_place: usize = data.counts.iter().sum();

    // Query changes clear the selection, so no hidden instance is ever acted upon.
    let set_query = {
        let query = query.clone();
        let page = page.clone();
        let selected = selected.clone();
        let table_ref = table_ref.clone();
        Callback::from(move |q: HubQuery| {
            query.set(q);
            page.set(0);
            selected.set(BTreeSet::new());
            if let Some(el) = table_ref.cast::<web_sys::Element>() {
                el.set_scroll_top(0);
            }
        })
    };
    let on_select_field = |f: fn(&mut HubQuery, String)| {
        let set_query = set_query.clone();
        let current = (*query).clone();
        Callback::from(move |e: Event| {
            let mut q = current.clone();
            f(&mut q, select_value(&e).unwrap_or_default());
            set_query.emit(q);
        })
    };
    let on_status = on_select_field(|q, v| q.status = InstanceStatus::ALL.into_iter().find(|s| s.code() == v));
    let on_port = on_select_field(|q, v| q.port = (!v.is_empty()).then_some(v));
    let on_host = on_select_field(|q, v| q.host = (!v.is_empty()).then_some(v));
    let on_group = on_select_field(|q, v| {
        q.group = match v.as_str() {
            "" => None,
            "\u{0}direct" => Some(String::new()),
            _ => Some(v),
        }
    });
    let on_reason = on_select_field(|q, v| q.reason = SuspendReason::ALL.into_iter().find(|r| r.code() == v));
    // The text fields (message id, time range) apply on Enter or "Apply"; a bad duration is named.
    let on_submit = {
        let set_query = set_query.clone();
        let current = (*query).clone();
        let text_error = text_error.clone();
        let (message_ref, from_ref, to_ref) = (message_ref.clone(), from_ref.clone(), to_ref.clone());
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let time = |r: &NodeRef| -> Result<Option<u64>, String> {
                let text = input_value(r).trim().to_string();
                if text.is_empty() {
                    return Ok(None);
                }
                parse_duration(&text).map(|d| Some(d.as_ms())).map_err(|_| text)
            };
            match (time(&from_ref), time(&to_ref)) {
                (Ok(from_ms), Ok(to_ms)) => {
                    text_error.set(None);
                    let message = input_value(&message_ref).trim().to_string();
                    set_query.emit(HubQuery { message, from_ms, to_ms, ..current.clone() });
                }
                (Err(text), _) | (_, Err(text)) => {
                    text_error.set(Some(tf(lang, "hub.q.time_error", &[("text", &text)])))
                }
            }
        })
    };
    let on_clear = {
        let set_query = set_query.clone();
        let text_error = text_error.clone();
        let refs = [message_ref.clone(), from_ref.clone(), to_ref.clone()];
        Callback::from(move |_: MouseEvent| {
            for r in &refs {
                if let Some(i) = r.cast::<web_sys::HtmlInputElement>() {
                    i.set_value("");
                }
            }
            text_error.set(None);
            set_query.emit(HubQuery::default());
        })
    };

    let pages = page_count(data.indices.len(), PAGE_SIZE);
    let current_page = (*page).min(pages - 1);
    let rows = page_range(current_page, data.indices.len(), PAGE_SIZE);
    // Issue 9 §7: nothing here is O(instances) per render — "all selected" is decided from the
    // selection's size first (then its ids, looked up in the sorted matches), the ids are copied
    // and the bulk actions built only when clicked.
    let all_selected = |data: &HubScan, selected: &BTreeSet<u64>| {
        !data.indices.is_empty()
            && selected.len() == data.indices.len()
            && selected.iter().all(|id| data.indices.binary_search(id).is_ok())
    };
    let all_filtered_selected = all_selected(&data, &selected);
    let on_select_all = {
        let selected = selected.clone();
        let data = data.clone();
        Callback::from(move |_: Event| {
            let all = all_selected(&data, &selected);
            // Inserted rather than collected: `collect` sorts first (one more stable sort linked).
            let mut every = BTreeSet::new();
            if !all {
                every.extend(data.indices.iter().copied());
            }
            selected.set(every)
        })
    };
    let bulk = |op: BulkOp| {
        let enabled = selected.iter().any(|id| sim.instance_row(*id).is_some_and(|r| op.applies_to(r.status)));
        let on_action = props.on_action.clone();
        let selected = selected.clone();
        let sim_rc = props.view.sim.clone();
        let cb = Callback::from(move |_: MouseEvent| {
            let actions = bulk_actions_in(&sim_rc.borrow(), &selected, op);
            for action in actions {
                on_action.emit(action);
            }
            selected.set(BTreeSet::new());
        });
        (cb, enabled)
    };
    let (on_resume, can_resume) = bulk(BulkOp::Resume);
    let (on_terminate, can_terminate) = bulk(BulkOp::Terminate);

    let status_value = query.status.map(|s| s.code()).unwrap_or("");
    let port_value = query.port.clone().unwrap_or_default();
    let host_value = query.host.clone().unwrap_or_default();
    let group_value = match &query.group {
        None => String::new(),
        Some(g) if g.is_empty() => "\u{0}direct".to_string(),
        Some(g) => g.clone(),
    };
    let reason_value = query.reason.map(|r| r.code()).unwrap_or("");
    let count_text = |n: usize| group_thousands(n as u64, lang);

    let open_menu = |id: u64| {
        let menu = menu.clone();
        Callback::from(move |e: MouseEvent| {
            e.prevent_default();
            let (x, y) = match e.target_dyn_into::<web_sys::Element>().filter(|_| e.button() == 0) {
                Some(el) => {
                    let r = el.get_bounding_client_rect();
                    (r.right(), r.bottom())
                }
                None => (f64::from(e.client_x()), f64::from(e.client_y())),
            };
            menu.set(Some(OpenMenu { id, x, y }));
        })
    };

    let row = |(pos, info): (usize, InstanceInfo)| -> Html {
        let id = info.id;
        let checked = selected.contains(&id);
        let on_check = {
            let selected = selected.clone();
            Callback::from(move |_: Event| {
                let mut next = (*selected).clone();
                if !next.remove(&id) {
                    next.insert(id);
                }
                selected.set(next);
            })
        };
        let on_why = {
            let on_why = props.on_why.clone();
            Callback::from(move |_: MouseEvent| on_why.emit(id))
        };
        let on_show = {
            let on_select = props.on_select.clone();
            Callback::from(move |_: MouseEvent| on_select.emit(Some(id)))
        };
        let label = match &info.via {
            Some(g) => {
                tf(lang, "obs.hub.select_row_via", &[("message", &info.message), ("port", &info.port), ("group", g)])
            }
            None => tf(lang, "obs.hub.select_row", &[("message", &info.message), ("port", &info.port)]),
        };
        let name = row_name(lang, &info);
        let current = props.selected == Some(id);
        let status_class = format!("status status-{}", info.status.code());
        let menu_open = menu.is_some_and(|m| m.id == id);
        html! {
            <tr class={classes!(current.then_some("current"), checked.then_some("checked"))} oncontextmenu={open_menu(id)}
                aria-rowindex={(pos + 2).to_string()} aria-current={current.then_some("true")} aria-selected={if checked { "true" } else { "false" }}>
                <td class="stick stick-0"><input type="checkbox" aria-label={label} checked={checked} onchange={on_check} /></td>
                <td class="num">{ id }</td>
                <td class="stick stick-1 ident"><button type="button" class="link msg-link" onclick={on_show}>{ &info.message }</button></td>
                <td class="stick stick-2 ident port-cell" title={info.port.clone()}>{ &info.port }</td>
                <td>{ info.via.as_deref().unwrap_or(t(lang, "obs.hub.direct")) }</td>
                <td>{ &info.host }</td>
                <td><span class={status_class}><span class="icon" aria-hidden="true">{ status_icon(info.status) }</span>{ t(lang, status_key(info.status)) }</span></td>
                <td class="reason">{ info.reason.map(|r| t(lang, reason_key(r))).unwrap_or("") }</td>
                <td class="num">{ info.attempts.len() }</td>
                <td class="time">{ time_cell(info.created, start_clock) }</td>
                <td class="time">{ info.completed.map(|c| time_cell(c, start_clock)).unwrap_or_default() }</td>
                <td class="stick-end row-actions">
                    <button type="button" class="why-btn" onclick={on_why}>{ t(lang, "obs.hub.why") }</button>
                    <button type="button" class="menu-btn" aria-haspopup="menu" aria-expanded={if menu_open { "true" } else { "false" }}
                        aria-label={tf(lang, "hub.menu.open", &[("row", &name)])} onclick={open_menu(id)}>{ "⋯" }</button>
                </td>
            </tr>
        }
    };

    let pager = |label_key: &'static str,
                 current: usize,
                 pages: usize,
                 set: Callback<usize>,
                 names: [&'static str; 4]| {
        let go = |p: usize| {
            let set = set.clone();
            Callback::from(move |_: MouseEvent| set.emit(p))
        };
        html! {
            <nav class="pager" aria-label={t(lang, label_key)}>
                <button type="button" onclick={go(0)} disabled={current == 0}>{ t(lang, names[0]) }</button>
                <button type="button" onclick={go(current.saturating_sub(1))} disabled={current == 0}>{ t(lang, names[1]) }</button>
                <span class="pager-pos">{ tf(lang, "obs.pager.page_of", &[("page", &(current + 1).to_string()), ("pages", &pages.to_string())]) }</span>
                <button type="button" onclick={go((current + 1).min(pages - 1))} disabled={current + 1 >= pages}>{ t(lang, names[2]) }</button>
                <button type="button" onclick={go(pages - 1)} disabled={current + 1 >= pages}>{ t(lang, names[3]) }</button>
            </nav>
        }
    };
    // A new page starts at its first row.
    let set_page = {
        let page = page.clone();
        let table_ref = table_ref.clone();
        Callback::from(move |p: usize| {
            page.set(p);
            if let Some(el) = table_ref.cast::<web_sys::Element>() {
                el.set_scroll_top(0);
            }
        })
    };

    // The open row menu and the pending confirmation.
    let names = Names::of(&sim);
    let menu_html = match (*menu).and_then(|m| sim.instance_info(m.id).map(|i| (m, i))) {
        Some((m, info)) => {
            let close = {
                let menu = menu.clone();
                Callback::from(move |_: ()| menu.set(None))
            };
            let on_why = {
                let (menu, on_why, id) = (menu.clone(), props.on_why.clone(), info.id);
                Callback::from(move |_: ()| {
                    menu.set(None);
                    on_why.emit(id);
                })
            };
            let on_show = {
                let (menu, on_select, id) = (menu.clone(), props.on_select.clone(), info.id);
                Callback::from(move |_: ()| {
                    menu.set(None);
                    on_select.emit(Some(id));
                })
            };
            let on_pick = {
                let (menu, pending) = (menu.clone(), pending.clone());
                Callback::from(move |c: BulkChoice| {
                    menu.set(None);
                    pending.set(Some(c));
                })
            };
            html! {
                <div class="hub-menu-layer" onclick={close.reform(|_: MouseEvent| ())}>
                    <div class="hub-menu-pos" style={menu_style(m)}
                        onclick={Callback::from(|e: MouseEvent| e.stop_propagation())}>
                        <HubMenu {lang} row_name={row_name(lang, &info)} choices={choices(lang, &info, &names, || rows_of(&sim))}
                            {on_why} {on_show} {on_pick} on_close={close} />
                    </div>
                </div>
            }
        }
        None => html! {},
    };
    let confirm_html = match &*pending {
        Some(choice) => {
            let on_cancel = {
                let pending = pending.clone();
                Callback::from(move |_: ()| pending.set(None))
            };
            let on_confirm = {
                let (pending, on_action, action) = (pending.clone(), props.on_action.clone(), choice.action.clone());
                Callback::from(move |_: ()| {
                    pending.set(None);
                    on_action.emit(action.clone());
                })
            };
            html! { <HubConfirm {lang} choice={choice.clone()} {on_confirm} {on_cancel} /> }
        }
        None => html! {},
    };

    // Routing failures (§3), newest page first by default.
    let failures = sim.routing_failures();
    let rf_pages = page_count(failures.len(), PAGE_SIZE);
    let rf_current = (*rf_page).min(rf_pages - 1);
    let rf_rows = page_range(rf_current, failures.len(), PAGE_SIZE);
    let set_rf_page = {
        let rf_page = rf_page.clone();
        Callback::from(move |p: usize| rf_page.set(p))
    };
    let on_group_by = {
        let by = by.clone();
        Callback::from(move |g: GroupBy| by.set(g))
    };

    html! {
        <section class="obs-hub" aria-labelledby="obs-hub-title">
            <h2 id="obs-hub-title">{ t(lang, "obs.hub.title") }</h2>
            <form class="hub-query" onsubmit={on_submit} role="search" aria-label={t(lang, "hub.q.label")}>
                <div class="field">
                    <label for="obs-hub-status">{ t(lang, "obs.hub.status") }</label>
                    <select id="obs-hub-status" onchange={on_status}>
                        <option value="" selected={status_value.is_empty()}>
                            { tf(lang, "obs.hub.all_count", &[("count", &count_text(total_place))]) }
                        </option>
                        { for InstanceStatus::ALL.iter().map(|s| html! {
                            <option value={s.code()} selected={status_value == s.code()}>
                                { format!("{} ({})", t(lang, status_key(*s)), count_text(data.counts[status_index(*s)])) }
                            </option>
                        }) }
                    </select>
                </div>
                <div class="field">
                    <label for="obs-hub-port">{ t(lang, "obs.hub.port") }</label>
                    <select id="obs-hub-port" onchange={on_port}>
                        <option value="" selected={port_value.is_empty()}>{ t(lang, "obs.hub.all") }</option>
                        { for data.ports.iter().map(|p| html! { <option value={p.clone()} selected={*p == port_value}>{ p }</option> }) }
                    </select>
                </div>
                <div class="field">
                    <label for="obs-hub-group">{ t(lang, "hub.q.group") }</label>
                    <select id="obs-hub-group" onchange={on_group}>
                        <option value="" selected={group_value.is_empty()}>{ t(lang, "obs.hub.all") }</option>
                        <option value={"\u{0}direct"} selected={group_value == "\u{0}direct"}>{ t(lang, "hub.q.direct_only") }</option>
                        { for data.groups.iter().map(|g| html! { <option value={g.clone()} selected={*g == group_value}>{ g }</option> }) }
                    </select>
                </div>
                <div class="field">
                    <label for="obs-hub-reason">{ t(lang, "hub.q.reason") }</label>
                    <select id="obs-hub-reason" onchange={on_reason}>
                        <option value="" selected={reason_value.is_empty()}>{ t(lang, "obs.hub.all") }</option>
                        { for data.reasons.iter().map(|r| html! { <option value={r.code()} selected={r.code() == reason_value}>{ t(lang, reason_key(*r)) }</option> }) }
                    </select>
                </div>
                <div class="field">
                    <label for="obs-hub-host">{ t(lang, "obs.hub.host") }</label>
                    <select id="obs-hub-host" onchange={on_host}>
                        <option value="" selected={host_value.is_empty()}>{ t(lang, "obs.hub.all") }</option>
                        { for data.hosts.iter().map(|h| html! { <option value={h.clone()} selected={*h == host_value}>{ h }</option> }) }
                    </select>
                </div>
                <div class="field">
                    <label for="obs-hub-message">{ t(lang, "hub.q.message") }</label>
                    <input id="obs-hub-message" type="search" ref={message_ref} size="6" placeholder="M1" />
                </div>
                <div class="field">
                    <label for="obs-hub-from">{ t(lang, "hub.q.from") }</label>
                    <input id="obs-hub-from" type="text" ref={from_ref} size="5" placeholder="0s" aria-describedby="obs-hub-time-hint" />
                </div>
                <div class="field">
                    <label for="obs-hub-to">{ t(lang, "hub.q.to") }</label>
                    <input id="obs-hub-to" type="text" ref={to_ref} size="5" placeholder="1h" aria-describedby="obs-hub-time-hint" />
                </div>
                <div class="field hub-query-buttons">
                    <button type="submit">{ t(lang, "hub.q.apply") }</button>
                    <button type="button" onclick={on_clear} disabled={!query.is_narrowed() && text_error.is_none()}>{ t(lang, "hub.q.clear") }</button>
                </div>
                <p id="obs-hub-time-hint" class="hint">{ t(lang, "hub.q.time_hint") }</p>
                if let Some(err) = &*text_error {
                    <p class="field-error" role="alert">{ err }</p>
                }
            </form>
            <ul class="hub-counts" aria-label={t(lang, "obs.hub.counts")}>
                { for InstanceStatus::ALL.iter().map(|s| html! {
                    <li class={format!("status status-{}", s.code())}>
                        <span class="icon" aria-hidden="true">{ status_icon(*s) }</span>
                        { t(lang, status_key(*s)) }{ crate::i18n::colon(lang) }<strong>{ count_text(data.counts[status_index(*s)]) }</strong>
                    </li>
                }) }
            </ul>
            <HubGroups {lang} rows={data.grouped.clone()} by={*by} on_by={on_group_by} query={(*query).clone()} on_query={set_query.clone()} />
            <div class="hub-actions">
                <span class="hub-selected" aria-live="polite">
                    { tn(lang, "obs.hub.selected_count", selected.len() as u64, &[("shown", &count_text(data.indices.len()))]) }
                </span>
                <button type="button" onclick={on_resume} disabled={!can_resume}>{ t(lang, "obs.hub.resume") }</button>
                <button type="button" onclick={on_terminate} disabled={!can_terminate}>{ t(lang, "obs.hub.terminate") }</button>
            </div>
            <div class="table-scroll hub-scroll" ref={table_ref} tabindex="0" role="region" aria-label={t(lang, "hub.scroll_region")}>
                <table class="hub-table" aria-label={t(lang, "obs.hub.table")} aria-rowcount={(data.indices.len() + 1).to_string()}>
                    <thead>
                        <tr>
                            <th scope="col" class="stick stick-0">
                                <input type="checkbox" aria-label={t(lang, "obs.hub.select_all")}
                                    checked={all_filtered_selected} disabled={data.indices.is_empty()} onchange={on_select_all} />
                            </th>
                            <th scope="col">{ t(lang, "obs.hub.col.id") }</th>
                            <th scope="col" class="stick stick-1">{ t(lang, "obs.hub.col.message") }</th>
                            <th scope="col" class="stick stick-2">{ t(lang, "obs.hub.col.port") }</th>
                            <th scope="col">{ t(lang, "obs.hub.col.via") }</th>
                            <th scope="col">{ t(lang, "obs.hub.col.host") }</th>
                            <th scope="col">{ t(lang, "obs.hub.col.status") }</th>
                            <th scope="col">{ t(lang, "obs.hub.col.reason") }</th>
                            <th scope="col">{ t(lang, "obs.hub.col.attempts") }</th>
                            <th scope="col">{ t(lang, "obs.hub.col.created") }</th>
                            <th scope="col">{ t(lang, "obs.hub.col.completed") }</th>
                            <th scope="col" class="stick-end"><span class="visually-hidden">{ t(lang, "obs.hub.col.explain") }</span></th>
                        </tr>
                    </thead>
                    <tbody>
                        { for rows.clone().zip(data.indices[rows].iter()).filter_map(|(pos, &id)| sim.instance_info(id).map(|x| (pos, x))).map(row) }
                        if data.indices.is_empty() {
                            <tr><td colspan="12" class="empty">{ t(lang, "obs.hub.empty") }</td></tr>
                        }
                    </tbody>
                </table>
            </div>
            { pager("obs.hub.pages", current_page, pages, set_page,
                ["obs.pager.first", "obs.pager.previous", "obs.pager.next", "obs.pager.last"]) }
            <HubMessage ..props.clone() />
            { menu_html }
            { confirm_html }

            <h3 id="obs-rf-title">{ tf(lang, "obs.rf.title", &[("count", &count_text(failures.len()))]) }</h3>
            if failures.is_empty() {
                <p class="empty">{ t(lang, "obs.rf.none") }</p>
            } else {
                <div class="table-scroll">
                    <table class="rf-table" aria-labelledby="obs-rf-title">
                        <thead>
                            <tr>
                                <th scope="col">{ t(lang, "obs.hub.col.message") }</th>
                                <th scope="col">{ t(lang, "obs.rf.col.time") }</th>
                                <th scope="col">{ t(lang, "obs.rf.col.reason") }</th>
                                <th scope="col">{ t(lang, "obs.rf.col.response") }</th>
                                <th scope="col">{ t(lang, "obs.rf.col.details") }</th>
                            </tr>
                        </thead>
                        <tbody>
                            { for failures[rf_rows].iter().map(|f| html! {
                                <tr>
                                    <td>{ &f.message }</td>
                                    <td class="time">{ format_both(f.at, start_clock) }</td>
                                    <td>
                                        <span class="status status-suspended-not-resumable">
                                            <span class="icon" aria-hidden="true">{ "⊘" }</span>
                                            { if f.reason == "no-subscriber" { t(lang, "obs.rf.no_subscriber") } else { f.reason } }
                                        </span>
                                    </td>
                                    <td>{ if f.response { t(lang, "obs.rf.response_yes") } else { t(lang, "obs.rf.response_no") } }</td>
                                    <td class="details">{ super::format::routing_failure_details(lang, f) }</td>
                                </tr>
                            }) }
                        </tbody>
                    </table>
                </div>
                if rf_pages > 1 {
                    { pager("obs.rf.pages", rf_current, rf_pages, set_rf_page,
                        ["obs.rf.first", "obs.rf.previous", "obs.rf.next", "obs.rf.last"]) }
                }
            }
        </section>
    }
}
