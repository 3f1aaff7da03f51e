//! Whole-run analysis over the engine's compact records (issue 13): pure like the engine (no DOM,
//! no clock, no I/O), shared by the page, the CLI and the benchmarks.
//!
//! | module | what |
//! | --- | --- |
//! | `charts` | one pass → binned series: instances by status (stacked), attempts per endpoint, delivery-time distribution per port |
//! | `svg` | the charts as SVG text (the page shows it, exports it; a data table goes beside each) |
//! | `heatmap` | a two-parameter sweep as a heat map (cells coloured by a figure, legend, values written in) |
//! | `table` | the data table behind each chart (text alternative) and its CSV export |
//! | `diff` | per-message differences of two reports (`portsim diff`, the Compare view) |
//! | `sweep` | a grid of JSON Pointer values × seeds; mean and 95 % band per cell (`portsim sweep`) |

pub mod charts;
pub mod charts_live;
pub mod diff;
pub mod heatmap;
pub mod svg;
pub mod sweep;
pub mod table;
