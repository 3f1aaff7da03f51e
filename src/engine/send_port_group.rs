//! Runtime state of a send port group (§2, §3): lifecycle state with history and member ports.
//! Starting or stopping a group never changes its members' states (§2). The lifecycle table
//! and guard G1 are in `lifecycle.rs`.

use super::lifecycle::StateChange;
use super::model::{GroupConfig, LifecycleState};
use super::time::SimTime;

/// A send port group while the simulation runs.
#[derive(Debug, Clone)]
pub struct GroupRt {
    pub state: LifecycleState,
    pub history: Vec<StateChange>,
    /// Member port indices in member order.
    pub members: Vec<u32>,
}

impl GroupRt {
    pub fn new(cfg: &GroupConfig, members: Vec<u32>) -> GroupRt {
        GroupRt {
            state: cfg.state,
            history: vec![StateChange { at: SimTime::ZERO, state: cfg.state, facts_before: 0 }],
            members,
        }
    }
    /// Records a state change (`facts_before`: facts recorded so far, see `StateChange`).
    pub fn set_state(&mut self, at: SimTime, state: LifecycleState, facts_before: u32) {
        self.state = state;
        self.history.push(StateChange { at, state, facts_before });
    }
}
