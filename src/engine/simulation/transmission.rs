//! §5–§9 inside the `Simulation`: processing a service instance — dynamic resolution (§1),
//! ordered delivery (§7), service windows (§8), transport attempts, retries and backup (§6),
//! responses (§9) — and the final failure rules.

use super::{DynRt, Simulation};
use crate::engine::context::{props, Context, ContextValue};
use crate::engine::dynamic::{self, Unresolved};
use crate::engine::message::Origin;
use crate::engine::model::PortConfig;
use crate::engine::note::{Note, ScheduledWhy, SuspendCause};
use crate::engine::outcome::{SuspendReason, TransportSlot};
use crate::engine::service_window;
use crate::engine::time::SimDuration;
use crate::engine::trace::TraceRecord;

impl Simulation {
    /// ordered queue, else a dispatch now on the primary with full retries (§6).
    pub(super) fn process(&mut self, id: u32) {
        let p = self.insts[id as usize].port as usize;
        if self.scenario.ports[p].kind.is_dynamic() && self.dynamic_of(id).is_none() && !self.resolve_dynamic(id) {
            return;
        }
        let lane = self.lane_of(id);
        let now = self.now;
        match self.ports[p].ordered.as_mut() {
            Some(q) if q.blocked => {
                q.join(id);
                self.insts[id as usize].suspend(
                    id,
                    SuspendReason::OrderedDeliveryBlocked,
                    true,
                    SuspendCause::OrderedBlocked,
                    &mut self.out,
                );
            }
            Some(q) => {
                if q.join(id) {
                    self.insts[id as usize].begin(id, now, lane, &mut self.out);
                } else {
                    self.insts[id as usize].queue_behind(id, &mut self.out);
                }
            }
            None => self.insts[id as usize].begin(id, now, lane, &mut self.out),
        }
    }

    /// §1: resolves a dynamic port's transport for instance `id` from its message's context;
    /// false (the instance Suspended, resumable, no attempt) when no adapter can be attempted.
    #[cfg_attr(not(target_arch = "wasm32"), inline(never))]
    fn resolve_dynamic(&mut self, id: u32) -> bool {
        let m = self.insts[id as usize].msg as usize;
        match dynamic::resolve(self.msg_context(m as u32)) {
            Ok(transport) => {
                let endpoint = self.endpoint_index.get(&transport.address).copied();
                self.set_dynamic(id, DynRt { transport, endpoint });
                true
            }
            Err(why) => {
                // §1 DECISION: no adapter can ever be attempted: Suspended (resumable), no attempt.
                let (reason, cause) = match why {
                    Unresolved::NoLocation => (SuspendReason::NoTransportLocation, SuspendCause::NoLocation),
                    Unresolved::UnknownTransport => (SuspendReason::UnknownTransport, SuspendCause::UnknownTransport),
                };
                self.insts[id as usize].suspend(id, reason, true, cause, &mut self.out);
                false
            }
        }
    }

    /// True (with a `stale-timer` trace line) when the timer's key is no longer the instance's
    /// (DESIGN invariant 5).
    #[cfg_attr(not(target_arch = "wasm32"), inline)]
    pub(super) fn stale(&mut self, id: u32, key: u32, what: &str) -> bool {
        if self.insts.get(id as usize).is_some_and(|inst| inst.key == key) {
            return false;
        }
        self.stale_timer(id, what);
        true
    }

    #[cfg_attr(not(target_arch = "wasm32"), cold, inline(never))]
    fn stale_timer(&mut self, id: u32, what: &str) {
        if self.recording && (id as usize) < self.insts.len() {
            self.line(TraceRecord::StaleTimer { at: self.now, inst: id, attempt: what == "attempt" });
        }
    }

