//! Explanations: renders the compact facts (`note.rs`) as text — trace lines, the per-instance
//! timeline (`InstanceInfo.attempts` / `marks`) and `Simulation::explain`. English text is built
//! only when somebody asks; every outcome has an explanation citing its rule from SEMANTICS.md.

use super::context::props;
use super::instance::NONE;
use super::lifecycle::{state_since, StateChange};
use super::message::{Address, Origin};
use super::message_box::{Combined, NO_GROUP};
use super::note::{Fact, Note, ResumedBy, ScheduledWhy, SuspendCause};
use super::outcome::{SuspendReason, TransportSlot};
use super::send_port::host_of;
use super::simulation::Simulation;
use super::time::{format_elapsed, SimTime};
use super::view::{Attempt, ExplanationStep, InstanceInfo, TimelineMark};

impl Simulation {
    /// The facts of an instance in time order.
    pub(super) fn facts_of(&self, inst: u32) -> Vec<(SimTime, Note)> {
        self.fact_ids_of(inst)
            .into_iter()
            .map(|f| {
                let fact = self.facts.fact(f as usize);
                (fact.at, fact.note)
            })
            .collect()
    }

    /// The indices of an instance's facts in the arena, in time order.
    pub(super) fn fact_ids_of(&self, inst: u32) -> Vec<u32> {
        let mut out = Vec::new();
        let mut f = self.insts[inst as usize].last_fact;
        while f != NONE {
            out.push(f);
            f = self.facts.fact(f as usize).prev;
        }
        out.reverse();
        out
    }

    /// The transport attempts of an instance (in-flight ones have `end: None`). Walks the fact
    /// chain backwards without collecting it (the report calls this for every instance).
    pub(super) fn attempts_of(&self, inst: u32) -> Vec<Attempt> {
        let mut attempts: Vec<Attempt> = Vec::new();
        let mut end: Option<(SimTime, bool)> = None;
        let mut f = self.insts[inst as usize].last_fact;
        while f != NONE {
            let fact = self.facts.fact(f as usize);
            match fact.note {
                Note::AttemptEnd { ok, .. } => end = Some((fact.at, ok)),
                Note::AttemptStart { slot } => {
                    let done = end.take();
                    attempts.push(Attempt {
                        transport: slot,
                        address: self.address_of(inst, slot),
                        start: fact.at,
                        end: done.map(|d| d.0),
                        ok: done.map(|d| d.1),
                    });
                }
                _ => {}
            }
            f = fact.prev;
        }
        attempts.reverse();
        attempts
    }

    /// The public view of an instance.
    pub(super) fn info_of(&self, inst: u32) -> InstanceInfo {
        let i = &self.insts[inst as usize];
        let cfg = &self.scenario.ports[i.port as usize];
        let marks = self
            .fact_ids_of(inst)
            .into_iter()
            .filter_map(|f| {
                let Fact { at, note, .. } = self.facts.fact(f as usize);
                note.mark_kind().map(|kind| TimelineMark {
                    at,
                    kind,
                    text: self.note_text(inst, f),
                    code: note.rule_and_code().1,
                    args: self.note_args(inst, f),
                })
            })
            .collect();
        InstanceInfo {
            id: inst as u64 + 1,
            message: self.msg_name(i.msg),
            port: cfg.name.clone(),
            via: self.group_name(i.via),
            host: host_of(cfg),
            status: i.status,
            reason: i.reason,
            created: self.created_at(inst),
            completed: self.completed_at(inst),
            service_instance: self.service_instance_of(inst),
            attempts: self.attempts_of(inst),
            marks,
        }
    }

    /// The trace text of a message entering the system.
    pub(super) fn inject_text(&self, m: u32) -> String {
        let (msg, context) = (&self.msgs[m as usize], self.msg_context(m));
        let ctx = if context.is_empty() {
            String::new()
        } else {
            let pairs: Vec<String> = context.iter().map(|(k, v)| format!("{k}={v}")).collect();
            format!(" with context {}", pairs.join(", "))
        };
        let how = match (msg.origin, self.msg_address(m)) {
            (Origin::Response, _) => "response published to the MessageBox (§9)".to_string(),
            (Origin::Failed, _) => {
                "failed message published to the MessageBox (failed message routing, §6)".to_string()
            }
            (_, Address::Publish) => "published to the MessageBox".to_string(),
            (_, Address::Port(p)) => match self.scenario.ports.get(p as usize) {
                Some(c) => format!("sent directly to send port {}", c.name),
                None => "sent to an unknown send port".to_string(),
            },
            (_, Address::Group(g)) => match self.scenario.groups.get(g as usize) {
                Some(c) => format!("sent to send port group {}", c.name),
                None => "sent to an unknown send port group".to_string(),
            },
        };
        format!("{} {how}{ctx}", self.msg_name(m))
    }

