//! A sweep over two settings as a heat map (issue 13): rows are the first setting's values, columns
//! the second's, each cell coloured by one figure (suspension rate, p95 delivery time, attempts —
//! the mean across seeds) on a light-to-dark scale, with a legend giving the scale's ends. Each
//! cell also carries its value as text (and a `<title>`), and the page puts the data table beside
//! it as the text alternative. Self-contained SVG like `svg`, so it exports the same way.

use super::svg::{esc, WIDTH};
use std::fmt::Write as _;

/// What to draw: `values[r * cols.len() + c]` is the cell of row `r` (first setting) and column
/// `c` (second setting) — the order of `SweepResult::cells` (first axis slowest).
pub struct HeatMap<'a> {
    pub title: &'a str,
    /// The first setting (rows) and the second (columns).
    pub row_label: &'a str,
    pub col_label: &'a str,
    pub rows: &'a [String],
    pub cols: &'a [String],
    pub values: &'a [Option<f64>],
    /// How a value is written (in cells and on the legend).
    pub format: &'a dyn Fn(f64) -> String,
    /// Written in a cell without a value (no completed instance for a p95, say).
    pub missing: &'a str,
}

/// Colour stops of the scale (light yellow → dark red, readable by colour-blind viewers as light
/// to dark).
const STOPS: [(u8, u8, u8); 5] = [(255, 255, 204), (254, 217, 118), (253, 141, 60), (227, 26, 28), (128, 0, 38)];

/// The colour of `t` in 0..=1 on the scale.
pub fn color(t: f64) -> String {
    let t = if t.is_finite() { t.clamp(0.0, 1.0) } else { 0.0 };
    let pos = t * (STOPS.len() - 1) as f64;
    let i = (pos.floor() as usize).min(STOPS.len() - 2);
    let f = pos - i as f64;
    let mix = |a: u8, b: u8| (a as f64 + (b as f64 - a as f64) * f).round() as u8;
    let (a, b) = (STOPS[i], STOPS[i + 1]);
    format!("#{:02x}{:02x}{:02x}", mix(a.0, b.0), mix(a.1, b.1), mix(a.2, b.2))
}

const LEFT: f64 = 96.0;
const TOP: f64 = 34.0;
const LEGEND_W: f64 = 110.0;
const MAX_H: f64 = 300.0;

