//! Administrative actions inside the `Simulation`: lifecycle Enlist/Start/Stop/Unenlist (L1–L4,
//! guards G1–G3) with the §4 auto-resume, and the Group Hub's Resume and Terminate (§4, §5).

use super::{Simulation, Started};
use crate::engine::instance::Inst;
use crate::engine::lifecycle::{decide_group, decide_port, PortGuardFacts, Refusal};
use crate::engine::message_box::NO_GROUP;
use crate::engine::model::{Action, InstanceSelector, LifecycleAction, LifecycleState, Target};
use crate::engine::note::{Note, ResumedBy};
use crate::engine::outcome::{InstanceStatus, SuspendReason};
use crate::engine::report::RejectedActionReport;
use crate::engine::trace::{AdminLine, TraceRecord};

impl Simulation {
    // ----- actions -----------------------------------------------------------------------------

    pub(super) fn do_action(&mut self, action: &Action) {
        match action {
            Action::Inject(inj) => {
                let seq = self.queue.reserve_seqs(1);
                let source = self.add_source(inj.clone(), self.now, seq);
                self.inject_copies(source, 0);
            }
            Action::Lifecycle { action, target } => self.lifecycle(*action, target),
            Action::Resume(sel) => self.resume(sel),
            Action::Terminate(sel) => self.terminate(sel),
        }
    }

    pub(super) fn port_guard_facts(&self, p: u32) -> PortGuardFacts {
        let rt = &self.ports[p as usize];
        let last_member_of = rt.groups.iter().find_map(|&g| {
            let grp = &self.groups[g as usize];
            let enlisted = grp.members.iter().filter(|&&m| self.ports[m as usize].state.is_enlisted()).count();
            (grp.state.is_enlisted() && rt.state.is_enlisted() && enlisted == 1)
                .then(|| self.scenario.groups[g as usize].name.clone())
        });
        let non_final_instances = self.insts.iter().filter(|i| i.port == p && !i.status.is_final()).count();
        PortGuardFacts { last_member_of, non_final_instances }
    }

    /// L1–L4 with guards G1–G3 for a target, without applying it.
    pub(super) fn decide(&self, action: LifecycleAction, target: &Target) -> Result<LifecycleState, Refusal> {
        match target {
            Target::Port(n) => {
                let &p = self.port_index.get(n).ok_or(Refusal::UnknownTarget)?;
                decide_port(action, self.ports[p as usize].state, &self.port_guard_facts(p))
            }
            Target::Group(n) => {
                let &g = self.group_index.get(n).ok_or(Refusal::UnknownTarget)?;
                let grp = &self.groups[g as usize];
                let enlisted = grp.members.iter().filter(|&&m| self.ports[m as usize].state.is_enlisted()).count();
                decide_group(action, grp.state, enlisted)
            }
        }
    }

    pub(super) fn lifecycle(&mut self, action: LifecycleAction, target: &Target) {
        let (is_port, idx) = match target {
            Target::Port(n) => (true, self.port_index.get(n).copied()),
            Target::Group(n) => (false, self.group_index.get(n).copied()),
        };
        let from = idx.map(|i| if is_port { self.ports[i as usize].state } else { self.groups[i as usize].state });
        match self.decide(action, target) {
            Ok(to) => {
                let (Some(i), Some(from)) = (idx, from) else { return };
                let mut steps = Vec::with_capacity(2);
                if action == LifecycleAction::Start && from == LifecycleState::Bound {
                    steps.push(LifecycleState::Stopped);
                }
                steps.push(to);
                let mut prev = from;
                for s in steps {
                    // The sources' cached live copies (`routing.rs`) were made under the old state.
                    self.state_epoch += 1;
                    if is_port {
                        self.ports[i as usize].set_state(self.now, s, self.facts.len() as u32);
                    } else {
                        self.groups[i as usize].set_state(self.now, s, self.facts.len() as u32);
                    }
                    if self.recording {
                        let line = AdminLine::Lifecycle { target: target.clone(), index: i, action, from: prev, to: s };
                        self.admin_line(line);
                    }
                    prev = s;
                }
                if to == LifecycleState::Started {
                    if is_port {
                        self.auto_resume(Started::Port(i));
                    } else {
                        self.auto_resume(Started::Group(i));
                    }
                }
            }
            Err(refusal) => {
                let state = from.map(|s| s.code()).unwrap_or("unknown");
                if idx.is_some() {
                    self.rejected.push(RejectedActionReport {
                        at_ms: self.now.as_ms(),
                        action: action.code().to_string(),
                        port: is_port.then(|| target.name().to_string()),
                        group: (!is_port).then(|| target.name().to_string()),
                        state: state.to_string(),
                        reason: refusal.code().to_string(),
                    });
                }
                if self.recording {
                    self.admin_line(AdminLine::Rejected { target: target.clone(), index: idx, action, refusal });
                }
            }
        }
    }

