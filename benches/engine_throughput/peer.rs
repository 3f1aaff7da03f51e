//! The peer comparison (issue 9 targets): the SimPy model of the benchmark scenario
//! (`../shared/bench/simpy_model.py`, or `PORTSIM_SIMPY_DIR`) against portsim on the same
//! scenario written by `gen_scenario.py N`, measured side by side in this run:
//! * whole process: `python3 simpy_model.py N` ÷ `portsim run FILE --summary` (target ≥ 20×);
//! * loop only: SimPy's `env.run()` (its own `runSeconds`) ÷ the engine's `run_to_end()` on the
//!   loaded scenario, trace on (target ≥ 50×).
//!
//! When python3, the simpy package or the model files are missing, one line says so and the
//! comparison is skipped (the rest of the benchmark stands).

use portsim::engine::{load_scenario, Simulation};
use std::path::PathBuf;
use std::process::Command;
use std::time::Instant;

fn model_dir() -> PathBuf {
    std::env::var_os("PORTSIM_SIMPY_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared/bench"))
}

/// Runs a command, returning (wall seconds, CPU seconds, stdout) when it succeeded.
fn timed(cmd: &mut Command) -> Option<(f64, f64, String)> {
    let (start, cpu0) = (Instant::now(), super::cpu_time::children());
    let out = cmd.output().ok()?;
    let secs = start.elapsed().as_secs_f64();
    let cpu = super::cpu_time::children() - cpu0;
    out.status.success().then(|| (secs, cpu, String::from_utf8_lossy(&out.stdout).into_owned()))
}

pub fn compare(messages: u64) {
    let dir = model_dir();
    let (model, generator) = (dir.join("simpy_model.py"), dir.join("gen_scenario.py"));
    if !model.is_file() || !generator.is_file() {
        println!("  SimPy comparison skipped: {} not found (set PORTSIM_SIMPY_DIR)", model.display());
        return;
    }
    let has_simpy = Command::new("python3").args(["-c", "import simpy"]).output().is_ok_and(|o| o.status.success());
    if !has_simpy {
        println!("  SimPy comparison skipped: python3 with the simpy package not found (pip install simpy)");
        return;
    }
    let file = std::env::temp_dir().join(format!("portsim-bench-{messages}.json"));
    let generated = Command::new("python3")
        .arg(&generator)
        .arg(messages.to_string())
        .arg(&file)
        .output()
        .is_ok_and(|o| o.status.success());
    let Some(text) = generated.then(|| std::fs::read_to_string(&file).ok()).flatten() else {
        println!("  SimPy comparison skipped: gen_scenario.py {messages} failed");
        return;
    };
    let Ok(scenario) = load_scenario(&text) else {
        println!("  SimPy comparison skipped: the generated scenario does not load");
        return;
    };
    // Best of `ROUNDS` for every figure, the four measurements interleaved in each round.
    let (mut engine_s, mut portsim_s, mut simpy_s, mut run_s) = (f64::MAX, f64::MAX, f64::MAX, f64::MAX);
    let (mut engine_cpu, mut portsim_cpu, mut simpy_cpu) = (f64::MAX, f64::MAX, f64::MAX);
    for _ in 0..super::ROUNDS {
        // In-process engine loop, trace on.
        let mut sim = Simulation::new(&scenario);
        let (start, cpu0) = (Instant::now(), super::cpu_time::thread());
        sim.run_to_end();
        engine_s = engine_s.min(start.elapsed().as_secs_f64());
        engine_cpu = engine_cpu.min(super::cpu_time::thread() - cpu0);
        drop(sim);
        // Whole processes.
        let portsim = timed(Command::new(env!("CARGO_BIN_EXE_portsim")).arg("run").arg(&file).arg("--summary"));
        let simpy = timed(Command::new("python3").arg(&model).arg(messages.to_string()).arg("--json"));
        let (Some((p_s, p_cpu, _)), Some((s_s, s_cpu, simpy_out))) = (portsim, simpy) else {
            println!("  SimPy comparison skipped: a process failed (portsim run --summary or simpy_model.py)");
            return;
        };
        let Some(r_s) = serde_json::from_str::<serde_json::Value>(simpy_out.trim())
            .ok()
            .and_then(|v| v.get("runSeconds").and_then(|r| r.as_f64()))
        else {
            println!("  SimPy comparison skipped: simpy_model.py --json printed no runSeconds");
            return;
        };
        (portsim_s, simpy_s, run_s) = (portsim_s.min(p_s), simpy_s.min(s_s), run_s.min(r_s));
        (portsim_cpu, simpy_cpu) = (portsim_cpu.min(p_cpu), simpy_cpu.min(s_cpu));
    }
    println!("  peer, {messages} messages (../shared/bench, same scenario; best of {} each):", super::ROUNDS);
    println!("    portsim run --summary (whole process) {:>8.3} s", portsim_s);
    println!("    python3 simpy_model.py (whole process) {:>7.3} s", simpy_s);
    let whole = simpy_s / portsim_s.max(1e-9);
    println!("    SimPy ÷ portsim, whole process {:>10.1}×   target ≥ 20×: {}", whole, super::met(whole >= 20.0));
    println!(
        "    same, CPU time (user + system): portsim {:.3} s, SimPy {:.3} s, SimPy ÷ portsim {:.1}× (load-proof)",
        portsim_cpu,
        simpy_cpu,
        simpy_cpu / portsim_cpu.max(1e-9)
    );
    println!("    engine loop (trace on)       {:>10.3} s", engine_s);
    println!("    SimPy env.run()              {:>10.3} s", run_s);
    println!("    engine loop, thread CPU time {:>6.3} s (SimPy reports only its env.run wall time)", engine_cpu);
    let loop_ratio = run_s / engine_s.max(1e-9);
    println!(
        "    SimPy env.run ÷ engine loop  {:>10.1}×   target ≥ 50×: {}",
        loop_ratio,
        super::met(loop_ratio >= 50.0)
    );
    let _ = std::fs::remove_file(&file);
}