/// The heat map as SVG text.
pub fn heatmap_chart(h: &HeatMap<'_>) -> String {
    let (nr, nc) = (h.rows.len().max(1), h.cols.len().max(1));
    let cell_w = ((WIDTH as f64 - LEFT - LEGEND_W - 12.0) / nc as f64).min(90.0);
    let cell_h = (MAX_H / nr as f64).clamp(10.0, 30.0);
    let (plot_w, plot_h) = (cell_w * nc as f64, cell_h * nr as f64);
    let height = (TOP + plot_h + 44.0).ceil() as u32;
    let mut out = String::with_capacity(512 + 160 * nr * nc);
    let t = esc(h.title);
    let _ = write!(
        out,
        r##"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {height}" width="{WIDTH}" height="{height}" role="img" aria-label="{t}" font-family="sans-serif" font-size="11"><title>{t}</title><rect width="100%" height="100%" fill="#fff"/><text x="8" y="16" font-size="13" font-weight="bold">{t}</text>"##
    );
    let present: Vec<f64> = h.values.iter().flatten().copied().filter(|v| v.is_finite()).collect();
    let lo = present.iter().copied().fold(f64::INFINITY, f64::min);
    let hi = present.iter().copied().fold(f64::NEG_INFINITY, f64::max);
    let scale = |v: f64| if hi > lo { (v - lo) / (hi - lo) } else { 0.5 };
    let write_values = cell_w >= 34.0 && cell_h >= 14.0;
    for (r, row) in h.rows.iter().enumerate() {
        let y = TOP + r as f64 * cell_h;
        let short: String = row.chars().take(12).collect();
        let _ = write!(
            out,
            r##"<text x="{:.1}" y="{:.1}" text-anchor="end">{}</text>"##,
            LEFT - 6.0,
            y + cell_h / 2.0 + 4.0,
            esc(&short)
        );
        for c in 0..h.cols.len() {
            let x = LEFT + c as f64 * cell_w;
            let value = h.values.get(r * h.cols.len() + c).copied().flatten().filter(|v| v.is_finite());
            let (fill, text) = match value {
                Some(v) => (color(scale(v)), (h.format)(v)),
                None => ("#eeeeee".to_string(), h.missing.to_string()),
            };
            let tip = format!("{} = {}, {} = {}: {}", h.row_label, row, h.col_label, h.cols[c], text);
            let _ = write!(
                out,
                r##"<rect x="{x:.1}" y="{y:.1}" width="{:.1}" height="{:.1}" fill="{fill}" stroke="#fff"><title>{}</title></rect>"##,
                cell_w,
                cell_h,
                esc(&tip)
            );
            if write_values {
                // Dark text on the light half of the scale, white on the dark half.
                let ink = if value.is_some_and(|v| scale(v) > 0.55) { "#fff" } else { "#222" };
                let _ = write!(
                    out,
                    r##"<text x="{:.1}" y="{:.1}" text-anchor="middle" fill="{ink}">{}</text>"##,
                    x + cell_w / 2.0,
                    y + cell_h / 2.0 + 4.0,
                    esc(&text)
                );
            }
        }
    }
    let step = (h.cols.len() / 10).max(1);
    for (c, col) in h.cols.iter().enumerate().filter(|(c, _)| c % step == 0 || c + 1 == h.cols.len()) {
        let short: String = col.chars().take(10).collect();
        let _ = write!(
            out,
            r##"<text x="{:.1}" y="{:.1}" text-anchor="middle">{}</text>"##,
            LEFT + (c as f64 + 0.5) * cell_w,
            TOP + plot_h + 14.0,
            esc(&short)
        );
    }
    let _ = write!(
        out,
        r##"<text x="{:.1}" y="{:.1}" text-anchor="middle">{}</text><text x="8" y="28" font-size="10">{} ↓</text>"##,
        LEFT + plot_w / 2.0,
        TOP + plot_h + 32.0,
        esc(&format!("{} →", h.col_label)),
        esc(h.row_label)
    );
    // Legend: the scale from its lowest to its highest value.
    let lx = LEFT + plot_w + 24.0;
    let _ = write!(
        out,
        r##"<defs><linearGradient id="heat-scale" x1="0" x2="0" y1="1" y2="0">{}</linearGradient></defs><rect x="{lx:.1}" y="{TOP:.1}" width="14" height="{:.1}" fill="url(#heat-scale)" stroke="#999"/>"##,
        (0..STOPS.len())
            .map(|i| {
                let t = i as f64 / (STOPS.len() - 1) as f64;
                format!(r##"<stop offset="{t:.2}" stop-color="{}"/>"##, color(t))
            })
            .collect::<String>(),
        plot_h.max(40.0)
    );
    if !present.is_empty() {
        let _ = write!(
            out,
            r##"<text x="{:.1}" y="{:.1}">{}</text><text x="{:.1}" y="{:.1}">{}</text>"##,
            lx + 18.0,
            TOP + 9.0,
            esc(&(h.format)(hi)),
            lx + 18.0,
            TOP + plot_h.max(40.0),
            esc(&(h.format)(lo))
        );
    }
    out.push_str("</svg>");
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_scale_runs_light_to_dark() {
        assert_eq!(color(0.0), "#ffffcc");
        assert_eq!(color(1.0), "#800026");
        assert_eq!(color(f64::NAN), "#ffffcc");
        assert_eq!(color(2.0), "#800026");
    }

    #[test]
    fn every_cell_is_drawn_with_its_value_and_missing_cells_say_so() {
        let rows = vec!["0".to_string(), "1".to_string()];
        let cols = vec!["a".to_string(), "b<".to_string()];
        let values = [Some(0.0), Some(0.5), None, Some(1.0)];
        let format = |v: f64| format!("{:.0} %", v * 100.0);
        let svg = heatmap_chart(&HeatMap {
            title: "Rate",
            row_label: "/x",
            col_label: "/y",
            rows: &rows,
            cols: &cols,
            values: &values,
            format: &format,
            missing: "—",
        });
        assert_eq!(svg.matches("<rect x=").count(), 4 + 1, "four cells and the legend bar");
        assert!(svg.contains(r##"fill="#ffffcc""##) && svg.contains(r##"fill="#800026""##));
        assert!(svg.contains("<title>/x = 1, /y = a: —</title>"));
        assert!(svg.contains("b&lt;") && svg.contains(">50 %<") && svg.contains(">100 %<"));
        assert!(svg.starts_with("<svg") && svg.ends_with("</svg>"));
    }
}
