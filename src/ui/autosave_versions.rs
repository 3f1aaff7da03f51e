//! Earlier versions of the autosaved scenario (issue 10, "keep the last few versions"): a ring of
//! at most `MAX_VERSIONS` distinct documents, newest first, bounded to `MAX_TOTAL_CHARS` in all,
//! kept in localStorage under `VERSIONS_KEY` next to the autosave (`persist.rs`). Pure functions
//! over strings, so the ring's rules are tested natively; `app.rs` does the storage calls (every
//! write checked) and the "Restore an earlier version" dialog reads the list. An embed never
//! reads or writes it.

use serde_json::{json, Value};

pub const VERSIONS_KEY: &str = "portsim.autosave.v1.versions";
/// How many documents the ring keeps (the current one included).
pub const MAX_VERSIONS: usize = 5;
/// The ring's total size in characters (scenario texts and names): localStorage holds about
/// 5 M characters per site and the autosave itself must keep room to grow.
pub const MAX_TOTAL_CHARS: usize = 1_000_000;

/// One kept document: when it was saved (ms since the epoch), its name, its scenario JSON.
#[derive(Debug, Clone, PartialEq)]
pub struct Version {
    pub saved_ms: f64,
    pub name: String,
    pub scenario: String,
}

impl Version {
    fn size(&self) -> usize {
        self.scenario.len() + self.name.len()
    }
}

/// Reads a stored ring; a missing, foreign or damaged value reads as empty (never a crash), and
/// damaged entries are skipped.
pub fn parse(stored: Option<&str>) -> Vec<Version> {
    let Some(v) = stored.and_then(|s| serde_json::from_str::<Value>(s).ok()) else { return Vec::new() };
    let Some(items) = v.get("versions").and_then(Value::as_array) else { return Vec::new() };
    items
        .iter()
        .filter_map(|e| {
            Some(Version {
                saved_ms: e.get("t").and_then(Value::as_f64)?,
                name: e.get("name").and_then(Value::as_str)?.to_string(),
                scenario: e.get("scenario").and_then(Value::as_str)?.to_string(),
            })
        })
        .take(MAX_VERSIONS)
        .collect()
}

/// The stored text of a ring.
pub fn serialize(ring: &[Version]) -> String {
    let items: Vec<Value> =
        ring.iter().map(|v| json!({"t": v.saved_ms, "name": v.name, "scenario": v.scenario})).collect();
    json!({"format": "portsim-autosave-versions/1", "versions": items}).to_string()
}

/// The ring after saving `scenario`: `None` when nothing changes (the newest kept version is this
/// very document, e.g. only the view changed). Otherwise the document goes first, the oldest
/// versions drop out beyond `MAX_VERSIONS` or `MAX_TOTAL_CHARS`; a document larger than the
/// whole budget is not kept (the older versions stay).
pub fn push(ring: &[Version], scenario: &str, name: &str, now_ms: f64) -> Option<Vec<Version>> {
    if ring.first().is_some_and(|v| v.scenario == scenario) {
        return None;
    }
    let new = Version { saved_ms: now_ms, name: name.to_string(), scenario: scenario.to_string() };
    if new.size() > MAX_TOTAL_CHARS {
        return None;
    }
    let mut total = new.size();
    let mut out = vec![new];
    for v in ring.iter().filter(|v| v.scenario != scenario) {
        if out.len() == MAX_VERSIONS || total + v.size() > MAX_TOTAL_CHARS {
            break;
        }
        total += v.size();
        out.push(v.clone());
    }
    Some(out)
}

/// What a version holds, to tell versions of one name apart: (send ports, send port groups).
pub fn counts(v: &Version) -> (usize, usize) {
    let doc = serde_json::from_str::<Value>(&v.scenario).unwrap_or(Value::Null);
    let n = |k: &str| doc.get(k).and_then(Value::as_array).map_or(0, Vec::len);
    (n("sendPorts"), n("sendPortGroups"))
}

