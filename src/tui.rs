//! Terminal rendering: ratatui widgets for the classroom views and the
//! notebook's cells, drawn into an off-screen buffer and turned into text
//! for the scrollback. The only module that imports ratatui and crossterm.
//!
//! Every front end draws a [`View`] through the functions here
//! ([`render_view`], [`view_lines`], [`view_text`]); how each view looks is
//! decided once, in [`drawing`]'s `match`.

/// `impl Draw` for a model drawn as styled lines: it has
/// `lines(&self, width, theme) -> Vec<Line>`.
macro_rules! line_view {
    ($model:ty) => {
        impl Draw for $model {
            fn height(&self, width: u16) -> u16 {
                self.lines(width, &THEME).len() as u16
            }

            fn render(&self, area: Rect, buf: &mut Buffer, theme: &Theme) {
                render_lines(self.lines(area.width, theme), area, buf);
            }
        }
    };
}

mod accuracy;
mod ansi;
mod cellview;
mod compare;
mod edges;
mod explain;
pub mod explore;
mod figure;
mod heatmap;
mod plot;
pub mod terminal;
mod text;
mod theme;

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;

use crate::views::View;

#[cfg(test)]
pub(crate) use ansi::strip_sgr;
pub use ansi::{ColorMode, buffer_to_text};
pub use cellview::{CellView, StyledLine, Tone, cell_text, inline_text};
pub use explore::{ExploreOutcome, explore};
pub use theme::{THEME, Theme};

/// A view model drawn as a block of terminal cells.
pub(crate) trait Draw {
    /// Rows needed to draw the model `width` columns wide.
    fn height(&self, width: u16) -> u16;
    /// Draws the model into `area` (whose height is [`Draw::height`]).
    fn render(&self, area: Rect, buf: &mut Buffer, theme: &Theme);
}

/// How each view is drawn: the one place that knows every view.
fn drawing(view: &View) -> &dyn Draw {
    match view {
        View::Compare(m) => m,
        View::Explain(m) => m,
        View::Accuracy(m) => m,
        View::Plot(m) => m,
        View::Heatmap(m) => m,
        View::Edges(m) => m,
        View::Figure(m) => m,
    }
}

/// The view drawn `width` columns wide into an off-screen buffer and
/// written out as text: with escape codes per `color`, none in
/// [`ColorMode::Plain`].
pub fn render_view(view: &View, width: u16, color: ColorMode) -> String {
    buffer_to_text(&draw_view(view, width, color), color)
}

/// The view as plain text `width` columns wide, without a final newline:
/// what transcripts, `#>` lines and exports show for it.
pub fn view_text(view: &View, width: u16) -> String {
    let mut text = render_view(view, width, ColorMode::Plain);
    text.truncate(text.trim_end_matches('\n').len());
    text
}

/// What [`render_view`] writes, as styled lines that can join the other
/// lines of a notebook cell (trailing blank lines dropped, as
/// [`view_text`] drops them):
/// `cell_text(&view_lines(v, w, m), w, m)` is `render_view(v, w, m)`.
pub fn view_lines(view: &View, width: u16, color: ColorMode) -> Vec<StyledLine> {
    let mut lines = ansi::buffer_lines(&draw_view(view, width, color), color);
    while lines.last().is_some_and(Vec::is_empty) {
        lines.pop();
    }
    lines
}

/// The view drawn at least 20 columns wide with the theme for `color`
/// (glyph twins instead of colours in plain mode).
fn draw_view(view: &View, width: u16, color: ColorMode) -> Buffer {
    let width = width.max(20);
    let model = drawing(view);
    let area = Rect::new(0, 0, width, model.height(width));
    let mut buf = Buffer::empty(area);
    let theme = if color == ColorMode::Plain {
        THEME.plain()
    } else {
        THEME
    };
    model.render(area, &mut buf, &theme);
    buf
}
