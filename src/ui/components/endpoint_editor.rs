//! The simulated partner endpoints, per address: latency and failure behaviours (down between
//! times, first N attempts fail, always fail, random with a probability drawn from the scenario's
//! seeded RNG). Validated as typed by the engine; applied as one undoable edit.

use super::form_field::{event_value, messages, select_field, text_field};
use crate::engine::scenario::spec::{EndpointSpec, FailureSpec};
use crate::engine::scenario::ScenarioError;
use crate::i18n::{t, tf, tn, Lang};
use crate::ui::session::Session;
use crate::ui::state::{Action, ShellProps};
use std::rc::Rc;
use yew::prelude::*;

#[derive(Debug, Clone, PartialEq, Default)]
struct FailureForm {
    kind: String,
    from: String,
    to: String,
    count: String,
    probability: String,
}

#[derive(Debug, Clone, PartialEq, Default)]
struct EndpointForm {
    address: String,
    latency: String,
    failures: Vec<FailureForm>,
    /// The response context as typed: one `Property = value` per line (§9).
    response: String,
}

/// `Property = value` lines → a context; `Err(line number)` for a line without `=`.
fn parse_context(text: &str) -> Result<Option<crate::engine::context::Context>, usize> {
    let mut ctx = crate::engine::context::Context::new();
    for (i, line) in text.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        let Some((k, v)) = line.split_once('=') else { return Err(i + 1) };
        ctx.insert(k.trim().to_string(), super::filter_editor::parse_value(v.trim()));
    }
    Ok((!ctx.is_empty()).then_some(ctx))
}

fn context_text(ctx: &Option<crate::engine::context::Context>) -> String {
    ctx.iter().flat_map(|c| c.iter()).map(|(k, v)| format!("{k} = {v}")).collect::<Vec<_>>().join("\n")
}

fn from_spec(e: &EndpointSpec) -> EndpointForm {
    EndpointForm {
        address: e.address.clone(),
        latency: e.latency.clone().unwrap_or_else(|| "0s".into()),
        failures: e
            .failures
            .iter()
            .map(|f| FailureForm {
                kind: f.kind.clone(),
                from: f.from.clone().unwrap_or_default(),
                to: f.to.clone().unwrap_or_default(),
                count: f.count.map(|c| c.to_string()).unwrap_or_default(),
                probability: f.probability.map(|p| p.to_string()).unwrap_or_default(),
            })
            .collect(),
        response: context_text(&e.response),
    }
}

/// The specs, plus local problems as (path, message).
fn to_specs(forms: &[EndpointForm], lang: Lang) -> (Vec<EndpointSpec>, Vec<(String, String)>) {
    let mut local = Vec::new();
    let specs = forms
        .iter()
        .enumerate()
        .map(|(i, e)| EndpointSpec {
            address: e.address.clone(),
            latency: (!e.latency.trim().is_empty()).then(|| e.latency.trim().to_string()),
            failures: e
                .failures
                .iter()
                .enumerate()
                .map(|(j, f)| {
                    let path = format!("/endpoints/{i}/failures/{j}");
                    let mut spec = FailureSpec { kind: f.kind.clone(), ..Default::default() };
                    match f.kind.as_str() {
                        "window" => {
                            spec.from = Some(f.from.clone());
                            spec.to = Some(f.to.clone());
                        }
                        "firstAttempts" => match f.count.trim().parse::<i64>() {
                            Ok(n) => spec.count = Some(n),
                            Err(_) => local.push((format!("{path}/count"), t(lang, "editor.whole_number").to_string())),
                        },
                        "random" => match f.probability.trim().parse::<f64>() {
                            Ok(p) => spec.probability = Some(p),
                            Err(_) => {
                                local.push((format!("{path}/probability"), t(lang, "editor.probability").to_string()))
                            }
                        },
                        _ => {}
                    }
                    spec
                })
                .collect(),
            response: match parse_context(&e.response) {
                Ok(c) => c,
                Err(line) => {
                    local.push((
                        format!("/endpoints/{i}/response"),
                        tf(lang, "endpoints.response_error", &[("line", &line.to_string())]),
                    ));
                    None
                }
            },
        })
        .collect();
    (specs, local)
}