    /// The English sentence of an instance's fact `fact` (trace line, timeline mark, explanation):
    /// what the state was when the fact was recorded, whatever happened after.
    pub(super) fn note_text(&self, inst: u32, fact: u32) -> String {
        let Fact { note, .. } = self.facts.fact(fact as usize);
        let i = &self.insts[inst as usize];
        let cfg = &self.scenario.ports[i.port as usize];
        let port = &cfg.name;
        let group = self.group_name(i.via).unwrap_or_default();
        let since = |history: &[StateChange]| format_elapsed(state_since(history, fact));
        match note {
            Note::Created { rule } => {
                let host = host_of(cfg);
                let ps = since(&self.ports[i.port as usize].history);
                match rule {
                    Combined::C1 => format!("service instance created on host {host}; {port} is Started, the message is processed (rule C1)"),
                    Combined::C2 => format!("{port} was Stopped at {ps} — rule C2 of the combined-state table: a message sent directly to a stopped send port is suspended"),
                    Combined::C3 => format!("service instance created on host {host}; group {group} and {port} are Started, the message is processed (rule C3)"),
                    Combined::C4 => format!("{port} was Stopped at {ps} — rule C4 of the combined-state table: a message sent by means of group {group} to a stopped send port is suspended"),
                    Combined::C5 => {
                        let gs = if i.via != NO_GROUP { since(&self.groups[i.via as usize].history) } else { String::new() };
                        format!("send port group {group} was Stopped at {gs} — rule C5 of the combined-state table: a message sent by means of a stopped group is suspended")
                    }
                }
            }
            Note::Scheduled { why: ScheduledWhy::Window } => match &cfg.service_window {
                Some(w) => format!(
                    "Queued (scheduled for later delivery): outside the service window {}–{} of {port}; waits for it to open (§8)",
                    w.from, w.to
                ),
                None => "Queued (scheduled for later delivery) (§8)".to_string(),
            },
            Note::Scheduled { why: ScheduledWhy::Queued } => {
                format!("Queued (awaiting processing): ordered delivery on {port} sends one message at a time (§7)")
            }
            Note::AttemptStart { slot } => {
                let max = self.retry_count_of(inst, slot) + 1;
                let n = self.attempt_number(fact, slot);
                format!(
                    "In Transmission: {} transport {} {} (attempt {n} of {max})",
                    slot.code(),
                    self.adapter_of(inst, slot),
                    self.address_of(inst, slot)
                )
            }
            Note::AttemptEnd { slot, ok: true, .. } => {
                format!("transmitted over the {} transport to {}", slot.code(), self.address_of(inst, slot))
            }
            Note::AttemptEnd { slot, aborted: true, .. } => {
                format!("transmission to {} abandoned: the instance was terminated", self.address_of(inst, slot))
            }
            Note::AttemptEnd { slot, .. } => format!(
                "The adapter failed to transmit message going to send port \"{port}\" with URL \"{}\" ({} transport)",
                self.address_of(inst, slot),
                slot.code()
            ),
            Note::Retry { slot, retry } => format!(
                "Transmission Failure (to be retried): it will be retransmitted after the retry interval specified for this Send Port ({}): retry {retry} of {} on the {} transport (§6)",
                self.retry_interval_of(inst, slot),
                self.retry_count_of(inst, slot),
                slot.code()
            ),
            Note::Failover => format!(
                "Transmission Failure (to be resubmitted in backup transport): all {} retries on the primary transport spent; moving to backup transport {} {} (§6)",
                self.retry_count_of(inst, TransportSlot::Primary),
                self.adapter_of(inst, TransportSlot::Backup),
                self.address_of(inst, TransportSlot::Backup)
            ),
            Note::Suspended { reason, cause, slot } => {
                let code = reason.code();
                match cause {
                    SuspendCause::Routing => format!(
                        "Service instance was suspended because the corresponding service (sendport{}) was in the stopped state. Instance can be resumed after corresponding service is started. Suspended (resumable), reason {code}, in the suspended queue of host {}",
                        if reason == SuspendReason::SendPortGroupStopped { " group" } else { "" },
                        host_of(cfg)
                    ),
                    SuspendCause::NoLocation => format!(
                        "no adapter for address: the message has no usable BTS.OutboundTransportLocation for dynamic send port {port}; Suspended (resumable), reason {code}, no attempt made (§1)"
                    ),
                    SuspendCause::UnknownTransport => {
                        let (by, named) = self.unknown_transport_of(i.msg);
                        let by = if by == "type" { "BTS.OutboundTransportType" } else { "the scheme of address" };
                        format!(
                            "no adapter for address: {by} {named} names no known adapter for dynamic send port {port}; Suspended (resumable), reason {code}, no attempt made (§1)"
                        )
                    }
                    SuspendCause::RetriesExhausted | SuspendCause::FailedMessageUnroutable => format!(
                        "The \"{}\" adapter is suspending an outbound message going to destination URL:\"{}\". Details: all retries on {} spent. Suspended (resumable), reason {code}{}",
                        self.adapter_of(inst, slot),
                        self.address_of(inst, slot),
                        if slot == TransportSlot::Backup { "primary and backup transports" } else { "the primary transport" },
                        if cause == SuspendCause::FailedMessageUnroutable { "; the failed message had no subscriber (§6)" } else { "" }
                    ),
                    SuspendCause::OrderedFailed => format!(
                        "ordered delivery on {port} without stop-on-failure: only the failed message is suspended (not resumable) and all subsequent messages continue (§7); reason {code}"
                    ),
                    SuspendCause::OrderedBlocked => format!(
                        "ordered delivery on {port} with stop-on-failure: an earlier message failed, so this one is suspended (resumable) with the send port instance (§7); reason {code}"
                    ),
                    SuspendCause::ResponseUnroutable => format!(
                        "the request was transmitted, but the response of {port} could not be routed (no subscriber): the send instance is suspended (resumable), reason {code} (§9)"
                    ),
                }
            }
            Note::StillSuspended { reason } => format!(
                "not resumed: {} is still not Started; stays Suspended (resumable), reason now {} (§4)",
                if reason == SuspendReason::SendPortGroupStopped { format!("send port group {group}") } else { format!("send port {port}") },
                reason.code()
            ),
            Note::Resumed { by } => match by {
                ResumedBy::Manual => "resumed by the administrator: delivery restarts on the primary transport with full retry counts, whatever the port state (§4, §6)".to_string(),
                ResumedBy::PortStart => format!("resumed automatically: send port {port} was started (§4)"),
                ResumedBy::GroupStart => format!("resumed automatically: send port group {group} was started (§4)"),
            },
            Note::Completed => format!("Completed: the message was delivered by {port}"),
            Note::Terminated => "Terminated by the user (terminated-by-user)".to_string(),
            Note::ResponseReceived => {
                format!("{port} received the response and publishes it with BTS.SPName={port} (§9)")
            }
            Note::FailedMessageRouted => format!(
                "failed message routing on {port}: the message is not suspended, an error message with ErrorReport.* properties was routed instead and a subscriber took it; Completed, reason failed-message-routed (§6)"
            ),
        }
    }

