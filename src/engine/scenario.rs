//! Loading a scenario in two stages (DESIGN invariant 7): `parse_spec` (JSON → `ScenarioSpec`) and
//! `validate` (`ScenarioSpec` → `model::Scenario`). Both collect **every** error, each with its
//! JSON path (`sendPorts[2].primary.retryCount`), the bad value and the allowed range; neither
//! panics on any input.
//!
//! # Example
//! ```
//! let errors = portsim::engine::load_scenario(r#"{"format":"portsim-scenario/1","sendPorts":[
//!   {"name":"SP","kind":"static-one-way","primary":{"transport":"FILE","address":"C:\\out","retryCount":1001}}]}"#)
//!   .unwrap_err();
//! assert_eq!(errors.errors[0].path, "sendPorts[0].primary.retryCount");
//! ```

pub mod error;
pub mod parse;
pub mod spec;
pub mod validate;

pub use error::{LoadError, ScenarioError, ScenarioErrorKind};
pub use parse::parse_spec;
pub use spec::ScenarioSpec;
pub use validate::validate;

use super::model::Scenario;

/// Largest scenario text accepted (bytes). Larger input is refused before parsing.
pub const MAX_SCENARIO_BYTES: usize = 5 * 1024 * 1024;
/// Deepest JSON nesting accepted (scenarios need about 6 levels).
pub const MAX_JSON_DEPTH: usize = 64;

/// Parses and validates a scenario file.
pub fn load_scenario(json: &str) -> Result<Scenario, LoadError> {
    let spec = parse_spec(json)?;
    validate(&spec)
}
