//! CPU seconds for the benchmark (native Linux; the bench only compiles, never runs, for wasm32):
//! unlike the wall time, they do not grow when other processes take the shared cores.

/// Seconds of CPU time used by this thread so far (`CLOCK_THREAD_CPUTIME_ID`, user + system).
#[cfg(not(target_arch = "wasm32"))]
pub fn thread() -> f64 {
    let mut ts = libc::timespec { tv_sec: 0, tv_nsec: 0 };
    // SAFETY: `ts` is a valid, writable timespec; the call only writes it.
    let ok = unsafe { libc::clock_gettime(libc::CLOCK_THREAD_CPUTIME_ID, &mut ts) } == 0;
    if ok {
        ts.tv_sec as f64 + ts.tv_nsec as f64 * 1e-9
    } else {
        0.0
    }
}

/// User + system CPU seconds of the finished child processes so far (`RUSAGE_CHILDREN`).
#[cfg(not(target_arch = "wasm32"))]
pub fn children() -> f64 {
    // SAFETY: an all-zero `rusage` is a valid value; the call only writes it.
    let mut ru: libc::rusage = unsafe { std::mem::zeroed() };
    // SAFETY: `ru` is a valid, writable rusage.
    if unsafe { libc::getrusage(libc::RUSAGE_CHILDREN, &mut ru) } != 0 {
        return 0.0;
    }
    let secs = |t: libc::timeval| t.tv_sec as f64 + t.tv_usec as f64 * 1e-6;
    secs(ru.ru_utime) + secs(ru.ru_stime)
}

#[cfg(target_arch = "wasm32")]
pub fn thread() -> f64 {
    0.0
}

#[cfg(target_arch = "wasm32")]
pub fn children() -> f64 {
    0.0
}
