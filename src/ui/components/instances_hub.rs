//! The instances hub, like BizTalk's Group Hub suspended-instances query (§12): filter by status
//! (with counts), port and host; a paged table of service instances (§5); Resume and Terminate on
//! the selection; "Why?" per row; and the routing-failure reports (§3).
//!
//! It borrows the simulation once per render and queries the engine's compact rows (ids and
//! statuses, no text); only the page of 100 rows on screen is built as `InstanceInfo`
//! (`Simulation::instance_info`), so the page keeps nothing per instance and a 1,000,000-message
//! run stays responsive.

use super::observe_util::{
    bulk_actions_in, format_both, group_thousands, hub_query, page_count, page_range, reason_key, status_icon,
    status_index, status_key, BulkOp, HubFilter, PAGE_SIZE,
};
use crate::engine::simulation::{InstanceInfo, InstanceStatus};
use crate::engine::time::{format_elapsed, format_time_of_day, ClockOfDay, SimTime};
use crate::i18n::{t, tf, tn};
use crate::ui::contract::ObserveProps;
use std::collections::BTreeSet;
use std::rc::Rc;
use yew::prelude::*;

/// The filtered view the hub renders, recomputed only when the simulation or the query changed.
struct HubData {
    /// Matching instance ids, in creation order.
    indices: Vec<u64>,
    counts: [usize; 6],
    ports: Vec<String>,
    hosts: Vec<String>,
}

/// Elapsed time over the time of day, for the hub's narrow time columns.
fn time_cell(at: SimTime, start_clock: ClockOfDay) -> Html {
    html! { <>{ format_elapsed(at) }<span class="tod">{ format_time_of_day(at, start_clock) }</span></> }
}

fn select_value(e: &Event) -> Option<String> {
    e.target_dyn_into::<web_sys::HtmlSelectElement>().map(|s| s.value())
}

