//! Validation of the optional `limits` object, and the up-front warning about self-feeding
//! subscriptions (issue 9 §4).
//!
//! ```text
//!  limits: {maxInstances, maxEvents, maxMemoryMb}   integers 1 – 10^12, each optional
//!  S ──response──▶ Q   when Q is solicit-response and Q's filter matches a response of S (§9:
//!                      the endpoint's `response` context plus BTS.SPName = S)
//!  a cycle S → … → S   ⇒ warning on /sendPorts/S/filter: each response is taken again, and the
//!                      instances multiply until the derived-depth guard or a work limit stops them
//! ```

use super::json_walk::{index, join};
use super::spec::LimitsSpec;
use super::validate::Checker;
use crate::engine::context::{props, Context, ContextValue};
use crate::engine::filter::filter_matches;
use crate::engine::limits::{Limits, MAX_LIMIT_VALUE};
use crate::engine::model::{EndpointConfig, PortConfig};

const RULE: &str = "a limit must be an integer from 1 to 1000000000000";

/// The run's limits: the defaults, replaced field by field by the scenario's `limits`.
pub(super) fn limits(c: &mut Checker, spec: Option<&LimitsSpec>) -> Limits {
    let mut out = Limits::default();
    let Some(spec) = spec else { return out };
    let max = MAX_LIMIT_VALUE as i64;
    let mut field = |name: &str, value: Option<i64>, default: u64| -> u64 {
        c.int_in(&join("/limits", name), value, default as i64, 1, max, RULE) as u64
    };
    out.max_instances = field("maxInstances", spec.max_instances, out.max_instances);
    out.max_events = field("maxEvents", spec.max_events, out.max_events);
    out.max_memory_mb = field("maxMemoryMb", spec.max_memory_mb, out.max_memory_mb);
    out
}

/// Warns once per cycle of solicit-response ports that take each other's (or their own)
/// responses. Runs in O(k² · contexts) filter checks for k solicit-response ports.
pub(super) fn warn_self_feeding(c: &mut Checker, ports: &[PortConfig], endpoints: &[EndpointConfig]) {
    let sr: Vec<usize> = (0..ports.len()).filter(|&p| ports[p].kind.is_solicit_response()).collect();
    if sr.is_empty() || sr.len() > 2_000 {
        return;
    }
    let edges: Vec<Vec<usize>> = sr
        .iter()
        .map(|&s| {
            let contexts = response_contexts(&ports[s], endpoints);
            (0..sr.len()).filter(|&q| contexts.iter().any(|ctx| filter_matches(&ports[sr[q]].filter, ctx))).collect()
        })
        .collect();
    for component in cycles(&edges) {
        let names = crate::engine::sort_key::sorted_names(component.iter().map(|&k| ports[sr[k]].name.as_str()));
        let first = component.iter().map(|&k| sr[k]).min().unwrap_or(0);
        let message = if names.len() == 1 {
            format!(
                "the responses of solicit-response port {} match its own filter (§9): each response is \
                 delivered to it again, so instances multiply until a work limit stops the run",
                names[0]
            )
        } else {
            format!(
                "the responses of solicit-response ports {} match each other's filters (§9): each response is \
                 delivered to another of them, so instances multiply until a work limit stops the run",
                names.join(", ")
            )
        };
        c.warn(join(&index("/sendPorts", first), "filter"), message);
    }
}

/// §9: the contexts a port's responses can carry: its endpoints' `response` plus `BTS.SPName`.
/// A dynamic port's endpoint depends on the message, so every endpoint (and none) is possible.
fn response_contexts(port: &PortConfig, endpoints: &[EndpointConfig]) -> Vec<Context> {
    let response_of = |address: &str| endpoints.iter().find(|e| e.address == address).map(|e| e.response.clone());
    let mut out: Vec<Context> = if port.kind.is_dynamic() {
        endpoints.iter().map(|e| e.response.clone()).chain(std::iter::once(Context::new())).collect()
    } else {
        [&port.primary, &port.backup]
            .into_iter()
            .flatten()
            .map(|t| response_of(&t.address).unwrap_or_default())
            .collect()
    };
    for ctx in &mut out {
        ctx.insert(props::SP_NAME.to_string(), ContextValue::Str(port.name.clone()));
    }
    out
}

/// The strongly connected components of `edges` that hold a cycle (more than one node, or one
/// node with an edge to itself), each listed once, in order of their smallest node. Iterative
/// Kosaraju: O(nodes + edges), no recursion.
fn cycles(edges: &[Vec<usize>]) -> Vec<Vec<usize>> {
    let n = edges.len();
    let mut order = Vec::with_capacity(n);
    let mut seen = vec![false; n];
    for start in 0..n {
        if seen[start] {
            continue;
        }
        seen[start] = true;
        let mut stack = vec![(start, 0usize)];
        while let Some((v, i)) = stack.pop() {
            if let Some(&w) = edges[v].get(i) {
                stack.push((v, i + 1));
                if !seen[w] {
                    seen[w] = true;
                    stack.push((w, 0));
                }
            } else {
                order.push(v);
            }
        }
    }
    let mut reverse = vec![Vec::new(); n];
    for (v, out) in edges.iter().enumerate() {
        for &w in out {
            reverse[w].push(v);
        }
    }
    let mut comp = vec![usize::MAX; n];
    let mut out = Vec::new();
    for &root in order.iter().rev() {
        if comp[root] != usize::MAX {
            continue;
        }
        let id = out.len();
        let mut members = vec![root];
        comp[root] = id;
        let mut k = 0;
        while k < members.len() {
            let v = members[k];
            k += 1;
            for &w in &reverse[v] {
                if comp[w] == usize::MAX {
                    comp[w] = id;
                    members.push(w);
                }
            }
        }
        // The shared sort (engine::sort_key): one copy of the sort code in every page (issue 14).
        crate::engine::sort_key::sort_by_u64_key(&mut members, |&v| v as u64);
        out.push(members);
    }
    let mut with_cycle: Vec<Vec<usize>> =
        out.into_iter().filter(|m| m.len() > 1 || edges[m[0]].contains(&m[0])).collect();
    // Components are disjoint and each is sorted, so their smallest members order them.
    crate::engine::sort_key::sort_by_u64_key(&mut with_cycle, |m| m.first().map_or(0, |&v| v as u64));
    with_cycle
}

#[cfg(test)]
mod tests {
    use super::cycles;

    #[test]
    fn finds_each_cycle_once_and_ignores_chains() {
        // 0 → 1 → 2 → 0 (cycle), 3 → 3 (self-loop), 4 → 0 (feeds the cycle, not in it), 5 alone.
        let edges = vec![vec![1], vec![2], vec![0], vec![3], vec![0], vec![]];
        assert_eq!(cycles(&edges), vec![vec![0, 1, 2], vec![3]]);
        assert!(cycles(&[vec![1], vec![]]).is_empty(), "a chain is no cycle");
    }
}
