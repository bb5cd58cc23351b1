//! Classroom views as data: the models behind `compare`, `explain`,
//! `accuracy`, `plot`, `heatmap` and `edges`.
//!
//! A model is computed from arrays (calling the [`crate::engine`] for every
//! number NumPy would produce) and holds exactly what a view shows. Models
//! know nothing of terminals: [`crate::tui`] draws them, and each model has
//! a `to_json` for `--json`.

mod accuracy;
mod compare;
mod explain;
mod heatmap;
mod lanes;
mod numfmt;
mod plot;
mod stencil;

pub use accuracy::{Accuracy, AccuracyError, AccuracyRow, AccuracySpec, Fun, Timing, accuracy};
pub use compare::{Block, Compare, Identity, Lane, Row, Status, compare};
pub use explain::{Explain, Item, Section, explain_diff, explain_gradient};
pub use heatmap::{Edges, Heatmap, Scale, edges, heatmap};
pub use lanes::{AxisSpacing, resolve_axes, resolve_spacing};
pub use numfmt::{num, num_paren};
pub use plot::{Plot, Series};
pub use stencil::{Scheme, Side, Stencil, stencil};
