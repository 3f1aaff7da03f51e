//! The single integration-test binary.
mod bindings;
mod bindings_cli;
mod cli;
mod determinism;
mod engine_modes;
mod exact_documents;
mod explain_i18n;
mod golden;
mod golden_expectations;
mod i18n;
mod presets;
mod properties;
mod random_scenario;
mod scenario_errors;
mod share;
mod tidy;
mod tutorials;
