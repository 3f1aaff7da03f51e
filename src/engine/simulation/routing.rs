//! §3 publish/subscribe inside the `Simulation`: injections (script `publish`/`send`, `count`
//! copies), routing a message to every live subscription (C1–C5), routing failures, and the
//! derived messages of §6 (failed message routing) and §9 (responses).

use super::trace_text::routing_failure_text;
use super::{RfMeta, Simulation, MAX_DERIVED_DEPTH};
use crate::engine::context::Context;
use crate::engine::event::{Event, LANE_CONTROL};
use crate::engine::instance::Inst;
use crate::engine::limits::{DERIVED_MESSAGE_HEAP, INST_BYTES, MSG_BYTES, ROUTING_FAILURE_BYTES, ROUTING_FAILURE_HEAP};
use crate::engine::message::{Address, DerivedMsg, Msg, Origin};
use crate::engine::message_box::{combined, filter_candidates, live_copies, Candidate, NO_GROUP};
use crate::engine::note::{Note, SuspendCause};
use crate::engine::time::{SimDuration, SimTime};
use crate::engine::trace::TraceRecord;
use crate::engine::view::RoutingFailure;
use std::sync::Arc;

impl Simulation {
    // ----- messages and routing (§3) ----------------------------------------------------------

    pub(super) fn inject_copies(&mut self, source: u32, copy: u32) {
        let Some(src) = self.sources.get(source as usize) else { return };
        let (count, every, first_at, seq) = (src.injection.count, src.injection.every, src.first_at, src.seq);
        if every == SimDuration::ZERO {
            for next in copy..count {
                // Issue 9 §4: one `publish` of 100,000 copies is one event; stop inside it.
                if self.over_limit() {
                    return;
                }
                if self.inject_left == 0 {
                    // The rest in the next step (`inject_slice.rs`), before anything else.
                    self.pending_inject = Some((source, next));
                    return;
                }
                self.inject_left -= 1;
                self.inject_one(source);
            }
        } else if copy < count {
            self.inject_one(source);
            if copy + 1 < count {
                let at = SimTime(first_at.0.saturating_add(every.0.saturating_mul(copy as u64 + 1)));
                self.queue.push_with_seq(at, LANE_CONTROL, seq, Event::Inject { source, copy: copy + 1 });
            }
        }
    }

    pub(super) fn inject_one(&mut self, source: u32) {
        self.injected += 1;
        self.msgs.push(Msg { ordinal: self.injected, source, entered: self.now, origin: Origin::Injected, depth: 0 });
        self.count_bytes(MSG_BYTES);
        let m = self.msgs.len() as u32 - 1;
        if self.recording {
            self.line(TraceRecord::Inject { at: self.now, msg: m });
        }
        if self.route_message(m) == 0 {
            self.routing_failure(m, false, true);
        }
    }

    /// §3: delivers a message to every live subscription; returns the number of copies.
    pub(super) fn route_message(&mut self, m: u32) -> usize {
        let mut copies = std::mem::take(&mut self.scratch);
        copies.clear();
        let msg = self.msgs[m as usize];
        if msg.depth <= MAX_DERIVED_DEPTH {
            match self.msg_address(m) {
                Address::Publish => {
                    // The filter matches of an injection source are cached (derived messages have
                    // a context of their own: no cache), and so are the live ones while no port or
                    // group changes state.
                    let source = (msg.origin == Origin::Injected).then_some(msg.source as usize);
                    if !self.copies_unchanged(source, &mut copies) {
                        let cached = source.and_then(|s| self.sources.get_mut(s)).and_then(|s| s.candidates.take());
                        let cands = cached.unwrap_or_else(|| {
                            let groups = &self.groups;
                            filter_candidates(
                                self.scenario.ports.iter().map(|p| &p.filter),
                                self.scenario.groups.iter().zip(groups).map(|(c, g)| (&c.filter, g.members.as_slice())),
                                self.msg_context(m),
                            )
                        });
                        let (ports, groups) = (&self.ports, &self.groups);
                        live_copies(&cands, |p| ports[p as usize].state, |g| groups[g as usize].state, &mut copies);
                        if let Some(s) = source.and_then(|s| self.sources.get_mut(s)) {
                            s.candidates = Some(cands);
                        }
                        if let Some(s) = source {
                            self.keep_copies(s, &copies);
                        }
                    }
                }
                Address::Port(p) => {
                    if self.ports.get(p as usize).is_some_and(|rt| rt.state.is_enlisted()) {
                        copies.push((p, NO_GROUP));
                    }
                }
                Address::Group(g) => {
                    if let Some(grp) = self.groups.get(g as usize).filter(|grp| grp.state.is_enlisted()) {
                        for &p in &grp.members {
                            if self.ports[p as usize].state.is_enlisted() {
                                copies.push((p, g));
                            }
                        }
                    }
                }
            }
        }
        let n = copies.len();
        for &(p, g) in &copies {
            self.create_instance(m, p, g);
        }
        copies.clear();
        self.scratch = copies;
        n
    }

