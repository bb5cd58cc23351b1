//! `heatmap`: values as coloured cells (or a glyph ramp when colour is
//! off), with row and column indices and a legend.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};

use super::text::{para, render_lines, right, width};
use super::{Draw, THEME, Theme};
use crate::views::{Heatmap, Scale};

/// The glyph ramp, lowest to highest: the colour-free twin of the scale.
/// The lowest level is a dot, not a blank, so it shows.
const RAMP: [&str; 5] = ["·", "░", "▒", "▓", "█"];
/// NaN and infinities.
const NONFINITE: &str = "×";
/// Most rows a heat map takes before it is block-averaged.
const MAX_ROWS: usize = 32;

/// `n` cells showing `v`: a colour block, or the ramp glyph without colour.
pub(super) fn swatch(scale: &Scale, v: f64, n: usize, theme: &Theme) -> Span<'static> {
    let Some(t) = scale.t(v) else {
        return Span::styled(NONFINITE.repeat(n), theme.nonfinite);
    };
    let diverging = matches!(scale, Scale::Diverging { .. });
    if theme.color {
        let c = theme.scale_color(t, diverging);
        Span::styled("█".repeat(n), Style::new().fg(c))
    } else {
        let k = scale.level(v, RAMP.len()).unwrap_or(0);
        Span::raw(RAMP[k].repeat(n))
    }
}

/// A legend swatch: bracketed without colour so the blank level shows.
fn key(scale: &Scale, v: f64, theme: &Theme) -> Vec<Span<'static>> {
    // Both forms are four columns wide, so the height does not depend on
    // the colour mode.
    if theme.color {
        vec![Span::raw(" "), swatch(scale, v, 2, theme), Span::raw(" ")]
    } else {
        vec![Span::raw("["), swatch(scale, v, 2, theme), Span::raw("]")]
    }
}

/// Block size `k` and cell width × height per (averaged) element: wide
/// cells for small arrays, one column each when two do not fit, block
/// averages beyond that.
fn fit(rows: usize, cols: usize, w: usize) -> (usize, usize, usize) {
    let w = w.max(1);
    if cols * 2 <= w && rows <= MAX_ROWS {
        let cw = (w / cols).min(8) & !1;
        let ch = (cw / 2).min(MAX_ROWS / rows).max(1);
        (1, cw, ch)
    } else if cols <= w && rows <= MAX_ROWS {
        (1, 1, 1)
    } else {
        let k = cols.div_ceil(w / 2).max(rows.div_ceil(MAX_ROWS)).max(1);
        (k, 2, 1)
    }
}

impl Heatmap {
    /// Columns of the row-index gutter: the widest row label and a space.
    pub(super) fn gutter(&self) -> usize {
        self.rows.saturating_sub(1).to_string().len() + 1
    }

    fn lines(&self, w: u16, theme: &Theme) -> Vec<Line<'static>> {
        let w = usize::from(w);
        let mut out = para(Span::raw(""), &self.title, w, theme.title);
        if self.rows == 0 || self.cols == 0 {
            out.push(Line::styled("(empty)", theme.note));
            return out;
        }
        let gutter = self.gutter();
        let (k, cw, ch) = fit(self.rows, self.cols, w.saturating_sub(gutter));
        let (r, c, data) = self.averaged(k);
        let scale = self.scale();
        out.push(Line::styled(ruler(c, k, cw, gutter), theme.index));
        for i in 0..r {
            let cells = data[i * c..(i + 1) * c]
                .iter()
                .map(|&v| swatch(&scale, v, cw, theme));
            let label = Span::styled(
                format!("{} ", right(&(i * k).to_string(), gutter - 1)),
                theme.index,
            );
            out.push(Line::from(
                [label].into_iter().chain(cells.clone()).collect::<Vec<_>>(),
            ));
            for _ in 1..ch {
                let pad = Span::raw(" ".repeat(gutter));
                out.push(Line::from(
                    [pad].into_iter().chain(cells.clone()).collect::<Vec<_>>(),
                ));
            }
        }
        out.extend(legend(&scale, w, theme));
        if k > 1 {
            let note = format!(
                "each cell is the mean of a {k}×{k} block of the {}×{} array (indices: each block's first row and column)",
                self.rows, self.cols
            );
            out.extend(para(Span::raw(""), &note, w, theme.note));
        }
        out
    }
}

/// The column indices above `cols` cells `cw` wide after a `gutter`: the
/// index of each cell's first column (`k` per cell), every `step` cells
/// with `step` the smallest of 1, 2, 5, 10, 20, 50, … whose labels do not
/// touch.
fn ruler(cols: usize, k: usize, cw: usize, gutter: usize) -> String {
    let widest = ((cols - 1) * k).to_string().len() + 1;
    let step = [1, 2, 5]
        .iter()
        .flat_map(|&m| (0..12).map(move |e| m * 10usize.pow(e)))
        .filter(|&s| s * cw >= widest)
        .min()
        .unwrap_or(cols);
    let mut line = " ".repeat(gutter);
    for j in (0..cols).step_by(step) {
        let at = gutter + j * cw;
        line.push_str(&" ".repeat(at.saturating_sub(line.len())));
        line.push_str(&(j * k).to_string());
    }
    line
}

/// One entry per ramp level with its value range, wrapped to the width.
pub(super) fn legend(scale: &Scale, w: usize, theme: &Theme) -> Vec<Line<'static>> {
    let mut entries: Vec<Vec<Span<'static>>> = match *scale {
        Scale::Empty => vec![vec![Span::styled("no finite values", theme.note)]],
        Scale::Constant(c) => vec![
            [
                key(scale, c, theme),
                vec![Span::styled(
                    format!(" all = {}", Scale::label(c)),
                    theme.note,
                )],
            ]
            .concat(),
        ],
        _ => (0..RAMP.len())
            .map(|k| {
                let (a, b) = scale.bin(k, RAMP.len());
                let mid = (a + b) / 2.0;
                let text = format!(" {}…{}", Scale::label(a), Scale::label(b));
                [key(scale, mid, theme), vec![Span::styled(text, theme.note)]].concat()
            })
            .collect(),
    };
    entries.push(
        [
            key(scale, f64::NAN, theme),
            vec![Span::styled(" nan/inf", theme.note)],
        ]
        .concat(),
    );
    let mut out = Vec::new();
    let mut line: Vec<Span<'static>> = vec![Span::styled("legend ", theme.header)];
    let mut used = 7;
    for e in entries {
        let ew: usize = e.iter().map(|s| width(&s.content)).sum::<usize>() + 2;
        if used + ew > w && line.len() > 1 {
            out.push(Line::from(std::mem::take(&mut line)));
            line.push(Span::raw("       "));
            used = 7;
        }
        line.extend(e);
        line.push(Span::raw("  "));
        used += ew;
    }
    out.push(Line::from(line));
    out
}

line_view!(Heatmap);
