//! The single integration-test binary.
mod tidy;
mod share;
