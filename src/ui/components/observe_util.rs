//! Pure helpers shared by the observation components (clock bar, instances hub, timeline, why
//! panel, event log, topology): virtual-window arithmetic, paging, the timeline's scale and ticks,
//! hub and log filters, selection de-duplication and the seed-table citations.
//!
//! Nothing here touches the DOM, so every helper is tested natively.
//!
//! # Example
//! ```
//! use portsim::ui::components::observe_util::visible_window;
//! // 10,000 rows of 24 px, scrolled to 2,400 px, a 240 px viewport, 2 rows of overscan.
//! assert_eq!(visible_window(2400.0, 240.0, 24.0, 10_000, 2), 98..112);
//! ```

use crate::engine::model::{Action, InstanceSelector};
use crate::engine::simulation::{ExplanationStep, InstanceInfo, InstanceStatus, Simulation, SuspendReason};
use crate::engine::time::{ClockOfDay, SimTime, MS_PER_DAY, MS_PER_HOUR, MS_PER_MINUTE, MS_PER_SECOND};
use crate::engine::trace::{TraceEvent, TraceKind};
use crate::i18n::Lang;
use std::collections::{BTreeMap, BTreeSet};
use std::ops::Range;

/// The simulation speeds the clock bar offers (simulated milliseconds per real millisecond).
pub const SPEEDS: [u32; 6] = [1, 10, 100, 1_000, 10_000, 100_000];

/// Rows per page in the instances hub and the routing-failures list.
pub const PAGE_SIZE: usize = 100;

/// The range of row indices to render for a fixed-height list: the rows intersecting the viewport
/// `[scroll_top, scroll_top + viewport_h)` plus `overscan` rows on each side, clamped to `total`.
pub fn visible_window(scroll_top: f64, viewport_h: f64, row_h: f64, total: usize, overscan: usize) -> Range<usize> {
    if total == 0 || row_h <= 0.0 || !row_h.is_finite() {
        return 0..0;
    }
    let top = if scroll_top.is_finite() { scroll_top.max(0.0) } else { 0.0 };
    let height = if viewport_h.is_finite() { viewport_h.max(0.0) } else { 0.0 };
    let first = ((top / row_h).floor() as usize).min(total);
    let last = (((top + height) / row_h).ceil() as usize).min(total);
    first.saturating_sub(overscan)..(last + overscan).min(total)
}

/// The window of the newest rows (what a log that follows the clock shows).
pub fn tail_window(viewport_h: f64, row_h: f64, total: usize, overscan: usize) -> Range<usize> {
    if total == 0 || row_h <= 0.0 || !row_h.is_finite() {
        return 0..0;
    }
    let rows = if viewport_h.is_finite() { (viewport_h.max(0.0) / row_h).ceil() as usize } else { 0 };
    total.saturating_sub(rows + overscan)..total
}

/// True when a scroll container is at (or within one row of) its bottom: the log keeps following.
pub fn is_at_bottom(scroll_top: f64, client_h: f64, scroll_h: f64, row_h: f64) -> bool {
    scroll_top + client_h >= scroll_h - row_h.max(1.0)
}

/// Number of pages for `total` rows (at least 1, so "Page 1 of 1" shows for an empty list).
pub fn page_count(total: usize, page_size: usize) -> usize {
    if page_size == 0 {
        return 1;
    }
    total.div_ceil(page_size).max(1)
}

/// The rows of page `page` (0-based, clamped to the last page).
pub fn page_range(page: usize, total: usize, page_size: usize) -> Range<usize> {
    let last = page_count(total, page_size) - 1;
    let page = page.min(last);
    let start = (page * page_size).min(total);
    start..(start + page_size).min(total)
}

/// The position of a status in `InstanceStatus::ALL`.
pub fn status_index(status: InstanceStatus) -> usize {
    InstanceStatus::ALL.iter().position(|s| *s == status).unwrap_or(0)
}

/// Which bulk operation the hub performs on its selection.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BulkOp {
    Resume,
    Terminate,
}

impl BulkOp {
    /// §5 operations: Resume applies to Suspended (resumable); Terminate to anything not final.
    pub fn applies_to(self, status: InstanceStatus) -> bool {
        match self {
            BulkOp::Resume => status == InstanceStatus::SuspendedResumable,
            BulkOp::Terminate => !status.is_final(),
        }
    }
}

