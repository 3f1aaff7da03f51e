//! BizTalk binding files (BINDINGS.md): the eight real files of `../shared/bindings/` (read in
//! place, never copied), the hand-made variants of `tests/data/bindings/` for what no public file
//! shows, hostile input, and the export → import → export property over random scenarios.

use crate::random_scenario::GenScenario;
use portsim::bindings::{
    export_bindings, import_bindings, ErrorCode, ImportError, ImportOptions, Imported, Subject, WarningCode,
};
use portsim::engine::load_scenario;
use portsim::engine::scenario::spec::ScenarioSpec;
use std::path::PathBuf;

fn shared(name: &str) -> String {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared/bindings").join(name);
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn handmade(name: &str) -> String {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/data/bindings").join(name);
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn import(text: &str) -> Imported {
    import_with(text, ImportOptions::default())
}

fn import_with(text: &str, options: ImportOptions) -> Imported {
    match import_bindings(text, &options) {
        Ok(i) => i,
        Err(errors) => panic!("import failed: {}", errors.iter().map(|e| e.to_string()).collect::<Vec<_>>().join("\n")),
    }
}

fn import_errors(text: &str) -> Vec<ImportError> {
    match import_bindings(text, &ImportOptions::default()) {
        Ok(_) => panic!("import should fail"),
        Err(e) => e,
    }
}

/// (file, send ports, groups, static one-way, static solicit-response, dynamic, ordered, stop-on-failure,
/// total group members) — SOURCES.md "Features per file".
type Counts = (&'static str, usize, usize, usize, usize, usize, usize, usize, usize);
const REAL: [Counts; 8] = [
    ("uu-int0000-sd-routing.xml", 9, 0, 9, 0, 0, 7, 7, 0),
    ("uu-int0009-sesam.xml", 5, 1, 5, 0, 0, 0, 0, 2),
    ("uu-int0011-vfu.xml", 7, 0, 5, 2, 0, 2, 2, 0),
    ("uu-int0020-ladok3-events.xml", 4, 1, 4, 0, 0, 3, 3, 2),
    ("mfm-lbg-helpdesk-distributer.xml", 52, 7, 40, 12, 0, 0, 0, 13),
    ("btdf-fint-unescaped-filter.xml", 3, 0, 2, 1, 0, 0, 0, 0),
    ("sdk-as2-tutorial.xml", 4, 0, 2, 1, 1, 0, 0, 0),
    ("aim-ftp-passthru.xml", 1, 0, 1, 0, 0, 0, 0, 0),
];

#[test]
fn every_real_file_imports_with_the_counts_of_sources_md_and_passes_check() {
    for (file, ports, groups, s1, ssr, dynamic, ordered, stop, members) in REAL {
        let imported = import(&shared(file));
        let spec = &imported.spec;
        let count = |kind: &str| spec.send_ports.iter().filter(|p| p.kind == kind).count();
        assert_eq!(spec.send_ports.len(), ports, "{file}: send ports");
        assert_eq!(spec.send_port_groups.len(), groups, "{file}: groups");
        assert_eq!(count("static-one-way"), s1, "{file}: static one-way");
        assert_eq!(count("static-solicit-response"), ssr, "{file}: static solicit-response");
        assert_eq!(count("dynamic-one-way") + count("dynamic-solicit-response"), dynamic, "{file}: dynamic");
        assert_eq!(spec.send_ports.iter().filter(|p| p.ordered_delivery).count(), ordered, "{file}: ordered");
        assert_eq!(spec.send_ports.iter().filter(|p| p.stop_on_failure).count(), stop, "{file}: stop on failure");
        assert_eq!(spec.send_port_groups.iter().map(|g| g.members.len()).sum::<usize>(), members, "{file}: members");
        // §10.5: nothing is started by the import itself.
        assert!(spec.send_ports.iter().all(|p| p.state.is_none()), "{file}: ports start Bound");
        assert!(spec.script.is_empty(), "{file}: no script without Start all");
        // `portsim check`: the JSON the CLI prints loads without error.
        if let Err(e) = load_scenario(&spec.to_json()) {
            panic!("{file}: {:?}", e.errors);
        }
    }
}

#[test]
fn real_file_details_follow_bindings_md() {
    // uu-int0000: 47 OR-groups and 96 statements; ops 0 ×95, 5 ×1.
    let spec = import(&shared("uu-int0000-sd-routing.xml")).spec;
    let groups: usize = spec.send_ports.iter().map(|p| p.filter.len()).sum();
    let stmts: Vec<&str> =
        spec.send_ports.iter().flat_map(|p| p.filter.iter().flatten()).map(|c| c.operator.as_str()).collect();
    assert_eq!((groups, stmts.len()), (47, 96));
    assert_eq!(stmts.iter().filter(|o| **o == "!=").count(), 1);
    assert_eq!(spec.send_ports.iter().map(|p| p.filter.len()).max(), Some(14));
    // uu-int0011: NotEqual ×43.
    let spec = import(&shared("uu-int0011-vfu.xml")).spec;
    let ne = spec.send_ports.iter().flat_map(|p| p.filter.iter().flatten()).filter(|c| c.operator == "!=").count();
    assert_eq!(ne, 43);
    // uu-int0009: the configured but disabled window is not imported (§10.1), its times kept for export.
    let imported = import(&shared("uu-int0009-sesam.xml"));
    let port = &imported.spec.send_ports[0];
    assert_eq!(port.name, "INT0009.Sesam.CreateSesamImportfiles");
    assert!(port.service_window.is_none());
    assert_eq!(port.primary.as_ref().and_then(|t| t.send_handler.as_deref()), Some("CluSDSend"));
    assert_eq!(port.primary.as_ref().and_then(|t| t.retry_interval.as_deref()), Some("1m"));
    assert!(imported.warnings.iter().any(|w| w.code == WarningCode::DisabledWindow));
    assert!(export_bindings(&imported.spec).contains("<FromTime>2000-01-01T11:30:00</FromTime>"));
    assert_eq!(imported.applications, vec!["INT0009.Sesam.Events".to_string()]);
    // mfm: pretty-printed filters accepted with one warning naming the spelling; RouteFailedMessage ×3.
    let imported = import(&shared("mfm-lbg-helpdesk-distributer.xml"));
    let ws = imported.warnings.iter().filter(|w| w.code == WarningCode::LeadingWhitespace).count();
    assert_eq!(ws, 1, "one warning per kind");
    assert_eq!(imported.spec.send_ports.iter().filter(|p| p.route_failed_messages).count(), 3);
    assert!(imported.spec.send_ports.iter().all(|p| p.backup.is_none()), "a secondary send handler alone is no backup");
    assert!(imported.orchestration_bound.len() >= 29);
    // btdf: un-escaped child XML and ${Token}s accepted with warnings.
    let imported = import(&shared("btdf-fint-unescaped-filter.xml"));
    let codes: Vec<WarningCode> = imported.warnings.iter().map(|w| w.code).collect();
    assert!(codes.contains(&WarningCode::UnescapedFilter) && codes.contains(&WarningCode::Tokens), "{codes:?}");
    assert_eq!(imported.spec.send_ports.iter().filter(|p| !p.filter.is_empty()).count(), 2);
    // sdk-as2: the dynamic port has no transport; the filter without declaration is accepted.
    let imported = import(&shared("sdk-as2-tutorial.xml"));
    let dynamic = imported.spec.send_ports.iter().find(|p| p.kind == "dynamic-one-way").expect("dynamic port");
    assert!(dynamic.primary.is_none() && dynamic.backup.is_none());
    assert!(imported.warnings.iter().any(|w| w.code == WarningCode::NoDeclaration));
}

#[test]
fn export_then_import_keeps_ports_and_groups_and_reexport_is_identical() {
    for (file, ..) in REAL {
        let first = import(&shared(file)).spec;
        let xml = export_bindings(&first);
        let second = import(&xml).spec;
        assert_eq!(first.send_ports, second.send_ports, "{file}: ports");
        assert_eq!(first.send_port_groups, second.send_port_groups, "{file}: groups");
        assert_eq!(xml, export_bindings(&second), "{file}: export is stable");
    }
}

#[test]
fn an_unchanged_import_exports_its_send_ports_as_they_were() {
    // §10.9: kept elements are written back in place; only the empty escaped filter document is
    // normalised to `<Filter />` (both mean "no filter", §5).
    let original = shared("uu-int0009-sesam.xml");
    let exported = export_bindings(&import(&original).spec);
    let ports = |s: &str| -> String {
        let start = s.find("<SendPortCollection>").unwrap_or(0);
        let end = s.find("</SendPortCollection>").unwrap_or(s.len());
        s[start..end].to_string()
    };
    let empty_filter = "<Filter>&lt;?xml version=\"1.0\" encoding=\"utf-16\"?&gt;\n&lt;Filter xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" xmlns:xsd=\"http://www.w3.org/2001/XMLSchema\" /&gt;</Filter>";
    assert_eq!(ports(&original).replace(empty_filter, "<Filter />"), ports(&exported));
}

#[test]
fn export_writes_the_element_order_of_real_exports() {
    let spec = import(&handmade("backup_transport.xml")).spec;
    let xml = export_bindings(&spec);
    let order = [
        "<Description",
        "<TransmitPipeline",
        "<PrimaryTransport>",
        "<SecondaryTransport>",
        "<ReceivePipelineData",
        "<Tracking>",
        "<Filter>",
        "<Transforms",
        "<OrderedDelivery>false</OrderedDelivery>\n      <Priority>",
        "<StopSendingOnFailure>",
        "<RouteFailedMessage>",
        "<ApplicationName>",
    ];
    let positions: Vec<usize> = order.iter().map(|t| xml.find(t).unwrap_or_else(|| panic!("{t} missing"))).collect();
    assert!(positions.windows(2).all(|w| w[0] < w[1]), "{positions:?}\n{xml}");
    assert!(xml.contains("Version=\"3.5.1.0\""));
    // The filter is escaped with the utf-16 declaration, as the console writes it.
    assert!(xml.contains("<Filter>&lt;?xml version=\"1.0\" encoding=\"utf-16\"?&gt;\n&lt;Filter xmlns:xsi="));
}

#[test]
fn backup_only_with_a_transport_type_and_an_address() {
    let spec = import(&handmade("backup_transport.xml")).spec;
    let with = &spec.send_ports[0];
    let backup = with.backup.as_ref().expect("backup");
    assert_eq!((backup.transport.as_str(), backup.address.as_str()), ("FTP", "ftp://backup.example/orders"));
    assert_eq!((backup.retry_count, backup.retry_interval.as_deref()), (Some(2), Some("10m")));
    assert!(spec.send_ports[1].backup.is_none(), "send handler without type and address: no backup (§3)");
}

#[test]
fn enabled_service_windows_are_read_as_utc_and_shifted_by_the_offset() {
    let options = ImportOptions { utc_offset_minutes: 120, start_all: false };
    let imported = import_with(&handmade("service_window_offset.xml"), options);
    let w = |i: usize| imported.spec.send_ports[i].service_window.clone().expect("window");
    // [06:00, 14:59:59 + 1 s) UTC at +02:00 → 08:00–17:00.
    assert_eq!((w(0).from.as_str(), w(0).to.as_str()), ("08:00", "17:00"));
    // A ToTime on the next calendar day: only the time of day counts (§4).
    assert_eq!((w(1).from.as_str(), w(1).to.as_str()), ("22:00", "06:00"));
    let windows: Vec<_> = imported.warnings.iter().filter(|w| w.code == WarningCode::ServiceWindow).collect();
    assert_eq!(windows.len(), 2, "one warning per enabled window");
    assert!(windows[0].to_string().contains("SP_Window") && windows[0].to_string().contains("+02:00"));
    // Without an offset the same file gives the UTC times.
    let utc = import(&handmade("service_window_offset.xml"));
    assert_eq!(utc.spec.send_ports[0].service_window.as_ref().map(|w| w.from.as_str()), Some("06:00"));
}

#[test]
fn operators_1_to_4_and_6_map_to_portsim_operators() {
    let spec = import(&handmade("operators.xml")).spec;
    let f = &spec.send_ports[0].filter;
    let ops: Vec<Vec<&str>> = f.iter().map(|g| g.iter().map(|c| c.operator.as_str()).collect()).collect();
    assert_eq!(ops, vec![vec!["<", "<="], vec![">", ">=", "exists"]]);
    assert!(f[1][2].value.is_none(), "Exists has no value");
    let xml = export_bindings(&spec);
    assert!(xml.contains("Property=\"X.Partner\" Operator=\"6\" /&gt;"), "exists written without Value");
}

#[test]
fn group_members_missing_or_not_static_one_way_are_left_out_with_warnings() {
    let imported = import(&handmade("group_members.xml"));
    assert_eq!(imported.spec.send_port_groups[0].members, vec!["SP_Static".to_string()]);
    let codes: Vec<WarningCode> = imported.warnings.iter().map(|w| w.code).collect();
    assert!(codes.contains(&WarningCode::MemberNotStaticOneWay) && codes.contains(&WarningCode::MemberMissing));
}

#[test]
fn out_of_range_values_are_all_listed_with_their_locations() {
    let errors = import_errors(&handmade("out_of_range.xml"));
    let codes: Vec<ErrorCode> = errors.iter().map(|e| e.code).collect();
    assert_eq!(codes, vec![ErrorCode::RetryCount, ErrorCode::RetryInterval, ErrorCode::Priority, ErrorCode::Priority]);
    assert_eq!(
        errors[0].path,
        "/BindingInfo/SendPortCollection/SendPort[@Name='SP_Retries']/PrimaryTransport/RetryCount"
    );
    assert_eq!(errors[0].subject, Some(Subject::Port("SP_Retries".into())));
    assert!(errors.iter().all(|e| e.line > 0 && e.column > 0));
    assert!(errors[0].to_string().contains("1001") && errors[0].to_string().contains("0 to 1000"));
    assert_eq!(errors[3].subject, Some(Subject::Port("SP_Priority".into())));
}

#[test]
fn an_unknown_operator_code_is_an_error_naming_its_xml_location() {
    let errors = import_errors(&handmade("unknown_operator.xml"));
    assert_eq!(errors.len(), 1);
    assert_eq!(errors[0].code, ErrorCode::UnknownOperator);
    assert_eq!(
        errors[0].path,
        "/BindingInfo/SendPortCollection/SendPort[@Name='SP_Bitwise']/Filter/Group[2]/Statement[1]/@Operator"
    );
}

#[test]
fn a_solicit_response_port_on_a_one_way_adapter_is_an_error() {
    let errors = import_errors(&handmade("solicit_response_one_way_adapter.xml"));
    assert_eq!(errors.iter().map(|e| e.code).collect::<Vec<_>>(), vec![ErrorCode::OneWayAdapter]);
    assert_eq!(errors[0].subject, Some(Subject::Port("SP_TwoWayFile".into())));
}

#[test]
fn start_all_scripts_start_actions_at_0s_ports_then_groups() {
    let options = ImportOptions { utc_offset_minutes: 0, start_all: true };
    let spec = import_with(&shared("uu-int0009-sesam.xml"), options).spec;
    assert_eq!(spec.script.len(), 6);
    assert!(spec.script.iter().all(|e| e.at == "0s" && e.start.is_some()));
    assert_eq!(
        spec.script[5].start.as_ref().and_then(|t| t.group.as_deref()),
        Some("INT0009.Sesam.SendGroup.sesamfiles")
    );
    let scenario = load_scenario(&spec.to_json()).expect("valid");
    let mut sim = portsim::engine::Simulation::new(&scenario);
    sim.run_to_end();
    let report = sim.report();
    assert!(report.ports.iter().all(|p| p.state == "started"), "{:?}", report.ports);
    assert!(report.groups.iter().all(|g| g.state == "started"));
}

#[test]
fn bad_input_is_a_clear_error() {
    let code = |text: &str| import_errors(text)[0].code;
    assert_eq!(code("<BindingInfo><SendPortCollection>"), ErrorCode::NotXml);
    let malformed = import_errors("<BindingInfo>\n  <SendPort Name=\"a></BindingInfo>");
    assert!(malformed[0].line > 0, "malformed XML names line and column");
    assert_eq!(code("{\"format\": \"portsim-scenario/1\"}"), ErrorCode::Json);
    assert_eq!(code(&handmade("msi_manifest.xml")), ErrorCode::NotBindings);
    assert_eq!(code(&handmade("xml_bomb.xml")), ErrorCode::Dtd);
    assert_eq!(code("<BindingInfo><SendPortCollection /></BindingInfo>"), ErrorCode::Empty);
    let huge = format!("<BindingInfo>{}</BindingInfo>", " ".repeat(50 * 1024 * 1024));
    assert_eq!(code(&huge), ErrorCode::TooLarge);
    let deep = format!("<BindingInfo>{}{}</BindingInfo>", "<a>".repeat(200_000), "</a>".repeat(200_000));
    assert_eq!(code(&deep), ErrorCode::Empty, "deep nesting neither overflows the stack nor is mistaken for ports");
    // Binary noise and a BOM-prefixed scenario are refused the same way, without a panic.
    assert_eq!(code("\u{feff}{}"), ErrorCode::Json);
    assert_eq!(code("\u{0}\u{1}\u{2}"), ErrorCode::NotXml);
}

#[test]
fn duplicate_names_and_missing_transports_are_errors() {
    let xml = r#"<BindingInfo><SendPortCollection>
      <SendPort Name="A" IsStatic="true" IsTwoWay="false"><PrimaryTransport><Address>x</Address><TransportType Name="FILE" /></PrimaryTransport></SendPort>
      <SendPort Name="A" IsStatic="true" IsTwoWay="false"><PrimaryTransport><Address>y</Address><TransportType Name="FILE" /></PrimaryTransport></SendPort>
      <SendPort Name="B" IsStatic="true" IsTwoWay="maybe" />
    </SendPortCollection></BindingInfo>"#;
    let codes: Vec<ErrorCode> = import_errors(xml).iter().map(|e| e.code).collect();
    assert_eq!(codes, vec![ErrorCode::DuplicatePort, ErrorCode::BadBool, ErrorCode::MissingTransport]);
}

/// Property `bindings-roundtrip`: for random scenarios, export → import → export is stable and the
/// ports and groups survive (names, kinds, filters, transports, ordering flags, priorities).
#[test]
fn property_bindings_export_import_export_is_stable() {
    let cases = std::env::var("PORTSIM_PROPERTY_CASES").ok().and_then(|s| s.trim().parse().ok()).unwrap_or(300u64);
    for seed in 0..cases {
        let gen = GenScenario::generate(seed);
        let spec = ScenarioSpec::from_json(&gen.json).expect("generated scenarios parse");
        let xml = export_bindings(&spec);
        let back = match import_bindings(&xml, &ImportOptions::default()) {
            Ok(i) => i.spec,
            Err(e) => panic!("seed {seed}: {}", e.iter().map(|e| e.to_string()).collect::<Vec<_>>().join("\n")),
        };
        assert_eq!(export_bindings(&back), xml, "seed {seed}: export → import → export");
        assert_eq!(back.send_ports.len(), spec.send_ports.len(), "seed {seed}");
        for (a, b) in spec.send_ports.iter().zip(&back.send_ports) {
            assert_eq!(
                (&a.name, &a.kind, a.ordered_delivery, a.stop_on_failure),
                (&b.name, &b.kind, b.ordered_delivery, b.stop_on_failure),
                "seed {seed}"
            );
            assert_eq!(a.filter.len(), b.filter.len(), "seed {seed}: {}", a.name);
            let ops = |f: &Vec<Vec<portsim::engine::scenario::spec::ConditionSpec>>| {
                f.iter()
                    .map(|g| g.iter().map(|c| (c.property.clone(), c.operator.clone())).collect::<Vec<_>>())
                    .collect::<Vec<_>>()
            };
            assert_eq!(ops(&a.filter), ops(&b.filter), "seed {seed}: {}", a.name);
            assert_eq!(
                a.primary.as_ref().map(|t| (&t.transport, &t.address)),
                b.primary.as_ref().map(|t| (&t.transport, &t.address))
            );
            assert_eq!(a.backup.is_some(), b.backup.is_some(), "seed {seed}: {}", a.name);
            if a.kind.starts_with("static") {
                // A dynamic port has no transport element, so no service window in a binding file (§2).
                assert_eq!(a.service_window, b.service_window, "seed {seed}: {}", a.name);
            }
            assert_eq!(a.priority.unwrap_or(5), b.priority.unwrap_or(5), "seed {seed}");
        }
        let groups = |s: &ScenarioSpec| {
            s.send_port_groups.iter().map(|g| (g.name.clone(), g.members.clone())).collect::<Vec<_>>()
        };
        assert_eq!(groups(&spec), groups(&back), "seed {seed}: groups");
    }
}

#[test]
fn the_real_routing_hub_preset_is_generated_from_its_binding_file() {
    // The preset's send ports are exactly the import (with Start all) of the file its description
    // names, less the verbatim binding elements; its script starts with the Start all lines.
    let preset = portsim::presets::by_id("real_routing_hub").expect("preset");
    let spec = ScenarioSpec::from_json(preset.json()).expect("preset parses");
    assert!(spec.description.contains("INT0000.SD-distribution.Routing.BindingInfo_Prod.xml"));
    let options = ImportOptions { utc_offset_minutes: 0, start_all: true };
    let mut imported = import_with(&shared("uu-int0000-sd-routing.xml"), options).spec;
    for p in &mut imported.send_ports {
        p.binding_xml.clear();
    }
    assert_eq!(spec.send_ports, imported.send_ports);
    assert_eq!(spec.send_port_groups, imported.send_port_groups);
    assert_eq!(spec.script[..imported.script.len()], imported.script[..]);
}
