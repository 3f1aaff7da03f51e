//! Scenario loading: one test per error class (path, kind and a fragment of the message naming
//! what is allowed), the size and depth guards, warnings, defaults and the export → import
//! round trip (SCENARIO.md; DESIGN invariant 7).

use portsim::engine::context::ContextValue;
use portsim::engine::model::{
    Action, FailureRule, FilterOperator, InstanceSelector, LifecycleAction, LifecycleState, PortKind, Target,
};
use portsim::engine::rng::SplitMix64;
use portsim::engine::scenario::error::MAX_ERRORS;
use portsim::engine::scenario::spec::{
    ConditionSpec, EndpointSpec, FailureSpec, GroupSpec, InjectSpec, LimitsSpec, PortSpec, ScriptEntrySpec,
    SelectorFieldsSpec, SelectorSpec, ServiceWindowSpec, TargetSpec, TransportSpec,
};
use portsim::engine::scenario::{parse_spec, validate, ScenarioSpec, MAX_JSON_DEPTH, MAX_SCENARIO_BYTES};
use portsim::engine::time::{SimDuration, SimTime, MS_PER_MINUTE};
use portsim::engine::{load_scenario, ScenarioError, ScenarioErrorKind};

const EXAMPLE: &str = include_str!("../data/scenarios/0000_scenario_md_example.json");

fn errors(json: &str) -> Vec<ScenarioError> {
    match load_scenario(json) {
        Ok(_) => panic!("expected errors, the scenario loaded:\n{json}"),
        Err(e) => e.errors,
    }
}

/// Asserts that loading fails with exactly one error at `path` of `kind` whose message contains
/// `fragment`.
#[track_caller]
fn assert_only_error(json: &str, path: &str, kind: ScenarioErrorKind, fragment: &str) {
    let errs = errors(json);
    assert_eq!(errs.len(), 1, "expected one error, got {errs:#?}");
    let e = &errs[0];
    assert_eq!(e.path, path, "{e}");
    assert_eq!(e.kind, kind, "{e}");
    assert!(e.message.contains(fragment), "message {:?} lacks {fragment:?}", e.message);
}

fn scenario(ports: &str, groups: &str, script: &str) -> String {
    format!(
        r#"{{"format":"portsim-scenario/1","sendPorts":[{ports}],"sendPortGroups":[{groups}],"script":[{script}]}}"#
    )
}

fn one_port(port: &str) -> String {
    scenario(port, "", "")
}

fn static_port(name: &str, extra: &str) -> String {
    format!(
        r#"{{"name":"{name}","kind":"static-one-way","primary":{{"transport":"FILE","address":"C:\\out\\{name}"}}{extra}}}"#
    )
}

fn with_primary(fields: &str) -> String {
    one_port(&format!(
        r#"{{"name":"SP","kind":"static-one-way","primary":{{"transport":"FILE","address":"C:\\out"{fields}}}}}"#
    ))
}

