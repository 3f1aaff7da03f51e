//! §8 DECISION: a daily service window on the virtual clock. Start inclusive, stop exclusive; a
//! stop earlier than the start wraps midnight; start == stop means always open. The time of day
//! at 0 ms is the scenario's `startClock`.
//!
//! ```text
//!   from=08:00 to=17:00      |----closed----[08:00======open======17:00)----closed----|
//!   from=22:00 to=06:00      |==open==06:00)--------closed---------[22:00====open====|
//! ```

use super::model::ServiceWindow;
use super::time::{ClockOfDay, SimTime, MS_PER_DAY};

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

/// §8: the first instant ≥ `t` at which the window is open.
pub fn next_open(w: &ServiceWindow, start_clock: ClockOfDay, t: SimTime) -> SimTime {
    if is_open(w, start_clock, t) {
        return t;
    }
    let tod = t.time_of_day_ms(start_clock);
    let from = w.from.ms_since_midnight();
    let wait = (from + MS_PER_DAY - tod) % MS_PER_DAY;
    SimTime(t.0.saturating_add(wait))
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
        assert_eq!(next_open(&win, c, h(17)), h(32), "next day 08:00");
        assert_eq!(next_open(&win, c, h(3)), h(8));
        assert_eq!(next_open(&win, c, h(9)), h(9));
    }

    #[test]
    fn wraps_midnight_and_uses_start_clock() {
        let win = w("22:00", "06:00");
        let c = parse_clock("20:00").unwrap();
        assert!(!is_open(&win, c, h(0)), "20:00");
        assert!(is_open(&win, c, h(2)), "22:00");
        assert!(is_open(&win, c, h(9)), "05:00");
        assert!(!is_open(&win, c, h(10)), "06:00");
        assert_eq!(next_open(&win, c, h(0)), h(2));
    }

    #[test]
    fn equal_bounds_always_open() {
        let win = w("09:00", "09:00");
        for x in 0..24 {
            assert!(is_open(&win, ClockOfDay::default(), h(x)));
        }
    }
}
