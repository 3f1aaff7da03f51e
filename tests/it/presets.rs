//! Each preset shows what its description promises: the outcome of every message copy (status,
//! reason, attempts as P = primary / B = backup), routing failures and refused actions, as the
//! engine reports them at the end of the run. A preset that stops demonstrating its rule fails here.

use portsim::engine::report::Report;
use portsim::engine::{load_scenario, Simulation};

fn report_of(id: &str) -> Report {
    let preset = portsim::presets::by_id(id).unwrap_or_else(|| panic!("no preset {id}"));
    let scenario = load_scenario(preset.json()).unwrap_or_else(|e| panic!("preset {id}: {e:?}"));
    let mut sim = Simulation::new(&scenario);
    sim.run_to_end();
    sim.report()
}

/// One line per instance, routing failure and rejected action.
fn summary(report: &Report, with_reasons: bool) -> Vec<String> {
    let mut lines = Vec::new();
    for i in &report.instances {
        let via = i.via.as_ref().map(|g| format!(" via {g}")).unwrap_or_default();
        let reason = match (&i.reason, with_reasons) {
            (Some(r), true) => format!(" ({r})"),
            _ => String::new(),
        };
        let attempts: String = i.attempts.iter().map(|a| if a.transport == "primary" { 'P' } else { 'B' }).collect();
        lines.push(format!("{} {}{via}: {}{reason} {attempts}", i.message, i.port, i.status).trim_end().to_string());
    }
    for rf in &report.routing_failures {
        lines.push(format!("routing failure {}{}", rf.message, if rf.response { " (response)" } else { "" }));
    }
    for ra in &report.rejected_actions {
        let target = ra.port.as_deref().or(ra.group.as_deref()).unwrap_or("?");
        lines.push(format!("rejected {} {target} from {}: {}", ra.action, ra.state, ra.reason));
    }
    lines
}

fn check(id: &str, expected: &[&str]) {
    check_with(id, true, expected);
}

fn check_with(id: &str, with_reasons: bool, expected: &[&str]) {
    let got = summary(&report_of(id), with_reasons);
    assert_eq!(got, expected, "preset {id} no longer shows what its description says:\n{}", got.join("\n"));
}

#[test]
fn lifecycle_table_tries_every_cell() {
    check(
        "lifecycle_table",
        &[
            "WhileStopped SP_Life: completed P",
            "WhileStarted SP_Life: completed P",
            "routing failure WhileBound",
            "rejected stop SP_Life from bound: not-available",
            "rejected unenlist SP_Life from bound: not-available",
            "rejected enlist SP_Life from stopped: not-available",
            "rejected stop SP_Life from stopped: not-available",
            "rejected start SP_Life from started: not-available",
            "rejected enlist SP_Life from started: not-available",
        ],
    );
    let report = report_of("lifecycle_table");
    assert_eq!(report.ports.iter().map(|p| p.state.as_str()).collect::<Vec<_>>(), ["bound"]);
}

#[test]
fn group_guards_refuse_g1_g2_g3() {
    check(
        "group_guards",
        &[
            "BusyOrder SP_Busy: suspended-resumable (transport-failure) PPPP",
            "rejected start SPG_Pair from bound: no-enlisted-member",
            "rejected unenlist SP_A from stopped: last-enlisted-member",
            "rejected stop SPG_Pair from stopped: not-available",
            "rejected unenlist SP_Busy from started: has-instances",
        ],
    );
}

#[test]
fn combined_state_has_one_message_per_row() {
    check(
        "combined_state",
        &[
            "C1 SP_Started: completed P",
            "C2 SP_Stopped: suspended-resumable (send-port-stopped)",
            "C3_C4_C6 SP_Started via SPG_Started: completed P",
            "C3_C4_C6 SP_Stopped via SPG_Started: suspended-resumable (send-port-stopped)",
            "C5 SP_Started via SPG_Stopped: suspended-resumable (send-port-group-stopped)",
            "routing failure C6_direct",
        ],
    );
}

