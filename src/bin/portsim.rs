//! The native CLI. PLACEHOLDER.
fn main() {}
