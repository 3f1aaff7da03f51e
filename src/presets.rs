//! Built-in scenarios. PLACEHOLDER.
