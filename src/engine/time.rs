//! Virtual time: whole milliseconds since the start of the simulation (DESIGN invariant 4).
//!
//! Durations are written as `"250ms"`, `"90s"`, `"5m"`, `"1h30m"`, `"2d"` (SCENARIO.md, "Durations
//! and times"): integer + unit, units combined largest first.
//!
//! # Example
//! ```
//! use portsim::engine::time::{parse_duration, SimDuration};
//! assert_eq!(parse_duration("1h30m"), Ok(SimDuration::from_minutes(90)));
//! assert!(parse_duration("5").is_err());
//! ```

use std::fmt;

/// A point on the virtual clock, in milliseconds since the simulation started.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct SimTime(pub u64);

/// A span of virtual time in milliseconds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct SimDuration(pub u64);

pub const MS_PER_SECOND: u64 = 1_000;
pub const MS_PER_MINUTE: u64 = 60 * MS_PER_SECOND;
pub const MS_PER_HOUR: u64 = 60 * MS_PER_MINUTE;
pub const MS_PER_DAY: u64 = 24 * MS_PER_HOUR;

impl SimDuration {
    pub const ZERO: SimDuration = SimDuration(0);
    pub const fn from_ms(ms: u64) -> Self {
        SimDuration(ms)
    }
    /// Saturates at `u64::MAX` ms.
    pub const fn from_seconds(s: u64) -> Self {
        SimDuration(s.saturating_mul(MS_PER_SECOND))
    }
    /// Saturates at `u64::MAX` ms.
    pub const fn from_minutes(m: u64) -> Self {
        SimDuration(m.saturating_mul(MS_PER_MINUTE))
    }
    pub const fn as_ms(self) -> u64 {
        self.0
    }
}

impl SimTime {
    pub const ZERO: SimTime = SimTime(0);
    pub const fn as_ms(self) -> u64 {
        self.0
    }
    /// Adds a duration, saturating at the end of representable time.
    pub fn plus(self, d: SimDuration) -> SimTime {
        SimTime(self.0.saturating_add(d.0))
    }
    /// The end of representable time (`u64::MAX` ms, about 584 million years): `plus` saturates here.
    pub const END: SimTime = SimTime(u64::MAX);
    /// The time of day (ms since midnight) at this instant, given the clock at time 0. Both terms
    /// are reduced modulo a day first, so this cannot overflow even at `SimTime::END`.
    pub fn time_of_day_ms(self, start_clock: ClockOfDay) -> u64 {
        (start_clock.ms_since_midnight() % MS_PER_DAY + self.0 % MS_PER_DAY) % MS_PER_DAY
    }
    /// Adds a duration, or `None` past the end of representable time.
    pub fn checked_plus(self, d: SimDuration) -> Option<SimTime> {
        self.0.checked_add(d.0).map(SimTime)
    }
}

/// A time of day `"HH:MM"`, stored as minutes since midnight (0..1440).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct ClockOfDay {
    pub minutes: u16,
}

impl ClockOfDay {
    /// Minutes are validated to 0..1440; a larger value still cannot overflow (u16 × 60,000 < u64::MAX).
    pub fn ms_since_midnight(self) -> u64 {
        self.minutes as u64 * MS_PER_MINUTE
    }
}

/// Parses `"HH:MM"` (00:00–23:59).
pub fn parse_clock(text: &str) -> Result<ClockOfDay, String> {
    let bad = || format!("expected a time of day \"HH:MM\" between 00:00 and 23:59, got {text:?}");
    let (h, m) = text.split_once(':').ok_or_else(bad)?;
    if h.len() != 2 || m.len() != 2 || !h.bytes().chain(m.bytes()).all(|b| b.is_ascii_digit()) {
        return Err(bad());
    }
    let h: u16 = h.parse().map_err(|_| bad())?;
    let m: u16 = m.parse().map_err(|_| bad())?;
    if h > 23 || m > 59 {
        return Err(bad());
    }
    Ok(ClockOfDay { minutes: h * 60 + m })
}

impl fmt::Display for ClockOfDay {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:02}:{:02}", self.minutes / 60, self.minutes % 60)
    }
}

/// Parses a duration string (`"0s"`, `"250ms"`, `"1h30m"`, `"2d"`). Units `ms s m h d`, each at most
/// once, largest first. Errors name what was expected.
pub fn parse_duration(text: &str) -> Result<SimDuration, String> {
    let bad = |why: &str| {
        format!("{why}: expected an integer followed by a unit (ms, s, m, h, d), units largest first, e.g. \"90s\" or \"1h30m\"; got {text:?}")
    };
    if text.is_empty() {
        return Err(bad("empty duration"));
    }
    let bytes = text.as_bytes();
    let mut i = 0;
    let mut total: u64 = 0;
    let mut last_rank = u8::MAX;
    while i < bytes.len() {
        let start = i;
        while i < bytes.len() && bytes[i].is_ascii_digit() {
            i += 1;
        }
        if start == i {
            return Err(bad(if bytes[i] == b'-' { "negative duration" } else { "missing number" }));
        }
        let digits = &text[start..i];
        let number: u64 = digits.parse().map_err(|_| bad("number too large"))?;
        let unit_start = i;
        while i < bytes.len() && bytes[i].is_ascii_alphabetic() {
            i += 1;
        }
        let (rank, factor) = match &text[unit_start..i] {
            "d" => (4, MS_PER_DAY),
            "h" => (3, MS_PER_HOUR),
            "m" => (2, MS_PER_MINUTE),
            "s" => (1, MS_PER_SECOND),
            "ms" => (0, 1),
            "" => return Err(bad("missing unit")),
            _ => return Err(bad("unknown unit")),
        };
        if rank >= last_rank {
            return Err(bad("units must be given largest first, each once"));
        }
        last_rank = rank;
        total =
            number.checked_mul(factor).and_then(|v| total.checked_add(v)).ok_or_else(|| bad("duration too large"))?;
    }
    Ok(SimDuration(total))
}