/// The engine actions for a bulk operation on the selected instances it applies to.
///
/// When the selection covers every instance of a port the operation applies to, one action
/// names the port (`InstanceSelector::Port`, which the engine applies to exactly those instances:
/// Resume to Suspended (resumable), Terminate to everything not final); otherwise one action per
/// distinct (message, port), in creation order. A message that reached a port twice (direct and
/// via a group) yields one action, because the selector names the message on that port. So
/// "select all" + Resume on 10,000 instances of one port is one action, not 10,000.
pub fn bulk_actions(instances: &[InstanceInfo], selected: &BTreeSet<u64>, op: BulkOp) -> Vec<Action> {
    let items = || instances.iter().map(|i| (i.id, i.port.as_str(), i.status));
    let message_of = |id: u64| instances.iter().find(|i| i.id == id).map(|i| i.message.clone()).unwrap_or_default();
    bulk_actions_of(items, message_of, selected, op)
}

/// `bulk_actions` over the simulation's compact rows (the page: no `InstanceInfo` per instance);
/// only the selected instances' message names are built.
pub fn bulk_actions_in(sim: &Simulation, selected: &BTreeSet<u64>, op: BulkOp) -> Vec<Action> {
    let items = || sim.instance_rows().map(|r| (r.id, sim.port_name(r.port).unwrap_or_default(), r.status));
    let message_of = |id: u64| sim.instance_row(id).and_then(|r| sim.message_name(r.message)).unwrap_or_default();
    bulk_actions_of(items, message_of, selected, op)
}

/// The rule of `bulk_actions` over `(id, port, status)` items in creation order.
fn bulk_actions_of<'a, I: Iterator<Item = (u64, &'a str, InstanceStatus)>>(
    items: impl Fn() -> I,
    message_of: impl Fn(u64) -> String,
    selected: &BTreeSet<u64>,
    op: BulkOp,
) -> Vec<Action> {
    // Per port: (instances the operation applies to, of which selected), in first-seen order.
    let mut per_port: Vec<(&str, usize, usize)> = Vec::new();
    for (id, port, _) in items().filter(|i| op.applies_to(i.2)) {
        let slot = match per_port.iter().position(|(p, _, _)| *p == port) {
            Some(n) => n,
            None => {
                per_port.push((port, 0, 0));
                per_port.len() - 1
            }
        };
        per_port[slot].1 += 1;
        if selected.contains(&id) {
            per_port[slot].2 += 1;
        }
    }
    // Filled by inserts, not `collect` (sort + bulk build): one less sort instantiated in the wasm
    // (issue 14 §2). A map of port name → position, the engine's name-lookup map type, rather than
    // a `BTreeSet<&str>` of its own (issue 14 §1).
    let mut whole: BTreeMap<&str, usize> = BTreeMap::new();
    for (i, (p, _, _)) in per_port.iter().enumerate().filter(|(_, (_, all, sel))| *sel > 0 && sel == all) {
        whole.entry(*p).or_insert(i);
    }
    let wrap = |selector: InstanceSelector| match op {
        BulkOp::Resume => Action::Resume(selector),
        BulkOp::Terminate => Action::Terminate(selector),
    };
    let mut out: Vec<Action> = per_port
        .iter()
        .filter(|(p, _, _)| whole.contains_key(p))
        .map(|(p, _, _)| wrap(InstanceSelector::Port(p.to_string())))
        .collect();
    let mut seen: BTreeSet<(String, &str)> = BTreeSet::new();
    for (id, port, _) in items().filter(|i| selected.contains(&i.0) && op.applies_to(i.2) && !whole.contains_key(i.1)) {
        let message = message_of(id);
        if seen.insert((message.clone(), port)) {
            out.push(wrap(InstanceSelector::Message { message, port: Some(port.to_string()) }));
        }
    }
    out
}

/// The event log's filter: port, message (exact id) and kind; `None` = all.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct LogFilter {
    pub port: Option<String>,
    pub message: Option<String>,
    pub kind: Option<TraceKind>,
}

