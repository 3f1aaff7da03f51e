//! Work limits (issue 9 §4): every run stops cleanly when it has created too many instances,
//! processed too many events, or holds too much live memory — instead of growing until the
//! browser tab or the CLI dies.
//!
//! ```text
//!   step() ─▶ handle event ─▶ Limits::check(instances, events, memory estimate)
//!                                   │ over a limit
//!                                   ▼
//!              LimitHit { kind, limit, at, counts, what was growing } ─▶ finished
//!                 report.limit · trace `end` line · CLI stderr · page notice
//! ```
//!
//! The memory figure is an **estimate from counts × measured sizes** (`MemoryModel`): computing
//! it is a handful of multiplications, so it is checked after every event. The defaults keep a
//! browser tab alive (wasm32 memory tops out at 4 GiB; Chromium tabs die well before that on
//! small machines) and let the 1,000,000-message benchmark scenario run to the end.
//!
//! Limits come from, in increasing precedence: the defaults, the scenario's optional `limits`
//! object, and the caller (CLI `--max-instances N --max-events N --max-memory-mb N`, the JS API's
//! `limits` option, the page's rerun offer).

use super::time::SimTime;
use serde::{Deserialize, Serialize};

/// Default: instances (service instances created, one per message per port).
pub const DEFAULT_MAX_INSTANCES: u64 = 2_000_000;
/// Default: events processed (injections, dispatches, attempt ends, script actions).
pub const DEFAULT_MAX_EVENTS: u64 = 20_000_000;
/// Default: estimated live memory of the engine, in MiB.
pub const DEFAULT_MAX_MEMORY_MB: u64 = 1_024;
/// Largest value a scenario or caller may set (each limit): beyond it the guard means nothing.
pub const MAX_LIMIT_VALUE: u64 = 1_000_000_000_000;

/// The limits of one run.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Limits {
    pub max_instances: u64,
    pub max_events: u64,
    pub max_memory_mb: u64,
}

impl Default for Limits {
    fn default() -> Limits {
        Limits {
            max_instances: DEFAULT_MAX_INSTANCES,
            max_events: DEFAULT_MAX_EVENTS,
            max_memory_mb: DEFAULT_MAX_MEMORY_MB,
        }
    }
}

/// Optional overrides (a CLI flag, a JS API option): `None` keeps the current value.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct LimitOverrides {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_instances: Option<u64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_events: Option<u64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_memory_mb: Option<u64>,
}

impl LimitOverrides {
    /// The CLI flags, each followed by a number (`--max-instances 5000000`, or `--max-events=…`).
    pub const CLI_FLAGS: [&'static str; 3] = ["--max-instances", "--max-events", "--max-memory-mb"];
    /// True when `arg` is one of the CLI flags (bare or `--flag=value`).
    pub fn is_cli_flag(arg: &str) -> bool {
        Self::CLI_FLAGS.iter().any(|f| arg == *f || arg.strip_prefix(f).is_some_and(|r| r.starts_with('=')))
    }
    /// Applies one CLI flag and its value; the error names the flag and the allowed range.
    pub fn apply_cli_flag(&mut self, flag: &str, value: Option<&str>) -> Result<(), String> {
        let (flag, value) = match flag.split_once('=') {
            Some((f, v)) => (f, Some(v)),
            None => (flag, value),
        };
        let rule = format!("{flag} needs an integer from 1 to {MAX_LIMIT_VALUE}, e.g. {flag} 5000000");
        let n: u64 = value.and_then(|v| v.parse().ok()).filter(|n| (1..=MAX_LIMIT_VALUE).contains(n)).ok_or(rule)?;
        match flag {
            "--max-instances" => self.max_instances = Some(n),
            "--max-events" => self.max_events = Some(n),
            "--max-memory-mb" => self.max_memory_mb = Some(n),
            other => return Err(format!("unknown option '{other}'")),
        }
        Ok(())
    }
}

impl Limits {
    /// These limits with the given overrides applied (each clamped to 1..=`MAX_LIMIT_VALUE`).
    pub fn with(self, o: LimitOverrides) -> Limits {
        let clamp = |v: u64| v.clamp(1, MAX_LIMIT_VALUE);
        Limits {
            max_instances: o.max_instances.map_or(self.max_instances, clamp),
            max_events: o.max_events.map_or(self.max_events, clamp),
            max_memory_mb: o.max_memory_mb.map_or(self.max_memory_mb, clamp),
        }
    }
    /// Each limit multiplied by `factor` (the page's "rerun with higher limits"), saturating.
    pub fn scaled(self, factor: u64) -> Limits {
        let s = |v: u64| v.saturating_mul(factor).clamp(1, MAX_LIMIT_VALUE);
        Limits {
            max_instances: s(self.max_instances),
            max_events: s(self.max_events),
            max_memory_mb: s(self.max_memory_mb),
        }
    }
    /// The first limit the counts exceed, instances first.
    pub fn check(&self, instances: u64, events: u64, memory_bytes: u64) -> Option<LimitKind> {
        if instances > self.max_instances {
            Some(LimitKind::Instances)
        } else if events > self.max_events {
            Some(LimitKind::Events)
        } else if memory_bytes > self.max_memory_mb.saturating_mul(MIB) {
            Some(LimitKind::Memory)
        } else {
            None
        }
    }
    /// The value of one limit (instances, events, or MiB).
    pub fn value(&self, kind: LimitKind) -> u64 {
        match kind {
            LimitKind::Instances => self.max_instances,
            LimitKind::Events => self.max_events,
            LimitKind::Memory => self.max_memory_mb,
        }
    }
}

const MIB: u64 = 1024 * 1024;

/// Which limit stopped a run.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum LimitKind {
    Instances,
    Events,
    Memory,
}

