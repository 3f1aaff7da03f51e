//! Simulated partner endpoints (SCENARIO.md "Endpoints"): latency and failure rules, keyed by
//! address. An address without an entry always succeeds with latency 0.
//!
//! Every failure rule of an endpoint is evaluated at the *start* of each attempt (no short
//! circuit), so the random draws and the `firstAttempts` counter only depend on the number of
//! attempts made against the address.

use super::context::Context;
use super::model::{EndpointConfig, FailureRule};
use super::rng::SplitMix64;
use super::time::{SimDuration, SimTime};

/// Runtime state of one endpoint.
#[derive(Debug, Clone)]
pub struct EndpointRt {
    pub address: String,
    pub latency: SimDuration,
    pub failures: Vec<FailureRule>,
    pub response: Context,
    /// Attempts started against this address so far (for `firstAttempts`).
    pub attempts: u32,
}

impl EndpointRt {
    pub fn new(cfg: &EndpointConfig) -> EndpointRt {
        EndpointRt {
            address: cfg.address.clone(),
            latency: cfg.latency,
            failures: cfg.failures.clone(),
            response: cfg.response.clone(),
            attempts: 0,
        }
    }

    /// §6: an attempt starts at `start`; does it fail? (`window` = attempt start in `[from, to)`,
    /// `firstAttempts` = the first `count` attempts against this address, `random` = seeded draw.)
    pub fn attempt_fails(&mut self, start: SimTime, rng: &mut SplitMix64) -> bool {
        let index = self.attempts;
        self.attempts = self.attempts.saturating_add(1);
        let mut fails = false;
        for rule in &self.failures {
            fails |= match *rule {
                FailureRule::Always => true,
                FailureRule::Window { from, to } => from <= start && start < to,
                FailureRule::FirstAttempts { count } => index < count,
                FailureRule::Random { probability } => rng.chance(probability),
            };
        }
        fails
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ep(failures: Vec<FailureRule>) -> EndpointRt {
        EndpointRt { address: "a".into(), latency: SimDuration(0), failures, response: Context::new(), attempts: 0 }
    }

    #[test]
    fn window_applies_to_attempt_start() {
        let mut e = ep(vec![FailureRule::Window { from: SimTime(10), to: SimTime(20) }]);
        let mut r = SplitMix64::new(1);
        assert!(!e.attempt_fails(SimTime(9), &mut r));
        assert!(e.attempt_fails(SimTime(10), &mut r));
        assert!(e.attempt_fails(SimTime(19), &mut r));
        assert!(!e.attempt_fails(SimTime(20), &mut r), "to is exclusive");
    }

    #[test]
    fn first_attempts_counts_per_address_and_always_fails() {
        let mut e = ep(vec![FailureRule::FirstAttempts { count: 2 }]);
        let mut r = SplitMix64::new(1);
        let got: Vec<bool> = (0..4).map(|_| e.attempt_fails(SimTime(0), &mut r)).collect();
        assert_eq!(got, vec![true, true, false, false]);
        let mut a = ep(vec![FailureRule::Always]);
        assert!(a.attempt_fails(SimTime(0), &mut r));
    }

    #[test]
    fn random_is_seeded_and_reproducible() {
        let run = |seed| {
            let mut e = ep(vec![FailureRule::Random { probability: 0.5 }]);
            let mut r = SplitMix64::new(seed);
            (0..64).map(|_| e.attempt_fails(SimTime(0), &mut r)).collect::<Vec<_>>()
        };
        assert_eq!(run(42), run(42));
        assert_ne!(run(42), run(43));
        let fails = run(42).iter().filter(|f| **f).count();
        assert!((16..48).contains(&fails), "about half fail: {fails}");
    }
}
