//! The single integration-test binary.
mod tidy;
mod share;
mod scenario_errors;
mod cli;
