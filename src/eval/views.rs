//! The evaluator's view of rich classroom results: opaque objects the front
//! ends render (plain text for transcripts, styled cells in the terminal).

use std::any::Any;
use std::fmt::Debug;

/// A rich result such as `compare(a)` or `plot(y)`.
pub trait ViewValue: Debug {
    /// The view's name (`compare`, `explain`, `plot`, ...).
    fn view_name(&self) -> &'static str;
    /// The view rendered as plain text at `width` columns.
    fn plain_text(&self, width: u16) -> String;
    /// The numbers shown, for `--json`.
    fn data(&self) -> serde_json::Value;
    /// For front ends that render the concrete view with colour.
    fn as_any(&self) -> &dyn Any;
}
