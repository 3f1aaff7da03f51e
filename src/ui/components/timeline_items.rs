//! What the timeline draws, gathered from the engine's instance view (§5 Message Flow labels, §6
//! attempts and retry waits, §8 service-window waits): only the items intersecting the visible
//! range, merged when they would cover the same pixels of a lane, at most `MAX_ITEMS` of them.
//! Pure (no DOM), tested natively.

use crate::engine::simulation::{InstanceInfo, TimelineMark, TransportSlot};
use crate::engine::time::SimTime;
use crate::i18n::{explain_text, Lang};
use std::collections::BTreeSet;

/// At most this many SVG items are drawn; a note says how many more are in view.
pub const MAX_ITEMS: usize = 1500;

/// One thing to draw.
#[derive(Debug, Clone, PartialEq)]
pub enum Item {
    Bar {
        lane: usize,
        start: u64,
        end: u64,
        ok: Option<bool>,
        instance: u64,
        slot: TransportSlot,
        label: String,
    },
    /// A wait: for a retry interval (§6) or, when `scheduled`, for a service window (§8).
    Wait {
        lane: usize,
        from: u64,
        to: u64,
        instance: u64,
        scheduled: bool,
    },
    /// `nth` = how many earlier marks of the same instance share this instant (drawn side by side).
    Mark {
        lane: Option<usize>,
        at: u64,
        kind: &'static str,
        text: String,
        instance: u64,
        nth: usize,
    },
}

impl Item {
    pub fn time(&self) -> u64 {
        match self {
            Item::Bar { start, .. } => *start,
            Item::Wait { from, .. } => *from,
            Item::Mark { at, .. } => *at,
        }
    }
}

/// The glyph of a timeline mark kind (a `TraceKind` code); text always accompanies it.
pub fn mark_glyph(kind: &str) -> &'static str {
    match kind {
        "created" => "●",
        "retry" => "↻",
        "failover" => "⇄",
        "suspended" => "‖",
        "resumed" => "↷",
        "completed" => "✔",
        "scheduled" => "◷",
        "terminated" => "✖",
        "routing-failure" => "⊘",
        _ => "•",
    }
}

/// The time span an instance covers: created .. its last attempt or mark, and up to now while it
/// is still Active or Scheduled (a suspended or final instance does not stretch with the clock).
pub fn instance_span(info: &InstanceInfo, now: SimTime) -> (u64, u64) {
    let from = info.created.as_ms();
    let live = !info.status.is_final() && !info.status.is_suspended();
    let mut to = if live { now.as_ms() } else { info.completed.map_or(from, |c| c.as_ms()) };
    for a in &info.attempts {
        to = to.max(a.end.unwrap_or(now).as_ms());
    }
    for m in &info.marks {
        to = to.max(m.at.as_ms());
    }
    (from, to.max(from))
}

/// Gathers the items to draw: only those intersecting `[lo, hi]`; in the whole-run view, items
/// that would cover the same pixels of a lane are merged (drawn once); at most `MAX_ITEMS`.
pub struct Collector {
    pub items: Vec<Item>,
    /// Distinct items left out by the cap.
    pub hidden: usize,
    /// Items drawn as one with an identical-looking item.
    pub merged: usize,
    lo: f64,
    hi: f64,
    /// Width of a merge bucket in milliseconds; `None` = no merging (instance view).
    bucket_ms: Option<f64>,
    seen: BTreeSet<(usize, i64, i64, u8)>,
}

impl Collector {
    pub fn new(lo: f64, hi: f64, bucket_ms: Option<f64>) -> Collector {
        Collector { items: Vec::new(), hidden: 0, merged: 0, lo, hi, bucket_ms, seen: BTreeSet::new() }
    }
    pub fn visible(&self, a: u64, b: u64) -> bool {
        (b as f64) >= self.lo && (a as f64) <= self.hi
    }
    pub fn push(&mut self, item: Item) {
        if let Some(b) = self.bucket_ms.filter(|b| *b > 0.0) {
            let bucket = |t: u64| ((t as f64 - self.lo) / b).floor() as i64;
            let key = match &item {
                Item::Bar { lane, start, end, ok, .. } => (*lane, bucket(*start), bucket(*end), ok.map_or(2, u8::from)),
                Item::Wait { lane, from, to, scheduled, .. } => {
                    (*lane, bucket(*from), bucket(*to), 3 + u8::from(*scheduled))
                }
                Item::Mark { lane, at, kind, .. } => (
                    lane.unwrap_or(usize::MAX),
                    bucket(*at),
                    0,
                    10 + kind.bytes().fold(0u8, |h, c| h.wrapping_mul(31).wrapping_add(c)) % 200,
                ),
            };
            if !self.seen.insert(key) {
                self.merged += 1;
                return;
            }
        }
        if self.items.len() < MAX_ITEMS {
            self.items.push(item);
        } else {
            self.hidden += 1;
        }
    }
}

