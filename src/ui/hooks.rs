//! Hooks: the only code that touches the wall clock (`use_ticker`) or the browser's storage.

pub mod use_ticker;
