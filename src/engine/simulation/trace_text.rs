//! The compact trace read back: `Simulation::trace()` hands out a `TraceView` over the 16-byte
//! `TraceRecord`s and renders a record's `TraceEvent` (its structured fields and its line) only
//! when it is shown, printed or compared. The texts are those of DESIGN invariant 8; instance
//! notes are rendered by `explain.rs` from their fact, so a line reads the same whenever it is
//! rendered (property `compact_trace_renders_exactly_the_old_text`).

use super::Simulation;
use crate::engine::message::Address;
use crate::engine::message_box::NO_GROUP;
use crate::engine::time::SimTime;
use crate::engine::trace::{EndReason, TraceEvent, TraceKind, TraceRecord, TraceSlot};
use std::io::{self, Write};
use std::ops::Range;

/// §3: the routing failure sentence (BizTalk's wording), also kept in `RoutingFailure.text`.
pub(super) fn routing_failure_text(response: bool) -> String {
    format!(
        "The published message could not be routed because no subscribers were found. This error occurs if the \
         subscribing orchestration or send port has not been enlisted, or if some of the message properties \
         necessary for subscription evaluation have not been promoted.{}",
        if response { " (response of a solicit-response port, §9)" } else { "" }
    )
}

/// A read-only view of the trace: its length, and any line rendered on demand.
#[derive(Clone, Copy)]
pub struct TraceView<'a> {
    sim: &'a Simulation,
}

impl<'a> TraceView<'a> {
    /// Number of trace lines so far.
    pub fn len(&self) -> usize {
        self.sim.trace.len()
    }
    pub fn is_empty(&self) -> bool {
        self.sim.trace.is_empty()
    }
    /// Line `index`, rendered.
    pub fn get(&self, index: usize) -> Option<TraceEvent> {
        self.sim.trace.get(index).map(|r| self.sim.render(self.sim.expand(r)))
    }
    /// The last line, rendered.
    pub fn last(&self) -> Option<TraceEvent> {
        self.sim.trace.last().map(|r| self.sim.render(self.sim.expand(r)))
    }
    /// Line `index` as a catalogue code and named values (`trace_words.rs`), for showing it in
    /// another language than the trace's English.
    pub fn words(&self, index: usize) -> Option<super::trace_words::LineWords> {
        self.sim.trace.get(index).map(|r| self.sim.record_words(self.sim.expand(r)))
    }
    /// The kind of line `index`, without rendering it (cheap filtering).
    pub fn kind(&self, index: usize) -> Option<TraceKind> {
        self.sim.trace.get(index).map(|r| self.sim.record_kind(self.sim.expand(r)))
    }
    /// The time of line `index`, without rendering it.
    pub fn at(&self, index: usize) -> Option<SimTime> {
        self.sim.trace.get(index).map(|r| self.sim.record_at(self.sim.expand(r)))
    }
    /// Every line, rendered one at a time.
    pub fn iter(&self) -> TraceIter<'a> {
        TraceIter { sim: self.sim, range: 0..self.sim.trace.len() }
    }
    /// The lines `range` (clamped to the trace), rendered one at a time.
    pub fn range(&self, range: Range<usize>) -> TraceIter<'a> {
        let end = range.end.min(self.sim.trace.len());
        TraceIter { sim: self.sim, range: range.start.min(end)..end }
    }
    /// The compact records, one per line (stored as runs of ids, `trace_store.rs`; expanded one
    /// at a time).
    pub fn records(&self) -> impl Iterator<Item = TraceRecord> + 'a {
        let sim = self.sim;
        (0..sim.trace.len()).filter_map(move |i| sim.trace.get(i)).map(move |slot| sim.expand(slot))
    }
    /// Bytes the stored trace holds (its chunks, the lines kept whole and the rare records),
    /// capacity not counted (the benchmark prints it).
    pub fn stored_bytes(&self) -> usize {
        let t = &self.sim.trace;
        t.chunk_count() * crate::engine::trace_store::TraceStore::chunk_size()
            + t.explicit_len() * std::mem::size_of::<TraceSlot>()
            + self.sim.trace_rare.len() * std::mem::size_of::<TraceRecord>()
    }
    /// Writes every line followed by `\n` (the CLI's `--trace`, streamed; no whole-trace string).
    pub fn write_lines(&self, out: &mut impl Write) -> io::Result<()> {
        for event in self.iter() {
            writeln!(out, "{event}")?;
        }
        Ok(())
    }
}