impl LimitKind {
    /// The report's `limit.kind` value.
    pub fn code(self) -> &'static str {
        match self {
            LimitKind::Instances => "instances",
            LimitKind::Events => "events",
            LimitKind::Memory => "memory",
        }
    }
    /// The CLI flag that raises it.
    pub fn flag(self) -> &'static str {
        match self {
            LimitKind::Instances => "--max-instances",
            LimitKind::Events => "--max-events",
            LimitKind::Memory => "--max-memory-mb",
        }
    }
    /// The scenario field that raises it (`limits.<field>`).
    pub fn field(self) -> &'static str {
        match self {
            LimitKind::Instances => "maxInstances",
            LimitKind::Events => "maxEvents",
            LimitKind::Memory => "maxMemoryMb",
        }
    }
}

/// What a run that reached a limit reports (`report.limit`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct LimitReport {
    /// `instances`, `events` or `memory`.
    pub kind: String,
    /// The limit's value (instances, events, or MiB).
    pub limit: u64,
    /// When the run stopped (simulated time).
    pub at_ms: u64,
    pub instances: u64,
    pub events: u64,
    /// The memory estimate when it stopped, in MiB (rounded up).
    pub memory_mb: u64,
    /// What was growing, e.g. "responses of S0, S1 and S2 subscribe to each other: 262,144 instances".
    pub growing: String,
    /// The same, as a code and arguments (the page renders it in any language).
    #[serde(skip)]
    pub growth: Growth,
    /// One English sentence: which limit, when, what was growing, how to raise it.
    pub message: String,
}

impl LimitReport {
    /// This record's JSON as `report.limit` writes it (the JS API's `limits().reached`): through
    /// the report's own serialiser (pretty), so a page links no second copy of it (issue 14 §1).
    pub fn to_json(&self) -> String {
        serde_json::to_string_pretty(self).unwrap_or_default()
    }

    pub fn new(kind: LimitKind, limits: &Limits, at: SimTime, counts: Counts, growth: Growth) -> LimitReport {
        let growing = growth.english();
        let limit = limits.value(kind);
        let what = match kind {
            LimitKind::Instances => format!("the instance limit ({} instances)", group_digits(limit)),
            LimitKind::Events => format!("the event limit ({} events)", group_digits(limit)),
            LimitKind::Memory => format!("the memory limit ({} MB, estimated)", group_digits(limit)),
        };
        let message = format!(
            "Stopped at {at}: the run reached {what}; {growing}. {} instances, {} events, about {} MB. \
             Raise it with {} N (CLI) or the scenario's limits.{}.",
            group_digits(counts.instances),
            group_digits(counts.events),
            group_digits(counts.memory_bytes.div_ceil(MIB)),
            kind.flag(),
            kind.field(),
        );
        LimitReport {
            kind: kind.code().to_string(),
            limit,
            at_ms: at.as_ms(),
            instances: counts.instances,
            events: counts.events,
            memory_mb: counts.memory_bytes.div_ceil(MIB),
            growing,
            growth,
            message,
        }
    }
}

impl Default for Growth {
    fn default() -> Growth {
        Growth::Queue { events: 0 }
    }
}

