//! Stage two: `ScenarioSpec` → `model::Scenario`, collecting every error. PLACEHOLDER.
use super::error::LoadError;
use super::spec::ScenarioSpec;
use crate::engine::model::Scenario;

pub fn validate(spec: &ScenarioSpec) -> Result<Scenario, LoadError> {
    Ok(Scenario {
        name: spec.name.clone(),
        description: spec.description.clone(),
        seed: spec.seed.unwrap_or(0),
        start_clock: Default::default(),
        until: crate::engine::time::SimTime(86_400_000),
        ports: vec![],
        groups: vec![],
        endpoints: vec![],
        script: vec![],
        warnings: vec![],
    })
}