    /// The copies of injection source `source`'s last message, appended to `copies`, when no port
    /// or group has changed state since they were made (`keep_copies`): true when it did.
    /// Native builds only; the page's size-tuned engine (issue 14) filters every message.
    #[cfg(not(target_arch = "wasm32"))]
    fn copies_unchanged(&self, source: Option<usize>, copies: &mut Vec<Candidate>) -> bool {
        match source.and_then(|s| self.sources.get(s)).filter(|s| s.live_epoch == self.state_epoch) {
            Some(s) => {
                copies.extend_from_slice(&s.live);
                true
            }
            None => false,
        }
    }
    #[cfg(target_arch = "wasm32")]
    fn copies_unchanged(&self, _source: Option<usize>, _copies: &mut Vec<Candidate>) -> bool {
        false
    }
    /// Keeps the copies just made for injection source `source` with the current lifecycle epoch.
    #[cfg(not(target_arch = "wasm32"))]
    fn keep_copies(&mut self, source: usize, copies: &[Candidate]) {
        let epoch = self.state_epoch;
        if let Some(s) = self.sources.get_mut(source) {
            s.live.clear();
            s.live.extend_from_slice(copies);
            s.live_epoch = epoch;
        }
    }
    #[cfg(target_arch = "wasm32")]
    fn keep_copies(&mut self, _source: usize, _copies: &[Candidate]) {}

    /// §3: "The published message could not be routed because no subscribers were found."
    pub(super) fn routing_failure(&mut self, m: u32, response: bool, receive_copy: bool) {
        let name = self.msg_name(m);
        let text = routing_failure_text(response);
        if self.recording {
            self.line(TraceRecord::RoutingFailure { at: self.now, msg: m, response, receive_copy });
        }
        self.routing_failures.push(RoutingFailure {
            message: name,
            at: self.now,
            reason: "no-subscriber",
            response,
            text,
        });
        self.rf_meta.push(RfMeta { msg: m, receive_copy });
        self.count_bytes(ROUTING_FAILURE_BYTES + ROUTING_FAILURE_HEAP);
    }

    pub(super) fn create_instance(&mut self, m: u32, p: u32, via: u32) {
        let id = self.insts.len() as u32;
        self.insts.push(Inst::new(m, p, via));
        self.count_bytes(INST_BYTES);
        if self.recording {
            self.line(TraceRecord::Route { at: self.now, inst: id });
        }
        let port_state = self.ports[p as usize].state;
        let group_state = (via != NO_GROUP).then(|| self.groups[via as usize].state);
        let rule = combined(port_state, group_state);
        self.out.note(id, Note::Created { rule });
        match rule.suspend_reason() {
            Some(reason) => self.insts[id as usize].suspend(id, reason, true, SuspendCause::Routing, &mut self.out),
            None => self.process(id),
        }
    }

    /// Starts processing an instance (new, resumed or auto-resumed): §1 dynamic resolution, §7
    pub(super) fn derived_message(&mut self, parent: u32, suffix: &str, origin: Origin, ctx: Context) -> u32 {
        let name = Arc::from(format!("{}{suffix}", self.msg_name(parent)));
        self.derived.push(DerivedMsg { name, context: ctx });
        let source = self.derived.len() as u32 - 1;
        let depth = self.msgs[parent as usize].depth.saturating_add(1);
        self.msgs.push(Msg { ordinal: 0, source, entered: self.now, origin, depth });
        self.count_bytes(MSG_BYTES + DERIVED_MESSAGE_HEAP);
        let m = self.msgs.len() as u32 - 1;
        if self.recording {
            self.line(TraceRecord::Inject { at: self.now, msg: m });
        }
        m
    }
}
