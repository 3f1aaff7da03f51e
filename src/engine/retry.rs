//! §6 retry and backup policy: what happens after a failed attempt.
//!
//! ```text
//!  primary attempt 1 ──fail──▶ retry k (after RetryInterval) … attempt 1+R1 fails
//!        ──▶ backup attempt 1 at the same instant ──▶ backup retries (R2, every I2)
//!        ──▶ Suspended (resumable), transport-failure   (no backup: right after primary)
//! ```
//! Attempts per transport ≤ RetryCount + 1. RetryCount 0 = no retry; RetryInterval 0 = retry at
//! the same instant, queued after already-due events.

use super::outcome::TransportSlot;
use super::time::{SimDuration, SimTime};

/// Retry count and interval of one transport (seed 004 defaults 3 / 5 minutes).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RetryPolicy {
    pub retry_count: u32,
    pub retry_interval: SimDuration,
}

/// The decision after a failed attempt.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AfterFailure {
    /// §6: resubmit on the same transport at this instant (attempt end + RetryInterval).
    Retry { at: SimTime },
    /// §6: primary exhausted, move to the backup transport now.
    Failover,
    /// §6: every attempt on primary (and backup) spent.
    Exhausted,
}

/// §6 DECISION timeline. `attempts_on_slot` counts the attempts made on `slot`, including the one
/// that just failed at `end`.
pub fn after_failure(
    slot: TransportSlot,
    attempts_on_slot: u32,
    policy: RetryPolicy,
    has_backup: bool,
    end: SimTime,
) -> AfterFailure {
    if attempts_on_slot <= policy.retry_count {
        AfterFailure::Retry { at: end.plus(policy.retry_interval) }
    } else if slot == TransportSlot::Primary && has_backup {
        AfterFailure::Failover
    } else {
        AfterFailure::Exhausted
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use TransportSlot::*;

    const P: RetryPolicy = RetryPolicy { retry_count: 3, retry_interval: SimDuration(300_000) };

    #[test]
    fn retries_then_failover_then_exhausted() {
        assert_eq!(after_failure(Primary, 1, P, true, SimTime(0)), AfterFailure::Retry { at: SimTime(300_000) });
        assert_eq!(after_failure(Primary, 3, P, true, SimTime(10)), AfterFailure::Retry { at: SimTime(300_010) });
        assert_eq!(after_failure(Primary, 4, P, true, SimTime(0)), AfterFailure::Failover, "1 + RetryCount attempts");
        assert_eq!(after_failure(Primary, 4, P, false, SimTime(0)), AfterFailure::Exhausted, "no backup");
        assert_eq!(after_failure(Backup, 4, P, true, SimTime(0)), AfterFailure::Exhausted);
    }

    #[test]
    fn retry_count_zero_means_no_retry_and_interval_zero_same_instant() {
        let zero = RetryPolicy { retry_count: 0, retry_interval: SimDuration(0) };
        assert_eq!(after_failure(Primary, 1, zero, false, SimTime(7)), AfterFailure::Exhausted);
        let now = RetryPolicy { retry_count: 1, retry_interval: SimDuration(0) };
        assert_eq!(after_failure(Primary, 1, now, false, SimTime(7)), AfterFailure::Retry { at: SimTime(7) });
    }
}
