//! The operations timeline: the script as a list of administrator actions at times, in BizTalk's
//! words ("00:05 Start SP_Orders", "00:00 Publish 3 messages"). Each line can be moved (its time),
//! edited (its target, count) and removed; a form adds a line; the raw JSON stays available.
//! Every change is one labelled undo step (`Session::{add_line, put_line, remove_line,
//! set_script}`), and the run is replayed from the edited script (docs/semantics.md §13).

use super::form_field::event_value;
use crate::engine::scenario::spec::{InjectSpec, ScriptEntrySpec, SelectorSpec, TargetSpec};
use crate::engine::time::parse_duration;
use crate::i18n::{t, tf};
use crate::ui::components::format::history_text;
use crate::ui::history::entry_label;
use crate::ui::state::{Action, ShellProps};
use yew::prelude::*;

/// The kinds of line the add form offers (catalogue key of each).
const KINDS: [(&str, &str); 8] = [
    ("enlist", "action.enlist"),
    ("start", "action.start"),
    ("stop", "action.stop"),
    ("unenlist", "action.unenlist"),
    ("publish", "ops.kind_publish"),
    ("send", "ops.kind_send"),
    ("resume", "ops.kind_resume_all"),
    ("terminate", "ops.kind_terminate_all"),
];

/// A line of `kind` at `at` on `target` (a port, or `group:NAME`).
fn new_line(kind: &str, at: &str, target: &str) -> ScriptEntrySpec {
    let t = match target.strip_prefix("group:") {
        Some(g) => TargetSpec { port: None, group: Some(g.to_string()) },
        None => TargetSpec { port: Some(target.to_string()), group: None },
    };
    let mut e = ScriptEntrySpec { at: at.trim().to_string(), ..Default::default() };
    match kind {
        "enlist" => e.enlist = Some(t),
        "start" => e.start = Some(t),
        "stop" => e.stop = Some(t),
        "unenlist" => e.unenlist = Some(t),
        "publish" => e.publish = Some(InjectSpec::default()),
        "send" => e.send = Some(InjectSpec { port: t.port, group: t.group, ..Default::default() }),
        "resume" => e.resume = Some(SelectorSpec::All("all".into())),
        _ => e.terminate = Some(SelectorSpec::All("all".into())),
    }
    e
}

/// The port or group a line names, as the add form's target value.
fn target_of(e: &ScriptEntrySpec) -> Option<String> {
    let t = [&e.enlist, &e.start, &e.stop, &e.unenlist].into_iter().flatten().next();
    let from_target = t.map(|t| t.group.as_ref().map(|g| format!("group:{g}")).or_else(|| t.port.clone()));
    let from_send = e.send.as_ref().map(|i| i.group.as_ref().map(|g| format!("group:{g}")).or_else(|| i.port.clone()));
    from_target.or(from_send).flatten()
}

/// `line` pointed at another port or group.
fn retarget(line: &ScriptEntrySpec, target: &str) -> ScriptEntrySpec {
    let mut e = line.clone();
    let (port, group) = match target.strip_prefix("group:") {
        Some(g) => (None, Some(g.to_string())),
        None => (Some(target.to_string()), None),
    };
    for t in [&mut e.enlist, &mut e.start, &mut e.stop, &mut e.unenlist].into_iter().flatten() {
        t.port = port.clone();
        t.group = group.clone();
    }
    if let Some(i) = e.send.as_mut() {
        i.port = port;
        i.group = group;
    }
    e
}

