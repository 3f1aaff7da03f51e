//! A random generator of small, valid `portsim-scenario/1` documents for the property tests, driven
//! by the engine's own `SplitMix64` so a seed always gives the same scenario.
//!
//! It covers the four port kinds, send port groups (static one-way members only, G4), filters with
//! every operator, primary/backup transports with retries, ordered delivery (with and without
//! stop-on-failure), service windows, priorities, endpoints with every failure kind and latency,
//! solicit-response responses, and a script of publish/send, lifecycle, resume and terminate actions.
//!
//! One seed in eight is **extreme** (issue 9 §5): `until` at the end of representable time
//! (`18446744073709551615ms`), retry counts 0 or 1000 with intervals 0 or 525,600 minutes, start
//! clocks and service windows to the minute (including one-minute and across-midnight windows),
//! and a solicit-response port whose filter takes its own responses. Those scenarios carry
//! `limits` (20,000 instances, 200,000 events), so every property run still terminates: the
//! derived-depth guard or a work limit stops the growth.
//!
//! Two simplifications make the properties exact: script entries have distinct times (so the
//! lifecycle state a message meets is the state after every earlier entry), and every scripted
//! message has an `id` (`X1`, `X2`, ...). Filters use only `X.Type` (string), `X.Amount` (int),
//! `X.Partner` (string), plus `BTS.SPName` on static one-way ports (so responses can be routed but
//! never loop back into a solicit-response port).

use portsim::engine::rng::SplitMix64;
use serde_json::{json, Map, Value};

/// One filter predicate.
#[derive(Debug, Clone)]
pub struct GenCond {
    pub property: String,
    pub op: &'static str,
    pub value: Option<Value>,
}

#[derive(Debug, Clone)]
pub struct GenPort {
    pub name: String,
    pub kind: &'static str,
    pub state: &'static str,
    pub filter: Vec<Vec<GenCond>>,
    pub json: Value,
}

#[derive(Debug, Clone)]
pub struct GenGroup {
    pub name: String,
    pub state: &'static str,
    pub members: Vec<String>,
    pub filter: Vec<Vec<GenCond>>,
}

/// Which instances a resume/terminate selects.
#[derive(Debug, Clone, PartialEq)]
pub enum GenSelector {
    All,
    Port(String),
    Message(String),
}

#[derive(Debug, Clone)]
pub enum GenAction {
    Publish { id: String, context: Map<String, Value> },
    SendPort { id: String, port: String, context: Map<String, Value> },
    SendGroup { id: String, group: String, context: Map<String, Value> },
    Lifecycle { action: &'static str, group: bool, name: String },
    Resume(GenSelector),
    Terminate(GenSelector),
}

#[derive(Debug, Clone)]
pub struct GenEntry {
    pub at_ms: u64,
    pub action: GenAction,
}

/// A generated scenario: the parts the properties need, plus the JSON text.
#[derive(Debug, Clone)]
pub struct GenScenario {
    pub seed: u64,
    pub until_ms: u64,
    pub ports: Vec<GenPort>,
    pub groups: Vec<GenGroup>,
    pub script: Vec<GenEntry>,
    pub json: String,
}

const MIN: u64 = 60_000;
const STATES: [&str; 3] = ["bound", "stopped", "started"];
const OPS: [&str; 7] = ["==", "!=", "<", "<=", ">", ">=", "exists"];

struct R(SplitMix64);

impl R {
    fn below(&mut self, n: u64) -> u64 {
        self.0.below(n)
    }
    fn chance(&mut self, p: f64) -> bool {
        self.0.chance(p)
    }
    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.0.below(items.len() as u64) as usize]
    }
}

