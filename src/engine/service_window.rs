//! §8 DECISION: a daily service window on the virtual clock. Start inclusive, stop exclusive; a
//! stop earlier than the start wraps midnight; start == stop means always open. The time of day
//! at 0 ms is the scenario's `startClock`.
//!
//! ```text
//!   from=08:00 to=17:00      |----closed----[08:00======open======17:00)----closed----|
//!   from=22:00 to=06:00      |==open==06:00)--------closed---------[22:00====open====|
//! ```

use super::model::ServiceWindow;
use super::time::{ClockOfDay, SimDuration, SimTime, MS_PER_DAY};

/// §8: is the window open at `t`?
pub fn is_open(w: &ServiceWindow, start_clock: ClockOfDay, t: SimTime) -> bool {
    let tod = t.time_of_day_ms(start_clock);
    let (from, to) = (w.from.ms_since_midnight(), w.to.ms_since_midnight());
    match from.cmp(&to) {
        std::cmp::Ordering::Equal => true,
        std::cmp::Ordering::Less => from <= tod && tod < to,
        std::cmp::Ordering::Greater => tod >= from || tod < to,
    }
}

/// §8: the first instant ≥ `t` at which the window is open, or `None` when it does not open again
/// before the end of representable time (`SimTime::END`): the caller then waits with no timer,
/// instead of re-checking the same closed instant forever.
pub fn next_open(w: &ServiceWindow, start_clock: ClockOfDay, t: SimTime) -> Option<SimTime> {
    if is_open(w, start_clock, t) {
        return Some(t);
    }
    let tod = t.time_of_day_ms(start_clock);
    let from = w.from.ms_since_midnight() % MS_PER_DAY;
    let wait = (from + MS_PER_DAY - tod) % MS_PER_DAY;
    t.checked_plus(SimDuration(wait))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::time::{parse_clock, MS_PER_HOUR};

    fn w(from: &str, to: &str) -> ServiceWindow {
        ServiceWindow { from: parse_clock(from).unwrap(), to: parse_clock(to).unwrap() }
    }
    fn h(x: u64) -> SimTime {
        SimTime(x * MS_PER_HOUR)
    }

    #[test]
    fn from_inclusive_to_exclusive() {
        let win = w("08:00", "17:00");
        let c = parse_clock("00:00").unwrap();
        assert!(!is_open(&win, c, SimTime(8 * MS_PER_HOUR - 1)));
        assert!(is_open(&win, c, h(8)));
        assert!(!is_open(&win, c, h(17)));
        assert_eq!(next_open(&win, c, h(17)), Some(h(32)), "next day 08:00");
        assert_eq!(next_open(&win, c, h(3)), Some(h(8)));
        assert_eq!(next_open(&win, c, h(9)), Some(h(9)));
    }

    #[test]
    fn wraps_midnight_and_uses_start_clock() {
        let win = w("22:00", "06:00");
        let c = parse_clock("20:00").unwrap();
        assert!(!is_open(&win, c, h(0)), "20:00");
        assert!(is_open(&win, c, h(2)), "22:00");
        assert!(is_open(&win, c, h(9)), "05:00");
        assert!(!is_open(&win, c, h(10)), "06:00");
        assert_eq!(next_open(&win, c, h(0)), Some(h(2)));
    }

    #[test]
    fn equal_bounds_always_open() {
        let win = w("09:00", "09:00");
        for x in 0..24 {
            assert!(is_open(&win, ClockOfDay::default(), h(x)));
        }
    }

    /// Windows at the end of representable time, for every start clock: the answer is an open
    /// instant ≥ t, or `None` exactly when the next opening is past `SimTime::END`.
    #[test]
    fn windows_at_the_end_of_time_for_every_start_clock() {
        let windows = [w("20:00", "21:00"), w("08:00", "17:00"), w("22:00", "06:00"), w("00:00", "00:01")];
        for minutes in 0..1440u16 {
            let c = ClockOfDay { minutes };
            for win in &windows {
                for t in [SimTime::END, SimTime(u64::MAX - 1), SimTime(u64::MAX - MS_PER_DAY), SimTime(0)] {
                    match next_open(win, c, t) {
                        Some(at) => {
                            assert!(at >= t && is_open(win, c, at), "{c} {t:?}");
                            assert!(at.0 - t.0 < MS_PER_DAY);
                        }
                        None => assert!(u64::MAX - t.0 < MS_PER_DAY && !is_open(win, c, SimTime::END)),
                    }
                }
            }
        }
    }
}
