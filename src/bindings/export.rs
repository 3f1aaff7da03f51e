//! `ScenarioSpec` → `BindingInfo` XML (BINDINGS.md §9 "Export"): the element order of real
//! exports (XSD order, §2–3, §6), `Version="3.5.1.0"`, a `SecondaryTransport` block even without
//! a backup, service-window times as `2000-01-01Thh:mm:ss` (to = window end − 1 s), filters
//! escaped with the `utf-16` declaration as the console writes them. Elements kept verbatim by an
//! import (`bindingXml`, §10.9) are written back in their place, so exporting an unchanged import
//! keeps them; a kept element that no longer matches the port (another adapter) is regenerated.
//!
//! Runtime state (`bound`/`started`), endpoints and the script are not part of a binding file (§7).

use super::filter_xml::{attr, text, write as write_filter};
use super::xml;
use crate::engine::scenario::spec::{BindingXml, GroupSpec, PortSpec, ScenarioSpec, ServiceWindowSpec, TransportSpec};
use crate::engine::time::parse_duration;
use std::collections::BTreeSet;

const XSI: &str = "http://www.w3.org/2001/XMLSchema-instance";
const XSD: &str = "http://www.w3.org/2001/XMLSchema";
const PASS_THRU_TRANSMIT: &str = "<TransmitPipeline Name=\"Microsoft.BizTalk.DefaultPipelines.PassThruTransmit\" FullyQualifiedName=\"Microsoft.BizTalk.DefaultPipelines.PassThruTransmit, Microsoft.BizTalk.DefaultPipelines, Version=3.0.1.0, Culture=neutral, PublicKeyToken=31bf3856ad364e35\" Type=\"2\" TrackingOption=\"None\" Description=\"\" />";
const PASS_THRU_RECEIVE: &str = "<ReceivePipeline Name=\"Microsoft.BizTalk.DefaultPipelines.PassThruReceive\" FullyQualifiedName=\"Microsoft.BizTalk.DefaultPipelines.PassThruReceive, Microsoft.BizTalk.DefaultPipelines, Version=3.0.1.0, Culture=neutral, PublicKeyToken=31bf3856ad364e35\" Type=\"1\" TrackingOption=\"None\" Description=\"\" />";
/// Port children written by the exporter in their XSD places; other kept elements go before
/// `ApplicationName`.
const PLACED: [&str; 10] = [
    "Description",
    "TransmitPipeline",
    "SendPipelineData",
    "EncryptionCert",
    "ReceivePipeline",
    "ReceivePipelineData",
    "Tracking",
    "Transforms",
    "InboundTransforms",
    "SecondaryTransport",
];

/// The binding file for the scenario's ports and groups.
pub fn export_bindings(spec: &ScenarioSpec) -> String {
    let mut w = String::new();
    w.push_str("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n");
    w.push_str(&format!(
        "<BindingInfo xmlns:xsi=\"{XSI}\" xmlns:xsd=\"{XSD}\" Assembly=\"Microsoft.BizTalk.Deployment, Version=3.0.1.0, \
         Culture=neutral, PublicKeyToken=31bf3856ad364e35\" Version=\"3.5.1.0\" BindingStatus=\"NoBindings\" \
         BoundEndpoints=\"0\" TotalEndpoints=\"0\">\n"
    ));
    // No clock in pure code: a fixed timestamp keeps exports reproducible.
    w.push_str("  <Timestamp>2000-01-01T00:00:00</Timestamp>\n");
    // Inserted rather than collected (`collect` sorts first: one more stable sort in the page).
    let mut apps = BTreeSet::new();
    apps.extend(
        spec.send_ports
            .iter()
            .filter_map(|p| p.application.as_deref())
            .chain(spec.send_port_groups.iter().filter_map(|g| g.application.as_deref())),
    );
    if apps.is_empty() {
        w.push_str("  <ModuleRefCollection />\n");
    } else {
        w.push_str("  <ModuleRefCollection>\n");
        for app in apps {
            let a = attr(app);
            w.push_str(&format!(
                "    <ModuleRef Name=\"[Application:{a}]\" Version=\"\" Culture=\"\" PublicKeyToken=\"\" \
                 FullName=\"[Application:{a}], Version=, Culture=, PublicKeyToken=\">\n      <Services />\n      \
                 <TrackedSchemas />\n    </ModuleRef>\n"
            ));
        }
        w.push_str("  </ModuleRefCollection>\n");
    }
    if spec.send_ports.is_empty() {
        w.push_str("  <SendPortCollection />\n");
    } else {
        w.push_str("  <SendPortCollection>\n");
        for p in &spec.send_ports {
            port(&mut w, p);
        }
        w.push_str("  </SendPortCollection>\n");
    }
    if spec.send_port_groups.is_empty() {
        w.push_str("  <DistributionListCollection />\n");
    } else {
        w.push_str("  <DistributionListCollection>\n");
        for g in &spec.send_port_groups {
            group(&mut w, g);
        }
        w.push_str("  </DistributionListCollection>\n");
    }
    w.push_str("  <ReceivePortCollection />\n  <PartyCollection xsi:nil=\"true\" />\n</BindingInfo>\n");
    w
}