/// `port_kind` is `"group"` for group filters; `error_subscriber` allows a filter on failed-message
/// routing's `ErrorReport.ErrorType` (never on a port that routes its own failures: no loops).
fn gen_cond(r: &mut R, port_kind: &str, sr_ports: &[String], error_subscriber: bool) -> GenCond {
    let op = *r.pick(&OPS);
    if error_subscriber && r.chance(0.2) {
        return GenCond { property: "ErrorReport.ErrorType".into(), op: "==", value: Some(json!("FailedMessage")) };
    }
    match r.below(if port_kind == "static-one-way" && !sr_ports.is_empty() { 4 } else { 3 }) {
        0 => GenCond { property: "X.Amount".into(), op, value: (op != "exists").then(|| json!(*r.pick(&[5, 10, 15]))) },
        1 => GenCond {
            property: "X.Type".into(),
            op: if r.chance(0.7) { "==" } else { op },
            value: Some(json!(*r.pick(&["Order", "Invoice"]))),
        },
        2 => GenCond {
            property: "X.Partner".into(),
            op: if r.chance(0.6) { "==" } else { op },
            value: Some(json!(*r.pick(&["Contoso", "contoso", "Fabrikam"]))),
        },
        _ => GenCond { property: "BTS.SPName".into(), op: "==", value: Some(json!(r.pick(sr_ports).clone())) },
    }
    .fix_exists()
}

impl GenCond {
    fn fix_exists(mut self) -> GenCond {
        if self.op == "exists" {
            self.value = None;
        }
        self
    }
    fn to_json(&self) -> Value {
        let mut m = Map::new();
        m.insert("property".into(), json!(self.property));
        m.insert("operator".into(), json!(self.op));
        if let Some(v) = &self.value {
            m.insert("value".into(), v.clone());
        }
        Value::Object(m)
    }
}

fn gen_filter(r: &mut R, port_kind: &str, sr_ports: &[String], error_subscriber: bool) -> Vec<Vec<GenCond>> {
    if r.chance(0.3) {
        return Vec::new();
    }
    (0..1 + r.below(2))
        .map(|_| (0..1 + r.below(2)).map(|_| gen_cond(r, port_kind, sr_ports, error_subscriber)).collect())
        .collect()
}

fn filter_json(f: &[Vec<GenCond>]) -> Value {
    Value::Array(f.iter().map(|g| Value::Array(g.iter().map(GenCond::to_json).collect())).collect())
}

fn gen_transport(r: &mut R, solicit_response: bool, addresses: &mut Vec<String>, extreme: bool) -> Value {
    let adapters: &[&str] =
        if solicit_response { &["HTTP", "SOAP", "WCF-BasicHttp"] } else { &["FILE", "HTTP", "FTP"] };
    let adapter = *r.pick(adapters);
    let k = r.below(4);
    let address = match adapter {
        "FILE" => format!("C:\\out\\e{k}"),
        "FTP" => format!("ftp://e{k}/in"),
        _ => format!("http://e{k}/svc"),
    };
    if !addresses.contains(&address) {
        addresses.push(address.clone());
    }
    let interval = r.below(4);
    let (count, interval) = if extreme {
        (*r.pick(&[0, 1000, 1000, 2]), (*r.pick(&["0s", "525600m", "0s", "1m"])).to_string())
    } else {
        (r.below(4), if interval == 0 { "0s".to_string() } else { format!("{interval}m") })
    };
    json!({
        "transport": adapter,
        "address": address,
        "retryCount": count,
        "retryInterval": interval,
    })
}

fn gen_context(r: &mut R, dynamic_target: bool) -> Map<String, Value> {
    let mut c = Map::new();
    if r.chance(0.9) {
        c.insert("X.Type".into(), json!(*r.pick(&["Order", "Invoice"])));
    }
    if r.chance(0.6) {
        c.insert("X.Amount".into(), json!(*r.pick(&[5, 10, 15])));
    }
    if r.chance(0.5) {
        c.insert("X.Partner".into(), json!(*r.pick(&["Contoso", "contoso", "Fabrikam"])));
    }
    if dynamic_target || r.chance(0.3) {
        if r.chance(0.8) {
            let address = match r.below(10) {
                0 => "gopher://old/x".to_string(),
                k => format!("http://d{}/svc", k % 2),
            };
            c.insert("BTS.OutboundTransportLocation".into(), json!(address));
        }
        if r.chance(0.3) {
            c.insert("BTS.RetryCount".into(), json!(r.below(3)));
            c.insert("BTS.RetryInterval".into(), json!(r.below(3)));
        }
    }
    c
}

