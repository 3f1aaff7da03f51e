//! Per-port outcome counts in one pass (`portsim run --summary`, SCENARIO.md "CLI"): no
//! instance list and no trace are needed, so a summary run can switch trace recording off.

use super::super::outcome::InstanceStatus;
use super::super::view::PortTotals;
use super::Simulation;

impl Simulation {
    /// Every send port of the scenario, in scenario order, with its instances counted by §5
    /// status and the attempts they made. The sums over the ports equal the report's `totals`
    /// (`instances`, the statuses and `attempts`). O(instances), one sequential pass.
    pub fn port_totals(&self) -> Vec<PortTotals> {
        let mut out: Vec<PortTotals> = self
            .scenario
            .ports
            .iter()
            .zip(&self.ports)
            .map(|(cfg, rt)| PortTotals {
                name: cfg.name.clone(),
                state: rt.state.code(),
                // §6: each attempt is one `AttemptStart` fact, counted when it was recorded.
                attempts: rt.attempts,
                ..PortTotals::default()
            })
            .collect();
        for inst in &self.insts {
            let Some(t) = out.get_mut(inst.port as usize) else { continue };
            t.instances += 1;
            match inst.status {
                InstanceStatus::Active | InstanceStatus::Scheduled => t.active += 1,
                InstanceStatus::SuspendedResumable => t.suspended_resumable += 1,
                InstanceStatus::SuspendedNotResumable => t.suspended_not_resumable += 1,
                InstanceStatus::Completed => t.completed += 1,
                InstanceStatus::Terminated => t.terminated += 1,
            }
        }
        out
    }
}
