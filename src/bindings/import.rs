//! Binding XML → `portsim-scenario/1` (BINDINGS.md §9, decisions §10). The file-level walk:
//! refusing what is not a binding file, then ports and groups (`import_port`), orchestration
//! bindings, "Start all", and a final pass of the scenario validation so that what comes out
//! always passes `portsim check`.

use super::import_port::{group, port};
use super::issues::{ErrorCode, ImportError, Subject, WarningCode};
use super::xml::{self, child, children, is_nil, Ctx};
use super::{ImportOptions, Imported, OrchestrationBinding, MAX_BINDING_BYTES};
use crate::engine::scenario::spec::{ScenarioSpec, ScriptEntrySpec, TargetSpec};
use crate::engine::scenario::{validate, ScenarioError};
use std::collections::BTreeSet;

const ROOT: &str = "/BindingInfo";

fn file_error(code: ErrorCode, value: impl Into<String>) -> Vec<ImportError> {
    vec![ImportError { code, path: String::new(), line: 0, column: 0, subject: None, value: value.into() }]
}

/// Reads a binding file. Errors: every problem found, each with its location (§10.3–10.4).
pub fn import_bindings(text: &str, options: &ImportOptions) -> Result<Imported, Vec<ImportError>> {
    if text.len() > MAX_BINDING_BYTES {
        return Err(file_error(ErrorCode::TooLarge, text.len().to_string()));
    }
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    if matches!(text.trim_start().as_bytes().first(), Some(b'{' | b'[')) {
        return Err(file_error(ErrorCode::Json, ""));
    }
    let doc = match xml::parse(text) {
        Ok(doc) => doc,
        Err(roxmltree::Error::DtdDetected) => return Err(file_error(ErrorCode::Dtd, "")),
        Err(e) => {
            let pos = e.pos();
            return Err(vec![ImportError {
                code: ErrorCode::NotXml,
                path: String::new(),
                line: pos.row,
                column: pos.col,
                subject: None,
                value: e.to_string(),
            }]);
        }
    };
    let root = doc.root_element();
    if root.tag_name().name() != "BindingInfo" {
        return Err(file_error(ErrorCode::NotBindings, root.tag_name().name()));
    }
    let mut ctx = Ctx::new(text, &doc);
    let mut spec = ScenarioSpec::empty(&file_name(&doc));
    spec.description = "Imported from a BizTalk binding file.".into();

    let port_path = format!("{ROOT}/SendPortCollection");
    for node in child(root, "SendPortCollection").into_iter().flat_map(|c| children(c, "SendPort")) {
        if let Some(p) = port(&mut ctx, node, &port_path, options.utc_offset_minutes) {
            if spec.send_ports.iter().any(|q| q.name == p.name) {
                let at = xml::name_predicate("SendPort", &p.name);
                ctx.error(
                    ErrorCode::DuplicatePort,
                    node,
                    format!("{port_path}/{at}"),
                    Some(&Subject::Port(p.name.clone())),
                    &p.name,
                );
            } else {
                spec.send_ports.push(p);
            }
        }
    }
    let group_path = format!("{ROOT}/DistributionListCollection");
    for node in child(root, "DistributionListCollection").into_iter().flat_map(|c| children(c, "DistributionList")) {
        if let Some(g) = group(&mut ctx, node, &group_path, &spec.send_ports) {
            if spec.send_port_groups.iter().any(|q| q.name == g.name) {
                let at = xml::name_predicate("DistributionList", &g.name);
                ctx.error(
                    ErrorCode::DuplicateGroup,
                    node,
                    format!("{group_path}/{at}"),
                    Some(&Subject::Group(g.name.clone())),
                    &g.name,
                );
            } else {
                spec.send_port_groups.push(g);
            }
        }
    }
    let receive_ports = child(root, "ReceivePortCollection").map(|c| children(c, "ReceivePort").count()).unwrap_or(0);
    if receive_ports > 0 {
        for node in child(root, "ReceivePortCollection").into_iter().flat_map(|c| children(c, "ReceivePort")) {
            ctx.warnings.add(WarningCode::ReceivePorts, node.attribute("Name").unwrap_or("?"));
        }
    }
    if let Some(parties) = child(root, "PartyCollection") {
        for party in children(parties, "Party") {
            ctx.warnings.add(WarningCode::Parties, party.attribute("Name").unwrap_or("?"));
        }
    }
    let orchestration_bound = orchestrations(&mut ctx, root);

    if ctx.errors.is_empty() && spec.send_ports.is_empty() && spec.send_port_groups.is_empty() {
        return Err(file_error(ErrorCode::Empty, ""));
    }
    if options.start_all {
        start_all(&mut spec);
    }
    if ctx.errors.is_empty() {
        // Whatever the walk let through, the scenario rules have the last word.
        if let Err(e) = validate(&spec) {
            ctx.errors.extend(e.errors.iter().map(|err| scenario_error(&spec, err)));
        }
    }
    if !ctx.errors.is_empty() {
        return Err(ctx.errors);
    }
    // Inserted rather than collected (`collect` sorts first: one more stable sort in the page).
    let mut applications = BTreeSet::new();
    applications.extend(
        spec.send_ports
            .iter()
            .filter_map(|p| p.application.clone())
            .chain(spec.send_port_groups.iter().filter_map(|g| g.application.clone())),
    );
    Ok(Imported {
        spec,
        warnings: ctx.warnings.list,
        orchestration_bound,
        applications: applications.into_iter().collect(),
    })
}