#[component(EndpointEditor)]
pub fn endpoint_editor(props: &ShellProps) -> Html {
    let lang = props.state.lang;
    let initial: Vec<EndpointForm> = props.state.session.borrow().spec().endpoints.iter().map(from_spec).collect();
    let doc_version = props.state.doc_version;
    let forms = use_state(|| initial.clone());
    // Reload when the document changed underneath (undo, import).
    {
        let forms = forms.clone();
        use_effect_with(doc_version, move |_| {
            forms.set(initial);
        });
    }
    let session = props.state.session.borrow();
    let mut candidate = session.spec().clone();
    let addresses: Vec<String> = candidate
        .send_ports
        .iter()
        .flat_map(|p| p.primary.iter().chain(p.backup.iter()).map(|t| t.address.clone()))
        .collect();
    drop(session);
    let (specs, local) = to_specs(&forms, lang);
    candidate.endpoints = specs;
    let errors: Vec<ScenarioError> = Session::check(&candidate);
    let endpoint_errors: Vec<&ScenarioError> = crate::ui::session::errors_under(&errors, "/endpoints");
    let unchanged = props.state.session.borrow().spec().endpoints == candidate.endpoints;
    let problems = endpoint_errors.len() + local.len();
    let local_at =
        |p: &str| -> Vec<String> { local.iter().filter(|(lp, _)| lp == p).map(|(_, m)| m.clone()).collect() };

    let edit = |f: super::form_field::Setter<Vec<EndpointForm>, String>| {
        let forms = forms.clone();
        Callback::from(move |v: String| {
            let mut next = (*forms).clone();
            f(&mut next, v);
            forms.set(next);
        })
    };
    let add = {
        let forms = forms.clone();
        let suggestion =
            addresses.iter().find(|a| !forms.iter().any(|f| &f.address == *a)).cloned().unwrap_or_default();
        Callback::from(move |_: MouseEvent| {
            let mut next = (*forms).clone();
            next.push(EndpointForm { address: suggestion.clone(), latency: "0s".into(), ..Default::default() });
            forms.set(next);
        })
    };
    let onsubmit = {
        let dispatch = props.dispatch.clone();
        let candidate = candidate.clone();
        let ok = problems == 0;
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            if ok {
                dispatch.emit(Action::ApplySpec(Box::new(candidate.clone())));
            }
        })
    };
    let kinds = vec![
        ("always".to_string(), t(lang, "failure.always").to_string()),
        ("window".to_string(), t(lang, "failure.window").to_string()),
        ("firstAttempts".to_string(), t(lang, "failure.first_attempts").to_string()),
        ("random".to_string(), t(lang, "failure.random").to_string()),
    ];
    html! {
        <form class="editor" aria-labelledby="ee-title" {onsubmit} novalidate=true>
            <h2 id="ee-title">{ t(lang, "endpoints.title") }</h2>
            <p class="hint">{ t(lang, "endpoints.hint") }</p>
            <datalist id="ee-addresses">{ for addresses.iter().map(|a| html! { <option value={a.clone()} /> }) }</datalist>
            { for forms.iter().enumerate().map(|(i, ep)| {
                let p = format!("/endpoints/{i}");
                let remove = {
                    let forms = forms.clone();
                    Callback::from(move |_: MouseEvent| {
                        let mut next = (*forms).clone();
                        if i < next.len() { next.remove(i); }
                        forms.set(next);
                    })
                };
                let add_failure = {
                    let forms = forms.clone();
                    Callback::from(move |_: MouseEvent| {
                        let mut next = (*forms).clone();
                        if let Some(e) = next.get_mut(i) {
                            e.failures.push(FailureForm { kind: "window".into(), from: "0m".into(), to: "20m".into(), count: "2".into(), probability: "0.3".into() });
                        }
                        forms.set(next);
                    })
                };
                let address_id = format!("ee-{i}-address");
                let address_errors = messages(&errors, &format!("{p}/address"), &[]);
                let set_address = edit(Rc::new(move |v, s| if let Some(e) = v.get_mut(i) { e.address = s; }));
                html! {
                    <fieldset class="page endpoint">
                        <legend>{ if ep.address.is_empty() { tf(lang, "endpoints.n", &[("n", &(i + 1).to_string())]) } else { ep.address.clone() } }</legend>
                        <div class={classes!("field", (!address_errors.is_empty()).then_some("invalid"))}>
                            <label for={address_id.clone()}>{ t(lang, "endpoints.address") }</label>
                            <input id={address_id.clone()} type="text" list="ee-addresses" value={ep.address.clone()}
                                oninput={set_address.reform(|e: InputEvent| event_value(&e))} />
                            if !address_errors.is_empty() { <span class="field-error" role="alert">{ address_errors.join(" ") }</span> }
                        </div>
                        { text_field(&format!("ee-{i}-latency"), t(lang, "endpoints.latency"), &ep.latency,
                            messages(&errors, &format!("{p}/latency"), &[]), Some(t(lang, "endpoints.latency_hint")), false, "text",
                            edit(Rc::new(move |v, s| if let Some(e) = v.get_mut(i) { e.latency = s; }))) }
                        { for ep.failures.iter().enumerate().map(|(j, f)| {
                            let fp = format!("{p}/failures/{j}");
                            let id = |x: &str| format!("ee-{i}-f{j}-{x}");
                            let remove_failure = {
                                let forms = forms.clone();
                                Callback::from(move |_: MouseEvent| {
                                    let mut next = (*forms).clone();
                                    if let Some(e) = next.get_mut(i) { if j < e.failures.len() { e.failures.remove(j); } }
                                    forms.set(next);
                                })
                            };
                            let setf = |which: fn(&mut FailureForm, String)| edit(Rc::new(move |v, s| {
                                if let Some(f) = v.get_mut(i).and_then(|e| e.failures.get_mut(j)) { which(f, s) }
                            }));
                            html! {
                                <div class="failure-row">
                                    { select_field(&id("kind"), t(lang, "failure.kind"), &f.kind, kinds.clone(),
                                        messages(&errors, &format!("{fp}/kind"), &[]), setf(|f, s| f.kind = s)) }
                                    if f.kind == "window" {
                                        { text_field(&id("from"), t(lang, "failure.from"), &f.from, messages(&errors, &format!("{fp}/from"), &[]),
                                            None, false, "text", setf(|f, s| f.from = s)) }
                                        { text_field(&id("to"), t(lang, "failure.to"), &f.to, messages(&errors, &format!("{fp}/to"), &[]),
                                            None, false, "text", setf(|f, s| f.to = s)) }
                                    }
                                    if f.kind == "firstAttempts" {
                                        { text_field(&id("count"), t(lang, "failure.count"), &f.count,
                                            messages(&errors, &format!("{fp}/count"), &local_at(&format!("{fp}/count"))),
                                            None, false, "text", setf(|f, s| f.count = s)) }
                                    }
                                    if f.kind == "random" {
                                        { text_field(&id("probability"), t(lang, "failure.probability"), &f.probability,
                                            messages(&errors, &format!("{fp}/probability"), &local_at(&format!("{fp}/probability"))),
                                            Some(t(lang, "failure.probability_hint")), false, "text", setf(|f, s| f.probability = s)) }
                                    }
                                    <button type="button" class="btn btn-small" onclick={remove_failure}>{ t(lang, "failure.remove") }</button>
                                </div>
                            }
                        }) }
                        {{
                            let id = format!("ee-{i}-response");
                            let errs = messages(&errors, &format!("{p}/response"), &local_at(&format!("{p}/response")));
                            let set_response = edit(Rc::new(move |v, s| if let Some(e) = v.get_mut(i) { e.response = s; }));
                            html! {
                                <div class={classes!("field", (!errs.is_empty()).then_some("invalid"))}>
                                    <label for={id.clone()}>{ t(lang, "endpoints.response") }</label>
                                    <textarea id={id.clone()} rows="2" class="code" value={ep.response.clone()}
                                        aria-describedby={format!("{id}-hint")}
                                        oninput={set_response.reform(|e: InputEvent| event_value(&e))} />
                                    <span class="hint" id={format!("{id}-hint")}>{ t(lang, "endpoints.response_hint") }</span>
                                    if !errs.is_empty() { <span class="field-error" role="alert">{ errs.join(" ") }</span> }
                                </div>
                            }
                        }}
                        <div class="row-actions">
                            <button type="button" class="btn btn-small" onclick={add_failure}>{ t(lang, "failure.add") }</button>
                            <button type="button" class="btn btn-small btn-danger" onclick={remove}>{ t(lang, "endpoints.remove") }</button>
                        </div>
                    </fieldset>
                }
            }) }
            <button type="button" class="btn" onclick={add}>{ t(lang, "endpoints.add") }</button>
            <div class="editor-actions">
                <button type="submit" class="btn btn-primary" disabled={problems > 0 || unchanged}
                    aria-describedby={(problems > 0).then_some("ee-apply-reason")}>{ t(lang, "editor.apply") }</button>
                if problems > 0 {
                    <span class="reason" id="ee-apply-reason">{ tn(lang, "editor.fix_problems", problems as u64, &[]) }</span>
                }
            </div>
        </form>
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::context::ContextValue;

    #[test]
    fn response_context_lines() {
        let ctx = parse_context("BTS.MessageType = Ack\n\nCode=200").ok().flatten().unwrap_or_default();
        assert_eq!(ctx.get("BTS.MessageType"), Some(&ContextValue::Str("Ack".into())));
        assert_eq!(ctx.get("Code"), Some(&ContextValue::Int(200)));
        assert_eq!(parse_context("no equals sign"), Err(1));
        assert_eq!(parse_context("  "), Ok(None));
        assert_eq!(context_text(&Some(ctx)), "BTS.MessageType = Ack\nCode = 200");
    }
}