#[component(Operations)]
pub fn operations(props: &ShellProps) -> Html {
    let lang = props.state.lang;
    let d = props.dispatch.clone();
    let (lines, ports, groups, now, raw) = {
        let s = props.state.session.borrow();
        let spec = s.spec();
        (
            spec.script.clone(),
            spec.send_ports.iter().map(|p| p.name.clone()).collect::<Vec<_>>(),
            spec.send_port_groups.iter().map(|g| g.name.clone()).collect::<Vec<_>>(),
            crate::engine::time::format_duration(crate::engine::time::SimDuration(s.now().as_ms())),
            ScriptEntrySpec::list_to_json(&spec.script),
        )
    };
    let targets: Vec<(String, String)> = ports
        .iter()
        .map(|p| (p.clone(), p.clone()))
        .chain(groups.iter().map(|g| (format!("group:{g}"), tf(lang, "ops.group_target", &[("name", g)]))))
        .collect();
    let kind = use_state(|| "start".to_string());
    let at = use_state(|| now.clone());
    let target = use_state(String::new);
    let raw_text = use_state(|| raw.clone());
    {
        // The raw JSON follows the document until the user edits it.
        let raw_text = raw_text.clone();
        use_effect_with(raw.clone(), move |r| raw_text.set(r.clone()));
    }
    let chosen_target = if targets.iter().any(|(v, _)| *v == *target) {
        (*target).clone()
    } else {
        targets.first().map(|(v, _)| v.clone()).unwrap_or_default()
    };
    let needs_target = !matches!(kind.as_str(), "publish" | "resume" | "terminate");
    let at_ok = parse_duration(at.trim()).is_ok();
    let can_add = at_ok && (!needs_target || !chosen_target.is_empty());

    let rows: Html = lines
        .iter()
        .enumerate()
        .map(|(i, line)| {
            let what = history_text(lang, &entry_label(line));
            let on_at = {
                let d = d.clone();
                let line = line.clone();
                Callback::from(move |e: Event| {
                    let v = event_value(&e);
                    if v.trim() != line.at && parse_duration(v.trim()).is_ok() {
                        let mut moved = line.clone();
                        moved.at = v.trim().to_string();
                        d.emit(Action::PutLine(i, Box::new(moved)));
                    }
                })
            };
            let on_target = {
                let d = d.clone();
                let line = line.clone();
                Callback::from(move |e: Event| d.emit(Action::PutLine(i, Box::new(retarget(&line, &event_value(&e))))))
            };
            let count = [&line.publish, &line.send].into_iter().flatten().next().map(|inj| inj.count.unwrap_or(1));
            let on_count = {
                let d = d.clone();
                let line = line.clone();
                Callback::from(move |e: Event| {
                    if let Ok(n) = event_value(&e).trim().parse::<i64>() {
                        let mut edited = line.clone();
                        for inj in [&mut edited.publish, &mut edited.send].into_iter().flatten() {
                            inj.count = (n != 1).then_some(n);
                        }
                        d.emit(Action::PutLine(i, Box::new(edited)));
                    }
                })
            };
            let remove = d.reform(move |_: MouseEvent| Action::RemoveLine(i));
            let line_target = target_of(line);
            let n = (i + 1).to_string();
            html! {
                <tr>
                    <td>
                        <input type="text" class="ops-at" value={line.at.clone()} onchange={on_at}
                            aria-label={tf(lang, "ops.at_of", &[("n", &n), ("what", &what)])} />
                    </td>
                    <td class="ops-what">{ what.clone() }</td>
                    <td>
                        if let Some(current) = &line_target {
                            <select aria-label={tf(lang, "ops.target_of", &[("n", &n), ("what", &what)])} onchange={on_target}>
                                { for targets.iter().map(|(v, label)| html! {
                                    <option value={v.clone()} selected={v == current}>{ label.clone() }</option>
                                }) }
                            </select>
                        }
                        if let Some(c) = count {
                            <input type="text" class="ops-count" value={c.to_string()} onchange={on_count}
                                aria-label={tf(lang, "ops.count_of", &[("n", &n), ("what", &what)])} />
                        }
                    </td>
                    <td>
                        <button type="button" class="btn btn-small" onclick={remove}
                            aria-label={tf(lang, "ops.remove_of", &[("n", &n), ("what", &what)])}>{ t(lang, "ops.remove") }</button>
                    </td>
                </tr>
            }
        })
        .collect();

    let add = {
        let d = d.clone();
        let (kind, at) = (kind.clone(), at.clone());
        let chosen = chosen_target.clone();
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            if can_add {
                d.emit(Action::AddLine(Box::new(new_line(&kind, &at, &chosen))));
            }
        })
    };
    let apply_raw = {
        let d = d.clone();
        let raw_text = raw_text.clone();
        // The engine's own reader (every error with its JSON Pointer), not serde's derive.
        Callback::from(move |_: MouseEvent| match crate::engine::scenario::parse::parse_script(&raw_text) {
            Ok(script) => d.emit(Action::SetScript(script)),
            Err(e) => {
                d.emit(Action::SetStatus(format!("{}{}{e}", t(lang, "ops.raw_invalid"), crate::i18n::colon(lang))))
            }
        })
    };
    html! {
        <section class="editor operations" aria-labelledby="ops-title">
            <h2 id="ops-title">{ t(lang, "ops.title") }</h2>
            <p class="hint">{ t(lang, "ops.hint") }</p>
            if lines.is_empty() {
                <p class="empty">{ t(lang, "ops.empty") }</p>
            } else {
                <table class="ops-table" aria-labelledby="ops-title">
                    <thead><tr>
                        <th scope="col">{ t(lang, "ops.col_at") }</th>
                        <th scope="col">{ t(lang, "ops.col_action") }</th>
                        <th scope="col">{ t(lang, "ops.col_target") }</th>
                        <th scope="col"><span class="visually-hidden">{ t(lang, "ops.remove") }</span></th>
                    </tr></thead>
                    <tbody>{ rows }</tbody>
                </table>
            }
            <form class="ops-add" aria-label={t(lang, "ops.add_title")} onsubmit={add} novalidate=true>
                <h3>{ t(lang, "ops.add_title") }</h3>
                <div class="field-row">
                    <div class="field">
                        <label for="ops-add-at">{ t(lang, "ops.col_at") }</label>
                        <input id="ops-add-at" type="text" value={(*at).clone()}
                            oninput={{ let at = at.clone(); Callback::from(move |e: InputEvent| at.set(event_value(&e))) }} />
                        if !at_ok { <span class="field-error" role="alert">{ t(lang, "inject.every_error") }</span> }
                    </div>
                    <div class="field">
                        <label for="ops-add-kind">{ t(lang, "ops.col_action") }</label>
                        <select id="ops-add-kind" onchange={{ let kind = kind.clone(); Callback::from(move |e: Event| kind.set(event_value(&e))) }}>
                            { for KINDS.iter().map(|(v, key)| html! { <option value={*v} selected={*kind == *v}>{ t(lang, key) }</option> }) }
                        </select>
                    </div>
                    if needs_target {
                        <div class="field">
                            <label for="ops-add-target">{ t(lang, "ops.col_target") }</label>
                            <select id="ops-add-target" onchange={{ let target = target.clone(); Callback::from(move |e: Event| target.set(event_value(&e))) }}>
                                { for targets.iter().map(|(v, label)| html! { <option value={v.clone()} selected={*v == chosen_target}>{ label.clone() }</option> }) }
                            </select>
                        </div>
                    }
                </div>
                <button type="submit" class="btn btn-primary" disabled={!can_add}>{ t(lang, "ops.add") }</button>
            </form>
            <details class="ops-raw">
                <summary>{ t(lang, "ops.raw") }</summary>
                <label for="ops-raw-text">{ t(lang, "ops.raw_label") }</label>
                <textarea id="ops-raw-text" rows="10" value={(*raw_text).clone()}
                    oninput={{ let raw_text = raw_text.clone(); Callback::from(move |e: InputEvent| raw_text.set(event_value(&e))) }} />
                <button type="button" class="btn" onclick={apply_raw}>{ t(lang, "ops.raw_apply") }</button>
            </details>
        </section>
    }
}
