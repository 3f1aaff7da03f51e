//! Generates `$OUT_DIR/golden_scenarios.rs`: every golden scenario file embedded with `include_str!`,
//! so the wasm determinism test (tests/wasm.rs) can run the same scenarios in Chromium.

use std::fs;
use std::path::Path;

fn main() {
    let dir = Path::new("tests/data/scenarios");
    println!("cargo:rerun-if-changed=tests/data/scenarios");
    let mut names: Vec<String> = fs::read_dir(dir)
        .map(|entries| {
            entries
                .flatten()
                .filter_map(|e| e.file_name().into_string().ok())
                .filter(|n| n.ends_with(".json") && !n.ends_with(".report.json") && !n.contains("invalid"))
                .collect()
        })
        .unwrap_or_default();
    names.sort();
    let mut out = String::from("/// (file stem, scenario JSON) of every valid golden scenario.\npub const GOLDEN_SCENARIOS: &[(&str, &str)] = &[\n");
    for name in &names {
        let stem = name.trim_end_matches(".json");
        let path = Path::new(env!("CARGO_MANIFEST_DIR")).join(dir).join(name);
        out.push_str(&format!("    ({stem:?}, include_str!({:?})),\n", path.display().to_string()));
    }
    out.push_str("];\n");
    let out_dir = std::env::var("OUT_DIR").unwrap_or_else(|_| ".".to_string());
    let _ = fs::write(Path::new(&out_dir).join("golden_scenarios.rs"), out);
}
