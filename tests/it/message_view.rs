//! The Group Hub's message view and the Why? panel's numbering, over the engine's read-only API:
//! a message's context properties and its delivery copies (§3: a member whose own filter also
//! matches gets two copies, its "twins"), and the attempt number of an attempt that shares its
//! instant with a fail-over (issue 11 #5: it read "attempt 1 of 4"; the event log said "4 of 4").

use portsim::engine::{load_scenario, Simulation};

const TWINS: &str = r#"{
  "format": "portsim-scenario/1", "name": "twins", "seed": 1, "until": "10m",
  "sendPorts": [
    { "name": "SP_A", "kind": "static-one-way", "state": "started", "primary": { "transport": "FILE", "address": "C:\\out\\A" },
      "filter": [[{ "property": "X.Type", "operator": "==", "value": "Order" }]] },
    { "name": "SP_B", "kind": "static-one-way", "state": "started", "primary": { "transport": "FILE", "address": "C:\\out\\B" } }
  ],
  "sendPortGroups": [
    { "name": "SPG", "state": "started", "members": ["SP_A", "SP_B"],
      "filter": [[{ "property": "X.Type", "operator": "==", "value": "Order" }]] }
  ],
  "script": [{ "at": "1s", "publish": { "context": { "X.Type": "Order", "X.Amount": 12 } } }]
}"#;

#[test]
fn a_message_has_its_context_and_its_copies_and_a_twin_links_the_other_copy_on_the_same_port() {
    let scenario = load_scenario(TWINS).expect("valid");
    let mut sim = Simulation::new(&scenario);
    sim.run_to_end();
    let all = sim.instances();
    assert_eq!(all.len(), 3, "SP_A direct, SP_A via SPG, SP_B via SPG");
    let place = |id: u64| {
        let i = sim.instance(id).expect("instance");
        (i.port.clone(), i.via.clone())
    };
    for info in all {
        assert_eq!(sim.copies_of(info.id).len(), 3, "every copy lists the three");
        let ctx = sim.message_context(info.id).expect("context");
        assert_eq!(ctx, vec![("X.Amount".to_string(), "12".to_string()), ("X.Type".to_string(), "Order".to_string())]);
    }
    let direct = all.iter().find(|i| i.port == "SP_A" && i.via.is_none()).expect("direct copy").id;
    let via = all.iter().find(|i| i.port == "SP_A" && i.via.is_some()).expect("group copy").id;
    let b = all.iter().find(|i| i.port == "SP_B").expect("SP_B copy").id;
    assert_eq!(sim.twins_of(direct), vec![via]);
    assert_eq!(sim.twins_of(via), vec![direct]);
    assert_eq!(place(sim.twins_of(via)[0]), ("SP_A".to_string(), None));
    assert!(sim.twins_of(b).is_empty(), "one copy on SP_B: no twin");
    assert!(sim.message_context(999).is_none());
    assert!(sim.copies_of(0).is_empty() && sim.twins_of(999).is_empty());
}

#[test]
fn an_attempt_that_shares_its_instant_with_a_failover_keeps_its_own_number() {
    let scenario = load_scenario(
        r#"{
  "format": "portsim-scenario/1", "name": "failover at once", "seed": 1, "until": "1h",
  "sendPorts": [{ "name": "SP_Fail", "kind": "static-one-way", "state": "started",
    "primary": { "transport": "FILE", "address": "C:\\out\\fail", "retryCount": 3, "retryInterval": "1m" },
    "backup": { "transport": "FTP", "address": "ftp://backup/out", "retryCount": 1, "retryInterval": "1m" } }],
  "endpoints": [
    { "address": "C:\\out\\fail", "latency": "0s", "failures": [{ "kind": "always" }] },
    { "address": "ftp://backup/out", "latency": "1s" }
  ],
  "script": [{ "at": "0s", "send": { "port": "SP_Fail" } }]
}"#,
    )
    .expect("valid");
    let mut sim = Simulation::new(&scenario);
    sim.run_to_end();
    let numbers: Vec<String> = sim
        .explain(1)
        .iter()
        .filter(|s| s.code == "attempt-started")
        .map(|s| s.args.iter().find(|(k, _)| k == "attempt").map(|(_, v)| v.clone()).unwrap_or_default())
        .collect();
    assert_eq!(numbers, vec!["1", "2", "3", "4", "1"], "four primary attempts, then the backup's first");
    let texts: Vec<String> =
        sim.explain(1).into_iter().map(|s| s.text).filter(|t| t.contains("(attempt 4 of 4)")).collect();
    assert_eq!(texts.len(), 1, "the 4th primary attempt reads 4 of 4");
}