impl LogFilter {
    pub fn is_empty(&self) -> bool {
        self.port.is_none() && self.message.is_none() && self.kind.is_none()
    }
    /// The message field matches case-insensitively and ignores surrounding spaces (`m1` = `M1`).
    pub fn matches(&self, event: &TraceEvent) -> bool {
        self.kind.is_none_or(|k| k == event.kind)
            && self.port.as_ref().is_none_or(|p| event.port.as_deref() == Some(p.as_str()))
            && self
                .message
                .as_ref()
                .is_none_or(|m| event.message.as_deref().is_some_and(|em| em.eq_ignore_ascii_case(m.trim())))
    }
}

/// Indices of the trace lines passing the filter.
pub fn filter_trace(trace: &[TraceEvent], filter: &LogFilter) -> Vec<usize> {
    trace.iter().enumerate().filter(|(_, e)| filter.matches(e)).map(|(n, _)| n).collect()
}

/// `1,000` in English, `1 000` in French (narrow no-break space), for counts and speeds.
pub fn group_thousands(n: u64, lang: Lang) -> String {
    let sep = match lang {
        Lang::En => ",",
        Lang::Fr => "\u{202f}",
    };
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3 * 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push_str(sep);
        }
        out.push(c);
    }
    out
}

/// The label of a speed in the selector: `1,000×`.
pub fn speed_label(speed: u32, lang: Lang) -> String {
    format!("{}×", group_thousands(u64::from(speed), lang))
}

/// The timeline's horizontal scale: the time at the left edge and milliseconds per pixel.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Scale {
    pub start_ms: f64,
    pub ms_per_px: f64,
}

/// The narrowest zoom: one millisecond per 20 pixels.
pub const MIN_MS_PER_PX: f64 = 0.05;
/// The widest zoom: a year per 1,000 pixels.
pub const MAX_MS_PER_PX: f64 = 365.0 * MS_PER_DAY as f64 / 1000.0;

impl Scale {
    /// A scale showing `[from, to]` across `width_px`, with 2 % margin on each side.
    pub fn fit(from_ms: u64, to_ms: u64, width_px: f64) -> Scale {
        let width = width_px.max(1.0);
        let span = (to_ms.saturating_sub(from_ms) as f64).max(1000.0);
        let margin = span * 0.02;
        let ms_per_px = ((span + 2.0 * margin) / width).clamp(MIN_MS_PER_PX, MAX_MS_PER_PX);
        Scale { start_ms: (from_ms as f64 - margin).max(0.0), ms_per_px }
    }
    pub fn x_of(&self, t_ms: f64) -> f64 {
        (t_ms - self.start_ms) / self.ms_per_px
    }
    pub fn t_of(&self, x: f64) -> f64 {
        self.start_ms + x * self.ms_per_px
    }
    /// The time at the right edge.
    pub fn end_ms(&self, width_px: f64) -> f64 {
        self.t_of(width_px)
    }
    /// Zooms by `factor` (> 1 zooms in) keeping the time under `anchor_x` in place.
    pub fn zoom(&self, factor: f64, anchor_x: f64) -> Scale {
        if !(factor.is_finite() && factor > 0.0) {
            return *self;
        }
        let anchor_t = self.t_of(anchor_x);
        let ms_per_px = (self.ms_per_px / factor).clamp(MIN_MS_PER_PX, MAX_MS_PER_PX);
        Scale { start_ms: (anchor_t - anchor_x * ms_per_px).max(0.0), ms_per_px }
    }
    /// Pans by `dx` pixels (positive = later); never before time 0.
    pub fn pan(&self, dx: f64) -> Scale {
        Scale { start_ms: (self.start_ms + dx * self.ms_per_px).max(0.0), ms_per_px: self.ms_per_px }
    }
    /// True when `[from, to]` intersects the visible range `[start, start + width)`.
    pub fn intersects(&self, from_ms: f64, to_ms: f64, width_px: f64) -> bool {
        to_ms >= self.start_ms && from_ms <= self.end_ms(width_px)
    }
}

/// Tick steps the axis may use, in milliseconds ("nice" values of the clock).
const TICK_STEPS_MS: [u64; 22] = [
    1,
    5,
    10,
    50,
    100,
    500,
    MS_PER_SECOND,
    5 * MS_PER_SECOND,
    10 * MS_PER_SECOND,
    30 * MS_PER_SECOND,
    MS_PER_MINUTE,
    5 * MS_PER_MINUTE,
    10 * MS_PER_MINUTE,
    15 * MS_PER_MINUTE,
    30 * MS_PER_MINUTE,
    MS_PER_HOUR,
    2 * MS_PER_HOUR,
    3 * MS_PER_HOUR,
    6 * MS_PER_HOUR,
    12 * MS_PER_HOUR,
    MS_PER_DAY,
    7 * MS_PER_DAY,
];