    /// §4 DECISION: starting a port resumes its instances suspended with `send-port-stopped`;
    /// starting a group resumes the copies that came through it suspended with
    /// `send-port-group-stopped` — in original publish order. A copy whose other side is still
    /// not Started stays suspended with that side's reason (a group copy: C5; a port: C4).
    pub(super) fn auto_resume(&mut self, started: Started) {
        let (reason, by) = match started {
            Started::Port(_) => (SuspendReason::SendPortStopped, ResumedBy::PortStart),
            Started::Group(_) => (SuspendReason::SendPortGroupStopped, ResumedBy::GroupStart),
        };
        let mut list: Vec<u32> = (0..self.insts.len() as u32)
            .filter(|&i| {
                let x = &self.insts[i as usize];
                let ours = match started {
                    Started::Port(p) => x.port == p,
                    Started::Group(g) => x.via == g,
                };
                ours && x.status == InstanceStatus::SuspendedResumable && x.reason == Some(reason)
            })
            .collect();
        // `list` is in instance order, so the stable sort by message keeps instance order per message.
        crate::engine::sort_key::sort_by_u64_key(&mut list, |&i| u64::from(self.insts[i as usize].msg));
        for i in list {
            let x = &self.insts[i as usize];
            let still = match started {
                Started::Port(_) => (x.via != NO_GROUP && self.groups[x.via as usize].state != LifecycleState::Started)
                    .then_some(SuspendReason::SendPortGroupStopped),
                Started::Group(_) => (self.ports[x.port as usize].state != LifecycleState::Started)
                    .then_some(SuspendReason::SendPortStopped),
            };
            if let Some(reason) = still {
                self.insts[i as usize].reason = Some(reason);
                self.out.note(i, Note::StillSuspended { reason });
            } else {
                self.out.note(i, Note::Resumed { by });
                self.process(i);
            }
        }
    }

    pub(super) fn selected(&self, sel: &InstanceSelector, inst: &Inst) -> bool {
        match sel {
            InstanceSelector::All => true,
            InstanceSelector::Port(p) => self.scenario.ports[inst.port as usize].name == *p,
            InstanceSelector::Group(g) => {
                inst.via != NO_GROUP && self.scenario.groups.get(inst.via as usize).is_some_and(|x| x.name == *g)
            }
            InstanceSelector::Message { message, port } => {
                self.msg_has_name(inst.msg, message)
                    && port.as_ref().is_none_or(|p| self.scenario.ports[inst.port as usize].name == *p)
            }
        }
    }

    pub(super) fn selected_failure(&self, sel: &InstanceSelector, k: usize) -> bool {
        match sel {
            InstanceSelector::All => true,
            InstanceSelector::Port(_)
            | InstanceSelector::Group(_)
            | InstanceSelector::Message { port: Some(_), .. } => false,
            InstanceSelector::Message { message, port: None } => self.msg_has_name(self.rf_meta[k].msg, message),
        }
    }

