//! Hand-written expectations for the golden scenarios, derived from SEMANTICS.md and SCENARIO.md
//! (not from the engine), so that blessing a wrong engine output cannot pass silently.
//!
//! Each check names its scenario file; all failures are collected and printed together, each with
//! the rule it comes from. Notation for `via`: `""` = direct, `"*"` = any, else the group's name.

use crate::golden::{is_invalid, scenarios_dir};
use portsim::engine::report::{InstanceReport, Report};
use portsim::engine::time::SimTime;
use portsim::engine::trace::TraceKind;
use portsim::engine::{load_scenario, LoadError, Simulation};
use std::fs;

const MIN: u64 = 60_000;
const HOUR: u64 = 60 * MIN;

/// One scenario under test.
struct Ctx {
    stem: String,
    sim: Simulation,
    report: Report,
    errs: Vec<String>,
}

fn load(stem: &str) -> Result<portsim::engine::Scenario, String> {
    let path = scenarios_dir().join(format!("{stem}.json"));
    let text = fs::read_to_string(&path).map_err(|e| format!("[{stem}] cannot read {}: {e}", path.display()))?;
    load_scenario(&text).map_err(|e| format!("[{stem}] does not load: {e}"))
}

impl Ctx {
    /// Loads, runs to the end, and takes the report.
    fn run(stem: &str) -> Result<Ctx, String> {
        let scenario = load(stem)?;
        let mut sim = Simulation::new(&scenario);
        sim.run_to_end();
        let report = sim.report();
        Ok(Ctx { stem: stem.to_string(), sim, report, errs: Vec::new() })
    }

    /// Loads and runs only until `t` (to look at intermediate states).
    fn run_until(stem: &str, t: u64) -> Result<Ctx, String> {
        let scenario = load(stem)?;
        let mut sim = Simulation::new(&scenario);
        sim.run_until(SimTime(t));
        let report = sim.report();
        Ok(Ctx { stem: format!("{stem} @{t}ms"), sim, report, errs: Vec::new() })
    }

    fn fail(&mut self, rule: &str, msg: String) {
        self.errs.push(format!("[{}] ({rule}) {msg}", self.stem));
    }

    fn matching(&self, msg: &str, port: &str, via: &str) -> Vec<InstanceReport> {
        self.report
            .instances
            .iter()
            .filter(|i| i.message == msg && i.port == port)
            .filter(|i| match via {
                "*" => true,
                "" => i.via.is_none(),
                g => i.via.as_deref() == Some(g),
            })
            .cloned()
            .collect()
    }

    /// The single instance of `msg` on `port` (arriving `via`).
    fn one(&mut self, rule: &str, msg: &str, port: &str, via: &str) -> Option<InstanceReport> {
        let found = self.matching(msg, port, via);
        if found.len() == 1 {
            return found.into_iter().next();
        }
        let all: Vec<String> = self
            .report
            .instances
            .iter()
            .map(|i| {
                format!("{}@{}{}", i.message, i.port, i.via.as_ref().map(|g| format!(" via {g}")).unwrap_or_default())
            })
            .collect();
        self.fail(
            rule,
            format!("expected one instance of {msg} on {port} via {via:?}, found {}; instances: {all:?}", found.len()),
        );
        None
    }

    fn status(&mut self, rule: &str, msg: &str, port: &str, via: &str, status: &str, reason: Option<&str>) {
        if let Some(i) = self.one(rule, msg, port, via) {
            if i.status != status || (reason.is_some() && i.reason.map(|r| r.code()) != reason) {
                self.fail(
                    rule,
                    format!(
                        "{msg}@{port}: expected status {status} reason {reason:?}, got {} reason {:?}",
                        i.status, i.reason
                    ),
                );
            }
        }
    }

    /// Status only, whatever the reason.
    fn status_any_reason(&mut self, rule: &str, msg: &str, port: &str, via: &str, status: &str) {
        self.status(rule, msg, port, via, status, None);
    }

    /// `(transport, startMs, ok)` of every attempt, in order.
    fn attempts(&mut self, rule: &str, msg: &str, port: &str, via: &str, expected: &[(&str, u64, bool)]) {
        if let Some(i) = self.one(rule, msg, port, via) {
            let got: Vec<(String, u64, bool)> =
                i.attempts.iter().map(|a| (a.transport.to_string(), a.start_ms, a.ok)).collect();
            let want: Vec<(String, u64, bool)> = expected.iter().map(|(t, s, ok)| (t.to_string(), *s, *ok)).collect();
            if got != want {
                self.fail(rule, format!("{msg}@{port}: attempts expected {want:?}, got {got:?}"));
            }
        }
    }

    /// `(startMs, endMs, ok)` of every attempt (primary or backup), in order.
    fn attempt_spans(&mut self, rule: &str, msg: &str, port: &str, expected: &[(u64, u64, bool)]) {
        if let Some(i) = self.one(rule, msg, port, "*") {
            let got: Vec<(u64, u64, bool)> = i.attempts.iter().map(|a| (a.start_ms, a.end_ms, a.ok)).collect();
            if got != expected {
                self.fail(rule, format!("{msg}@{port}: attempt spans expected {expected:?}, got {got:?}"));
            }
        }
    }

    fn completed_at(&mut self, rule: &str, msg: &str, port: &str, via: &str, ms: u64) {
        if let Some(i) = self.one(rule, msg, port, via) {
            if i.status != "completed" || i.completed_ms != Some(ms) {
                self.fail(
                    rule,
                    format!("{msg}@{port}: expected completed at {ms}, got {} at {:?}", i.status, i.completed_ms),
                );
            }
        }
    }

    /// Exactly these `(port, via)` copies of `msg` exist (order-independent).
    fn copies(&mut self, rule: &str, msg: &str, expected: &[(&str, &str)]) {
        let mut got: Vec<(String, String)> = self
            .report
            .instances
            .iter()
            .filter(|i| i.message == msg)
            .map(|i| (i.port.to_string(), i.via.as_ref().map(|g| g.to_string()).unwrap_or_default()))
            .collect();
        let mut want: Vec<(String, String)> = expected.iter().map(|(p, v)| (p.to_string(), v.to_string())).collect();
        got.sort();
        want.sort();
        if got != want {
            self.fail(rule, format!("{msg}: copies (port, via) expected {want:?}, got {got:?}"));
        }
    }

