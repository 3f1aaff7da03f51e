//! Engine throughput benchmark. PLACEHOLDER.
fn main() {}