    /// The named values `note_text` builds its sentence from (same order of lookups), for the
    /// catalogue templates `explain.<code>` that render a step in English or French. Enumerated
    /// values are codes: `transport` = `primary` / `backup`, `spent` = `primary` / `both`,
    /// `target` = `port` / `group`.
    pub(super) fn note_args(&self, inst: u32, fact: u32) -> Vec<(String, String)> {
        let Fact { note, .. } = self.facts.fact(fact as usize);
        let i = &self.insts[inst as usize];
        let cfg = &self.scenario.ports[i.port as usize];
        let port = || arg("port", &cfg.name);
        let group = || arg("group", self.group_name(i.via).unwrap_or_default());
        let since = |history: &[StateChange]| format_elapsed(state_since(history, fact));
        let reason = |r: SuspendReason| arg("reason", r.code());
        match note {
            Note::Created { rule } => {
                let host = arg("host", host_of(cfg));
                let ps = || arg("time", since(&self.ports[i.port as usize].history));
                match rule {
                    Combined::C1 => vec![host, port()],
                    Combined::C2 => vec![port(), ps()],
                    Combined::C3 => vec![host, group(), port()],
                    Combined::C4 => vec![port(), ps(), group()],
                    Combined::C5 => {
                        let gs =
                            if i.via != NO_GROUP { since(&self.groups[i.via as usize].history) } else { String::new() };
                        vec![group(), arg("time", gs)]
                    }
                }
            }
            Note::Scheduled { why: ScheduledWhy::Window } => match &cfg.service_window {
                Some(w) => vec![arg("from", w.from), arg("to", w.to), port()],
                None => Vec::new(),
            },
            Note::Scheduled { why: ScheduledWhy::Queued } => vec![port()],
            Note::AttemptStart { slot } => vec![
                arg("transport", slot.code()),
                arg("adapter", self.adapter_of(inst, slot)),
                arg("address", self.address_of(inst, slot)),
                arg("attempt", self.attempt_number(fact, slot)),
                arg("max", self.retry_count_of(inst, slot) + 1),
            ],
            Note::AttemptEnd { slot, ok: true, .. } => {
                vec![arg("transport", slot.code()), arg("address", self.address_of(inst, slot))]
            }
            Note::AttemptEnd { slot, aborted: true, .. } => vec![arg("address", self.address_of(inst, slot))],
            Note::AttemptEnd { slot, .. } => {
                vec![port(), arg("address", self.address_of(inst, slot)), arg("transport", slot.code())]
            }
            Note::Retry { slot, retry } => vec![
                arg("interval", self.retry_interval_of(inst, slot)),
                arg("retry", retry),
                arg("count", self.retry_count_of(inst, slot)),
                arg("transport", slot.code()),
            ],
            Note::Failover => vec![
                arg("count", self.retry_count_of(inst, TransportSlot::Primary)),
                arg("adapter", self.adapter_of(inst, TransportSlot::Backup)),
                arg("address", self.address_of(inst, TransportSlot::Backup)),
            ],
            Note::Suspended { reason: r, cause, slot } => match cause {
                SuspendCause::Routing => vec![reason(r), arg("host", host_of(cfg))],
                SuspendCause::RetriesExhausted | SuspendCause::FailedMessageUnroutable => vec![
                    arg("adapter", self.adapter_of(inst, slot)),
                    arg("address", self.address_of(inst, slot)),
                    arg("spent", if slot == TransportSlot::Backup { "both" } else { "primary" }),
                    reason(r),
                ],
                SuspendCause::UnknownTransport => {
                    let (by, named) = self.unknown_transport_of(i.msg);
                    vec![arg("by", by), arg("named", named), port(), reason(r)]
                }
                SuspendCause::NoLocation
                | SuspendCause::OrderedFailed
                | SuspendCause::OrderedBlocked
                | SuspendCause::ResponseUnroutable => vec![port(), reason(r)],
            },
            Note::StillSuspended { reason: r } => {
                let (target, name) = if r == SuspendReason::SendPortGroupStopped {
                    ("group", self.group_name(i.via).unwrap_or_default())
                } else {
                    ("port", cfg.name.clone())
                };
                vec![arg("target", target), arg("name", name), reason(r)]
            }
            Note::Resumed { by } => match by {
                ResumedBy::Manual => Vec::new(),
                ResumedBy::PortStart => vec![arg("target", "port"), arg("name", &cfg.name)],
                ResumedBy::GroupStart => {
                    vec![arg("target", "group"), arg("name", self.group_name(i.via).unwrap_or_default())]
                }
            },
            Note::Terminated => Vec::new(),
            Note::Completed | Note::ResponseReceived | Note::FailedMessageRouted => vec![port()],
        }
    }