    /// §4 manual Resume: Suspended (resumable) instances restart on the primary with full retries
    /// (§6), even on a Stopped port; on a blocked ordered port the whole queue resumes (§7).
    pub(super) fn resume(&mut self, sel: &InstanceSelector) {
        let list: Vec<u32> = (0..self.insts.len() as u32)
            .filter(|&i| {
                let x = &self.insts[i as usize];
                x.status == InstanceStatus::SuspendedResumable && self.selected(sel, x)
            })
            .collect();
        for i in list {
            if self.insts[i as usize].status != InstanceStatus::SuspendedResumable {
                continue;
            }
            let p = self.insts[i as usize].port as usize;
            let blocked_queue = match self.ports[p].ordered.as_mut() {
                Some(q) if q.blocked && q.contains(i) => {
                    q.blocked = false;
                    Some(q.members().collect::<Vec<u32>>())
                }
                _ => None,
            };
            match blocked_queue {
                Some(queue) => {
                    let now = self.now;
                    for (k, j) in queue.into_iter().enumerate() {
                        self.out.note(j, Note::Resumed { by: ResumedBy::Manual });
                        if k == 0 {
                            let lane = self.lane_of(j);
                            self.insts[j as usize].begin(j, now, lane, &mut self.out);
                        } else {
                            self.insts[j as usize].queue_behind(j, &mut self.out);
                        }
                    }
                }
                None => {
                    self.out.note(i, Note::Resumed { by: ResumedBy::Manual });
                    self.process(i);
                }
            }
        }
        // §3 DECISION: resuming the receive-side copy of a routing failure re-publishes it.
        let picked: Vec<usize> = (0..self.rf_meta.len())
            .filter(|&k| self.rf_meta[k].receive_copy && self.selected_failure(sel, k))
            .collect();
        let again: Vec<u32> = picked
            .into_iter()
            .map(|k| {
                self.rf_meta[k].receive_copy = false;
                self.rf_meta[k].msg
            })
            .collect();
        for m in again {
            if self.recording {
                self.line(TraceRecord::Republished { at: self.now, msg: m });
            }
            if self.route_message(m) == 0 {
                self.routing_failure(m, false, true);
            }
        }
    }

    /// §5 Terminate: every non-final selected instance ends Terminated (`terminated-by-user`); on a
    /// blocked ordered port (stop-on-failure) the whole queue is discarded (§7).
    pub(super) fn terminate(&mut self, sel: &InstanceSelector) {
        let list: Vec<u32> = (0..self.insts.len() as u32)
            .filter(|&i| {
                let x = &self.insts[i as usize];
                !x.status.is_final() && self.selected(sel, x)
            })
            .collect();
        for i in list {
            if self.insts[i as usize].status.is_final() {
                continue;
            }
            let p = self.insts[i as usize].port as usize;
            let blocked_queue = match self.ports[p].ordered.as_mut() {
                Some(q) if q.blocked && q.contains(i) => {
                    q.blocked = false;
                    Some(q.take_all())
                }
                _ => None,
            };
            match blocked_queue {
                Some(queue) => {
                    for j in queue {
                        self.insts[j as usize].terminate(j, &mut self.out);
                    }
                }
                None => {
                    self.insts[i as usize].terminate(i, &mut self.out);
                    self.ordered_leave(i);
                }
            }
        }
        // Issue 9 §6: one pass, linear in the routing failures (removing one by one was quadratic).
        let keep: Vec<bool> = (0..self.rf_meta.len()).map(|k| !self.selected_failure(sel, k)).collect();
        if keep.iter().all(|&k| k) {
            return;
        }
        for k in (0..keep.len()).filter(|&k| !keep[k]) {
            if self.recording {
                let m = self.rf_meta[k].msg;
                let receive_copy = self.rf_meta[k].receive_copy;
                self.line(TraceRecord::FailureTerminated { at: self.now, msg: m, receive_copy });
            }
        }
        let mut flags = keep.iter();
        self.rf_meta.retain(|_| flags.next().copied().unwrap_or(true));
        let mut flags = keep.iter();
        self.routing_failures.retain(|_| flags.next().copied().unwrap_or(true));
        self.recount_bytes();
    }
}
