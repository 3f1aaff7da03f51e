//! The send port editor, grouped like the console's Send Port Properties pages: General
//! (transport type, address, send handler), Transport Advanced Options (retry count, retry
//! interval, ordered delivery, stop on failure, service window, priority), Backup Transport and
//! Filters. Every keystroke re-validates the candidate document with the engine's `validate`
//! and shows each error next to the field its path belongs to. The form keeps exactly what was
//! typed (numbers as text), and cannot be applied while anything is wrong.

use super::filter_editor::FilterEditor;
use super::form_field::{check_field, messages, select_field, text_field};
use crate::engine::model::{PortKind, KNOWN_ADAPTERS, ONE_WAY_ONLY_ADAPTERS};
use crate::engine::scenario::spec::{FilterSpec, PortSpec, ServiceWindowSpec, TransportSpec};
use crate::engine::scenario::ScenarioError;
use crate::i18n::{t, tf, tn, Lang};
use crate::ui::session::{errors_under, new_port, with_port, Session};
use crate::ui::state::{Action, UiState};
use std::rc::Rc;
use yew::prelude::*;

#[derive(Properties, PartialEq, Clone)]
pub struct PortEditorProps {
    pub state: Rc<UiState>,
    pub dispatch: Callback<Action>,
    /// `None` = a new port (added on Apply).
    pub index: Option<usize>,
    pub kind: PortKind,
}

/// A transport as typed (retry count as text).
#[derive(Debug, Clone, PartialEq, Default)]
pub struct TransportForm {
    pub transport: String,
    pub address: String,
    pub retry_count: String,
    pub retry_interval: String,
    pub send_handler: String,
}

/// The whole form as typed.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct PortForm {
    pub name: String,
    pub kind: String,
    pub state: String,
    pub primary: TransportForm,
    pub use_backup: bool,
    pub backup: TransportForm,
    pub ordered_delivery: bool,
    pub stop_on_failure: bool,
    pub use_window: bool,
    pub window_from: String,
    pub window_to: String,
    pub priority: String,
    pub route_failed_messages: bool,
    pub filter: FilterSpec,
    /// Not edited here; carried over so an edit keeps an imported port's application and
    /// verbatim binding elements.
    pub application: Option<String>,
    pub binding_xml: crate::engine::scenario::spec::BindingXml,
}

impl TransportForm {
    fn from_spec(t: &TransportSpec) -> Self {
        TransportForm {
            transport: t.transport.clone(),
            address: t.address.clone(),
            retry_count: t.retry_count.map(|n| n.to_string()).unwrap_or_else(|| "3".into()),
            retry_interval: t.retry_interval.clone().unwrap_or_else(|| "5m".into()),
            send_handler: t.send_handler.clone().unwrap_or_default(),
        }
    }
    /// The spec, plus local problems (text that is not a whole number).
    fn to_spec(&self, lang: Lang) -> (TransportSpec, Vec<String>) {
        let mut local = Vec::new();
        let retry_count = if self.retry_count.trim().is_empty() {
            None
        } else {
            match self.retry_count.trim().parse::<i64>() {
                Ok(n) => Some(n),
                Err(_) => {
                    local.push(t(lang, "editor.whole_number").to_string());
                    None
                }
            }
        };
        let spec = TransportSpec {
            transport: self.transport.clone(),
            address: self.address.clone(),
            retry_count,
            retry_interval: (!self.retry_interval.trim().is_empty()).then(|| self.retry_interval.trim().to_string()),
            send_handler: (!self.send_handler.trim().is_empty()).then(|| self.send_handler.trim().to_string()),
        };
        (spec, local)
    }
}

