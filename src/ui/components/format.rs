//! Formatting shared by the shell's components.

use crate::engine::time::{format_elapsed, format_time_of_day};
use crate::ui::state::UiState;

/// "00:05:00.000 (08:05:00)": elapsed virtual time and the time of day it is.
pub fn clock_text(state: &UiState) -> String {
    let session = state.session.borrow();
    let now = session.now();
    format!("{} ({})", format_elapsed(now), format_time_of_day(now, session.scenario().start_clock))
}
