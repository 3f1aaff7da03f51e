//! Native vs wasm determinism, run in headless Chromium by wasm-bindgen-test:
//! every golden scenario must produce, in the browser's wasm engine, the same report that the
//! native engine wrote into tests/data/determinism/native_reports.json (see tests/it/determinism.rs).
#![cfg(target_arch = "wasm32")]

use portsim::engine::{load_scenario, Simulation};
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

include!(concat!(env!("OUT_DIR"), "/golden_scenarios.rs"));

const NATIVE_REPORTS: &str = include_str!("data/determinism/native_reports.json");

#[wasm_bindgen_test]
fn wasm_reports_equal_native_reports() {
    let native: serde_json::Value = serde_json::from_str(NATIVE_REPORTS).unwrap_or(serde_json::Value::Null);
    let mut compared = 0;
    let mut mismatches = Vec::new();
    for (stem, json) in GOLDEN_SCENARIOS {
        let Some(expected) = native.get(*stem) else { continue };
        let scenario = match load_scenario(json) {
            Ok(s) => s,
            Err(e) => {
                mismatches.push(format!("{stem}: does not load in wasm: {e}"));
                continue;
            }
        };
        let mut sim = Simulation::new(&scenario);
        sim.run_to_end();
        let actual: serde_json::Value = serde_json::from_str(&sim.report().to_json()).unwrap_or_default();
        if &actual != expected {
            mismatches.push(format!("{stem}: wasm report differs from native"));
        }
        compared += 1;
    }
    assert!(mismatches.is_empty(), "{}", mismatches.join("\n"));
    assert!(compared > 0, "no golden scenario was compared (fixture empty?)");
}
