//! The `accuracy` table: error vs grid size for edge_order 1 and 2.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};

use super::text::{para, render_lines, right, width};
use super::{Draw, THEME, Theme};
use crate::engine::EdgeOrder;
use crate::views::{Accuracy, AccuracyRow, Observed, ROUNDOFF_FACTOR, num};

fn sci(e: f64) -> String {
    if e == 0.0 {
        "0".into()
    } else {
        format!("{e:.3e}")
    }
}

fn order(o: Observed) -> String {
    match o {
        Observed::First => "–".into(),
        Observed::Order(o) => format!("{o:.2}"),
        Observed::Roundoff => "roundoff".into(),
    }
}

/// Columns between table cells.
const GAP: usize = 2;

fn seconds(s: f64) -> String {
    match s {
        s if s >= 1.0 => format!("{s:.2} s"),
        s if s >= 1e-3 => format!("{:.2} ms", s * 1e3),
        s => format!("{:.1} µs", s * 1e6),
    }
}

impl Accuracy {
    fn lines(&self, w: u16, theme: &Theme) -> Vec<Line<'static>> {
        let w = usize::from(w);
        let mut out = para(
            Span::styled("accuracy  ", theme.title),
            &format!(
                "np.gradient(f(x), h) on [{}, {}] against {}",
                num(self.a),
                num(self.b),
                self.reference
            ),
            w,
            theme.title,
        );
        for eo in [EdgeOrder::FIRST, EdgeOrder::SECOND] {
            out.push(Line::default());
            out.push(Line::styled(format!("edge_order={eo}"), theme.header));
            let rows: Vec<&AccuracyRow> = self.rows.iter().filter(|r| r.edge_order == eo).collect();
            out.extend(table(&rows, w, theme));
        }
        out.push(Line::default());
        out.extend(para(
            Span::raw(""),
            &format!(
                "order = log(e_coarse / e_fine) / log(h_coarse / h_fine): expect 1 at the edges \
                 for edge_order=1, 2 for edge_order=2, and 2 in the interior (higher where f'' \
                 happens to vanish); roundoff: an error within {ROUNDOFF_FACTOR}× of what \
                 floating-point rounding alone gives (4·eps·max|f|/h), where a finer grid no \
                 longer helps",
            ),
            w,
            theme.note,
        ));
        if let [t1, t2] = &self.timings[..] {
            let ratio = t2.seconds / t1.seconds;
            out.extend(para(
                Span::raw(""),
                &format!(
                    "time per call on {} points: edge_order=1 {}, edge_order=2 {} ({:.2}×)",
                    t1.len,
                    seconds(t1.seconds),
                    seconds(t2.seconds),
                    ratio
                ),
                w,
                theme.note,
            ));
        }
        out
    }
}

/// One edge order's rows: `n, h, edge error, order, interior error,
/// order`, right-aligned with two columns between cells; when that is wider
/// than `w`, the edge and interior columns as two tables one above the
/// other (each keeps `n` and `h`), and narrower still, tables that keep
/// only `n` beside their numbers.
fn table(rows: &[&AccuracyRow], w: usize, theme: &Theme) -> Vec<Line<'static>> {
    let head = ["n", "h", "edge error", "order", "interior error", "order"];
    let styles = [
        theme.index,
        theme.index,
        theme.diff,
        theme.diff,
        theme.gradient,
        theme.gradient,
    ];
    let cells: Vec<[String; 6]> = rows
        .iter()
        .map(|r| {
            [
                r.n.to_string(),
                format!("{:.3e}", r.h),
                sci(r.edge_error),
                order(r.edge_order_obs),
                sci(r.interior_error),
                order(r.interior_order_obs),
            ]
        })
        .collect();
    let mut cw: Vec<usize> = head.iter().map(|h| width(h)).collect();
    for row in &cells {
        for (k, c) in row.iter().enumerate() {
            cw[k] = cw[k].max(width(c));
        }
    }
    let total = |cols: &[usize]| cols.iter().map(|&k| cw[k] + GAP).sum::<usize>();
    // The widest arrangement whose tables all fit; the last always keeps
    // each number whole (two columns per table).
    let layouts: [&[&[usize]]; 4] = [
        &[&[0, 1, 2, 3, 4, 5]],
        &[&[0, 1, 2, 3], &[0, 1, 4, 5]],
        &[&[0, 1], &[0, 2, 3], &[0, 4, 5]],
        &[&[0, 1], &[0, 2], &[0, 3], &[0, 4], &[0, 5]],
    ];
    let parts: &[&[usize]] = layouts
        .iter()
        .find(|parts| parts.iter().all(|cols| total(cols) <= w))
        .unwrap_or(&layouts[3]);
    let line = |texts: &[&str], cols: &[usize], header: bool| {
        Line::from(
            cols.iter()
                .map(|&k| {
                    let style = if header { theme.header } else { styles[k] };
                    Span::styled(right(texts[k], cw[k] + GAP), style)
                })
                .collect::<Vec<_>>(),
        )
    };
    let mut out = Vec::new();
    for (i, cols) in parts.iter().enumerate() {
        if i > 0 {
            out.push(Line::default());
        }
        out.push(line(&head, cols, true));
        for row in &cells {
            let texts: Vec<&str> = row.iter().map(String::as_str).collect();
            out.push(line(&texts, cols, false));
        }
    }
    out
}

line_view!(Accuracy);
