//! The Group Hub's grouped counts (§12: the console groups suspended instances by service, error
//! code and URI): the matching instances counted by send port, by suspend reason or by endpoint
//! address, largest first; a row's button narrows the query to it.

use super::hub_query::{GroupBy, GroupRow, HubQuery};
use super::observe_util::{group_thousands, reason_key, status_icon, status_key};
use crate::engine::simulation::{InstanceStatus, SuspendReason};
use crate::i18n::{t, tf, Lang};
use yew::prelude::*;

/// At most this many grouped rows are listed; a line says how many more there are.
const MAX_ROWS: usize = 30;

#[derive(Properties, PartialEq, Clone)]
pub struct HubGroupsProps {
    pub lang: Lang,
    pub rows: Vec<GroupRow>,
    pub by: GroupBy,
    pub on_by: Callback<GroupBy>,
    pub query: HubQuery,
    pub on_query: Callback<HubQuery>,
}

fn by_label(lang: Lang, by: GroupBy) -> &'static str {
    match by {
        GroupBy::Port => t(lang, "hub.g.port"),
        GroupBy::Reason => t(lang, "hub.g.reason"),
        GroupBy::Address => t(lang, "hub.g.address"),
    }
}

/// A grouped key as shown: a port name, a reason's label or an address; "(none)" when empty.
fn key_label(lang: Lang, by: GroupBy, key: &str) -> String {
    if key.is_empty() {
        return t(lang, if by == GroupBy::Reason { "hub.q.no_reason" } else { "hub.g.none" }).to_string();
    }
    match by {
        GroupBy::Reason => SuspendReason::ALL
            .iter()
            .find(|r| r.code() == key)
            .map_or_else(|| key.to_string(), |r| t(lang, reason_key(*r)).to_string()),
        _ => key.to_string(),
    }
}

#[component(HubGroups)]
pub fn hub_groups(props: &HubGroupsProps) -> Html {
    let lang = props.lang;
    let by = props.by;
    let on_by = {
        let on_by = props.on_by.clone();
        Callback::from(move |e: Event| {
            let v = e.target_dyn_into::<web_sys::HtmlSelectElement>().map(|s| s.value()).unwrap_or_default();
            on_by.emit(GroupBy::ALL.into_iter().find(|g| g.code() == v).unwrap_or_default());
        })
    };
    let narrow = |key: &str| {
        let mut q = props.query.clone();
        match by {
            GroupBy::Port => q.port = Some(key.to_string()),
            GroupBy::Reason => q.reason = SuspendReason::ALL.into_iter().find(|r| r.code() == key),
            GroupBy::Address => q.address = Some(key.to_string()),
        }
        props.on_query.reform(move |_: MouseEvent| q.clone())
    };
    let statuses = |counts: &[usize; 6]| -> String {
        InstanceStatus::ALL
            .iter()
            .zip(counts)
            .filter(|(_, n)| **n > 0)
            .map(|(s, n)| {
                format!("{} {} {}", status_icon(*s), t(lang, status_key(*s)), group_thousands(*n as u64, lang))
            })
            .collect::<Vec<_>>()
            .join(" · ")
    };
    let more = props.rows.len().saturating_sub(MAX_ROWS);
    html! {
        <details class="hub-groups">
            <summary>{ t(lang, "hub.g.title") }</summary>
            <div class="field inline">
                <label for="obs-hub-by">{ t(lang, "hub.g.by") }</label>
                <select id="obs-hub-by" onchange={on_by}>
                    { for GroupBy::ALL.iter().map(|g| html! { <option value={g.code()} selected={*g == by}>{ by_label(lang, *g) }</option> }) }
                </select>
            </div>
            <table class="hub-grouped" aria-label={tf(lang, "hub.g.table", &[("by", by_label(lang, by))])}>
                <thead><tr>
                    <th scope="col">{ by_label(lang, by) }</th>
                    <th scope="col" class="num">{ t(lang, "hub.g.total") }</th>
                    <th scope="col">{ t(lang, "obs.hub.col.status") }</th>
                </tr></thead>
                <tbody>
                    { for props.rows.iter().take(MAX_ROWS).map(|r| {
                        let label = key_label(lang, by, &r.key);
                        html! {
                            <tr>
                                <th scope="row">
                                    <button type="button" class="link" onclick={narrow(&r.key)}
                                        aria-label={tf(lang, "hub.g.show", &[("key", &label)])}>{ label.clone() }</button>
                                </th>
                                <td class="num">{ group_thousands(r.total() as u64, lang) }</td>
                                <td class="statuses">{ statuses(&r.counts) }</td>
                            </tr>
                        }
                    }) }
                </tbody>
            </table>
            if more > 0 {
                <p class="hint">{ tf(lang, "hub.g.more", &[("count", &group_thousands(more as u64, lang))]) }</p>
            }
        </details>
    }
}
