//! What-if comparison of two runs (issue 13): per-message differences between two
//! `portsim-report/1` reports — status changed, completion time moved, attempts added or saved —
//! and their totals. `portsim diff A.json B.json [--json]` prints it (format `portsim-diff/1`,
//! docs/scenario-format.md); the page's Compare view lists the same entries.
//!
//! Instances are matched by (message name, port, group it came through, occurrence): the same
//! message copy in both runs, whatever its instance id.

use crate::engine::outcome::{InstanceStatus, SuspendReason};
use crate::engine::report::{InstanceReport, MessageName, Name, Report, Totals};
use serde::Serialize;
use std::collections::BTreeMap;

pub const DIFF_FORMAT: &str = "portsim-diff/1";

/// The comparison of run A with run B.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Diff {
    pub format: String,
    pub a: RunSide,
    pub b: RunSide,
    pub summary: DiffSummary,
    /// Only the message copies that differ, in A's order, then those only in B.
    pub messages: Vec<MessageDiff>,
}

/// One run's identity and totals.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct RunSide {
    pub scenario: String,
    pub seed: u64,
    pub end_ms: u64,
    pub totals: Totals,
}

/// Counts over the matched copies.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct DiffSummary {
    /// Copies present in both runs.
    pub compared: u64,
    /// Copies with any difference (listed in `messages`).
    pub changed: u64,
    /// Status differs, or the copy exists in one run only.
    pub outcome_changed: u64,
    pub status_changed: u64,
    pub completion_moved: u64,
    /// Sum of the positive attempt differences (B made more attempts).
    pub attempts_added: u64,
    /// Sum of the negative attempt differences (B made fewer attempts).
    pub attempts_saved: u64,
    pub only_in_a: u64,
    pub only_in_b: u64,
}

/// One copy's outcome in one run.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Outcome {
    pub status: InstanceStatus,
    pub reason: Option<SuspendReason>,
    pub completed_ms: Option<u64>,
    pub attempts: u64,
}

/// One message copy that differs.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct MessageDiff {
    pub message: MessageName,
    pub port: Name,
    pub via: Option<Name>,
    /// `None` when the copy does not exist in that run.
    pub a: Option<Outcome>,
    pub b: Option<Outcome>,
    pub status_changed: bool,
    /// B's completion minus A's, when both completed at different times.
    pub completion_moved_ms: Option<i64>,
    /// B's attempts minus A's.
    pub attempts_delta: i64,
}

impl MessageDiff {
    /// The filter "only messages whose outcome changed".
    pub fn outcome_changed(&self) -> bool {
        self.status_changed || self.a.is_none() || self.b.is_none()
    }
}

fn outcome(i: &InstanceReport) -> Outcome {
    Outcome { status: i.status, reason: i.reason, completed_ms: i.completed_ms, attempts: i.attempts.len() as u64 }
}

fn side(r: &Report) -> RunSide {
    RunSide { scenario: r.scenario.clone(), seed: r.seed, end_ms: r.end_ms, totals: r.totals.clone() }
}

type Key<'a> = (&'a MessageName, &'a str, Option<&'a str>, usize);

fn keys(r: &Report) -> Vec<Key<'_>> {
    let mut seen: BTreeMap<(&MessageName, &str, Option<&str>), usize> = BTreeMap::new();
    r.instances
        .iter()
        .map(|i| {
            let n = seen.entry((&i.message, &i.port, i.via.as_deref())).or_insert(0);
            *n += 1;
            (&i.message, i.port.as_str(), i.via.as_deref(), *n)
        })
        .collect()
}

