//! Classroom views as data: the models behind `compare`, `explain`,
//! `accuracy`, `plot`, `heatmap` and `edges`, gathered in one [`View`] enum.
//!
//! A model is computed from arrays (calling the [`crate::engine`] for every
//! number NumPy would produce) and holds exactly what a view shows. Models
//! know nothing of terminals: the evaluator hands a [`View`] to the front
//! ends, which draw it with `crate::tui` (the only module that knows how a
//! view looks) or write [`View::to_json`] for `--json`.

mod accuracy;
mod compare;
mod edges;
mod explain;
mod heatmap;
mod lanes;
mod numfmt;
mod plot;
mod stencil;

use serde_json::{Value, json};

pub use accuracy::{
    Accuracy, AccuracyError, AccuracyRow, AccuracySpec, Fun, Observed, ROUNDOFF_FACTOR, Timing,
    accuracy,
};
pub use compare::{Block, Compare, Identity, Lane, Row, Status, compare};
pub use edges::{Edges, edges};
pub use explain::{Explain, Item, Section, explain_diff, explain_gradient};
pub use heatmap::{Heatmap, Scale, heatmap};
pub use lanes::{AxisSpacing, index_text, resolve_axes, resolve_spacing};
pub use numfmt::{num, num_paren, shape_text};
pub use plot::{Plot, Series};
pub use stencil::{Scheme, Side, Stencil, stencil};

/// A rich classroom result, as data: what `compare(a)`, `plot(y)`, ...
/// evaluate to.
///
/// Adding a view: its model in `views/NAME.rs`, a variant here (with its
/// arms in [`View::name`] and [`View::data`]), its drawing in
/// `tui/NAME.rs` and its arm in `tui`'s one `match` (see README, Design).
#[derive(Clone, Debug, PartialEq)]
pub enum View {
    Compare(Compare),
    Explain(Explain),
    Accuracy(Accuracy),
    Plot(Plot),
    Heatmap(Heatmap),
    Edges(Edges),
    /// A matplotlib figure (`plt.show()`), drawn by `tui` like the others.
    Figure(crate::mpl::Figure),
}

impl View {
    /// The view's name in `--json` output and error messages (`compare`,
    /// `explain`, ...): the builtin that makes it.
    pub fn name(&self) -> &'static str {
        match self {
            View::Compare(_) => "compare",
            View::Explain(_) => "explain",
            View::Accuracy(_) => "accuracy",
            View::Plot(_) => "plot",
            View::Heatmap(_) => "heatmap",
            View::Edges(_) => "edges",
            View::Figure(_) => "figure",
        }
    }

    /// The numbers shown (the `data` of CLI.md's view value).
    pub fn data(&self) -> Value {
        match self {
            View::Compare(m) => m.to_json(),
            View::Explain(m) => m.to_json(),
            View::Accuracy(m) => m.to_json(),
            View::Plot(m) => m.to_json(),
            View::Heatmap(m) => m.to_json(),
            View::Edges(m) => m.to_json(),
            View::Figure(f) => f.to_json(),
        }
    }

    /// CLI.md's value of kind `view`:
    /// `{"kind": "view", "name": ..., "data": {...}}`.
    pub fn to_json(&self) -> Value {
        json!({"kind": "view", "name": self.name(), "data": self.data()})
    }
}

/// `impl From<Model> for View` for every model, so builtins and tests
/// write `View::from(compare(...)?)` or `.into()`.
macro_rules! from_model {
    ($($variant:ident),*) => {
        $(impl From<$variant> for View {
            fn from(m: $variant) -> View {
                View::$variant(m)
            }
        })*
    };
}

from_model!(Compare, Explain, Accuracy, Plot, Heatmap, Edges);
