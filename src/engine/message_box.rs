//! The MessageBox (§3): publish/subscribe routing and the combined-state table C1–C6 (seed 002).
//!
//! Subscriptions (§3 DECISION, "one send instance per matching subscription"):
//! * a send port's own filter → one *direct* copy, when the port is enlisted (Stopped or Started);
//! * a group's filter → one copy *via the group* per **enlisted** member, when the group is
//!   enlisted; a Bound member gets nothing (C6);
//! * duplicates are kept: a port matching its own filter and a group's gets two copies.
//!
//! Copies are produced in a fixed order: ports with a matching filter in scenario order, then
//! groups with a matching filter in scenario order, each with its members in member order.
//!
//! Combined state of a copy, evaluated in table order (port first, so C4 wins over C5 when both
//! the port and the group are Stopped; starting the port later then leaves the instance
//! suspended with `send-port-group-stopped` until the group starts, §4):
//!
//! ```text
//!  direct ─┬─ port Started ─────────────────────▶ C1 processed
//!          └─ port Stopped ─────────────────────▶ C2 Suspended (resumable) send-port-stopped
//!  via G ──┬─ port Stopped ─────────────────────▶ C4 Suspended (resumable) send-port-stopped
//!          ├─ group Stopped ────────────────────▶ C5 Suspended (resumable) send-port-group-stopped
//!          └─ group Started & port Started ─────▶ C3 processed
//! ```

use super::context::Context;
use super::filter::filter_matches;
use super::model::{Filter, LifecycleState};
use super::outcome::SuspendReason;

/// "No group" in compact indices.
pub const NO_GROUP: u32 = u32::MAX;

/// A row of the combined-state table.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Combined {
    C1,
    C2,
    C3,
    C4,
    C5,
}

impl Combined {
    pub fn rule_id(self) -> &'static str {
        match self {
            Combined::C1 => "C1",
            Combined::C2 => "C2",
            Combined::C3 => "C3",
            Combined::C4 => "C4",
            Combined::C5 => "C5",
        }
    }
    /// `None` = processed; else the suspend reason of the row.
    pub fn suspend_reason(self) -> Option<SuspendReason> {
        match self {
            Combined::C1 | Combined::C3 => None,
            Combined::C2 | Combined::C4 => Some(SuspendReason::SendPortStopped),
            Combined::C5 => Some(SuspendReason::SendPortGroupStopped),
        }
    }
}

/// Rules C1–C5: the outcome of a copy for the port's and (if via a group) the group's state.
/// Only enlisted subscribers receive copies, so a Bound state here is treated like Stopped.
pub fn combined(port: LifecycleState, group: Option<LifecycleState>) -> Combined {
    let port_started = port == LifecycleState::Started;
    match group {
        None if port_started => Combined::C1,
        None => Combined::C2,
        Some(_) if !port_started => Combined::C4,
        Some(g) if g != LifecycleState::Started => Combined::C5,
        Some(_) => Combined::C3,
    }
}

/// A subscription whose filter matched (state not yet considered): `(port, via group or NO_GROUP)`.
pub type Candidate = (u32, u32);

/// §3: every filter subscription matching `ctx`, in the documented order. Filters are static, so
/// the result can be cached for messages sharing one context.
pub fn filter_candidates<'a>(
    port_filters: impl Iterator<Item = &'a Filter>,
    groups: impl Iterator<Item = (&'a Filter, &'a [u32])>,
    ctx: &Context,
) -> Vec<Candidate> {
    let mut out = Vec::new();
    for (p, f) in port_filters.enumerate() {
        if filter_matches(f, ctx) {
            out.push((p as u32, NO_GROUP));
        }
    }
    for (g, (f, members)) in groups.enumerate() {
        if filter_matches(f, ctx) {
            out.extend(members.iter().map(|&m| (m, g as u32)));
        }
    }
    out
}

/// §3 + C6: keeps the candidates whose subscriptions exist now (enlisted port; for a group copy
/// also an enlisted group).
pub fn live_copies(
    candidates: &[Candidate],
    port_state: impl Fn(u32) -> LifecycleState,
    group_state: impl Fn(u32) -> LifecycleState,
    out: &mut Vec<Candidate>,
) {
    out.extend(
        candidates
            .iter()
            .copied()
            .filter(|&(p, g)| port_state(p).is_enlisted() && (g == NO_GROUP || group_state(g).is_enlisted())),
    );
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::context::ContextValue;
    use crate::engine::model::{FilterOperator, Predicate};
    use LifecycleState::*;

    #[test]
    fn c1_to_c5() {
        assert_eq!(combined(Started, None), Combined::C1);
        assert_eq!(combined(Stopped, None), Combined::C2);
        assert_eq!(combined(Started, Some(Started)), Combined::C3);
        assert_eq!(combined(Stopped, Some(Started)), Combined::C4);
        assert_eq!(combined(Started, Some(Stopped)), Combined::C5);
        assert_eq!(combined(Stopped, Some(Stopped)), Combined::C4, "table order: C4 before C5");
        assert_eq!(Combined::C5.suspend_reason(), Some(SuspendReason::SendPortGroupStopped));
        assert_eq!(Combined::C3.suspend_reason(), None);
    }

    fn eq(prop: &str, v: i64) -> Filter {
        Filter {
            groups: vec![vec![Predicate {
                property: prop.into(),
                operator: FilterOperator::Equals,
                value: Some(ContextValue::Int(v)),
            }]],
        }
    }

    #[test]
    fn group_and_own_filter_give_two_copies_and_c6_skips_bound_members() {
        let ports = [eq("A", 1), Filter::default(), Filter::default()];
        let gf = eq("A", 1);
        let members: Vec<u32> = vec![0, 1, 2];
        let ctx: Context = [("A".to_string(), ContextValue::Int(1))].into_iter().collect();
        let cands = filter_candidates(ports.iter(), [(&gf, members.as_slice())].into_iter(), &ctx);
        assert_eq!(cands, vec![(0, NO_GROUP), (0, 0), (1, 0), (2, 0)]);
        let mut live = Vec::new();
        let states = [Started, Bound, Stopped];
        live_copies(&cands, |p| states[p as usize], |_| Started, &mut live);
        assert_eq!(live, vec![(0, NO_GROUP), (0, 0), (2, 0)], "C6: Bound member 1 gets no copy");
        let mut none = Vec::new();
        live_copies(&cands, |p| states[p as usize], |_| Bound, &mut none);
        assert_eq!(none, vec![(0, NO_GROUP)], "a Bound group has no subscription");
    }
}
