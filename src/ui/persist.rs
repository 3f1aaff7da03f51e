//! What survives a reload: the autosaved document + view (localStorage `portsim.autosave.v1`),
//! the chosen language (`portsim.lang`), and a permalink in the URL (`#s=`). Pure functions
//! over strings, so the rules (a corrupt or foreign value is set aside, never a crash) are
//! tested natively; `app.rs` does the actual storage calls.

use crate::i18n::Lang;
use crate::ui::session::Session;
use crate::ui::state::{ObserveTab, Selection, WorkTab};
use serde_json::{json, Value};

pub const AUTOSAVE_KEY: &str = "portsim.autosave.v1";
/// Where an unreadable autosave is kept (still exportable from the notice dialog).
pub const SET_ASIDE_KEY: &str = "portsim.autosave.v1.set-aside";
pub const LANG_KEY: &str = "portsim.lang";
pub const AUTOSAVE_FORMAT: &str = "portsim-autosave/1";

/// The view part of an autosave.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct SavedView {
    pub selection: Selection,
    pub work_tab: WorkTab,
    pub observe_tab: ObserveTab,
    /// The Inject panel's fields (issue 11 #2).
    pub inject: crate::ui::inject_form::InjectForm,
}

fn selection_json(s: &Selection) -> Value {
    match s {
        Selection::Scenario => json!({"node": "scenario"}),
        Selection::PortsNode => json!({"node": "ports"}),
        Selection::GroupsNode => json!({"node": "groups"}),
        Selection::Endpoints => json!({"node": "endpoints"}),
        Selection::Port(n) => json!({"node": "port", "name": n}),
        Selection::Group(n) => json!({"node": "group", "name": n}),
        Selection::AppPorts(n) => json!({"node": "app-ports", "name": n}),
        Selection::AppGroups(n) => json!({"node": "app-groups", "name": n}),
        Selection::Finder { .. } => json!({"node": "finder"}),
    }
}

fn selection_from(v: &Value) -> Selection {
    let name = v.get("name").and_then(Value::as_str).unwrap_or_default().to_string();
    match v.get("node").and_then(Value::as_str) {
        Some("ports") => Selection::PortsNode,
        Some("groups") => Selection::GroupsNode,
        Some("endpoints") => Selection::Endpoints,
        Some("port") => Selection::Port(name),
        Some("group") => Selection::Group(name),
        Some("app-ports") => Selection::AppPorts(name),
        Some("app-groups") => Selection::AppGroups(name),
        Some("finder") => Selection::Finder { property: String::new(), value: String::new() },
        _ => Selection::Scenario,
    }
}

fn work_code(t: WorkTab) -> &'static str {
    match t {
        WorkTab::Details => "details",
        WorkTab::Inject => "inject",
        WorkTab::Operations => "operations",
        WorkTab::Topology => "topology",
        WorkTab::Learn => "learn",
    }
}

fn observe_code(t: ObserveTab) -> &'static str {
    match t {
        ObserveTab::Instances => "instances",
        ObserveTab::Timeline => "timeline",
        ObserveTab::Why => "why",
        ObserveTab::EventLog => "log",
        ObserveTab::Charts => "charts",
        ObserveTab::Compare => "compare",
        ObserveTab::Sweep => "sweep",
    }
}

/// The autosave value for a document and view.
pub fn autosave_value(scenario_json: &str, view: &SavedView) -> String {
    json!({
        "format": AUTOSAVE_FORMAT,
        "scenario": scenario_json,
        "view": {
            "selection": selection_json(&view.selection),
            "work": work_code(view.work_tab),
            "observe": observe_code(view.observe_tab),
            "inject": view.inject.to_value(),
        }
    })
    .to_string()
}

/// Why a stored value could not be restored.
#[derive(Debug, Clone, PartialEq)]
pub enum RestoreError {
    /// Not an autosave of this version (not JSON, another format, missing fields).
    Foreign,
    /// An autosave whose scenario no longer validates (the messages).
    Invalid(Vec<String>),
}

/// The notice for an autosave that could not be restored: it must say what really happened to
/// the saved value (set aside under `SET_ASIDE_KEY`, or left in place when the copy failed).
pub fn restore_notice_key(err: &RestoreError, set_aside: bool) -> &'static str {
    match (err, set_aside) {
        (RestoreError::Foreign, true) => "notice.autosave_foreign",
        (RestoreError::Invalid(_), true) => "notice.autosave_invalid",
        (_, false) => "notice.autosave_kept_in_place",
    }
}