    fn routing_failure(&mut self, rule: &str, msg: &str, at_ms: u64) {
        let ok = self
            .report
            .routing_failures
            .iter()
            .any(|r| r.message == msg && r.at_ms == at_ms && r.reason == "no-subscriber");
        if !ok {
            let rf = format!("{:?}", self.report.routing_failures);
            self.fail(rule, format!("expected routing failure of {msg} at {at_ms} (no-subscriber); got {rf}"));
        }
    }

    /// A routing failure of a solicit-response port's response (`"response": true`, §9).
    fn response_routing_failure(&mut self, rule: &str, msg: &str, at_ms: u64) {
        let ok = self
            .report
            .routing_failures
            .iter()
            .any(|r| r.message == msg && r.at_ms == at_ms && r.reason == "no-subscriber" && r.response);
        if !ok {
            let rf = format!("{:?}", self.report.routing_failures);
            self.fail(rule, format!("expected response routing failure of {msg} at {at_ms}; got {rf}"));
        }
    }

    /// The message names, in order of first appearance in the report's instances.
    fn message_names(&mut self, rule: &str, want: &[&str]) {
        let mut got: Vec<String> = Vec::new();
        for i in &self.report.instances {
            let name = i.message.to_string();
            if !got.contains(&name) {
                got.push(name);
            }
        }
        if got != want {
            self.fail(rule, format!("message names expected {want:?}, got {got:?}"));
        }
    }

    /// `totals.messages`: every message that entered the MessageBox, derived ones included
    /// (SEMANTICS §9 DECISION "response = new message"; docs/scenario-format.md "totals").
    fn messages_total(&mut self, rule: &str, n: u64) {
        if self.report.totals.messages != n {
            self.fail(rule, format!("totals.messages expected {n}, got {}", self.report.totals.messages));
        }
    }

    fn routing_failures(&mut self, rule: &str, n: usize) {
        if self.report.routing_failures.len() != n {
            let rf = format!("{:?}", self.report.routing_failures);
            self.fail(rule, format!("expected {n} routing failure(s), got {rf}"));
        }
    }

    /// A rejected action; `target` is `port:NAME` or `group:NAME`.
    fn rejected(&mut self, rule: &str, at_ms: u64, action: &str, target: &str, state: &str, reason: &str) {
        let (kind, name) = target.split_once(':').unwrap_or(("port", target));
        let ok = self.report.rejected_actions.iter().any(|r| {
            r.at_ms == at_ms
                && r.action == action
                && r.state == state
                && r.reason == reason
                && if kind == "group" { r.group.as_deref() == Some(name) } else { r.port.as_deref() == Some(name) }
        });
        if !ok {
            let got = format!("{:?}", self.report.rejected_actions);
            self.fail(
                rule,
                format!("expected rejected {action} {target} at {at_ms} state {state} reason {reason}; got {got}"),
            );
        }
    }

    fn rejected_count(&mut self, rule: &str, n: usize) {
        if self.report.rejected_actions.len() != n {
            let got = format!("{:?}", self.report.rejected_actions);
            self.fail(rule, format!("expected {n} rejected action(s), got {got}"));
        }
    }

    fn port_state(&mut self, rule: &str, name: &str, state: &str) {
        let got = self.report.ports.iter().find(|p| p.name == name).map(|p| p.state.clone());
        if got.as_deref() != Some(state) {
            self.fail(rule, format!("port {name}: expected state {state}, got {got:?}"));
        }
    }

    fn group_state(&mut self, rule: &str, name: &str, state: &str) {
        let got = self.report.groups.iter().find(|p| p.name == name).map(|p| p.state.clone());
        if got.as_deref() != Some(state) {
            self.fail(rule, format!("group {name}: expected state {state}, got {got:?}"));
        }
    }

    fn count_on_port(&self, port: &str) -> usize {
        self.report.instances.iter().filter(|i| i.port == port).count()
    }
}

type Check = fn(&mut Ctx);

/// The L1–L4 action table: `(action, from) → Some(result)` or `None` for "Not available".
fn table(action: &str, from: &str) -> Option<&'static str> {
    match (action, from) {
        ("enlist", "bound") => Some("stopped"),
        ("start", "bound") | ("start", "stopped") => Some("started"),
        ("stop", "started") => Some("stopped"),
        ("unenlist", "stopped") | ("unenlist", "started") => Some("bound"),
        _ => None,
    }
}

/// One cell of the action table (the twelve `01NN_L*` files share one shape, see the generator
/// description in each file): `action` on port SP and group SPG at 1m, then at 2m `MsgDirect` to SP
/// and `MsgGroup` to SPG (member SP_M, Started).
fn lifecycle_cell(c: &mut Ctx, rule: &str, action: &str, from: &str) {
    let result = table(action, from);
    let end = result.unwrap_or(from);
    match result {
        None => {
            c.rejected(rule, MIN, action, "port:SP", from, "not-available");
            c.rejected(rule, MIN, action, "group:SPG", from, "not-available");
            c.rejected_count(rule, 2);
        }
        Some(_) => c.rejected_count(rule, 0),
    }
    c.port_state(rule, "SP", end);
    c.group_state(rule, "SPG", end);
    c.port_state(rule, "SP_M", "started");
    match end {
        "bound" => {
            c.copies("C6", "MsgDirect", &[]);
            c.routing_failure("C6", "MsgDirect", 2 * MIN);
            c.copies("§3", "MsgGroup", &[]);
            c.routing_failure("§3", "MsgGroup", 2 * MIN);
        }
        "stopped" => {
            c.status("C2", "MsgDirect", "SP", "", "suspended-resumable", Some("send-port-stopped"));
            c.attempts("C2", "MsgDirect", "SP", "", &[]);
            c.status("C5", "MsgGroup", "SP_M", "SPG", "suspended-resumable", Some("send-port-group-stopped"));
            c.attempts("C5", "MsgGroup", "SP_M", "SPG", &[]);
            c.routing_failures("§3", 0);
        }
        _ => {
            c.completed_at("C1", "MsgDirect", "SP", "", 2 * MIN);
            c.attempts("C1", "MsgDirect", "SP", "", &[("primary", 2 * MIN, true)]);
            c.completed_at("C3", "MsgGroup", "SP_M", "SPG", 2 * MIN);
            c.routing_failures("§3", 0);
        }
    }
}

macro_rules! cell {
    ($rule:literal, $action:literal, $from:literal) => {
        |c: &mut Ctx| lifecycle_cell(c, $rule, $action, $from)
    };
}

