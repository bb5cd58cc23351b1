//! The evaluator's view of rich classroom results: opaque objects the front
//! ends draw (plain text for transcripts, styled cells in the terminal).

use std::any::Any;
use std::fmt::Debug;

use crate::tui::{ColorMode, View, render_cell};

/// A rich result such as `compare(a)` or `plot(y)`.
pub trait ViewValue: Debug {
    /// The view's name (`compare`, `explain`, `plot`, ...).
    fn view_name(&self) -> &'static str;
    /// The drawable view.
    fn as_view(&self) -> &dyn View;
    /// For builtins that take a view apart (`plot(compare(...))`).
    fn as_any(&self) -> &dyn Any;

    /// The view drawn as plain text at `width` columns, without a final newline.
    fn plain_text(&self, width: u16) -> String {
        render_cell(self.as_view(), width, ColorMode::Plain)
            .trim_end_matches('\n')
            .to_string()
    }

    /// The numbers shown, for `--json`.
    fn data(&self) -> serde_json::Value {
        self.as_view().data()
    }
}