/// The Group Hub-style query and the service-instance table.
#[component(InstancesHub)]
pub fn instances_hub(props: &ObserveProps) -> Html {
    let lang = props.lang;
    let filter = use_state(HubFilter::default);
    let page = use_state(|| 0usize);
    let rf_page = use_state(|| usize::MAX);
    let selected = use_state(BTreeSet::<u64>::new);
    let table_ref = use_node_ref();

    let sim_ptr = Rc::as_ptr(&props.view.sim) as usize;
    let data = {
        let sim = props.view.sim.clone();
        use_memo((sim_ptr, props.view.version, (*filter).clone()), move |(_, _, f)| {
            let sim = sim.borrow();
            let (indices, counts, ports, hosts) = hub_query(&sim, f);
            HubData { indices, counts, ports, hosts }
        })
    };

    let sim = props.view.sim.borrow();
    let start_clock = sim.scenario().start_clock;
    let total_place: usize = data.counts.iter().sum();

    // Filter changes clear the selection, so no hidden instance is ever acted upon.
    let set_filter = {
        let filter = filter.clone();
        let page = page.clone();
        let selected = selected.clone();
        let table_ref = table_ref.clone();
        move |f: HubFilter| {
            filter.set(f);
            page.set(0);
            selected.set(BTreeSet::new());
            if let Some(el) = table_ref.cast::<web_sys::Element>() {
                el.set_scroll_top(0);
            }
        }
    };
    let on_status = {
        let set_filter = set_filter.clone();
        let current = (*filter).clone();
        Callback::from(move |e: Event| {
            let value = select_value(&e).unwrap_or_default();
            let status = InstanceStatus::ALL.into_iter().find(|s| s.code() == value);
            set_filter(HubFilter { status, ..current.clone() });
        })
    };
    let on_port = {
        let set_filter = set_filter.clone();
        let current = (*filter).clone();
        Callback::from(move |e: Event| {
            let value = select_value(&e).unwrap_or_default();
            set_filter(HubFilter { port: (!value.is_empty()).then_some(value), ..current.clone() });
        })
    };
    let on_host = {
        let set_filter = set_filter.clone();
        let current = (*filter).clone();
        Callback::from(move |e: Event| {
            let value = select_value(&e).unwrap_or_default();
            set_filter(HubFilter { host: (!value.is_empty()).then_some(value), ..current.clone() });
        })
    };

    let pages = page_count(data.indices.len(), PAGE_SIZE);
    let current_page = (*page).min(pages - 1);
    let rows = page_range(current_page, data.indices.len(), PAGE_SIZE);
    let all_filtered_selected = !data.indices.is_empty() && data.indices.iter().all(|id| selected.contains(id));
    let on_select_all = {
        let selected = selected.clone();
        let ids: Vec<u64> = if all_filtered_selected { Vec::new() } else { data.indices.clone() };
        Callback::from(move |_: Event| selected.set(ids.iter().copied().collect()))
    };
    let bulk = |op: BulkOp| {
        let actions = bulk_actions_in(&sim, &selected, op);
        let on_action = props.on_action.clone();
        let selected = selected.clone();
        let enabled = !actions.is_empty();
        let cb = Callback::from(move |_: MouseEvent| {
            for action in actions.iter().cloned() {
                on_action.emit(action);
            }
            selected.set(BTreeSet::new());
        });
        (cb, enabled)
    };
    let (on_resume, can_resume) = bulk(BulkOp::Resume);
    let (on_terminate, can_terminate) = bulk(BulkOp::Terminate);

    let status_value = filter.status.map(|s| s.code()).unwrap_or("");
    let port_value = filter.port.clone().unwrap_or_default();
    let host_value = filter.host.clone().unwrap_or_default();
    let count_text = |n: usize| group_thousands(n as u64, lang);

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
        let label = match &info.via {
            Some(g) => {
                tf(lang, "obs.hub.select_row_via", &[("message", &info.message), ("port", &info.port), ("group", g)])
            }
            None => tf(lang, "obs.hub.select_row", &[("message", &info.message), ("port", &info.port)]),
        };
        let current = props.selected == Some(id);
        let status_class = format!("status status-{}", info.status.code());
        html! {
            <tr class={classes!(current.then_some("current"), checked.then_some("checked"))}
                aria-rowindex={(pos + 2).to_string()} aria-current={current.then_some("true")} aria-selected={if checked { "true" } else { "false" }}>
                <td><input type="checkbox" aria-label={label} checked={checked} onchange={on_check} /></td>
                <td class="num">{ id }</td>
                <td>{ &info.message }</td>
                <td>{ &info.port }</td>
                <td>{ info.via.as_deref().unwrap_or(t(lang, "obs.hub.direct")) }</td>
                <td>{ &info.host }</td>
                <td><span class={status_class}><span class="icon" aria-hidden="true">{ status_icon(info.status) }</span>{ t(lang, status_key(info.status)) }</span></td>
                <td class="reason">{ info.reason.map(|r| t(lang, reason_key(r))).unwrap_or("") }</td>
                <td class="num">{ info.attempts.len() }</td>
                <td class="time">{ time_cell(info.created, start_clock) }</td>
                <td class="time">{ info.completed.map(|c| time_cell(c, start_clock)).unwrap_or_default() }</td>
                <td><button type="button" class="why-btn" onclick={on_why}>{ t(lang, "obs.hub.why") }</button></td>
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

    // Routing failures (§3), newest page first by default.
    let failures = sim.routing_failures();
    let rf_pages = page_count(failures.len(), PAGE_SIZE);
    let rf_current = (*rf_page).min(rf_pages - 1);
    let rf_rows = page_range(rf_current, failures.len(), PAGE_SIZE);
    let set_rf_page = {
        let rf_page = rf_page.clone();
        Callback::from(move |p: usize| rf_page.set(p))
    };

    html! {
        <section class="obs-hub" aria-labelledby="obs-hub-title">
            <h2 id="obs-hub-title">{ t(lang, "obs.hub.title") }</h2>
            <div class="hub-query">
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
                    <label for="obs-hub-host">{ t(lang, "obs.hub.host") }</label>
                    <select id="obs-hub-host" onchange={on_host}>
                        <option value="" selected={host_value.is_empty()}>{ t(lang, "obs.hub.all") }</option>
                        { for data.hosts.iter().map(|h| html! { <option value={h.clone()} selected={*h == host_value}>{ h }</option> }) }
                    </select>
                </div>
            </div>
            <ul class="hub-counts" aria-label={t(lang, "obs.hub.counts")}>
                { for InstanceStatus::ALL.iter().map(|s| html! {
                    <li class={format!("status status-{}", s.code())}>
                        <span class="icon" aria-hidden="true">{ status_icon(*s) }</span>
                        { t(lang, status_key(*s)) }{ crate::i18n::colon(lang) }<strong>{ count_text(data.counts[status_index(*s)]) }</strong>
                    </li>
                }) }
            </ul>
            <div class="hub-actions">
                <span class="hub-selected" aria-live="polite">
                    { tn(lang, "obs.hub.selected_count", selected.len() as u64, &[("shown", &count_text(data.indices.len()))]) }
                </span>
                <button type="button" onclick={on_resume} disabled={!can_resume}>{ t(lang, "obs.hub.resume") }</button>
                <button type="button" onclick={on_terminate} disabled={!can_terminate}>{ t(lang, "obs.hub.terminate") }</button>
            </div>
            <div class="table-scroll" ref={table_ref}>
                <table class="hub-table" aria-label={t(lang, "obs.hub.table")} aria-rowcount={(data.indices.len() + 1).to_string()}>
                    <thead>
                        <tr>
                            <th scope="col">
                                <input type="checkbox" aria-label={t(lang, "obs.hub.select_all")}
                                    checked={all_filtered_selected} disabled={data.indices.is_empty()} onchange={on_select_all} />
                            </th>
                            <th scope="col">{ t(lang, "obs.hub.col.id") }</th>
                            <th scope="col">{ t(lang, "obs.hub.col.message") }</th>
                            <th scope="col">{ t(lang, "obs.hub.col.port") }</th>
                            <th scope="col">{ t(lang, "obs.hub.col.via") }</th>
                            <th scope="col">{ t(lang, "obs.hub.col.host") }</th>
                            <th scope="col">{ t(lang, "obs.hub.col.status") }</th>
                            <th scope="col">{ t(lang, "obs.hub.col.reason") }</th>
                            <th scope="col">{ t(lang, "obs.hub.col.attempts") }</th>
                            <th scope="col">{ t(lang, "obs.hub.col.created") }</th>
                            <th scope="col">{ t(lang, "obs.hub.col.completed") }</th>
                            <th scope="col"><span class="visually-hidden">{ t(lang, "obs.hub.col.explain") }</span></th>
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