impl<'a> IntoIterator for TraceView<'a> {
    type Item = TraceEvent;
    type IntoIter = TraceIter<'a>;
    fn into_iter(self) -> TraceIter<'a> {
        self.iter()
    }
}

/// Renders trace lines one by one; skipping (`nth`, `skip`) renders nothing.
pub struct TraceIter<'a> {
    sim: &'a Simulation,
    range: Range<usize>,
}

impl Iterator for TraceIter<'_> {
    type Item = TraceEvent;
    fn next(&mut self) -> Option<TraceEvent> {
        let i = self.range.next()?;
        self.sim.trace.get(i).map(|r| self.sim.render(self.sim.expand(r)))
    }
    fn nth(&mut self, n: usize) -> Option<TraceEvent> {
        let i = self.range.nth(n)?;
        self.sim.trace.get(i).map(|r| self.sim.render(self.sim.expand(r)))
    }
    fn size_hint(&self) -> (usize, Option<usize>) {
        self.range.size_hint()
    }
}

impl DoubleEndedIterator for TraceIter<'_> {
    fn next_back(&mut self) -> Option<TraceEvent> {
        let i = self.range.next_back()?;
        self.sim.trace.get(i).map(|r| self.sim.render(self.sim.expand(r)))
    }
}

impl ExactSizeIterator for TraceIter<'_> {}

