//! One component per file, props beside it.
//!
//! Shell components (front-end lead): header, tree, detail, port_editor, group_editor,
//! filter_editor, endpoint_editor, inject_panel, dialogs.
//! observation components: clock_bar, instances_hub, timeline, why_panel, event_log, topology
//! (written by the observation helper; they add their own `pub mod` lines below).
//! teaching components: preset_gallery, tutorial_panel.

pub mod state_badge;
pub mod preset_gallery;
pub mod tutorial_panel;
pub mod observe_util;
pub mod clock_bar;
pub mod instances_hub;
pub mod timeline;
pub mod why_panel;
pub mod event_log;
pub mod topology;