impl GenScenario {
    /// The scenario for `seed` (same seed, same scenario).
    pub fn generate(seed: u64) -> GenScenario {
        let mut r = R(SplitMix64::new(seed ^ 0x005E_ED0F_5EED));
        let extreme = seed % 8 == 7;
        let mut addresses: Vec<String> = vec!["http://d0/svc".into(), "http://d1/svc".into()];
        let n_ports = 1 + r.below(4) as usize;
        let kinds: Vec<&'static str> = (0..n_ports)
            .map(|_| match r.below(8) {
                0 => "static-solicit-response",
                1 => "dynamic-one-way",
                2 => "dynamic-solicit-response",
                _ => "static-one-way",
            })
            .collect();
        let sr_ports: Vec<String> =
            (0..n_ports).filter(|&i| kinds[i].ends_with("solicit-response")).map(|i| format!("SP{i}")).collect();
        let mut ports = Vec::new();
        for (i, &kind) in kinds.iter().enumerate() {
            let name = format!("SP{i}");
            let state = *r.pick(&STATES);
            let fmr = kind.starts_with("static") && r.chance(0.15);
            let mut filter = gen_filter(&mut r, kind, &sr_ports, kind == "static-one-way" && !fmr);
            if extreme && kind == "static-solicit-response" && r.chance(0.5) {
                // §9: this port takes its own responses (warned about up front; bounded by the
                // derived-depth guard and the work limits).
                filter.push(vec![GenCond { property: "BTS.SPName".into(), op: "==", value: Some(json!(name)) }]);
            }
            let mut p = Map::new();
            p.insert("name".into(), json!(name));
            p.insert("kind".into(), json!(kind));
            p.insert("state".into(), json!(state));
            if !filter.is_empty() {
                p.insert("filter".into(), filter_json(&filter));
            }
            let is_static = kind.starts_with("static");
            let sr = kind.ends_with("solicit-response");
            if is_static {
                p.insert("primary".into(), gen_transport(&mut r, sr, &mut addresses, extreme));
                if r.chance(0.3) {
                    p.insert("backup".into(), gen_transport(&mut r, sr, &mut addresses, extreme));
                }
            }
            if r.chance(0.2) {
                p.insert("orderedDelivery".into(), json!(true));
                if r.chance(0.5) {
                    p.insert("stopOnFailure".into(), json!(true));
                }
            }
            if extreme && r.chance(0.5) {
                let from = r.below(1440);
                let to = match r.below(3) {
                    0 => (from + 1) % 1440,
                    1 => (from + 1439) % 1440,
                    _ => r.below(1440),
                };
                let hm = |m: u64| format!("{:02}:{:02}", m / 60, m % 60);
                p.insert("serviceWindow".into(), json!({"from": hm(from), "to": hm(to)}));
            } else if r.chance(0.15) {
                let from = r.below(24);
                let to = r.below(24);
                p.insert("serviceWindow".into(), json!({"from": format!("{from:02}:00"), "to": format!("{to:02}:30")}));
            }
            if r.chance(0.3) {
                p.insert("priority".into(), json!(1 + r.below(10)));
            }
            if fmr {
                p.insert("routeFailedMessages".into(), json!(true));
            }
            ports.push(GenPort { name, kind, state, filter, json: Value::Object(p) });
        }
        let members_pool: Vec<usize> = (0..n_ports).filter(|&i| kinds[i] == "static-one-way").collect();
        let mut groups = Vec::new();
        if !members_pool.is_empty() {
            for g in 0..r.below(3) {
                let mut members: Vec<String> = Vec::new();
                for &i in &members_pool {
                    if r.chance(0.6) {
                        members.push(ports[i].name.clone());
                    }
                }
                if members.is_empty() {
                    members.push(ports[*r.pick(&members_pool)].name.clone());
                }
                let any_enlisted = members.iter().any(|m| ports.iter().any(|p| &p.name == m && p.state != "bound"));
                let mut state = *r.pick(&STATES);
                if state == "started" && !any_enlisted {
                    state = "stopped";
                }
                let filter = gen_filter(&mut r, "group", &[], false);
                groups.push(GenGroup { name: format!("SPG{g}"), state, members, filter });
            }
        }
        let endpoints: Vec<Value> = addresses
            .iter()
            .filter_map(|a| {
                let failure = match r.below(6) {
                    0 => Some(json!({"kind": "always"})),
                    1 => Some(json!({"kind": "firstAttempts", "count": 1 + r.below(3)})),
                    2 => Some(json!({"kind": "window", "from": "0m", "to": format!("{}m", 1 + r.below(30))})),
                    3 => Some(json!({"kind": "random", "probability": 0.3})),
                    _ => None,
                };
                let latency = if r.chance(0.3) { format!("{}s", 1 + r.below(30)) } else { "0s".into() };
                let response = sr_ports.iter().any(|_| true) && r.chance(0.5);
                if failure.is_none() && latency == "0s" && !response {
                    return None;
                }
                let mut e = Map::new();
                e.insert("address".into(), json!(a));
                e.insert("latency".into(), json!(latency));
                if let Some(f) = failure {
                    e.insert("failures".into(), json!([f]));
                }
                if response {
                    e.insert("response".into(), json!({"BTS.MessageType": "Resp", "X.Type": "Order"}));
                }
                Some(Value::Object(e))
            })
            .collect();
        // Script: distinct times, whole minutes, strictly increasing.
        let mut script = Vec::new();
        let mut at = 0;
        let mut ids: Vec<String> = Vec::new();
        for k in 0..2 + r.below(7) {
            if k > 0 {
                at += (1 + r.below(10)) * MIN;
            }
            let id = format!("X{}", ids.len() + 1);
            let action = match r.below(20) {
                0..=5 => Some(GenAction::Publish { id: id.clone(), context: gen_context(&mut r, false) }),
                6..=9 => {
                    let p = r.pick(&ports).clone();
                    let context = gen_context(&mut r, p.kind.starts_with("dynamic"));
                    Some(GenAction::SendPort { id: id.clone(), port: p.name, context })
                }
                10..=11 if !groups.is_empty() => {
                    let g = r.pick(&groups).name.clone();
                    Some(GenAction::SendGroup { id: id.clone(), group: g, context: gen_context(&mut r, false) })
                }
                12..=16 => {
                    let action = *r.pick(&["enlist", "start", "stop", "unenlist"]);
                    if !groups.is_empty() && r.chance(0.3) {
                        Some(GenAction::Lifecycle { action, group: true, name: r.pick(&groups).name.clone() })
                    } else {
                        Some(GenAction::Lifecycle { action, group: false, name: r.pick(&ports).name.clone() })
                    }
                }
                n => {
                    let sel = match r.below(3) {
                        0 => GenSelector::All,
                        1 => GenSelector::Port(r.pick(&ports).name.clone()),
                        _ if !ids.is_empty() => GenSelector::Message(r.pick(&ids).clone()),
                        _ => GenSelector::All,
                    };
                    Some(if n < 19 { GenAction::Resume(sel) } else { GenAction::Terminate(sel) })
                }
            };
            if let Some(action) = action {
                if matches!(
                    action,
                    GenAction::Publish { .. } | GenAction::SendPort { .. } | GenAction::SendGroup { .. }
                ) {
                    ids.push(id);
                }
                script.push(GenEntry { at_ms: at, action });
            }
        }
        let until_ms = if extreme { u64::MAX } else { at + (10 + r.below(50)) * MIN };
        let start_clock =
            if extreme { format!("{:02}:{:02}", r.below(24), r.below(60)) } else { format!("{:02}:00", r.below(24)) };
        let until = if extreme { format!("{until_ms}ms") } else { format!("{}m", until_ms / MIN) };
        let mut doc = json!({
            "format": "portsim-scenario/1",
            "name": format!("random {seed}"),
            "seed": seed,
            "startClock": start_clock,
            "until": until,
            "sendPorts": ports.iter().map(|p| p.json.clone()).collect::<Vec<_>>(),
            "sendPortGroups": groups.iter().map(|g| {
                let mut m = Map::new();
                m.insert("name".into(), json!(g.name));
                m.insert("state".into(), json!(g.state));
                m.insert("members".into(), json!(g.members));
                if !g.filter.is_empty() {
                    m.insert("filter".into(), filter_json(&g.filter));
                }
                Value::Object(m)
            }).collect::<Vec<_>>(),
            "endpoints": endpoints,
            "script": script.iter().map(entry_json).collect::<Vec<_>>(),
        });
        if extreme {
            // Below the property harness's MAX_STEPS (50,000 steps of one event each): a
            // self-feeding scenario that the limits stop must stop before the harness gives up
            // (seed 22215 at 30,000 cases: SP0's responses feed SP0, 1,000 retries a year apart).
            doc["limits"] = json!({"maxInstances": 20_000, "maxEvents": 40_000});
        }
        let json = serde_json::to_string_pretty(&doc).unwrap_or_default();
        GenScenario { seed, until_ms, ports, groups, script, json }
    }

