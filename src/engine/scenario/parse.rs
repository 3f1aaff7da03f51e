//! Stage one: JSON text → `ScenarioSpec`, with every error's JSON path. PLACEHOLDER.
use super::error::{LoadError, ScenarioError, ScenarioErrorKind};
use super::spec::ScenarioSpec;

pub fn parse_spec(json: &str) -> Result<ScenarioSpec, LoadError> {
    serde_json::from_str(json)
        .map_err(|e| LoadError::single(ScenarioError::new("", ScenarioErrorKind::Syntax, e.to_string())))
}
