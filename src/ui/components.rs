//! One component per file, props beside it.
//!
//! Shell components (front-end lead): header, tree, detail, port_editor, group_editor,
//! filter_editor, endpoint_editor, inject_panel, dialogs.
//! observation components: clock_bar, instances_hub, timeline, why_panel, event_log, topology
//! (written by the observation helper; they add their own `pub mod` lines below).
//! teaching components: preset_gallery, tutorial_panel.

pub mod bindings_import;
pub mod charts_panel;
pub mod clock_bar;
pub mod clock_readout;
pub mod compare_panel;
pub mod context_menu;
pub mod detail;
pub mod dialogs;
pub mod endpoint_editor;
pub mod event_log;
pub mod filter_editor;
pub mod filter_finder;
pub mod form_field;
pub mod format;
pub mod group_editor;
pub mod header;
pub mod hub_groups;
pub mod hub_menu;
pub mod hub_message;
pub mod hub_query;
pub mod inject_panel;
pub mod instances_hub;
pub mod lesson_panel;
pub mod lifecycle_buttons;
pub mod observe_util;
pub mod operations;
pub mod port_editor;
pub mod preset_gallery;
pub mod run_progress;
pub mod scenario_settings;
pub mod splitter;
pub mod state_badge;
pub mod sweep_panel;
pub mod timeline;
pub mod timeline_bins;
pub mod timeline_density;
pub mod timeline_frame;
pub mod timeline_items;
pub mod timeline_lanes;
pub mod topology;
pub mod tree;
pub mod tutorial_panel;
pub mod why_panel;
