//! Per-port outcome counts in one pass (`portsim run --summary`, SCENARIO.md "CLI"): no
//! instance list and no trace are needed, so a summary run can switch trace recording off.

use super::super::instance::NONE;
use super::super::note::Note;
use super::super::outcome::InstanceStatus;
use super::super::view::PortTotals;
use super::Simulation;

impl Simulation {
    /// Every send port of the scenario, in scenario order, with its instances counted by §5
    /// status and the attempts they made. The sums over the ports equal the report's `totals`
    /// (`instances`, the statuses and `attempts`). O(instances + facts).
    pub fn port_totals(&self) -> Vec<PortTotals> {
        let mut out: Vec<PortTotals> = self
            .scenario
            .ports
            .iter()
            .zip(&self.ports)
            .map(|(cfg, rt)| PortTotals { name: cfg.name.clone(), state: rt.state.code(), ..PortTotals::default() })
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
            // §6: each attempt is one `AttemptStart` fact on the instance's chain.
            let mut f = inst.last_fact;
            while f != NONE {
                let fact = &self.facts[f as usize];
                if matches!(fact.note, Note::AttemptStart { .. }) {
                    t.attempts += 1;
                }
                f = fact.prev;
            }
        }
        out
    }
}
