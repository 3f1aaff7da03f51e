//! Loading a scenario in two stages (DESIGN invariant 7): `parse_spec` (JSON → `ScenarioSpec`) and
//! `validate` (`ScenarioSpec` → `model::Scenario`). Both collect **every** error, each with its
//! JSON path (`/sendPorts/2/primary/retryCount`), the bad value and the allowed range; neither
//! panics on any input.
//!
//! # Example
//! ```
//! let errors = portsim::engine::load_scenario(r#"{"format":"portsim-scenario/1","sendPorts":[
//!   {"name":"SP","kind":"static-one-way","primary":{"transport":"FILE","address":"C:\\out","retryCount":1001}}]}"#)
//!   .unwrap_err();
//! assert_eq!(errors.errors[0].path, "/sendPorts/0/primary/retryCount");
//! ```

pub mod error;
pub mod json_read;
pub mod json_walk;
pub mod parse;
pub mod spec;
pub mod validate;
mod validate_limits;
mod validate_port;
mod validate_script;

pub use error::{LoadError, ScenarioError, ScenarioErrorKind};
pub use parse::parse_spec;
pub use spec::ScenarioSpec;
pub use validate::validate;

use super::model::Scenario;

/// Largest scenario text accepted (bytes). Larger input is refused before parsing.
pub const MAX_SCENARIO_BYTES: usize = 5 * 1024 * 1024;
/// Deepest JSON nesting accepted (scenarios need about 6 levels).
pub const MAX_JSON_DEPTH: usize = 64;

/// Parses and validates a scenario file, reporting the errors of both stages in one list: when
/// stage one finds errors, stage two still checks the rest of the partial spec (see
/// `error::merge_stages`).
pub fn load_scenario(json: &str) -> Result<Scenario, LoadError> {
    load_spec(json).map(|(_, scenario)| scenario)
}

/// Like `load_scenario`, and also returns the spec (for an editor that keeps the document as
/// written). Errors of both stages come in one list, in file order.
pub fn load_spec(json: &str) -> Result<(ScenarioSpec, Scenario), LoadError> {
    let (spec, errors) = parse::parse_spec_partial(json);
    let Some(spec) = spec else { return Err(LoadError { errors }) };
    match validate(&spec) {
        Ok(scenario) if errors.is_empty() => Ok((spec, scenario)),
        Ok(_) => Err(LoadError { errors: error::merge_stages(errors, Vec::new()) }),
        Err(more) => Err(LoadError { errors: error::merge_stages(errors, more.errors) }),
    }
}