/// Compares run A with run B.
pub fn diff(a: &Report, b: &Report) -> Diff {
    let keys_a = keys(a);
    let keys_b = keys(b);
    // Filled by `extend` (inserts), not `collect` (sort + bulk build): one less sort instantiated
    // in the wasm (issue 14 §2).
    let mut index_b: BTreeMap<Key<'_>, usize> = BTreeMap::new();
    index_b.extend(keys_b.iter().enumerate().map(|(i, k)| (*k, i)));
    let mut matched_b = vec![false; b.instances.len()];
    let mut summary = DiffSummary::default();
    let mut messages = Vec::new();
    for (ia, key) in keys_a.iter().enumerate() {
        let inst_a = &a.instances[ia];
        let oa = outcome(inst_a);
        let Some(&ib) = index_b.get(key) else {
            summary.only_in_a += 1;
            messages.push(MessageDiff {
                message: inst_a.message.clone(),
                port: inst_a.port.clone(),
                via: inst_a.via.clone(),
                attempts_delta: -(oa.attempts as i64),
                a: Some(oa),
                b: None,
                status_changed: false,
                completion_moved_ms: None,
            });
            continue;
        };
        matched_b[ib] = true;
        summary.compared += 1;
        let ob = outcome(&b.instances[ib]);
        let status_changed = oa.status != ob.status || oa.reason != ob.reason;
        let completion_moved_ms = match (oa.completed_ms, ob.completed_ms) {
            (Some(x), Some(y)) if x != y => Some(y as i64 - x as i64),
            _ => None,
        };
        let attempts_delta = ob.attempts as i64 - oa.attempts as i64;
        if !status_changed && completion_moved_ms.is_none() && attempts_delta == 0 {
            continue;
        }
        summary.status_changed += u64::from(status_changed);
        summary.completion_moved += u64::from(completion_moved_ms.is_some());
        messages.push(MessageDiff {
            message: inst_a.message.clone(),
            port: inst_a.port.clone(),
            via: inst_a.via.clone(),
            a: Some(oa),
            b: Some(ob),
            status_changed,
            completion_moved_ms,
            attempts_delta,
        });
    }
    for (_, inst_b) in b.instances.iter().enumerate().filter(|(i, _)| !matched_b[*i]) {
        summary.only_in_b += 1;
        let ob = outcome(inst_b);
        messages.push(MessageDiff {
            message: inst_b.message.clone(),
            port: inst_b.port.clone(),
            via: inst_b.via.clone(),
            attempts_delta: ob.attempts as i64,
            a: None,
            b: Some(ob),
            status_changed: false,
            completion_moved_ms: None,
        });
    }
    for m in &messages {
        if m.attempts_delta > 0 {
            summary.attempts_added += m.attempts_delta as u64;
        } else {
            summary.attempts_saved += m.attempts_delta.unsigned_abs();
        }
    }
    summary.changed = messages.len() as u64;
    summary.outcome_changed = messages.iter().filter(|m| m.outcome_changed()).count() as u64;
    Diff { format: DIFF_FORMAT.to_string(), a: side(a), b: side(b), summary, messages }
}

impl Diff {
    /// True when the two runs differ in no message copy and no total.
    pub fn is_empty(&self) -> bool {
        self.messages.is_empty() && self.a.totals == self.b.totals
    }

    /// Pretty JSON with a trailing newline (`portsim diff --json`).
    pub fn to_json(&self) -> String {
        let mut s = serde_json::to_string_pretty(self).unwrap_or_default();
        s.push('\n');
        s
    }

    /// The text form of `portsim diff`.
    pub fn to_text(&self) -> String {
        use std::fmt::Write as _;
        let mut out = String::new();
        let (ta, tb) = (&self.a.totals, &self.b.totals);
        let _ = writeln!(out, "A: {} (seed {})", self.a.scenario, self.a.seed);
        let _ = writeln!(out, "B: {} (seed {})", self.b.scenario, self.b.seed);
        let _ = writeln!(out, "{:<26}{:>10}{:>10}{:>10}", "", "A", "B", "B-A");
        let rows: [(&str, u64, u64); 7] = [
            ("instances", ta.instances, tb.instances),
            ("completed", ta.completed, tb.completed),
            ("suspended (resumable)", ta.suspended_resumable, tb.suspended_resumable),
            ("suspended (not resumable)", ta.suspended_not_resumable, tb.suspended_not_resumable),
            ("terminated", ta.terminated, tb.terminated),
            ("active", ta.active, tb.active),
            ("attempts", ta.attempts, tb.attempts),
        ];
        for (label, x, y) in rows {
            let _ = writeln!(out, "{label:<26}{x:>10}{y:>10}{:>+10}", y as i64 - x as i64);
        }
        let s = &self.summary;
        let _ = writeln!(
            out,
            "{} of {} message copies differ: {} status changed, {} completion moved, {} attempts added, {} saved, {} only in A, {} only in B",
            s.changed, s.compared, s.status_changed, s.completion_moved, s.attempts_added, s.attempts_saved, s.only_in_a, s.only_in_b
        );
        for m in &self.messages {
            let show = |o: &Option<Outcome>| match o {
                None => "-".to_string(),
                Some(o) => match o.completed_ms {
                    Some(c) => format!(
                        "{} at {} ({} attempts)",
                        o.status,
                        crate::engine::time::format_elapsed(crate::engine::time::SimTime(c)),
                        o.attempts
                    ),
                    None => format!("{} ({} attempts)", o.status, o.attempts),
                },
            };
            let via = m.via.as_deref().map(|g| format!(" via {g}")).unwrap_or_default();
            let _ = writeln!(out, "{} on {}{via}: {} -> {}", m.message, m.port, show(&m.a), show(&m.b));
        }
        out
    }
}
