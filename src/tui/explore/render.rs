//! The explorer drawn as a widget: a title line, the body (table and chart
//! for 1-D, heat maps and the selected row for 2-D), the live formula of
//! the cursor's element, and a footer with the keys, the spacing being
//! typed or the last error. The cursor is marked by `▶`/`◆` glyphs as well
//! as by reversed colours, so it shows without colour too.

use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph, Widget, Wrap};

use super::app::App;
use super::grid;
use crate::tui::Draw;
use crate::tui::explain::item_lines;
use crate::tui::text::{right, width};
use crate::views::{Plot, Scheme, Series, Side, index_text, num, shape_text};

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

    fn render_1d(&self, area: Rect, buf: &mut Buffer) {
        let table = self.table_1d();
        let need = table.iter().map(Line::width).max().unwrap_or(0) as u16 + 1;
        let chart_min = 24;
        let table_w = if area.width >= need + chart_min {
            need.max(area.width * 2 / 5)
        } else {
            area.width
        };
        let [left, rest] =
            Layout::horizontal([Constraint::Length(table_w), Constraint::Fill(1)]).areas(area);
        self.render_table_1d(table, left, buf);
        if rest.width >= chart_min {
            self.plot().render(rest, buf, &self.theme);
        }
    }

    /// Header and one line per sample with the diff on the line between
    /// two samples, as `compare` prints them; `▶` marks the cursor.
    fn table_1d(&self) -> Vec<Line<'static>> {
        let t = &self.theme;
        let n = self.f.len();
        let sp = &self.model.sp;
        let cells: Vec<[String; 5]> = (0..n)
            .map(|i| {
                [
                    i.to_string(),
                    num(sp.x(i)),
                    num(self.f[[i]]),
                    self.model.d.get([i]).map_or(String::new(), |&d| num(d)),
                    num(self.model.g[[i]]),
                ]
            })
            .collect();
        let head = ["i", "x", "f", "diff", "gradient"];
        let mut cw: Vec<usize> = head.iter().map(|h| width(h)).collect();
        for row in &cells {
            for (k, c) in row.iter().enumerate() {
                cw[k] = cw[k].max(width(c));
            }
        }
        let mut out = vec![Line::from(
            head.iter()
                .zip(&cw)
                .map(|(h, &w)| Span::styled(format!("{}  ", right(h, w)), t.header))
                .chain([Span::styled("scheme", t.header)])
                .collect::<Vec<_>>(),
        )];
        out[0].spans.insert(0, Span::raw("  "));
        for (i, row) in cells.iter().enumerate() {
            let here = i == self.cursor[0];
            let st = |s: Style| if here { selected(s) } else { s };
            let side = match i {
                0 => Side::Forward,
                _ if i == n - 1 => Side::Backward,
                _ => Side::Central,
            };
            let label = Scheme {
                side,
                order: if side == Side::Central {
                    2
                } else {
                    self.edge_order.edge_accuracy()
                },
                uniform: sp.uniform.is_some(),
            }
            .short();
            out.push(Line::from(vec![
                Span::styled(if here { "▶ " } else { "  " }, t.title),
                Span::styled(format!("{}  ", right(&row[0], cw[0])), st(t.index)),
                Span::styled(format!("{}  ", right(&row[1], cw[1])), st(t.index)),
                Span::styled(format!("{}  ", right(&row[2], cw[2])), st(t.value)),
                Span::styled(" ".repeat(cw[3] + 2), st(t.value)),
                Span::styled(format!("{}  ", right(&row[4], cw[4])), st(t.gradient)),
                Span::styled(label, st(t.scheme)),
            ]));
            if i + 1 < n {
                let pad = 2 + cw[0] + cw[1] + cw[2] + 6;
                out.push(Line::from(vec![
                    Span::raw(" ".repeat(pad)),
                    Span::styled(right(&row[3], cw[3]), t.diff),
                ]));
            }
        }
        out
    }

    /// The table scrolled so the cursor's line stays in view (centred
    /// where possible), header pinned.
    fn render_table_1d(&self, lines: Vec<Line<'static>>, area: Rect, buf: &mut Buffer) {
        let mut lines = lines;
        let header = lines.remove(0);
        Paragraph::new(header).render(Rect { height: 1, ..area }, buf);
        let rows = usize::from(area.height.saturating_sub(1));
        let at = 2 * self.cursor[0];
        let top = at
            .saturating_sub(rows / 2)
            .min(lines.len().saturating_sub(rows));
        let shown: Vec<Line<'static>> = lines.into_iter().skip(top).take(rows).collect();
        let body = Rect {
            y: area.y + 1,
            height: area.height.saturating_sub(1),
            ..area
        };
        Paragraph::new(shown).render(body, buf);
    }

    /// The x range shown at the current zoom: the whole range halved
    /// `zoom` times around the cursor, kept inside the data.
    pub(super) fn window(&self) -> Option<(f64, f64)> {
        let n = self.f.len();
        let xs: Vec<f64> = (0..n)
            .map(|i| self.model.sp.x(i))
            .filter(|x| x.is_finite())
            .collect();
        let lo = xs.iter().copied().fold(f64::INFINITY, f64::min);
        let hi = xs.iter().copied().fold(f64::NEG_INFINITY, f64::max);
        if !lo.is_finite() || self.zoom == 0 {
            return lo.is_finite().then_some((lo, hi));
        }
        let span = (hi - lo) / f64::from(1u32 << self.zoom.min(20));
        let xc = self.model.sp.x(self.cursor[0]);
        let start = (xc - span / 2.0).clamp(lo, hi - span);
        Some((start, start + span))
    }

    /// f, the gradient and the diff at the midpoints inside the window,
    /// and a vertical line at the cursor.
    fn plot(&self) -> Plot {
        let n = self.f.len();
        let sp = &self.model.sp;
        let (lo, hi) = self.window().unwrap_or((f64::NEG_INFINITY, f64::INFINITY));
        let keep = |x: f64| x >= lo && x <= hi;
        let series = |label: &str, pts: Vec<(f64, f64)>| {
            let (x, y) = pts.into_iter().filter(|p| keep(p.0)).unzip();
            Series {
                label: label.into(),
                x,
                y,
            }
        };
        let x: Vec<f64> = (0..n).map(|i| sp.x(i)).collect();
        let f = series("f", x.iter().copied().zip(self.f.iter().copied()).collect());
        let g = series(
            "gradient",
            x.iter()
                .copied()
                .zip(self.model.g.iter().copied())
                .collect(),
        );
        let d = series(
            "diff (at midpoints)",
            x.windows(2)
                .map(|w| (w[0] + w[1]) / 2.0)
                .zip(self.model.d.iter().copied())
                .collect(),
        );
        let title = if self.zoom == 0 {
            "f, gradient and diff".to_string()
        } else {
            format!(
                "zoom ×{}: x in [{}, {}]",
                1u32 << self.zoom,
                crate::views::Scale::label(lo),
                crate::views::Scale::label(hi)
            )
        };
        let mut plot = Plot {
            title,
            series: vec![f, g, d],
        };
        if let Some((_, [ylo, yhi])) = plot.bounds() {
            let xc = sp.x(self.cursor[0]);
            plot.series.push(Series {
                label: format!("cursor x = {}", num(xc)),
                x: vec![xc, xc],
                y: vec![ylo, yhi],
            });
        }
        plot
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