#[test]
fn retry_count_1001_is_out_of_range() {
    let json = with_primary(r#","retryCount":1001"#);
    assert_only_error(&json, "/sendPorts/0/primary/retryCount", ScenarioErrorKind::OutOfRange, "from 0 to 1000");
    assert_eq!(
        errors(&json)[0].to_string(),
        "/sendPorts/0/primary/retryCount: out-of-range: 1001 is not allowed; Retry count must be an integer from 0 to 1000"
    );
}

#[test]
fn retry_count_negative_is_out_of_range() {
    assert_only_error(
        &with_primary(r#","retryCount":-1"#),
        "/sendPorts/0/primary/retryCount",
        ScenarioErrorKind::OutOfRange,
        "-1 is not allowed; Retry count must be an integer from 0 to 1000",
    );
}

#[test]
fn retry_count_as_string_is_a_wrong_type() {
    assert_only_error(
        &with_primary(r#","retryCount":"3""#),
        "/sendPorts/0/primary/retryCount",
        ScenarioErrorKind::WrongType,
        "from 0 to 1000",
    );
    assert_only_error(
        &with_primary(r#","retryCount":2.5"#),
        "/sendPorts/0/primary/retryCount",
        ScenarioErrorKind::WrongType,
        "integer",
    );
}

#[test]
fn negative_retry_interval_is_out_of_range() {
    let errs = errors(&with_primary(r#","retryInterval":"-5m""#));
    assert_eq!(errs.len(), 1);
    assert_eq!(errs[0].path, "/sendPorts/0/primary/retryInterval");
    assert_eq!(errs[0].kind, ScenarioErrorKind::OutOfRange);
    assert!(errs[0].message.contains("\"-5m\""));
    assert!(errs[0].message.contains("negative"));
    assert!(errs[0].message.contains("0 to 525,600 minutes"));
}

#[test]
fn unit_less_retry_interval_is_invalid() {
    assert_only_error(
        &with_primary(r#","retryInterval":"5""#),
        "/sendPorts/0/primary/retryInterval",
        ScenarioErrorKind::InvalidValue,
        "0 to 525,600 minutes",
    );
    assert!(errors(&with_primary(r#","retryInterval":"5""#))[0].message.contains("missing unit"));
}

#[test]
fn retry_interval_above_a_year_is_out_of_range() {
    assert_only_error(
        &with_primary(r#","retryInterval":"525601m""#),
        "/sendPorts/0/primary/retryInterval",
        ScenarioErrorKind::OutOfRange,
        "\"525601m\" is not allowed; Retry interval must be a duration from 0 to 525,600 minutes",
    );
    // The upper bound itself is allowed.
    let s = load_scenario(&with_primary(r#","retryInterval":"525600m""#)).unwrap();
    assert_eq!(s.ports[0].primary.as_ref().unwrap().retry_interval, SimDuration::from_minutes(525_600));
}

#[test]
fn group_naming_a_missing_port_is_an_unknown_reference() {
    let json = scenario(&static_port("SP_A", ""), r#"{"name":"SPG","members":["SP_A","SP_Missing"]}"#, "");
    assert_only_error(&json, "/sendPortGroups/0/members/1", ScenarioErrorKind::UnknownReference, "\"SP_Missing\"");
    assert!(errors(&json)[0].message.contains("\"SP_A\""), "lists the ports that exist");
}

#[test]
fn backup_on_a_dynamic_port_is_not_allowed() {
    assert_only_error(
        &one_port(r#"{"name":"DP","kind":"dynamic-one-way","backup":{"transport":"FTP","address":"ftp://b"}}"#),
        "/sendPorts/0/backup",
        ScenarioErrorKind::NotAllowed,
        "only static ports",
    );
}

#[test]
fn primary_on_a_dynamic_port_is_not_allowed() {
    assert_only_error(
        &one_port(
            r#"{"name":"DP","kind":"dynamic-solicit-response","primary":{"transport":"HTTP","address":"http://x"}}"#,
        ),
        "/sendPorts/0/primary",
        ScenarioErrorKind::NotAllowed,
        "BTS.OutboundTransportLocation",
    );
}

#[test]
fn primary_is_required_on_a_static_port() {
    assert_only_error(
        &one_port(r#"{"name":"SP","kind":"static-solicit-response"}"#),
        "/sendPorts/0/primary",
        ScenarioErrorKind::MissingField,
        "primary transport",
    );
}

#[test]
fn file_transport_on_a_solicit_response_port_is_not_allowed_for_primary_and_backup() {
    let json = one_port(
        r#"{"name":"SR","kind":"static-solicit-response",
            "primary":{"transport":"FILE","address":"C:\\out"},
            "backup":{"transport":"smtp","address":"mailto:a@b"}}"#,
    );
    let errs = errors(&json);
    assert_eq!(errs.len(), 2, "{errs:#?}");
    assert_eq!(errs[0].path, "/sendPorts/0/primary/transport");
    assert_eq!(errs[1].path, "/sendPorts/0/backup/transport");
    for e in &errs {
        assert_eq!(e.kind, ScenarioErrorKind::NotAllowed);
        assert!(e.message.contains("FILE, FTP, SFTP and SMTP are one-way only"), "{e}");
    }
    // A two-way adapter is fine.
    let ok = one_port(
        r#"{"name":"SR","kind":"static-solicit-response","primary":{"transport":"HTTP","address":"http://x"}}"#,
    );
    assert_eq!(load_scenario(&ok).unwrap().ports[0].kind, PortKind::StaticSolicitResponse);
}

#[test]
fn duplicate_port_names_are_reported_at_the_second() {
    let json = scenario(&format!("{},{}", static_port("SP", ""), static_port("SP", "")), "", "");
    assert_only_error(&json, "/sendPorts/1/name", ScenarioErrorKind::Duplicate, "/sendPorts/0/name");
}

#[test]
fn duplicate_group_names_are_reported_at_the_second() {
    let json = scenario("", r#"{"name":"G"},{"name":"G"}"#, "");
    assert_only_error(&json, "/sendPortGroups/1/name", ScenarioErrorKind::Duplicate, "unique");
}

#[test]
fn empty_names_are_invalid() {
    assert_only_error(
        &scenario("", r#"{"name":""}"#, ""),
        "/sendPortGroups/0/name",
        ScenarioErrorKind::InvalidValue,
        "non-empty",
    );
}

#[test]
fn a_member_listed_twice_is_a_duplicate() {
    let json = scenario(&static_port("SP", ""), r#"{"name":"G","members":["SP","SP"]}"#, "");
    assert_only_error(
        &json,
        "/sendPortGroups/0/members/1",
        ScenarioErrorKind::Duplicate,
        "/sendPortGroups/0/members/0",
    );
}

#[test]
fn g4_solicit_response_port_cannot_be_a_group_member() {
    let sr = r#"{"name":"SR","kind":"static-solicit-response","primary":{"transport":"HTTP","address":"http://x"}}"#;
    let json = scenario(sr, r#"{"name":"G","members":["SR"]}"#, "");
    assert_only_error(&json, "/sendPortGroups/0/members/0", ScenarioErrorKind::NotAllowed, "G4");
}

#[test]
fn g1_started_group_needs_an_enlisted_member() {
    let json =
        scenario(&static_port("SP", r#","state":"bound""#), r#"{"name":"G","state":"started","members":["SP"]}"#, "");
    assert_only_error(&json, "/sendPortGroups/0/state", ScenarioErrorKind::NotAllowed, "G1");
    // With one Stopped (enlisted) member it is fine.
    let ok = scenario(
        &format!("{},{}", static_port("SP", ""), static_port("SP2", r#","state":"stopped""#)),
        r#"{"name":"G","state":"started","members":["SP","SP2"]}"#,
        "",
    );
    assert_eq!(load_scenario(&ok).unwrap().groups[0].state, LifecycleState::Started);
}

#[test]
fn stop_on_failure_needs_ordered_delivery() {
    assert_only_error(
        &one_port(&static_port("SP", r#","stopOnFailure":true"#)),
        "/sendPorts/0/stopOnFailure",
        ScenarioErrorKind::NotAllowed,
        "orderedDelivery: true",
    );
}

#[test]
fn priority_must_be_between_1_and_10() {
    for bad in [0, 11] {
        assert_only_error(
            &one_port(&static_port("SP", &format!(r#","priority":{bad}"#))),
            "/sendPorts/0/priority",
            ScenarioErrorKind::OutOfRange,
            "from 1 (highest) to 10",
        );
    }
    assert_eq!(load_scenario(&one_port(&static_port("SP", r#","priority":1"#))).unwrap().ports[0].priority, 1);
}

#[test]
fn route_failed_messages_only_on_static_ports() {
    assert_only_error(
        &one_port(r#"{"name":"DP","kind":"dynamic-one-way","routeFailedMessages":true}"#),
        "/sendPorts/0/routeFailedMessages",
        ScenarioErrorKind::NotAllowed,
        "static-one-way and static-solicit-response",
    );
}

#[test]
fn unknown_kind_and_state_list_the_alternatives() {
    let errs = errors(&one_port(r#"{"name":"SP","kind":"static","state":"running"}"#));
    assert_eq!(errs.len(), 2, "{errs:#?}");
    assert_eq!((errs[0].path.as_str(), errs[0].kind), ("/sendPorts/0/kind", ScenarioErrorKind::InvalidValue));
    assert!(errs[0].message.contains("dynamic-solicit-response"));
    assert_eq!((errs[1].path.as_str(), errs[1].kind), ("/sendPorts/0/state", ScenarioErrorKind::InvalidValue));
    assert!(errs[1].message.contains("bound, stopped, started"));
}

#[test]
fn service_window_needs_hh_mm() {
    assert_only_error(
        &one_port(&static_port("SP", r#","serviceWindow":{"from":"8:00","to":"17:00"}"#)),
        "/sendPorts/0/serviceWindow/from",
        ScenarioErrorKind::InvalidValue,
        "\"HH:MM\"",
    );
}

#[test]
fn a_typo_in_a_field_name_is_an_unknown_field_with_a_hint() {
    assert_only_error(
        &with_primary(r#","retryCont":3"#),
        "/sendPorts/0/primary/retryCont",
        ScenarioErrorKind::UnknownField,
        "did you mean \"retryCount\"",
    );
}

#[test]
fn unknown_fields_are_allowed_inside_context_and_response() {
    let json = r#"{"format":"portsim-scenario/1",
        "endpoints":[{"address":"x","response":{"Any.Thing":1,"Other":"v"}}],
        "script":[{"at":"0s","publish":{"context":{"My.Custom.Prop":true,"N":2.5}}}]}"#;
    let s = load_scenario(json).unwrap();
    assert_eq!(s.endpoints[0].response.get("Any.Thing"), Some(&ContextValue::Int(1)));
    let Action::Inject(inj) = &s.script[0].action else { panic!("not an injection") };
    assert_eq!(inj.context.get("N"), Some(&ContextValue::Float(2.5)));
}

#[test]
fn unknown_format_is_rejected_alone() {
    let json = r#"{"format":"portsim-scenario/2","whatever":1}"#;
    assert_only_error(json, "/format", ScenarioErrorKind::UnknownFormat, "\"portsim-scenario/1\"");
    assert_only_error(r#"{"sendPorts":[]}"#, "/format", ScenarioErrorKind::MissingField, "portsim-scenario/1");
}

#[test]
fn a_bad_filter_operator_lists_the_seven() {
    let json =
        one_port(&static_port("SP", r#","filter":[[{"property":"BTS.ReceivePortName","operator":"=","value":"RP"}]]"#));
    assert_only_error(
        &json,
        "/sendPorts/0/filter/0/0/operator",
        ScenarioErrorKind::InvalidValue,
        "== != < <= > >= exists",
    );
}

#[test]
fn exists_takes_no_value_and_others_need_one() {
    let json = one_port(&static_port(
        "SP",
        r#","filter":[[{"property":"A","operator":"exists","value":"x"}],[{"property":"B","operator":">="}]]"#,
    ));
    let errs = errors(&json);
    assert_eq!(errs.len(), 2, "{errs:#?}");
    assert_eq!((errs[0].path.as_str(), errs[0].kind), ("/sendPorts/0/filter/0/0/value", ScenarioErrorKind::NotAllowed));
    assert!(errs[0].message.contains("exists takes no value"));
    assert_eq!(
        (errs[1].path.as_str(), errs[1].kind),
        ("/sendPorts/0/filter/1/0/value", ScenarioErrorKind::MissingField)
    );
}

#[test]
fn filters_become_or_of_and_groups() {
    let json = one_port(&static_port(
        "SP",
        r#","filter":[[{"property":"A","operator":"==","value":"x"},{"property":"N","operator":"<","value":3}],
                     [{"property":"B","operator":"exists"}]]"#,
    ));
    let f = &load_scenario(&json).unwrap().ports[0].filter;
    assert_eq!(f.groups.len(), 2);
    assert_eq!(f.groups[0][1].operator, FilterOperator::Less);
    assert_eq!(f.groups[0][1].value, Some(ContextValue::Int(3)));
    assert_eq!(f.groups[1][0].operator, FilterOperator::Exists);
    assert_eq!(f.groups[1][0].value, None);
}

#[test]
fn a_script_entry_with_two_actions_or_none_is_refused() {
    let port = static_port("SP", "");
    let two = scenario(&port, "", r#"{"at":"0s","start":{"port":"SP"},"stop":{"port":"SP"}}"#);
    assert_only_error(&two, "/script/0", ScenarioErrorKind::NotAllowed, "start and stop");
    let none = scenario(&port, "", r#"{"at":"1m"}"#);
    assert_only_error(&none, "/script/0", ScenarioErrorKind::MissingField, "exactly one action");
}

#[test]
fn send_to_an_unknown_port_is_an_unknown_reference() {
    let json = scenario(&static_port("SP", ""), "", r#"{"at":"0s","send":{"port":"SP_Nope"}}"#);
    assert_only_error(&json, "/script/0/send/port", ScenarioErrorKind::UnknownReference, "\"SP_Nope\"");
    let group = scenario("", "", r#"{"at":"0s","stop":{"group":"G"}}"#);
    assert_only_error(&group, "/script/0/stop/group", ScenarioErrorKind::UnknownReference, "no send port group");
}

#[test]
fn send_needs_exactly_one_target_and_publish_none() {
    let both = scenario(&static_port("SP", ""), r#"{"name":"G"}"#, r#"{"at":"0s","send":{"port":"SP","group":"G"}}"#);
    assert_only_error(&both, "/script/0/send", ScenarioErrorKind::NotAllowed, "either {port} or {group}");
    let neither = scenario("", "", r#"{"at":"0s","send":{}}"#);
    assert_only_error(&neither, "/script/0/send", ScenarioErrorKind::MissingField, "port");
    let publish = scenario(&static_port("SP", ""), "", r#"{"at":"0s","publish":{"port":"SP"}}"#);
    assert_only_error(&publish, "/script/0/publish/port", ScenarioErrorKind::NotAllowed, "use send");
}

#[test]
fn count_and_id_rules() {
    let port = static_port("SP", "");
    let big = scenario(&port, "", r#"{"at":"0s","send":{"port":"SP","count":100001}}"#);
    assert_only_error(&big, "/script/0/send/count", ScenarioErrorKind::OutOfRange, "from 1 to 100000");
    let zero = scenario(&port, "", r#"{"at":"0s","publish":{"count":0}}"#);
    assert_only_error(&zero, "/script/0/publish/count", ScenarioErrorKind::OutOfRange, "from 1 to 100000");
    let id_many = scenario(&port, "", r#"{"at":"0s","send":{"port":"SP","count":2,"id":"X"}}"#);
    assert_only_error(&id_many, "/script/0/send/id", ScenarioErrorKind::NotAllowed, "count 1");
    let id_twice = scenario(&port, "", r#"{"at":"0s","send":{"port":"SP","id":"X"}},{"at":"1s","publish":{"id":"X"}}"#);
    assert_only_error(&id_twice, "/script/1/publish/id", ScenarioErrorKind::Duplicate, "/script/0/send/id");
}

#[test]
fn resume_and_terminate_selectors() {
    let port = static_port("SP", "");
    let entries = r#"{"at":"0s","resume":"all"},{"at":"0s","resume":{"port":"SP"}},
        {"at":"0s","terminate":{"message":"M1"}},{"at":"0s","terminate":{"message":"M2","port":"SP"}}"#;
    let s = load_scenario(&scenario(&port, "", entries)).unwrap();
    let actions: Vec<&Action> = s.script.iter().map(|e| &e.action).collect();
    assert_eq!(actions[0], &Action::Resume(InstanceSelector::All));
    assert_eq!(actions[1], &Action::Resume(InstanceSelector::Port("SP".into())));
    assert_eq!(actions[2], &Action::Terminate(InstanceSelector::Message { message: "M1".into(), port: None }));
    assert_eq!(
        actions[3],
        &Action::Terminate(InstanceSelector::Message { message: "M2".into(), port: Some("SP".into()) })
    );
    let bad = scenario(&port, "", r#"{"at":"0s","resume":"everything"}"#);
    assert_only_error(&bad, "/script/0/resume", ScenarioErrorKind::InvalidValue, "\"all\"");
    let empty = scenario(&port, "", r#"{"at":"0s","terminate":{}}"#);
    assert_only_error(&empty, "/script/0/terminate", ScenarioErrorKind::MissingField, "{\"message\": name}");
    let unknown = scenario(&port, "", r#"{"at":"0s","resume":{"port":"SP_X"}}"#);
    assert_only_error(&unknown, "/script/0/resume/port", ScenarioErrorKind::UnknownReference, "\"SP_X\"");
}

#[test]
fn endpoint_failure_rules() {
    let json = r#"{"format":"portsim-scenario/1","endpoints":[
        {"address":"a","failures":[{"kind":"window","from":"20m","to":"10m"}]},
        {"address":"b","failures":[{"kind":"random","probability":1.5}]},
        {"address":"c","failures":[{"kind":"firstAttempts"}]},
        {"address":"d","failures":[{"kind":"always","count":2}]},
        {"address":"e","failures":[{"kind":"sometimes"}]},
        {"address":"a","latency":"fast"}]}"#;
    let errs = errors(json);
    let got: Vec<(&str, ScenarioErrorKind)> = errs.iter().map(|e| (e.path.as_str(), e.kind)).collect();
    assert_eq!(
        got,
        vec![
            ("/endpoints/0/failures/0/to", ScenarioErrorKind::InvalidValue),
            ("/endpoints/1/failures/0/probability", ScenarioErrorKind::OutOfRange),
            ("/endpoints/2/failures/0/count", ScenarioErrorKind::MissingField),
            ("/endpoints/3/failures/0/count", ScenarioErrorKind::NotAllowed),
            ("/endpoints/4/failures/0/kind", ScenarioErrorKind::InvalidValue),
            ("/endpoints/5/address", ScenarioErrorKind::Duplicate),
            ("/endpoints/5/latency", ScenarioErrorKind::InvalidValue),
        ]
    );
    assert!(errs[1].message.contains("from 0 to 1"));
    assert!(errs[4].message.contains("always, window"));
}

#[test]
fn a_50_mb_input_is_too_large_before_parsing() {
    let mut huge = String::with_capacity(50 * 1024 * 1024 + 64);
    huge.push_str(r#"{"format":"portsim-scenario/1","description":""#);
    huge.push_str(&"x".repeat(50 * 1024 * 1024));
    huge.push_str(r#""}"#);
    let errs = errors(&huge);
    assert_eq!(errs.len(), 1);
    assert_eq!(errs[0].kind, ScenarioErrorKind::TooLarge);
    assert!(errs[0].message.contains(&huge.len().to_string()), "names the size: {}", errs[0].message);
    assert!(errs[0].message.contains(&MAX_SCENARIO_BYTES.to_string()), "names the limit: {}", errs[0].message);
}

#[test]
fn deeply_nested_json_is_too_deep_without_overflowing_the_stack() {
    let deep = "[".repeat(100_000);
    let errs = errors(&deep);
    assert_eq!(errs.len(), 1);
    assert_eq!(errs[0].kind, ScenarioErrorKind::TooDeep);
    assert!(errs[0].message.contains(&MAX_JSON_DEPTH.to_string()));
    // Nested objects inside a context, properly closed, are refused the same way.
    let nested = format!(
        r#"{{"format":"portsim-scenario/1","script":[{{"at":"0s","publish":{{"context":{{"a":{}1{}}}}}}}]}}"#,
        "[".repeat(200),
        "]".repeat(200)
    );
    assert_eq!(errors(&nested)[0].kind, ScenarioErrorKind::TooDeep);
    // Brackets inside strings do not count.
    let in_string = format!(r#"{{"format":"portsim-scenario/1","description":"{}"}}"#, "[".repeat(1000));
    assert!(load_scenario(&in_string).is_ok());
}

#[test]
fn not_json_is_a_syntax_error_with_line_and_column() {
    let errs = errors("{\n  \"format\": \"portsim-scenario/1\",\n  oops\n}");
    assert_eq!(errs.len(), 1);
    assert_eq!(errs[0].kind, ScenarioErrorKind::Syntax);
    assert!(errs[0].message.contains("line 3, column 3"), "{}", errs[0].message);
    assert_eq!(errors("")[0].kind, ScenarioErrorKind::Syntax);
    assert_eq!(errors("[1, 2]")[0].kind, ScenarioErrorKind::WrongType);
}

#[test]
fn every_error_of_a_file_is_collected() {
    let json = r#"{"format":"portsim-scenario/1","until":"forever",
      "sendPorts":[
        {"name":"SP","kind":"static-one-way","primary":{"transport":"FILE","address":"C:\\out","retryCount":"3","retryInterval":"-1m"},"priority":11},
        {"name":"SP","kind":"dynamic-one-way","backup":{"transport":"FTP","address":"ftp://x"},"stopOnFailure":true,"colour":"red"}],
      "sendPortGroups":[{"name":"G","members":["SP","Nope"]}],
      "script":[{"at":"5","send":{"port":"Ghost"}}]}"#;
    let errs = errors(json);
    let mut paths: Vec<&str> = errs.iter().map(|e| e.path.as_str()).collect();
    for expected in [
        "/until",
        "/sendPorts/0/primary/retryCount",
        "/sendPorts/0/primary/retryInterval",
        "/sendPorts/0/priority",
        "/sendPorts/1/name",
        "/sendPorts/1/backup",
        "/sendPorts/1/stopOnFailure",
        "/sendPorts/1/colour",
        "/sendPortGroups/0/members/1",
        "/script/0/at",
        "/script/0/send/port",
    ] {
        assert!(paths.contains(&expected), "missing {expected} in {paths:#?}");
    }
    let n = paths.len();
    paths.sort_unstable();
    paths.dedup();
    assert_eq!(paths.len(), n, "one error per path");
    assert!(n >= 3);
}

#[test]
fn parse_errors_hide_follow_up_validation_errors_of_the_same_value() {
    // The name has the wrong type: one error, not a second "name must be non-empty".
    let errs = errors(&one_port(r#"{"name":7,"kind":"static-one-way","primary":{"transport":"FILE","address":"x"}}"#));
    assert_eq!(errs.len(), 1, "{errs:#?}");
    assert_eq!((errs[0].path.as_str(), errs[0].kind), ("/sendPorts/0/name", ScenarioErrorKind::WrongType));
}

#[test]
fn ordered_port_warnings_are_not_errors() {
    let json = one_port(
        r#"{"name":"SP","kind":"static-one-way","orderedDelivery":true,"stopOnFailure":true,
            "primary":{"transport":"FILE","address":"C:\\out","retryInterval":"0s"},
            "backup":{"transport":"FTP","address":"ftp://b"}}"#,
    );
    let s = load_scenario(&json).unwrap();
    let paths: Vec<&str> = s.warnings.iter().map(|w| w.path.as_str()).collect();
    assert_eq!(paths, vec!["/sendPorts/0/backup", "/sendPorts/0/primary/retryInterval"]);
    assert!(s.warnings[0].message.contains("ignored"));
    assert!(s.ports[0].backup.is_some(), "kept in the model, ignored by the engine (§7)");
    assert!(s.ports[0].stop_on_failure);
}

#[test]
fn script_is_sorted_stably_by_at() {
    let port = static_port("SP", "");
    let entries = r#"{"at":"2m","stop":{"port":"SP"}},{"at":"1m","start":{"port":"SP"}},
        {"at":"2m","start":{"port":"SP"}},{"at":"1m","enlist":{"port":"SP"}}"#;
    let s = load_scenario(&scenario(&port, "", entries)).unwrap();
    let order: Vec<(u64, LifecycleAction)> = s
        .script
        .iter()
        .map(|e| match &e.action {
            Action::Lifecycle { action, .. } => (e.at.0 / MS_PER_MINUTE, *action),
            other => panic!("unexpected {other:?}"),
        })
        .collect();
    assert_eq!(
        order,
        vec![
            (1, LifecycleAction::Start),
            (1, LifecycleAction::Enlist),
            (2, LifecycleAction::Stop),
            (2, LifecycleAction::Start)
        ]
    );
}

#[test]
fn the_scenario_md_example_loads_with_defaults_applied() {
    let s = load_scenario(EXAMPLE).unwrap();
    assert_eq!(s.name, "Backup transport takes over");
    assert_eq!(s.seed, 42);
    assert_eq!(s.start_clock.minutes, 8 * 60);
    assert_eq!(s.until, SimTime(2 * 60 * MS_PER_MINUTE));
    assert!(s.warnings.is_empty());

    let p = &s.ports[0];
    assert_eq!((p.name.as_str(), p.kind, p.state), ("SP_Orders_FILE", PortKind::StaticOneWay, LifecycleState::Started));
    let primary = p.primary.as_ref().unwrap();
    assert_eq!(primary.transport, "FILE");
    assert_eq!(primary.address, "C:\\out\\orders");
    assert_eq!(primary.retry_count, 3);
    assert_eq!(primary.retry_interval, SimDuration::from_minutes(5));
    assert_eq!(primary.send_handler, "BizTalkServerApplication");
    assert_eq!(p.backup.as_ref().unwrap().address, "ftp://backup/orders");
    assert_eq!(p.filter.groups[0][0].property, "BTS.ReceivePortName");
    assert_eq!(p.filter.groups[0][0].value, Some(ContextValue::Str("RP_Orders".into())));
    let window = p.service_window.unwrap();
    assert_eq!((window.from.minutes, window.to.minutes), (8 * 60, 17 * 60));
    assert_eq!(p.priority, 5);
    assert!(!p.ordered_delivery && !p.stop_on_failure && !p.route_failed_messages);

    let g = &s.groups[0];
    assert_eq!(
        (g.name.as_str(), g.state, g.members.clone()),
        ("SPG_Partners", LifecycleState::Started, vec!["SP_Orders_FILE".to_string()])
    );
    assert!(g.filter.is_empty());

    let e = &s.endpoints[0];
    assert_eq!(e.latency, SimDuration::ZERO);
    assert_eq!(e.failures, vec![FailureRule::Window { from: SimTime(0), to: SimTime(20 * MS_PER_MINUTE) }]);

    assert_eq!(s.script.len(), 6);
    let Action::Inject(publish) = &s.script[0].action else { panic!("first entry is a publish") };
    assert_eq!((publish.target.clone(), publish.count, publish.every), (None, 3, SimDuration::from_minutes(1)));
    let Action::Inject(send) = &s.script[2].action else { panic!("third entry is a send") };
    assert_eq!(send.target, Some(Target::Group("SPG_Partners".into())));
    assert_eq!(send.id.as_deref(), Some("G1"));
    assert_eq!(send.count, 1);
    assert_eq!(
        s.script[3].action,
        Action::Lifecycle { action: LifecycleAction::Stop, target: Target::Port("SP_Orders_FILE".into()) }
    );
    assert_eq!(s.script[5].action, Action::Resume(InstanceSelector::Port("SP_Orders_FILE".into())));
}

#[test]
fn minimal_scenario_gets_the_documented_defaults() {
    let s = load_scenario(r#"{"format":"portsim-scenario/1"}"#).unwrap();
    assert_eq!(s.seed, 0);
    assert_eq!(s.start_clock.minutes, 0);
    assert_eq!(s.until, SimTime(24 * 60 * MS_PER_MINUTE));
    let p = load_scenario(&one_port(r#"{"name":"DP","kind":"dynamic-one-way"}"#)).unwrap().ports.remove(0);
    assert_eq!((p.state, p.primary, p.priority), (LifecycleState::Bound, None, 5));
}

/// Every field of the format set, so a field the parser forgets to read shows up here.
fn full_spec() -> ScenarioSpec {
    let cond = |op: &str, value: Option<ContextValue>| ConditionSpec {
        property: "BTS.ReceivePortName".into(),
        operator: op.into(),
        value,
    };
    let transport = |t: &str| TransportSpec {
        transport: t.into(),
        address: format!("{t}://addr"),
        retry_count: Some(7),
        retry_interval: Some("1h30m".into()),
        send_handler: Some("Host2".into()),
    };
    let ctx = [("A.B".to_string(), ContextValue::Str("x".into())), ("N".to_string(), ContextValue::Float(0.5))]
        .into_iter()
        .collect();
    ScenarioSpec {
        format: "portsim-scenario/1".into(),
        name: "all fields".into(),
        description: "every field set".into(),
        seed: Some(u64::MAX),
        start_clock: Some("23:59".into()),
        until: Some("2d".into()),
        send_ports: vec![PortSpec {
            name: "SP".into(),
            kind: "static-one-way".into(),
            state: Some("started".into()),
            filter: vec![
                vec![cond("==", Some(ContextValue::Int(-3))), cond("exists", None)],
                vec![cond("!=", Some(ContextValue::Bool(true)))],
            ],
            primary: Some(transport("HTTP")),
            backup: Some(transport("FTP")),
            ordered_delivery: true,
            stop_on_failure: true,
            service_window: Some(ServiceWindowSpec { from: "22:00".into(), to: "06:00".into() }),
            priority: Some(1),
            route_failed_messages: true,
            application: Some("App".into()),
            binding_xml: [("Tracking".to_string(), "<Tracking>0</Tracking>".to_string())].into_iter().collect(),
        }],
        send_port_groups: vec![GroupSpec {
            name: "G".into(),
            state: Some("stopped".into()),
            members: vec!["SP".into()],
            filter: vec![vec![cond(">=", Some(ContextValue::Float(2.5)))]],
            application: Some("App".into()),
            binding_xml: Default::default(),
        }],
        endpoints: vec![EndpointSpec {
            address: "HTTP://addr".into(),
            latency: Some("250ms".into()),
            failures: vec![
                FailureSpec {
                    kind: "window".into(),
                    from: Some("0s".into()),
                    to: Some("1m".into()),
                    ..Default::default()
                },
                FailureSpec { kind: "firstAttempts".into(), count: Some(2), ..Default::default() },
                FailureSpec { kind: "random".into(), probability: Some(0.25), ..Default::default() },
                FailureSpec { kind: "always".into(), ..Default::default() },
            ],
            response: Some(ctx),
        }],
        script: vec![
            ScriptEntrySpec {
                at: "0s".into(),
                publish: Some(InjectSpec {
                    context: Some([("K".to_string(), ContextValue::Int(1))].into_iter().collect()),
                    count: Some(3),
                    every: Some("1m".into()),
                    ..Default::default()
                }),
                ..Default::default()
            },
            ScriptEntrySpec {
                at: "1m".into(),
                send: Some(InjectSpec { group: Some("G".into()), id: Some("Order-1".into()), ..Default::default() }),
                ..Default::default()
            },
            ScriptEntrySpec {
                at: "2m".into(),
                enlist: Some(TargetSpec { port: Some("SP".into()), group: None }),
                ..Default::default()
            },
            ScriptEntrySpec {
                at: "3m".into(),
                start: Some(TargetSpec { port: None, group: Some("G".into()) }),
                ..Default::default()
            },
            ScriptEntrySpec {
                at: "4m".into(),
                stop: Some(TargetSpec { port: Some("SP".into()), group: None }),
                ..Default::default()
            },
            ScriptEntrySpec {
                at: "5m".into(),
                unenlist: Some(TargetSpec { port: None, group: Some("G".into()) }),
                ..Default::default()
            },
            ScriptEntrySpec { at: "6m".into(), resume: Some(SelectorSpec::All("all".into())), ..Default::default() },
            ScriptEntrySpec {
                at: "7m".into(),
                terminate: Some(SelectorSpec::Some(SelectorFieldsSpec {
                    port: Some("SP".into()),
                    message: Some("M1".into()),
                    group: None,
                })),
                ..Default::default()
            },
        ],
        limits: Some(LimitsSpec { max_instances: Some(5), max_events: Some(6), max_memory_mb: Some(7) }),
    }
}

#[test]
fn export_then_import_round_trips() {
    let spec = full_spec();
    let exported = spec.to_json();
    let imported = parse_spec(&exported).unwrap_or_else(|e| panic!("re-import failed:\n{e}\n{exported}"));
    assert_eq!(imported, spec);
    // The round-tripped spec is a valid scenario too (warnings only).
    let s = validate(&imported).unwrap();
    assert_eq!(s.ports[0].primary.as_ref().unwrap().retry_interval, SimDuration::from_minutes(90));
    assert_eq!(s.seed, u64::MAX);
    // And serde's own reader agrees with the hand walk.
    let via_serde: ScenarioSpec = serde_json::from_str(&exported).unwrap();
    assert_eq!(via_serde, spec);
}

#[test]
fn the_example_round_trips_through_export() {
    let spec = parse_spec(EXAMPLE).unwrap();
    let again = ScenarioSpec::from_json(&spec.to_json()).unwrap();
    assert_eq!(again, spec);
    assert_eq!(validate(&again).unwrap(), load_scenario(EXAMPLE).unwrap());
}

#[test]
fn a_file_full_of_mistakes_lists_at_most_max_errors() {
    let items = vec!["7"; 200_000].join(",");
    let json = format!(r#"{{"format":"portsim-scenario/1","sendPorts":[{items}]}}"#);
    let errs = errors(&json);
    assert_eq!(errs.len(), MAX_ERRORS + 1);
    assert_eq!(errs[0].path, "/sendPorts/0");
    let last = errs.last().unwrap();
    assert_eq!(last.kind, ScenarioErrorKind::TooManyErrors);
    assert!(last.message.contains(&MAX_ERRORS.to_string()));
}

#[test]
fn a_large_valid_scenario_loads() {
    // 5,000 ports, each sent to by one script entry: reference checks must not be quadratic.
    let ports: Vec<String> = (0..5_000).map(|i| static_port(&format!("SP{i}"), "")).collect();
    let script: Vec<String> = (0..5_000).map(|i| format!(r#"{{"at":"{i}s","send":{{"port":"SP{i}"}}}}"#)).collect();
    let json = scenario(&ports.join(","), "", &script.join(","));
    let s = load_scenario(&json).unwrap();
    assert_eq!((s.ports.len(), s.script.len()), (5_000, 5_000));
    assert_eq!(
        s.script[4_999].action,
        Action::Inject(portsim::engine::model::Injection {
            target: Some(Target::Port("SP4999".into())),
            context: Default::default(),
            count: 1,
            every: SimDuration::ZERO,
            id: None,
        })
    );
}

#[test]
fn load_spec_returns_the_document_and_the_model() {
    let (spec, scenario) = portsim::engine::scenario::load_spec(EXAMPLE).unwrap();
    assert_eq!(spec.send_ports[0].primary.as_ref().unwrap().retry_count, Some(3));
    assert_eq!(scenario.ports[0].name, spec.send_ports[0].name);
    let errs = portsim::engine::scenario::load_spec(&with_primary(r#","retryCount":"3","retryInterval":"5""#))
        .unwrap_err()
        .errors;
    let kinds: Vec<ScenarioErrorKind> = errs.iter().map(|e| e.kind).collect();
    assert_eq!(kinds, vec![ScenarioErrorKind::WrongType, ScenarioErrorKind::InvalidValue], "both stages: {errs:#?}");
}

/// Replacement values for the mutation test: every JSON type and the edge values of the format.
const ODD_VALUES: [&str; 16] = [
    "null",
    "true",
    "-1",
    "0",
    "1001",
    "1.5",
    "1e400",
    "18446744073709551616",
    "\"\"",
    "\"5\"",
    "\"-5m\"",
    "\"exists\"",
    "[]",
    "[[]]",
    "{}",
    "{\"x\":1}",
];

fn pick<'a>(rng: &mut SplitMix64, v: &'a mut serde_json::Value) -> &'a mut serde_json::Value {
    // Walk down a random number of levels, then stop.
    let stop = rng.below(4) == 0;
    let n = match &*v {
        serde_json::Value::Array(a) => a.len(),
        serde_json::Value::Object(o) => o.len(),
        _ => 0,
    };
    if stop || n == 0 {
        return v;
    }
    let i = rng.below(n as u64) as usize;
    match v {
        serde_json::Value::Array(a) => pick(rng, &mut a[i]),
        serde_json::Value::Object(o) => {
            let Some((_, child)) = o.iter_mut().nth(i) else { unreachable!("index below len") };
            pick(rng, child)
        }
        _ => unreachable!("n > 0 only for containers"),
    }
}

#[test]
fn mutated_scenarios_never_panic_and_every_error_has_a_path_and_message() {
    let base: serde_json::Value = serde_json::from_str(EXAMPLE).unwrap();
    let sections = [
        "",
        "format",
        "name",
        "description",
        "seed",
        "startClock",
        "until",
        "sendPorts",
        "sendPortGroups",
        "endpoints",
        "script",
    ];
    let mut rng = SplitMix64::new(2026);
    let mut rejected = 0;
    for round in 0..1500 {
        let mut doc = base.clone();
        for _ in 0..=rng.below(3) {
            let target = pick(&mut rng, &mut doc);
            let odd = ODD_VALUES[rng.below(ODD_VALUES.len() as u64) as usize];
            *target = serde_json::from_str(odd).unwrap_or(serde_json::Value::Null);
        }
        let json = doc.to_string();
        let Err(e) = load_scenario(&json) else { continue };
        rejected += 1;
        assert!(!e.errors.is_empty(), "round {round}: empty error list for {json}");
        for err in &e.errors {
            let top = err.path.split('/').nth(1).unwrap_or_default();
            assert!(sections.contains(&top) || err.kind == ScenarioErrorKind::UnknownField, "round {round}: {err}");
            assert!(err.message.len() > 10, "round {round}: terse message {err}");
        }
    }
    assert!(rejected > 500, "the mutations should mostly break the file ({rejected} rejected)");
}

#[test]
fn truncated_and_garbled_texts_are_syntax_errors_with_positions() {
    let mut rng = SplitMix64::new(7);
    for _ in 0..300 {
        let cut = rng.below(EXAMPLE.len() as u64) as usize;
        let Some(prefix) = EXAMPLE.get(..cut) else { continue };
        if let Err(e) = load_scenario(prefix) {
            assert!(!e.errors.is_empty());
            if e.errors[0].kind == ScenarioErrorKind::Syntax && !prefix.trim().is_empty() {
                assert!(e.errors[0].message.starts_with("line "), "{}", e.errors[0]);
            }
        }
    }
}