impl Simulation {
    /// The trace so far (compact records; lines rendered on demand).
    pub fn trace(&self) -> TraceView<'_> {
        TraceView { sim: self }
    }

    /// The record a stored slot stands for (`TraceSlot`).
    pub(super) fn expand(&self, slot: TraceSlot) -> TraceRecord {
        match slot {
            TraceSlot::Fact(fact) => TraceRecord::Fact { inst: self.facts.fact(fact as usize).inst, fact },
            TraceSlot::Inject(msg) => TraceRecord::Inject { at: self.msgs[msg as usize].entered, msg },
            TraceSlot::Route(inst) => TraceRecord::Route { at: self.created_at(inst), inst },
            TraceSlot::Rare(i) => self.trace_rare[i as usize],
        }
    }

    fn record_at(&self, record: TraceRecord) -> SimTime {
        match record {
            TraceRecord::Fact { fact, .. } => self.facts.fact(fact as usize).at,
            TraceRecord::Inject { at, .. }
            | TraceRecord::Route { at, .. }
            | TraceRecord::RoutingFailure { at, .. }
            | TraceRecord::Admin { at, .. }
            | TraceRecord::StaleTimer { at, .. }
            | TraceRecord::Republished { at, .. }
            | TraceRecord::FailureTerminated { at, .. }
            | TraceRecord::End { at, .. } => at,
        }
    }

    fn record_kind(&self, record: TraceRecord) -> TraceKind {
        match record {
            TraceRecord::Fact { fact, .. } => self.facts.fact(fact as usize).note.trace_kind(),
            TraceRecord::Inject { .. } => TraceKind::Inject,
            TraceRecord::Route { .. } => TraceKind::Route,
            TraceRecord::RoutingFailure { .. } => TraceKind::RoutingFailure,
            TraceRecord::Admin { line, .. } => {
                self.admin_lines.get(line as usize).map(|l| l.kind()).unwrap_or(TraceKind::Rejected)
            }
            TraceRecord::StaleTimer { .. } => TraceKind::StaleTimer,
            TraceRecord::Republished { .. } => TraceKind::Resumed,
            TraceRecord::FailureTerminated { .. } => TraceKind::Terminated,
            TraceRecord::End { .. } => TraceKind::End,
        }
    }

    /// The `TraceEvent` of a record: the same fields and text the engine wrote when it happened.
    pub(super) fn render(&self, record: TraceRecord) -> TraceEvent {
        let at = self.record_at(record);
        let kind = self.record_kind(record);
        let port_name = |p: u32| self.scenario.ports.get(p as usize).map(|c| c.name.clone());
        let msg_name = |m: u32| Some(self.msg_name(m));
        let event = |port, group, message, instance: Option<u32>, text| TraceEvent {
            at,
            kind,
            port,
            group,
            message,
            instance: instance.map(|i| i as u64 + 1),
            text,
        };
        match record {
            TraceRecord::Fact { inst, fact } => {
                let i = &self.insts[inst as usize];
                event(
                    port_name(i.port),
                    self.group_name(i.via),
                    msg_name(i.msg),
                    Some(inst),
                    self.note_text(inst, fact),
                )
            }
            TraceRecord::Inject { msg, .. } => {
                let (port, group) = match self.msg_address(msg) {
                    Address::Port(p) => (port_name(p), None),
                    Address::Group(g) => (None, self.group_name(g)),
                    Address::Publish => (None, None),
                };
                event(port, group, msg_name(msg), None, self.inject_text(msg))
            }
            TraceRecord::Route { inst, .. } => {
                let i = &self.insts[inst as usize];
                let p = i.port as usize;
                let name = self.msg_name(i.msg);
                let port = &self.scenario.ports[p].name;
                let text = match self.group_name(i.via) {
                    Some(g) => format!("{name} reaches {port} by means of send port group {g}"),
                    None => format!(
                        "{name} reaches {port} {}",
                        if self.msg_address(i.msg) == Address::Publish {
                            "through its own filter subscription"
                        } else {
                            "by a direct send to the port (as from a bound orchestration port)"
                        }
                    ),
                };
                let group = if i.via != NO_GROUP { self.group_name(i.via) } else { None };
                event(Some(port.clone()), group, Some(name), Some(inst), text)
            }
            TraceRecord::RoutingFailure { msg, response, receive_copy, .. } => {
                let text = format!(
                    "{} Routing failure report Suspended (not resumable){}",
                    routing_failure_text(response),
                    if receive_copy { "; the message is kept Suspended (resumable) for resume" } else { "" }
                );
                event(None, None, msg_name(msg), None, text)
            }
            TraceRecord::Admin { line, .. } => match self.admin_lines.get(line as usize) {
                Some(l) => {
                    let (port, group) = l.port_group();
                    event(port.and_then(port_name), group.and_then(|g| self.group_name(g)), None, None, l.text())
                }
                None => event(None, None, None, None, String::new()),
            },
            TraceRecord::StaleTimer { inst, attempt, .. } => {
                let i = &self.insts[inst as usize];
                let what = if attempt { "attempt" } else { "dispatch" };
                let text =
                    format!("{what} timer of instance #{} dropped: the instance no longer waits for it", inst + 1);
                event(port_name(i.port), None, msg_name(i.msg), Some(inst), text)
            }
            TraceRecord::Republished { msg, .. } => {
                let text = format!("{} resumed: the message is published again", self.msg_name(msg));
                event(None, None, msg_name(msg), None, text)
            }
            TraceRecord::FailureTerminated { msg, receive_copy, .. } => {
                let text = format!(
                    "routing failure report of {} terminated{}",
                    self.msg_name(msg),
                    if receive_copy { " with its suspended message" } else { "" }
                );
                event(None, None, msg_name(msg), None, text)
            }
            TraceRecord::End { how, .. } => {
                let text = match (how, &self.limit_hit) {
                    (EndReason::Limit, Some(hit)) => format!("simulation stopped: {}", hit.message),
                    (EndReason::NothingLeft, _) => "simulation ended: nothing left to happen".to_string(),
                    _ => format!("simulation ended: reached until ({})", self.scenario.until),
                };
                event(None, None, None, None, text)
            }
        }
    }
}