/// The smallest nice step that keeps ticks at least `min_gap_px` apart.
pub fn tick_step_ms(ms_per_px: f64, min_gap_px: f64) -> u64 {
    let wanted = ms_per_px * min_gap_px;
    TICK_STEPS_MS.iter().copied().find(|s| *s as f64 >= wanted).unwrap_or_else(|| {
        let days = (wanted / MS_PER_DAY as f64).ceil().max(1.0) as u64;
        days * MS_PER_DAY
    })
}

/// One tick of the axis: its time, position and two labels (elapsed and time of day).
#[derive(Debug, Clone, PartialEq)]
pub struct Tick {
    pub at_ms: u64,
    pub x: f64,
    pub elapsed: String,
    pub time_of_day: String,
}

/// The ticks visible across `width_px` (at most `width_px / min_gap_px + 2` of them).
pub fn ticks(scale: &Scale, width_px: f64, min_gap_px: f64, start_clock: ClockOfDay) -> Vec<Tick> {
    let step = tick_step_ms(scale.ms_per_px, min_gap_px);
    let first = (scale.start_ms.max(0.0) / step as f64).ceil() as u64 * step;
    let end = scale.end_ms(width_px);
    let mut out = Vec::new();
    let mut t = first;
    while (t as f64) <= end && out.len() < 200 {
        out.push(Tick {
            at_ms: t,
            x: scale.x_of(t as f64),
            elapsed: short_elapsed(SimTime(t), step),
            time_of_day: short_time_of_day(SimTime(t), start_clock, step),
        });
        t = t.saturating_add(step);
        if step == 0 {
            break;
        }
    }
    out
}

/// Elapsed time with only the precision the step needs: `00:05:00`, `00:00:00.250`, `1d 02:00:00`.
pub fn short_elapsed(t: SimTime, step_ms: u64) -> String {
    let full = crate::engine::time::format_elapsed(t);
    match full.rfind('.') {
        Some(dot) if step_ms.is_multiple_of(MS_PER_SECOND) => full[..dot].to_string(),
        _ => full,
    }
}

/// Time of day with minutes precision when the step allows: `08:05` or `08:05:30`.
pub fn short_time_of_day(t: SimTime, start_clock: ClockOfDay, step_ms: u64) -> String {
    let full = crate::engine::time::format_time_of_day(t, start_clock);
    if step_ms.is_multiple_of(MS_PER_MINUTE) && full.len() == 8 {
        full[..5].to_string()
    } else {
        full
    }
}

/// Ids of the seed-table rows an explanation cites (`L1`–`L4`, `C1`–`C6`), e.g. for highlighting.
/// A step's rule may hold several ids (`"C4, §6"`); anything that is not a table row is ignored.
pub fn cited_rows(steps: &[ExplanationStep]) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    for step in steps {
        for part in step.rule.split(|c: char| !(c.is_ascii_alphanumeric())) {
            let mut chars = part.chars();
            let (Some(letter), Some(digit), None) = (chars.next(), chars.next(), chars.next()) else { continue };
            let row = match letter {
                'L' | 'l' => ('1'..='4').contains(&digit),
                'C' | 'c' => ('1'..='6').contains(&digit),
                _ => false,
            };
            if row {
                out.insert(format!("{}{}", letter.to_ascii_uppercase(), digit));
            }
        }
    }
    out
}

/// The catalogue key of a status label.
pub fn status_key(status: InstanceStatus) -> &'static str {
    match status {
        InstanceStatus::Active => "obs.status.active",
        InstanceStatus::Scheduled => "obs.status.scheduled",
        InstanceStatus::SuspendedResumable => "obs.status.suspended_resumable",
        InstanceStatus::SuspendedNotResumable => "obs.status.suspended_not_resumable",
        InstanceStatus::Completed => "obs.status.completed",
        InstanceStatus::Terminated => "obs.status.terminated",
    }
}

