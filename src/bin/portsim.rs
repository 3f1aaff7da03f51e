//! The native command-line interface (SCENARIO.md "CLI"): the same engine as the browser, so docs
//! and tests can produce exactly what the page shows.
//!
//! ```text
//! portsim run FILE [--json] [--trace] [--until DURATION]   report (text or JSON); exit 0
//! portsim run FILE --summary                               totals and per-port counts only
//! portsim check FILE                                       "ok" + warnings, exit 0; or every error, exit 1
//! portsim diff A B [--json]                                per-message differences (`analysis_cli`)
//! portsim sweep FILE [--set PTR=VALUES]... [--seeds N] [--json]   grid × seeds on every core
//! portsim --help | --version
//! ```
//! FILE may be `-` for standard input. Exit status 2 means bad arguments or an unreadable file.
//! Nothing here panics: output errors (a closed pipe) are ignored. `run` records the trace only
//! with `--trace` and streams its output to standard output.

#[path = "portsim/bindings_cli.rs"]
mod bindings_cli;
#[path = "portsim/summary_cli.rs"]
mod summary_cli;
#[path = "portsim/text_cli.rs"]
mod text_cli;

use portsim::engine::limits::LimitOverrides;
use portsim::engine::scenario::{ScenarioErrorKind, MAX_SCENARIO_BYTES};
use portsim::engine::time::{parse_duration, SimTime};
use portsim::engine::{load_scenario, LoadError, Scenario, Simulation};
use std::fmt::Write as _;
use std::io::{Read, Write};
use std::process::ExitCode;

#[path = "portsim/analysis_cli.rs"]
mod analysis_cli;

const USAGE: &str = "\
portsim - a deterministic simulator of BizTalk Server send ports and send port groups

