//! The explorer drawn as a widget: a title line, the body (table and chart
//! for 1-D, heat maps and the selected row for 2-D), the live formula of
//! the cursor's element, and a footer with the keys, the spacing being
//! typed or the last error. The cursor is marked by `▶`/`◆` glyphs as well
//! as by reversed colours, so it shows without colour too.

mod chart;
mod table;

use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph, Widget, Wrap};

use super::app::App;
use super::grid;
use crate::tui::explain::item_lines;
use crate::tui::text::width;
use crate::views::{index_text, num, shape_text};

/// Smallest screen the full layout is drawn on.
const MIN_WIDTH: u16 = 40;
const MIN_HEIGHT: u16 = 12;
/// Rows of the formula panel (its rule included).
const FORMULA_ROWS: u16 = 5;

impl Widget for &App {
    fn render(self, area: Rect, buf: &mut Buffer) {
        if area.width < MIN_WIDTH || area.height < MIN_HEIGHT {
            self.render_too_small(area, buf);
            return;
        }
        let [title, body, formula, footer] = Layout::vertical([
            Constraint::Length(1),
            Constraint::Fill(1),
            Constraint::Length(FORMULA_ROWS),
            Constraint::Length(1),
        ])
        .areas(area);
        self.render_title(title, buf);
        if self.ndim() == 1 {
            self.render_1d(body, buf);
        } else {
            grid::render_2d(self, body, buf);
        }
        self.render_formula(formula, buf);
        self.render_footer(footer, buf);
        if self.help {
            self.render_help(area, buf);
        }
    }
}

/// Reversed, the cursor's colour-free highlight.
pub(super) fn selected(style: Style) -> Style {
    style.add_modifier(Modifier::REVERSED)
}

impl App {
    fn render_too_small(&self, area: Rect, buf: &mut Buffer) {
        let text = format!(
            "explore {}: the terminal is too small ({}×{}); enlarge it to at least \
             {MIN_WIDTH}×{MIN_HEIGHT}, or press q",
            self.name, area.width, area.height
        );
        Paragraph::new(text)
            .wrap(Wrap { trim: true })
            .render(area, buf);
    }

    fn render_title(&self, area: Rect, buf: &mut Buffer) {
        let t = &self.theme;
        let mut spans = vec![
            Span::styled(format!("explore {} ", self.name), t.title),
            Span::styled(
                format!(
                    "{} {}",
                    shape_text(self.array.shape()),
                    self.array.dtype().name()
                ),
                t.note,
            ),
            Span::raw("  edge_order="),
            Span::styled(self.edge_order.to_string(), t.title),
        ];
        if self.ndim() == 2 {
            spans.push(Span::raw("  axis="));
            spans.push(Span::styled(self.axis.to_string(), t.title));
        }
        spans.push(Span::raw("  "));
        spans.push(Span::styled(self.model.sp.describe(), t.note));
        Paragraph::new(Line::from(spans)).render(area, buf);
    }

    fn render_formula(&self, area: Rect, buf: &mut Buffer) {
        let t = &self.theme;
        let item = self.formula();
        let idx = index_text("f", &self.cursor);
        let value = num(self.f[ndarray::IxDyn(&self.cursor)]);
        let rule = format!("── cursor {idx} = {value} ");
        let fill = usize::from(area.width).saturating_sub(width(&rule));
        let mut lines = vec![Line::styled(
            format!("{rule}{}", "─".repeat(fill)),
            t.header,
        )];
        item_lines(&item, usize::from(area.width), t, &mut lines);
        lines.push(self.diffs_beside());
        Paragraph::new(lines).render(area, buf);
    }

    /// `np.diff` on both sides of the cursor along the axis: what the
    /// gradient is made of.
    fn diffs_beside(&self) -> Line<'static> {
        let i = self.cursor[self.axis];
        let at = |k: usize| {
            let mut idx = self.cursor.clone();
            idx[self.axis] = k;
            idx
        };
        let mut parts = Vec::new();
        if i > 0 {
            let idx = at(i - 1);
            parts.push(format!(
                "{} = {}",
                index_text("d", &idx),
                num(self.model.d[ndarray::IxDyn(&idx)])
            ));
        }
        if let Some(&d) = self.model.d.get(ndarray::IxDyn(&self.cursor)) {
            parts.push(format!("{} = {}", index_text("d", &self.cursor), num(d)));
        }
        Line::styled(
            format!(
                "diffs beside it (np.diff along axis {}): {}",
                self.axis,
                parts.join(", ")
            ),
            self.theme.diff,
        )
    }

    fn render_footer(&self, area: Rect, buf: &mut Buffer) {
        let t = &self.theme;
        let line = if let Some(text) = &self.input {
            Line::from(vec![
                Span::styled("spacing ❯ ", t.title),
                Span::raw(text.clone()),
                Span::styled("▏", t.title),
                Span::styled(
                    "  number, variable or expression; empty = 1; Enter/Esc",
                    t.note,
                ),
            ])
        } else if let Some(msg) = &self.message {
            Line::from(vec![
                Span::styled("! ", t.warning),
                Span::styled(msg.clone(), t.warning),
            ])
        } else {
            let axis = if self.ndim() == 2 { "  a axis" } else { "" };
            let zoom = if self.ndim() == 1 { "  +/- zoom" } else { "" };
            Line::styled(
                format!("e edge_order{axis}  s spacing  arrows move{zoom}  ? help  q quit"),
                t.note,
            )
        };
        Paragraph::new(line).render(area, buf);
    }

    fn render_help(&self, area: Rect, buf: &mut Buffer) {
        let rows = [
            ("e", "edge_order 1 ↔ 2 (the edge stencils change)"),
            ("a", "next axis of a 2-D array"),
            ("s", "spacing: a number, a variable or an expression"),
            ("", "holding coordinates; empty input = 1"),
            ("arrows", "move the cursor; its formula is shown below"),
            ("Home/End", "first / last element of the row"),
            ("+ / -", "zoom the chart in / out around the cursor"),
            ("?", "this help (Esc or ? closes it)"),
            ("q, Esc", "back to the prompt; settings go to _explore"),
        ];
        let lines: Vec<Line<'static>> = rows
            .iter()
            .map(|(k, what)| {
                Line::from(vec![
                    Span::styled(format!(" {k:<9}"), self.theme.title),
                    Span::raw(*what),
                ])
            })
            .collect();
        let w = (lines.iter().map(Line::width).max().unwrap_or(0) as u16 + 4).min(area.width);
        let h = (lines.len() as u16 + 2).min(area.height);
        let x = area.x + (area.width - w) / 2;
        let y = area.y + (area.height - h) / 2;
        let popup = Rect::new(x, y, w, h);
        Clear.render(popup, buf);
        Paragraph::new(lines)
            .block(Block::default().borders(Borders::ALL).title(" keys "))
            .render(popup, buf);
    }
}
