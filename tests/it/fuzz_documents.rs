//! In-process fuzzing of scenario loading (issue 10 "Fuzzing in the repository").
//!
//! Documents are mutated from every golden scenario and every preset: type swaps, extreme
//! numbers and durations, deep nesting, huge strings, duplicate keys, control characters,
//! unknown and odd keys (`""`, `a/b`, `~`), removed fields. For each document:
//! - loading never panics;
//! - every error's location is a JSON Pointer (RFC 6901) to a node of the document, or to the
//!   parent of a missing field; at most `MAX_ERRORS` errors plus one closing entry;
//! - an accepted document exports (`ScenarioSpec::to_json`) and re-imports to the same model and
//!   the same export text (exact round trip);
//! - running it stays within a bounded event budget (no hang on `until` at the end of time).
//!
//! 10,000 documents by default (`make test`); `PORTSIM_FUZZ_CASES=1000000` for a long run.
//! A failure prints the case seed and the command that replays exactly that document:
//! `PORTSIM_FUZZ_SEED=<seed> cargo test --test it fuzz_documents -- --nocapture`.

use portsim::engine::rng::SplitMix64;
use portsim::engine::scenario::error::MAX_ERRORS;
use portsim::engine::scenario::json_walk::pointer_tokens;
use portsim::engine::scenario::load_spec;
use portsim::engine::Simulation;
use serde_json::{Map, Value};
use std::path::PathBuf;

/// Events one accepted document may process in this test (the engine's own work limits come on top).
const EVENT_BUDGET: usize = 1_000;

fn seeds() -> Vec<(String, Value)> {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let mut out = Vec::new();
    for dir in ["tests/data/scenarios", "src/presets"] {
        let mut files: Vec<PathBuf> = std::fs::read_dir(root.join(dir))
            .expect("seed directory")
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| {
                let name = p.file_name().and_then(|n| n.to_str()).unwrap_or_default();
                name.ends_with(".json") && !name.ends_with(".report.json")
            })
            .collect();
        files.sort();
        for f in files {
            let text = std::fs::read_to_string(&f).expect("seed file");
            if let Ok(v) = serde_json::from_str::<Value>(&text) {
                out.push((f.display().to_string(), v));
            }
        }
    }
    assert!(out.len() > 30, "golden scenarios and presets are the seeds ({} found)", out.len());
    out
}

const ODD_NUMBERS: [&str; 14] = [
    "0",
    "-1",
    "1001",
    "9007199254740993",
    "9223372036854775807",
    "9223372036854775808",
    "18446744073709551615",
    "-9223372036854775809",
    "1099999999999999999999999999",
    "1.1e27",
    "1e308",
    "-0.0",
    "0.1",
    "2.5",
];
const ODD_DURATIONS: [&str; 9] =
    ["0ms", "-1s", "18446744073709551615ms", "213503982334d", "99999999999999999999d", "1h30m", "5", "1m1h", "1.5s"];
const ODD_KEYS: [&str; 6] = ["", "a/b", "~", "~1", "BTS.ReceivePortName", "retryCont"];
const CONTROL: &str = "\u{0}\u{1b}[2J\u{7}\u{9b}\u{7f}";

/// A random node of the document (the root included), by a random walk down.
fn pick<'a>(rng: &mut SplitMix64, v: &'a mut Value) -> &'a mut Value {
    let depth = rng.below(6);
    let mut cur = v;
    for _ in 0..depth {
        let len = match &*cur {
            Value::Array(a) => a.len(),
            Value::Object(o) => o.len(),
            _ => 0,
        };
        if len == 0 {
            break;
        }
        let i = rng.below(len as u64) as usize;
        cur = match cur {
            Value::Array(a) => &mut a[i],
            Value::Object(o) => match o.values_mut().nth(i) {
                Some(next) => next,
                None => unreachable!("index below the object's length"),
            },
            _ => unreachable!("only containers have children"),
        };
    }
    cur
}

