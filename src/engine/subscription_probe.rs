//! Which subscriptions a message published now would reach (§3, C1–C6), without publishing it:
//! the Inject panel warns before a publish that would be a routing failure.

use super::context::Context;
use super::message_box::{filter_candidates, live_copies};
use super::simulation::Simulation;

impl Simulation {
    /// The `(port, group)` copies a message with `context` published now would get (§3: every
    /// enlisted port whose own filter matches, and every enlisted member of each enlisted group
    /// whose filter matches), by name; empty means a routing failure.
    pub fn subscribers_now(&self, context: &Context) -> Vec<(String, Option<String>)> {
        let candidates = filter_candidates(
            self.scenario.ports.iter().map(|p| &p.filter),
            self.scenario.groups.iter().zip(&self.groups).map(|(c, g)| (&c.filter, g.members.as_slice())),
            context,
        );
        let mut copies = Vec::new();
        live_copies(&candidates, |p| self.ports[p as usize].state, |g| self.groups[g as usize].state, &mut copies);
        copies
            .into_iter()
            .map(|(p, g)| {
                let port = self.scenario.ports[p as usize].name.clone();
                let group = self.scenario.groups.get(g as usize).map(|c| c.name.clone());
                (port, group)
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use crate::engine::context::{Context, ContextValue};
    use crate::engine::{load_scenario, Simulation};

    #[test]
    fn subscribers_follow_filters_and_enlistment() {
        let Ok(scenario) = load_scenario(
            r#"{"format":"portsim-scenario/1","sendPorts":[{"name":"SP","kind":"static-one-way","state":"started",
              "filter":[[{"property":"BTS.ReceivePortName","operator":"==","value":"RP"}]],
              "primary":{"transport":"FILE","address":"C:\\out"}}]}"#,
        ) else {
            panic!("fixture must load")
        };
        let sim = Simulation::new(&scenario);
        let mut ctx = Context::new();
        ctx.insert("BTS.ReceivePortName".into(), ContextValue::Str("RP".into()));
        assert_eq!(sim.subscribers_now(&ctx), [("SP".to_string(), None)]);
        ctx.insert("BTS.ReceivePortName".into(), ContextValue::Str("Other".into()));
        assert!(sim.subscribers_now(&ctx).is_empty(), "a routing failure");
    }
}