    /// §6/§8: a dispatch is due — wait for the service window or start an attempt.
    pub(super) fn on_dispatch(&mut self, id: u32, key: u32) {
        if self.stale(id, key, "dispatch") {
            return;
        }
        let inst = &self.insts[id as usize];
        let p = inst.port as usize;
        let cfg = &self.scenario.ports[p];
        if inst.slot == TransportSlot::Primary {
            if let Some(w) = &cfg.service_window {
                if !service_window::is_open(w, self.scenario.start_clock, self.now) {
                    // §8: `None` = the window never opens again before the end of time: Scheduled,
                    // with no timer (re-checking the same closed instant would never end).
                    let at = service_window::next_open(w, self.scenario.start_clock, self.now);
                    let lane = self.lane_of(id);
                    self.insts[id as usize].wait_for_window(id, at, lane, &mut self.out);
                    return;
                }
            }
        }
        let dynamic = self.dyn_rt(id);
        let endpoint = if let Some(d) = dynamic {
            d.endpoint
        } else if inst.slot == TransportSlot::Primary {
            self.ports[p].primary_endpoint
        } else {
            self.ports[p].backup_endpoint
        };
        let (latency, fails) = match endpoint {
            Some(e) => {
                let ep = &mut self.endpoints[e as usize];
                (ep.latency, ep.attempt_fails(self.now, &mut self.rng))
            }
            None => (SimDuration::ZERO, false),
        };
        self.insts[id as usize].start_attempt(id, self.now, latency, fails, &mut self.out);
    }

    pub(super) fn on_attempt_end(&mut self, id: u32, key: u32) {
        if self.stale(id, key, "attempt") {
            return;
        }
        let inst = &self.insts[id as usize];
        let port = &self.ports[inst.port as usize];
        let (policy, has_backup) = match self.dyn_rt(id) {
            Some(d) => (d.transport.policy, false),
            None if inst.slot == TransportSlot::Backup => (port.backup_policy, port.usable_backup),
            None => (port.primary_policy, port.usable_backup),
        };
        let lane = self.lane_of(id);
        self.insts[id as usize].end_attempt(id, self.now, policy, has_backup, lane, &mut self.out);
    }

    /// §6 delivered; §9 a solicit-response port publishes the response first.
    pub(super) fn on_delivered(&mut self, id: u32) {
        let inst = &self.insts[id as usize];
        let (p, m) = (inst.port as usize, inst.msg as usize);
        let cfg = &self.scenario.ports[p];
        if cfg.kind.is_solicit_response() {
            let endpoint = if let Some(d) = self.dyn_rt(id) {
                d.endpoint
            } else if inst.slot == TransportSlot::Primary {
                self.ports[p].primary_endpoint
            } else {
                self.ports[p].backup_endpoint
            };
            let mut ctx = endpoint.map(|e| self.endpoints[e as usize].response.clone()).unwrap_or_default();
            ctx.insert(props::SP_NAME.to_string(), ContextValue::Str(cfg.name.clone()));
            let r = self.derived_message(m as u32, ".response", Origin::Response, ctx);
            self.out.note(id, Note::ResponseReceived);
            if self.route_message(r) == 0 {
                self.routing_failure(r, true, false);
                self.fail_final(id, SuspendCause::ResponseUnroutable);
                return;
            }
        }
        self.insts[id as usize].complete(id, &mut self.out);
        self.ordered_leave(id);
    }

    /// §6 final failure (and §9 unroutable response): failed message routing, the ordered rule
    /// (§7), or Suspended (resumable) `transport-failure` (`response-not-routed` for §9).
    pub(super) fn fail_final(&mut self, id: u32, cause: SuspendCause) {
        let mut cause = cause;
        let failure = if cause == SuspendCause::ResponseUnroutable {
            SuspendReason::ResponseNotRouted
        } else {
            SuspendReason::TransportFailure
        };
        let p = self.insts[id as usize].port as usize;
        let cfg: &PortConfig = &self.scenario.ports[p];
        if cause == SuspendCause::RetriesExhausted && cfg.route_failed_messages && cfg.kind.is_static() {
            let m = self.insts[id as usize].msg as usize;
            let ctx = self.error_report_context(id);
            let f = self.derived_message(m as u32, ".failed", Origin::Failed, ctx);
            if self.route_message(f) > 0 {
                // SCENARIO.md: completed, reason `failed-message-routed` — nothing is suspended.
                self.insts[id as usize].complete_failed_message_routed(id, &mut self.out);
                self.ordered_leave(id);
                return;
            }
            self.routing_failure(f, false, false);
            cause = SuspendCause::FailedMessageUnroutable;
        }
        let cfg = &self.scenario.ports[p];
        let stop_on_failure = cfg.stop_on_failure;
        if self.ports[p].ordered.is_some() {
            if stop_on_failure {
                self.insts[id as usize].suspend(id, failure, true, cause, &mut self.out);
                let followers: Vec<u32> = match self.ports[p].ordered.as_mut() {
                    Some(q) => {
                        q.blocked = true;
                        q.members().filter(|&j| j != id).collect()
                    }
                    None => Vec::new(),
                };
                for j in followers {
                    self.insts[j as usize].suspend(
                        j,
                        SuspendReason::OrderedDeliveryBlocked,
                        true,
                        SuspendCause::OrderedBlocked,
                        &mut self.out,
                    );
                }
            } else {
                let cause = if cause == SuspendCause::RetriesExhausted { SuspendCause::OrderedFailed } else { cause };
                self.insts[id as usize].suspend(id, failure, false, cause, &mut self.out);
                self.ordered_leave(id);
            }
        } else {
            self.insts[id as usize].suspend(id, failure, true, cause, &mut self.out);
        }
    }