/// A kept element, if it is one well-formed element of that name (the JSON could have been edited).
fn kept<'a>(keep: &'a BindingXml, key: &str) -> Option<&'a str> {
    let frag = keep.get(key)?;
    let name = key.rsplit('/').next().unwrap_or(key);
    let wrapped = format!("<w xmlns:xsi=\"{XSI}\" xmlns:xsd=\"{XSD}\">{frag}</w>");
    let doc = xml::parse(&wrapped).ok()?;
    let mut elements = doc.root_element().children().filter(|c| c.is_element());
    let first = elements.next()?;
    let only_text_around = doc
        .root_element()
        .children()
        .all(|c| c.is_element() || c.is_comment() || c.text().is_some_and(|t| t.trim().is_empty()));
    (first.tag_name().name() == name && elements.next().is_none() && only_text_around).then_some(frag.as_str())
}

fn line(w: &mut String, indent: usize, s: &str) {
    w.push_str(&" ".repeat(indent));
    w.push_str(s);
    w.push('\n');
}

fn elem(w: &mut String, indent: usize, name: &str, value: &str) {
    if value.is_empty() {
        line(w, indent, &format!("<{name} />"));
    } else {
        line(w, indent, &format!("<{name}>{}</{name}>", text(value)));
    }
}

fn kept_or(w: &mut String, indent: usize, keep: &BindingXml, key: &str, default: Option<&str>) {
    if let Some(frag) = kept(keep, key).or(default) {
        line(w, indent, frag);
    }
}

