//! The filter editor (§3): rows `property / operator / value`, grouped with And; the groups are
//! combined with Or, as in the console's Filters page. Values that read as integers or booleans
//! are typed accordingly; `exists` takes no value.

use crate::engine::context::ContextValue;
use crate::engine::model::FilterOperator;
use crate::engine::scenario::spec::{ConditionSpec, FilterSpec};
use crate::engine::scenario::ScenarioError;
use crate::i18n::{t, tf, Lang};
use crate::ui::session::errors_under;
use yew::prelude::*;

/// Well-known promoted properties offered as suggestions.
pub const KNOWN_PROPERTIES: [&str; 8] = [
    "BTS.ReceivePortName",
    "BTS.MessageType",
    "BTS.SPName",
    "BTS.OutboundTransportLocation",
    "BTS.OutboundTransportType",
    "BTS.RetryCount",
    "BTS.RetryInterval",
    "BTS.InboundTransportType",
];

#[derive(Properties, PartialEq, Clone)]
pub struct FilterEditorProps {
    pub lang: Lang,
    pub filter: FilterSpec,
    pub on_change: Callback<FilterSpec>,
    /// The JSON path of this filter (a JSON Pointer: `/sendPorts/0/filter`) and the candidate's errors.
    pub path: AttrValue,
    pub errors: Vec<ScenarioError>,
    /// Prefix for element ids.
    pub id_prefix: AttrValue,
    /// The hint shown when the filter is empty: a port's (`filter.none`) or a group's
    /// (`filter.none_group`: a group without a filter receives only direct sends, §3).
    #[prop_or(AttrValue::Static("filter.none"))]
    pub none_key: AttrValue,
}

/// Text typed in a value box → a typed context value.
pub fn parse_value(text: &str) -> ContextValue {
    if let Ok(i) = text.trim().parse::<i64>() {
        return ContextValue::Int(i);
    }
    match text {
        "true" => ContextValue::Bool(true),
        "false" => ContextValue::Bool(false),
        _ => ContextValue::Str(text.to_string()),
    }
}

fn input_value(e: &Event) -> String {
    use wasm_bindgen::JsCast;
    e.target()
        .and_then(|t| {
            t.clone()
                .dyn_into::<web_sys::HtmlInputElement>()
                .map(|i| i.value())
                .or_else(|_| t.dyn_into::<web_sys::HtmlSelectElement>().map(|s| s.value()))
                .ok()
        })
        .unwrap_or_default()
}