/// Pushes an instance's visible items; `run_lane` = whole-run mode puts everything on that lane,
/// `None` = instance mode (Primary lane 0, Backup lane 1).
pub fn push_instance_items(
    out: &mut Collector,
    info: &InstanceInfo,
    now: SimTime,
    run_lane: Option<usize>,
    lang: Lang,
) {
    let mut previous: Option<(u64, Option<bool>, TransportSlot)> = None;
    for (n, a) in info.attempts.iter().enumerate() {
        let start = a.start.as_ms();
        let end = a.end.unwrap_or(now).as_ms().max(start);
        let lane = run_lane.unwrap_or(match a.transport {
            TransportSlot::Primary => 0,
            TransportSlot::Backup => 1,
        });
        if let Some((prev_end, Some(false), prev_slot)) = previous {
            if start > prev_end && prev_slot == a.transport && out.visible(prev_end, start) {
                out.push(Item::Wait { lane, from: prev_end, to: start, instance: info.id, scheduled: false });
            }
        }
        if out.visible(start, end) {
            out.push(Item::Bar {
                lane,
                start,
                end,
                ok: a.ok,
                instance: info.id,
                slot: a.transport,
                label: format!("{} #{} {}", info.message, n + 1, a.address),
            });
        }
        previous = Some((end, a.ok, a.transport));
    }
    let mut same_instant: (u64, usize) = (u64::MAX, 0);
    for m in &info.marks {
        let at = m.at.as_ms();
        // The whole-run view keeps only the marks that change an instance's fate.
        let keep =
            run_lane.is_none() || matches!(m.kind, "failover" | "suspended" | "resumed" | "scheduled" | "terminated");
        if !keep {
            continue;
        }
        same_instant = if same_instant.0 == at { (at, same_instant.1 + 1) } else { (at, 0) };
        if m.kind == "scheduled" {
            // §8: the instance waits for its service window until its next attempt starts.
            let until = info.attempts.iter().map(|a| a.start.as_ms()).find(|s| *s >= at).unwrap_or(now.as_ms());
            if until > at && out.visible(at, until) {
                out.push(Item::Wait {
                    lane: run_lane.unwrap_or(0),
                    from: at,
                    to: until,
                    instance: info.id,
                    scheduled: true,
                });
            }
        }
        if out.visible(at, at) {
            let nth = same_instant.1;
            out.push(Item::Mark { lane: run_lane, at, kind: m.kind, text: mark_text(lang, m), instance: info.id, nth });
        }
    }
}

