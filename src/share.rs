//! Permalink encoding. PLACEHOLDER.