    /// The message entries: `(id, at, action)`.
    pub fn messages(&self) -> impl Iterator<Item = (&str, u64, &GenAction)> {
        self.script.iter().filter_map(|e| match &e.action {
            GenAction::Publish { id, .. } | GenAction::SendPort { id, .. } | GenAction::SendGroup { id, .. } => {
                Some((id.as_str(), e.at_ms, &e.action))
            }
            _ => None,
        })
    }

    pub fn context_of(&self, id: &str) -> Option<&Map<String, Value>> {
        self.script.iter().find_map(|e| match &e.action {
            GenAction::Publish { id: i, context }
            | GenAction::SendPort { id: i, context, .. }
            | GenAction::SendGroup { id: i, context, .. }
                if i == id =>
            {
                Some(context)
            }
            _ => None,
        })
    }
}

fn selector_json(s: &GenSelector) -> Value {
    match s {
        GenSelector::All => json!("all"),
        GenSelector::Port(p) => json!({ "port": p }),
        GenSelector::Message(m) => json!({ "message": m }),
    }
}

fn entry_json(e: &GenEntry) -> Value {
    let at = format!("{}m", e.at_ms / MIN);
    match &e.action {
        GenAction::Publish { id, context } => json!({"at": at, "publish": {"context": context, "id": id}}),
        GenAction::SendPort { id, port, context } => {
            json!({"at": at, "send": {"port": port, "context": context, "id": id}})
        }
        GenAction::SendGroup { id, group, context } => {
            json!({"at": at, "send": {"group": group, "context": context, "id": id}})
        }
        GenAction::Lifecycle { action, group, name } => {
            let target = if *group { json!({ "group": name }) } else { json!({ "port": name }) };
            let mut m = Map::new();
            m.insert("at".into(), json!(at));
            m.insert(action.to_string(), target);
            Value::Object(m)
        }
        GenAction::Resume(s) => json!({"at": at, "resume": selector_json(s)}),
        GenAction::Terminate(s) => json!({"at": at, "terminate": selector_json(s)}),
    }
}