impl PortForm {
    pub fn from_spec(p: &PortSpec) -> Self {
        let kind = crate::ui::state::kind_of(&p.kind);
        let default_backup = TransportSpec {
            transport: if kind.is_solicit_response() { "HTTP".into() } else { "FTP".into() },
            address: String::new(),
            retry_count: Some(3),
            retry_interval: Some("5m".into()),
            send_handler: None,
        };
        PortForm {
            name: p.name.clone(),
            kind: p.kind.clone(),
            state: p.state.clone().unwrap_or_else(|| "bound".into()),
            primary: p.primary.as_ref().map(TransportForm::from_spec).unwrap_or_default(),
            use_backup: p.backup.is_some(),
            backup: TransportForm::from_spec(p.backup.as_ref().unwrap_or(&default_backup)),
            ordered_delivery: p.ordered_delivery,
            stop_on_failure: p.stop_on_failure,
            use_window: p.service_window.is_some(),
            window_from: p.service_window.as_ref().map(|w| w.from.clone()).unwrap_or_else(|| "08:00".into()),
            window_to: p.service_window.as_ref().map(|w| w.to.clone()).unwrap_or_else(|| "17:00".into()),
            priority: p.priority.map(|n| n.to_string()).unwrap_or_else(|| "5".into()),
            route_failed_messages: p.route_failed_messages,
            filter: p.filter.clone(),
            application: p.application.clone(),
            binding_xml: p.binding_xml.clone(),
        }
    }

