//! `portsim diff` and `portsim sweep` (issue 13): argument parsing and output; the work is done
//! by `portsim::analysis` (the same code the page runs).

use super::{error_lines, load, read_text, Failure};
use portsim::analysis::diff::diff;
use portsim::analysis::sweep::{Axis, SweepPlan};
use portsim::engine::Simulation;

#[derive(Debug, PartialEq)]
pub enum AnalysisCommand {
    Diff { a: String, b: String, json: bool },
    Sweep { file: String, axes: Vec<Axis>, seeds: Option<u64>, json: bool },
}

/// Parses the arguments after `diff` / `sweep`.
pub fn parse(command: &str, rest: &[String]) -> Result<AnalysisCommand, String> {
    let mut files: Vec<String> = Vec::new();
    let mut json = false;
    let mut axes = Vec::new();
    let mut seeds = None;
    let mut i = 0;
    while i < rest.len() {
        let arg = rest[i].as_str();
        match arg {
            "--json" => json = true,
            "--set" if command == "sweep" => {
                i += 1;
                let text = rest
                    .get(i)
                    .ok_or("--set needs POINTER=VALUES, e.g. --set /sendPorts/0/primary/retryCount=0..10")?;
                axes.push(Axis::parse(text)?);
            }
            "--seeds" if command == "sweep" => {
                i += 1;
                let text = rest.get(i).ok_or("--seeds needs a number, e.g. --seeds 100")?;
                seeds = Some(text.parse::<u64>().map_err(|_| format!("--seeds: '{text}' is not a whole number"))?);
            }
            _ if arg.starts_with('-') && arg != "-" => return Err(format!("unknown option '{arg}' for {command}")),
            _ => files.push(arg.to_string()),
        }
        i += 1;
    }
    match (command, files.as_slice()) {
        ("diff", [a, b]) => Ok(AnalysisCommand::Diff { a: a.clone(), b: b.clone(), json }),
        ("diff", _) => Err(format!("diff takes two FILEs (A and B), got {}", files.len())),
        (_, [file]) => Ok(AnalysisCommand::Sweep { file: file.clone(), axes, seeds, json }),
        _ => Err(format!("sweep takes one FILE, got {}", files.len())),
    }
}

/// Runs the command; returns (exit status, stdout, stderr) like `execute`.
pub fn execute(command: AnalysisCommand) -> (u8, String, String) {
    match command {
        AnalysisCommand::Diff { a, b, json } => {
            let mut reports = Vec::new();
            for file in [&a, &b] {
                match load(file) {
                    Err(Failure::Unreadable(message)) => return (2, String::new(), format!("portsim: {message}\n")),
                    Err(Failure::Invalid(errors)) => return (1, String::new(), error_lines(file, &errors)),
                    Ok(scenario) => {
                        let mut sim = Simulation::new(&scenario);
                        sim.set_trace_recording(false);
                        sim.run_to_end();
                        reports.push(sim.report());
                    }
                }
            }
            let d = diff(&reports[0], &reports[1]);
            (0, if json { d.to_json() } else { d.to_text() }, String::new())
        }
        AnalysisCommand::Sweep { file, axes, seeds, json } => {
            let text = match read_text(&file) {
                Err(Failure::Unreadable(message)) => return (2, String::new(), format!("portsim: {message}\n")),
                Err(Failure::Invalid(errors)) => return (1, String::new(), error_lines(&file, &errors)),
                Ok(t) => t,
            };
            let plan = match SweepPlan::new(&text, axes, seeds) {
                Ok(p) => p,
                Err(message) => return (1, String::new(), format!("{file}: {message}\n")),
            };
            let result = plan.run();
            (0, if json { result.to_json() } else { result.to_text() }, String::new())
        }
    }
}
