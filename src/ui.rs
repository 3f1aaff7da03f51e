//! The Yew front end. PLACEHOLDER.
pub fn start() {}
