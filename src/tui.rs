//! Terminal rendering: ratatui widgets for the classroom views and the
//! notebook's cells, drawn into an off-screen buffer and turned into text
//! for the scrollback. The only module that imports ratatui and crossterm.

/// `impl View` for a model drawn as styled lines: it has
/// `lines(&self, width, theme) -> Vec<Line>` and `to_json(&self)`.
macro_rules! line_view {
    ($model:ty, $name:literal) => {
        impl View for $model {
            fn name(&self) -> &'static str {
                $name
            }

            fn height(&self, width: u16) -> u16 {
                self.lines(width, &THEME).len() as u16
            }

            fn render(&self, area: Rect, buf: &mut Buffer, theme: &Theme) {
                render_lines(self.lines(area.width, theme), area, buf);
            }

            fn data(&self) -> Value {
                self.to_json()
            }
        }
    };
}

mod accuracy;
mod ansi;
mod cellview;
mod compare;
mod explain;
pub mod explore;
mod heatmap;
mod plot;
pub mod terminal;
mod text;
mod theme;

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use serde_json::{Value, json};

#[cfg(test)]
pub(crate) use ansi::strip_sgr;
pub use ansi::{ColorMode, buffer_to_text};
pub use cellview::{CellView, StyledLine, Tone, cell_text, inline_text};
pub use explore::{ExploreOutcome, explore};
pub use theme::{THEME, Theme};

/// A rich result drawn as a block of terminal cells.
///
/// Implemented for every model in [`crate::views`].
pub trait View {
    /// The view's name in `--json` output (`compare`, `explain`, ...).
    fn name(&self) -> &'static str;
    /// Rows needed to draw the view `width` columns wide.
    fn height(&self, width: u16) -> u16;
    /// Draws the view into `area` (whose height is [`View::height`]).
    fn render(&self, area: Rect, buf: &mut Buffer, theme: &Theme);
    /// The numbers shown.
    fn data(&self) -> Value;
}

/// The view drawn `width` columns wide into an off-screen buffer and
/// written out as text: with escape codes per `color`, none in
/// [`ColorMode::Plain`].
pub fn render_cell(view: &dyn View, width: u16, color: ColorMode) -> String {
    buffer_to_text(&draw_view(view, width, color), color)
}

/// What [`render_cell`] writes, as styled lines that can join the other
/// lines of a notebook cell (trailing blank lines dropped, as
/// [`crate::eval::views::ViewValue::plain_text`] drops them):
/// `cell_text(&view_lines(v, w, m), w, m)` is `render_cell(v, w, m)`.
pub fn view_lines(view: &dyn View, width: u16, color: ColorMode) -> Vec<StyledLine> {
    let mut lines = ansi::buffer_lines(&draw_view(view, width, color), color);
    while lines.last().is_some_and(Vec::is_empty) {
        lines.pop();
    }
    lines
}

/// The view drawn at least 20 columns wide with the theme for `color`
/// (glyph twins instead of colours in plain mode).
fn draw_view(view: &dyn View, width: u16, color: ColorMode) -> Buffer {
    let width = width.max(20);
    let height = view.height(width);
    let area = Rect::new(0, 0, width, height);
    let mut buf = Buffer::empty(area);
    let theme = if color == ColorMode::Plain {
        THEME.plain()
    } else {
        THEME
    };
    view.render(area, &mut buf, &theme);
    buf
}

/// `{"kind": "view", "name": ..., "data": {...}}` for `--json`.
pub fn view_json(view: &dyn View) -> Value {
    json!({"kind": "view", "name": view.name(), "data": view.data()})
}

/// Every view model is a value the evaluator can hold and the front ends draw.
impl<T: View + std::fmt::Debug + 'static> crate::eval::views::ViewValue for T {
    fn view_name(&self) -> &'static str {
        View::name(self)
    }

    fn as_view(&self) -> &dyn View {
        self
    }

    fn as_any(&self) -> &dyn std::any::Any {
        self
    }
}
