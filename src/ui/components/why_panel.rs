//! "Why?" for the selected instance: the engine's explanation (`Simulation::explain`), one step
//! per fact with its time, rule id and sentence, beside the two seed tables — the lifecycle action
//! table (L1–L4) and the combined-state table (C1–C5, with the C6 note) — where the rows the
//! explanation cites are marked "Cited" (text and `aria-current`, not colour alone). Each step is
//! rendered in the UI language from its code and named arguments (catalogue `explain.*`).

use super::observe_util::{cited_rows, format_both, status_icon, status_key};
use crate::engine::simulation::ExplanationStep;
use crate::i18n::{explain_text, t, tf, Lang};
use crate::tutorials::debrief::{COMBINED_ROWS, LIFECYCLE_ROWS};
use crate::ui::contract::ObserveProps;
use std::collections::BTreeSet;
use yew::prelude::*;

fn cited_marker(lang: Lang, cited: bool) -> Html {
    if cited {
        html! { <span class="cited-badge"><span aria-hidden="true">{ "◆ " }</span>{ t(lang, "obs.why.cited") }</span> }
    } else {
        html! {}
    }
}

fn row_html(lang: Lang, cited: &BTreeSet<String>, id: &str, cells: [&str; 4]) -> Html {
    let is_cited = cited.contains(id);
    html! {
        <tr id={format!("obs-why-row-{id}")} class={classes!(is_cited.then_some("cited"))} aria-current={is_cited.then_some("true")}>
            <th scope="row"><span class="rule-badge">{ id }</span>{ cited_marker(lang, is_cited) }</th>
            { for cells.iter().map(|k| html! { <td>{ t(lang, k) }</td> }) }
        </tr>
    }
}

/// A step in `lang`: the catalogue template `explain.<code>` filled with the step's arguments, or
/// the engine's English sentence when the code has no template (or lacks an argument it names).
fn step_text(lang: Lang, step: &ExplanationStep) -> String {
    explain_text(lang, &step.code, &step.args).unwrap_or_else(|| step.text.clone())
}

