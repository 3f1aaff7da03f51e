//! The single integration-test binary.
mod tidy;
