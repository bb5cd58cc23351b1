//! The 2-D body: heat maps of f and of the gradient along the current axis
//! side by side, and the cursor's row as a table (j, f, gradient, diff).
//! Maps larger than their area show a window that follows the cursor, so
//! every element stays reachable and exact (no block averages here).

use ndarray::ArrayD;
use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::{Color, Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Widget};

use super::app::App;
use super::render::selected;
use crate::tui::Theme;
use crate::tui::heatmap::{legend, swatch};
use crate::tui::text::{right, width};
use crate::views::{Scale, num};

/// Rows of the selected-row table.
const ROW_TABLE: u16 = 5;
/// Columns between the two maps.
const GAP: u16 = 2;

pub(super) fn render_2d(app: &App, area: Rect, buf: &mut Buffer) {
    let [maps, _, table] = Layout::vertical([
        Constraint::Fill(1),
        Constraint::Length(1),
        Constraint::Length(ROW_TABLE),
    ])
    .areas(area);
    let [left, _, right_area] = Layout::horizontal([
        Constraint::Fill(1),
        Constraint::Length(GAP),
        Constraint::Fill(1),
    ])
    .areas(maps);
    let cursor = (app.cursor[0], app.cursor[1]);
    let f_title = format!("f = {}", app.name);
    let f_map = Map {
        data: &app.f,
        scale: &app.f_scale,
        title: &f_title,
    };
    f_map.render(cursor, left, buf, &app.theme);
    let g_title = format!("gradient along axis {}", app.axis);
    let g_map = Map {
        data: &app.model.g,
        scale: &app.model.g_scale,
        title: &g_title,
    };
    g_map.render(cursor, right_area, buf, &app.theme);
    row_table(app, table, buf);
}

/// First of `shown` consecutive positions out of `n` so that `at` is in
/// view, centred where possible.
fn scroll(at: usize, shown: usize, n: usize) -> usize {
    at.saturating_sub(shown / 2).min(n.saturating_sub(shown))
}

/// One heat map: title, grid (cursor cell as `◆`), legend. Its colour
/// scale comes with it (computed once per model, not per key).
struct Map<'a> {
    data: &'a ArrayD<f64>,
    scale: &'a Scale,
    title: &'a str,
}

impl Map<'_> {
    fn render(&self, (cr, cc): (usize, usize), area: Rect, buf: &mut Buffer, theme: &Theme) {
        let Map { data, scale, title } = *self;
        let (rows, cols) = (data.shape()[0], data.shape()[1]);
        let w = usize::from(area.width);
        let legend = legend(scale, w, theme);
        let grid_h = usize::from(area.height).saturating_sub(1 + legend.len());
        // Even widths keep two columns per row of glyphs roughly square.
        let cw = match (w / cols.max(1)).clamp(1, 8) {
            1 => 1,
            n => n & !1,
        };
        let shown_cols = (w / cw).min(cols);
        // Taller cells for small arrays, so the squares look square.
        let ch = (grid_h / rows.max(1)).min(cw / 2).max(1);
        let shown_rows = (grid_h / ch).min(rows);
        let (r0, c0) = (scroll(cr, shown_rows, rows), scroll(cc, shown_cols, cols));
        let mut lines = vec![Line::styled(
            if shown_rows < rows || shown_cols < cols {
                format!(
                    "{title}  rows {r0}…{} cols {c0}…{}",
                    r0 + shown_rows.max(1) - 1,
                    c0 + shown_cols.max(1) - 1
                )
            } else {
                title.to_string()
            },
            theme.title,
        )];
        for i in r0..r0 + shown_rows {
            let spans: Vec<Span<'static>> = (c0..c0 + shown_cols)
                .map(|j| {
                    let v = data[[i, j]];
                    if (i, j) == (cr, cc) {
                        cursor_cell(scale, v, cw, theme)
                    } else {
                        swatch(scale, v, cw, theme)
                    }
                })
                .collect();
            for _ in 0..ch {
                lines.push(Line::from(spans.clone()));
            }
        }
        lines.extend(legend);
        Paragraph::new(lines).render(area, buf);
    }
}

/// The cursor's cell: `◆` glyphs, on the cell's own colour when there is
/// colour.
fn cursor_cell(scale: &Scale, v: f64, n: usize, theme: &Theme) -> Span<'static> {
    let text = "◆".repeat(n);
    if !theme.color {
        return Span::raw(text);
    }
    let bg = match scale.t(v) {
        Some(t) => theme.scale_color(t, matches!(scale, Scale::Diverging { .. })),
        None => theme.nonfinite.fg.unwrap_or(Color::Reset),
    };
    let fg = match bg {
        Color::Rgb(r, g, b) if u32::from(r) + u32::from(g) + u32::from(b) > 382 => Color::Black,
        _ => Color::White,
    };
    Span::styled(
        text,
        Style::new().fg(fg).bg(bg).add_modifier(Modifier::BOLD),
    )
}

/// The cursor's row across: `j`, `f`, the gradient and `np.diff` along
/// the axis, scrolled to keep the cursor's column in view.
fn row_table(app: &App, area: Rect, buf: &mut Buffer) {
    let t = &app.theme;
    let (r, c) = (app.cursor[0], app.cursor[1]);
    let cols = app.f.shape()[1];
    // Only columns that could be on screen are formatted: a cell is at
    // least 3 wide (a digit and two spaces), so no more than width / 3
    // columns on either side of the cursor can show.
    let reach = usize::from(area.width) / 3 + 1;
    let near = c.saturating_sub(reach)..(c + reach + 1).min(cols);
    let d_at = |j: usize| app.model.d.get([r, j]).map_or(String::new(), |&v| num(v));
    let rows: [(String, Vec<String>, Style); 4] = [
        (
            "j".into(),
            near.clone().map(|j| j.to_string()).collect(),
            t.index,
        ),
        (
            format!("f[{r}, j]"),
            near.clone().map(|j| num(app.f[[r, j]])).collect(),
            t.value,
        ),
        (
            format!("g[{r}, j] axis {}", app.axis),
            near.clone().map(|j| num(app.model.g[[r, j]])).collect(),
            t.gradient,
        ),
        (
            format!("diff[{r}, j] axis {}", app.axis),
            near.clone().map(d_at).collect(),
            t.diff,
        ),
    ];
    let label_w = rows.iter().map(|(l, _, _)| width(l)).max().unwrap_or(0) + 2;
    let cw = rows
        .iter()
        .flat_map(|(_, v, _)| v.iter().map(|s| width(s)))
        .max()
        .unwrap_or(1)
        + 2;
    let shown = (usize::from(area.width).saturating_sub(label_w) / cw).clamp(1, cols);
    let c0 = scroll(c, shown, cols).max(near.start);
    let mut lines = vec![Line::styled(
        format!("row {r} of {}", app.f.shape()[0]),
        t.header,
    )];
    for (label, values, style) in &rows {
        let mut spans = vec![Span::styled(format!("{label:<label_w$}"), t.header)];
        for (j, v) in (near.start..).zip(values).skip(c0 - near.start).take(shown) {
            let cell = if j == c && label == "j" {
                right(&format!("▶{v}"), cw)
            } else {
                right(v, cw)
            };
            let st = if j == c { selected(*style) } else { *style };
            spans.push(Span::styled(cell, st));
        }
        lines.push(Line::from(spans));
    }
    Paragraph::new(lines).render(area, buf);
}
