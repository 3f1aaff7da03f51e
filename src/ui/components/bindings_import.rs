//! The import summary of a BizTalk binding file (BINDINGS.md §10): what the file holds (send ports,
//! groups, applications), every warning, the orchestration-bound ports with a one-click "add a send
//! action", the UTC offset of service-window times and "Start all" — or every error with its line,
//! column, element path and port or group. Nothing replaces the current work until Import is pressed
//! (and Undo brings it back).

use super::form_field::{event_checked, event_value};
use crate::bindings::{import_bindings, parse_utc_offset, ImportOptions, Imported, Subject};
use crate::engine::scenario::spec::{InjectSpec, ScriptEntrySpec};
use crate::i18n::{t, tf, tn, Lang};
use crate::ui::state::Action;
use std::collections::BTreeSet;
use std::rc::Rc;
use yew::prelude::*;

#[derive(Properties, PartialEq, Clone)]
pub struct BindingsImportProps {
    pub lang: Lang,
    pub xml: Rc<str>,
    pub dispatch: Callback<Action>,
    pub on_close: Callback<()>,
}

/// The scenario the summary's choices give: the import plus the chosen `send` lines at 0 s. The
/// chosen rows are their indices as `u64`, the Group Hub's selection type, so the page links no
/// `BTreeSet<usize>` code of its own (issue 14 §2).
pub fn with_sends(imported: &Imported, chosen: &BTreeSet<u64>) -> crate::engine::scenario::ScenarioSpec {
    let mut spec = imported.spec.clone();
    for (i, o) in imported.orchestration_bound.iter().enumerate() {
        if !chosen.contains(&(i as u64)) {
            continue;
        }
        let (port, group) = match &o.target {
            Subject::Port(n) => (Some(n.clone()), None),
            Subject::Group(n) => (None, Some(n.clone())),
        };
        spec.script.push(ScriptEntrySpec {
            at: "0s".into(),
            send: Some(InjectSpec { port, group, ..Default::default() }),
            ..Default::default()
        });
    }
    spec
}

