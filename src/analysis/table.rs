//! The data behind each chart as a table: the page shows it as the chart's text alternative and
//! "Export CSV" writes the same rows (RFC 4180 quoting). Times are milliseconds in CSV and short
//! elapsed times on the page.

use super::charts::RunCharts;
use super::svg::{short_time, ChartText};
use crate::engine::simulation::TransportSlot;

/// Headings and rows of text.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct DataTable {
    pub headers: Vec<String>,
    pub rows: Vec<Vec<String>>,
}

impl DataTable {
    /// CSV text, CRLF line ends, fields quoted when they hold a comma, quote or line break.
    pub fn to_csv(&self) -> String {
        let field = |f: &str| {
            if f.contains([',', '"', '\n', '\r']) {
                format!("\"{}\"", f.replace('"', "\"\""))
            } else {
                f.to_string()
            }
        };
        let mut out = String::new();
        for row in std::iter::once(&self.headers).chain(&self.rows) {
            let line: Vec<String> = row.iter().map(|f| field(f)).collect();
            out.push_str(&line.join(","));
            out.push_str("\r\n");
        }
        out
    }
}

/// How times are written: milliseconds (CSV) or short elapsed times (page).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TimeStyle {
    Ms,
    Short,
}

fn time(ms: u64, style: TimeStyle) -> String {
    match style {
        TimeStyle::Ms => ms.to_string(),
        TimeStyle::Short => short_time(ms),
    }
}

/// One row per bin: sample time, then a column per status.
pub fn status_table(c: &RunCharts, text: &ChartText, style: TimeStyle) -> DataTable {
    let mut headers = vec![text.time.clone()];
    headers.extend(text.statuses.iter().cloned());
    let rows = (0..c.bins())
        .map(|k| {
            let mut row = vec![time(c.sample_ms(k), style)];
            row.extend(c.status[k].iter().map(|v| v.to_string()));
            row
        })
        .collect();
    DataTable { headers, rows }
}

/// One row per (bin, series) with attempts and failures; bins without attempts are left out.
pub fn attempts_table(c: &RunCharts, text: &ChartText, style: TimeStyle) -> DataTable {
    let headers = vec![
        text.time.clone(),
        text.address.clone(),
        text.transport.clone(),
        text.attempts.clone(),
        text.failures.clone(),
    ];
    let mut rows = Vec::new();
    for k in 0..c.bins() {
        for e in &c.endpoints {
            if e.attempts[k] == 0 {
                continue;
            }
            let slot = if e.transport == TransportSlot::Backup { &text.backup } else { &text.primary };
            rows.push(vec![
                time(c.sample_ms(k), style),
                e.address.clone(),
                slot.clone(),
                e.attempts[k].to_string(),
                e.failures[k].to_string(),
            ]);
        }
    }
    DataTable { headers, rows }
}

/// The per-port table: instances, completed, suspended, attempts, median, p95, max.
pub fn ports_table(c: &RunCharts, text: &ChartText, style: TimeStyle) -> DataTable {
    let headers = vec![
        text.port.clone(),
        text.instances.clone(),
        text.completed.clone(),
        text.suspended.clone(),
        text.attempts.clone(),
        text.median.clone(),
        text.p95.clone(),
        text.max.clone(),
    ];
    let rows = c
        .ports
        .iter()
        .map(|p| {
            let q = |f: fn(&super::charts::Quantiles) -> u64| {
                p.delivery.as_ref().map_or(String::new(), |d| time(f(d), style))
            };
            vec![
                p.name.clone(),
                p.instances.to_string(),
                p.completed.to_string(),
                p.suspended.to_string(),
                p.attempts.to_string(),
                q(|d| d.median_ms),
                q(|d| d.p95_ms),
                q(|d| d.max_ms),
            ]
        })
        .collect();
    DataTable { headers, rows }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csv_quotes_what_needs_it() {
        let t = DataTable {
            headers: vec!["a".into(), "b".into()],
            rows: vec![vec!["x,y".into(), "say \"hi\"".into()], vec!["1".into(), "2".into()]],
        };
        assert_eq!(t.to_csv(), "a,b\r\n\"x,y\",\"say \"\"hi\"\"\"\r\n1,2\r\n");
    }
}
