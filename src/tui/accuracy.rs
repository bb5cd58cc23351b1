//! The `accuracy` table: error vs grid size for edge_order 1 and 2.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};

use super::text::{para, render_lines, right};
use super::{Draw, THEME, Theme};
use crate::engine::EdgeOrder;
use crate::views::{Accuracy, num};

fn sci(e: f64) -> String {
    if e == 0.0 {
        "0".into()
    } else {
        format!("{e:.3e}")
    }
}

fn order(o: Option<f64>) -> String {
    o.map_or("–".into(), |o| format!("{o:.2}"))
}

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
        let cols = [6, 10, 12, 7, 15, 7];
        let head = ["n", "h", "edge error", "order", "interior error", "order"];
        for eo in [EdgeOrder::FIRST, EdgeOrder::SECOND] {
            out.push(Line::default());
            out.push(Line::styled(format!("edge_order={eo}"), theme.header));
            out.push(Line::from(
                head.iter()
                    .zip(cols)
                    .map(|(h, c)| Span::styled(right(h, c), theme.header))
                    .collect::<Vec<_>>(),
            ));
            for r in self.rows.iter().filter(|r| r.edge_order == eo) {
                let cells = [
                    (r.n.to_string(), theme.index),
                    (format!("{:.3e}", r.h), theme.index),
                    (sci(r.edge_error), theme.diff),
                    (order(r.edge_order_obs), theme.diff),
                    (sci(r.interior_error), theme.gradient),
                    (order(r.interior_order_obs), theme.gradient),
                ];
                out.push(Line::from(
                    cells
                        .into_iter()
                        .zip(cols)
                        .map(|((t, s), c)| Span::styled(right(&t, c), s))
                        .collect::<Vec<_>>(),
                ));
            }
        }
        out.push(Line::default());
        out.extend(para(
            Span::raw(""),
            "order = log(e_coarse / e_fine) / log(h_coarse / h_fine): expect 1 at the edges \
             for edge_order=1, 2 for edge_order=2, and 2 in the interior (higher where f'' \
             happens to vanish)",
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

line_view!(Accuracy);