/// A name for the scenario: the application of an application-level export
/// (`ModuleRef Name="[Application:NAME]"`), else a generic one.
fn file_name(doc: &roxmltree::Document<'_>) -> String {
    doc.descendants()
        .filter(|n| n.has_tag_name("ModuleRef"))
        .filter_map(|n| n.attribute("Name"))
        .find_map(|n| n.strip_prefix("[Application:").and_then(|r| r.strip_suffix(']')))
        .map(|app| format!("{app} (binding file)"))
        .unwrap_or_else(|| "Binding file".to_string())
}

/// §10.5 "Start all": start every port, then every group, at 0 s (BTDF's `StartAllSendPorts,
/// StartAllSendPortGroups`; Start from Bound enlists first, rule L2).
fn start_all(spec: &mut ScenarioSpec) {
    let mut script: Vec<ScriptEntrySpec> = spec
        .send_ports
        .iter()
        .map(|p| ScriptEntrySpec {
            at: "0s".into(),
            start: Some(TargetSpec { port: Some(p.name.clone()), group: None }),
            ..Default::default()
        })
        .collect();
    script.extend(spec.send_port_groups.iter().map(|g| ScriptEntrySpec {
        at: "0s".into(),
        start: Some(TargetSpec { port: None, group: Some(g.name.clone()) }),
        ..Default::default()
    }));
    script.append(&mut spec.script);
    spec.script = script;
}

/// §10.7: `ModuleRef/Services/Service/Ports/Port/SendPortRef|DistributionListRef`.
fn orchestrations(ctx: &mut Ctx<'_, '_>, root: roxmltree::Node<'_, '_>) -> Vec<OrchestrationBinding> {
    let mut out = Vec::new();
    for service in root.descendants().filter(|n| n.has_tag_name("Service")) {
        let orchestration = service.attribute("Name").unwrap_or("").to_string();
        for port in child(service, "Ports").into_iter().flat_map(|p| children(p, "Port")) {
            let logical_port = port.attribute("Name").unwrap_or("").to_string();
            let target = if let Some(r) = child(port, "SendPortRef").filter(|r| !is_nil(*r)) {
                r.attribute("Name").map(|n| Subject::Port(n.to_string()))
            } else if let Some(r) = child(port, "DistributionListRef").filter(|r| !is_nil(*r)) {
                r.attribute("Name").map(|n| Subject::Group(n.to_string()))
            } else {
                None
            };
            if let Some(target) = target {
                ctx.warnings.add(WarningCode::Orchestrations, target.name());
                out.push(OrchestrationBinding { orchestration: orchestration.clone(), logical_port, target });
            }
        }
    }
    out
}

/// A scenario-validation error turned into an import error naming the port or group.
fn scenario_error(spec: &ScenarioSpec, err: &ScenarioError) -> ImportError {
    let index_after = |prefix: &str| -> Option<usize> {
        let rest = err.path.strip_prefix(prefix)?;
        let rest = rest.trim_start_matches(['[', '/']);
        rest.split(|c: char| !c.is_ascii_digit()).next()?.parse().ok()
    };
    let subject = if let Some(i) = index_after("sendPorts").or_else(|| index_after("/sendPorts")) {
        spec.send_ports.get(i).map(|p| Subject::Port(p.name.clone()))
    } else if let Some(i) = index_after("sendPortGroups").or_else(|| index_after("/sendPortGroups")) {
        spec.send_port_groups.get(i).map(|g| Subject::Group(g.name.clone()))
    } else {
        None
    };
    ImportError {
        code: ErrorCode::Scenario,
        path: String::new(),
        line: 0,
        column: 0,
        subject,
        value: err.message.clone(),
    }
}