/// Reads an autosave value back into a session and view.
pub fn restore(value: &str) -> Result<(Session, SavedView), RestoreError> {
    let v: Value = serde_json::from_str(value).map_err(|_| RestoreError::Foreign)?;
    if v.get("format").and_then(Value::as_str) != Some(AUTOSAVE_FORMAT) {
        return Err(RestoreError::Foreign);
    }
    let scenario = v.get("scenario").and_then(Value::as_str).ok_or(RestoreError::Foreign)?;
    let session = Session::from_json(scenario)
        .map_err(|e| RestoreError::Invalid(e.errors.iter().map(|e| e.to_string()).collect()))?;
    let view = v.get("view").cloned().unwrap_or(Value::Null);
    let work_tab = match view.get("work").and_then(Value::as_str) {
        Some("inject") => WorkTab::Inject,
        Some("operations") => WorkTab::Operations,
        Some("topology") => WorkTab::Topology,
        Some("learn") => WorkTab::Learn,
        _ => WorkTab::Details,
    };
    let observe_tab = match view.get("observe").and_then(Value::as_str) {
        Some("timeline") => ObserveTab::Timeline,
        Some("why") => ObserveTab::Why,
        Some("log") => ObserveTab::EventLog,
        Some("charts") => ObserveTab::Charts,
        Some("compare") => ObserveTab::Compare,
        Some("sweep") => ObserveTab::Sweep,
        _ => ObserveTab::Instances,
    };
    let mut selection = view.get("selection").map(selection_from).unwrap_or_default();
    let spec = session.spec();
    let exists = match &selection {
        Selection::Port(n) => spec.send_ports.iter().any(|p| &p.name == n),
        Selection::Group(n) => spec.send_port_groups.iter().any(|g| &g.name == n),
        _ => true,
    };
    if !exists {
        selection = Selection::Scenario;
    }
    let inject = crate::ui::inject_form::InjectForm::from_value(view.get("inject"));
    Ok((session, SavedView { selection, work_tab, observe_tab, inject }))
}

/// The language: a remembered choice wins, then the browser's language, then English.
pub fn choose_lang(stored: Option<&str>, navigator: &str) -> Lang {
    match stored {
        Some("fr") => Lang::Fr,
        Some("en") => Lang::En,
        _ => Lang::from_tag(navigator),
    }
}

/// The compared scenario A in a location hash (`#s=B&a=A`), if the hash carries one.
pub fn compare_payload(hash: &str) -> Option<&str> {
    hash.trim_start_matches('#').split('&').find_map(|part| part.strip_prefix("a="))
}

/// The permalink payload in a location hash (`s=...`), if the hash carries one.
pub fn permalink_payload(hash: &str) -> Option<&str> {
    let hash = hash.strip_prefix('#').unwrap_or(hash);
    // `s%3D` too: a pasted link may come percent-encoded (share::decode_scenario decodes the rest).
    hash.split('&').find_map(|part| {
        part.strip_prefix("s=").or_else(|| part.strip_prefix("s%3D")).or_else(|| part.strip_prefix("s%3d"))
    })
}

/// `?embed&charts`: an embed that also shows the Charts view.
pub fn embed_wants_charts(query: &str) -> bool {
    query.trim_start_matches('?').split('&').any(|p| p == "charts" || p == "view=charts")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::model::PortKind;

    #[test]
    fn autosave_round_trips_document_and_view() {
        let mut s = Session::empty();
        assert!(s.create_port(PortKind::StaticOneWay).is_ok());
        let view = SavedView {
            selection: Selection::Port("SendPort1".into()),
            work_tab: WorkTab::Inject,
            observe_tab: ObserveTab::EventLog,
            inject: crate::ui::inject_form::InjectForm { count: "42".into(), ..Default::default() },
        };
        let value = autosave_value(&s.to_json(), &view);
        match restore(&value) {
            Ok((again, v)) => {
                assert_eq!(again.spec(), s.spec());
                assert_eq!(v, view);
            }
            Err(e) => panic!("restore failed: {e:?}"),
        }
    }

    #[test]
    fn corrupt_or_foreign_values_are_refused_not_panicked_on() {
        assert_eq!(restore("{not json").err(), Some(RestoreError::Foreign));
        assert_eq!(restore(r#"{"format":"other/1"}"#).err(), Some(RestoreError::Foreign));
        assert_eq!(restore(r#"{"format":"portsim-autosave/1"}"#).err(), Some(RestoreError::Foreign));
        let bad = autosave_value(r#"{"format":"portsim-scenario/1","sendPorts":[{"name":""}]}"#, &SavedView::default());
        assert!(matches!(restore(&bad), Err(RestoreError::Invalid(m)) if !m.is_empty()));
    }

    #[test]
    fn a_selection_that_no_longer_exists_falls_back() {
        let value = autosave_value(
            r#"{"format":"portsim-scenario/1"}"#,
            &SavedView { selection: Selection::Port("Gone".into()), ..Default::default() },
        );
        assert!(matches!(restore(&value), Ok((_, v)) if v.selection == Selection::Scenario));
    }

    #[test]
    fn language_choice_and_url_parts() {
        assert_eq!(choose_lang(None, "fr-CA"), Lang::Fr);
        assert_eq!(choose_lang(Some("en"), "fr-FR"), Lang::En);
        assert_eq!(choose_lang(Some("garbage"), "de-DE"), Lang::En);
        assert_eq!(permalink_payload("#s=abc"), Some("abc"));
        assert_eq!(permalink_payload("x=1&s=abc"), Some("abc"));
        assert_eq!(permalink_payload("#other"), None);
        assert_eq!(permalink_payload("#s%3D1.a%2Db"), Some("1.a%2Db"));
    }
}