fn checks() -> Vec<(&'static str, Check)> {
    vec![
        ("0101_L1_enlist_from_bound", cell!("L1", "enlist", "bound")),
        ("0102_L1_enlist_from_stopped", cell!("L1", "enlist", "stopped")),
        ("0103_L1_enlist_from_started", cell!("L1", "enlist", "started")),
        ("0104_L2_start_from_bound", cell!("L2", "start", "bound")),
        ("0105_L2_start_from_stopped", cell!("L2", "start", "stopped")),
        ("0106_L2_start_from_started", cell!("L2", "start", "started")),
        ("0107_L3_stop_from_bound", cell!("L3", "stop", "bound")),
        ("0108_L3_stop_from_stopped", cell!("L3", "stop", "stopped")),
        ("0109_L3_stop_from_started", cell!("L3", "stop", "started")),
        ("0110_L4_unenlist_from_bound", cell!("L4", "unenlist", "bound")),
        ("0111_L4_unenlist_from_stopped", cell!("L4", "unenlist", "stopped")),
        ("0112_L4_unenlist_from_started", cell!("L4", "unenlist", "started")),
        ("0201_G1_start_group_without_enlisted_member", |c| {
            c.rejected("G1", MIN, "start", "group:SPG", "bound", "no-enlisted-member");
            c.rejected_count("G1", 1);
            c.group_state("G1", "SPG", "started");
            c.port_state("L1", "SP_A", "stopped");
            c.port_state("G1", "SP_B", "bound");
            c.copies("C6", "M", &[("SP_A", "SPG")]);
            c.status("C4", "M", "SP_A", "SPG", "suspended-resumable", Some("send-port-stopped"));
        }),
        ("0202_G2_unenlist_last_enlisted_member", |c| {
            c.rejected("G2", MIN, "unenlist", "port:SP_A", "started", "last-enlisted-member");
            c.rejected("G2", 4 * MIN, "unenlist", "port:SP_B", "stopped", "last-enlisted-member");
            c.rejected_count("G2", 2);
            c.port_state("L4", "SP_A", "bound");
            c.port_state("G2", "SP_B", "stopped");
            c.group_state("G2", "SPG", "started");
        }),
        ("0203_G3_unenlist_port_with_retrying_instance", |c| {
            c.rejected("G3", MIN, "unenlist", "port:SP", "started", "has-instances");
            c.rejected_count("G3", 1);
            c.port_state("G3", "SP", "started");
            let p = "primary";
            c.attempts(
                "§6",
                "M1",
                "SP",
                "",
                &[(p, 0, false), (p, 5 * MIN, false), (p, 10 * MIN, false), (p, 15 * MIN, false)],
            );
            c.status("§6", "M1", "SP", "", "suspended-resumable", Some("transport-failure"));
        }),
        ("0204_G3_s05_terminate_then_unenlist", |c| {
            c.rejected("G3", MIN, "unenlist", "port:SP", "stopped", "has-instances");
            c.rejected_count("G3", 1);
            c.status("§5", "M1", "SP", "", "terminated", Some("terminated-by-user"));
            c.port_state("L4", "SP", "bound");
        }),
        ("0301_C1_direct_to_started_port", |c| {
            c.completed_at("C1", "M1", "SP", "", 0);
            c.attempts("C1", "M1", "SP", "", &[("primary", 0, true)]);
            c.completed_at("C1", "M2", "SP", "", MIN);
        }),
        ("0302_C2_direct_to_stopped_port", |c| {
            c.status("C2", "M1", "SP", "", "suspended-resumable", Some("send-port-stopped"));
            c.attempts("C2", "M1", "SP", "", &[]);
            c.status("C2", "M2", "SP", "", "suspended-resumable", Some("send-port-stopped"));
            c.routing_failures("§3", 0);
        }),
        ("0303_C3_group_started_port_started", |c| {
            c.copies("C3", "M1", &[("SP", "SPG")]);
            c.completed_at("C3", "M1", "SP", "SPG", 0);
        }),
        ("0304_C4_group_started_port_stopped", |c| {
            c.status("C4", "M1", "SP_A", "SPG", "suspended-resumable", Some("send-port-stopped"));
            c.completed_at("C3", "M1", "SP_B", "SPG", 0);
        }),
        ("0305_C5_group_stopped_port_started", |c| {
            c.status("C5", "M1", "SP", "SPG", "suspended-resumable", Some("send-port-group-stopped"));
            c.copies("§3", "M2", &[("SP", "SPG")]);
            c.status("C5", "M2", "SP", "SPG", "suspended-resumable", Some("send-port-group-stopped"));
        }),
        ("0307_C4_port_and_group_stopped_port_wins", |c| {
            // SCENARIO.md: when both the port and the group are stopped, the port's reason wins.
            c.status("C4", "M1", "SP", "SPG", "completed", None);
            c.completed_at("§4", "M1", "SP", "SPG", 3 * MIN);
            c.completed_at("§4", "M2", "SP", "SPG", 3 * MIN);
            c.attempts("§4", "M1", "SP", "SPG", &[("primary", 3 * MIN, true)]);
        }),
        ("0306_C6_bound_member_gets_no_copy", |c| {
            c.copies("C6", "M1", &[("SP_A", "SPG")]);
            c.completed_at("C3", "M1", "SP_A", "SPG", 0);
            c.copies("C6", "M2", &[]);
            c.routing_failure("C6", "M2", MIN);
            c.copies("C6", "M3", &[]);
            c.routing_failure("§3", "M3", 2 * MIN);
            c.routing_failures("§3", 2);
        }),
        ("0501_s01_dynamic_port_with_address", |c| {
            c.completed_at("§1", "M1", "DP", "", 0);
            if let Some(i) = c.one("§1", "M1", "DP", "") {
                if i.attempts.len() != 1 || i.attempts[0].address != "http://partner/orders" {
                    c.fail("§1", format!("M1 should have one attempt to http://partner/orders, got {:?}", i.attempts));
                }
            }
            c.completed_at("§1", "M2", "DP", "", MIN);
        }),
        ("0502_s01_dynamic_port_without_address", |c| {
            c.status("§1", "M1", "DP", "", "suspended-resumable", Some("no-transport-location"));
            c.attempts("§1", "M1", "DP", "", &[]);
        }),
        ("0503_s01_s06_dynamic_retry_from_context", |c| {
            let p = "primary";
            c.attempts("§1", "M1", "DP", "", &[(p, 0, false), (p, 2 * MIN, false)]);
            c.status("§6", "M1", "DP", "", "suspended-resumable", Some("transport-failure"));
            let m2 = [(p, MIN, false), (p, 6 * MIN, false), (p, 11 * MIN, false), (p, 16 * MIN, false)];
            c.attempts("§1", "M2", "DP", "", &m2);
            c.status("§6", "M2", "DP", "", "suspended-resumable", Some("transport-failure"));
        }),
        ("0504_s01_dynamic_unknown_scheme", |c| {
            // §1 DECISION: no adapter can ever be attempted; SCENARIO.md reason `unknown-transport`.
            c.status("§1", "M1", "DP", "", "suspended-resumable", Some("unknown-transport"));
            c.attempts("§1", "M1", "DP", "", &[]);
        }),
        ("0506_s01_unknown_transport", |c| {
            c.status("§1", "M1", "DP", "", "suspended-resumable", Some("unknown-transport"));
            c.attempts("§1", "M1", "DP", "", &[]);
            c.status("§1", "M2", "DP", "", "suspended-resumable", Some("unknown-transport"));
            c.attempts("§1", "M2", "DP", "", &[]);
            c.completed_at("§1", "M3", "DP", "", 0);
            c.attempts("§1", "M3", "DP", "", &[("primary", 0, true)]);
            c.status("§1", "M4", "DP", "", "suspended-resumable", Some("no-transport-location"));
            c.attempts("§1", "M4", "DP", "", &[]);
        }),
        ("0505_s01_dynamic_transport_type_precedence", |c| {
            c.completed_at("§1", "M1", "DP", "", 0);
            c.completed_at("§1", "M2", "DP", "", MIN);
            let m1_adapter_file =
                c.sim.trace().iter().any(|e| {
                    e.kind == TraceKind::Attempt && e.message.as_deref() == Some("M1") && e.text.contains("FILE")
                });
            if !m1_adapter_file {
                c.fail("§1", "M1's attempt should use the FILE adapter (BTS.OutboundTransportType wins)".to_string());
            }
        }),
        ("0521_s02_stop_affects_only_new_messages", |c| {
            c.attempts("§2", "M1", "SP", "", &[("primary", 0, false), ("primary", 5 * MIN, true)]);
            c.completed_at("§2", "M1", "SP", "", 5 * MIN);
            c.status("C2", "M2", "SP", "", "suspended-resumable", Some("send-port-stopped"));
            c.port_state("L3", "SP", "stopped");
        }),
        ("0522_s02_group_actions_leave_members_unchanged", |c| {
            c.rejected_count("§2", 0);
            c.group_state("L4", "SPG", "bound");
            c.port_state("§2", "SP_A", "stopped");
            c.port_state("§2", "SP_B", "bound");
        }),
        ("0531_s03_routing_failure_no_subscriber", |c| {
            c.copies("§3", "M1", &[]);
            c.routing_failure("§3", "M1", 0);
            c.completed_at("§3", "M2", "SP", "", MIN);
            c.status("§3", "M3", "SP_Held", "", "suspended-resumable", Some("send-port-stopped"));
            c.routing_failures("§3", 1);
        }),
        ("0532_s03_filter_seven_operators", |c| {
            let d = "";
            c.copies("§3", "A5", &[("SP_NE", d), ("SP_LT", d), ("SP_LE", d), ("SP_EX", d)]);
            c.copies("§3", "A10", &[("SP_EQ", d), ("SP_LE", d), ("SP_GE", d), ("SP_EX", d)]);
            c.copies("§3", "A15", &[("SP_NE", d), ("SP_GT", d), ("SP_GE", d), ("SP_EX", d)]);
            c.copies("§3", "ANone", &[]);
            c.routing_failure("§3", "ANone", 3 * MIN);
            c.routing_failures("§3", 1);
            if c.report.instances.iter().any(|i| i.status != "completed") {
                c.fail("C1", "every copy should be completed".to_string());
            }
        }),
        ("0533_s03_filter_and_or_case_sensitive", |c| {
            c.copies("§3", "P1", &[("SP_AND", ""), ("SP_OR", "")]);
            c.copies("§3", "P2", &[("SP_OR", "")]);
            c.copies("§3", "P3", &[("SP_OR", "")]);
            c.copies("§3", "P4", &[]);
            c.routing_failure("§3", "P4", 3 * MIN);
            c.copies("§3", "P5", &[("SP_OR", "")]);
        }),
        ("0534_s03_member_matched_directly_and_via_groups", |c| {
            c.copies("§3", "O1", &[("SP_A", ""), ("SP_A", "SPG"), ("SP_B", "SPG"), ("SP_A", "SPG2")]);
            for (p, v) in [("SP_A", ""), ("SP_A", "SPG"), ("SP_B", "SPG"), ("SP_A", "SPG2")] {
                c.completed_at("C3", "O1", p, v, 0);
            }
            c.copies("§3", "I1", &[("SP_A", "SPG2")]);
        }),
        ("0535_s03_resume_routing_failure_republishes", |c| {
            c.copies("§3", "M1", &[("SP", "")]);
            c.completed_at("§3", "M1", "SP", "", 2 * MIN);
            c.copies("§3", "M2", &[]);
            if c.report.routing_failures.iter().any(|r| r.message == "M2") {
                c.fail("§3", "terminating M2's receive copy should delete its routing failure report".to_string());
            }
        }),
        ("0541_s04_auto_resume_on_port_start", |c| {
            c.attempts("§4", "M1", "SP", "", &[("primary", 10 * MIN, true)]);
            c.attempts("§4", "M2", "SP", "", &[("primary", 10 * MIN, true)]);
            c.completed_at("§4", "M1", "SP", "", 10 * MIN);
            c.completed_at("§4", "M2", "SP", "", 10 * MIN);
            let order: Vec<String> = c
                .sim
                .trace()
                .iter()
                .filter(|e| e.kind == TraceKind::Attempt && e.port.as_deref() == Some("SP"))
                .filter_map(|e| e.message.clone())
                .collect();
            if order != ["M1", "M2"] {
                c.fail("§4", format!("auto-resume should attempt M1 then M2 (publish order), trace has {order:?}"));
            }
            c.status("§4", "M3", "SP_T", "", "suspended-resumable", Some("transport-failure"));
            c.attempts("§4", "M3", "SP_T", "", &[("primary", 2 * MIN, false)]);
        }),
        ("0542_s04_auto_resume_on_group_start", |c| {
            c.attempts("§4", "M1", "SP", "SPG", &[("primary", 10 * MIN, true)]);
            c.completed_at("§4", "M1", "SP", "SPG", 10 * MIN);
            c.status_any_reason("§4", "M2", "SP_S", "SPG2", "suspended-resumable");
            c.attempts("§4", "M2", "SP_S", "SPG2", &[]);
        }),
        ("0543_s04_manual_resume_to_stopped_port", |c| {
            c.attempts("§4", "M1", "SP", "", &[("primary", 10 * MIN, true)]);
            c.completed_at("§4", "M1", "SP", "", 10 * MIN);
            c.port_state("§4", "SP", "stopped");
            c.status("C2", "M2", "SP", "", "suspended-resumable", Some("send-port-stopped"));
        }),
        ("0544_s04_manual_resume_one_message", |c| {
            c.completed_at("§4", "A", "SP", "", 5 * MIN);
            c.status("§4", "B", "SP", "", "suspended-resumable", Some("send-port-stopped"));
        }),
        ("0551_s05_terminate_suspended_and_retrying", |c| {
            for m in ["A", "B"] {
                c.status("§5", m, "SP", "", "terminated", Some("terminated-by-user"));
            }
            c.status("§5", "R", "SP_R", "", "terminated", Some("terminated-by-user"));
            c.attempts("§5", "R", "SP_R", "", &[("primary", 0, false)]);
        }),
        ("0552_s05_terminate_during_attempt", |c| {
            c.status("§5", "M1", "SP", "", "terminated", Some("terminated-by-user"));
            if let Some(i) = c.one("§5", "M1", "SP", "") {
                if i.attempts.len() != 1 || i.attempts[0].ok || i.completed_ms.is_some() {
                    c.fail("§5", format!("one abandoned attempt, never completed; got {:?}", i.attempts));
                }
            }
        }),
        ("0561_s06_retries_then_backup_then_suspended", |c| {
            let (p, b) = ("primary", "backup");
            let want =
                [(p, 0, false), (p, 5 * MIN, false), (p, 10 * MIN, false), (b, 10 * MIN, false), (b, 13 * MIN, false)];
            c.attempts("§6", "M1", "SP", "", &want);
            c.status("§6", "M1", "SP", "", "suspended-resumable", Some("transport-failure"));
        }),
        ("0562_s06_backup_succeeds", |c| {
            let want = [("primary", 0, false), ("primary", 5 * MIN, false), ("backup", 5 * MIN, true)];
            c.attempts("§6", "M1", "SP", "", &want);
            c.completed_at("§6", "M1", "SP", "", 5 * MIN);
        }),
        ("0563_s06_retry_count_zero", |c| {
            c.attempts("§6", "M1", "SP_A", "", &[("primary", 0, false), ("backup", 0, false)]);
            c.status("§6", "M1", "SP_A", "", "suspended-resumable", Some("transport-failure"));
            c.attempts("§6", "M2", "SP_B", "", &[("primary", 0, false)]);
            c.status("§6", "M2", "SP_B", "", "suspended-resumable", Some("transport-failure"));
        }),
        ("0564_s06_retry_interval_zero", |c| {
            c.attempts("§6", "M1", "SP", "", &[("primary", 0, false), ("primary", 0, false), ("primary", 0, false)]);
            c.status("§6", "M1", "SP", "", "suspended-resumable", Some("transport-failure"));
        }),
        ("0565_s06_first_attempts_fail_then_ok", |c| {
            let p = "primary";
            c.attempts("§6", "M1", "SP", "", &[(p, 0, false), (p, MIN, false), (p, 2 * MIN, true)]);
            c.completed_at("§6", "M1", "SP", "", 2 * MIN);
            c.attempts("§6", "M2", "SP", "", &[(p, 10 * MIN, true)]);
        }),
        ("0566_s06_failure_window_with_latency", |c| {
            let spans = [
                (0, MIN, false),
                (6 * MIN, 7 * MIN, false),
                (12 * MIN, 13 * MIN, false),
                (18 * MIN, 19 * MIN, false),
                (24 * MIN, 25 * MIN, true),
            ];
            c.attempt_spans("§6", "M1", "SP", &spans);
            c.completed_at("§6", "M1", "SP", "", 25 * MIN);
        }),
        ("0567_s06_resume_restarts_on_primary", |c| {
            let (p, b) = ("primary", "backup");
            let want =
                [(p, 0, false), (p, 5 * MIN, false), (b, 5 * MIN, false), (p, 25 * MIN, false), (p, 30 * MIN, true)];
            c.attempts("§6", "M1", "SP", "", &want);
            c.completed_at("§6", "M1", "SP", "", 30 * MIN);
        }),
        ("0568_s06_next_message_starts_on_primary", |c| {
            c.attempts("§6", "M1", "SP", "", &[("primary", 0, false), ("backup", 0, true)]);
            c.attempts("§6", "M2", "SP", "", &[("primary", MIN, false), ("backup", MIN, true)]);
            c.completed_at("§6", "M2", "SP", "", MIN);
        }),
        ("0560_s06_failed_message_routed", |c| {
            // SCENARIO.md: `failed-message-routed` is the one completed case with a reason.
            c.status("§6", "M1", "SP_A", "", "completed", Some("failed-message-routed"));
            c.completed_at("§6", "M1", "SP_A", "", MIN);
            c.attempts("§6", "M1", "SP_A", "", &[("primary", 0, false), ("primary", MIN, false)]);
            c.completed_at("§6", "M1.failed", "SP_Err", "", MIN);
            c.status("§6", "M2", "SP_A", "", "completed", Some("failed-message-routed"));
            c.completed_at("§6", "M2", "SP_A", "", 3 * MIN);
            c.completed_at("§6", "M2.failed", "SP_Err", "", 3 * MIN);
            c.message_names("§6", &["M1", "M1.failed", "M2", "M2.failed"]);
            // Two injected messages and their two derived `.failed` messages.
            c.messages_total("§6", 4);
            c.routing_failures("§6", 0);
        }),
        ("0569_s06_failed_message_routing", |c| {
            let err: Vec<InstanceReport> = c.report.instances.iter().filter(|i| i.port == "SP_Err").cloned().collect();
            if err.len() != 1 || err[0].status != "completed" {
                c.fail(
                    "§6",
                    format!("SP_A's routed error message should give one completed SP_Err instance, got {err:?}"),
                );
            }
            c.status("§6", "FA", "SP_A", "", "completed", Some("failed-message-routed"));
            c.completed_at("§6", "FA", "SP_A", "", 0);
            c.status("§6", "FB", "SP_B", "", "suspended-resumable", Some("transport-failure"));
            c.routing_failure("§6", "FB.failed", MIN);
            c.routing_failures("§6", 1);
        }),
        ("0571_s07_ordered_without_stop_on_failure", |c| {
            c.attempts("§7", "A", "SP", "", &[("primary", 0, false), ("primary", MIN, false)]);
            c.status_any_reason("§7", "A", "SP", "", "suspended-not-resumable");
            c.attempts("§7", "B", "SP", "", &[("primary", MIN, true)]);
            c.attempts("§7", "C", "SP", "", &[("primary", MIN, true)]);
            c.completed_at("§7", "B", "SP", "", MIN);
            c.completed_at("§7", "C", "SP", "", MIN);
            let shared: Vec<Option<u64>> = c.report.instances.iter().map(|i| i.service_instance).collect();
            if shared.len() != 3 || shared[0].is_none() || shared.iter().any(|s| *s != shared[0]) {
                c.fail("§7", format!("A, B, C should share one serviceInstance, got {shared:?}"));
            }
            attempt_order(c, "SP", &["A", "A", "B", "C"]);
        }),
        ("0572_s07_ordered_stop_on_failure", |c| {
            let p = "primary";
            c.attempts("§7", "A", "SP", "", &[(p, 0, false), (p, MIN, false), (p, 10 * MIN, true)]);
            for m in ["A", "B", "C", "D"] {
                c.completed_at("§7", m, "SP", "", 10 * MIN);
            }
            for m in ["B", "C", "D"] {
                c.attempts("§7", m, "SP", "", &[(p, 10 * MIN, true)]);
            }
            attempt_order(c, "SP", &["A", "A", "A", "B", "C", "D"]);
        }),
        ("0573_s07_ordered_backup_ignored", |c| {
            if !c.report.warnings.iter().any(|w| w.path.starts_with("/sendPorts/0/backup")) {
                let w = format!("{:?}", c.report.warnings);
                c.fail("§7", format!("expected a warning at /sendPorts/0/backup, got {w}"));
            }
            c.attempts("§7", "A", "SP", "", &[("primary", 0, false)]);
            c.status_any_reason("§7", "A", "SP", "", "suspended-not-resumable");
        }),
        ("0574_s07_ordered_head_of_line_retry", |c| {
            c.attempts("§7", "A", "SP", "", &[("primary", 0, false), ("primary", 5 * MIN, true)]);
            c.attempts("§7", "B", "SP", "", &[("primary", 5 * MIN, true)]);
            c.completed_at("§7", "B", "SP", "", 5 * MIN);
            attempt_order(c, "SP", &["A", "A", "B"]);
        }),
        ("0581_s08_service_window_opens_later", |c| {
            c.attempts("§8", "A", "SP", "", &[("primary", HOUR, true)]);
            c.attempts("§8", "C", "SP", "", &[("primary", 25 * HOUR, true)]);
            c.attempts("§8", "B", "SP", "", &[("primary", 25 * HOUR, true)]);
        }),
        ("0582_s08_service_window_across_midnight", |c| {
            c.attempts("§8", "A", "SP", "", &[("primary", 2 * HOUR, true)]);
            c.attempts("§8", "B", "SP", "", &[("primary", 5 * HOUR, true)]);
            c.attempts("§8", "C", "SP", "", &[("primary", 26 * HOUR, true)]);
        }),
        ("0583_s08_retry_waits_for_window", |c| {
            c.attempts("§8", "A", "SP", "", &[("primary", 30 * MIN, false), ("primary", 24 * HOUR, true)]);
            c.completed_at("§8", "A", "SP", "", 24 * HOUR);
        }),
        ("0584_s08_stopped_beats_window", |c| {
            c.status("§8", "A", "SP", "", "suspended-resumable", Some("send-port-stopped"));
            c.attempts("§8", "A", "SP", "", &[]);
        }),
        ("0585_s08_window_start_equals_stop", |c| {
            c.attempts("§8", "A", "SP", "", &[("primary", 0, true)]);
        }),
        ("0591_s09_solicit_response_with_subscriber", |c| {
            c.completed_at("§9", "Q", "SP_Req", "", 0);
            let resp: Vec<InstanceReport> =
                c.report.instances.iter().filter(|i| i.port == "SP_Resp").cloned().collect();
            if resp.len() != 1 || resp[0].status != "completed" || resp[0].message == "Q" {
                c.fail("§9", format!("the response should be a new message completed on SP_Resp, got {resp:?}"));
            }
            c.routing_failures("§9", 0);
        }),
        ("0592_s09_solicit_response_without_subscriber", |c| {
            c.status("§9", "Q", "SP_Req", "", "suspended-resumable", Some("response-not-routed"));
            c.attempts("§9", "Q", "SP_Req", "", &[("primary", 0, true)]);
            c.response_routing_failure("§9", "Q.response", 0);
            let ok = c.report.routing_failures.len() == 1 && c.report.routing_failures[0].response;
            if !ok {
                let rf = format!("{:?}", c.report.routing_failures);
                c.fail("§9", format!("expected one routing failure with response true, got {rf}"));
            }
        }),
        ("0594_s09_response_not_routed", |c| {
            // M1's first exchange: transmitted (ok) at 0, response unroutable at 1s; resumed at 3m.
            c.attempts("§9", "M1", "SP_Req", "", &[("primary", 0, true), ("primary", 3 * MIN, true)]);
            c.completed_at("§9", "M1", "SP_Req", "", 3 * MIN + 1000);
            c.response_routing_failure("§9", "M1.response", 1000);
            c.routing_failures("§9", 1);
            // The response takes no Mn number: the next published message is M2.
            c.completed_at("§9", "M2", "SP_Req", "", 2 * MIN + 1000);
            c.completed_at("§9", "M2.response", "SP_Archive", "", 2 * MIN + 1000);
            c.completed_at("§9", "M1.response", "SP_Archive", "", 3 * MIN + 1000);
            c.message_names("§9", &["M1", "M2", "M2.response", "M1.response"]);
        }),
        ("0593_s09_dynamic_solicit_response", |c| {
            c.completed_at("§9", "Q", "DSR", "", 0);
            if c.count_on_port("SP_Resp") != 1 {
                c.fail("§9", "the response should reach SP_Resp once".to_string());
            }
            c.routing_failures("§9", 0);
        }),
        ("0601_s10_priority_same_host", |c| {
            let first = c.sim.trace().iter().find(|e| e.kind == TraceKind::Attempt).and_then(|e| e.port.clone());
            if first.as_deref() != Some("SP_High") {
                c.fail("§10", format!("priority 1 should be dispatched first, first attempt is on {first:?}"));
            }
            c.completed_at("§10", "M1", "SP_High", "", 0);
            c.completed_at("§10", "M1", "SP_Low", "", 0);
        }),
        ("0611_s11_send_handler_host", |c| {
            c.status("§11", "A", "SP_A", "", "suspended-resumable", Some("send-port-stopped"));
            let hosts: Vec<(String, String)> =
                c.sim.instances().iter().map(|i| (i.message.clone(), i.host.clone())).collect();
            let want =
                [("A".to_string(), "Host_B".to_string()), ("C".to_string(), "BizTalkServerApplication".to_string())];
            if hosts != want {
                c.fail("§11", format!("instance hosts expected {want:?}, got {hosts:?}"));
            }
        }),
        ("0621_s12_resume_all", |c| {
            c.completed_at("§12", "A", "SP_A", "", 10 * MIN);
            c.completed_at("§12", "B", "SP_B", "", 10 * MIN);
            c.port_state("§4", "SP_A", "stopped");
        }),
        ("0622_s12_resume_port_bulk", |c| {
            c.completed_at("§12", "A", "SP_A", "", 10 * MIN);
            c.status("§12", "B", "SP_B", "", "suspended-resumable", Some("send-port-stopped"));
        }),
    ]
}

