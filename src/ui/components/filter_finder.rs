//! The filter finder, "who subscribes to what" (BINDINGS.md §11): which send ports and groups a
//! message with `property = value` subscribes to, and every property any filter tests with the
//! ports and groups that test it. Reached from the tree and from the Inject panel's context rows.
//! The evaluation is the engine's (`bindings::finder` calls `engine::filter`).

use super::form_field::event_value;
use crate::bindings::finder::{properties, who_subscribes};
use crate::bindings::Subject;
use crate::i18n::{t, tf, Lang};
use crate::ui::state::{Action, Selection, UiState};
use std::rc::Rc;
use yew::prelude::*;

#[derive(Properties, PartialEq, Clone)]
pub struct FilterFinderProps {
    pub state: Rc<UiState>,
    pub dispatch: Callback<Action>,
    pub property: String,
    pub value: String,
}

fn subject_link(lang: Lang, subject: &Subject, dispatch: &Callback<Action>) -> Html {
    let node = match subject {
        Subject::Port(n) => Selection::Port(n.clone()),
        Subject::Group(n) => Selection::Group(n.clone()),
    };
    let onclick = dispatch.reform(move |_: MouseEvent| Action::Select(node.clone()));
    html! { <button type="button" class="link" {onclick}>{ subject.text(lang) }</button> }
}

#[component(FilterFinder)]
pub fn filter_finder(props: &FilterFinderProps) -> Html {
    let lang = props.state.lang;
    let property = use_state(|| props.property.clone());
    let value = use_state(|| props.value.clone());
    let spec = props.state.session.borrow().spec().clone();
    let used = properties(&spec);
    let on_property = {
        let property = property.clone();
        Callback::from(move |e: InputEvent| property.set(event_value(&e)))
    };
    let on_value = {
        let value = value.clone();
        Callback::from(move |e: InputEvent| value.set(event_value(&e)))
    };
    let asked = !property.trim().is_empty();
    let found = if asked { who_subscribes(&spec, property.trim(), &value) } else { Vec::new() };
    html! {
        <section class="detail finder" aria-labelledby="finder-title">
            <h2 id="finder-title">{ t(lang, "finder.title") }</h2>
            <p class="hint">{ t(lang, "finder.hint") }</p>
            <form class="finder-query" onsubmit={Callback::from(|e: SubmitEvent| e.prevent_default())}>
                <div class="field">
                    <label for="finder-property">{ t(lang, "finder.property") }</label>
                    <input id="finder-property" type="text" list="finder-properties" value={(*property).clone()} oninput={on_property} />
                    <datalist id="finder-properties">
                        { for used.iter().map(|u| html! { <option value={u.property.clone()} /> }) }
                    </datalist>
                </div>
                <div class="field">
                    <label for="finder-value">{ t(lang, "finder.value") }</label>
                    <input id="finder-value" type="text" value={(*value).clone()} oninput={on_value} />
                </div>
            </form>
            if asked {
                <h3 id="finder-results-title">{ tf(lang, "finder.results", &[("property", property.trim()), ("value", &value)]) }</h3>
                if found.is_empty() {
                    <p class="empty" role="status">{ t(lang, "finder.nobody") }</p>
                } else {
                    <table class="grid" aria-labelledby="finder-results-title">
                        <thead><tr>
                            <th scope="col">{ t(lang, "bindings.errors.subject") }</th>
                            <th scope="col">{ t(lang, "finder.or_group") }</th>
                            <th scope="col">{ t(lang, "finder.conditions") }</th>
                        </tr></thead>
                        <tbody>
                        { for found.iter().map(|m| html! {
                            <tr>
                                <td>{ subject_link(lang, &m.subject, &props.dispatch) }</td>
                                <td>{ m.or_group }</td>
                                <td class="mono">
                                    { m.conditions.clone() }
                                    if !m.only_this_property {
                                        <span class="hint">{ format!(" — {}", t(lang, "finder.also_needed")) }</span>
                                    }
                                </td>
                            </tr>
                        }) }
                        </tbody>
                    </table>
                }
            }
            <h3 id="finder-all-title">{ t(lang, "finder.all") }</h3>
            if used.is_empty() {
                <p class="empty">{ t(lang, "finder.no_filters") }</p>
            } else {
                <table class="grid" aria-labelledby="finder-all-title">
                    <thead><tr>
                        <th scope="col">{ t(lang, "finder.property") }</th>
                        <th scope="col">{ t(lang, "finder.tested_by") }</th>
                    </tr></thead>
                    <tbody>
                    { for used.iter().map(|u| {
                        let pick = {
                            let property = property.clone();
                            let name = u.property.clone();
                            Callback::from(move |_: MouseEvent| property.set(name.clone()))
                        };
                        html! {
                            <tr>
                                <td><button type="button" class="link mono" onclick={pick}>{ u.property.clone() }</button></td>
                                <td><ul class="plain">
                                    { for u.uses.iter().map(|f| html! {
                                        <li>{ subject_link(lang, &f.subject, &props.dispatch) }
                                            <span class="mono">{ format!(" ({}) {}", tf(lang, "finder.or_group_n", &[("n", &f.or_group.to_string())]), f.condition) }</span></li>
                                    }) }
                                </ul></td>
                            </tr>
                        }
                    }) }
                    </tbody>
                </table>
            }
        </section>
    }
}