/// The icon shown beside a status label (never alone: colour and icon both come with text).
pub fn status_icon(status: InstanceStatus) -> &'static str {
    match status {
        InstanceStatus::Active => "▶",
        InstanceStatus::Scheduled => "◷",
        InstanceStatus::SuspendedResumable => "‖",
        InstanceStatus::SuspendedNotResumable => "⊘",
        InstanceStatus::Completed => "✔",
        InstanceStatus::Terminated => "✖",
    }
}

/// The catalogue key of a suspend/terminate reason.
pub fn reason_key(reason: SuspendReason) -> &'static str {
    match reason {
        SuspendReason::SendPortStopped => "obs.reason.send_port_stopped",
        SuspendReason::SendPortGroupStopped => "obs.reason.send_port_group_stopped",
        SuspendReason::SendPortUnenlisted => "obs.reason.send_port_unenlisted",
        SuspendReason::TransportFailure => "obs.reason.transport_failure",
        SuspendReason::NoTransportLocation => "obs.reason.no_transport_location",
        SuspendReason::UnknownTransport => "obs.reason.unknown_transport",
        SuspendReason::ResponseNotRouted => "obs.reason.response_not_routed",
        SuspendReason::FailedMessageRouted => "obs.reason.failed_message_routed",
        SuspendReason::OrderedDeliveryBlocked => "obs.reason.ordered_delivery_blocked",
        SuspendReason::TerminatedByUser => "obs.reason.terminated_by_user",
    }
}

/// `00:05:00.000 (08:05:00)`: elapsed plus time of day, as every observation view shows times.
pub fn format_both(t: SimTime, start_clock: ClockOfDay) -> String {
    format!("{} ({})", crate::engine::time::format_elapsed(t), crate::engine::time::format_time_of_day(t, start_clock))
}

/// A small run with every hub field in play (ports, a group with a filter, a Stopped port,
/// failures, direct sends): the row-query tests here and in `hub_query` compare over it.
#[cfg(test)]
pub(crate) const ROW_QUERY_FIXTURE: &str = r#"{"format":"portsim-scenario/1",
          "sendPorts":[
            {"name":"SP_A","kind":"static-one-way","state":"started","filter":[[{"property":"T","operator":"==","value":"x"}]],
             "primary":{"transport":"FILE","address":"a","retryCount":0,"sendHandler":"H2"}},
            {"name":"SP_B","kind":"static-one-way","state":"started","primary":{"transport":"FILE","address":"b"}},
            {"name":"SP_C","kind":"static-one-way","state":"stopped","primary":{"transport":"FILE","address":"c"}}],
          "sendPortGroups":[{"name":"G","state":"started","members":["SP_A","SP_B"],"filter":[[{"property":"T","operator":"==","value":"x"}]]}],
          "endpoints":[{"address":"a","failures":[{"kind":"firstAttempts","count":3}]}],
          "script":[{"at":"0s","publish":{"context":{"T":"x"},"count":4,"every":"1s"}},
                    {"at":"1s","send":{"port":"SP_C","count":2}},
                    {"at":"3s","send":{"port":"SP_B"}}]}"#;

#[cfg(test)]
mod tests {
    use super::*;

    /// The page's row query `bulk_actions_in` answers exactly what `bulk_actions` over a kept
    /// `instances()` view answers (the hub's query: `hub_query::tests`).
    #[test]
    fn row_queries_equal_the_view_queries() {
        let json = ROW_QUERY_FIXTURE;
        let scenario = crate::engine::load_scenario(json).unwrap_or_else(|e| panic!("{e}"));
        let mut sim = Simulation::new(&scenario);
        sim.keep_instances_current(true);
        sim.run_to_end();
        let view = sim.instances();
        assert!(view.len() > 8);
        let all: Vec<u64> = view.iter().map(|i| i.id).collect();
        for selected in [all.iter().copied().collect(), all.iter().copied().step_by(2).collect(), BTreeSet::new()] {
            for op in [BulkOp::Resume, BulkOp::Terminate] {
                assert_eq!(bulk_actions_in(&sim, &selected, op), bulk_actions(view, &selected, op), "{op:?}");
            }
        }
    }

    fn info(id: u64, message: &str, port: &str, host: &str, status: InstanceStatus) -> InstanceInfo {
        InstanceInfo {
            id,
            message: message.into(),
            port: port.into(),
            via: None,
            host: host.into(),
            status,
            reason: None,
            created: SimTime(id * 1000),
            completed: None,
            service_instance: None,
            attempts: Vec::new(),
            marks: Vec::new(),
        }
    }

