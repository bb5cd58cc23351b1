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
        let rows = usize::from(area.height.saturating_sub(1));
        let (header, lines) = self.table_1d(rows);
        let need = std::iter::once(&header)
            .chain(&lines)
            .map(Line::width)
            .max()
            .unwrap_or(0) as u16
            + 1;
        let chart_min = 24;
        let table_w = if area.width >= need + chart_min {
            need.max(area.width * 2 / 5)
        } else {
            area.width
        };
        let [left, rest] =
            Layout::horizontal([Constraint::Length(table_w), Constraint::Fill(1)]).areas(area);
        Paragraph::new(header).render(Rect { height: 1, ..left }, buf);
        let body = Rect {
            y: left.y + 1,
            height: left.height.saturating_sub(1),
            ..left
        };
        Paragraph::new(lines).render(body, buf);
        if rest.width >= chart_min {
            self.plot(rest.width).render(rest, buf, &self.theme);
        }
    }

    /// The header and the `rows` lines of the table in view: one line per
    /// sample with the diff on the line between two samples, as `compare`
    /// prints them, scrolled so the cursor's line stays in view (centred
    /// where possible); `▶` marks the cursor. Only these samples are
    /// formatted.
    fn table_1d(&self, rows: usize) -> (Line<'static>, Vec<Line<'static>>) {
        let t = &self.theme;
        let n = self.f.len();
        let sp = &self.model.sp;
        // Lines: sample i is line 2i, the diff after it line 2i + 1.
        let total = 2 * n - 1;
        let at = 2 * self.cursor[0];
        let top = at.saturating_sub(rows / 2).min(total.saturating_sub(rows));
        let end = (top + rows).min(total);
        let samples = top / 2..end.div_ceil(2).min(n);
        let cells: Vec<[String; 5]> = samples
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
        let mut cw = self.widths.get();
        for (k, h) in head.iter().enumerate() {
            cw[k] = cw[k].max(width(h));
        }
        for row in &cells {
            for (k, c) in row.iter().enumerate() {
                cw[k] = cw[k].max(width(c));
            }
        }
        self.widths.set(cw);
        let mut header = Line::from(
            head.iter()
                .zip(&cw)
                .map(|(h, &w)| Span::styled(format!("{}  ", right(h, w)), t.header))
                .chain([Span::styled("scheme", t.header)])
                .collect::<Vec<_>>(),
        );
        header.spans.insert(0, Span::raw("  "));
        let mut out = Vec::with_capacity(2 * cells.len());
        for (i, row) in samples.zip(&cells) {
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
        // The first sample's line may be above the view (its diff line is
        // the top one).
        let skip = top - 2 * (top / 2);
        (header, out.into_iter().skip(skip).take(rows).collect())
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

    /// f, the gradient and the diff at the midpoints inside the window,
    /// and a vertical line at the cursor, for a chart `width` cells wide.
    /// Only samples inside the window are visited when x increases, and
    /// long series arrive already reduced to the chart's resolution (see
    /// [`window_points`]), so a key costs the same at 10^6 samples as at
    /// 10^3.
    fn plot(&self, width: u16) -> Plot {
        let n = self.f.len();
        let sp = &self.model.sp;
        let (lo, hi) = self.window().unwrap_or((f64::NEG_INFINITY, f64::INFINITY));
        let keep = |x: f64| x >= lo && x <= hi;
        let columns = 2 * usize::from(width);
        let sorted = self.model.x_increasing;
        let x = |i: usize| sp.x(i);
        let mid = |i: usize| (sp.x(i) + sp.x(i + 1)) / 2.0;
        let series = |label: &str, (x, y): (Vec<f64>, Vec<f64>)| Series {
            label: label.into(),
            x,
            y,
        };
        let (f, g, d) = (&self.f, &self.model.g, &self.model.d);
        let f = series(
            "f",
            window_points(in_window(n, x, lo, hi, sorted), columns, keep, x, |i| {
                f[[i]]
            }),
        );
        let g = series(
            "gradient",
            window_points(in_window(n, x, lo, hi, sorted), columns, keep, x, |i| {
                g[[i]]
            }),
        );
        let d = series(
            "diff (at midpoints)",
            window_points(
                in_window(n - 1, mid, lo, hi, sorted),
                columns,
                keep,
                mid,
                |i| d[[i]],
            ),
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

/// The indices `0..n` whose `x(i)` can lie in `[lo, hi]`: found by binary
/// search when x increases, all of them otherwise.
fn in_window(
    n: usize,
    x: impl Fn(usize) -> f64,
    lo: f64,
    hi: f64,
    sorted: bool,
) -> std::ops::Range<usize> {
    if !sorted {
        return 0..n;
    }
    let first = |pred: &dyn Fn(f64) -> bool| {
        let (mut a, mut b) = (0, n);
        while a < b {
            let m = (a + b) / 2;
            if pred(x(m)) {
                a = m + 1;
            } else {
                b = m;
            }
        }
        a
    };
    first(&|v| v < lo)..first(&|v| v <= hi)
}

/// The points `(x(i), y(i))` for `i` in `range` with `keep(x(i))`. When
/// there are more than `2 · columns`, each run of `len / columns` indices
/// gives only its first, lowest, highest and last finite point, in their
/// order (M4, as [`Plot::segments`] draws them), and non-finite values
/// stay, so lines still break there: what the chart shows is unchanged.
fn window_points(
    range: std::ops::Range<usize>,
    columns: usize,
    keep: impl Fn(f64) -> bool,
    x: impl Fn(usize) -> f64,
    y: impl Fn(usize) -> f64,
) -> (Vec<f64>, Vec<f64>) {
    let (mut xs, mut ys) = (Vec::new(), Vec::new());
    if range.len() <= 2 * columns.max(1) {
        for i in range {
            let xi = x(i);
            if keep(xi) {
                xs.push(xi);
                ys.push(y(i));
            }
        }
        return (xs, ys);
    }
    let chunk = range.len().div_ceil(columns.max(1));
    // (first, lowest, highest, last) indices of the current finite run,
    // and the lowest and highest values.
    let mut run: Option<([usize; 4], f64, f64)> = None;
    let flush = |run: &mut Option<([usize; 4], f64, f64)>, xs: &mut Vec<f64>, ys: &mut Vec<f64>| {
        if let Some((mut idx, _, _)) = run.take() {
            idx.sort_unstable();
            for (k, &j) in idx.iter().enumerate() {
                if k == 0 || j != idx[k - 1] {
                    xs.push(x(j));
                    ys.push(y(j));
                }
            }
        }
    };
    let mut start = range.start;
    while start < range.end {
        let end = (start + chunk).min(range.end);
        for i in start..end {
            let xi = x(i);
            if !keep(xi) {
                continue;
            }
            let yi = y(i);
            if !yi.is_finite() {
                flush(&mut run, &mut xs, &mut ys);
                xs.push(xi);
                ys.push(yi);
                continue;
            }
            match &mut run {
                None => run = Some(([i; 4], yi, yi)),
                Some((idx, low, high)) => {
                    if yi < *low {
                        (idx[1], *low) = (i, yi);
                    }
                    if yi > *high {
                        (idx[2], *high) = (i, yi);
                    }
                    idx[3] = i;
                }
            }
        }
        flush(&mut run, &mut xs, &mut ys);
        start = end;
    }
    (xs, ys)
}

#[cfg(test)]
mod tests {
    use super::{in_window, window_points};

    #[test]
    fn reduced_points_keep_every_extreme_and_every_break() {
        let y = |i: usize| match i {
            500 => f64::NAN,
            _ => ((i as f64) * 0.37).sin() * (i % 7) as f64,
        };
        let x = |i: usize| i as f64 * 0.5;
        let all = |_: f64| true;
        let (xs, ys) = window_points(0..1000, 10, all, x, y);
        assert!(xs.len() <= 4 * 10 + 4 + 1, "{}", xs.len());
        let finite = || (0..1000).map(y).filter(|v| v.is_finite());
        let max = finite().fold(f64::MIN, f64::max);
        let min = finite().fold(f64::MAX, f64::min);
        assert!(ys.contains(&max) && ys.contains(&min));
        assert_eq!(ys.iter().filter(|v| v.is_nan()).count(), 1);
        assert!(xs.windows(2).all(|w| w[0] < w[1]), "in order");
        // Few points: all of them inside the window, unchanged.
        let keep = |v: f64| (2.0..=4.0).contains(&v);
        let (xs, ys) = window_points(0..20, 10, keep, x, y);
        assert_eq!(xs, [2.0, 2.5, 3.0, 3.5, 4.0]);
        assert_eq!(ys, (4..=8).map(y).collect::<Vec<_>>());
        assert_eq!(in_window(20, x, 2.0, 4.0, true), 4..9);
        assert_eq!(in_window(20, x, 2.0, 4.0, false), 0..20);
    }
}
