//! `edges`: the caption naming the components in NumPy's order, then the
//! three heat maps side by side when they fit, else one above the other.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::Span;

use super::text::{para, render_lines};
use super::{Draw, THEME, Theme};
use crate::views::{Edges, Heatmap};

/// Columns between side-by-side maps.
const GAP: u16 = 3;

impl Edges {
    fn maps(&self) -> [&Heatmap; 3] {
        [&self.dx, &self.dy, &self.magnitude]
    }

    /// Side by side when three maps of at least one column per element
    /// beside their row indices (and 22 columns for the legend) fit.
    fn side_by_side(&self, width: u16) -> Option<u16> {
        let each = (width.saturating_sub(2 * GAP)) / 3;
        let need = (self.dx.cols + self.dx.gutter()).max(22) as u16;
        (each >= need).then_some(each)
    }

    fn caption(width: u16) -> Vec<ratatui::text::Line<'static>> {
        para(
            Span::raw(""),
            Edges::CAPTION,
            usize::from(width),
            THEME.note,
        )
    }
}

impl Draw for Edges {
    fn height(&self, width: u16) -> u16 {
        let caption = Edges::caption(width).len() as u16 + 1;
        caption
            + match self.side_by_side(width) {
                Some(each) => self
                    .maps()
                    .iter()
                    .map(|m| m.height(each))
                    .max()
                    .unwrap_or(0),
                None => self.maps().iter().map(|m| m.height(width) + 1).sum(),
            }
    }

    fn render(&self, area: Rect, buf: &mut Buffer, theme: &Theme) {
        let caption = para(
            Span::raw(""),
            Edges::CAPTION,
            usize::from(area.width),
            theme.note,
        );
        let top = caption.len() as u16 + 1;
        render_lines(caption, area, buf);
        let area = Rect {
            y: area.y + top,
            height: area.height.saturating_sub(top),
            ..area
        };
        let mut y = area.y;
        for (k, m) in self.maps().into_iter().enumerate() {
            let sub = match self.side_by_side(area.width) {
                Some(each) => {
                    Rect::new(area.x + k as u16 * (each + GAP), area.y, each, area.height)
                }
                None => {
                    let h = m.height(area.width);
                    let r = Rect::new(area.x, y, area.width, h);
                    y += h + 1;
                    r
                }
            };
            m.render(sub.intersection(area), buf, theme);
        }
    }
}