    #[test]
    fn visible_window_covers_the_viewport_plus_overscan() {
        assert_eq!(visible_window(0.0, 100.0, 20.0, 1000, 0), 0..5);
        assert_eq!(visible_window(0.0, 100.0, 20.0, 1000, 3), 0..8);
        assert_eq!(visible_window(30.0, 100.0, 20.0, 1000, 0), 1..7);
        // Scrolled past the end (e.g. the list shrank): clamps, never panics.
        assert_eq!(visible_window(1e9, 100.0, 20.0, 10, 2), 8..10);
        assert_eq!(visible_window(-5.0, 100.0, 20.0, 3, 1), 0..3);
        assert_eq!(visible_window(f64::NAN, 100.0, 20.0, 3, 0), 0..3);
        assert_eq!(visible_window(0.0, 100.0, 0.0, 3, 0), 0..0);
        assert_eq!(visible_window(0.0, 100.0, 20.0, 0, 5), 0..0);
        // 100,000 lines: only ~20 rendered.
        let w = visible_window(1_000_000.0, 400.0, 20.0, 100_000, 5);
        assert_eq!(w, 49_995..50_025);
    }

    #[test]
    fn tail_window_shows_the_newest_rows() {
        assert_eq!(tail_window(100.0, 20.0, 1000, 2), 993..1000);
        assert_eq!(tail_window(100.0, 20.0, 3, 2), 0..3);
        assert_eq!(tail_window(100.0, 20.0, 0, 2), 0..0);
    }

    #[test]
    fn bottom_detection_tolerates_one_row() {
        assert!(is_at_bottom(880.0, 100.0, 1000.0, 20.0));
        assert!(is_at_bottom(900.0, 100.0, 1000.0, 20.0));
        assert!(!is_at_bottom(500.0, 100.0, 1000.0, 20.0));
    }

    #[test]
    fn paging_clamps_and_counts() {
        assert_eq!(page_count(0, 100), 1);
        assert_eq!(page_count(100, 100), 1);
        assert_eq!(page_count(101, 100), 2);
        assert_eq!(page_count(10_000, 100), 100);
        assert_eq!(page_range(0, 250, 100), 0..100);
        assert_eq!(page_range(2, 250, 100), 200..250);
        assert_eq!(page_range(9, 250, 100), 200..250);
        assert_eq!(page_range(0, 0, 100), 0..0);
    }

    #[test]
    fn bulk_actions_dedupe_and_respect_status() {
        let mut twice = info(5, "M2", "SP_A", "H1", InstanceStatus::SuspendedResumable);
        twice.via = Some("SPG".into());
        let all = vec![
            info(1, "M1", "SP_A", "H1", InstanceStatus::Completed),
            info(2, "M1", "SP_B", "H1", InstanceStatus::SuspendedResumable),
            info(3, "M2", "SP_A", "H1", InstanceStatus::SuspendedResumable),
            info(4, "M3", "SP_A", "H1", InstanceStatus::Active),
            twice,
            info(6, "M4", "SP_A", "H1", InstanceStatus::SuspendedResumable),
            info(7, "M5", "SP_B", "H1", InstanceStatus::Active),
        ];
        let sel = |m: &str, p: &str| InstanceSelector::Message { message: m.into(), port: Some(p.into()) };
        // M4 on SP_A and M5 on SP_B are not selected: no port is wholly covered.
        let selected: BTreeSet<u64> = [1, 2, 3, 4, 5].into_iter().collect();
        let resume = bulk_actions(&all, &selected, BulkOp::Resume);
        assert_eq!(
            resume,
            vec![Action::Resume(InstanceSelector::Port("SP_B".into())), Action::Resume(sel("M2", "SP_A"))],
            "SP_B's only resumable instance is selected: one port action; M2 on SP_A twice: one action"
        );
        let terminate = bulk_actions(&all, &selected, BulkOp::Terminate);
        assert_eq!(
            terminate,
            vec![
                Action::Terminate(sel("M1", "SP_B")),
                Action::Terminate(sel("M2", "SP_A")),
                Action::Terminate(sel("M3", "SP_A"))
            ],
            "completed M1 on SP_A is skipped; M5 on SP_B is active and unselected, so SP_B is not whole"
        );
        assert!(bulk_actions(&all, &BTreeSet::new(), BulkOp::Terminate).is_empty());
        // Everything selected: one action per port.
        let everything: BTreeSet<u64> = (1..=7).collect();
        assert_eq!(
            bulk_actions(&all, &everything, BulkOp::Terminate),
            vec![
                Action::Terminate(InstanceSelector::Port("SP_B".into())),
                Action::Terminate(InstanceSelector::Port("SP_A".into()))
            ]
        );
    }