/// §3 DECISION: typed comparison; any predicate on an absent property is false except `exists`.
pub fn cond_matches(c: &GenCond, ctx: &Map<String, Value>) -> bool {
    let Some(v) = ctx.get(&c.property) else { return false };
    if c.op == "exists" {
        return true;
    }
    let Some(want) = &c.value else { return false };
    let ord = match (v, want) {
        (Value::Number(a), Value::Number(b)) => a.as_i64().cmp(&b.as_i64()),
        (Value::String(a), Value::String(b)) => a.as_str().cmp(b.as_str()),
        _ => return false,
    };
    match c.op {
        "==" => ord.is_eq(),
        "!=" => ord.is_ne(),
        "<" => ord.is_lt(),
        "<=" => ord.is_le(),
        ">" => ord.is_gt(),
        ">=" => ord.is_ge(),
        _ => false,
    }
}

/// §3 DECISION: OR of AND-groups; an empty filter is no filter subscription (matches nothing).
pub fn filter_matches(f: &[Vec<GenCond>], ctx: &Map<String, Value>) -> bool {
    f.iter().any(|g| g.iter().all(|c| cond_matches(c, ctx)))
}

#[test]
fn random_scenarios_are_valid_and_reproducible() {
    for seed in 0..300 {
        let a = GenScenario::generate(seed);
        assert_eq!(a.json, GenScenario::generate(seed).json, "seed {seed} not reproducible");
        if let Err(e) = portsim::engine::load_scenario(&a.json) {
            panic!("generated scenario {seed} does not load:\n{e}\n{}", a.json);
        }
    }
}