/// The order of attempt trace lines on one port, by message.
fn attempt_order(c: &mut Ctx, port: &str, want: &[&str]) {
    let got: Vec<String> = c
        .sim
        .trace()
        .iter()
        .filter(|e| e.kind == TraceKind::Attempt && e.port.as_deref() == Some(port))
        .filter_map(|e| e.message.clone())
        .collect();
    if got != want {
        c.fail("§7", format!("attempt order on {port} expected {want:?}, got {got:?}"));
    }
}

/// Intermediate states (`run_until`), for the outcomes that do not survive to the end.
fn intermediate_checks() -> Vec<(&'static str, u64, Check)> {
    vec![
        ("0203_G3_unenlist_port_with_retrying_instance", 2 * MIN, |c| {
            c.status_any_reason("§6", "M1", "SP", "", "scheduled");
        }),
        ("0307_C4_port_and_group_stopped_port_wins", 30_000, |c| {
            c.status("C4", "M1", "SP", "SPG", "suspended-resumable", Some("send-port-stopped"));
        }),
        ("0307_C4_port_and_group_stopped_port_wins", 150_000, |c| {
            c.status("§4", "M1", "SP", "SPG", "suspended-resumable", Some("send-port-group-stopped"));
            c.status("C5", "M2", "SP", "SPG", "suspended-resumable", Some("send-port-group-stopped"));
        }),
        ("0506_s01_unknown_transport", 4 * MIN, |c| {
            c.status("§1", "M1", "DP", "", "suspended-resumable", Some("unknown-transport"));
        }),
        ("0594_s09_response_not_routed", 150_000, |c| {
            c.status("§9", "M1", "SP_Req", "", "suspended-resumable", Some("response-not-routed"));
            c.attempts("§9", "M1", "SP_Req", "", &[("primary", 0, true)]);
        }),
        ("0541_s04_auto_resume_on_port_start", 5 * MIN, |c| {
            c.status("C2", "M1", "SP", "", "suspended-resumable", Some("send-port-stopped"));
            c.status("C2", "M2", "SP", "", "suspended-resumable", Some("send-port-stopped"));
        }),
        ("0542_s04_auto_resume_on_group_start", 5 * MIN, |c| {
            c.status("C5", "M1", "SP", "SPG", "suspended-resumable", Some("send-port-group-stopped"));
        }),
        ("0551_s05_terminate_suspended_and_retrying", 90_000, |c| {
            c.status("§5", "A", "SP", "", "terminated", Some("terminated-by-user"));
            c.status("C2", "B", "SP", "", "suspended-resumable", Some("send-port-stopped"));
            c.status_any_reason("§6", "R", "SP_R", "", "scheduled");
        }),
        ("0567_s06_resume_restarts_on_primary", 20 * MIN, |c| {
            c.status("§6", "M1", "SP", "", "suspended-resumable", Some("transport-failure"));
        }),
        ("0572_s07_ordered_stop_on_failure", 9 * MIN, |c| {
            c.status_any_reason("§7", "A", "SP", "", "suspended-resumable");
            for m in ["B", "C", "D"] {
                c.attempts("§7", m, "SP", "", &[]);
                if c.matching(m, "SP", "").iter().any(|i| i.status == "completed") {
                    c.fail("§7", format!("{m} must wait behind the suspended head"));
                }
            }
        }),
        ("0574_s07_ordered_head_of_line_retry", 2 * MIN, |c| {
            c.attempts("§7", "B", "SP", "", &[]);
        }),
        ("0535_s03_resume_routing_failure_republishes", 90_000, |c| {
            c.routing_failure("§3", "M1", 0);
            c.copies("§3", "M1", &[]);
        }),
        ("0535_s03_resume_routing_failure_republishes", 210_000, |c| {
            c.routing_failure("§3", "M2", 3 * MIN);
        }),
        ("0552_s05_terminate_during_attempt", MIN, |c| {
            c.status_any_reason("§5", "M1", "SP", "", "active");
        }),
        ("0581_s08_service_window_opens_later", 30 * MIN, |c| {
            c.status_any_reason("§8", "A", "SP", "", "scheduled");
        }),
    ]
}