/// Formats a duration in the same notation `parse_duration` reads (`"1h30m"`, `"0s"`).
pub fn format_duration(d: SimDuration) -> String {
    if d.0 == 0 {
        return "0s".to_string();
    }
    let mut rest = d.0;
    let mut out = String::new();
    for (unit, factor) in [("d", MS_PER_DAY), ("h", MS_PER_HOUR), ("m", MS_PER_MINUTE), ("s", MS_PER_SECOND), ("ms", 1)]
    {
        if rest >= factor {
            out.push_str(&format!("{}{}", rest / factor, unit));
            rest %= factor;
        }
    }
    out
}

/// Formats an instant as elapsed time `+1d 02:03:04.005`-style: `HH:MM:SS.mmm` since the start,
/// with a day prefix when past 24 h.
pub fn format_elapsed(t: SimTime) -> String {
    Elapsed(t).to_string()
}

/// `format_elapsed` written straight into a formatter (no string of its own; the CLI's text report).
#[derive(Debug, Clone, Copy)]
pub struct Elapsed(pub SimTime);

impl std::fmt::Display for Elapsed {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let ms = self.0 .0;
        let days = ms / MS_PER_DAY;
        let rem = ms % MS_PER_DAY;
        if days > 0 {
            write!(f, "{days}d ")?;
        }
        write!(
            f,
            "{:02}:{:02}:{:02}.{:03}",
            rem / MS_PER_HOUR,
            rem % MS_PER_HOUR / MS_PER_MINUTE,
            rem % MS_PER_MINUTE / MS_PER_SECOND,
            rem % MS_PER_SECOND
        )
    }
}

/// Formats the wall-clock time of day at an instant, `HH:MM:SS`.
pub fn format_time_of_day(t: SimTime, start_clock: ClockOfDay) -> String {
    let tod = t.time_of_day_ms(start_clock);
    format!(
        "{:02}:{:02}:{:02}",
        tod / MS_PER_HOUR,
        tod % MS_PER_HOUR / MS_PER_MINUTE,
        tod % MS_PER_MINUTE / MS_PER_SECOND
    )
}

impl fmt::Display for SimTime {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&format_elapsed(*self))
    }
}

impl fmt::Display for SimDuration {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&format_duration(*self))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_every_unit_and_combinations() {
        assert_eq!(parse_duration("0s"), Ok(SimDuration(0)));
        assert_eq!(parse_duration("250ms"), Ok(SimDuration(250)));
        assert_eq!(parse_duration("90s"), Ok(SimDuration(90_000)));
        assert_eq!(parse_duration("5m"), Ok(SimDuration(300_000)));
        assert_eq!(parse_duration("1h30m"), Ok(SimDuration(5_400_000)));
        assert_eq!(parse_duration("2d"), Ok(SimDuration(2 * MS_PER_DAY)));
        assert_eq!(
            parse_duration("1d2h3m4s5ms"),
            Ok(SimDuration(MS_PER_DAY + 2 * MS_PER_HOUR + 3 * MS_PER_MINUTE + 4005))
        );
    }

    #[test]
    fn rejects_bad_durations() {
        for bad in ["", "5", "-5m", "5x", "m", "30m1h", "5m5m", "1.5h", " 5m", "99999999999999999999d"] {
            assert!(parse_duration(bad).is_err(), "{bad:?} should be rejected");
        }
    }

    #[test]
    fn format_round_trips() {
        for ms in [0, 1, 999, 1000, 61_000, 5_400_000, MS_PER_DAY + 1] {
            let d = SimDuration(ms);
            assert_eq!(parse_duration(&format_duration(d)), Ok(d));
        }
    }

    #[test]
    fn clock_parsing_and_time_of_day() {
        let c = parse_clock("23:30").unwrap();
        assert_eq!(format_time_of_day(SimTime(45 * MS_PER_MINUTE), c), "00:15:00");
        assert!(parse_clock("24:00").is_err());
        assert!(parse_clock("7:00").is_err());
        assert_eq!(format_elapsed(SimTime(MS_PER_DAY + 3_723_004)), "1d 01:02:03.004");
    }

    /// The end of representable time with every start clock: no overflow, and the time of day is
    /// the true one (u64::MAX ms = 213,503,982,334 days + 51,951,615 ms after 00:00).
    #[test]
    fn time_of_day_at_the_end_of_time_for_every_start_clock() {
        let tail = u64::MAX % MS_PER_DAY;
        assert_eq!(tail, 51_951_615);
        for minutes in 0..1440u16 {
            let c = ClockOfDay { minutes };
            let expected = (minutes as u64 * MS_PER_MINUTE + tail) % MS_PER_DAY;
            assert_eq!(SimTime::END.time_of_day_ms(c), expected, "start clock {c}");
            assert!(SimTime::END.time_of_day_ms(c) < MS_PER_DAY);
            let _ = format_time_of_day(SimTime::END, c);
        }
        assert_eq!(format_elapsed(SimTime::END), "213503982334d 14:25:51.615");
        assert_eq!(SimTime::END.plus(SimDuration(1)), SimTime::END, "plus saturates");
        assert_eq!(SimTime::END.checked_plus(SimDuration(1)), None);
        assert_eq!(SimDuration::from_minutes(u64::MAX), SimDuration(u64::MAX));
    }
}
