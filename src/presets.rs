//! Built-in scenarios: the preset gallery, the tutorials' starting points, and golden-test input.
//!
//! Each preset is a `portsim-scenario/1` file in `src/presets/NN_name.json` (its `name` and
//! `description` explain what to watch) plus translated title and summary keys. Together they
//! cover every row of the seed tables — lifecycle actions L1–L4 with their "Not available" cells,
//! combined states C1–C6, the guards G1–G3 — and §3, §4, §6 (retries, backup, suspension), §7,
//! §8 and §9; `rules` lists what each one shows.
//!
//! The browser page does not carry the scenario files (issue 14 §2: a smaller full page): trunk
//! copies `src/presets/` next to the page, and the page fetches a preset's file when it is loaded
//! (`ui::preset_fetch`). Natively (CLI, tests) [`Preset::json`] holds the file.
//!
//! # Example
//! ```
//! let preset = portsim::presets::by_id("backup_transport").unwrap();
//! assert!(preset.json.contains("portsim-scenario/1"));
//! ```

/// One ready-made scenario.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Preset {
    /// Stable id (used in URLs, tutorials and the JS API).
    pub id: &'static str,
    /// Catalogue key of the card title.
    pub title_key: &'static str,
    /// Catalogue key of the card summary (what to watch).
    pub summary_key: &'static str,
    /// The scenario file's path under `src/` — and, relative to the page, where the browser
    /// fetches it (`presets/NN_name.json`).
    pub path: &'static str,
    /// The scenario file (natively only: the page fetches `path` instead).
    #[cfg(not(target_arch = "wasm32"))]
    pub json: &'static str,
    /// The SEMANTICS.md rule ids the preset shows (`L1`, `C4`, `§6`, ...).
    pub rules: &'static [&'static str],
}

macro_rules! preset {
    ($id:literal, $file:literal, [$($rule:literal),* $(,)?]) => {
        Preset {
            id: $id,
            title_key: concat!("preset.", $id, ".title"),
            summary_key: concat!("preset.", $id, ".summary"),
            path: concat!("presets/", $file),
            #[cfg(not(target_arch = "wasm32"))]
            json: include_str!(concat!("presets/", $file)),
            rules: &[$($rule),*],
        }
    };
}

static PRESETS: [Preset; 17] = [
    preset!("lifecycle_table", "01_lifecycle_table.json", ["L1", "L2", "L3", "L4", "C1", "C2", "C6", "§4"]),
    preset!("group_guards", "02_group_guards.json", ["L1", "L2", "L3", "L4", "G1", "G2", "G3", "G4"]),
    preset!("combined_state", "03_combined_state.json", ["C1", "C2", "C3", "C4", "C5", "C6", "§3"]),
    preset!("backup_transport", "04_backup_transport.json", ["§6", "C1"]),
    preset!("dynamic_port", "05_dynamic_port.json", ["§1", "§6"]),
    preset!("solicit_response", "06_solicit_response.json", ["§9", "§3"]),
    preset!("ordered_delivery", "07_ordered_delivery.json", ["§7", "§6"]),
    preset!("service_window", "08_service_window.json", ["§8", "§6"]),
    preset!("group_and_own_filter", "09_group_and_own_filter.json", ["§3", "C3"]),
    preset!("stopped_port", "10_stopped_port.json", ["C2", "§4", "L2"]),
    preset!("bound_port", "11_bound_port.json", ["L1", "L2", "C6"]),
    preset!("partner_broadcast", "12_partner_broadcast.json", ["C3", "C4", "C5", "C6"]),
    preset!("hold_for_maintenance", "13_hold_for_maintenance.json", ["L3", "C1", "C2", "C6", "§4"]),
    // Generated from a real binding file (its description names the source; tests/it/bindings.rs
    // checks that its ports are exactly what `portsim bindings import --start-all` gives).
    preset!("real_routing_hub", "14_real_routing_hub.json", ["§3", "§7", "§6"]),
    // What-if comparisons and sweeps (issue 13).
    preset!("retry_settings", "15_retry_settings.json", ["§6"]),
    preset!("backup_or_not", "16_backup_or_not.json", ["§6"]),
    preset!("outage_ride_out", "17_outage_ride_out.json", ["§6", "§4"]),
];

/// Every preset, in gallery order.
pub fn all() -> &'static [Preset] {
    &PRESETS
}

/// The preset with this id.
pub fn by_id(id: &str) -> Option<&'static Preset> {
    PRESETS.iter().find(|p| p.id == id)
}