#[test]
fn random_generator_covers_every_feature() {
    let all: String = (0..300).map(|s| GenScenario::generate(s).json).collect();
    for needle in [
        "static-one-way",
        "static-solicit-response",
        "dynamic-one-way",
        "dynamic-solicit-response",
        "\"backup\"",
        "orderedDelivery",
        "stopOnFailure",
        "serviceWindow",
        "\"priority\"",
        "\"always\"",
        "firstAttempts",
        "\"window\"",
        "\"random\"",
        "\"response\"",
        "\"publish\"",
        "\"send\"",
        "\"enlist\"",
        "\"start\"",
        "\"stop\"",
        "\"unenlist\"",
        "\"resume\"",
        "\"terminate\"",
        "\"exists\"",
        "\"!=\"",
        "\"<=\"",
        "\">=\"",
        "sendPortGroups\": [\n    {",
        "BTS.SPName",
        "BTS.RetryCount",
        "routeFailedMessages",
        "ErrorReport.ErrorType",
        "gopher://",
        // Issue 9 §5: the format's extremes.
        "\"until\": \"18446744073709551615ms\"",
        "\"retryCount\": 1000",
        "\"retryInterval\": \"525600m\"",
        "\"retryInterval\": \"0s\"",
        "\"maxEvents\": 40000",
    ] {
        assert!(all.contains(needle), "generator never produces {needle}");
    }
}

#[test]
fn filter_model_follows_the_rules() {
    let ctx: Map<String, Value> =
        serde_json::from_str(r#"{"X.Amount": 10, "X.Partner": "Contoso"}"#).unwrap_or_default();
    let c = |p: &str, op: &'static str, v: Value| GenCond { property: p.into(), op, value: Some(v) };
    assert!(cond_matches(&c("X.Amount", "<=", json!(10)), &ctx));
    assert!(!cond_matches(&c("X.Amount", "<", json!(10)), &ctx));
    assert!(!cond_matches(&c("X.Partner", "==", json!("contoso")), &ctx));
    assert!(!cond_matches(&c("X.Type", "!=", json!("Order")), &ctx), "absent property: false except exists");
    assert!(cond_matches(&GenCond { property: "X.Partner".into(), op: "exists", value: None }, &ctx));
    assert!(!filter_matches(&[], &ctx), "no filter, no filter subscription");
}

/// The seeds a property test runs: `PORTSIM_PROPERTY_SEED=<seed>` replays one; otherwise
/// `PORTSIM_PROPERTY_CASES` seeds (default `default_cases`) from `PORTSIM_PROPERTY_FROM` (default 0),
/// so a long sweep can explore seeds no earlier sweep ran.
pub fn property_seeds(default_cases: u64) -> Vec<u64> {
    let var = |name: &str| std::env::var(name).ok().and_then(|s| s.trim().parse::<u64>().ok());
    match var("PORTSIM_PROPERTY_SEED") {
        Some(seed) => vec![seed],
        None => {
            let from = var("PORTSIM_PROPERTY_FROM").unwrap_or(0);
            (from..from.saturating_add(var("PORTSIM_PROPERTY_CASES").unwrap_or(default_cases))).collect()
        }
    }
}