/// `(stem, message, port, rule)`: the explanation of that instance must cite the rule.
fn explain_checks() -> Vec<(&'static str, &'static str, &'static str, &'static str)> {
    vec![
        ("0301_C1_direct_to_started_port", "M1", "SP", "C1"),
        ("0302_C2_direct_to_stopped_port", "M1", "SP", "C2"),
        ("0303_C3_group_started_port_started", "M1", "SP", "C3"),
        ("0304_C4_group_started_port_stopped", "M1", "SP_A", "C4"),
        ("0305_C5_group_stopped_port_started", "M1", "SP", "C5"),
        ("0307_C4_port_and_group_stopped_port_wins", "M1", "SP", "C4"),
        ("0502_s01_dynamic_port_without_address", "M1", "DP", "§1"),
        ("0506_s01_unknown_transport", "M2", "DP", "§1"),
        ("0560_s06_failed_message_routed", "M1", "SP_A", "§6"),
        ("0594_s09_response_not_routed", "M1", "SP_Req", "§9"),
        ("0541_s04_auto_resume_on_port_start", "M1", "SP", "§4"),
        ("0551_s05_terminate_suspended_and_retrying", "A", "SP", "§5"),
        ("0561_s06_retries_then_backup_then_suspended", "M1", "SP", "§6"),
        ("0571_s07_ordered_without_stop_on_failure", "A", "SP", "§7"),
        ("0581_s08_service_window_opens_later", "A", "SP", "§8"),
        ("0592_s09_solicit_response_without_subscriber", "Q", "SP_Req", "§9"),
    ]
}