fn port(w: &mut String, p: &PortSpec) {
    let is_static = p.kind.starts_with("static");
    let two_way = p.kind.ends_with("solicit-response");
    let keep = &p.binding_xml;
    let mut head = format!("<SendPort Name=\"{}\" IsStatic=\"{is_static}\" IsTwoWay=\"{two_way}\"", attr(&p.name));
    let binding_option = keep.get("@BindingOption").map(String::as_str).unwrap_or("0");
    head.push_str(&format!(" BindingOption=\"{}\"", attr(binding_option)));
    for (k, v) in keep.iter().filter(|(k, _)| k.starts_with('@') && k.as_str() != "@BindingOption") {
        let name = &k[1..];
        if !name.is_empty() && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_') {
            head.push_str(&format!(" {name}=\"{}\"", attr(v)));
        }
    }
    head.push('>');
    line(w, 4, &head);
    kept_or(w, 6, keep, "Description", Some("<Description xsi:nil=\"true\" />"));
    kept_or(w, 6, keep, "TransmitPipeline", Some(PASS_THRU_TRANSMIT));
    kept_or(w, 6, keep, "SendPipelineData", None);
    if is_static {
        if let Some(primary) = &p.primary {
            transport(w, primary, true, p, "PrimaryTransport");
        }
        match &p.backup {
            Some(backup) => transport(w, backup, false, p, "SecondaryTransport"),
            None => kept_or(w, 6, keep, "SecondaryTransport", Some(NO_BACKUP)),
        }
    }
    kept_or(w, 6, keep, "EncryptionCert", None);
    if two_way {
        kept_or(w, 6, keep, "ReceivePipeline", Some(PASS_THRU_RECEIVE));
    }
    kept_or(w, 6, keep, "ReceivePipelineData", Some("<ReceivePipelineData xsi:nil=\"true\" />"));
    kept_or(w, 6, keep, "Tracking", Some("<Tracking>0</Tracking>"));
    filter(w, &p.filter);
    kept_or(w, 6, keep, "Transforms", Some("<Transforms />"));
    if two_way {
        kept_or(w, 6, keep, "InboundTransforms", Some("<InboundTransforms />"));
    }
    elem(w, 6, "OrderedDelivery", &p.ordered_delivery.to_string());
    elem(w, 6, "Priority", &p.priority.unwrap_or(5).to_string());
    elem(w, 6, "StopSendingOnFailure", &p.stop_on_failure.to_string());
    elem(w, 6, "RouteFailedMessage", &p.route_failed_messages.to_string());
    for key in keep.keys().filter(|k| !k.starts_with('@') && !k.contains('/') && !PLACED.contains(&k.as_str())) {
        kept_or(w, 6, keep, key, None);
    }
    if let Some(app) = &p.application {
        elem(w, 6, "ApplicationName", app);
    }
    line(w, 4, "</SendPort>");
}

const NO_BACKUP: &str = "<SecondaryTransport>\n        <Address />\n        <RetryCount>3</RetryCount>\n        \
<RetryInterval>5</RetryInterval>\n        <ServiceWindowEnabled>false</ServiceWindowEnabled>\n        \
<FromTime>2000-01-01T00:00:00</FromTime>\n        <ToTime>2000-01-01T23:59:59</ToTime>\n        \
<Primary>false</Primary>\n        <OrderedDelivery>false</OrderedDelivery>\n        \
<DeliveryNotification>1</DeliveryNotification>\n        <SendHandler xsi:nil=\"true\" />\n      </SecondaryTransport>";

/// `PrimaryTransport` or `SecondaryTransport` (§3 element order).
fn transport(w: &mut String, t: &TransportSpec, primary: bool, p: &PortSpec, name: &str) {
    let keep = &p.binding_xml;
    let key = |child: &str| format!("{name}/{child}");
    line(w, 6, &format!("<{name}>"));
    elem(w, 8, "Address", &t.address);
    // A kept TransportType (with its Capabilities and ConfigurationClsid) only if the adapter is unchanged.
    let same_adapter = kept(keep, &key("TransportType")).and_then(adapter_name).is_some_and(|n| n == t.transport);
    let type_elem = format!(
        "<TransportType Name=\"{}\" Capabilities=\"0\" ConfigurationClsid=\"00000000-0000-0000-0000-000000000000\" />",
        attr(&t.transport)
    );
    if same_adapter {
        kept_or(w, 8, keep, &key("TransportType"), None);
        kept_or(w, 8, keep, &key("TransportTypeData"), None);
    } else {
        line(w, 8, &type_elem);
    }
    elem(w, 8, "RetryCount", &t.retry_count.unwrap_or(3).to_string());
    elem(w, 8, "RetryInterval", &interval_minutes(t.retry_interval.as_deref()).to_string());
    let window = if primary { p.service_window.as_ref() } else { None };
    match window.and_then(window_times) {
        Some((from, to)) => {
            elem(w, 8, "ServiceWindowEnabled", "true");
            elem(w, 8, "FromTime", &from);
            elem(w, 8, "ToTime", &to);
        }
        None => {
            elem(w, 8, "ServiceWindowEnabled", "false");
            kept_or(w, 8, keep, &key("FromTime"), Some("<FromTime>2000-01-01T00:00:00</FromTime>"));
            kept_or(w, 8, keep, &key("ToTime"), Some("<ToTime>2000-01-01T23:59:59</ToTime>"));
        }
    }
    elem(w, 8, "Primary", &primary.to_string());
    elem(w, 8, "OrderedDelivery", &(primary && p.ordered_delivery).to_string());
    kept_or(w, 8, keep, &key("DeliveryNotification"), Some("<DeliveryNotification>1</DeliveryNotification>"));
    let handler = t.send_handler.as_deref().unwrap_or("BizTalkServerApplication");
    let same_handler =
        same_adapter && kept(keep, &key("SendHandler")).and_then(adapter_name).is_some_and(|n| n == handler);
    if same_handler {
        kept_or(w, 8, keep, &key("SendHandler"), None);
    } else {
        line(w, 8, &format!("<SendHandler Name=\"{}\" HostTrusted=\"false\">", attr(handler)));
        line(w, 10, &type_elem);
        line(w, 8, "</SendHandler>");
    }
    line(w, 6, &format!("</{name}>"));
}