#[component(FilterEditor)]
pub fn filter_editor(props: &FilterEditorProps) -> Html {
    let lang = props.lang;
    let filter = props.filter.clone();
    let change = |f: Box<dyn Fn(&mut FilterSpec)>| {
        let filter = props.filter.clone();
        let on_change = props.on_change.clone();
        move || {
            let mut next = filter.clone();
            f(&mut next);
            on_change.emit(next);
        }
    };
    let add_group = {
        let go = change(Box::new(|f: &mut FilterSpec| {
            f.push(vec![ConditionSpec {
                property: "BTS.ReceivePortName".into(),
                operator: "==".into(),
                value: Some(ContextValue::Str(String::new())),
            }])
        }));
        Callback::from(move |_: MouseEvent| go())
    };
    let list_id = format!("{}-props", props.id_prefix);
    html! {
        <div class="filter-editor">
            <datalist id={list_id.clone()}>
                { for KNOWN_PROPERTIES.iter().map(|p| html! { <option value={*p} /> }) }
            </datalist>
            if filter.is_empty() {
                <p class="hint">{ t(lang, if props.none_key.as_str() == "filter.none_group" { "filter.none_group" } else { "filter.none" }) }</p>
            }
            { for filter.iter().enumerate().map(|(gi, group)| {
                let group_path = format!("{}/{gi}", props.path);
                let add_row = {
                    let go = change(Box::new(move |f: &mut FilterSpec| {
                        if let Some(g) = f.get_mut(gi) {
                            g.push(ConditionSpec { property: String::new(), operator: "==".into(), value: Some(ContextValue::Str(String::new())) });
                        }
                    }));
                    Callback::from(move |_: MouseEvent| go())
                };
                html! {
                    <>
                    if gi > 0 { <div class="filter-or" aria-hidden="true">{ t(lang, "filter.or") }</div> }
                    <fieldset class="filter-group">
                        <legend>{ tf(lang, "filter.group", &[("n", &(gi + 1).to_string())]) }</legend>
                        { for group.iter().enumerate().map(|(ri, cond)| {
                            let row_path = format!("{group_path}/{ri}");
                            let base = format!("{}-{gi}-{ri}", props.id_prefix);
                            let set_prop = {
                                let filter = props.filter.clone();
                                let on_change = props.on_change.clone();
                                Callback::from(move |e: Event| {
                                    let mut f = filter.clone();
                                    if let Some(c) = f.get_mut(gi).and_then(|g| g.get_mut(ri)) { c.property = input_value(&e); }
                                    on_change.emit(f);
                                })
                            };
                            let set_op = {
                                let filter = props.filter.clone();
                                let on_change = props.on_change.clone();
                                Callback::from(move |e: Event| {
                                    let mut f = filter.clone();
                                    if let Some(c) = f.get_mut(gi).and_then(|g| g.get_mut(ri)) {
                                        c.operator = input_value(&e);
                                        if c.operator == "exists" { c.value = None; }
                                        else if c.value.is_none() { c.value = Some(ContextValue::Str(String::new())); }
                                    }
                                    on_change.emit(f);
                                })
                            };
                            let set_value = {
                                let filter = props.filter.clone();
                                let on_change = props.on_change.clone();
                                Callback::from(move |e: Event| {
                                    let mut f = filter.clone();
                                    if let Some(c) = f.get_mut(gi).and_then(|g| g.get_mut(ri)) { c.value = Some(parse_value(&input_value(&e))); }
                                    on_change.emit(f);
                                })
                            };
                            let remove = {
                                let filter = props.filter.clone();
                                let on_change = props.on_change.clone();
                                Callback::from(move |_: MouseEvent| {
                                    let mut f = filter.clone();
                                    if let Some(g) = f.get_mut(gi) { if ri < g.len() { g.remove(ri); } }
                                    f.retain(|g| !g.is_empty());
                                    on_change.emit(f);
                                })
                            };
                            let errs: Vec<String> = errors_under(&props.errors, &row_path).iter().map(|e| e.message.clone()).collect();
                            let exists = cond.operator == "exists";
                            let value_text = cond.value.as_ref().map(|v| v.to_string()).unwrap_or_default();
                            let err_id = format!("{base}-err");
                            html! {
                                <div class="filter-row">
                                    if ri > 0 { <span class="filter-and">{ t(lang, "filter.and") }</span> } else { <span class="filter-and"></span> }
                                    <div class="field">
                                        <label for={format!("{base}-prop")}>{ t(lang, "filter.property") }</label>
                                        <input id={format!("{base}-prop")} type="text" list={list_id.clone()}
                                            value={cond.property.clone()} oninput={set_prop.reform(|e: InputEvent| Event::from(e))}
                                            aria-describedby={(!errs.is_empty()).then(|| err_id.clone())} />
                                    </div>
                                    <div class="field">
                                        <label for={format!("{base}-op")}>{ t(lang, "filter.operator") }</label>
                                        <select id={format!("{base}-op")} onchange={set_op}>
                                            { for FilterOperator::ALL.iter().map(|op| html! {
                                                <option value={op.symbol()} selected={op.symbol() == cond.operator}>{ super::format::operator_text(lang, op.symbol()) }</option>
                                            }) }
                                        </select>
                                    </div>
                                    <div class="field">
                                        <label for={format!("{base}-value")}>{ t(lang, "filter.value") }</label>
                                        <input id={format!("{base}-value")} type="text" disabled={exists}
                                            value={value_text} oninput={set_value.reform(|e: InputEvent| Event::from(e))} />
                                    </div>
                                    <button type="button" class="btn btn-small" onclick={remove}
                                        aria-label={tf(lang, "filter.remove_row", &[("n", &(ri + 1).to_string()), ("g", &(gi + 1).to_string())])}>
                                        { t(lang, "filter.remove") }
                                    </button>
                                    if !errs.is_empty() {
                                        <p class="field-error" id={err_id} role="alert">{ errs.join(" ") }</p>
                                    }
                                </div>
                            }
                        }) }
                        <button type="button" class="btn btn-small" onclick={add_row}>{ t(lang, "filter.add_and") }</button>
                    </fieldset>
                    </>
                }
            }) }
            <button type="button" class="btn btn-small" onclick={add_group}>{ t(lang, "filter.add_or") }</button>
        </div>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn typed_values() {
        assert_eq!(parse_value("42"), ContextValue::Int(42));
        assert_eq!(parse_value("true"), ContextValue::Bool(true));
        assert_eq!(parse_value("RP_Orders"), ContextValue::Str("RP_Orders".into()));
        assert_eq!(parse_value(""), ContextValue::Str(String::new()));
    }
}