/// What was growing when a limit stopped the run (`limit_guard.rs` diagnoses it).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Growth {
    /// Nothing stood out: the queued events.
    Queue { events: u64 },
    /// §9: the responses of one solicit-response port are taken by that port again.
    ResponsesSelf { port: String, instances: u64 },
    /// §9: the responses of several solicit-response ports are taken by each other.
    ResponsesEach { ports: Vec<String>, instances: u64 },
    /// §6: failed messages routed to send ports again.
    FailedMessages { instances: u64 },
    /// §3: messages nobody subscribes to.
    RoutingFailures { count: u64 },
    /// §6: retries (and backup) of one port.
    Attempts { port: String, attempts: u64, instances: u64 },
    /// The port with the most instances.
    Instances { port: String, instances: u64, total: u64, messages: u64 },
}

impl Growth {
    /// The catalogue key suffix (`obs.limit.grow.<code>`) of this phrase.
    pub fn code(&self) -> &'static str {
        match self {
            Growth::Queue { .. } => "queue",
            Growth::ResponsesSelf { .. } => "responses_self",
            Growth::ResponsesEach { .. } => "responses_each",
            Growth::FailedMessages { .. } => "failed_messages",
            Growth::RoutingFailures { .. } => "routing_failures",
            Growth::Attempts { .. } => "attempts",
            Growth::Instances { .. } => "instances",
        }
    }
    /// The named values of the phrase (numbers grouped; names as given).
    pub fn args(&self) -> Vec<(&'static str, String)> {
        let n = group_digits;
        match self {
            Growth::Queue { events } => vec![("n", n(*events))],
            Growth::ResponsesSelf { port, instances } => vec![("port", port.clone()), ("n", n(*instances))],
            Growth::ResponsesEach { ports, instances } => {
                vec![("ports", list_names(ports, 6)), ("n", n(*instances))]
            }
            Growth::FailedMessages { instances } => vec![("n", n(*instances))],
            Growth::RoutingFailures { count } => vec![("n", n(*count))],
            Growth::Attempts { port, attempts, instances } => {
                vec![("port", port.clone()), ("attempts", n(*attempts)), ("n", n(*instances))]
            }
            Growth::Instances { port, instances, total, messages } => {
                vec![("port", port.clone()), ("n", n(*instances)), ("total", n(*total)), ("messages", n(*messages))]
            }
        }
    }
    /// The English template of `code` (the i18n catalogue's English entry is the same text).
    pub fn template(code: &str) -> &'static str {
        match code {
            "responses_self" => "responses of {port} subscribe to {port} itself: {n} instances",
            "responses_each" => "responses of {ports} subscribe to each other: {n} instances",
            "failed_messages" => "failed messages are routed to send ports again (§6): {n} instances",
            "routing_failures" => "routing failures (messages nobody subscribes to): {n}",
            "attempts" => {
                "transport attempts of {port} (retries and backup, §6): {attempts} attempts for {n} instances"
            }
            "instances" => "instances of {port}: {n} of {total} instances, from {messages} messages",
            _ => "queued events: {n}",
        }
    }
    /// The English phrase.
    pub fn english(&self) -> String {
        let mut text = Growth::template(self.code()).to_string();
        for (k, v) in self.args() {
            text = text.replace(&format!("{{{k}}}"), &v);
        }
        text
    }
}

/// The counts the limits are checked against.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Counts {
    pub instances: u64,
    pub events: u64,
    pub memory_bytes: u64,
}

// Live-memory estimate (see `limit_guard.rs`): counts × `size_of` the engine's records, plus the
// heap bytes an item owns besides, measured on the presets and the benchmark scenario (names,
// texts, contexts) with the CLI's peak RSS (`/usr/bin/time -v`). Views of the run (`instances()`)
// are not counted: the estimate must not depend on how the run is watched.

/// Bytes counted per record, fixed so the estimate — and so the event at which a memory limit
/// stops a run — is the same natively and in wasm32, whose pointers are smaller (the brief: same
/// scenario and seed, same trace, byte for byte). They are the 64-bit `size_of` values;
/// `limit_guard::tests::record_sizes_match_the_native_layout` keeps them current.
pub const INST_BYTES: u64 = 32;
/// Bytes of one timeline fact (its instance included: no side array since issue 9's third round).
pub const FACT_BYTES: u64 = 16;
/// Bytes of one message record.
pub const MSG_BYTES: u64 = 24;
/// Bytes of one queued event entry.
pub const QUEUE_ENTRY_BYTES: u64 = 40;
/// Bytes of one trace line kept whole (`TraceSlot`, `trace_store.rs`).
pub const TRACE_SLOT_BYTES: u64 = 8;
/// Bytes of one 64-line chunk of the trace store (most lines take no other byte).
pub const TRACE_CHUNK_BYTES: u64 = 48;
/// Bytes of one whole trace record (the side table of rare lines).
pub const TRACE_RECORD_BYTES: u64 = 16;
/// Bytes of one administrative trace line record.
pub const ADMIN_LINE_BYTES: u64 = 72;
/// Bytes of one routing-failure record.
pub const ROUTING_FAILURE_BYTES: u64 = 80;