    /// §6 failed message routing: the error message carries `ErrorReport.*` properties; the
    /// original promoted properties are demoted.
    pub(super) fn error_report_context(&self, id: u32) -> Context {
        let inst = &self.insts[id as usize];
        let cfg = &self.scenario.ports[inst.port as usize];
        let mut ctx = Context::new();
        let s = |v: &str| ContextValue::Str(v.to_string());
        ctx.insert("ErrorReport.ErrorType".into(), s("FailedMessage"));
        ctx.insert("ErrorReport.FailureCode".into(), s("0xC0C01658"));
        ctx.insert("ErrorReport.SendPortName".into(), s(&cfg.name));
        ctx.insert("ErrorReport.OutboundTransportLocation".into(), s(&self.address_of(id, inst.slot)));
        if let Some(mt) = self.msg_context(inst.msg).get(props::MESSAGE_TYPE) {
            ctx.insert("ErrorReport.MessageType".into(), mt.clone());
        }
        ctx
    }

    /// §7: the instance leaves its ordered port's queue; the next one (if any) transmits.
    #[cfg_attr(not(target_arch = "wasm32"), inline)]
    pub(super) fn ordered_leave(&mut self, id: u32) {
        let p = self.insts[id as usize].port as usize;
        if self.ports[p].ordered.is_some() {
            self.leave_ordered_queue(id, p);
        }
    }

    #[cfg_attr(not(target_arch = "wasm32"), inline(never))]
    fn leave_ordered_queue(&mut self, id: u32, p: usize) {
        let next = match self.ports[p].ordered.as_mut() {
            Some(q) => q.leave(id),
            None => return,
        };
        if let Some(n) = next {
            let lane = self.lane_of(n);
            let now = self.now;
            self.insts[n as usize].begin(n, now, lane, &mut self.out);
        }
    }

    /// The (address, adapter) an instance's attempt on `slot` uses: the dynamic port's resolved
    /// transport (§1), else the static port's primary or backup (§6); empty when there is none.
    pub(super) fn transport_of(&self, id: u32, slot: TransportSlot) -> (&str, &str) {
        let inst = &self.insts[id as usize];
        if let Some(d) = self.dyn_rt(id) {
            let t = &d.transport;
            return (&t.address, &t.adapter);
        }
        let cfg = &self.scenario.ports[inst.port as usize];
        let t = if slot == TransportSlot::Backup { cfg.backup.as_ref() } else { cfg.primary.as_ref() };
        t.map_or(("", ""), |t| (t.address.as_str(), t.transport.as_str()))
    }

    pub(in crate::engine) fn address_of(&self, id: u32, slot: TransportSlot) -> String {
        self.transport_of(id, slot).0.to_string()
    }

    pub(in crate::engine) fn adapter_of(&self, id: u32, slot: TransportSlot) -> String {
        self.transport_of(id, slot).1.to_string()
    }

    pub(in crate::engine) fn service_instance_of(&self, id: u32) -> Option<u64> {
        let p = self.insts[id as usize].port as usize;
        if !self.scenario.ports[p].ordered_delivery {
            return None;
        }
        // Only instances that joined the queue (processed ones) belong to the shared instance.
        let joined = self.facts_of(id).iter().any(|(_, n)| {
            matches!(n, Note::AttemptStart { .. } | Note::Scheduled { why: ScheduledWhy::Queued })
                || matches!(n, Note::Suspended { reason: SuspendReason::OrderedDeliveryBlocked, .. })
        });
        if joined {
            self.ports[p].ordered.as_ref().and_then(|q| q.service_instance)
        } else {
            None
        }
    }
}