Usage:
  portsim run FILE [--json | --summary] [--trace] [--until DURATION]
                   [--max-instances N] [--max-events N] [--max-memory-mb N]
      Runs the scenario and prints its report: a text summary, or the portsim-report/1 JSON with
      --json, or with --summary only the totals and per-port counts (one short block, fast: no
      trace is recorded unless --trace asks). --trace first prints the trace, one line per event. --until replaces the scenario's
      `until` (a duration such as 90m or 1h30m). The --max-* flags replace the work limits
      (defaults 2,000,000 instances, 20,000,000 events, 1,024 MB estimated memory, or the
      scenario's `limits`); a run that reaches one stops, prints the report so far and says which
      limit on standard error (exit 0).
  portsim check FILE
      Validates the scenario: prints \"ok\" and any warnings (exit 0), or every error with its JSON
      path (exit 1).
  portsim diff A B [--json]
      Runs both scenarios and lists the message copies whose outcome differs (status, completion
      time, attempts) with the totals side by side; --json prints portsim-diff/1.
  portsim sweep FILE [--set POINTER=VALUES]... [--seeds N] [--json]
      Runs the scenario over a grid of values set by JSON Pointer (A..B integers, or a comma list
      such as true,false or 1m,5m) and over N seeds (the file's seed, +1, ...), on every core;
      prints the suspension rate, p95 delivery time and attempts per cell (mean and 95% band);
      --json prints portsim-sweep/1.
{BINDINGS}  portsim --help       Shows this help.
  portsim --version    Shows the version.

FILE may be - to read standard input.
Exit status: 0 success, 1 invalid scenario, 2 bad arguments or unreadable file.
";

/// What the command line asks for.
#[derive(Debug, PartialEq)]
enum Command {
    Help,
    Version,
    Check {
        file: String,
    },
    Run {
        file: String,
        json: bool,
        summary: bool,
        trace: bool,
        until: Option<SimTime>,
        limits: LimitOverrides,
    },
    /// `diff` and `sweep`.
    Analysis(analysis_cli::AnalysisCommand),
}

fn main() -> ExitCode {
    // `args_os`: a non-UTF-8 argument must not panic (it becomes a file name that cannot be found).
    let args: Vec<String> = std::env::args_os().skip(1).map(|a| a.to_string_lossy().into_owned()).collect();
    let (status, out, err) = execute(&args);
    // Output failures (e.g. `portsim run x | head`) must not panic.
    let _ = std::io::stdout().lock().write_all(escape_controls(&out).as_bytes());
    let _ = std::io::stderr().lock().write_all(escape_controls(&err).as_bytes());
    ExitCode::from(status)
}

/// Whether `escape_controls` writes `c` as `\uXXXX`.
fn needs_escape(c: char) -> bool {
    c.is_control() && c != '\n' && c != '\t'
}

/// Scenario text (names, addresses, ids, context values) reaches the output verbatim, so a
/// terminal escape sequence in a scenario (`"\u001b[2J"`) would be obeyed by the terminal. Every
/// control character other than the line break and the tab (column separator of `sweep`'s table;
/// a terminal only moves the cursor to the next tab stop) is written as `\uXXXX` instead: readable in
/// text output, and inside `--json` output the same escape JSON itself uses (the value is
/// unchanged; serde_json already escapes U+0000–U+001F, this also covers DEL and U+0080–U+009F).
fn escape_controls(text: &str) -> String {
    if !text.chars().any(needs_escape) {
        return text.to_string();
    }
    let mut out = String::with_capacity(text.len() + 16);
    for c in text.chars() {
        if needs_escape(c) {
            let _ = write!(out, "\\u{:04x}", u32::from(c));
        } else {
            out.push(c);
        }
    }
    out
}

/// A writer applying `escape_controls` to streamed output (`run`). A character split across two
/// writes is held back until it is whole.
struct EscapeControls<W: Write> {
    inner: W,
    pending: Vec<u8>,
}

impl<W: Write> EscapeControls<W> {
    fn new(inner: W) -> Self {
        EscapeControls { inner, pending: Vec::new() }
    }
}

impl<W: Write> Write for EscapeControls<W> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        // Only a character split by the previous write is held; otherwise `buf` is read in place
        // (no copy per write: serde_json writes a report in many small pieces).
        let held;
        let bytes: &[u8] = if self.pending.is_empty() {
            buf
        } else {
            self.pending.extend_from_slice(buf);
            held = std::mem::take(&mut self.pending);
            &held
        };
        let (text, rest) = match std::str::from_utf8(bytes) {
            Ok(text) => (text, &[][..]),
            // Not UTF-8 (never from our own writers): pass the bytes through unchanged.
            Err(e) if e.error_len().is_some() => {
                self.inner.write_all(bytes)?;
                return Ok(buf.len());
            }
            Err(e) => {
                let (ok, rest) = bytes.split_at(e.valid_up_to());
                (std::str::from_utf8(ok).unwrap_or_default(), rest)
            }
        };
        if text.chars().any(needs_escape) {
            self.inner.write_all(escape_controls(text).as_bytes())?;
        } else {
            self.inner.write_all(text.as_bytes())?;
        }
        self.pending.extend_from_slice(rest);
        Ok(buf.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        if !self.pending.is_empty() {
            let rest = std::mem::take(&mut self.pending);
            self.inner.write_all(&rest)?;
        }
        self.inner.flush()
    }
}

/// Runs a command line; returns (exit status, stdout text, stderr text).
fn execute(args: &[String]) -> (u8, String, String) {
    if args.first().is_some_and(|a| a == "bindings") {
        return bindings_cli::execute(&args[1..]);
    }
    let command = match parse_args(args) {
        Ok(c) => c,
        Err(message) => return (2, String::new(), format!("portsim: {message}\nTry 'portsim --help'.\n")),
    };
    match command {
        Command::Analysis(c) => analysis_cli::execute(c),
        Command::Help => (0, USAGE.replace("{BINDINGS}", bindings_cli::USAGE), String::new()),
        Command::Version => (0, format!("portsim {}\n", env!("CARGO_PKG_VERSION")), String::new()),
        Command::Check { file } => match load(&file) {
            Err(Failure::Unreadable(message)) => (2, String::new(), format!("portsim: {message}\n")),
            Err(Failure::Invalid(errors)) => (1, error_lines(&file, &errors), String::new()),
            Ok(scenario) => {
                let mut out = String::from("ok\n");
                for w in &scenario.warnings {
                    let _ = writeln!(out, "warning: {}: {}", w.path, w.message);
                }
                (0, out, String::new())
            }
        },
        Command::Run { file, json, summary: summary_only, trace, until, limits } => match load(&file) {
            Err(Failure::Unreadable(message)) => (2, String::new(), format!("portsim: {message}\n")),
            Err(Failure::Invalid(errors)) => (1, String::new(), error_lines(&file, &errors)),
            Ok(mut scenario) => {
                if let Some(until) = until {
                    scenario.until = until;
                }
                let mut sim = Simulation::new(&scenario);
                sim.set_limits(limits);
                // The trace is recorded only when it is printed; the report is the same either way.
                sim.set_trace_recording(trace);
                sim.run_to_end();
                // Issue 9 §4: a work limit stops the run cleanly: report so far, exit 0, say it.
                let err = sim.limit_reached().map(|hit| format!("portsim: {}\n", hit.message)).unwrap_or_default();
                // Streamed to standard output (no whole-output string); a closed pipe is ignored.
                // Buffered on both sides: the escaping sees large chunks, the terminal large writes.
                let stdout = EscapeControls::new(std::io::BufWriter::new(std::io::stdout().lock()));
                let mut out = std::io::BufWriter::with_capacity(1 << 16, stdout);
                let _ = write_run(&sim, json, summary_only, trace, &mut out).and_then(|()| out.flush());
                // The process ends next and the OS takes its memory back at once: freeing a large
                // run's vectors one by one first would only add time (issue 9 §2, whole process).
                std::mem::forget(sim);
                (0, String::new(), err)
            }
        },
    }
}

fn parse_args(args: &[String]) -> Result<Command, String> {
    let Some(first) = args.first() else { return Err("no command given".to_string()) };
    let rest = &args[1..];
    match first.as_str() {
        "-h" | "--help" | "help" => Ok(Command::Help),
        "-V" | "--version" => Ok(Command::Version),
        "check" => {
            if rest.iter().any(|a| a == "-h" || a == "--help") {
                return Ok(Command::Help);
            }
            match rest {
                [file] if file == "-" || !file.starts_with('-') => Ok(Command::Check { file: file.clone() }),
                [] => Err("check needs a FILE".to_string()),
                [other] => Err(format!("unknown option '{other}' for check")),
                _ => Err(format!("check takes one FILE, got {} arguments", rest.len())),
            }
        }
        "run" => {
            let mut file = None;
            let mut json = false;
            let mut summary = false;
            let mut trace = false;
            let mut until = None;
            let mut limits = LimitOverrides::default();
            let mut i = 0;
            while i < rest.len() {
                let arg = rest[i].as_str();
                match arg {
                    "--json" => json = true,
                    "--summary" => summary = true,
                    "--trace" => trace = true,
                    "-h" | "--help" => return Ok(Command::Help),
                    "--until" => {
                        i += 1;
                        let text = rest.get(i).ok_or("--until needs a DURATION, e.g. --until 2h")?;
                        until = Some(until_value(text)?);
                    }
                    _ if arg.starts_with("--until=") => until = Some(until_value(&arg["--until=".len()..])?),
                    _ if LimitOverrides::is_cli_flag(arg) => {
                        let value = (!arg.contains('=')).then(|| {
                            i += 1;
                            rest.get(i).map(String::as_str)
                        });
                        limits.apply_cli_flag(arg, value.flatten())?;
                    }
                    _ if arg.starts_with('-') && arg != "-" => return Err(format!("unknown option '{arg}' for run")),
                    _ => {
                        if file.is_some() {
                            return Err(format!("run takes one FILE; '{arg}' is a second one"));
                        }
                        file = Some(arg.to_string());
                    }
                }
                i += 1;
            }
            let file = file.ok_or("run needs a FILE")?;
            if json && summary {
                return Err(
                    "--json and --summary cannot be combined: choose the full JSON report or the summary".into()
                );
            }
            Ok(Command::Run { file, json, summary, trace, until, limits })
        }
        "diff" | "sweep" => {
            if rest.iter().any(|a| a == "-h" || a == "--help") {
                return Ok(Command::Help);
            }
            analysis_cli::parse(first, rest).map(Command::Analysis)
        }
        other => Err(format!("unknown command '{other}' (commands: run, check, diff, sweep)")),
    }
}

fn until_value(text: &str) -> Result<SimTime, String> {
    parse_duration(text).map(|d| SimTime(d.as_ms())).map_err(|e| format!("--until: {e}"))
}

enum Failure {
    /// The file could not be read (exit 2).
    Unreadable(String),
    /// The file was read but is not a valid scenario (exit 1).
    Invalid(LoadError),
}

fn load(file: &str) -> Result<Scenario, Failure> {
    load_scenario(&read_text(file)?).map_err(Failure::Invalid)
}

/// The file's text (at most `MAX_SCENARIO_BYTES` + 1 bytes read); not UTF-8 is an invalid scenario.
fn read_text(file: &str) -> Result<String, Failure> {
    let mut bytes = Vec::new();
    // Read at most one byte more than the limit: a huge file is refused without reading it all.
    let limit = MAX_SCENARIO_BYTES as u64 + 1;
    let read = if file == "-" {
        std::io::stdin().lock().take(limit).read_to_end(&mut bytes)
    } else {
        std::fs::File::open(file).and_then(|f| f.take(limit).read_to_end(&mut bytes))
    };
    if let Err(e) = read {
        let name = if file == "-" { "standard input" } else { file };
        return Err(Failure::Unreadable(format!("cannot read {name}: {e}")));
    }
    let text = match String::from_utf8(bytes) {
        Ok(t) => t,
        Err(e) => {
            let at = e.utf8_error().valid_up_to();
            let error = portsim::engine::ScenarioError::new(
                "",
                portsim::engine::ScenarioErrorKind::Syntax,
                format!("byte {at}: not valid JSON: the file is not UTF-8 text"),
            );
            return Err(Failure::Invalid(LoadError::single(error)));
        }
    };
    Ok(text)
}

/// One error per line, prefixed by the file name (`file: path: kind: message`).
fn error_lines(file: &str, errors: &LoadError) -> String {
    let mut out = String::new();
    for e in &errors.errors {
        let _ = writeln!(out, "{file}: {e}");
    }
    // The closing "at least N more errors are not listed" entry of a capped list is not an error.
    let n = errors.errors.iter().filter(|e| e.kind != ScenarioErrorKind::TooManyErrors).count();
    let plural = if n == 1 { "" } else { "s" };
    if n < errors.errors.len() {
        let _ = writeln!(out, "{n} error{plural} listed, and more not listed (see the line above)");
    } else {
        let _ = writeln!(out, "{n} error{plural}");
    }
    out
}

/// §5: the Group Hub's words for an instance status (the report's code when unknown).
/// Writes what `run` prints: the trace lines (with `--trace`), then the `--summary` block, the
/// JSON report (`--json`, streamed instance by instance) or the text summary.
fn write_run(
    sim: &Simulation,
    json: bool,
    summary_only: bool,
    trace: bool,
    out: &mut impl Write,
) -> std::io::Result<()> {
    if trace {
        sim.trace().write_lines(out)?;
        if !json {
            out.write_all(b"\n")?;
        }
    }
    if summary_only {
        // `--summary`: totals and per-port counts only (no instance list is built).
        out.write_all(summary_cli::summary_block(sim).as_bytes())
    } else if json {
        sim.write_report_json(out)
    } else {
        text_cli::write_text(sim, out)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn args(s: &str) -> Vec<String> {
        s.split_whitespace().map(str::to_string).collect()
    }

    #[test]
    fn streamed_output_is_escaped_even_across_writes() {
        let mut out = EscapeControls::new(Vec::new());
        let text = "a\u{1b}[2J é\u{9b}c\n";
        for chunk in text.as_bytes().chunks(1) {
            let _ = out.write_all(chunk);
        }
        let _ = out.flush();
        assert_eq!(String::from_utf8_lossy(&out.inner), escape_controls(text));
    }

    #[test]
    fn control_characters_are_escaped_and_line_breaks_kept() {
        assert_eq!(escape_controls("a\u{1b}[2J\u{7}\tb\n\u{9b}c\u{7f}"), "a\\u001b[2J\\u0007\tb\n\\u009bc\\u007f");
        assert_eq!(escape_controls("plain é\n"), "plain é\n");
    }

    #[test]
    fn parses_run_options_in_any_order() {
        assert_eq!(
            parse_args(&args("run --trace f.json --until 1h30m --json")),
            Ok(Command::Run {
                file: "f.json".into(),
                json: true,
                summary: false,
                trace: true,
                until: Some(SimTime(5_400_000)),
                limits: LimitOverrides::default()
            })
        );
        assert_eq!(parse_args(&args("check -")), Ok(Command::Check { file: "-".into() }));
    }

    #[test]
    fn rejects_bad_arguments_with_a_reason() {
        assert!(parse_args(&[]).is_err());
        assert!(parse_args(&args("run")).unwrap_err().contains("FILE"));
        assert!(parse_args(&args("run f --until 5")).unwrap_err().contains("--until"));
        assert!(parse_args(&args("run f --bogus")).unwrap_err().contains("--bogus"));
        assert!(parse_args(&args("run f --json --summary")).unwrap_err().contains("--summary"));
        assert!(parse_args(&args("check a b")).is_err());
        assert!(parse_args(&args("run f --max-instances")).unwrap_err().contains("--max-instances needs an integer"));
        assert!(parse_args(&args("run f --max-events 0")).unwrap_err().contains("from 1 to"));
        assert!(parse_args(&args("frobnicate")).unwrap_err().contains("frobnicate"));
    }
}