/// `(stem, [(path prefix, kind code)])`: every listed error must be reported (`a|b` = either kind).
fn invalid_checks() -> Vec<(&'static str, Vec<(&'static str, &'static str)>)> {
    vec![
        ("0901_invalid_retry_count_1001", vec![("/sendPorts/0/primary/retryCount", "out-of-range")]),
        ("0902_invalid_negative_interval", vec![("/sendPorts/0/primary/retryInterval", "out-of-range|invalid-value")]),
        ("0903_invalid_unitless_interval", vec![("/sendPorts/0/primary/retryInterval", "invalid-value")]),
        ("0904_invalid_group_missing_port", vec![("/sendPortGroups/0/members", "unknown-reference")]),
        ("0905_invalid_backup_on_dynamic", vec![("/sendPorts/0/backup", "not-allowed")]),
        ("0906_invalid_file_on_solicit_response", vec![("/sendPorts/0/primary", "not-allowed")]),
        ("0907_invalid_duplicate_names", vec![("/sendPorts/1", "duplicate")]),
        ("0908_invalid_unknown_field", vec![("/sendPorts/0", "unknown-field")]),
        ("0909_invalid_unknown_format", vec![("", "unknown-format")]),
        ("0910_invalid_G4_dynamic_member", vec![("/sendPortGroups/0/members", "not-allowed")]),
        ("0911_invalid_G4_solicit_response_member", vec![("/sendPortGroups/0/members", "not-allowed")]),
        ("0912_invalid_G1_started_group_without_enlisted_member", vec![("/sendPortGroups/0", "not-allowed")]),
        ("0913_invalid_stop_on_failure_without_ordered", vec![("/sendPorts/0/stopOnFailure", "not-allowed")]),
        ("0914_invalid_priority_out_of_range", vec![("/sendPorts/0/priority", "out-of-range")]),
        ("0915_invalid_retry_interval_too_large", vec![("/sendPorts/0/primary/retryInterval", "out-of-range")]),
        (
            "0916_invalid_every_error_reported",
            vec![("/sendPorts/0/primary/retryCount", "out-of-range"), ("/sendPorts/1/priority", "out-of-range")],
        ),
    ]
}