fn odd_value(rng: &mut SplitMix64) -> Value {
    let n = |s: &str| serde_json::from_str::<Value>(s).unwrap_or(Value::Null);
    match rng.below(10) {
        0 => n(ODD_NUMBERS[rng.below(ODD_NUMBERS.len() as u64) as usize]),
        1 => Value::String(ODD_DURATIONS[rng.below(ODD_DURATIONS.len() as u64) as usize].into()),
        2 => Value::String(format!("X{CONTROL}Y")),
        // Huge strings: now and then near 200,000 characters, mostly a few thousand (keeps CI fast).
        3 if rng.below(8) == 0 => Value::String("x".repeat(200_000)),
        3 => Value::String("x".repeat(1 + rng.below(3_000) as usize)),
        4 => Value::Null,
        5 => Value::Bool(rng.below(2) == 0),
        6 => Value::Array(vec![]),
        7 => Value::Object(Map::new()),
        8 => {
            let mut v = Value::from(1);
            for _ in 0..(1 + rng.below(80)) {
                v = Value::Array(vec![v]);
            }
            v
        }
        _ => Value::String(String::new()),
    }
}

/// One mutated document as text; a few mutations work on the text (duplicate keys).
fn mutate(rng: &mut SplitMix64, base: &Value) -> String {
    let mut doc = base.clone();
    let mut duplicate = false;
    for _ in 0..=rng.below(3) {
        let target = pick(rng, &mut doc);
        match rng.below(6) {
            0 | 1 => *target = odd_value(rng),
            2 => {
                if let Value::Object(o) = target {
                    let key = ODD_KEYS[rng.below(ODD_KEYS.len() as u64) as usize];
                    let key = if rng.below(3) == 0 { format!("{key}{CONTROL}") } else { key.to_string() };
                    o.insert(key, odd_value(rng));
                }
            }
            3 => {
                if let Value::Object(o) = target {
                    let len = o.len() as u64;
                    if len > 0 {
                        let key = o.keys().nth(rng.below(len) as usize).cloned().unwrap_or_default();
                        o.remove(&key);
                    }
                }
            }
            4 => {
                // Type swap: the same content as another JSON type.
                let swapped = match &*target {
                    Value::String(s) => s.parse::<f64>().ok().map(Value::from).unwrap_or(Value::Bool(true)),
                    Value::Number(n) => Value::String(n.to_string()),
                    Value::Bool(b) => Value::String(b.to_string()),
                    Value::Array(a) => {
                        Value::Object(a.iter().enumerate().map(|(i, v)| (i.to_string(), v.clone())).collect())
                    }
                    Value::Object(o) => Value::Array(o.values().cloned().collect()),
                    Value::Null => Value::from(0),
                };
                *target = swapped;
            }
            _ => duplicate = true,
        }
    }
    let text = doc.to_string();
    if duplicate {
        duplicate_a_key(rng, &text)
    } else {
        text
    }
}

/// Repeats one `"key":` of the text right after its value's object opens: `{"a":1}` → `{"a":0,"a":1}`.
fn duplicate_a_key(rng: &mut SplitMix64, text: &str) -> String {
    let opens: Vec<usize> = text.match_indices("{\"").map(|(i, _)| i).collect();
    if opens.is_empty() {
        return text.to_string();
    }
    let at = opens[rng.below(opens.len() as u64) as usize];
    let rest = &text[at + 1..];
    let Some(end) = rest.find("\":") else { return text.to_string() };
    let key = &rest[..end + 1];
    format!("{}{{{key}:0,{}", &text[..at], rest)
}