/// The versions the dialog offers: every kept one except the document open now.
pub fn earlier<'a>(ring: &'a [Version], current: &str) -> Vec<&'a Version> {
    ring.iter().filter(|v| v.scenario != current).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn doc(n: usize) -> String {
        format!(r#"{{"format":"portsim-scenario/1","name":"S{n}"}}"#)
    }

    fn pushed(ring: &[Version], n: usize) -> Vec<Version> {
        push(ring, &doc(n), &format!("S{n}"), n as f64).unwrap_or_else(|| ring.to_vec())
    }

    #[test]
    fn keeps_the_last_five_distinct_documents_newest_first() {
        let mut ring = Vec::new();
        for n in 1..=7 {
            ring = pushed(&ring, n);
        }
        let names: Vec<&str> = ring.iter().map(|v| v.name.as_str()).collect();
        assert_eq!(names, ["S7", "S6", "S5", "S4", "S3"]);
        assert_eq!(ring[0].saved_ms, 7.0);
    }

    #[test]
    fn the_same_document_again_changes_nothing_and_a_return_moves_it_first() {
        let ring = pushed(&pushed(&[], 1), 2);
        assert_eq!(push(&ring, &doc(2), "S2", 9.0), None);
        // Going back to an older document (e.g. after Undo) keeps one copy, now the newest.
        let back = push(&ring, &doc(1), "S1", 9.0).unwrap_or_default();
        let names: Vec<&str> = back.iter().map(|v| v.name.as_str()).collect();
        assert_eq!(names, ["S1", "S2"]);
        assert_eq!(back[0].saved_ms, 9.0);
    }

    #[test]
    fn the_total_size_is_bounded_and_an_oversized_document_is_not_kept() {
        let big = |c: char| "x".repeat(MAX_TOTAL_CHARS / 2 - 10).replace('x', &c.to_string());
        let ring = push(&[], &big('a'), "A", 1.0).unwrap_or_default();
        let ring = push(&ring, &big('b'), "B", 2.0).unwrap_or_default();
        assert_eq!(ring.len(), 2);
        let ring = push(&ring, &big('c'), "C", 3.0).unwrap_or_default();
        let names: Vec<&str> = ring.iter().map(|v| v.name.as_str()).collect();
        assert_eq!(names, ["C", "B"], "the oldest drops out to stay under the budget");
        assert!(ring.iter().map(Version::size).sum::<usize>() <= MAX_TOTAL_CHARS);
        assert_eq!(push(&ring, &"y".repeat(MAX_TOTAL_CHARS + 1), "Huge", 4.0), None);
    }

    #[test]
    fn stored_rings_round_trip_and_damaged_ones_read_as_empty() {
        let ring = pushed(&pushed(&[], 1), 2);
        assert_eq!(parse(Some(&serialize(&ring))), ring);
        assert!(parse(None).is_empty());
        assert!(parse(Some("{not json")).is_empty());
        assert!(parse(Some(r#"{"versions":7}"#)).is_empty());
        let partly = r#"{"versions":[{"t":1,"name":"A","scenario":"{}"},{"t":"x"},{"name":"B"}]}"#;
        assert_eq!(parse(Some(partly)).len(), 1);
    }

    #[test]
    fn the_dialog_offers_every_version_but_the_open_one() {
        let ring = pushed(&pushed(&pushed(&[], 1), 2), 3);
        let offered: Vec<&str> = earlier(&ring, &doc(3)).iter().map(|v| v.name.as_str()).collect();
        assert_eq!(offered, ["S2", "S1"]);
        let two = Version {
            saved_ms: 0.0,
            name: "N".into(),
            scenario: r#"{"sendPorts":[{"name":"A"},{"name":"B"}],"sendPortGroups":[{"name":"G"}]}"#.into(),
        };
        assert_eq!(counts(&two), (2, 1));
        assert_eq!(counts(&ring[0]), (0, 0));
    }
}
