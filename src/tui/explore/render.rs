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

use super::app::{App, ChartCache};
use super::grid;
use crate::tui::explain::item_lines;
use crate::tui::plot::{chart_columns, render_chart as draw_chart};
use crate::tui::text::{right, width};
use crate::views::{Plot, Scale, Scheme, Segments, Side, decimate, index_text, num, shape_text};

/// Smallest screen the full layout is drawn on.
const MIN_WIDTH: u16 = 40;
const MIN_HEIGHT: u16 = 12;
/// Rows of the formula panel (its rule included).
const FORMULA_ROWS: u16 = 5;
/// Fewest rows a chart is drawn in.
const CHART_MIN_ROWS: u16 = 8;

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

/// The first of `0..n` where `pred` holds, for a `pred` that holds from
/// some index on (binary search).
fn first(n: usize, pred: impl Fn(usize) -> bool) -> usize {
    let (mut lo, mut hi) = (0, n);
    while lo < hi {
        let m = lo + (hi - lo) / 2;
        if pred(m) {
            hi = m;
        } else {
            lo = m + 1;
        }
    }
    lo
}

/// The table's header, then its body below it.
fn render_table(header: Line<'static>, body: Vec<Line<'static>>, area: Rect, buf: &mut Buffer) {
    Paragraph::new(header).render(Rect { height: 1, ..area }, buf);
    let body_area = Rect {
        y: area.y + 1,
        height: area.height.saturating_sub(1),
        ..area
    };
    Paragraph::new(body).render(body_area, buf);
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

    /// The table beside the chart; one above the other when both do not
    /// fit side by side (the table alone only on the smallest screens).
    fn render_1d(&self, area: Rect, buf: &mut Buffer) {
        let chart_min = 24;
        let (header, body) = self.table_1d(usize::from(area.height.saturating_sub(1)));
        let need = body
            .iter()
            .chain([&header])
            .map(Line::width)
            .max()
            .unwrap_or(0) as u16
            + 1;
        if area.width >= need + chart_min {
            let table_w = need.max(area.width * 2 / 5);
            let [left, rest] =
                Layout::horizontal([Constraint::Length(table_w), Constraint::Fill(1)]).areas(area);
            render_table(header, body, left, buf);
            self.render_chart(rest, buf);
        } else if area.height >= 2 * CHART_MIN_ROWS {
            let [top, bottom] =
                Layout::vertical([Constraint::Fill(1), Constraint::Length(area.height / 2)])
                    .areas(area);
            let (header, body) = self.table_1d(usize::from(top.height.saturating_sub(1)));
            render_table(header, body, top, buf);
            self.render_chart(bottom, buf);
        } else {
            render_table(header, body, area, buf);
        }
    }

    /// The header and the `rows` lines of the table on screen: one line
    /// per sample with the diff on the line between two samples, as
    /// `compare` prints them, scrolled so the cursor stays in view (centred
    /// where possible); `▶` marks the cursor. Only these samples are
    /// formatted, so the cost does not grow with the array.
    pub(super) fn table_1d(&self, rows: usize) -> (Line<'static>, Vec<Line<'static>>) {
        let t = &self.theme;
        let n = self.f.len();
        let sp = &self.model.sp;
        // Line 2i is sample i, line 2i + 1 the diff after it.
        let lines = 2 * n - 1;
        let top = (2 * self.cursor[0])
            .saturating_sub(rows / 2)
            .min(lines.saturating_sub(rows));
        let shown = top / 2..((top + rows) / 2 + 1).min(n);
        let cells: Vec<[String; 5]> = shown
            .clone()
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
        let mut widths = self.table_widths.borrow_mut();
        if widths.0 != self.model.generation {
            *widths = (self.model.generation, [0; 5]);
        }
        let cw = &mut widths.1;
        for (k, h) in head.iter().enumerate() {
            cw[k] = cw[k].max(width(h));
        }
        for row in &cells {
            for (k, c) in row.iter().enumerate() {
                cw[k] = cw[k].max(width(c));
            }
        }
        let cw = *cw;
        drop(widths);
        let mut header = Line::from(
            head.iter()
                .zip(&cw)
                .map(|(h, &w)| Span::styled(format!("{}  ", right(h, w)), t.header))
                .chain([Span::styled("scheme", t.header)])
                .collect::<Vec<_>>(),
        );
        header.spans.insert(0, Span::raw("  "));
        let mut out = Vec::with_capacity(2 * cells.len());
        for (i, row) in shown.zip(&cells) {
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
        let body = out.into_iter().skip(top % 2).take(rows).collect();
        (header, body)
    }

    /// The x range shown at the current zoom: the whole range halved
    /// `zoom` times around the cursor, kept inside the data.
    pub(super) fn window(&self) -> Option<(f64, f64)> {
        let (lo, hi) = self.model.x_range?;
        if self.zoom == 0 {
            return Some((lo, hi));
        }
        let span = (hi - lo) / f64::from(1u32 << self.zoom.min(20));
        let xc = self.model.sp.x(self.cursor[0]);
        let start = (xc - span / 2.0).clamp(lo, hi - span);
        Some((start, start + span))
    }

    /// f, the gradient and the diff at the midpoints inside `window`, each
    /// decimated to `columns` straight from the arrays (no copies), with
    /// the chart's title and the series' labels.
    fn decimated(&self, window: Option<(f64, f64)>, columns: usize) -> ChartCache {
        let n = self.f.len();
        let sp = &self.model.sp;
        let x = |i: usize| sp.x(i);
        let mid = |i: usize| (sp.x(i) + sp.x(i + 1)) / 2.0;
        let (fv, gv, dv) = (
            self.lane(&self.f),
            self.lane(&self.model.g),
            self.lane(&self.model.d),
        );
        let (lo, hi) = window.unwrap_or((f64::NEG_INFINITY, f64::INFINITY));
        let series = |ys: &[f64], at: &dyn Fn(usize) -> f64| -> Segments {
            if self.zoom == 0 {
                decimate(ys, at, columns)
            } else if self.model.x_sorted {
                // Sorted coordinates: the window is a range of indices.
                let from = first(ys.len(), |i| at(i) >= lo);
                let to = first(ys.len(), |i| at(i) > hi);
                decimate(&ys[from..to], |i| at(from + i), columns)
            } else {
                let (xs, kept): (Vec<f64>, Vec<f64>) = (0..ys.len())
                    .map(|i| (at(i), ys[i]))
                    .filter(|&(x, _)| x >= lo && x <= hi)
                    .unzip();
                decimate(&kept, |i| xs[i], columns)
            }
        };
        let title = if self.zoom == 0 {
            "f, gradient and diff".to_string()
        } else {
            format!(
                "zoom ×{}: x in [{}, {}]",
                1u32 << self.zoom,
                Scale::label(lo),
                Scale::label(hi)
            )
        };
        let segments = vec![
            series(&fv, &x),
            series(&gv, &x),
            series(&dv[..n - 1], &mid),
        ];
        ChartCache {
            key: (0, 0, None, 0),
            title,
            labels: ["f", "gradient", "diff (at midpoints)"]
                .map(String::from)
                .to_vec(),
            y_bounds: Plot::segment_bounds(&segments).map(|(_, by)| by),
            segments,
        }
    }

    /// The chart of [`App::decimated`] for `width` columns, from the
    /// cache unless the settings, zoom, window or width changed, so moving
    /// the cursor does not revisit the array.
    pub(super) fn chart(&self, width: u16) -> std::cell::Ref<'_, ChartCache> {
        let window = self.window();
        let columns = chart_columns(width);
        let key = (
            self.model.generation,
            self.zoom,
            window.map(|(a, b)| (a.to_bits(), b.to_bits())),
            columns,
        );
        if self.chart.borrow().as_ref().is_none_or(|c| c.key != key) {
            let chart = ChartCache {
                key,
                ..self.decimated(window, columns)
            };
            *self.chart.borrow_mut() = Some(chart);
        }
        std::cell::Ref::map(self.chart.borrow(), |c| c.as_ref().expect("just filled"))
    }

    /// The chart and a vertical line at the cursor.
    fn render_chart(&self, area: Rect, buf: &mut Buffer) {
        let chart = self.chart(area.width);
        let mut labels: Vec<&str> = chart.labels.iter().map(String::as_str).collect();
        let mut segments = chart.segments.clone();
        let cursor_label;
        if let Some([ylo, yhi]) = chart.y_bounds {
            let xc = self.model.sp.x(self.cursor[0]);
            cursor_label = format!("cursor x = {}", num(xc));
            labels.push(&cursor_label);
            segments.push(vec![vec![(xc, ylo), (xc, yhi)]]);
        }
        draw_chart(&chart.title, &labels, &segments, area, buf, &self.theme);
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