/// Checks one document; `Err` describes the broken property.
fn check(text: &str) -> Result<&'static str, String> {
    let parsed: Option<Value> = serde_json::from_str(text).ok();
    match load_spec(text) {
        Err(e) => {
            if e.errors.is_empty() || e.errors.len() > MAX_ERRORS + 1 {
                return Err(format!("{} errors listed (cap {MAX_ERRORS} + 1)", e.errors.len()));
            }
            for err in &e.errors {
                let Some(tokens) = pointer_tokens(&err.path) else {
                    return Err(format!("not a JSON Pointer: {err}"));
                };
                let Some(doc) = &parsed else { continue };
                if err.path.is_empty() {
                    continue;
                }
                let exists = doc.pointer(&err.path).is_some();
                let parent = tokens.len().checked_sub(1).map(|n| {
                    let mut p = String::new();
                    for t in &tokens[..n] {
                        p.push('/');
                        p.push_str(&t.replace('~', "~0").replace('/', "~1"));
                    }
                    p
                });
                let parent_exists = parent.is_some_and(|p| p.is_empty() || doc.pointer(&p).is_some());
                if !exists && !parent_exists {
                    return Err(format!("points to no node (nor its parent): {err}"));
                }
            }
            Ok("refused")
        }
        Ok((spec, model)) => {
            let exported = spec.to_json();
            let (again, model_again) = load_spec(&exported).map_err(|e| format!("export not re-importable: {e}"))?;
            if model_again != model {
                return Err("export → import changed the model".to_string());
            }
            if again.to_json() != exported {
                return Err("a second export differs from the first".to_string());
            }
            let mut sim = Simulation::new(&model);
            let mut events = 0;
            while events < EVENT_BUDGET && sim.step() {
                events += 1;
            }
            let _ = sim.report();
            Ok("accepted")
        }
    }
}

fn case_seed(base: u64, i: u64) -> u64 {
    SplitMix64::new(base ^ i.wrapping_mul(0x9E37_79B9_7F4A_7C15)).next_u64()
}

fn run_case(seeds: &[(String, Value)], seed: u64) -> (String, Result<&'static str, String>) {
    let mut rng = SplitMix64::new(seed);
    let (name, base) = &seeds[rng.below(seeds.len() as u64) as usize];
    let text = mutate(&mut rng, base);
    let outcome = std::panic::catch_unwind(|| check(&text)).unwrap_or_else(|p| {
        let what = p.downcast_ref::<String>().cloned().or_else(|| p.downcast_ref::<&str>().map(|s| s.to_string()));
        Err(format!("panic: {}", what.unwrap_or_default()))
    });
    (format!("{name}: {}", text.chars().take(300).collect::<String>()), outcome)
}

#[test]
fn fuzz_documents() {
    let seeds = seeds();
    let env = |k: &str| std::env::var(k).ok().and_then(|v| v.parse::<u64>().ok());
    if let Some(seed) = env("PORTSIM_FUZZ_SEED") {
        let (doc, outcome) = run_case(&seeds, seed);
        println!("case {seed}: {outcome:?}\n{doc}");
        assert!(outcome.is_ok(), "case {seed}: {outcome:?}");
        return;
    }
    let cases = env("PORTSIM_FUZZ_CASES").unwrap_or(10_000);
    let base = env("PORTSIM_FUZZ_BASE").unwrap_or(2026);
    let (mut accepted, mut refused) = (0u64, 0u64);
    for i in 0..cases {
        let seed = case_seed(base, i);
        match run_case(&seeds, seed) {
            (_, Ok("accepted")) => accepted += 1,
            (_, Ok(_)) => refused += 1,
            (doc, Err(why)) => panic!(
                "fuzz case {i} failed: {why}\n  document: {doc}\n  replay: PORTSIM_FUZZ_SEED={seed} cargo test --test it fuzz_documents -- --nocapture"
            ),
        }
    }
    println!("{cases} documents: {accepted} accepted, {refused} refused");
    assert!(
        accepted > cases / 20 && refused > cases / 5,
        "{accepted} accepted, {refused} refused: mutations too weak or too strong"
    );
}