/// A mark's sentence in `lang` (catalogue `explain.<code>` filled with its arguments), or the
/// engine's English text when the code has no complete template.
pub fn mark_text(lang: Lang, mark: &TimelineMark) -> String {
    explain_text(lang, mark.code, &mark.args).unwrap_or_else(|| mark.text.clone())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::simulation::Attempt;
    use crate::engine::simulation::InstanceStatus;

    fn attempt(slot: TransportSlot, start: u64, end: u64, ok: bool) -> Attempt {
        Attempt { transport: slot, address: "a".into(), start: SimTime(start), end: Some(SimTime(end)), ok: Some(ok) }
    }

    fn mark(at: u64, kind: &'static str, text: &str) -> TimelineMark {
        TimelineMark { at: SimTime(at), kind, text: text.into(), code: "", args: Vec::new() }
    }

    fn info() -> InstanceInfo {
        InstanceInfo {
            id: 7,
            message: "M1".into(),
            port: "SP".into(),
            via: None,
            host: "H".into(),
            status: InstanceStatus::SuspendedResumable,
            reason: None,
            created: SimTime(0),
            completed: None,
            service_instance: None,
            attempts: vec![
                attempt(TransportSlot::Primary, 0, 10, false),
                attempt(TransportSlot::Primary, 300_000, 300_010, false),
                attempt(TransportSlot::Backup, 300_010, 300_020, false),
            ],
            marks: vec![
                mark(300_010, "failover", "to backup"),
                mark(300_020, "suspended", "suspended"),
                mark(300_020, "completed", "not really"),
            ],
        }
    }

    #[test]
    fn marks_are_rendered_in_the_ui_language_or_fall_back_to_the_engine_text() {
        let mut one = info();
        one.marks = vec![
            TimelineMark {
                at: SimTime(300_020),
                kind: "completed",
                text: "Completed: the message was delivered by SP".into(),
                code: "completed",
                args: vec![("port".into(), "SP".into())],
            },
            mark(300_020, "suspended", "engine text"),
        ];
        let texts = |lang| {
            let mut c = Collector::new(0.0, 1e9, None);
            push_instance_items(&mut c, &one, SimTime(1_000_000), None, lang);
            c.items
                .into_iter()
                .filter_map(|i| if let Item::Mark { text, .. } = i { Some(text) } else { None })
                .collect::<Vec<_>>()
        };
        assert_eq!(texts(Lang::Fr), vec!["Achevé\u{202F}: le message a été remis par SP", "engine text"]);
        assert_eq!(texts(Lang::En), vec!["Completed: the message was delivered by SP", "engine text"]);
    }

    #[test]
    fn instance_items_use_primary_and_backup_lanes_with_retry_waits() {
        let mut c = Collector::new(0.0, 1e9, None);
        push_instance_items(&mut c, &info(), SimTime(1_000_000), None, Lang::En);
        let (items, hidden) = (c.items, c.hidden);
        let lanes: Vec<usize> =
            items.iter().filter_map(|i| if let Item::Bar { lane, .. } = i { Some(*lane) } else { None }).collect();
        assert_eq!(lanes, vec![0, 0, 1]);
        let waits: Vec<(u64, u64)> = items
            .iter()
            .filter_map(|i| if let Item::Wait { from, to, .. } = i { Some((*from, *to)) } else { None })
            .collect();
        assert_eq!(waits, vec![(10, 300_000)], "one retry wait on the primary; the backup starts at once");
        // Two marks at the same instant are drawn side by side.
        let nths: Vec<usize> =
            items.iter().filter_map(|i| if let Item::Mark { nth, .. } = i { Some(*nth) } else { None }).collect();
        assert_eq!(nths, vec![0, 0, 1]);
        assert_eq!(hidden, 0);
    }

    #[test]
    fn only_visible_items_are_kept() {
        let mut c = Collector::new(200_000.0, 300_005.0, None);
        push_instance_items(&mut c, &info(), SimTime(1_000_000), None, Lang::En);
        let items = c.items;
        assert!(items.iter().all(|i| !matches!(i, Item::Bar { start: 0, .. })), "the first attempt is off screen");
        assert!(items.iter().any(|i| matches!(i, Item::Bar { start: 300_000, .. })));
        assert!(items.iter().all(|i| !matches!(i, Item::Mark { .. })), "marks after the range are culled");
    }

    #[test]
    fn whole_run_keeps_fate_marks_only_and_caps_items() {
        let mut c = Collector::new(0.0, 1e9, None);
        push_instance_items(&mut c, &info(), SimTime(1_000_000), Some(3), Lang::En);
        let items = c.items;
        assert!(items.iter().all(|i| !matches!(i, Item::Mark { kind: "completed", .. })));
        assert!(items.iter().any(|i| matches!(i, Item::Mark { kind: "suspended", lane: Some(3), .. })));
        let mut many = Collector::new(0.0, 1e9, None);
        for _ in 0..(MAX_ITEMS / 3 + 10) {
            push_instance_items(&mut many, &info(), SimTime(1_000_000), Some(0), Lang::En);
        }
        assert_eq!(many.items.len(), MAX_ITEMS);
        assert!(many.hidden > 0);
    }

    #[test]
    fn whole_run_merges_items_covering_the_same_pixels() {
        // 10,000 identical instances at 1 px = 1 s: drawn once, never capped, none lost.
        let mut c = Collector::new(0.0, 1e9, Some(2000.0));
        for _ in 0..10_000 {
            push_instance_items(&mut c, &info(), SimTime(1_000_000), Some(0), Lang::En);
        }
        let mut one = Collector::new(0.0, 1e9, Some(2000.0));
        push_instance_items(&mut one, &info(), SimTime(1_000_000), Some(0), Lang::En);
        assert_eq!(c.items.len(), one.items.len());
        assert_eq!(c.hidden, 0);
        let raw = one.items.len() + one.merged;
        assert_eq!(c.merged, 10_000 * raw - c.items.len());
        // A later instance still shows up after thousands of earlier ones.
        let mut later = info();
        for a in &mut later.attempts {
            a.start = SimTime(a.start.as_ms() + 2_400_000);
            a.end = a.end.map(|e| SimTime(e.as_ms() + 2_400_000));
        }
        push_instance_items(&mut c, &later, SimTime(3_000_000), Some(0), Lang::En);
        assert!(c.items.iter().any(|i| matches!(i, Item::Bar { start: 2_400_000, .. })));
    }

    #[test]
    fn a_suspended_instance_does_not_stretch_with_the_clock() {
        assert_eq!(instance_span(&info(), SimTime(9_000_000)), (0, 300_020));
        let mut active = info();
        active.status = InstanceStatus::Active;
        assert_eq!(instance_span(&active, SimTime(9_000_000)), (0, 9_000_000));
    }
}