/// The `Name` attribute of a one-element fragment.
fn adapter_name(frag: &str) -> Option<String> {
    let wrapped = format!("<w xmlns:xsi=\"{XSI}\" xmlns:xsd=\"{XSD}\">{frag}</w>");
    let doc = xml::parse(&wrapped).ok()?;
    let e = doc.root_element().children().find(|c| c.is_element())?;
    e.attribute("Name").map(str::to_string)
}

/// A duration in whole minutes (the file's unit), rounded; unreadable → the default 5.
fn interval_minutes(text: Option<&str>) -> u64 {
    match text.map(parse_duration) {
        None => 5,
        Some(Ok(d)) => (d.0 + 30_000) / 60_000,
        Some(Err(_)) => 5,
    }
}

/// `{from, to}` → (`2000-01-01Thh:mm:00`, `2000-01-01Thh:mm:ss` of to − 1 s).
fn window_times(win: &ServiceWindowSpec) -> Option<(String, String)> {
    let parse = |s: &str| -> Option<u32> {
        let (h, m) = s.split_once(':')?;
        let (h, m): (u32, u32) = (h.parse().ok()?, m.parse().ok()?);
        (h < 24 && m < 60).then_some(h * 3600 + m * 60)
    };
    let from = parse(&win.from)?;
    let to = (parse(&win.to)? + 86_400 - 1) % 86_400;
    let f = |s: u32| format!("2000-01-01T{:02}:{:02}:{:02}", s / 3600, s / 60 % 60, s % 60);
    Some((f(from), f(to)))
}

fn filter(w: &mut String, f: &crate::engine::scenario::spec::FilterSpec) {
    match write_filter(f) {
        None => line(w, 6, "<Filter />"),
        Some(doc) => line(w, 6, &format!("<Filter>{}</Filter>", text(&doc))),
    }
}

fn group(w: &mut String, g: &GroupSpec) {
    line(w, 4, &format!("<DistributionList Name=\"{}\">", attr(&g.name)));
    if g.members.is_empty() {
        line(w, 6, "<SendPorts />");
    } else {
        line(w, 6, "<SendPorts>");
        for m in &g.members {
            line(w, 8, &format!("<SendPortRef Name=\"{}\" />", attr(m)));
        }
        line(w, 6, "</SendPorts>");
    }
    filter(w, &g.filter);
    if let Some(app) = &g.application {
        elem(w, 6, "ApplicationName", app);
    }
    kept_or(w, 6, &g.binding_xml, "Description", Some("<Description xsi:nil=\"true\" />"));
    for key in g.binding_xml.keys().filter(|k| k.as_str() != "Description" && !k.contains('/') && !k.starts_with('@')) {
        kept_or(w, 6, &g.binding_xml, key, None);
    }
    line(w, 4, "</DistributionList>");
}