    /// The spec this form describes and the local problems by field (`primary/retryCount`, ...).
    pub fn to_spec(&self, lang: Lang) -> (PortSpec, Vec<(&'static str, String)>) {
        let kind = crate::ui::state::kind_of(&self.kind);
        let mut local = Vec::new();
        let (primary, backup) = if kind.is_static() {
            let (p, l) = self.primary.to_spec(lang);
            local.extend(l.into_iter().map(|m| ("primary/retryCount", m)));
            let backup = if self.use_backup {
                let (b, l) = self.backup.to_spec(lang);
                local.extend(l.into_iter().map(|m| ("backup/retryCount", m)));
                Some(b)
            } else {
                None
            };
            (Some(p), backup)
        } else {
            (None, None)
        };
        let priority = match self.priority.trim() {
            "" => None,
            text => match text.parse::<i64>() {
                Ok(n) => Some(n),
                Err(_) => {
                    local.push(("priority", t(lang, "editor.whole_number").to_string()));
                    None
                }
            },
        };
        let spec = PortSpec {
            name: self.name.clone(),
            kind: self.kind.clone(),
            state: (self.state != "bound").then(|| self.state.clone()),
            filter: self.filter.clone(),
            primary,
            backup,
            ordered_delivery: self.ordered_delivery,
            stop_on_failure: self.stop_on_failure,
            service_window: self
                .use_window
                .then(|| ServiceWindowSpec { from: self.window_from.clone(), to: self.window_to.clone() }),
            priority,
            route_failed_messages: kind.is_static() && self.route_failed_messages,
            application: self.application.clone(),
            binding_xml: self.binding_xml.clone(),
        };
        (spec, local)
    }
}

/// The adapters offered for a kind (§9: no one-way-only adapter on a solicit-response port),
/// plus the current one if it is something else (an imported file may name any adapter).
pub fn adapters_for(kind: PortKind, current: &str) -> Vec<String> {
    let mut v: Vec<String> = KNOWN_ADAPTERS
        .iter()
        .filter(|a| !kind.is_solicit_response() || !ONE_WAY_ONLY_ADAPTERS.contains(a))
        .map(|a| a.to_string())
        .collect();
    if !current.is_empty() && !v.iter().any(|a| a == current) {
        v.push(current.to_string());
    }
    v
}

fn local_for(local: &[(&'static str, String)], field: &str) -> Vec<String> {
    local.iter().filter(|(f, _)| *f == field).map(|(_, m)| m.clone()).collect()
}

#[component(PortEditor)]
pub fn port_editor(props: &PortEditorProps) -> Html {
    let lang = props.state.lang;
    let initial = {
        let session = props.state.session.borrow();
        let spec = session.spec();
        props.index.and_then(|i| spec.send_ports.get(i).cloned()).unwrap_or_else(|| new_port(props.kind, spec))
    };
    let form = use_state(|| PortForm::from_spec(&initial));
    let kind = crate::ui::state::kind_of(&form.kind);
    let session = props.state.session.borrow();
    let current_spec = session.spec();
    let index = props.index.filter(|i| *i < current_spec.send_ports.len());
    let position = index.unwrap_or(current_spec.send_ports.len());
    let (port, local) = form.to_spec(lang);
    let candidate = with_port(current_spec, index, port.clone());
    let all_errors: Vec<ScenarioError> = Session::check(&candidate);
    drop(session);
    let prefix = format!("/sendPorts/{position}");
    let path = |f: &str| format!("{prefix}/{f}");
    let field_errors = |f: &str| messages(&all_errors, &path(f), &local_for(&local, f));
    // Errors shown at a field; the rest go in the summary.
    const FIELDS: [&str; 16] = [
        "name",
        "kind",
        "state",
        "primary/transport",
        "primary/address",
        "primary/retryCount",
        "primary/retryInterval",
        "primary/sendHandler",
        "backup",
        "orderedDelivery",
        "stopOnFailure",
        "serviceWindow",
        "priority",
        "routeFailedMessages",
        "filter",
        "primary",
    ];
    let other: Vec<&ScenarioError> = all_errors
        .iter()
        .filter(|e| !FIELDS.iter().any(|f| !errors_under(std::slice::from_ref(*e), &path(f)).is_empty()))
        .collect();
    let problem_count = all_errors.len() + local.len();

    let set = |f: super::form_field::Setter<PortForm, String>| super::form_field::form_setter(&form, f);
    let set_bool = |f: super::form_field::Setter<PortForm, bool>| super::form_field::form_setter(&form, f);
    let on_filter = super::form_field::form_setter(&form, std::rc::Rc::new(|next, f: FilterSpec| next.filter = f));
    let onsubmit = {
        let dispatch = props.dispatch.clone();
        let can_apply = problem_count == 0;
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            if can_apply {
                dispatch.emit(Action::ApplyPort { index, port: Box::new(port.clone()) });
            }
        })
    };
    let cancel = props.dispatch.reform(|_: MouseEvent| Action::CloseEditor);
    let states = vec![
        ("bound".to_string(), t(lang, "state.bound").to_string()),
        ("stopped".to_string(), t(lang, "state.stopped").to_string()),
        ("started".to_string(), t(lang, "state.started").to_string()),
    ];
    let transport_fields = |slot: &'static str, tf_: &TransportForm, backup: bool| -> Html {
        let setter = |which: fn(&mut TransportForm, String)| {
            set(Rc::new(move |f: &mut PortForm, v: String| {
                let t = if backup { &mut f.backup } else { &mut f.primary };
                which(t, v)
            }))
        };
        let id = |f: &str| format!("pe-{slot}-{f}");
        let p = |f: &str| format!("{slot}/{f}");
        html! {
            <>
                { select_field(&id("transport"), t(lang, "editor.transport_type"), &tf_.transport,
                    adapters_for(kind, &tf_.transport).into_iter().map(|a| (a.clone(), a)).collect(),
                    field_errors(&p("transport")), setter(|t, v| t.transport = v)) }
                { text_field(&id("address"), t(lang, "editor.address"), &tf_.address, field_errors(&p("address")),
                    None, false, "text", setter(|t, v| t.address = v)) }
                // Seed 004: the backup transport has its own Send handler, as the primary does.
                { text_field(&id("handler"), t(lang, "editor.send_handler"), &tf_.send_handler,
                    field_errors(&p("sendHandler")), Some(t(lang, "editor.send_handler_hint")), false, "text",
                    setter(|t, v| t.send_handler = v)) }
                { text_field(&id("retry-count"), t(lang, "editor.retry_count"), &tf_.retry_count,
                    field_errors(&p("retryCount")), Some(t(lang, "editor.retry_count_hint")), false, "text",
                    setter(|t, v| t.retry_count = v)) }
                { text_field(&id("retry-interval"), t(lang, "editor.retry_interval"), &tf_.retry_interval,
                    field_errors(&p("retryInterval")), Some(t(lang, "editor.retry_interval_hint")), false, "text",
                    setter(|t, v| t.retry_interval = v)) }
            </>
        }
    };
    let title = if index.is_some() {
        tf(lang, "editor.port_title", &[("name", &form.name)])
    } else {
        tf(lang, "editor.new_port_title", &[("kind", t(lang, super::tree::kind_key(&form.kind)))])
    };
    let primary_html = transport_fields("primary", &form.primary, false);
    let backup_html = transport_fields("backup", &form.backup, true);
    html! {
        <form class="editor" aria-labelledby="pe-title" {onsubmit} novalidate=true>
            <h2 id="pe-title">{ title }</h2>
            <p class="editor-kind">{ t(lang, super::tree::kind_key(&form.kind)) }</p>
            <fieldset class="page">
                <legend>{ t(lang, "editor.general") }</legend>
                { text_field("pe-name", t(lang, "editor.name"), &form.name, field_errors("name"), None, false, "text",
                    set(Rc::new(|f, v| f.name = v))) }
                { select_field("pe-state", t(lang, "editor.initial_state"), &form.state, states,
                    field_errors("state"), set(Rc::new(|f, v| f.state = v))) }
                if kind.is_static() {
                    { primary_html }
                    if kind.is_solicit_response() {
                        <p class="hint">{ t(lang, "editor.solicit_response_adapters") }</p>
                    }
                } else {
                    <p class="note" role="note">{ t(lang, "editor.dynamic_note") }</p>
                }
            </fieldset>
            <fieldset class="page">
                <legend>{ t(lang, "editor.advanced") }</legend>
                { check_field("pe-ordered", t(lang, "editor.ordered_delivery"), form.ordered_delivery,
                    field_errors("orderedDelivery"), false, set_bool(Rc::new(|f, v| { f.ordered_delivery = v; if !v { f.stop_on_failure = false; } }))) }
                { check_field("pe-stop-on-failure", t(lang, "editor.stop_on_failure"), form.stop_on_failure,
                    field_errors("stopOnFailure"), !form.ordered_delivery, set_bool(Rc::new(|f, v| f.stop_on_failure = v))) }
                { check_field("pe-window", t(lang, "editor.service_window"), form.use_window,
                    Vec::new(), false, set_bool(Rc::new(|f, v| f.use_window = v))) }
                if form.use_window {
                    <div class="field-row">
                        { text_field("pe-window-from", t(lang, "editor.window_from"), &form.window_from,
                            field_errors("serviceWindow/from"), None, false, "time", set(Rc::new(|f, v| f.window_from = v))) }
                        { text_field("pe-window-to", t(lang, "editor.window_to"), &form.window_to,
                            field_errors("serviceWindow/to"), None, false, "time", set(Rc::new(|f, v| f.window_to = v))) }
                    </div>
                }
                { text_field("pe-priority", t(lang, "editor.priority"), &form.priority, field_errors("priority"),
                    Some(t(lang, "editor.priority_hint")), false, "text", set(Rc::new(|f, v| f.priority = v))) }
                if kind.is_static() {
                    { check_field("pe-route-failed", t(lang, "editor.route_failed"), form.route_failed_messages,
                        field_errors("routeFailedMessages"), false, set_bool(Rc::new(|f, v| f.route_failed_messages = v))) }
                }
            </fieldset>
            <fieldset class="page">
                <legend>{ t(lang, "editor.backup") }</legend>
                if kind.is_static() {
                    { check_field("pe-use-backup", t(lang, "editor.use_backup"), form.use_backup,
                        Vec::new(),
                        false, set_bool(Rc::new(|f, v| f.use_backup = v))) }
                    if form.ordered_delivery && form.use_backup {
                        <p class="note" role="note">{ t(lang, "editor.backup_ordered_warning") }</p>
                    }
                    if form.use_backup { { backup_html } }
                } else {
                    <p class="note" role="note">{ t(lang, "editor.dynamic_no_backup") }</p>
                }
            </fieldset>
            <fieldset class="page">
                <legend>{ t(lang, "editor.filters") }</legend>
                <FilterEditor {lang} filter={form.filter.clone()} on_change={on_filter}
                    path={AttrValue::from(path("filter"))} errors={all_errors.clone()} id_prefix="pe-filter" />
            </fieldset>
            if !other.is_empty() {
                <div class="error-summary" role="alert">
                    <h3>{ t(lang, "editor.other_problems") }</h3>
                    <ul>{ for other.iter().map(|e| html! { <li><code>{ e.path.clone() }</code>{ " " }{ e.message.clone() }</li> }) }</ul>
                </div>
            }
            <div class="editor-actions">
                <button type="submit" class="btn btn-primary" disabled={problem_count > 0}
                    aria-describedby={(problem_count > 0).then_some("pe-apply-reason")}>{ t(lang, "editor.apply") }</button>
                <button type="button" class="btn" onclick={cancel}>{ t(lang, "editor.cancel") }</button>
                if problem_count > 0 {
                    <span class="reason" id="pe-apply-reason">{ tn(lang, "editor.fix_problems", problem_count as u64, &[]) }</span>
                }
            </div>
        </form>
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::scenario::ScenarioSpec;

    #[test]
    fn solicit_response_kinds_offer_no_one_way_only_adapter() {
        let sr = adapters_for(PortKind::StaticSolicitResponse, "HTTP");
        for one_way in ONE_WAY_ONLY_ADAPTERS {
            assert!(!sr.iter().any(|a| a == one_way), "{one_way} offered for solicit-response");
        }
        assert!(sr.iter().any(|a| a == "HTTP"));
        assert!(adapters_for(PortKind::StaticOneWay, "FILE").iter().any(|a| a == "FILE"));
        // An imported adapter name is kept, so the form never loses it.
        assert!(adapters_for(PortKind::StaticOneWay, "MyAdapter").iter().any(|a| a == "MyAdapter"));
    }

    #[test]
    fn the_form_round_trips_a_port_and_keeps_bad_text() {
        let spec = ScenarioSpec::empty("t");
        let mut port = new_port(PortKind::StaticOneWay, &spec);
        port.ordered_delivery = true;
        port.service_window = Some(ServiceWindowSpec { from: "08:00".into(), to: "17:00".into() });
        let form = PortForm::from_spec(&port);
        let (back, local) = form.to_spec(Lang::En);
        assert!(local.is_empty());
        assert_eq!(back.service_window, port.service_window);
        assert_eq!(back.primary.as_ref().and_then(|p| p.retry_count), Some(3));
        let mut typed = form.clone();
        typed.primary.retry_count = "3x".into();
        let (_, local) = typed.to_spec(Lang::En);
        assert_eq!(local.iter().map(|(f, _)| *f).collect::<Vec<_>>(), ["primary/retryCount"]);
        assert_eq!(typed.primary.retry_count, "3x", "what was typed is kept");
    }

    #[test]
    fn dynamic_ports_produce_no_transport() {
        let spec = ScenarioSpec::empty("t");
        let form = PortForm::from_spec(&new_port(PortKind::DynamicSolicitResponse, &spec));
        let (port, _) = form.to_spec(Lang::En);
        assert!(port.primary.is_none() && port.backup.is_none());
        assert!(!port.route_failed_messages);
    }
}
