//! Lifecycle of send ports and send port groups: table L1–L4 and guards G1–G3 (seed 002, §2).
//!
//! ```text
//!            L1 Enlist              L2 Start
//!   Bound ───────────────▶ Stopped ───────────▶ Started
//!     │  ▲                  ▲  │  ◀───────────    │
//!     │  │    L4 Unenlist   │  │    L3 Stop       │
//!     │  └──────────────────┘──┼──────────────────┘ L4 Unenlist (stops automatically)
//!     └────────────────────────┘
//!      L2 Start from Bound enlists first (Bound → Stopped → Started)
//! ```
//! Every other cell is "Not available": the action is refused, recorded and nothing changes.
//! Guards: G1 a group cannot start without an enlisted member; G2 the last enlisted member of an
//! enlisted/started group cannot be unenlisted; G3 a port owning non-final instances cannot be
//! unenlisted. Guards are checked after the table (an n/a cell is reported as n/a); for a port,
//! G2 is checked before G3.

use super::model::{LifecycleAction, LifecycleState};
use super::time::SimTime;

/// One entry of a port's or group's state history (explanations: "was Stopped at").
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct StateChange {
    pub at: SimTime,
    pub state: LifecycleState,
    /// How many facts the simulation had recorded when the change happened: the state seen by
    /// fact `f` is the last change with `facts_before <= f` (exact even at one instant).
    pub facts_before: u32,
}

/// When the state seen by fact `fact` began (the last change recorded before that fact).
pub fn state_since(history: &[StateChange], fact: u32) -> SimTime {
    history.iter().rev().find(|c| c.facts_before <= fact).map(|c| c.at).unwrap_or(SimTime::ZERO)
}

/// Why a lifecycle action is not available right now.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Refusal {
    /// A "Not available" cell of table L1–L4 (the state met).
    NotAvailable { state: LifecycleState },
    /// G1: a group cannot start without an enlisted member.
    NoEnlistedMember,
    /// G2: the last enlisted member of an enlisted/started group (the group's name).
    LastEnlistedMember { group: String },
    /// G3: the port owns non-final instances (how many).
    HasInstances { count: usize },
    /// The target names no port or group.
    UnknownTarget,
}

impl Refusal {
    /// The report's `reason` value.
    pub fn code(&self) -> &'static str {
        match self {
            Refusal::NotAvailable { .. } => "not-available",
            Refusal::NoEnlistedMember => "no-enlisted-member",
            Refusal::LastEnlistedMember { .. } => "last-enlisted-member",
            Refusal::HasInstances { .. } => "has-instances",
            Refusal::UnknownTarget => "unknown-target",
        }
    }
    /// The rule id (L1–L4 or G1–G3).
    pub fn rule_id(&self, action: LifecycleAction) -> &'static str {
        match self {
            Refusal::NotAvailable { .. } | Refusal::UnknownTarget => action.rule_id(),
            Refusal::NoEnlistedMember => "G1",
            Refusal::LastEnlistedMember { .. } => "G2",
            Refusal::HasInstances { .. } => "G3",
        }
    }
}

/// Rules L1–L4: the state an action leads to, or `None` for a "Not available" cell.
pub fn table(action: LifecycleAction, from: LifecycleState) -> Option<LifecycleState> {
    use LifecycleAction::*;
    use LifecycleState::*;
    match (action, from) {
        (Enlist, Bound) => Some(Stopped),
        (Start, Bound | Stopped) => Some(Started),
        (Stop, Started) => Some(Stopped),
        (Unenlist, Stopped | Started) => Some(Bound),
        _ => None,
    }
}

/// What the guards need to know about a send port.
#[derive(Debug, Clone, Default)]
pub struct PortGuardFacts {
    /// G2: an enlisted/started group of which this port is the last enlisted member.
    pub last_member_of: Option<String>,
    /// G3: how many non-final instances the port owns.
    pub non_final_instances: usize,
}

/// L1–L4 + G2/G3 for a send port: the new state, or why not.
pub fn decide_port(
    action: LifecycleAction,
    from: LifecycleState,
    facts: &PortGuardFacts,
) -> Result<LifecycleState, Refusal> {
    let to = table(action, from).ok_or(Refusal::NotAvailable { state: from })?;
    if action == LifecycleAction::Unenlist {
        if let Some(group) = &facts.last_member_of {
            return Err(Refusal::LastEnlistedMember { group: group.clone() });
        }
        if facts.non_final_instances > 0 {
            return Err(Refusal::HasInstances { count: facts.non_final_instances });
        }
    }
    Ok(to)
}

/// L1–L4 + G1 for a send port group (`enlisted_members` = members in Stopped or Started).
pub fn decide_group(
    action: LifecycleAction,
    from: LifecycleState,
    enlisted_members: usize,
) -> Result<LifecycleState, Refusal> {
    let to = table(action, from).ok_or(Refusal::NotAvailable { state: from })?;
    if action == LifecycleAction::Start && enlisted_members == 0 {
        return Err(Refusal::NoEnlistedMember);
    }
    Ok(to)
}

#[cfg(test)]
mod tests {
    use super::*;
    use LifecycleAction::*;
    use LifecycleState::*;

    #[test]
    fn every_cell_of_table_l1_to_l4() {
        let expected = [
            // (action, Bound, Stopped, Started)
            (Enlist, Some(Stopped), None, None),         // L1
            (Start, Some(Started), Some(Started), None), // L2
            (Stop, None, None, Some(Stopped)),           // L3
            (Unenlist, None, Some(Bound), Some(Bound)),  // L4
        ];
        for (action, b, s, r) in expected {
            assert_eq!(table(action, Bound), b, "{action:?} from Bound");
            assert_eq!(table(action, Stopped), s, "{action:?} from Stopped");
            assert_eq!(table(action, Started), r, "{action:?} from Started");
        }
    }

    #[test]
    fn not_available_cells_report_the_state_met() {
        assert_eq!(decide_port(Stop, Bound, &PortGuardFacts::default()), Err(Refusal::NotAvailable { state: Bound }));
        assert_eq!(decide_group(Enlist, Started, 1), Err(Refusal::NotAvailable { state: Started }));
    }

    #[test]
    fn g1_group_start_needs_an_enlisted_member() {
        assert_eq!(decide_group(Start, Stopped, 0), Err(Refusal::NoEnlistedMember));
        assert_eq!(decide_group(Start, Bound, 0), Err(Refusal::NoEnlistedMember));
        assert_eq!(decide_group(Start, Stopped, 1), Ok(Started));
        assert_eq!(decide_group(Enlist, Bound, 0), Ok(Stopped), "enlisting an empty group is allowed");
    }

    #[test]
    fn g2_last_enlisted_member_and_g3_instances() {
        let g2 = PortGuardFacts { last_member_of: Some("G".into()), non_final_instances: 2 };
        assert_eq!(decide_port(Unenlist, Started, &g2), Err(Refusal::LastEnlistedMember { group: "G".into() }));
        let g3 = PortGuardFacts { last_member_of: None, non_final_instances: 2 };
        assert_eq!(decide_port(Unenlist, Stopped, &g3), Err(Refusal::HasInstances { count: 2 }));
        assert_eq!(decide_port(Stop, Started, &g3), Ok(Stopped), "guards only concern Unenlist");
        assert_eq!(decide_port(Unenlist, Started, &PortGuardFacts::default()), Ok(Bound));
    }
}
