//! The debrief shown after a lesson has Passed: the Why? line of the lesson's key instance (the
//! engine's explanation step that cites the lesson's rule) and the seed-table row the lesson is
//! about (L1–L4 lifecycle table, C1–C6 combined-state table, seed 002; §4/§6/§7 rules).

use super::Lesson;
use crate::engine::time::format_elapsed;
use crate::engine::Simulation;
use crate::i18n::{explain_text, t, tf, Lang};

/// Lifecycle table rows (seed 002): rule, action, from Bound, from Stopped, from Started
/// (catalogue keys; the Why? panel shows the same table).
pub(crate) const LIFECYCLE_ROWS: [(&str, &str, &str, &str, &str); 4] = [
    ("L1", "obs.why.l.enlist", "obs.why.to_stopped", "obs.why.na", "obs.why.na"),
    ("L2", "obs.why.l.start", "obs.why.to_started_enlists", "obs.why.to_started", "obs.why.na"),
    ("L3", "obs.why.l.stop", "obs.why.na", "obs.why.na", "obs.why.to_stopped"),
    ("L4", "obs.why.l.unenlist", "obs.why.na", "obs.why.to_bound", "obs.why.to_bound"),
];

/// Combined-state rows (seed 002): rule, message sent, group state, port state, outcome
/// (catalogue keys; the Why? panel shows the same table).
pub(crate) const COMBINED_ROWS: [(&str, &str, &str, &str, &str); 5] = [
    ("C1", "obs.why.c.direct", "obs.why.any", "obs.why.started", "obs.why.processed"),
    ("C2", "obs.why.c.direct", "obs.why.any", "obs.why.stopped", "obs.why.suspended_port"),
    ("C3", "obs.why.c.group", "obs.why.started", "obs.why.started", "obs.why.processed"),
    ("C4", "obs.why.c.group", "obs.why.any", "obs.why.stopped", "obs.why.suspended_port"),
    ("C5", "obs.why.c.group", "obs.why.stopped", "obs.why.any", "obs.why.suspended_group"),
];

/// The seed row of `rule` in words: "C2 — Directly to the send port · group Any · port Stopped →
/// Suspended (resumable), …"; rules outside the two tables (C6, §4, §6, §7) by their sentence.
pub fn seed_row_text(lang: Lang, rule: &str) -> String {
    if let Some((id, action, bound, stopped, started)) = LIFECYCLE_ROWS.iter().find(|r| r.0 == rule) {
        return tf(
            lang,
            "tutorial.seed.lifecycle_row",
            &[
                ("rule", id),
                ("action", t(lang, action)),
                ("bound", t(lang, bound)),
                ("stopped", t(lang, stopped)),
                ("started", t(lang, started)),
            ],
        );
    }
    if let Some((id, sent, group, port, outcome)) = COMBINED_ROWS.iter().find(|r| r.0 == rule) {
        return tf(
            lang,
            "tutorial.seed.combined_row",
            &[
                ("rule", id),
                ("sent", t(lang, sent)),
                ("group", t(lang, group)),
                ("port", t(lang, port)),
                ("outcome", t(lang, outcome)),
            ],
        );
    }
    let key = match rule {
        "C6" => "tutorial.seed.c6",
        "§4" => "tutorial.seed.s4",
        "§6" => "tutorial.seed.s6",
        _ => "tutorial.seed.s7",
    };
    t(lang, key).to_string()
}

/// What the debrief shows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Debrief {
    /// The key instance: message, send port and its id (for "open its Why?").
    pub instance: Option<(String, String, u64)>,
    /// Its Why? line in `lang`: "00:30:00.000 · C1 · …".
    pub why: Option<String>,
    /// The seed row's rule id and its words.
    pub rule: &'static str,
    pub row: String,
}

/// The debrief of `lesson` on the run as it is now.
pub fn debrief(lang: Lang, lesson: &Lesson, sim: &Simulation) -> Debrief {
    let (message, port) = lesson.key_instance;
    let info = sim.instances().iter().rev().find(|i| i.message == message && i.port == port);
    let why = info.and_then(|i| {
        let steps = sim.explain(i.id);
        let step = steps
            .iter()
            .rev()
            .find(|s| s.rule == lesson.seed_row)
            .or_else(|| steps.iter().rev().find(|s| lesson.rules.contains(&s.rule.as_str())))
            .or_else(|| steps.last())?;
        let text = explain_text(lang, &step.code, &step.args).unwrap_or_else(|| step.text.clone());
        Some(format!("{} · {} · {text}", format_elapsed(step.at), step.rule))
    });
    Debrief {
        instance: info.map(|i| (i.message.clone(), i.port.clone(), i.id)),
        why,
        rule: lesson.seed_row,
        row: seed_row_text(lang, lesson.seed_row),
    }
}