#[test]
fn backup_transport_retries_fails_over_then_suspends() {
    check(
        "backup_transport",
        &["M1 SP_Orders: suspended-resumable (transport-failure) PPPBB", "M2 SP_Orders: completed PPPB"],
    );
    let report = report_of("backup_transport");
    let m1: Vec<(u64, &str)> =
        report.instances[0].attempts.iter().map(|a| (a.start_ms / 60_000, a.transport.code())).collect();
    assert_eq!(m1, [(0, "primary"), (5, "primary"), (10, "primary"), (10, "backup"), (11, "backup")]);
}

#[test]
fn dynamic_port_with_and_without_an_address() {
    check(
        "dynamic_port",
        &[
            "WithAddress SP_Dynamic: completed P",
            "NoAddress SP_Dynamic: suspended-resumable (no-transport-location)",
            "ContextRetry SP_Dynamic: completed PP",
        ],
    );
}

#[test]
fn solicit_response_without_subscriber_is_a_routing_failure() {
    check(
        "solicit_response",
        &[
            "QuoteRequest SP_Quote: completed P",
            "QuoteRequest.response SP_QuoteArchive: completed P",
            "PriceRequest SP_Price: suspended-resumable (response-not-routed) P",
            "routing failure PriceRequest.response (response)",
        ],
    );
}

#[test]
fn ordered_delivery_with_and_without_stop_on_failure() {
    check(
        "ordered_delivery",
        &[
            "M1 SP_Ordered_Stop: suspended-resumable (transport-failure) PP",
            "M1 SP_Ordered_Gaps: suspended-not-resumable (transport-failure) PP",
            "M2 SP_Ordered_Stop: suspended-resumable (ordered-delivery-blocked)",
            "M2 SP_Ordered_Gaps: completed P",
            "M3 SP_Ordered_Stop: suspended-resumable (ordered-delivery-blocked)",
            "M3 SP_Ordered_Gaps: completed P",
        ],
    );
    let report = report_of("ordered_delivery");
    assert_eq!(report.warnings.len(), 1, "the backup on the ordered port is ignored with a warning");
    assert_eq!(report.warnings[0].path, "/sendPorts/0/backup");
}

#[test]
fn service_window_schedules_messages_outside_it() {
    check(
        "service_window",
        &["Early SP_Batch: completed PP", "InWindow SP_Batch: completed P", "Late SP_Batch: scheduled"],
    );
    let report = report_of("service_window");
    let early = &report.instances[0];
    assert_eq!(early.attempts[0].start_ms, 30 * 60_000, "Early waits for 08:00");
}

#[test]
fn group_member_with_own_filter_gets_two_copies() {
    check(
        "group_and_own_filter",
        &[
            "Order1 SP_Audit: completed P",
            "Order1 SP_Audit via SPG_Partners: completed P",
            "Order1 SP_Ship via SPG_Partners: completed P",
            "routing failure Stray",
        ],
    );
}

#[test]
fn stopped_bound_and_broadcast_presets_start_unsolved() {
    check(
        "stopped_port",
        &[
            "M1 SP_Invoices: suspended-resumable (send-port-stopped)",
            "M2 SP_Invoices: suspended-resumable (send-port-stopped)",
            "M3 SP_Invoices: suspended-resumable (send-port-stopped)",
        ],
    );
    check("bound_port", &["routing failure Order1"]);
    check("hold_for_maintenance", &["M1 SP_Partner: completed P", "M2 SP_Partner: completed P"]);
    check(
        "partner_broadcast",
        &[
            "Broadcast SP_A via SPG_Partners: suspended-resumable (send-port-group-stopped)",
            "Broadcast SP_B via SPG_Partners: suspended-resumable (send-port-stopped)",
        ],
    );
}

#[test]
fn only_the_ordered_delivery_preset_has_a_configuration_warning() {
    for preset in portsim::presets::all() {
        let scenario = load_scenario(preset.json()).unwrap_or_else(|e| panic!("preset {}: {e:?}", preset.id));
        let expected = usize::from(preset.id == "ordered_delivery");
        assert_eq!(scenario.warnings.len(), expected, "preset {}: {:?}", preset.id, scenario.warnings);
    }
}
