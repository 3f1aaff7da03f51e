//! Built-in scenarios: the preset gallery, the tutorials' starting points, and golden-test input.
//!
//! Each preset is a `portsim-scenario/1` file in `src/presets/NN_name.json` (its `name` and
//! `description` explain what to watch) plus translated title and summary keys. Together they
//! cover every row of the seed tables — lifecycle actions L1–L4 with their "Not available" cells,
//! combined states C1–C6, the guards G1–G3 — and §3, §4, §6 (retries, backup, suspension), §7,
//! §8 and §9; `rules` lists what each one shows.
//!
//! The browser page does not carry the scenario files (issue 14 §2: a smaller full page): they
//! live in a table of their own that only [`Preset::json`] reads, so a binary that never calls it
//! — the page, which fetches `presets/NN_name.json` copied next to it by trunk
//! (`ui::preset_fetch`) — links none of them; the CLI and the tests read them compiled in.
//!
//! # Example
//! ```
//! let preset = portsim::presets::by_id("backup_transport").unwrap();
//! assert!(preset.json().contains("portsim-scenario/1"));
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
    /// The SEMANTICS.md rule ids the preset shows (`L1`, `C4`, `§6`, ...).
    pub rules: &'static [&'static str],
}

impl Preset {
    /// The scenario file, compiled in. The page never calls this (it fetches [`Preset::path`]),
    /// so its wasm links no scenario file.
    pub fn json(&self) -> &'static str {
        FILES.iter().find(|(path, _)| *path == self.path).map_or("", |(_, json)| json)
    }
}

/// Writes the preset table and, apart, the table of their files (path, text).
macro_rules! presets {
    ($(($id:literal, $file:literal, [$($rule:literal),* $(,)?])),* $(,)?) => {
        static PRESETS: &[Preset] = &[$(
            Preset {
                id: $id,
                title_key: concat!("preset.", $id, ".title"),
                summary_key: concat!("preset.", $id, ".summary"),
                path: concat!("presets/", $file),
                rules: &[$($rule),*],
            },
        )*];
        static FILES: &[(&str, &str)] = &[$((concat!("presets/", $file), include_str!(concat!("presets/", $file)))),*];
    };
}

presets! {
    ("lifecycle_table", "01_lifecycle_table.json", ["L1", "L2", "L3", "L4", "C1", "C2", "C6", "§4"]),
    ("group_guards", "02_group_guards.json", ["L1", "L2", "L3", "L4", "G1", "G2", "G3", "G4"]),
    ("combined_state", "03_combined_state.json", ["C1", "C2", "C3", "C4", "C5", "C6", "§3"]),
    ("backup_transport", "04_backup_transport.json", ["§6", "C1"]),
    ("dynamic_port", "05_dynamic_port.json", ["§1", "§6"]),
    ("solicit_response", "06_solicit_response.json", ["§9", "§3"]),
    ("ordered_delivery", "07_ordered_delivery.json", ["§7", "§6"]),
    ("service_window", "08_service_window.json", ["§8", "§6"]),
    ("group_and_own_filter", "09_group_and_own_filter.json", ["§3", "C3"]),
    ("stopped_port", "10_stopped_port.json", ["C2", "§4", "L2"]),
    ("bound_port", "11_bound_port.json", ["L1", "L2", "C6"]),
    ("partner_broadcast", "12_partner_broadcast.json", ["C3", "C4", "C5", "C6"]),
    ("hold_for_maintenance", "13_hold_for_maintenance.json", ["L3", "C1", "C2", "C6", "§4"]),
    // Generated from a real binding file (its description names the source; tests/it/bindings.rs
    // checks that its ports are exactly what `portsim bindings import --start-all` gives).
    ("real_routing_hub", "14_real_routing_hub.json", ["§3", "§7", "§6"]),
    // What-if comparisons and sweeps (issue 13).
    ("retry_settings", "15_retry_settings.json", ["§6"]),
    ("backup_or_not", "16_backup_or_not.json", ["§6"]),
    ("outage_ride_out", "17_outage_ride_out.json", ["§6", "§4"]),
}

/// Every preset, in gallery order.
pub fn all() -> &'static [Preset] {
    PRESETS
}

/// The preset with this id.
pub fn by_id(id: &str) -> Option<&'static Preset> {
    PRESETS.iter().find(|p| p.id == id)
}