#[component(BindingsImportDialog)]
pub fn bindings_import_dialog(props: &BindingsImportProps) -> Html {
    let lang = props.lang;
    let offset = use_state(|| "+00:00".to_string());
    let start_all = use_state(|| false);
    let chosen = use_state(BTreeSet::<u64>::new);
    let offset_minutes = parse_utc_offset(&offset);
    let result =
        use_memo((props.xml.clone(), offset_minutes.clone().unwrap_or(0), *start_all), |(xml, minutes, start_all)| {
            import_bindings(xml, &ImportOptions { utc_offset_minutes: *minutes, start_all: *start_all })
        });
    let cancel = props.on_close.reform(|_: MouseEvent| ());
    match &*result {
        Err(errors) => html! {
            <>
                <p role="alert"><strong>{ tn(lang, "bindings.errors.title", errors.len() as u64, &[]) }</strong></p>
                <p>{ t(lang, "errors.nothing_changed") }</p>
                <table class="grid errors">
                    <thead><tr>
                        <th scope="col">{ t(lang, "bindings.errors.location") }</th>
                        <th scope="col">{ t(lang, "bindings.errors.element") }</th>
                        <th scope="col">{ t(lang, "bindings.errors.subject") }</th>
                        <th scope="col">{ t(lang, "errors.message") }</th>
                    </tr></thead>
                    <tbody>
                    { for errors.iter().map(|e| html! {
                        <tr>
                            <td class="mono">{ e.position() }</td>
                            <td class="mono">{ e.path.clone() }</td>
                            <td>{ e.subject.as_ref().map(|s| s.text(lang)).unwrap_or_default() }</td>
                            <td>{ e.message(lang) }</td>
                        </tr>
                    }) }
                    </tbody>
                </table>
                <div class="editor-actions">
                    <button type="button" id="dialog-first" class="btn btn-primary" onclick={cancel}>{ t(lang, "dialog.ok") }</button>
                </div>
            </>
        },
        Ok(imported) => {
            let on_offset = {
                let offset = offset.clone();
                Callback::from(move |e: InputEvent| offset.set(event_value(&e)))
            };
            let on_start_all = {
                let start_all = start_all.clone();
                Callback::from(move |e: Event| start_all.set(event_checked(&e)))
            };
            let import = {
                let dispatch = props.dispatch.clone();
                let imported = imported.clone();
                let chosen = chosen.clone();
                let valid = offset_minutes.is_ok();
                Callback::from(move |_: MouseEvent| {
                    if valid {
                        dispatch.emit(Action::Import { json: with_sends(&imported, &chosen).to_json() });
                    }
                })
            };
            let ports = imported.spec.send_ports.len().to_string();
            let groups = imported.spec.send_port_groups.len().to_string();
            let apps = if imported.applications.is_empty() {
                t(lang, "bindings.summary.no_application").to_string()
            } else {
                imported.applications.join(", ")
            };
            html! {
                <>
                    <p class="bindings-counts">{ tf(lang, "bindings.summary.counts", &[("ports", &ports), ("groups", &groups)]) }</p>
                    <p>{ tf(lang, "bindings.summary.applications", &[("list", &apps)]) }</p>
                    <div class={classes!("field", offset_minutes.is_err().then_some("invalid"))}>
                        <label for="bindings-offset">{ t(lang, "bindings.summary.offset") }</label>
                        <input id="bindings-offset" type="text" value={(*offset).clone()} oninput={on_offset}
                            aria-describedby="bindings-offset-hint" aria-invalid={if offset_minutes.is_err() { "true" } else { "false" }} />
                        <span class="hint" id="bindings-offset-hint">{ t(lang, "bindings.summary.offset_hint") }</span>
                        if let Err(e) = &offset_minutes {
                            <span class="field-error" role="alert">{ e.clone() }</span>
                        }
                    </div>
                    <div class="field check">
                        <input id="bindings-start-all" type="checkbox" checked={*start_all} onchange={on_start_all} />
                        <label for="bindings-start-all">{ t(lang, "bindings.summary.start_all") }</label>
                    </div>
                    if !imported.warnings.is_empty() {
                        <h3>{ tf(lang, "bindings.summary.warnings", &[("n", &imported.warnings.len().to_string())]) }</h3>
                        <ul class="bindings-warnings">
                            { for imported.warnings.iter().map(|w| html! { <li>{ w.message(lang) }</li> }) }
                        </ul>
                    }
                    if !imported.orchestration_bound.is_empty() {
                        { orchestration_table(lang, imported, &chosen) }
                    }
                    <p>{ t(lang, "bindings.summary.replace") }</p>
                    <div class="editor-actions">
                        <button type="button" id="dialog-first" class="btn btn-primary" onclick={import}
                            disabled={offset_minutes.is_err()}>{ t(lang, "bindings.summary.import") }</button>
                        <button type="button" class="btn" onclick={cancel}>{ t(lang, "editor.cancel") }</button>
                    </div>
                </>
            }
        }
    }
}

/// §10.7: orchestration ports bound to send ports or groups, each with "add a send action".
fn orchestration_table(lang: Lang, imported: &Imported, chosen: &UseStateHandle<BTreeSet<u64>>) -> Html {
    html! {
        <>
            <h3>{ tf(lang, "bindings.summary.orchestrations", &[("n", &imported.orchestration_bound.len().to_string())]) }</h3>
            <p class="hint">{ t(lang, "bindings.summary.orchestrations_hint") }</p>
            <div class="table-scroll" tabindex="0" role="region" aria-label={t(lang, "bindings.summary.orchestrations_region")}>
            <table class="grid">
                <thead><tr>
                    <th scope="col">{ t(lang, "bindings.orch.orchestration") }</th>
                    <th scope="col">{ t(lang, "bindings.orch.port") }</th>
                    <th scope="col">{ t(lang, "bindings.orch.target") }</th>
                    <th scope="col">{ t(lang, "bindings.orch.add") }</th>
                </tr></thead>
                <tbody>
                { for imported.orchestration_bound.iter().enumerate().map(|(i, o)| {
                    let id = format!("bindings-send-{i}");
                    let toggle = {
                        let chosen = chosen.clone();
                        Callback::from(move |e: Event| {
                            let mut next = (*chosen).clone();
                            if event_checked(&e) { next.insert(i as u64); } else { next.remove(&(i as u64)); }
                            chosen.set(next);
                        })
                    };
                    let label = tf(lang, "bindings.orch.add_label", &[("target", &o.target.text(lang))]);
                    html! {
                        <tr>
                            <td>{ o.orchestration.clone() }</td>
                            <td>{ o.logical_port.clone() }</td>
                            <td>{ o.target.text(lang) }</td>
                            <td><input id={id} type="checkbox" checked={chosen.contains(&(i as u64))} onchange={toggle} aria-label={label} /></td>
                        </tr>
                    }
                }) }
                </tbody>
            </table>
            </div>
        </>
    }
}