    /// §1: what named the unknown adapter of a dynamic port's message, as `(by, named)`: `by` is
    /// `type` when `BTS.OutboundTransportType` is set (it takes precedence; `named` = its value),
    /// else `scheme` (`named` = the address).
    fn unknown_transport_of(&self, m: u32) -> (&'static str, String) {
        let ctx = self.msg_context(m);
        let text = |k: &str| ctx.get(k).map(|v| v.to_string()).filter(|v| !v.trim().is_empty());
        match text(props::OUTBOUND_TRANSPORT_TYPE) {
            Some(t) => ("type", t),
            None => ("scheme", text(props::OUTBOUND_TRANSPORT_LOCATION).unwrap_or_default()),
        }
    }

    /// The number of the attempt started by fact `fact` on `slot`: attempt starts on that slot
    /// since the last (re)start (Resume or failover), walking the instance's facts backwards.
    fn attempt_number(&self, fact: u32, slot: TransportSlot) -> u32 {
        let mut n = 0;
        let mut f = fact;
        while f != NONE {
            let Fact { note, prev, .. } = self.facts.fact(f as usize);
            match note {
                Note::Resumed { .. } | Note::Failover => break,
                Note::AttemptStart { slot: s } if s == slot => n += 1,
                _ => {}
            }
            f = prev;
        }
        n.max(1)
    }