/// The explanation of the selected instance and the seed tables it cites.
#[component(WhyPanel)]
pub fn why_panel(props: &ObserveProps) -> Html {
    let lang = props.lang;
    let sim = props.view.sim.borrow();
    let start_clock = sim.scenario().start_clock;
    let info = props.selected.and_then(|id| sim.instance_info(id));
    let info = info.as_ref();
    let steps = match info {
        Some(i) => sim.explain(i.id),
        None => Vec::new(),
    };
    let cited = cited_rows(&steps);
    let c6_cited = cited.contains("C6");

    let heading = match info {
        Some(i) => {
            let status = format!("{} {}", status_icon(i.status), t(lang, status_key(i.status)));
            match &i.via {
                Some(g) => tf(
                    lang,
                    "obs.why.heading_via",
                    &[("message", &i.message), ("port", &i.port), ("group", g), ("status", &status)],
                ),
                None => tf(lang, "obs.why.heading", &[("message", &i.message), ("port", &i.port), ("status", &status)]),
            }
        }
        None => t(lang, "obs.why.title").to_string(),
    };
    let body = match info {
        None => html! { <p class="empty">{ t(lang, "obs.why.none_selected") }</p> },
        Some(_) if steps.is_empty() => html! { <p class="empty">{ t(lang, "obs.why.no_steps") }</p> },
        Some(_) => html! {
            <ol class="why-steps">
                { for steps.iter().map(|s| html! {
                    <li class="why-step">
                        <time class="why-time">{ format_both(s.at, start_clock) }</time>
                        <span class="rule-badge" aria-label={tf(lang, "obs.why.rule", &[("rule", &s.rule)])}>{ &s.rule }</span>
                        <span class="why-text">{ step_text(lang, s) }</span>
                    </li>
                }) }
            </ol>
        },
    };
    // §3: the other copies of this message on the same port (direct vs via a group), linked.
    let twins: Vec<(u64, String)> = match info {
        Some(i) => sim
            .twins_of(i.id)
            .into_iter()
            .filter_map(|id| sim.instance_info(id))
            .map(|x| {
                let place = match &x.via {
                    Some(g) => tf(lang, "hub.twin_via", &[("group", g)]),
                    None => t(lang, "hub.twin_direct").to_string(),
                };
                (x.id, tf(lang, "hub.twin_open", &[("message", &x.message), ("port", &x.port), ("place", &place)]))
            })
            .collect(),
        None => Vec::new(),
    };
    let twin_links = html! {
        if !twins.is_empty() {
            <div class="why-twins" role="note">
                <p>{ t(lang, "hub.twin_note") }</p>
                <ul>
                    { for twins.iter().map(|(id, text)| {
                        let on_why = props.on_why.clone();
                        let id = *id;
                        html! { <li><button type="button" class="link" onclick={Callback::from(move |_: MouseEvent| on_why.emit(id))}>{ text }</button></li> }
                    }) }
                </ul>
            </div>
        }
    };
    let on_clear = {
        let on_select = props.on_select.clone();
        Callback::from(move |_: MouseEvent| on_select.emit(None))
    };

    html! {
        <section class="obs-why" aria-labelledby="obs-why-title">
            <h2 id="obs-why-title">{ heading }</h2>
            if info.is_some() {
                <button type="button" class="why-clear" onclick={on_clear}>{ t(lang, "obs.why.clear") }</button>
            }
            { twin_links }
            { body }
            <div class="why-tables">
                <div class="table-scroll" tabindex="0" role="region" aria-labelledby="obs-why-l-caption"><table class="seed-table" aria-labelledby="obs-why-l-caption">
                    <caption id="obs-why-l-caption">{ t(lang, "obs.why.lifecycle_table") }</caption>
                    <thead>
                        <tr>
                            <th scope="col">{ t(lang, "obs.why.col.id") }</th>
                            <th scope="col">{ t(lang, "obs.why.col.action") }</th>
                            <th scope="col">{ t(lang, "obs.why.col.from_bound") }</th>
                            <th scope="col">{ t(lang, "obs.why.col.from_stopped") }</th>
                            <th scope="col">{ t(lang, "obs.why.col.from_started") }</th>
                        </tr>
                    </thead>
                    <tbody>
                        { for LIFECYCLE_ROWS.iter().map(|(id, a, b, c, d)| row_html(lang, &cited, id, [a, b, c, d])) }
                    </tbody>
                </table></div>
                <div class="table-scroll" tabindex="0" role="region" aria-labelledby="obs-why-c-caption"><table class="seed-table" aria-labelledby="obs-why-c-caption">
                    <caption id="obs-why-c-caption">{ t(lang, "obs.why.combined_table") }</caption>
                    <thead>
                        <tr>
                            <th scope="col">{ t(lang, "obs.why.col.id") }</th>
                            <th scope="col">{ t(lang, "obs.why.col.sent") }</th>
                            <th scope="col">{ t(lang, "obs.why.col.group_state") }</th>
                            <th scope="col">{ t(lang, "obs.why.col.port_state") }</th>
                            <th scope="col">{ t(lang, "obs.why.col.outcome") }</th>
                        </tr>
                    </thead>
                    <tbody>
                        { for COMBINED_ROWS.iter().map(|(id, a, b, c, d)| row_html(lang, &cited, id, [a, b, c, d])) }
                    </tbody>
                </table></div>
                <p id="obs-why-row-C6" class={classes!("why-note", c6_cited.then_some("cited"))} aria-current={c6_cited.then_some("true")}>
                    <span class="rule-badge">{ "C6" }</span>{ cited_marker(lang, c6_cited) }{ " " }{ t(lang, "obs.why.c6") }
                </p>
            </div>
        </section>
    }
}