/// Heap bytes of a derived message (name + its own response / error context).
pub const DERIVED_MESSAGE_HEAP: u64 = 160;
/// Heap bytes of one routing failure (its name and the §3 error text).
pub const ROUTING_FAILURE_HEAP: u64 = 380;

/// Formats an integer with thousands separators (`1,234,567`).
pub fn group_digits(n: u64) -> String {
    let s = n.to_string();
    let mut out = String::with_capacity(s.len() + s.len() / 3);
    for (i, c) in s.chars().enumerate() {
        if i > 0 && (s.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// "A", "A and B", "A, B and C" (at most `max` names, then "and N more").
pub fn list_names(names: &[String], max: usize) -> String {
    let shown: Vec<&str> = names.iter().take(max).map(String::as_str).collect();
    let more = names.len().saturating_sub(max);
    match (shown.as_slice(), more) {
        ([], _) => String::new(),
        ([one], 0) => (*one).to_string(),
        (many, 0) => format!("{} and {}", many[..many.len() - 1].join(", "), many[many.len() - 1]),
        (many, n) => format!("{} and {n} more", many.join(", ")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn check_names_the_first_limit_exceeded() {
        let l = Limits { max_instances: 10, max_events: 100, max_memory_mb: 1 };
        assert_eq!(l.check(10, 100, MIB), None, "reaching a limit is allowed; passing it stops");
        assert_eq!(l.check(11, 0, 0), Some(LimitKind::Instances));
        assert_eq!(l.check(0, 101, 0), Some(LimitKind::Events));
        assert_eq!(l.check(0, 0, MIB + 1), Some(LimitKind::Memory));
        assert_eq!(l.check(11, 101, u64::MAX), Some(LimitKind::Instances));
    }

    #[test]
    fn overrides_and_scaling_stay_in_range() {
        let l = Limits::default().with(LimitOverrides { max_events: Some(0), ..Default::default() });
        assert_eq!(l.max_events, 1);
        assert_eq!(l.max_instances, DEFAULT_MAX_INSTANCES);
        assert_eq!(Limits::default().scaled(u64::MAX).max_memory_mb, MAX_LIMIT_VALUE);
    }

    #[test]
    fn cli_flags_parse_with_a_space_or_an_equals_sign() {
        let mut o = LimitOverrides::default();
        assert!(LimitOverrides::is_cli_flag("--max-events=5") && !LimitOverrides::is_cli_flag("--max-eventsx"));
        o.apply_cli_flag("--max-instances", Some("500")).unwrap();
        o.apply_cli_flag("--max-memory-mb=64", None).unwrap();
        assert_eq!(o, LimitOverrides { max_instances: Some(500), max_events: None, max_memory_mb: Some(64) });
        for bad in [None, Some("0"), Some("-1"), Some("x"), Some("1000000000001")] {
            let e = o.apply_cli_flag("--max-events", bad).unwrap_err();
            assert!(e.contains("--max-events needs an integer from 1 to"), "{e}");
        }
    }

    #[test]
    fn formats_counts_and_names() {
        assert_eq!(group_digits(0), "0");
        assert_eq!(group_digits(1_234_567), "1,234,567");
        assert_eq!(group_digits(100), "100");
        let names: Vec<String> = ["S0", "S1", "S2"].iter().map(|s| s.to_string()).collect();
        assert_eq!(list_names(&names, 5), "S0, S1 and S2");
        assert_eq!(list_names(&names[..1], 5), "S0");
        assert_eq!(list_names(&names, 2), "S0, S1 and 1 more");
    }

    #[test]
    fn report_message_says_which_limit_when_and_how_to_raise_it() {
        let counts = Counts { instances: 11, events: 40, memory_bytes: 3 * MIB };
        let r = LimitReport::new(
            LimitKind::Instances,
            &Limits { max_instances: 10, ..Limits::default() },
            SimTime(60_000),
            counts,
            Growth::ResponsesEach { ports: vec!["S0".into(), "S1".into()], instances: 11 },
        );
        assert_eq!(r.kind, "instances");
        assert_eq!(r.memory_mb, 3);
        assert_eq!(
            r.message,
            "Stopped at 00:01:00.000: the run reached the instance limit (10 instances); responses of S0 and S1 \
             subscribe to each other: 11 instances. 11 instances, 40 events, about 3 MB. Raise it with \
             --max-instances N (CLI) or the scenario's limits.maxInstances."
        );
    }
}
