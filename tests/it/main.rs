//! The single integration-test binary.
mod tidy;
mod share;
mod scenario_errors;
mod cli;
mod determinism;
mod golden;
mod golden_expectations;
mod properties;
mod random_scenario;
mod tutorials;
mod i18n;
mod presets;