    #[test]
    fn select_all_on_ten_thousand_instances_is_one_action() {
        let all: Vec<InstanceInfo> =
            (1..=10_000).map(|n| info(n, &format!("M{n}"), "SP", "H", InstanceStatus::SuspendedResumable)).collect();
        let selected: BTreeSet<u64> = (1..=10_000).collect();
        assert_eq!(
            bulk_actions(&all, &selected, BulkOp::Resume),
            vec![Action::Resume(InstanceSelector::Port("SP".into()))]
        );
        let but_one: BTreeSet<u64> = (2..=10_000).collect();
        assert_eq!(bulk_actions(&all, &but_one, BulkOp::Resume).len(), 9_999);
    }

    fn ev(kind: TraceKind, port: Option<&str>, message: Option<&str>) -> TraceEvent {
        TraceEvent {
            at: SimTime(0),
            kind,
            port: port.map(String::from),
            group: None,
            message: message.map(String::from),
            instance: None,
            text: String::new(),
        }
    }

    #[test]
    fn log_filter_by_port_message_and_kind() {
        let trace = vec![
            ev(TraceKind::Inject, None, Some("M1")),
            ev(TraceKind::Route, Some("SP_A"), Some("M1")),
            ev(TraceKind::Attempt, Some("SP_A"), Some("M10")),
            ev(TraceKind::Lifecycle, Some("SP_B"), None),
        ];
        assert!(LogFilter::default().is_empty());
        assert_eq!(filter_trace(&trace, &LogFilter::default()), vec![0, 1, 2, 3]);
        let m1 = LogFilter { message: Some(" m1 ".into()), ..LogFilter::default() };
        assert_eq!(filter_trace(&trace, &m1), vec![0, 1]);
        let a = LogFilter { port: Some("SP_A".into()), ..LogFilter::default() };
        assert_eq!(filter_trace(&trace, &a), vec![1, 2]);
        let attempt = LogFilter { kind: Some(TraceKind::Attempt), ..a };
        assert_eq!(filter_trace(&trace, &attempt), vec![2]);
    }

    #[test]
    fn thousands_and_speed_labels() {
        assert_eq!(group_thousands(0, Lang::En), "0");
        assert_eq!(group_thousands(999, Lang::En), "999");
        assert_eq!(group_thousands(1000, Lang::En), "1,000");
        assert_eq!(group_thousands(100_000, Lang::En), "100,000");
        assert_eq!(group_thousands(1_234_567, Lang::Fr), "1\u{202f}234\u{202f}567");
        assert_eq!(speed_label(10_000, Lang::En), "10,000×");
        assert_eq!(SPEEDS.map(|s| speed_label(s, Lang::En)).join(" "), "1× 10× 100× 1,000× 10,000× 100,000×");
    }

    #[test]
    fn scale_fit_zoom_pan_and_intersection() {
        let s = Scale::fit(0, 100_000, 1000.0);
        assert_eq!(s.x_of(0.0), 0.0, "a fit from time 0 starts at time 0");
        let later = Scale::fit(50_000, 150_000, 1000.0);
        assert!((later.x_of(50_000.0) - 1000.0 * 0.02 / 1.04).abs() < 0.5, "2 % margin on the left");
        assert!(s.x_of(100_000.0) < 1000.0 && s.x_of(100_000.0) > 950.0);
        let z = s.zoom(2.0, 500.0);
        assert!((z.ms_per_px - s.ms_per_px / 2.0).abs() < 1e-9);
        assert!((z.t_of(500.0) - s.t_of(500.0)).abs() < 1e-6, "anchor stays put");
        let back = z.zoom(0.5, 500.0);
        assert!((back.ms_per_px - s.ms_per_px).abs() < 1e-9);
        assert_eq!(s.pan(-1e9).start_ms, 0.0, "never before time 0");
        assert!(s.pan(100.0).start_ms > s.start_ms);
        assert!(s.intersects(50_000.0, 50_000.0, 1000.0));
        assert!(!s.intersects(200_000.0, 300_000.0, 1000.0));
        // Degenerate inputs stay finite.
        let tiny = Scale::fit(5, 5, 0.0);
        assert!(tiny.ms_per_px.is_finite() && tiny.ms_per_px >= MIN_MS_PER_PX);
        assert_eq!(s.zoom(f64::NAN, 10.0), s);
        assert!(s.zoom(1e12, 0.0).ms_per_px >= MIN_MS_PER_PX);
    }