    fn retry_count_of(&self, inst: u32, slot: TransportSlot) -> u32 {
        let i = &self.insts[inst as usize];
        if let Some(d) = self.dyn_rt(inst) {
            return d.transport.policy.retry_count;
        }
        let cfg = &self.scenario.ports[i.port as usize];
        let t = if slot == TransportSlot::Backup { cfg.backup.as_ref() } else { cfg.primary.as_ref() };
        t.map(|t| t.retry_count).unwrap_or(0)
    }

    fn retry_interval_of(&self, inst: u32, slot: TransportSlot) -> super::time::SimDuration {
        let i = &self.insts[inst as usize];
        if let Some(d) = self.dyn_rt(inst) {
            return d.transport.policy.retry_interval;
        }
        let cfg = &self.scenario.ports[i.port as usize];
        let t = if slot == TransportSlot::Backup { cfg.backup.as_ref() } else { cfg.primary.as_ref() };
        t.map(|t| t.retry_interval).unwrap_or_default()
    }

    /// `explain(id)`: how the message got here, then every fact with its rule.
    pub(super) fn explain_instance(&self, inst: u32) -> Vec<ExplanationStep> {
        let i = &self.insts[inst as usize];
        let (address, name) = (self.msg_address(i.msg), self.msg_name(i.msg));
        let mut steps = vec![ExplanationStep {
            at: self.created_at(inst),
            rule: "§3".to_string(),
            code: match (address, i.via != NO_GROUP) {
                (Address::Publish, false) => "own-filter-match",
                (Address::Publish, true) => "group-filter-match",
                (Address::Port(_), _) => "sent-to-port",
                (Address::Group(_), _) => "sent-to-group",
            }
            .to_string(),
            args: {
                let port = arg("port", &self.scenario.ports[i.port as usize].name);
                let group = arg("group", self.group_name(i.via).unwrap_or_default());
                match (address, i.via != NO_GROUP) {
                    (Address::Publish, false) | (Address::Port(_), _) => vec![arg("message", &name), port],
                    _ => vec![arg("message", &name), group, port],
                }
            },
            text: {
                let port = &self.scenario.ports[i.port as usize].name;
                let group = self.group_name(i.via).unwrap_or_default();
                match (address, i.via != NO_GROUP) {
                    (Address::Publish, false) => format!("{} was published and matched the filter of {port}: one copy for its own subscription (§3)", name),
                    (Address::Publish, true) => format!("{} was published and matched the filter of send port group {group}: one copy per enlisted member, including {port} (§3)", name),
                    (Address::Port(_), _) => format!("{} was sent directly to {port} (§3, as from a bound orchestration port)", name),
                    (Address::Group(_), _) => format!("{} was sent to send port group {group}: one copy per enlisted member, including {port} (§3)", name),
                }
            },
        }];
        for f in self.fact_ids_of(inst) {
            let Fact { at, note, .. } = self.facts.fact(f as usize);
            let (rule, code) = note.rule_and_code();
            steps.push(ExplanationStep {
                at,
                rule: rule.to_string(),
                code: code.to_string(),
                text: self.note_text(inst, f),
                args: self.note_args(inst, f),
            });
        }
        steps
    }
}

/// One named argument of an explanation step.
fn arg(name: &str, value: impl ToString) -> (String, String) {
    (name.to_string(), value.to_string())
}
