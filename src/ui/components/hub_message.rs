//! The Group Hub's message view (§12): for the selected instance, its message's context
//! properties, every delivery copy the MessageBox made of it (§3: one instance per matching
//! subscription; a copy on the same port via another route is its twin, linked), and its errors
//! worded as BizTalk's event log words them (the engine's explanation sentences, in the UI
//! language).

use super::observe_util::{format_both, status_icon, status_key};
use crate::engine::simulation::ExplanationStep;
use crate::i18n::{explain_text, t, tf, Lang};
use crate::ui::contract::ObserveProps;
use yew::prelude::*;

/// Explanation codes that are errors in the event log (a failed transmission, a suspension).
const ERROR_CODES: [&str; 13] = [
    "attempt-failed",
    "suspended-group-stopped",
    "suspended-port-stopped",
    "no-transport-location",
    "unknown-transport",
    "retries-exhausted",
    "ordered-failed-not-resumable",
    "ordered-delivery-blocked",
    "response-unroutable",
    "failed-message-unroutable",
    "still-suspended",
    "port-stopped",
    "port-stopped-via-group",
];

/// The distinct error sentences of an explanation, each with how often it occurred and when last.
pub fn errors_of(lang: Lang, steps: &[ExplanationStep]) -> Vec<(String, usize, crate::engine::time::SimTime)> {
    let mut out: Vec<(String, usize, crate::engine::time::SimTime)> = Vec::new();
    for s in steps.iter().filter(|s| ERROR_CODES.contains(&s.code.as_str())) {
        let text = explain_text(lang, &s.code, &s.args).unwrap_or_else(|| s.text.clone());
        match out.iter_mut().find(|(t, _, _)| *t == text) {
            Some(e) => {
                e.1 += 1;
                e.2 = s.at;
            }
            None => out.push((text, 1, s.at)),
        }
    }
    out
}

fn place(lang: Lang, port: &str, via: Option<&str>) -> String {
    match via {
        Some(g) => tf(lang, "hub.msg.copy_via", &[("port", port), ("group", g)]),
        None => tf(lang, "hub.msg.copy_direct", &[("port", port)]),
    }
}

/// The message view of the selected instance (nothing when none is selected).
#[component(HubMessage)]
pub fn hub_message(props: &ObserveProps) -> Html {
    let lang = props.lang;
    let sim = props.view.sim.borrow();
    let Some(info) = props.selected.and_then(|id| sim.instance_info(id)) else {
        return html! {};
    };
    let start_clock = sim.scenario().start_clock;
    let context = sim.message_context(info.id).unwrap_or_default();
    let twins = sim.twins_of(info.id);
    let copies: Vec<_> = sim.copies_of(info.id).into_iter().filter_map(|id| sim.instance_info(id)).collect();
    let errors = errors_of(lang, &sim.explain(info.id));
    let open = |id: u64| {
        let on_select = props.on_select.clone();
        Callback::from(move |_: MouseEvent| on_select.emit(Some(id)))
    };
    let why = {
        let on_why = props.on_why.clone();
        let id = info.id;
        Callback::from(move |_: MouseEvent| on_why.emit(id))
    };
    html! {
        <section class="hub-message" aria-labelledby="hub-msg-title">
            <h3 id="hub-msg-title">
                { tf(lang, "hub.msg.title", &[("message", &info.message), ("place", &place(lang, &info.port, info.via.as_deref()))]) }
            </h3>
            <p class="hub-msg-status">
                <span class={format!("status status-{}", info.status.code())}>
                    <span class="icon" aria-hidden="true">{ status_icon(info.status) }</span>{ t(lang, status_key(info.status)) }
                </span>
                { " · " }{ tf(lang, "hub.msg.created", &[("time", &format_both(info.created, start_clock))]) }
                { " " }<button type="button" class="why-btn" onclick={why}>{ t(lang, "obs.hub.why") }</button>
            </p>
            <div class="hub-msg-cols">
                <div>
                    <h4 id="hub-msg-ctx">{ t(lang, "hub.msg.context") }</h4>
                    if context.is_empty() {
                        <p class="empty">{ t(lang, "hub.msg.no_context") }</p>
                    } else {
                        <table class="hub-ctx" aria-labelledby="hub-msg-ctx">
                            <thead><tr><th scope="col">{ t(lang, "hub.msg.property") }</th><th scope="col">{ t(lang, "hub.msg.value") }</th></tr></thead>
                            <tbody>
                                { for context.iter().map(|(k, v)| html! { <tr><th scope="row">{ k }</th><td>{ v }</td></tr> }) }
                            </tbody>
                        </table>
                    }
                </div>
                <div>
                    <h4 id="hub-msg-copies">{ tf(lang, "hub.msg.copies", &[("count", &copies.len().to_string())]) }</h4>
                    <ul class="hub-copies" aria-labelledby="hub-msg-copies">
                        { for copies.iter().map(|c| {
                            let current = c.id == info.id;
                            let twin = twins.contains(&c.id);
                            html! {
                                <li aria-current={current.then_some("true")}>
                                    if current {
                                        <strong>{ place(lang, &c.port, c.via.as_deref()) }</strong>
                                    } else {
                                        <button type="button" class="link" onclick={open(c.id)}>{ place(lang, &c.port, c.via.as_deref()) }</button>
                                    }
                                    { " — " }{ status_icon(c.status) }{ " " }{ t(lang, status_key(c.status)) }
                                    if twin {
                                        { " " }<span class="twin-badge">{ t(lang, "hub.msg.twin") }</span>
                                    }
                                </li>
                            }
                        }) }
                    </ul>
                </div>
            </div>
            if !errors.is_empty() {
                <h4 id="hub-msg-errors">{ t(lang, "hub.msg.errors") }</h4>
                <ul class="hub-errors" aria-labelledby="hub-msg-errors">
                    { for errors.iter().map(|(text, n, at)| html! {
                        <li>
                            <time>{ format_both(*at, start_clock) }</time>{ " " }{ text }
                            if *n > 1 { { " " }<span class="times">{ tf(lang, "hub.msg.times", &[("count", &n.to_string())]) }</span> }
                        </li>
                    }) }
                </ul>
            }
        </section>
    }
}