fn check_invalid(stem: &str, want: &[(&str, &str)]) -> Vec<String> {
    let path = scenarios_dir().join(format!("{stem}.json"));
    let Ok(text) = fs::read_to_string(&path) else { return vec![format!("[{stem}] missing scenario file")] };
    let errors: LoadError = match load_scenario(&text) {
        Ok(_) => return vec![format!("[{stem}] loaded, but it is invalid")],
        Err(e) => e,
    };
    want.iter()
        .filter(|(prefix, kinds)| {
            !errors.errors.iter().any(|e| e.path.starts_with(prefix) && kinds.split('|').any(|k| k == e.kind.code()))
        })
        .map(|(prefix, kind)| format!("[{stem}] expected a {kind} error at {prefix:?}…; got:\n{errors}"))
        .collect()
}

#[test]
fn golden_expectations() {
    let mut errs: Vec<String> = Vec::new();
    let mut failing: Vec<&str> = Vec::new();
    for (stem, check) in checks() {
        let before = errs.len();
        match Ctx::run(stem) {
            Ok(mut c) => {
                check(&mut c);
                errs.append(&mut c.errs);
            }
            Err(e) => errs.push(e),
        }
        if errs.len() > before {
            failing.push(stem);
        }
    }
    for (stem, t, check) in intermediate_checks() {
        let before = errs.len();
        match Ctx::run_until(stem, t) {
            Ok(mut c) => {
                check(&mut c);
                errs.append(&mut c.errs);
            }
            Err(e) => errs.push(e),
        }
        if errs.len() > before && !failing.contains(&stem) {
            failing.push(stem);
        }
    }
    for (stem, msg, port, rule) in explain_checks() {
        match Ctx::run(stem) {
            Ok(c) => {
                let inst = c.sim.instances().iter().find(|i| i.message == msg && i.port == port);
                let steps = inst.map(|i| c.sim.explain(i.id)).unwrap_or_default();
                if !steps.iter().any(|st| st.rule == rule) {
                    let got: Vec<&str> = steps.iter().map(|st| st.rule.as_str()).collect();
                    errs.push(format!("[{stem}] ({rule}) explain({msg}@{port}) should cite {rule}, cites {got:?}"));
                    if !failing.contains(&stem) {
                        failing.push(stem);
                    }
                }
            }
            Err(e) => errs.push(e),
        }
    }
    for (stem, want) in invalid_checks() {
        let found = check_invalid(stem, &want);
        if !found.is_empty() {
            failing.push(stem);
        }
        errs.extend(found);
    }
    assert!(
        errs.is_empty(),
        "{} expectation(s) from SEMANTICS.md failed in {} scenario(s) {failing:?}:\n{}\n(see /work/notes/engine-bugs.md)",
        errs.len(),
        failing.len(),
        errs.join("\n")
    );
}

#[test]
fn golden_expectations_cover_every_scenario() {
    let covered: Vec<&str> = checks().iter().map(|(s, _)| *s).chain(invalid_checks().iter().map(|(s, _)| *s)).collect();
    let files = crate::golden::scenario_files(&scenarios_dir());
    let missing: Vec<String> = files
        .iter()
        .map(|p| crate::golden::stem(p))
        .filter(|s| !s.starts_with("0000_") && !covered.contains(&s.as_str()))
        .collect();
    assert!(missing.is_empty(), "golden scenarios without hand-written expectations: {missing:?}");
    for s in &covered {
        assert!(scenarios_dir().join(format!("{s}.json")).exists(), "expectation for a missing file {s}");
        assert_eq!(is_invalid(s), invalid_checks().iter().any(|(i, _)| i == s), "{s}: invalid naming");
    }
}