    #[test]
    fn tick_steps_are_nice_and_spaced() {
        assert_eq!(tick_step_ms(1.0, 80.0), 100);
        assert_eq!(tick_step_ms(1000.0, 80.0), 5 * MS_PER_MINUTE);
        assert_eq!(tick_step_ms(100_000.0, 80.0), 3 * MS_PER_HOUR);
        assert_eq!(tick_step_ms(MAX_MS_PER_PX, 80.0) % MS_PER_DAY, 0);
        let scale = Scale { start_ms: 0.0, ms_per_px: 1000.0 };
        let clock = ClockOfDay { minutes: 8 * 60 };
        let ts = ticks(&scale, 800.0, 80.0, clock);
        assert!(!ts.is_empty());
        for pair in ts.windows(2) {
            assert!(pair[1].x - pair[0].x >= 80.0 - 1e-9);
        }
        assert_eq!(ts[0].elapsed, "00:00:00");
        assert_eq!(ts[0].time_of_day, "08:00");
        assert!(ts.len() <= 800 / 80 + 2);
    }

    #[test]
    fn short_labels_keep_needed_precision() {
        assert_eq!(short_elapsed(SimTime(300_000), MS_PER_MINUTE), "00:05:00");
        assert_eq!(short_elapsed(SimTime(250), 50), "00:00:00.250");
        assert_eq!(short_elapsed(SimTime(MS_PER_DAY + MS_PER_HOUR), MS_PER_HOUR), "1d 01:00:00");
        let clock = ClockOfDay { minutes: 23 * 60 + 30 };
        assert_eq!(short_time_of_day(SimTime(45 * MS_PER_MINUTE), clock, MS_PER_MINUTE), "00:15");
        assert_eq!(short_time_of_day(SimTime(1500), clock, MS_PER_SECOND), "23:30:01");
        assert_eq!(format_both(SimTime(61_000), clock), "00:01:01.000 (23:31:01)");
    }

    #[test]
    fn cited_rows_pick_table_ids_only() {
        let step = |rule: &str| ExplanationStep {
            at: SimTime(0),
            rule: rule.into(),
            code: String::new(),
            text: String::new(),
            args: Vec::new(),
        };
        let cited = cited_rows(&[step("C2"), step("§6"), step("L3, C4"), step("G1"), step("C9"), step("l2")]);
        assert_eq!(cited.into_iter().collect::<Vec<_>>(), vec!["C2", "C4", "L2", "L3"]);
    }

    #[test]
    fn status_and_reason_keys_are_distinct() {
        let keys: BTreeSet<_> = InstanceStatus::ALL.iter().map(|s| status_key(*s)).collect();
        assert_eq!(keys.len(), 6);
        let icons: BTreeSet<_> = InstanceStatus::ALL.iter().map(|s| status_icon(*s)).collect();
        assert_eq!(icons.len(), 6);
        for (n, s) in InstanceStatus::ALL.iter().enumerate() {
            assert_eq!(status_index(*s), n);
        }
    }

    #[test]
    fn every_reason_has_its_own_label_in_both_languages() {
        use crate::i18n::t;
        let keys: BTreeSet<_> = SuspendReason::ALL.iter().map(|r| reason_key(*r)).collect();
        assert_eq!(keys.len(), SuspendReason::ALL.len());
        for r in SuspendReason::ALL {
            // The key is the report code with underscores (`unknown-transport` → `..unknown_transport`).
            assert_eq!(reason_key(r), format!("obs.reason.{}", r.code().replace('-', "_")));
            let (en, fr) = (t(Lang::En, reason_key(r)), t(Lang::Fr, reason_key(r)));
            assert!(!en.is_empty() && !fr.is_empty() && en != reason_key(r), "{r:?}: {en} / {fr}");
        }
    }
}
